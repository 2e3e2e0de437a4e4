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
expect_out_has "cycle_chain.tsv:2: error: cycle of 2 entries: 'big information' -> 'large information' -> 'big information' (cycle_chain.tsv:2, cycle_chain.tsv:3)" "check: cycle"
case "$OUT" in *"cycle_chain.tsv:3: error: cycle"*) fail "check: a cycle is reported once" ;; esac
expect_out_has "cycle_chain.tsv:5: error: canonical 'profound thinking'" "check: chain"

run "$CLEANUP" dict check fires.tsv
expect_out_has "fires.tsv:3: error: 'criminal' fires on 'criminal' inside the canonical 'criminal gang' of fires.tsv:2" "check: fires on canonical"
run "$CLEANUP" dict check --no-canonical-scan fires.tsv
expect_rc 0 "check: --no-canonical-scan"

# Warnings are listed but fail the check only with --strict.
run "$CLEANUP" dict check unsorted.tsv
expect_rc 0 "check: unsorted (a warning)"
expect_out "unsorted.tsv:4: warning: not sorted by (spun, canonical) in byte order: 'client service' comes after 'joined states' (line 3)" "check: unsorted"
for flag in --strict --warnings-as-errors; do
  run "$CLEANUP" dict check $flag unsorted.tsv
  expect_rc 1 "check $flag: a warning fails"
  expect_out_has "unsorted.tsv:4: warning: not sorted" "check $flag"
done
run "$CLEANUP" dict check --errors-only unsorted.tsv
expect_rc 0 "check: --errors-only hides warnings"
expect_out_empty "check: --errors-only hides warnings"
run "$CLEANUP" dict check --strict --errors-only unsorted.tsv
expect_rc 0 "check: --strict --errors-only"

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

run "$CLEANUP" dict check identity.tsv
expect_rc 1 "check: canonical equal to the spun phrase"
expect_out_has "identity.tsv:3: error: the canonical side equals the spun side ('Foo-Baz')" "check: identity, case and hyphen"
run "$CLEANUP" dict check contains.tsv
expect_rc 1 "check: canonical containing the spun phrase"
expect_out_has "contains.tsv:4: error: canonical 'bad guy gangs' contains the spun phrase 'guy gangs'" "check: containment"

# A write error on stdout is an I/O error (exit 2) with a message.
"$CLEANUP" dict check duplicate.tsv >/dev/full 2>"$WORK/err"
RC=$?
ERR=$(cat "$WORK/err")
expect_rc 2 "check >/dev/full"
expect_err_has "standard output: No space left on device" "check >/dev/full"

