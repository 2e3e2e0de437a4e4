// unspin: discovery over a scan's token windows, settled against the table
// findings at the end (see discovery_pass.hpp for why it is exact).
#include "discovery_pass.hpp"

#include <utility>

namespace unspin::detail {

void DiscoveryPass::add(std::string_view text, const TokenWindow& window,
                        const HitSet& found) {
  spans_.clear();
  auto collect = [&](auto begin_of, auto end_of, const auto& v,
                     std::size_t from) {
    for (std::size_t k = from; k < v.size(); ++k)
      if (end_of(v[k]) > window.begin && begin_of(v[k]) < window.end)
        spans_.emplace_back(begin_of(v[k]), end_of(v[k]));
  };
  auto hit_b = [](const Hit& h) { return h.begin; };
  auto hit_e = [](const Hit& h) { return h.end; };
  auto r_b = [](const std::pair<std::size_t, std::size_t>& r) {
    return r.first;
  };
  auto r_e = [](const std::pair<std::size_t, std::size_t>& r) {
    return r.second;
  };
  collect(hit_b, hit_e, found.variants, marks_[0][0]);
  collect(r_b, r_e, found.allowed, marks_[0][1]);
  collect(r_b, r_e, found.blocked, marks_[0][2]);
  marks_[0][0] = marks_[1][0];
  marks_[0][1] = marks_[1][1];
  marks_[0][2] = marks_[1][2];
  marks_[1][0] = found.variants.size();
  marks_[1][1] = found.allowed.size();
  marks_[1][2] = found.blocked.size();
  Window win;
  win.begin = window.begin;
  win.end = window.end;
  win.own_begin = window.own_begin;
  win.own_end = window.own_end;
  win.first_word = window.first_word;
  run(text, window, merge_ranges(std::move(spans_)), win);
  spans_.clear();
  windows_.push_back(std::move(win));
}

void DiscoveryPass::run(std::string_view text, const TokenWindow& w,
                        const Ranges& blocked, Window& win) {
  win.picks.clear();
  win.kept.clear();
  part_.clear();
  // The window's keys: discovery does not normalize the words again.
  discover(data_, text, w.tokens, w.key_strings(), part_, blocked);
  std::vector<Token> clipped;
  std::vector<std::string_view> words;
  std::string norm;
  for (Discovered& d : part_) {
    win.picks.emplace_back(d.begin, d.end);
    if (d.begin < win.own_begin || d.begin >= win.own_end) continue;
    DiscoveredSpan s;
    // The span's words as the finding shows them (trimmed of format
    // characters at either end), and their keys.
    std::size_t b = d.begin, e = d.end;
    trim_format_chars(text, &b, &e);
    const Token* first = w.tokens.data() + d.first_word;
    clip_tokens(first, first + (d.last_word - d.first_word), b, e, clipped);
    words.clear();
    for (const Token& t : clipped) {
      const std::string_view word = text.substr(t.begin, t.end - t.begin);
      words.push_back(word);
      if (!s.spun_lemma.empty()) s.spun_lemma += ' ';
      std::size_t i = d.first_word;
      while (w.tokens[i].end <= t.begin) ++i;
      if (w.tokens[i].begin == t.begin && w.tokens[i].end == t.end) {
        s.spun_lemma += w.key(i);
      } else {
        normalize_word(word, norm);
        s.spun_lemma += norm;
      }
    }
    s.pattern = case_pattern(words);
    d.first_word += win.first_word;
    d.last_word += win.first_word;
    s.found = std::move(d);
    win.kept.push_back(std::move(s));
  }
}

void DiscoveryPass::finish(std::string_view text, const Ranges& taken,
                           std::vector<DiscoveredSpan>& out) {
  TokenWindow again;
  std::size_t last_end = 0;  // end of the last span kept
  for (Window& win : windows_) {
    bool touched = false;
    for (const auto& p : win.picks)
      touched = touched || overlaps(taken, p.first, p.second);
    if (touched) {
      again.read(text, win.begin, win.end);
      run(text, again, taken, win);
    }
    for (DiscoveredSpan& s : win.kept) {
      if (s.found.begin < last_end) continue;
      last_end = s.found.end;
      out.push_back(std::move(s));
    }
  }
  windows_.clear();
}

}  // namespace unspin::detail
