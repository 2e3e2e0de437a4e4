// unspin tests: discovery wired into the Detector (Options::language_model),
// on the tiny ARPA LM and thesaurus of tests/data/discovery and tables given
// in memory.
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "unspin/unspin.hpp"

using namespace unspin;

namespace {

const std::string kDir = std::string(UNSPIN_TEST_DATA_DIR) + "/discovery/";

// "irregular grove" teaches irregular -> random and makes "random forest" an
// established term; "woodland area" teaches woodland -> forest; "profound
// neural network" teaches profound -> deep.
const char* kTable =
    "irregular grove\trandom forest\n"
    "woodland area\tforest area\n"
    "profound neural network\tdeep neural network\n";

Options tiny_options() {
  Options o;
  o.tables.push_back(DataSource::from_text("mem.tsv", kTable));
  o.language_model = DataSource::from_file(kDir + "tiny.arpa");
  o.thesaurus = DataSource::from_file(kDir + "tiny_thesaurus.tsv");
  return o;
}

Detector make(const Options& o) {
  auto d = Detector::create(o);
  REQUIRE(d.ok());
  return std::move(d).value();
}

}  // namespace

TEST_CASE(
    "a discovered phrase is a finding with its source, place and "
    "restored original",
    "[discovery][detector]") {
  Detector d = make(tiny_options());
  const std::string text = "Intro.\nThey planted irregular woodland.";
  auto r = d.scan(text);
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == 1);
  const Finding& f = r->findings[0];
  CHECK(f.text == "irregular woodland");
  CHECK(text.substr(f.begin, f.end - f.begin) == f.text);
  CHECK(f.line == 2);
  CHECK(f.column == 14);
  CHECK(f.has_suggestion);
  CHECK(f.suggestion == "random forest");
  CHECK(f.source.rfind("discovered:established-term", 0) == 0);
  CHECK(f.entry_spun == "irregular woodland");
  CHECK(f.entry_canonical == "random forest");
  CHECK(f.explanation.rfind("discovered (", 0) == 0);
  CHECK(f.explanation.find("'irregular' -> 'random'") != std::string::npos);
  CHECK(f.explanation.find("P(spun)") != std::string::npos);
  CHECK(f.confidence >= d.min_confidence());
  CHECK(f.confidence < 1.0);
  CHECK(r->verdict.findings == 1);
  CHECK(r->verdict.distinct_phrases == 1);
  CHECK(r->verdict.spun_score > 0);

  auto fixed = d.fix(text);
  REQUIRE(fixed.ok());
  CHECK(*fixed == "Intro.\nThey planted random forest.");
}

TEST_CASE(
    "a likely spun phrase with an uncertain original is flagged "
    "without a suggestion",
    "[discovery][detector]") {
  // On the tiny LM, "profound learning" is likely spun (P ~0.63) but
  // "deep learning" restores it with P ~0.2 only.
  Detector d = make(tiny_options());
  const std::string text = "We use profound learning.";
  auto r = d.scan(text);
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == 1);
  const Finding& f = r->findings[0];
  CHECK(f.text == "profound learning");
  CHECK_FALSE(f.has_suggestion);
  CHECK(f.suggestion.empty());
  REQUIRE(f.alternatives.size() >= 1);
  CHECK(f.alternatives[0] == "deep learning");  // the best guess, hedged
  CHECK(f.confidence >= 0.5);
  CHECK(f.explanation.find("flagged without a suggestion") !=
        std::string::npos);
  auto fixed = d.fix(text);
  REQUIRE(fixed.ok());
  CHECK(*fixed == text);  // nothing to apply

  // The finding does not depend on the scan's threshold: a lower one
  // reports the same span, with the same confidence and no suggestion.
  ScanOptions low;
  low.min_confidence = 0.1;
  auto r2 = d.scan(text, low);
  REQUIRE(r2.ok());
  REQUIRE(r2->findings.size() == 1);
  CHECK_FALSE(r2->findings[0].has_suggestion);
  CHECK(r2->findings[0].confidence == f.confidence);
  CHECK(r2->verdict.spun_score == r->verdict.spun_score);
}

TEST_CASE("a discovered established term gets a/an, case and inflection",
          "[discovery][detector]") {
  Detector d = make(tiny_options());
  auto fixed =
      d.fix("They planted an irregular woodland. Irregular woodlands grow.");
  REQUIRE(fixed.ok());
  CHECK(*fixed == "They planted a random forest. Random forests grow.");
  auto r = d.scan("An Irregular Woodland");
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == 1);
  CHECK(r->findings[0].text == "An Irregular Woodland");
  CHECK(r->findings[0].suggestion == "A Random Forest");
  CHECK(r->findings[0].source.rfind("discovered:established-term", 0) == 0);
}

