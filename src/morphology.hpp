// unspin: morphology: English inflectional paradigms from an annotated
// Hunspell dictionary plus an irregular-forms table. Used only while a
// Detector is compiled, never in the scan hot path.
#ifndef UNSPIN_SRC_MORPHOLOGY_HPP_
#define UNSPIN_SRC_MORPHOLOGY_HPP_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "table.hpp"
#include "unspin/unspin.hpp"

namespace unspin::detail {

/// Inflection of an English word form.
enum class Inflection {
  kBase,      ///< lemma: kill, gang, big
  kS,         ///< plural noun or 3rd person singular verb: kills, gangs
  kPast,      ///< simple past: killed, ran
  kPastPart,  ///< past participle: killed, run, beaten
  kIng,       ///< present participle / gerund: killing
  kEr,        ///< comparative: bigger
  kEst,       ///< superlative: biggest
};

/// One form of a paradigm.
struct Form {
  Inflection inflection;
  std::string surface;
};

/// A lemma and its forms (the base form first). The same surface may appear
/// under several inflections (killed: kPast and kPastPart).
struct Paradigm {
  std::string lemma;
  std::vector<Form> forms;
};

/// Wraps one Hunspell object. NOT thread-safe: one thread at a time. create()
/// serializes construction with a process-wide mutex (Hunspell 1.7.1 races
/// when two are constructed at once).
class Morphology {
 public:
  /// aff/dic: an annotated Hunspell dictionary (both empty: irregular table
  /// only). irregular: TSV text "lemma<TAB>kind<TAB>form" with kind one of
  /// s, past, pastpart, ing, er, est; '#' comments; `irregular_name` is used
  /// in error messages ("irregular.tsv:12: ...").
  /// Errors: kIoError (aff/dic unreadable), kParseError (irregular table).
  /// `paradigm_cache`: text made by export_cache() (may be empty). When its
  /// checksums match the aff, dic and irregular texts, paradigms() answers
  /// the words it holds from it, and Hunspell and the .aff/.dic are only
  /// loaded on the first word it lacks; otherwise it is ignored.
  static Result<std::unique_ptr<Morphology>> create(
      const std::string& aff, const std::string& dic,
      std::string_view irregular, const std::string& irregular_name,
      std::string_view paradigm_cache = {});

  ~Morphology();

  /// The paradigms `word` (lowercase) may belong to: one per lemma reading.
  /// "gangs" -> {gang: gang, gangs}; "ran" -> {run: run, runs, ran(past),
  /// run(pastpart), running}; an unknown word -> {word: word}. Never empty;
  /// deterministic order: the reading whose lemma equals `word` first, then
  /// the others by lemma. That own reading is left out when it has no other
  /// form and `word` is an irregular or separately listed form of another
  /// lemma (ran, mice, running); it is kept when only Hunspell's affixes
  /// relate the two ("killing" -> {killing: killing, killings}, {kill: ...}).
  /// Results are cached: a repeated word costs a hash lookup and a copy.
  std::vector<Paradigm> paradigms(std::string_view word);

  /// Every word answered so far with its paradigms, as paradigm-cache text:
  /// a key line ("# unspin paradigms v1 unspin=VERSION aff=.. dic=..
  /// irregular=..", checksums of the inputs), then "word<TAB>lemma<TAB>
  /// K:form<TAB>K:form..." lines (K: the Inflection's number), one per
  /// paradigm, sorted by word, then a seal "# end LINES FNV64-OF-BODY".
  /// A cache whose key or seal does not match is ignored. Deterministic.
  std::string export_cache() const;
  /// True while a paradigm cache stands in for a Hunspell not yet loaded.
  bool hunspell_deferred() const;
  /// Ok, or the error of a deferred load that failed (the .aff/.dic went
  /// away after create()); words were then answered from the irregular
  /// table only, so the caller must fail.
  Status deferred_load_status() const;

  /// Inflection(s) `word` has within `p` (empty if not a form of p).
  static std::vector<Inflection> inflections_of(const Paradigm& p,
                                                std::string_view word);

  /// The form of `p` with inflection `k`, or "" if it has none.
  static std::string form(const Paradigm& p, Inflection k);

 private:
  struct Impl;
  explicit Morphology(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// How many Hunspell dictionaries Morphology has loaded in this process so
/// far (create() without a usable paradigm cache, or the first word a cache
/// lacks). For tests and measurements: a Detector built with a complete
/// cache leaves it unchanged. Thread-safe.
std::size_t hunspell_loads();

/// A word the compiler inflects: lowercase a-z, apostrophes and non-ASCII
/// bytes only (words with digits or punctuation keep their one form).
bool inflectable_word(std::string_view w);

/// The words of `entries` whose paradigms compiling them may need,
/// lowercase (A-Z), sorted, without duplicates: the first and the last word
/// of each canonical alternative, and of each spun side and context term
/// (requires=, excludes=, near=) those made of a-z, apostrophes and
/// non-ASCII bytes only (the words the compiler inflects).
std::vector<std::string> paradigm_words(const std::vector<Entry>& entries);

/// Paradigm-cache text (the format of Morphology::export_cache()) holding
/// the paradigms of paradigm_words(entries) and, for entries whose spun
/// side ends in a plural, of the plural of each canonical alternative's
/// last word (number agreement may make it): every
/// word a Detector compiling `entries` asks Morphology::paradigms() about.
/// Computed with Hunspell from `aff`/`dic` and the irregular table
/// (arguments as for Morphology::create()). Deterministic. Used at build
/// time by tools/build_paradigms.cpp. Errors: those of Morphology::create().
Result<std::string> build_paradigm_cache(const std::string& aff,
                                         const std::string& dic,
                                         std::string_view irregular,
                                         const std::string& irregular_name,
                                         const std::vector<Entry>& entries);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_MORPHOLOGY_HPP_
