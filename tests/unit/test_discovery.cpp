// unspin tests: discovery of spun phrases no table holds, on tiny ARPA LMs,
// a tiny thesaurus and tiny tables (tests/data/discovery).
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "discovery.hpp"
#include "table.hpp"

using namespace unspin;
using namespace unspin::detail;

namespace {

const std::string kDir = std::string(UNSPIN_TEST_DATA_DIR) + "/discovery/";

std::vector<Entry> tiny_entries() {
  auto text = read_source(DataSource::from_file(kDir + "tiny_table.tsv"));
  REQUIRE(text.ok());
  auto table = parse_table(*text, "tiny_table.tsv");
  REQUIRE(table.ok());
  return table->entries;
}

std::unique_ptr<const DiscoveryData> tiny_data() {
  auto data = DiscoveryData::load(
      DataSource::from_file(kDir + "tiny.arpa"),
      DataSource::from_file(kDir + "tiny_thesaurus.tsv"), tiny_entries());
  REQUIRE(data.ok());
  return std::move(data).value();
}

std::vector<Discovered> run(const DiscoveryData& d, const std::string& text) {
  std::vector<Discovered> out;
  discover_text(d, text, out);
  return out;
}

}  // namespace

TEST_CASE("learns word substitutions from the table with counts",
          "[discovery]") {
  auto subs = learn_substitutions(tiny_entries());
  REQUIRE(subs.count("profound") == 1);
  CHECK(subs["profound"][0].original == "deep");
  CHECK(subs["profound"][0].count == 1);
  CHECK(subs["woodland"][0].original == "forest");
  CHECK(subs["irregular"][0].original == "random");
  CHECK(subs.count("neural") == 0);  // unchanged words teach nothing
}

TEST_CASE("reads an ARPA language model and backs off", "[discovery]") {
  auto lm = LanguageModel::load(DataSource::from_file(kDir + "tiny.arpa"));
  REQUIRE(lm.ok());
  const auto deep = lm->id("deep"), learning = lm->id("learning");
  CHECK(lm->has_bigram(deep, learning));
  CHECK(lm->logp(LanguageModel::kUnknown, deep, learning) == Approx(-0.3));
  // Unseen bigram: backoff(profound) + P(learning).
  CHECK(lm->logp(LanguageModel::kUnknown, lm->id("profound"), learning) ==
        Approx(-6.0));
  CHECK(lm->logp(lm->id("we"), lm->id("use"), deep) == Approx(-0.2));
}

TEST_CASE(
    "a substitution learned from the table discovers an unseen "
    "combination the LM prefers",
    "[discovery]") {
  auto d = tiny_data();
  auto found = run(*d, "We use profound learning.");
  REQUIRE(found.size() == 1);
  CHECK(found[0].suggestions[0] == "deep learning");
  CHECK(found[0].how.rfind("lm+table", 0) == 0);
  CHECK(found[0].features[Feature::kGain] > 3.5);
  CHECK(found[0].confidence > 0.0);
  CHECK(found[0].confidence < 1.0);
  CHECK(found[0].explanation.find("'profound' -> 'deep'") != std::string::npos);
  CHECK(found[0].first_word == 2);
  CHECK(found[0].last_word == 4);
}

TEST_CASE("restores an established term keeping inflection and case",
          "[discovery]") {
  auto d = tiny_data();
  const std::string text = "Irregular woodlands grow fast.";
  auto found = run(*d, text);
  REQUIRE(found.size() == 1);
  CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) ==
        "Irregular woodlands");
  CHECK(found[0].suggestions[0] == "Random forests");
  CHECK(found[0].features[Feature::kEstablished] == 1);
  CHECK(found[0].original_lemma == "random forest");
  CHECK(found[0].how.rfind("established-term", 0) == 0);
}

TEST_CASE("keeps the words' gap and all-caps in the restored phrase",
          "[discovery]") {
  auto d = tiny_data();
  auto found = run(*d, "IRREGULAR-WOODLAND");
  REQUIRE(found.size() == 1);
  CHECK(found[0].suggestions[0] == "RANDOM-FOREST");
}

TEST_CASE("clean text gives no discovered phrase", "[discovery]") {
  auto d = tiny_data();
  CHECK(run(*d, "We use deep learning and random forests.").empty());
  CHECK(run(*d, "").empty());
  // Punctuation between the words breaks the phrase.
  CHECK(run(*d, "irregular. woodland").empty());
}

