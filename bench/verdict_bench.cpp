// unspin_verdict_bench: end-to-end reliability of the Detector's confidence
// (table and discovered findings together) and error rates of the document
// verdict, with and without discovery.
//
// Split: a science.tsv entry whose spun phrase hashes (FNV-1a) to bucket 0
// of 5 is "unseen" and left out of the table; the table is the other 80 %
// plus the whole news.tsv and mt.tsv. Items: every seen context-free entry
// and every unseen entry in a template sentence, each canonical term in the
// same sentence, and the clean Python manual (each file a document; only
// the half of its files that discovery's calibration was not fitted on).
// A finding is right when applying it alone turns the sentence into the
// canonical one (any alternative, case-insensitive); anything else it flags
// (a canonical sentence, clean prose, another span) is wrong.
#include <dirent.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_common.hpp"
#include "data_dir.hpp"  // examples/cleanup: finding the data dir
#include "unspin/unspin.hpp"

namespace {

constexpr const char* kUsage =
    "usage: unspin_verdict_bench [--data-dir DIR] --prose-dir DIR\n"
    "  --data-dir DIR   unspin data dir with lm/ (default: as cleanup finds "
    "it)\n"
    "  --prose-dir DIR  clean English, one document per file (recursive),\n"
    "                   e.g. /usr/share/doc/python3.11/html/_sources\n";

[[noreturn]] void fail(const std::string& msg) {
  std::cerr << "unspin_verdict_bench: " << msg << "\n" << kUsage;
  std::exit(2);
}

using unspin_bench::fill_template;
using unspin_bench::fnv;
using unspin_bench::lower;
using unspin_bench::read_file;

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::stringstream ss(s);
  while (std::getline(ss, part, sep)) out.push_back(part);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

void list_files(const std::string& dir, std::vector<std::string>& out) {
  DIR* d = opendir(dir.c_str());
  if (!d) return;
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& n : names) {
    std::string p = dir + "/" + n;
    if (DIR* sub = opendir(p.c_str())) {
      closedir(sub);
      list_files(p, out);
    } else {
      out.push_back(p);
    }
  }
}

struct Item {
  std::string spun;
  std::vector<std::string> canonicals;
};

/// (confidence, right, discovered) of one finding.
struct Sample {
  double confidence;
  bool right;
  bool discovered;
};

