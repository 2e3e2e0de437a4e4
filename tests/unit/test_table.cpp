// unspin tests: phrase-table parsing, allowlists and combining tables.
// Fixtures are tiny tables under tests/data/tables.
#include <catch2/catch.hpp>

#include "table.hpp"

using unspin::ErrorCode;
using unspin::detail::parse_allowlist;
using unspin::detail::parse_table;

TEST_CASE("parses every field of a table line", "[table]") {
  auto t = parse_table(
      "# comment\n\nfog computing\tcloud computing|edge "
      "computing\t0.9\tscience,"
      "cs\trequires=cloud|grid;excludes=weather\n",
      "x.tsv");
  REQUIRE(t.ok());
  REQUIRE(t->entries.size() == 1);
  const auto& e = t->entries[0];
  CHECK(e.spun == "fog computing");
  CHECK(e.canonicals ==
        std::vector<std::string>{"cloud computing", "edge computing"});
  CHECK(e.prior == Approx(0.9));
  CHECK(e.tags == std::vector<std::string>{"science", "cs"});
  CHECK(e.requires_any == std::vector<std::string>{"cloud", "grid"});
  CHECK(e.requires_groups ==
        std::vector<std::vector<std::string>>{{"cloud", "grid"}});
  CHECK(e.excludes_any == std::vector<std::string>{"weather"});
  CHECK(e.table == "x.tsv");
  CHECK(e.line == 3);
}

TEST_CASE("parses near clauses and several requires groups", "[table]") {
  auto t = parse_table(
      "a\tb\t0.9\t\trequires=rat|mouse;requires=fate; near=5:cell|cells\n",
      "t");
  REQUIRE(t.ok());
  const auto& e = t->entries[0];
  CHECK(e.requires_groups ==
        std::vector<std::vector<std::string>>{{"rat", "mouse"}, {"fate"}});
  REQUIRE(e.near.size() == 1);
  CHECK(e.near[0].words == 5);
  CHECK(e.near[0].terms == std::vector<std::string>{"cell", "cells"});
}

TEST_CASE("uses the default prior when the field is missing or empty",
          "[table]") {
  auto t = parse_table("a b\tc d\nx y\tz\t\tnews\n", "t");
  REQUIRE(t.ok());
  CHECK(t->entries[0].prior == Approx(unspin::detail::kDefaultPrior));
  CHECK(t->entries[1].prior == Approx(unspin::detail::kDefaultPrior));
  CHECK(t->entries[1].tags == std::vector<std::string>{"news"});
}

TEST_CASE("understands unknown and deletion canonicals", "[table]") {
  auto t = parse_table("odd phrase\t?\nreally\t<delete>\t0.3\r\n", "t");
  REQUIRE(t.ok());
  CHECK(t->entries[0].unknown);
  CHECK(t->entries[0].canonicals.empty());
  CHECK(t->entries[1].deletion);
}

TEST_CASE("names file and line for every malformed line", "[table]") {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"ok\tfine\nlonely\n",
       "t.tsv:2: expected 2-5 tab-separated fields, found 1"},
      {"a\tb\t0.5\tx\ty\tz\n",
       "t.tsv:1: expected 2-5 tab-separated fields, found 6"},
      {"\tb\n", "t.tsv:1: empty spun phrase"},
      {"a\t \n", "t.tsv:1: empty canonical phrase"},
      {"a\tb\t1.5\n", "t.tsv:1: prior '1.5' is not a number in (0, 1]"},
      {"a\tb\t0\n", "t.tsv:1: prior '0' is not a number in (0, 1]"},
      {"a\tb\tabc\n", "t.tsv:1: prior 'abc' is not a number in (0, 1]"},
      {"a\tb\t0.5\tNews\n", "t.tsv:1: invalid tag 'News' (use [a-z0-9_-]+)"},
      {"a\tb\t0.5\tnews\tnear=3\n",
       "t.tsv:1: context clause 'near=3' must read near=N:TERM|TERM with N in "
       "1..999"},
      {"a\tb\t0.5\tnews\tnear=0:x\n",
       "t.tsv:1: context clause 'near=0:x' must read near=N:TERM|TERM with N "
       "in 1..999"},
      {"a\tb\t0.5\tnews\tclose=3\n",
       "t.tsv:1: unknown context clause 'close=3' (expected requires=, "
       "excludes=, near= or exact)"},
      {"a\tb\t0.5\tnews\trequires=x||y\n",
       "t.tsv:1: empty term in context clause 'requires=x||y'"},
      {"a\tb|\n", "t.tsv:1: empty alternative in 'b|'"},
      {"#\n!\n", "t.tsv:2: empty phrase after '!'"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto t = parse_table(c.text, "t.tsv");
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().code() == ErrorCode::kParseError);
    CHECK(t.status().message() == c.message);
  }
}

TEST_CASE("rejects invalid UTF-8 in a table with its line", "[table]") {
  auto t = parse_table("a\tb\nc\xff\td\n", "t.tsv");
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().message().rfind("t.tsv:2: ", 0) == 0);
}

