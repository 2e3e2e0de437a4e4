// unspin: morphology: English inflectional paradigms from an annotated
// Hunspell dictionary (see tools/annotate_hunspell.cpp) plus irregular forms.
//
// How a paradigm is built. Hunspell's analyze() on the annotated dictionary
// gives the readings of the input word: its stem ("st:") and the affix flags
// applied ("is:", "ip:", added by the annotation), so "killed" is kill + D.
// The forms of a lemma are then produced by applying the dictionary's own
// rules, parsed here from the .aff, to the root's flags, read here from the
// .dic: exactly the words Hunspell::generate() gives and spell() accepts, but
// without calling Hunspell once per form (generate() re-analyzes the word
// for every pattern, and spell() on a non-word costs ~5 us because of the
// compound checks). A suffix flag's inflection class is inferred from its
// rules' endings (s/es/ies: kS, d/ed/ied: kPast and kPastPart, ing: kIng,
// r/er/ier: kEr, st/est/iest: kEst), so flag letters do not matter.
// en_US also lists some inflected forms as separate entries instead of
// flags (stopped, running, bigger, goes, seeing, businessmen); a few spelling
// rules propose those and keep a candidate only if it is a .dic entry.
// Finally the irregular table overrides a lemma's forms kind by kind.
#include "morphology.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <hunspell.hxx>
#include <limits>
#include <map>
#include <mutex>
#include <sstream>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>

#include "table.hpp"
#include "text.hpp"

