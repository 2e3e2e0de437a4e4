// unspin tests: import_table() on ordinary YAML that the old hand-written
// subset parser refused (anchors, flow maps, block scalars, quoted keys),
// and the limits kept around yaml-cpp (depth, aliases, FILE:LINE errors).
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "unspin/dict.hpp"

using unspin::ErrorCode;

namespace {

// The entry lines of a table, without the header comment.
std::vector<std::string> entries(const std::string& tsv) {
  std::vector<std::string> out;
  std::istringstream in(tsv);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.push_back(line);
  return out;
}

unspin::ImportedTable ok(const std::string& format, const std::string& text) {
  auto r = unspin::import_table(format, text, "t.yml");
  INFO(r.status().message());
  REQUIRE(r.ok());
  return *r;
}

std::string error(const std::string& format, const std::string& text) {
  auto r = unspin::import_table(format, text, "t.yml");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == ErrorCode::kParseError);
  return r.status().message();
}

bool has_skip(const unspin::ImportedTable& t, const std::string& what) {
  return std::any_of(
      t.skipped.begin(), t.skipped.end(),
      [&](const std::string& s) { return s.find(what) != std::string::npos; });
}

const std::string kVale = "extends: substitution\nswap:\n";

}  // namespace

TEST_CASE("imports a Vale rule whose replacements are anchors and aliases",
          "[dict][import][yaml]") {
  auto t = ok("vale", kVale +
                          "  utilize: &use use\n"
                          "  utilise: *use\n"
                          "  make use of: *use\n");
  CHECK(entries(t.tsv) == std::vector<std::string>{
                              "make use of\tuse\t0.8\timported",
                              "utilise\tuse\t0.8\timported",
                              "utilize\tuse\t0.8\timported",
                          });
}

TEST_CASE("imports a Vale swap written as a flow mapping",
          "[dict][import][yaml]") {
  auto t = ok("vale",
              "extends: substitution\n"
              "swap: {in order to: to, \"at this point in time\": now,\n"
              "       'colou?r scheme': color scheme}\n");
  CHECK(entries(t.tsv) == std::vector<std::string>{
                              "at this point in time\tnow\t0.8\timported",
                              "colour scheme\tcolor scheme\t0.8\timported",
                              "in order to\tto\t0.8\timported",
                          });
}

TEST_CASE("imports block scalars as single-spaced phrases",
          "[dict][import][yaml]") {
  auto t = ok("prh",
              "rules:\n"
              "  - expected: >-\n"
              "      criminal\n"
              "      gang\n"
              "    patterns: |\n"
              "      bad guy gang\n"
              "  - expected: deep learning\n"
              "    pattern: >\n"
              "      profound\n"
              "      learning\n");
  CHECK(entries(t.tsv) == std::vector<std::string>{
                              "bad guy gang\tcriminal gang\t0.8\timported",
                              "profound learning\tdeep learning\t0.8\timported",
                          });
}

TEST_CASE("imports quoted keys with escapes and doubled quotes",
          "[dict][import][yaml]") {
  auto t = ok("vale", kVale +
                          "  \"e\\u002Dmail\": email\n"
                          "  'in the event that''s case': if\n"
                          "  !!str sign up for: join\n");
  CHECK(entries(t.tsv) == std::vector<std::string>{
                              "e-mail\temail\t0.8\timported",
                              "in the event that's case\tif\t0.8\timported",
                              "sign up for\tjoin\t0.8\timported",
                          });
}

TEST_CASE("skips a nested flow sequence as a pattern that is not a string",
          "[dict][import][yaml]") {
  auto t = ok("prh",
              "rules:\n"
              "  - expected: deep learning\n"
              "    patterns: [[profound learning], significant learning]\n");
  CHECK(entries(t.tsv) ==
        std::vector<std::string>{
            "significant learning\tdeep learning\t0.8\timported",
        });
  CHECK(has_skip(t, "t.yml:3: skipped pattern: not a string"));
}

TEST_CASE("names the line of a Vale replacement that is not a string",
          "[dict][import][yaml]") {
  auto t = ok("vale", kVale +
                          "  foo bar:\n"
                          "  baz qux: [a, b]\n"
                          "  in order to: to\n");
  CHECK(has_skip(
      t, "t.yml:3: skipped 'foo bar': the replacement is not a string"));
  CHECK(has_skip(
      t, "t.yml:4: skipped 'baz qux': the replacement is not a string"));
  CHECK(t.entries == 1);
}

