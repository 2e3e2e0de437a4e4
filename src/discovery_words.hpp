// unspin: the word classes and phrase keys the discovery modules share
// (content words, naive English plural/singular, table-side phrase words).
#ifndef UNSPIN_SRC_DISCOVERY_WORDS_HPP_
#define UNSPIN_SRC_DISCOVERY_WORDS_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hash.hpp"

namespace unspin::detail {

/// Longest phrase discovery considers, in words.
inline constexpr std::size_t kMaxDiscoveryWords = 4;

/// Function words and very short words: never substituted, never the edge
/// of a candidate span.
bool is_stopword(std::string_view w);

/// Lowercase ASCII letters and apostrophes only (the LM's plain words).
inline bool alpha_word(std::string_view w) {
  if (w.empty()) return false;
  for (unsigned char c : w)
    if (!((c >= 'a' && c <= 'z') || c == '\'')) return false;
  return true;
}

/// A word a candidate may start or end at, or a substitution may touch.
inline bool content_word(std::string_view w) {
  return alpha_word(w) && !is_stopword(w);
}

/// True for spelling or inflection variants ("times"/"time",
/// "organisation"/"organization"): a shared prefix of all but two letters
/// of the shorter word. Such pairs are not synonym swaps.
bool same_stem(std::string_view a, std::string_view b);

/// The singular of a plural-looking lowercase word by English spelling
/// rules ("" when it does not look plural). Guesses: callers check the
/// result against the LM. Not morphology.hpp's paradigms, which need
/// Hunspell and are not loaded with the discovery data.
std::string naive_singular(std::string_view w);
/// The plural of a lowercase noun by English spelling rules.
std::string naive_plural(const std::string& w);

/// Lowercase normalized words of a table side, parenthesized parts
/// ("artificial intelligence (AI)") cut.
std::vector<std::string> phrase_words(std::string_view phrase);

/// Hash of one normalized word.
inline std::uint64_t word_hash(std::string_view w) { return fnv1a64(w); }

/// Order-dependent key of a phrase from its words' hashes (never 0).
inline std::uint64_t phrase_key(const std::vector<std::uint64_t>& hashes) {
  std::uint64_t h = 0x1234567ull;
  for (auto w : hashes) {
    h ^= w + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
  }
  return h == 0 ? 1 : h;
}

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_DISCOVERY_WORDS_HPP_