TEST_CASE("a later table switches off entries of earlier ones", "[table]") {
  auto shipped = parse_table(
      "eliminate\tkill\nbad guy gang\tcriminal gang\n"
      "human liberty\thuman right\nhuman liberty\tfreedom\n",
      "shipped");
  auto user = parse_table(
      "!ELIMINATE\n!human liberty\tfreedom\nnew one\tfresh\n", "user");
  REQUIRE(shipped.ok());
  REQUIRE(user.ok());
  auto all = unspin::detail::combine_tables({shipped.value(), user.value()});
  std::vector<std::string> spun;
  for (const auto& e : all) spun.push_back(e.spun + "=" + e.canonicals.at(0));
  CHECK(spun == std::vector<std::string>{"bad guy gang=criminal gang",
                                         "human liberty=human right",
                                         "new one=fresh"});
}

TEST_CASE("parses allowlists and rejects TABs in them", "[table]") {
  auto a = parse_allowlist("# never flag\nthermal  gap pad\n\n", "allow.txt");
  REQUIRE(a.ok());
  CHECK(a.value() == std::vector<std::string>{"thermal gap pad"});
  auto bad = parse_allowlist("x\ty\n", "allow.txt");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() ==
        "allow.txt:1: an allowlist line holds one phrase and no TAB");
}

TEST_CASE("reports a missing table file as an I/O error naming it", "[table]") {
  auto r = unspin::detail::read_source(
      unspin::DataSource::from_file("/nonexistent/x.tsv"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == ErrorCode::kIoError);
  CHECK(r.status().message().find("/nonexistent/x.tsv") != std::string::npos);
  auto dir = unspin::detail::read_source(
      unspin::DataSource::from_file(UNSPIN_TEST_DATA_DIR));
  REQUIRE_FALSE(dir.ok());
  CHECK(dir.status().message().find("is a directory") != std::string::npos);
}

TEST_CASE(
    "refuses words longer than 256 bytes in tables and allowlists, with "
    "file and line",
    "[table][hostile]") {
  const std::string ok(256, 'w');
  const std::string big(257, 'w');
  CHECK(parse_table("a\tb\n" + ok + " x\t" + ok + "\n", "t.tsv").ok());
  CHECK(parse_allowlist("x " + ok + "\n", "allow.txt").ok());
  const std::string message =
      ":2: words longer than 256 bytes are not supported (found one of 257 "
      "bytes)";
  for (const std::string& line :
       {big + "\tb", "a\t" + big, "a b\tc\t0.5\tx\trequires=" + big,
        "!" + big}) {
    INFO(line.substr(0, 20));
    auto t = parse_table("a\tb\n" + line + "\n", "t.tsv");
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().code() == ErrorCode::kParseError);
    CHECK(t.status().message().rfind(
              "t.tsv:2: words longer than 256 bytes are not supported", 0) ==
          0);
  }
  auto a = parse_allowlist("# c\nx " + big + " y\n", "allow.txt");
  REQUIRE_FALSE(a.ok());
  CHECK(a.status().message() == "allow.txt" + message);
}

TEST_CASE("refuses an entry whose canonical side equals its spun side",
          "[table]") {
  for (const char* line :
       {"foo bar\tfoo bar", "Foo  bar\tfoo BAR\t0.9", "foo bar\tbaz|foo bar",
        "\xC3\x89t\xC3\xA9\t\xC3\xA9t\xC3\xA9",
        // As the matcher compares: hyphens, spacing and punctuation outside
        // the words aside, full-width letters folded.
        "foo bar\tFoo-Bar.", "bad guy\tbad\xE2\x80\x90guy",
        "foo bar\t\xEF\xBD\x86\xEF\xBD\x8F\xEF\xBD\x8F bar"}) {
    INFO(line);
    auto t = parse_table(std::string("a\tb\n") + line + "\n", "t.tsv");
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().code() == ErrorCode::kParseError);
    CHECK(t.status().message().rfind(
              "t.tsv:2: the canonical side equals the spun side", 0) == 0);
  }
  // Switch-offs, unknown and deletion canonicals are no identities.
  CHECK(parse_table("!foo\tfoo\nfoo\t?\nfoo\t<delete>\nfoo\tfoo bar\n", "t.tsv")
            .ok());
  // Other punctuation between words is part of the phrase.
  CHECK(parse_table("tcp ip\ttcp/ip\nfoo bar\tfoo, bar\n", "t.tsv").ok());
}

TEST_CASE("a UTF-8 byte order mark may start a table or an allowlist",
          "[table]") {
  auto t = parse_table("\xEF\xBB\xBF# user table\nfoo\tbar\n", "t.tsv");
  INFO(t.status().message());
  REQUIRE(t.ok());
  REQUIRE(t->entries.size() == 1);
  CHECK(t->entries[0].spun == "foo");
  auto first = parse_table(
      "\xEF\xBB\xBF"
      "foo\tbar\n",
      "t.tsv");
  REQUIRE(first.ok());
  CHECK(first->entries.at(0).spun == "foo");
  auto a = parse_allowlist("\xEF\xBB\xBF# allow\nthermal gap pad\n", "a.txt");
  REQUIRE(a.ok());
  CHECK(a.value() == std::vector<std::string>{"thermal gap pad"});
}

TEST_CASE("control bytes quoted from a table in a message are escaped",
          "[table][hostile]") {
  auto t = parse_table("a\tb\t0.5\tx\x1b[31m\n", "t.tsv");
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().message() ==
        "t.tsv:1: invalid tag 'x\\x1B[31m' (use [a-z0-9_-]+)");
}
