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
