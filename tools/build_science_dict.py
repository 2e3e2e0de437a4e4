#!/usr/bin/env python3
# unspin: builds dictionaries/en/science.tsv from the tortured-phrases reference
# data (Problematic Paper Screener export); python3 standard library, plus the
# built unspin_build_paradigms tool for the English word list.
"""Build the shipped science phrase table from tortured-phrases.train.tsv.

Usage (from the repository root):

    python3 tools/build_science_dict.py ../shared/data/tortured-phrases.train.tsv \
        dictionaries/en/science.tsv [/usr/share/hunspell/en_US.dic]

The optional third argument is a Hunspell dictionary (its .aff file is read
from next to it); the default is Debian's /usr/share/hunspell/en_US.dic. It
tells English words from non-words for the single-word prior rule below; if
it is missing, the script says so on stderr and uses the old rule (every
single word is treated as an English word).

Build first: the dictionary's word forms are listed by the C++ tool
`unspin_build_paradigms --forms AFF DIC` (the library's one .aff/.dic reader,
src/aff_dic.hpp), found as build/unspin_build_paradigms next to the tools/
directory or at the path in the environment variable UNSPIN_BUILD_PARADIGMS:

    cmake -S . -B build && cmake --build build --target unspin_build_paradigms

The input is the 5-column TSV described in the data README (spun, canonical,
pps_query, pps_papers, sources; header first). The output follows
dictionaries/README.md. The output is deterministic (same input, same bytes)
and is written atomically (temporary file + rename). Counts of kept and
skipped pairs, by reason, go to stderr.

What it does, per input pair:

spun      NFC, lowercased, whitespace collapsed, hyphens kept as written.
          Pairs whose spun side has characters other than letters, digits,
          spaces, hyphens/dashes, apostrophes, periods, commas, slashes,
          parentheses and '&' are skipped ("bad characters": quotes, '\\',
          brackets are export artefacts or markup). Parenthesized acronyms
          ("artificial data (ai)") are kept: the matcher compares the
          punctuation between words literally, so they match "(AI)" in text.
canonical NFC, lowercased by the source; cleaned:
          - stray markup removed: '"', ' ... ' gaps, unbalanced '(' / ')';
            where '*...*' marks a part of a longer term, that part is kept
            ("volume, *velocity, variety*, and veracity" -> "velocity,
            variety");
          - a trailing acronym note is dropped: "back propagation (bp)" ->
            "back propagation";
          - "search and replace of X -> Y" notes become the spun side with Y
            replaced by X back ("mobileular" -> "cellular");
          - "name: expansion" keeps the expansion when only it has the spun
            side's word count;
          - '/' and ' or ' are read as alternatives (written "a|b") when the
            spun side has no '/' (resp. ' or ') itself and the separator is
            not part of a known slashed term (tcp/ip, i/o, input/output,
            acid/base, master/slave, storage/retrieval, ...). Two expansions
            are tried: word-level ("fog/mist/cloud computing" -> "fog
            computing|mist computing|cloud computing") and phrase-level
            ("digital crime/cyber crime" -> "digital crime|cyber crime"); the
            one with the spun side's number of words wins, word-level when
            both or neither do. A spaced " / " is always phrase-level ("brain
            cancer / brain tumor"). ' or ' is only split when an expansion
            has the spun side's number of words ("renal or kidney failure"
            -> "renal failure|kidney failure"; "solid, liquid or gas" stays).
          - known acronyms get their usual case back (the source data is
            lowercased): the cased forms are collected from the pps_query
            column ("DNA", "CO2", "pH", "ReLU"), minus a stoplist of words
            that are also ordinary English ("it", "its", "send", ...).
          Alternatives equal to the spun side (ignoring case and hyphens)
          are dropped; a pair with none left is skipped ("identical").
context   from pps_query (Lucene-like syntax of the Problematic Paper Screener):
          "A" AND "B"            -> requires=b
          "A" AND ("B" OR "C")   -> requires=b|c
          "A" NOT "B" [NOT "C"]  -> excludes=b|c
          "A" OR "A2" AND "B"    -> read as ("A" OR "A2") AND "B"; A2 is
                                    another spelling of the spun phrase
          "A B"~N (proximity)    -> the plain adjacent phrase "a b" is emitted
                                    with no context: it matches a subset of
                                    what the query matches.
          A NOT "A B C"~N        -> excludes=c (the words that are not part of
                                    the spun phrase; a superset of the query's
                                    exclusion).
          AND "A ... B"~N        where the proximity phrase contains the spun
                                    phrase's words, it only says "nearby": it
                                    is dropped (document level instead).
          unquoted words         -> read as one phrase ("AND business
                                    intelligence" -> requires=business
                                    intelligence); "optimiz*", "hear*" -> the
                                    words they stand for (optimization|
                                    optimize|...; hear|heard|hearing|hears);
                                    "ADN" -> AND (typo in the source).
          Queries with two AND groups cannot be written (a line has one
          requires clause, whose terms are alternatives): the context is
          skipped and the prior lowered (see below). Approximated contexts
          (dropped proximity, wildcard, unquoted words) are counted.
          Where the query's positive phrase differs from the spun column
          (casing, hyphenation), the spun column is used.
prior     from the evidence (n = number of words of the spun side, as the
          matcher tokenizes it: "cross-approval" and "grasp/slave" are 2
          words; p = pps_papers, or none when the pair has no query):
            L = log10(1 + p)               (L = 0 when p is none)
            n == 1 and the word is an English word form (the Hunspell
                    dictionary's stems expanded with the .aff PFX/SFX rules
                    of their flags, compared lowercase; listed by
                    unspin_build_paradigms --forms):
                    prior = min(0.30, 0.10 + 0.05 * L)
                    (single words are ordinary English in most documents)
            n == 1 and not an English word form ("auupdatedmation",
                    "conwirelessgure", "associatealog": spinner splices
                    that never occur in real prose): as for n == 2 below
            n >= 2: prior = min(0.99, 0.84 + 0.035 * L + (0.02 if n >= 3))
                    and 0.82 (+0.02 if n >= 3) when p is none
            context that could not be written: prior *= 0.75
          rounded to 2 decimals. Examples: a 2-word phrase with 1 paper 0.85,
          with 100 papers 0.91, with 10000 papers 0.98; a single word with 1000
          papers 0.25.
tags      "science".
chains    a canonical term that is itself another line's spun side is
          replaced by that line's canonical terms ("power weighted data
          transmission" -> "intensity weighted bandwidth" becomes ->
          "spectral efficiency").
skipped   spun sides that are established terms of their own (the
          ESTABLISHED_SPUN list: "search engine" -> "machine learning" would
          fire on every mention of search engines).

Duplicates: pairs with the same spun side are merged into one line (spun
sides that differ only in hyphens or dashes count as the same, as they do
for the matcher: "0.33-birthday celebration" = "0.33 birthday celebration";
the spelling with the most papers is written); its
canonical alternatives are ordered by pps_papers (most first, then byte
order), its prior is the highest of the merged pairs, its requires terms
are the union of the pairs' (none if any pair has none) and its excludes
terms the intersection (so the line fires wherever one of the pairs would).
Three or more alternatives that all start with the same n words (n = the
spun side's length) and only differ after them are cut to those n words
(annotation noise such as "differential equation and 1st order|...").
Lines are sorted by (spun, canonical) in byte order.
"""

