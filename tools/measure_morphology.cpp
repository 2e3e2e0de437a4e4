// unspin measuring program (not a test): what src/morphology.cpp's own
// .aff/.dic code buys over Hunspell's analyze/generate API. docs/morphology.md.
//
// usage: unspin_measure_morphology DATA_DIR [WORDS.txt] [RUNS]
//   DATA_DIR   the build tree's share/unspin (tables, irregular table,
//              annotated hunspell/en_US.{aff,dic}, en_US.paradigms)
//   WORDS.txt  text whose lowercase a-z words not held by the paradigm
//              cache are the speed sample; default: every 16th lowercase
//              entry of hunspell/en_US.dic that the cache does not hold
//   RUNS       Detector::create() runs per configuration (default 9)
// Prints, for the words the cache does not hold, the time per word of
// Morphology::paradigms() and of a paradigm built with Hunspell's own API
// (stem() for the lemmas, generate(lemma, pattern word) per inflection, the
// irregular table on top, both memoized per lemma); for the shipped tables'
// words, how often that API paradigm differs from the library's; and
// Detector::create() with the shipped data with and without the cache.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <hunspell.hxx>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "aff_dic.hpp"
#include "morphology.hpp"
#include "strings.hpp"
#include "table.hpp"
#include "unspin/unspin.hpp"

namespace fs = std::filesystem;
namespace detail = unspin::detail;
using detail::Inflection;
using Clock = std::chrono::steady_clock;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "unspin_measure_morphology: cannot read " << path << "\n";
    std::exit(1);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool plain(const std::string& w) {
  if (w.empty()) return false;
  for (char c : w)
    if (c < 'a' || c > 'z') return false;
  return true;
}

