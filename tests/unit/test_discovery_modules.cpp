// unspin tests: discovery's modules on their own: the compact LM format, the
// calibration table and features, and discover() given normalized keys.
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "calibration.hpp"
#include "discovery.hpp"
#include "lm_format.hpp"
#include "support.hpp"
#include "table.hpp"
#include "text.hpp"

using namespace unspin;
using namespace unspin::detail;

namespace {

const std::string kDir = std::string(UNSPIN_TEST_DATA_DIR) + "/discovery/";

lm_format::Tables three_words() {
  lm_format::Tables t;
  t.blob.assign("a\0b\0c\0", 6);
  t.unigram_logp = {-1000, -1000, -1000};
  t.unigram_backoff = {-100, -100, -100};
  t.bigram_keys = {lm_format::bigram_key(0, 1), lm_format::bigram_key(1, 2)};
  t.bigram_logp = {-300, -300};
  t.bigram_backoff = {-50, -50};
  t.trigram_keys = {lm_format::trigram_key(0, 1, 2)};
  t.trigram_logp = {-200};
  return t;
}

}  // namespace

TEST_CASE("the compact LM format reads back what it writes",
          "[discovery][lm]") {
  const lm_format::Tables t = three_words();
  const std::string bytes = lm_format::encode(t);
  CHECK(bytes.size() == lm_format::kHeaderSize + 6 + 3 * 4 + 2 * 12 + 1 * 10);
  CHECK(bytes.compare(0, 8, "UNSPINLM") == 0);
  lm_format::Tables back;
  REQUIRE(lm_format::decode(bytes, back) == lm_format::DecodeError::kNone);
  CHECK(back.blob == t.blob);
  CHECK(back.unigram_logp == t.unigram_logp);
  CHECK(back.bigram_keys == t.bigram_keys);
  CHECK(back.bigram_backoff == t.bigram_backoff);
  CHECK(back.trigram_keys == t.trigram_keys);
  CHECK(back.trigram_logp == t.trigram_logp);

  auto lm = LanguageModel::load(DataSource::from_text("lm.lmc", bytes));
  REQUIRE(lm.ok());
  CHECK(lm->logp(0, 1, 2) == Approx(-0.2));
  CHECK(lm->id("c") == 2);
}

TEST_CASE("the compact LM format refuses a truncated file or a bad checksum",
          "[discovery][lm]") {
  const std::string bytes = lm_format::encode(three_words());
  lm_format::Tables out;
  CHECK(lm_format::decode(bytes.substr(0, 20), out) ==
        lm_format::DecodeError::kHeader);
  CHECK(lm_format::decode(bytes.substr(0, bytes.size() - 1), out) ==
        lm_format::DecodeError::kSize);
  std::string bad = bytes;
  bad[28] ^= 1;  // the checksum's first byte
  CHECK(lm_format::decode(bad, out) == lm_format::DecodeError::kChecksum);
  bad = bytes;
  bad[8] = 2;  // version 2
  CHECK(lm_format::decode(bad, out) == lm_format::DecodeError::kVersion);
  auto lm = LanguageModel::load(
      DataSource::from_text("bad.lmc", bytes.substr(0, bytes.size() - 1)));
  REQUIRE_FALSE(lm.ok());
  CHECK(lm.status().message() ==
        "bad.lmc:0: compact LM size does not match its header");
}

TEST_CASE("the shipped calibration table is what Calibration writes",
          "[discovery][calibration]") {
  std::ifstream in(std::string(UNSPIN_SOURCE_DIR) + "/src/calibration.inc");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(Calibration::shipped().table() == text.str());
}

TEST_CASE("calibration weights are set by feature name",
          "[discovery][calibration]") {
  Calibration c = Calibration::shipped();
  CHECK(c.spun.bias == -19.10);
  CHECK(c.restores.weights[Feature::kTaught] == 0.55);
  CHECK(c.set("cal_gain", 1.5));
  CHECK(c.spun.weights[Feature::kGain] == 1.5);
  CHECK(c.set("rcal_bias", -3));
  CHECK(c.restores.bias == -3);
  CHECK_FALSE(c.set("cal_nothing", 1));
  CHECK_FALSE(c.set("gain", 1));

  FeatureVector f;
  f[Feature::kGain] = 2;
  LogisticMap m;
  m.bias = -1;
  m.weights[Feature::kGain] = 0.5;
  CHECK(m.logit(f) == 0);
  CHECK(m(f) == Approx(0.5));
}

TEST_CASE("every feature has a distinct name", "[discovery][calibration]") {
  REQUIRE(kFeatureNames.size() == kFeatureCount);
  CHECK(kFeatureNames[static_cast<std::size_t>(Feature::kGain)] == "gain");
  CHECK(kFeatureNames[static_cast<std::size_t>(Feature::kTaught)] == "taught");
  for (std::size_t a = 0; a < kFeatureCount; ++a)
    for (std::size_t b = a + 1; b < kFeatureCount; ++b)
      CHECK(kFeatureNames[a] != kFeatureNames[b]);
}

TEST_CASE("discover given the normalized keys finds what it finds on its own",
          "[discovery]") {
  const auto data = unspin_test::tiny_discovery_data();
  for (const std::string s :
       {"We use profound learning.", "Irregular woodlands grow fast.",
        "IRREGULAR-WOODLAND", "Ünïcode profound learning"}) {
    std::vector<Token> tokens;
    tokenize(s, tokens);
    std::vector<std::string> keys(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i)
      normalize_word(std::string_view(s).substr(
                         tokens[i].begin, tokens[i].end - tokens[i].begin),
                     keys[i]);
    std::vector<Discovered> plain, keyed;
    discover(*data, s, tokens, plain);
    discover(*data, s, tokens, keys, keyed);
    REQUIRE(plain.size() == keyed.size());
    CHECK_FALSE(plain.empty());
    for (std::size_t i = 0; i < plain.size(); ++i) {
      CHECK(plain[i].begin == keyed[i].begin);
      CHECK(plain[i].suggestions == keyed[i].suggestions);
      CHECK(plain[i].confidence == keyed[i].confidence);
      CHECK(plain[i].explanation == keyed[i].explanation);
    }
  }
}
