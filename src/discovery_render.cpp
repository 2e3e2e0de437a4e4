// unspin: rendering a discovered span: suggestions, "how" and explanation
// (see discovery_render.hpp).
#include "discovery_render.hpp"

#include <algorithm>
#include <cstdio>

namespace unspin::detail {
namespace {

/// The case of the text's word `model` on lowercase `w`: all capitals
/// (ASCII) when the model is an all-capital word of 2+ bytes, else a capital
/// first letter when the model starts with one. Per word and ASCII only,
/// unlike rewrite.hpp's apply_case(), which reads the whole span and
/// Unicode letters: discovery's suggestions keep this behaviour.
std::string word_case(std::string_view model, const std::string& w) {
  bool any_lower = false, first_upper = false;
  for (std::size_t i = 0; i < model.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(model[i]);
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

/// The candidate's words in the case of the text's words, with the text's
/// gaps between them.
std::string suggestion(const Window& w, const Candidate& c) {
  std::string s;
  for (std::size_t k = 0; k < c.n; ++k) {
    const Token& t = w.tokens[c.s + k];
    s += word_case(w.text.substr(t.begin, t.end - t.begin), c.words[k]);
    if (k + 1 < c.n)
      s += w.text.substr(t.end, w.tokens[c.s + k + 1].begin - t.end);
  }
  return s;
}

std::string how(const Candidate& c) {
  return std::string(c.established    ? "established-term"
                     : c.from_spinner ? "spinner"
                                      : "lm") +
         (c.table_sub ? "+table" : "") + (c.thesaurus_sub ? "+thesaurus" : "");
}

/// "'from' -> 'original' (taught by N table entries | thesaurus)", joined.
std::string changes_text(const Candidate& c) {
  std::string out;
  for (const Change& ch : c.changes) {
    const Substitution& x = *ch.sub;
    if (!out.empty()) out += ", ";
    out += "'" + ch.from + "' -> '" + x.original + "' (" +
           (x.count ? "taught by " + std::to_string(x.count) + " table entr" +
                          (x.count == 1 ? "y" : "ies")
                    : std::string("thesaurus")) +
           ")";
  }
  return out;
}

std::string explanation(const Candidate& c) {
  char gain[32];
  std::snprintf(gain, sizeof gain, "%.1f", c.gain);
  return "discovered: " + changes_text(c) + "; '" + c.lemma + "' " +
         (c.established ? "is an established term (a table's canonical side)"
                        : "is not in any table") +
         (c.hedged ? " (a best guess: the LM attests no restoration)" : "") +
         "; LM gain " + gain + " log10 over the text";
}

}  // namespace

Discovered render(const Window& w, const std::vector<Candidate>& cands,
                  const std::size_t* group, std::size_t group_size,
                  double span_score) {
  const Candidate& c = cands[group[0]];
  Discovered d;
  d.first_word = c.s;
  d.last_word = c.s + c.n;
  d.begin = w.tokens[c.s].begin;
  d.end = w.tokens[c.s + c.n - 1].end;
  d.confidence = span_score;
  d.restore_confidence = std::min(c.rscore, span_score);
  d.features = c.features;
  d.original_lemma = c.lemma;
  d.how = how(c);
  d.suggestions.push_back(suggestion(w, c));
  for (std::size_t k = 1; k < group_size; ++k) {
    std::string r = suggestion(w, cands[group[k]]);
    if (std::find(d.suggestions.begin(), d.suggestions.end(), r) ==
        d.suggestions.end())
      d.suggestions.push_back(std::move(r));
  }
  d.explanation = explanation(c);
  return d;
}

}  // namespace unspin::detail
