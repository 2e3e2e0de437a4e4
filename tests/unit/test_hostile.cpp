// unspin tests: hostile and huge input to the library: invalid UTF-8, NUL
// bytes, binary junk, huge lines and tables, repetition, determinism.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "text.hpp"
#include "unspin/unspin.hpp"

using unspin::DataSource;
using unspin::Detector;
using unspin::ErrorCode;
using unspin::Finding;
using unspin::InvalidUtf8;
using unspin::Options;
using unspin::ScanResult;

namespace {

const std::string kData = UNSPIN_TEST_DATA_DIR;
const std::string kBuildData = UNSPIN_BUILD_DATA_DIR;

/// The five-line fixture table (bad guy gang, counterfeit consciousness, ...).
Options mini(InvalidUtf8 policy = InvalidUtf8::kReplace,
             const std::string& extra_table = {}) {
  Options o;
  o.tables.push_back(DataSource::from_file(kData + "/tables/mini.tsv"));
  if (!extra_table.empty())
    o.tables.push_back(DataSource::from_text("extra.tsv", extra_table));
  o.irregular_forms = DataSource::from_file(kData + "/tables/forms.tsv");
  o.min_confidence = 0;
  o.invalid_utf8 = policy;
  return o;
}

Detector make(const Options& o) {
  auto d = Detector::create(o);
  INFO(d.status().message());
  REQUIRE(d.ok());
  return std::move(d.value());
}

/// Scans and checks the invariants every result must satisfy.
ScanResult scan_ok(const Detector& d, std::string_view text) {
  auto r = d.scan(text);
  INFO(r.status().message());
  REQUIRE(r.ok());
  std::size_t prev_end = 0;
  for (const Finding& f : r->findings) {
    REQUIRE(f.begin <= f.end);
    REQUIRE(f.end <= text.size());
    REQUIRE(f.begin >= prev_end);
    prev_end = f.end;
    REQUIRE(text.substr(f.begin, f.end - f.begin) == f.text);
    REQUIRE(f.confidence >= 0);
    REQUIRE(f.confidence <= 1);
  }
  REQUIRE(r->verdict.findings == r->findings.size());
  return std::move(r.value());
}

/// Every field of every finding and the verdict, as one string, so results
/// can be compared byte for byte.
std::string serialize(const ScanResult& r) {
  std::ostringstream s;
  s.precision(17);
  for (const Finding& f : r.findings) {
    s << f.begin << '|' << f.end << '|' << f.line << '|' << f.column << '|'
      << f.text << '|' << f.suggestion << '|' << f.has_suggestion << '|'
      << f.confidence << '|' << f.source << '|' << f.entry_spun << '|'
      << f.entry_canonical << '|' << f.explanation;
    for (const std::string& a : f.alternatives) s << '|' << a;
    s << '\n';
  }
  const unspin::Verdict& v = r.verdict;
  s << v.spun_score << ' ' << v.spun << ' ' << v.words << ' ' << v.findings
    << ' ' << v.distinct_phrases << ' ' << v.findings_per_1000_words << '\n';
  return s.str();
}

std::size_t count_of(const std::vector<Finding>& fs, const std::string& spun) {
  return static_cast<std::size_t>(
      std::count_if(fs.begin(), fs.end(),
                    [&](const Finding& f) { return f.entry_spun == spun; }));
}

bool valid_utf8(std::string_view s) {
  return unspin::detail::find_invalid_utf8(s) == std::string_view::npos;
}

}  // namespace

