// unspin tests: capitalization transfer, a/an and applying findings.
// Pure functions, no data files.
#include <catch2/catch.hpp>

#include "rewrite.hpp"

using unspin::detail::apply_case;
using unspin::detail::case_pattern;
using unspin::detail::CasePattern;
using unspin::detail::takes_an;

TEST_CASE("recognizes the capitalization of a span", "[rewrite]") {
  CHECK(case_pattern({"bad", "guy", "gangs"}) == CasePattern::kAsIs);
  CHECK(case_pattern({"Bad", "guy", "gangs"}) == CasePattern::kFirstUpper);
  CHECK(case_pattern({"Bad", "Guy", "Gangs"}) == CasePattern::kTitle);
  CHECK(case_pattern({"BAD", "GUY", "GANGS"}) == CasePattern::kUpper);
  CHECK(case_pattern({"ÉLIMINÉ"}) == CasePattern::kUpper);
  CHECK(case_pattern({"Eliminated"}) == CasePattern::kFirstUpper);
}

TEST_CASE("keeps the capitalization of the phrase it replaces", "[rewrite]") {
  CHECK(apply_case("criminal gangs", CasePattern::kFirstUpper) == "Criminal gangs");
  CHECK(apply_case("criminal gangs", CasePattern::kTitle) == "Criminal Gangs");
  CHECK(apply_case("criminal gangs", CasePattern::kUpper) == "CRIMINAL GANGS");
  CHECK(apply_case("DNA sequencing", CasePattern::kAsIs) == "DNA sequencing");
  CHECK(apply_case("état civil", CasePattern::kFirstUpper) == "État civil");
  CHECK(apply_case("cross-validation test", CasePattern::kTitle) == "Cross-Validation Test");
}

TEST_CASE("chooses a or an by sound", "[rewrite]") {
  CHECK(takes_an("artificial"));
  CHECK(takes_an("hour"));
  CHECK(takes_an("SVM"));
  CHECK(takes_an("8"));
  CHECK(takes_an("11th"));
  CHECK(takes_an("unusual"));
  CHECK(takes_an("uninformed"));
  CHECK_FALSE(takes_an("random"));
  CHECK_FALSE(takes_an("user"));
  CHECK_FALSE(takes_an("unique"));
  CHECK_FALSE(takes_an("European"));
  CHECK_FALSE(takes_an("one-time"));
  CHECK_FALSE(takes_an("GPU"));
  CHECK_FALSE(takes_an("1"));
}

TEST_CASE("applies findings and skips those without a suggestion", "[rewrite]") {
  unspin::Finding a;
  a.begin = 0;
  a.end = 3;
  a.suggestion = "One";
  unspin::Finding b;
  b.begin = 4;
  b.end = 7;
  b.has_suggestion = false;
  unspin::Finding c;
  c.begin = 7;
  c.end = 13;
  c.suggestion = "";  // a deletion
  auto r = unspin::detail::apply_findings("Uno dos extra tres", {&c, &a, &b});
  REQUIRE(r.ok());
  CHECK(r.value() == "One dos tres");
}

TEST_CASE("refuses overlapping or out-of-range findings", "[rewrite]") {
  unspin::Finding a;
  a.begin = 0;
  a.end = 5;
  unspin::Finding b;
  b.begin = 3;
  b.end = 6;
  auto r = unspin::detail::apply_findings("abcdefgh", {&a, &b});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == unspin::ErrorCode::kInvalidArgument);
  unspin::Finding far;
  far.begin = 2;
  far.end = 99;
  CHECK_FALSE(unspin::detail::apply_findings("abc", {&far}).ok());
}