# The shipped tables have no errors, and the README's check line passes.
if [ -d "$SRC/dictionaries/en" ]; then
  run "$CLEANUP" dict check --errors-only "$SRC"/dictionaries/en/*.tsv
  expect_rc 0 "check: shipped tables have no errors"
  expect_out_empty "check: shipped tables have no errors"
  run "$CLEANUP" dict check "$SRC"/dictionaries/en/*.tsv
  expect_rc 0 "check: shipped tables pass"
fi

# ---- hostile tables: linear time, bounded output (timeout catches a hang) ---
awk 'BEGIN { n = 10000; for (i = 0; i < n; i++) printf "x%d\tx%d\n", i, (i + 1) % n }' \
  >"$WORK/cycle.tsv"
run timeout 60 "$CLEANUP" dict check "$WORK/cycle.tsv"
expect_rc 1 "check: 10,000-entry cycle"
expect_out_has "cycle.tsv:1: error: cycle of 10000 entries: 'x0' -> 'x1' -> 'x2' -> 'x3' -> 'x4' -> 'x5' -> ... -> 'x0'" "check: 10,000-entry cycle"
[ "$(printf '%s\n' "$OUT" | grep -c 'error: cycle')" -eq 1 ] || fail "check: the cycle is reported once"
[ "${#OUT}" -lt 4000 ] || fail "check: 10,000-entry cycle output is bounded"

awk 'BEGIN { for (i = 0; i < 20000; i++) printf "x%d\tx%d\n", i, i + 1 }' \
  | LC_ALL=C sort >"$WORK/chain.tsv"
run timeout 60 "$CLEANUP" dict check "$WORK/chain.tsv"
expect_rc 1 "check: 20,000-entry chain"
[ "$(printf '%s\n' "$OUT" | grep -c 'error: canonical')" -eq 50 ] || fail "check: 50 chain errors listed"
expect_out_has "... and 19949 more chain errors (--all lists them)" "check: the rest is counted"
run timeout 60 "$CLEANUP" dict check --all "$WORK/chain.tsv"
[ "$(printf '%s\n' "$OUT" | grep -c 'error: canonical')" -eq 19999 ] || fail "check --all lists every chain"

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

# A key standing for singular and plural gets a replacement in each number.
run "$CLEANUP" dict import --from vale vale_number.yml
expect_rc 0 "import: Vale number agreement"
expect_out_has "bad guy gang	criminal gang	0.8	imported" "import: singular"
expect_out_has "bad guy gangs	criminal gangs	0.8	imported" "import: plural"
case "$OUT" in *"bad guy gang	criminal gangs"*) fail "import: number broken" ;; esac
expect_err_has "vale_number.yml:11: skipped regular expression 'cops?': it stands for the singular 'cop' and the plural 'cops', but the replacement 'police' has no plural ending that can surely be taken off for the singular (none, or an ambiguous one such as -ses): write one key per number" "import: number refused"
expect_err_has "vale_number.yml:12: skipped regular expression 'utiliz(?:e|ed)'" "import: form refused"

# Input that is not the format asked for is refused (exit 2, FILE:LINE).
for fmt in languagetool vale prh; do
  run "$CLEANUP" dict import --from $fmt languagetool_grammar.xml -o "$WORK/g.tsv"
  expect_rc 2 "import --from $fmt of a grammar.xml"
  expect_err_has "cleanup dict: languagetool_grammar.xml:" "import --from $fmt of a grammar.xml"
  [ -e "$WORK/g.tsv" ] && fail "import --from $fmt of a grammar.xml: output written"
done
run "$CLEANUP" dict import --from languagetool languagetool_grammar.xml
expect_err_has "languagetool_grammar.xml:1: this is XML or HTML (a LanguageTool grammar.xml?), not a replace.txt of 'wrong=right' lines" "import: grammar.xml message"
expect_out_empty "import: grammar.xml"
run "$CLEANUP" dict import --from vale vale_number.yml
printf '' >"$WORK/empty.txt"
run "$CLEANUP" dict import --from languagetool "$WORK/empty.txt"
expect_rc 2 "import: empty replace.txt"
expect_err_has "empty.txt: no 'wrong=right' line: nothing to import" "import: empty replace.txt"

run "$CLEANUP" dict import --from yaml vale_wordiness.yml
expect_rc 2 "import: unknown format"

run "$CLEANUP" dict import --from vale missing.yml
expect_rc 2 "import: missing file"
expect_err_has "missing.yml" "import: missing file"

run "$CLEANUP" dict import --from vale vale_wordiness.yml -o "$WORK/no/such/dir/out.tsv"
expect_rc 2 "import: unwritable output"

# -o refuses to replace what is not a regular file.
mkfifo "$WORK/fifo"
run timeout 20 "$CLEANUP" dict import --from prh prh_spinner.yml -o "$WORK/fifo"
expect_rc 2 "import -o FIFO"
expect_err_has "fifo: not a regular file" "import -o FIFO"
[ -p "$WORK/fifo" ] || fail "import -o FIFO: the FIFO is still there"
# (Tests touch only what they make: a link to the test's own FIFO, never
# to a device.)
ln -s "$WORK/fifo" "$WORK/fifolink"
run timeout 20 "$CLEANUP" dict import --from prh prh_spinner.yml -o "$WORK/fifolink"
expect_rc 2 "import -o symlink to a FIFO"
[ -L "$WORK/fifolink" ] || fail "import -o symlink to a FIFO: the link is still there"
[ -p "$WORK/fifo" ] || fail "import -o symlink to a FIFO: the FIFO is still there"
ls "$WORK" | grep -q 'dict-' && fail "import -o refused: temporary file left behind"

# A byte order mark before a leading comment.
printf '\357\273\277# list\nfoo bar=baz\n' >"$WORK/bom.txt"
run "$CLEANUP" dict import --from languagetool "$WORK/bom.txt"
expect_rc 0 "import: BOM before a comment (LanguageTool)"
expect_out_has "foo bar	baz	0.8	imported" "import: BOM (LanguageTool)"
printf '\357\273\277# rule\nextends: substitution\nswap:\n  foo bar: baz\n' >"$WORK/bom.yml"
run "$CLEANUP" dict import --from vale "$WORK/bom.yml"
expect_rc 0 "import: BOM before a comment (Vale)"

# Deep nesting: an error with the line, no crash, no memory blow-up.
{ echo "rules:"; awk 'BEGIN { for (i = 0; i < 30000; i++) printf "- "; print "x" }'; } \
  >"$WORK/deep.yml"
run timeout 60 "$CLEANUP" dict import --from prh "$WORK/deep.yml"
expect_rc 2 "import: YAML nested 30,000 levels"
expect_err_has "deep.yml:2: nested more than 100 levels deep" "import: YAML nested 30,000 levels"
{ printf 'extends: substitution\nswap:\n  '"'"; awk 'BEGIN { for (i = 0; i < 30000; i++) printf "("; printf "a"; for (i = 0; i < 30000; i++) printf ")"; print "'"'"': b" }'; } \
  >"$WORK/deep_vale.yml"
run timeout 60 "$CLEANUP" dict import --from vale "$WORK/deep_vale.yml"
expect_rc 0 "import: Vale key with 30,000 nested groups"
expect_err_has "deep_vale.yml:3: skipped regular expression '(((((" "import: Vale nested groups"
expect_err_has "groups nested more than 100 levels deep" "import: Vale nested groups"

# Import to a full stdout.
"$CLEANUP" dict import --from prh prh_spinner.yml >/dev/full 2>"$WORK/err"
RC=$?
ERR=$(cat "$WORK/err")
expect_rc 2 "import >/dev/full"
expect_err_has "standard output: No space left on device" "import >/dev/full"

finish
