// unspin: discovery's candidate generators: for each place in a window of
// words, the restorations the established-term, LM and spinner paths propose.
#ifndef UNSPIN_SRC_CANDIDATES_HPP_
#define UNSPIN_SRC_CANDIDATES_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "discovery_data.hpp"
#include "features.hpp"
#include "text.hpp"

namespace unspin::detail {

/// A window of text as discovery reads it: its tokens' normalized words,
/// their hashes, clauses and content-word flags, and LM ids looked up on
/// first use. Per call scratch, never shared between threads.
class Window {
 public:
  /// `keys`: the tokens' normalized words (normalize_word), or nullptr to
  /// normalize them here.
  Window(const DiscoveryData& data, std::string_view text,
         const std::vector<Token>& tokens,
         const std::vector<std::string>* keys);

  const DiscoveryData& data;
  const LanguageModel& lm;
  std::string_view text;
  const std::vector<Token>& tokens;
  std::size_t size() const { return tokens.size(); }
  const std::string& word(std::size_t i) const { return (*words_)[i]; }
  std::uint64_t hash(std::size_t i) const { return hashes_[i]; }
  /// First word of the clause of word i: words joined only by whitespace or
  /// hyphens share a clause.
  std::size_t clause(std::size_t i) const { return seg_[i]; }
  /// A content word (content_word()).
  bool content(std::size_t i) const { return content_[i] != 0; }
  /// Spinner score of word i (0 when the spinner path is off).
  double spin(std::size_t i) const { return spin_[i]; }
  /// LM id of word i (looked up once).
  std::uint32_t id(std::size_t i);
  /// LM log10 prob of words [s, s + n) replaced by `cand` (ids), in context:
  /// two words of history and one word after, within the clause.
  double context_score(std::size_t s, std::size_t n,
                       const std::vector<std::uint32_t>& cand);

 private:
  std::vector<std::string> own_words_;
  const std::vector<std::string>* words_;
  std::vector<std::uint64_t> hashes_;
  std::vector<std::uint32_t> ids_;
  std::vector<std::size_t> seg_;
  std::vector<char> content_;
  std::vector<double> spin_;
};

/// One substitution a candidate makes: the text's word (as compared) and
/// the substitution it takes.
struct Change {
  std::string from;
  const Substitution* sub = nullptr;
};

/// A candidate restoration of words [s, s + n) of a window.
struct Candidate {
  std::size_t s = 0, n = 0;
  std::vector<std::string> words;  ///< the suggestion's words (inflected)
  std::string lemma;               ///< the restored original, lemma words
  std::vector<Change> changes;
  double gain = 0;           ///< LM gain (log10) over the text, in context
  double observed = 0;       ///< LM log10 prob of the text's words, per word
  bool established = false;  ///< the lemma is an established term
  bool table_sub = false, thesaurus_sub = false;  ///< origins of the changes
  bool unattested = false;    ///< a word pair of the text is not an LM bigram
  double spinner = 0;         ///< highest spinner score (spinner path)
  std::uint32_t taught = 0;   ///< most table entries teaching a change
  bool from_spinner = false;  ///< made by the spinner path
  bool hedged = false;        ///< no attested restoration: a best guess
  FeatureVector features;     ///< set by compute_features()
  double score = 0;           ///< calibrated P(spun)
  double rscore = 0;          ///< calibrated P(spun and restores)
};

/// Appends every candidate of the window to `out`: for each content word j
/// in order, those of the spans ending at j from the established-term path,
/// then the spinner path, then the LM path.
void find_candidates(Window& w, std::vector<Candidate>& out);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_CANDIDATES_HPP_
