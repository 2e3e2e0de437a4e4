#!/usr/bin/env python3
# unspin "spun general English" bench: cleanup on the spinner simulator's
# spun and clean Brown texts (tools/spin_sim.py), scored against the gold.
"""usage:
  python3 bench/spin_bench.py --sim-dir DIR [--cleanup PATH | --build DIR]
      [--split test|dev|fit] [-- CLEANUP_OPTION...]

DIR is the output of tools/spin_sim.py (DIR/split.tsv, DIR/SPLIT/NAME.*).
The cleanup binary defaults to BUILD/examples/cleanup/cleanup (BUILD
defaults to ./build); options after "--" go to cleanup unchanged (e.g.
--discover, --data-dir DIR, --min-confidence X). All spun and clean files of
the split are checked by ONE cleanup run with --format json (one JSON
document, {"files": [...]}, with one object per input file: findings with
byte offsets "begin"/"end" and "suggestion", and a "verdict" with "spun" and
"words").

Prints "name: value" lines (see bench/README.md). Exit 0 whatever the
figures; 2 when something could not run (missing input, cleanup error).
"""

import json
import os
import re
import shlex
import subprocess
import sys


def fail(message):
    print("spin_bench: " + message, file=sys.stderr)
    sys.exit(2)


def parse_args(argv):
    extra = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    import argparse
    parser = argparse.ArgumentParser(
        description="Score cleanup on the spinner simulator's output; "
                    "options after -- go to cleanup.")
    parser.add_argument("--sim-dir", required=True,
                        help="output dir of tools/spin_sim.py")
    parser.add_argument("--build", default="build",
                        help="build dir holding examples/cleanup/cleanup")
    parser.add_argument("--cleanup", help="cleanup binary (default "
                        "BUILD/examples/cleanup/cleanup)")
    parser.add_argument("--split", default="test",
                        choices=("test", "dev", "fit"))
    args = parser.parse_args(argv)
    args.extra = extra
    args.cleanup = args.cleanup or os.path.join(args.build, "examples",
                                                "cleanup", "cleanup")
    return args


def read_split(sim_dir, split):
    path = os.path.join(sim_dir, "split.tsv")
    try:
        with open(path, encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f][1:]
    except OSError as e:
        fail("cannot read %s: %s (run tools/spin_sim.py first)"
             % (path, e.strerror))
    names = sorted(r[0] for r in rows if len(r) >= 2 and r[1] == split)
    if not names:
        fail("no %s files in %s" % (split, path))
    return names


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        fail("cannot read %s: %s" % (path, e.strerror))


def norm(text):
    return " ".join(text.split()).casefold()


def overlaps(a_begin, a_end, b_begin, b_end):
    return a_begin < b_end and b_begin < a_end


def restores(finding, gold, spun_bytes, gold_list, suggestion):
    """The suggestion restores the gold span: it equals the original, or the
    finding also covers unchanged words around the span and the suggestion
    equals them with every gold span inside put back."""
    if suggestion is None:
        return False
    if norm(suggestion) == norm(gold["original"]):
        return True
    fb, fe = finding["begin"], finding["end"]
    if not (fb <= gold["begin"] and gold["end"] <= fe):
        return False
    pieces, pos = [], fb
    for g in gold_list:
        if g["begin"] >= fb and g["end"] <= fe:
            pieces.append(spun_bytes[pos:g["begin"]].decode("utf-8", "replace"))
            pieces.append(g["original"])
            pos = g["end"]
        elif overlaps(g["begin"], g["end"], fb, fe):
            return False  # a gold span cut by the finding: no clean target
    pieces.append(spun_bytes[pos:fe].decode("utf-8", "replace"))
    return norm(suggestion) == norm("".join(pieces))