TEST_CASE("discovery leaves table matches, allowlisted and clean text alone",
          "[discovery][detector]") {
  Options o = tiny_options();
  o.tables.push_back(
      DataSource::from_text("user.tsv", "irregular woodland\trandom forest\n"));
  o.allow_phrases.push_back("profound learning");
  Detector d = make(o);
  auto r = d.scan("An irregular woodland and profound learning.");
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == 1);  // the table finding only
  CHECK(r->findings[0].source == "table:user.tsv:1");
  CHECK(r->findings[0].suggestion == "A random forest");

  auto clean = d.scan("We use deep learning and random forests.");
  REQUIRE(clean.ok());
  CHECK(clean->findings.empty());
}

TEST_CASE("a table entry whose context fails is not discovered instead",
          "[discovery][detector]") {
  Options o = tiny_options();
  o.tables.push_back(DataSource::from_text(
      "user.tsv",
      "irregular woodland\trandom forest\t0.9\t\trequires=orchard\n"));
  Detector d = make(o);
  auto r = d.scan("They planted an irregular woodland.");
  REQUIRE(r.ok());
  CHECK(r->findings.empty());
  auto with = d.scan("They planted an irregular woodland near the orchard.");
  REQUIRE(with.ok());
  REQUIRE(with->findings.size() == 1);
  CHECK(with->findings[0].source == "table:user.tsv:1");
}

TEST_CASE("a phrase a table switches off is not discovered either",
          "[discovery][detector]") {
  Options o = tiny_options();
  o.tables.push_back(DataSource::from_text("off.tsv", "!irregular woodland\n"));
  Detector d = make(o);
  // (No morphology in these options: the table form itself.)
  auto r = d.scan("They planted irregular woodland.");
  REQUIRE(r.ok());
  CHECK(r->findings.empty());
}

TEST_CASE(
    "discovery is off without a language model and honours the "
    "threshold",
    "[discovery][detector]") {
  Options o = tiny_options();
  o.language_model.reset();
  o.thesaurus.reset();
  Detector off = make(o);
  auto r = off.scan("We use profound learning.");
  REQUIRE(r.ok());
  CHECK(r->findings.empty());

  Detector on = make(tiny_options());
  ScanOptions strict;
  strict.min_confidence = 1.0;
  auto s = on.scan("We use profound learning.", strict);
  REQUIRE(s.ok());
  CHECK(s->findings.empty());
}

TEST_CASE("bad discovery options are errors naming the problem",
          "[discovery][detector]") {
  // A second language model cannot be given: the field holds at most one.
  static_assert(std::is_same_v<decltype(Options::language_model),
                               std::optional<DataSource>>);

  Options orphan = tiny_options();
  orphan.language_model.reset();
  auto b = Detector::create(orphan);
  REQUIRE_FALSE(b.ok());
  CHECK(b.status().code() == ErrorCode::kInvalidArgument);
  CHECK(b.status().message().find("thesaurus") != std::string::npos);

  Options missing = tiny_options();
  missing.language_model = DataSource::from_file(kDir + "no-such.lmc");
  auto c = Detector::create(missing);
  REQUIRE_FALSE(c.ok());
  CHECK(c.status().code() == ErrorCode::kIoError);
  CHECK(c.status().message().find("no-such.lmc") != std::string::npos);

  Options bad = tiny_options();
  bad.language_model = DataSource::from_text(
      "bad.arpa", "\\data\\\n\\1-grams:\n-1.0\ta\n\\2-grams:\n-0.5\ta\tb\n");
  auto e = Detector::create(bad);
  REQUIRE_FALSE(e.ok());
  CHECK(e.status().code() == ErrorCode::kParseError);
  CHECK(e.status().message().find("bad.arpa:5") != std::string::npos);
}

TEST_CASE("discovery survives invalid UTF-8 under the replace policy",
          "[discovery][detector]") {
  Options o = tiny_options();
  o.invalid_utf8 = InvalidUtf8::kReplace;
  Detector d = make(o);
  const std::string text = "We use profound learning \xC3\x28 and \xFF.";
  auto r = d.scan(text);
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == 1);
  CHECK(r->findings[0].text == "profound learning");
}

