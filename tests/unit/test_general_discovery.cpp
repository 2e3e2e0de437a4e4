// unspin tests: general-English discovery on purpose-built data: the n-gram
// counts file, the calibration file, spots and their restorations, the
// document gate, and the Detector with Options::general_discovery.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "general_discovery.hpp"
#include "graph_build.hpp"
#include "ngram_counts.hpp"
#include "support.hpp"
#include "unspin/unspin.hpp"

namespace {

using unspin::ErrorCode;
using unspin::detail::GeneralCalibration;
using unspin::detail::NgramCounts;
using unspin_test::TempDir;

std::vector<std::pair<std::string, std::uint32_t>> tiny_counts() {
  return {{"the", 100},         {"police", 10},       {"killed", 10},
          {"eliminated", 5},    {"gang", 10},         {"stock", 10},
          {"inventory", 5},     {"market", 10},       {"rose", 10},
          {"police killed", 5}, {"killed the", 5},    {"eliminated the", 3},
          {"the gang", 5},      {"stock market", 5},  {"market rose", 5},
          {"the stock", 5},     {"the inventory", 3}, {"the police", 5}};
}

const char kMoby[] =
    "kill,eliminate,murder\n"
    "stock,inventory,supply\n";
const char kAff[] =
    "SET UTF-8\n"
    "SFX D Y 2\n"
    "SFX D   0     d          e\n"
    "SFX D   0     ed         [^ey]\n";
const char kDic[] = "3\nkill/D\neliminate/D\ninventory\n";

/// Weights for the tiny data: a spot's P(spun) is sigmoid(gain); a document
/// is spun when more than a tenth of its content words are spots.
std::string tiny_calibration() {
  GeneralCalibration c;
  c.local[static_cast<std::size_t>(unspin::detail::GeneralFeature::kGain)] = 1;
  c.doc_bias = -1;
  c.doc[static_cast<std::size_t>(
      unspin::detail::GeneralDocFeature::kSpotShare)] = 10;
  c.final_local = 1;
  c.restore_local = 1;
  return c.to_text();
}

/// Writes the tiny counts, graph and calibration to `dir`.
unspin::GeneralDiscoveryFiles tiny_files(const TempDir& dir) {
  unspin::GeneralDiscoveryFiles f;
  f.counts = dir.write("general.ngc", NgramCounts::build(tiny_counts(), 1000));
  unspin::detail::GraphSources sources{
      dir.write("words.txt", kMoby), dir.write("th.dat", "UTF-8\n"),
      dir.write("en.aff", kAff), dir.write("en.dic", kDic),
      dir.write("irregular.tsv", "# lemma, kind, form\n")};
  auto graph = unspin::detail::build_graph(sources, {}, nullptr);
  REQUIRE(graph.ok());
  f.graph = dir.write("graph.bin", *graph);
  f.calibration =
      unspin::DataSource::from_text("calibration.tsv", tiny_calibration());
  return f;
}

unspin::Detector tiny_detector(const TempDir& dir) {
  unspin::Options o;
  o.general_discovery = tiny_files(dir);
  auto d = unspin::Detector::create(o);
  INFO(d.status().message());
  REQUIRE(d.ok());
  return std::move(d).value();
}

}  // namespace

TEST_CASE("n-gram counts: built, mapped and looked up", "[general]") {
  TempDir dir;
  const std::string path =
      dir.write("c.ngc", NgramCounts::build(tiny_counts(), 1000));
  auto c = NgramCounts::open(path);
  INFO(c.status().message());
  REQUIRE(c.ok());
  CHECK(c->total_words() == 1000);
  CHECK(c->entries() == tiny_counts().size());
  CHECK(c->word("police") == 10);
  CHECK(c->pair("police", "killed") == 5);
  CHECK(c->pair("police", "eliminated") == 0);
  CHECK(c->word("absent") == 0);
  NgramCounts moved = std::move(*c);
  CHECK(moved.pair("stock", "market") == 5);
  // count_many() gives count() of each key, across batch boundaries (16)
  // and for none.
  std::vector<std::uint64_t> keys;
  for (const auto& [key, n] : tiny_counts()) {
    keys.push_back(unspin::detail::fnv1a64(key));
    keys.push_back(unspin::detail::fnv1a64(key + " absent"));
  }
  std::vector<std::uint32_t> got(keys.size(), 7);
  moved.count_many(keys.data(), keys.size(), got.data());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    INFO(i);
    CHECK(got[i] == moved.count(keys[i]));
    CHECK(got[i] == (i % 2 ? 0 : tiny_counts()[i / 2].second));
  }
  moved.count_many(keys.data(), 0, got.data());
  NgramCounts empty;
  empty.count_many(keys.data(), 3, got.data());
  CHECK((got[0] == 0 && got[1] == 0 && got[2] == 0));
}

