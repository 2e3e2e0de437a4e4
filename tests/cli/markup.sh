# unspin cli tests: Markdown and HTML (tests/data/cli/markup): only prose is
# reported and rewritten; code, URLs, link targets, attributes, scripts and
# front matter stay byte for byte; formats picked by extension, --format-in
# and --stdin-filename; alt/title text reported, rewritten only when asked.
. "$(dirname "$0")/lib.sh"

M="$FIX/markup"
cd "$M" || exit 1

# The report on the corpus, golden.
run cl README.md page.html
expect_rc 1 "markup report"
[ "$OUT" = "$(cat expected.txt)" ] || fail "markup report differs from expected.txt"
case "$OUT" in *"example.com"*|*"cc.md"*|*"cc.png"*) fail "a URL was reported" ;; esac

# --fix and --in-place change prose only (golden rewrites).
for f in README.md page.html; do
  ext=${f##*.}
  run cl --fix "$f"
  [ "$OUT" = "$(cat "${f%.*}.fixed.$ext")" ] || fail "--fix $f differs from ${f%.*}.fixed.$ext"
  cp "$f" "$WORK/$f"
  run cl --in-place "$WORK/$f"
  expect_rc 1 "--in-place $f"
  cmp -s "$WORK/$f" "${f%.*}.fixed.$ext" || fail "--in-place $f differs from ${f%.*}.fixed.$ext"
done

# Markdown read as text: the code, the URLs and the front matter are hit.
run cl --format-in text --fix README.md
case "$OUT" in *"pip install deep learning"*) ;; *) fail "--format-in text reads code as prose" ;; esac

# Standard input is text unless --stdin-filename or --format-in says more.
run cl --stdin-filename README.md <README.md
[ "$OUT" = "$(grep '^README.md:' expected.txt)" ] || fail "--stdin-filename README.md: same report as the file"
run cl --format-in markdown --fix <README.md
[ "$OUT" = "$(cat README.fixed.md)" ] || fail "--format-in markdown on stdin"
run cl --fix <README.md
case "$OUT" in *"pip install deep learning"*) ;; *) fail "stdin without a name is text" ;; esac
run cl --stdin-filename doc.html --format jsonl <page.html
case "$OUT" in *'"file":"doc.html"'*) ;; *) fail "--stdin-filename names the findings" ;; esac

# Extensions are matched in any case.
cp page.html "$WORK/PAGE.HTM"
run cl --fix "$WORK/PAGE.HTM"
[ "$OUT" = "$(cat page.fixed.html)" ] || fail "*.HTM is HTML"

# alt and title text: reported, not applied, unless --rewrite-attributes.
run cl --format jsonl README.md
case "$OUT" in *'"text":"Counterfeit consciousness"'*'"rewritable":false'*) ;; *) fail "alt text finding marked not rewritable" ;; esac
printf '![counterfeit consciousness chart](a.png)\n' >"$WORK/alt.md"
run cl --fix "$WORK/alt.md"
expect_out '![counterfeit consciousness chart](a.png)' "alt text kept by default"
run cl --fix --rewrite-attributes "$WORK/alt.md"
expect_out '![artificial intelligence chart](a.png)' "--rewrite-attributes"

# A span across inline markup that cannot be kept: reported, not applied;
# diff and SARIF leave it out of their changes.
printf '<p>bad <b>guy</b> gangs roam</p>\n' >"$WORK/cross.html"
run cl "$WORK/cross.html"
expect_out_has '[not applied by --fix]' "crossing span reported"
run cl --format diff "$WORK/cross.html"
expect_out_empty "diff of an unrewritable finding"
run cl --format sarif "$WORK/cross.html"
python3 -c 'import json,sys; r=json.load(sys.stdin)["runs"][0]["results"]; sys.exit(0 if len(r)==1 and "fixes" not in r[0] else 1)' <<<"$OUT" ||
  fail "SARIF: the result has no fix"

# --stream: the text field read as Markdown.
printf '{"id":1,"text":"Run `profound learning` or read about profound learning."}\n' >"$WORK/s.jsonl"
run cl --stream --format-in markdown "$WORK/s.jsonl"
python3 -c '
import json,sys
r=json.loads(sys.stdin.read())["unspin"]
assert len(r["findings"])==1, r
assert r["rewrite"]=="Run `profound learning` or read about deep learning.", r
' <<<"$OUT" || fail "--stream --format-in markdown"

# Bad input: HTML nested too deep is an error (exit 2), not a hang.
python3 -c 'print("<div>" * 5000 + "bad guy gangs")' >"$WORK/deep.html"
run cl "$WORK/deep.html"
expect_rc 2 "deep HTML"
expect_err_has "nests elements more than 4096 deep" "deep HTML message"
printf 'ok \377 bad\n' >"$WORK/bad.md"
run cl "$WORK/bad.md"
expect_rc 2 "invalid UTF-8 in Markdown"
expect_err_has "invalid UTF-8" "invalid UTF-8 message"
run cl --format-in xml README.md
expect_rc 2 "unknown --format-in"

finish
