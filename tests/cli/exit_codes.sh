# unspin cli tests: exit status 0 (nothing found), 1 (findings, also with
# --fix and --in-place), 2 (usage or input error), --help and --version.
. "$(dirname "$0")/lib.sh"

run cl "$FIX/clean.txt"
expect_rc 0 "clean file"
expect_out_empty "clean file"

run cl "$FIX/spun.txt"
expect_rc 1 "spun file"

run cl --fix "$FIX/spun.txt"
expect_rc 1 "--fix on a spun file"

run cl --fix "$FIX/clean.txt"
expect_rc 0 "--fix on a clean file"

cp "$FIX/spun.txt" "$WORK/inplace.txt"
run cl --in-place "$WORK/inplace.txt"
expect_rc 1 "--in-place on a spun file"

run cl "$FIX/spun.txt" "$WORK/missing.txt"
expect_rc 2 "error beats findings"

run cl --min-confidence 1 "$FIX/spun.txt"
expect_rc 0 "threshold above every finding"

run "$CLEANUP" --help
expect_rc 0 "--help"
expect_out_has "--format" "--help"
expect_out_has "--in-place" "--help"

run "$CLEANUP" --version
expect_rc 0 "--version"
case "$OUT" in "cleanup (unspin) "[0-9]*.[0-9]*.[0-9]*) ;;
  *) fail "--version prints 'cleanup (unspin) X.Y.Z'" ;; esac

finish
