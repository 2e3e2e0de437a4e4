#!/usr/bin/env bash
# Sanitizer runs: the whole ctest suite (unit, CLI, C API tests) built with
# ASan+UBSan, and the many-threads-one-Detector tests built with TSan.
#
# usage: bash .ci/sanitize.sh [asan|tsan|all]     (default all)
# Build dirs: <repo>/build-asan and <repo>/build-tsan (kept between runs,
# so a second run only rebuilds what changed). gcc's sanitizers; no extra
# apt packages. Any sanitizer report fails the run (halt_on_error, exit
# code), and the test that triggered it is printed by ctest.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
what=${1:-all}
jobs=$(nproc)

asan() {
  local build=$repo/build-asan
  local san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
  # RelWithDebInfo: optimized like the release build (so the big-input tests
  # stay quick) with line numbers in the reports.
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS="$san" -DCMAKE_CXX_FLAGS="$san" \
    -DCMAKE_EXE_LINKER_FLAGS="$san" -DCMAKE_SHARED_LINKER_FLAGS="$san" \
    -DUNSPIN_BUILD_BENCH=OFF >/dev/null
  cmake --build "$build" -j"$jobs"
  # LeakSanitizer is on (it works as root here, and in CI's container).
  # Left out, with reasons:
  #   package.*            install the tree and build consumer projects
  #                        without the sanitizer flags (they cannot link an
  #                        ASan-built libunspin.a); no memory checks in them.
  #   c_api.python_ctypes  dlopen()s the ASan-built libunspin.so into an
  #                        uninstrumented python3 (ASan must be loaded first);
  #   python.package*      the same, through the Python package (its
  #                        ..._matches_readme text check still runs).
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$build" --output-on-failure -j"$jobs" \
      -E '^(package\.|c_api\.python_ctypes$|python\.package(_bundled_library|_example)?$)'
}

tsan() {
  local build=$repo/build-tsan
  local san="-fsanitize=thread"
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS="$san" -DCMAKE_CXX_FLAGS="$san" \
    -DCMAKE_EXE_LINKER_FLAGS="$san" -DCMAKE_SHARED_LINKER_FLAGS="$san" \
    -DUNSPIN_BUILD_BENCH=OFF >/dev/null
  # Only the unit tests (and the data they read) are needed here.
  cmake --build "$build" -j"$jobs" --target unspin_tests
  # Every test tagged [threads]: one Detector scanned from many threads,
  # Detectors (with Hunspell) created concurrently, copies shared.
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    "$build/tests/unspin_tests" "[threads]"
}

case $what in
  asan) asan ;;
  tsan) tsan ;;
  all) asan; tsan ;;
  *) echo "usage: $0 [asan|tsan|all]" >&2; exit 2 ;;
esac
