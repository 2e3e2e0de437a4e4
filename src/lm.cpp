// unspin: language-model loading (compact file or ARPA text) and back-off
// scoring (see lm.hpp).
#include "lm.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "table.hpp"
#include "text.hpp"

namespace unspin::detail {
namespace {

using lm_format::kIdBits;
using lm_format::kIdMask;

Status parse_error(const std::string& name, std::size_t line,
                   const std::string& msg) {
  return Status(ErrorCode::kParseError,
                name + ":" + std::to_string(line) + ": " + msg);
}

/// Position of `key` in keys[begin, end), or -1.
std::ptrdiff_t find_key(const std::vector<std::uint64_t>& keys,
                        std::uint32_t begin, std::uint32_t end,
                        std::uint64_t key) {
  auto first = keys.begin() + begin, last = keys.begin() + end;
  auto it = std::lower_bound(first, last, key);
  return it != last && *it == key ? it - keys.begin() : -1;
}

}  // namespace

/// Fills a LanguageModel's private arrays (friend).
struct LmBuilder {
  static Result<LanguageModel> compact(const std::string& data,
                                       const std::string& name) {
    LanguageModel lm;
    switch (lm_format::decode(data, lm.t_)) {
      case lm_format::DecodeError::kNone:
        break;
      case lm_format::DecodeError::kVersion:
        return parse_error(name, 0, "unsupported compact LM version");
      case lm_format::DecodeError::kHeader:
        return parse_error(name, 0, "truncated compact LM header");
      case lm_format::DecodeError::kSize:
        return parse_error(name, 0,
                           "compact LM size does not match its header");
      case lm_format::DecodeError::kChecksum:
        return parse_error(name, 0, "compact LM checksum mismatch");
    }
    if (!lm.index())
      return parse_error(name, 0,
                         "compact LM n-grams are unsorted or out of range");
    if (!lm.index_words())
      return parse_error(name, 0, "compact LM word list is truncated");
    return lm;
  }

  static Result<LanguageModel> arpa(const std::string& text,
                                    const std::string& name) {
    LanguageModel lm;
    auto& t = lm.t_;
    std::unordered_map<std::string, std::uint32_t> ids;
    std::vector<std::pair<std::uint64_t, std::pair<std::int16_t, std::int16_t>>>
        bi;
    std::vector<std::pair<std::uint64_t, std::int16_t>> tri;
    std::istringstream in(text);
    std::string line;
    std::size_t line_no = 0;
    int order = -1;
    while (std::getline(in, line)) {
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      if (line[0] == '\\') {
        order = (line.size() > 1 && line[1] >= '1' && line[1] <= '3')
                    ? line[1] - '0'
                    : 0;
        continue;
      }
      if (order <= 0) continue;
      std::istringstream f(line);
      double p = 0, b = 0;
      std::vector<std::string> w(static_cast<std::size_t>(order));
      if (!(f >> p)) return parse_error(name, line_no, "expected a log10 prob");
      for (auto& x : w)
        if (!(f >> x)) return parse_error(name, line_no, "missing word");
      f >> b;
      if (order == 1) {
        ids.emplace(w[0], static_cast<std::uint32_t>(t.unigram_logp.size()));
        t.blob += w[0] + '\0';
        t.unigram_logp.push_back(lm_format::quantize(p));
        t.unigram_backoff.push_back(lm_format::quantize(b));
        continue;
      }
      std::uint64_t key = 0;
      for (const auto& x : w) {
        auto it = ids.find(x);
        if (it == ids.end())
          return parse_error(name, line_no,
                             "word '" + printable(x) + "' has no unigram");
        if (it->second > kIdMask)
          return parse_error(name, line_no,
                             "more words than the model's 17-bit ids hold");
        key = (key << kIdBits) | it->second;
      }
      if (order == 2)
        bi.push_back({key, {lm_format::quantize(p), lm_format::quantize(b)}});
      else
        tri.push_back({key, lm_format::quantize(p)});
    }
    if (t.unigram_logp.empty())
      return parse_error(name, line_no, "no \\1-grams");
    std::sort(bi.begin(), bi.end());
    std::sort(tri.begin(), tri.end());
    for (auto& [k, v] : bi) {
      t.bigram_keys.push_back(k);
      t.bigram_logp.push_back(v.first);
      t.bigram_backoff.push_back(v.second);
    }
    for (auto& [k, v] : tri) {
      t.trigram_keys.push_back(k);
      t.trigram_logp.push_back(v);
    }
    if (!lm.index())  // sorted, ids checked above: cannot fail
      return parse_error(name, line_no, "n-grams out of range");
    lm.index_words();
    return lm;
  }
};

Result<LanguageModel> LanguageModel::load(const DataSource& source) {
  if (!source.in_memory) {
    // One read of a known size (the compact LM is ~40 MB).
    std::ifstream in(source.path, std::ios::binary | std::ios::ate);
    if (in) {
      std::string data(static_cast<std::size_t>(in.tellg()), '\0');
      in.seekg(0);
      in.read(data.data(), static_cast<std::streamsize>(data.size()));
      if (in &&
          data.compare(0, lm_format::kMagic.size(), lm_format::kMagic) == 0)
        return LmBuilder::compact(data, source_name(source));
    }
  }
  auto text = read_source(source);
  if (!text.ok()) return text.status();
  const std::string name = source_name(source);
  if (text->compare(0, lm_format::kMagic.size(), lm_format::kMagic) == 0)
    return LmBuilder::compact(*text, name);
  return LmBuilder::arpa(*text, name);
}

bool LanguageModel::index() {
  const std::size_t n = words();
  auto build = [n](const std::vector<std::uint64_t>& keys, int shift,
                   std::vector<std::uint32_t>& start) {
    if (keys.size() >= 0xFFFFFFFFu) return false;
    start.assign(n + 1, 0);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (i > 0 && keys[i] < keys[i - 1]) return false;
      const std::uint64_t first = keys[i] >> shift;
      if (first >= n) return false;
      ++start[first + 1];
    }
    for (std::size_t w = 0; w < n; ++w) start[w + 1] += start[w];
    return true;
  };
  return build(t_.bigram_keys, kIdBits, bstart_) &&
         build(t_.trigram_keys, 2 * kIdBits, tstart_);
}

