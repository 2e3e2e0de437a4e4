// unspin tests: the Detector end to end: matching, inflection, case, a/an,
// context, allowlists, confidence, verdict, errors and thread-safety.
#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "unspin/unspin.hpp"

using unspin::DataSource;
using unspin::Detector;
using unspin::ErrorCode;
using unspin::Finding;
using unspin::Options;

namespace {

const std::string kData = UNSPIN_TEST_DATA_DIR;

Options fixture_options(const std::string& table_text = {}) {
  Options o;
  if (table_text.empty())
    o.tables.push_back(DataSource::from_file(kData + "/tables/mini.tsv"));
  else
    o.tables.push_back(DataSource::from_text("t.tsv", table_text));
  o.irregular_forms = DataSource::from_file(kData + "/tables/forms.tsv");
  o.min_confidence = 0;
  return o;
}

Detector make(const Options& o) {
  auto d = Detector::create(o);
  INFO(d.status().message());
  REQUIRE(d.ok());
  return std::move(d.value());
}

std::vector<Finding> scan(const Detector& d, const std::string& text) {
  auto r = d.scan(text);
  INFO(r.status().message());
  REQUIRE(r.ok());
  for (const Finding& f : r->findings) {
    // Offsets always point at the original bytes of the span.
    CHECK(text.substr(f.begin, f.end - f.begin) == f.text);
  }
  return r->findings;
}

std::string fixed(const Detector& d, const std::string& text) {
  auto r = d.fix(text);
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("finds a table phrase and suggests its canonical form",
          "[detector]") {
  Detector d = make(fixture_options());
  auto f = scan(d, "They built counterfeit consciousness tools.");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "counterfeit consciousness");
  CHECK(f[0].suggestion == "artificial intelligence");
  CHECK(f[0].source == "table:mini.tsv:3");
  CHECK(f[0].line == 1);
  CHECK(f[0].column == 12);
}

TEST_CASE("matches inflected forms and keeps the inflection in the rewrite",
          "[detector][morphology]") {
  Detector d = make(fixture_options());
  CHECK(fixed(d, "Police eliminated two bad guy gangs.") ==
        "Police killed two criminal gangs.");
  CHECK(fixed(d, "They are eliminating it; she eliminates them.") ==
        "They are killing it; she kills them.");
}

TEST_CASE("keeps capitalization: first letter, title case and all caps",
          "[detector][rewrite]") {
  Detector d = make(fixture_options());
  CHECK(fixed(d, "Bad guy gangs roam.") == "Criminal gangs roam.");
  CHECK(fixed(d, "Bad Guy Gangs Roam") == "Criminal Gangs Roam");
  CHECK(fixed(d, "BAD GUY GANGS ROAM") == "CRIMINAL GANGS ROAM");
}

TEST_CASE("fixes a/an in front of the suggestion", "[detector][rewrite]") {
  Detector d = make(fixture_options());
  auto f = scan(d, "It is a counterfeit consciousness.");
  REQUIRE(f.size() == 1);
  CHECK(f[0].text == "a counterfeit consciousness");
  CHECK(f[0].suggestion == "an artificial intelligence");
  CHECK(fixed(d, "A counterfeit consciousness won.") ==
        "An artificial intelligence won.");
  Detector d2 = make(fixture_options("apple pie\tcake\t0.9\n"));
  CHECK(fixed(d2, "an apple pie") == "a cake");
}

TEST_CASE("matches across line breaks, hyphens and typographic variants",
          "[detector][text]") {
  Detector d = make(fixture_options());
  CHECK(scan(d, "bad guy\ngangs").size() == 1);
  CHECK(scan(d, "bad-guy gangs").size() == 1);
  CHECK(scan(d, "bad\u2010guy  \r\n gangs").size() == 1);
  CHECK(scan(d, "bad guy. Gangs").empty());
  CHECK(scan(d, "bad guy, gangs").empty());
}

TEST_CASE("keeps byte offsets right where normalization changes lengths",
          "[detector][text]") {
  Detector d =
      make(fixture_options("caf\xC3\xA9 r\xC3\xA9gion\tcafe area\t0.9\n"
                           "don't know\tignore\t0.9\n"));
  // Decomposed é (e + U+0301) and a curly apostrophe before the phrases.
  std::string text =
      "Cafe\xCC\x81 \xE2\x80\x9Cquote\xE2\x80\x9D \r\nCAFE\xCC\x81 "
      "R\xC3\x89GION and I don\xE2\x80\x99t know.";
  auto f = scan(d, text);
  REQUIRE(f.size() == 2);
  CHECK(f[0].text == "CAFE\xCC\x81 R\xC3\x89GION");
  CHECK(f[0].line == 2);
  CHECK(f[0].column == 1);
  CHECK(f[1].text == "don\xE2\x80\x99t know");
  CHECK(f[1].column == 20);
}

TEST_CASE("the longest match wins", "[detector][matcher]") {
  Detector d = make(fixture_options(
      "bad guy\tvillain\t0.9\nbad guy gang\tcriminal gang\t0.9\n"));
  auto f = scan(d, "a bad guy gang and a bad guy");
  REQUIRE(f.size() == 2);
  CHECK(f[0].suggestion == "criminal gang");
  CHECK(f[1].suggestion == "villain");
}

TEST_CASE("matches whole words only", "[detector][matcher]") {
  Detector d = make(fixture_options());
  CHECK(scan(d, "badguy gangs, bad guy gangster").empty());
}

TEST_CASE("context: requires and excludes decide whether an entry fires",
          "[detector][context]") {
  Detector d = make(fixture_options(
      "surface region\tsurface area\t0.9\t\trequires=surface area\n"
      "gap pad\tthermal pad\t0.9\t\texcludes=thermal gap pad|heat sink\n"));
  CHECK(scan(d, "The surface region was large.").empty());
  auto f = scan(d, "The surface region was large; surface areas matter.");
  REQUIRE(f.size() == 1);
  CHECK(f[0].explanation.find("required context present") != std::string::npos);
  CHECK(scan(d, "Use a gap pad.").size() == 1);
  CHECK(scan(d, "Use a gap pad on the heat sink.").empty());
}

TEST_CASE("an allowlisted phrase is never flagged", "[detector][allowlist]") {
  Options o = fixture_options("gap pad\tthermal pad\t0.9\n");
  o.allow_phrases.push_back("thermal gap pad");
  Detector d = make(o);
  CHECK(scan(d, "a thermal gap pad").empty());
  CHECK(scan(d, "a gap pad").size() == 1);
}

TEST_CASE("user tables add entries and switch off shipped ones",
          "[detector][table]") {
  Options o = fixture_options();
  o.tables.push_back(DataSource::from_file(kData + "/tables/user.tsv"));
  Detector d = make(o);
  CHECK(scan(d, "They eliminated it.").empty());
  auto f = scan(d, "Human liberties matter.");
  REQUIRE(f.size() == 1);
  CHECK(f[0].suggestion == "Human rights");
  CHECK(f[0].source == "table:user.tsv:3");
}

TEST_CASE("selects entries by domain tag", "[detector][table]") {
  Options o = fixture_options();
  o.domains = {"science"};
  Detector d = make(o);
  CHECK(scan(d, "bad guy gangs").empty());
  CHECK(scan(d, "counterfeit consciousness").size() == 1);
}

TEST_CASE("a domain that no table entry is tagged with is an invalid argument",
          "[detector][table][errors]") {
  Options o = fixture_options();
  o.domains = {"science", "scince"};
  auto d = Detector::create(o);
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().code() == ErrorCode::kInvalidArgument);
  CHECK(d.status().message() ==
        "Options::domains: no table entry is tagged 'scince' (tags in the "
        "tables: news, science)");
}

