// unspin: scoring: the confidence of a finding and the document verdict.
// The model is documented in README.md ("Confidence").
#ifndef UNSPIN_SRC_SCORE_HPP_
#define UNSPIN_SRC_SCORE_HPP_

#include <string>
#include <vector>

namespace unspin::detail {

/// Document length over which the evidence of other spun phrases counts in
/// full; longer documents divide it by (words / kEvidenceWords).
inline constexpr double kEvidenceWords = 5000;

/// Weights of the confidence model (log-odds).
struct ScoreWeights {
  /// Penalty when the spun side is a single ordinary dictionary word.
  double ordinary_word = 0.5;
  /// Gain per log(1 + evidence) from other distinct spun phrases.
  double bulk = 2.0;
  /// Gain when the entry's `requires` context is present.
  double context = 1.0;
  /// Penalty for a morphologically derived (not table-written) form.
  double derived = 0.1;
};

/// Inputs for one finding.
struct ScoreInput {
  double prior = 0.8;
  bool ordinary_word = false;
  bool derived = false;
  bool context_required_present = false;  ///< entry had requires= and it held
  /// Sum of the priors of the other distinct entries found in the document,
  /// divided by max(1, words / kEvidenceWords).
  double other_evidence = 0;
  int other_phrases = 0;
};

/// Confidence in [0.01, 0.99]; `explanation` receives the evidence.
double confidence(const ScoreInput& in, const ScoreWeights& w,
                  std::string* explanation);

/// Noisy-OR of the best confidence of each distinct reported entry.
double document_score(const std::vector<double>& best_per_entry);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_SCORE_HPP_
