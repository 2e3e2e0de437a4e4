// unspin: scoring: the confidence of a finding and the document verdict.
// A logistic model over the entry's prior and the document's evidence.
#include "score.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace unspin::detail {
namespace {

double logit(double p) {
  p = std::clamp(p, 1e-6, 1 - 1e-6);
  return std::log(p / (1 - p));
}

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

}  // namespace

double confidence(const ScoreInput& in, const ScoreWeights& w,
                  std::string* explanation) {
  double z = logit(in.prior);
  std::string ex;
  if (explanation) ex = "prior " + fmt("%.2f", in.prior);
  if (in.ordinary_word) {
    z -= w.ordinary_word;
    if (explanation)
      ex += "; ordinary single word " + fmt("-%.2f", w.ordinary_word);
  }
  if (in.derived) {
    z -= w.derived;
    if (explanation) ex += "; inflected form " + fmt("-%.2f", w.derived);
  }
  if (in.context_required_present) {
    z += w.context;
    if (explanation)
      ex += "; required context present " + fmt("+%.2f", w.context);
  }
  if (in.other_phrases > 0) {
    double gain = w.bulk * std::log1p(in.other_evidence);
    z += gain;
    if (explanation)
      ex += "; " + std::to_string(in.other_phrases) +
            " other spun phrase(s) in the document (evidence " +
            fmt("%.2f", in.other_evidence) + ") " + fmt("+%.2f", gain);
  }
  double c = 1 / (1 + std::exp(-z));
  c = std::clamp(c, 0.01, 0.99);
  // Round so that output is identical across platforms' libm last bits.
  c = std::round(c * 10000) / 10000;
  if (explanation) *explanation = ex + " => " + fmt("%.4f", c);
  return c;
}

double document_score(const std::vector<double>& best_per_entry) {
  double clean = 1;
  for (double c : best_per_entry) clean *= 1 - c;
  return std::round((1 - clean) * 10000) / 10000;
}

double table_confidence(ScoreInput in, const DocumentEvidence& doc,
                        const ScoreWeights& w, std::string* explanation) {
  in.other_phrases = static_cast<int>(doc.distinct_entries) - 1;
  // Evidence is a density: in a long document (a book, a corpus scanned
  // as one text) unrelated ordinary words must not vouch for each other,
  // so it is divided by the number of 5,000-word stretches.
  in.other_evidence =
      (doc.total_prior - in.prior) /
      std::max(1.0, static_cast<double>(doc.words) / kEvidenceWords);
  return confidence(in, w, explanation);
}

void make_verdict(std::size_t words, std::size_t findings,
                  const std::vector<double>& best_per_phrase, Verdict& v) {
  v.words = words;
  v.findings = findings;
  v.distinct_phrases = best_per_phrase.size();
  v.findings_per_1000_words = v.words == 0
                                  ? 0
                                  : static_cast<double>(v.findings) * 1000.0 /
                                        static_cast<double>(v.words);
  v.spun_score = document_score(best_per_phrase);
  v.spun = v.spun_score >= 0.5;
}

}  // namespace unspin::detail