import collections
import csv
import math
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HEADER = ["spun", "canonical", "pps_query", "pps_papers", "sources"]

# Spun-side characters besides letters, digits and whitespace.
SPUN_EXTRA_CHARS = set("-\u2010\u2011\u2012\u2013\u2014\u2015'\u2019.,/()&")
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

# Slashed terms that are one term, not alternatives (lowercase, as
# "left/right" pairs around the '/').
LITERAL_SLASH = {
    ("tcp", "ip"), ("i", "o"), ("input", "output"), ("acid", "base"),
    ("master", "slave"), ("and", "or"), ("w", "v"), ("km", "h"), ("m", "s"),
    ("mg", "kg"), ("mg", "l"), ("deficit", "hyperactivity"),
    ("chromatography", "mass"), ("a", "d"), ("d", "a"), ("s", "n"),
    ("on", "off"), ("read", "write"), ("client", "server"), ("peer", "peer"),
    ("storage", "retrieval"),
}

# Lowercase words that must not be re-cased as acronyms even when a query
# writes them in capitals (they are ordinary English words too).
ACRONYM_STOPLIST = {
    "a", "i", "it", "its", "is", "as", "us", "am", "an", "or", "in", "on",
    "to", "at", "be", "do", "go", "no", "so", "up", "we", "he", "me", "my",
    "of", "by", "if", "id", "em", "ad", "ar", "ot", "send", "ram", "aids",
    "cart", "care", "mask", "dip", "sad", "pet", "ant", "bag", "cap", "cat",
    "all", "and", "the", "for", "can", "may", "via", "map",
}

