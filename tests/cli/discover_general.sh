# unspin cli tests: --discover-general (an article spinner's single-word
# swaps, weighed as document evidence) with the data built into the data dir:
# text spun by tools/spin_sim.py from a held-out Brown file, a clean news
# text, the JSON fields and the error for missing data.
# Extra argument: NPM_DATA (Moby and the Brown corpus, from .ci/install-deps).
. "$(dirname "$0")/lib.sh"
NPM=${5:-/usr/local/share/unspin-npm}

cd "$WORK" || exit 1
d() { "$CLEANUP" --data-dir "$DATA" "$@"; }

# ca02 is in the simulator's test split (never fitted on). --max-files 2
# spins ca01 and ca02 exactly as the bench's full corpus does.
python3 "$SRC/tools/spin_sim.py" --data "$NPM" --out sim --max-files 2 \
  --pick common >sim.log 2>&1 || fail "spin_sim: $(cat sim.log)"
SPUN=sim/test/ca02.spun.txt
CLEAN=sim/test/ca02.clean.txt
[ -f "$SPUN" ] && [ -f "$CLEAN" ] || fail "spin_sim wrote no ca02"

general_findings() {  # general_findings JSON_FILE -> count on stdout
  python3 - "$1" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
print(sum(1 for f in doc["files"][0]["findings"] if f["source"] == "discovered:general"))
PY
}

run d --discover-general --format=json "$SPUN"
expect_rc 1 "spun text: findings"
printf '%s\n' "$OUT" >spun.json
python3 - spun.json "$SPUN" sim/test/ca02.gold.jsonl <<'PY' || fail "spun text: general findings, exact spans, verdict"
import json, sys
doc = json.load(open(sys.argv[1]))
text = open(sys.argv[2], "rb").read()
gold = [json.loads(l) for l in open(sys.argv[3])]
found = [f for f in doc["files"][0]["findings"] if f["source"] == "discovered:general"]
assert len(found) >= 10, len(found)
for f in found:
    assert text[f["begin"]:f["end"]].decode() == f["text"], f
    assert 0.5 <= f["confidence"] <= 1, f
# Most findings are real swaps of the simulator.
on_gold = sum(1 for f in found
              if any(g["begin"] < f["end"] and f["begin"] < g["end"]
                     for g in gold))
assert on_gold >= 0.5 * len(found), (on_gold, len(found))
assert doc["files"][0]["verdict"]["spun"] is True, doc["files"][0]["verdict"]
PY

run d --discover-general --format=json "$CLEAN"
printf '%s\n' "$OUT" >clean.json
[ "$(general_findings clean.json)" = 0 ] || fail "clean Brown text: no general findings"

run d --discover-general --format=json "$FIX/general/original.txt"
printf '%s\n' "$OUT" >news.json
[ "$(general_findings news.json)" = 0 ] || fail "clean news text: no general findings"

# Off unless asked.
run d --format=json "$SPUN"
printf '%s\n' "$OUT" >off.json
[ "$(general_findings off.json)" = 0 ] || fail "without --discover-general: none"

# Missing data: exit 2 naming the file.
mkdir -p nodata/dictionaries/en
cp "$FIX/basic.tsv" nodata/dictionaries/en/basic.tsv
run "$CLEANUP" --data-dir nodata --discover-general "$CLEAN"
expect_rc 2 "missing general data"
expect_err_has "nodata/lm/general.ngc: missing" "missing general data names the file"

finish
