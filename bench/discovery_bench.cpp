// unspin bench: discovery of unseen spun phrases (issue 4): recall, exact
// restoration, false alarms, speed and calibration (ECE) on a held-out split.
//
// Usage: unspin_discovery_bench DATA_DIR TRAIN_TSV PROSE_DIR NEWS_TSV
//   DATA_DIR   share/unspin (lm/en-us.lmc, lm/thesaurus.tsv, dictionaries/en)
//   TRAIN_TSV  tortured-phrases.train.tsv; 80 % (hash of the spun phrase)
//              builds the table, 20 % are unseen
//   PROSE_DIR  clean prose (*.txt, recursively), e.g. the Python docs
//   NEWS_TSV   spun sentence<TAB>original sentence (general English)
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "discovery.hpp"
#include "table.hpp"

namespace fs = std::filesystem;
using namespace unspin;
using namespace unspin::detail;

namespace {

std::uint64_t fnv(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

/// "android mobile/phone" -> {"android mobile", "android phone"};
/// "a/b" of whole phrases -> {"a", "b"}; "(nm" parts and "?" removed.
std::vector<std::string> expand(std::string c) {
  auto paren = c.find('(');
  if (paren != std::string::npos) c = c.substr(0, paren);
  while (!c.empty() && c.back() == ' ') c.pop_back();
  std::vector<std::string> out;
  if (c.empty() || c.find('?') != std::string::npos) return out;
  std::vector<std::string> parts;
  std::stringstream ss(c);
  std::string p;
  while (std::getline(ss, p, '/')) parts.push_back(p);
  out.push_back(parts[0]);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].find(' ') == std::string::npos) {
      auto sp = parts[0].rfind(' ');
      out.push_back(sp == std::string::npos ? parts[i]
                                            : parts[0].substr(0, sp + 1) + parts[i]);
    } else {
      out.push_back(parts[i]);
    }
  }
  return out;
}

const char* kTemplates[] = {
    "In this paper we apply {} to the problem of image classification.",
    "Recent work on {} has shown promising results in several studies.",
    "The proposed method relies on {} and was evaluated on two datasets.",
    "We describe how {} is used in practice and discuss its limits.",
    "Table 2 compares {} with the baseline approaches reported earlier.",
};

std::string fill(const std::string& phrase, std::size_t& begin) {
  const std::string t = kTemplates[fnv(phrase) % 5];
  auto at = t.find("{}");
  begin = at;
  return t.substr(0, at) + phrase + t.substr(at + 2);
}

std::string apply_all(const std::string& text, const std::vector<Discovered>& ds) {
  std::string out;
  std::size_t pos = 0;
  for (const auto& d : ds) {
    out += text.substr(pos, d.begin - pos) + d.suggestions[0];
    pos = d.end;
  }
  return out + text.substr(pos);
}

struct Sample {
  double p;
  bool correct;
  double gain;
  bool established, table_sub, unattested;
  double observed;
  bool fit;  // in the fitting half
};

double ece(const std::vector<Sample>& s, bool use_fit_half, bool half) {
  double bins_c[10] = {0}, bins_p[10] = {0}, bins_n[10] = {0};
  std::size_t n = 0;
  for (const auto& x : s) {
    if (use_fit_half && x.fit != half) continue;
    int b = std::min(9, static_cast<int>(x.p * 10));
    bins_c[b] += x.correct;
    bins_p[b] += x.p;
    bins_n[b] += 1;
    ++n;
  }
  double e = 0;
  for (int b = 0; b < 10; ++b)
    if (bins_n[b] > 0) e += std::fabs(bins_c[b] - bins_p[b]) / n;
  return e;
}

