// unspin tests: unspin::excerpt (include/unspin/excerpt.hpp), the line of a
// finding cut and marked, as cleanup --show-line and the matchers print it.
#include <catch2/catch.hpp>
#include <string>
#include <unspin/excerpt.hpp>

namespace {

// excerpt_text of the first occurrence of `span` in `text`, no indent.
std::string marked(const std::string& text, const std::string& span,
                   const unspin::ExcerptOptions& options = {}) {
  const std::size_t at = text.find(span);
  REQUIRE(at != std::string::npos);
  return unspin::excerpt_text(text, at, at + span.size(), "", options);
}

}  // namespace

TEST_CASE("excerpt shows a short line whole with the span marked",
          "[excerpt]") {
  CHECK(marked("one\nThe bad guy gangs met.\nthree", "bad guy gangs") ==
        "The bad guy gangs met.\n"
        "    ^^^^^^^^^^^^^\n");
}

TEST_CASE("excerpt cuts a long line around the span within its width",
          "[excerpt]") {
  const std::string text =
      std::string(500, 'a') + " bad guy gangs " + std::string(500, 'b');
  const auto lines = unspin::excerpt(text, 501, 514);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text().size() == 72);
  CHECK(lines[0].before.rfind("...", 0) == 0);
  CHECK(lines[0].span == "bad guy gangs");
  CHECK(lines[0].after.size() >= 3);
  CHECK(lines[0].after.substr(lines[0].after.size() - 3) == "...");
  CHECK(lines[0].marker() ==
        std::string(lines[0].before.size(), ' ') + std::string(13, '^'));
  // A short side is shown whole; the other side gets the rest of the room.
  const auto start =
      unspin::excerpt("bad guy gangs " + std::string(500, 'b'), 0, 13);
  CHECK(start[0].before.empty());
  CHECK(start[0].text().size() == 72);
}

TEST_CASE("excerpt escapes what a terminal would act on", "[excerpt]") {
  // A tab is one space; ESC, invalid UTF-8 and a bidi override are escaped,
  // and the carets stay under the span.
  CHECK(
      marked("a\tb \x1b[2J \xff \xE2\x80\xAE bad guy gangs", "bad guy gangs") ==
      "a b \\x1B[2J \\xFF \\u202E bad guy gangs\n"
      "                        ^^^^^^^^^^^^^\n");
  // Characters of several bytes are one column each.
  CHECK(marked("caf\xC3\xA9 \xF0\x9F\x98\x80 bad guy gangs", "bad guy gangs") ==
        "caf\xC3\xA9 \xF0\x9F\x98\x80 bad guy gangs\n"
        "       ^^^^^^^^^^^^^\n");
}

TEST_CASE("excerpt shows each line of a span across lines, up to a bound",
          "[excerpt]") {
  CHECK(marked("x profound\r\nlearning y", "profound\r\nlearning") ==
        "x profound\n"
        "  ^^^^^^^^\n"
        "learning y\n"
        "^^^^^^^^\n");
  unspin::ExcerptOptions two;
  two.max_lines = 2;
  CHECK(marked("a\nb\nc\nd", "a\nb\nc\nd", two) ==
        "a\n"
        "^\n"
        "b...\n"
        "^\n");
}

TEST_CASE("excerpt counts bytes when asked", "[excerpt]") {
  // Two-byte letters: 72 bytes hold half as many of them.
  std::string text;
  for (int i = 0; i < 100; ++i) text += "\xD0\xB1";
  text += " bad guy gangs";
  unspin::ExcerptOptions bytes;
  bytes.count_bytes = true;
  const auto lines = unspin::excerpt(text, 201, 214, bytes);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].text().size() <= 72);
  CHECK(lines[0].span == "bad guy gangs");
}

TEST_CASE("excerpt clamps offsets and marks an empty span", "[excerpt]") {
  CHECK(unspin::excerpt_text("abc", 1, 1, "") == "abc\n ^\n");
  CHECK(unspin::excerpt_text("abc", 10, 20, "") == "abc\n   ^\n");
  CHECK(unspin::excerpt_text("", 0, 0, "") == "\n^\n");
}
