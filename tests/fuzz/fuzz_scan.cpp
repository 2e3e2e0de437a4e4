// unspin fuzz target: scanning arbitrary bytes with Detectors built once
// (shipped tables + annotated Hunspell, and a small fixture table).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "text.hpp"

namespace {

using unspin::DataSource;
using unspin::Detector;
using unspin::InvalidUtf8;
using unspin::Options;
using unspin_fuzz::check;

/// Shipped tables, the fixture table, and the annotated Hunspell copy when
/// the build made one (else no morphology).
Options full_options(InvalidUtf8 policy) {
  Options o = unspin_fuzz::shipped_options(policy);
  o.allow_phrases.push_back("bad guy gang members");
  return o;
}

/// The fixture table alone, no Hunspell (exact forms plus forms.tsv).
Options mini_options(InvalidUtf8 policy) {
  Options o;
  o.tables.push_back(
      DataSource::from_file(unspin_fuzz::kTestData + "/tables/mini.tsv"));
  o.irregular_forms =
      DataSource::from_file(unspin_fuzz::kTestData + "/tables/forms.tsv");
  o.min_confidence = 0;
  o.invalid_utf8 = policy;
  return o;
}

const Detector& build(const Options& o) {
  static std::vector<Detector*> keep;  // built once, alive for the run
  auto d = Detector::create(o);
  if (!d.ok()) unspin_fuzz::fail(d.status().message().c_str());
  keep.push_back(new Detector(std::move(d.value())));
  return *keep.back();
}

}  // namespace

namespace {
const Detector* full_replace_d = nullptr;
const Detector* full_error_d = nullptr;
const Detector* mini_replace_d = nullptr;
const Detector* mini_error_d = nullptr;
}  // namespace

// Building the Detectors (Hunspell loading) takes seconds under ASan: do it
// before the first input so it does not count against -timeout.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  full_replace_d = &build(full_options(InvalidUtf8::kReplace));
  full_error_d = &build(full_options(InvalidUtf8::kError));
  mini_replace_d = &build(mini_options(InvalidUtf8::kReplace));
  mini_error_d = &build(mini_options(InvalidUtf8::kError));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const Detector& full_replace = *full_replace_d;
  const Detector& full_error = *full_error_d;
  const Detector& mini_replace = *mini_replace_d;
  const Detector& mini_error = *mini_error_d;

  std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool valid =
      unspin::detail::find_invalid_utf8(text) == std::string_view::npos;

  auto r1 = full_replace.scan(text);
  check(r1.ok(), "kReplace scan never fails");
  unspin_fuzz::check_scan(text, *r1);
  auto r2 = mini_replace.scan(text);
  check(r2.ok(), "kReplace scan never fails (fixture table)");
  unspin_fuzz::check_scan(text, *r2);

  for (const Detector* d : {&full_error, &mini_error}) {
    auto r = d->scan(text);
    if (valid) {
      check(r.ok(), "kError scan of valid UTF-8 succeeds");
      unspin_fuzz::check_scan(text, *r);
    } else {
      check(!r.ok() && r.status().code() == unspin::ErrorCode::kInvalidUtf8,
            "kError scan of invalid UTF-8 is kInvalidUtf8");
      check(r.status().message().find("byte") != std::string::npos,
            "the invalid UTF-8 message names the byte offset");
    }
  }
  // On valid text the policy makes no difference.
  if (valid) {
    auto r3 = full_error.scan(text);
    check(r3->findings.size() == r1->findings.size(),
          "same findings under kError and kReplace on valid text");
    for (std::size_t i = 0; i < r1->findings.size(); ++i)
      check(r3->findings[i].begin == r1->findings[i].begin &&
                r3->findings[i].end == r1->findings[i].end &&
                r3->findings[i].suggestion == r1->findings[i].suggestion,
            "same findings under kError and kReplace on valid text");
  }
  return 0;
}
