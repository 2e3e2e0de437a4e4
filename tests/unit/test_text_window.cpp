// unspin: tests of the shared token windows: a text cut into windows reads
// every word once, with the keys the matcher and discovery always computed.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "text.hpp"

using unspin::detail::normalize_word;
using unspin::detail::Token;
using unspin::detail::TokenWindow;
using unspin::detail::WindowReader;

namespace {

std::string sample_text() {
  std::string text;
  for (int i = 0; i < 400; ++i) {
    text +=
        "The Caf\xC3\xA9 of word" + std::to_string(i) + " isn\xE2\x80\x99t ";
    text += i % 5 ? "bad-guy\n" : "\xEF\xAC\x81nal, x-y/z; ";
    if (i % 9 == 0)
      text +=
          "STRASSE Stra\xC3\x9F"
          "e \xE2\x80\x9Cquoted\xE2\x80\x9D ";
  }
  return text;
}

struct Read {
  std::vector<Token> tokens;  // each word once, text order
  std::vector<std::string> keys;
  std::vector<TokenWindow> windows;
};

Read read_all(std::string_view text, std::size_t window,
              std::size_t overlap = 10) {
  Read r;
  WindowReader reader(text, window, overlap);
  TokenWindow w;
  while (reader.next(w)) {
    REQUIRE(w.first_word + w.fresh == r.tokens.size());
    for (std::size_t i = w.fresh; i < w.tokens.size(); ++i) {
      r.tokens.push_back(w.tokens[i]);
      r.keys.emplace_back(w.key(i));
    }
    r.windows.push_back(w);
  }
  return r;
}

}  // namespace

TEST_CASE("windows read every word of the text once, as one tokenize() would",
          "[text]") {
  const std::string text = sample_text();
  std::vector<Token> whole;
  unspin::detail::tokenize(text, whole);
  for (std::size_t window : {1u, 50u, 999u, 4096u, 1u << 20}) {
    INFO("window " << window);
    Read r = read_all(text, window);
    REQUIRE(r.tokens.size() == whole.size());
    for (std::size_t i = 0; i < whole.size(); ++i) {
      CHECK(r.tokens[i].begin == whole[i].begin);
      CHECK(r.tokens[i].end == whole[i].end);
      CHECK(r.tokens[i].ascii == whole[i].ascii);
    }
    CHECK(r.windows.back().last);
    CHECK(r.windows.back().end == text.size());
    CHECK(r.windows.front().begin == 0);
  }
}

TEST_CASE("a window's keys are normalize_word() of its words", "[text]") {
  const std::string text = sample_text();
  Read r = read_all(text, 700);
  REQUIRE(r.keys.size() == r.tokens.size());
  std::string expected;
  for (std::size_t i = 0; i < r.tokens.size(); ++i) {
    const Token& t = r.tokens[i];
    normalize_word(std::string_view(text).substr(t.begin, t.end - t.begin),
                   expected);
    CHECK(r.keys[i] == expected);
  }
  TokenWindow w;
  w.read(text, 0, text.size());
  std::vector<std::string> keys = w.key_strings();
  CHECK(keys == r.keys);
  CHECK(keys[1] == "caf\xC3\xA9");
  CHECK(keys[4] == "isn't");
}

TEST_CASE("windows are cut at safe points and overlap by the last words",
          "[text]") {
  const std::string text = sample_text();
  Read r = read_all(text, 1000);
  REQUIRE(r.windows.size() > 3);
  for (std::size_t k = 0; k + 1 < r.windows.size(); ++k) {
    const TokenWindow& a = r.windows[k];
    const TokenWindow& b = r.windows[k + 1];
    INFO("window " << k);
    // b starts at the first safe split after a's overlap + 3rd last word,
    // re-reading at least its last `overlap` words.
    CHECK(b.begin < a.end);
    CHECK(b.begin == unspin::detail::safe_split(text, b.begin - 1));
    CHECK(b.begin ==
          unspin::detail::safe_split(text, a.tokens[a.tokens.size() - 13].end));
    CHECK(b.fresh >= 10);
    CHECK(b.fresh <= 12);
    for (std::size_t i = 0; i < b.fresh; ++i) {
      const Token& t = b.tokens[i];
      const Token& u = a.tokens[a.tokens.size() - b.fresh + i];
      CHECK(t.begin == u.begin);
      CHECK(t.end == u.end);
      CHECK(b.key(i) == a.key(a.tokens.size() - b.fresh + i));
    }
    // The discovery zones tile the text: a's ends `overlap` words before
    // its end, where b's begins.
    CHECK(a.own_end == a.tokens[a.tokens.size() - 10].begin);
    CHECK(b.own_begin == a.own_end);
    CHECK_FALSE(a.last);
  }
  CHECK(r.windows.front().own_begin == 0);
  CHECK(r.windows.back().own_end == text.size());
}

TEST_CASE("windows without room for an overlap follow each other", "[text]") {
  const std::string text = "one two three four five six seven eight nine ten";
  Read r = read_all(text, 3);
  REQUIRE(r.windows.size() == 10);
  for (std::size_t k = 0; k + 1 < r.windows.size(); ++k) {
    CHECK(r.windows[k].end == r.windows[k + 1].begin);
    CHECK(r.windows[k + 1].fresh == 0);
    CHECK(r.windows[k].own_end == r.windows[k].end);
  }
  CHECK(r.tokens.size() == 10);
  WindowReader empty("");
  TokenWindow w;
  CHECK_FALSE(empty.next(w));
}

TEST_CASE("a window reports the first invalid UTF-8 byte in it", "[text]") {
  std::string text = "good words here and \xC3\x28 then more words";
  TokenWindow w;
  WindowReader reader(text);
  REQUIRE(reader.next(w));
  CHECK(w.invalid == 20);
  w.read(text, 0, 19);
  CHECK(w.invalid == std::string_view::npos);
}

TEST_CASE("tokens cut to a trimmed span keep their words", "[text]") {
  // "rights" + U+202C (pop directional formatting) ends the span; ICU
  // attaches the mark to the word, trim_format_chars() takes it out.
  const std::string text = "human rights\xE2\x80\xAC now";
  std::vector<Token> tokens;
  unspin::detail::tokenize(text, tokens);
  REQUIRE(tokens.size() == 3);
  std::size_t b = tokens[0].begin, e = tokens[1].end;
  unspin::detail::trim_format_chars(text, &b, &e);
  CHECK(e == 12);
  std::vector<Token> clipped;
  unspin::detail::clip_tokens(tokens.data(), tokens.data() + 2, b, e, clipped);
  std::vector<Token> retokenized;
  unspin::detail::tokenize(std::string_view(text).substr(b, e - b),
                           retokenized);
  REQUIRE(clipped.size() == retokenized.size());
  for (std::size_t i = 0; i < clipped.size(); ++i) {
    CHECK(clipped[i].begin == retokenized[i].begin + b);
    CHECK(clipped[i].end == retokenized[i].end + b);
  }
}

TEST_CASE("merged ranges answer overlap queries", "[text]") {
  using unspin::detail::Ranges;
  Ranges r = unspin::detail::merge_ranges({{10, 12}, {0, 3}, {3, 5}, {11, 20}});
  CHECK(r == Ranges{{0, 5}, {10, 20}});
  CHECK(unspin::detail::overlaps(r, 4, 6));
  CHECK_FALSE(unspin::detail::overlaps(r, 5, 10));
  CHECK(unspin::detail::overlaps(r, 19, 30));
  CHECK_FALSE(unspin::detail::overlaps(r, 20, 30));
}
