// unspin: tests of the text layer: UTF-8 validation, the fast tokenizer
// against ICU's word-break iterator, word and gap normalization.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "text.hpp"

namespace {

using unspin::detail::describe_invalid_utf8;
using unspin::detail::find_invalid_utf8;
using unspin::detail::normalize_gap;
using unspin::detail::normalize_word;
using unspin::detail::Token;
using unspin::detail::tokenize;
using unspin::detail::tokenize_icu;

constexpr std::size_t npos = std::string_view::npos;

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(UNSPIN_TEST_DATA_DIR) + "/text/" + name,
                   std::ios::binary);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Tokens rendered as "begin-end:text[a]" so mismatches read well.
std::vector<std::string> render(std::string_view text,
                                const std::vector<Token>& tokens) {
  std::vector<std::string> r;
  r.reserve(tokens.size());
  for (const Token& t : tokens) {
    r.push_back(std::to_string(t.begin) + "-" + std::to_string(t.end) + ":" +
                std::string(text.substr(t.begin, t.end - t.begin)) +
                (t.ascii ? "[a]" : ""));
  }
  return r;
}

std::vector<std::string> words(std::string_view text, bool fast) {
  std::vector<Token> tokens;
  if (fast) {
    tokenize(text, tokens);
  } else {
    tokenize_icu(text, tokens);
  }
  std::vector<std::string> r;
  r.reserve(tokens.size());
  for (const Token& t : tokens) {
    r.emplace_back(text.substr(t.begin, t.end - t.begin));
  }
  return r;
}

// Escapes non-printable bytes so a failing input is readable.
std::string escaped(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string r;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      r += static_cast<char>(c);
    } else {
      r += "\\x";
      r += kHex[c >> 4];
      r += kHex[c & 0xF];
    }
  }
  return r;
}

// True when tokenize and tokenize_icu agree; on disagreement the caller's
// CHECK reports the input via INFO.
bool fast_matches_icu(std::string_view text) {
  std::vector<Token> fast;
  std::vector<Token> icu;
  tokenize(text, fast);
  tokenize_icu(text, icu);
  if (fast.size() != icu.size()) {
    return false;
  }
  for (std::size_t i = 0; i < fast.size(); ++i) {
    if (fast[i].begin != icu[i].begin || fast[i].end != icu[i].end ||
        fast[i].ascii != icu[i].ascii) {
      return false;
    }
  }
  return true;
}

// Small deterministic generator (no dependence on the standard library's
// distributions, which differ between implementations).
struct Lcg {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
};

std::string normalized(std::string_view word) {
  std::string out = "stale";
  normalize_word(word, out);
  return out;
}

std::string gap(std::string_view g) {
  std::string out = "stale";
  normalize_gap(g, out);
  return out;
}

}  // namespace

// ------------------------------------------------------------ validation --

TEST_CASE("accepts valid UTF-8 up to the edges of every sequence length",
          "[text]") {
  const char* valid[] = {
      "",
      "plain ASCII text that is longer than one machine word",
      "\x7F",
      "\xC2\x80",          // U+0080
      "\xDF\xBF",          // U+07FF
      "\xE0\xA0\x80",      // U+0800
      "\xED\x9F\xBF",      // U+D7FF, last before the surrogates
      "\xEE\x80\x80",      // U+E000, first after the surrogates
      "\xEF\xBF\xBF",      // U+FFFF
      "\xF0\x90\x80\x80",  // U+10000
      "\xF0\x9F\x98\x80",  // U+1F600 emoji
      "\xF4\x8F\xBF\xBF",  // U+10FFFF
      "caf\xC3\xA9 na\xC3\xAFve \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80 ok",
  };
  for (const char* s : valid) {
    INFO(escaped(s));
    CHECK(find_invalid_utf8(s) == npos);
  }
}

