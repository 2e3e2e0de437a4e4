// unspin: the features of a discovery candidate that the calibration weighs:
// one list (an X-macro) gives their order, names and the FeatureVector.
#ifndef UNSPIN_SRC_FEATURES_HPP_
#define UNSPIN_SRC_FEATURES_HPP_

#include <array>
#include <cstddef>
#include <string_view>

namespace unspin::detail {

/// X(Enumerator, "name"): every calibration feature, in the order of the
/// FeatureVector and of calibration.inc. Add a feature here, compute it in
/// features.cpp, give it a row in calibration.inc (the build checks that
/// the rows match this list).
///   gain: min(LM gain of the suggestion over the text, in context, 10)
///   established: 1 when the suggestion is a table's canonical side
///   table_sub: 1 when a substitution comes from a table
///   unattested: 1 when a word pair of the text is not an LM bigram
///   observed: max(LM log10 prob of the text, per word, -10)
///   spinner: highest spinner score of the span's words
///   hedged: 1 when no substitution makes every word pair an LM bigram with
///     enough gain (the spinner path's best guess)
///   vocab: share of the span's words found in a table entry
///   canon_vocab: share of the suggestion's words on a canonical side
///   spinner_words: spinner words in the span beyond the first
///   capital: 1 for a capital inside a word (DataSet), or initial capitals
///     on some but not all words other than a clause's first (names, code)
///   rare: lowest LM unigram log10 prob of the span's words (>= -7)
///   taught: ln(1 + most table entries teaching one of the substitutions)
#define UNSPIN_DISCOVERY_FEATURES(X) \
  X(kGain, "gain")                   \
  X(kEstablished, "established")     \
  X(kTableSub, "table_sub")          \
  X(kUnattested, "unattested")       \
  X(kObserved, "observed")           \
  X(kSpinner, "spinner")             \
  X(kHedged, "hedged")               \
  X(kVocab, "vocab")                 \
  X(kCanonVocab, "canon_vocab")      \
  X(kSpinnerWords, "spinner_words")  \
  X(kCapital, "capital")             \
  X(kRare, "rare")                   \
  X(kTaught, "taught")

enum class Feature : std::size_t {
#define UNSPIN_FEATURE_ENUM(e, name) e,
  UNSPIN_DISCOVERY_FEATURES(UNSPIN_FEATURE_ENUM)
#undef UNSPIN_FEATURE_ENUM
};

inline constexpr std::size_t kFeatureCount = 0
// NOLINTNEXTLINE(bugprone-macro-parentheses): a term of a sum, by design
#define UNSPIN_FEATURE_COUNT(e, name) +1
    UNSPIN_DISCOVERY_FEATURES(UNSPIN_FEATURE_COUNT)
#undef UNSPIN_FEATURE_COUNT
    ;

/// Feature names in order ("gain", "established", ...).
inline constexpr std::array<std::string_view, kFeatureCount> kFeatureNames = {
#define UNSPIN_FEATURE_NAME(e, name) name,
    UNSPIN_DISCOVERY_FEATURES(UNSPIN_FEATURE_NAME)
#undef UNSPIN_FEATURE_NAME
};

/// A candidate's feature values, indexed by Feature.
struct FeatureVector {
  std::array<double, kFeatureCount> values{};
  double& operator[](Feature f) { return values[static_cast<std::size_t>(f)]; }
  double operator[](Feature f) const {
    return values[static_cast<std::size_t>(f)];
  }
};

class Window;
struct Candidate;

/// The features of candidate `c` of window `w` (candidates.hpp).
FeatureVector compute_features(Window& w, const Candidate& c);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_FEATURES_HPP_
