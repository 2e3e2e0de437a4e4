# unspin cli tests: the text, json and diff output formats, --fix,
# --explain and standard input.
. "$(dirname "$0")/lib.sh"

cd "$FIX" || exit 1
CONF='\([01]\.[0-9][0-9]\)'

# --- text ---------------------------------------------------------------
run cl --color=never spun.txt
expect_rc 1 "text"
printf '%s\n' "$OUT" | grep -Eqx "spun.txt:2:13: \"bad guy gang\" -> \"criminal gang\" $CONF" ||
  fail "text: bad guy gang line"
printf '%s\n' "$OUT" | grep -Eqx "spun.txt:11:10: \"profound learning\" -> \"deep learning\" $CONF" ||
  fail "text: profound learning line"
printf '%s\n' "$OUT" | grep -Eqx "spun.txt:11:32: \"client service\" -> \"customer service\" $CONF" ||
  fail "text: client service line"
[ "$(printf '%s\n' "$OUT" | wc -l)" -eq 3 ] || fail "text: one line per finding"

run cl --color=never --min-confidence 0 special.txt
printf '%s\n' "$OUT" | grep -Eq "^special.txt:2:8: \", needless to say,\" -> \(delete\) $CONF\$" ||
  fail "text: a deletion prints -> (delete)"
printf '%s\n' "$OUT" | grep -Eq "\"fierce reliance\" -> \? $CONF\$" ||
  fail "text: no suggestion prints -> ?"

# --show-line: the source line under each finding, the span marked.
run cl --color=never --show-line spun.txt
expect_rc 1 "text --show-line"
want="spun.txt:2:13: \"bad guy gang\" -> \"criminal gang\" (CONF)
    Police said bad guy gang members fled.
                ^^^^^^^^^^^^
spun.txt:11:10: \"profound learning\" -> \"deep learning\" (CONF)
    They use profound learning and client service bots.
             ^^^^^^^^^^^^^^^^^
spun.txt:11:32: \"client service\" -> \"customer service\" (CONF)
    They use profound learning and client service bots.
                                   ^^^^^^^^^^^^^^"
got=$(printf '%s\n' "$OUT" | sed -E 's/\([01]\.[0-9][0-9]\)$/(CONF)/')
[ "$got" = "$want" ] || fail "--show-line: lines and carets; got:
$got"
# A long line is cut around the span; control characters are escaped; a
# phrase broken over two lines shows both; colour marks the span.
{
  printf '%0300d bad guy gang %0300d\n' 0 0
  printf 'tab\there \033[31m bad guy gang\n'
  printf 'one profound\nlearning two\n'
} >"$WORK/long.txt"
run cl --color=never --show-line "$WORK/long.txt"
printf '%s\n' "$OUT" | python3 -c '
import sys
lines = sys.stdin.read().splitlines()
assert len(lines) == 3 + 3 + 5, lines
assert all(len(l) <= 76 for l in lines[1:3]), lines
assert lines[1].startswith("    ...000") and lines[1].endswith("000..."), lines[1]
col = lines[1].index("bad guy gang")
assert lines[2] == " " * col + "^" * 12, lines[2]
assert lines[4] == "    tab here \\x1B[31m bad guy gang", lines[4]
assert lines[5] == " " * lines[4].index("bad") + "^" * 12, lines[5]
assert lines[7:] == ["    one profound", "        ^^^^^^^^", "    learning two",
                     "    ^^^^^^^^"], lines[7:]
' || fail "--show-line: cut, escaped, two lines"
run cl --color=always --show-line spun.txt
expect_out_has "$(printf '    Police said \033[31mbad guy gang\033[0m members fled.')" \
  "--show-line: the span coloured"
# Standard input is streamed block by block: the same lines.
run cl --color=never --show-line <spun.txt
got=$(printf '%s\n' "$OUT" | sed -E 's/\([01]\.[0-9][0-9]\)$/(CONF)/; s/^<stdin>/spun.txt/')
[ "$got" = "$want" ] || fail "--show-line on stdin; got:
$got"

# --explain: explanation lines indented under their finding.
run cl --color=never --explain spun.txt
expect_rc 1 "text --explain"
printf '%s\n' "$OUT" | head -1 | grep -q '^spun.txt:2:13: ' || fail "--explain: finding first"
printf '%s\n' "$OUT" | sed -n 2p | grep -q '^    [^ ]' || fail "--explain: indented explanation"

# --- json ---------------------------------------------------------------
run cl --format=json spun.txt clean.txt
expect_rc 1 "json"
printf '%s\n' "$OUT" | python3 -c '
import json, sys
text = sys.stdin.read()
# ONE JSON document for the run, one line per file inside it.
run = json.loads(text)
assert list(run) == ["files"], list(run)
docs = run["files"]
assert text.splitlines()[0] == "{\"files\":[", text
assert len(text.splitlines()) == 2 + len(docs), text
assert [d["file"] for d in docs] == ["spun.txt", "clean.txt"], docs
for d in docs:
    assert set(d) == {"file", "findings", "verdict"}, sorted(d)
    assert set(d["verdict"]) == {"spun_score", "spun", "words", "findings",
        "distinct_phrases", "findings_per_1000_words"}, sorted(d["verdict"])
    for f in d["findings"]:
        assert set(f) == {"line", "column", "begin", "end", "text",
            "suggestion", "confidence", "source"}, sorted(f)
    assert d["verdict"]["findings"] == len(d["findings"])
    assert isinstance(d["verdict"]["spun"], bool)
