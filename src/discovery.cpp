// unspin: discovery of spun phrases no table holds (see discovery.hpp and
// docs/discovery.md): candidate originals, LM evidence, calibrated scores.
#include "discovery.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unordered_set>
#include <utility>

namespace unspin::detail {
namespace {

constexpr int kIdBits = 17;
constexpr std::uint64_t kIdMask = (std::uint64_t{1} << kIdBits) - 1;
constexpr std::size_t kMaxWords = 4;

Status parse_error(const std::string& name, std::size_t line,
                   const std::string& msg) {
  return Status(ErrorCode::kParseError,
                name + ":" + std::to_string(line) + ": " + msg);
}

std::uint64_t word_hash(std::string_view w) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : w) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::uint64_t mix(std::uint64_t h, std::uint64_t w) {
  h ^= w + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h *= 0xbf58476d1ce4e5b9ull;
  return h ^ (h >> 31);
}

std::uint64_t phrase_key(const std::vector<std::uint64_t>& hashes) {
  std::uint64_t h = 0x1234567ull;
  for (auto w : hashes) h = mix(h, w);
  return h == 0 ? 1 : h;
}

bool is_stopword(std::string_view w) {
  static const std::unordered_set<std::string_view> kStop = {
      "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at",
      "to", "for", "from", "by", "with", "as", "is", "are", "was", "were",
      "be", "been", "being", "it", "its", "this", "that", "these", "those",
      "he", "she", "they", "we", "you", "i", "his", "her", "their", "our",
      "your", "my", "not", "no", "so", "if", "then", "than", "there", "here",
      "has", "have", "had", "do", "does", "did", "can", "could", "will",
      "would", "shall", "should", "may", "might", "must", "which", "who",
      "whom", "what", "when", "where", "why", "how", "all", "any", "each",
      "some", "such", "into", "onto", "over", "under", "up", "down", "out",
      "about", "also", "only", "very", "more", "most", "other", "one", "s",
      "t", "new", "use", "used", "using", "get", "set", "see", "via", "per"};
  return w.size() < 3 || kStop.count(w) > 0;
}

bool alpha_word(std::string_view w) {
  if (w.empty()) return false;
  for (unsigned char c : w)
    if (!((c >= 'a' && c <= 'z') || c == '\'')) return false;
  return true;
}

/// True for spelling or inflection variants ("times"/"time",
/// "organisation"/"organization"): a shared prefix of all but two letters
/// of the shorter word. Such pairs are not synonym swaps.
bool same_stem(std::string_view a, std::string_view b) {
  std::size_t p = 0;
  while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
  const std::size_t shorter = std::min(a.size(), b.size());
  return p >= 4 && p + 2 >= shorter;
}

/// Possible singular forms of a plural-looking word ("" when none).
std::string singular(std::string_view w) {
  if (w.size() < 4 || w.back() != 's' || w[w.size() - 2] == 's' ||
      w[w.size() - 2] == 'u' || w[w.size() - 2] == 'i')
    return {};
  if (w.size() > 4 && w.substr(w.size() - 3) == "ies")
    return std::string(w.substr(0, w.size() - 3)) + "y";
  if (w.size() > 4 && (w.substr(w.size() - 4) == "ches" ||
                       w.substr(w.size() - 4) == "shes" ||
                       w.substr(w.size() - 3) == "xes"))
    return std::string(w.substr(0, w.size() - 2));
  return std::string(w.substr(0, w.size() - 1));
}

std::string plural(const std::string& w) {
  if (w.empty()) return w;
  auto ends = [&](const char* s) {
    std::size_t n = std::strlen(s);
    return w.size() >= n && w.compare(w.size() - n, n, s) == 0;
  };
  if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh"))
    return w + "es";
  if (w.size() > 1 && w.back() == 'y' &&
      std::string_view("aeiou").find(w[w.size() - 2]) == std::string::npos)
    return w.substr(0, w.size() - 1) + "ies";
  return w + "s";
}

/// Applies the case pattern of `model` (original text) to lowercase `w`.
std::string apply_case(std::string_view model, const std::string& w) {
  bool any_lower = false, first_upper = false;
  for (std::size_t i = 0; i < model.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(model[i]);
    if (c >= 'a' && c <= 'z') any_lower = true;
    if (i == 0 && c >= 'A' && c <= 'Z') first_upper = true;
  }
  std::string out = w;
  if (first_upper && !any_lower && model.size() > 1) {
    for (auto& c : out)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  } else if (first_upper && !out.empty() && out[0] >= 'a' && out[0] <= 'z') {
    out[0] = static_cast<char>(out[0] - 32);
  }
  return out;
}

/// Lowercase normalized words of a phrase (table side), "" parts dropped;
/// parenthesized parts ("artificial intelligence (AI)") are cut.
std::vector<std::string> phrase_words(std::string_view phrase) {
  auto paren = phrase.find('(');
  if (paren != std::string_view::npos) phrase = phrase.substr(0, paren);
  std::vector<Token> toks;
  tokenize(phrase, toks);
  std::vector<std::string> words;
  std::string w;
  for (const auto& t : toks) {
    normalize_word(phrase.substr(t.begin, t.end - t.begin), w);
    words.push_back(w);
  }
  return words;
}

template <class T>
bool take(std::string_view& in, T& v) {
  if (in.size() < sizeof v) return false;
  std::memcpy(&v, in.data(), sizeof v);
  in.remove_prefix(sizeof v);
  return true;
}
template <class T>
bool take_vec(std::string_view& in, std::vector<T>& v, std::size_t n) {
  if (in.size() / sizeof(T) < n) return false;
  v.resize(n);
  if (n > 0) std::memcpy(v.data(), in.data(), n * sizeof(T));  // data() may be null
  in.remove_prefix(n * sizeof(T));
  return true;
}

std::int16_t quantize(double p) {
  double q = std::round(p * 1000.0);
  return static_cast<std::int16_t>(std::max(-32000.0, std::min(32000.0, q)));
}

}  // namespace