TEST_CASE("a detector that could find nothing is an invalid argument",
          "[detector][table][errors]") {
  // No table at all: every text would pass unchecked.
  Options none;
  auto d = Detector::create(none);
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(d.status().message(), Catch::Contains("Options::tables is empty"));
  // Tables that hold only comments.
  Options empty = fixture_options("# nothing yet\n");
  auto e = Detector::create(empty);
  REQUIRE_FALSE(e.ok());
  CHECK(e.status().code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(e.status().message(), Catch::Contains("no active entry"));
}

TEST_CASE("offers alternatives, deletions and unknown canonicals",
          "[detector][rewrite]") {
  Detector d = make(
      fixture_options("fog computing\tcloud computing|edge computing\t0.9\n"
                      "weird term\t?\t0.9\n"
                      "actually\t<delete>\t0.9\n"));
  auto f = scan(d, "Fog computing is a weird term.");
  REQUIRE(f.size() == 2);
  CHECK(f[0].suggestion == "Cloud computing");
  CHECK(f[0].alternatives == std::vector<std::string>{"Edge computing"});
  CHECK_FALSE(f[1].has_suggestion);
  CHECK(fixed(d, "It has actually been done.") == "It has been done.");
}

TEST_CASE("a lone ordinary word scores low; company and rarity score high",
          "[detector][score]") {
  Options o = fixture_options();
  o.hunspell_aff = UNSPIN_BUILD_DATA_DIR "/hunspell/en_US.aff";
  o.hunspell_dic = UNSPIN_BUILD_DATA_DIR "/hunspell/en_US.dic";
  if (!std::ifstream(o.hunspell_aff)) {
    WARN("annotated Hunspell dictionary not built; skipping");
    return;
  }
  Detector d = make(o);
  auto lone = scan(d, "The army eliminated the threat.");
  REQUIRE(lone.size() == 1);
  auto rare = scan(d, "We study counterfeit consciousness.");
  REQUIRE(rare.size() == 1);
  CHECK(lone[0].confidence < 0.25);
  CHECK(rare[0].confidence > 0.9);
  auto bulk = scan(
      d, "Bad guy gangs eliminated rivals with counterfeit consciousness.");
  REQUIRE(bulk.size() == 3);
  CHECK(bulk[1].text == "eliminated");
  CHECK(bulk[1].confidence > lone[0].confidence + 0.3);
  CHECK(bulk[1].confidence >= 0.5);
}

TEST_CASE("the default threshold hides weak findings", "[detector][score]") {
  Options o = fixture_options();
  o.min_confidence = 0.5;
  o.tables = {DataSource::from_text(
      "t.tsv", "eliminate\tkill\t0.1\nbad guy gang\tcriminal gang\t0.95\n")};
  Detector d = make(o);
  auto r = d.scan("They eliminated it.");
  REQUIRE(r.ok());
  CHECK(r->findings.empty());
  unspin::ScanOptions all;
  all.min_confidence = 0;
  CHECK(d.scan("They eliminated it.", all)->findings.size() == 1);
}

TEST_CASE("gives a document verdict with its counts", "[detector][verdict]") {
  Detector d = make(fixture_options());
  auto r =
      d.scan("Bad guy gangs use counterfeit consciousness. Bad guy gangs win.");
  REQUIRE(r.ok());
  CHECK(r->verdict.words == 10);
  CHECK(r->verdict.findings == 3);
  CHECK(r->verdict.distinct_phrases == 2);
  CHECK(r->verdict.findings_per_1000_words == Approx(300));
  CHECK(r->verdict.spun);
  auto clean = d.scan("A perfectly ordinary sentence.");
  CHECK_FALSE(clean->verdict.spun);
  CHECK(clean->verdict.spun_score == 0);
}

TEST_CASE("invalid UTF-8 is an error or replaced, never a crash",
          "[detector][text]") {
  Detector d = make(fixture_options());
  std::string bad = "bad guy gangs \xC0\xAF and more";
  auto r = d.scan(bad);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == ErrorCode::kInvalidUtf8);
  CHECK(r.status().message().find("byte 14") != std::string::npos);
  Options o = fixture_options();
  o.invalid_utf8 = unspin::InvalidUtf8::kReplace;
  Detector lenient = make(o);
  auto f = scan(lenient, bad + " bad guy\xFF gangs");
  CHECK(f.size() == 1);
}

