// unspin: matching: a word vocabulary and a word-level trie of compiled
// phrases, walked over the tokens of a text.
#include "matcher.hpp"

#include <algorithm>

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
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
         c == '\v';
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

void TransitionMap::insert(std::uint64_t key, std::int32_t value) {
  if ((size_ + 1) * 2 > keys_.size()) grow();
  std::size_t mask = keys_.size() - 1;
  std::size_t i = (key * 0x9E3779B97F4A7C15ull) >> 20 & mask;
  while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & mask;
  if (keys_[i] == 0) ++size_;
  keys_[i] = key;
  values_[i] = value;
}

std::int32_t TransitionMap::find(std::uint64_t key) const {
  if (keys_.empty()) return -1;
  std::size_t mask = keys_.size() - 1;
  for (std::size_t i = (key * 0x9E3779B97F4A7C15ull) >> 20 & mask;;
       i = (i + 1) & mask) {
    if (keys_[i] == key) return values_[i];
    if (keys_[i] == 0) return -1;
  }
}

void TransitionMap::grow() {
  std::vector<std::uint64_t> old_keys = std::move(keys_);
  std::vector<std::int32_t> old_values = std::move(values_);
  std::size_t n = old_keys.empty() ? 1024 : old_keys.size() * 2;
  keys_.assign(n, 0);
  values_.assign(n, -1);
  size_ = 0;
  for (std::size_t i = 0; i < old_keys.size(); ++i)
    if (old_keys[i] != 0) insert(old_keys[i], old_values[i]);
}

PhraseTrie::PhraseTrie() {
  infos_.emplace_back();  // root
  gap_ids_.emplace("", 0);
}

bool PhraseTrie::compile(std::string_view phrase, CompiledPhrase& out) {
  out.words.clear();
  out.gaps.clear();
  thread_local std::vector<Token> tokens;
  tokens.clear();
  tokenize(phrase, tokens);
  if (tokens.empty()) return false;
  out.words.reserve(tokens.size());
  out.gaps.reserve(tokens.size());
  std::string word;
  std::string gap;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    normalize_word(
        phrase.substr(tokens[i].begin, tokens[i].end - tokens[i].begin), word);
    out.words.push_back(vocab_.intern(word));
    if (i == 0) {
      out.gaps.push_back(0);
      continue;
    }
    normalize_gap(
        phrase.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end),
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
  return children_.find(key);
}

std::int32_t PhraseTrie::insert(const CompiledPhrase& phrase) {
  std::int32_t node = 0;
  max_words_ = std::max(max_words_, phrase.words.size());
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
      children_.insert(key, next);
    }
    node = next;
  }
  return node;
}

std::uint16_t PhraseTrie::gap_id(std::string_view text, const Token& prev,
                                 const Token& next, std::string& buffer) const {
  std::string_view gap = text.substr(prev.end, next.begin - prev.end);
  // Fast path: whitespace, and hyphens not preceded by whitespace.
  bool plain = true;
  bool space = false;
  for (char c : gap) {
    if (c == '-') {
      if (space) {
        plain = false;
        break;
      }
    } else if (is_plain_gap_byte(c)) {
      space = true;
    } else {
      plain = false;
      break;
    }
  }
  if (plain) return 0;
  normalize_gap(gap, buffer);
  auto it = gap_ids_.find(buffer);
  return it == gap_ids_.end() ? 0xFFFF : it->second;
}

void PhraseTrie::begin_hits(Scratch& scratch, HitSet& out) const {
  out.variants.clear();
  out.term_present.assign(term_count_, 0);
  out.near.clear();
  out.allowed.clear();
  out.blocked.clear();
  out.span_tokens.clear();
  out.spans_end = 0;
  scratch.tokens.clear();
  scratch.ids.clear();
  scratch.base = 0;
  scratch.next = 0;
  scratch.recent.clear();
}