def run_cleanup(args, files):
    if not os.path.isfile(args.cleanup) or not os.access(args.cleanup, os.X_OK):
        fail("cleanup binary not found: %s (build the cleanup target, or "
             "pass --cleanup / --build)" % args.cleanup)
    cmd = [args.cleanup, "--format", "json", "--quiet"] + args.extra
    proc = subprocess.run(cmd + files, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    # 0: nothing found, 1: findings, 2: an error.
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        fail("cleanup exited with %d" % proc.returncode)
    docs = {}
    for doc in json.loads(proc.stdout.decode("utf-8"))["files"]:
        docs[doc["file"]] = doc
    missing = [f for f in files if f not in docs]
    if missing:
        fail("cleanup printed no result for %s" % missing[0])
    return cmd, docs


def pct(part, whole):
    return 100.0 * part / whole if whole else 0.0


def main(argv):
    args = parse_args(argv)
    names = read_split(args.sim_dir, args.split)
    split_dir = os.path.join(args.sim_dir, args.split)
    spun_files = [os.path.join(split_dir, n + ".spun.txt") for n in names]
    clean_files = [os.path.join(split_dir, n + ".clean.txt") for n in names]
    for f in spun_files + clean_files:
        if not os.path.isfile(f):
            fail("missing %s (regenerate with tools/spin_sim.py)" % f)
    cmd, docs = run_cleanup(args, spun_files + clean_files)

    # The document rule: the verdict's "spun" field when cleanup has one.
    has_verdict = all("spun" in docs[f].get("verdict", {}) for f in docs)
    doc_rule = "verdict.spun" if has_verdict else ">= 1 finding"

    def doc_spun(doc):
        if has_verdict:
            return bool(doc["verdict"]["spun"])
        return bool(doc["findings"])

    def words_of(doc, path):
        words = doc.get("verdict", {}).get("words")
        if words is None:
            words = len(re.findall(rb"[A-Za-z0-9]+", read_bytes(path)))
        return words

    spans = flagged = restored = restored_alt = 0
    spun_words = spun_findings = spun_findings_on_gold = spun_docs_flagged = 0
    for name, path in zip(names, spun_files):
        doc = docs[path]
        spun_bytes = read_bytes(path)
        gold_path = os.path.join(split_dir, name + ".gold.jsonl")
        with open(gold_path, encoding="utf-8") as f:
            gold_list = [json.loads(line) for line in f if line.strip()]
        gold_list.sort(key=lambda g: (g["begin"], g["end"]))
        findings = doc["findings"]
        for g in gold_list:
            hits = [x for x in findings
                    if overlaps(x["begin"], x["end"], g["begin"], g["end"])]
            spans += 1
            flagged += bool(hits)
            restored += any(restores(x, g, spun_bytes, gold_list,
                                     x.get("suggestion")) for x in hits)
            restored_alt += any(
                restores(x, g, spun_bytes, gold_list, s)
                for x in hits
                for s in [x.get("suggestion")] + x.get("alternatives", []))
        for x in findings:
            spun_findings += 1
            spun_findings_on_gold += any(
                overlaps(x["begin"], x["end"], g["begin"], g["end"])
                for g in gold_list)
        spun_words += words_of(doc, path)
        spun_docs_flagged += doc_spun(doc)

    clean_words = clean_findings = clean_docs_flagged = 0
    for path in clean_files:
        doc = docs[path]
        clean_words += words_of(doc, path)
        clean_findings += len(doc["findings"])
        clean_docs_flagged += doc_spun(doc)

    outside = spun_findings - spun_findings_on_gold
    print("split: %s" % args.split)
    print("files: %d spun + %d clean" % (len(names), len(names)))
    print("words: %d" % clean_words)
    print("words_spun: %d" % spun_words)
    print("swapped_spans: %d" % spans)
    print("flagged_spans: %d" % flagged)
    print("flagged_pct: %.2f" % pct(flagged, spans))
    print("restored_spans: %d" % restored)
    print("restored_pct: %.2f" % pct(restored, spans))
    print("restored_with_alternatives_pct: %.2f" % pct(restored_alt, spans))
    print("findings_spun: %d" % spun_findings)
    print("findings_spun_on_gold_pct: %.2f" % pct(spun_findings_on_gold,
                                                 spun_findings))
    print("findings_clean: %d" % clean_findings)
    print("false_alarms_per_10k_words: %.2f" % (
        1e4 * clean_findings / clean_words if clean_words else 0.0))
    print("false_alarms_per_10k_spun_outside_gold: %.2f" % (
        1e4 * outside / spun_words if spun_words else 0.0))
    print("doc_rule: %s" % doc_rule)
    print("doc_spun_pct_spun_docs: %.2f" % pct(spun_docs_flagged, len(names)))
    print("doc_spun_pct_clean_docs: %.2f" % pct(clean_docs_flagged, len(names)))
    print("command: %s %s/{%s}.{spun,clean}.txt" % (
        shlex.join(cmd), split_dir, "..." if len(names) > 3
        else ",".join(names)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