TEST_CASE("reports every class of invalid UTF-8 inside a phrase by its offset",
          "[hostile][utf8]") {
  Detector strict = make(mini(InvalidUtf8::kError));
  Detector lenient = make(mini(InvalidUtf8::kReplace));
  const std::vector<std::pair<std::string, std::string>> kBad = {
      {"overlong 2-byte", "\xC0\xAF"},
      {"overlong 3-byte", "\xE0\x80\xAF"},
      {"overlong 4-byte", "\xF0\x80\x80\xAF"},
      {"surrogate high", "\xED\xA0\x80"},
      {"surrogate low", "\xED\xBF\xBF"},
      {"above U+10FFFF", "\xF4\x90\x80\x80"},
      {"truncated 2-byte", "\xC3"},
      {"truncated 3-byte", "\xE2\x82"},
      {"truncated 4-byte", "\xF0\x9F\x98"},
      {"stray continuation", "\x80"},
      {"byte C1", "\xC1"},
      {"byte F5", "\xF5"},
      {"byte FF", "\xFF"},
  };
  for (const auto& [what, bad] : kBad) {
    INFO(what);
    // In the middle of a word, in a gap, and at the very end.
    const std::string prefix = "A counterfeit consciousness; bad gu";
    const std::string text = prefix + bad + "y gang, bad guy" + bad +
                             " gang, counterfeit consciousness" + bad;
    auto r = strict.scan(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == ErrorCode::kInvalidUtf8);
    CHECK_THAT(r.status().message(),
               Catch::Contains("byte " + std::to_string(prefix.size())));

    ScanResult ok = scan_ok(lenient, text);
    // The invalid bytes break the phrases they sit in, never the others.
    CHECK(count_of(ok.findings, "counterfeit consciousness") == 2);
    CHECK(count_of(ok.findings, "bad guy gang") == 0);
    for (const Finding& f : ok.findings) {
      CHECK(f.text.find(bad) == std::string::npos);
    }
    auto fixed = Detector::rewrite(text, ok.findings);
    REQUIRE(fixed.ok());
    // Invalid bytes outside the rewritten spans are kept as they were.
    CHECK(fixed->find(prefix.substr(prefix.size() - 6) + bad) !=
          std::string::npos);
  }
}

TEST_CASE("scans the fixture with one invalid UTF-8 class per line",
          "[hostile][utf8]") {
  std::ifstream in(kData + "/hostile/invalid_utf8_classes.txt",
                   std::ios::binary);
  REQUIRE(in.good());
  const std::string text((std::istreambuf_iterator<char>(in)),
                         std::istreambuf_iterator<char>());
  auto strict = make(mini(InvalidUtf8::kError)).scan(text);
  REQUIRE_FALSE(strict.ok());
  CHECK_THAT(strict.status().message(), Catch::Contains("byte 28"));
  ScanResult r = scan_ok(make(mini(InvalidUtf8::kReplace)), text);
  // Both phrases of each of the 13 lines, on the right line.
  REQUIRE(r.findings.size() == 26);
  for (std::size_t i = 0; i < r.findings.size(); ++i)
    CHECK(r.findings[i].line == i / 2 + 1);
}

TEST_CASE("treats NUL bytes as separators that break a phrase",
          "[hostile][utf8]") {
  Detector d = make(mini(InvalidUtf8::kError));
  using namespace std::string_literals;
  const std::string text = "bad guy\0gang\0\0counterfeit consciousness\0"s;
  ScanResult r = scan_ok(d, text);
  CHECK(count_of(r.findings, "bad guy gang") == 0);
  REQUIRE(count_of(r.findings, "counterfeit consciousness") == 1);
  CHECK(r.findings.back().begin == 14);
  auto fixed = Detector::rewrite(text, r.findings);
  REQUIRE(fixed.ok());
  CHECK(*fixed == "bad guy\0gang\0\0artificial intelligence\0"s);
}

TEST_CASE("scans random binary junk without failing under kReplace",
          "[hostile][binary]") {
  Detector d = make(mini(InvalidUtf8::kReplace));
  Detector strict = make(mini(InvalidUtf8::kError));
  std::mt19937 rng(12345);
  for (int round = 0; round < 8; ++round) {
    std::string junk(256 * 1024, '\0');
    for (char& c : junk) c = static_cast<char>(rng() & 0xFF);
    // Plant phrases between junk so findings are expected.
    for (std::size_t at = 1000; at + 64 < junk.size(); at += 20000)
      junk.replace(at, 30, " counterfeit consciousness    ");
    ScanResult r = scan_ok(d, junk);
    CHECK(count_of(r.findings, "counterfeit consciousness") >= 1);
    auto fixed = Detector::rewrite(junk, r.findings);
    REQUIRE(fixed.ok());
    if (!valid_utf8(junk)) {
      auto e = strict.scan(junk);
      REQUIRE_FALSE(e.ok());
      CHECK(e.status().code() == ErrorCode::kInvalidUtf8);
    }
  }
}