/// Fills a LanguageModel's private arrays (friend).
struct LmBuilder {
  static Result<LanguageModel> binary(std::string data,
                                      const std::string& name) {
    LanguageModel lm;
    std::string_view in(data);
    std::uint32_t version = 0, nu = 0, nb = 0, nt = 0, blob = 0;
    std::uint64_t sum = 0;
    in.remove_prefix(8);
    if (!take(in, version) || version != 1)
      return parse_error(name, 0, "unsupported compact LM version");
    if (!take(in, nu) || !take(in, nb) || !take(in, nt) || !take(in, blob) ||
        !take(in, sum) || in.size() < blob)
      return parse_error(name, 0, "truncated compact LM header");
    lm.blob_.assign(in.data(), blob);
    in.remove_prefix(blob);
    if (!take_vec(in, lm.uni_p_, nu) || !take_vec(in, lm.uni_b_, nu) ||
        !take_vec(in, lm.bk_, nb) || !take_vec(in, lm.bp_, nb) ||
        !take_vec(in, lm.bb_, nb) || !take_vec(in, lm.tk_, nt) ||
        !take_vec(in, lm.tp_, nt) || !in.empty())
      return parse_error(name, 0, "compact LM size does not match its header");
    std::uint64_t check = 0;
    for (auto k : lm.bk_) check += k;
    for (auto k : lm.tk_) check = check * 31 + k;
    if (check != sum) return parse_error(name, 0, "compact LM checksum mismatch");
    if (!lm.index())
      return parse_error(name, 0, "compact LM n-grams are unsorted or out of range");
    lm.ids_.reserve(nu);
    std::size_t pos = 0;
    for (std::uint32_t i = 0; i < nu; ++i) {
      std::size_t z = lm.blob_.find('\0', pos);
      if (z == std::string::npos)
        return parse_error(name, 0, "compact LM word list is truncated");
      lm.ids_.emplace(std::string_view(lm.blob_).substr(pos, z - pos), i);
      pos = z + 1;
    }
    return lm;
  }

  static Result<LanguageModel> arpa(const std::string& text,
                                    const std::string& name) {
    LanguageModel lm;
    std::vector<std::string> words;
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
                    ? line[1] - '0' : 0;
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
        ids.emplace(w[0], static_cast<std::uint32_t>(words.size()));
        words.push_back(w[0]);
        lm.uni_p_.push_back(quantize(p));
        lm.uni_b_.push_back(quantize(b));
        continue;
      }
      std::uint64_t key = 0;
      for (const auto& x : w) {
        auto it = ids.find(x);
        if (it == ids.end())
          return parse_error(name, line_no, "word '" + printable(x) + "' has no unigram");
        if (it->second > kIdMask)
          return parse_error(name, line_no, "more words than the model's 17-bit ids hold");
        key = (key << kIdBits) | it->second;
      }
      if (order == 2)
        bi.push_back({key, {quantize(p), quantize(b)}});
      else
        tri.push_back({key, quantize(p)});
    }
    if (words.empty()) return parse_error(name, line_no, "no \\1-grams");
    std::sort(bi.begin(), bi.end());
    std::sort(tri.begin(), tri.end());
    for (auto& [k, v] : bi) {
      lm.bk_.push_back(k);
      lm.bp_.push_back(v.first);
      lm.bb_.push_back(v.second);
    }
    for (auto& [k, v] : tri) {
      lm.tk_.push_back(k);
      lm.tp_.push_back(v);
    }
    if (!lm.index())  // sorted, ids checked above: cannot fail
      return parse_error(name, line_no, "n-grams out of range");
    for (const auto& w : words) lm.blob_ += w + '\0';
    std::size_t pos = 0;
    for (std::uint32_t i = 0; i < words.size(); ++i) {
      std::size_t z = lm.blob_.find('\0', pos);
      lm.ids_.emplace(std::string_view(lm.blob_).substr(pos, z - pos), i);
      pos = z + 1;
    }
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
      if (in && data.compare(0, 8, "UNSPINLM") == 0)
        return LmBuilder::binary(std::move(data), source_name(source));
    }
  }
  auto text = read_source(source);
  if (!text.ok()) return text.status();
  const std::string name = source_name(source);
  if (text->compare(0, 8, "UNSPINLM") == 0)
    return LmBuilder::binary(std::move(*text), name);
  return LmBuilder::arpa(*text, name);
}

std::uint32_t LanguageModel::id(std::string_view word) const {
  auto it = ids_.find(word);
  return it == ids_.end() ? kUnknown : it->second;
}

double LanguageModel::unigram(std::uint32_t w) const {
  return w == kUnknown ? kUnknownLogProb : uni_p_[w] / 1000.0;
}

bool LanguageModel::index() {
  const std::size_t n = uni_p_.size();
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
  return build(bk_, kIdBits, bstart_) && build(tk_, 2 * kIdBits, tstart_);
}

namespace {
/// Position of `key` in keys[begin, end), or -1.
std::ptrdiff_t find_key(const std::vector<std::uint64_t>& keys, std::uint32_t begin,
                        std::uint32_t end, std::uint64_t key) {
  auto first = keys.begin() + begin, last = keys.begin() + end;
  auto it = std::lower_bound(first, last, key);
  return it != last && *it == key ? it - keys.begin() : -1;
}
}  // namespace

bool LanguageModel::has_bigram(std::uint32_t a, std::uint32_t b) const {
  if (a >= uni_p_.size() || b == kUnknown) return false;
  const std::uint64_t key = (std::uint64_t{a} << kIdBits) | b;
  return find_key(bk_, bstart_[a], bstart_[a + 1], key) >= 0;
}

double LanguageModel::logp(std::uint32_t a, std::uint32_t b,
                           std::uint32_t c) const {
  if (c == kUnknown) return kUnknownLogProb;
  if (b >= uni_p_.size()) return unigram(c);
  double backoff3 = 0;
  if (a < uni_p_.size()) {
    const std::uint64_t tkey = (std::uint64_t{a} << (2 * kIdBits)) |
                               (std::uint64_t{b} << kIdBits) | c;
    const auto t = find_key(tk_, tstart_[a], tstart_[a + 1], tkey);
    if (t >= 0) return tp_[t] / 1000.0;
    const std::uint64_t abkey = (std::uint64_t{a} << kIdBits) | b;
    const auto ab = find_key(bk_, bstart_[a], bstart_[a + 1], abkey);
    if (ab >= 0) backoff3 = bb_[ab] / 1000.0;
  }
  const std::uint64_t bkey = (std::uint64_t{b} << kIdBits) | c;
  const auto it = find_key(bk_, bstart_[b], bstart_[b + 1], bkey);
  if (it >= 0) return backoff3 + bp_[it] / 1000.0;
  return backoff3 + uni_b_[b] / 1000.0 + unigram(c);
}

