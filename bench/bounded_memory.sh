#!/usr/bin/env bash
# unspin bench: peak RSS of `cleanup` on a large input (default 1 GB) in text,
# jsonl and --fix modes, with the shipped tables. Target: under 150 MB.
#
# usage: bash bench/bounded_memory.sh [BUILD_DIR] [SIZE_MB]
# Prints "mode: seconds, MB/s, peak RSS" lines; never fails on the figures.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$repo/build}
size_mb=${2:-1024}
cleanup=$build/examples/cleanup/cleanup
[[ -x $cleanup ]] || { echo "build $build first (cleanup missing)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/unspin-mem.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Input: the bundled sample (spun) and a licence text (clean), repeated.
python3 - "$repo/examples/sample.txt" "$work/in.txt" "$size_mb" <<'PY'
import sys
unit = open(sys.argv[1]).read() + open("/usr/share/common-licenses/Apache-2.0").read()
target = int(sys.argv[3]) << 20
with open(sys.argv[2], "w") as f:
    for _ in range(target // len(unit) + 1):
        f.write(unit)
PY
bytes=$(stat -c %s "$work/in.txt")
echo "input: $((bytes >> 20)) MB ($bytes bytes)"
for mode in text jsonl fix; do
  case $mode in
    text) args=() ;;
    jsonl) args=(--format=jsonl) ;;
    fix) args=(--fix) ;;
  esac
  /usr/bin/time -f "%e %M" -o "$work/time" "$cleanup" "${args[@]}" "$work/in.txt" >/dev/null || true
  # GNU time adds "Command exited with non-zero status 1" (findings) first.
  read -r secs kb < <(tail -n 1 "$work/time")
  awk -v m="$mode" -v s="$secs" -v kb="$kb" -v b="$bytes" \
    'BEGIN { printf "%s: %.1f s, %.0f MB/s, peak RSS %.1f MB (target < 150: %s)\n", m, s, b / 1048576 / s, kb / 1024, (kb / 1024 < 150 ? "met" : "MISSED") }'
done
