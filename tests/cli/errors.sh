# unspin cli tests: every input and usage error: message on stderr as
# "cleanup: MESSAGE", exit 2, and the other files still processed.
. "$(dirname "$0")/lib.sh"

cd "$FIX" || exit 1

run cl missing.txt
expect_rc 2 "missing file"
expect_err_has "cleanup: missing.txt: No such file or directory" "missing file"
expect_out_empty "missing file"

# A directory is walked (tests/cli/batch.sh); one without text files only
# warns. Through --stream it is an input error.
mkdir -p "$WORK/nothing"
run cl "$WORK/nothing"
expect_rc 0 "directory without text files"
expect_err_has "cleanup: warning: $WORK/nothing: no matching files" "directory"
run cl --stream "$WORK/nothing"
expect_rc 2 "directory as a stream"
expect_err_has "cleanup: $WORK/nothing: Is a directory" "directory as a stream"

run cl invalid_utf8.txt
expect_rc 2 "invalid UTF-8"
expect_err_has "cleanup: invalid_utf8.txt: invalid UTF-8 at byte 25 (" "invalid UTF-8"
run cl --color=never --invalid-utf8=replace invalid_utf8.txt
expect_rc 1 "--invalid-utf8=replace"
expect_out_has 'invalid_utf8.txt:1:13: "bad guy gang" -> "criminal gang"' "--invalid-utf8=replace"
run cl --format=jsonl --invalid-utf8=replace invalid_utf8.txt
printf '%s\n' "$OUT" | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' ||
  fail "--invalid-utf8=replace: jsonl stays valid JSON"

run cl binary.bin
expect_rc 2 "binary"
expect_err_has "cleanup: binary.bin: binary file, skipped" "binary"
expect_out_empty "binary"

run cl empty.txt
expect_rc 0 "empty file"
expect_err_has "empty.txt: empty input" "empty file"
expect_out_empty "empty file"
run cl --format=json empty.txt
expect_rc 0 "empty file, json"
expect_out_has '"findings":[]' "empty file, json"
expect_out_has '{"files":[' "empty file, json"
run cl </dev/null
expect_rc 0 "empty stdin"
expect_err_has "<stdin>: empty input" "empty stdin"

run "$CLEANUP" --no-builtin --dict bad.tsv clean.txt
expect_rc 2 "malformed dictionary"
expect_err_has "cleanup: bad.tsv:4: " "malformed dictionary names file:line"
expect_out_empty "malformed dictionary"
run "$CLEANUP" --no-builtin --dict nonexistent.tsv clean.txt
expect_rc 2 "missing dictionary"
expect_err_has "nonexistent.tsv" "missing dictionary"
run "$CLEANUP" --no-builtin --dict basic.tsv --allow nonexistent.txt clean.txt
expect_rc 2 "missing allowlist"
expect_err_has "nonexistent.txt" "missing allowlist"

# Bad option values and unknown options.
for bad in "--format=xml" "--min-confidence=2" "--min-confidence=-0.5" \
           "--min-confidence=abc" "--invalid-utf8=drop" "--no-such-option" \
           "--in-place=" "--data-dir=$WORK/nowhere"; do
  run cl "$bad" clean.txt
  expect_rc 2 "bad option $bad"
  expect_err_has "cleanup: " "bad option $bad"
  expect_out_empty "bad option $bad"
done

# Several files, some failing: every error reported, the others processed,
# exit 2 at the end.
run cl --color=never missing.txt spun.txt binary.bin clean.txt invalid_utf8.txt
expect_rc 2 "mixed files"
expect_err_has "missing.txt: No such file or directory" "mixed files"
expect_err_has "binary.bin: binary file, skipped" "mixed files"
expect_err_has "invalid_utf8.txt: invalid UTF-8" "mixed files"
[ "$(printf '%s\n' "$OUT" | grep -c '^spun.txt:')" -eq 3 ] || fail "mixed files: spun.txt still scanned"

# A wrong UNSPIN_DATA_DIR is an error naming it, not skipped for another
# data directory (more in data_dir.sh).
run env UNSPIN_DATA_DIR="$WORK/nowhere" "$CLEANUP" clean.txt
expect_rc 2 "wrong UNSPIN_DATA_DIR"
expect_err_has "UNSPIN_DATA_DIR=$WORK/nowhere: no such directory" "wrong UNSPIN_DATA_DIR"

finish
