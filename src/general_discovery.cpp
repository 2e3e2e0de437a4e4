// unspin: general-English discovery (general_discovery.hpp).
#include "general_discovery.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "discovery_words.hpp"
#include "table.hpp"

namespace unspin::detail {
namespace {

using Slot = SynonymGraph::Slot;

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// True when only whitespace (or a hyphen touching the word before) lies
/// between two words: they are one clause, as tools/count_ngrams.cpp counts
/// pairs.
bool joined(std::string_view text, std::size_t from, std::size_t to) {
  std::string_view gap = text.substr(from, to - from);
  bool ascii = true;
  for (unsigned char c : gap) ascii &= c < 0x80;
  if (!ascii) {
    std::string g;
    normalize_gap(gap, g);
    return g.empty();
  }
  std::size_t i = 0;
  if (!gap.empty() && gap[0] == '-') i = 1;
  for (; i < gap.size(); ++i) {
    const char c = gap[i];
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') return false;
  }
  return true;
}

/// True when the word at byte `begin` starts a sentence: only whitespace
/// and opening quotes or brackets after '.', '!', '?', ':' or the start.
bool starts_sentence(std::string_view text, std::size_t begin) {
  std::size_t i = begin;
  while (i > 0) {
    const char c = text[i - 1];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '"' ||
        c == '\'' || c == '(' || c == '[')
      --i;
    else
      return c == '.' || c == '!' || c == '?' || c == ':';
  }
  return true;
}

bool capitalized(std::string_view raw) {
  return !raw.empty() && raw[0] >= 'A' && raw[0] <= 'Z';
}

/// ln((count(pair) + 0.1) / (count(first) + 1)): a smoothed bigram
/// log-probability.
double bigram_lp(std::uint32_t pair, std::uint32_t first) {
  return std::log((pair + 0.1) / (first + 1.0));
}

struct Side {
  bool has = false;
  std::uint64_t hash = 0;  // of the neighbour's key
  std::uint32_t freq = 0;  // its corpus count
  bool stop = false;
};

struct Scored {
  std::uint32_t lemma = SynonymGraph::kNone;
  std::string_view form;
  std::uint8_t flags = 0;
  std::uint32_t freq = 0, left = 0, right = 0;
  double lp = -1e30;
};

/// A candidate original of a word: a single-word form of one of its graph
/// originals, inflected like the word, that the counts know.
struct Candidate {
  std::uint32_t lemma = SynonymGraph::kNone;
  std::string_view form;  // in the mapped graph
  std::uint8_t flags = 0;
  std::uint32_t freq = 0;  // corpus count of the form
  std::uint64_t hash = 0;  // fnv1a64(form)
};

/// The candidates of a word, in graph order, and whether it is inflected.
struct CandidateList {
  std::vector<Candidate> cands;
  bool inflected = false;
};

CandidateList candidate_list(const GeneralData& data, std::string_view key,
                             ConstSpan<SynonymGraph::Inflection> readings) {
  const SynonymGraph& graph = data.graph;
  CandidateList out;
  std::vector<std::uint64_t> hashes;
  for (const SynonymGraph::Inflection& in : readings) {
    if (in.slot() != Slot::kBase) out.inflected = true;
    for (const SynonymGraph::Original& o : graph.originals(in.lemma())) {
      const std::string_view form = graph.form_of(o.id(), in.slot());
      if (form.empty() || form.find(' ') != std::string_view::npos) continue;
      if (form == key || same_stem(form, key)) continue;
      out.cands.push_back({o.id(), form, o.flags(), 0, fnv1a64(form)});
      hashes.push_back(out.cands.back().hash);
    }
  }
  std::vector<std::uint32_t> freq(hashes.size());
  data.counts.count_many(hashes.data(), hashes.size(), freq.data());
  std::size_t kept = 0;
  for (std::size_t c = 0; c < out.cands.size(); ++c) {
    if (freq[c] == 0) continue;
    out.cands[kept] = out.cands[c];
    out.cands[kept++].freq = freq[c];
  }
  out.cands.resize(kept);
  return out;
}

}  // namespace