TEST_CASE("scans the binary fixture file like any other bytes",
          "[hostile][binary]") {
  std::ifstream in(kData + "/cli/binary.bin", std::ios::binary);
  REQUIRE(in.good());
  std::string bytes((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  Detector d = make(mini(InvalidUtf8::kReplace));
  scan_ok(d, bytes);
}

TEST_CASE("an empty text has no words, no findings and a clean verdict",
          "[hostile]") {
  for (InvalidUtf8 policy : {InvalidUtf8::kError, InvalidUtf8::kReplace}) {
    Detector d = make(mini(policy));
    ScanResult r = scan_ok(d, "");
    CHECK(r.findings.empty());
    CHECK(r.verdict.words == 0);
    CHECK(r.verdict.findings_per_1000_words == 0);
    CHECK_FALSE(r.verdict.spun);
    auto fixed = d.fix("");
    REQUIRE(fixed.ok());
    CHECK(fixed->empty());
    auto none = Detector::rewrite("", {});
    REQUIRE(none.ok());
    CHECK(none->empty());
  }
}

namespace {

/// One line of `mb` megabytes of prose with a phrase planted every ~1 KB.
/// Returns the number of planted phrases in `planted`.
std::string huge_line(std::size_t mb, std::size_t& planted) {
  const std::string kChunk =
      "Officers said that the bad guy gangs had been seen near the harbour "
      "and that nobody was hurt, while researchers in the lab discussed ";
  const std::string kFiller =
      "the weather, the markets and the long queue at the bakery, which "
      "grew all morning as the sun came out over the quiet square; ";
  std::string text;
  text.reserve(mb * 1000000 + 4096);
  planted = 0;
  while (text.size() < mb * 1000000) {
    text += kChunk;
    ++planted;
    for (int i = 0; i < 6; ++i) text += kFiller;
  }
  return text;
}

void check_huge_line(std::size_t mb) {
  Detector d = make(mini(InvalidUtf8::kError));
  std::size_t planted = 0;
  const std::string text = huge_line(mb, planted);
  REQUIRE(text.find('\n') == std::string::npos);
  auto r = d.scan(text);
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == planted);
  const Finding& last = r->findings.back();
  CHECK(last.line == 1);
  CHECK(last.column == last.begin + 1);  // ASCII: columns are bytes
  CHECK(text.compare(last.begin, last.end - last.begin, last.text) == 0);
  CHECK(last.suggestion == "criminal gangs");
}

}  // namespace

TEST_CASE("scans a 20 MB single line with a phrase every kilobyte",
          "[hostile][huge]") {
  check_huge_line(20);
}

TEST_CASE("scans a 100 MB single line with a phrase every kilobyte",
          "[hostile][huge][.slow]") {
  check_huge_line(100);
}

namespace {

/// Lowercase ASCII words of the build's annotated en_US dictionary.
std::vector<std::string> dictionary_words() {
  std::ifstream in(kBuildData + "/hunspell/en_US.dic");
  std::vector<std::string> words;
  std::string line;
  std::getline(in, line);  // the count
  while (std::getline(in, line)) {
    std::string w = line.substr(0, line.find_first_of("/ \t"));
    if (w.size() < 3) continue;
    if (!std::all_of(w.begin(), w.end(),
                     [](char c) { return c >= 'a' && c <= 'z'; }))
      continue;
    words.push_back(w);
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

/// `n` distinct two-word entries over `words`: (words[i % size], one of a few
/// second words chosen by i / size), canonical = the next word + a fixed one.
std::string big_table(const std::vector<std::string>& words, std::size_t n) {
  std::string t;
  const std::size_t m = words.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& second = words[(i / m) * 101 % m];
    // Canonicals never equal a spun phrase (an established term is never
    // flagged).
    t += words[i % m] + " " + second + "\t" + words[(i + 1) % m] +
         " replacement\t0.9\n";
  }
  return t;
}

}  // namespace

TEST_CASE("builds a Detector from a table with 100,000 entries",
          "[hostile][huge][table]") {
  std::vector<std::string> words = dictionary_words();
  REQUIRE(words.size() > 20000);
  const std::string table = big_table(words, 100000);
  const std::string probe = "We met " + words[500] + " " + words[0] +
                            " today and " + words[words.size() - 1] + " " +
                            words[0] + ".";
  SECTION("without morphology") {
    Options o;
    o.tables.push_back(DataSource::from_text("big.tsv", table));
    o.min_confidence = 0;
    Detector d = make(o);
    CHECK(d.entry_count() == 100000);
    ScanResult r = scan_ok(d, probe);
    CHECK(r.findings.size() == 2);
  }
  SECTION("with the annotated Hunspell dictionary") {
    Options o;
    o.tables.push_back(DataSource::from_text("big.tsv", table));
    o.hunspell_aff = kBuildData + "/hunspell/en_US.aff";
    o.hunspell_dic = kBuildData + "/hunspell/en_US.dic";
    o.min_confidence = 0;
    Detector d = make(o);
    CHECK(d.entry_count() == 100000);
    CHECK(d.variant_count() >= 100000);
    ScanResult r = scan_ok(d, probe);
    CHECK(r.findings.size() == 2);
  }
}

TEST_CASE("pathological repetition: a word repeated a million times",
          "[hostile][repetition]") {
  Detector d = make(mini(InvalidUtf8::kError));
  std::string text;
  for (int i = 0; i < 1000000; ++i) text += "bad ";
  ScanResult r = scan_ok(d, text);
  CHECK(r.findings.empty());
  CHECK(r.verdict.words == 1000000);
  text.clear();
  for (int i = 0; i < 300000; ++i) text += "bad guy ";
  text += "gang";
  r = scan_ok(d, text);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].begin == text.size() - 12);
}