std::size_t PhraseTrie::add_hits(std::string_view text,
                                 const TokenWindow& window, Scratch& scratch,
                                 HitSet& out) const {
  std::vector<Token>& tokens = scratch.tokens;
  std::vector<WordId>& ids = scratch.ids;
  std::deque<Scratch::Established>& recent = scratch.recent;
  const std::size_t base = scratch.base;  // global index of tokens[0]
  // The window's words not read before, with their ids.
  tokens.insert(
      tokens.end(),
      window.tokens.begin() + static_cast<std::ptrdiff_t>(window.fresh),
      window.tokens.end());
  ids.reserve(tokens.size());
  for (std::size_t i = window.fresh; i < window.tokens.size(); ++i)
    ids.push_back(vocab_.find(window.key(i)));
  const bool final = window.last;
  const std::size_t n = tokens.size();
  // A walk from i may read up to max_words_ tokens: only start where they
  // are all present, unless this is the end of the text.
  std::size_t limit = final ? n : (n > max_words_ ? n - max_words_ : 0);
  for (std::size_t i = scratch.next; i < limit; ++i) {
    if (ids[i] == kNoWord) continue;
    const std::size_t walk_begin = out.variants.size();
    std::int32_t node = child(0, 0, ids[i]);
    std::size_t j = i;
    while (node >= 0) {
      const NodeInfo& inf = infos_[node];
      const std::size_t first = base + i;
      const std::size_t last = base + j + 1;
      if (!inf.variants.empty()) {
        Hit h;
        h.first = first;
        h.last = last;
        h.begin = tokens[i].begin;
        h.end = tokens[j].end;
        if (i > 0) {
          h.has_prev = true;
          h.prev_begin = tokens[i - 1].begin;
          h.prev_end = tokens[i - 1].end;
        }
        h.node = node;
        // Its words, stored once: words from `first` on that an earlier
        // match stored are shared (matches come in order of start).
        if (out.spans_end <= first) out.spans_end = first;
        h.span = out.span_tokens.size() - (out.spans_end - first);
        for (std::size_t g = out.spans_end; g < last; ++g)
          out.span_tokens.push_back(tokens[g - base]);
        out.spans_end = std::max(out.spans_end, last);
        out.variants.push_back(std::move(h));
      }
      for (std::uint32_t t : inf.terms) {
        out.term_present[t] = 1;
        if (near_term_[t]) {
          if (out.near.empty()) out.near.resize(term_count_);
          out.near[t].emplace_back(first, last);
        }
      }
      if (inf.allow) out.allowed.emplace_back(tokens[i].begin, tokens[j].end);
      if (inf.blocks_discovery)
        out.blocked.emplace_back(tokens[i].begin, tokens[j].end);
      if (!inf.established_by.empty()) recent.push_back({first, last, node});
      ++j;
      if (j >= n || ids[j] == kNoWord) break;
      std::uint16_t g =
          gap_id(text, tokens[j - 1], tokens[j], scratch.gap_buffer);
      if (g == 0xFFFF) break;
      node = child(node, g, ids[j]);
    }
    while (!recent.empty() && recent.front().first + max_words_ < base + i)
      recent.pop_front();
    for (std::size_t k = walk_begin; k < out.variants.size(); ++k) {
      Hit& h = out.variants[k];
      for (const Scratch::Established& e : recent)
        if (e.first <= h.first && e.last >= h.last)
          for (std::uint32_t by : infos_[e.node].established_by)
            h.contained_by.push_back(
                {by, e.first < h.first || e.last > h.last});
    }
  }
  scratch.next = std::max(scratch.next, limit);
  if (final) return base + n;
  // Drop what no later walk needs; keep one word before `next` for a/an.
  std::size_t drop = scratch.next > 0 ? scratch.next - 1 : 0;
  tokens.erase(tokens.begin(),
               tokens.begin() + static_cast<std::ptrdiff_t>(drop));
  ids.erase(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(drop));
  scratch.base += drop;
  scratch.next -= drop;
  return scratch.base + tokens.size();
}

std::size_t PhraseTrie::find_hits(std::string_view text, Scratch& scratch,
                                  HitSet& out, std::size_t window) const {
  begin_hits(scratch, out);
  WindowReader reader(text, window);
  TokenWindow w;
  std::size_t words = 0;
  while (reader.next(w)) words = add_hits(text, w, scratch, out);
  return words;
}

}  // namespace unspin::detail
