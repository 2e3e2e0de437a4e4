// unspin: tests for the one .aff/.dic reader (src/aff_dic.hpp) and the
// build-time paradigm-cache functions of morphology.hpp, on tiny fixtures.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "aff_dic.hpp"
#include "morphology.hpp"
#include "support.hpp"
#include "table.hpp"

namespace {

using unspin::ErrorCode;
namespace detail = unspin::detail;
using V = std::vector<std::string>;

const std::string kData = UNSPIN_TEST_DATA_DIR "/morph/";

detail::AffixFile Aff(const std::string& text) {
  auto aff = detail::parse_aff(text, "t.aff");
  REQUIRE(aff.ok());
  return std::move(aff).value();
}

unsigned char B(char c) { return static_cast<unsigned char>(c); }

}  // namespace

TEST_CASE("an .aff file gives its affix rules by flag, headers and all",
          "[aff_dic]") {
  const detail::AffixFile aff =
      Aff(unspin_test::read_file(kData + "forms.aff"));
  CHECK(aff.prefix_flags == "UA");
  CHECK(aff.suffix_flags == "SDG");
  CHECK(aff.prefix_cross[B('U')]);
  CHECK_FALSE(aff.prefix_cross[B('A')]);
  CHECK(aff.suffix_cross[B('S')]);
  CHECK_FALSE(aff.suffix_cross[B('G')]);
  REQUIRE(aff.suffixes[B('S')].size() == 3);
  const detail::AffixRule& ies = aff.suffixes[B('S')][0];
  CHECK(ies.strip == "y");
  CHECK(ies.add == "ies");
  REQUIRE(ies.cond.size() == 2);
  CHECK(ies.cond[0].negate);
  CHECK(ies.cond[0].set == "aeiou");
  CHECK(ies.cond[1].set == "y");
  CHECK(aff.suffixes[B('D')][0].strip.empty());  // "0" is empty
  CHECK_FALSE(aff.annotated);
  CHECK(aff.simple);
  // The annotated fixture says so.
  CHECK(Aff(unspin_test::read_file(kData + "tiny.aff")).annotated);
}

TEST_CASE(
    "suffix and prefix rules apply only where their condition and "
    "strip allow",
    "[aff_dic]") {
  const detail::AffixFile aff =
      Aff(unspin_test::read_file(kData + "forms.aff"));
  const auto& s = aff.suffixes[B('S')];
  std::string out;
  CHECK(detail::apply_suffix(s[0], "cry", &out));
  CHECK(out == "cries");
  CHECK_FALSE(detail::apply_suffix(s[0], "day", &out));  // vowel before y
  CHECK_FALSE(detail::apply_suffix(s[0], "y", &out));    // shorter than cond
  CHECK(detail::apply_suffix(s[2], "kiss", &out));
  CHECK(out == "kisses");
  CHECK_FALSE(detail::apply_suffix(s[1], "kiss", &out));
  // A root no longer than the strip is left alone, as Hunspell does.
  detail::AffixRule whole{"ab", "x", {}};
  CHECK_FALSE(detail::apply_suffix(whole, "ab", &out));
  CHECK(detail::apply_suffix(whole, "cab", &out));
  CHECK(out == "cx");
  const detail::AffixRule& re = aff.prefixes[B('A')][0];
  CHECK(detail::prefix_applies(re, "bake"));
  CHECK_FALSE(detail::prefix_applies(re, "edit"));
}

TEST_CASE(
    "an .aff file that uses what the reader does not model is not "
    "simple",
    "[aff_dic]") {
  CHECK_FALSE(Aff("COMPOUNDFLAG X\n").simple);
  CHECK_FALSE(Aff("FLAG long\n").simple);
  CHECK_FALSE(Aff("SFX A Y 1\nSFX A 0 s/B .\n").simple);  // continuation
  CHECK(Aff("COMPOUNDRULE 1\nCOMPOUNDRULE ABC\n").compound_flags == "1ABC");
  CHECK(Aff("NEEDAFFIX z\nKEEPCASE k\n").special_flags == "zk");
  CHECK(Aff("TRY abc\n").simple);
}

TEST_CASE("a count larger than the .aff file is refused with file and line",
          "[aff_dic]") {
  auto aff = detail::parse_aff(unspin_test::read_file(kData + "bad_count.aff"),
                               "bad_count.aff");
  REQUIRE_FALSE(aff.ok());
  CHECK(aff.status().code() == ErrorCode::kParseError);
  CHECK(aff.status().message().rfind("bad_count.aff:2: REP announces 99999999",
                                     0) == 0);
  auto header = detail::parse_aff("SFX A Y 500\nSFX A 0 s .\n", "h.aff");
  REQUIRE_FALSE(header.ok());
  CHECK(header.status().message().rfind("h.aff:1: SFX announces 500", 0) == 0);
}

