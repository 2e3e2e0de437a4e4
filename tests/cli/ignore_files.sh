# unspin cli tests: directory walking honours .gitignore, .ignore and
# .unspinignore (nested, negated, anchored, directory-only rules; a parent
# work tree's files), --no-ignore turns them off, and --include/--exclude
# globs read as gitignore reads them ('*' stops at '/', '**' does not).
. "$(dirname "$0")/lib.sh"

R="$WORK/repo"
mkdir -p "$R/.git" "$R/sub/node_modules/pkg" "$R/sub/docs/deep" "$R/build" \
  "$R/notes" || exit 1
for f in a.md sub/node_modules/pkg/r.md sub/docs/x.md sub/docs/deep/y.md \
  build/out.txt sub/keep.log.txt sub/drop.log.txt notes/n.txt notes/secret.txt; do
  echo "bad guy gangs" >"$R/$f"
done
printf '%s\n' '# comment' 'node_modules/' '/build' '*.log.txt' >"$R/.gitignore"
printf '%s\n' '!keep.log.txt' >"$R/sub/.ignore"
printf '%s\n' 'secret.txt' >"$R/notes/.unspinignore"

files() { printf '%s\n' "$OUT" | sed 's/:1:1:.*//' | tr '\n' ' '; }

cd "$R" || exit 1
run cl -q .
[ "$(files)" = "./a.md ./notes/n.txt ./sub/docs/deep/y.md ./sub/docs/x.md ./sub/keep.log.txt " ] ||
  fail "ignore files: got $(files)"
# From a subdirectory, the work tree's .gitignore above still applies.
cd "$R/sub" || exit 1
run cl -q .
[ "$(files)" = "./docs/deep/y.md ./docs/x.md ./keep.log.txt " ] || fail "parent .gitignore: got $(files)"
cd "$R" || exit 1
run cl -q --no-ignore .
[ "$(printf '%s\n' "$OUT" | grep -c gangs)" -eq 9 ] || fail "--no-ignore reads all nine"
# A file named on the command line is read even when ignored.
run cl -q build/out.txt
expect_rc 1 "named ignored file"
# Globs: '*' stops at '/', '**' crosses it; no '/' matches the base name.
run cl -q --exclude 'sub/docs/*' .
[ "$(files)" = "./a.md ./notes/n.txt ./sub/keep.log.txt " ] || fail "--exclude sub/docs/*: got $(files)"
run cl -q --include 'sub/*.md' .
expect_out_empty "--include sub/*.md matches no deeper file"
run cl -q --include 'sub/**/*.md' .
[ "$(files)" = "./sub/docs/deep/y.md ./sub/docs/x.md " ] || fail "--include sub/**/*.md: got $(files)"
run cl -q --include 'y.md' .
[ "$(files)" = "./sub/docs/deep/y.md " ] || fail "--include base name: got $(files)"
# Outside a git work tree, only the walked directory's files and below.
mkdir -p "$WORK/plain/in" && echo "*.md" >"$WORK/plain/.gitignore"
echo "bad guy gangs" >"$WORK/plain/in/z.md"
run cl -q "$WORK/plain/in"
expect_rc 1 "no work tree: the parent's .gitignore is not read"
run cl -q "$WORK/plain"
expect_rc 0 "the walked directory's .gitignore is read"
finish
