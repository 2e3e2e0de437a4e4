# unspin cli tests: --format=jsonl has exactly the documented fields, with
# byte offsets that index the input, null for "no suggestion", "" for delete.
. "$(dirname "$0")/lib.sh"

cd "$FIX" || exit 1

# --- jsonl --------------------------------------------------------------
run cl --format=jsonl spun.txt
expect_rc 1 "jsonl"
printf '%s\n' "$OUT" >"$WORK/spun.jsonl"
python3 - "$WORK/spun.jsonl" "$FIX/spun.txt" <<'PY' || fail "jsonl fields"
import json, sys
want = {"file", "line", "column", "begin", "end", "text", "suggestion",
        "confidence", "source"}
data = open(sys.argv[2], "rb").read()
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == 3, lines
for line in lines:
    assert line == json.dumps(json.loads(line), separators=(",", ":"),
                              ensure_ascii=False), "not compact: " + line
    o = json.loads(line)
    assert set(o) == want, sorted(o)
    assert o["file"] == "spun.txt"
    for k in ("line", "column", "begin", "end"):
        assert isinstance(o[k], int) and not isinstance(o[k], bool), k
    assert data[o["begin"]:o["end"]].decode() == o["text"], o
    assert isinstance(o["suggestion"], str)
    assert 0 <= o["confidence"] <= 1
    assert round(o["confidence"], 4) == o["confidence"]
    assert o["source"].startswith("table:basic.tsv:"), o["source"]
first = json.loads(lines[0])
assert (first["line"], first["column"], first["text"]) == (2, 13, "bad guy gang")
assert first["suggestion"] == "criminal gang"
assert first["begin"] == data.index(b"bad guy gang")
assert first["source"] == "table:basic.tsv:2", first["source"]
PY

run cl --format=jsonl --min-confidence 0 special.txt
printf '%s\n' "$OUT" >"$WORK/special.jsonl"
python3 - "$WORK/special.jsonl" <<'PY' || fail "jsonl: null and empty suggestions"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by_text = {r["text"]: r for r in rows}
assert by_text["fierce reliance"]["suggestion"] is None, by_text
# A deletion mid-sentence takes its commas with it and suggests "".
assert by_text[", needless to say,"]["suggestion"] == "", by_text
# At a sentence start it also capitalizes the next word's first letter.
assert by_text["Needless to say, t"]["suggestion"] == "T", by_text
assert by_text["counterfeit consciousness"]["suggestion"] == "artificial intelligence"
PY

# A table entry with alternatives: "alternatives" holds the others, best
# first, and appears only when there are some.
printf 'fog computing\tcloud computing|edge computing|grid computing\t0.9\n' \
  >"$WORK/alt.tsv"
printf 'Fog computing and bad guy gangs.\n' >"$WORK/alt.txt"
run cl --dict "$WORK/alt.tsv" --format=jsonl "$WORK/alt.txt"
printf '%s\n' "$OUT" >"$WORK/alt.jsonl"
python3 - "$WORK/alt.jsonl" <<'PY' || fail "jsonl: alternatives"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by_text = {r["text"]: r for r in rows}
fog = by_text["Fog computing"]
assert fog["suggestion"] == "Cloud computing", fog
assert fog["alternatives"] == ["Edge computing", "Grid computing"], fog
assert list(fog)[6:8] == ["suggestion", "alternatives"], list(fog)
assert "alternatives" not in by_text["bad guy gangs"], by_text
PY

run cl --format=jsonl --explain spun.txt
printf '%s\n' "$OUT" | python3 -c '
import json, sys
for l in sys.stdin:
    o = json.loads(l)
    assert "explanation" in o and isinstance(o["explanation"], str), o
    assert len(o) == 10, sorted(o)
' || fail "jsonl --explain adds only explanation"

finish
