#!/usr/bin/env bash
# unspin "spun general English" bench: generates the spinner simulator's
# output (tools/spin_sim.py) when missing, then runs bench/spin_bench.py.
#
# usage: bash bench/spin_bench.sh [BUILD_DIR] [--split dev|test] [-- CLEANUP_OPTION...]
#   BUILD_DIR defaults to <repo>/build and must hold examples/cleanup/cleanup
#   (nothing is built here). Options after -- go to cleanup, e.g.
#   -- --discover, or -- --data-dir DIR.
# environment:
#   UNSPIN_NPM_DATA      Moby and Brown (default /usr/local/share/unspin-npm)
#   UNSPIN_SPIN_SIM_DIR  simulator output (default BUILD_DIR/spin-sim); made
#                        with tools/spin_sim.py --seed 1 --rate 0.35 when it
#                        has no split.tsv: delete it to regenerate
#   UNSPIN_SPIN_RATE, UNSPIN_SPIN_SEED, UNSPIN_SPIN_PICK   simulator --rate /
#                        --seed / --pick when it is generated (defaults 0.35,
#                        1 and uniform; the default dir for --pick common is
#                        BUILD_DIR/spin-sim-common)
# Prints figures; never fails because of them (exit 0 unless something could
# not run).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$repo/build
if [[ $# -gt 0 && $1 != -* ]]; then
  build=$1
  shift
fi
log() { echo "# $*" >&2; }

data=${UNSPIN_NPM_DATA:-/usr/local/share/unspin-npm}
pick=${UNSPIN_SPIN_PICK:-uniform}
default_sim=$build/spin-sim
[[ $pick == uniform ]] || default_sim=$build/spin-sim-$pick
sim=${UNSPIN_SPIN_SIM_DIR:-$default_sim}
if [[ ! -f $sim/split.tsv ]]; then
  log "generating the spun corpus in $sim"
  python3 "$repo/tools/spin_sim.py" --data "$data" --out "$sim" \
    --rate "${UNSPIN_SPIN_RATE:-0.35}" --seed "${UNSPIN_SPIN_SEED:-1}" \
    --pick "$pick" >&2
fi
exec python3 "$repo/bench/spin_bench.py" --sim-dir "$sim" --build "$build" "$@"
