// unspin: what discovery reads, built once per Detector: the language model,
// word substitutions, established terms and their spun variants, spinner words.
#ifndef UNSPIN_SRC_DISCOVERY_DATA_HPP_
#define UNSPIN_SRC_DISCOVERY_DATA_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "calibration.hpp"
#include "lm.hpp"
#include "substitutions.hpp"
#include "table.hpp"
#include "unspin/unspin.hpp"

namespace unspin::detail {

/// How discovery searches and scores. A Detector uses the defaults; tests
/// and bench/discovery_bench.cpp (UNSPIN_DISCOVERY_OPTIONS) change them.
/// The defaults are the tuned values (docs/discovery.md has the figures).
struct DiscoveryParams {
  /// Minimum LM gain (log10, suggestion minus text, in context) of a
  /// candidate that is an established term. Negative: the news-trained LM
  /// often knows neither a technical term nor its spun form, and the
  /// calibrated score (which weighs the gain) decides.
  double min_gain_established = -2.0;
  /// Minimum LM gain of an LM-path candidate (not an established term). >= 0.
  double min_gain_lm = 3.5;
  /// Thesaurus neighbours kept per word, most frequent first. <= 1000.
  std::size_t max_thesaurus = 12;
  /// Thesaurus neighbours tried per word on the LM path (0: table-learned
  /// substitutions only; more finds more but scans much slower).
  /// <= max_thesaurus.
  std::size_t lm_thesaurus = 0;
  /// A spinner word is on the spun side but not the canonical side of at
  /// least `spinner_min_count` table entries, and that count is at least
  /// `spinner_ratio` times (1 + entries whose canonical side holds it).
  /// spinner_min_count 0 turns the spinner path off. spinner_ratio >= 0.
  std::size_t spinner_min_count = 2;
  double spinner_ratio = 2.0;
  /// Thesaurus neighbours tried per spinner word on the spinner path (0:
  /// table substitutions only). <= max_thesaurus.
  std::size_t spinner_thesaurus = 0;
  /// Longest span of the spinner path, 2-4 words.
  std::size_t spinner_max_words = 3;
  /// On the spinner path, a spinner word with a table substitution is
  /// always replaced (never kept as written).
  bool spinner_must_change = true;
  /// On the spinner path, choices rank by LM log10 prob plus this times
  /// ln(1 + table entries teaching each substitution) (a prior for
  /// substitutions the tables teach often: information -> data).
  double spinner_sub_prior = 2.0;
  /// Minimum LM gain of the spinner path's choice; below it (or with an
  /// unattested pair) the choice is a hedge (Feature::kHedged).
  double min_gain_spinner = 0.0;
  /// Candidates below this confidence are dropped before rendering (a
  /// Detector never shows them; the shipped calibration was fitted with
  /// 0.01). 0 keeps all.
  double min_output_confidence = 0.01;
  /// The two logistic maps of the scores.
  Calibration calibration = Calibration::shipped();
};

/// What discovery needs, built once, then immutable; discover() is const
/// and thread-safe.
class DiscoveryData {
 public:
  /// `lm`: compact binary or ARPA; `thesaurus`: "word<TAB>neighbour ..."
  /// lines ('#' comments), may be empty (name and path empty) for none;
  /// `entries`: the loaded table entries (substitutions, spinner words and
  /// established terms come from them).
  /// Errors: those of LanguageModel::load; kIoError / kParseError for the
  /// thesaurus; kInvalidArgument for out-of-range params, naming the field.
  static Result<std::unique_ptr<const DiscoveryData>> load(
      const DataSource& lm, const DataSource& thesaurus,
      const std::vector<Entry>& entries, const DiscoveryParams& params = {});

  const LanguageModel& lm() const { return lm_; }
  const DiscoveryParams& params() const { return params_; }
  /// Substitutions of a lowercase word (table first by count, then
  /// thesaurus), or nullptr.
  const std::vector<Substitution>* substitutions(const std::string& word) const;
  const std::vector<Substitution>* substitutions(std::string_view word) const;
  /// True when the word's first substitution comes from a table.
  bool has_table_sub(std::string_view word) const;
  /// True when the normalized phrase (words joined by one space) is an
  /// established term (a canonical side of 2-4 words).
  bool established(std::string_view phrase) const;
  /// The established terms' words, by term id.
  const std::vector<std::vector<std::string>>& terms() const { return terms_; }
  /// The spun variants of the established terms.
  const VariantIndex& variants() const { return variants_; }
  std::size_t variant_count() const { return variants_.size(); }
  std::size_t established_count() const { return terms_.size(); }
  /// Spinner score of a lowercase word: ln((spun-only entries + 0.5) /
  /// (canonical entries + 1)) for spinner words, 0 for other words.
  double spinner(const std::string& word) const;
  /// Bits of a lowercase word in the tables: 1 on a spun side, 2 on a
  /// canonical side, 0 in none.
  std::uint8_t vocab(const std::string& word) const {
    auto it = vocab_.find(word);
    return it == vocab_.end() ? 0 : it->second;
  }

 private:
  DiscoveryData() = default;
  LanguageModel lm_;
  DiscoveryParams params_;
  SubstitutionMap subs_;
  std::vector<std::vector<std::string>> terms_;
  std::unordered_map<std::string, std::uint32_t> term_ids_;
  VariantIndex variants_;
  std::unordered_map<std::string, double> spinner_;
  std::unordered_map<std::string, std::uint8_t> vocab_;
};

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_DISCOVERY_DATA_HPP_
