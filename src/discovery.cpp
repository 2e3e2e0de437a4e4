// unspin: discover(): candidates of a window, their calibrated scores, the
// choice among overlapping ones, rendering (stages: discovery.hpp).
#include "discovery.hpp"

#include <algorithm>
#include <iterator>

#include "candidates.hpp"
#include "discovery_render.hpp"

namespace unspin::detail {
namespace {

using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

/// Scores every candidate with the two calibration maps.
void score(Window& w, std::vector<Candidate>& cands) {
  const Calibration& cal = w.data.params().calibration;
  for (auto& c : cands) {
    c.features = compute_features(w, c);
    c.score = cal.spun(c.features);
    c.rscore = cal.restores(c.features);
  }
}

/// Chooses non-overlapping spans, best P(spun) first, none touching a
/// blocked range, and renders each with its candidates' suggestions.
void select(const Window& w, const std::vector<Candidate>& cands,
            const Ranges& blocked, std::vector<Discovered>& out) {
  // Best first; ties by position for determinism.
  std::vector<std::size_t> order(cands.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) {
                     if (cands[a].score != cands[b].score)
                       return cands[a].score > cands[b].score;
                     if (cands[a].rscore != cands[b].rscore)
                       return cands[a].rscore > cands[b].rscore;
                     return cands[a].s < cands[b].s;
                   });
  // A span's suggestions come by restore score.
  std::vector<std::size_t> by_restore = order;
  std::stable_sort(by_restore.begin(), by_restore.end(),
                   [&](std::size_t a, std::size_t b) {
                     return cands[a].rscore > cands[b].rscore;
                   });
  // The candidates of each span (s, n), in by_restore order: grouped[
  // group_begin[i], group_end[i]) for candidate i (linear in candidates,
  // not quadratic: a text full of findings stays fast).
  std::vector<std::size_t> grouped = by_restore;
  std::stable_sort(grouped.begin(), grouped.end(),
                   [&](std::size_t a, std::size_t b) {
                     return cands[a].s != cands[b].s ? cands[a].s < cands[b].s
                                                     : cands[a].n < cands[b].n;
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
  // Words that touch a blocked range are taken already.
  std::vector<char> used(w.size(), 0);
  if (!blocked.empty()) {
    auto r = blocked.begin();
    for (std::size_t k = 0; k < w.size(); ++k) {
      while (r != blocked.end() && r->second <= w.tokens[k].begin) ++r;
      if (r == blocked.end()) break;
      if (r->first < w.tokens[k].end) used[k] = 1;
    }
  }
  const double min_confidence = w.data.params().min_output_confidence;
  std::vector<Discovered> found;
  for (std::size_t oi : order) {
    const double span_score = cands[oi].score;
    if (span_score < min_confidence) break;
    const std::size_t g_begin = group_begin[oi], g_end = group_end[oi];
    const Candidate& c = cands[grouped[g_begin]];
    bool free = true;
    for (std::size_t k = c.s; k < c.s + c.n; ++k) free &= !used[k];
    if (!free) continue;
    for (std::size_t k = c.s; k < c.s + c.n; ++k) used[k] = 1;
    found.push_back(render(w, cands, grouped.data() + g_begin, g_end - g_begin,
                           span_score));
  }
  std::sort(found.begin(), found.end(),
            [](const Discovered& a, const Discovered& b) {
              return a.begin < b.begin;
            });
  std::move(found.begin(), found.end(), std::back_inserter(out));
}

void run(Window& w, std::vector<Discovered>& out, const Ranges& blocked) {
  std::vector<Candidate> cands;
  find_candidates(w, cands);
  if (cands.empty()) return;
  score(w, cands);
  select(w, cands, blocked, out);
}

}  // namespace

void discover(const DiscoveryData& data, std::string_view text,
              const std::vector<Token>& tokens, std::vector<Discovered>& out,
              const Ranges& blocked) {
  Window w(data, text, tokens, nullptr);
  run(w, out, blocked);
}

void discover(const DiscoveryData& data, std::string_view text,
              const std::vector<Token>& tokens,
              const std::vector<std::string>& keys,
              std::vector<Discovered>& out, const Ranges& blocked) {
  Window w(data, text, tokens, &keys);
  run(w, out, blocked);
}

void discover_text(const DiscoveryData& data, std::string_view text,
                   std::vector<Discovered>& out, const Ranges& blocked) {
  // Windows of about 1 MB, cut where tokenization is unchanged. Each window
  // re-reads the last words of the one before (kOverlap words, a few of
  // them LM history), so a phrase across a cut is seen whole: a window keeps
  // the findings that start in its own zone, which ends kOverlap words
  // before its cut (the last window's at the end).
  constexpr std::size_t kWindow = std::size_t{1} << 20;
  constexpr std::size_t kOverlap =
      10;  // > kMaxDiscoveryWords + 1 word after + history
  std::vector<Token> tokens;
  std::vector<Discovered> part;
  std::size_t pos = 0, word_base = 0;
  std::size_t own_from = 0;  // findings start at or after this byte
  std::size_t last_end = 0;  // end of the last finding kept
  while (pos < text.size()) {
    const std::size_t cut = pos + kWindow >= text.size()
                                ? text.size()
                                : safe_split(text, pos + kWindow);
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
