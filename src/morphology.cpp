// unspin: morphology: English inflectional paradigms from an annotated
// Hunspell dictionary (see tools/annotate_hunspell.cpp) plus irregular forms.
//
// How a paradigm is built. Hunspell's analyze() on the annotated dictionary
// gives the readings of the input word: its stem ("st:") and the affix flags
// applied ("is:", "ip:", added by the annotation), so "killed" is kill + D.
// The forms of a lemma are then produced by applying the dictionary's own
// rules, parsed from the .aff by aff_dic.hpp, to the root's flags, read from
// the .dic: exactly the words Hunspell::generate() gives and spell() accepts,
// but without calling Hunspell once per form (generate() re-analyzes the word
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
#include <cstdint>
#include <fstream>
#include <hunspell.hxx>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>

#include "aff_dic.hpp"
#include "hash.hpp"
#include "strings.hpp"
#include "table.hpp"
#include "text.hpp"

namespace unspin::detail {
namespace {

constexpr int kKinds = 7;  // number of Inflection values
constexpr std::array<const char*, kKinds> kKindNames = {
    "base", "s", "past", "pastpart", "ing", "er", "est"};

int Index(Inflection k) { return static_cast<int>(k); }
unsigned char as_byte(char c) { return static_cast<unsigned char>(c); }

// Kinds in the order a paradigm lists its forms.
constexpr std::array<Inflection, kKinds> kOrder = {
    Inflection::kBase,     Inflection::kS,   Inflection::kPast,
    Inflection::kPastPart, Inflection::kIng, Inflection::kEr,
    Inflection::kEst};

// Kinds produced by suffix rules (kPast rules also give kPastPart).
constexpr std::array<Inflection, 5> kRuleKinds = {
    Inflection::kS, Inflection::kPast, Inflection::kIng, Inflection::kEr,
    Inflection::kEst};

// True for a non-empty word of ASCII letters a-z only.
bool is_plain(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// True when `w` ends consonant-vowel-consonant, the shape whose final
// consonant doubles before -ed/-ing/-er/-est (stop, plan, big).
bool ends_cvc(const std::string& w) {
  size_t n = w.size();
  if (n < 3) return false;
  char c = w[n - 1], v = w[n - 2], p = w[n - 3];
  return c >= 'a' && c <= 'z' && !is_vowel(c) && c != 'w' && c != 'x' &&
         c != 'y' && is_vowel(v) && !is_vowel(p);
}

// One reading from Hunspell's analyze(): " ip:U st:happy fl:URTP is:R".
struct Analysis {
  std::string stem;
  char prefix = 0;
  char suffix = 0;
  int suffixes = 0;
  int stems = 0;
};

Analysis parse_analysis(std::string_view s, bool annotated) {
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

void add_unique(std::vector<std::string>* v, const std::string& s) {
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
    return static_cast<uint32_t>(fnv1a64(w) >> 32);
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
std::mutex& hunspell_mutex() {
  static std::mutex m;
  return m;
}

// Hunspell objects constructed so far (hunspell_loads()); counted under
// hunspell_mutex().
std::size_t g_hunspell_loads = 0;

constexpr std::string_view kCacheMagic = "# unspin paradigms v1 ";

bool read_all(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size < 0) return false;
  out->resize(static_cast<size_t>(size));
  return static_cast<bool>(in.read(out->data(), size));
}

std::string file_name(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The checksum line of a paradigm cache for these aff/dic files and this
// irregular table ("" when a file cannot be read).
std::string cache_key(const std::string& aff, const std::string& dic,
                      std::uint64_t irregular_hash) {
  std::string a, d;
  if (!read_all(aff, &a) || !read_all(dic, &d)) return {};
  // The library version stands for the paradigm algorithm: a cache made by
  // another version is not trusted.
  return std::string(kCacheMagic) + "unspin=" + UNSPIN_VERSION +
         " aff=" + hex64(fnv1a64(a)) + " dic=" + hex64(fnv1a64(d)) +
         " irregular=" + hex64(irregular_hash);
}

}  // namespace

struct Morphology::Impl {
  std::unique_ptr<Hunspell> hunspell;
  // Set when a paradigm cache answered for Hunspell: the files to load on
  // the first word the cache lacks.
  bool deferred = false;
  Status load_status;  // of the deferred load, once it ran
  std::string aff_path, dic_path;
  std::uint64_t irregular_hash = 0;
  AffixFile aff;  // the .aff as parsed (aff_dic.hpp)
  // Suffix flags of each rule kind (indexed by Inflection).
  std::array<std::string, kKinds> class_flags;
  std::array<Inflection, 256> flag_class{};  // kBase: not an inflection
  // Whether words made only of a-z can be judged without Hunspell (see
  // maybe_word()): the .aff is simple and no letters-only entry carries a
  // COMPOUNDRULE flag.
  bool prefilter = true;
  // The .dic text and, for entries not starting with a capital, word ->
  // flags (homonyms' flags concatenated). Keys point into dic_text.
  std::string dic_text;
  size_t dic_count = 0;  // the .dic's first line, checked by read_dic()
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

  bool is_entry(const std::string& w) const {
    return roots.Flags(w) != nullptr;
  }

  const std::string_view* root_flags(std::string_view w) const {
    return roots.Flags(w);
  }

  // False only when Hunspell is sure to reject `w`: a word of a-z only
  // that is no entry, and no affix rule undone leads to an entry. Spares
  // analyze() on non-words, which costs ~5 us there (compound checks).
  bool maybe_word(const std::string& w) const {
    if (!prefilter || !is_plain(w) || is_entry(w) || suffixed_entry(w)) {
      return true;
    }
    for (char p : aff.prefix_flags) {
      for (const AffixRule& r : aff.prefixes[as_byte(p)]) {
        if (r.add.empty() || !starts_with(w, r.add)) continue;
        // Superset of Hunspell's test: the root needs the prefix flag, or
        // the prefix may come from a suffix's continuation.
        std::string rest = r.strip + w.substr(r.add.size());
        if (is_entry(rest) || suffixed_entry(rest)) return true;
      }
    }
    return false;
  }

  // True when undoing some suffix rule on `w` gives an entry that has the
  // rule's flag.
  bool suffixed_entry(const std::string& w) const {
    for (char f : aff.suffix_flags) {
      for (const AffixRule& r : aff.suffixes[as_byte(f)]) {
        if (!ends_with(w, r.add)) continue;
        const std::string_view* flags =
            root_flags(w.substr(0, w.size() - r.add.size()) + r.strip);
        if (flags && flags->find(f) != std::string_view::npos) return true;
      }
    }
    return false;
  }

  std::vector<Analysis> Analyze(const std::string& w) {
    std::vector<Analysis> out;
    if (!hunspell || !maybe_word(w)) return out;
    for (const std::string& s : hunspell->analyze(w)) {
      out.push_back(parse_analysis(s, aff.annotated));
    }
    return out;
  }

  // Inflection class of a suffix flag, or kBase for a derivational one.
  Inflection class_of(char flag) const { return flag_class[as_byte(flag)]; }

  // The surface of prefix flag `flag` on `root`, or "" if none applies.
  std::string prefix_surface(char flag, const std::string& root,
                             const std::string& word) const {
    for (const AffixRule& r : aff.prefixes[as_byte(flag)]) {
      if (prefix_applies(r, root) && starts_with(word, r.add)) return r.add;
    }
    return "";
  }

  // How `lemma` is built from dictionary roots (Hunspell's own affix logic
  // for an unsuffixed word: the root itself, or a prefix plus a root).
  std::vector<RootReading> root_readings(const std::string& lemma) const {
    std::vector<RootReading> out;
    if (const std::string_view* f = root_flags(lemma))
      out.push_back({"", lemma, std::string(*f)});
    for (char p : aff.prefix_flags) {
      for (const AffixRule& r : aff.prefixes[as_byte(p)]) {
        if (r.add.empty() || !starts_with(lemma, r.add)) continue;
        std::string root = r.strip + lemma.substr(r.add.size());
        const std::string_view* f = root_flags(root);
        if (f && f->find(p) != std::string::npos && prefix_applies(r, root)) {
          out.push_back({r.add, root, std::string(*f), false,
                         aff.prefix_cross[as_byte(p)]});
        }
      }
    }
    // Suffixed readings (killing: kill + G, elimination: eliminate + N),
    // found as Hunspell finds them: undo a rule, look the root up.
    std::string form;
    for (char f : aff.suffix_flags) {
      for (const AffixRule& r : aff.suffixes[as_byte(f)]) {
        if (r.add.empty() || !ends_with(lemma, r.add)) continue;
        std::string root =
            lemma.substr(0, lemma.size() - r.add.size()) + r.strip;
        const std::string_view* rf = root_flags(root);
        if (rf && rf->find(f) != std::string_view::npos &&
            apply_suffix(r, root, &form) && form == lemma) {
          out.push_back({"", root, std::string(*rf), true});
        }
      }
    }
    return out;
  }

  // Adds the forms one reading gives to `fs`.
  void reading_forms(const RootReading& rr, const std::string& lemma,
                     FormSets* fs) {
    std::string form;
    if (rr.derived) {
      // A derived word has no flags of its own: a regular candidate counts
      // if the root's rules produce it too (elimination -> eliminations via
      // eliminate/X) or if it is an entry.
      std::vector<std::string> derived;
      for (char f : rr.flags) {
        for (const AffixRule& r : aff.suffixes[as_byte(f)]) {
          if (apply_suffix(r, rr.root, &form)) derived.push_back(form);
        }
      }
      for (Inflection k : kRuleKinds) {
        for (char f : class_flags[Index(k)]) {
          for (const AffixRule& r : aff.suffixes[as_byte(f)]) {
            if (apply_suffix(r, lemma, &form) &&
                (std::find(derived.begin(), derived.end(), form) !=
                     derived.end() ||
                 is_entry(form))) {
              add_unique(&(*fs)[Index(k)], form);
            }
          }
        }
      }
      return;
    }
    bool check = rr.flags.find_first_of(aff.special_flags) != std::string::npos;
    for (char f : rr.flags) {
      Inflection k = class_of(f);
      if (k == Inflection::kBase) continue;
      // Hunspell combines a prefix and a suffix only if both allow it.
      if (!rr.prefix.empty() &&
          (!rr.prefix_cross || !aff.suffix_cross[as_byte(f)])) {
        continue;
      }
      for (const AffixRule& r : aff.suffixes[as_byte(f)]) {
        if (!apply_suffix(r, rr.root, &form)) continue;
        form.insert(0, rr.prefix);
        if (!check || (hunspell && hunspell->spell(form))) {
          add_unique(&(*fs)[Index(k)], form);
        }
      }
    }
  }

  // A verb (it has an -ing form) with no past that ends in an irregular
  // verb (mishear, ghostwrite, outbid) takes that verb's past forms when
  // they are entries (misheard, ghostwrote, ghostwritten).
  void compound_irregular(const std::string& l, FormSets* fs) {
    auto& past = (*fs)[Index(Inflection::kPast)];
    auto& pp = (*fs)[Index(Inflection::kPastPart)];
    if (!past.empty() || (*fs)[Index(Inflection::kIng)].empty()) return;
    const size_t first = std::max<size_t>(
        2, l.size() > longest_irregular ? l.size() - longest_irregular : 0);
    for (size_t k = first; k + 2 <= l.size(); ++k) {
      auto it = irregular.find(l.substr(k));
      if (it == irregular.end()) continue;
      std::string head = l.substr(0, k);
      for (const std::string& f : it->second[Index(Inflection::kPast)]) {
        if (f != "-" && is_entry(head + f)) add_unique(&past, head + f);
      }
      if (past.empty()) continue;  // the longest irregular verb wins
      // A participle need not be an entry (overeaten): ask Hunspell.
      for (const std::string& f : it->second[Index(Inflection::kPastPart)]) {
        if (f != "-" &&
            (is_entry(head + f) || (hunspell && hunspell->spell(head + f)))) {
          add_unique(&pp, head + f);
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
      if (is_entry(c)) add_unique(v, c);
    };
    // potatoes, echoes: listed as entries because the S rules cannot make
    // them; preferred over a rule-made "echos".
    if (ends_with(l, "o") && is_entry(l + "es") &&
        std::find(s.begin(), s.end(), l + "es") == s.end()) {
      s.insert(s.begin(), l + "es");
    }
    if (s.empty()) {
      if (ends_with(l, "man") && l.size() > 3) {
        add_if_entry(l.substr(0, l.size() - 3) + "men", &s);  // chairmen
      }
    }
    // Doubled final consonant: running, stopped/stopping. A doubled -ed
    // form is taken only with its -ing form, which keeps out bit/bitted.
    if (ends_cvc(l) && (past.empty() || ing.empty())) {
      std::string d = l + l.back() + "ed", g = l + l.back() + "ing";
      if (is_entry(g)) {
        if (ing.empty()) ing.push_back(g);
        if (past.empty() && is_entry(d)) {
          past.push_back(d);
          if (pp.empty()) pp.push_back(d);
        }
      }
    }
    // The -ing rule drops a final e, wrong after ee/oe/ye (seeing, hoeing).
    if (ing.empty() &&
        (ends_with(l, "ee") || ends_with(l, "oe") || ends_with(l, "ye"))) {
      add_if_entry(l + "ing", &ing);
    }
    // A verb (it has a past) without a G flag: its -ing form is an entry
    // (reading, taking, quitting). Not tried for other words, where it
    // finds unrelated words (morn: morning).
    if (ing.empty() && !past.empty() && l.size() >= 3) {
      add_if_entry(l + "ing", &ing);
      if (ing.empty() && ends_with(l, "e")) {
        add_if_entry(l.substr(0, l.size() - 1) + "ing", &ing);
      }
      if (ing.empty()) add_if_entry(l + l.back() + "ing", &ing);
    }
    // Comparison as separate entries (big: bigger, biggest); both forms
    // must exist, which keeps out ham/hammer, bit/bitter.
    if (er.empty() && est.empty()) {
      std::string stem = l;
      if (ends_cvc(l)) {
        stem = l + l.back();
      } else if (ends_with(l, "e")) {
        stem.pop_back();
      } else if (ends_with(l, "y") && l.size() > 2 &&
                 !is_vowel(l[l.size() - 2])) {
        stem.back() = 'i';
      }
      if (stem.size() > 2 && is_entry(stem + "er") && is_entry(stem + "est")) {
        er.push_back(stem + "er");
        est.push_back(stem + "est");
      }
    }
  }

  // The paradigm of `lemma` (cached; a function of the lemma alone).
  const Paradigm& LemmaParadigm(const std::string& lemma) {
    auto hit = lemma_cache.find(lemma);
    if (hit != lemma_cache.end()) return hit->second;
    std::vector<RootReading> readings = root_readings(lemma);
    FormSets fs;
    for (const RootReading& rr : readings) reading_forms(rr, lemma, &fs);
    fs[Index(Inflection::kPastPart)] = fs[Index(Inflection::kPast)];
    auto irr = irregular.find(lemma);
    if (irr != irregular.end()) {
      for (Inflection k : kOrder) {
        if (!irr->second[Index(k)].empty())
          fs[Index(k)] = irr->second[Index(k)];
      }
    }
    if (!readings.empty() || irr != irregular.end()) Fallbacks(lemma, &fs);
    if (irr == irregular.end()) compound_irregular(lemma, &fs);
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
  static std::vector<std::string> spelling_rule_lemmas(const std::string& w) {
    std::vector<std::string> out;
    size_t n = w.size();
    if (ends_with(w, "oes")) out.push_back(w.substr(0, n - 2));
    if (ends_with(w, "men") && n > 3) out.push_back(w.substr(0, n - 3) + "man");
    if (ends_with(w, "ing") && n > 5) {
      out.push_back(w.substr(0, n - 3));        // reading -> read
      out.push_back(w.substr(0, n - 3) + "e");  // taking -> take
    }
    for (std::string_view suf : {"ed", "ing", "er", "est"}) {
      size_t m = suf.size();
      if (n > m + 3 && ends_with(w, suf) && w[n - m - 1] == w[n - m - 2]) {
        out.push_back(w.substr(0, n - m - 1));  // stopped -> stop
      }
    }
    for (std::string_view suf : {"er", "est"}) {
      size_t m = suf.size();
      if (n > m + 2 && ends_with(w, suf)) {
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
  std::vector<std::string> derived_singulars(const std::string& w) const {
    std::vector<std::string> out;
    std::string form;
    for (char f : class_flags[Index(Inflection::kS)]) {
      for (const AffixRule& r : aff.suffixes[as_byte(f)]) {
        if (r.add.empty() || !ends_with(w, r.add)) continue;
        std::string cand = w.substr(0, w.size() - r.add.size()) + r.strip;
        if (apply_suffix(r, cand, &form) && form == w) {
          add_unique(&out, cand);
        }
      }
    }
    return out;
  }

  // Loads what a paradigm cache stood in for. On failure (the files went
  // away since create() checked them) the irregular table alone answers.
  void load_deferred() {
    deferred = false;
    load_status = load_aff(aff_path);
    if (!load_status.ok()) return;
    load_status = read_dic(dic_path);
    if (!load_status.ok()) return;
    {
      std::lock_guard<std::mutex> lock(hunspell_mutex());
      hunspell = std::make_unique<Hunspell>(aff_path.c_str(), dic_path.c_str());
      ++g_hunspell_loads;
    }
    index_dic();
  }

  // Reads export_cache() text whose checksum line is `key`; false (and
  // nothing kept) when it does not match or a line is malformed.
  bool import_cache(std::string_view text, const std::string& key) {
    if (key.empty()) return false;
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos || text.substr(0, nl) != key) return false;
    // The last line seals the body: "# end <lines> <FNV-1a of the body>".
    if (text.empty() || text.back() != '\n') return false;
    size_t last = text.rfind('\n', text.size() - 2);
    if (last == std::string_view::npos || last < nl) return false;
    std::string_view body = text.substr(nl + 1, last - nl);
    std::string_view seal = text.substr(last + 1, text.size() - last - 2);
    size_t lines =
        static_cast<size_t>(std::count(body.begin(), body.end(), '\n'));
    if (seal != "# end " + std::to_string(lines) + " " + hex64(fnv1a64(body)))
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
        f.push_back(
            line.substr(b, t == std::string_view::npos ? line.npos : t - b));
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
      if (a.suffixes == 1 && class_of(a.suffix) != Inflection::kBase) {
        std::string lemma = a.stem;
        if (a.prefix != 0) lemma.insert(0, prefix_surface(a.prefix, a.stem, w));
        add_unique(&lemmas, lemma);
        continue;
      }
      self = true;  // a root, a prefixed root or a derived word
      if (a.suffixes == 1) derived = true;
    }
    const size_t from_analysis = lemmas.size();
    if (irregular.count(w)) self = true;
    auto irr = irregular_lemmas.find(w);
    if (irr != irregular_lemmas.end()) {
      for (const std::string& l : irr->second) add_unique(&lemmas, l);
    }
    for (const std::string& l : spelling_rule_lemmas(w)) {
      if (is_entry(l) || irregular.count(l)) add_unique(&lemmas, l);
    }
    // misheard: mis + heard, heard a form of hear (see compound_irregular()).
    const size_t first = std::max<size_t>(
        2, w.size() > longest_irregular_form ? w.size() - longest_irregular_form
                                             : 0);
    for (size_t k = first; k + 2 <= w.size(); ++k) {
      auto it = irregular_lemmas.find(w.substr(k));
      if (it == irregular_lemmas.end()) continue;
      for (const std::string& l : it->second) {
        std::string cand = w.substr(0, k) + l;
        if (is_entry(cand)) add_unique(&lemmas, cand);
      }
    }
    // A derived word may be the plural of another derived word
    // (eliminations: elimination + s, Hunspell: eliminate + X).
    if (derived) {
      for (const std::string& l : derived_singulars(w)) add_unique(&lemmas, l);
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

  Status parse_irregular(std::string_view text, const std::string& name) {
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
      add_unique(&irregular[f[0]][kind], f[2]);
      longest_irregular = std::max(longest_irregular, f[0].size());
      if (f[2] != "-" && f[2] != f[0]) {
        add_unique(&irregular_lemmas[f[2]], f[0]);
        longest_irregular_form = std::max(longest_irregular_form, f[2].size());
      }
    }
    return Status::ok_status();
  }

  Status load_aff(const std::string& path) {
    std::string text;
    if (!read_all(path, &text)) {
      return Status(ErrorCode::kIoError, "cannot read " + path);
    }
    Result<AffixFile> parsed = parse_aff(text, file_name(path));
    if (!parsed.ok()) return parsed.status();
    aff = std::move(parsed.value());
    prefilter = aff.simple;
    classify_suffix_flags();
    return Status::ok_status();
  }

  // A suffix flag is of a rule kind when all its rules' endings are.
  void classify_suffix_flags() {
    const std::map<Inflection, std::vector<std::string>> endings = {
        {Inflection::kS, {"s", "es", "ies"}},
        {Inflection::kPast, {"d", "ed", "ied"}},
        {Inflection::kIng, {"ing"}},
        {Inflection::kEr, {"r", "er", "ier"}},
        {Inflection::kEst, {"st", "est", "iest"}}};
    for (int flag = 0; flag < 256; ++flag) {
      const std::vector<AffixRule>& rules = aff.suffixes[flag];
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
  Status read_dic(const std::string& path) {
    if (!read_all(path, &dic_text)) {
      return Status(ErrorCode::kIoError, "cannot read " + path);
    }
    Result<size_t> count = parse_dic_count(dic_text, file_name(path));
    if (!count.ok()) return count.status();
    dic_count = *count;
    return Status::ok_status();
  }

  // Indexes dic_text (see read_dic()).
  void index_dic() {
    // Over-counts the capitalized entries skipped below, which is harmless.
    roots.Reserve(std::min(dic_count, dic_text.size() / 2));
    for_each_dic_line(dic_text, [this](std::string_view line) {
      if (line.empty() || (line[0] >= 'A' && line[0] <= 'Z') ||
          line[0] == '#') {
        return;  // capitalized entries never match lowercase input
      }
      const DicEntry e = split_dic_line(line);
      if (e.word.empty()) return;
      if (prefilter && !aff.compound_flags.empty() && is_plain(e.word) &&
          e.flags.find_first_of(aff.compound_flags) != std::string_view::npos) {
        prefilter = false;  // letters-only words may form compounds
      }
      roots.Add(e.word, e.flags);
    });
  }
};

Morphology::Morphology(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Morphology::~Morphology() {
  if (impl_ && impl_->hunspell) {
    std::lock_guard<std::mutex> lock(hunspell_mutex());
    impl_->hunspell.reset();
  }
}

Result<std::unique_ptr<Morphology>> Morphology::create(
    const std::string& aff, const std::string& dic, std::string_view irregular,
    const std::string& irregular_name, std::string_view paradigm_cache) {
  auto impl = std::make_unique<Impl>();
  Status st = impl->parse_irregular(irregular, irregular_name);
  if (!st.ok()) return st;
  if (aff.empty() != dic.empty()) {
    return Status(ErrorCode::kInvalidArgument,
                  "hunspell_aff and hunspell_dic must both be set or both be "
                  "empty");
  }
  impl->aff_path = aff;
  impl->dic_path = dic;
  impl->irregular_hash = fnv1a64(irregular);
  if (!aff.empty() && !paradigm_cache.empty() &&
      impl->import_cache(paradigm_cache,
                         cache_key(aff, dic, impl->irregular_hash))) {
    impl->deferred = true;
  } else if (!aff.empty()) {
    st = impl->load_aff(aff);
    if (!st.ok()) return st;
    st = impl->read_dic(dic);
    if (!st.ok()) return st;
    // Hunspell loads (~25 ms for en_US) while this thread indexes the .dic.
    Impl* p = impl.get();
    auto load = [p, &aff, &dic] {
      std::lock_guard<std::mutex> lock(hunspell_mutex());
      p->hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
      ++g_hunspell_loads;
    };
    std::thread loader;
    try {
      loader = std::thread(load);
    } catch (const std::system_error&) {
      load();  // no thread available: load in turn
    }
    impl->index_dic();
    if (loader.joinable()) loader.join();
  }
  return std::unique_ptr<Morphology>(new Morphology(std::move(impl)));
}

std::vector<Paradigm> Morphology::paradigms(std::string_view word) {
  std::string w(word);
  auto hit = impl_->word_cache.find(w);
  if (hit == impl_->word_cache.end()) {
    if (impl_->deferred) impl_->load_deferred();
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
          : cache_key(impl_->aff_path, impl_->dic_path, impl_->irregular_hash);
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
  const size_t lines =
      static_cast<size_t>(std::count(body.begin(), body.end(), '\n'));
  out += "# end " + std::to_string(lines) + " " + hex64(fnv1a64(body)) + "\n";
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

std::size_t hunspell_loads() {
  std::lock_guard<std::mutex> lock(hunspell_mutex());
  return g_hunspell_loads;
}

namespace {

// The first and last words of `phrase`, lowercase; with `inflectable_only`,
// only those inflectable_word() accepts.
void add_ends(std::string_view phrase, bool inflectable_only,
              std::vector<std::string>* out) {
  const std::vector<std::string> w = split_spaces(ascii_lower(phrase));
  for (std::size_t i : {std::size_t{0}, w.size() - 1}) {
    if (w.empty() || (i > 0 && w.size() == 1)) continue;
    if (!inflectable_only || inflectable_word(w[i])) out->push_back(w[i]);
  }
}

}  // namespace

bool inflectable_word(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    const unsigned char b = as_byte(c);
    if (!((b >= 'a' && b <= 'z') || b >= 0x80 || b == '\'')) return false;
  }
  return true;
}

std::vector<std::string> paradigm_words(const std::vector<Entry>& entries) {
  std::vector<std::string> words;
  for (const Entry& e : entries) {
    add_ends(e.spun, true, &words);
    for (const std::string& c : e.canonicals) add_ends(c, false, &words);
    for (const std::string& t : e.requires_any) add_ends(t, true, &words);
    for (const auto& group : e.requires_groups)
      for (const std::string& t : group) add_ends(t, true, &words);
    for (const std::string& t : e.excludes_any) add_ends(t, true, &words);
    for (const Entry::Near& n : e.near)
      for (const std::string& t : n.terms) add_ends(t, true, &words);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

Result<std::string> build_paradigm_cache(const std::string& aff,
                                         const std::string& dic,
                                         std::string_view irregular,
                                         const std::string& irregular_name,
                                         const std::vector<Entry>& entries) {
  Result<std::unique_ptr<Morphology>> morph =
      Morphology::create(aff, dic, irregular, irregular_name);
  if (!morph.ok()) return morph.status();
  Morphology& m = **morph;
  for (const std::string& w : paradigm_words(entries)) m.paradigms(w);
  // Number agreement: when the spun side ends in a plural, a canonical
  // side's last word may be made plural ("deep neural network" for
  // "profound neural networks"), and the plural is then looked up too.
  auto has = [](const std::vector<Inflection>& ks, Inflection k) {
    return std::find(ks.begin(), ks.end(), k) != ks.end();
  };
  for (const Entry& e : entries) {
    const std::vector<std::string> spun = split_spaces(ascii_lower(e.spun));
    if (spun.empty() || !inflectable_word(spun.back())) continue;
    bool plural_spun = false;
    for (const Paradigm& p : m.paradigms(spun.back()))
      plural_spun |=
          has(Morphology::inflections_of(p, spun.back()), Inflection::kS);
    if (!plural_spun) continue;
    for (const std::string& c : e.canonicals) {
      const std::vector<std::string> w = split_spaces(ascii_lower(c));
      if (w.empty()) continue;
      for (const Paradigm& p : m.paradigms(w.back())) {
        if (!has(Morphology::inflections_of(p, w.back()), Inflection::kBase))
          continue;
        const std::string plural = Morphology::form(p, Inflection::kS);
        if (!plural.empty()) m.paradigms(plural);
      }
    }
  }
  return m.export_cache();
}

}  // namespace unspin::detail
