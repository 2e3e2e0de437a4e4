// unspin_false_alarms: false alarms per 10,000 words on clean English that the
// project did not write, and recall on documents with planted spun phrases.
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "data_dir.hpp"  // examples/cleanup: finding the data dir
#include "unspin/unspin.hpp"

namespace {

constexpr const char* kUsage =
    "usage: unspin_false_alarms --files-from LIST [--data-dir DIR]\n"
    "                           [--spun-dir DIR] [--top N]\n"
    "                           [--min-confidence X] [--no-morphology]\n"
    "  --files-from LIST   clean corpus: one file path per line\n"
    "  --data-dir DIR      unspin data dir (default: as cleanup finds it)\n"
    "  --spun-dir DIR      NAME.txt + NAME.expected.txt (one planted spun\n"
    "                      phrase per line) for the recall check\n"
    "  --top N             most frequent flagged strings to list (20)\n"
    "  --min-confidence X  threshold (default: the library default)\n"
    "  --no-morphology     no Hunspell / irregular forms\n";

struct Args {
  std::string files_from;
  std::string data_dir;
  std::string spun_dir;
  std::size_t top = 20;
  double min_confidence = -1;
  bool morphology = true;
};

[[noreturn]] void fail(const std::string& msg) {
  std::cerr << "unspin_false_alarms: " << msg << "\n" << kUsage;
  std::exit(2);
}

Args parse_args(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) fail(s + " needs a value");
      return argv[++i];
    };
    if (s == "--files-from")
      a.files_from = next();
    else if (s == "--data-dir")
      a.data_dir = next();
    else if (s == "--spun-dir")
      a.spun_dir = next();
    else if (s == "--top")
      a.top = std::strtoul(next().c_str(), nullptr, 10);
    else if (s == "--min-confidence")
      a.min_confidence = std::atof(next().c_str());
    else if (s == "--no-morphology")
      a.morphology = false;
    else if (s == "-h" || s == "--help") {
      std::cout << kUsage;
      std::exit(0);
    } else {
      fail("unknown argument " + s);
    }
  }
  if (a.files_from.empty()) fail("--files-from is required");
  return a;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  out = buf.str();
  return true;
}

// Lowercase (ASCII), hyphens and dashes as spaces, single spaces.
std::string key(const std::string& s) {
  std::string t;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    // U+2010..U+2015 (hyphens and dashes) are E2 80 90..95 in UTF-8.
    if (c == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(s[i + 2]) <= 0x95) {
      c = ' ';
      i += 2;
    }
    if (c == '-' || c == '\n' || c == '\t' || c == '\r') c = ' ';
    if (c == ' ' && (t.empty() || t.back() == ' ')) continue;
    t += c;
  }
  while (!t.empty() && t.back() == ' ') t.pop_back();
  return t;
}

bool contains_words(const std::string& hay, const std::string& needle) {
  return !needle.empty() &&
         (" " + hay + " ").find(" " + needle + " ") != std::string::npos;
}

struct Tally {
  std::size_t count = 0;
  std::map<std::string, std::size_t> sources;  // "entry (source)" -> count
  std::string first_file;
};

struct ScanTotals {
  std::size_t words = 0;
  std::size_t findings = 0;
  std::size_t docs_with_findings = 0;
  std::map<std::string, Tally> by_text;

  void add(const unspin::ScanResult& r, const std::string& file) {
    words += r.verdict.words;
    findings += r.findings.size();
    if (!r.findings.empty()) ++docs_with_findings;
    for (const unspin::Finding& f : r.findings) {
      Tally& t = by_text[key(f.text)];
      if (t.count++ == 0) t.first_file = file;
      ++t.sources["'" + f.entry_spun + "' -> '" + f.entry_canonical + "' (" +
                  f.source + ")"];
    }
  }

  double per_10k() const {
    return words ? 1e4 * static_cast<double>(findings) / words : 0;
  }

