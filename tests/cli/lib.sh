# unspin cli tests: shared helpers, sourced by every tests/cli/*.sh script.
# Usage of a script: SCRIPT CLEANUP FIXTURE_DIR BUILD_DATA_DIR [SOURCE_DIR]
set -u

# Absolute paths: the scripts cd around.
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
CLEANUP=$(abs "$1")
FIX=$(abs "$2")
DATA=$(abs "$3")
SRC=$(abs "${4:-.}")
FAILURES=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/unspin-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Never pick up the caller's environment.
unset UNSPIN_DATA_DIR NO_COLOR

# Hermetic invocation: only the fixture table, no shipped tables.
cl() { "$CLEANUP" --no-builtin --dict "$FIX/basic.tsv" "$@"; }

# run CMD...: runs CMD with stdin from /dev/null unless redirected by the
# caller; sets OUT, ERR, RC.
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

expect_rc() {  # expect_rc WANT WHAT
  [ "$RC" -eq "$1" ] || fail "$2: exit $RC, want $1"
}
expect_out() {  # expect_out EXACT WHAT
  [ "$OUT" = "$1" ] || fail "$2: stdout differs; want: $1"
}
expect_out_has() {
  case "$OUT" in *"$1"*) ;; *) fail "$2: stdout lacks: $1" ;; esac
}
expect_err_has() {
  case "$ERR" in *"$1"*) ;; *) fail "$2: stderr lacks: $1" ;; esac
}
expect_out_empty() { [ -z "$OUT" ] || fail "$1: stdout not empty"; }
expect_err_empty() { [ -z "$ERR" ] || fail "$1: stderr not empty"; }

finish() {
  if [ "$FAILURES" -ne 0 ]; then
    echo "$FAILURES check(s) failed" >&2
    exit 1
  fi
  echo "all checks passed"
  exit 0
}
