// unspin tests: the Catch2 matchers in include/unspin/catch2.hpp: what they
// accept, and what their failure descriptions say.
#include <catch2/catch.hpp>
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
             Catch::StartsWith(
                 "is free of spin; but it has 2 spun phrases:\n"
                 "  line 2, column 5: \"bad guy gangs\" -> \"criminal gangs\" "
                 "(confidence 0."));
  CHECK_THAT(text, Catch::Contains(
                       ", table:mini.tsv:2)\n"
                       "  line 2, column 23: \"counterfeit consciousness\" -> "
                       "\"artificial intelligence\" (confidence 0."));
  CHECK_THAT(text, Catch::EndsWith(", table:mini.tsv:3)"));
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
        "rewrites \"bad guy gangs\" as \"criminal gangs\"; but \"bad guy "
        "gangs\" is still at line 2, column 3");
  auto missing = unspin::Rewrites("bad guy gangs", "criminal gangs");
  REQUIRE_FALSE(missing.match("Gangs ran the port."));
  CHECK(missing.describe() ==
        "rewrites \"bad guy gangs\" as \"criminal gangs\"; but \"criminal "
        "gangs\" is missing");
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
             Catch::Matchers::Contains("line 9, column 6: \"bad guy gangs\""));
  unspin::ScanOptions html;
  html.markup = unspin::Markup::kHtml;
  CHECK_THAT(std::string("<p title=\"x\">ok</p><script>bad guy gangs</script>"),
             unspin::IsFreeOfSpin(d, html));
}
