# unspin cli tests: a big input is cut into blocks only where no word or
# phrase spans the cut, even without any space or line break.
. "$(dirname "$0")/lib.sh"

# 17 MB with no space or newline: "x-x-...-bad-guy-gangway-x-x...", with
# "gang|way" at byte 16 MiB - 1, where the old cut fell.
python3 - "$WORK/nospace.txt" <<'PY'
import sys
cut = (16 << 20) - 1
word = "bad-guy-gang"
pre = ("x-" * (cut // 2 + 2))[: cut - len(word)]
pre = pre[:-1] + "-"
tail = ("-x" * (512 * 1024)) + "\n"
data = pre + word + "way" + tail
assert data.index("way") == cut
open(sys.argv[1], "w").write(data)
PY
run cl --fix "$WORK/nospace.txt"
expect_rc 0 "no-space 17 MB input: no finding"
case "$OUT" in *criminal*) fail "no-space 17 MB input: a word cut across blocks was rewritten" ;; esac
cl --fix "$WORK/nospace.txt" | cmp -s - "$WORK/nospace.txt" ||
  fail "no-space 17 MB input: --fix output equals the input"
cp "$WORK/nospace.txt" "$WORK/copy.txt"
run cl --in-place "$WORK/copy.txt"
expect_rc 0 "no-space 17 MB input, --in-place"
cmp -s "$WORK/copy.txt" "$WORK/nospace.txt" || fail "no-space 17 MB input: --in-place leaves it as it is"
run cl --format=jsonl "$WORK/nospace.txt"
expect_out_empty "no-space 17 MB input: no jsonl finding"

# CR-only and CRLF line ends in a 17 MB input: lines and columns in every
# block count LF, CR and CRLF as the library does in one text (blocks of a
# CR-only input are cut after spaces, as there is no LF to cut after).
for eol in cr crlf; do
  python3 - "$WORK/$eol.txt" "$eol" <<'PY'
import sys
eol = "\r" if sys.argv[2] == "cr" else "\r\n"
lines = []
for i in range(520000):
    lines.append("Police said bad guy gang members fled." if i % 7 == 0
                 else "caf\u00e9 line %d is clean, nothing here." % i)
open(sys.argv[1], "w", encoding="utf-8", newline="").write(eol.join(lines) + eol)
PY
  [ "$(stat -c %s "$WORK/$eol.txt")" -gt $((17 * 1024 * 1024)) ] || fail "$eol fixture is bigger than one block"
  run cl --format=jsonl "$WORK/$eol.txt"
  expect_rc 1 "$eol 17 MB input: findings"
  printf '%s\n' "$OUT" >"$WORK/$eol.jsonl"
  python3 - "$WORK/$eol.txt" "$WORK/$eol.jsonl" <<'PY' || fail "$eol 17 MB input: jsonl lines and columns are the whole input's"
import bisect, json, re, sys
data = open(sys.argv[1], "rb").read()
rows = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
assert len(rows) >= 520000 // 7 - 1, len(rows)  # a cut may split one
starts = [0] + [m.end() for m in re.finditer(rb"\r\n|\r|\n", data)]
for r in rows:
    assert data[r["begin"]:r["end"]].decode() == r["text"], r
    line = bisect.bisect_right(starts, r["begin"])
    assert line == r["line"], (line, r)
    col = len(data[starts[line - 1]:r["begin"]].decode()) + 1
    assert col == r["column"], (col, r)
PY
  # Standard input (a pipe, read in pieces of any size) gives the same.
  cat "$WORK/$eol.txt" | cl --format=jsonl - | sed 's/"file":"[^"]*"//' >"$WORK/a"
  sed 's/"file":"[^"]*"//' "$WORK/$eol.jsonl" >"$WORK/b"
  cmp -s "$WORK/a" "$WORK/b" || fail "$eol 17 MB input: a pipe gives the same findings as the file"
done

# A BOM starting a first line longer than a block is not a column, in the
# later blocks either.
python3 - "$WORK/bom.txt" <<'PY'
import sys
data = "\ufeff" + "caf\u00e9 " * 3500000 + "bad guy gang here\n"
open(sys.argv[1], "w", encoding="utf-8").write(data)
PY
run cl --format=jsonl "$WORK/bom.txt"
expect_rc 1 "17 MB first line after a BOM: a finding"
expect_out_has '"line":1,"column":17500001,' "17 MB first line after a BOM: the column does not count the BOM"

finish
