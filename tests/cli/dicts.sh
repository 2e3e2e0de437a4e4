# unspin cli tests: --dict order (later tables switch entries off), --allow,
# --no-builtin, --data-dir and UNSPIN_DATA_DIR.
. "$(dirname "$0")/lib.sh"

cd "$FIX" || exit 1

run cl --color=never spun.txt
expect_out_has '"client service" -> "customer service"' "baseline"

run cl --dict off.tsv --color=never spun.txt
expect_rc 1 "switch-off table"
case "$OUT" in *"client service"*) fail "a later --dict switches an entry off" ;; esac
expect_out_has '"bad guy gang"' "switch-off table keeps the rest"

run cl --allow allow.txt --color=never spun.txt
case "$OUT" in *"profound learning"*) fail "--allow drops allowlisted phrases" ;; esac
expect_out_has '"client service"' "--allow keeps the rest"


# --domain keeps entries with that tag (and untagged ones).
run "$CLEANUP" --no-builtin --dict basic.tsv --domain science --color=never spun.txt
expect_out_has '"profound learning"' "--domain science keeps science entries"
case "$OUT" in *'"bad guy gang'*) fail "--domain science drops news entries" ;; esac
run "$CLEANUP" --no-builtin --dict basic.tsv --domain news --domain business --color=never spun.txt
expect_out_has '"client service"' "--domain is repeatable"
case "$OUT" in *'"profound learning"'*) fail "--domain news,business drops science entries" ;; esac

# --data-dir and UNSPIN_DATA_DIR select the shipped tables.
run "$CLEANUP" --data-dir "$DATA" --color=never spun.txt
[ "$RC" -le 1 ] || fail "--data-dir $DATA works"
run env UNSPIN_DATA_DIR="$DATA" "$CLEANUP" --color=never spun.txt
[ "$RC" -le 1 ] || fail "UNSPIN_DATA_DIR works"

# A user table switches off a shipped entry; an allowlist drops another.
if [ -n "$SRC" ] && [ -f "$SRC/examples/sample.txt" ]; then
  run "$CLEANUP" --data-dir "$DATA" --color=never "$SRC/examples/sample.txt"
  expect_out_has '"client service"' "shipped tables find client service"
  run "$CLEANUP" --data-dir "$DATA" --dict off.tsv --color=never "$SRC/examples/sample.txt"
  expect_rc 1 "shipped tables plus a switch-off table"
  case "$OUT" in *'"client service"'*) fail "--dict switches off a shipped entry" ;; esac
  expect_out_has '"human liberties"' "switch-off leaves the other shipped entries"
fi

finish