TEST_CASE("reports yaml-cpp's errors with the file and line",
          "[dict][import][yaml]") {
  CHECK(
      error("vale", kVale + "  a: b\n c: d\n  e: f\n").rfind("t.yml:4: ", 0) ==
      0);
  CHECK(error("vale", kVale + "  a: \"b\\q\"\n") ==
        "t.yml:3: unknown escape character: q");
  CHECK(error("vale", kVale + "  a: 'b\n  c: d\n") ==
        "t.yml:3: unterminated quoted string");
  CHECK(error("vale", kVale + "  a: \"b\n") ==
        "t.yml:3: unterminated quoted string");
}

TEST_CASE("refuses duplicate and non-scalar keys", "[dict][import][yaml]") {
  CHECK(error("vale", kVale + "  a: b\n  'a': c\n") ==
        "t.yml:4: duplicate key 'a'");
  CHECK(error("vale", kVale + "  ? [a, b]\n  : c\n") ==
        "t.yml:3: a mapping key must be a plain or quoted string");
}

TEST_CASE("refuses a second document but not a document marker",
          "[dict][import][yaml]") {
  CHECK(ok("vale", "---\n" + kVale + "  a b: c\n...\n").entries == 1);
  CHECK(error("vale", kVale + "  a b: c\n---\nswap: {}\n") ==
        "t.yml:5: a second YAML document (expected one rule or dictionary)");
}

TEST_CASE("refuses aliases that copy too much and recursive aliases",
          "[dict][import][yaml]") {
  // Ten levels of ten aliases each: 10^10 copies of the first list.
  std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j)
      bomb += std::string(j ? ", " : "") + "*a" + std::to_string(i - 1);
    bomb += "]\n";
  }
  const std::string msg = error("vale", bomb);
  CHECK(msg.find("aliases copy more than 64 MiB in all") != std::string::npos);
  CHECK(error("vale", "swap: &s [a, *s]\n") ==
        "t.yml:1: alias to a node that contains it");
}

TEST_CASE("refuses a NUL byte, which YAML text does not hold",
          "[dict][import][yaml]") {
  CHECK(error("vale", kVale + "  a: b\n" + std::string(1, '\0') + "\n") ==
        "t.yml:4: NUL byte (YAML text has none)");
}

TEST_CASE("reads a key longer than YAML's 1024 characters in a list item",
          "[dict][import][yaml]") {
  const std::string longer(1500, 'a');
  auto t = ok("prh",
              "rules:\n  - expected: b\n    pattern: c d\n"
              "  - " +
                  longer + ": x\n    expected: e\n    pattern: f g\n");
  CHECK(entries(t.tsv) == std::vector<std::string>{
                              "c d\tb\t0.8\timported",
                              "f g\te\t0.8\timported",
                          });
  // Errors after such a key still name the original line.
  CHECK(error("vale", kVale + "  " + longer + ": b\n  c: 'd\n") ==
        "t.yml:4: unterminated quoted string");
}

TEST_CASE("an empty or comment-only file is not a rule",
          "[dict][import][yaml]") {
  CHECK(error("vale", "") == "t.yml:1: expected a Vale rule (a YAML mapping)");
  CHECK(error("prh", "# nothing\n") ==
        "t.yml:1: expected a prh dictionary (a YAML mapping)");
}

TEST_CASE("keeps notes about a block scalar key on one line",
          "[dict][import][yaml]") {
  // Found by fuzz_import: a key written as a block scalar ("? |") put its
  // line breaks into the skip note.
  auto t = ok("vale", kVale + "  ? |\n    [x]\n    y\n  : z\n");
  REQUIRE(t.skipped.size() == 1);
  CHECK(t.skipped[0] ==
        "t.yml:6: skipped regular expression '[x]\\ny\\n': unsupported "
        "construct '['");
}

TEST_CASE("a stray comma that loops yaml-cpp 0.7 is a parse error, not a hang",
          "[dict][import][yaml]") {
  // Found by fuzz_import: yaml-cpp 0.7 returns an empty document forever on
  // these (jbeder/yaml-cpp#1040).
  CHECK(error("vale", "extends: substitution\n...\n---\n,swp{:a=] \n")
            .rfind("t.yml:", 0) == 0);
  CHECK(error("prh", " ,((((   [x]\b   y\n   :   :  ").rfind("t.yml:", 0) == 0);
  CHECK(error("prh", ",").rfind("t.yml:1:", 0) == 0);
}
