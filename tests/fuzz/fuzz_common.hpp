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
#include <utility>

#include "unspin/unspin.hpp"

namespace unspin_fuzz {

/// tests/data of the source tree (compile definition).
inline const std::string kTestData = UNSPIN_TEST_DATA_DIR;
/// The repository root (compile definition).
inline const std::string kSource = UNSPIN_SOURCE_DIR;
/// The build tree's runtime data dir (tables, annotated Hunspell copy).
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

/// Options for the build tree's data dir (unspin::options_from_data_dir:
/// the shipped tables, irregular forms, annotated Hunspell dictionary and
/// paradigm cache) plus the mini fixture table, with discovery on (the
/// generated LM and thesaurus when built, else the tiny test fixtures);
/// min_confidence 0 so every candidate is exercised. Aborts when the data
/// dir is missing (build the whole fuzz project first).
inline unspin::Options shipped_options(unspin::InvalidUtf8 policy) {
  const bool lm_built = readable(kBuildData + "/lm/en-us.lmc") &&
                        readable(kBuildData + "/lm/thesaurus.tsv");
  unspin::DataDirOptions what;
  what.discovery = lm_built;
  unspin::Result<unspin::Options> made =
      unspin::options_from_data_dir(kBuildData, what);
  if (!made.ok()) fail(made.status().message().c_str());
  unspin::Options o = std::move(made).value();
  o.tables.push_back(
      unspin::DataSource::from_file(kTestData + "/tables/mini.tsv"));
  if (!lm_built) {
    o.language_model =
        unspin::DataSource::from_file(kTestData + "/discovery/tiny.arpa");
    o.thesaurus = unspin::DataSource::from_file(
        kTestData + "/discovery/tiny_thesaurus.tsv");
  }
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
