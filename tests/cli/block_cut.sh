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

finish