TEST_CASE("reports the first invalid UTF-8 sequence and why it is invalid",
          "[text]") {
  struct Case {
    std::string text;
    std::size_t offset;
    const char* reason;
  };
  const std::string run(37, 'a');  // exercises the word-at-a-time ASCII skip
  const Case cases[] = {
      {"ab\x80", 2, "unexpected continuation byte"},
      {"\xC3\xA9\xBF", 2, "unexpected continuation byte"},
      {"\xC0\xAF", 0, "overlong encoding"},
      {"x\xC1\xBF", 1, "overlong encoding"},
      {"\xE0\x80\xAF", 0, "overlong encoding"},
      {"\xE0\x9F\xBF", 0, "overlong encoding"},
      {"\xF0\x80\x80\xAF", 0, "overlong encoding"},
      {"\xF0\x8F\xBF\xBF", 0, "overlong encoding"},
      {"\xED\xA0\x80", 0, "surrogate code point"},
      {"\xED\xBF\xBF", 0, "surrogate code point"},
      {"\xF4\x90\x80\x80", 0, "code point above U+10FFFF"},
      {"\xF5\x80\x80\x80", 0, "code point above U+10FFFF"},
      {"\xF7\xBF\xBF\xBF", 0, "code point above U+10FFFF"},
      {"\xF8\x88\x80\x80\x80", 0, "invalid byte 0xF8"},
      {"ok\xFF", 2, "invalid byte 0xFF"},
      {"\xFE", 0, "invalid byte 0xFE"},
      {"x\xC3", 1, "truncated sequence"},
      {"\xC3x", 0, "truncated sequence"},
      {"\xE2\x82", 0, "truncated sequence"},
      {"\xE2\x82x", 0, "truncated sequence"},
      {"\xE2x\x82", 0, "truncated sequence"},
      {"\xF0\x9F\x98", 0, "truncated sequence"},
      {"\xF0\x9F\x98 ", 0, "truncated sequence"},
      {"\xE0\xA0", 0, "truncated sequence"},
      {run + "\xFF", 37, "invalid byte 0xFF"},
      {run + "\xC3\xA9" + run + "\xED\xA0\x80", 76, "surrogate code point"},
  };
  for (const Case& c : cases) {
    INFO(escaped(c.text));
    CHECK(find_invalid_utf8(c.text) == c.offset);
    CHECK(describe_invalid_utf8(c.text, c.offset) ==
          "invalid UTF-8 at byte " + std::to_string(c.offset) + " (" +
              c.reason + ")");
  }
}

TEST_CASE("describes an invalid sequence with its byte offset", "[text]") {
  const std::string text = "seventeen bytes: \xC0\x80 rest";
  REQUIRE(find_invalid_utf8(text) == 17);
  CHECK(describe_invalid_utf8(text, 17) ==
        "invalid UTF-8 at byte 17 (overlong encoding)");
}

// ------------------------------------------------------------- tokenizer --

TEST_CASE("tokenizes words, numbers and contractions like ICU", "[text]") {
  const std::string text =
      "Don't stop: 3.14, 1,000 e.g. U.S.A. a_b x:y well-known";
  const std::vector<std::string> expected = {"Don't", "stop",  "3.14", "1,000",
                                             "e.g",   "U.S.A", "a_b",  "x",
                                             "y",     "well",  "known"};
  CHECK(words(text, true) == expected);
  CHECK(words(text, false) == expected);
  for (bool fast : {true, false}) {
    CHECK(words("", fast).empty());
    CHECK(words(" \t\r\n ", fast).empty());
    CHECK(words("-- !? ...", fast).empty());
  }
}

TEST_CASE("follows ICU's root tailoring of ASCII word classes", "[text]") {
  // '@' is a letter and ':' is not MidLetter in ICU's root word rules;
  // "__" is a word (WB13a, status 200) while a lone "_" is not.
  for (bool fast : {true, false}) {
    CHECK(words("a@b.com", fast) == std::vector<std::string>{"a@b.com"});
    CHECK(words("@", fast) == std::vector<std::string>{"@"});
    CHECK(words("a:b", fast) == std::vector<std::string>{"a", "b"});
    CHECK(words("_ __ _._ a_ _1", fast) ==
          std::vector<std::string>{"__", "a_", "_1"});
    CHECK(words("a.1 1.a a1.2 1a.b", fast) ==
          std::vector<std::string>{"a", "1", "1", "a", "a1.2", "1a.b"});
  }
}

