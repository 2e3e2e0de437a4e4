// unspin: building the discovery data from the LM, the thesaurus and the
// table entries (see discovery_data.hpp).
#include "discovery_data.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "discovery_words.hpp"

namespace unspin::detail {
namespace {

/// Entries that teach substitutions and vocabulary: a known canonical, no
/// deletion.
bool teaches(const Entry& e) {
  return !e.canonicals.empty() && !e.unknown && !e.deletion;
}

/// Spinner words: used on spun sides only, often, and rarely on canonical
/// sides (counterfeit, profound, irregular).
std::unordered_map<std::string, double> spinner_words(
    const std::vector<Entry>& entries, const DiscoveryParams& p) {
  std::unordered_map<std::string, double> out;
  if (p.spinner_min_count == 0) return out;
  std::unordered_map<std::string, std::pair<std::uint32_t, std::uint32_t>>
      counts;
  for (const auto& e : entries) {
    if (!teaches(e)) continue;
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
    if (!content_word(w) || n.first < p.spinner_min_count ||
        n.first < p.spinner_ratio * (n.second + 1.0))
      continue;
    out.emplace(w, std::log((n.first + 0.5) / (n.second + 1.0)));
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<const DiscoveryData>> DiscoveryData::load(
    const DataSource& lm_source, const DataSource& thesaurus,
    const std::vector<Entry>& entries, const DiscoveryParams& params) {
  if (params.min_gain_lm < 0 || params.max_thesaurus > 1000 ||
      params.lm_thesaurus > params.max_thesaurus)
    return Status(ErrorCode::kInvalidArgument,
                  "DiscoveryParams: min_gain_lm must be >= 0 and "
                  "max_thesaurus <= 1000, lm_thesaurus <= max_thesaurus");
  if (!(params.spinner_ratio >= 0) || params.spinner_max_words < 2 ||
      params.spinner_max_words > kMaxDiscoveryWords ||
      params.spinner_thesaurus > params.max_thesaurus)
    return Status(ErrorCode::kInvalidArgument,
                  "DiscoveryParams: spinner_ratio must be >= 0, "
                  "spinner_max_words 2-4, spinner_thesaurus <= max_thesaurus");
  auto lm = LanguageModel::load(lm_source);
  if (!lm.ok()) return lm.status();
  std::unique_ptr<DiscoveryData> d(new DiscoveryData());
  d->lm_ = std::move(*lm);
  d->params_ = params;
  d->subs_ = learn_substitutions(entries);
  if (thesaurus.in_memory || !thesaurus.path.empty()) {
    Status st = add_thesaurus(thesaurus, params.max_thesaurus, d->subs_);
    if (!st.ok()) return st;
  }
  for (const auto& e : entries) {
    if (!teaches(e)) continue;
    for (const auto& w : phrase_words(e.spun)) d->vocab_[w] |= 1;
    for (const auto& w : phrase_words(e.canonicals[0])) d->vocab_[w] |= 2;
  }
  add_inflections(d->lm_, d->subs_);
  resolve_lm_ids(d->lm_, d->subs_);
  d->spinner_ = spinner_words(entries, params);

  // Established terms: every canonical side of 2-4 words.
  for (const auto& e : entries) {
    if (e.unknown || e.deletion) continue;
    for (const auto& c : e.canonicals) {
      auto words = phrase_words(c);
      if (words.size() < 2 || words.size() > kMaxDiscoveryWords) continue;
      std::string key;
      for (const auto& w : words) key += (key.empty() ? "" : " ") + w;
      if (d->term_ids_.count(key)) continue;
      d->term_ids_.emplace(key, static_cast<std::uint32_t>(d->terms_.size()));
      d->terms_.push_back(std::move(words));
    }
  }
  d->variants_ = VariantIndex(d->terms_, d->subs_);
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

}  // namespace unspin::detail
