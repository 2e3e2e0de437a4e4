// unspin tests: the Catch2 matchers in include/unspin/catch2.hpp: what they
// accept, and what their failure descriptions say.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <unspin/catch2.hpp>

namespace {

unspin::Detector fixture_detector(
    unspin::InvalidUtf8 policy = unspin::InvalidUtf8::kError) {
  unspin::Options o;
  o.tables.push_back(
      unspin::DataSource::from_file(UNSPIN_TEST_DATA_DIR "/tables/mini.tsv"));
  o.irregular_forms =
      unspin::DataSource::from_file(UNSPIN_TEST_DATA_DIR "/tables/forms.tsv");
  o.invalid_utf8 = policy;
  auto d = unspin::Detector::create(o);
  INFO(d.status().message());
  REQUIRE(d.ok());
  return std::move(d).value();
}

// Line 120 of long_article() as the failure messages show it: cut to 72
// bytes around the span, the span marked.
const std::string kLine120 =
    "    ... the article is clean but bad guy gangs came at all, as the other "
    "...\n"
    "                                 ^^^^^^^^^^^^^";

// An article of 190 lines (about 13 KB) with one spun phrase on line 120.
std::string long_article() {
  std::string text;
  for (int i = 1; i <= 190; ++i) {
    text += "Line " + std::to_string(i) + " of the article is clean ";
    text += i == 120 ? "but bad guy gangs came" : "and says nothing";
    text += " at all, as the other lines of it.\n";
  }
  return text;
}

}  // namespace

TEST_CASE("IsFreeOfSpin accepts clean text and rejects spun text",
          "[matchers]") {
  const unspin::Detector d = fixture_detector();
  CHECK_THAT(std::string("Criminal gangs ran the port."),
             unspin::IsFreeOfSpin(d));
  CHECK_THAT(std::string(""), unspin::IsFreeOfSpin(d));
  CHECK_FALSE(unspin::IsFreeOfSpin(d).match("Bad guy gangs ran the port."));
}

TEST_CASE("IsFreeOfSpin describes every finding with place and suggestion",
          "[matchers]") {
  auto m = unspin::IsFreeOfSpin(fixture_detector());
  REQUIRE_FALSE(
      m.match("Intro.\nThe bad guy gangs met counterfeit consciousness."));
  const std::string text = m.describe();
  CHECK_THAT(text,
             Catch::StartsWith("is free of spin; but it has 2 spun phrases:\n"
                               "  2:5: \"bad guy gangs\" -> \"criminal gangs\" "
                               "(confidence 0."));
  // Each finding is followed by its line, the span marked.
  CHECK_THAT(text, Catch::Contains(
                       ", table:mini.tsv:2)\n"
                       "    The bad guy gangs met counterfeit consciousness.\n"
                       "        ^^^^^^^^^^^^^\n"
                       "  2:23: \"counterfeit consciousness\" -> "
                       "\"artificial intelligence\" (confidence 0."));
  CHECK_THAT(text, Catch::EndsWith(
                       ", table:mini.tsv:3)\n"
                       "    The bad guy gangs met counterfeit consciousness.\n"
                       "                          ^^^^^^^^^^^^^^^^^^^^^^^^^"));
}

TEST_CASE("IsFreeOfSpin shows a long text as an excerpt around the finding",
          "[matchers]") {
  const std::string article = long_article();
  REQUIRE(article.size() > 13000);
  auto m = unspin::IsFreeOfSpin(fixture_detector());
  REQUIRE_FALSE(m.match(article));
  const std::string text = m.describe();
  CHECK_THAT(text, Catch::StartsWith(
                       "is free of spin; but it has 1 spun phrase:\n"
                       "  120:38: \"bad guy gangs\" -> \"criminal gangs\""));
  // The finding's line, cut to 72 bytes around the span; nothing else.
  CHECK_THAT(text, Catch::EndsWith(kLine120));
  CHECK(text.size() < 250);
  // What CHECK_THAT prints for the tested value: its start and its size,
  // not its 190 lines.
  auto expr =
      Catch::makeMatchExpr(article, unspin::IsFreeOfSpin(fixture_detector()),
                           Catch::StringRef("IsFreeOfSpin(d)"));
  CHECK_FALSE(expr.getResult());
  std::ostringstream shown;
  expr.streamReconstructedExpression(shown);
  CHECK_THAT(shown.str(),
             Catch::StartsWith("\"Line 1 of the article is clean and says "
                               "nothing at all, as t...\" (" +
                               std::to_string(article.size()) +
                               " bytes, 190 lines) is free of spin; but it "
                               "has 1 spun phrase:\n  120:38: "));
  CHECK(shown.str().size() < 400);
}

TEST_CASE("IsFreeOfSpin describes ten findings and counts the others",
          "[matchers]") {
  std::string text;
  for (int i = 0; i < 13; ++i) text += "The bad guy gangs met.\n";
  auto m = unspin::IsFreeOfSpin(fixture_detector());
  REQUIRE_FALSE(m.match(text));
  const std::string d = m.describe();
  CHECK_THAT(d, Catch::StartsWith("is free of spin; but it has 13 spun "
                                  "phrases:\n  1:5: "));
  CHECK_THAT(d, Catch::Contains("\n  10:5: "));
  CHECK_THAT(d, !Catch::Contains("\n  11:5: "));
  CHECK_THAT(d, Catch::EndsWith("\n        ^^^^^^^^^^^^^\n  ... and 3 more"));
}

