// unspin: discovery's word classes and phrase keys (see discovery_words.hpp).
#include "discovery_words.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "text.hpp"

namespace unspin::detail {

bool is_stopword(std::string_view w) {
  static const std::unordered_set<std::string_view> kStop = {
      "a",     "an",    "the",   "and",   "or",    "but",    "nor",   "of",
      "in",    "on",    "at",    "to",    "for",   "from",   "by",    "with",
      "as",    "is",    "are",   "was",   "were",  "be",     "been",  "being",
      "it",    "its",   "this",  "that",  "these", "those",  "he",    "she",
      "they",  "we",    "you",   "i",     "his",   "her",    "their", "our",
      "your",  "my",    "not",   "no",    "so",    "if",     "then",  "than",
      "there", "here",  "has",   "have",  "had",   "do",     "does",  "did",
      "can",   "could", "will",  "would", "shall", "should", "may",   "might",
      "must",  "which", "who",   "whom",  "what",  "when",   "where", "why",
      "how",   "all",   "any",   "each",  "some",  "such",   "into",  "onto",
      "over",  "under", "up",    "down",  "out",   "about",  "also",  "only",
      "very",  "more",  "most",  "other", "one",   "s",      "t",     "new",
      "use",   "used",  "using", "get",   "set",   "see",    "via",   "per"};
  return w.size() < 3 || kStop.count(w) > 0;
}

bool same_stem(std::string_view a, std::string_view b) {
  std::size_t p = 0;
  while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
  const std::size_t shorter = std::min(a.size(), b.size());
  return p >= 4 && p + 2 >= shorter;
}

std::string naive_singular(std::string_view w) {
  if (w.size() < 4 || w.back() != 's' || w[w.size() - 2] == 's' ||
      w[w.size() - 2] == 'u' || w[w.size() - 2] == 'i')
    return {};
  if (w.size() > 4 && w.substr(w.size() - 3) == "ies")
    return std::string(w.substr(0, w.size() - 3)) + "y";
  if (w.size() > 4 &&
      (w.substr(w.size() - 4) == "ches" || w.substr(w.size() - 4) == "shes" ||
       w.substr(w.size() - 3) == "xes"))
    return std::string(w.substr(0, w.size() - 2));
  return std::string(w.substr(0, w.size() - 1));
}

std::string naive_plural(const std::string& w) {
  if (w.empty()) return w;
  auto ends = [&](const char* s) {
    const std::size_t n = std::strlen(s);
    return w.size() >= n && w.compare(w.size() - n, n, s) == 0;
  };
  if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh"))
    return w + "es";
  if (w.size() > 1 && w.back() == 'y' &&
      std::string_view("aeiou").find(w[w.size() - 2]) == std::string::npos)
    return w.substr(0, w.size() - 1) + "ies";
  return w + "s";
}

std::vector<std::string> phrase_words(std::string_view phrase) {
  auto paren = phrase.find('(');
  if (paren != std::string_view::npos) phrase = phrase.substr(0, paren);
  std::vector<Token> toks;
  tokenize(phrase, toks);
  std::vector<std::string> words;
  std::string w;
  for (const auto& t : toks) {
    normalize_word(phrase.substr(t.begin, t.end - t.begin), w);
    words.push_back(w);
  }
  return words;
}

}  // namespace unspin::detail
