// unspin: the substitution graph for general-English spin discovery: which
// entries a spinner could have started from, and single words' inflections.
#ifndef UNSPIN_SRC_SYNONYM_GRAPH_HPP_
#define UNSPIN_SRC_SYNONYM_GRAPH_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "unspin/unspin.hpp"

namespace unspin::detail {

/// A read-only view of `size` consecutive T (pointer + size).
template <class T>
class ConstSpan {
 public:
  ConstSpan() = default;
  ConstSpan(const T* data, std::size_t size) : data_(data), size_(size) {}
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

/// The substitution graph of graph.bin (tools/build_graph.cpp, layout in
/// graph_format.hpp): a sorted vocabulary of lowercase entries (single words
/// and multiword entries joined by one space), for each entry the entries a
/// spinner could have replaced by it (its "originals", from Moby Thesaurus II
/// and MyThes), and an inflection table for single words.
///
/// The file is used in place (mapped read-only, or the bytes given to
/// from_bytes()); open() validates every count, offset and id first, so no
/// query can read out of bounds. Immutable after open(): all methods are
/// const and thread-safe, and a graph is cheap to move.
class SynonymGraph {
 public:
  /// Returned by find() for an absent entry.
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

  /// Which inflection of a lemma a form is.
  enum class Slot : std::uint8_t {
    kBase = 0,  ///< the lemma itself
    kS = 1,     ///< plural noun / 3rd person singular verb
    kEd = 2,    ///< past / past participle
    kIng = 3,   ///< present participle
    kEr = 4,    ///< comparative (and, from en_US's R flag, agent nouns)
    kEst = 5,   ///< superlative
  };

  /// Bits of Original::flags(): where the link comes from.
  enum EdgeFlag : std::uint8_t {
    kMobyFromOriginal = 1,  ///< Moby lists the entry under the original
    kMobyToOriginal = 2,    ///< Moby lists the original under the entry
    kMyThes = 4,            ///< MyThes links them (either way, any sense)
  };

  /// One original of an entry: a 4-byte record (id in the low 24 bits, the
  /// EdgeFlag bits in the high byte).
  struct Original {
    std::uint32_t packed;
    std::uint32_t id() const { return packed & 0xFFFFFFu; }
    std::uint8_t flags() const {
      return static_cast<std::uint8_t>(packed >> 24);
    }
  };

  /// One reading of a form: a lemma entry id and the slot (4 bytes packed).
  struct Inflection {
    std::uint32_t packed;
    std::uint32_t lemma() const { return packed & 0xFFFFFFu; }
    Slot slot() const { return static_cast<Slot>(packed >> 24); }
  };

  /// Maps the file at `path` read-only and validates it (magic, version,
  /// sizes, checksum, every offset and id). Errors: kIoError (cannot open or
  /// map), kParseError (not a graph file, another version, truncated,
  /// checksum mismatch, an offset or id out of range, a big-endian host);
  /// messages start with `path`.
  static Result<SynonymGraph> open(const std::string& path);
  /// As open(), on bytes held by the graph (tests). Errors: kParseError as
  /// for open(), messages start with "graph.bin".
  static Result<SynonymGraph> from_bytes(std::string bytes);

  SynonymGraph() = default;

  /// The number of entries; ids are 0 .. size() - 1, in sorted order.
  std::size_t size() const { return entries_; }
  /// Id of a lowercase entry ("stock market"), or kNone. O(1) expected.
  std::uint32_t find(std::string_view lowercase_entry) const;
  /// The entry with id `id` ("" when out of range).
  std::string_view entry(std::uint32_t id) const;
  /// The originals of entry `id`, sorted by id, without `id` itself (empty
  /// when out of range).
  ConstSpan<Original> originals(std::uint32_t id) const;
  /// The readings of a lowercase single word: (lemma, slot) pairs sorted by
  /// lemma id, then slot; a single-word entry reads as itself with kBase.
  /// Empty when the word is neither an entry nor a known form of one.
  ConstSpan<Inflection> lemma_of(std::string_view form) const;
  /// The preferred form of `lemma` in `slot` (kBase: the entry itself);
  /// empty when it has none (or `lemma` is out of range). The kEd slot
  /// holds past and past participle; the past comes first ("took").
  std::string_view form_of(std::uint32_t lemma, Slot slot) const;

 private:
  struct Storage;
  std::shared_ptr<const Storage> storage_;
  std::size_t entries_ = 0;
  std::size_t forms_ = 0;
  std::uint32_t entry_mask_ = 0, form_mask_ = 0;
  const std::uint32_t* entry_offsets_ = nullptr;
  const std::uint32_t* entry_hash_ = nullptr;
  const std::uint32_t* edge_offsets_ = nullptr;
  const Original* edges_ = nullptr;
  const std::uint32_t* form_offsets_ = nullptr;
  const std::uint32_t* form_hash_ = nullptr;
  const std::uint32_t* form_lemma_offsets_ = nullptr;
  const Inflection* form_lemma_rows_ = nullptr;
  const std::uint32_t* lemma_form_offsets_ = nullptr;
  const std::uint32_t* lemma_form_rows_ = nullptr;
  const char* entry_blob_ = nullptr;
  const char* form_blob_ = nullptr;

  static Result<SynonymGraph> validate(std::shared_ptr<const Storage> storage,
                                       const std::string& name);
  std::string_view form(std::uint32_t id) const;
};

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_SYNONYM_GRAPH_HPP_
