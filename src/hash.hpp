// unspin: the one hash of the project: 64-bit FNV-1a, used for word ids,
// discovery keys, cache seals and the benches' deterministic splits.
#ifndef UNSPIN_SRC_HASH_HPP_
#define UNSPIN_SRC_HASH_HPP_

#include <cstdint>
#include <string>
#include <string_view>

namespace unspin::detail {

inline constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;
inline constexpr std::uint64_t kFnvPrime = 1099511628211ull;

/// 64-bit FNV-1a of `s`, continuing from `h` (kFnvOffset to start).
/// Deterministic across platforms and runs; not for adversarial keys.
constexpr std::uint64_t fnv1a64(std::string_view s,
                                std::uint64_t h = kFnvOffset) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return h;
}

/// `v` as 16 lowercase hexadecimal digits (seals and checksums in data files).
inline std::string hex64(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4)
    out[static_cast<std::size_t>(i)] = kDigits[v & 15];
  return out;
}

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_HASH_HPP_