void reliability(const char* title, const std::vector<Sample>& all,
                 int which /* 0 all, 1 table, 2 discovered */) {
  constexpr int kBins = 10;
  double conf[kBins] = {}, acc[kBins] = {};
  std::size_t n[kBins] = {}, total = 0;
  for (const Sample& s : all) {
    if (which == 1 && s.discovered) continue;
    if (which == 2 && !s.discovered) continue;
    int b = std::min(kBins - 1, static_cast<int>(s.confidence * kBins));
    conf[b] += s.confidence;
    acc[b] += s.right ? 1 : 0;
    ++n[b];
    ++total;
  }
  double ece = 0;
  std::printf("%s: %zu findings\n  bin        n   mean conf  right\n", title,
              total);
  for (int b = 0; b < kBins; ++b) {
    if (n[b] == 0) continue;
    double c = conf[b] / n[b], a = acc[b] / n[b];
    ece += static_cast<double>(n[b]) / total * std::abs(c - a);
    std::printf("  %.1f-%.1f %6zu   %.3f      %.3f\n", b / 10.0, (b + 1) / 10.0,
                n[b], c, a);
  }
  std::printf("  ECE (10 bins): %.3f\n", total ? ece : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_arg, prose_dir;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) fail(a + " needs a value");
    if (a == "--data-dir")
      data_arg = argv[++i];
    else if (a == "--prose-dir")
      prose_dir = argv[++i];
    else
      fail("unknown argument " + a);
  }
  if (prose_dir.empty()) fail("--prose-dir is required");
  const std::string dir = unspin_cli::find_data_dir(data_arg);
  if (dir.empty()) fail("no data directory");

  // --- split science.tsv --------------------------------------------------
  std::string table80;
  std::vector<Item> seen, unseen;
  {
    std::istringstream in(read_file(dir + "/dictionaries/en/science.tsv"));
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') {
        table80 += line + "\n";
        continue;
      }
      std::vector<std::string> f = split(line, '\t');
      if (f.size() < 2) continue;
      Item it{f[0], {}};
      if (f[1] != "?" && f[1] != "<delete>") it.canonicals = split(f[1], '|');
      if (fnv(f[0]) % 5 == 0) {
        if (!it.canonicals.empty()) unseen.push_back(it);
        continue;
      }
      table80 += line + "\n";
      if (f.size() <= 4 && !it.canonicals.empty()) seen.push_back(it);
    }
  }
  auto make = [&](bool discover) {
    unspin::DataDirOptions what;
    what.tables = false;  // science.tsv is replaced by its 80 % part
    what.discovery = discover;
    unspin::Result<unspin::Options> made =
        unspin::options_from_data_dir(dir, what);
    if (!made.ok()) fail(made.status().message());
    unspin::Options o = std::move(made).value();
    o.tables.push_back(
        unspin::DataSource::from_text("science-80.tsv", table80));
    for (const char* t : {"mt.tsv", "news.tsv"})
      o.tables.push_back(unspin::DataSource::from_file(
          dir + "/dictionaries/en/" + t, std::string("en/") + t));
    auto d = unspin::Detector::create(o);
    if (!d.ok()) fail(d.status().message());
    return std::move(d).value();
  };
  auto c0 = std::chrono::steady_clock::now();
  const unspin::Detector table_only = make(false);
  auto c1 = std::chrono::steady_clock::now();
  const unspin::Detector with_discovery = make(true);
  auto c2 = std::chrono::steady_clock::now();
  std::printf("create(): tables %.0f ms, tables + discovery %.0f ms\n",
              std::chrono::duration<double, std::milli>(c1 - c0).count(),
              std::chrono::duration<double, std::milli>(c2 - c1).count());
  std::printf(
      "split: %zu seen context-free entries, %zu unseen (bucket 0 "
      "of science.tsv); table: 80 %% science + news + mt\n\n",
      seen.size(), unseen.size());

  // --- calibration over findings ------------------------------------------
  // A finding with a suggestion is right when applying it alone gives the
  // canonical sentence; one without (likely spun, original uncertain) when
  // it overlaps the spun phrase [span_b, span_e).
  std::vector<Sample> samples;
  std::size_t flagged = 0, restored = 0;  // of the last judged sentence
  auto judge = [&](const unspin::Detector& d, const std::string& sentence,
                   const std::vector<std::string>& wanted, std::size_t span_b,
                   std::size_t span_e) {
    auto r = d.scan(sentence);
    if (!r.ok()) fail(r.status().message());
    flagged = restored = 0;
    for (const unspin::Finding& f : r->findings) {
      bool right = false;
      const bool on_span = f.begin < span_e && span_b < f.end;
      if (f.has_suggestion) {
        auto fixed = unspin::Detector::rewrite(sentence, {f});
        if (fixed.ok())
          for (const std::string& w : wanted)
            right |= lower(*fixed) == lower(w);
      } else {
        right = on_span;
      }
      flagged += on_span;
      restored += f.has_suggestion && right;
      samples.push_back(
          {f.confidence, right, f.source.rfind("discovered:", 0) == 0});
    }
  };
  std::size_t seen_flagged = 0, unseen_flagged = 0, unseen_restored = 0;
  for (const auto* group : {&seen, &unseen}) {
    for (const Item& it : *group) {
      std::vector<std::string> wanted;
      for (const std::string& c : it.canonicals)
        wanted.push_back(fill_template(c, it.spun));
      std::size_t at = 0;
      const std::string sentence = fill_template(it.spun, it.spun, &at);
      judge(with_discovery, sentence, wanted, at, at + it.spun.size());
      if (group == &seen) {
        seen_flagged += flagged > 0;
      } else {
        unseen_flagged += flagged > 0;
        unseen_restored += restored > 0;
      }
      judge(with_discovery, fill_template(it.canonicals[0], it.spun), {}, 0, 0);
    }
  }
  std::vector<std::string> files;
  list_files(prose_dir, files);
  std::vector<std::string> docs;
  std::size_t prose_bytes = 0;
  for (const std::string& p : files) {
    // Only the half of the manual that discovery_bench did not use to fit
    // the calibration (it takes the files whose relative path hashes even).
    const std::string rel = std::filesystem::relative(p, prose_dir).string();
    if (fnv(rel) % 2 == 0) continue;
    std::string text = read_file(p);
    if (text.size() < 2000) continue;  // stubs and indexes
    prose_bytes += text.size();
    docs.push_back(std::move(text));
  }
  std::size_t prose_findings = 0;
  for (const std::string& doc : docs) {
    const std::size_t before = samples.size();
    judge(with_discovery, doc, {}, 0, 0);
    prose_findings += samples.size() - before;
  }
  std::printf(
      "Detector with discovery, default threshold: seen phrases "
      "flagged %zu/%zu; unseen phrases flagged %zu/%zu (%.1f %%), "
      "restored %zu (%.1f %%); %zu findings in %zu clean prose "
      "documents (%.1f MB)\n",
      seen_flagged, seen.size(), unseen_flagged, unseen.size(),
      100.0 * unseen_flagged / unseen.size(), unseen_restored,
      100.0 * unseen_restored / unseen.size(), prose_findings, docs.size(),
      prose_bytes / 1e6);
  // Scan speed over the whole corpus as one document, best of 3.
  {
    std::string all;
    for (const std::string& doc : docs) all += doc + "\n\n";
    for (const auto* d : {&table_only, &with_discovery}) {
      double best = 1e9;
      for (int run = 0; run < 3; ++run) {
        auto t0 = std::chrono::steady_clock::now();
        auto r = d->scan(all);
        auto t1 = std::chrono::steady_clock::now();
        if (!r.ok()) fail(r.status().message());
        best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
      }
      std::printf("scan speed, one thread, %s: %.1f MB/s\n",
                  d == &table_only ? "tables" : "tables + discovery",
                  all.size() / 1e6 / best);
    }
  }
  reliability("all findings (table + discovered)", samples, 0);
  reliability("table findings", samples, 1);
  reliability("discovered findings", samples, 2);

  // --- document verdict ----------------------------------------------------
  // Spun documents: a clean document with k template sentences of spun
  // phrases put in at paragraph breaks (deterministic choice).
  auto plant = [&](const std::string& doc, std::size_t doc_no,
                   const std::vector<Item>& pool, int k) {
    std::vector<std::size_t> breaks;
    for (std::size_t p = doc.find("\n\n"); p != std::string::npos;
         p = doc.find("\n\n", p + 2))
      breaks.push_back(p + 2);
    if (breaks.empty()) breaks.push_back(doc.size());
    std::vector<std::pair<std::size_t, std::string>> ins;
    for (int j = 0; j < k; ++j) {
      std::uint64_t h = fnv(std::to_string(doc_no) + ":" + std::to_string(j));
      const Item& it = pool[h % pool.size()];
      ins.emplace_back(breaks[(h >> 20) % breaks.size()],
                       fill_template(it.spun, it.spun) + "\n\n");
    }
    std::sort(ins.begin(), ins.end());
    std::string out;
    std::size_t pos = 0;
    for (auto& [at, s] : ins) {
      out.append(doc, pos, at - pos);
      out += s;
      pos = at;
    }
    out.append(doc, pos, std::string::npos);
    return out;
  };
  const double cuts[] = {0.5, 0.7, 0.9};
  std::printf(
      "\ndocument verdict: share of documents with spun_score >= cut "
      "(%zu documents each)\n",
      docs.size());
  std::printf("  %-44s %7s %7s %7s\n", "documents / detector", "0.5", "0.7",
              "0.9");
  auto row = [&](const char* name, const unspin::Detector& d,
                 const std::vector<Item>* pool, int k) {
    std::size_t over[3] = {};
    for (std::size_t i = 0; i < docs.size(); ++i) {
      std::string text = pool ? plant(docs[i], i, *pool, k) : docs[i];
      auto r = d.scan(text);
      if (!r.ok()) fail(r.status().message());
      for (int c = 0; c < 3; ++c) over[c] += r->verdict.spun_score >= cuts[c];
    }
    std::printf("  %-44s", name);
    for (int c = 0; c < 3; ++c)
      std::printf(" %6.1f%%", 100.0 * over[c] / docs.size());
    std::printf("\n");
  };
  auto t0 = std::chrono::steady_clock::now();
  row("clean / tables", table_only, nullptr, 0);
  row("clean / tables + discovery", with_discovery, nullptr, 0);
  row("1 seen phrase / tables", table_only, &seen, 1);
  row("3 seen phrases / tables", table_only, &seen, 3);
  row("1 unseen phrase / tables", table_only, &unseen, 1);
  row("1 unseen phrase / tables + discovery", with_discovery, &unseen, 1);
  row("3 unseen phrases / tables", table_only, &unseen, 3);
  row("3 unseen phrases / tables + discovery", with_discovery, &unseen, 3);
  auto t1 = std::chrono::steady_clock::now();
  std::printf(
      "(clean rows are false-positive rates, the others detection "
      "rates; %.1f s)\n",
      std::chrono::duration<double>(t1 - t0).count());
  return 0;
}