# Spun sides that are established English terms in their own right: the
# pair is an annotation slip ("search engine" is not a tortured "machine
# learning") and the entry would fire on clean text. Skipped.
ESTABLISHED_SPUN = {
    "search engine",
}

# Truncated query words ("optimiz*") spelled out as the whole words they
# stand for; unknown stems get the stem plus common endings (forms that
# are not words are harmless: they never match).
WILDCARD_FORMS = {
    "optimiz": ["optimization", "optimizations", "optimize", "optimized",
                "optimizer", "optimizers", "optimizes", "optimizing"],
    "hear": ["hear", "heard", "hearing", "hears"],
}
WILDCARD_SUFFIXES = ["", "s", "ed", "ing", "er", "ers", "ation", "ations"]

WORD_RE = re.compile(r"\w+(?:['\u2019.]\w+)*")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def collapse(s):
    return " ".join(s.split())


def norm_phrase(s):
    """NFC, lowercase, whitespace collapsed."""
    return collapse(nfc(s).lower())


def words(s):
    """Words as the matcher sees them (hyphens, slashes split words)."""
    return WORD_RE.findall(s)


def match_key(s):
    """Comparison key: lowercase words only (hyphens = spaces)."""
    return " ".join(w.lower() for w in words(s))


def dash_key(s):
    """Spellings the matcher cannot tell apart: hyphens/dashes = spaces."""
    return " ".join(re.sub("[" + DASHES + "]", " ", s).split())


def spun_chars_ok(s):
    return all(ch.isalnum() or ch == " " or ch in SPUN_EXTRA_CHARS for ch in s)


# ---------------------------------------------------------------- canonical

def strip_markup(c):
    # "*...*" marks the part of a longer term that the spun side stands for
    m = re.search(r"\*([^*]+)\*", c)
    if m:
        c = m.group(1)
    c = c.replace('"', " ").replace("*", " ")
    c = re.sub(r"\s*\.\.\.\s*", " ", c)
    # trailing acronym note, closed or not: "back propagation (bp)", "(nm"
    c = re.sub(r"\s*\([^()]*\)?\s*$", "", c) if re.search(r"\s\([^()]*\)?\s*$", c) else c
    # unbalanced parentheses left by export cuts
    if c.count("(") != c.count(")"):
        c = c.replace("(", " ").replace(")", " ")
    c = collapse(c).replace(" ,", ",")
    return c.strip(" ,;:")


