# unspin cli tests: suppression comments (unspin-disable, unspin-enable,
# unspin-disable-next-line) in plain text, Markdown and HTML, for the report
# and --fix, streamed and whole; --no-inline-config ignores them.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
printf '%s\n' 'Bad guy gangs roam.' '# unspin-disable' 'Bad guy gangs hide.' \
  '# unspin-enable' '// unspin-disable-next-line bad guy gang' \
  'Bad guy gangs skip.' 'Bad guy gangs show.' >doc.txt
run cl doc.txt
expect_rc 1 "text"
expect_out 'doc.txt:1:1: "Bad guy gangs" -> "Criminal gangs" (0.94)
doc.txt:7:1: "Bad guy gangs" -> "Criminal gangs" (0.94)' "text: suppressed lines"
run cl --fix doc.txt
expect_out "$(sed -e '1s/Bad guy/Criminal/' -e '7s/Bad guy/Criminal/' doc.txt)" "--fix keeps suppressed text"
run cl --no-inline-config --format jsonl doc.txt
[ "$(printf '%s\n' "$OUT" | grep -c '"begin"')" -eq 5 ] || fail "--no-inline-config reports all five (one in a comment)"
# Standard input (read through a Scanner).
run cl --format jsonl <doc.txt
[ "$(printf '%s\n' "$OUT" | grep -c '"begin"')" -eq 2 ] || fail "stdin: two findings"

printf '%s\n' 'Bad guy gangs.' '' '<!-- unspin-disable -->' '' 'Bad guy gangs hide.' \
  '' '```' '<!-- unspin-enable -->' '```' '' '<!-- unspin-enable -->' \
  '' 'Bad guy gangs show.' >doc.md
run cl doc.md
expect_out 'doc.md:1:1: "Bad guy gangs" -> "Criminal gangs" (0.94)
doc.md:13:1: "Bad guy gangs" -> "Criminal gangs" (0.94)' "markdown: code is no directive"

printf '%s' '<p>Bad guy gangs.</p><!-- unspin-disable-next-line -->
<p>Bad guy gangs hide.</p>
<p>Bad guy gangs show.</p>' >doc.html
run cl doc.html
expect_out 'doc.html:1:4: "Bad guy gangs" -> "Criminal gangs" (0.94)
doc.html:3:4: "Bad guy gangs" -> "Criminal gangs" (0.94)' "html: next line"
run cl --no-inline-config doc.html
[ "$(printf '%s\n' "$OUT" | grep -c 'Bad guy')" -eq 3 ] || fail "html --no-inline-config"
finish