namespace unspin::detail {
namespace {

constexpr int kKinds = 7;  // number of Inflection values
constexpr std::array<const char*, kKinds> kKindNames = {
    "base", "s", "past", "pastpart", "ing", "er", "est"};

int Index(Inflection k) { return static_cast<int>(k); }
unsigned char Byte(char c) { return static_cast<unsigned char>(c); }

// Kinds in the order a paradigm lists its forms.
constexpr std::array<Inflection, kKinds> kOrder = {
    Inflection::kBase,     Inflection::kS,   Inflection::kPast,
    Inflection::kPastPart, Inflection::kIng, Inflection::kEr,
    Inflection::kEst};

// Kinds produced by suffix rules (kPast rules also give kPastPart).
constexpr std::array<Inflection, 5> kRuleKinds = {
    Inflection::kS, Inflection::kPast, Inflection::kIng, Inflection::kEr,
    Inflection::kEst};

// One position of an affix condition: a byte set, negated or not, or '.'.
// Conditions are matched byte-wise, exact for English dictionaries' ASCII
// conditions.
struct CondChar {
  std::string set;
  bool negate = false;
  bool any = false;
  bool Matches(char c) const {
    if (any) return true;
    bool in = set.find(c) != std::string::npos;
    return negate ? !in : in;
  }
};

struct AffixRule {
  std::string strip;
  std::string add;
  std::vector<CondChar> cond;
};

std::vector<CondChar> ParseCondition(const std::string& s) {
  std::vector<CondChar> out;
  for (size_t i = 0; i < s.size(); ++i) {
    CondChar c;
    if (s[i] == '.') {
      c.any = true;
    } else if (s[i] == '[') {
      size_t j = i + 1;
      if (j < s.size() && s[j] == '^') {
        c.negate = true;
        ++j;
      }
      while (j < s.size() && s[j] != ']') c.set += s[j++];
      i = j;
    } else {
      c.set = std::string(1, s[i]);
    }
    out.push_back(std::move(c));
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() &&
         s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// Applies a suffix rule to `root`; false if the rule does not apply.
bool ApplySuffix(const AffixRule& r, const std::string& root,
                 std::string* out) {
  if (root.size() < r.cond.size() || root.size() <= r.strip.size() ||
      !EndsWith(root, r.strip)) {
    return false;
  }
  size_t start = root.size() - r.cond.size();
  for (size_t i = 0; i < r.cond.size(); ++i) {
    if (!r.cond[i].Matches(root[start + i])) return false;
  }
  out->assign(root, 0, root.size() - r.strip.size());
  out->append(r.add);
  return true;
}

// True when prefix rule `r` applies to `root`.
bool PrefixApplies(const AffixRule& r, std::string_view root) {
  if (root.size() < r.cond.size() || root.size() <= r.strip.size() ||
      !StartsWith(root, r.strip)) {
    return false;
  }
  for (size_t i = 0; i < r.cond.size(); ++i) {
    if (!r.cond[i].Matches(root[i])) return false;
  }
  return true;
}

// True for a non-empty word of ASCII letters a-z only.
bool IsPlain(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// True when `w` ends consonant-vowel-consonant, the shape whose final
// consonant doubles before -ed/-ing/-er/-est (stop, plan, big).
bool EndsCvc(const std::string& w) {
  size_t n = w.size();
  if (n < 3) return false;
  char c = w[n - 1], v = w[n - 2], p = w[n - 3];
  return c >= 'a' && c <= 'z' && !IsVowel(c) && c != 'w' && c != 'x' &&
         c != 'y' && IsVowel(v) && !IsVowel(p);
}

// One reading from Hunspell's analyze(): " ip:U st:happy fl:URTP is:R".
struct Analysis {
  std::string stem;
  char prefix = 0;
  char suffix = 0;
  int suffixes = 0;
  int stems = 0;
};

Analysis ParseAnalysis(std::string_view s, bool annotated) {
  Analysis a;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    std::string_view f = s.substr(i, j - i);
    i = j;
    if (f.size() < 4 || f[2] != ':') continue;
    std::string_view key = f.substr(0, 2), val = f.substr(3);
    if (key == "st") {
      if (a.stems++ == 0) a.stem = std::string(val);
    } else if (annotated && key == "is") {
      a.suffix = val[0];
      ++a.suffixes;
    } else if (annotated && key == "ip") {
      a.prefix = val[0];
    } else if (!annotated && key == "fl") {
      // An unannotated dictionary names the applied affix flags this way:
      // before the stem a prefix, after it a suffix.
      if (a.stems == 0) {
        a.prefix = val[0];
      } else {
        a.suffix = val[0];
        ++a.suffixes;
      }
    }
  }
  return a;
}

using FormSets = std::array<std::vector<std::string>, kKinds>;

void AddUnique(std::vector<std::string>* v, const std::string& s) {
  if (std::find(v->begin(), v->end(), s) == v->end()) v->push_back(s);
}

// A way `lemma` is built from a dictionary root: as the root itself
// (prefix and derivation empty), with a prefix ("un" + happy), or as a
// derivation (eliminate + N = elimination).
struct RootReading {
  std::string prefix;
  std::string root;
  std::string flags;
  bool derived = false;
  bool prefix_cross = false;  // the prefix combines with suffixes
};

// The .dic entries as word -> flags: an open-addressing hash table over
// views into the .dic text. A slot holds the word's hash and entry index,
// so probing touches no entry until the hash matches (building the table is
// dominated by cache misses otherwise).
class EntryTable {
 public:
  void Reserve(size_t n) {
    entries_.reserve(n);
    Rehash(n);
  }
  // Adds an entry; a repeated word (homonym) gets the union of the flags.
  void Add(std::string_view word, std::string_view flags) {
    if (4 * (entries_.size() + 1) > 3 * slots_.size()) {
      Rehash(entries_.size() + 1);
    }
    uint32_t h = Hash(word);
    size_t i = Find(word, h);
    if (slots_[i] == 0) {
      entries_.push_back({word, flags});
      slots_[i] = Slot(h, entries_.size() - 1);
    } else if (!flags.empty()) {
      Entry& e = entries_[slots_[i] & 0xffffffffu];
      merged_.push_back(std::make_unique<std::string>(std::string(e.flags) +
                                                      std::string(flags)));
      e.flags = *merged_.back();
    }
  }
  const std::string_view* Flags(std::string_view word) const {
    if (slots_.empty()) return nullptr;
    size_t i = Find(word, Hash(word));
    return slots_[i] == 0 ? nullptr : &entries_[slots_[i] & 0xffffffffu].flags;
  }

 private:
  struct Entry {
    std::string_view key;
    std::string_view flags;
  };
  // Never 0 (the empty slot): the hash gets its top bit set.
  static uint64_t Slot(uint32_t h, size_t index) {
    return (static_cast<uint64_t>(h | 0x80000000u) << 32) | index;
  }
  static uint32_t Hash(std::string_view w) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<uint32_t>(h >> 32);
  }
  // The slot holding `word`, or the empty slot where it would go.
  size_t Find(std::string_view word, uint32_t h) const {
    size_t i = h & mask_;
    const uint64_t tag = static_cast<uint64_t>(h | 0x80000000u) << 32;
    while (slots_[i] != 0) {
      if ((slots_[i] & ~uint64_t{0xffffffffu}) == tag &&
          entries_[slots_[i] & 0xffffffffu].key == word) {
        break;
      }
      i = (i + 1) & mask_;
    }
    return i;
  }
  // Makes room for `n` entries at a load of at most 3/4.
  void Rehash(size_t n) {
    size_t cap = 16;
    while (3 * cap < 4 * n) cap *= 2;
    if (cap <= slots_.size()) return;
    slots_.assign(cap, 0);
    mask_ = cap - 1;
    for (size_t k = 0; k < entries_.size(); ++k) {
      uint32_t h = Hash(entries_[k].key);
      slots_[Find(entries_[k].key, h)] = Slot(h, k);
    }
  }
  std::vector<Entry> entries_;
  std::vector<uint64_t> slots_;  // Slot(hash, entry index); 0: empty
  size_t mask_ = 0;
  std::vector<std::unique_ptr<std::string>> merged_;
};

// Hunspell 1.7.1 construction (and destruction) is not safe to run
// concurrently, even on separate objects.
std::mutex& HunspellMutex() {
  static std::mutex m;
  return m;
}

constexpr std::string_view kCacheMagic = "# unspin paradigms v1 ";

std::uint64_t Fnv64(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string Hex(std::uint64_t v) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kDigits[v & 15];
  return out;
}

bool ReadAll(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size < 0) return false;
  out->resize(static_cast<size_t>(size));
  return static_cast<bool>(in.read(out->data(), size));
}

// The number at the start of `s` read the way Hunspell reads counts (atoi:
// leading blanks, an optional sign, digits), saturated to 0..2^62 instead of
// overflowing; -1 for a negative or missing number.
long long LeadingCount(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  size_t digits = i;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == i) return -1;
  long long v = 0;
  auto [end, ec] = std::from_chars(s.data() + i, s.data() + digits, v);
  if (ec == std::errc::result_out_of_range) v = 1ll << 62;
  (void)end;
  return negative && v > 0 ? -1 : v;
}

// Hunspell takes the counts in .aff and .dic files at their word: it
// reserves memory for them before reading a line (std::bad_alloc, an abort,
// for "REP 99999999"; ~800 MB for a .dic starting 99999999). A real file
// never announces more entries than it has lines, so a count above that is
// refused here, before Hunspell sees the file. These are the .aff
// directives whose second field is such a count (SFX/PFX headers have it
// in the fourth).
bool IsCountDirective(std::string_view d) {
  for (std::string_view k :
       {"REP", "ICONV", "OCONV", "PHONE", "BREAK", "MAP",
        "CHECKCOMPOUNDPATTERN", "COMPOUNDRULE", "AF", "AM"}) {
    if (d == k) return true;
  }
  return false;
}

std::string FileName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The checksum line of a paradigm cache for these aff/dic files and this
// irregular table ("" when a file cannot be read).
std::string CacheKey(const std::string& aff, const std::string& dic,
                     std::uint64_t irregular_hash) {
  std::string a, d;
  if (!ReadAll(aff, &a) || !ReadAll(dic, &d)) return {};
  // The library version stands for the paradigm algorithm: a cache made by
  // another version is not trusted.
  return std::string(kCacheMagic) + "unspin=" + UNSPIN_VERSION + " aff=" +
         Hex(Fnv64(a)) + " dic=" + Hex(Fnv64(d)) + " irregular=" +
         Hex(irregular_hash);
}

}  // namespace

