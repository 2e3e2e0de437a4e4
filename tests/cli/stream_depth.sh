# unspin cli tests: --stream survives hostile records: a record nested
# 70,000 levels deep is an error record, and the stream goes on.
. "$(dirname "$0")/lib.sh"

python3 - "$WORK/deep.jsonl" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('{"text": "bad guy gang", "x": ' + "[" * 70000 + "]" * 70000 + "}\n")
    f.write("[" * 70000 + "\n")
    f.write('{"text": "Police said bad guy gang members fled."}\n')
    f.write('{"a": ' * 600 + "1" + "}" * 600 + "\n")
PY
run cl --stream "$WORK/deep.jsonl"
expect_rc 2 "--stream, deeply nested records"
printf '%s\n' "$OUT" >"$WORK/out.jsonl"
python3 - "$WORK/out.jsonl" <<'PY' || fail "--stream: deep records give error records, the others findings"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert len(rows) == 4, len(rows)
assert "nested" in rows[0]["unspin"]["error"], rows[0]["unspin"]
assert rows[0]["line"] == 1 and rows[1]["line"] == 2
assert "nested" in rows[1]["unspin"]["error"], rows[1]["unspin"]
assert rows[2]["unspin"]["findings"][0]["suggestion"] == "criminal gang"
assert "error" in rows[3]["unspin"], rows[3]["unspin"]
PY
expect_err_has "deep.jsonl:1: " "--stream: error message names the line"

finish
