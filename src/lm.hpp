// unspin: the back-off trigram language model discovery scores with: loaded
// from the compact file (src/lm_format.hpp) or from ARPA text.
#ifndef UNSPIN_SRC_LM_HPP_
#define UNSPIN_SRC_LM_HPP_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lm_format.hpp"
#include "unspin/unspin.hpp"

namespace unspin::detail {

/// A back-off trigram language model with log10 probabilities quantized to
/// 1/1000 (layout in lm_format.hpp; ids < 2^17). Immutable after load; all
/// methods are const and thread-safe.
class LanguageModel {
 public:
  static constexpr std::uint32_t kUnknown = 0xFFFFFFFFu;
  static constexpr double kUnknownLogProb = -7.5;

  /// Reads `source`: the compact format when it starts with "UNSPINLM",
  /// else ARPA text (tests, small models).
  /// Errors: kIoError (unreadable), kParseError (bad magic/version/size/
  /// checksum, unsorted or out-of-range n-grams, malformed ARPA line, with
  /// name:line).
  static Result<LanguageModel> load(const DataSource& source);

  LanguageModel() = default;
  /// Moves re-point the word index at the new blob: a short blob lives
  /// inside the std::string (small-string buffer) and moves with it.
  LanguageModel(LanguageModel&& other) noexcept { *this = std::move(other); }
  LanguageModel& operator=(LanguageModel&& other) noexcept;
  LanguageModel(const LanguageModel&) = delete;
  LanguageModel& operator=(const LanguageModel&) = delete;

  /// Id of a lowercase word, or kUnknown.
  std::uint32_t id(std::string_view word) const;
  /// log10 P(c | a b) with Katz back-off; a or b may be kUnknown (no
  /// history). An unknown c scores kUnknownLogProb.
  double logp(std::uint32_t a, std::uint32_t b, std::uint32_t c) const;
  /// True when the bigram (a, b) is listed in the model.
  bool has_bigram(std::uint32_t a, std::uint32_t b) const;
  /// log10 unigram probability (kUnknownLogProb for kUnknown).
  double unigram(std::uint32_t w) const;
  std::size_t words() const { return t_.unigram_logp.size(); }
  std::size_t bigrams() const { return t_.bigram_keys.size(); }
  std::size_t trigrams() const { return t_.trigram_keys.size(); }

 private:
  lm_format::Tables t_;
  std::unordered_map<std::string_view, std::uint32_t>
      ids_;  // views into t_.blob
  /// Where the bigrams (trigrams) of each first word start in the key
  /// arrays, words() + 1 entries: a lookup searches one word's few keys
  /// instead of all 2 million.
  std::vector<std::uint32_t> bstart_, tstart_;

  /// Fills bstart_/tstart_; false when keys are unsorted or name a word id
  /// out of range (a corrupt compact file, or ARPA with over 2^17 words).
  bool index();
  /// Fills ids_ from the blob; false when it holds fewer than words() words.
  bool index_words();
  friend struct LmBuilder;
};

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_LM_HPP_
