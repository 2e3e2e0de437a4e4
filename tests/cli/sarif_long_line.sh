# unspin cli tests: --format=sarif on one long line with many findings is
# linear (it was quadratic: 720 KB took 23 s) and its columns are exact.
. "$(dirname "$0")/lib.sh"

# 1.5 MB on one line, two-byte characters so code points != bytes.
python3 - "$WORK/long.txt" <<'PY'
import sys
unit = "Café bad guy gang, needless to say. "
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(unit * (1_500_000 // len(unit.encode())) + "\n")
PY
# timeout is a hang guard only (linear: seconds; quadratic, it took
# minutes).
run timeout 90 "$CLEANUP" --no-builtin --dict "$FIX/basic.tsv" --format=sarif "$WORK/long.txt"
expect_rc 1 "sarif, long line"
printf '%s\n' "$OUT" >"$WORK/log.sarif"
python3 - "$WORK/long.txt" "$WORK/log.sarif" <<'PY' || fail "sarif, long line: regions and fixes exact"
import json, sys
data = open(sys.argv[1], "rb").read()
log = json.load(open(sys.argv[2]))
res = log["runs"][0]["results"]
assert len(res) > 80000, len(res)
def col(off):
    return len(data[:off].decode()) + 1
for i, r in enumerate(res):
    reg = r["locations"][0]["physicalLocation"]["region"]
    b, n = reg["byteOffset"], reg["byteLength"]
    assert data[b:b + n].decode() == reg["snippet"]["text"], reg
    if i % 97 == 0 or i == len(res) - 1:
        assert reg["startLine"] == 1 and reg["startColumn"] == col(b), (reg, col(b))
        assert reg["endColumn"] == col(b + n), reg
        d = r["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
        assert d["startColumn"] == col(d["byteOffset"]), d
        assert d["endColumn"] == col(d["byteOffset"] + d["byteLength"]), d
# Applying every fix gives --fix's output.
out, pos = [], 0
for r in res:
    if "fixes" not in r:
        continue
    rep = r["fixes"][0]["artifactChanges"][0]["replacements"][0]
    b = rep["deletedRegion"]["byteOffset"]
    out.append(data[pos:b]); out.append(rep["insertedContent"]["text"].encode())
    pos = b + rep["deletedRegion"]["byteLength"]
out.append(data[pos:])
open(sys.argv[2] + ".applied", "wb").write(b"".join(out))
PY
cl --fix "$WORK/long.txt" >"$WORK/fixed.txt"
cmp -s "$WORK/log.sarif.applied" "$WORK/fixed.txt" || fail "sarif, long line: the fixes applied equal --fix"

finish
