// unspin: general-English discovery in a scan (general_pass.hpp).
#include "general_pass.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "discovery.hpp"
#include "rewrite.hpp"
#include "score.hpp"

namespace unspin::detail {
namespace {

std::string count_of(const GeneralSpot& s, GeneralFeature f) {
  const double v = std::expm1(s.features[static_cast<std::size_t>(f)]);
  return std::to_string(static_cast<long long>(std::llround(v)));
}

/// What decided the spot, for --explain.
std::string explain(const GeneralSpot& s, const GeneralDocument& doc) {
  auto has = [&](GeneralFeature f) {
    return s.features[static_cast<std::size_t>(f)] != 0;
  };
  std::string e = "'" + s.word_key + "' for '" + s.original + "' (" +
                  (has(GeneralFeature::kMyThes) ? "MyThes" : "Moby") +
                  " synonyms); in 48M words of general English";
  if (has(GeneralFeature::kHasLeft))
    e += ", the pair with the word before: " +
         count_of(s, GeneralFeature::kLeftObs) + " times as written, " +
         count_of(s, GeneralFeature::kLeftCand) + " restored";
  if (has(GeneralFeature::kHasRight))
    e += ", with the word after: " + count_of(s, GeneralFeature::kRightObs) +
         " as written, " + count_of(s, GeneralFeature::kRightCand) +
         " restored";
  char b[96];
  std::snprintf(b, sizeof b,
                "; the document looks spun (P %.2f over %zu content words)",
                doc.p_spun, doc.content_words);
  return e + b;
}

}  // namespace

void add_general_findings(std::string_view text, const GeneralData& data,
                          const std::vector<GeneralSpot>& spots,
                          const GeneralDocument& doc, const HitSet& found,
                          const Ranges& allowed, double threshold,
                          std::vector<Finding>& findings) {
  if (spots.empty() || doc.p_spun < 0.5) return;
  Ranges spans = found.blocked;
  for (const Hit& h : found.variants) spans.emplace_back(h.begin, h.end);
  for (const Finding& f : findings) spans.emplace_back(f.begin, f.end);
  spans.insert(spans.end(), allowed.begin(), allowed.end());
  const Ranges taken = merge_ranges(std::move(spans));
  const std::size_t before = findings.size();
  std::size_t floor = 0;  // end of the last general finding
  for (const GeneralSpot& s : spots) {
    const double p = general_p_spun(data.calibration, s, doc);
    const double r = general_p_restores(data.calibration, s, doc);
    const double conf = r >= kOfferGuess ? r : p;
    if (conf < threshold || overlaps(taken, s.begin, s.end) || s.begin < floor)
      continue;
    const std::string_view raw = text.substr(s.begin, s.end - s.begin);
    const CasePattern pattern = case_pattern({raw});
    Discovered d;
    d.begin = s.begin;
    d.end = s.end;
    d.suggestions = {apply_case(s.original, pattern)};
    d.confidence = p;
    d.restore_confidence = r;
    d.how = "general";
    d.explanation = explain(s, doc);
    d.original_lemma = s.original_lemma;
    Finding f;
    render_discovered_finding(text, d, pattern, s.word_key, conf, taken, floor,
                              f);
    floor = f.end;
    findings.push_back(std::move(f));
  }
  if (findings.size() > before)
    std::stable_sort(
        findings.begin(), findings.end(),
        [](const Finding& a, const Finding& b) { return a.begin < b.begin; });
}

}  // namespace unspin::detail