TEST_CASE("every bigram of the ARPA file is found, and no other",
          "[discovery]") {
  // The lookups search the n-grams of one first word (an index per word):
  // check every word pair, including the first and last ids.
  auto lm = LanguageModel::load(DataSource::from_file(kDir + "tiny.arpa"));
  REQUIRE(lm.ok());
  const std::vector<std::pair<std::string, std::string>> listed = {
      {"we", "use"},         {"deep", "learning"}, {"random", "forest"},
      {"random", "forests"}, {"use", "deep"},      {"use", "random"}};
  std::size_t found = 0;
  for (std::uint32_t a = 0; a < lm->words(); ++a)
    for (std::uint32_t b = 0; b < lm->words(); ++b)
      found += lm->has_bigram(a, b);
  CHECK(found == listed.size());
  for (const auto& [a, b] : listed) CHECK(lm->has_bigram(lm->id(a), lm->id(b)));
  CHECK_FALSE(lm->has_bigram(LanguageModel::kUnknown, lm->id("use")));
  CHECK_FALSE(lm->has_bigram(lm->id("we"), LanguageModel::kUnknown));
}

namespace {

/// A compact LM (the tools/build_lm.cpp format) of words a, b, c with the
/// given bigram keys (id1 << 17 | id2) and trigram keys.
std::string compact_lm(const std::vector<std::uint64_t>& bigrams,
                       const std::vector<std::uint64_t>& trigrams) {
  std::string out = "UNSPINLM";
  auto put = [&out](const auto& v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  };
  const std::string blob("a\0b\0c\0", 6);
  const std::uint32_t version = 1, nu = 3, nb = bigrams.size(),
                      nt = trigrams.size(), nblob = blob.size();
  std::uint64_t sum = 0;
  for (auto k : bigrams) sum += k;
  for (auto k : trigrams) sum = sum * 31 + k;
  put(version), put(nu), put(nb), put(nt), put(nblob), put(sum);
  out += blob;
  const std::int16_t p = -1000, b = -100;
  for (std::uint32_t i = 0; i < nu; ++i) put(p);
  for (std::uint32_t i = 0; i < nu; ++i) put(b);
  for (auto k : bigrams) put(k);
  for (std::size_t i = 0; i < bigrams.size(); ++i) put(std::int16_t{-300});
  for (std::size_t i = 0; i < bigrams.size(); ++i) put(std::int16_t{-50});
  for (auto k : trigrams) put(k);
  for (std::size_t i = 0; i < trigrams.size(); ++i) put(std::int16_t{-200});
  return out;
}

constexpr std::uint64_t kAB = (0ull << 17) | 1, kBC = (1ull << 17) | 2,
                        kCA = (2ull << 17) | 0,
                        kABC = (0ull << 34) | (1ull << 17) | 2;

}  // namespace

TEST_CASE("reads the compact LM format and looks n-grams up by first word",
          "[discovery]") {
  auto lm = LanguageModel::load(
      DataSource::from_text("lm.lmc", compact_lm({kAB, kBC, kCA}, {kABC})));
  REQUIRE(lm.ok());
  CHECK(lm->has_bigram(0, 1));
  CHECK(lm->has_bigram(2, 0));  // the last word's range
  CHECK_FALSE(lm->has_bigram(1, 0));
  CHECK(lm->logp(0, 1, 2) == Approx(-0.2));          // trigram
  CHECK(lm->logp(2, 0, 1) == Approx(-0.05 + -0.3));  // backoff(c a) + P(b | a)
  CHECK(lm->logp(LanguageModel::kUnknown, 1, 0) == Approx(-0.1 + -1.0));
  // No trigrams at all (an empty array: found by fuzz_lm under UBSan).
  auto bigrams_only = LanguageModel::load(
      DataSource::from_text("lm.lmc", compact_lm({kAB, kBC}, {})));
  REQUIRE(bigrams_only.ok());
  CHECK(bigrams_only->trigrams() == 0);
  CHECK(bigrams_only->logp(0, 1, 2) == Approx(-0.05 + -0.3));
}

TEST_CASE("a compact LM with unsorted or out-of-range n-grams is an error",
          "[discovery]") {
  for (const auto& bad :
       {compact_lm({kBC, kAB}, {}),                // unsorted
        compact_lm({kAB, (7ull << 17) | 1}, {}),   // first id 7 of 3 words
        compact_lm({kAB}, {(5ull << 34) | 1})}) {  // trigram of no word
    auto lm = LanguageModel::load(DataSource::from_text("bad.lmc", bad));
    REQUIRE_FALSE(lm.ok());
    CHECK(lm.status().code() == ErrorCode::kParseError);
    CHECK(lm.status().message().find("unsorted or out of range") !=
          std::string::npos);
  }
}

TEST_CASE("a malformed ARPA line names the file and line", "[discovery]") {
  auto lm = LanguageModel::load(DataSource::from_text(
      "bad.arpa", "\\data\\\n\\1-grams:\n-1.0\ta\n\\2-grams:\n-0.5\ta\tb\n"));
  REQUIRE_FALSE(lm.ok());
  CHECK(lm.status().code() == ErrorCode::kParseError);
  CHECK(lm.status().message().find("bad.arpa:5") != std::string::npos);
}