LanguageModel& LanguageModel::operator=(LanguageModel&& other) noexcept {
  if (this == &other) return *this;
  const char* old_blob = other.t_.blob.data();
  t_ = std::move(other.t_);
  bstart_ = std::move(other.bstart_);
  tstart_ = std::move(other.tstart_);
  ids_ = std::move(other.ids_);
  other.ids_.clear();
  // A heap blob keeps its buffer, so the views stay valid; a short blob
  // lives in the string's own buffer and moved: index it again.
  if (!ids_.empty() && t_.blob.data() != old_blob) {
    ids_.clear();
    index_words();
  }
  return *this;
}

bool LanguageModel::index_words() {
  const std::size_t n = words();
  ids_.clear();
  ids_.reserve(n);
  std::size_t pos = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::size_t z = t_.blob.find('\0', pos);
    if (z == std::string::npos) return false;
    ids_.emplace(std::string_view(t_.blob).substr(pos, z - pos), i);
    pos = z + 1;
  }
  return true;
}

std::uint32_t LanguageModel::id(std::string_view word) const {
  auto it = ids_.find(word);
  return it == ids_.end() ? kUnknown : it->second;
}

double LanguageModel::unigram(std::uint32_t w) const {
  return w == kUnknown ? kUnknownLogProb : t_.unigram_logp[w] / 1000.0;
}

bool LanguageModel::has_bigram(std::uint32_t a, std::uint32_t b) const {
  if (a >= words() || b == kUnknown) return false;
  return find_key(t_.bigram_keys, bstart_[a], bstart_[a + 1],
                  lm_format::bigram_key(a, b)) >= 0;
}

double LanguageModel::logp(std::uint32_t a, std::uint32_t b,
                           std::uint32_t c) const {
  if (c == kUnknown) return kUnknownLogProb;
  if (b >= words()) return unigram(c);
  double backoff3 = 0;
  if (a < words()) {
    const auto t = find_key(t_.trigram_keys, tstart_[a], tstart_[a + 1],
                            lm_format::trigram_key(a, b, c));
    if (t >= 0) return t_.trigram_logp[t] / 1000.0;
    const auto ab = find_key(t_.bigram_keys, bstart_[a], bstart_[a + 1],
                             lm_format::bigram_key(a, b));
    if (ab >= 0) backoff3 = t_.bigram_backoff[ab] / 1000.0;
  }
  const auto it = find_key(t_.bigram_keys, bstart_[b], bstart_[b + 1],
                           lm_format::bigram_key(b, c));
  if (it >= 0) return backoff3 + t_.bigram_logp[it] / 1000.0;
  return backoff3 + t_.unigram_backoff[b] / 1000.0 + unigram(c);
}

}  // namespace unspin::detail
