# unspin cli tests: the README quick start, `cleanup examples/sample.txt`
# with the shipped data, finds the spun phrases of the bundled sample.
. "$(dirname "$0")/lib.sh"

cd "$SRC" || exit 1
run "$CLEANUP" --color=never examples/sample.txt
expect_rc 1 "quick start finds findings"
expect_err_empty "quick start"
for phrase in "Bad guy gangs" "eliminated" "human liberties" "environment change" \
              "Counterfeit\\nconsciousness" "irregular woodland" \
              "profound neural networks" "client service"; do
  expect_out_has "\"$phrase\"" "quick start finds $phrase"
done
printf '%s\n' "$OUT" | grep -q '^examples/sample.txt:1:1: "Bad guy gangs" -> "Criminal gangs"' ||
  fail "quick start: inflection and capital kept on line 1"

run "$CLEANUP" --fix examples/sample.txt
expect_rc 1 "quick start --fix"
expect_out_has "Criminal gangs have taken over" "quick start --fix"
expect_out_has "intelligence systems built on deep neural networks" "quick start --fix"

finish
