// unspin benches: small helpers shared by the bench programs (the split hash
// of the shared training list, whole-file reads, ASCII lowercase).
#ifndef UNSPIN_BENCH_BENCH_COMMON_HPP_
#define UNSPIN_BENCH_BENCH_COMMON_HPP_

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace unspin_bench {

/// FNV-1a, 64 bit: the deterministic split (bucket = fnv(spun) % 5) and the
/// template choice of the discovery and verdict benches.
inline std::uint64_t fnv(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

/// The whole file ("" when unreadable).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

/// One of five ordinary science sentences, chosen by `key` (the spun
/// phrase, so a spun phrase and its canonical get the same one), around
/// `phrase`, which starts at byte *at.
inline std::string fill_template(const std::string& phrase,
                                 const std::string& key,
                                 std::size_t* at = nullptr) {
  static const char* const kTemplates[] = {
      "In this paper we apply {} to the problem of image classification.",
      "Recent work on {} has shown promising results in several studies.",
      "The proposed method relies on {} and was evaluated on two datasets.",
      "We describe how {} is used in practice and discuss its limits.",
      "Table 2 compares {} with the baseline approaches reported earlier.",
  };
  const std::string t = kTemplates[fnv(key) % 5];
  const std::size_t pos = t.find("{}");
  if (at) *at = pos;
  return t.substr(0, pos) + phrase + t.substr(pos + 2);
}

}  // namespace unspin_bench

#endif  // UNSPIN_BENCH_BENCH_COMMON_HPP_