Result<GeneralCalibration> GeneralCalibration::parse(std::string_view text,
                                                     const std::string& name) {
  GeneralCalibration c;
  std::vector<std::pair<std::string, double*>> slots = {
      {"local_bias", &c.local_bias},     {"doc_bias", &c.doc_bias},
      {"final_bias", &c.final_bias},     {"final_local", &c.final_local},
      {"final_doc", &c.final_doc},       {"final_both", &c.final_both},
      {"restore_bias", &c.restore_bias}, {"restore_local", &c.restore_local},
      {"restore_doc", &c.restore_doc},   {"restore_margin", &c.restore_margin}};
  for (std::size_t k = 0; k < kGeneralFeatureCount; ++k)
    slots.emplace_back("local_" + std::string(kGeneralFeatureNames[k]),
                       &c.local[k]);
  for (std::size_t k = 0; k < kGeneralDocFeatureCount; ++k)
    slots.emplace_back("doc_" + std::string(kGeneralDocFeatureNames[k]),
                       &c.doc[k]);
  std::vector<char> seen(slots.size(), 0);
  std::size_t no = 0;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab = line.find('\t');
    const std::string where = name + ":" + std::to_string(no) + ": ";
    if (tab == std::string_view::npos)
      return Status(ErrorCode::kParseError, where + "expected NAME<TAB>VALUE");
    const std::string key(line.substr(0, tab));
    const std::string value(line.substr(tab + 1));
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() ||
        !std::isfinite(v))
      return Status(ErrorCode::kParseError,
                    where + "'" + printable(value) + "' is not a number");
    auto it = std::find_if(slots.begin(), slots.end(),
                           [&](const auto& s) { return s.first == key; });
    if (it == slots.end())
      return Status(ErrorCode::kParseError,
                    where + "unknown weight '" + printable(key) + "'");
    *it->second = v;
    seen[static_cast<std::size_t>(it - slots.begin())] = 1;
  }
  for (std::size_t k = 0; k < slots.size(); ++k)
    if (!seen[k])
      return Status(ErrorCode::kParseError,
                    name + ": weight '" + slots[k].first + "' is missing");
  return c;
}

std::string GeneralCalibration::to_text() const {
  std::string out =
      "# unspin general-English discovery weights, fitted by "
      "bench/general_fit.cpp\n# on the spinner simulator's fit split "
      "(docs/discovery.md). NAME<TAB>VALUE.\n";
  auto row = [&](const std::string& n, double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.4f", v);
    out += n + "\t" + b + "\n";
  };
  row("local_bias", local_bias);
  for (std::size_t k = 0; k < kGeneralFeatureCount; ++k)
    row("local_" + std::string(kGeneralFeatureNames[k]), local[k]);
  row("doc_bias", doc_bias);
  for (std::size_t k = 0; k < kGeneralDocFeatureCount; ++k)
    row("doc_" + std::string(kGeneralDocFeatureNames[k]), doc[k]);
  row("final_bias", final_bias);
  row("final_local", final_local);
  row("final_doc", final_doc);
  row("final_both", final_both);
  row("restore_bias", restore_bias);
  row("restore_local", restore_local);
  row("restore_doc", restore_doc);
  row("restore_margin", restore_margin);
  return out;
}

double GeneralCalibration::local_logit(const GeneralFeatures& f) const {
  double z = local_bias;
  for (std::size_t k = 0; k < kGeneralFeatureCount; ++k) z += local[k] * f[k];
  return z;
}

double GeneralCalibration::doc_logit(const GeneralDocFeatures& f) const {
  double z = doc_bias;
  for (std::size_t k = 0; k < kGeneralDocFeatureCount; ++k) z += doc[k] * f[k];
  return z;
}