std::unordered_map<std::string, std::vector<Substitution>> learn_substitutions(
    const std::vector<Entry>& entries) {
  std::unordered_map<std::string, std::vector<Substitution>> subs;
  for (const auto& e : entries) {
    if (e.canonicals.empty() || e.unknown || e.deletion) continue;
    auto s = phrase_words(e.spun);
    auto c = phrase_words(e.canonicals[0]);
    if (s.size() != c.size() || s.empty() || s.size() > kMaxWords) continue;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == c[i] || !alpha_word(s[i]) || !alpha_word(c[i]) ||
          is_stopword(s[i]) || is_stopword(c[i]) || same_stem(s[i], c[i]))
        continue;
      auto& list = subs[s[i]];
      auto it = std::find_if(list.begin(), list.end(),
                             [&](const Substitution& x) { return x.original == c[i]; });
      if (it == list.end())
        list.push_back({c[i], 1, kFromTable});
      else
        ++it->count;
    }
  }
  for (auto& [w, list] : subs)
    std::stable_sort(list.begin(), list.end(),
                     [](const Substitution& a, const Substitution& b) {
                       return a.count > b.count;
                     });
  return subs;
}

Result<std::unique_ptr<const DiscoveryData>> DiscoveryData::load(
    const DataSource& lm_source, const DataSource& thesaurus,
    const std::vector<Entry>& entries, const DiscoveryOptions& options) {
  if (options.min_gain_lm < 0 || options.max_thesaurus > 1000 ||
      options.lm_thesaurus > options.max_thesaurus)
    return Status(ErrorCode::kInvalidArgument,
                  "DiscoveryOptions: min_gain_lm must be >= 0 and "
                  "max_thesaurus <= 1000, lm_thesaurus <= max_thesaurus");
  if (!(options.spinner_ratio >= 0) || options.spinner_max_words < 2 ||
      options.spinner_max_words > kMaxWords ||
      options.spinner_thesaurus > options.max_thesaurus)
    return Status(ErrorCode::kInvalidArgument,
                  "DiscoveryOptions: spinner_ratio must be >= 0, "
                  "spinner_max_words 2-4, spinner_thesaurus <= max_thesaurus");
  auto lm = LanguageModel::load(lm_source);
  if (!lm.ok()) return lm.status();
  std::unique_ptr<DiscoveryData> d(new DiscoveryData());
  d->lm_ = std::move(*lm);
  d->options_ = options;
  d->subs_ = learn_substitutions(entries);

  // Thesaurus neighbours: the most frequent ones (originals are usually more
  // common than the synonyms spinners pick).
  if (thesaurus.in_memory || !thesaurus.path.empty()) {
    auto text = read_source(thesaurus);
    if (!text.ok()) return text.status();
    const std::string name = source_name(thesaurus);
    // Lines: word<TAB>neighbours, most frequent first (tools/build_lm.cpp).
    std::string_view all = strip_bom(*text);
    std::size_t line_no = 0;
    while (!all.empty()) {
      ++line_no;
      std::size_t nl = all.find('\n');
      std::string_view line = all.substr(0, nl);
      all.remove_prefix(nl == std::string_view::npos ? all.size() : nl + 1);
      if (line.empty() || line[0] == '#') continue;
      auto tab = line.find('\t');
      if (tab == std::string_view::npos)
        return parse_error(name, line_no, "expected word<TAB>neighbours");
      std::string_view word = line.substr(0, tab);
      if (is_stopword(word) || !alpha_word(word)) continue;
      std::string_view rest = line.substr(tab + 1);
      std::vector<Substitution>* list = nullptr;
      std::size_t kept = 0;
      while (!rest.empty() && kept < options.max_thesaurus) {
        std::size_t sp = rest.find(' ');
        std::string_view n = rest.substr(0, sp);
        rest.remove_prefix(sp == std::string_view::npos ? rest.size() : sp + 1);
        if (n.empty() || is_stopword(n) || !alpha_word(n)) continue;
        ++kept;
        if (list == nullptr) list = &d->subs_[std::string(word)];
        auto it = std::find_if(list->begin(), list->end(),
                               [&](const Substitution& x) { return x.original == n; });
        if (it == list->end())
          list->push_back({std::string(n), 0, kFromThesaurus});
        else
          it->origin |= kFromThesaurus;
      }
    }
  }

  for (const auto& e : entries) {
    if (e.canonicals.empty() || e.unknown || e.deletion) continue;
    for (const auto& w : phrase_words(e.spun)) d->vocab_[w] |= 1;
    for (const auto& w : phrase_words(e.canonicals[0])) d->vocab_[w] |= 2;
  }
  // Inflection: a plural (or singular) word without substitutions takes
  // those of its singular (plural) form, inflected alike (blunders ->
  // errors from blunder -> error).
  {
    std::vector<std::pair<std::string, std::vector<Substitution>>> extra;
    for (const auto& [w, list] : d->subs_) {
      const std::string sing = singular(w);
      const bool is_plural = !sing.empty() && d->lm_.id(sing) != LanguageModel::kUnknown;
      const std::string other = is_plural ? sing : plural(w);
      if (d->lm_.id(other) == LanguageModel::kUnknown) continue;
      auto have = d->subs_.find(other);
      if (have != d->subs_.end() && !have->second.empty() &&
          (have->second[0].origin & kFromTable))
        continue;  // the form has table substitutions of its own
      std::vector<Substitution> inflected;
      for (const auto& x : list) {
        if (!(x.origin & kFromTable)) continue;  // keeps the map small
        std::string o = is_plural ? singular(x.original) : plural(x.original);
        if (o.empty() || d->lm_.id(o) == LanguageModel::kUnknown) continue;
        inflected.push_back({std::move(o), x.count, x.origin});
      }
      if (!inflected.empty()) extra.emplace_back(other, std::move(inflected));
    }
    // Table-learned ones go first, before any thesaurus neighbours.
    for (auto& [w, list] : extra) {
      auto& to = d->subs_[w];
      for (auto& x : to) {
        auto it = std::find_if(list.begin(), list.end(), [&](const Substitution& y) {
          return y.original == x.original;
        });
        if (it == list.end()) list.push_back(std::move(x));
        else it->origin |= x.origin;
      }
      to = std::move(list);
    }
  }
  for (auto& [w, list] : d->subs_)
    for (auto& x : list) x.lm_id = d->lm_.id(x.original);
  // Spinner vocabulary: words the spun sides use and the canonical sides
  // do not (counterfeit, profound, irregular).
  if (options.spinner_min_count > 0) {
    std::unordered_map<std::string, std::pair<std::uint32_t, std::uint32_t>> counts;
    for (const auto& e : entries) {
      if (e.canonicals.empty() || e.unknown || e.deletion) continue;
      auto s = phrase_words(e.spun);
      auto c = phrase_words(e.canonicals[0]);
      std::sort(s.begin(), s.end());
      s.erase(std::unique(s.begin(), s.end()), s.end());
      std::sort(c.begin(), c.end());
      c.erase(std::unique(c.begin(), c.end()), c.end());
      for (const auto& w : s)
        if (!std::binary_search(c.begin(), c.end(), w)) ++counts[w].first;
      for (const auto& w : c) ++counts[w].second;
    }
    for (const auto& [w, n] : counts) {
      if (!alpha_word(w) || is_stopword(w) || n.first < options.spinner_min_count ||
          n.first < options.spinner_ratio * (n.second + 1.0))
        continue;
      d->spinner_.emplace(w, std::log((n.first + 0.5) / (n.second + 1.0)));
    }
  }

  // Established terms: every canonical side, 2-4 words.
  for (const auto& e : entries) {
    if (e.unknown || e.deletion) continue;
    for (const auto& c : e.canonicals) {
      auto words = phrase_words(c);
      if (words.size() < 2 || words.size() > kMaxWords) continue;
      std::string key;
      for (const auto& w : words) key += (key.empty() ? "" : " ") + w;
      if (d->term_ids_.count(key)) continue;
      d->term_ids_.emplace(key, static_cast<std::uint32_t>(d->terms_.size()));
      d->terms_.push_back({std::move(words)});
    }
  }

  // Spun variants of the established terms: one or two words replaced by a
  // word whose substitutions lead back to the term's word.
  std::unordered_map<std::string, std::vector<std::pair<std::string, bool>>> rev;
  for (const auto& [spun, list] : d->subs_)
    for (const auto& s : list)
      rev[s.original].push_back({spun, (s.origin & kFromTable) != 0});
  for (auto& [w, list] : rev)
    std::sort(list.begin(), list.end(), [](auto& a, auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
  std::vector<std::pair<std::uint64_t, std::uint32_t>> variants;
  std::vector<std::uint64_t> hashes;
  constexpr std::size_t kDoubleCap = 8;
  for (std::uint32_t t = 0; t < d->terms_.size(); ++t) {
    const auto& words = d->terms_[t].words;
    hashes.clear();
    for (const auto& w : words) hashes.push_back(word_hash(w));
    for (std::size_t k = 0; k < words.size(); ++k) {
      auto rk = rev.find(words[k]);
      if (rk == rev.end()) continue;
      const std::uint64_t hk = hashes[k];
      for (const auto& [s1, table1] : rk->second) {
        hashes[k] = word_hash(s1);
        variants.push_back({phrase_key(hashes), t});
        for (std::size_t l = k + 1; l < words.size(); ++l) {
          auto rl = rev.find(words[l]);
          if (rl == rev.end()) continue;
          std::size_t n1 = 0;
          for (const auto& [x, tb] : rk->second) {
            if (x == s1) break;
            ++n1;
          }
          if (n1 >= kDoubleCap) continue;
          const std::uint64_t hl = hashes[l];
          std::size_t n2 = 0;
          for (const auto& [s2, table2] : rl->second) {
            if (++n2 > kDoubleCap) break;
            hashes[l] = word_hash(s2);
            variants.push_back({phrase_key(hashes), t});
          }
          hashes[l] = hl;
        }
      }
      hashes[k] = hk;
    }
  }
  std::sort(variants.begin(), variants.end());
  variants.erase(std::unique(variants.begin(), variants.end()), variants.end());
  d->variant_keys_.reserve(variants.size());
  d->variant_terms_.reserve(variants.size());
  for (auto& [k, t] : variants) {
    d->variant_keys_.push_back(k);
    d->variant_terms_.push_back(t);
  }
  std::size_t bits = 1 << 16;
  while (bits < variants.size() * 16) bits <<= 1;
  d->bloom_.assign(bits / 64, 0);
  d->bloom_mask_ = bits / 64 - 1;
  for (auto k : d->variant_keys_)
    d->bloom_[(k >> 6) & d->bloom_mask_] |= std::uint64_t{1} << (k & 63);
  return std::unique_ptr<const DiscoveryData>(std::move(d));
}

const std::vector<Substitution>* DiscoveryData::substitutions(
    std::string_view word) const {
  return substitutions(std::string(word));
}

const std::vector<Substitution>* DiscoveryData::substitutions(
    const std::string& word) const {
  auto it = subs_.find(word);
  return it == subs_.end() ? nullptr : &it->second;
}

bool DiscoveryData::has_table_sub(std::string_view word) const {
  auto* s = substitutions(word);
  return s != nullptr && !s->empty() && ((*s)[0].origin & kFromTable);
}

double DiscoveryData::spinner(const std::string& word) const {
  if (spinner_.empty()) return 0;
  auto it = spinner_.find(word);
  return it == spinner_.end() ? 0.0 : it->second;
}

bool DiscoveryData::established(std::string_view phrase) const {
  return term_ids_.count(std::string(phrase)) > 0;
}

void DiscoveryData::find_variant(std::uint64_t key,
                                 std::vector<std::uint32_t>& out) const {
  out.clear();
  auto it = std::lower_bound(variant_keys_.begin(), variant_keys_.end(), key);
  for (; it != variant_keys_.end() && *it == key; ++it)
    out.push_back(variant_terms_[it - variant_keys_.begin()]);
}

namespace {

/// A candidate restoration of words [s, s + n) of the window.
struct Candidate {
  std::size_t s = 0, n = 0;
  std::vector<std::string> words;  // surface forms (inflected)
  std::string lemma;
  double gain = 0;
  bool established = false;
  bool table_sub = false, thesaurus_sub = false;
  bool unattested = false;  // a word pair of the text is not an LM bigram
  double observed = 0;      // LM log10 prob of the text's words, per word
  double spinner = 0;       // highest spinner score of the text's words
  double spinner_words = 0, vocab = 0, canon_vocab = 0;
  bool capital = false;
  double rare = 0;
  std::uint32_t taught = 0;  // most table entries teaching a substitution
  bool from_spinner = false;  // made by the spinner path
  bool hedged = false;  // no attested substitution: a best guess
  double rscore = 0;    // calibrated P(restores the original)
  std::string subs_text;
  double score = 0;
};

bool gap_joins(std::string_view gap) {
  for (char c : gap)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '-') return false;
  return true;
}

}  // namespace

void discover(const DiscoveryData& data, std::string_view text,
              const std::vector<Token>& tokens, std::vector<Discovered>& out,
              const std::vector<std::pair<std::size_t, std::size_t>>& blocked) {
  const auto& lm = data.lm();
  const auto& opt = data.options();
  const std::size_t n_tok = tokens.size();
  std::vector<std::string> words(n_tok);
  std::vector<std::uint64_t> hashes(n_tok);
  std::vector<std::uint32_t> ids(n_tok);
  std::vector<std::size_t> seg(n_tok);  // first word of the clause
  std::vector<char> content(n_tok);
  for (std::size_t i = 0; i < n_tok; ++i) {
    std::string_view w = text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    if (tokens[i].ascii) {
      words[i].assign(w);
      for (auto& c : words[i])
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    } else {
      normalize_word(w, words[i]);
    }
    hashes[i] = word_hash(words[i]);
    ids[i] = LanguageModel::kUnknown - 1;  // kNotLooked
    content[i] = alpha_word(words[i]) && !is_stopword(words[i]);
    seg[i] = (i > 0 && gap_joins(text.substr(tokens[i - 1].end,
                                             tokens[i].begin - tokens[i - 1].end)))
                 ? seg[i - 1] : i;
  }
  std::vector<double> spin(n_tok, 0.0);
  const bool spinner_on = opt.spinner_min_count > 0;
  if (spinner_on)
    for (std::size_t i = 0; i < n_tok; ++i)
      if (content[i]) spin[i] = data.spinner(words[i]);
  // ids[i] is looked up once, on first use (kNotLooked until then).
  constexpr std::uint32_t kNotLooked = LanguageModel::kUnknown - 1;
  auto id_of = [&](std::size_t i) {
    if (ids[i] == kNotLooked) ids[i] = lm.id(words[i]);
    return ids[i];
  };
  // LM score of words [s, s+n) replaced by `cand` (ids), in context: two
  // words of history and one word after, within the clause.
  auto context_score = [&](std::size_t s, std::size_t n,
                           const std::vector<std::uint32_t>& cand) {
    std::uint32_t h2 = LanguageModel::kUnknown, h1 = LanguageModel::kUnknown;
    if (s > seg[s]) h1 = id_of(s - 1);
    if (s > seg[s] + 1) h2 = id_of(s - 2);
    double total = 0;
    for (std::size_t k = 0; k < n; ++k) {
      total += lm.logp(h2, h1, cand[k]);
      h2 = h1;
      h1 = cand[k];
    }
    if (s + n < n_tok && seg[s + n] == seg[s]) total += lm.logp(h2, h1, id_of(s + n));
    return total;
  };

  std::vector<Candidate> cands;
  std::vector<std::uint32_t> term_hits, obs_ids, cand_ids;
  std::vector<std::uint64_t> key_hashes;
  auto sub_text = [](const std::string& from, const Substitution& x) {
    return "'" + from + "' -> '" + x.original + "' (" +
           (x.count ? "taught by " + std::to_string(x.count) + " table entr" +
                          (x.count == 1 ? "y" : "ies")
                    : std::string("thesaurus")) + ")";
  };
  struct Beam {
    std::vector<const Substitution*> pick;  // nullptr: the word as written
    std::vector<std::uint32_t> ids;
    double score = 0;
  };
  std::vector<Beam> beam, next;
  std::vector<std::vector<const Substitution*>> choices;
  constexpr std::size_t kBeam = 8, kSpinnerTableSubs = 6;
  auto spinner_path = [&](std::size_t j) {
    for (std::size_t n = 2; n <= opt.spinner_max_words && n <= j + 1; ++n) {
      const std::size_t s = j + 1 - n;
      if (seg[j] > s) break;
      bool ok = true;
      double spin_max = 0;
      for (std::size_t k = s; k <= j && ok; ++k) {
        ok = content[k];
        spin_max = std::max(spin_max, spin[k]);
      }
      if (!ok || spin_max <= 0) continue;
      for (std::size_t k = s; k <= j && ok; ++k)
        ok = id_of(k) != LanguageModel::kUnknown;
      if (!ok) continue;
      // An unseen pair next to a spinner word.
      bool unattested = false;
      for (std::size_t k = s; k < j && !unattested; ++k)
        unattested = (spin[k] > 0 || spin[k + 1] > 0) &&
                     !lm.has_bigram(ids[k], ids[k + 1]);
      if (!unattested) continue;
      choices.assign(n, {nullptr});
      for (std::size_t k = 0; k < n; ++k) {
        const auto* subs = data.substitutions(words[s + k]);
        if (subs == nullptr) continue;
        // A spinner word with a table substitution is replaced.
        if (opt.spinner_must_change && spin[s + k] > 0 &&
            ((*subs)[0].origin & kFromTable))
          choices[k].clear();
        std::size_t th = 0, tb = 0;
        for (const auto& x : *subs) {
          if (x.origin & kFromTable) {
            if (tb++ < kSpinnerTableSubs) choices[k].push_back(&x);
          } else if (spin[s + k] > 0 && th++ < opt.spinner_thesaurus) {
            choices[k].push_back(&x);
          }
        }
        bool any_known = false;
        for (const Substitution* x : choices[k])
          any_known |= x == nullptr || x->lm_id != LanguageModel::kUnknown;
        if (!any_known) choices[k].push_back(nullptr);
      }
      std::uint32_t h2 = LanguageModel::kUnknown, h1 = LanguageModel::kUnknown;
      if (s > seg[s]) h1 = id_of(s - 1);
      if (s > seg[s] + 1) h2 = id_of(s - 2);
      beam.assign(1, Beam{});
      for (std::size_t k = 0; k < n; ++k) {
        next.clear();
        for (const auto& b : beam) {
          const std::uint32_t a2 = k >= 2 ? b.ids[k - 2] : (k == 1 ? h1 : h2);
          const std::uint32_t a1 = k >= 1 ? b.ids[k - 1] : h1;
          for (const Substitution* x : choices[k]) {
            const std::uint32_t w = x ? x->lm_id : ids[s + k];
            if (w == LanguageModel::kUnknown) continue;
            // Unattested pairs are pruned when the word may stay as written.
            if (k > 0 && x != nullptr && choices[k][0] == nullptr &&
                !lm.has_bigram(a1, w))
              continue;
            Beam nb = b;
            nb.pick.push_back(x);
            nb.ids.push_back(w);
            nb.score += lm.logp(a2, a1, w) +
                        (x ? opt.spinner_sub_prior * std::log1p(x->count) : 0.0);
            next.push_back(std::move(nb));
          }
        }
        std::sort(next.begin(), next.end(),
                  [](const Beam& a, const Beam& b) { return a.score > b.score; });
        if (next.size() > kBeam) next.resize(kBeam);
        beam.swap(next);
      }
      obs_ids.assign(ids.begin() + s, ids.begin() + j + 1);
      const double obs = context_score(s, n, obs_ids);
      // Up to three attested choices with enough gain; when there is none,
      // the best choice as a hedge.
      std::size_t kept = 0;
      const Beam* hedge = nullptr;
      double hedge_gain = 0;
      for (int pass = 0; pass < 2; ++pass)
      for (auto& b : beam) {
        if (pass == 1 && (kept > 0 || &b != hedge)) continue;
        bool changed = false, attested = true;
        for (std::size_t k = 0; k < n; ++k) {
          changed |= b.pick[k] != nullptr;
          if (k + 1 < n) attested &= lm.has_bigram(b.ids[k], b.ids[k + 1]);
        }
        if (!changed) continue;
        const double gain =
            pass == 1 ? hedge_gain : context_score(s, n, b.ids) - obs;
        const bool hedged = !attested || gain < opt.min_gain_spinner;
        if (pass == 0 && hedged) {
          if (hedge == nullptr) {
            hedge = &b;
            hedge_gain = gain;
          }
          continue;
        }
        if (kept == 3) break;
        Candidate c;
        c.s = s;
        c.n = n;
        for (std::size_t k = 0; k < n; ++k) {
          const Substitution* x = b.pick[k];
          c.words.push_back(x ? x->original : words[s + k]);
          c.lemma += (k ? " " : "") + c.words.back();
          if (x == nullptr) continue;
          c.table_sub |= (x->origin & kFromTable) != 0;
          c.thesaurus_sub |= (x->origin & kFromThesaurus) != 0;
          c.taught = std::max(c.taught, x->count);
          if (!c.subs_text.empty()) c.subs_text += ", ";
          c.subs_text += sub_text(words[s + k], *x);
        }
        if (data.established(c.lemma)) c.established = true;
        c.gain = gain;
        c.unattested = true;
        c.observed = obs / static_cast<double>(n);
        c.spinner = spin_max;
        c.from_spinner = true;
        c.hedged = hedged;
        cands.push_back(std::move(c));
        ++kept;
      }
    }
  };
  for (std::size_t j = 0; j < n_tok; ++j) {
    if (!content[j]) continue;
    for (std::size_t n = 2; n <= kMaxWords && n <= j + 1; ++n) {
      const std::size_t s = j + 1 - n;
      if (seg[j] > s) break;
      if (!content[s]) continue;
      // The last word as written, then singularized (plural text).
      const std::string sing = singular(words[j]);
      for (int form = 0; form < 2; ++form) {
        if (form == 1 && sing.empty()) break;
        key_hashes.assign(hashes.begin() + s, hashes.begin() + j + 1);
        if (form == 1) key_hashes.back() = word_hash(sing);
        const std::uint64_t key = phrase_key(key_hashes);
        if (!data.maybe_variant(key)) continue;
        data.find_variant(key, term_hits);
        for (std::uint32_t t : term_hits) {
          const auto& tw = data.terms()[t].words;
          if (tw.size() != n) continue;
          Candidate c;
          c.s = s;
          c.n = n;
          c.established = true;
          bool ok = true;
          std::string obs_lemma;
          for (std::size_t k = 0; k < n; ++k) {
            const std::string& ow = (form == 1 && k + 1 == n) ? sing : words[s + k];
            obs_lemma += (k ? " " : "") + ow;
            c.lemma += (k ? " " : "") + tw[k];
            std::string surface = tw[k];
            if (form == 1 && k + 1 == n) surface = plural(tw[k]);
            c.words.push_back(surface);
            if (ow == tw[k]) continue;
            const auto* subs = data.substitutions(ow);
            const Substitution* hit = nullptr;
            if (subs != nullptr)
              for (const auto& x : *subs)
                if (x.original == tw[k]) hit = &x;
            if (hit == nullptr) {
              ok = false;  // hash collision
              break;
            }
            c.table_sub |= (hit->origin & kFromTable) != 0;
            c.taught = std::max(c.taught, hit->count);
            c.thesaurus_sub |= (hit->origin & kFromThesaurus) != 0;
            if (!c.subs_text.empty()) c.subs_text += ", ";
            c.subs_text += "'" + ow + "' -> '" + tw[k] + "' (" +
                           (hit->count ? "taught by " + std::to_string(hit->count) +
                                             " table entr" + (hit->count == 1 ? "y" : "ies")
                                       : std::string("thesaurus")) + ")";
          }
          if (!ok || data.established(obs_lemma)) continue;
          obs_ids.clear();
          cand_ids.clear();
          for (std::size_t k = 0; k < n; ++k) {
            obs_ids.push_back(id_of(s + k));
            cand_ids.push_back(lm.id(c.words[k]));
          }
          const double obs_total = context_score(s, n, obs_ids);
          c.gain = context_score(s, n, cand_ids) - obs_total;
          c.observed = obs_total / static_cast<double>(n);
          for (std::size_t k = 0; k + 1 < n; ++k)
            c.unattested |= !lm.has_bigram(obs_ids[k], obs_ids[k + 1]);
          if (c.gain < opt.min_gain_established) continue;
          cands.push_back(std::move(c));
        }
      }
    }
    // Spinner path: 2-3 content words ending here, one a spinner word, a
    // word pair the LM has never seen. Every substitution is tried (beam
    // search, LM in context); the best attested choice is the suggestion.
    if (spinner_on) spinner_path(j);
    // LM path: a bigram ending here with substitutions that make it an
    // attested, far more likely bigram. Table-learned substitutions always;
    // thesaurus ones and two substitutions only when the bigram as written
    // is unattested (keeps the scan cheap and clean prose quiet).
    if (j == 0 || seg[j] > j - 1 || !content[j - 1]) continue;
    const auto* subs0 = data.substitutions(words[j - 1]);
    const auto* subs1 = data.substitutions(words[j]);
    if (subs0 == nullptr && subs1 == nullptr) continue;
    const bool table0 = subs0 != nullptr && ((*subs0)[0].origin & kFromTable);
    const bool table1 = subs1 != nullptr && ((*subs1)[0].origin & kFromTable);
    obs_ids = {id_of(j - 1), id_of(j)};
    const bool unattested = !lm.has_bigram(obs_ids[0], obs_ids[1]);
    if (!unattested && !table0 && !table1) continue;
    auto options_of = [&](const std::vector<Substitution>* subs) {
      std::vector<const Substitution*> o{nullptr};  // nullptr: keep the word
      if (subs == nullptr) return o;
      std::size_t th = 0;
      for (const auto& x : *subs) {
        if (x.origin & kFromTable)
          o.push_back(&x);
        else if (unattested && th++ < opt.lm_thesaurus)
          o.push_back(&x);
      }
      return o;
    };
    const auto opt0 = options_of(subs0), opt1 = options_of(subs1);
    const double obs = context_score(j - 1, 2, obs_ids);
    for (const Substitution* x0 : opt0) {
      for (const Substitution* x1 : opt1) {
        if (x0 == nullptr && x1 == nullptr) continue;
        if (x0 != nullptr && x1 != nullptr && !unattested) continue;
        const bool table = (x0 && (x0->origin & kFromTable)) ||
                           (x1 && (x1->origin & kFromTable));
        if (!table && !unattested) continue;
        cand_ids = obs_ids;
        if (x0) cand_ids[0] = x0->lm_id;
        if (x1) cand_ids[1] = x1->lm_id;
        if (!lm.has_bigram(cand_ids[0], cand_ids[1])) continue;
        const double gain = context_score(j - 1, 2, cand_ids) - obs;
        if (gain < opt.min_gain_lm) continue;
        Candidate c;
        c.s = j - 1;
        c.n = 2;
        c.words = {x0 ? x0->original : words[j - 1], x1 ? x1->original : words[j]};
        c.lemma = c.words[0] + " " + c.words[1];
        c.established = data.established(c.lemma);
        c.gain = gain;
        c.unattested = unattested;
        c.observed = obs / 2.0;
        for (int pos = 0; pos < 2; ++pos) {
          const Substitution* x = pos == 0 ? x0 : x1;
          if (x == nullptr) continue;
          c.table_sub |= (x->origin & kFromTable) != 0;
          c.thesaurus_sub |= (x->origin & kFromThesaurus) != 0;
          c.taught = std::max(c.taught, x->count);
          if (!c.subs_text.empty()) c.subs_text += ", ";
          c.subs_text += "'" + words[j - 1 + pos] + "' -> '" + x->original + "' (" +
                         (x->count ? "taught by " + std::to_string(x->count) +
                                         " table entr" + (x->count == 1 ? "y" : "ies")
                                   : std::string("thesaurus")) + ")";
        }
        cands.push_back(std::move(c));
      }
    }
  }
  if (cands.empty()) return;

  for (auto& c : cands) {
    double spinners = 0, in_vocab = 0, in_canon = 0;
    c.rare = 0;
    // Capitals: inside a word (DataSet), or on some of the span's words but
    // not all (arbitrary Python); a Title Case heading is not a name.
    std::size_t initial_caps = 0, cased = 0;
    for (std::size_t k = 0; k < c.n; ++k) {
      const Token& t = tokens[c.s + k];
      auto upper = [&](std::size_t b) { return text[b] >= 'A' && text[b] <= 'Z'; };
      for (std::size_t b = t.begin + 1; b < t.end && !c.capital; ++b)
        c.capital = upper(b) && !upper(b - 1);
      if (c.s + k > seg[c.s + k]) {
        ++cased;
        initial_caps += upper(t.begin);
      }
      c.rare = std::min(c.rare, std::max(-7.0, lm.unigram(id_of(c.s + k))));
      const double sp = spin[c.s + k];
      c.spinner = std::max(c.spinner, sp);
      spinners += sp > 0;
      in_vocab += data.vocab(words[c.s + k]) != 0;
      in_canon += (data.vocab(c.words[k]) & 2) != 0;
    }
    c.capital |= initial_caps > 0 && initial_caps < cased;
    c.spinner_words = std::max(0.0, spinners - 1);
    c.vocab = in_vocab / static_cast<double>(c.n);
    c.canon_vocab = in_canon / static_cast<double>(c.n);
    const double f[] = {std::min(c.gain, 10.0), c.established ? 1.0 : 0.0,
                        c.table_sub ? 1.0 : 0.0, c.unattested ? 1.0 : 0.0,
                        std::max(c.observed, -10.0), c.spinner,
                        c.hedged ? 1.0 : 0.0, c.vocab, c.canon_vocab,
                        c.spinner_words, c.capital ? 1.0 : 0.0, c.rare,
                        std::log1p(static_cast<double>(c.taught))};
    const double w[] = {opt.cal_gain, opt.cal_established, opt.cal_table_sub,
                        opt.cal_unattested, opt.cal_observed, opt.cal_spinner,
                        opt.cal_hedged, opt.cal_vocab, opt.cal_canon_vocab,
                        opt.cal_spinner_words, opt.cal_capital, opt.cal_rare,
                        opt.cal_taught};
    const double r[] = {opt.rcal_gain, opt.rcal_established, opt.rcal_table_sub,
                        opt.rcal_unattested, opt.rcal_observed, opt.rcal_spinner,
                        opt.rcal_hedged, opt.rcal_vocab, opt.rcal_canon_vocab,
                        opt.rcal_spinner_words, opt.rcal_capital, opt.rcal_rare,
                        opt.rcal_taught};
    double z = opt.cal_bias, zr = opt.rcal_bias;
    for (std::size_t k = 0; k < std::size(f); ++k) {
      z += w[k] * f[k];
      zr += r[k] * f[k];
    }
    c.score = 1.0 / (1.0 + std::exp(-z));
    c.rscore = 1.0 / (1.0 + std::exp(-zr));
  }
  // Best first; ties by position for determinism.
  std::vector<std::size_t> order(cands.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (cands[a].score != cands[b].score) return cands[a].score > cands[b].score;
    if (cands[a].rscore != cands[b].rscore) return cands[a].rscore > cands[b].rscore;
    return cands[a].s < cands[b].s;
  });
  // Suggestions of a span: by restore score.
  std::vector<std::size_t> by_restore = order;
  std::stable_sort(by_restore.begin(), by_restore.end(),
                   [&](std::size_t a, std::size_t b) {
                     return cands[a].rscore > cands[b].rscore;
                   });
  // The candidates of each span (s, n), in by_restore order: grouped[
  // group_begin[i], group_end[i]) for candidate i (linear in candidates,
  // not quadratic: a text full of findings stays fast).
  std::vector<std::size_t> grouped = by_restore;
  std::stable_sort(grouped.begin(), grouped.end(), [&](std::size_t a, std::size_t b) {
    return cands[a].s != cands[b].s ? cands[a].s < cands[b].s : cands[a].n < cands[b].n;
  });
  std::vector<std::size_t> group_begin(cands.size()), group_end(cands.size());
  for (std::size_t b = 0, e = 0; b < grouped.size(); b = e) {
    e = b + 1;
    while (e < grouped.size() && cands[grouped[e]].s == cands[grouped[b]].s &&
           cands[grouped[e]].n == cands[grouped[b]].n)
      ++e;
    for (std::size_t k = b; k < e; ++k) {
      group_begin[grouped[k]] = b;
      group_end[grouped[k]] = e;
    }
  }
  std::vector<char> used(n_tok, 0);
  // Words that touch a blocked range are taken already.
  if (!blocked.empty()) {
    auto r = blocked.begin();
    for (std::size_t k = 0; k < n_tok; ++k) {
      while (r != blocked.end() && r->second <= tokens[k].begin) ++r;
      if (r == blocked.end()) break;
      if (r->first < tokens[k].end) used[k] = 1;
    }
  }
  std::vector<Discovered> found;
  for (std::size_t oi : order) {
    const double span_score = cands[oi].score;
    if (span_score < opt.min_output_confidence) break;
    // The span's suggestion: its candidate most likely to restore.
    const std::size_t g_begin = group_begin[oi], g_end = group_end[oi];
    oi = grouped[g_begin];
    const auto& c = cands[oi];
    bool free = true;
    for (std::size_t k = c.s; k < c.s + c.n; ++k) free &= !used[k];
    if (!free) continue;
    for (std::size_t k = c.s; k < c.s + c.n; ++k) used[k] = 1;
    Discovered d;
    d.first_word = c.s;
    d.last_word = c.s + c.n;
    d.begin = tokens[c.s].begin;
    d.end = tokens[c.s + c.n - 1].end;
    d.confidence = span_score;
    d.restore_confidence = std::min(c.rscore, span_score);
    d.hedged = c.hedged;
    d.gain = c.gain;
    d.established = c.established;
    d.unattested = c.unattested;
    d.observed = c.observed;
    d.spinner = c.spinner;
    d.spinner_words = c.spinner_words;
    d.vocab = c.vocab;
    d.canon_vocab = c.canon_vocab;
    d.capital = c.capital;
    d.rare = c.rare;
    d.taught = std::log1p(static_cast<double>(c.taught));
    d.table_sub = c.table_sub;
    d.original_lemma = c.lemma;
    d.how = std::string(c.established ? "established-term"
                                      : c.from_spinner ? "spinner" : "lm") +
            (c.table_sub ? "+table" : "") + (c.thesaurus_sub ? "+thesaurus" : "");
    // Suggestions: this candidate, then the other candidates for the same
    // span by score.
    auto render = [&](const Candidate& x) {
      std::string s;
      for (std::size_t k = 0; k < x.n; ++k) {
        const Token& t = tokens[x.s + k];
        s += apply_case(text.substr(t.begin, t.end - t.begin), x.words[k]);
        if (k + 1 < x.n)
          s += text.substr(t.end, tokens[x.s + k + 1].begin - t.end);
      }
      return s;
    };
    d.suggestions.push_back(render(c));
    for (std::size_t k = g_begin + 1; k < g_end; ++k) {
      const std::size_t oj = grouped[k];
      const auto& x = cands[oj];
      std::string r = render(x);
      if (std::find(d.suggestions.begin(), d.suggestions.end(), r) ==
          d.suggestions.end())
        d.suggestions.push_back(std::move(r));
    }
    char gain[32];
    std::snprintf(gain, sizeof gain, "%.1f", c.gain);
    d.explanation = "discovered: " + c.subs_text + "; '" + c.lemma + "' " +
                    (c.established ? "is an established term (a table's canonical side)"
                                   : "is not in any table") +
                    (c.hedged ? " (a best guess: the LM attests no restoration)" : "") +
                    "; LM gain " + gain + " log10 over the text";
    found.push_back(std::move(d));
  }
  std::sort(found.begin(), found.end(),
            [](const Discovered& a, const Discovered& b) { return a.begin < b.begin; });
  std::move(found.begin(), found.end(), std::back_inserter(out));
}

