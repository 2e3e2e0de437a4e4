# unspin cli tests: a NUL byte late in a big input: nothing of the document
# is printed by --fix or the one-object formats, and --in-place leaves the
# file untouched with no temporary file behind.
. "$(dirname "$0")/lib.sh"

python3 - "$WORK/late.txt" <<'PY'
import sys
line = b"Police said bad guy gang members fled.\n"
with open(sys.argv[1], "wb") as f:
    f.write(line * (20_000_000 // len(line)))
    f.write(b"end \0 of it\n")
PY
for mode in --fix --format=json --format=sarif --format=diff; do
  run cl $mode "$WORK/late.txt"
  expect_rc 2 "late NUL, $mode"
  expect_err_has "late.txt: binary file, skipped" "late NUL, $mode: message"
  case "$mode" in
    --fix|--format=diff) expect_out_empty "late NUL, $mode: nothing printed" ;;
    --format=json) expect_out '{"files":[]}' "late NUL, json: no document" ;;
  esac
done
# Through a pipe (not seekable): --fix prints nothing either.
cat "$WORK/late.txt" | "$CLEANUP" --no-builtin --dict "$FIX/basic.tsv" --fix >"$WORK/out" 2>"$WORK/err"
RC=$?
OUT=$(head -c 100 "$WORK/out"); ERR=$(cat "$WORK/err")
expect_rc 2 "late NUL on a pipe, --fix"
[ -s "$WORK/out" ] && fail "late NUL on a pipe, --fix: nothing printed"
cp "$WORK/late.txt" "$WORK/keep.txt"
mkdir "$WORK/d"
cp "$WORK/late.txt" "$WORK/d/late.txt"
run cl --in-place "$WORK/d/late.txt"
expect_rc 2 "late NUL, --in-place"
cmp -s "$WORK/d/late.txt" "$WORK/keep.txt" || fail "late NUL, --in-place: file untouched"
[ "$(ls "$WORK/d")" = late.txt ] || fail "late NUL, --in-place: no temporary file left"

finish
