#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang, ASan+UBSan) and runs each
# on its seed corpus for a fixed time; fails on any crash, leak or timeout.
#
# usage: bash .ci/fuzz.sh [SECONDS_PER_TARGET] [BUILD_DIR]
#   SECONDS_PER_TARGET  default 60 (environment: UNSPIN_FUZZ_SECONDS)
#   BUILD_DIR           default <repo>/build-fuzz
# Needs the apt packages clang and libclang-rt-14-dev.
#
# Longer runs (e.g. one hour per target, both cores, keeping new inputs):
#   bash .ci/fuzz.sh 0    # just builds
#   mkdir -p /tmp/fz && build-fuzz/fuzz_scan -max_total_time=3600 -jobs=2 \
#     -workers=2 -timeout=10 -rss_limit_mb=4096 /tmp/fz tests/fuzz/corpus/fuzz_scan
# Crashes are written as crash-<sha1> in the working directory; reproduce with
#   build-fuzz/fuzz_scan crash-<sha1>
# and turn each into a test in tests/unit/test_hostile.cpp.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-${UNSPIN_FUZZ_SECONDS:-60}}
build=${2:-$repo/build-fuzz}

CC=clang CXX=clang++ cmake -S "$repo/tests/fuzz" -B "$build" >/dev/null
cmake --build "$build" -j"$(nproc)"
[[ $seconds == 0 ]] && exit 0

# Findings of this run go to a scratch dir: the checked-in seeds stay as is.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for target in fuzz_scan fuzz_rewrite fuzz_table fuzz_lm fuzz_morphology fuzz_import fuzz_graph fuzz_markup fuzz_stream fuzz_in_place; do
  mkdir -p "$work/$target"
  echo "== $target: ${seconds}s"
  # -timeout: one input taking longer than 10 s is a hang (a failure);
  # -max_len: inputs up to 64 KiB, so long runs and repetitions are tried.
  if ! (cd "$work" && "$build/$target" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1 \
      "$work/$target" "$repo/tests/fuzz/corpus/$target" \
      >"$work/$target.log" 2>&1); then
    echo "FAILED: $target (log below; reproducer in $build)" >&2
    tail -60 "$work/$target.log" >&2
    cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* "$build"/ 2>/dev/null || true
    status=1
  fi
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)" \
    "$work/$target.log" | sed "s/^/$target: /" || true
done
exit $status
