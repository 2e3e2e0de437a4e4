// unspin: NgramCounts (ngram_counts.hpp).
#include "ngram_counts.hpp"

#include <algorithm>

namespace unspin::detail {
namespace {

/// splitmix64's finalizer: spreads FNV-1a's bits over the whole word.
std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

std::uint32_t fingerprint(std::uint64_t mixed) {
  return static_cast<std::uint32_t>(mixed >> 32) | 1u;
}

std::uint64_t load64(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = v << 8 | p[i];
  return v;
}

std::uint32_t load32(const unsigned char* p) {
  return static_cast<std::uint32_t>(load64(p) & 0xffffffffu);
}

void put64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

/// A word-at-a-time checksum of the slots (a few ms for the shipped file).
std::uint64_t checksum(const unsigned char* p, std::size_t words) {
  std::uint64_t h = kFnvOffset;
  for (std::size_t i = 0; i < words; ++i)
    h = (h ^ load64(p + 8 * i)) * kFnvPrime;
  return h;
}

/// The checksum of the slots with the header's counts folded in.
std::uint64_t seal(std::uint64_t h, std::uint32_t log2, std::uint32_t entries,
                   std::uint32_t reserved, std::uint64_t total_words) {
  for (std::uint64_t v : {std::uint64_t{log2}, std::uint64_t{entries},
                          std::uint64_t{reserved}, total_words})
    h = (h ^ v) * kFnvPrime;
  return h;
}

Status bad(const std::string& name, const std::string& why) {
  return Status(ErrorCode::kParseError,
                name + ": not an unspin n-gram file (" + why + ")");
}

}  // namespace

std::string NgramCounts::build(
    const std::vector<std::pair<std::string, std::uint32_t>>& counts,
    std::uint64_t total_words) {
  std::uint32_t log2 = 4;
  while ((std::uint64_t{1} << log2) * 4 < counts.size() * 5) ++log2;
  const std::uint64_t mask = (std::uint64_t{1} << log2) - 1;
  std::vector<std::uint64_t> slots(mask + 1, 0);
  std::uint32_t entries = 0;
  for (const auto& [key, c] : counts) {
    if (c == 0) continue;
    const std::uint64_t m = mix(fnv1a64(key));
    const std::uint64_t fp = fingerprint(m);
    for (std::uint64_t i = m & mask;; i = (i + 1) & mask) {
      if (slots[i] == 0) {
        slots[i] = fp << 32 | c;
        ++entries;
        break;
      }
      if (slots[i] >> 32 == fp) {
        if ((slots[i] & 0xffffffffu) < c) slots[i] = fp << 32 | c;
        break;
      }
    }
  }
  std::string out(kMagic);
  put32(out, kVersion);
  put32(out, log2);
  put32(out, entries);
  put32(out, 0);
  put64(out, total_words);
  std::string body;
  body.reserve(slots.size() * 8);
  for (std::uint64_t s : slots) put64(body, s);
  put64(out, seal(checksum(reinterpret_cast<const unsigned char*>(body.data()),
                           slots.size()),
                  log2, entries, 0, total_words));
  out += body;
  return out;
}

Result<NgramCounts> NgramCounts::open(const std::string& path) {
  auto f = MappedFile::open(path);
  if (!f.ok()) return f.status();
  return parse(std::move(*f), path);
}

Result<NgramCounts> NgramCounts::from_bytes(std::string bytes,
                                            const std::string& name) {
  return parse(MappedFile::from_bytes(std::move(bytes)), name);
}

Result<NgramCounts> NgramCounts::parse(MappedFile file,
                                       const std::string& name) {
  const std::string_view b = file.bytes();
  if (b.size() < kHeaderSize || b.substr(0, kMagic.size()) != kMagic)
    return bad(name, "no UNSPINNG header");
  const auto* p = reinterpret_cast<const unsigned char*>(b.data());
  if (load32(p + 8) != kVersion)
    return bad(name, "version " + std::to_string(load32(p + 8)) +
                         ", this build reads " + std::to_string(kVersion));
  const std::uint32_t log2 = load32(p + 12);
  if (log2 < 1 || log2 > 32) return bad(name, "slot count out of range");
  const std::uint64_t slots = std::uint64_t{1} << log2;
  if (b.size() != kHeaderSize + slots * 8)
    return bad(name, "size " + std::to_string(b.size()) + " bytes, expected " +
                         std::to_string(kHeaderSize + slots * 8));
  if (seal(checksum(p + kHeaderSize, slots), log2, load32(p + 16),
           load32(p + 20), load64(p + 24)) != load64(p + 32))
    return bad(name, "checksum mismatch: the file is damaged");
  NgramCounts n;
  n.entries_ = load32(p + 16);
  n.total_words_ = load64(p + 24);
  n.mask_ = slots - 1;
  n.file_ = std::move(file);
  return n;
}

std::uint32_t NgramCounts::count(std::uint64_t key_hash) const {
  return probe(mix(key_hash));
}

void NgramCounts::count_many(const std::uint64_t* key_hashes, std::size_t n,
                             std::uint32_t* out) const {
  if (mask_ == 0) {
    std::fill(out, out + n, 0u);
    return;
  }
  const char* slots = file_.bytes().data() + kHeaderSize;
  constexpr std::size_t kBatch = 16;
  std::uint64_t mixed[kBatch];
  for (std::size_t at = 0; at < n; at += kBatch) {
    const std::size_t k = std::min(kBatch, n - at);
    for (std::size_t j = 0; j < k; ++j) {
      mixed[j] = mix(key_hashes[at + j]);
      __builtin_prefetch(slots + 8 * (mixed[j] & mask_));
    }
    for (std::size_t j = 0; j < k; ++j) out[at + j] = probe(mixed[j]);
  }
}

std::uint32_t NgramCounts::probe(std::uint64_t m) const {
  if (mask_ == 0) return 0;
  const auto* slots =
      reinterpret_cast<const unsigned char*>(file_.bytes().data()) +
      kHeaderSize;
  const std::uint64_t fp = fingerprint(m);
  // At most mask_ + 1 probes: a damaged file full of slots ends too.
  for (std::uint64_t i = m & mask_, n = 0; n <= mask_;
       i = (i + 1) & mask_, ++n) {
    const std::uint64_t s = load64(slots + 8 * i);
    if (s == 0) return 0;
    if (s >> 32 == fp) return static_cast<std::uint32_t>(s & 0xffffffffu);
  }
  return 0;
}

}  // namespace unspin::detail
