// unspin: discovery's three candidate paths (established term, spinner, LM)
// over a window of words (see candidates.hpp, docs/discovery.md).
#include "candidates.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "discovery_words.hpp"
#include "strings.hpp"

namespace unspin::detail {
namespace {

constexpr std::uint32_t kNotLooked = LanguageModel::kUnknown - 1;

/// True when the bytes between two words keep them in one clause.
bool gap_joins(std::string_view gap) {
  for (char c : gap)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '-')
      return false;
  return true;
}

void add_change(Candidate& c, const std::string& from, const Substitution& x) {
  c.table_sub |= (x.origin & kFromTable) != 0;
  c.thesaurus_sub |= (x.origin & kFromThesaurus) != 0;
  c.taught = std::max(c.taught, x.count);
  c.changes.push_back({from, &x});
}

/// Scratch buffers reused across the window's words.
struct Scratch {
  std::vector<std::uint32_t> term_hits, obs_ids, cand_ids;
  std::vector<std::uint64_t> key_hashes;
  struct Beam {
    std::vector<const Substitution*> pick;  // nullptr: the word as written
    std::vector<std::uint32_t> ids;
    double score = 0;
  };
  std::vector<Beam> beam, next;
  std::vector<std::vector<const Substitution*>> choices;
};

/// Established-term path: a 2-4 word span ending at j (content words at
/// both ends) whose words, or its last word singularized, are a spun
/// variant of an established term.
void established_path(Window& w, std::size_t j, Scratch& sc,
                      std::vector<Candidate>& out) {
  const DiscoveryData& data = w.data;
  const LanguageModel& lm = w.lm;
  for (std::size_t n = 2; n <= kMaxDiscoveryWords && n <= j + 1; ++n) {
    const std::size_t s = j + 1 - n;
    if (w.clause(j) > s) break;
    if (!w.content(s)) continue;
    const std::string sing = naive_singular(w.word(j));
    for (int form = 0; form < 2; ++form) {  // as written, then singularized
      if (form == 1 && sing.empty()) break;
      sc.key_hashes.clear();
      for (std::size_t k = s; k <= j; ++k) sc.key_hashes.push_back(w.hash(k));
      if (form == 1) sc.key_hashes.back() = word_hash(sing);
      const std::uint64_t key = phrase_key(sc.key_hashes);
      if (!data.variants().maybe(key)) continue;
      data.variants().find(key, sc.term_hits);
      for (std::uint32_t t : sc.term_hits) {
        const auto& tw = data.terms()[t];
        if (tw.size() != n) continue;
        Candidate c;
        c.s = s;
        c.n = n;
        c.established = true;
        bool ok = true;
        std::string obs_lemma;
        for (std::size_t k = 0; k < n; ++k) {
          const bool singularized = form == 1 && k + 1 == n;
          const std::string& ow = singularized ? sing : w.word(s + k);
          obs_lemma += (k ? " " : "") + ow;
          c.lemma += (k ? " " : "") + tw[k];
          c.words.push_back(singularized ? naive_plural(tw[k]) : tw[k]);
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
          add_change(c, ow, *hit);
        }
        if (!ok || data.established(obs_lemma)) continue;
        sc.obs_ids.clear();
        sc.cand_ids.clear();
        for (std::size_t k = 0; k < n; ++k) {
          sc.obs_ids.push_back(w.id(s + k));
          sc.cand_ids.push_back(lm.id(c.words[k]));
        }
        const double obs_total = w.context_score(s, n, sc.obs_ids);
        c.gain = w.context_score(s, n, sc.cand_ids) - obs_total;
        c.observed = obs_total / static_cast<double>(n);
        for (std::size_t k = 0; k + 1 < n; ++k)
          c.unattested |= !lm.has_bigram(sc.obs_ids[k], sc.obs_ids[k + 1]);
        if (c.gain < data.params().min_gain_established) continue;
        out.push_back(std::move(c));
      }
    }
  }
}

/// Spinner path: 2-4 content words ending at j, one a spinner word in a
/// word pair the LM has never seen. The words' substitutions are tried by
/// beam search (LM in context, a prior for often-taught substitutions); up
/// to three attested choices with enough gain are candidates, or else the
/// best choice as a hedge.
void spinner_path(Window& w, std::size_t j, Scratch& sc,
                  std::vector<Candidate>& out) {
  const DiscoveryData& data = w.data;
  const LanguageModel& lm = w.lm;
  const DiscoveryParams& p = data.params();
  constexpr std::size_t kBeam = 8, kSpinnerTableSubs = 6;
  for (std::size_t n = 2; n <= p.spinner_max_words && n <= j + 1; ++n) {
    const std::size_t s = j + 1 - n;
    if (w.clause(j) > s) break;
    bool ok = true;
    double spin_max = 0;
    for (std::size_t k = s; k <= j && ok; ++k) {
      ok = w.content(k);
      spin_max = std::max(spin_max, w.spin(k));
    }
    if (!ok || spin_max <= 0) continue;
    for (std::size_t k = s; k <= j && ok; ++k)
      ok = w.id(k) != LanguageModel::kUnknown;
    if (!ok) continue;
    bool unattested = false;
    for (std::size_t k = s; k < j && !unattested; ++k)
      unattested = (w.spin(k) > 0 || w.spin(k + 1) > 0) &&
                   !lm.has_bigram(w.id(k), w.id(k + 1));
    if (!unattested) continue;
    auto& choices = sc.choices;
    choices.assign(n, {nullptr});
    for (std::size_t k = 0; k < n; ++k) {
      const auto* subs = data.substitutions(w.word(s + k));
      if (subs == nullptr) continue;
      const bool spinner_word = w.spin(s + k) > 0;
      if (p.spinner_must_change && spinner_word &&
          ((*subs)[0].origin & kFromTable))
        choices[k].clear();
      std::size_t th = 0, tb = 0;
      for (const auto& x : *subs) {
        if (x.origin & kFromTable) {
          if (tb++ < kSpinnerTableSubs) choices[k].push_back(&x);
        } else if (spinner_word && th++ < p.spinner_thesaurus) {
          choices[k].push_back(&x);
        }
      }
      bool any_known = false;
      for (const Substitution* x : choices[k])
        any_known |= x == nullptr || x->lm_id != LanguageModel::kUnknown;
      if (!any_known) choices[k].push_back(nullptr);
    }
    std::uint32_t h2 = LanguageModel::kUnknown, h1 = LanguageModel::kUnknown;
    if (s > w.clause(s)) h1 = w.id(s - 1);
    if (s > w.clause(s) + 1) h2 = w.id(s - 2);
    auto& beam = sc.beam;
    auto& next = sc.next;
    beam.assign(1, Scratch::Beam{});
    for (std::size_t k = 0; k < n; ++k) {
      next.clear();
      for (const auto& b : beam) {
        const std::uint32_t a2 = k >= 2 ? b.ids[k - 2] : (k == 1 ? h1 : h2);
        const std::uint32_t a1 = k >= 1 ? b.ids[k - 1] : h1;
        for (const Substitution* x : choices[k]) {
          const std::uint32_t id = x ? x->lm_id : w.id(s + k);
          if (id == LanguageModel::kUnknown) continue;
          // Unattested pairs are pruned when the word may stay as written.
          if (k > 0 && x != nullptr && choices[k][0] == nullptr &&
              !lm.has_bigram(a1, id))
            continue;
          Scratch::Beam nb = b;
          nb.pick.push_back(x);
          nb.ids.push_back(id);
          nb.score += lm.logp(a2, a1, id) +
                      (x ? p.spinner_sub_prior * std::log1p(x->count) : 0.0);
          next.push_back(std::move(nb));
        }
      }
      std::sort(next.begin(), next.end(),
                [](const Scratch::Beam& a, const Scratch::Beam& b) {
                  return a.score > b.score;
                });
      if (next.size() > kBeam) next.resize(kBeam);
      beam.swap(next);
    }
    sc.obs_ids.clear();
    for (std::size_t k = s; k <= j; ++k) sc.obs_ids.push_back(w.id(k));
    const double obs = w.context_score(s, n, sc.obs_ids);
    std::size_t kept = 0;
    const Scratch::Beam* hedge = nullptr;
    double hedge_gain = 0;
    for (int pass = 0; pass < 2; ++pass) {  // attested choices, then the hedge
      for (auto& b : beam) {
        if (pass == 1 && (kept > 0 || &b != hedge)) continue;
        bool changed = false, attested = true;
        for (std::size_t k = 0; k < n; ++k) {
          changed |= b.pick[k] != nullptr;
          if (k + 1 < n) attested &= lm.has_bigram(b.ids[k], b.ids[k + 1]);
        }
        if (!changed) continue;
        const double gain =
            pass == 1 ? hedge_gain : w.context_score(s, n, b.ids) - obs;
        const bool hedged = !attested || gain < p.min_gain_spinner;
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
          c.words.push_back(x ? x->original : w.word(s + k));
          c.lemma += (k ? " " : "") + c.words.back();
          if (x != nullptr) add_change(c, w.word(s + k), *x);
        }
        if (data.established(c.lemma)) c.established = true;
        c.gain = gain;
        c.unattested = true;
        c.observed = obs / static_cast<double>(n);
        c.spinner = spin_max;
        c.from_spinner = true;
        c.hedged = hedged;
        out.push_back(std::move(c));
        ++kept;
      }
    }
  }
}