TEST_CASE("create reports bad options, missing and malformed tables",
          "[detector][errors]") {
  Options o = fixture_options();
  o.min_confidence = 1.5;
  auto r = Detector::create(o);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == ErrorCode::kInvalidArgument);
  CHECK(r.status().message().find("min_confidence") != std::string::npos);

  Options m;
  m.tables.push_back(DataSource::from_file(kData + "/tables/malformed.tsv"));
  auto bad = Detector::create(m);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == ErrorCode::kParseError);
  CHECK(bad.status().message() ==
        "malformed.tsv:2: expected 2-5 tab-separated fields, found 1");

  Options missing;
  missing.tables.push_back(DataSource::from_file(kData + "/tables/none.tsv"));
  auto io = Detector::create(missing);
  REQUIRE_FALSE(io.ok());
  CHECK(io.status().code() == ErrorCode::kIoError);
}

TEST_CASE("one Detector gives identical results on many threads",
          "[detector][threads]") {
  Detector d = make(fixture_options());
  std::string text;
  for (int i = 0; i < 200; ++i)
    text +=
        "Bad guy gangs eliminated a counterfeit consciousness. Clean text "
        "here.\n";
  auto expected = d.scan(text);
  REQUIRE(expected.ok());
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) {
        auto r = d.scan(text);
        bool eq = r.ok() && r->findings.size() == expected->findings.size();
        for (std::size_t i = 0; eq && i < r->findings.size(); ++i)
          eq = r->findings[i].begin == expected->findings[i].begin &&
               r->findings[i].suggestion == expected->findings[i].suggestion &&
               r->findings[i].confidence == expected->findings[i].confidence;
        same[t] += eq;
      }
    });
  for (auto& th : threads) th.join();
  CHECK(same == std::vector<int>(4, 20));
}

