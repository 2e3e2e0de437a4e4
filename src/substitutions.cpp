// unspin: word substitutions from tables and thesaurus, and the spun-variant
// index of established terms (see substitutions.hpp).
#include "substitutions.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "discovery_words.hpp"
#include "text.hpp"

namespace unspin::detail {

SubstitutionMap learn_substitutions(const std::vector<Entry>& entries) {
  SubstitutionMap subs;
  for (const auto& e : entries) {
    if (e.canonicals.empty() || e.unknown || e.deletion) continue;
    auto s = phrase_words(e.spun);
    auto c = phrase_words(e.canonicals[0]);
    if (s.size() != c.size() || s.empty() || s.size() > kMaxDiscoveryWords)
      continue;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == c[i] || !content_word(s[i]) || !content_word(c[i]) ||
          same_stem(s[i], c[i]))
        continue;
      auto& list = subs[s[i]];
      auto it = std::find_if(
          list.begin(), list.end(),
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

Status add_thesaurus(const DataSource& thesaurus, std::size_t max_per_word,
                     SubstitutionMap& subs) {
  auto text = read_source(thesaurus);
  if (!text.ok()) return text.status();
  const std::string name = source_name(thesaurus);
  std::string_view all = strip_bom(*text);
  std::size_t line_no = 0;
  while (!all.empty()) {
    ++line_no;
    const std::size_t nl = all.find('\n');
    const std::string_view line = all.substr(0, nl);
    all.remove_prefix(nl == std::string_view::npos ? all.size() : nl + 1);
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos)
      return Status(ErrorCode::kParseError,
                    name + ":" + std::to_string(line_no) +
                        ": expected word<TAB>neighbours");
    const std::string_view word = line.substr(0, tab);
    if (!content_word(word)) continue;
    std::string_view rest = line.substr(tab + 1);
    std::vector<Substitution>* list = nullptr;
    std::size_t kept = 0;
    while (!rest.empty() && kept < max_per_word) {
      const std::size_t sp = rest.find(' ');
      const std::string_view n = rest.substr(0, sp);
      rest.remove_prefix(sp == std::string_view::npos ? rest.size() : sp + 1);
      if (n.empty() || !content_word(n)) continue;
      ++kept;
      if (list == nullptr) list = &subs[std::string(word)];
      auto it =
          std::find_if(list->begin(), list->end(),
                       [&](const Substitution& x) { return x.original == n; });
      if (it == list->end())
        list->push_back({std::string(n), 0, kFromThesaurus});
      else
        it->origin |= kFromThesaurus;
    }
  }
  return Status();
}

void add_inflections(const LanguageModel& lm, SubstitutionMap& subs) {
  std::vector<std::pair<std::string, std::vector<Substitution>>> extra;
  for (const auto& [w, list] : subs) {
    const std::string sing = naive_singular(w);
    const bool is_plural =
        !sing.empty() && lm.id(sing) != LanguageModel::kUnknown;
    const std::string other = is_plural ? sing : naive_plural(w);
    if (lm.id(other) == LanguageModel::kUnknown) continue;
    auto have = subs.find(other);
    if (have != subs.end() && !have->second.empty() &&
        (have->second[0].origin & kFromTable))
      continue;  // the form has table substitutions of its own
    std::vector<Substitution> inflected;
    for (const auto& x : list) {
      if (!(x.origin & kFromTable)) continue;  // keeps the map small
      std::string o =
          is_plural ? naive_singular(x.original) : naive_plural(x.original);
      if (o.empty() || lm.id(o) == LanguageModel::kUnknown) continue;
      inflected.push_back({std::move(o), x.count, x.origin});
    }
    if (!inflected.empty()) extra.emplace_back(other, std::move(inflected));
  }
  // Table-learned ones go first, before any thesaurus neighbours.
  for (auto& [w, list] : extra) {
    auto& to = subs[w];
    for (auto& x : to) {
      auto it = std::find_if(
          list.begin(), list.end(),
          [&](const Substitution& y) { return y.original == x.original; });
      if (it == list.end())
        list.push_back(std::move(x));
      else
        it->origin |= x.origin;
    }
    to = std::move(list);
  }
}

void resolve_lm_ids(const LanguageModel& lm, SubstitutionMap& subs) {
  for (auto& [w, list] : subs)
    for (auto& x : list) x.lm_id = lm.id(x.original);
}

VariantIndex::VariantIndex(const std::vector<std::vector<std::string>>& terms,
                           const SubstitutionMap& subs) {
  // Spun words leading to each original word: table ones first, then by
  // spelling (a deterministic choice of the 8 kept for double swaps).
  std::unordered_map<std::string, std::vector<std::pair<std::string, bool>>>
      rev;
  for (const auto& [spun, list] : subs)
    for (const auto& s : list)
      rev[s.original].push_back({spun, (s.origin & kFromTable) != 0});
  for (auto& [w, list] : rev)
    std::sort(list.begin(), list.end(), [](auto& a, auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
  std::vector<std::pair<std::uint64_t, std::uint32_t>> variants;
  std::vector<std::uint64_t> hashes;
  constexpr std::size_t kDoubleCap = 8;
  for (std::uint32_t t = 0; t < terms.size(); ++t) {
    const auto& words = terms[t];
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
  keys_.reserve(variants.size());
  terms_.reserve(variants.size());
  for (auto& [k, t] : variants) {
    keys_.push_back(k);
    terms_.push_back(t);
  }
  // About 16 bits per key (at least 64 Ki bits): a probe of a phrase that
  // is no variant rarely passes.
  std::size_t bits = 1 << 16;
  while (bits < variants.size() * 16) bits <<= 1;
  bloom_.assign(bits / 64, 0);
  bloom_mask_ = bits / 64 - 1;
  for (auto k : keys_)
    bloom_[(k >> 6) & bloom_mask_] |= std::uint64_t{1} << (k & 63);
}

void VariantIndex::find(std::uint64_t key,
                        std::vector<std::uint32_t>& out) const {
  out.clear();
  auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
  for (; it != keys_.end() && *it == key; ++it)
    out.push_back(terms_[it - keys_.begin()]);
}

}  // namespace unspin::detail
