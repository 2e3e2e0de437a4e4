# unspin cli tests: file names with control characters or invalid UTF-8 are
# escaped in the text output and on stderr (no forged lines); JSON outputs
# keep them exact.
. "$(dirname "$0")/lib.sh"

nl='
'
evil="$WORK/evil${nl}x.txt:9:9: \"forged\" -> \"line\" (1.00)"
printf 'Police said bad guy gang members fled.\n' >"$evil"
run cl "$evil"
expect_rc 1 "name with a newline"
[ "$(printf '%s\n' "$OUT" | wc -l)" -eq 1 ] || fail "name with a newline: one output line"
expect_out_has 'evil\nx.txt:9:9:' "name with a newline: escaped as \\n"
run cl "$WORK/missing${nl}tab	bad$(printf '\377').txt"
expect_rc 2 "missing file with a newline"
[ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] || fail "missing file with a newline: one stderr line"
expect_err_has 'missing\ntab\tbad\xff.txt: No such file' "missing file: escaped name"
run cl --format=jsonl "$evil"
printf '%s\n' "$OUT" >"$WORK/o.jsonl"
python3 - "$WORK/o.jsonl" "$evil" <<'PY' || fail "jsonl keeps the raw name"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert rows[0]["file"] == sys.argv[2], rows[0]["file"]
PY
mkdir "$WORK/tree"
cp "$evil" "$WORK/tree/a${nl}b.txt"
run cl "$WORK/tree"
[ "$(printf '%s\n' "$OUT" | wc -l)" -eq 1 ] || fail "walked name with a newline: one output line"
expect_out_has 'a\nb.txt:' "walked name with a newline: escaped"
run cl --format=diff "$evil"
expect_out_has '--- a/' "diff with a newline in the name"
case "$OUT" in *"evil${nl}"*) fail "diff header: name escaped" ;; esac

finish
