// unspin: matching: a word vocabulary and a word-level trie of compiled
// phrases, walked over the tokens of a text (whole words, longest first).
#ifndef UNSPIN_SRC_MATCHER_HPP_
#define UNSPIN_SRC_MATCHER_HPP_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text.hpp"

namespace unspin::detail {

using WordId = std::uint32_t;
inline constexpr WordId kNoWord = 0xFFFFFFFFu;

/// Normalized words known to any compiled phrase, with an open-addressing
/// hash table so the scan does one probe per token. Immutable after build.
class Vocabulary {
 public:
  /// Adds `word` (already normalized) if new; returns its id.
  WordId intern(std::string_view word);
  /// Id of `word`, or kNoWord.
  WordId find(std::string_view word) const;
  std::size_t size() const { return words_.size(); }
  const std::string& word(WordId id) const { return words_[id]; }

 private:
  void grow();
  std::vector<std::string> words_;
  std::vector<std::uint64_t> hashes_;
  std::vector<std::uint32_t> slots_;  // 0 = empty, else id + 1
};

/// A phrase as the matcher sees it: words and the normalized punctuation
/// of the gap before each word (gap id 0 = only spaces/hyphens).
struct CompiledPhrase {
  std::vector<WordId> words;
  std::vector<std::uint16_t> gaps;  // gaps[0] is unused (0)
};

/// A match of the trie: the words [first, last) of the text (indices count
/// every word from the start), their bytes [begin, end), and the word
/// before them (for a/an), if any.
struct Hit {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t prev_begin = 0;
  std::size_t prev_end = 0;
  bool has_prev = false;
  std::int32_t node = 0;
  /// Its words are HitSet::span_tokens[span, span + last - first).
  std::size_t span = 0;
  /// An entry whose canonical (an established term) contains this match;
  /// `strictly`: the term is longer than the match (it has words before
  /// or after it), not just a form of the same words.
  struct Container {
    std::uint32_t entry = 0;
    bool strictly = false;
  };
  std::vector<Container> contained_by;
};

/// What a scan of a text finds in the trie, kept small: the matches of
/// phrase variants (in order of start, then length), and for everything
/// else only what the scoring needs.
struct HitSet {
  std::vector<Hit> variants;
  std::vector<char> term_present;  ///< by term id
  /// Word ranges of the terms used by near= clauses, by term id.
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> near;
  /// Byte ranges of allowlisted phrases (unsorted, may overlap).
  std::vector<std::pair<std::size_t, std::size_t>> allowed;
  /// Byte ranges of switched-off phrases (NodeInfo::blocks_discovery).
  std::vector<std::pair<std::size_t, std::size_t>> blocked;
  /// The words of the variant matches (Hit::span), each word once: what a
  /// finding needs of its span (case, line breaks) after the windows are
  /// gone. Grows with the matches, not with the text.
  std::vector<Token> span_tokens;
  /// One past the index (among the text's words) of span_tokens.back().
  std::size_t spans_end = 0;
};

/// Open-addressing map from 64-bit keys to trie nodes (transitions below the
/// root). Immutable after build; one or two probes per lookup.
class TransitionMap {
 public:
  void insert(std::uint64_t key, std::int32_t value);
  std::int32_t find(std::uint64_t key) const;  ///< -1 when absent

 private:
  void grow();
  std::vector<std::uint64_t> keys_;  // 0 = empty (keys are never 0)
  std::vector<std::int32_t> values_;
  std::size_t size_ = 0;
};

/// What ends at a trie node.
struct NodeInfo {
  std::vector<std::uint32_t> variants;  ///< compiled phrase variants
  std::vector<std::uint32_t> terms;     ///< context terms
  bool allow = false;                   ///< an allowlisted phrase
  /// A phrase a table switched off ("!spun"): never discovered either.
  bool blocks_discovery = false;
  /// Entries whose canonical side (or an inflected form of it) ends here.
  std::vector<std::uint32_t> established_by;
};

/// Word-level trie over compiled phrases; immutable after build, so
/// find_hits() is const and thread-safe.
class PhraseTrie {
 public:
  PhraseTrie();
  /// Tokenizes and normalizes `phrase` (interning its words). Returns false
  /// when the phrase has no word or too many distinct gap kinds.
  bool compile(std::string_view phrase, CompiledPhrase& out);
  /// Node for a compiled phrase, created as needed.
  std::int32_t insert(const CompiledPhrase& phrase);
  NodeInfo& info(std::int32_t node) { return infos_[node]; }
  const NodeInfo& info(std::int32_t node) const { return infos_[node]; }
  const Vocabulary& vocabulary() const { return vocab_; }
  std::size_t node_count() const { return infos_.size(); }
  /// Words in the longest phrase inserted.
  std::size_t max_words() const { return max_words_; }

  /// Per-scan state: the text's words not yet walked from (and the one
  /// before them), with their word ids.
  struct Scratch {
    std::vector<Token> tokens;
    std::vector<WordId> ids;
    std::string gap_buffer;
    std::size_t base = 0;  ///< index among the text's words of tokens[0]
    std::size_t next = 0;  ///< next start of a walk (index into tokens)
    /// Established terms that may still contain a later match.
    struct Established {
      std::size_t first, last;
      std::int32_t node;
    };
    std::deque<Established> recent;
  };

  /// Starts a scan: clears `out` and `scratch`.
  void begin_hits(Scratch& scratch, HitSet& out) const;
  /// Adds the matches that start in the words of `window` (the windows of
  /// one WindowReader, in order, after begin_hits()) to `out`: every
  /// variant match (all lengths, all start positions; in order of start,
  /// then length), the context terms present, near-term positions and
  /// allowlisted and switched-off ranges. A walk from the last max_words()
  /// words of a window waits for the next one. Uses the window's keys:
  /// nothing is tokenized again. Returns the number of the text's words
  /// read so far.
  std::size_t add_hits(std::string_view text, const TokenWindow& window,
                       Scratch& scratch, HitSet& out) const;

  /// begin_hits() and add_hits() over the windows of a WindowReader(text,
  /// window); returns the number of words in the text.
  std::size_t find_hits(std::string_view text, Scratch& scratch, HitSet& out,
                        std::size_t window = std::size_t{1} << 20) const;

  /// Declares the number of context terms and which are used by near=.
  void set_terms(std::uint32_t count, std::vector<char> near_term) {
    term_count_ = count;
    near_term_ = std::move(near_term);
    near_term_.resize(count, 0);
  }

 private:
  std::uint16_t gap_id(std::string_view text, const Token& prev,
                       const Token& next, std::string& buffer) const;
  std::int32_t child(std::int32_t node, std::uint16_t gap, WordId word) const;

  Vocabulary vocab_;
  std::unordered_map<std::string, std::uint16_t> gap_ids_;
  std::vector<std::int32_t> root_children_;  // by word id
  TransitionMap children_;
  std::uint32_t term_count_ = 0;
  std::vector<char> near_term_;
  std::size_t max_words_ = 1;  // longest phrase, in words
  std::vector<NodeInfo> infos_;
};

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_MATCHER_HPP_
