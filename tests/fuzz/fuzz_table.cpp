// unspin fuzz target: loading arbitrary phrase-table and allowlist text
// (DataSource::from_text), then scanning the table's own text with the result.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace {

using unspin::DataSource;
using unspin::Detector;
using unspin::ErrorCode;
using unspin::Options;
using unspin_fuzz::check;

/// Separates the table text from the allowlist text in an input.
constexpr std::string_view kSeparator = "\n%%\n";

const std::string kSample =
    "Bad guy gangs eliminated two counterfeit consciousness researchers.\n"
    "The surface region of a fog computing node, the surface area.\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t cut = input.find(kSeparator);
  std::string_view table = input.substr(0, cut);
  std::string_view allow = cut == std::string_view::npos
                               ? std::string_view()
                               : input.substr(cut + kSeparator.size());

  Options o;
  o.tables.push_back(DataSource::from_text("fuzz.tsv", std::string(table)));
  if (!allow.empty())
    o.allowlists.push_back(
        DataSource::from_text("allow.txt", std::string(allow)));
  // The tiny annotated Hunspell fixture keeps create() cheap but still runs
  // the morphology (paradigms, affix rules) over the fuzzed phrases.
  o.hunspell_aff = unspin_fuzz::kTestData + "/morph/tiny.aff";
  o.hunspell_dic = unspin_fuzz::kTestData + "/morph/tiny.dic";
  o.irregular_forms = DataSource::from_file(unspin_fuzz::kTestData +
                                            "/morph/tiny_irregular.tsv");
  o.min_confidence = 0;
  o.invalid_utf8 = unspin::InvalidUtf8::kReplace;

  auto d = Detector::create(o);
  if (!d.ok()) {
    ErrorCode c = d.status().code();
    check(c == ErrorCode::kParseError || c == ErrorCode::kInvalidUtf8 ||
              c == ErrorCode::kInvalidArgument,
          "a bad table is a parse/UTF-8/argument error");
    check(!d.status().message().empty(), "errors carry a message");
    check(d.status().message().find('\n') == std::string::npos,
          "error messages are one line");
    return 0;
  }
  // The table text itself contains every spun phrase: scanning it matches.
  for (std::string_view text : {std::string_view(kSample), table, input}) {
    auto r = d->scan(text);
    check(r.ok(), "kReplace scan never fails");
    unspin_fuzz::check_scan(text, *r);
    auto fixed = Detector::rewrite(text, r->findings);
    check(fixed.ok(), "rewrite with a scan's findings succeeds");
  }
  return 0;
}
