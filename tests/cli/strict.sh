# unspin cli tests: typos do not pass silently. An unknown --domain, no
# phrase table at all, tables without an entry and thresholds outside [0, 1]
# are errors (exit 2, a message naming the problem, nothing on stdout);
# --help mentions the dict subcommand.
. "$(dirname "$0")/lib.sh"

cd "$FIX" || exit 1

# expect_error WHAT MESSAGE: exit 2, stderr exactly MESSAGE, stdout empty.
expect_error() {
  expect_rc 2 "$1"
  [ "$ERR" = "$2" ] || fail "$1: stderr is not: $2"
  expect_out_empty "$1"
}

run cl --domain scince spun.txt
expect_error "unknown --domain" \
  "cleanup: --domain: no table entry is tagged 'scince' (tags in the tables: business, news, science)"
run cl --domain science --domain newz spun.txt
expect_error "one unknown --domain among known ones" \
  "cleanup: --domain: no table entry is tagged 'newz' (tags in the tables: business, news, science)"
# The shipped tables' tags are listed the same way.
run "$CLEANUP" --domain scince spun.txt
expect_error "unknown --domain, shipped tables" \
  "cleanup: --domain: no table entry is tagged 'scince' (tags in the tables: mt, news, science)"
# A known domain still works.
run cl --domain business --color=never spun.txt
expect_rc 1 "known --domain"
expect_out_has '"client service"' "known --domain"

run "$CLEANUP" --no-builtin spun.txt
expect_error "--no-builtin without --dict" \
  "cleanup: --no-builtin without --dict: no phrase table to check with (give one or more --dict FILE)"
run "$CLEANUP" --no-builtin --print-data-dir
expect_error "--no-builtin without --dict, --print-data-dir" \
  "cleanup: --no-builtin without --dict: no phrase table to check with (give one or more --dict FILE)"
printf '# no entries yet\n' >"$WORK/empty.tsv"
run "$CLEANUP" --no-builtin --dict "$WORK/empty.tsv" spun.txt
expect_error "--no-builtin with only an empty table" \
  "cleanup: the phrase tables hold no active entry: nothing could be found"
# An empty user table next to the shipped ones is fine.
run "$CLEANUP" --dict "$WORK/empty.tsv" --color=never clean.txt
expect_rc 0 "an empty --dict next to the shipped tables"

for x in 1.5 -0.1 nan 2 abc ""; do
  run cl --min-confidence "$x" spun.txt
  expect_rc 2 "--min-confidence '$x'"
  expect_err_has "--min-confidence" "--min-confidence '$x'"
  expect_err_has "expected a number from 0 to 1, got '$x'" "--min-confidence '$x'"
  expect_out_empty "--min-confidence '$x'"
done
for x in 0 1 0.5; do
  run cl --min-confidence "$x" --color=never spun.txt
  [ "$RC" -le 1 ] || fail "--min-confidence $x is in range: exit $RC"
done

run "$CLEANUP" --help
expect_rc 0 "--help"
expect_out_has "cleanup dict check|import" "--help mentions the dict subcommand"
run "$CLEANUP" dict --help
expect_rc 0 "dict --help"

finish
