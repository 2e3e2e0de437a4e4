# unspin cli tests: golden cases. For each tests/data/cases/NAME.in.txt,
# `cleanup --format=jsonl` must equal NAME.expected.jsonl and `--fix` must
# equal NAME.expected.fixed.txt (each when present). UPDATE_GOLDEN=1 rewrites the expectations
# (then check every change by hand before committing it).
. "$(dirname "$0")/lib.sh"

CASES=$SRC/tests/data/cases
cd "$CASES" || exit 1
golden() {
  "$CLEANUP" --no-builtin --dict "$FIX/cases.tsv" --data-dir "$DATA" \
    --min-confidence 0.1 "$@"
}

n=0
for in in *.in.txt; do
  name=${in%.in.txt}
  n=$((n + 1))
  golden --format=jsonl "$in" >"$WORK/$name.jsonl" 2>"$WORK/$name.err"
  golden --fix "$in" >"$WORK/$name.fixed" 2>>"$WORK/$name.err"
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    # Only the expectations a case has (a new case gets both); a case may
    # pin just its --fix output when the exact spans are the library's call.
    new=1
    [ -e "$name.expected.jsonl" ] || [ -e "$name.expected.fixed.txt" ] && new=0
    [ $new = 1 ] || [ -e "$name.expected.jsonl" ] && cp "$WORK/$name.jsonl" "$name.expected.jsonl"
    [ $new = 1 ] || [ -e "$name.expected.fixed.txt" ] && cp "$WORK/$name.fixed" "$name.expected.fixed.txt"
    continue
  fi
  [ -e "$name.expected.jsonl" ] || [ -e "$name.expected.fixed.txt" ] ||
    fail "golden $name: no expectations"
  if [ -e "$name.expected.jsonl" ] && ! cmp -s "$WORK/$name.jsonl" "$name.expected.jsonl"; then
    fail "golden $name: jsonl differs"
    diff -u "$name.expected.jsonl" "$WORK/$name.jsonl" >&2
  fi
  if [ -e "$name.expected.fixed.txt" ] && ! cmp -s "$WORK/$name.fixed" "$name.expected.fixed.txt"; then
    fail "golden $name: --fix differs"
    diff -u "$name.expected.fixed.txt" "$WORK/$name.fixed" >&2
  fi
  [ -s "$WORK/$name.err" ] && { echo "golden $name stderr:" >&2; cat "$WORK/$name.err" >&2; }
done
[ "$n" -ge 6 ] || fail "expected at least 6 golden cases, found $n"

finish