TEST_CASE("IsFreeOfSpin escapes control characters in its excerpts",
          "[matchers]") {
  auto m = unspin::IsFreeOfSpin(fixture_detector());
  REQUIRE_FALSE(m.match("A\ttab and \x1b[31m bad guy gangs."));
  CHECK_THAT(m.describe(),
             Catch::EndsWith("\n    A tab and \\x1B[31m bad guy gangs.\n"
                             "                       ^^^^^^^^^^^^^"));
}

TEST_CASE("IsFreeOfSpin honours a threshold given to it", "[matchers]") {
  const unspin::Detector d = fixture_detector();
  // "eliminate" alone is a weak finding (prior 0.2).
  CHECK_FALSE(unspin::IsFreeOfSpin(d, 0.0).match("They eliminated it."));
  CHECK(unspin::IsFreeOfSpin(d, 0.99).match("They eliminated it."));
}

TEST_CASE("IsFreeOfSpin rejects text it cannot scan and says why",
          "[matchers]") {
  auto m = unspin::IsFreeOfSpin(fixture_detector());
  REQUIRE_FALSE(m.match("fine \xC0\xAF text"));
  CHECK_THAT(m.describe(),
             Catch::Contains("cannot be scanned") && Catch::Contains("byte 5"));
}

TEST_CASE("IsFreeOfSpin with a threshold outside [0, 1] matches nothing",
          "[matchers]") {
  // A typo such as 1.5 must not make every check pass unchecked.
  for (double bad : {1.5, -0.1}) {
    auto m = unspin::IsFreeOfSpin(fixture_detector(), bad);
    CHECK_FALSE(m.match("Criminal gangs ran the port."));
    CHECK_THAT(m.describe(),
               Catch::Contains("cannot be scanned") &&
                   Catch::Contains("ScanOptions::min_confidence"));
  }
}

TEST_CASE("Rewrites wants the spun phrase gone and the canonical present",
          "[matchers]") {
  CHECK_THAT(std::string("Criminal gangs ran the port."),
             unspin::Rewrites("bad guy gangs", "criminal gangs"));
  auto still = unspin::Rewrites("bad guy gangs", "criminal gangs");
  REQUIRE_FALSE(still.match("Criminal gangs and\n\xC3\xA9 Bad Guy Gangs."));
  CHECK(still.describe() ==
        "rewrites \"bad guy gangs\" as \"criminal gangs\"; but:\n"
        "  \"bad guy gangs\" is still at 2:3\n"
        "    \xC3\xA9 Bad Guy Gangs.\n"
        "      ^^^^^^^^^^^^^");
  auto missing = unspin::Rewrites("bad guy gangs", "criminal gangs");
  REQUIRE_FALSE(missing.match("Gangs ran the port."));
  CHECK(missing.describe() ==
        "rewrites \"bad guy gangs\" as \"criminal gangs\"; but:\n"
        "  \"criminal gangs\" is missing");
  auto both = unspin::Rewrites("bad guy gangs", "criminal gangs");
  REQUIRE_FALSE(both.match(long_article()));
  CHECK(both.describe() ==
        "rewrites \"bad guy gangs\" as \"criminal gangs\"; but:\n"
        "  \"bad guy gangs\" is still at 120:38\n" +
            kLine120 + "\n  \"criminal gangs\" is missing");
}

TEST_CASE("Rewrites composes with a detector's own fix", "[matchers]") {
  const unspin::Detector d = fixture_detector();
  CHECK_THAT(d.fix("Bad guy gangs ran the port.").value(),
             unspin::Rewrites("bad guy gangs", "criminal gangs"));
}

TEST_CASE("IsFreeOfSpin with ScanOptions reads Markdown and HTML as markup",
          "[matchers]") {
  const unspin::Detector d = fixture_detector();
  unspin::ScanOptions md;
  md.markup = unspin::Markup::kMarkdown;
  const std::string doc =
      "# Notes\n\nRun `bad guy gangs` or see "
      "<https://x.test/bad-guy-gangs>.\n\n```\nbad guy gangs\n```\n";
  // Code and URLs are not prose: free of spin as Markdown, not as text.
  CHECK_THAT(doc, unspin::IsFreeOfSpin(d, md));
  CHECK_FALSE(unspin::IsFreeOfSpin(d).match(doc));
  auto m = unspin::IsFreeOfSpin(d, md);
  REQUIRE_FALSE(m.match(doc + "\nThe *bad guy gangs* left.\n"));
  // The place is the document's own line and column.
  CHECK_THAT(m.describe(),
             Catch::Matchers::Contains("  9:6: \"bad guy gangs\"") &&
                 Catch::Matchers::EndsWith("    The *bad guy gangs* left.\n"
                                           "         ^^^^^^^^^^^^^"));
  unspin::ScanOptions html;
  html.markup = unspin::Markup::kHtml;
  CHECK_THAT(std::string("<p title=\"x\">ok</p><script>bad guy gangs</script>"),
             unspin::IsFreeOfSpin(d, html));
}