def expand_alternatives(c, spun, sep):
    """Returns the alternatives for separator sep ('/' or ' or '), or None."""
    n_spun = len(words(spun))
    spaced = sep == "/" and re.search(r"\s/\s", c) is not None
    if sep == "/":
        phrase_parts = [collapse(p) for p in c.split("/")]
    else:
        phrase_parts = [collapse(p) for p in c.split(" or ")]
    phrase_ok = all(phrase_parts) and len(words(phrase_parts[0])) == n_spun
    if spaced:
        return phrase_parts if all(phrase_parts) else None
    # word-level: the tokens around the separator are the alternatives
    if sep == "/":
        toks = c.split(" ")
        idx = [i for i, t in enumerate(toks) if "/" in t]
        if len(idx) != 1:
            return phrase_parts if phrase_ok else None
        i = idx[0]
        alts = toks[i].split("/")
        if any(not a for a in alts):
            return None
        for left, right in zip(alts, alts[1:]):
            lw, rw = words(left), words(right)
            if lw and rw and (lw[-1].lower(), rw[0].lower()) in LITERAL_SLASH:
                return None
        word_parts = [" ".join(toks[:i] + [a] + toks[i + 1:]) for a in alts]
    else:
        m = re.fullmatch(r"(.*?)(\S+) or (\S+)(.*)", c)
        if not m or " or " in m.group(4):
            return phrase_parts if phrase_ok else None
        pre, a, b, post = m.groups()
        word_parts = [collapse(pre + a + post), collapse(pre + b + post)]
    word_ok = len(words(word_parts[0])) == n_spun
    if word_ok:
        return word_parts
    if phrase_ok:
        return phrase_parts
    # Spinners change word counts ("most elevated precision" for "highest
    # precision/accuracy"): an unspaced slash still reads word-level; " or "
    # needs the evidence ("solid, liquid or gas" is one term).
    return word_parts if sep == "/" else None


def clean_canonical(raw, spun):
    """Returns (list of alternatives, note) or (None, skip reason)."""
    c = norm_phrase(raw)
    if not c:
        return None, "empty canonical"
    if c == "?":
        return ["?"], None
    m = re.fullmatch(r"search and replace of (.+?) -> (.+)", c)
    if m:
        old, new = m.group(1).strip(), m.group(2).strip()
        if new in spun:
            return [spun.replace(new, old)], "search-and-replace note"
        return None, "unusable canonical note"
    c = strip_markup(c)
    if not c:
        return None, "empty canonical"
    if ": " in c:
        tail = c.split(": ", 1)[1]
        if len(words(tail)) == len(words(spun)):
            c = tail
    alts = [c]
    if "/" in c and "/" not in spun:
        got = expand_alternatives(c, spun, "/")
        if got:
            alts = got
    elif " or " in c and " or " not in spun:
        got = expand_alternatives(c, spun, " or ")
        if got:
            alts = got
    alts = [collapse(a) for a in alts if collapse(a)]
    return alts, None


def recase(alt, acronyms):
    def repl(m):
        w = m.group(0)
        return acronyms.get(w, w)
    return re.sub(r"\w+", repl, alt)


def collect_acronyms(rows):
    """Cased forms of words as written in the queries: lowercase -> cased."""
    seen = collections.defaultdict(collections.Counter)
    for r in rows:
        for phrase in re.findall(r'"([^"]*)"', r[2]):
            for w in re.findall(r"\w+", nfc(phrase)):
                low = w.lower()
                if w == low or len(w) < 2 or low in ACRONYM_STOPLIST:
                    continue
                if w == w[0].upper() + w[1:].lower():
                    continue  # Title case: sentence start or a name, not an acronym
                if low.isdigit():
                    continue
                seen[low][w] += 1
    return {low: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            for low, c in seen.items()}


# ---------------------------------------------------------------- query

TOKEN_RE = re.compile(r'\s*(?:("[^"]*")(~\d+)?|(\()|(\))|([^\s()"]+))')


class QueryError(Exception):
    pass


