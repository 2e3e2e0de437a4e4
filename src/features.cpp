// unspin: computing a candidate's calibration features (the list and its
// meaning: features.hpp).
#include "features.hpp"

#include <algorithm>
#include <cmath>

#include "candidates.hpp"

namespace unspin::detail {

FeatureVector compute_features(Window& w, const Candidate& c) {
  double spinner = c.spinner, spinners = 0, in_vocab = 0, in_canon = 0,
         rare = 0;
  // Capitals: inside a word (DataSet), or on some of the span's words but
  // not all (arbitrary Python); a Title Case heading is not a name.
  bool capital = false;
  std::size_t initial_caps = 0, cased = 0;
  auto upper = [&](std::size_t b) {
    return w.text[b] >= 'A' && w.text[b] <= 'Z';
  };
  for (std::size_t k = 0; k < c.n; ++k) {
    const std::size_t i = c.s + k;
    const Token& t = w.tokens[i];
    for (std::size_t b = t.begin + 1; b < t.end && !capital; ++b)
      capital = upper(b) && !upper(b - 1);
    if (i > w.clause(i)) {
      ++cased;
      initial_caps += upper(t.begin);
    }
    rare = std::min(rare, std::max(-7.0, w.lm.unigram(w.id(i))));
    const double sp = w.spin(i);
    spinner = std::max(spinner, sp);
    spinners += sp > 0;
    in_vocab += w.data.vocab(w.word(i)) != 0;
    in_canon += (w.data.vocab(c.words[k]) & 2) != 0;
  }
  capital |= initial_caps > 0 && initial_caps < cased;
  FeatureVector f;
  f[Feature::kGain] = std::min(c.gain, 10.0);
  f[Feature::kEstablished] = c.established ? 1.0 : 0.0;
  f[Feature::kTableSub] = c.table_sub ? 1.0 : 0.0;
  f[Feature::kUnattested] = c.unattested ? 1.0 : 0.0;
  f[Feature::kObserved] = std::max(c.observed, -10.0);
  f[Feature::kSpinner] = spinner;
  f[Feature::kHedged] = c.hedged ? 1.0 : 0.0;
  f[Feature::kVocab] = in_vocab / static_cast<double>(c.n);
  f[Feature::kCanonVocab] = in_canon / static_cast<double>(c.n);
  f[Feature::kSpinnerWords] = std::max(0.0, spinners - 1);
  f[Feature::kCapital] = capital ? 1.0 : 0.0;
  f[Feature::kRare] = rare;
  f[Feature::kTaught] = std::log1p(static_cast<double>(c.taught));
  return f;
}

}  // namespace unspin::detail