TEST_CASE("the .dic entry count must be positive and fit in the file",
          "[aff_dic]") {
  auto ok = detail::parse_dic_count(
      "\xEF\xBB\xBF"
      "2\nkill\nrun\n",
      "a.dic");
  REQUIRE(ok.ok());
  CHECK(*ok == 2);
  auto big = detail::parse_dic_count(
      unspin_test::read_file(kData + "bad_count.dic"), "bad_count.dic");
  REQUIRE_FALSE(big.ok());
  CHECK(big.status().code() == ErrorCode::kParseError);
  CHECK(big.status().message().rfind(
            "bad_count.dic:1: the entry count 99999999", 0) == 0);
  for (const char* text : {"", "kill\n", "0\nkill\n", "-3\nkill\n"}) {
    INFO(text);
    auto bad = detail::parse_dic_count(text, "b.dic");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message() ==
          "b.dic:1: expected the entry count (a positive number)");
  }
}

TEST_CASE(".dic lines split into word and flags; the count line is skipped",
          "[aff_dic]") {
  auto e = detail::split_dic_line("kill/MDS po:verb");
  CHECK(e.word == "kill");
  CHECK(e.flags == "MDS");
  e = detail::split_dic_line("ran\r");
  CHECK(e.word == "ran");
  CHECK(e.flags.empty());
  e = detail::split_dic_line("gang/MS\r");
  CHECK(e.flags == "MS");
  V lines;
  detail::for_each_dic_line("2\nkill/S\n\nran",
                            [&](std::string_view l) { lines.emplace_back(l); });
  CHECK(lines == V{"kill/S", "", "ran"});
}

TEST_CASE(
    "a dictionary's word forms are its words with their flags' "
    "affixes and cross products, lowercase",
    "[aff_dic]") {
  const detail::AffixFile aff =
      Aff(unspin_test::read_file(kData + "forms.aff"));
  std::vector<std::string> expected;
  std::istringstream in(unspin_test::read_file(kData + "forms.expected.txt"));
  for (std::string w; std::getline(in, w);) expected.push_back(w);
  REQUIRE(expected.size() == 26);
  CHECK(detail::expand_word_forms(
            aff, unspin_test::read_file(kData + "forms.dic")) == expected);
}

TEST_CASE(
    "paradigm words are the first and last words of every phrase an "
    "entry holds",
    "[morphology][cache]") {
  auto t = detail::parse_table(
      "Bad Guy Gang\tcriminal gang|Street Gangs\n"
      "eliminate\tkill\t0.2\tnews\trequires=Police Officer;excludes=war;"
      "near=3:armed men\n"
      "(2g) network\t2G Network\n",
      "t.tsv");
  REQUIRE(t.ok());
  // Spun and context words with digits or punctuation are never inflected;
  // canonical words are all looked up.
  CHECK(detail::paradigm_words(t->entries) ==
        V{"2g", "armed", "bad", "criminal", "eliminate", "gang", "gangs",
          "kill", "men", "network", "officer", "police", "street", "war"});
}

TEST_CASE("a built paradigm cache answers its words without loading Hunspell",
          "[morphology][cache]") {
  auto t = detail::parse_table("bad guy gang\tcriminal gang\neliminate\tkill\n",
                               "t.tsv");
  REQUIRE(t.ok());
  const std::string irregular =
      unspin_test::read_file(kData + "tiny_irregular.tsv");
  auto cache =
      detail::build_paradigm_cache(kData + "tiny.aff", kData + "tiny.dic",
                                   irregular, "tiny_irregular.tsv", t->entries);
  REQUIRE(cache.ok());
  CHECK(cache->rfind("# unspin paradigms v1 unspin=", 0) == 0);
  CHECK(cache->find("\neliminate\teliminate\t") != std::string::npos);
  auto live = detail::Morphology::create(kData + "tiny.aff", kData + "tiny.dic",
                                         irregular, "tiny_irregular.tsv");
  auto m = detail::Morphology::create(kData + "tiny.aff", kData + "tiny.dic",
                                      irregular, "tiny_irregular.tsv", *cache);
  REQUIRE(live.ok());
  REQUIRE(m.ok());
  const std::size_t loads = detail::hunspell_loads();
  for (const std::string& w : detail::paradigm_words(t->entries)) {
    INFO(w);
    auto a = (*m)->paradigms(w);
    auto b = (*live)->paradigms(w);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].lemma == b[i].lemma);
      CHECK(a[i].forms.size() == b[i].forms.size());
    }
  }
  CHECK((*m)->hunspell_deferred());
  CHECK(detail::hunspell_loads() == loads);
  // Missing files are create()'s errors.
  auto missing =
      detail::build_paradigm_cache(kData + "none.aff", kData + "none.dic",
                                   irregular, "tiny_irregular.tsv", t->entries);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == ErrorCode::kIoError);
}