TEST_CASE("n-gram counts: a damaged or foreign file is refused", "[general]") {
  const std::string good = NgramCounts::build(tiny_counts(), 1000);
  for (std::size_t cut :
       {std::size_t{0}, std::size_t{7}, std::size_t{39}, good.size() - 1}) {
    auto r = NgramCounts::from_bytes(good.substr(0, cut), "c.ngc");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == ErrorCode::kParseError);
    CHECK(r.status().message().rfind("c.ngc: ", 0) == 0);
  }
  for (std::size_t i = 0; i < good.size(); i += 7) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x5a);
    CHECK_FALSE(NgramCounts::from_bytes(bad, "c.ngc").ok());
  }
  auto missing = NgramCounts::open("/nonexistent/unspin/c.ngc");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == ErrorCode::kIoError);
}

TEST_CASE("general calibration: read back, and bad rows named", "[general]") {
  const std::string text = tiny_calibration();
  auto c = GeneralCalibration::parse(text, "cal.tsv");
  INFO(c.status().message());
  REQUIRE(c.ok());
  CHECK(c->to_text() == text);
  CHECK(c->doc_bias == -1);

  auto unknown = GeneralCalibration::parse(text + "bogus\t1\n", "cal.tsv");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message().find("cal.tsv:") == 0);
  CHECK(unknown.status().message().find("unknown weight 'bogus'") !=
        std::string::npos);
  auto nan = GeneralCalibration::parse("local_bias\tx\n", "cal.tsv");
  REQUIRE_FALSE(nan.ok());
  CHECK(nan.status().message() == "cal.tsv:1: 'x' is not a number");
  auto missing = GeneralCalibration::parse("local_bias\t1\n", "cal.tsv");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().find("is missing") != std::string::npos);
}

TEST_CASE("general discovery restores single-word swaps in a spun document",
          "[general]") {
  TempDir dir;
  const unspin::Detector d = tiny_detector(dir);
  auto r = d.scan("The police eliminated the gang. Inventory market rose.");
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == 2);
  const unspin::Finding& a = r->findings[0];
  CHECK(a.text == "eliminated");
  CHECK(a.suggestion == "killed");  // inflected like the text
  CHECK(a.source == "discovered:general");
  CHECK(a.entry_canonical == "kill");
  CHECK(a.explanation.find("as written") != std::string::npos);
  const unspin::Finding& b = r->findings[1];
  CHECK(b.text == "Inventory");
  CHECK(b.suggestion == "Stock");  // capitalization kept
  CHECK(r->verdict.spun);
  auto fixed = d.fix("The police eliminated the gang. Inventory market rose.");
  REQUIRE(fixed.ok());
  CHECK(*fixed == "The police killed the gang. Stock market rose.");
}

TEST_CASE("general discovery stays silent on clean text and below the gate",
          "[general]") {
  TempDir dir;
  const unspin::Detector d = tiny_detector(dir);
  auto clean = d.scan("The police killed the gang. The stock market rose.");
  REQUIRE(clean.ok());
  CHECK(clean->findings.empty());
  CHECK_FALSE(clean->verdict.spun);
  // One swap among many content words: the document is not judged spun,
  // and the swap alone is not reported.
  std::string text = "The police eliminated the gang.";
  for (int i = 0; i < 20; ++i) text += " The stock market rose.";
  auto diluted = d.scan(text);
  REQUIRE(diluted.ok());
  CHECK(diluted->findings.empty());
}

TEST_CASE("a broken general-discovery file fails create() with its name",
          "[general]") {
  TempDir dir;
  unspin::Options o;
  o.general_discovery = tiny_files(dir);
  o.general_discovery->counts = dir.write("bad.ngc", "UNSPINNG truncated");
  auto d = unspin::Detector::create(o);
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().message().find("bad.ngc") != std::string::npos);
  o.general_discovery = tiny_files(dir);
  o.general_discovery->calibration =
      unspin::DataSource::from_text("cal.tsv", "local_bias\t1\n");
  auto e = unspin::Detector::create(o);
  REQUIRE_FALSE(e.ok());
  CHECK(e.status().message().find("cal.tsv") != std::string::npos);
}