/// LM path: the bigram of content words ending at j with substitutions
/// that make it an attested, far more likely bigram. Table-learned
/// substitutions always; thesaurus ones and two substitutions only when
/// the bigram as written is unattested (keeps the scan cheap and clean
/// prose quiet).
void lm_path(Window& w, std::size_t j, Scratch& sc,
             std::vector<Candidate>& out) {
  const DiscoveryData& data = w.data;
  const LanguageModel& lm = w.lm;
  const DiscoveryParams& p = data.params();
  if (j == 0 || w.clause(j) > j - 1 || !w.content(j - 1)) return;
  const auto* subs0 = data.substitutions(w.word(j - 1));
  const auto* subs1 = data.substitutions(w.word(j));
  if (subs0 == nullptr && subs1 == nullptr) return;
  const bool table0 = subs0 != nullptr && ((*subs0)[0].origin & kFromTable);
  const bool table1 = subs1 != nullptr && ((*subs1)[0].origin & kFromTable);
  auto& obs_ids = sc.obs_ids;
  obs_ids = {w.id(j - 1), w.id(j)};
  const bool unattested = !lm.has_bigram(obs_ids[0], obs_ids[1]);
  if (!unattested && !table0 && !table1) return;
  auto options_of = [&](const std::vector<Substitution>* subs) {
    std::vector<const Substitution*> o{nullptr};  // nullptr: keep the word
    if (subs == nullptr) return o;
    std::size_t th = 0;
    for (const auto& x : *subs) {
      // Table substitutions always; thesaurus ones only for an unattested
      // bigram, and at most lm_thesaurus of them.
      if ((x.origin & kFromTable) || (unattested && th++ < p.lm_thesaurus))
        o.push_back(&x);
    }
    return o;
  };
  const auto opt0 = options_of(subs0), opt1 = options_of(subs1);
  const double obs = w.context_score(j - 1, 2, obs_ids);
  for (const Substitution* x0 : opt0) {
    for (const Substitution* x1 : opt1) {
      if (x0 == nullptr && x1 == nullptr) continue;
      if (x0 != nullptr && x1 != nullptr && !unattested) continue;
      const bool table = (x0 && (x0->origin & kFromTable)) ||
                         (x1 && (x1->origin & kFromTable));
      if (!table && !unattested) continue;
      auto& cand_ids = sc.cand_ids;
      cand_ids = obs_ids;
      if (x0) cand_ids[0] = x0->lm_id;
      if (x1) cand_ids[1] = x1->lm_id;
      if (!lm.has_bigram(cand_ids[0], cand_ids[1])) continue;
      const double gain = w.context_score(j - 1, 2, cand_ids) - obs;
      if (gain < p.min_gain_lm) continue;
      Candidate c;
      c.s = j - 1;
      c.n = 2;
      c.words = {x0 ? x0->original : w.word(j - 1),
                 x1 ? x1->original : w.word(j)};
      c.lemma = c.words[0] + " " + c.words[1];
      c.established = data.established(c.lemma);
      c.gain = gain;
      c.unattested = unattested;
      c.observed = obs / 2.0;
      if (x0) add_change(c, w.word(j - 1), *x0);
      if (x1) add_change(c, w.word(j), *x1);
      out.push_back(std::move(c));
    }
  }
}

}  // namespace

