# unspin cli tests: inputs bigger than one 16 MB block are streamed block by
# block; offsets, lines, columns and the rewrite must still be exact.
. "$(dirname "$0")/lib.sh"

# ~37 MB: a spun paragraph and a clean one, repeated, plus a 17 MB line
# without a line break so that a block is cut inside a line.
python3 - "$FIX/spun.txt" "$WORK/big.txt" <<'PY'
import sys
spun = open(sys.argv[1], encoding="utf-8").read()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i in range(150000):
        f.write(spun if i % 3 == 0 else "A clean line of ordinary words, nothing to see.\n")
        if i == 75000:
            f.write(("word " * 3500000) + "bad guy gang in a long line\n")
PY
size=$(stat -c %s "$WORK/big.txt")
[ "$size" -gt $((17 * 1024 * 1024)) ] || fail "fixture is bigger than one block ($size bytes)"

run cl --format=jsonl "$WORK/big.txt"
expect_rc 1 "big input: findings"
printf '%s\n' "$OUT" >"$WORK/big.jsonl"
python3 - "$WORK/big.txt" "$WORK/big.jsonl" <<'PY' || fail "big input: jsonl offsets, lines and columns match the input"
import json, sys
data = open(sys.argv[1], "rb").read()
rows = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
assert len(rows) > 1000, len(rows)
line_starts = [0] + [i + 1 for i, b in enumerate(data) if b == 10]
import bisect
for r in rows:
    assert data[r["begin"]:r["end"]].decode() == r["text"], r
    line = bisect.bisect_right(line_starts, r["begin"])
    assert line == r["line"], (line, r)
    col = len(data[line_starts[line - 1]:r["begin"]].decode()) + 1
    assert col == r["column"], (col, r)
PY

# --fix equals applying the jsonl suggestions to the input.
cl --fix "$WORK/big.txt" >"$WORK/fixed.txt"
python3 - "$WORK/big.txt" "$WORK/big.jsonl" "$WORK/fixed.txt" <<'PY' || fail "big input: --fix equals the jsonl suggestions applied"
import json, sys
data = open(sys.argv[1], "rb").read()
out, pos = [], 0
for l in open(sys.argv[2]):
    if not l.strip():
        continue
    r = json.loads(l)
    if r["suggestion"] is None:
        continue
    out.append(data[pos:r["begin"]]); out.append(r["suggestion"].encode()); pos = r["end"]
out.append(data[pos:])
assert b"".join(out) == open(sys.argv[3], "rb").read()
PY

# Standard input streams the same way and gives the same report.
cl --format=jsonl <"$WORK/big.txt" >"$WORK/stdin.jsonl"
sed 's/"file":"[^"]*"//' "$WORK/big.jsonl" >"$WORK/a"
sed 's/"file":"[^"]*"//' "$WORK/stdin.jsonl" >"$WORK/b"
cmp -s "$WORK/a" "$WORK/b" || fail "big input: stdin and file give the same findings"

# Invalid UTF-8 deep in a big file is reported with its offset in the file.
cp "$WORK/big.txt" "$WORK/bad.txt"
printf 'tail \300\257 end\n' >>"$WORK/bad.txt"
bad_at=$(( $(stat -c %s "$WORK/big.txt") + 5 ))
run cl "$WORK/bad.txt"
expect_rc 2 "big input: invalid UTF-8"
expect_err_has "invalid UTF-8 at byte $bad_at" "big input: offset of the invalid byte"

finish