def tokenize_query(q):
    toks = []
    pos = 0
    q = q.strip()
    while pos < len(q):
        m = TOKEN_RE.match(q, pos)
        if not m or m.end() == pos:
            raise QueryError("cannot tokenize")
        pos = m.end()
        if m.group(1):
            toks.append(("PHRASE", m.group(1)[1:-1], m.group(2) is not None))
        elif m.group(3):
            toks.append(("(",))
        elif m.group(4):
            toks.append((")",))
        else:
            w = m.group(5)
            if w in ("AND", "ADN"):
                toks.append(("AND",))
            elif w == "OR":
                toks.append(("OR",))
            elif w == "NOT":
                toks.append(("NOT",))
            else:
                toks.append(("WORD", w))
    return toks


def parse_query(q):
    """Parses into [(op, [atom, ...])]: op in FIRST/AND/NOT, the atoms of a
    group are OR-ed. Atom = (text, kind) with kind in phrase/near/words/wild."""
    toks = tokenize_query(q)
    pos = 0

    def atom():
        nonlocal pos
        if pos >= len(toks):
            raise QueryError("unexpected end")
        t = toks[pos]
        if t[0] == "PHRASE":
            pos += 1
            if t[1].endswith("*") and " " not in t[1] and not t[2]:
                return [(t[1][:-1], "wild")]  # "hear*"
            return [(t[1], "near" if t[2] else "phrase")]
        if t[0] == "WORD":
            ws = []
            while pos < len(toks) and toks[pos][0] == "WORD":
                ws.append(toks[pos][1])
                pos += 1
            if len(ws) == 1 and ws[0].endswith("*"):
                return [(ws[0][:-1], "wild")]
            if any("*" in w for w in ws):
                raise QueryError("wildcard inside words")
            return [(" ".join(ws), "words")]
        if t[0] == "(":
            pos += 1
            g = orgroup()
            if pos >= len(toks) or toks[pos][0] != ")":
                raise QueryError("unbalanced parenthesis")
            pos += 1
            return g
        raise QueryError("unexpected " + t[0])

    def orgroup():
        nonlocal pos
        g = atom()
        while pos < len(toks) and toks[pos][0] == "OR":
            pos += 1
            g += atom()
        return g

    groups = [("FIRST", orgroup())]
    while pos < len(toks):
        op = toks[pos][0]
        if op not in ("AND", "NOT"):
            raise QueryError("expected AND/NOT")
        pos += 1
        groups.append((op, orgroup()))
    return groups


def term_ok(t):
    return t and not any(ch in t for ch in "|;\t=") and words(t)


def context_from_query(query, spun):
    """Returns (requires, excludes, status, notes).

    status: none (no query), plain, context, proximity, approx,
    unexpressible."""
    notes = []
    if not query.strip():
        return [], [], "none", notes
    try:
        groups = parse_query(nfc(query))
    except QueryError as e:
        return [], [], "unexpressible", ["unparsable query: " + str(e)]
    first = groups[0][1]
    spun_words = set(match_key(spun).split())
    status = "plain"
    if any(kind == "near" for _, kind in first):
        status = "proximity"
    if any(kind not in ("phrase", "near") for _, kind in first):
        return [], [], "unexpressible", ["positive part is not a phrase"]
    if not any(match_key(t) == match_key(spun) for t, _ in first):
        notes.append("query phrase differs from spun column")
    requires_groups, excludes = [], []
    approx = False
    for op, group in groups[1:]:
        terms = []
        for text, kind in group:
            t = norm_phrase(text)
            if kind == "wild":
                terms += WILDCARD_FORMS.get(
                    t, [t + s for s in WILDCARD_SUFFIXES])
                approx = True
            elif kind == "near":
                tw = match_key(t).split()
                rest = [w for w in tw if w not in spun_words]
                if op == "AND" and len(rest) < len(tw):
                    approx = True  # "nearby" restriction: document level
                    terms = None
                    break
                if op == "NOT" and rest and len(rest) < len(tw):
                    terms.append(" ".join(rest))
                else:
                    terms.append(t)
                approx = True
            else:
                if kind == "words" and len(t.split()) > 1:
                    approx = True
                terms.append(t)
        if terms is None:
            continue
        if not all(term_ok(t) for t in terms):
            return [], [], "unexpressible", ["bad term"]
        if op == "AND":
            requires_groups.append(terms)
        else:
            excludes += terms
    if len(requires_groups) > 1:
        return [], [], "unexpressible", ["several AND groups"]
    requires = requires_groups[0] if requires_groups else []
    if requires or excludes:
        status = "approx" if approx else ("context" if status == "plain" else status)
    elif approx:
        status = "approx"
    return dedupe(requires), dedupe(excludes), status, notes