TEST_CASE("context: near= needs a term within N words", "[detector][context]") {
  Detector d = make(fixture_options(
      "social effect\tsocial influence\t0.9\t\tnear=3:utaut|tam\n"));
  CHECK(scan(d, "The social effect of UTAUT was strong.").size() == 1);
  CHECK(scan(d, "UTAUT shows a social effect.").size() == 1);
  CHECK(scan(d,
             "The social effect was strong; many words later we cite the UTAUT "
             "model.")
            .empty());
  CHECK(scan(d, "The social effect was strong.").empty());
}

TEST_CASE("context: several requires clauses must all hold",
          "[detector][context]") {
  Detector d =
      make(fixture_options("preformation\tprogrammed\t0.9\t\trequires=rat|"
                           "mouse;requires=fate|destiny\n"));
  CHECK(scan(d, "Preformation in the rat.").empty());
  CHECK(scan(d, "Preformation in the mouse decides its fate.").size() == 1);
}

TEST_CASE("never flags a span inside an established term or the term itself",
          "[detector][context]") {
  Detector d =
      make(fixture_options("gap pad\tspacer\t0.9\n"
                           "heat spreader\tthermal gap pad\t0.9\n"
                           "information\tdata\t0.9\n"
                           "records\tinformation\t0.9\n"));
  CHECK(scan(d, "a gap pad").size() == 1);
  // "thermal gap pad" is another entry's canonical: its inside stays clean.
  CHECK(scan(d, "a thermal gap pad").empty());
  // "information" is both a spun side and another entry's canonical.
  CHECK(scan(d, "the information").empty());
  CHECK(scan(d, "the records").size() == 1);
}

TEST_CASE("inflects only base forms, and never entries marked exact",
          "[detector][morphology]") {
  Detector d =
      make(fixture_options("eliminate\tkill\t0.9\n"
                           "killings\tmurders\t0.9\n"
                           "bad guy gang\tcriminal gang\t0.9\t\texact\n"));
  CHECK(fixed(d, "They eliminated them.") == "They killed them.");
  // "killings" is written plural: its singular is not derived.
  CHECK(scan(d, "one killing").empty());
  // "exact" keeps the table form only.
  CHECK(scan(d, "bad guy gangs").empty());
  CHECK(scan(d, "a bad guy gang").size() == 1);
}

TEST_CASE("a spaced dash breaks a phrase, a joining hyphen does not",
          "[detector][text]") {
  Detector d = make(fixture_options());
  CHECK(scan(d, "bad-guy gangs").size() == 1);
  CHECK(scan(d, "bad -- guy gangs").empty());
  CHECK(scan(d, "bad guy \xE2\x80\x94 gangs").empty());
}

TEST_CASE("an entry is not silenced by its own canonical term",
          "[detector][context]") {
  Detector d =
      make(fixture_options("advices\tadvice\t0.9\nindividuals\tpeople\t0.9\n"));
  CHECK(fixed(d, "Good advices.") == "Good advice.");
  CHECK(fixed(d, "Some individuals.") == "Some people.");
}

TEST_CASE("a deleted sentence opener before another finding: no overlap",
          "[detector]") {
  // The deletion takes the next word's first letter to capitalize it; when
  // that word begins a finding, the capital goes to its suggestion (fix()
  // failed with "findings overlap" before).
  Detector d = make(fixture_options(
      "needless to say\t<delete>\t0.9\n"
      "counterfeit consciousness\tartificial intelligence\t0.97\n"));
  const std::string text = "Needless to say, counterfeit consciousness helps.";
  auto f = scan(d, text);
  REQUIRE(f.size() == 2);
  CHECK(f[0].text == "Needless to say, ");
  CHECK(f[0].suggestion.empty());
  CHECK(f[1].suggestion == "Artificial intelligence");
  CHECK(fixed(d, text) == "Artificial intelligence helps.");
}
