#!/usr/bin/env bash
# unspin speed benchmark: builds an English corpus, then times unspin (library
# and cleanup CLI) against `grep -F -w -i -f PHRASES` in the same run.
#
# usage: bash bench/run_bench.sh [BUILD_DIR]
#   BUILD_DIR defaults to <repo>/build-bench (configured Release, built -j2
#   if unspin_scan_bench is missing).
# environment:
#   UNSPIN_BENCH_WORK    scratch dir for corpus and phrase list
#                        (default BUILD_DIR/bench-work)
#   UNSPIN_BENCH_MIN_MB  repeat the corpus sources until at least this many MB
#                        (default 10)
#   UNSPIN_BENCH_REPEAT  timed scans per measurement (default 5)
# Prints "name: value unit" lines, then a summary block. This is a benchmark:
# it reports figures and never fails because of them.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$repo/build-bench}
work=${UNSPIN_BENCH_WORK:-$build/bench-work}
min_mb=${UNSPIN_BENCH_MIN_MB:-10}
repeat=${UNSPIN_BENCH_REPEAT:-5}
mkdir -p "$work"

log() { echo "# $*" >&2; }

# ---- build --------------------------------------------------------------
bench_bin=$build/bench/unspin_scan_bench
. "$repo/bench/lib.sh"
ensure_built "$repo" "$build" unspin_scan_bench
data_dir=${UNSPIN_DATA_DIR:-$build/share/unspin}
cleanup_bin=$build/examples/cleanup/cleanup

# ---- corpus -------------------------------------------------------------
# Plain English prose: the reStructuredText sources of the Python manual.
# Fallback: the license texts already on the machine.
corpus=$work/corpus.txt
sources=$work/corpus-sources.txt
src_dir=$(find_pydoc) || src_dir=
if [[ -n $src_dir ]]; then
  corpus_source="python-doc reST sources ($src_dir/**/*.txt)"
  find "$src_dir" -type f -name '*.txt' | LC_ALL=C sort >"$sources"
else
  corpus_source="FALLBACK: license texts (/usr/share/common-licenses, /usr/share/doc/*/copyright); apt not reachable"
  log "python docs unavailable; $corpus_source"
  { find /usr/share/common-licenses -type f
    find /usr/share/doc -maxdepth 2 -name copyright -type f
  } | LC_ALL=C sort >"$sources"
fi
# Concatenate (repeating the whole set when it is small) and drop any byte
# that is not valid UTF-8 so that every tool sees the same text.
: >"$work/corpus.raw"
copies=0
while :; do
  xargs -d '\n' cat <"$sources" >>"$work/corpus.raw"
  copies=$((copies + 1))
  size=$(stat -c %s "$work/corpus.raw")
  ((size >= min_mb * 1000000)) && break
  ((size == 0)) && { echo "no corpus text found" >&2; exit 1; }
done
iconv -f UTF-8 -t UTF-8 -c "$work/corpus.raw" >"$corpus" || true
rm -f "$work/corpus.raw"
corpus_bytes=$(stat -c %s "$corpus")
corpus_mb=$(awk -v b="$corpus_bytes" 'BEGIN{printf "%.2f", b/1e6}')
corpus_words=$(wc -w <"$corpus")

