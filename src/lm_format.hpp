// unspin: the compact language-model file (.lmc): one definition of its
// layout, used by the loader (src/lm.cpp) and the generator
// (tools/build_lm.cpp).
#ifndef UNSPIN_SRC_LM_FORMAT_HPP_
#define UNSPIN_SRC_LM_FORMAT_HPP_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace unspin::detail::lm_format {

// File layout (host byte order, no padding):
//   magic "UNSPINLM"                       8 bytes
//   header: version, words, bigrams,       5 x uint32
//           trigrams, word-blob bytes
//           checksum                       uint64 (checksum() below)
//   word blob: words in id order, each NUL-terminated
//   then the arrays of Tables, in the order for_each_array() visits them.
// N-gram keys pack word ids of kIdBits bits (a bigram a b is a << 17 | b, a
// trigram a << 34 | b << 17 | c), sorted ascending, so a lookup is an exact
// binary search. Probabilities and back-offs are log10 values times 1000.

inline constexpr std::string_view kMagic = "UNSPINLM";
inline constexpr std::uint32_t kVersion = 1;
inline constexpr int kIdBits = 17;
inline constexpr std::uint64_t kIdMask = (std::uint64_t{1} << kIdBits) - 1;
/// Bytes before the word blob: magic, five uint32 and the uint64 checksum.
inline constexpr std::size_t kHeaderSize = 8 + 5 * 4 + 8;

/// The counts of the header.
struct Header {
  std::uint32_t version = kVersion;
  std::uint32_t words = 0;
  std::uint32_t bigrams = 0;
  std::uint32_t trigrams = 0;
  std::uint32_t blob_bytes = 0;
  std::uint64_t checksum = 0;
};

/// The model's arrays, as stored and as held in memory.
struct Tables {
  std::string blob;  ///< words in id order, each followed by '\0'
  std::vector<std::int16_t> unigram_logp, unigram_backoff;  ///< by word id
  std::vector<std::uint64_t> bigram_keys;                   ///< sorted
  std::vector<std::int16_t> bigram_logp, bigram_backoff;
  std::vector<std::uint64_t> trigram_keys;  ///< sorted
  std::vector<std::int16_t> trigram_logp;
};

/// Calls f(array, count) for each array after the word blob, in file order.
template <class T, class F>
void for_each_array(T& t, const Header& h, F&& f) {
  f(t.unigram_logp, h.words);
  f(t.unigram_backoff, h.words);
  f(t.bigram_keys, h.bigrams);
  f(t.bigram_logp, h.bigrams);
  f(t.bigram_backoff, h.bigrams);
  f(t.trigram_keys, h.trigrams);
  f(t.trigram_logp, h.trigrams);
}

/// A log10 value as stored: times 1000, rounded, clamped to +-32000.
inline std::int16_t quantize(double log10p) {
  const double q = std::round(log10p * 1000.0);
  return static_cast<std::int16_t>(std::max(-32000.0, std::min(32000.0, q)));
}

inline std::uint64_t bigram_key(std::uint64_t a, std::uint64_t b) {
  return (a << kIdBits) | b;
}
inline std::uint64_t trigram_key(std::uint64_t a, std::uint64_t b,
                                 std::uint64_t c) {
  return (a << (2 * kIdBits)) | (b << kIdBits) | c;
}

/// Cheap check of the keys: catches truncation and swapped files.
inline std::uint64_t checksum(const std::vector<std::uint64_t>& bigram_keys,
                              const std::vector<std::uint64_t>& trigram_keys) {
  std::uint64_t sum = 0;
  for (auto k : bigram_keys) sum += k;
  for (auto k : trigram_keys) sum = sum * 31 + k;
  return sum;
}

/// The header `t` needs (counts and checksum).
inline Header header_of(const Tables& t) {
  Header h;
  h.words = static_cast<std::uint32_t>(t.unigram_logp.size());
  h.bigrams = static_cast<std::uint32_t>(t.bigram_keys.size());
  h.trigrams = static_cast<std::uint32_t>(t.trigram_keys.size());
  h.blob_bytes = static_cast<std::uint32_t>(t.blob.size());
  h.checksum = checksum(t.bigram_keys, t.trigram_keys);
  return h;
}

/// The file's bytes for `t`.
inline std::string encode(const Tables& t) {
  const Header h = header_of(t);
  std::string out(kMagic);
  auto put = [&out](const auto& v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  };
  put(h.version), put(h.words), put(h.bigrams), put(h.trigrams),
      put(h.blob_bytes);
  put(h.checksum);
  out += t.blob;
  for_each_array(t, h, [&out](const auto& v, std::uint32_t) {
    out.append(
        reinterpret_cast<const char*>(v.data()),
        v.size() * sizeof(typename std::decay_t<decltype(v)>::value_type));
  });
  return out;
}

/// Why decode() failed.
enum class DecodeError { kNone, kVersion, kHeader, kSize, kChecksum };

/// Reads the bytes of a file that starts with kMagic into `t`. Checks the
/// version, that the sizes match the header and the checksum; the order and
/// range of the keys are the loader's to check.
inline DecodeError decode(std::string_view in, Tables& t) {
  auto take = [&in](auto& v) {
    if (in.size() < sizeof v) return false;
    std::memcpy(&v, in.data(), sizeof v);
    in.remove_prefix(sizeof v);
    return true;
  };
  Header h;
  in.remove_prefix(std::min(in.size(), kMagic.size()));
  if (!take(h.version) || h.version != kVersion) return DecodeError::kVersion;
  if (!take(h.words) || !take(h.bigrams) || !take(h.trigrams) ||
      !take(h.blob_bytes) || !take(h.checksum) || in.size() < h.blob_bytes)
    return DecodeError::kHeader;
  t.blob.assign(in.data(), h.blob_bytes);
  in.remove_prefix(h.blob_bytes);
  bool ok = true;
  for_each_array(t, h, [&](auto& v, std::uint32_t n) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    if (!ok || in.size() / sizeof(T) < n) {
      ok = false;
      return;
    }
    v.resize(n);
    if (n > 0)
      std::memcpy(v.data(), in.data(), n * sizeof(T));  // data() may be null
    in.remove_prefix(n * sizeof(T));
  });
  if (!ok || !in.empty()) return DecodeError::kSize;
  if (checksum(t.bigram_keys, t.trigram_keys) != h.checksum)
    return DecodeError::kChecksum;
  return DecodeError::kNone;
}

}  // namespace unspin::detail::lm_format

#endif  // UNSPIN_SRC_LM_FORMAT_HPP_