TEST_CASE("marks tokens that are pure ASCII and appends to existing tokens",
          "[text]") {
  const std::string text = "caf\xC3\xA9 bar";
  for (bool fast : {true, false}) {
    std::vector<Token> tokens = {Token{100, 200, false}};
    if (fast) {
      tokenize(text, tokens);
    } else {
      tokenize_icu(text, tokens);
    }
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[0].begin == 100);
    CHECK((tokens[1].begin == 0 && tokens[1].end == 5 && !tokens[1].ascii));
    CHECK((tokens[2].begin == 6 && tokens[2].end == 9 && tokens[2].ascii));
  }
}

TEST_CASE("fast tokenizer matches ICU on a varied hand-written text",
          "[text]") {
  const std::string text = read_fixture("varied.txt");
  REQUIRE(find_invalid_utf8(text) == npos);
  std::vector<Token> fast;
  std::vector<Token> icu;
  tokenize(text, fast);
  tokenize_icu(text, icu);
  CHECK(render(text, fast) == render(text, icu));
  // Sanity: the fixture really contains the interesting cases.
  const std::vector<std::string> w = words(text, false);
  for (const char* expected :
       {"Don't", "3.14", "1,000", "e.g", "U.S.A", "a_b", "john.doe@example.org",
        u8"Caf\u00E9", u8"don\u2019t", "__init__",
        u8"\u30AB\u30BF\u30AB\u30CA"}) {
    INFO(expected);
    CHECK(std::find(w.begin(), w.end(), expected) != w.end());
  }
}

TEST_CASE("fast tokenizer matches ICU around chunk splits that ICU joins",
          "[text]") {
  // Whitespace followed by Extend / Format / ZWJ (WB4), Unicode spaces next
  // to ASCII spaces (WB3d), and ZWJ before an emoji (WB3c).
  const char* cases[] = {
      u8"abc \u0301def",             // combining acute after a space
      u8"abc\t\u0301def ghi",        // ... after a tab
      u8"abc\n\u0301def",            // ... after a line feed (WB4 excepts LF)
      u8"abc \u00ADdef",             // soft hyphen (Format)
      u8"abc \u200D\U0001F600 def",  // ZWJ + emoji (WB3c)
      u8"abc \uFEFFdef",             // BOM (Format)
      u8"abc\u3000 def",             // ideographic space, ASCII space (WB3d)
      u8"abc \u3000 def",            // ASCII space, ideographic space
      u8"a \u00A0 b",                // NBSP between spaces
      u8"\u0301abc def",             // combining mark at start of text
      u8" \u0301 abc",               // at start after a space
      u8"x.\u0301y 1.\u03012",       // Extend inside MidNumLet joins (WB4)
      u8"a\u0301.b 1,\u200D2",
      u8"\u4E2D\u6587 abc \u4E2D\u6587\u5206",
      u8"end \u0301",
  };
  for (const char* s : cases) {
    INFO(escaped(s));
    CHECK(fast_matches_icu(s));
  }
}

TEST_CASE("keeps marks that follow a letter or a mid-word dot in the word",
          "[text]") {
  const std::string text = u8"x.\u0301y 1.\u03012 a\u0301.b";
  const std::vector<std::string> expected = {u8"x.\u0301y", u8"1.\u03012",
                                             u8"a\u0301.b"};
  CHECK(words(text, true) == expected);
  CHECK(words(text, false) == expected);
}

TEST_CASE("fast tokenizer matches ICU on every short string over all classes",
          "[text]") {
  // One representative per ASCII word-break class, the whitespace the fast
  // path splits at, and non-ASCII letters / marks that force ICU.
  const std::vector<std::string> alphabet = {
      "a", "@", "1", ".",  "'",  ",",        ";",       ":",
      "_", " ", "-", "\n", "\t", "\xC3\xA9", "\xCC\x81"};
  std::size_t count = 0;
  std::size_t mismatches = 0;
  std::vector<std::size_t> index;
  for (std::size_t len = 1; len <= 4; ++len) {
    index.assign(len, 0);
    for (;;) {
      std::string s;
      for (std::size_t k : index) {
        s += alphabet[k];
      }
      ++count;
      if (!fast_matches_icu(s)) {
        ++mismatches;
        INFO(escaped(s));
        CHECK(fast_matches_icu(s));
      }
      std::size_t p = len;
      while (p > 0 && ++index[p - 1] == alphabet.size()) {
        index[--p] = 0;
      }
      if (p == 0) {
        break;
      }
    }
  }
  CHECK(count == 15 + 15 * 15 + 15 * 15 * 15 + 15 * 15 * 15 * 15);
  CHECK(mismatches == 0);
}