std::string*& paradigm_export_sink() {
  thread_local std::string* sink = nullptr;
  return sink;
}

struct Morphology::Impl {
  std::unique_ptr<Hunspell> hunspell;
  // Set when a paradigm cache answered for Hunspell: the files to load on
  // the first word the cache lacks.
  bool deferred = false;
  Status load_status;  // of the deferred load, once it ran
  std::string aff_path, dic_path;
  std::uint64_t irregular_hash = 0;
  bool annotated = false;
  std::array<std::vector<AffixRule>, 256> suffixes;
  std::array<std::vector<AffixRule>, 256> prefixes;
  std::array<bool, 256> suffix_cross{};
  std::array<bool, 256> prefix_cross{};
  std::string prefix_flags;
  std::string suffix_flags;
  // Suffix flags of each rule kind (indexed by Inflection).
  std::array<std::string, kKinds> class_flags;
  std::array<Inflection, 256> flag_class{};  // kBase: not an inflection
  // NEEDAFFIX, ONLYINCOMPOUND, FORBIDDENWORD, KEEPCASE: roots with one of
  // these get their forms checked with spell().
  std::string special_flags;
  // Flags named by COMPOUNDRULE, and whether words made only of a-z can be
  // judged without Hunspell (see MaybeWord()).
  std::string compound_flags;
  bool prefilter = true;
  // The .dic text and, for entries not starting with a capital, word ->
  // flags (homonyms' flags concatenated). Keys point into dic_text.
  std::string dic_text;
  size_t dic_count = 0;  // the .dic's first line, checked by ReadDic()
  EntryTable roots;
  // Irregular table: lemma -> forms per kind ("-" = none); form -> lemmas.
  std::unordered_map<std::string, FormSets> irregular;
  std::unordered_map<std::string, std::vector<std::string>> irregular_lemmas;
  // Longest key of `irregular` and of `irregular_lemmas`: the compound
  // searches try only word endings up to that long, which keeps them linear
  // in the word's length (a megabyte word costs no quadratic hashing).
  size_t longest_irregular = 0;
  size_t longest_irregular_form = 0;
  std::unordered_map<std::string, Paradigm> lemma_cache;
  std::unordered_map<std::string, std::vector<Paradigm>> word_cache;

  bool IsEntry(const std::string& w) const { return roots.Flags(w) != nullptr; }

  const std::string_view* RootFlags(std::string_view w) const {
    return roots.Flags(w);
  }

  // False only when Hunspell is sure to reject `w`: a word of a-z only
  // that is no entry, and no affix rule undone leads to an entry. Spares
  // analyze() on non-words, which costs ~5 us there (compound checks).
  bool MaybeWord(const std::string& w) const {
    if (!prefilter || !IsPlain(w) || IsEntry(w) || SuffixedEntry(w)) {
      return true;
    }
    for (char p : prefix_flags) {
      for (const AffixRule& r : prefixes[Byte(p)]) {
        if (r.add.empty() || !StartsWith(w, r.add)) continue;
        // Superset of Hunspell's test: the root needs the prefix flag, or
        // the prefix may come from a suffix's continuation.
        std::string rest = r.strip + w.substr(r.add.size());
        if (IsEntry(rest) || SuffixedEntry(rest)) return true;
      }
    }
    return false;
  }

  // True when undoing some suffix rule on `w` gives an entry that has the
  // rule's flag.
  bool SuffixedEntry(const std::string& w) const {
    for (char f : suffix_flags) {
      for (const AffixRule& r : suffixes[Byte(f)]) {
        if (!EndsWith(w, r.add)) continue;
        const std::string_view* flags =
            RootFlags(w.substr(0, w.size() - r.add.size()) + r.strip);
        if (flags && flags->find(f) != std::string_view::npos) return true;
      }
    }
    return false;
  }

  std::vector<Analysis> Analyze(const std::string& w) {
    std::vector<Analysis> out;
    if (!hunspell || !MaybeWord(w)) return out;
    for (const std::string& s : hunspell->analyze(w)) {
      out.push_back(ParseAnalysis(s, annotated));
    }
    return out;
  }

  // Inflection class of a suffix flag, or kBase for a derivational one.
  Inflection ClassOf(char flag) const { return flag_class[Byte(flag)]; }

  // The surface of prefix flag `flag` on `root`, or "" if none applies.
  std::string PrefixSurface(char flag, const std::string& root,
                            const std::string& word) const {
    for (const AffixRule& r : prefixes[Byte(flag)]) {
      if (PrefixApplies(r, root) && StartsWith(word, r.add)) return r.add;
    }
    return "";
  }

  // How `lemma` is built from dictionary roots (Hunspell's own affix logic
  // for an unsuffixed word: the root itself, or a prefix plus a root).
  std::vector<RootReading> RootReadings(const std::string& lemma) const {
    std::vector<RootReading> out;
    if (const std::string_view* f = RootFlags(lemma))
      out.push_back({"", lemma, std::string(*f)});
    for (char p : prefix_flags) {
      for (const AffixRule& r : prefixes[Byte(p)]) {
        if (r.add.empty() || !StartsWith(lemma, r.add)) continue;
        std::string root = r.strip + lemma.substr(r.add.size());
        const std::string_view* f = RootFlags(root);
        if (f && f->find(p) != std::string::npos && PrefixApplies(r, root)) {
          out.push_back(
              {r.add, root, std::string(*f), false, prefix_cross[Byte(p)]});
        }
      }
    }
    // Suffixed readings (killing: kill + G, elimination: eliminate + N),
    // found as Hunspell finds them: undo a rule, look the root up.
    std::string form;
    for (char f : suffix_flags) {
      for (const AffixRule& r : suffixes[Byte(f)]) {
        if (r.add.empty() || !EndsWith(lemma, r.add)) continue;
        std::string root =
            lemma.substr(0, lemma.size() - r.add.size()) + r.strip;
        const std::string_view* rf = RootFlags(root);
        if (rf && rf->find(f) != std::string_view::npos &&
            ApplySuffix(r, root, &form) && form == lemma) {
          out.push_back({"", root, std::string(*rf), true});
        }
      }
    }
    return out;
  }