TEST_CASE("pathological repetition: every word is a finding",
          "[hostile][repetition]") {
  Detector d = make(mini(InvalidUtf8::kError, "bad\tpoor\t0.9\n"));
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "bad ";
  ScanResult r = scan_ok(d, text);
  REQUIRE(r.findings.size() == 100000);
  auto fixed = Detector::rewrite(text, r.findings);
  REQUIRE(fixed.ok());
  CHECK(fixed->size() == 100000 * 5);
  CHECK(fixed->substr(0, 10) == "poor poor ");
}

TEST_CASE("pathological repetition: text repeating a long phrase's prefix",
          "[hostile][repetition]") {
  std::string phrase;
  for (int i = 0; i < 50; ++i) phrase += (i ? " w" : "w") + std::to_string(i);
  Detector d = make(mini(InvalidUtf8::kError, phrase + "\tshort\t0.9\n"));
  std::string prefix = phrase.substr(0, phrase.rfind(' '));  // 49 words
  std::string text;
  for (int i = 0; i < 20000; ++i) text += prefix + " ";
  text += phrase;
  ScanResult r = scan_ok(d, text);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].suggestion == "short");

  // The same word 50 times as a phrase, over 100,000 copies of the word.
  std::string same;
  for (int i = 0; i < 50; ++i) same += i ? " zz" : "zz";
  Detector d2 = make(mini(InvalidUtf8::kError, same + "\tz\t0.9\n"));
  std::string zs;
  for (int i = 0; i < 100000; ++i) zs += "zz ";
  r = scan_ok(d2, zs);
  CHECK(r.findings.size() == 2000);  // leftmost, non-overlapping
}

TEST_CASE("an article that is itself a finding is not taken by the next one",
          "[hostile][regression]") {
  // fuzz_table crash bb6ff228 (table "a  \ta\0 "): the a/an fix of the
  // second "a" grew its span over the first "a", already a finding.
  Detector d =
      make(mini(InvalidUtf8::kError, "a\tthe\t0.9\npear\tapple\t0.9\n"));
  ScanResult r = scan_ok(d, "I ate a pear.");
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].text == "a");
  CHECK(r.findings[0].suggestion == "the");
  CHECK(r.findings[1].text == "pear");
  CHECK(r.findings[1].suggestion == "apple");
  auto fixed = Detector::rewrite("I ate a pear.", r.findings);
  REQUIRE(fixed.ok());
  CHECK(*fixed == "I ate the apple.");

  // The article still follows the new word when it is no finding.
  Detector d2 = make(mini(InvalidUtf8::kError, "pear\tapple\t0.9\n"));
  r = scan_ok(d2, "I ate a pear.");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].text == "a pear");
  CHECK(r.findings[0].suggestion == "an apple");

  // The fuzzer's own input, as table and as text.
  const std::string input("a  \ta\0 ", 7);
  auto d3 = Detector::create(mini(InvalidUtf8::kReplace, input));
  if (d3.ok()) scan_ok(*d3, input);
}

