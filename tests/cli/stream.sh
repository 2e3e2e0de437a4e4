# unspin cli tests: --stream: JSON Lines in, the same records plus an
# "unspin" field out; bad records reported in-band and the stream goes on.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
S="$FIX/stream.jsonl"

# --- pass-through, findings, verdict, rewrite ---------------------------
run cl --stream <"$S"
expect_rc 1 "stream with findings"
printf '%s\n' "$OUT" >"$WORK/out.jsonl"
python3 - "$S" "$WORK/out.jsonl" <<'PY' || fail "stream: records passed through, unspin added"
import json, sys
ins = [json.loads(l, object_pairs_hook=list) for l in open(sys.argv[1]) if l.strip()]
outs = [json.loads(l, object_pairs_hook=list) for l in open(sys.argv[2])]
assert len(ins) == len(outs), (len(ins), len(outs))
for i, o in zip(ins, outs):
    keys_in = [k for k, _ in i]
    keys_out = [k for k, _ in o]
    # Fields and their order are kept; "unspin" is added last (or replaced
    # where it was).
    if "unspin" in keys_in:
        assert keys_out == keys_in, (keys_in, keys_out)
    else:
        assert keys_out == keys_in + ["unspin"], (keys_in, keys_out)
    di, do = dict(i), dict(o)
    for k in keys_in:
        if k != "unspin":
            assert json.dumps(di[k]) == json.dumps(do[k]), (k, di[k], do[k])
    u = dict(do["unspin"])
    assert list(u) == ["findings", "verdict", "rewrite"], list(u)
    for f in u["findings"]:
        assert [k for k, _ in f] == ["line", "column", "begin", "end", "text",
            "suggestion", "confidence", "source"], f
    v = dict(u["verdict"])
    assert list(v) == ["spun_score", "spun", "words", "findings",
        "distinct_phrases", "findings_per_1000_words"], v
    assert v["findings"] == len(u["findings"])
first = dict(dict(outs[0])["unspin"])
assert first["rewrite"] == "Police said criminal gang members fled.", first
assert dict(first["findings"][0])["text"] == "bad guy gang"
PY
# The rewrite is what --fix makes of the text.
printf 'Line one.\nThey use profound learning and client service bots.\n' >text.txt
want=$(cl --fix text.txt)
got=$(python3 -c 'import json; print(json.dumps({"text": open("text.txt").read()}))' |
  cl --stream -q | python3 -c 'import json,sys; sys.stdout.write(json.loads(sys.stdin.read())["unspin"]["rewrite"])')
[ "$got" = "$want" ] || fail "stream: rewrite equals --fix"

# An existing "unspin" field is replaced where it stands.
run cl --stream <<<'{"unspin":1,"text":"bad guy gang","id":7}'
case "$OUT" in '{"unspin":{"findings":[{'*'"text":"bad guy gang","id":7}') ;;
  *) fail "stream: unspin replaced in place: $OUT" ;; esac

# --- --text-field ------------------------------------------------------------
run cl --stream --text-field body <<<'{"text":"bad guy gang","body":"client service desk"}'
expect_rc 1 "--text-field"
printf '%s\n' "$OUT" | python3 -c '
import json, sys
o = json.loads(sys.stdin.read())
assert o["unspin"]["rewrite"] == "customer service desk", o
assert o["text"] == "bad guy gang"' || fail "--text-field reads the named field"
run cl --stream --text-field '' </dev/null
expect_rc 2 "--text-field ''"

# --- several fields, JSON Pointers, record ids ---------------------------------
cat >fields.jsonl <<'EOF'
{"id":"a1","title":"Bad guy gang","article":{"body":"They met at the client service desk."}}
{"id":"a2","title":"Clean title","article":{"body":"profound learning"}}
EOF
# One field given as a JSON Pointer: the output has the usual shape.
run cl --stream --text-field /article/body <fields.jsonl
expect_rc 1 "--text-field /article/body"
printf '%s\n' "$OUT" | python3 -c '
import json, sys
outs = [json.loads(l) for l in sys.stdin]
assert list(outs[0]["unspin"]) == ["findings", "verdict", "rewrite"], outs[0]
assert outs[0]["unspin"]["rewrite"] == "They met at the customer service desk.", outs[0]
assert outs[1]["unspin"]["rewrite"] == "deep learning", outs[1]
' || fail "--text-field with a JSON Pointer"
# Escapes (~1 is "/") and array indexes.
run cl --stream --text-field '/a~1b/1' <<<'{"a/b":["x","bad guy gang"]}'
printf '%s\n' "$OUT" | python3 -c '
import json, sys
o = json.loads(sys.stdin.read())
assert o["unspin"]["rewrite"] == "criminal gang", o' || fail "JSON Pointer with ~1 and an index"
# Several fields: one result per field, in the order given.
run cl --stream -q --text-field title --text-field /article/body <fields.jsonl
expect_rc 1 "two text fields"
printf '%s\n' "$OUT" | python3 -c '
import json, sys
outs = [json.loads(l, object_pairs_hook=list) for l in sys.stdin]
o = dict(outs[0])
assert [k for k, _ in o["unspin"]] == ["fields"], o
fields = o["unspin"][0][1]
assert [k for k, _ in fields] == ["title", "/article/body"], fields
assert [k for k, _ in fields[0][1]] == ["findings", "verdict", "rewrite"], fields
t, b = dict(fields[0][1]), dict(fields[1][1])
assert t["rewrite"] == "Criminal gang", t
assert b["rewrite"] == "They met at the customer service desk.", b
assert len(t["findings"]) == 1 and dict(t["findings"][0])["begin"] == 0, t
assert dict(b["findings"][0])["text"] == "client service", b
f2 = dict(dict(dict(outs[1])["unspin"])["fields"])
assert dict(f2["title"])["rewrite"] == "Clean title", f2
assert dict(f2["/article/body"])["rewrite"] == "deep learning", f2
' || fail "two text fields: a result per field"
# The summary counts the findings of both fields.
run cl --stream --text-field title --text-field /article/body <fields.jsonl
printf '%s\n' "$ERR" | grep -Eq '^2 records, [0-9]+ words, 3 findings, ' || fail "two fields: summary: $ERR"

