// unspin tests: the GoogleTest matchers in include/unspin/gtest.hpp: what
// they accept, and what their failure messages say (checked as text).
#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <unspin/gtest.hpp>

namespace {

using ::testing::AllOf;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const unspin::Detector& fixture_detector() {
  static const unspin::Detector d = [] {
    unspin::Options o;
    o.tables.push_back(
        unspin::DataSource::from_file(UNSPIN_TEST_DATA_DIR "/tables/mini.tsv"));
    o.irregular_forms =
        unspin::DataSource::from_file(UNSPIN_TEST_DATA_DIR "/tables/forms.tsv");
    auto made = unspin::Detector::create(o);
    if (!made.ok()) {
      ADD_FAILURE() << made.status().message();
      std::abort();
    }
    return std::move(made).value();
  }();
  return d;
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

// The message EXPECT_THAT(text, matcher) gives, "" when it passes.
template <typename M>
std::string failure_of(const std::string& text, const M& matcher) {
  const ::testing::AssertionResult r =
      ::testing::internal::MakePredicateFormatterFromMatcher(matcher)("text",
                                                                      text);
  return r ? std::string() : std::string(r.message());
}

TEST(IsFreeOfSpin, AcceptsCleanTextAndRejectsSpunText) {
  const unspin::Detector& d = fixture_detector();
  EXPECT_THAT(std::string("Criminal gangs ran the port."),
              unspin::IsFreeOfSpin(d));
  EXPECT_THAT(std::string(""), unspin::IsFreeOfSpin(d));
  EXPECT_THAT("a C string, clean", unspin::IsFreeOfSpin(d));
  EXPECT_THAT(std::string("Bad guy gangs ran the port."),
              Not(unspin::IsFreeOfSpin(d)));
}

TEST(IsFreeOfSpin, FailureMessageGivesEachFindingWithItsLineMarked) {
  const std::string msg =
      failure_of("Intro.\nThe bad guy gangs met counterfeit consciousness.",
                 unspin::IsFreeOfSpin(fixture_detector()));
  EXPECT_THAT(msg, StartsWith("Value of: text\n"
                              "Expected: is free of spin\n"
                              "  Actual: \"Intro.\\nThe bad guy gangs met "
                              "counterfeit consciousness.\", which has 2 spun "
                              "phrases:\n"
                              "  2:5: \"bad guy gangs\" -> \"criminal gangs\" "
                              "(confidence 0."));
  EXPECT_THAT(msg, HasSubstr(", table:mini.tsv:2)\n"
                             "    The bad guy gangs met counterfeit "
                             "consciousness.\n"
                             "        ^^^^^^^^^^^^^\n"
                             "  2:23: \"counterfeit consciousness\" -> "
                             "\"artificial intelligence\" (confidence 0."));
  EXPECT_THAT(msg, EndsWith("                          "
                            "^^^^^^^^^^^^^^^^^^^^^^^^^"));
}

TEST(IsFreeOfSpin, FailureMessageCutsALongTextToExcerpts) {
  const std::string article = long_article();
  const std::string msg =
      failure_of(article, unspin::IsFreeOfSpin(fixture_detector()));
  // The value: its first 60 bytes and its size, not its 190 lines.
  EXPECT_THAT(msg, StartsWith("Value of: text\n"
                              "Expected: is free of spin\n"
                              "  Actual: \"Line 1 of the article is clean and "
                              "says nothing at all, as t...\" (" +
                              std::to_string(article.size()) +
                              " bytes, 190 lines), which has 1 spun phrase:\n"
                              "  120:38: \"bad guy gangs\" -> \"criminal "
                              "gangs\" (confidence "));
  EXPECT_THAT(msg, EndsWith(kLine120));
  EXPECT_LT(msg.size(), 400u);
}

TEST(IsFreeOfSpin, HonoursAThresholdAndScanOptions) {
  const unspin::Detector& d = fixture_detector();
  // "eliminate" alone is a weak finding (prior 0.2).
  EXPECT_THAT("They eliminated it.", Not(unspin::IsFreeOfSpin(d, 0.0)));
  EXPECT_THAT("They eliminated it.", unspin::IsFreeOfSpin(d, 0.99));
  unspin::ScanOptions md;
  md.markup = unspin::Markup::kMarkdown;
  EXPECT_THAT("Run `bad guy gangs` now.\n", unspin::IsFreeOfSpin(d, md));
  EXPECT_THAT(failure_of("# T\n\nThe *bad guy gangs* left.\n",
                         unspin::IsFreeOfSpin(d, md)),
              HasSubstr("  3:6: \"bad guy gangs\""));
}

TEST(IsFreeOfSpin, SaysWhyTextCannotBeScanned) {
  EXPECT_THAT(
      failure_of("fine \xC0\xAF text",
                 unspin::IsFreeOfSpin(fixture_detector())),
      AllOf(HasSubstr("which cannot be scanned: "), HasSubstr("byte 5")));
  EXPECT_THAT(failure_of("text", unspin::IsFreeOfSpin(fixture_detector(), 1.5)),
              HasSubstr("which cannot be scanned: "));
}

TEST(IsFreeOfSpin, ReportsThroughExpectThat) {
  // The real macro, its failure caught: the message is the same.
  EXPECT_NONFATAL_FAILURE(
      EXPECT_THAT(std::string("The bad guy gangs met."),
                  unspin::IsFreeOfSpin(fixture_detector())),
      "which has 1 spun phrase:\n"
      "  1:5: \"bad guy gangs\" -> \"criminal gangs\" (confidence ");
  EXPECT_NONFATAL_FAILURE(
      EXPECT_THAT(long_article(), unspin::IsFreeOfSpin(fixture_detector())),
      kLine120);
}

TEST(Rewrites, WantsTheSpunPhraseGoneAndTheCanonicalPresent) {
  EXPECT_THAT(std::string("Criminal gangs ran the port."),
              unspin::Rewrites("bad guy gangs", "criminal gangs"));
  EXPECT_EQ(failure_of("Criminal gangs and\n\xC3\xA9 Bad Guy Gangs.",
                       unspin::Rewrites("bad guy gangs", "criminal gangs")),
            "Value of: text\n"
            "Expected: rewrites \"bad guy gangs\" as \"criminal gangs\"\n"
            "  Actual: \"Criminal gangs and\\n\xC3\xA9 Bad Guy Gangs.\", "
            "where:\n"
            "  \"bad guy gangs\" is still at 2:3\n"
            "    \xC3\xA9 Bad Guy Gangs.\n"
            "      ^^^^^^^^^^^^^");
  EXPECT_EQ(failure_of("Gangs ran the port.",
                       unspin::Rewrites("bad guy gangs", "criminal gangs")),
            "Value of: text\n"
            "Expected: rewrites \"bad guy gangs\" as \"criminal gangs\"\n"
            "  Actual: \"Gangs ran the port.\", where:\n"
            "  \"criminal gangs\" is missing");
  EXPECT_THAT(fixture_detector().fix("Bad guy gangs ran the port.").value(),
              unspin::Rewrites("bad guy gangs", "criminal gangs"));
}

}  // namespace
