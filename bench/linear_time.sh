#!/usr/bin/env bash
# unspin linear-time benchmark: scan time and peak RSS against input size,
# 1 MB to 256 MB (doubling), one fresh process per size.
#
# usage: bash bench/linear_time.sh [BUILD_DIR]
#   BUILD_DIR defaults to <repo>/build-bench (configured Release and built
#   -j2 if unspin_linear_time is missing).
# environment:
#   UNSPIN_LINEAR_MAX_MB  largest size (default 256)
#   UNSPIN_LINEAR_CORPUS  a UTF-8 file repeated up to each size (default:
#                         generated prose with a spun phrase every ~1 KB;
#                         bench/run_bench.sh leaves BUILD_DIR/bench-work/corpus.txt)
#   UNSPIN_LINEAR_REPEAT  timed scans per size, best reported (default 3)
#   UNSPIN_LINEAR_DISCOVER=1  scan with discovery on (needs the data dir's
#                         lm/, i.e. a build with UNSPIN_WITH_DISCOVERY)
# Prints a table: size, best scan time, MB/s, time/size relative to the
# 1 MB point (1.00 = perfectly linear), findings, peak RSS, and how much
# the scan added to the RSS the process had with the input in memory. A benchmark: it reports, it never fails on figures.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$repo/build-bench}
max_mb=${UNSPIN_LINEAR_MAX_MB:-256}
repeat=${UNSPIN_LINEAR_REPEAT:-3}
corpus_args=()
[[ -n ${UNSPIN_LINEAR_CORPUS:-} ]] && corpus_args=(--corpus "$UNSPIN_LINEAR_CORPUS")
mode="all shipped tables + Hunspell"
if [[ ${UNSPIN_LINEAR_DISCOVER:-0} == 1 ]]; then
  corpus_args+=(--discover)
  mode="$mode + discovery"
fi

bin=$build/bench/unspin_linear_time
. "$repo/bench/lib.sh"
ensure_built "$repo" "$build" unspin_linear_time

echo "# input: ${UNSPIN_LINEAR_CORPUS:-generated prose, one spun phrase per ~1 KB}; best of $repeat scans; $mode"
printf '%8s %9s %8s %10s %10s %12s %12s\n' size_MB scan_s MB/s time/size findings peak_RSS_MB scan_adds_MB
base=""
mb=1
while ((mb <= max_mb)); do
  read -r size s mbps findings words before peak < <(
    "$bin" --size-mb "$mb" --repeat "$repeat" "${corpus_args[@]}")
  per_mb=$(awk -v s="$s" -v m="$size" 'BEGIN{printf "%.6f", s/m}')
  [[ -z $base ]] && base=$per_mb
  ratio=$(awk -v p="$per_mb" -v b="$base" 'BEGIN{printf "%.2f", p/b}')
  over=$(awk -v p="$peak" -v b="$before" 'BEGIN{printf "%.1f", p-b}')
  printf '%8s %9s %8s %10s %10s %12s %12s\n' "$size" "$s" "$mbps" "$ratio" \
    "$findings" "$peak" "$over"
  mb=$((mb * 2))
done
