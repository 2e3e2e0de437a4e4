# unspin package test: an installed cleanup reads the data of its own
# install prefix, not its build tree (which still exists here), also after
# the prefix is moved, and never falls back to the build tree.
# Usage: cleanup_data_dir.sh CMAKE BUILD_DIR BUILD_DATA_DIR
set -u
CMAKE=$1
BUILD=$2
BUILD_DATA=$3
FAILURES=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/unspin-install.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
unset UNSPIN_DATA_DIR NO_COLOR
WORK=$(cd "$WORK" && pwd -P)  # /proc/self/exe names the real path

run() {
  "$@" >"$WORK/out" 2>"$WORK/err"
  RC=$?
  OUT=$(cat "$WORK/out")
  ERR=$(cat "$WORK/err")
}
fail() {
  echo "FAIL: $*" >&2
  echo "  exit: ${RC:-?}" >&2
  echo "  stdout: ${OUT:-}" | head -20 >&2
  echo "  stderr: ${ERR:-}" | head -20 >&2
  FAILURES=$((FAILURES + 1))
}
tables() {  # tables DIR: the shipped tables' lines of --print-data-dir
  for t in "$1"/dictionaries/en/*.tsv; do printf '\n  %s' "$t"; done
}

# A real install into a prefix of our own.
if ! "$CMAKE" --install "$BUILD" --prefix "$WORK/prefix" >"$WORK/install.log" 2>&1; then
  cat "$WORK/install.log" >&2
  echo "FAIL: cmake --install" >&2
  exit 1
fi
P=$WORK/prefix
[ -x "$P/bin/cleanup" ] || { echo "FAIL: no $P/bin/cleanup" >&2; exit 1; }
[ -d "$BUILD_DATA/dictionaries/en" ] || { echo "FAIL: no build data" >&2; exit 1; }

run "$P/bin/cleanup" --print-data-dir
[ "$RC" -eq 0 ] || fail "installed --print-data-dir: exit $RC"
want="data directory: $P/share/unspin (the install prefix of this program)
tables:$(tables "$P/share/unspin")"
[ "$OUT" = "$want" ] || fail "installed cleanup uses its prefix; want: $want"

# A table added to the installed data is loaded.
printf 'zorbly frobnication\tplain words\t0.99\n' \
  >"$P/share/unspin/dictionaries/en/zz_local.tsv"
printf 'We saw a zorbly frobnication.\n' >"$WORK/t.txt"
run "$P/bin/cleanup" --color=never "$WORK/t.txt"
[ "$RC" -eq 1 ] || fail "a table added to the prefix: exit $RC, want 1"
case "$OUT" in *'"zorbly frobnication" -> "plain words"'*) ;;
  *) fail "a table added to the prefix is used" ;; esac
run "$P/bin/cleanup" --version
case "$OUT" in *"
  $P/share/unspin/dictionaries/en/zz_local.tsv") ;;
  *) fail "--version lists the table added to the prefix" ;; esac

# A moved prefix still uses its own data.
mv "$P" "$WORK/moved"
M=$WORK/moved
run "$M/bin/cleanup" --print-data-dir
case "$OUT" in "data directory: $M/share/unspin (the install prefix of this program)"*) ;;
  *) fail "a moved install uses its new prefix" ;; esac

# Without its data, an installed cleanup does not read the build tree's.
rm -rf "$M/share/unspin"
run "$M/bin/cleanup" --print-data-dir
case "$OUT$ERR" in *"$BUILD_DATA"*) fail "no fallback to the build tree" ;; esac
case "$RC:$OUT" in
  "2:") case "$ERR" in "cleanup: no data directory found"*"$M/share/unspin"*) ;;
          *) fail "no data: the message lists the places searched" ;; esac ;;
  "0:data directory: "*"(the install prefix configured at build time)"*) ;;
  *) fail "no data: exit 2, or the configured install prefix" ;; esac

# An explicit data directory still works for it.
run env UNSPIN_DATA_DIR="$BUILD_DATA" "$M/bin/cleanup" --print-data-dir
case "$OUT" in "data directory: $BUILD_DATA (from UNSPIN_DATA_DIR)"*) ;;
  *) fail "UNSPIN_DATA_DIR for an installed cleanup" ;; esac

if [ "$FAILURES" -ne 0 ]; then
  echo "$FAILURES check(s) failed" >&2
  exit 1
fi
echo "all checks passed"
