# unspin cli tests: batches: directories walked in a fixed order, --include,
# --exclude, --hidden, -j N giving the same bytes as -j 1, the summary line.
. "$(dirname "$0")/lib.sh"

# A tree of 30 matching files plus files the walk must leave out.
T=$WORK/tree
mkdir -p "$T/a/b/c" "$T/a/b2" "$T/d" "$T/.git" "$T/.hidden_dir" "$T/logs" "$T/empty"
i=0
for dir in "" a a/b a/b/c a/b2 d; do
  for name in one.txt two.md three.rst four.txt Upper.TXT; do
    i=$((i + 1))
    f="$T/${dir:+$dir/}$name"
    {
      echo "Document $i."
      n=0
      while [ $n -lt $((i % 4)) ]; do
        echo "Police said bad guy gang members fled on day $n."
        n=$((n + 1))
      done
      [ $((i % 5)) -eq 0 ] && echo "They use profound learning and client service bots."
      echo "The end."
    } >"$f"
  done
done
[ "$i" -eq 30 ] || fail "fixture: 30 files"
echo "bad guy gang in a log" >"$T/logs/run.log"
echo "bad guy gang in git" >"$T/.git/HEAD.txt"
echo "bad guy gang hidden" >"$T/.hidden.txt"
echo "bad guy gang hidden dir" >"$T/.hidden_dir/x.txt"
printf 'bad guy gang\0binary\n' >"$T/d/binary.txt"
ln -s "$T/a" "$T/d/link_to_dir"                 # not followed
ln -s "$T/logs/run.log" "$T/d/link_to_file.txt"  # read (it matches *.txt)

# The order the walk must produce: pre-order, names in byte order, hidden
# names and the binary file left out, the file link read, the dir link not.
python3 - "$T" >"$WORK/want_order" <<'PY'
import os, sys, fnmatch
root = sys.argv[1]
inc = ["*.txt", "*.text", "*.md", "*.markdown", "*.rst", "*.adoc",
       "*.asciidoc", "*.org", "*.tex", "*.html", "*.htm", "*.xhtml"]
def walk(d):
    for name in sorted(os.listdir(d), key=lambda s: s.encode()):
        if name.startswith("."):
            continue
        p = os.path.join(d, name)
        if os.path.islink(p) and os.path.isdir(p):
            continue
        if os.path.isdir(p):
            yield from walk(p)
        elif any(fnmatch.fnmatch(name.lower(), g) for g in inc):
            if b"\0" not in open(p, "rb").read():
                yield p
for p in walk(root):
    print(p)
PY
[ "$(wc -l <"$WORK/want_order")" -eq 31 ] || fail "fixture: 31 walked files"

cd "$WORK" || exit 1
# --- -j 1 and -j 3 give the same bytes, in every format -----------------
for fmt in text jsonl json diff sarif; do
  run cl --color=never --format=$fmt -j 1 tree
  cp "$WORK/out" "$WORK/j1.$fmt"
  sed 's/, [0-9.]* s$//' "$WORK/err" >"$WORK/j1.$fmt.err"
  expect_rc 1 "-j 1 $fmt"
  for j in 3 0; do
    run cl --color=never --format=$fmt -j $j tree
    expect_rc 1 "-j $j $fmt"
    cmp -s "$WORK/out" "$WORK/j1.$fmt" || fail "-j $j $fmt: stdout differs from -j 1"
    sed 's/, [0-9.]* s$//' "$WORK/err" | cmp -s - "$WORK/j1.$fmt.err" ||
      fail "-j $j $fmt: stderr differs from -j 1"
  done
done
[ -s "$WORK/j1.text" ] || fail "text output not empty"

# --- the walk order, the files left out ---------------------------------
run cl --format=json -j 2 "$T"
expect_rc 1 "walk"
printf '%s\n' "$OUT" | python3 -c '
import json, sys
print("\n".join(d["file"] for d in json.load(sys.stdin)["files"]))' >"$WORK/got_order"
cmp -s "$WORK/got_order" "$WORK/want_order" ||
  { fail "walk order"; diff "$WORK/want_order" "$WORK/got_order" >&2; }
case "$OUT" in *"/.git/"* | *".hidden"* | *"run.log"* | *"link_to_dir"* | *binary*)
  fail "walk: hidden, excluded, binary or linked-dir files read" ;; esac
expect_out_has "$T/d/link_to_file.txt" "walk: a link to a file is read"
case "$ERR" in *empty*) fail "only a named directory warns when empty" ;; esac
run cl "$T/empty"
expect_rc 0 "a directory without text files"
expect_err_has "cleanup: warning: $T/empty: no matching files" "empty directory warns"
# A trailing slash does not double the separator.
run cl --format=json tree/a/b2/
expect_out_has '"file":"tree/a/b2/four.txt"' "trailing slash"