namespace {

std::unique_ptr<const DiscoveryData> spinner_data(DiscoveryParams o = {}) {
  auto text = read_source(DataSource::from_file(kDir + "spinner_table.tsv"));
  REQUIRE(text.ok());
  auto table = parse_table(*text, "spinner_table.tsv");
  REQUIRE(table.ok());
  o.min_output_confidence = 0;  // the tiny LM calibrates low; keep all
  auto data = DiscoveryData::load(DataSource::from_file(kDir + "spinner.arpa"),
                                  DataSource{}, table->entries, o);
  REQUIRE(data.ok());
  return std::move(data).value();
}

}  // namespace

TEST_CASE("words used on spun sides only are spinner words", "[discovery]") {
  auto d = spinner_data();
  CHECK(d->spinner("counterfeit") > 0);
  CHECK(d->spinner("neural") == 0);         // on both sides
  CHECK(d->spinner("consciousness") == 0);  // taught once only
  DiscoveryParams off;
  off.spinner_min_count = 0;
  CHECK(spinner_data(off)->spinner("counterfeit") == 0);
}

TEST_CASE(
    "a spinner word in an unseen pair is restored even with a small "
    "LM gain",
    "[discovery]") {
  auto d = spinner_data();
  auto found = run(*d, "counterfeit life");
  REQUIRE(found.size() == 1);
  CHECK(found[0].suggestions[0] == "artificial life");
  CHECK(found[0].how == "spinner+table");
  CHECK(found[0].features[Feature::kHedged] == 0);
  // The LM path stays quiet.
  CHECK(found[0].features[Feature::kGain] < d->params().min_gain_lm);
  CHECK(found[0].features[Feature::kSpinner] > 0);
  CHECK(found[0].confidence > 0);
  CHECK(found[0].confidence < 1);
  CHECK(found[0].restore_confidence <= found[0].confidence);

  DiscoveryParams off;
  off.spinner_min_count = 0;
  CHECK(run(*spinner_data(off), "counterfeit life").empty());
}

TEST_CASE(
    "with no attested restoration the spinner path gives a hedged "
    "best guess",
    "[discovery]") {
  auto d = spinner_data();
  auto found = run(*d, "counterfeit banana");
  REQUIRE(found.size() == 1);
  CHECK(found[0].features[Feature::kHedged] == 1);
  CHECK(found[0].suggestions[0] == "artificial banana");
  CHECK(found[0].explanation.find("best guess") != std::string::npos);
}

TEST_CASE("substitutions carry over to the other inflection of a word",
          "[discovery]") {
  auto d = spinner_data();
  const auto* subs = d->substitutions(std::string("blunders"));
  REQUIRE(subs != nullptr);
  CHECK((*subs)[0].original == "errors");
  CHECK(((*subs)[0].origin & kFromTable) != 0);
  CHECK((*subs)[0].lm_id == d->lm().id("errors"));
}

TEST_CASE("out-of-range spinner options are rejected by name", "[discovery]") {
  DiscoveryParams o;
  o.spinner_max_words = 5;
  auto data = DiscoveryData::load(DataSource::from_file(kDir + "spinner.arpa"),
                                  DataSource{}, {}, o);
  REQUIRE_FALSE(data.ok());
  CHECK(data.status().code() == ErrorCode::kInvalidArgument);
  CHECK(data.status().message().find("spinner_max_words") != std::string::npos);
}

TEST_CASE("language-model errors show binary bytes of the file as \\xHH",
          "[discovery][hostile]") {
  const std::string arpa = std::string(
      "\\data\\\nngram 1=1\nngram 2=1\n\n\\1-grams:\n-1.0\tthe\n\n\\2-grams:\n"
      "-1.0\tthe w\x1b[2J\x01\xff\xc3\xa9\x7f\n\\end\\\n");
  auto data = DiscoveryData::load(DataSource::from_text("bad.arpa", arpa),
                                  DataSource{}, {});
  REQUIRE_FALSE(data.ok());
  CHECK(data.status().code() == ErrorCode::kParseError);
  CHECK(data.status().message() ==
        "bad.arpa:9: word 'w\\x1B[2J\\x01\\xFF\xc3\xa9\\x7F' has no unigram");
}

TEST_CASE("a thesaurus may start with a UTF-8 byte order mark", "[discovery]") {
  auto data = DiscoveryData::load(
      DataSource::from_file(kDir + "tiny.arpa"),
      DataSource::from_text("th.tsv",
                            "\xEF\xBB\xBF# comment\nforest\twoodland\n"),
      tiny_entries());
  INFO(data.status().message());
  CHECK(data.ok());
}
