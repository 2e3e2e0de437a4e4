# unspin cli tests: `--in-place` killed at any moment leaves the file either
# untouched or completely rewritten, never partly written.
. "$(dirname "$0")/lib.sh"

python3 - "$FIX/spun.txt" "$WORK/orig.txt" <<'PY'
import sys
spun = open(sys.argv[1], encoding="utf-8").read()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for _ in range(40000):
        f.write(spun)
PY
cl --fix "$WORK/orig.txt" >"$WORK/want.txt"
cmp -s "$WORK/orig.txt" "$WORK/want.txt" && fail "fixture has something to rewrite"

for delay in 0.05 0.1 0.2 0.3 0.5 0.8 1.2; do
  cp "$WORK/orig.txt" "$WORK/doc.txt"
  # Run the binary itself (not the cl shell function) so kill hits it.
  "$CLEANUP" --no-builtin --dict "$FIX/basic.tsv" --in-place "$WORK/doc.txt" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if cmp -s "$WORK/doc.txt" "$WORK/orig.txt"; then
    :  # killed before the rename: original intact
  elif cmp -s "$WORK/doc.txt" "$WORK/want.txt"; then
    :  # finished (or killed after the rename): complete rewrite
  else
    fail "killed after ${delay}s: the file is neither the original nor the rewrite"
  fi
done

# A write error (full disk) is an error and leaves the original in place.
if [ -w /dev/full ]; then
  run sh -c "'$CLEANUP' --no-builtin --dict '$FIX/basic.tsv' --fix '$FIX/spun.txt' >/dev/full"
  expect_rc 2 "--fix to a full disk"
  expect_err_has "No space left on device" "--fix to a full disk says why"
fi
finish