double micros(Clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

// CPU time of this thread or of the process, in microseconds: on a busy
// machine it is a steadier figure than wall time.
double cpu_micros(clockid_t clock) {
  timespec t{};
  clock_gettime(clock, &t);
  return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

// A paradigm as comparable data: lemma -> {"K:surface"}.
using Flat = std::map<std::string, std::set<std::string>>;

Flat flatten(const std::vector<detail::Paradigm>& ps) {
  Flat out;
  for (const detail::Paradigm& p : ps) {
    auto& forms = out[p.lemma];
    for (const detail::Form& f : p.forms)
      forms.insert(std::to_string(static_cast<int>(f.inflection)) + ":" +
                   f.surface);
  }
  return out;
}

// Paradigms from Hunspell's API alone (plus the irregular table, which
// Hunspell's rules cannot express either).
class HunspellApi {
 public:
  HunspellApi(const std::string& aff, const std::string& dic,
              const std::string& irregular)
      : h_(aff.c_str(), dic.c_str()) {
    for (std::string_view line : detail::split_lines(irregular)) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> f;
      std::string cell;
      std::istringstream in{std::string(line)};
      while (std::getline(in, cell, '\t')) f.push_back(cell);
      if (f.size() != 3) continue;
      int k = 0;
      for (int i = 1; i < 7; ++i)
        if (f[1] == kKinds[i]) k = i;
      if (k == 0) continue;
      irregular_[f[0]][k].push_back(f[2]);
      if (f[2] != "-" && f[2] != f[0]) lemmas_of_[f[2]].insert(f[0]);
    }
  }

  std::vector<detail::Paradigm> paradigms(const std::string& w) {
    std::set<std::string> lemmas;
    for (const std::string& s : h_.stem(w)) lemmas.insert(s);
    if (auto it = lemmas_of_.find(w); it != lemmas_of_.end())
      lemmas.insert(it->second.begin(), it->second.end());
    if (irregular_.count(w)) lemmas.insert(w);
    std::vector<detail::Paradigm> out;
    for (const std::string& l : lemmas) {
      const detail::Paradigm& p = lemma(l);
      if (!detail::Morphology::inflections_of(p, w).empty()) out.push_back(p);
    }
    if (out.empty()) out.push_back(lemma(w));
    return out;
  }

 private:
  static constexpr const char* kKinds[7] = {"base", "s",  "past", "pastpart",
                                            "ing",  "er", "est"};
  // A word of each inflection, for generate(lemma, pattern): its affix
  // (is:S, is:D, is:G, is:R, is:T) is applied to the lemma.
  static constexpr const char* kPatterns[7] = {
      nullptr, "kills", "killed", nullptr, "killing", "kinder", "kindest"};

  const detail::Paradigm& lemma(const std::string& l) {
    auto hit = cache_.find(l);
    if (hit != cache_.end()) return hit->second;
    std::vector<std::string> kinds[7];
    for (int k = 1; k < 7; ++k) {
      if (!kPatterns[k]) continue;
      for (const std::string& g : h_.generate(l, kPatterns[k]))
        if (g != l) kinds[k].push_back(g);
    }
    kinds[3] = kinds[2];
    if (auto it = irregular_.find(l); it != irregular_.end())
      for (int k = 1; k < 7; ++k)
        if (!it->second[k].empty()) kinds[k] = it->second[k];
    detail::Paradigm p;
    p.lemma = l;
    p.forms.push_back({Inflection::kBase, l});
    for (int k = 1; k < 7; ++k)
      for (const std::string& s : kinds[k])
        if (s != "-") p.forms.push_back({static_cast<Inflection>(k), s});
    return cache_.emplace(l, std::move(p)).first->second;
  }

  Hunspell h_;
  std::unordered_map<std::string, std::map<int, std::vector<std::string>>>
      irregular_;
  std::unordered_map<std::string, std::set<std::string>> lemmas_of_;
  std::unordered_map<std::string, detail::Paradigm> cache_;
};

// The shipped set-up (tables, irregular forms, Hunspell), with or without
// the paradigm cache.
unspin::Options shipped_options(const std::string& dir, bool with_cache) {
  unspin::Result<unspin::Options> o = unspin::options_from_data_dir(dir);
  if (!o.ok()) {
    std::cerr << o.status().message() << "\n";
    std::exit(1);
  }
  if (!with_cache) o->morphology_cache.reset();
  return std::move(o.value());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::cerr
        << "usage: unspin_measure_morphology DATA_DIR [WORDS.txt] [RUNS]\n";
    return 2;
  }
  const std::string dir = argv[1];
  const int runs = argc == 4 ? std::max(1, std::atoi(argv[3])) : 9;
  const std::string aff = dir + "/hunspell/en_US.aff";
  const std::string dic = dir + "/hunspell/en_US.dic";
  const std::string irregular =
      read_file(dir + "/dictionaries/morphology/en_irregular.tsv");

  // The shipped tables' words: what the paradigm cache holds.
  std::vector<detail::Table> tables;
  for (const auto& e : fs::directory_iterator(dir + "/dictionaries/en")) {
    if (e.path().extension() != ".tsv") continue;
    auto t = detail::parse_table(read_file(e.path().string()),
                                 e.path().filename().string());
    if (!t.ok()) {
      std::cerr << t.status().message() << "\n";
      return 1;
    }
    tables.push_back(std::move(t.value()));
  }
  const std::vector<std::string> table_words =
      detail::paradigm_words(detail::combine_tables(std::move(tables)));
  const std::set<std::string> cached(table_words.begin(), table_words.end());

  // The sample of words the cache does not hold.
  std::vector<std::string> sample;
  std::set<std::string> seen;
  if (argc >= 3) {
    std::string text = detail::ascii_lower(read_file(argv[2]));
    std::string w;
    for (char c : text + " ") {
      if (c >= 'a' && c <= 'z') {
        w += c;
        continue;
      }
      if (w.size() > 1 && !cached.count(w) && seen.insert(w).second)
        sample.push_back(w);
      w.clear();
    }
  } else {
    std::size_t i = 0;
    detail::for_each_dic_line(read_file(dic), [&](std::string_view line) {
      std::string w(detail::split_dic_line(line).word);
      if (!plain(w) || cached.count(w)) return;
      if (i++ % 16 == 0 && seen.insert(w).second) sample.push_back(w);
    });
  }
  std::printf("words the cache does not hold: %zu (table words: %zu)\n",
              sample.size(), table_words.size());

  // 1. Speed per word.
  auto lib =
      detail::Morphology::create(aff, dic, irregular, "en_irregular.tsv");
  if (!lib.ok()) {
    std::cerr << lib.status().message() << "\n";
    return 1;
  }
  auto t0 = Clock::now();
  double c0 = cpu_micros(CLOCK_THREAD_CPUTIME_ID);
  std::size_t lib_paradigms = 0;
  for (const std::string& w : sample)
    lib_paradigms += (*lib)->paradigms(w).size();
  const double lib_us = micros(Clock::now() - t0) / sample.size();
  const double lib_cpu =
      (cpu_micros(CLOCK_THREAD_CPUTIME_ID) - c0) / sample.size();

  HunspellApi api(aff, dic, irregular);
  t0 = Clock::now();
  c0 = cpu_micros(CLOCK_THREAD_CPUTIME_ID);
  std::size_t api_paradigms = 0;
  for (const std::string& w : sample) api_paradigms += api.paradigms(w).size();
  const double api_us = micros(Clock::now() - t0) / sample.size();
  const double api_cpu =
      (cpu_micros(CLOCK_THREAD_CPUTIME_ID) - c0) / sample.size();
  std::printf(
      "per word (CPU time): library %.1f us (%zu paradigms), Hunspell "
      "API %.1f us (%zu paradigms); wall time %.1f and %.1f us\n",
      lib_cpu, lib_paradigms, api_cpu, api_paradigms, lib_us, api_us);

  // 2. Agreement on the table words (letters only: the words inflected).
  std::size_t compared = 0, differ = 0, missing = 0, extra = 0, lemma_set = 0;
  std::vector<std::string> examples;
  for (const std::string& w : table_words) {
    if (!plain(w)) continue;
    ++compared;
    const Flat a = flatten((*lib)->paradigms(w));
    const Flat b = flatten(api.paradigms(w));
    if (a == b) continue;
    ++differ;
    bool miss = false, more = false;
    for (const auto& [l, forms] : a) {
      auto it = b.find(l);
      if (it == b.end()) continue;
      for (const std::string& f : forms) miss |= !it->second.count(f);
      for (const std::string& f : it->second) more |= !forms.count(f);
    }
    std::set<std::string> la, lb;
    for (const auto& kv : a) la.insert(kv.first);
    for (const auto& kv : b) lb.insert(kv.first);
    missing += miss;
    extra += more;
    lemma_set += la != lb;
    if (examples.size() < 40 && (examples.size() < 10 || compared % 50 == 0)) {
      std::string e = w + ":";
      for (const auto& [l, forms] : a) {
        e += " lib{" + l;
        for (const std::string& f : forms) e += " " + f;
        e += "}";
      }
      for (const auto& [l, forms] : b) {
        e += " api{" + l;
        for (const std::string& f : forms) e += " " + f;
        e += "}";
      }
      examples.push_back(e);
    }
  }
  std::printf(
      "table words (a-z): %zu; Hunspell API paradigm differs for %zu "
      "(%.1f%%): a form missing %zu, an extra form %zu, other lemmas "
      "%zu\n",
      compared, differ, 100.0 * differ / std::max<std::size_t>(1, compared),
      missing, extra, lemma_set);
  for (const std::string& e : examples) std::printf("  %s\n", e.c_str());

  // 3. Detector::create() with the shipped data.
  for (bool with_cache : {true, false}) {
    std::vector<double> ms, cpu;
    for (int r = 0; r < runs; ++r) {
      t0 = Clock::now();
      const double p0 = cpu_micros(CLOCK_PROCESS_CPUTIME_ID);
      auto d = unspin::Detector::create(shipped_options(dir, with_cache));
      ms.push_back(micros(Clock::now() - t0) / 1000);
      cpu.push_back((cpu_micros(CLOCK_PROCESS_CPUTIME_ID) - p0) / 1000);
      if (!d.ok()) {
        std::cerr << d.status().message() << "\n";
        return 1;
      }
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf(
        "Detector::create() %s the paradigm cache: wall best %.1f ms, "
        "median %.1f ms; CPU (all threads) best %.1f ms, median %.1f "
        "ms (%d runs; Hunspell loads so far: %zu)\n",
        with_cache ? "with" : "without", ms.front(), ms[ms.size() / 2],
        cpu.front(), cpu[cpu.size() / 2], runs, detail::hunspell_loads());
  }
  return 0;
}