# --- --include / --exclude / --hidden -----------------------------------
names() {
  printf '%s\n' "$OUT" | python3 -c '
import json, sys
print(" ".join(d["file"] for d in json.load(sys.stdin)["files"]))'
}
run cl --format=json --include '*.log' tree
[ "$(names)" = "tree/logs/run.log" ] || fail "--include replaces the defaults: $(names)"
run cl --format=json --include '*.md' --include '*.rst' --exclude 'a' tree
[ "$(names)" = "tree/d/three.rst tree/d/two.md tree/three.rst tree/two.md" ] || fail "--exclude prunes a directory: $(names)"
run cl --format=json --include 'a/b/**' tree
printf '%s\n' "$OUT" | python3 -c '
import json, sys
files = [d["file"] for d in json.load(sys.stdin)["files"]]
assert files and all(f.startswith("tree/a/b/") for f in files), files
assert any(f.startswith("tree/a/b/c/") for f in files), files' ||
  fail "--include matches the path relative to the directory"
# As in gitignore, '*' does not match '/': a/b/* holds no file of a/b/c.
run cl --format=json --include 'a/b/*' tree
printf '%s\n' "$OUT" | python3 -c '
import json, sys
files = [d["file"] for d in json.load(sys.stdin)["files"]]
assert files and all(f.startswith("tree/a/b/") for f in files), files
assert not any(f.startswith("tree/a/b/c/") for f in files), files' ||
  fail "--include a/b/* stops at /"
run cl --format=json --exclude '*.txt' --exclude '*.TXT' tree
case "$OUT" in *'.txt"'* | *'.TXT"'*) fail "--exclude by base name" ;; esac
run cl --color=never --hidden tree
expect_out_has "tree/.hidden_dir/x.txt:1:1:" "--hidden walks dot directories"
case "$OUT" in *"/.git/"*) fail "--hidden does not walk .git" ;; esac
expect_out_has "tree/.hidden.txt:1:1:" "--hidden reads dot files"
# Files named on the command line are read whatever the globs say.
run cl --color=never --exclude '*.log' tree/logs/run.log
expect_rc 1 "named file ignores --exclude"
expect_out_has "tree/logs/run.log:1:1:" "named file ignores --exclude"
# A named binary file is still an error; a walked one is skipped quietly.
run cl tree/d/binary.txt
expect_rc 2 "named binary file"
run cl --format=json tree/d
case "$ERR" in *binary*) fail "walked binary file skipped quietly" ;; esac

# --- the summary line ----------------------------------------------------
run cl -j 2 tree
expect_rc 1 "summary"
last=$(printf '%s\n' "$ERR" | tail -1)
printf '%s\n' "$last" |
  grep -Eqx '31 files, [0-9]+ words, [0-9]+ findings, [0-9]+ spun documents?, [0-9]+\.[0-9]{2} s' ||
  fail "summary line format: $last"
# Its counts agree with the json verdicts.
run cl --format=json tree
printf '%s\n' "$OUT" | python3 -c '
import json, sys, re
docs = json.load(sys.stdin)["files"]
words = sum(d["verdict"]["words"] for d in docs)
finds = sum(len(d["findings"]) for d in docs)
spun = sum(d["verdict"]["spun"] for d in docs)
want = "%d files, %d words, %d findings, %d spun document%s, " % (
    len(docs), words, finds, spun, "" if spun == 1 else "s")
got = sys.argv[1]
assert got.startswith(want), (got, want)
' "$(printf '%s\n' "$ERR" | tail -1)" || fail "summary counts"
# One file: no summary (the single-file stderr stays empty) unless -j.
run cl "$FIX/spun.txt"
expect_err_empty "one file: no summary"
run cl -j 1 "$FIX/spun.txt"
expect_err_has "1 file, " "-j forces the summary"
run cl "$FIX/spun.txt" "$FIX/clean.txt"
expect_err_has "2 files, " "two files: summary"
run cl -q -j 2 tree tree/empty
expect_err_has "no matching files" "--quiet keeps warnings"
case "$ERR" in *" files, "*) fail "--quiet: no summary" ;; esac
# Errors are counted, and still exit 2.
run cl "$FIX/spun.txt" "$WORK/missing.txt"
expect_rc 2 "summary with an error"
printf '%s\n' "$ERR" | tail -1 | grep -Eq '^1 file, .*, 1 error, [0-9.]+ s$' ||
  fail "summary counts errors"

# --- --in-place over a directory with -j ---------------------------------
cp -r tree "$WORK/tree2"
cl -j 3 --fix "$WORK/tree2/a/one.txt" >"$WORK/a_one.fixed" 2>/dev/null
run cl -j 3 --in-place tree2
expect_rc 1 "--in-place -j 3"
cmp -s "$WORK/tree2/a/one.txt" "$WORK/a_one.fixed" || fail "--in-place -j 3 rewrote the file"
run cl -j 3 tree2
expect_rc 0 "after --in-place nothing is left"

# --- -j values -------------------------------------------------------------
run cl -j -1 tree
expect_rc 2 "-j -1 is a usage error"
run cl --jobs=x tree
expect_rc 2 "--jobs=x is a usage error"

finish
