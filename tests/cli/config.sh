# unspin cli tests: the project config file (.unspin.yml): found by walking
# up from the working directory, --config and --no-config, paths relative to
# the file, the command line beating the file, per-path overrides, errors
# with file:line and exit 2.
. "$(dirname "$0")/lib.sh"

P="$WORK/proj"
mkdir -p "$P/docs/legacy" "$P/sub/deeper" "$P/vendor" || exit 1
printf 'wicked folks\tbad people\t0.9\n' >"$P/terms.tsv"
printf 'human liberties\n' >"$P/allow.txt"
cat >"$P/.unspin.yml" <<'YML'
# project settings
dictionaries: [terms.tsv]
allow: allow.txt
min_confidence: 0.5
exclude: ["vendor/"]
overrides:
  - files: ["docs/legacy/**"]
    min_confidence: 0.99
  - files: ["*.page"]
    format_in: markdown
YML
echo "The wicked folks, human liberties." >"$P/docs/a.txt"
cp "$P/docs/a.txt" "$P/docs/legacy/b.txt"
cp "$P/docs/a.txt" "$P/vendor/c.txt"
printf 'The wicked folks `wicked folks`.\n' >"$P/docs/d.page"

cd "$P/sub/deeper" || exit 1
run cl -q ../..
expect_out '../../docs/a.txt:1:5: "wicked folks" -> "bad people" (0.90)' \
  "config found above: its table, allowlist, override, exclude"
run cl -q ../../docs/d.page
expect_out '../../docs/d.page:1:5: "wicked folks" -> "bad people" (0.90)' \
  "override: format_in markdown for *.page (the code span is skipped)"
run cl -q --min-confidence 0.1 ../../docs/legacy/b.txt
expect_out_has 'wicked folks' "--min-confidence beats the override"
run cl -q --no-config ../../docs
expect_out_empty "--no-config: no table of the config"
run cl -q --format-in text ../../docs/d.page
[ "$(printf '%s\n' "$OUT" | grep -c wicked)" -eq 2 ] || fail "--format-in beats the override"

# --config names a file anywhere; a missing or wrong one is exit 2.
cd "$WORK" || exit 1
printf 'dictionaries: [proj/terms.tsv]\n' >"$WORK/other.yml"
echo "wicked folks" >"$WORK/e.txt"
run cl -q --config other.yml e.txt
expect_rc 1 "--config"
run cl -q --config missing.yml e.txt
expect_rc 2 "--config missing"
expect_err_has "missing.yml: no such file" "--config missing"
run cl --config other.yml --no-config e.txt
expect_rc 2 "--config with --no-config"
for bad in 'min_confidence: 2|:1: min_confidence: expected a number from 0 to 1' \
  'frobnicate: 1|:1: unknown key '"'"'frobnicate'"'" \
  'builtin: maybe|:1: builtin: expected true or false' \
  'overrides:
  - min_confidence: 0.5|:2: overrides: an entry needs '"'"'files'"'" \
  'format_in: latex|:1: format_in: expected auto, markdown, html or text' \
  'x: [|:2: end of sequence flow not found'; do
  printf '%s\n' "${bad%%|*}" >"$WORK/bad.yml"
  run cl -q --config bad.yml e.txt
  expect_rc 2 "bad config: ${bad%%|*}"
  expect_err_has "bad.yml${bad#*|}" "bad config message: ${bad%%|*}"
done
finish
