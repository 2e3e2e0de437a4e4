# unspin cli tests: colour only on a terminal, NO_COLOR, --color=auto|always|never.
. "$(dirname "$0")/lib.sh"

cd "$FIX" || exit 1
ESC=$(printf '\033')

run cl spun.txt
case "$OUT" in *"$ESC"*) fail "auto: no colour when stdout is a pipe" ;; esac
run cl --color=always spun.txt
case "$OUT" in *"$ESC["*) ;; *) fail "--color=always colours a pipe" ;; esac
run env NO_COLOR=1 "$CLEANUP" --no-builtin --dict basic.tsv --color=always spun.txt
case "$OUT" in *"$ESC["*) ;; *) fail "--color=always overrides NO_COLOR" ;; esac
run cl --color=always --format=jsonl spun.txt
case "$OUT" in *"$ESC"*) fail "json output is never coloured" ;; esac
run cl --color=always --fix spun.txt
case "$OUT" in *"$ESC"*) fail "--fix output is never coloured" ;; esac
run cl --color=sometimes spun.txt
expect_rc 2 "bad --color value"

# A real terminal through script(1), when available.
if command -v script >/dev/null 2>&1 &&
   script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
  q() { printf "'%s' " "$@"; }
  base="$(q "$CLEANUP" --no-builtin --dict basic.tsv spun.txt)"
  script -qec "$base" /dev/null >"$WORK/tty" 2>&1 </dev/null
  grep -q "$ESC\[" "$WORK/tty" || fail "auto: colour on a terminal"
  script -qec "NO_COLOR=1 $base" /dev/null >"$WORK/tty" 2>&1 </dev/null
  grep -q "$ESC\[" "$WORK/tty" && fail "auto: NO_COLOR switches colour off"
  grep -q "bad guy gang" "$WORK/tty" || fail "NO_COLOR on a terminal still prints"
  script -qec "$base --color=never" /dev/null >"$WORK/tty" 2>&1 </dev/null
  grep -q "$ESC\[" "$WORK/tty" && fail "--color=never on a terminal"
fi

finish