def dedupe(xs):
    out = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out


# ---------------------------------------------------------------- prior

def prior_for(n_words, papers, unexpressible, english_word=True):
    if papers is None:
        L = 0.0
    else:
        L = math.log10(1 + papers)
    if n_words <= 1 and not english_word:
        n_words = 2  # a non-word: as surprising as a multiword artefact
    if n_words <= 1:
        p = min(0.30, 0.10 + 0.05 * L)
    else:
        base = 0.84 if papers is not None else 0.82
        p = min(0.99, base + 0.035 * L + (0.02 if n_words >= 3 else 0.0))
    if unexpressible:
        p *= 0.75
    return max(0.01, round(p + 1e-9, 2))


def fmt_prior(p):
    s = "%.2f" % p
    return s.rstrip("0").rstrip(".") if "." in s else s


# ---------------------------------------------------------------- lexicon

DEFAULT_HUNSPELL_DIC = "/usr/share/hunspell/en_US.dic"


def forms_tool():
    """Path of the built unspin_build_paradigms tool."""
    env = os.environ.get("UNSPIN_BUILD_PARADIGMS")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, os.pardir, "build", "unspin_build_paradigms")


def load_lexicon(dic_path):
    """All word forms of a Hunspell dictionary, lowercase: each stem, the
    stem with each of its flags' suffix and prefix rules, and prefix +
    suffix where both rules allow cross products (expand_word_forms() in
    src/aff_dic.hpp, run through `unspin_build_paradigms --forms`). Returns
    None if the dictionary files cannot be read; exits if the tool is not
    built."""
    aff_path = os.path.splitext(dic_path)[0] + ".aff"
    if not (os.path.isfile(aff_path) and os.path.isfile(dic_path)):
        return None
    tool = forms_tool()
    if not os.access(tool, os.X_OK):
        sys.stderr.write("%s not found: build it first (cmake -S . -B build && "
                         "cmake --build build --target unspin_build_paradigms)"
                         " or set UNSPIN_BUILD_PARADIGMS\n" % tool)
        sys.exit(1)
    run = subprocess.run([tool, "--forms", aff_path, dic_path],
                         stdout=subprocess.PIPE)
    if run.returncode != 0:
        sys.exit(1)  # the tool said why on stderr
    return set(run.stdout.decode("utf-8").split("\n")) - {""}


def is_english_word(word, lexicon):
    """True if word (any case; typographic apostrophe = ') is a word form
    of the lexicon; a possessive 's is ignored."""
    w = word.lower().replace("\u2019", "'")
    if w in lexicon:
        return True
    if w.endswith("'s") and w[:-2] in lexicon:
        return True
    return False


# ---------------------------------------------------------------- main