void general_spots(const GeneralData& data, std::string_view text,
                   const TokenWindow& window, std::vector<GeneralSpot>& spots,
                   std::size_t* content_words) {
  const NgramCounts& counts = data.counts;
  const SynonymGraph& graph = data.graph;
  const std::size_t n = window.tokens.size();
  std::unordered_map<std::string_view, CandidateList> lists;
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> found;
  for (std::size_t i = 0; i < n; ++i) {
    const Token& t = window.tokens[i];
    if (t.begin < window.own_begin || t.begin >= window.own_end) continue;
    const std::string_view key = window.key(i);
    if (!content_word(key) || key.size() < 3) continue;
    ++*content_words;
    const auto readings = graph.lemma_of(key);
    if (readings.empty()) continue;
    const std::uint64_t wh = fnv1a64(key);
    Side side[2];
    if (i > 0 && joined(text, window.tokens[i - 1].end, t.begin)) {
      const std::string_view k = window.key(i - 1);
      side[0] = {true, fnv1a64(k), counts.word(k), is_stopword(k)};
    }
    if (i + 1 < n && joined(text, t.end, window.tokens[i + 1].begin)) {
      const std::string_view k = window.key(i + 1);
      side[1] = {true, fnv1a64(k), 0, is_stopword(k)};
    }
    if (!side[0].has && !side[1].has) continue;
    // Observed pairs: a word whose every pair is attested fits its context.
    const std::uint32_t wfreq = counts.count(wh);
    const std::uint32_t obs_l =
        side[0].has ? counts.count(NgramCounts::pair_hash(side[0].hash, key))
                    : 0;
    const std::uint32_t obs_r =
        side[1].has
            ? counts.count(NgramCounts::pair_hash(wh, window.key(i + 1)))
            : 0;
    if ((!side[0].has || obs_l > 0) && (!side[1].has || obs_r > 0)) continue;
    auto score = [&](std::uint32_t freq, std::uint32_t l, std::uint32_t r) {
      double lp = 0;
      if (side[0].has) lp += bigram_lp(l, side[0].freq);
      if (side[1].has) lp += bigram_lp(r, freq);
      return lp;
    };
    // The word's candidates (the same for every occurrence in the window),
    // then the pairs each makes with the neighbours, probed in batches.
    auto memo = lists.find(key);
    if (memo == lists.end())
      memo = lists.emplace(key, candidate_list(data, key, readings)).first;
    const CandidateList& list = memo->second;
    const std::size_t nc = list.cands.size();
    hashes.resize(2 * nc);
    found.resize(2 * nc);
    for (std::size_t c = 0; c < nc; ++c) {
      const Candidate& cand = list.cands[c];
      hashes[2 * c] =
          side[0].has ? NgramCounts::pair_hash(side[0].hash, cand.form) : 0;
      hashes[2 * c + 1] =
          side[1].has ? NgramCounts::pair_hash(cand.hash, window.key(i + 1))
                      : 0;
    }
    counts.count_many(hashes.data(), hashes.size(), found.data());
    Scored best, second;
    for (std::size_t c = 0; c < nc; ++c) {
      const Candidate& cand = list.cands[c];
      const std::uint32_t l = side[0].has ? found[2 * c] : 0;
      const std::uint32_t r = side[1].has ? found[2 * c + 1] : 0;
      if (l == 0 && r == 0) continue;
      Scored sc{cand.lemma,
                cand.form,
                cand.flags,
                cand.freq,
                l,
                r,
                score(cand.freq, l, r)};
      if (sc.lp > best.lp) {
        second = best;
        best = sc;
      } else if (sc.lp > second.lp) {
        second = sc;
      }
    }
    const std::size_t tried = nc;
    const bool inflected = list.inflected;
    if (best.lemma == SynonymGraph::kNone) continue;
    GeneralSpot spot;
    spot.word = window.first_word + i;
    spot.begin = t.begin;
    spot.end = t.end;
    spot.word_key = std::string(key);
    spot.original = std::string(best.form);
    spot.original_lemma = std::string(graph.entry(best.lemma));
    const std::string_view raw = text.substr(t.begin, t.end - t.begin);
    spot.sentence_start = starts_sentence(text, t.begin);
    GeneralFeatures& f = spot.features;
    auto set = [&](GeneralFeature k, double v) {
      f[static_cast<std::size_t>(k)] = v;
    };
    const double gain = best.lp - score(wfreq, obs_l, obs_r);
    set(GeneralFeature::kFreqWord, std::log1p(wfreq));
    set(GeneralFeature::kFreqCand, std::log1p(best.freq));
    set(GeneralFeature::kLeftObs, std::log1p(obs_l));
    set(GeneralFeature::kRightObs, std::log1p(obs_r));
    set(GeneralFeature::kLeftCand, std::log1p(best.left));
    set(GeneralFeature::kRightCand, std::log1p(best.right));
    set(GeneralFeature::kGain, std::min(gain, 15.0));
    set(GeneralFeature::kHasLeft, side[0].has ? 1 : 0);
    set(GeneralFeature::kHasRight, side[1].has ? 1 : 0);
    set(GeneralFeature::kStopLeft, side[0].has && side[0].stop ? 1 : 0);
    set(GeneralFeature::kStopRight, side[1].has && side[1].stop ? 1 : 0);
    set(GeneralFeature::kCapital,
        capitalized(raw) && !spot.sentence_start ? 1 : 0);
    set(GeneralFeature::kMobyFrom,
        (best.flags & SynonymGraph::kMobyFromOriginal) ? 1 : 0);
    set(GeneralFeature::kMobyTo,
        (best.flags & SynonymGraph::kMobyToOriginal) ? 1 : 0);
    set(GeneralFeature::kMyThes, (best.flags & SynonymGraph::kMyThes) ? 1 : 0);
    set(GeneralFeature::kInflected, inflected ? 1 : 0);
    set(GeneralFeature::kCands, std::log1p(static_cast<double>(tried)));
    spot.margin = second.lemma == SynonymGraph::kNone
                      ? 5.0
                      : std::min(best.lp - second.lp, 5.0);
    spot.local = data.calibration.local_logit(f);
    spots.push_back(std::move(spot));
  }
}