TEST_CASE("very long words: a megabyte of one letter", "[hostile][huge]") {
  Detector d = make(mini(InvalidUtf8::kError));
  for (std::size_t mb : {1, 3}) {
    const std::string word(mb << 20, 'a');
    ScanResult r = scan_ok(d, word);
    CHECK(r.findings.empty());
    CHECK(r.verdict.words == 1);
    const std::string text = word + " bad guy gang " + word;
    r = scan_ok(d, text);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].begin == word.size() + 1);
  }
  // Non-ASCII letters take the ICU path.
  std::string accented;
  for (int i = 0; i < 500000; ++i) accented += "\xC3\xA9";  // U+00E9
  ScanResult r = scan_ok(d, accented + " bad guy gang");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].begin == accented.size() + 1);
}

TEST_CASE("deep whitespace runs between and around words", "[hostile][huge]") {
  Detector d = make(mini(InvalidUtf8::kError));
  const std::size_t reference =
      scan_ok(d, "bad guy gang and counterfeit consciousness").findings.size();
  REQUIRE(reference == 2);
  for (std::size_t n : {std::size_t{1} << 10, std::size_t{3} << 20}) {
    INFO(n);
    const std::string ws(n, ' ');
    const std::string text = ws + "bad" + ws + "guy" + std::string(n, '\n') +
                             "gang" + ws + "and counterfeit\t\t" + ws +
                             "consciousness" + ws;
    ScanResult r = scan_ok(d, text);
    CHECK(r.findings.size() == reference);
    CHECK(scan_ok(d, std::string(n, ' ')).findings.empty());
  }
}

TEST_CASE("lines of only hyphens and hyphen runs inside a phrase",
          "[hostile]") {
  Detector d = make(mini(InvalidUtf8::kError));
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "----------\n";
  ScanResult r = scan_ok(d, text);
  CHECK(r.findings.empty());
  CHECK(r.verdict.words == 0);
  // Dashes touching the word before them join words; spaced dashes are
  // punctuation and break a phrase.
  CHECK(scan_ok(d, text + "bad -- guy ---- gang\n" + text).findings.empty());
  r = scan_ok(d, text + "bad-- guy---- gang\n" + text);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].line == 100001);
}

TEST_CASE("every Unicode whitespace character separates the words of a phrase",
          "[hostile][utf8]") {
  Detector d = make(mini(InvalidUtf8::kError));
  // Unicode White_Space (PropList.txt) but U+202F, tested below.
  const std::vector<std::string> kSpaces = {
      "\t",           "\n",           "\v",
      "\f",           "\r",           " ",
      "\xC2\x85",     "\xC2\xA0",     "\xE1\x9A\x80",
      "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82",
      "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85",
      "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88",
      "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\xA8",
      "\xE2\x80\xA9", "\xE2\x81\x9F", "\xE3\x80\x80"};
  for (const std::string& ws : kSpaces) {
    INFO("separator bytes: " << Catch::Detail::stringify(ws));
    const std::string text =
        "x" + ws + "bad" + ws + "guy" + ws + ws + "gang" + ws;
    ScanResult r = scan_ok(d, text);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].begin == 1 + ws.size());
    CHECK(r.findings[0].end == text.size() - ws.size());
    auto fixed = Detector::rewrite(text, r.findings);
    REQUIRE(fixed.ok());
    CHECK(valid_utf8(*fixed));
  }
  // U+202F NARROW NO-BREAK SPACE is White_Space but also ExtendNumLet in
  // UAX #29 word breaking: like ICU, unspin reads "bad<U+202F>guy" as one
  // word, so the phrase does not match (and nothing fails).
  ScanResult r = scan_ok(d, "bad\xE2\x80\xAFguy\xE2\x80\xAFgang");
  CHECK(r.findings.empty());
  CHECK(r.verdict.words == 1);
}

