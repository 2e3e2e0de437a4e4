# unspin bench helpers, sourced by the bench scripts.

# ensure_built REPO BUILD_DIR TARGET... [-- CMAKE_ARG...]: configures BUILD_DIR
# (Release) and builds the targets with -j2 unless the first target's binary
# already exists in BUILD_DIR/bench.
ensure_built() {
  local repo=$1 build=$2
  shift 2
  local targets=() args=()
  while [[ $# -gt 0 && $1 != -- ]]; do targets+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  args=("$@")
  [[ -x $build/bench/${targets[0]} ]] && return 0
  echo "# building ${targets[*]} in $build (Release, -j2)" >&2
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release "${args[@]}" >/dev/null
  cmake --build "$build" -j2 --target "${targets[@]}" >/dev/null
}

# find_pydoc prints the directory of the Python manual's reStructuredText sources (Debian package
# python3.X-doc), installing python3.11-doc with apt (as root) when missing;
# it returns 1 when there is none.
find_pydoc() {
  local d
  for pass in 1 2; do
    for d in /usr/share/doc/python3*/html/_sources; do
      [[ -d $d ]] && { realpath "$d"; return 0; }
    done
    [[ $pass == 1 && $(id -u) == 0 ]] && command -v apt-get >/dev/null || return 1
    echo "# installing python3.11-doc for the corpus" >&2
    apt-get install -y -q python3.11-doc >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 &&
        apt-get install -y -q python3.11-doc >/dev/null 2>&1; } || true
  done
  return 1
}
