// unspin fuzzing: helpers shared by the libFuzzer targets: fixture paths and
// the invariants every ScanResult must satisfy (checked with abort()).
#ifndef UNSPIN_TESTS_FUZZ_FUZZ_COMMON_HPP_
#define UNSPIN_TESTS_FUZZ_FUZZ_COMMON_HPP_

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "unspin/unspin.hpp"

namespace unspin_fuzz {

/// tests/data of the source tree (compile definition).
inline const std::string kTestData = UNSPIN_TEST_DATA_DIR;
/// The repository root (compile definition).
inline const std::string kSource = UNSPIN_SOURCE_DIR;
/// The build tree's runtime data dir, holding the annotated Hunspell copy.
inline const std::string kBuildData = UNSPIN_BUILD_DATA_DIR;

/// Prints `what` and aborts, so libFuzzer records the input as a crash.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "unspin fuzz invariant violated: %s\n", what);
  std::abort();
}

/// Aborts unless `cond` holds.
inline void check(bool cond, const char* what) {
  if (!cond) fail(what);
}

/// True when `path` can be opened for reading.
inline bool readable(const std::string& path) {
  std::ifstream in(path);
  return in.good();
}

/// Options with the shipped tables (those present), the mini fixture table,
/// the irregular forms and, when the build made one, the annotated Hunspell
/// dictionary; min_confidence 0 so every candidate is exercised.
inline unspin::Options shipped_options(unspin::InvalidUtf8 policy) {
  unspin::Options o;
  for (const char* t : {"news.tsv", "science.tsv", "mt.tsv"}) {
    std::string path = kSource + "/dictionaries/en/" + t;
    if (readable(path)) o.tables.push_back(unspin::DataSource::File(path));
  }
  o.tables.push_back(unspin::DataSource::File(kTestData + "/tables/mini.tsv"));
  o.irregular_forms.push_back(unspin::DataSource::File(
      kSource + "/dictionaries/morphology/en_irregular.tsv"));
  std::string aff = kBuildData + "/hunspell/en_US.aff";
  std::string dic = kBuildData + "/hunspell/en_US.dic";
  if (readable(aff) && readable(dic)) {
    o.hunspell_aff = aff;
    o.hunspell_dic = dic;
  }
  // Discovery on: the generated LM and thesaurus when built, else the tiny
  // test fixtures.
  std::string lm = kBuildData + "/lm/en-us.lmc";
  std::string th = kBuildData + "/lm/thesaurus.tsv";
  if (!readable(lm) || !readable(th)) {
    lm = kTestData + "/discovery/tiny.arpa";
    th = kTestData + "/discovery/tiny_thesaurus.tsv";
  }
  o.language_model.push_back(unspin::DataSource::File(lm));
  o.thesaurus.push_back(unspin::DataSource::File(th));
  o.min_confidence = 0;
  o.invalid_utf8 = policy;
  return o;
}

/// A Detector over shipped_options(policy), built on first use and kept
/// for the process (libFuzzer exits without tearing it down).
inline const unspin::Detector& shipped_detector(unspin::InvalidUtf8 policy) {
  auto make = [policy] {
    auto r = unspin::Detector::create(shipped_options(policy));
    if (!r.ok()) fail(r.status().message().c_str());
    return new unspin::Detector(std::move(r.value()));
  };
  if (policy == unspin::InvalidUtf8::kError) {
    static const unspin::Detector* strict = make();
    return *strict;
  }
  static const unspin::Detector* replacing = make();
  return *replacing;
}

/// The invariants of a successful scan of `text`: spans inside the text,
/// `text` equal to the span's bytes, ordered by begin and non-overlapping,
/// confidences in [0, 1], 1-based line/column, a consistent verdict.
inline void check_scan(std::string_view text, const unspin::ScanResult& r) {
  std::size_t prev_end = 0;
  for (const unspin::Finding& f : r.findings) {
    check(f.begin <= f.end, "finding begin <= end");
    check(f.end <= text.size(), "finding end inside the text");
    check(f.begin >= prev_end, "findings ordered and non-overlapping");
    prev_end = f.end;
    check(text.substr(f.begin, f.end - f.begin) == f.text,
          "finding text equals the bytes of its span");
    check(f.confidence >= 0 && f.confidence <= 1, "confidence in [0, 1]");
    check(f.line >= 1 && f.column >= 1, "1-based line and column");
  }
  const unspin::Verdict& v = r.verdict;
  check(v.findings == r.findings.size(), "verdict counts the findings");
  check(v.spun_score >= 0 && v.spun_score <= 1, "spun_score in [0, 1]");
  check(v.spun == (v.spun_score >= 0.5), "spun follows spun_score");
}

}  // namespace unspin_fuzz

#endif  // UNSPIN_TESTS_FUZZ_FUZZ_COMMON_HPP_
