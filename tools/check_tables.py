#!/usr/bin/env python3
# unspin: checks phrase tables (dictionaries/en/*.tsv) against the format in
# dictionaries/README.md plus the rules for shipped tables; stdlib only.
"""Usage: python3 tools/check_tables.py [TABLE.tsv ...]

Without arguments, checks every dictionaries/en/*.tsv next to this script.
Prints "FILE:LINE: message" for each problem and a one-line summary per
file; exits 1 if any problem was found.

Checks: UTF-8 and NFC; 2 to 5 TAB-separated fields; spun side lowercase,
single-spaced, not empty; canonical not empty ("?", "<delete>" or "|"
alternatives without empty parts); prior empty or a number in (0, 1];
tags [a-z0-9_-]+ separated by commas; context clauses requires=, excludes=
and near=N:... (N in 1..999) with non-empty terms; and for shipped tables:
sorted by (spun, canonical) in byte order, no duplicate (spun, canonical)
pairs, no switch-off lines.
"""

import glob
import os
import re
import sys
import unicodedata

TAG_RE = re.compile(r"^[a-z0-9_-]+$")
NUM_RE = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)$")


def check_file(path):
    problems = []
    entries = []

    def err(line_no, msg):
        problems.append("%s:%d: %s" % (path, line_no, msg))

    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return ["%s:0: invalid UTF-8 at byte %d" % (path, e.start)], 0
    for no, line in enumerate(text.split("\n"), start=1):
        line = line[:-1] if line.endswith("\r") else line
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if unicodedata.normalize("NFC", line) != line:
            err(no, "not NFC")
        fields = line.split("\t")
        if fields[0].startswith("!"):
            # switch-off line: "!spun" or "!spun<TAB>canonical"
            err(no, "switch-off line in a shipped table")
            if len(fields) > 2 or not fields[0][1:].strip():
                err(no, "malformed switch-off line")
            continue
        if not 2 <= len(fields) <= 5:
            err(no, "expected 2-5 tab-separated fields, got %d" % len(fields))
            continue
        spun, canon = fields[0], fields[1]
        if not spun.strip():
            err(no, "empty spun phrase")
        if spun != spun.lower():
            err(no, "spun phrase not lowercase")
        if spun != " ".join(spun.split()):
            err(no, "spun phrase not single-spaced/trimmed")
        if not canon.strip():
            err(no, "empty canonical")
        elif canon != canon.strip():
            err(no, "canonical has surrounding spaces")
        elif any(not a.strip() for a in canon.split("|")):
            err(no, "empty alternative in canonical")
        if len(fields) >= 3 and fields[2] != "":
            p = fields[2]
            if not NUM_RE.match(p) or not 0.0 < float(p) <= 1.0:
                err(no, "prior %r not a number in (0,1]" % p)
        if len(fields) >= 4 and fields[3] != "":
            for tag in fields[3].split(","):
                if not TAG_RE.match(tag):
                    err(no, "bad tag %r" % tag)
        if len(fields) == 5 and fields[4] != "":
            for clause in fields[4].split(";"):
                key, eq, terms = clause.partition("=")
                if key not in ("requires", "excludes", "near") or not eq:
                    err(no, "unknown context clause %r" % clause)
                    continue
                if key == "near":
                    count, colon, terms = terms.partition(":")
                    if (not colon or not count.isdigit() or len(count) > 3
                            or int(count) == 0):
                        err(no, "near clause %r must read near=N:TERM|TERM "
                                "with N in 1..999" % clause)
                        continue
                for term in terms.split("|"):
                    if not term.strip():
                        err(no, "empty term in %r" % clause)
        entries.append((no, spun.encode("utf-8"), canon.encode("utf-8")))
    seen = set()
    prev = None
    for no, spun, canon in entries:
        key = (spun, canon)
        if key in seen:
            err(no, "duplicate (spun, canonical) pair")
        seen.add(key)
        if prev is not None and key < prev:
            err(no, "not sorted by (spun, canonical) in byte order")
        prev = key
    return problems, len(entries)


def main(argv):
    paths = argv[1:]
    if not paths:
        here = os.path.dirname(os.path.abspath(__file__))
        root = os.path.normpath(os.path.join(here, ".."))
        paths = sorted(glob.glob(os.path.join(root, "dictionaries",
                                              "en", "*.tsv")))
    bad = False
    for path in paths:
        problems, n = check_file(path)
        for p in problems:
            print(p)
        print("%s: %d entries, %d problems" % (path, n, len(problems)))
        bad = bad or bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