TEST_CASE("fast tokenizer matches ICU on a pseudo-random 200 KB text",
          "[text]") {
  const std::vector<std::string> pieces = {
      "the",
      "Quick",
      "fox's",
      "don't",
      "e.g.",
      "3.14",
      "1,000",
      "2;3",
      "a_b",
      "__",
      "_",
      "x:y",
      "@home",
      "U.S.A.",
      "well-known",
      "10%",
      "(x)",
      "\"q\"",
      "'s",
      "...",
      " ",
      " ",
      " ",
      "  ",
      "\n",
      "\r\n",
      "\t",
      ",",
      ".",
      "'",
      "-",
      ":",
      ";",
      "_",
      "9",
      "z",
      "caf\xC3\xA9",
      "\xC3\x89LIMIN\xC3\x89",
      "\xCC\x81",
      "\xE2\x80\x99",
      "\xC2\xA0",
      "\xE3\x80\x80",
      "\xE2\x80\x8D",
      "\xC2\xAD",
      "\xE2\x80\x94",
      "\xE4\xB8\xAD\xE6\x96\x87",
      "\xE3\x81\x82\xE3\x81\x84",
      "\xE3\x82\xAB\xE3\x83\x8A",
      "\xF0\x9F\x98\x80",
      "\xD7\xA9\xD7\x9C",
      "\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2"};
  Lcg rng{12345};
  std::string text;
  while (text.size() < std::size_t{200} * 1024) {
    // Mostly ASCII prose so that both paths get long stretches.
    const std::uint32_t r = rng.next();
    const std::size_t limit = (r % 8 == 0) ? pieces.size() : 36;
    text += pieces[rng.next() % limit];
    if (r % 3 == 0) {
      text += ' ';
    }
  }
  std::vector<Token> fast;
  std::vector<Token> icu;
  tokenize(text, fast);
  tokenize_icu(text, icu);
  REQUIRE(icu.size() > 10000);
  CHECK(fast.size() == icu.size());
  std::size_t first_diff = 0;
  while (first_diff < fast.size() && first_diff < icu.size() &&
         fast[first_diff].begin == icu[first_diff].begin &&
         fast[first_diff].end == icu[first_diff].end &&
         fast[first_diff].ascii == icu[first_diff].ascii) {
    ++first_diff;
  }
  if (first_diff < icu.size()) {
    const std::size_t at = icu[first_diff].begin;
    INFO("first difference near: "
         << escaped(text.substr(at > 40 ? at - 40 : 0, 80)));
    CHECK(first_diff == icu.size());
  }
}

TEST_CASE("never puts invalid UTF-8 bytes into a token", "[text]") {
  Lcg rng{777};
  const std::vector<std::string> pieces = {"a",
                                           "b1",
                                           " ",
                                           "\xCC\x81",
                                           "\xFF",
                                           "\xC3",
                                           "\x80",
                                           "\xED\xA0\x80",
                                           "\xE2\x82",
                                           "\xF0\x9F",
                                           "\xC0\xAF",
                                           "\xF4\x90\x80\x80",
                                           "\xE4\xB8\xAD",
                                           "\xE3\x81\x82",
                                           "\xC3\xA9",
                                           "."};
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string s;
    const std::uint32_t len = 1 + rng.next() % 10;
    for (std::uint32_t k = 0; k < len; ++k) {
      if (rng.next() % 4 == 0) {
        s += static_cast<char>(rng.next() & 0xFF);
      } else {
        s += pieces[rng.next() % pieces.size()];
      }
    }
    INFO(escaped(s));
    std::vector<Token> tokens;
    tokenize(s, tokens);
    for (const Token& t : tokens) {
      CHECK(find_invalid_utf8(
                std::string_view(s).substr(t.begin, t.end - t.begin)) == npos);
    }
    CHECK(fast_matches_icu(s));
  }
  CHECK(words("ab\xFF"
              "cd \xC3 e\xED\xA0\x80"
              "f",
              true) == std::vector<std::string>{"ab", "cd", "e", "f"});
}