long rss_kb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: unspin_discovery_bench DATA_DIR TRAIN_TSV PROSE_DIR "
                 "NEWS_TSV\n";
    return 2;
  }
  const std::string data_dir = argv[1];
  // Split.
  std::vector<Entry> entries;
  struct Unseen {
    std::string spun;
    std::vector<std::string> canon;
  };
  std::vector<Unseen> unseen;
  {
    std::ifstream in(argv[2]);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      std::stringstream ss(line);
      std::string spun, canonical;
      std::getline(ss, spun, '\t');
      std::getline(ss, canonical, '\t');
      auto canon = expand(canonical);
      if (spun.empty() || canon.empty()) continue;
      if (fnv(spun) % 5 == 0) {
        unseen.push_back({spun, canon});
      } else {
        Entry e;
        e.spun = spun;
        e.canonicals = canon;
        entries.push_back(std::move(e));
      }
    }
  }
  // The general-English tables ship with the project and stay whole.
  for (const char* t : {"news.tsv", "mt.tsv"}) {
    auto text = read_file(data_dir + "/dictionaries/en/" + t);
    auto table = parse_table(text, t);
    if (!table.ok()) {
      std::cerr << table.status().message() << "\n";
      return 1;
    }
    for (auto& e : table->entries) entries.push_back(e);
  }
  const long rss0 = rss_kb();
  auto t0 = std::chrono::steady_clock::now();
  auto data = DiscoveryData::load(
      DataSource::File(data_dir + "/lm/en-us.lmc"),
      DataSource::File(data_dir + "/lm/thesaurus.tsv"), entries);
  auto t1 = std::chrono::steady_clock::now();
  if (!data.ok()) {
    std::cerr << data.status().message() << "\n";
    return 1;
  }
  const DiscoveryData& d = **data;
  const double threshold = 0.5;
  std::printf("table: %zu entries (80 %% of the train file + news + mt), "
              "unseen: %zu phrases\n", entries.size(), unseen.size());
  std::printf("load: %.0f ms, +%.1f MB RSS; LM %zu words %zu bigrams %zu "
              "trigrams; %zu established terms, %zu spun variants indexed\n",
              std::chrono::duration<double, std::milli>(t1 - t0).count(),
              (rss_kb() - rss0) / 1024.0, d.lm().words(), d.lm().bigrams(),
              d.lm().trigrams(), d.established_count(), d.variant_count());

  std::vector<Sample> samples;
  auto sample = [&](const Discovered& x, bool correct, const std::string& key) {
    samples.push_back({x.confidence, correct, x.gain, x.established,
                       x.table_sub, x.unattested, x.observed, fnv(key) % 2 == 0});
  };
  std::size_t flagged = 0, restored = 0, flagged_any = 0, canon_flagged = 0,
              canon_n = 0;
  std::vector<Discovered> found, kept;
  std::vector<std::string> misses;
  for (const auto& u : unseen) {
    std::size_t begin = 0;
    const std::string s = fill(u.spun, begin);
    const std::size_t end = begin + u.spun.size();
    found.clear();
    discover_text(d, s, found);
    kept.clear();
    bool hit = false;
    for (const auto& x : found) {
      const bool overlap = x.begin < end && x.end > begin;
      if (x.confidence >= threshold) {
        kept.push_back(x);
        hit |= overlap;
      }
    }
    bool ok = false;
    if (hit) {
      const std::string fixed = lower(apply_all(s, kept));
      for (const auto& c : u.canon) {
        std::size_t b2 = 0;
        ok |= fixed == lower(fill(c, b2).replace(0, 0, "")) ||
              fixed == lower(s.substr(0, begin) + c + s.substr(end));
      }
    }
    flagged_any += !found.empty();
    flagged += hit;
    restored += ok;
    // A finding is right when applying it alone restores the canonical
    // sentence (independent of the threshold).
    for (const auto& x : found) {
      const std::string alone = lower(apply_all(s, {x}));
      bool right = false;
      for (const auto& c : u.canon)
        right |= alone == lower(s.substr(0, begin) + c + s.substr(end));
      sample(x, right, u.spun);
    }
    if (!hit && misses.size() < 12) misses.push_back(u.spun + " -> " + u.canon[0]);
    // The canonical term in the same template.
    for (const auto& c : u.canon) {
      std::size_t b2 = 0;
      const std::string cs = s.substr(0, begin) + c + s.substr(end);
      (void)b2;
      found.clear();
      discover_text(d, cs, found);
      ++canon_n;
      bool any = false;
      for (const auto& x : found) {
        any |= x.confidence >= threshold;
        sample(x, false, c);
      }
      canon_flagged += any;
      break;  // the first alternative only
    }
  }
  std::printf("\nunseen phrases in template sentences (threshold %.2f):\n", threshold);
  std::printf("  flagged:  %zu / %zu = %.1f %% (any candidate, before the "
              "threshold: %.1f %%)\n", flagged, unseen.size(),
              100.0 * flagged / unseen.size(), 100.0 * flagged_any / unseen.size());
  std::printf("  restored exactly (whole sentence equals the canonical one): "
              "%zu = %.1f %%\n", restored, 100.0 * restored / unseen.size());
  std::printf("  canonical sentences flagged: %zu / %zu = %.2f %%\n",
              canon_flagged, canon_n, 100.0 * canon_flagged / canon_n);
  std::printf("  some misses:");
  for (const auto& m : misses) std::printf(" [%s]", m.c_str());
  std::printf("\n");

  // Clean prose.
  std::string prose;
  for (const auto& e : fs::recursive_directory_iterator(argv[3]))
    if (e.is_regular_file() && e.path().extension() == ".txt")
      prose += read_file(e.path().string()) + "\n";
  found.clear();
  auto p0 = std::chrono::steady_clock::now();
  discover_text(d, prose, found);
  auto p1 = std::chrono::steady_clock::now();
  std::vector<Token> toks;
  tokenize(prose, toks);
  auto p2 = std::chrono::steady_clock::now();
  std::size_t prose_hits = 0;
  std::vector<std::string> fa;
  for (const auto& x : found) {
    if (x.confidence < threshold) continue;
    ++prose_hits;
    if (fa.size() < 15)
      fa.push_back(prose.substr(x.begin, x.end - x.begin) + " -> " +
                   x.suggestions[0] + " (" + x.how + ")");
  }
  const double secs = std::chrono::duration<double>(p1 - p0).count();
  const double tok_secs = std::chrono::duration<double>(p2 - p1).count();
  std::printf("\nclean prose: %.1f MB, %zu words: %zu findings = %.2f per "
              "10,000 words\n", prose.size() / 1e6, toks.size(), prose_hits,
              1e4 * prose_hits / toks.size());
  std::printf("  speed: %.1f MB/s single-threaded (tokenize + discover; "
              "tokenize alone %.1f MB/s)\n", prose.size() / 1e6 / secs,
              prose.size() / 1e6 / tok_secs);
  std::printf("  false alarms:");
  for (const auto& m : fa) std::printf(" [%s]", m.c_str());
  std::printf("\n");

  // General-English news sentences.
  {
    std::ifstream in(argv[4]);
    std::string line;
    std::size_t n = 0, hit = 0, ok = 0, orig_flagged = 0;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto tab = line.find('\t');
      if (tab == std::string::npos) continue;
      const std::string spun = line.substr(0, tab), orig = line.substr(tab + 1);
      ++n;
      found.clear();
      discover_text(d, spun, found);
      kept.clear();
      for (const auto& x : found)
        if (x.confidence >= threshold) kept.push_back(x);
      hit += !kept.empty();
      ok += !kept.empty() && apply_all(spun, kept) == orig;
      found.clear();
      discover_text(d, orig, found);
      for (const auto& x : found) orig_flagged += x.confidence >= threshold;
    }
    std::printf("\nnews sentences: %zu spun: flagged %zu, restored exactly %zu; "
                "findings on the originals: %zu\n", n, hit, ok, orig_flagged);
  }

  // Threshold sweep: the same measures at other thresholds.
  std::printf("\nthreshold sweep (unseen flagged / restored, canonical "
              "sentences flagged, clean prose findings per 10k words):\n");
  for (double th : {0.05, 0.1, 0.2, 0.3, 0.5, 0.7}) {
    std::size_t fl = 0, rs = 0, cf = 0, pf = 0;
    for (const auto& u : unseen) {
      std::size_t begin = 0;
      const std::string s = fill(u.spun, begin);
      const std::size_t end = begin + u.spun.size();
      found.clear();
      discover_text(d, s, found);
      kept.clear();
      bool hit = false;
      for (const auto& x : found)
        if (x.confidence >= th) {
          kept.push_back(x);
          hit |= x.begin < end && x.end > begin;
        }
      fl += hit;
      if (hit) {
        const std::string fixed = lower(apply_all(s, kept));
        bool ok = false;
        for (const auto& c : u.canon)
          ok |= fixed == lower(s.substr(0, begin) + c + s.substr(end));
        rs += ok;
      }
      found.clear();
      discover_text(d, s.substr(0, begin) + u.canon[0] + s.substr(end), found);
      bool any = false;
      for (const auto& x : found) any |= x.confidence >= th;
      cf += any;
    }
    found.clear();
    discover_text(d, prose, found);
    for (const auto& x : found) pf += x.confidence >= th;
    std::printf("  %.2f: flagged %5.1f %%  restored %5.1f %%  canonical %5.2f %%"
                "  prose %5.2f / 10k\n", th, 100.0 * fl / unseen.size(),
                100.0 * rs / unseen.size(), 100.0 * cf / unseen.size(),
                1e4 * pf / toks.size());
  }

  // Calibration.
  std::printf("\ncalibration: %zu scored candidates; ECE (10 bins) %.3f\n",
              samples.size(), ece(samples, false, false));
  // Refit the logistic map on one half, report ECE on the other.
  double w[6] = {d.options().cal_bias, d.options().cal_gain,
                 d.options().cal_established, d.options().cal_table_sub,
                 d.options().cal_unattested, d.options().cal_observed};
  for (int it = 0; it < 40000; ++it) {
    double g[6] = {0, 0, 0, 0, 0, 0};
    std::size_t m = 0;
    for (const auto& x : samples) {
      if (!x.fit) continue;
      const double f[6] = {1, std::min(x.gain, 10.0), double(x.established),
                           double(x.table_sub), double(x.unattested),
                           std::max(x.observed, -10.0)};
      double z = 0;
      for (int k = 0; k < 6; ++k) z += w[k] * f[k];
      const double err = 1 / (1 + std::exp(-z)) - x.correct;
      for (int k = 0; k < 6; ++k) g[k] += err * f[k];
      ++m;
    }
    for (int k = 0; k < 6; ++k) w[k] -= 0.1 * g[k] / std::max<std::size_t>(m, 1);
  }
  std::vector<Sample> refit = samples;
  for (auto& x : refit) {
    const double z = w[0] + w[1] * std::min(x.gain, 10.0) + w[2] * x.established +
                     w[3] * x.table_sub + w[4] * x.unattested +
                     w[5] * std::max(x.observed, -10.0);
    x.p = 1 / (1 + std::exp(-z));
  }
  std::printf("  ECE of the shipped map on the held-out half: %.3f; refit "
              "on the other half: bias %.2f gain %.2f established %.2f "
              "table_sub %.2f unattested %.2f observed %.2f -> held-out ECE %.3f\n",
              ece(samples, true, false), w[0], w[1], w[2], w[3], w[4], w[5],
              ece(refit, true, false));
  return 0;
}
