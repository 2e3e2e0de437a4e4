#!/usr/bin/env bash
# unspin false-alarm benchmark: findings per 10,000 words on clean English the
# project did not write (the Python manual), and recall on planted phrases.
#
# usage: bash bench/false_alarms.sh [BUILD_DIR]
#   BUILD_DIR defaults to <repo>/build-bench (configured Release and
#   unspin_false_alarms built with -j2 when missing).
# environment:
#   UNSPIN_DATA_DIR        data dir (default BUILD_DIR/share/unspin)
#   UNSPIN_BENCH_WORK      scratch dir (default BUILD_DIR/bench-work)
#   UNSPIN_FALSE_ALARMS_ARGS  extra arguments, e.g. "--top 40"
# Prints "name: value" lines and a summary; reports figures, never fails
# because of them (exit 0 unless something could not run).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$repo/build-bench}
work=${UNSPIN_BENCH_WORK:-$build/bench-work}
mkdir -p "$work"
log() { echo "# $*" >&2; }

bin=$build/bench/unspin_false_alarms
. "$repo/bench/lib.sh"
ensure_built "$repo" "$build" unspin_false_alarms
data_dir=${UNSPIN_DATA_DIR:-$build/share/unspin}

# Clean English: the reStructuredText sources of the Python manual.
src_dir=$(find_pydoc) || {
  echo "python3.X-doc is not installed and apt could not install it" >&2
  exit 2
}
list=$work/false-alarm-files.txt
find "$src_dir" -type f -name '*.txt' | LC_ALL=C sort >"$list"

echo "== command"
echo "bash bench/false_alarms.sh $build"
echo "corpus_source: python-doc reST sources ($src_dir/**/*.txt)"
# shellcheck disable=SC2086  # word splitting of the extra arguments is wanted
"$bin" --files-from "$list" --data-dir "$data_dir" \
  --spun-dir "$repo/tests/data/spun" ${UNSPIN_FALSE_ALARMS_ARGS:-}
