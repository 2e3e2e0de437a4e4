// unspin: discovery of spun phrases no table holds: word substitutions learned
// from the tables and a thesaurus, checked with an n-gram language model.
#ifndef UNSPIN_SRC_DISCOVERY_HPP_
#define UNSPIN_SRC_DISCOVERY_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "discovery_data.hpp"
#include "features.hpp"
#include "text.hpp"

namespace unspin::detail {

// The stages, one file each (docs/discovery.md):
//   lm.hpp / lm_format.hpp   the language model and its compact file
//   substitutions.hpp        word substitutions, spun-variant index
//   discovery_data.hpp       DiscoveryData (built once per Detector)
//   candidates.hpp           the three candidate paths over a window
//   features.hpp             the calibration features (one list)
//   calibration.hpp/.inc     the logistic maps and their shipped weights
//   discovery_render.hpp     suggestions, explanation, "how"
//   discovery.cpp            discover(): candidates -> scores -> selection

/// A discovered spun span.
struct Discovered {
  std::size_t first_word = 0;  ///< index of the first word in `tokens`
  std::size_t last_word = 0;   ///< one past the last word
  std::size_t begin = 0;       ///< byte offsets into the text
  std::size_t end = 0;
  /// Restored originals, best first, with the text's inflection and case.
  std::vector<std::string> suggestions;
  /// Calibrated probability that the span is spun (what to flag on).
  /// suggestions[0] is then the best guess; see restore_confidence.
  double confidence = 0;
  /// Calibrated probability that the span is spun and suggestions[0]
  /// restores the original exactly (never above confidence).
  double restore_confidence = 0;
  /// "established-term", "lm" or "spinner" (the candidate path), plus
  /// "+table" / "+thesaurus" origins, e.g. "established-term+table"; the
  /// Finding source is "discovered:" + how.
  std::string how;
  /// For --explain: substitutions, their origin and counts, the LM gain.
  std::string explanation;
  /// The restored original in lemma form (normalized words).
  std::string original_lemma;
  /// The calibration features of suggestions[0] (what the scores weigh; the
  /// bench refits the calibration from them).
  FeatureVector features;
};

/// Finds spun phrases in `text` given its word `tokens` (any window of
/// them; indices in Discovered refer to `tokens`). Appends non-overlapping
/// findings in text order to `out` (best one kept where candidates
/// overlap). Only phrases of 2-4 words within one clause (no punctuation
/// other than hyphens between the words) are considered. Thread-safe.
/// `blocked`: sorted, non-overlapping byte ranges no finding may touch
/// (table matches, allowlisted phrases); candidates over them are left out
/// before the best ones are chosen, so they hide no neighbour.
void discover(
    const DiscoveryData& data, std::string_view text,
    const std::vector<Token>& tokens, std::vector<Discovered>& out,
    const std::vector<std::pair<std::size_t, std::size_t>>& blocked = {});

/// The same, given the tokens' normalized words (`keys[i]` is
/// normalize_word() of token i), so they are not normalized again.
void discover(
    const DiscoveryData& data, std::string_view text,
    const std::vector<Token>& tokens, const std::vector<std::string>& keys,
    std::vector<Discovered>& out,
    const std::vector<std::pair<std::size_t, std::size_t>>& blocked = {});

/// Tokenizes `text` (in windows cut at safe_split points) and runs
/// discover(); word indices count from the start of the text.
void discover_text(
    const DiscoveryData& data, std::string_view text,
    std::vector<Discovered>& out,
    const std::vector<std::pair<std::size_t, std::size_t>>& blocked = {});

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_DISCOVERY_HPP_