TEST_CASE(
    "one Detector with discovery gives identical results on many "
    "threads",
    "[discovery][detector][threads]") {
  Detector d = make(tiny_options());
  const std::string text =
      "We use profound learning.\nThey planted an irregular woodland.\n";
  auto want = d.scan(text);
  REQUIRE(want.ok());
  REQUIRE(want->findings.size() == 2);
  std::vector<std::thread> threads;
  std::vector<int> same(6, 0);
  for (std::size_t t = 0; t < same.size(); ++t) {
    threads.emplace_back([&, t] {
      bool ok = true;
      for (int i = 0; i < 20; ++i) {
        auto r = d.scan(text);
        ok = ok && r.ok() && r->findings.size() == want->findings.size();
        for (std::size_t k = 0; ok && k < r->findings.size(); ++k)
          ok = r->findings[k].begin == want->findings[k].begin &&
               r->findings[k].suggestion == want->findings[k].suggestion &&
               r->findings[k].confidence == want->findings[k].confidence;
      }
      same[t] = ok ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  for (int s : same) CHECK(s == 1);
}

TEST_CASE("a phrase across the edge of discovery's 1 MB window is discovered",
          "[discovery][detector][huge]") {
  Detector d = make(tiny_options());
  // The 1 MiB mark falls inside "irregular": the window is cut between
  // "irregular" and "woodland".
  const std::size_t mark = std::size_t{1} << 20;
  std::string text = "They planted irregular woodland. ";
  while (text.size() + 9 < mark - 4) text += "The lab. ";
  text.append(mark - 4 - text.size(), ' ');
  const std::size_t at = text.size();
  text += "irregular woodland and more. They planted irregular woodland.";
  auto r = d.scan(text);
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == 3);
  CHECK(r->findings[0].begin == 13);
  CHECK(r->findings[1].begin == at);
  CHECK(r->findings[1].text == "irregular woodland");
  CHECK(r->findings[1].suggestion == "random forest");
  CHECK(r->findings[2].text == "irregular woodland");
  // The same as far from any edge.
  auto alone = d.scan("x irregular woodland and more.");
  REQUIRE(alone.ok());
  REQUIRE(alone->findings.size() == 1);
  CHECK(alone->findings[0].confidence == r->findings[1].confidence);
}

TEST_CASE("discovery over several windows finds every copy exactly once",
          "[discovery][detector][huge]") {
  Detector d = make(tiny_options());
  const std::string unit = "They planted irregular woodland. ";
  std::string text;
  std::size_t copies = 0;
  for (; text.size() < 2600000; ++copies) text += unit;
  auto r = d.scan(text);
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == copies);
  for (std::size_t i = 0; i < copies; ++i) {
    REQUIRE(r->findings[i].begin == i * unit.size() + 13);
    REQUIRE(r->findings[i].text == "irregular woodland");
  }
}

TEST_CASE("a candidate over a blocked word does not hide its neighbour",
          "[discovery][detector]") {
  // "irregular woodland" (-> random forest) and "woodland area" (-> forest
  // area) overlap. The allowlist blocks one of them; the other is found.
  Options o = tiny_options();
  o.tables[0] = DataSource::from_text(
      "mem.tsv",
      "irregular grove\trandom forest\nwoodland glade\tforest area\n");
  const std::string text = "We saw irregular woodland area.";
  Detector both = make(o);
  auto r0 = both.scan(text);
  REQUIRE(r0.ok());
  REQUIRE(r0->findings.size() == 1);  // the better of the two
  const std::string best = r0->findings[0].text;
  INFO("best: " << best);
  // Block a word of the better one that the other lacks.
  o.allow_phrases.push_back(best == "irregular woodland" ? "irregular"
                                                         : "area");
  Detector d = make(o);
  auto r = d.scan(text);
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == 1);
  CHECK(r->findings[0].text != best);
  CHECK(r->findings[0].source.rfind("discovered:", 0) == 0);
}

TEST_CASE("a discovered finding never takes in an allowlisted a/an",
          "[discovery][detector]") {
  Options o = tiny_options();
  Detector plain = make(o);
  const std::string text = "We keep an irregular woodland.";
  auto r0 = plain.scan(text);
  REQUIRE(r0.ok());
  REQUIRE(r0->findings.size() == 1);
  CHECK(r0->findings[0].text == "an irregular woodland");  // a/an fixed
  CHECK(r0->findings[0].suggestion == "a random forest");

  o.allow_phrases.push_back("keep an");
  Detector d = make(o);
  auto r = d.scan(text);
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == 1);
  CHECK(r->findings[0].text == "irregular woodland");
  CHECK(r->findings[0].begin == text.find("irregular"));
}

TEST_CASE("a discovered span leaves the format characters around it alone",
          "[discovery][detector]") {
  Detector d = make(tiny_options());
  for (const std::string& open : {"\u202E", "\u2068", "\u200D", "\u00AD"}) {
    for (const std::string& close : {"\u202C", "\u2069", "\u200E"}) {
      const std::string text =
          "They planted " + open + "irregular woodland" + close + ".";
      INFO(text);
      auto r = d.scan(text);
      REQUIRE(r.ok());
      REQUIRE(r->findings.size() == 1);
      CHECK(r->findings[0].text == "irregular woodland");
      auto fixed = d.fix(text);
      REQUIRE(fixed.ok());
      CHECK(*fixed == "They planted " + open + "random forest" + close + ".");
    }
  }
}