spun, clean = docs
assert len(spun["findings"]) == 3 and clean["findings"] == []
assert spun["verdict"]["distinct_phrases"] == 3
assert spun["verdict"]["words"] > 50
assert clean["verdict"]["spun"] is False
' || fail "json document objects"

# Standard input (streamed block by block), a missing file and a file: still
# one JSON document, the documents in input order, nothing for the error.
run cl --format=json clean.txt - missing.txt spun.txt <spun.txt
expect_rc 2 "json with stdin and an error"
printf '%s\n' "$OUT" | python3 -c '
import json, sys
docs = json.load(sys.stdin)["files"]
assert [d["file"] for d in docs] == ["clean.txt", "<stdin>", "spun.txt"], docs
assert docs[1]["findings"] == docs[2]["findings"], docs
' || fail "json: one document over stdin, an error and files"

run cl --format=json --explain spun.txt
printf '%s\n' "$OUT" | python3 -c '
import json, sys
(d,) = json.loads(sys.stdin.read())["files"]
assert d["findings"] and all(isinstance(f["explanation"], str) and
    len(f) == 9 for f in d["findings"]), d
' || fail "json --explain adds an explanation to each finding"

# --- --fix --------------------------------------------------------------
run cl --fix spun.txt
expect_rc 1 "--fix"
sed -e 's/bad guy gang/criminal gang/; s/profound learning/deep learning/' \
    -e 's/client service/customer service/' spun.txt >"$WORK/spun.fixed"
cl --fix spun.txt >"$WORK/spun.out"
cmp -s "$WORK/spun.fixed" "$WORK/spun.out" || fail "--fix: rewritten text"
cl --fix no_newline.txt >"$WORK/nonl.out"
[ "$(cat "$WORK/nonl.out")" = "No newline at the end: deep learning" ] &&
  [ "$(tail -c1 "$WORK/nonl.out" | od -An -c | tr -d ' ')" = "g" ] ||
  fail "--fix keeps a missing final newline"
run cl --fix --min-confidence 0 special.txt
expect_rc 1 "--fix with deletions and unknown suggestions"
expect_out_has "fierce reliance on artificial intelligence grew." \
  "--fix skips findings without a suggestion"
case "$OUT" in *[Nn]"eedless to say"*) fail "--fix applies deletions" ;; esac
run cl --fix --format=jsonl spun.txt
expect_rc 2 "--fix with --format is a usage error"

# --- diff ---------------------------------------------------------------
run cl --format=diff spun.txt
expect_rc 1 "diff"
cat >"$WORK/spun.diff" <<'DIFF'
--- a/spun.txt
+++ b/spun.txt
@@ -1,5 +1,5 @@
 Line one is clean.
-Police said bad guy gang members fled.
+Police said criminal gang members fled.
 Line three is clean.
 Line four is clean.
 Line five is clean.
@@ -8,5 +8,5 @@
 Line eight is clean.
 Line nine is clean.
 Line ten is clean.
-They use profound learning and client service bots.
+They use deep learning and customer service bots.
 Line twelve is clean.
DIFF
expect_out "$(cat "$WORK/spun.diff")" "diff: exact hunks"
# The diff applies with patch(1) and gives the --fix output.
if command -v patch >/dev/null; then
  cp spun.txt "$WORK/patched.txt"
  cl --format=diff spun.txt | patch -s "$WORK/patched.txt" ||
    fail "diff: patch rejects it"
  cmp -s "$WORK/patched.txt" "$WORK/spun.fixed" || fail "diff: patched != fixed"
fi
run cl --format=diff no_newline.txt
expect_out "$(printf '%s\n' '--- a/no_newline.txt' '+++ b/no_newline.txt' '@@ -1 +1 @@' \
  '-No newline at the end: profound learning' '\ No newline at end of file' \
  '+No newline at the end: deep learning' '\ No newline at end of file')" \
  "diff: missing final newline"
# Same bytes as diff(1) -u between each golden input and its --fix output.
if command -v diff >/dev/null; then
  for in in "$SRC"/tests/data/cases/*.in.txt; do
    b=$(basename "$in")
    cp "$in" "$WORK/$b"
    g() { (cd "$WORK" && "$CLEANUP" --no-builtin --dict "$FIX/cases.tsv" \
            --data-dir "$DATA" --min-confidence 0.1 "$@" "$b"); }
    g --fix >"$WORK/$b.fixed"
    (cd "$WORK" && diff -u --label "a/$b" --label "b/$b" "$b" "$b.fixed") >"$WORK/$b.want"
    g --format=diff >"$WORK/$b.got"
    cmp -s "$WORK/$b.want" "$WORK/$b.got" || fail "diff: $b differs from diff -u"
  done
fi
run cl --format=diff clean.txt
expect_rc 0 "diff of a clean file"
expect_out_empty "diff of a clean file"

# --- standard input -----------------------------------------------------
run cl --color=never <spun.txt
expect_rc 1 "stdin without FILE"
printf '%s\n' "$OUT" | grep -q '^<stdin>:2:13: "bad guy gang"' || fail "stdin name"
run cl --color=never - <spun.txt
expect_rc 1 "stdin as -"
printf '%s\n' "$OUT" | grep -q '^<stdin>:2:13: ' || fail "- reads stdin"
run cl --fix <spun.txt
cmp -s "$WORK/out" "$WORK/spun.fixed" || fail "--fix from stdin"
run cl --color=never clean.txt - spun.txt <spun.txt
[ "$(printf '%s\n' "$OUT" | cut -d: -f1 | uniq | tr '\n' ' ')" = "<stdin> spun.txt " ] ||
  fail "files in argument order, stdin among them"

finish
