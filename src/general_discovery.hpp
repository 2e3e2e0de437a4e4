// unspin: general-English discovery: single-word synonym swaps of an article
// spinner ("stock market" -> "inventory market", "killed" -> "eliminated")
// found with the substitution graph (Moby + MyThes, synonym_graph.hpp) and
// word-pair counts of ordinary English (ngram_counts.hpp), then weighed
// with the evidence of the whole document (a spun document holds many
// swaps; a clean one a few look-alikes at most). See docs/discovery.md.
#ifndef UNSPIN_SRC_GENERAL_DISCOVERY_HPP_
#define UNSPIN_SRC_GENERAL_DISCOVERY_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ngram_counts.hpp"
#include "synonym_graph.hpp"
#include "text.hpp"
#include "unspin/unspin.hpp"

namespace unspin::detail {

/// X(Enumerator, "name"): the features of a spot (one word and its best
/// restoration), in the order of GeneralFeatures and of the calibration
/// file's "local_<name>" / "restore_<name>" rows.
///   freq_word, freq_cand: ln(1 + corpus count) of the word / the candidate
///   left_obs, right_obs: ln(1 + count of the pair the text makes with its
///     left / right neighbour); left_cand, right_cand: the same for the
///     candidate (0 without that neighbour)
///   gain: bigram log-probability of the candidate minus that of the word
///   has_left, has_right: 1 when the clause has that neighbour
///   stop_left, stop_right: 1 when that neighbour is a function word
///   capital: 1 for a capitalized word that does not start a sentence
///   moby_from, moby_to, mythes: the link's sources (graph edge flags)
///   inflected: 1 when the word is an inflected form (not a lemma)
///   cands: ln(1 + candidates tried)
#define UNSPIN_GENERAL_FEATURES(X) \
  X(kFreqWord, "freq_word")        \
  X(kFreqCand, "freq_cand")        \
  X(kLeftObs, "left_obs")          \
  X(kRightObs, "right_obs")        \
  X(kLeftCand, "left_cand")        \
  X(kRightCand, "right_cand")      \
  X(kGain, "gain")                 \
  X(kHasLeft, "has_left")          \
  X(kHasRight, "has_right")        \
  X(kStopLeft, "stop_left")        \
  X(kStopRight, "stop_right")      \
  X(kCapital, "capital")           \
  X(kMobyFrom, "moby_from")        \
  X(kMobyTo, "moby_to")            \
  X(kMyThes, "mythes")             \
  X(kInflected, "inflected")       \
  X(kCands, "cands")

enum class GeneralFeature : std::size_t {
#define UNSPIN_GENERAL_ENUM(e, name) e,
  UNSPIN_GENERAL_FEATURES(UNSPIN_GENERAL_ENUM)
#undef UNSPIN_GENERAL_ENUM
};

inline constexpr std::size_t kGeneralFeatureCount = 0
// NOLINTNEXTLINE(bugprone-macro-parentheses): a term of a sum, by design
#define UNSPIN_GENERAL_COUNT(e, name) +1
    UNSPIN_GENERAL_FEATURES(UNSPIN_GENERAL_COUNT)
#undef UNSPIN_GENERAL_COUNT
    ;

inline constexpr std::array<std::string_view, kGeneralFeatureCount>
    kGeneralFeatureNames = {
#define UNSPIN_GENERAL_NAME(e, name) name,
        UNSPIN_GENERAL_FEATURES(UNSPIN_GENERAL_NAME)
#undef UNSPIN_GENERAL_NAME
};

using GeneralFeatures = std::array<double, kGeneralFeatureCount>;

/// The features of a document that the document model weighs.
///   spot_share: spots with local P(spun) >= 0.5 per content word
///   strong_share: spots with local P(spun) >= 0.9 per content word
///   mean_p: mean local P(spun) over content words (0 for unspotted words)
#define UNSPIN_GENERAL_DOC_FEATURES(X) \
  X(kSpotShare, "spot_share")          \
  X(kStrongShare, "strong_share")      \
  X(kMeanP, "mean_p")

enum class GeneralDocFeature : std::size_t {
#define UNSPIN_GENERAL_ENUM(e, name) e,
  UNSPIN_GENERAL_DOC_FEATURES(UNSPIN_GENERAL_ENUM)
#undef UNSPIN_GENERAL_ENUM
};

inline constexpr std::size_t kGeneralDocFeatureCount = 0
// NOLINTNEXTLINE(bugprone-macro-parentheses): a term of a sum, by design
#define UNSPIN_GENERAL_COUNT(e, name) +1
    UNSPIN_GENERAL_DOC_FEATURES(UNSPIN_GENERAL_COUNT)
#undef UNSPIN_GENERAL_COUNT
    ;

inline constexpr std::array<std::string_view, kGeneralDocFeatureCount>
    kGeneralDocFeatureNames = {
#define UNSPIN_GENERAL_NAME(e, name) name,
        UNSPIN_GENERAL_DOC_FEATURES(UNSPIN_GENERAL_NAME)
#undef UNSPIN_GENERAL_NAME
};

using GeneralDocFeatures = std::array<double, kGeneralDocFeatureCount>;

/// The weights of general discovery, read from a calibration file
/// (dictionaries/general/calibration.tsv: "name<TAB>value" rows, '#'
/// comments), fitted by bench/general_fit.cpp on the spinner simulator's
/// fit split:
///   local_bias, local_<feature>: the spot's own logit (P(spun) alone);
///   doc_bias, doc_<feature>: the document's logit (P(document is spun));
///   final_bias, final_local, final_doc, final_both: P(spun) of a spot
///     given its local logit, the document's logit and local * P(document);
///   restore_bias, restore_local, restore_doc, restore_margin: P(spun and
///     the suggestion restores the original).
struct GeneralCalibration {
  double local_bias = 0;
  GeneralFeatures local{};
  double doc_bias = 0;
  GeneralDocFeatures doc{};
  double final_bias = 0, final_local = 0, final_doc = 0, final_both = 0;
  double restore_bias = 0, restore_local = 0, restore_doc = 0,
         restore_margin = 0;