  // Adds the forms one reading gives to `fs`.
  void ReadingForms(const RootReading& rr, const std::string& lemma,
                    FormSets* fs) {
    std::string form;
    if (rr.derived) {
      // A derived word has no flags of its own: a regular candidate counts
      // if the root's rules produce it too (elimination -> eliminations via
      // eliminate/X) or if it is an entry.
      std::vector<std::string> derived;
      for (char f : rr.flags) {
        for (const AffixRule& r : suffixes[Byte(f)]) {
          if (ApplySuffix(r, rr.root, &form)) derived.push_back(form);
        }
      }
      for (Inflection k : kRuleKinds) {
        for (char f : class_flags[Index(k)]) {
          for (const AffixRule& r : suffixes[Byte(f)]) {
            if (ApplySuffix(r, lemma, &form) &&
                (std::find(derived.begin(), derived.end(), form) !=
                     derived.end() ||
                 IsEntry(form))) {
              AddUnique(&(*fs)[Index(k)], form);
            }
          }
        }
      }
      return;
    }
    bool check = rr.flags.find_first_of(special_flags) != std::string::npos;
    for (char f : rr.flags) {
      Inflection k = ClassOf(f);
      if (k == Inflection::kBase) continue;
      // Hunspell combines a prefix and a suffix only if both allow it.
      if (!rr.prefix.empty() && (!rr.prefix_cross || !suffix_cross[Byte(f)])) {
        continue;
      }
      for (const AffixRule& r : suffixes[Byte(f)]) {
        if (!ApplySuffix(r, rr.root, &form)) continue;
        form.insert(0, rr.prefix);
        if (!check || (hunspell && hunspell->spell(form))) {
          AddUnique(&(*fs)[Index(k)], form);
        }
      }
    }
  }

  // A verb (it has an -ing form) with no past that ends in an irregular
  // verb (mishear, ghostwrite, outbid) takes that verb's past forms when
  // they are entries (misheard, ghostwrote, ghostwritten).
  void CompoundIrregular(const std::string& l, FormSets* fs) {
    auto& past = (*fs)[Index(Inflection::kPast)];
    auto& pp = (*fs)[Index(Inflection::kPastPart)];
    if (!past.empty() || (*fs)[Index(Inflection::kIng)].empty()) return;
    const size_t first =
        std::max<size_t>(2, l.size() > longest_irregular
                                ? l.size() - longest_irregular
                                : 0);
    for (size_t k = first; k + 2 <= l.size(); ++k) {
      auto it = irregular.find(l.substr(k));
      if (it == irregular.end()) continue;
      std::string head = l.substr(0, k);
      for (const std::string& f : it->second[Index(Inflection::kPast)]) {
        if (f != "-" && IsEntry(head + f)) AddUnique(&past, head + f);
      }
      if (past.empty()) continue;  // the longest irregular verb wins
      // A participle need not be an entry (overeaten): ask Hunspell.
      for (const std::string& f : it->second[Index(Inflection::kPastPart)]) {
        if (f != "-" &&
            (IsEntry(head + f) || (hunspell && hunspell->spell(head + f)))) {
          AddUnique(&pp, head + f);
        }
      }
      return;
    }
  }

  // Spelling-rule candidates for kinds the flags did not give (en_US lists
  // these forms as separate entries); each must be a .dic entry.
  void Fallbacks(const std::string& l, FormSets* fs) const {
    auto& s = (*fs)[Index(Inflection::kS)];
    auto& past = (*fs)[Index(Inflection::kPast)];
    auto& pp = (*fs)[Index(Inflection::kPastPart)];
    auto& ing = (*fs)[Index(Inflection::kIng)];
    auto& er = (*fs)[Index(Inflection::kEr)];
    auto& est = (*fs)[Index(Inflection::kEst)];
    auto add_if_entry = [&](const std::string& c, std::vector<std::string>* v) {
      if (IsEntry(c)) AddUnique(v, c);
    };
    // potatoes, echoes: listed as entries because the S rules cannot make
    // them; preferred over a rule-made "echos".
    if (EndsWith(l, "o") && IsEntry(l + "es") &&
        std::find(s.begin(), s.end(), l + "es") == s.end()) {
      s.insert(s.begin(), l + "es");
    }
    if (s.empty()) {
      if (EndsWith(l, "man") && l.size() > 3) {
        add_if_entry(l.substr(0, l.size() - 3) + "men", &s);  // chairmen
      }
    }
    // Doubled final consonant: running, stopped/stopping. A doubled -ed
    // form is taken only with its -ing form, which keeps out bit/bitted.
    if (EndsCvc(l) && (past.empty() || ing.empty())) {
      std::string d = l + l.back() + "ed", g = l + l.back() + "ing";
      if (IsEntry(g)) {
        if (ing.empty()) ing.push_back(g);
        if (past.empty() && IsEntry(d)) {
          past.push_back(d);
          if (pp.empty()) pp.push_back(d);
        }
      }
    }
    // The -ing rule drops a final e, wrong after ee/oe/ye (seeing, hoeing).
    if (ing.empty() &&
        (EndsWith(l, "ee") || EndsWith(l, "oe") || EndsWith(l, "ye"))) {
      add_if_entry(l + "ing", &ing);
    }
    // A verb (it has a past) without a G flag: its -ing form is an entry
    // (reading, taking, quitting). Not tried for other words, where it
    // finds unrelated words (morn: morning).
    if (ing.empty() && !past.empty() && l.size() >= 3) {
      add_if_entry(l + "ing", &ing);
      if (ing.empty() && EndsWith(l, "e")) {
        add_if_entry(l.substr(0, l.size() - 1) + "ing", &ing);
      }
      if (ing.empty()) add_if_entry(l + l.back() + "ing", &ing);
    }
    // Comparison as separate entries (big: bigger, biggest); both forms
    // must exist, which keeps out ham/hammer, bit/bitter.
    if (er.empty() && est.empty()) {
      std::string stem = l;
      if (EndsCvc(l)) {
        stem = l + l.back();
      } else if (EndsWith(l, "e")) {
        stem.pop_back();
      } else if (EndsWith(l, "y") && l.size() > 2 &&
                 !IsVowel(l[l.size() - 2])) {
        stem.back() = 'i';
      }
      if (stem.size() > 2 && IsEntry(stem + "er") && IsEntry(stem + "est")) {
        er.push_back(stem + "er");
        est.push_back(stem + "est");
      }
    }
  }

