// unspin: scoring: the confidence of a finding and the document verdict.
// The model is documented in README.md ("Confidence").
#ifndef UNSPIN_SRC_SCORE_HPP_
#define UNSPIN_SRC_SCORE_HPP_

#include <cstddef>
#include <string>
#include <vector>

#include "unspin/unspin.hpp"

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

/// What the document says about all table findings at once.
struct DocumentEvidence {
  std::size_t words = 0;             ///< words in the document
  std::size_t distinct_entries = 0;  ///< entries with a chosen match
  double total_prior = 0;            ///< sum of those entries' priors
};

/// The confidence of a chosen match of an entry with `prior` given the
/// rest of the document (its own prior is taken out of the evidence);
/// `explanation` as for confidence().
double table_confidence(ScoreInput in, const DocumentEvidence& doc,
                        const ScoreWeights& w, std::string* explanation);

/// A discovered span's best guess becomes its suggestion when it restores
/// the original more likely than not (a fixed cut, so a finding does not
/// depend on the scan's threshold).
inline constexpr double kOfferGuess = 0.5;

/// The verdict: `words`, the findings, and the document score from the
/// best confidence of each distinct entry or discovered lemma.
void make_verdict(std::size_t words, std::size_t findings,
                  const std::vector<double>& best_per_phrase, Verdict& v);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_SCORE_HPP_
