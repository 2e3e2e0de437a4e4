// unspin: counts of words and word pairs in ordinary English (general-English
// discovery's evidence of what real writing says), used in place from a
// mapped file (no parse at start-up).
//
// File layout (.ngc, little-endian, no padding):
//   magic "UNSPINNG"   8 bytes
//   version            uint32 (kVersion)
//   slots_log2         uint32 (the table has 2^slots_log2 slots)
//   entries            uint32 (occupied slots)
//   reserved           uint32 (0)
//   total_words        uint64 (words counted in the corpus)
//   checksum           uint64 (checksum() of the slots)
//   slots              uint64[2^slots_log2]: 0 = empty, else
//                      fingerprint << 32 | count
// A key is the FNV-1a 64 of a normalized word ("market") or of two joined by
// one space ("stock market"); mix() of it picks the first slot (linear
// probing) and gives the 32-bit fingerprint (never 0). A lookup reads one or
// two cache lines.
#ifndef UNSPIN_SRC_NGRAM_COUNTS_HPP_
#define UNSPIN_SRC_NGRAM_COUNTS_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hash.hpp"
#include "mapped_file.hpp"
#include "unspin/unspin.hpp"

namespace unspin::detail {

class NgramCounts {
 public:
  static constexpr std::string_view kMagic = "UNSPINNG";
  static constexpr std::uint32_t kVersion = 1;
  static constexpr std::size_t kHeaderSize = 8 + 4 * 4 + 8 + 8;

  NgramCounts() = default;
  /// Maps a .ngc file; kIoError when unreadable, kParseError naming the file
  /// when it is not one (magic, version, size or checksum wrong).
  static Result<NgramCounts> open(const std::string& path);
  /// The same from bytes in memory (`name` for messages).
  static Result<NgramCounts> from_bytes(std::string bytes,
                                        const std::string& name);

  /// The file image for (key, count) pairs (keys as described above; a key
  /// given twice keeps the larger count), counted over `total_words`.
  static std::string build(
      const std::vector<std::pair<std::string, std::uint32_t>>& counts,
      std::uint64_t total_words);

  /// Count of the key whose FNV-1a 64 is `key_hash` (0 when absent).
  std::uint32_t count(std::uint64_t key_hash) const;
  /// count() of `n` keys into `out`, with the slots of a batch prefetched
  /// before they are probed, so that the cache misses of a batch overlap.
  void count_many(const std::uint64_t* key_hashes, std::size_t n,
                  std::uint32_t* out) const;
  std::uint32_t word(std::string_view w) const { return count(fnv1a64(w)); }
  std::uint32_t pair(std::string_view a, std::string_view b) const {
    return count(pair_hash(fnv1a64(a), b));
  }
  /// FNV-1a 64 of "a b" from the hash of "a".
  static std::uint64_t pair_hash(std::uint64_t a_hash, std::string_view b) {
    return fnv1a64(b, fnv1a64(" ", a_hash));
  }
  std::uint64_t total_words() const { return total_words_; }
  std::size_t entries() const { return entries_; }
  bool empty() const { return mask_ == 0; }

 private:
  static Result<NgramCounts> parse(MappedFile file, const std::string& name);
  /// count() of a key whose mixed hash is `m`.
  std::uint32_t probe(std::uint64_t m) const;

  MappedFile file_;         // the slots start kHeaderSize bytes in
  std::uint64_t mask_ = 0;  // slots - 1; 0 when empty
  std::size_t entries_ = 0;
  std::uint64_t total_words_ = 0;
};

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_NGRAM_COUNTS_HPP_