// --------------------------------------------------------- normalization --

TEST_CASE("lowercases ASCII words", "[text]") {
  CHECK(normalized("Hello") == "hello");
  CHECK(normalized("U.S.A") == "u.s.a");
  CHECK(normalized("Don't") == "don't");
  CHECK(normalized("a_B@1") == "a_b@1");
  CHECK(normalized("") == "");
}

TEST_CASE("case-folds and NFKC-normalizes non-ASCII words", "[text]") {
  CHECK(normalized("\xC3\x89LIMIN\xC3\x89") == "\xC3\xA9limin\xC3\xA9");
  CHECK(normalized("\xEF\xAC\x81nance") == "finance");  // fi ligature
  CHECK(normalized("e\xCC\x81t\xC3\xA9") == "\xC3\xA9t\xC3\xA9");  // NFC
  CHECK(normalized("Stra\xC3\x9F"
                   "e") == "strasse");  // full folding
  CHECK(normalized("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\x91") == "ab1");  // width
  CHECK(normalized("\xCE\x9A\xCE\xB1\xCE\xBB\xCE\xB7\xCE\xBC\xCE\xAD\xCF\x81"
                   "\xCE\xB1") ==
        "\xCE\xBA\xCE\xB1\xCE\xBB\xCE\xB7\xCE\xBC\xCE\xAD\xCF\x81\xCE\xB1");
}

TEST_CASE("maps typographic apostrophes to the ASCII apostrophe", "[text]") {
  CHECK(normalized("don\xE2\x80\x99t") == "don't");  // U+2019
  CHECK(normalized("DON\xE2\x80\x98T") == "don't");  // U+2018
  CHECK(normalized("can\xCA\xBCt") == "can't");      // U+02BC
  CHECK(normalized("it\xEF\xBC\x87s") == "it's");    // U+FF07
}

TEST_CASE("normalizes invalid UTF-8 in a word without failing", "[text]") {
  const std::string out = normalized(
      "ab\xFF"
      "C\xC3\xA9");
  CHECK(find_invalid_utf8(out) == npos);
  CHECK(out ==
        "ab\xEF\xBF\xBD"
        "c\xC3\xA9");
}

TEST_CASE("drops whitespace and dashes from gaps and keeps the rest",
          "[text]") {
  CHECK(gap("") == "");
  CHECK(gap(" ") == "");
  CHECK(gap("-") == "");
  CHECK(gap(" \n ") == "");
  CHECK(gap(" \r\n\t") == "");
  CHECK(gap(" / ") == "/");
  CHECK(gap("\xE2\x80\x94") == "");     // em dash
  CHECK(gap(" \xE2\x80\x93 ") == "-");  // spaced en dash: punctuation
  CHECK(gap("-\n") == "");              // hyphen at a line end joins
  CHECK(gap(" - ") == "-");
  CHECK(gap("\xC2\xAD") == "");  // soft hyphen
  CHECK(gap("\xE2\x88\x92\xEF\xB9\xA3\xEF\xBC\x8D\xE2\x80\x90") == "");
  CHECK(gap("\xC2\xA0\xE3\x80\x80\xE2\x80\xA8\xC2\x85") == "");  // spaces
  CHECK(gap(", ") == ",");
  CHECK(gap(" . ") == ".");
  CHECK(gap(" & ") == "&");
  CHECK(gap(" \xE2\x80\x9C") == "\xE2\x80\x9C");  // curly quote kept verbatim
  CHECK(gap("- , -") == ",-");
}

TEST_CASE("replaces invalid bytes in a gap with U+FFFD", "[text]") {
  CHECK(gap(" \xFF ") == "\xEF\xBF\xBD");
  CHECK(gap("/\xE2\x82") == "/\xEF\xBF\xBD");
}

