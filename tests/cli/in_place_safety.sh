# unspin cli tests: --in-place never loses data: closed standard streams,
# FIFOs, links into /proc/self/fd, hard links, read-only files, late NULs.
# Every path touched here is made inside $WORK.
. "$(dirname "$0")/lib.sh"

cl --fix "$FIX/spun.txt" >"$WORK/expected.txt"

# Closed stdout, stderr or stdin: the temporary file must not become fd 0-2
# (the report would be written into the rewritten file).
cp "$FIX/spun.txt" "$WORK/out_closed.txt"
cl --in-place "$WORK/out_closed.txt" >&- 2>/dev/null
cmp -s "$WORK/out_closed.txt" "$WORK/expected.txt" ||
  fail "--in-place with stdout closed: file is exactly the rewrite"
cp "$FIX/spun.txt" "$WORK/err_closed.txt"
cl --in-place "$WORK/err_closed.txt" 2>&- >/dev/null
cmp -s "$WORK/err_closed.txt" "$WORK/expected.txt" ||
  fail "--in-place with stderr closed: file is exactly the rewrite"
cp "$FIX/spun.txt" "$WORK/in_closed.txt"
cl --in-place "$WORK/in_closed.txt" <&- >/dev/null 2>&1
cmp -s "$WORK/in_closed.txt" "$WORK/expected.txt" ||
  fail "--in-place with stdin closed: file is exactly the rewrite"
mkdir "$WORK/dir"
cp "$FIX/spun.txt" "$WORK/dir/x.txt"
cp "$FIX/spun.txt" "$WORK/dir/y.txt"
cl -j 2 --in-place "$WORK/dir" >&- 2>&-
for f in x y; do
  cmp -s "$WORK/dir/$f.txt" "$WORK/expected.txt" ||
    fail "-j 2 --in-place DIR with stdout closed: $f.txt is the rewrite"
done
# A big file is rewritten block by block while the findings are printed:
# with fd 1 closed, the report went into the temporary file.
python3 - "$FIX/spun.txt" "$WORK/big.txt" <<'PY'
import sys
spun = open(sys.argv[1], encoding="utf-8").read()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(spun * (17_500_000 // len(spun.encode())))
PY
cl --fix "$WORK/big.txt" >"$WORK/big.expected"
cl --in-place "$WORK/big.txt" >&- 2>/dev/null
cmp -s "$WORK/big.txt" "$WORK/big.expected" ||
  fail "--in-place of a big file with stdout closed: file is exactly the rewrite"
# The findings still reach a closed-then-reopened nothing: no crash, exit 1.
cp "$FIX/spun.txt" "$WORK/rc.txt"
cl --in-place "$WORK/rc.txt" >&- 2>&-
RC=$?
expect_rc 1 "--in-place with stdout and stderr closed: exit status"

# A FIFO is not rewritten (and not replaced by a regular file).
mkfifo "$WORK/fifo.txt"
(printf 'Police said bad guy gang members fled.\n' >"$WORK/fifo.txt") &
writer=$!
run timeout 20 "$CLEANUP" --no-builtin --dict "$FIX/basic.tsv" --in-place "$WORK/fifo.txt"
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
expect_rc 2 "--in-place on a FIFO"
expect_err_has "fifo.txt: not a regular file, not rewritten" "--in-place on a FIFO: message"
[ -p "$WORK/fifo.txt" ] || fail "--in-place on a FIFO: still a FIFO"
ls "$WORK" | grep -q cleanup- && fail "--in-place on a FIFO: no temporary file"

# A symbolic link into /proc/self/fd names whatever the process has open:
# refused, the file behind the descriptor and the link are untouched.
printf 'Police said bad guy gang members fled.\n' >"$WORK/victim.txt"
cp "$WORK/victim.txt" "$WORK/victim.orig"
ln -s /proc/self/fd/7 "$WORK/fdlink.txt"
exec 7<>"$WORK/victim.txt"
run cl --in-place "$WORK/fdlink.txt"
exec 7>&-
expect_rc 2 "--in-place on a link into /proc/self/fd"
expect_err_has "fdlink.txt: not a regular file, not rewritten" "--in-place on a /proc link: message"
cmp -s "$WORK/victim.txt" "$WORK/victim.orig" || fail "--in-place on a /proc link: victim unchanged"
[ -L "$WORK/fdlink.txt" ] || fail "--in-place on a /proc link: still a link"
# A link to a FIFO, too.
ln -s "$WORK/fifo.txt" "$WORK/fifolink.txt"
run timeout 20 "$CLEANUP" --no-builtin --dict "$FIX/basic.tsv" --in-place "$WORK/fifolink.txt"
expect_rc 2 "--in-place on a link to a FIFO"
[ -p "$WORK/fifo.txt" ] && [ -L "$WORK/fifolink.txt" ] || fail "--in-place on a link to a FIFO: both kept"
# The other files of the run are still rewritten.
cp "$FIX/spun.txt" "$WORK/also.txt"
run timeout 20 "$CLEANUP" --no-builtin --dict "$FIX/basic.tsv" --in-place "$WORK/fifo.txt" "$WORK/also.txt"
expect_rc 2 "--in-place on a FIFO and a file"
cmp -s "$WORK/also.txt" "$WORK/expected.txt" || fail "--in-place: the regular file next to a FIFO is rewritten"

# Documented: a read-only file is rewritten (a new file with the same mode,
# like sed -i); a hard link is broken: the name given gets the rewrite, the
# other names keep the original text.
cp "$FIX/spun.txt" "$WORK/ro.txt"
chmod 444 "$WORK/ro.txt"
run cl --in-place "$WORK/ro.txt"
expect_rc 1 "--in-place on a read-only file"
cmp -s "$WORK/ro.txt" "$WORK/expected.txt" || fail "--in-place on a read-only file: rewritten"
[ "$(stat -c %a "$WORK/ro.txt")" = 444 ] || fail "--in-place on a read-only file: mode 444 kept"
cp "$FIX/spun.txt" "$WORK/hl.txt"
ln "$WORK/hl.txt" "$WORK/hl2.txt"
run cl --in-place "$WORK/hl.txt"
expect_rc 1 "--in-place on a hard link"
cmp -s "$WORK/hl.txt" "$WORK/expected.txt" || fail "--in-place on a hard link: the name given is rewritten"
cmp -s "$WORK/hl2.txt" "$FIX/spun.txt" || fail "--in-place on a hard link: the other name keeps the original"

finish