# Errors name the record's id (the "id" field, or --id-field).
{
  echo '{"id":"a7","title":"A title"}'
  echo '{"id":8,"title":"A title","article":{"body":42}}'
  echo '{"title":"no id","article":{}}'
  echo '{"id":{"deep":1},"title":"t"}'
  echo '{"meta":{"uuid":"u-9"},"title":"t"}'
} >noid.jsonl
run cl --stream --text-field title --text-field /article/body <noid.jsonl
expect_rc 2 "missing fields: exit 2"
expect_err_has 'cleanup: <stdin>:1: id "a7": missing field "/article/body"' "error names a string id"
expect_err_has 'cleanup: <stdin>:2: id 8: field "/article/body" is a number, not a string' "error names a number id"
expect_err_has 'cleanup: <stdin>:3: missing field "/article/body"' "no id: the line only"
expect_err_has 'cleanup: <stdin>:4: missing field' "an object id is not printed"
[ "$(printf '%s\n' "$OUT" | grep -c '"error"')" -eq 5 ] || fail "missing fields: in-band errors"
run cl --stream --text-field title --text-field /article/body --id-field /meta/uuid <noid.jsonl
expect_err_has 'cleanup: <stdin>:5: id "u-9": missing field "/article/body"' "--id-field with a JSON Pointer"
expect_err_has 'cleanup: <stdin>:1: missing field' "--id-field: other ids not used"
run cl --stream --text-field title --text-field /article/body --id-field '' <noid.jsonl
expect_err_has 'cleanup: <stdin>:1: missing field' "--id-field '': no id"

# Usage errors: a bad JSON Pointer, a field given twice.
run cl --stream --text-field '/a~2b' </dev/null
expect_rc 2 "--text-field: bad JSON Pointer"
expect_err_has "--text-field '/a~2b': not a JSON Pointer" "--text-field: bad JSON Pointer"
run cl --stream --id-field '/x~' </dev/null
expect_rc 2 "--id-field: bad JSON Pointer"
run cl --stream --text-field a --text-field a </dev/null
expect_rc 2 "--text-field twice"
expect_err_has "--text-field 'a' is given twice" "--text-field twice"
run cl --id-field id </dev/null
expect_rc 2 "--id-field needs --stream"

# --- malformed records -----------------------------------------------------
{
  echo '{"id":1,"text":"A clean sentence."}'
  echo '{"id":2,"text":'                                     # bad JSON
  echo '{"id":3}'                                            # missing field
  echo '{"id":4,"text":42}'                                  # number
  printf '{"id":5,"text":"raw \xff bytes"}\n'                # invalid UTF-8, raw
  echo '{"id":6,"text":"lone \udc00 surrogate"}'             # invalid UTF-8, escape
  echo '[1,2]'                                               # not an object
  echo ''                                                    # blank: skipped
  echo '{"id":9,"text":null}'                                # null
  echo '{"id":10,"text":"bad guy gang"}'                     # still processed
} >bad.jsonl
run cl --stream <bad.jsonl
expect_rc 2 "malformed records: exit 2"
[ "$(printf '%s\n' "$OUT" | wc -l)" -eq 9 ] || fail "one output line per record (blank skipped)"
printf '%s\n' "$OUT" | python3 -c '
import json, sys
outs = [json.loads(l) for l in sys.stdin]
err = lambda o: o["unspin"].get("error", "")
assert "error" not in outs[0]["unspin"] and outs[0]["id"] == 1
assert outs[1]["line"] == 2 and outs[1]["raw"].startswith("{\"id\":2") and "invalid JSON" in err(outs[1]), outs[1]
assert outs[2]["id"] == 3 and err(outs[2]) == "missing field \"text\"", outs[2]
assert outs[3]["id"] == 4 and outs[3]["text"] == 42 and "is a number, not a string" in err(outs[3]), outs[3]
assert outs[4]["line"] == 5 and "UTF-8" in err(outs[4]) and "\ufffd" in outs[4]["raw"], outs[4]
assert outs[5]["line"] == 6 and "surrogate" in err(outs[5]), outs[5]
assert outs[6]["line"] == 7 and "is an array, not a JSON object" in err(outs[6]), outs[6]
assert outs[7]["id"] == 9 and "is null" in err(outs[7]), outs[7]
assert outs[8]["id"] == 10 and outs[8]["unspin"]["rewrite"] == "criminal gang", outs[8]
' || fail "malformed records: in-band errors"
for n in 2 3 4 5 6 7 9; do
  expect_err_has "cleanup: <stdin>:$n: " "stderr names line $n"
