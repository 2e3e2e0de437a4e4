#!/usr/bin/env bash
# unspin verdict benchmark (issue 4): reliability of the Detector's
# confidence over table and discovered findings together (ECE), and error
# rates of the document verdict with and without discovery.
#
# usage: bash bench/verdict_bench.sh [BUILD_DIR]
#   BUILD_DIR defaults to <repo>/build-bench (configured Release and
#   unspin_verdict_bench built with -j2 when missing).
# environment:
#   UNSPIN_DATA_DIR   data dir with lm/ (default BUILD_DIR/share/unspin)
# Prints figures; never fails because of them (exit 0 unless something could
# not run).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$repo/build-bench}

. "$repo/bench/lib.sh"
ensure_built "$repo" "$build" unspin_verdict_bench
data_dir=${UNSPIN_DATA_DIR:-$build/share/unspin}
prose=$(find_pydoc) || {
  echo "python3.X-doc is not installed and apt could not install it" >&2
  exit 2
}
echo "== command"
echo "bash bench/verdict_bench.sh $build"
"$build/bench/unspin_verdict_bench" --data-dir "$data_dir" --prose-dir "$prose"
