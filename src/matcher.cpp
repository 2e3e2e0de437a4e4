// unspin: matching: a word vocabulary and a word-level trie of compiled
// phrases, walked over the tokens of a text.
#include "matcher.hpp"

namespace unspin::detail {
namespace {

// FNV-1a with a final mix: fast on short words, good enough spread for
// power-of-two tables.
std::uint64_t hash_word(std::string_view w) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : w) {
    h ^= c;
    h *= 1099511628211ull;
  }
  h ^= h >> 29;
  return h;
}

bool is_plain_gap_byte(char c) {
  return c == ' ' || c == '-' || c == '\n' || c == '\r' || c == '\t' ||
         c == '\f' || c == '\v';
}

// Token normalization with the ASCII fast path inlined.
void normalize_token(std::string_view text, const Token& t, std::string& out) {
  std::string_view w = text.substr(t.begin, t.end - t.begin);
  if (t.ascii) {
    out.resize(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) {
      char c = w[i];
      out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
  } else {
    normalize_word(w, out);
  }
}

}  // namespace

WordId Vocabulary::intern(std::string_view word) {
  WordId id = find(word);
  if (id != kNoWord) return id;
  if ((words_.size() + 1) * 2 > slots_.size()) grow();
  id = static_cast<WordId>(words_.size());
  words_.emplace_back(word);
  std::uint64_t h = hash_word(word);
  hashes_.push_back(h);
  std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = id + 1;
  return id;
}

WordId Vocabulary::find(std::string_view word) const {
  if (slots_.empty()) return kNoWord;
  std::uint64_t h = hash_word(word);
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    std::uint32_t s = slots_[i];
    if (s == 0) return kNoWord;
    if (hashes_[s - 1] == h && words_[s - 1] == word) return s - 1;
  }
}

void Vocabulary::grow() {
  std::size_t n = slots_.empty() ? 1024 : slots_.size() * 2;
  slots_.assign(n, 0);
  std::size_t mask = n - 1;
  for (std::size_t id = 0; id < words_.size(); ++id) {
    std::size_t i = hashes_[id] & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = static_cast<std::uint32_t>(id + 1);
  }
}

PhraseTrie::PhraseTrie() {
  infos_.emplace_back();  // root
  gap_ids_.emplace("", 0);
}

bool PhraseTrie::compile(std::string_view phrase, CompiledPhrase& out) {
  out.words.clear();
  out.gaps.clear();
  std::vector<Token> tokens;
  tokenize(phrase, tokens);
  if (tokens.empty()) return false;
  std::string word;
  std::string gap;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    normalize_token(phrase, tokens[i], word);
    out.words.push_back(vocab_.intern(word));
    if (i == 0) {
      out.gaps.push_back(0);
      continue;
    }
    normalize_gap(phrase.substr(tokens[i - 1].end,
                                tokens[i].begin - tokens[i - 1].end),
                  gap);
    auto it = gap_ids_.find(gap);
    if (it == gap_ids_.end()) {
      if (gap_ids_.size() >= 255) return false;
      it = gap_ids_.emplace(gap, static_cast<std::uint16_t>(gap_ids_.size()))
               .first;
    }
    out.gaps.push_back(it->second);
  }
  return true;
}

std::int32_t PhraseTrie::child(std::int32_t node, std::uint16_t gap,
                               WordId word) const {
  if (node == 0) {
    return word < root_children_.size() ? root_children_[word] : -1;
  }
  std::uint64_t key = (static_cast<std::uint64_t>(node) << 32) |
                      (static_cast<std::uint64_t>(gap) << 24) | word;
  auto it = children_.find(key);
  return it == children_.end() ? -1 : it->second;
}

std::int32_t PhraseTrie::insert(const CompiledPhrase& phrase) {
  std::int32_t node = 0;
  for (std::size_t i = 0; i < phrase.words.size(); ++i) {
    WordId w = phrase.words[i];
    std::int32_t next = child(node, phrase.gaps[i], w);
    if (next >= 0) {
      node = next;
      continue;
    }
    next = static_cast<std::int32_t>(infos_.size());
    infos_.emplace_back();
    if (node == 0) {
      if (root_children_.size() <= w) root_children_.resize(w + 1, -1);
      root_children_[w] = next;
    } else {
      std::uint64_t key = (static_cast<std::uint64_t>(node) << 32) |
                          (static_cast<std::uint64_t>(phrase.gaps[i]) << 24) |
                          w;
      children_.emplace(key, next);
    }
    node = next;
  }
  return node;
}

std::uint16_t PhraseTrie::gap_id(std::string_view text, const Token& prev,
                                 const Token& next, std::string& buffer) const {
  std::string_view gap = text.substr(prev.end, next.begin - prev.end);
  bool plain = true;
  for (char c : gap) {
    if (!is_plain_gap_byte(c)) {
      plain = false;
      break;
    }
  }
  if (plain) return 0;
  normalize_gap(gap, buffer);
  auto it = gap_ids_.find(buffer);
  return it == gap_ids_.end() ? 0xFFFF : it->second;
}

void PhraseTrie::find_hits(std::string_view text, Scratch& scratch,
                           std::vector<Hit>& hits) const {
  std::vector<Token>& tokens = scratch.tokens;
  std::vector<WordId>& ids = scratch.ids;
  tokens.clear();
  tokenize(text, tokens);
  ids.resize(tokens.size());
  std::string& word = scratch.buffer;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    normalize_token(text, tokens[i], word);
    ids[i] = vocab_.find(word);
  }
  std::string gap_buffer;
  const std::size_t n = tokens.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (ids[i] == kNoWord) continue;
    std::int32_t node = child(0, 0, ids[i]);
    std::size_t j = i;
    while (node >= 0) {
      const NodeInfo& inf = infos_[node];
      if (!inf.variants.empty() || !inf.terms.empty() || inf.allow)
        hits.push_back({static_cast<std::uint32_t>(i),
                        static_cast<std::uint32_t>(j + 1), node});
      ++j;
      if (j >= n || ids[j] == kNoWord) break;
      std::uint16_t g = gap_id(text, tokens[j - 1], tokens[j], gap_buffer);
      if (g == 0xFFFF) break;
      node = child(node, g, ids[j]);
    }
  }
}

}  // namespace unspin::detail