void discover_text(const DiscoveryData& data, std::string_view text,
                   std::vector<Discovered>& out,
                   const std::vector<std::pair<std::size_t, std::size_t>>& blocked) {
  // Windows of about 1 MB, cut where tokenization is unchanged. Each window
  // re-reads the last words of the one before (kOverlap words, a few of
  // them LM history), so a phrase across a cut is seen whole: a window keeps
  // the findings that start in its own zone, which ends kOverlap words
  // before its cut (the last window's at the end).
  constexpr std::size_t kWindow = std::size_t{1} << 20;
  constexpr std::size_t kOverlap = 10;  // > kMaxWords + 1 word after + history
  std::vector<Token> tokens;
  std::vector<Discovered> part;
  std::size_t pos = 0, word_base = 0;
  std::size_t own_from = 0;  // findings start at or after this byte
  std::size_t last_end = 0;  // end of the last finding kept
  while (pos < text.size()) {
    const std::size_t cut = pos + kWindow >= text.size()
                                ? text.size() : safe_split(text, pos + kWindow);
    tokens.clear();
    tokenize(text.substr(pos, cut - pos), tokens);
    for (auto& t : tokens) {
      t.begin += pos;
      t.end += pos;
    }
    // This window's own zone ends at own_to; the next one starts reading
    // at next (a safe cut a few words before own_to, for LM history).
    std::size_t own_to = cut, next = cut;
    if (cut < text.size() && tokens.size() > 2 * kOverlap) {
      const std::size_t to = tokens[tokens.size() - kOverlap].begin;
      const std::size_t from =
          safe_split(text, tokens[tokens.size() - kOverlap - 3].end);
      if (from > pos && from <= to) {
        own_to = to;
        next = from;
      }
    }
    part.clear();
    discover(data, text, tokens, part, blocked);
    for (auto& d : part) {
      if (d.begin < own_from || d.begin >= own_to || d.begin < last_end)
        continue;
      d.first_word += word_base;
      d.last_word += word_base;
      last_end = d.end;
      out.push_back(std::move(d));
    }
    // Words before `next` are numbered; the next window numbers from there.
    std::size_t read = 0;
    while (read < tokens.size() && tokens[read].begin < next) ++read;
    word_base += read;
    own_from = own_to;
    pos = next;
  }
}

}  // namespace unspin::detail
