// unspin fuzz target: rewriting arbitrary bytes with the findings of a scan
// (all of them, every other one, none), plus malformed findings.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "text.hpp"

namespace {

using unspin::DataSource;
using unspin::Detector;
using unspin::Finding;
using unspin::Options;
using unspin_fuzz::check;

const Detector& detector() {
  return unspin_fuzz::shipped_detector(unspin::InvalidUtf8::kReplace);
}

bool valid_utf8(std::string_view s) {
  return unspin::detail::find_invalid_utf8(s) == std::string_view::npos;
}

}  // namespace

// Build the Detector (Hunspell loading, seconds under ASan) before the
// first input so it does not count against -timeout.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  detector();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const Detector& d = detector();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool valid = valid_utf8(text);

  auto none = Detector::rewrite(text, {});
  check(none.ok() && *none == text, "rewrite of zero findings is the input");

  auto scan = d.scan(text);
  check(scan.ok(), "kReplace scan never fails");
  unspin_fuzz::check_scan(text, *scan);
  const std::vector<Finding>& all = scan->findings;

  auto out = Detector::rewrite(text, all);
  check(out.ok(), "rewrite with a scan's findings succeeds");
  if (valid) check(valid_utf8(*out), "rewrite of valid UTF-8 is valid UTF-8");
  // Text outside the spans is kept: the output starts and ends like the input.
  if (!all.empty()) {
    check(
        out->compare(0, all.front().begin, text.data(), all.front().begin) == 0,
        "bytes before the first finding are kept");
    std::size_t tail = text.size() - all.back().end;
    check(out->size() >= tail &&
              out->compare(out->size() - tail, tail,
                           text.data() + all.back().end, tail) == 0,
          "bytes after the last finding are kept");
  }

  std::vector<Finding> some;
  for (std::size_t i = 0; i < all.size(); i += 2) some.push_back(all[i]);
  auto partial = Detector::rewrite(text, some);
  check(partial.ok(), "rewrite with a subset of the findings succeeds");
  if (valid) check(valid_utf8(*partial), "partial rewrite keeps valid UTF-8");

  if (valid) {
    auto fixed = d.fix(text);
    check(fixed.ok() && *fixed == *out, "fix() equals scan() + rewrite()");
  }

  // Malformed findings are errors, never crashes.
  Finding outside;
  outside.begin = size;
  outside.end = size + 1 + (size > 0 ? data[0] : 0);
  outside.suggestion = "x";
  auto bad = Detector::rewrite(text, {outside});
  check(!bad.ok() && bad.status().code() == unspin::ErrorCode::kInvalidArgument,
        "a span outside the text is kInvalidArgument");
  if (size >= 2) {
    Finding a, b;
    a.begin = 0;
    a.end = size;
    b.begin = size / 2;
    b.end = size;
    a.suggestion = b.suggestion = "y";
    auto overlap = Detector::rewrite(text, {a, b});
    check(!overlap.ok(), "overlapping findings are an error");
    Finding inverted;
    inverted.begin = size;
    inverted.end = size / 2 < size ? size / 2 : 0;
    inverted.suggestion = "z";
    auto inv = Detector::rewrite(text, {inverted});
    check(inverted.begin == inverted.end || !inv.ok(),
          "a span with end < begin is an error");
  }
  return 0;
}
