# unspin cli tests: json, diff and sarif stream inputs bigger than one block
# (16 MB) block by block, with exact offsets, lines and columns.
. "$(dirname "$0")/lib.sh"

# ~40 MB: three blocks, one of them cut inside a line (a 17 MB line).
python3 - "$FIX/spun.txt" "$WORK/big.txt" <<'PY'
import sys
spun = open(sys.argv[1], encoding="utf-8").read()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i in range(160000):
        f.write(spun if i % 3 == 0 else "A clean line, café, nothing to see.\n")
        if i == 60000:
            f.write(("word " * 3500000) + "bad guy gang in a long line\n")
PY
cl --format=jsonl "$WORK/big.txt" >"$WORK/big.jsonl"

run cl --format=json "$WORK/big.txt"
expect_rc 1 "json, big input"
printf '%s\n' "$OUT" >"$WORK/big.json"
python3 - "$WORK/big.json" "$WORK/big.jsonl" <<'PY' || fail "json, big input: one object, the jsonl findings, a verdict"
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
assert len(lines) == 3, len(lines)  # {"files":[, the document, ]}
(doc,) = json.loads("".join(lines))["files"]
rows = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
assert list(doc) == ["file", "findings", "verdict"], list(doc)
assert len(doc["findings"]) == len(rows)
for a, b in zip(doc["findings"], rows):
    del b["file"]
    assert a == b, (a, b)
v = doc["verdict"]
assert list(v) == ["spun_score", "spun", "words", "findings", "distinct_phrases", "findings_per_1000_words"], list(v)
assert v["findings"] == len(rows) and v["words"] > 3500000 and v["spun"] is True
PY

run cl --format=diff "$WORK/big.txt"
expect_rc 1 "diff, big input"
printf '%s\n' "$OUT" >"$WORK/big.diff"
cp "$WORK/big.txt" "$WORK/patched.txt"
patch -s "$WORK/patched.txt" <"$WORK/big.diff" >/dev/null 2>&1 || fail "diff, big input: patch applies"
cl --fix "$WORK/big.txt" >"$WORK/fixed.txt"
cmp -s "$WORK/patched.txt" "$WORK/fixed.txt" || fail "diff, big input: patched equals --fix"

run cl --format=sarif "$WORK/big.txt"
expect_rc 1 "sarif, big input"
printf '%s\n' "$OUT" >"$WORK/big.sarif"
python3 - "$WORK/big.sarif" "$WORK/big.jsonl" <<'PY' || fail "sarif, big input: one result per finding, exact regions"
import json, sys
log = json.load(open(sys.argv[1]))
res = log["runs"][0]["results"]
rows = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
assert len(res) == len(rows), (len(res), len(rows))
for r, f in zip(res, rows):
    reg = r["locations"][0]["physicalLocation"]["region"]
    assert reg["byteOffset"] == f["begin"] and reg["byteLength"] == f["end"] - f["begin"]
    assert reg["startLine"] == f["line"] and reg["startColumn"] == f["column"], (reg, f)
assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True
PY

# Memory stays bounded (sanitizer builds aside): read whole, this input took
# 345 MB in json and several GB in sarif.
if (ulimit -v 4000000 && "$CLEANUP" --version) >/dev/null 2>&1; then
  for fmt in json:250000 sarif:500000; do
    /usr/bin/time -f %M -o "$WORK/rss" "$CLEANUP" --no-builtin --dict "$FIX/basic.tsv" \
      --format=${fmt%%:*} "$WORK/big.txt" >/dev/null 2>&1
    rss=$(tail -1 "$WORK/rss")
    [ "$rss" -lt "${fmt##*:}" ] || fail "${fmt%%:*}, big input: peak RSS $rss KB (want < ${fmt##*:} KB)"
  done
fi

# Standard input: the same findings as the file, for every format.
for fmt in json sarif; do
  cl --format=$fmt <"$WORK/big.txt" >"$WORK/stdin.$fmt"
done
python3 - "$WORK/big.json" "$WORK/stdin.json" <<'PY' || fail "json, big stdin: same as the file"
import json, sys
(a,) = json.loads(open(sys.argv[1]).read())["files"]
(b,) = json.loads(open(sys.argv[2]).read())["files"]
assert a["findings"] == b["findings"] and a["verdict"] == b["verdict"]
PY

# Small inputs are unchanged: one json object, the library's verdict.
run cl --format=json "$FIX/spun.txt"
cl --format=json <"$FIX/spun.txt" | sed 's/"file":"<stdin>"/"file":"X"/' >"$WORK/a"
printf '%s\n' "$OUT" | sed "s|\"file\":\"$FIX/spun.txt\"|\"file\":\"X\"|" >"$WORK/b"
cmp -s "$WORK/a" "$WORK/b" || fail "json, small stdin and file give the same object"

finish
