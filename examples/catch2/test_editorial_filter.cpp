// unspin Catch2 example: tests of the editorial filter written with the
// unspin matchers (include/unspin/catch2.hpp).
#include <catch2/catch.hpp>
#include <unspin/catch2.hpp>

#include "editorial_filter.hpp"

using unspin::IsFreeOfSpin;
using unspin::Rewrites;

namespace {

// One detector for the whole test run: creating it loads the dictionaries,
// and it is immutable, so sharing it is safe.
const unspin::Detector& detector() {
  static const unspin::Detector d = [] {
    auto made = editorial::make_detector(EXAMPLE_DATA_DIR);
    if (!made.ok()) FAIL(made.status().message());
    return std::move(made).value();
  }();
  return d;
}

}  // namespace

TEST_CASE("the filter restores the original wording of spun phrases",
          "[filter]") {
  const std::string copy =
      "Police say bad guy gangs  run the port.\n"
      "The joined states use counterfeit consciousness.";
  const std::string out = editorial::filter(detector(), copy);
  CHECK_THAT(out, Rewrites("bad guy gangs", "criminal gangs"));
  CHECK_THAT(out, Rewrites("joined states", "United States"));
  CHECK_THAT(out,
             Rewrites("counterfeit consciousness", "artificial intelligence"));
  CHECK_THAT(out, IsFreeOfSpin(detector()));
}

TEST_CASE("the filter keeps the capital of a sentence start", "[filter]") {
  CHECK_THAT(editorial::filter(detector(), "Bad guy gangs were arrested."),
             Rewrites("bad guy gangs", "criminal gangs"));
}

TEST_CASE("the filter leaves clean copy alone", "[filter]") {
  const std::string copy = "Criminal gangs run the port, police say.";
  CHECK_THAT(copy, IsFreeOfSpin(detector()));
  CHECK(editorial::filter(detector(), copy) == copy);
}

// Deliberately failing, hidden from a plain run ("[.]"): ctest runs it by its
// tag and checks that the failure message names the phrase and its place.
TEST_CASE("spun copy fails the matchers with a readable message",
          "[.][failing]") {
  CHECK_THAT(std::string("bad guy gangs run the port."),
             IsFreeOfSpin(detector()));
  CHECK_THAT(std::string("bad guy gangs run the port."),
             Rewrites("bad guy gangs", "criminal gangs"));
  // A long article: the message shows its start and size and the finding's
  // line, not its 190 lines.
  std::string article;
  for (int i = 1; i <= 190; ++i) {
    article += "Paragraph " + std::to_string(i) + " reports the news";
    article += i == 120 ? " of bad guy gangs" : "";
    article += " in plain words, as the others do.\n";
  }
  CHECK_THAT(article, IsFreeOfSpin(detector()));
}