  /// Parses the file; kParseError naming NAME:LINE for a malformed row or
  /// an unknown name, or NAME for a missing one.
  static Result<GeneralCalibration> parse(std::string_view text,
                                          const std::string& name);
  /// The file text for these weights (what parse() reads back).
  std::string to_text() const;

  double local_logit(const GeneralFeatures& f) const;
  double doc_logit(const GeneralDocFeatures& f) const;
};

/// What general discovery reads: the counts, the graph and the weights.
struct GeneralData {
  NgramCounts counts;
  SynonymGraph graph;
  GeneralCalibration calibration;
};

/// One word of a document that may be a spinner's swap, with its best
/// restoration.
struct GeneralSpot {
  std::size_t word = 0;            ///< index among the document's words
  std::size_t begin = 0, end = 0;  ///< bytes of the word
  std::string word_key;            ///< normalized
  std::string original;            ///< the restoration, inflected, lowercase
  std::string original_lemma;      ///< its lemma entry
  GeneralFeatures features{};
  double local = 0;   ///< local logit
  double margin = 0;  ///< gain of the best candidate over the second best
  bool sentence_start = false;
};

/// The document-level summary of general discovery.
struct GeneralDocument {
  std::size_t content_words = 0;
  GeneralDocFeatures features{};
  double logit = 0;  ///< doc_logit(features)
  double p_spun = 0;
};

/// Spots every word of `window` in its own zone ([own_begin, own_end)),
/// appending to `spots`, and counts its content words.
void general_spots(const GeneralData& data, std::string_view text,
                   const TokenWindow& window, std::vector<GeneralSpot>& spots,
                   std::size_t* content_words);

/// The document summary from all its spots.
GeneralDocument general_document(const GeneralData& data,
                                 const std::vector<GeneralSpot>& spots,
                                 std::size_t content_words);

/// P(spun) and P(spun and restored) of a spot in its document; 0 in a
/// document whose P(spun) is below 0.5.
double general_p_spun(const GeneralCalibration& cal, const GeneralSpot& s,
                      const GeneralDocument& doc);
double general_p_restores(const GeneralCalibration& cal, const GeneralSpot& s,
                          const GeneralDocument& doc);

/// Loads general discovery's data: `counts_path` (.ngc), `graph_path`
/// (graph.bin), the calibration file.
Result<GeneralData> load_general_data(const std::string& counts_path,
                                      const std::string& graph_path,
                                      const DataSource& calibration);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_GENERAL_DISCOVERY_HPP_