def build(rows, stats, lexicon=None):
    """lexicon: set of lowercase English word forms, or None (unknown)."""
    acronyms = collect_acronyms(rows)
    entries = collections.OrderedDict()  # spun -> list of candidate dicts
    for r in rows:
        spun_raw, canon_raw, query, papers_raw = r[0], r[1], r[2], r[3]
        spun = norm_phrase(spun_raw)
        if not spun:
            stats["skipped: empty spun"] += 1
            continue
        if not spun_chars_ok(spun) or not words(spun):
            stats["skipped: bad characters in spun"] += 1
            continue
        if dash_key(spun) in ESTABLISHED_SPUN:
            stats["skipped: spun side is an established term"] += 1
            continue
        alts, why = clean_canonical(canon_raw, spun)
        if alts is None:
            stats["skipped: " + why] += 1
            continue
        if why:
            stats["fixed: " + why] += 1
        alts = [a for a in alts if a == "?" or match_key(a) != match_key(spun)]
        if not alts:
            stats["skipped: canonical identical to spun"] += 1
            continue
        # A canonical that holds the spun phrase as whole words
        # ("technology spillover" -> "reverse technology spillover") would
        # rewrite an ordinary term (dict check: contains-spun).
        alts = [a for a in alts if a == "?" or
                (" " + match_key(spun) + " ") not in (" " + match_key(a) + " ")]
        if not alts:
            stats["skipped: canonical contains spun"] += 1
            continue
        if any(not words(a) and a != "?" for a in alts):
            stats["skipped: canonical has no words"] += 1
            continue
        alts = [a if a == "?" else recase(a, acronyms) for a in alts]
        papers = int(papers_raw) if papers_raw.strip().isdigit() else None
        requires, excludes, status, notes = context_from_query(query, spun)
        stats["query: " + status] += 1
        for note in notes:
            stats["query note: " + note] += 1
        n_words = len(words(spun))
        english = True
        if n_words == 1 and lexicon is not None:
            english = is_english_word(words(spun)[0], lexicon)
            if not english:
                stats["single words that are not English words"] += 1
        prior = prior_for(n_words, papers, status == "unexpressible", english)
        entries.setdefault(dash_key(spun), []).append({
            "spun": spun,
            "alts": alts, "papers": papers if papers is not None else -1,
            "prior": prior, "requires": requires, "excludes": excludes,
        })
        stats["pairs used"] += 1
    lines = []
    for _, cands in entries.items():
        if len(cands) > 1:
            stats["merged pairs (same spun)"] += len(cands) - 1
        # the spelling with the most papers (then byte order) is written
        spun = sorted(cands, key=lambda c: (-c["papers"],
                                            c["spun"].encode("utf-8")))[0]["spun"]
        # canonical alternatives by papers (most first), then byte order;
        # spellings that differ only in hyphens count once
        best = {}
        for c in cands:
            for a in c["alts"]:
                best[a] = max(best.get(a, -2), c["papers"])
        order = {}
        for c in cands:
            for i, a in enumerate(c["alts"]):
                order.setdefault(a, (-best[a], i, a.encode("utf-8")))
        alts = []
        for a in sorted(best, key=lambda a: order[a]):
            if all(dash_key(a) != dash_key(b) for b in alts):
                alts.append(a)
        if "?" in alts and len(alts) > 1:
            alts.remove("?")
        # Several long variants of one term that only differ after the
        # spun side's length ("differential equation and 1st order", "...
        # 2nd order", ...) are annotation noise: keep the shared term.
        n = len(words(spun))
        if len(alts) >= 3:
            heads = {" ".join(a.split(" ")[:n]) for a in alts}
            if len(heads) == 1 and all(len(a.split(" ")) > n for a in alts):
                alts = [heads.pop()]
                stats["merged variants cut to a shared head"] += 1
        prior = max(c["prior"] for c in cands)
        if all(c["requires"] for c in cands):
            requires = dedupe([t for c in cands for t in c["requires"]])
        else:
            requires = []
        excludes = [t for t in cands[0]["excludes"]
                    if all(t in c["excludes"] for c in cands)]
        clauses = []
        if requires:
            clauses.append("requires=" + "|".join(requires))
            stats["lines with requires"] += 1
        if excludes:
            clauses.append("excludes=" + "|".join(excludes))
            stats["lines with excludes"] += 1
        fields = [spun, "|".join(alts), fmt_prior(prior), "science"]
        if clauses:
            fields.append(";".join(clauses))
        lines.append([nfc(f) for f in fields])
    resolve_chains(lines, stats)
    lines.sort(key=lambda f: (f[0].encode("utf-8"), f[1].encode("utf-8")))
    stats["lines written"] = len(lines)
    return lines


