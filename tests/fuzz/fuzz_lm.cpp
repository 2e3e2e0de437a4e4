// unspin fuzz target: loading an arbitrary language model (ARPA text, or the
// compact "UNSPINLM" format of src/lm_format.hpp) and looking n-grams up.
// A compact input gets its checksum recomputed first, so the fuzzer reaches
// the array and index checks behind it instead of stopping at the checksum.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_common.hpp"
#include "lm.hpp"
#include "lm_format.hpp"

namespace {

using unspin::DataSource;
using unspin::detail::LanguageModel;
using unspin_fuzz::check;

template <typename T>
bool read_at(const std::string& s, std::size_t at, T& v) {
  if (at > s.size() || s.size() - at < sizeof v) return false;
  std::memcpy(&v, s.data() + at, sizeof v);
  return true;
}

/// Rewrites the checksum of a compact LM whose header sizes fit the input
/// (offsets of the header fields: lm_format.hpp).
void fix_checksum(std::string& s) {
  namespace f = unspin::detail::lm_format;
  std::uint32_t nu = 0, nb = 0, nt = 0, blob = 0;
  if (s.compare(0, f::kMagic.size(), f::kMagic) != 0 || !read_at(s, 12, nu) ||
      !read_at(s, 16, nb) || !read_at(s, 20, nt) || !read_at(s, 24, blob))
    return;
  static_assert(f::kHeaderSize == 36,
                "the header layout changed: update the offsets");
  const std::uint64_t bk = f::kHeaderSize + blob + 4ull * nu;
  const std::uint64_t tk = bk + 12ull * nb;
  if (tk + 10ull * nt != s.size()) return;
  std::uint64_t sum = 0, k = 0;
  for (std::uint64_t i = 0; i < nb; ++i) sum += (read_at(s, bk + 8 * i, k), k);
  for (std::uint64_t i = 0; i < nt; ++i)
    sum = sum * 31 + (read_at(s, tk + 8 * i, k), k);
  std::memcpy(&s[28], &sum, sizeof sum);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  fix_checksum(input);
  auto lm = LanguageModel::load(DataSource::from_text("fuzz.lm", input));
  if (!lm.ok()) {
    check(!lm.status().message().empty(), "an LM error has a message");
    return 0;
  }
  // Every lookup over the first ids (and unknown ones) stays in bounds and
  // gives a finite log probability.
  const std::uint32_t n =
      static_cast<std::uint32_t>(std::min<std::size_t>(lm->words(), 6));
  const std::uint32_t ids[] = {0, 1, 2, 3, 4, 5, LanguageModel::kUnknown};
  for (std::uint32_t a : ids) {
    if (a != LanguageModel::kUnknown && a >= n) continue;
    for (std::uint32_t b : ids) {
      if (b != LanguageModel::kUnknown && b >= n) continue;
      lm->has_bigram(a, b);
      for (std::uint32_t c : ids) {
        if (c != LanguageModel::kUnknown && c >= n) continue;
        check(std::isfinite(lm->logp(a, b, c)), "logp is finite");
      }
    }
  }
  lm->id("the");
  return 0;
}
