# unspin cli tests: --discover (phrases no table holds) with the language
# model and thesaurus built into the data dir, and its errors.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
# "bosom malignancy" is in no shipped table; the tables teach bosom ->
# breast and malignancy -> cancer and hold "breast cancer" as an established
# term.
printf 'Two patients had bosom malignancy.\nNothing else here.\n' >in.txt
printf 'irregular grove\trandom forest\n' >teach.tsv
d() { "$CLEANUP" --data-dir "$DATA" "$@"; }

run d in.txt
expect_rc 0 "without --discover the phrase is in no table"
expect_out_empty "without --discover"

run d --discover in.txt
expect_rc 1 "--discover finds it"
expect_out_has 'in.txt:1:18: "bosom malignancy" -> "breast cancer"' "--discover text"

run d --discover --format=json in.txt
expect_rc 1 "--discover json"
printf '%s\n' "$OUT" >out.json
python3 - out.json <<'PY' || fail "--discover json: source, suggestion, confidence"
import json, sys
doc = json.load(open(sys.argv[1]))
f = doc["files"][0]["findings"]
assert len(f) == 1, f
f = f[0]
assert f["source"].startswith("discovered:established-term"), f
assert f["suggestion"] == "breast cancer", f
assert 0.5 <= f["confidence"] < 1, f
PY

run d --discover --explain in.txt
expect_out_has "discovered (established-term" "--explain says how"
expect_out_has "'bosom' -> 'breast'" "--explain gives the substitution"
expect_out_has "LM gain" "--explain gives the LM gain"

run d --discover --fix in.txt
expect_rc 1 "--discover --fix"
expect_out "Two patients had breast cancer.
Nothing else here." "--discover --fix rewrites"

# SARIF: discovered findings have their own rule.
run d --discover --format=sarif in.txt
printf '%s\n' "$OUT" >out.sarif
python3 - out.sarif <<'PY' || fail "--discover sarif: discovered rule"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
res = run["results"]
assert len(res) == 1, res
assert rules[res[0]["ruleIndex"]] == res[0]["ruleId"] == "discovered-spun-phrase", res
assert res[0]["properties"]["source"].startswith("discovered:"), res
PY

# An allowlisted phrase is never discovered.
printf 'bosom malignancy\n' >allow.txt
run d --discover --allow allow.txt in.txt
expect_rc 0 "--discover respects --allow"

# Likely spun with an uncertain original (the tiny fixture LM): flagged
# without a suggestion, the guess shown, nothing rewritten.
printf 'profound neural network\tdeep neural network\n' >tiny.tsv
printf 'We use profound learning.\n' >guess.txt
mkdir -p tinydata/dictionaries/en tinydata/lm
cp "$SRC/tests/data/discovery/tiny.arpa" tinydata/lm/en-us.lmc
cp "$SRC/tests/data/discovery/tiny_thesaurus.tsv" tinydata/lm/thesaurus.tsv
run "$CLEANUP" --data-dir tinydata --no-builtin --dict tiny.tsv --discover guess.txt
expect_rc 1 "--discover with an uncertain original"
expect_out 'guess.txt:1:8: "profound learning" -> ? (perhaps "deep learning") (0.63)' "flagged without a suggestion"
run "$CLEANUP" --data-dir tinydata --no-builtin --dict tiny.tsv --discover --fix guess.txt
expect_out "We use profound learning." "--fix leaves an uncertain original alone"

# A phrase the tables hold is theirs: "environment change" is a news.tsv
# entry that needs context, and discovery does not flag it without.
printf 'The summit focused on environment change.\n' >ctx.txt
run d --discover ctx.txt
expect_rc 0 "--discover respects a table entry's context clause"

# Same bytes on every run and with -j.
cp in.txt in2.txt
d --discover --format=jsonl in.txt in2.txt >a.out 2>/dev/null
d --discover --format=jsonl -j 2 in.txt in2.txt >b.out 2>/dev/null
cmp -s a.out b.out || fail "--discover: -j 2 output differs"
d --discover --format=jsonl in.txt in2.txt >c.out 2>/dev/null
cmp -s a.out c.out || fail "--discover: a second run differs"

# With the shipped tables too, on the bundled sample: no crash, exit 1.
run "$CLEANUP" --data-dir "$DATA" --discover "$SRC/examples/sample.txt"
expect_rc 1 "--discover with the shipped tables"

# A data dir without lm/: a clear error, exit 2.
mkdir -p nolm/dictionaries/en
run "$CLEANUP" --data-dir nolm --no-builtin --dict teach.tsv --discover in.txt
expect_rc 2 "--discover without the model"
expect_err_has "lm/en-us.lmc: missing" "--discover without the model names it"
expect_err_has "UNSPIN_WITH_DISCOVERY" "--discover without the model says how to get it"

finish