  void print_top(const char* prefix, std::size_t top) const {
    std::vector<std::pair<std::string, const Tally*>> v;
    for (const auto& [text, t] : by_text) v.emplace_back(text, &t);
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
      return a.second->count > b.second->count;
    });
    if (v.size() > top) v.resize(top);
    for (const auto& [text, t] : v) {
      std::printf("%s %5zu  \"%s\"  first in %s\n", prefix, t->count,
                  text.c_str(), t->first_file.c_str());
      for (const auto& [src, n] : t->sources)
        std::printf("%s          %zux %s\n", prefix, n, src.c_str());
    }
  }
};

unspin::ScanResult scan_or_die(const unspin::Detector& d,
                               const std::string& text,
                               const std::string& name) {
  auto r = d.scan(text);
  if (!r.ok()) {
    std::cerr << "unspin_false_alarms: " << name << ": " << r.status().message()
              << "\n";
    std::exit(1);
  }
  return std::move(r).value();
}

std::vector<std::string> list_spun_docs(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (!d) return names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    const std::string exp = ".expected.txt";
    if (n.size() > 4 && n.compare(n.size() - 4, 4, ".txt") == 0 &&
        !(n.size() > exp.size() &&
          n.compare(n.size() - exp.size(), exp.size(), exp) == 0))
      names.push_back(n.substr(0, n.size() - 4));
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

// Is the planted phrase found: a finding overlaps one of its occurrences in
// the document, or the finding's text and the phrase contain one another
// word for word.
bool planted_found(const std::string& phrase, const std::string& doc,
                   const std::vector<unspin::Finding>& findings) {
  const std::string p = key(phrase);
  for (const unspin::Finding& f : findings) {
    std::string k = key(f.text);
    if (contains_words(k, p)) return true;
  }
  // Occurrences by position (the text may break the phrase across lines).
  std::string lower_doc = doc;
  std::string lower_phrase = phrase;
  for (std::string* s : {&lower_doc, &lower_phrase})
    for (char& c : *s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (std::size_t at = lower_doc.find(lower_phrase); at != std::string::npos;
       at = lower_doc.find(lower_phrase, at + 1)) {
    std::size_t end = at + lower_phrase.size();
    for (const unspin::Finding& f : findings)
      if (f.begin <= at && end <= f.end) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  Args args = parse_args(argc, argv);

  std::string dir = unspin_cli::find_data_dir(args.data_dir);
  if (dir.empty()) fail("no unspin data directory found (use --data-dir)");
  unspin::Result<unspin::Options> made = unspin::options_from_data_dir(dir);
  if (!made.ok()) fail(made.status().message());
  unspin::Options options = std::move(made).value();
  options.invalid_utf8 = unspin::InvalidUtf8::kReplace;
  if (!args.morphology) {
    options.hunspell_aff.clear();
    options.hunspell_dic.clear();
    options.irregular_forms.reset();
  }
  if (args.min_confidence >= 0) options.min_confidence = args.min_confidence;
  auto detector = unspin::Detector::create(options);
  if (!detector.ok()) fail(detector.status().message());

  std::vector<std::string> files;
  {
    std::ifstream in(args.files_from);
    if (!in) fail("cannot read " + args.files_from);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) files.push_back(line);
  }

  std::printf("== setup\n");
  std::printf("data_dir: %s\n", dir.c_str());
  std::printf("tables: %zu (%zu entries, %zu variants)\n",
              options.tables.size(), detector->entry_count(),
              detector->variant_count());
  std::printf("morphology: %s\n", options.hunspell_aff.empty() ? "off" : "on");
  std::printf("min_confidence: %.2f\n", detector->min_confidence());

  // Per-file scan: each file is its own document (the realistic setting:
  // the confidence uses document-level evidence).
  ScanTotals per_file;
  std::string whole;
  std::string text;
  for (const std::string& f : files) {
    if (!read_file(f, text)) {
      std::cerr << "unspin_false_alarms: cannot read " << f << "\n";
      return 1;
    }
    per_file.add(scan_or_die(*detector, text, f), f);
    whole += text;
    whole += "\n\n";
  }
  std::printf("== corpus\n");
  std::printf("corpus_files: %zu\n", files.size());
  std::printf("corpus_bytes: %zu\n", whole.size());
  std::printf("corpus_words: %zu (unspin's word count)\n", per_file.words);

  std::printf("== per-file scan (primary figure)\n");
  std::printf("per_file_findings: %zu in %zu of %zu files\n", per_file.findings,
              per_file.docs_with_findings, files.size());
  std::printf("per_file_findings_per_10k_words: %.3f\n", per_file.per_10k());
  std::printf(
      "per_file_top_flagged (count, text, first file; then entry and "
      "source):\n");
  per_file.print_top("  ", args.top);

  ScanTotals whole_scan;
  whole_scan.add(scan_or_die(*detector, whole, "corpus"), "corpus");
  std::printf("== whole-corpus scan (one document)\n");
  std::printf("whole_findings: %zu\n", whole_scan.findings);
  std::printf("whole_words: %zu\n", whole_scan.words);
  std::printf("whole_findings_per_10k_words: %.3f\n", whole_scan.per_10k());
  std::printf("whole_top_flagged:\n");
  whole_scan.print_top("  ", args.top);

  // Recall on planted phrases.
  std::size_t planted = 0;
  std::size_t found = 0;
  std::size_t docs = 0;
  std::vector<std::string> misses;
  std::vector<std::string> clean_docs;  // spun_dir documents without .expected
  if (!args.spun_dir.empty()) {
    for (const std::string& name : list_spun_docs(args.spun_dir)) {
      std::string doc;
      std::string expected;
      if (!read_file(args.spun_dir + "/" + name + ".txt", doc)) continue;
      if (!read_file(args.spun_dir + "/" + name + ".expected.txt", expected)) {
        // A document with nothing planted: every finding is a false alarm.
        unspin::ScanResult r = scan_or_die(*detector, doc, name);
        clean_docs.push_back(name + ": " + std::to_string(r.findings.size()) +
                             " findings in " + std::to_string(r.verdict.words) +
                             " words");
        for (const unspin::Finding& f : r.findings)
          clean_docs.push_back("  \"" + f.text + "\" (" + f.source + ")");
        continue;
      }
      ++docs;
      unspin::ScanResult r = scan_or_die(*detector, doc, name);
      std::istringstream lines(expected);
      for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (key(line).empty() || line[0] == '#') continue;
        ++planted;
        if (planted_found(line, doc, r.findings)) {
          ++found;
        } else {
          misses.push_back(name + ": \"" + line + "\"");
        }
      }
    }
  }
  std::printf("== planted spun phrases (recall)\n");
  std::printf("spun_dir: %s\n",
              args.spun_dir.empty() ? "(none)" : args.spun_dir.c_str());
  std::printf("planted_docs: %zu\n", docs);
  std::printf("planted_found: %zu of %zu (%.1f%%)\n", found, planted,
              planted ? 100.0 * found / planted : 0.0);
  for (const std::string& m : misses) std::printf("  missed %s\n", m.c_str());
  std::printf(
      "unplanted_docs (no NAME.expected.txt: findings are false "
      "alarms):\n");
  for (const std::string& c : clean_docs) std::printf("  %s\n", c.c_str());

  std::printf("== summary\n");
  std::printf("false_alarms_per_10k_words (per file): %.3f  target <= 1: %s\n",
              per_file.per_10k(), per_file.per_10k() <= 1.0 ? "met" : "MISSED");
  std::printf("false_alarms_per_10k_words (whole corpus): %.3f\n",
              whole_scan.per_10k());
  std::printf("planted recall: %zu/%zu  target all: %s\n", found, planted,
              planted == 0 ? "NO DATA" : (found == planted ? "met" : "MISSED"));
  return 0;
}