namespace {

/// A varied text for determinism checks: phrases, case, a/an, Unicode,
/// line breaks, different for each `seed`.
std::string varied_text(unsigned seed) {
  static const std::vector<std::string> kPieces = {
      "Bad guy gangs ",
      "eliminated ",
      "a counterfeit consciousness ",
      "An fog computing cluster ",
      "the surface region ",
      "surface area ",
      "Caf\xC3\xA9 na\xC3\xAFve ",
      "BAD GUY GANG ",
      "counterfeit\nconsciousness ",
      "\xE2\x80\x94 ",
      "plain words here ",
      "bad\xC2\xA0guy gang. ",
      "\n\n"};
  std::mt19937 rng(seed);
  std::string t;
  for (int i = 0; i < 4000; ++i) t += kPieces[rng() % kPieces.size()];
  return t;
}

}  // namespace

TEST_CASE("the same input gives byte-identical findings across runs",
          "[hostile][determinism]") {
  const std::string text = varied_text(7);
  std::string first;
  for (int run = 0; run < 3; ++run) {
    // A fresh Detector each run: nothing may depend on build order or
    // addresses (hash seeds, pointer order).
    Detector d = make(mini(InvalidUtf8::kError));
    std::string s = serialize(scan_ok(d, text));
    if (run == 0) first = s;
    CHECK(s == first);
  }
  CHECK(first.size() > 1000);
}

TEST_CASE("8 threads scanning different texts agree with one thread",
          "[hostile][threads][determinism]") {
  Detector d = make(mini(InvalidUtf8::kReplace));
  constexpr int kThreads = 8;
  std::vector<std::string> texts;
  std::vector<std::string> expected;
  for (int t = 0; t < kThreads; ++t) {
    texts.push_back(varied_text(100 + t) + (t % 2 ? "\xFF tail" : ""));
    expected.push_back(serialize(scan_ok(d, texts.back())));
  }
  std::vector<int> same(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 6; ++k) {
        // Each thread walks all texts, starting at its own.
        int which = (t + k) % kThreads;
        auto r = d.scan(texts[which]);
        if (r.ok() && serialize(*r) == expected[which]) ++same[t];
      }
    });
  for (auto& th : threads) th.join();
  CHECK(same == std::vector<int>(kThreads, 6));
}

TEST_CASE("Detectors with Hunspell created on several threads at once agree",
          "[hostile][threads]") {
  Options o = mini(InvalidUtf8::kError);
  o.hunspell_aff = kData + "/morph/tiny.aff";
  o.hunspell_dic = kData + "/morph/tiny.dic";
  const std::string text = varied_text(3);
  const std::string expected = serialize(scan_ok(make(o), text));
  constexpr int kThreads = 4;
  std::vector<std::string> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto d = Detector::create(o);
      if (!d.ok()) return;
      auto r = d->scan(text);
      if (r.ok()) got[t] = serialize(*r);
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) CHECK(got[t] == expected);
}

TEST_CASE("copies of a Detector scan concurrently with the original",
          "[hostile][threads]") {
  Detector d = make(mini(InvalidUtf8::kError));
  const std::string text = varied_text(11);
  const std::string expected = serialize(scan_ok(d, text));
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      Detector copy = d;  // shares the compiled tables
      auto r = (t % 2 ? copy : d).scan(text);
      if (r.ok()) got[t] = serialize(*r);
    });
  for (auto& th : threads) th.join();
  for (const std::string& g : got) CHECK(g == expected);
}

