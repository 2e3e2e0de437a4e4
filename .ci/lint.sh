#!/usr/bin/env bash
# Format and lint checks, run by .ci/run: clang-format in check mode over every
# C/C++ file in git (.clang-format), then clang-tidy (.clang-tidy) over the
# library, cleanup and tools (not the tests), from a clang compile database.
# usage: bash .ci/lint.sh [format|tidy|all]   (default all)
# Exit 1 on any format difference or clang-tidy warning. To fix formatting:
#   git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.c')

if [[ $what == format || $what == all ]]; then
  echo "# clang-format --dry-run --Werror (${#files[@]} files)"
  clang-format --dry-run --Werror "${files[@]}"
fi

if [[ $what == tidy || $what == all ]]; then
  build=${UNSPIN_LINT_BUILD:-build-lint}
  echo "# clang-tidy over the compile database in $build"
  CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DUNSPIN_BUILD_BENCH=OFF >/dev/null
  # Generated sources and headers must exist before clang-tidy reads the
  # files that include them.
  cmake --build "$build" -j"$(nproc)" >/dev/null
  run=$(command -v run-clang-tidy || command -v run-clang-tidy-14 ||
        echo /usr/lib/llvm-14/bin/run-clang-tidy)
  # Our own sources only (the database also holds nothing else, but keep
  # generated files in the build tree out).
  "$run" -p "$build" -quiet -j"$(nproc)" "$PWD/(src|include|examples|tools)/" \
    >"$build/clang-tidy.log" 2>&1 || { grep -E "warning:|error:" "$build/clang-tidy.log" | sort -u; exit 1; }
  if grep -qE "warning:|error:" "$build/clang-tidy.log"; then
    grep -E "warning:|error:" "$build/clang-tidy.log" | sort -u
    exit 1
  fi
  echo "# clang-tidy: no warnings"
fi
