// unspin tests: in-document suppression (unspin-disable, unspin-enable,
// unspin-disable-next-line) in plain text, Markdown and HTML, across a
// Scanner's windows, and its effect on the verdict and on fix().
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "unspin/unspin.hpp"

using unspin::DataSource;
using unspin::Detector;
using unspin::Finding;
using unspin::Markup;
using unspin::Options;
using unspin::ScanOptions;

namespace {

Detector suppress_detector() {
  Options o;
  o.tables.push_back(
      DataSource::from_text("s.tsv",
                            "bad guy gang\tcriminal gang\t0.95\n"
                            "human liberties\thuman rights\t0.95\n"));
  o.irregular_forms = DataSource::from_file(std::string(UNSPIN_TEST_DATA_DIR) +
                                            "/tables/forms.tsv");
  o.min_confidence = 0;
  auto d = Detector::create(o);
  INFO(d.status().message());
  REQUIRE(d.ok());
  return std::move(d.value());
}

// The lines (1-based) of the findings of a scan.
std::vector<std::size_t> lines(const Detector& d, const std::string& text,
                               ScanOptions so = {}) {
  auto r = d.scan(text, so);
  INFO(r.status().message());
  REQUIRE(r.ok());
  std::vector<std::size_t> out;
  for (const Finding& f : r->findings) out.push_back(f.line);
  return out;
}

using Lines = std::vector<std::size_t>;

const char kText[] =
    "Bad guy gangs roam.\n"                       // 1
    "# unspin-disable\n"                          // 2
    "Bad guy gangs, human liberties.\n"           // 3
    "# unspin-enable\n"                           // 4
    "Bad guy gangs again.\n"                      // 5
    "// unspin-disable-next-line bad guy gang\n"  // 6
    "Bad guy gangs and human liberties.\n"        // 7
    "Bad guy gangs on the next.\n"                // 8
    "<!-- unspin-disable: human liberties -->\n"  // 9
    "Bad guy gangs and human liberties.\n"        // 10
    "/* unspin-enable human liberties */\n"       // 11
    "Human liberties.\n"                          // 12
    "Not a directive: unspin-disable\n"           // 13
    "Bad guy gangs.\n";                           // 14

}  // namespace

TEST_CASE("suppression: comments in plain text", "[suppress]") {
  const Detector d = suppress_detector();
  CHECK(lines(d, kText) == Lines{1, 5, 7, 8, 10, 12, 14});
  ScanOptions off;
  off.inline_config = false;
  CHECK(lines(d, kText, off) ==
        Lines{1, 3, 3, 5, 6, 7, 7, 8, 9, 10, 10, 11, 12, 14});
  // A word that only starts like a directive is not one.
  CHECK(lines(d, "# unspin-disabled\nbad guy gangs\n") == Lines{2});
  CHECK(lines(d, "# unspin-enable-all\n# unspin-disablex\nbad guy gangs\n") ==
        Lines{3});
  // A disable with no enable runs to the end; the next-line form at the
  // end of the text covers nothing.
  CHECK(lines(d, "bad guy gangs\n; unspin-disable\nbad guy gangs\n") ==
        Lines{1});
  CHECK(lines(d, "bad guy gangs\n% unspin-disable-next-line").size() == 1);
}

TEST_CASE("suppression: the verdict counts what is left, fix() keeps the rest",
          "[suppress]") {
  const Detector d = suppress_detector();
  const std::string text =
      "# unspin-disable\nBad guy gangs roam, human liberties.\n";
  auto r = d.scan(text);
  REQUIRE(r.ok());
  CHECK(r->findings.empty());
  CHECK(r->verdict.findings == 0);
  CHECK(r->verdict.distinct_phrases == 0);
  CHECK(r->verdict.spun_score == 0);
  CHECK_FALSE(r->verdict.spun);
  CHECK(r->verdict.words > 0);
  auto fixed = d.fix(text);
  REQUIRE(fixed.ok());
  CHECK(*fixed == text);
  auto part = d.fix(
      "<!-- unspin-disable bad guy gang -->\nBad guy gangs "
      "roam, human liberties.\n");
  REQUIRE(part.ok());
  CHECK(*part ==
        "<!-- unspin-disable bad guy gang -->\nBad guy gangs roam, human "
        "rights.\n");
}

