// unspin_scan_bench: times Detector::create() and Detector::scan() on a corpus
// with every shipped table; prints one "name: value unit" line per figure.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "data_dir.hpp"  // examples/cleanup: finding the data dir
#include "unspin/unspin.hpp"

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kUsage =
    "usage: unspin_scan_bench --corpus FILE [--data-dir DIR] [--repeat N]\n"
    "                         [--threads N] [--no-morphology]\n"
    "                         [--min-confidence X] [--replace-invalid-utf8]\n"
    "  --corpus FILE          UTF-8 text to scan (required)\n"
    "  --data-dir DIR         unspin data dir (default: $UNSPIN_DATA_DIR,\n"
    "                         else the build tree's share/unspin)\n"
    "  --repeat N             timed single-thread scans (default 5)\n"
    "  --threads N            threads sharing one Detector for the\n"
    "                         multi-thread check; 0 or 1 skips it (default 2)\n"
    "  --no-morphology        load the tables only (no Hunspell, no\n"
    "                         irregular forms), to isolate their cost\n"
    "  --min-confidence X     Options::min_confidence (default: library's)\n"
    "  --replace-invalid-utf8 InvalidUtf8::kReplace instead of kError\n";

/// Command-line settings of the benchmark.
struct Args {
  std::string corpus;
  std::string data_dir;  // empty: searched like cleanup does
  int repeat = 5;
  int threads = 2;
  bool morphology = true;
  double min_confidence = -1;
  bool replace_invalid = false;
};

/// Parses argv; prints usage and exits with 2 on a bad command line.
Args parse_args(int argc, char** argv) {
  Args args;
  auto fail = [](const std::string& why) {
    std::cerr << "unspin_scan_bench: " << why << "\n" << kUsage;
    std::exit(2);
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string value;
    bool has_inline_value = false;
    if (auto eq = a.find('=');
        a.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
      has_inline_value = true;
    }
    auto next = [&]() -> std::string {
      if (has_inline_value) return value;
      if (i + 1 >= argc) fail(a + " needs a value");
      return argv[++i];
    };
    try {
      if (a == "--corpus") {
        args.corpus = next();
      } else if (a == "--data-dir") {
        args.data_dir = next();
      } else if (a == "--repeat") {
        args.repeat = std::stoi(next());
      } else if (a == "--threads") {
        args.threads = std::stoi(next());
      } else if (a == "--min-confidence") {
        args.min_confidence = std::stod(next());
      } else if (a == "--no-morphology") {
        args.morphology = false;
      } else if (a == "--replace-invalid-utf8") {
        args.replace_invalid = true;
      } else if (a == "-h" || a == "--help") {
        std::cout << kUsage;
        std::exit(0);
      } else {
        fail("unknown argument " + a);
      }
    } catch (const std::exception&) {
      fail("bad value for " + a);
    }
  }
  if (args.corpus.empty()) fail("--corpus is required");
  if (args.repeat < 1) fail("--repeat must be >= 1");
  if (args.threads < 0) fail("--threads must be >= 0");
  return args;
}

/// Reads a whole file into one allocation of its size (no transient
/// second copy that would inflate the peak RSS); exits with 1 on failure.
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  std::string text;
  if (in) {
    text.resize(static_cast<size_t>(in.tellg()));
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
  }
  if (!in) {
    std::cerr << "unspin_scan_bench: cannot read " << path << "\n";
    std::exit(1);
  }
  return text;
}

double ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

/// Peak resident set size of the process so far, in MB (10^6 bytes).
double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) * 1024.0 / 1e6;  // Linux: KiB
}

/// Current resident set size in MB (10^6 bytes), from /proc; 0 if unknown.
double current_rss_mb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      return std::strtod(line.c_str() + 6, nullptr) * 1024.0 / 1e6;
    }
  }
  return 0;
}

/// User + system CPU time of the whole process so far, in seconds.
double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto sec = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6;
  };
  return sec(ru.ru_utime) + sec(ru.ru_stime);
}