  // The paradigm of `lemma` (cached; a function of the lemma alone).
  const Paradigm& LemmaParadigm(const std::string& lemma) {
    auto hit = lemma_cache.find(lemma);
    if (hit != lemma_cache.end()) return hit->second;
    std::vector<RootReading> readings = RootReadings(lemma);
    FormSets fs;
    for (const RootReading& rr : readings) ReadingForms(rr, lemma, &fs);
    fs[Index(Inflection::kPastPart)] = fs[Index(Inflection::kPast)];
    auto irr = irregular.find(lemma);
    if (irr != irregular.end()) {
      for (Inflection k : kOrder) {
        if (!irr->second[Index(k)].empty())
          fs[Index(k)] = irr->second[Index(k)];
      }
    }
    if (!readings.empty() || irr != irregular.end()) Fallbacks(lemma, &fs);
    if (irr == irregular.end()) CompoundIrregular(lemma, &fs);
    Paradigm p;
    p.lemma = lemma;
    p.forms.push_back({Inflection::kBase, lemma});
    for (Inflection k : kOrder) {
      if (k == Inflection::kBase) continue;
      for (const std::string& s : fs[Index(k)]) {
        if (s != "-") p.forms.push_back({k, s});  // "-": no such form
      }
    }
    return lemma_cache.emplace(lemma, std::move(p)).first->second;
  }

  // Lemmas that may have produced `w` through a spelling rule of
  // Fallbacks(); the caller keeps those whose paradigm contains `w`.
  static std::vector<std::string> SpellingRuleLemmas(const std::string& w) {
    std::vector<std::string> out;
    size_t n = w.size();
    if (EndsWith(w, "oes")) out.push_back(w.substr(0, n - 2));
    if (EndsWith(w, "men") && n > 3) out.push_back(w.substr(0, n - 3) + "man");
    if (EndsWith(w, "ing") && n > 5) {
      out.push_back(w.substr(0, n - 3));        // reading -> read
      out.push_back(w.substr(0, n - 3) + "e");  // taking -> take
    }
    for (std::string_view suf : {"ed", "ing", "er", "est"}) {
      size_t m = suf.size();
      if (n > m + 3 && EndsWith(w, suf) && w[n - m - 1] == w[n - m - 2]) {
        out.push_back(w.substr(0, n - m - 1));  // stopped -> stop
      }
    }
    for (std::string_view suf : {"er", "est"}) {
      size_t m = suf.size();
      if (n > m + 2 && EndsWith(w, suf)) {
        std::string stem = w.substr(0, n - m);
        out.push_back(stem + "e");  // simpler -> simple
        if (stem.back() == 'i')
          out.push_back(stem.substr(0, stem.size() - 1) + "y");
        out.push_back(std::move(stem));  // older -> old
      }
    }
    return out;
  }

  // Words that the kS rules turn into `w`.
  std::vector<std::string> DerivedSingulars(const std::string& w) const {
    std::vector<std::string> out;
    std::string form;
    for (char f : class_flags[Index(Inflection::kS)]) {
      for (const AffixRule& r : suffixes[Byte(f)]) {
        if (r.add.empty() || !EndsWith(w, r.add)) continue;
        std::string cand = w.substr(0, w.size() - r.add.size()) + r.strip;
        if (ApplySuffix(r, cand, &form) && form == w) {
          AddUnique(&out, cand);
        }
      }
    }
    return out;
  }

  // Loads what a paradigm cache stood in for. On failure (the files went
  // away since create() checked them) the irregular table alone answers.
  void LoadDeferred() {
    deferred = false;
    load_status = ParseAff(aff_path);
    if (!load_status.ok()) return;
    load_status = ReadDic(dic_path);
    if (!load_status.ok()) return;
    {
      std::lock_guard<std::mutex> lock(HunspellMutex());
      hunspell = std::make_unique<Hunspell>(aff_path.c_str(), dic_path.c_str());
    }
    IndexDic();
  }

