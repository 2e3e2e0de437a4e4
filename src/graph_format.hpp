// unspin: the substitution-graph file (graph.bin): one definition of its
// layout, used by the reader (src/synonym_graph.cpp) and the builder.
#ifndef UNSPIN_SRC_GRAPH_FORMAT_HPP_
#define UNSPIN_SRC_GRAPH_FORMAT_HPP_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hash.hpp"

namespace unspin::detail::graph_format {

// File layout, every integer little-endian, no padding inside the header:
//   magic "UNSPINGR"                                        8 bytes
//   version, entries, entry_blob_bytes, entry_slots,        10 x uint32
//   edges, forms, form_blob_bytes, form_slots,
//   form_lemmas, lemma_forms
//   payload_bytes, checksum (of the payload, checksum())    2 x uint64
// then the payload, uint32 arrays first (so each is 4-byte aligned when the
// file is), in this order:
//   entry_offsets[entries + 1]    byte offset of entry i in the entry blob
//   entry_hash[entry_slots]       open addressing (linear probing) on
//                                 fnv1a64(entry): entry id or kEmpty
//   edge_offsets[entries + 1]     originals of entry i: edges[off[i], off[i+1])
//   edges[edges]                  id | flags << 24, sorted by id
//   form_offsets[forms + 1]       byte offset of form i in the form blob
//   form_hash[form_slots]         as entry_hash, over the forms
//   form_lemma_offsets[forms + 1] readings of form i: form_lemma_rows[...]
//   form_lemma_rows[form_lemmas]  lemma entry id | slot << 24
//   lemma_form_offsets[entries + 1]
//   lemma_form_rows[lemma_forms]  form id | slot << 24, by slot, preferred
//                                 form first
//   entry blob (entries sorted bytewise, no separators), form blob (forms
//   sorted), zero bytes up to a multiple of 4.
// Entries are lowercase, a multiword entry's words joined by one space.

inline constexpr std::string_view kMagic = "UNSPINGR";
inline constexpr std::uint32_t kVersion = 1;
inline constexpr std::size_t kHeaderSize = 8 + 10 * 4 + 2 * 8;
/// Ids are 24 bits: the high byte of an edge or a row holds flags or slot.
inline constexpr std::uint32_t kIdBits = 24;
inline constexpr std::uint32_t kIdMask = (1u << kIdBits) - 1;
inline constexpr std::uint32_t kMaxIds = kIdMask;     // kIdMask itself unused
inline constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;  ///< empty hash slot
/// The slots: base, s, ed, ing, er, est (see SynonymGraph::Slot).
inline constexpr std::uint32_t kSlots = 6;
/// Edge flags: bits 0-2 (EdgeFlag in synonym_graph.hpp).
inline constexpr std::uint32_t kFlagMask = 7;

/// The header's counts.
struct Header {
  std::uint32_t version = kVersion;
  std::uint32_t entries = 0;
  std::uint32_t entry_blob_bytes = 0;
  std::uint32_t entry_slots = 0;
  std::uint32_t edges = 0;
  std::uint32_t forms = 0;
  std::uint32_t form_blob_bytes = 0;
  std::uint32_t form_slots = 0;
  std::uint32_t form_lemmas = 0;
  std::uint32_t lemma_forms = 0;
  std::uint64_t payload_bytes = 0;
  std::uint64_t checksum = 0;
};

/// `n` rounded up to a multiple of 4.
constexpr std::uint64_t pad4(std::uint64_t n) { return (n + 3) & ~3ull; }

/// The number of uint32 values before the blobs (computed in 64 bits: a
/// corrupt header cannot overflow it).
constexpr std::uint64_t array_words(const Header& h) {
  return (std::uint64_t{h.entries} + 1) * 3 + h.entry_slots + h.edges +
         (std::uint64_t{h.forms} + 1) * 2 + h.form_slots + h.form_lemmas +
         h.lemma_forms;
}

/// The payload size the counts of `h` call for.
constexpr std::uint64_t payload_size(const Header& h) {
  return array_words(h) * 4 +
         pad4(std::uint64_t{h.entry_blob_bytes} + h.form_blob_bytes);
}

/// The number of hash slots for `n` keys: a power of two, at least 2n, so
/// probes stay short and at least one slot is empty.
inline std::uint32_t slots_for(std::uint32_t n) {
  std::uint32_t s = 4;
  while (s < 2 * static_cast<std::uint64_t>(n)) s *= 2;
  return s;
}

/// Checksum of the payload: FNV-1a-style mixing of 8-byte little-endian
/// words (fast enough to run on every open), then the tail bytes.
inline std::uint64_t checksum(const unsigned char* p, std::size_t n) {
  std::uint64_t h = kFnvOffset;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w = 0;
    for (int b = 7; b >= 0; --b) w = (w << 8) | p[i + static_cast<unsigned>(b)];
    h = (h ^ w) * kFnvPrime;
    h ^= h >> 32;
  }
  for (; i < n; ++i) h = (h ^ p[i]) * kFnvPrime;
  return h;
}

}  // namespace unspin::detail::graph_format

#endif  // UNSPIN_SRC_GRAPH_FORMAT_HPP_
