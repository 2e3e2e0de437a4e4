# unspin cli tests: --in-place rewrites atomically, keeps permissions and
# symbolic links, makes FILE+SUFFIX backups, refuses standard input.
. "$(dirname "$0")/lib.sh"

cl --fix "$FIX/spun.txt" >"$WORK/expected.txt"

# Without a backup.
cp "$FIX/spun.txt" "$WORK/a.txt"
chmod 640 "$WORK/a.txt"
run cl --in-place "$WORK/a.txt"
expect_rc 1 "--in-place"
cmp -s "$WORK/a.txt" "$WORK/expected.txt" || fail "--in-place: file rewritten"
[ "$(stat -c %a "$WORK/a.txt")" = 640 ] || fail "--in-place keeps mode 640"
ls "$WORK" | grep -q cleanup- && fail "--in-place leaves no temporary file"
[ -z "$(ls "$WORK"/a.txt?* 2>/dev/null)" ] || fail "--in-place without suffix makes no backup"
case "$OUT" in *"bad guy gang"*) ;; *) fail "--in-place still reports the findings" ;; esac

# With a backup suffix.
cp "$FIX/spun.txt" "$WORK/b.txt"
chmod 604 "$WORK/b.txt"
run cl --in-place=.orig "$WORK/b.txt"
expect_rc 1 "--in-place=.orig"
cmp -s "$WORK/b.txt" "$WORK/expected.txt" || fail "--in-place=.orig: file rewritten"
cmp -s "$WORK/b.txt.orig" "$FIX/spun.txt" || fail "--in-place=.orig: backup holds the original"
[ "$(stat -c %a "$WORK/b.txt")" = 604 ] || fail "--in-place=.orig keeps the mode"
[ "$(stat -c %a "$WORK/b.txt.orig")" = 604 ] || fail "backup has the original mode"

# An executable script stays executable; a symlink stays a symlink.
cp "$FIX/spun.txt" "$WORK/c.txt"
chmod 755 "$WORK/c.txt"
ln -s c.txt "$WORK/link.txt"
run cl --in-place "$WORK/link.txt"
[ -L "$WORK/link.txt" ] || fail "--in-place keeps a symbolic link"
cmp -s "$WORK/c.txt" "$WORK/expected.txt" || fail "--in-place writes the link target"
[ "$(stat -c %a "$WORK/c.txt")" = 755 ] || fail "--in-place keeps mode 755"

# A clean file is left alone: no rewrite, no backup.
cp "$FIX/clean.txt" "$WORK/d.txt"
touch -d '2001-01-01 00:00:00' "$WORK/d.txt"
run cl --in-place=.bak "$WORK/d.txt"
expect_rc 0 "--in-place on a clean file"
[ "$(stat -c %Y "$WORK/d.txt")" = "$(date -d '2001-01-01 00:00:00' +%s)" ] ||
  fail "clean file not touched"
[ -e "$WORK/d.txt.bak" ] && fail "no backup for an unchanged file"

# The file name after --in-place is a file, not a suffix.
cp "$FIX/spun.txt" "$WORK/e.txt"
run cl --in-place "$WORK/e.txt" "$FIX/clean.txt"
cmp -s "$WORK/e.txt" "$WORK/expected.txt" || fail "--in-place FILE FILE"

# Standard input cannot be rewritten in place.
run cl --in-place <"$FIX/spun.txt"
expect_rc 2 "--in-place with stdin"
expect_err_has "cleanup: " "--in-place with stdin"
expect_err_has "standard input" "--in-place with stdin"
run cl --in-place - <"$FIX/spun.txt"
expect_rc 2 "--in-place with -"
run cl --in-place --fix "$WORK/e.txt"
expect_rc 2 "--in-place with --fix"

# A read-only directory: error, original untouched.
if [ "$(id -u)" != 0 ]; then
  mkdir "$WORK/ro" && cp "$FIX/spun.txt" "$WORK/ro/f.txt" && chmod 555 "$WORK/ro"
  run cl --in-place "$WORK/ro/f.txt"
  expect_rc 2 "--in-place in a read-only directory"
  cmp -s "$WORK/ro/f.txt" "$FIX/spun.txt" || fail "read-only: original kept"
  chmod 755 "$WORK/ro"
fi

finish