/// Reusable barrier for `count` threads (std::barrier is C++20).
class Barrier {
 public:
  explicit Barrier(size_t count) : count_(count) {}
  /// Blocks until `count` threads have called wait() in this generation.
  void wait() {
    std::unique_lock<std::mutex> lock(mu_);
    size_t generation = generation_;
    if (++waiting_ == count_) {
      waiting_ = 0;
      ++generation_;
      cv_.notify_all();
    } else {
      cv_.wait(lock, [&] { return generation != generation_; });
    }
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  size_t count_;
  size_t waiting_ = 0;
  size_t generation_ = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void print(const char* name, double value, const char* unit, int digits = 1) {
  std::printf("%s: %.*f %s\n", name, digits, value, unit);
}

void print(const char* name, const std::string& value) {
  std::printf("%s: %s\n", name, value.c_str());
}

/// Scans `text` and exits with 1 on error (a benchmark has no recovery).
unspin::ScanResult scan_or_die(const unspin::Detector& detector,
                               std::string_view text) {
  auto result = detector.scan(text);
  if (!result.ok()) {
    std::cerr << "unspin_scan_bench: scan failed: " << result.status().message()
              << "\n";
    std::exit(1);
  }
  return std::move(result).value();
}

}  // namespace

int main(int argc, char** argv) {
  Args args = parse_args(argc, argv);
  const std::string corpus = read_file(args.corpus);
  const double mb = static_cast<double>(corpus.size()) / 1e6;
  const double rss_start = current_rss_mb();

  std::vector<std::string> searched;
  const std::string data_dir =
      unspin_cli::find_data_dir(args.data_dir, &searched);
  if (data_dir.empty()) {
    std::cerr << "unspin_scan_bench: no data dir found (looked in";
    for (const auto& d : searched) std::cerr << " " << d;
    std::cerr << ")\n";
    return 1;
  }
  unspin::Result<unspin::Options> made =
      unspin::options_from_data_dir(data_dir);
  if (!made.ok()) {
    std::cerr << "unspin_scan_bench: " << made.status().message() << "\n";
    return 1;
  }
  unspin::Options options = std::move(made).value();
  if (!args.morphology) {
    options.irregular_forms.reset();
    options.hunspell_aff.clear();
    options.hunspell_dic.clear();
  }
  std::string morph = options.hunspell_aff.empty() ? "" : "hunspell";
  if (options.irregular_forms) {
    morph += morph.empty() ? "irregular" : "+irregular";
  }
  if (morph.empty()) morph = "off";
  if (options.tables.empty()) {
    std::cerr << "unspin_scan_bench: no dictionaries/en/*.tsv under "
              << data_dir << "\n";
    return 1;
  }
  if (args.min_confidence >= 0) options.min_confidence = args.min_confidence;
  if (args.replace_invalid)
    options.invalid_utf8 = unspin::InvalidUtf8::kReplace;

  // create(): best of 3; each run loads and compiles everything from files.
  std::vector<double> create_ms;
  std::vector<size_t> variant_counts;  // must not differ between creates
  std::unique_ptr<unspin::Detector> detector;
  for (int i = 0; i < 3; ++i) {
    detector.reset();
    auto t0 = Clock::now();
    auto created = unspin::Detector::create(options);
    auto t1 = Clock::now();
    if (!created.ok()) {
      std::cerr << "unspin_scan_bench: create failed: "
                << created.status().message() << "\n";
      return 1;
    }
    create_ms.push_back(ms(t1 - t0));
    variant_counts.push_back(created->variant_count());
    detector = std::make_unique<unspin::Detector>(std::move(created).value());
  }
  const double rss_after_create = current_rss_mb();

  print("unspin_version", unspin::version());
  print("data_dir", data_dir);
  print("tables", std::to_string(options.tables.size()));
  print("morphology", morph);
  print("entries", std::to_string(detector->entry_count()));
  print("variants", std::to_string(detector->variant_count()));
  print("create_best", *std::min_element(create_ms.begin(), create_ms.end()),
        "ms");
  print("create_median", median(create_ms), "ms");
  const bool create_same = std::equal(
      variant_counts.begin() + 1, variant_counts.end(), variant_counts.begin());
  print("create_consistent", create_same ? "yes" : "no");
  print("rss_detector", rss_after_create - rss_start, "MB");

  print("corpus", args.corpus);
  print("corpus_size", mb, "MB", 2);
  print("peak_rss_before_scan", peak_rss_mb(), "MB");

  // Warm-up scan (page cache, allocator, lazy init); also gives the counts.
  // Only the count is kept, so that one ScanResult at a time is alive.
  size_t reference_findings = 0;
  {
    unspin::ScanResult r = scan_or_die(*detector, corpus);
    reference_findings = r.findings.size();
    print("words", std::to_string(r.verdict.words) + " words");
    print("findings", std::to_string(reference_findings) + " findings");
    print("distinct_phrases",
          std::to_string(r.verdict.distinct_phrases) + " phrases");
  }

  std::vector<double> rates;
  double best = 0;
  double best_cpu_share = 0;  // CPU time / wall time of the best run
  for (int i = 0; i < args.repeat; ++i) {
    double cpu0 = cpu_seconds();
    auto t0 = Clock::now();
    unspin::ScanResult r = scan_or_die(*detector, corpus);
    auto t1 = Clock::now();
    double cpu1 = cpu_seconds();
    if (r.findings.size() != reference_findings) {
      std::cerr << "unspin_scan_bench: scan is not deterministic\n";
      return 1;
    }
    double seconds = ms(t1 - t0) / 1000.0;
    rates.push_back(mb / seconds);
    if (rates.back() > best) {
      best = rates.back();
      best_cpu_share = (cpu1 - cpu0) / seconds;
    }
  }
  print("scan_runs", std::to_string(args.repeat));
  print("scan_best", best, "MB/s");
  print("scan_median", median(rates), "MB/s");
  print("scan_best_time", mb / best * 1000.0, "ms");
  print("scan_best_cpu_used", best_cpu_share, "cores", 2);
  print("peak_rss", peak_rss_mb(), "MB");

  if (args.threads >= 2) {
    // One Detector shared by N long-lived threads, each scanning the whole
    // corpus once per round (after one warm-up scan, like the single-thread
    // figure): best round's aggregate throughput, the CPU time it used (N
    // cores = no serialization), and a check that every thread sees the
    // single-thread number of findings.
    const size_t n = static_cast<size_t>(args.threads);
    const int rounds = std::min(args.repeat, 3);
    Barrier barrier(n + 1);
    std::vector<size_t> counts(n, reference_findings);
    std::vector<std::thread> pool;
    for (size_t t = 0; t < n; ++t) {
      pool.emplace_back([&, t] {
        for (int r = 0; r <= rounds; ++r) {
          barrier.wait();
          unspin::ScanResult result = scan_or_die(*detector, corpus);
          if (result.findings.size() != reference_findings) {
            counts[t] = result.findings.size();
          }
          barrier.wait();
        }
      });
    }
    double best_aggregate = 0;
    double best_cores = 0;
    for (int r = 0; r <= rounds; ++r) {
      barrier.wait();
      double cpu0 = cpu_seconds();
      auto t0 = Clock::now();
      barrier.wait();
      auto t1 = Clock::now();
      double cpu1 = cpu_seconds();
      if (r == 0) continue;  // warm-up: thread-local scratch grows here
      double seconds = ms(t1 - t0) / 1000.0;
      double aggregate = mb * static_cast<double>(n) / seconds;
      if (aggregate > best_aggregate) {
        best_aggregate = aggregate;
        best_cores = (cpu1 - cpu0) / seconds;
      }
    }
    for (auto& th : pool) th.join();
    bool same = std::all_of(counts.begin(), counts.end(),
                            [&](size_t c) { return c == reference_findings; });
    print("mt_threads", std::to_string(n));
    print("mt_scan_aggregate", best_aggregate, "MB/s");
    print("mt_speedup", best_aggregate / best, "x", 2);
    print("mt_cpu_used", best_cores, "cores", 2);
    print("mt_per_cpu_second", best_aggregate / best_cores, "MB/s");
    print("mt_consistent", same ? "yes" : "no");
    print("peak_rss_mt", peak_rss_mb(), "MB");
    if (!same) return 1;
  }
  return 0;
}
