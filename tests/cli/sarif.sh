# unspin cli tests: --format=sarif: a SARIF 2.1.0 log whose structure is
# checked key by key and whose regions and fixes are checked against the
# input bytes (no schema download).
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
mkdir -p "docs/sub dir"
cp "$FIX/spun.txt" "$FIX/special.txt" "$FIX/clean.txt" docs/
# Multi-byte characters before a finding, CRLF line ends, a BOM, a phrase
# broken over two lines, a space and a '#' in the path.
printf 'Caf\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x80\x94 bad guy gang here, then client service.\r\nSecond line: profound\r\nlearning.\r\n' \
  >"docs/sub dir/uni#code.txt"
printf '\xef\xbb\xbfbad guy gang at the start after a BOM.\nThird: counterfeit consciousness\n' >docs/bom.txt
printf 'Old Mac line\rwith bad guy gang after a CR.\r' >docs/cr.txt

check() {  # check FILE.sarif: structure, regions, fixes
  python3 - "$1" <<'PY'
import json, sys, urllib.parse
log = json.load(open(sys.argv[1], encoding="utf-8"))
assert log["version"] == "2.1.0", log["version"]
assert log["$schema"].endswith("sarif-schema-2.1.0.json"), log["$schema"]
assert len(log["runs"]) == 1
run = log["runs"][0]
drv = run["tool"]["driver"]
assert drv["name"] == "unspin cleanup" and drv["version"], drv
rules = {r["id"]: r for r in drv["rules"]}
assert list(rules) == ["spun-phrase", "discovered-spun-phrase"], rules
for r in drv["rules"]:
    assert r["shortDescription"]["text"] and r["defaultConfiguration"]["level"] == "warning"
assert run["columnKind"] == "unicodeCodePoints"
base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
assert base.startswith("file:///") and base.endswith("/"), base
assert isinstance(run["invocations"][0]["executionSuccessful"], bool)

def lines_of(text):
    """Code-point index of each line start: LF, CR and CRLF end a line."""
    starts, i = [0], 0
    while i < len(text):
        if text[i] == "\n" or (text[i] == "\r" and text[i+1:i+2] != "\n"):
            starts.append(i + 1)
        i += 1
    return starts

def cp_index(text, starts, line, col):
    bom = 1 if line == 1 and text.startswith("\ufeff") else 0
    return starts[line - 1] + bom + col - 1

def check_region(data, text, starts, reg):
    b0, b1 = reg["byteOffset"], reg["byteOffset"] + reg["byteLength"]
    c0 = len(data[:b0].decode("utf-8"))
    c1 = len(data[:b1].decode("utf-8"))
    assert cp_index(text, starts, reg["startLine"], reg["startColumn"]) == c0, reg
    assert cp_index(text, starts, reg["endLine"], reg["endColumn"]) == c1, reg
    assert reg["startColumn"] >= 1 and reg["endColumn"] >= 1
    return b0, b1, text[c0:c1]

def q(s):
    for a, b in (("\\", "\\\\"), ('"', '\\"'), ("\r", "\\r"), ("\n", "\\n"), ("\t", "\\t")):
        s = s.replace(a, b)
    return '"' + s + '"'

fixes = {}
levels = set()
for res in run["results"]:
    assert set(res) >= {"ruleId", "level", "message", "locations", "properties"}, res
    assert res["ruleId"] == "spun-phrase" and res["ruleIndex"] == 0
    # The level follows the confidence: error >= 0.9, warning >= 0.7, note.
    conf = res["properties"]["confidence"]
    want_level = "error" if conf >= 0.9 else "warning" if conf >= 0.7 else "note"
    assert res["level"] == want_level, (res["level"], conf)
    levels.add(res["level"])
    assert 0 <= res["rank"] <= 100
    props = res["properties"]
    assert 0 <= props["confidence"] <= 1 and props["source"].startswith("table:")
    loc = res["locations"][0]["physicalLocation"]
    art = loc["artifactLocation"]
    assert art["uriBaseId"] == "%SRCROOT%"
    path = urllib.parse.unquote(art["uri"])
    data = open(path, "rb").read()
    text = data.decode("utf-8")
    starts = lines_of(text)
    b0, b1, span = check_region(data, text, starts, loc["region"])
    assert loc["region"]["snippet"]["text"] == span, (span, loc["region"])
    sug = props["suggestion"]
    want = q(span) + " -> "
    want += "?" if sug is None else "(delete)" if sug == "" else q(sug)
    assert res["message"]["text"] == want, (res["message"]["text"], want)
    if sug is None:
        assert "fixes" not in res, res
        continue
    (fix,) = res["fixes"]
    assert fix["description"]["text"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == art
    (rep,) = change["replacements"]
    d0, d1, _ = check_region(data, text, starts, rep["deletedRegion"])
    # The replacement overlaps the finding's span.
    assert d0 <= b1 and b0 <= d1, (d0, d1, b0, b1)
    fixes.setdefault(path, []).append((d0, d1, rep["insertedContent"]["text"].encode()))

# Applying every fix of a file gives the --fix output.
for path, reps in fixes.items():
    data = open(path, "rb").read()
    for d0, d1, new in sorted(reps, reverse=True):
        data = data[:d0] + new + data[d1:]
    want = open(path + ".fixed", "rb").read()
    assert data == want, (path, data, want)
print(len(run["results"]), "-".join(sorted(levels)))
PY
}

files="docs/spun.txt docs/special.txt docs/clean.txt docs/sub dir/uni#code.txt docs/bom.txt docs/cr.txt"
IFS='
'
for f in $(printf '%s\n' docs/spun.txt docs/special.txt docs/clean.txt "docs/sub dir/uni#code.txt" docs/bom.txt docs/cr.txt); do
  cl --fix --min-confidence 0 "$f" >"$f.fixed" 2>/dev/null
done
unset IFS

run cl --format=sarif --min-confidence 0 docs
expect_rc 1 "sarif over a directory"
cp "$WORK/out" "$WORK/all.sarif"
n=$(check "$WORK/all.sarif") || fail "sarif structure, regions and fixes"
n=${n%% *}
[ "${n:-0}" -ge 12 ] || fail "sarif: expected at least 12 results, got ${n:-none}"
expect_out_has '"uri": "docs/sub%20dir/uni%23code.txt"' "sarif: URIs are percent-encoded"
expect_out_has '"executionSuccessful": true' "sarif: success"
# The non-ASCII line: columns count code points (the emoji is one column).
python3 - "$WORK/all.sarif" <<'PY' || fail "sarif: code-point columns, two-line region"
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
regs = [(r["message"]["text"], r["locations"][0]["physicalLocation"]["region"])
        for r in run["results"]
        if "uni%23code" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
by = {m.split('"')[1]: g for m, g in regs}
g = by["bad guy gang"]
assert (g["startLine"], g["startColumn"], g["endColumn"]) == (1, 10, 22), g
g = by["profound\\r\\nlearning"]
assert (g["startLine"], g["startColumn"], g["endLine"], g["endColumn"]) == (2, 14, 3, 9), g
PY

# Levels follow the confidence (error >= 0.9, warning >= 0.7, note): a
# table of weaker entries gives all three (0.95, 0.84 and 0.57 here).
mkdir levels
printf 'bad guy gang\tcriminal gang\t0.95\nclient service\tcustomer service\t0.75\nfierce reliance\theavy reliance\t0.3\n' >levels/weak.tsv
printf 'Police said bad guy gang members fled.\n' >levels/a.txt
printf 'Call client service now.\nThere is a fierce reliance on it.\n' >levels/b.txt
for f in levels/a.txt levels/b.txt; do
  "$CLEANUP" --no-builtin --dict levels/weak.tsv --fix --min-confidence 0 "$f" >"$f.fixed" 2>/dev/null
done
run "$CLEANUP" --no-builtin --dict levels/weak.tsv --format=sarif --min-confidence 0 levels/a.txt levels/b.txt
expect_rc 1 "sarif levels"
printf '%s\n' "$OUT" >"$WORK/levels.sarif"
got=$(check "$WORK/levels.sarif") || fail "sarif levels: structure, regions and fixes"
[ "$got" = "3 error-note-warning" ] ||
  fail "sarif: levels by confidence: got '$got', want 3 results: error, note and warning"

# Same bytes for any -j.
run cl --format=sarif --min-confidence 0 -j 3 docs
cmp -s "$WORK/out" "$WORK/all.sarif" || fail "sarif: -j 3 differs from -j 1"

# No findings: a valid log with no results, exit 0.
run cl --format=sarif docs/clean.txt
expect_rc 0 "sarif, clean file"
printf '%s\n' "$OUT" | python3 -c '
import json, sys
log = json.load(sys.stdin)
assert log["runs"][0]["results"] == [], log' || fail "sarif, clean file: empty results"

# Errors become notifications; the log is still written, exit 2.
printf 'bad\xffbytes\n' >bad.txt
run cl --format=sarif docs/spun.txt missing.txt bad.txt
expect_rc 2 "sarif with errors"
expect_err_has "missing.txt" "sarif with errors: stderr"
printf '%s\n' "$OUT" | python3 -c '
import json, sys
run = json.load(sys.stdin)["runs"][0]
inv = run["invocations"][0]
assert inv["executionSuccessful"] is False, inv
msgs = [n["message"]["text"] for n in inv["toolExecutionNotifications"]]
assert all(n["level"] == "error" for n in inv["toolExecutionNotifications"])
assert any("missing.txt" in m for m in msgs) and any("bad.txt" in m for m in msgs), msgs
assert len(run["results"]) == 3, len(run["results"])' ||
  fail "sarif with errors: notifications"

# Standard input and absolute paths.
run cl --format=sarif <"$FIX/spun.txt"
expect_out_has '"uri": "%3Cstdin%3E"' "sarif: stdin uri"
run cl --format=sarif "$WORK/docs/spun.txt"
expect_out_has "\"uri\": \"file://$WORK/docs/spun.txt\"" "sarif: absolute path is a file URI"

finish
