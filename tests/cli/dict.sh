# unspin cli tests: `cleanup dict check` (problems as FILE:LINE, exit 0/1/2)
# and `cleanup dict import` (Vale, prh, LanguageTool; stdout or -o OUT).
. "$(dirname "$0")/lib.sh"

CHECK="$SRC/tests/data/check"
IMPORT="$SRC/tests/data/import"

# ---- check ------------------------------------------------------------------
cd "$CHECK" || exit 1

run "$CLEANUP" dict check clean.tsv
expect_rc 0 "check: clean table"
expect_out_empty "check: clean table"

run "$CLEANUP" dict check duplicate.tsv
expect_rc 1 "check: duplicate"
expect_out_has "duplicate.tsv:3: error: duplicate of duplicate.tsv:2" "check: duplicate"

run "$CLEANUP" dict check parse_error.tsv
expect_rc 1 "check: parse error"
expect_out_has "parse_error.tsv:3: error: prior '1.5'" "check: parse error"

run "$CLEANUP" dict check conflict.tsv
expect_out_has "conflict.tsv:5: error: conflicts with conflict.tsv:4" "check: conflict"

run "$CLEANUP" dict check cycle_chain.tsv
expect_rc 1 "check: cycle"
expect_out_has "cycle_chain.tsv:2: error: cycle: 'big information' -> 'large information' -> 'big information'" "check: cycle"
expect_out_has "cycle_chain.tsv:5: error: canonical 'profound thinking'" "check: chain"

run "$CLEANUP" dict check fires.tsv
expect_out_has "fires.tsv:3: error: 'criminal' fires on 'criminal' inside the canonical 'criminal gang' of fires.tsv:2" "check: fires on canonical"
run "$CLEANUP" dict check --no-canonical-scan fires.tsv
expect_rc 0 "check: --no-canonical-scan"

run "$CLEANUP" dict check unsorted.tsv
expect_rc 1 "check: unsorted"
expect_out "unsorted.tsv:4: warning: not sorted by (spun, canonical) in byte order: 'client service' comes after 'joined states' (line 3)" "check: unsorted"
run "$CLEANUP" dict check --errors-only unsorted.tsv
expect_rc 0 "check: --errors-only hides warnings"

run "$CLEANUP" dict check not_nfc.tsv
expect_out "not_nfc.tsv:3: error: line is not in Unicode NFC" "check: NFC"

run "$CLEANUP" dict check cross_a.tsv cross_b.tsv
expect_out_has "cross_b.tsv:2: error: duplicate of cross_a.tsv:2" "check: across files"

run "$CLEANUP" dict check missing.tsv
expect_rc 2 "check: missing file"
expect_err_has "missing.tsv" "check: missing file"

run "$CLEANUP" dict check
expect_rc 2 "check: no file"

run "$CLEANUP" dict
expect_rc 2 "dict: no subcommand"
expect_err_has "cleanup dict --help" "dict: no subcommand"

run "$CLEANUP" dict --help
expect_rc 0 "dict --help"
expect_out_has "import" "dict --help"

# The shipped tables have no errors (warnings are listed, not fatal here).
if [ -d "$SRC/dictionaries/en" ]; then
  run "$CLEANUP" dict check --errors-only "$SRC"/dictionaries/en/*.tsv
  expect_rc 0 "check: shipped tables have no errors"
fi

# ---- import -----------------------------------------------------------------
cd "$IMPORT" || exit 1

for pair in vale:vale_wordiness.yml prh:prh_spinner.yml \
    languagetool:languagetool_replace.txt; do
  fmt=${pair%%:*}
  file=${pair#*:}
  want="${file%.*}.expected.tsv"
  run "$CLEANUP" dict import --from "$fmt" "$file"
  expect_rc 0 "import $fmt"
  [ "$OUT" = "$(cat "$want")" ] || fail "import $fmt: stdout differs from $want"
done

run "$CLEANUP" dict import --from vale vale_wordiness.yml
expect_err_has "vale_wordiness.yml:19: skipped regular expression '[Cc]lick on'" "import: skipped regex noted"

run "$CLEANUP" dict import --from prh prh_spinner.yml -o "$WORK/out.tsv"
expect_rc 0 "import -o"
expect_out_empty "import -o"
cmp -s "$WORK/out.tsv" prh_spinner.expected.tsv || fail "import -o: file differs"
ls "$WORK" | grep -q 'dict-' && fail "import -o: temporary file left behind"

# The written table loads.
run "$CLEANUP" dict check "$WORK/out.tsv"
expect_rc 0 "import -o: result passes check"

run "$CLEANUP" dict import --from languagetool - <languagetool_replace.txt
expect_rc 0 "import from stdin"
expect_out_has "running nose	runny nose	0.8	imported" "import from stdin"

run "$CLEANUP" dict import --from vale vale_broken.yml
expect_rc 2 "import: malformed YAML"
expect_err_has "vale_broken.yml:5: unterminated quoted key" "import: malformed YAML"
expect_out_empty "import: malformed YAML"

run "$CLEANUP" dict import --from vale vale_not_substitution.yml
expect_rc 2 "import: not a substitution rule"
expect_err_has "vale_not_substitution.yml:1:" "import: not a substitution rule"

run "$CLEANUP" dict import --from languagetool languagetool_broken.txt
expect_rc 2 "import: LanguageTool line without ="
expect_err_has "languagetool_broken.txt:3: expected 'phrase=replacement'" "import: LanguageTool"

run "$CLEANUP" dict import --from prh prh_broken.yml -o "$WORK/broken.tsv"
expect_rc 2 "import: prh error"
[ -e "$WORK/broken.tsv" ] && fail "import: no output file on error"

run "$CLEANUP" dict import --from yaml vale_wordiness.yml
expect_rc 2 "import: unknown format"

run "$CLEANUP" dict import --from vale missing.yml
expect_rc 2 "import: missing file"
expect_err_has "missing.yml" "import: missing file"

run "$CLEANUP" dict import --from vale vale_wordiness.yml -o "$WORK/no/such/dir/out.tsv"
expect_rc 2 "import: unwritable output"

finish