TEST_CASE("tokenizes and normalizes the same way from several threads",
          "[text]") {
  const std::string text = read_fixture("varied.txt");
  std::vector<Token> expected;
  tokenize(text, expected);
  std::vector<std::string> expected_norm;
  expected_norm.reserve(expected.size());
  for (const Token& t : expected) {
    expected_norm.push_back(
        normalized(std::string_view(text).substr(t.begin, t.end - t.begin)));
  }
  bool ok[2] = {false, false};
  std::vector<std::thread> threads;
  threads.reserve(2);
  for (int k = 0; k < 2; ++k) {
    threads.emplace_back([&, k] {
      bool good = true;
      std::string out;
      for (int round = 0; round < 20; ++round) {
        std::vector<Token> tokens;
        tokenize(text, tokens);
        good = good && tokens.size() == expected.size();
        for (std::size_t i = 0; good && i < tokens.size(); ++i) {
          normalize_word(std::string_view(text).substr(
                             tokens[i].begin, tokens[i].end - tokens[i].begin),
                         out);
          good =
              tokens[i].begin == expected[i].begin && out == expected_norm[i];
        }
      }
      ok[k] = good;
    });
  }
  for (std::thread& t : threads) {
    t.join();
  }
  CHECK(ok[0]);
  CHECK(ok[1]);
}

TEST_CASE("cuts text without whitespace after punctuation, keeping its words",
          "[text]") {
  using unspin::detail::safe_split;
  // "x-x-x-..." has no whitespace: the cut must still come within reach
  // (the scan's windows, and their memory, stay bounded).
  const std::string hyphens = [] {
    std::string s;
    for (int i = 0; i < 100000; ++i) s += "x-";
    return s;
  }();
  const std::size_t cut = safe_split(hyphens, 1000);
  CHECK(cut > 1000);
  CHECK(cut < 1000 + 300);
  // Ordinary text is still cut after whitespace.
  const std::string prose = std::string(1000, 'a') + " well-known b";
  CHECK(safe_split(prose, 10) == 1001);
  // Every cut keeps the words of ICU's tokenization of the whole, on
  // whitespace-free text mixing ASCII punctuation with letters and digits,
  // Hebrew letters and quotes (WB7b/c), marks, ZWJ, emoji and flags.
  const std::vector<std::string> pieces = {"a",
                                           "Zq",
                                           "7",
                                           "42",
                                           "-",
                                           "/",
                                           ":",
                                           "\"",
                                           "(",
                                           ")",
                                           ".",
                                           "'",
                                           ",",
                                           "_",
                                           "@",
                                           "\xC3\xA9",
                                           "\xD7\x90",
                                           "\xCC\x81",
                                           "\xE2\x80\x8D",
                                           "\xE2\x80\xAE",
                                           "\xF0\x9F\x91\xA9",
                                           "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8",
                                           "\xE3\x81\x82",
                                           "x-",
                                           "1-",
                                           "-1",
                                           "a\"b"};
  Lcg rng{12345};
  for (int round = 0; round < 300; ++round) {
    std::string s;
    while (s.size() < 700) s += pieces[rng.next() % pieces.size()];
    std::vector<Token> whole;
    tokenize_icu(s, whole);
    for (std::size_t from = 0; from < s.size(); from += 37) {
      const std::size_t p = safe_split(s, from);
      REQUIRE(p >= from);
      REQUIRE(p <= s.size());
      std::vector<Token> halves;
      tokenize(std::string_view(s).substr(0, p), halves);
      const std::size_t left = halves.size();
      tokenize(std::string_view(s).substr(p), halves);
      for (std::size_t k = left; k < halves.size(); ++k) {
        halves[k].begin += p;
        halves[k].end += p;
      }
      bool same = halves.size() == whole.size();
      for (std::size_t k = 0; same && k < whole.size(); ++k)
        same =
            halves[k].begin == whole[k].begin && halves[k].end == whole[k].end;
      INFO(escaped(s) << " cut at " << p);
      REQUIRE(same);
    }
  }
}