# ---- phrase list for grep -----------------------------------------------
# The spun column (field 1) of every shipped table, without comments, blank
# lines and '!' (switch-off) lines.
phrases=$work/phrases.txt
shopt -s nullglob
tables=("$data_dir"/dictionaries/en/*.tsv)
if ((${#tables[@]} == 0)); then
  echo "no tables in $data_dir/dictionaries/en" >&2
  exit 1
fi
cat "${tables[@]}" |
  awk -F'\t' '{sub(/\r$/, "")} /^[ \t]*(#|!|$)/ {next} {gsub(/^[ \t]+|[ \t]+$/, "", $1); if ($1 != "") print $1}' |
  LC_ALL=C sort -u >"$phrases"
phrase_count=$(wc -l <"$phrases")

now_ns() { date +%s%N; }
# best_of3 CMD...: runs CMD three times, prints "best_seconds peak_rss_kb"
# (RSS of the best run, from /usr/bin/time). Output goes to $work/out, not
# /dev/null: GNU grep notices a /dev/null stdout and stops at the first
# match (even with -c), which would time almost nothing.
best_of3() {
  local best="" best_rss=0 i t0 t1 dt rss
  for i in 1 2 3; do
    t0=$(now_ns)
    /usr/bin/time -f %M -o "$work/rss" "$@" >"$work/out" 2>"$work/stderr" || true
    t1=$(now_ns)
    dt=$((t1 - t0))
    rss=$(tail -1 "$work/rss")
    if [[ -z $best ]] || ((dt < best)); then best=$dt best_rss=$rss; fi
  done
  awk -v n="$best" -v r="$best_rss" 'BEGIN{printf "%.4f %d\n", n/1e9, r}'
}
mbps() { awk -v b="$corpus_bytes" -v s="$1" 'BEGIN{printf "%.1f", b/1e6/s}'; }

echo "== corpus"
echo "corpus_source: $corpus_source"
echo "corpus_files: $(wc -l <"$sources") files x $copies"
echo "corpus_size: $corpus_mb MB"
echo "corpus_words: $corpus_words words (wc -w)"
echo "phrases: $phrase_count phrases (from ${#tables[@]} tables)"

# ---- grep baseline --------------------------------------------------------
echo "== grep baseline: LC_ALL=C grep -F -w -i -f PHRASES CORPUS >FILE"
read -r grep_s grep_rss < <(best_of3 env LC_ALL=C grep -F -w -i -f "$phrases" "$corpus")
grep_mbps=$(mbps "$grep_s")
grep_lines=$(wc -l <"$work/out")
grep_matches=$(LC_ALL=C grep -F -w -i -o -f "$phrases" "$corpus" | wc -l || true)
echo "grep_time_best: $grep_s s"
echo "grep_throughput: $grep_mbps MB/s"
echo "grep_peak_rss: $(awk -v k="$grep_rss" 'BEGIN{printf "%.1f", k*1024/1e6}') MB"
echo "grep_matching_lines: $grep_lines lines"
echo "grep_matches: $grep_matches matches"

# ---- unspin library ------------------------------------------------------
echo "== unspin_scan_bench (library, all shipped tables)"
"$bench_bin" --corpus "$corpus" --data-dir "$data_dir" --repeat "$repeat" \
  --threads 2 | tee "$work/scan_bench.out"
get() { awk -v k="$1:" '$1 == k {print $2}' "$work/scan_bench.out"; }
scan_best=$(get scan_best)
create_best=$(get create_best)
peak_rss=$(get peak_rss)
mt_line="$(get mt_scan_aggregate) MB/s with $(get mt_threads) threads, $(get mt_speedup) x, $(get mt_cpu_used) cores used, consistent: $(get mt_consistent)"

# ---- cleanup CLI (optional) ------------------------------------------------
cleanup_s="" cleanup_rss="" startup_tables="" startup_bare="" startup_floor=""
if [[ -x $cleanup_bin ]]; then
  echo "== cleanup CLI"
  : >"$work/empty.txt"
  export UNSPIN_DATA_DIR=$data_dir
  read -r cleanup_s cleanup_rss < <(best_of3 "$cleanup_bin" --format=jsonl "$corpus")
  echo "cleanup_end_to_end_best: $cleanup_s s ($(mbps "$cleanup_s") MB/s incl. start-up and output)"
  echo "cleanup_peak_rss: $(awk -v k="$cleanup_rss" 'BEGIN{printf "%.1f", k*1024/1e6}') MB"
  [[ -s $work/stderr ]] && sed 's/^/cleanup_stderr: /' "$work/stderr" | head -3
  # Start-up: the process floor (--version: no Detector), Hunspell and
  # irregular forms only (--no-builtin: no tables), everything.
  read -r startup_floor _ < <(best_of3 "$cleanup_bin" --version)
  read -r startup_bare _ < <(best_of3 "$cleanup_bin" --no-builtin --format=jsonl "$work/empty.txt")
  read -r startup_tables _ < <(best_of3 "$cleanup_bin" --format=jsonl "$work/empty.txt")
  ms_diff() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", (a-b)*1000}'; }
  echo "cleanup_version_only: $startup_floor s"
  echo "cleanup_empty_input_no_builtin: $startup_bare s"
  echo "cleanup_empty_input_with_tables: $startup_tables s"
  echo "cleanup_startup_cost: $(ms_diff "$startup_tables" "$startup_floor") ms (empty input with tables - --version)"
  echo "cleanup_tables_cost: $(ms_diff "$startup_tables" "$startup_bare") ms (with tables - --no-builtin)"
else
  echo "== cleanup CLI: not built ($cleanup_bin), skipped"
fi

# ---- summary ---------------------------------------------------------------
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN{
  ok = (op == ">") ? (v + 0 > t + 0) : (v + 0 < t + 0); print ok ? "met" : "MISSED"}'; }
echo "== summary"
echo "corpus: $corpus_mb MB, $corpus_words words, $corpus_source"
echo "unspin_scan: $scan_best MB/s (target >= 50: $(verdict "$scan_best" 49.999 ">"))"
echo "grep_scan: $grep_mbps MB/s"
echo "unspin_vs_grep: $(awk -v a="$scan_best" -v b="$grep_mbps" 'BEGIN{printf "%.2f", a/b}') x (target > 1: $(verdict "$scan_best" "$grep_mbps" ">"))"
echo "unspin_peak_rss: $peak_rss MB (target < 100: $(verdict "$peak_rss" 100 "<"))"
echo "unspin_create: $create_best ms (target < 200: $(verdict "$create_best" 200 "<"))"
echo "unspin_mt_scan: $mt_line"
echo "unspin_scan_cpu_used: $(get scan_best_cpu_used) cores (below ~0.95: the machine was busy; rerun)"
if [[ -n $cleanup_s ]]; then
  echo "cleanup_end_to_end: $(mbps "$cleanup_s") MB/s"
  echo "cleanup_startup: $(awk -v a="$startup_tables" -v b="$startup_floor" 'BEGIN{printf "%.1f", (a-b)*1000}') ms"
fi