  // Reads export_cache() text whose checksum line is `key`; false (and
  // nothing kept) when it does not match or a line is malformed.
  bool ImportCache(std::string_view text, const std::string& key) {
    if (key.empty()) return false;
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos || text.substr(0, nl) != key) return false;
    // The last line seals the body: "# end <lines> <FNV-1a of the body>".
    if (text.empty() || text.back() != '\n') return false;
    size_t last = text.rfind('\n', text.size() - 2);
    if (last == std::string_view::npos || last < nl) return false;
    std::string_view body = text.substr(nl + 1, last - nl);
    std::string_view seal = text.substr(last + 1, text.size() - last - 2);
    size_t lines = static_cast<size_t>(std::count(body.begin(), body.end(), '\n'));
    if (seal != "# end " + std::to_string(lines) + " " + Hex(Fnv64(body)))
      return false;
    text = text.substr(0, last + 1);
    std::unordered_map<std::string, std::vector<Paradigm>> cache;
    size_t pos = nl + 1;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(pos, end - pos);
      pos = end + 1;
      std::vector<std::string_view> f;
      for (size_t b = 0;;) {
        size_t t = line.find('\t', b);
        f.push_back(line.substr(b, t == std::string_view::npos ? line.npos : t - b));
        if (t == std::string_view::npos) break;
        b = t + 1;
      }
      if (f.size() < 3 || f[0].empty() || f[1].empty()) return false;
      Paradigm p;
      p.lemma = std::string(f[1]);
      for (size_t i = 2; i < f.size(); ++i) {
        std::string_view form = f[i];
        if (form.size() < 3 || form[1] != ':' || form[0] < '0' ||
            form[0] >= '0' + static_cast<int>(kKinds)) {
          return false;
        }
        p.forms.push_back({static_cast<Inflection>(form[0] - '0'),
                           std::string(form.substr(2))});
      }
      cache[std::string(f[0])].push_back(std::move(p));
    }
    word_cache = std::move(cache);
    return true;
  }

  std::vector<Paradigm> Compute(const std::string& w) {
    std::vector<std::string> lemmas;
    bool derived = false;
    bool self = false;
    for (const Analysis& a : Analyze(w)) {
      if (a.stems != 1 || a.stem.empty() || a.suffixes > 1) {
        self = true;  // a compound or a doubly suffixed word
        continue;
      }
      if (a.suffixes == 1 && ClassOf(a.suffix) != Inflection::kBase) {
        std::string lemma = a.stem;
        if (a.prefix != 0) lemma.insert(0, PrefixSurface(a.prefix, a.stem, w));
        AddUnique(&lemmas, lemma);
        continue;
      }
      self = true;  // a root, a prefixed root or a derived word
      if (a.suffixes == 1) derived = true;
    }
    const size_t from_analysis = lemmas.size();
    if (irregular.count(w)) self = true;
    auto irr = irregular_lemmas.find(w);
    if (irr != irregular_lemmas.end()) {
      for (const std::string& l : irr->second) AddUnique(&lemmas, l);
    }
    for (const std::string& l : SpellingRuleLemmas(w)) {
      if (IsEntry(l) || irregular.count(l)) AddUnique(&lemmas, l);
    }
    // misheard: mis + heard, heard a form of hear (see CompoundIrregular()).
    const size_t first =
        std::max<size_t>(2, w.size() > longest_irregular_form
                                ? w.size() - longest_irregular_form
                                : 0);
    for (size_t k = first; k + 2 <= w.size(); ++k) {
      auto it = irregular_lemmas.find(w.substr(k));
      if (it == irregular_lemmas.end()) continue;
      for (const std::string& l : it->second) {
        std::string cand = w.substr(0, k) + l;
        if (IsEntry(cand)) AddUnique(&lemmas, cand);
      }
    }
    // A derived word may be the plural of another derived word
    // (eliminations: elimination + s, Hunspell: eliminate + X).
    if (derived) {
      for (const std::string& l : DerivedSingulars(w)) AddUnique(&lemmas, l);
    }
    std::vector<Paradigm> out;
    bool by_rule = false;  // a reading Hunspell's analysis did not give
    for (size_t i = 0; i < lemmas.size(); ++i) {
      const std::string& l = lemmas[i];
      if (l == w) {
        self = true;
        continue;
      }
      const Paradigm& p = LemmaParadigm(l);
      if (!inflections_of(p, w).empty()) {
        out.push_back(p);
        if (i >= from_analysis) by_rule = true;
      }
    }
    std::sort(out.begin(), out.end(), [](const Paradigm& a, const Paradigm& b) {
      return a.lemma < b.lemma;
    });
    // The word as its own lemma comes first. A bare {w: w} is left out when
    // w is an irregular or separately listed form of another lemma (ran,
    // mice, running), but kept when only Hunspell's affixes relate it to
    // another lemma: news/M is a word of its own, not just new + S.
    if (!self && !out.empty()) return out;
    const Paradigm& own = LemmaParadigm(w);
    if (out.empty() || own.forms.size() > 1 || !by_rule) {
      out.insert(out.begin(), own);
    }
    return out;
  }

  Status ParseIrregular(std::string_view text, const std::string& name) {
    text = strip_bom(text);
    size_t line_no = 0;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string line(text.substr(pos, end - pos));
      pos = end + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      auto error = [&](const std::string& msg) {
        return Status(ErrorCode::kParseError,
                      name + ":" + std::to_string(line_no) + ": " + msg);
      };
      std::vector<std::string> f;
      size_t start = 0;
      while (true) {
        size_t tab = line.find('\t', start);
        f.push_back(line.substr(
            start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
      }
      if (f.size() != 3) {
        return error(
            "expected 3 tab-separated fields (lemma, kind, form), got " +
            std::to_string(f.size()));
      }
      for (const std::string& field : f) {
        if (field.empty() || field.find(' ') != std::string::npos) {
          return error("empty field or field with a space");
        }
        if (field.size() > kMaxWordBytes) {
          return error("words longer than " + std::to_string(kMaxWordBytes) +
                       " bytes are not supported (found one of " +
                       std::to_string(field.size()) + " bytes)");
        }
      }
      int kind = -1;
      for (int k = 1; k < kKinds; ++k) {
        if (f[1] == kKindNames[k]) kind = k;
      }
      if (kind < 0) {
        return error("unknown kind '" + printable(f[1]) +
                     "' (expected s, past, pastpart, ing, er or est)");
      }
      if (f[0] == "-") return error("the lemma cannot be '-'");
      AddUnique(&irregular[f[0]][kind], f[2]);
      longest_irregular = std::max(longest_irregular, f[0].size());
      if (f[2] != "-" && f[2] != f[0]) {
        AddUnique(&irregular_lemmas[f[2]], f[0]);
        longest_irregular_form = std::max(longest_irregular_form, f[2].size());
      }
    }
    return Status::Ok();
  }

  Status ParseAff(const std::string& path) {
    std::string text;
    if (!ReadAll(path, &text)) {
      return Status(ErrorCode::kIoError, "cannot read " + path);
    }
    const long long lines =
        static_cast<long long>(std::count(text.begin(), text.end(), '\n')) + 1;
    std::istringstream in(std::move(text));
    std::string line;
    size_t line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      std::vector<std::string> f;
      size_t i = 0;
      while (i < line.size()) {
        while (i < line.size() && std::isspace(Byte(line[i]))) ++i;
        size_t j = i;
        while (j < line.size() && !std::isspace(Byte(line[j]))) ++j;
        if (j > i) f.push_back(line.substr(i, j - i));
        i = j;
      }
      if (f.size() < 2) continue;
      const bool affix_header =
          (f[0] == "SFX" || f[0] == "PFX") && f.size() == 4;
      if (IsCountDirective(f[0]) || affix_header) {
        const std::string& count = affix_header ? f[3] : f[1];
        if (LeadingCount(count) > lines) {
          return Status(ErrorCode::kParseError,
                        FileName(path) + ":" + std::to_string(line_no) +
                            ": " + f[0] + " announces " + printable(count) +
                            " entries, more than the file's " +
                            std::to_string(lines) + " lines");
        }
      }
      if (f[0] == "NEEDAFFIX" || f[0] == "ONLYINCOMPOUND" ||
          f[0] == "FORBIDDENWORD" || f[0] == "KEEPCASE") {
        special_flags += f[1];
      }
      if (f[0] == "COMPOUNDRULE") {
        compound_flags += f[1];
      } else if (f[0] == "COMPOUNDFLAG" || f[0] == "COMPOUNDBEGIN" ||
                 f[0] == "COMPOUNDMIDDLE" || f[0] == "COMPOUNDEND" ||
                 f[0] == "CIRCUMFIX" || f[0] == "FLAG" || f[0] == "AF" ||
                 f[0] == "IGNORE" || f[0] == "COMPLEXPREFIXES" ||
                 f[0] == "FULLSTRIP" ||
                 (f[0] == "ICONV" && f.size() >= 3 &&
                  f[1].find_first_of("abcdefghijklmnopqrstuvwxyz") !=
                      std::string::npos)) {
        // Compounds, input conversions or flag syntax this parser does not
        // model: leave every decision to Hunspell.
        prefilter = false;
      }
      bool sfx = f[0] == "SFX";
      if ((!sfx && f[0] != "PFX") || f[1].size() != 1 || f.size() < 4) continue;
      unsigned char flag = Byte(f[1][0]);
      if (f.size() == 4) {  // header: "SFX D Y 4"
        (sfx ? suffix_cross : prefix_cross)[flag] = f[2] == "Y";
        std::string& flags = sfx ? suffix_flags : prefix_flags;
        if (flags.find(f[1][0]) == std::string::npos) flags += f[1][0];
        continue;
      }
      AffixRule r;
      r.strip = f[2] == "0" ? "" : f[2];
      if (f[3].find('/') != std::string::npos) prefilter = false;  // twofold
      r.add = f[3].substr(0, f[3].find('/'));
      if (r.add == "0") r.add.clear();
      r.cond = ParseCondition(f[4]);
      for (size_t k = 5; k < f.size(); ++k) {
        if (StartsWith(f[k], "is:") || StartsWith(f[k], "ip:"))
          annotated = true;
      }
      (sfx ? suffixes : prefixes)[flag].push_back(std::move(r));
    }
    ClassifySuffixFlags();
    return Status::Ok();
  }

  // A suffix flag is of a rule kind when all its rules' endings are.
  void ClassifySuffixFlags() {
    const std::map<Inflection, std::vector<std::string>> endings = {
        {Inflection::kS, {"s", "es", "ies"}},
        {Inflection::kPast, {"d", "ed", "ied"}},
        {Inflection::kIng, {"ing"}},
        {Inflection::kEr, {"r", "er", "ier"}},
        {Inflection::kEst, {"st", "est", "iest"}}};
    for (int flag = 0; flag < 256; ++flag) {
      const std::vector<AffixRule>& rules = suffixes[flag];
      if (rules.empty()) continue;
      for (const auto& [k, ends] : endings) {
        bool all = true;
        for (const AffixRule& r : rules) {
          if (std::find(ends.begin(), ends.end(), r.add) == ends.end()) {
            all = false;
          }
        }
        if (all) {
          class_flags[Index(k)] += static_cast<char>(flag);
          flag_class[flag] = k;
        }
      }
    }
  }

  // Reads the .dic into dic_text and checks its entry count: run before
  // Hunspell is given the file.
  Status ReadDic(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status(ErrorCode::kIoError, "cannot read " + path);
    in.seekg(0, std::ios::end);
    std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size < 0) return Status(ErrorCode::kIoError, "cannot read " + path);
    dic_text.resize(static_cast<size_t>(size));
    if (!in.read(dic_text.data(), size)) {
      return Status(ErrorCode::kIoError, "cannot read " + path);
    }
    std::string_view text(dic_text);
    // The entry count on the first line is a hint, trusted only as far as
    // the file can hold that many entries (2 bytes each at least); Hunspell
    // allocates for it, so a larger count is an error (see
    // IsCountDirective()). A UTF-8 BOM before it is skipped, as Hunspell does.
    std::string_view first = text.substr(0, text.find('\n'));
    if (StartsWith(first, "\xEF\xBB\xBF")) first.remove_prefix(3);
    long long count = LeadingCount(first);
    if (count < 1) {
      // Hunspell would load no word at all, and say so only on stderr.
      return Status(ErrorCode::kParseError,
                    FileName(path) +
                        ":1: expected the entry count (a positive number)");
    }
    if (count > static_cast<long long>(text.size())) {
      return Status(ErrorCode::kParseError,
                    FileName(path) + ":1: the entry count " +
                        std::to_string(count) + " is larger than the file (" +
                        std::to_string(text.size()) + " bytes) can hold");
    }
    dic_count = static_cast<size_t>(count);
    return Status::Ok();
  }

  // Indexes dic_text (see ReadDic()).
  void IndexDic() {
    std::string_view text(dic_text);
    // Over-counts the capitalized entries skipped below, which is harmless.
    roots.Reserve(std::min(dic_count, text.size() / 2));
    size_t pos = text.find('\n');  // the first line is the entry count
    while (pos != std::string_view::npos && pos < text.size()) {
      size_t start = pos + 1;
      size_t end = text.find('\n', start);
      std::string_view line = text.substr(
          start, (end == std::string_view::npos ? text.size() : end) - start);
      pos = end;
      if (line.empty() || (line[0] >= 'A' && line[0] <= 'Z') ||
          line[0] == '#') {
        continue;  // capitalized entries never match lowercase input
      }
      size_t word_end = line.find_first_of("/ \t\r");
      size_t flags_end = word_end;
      std::string_view word = line.substr(0, word_end);
      std::string_view flags;
      if (word_end != std::string_view::npos && line[word_end] == '/') {
        flags_end = line.find_first_of(" \t\r", word_end + 1);
        flags = line.substr(word_end + 1, flags_end == std::string_view::npos
                                              ? std::string_view::npos
                                              : flags_end - word_end - 1);
      }
      if (word.empty()) continue;
      if (prefilter && !compound_flags.empty() && IsPlain(word) &&
          flags.find_first_of(compound_flags) != std::string_view::npos) {
        prefilter = false;  // letters-only words may form compounds
      }
      roots.Add(word, flags);
    }
  }
};

