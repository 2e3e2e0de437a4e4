// unspin: word substitutions (spun word -> original word) learned from the
// tables and a thesaurus, and the index of spun variants of established terms.
#ifndef UNSPIN_SRC_SUBSTITUTIONS_HPP_
#define UNSPIN_SRC_SUBSTITUTIONS_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "lm.hpp"
#include "table.hpp"
#include "unspin/unspin.hpp"

namespace unspin::detail {

/// Where a word substitution comes from (bit set).
enum SubOrigin : std::uint8_t { kFromTable = 1, kFromThesaurus = 2 };

/// One way a spun word may restore: spun word -> original word.
struct Substitution {
  std::string original;
  std::uint32_t count = 0;  ///< table entries that teach it (0: thesaurus)
  std::uint8_t origin = 0;  ///< SubOrigin bits
  /// LM id of `original` (set by resolve_lm_ids; kUnknown before).
  std::uint32_t lm_id = LanguageModel::kUnknown;
};

/// Substitutions by lowercase spun word: table-learned ones first (most
/// taught first), then thesaurus neighbours.
using SubstitutionMap =
    std::unordered_map<std::string, std::vector<Substitution>>;

/// Word substitutions learned from table entries: for each entry whose spun
/// phrase and first canonical have the same number of words (at most 4),
/// each differing pair of content words (spun -> canonical) that is not a
/// spelling variant, with how many entries teach it. (profound -> deep,
/// woodland -> forest.)
SubstitutionMap learn_substitutions(const std::vector<Entry>& entries);

/// Adds thesaurus neighbours to `subs`: `thesaurus` holds
/// "word<TAB>neighbour neighbour ..." lines, most frequent first ('#'
/// comments, optional BOM); the first `max_per_word` content-word neighbours
/// of each content word are kept. Errors: kIoError (unreadable),
/// kParseError (a line without a tab, with name:line).
Status add_thesaurus(const DataSource& thesaurus, std::size_t max_per_word,
                     SubstitutionMap& subs);

/// A plural (singular) word without table substitutions of its own takes
/// the table substitutions of its singular (plural), inflected alike, when
/// the LM knows the forms (blunders -> errors from blunder -> error).
void add_inflections(const LanguageModel& lm, SubstitutionMap& subs);

/// Sets every Substitution::lm_id (no string lookups in the scan).
void resolve_lm_ids(const LanguageModel& lm, SubstitutionMap& subs);

/// The spun variants of established terms: each term with one word
/// replaced by a word whose substitutions lead back to it, or two words
/// replaced (8 choices each), keyed by phrase_key() of the words' hashes,
/// behind a bloom filter so most probes of a scan cost one bit test.
class VariantIndex {
 public:
  VariantIndex() = default;
  VariantIndex(const std::vector<std::vector<std::string>>& terms,
               const SubstitutionMap& subs);
  /// False when no variant has `key`; true when one may.
  bool maybe(std::uint64_t key) const {
    return (bloom_[(key >> 6) & bloom_mask_] >> (key & 63)) & 1u;
  }
  /// Term ids whose variant key is `key` (cleared first; empty when none).
  void find(std::uint64_t key, std::vector<std::uint32_t>& out) const;
  std::size_t size() const { return keys_.size(); }

 private:
  std::vector<std::uint64_t> keys_;  // sorted
  std::vector<std::uint32_t> terms_;
  std::vector<std::uint64_t> bloom_ = std::vector<std::uint64_t>(1, 0);
  std::uint64_t bloom_mask_ = 0;
};

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_SUBSTITUTIONS_HPP_
