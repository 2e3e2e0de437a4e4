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
  CHECK(apply_case("criminal gangs", CasePattern::kFirstUpper) ==
        "Criminal gangs");
  CHECK(apply_case("criminal gangs", CasePattern::kTitle) == "Criminal Gangs");
  CHECK(apply_case("criminal gangs", CasePattern::kUpper) == "CRIMINAL GANGS");
  CHECK(apply_case("DNA sequencing", CasePattern::kAsIs) == "DNA sequencing");
  CHECK(apply_case("état civil", CasePattern::kFirstUpper) == "État civil");
  CHECK(apply_case("cross-validation test", CasePattern::kTitle) ==
        "Cross-Validation Test");
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

TEST_CASE("applies findings and skips those without a suggestion",
          "[rewrite]") {
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

namespace {

// A finding over [b, e) of `text` for the rendering functions.
unspin::Finding span_of(std::size_t b, std::size_t e) {
  unspin::Finding f;
  f.begin = b;
  f.end = e;
  return f;
}

}  // namespace

TEST_CASE("a deleted phrase takes its commas, spaces or the next capital",
          "[rewrite]") {
  std::string text = "They were, needless to say, gone.";
  unspin::Finding f = span_of(11, 26);
  unspin::detail::delete_span(text, f);
  CHECK(text.substr(0, f.begin) + f.suggestion + text.substr(f.end) ==
        "They were gone.");
  text = "Needless to say, the gangs left.";
  f = span_of(0, 15);
  unspin::detail::delete_span(text, f);
  CHECK(text.substr(0, f.begin) + f.suggestion + text.substr(f.end) ==
        "The gangs left.");
  text = "It has actually been done.";
  f = span_of(7, 15);
  unspin::detail::delete_span(text, f);
  CHECK(text.substr(0, f.begin) + f.suggestion + text.substr(f.end) ==
        "It has been done.");
}

TEST_CASE("a suggestion keeps the span's line breaks and apostrophes",
          "[rewrite]") {
  const std::string text = "bad guy\ngangs and nature\xE2\x80\x99s";
  std::vector<unspin::detail::Token> tokens;
  unspin::detail::tokenize(text, tokens);
  std::vector<unspin::detail::Token> span(tokens.begin(), tokens.begin() + 3);
  CHECK(unspin::detail::keep_layout(text, span, "evil criminal gangs") ==
        "evil criminal\ngangs");
  std::vector<unspin::detail::Token> two(tokens.begin() + 3, tokens.end());
  CHECK(unspin::detail::keep_layout(text, two, "and the world's") ==
        "and the world\xE2\x80\x99s");
}

TEST_CASE("a replaced span takes in an a/an that no longer fits", "[rewrite]") {
  const std::string text = "It was a profound error.";
  unspin::Finding f = span_of(9, 17);
  std::vector<std::string> suggestions = {"egregious", "deep"};
  std::size_t b = 0, e = 0;
  REQUIRE(unspin::detail::word_before(text, f.begin, &b, &e));
  CHECK(text.substr(b, e - b) == "a");
  unspin::detail::fix_article(text, b, e, 0, CasePattern::kAsIs, f,
                              suggestions);
  CHECK(f.begin == 7);
  CHECK(suggestions == std::vector<std::string>{"an egregious", "a deep"});
  // An article inside the finding before is that finding's.
  f = span_of(9, 17);
  suggestions = {"egregious"};
  unspin::detail::fix_article(text, b, e, 8, CasePattern::kAsIs, f,
                              suggestions);
  CHECK(f.begin == 9);
  CHECK(suggestions == std::vector<std::string>{"egregious"});
}

TEST_CASE("renders a table finding in the case of its span", "[rewrite]") {
  const std::string text = "Some Bad Guy Gangs left.";
  unspin::detail::HitSet found;
  unspin::detail::tokenize(text, found.span_tokens);
  unspin::detail::Hit hit;
  hit.first = 1;
  hit.last = 4;
  hit.span = 1;
  hit.begin = found.span_tokens[1].begin;
  hit.end = found.span_tokens[3].end;
  hit.has_prev = true;
  hit.prev_begin = 0;
  hit.prev_end = 4;
  unspin::detail::Entry entry;
  entry.spun = "bad guy gangs";
  entry.canonicals = {"criminal gangs"};
  entry.table = "news.tsv";
  entry.line = 7;
  unspin::Finding f;
  f.explanation = "prior 0.80";
  unspin::detail::render_table_finding(text, entry, entry.canonicals, hit,
                                       found.span_tokens, 0, f);
  CHECK(f.begin == 5);
  CHECK(f.end == 18);
  CHECK(f.text == "Bad Guy Gangs");
  CHECK(f.suggestion == "Criminal Gangs");
  CHECK(f.source == "table:news.tsv:7");
  CHECK(f.explanation ==
        "table news.tsv:7 (bad guy gangs -> criminal gangs): prior 0.80");
}

TEST_CASE("gives findings their line and column in code points", "[rewrite]") {
  const std::string text =
      "\xEF\xBB\xBF"
      "caf\xC3\xA9 x\r\ny\rz";
  std::vector<unspin::Finding> findings = {span_of(9, 10), span_of(12, 13),
                                           span_of(14, 15)};
  unspin::detail::locate_findings(text, findings);
  CHECK(findings[0].line == 1);
  CHECK(findings[0].column == 6);
  CHECK(findings[1].line == 2);
  CHECK(findings[1].column == 1);
  CHECK(findings[2].line == 3);
  CHECK(findings[2].column == 1);
}