Morphology::Morphology(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Morphology::~Morphology() {
  if (impl_ && impl_->hunspell) {
    std::lock_guard<std::mutex> lock(HunspellMutex());
    impl_->hunspell.reset();
  }
}

Result<std::unique_ptr<Morphology>> Morphology::create(
    const std::string& aff, const std::string& dic, std::string_view irregular,
    const std::string& irregular_name, std::string_view paradigm_cache) {
  auto impl = std::make_unique<Impl>();
  Status st = impl->ParseIrregular(irregular, irregular_name);
  if (!st.ok()) return st;
  if (aff.empty() != dic.empty()) {
    return Status(ErrorCode::kInvalidArgument,
                  "hunspell_aff and hunspell_dic must both be set or both be "
                  "empty");
  }
  impl->aff_path = aff;
  impl->dic_path = dic;
  impl->irregular_hash = Fnv64(irregular);
  if (!aff.empty() && !paradigm_cache.empty() &&
      impl->ImportCache(paradigm_cache,
                        CacheKey(aff, dic, impl->irregular_hash))) {
    impl->deferred = true;
  } else if (!aff.empty()) {
    st = impl->ParseAff(aff);
    if (!st.ok()) return st;
    st = impl->ReadDic(dic);
    if (!st.ok()) return st;
    // Hunspell loads (~25 ms for en_US) while this thread indexes the .dic.
    Impl* p = impl.get();
    auto load = [p, &aff, &dic] {
      std::lock_guard<std::mutex> lock(HunspellMutex());
      p->hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
    };
    std::thread loader;
    try {
      loader = std::thread(load);
    } catch (const std::system_error&) {
      load();  // no thread available: load in turn
    }
    impl->IndexDic();
    if (loader.joinable()) loader.join();
  }
  return std::unique_ptr<Morphology>(new Morphology(std::move(impl)));
}

std::vector<Paradigm> Morphology::paradigms(std::string_view word) {
  std::string w(word);
  auto hit = impl_->word_cache.find(w);
  if (hit == impl_->word_cache.end()) {
    if (impl_->deferred) impl_->LoadDeferred();
    hit = impl_->word_cache.emplace(w, impl_->Compute(w)).first;
  }
  return hit->second;
}

bool Morphology::hunspell_deferred() const { return impl_->deferred; }

Status Morphology::deferred_load_status() const { return impl_->load_status; }

std::string Morphology::export_cache() const {
  std::string out =
      impl_->aff_path.empty()
          ? std::string(kCacheMagic) + "no-hunspell"
          : CacheKey(impl_->aff_path, impl_->dic_path, impl_->irregular_hash);
  out += '\n';
  std::vector<const std::string*> words;
  for (const auto& [w, ps] : impl_->word_cache) words.push_back(&w);
  std::sort(words.begin(), words.end(),
            [](const std::string* a, const std::string* b) { return *a < *b; });
  for (const std::string* w : words) {
    for (const Paradigm& p : impl_->word_cache.at(*w)) {
      out += *w + '\t' + p.lemma;
      for (const Form& f : p.forms) {
        out += '\t';
        out += static_cast<char>('0' + static_cast<int>(f.inflection));
        out += ':' + f.surface;
      }
      out += '\n';
    }
  }
  const size_t head = out.find('\n') + 1;
  std::string_view body = std::string_view(out).substr(head);
  const size_t lines = static_cast<size_t>(std::count(body.begin(), body.end(), '\n'));
  out += "# end " + std::to_string(lines) + " " + Hex(Fnv64(body)) + "\n";
  return out;
}

std::vector<Inflection> Morphology::inflections_of(const Paradigm& p,
                                                   std::string_view word) {
  std::vector<Inflection> out;
  for (const Form& f : p.forms) {
    if (f.surface == word &&
        std::find(out.begin(), out.end(), f.inflection) == out.end()) {
      out.push_back(f.inflection);
    }
  }
  return out;
}

std::string Morphology::form(const Paradigm& p, Inflection k) {
  for (const Form& f : p.forms) {
    if (f.inflection == k) return f.surface;
  }
  return "";
}

}  // namespace unspin::detail