def resolve_chains(lines, stats):
    """A canonical alternative that is itself another line's spun side
    ("power weighted data transmission" -> "intensity weighted bandwidth"
    -> "spectral efficiency") is replaced by that line's alternatives,
    followed until a term that is not spun (a cycle keeps the original)."""
    by_spun = {dash_key(f[0]): f[1].split("|") for f in lines}
    for f in lines:
        own = dash_key(f[0])
        alts = []
        for a in f[1].split("|"):
            seen, cur, changed = {own}, [a], False
            while len(cur) == 1 and dash_key(cur[0].lower()) in by_spun:
                key = dash_key(cur[0].lower())
                if key in seen:
                    cur, changed = [a], False  # cycle: keep what was written
                    break
                seen.add(key)
                cur, changed = by_spun[key], True
            if changed:
                stats["canonical followed through a chain"] += 1
            alts += [c for c in cur if c not in alts]
        f[1] = "|".join(alts)


HEADER_COMMENT = """\
# unspin science phrase table: tortured phrases found in published papers.
# GENERATED by tools/build_science_dict.py from tortured-phrases.train.tsv -
# do not edit by hand; change the script or the data and regenerate:
#   python3 tools/build_science_dict.py ../shared/data/tortured-phrases.train.tsv dictionaries/en/science.tsv
# Source data: the Problematic Paper Screener's fingerprint list (Guillaume
# Cabanac, Cyril Labbé and Alexander Magazinov; https://www.irit.fr/~Guillaume.Cabanac/problematic-paper-screener),
# licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/), and
# Cabanac, Labbé & Magazinov (2021), "Tortured phrases: a dubious writing style
# emerging in science. Evidence of critical issues affecting established
# journals", arXiv:2107.06751. Changes: phrases normalized, canonical terms
# cleaned (acronym notes dropped, '/' alternatives split), screener queries
# converted to requires/excludes context, priors computed from the number of
# matching papers (and, for single words, whether Hunspell en_US knows the
# word). This file is licensed CC BY 4.0 as well; see
# dictionaries/LICENSE-DATA.md.
# Columns: spun, canonical, prior, tags, context (see dictionaries/README.md).
"""


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write("usage: build_science_dict.py INPUT.tsv OUTPUT.tsv"
                         " [HUNSPELL.dic]\n")
        return 2
    src, dst = argv[1], argv[2]
    dic_path = argv[3] if len(argv) == 4 else DEFAULT_HUNSPELL_DIC
    lexicon = load_lexicon(dic_path)
    if lexicon is None:
        sys.stderr.write("%s (or its .aff) not found: every single-word spun "
                         "phrase is treated as an English word (old prior "
                         "rule)\n" % dic_path)
    else:
        sys.stderr.write("%s: %d English word forms\n"
                         % (dic_path, len(lexicon)))
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or [h.strip() for h in rows[0]] != HEADER:
        sys.stderr.write("%s: unexpected header %r\n" % (src, rows[:1]))
        return 1
    stats = collections.Counter()
    data = []
    for i, r in enumerate(rows[1:], start=2):
        if len(r) != len(HEADER):
            stats["skipped: wrong number of columns"] += 1
            continue
        data.append(r)
    stats["input pairs"] = len(rows) - 1
    lines = build(data, stats, lexicon)
    body = HEADER_COMMENT + "".join("\t".join(f) + "\n" for f in lines)
    out_dir = os.path.dirname(os.path.abspath(dst))
    fd, tmp = tempfile.mkstemp(prefix=".science.", suffix=".tmp", dir=out_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(body)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dst)
    except BaseException:
        os.unlink(tmp)
        raise
    for k in sorted(stats):
        sys.stderr.write("%-45s %6d\n" % (k, stats[k]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
