// unspin fuzz target: Markdown and HTML documents (the markup layer: md4c,
// Gumbo, the prose map, findings moved back onto the document). The first
// byte picks the format and the options; the rest is the document.
// Invariants: findings are ordered, non-overlapping and quote their bytes;
// a rewritable finding's span holds no markup (bytes outside prose that are
// not whitespace) other than what its suggestion keeps, in order; fix() is
// rewrite() of the scan.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "markup.hpp"
#include "text.hpp"

namespace {

using unspin::DataSource;
using unspin::Detector;
using unspin::Markup;
using unspin::Options;
using unspin_fuzz::check;

const Detector* detector = nullptr;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Marks the document bytes that some prose piece stands for.
std::vector<bool> prose_mask(std::string_view doc, Markup m) {
  unspin::detail::Prose p;
  if (m == Markup::kMarkdown) {
    p = unspin::detail::extract_markdown(doc);
  } else if (!unspin::detail::extract_html(doc, p).ok()) {
    return {};
  }
  std::vector<bool> mask(doc.size(), false);
  for (const auto& piece : p.pieces) {
    check(piece.source <= piece.source_end && piece.source_end <= doc.size(),
          "a prose piece lies inside the document");
    for (std::size_t i = piece.source; i < piece.source_end; ++i)
      mask[i] = true;
  }
  return mask;
}

// True when `needle`'s bytes appear in `hay` in order.
bool subsequence(const std::string& needle, std::string_view hay) {
  std::size_t j = 0;
  for (char c : hay)
    if (j < needle.size() && needle[j] == c) ++j;
  return j == needle.size();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  Options o;
  o.tables.push_back(
      DataSource::from_text("m.tsv",
                            "bad guy gang\tcriminal gang\t0.95\n"
                            "human liberties\thuman rights\t0.95\n"
                            "inventory market\tstock market\t0.95\n"
                            "star operator\t*star* <operator> & co\t0.9\n"
                            "needless to say\t<delete>\t0.9\n"
                            "a b\tc\t0.9\n"));
  o.irregular_forms =
      DataSource::from_file(unspin_fuzz::kTestData + "/tables/forms.tsv");
  o.min_confidence = 0;
  o.invalid_utf8 = unspin::InvalidUtf8::kReplace;
  auto d = Detector::create(o);
  if (!d.ok()) unspin_fuzz::fail(d.status().message().c_str());
  detector = new Detector(std::move(d.value()));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t pick = data[0];
  std::string_view doc(reinterpret_cast<const char*>(data) + 1, size - 1);
  unspin::ScanOptions so;
  so.markup = (pick & 1) != 0 ? Markup::kHtml : Markup::kMarkdown;
  so.rewrite_attributes = (pick & 2) != 0;
  so.inline_config = (pick & 4) == 0;  // suppression comments read or not

  auto r = detector->scan(doc, so);
  if (!r.ok()) {
    check(r.status().code() == unspin::ErrorCode::kInvalidArgument &&
              so.markup == Markup::kHtml,
          "a markup scan fails only on HTML too deep or with too many "
          "formatting elements left open");
    return 0;
  }
  unspin_fuzz::check_scan(doc, *r);

  const std::vector<bool> mask = prose_mask(doc, so.markup);
  check(mask.size() == doc.size(), "the prose extracts again");
  for (const unspin::Finding& f : r->findings) {
    if (!f.rewritable || !f.has_suggestion) continue;
    std::string markup;
    for (std::size_t i = f.begin; i < f.end; ++i)
      if (!mask[i] && !is_space(doc[i])) markup += doc[i];
    check(subsequence(markup, f.suggestion),
          "a rewritable finding keeps the markup inside its span");
  }
  auto all = Detector::rewrite(doc, r->findings);
  check(all.ok(), "the findings of a scan can be applied");
  auto fixed = detector->fix(doc, so);
  check(fixed.ok() && *fixed == *all, "fix() is rewrite() of the scan");
  return 0;
}