Window::Window(const DiscoveryData& d, std::string_view t,
               const std::vector<Token>& toks,
               const std::vector<std::string>* keys)
    : data(d), lm(d.lm()), text(t), tokens(toks), words_(keys) {
  const std::size_t n = tokens.size();
  if (words_ == nullptr) {
    own_words_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::string_view w =
          text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
      if (tokens[i].ascii)
        own_words_[i] = ascii_lower(w);
      else
        normalize_word(w, own_words_[i]);
    }
    words_ = &own_words_;
  }
  hashes_.resize(n);
  ids_.assign(n, kNotLooked);
  seg_.resize(n);
  content_.resize(n);
  spin_.assign(n, 0.0);
  const bool spinner_on = data.params().spinner_min_count > 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& w = word(i);
    hashes_[i] = word_hash(w);
    content_[i] = static_cast<char>(content_word(w));
    seg_[i] =
        (i > 0 && gap_joins(text.substr(tokens[i - 1].end,
                                        tokens[i].begin - tokens[i - 1].end)))
            ? seg_[i - 1]
            : i;
    if (spinner_on && content_[i]) spin_[i] = data.spinner(w);
  }
}

std::uint32_t Window::id(std::size_t i) {
  if (ids_[i] == kNotLooked) ids_[i] = lm.id(word(i));
  return ids_[i];
}

double Window::context_score(std::size_t s, std::size_t n,
                             const std::vector<std::uint32_t>& cand) {
  std::uint32_t h2 = LanguageModel::kUnknown, h1 = LanguageModel::kUnknown;
  if (s > seg_[s]) h1 = id(s - 1);
  if (s > seg_[s] + 1) h2 = id(s - 2);
  double total = 0;
  for (std::size_t k = 0; k < n; ++k) {
    total += lm.logp(h2, h1, cand[k]);
    h2 = h1;
    h1 = cand[k];
  }
  if (s + n < size() && seg_[s + n] == seg_[s])
    total += lm.logp(h2, h1, id(s + n));
  return total;
}

void find_candidates(Window& w, std::vector<Candidate>& out) {
  Scratch sc;
  const bool spinner_on = w.data.params().spinner_min_count > 0;
  for (std::size_t j = 0; j < w.size(); ++j) {
    if (!w.content(j)) continue;
    established_path(w, j, sc, out);
    if (spinner_on) spinner_path(w, j, sc, out);
    lm_path(w, j, sc, out);
  }
}

}  // namespace unspin::detail