TEST_CASE("suppression: HTML comments in Markdown and HTML, not in code",
          "[suppress]") {
  const Detector d = suppress_detector();
  ScanOptions md;
  md.markup = Markup::kMarkdown;
  const std::string doc =
      "Bad guy gangs.\n"           // 1
      "\n"                         // 2
      "<!-- unspin-disable -->\n"  // 3
      "\n"                         // 4
      "Bad guy gangs here.\n"      // 5
      "\n"                         // 6
      "```\n"                      // 7
      "<!-- unspin-enable -->\n"   // 8 (code: not a directive)
      "```\n"                      // 9
      "\n"                         // 10
      "Still bad guy gangs `<!-- unspin-enable -->`.\n"          // 11
      "\n"                                                       // 12
      "<!--\n"                                                   // 13
      "unspin-enable\n"                                          // 14
      "-->\n"                                                    // 15
      "Bad guy gangs back. <!-- unspin-disable-next-line -->\n"  // 16
      "Bad guy gangs skipped.\n"                                 // 17
      "Human liberties shown.\n";                                // 18
  CHECK(lines(d, doc, md) == Lines{1, 16, 18});
  md.inline_config = false;
  CHECK(lines(d, doc, md) == Lines{1, 5, 11, 16, 17, 18});
  // A plain-text comment line is not a directive in Markdown.
  md.inline_config = true;
  CHECK(lines(d, "# unspin-disable\n\nbad guy gangs\n", md) == Lines{3});

  ScanOptions html;
  html.markup = Markup::kHtml;
  const std::string page =
      "<p>Bad guy gangs.</p>\n"
      "<!-- unspin-disable bad guy gangs -->\n"
      "<p>Bad guy gangs hidden, human liberties shown.</p>\n"
      "<script>/* <!-- unspin-enable --> */</script>\n"
      "<pre><!-- unspin-enable --></pre>\n"
      "<p>bad guy gangs hidden too</p>\n"
      "<!--unspin-enable-->\n"
      "<p>bad guy gangs shown</p>\n";
  CHECK(lines(d, page, html) == Lines{1, 3, 8});
}

TEST_CASE("suppression: a Scanner carries it from window to window",
          "[suppress]") {
  const Detector d = suppress_detector();
  std::string text;
  for (int i = 0; i < 50; ++i) text += "Bad guy gangs roam here.\n";
  text += "# unspin-disable\n";
  for (int i = 0; i < 50; ++i) text += "Bad guy gangs roam here.\n";
  text += "# unspin-enable\n";
  text += "-- unspin-disable-next-line\n";
  text += "Bad guy gangs roam here.\n";
  for (int i = 0; i < 50; ++i) text += "Bad guy gangs roam here.\n";
  const Lines whole = lines(d, text);
  REQUIRE(whole.size() == 100);
  // Windows of whole lines, from one line each to many.
  for (std::size_t window : {20u, 30u, 64u, 100u, 1000u}) {
    unspin::ScannerOptions so;
    so.window_bytes = window;
    so.whole_lines = true;
    auto s = unspin::Scanner::create(d, so);
    REQUIRE(s.ok());
    Lines got;
    auto sink = [&](unspin::ScannedWindow& w) {
      for (const Finding& f : w.findings) got.push_back(f.line);
      return unspin::Status::ok_status();
    };
    REQUIRE(s->feed(text, sink).ok());
    REQUIRE(s->finish(sink).ok());
    INFO("window " << window);
    CHECK(got == whole);
    CHECK(s->verdict().findings == 100);
  }
}
