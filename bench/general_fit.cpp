// unspin bench: fits general-English discovery's weights on the spinner
// simulator's fit split (tools/spin_sim.py) and prints its figures on another
// split, straight from the library's spots (bench/spin_bench.py measures
// the same through cleanup).
//
// usage: unspin_general_fit --sim DIR [--data-dir DIR] [--fit fit]
//            [--eval dev] [--write FILE] [--graph FILE]
//   DIR          tools/spin_sim.py output (DIR/{fit,dev,test}/NAME.*)
//   --write      writes the fitted weights (calibration.tsv format); without
//                it the data dir's dictionaries/general/calibration.tsv is
//                evaluated as is
//   --graph      a graph.bin to use instead of the data dir's (e.g. one
//                with links hidden)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "data_dir.hpp"
#include "general_discovery.hpp"
#include "text.hpp"

namespace fs = std::filesystem;
using unspin::detail::GeneralCalibration;
using unspin::detail::GeneralData;
using unspin::detail::GeneralDocument;
using unspin::detail::GeneralSpot;
using unspin::detail::kGeneralDocFeatureCount;
using unspin::detail::kGeneralFeatureCount;

namespace {

struct Gold {
  std::size_t begin, end;
  std::string original;
};

struct Doc {
  std::string name;
  bool spun = false;
  std::size_t words = 0;
  std::size_t content = 0;
  std::vector<GeneralSpot> spots;
  std::vector<int> label;     // spot on a gold span
  std::vector<int> restores;  // ... and its original is the gold one
  std::size_t gold = 0;
  std::vector<Gold> golds;
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

void analyze(const GeneralData& data, const std::string& text, Doc& d) {
  unspin::detail::WindowReader reader(text);
  unspin::detail::TokenWindow w;
  std::size_t words = 0;
  while (reader.next(w)) {
    unspin::detail::general_spots(data, text, w, d.spots, &d.content);
    words = w.first_word + w.tokens.size();
  }
  d.words = words;
  for (const GeneralSpot& s : d.spots) {
    int lab = 0, res = 0;
    for (const Gold& g : d.golds) {
      if (s.begin < g.end && g.begin < s.end) {
        lab = 1;
        res = lower(g.original) == s.original;
        break;
      }
    }
    d.label.push_back(lab);
    d.restores.push_back(res);
  }
}

std::vector<Doc> load_split(const GeneralData& data, const fs::path& dir) {
  std::vector<fs::path> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string f = e.path().filename().string();
    if (f.size() > 9 && f.substr(f.size() - 9) == ".spun.txt")
      names.push_back(e.path());
  }
  std::sort(names.begin(), names.end());
  std::vector<Doc> docs;
  for (const fs::path& p : names) {
    const std::string f = p.filename().string();
    const std::string base = f.substr(0, f.size() - 9);
    Doc spun;
    spun.name = base;
    spun.spun = true;
    std::ifstream gold(dir / (base + ".gold.jsonl"));
    for (std::string line; std::getline(gold, line);) {
      auto j = nlohmann::json::parse(line);
      spun.golds.push_back({j["begin"].get<std::size_t>(),
                            j["end"].get<std::size_t>(),
                            j["original"].get<std::string>()});
    }
    spun.gold = spun.golds.size();
    analyze(data, read(p), spun);
    docs.push_back(std::move(spun));
    Doc clean;
    clean.name = base;
    analyze(data, read(dir / (base + ".clean.txt")), clean);
    docs.push_back(std::move(clean));
  }
  return docs;
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// Logistic regression by Newton's method with a small L2 penalty; x rows
/// without the bias (added as the first weight).
std::vector<double> fit(const std::vector<std::vector<double>>& x,
                        const std::vector<int>& y, double l2 = 1e-2) {
  const std::size_t d = x.empty() ? 1 : x[0].size() + 1;
  std::vector<double> w(d, 0.0);
  for (int iter = 0; iter < 30; ++iter) {
    std::vector<double> g(d, 0.0);
    std::vector<double> h(d * d, 0.0);
    std::vector<double> row(d);
    for (std::size_t i = 0; i < x.size(); ++i) {
      row[0] = 1;
      std::copy(x[i].begin(), x[i].end(), row.begin() + 1);
      double z = 0;
      for (std::size_t k = 0; k < d; ++k) z += w[k] * row[k];
      const double p = sigmoid(z);
      const double r = y[i] - p;
      const double s = std::max(p * (1 - p), 1e-9);
      for (std::size_t a = 0; a < d; ++a) {
        g[a] += r * row[a];
        for (std::size_t b = 0; b < d; ++b) h[a * d + b] += s * row[a] * row[b];
      }
    }
    for (std::size_t a = 1; a < d; ++a) {
      g[a] -= l2 * w[a];
      h[a * d + a] += l2;
    }
    h[0] += 1e-9;
    // Solve h * step = g (Gaussian elimination, partial pivoting).
    std::vector<double> step = g;
    for (std::size_t c = 0; c < d; ++c) {
      std::size_t piv = c;
      for (std::size_t r = c + 1; r < d; ++r)
        if (std::fabs(h[r * d + c]) > std::fabs(h[piv * d + c])) piv = r;
      if (piv != c) {
        for (std::size_t k = 0; k < d; ++k)
          std::swap(h[c * d + k], h[piv * d + k]);
        std::swap(step[c], step[piv]);
      }
      const double diag = h[c * d + c];
      if (std::fabs(diag) < 1e-12) continue;
      for (std::size_t r = 0; r < d; ++r) {
        if (r == c) continue;
        const double f = h[r * d + c] / diag;
        if (f == 0) continue;
        for (std::size_t k = c; k < d; ++k) h[r * d + k] -= f * h[c * d + k];
        step[r] -= f * step[c];
      }
    }
    double change = 0;
    for (std::size_t c = 0; c < d; ++c) {
      const double diag = h[c * d + c];
      const double s = std::fabs(diag) < 1e-12 ? 0 : step[c] / diag;
      w[c] += s;
      change = std::max(change, std::fabs(s));
    }
    if (change < 1e-6) break;
  }
  return w;
}

void relocal(const GeneralCalibration& cal, std::vector<Doc>& docs) {
  for (Doc& d : docs)
    for (GeneralSpot& s : d.spots) s.local = cal.local_logit(s.features);
}

void fit_all(std::vector<Doc>& docs, GeneralCalibration& cal) {
  // 1. The spot's own evidence.
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  for (const Doc& d : docs)
    for (std::size_t i = 0; i < d.spots.size(); ++i) {
      x.emplace_back(d.spots[i].features.begin(), d.spots[i].features.end());
      y.push_back(d.label[i]);
    }
  std::vector<double> w = fit(x, y);
  cal.local_bias = w[0];
  for (std::size_t k = 0; k < kGeneralFeatureCount; ++k)
    cal.local[k] = w[k + 1];
  relocal(cal, docs);
  // 2. The document: spun or clean.
  x.clear();
  y.clear();
  GeneralData scratch;
  scratch.calibration = cal;
  for (const Doc& d : docs) {
    GeneralDocument doc =
        unspin::detail::general_document(scratch, d.spots, d.content);
    x.emplace_back(doc.features.begin(), doc.features.end());
    y.push_back(d.spun ? 1 : 0);
  }
  w = fit(x, y, 1e-1);
  cal.doc_bias = w[0];
  for (std::size_t k = 0; k < kGeneralDocFeatureCount; ++k)
    cal.doc[k] = w[k + 1];
  scratch.calibration = cal;
  // 3. A spot in its document: spun; spun and restored.
  x.clear();
  y.clear();
  std::vector<std::vector<double>> xr;
  std::vector<int> yr;
  for (const Doc& d : docs) {
    GeneralDocument doc =
        unspin::detail::general_document(scratch, d.spots, d.content);
    for (std::size_t i = 0; i < d.spots.size(); ++i) {
      x.push_back({d.spots[i].local, doc.logit, d.spots[i].local * doc.p_spun});
      y.push_back(d.label[i]);
      xr.push_back({d.spots[i].local, doc.logit, d.spots[i].margin});
      yr.push_back(d.restores[i]);
    }
  }
  w = fit(x, y);
  cal.final_bias = w[0];
  cal.final_local = w[1];
  cal.final_doc = w[2];
  cal.final_both = w[3];
  w = fit(xr, yr);
  cal.restore_bias = w[0];
  cal.restore_local = w[1];
  cal.restore_doc = w[2];
  cal.restore_margin = w[3];
}

void sweep(const GeneralCalibration& cal, const std::vector<Doc>& docs) {
  GeneralData scratch;
  scratch.calibration = cal;
  const double cuts[] = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
  for (double cut : cuts) {
    std::size_t gold = 0, flagged = 0, fa = 0, clean_words = 0;
    for (const Doc& d : docs) {
      GeneralDocument doc =
          unspin::detail::general_document(scratch, d.spots, d.content);
      std::vector<char> hit(d.golds.size(), 0);
      for (const GeneralSpot& s : d.spots) {
        if (unspin::detail::general_p_spun(cal, s, doc) < cut) continue;
        if (!d.spun) ++fa;
        for (std::size_t g = 0; g < d.golds.size(); ++g)
          if (s.begin < d.golds[g].end && d.golds[g].begin < s.end) hit[g] = 1;
      }
      if (!d.spun) clean_words += d.words;
      gold += d.golds.size();
      flagged +=
          static_cast<std::size_t>(std::count(hit.begin(), hit.end(), 1));
    }
    std::printf(
        "at P(spun) >= %.2f: flagged_pct %.2f, false alarms per 10k "
        "clean words %.2f\n",
        cut,
        100.0 * static_cast<double>(flagged) /
            static_cast<double>(gold ? gold : 1),
        1e4 * static_cast<double>(fa) /
            static_cast<double>(clean_words ? clean_words : 1));
  }
}

void evaluate(const GeneralCalibration& cal, std::vector<Doc>& docs,
              const std::string& split) {
  relocal(cal, docs);
  GeneralData scratch;
  scratch.calibration = cal;
  std::size_t gold = 0, flagged = 0, restored = 0, spun_docs = 0,
              clean_docs = 0, spun_called = 0, clean_called = 0;
  std::size_t clean_words = 0, clean_fa = 0, spun_words = 0, spun_fa = 0;
  std::size_t spotted = 0, right_guess = 0;
  for (const Doc& d : docs) {
    for (std::size_t g = 0; g < d.golds.size(); ++g) {
      for (std::size_t i = 0; i < d.spots.size(); ++i) {
        if (d.spots[i].begin < d.golds[g].end &&
            d.golds[g].begin < d.spots[i].end) {
          ++spotted;
          right_guess += d.restores[i];
          break;
        }
      }
    }
    GeneralDocument doc =
        unspin::detail::general_document(scratch, d.spots, d.content);
    (d.spun ? spun_docs : clean_docs)++;
    if (doc.p_spun >= 0.5) (d.spun ? spun_called : clean_called)++;
    std::vector<char> hit(d.golds.size(), 0), res(d.golds.size(), 0);
    for (std::size_t i = 0; i < d.spots.size(); ++i) {
      const GeneralSpot& s = d.spots[i];
      const double p = unspin::detail::general_p_spun(cal, s, doc);
      const double r = unspin::detail::general_p_restores(cal, s, doc);
      const double conf = r >= 0.5 ? r : p;
      if (conf < 0.5) continue;
      bool on_gold = false;
      for (std::size_t g = 0; g < d.golds.size(); ++g) {
        if (s.begin < d.golds[g].end && d.golds[g].begin < s.end) {
          on_gold = true;
          hit[g] = 1;
          if (r >= 0.5 && d.restores[i]) res[g] = 1;
        }
      }
      if (!d.spun)
        ++clean_fa;
      else if (!on_gold)
        ++spun_fa;
    }
    (d.spun ? spun_words : clean_words) += d.words;
    gold += d.golds.size();
    flagged += static_cast<std::size_t>(std::count(hit.begin(), hit.end(), 1));
    restored += static_cast<std::size_t>(std::count(res.begin(), res.end(), 1));
  }
  auto pct = [](std::size_t a, std::size_t b) {
    return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0;
  };
  std::printf("split: %s\n", split.c_str());
  std::printf("swapped_spans: %zu\n", gold);
  std::printf("spotted_pct: %.2f (gold spans with a spot: the ceiling)\n",
              pct(spotted, gold));
  std::printf(
      "right_guess_pct: %.2f (spots whose best guess is the original)\n",
      pct(right_guess, gold));
  std::printf("flagged_pct: %.2f\n", pct(flagged, gold));
  std::printf("restored_pct: %.2f\n", pct(restored, gold));
  std::printf("false_alarms_per_10k_clean_words: %.2f\n",
              clean_words ? 1e4 * static_cast<double>(clean_fa) /
                                static_cast<double>(clean_words)
                          : 0.0);
  std::printf("false_alarms_per_10k_spun_words_off_gold: %.2f\n",
              spun_words ? 1e4 * static_cast<double>(spun_fa) /
                               static_cast<double>(spun_words)
                         : 0.0);
  std::printf("spun_docs_called_spun_pct: %.2f\n", pct(spun_called, spun_docs));
  std::printf("clean_docs_called_spun_pct: %.2f\n",
              pct(clean_called, clean_docs));
}

}  // namespace

int main(int argc, char** argv) {
  std::string sim, data_dir, fit_split = "fit", eval_split = "dev", write,
                             graph;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--sim") {
      sim = next();
    } else if (a == "--data-dir") {
      data_dir = next();
    } else if (a == "--fit") {
      fit_split = next();
    } else if (a == "--eval") {
      eval_split = next();
    } else if (a == "--write") {
      write = next();
    } else if (a == "--graph") {
      graph = next();
    } else {
      std::cerr << "usage: unspin_general_fit --sim DIR [--data-dir DIR] "
                   "[--fit SPLIT] [--eval SPLIT] [--write FILE] [--graph "
                   "FILE]\n";
      return 2;
    }
  }
  if (sim.empty()) {
    std::cerr << "unspin_general_fit: --sim DIR is required\n";
    return 2;
  }
  data_dir = unspin_cli::find_data_dir(data_dir);
  const std::string lm = data_dir + "/lm/";
  if (graph.empty()) graph = lm + "graph.bin";
  const std::string cal_path =
      data_dir + "/dictionaries/general/calibration.tsv";
  std::string cal_text;
  if (write.empty()) {
    cal_text = read(cal_path);
  } else {
    cal_text = GeneralCalibration().to_text();
  }
  auto data = unspin::detail::load_general_data(
      lm + "general.ngc", graph,
      unspin::DataSource::from_text("calibration.tsv", cal_text));
  if (!data.ok()) {
    std::cerr << "unspin_general_fit: " << data.status().message() << "\n";
    return 2;
  }
  std::printf("== command\n");
  for (int i = 0; i < argc; ++i) std::printf("%s%s", i ? " " : "", argv[i]);
  std::printf("\n");
  GeneralCalibration cal = data->calibration;
  if (!write.empty()) {
    std::vector<Doc> fit_docs = load_split(*data, fs::path(sim) / fit_split);
    fit_all(fit_docs, cal);
    std::ofstream out(write, std::ios::binary | std::ios::trunc);
    out << cal.to_text();
    if (!out) {
      std::cerr << "unspin_general_fit: cannot write " << write << "\n";
      return 2;
    }
    evaluate(cal, fit_docs, fit_split);
  }
  std::vector<Doc> eval_docs = load_split(*data, fs::path(sim) / eval_split);
  evaluate(cal, eval_docs, eval_split);
  sweep(cal, eval_docs);
  return 0;
}