GeneralDocument general_document(const GeneralData& data,
                                 const std::vector<GeneralSpot>& spots,
                                 std::size_t content_words) {
  GeneralDocument d;
  d.content_words = content_words;
  double sum = 0;
  std::size_t p50 = 0, p90 = 0;
  for (const GeneralSpot& s : spots) {
    const double p = sigmoid(s.local);
    sum += p;
    p50 += p >= 0.5;
    p90 += p >= 0.9;
  }
  const double n = content_words > 0 ? static_cast<double>(content_words) : 1;
  auto set = [&](GeneralDocFeature k, double v) {
    d.features[static_cast<std::size_t>(k)] = v;
  };
  set(GeneralDocFeature::kSpotShare, static_cast<double>(p50) / n);
  set(GeneralDocFeature::kStrongShare, static_cast<double>(p90) / n);
  set(GeneralDocFeature::kMeanP, sum / n);
  d.logit = data.calibration.doc_logit(d.features);
  d.p_spun = sigmoid(d.logit);
  return d;
}

double general_p_spun(const GeneralCalibration& cal, const GeneralSpot& s,
                      const GeneralDocument& doc) {
  // Document evidence gates: a document not judged spun reports no
  // single-word swap (alone, each would be a false alarm).
  if (doc.p_spun < 0.5) return 0;
  return sigmoid(cal.final_bias + cal.final_local * s.local +
                 cal.final_doc * doc.logit +
                 cal.final_both * s.local * doc.p_spun);
}

double general_p_restores(const GeneralCalibration& cal, const GeneralSpot& s,
                          const GeneralDocument& doc) {
  return std::min(
      general_p_spun(cal, s, doc),
      sigmoid(cal.restore_bias + cal.restore_local * s.local +
              cal.restore_doc * doc.logit + cal.restore_margin * s.margin));
}

Result<GeneralData> load_general_data(const std::string& counts_path,
                                      const std::string& graph_path,
                                      const DataSource& calibration) {
  GeneralData d;
  auto counts = NgramCounts::open(counts_path);
  if (!counts.ok()) return counts.status();
  auto graph = SynonymGraph::open(graph_path);
  if (!graph.ok()) return graph.status();
  auto text = read_source(calibration);
  if (!text.ok()) return text.status();
  auto cal = GeneralCalibration::parse(
      *text, calibration.name.empty() ? calibration.path : calibration.name);
  if (!cal.ok()) return cal.status();
  d.counts = std::move(*counts);
  d.graph = std::move(*graph);
  d.calibration = *cal;
  return d;
}

}  // namespace unspin::detail
