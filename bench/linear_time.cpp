// unspin_linear_time: scan time and peak memory against input size for one
// size per process; bench/linear_time.sh runs it from 1 MB to 256 MB.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "data_dir.hpp"  // examples/cleanup: finding the data dir
#include "unspin/unspin.hpp"

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kUsage =
    "usage: unspin_linear_time --size-mb N [--corpus FILE] [--data-dir DIR]\n"
    "                          [--repeat N] [--discover]\n"
    "  --size-mb N     bytes to scan, in MB (10^6 bytes; required)\n"
    "  --corpus FILE   UTF-8 text repeated up to the size (default: generated\n"
    "                  prose with a planted spun phrase every ~1 KB)\n"
    "  --data-dir DIR  unspin data dir (default: searched like cleanup does)\n"
    "  --repeat N      timed scans; the best is reported (default 3)\n"
    "  --discover      also discover phrases no table holds (the data dir's\n"
    "                  lm/, as cleanup --discover)\n"
    "Prints one line: size_mb scan_s mb_per_s findings words rss_before_mb\n"
    "peak_rss_mb (peak RSS of this process; start one process per size).\n";

/// Peak resident set size of this process so far, in MB.
double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) * 1024.0 / 1e6;
}

/// Current resident set size, in MB (from /proc/self/statm).
double current_rss_mb() {
  std::ifstream in("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  in >> pages_total >> pages_resident;
  return static_cast<double>(pages_resident) * 4096.0 / 1e6;
}

/// Generated English-like prose: about 1 KB per paragraph, one planted spun
/// phrase per paragraph, line breaks every ~70 bytes.
std::string generated_seed() {
  static const char* kSentences[] = {
      "The council met on Tuesday to discuss the budget for the new library. ",
      "Residents asked about parking, bus routes and the opening hours. ",
      "Several speakers praised the design, while others worried about cost. ",
      "The mayor promised a decision before the end of the month. ",
      "Meanwhile the weather stayed mild and the market was busy all day. ",
  };
  static const char* kPlanted[] = {
      "Police said bad guy gangs had moved into the district. ",
      "The lab works on counterfeit consciousness and profound learning. ",
      "Officials spoke about human liberties and environment change. ",
      "The client service desk was closed for the holiday. ",
  };
  std::string seed;
  for (int p = 0; p < 16; ++p) {
    std::string para;
    for (int s = 0; s < 14; ++s) {
      para += kSentences[(p + s) % 5];
      if (s == 7) para += kPlanted[p % 4];
    }
    // Wrap at ~70 bytes like ordinary text files.
    std::size_t col = 0;
    for (char& c : para) {
      if (c == ' ' && col > 70) {
        c = '\n';
        col = 0;
      } else {
        ++col;
      }
    }
    seed += para + "\n\n";
  }
  return seed;
}

}  // namespace

int main(int argc, char** argv) {
  double size_mb = 0;
  std::string corpus, data_dir;
  int repeat = 3;
  bool discover = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "unspin_linear_time: " << a << " needs a value\n"
                  << kUsage;
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--size-mb")
      size_mb = std::atof(next().c_str());
    else if (a == "--corpus")
      corpus = next();
    else if (a == "--data-dir")
      data_dir = next();
    else if (a == "--repeat")
      repeat = std::max(1, std::atoi(next().c_str()));
    else if (a == "--discover")
      discover = true;
    else {
      std::cerr << kUsage;
      return a == "--help" ? 0 : 2;
    }
  }
  if (size_mb <= 0) {
    std::cerr << kUsage;
    return 2;
  }

  std::string seed;
  if (corpus.empty()) {
    seed = generated_seed();
  } else {
    std::ifstream in(corpus, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    seed = ss.str();
    if (!in || seed.empty()) {
      std::cerr << "unspin_linear_time: cannot read " << corpus << "\n";
      return 2;
    }
  }

  std::string dir = unspin_cli::find_data_dir(data_dir);
  if (dir.empty()) {
    std::cerr << "unspin_linear_time: no unspin data dir found\n";
    return 2;
  }
  unspin::DataDirOptions what;
  what.discovery = discover;
  unspin::Result<unspin::Options> options =
      unspin::options_from_data_dir(dir, what);
  if (!options.ok()) {
    std::cerr << "unspin_linear_time: " << options.status().message() << "\n";
    return 2;
  }
  auto detector = unspin::Detector::create(*options);
  if (!detector.ok()) {
    std::cerr << "unspin_linear_time: " << detector.status().message() << "\n";
    return 2;
  }

  // The input: the seed repeated, cut at a line end near the size.
  const std::size_t bytes = static_cast<std::size_t>(size_mb * 1e6);
  std::string text;
  text.reserve(bytes + seed.size());
  while (text.size() < bytes) text += seed;
  std::size_t cut = text.rfind('\n', bytes);
  text.resize(cut == std::string::npos ? bytes : cut + 1);
  text.shrink_to_fit();

  const double rss_before = current_rss_mb();
  double best = 1e300;
  std::size_t findings = 0, words = 0;
  for (int r = 0; r < repeat; ++r) {
    auto t0 = Clock::now();
    auto result = detector->scan(text);
    double s = std::chrono::duration<double>(Clock::now() - t0).count();
    if (!result.ok()) {
      std::cerr << "unspin_linear_time: " << result.status().message() << "\n";
      return 2;
    }
    best = std::min(best, s);
    findings = result->findings.size();
    words = result->verdict.words;
  }
  std::printf("%.2f %.4f %.1f %zu %zu %.1f %.1f\n", text.size() / 1e6, best,
              text.size() / 1e6 / best, findings, words, rss_before,
              peak_rss_mb());
  return 0;
}
