# unspin cli tests: FIFOs and other non-regular inputs are streamed block by
# block like standard input; running out of memory is exit 2, not an abort.
. "$(dirname "$0")/lib.sh"

# Sanitizer builds reserve terabytes of address space: no ulimit -v there,
# and their RSS says nothing about ours.
plain=1
(ulimit -v 4000000 && "$CLEANUP" --version) >/dev/null 2>&1 || plain=0

# A FIFO gives the same findings as the file.
printf 'Police said bad guy gang members fled.\n' >"$WORK/small.txt"
mkfifo "$WORK/small.fifo"
cat "$WORK/small.txt" >"$WORK/small.fifo" &
run cl --format=jsonl "$WORK/small.fifo"
wait
expect_rc 1 "FIFO input"
expect_out_has '"suggestion":"criminal gang"' "FIFO input: finding"

if [ "$plain" = 1 ]; then
  # 100 MB through a FIFO: memory stays bounded.
  mkfifo "$WORK/big.fifo"
  python3 -c '
import sys
line = b"A clean line of ordinary words, nothing to see here at all.\n"
chunk = line * (1 << 14)
for _ in range(100 * (1 << 20) // len(chunk)):
    sys.stdout.buffer.write(chunk)
' >"$WORK/big.fifo" &
  /usr/bin/time -f %M -o "$WORK/rss" "$CLEANUP" --no-builtin --dict "$FIX/basic.tsv" \
    --format=jsonl "$WORK/big.fifo" >/dev/null 2>"$WORK/err"
  RC=$?
  wait
  expect_rc 0 "100 MB FIFO"
  rss=$(tail -1 "$WORK/rss")
  # Streamed: ~60 MB; read whole, it took 150 MB.
  [ "$rss" -lt 120000 ] || fail "100 MB FIFO streamed: peak RSS $rss KB (want < 120 MB)"

  # One endless word through a FIFO under a memory limit: an error, exit 2.
  mkfifo "$WORK/zero.fifo"
  (head -c 300M /dev/zero | tr '\0' a >"$WORK/zero.fifo") 2>/dev/null &
  (ulimit -v 400000
   exec "$CLEANUP" --no-builtin --dict "$FIX/basic.tsv" "$WORK/zero.fifo") \
    >"$WORK/out" 2>"$WORK/err"
  RC=$?
  ERR=$(cat "$WORK/err"); OUT=$(cat "$WORK/out")
  wait
  expect_rc 2 "endless word under ulimit -v"
  expect_err_has "out of memory" "endless word under ulimit -v: message"
else
  echo "sanitizer build: memory checks skipped"
fi

finish