TEST_CASE(
    "a 10 MB word in a table, an allowlist or allow_phrases is refused "
    "at once",
    "[hostile][huge]") {
  Options base = mini(InvalidUtf8::kError);
  base.hunspell_aff = kBuildData + "/hunspell/en_US.aff";
  base.hunspell_dic = kBuildData + "/hunspell/en_US.dic";
  const std::string word(10 << 20, 'x');
  {
    Options o = base;
    o.tables.push_back(
        DataSource::from_text("long.tsv", "a b\tc\n" + word + "\td\n"));
    auto d = Detector::create(o);
    REQUIRE_FALSE(d.ok());
    CHECK(d.status().code() == ErrorCode::kParseError);
    CHECK(d.status().message() ==
          "long.tsv:2: words longer than 256 bytes are not supported (found "
          "one of 10485760 bytes)");
  }
  {
    Options o = base;
    o.allowlists.push_back(DataSource::from_text("allow.txt", word + "\n"));
    auto d = Detector::create(o);
    REQUIRE_FALSE(d.ok());
    CHECK(d.status().code() == ErrorCode::kParseError);
    CHECK(d.status().message().rfind("allow.txt:1: words longer than 256", 0) ==
          0);
  }
  {
    Options o = base;
    o.allow_phrases.push_back("a " + word);
    auto d = Detector::create(o);
    REQUIRE_FALSE(d.ok());
    CHECK(d.status().code() == ErrorCode::kInvalidArgument);
  }
}

TEST_CASE(
    "format characters around a phrase stay out of its span and its "
    "rewrite",
    "[hostile][rewrite]") {
  Detector d = make(mini(InvalidUtf8::kError,
                         "human privileges\thuman rights\t0.95\n"
                         "needless to say\t<delete>\t0.95\n"));
  // Bidi embeddings, overrides and isolates, their terminators, marks,
  // ZWJ/ZWNJ, word joiner, soft hyphen and BOM (general category Cf).
  const std::string cf[] = {"\u202E", "\u202C", "\u202A", "\u202B",
                            "\u202D", "\u2066", "\u2067", "\u2068",
                            "\u2069", "\u200E", "\u200F", "\u200C",
                            "\u200D", "\u2060", "\u00AD", "\uFEFF"};
  for (const std::string& open : cf) {
    for (const std::string& close :
         {std::string("\u202C"), std::string("\u2069"),
          std::string("\u200F\u200E"), open}) {
      const std::string text = "x " + open + "human privileges" + close + " y";
      INFO(text);
      ScanResult r = scan_ok(d, text);
      REQUIRE(r.findings.size() == 1);
      CHECK(r.findings[0].text == "human privileges");
      CHECK(r.findings[0].begin == 2 + open.size());
      CHECK(r.findings[0].column == 4);
      auto fixed = d.fix(text);
      REQUIRE(fixed.ok());
      CHECK(*fixed == "x " + open + "human rights" + close + " y");
    }
  }
  // The case from the report: the closing PDF was eaten.
  auto fixed = d.fix("\u202Ehuman privileges\u202C");
  REQUIRE(fixed.ok());
  CHECK(*fixed == "\u202Ehuman rights\u202C");
  // A deleted phrase keeps them too.
  fixed = d.fix("It was \u2067needless to say\u2069 done.");
  REQUIRE(fixed.ok());
  CHECK(*fixed == "It was \u2067\u2069 done.");
}

TEST_CASE("fix is idempotent when a canonical side contains its spun side",
          "[hostile][rewrite]") {
  Options o;
  o.tables.push_back(
      DataSource::from_text("grow.tsv",
                            "guy gangs\tbad guy gangs\n"
                            "outfit\tcriminal outfit|outfit of thugs\n"
                            "spillover\treverse technology spillover\n"));
  o.irregular_forms = DataSource::from_file(kData + "/tables/forms.tsv");
  o.min_confidence = 0;
  Detector d = make(o);
  for (const std::string text :
       {"The guy gangs left.", "Guy gangs and guy gangs.", "An outfit came.",
        "a spillover", "bad guy gangs", "criminal outfit"}) {
    INFO(text);
    auto once = d.fix(text);
    REQUIRE(once.ok());
    auto twice = d.fix(*once);
    REQUIRE(twice.ok());
    CHECK(*twice == *once);
  }
  auto once = d.fix("The guy gangs left.");
  REQUIRE(once.ok());
  CHECK(*once == "The bad guy gangs left.");
  CHECK(scan_ok(d, "bad guy gangs").findings.empty());
  CHECK(scan_ok(d, "a criminal outfit").findings.empty());
}