done
printf '%s\n' "$ERR" | grep -q "<stdin>:1:\|<stdin>:8:\|<stdin>:10:" && fail "stderr: only bad lines"
run cl --stream --invalid-utf8=replace <bad.jsonl
printf '%s\n' "$OUT" | sed -n 5p | python3 -c '
import json, sys
o = json.loads(sys.stdin.read())
assert o["id"] == 5 and o["text"] == "raw \ufffd bytes" and "rewrite" in o["unspin"], o
' || fail "--invalid-utf8=replace repairs raw bytes in a record"
run cl --stream --exit-zero <bad.jsonl
expect_rc 0 "--exit-zero"

# --- exit status, summary, files, CRLF, no final newline -------------------
run cl --stream <<<'{"text":"A clean sentence."}'
expect_rc 0 "clean stream"
printf '%s\n' "$ERR" | grep -Eqx '1 record, 3 words, 0 findings, 0 spun documents, [0-9.]+ s' ||
  fail "stream summary line: $ERR"
run cl --stream -q <<<'{"text":"A clean sentence."}'
expect_err_empty "--quiet stream"
run cl --stream </dev/null
expect_rc 0 "empty stream"
expect_out_empty "empty stream"
printf '{"text":"bad guy gang"}\r\n{"text":"client service"}' >crlf.jsonl
printf '{"text":"profound learning"}\n{"oops"\n' >two.jsonl
run cl --stream crlf.jsonl two.jsonl missing.jsonl
expect_rc 2 "stream over files"
[ "$(printf '%s\n' "$OUT" | grep -c '"rewrite"')" -eq 3 ] || fail "stream files: CRLF and last line without newline"
expect_err_has "cleanup: two.jsonl:2: invalid JSON" "stream files: name:line"
expect_err_has "cleanup: missing.jsonl: No such file or directory" "stream files: missing"
run cl --stream --fix </dev/null
expect_rc 2 "--stream with --fix"
run cl --stream --format=json </dev/null
expect_rc 2 "--stream with --format"
run cl --text-field body </dev/null
expect_rc 2 "--text-field needs --stream"

# --- -j: same bytes, records in order --------------------------------------
python3 - >many.jsonl <<'PY'
import json
phr = ["bad guy gang", "client service", "profound learning", "clean words"]
for i in range(600):
    t = " and ".join(phr[(i + k) % 4] for k in range(i % 5))
    print(json.dumps({"n": i, "text": "Record %d: %s." % (i, t)}))
    if i % 97 == 0:
        print('{"n": "broken"')
PY
cl --stream -q -j 1 many.jsonl >j1.out 2>j1.err
cl --stream -q -j 3 many.jsonl >j3.out 2>j3.err
cmp -s j1.out j3.out || fail "stream -j 3: stdout differs from -j 1"
cmp -s j1.err j3.err || fail "stream -j 3: stderr differs from -j 1"
[ "$(wc -l <j1.out)" -eq 607 ] || fail "stream -j: every record out"

# --- one record in, one record out, before the input ends ------------------
# (a deadlock guard for pipes kept open, as Spark and editors do)
coproc CO { "$CLEANUP" --no-builtin --dict "$FIX/basic.tsv" --stream -q; }
# bash unsets CO and CO_PID as soon as the coprocess is reaped, so keep copies.
co_pid=$CO_PID co_in=${CO[1]} co_out=${CO[0]}
echo '{"text":"bad guy gang"}' >&"$co_in"
if IFS= read -r -t 60 line <&"$co_out"; then
  case "$line" in *'"rewrite":"criminal gang"'*) ;; *) fail "coprocess: $line" ;; esac
else
  fail "stream does not answer a record while its input is still open"
fi
exec {co_in}>&-
wait "$co_pid" 2>/dev/null || true

finish
