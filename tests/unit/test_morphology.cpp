// unspin: tests for morphology (paradigms from an annotated Hunspell
// dictionary plus the irregular-forms table).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <hunspell.hxx>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "morphology.hpp"
#include "support.hpp"

namespace {

using unspin::ErrorCode;
using unspin::detail::Inflection;
using unspin::detail::Morphology;
using unspin::detail::Paradigm;

const std::string kData = UNSPIN_TEST_DATA_DIR "/morph/";

bool Exists(const std::string& path) {
  return static_cast<bool>(std::ifstream(path));
}

std::unique_ptr<Morphology> Tiny(
    const std::string& irregular =
        unspin_test::read_file(kData + "tiny_irregular.tsv")) {
  auto m = Morphology::create(kData + "tiny.aff", kData + "tiny.dic", irregular,
                              "tiny_irregular.tsv");
  REQUIRE(m.ok());
  return std::move(m).value();
}

std::vector<std::string> Lemmas(const std::vector<Paradigm>& ps) {
  std::vector<std::string> out;
  for (const Paradigm& p : ps) out.push_back(p.lemma);
  return out;
}

// Surfaces of kind `k`, in order.
std::vector<std::string> Forms(const Paradigm& p, Inflection k) {
  std::vector<std::string> out;
  for (const auto& f : p.forms) {
    if (f.inflection == k) out.push_back(f.surface);
  }
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("kill, killed and kills share one paradigm built from the flags",
          "[morphology]") {
  auto m = Tiny();
  for (const char* w : {"kill", "killed", "kills"}) {
    INFO(w);
    auto ps = m->paradigms(w);
    REQUIRE(Lemmas(ps) == V{"kill"});
    const Paradigm& p = ps[0];
    CHECK(p.forms.front().inflection == Inflection::kBase);
    CHECK(p.forms.front().surface == "kill");
    CHECK(Forms(p, Inflection::kS) == V{"kills"});
    CHECK(Forms(p, Inflection::kPast) == V{"killed"});
    CHECK(Forms(p, Inflection::kPastPart) == V{"killed"});
    CHECK(Forms(p, Inflection::kIng) == V{"killing"});
  }
  auto p = m->paradigms("killed")[0];
  CHECK(Morphology::inflections_of(p, "killed") ==
        std::vector<Inflection>{Inflection::kPast, Inflection::kPastPart});
  CHECK(Morphology::inflections_of(p, "gangs").empty());
  CHECK(Morphology::form(p, Inflection::kIng) == "killing");
  CHECK(Morphology::form(p, Inflection::kEst).empty());
}

TEST_CASE("an inflected form that is also an entry lists its own lemma first",
          "[morphology]") {
  auto m = Tiny();
  // killing/M is a noun entry; killing is also kill + G.
  auto ps = m->paradigms("killing");
  REQUIRE(Lemmas(ps) == V{"killing", "kill"});
  CHECK(ps[0].forms.size() == 1);
  CHECK(Morphology::inflections_of(ps[1], "killing") ==
        std::vector<Inflection>{Inflection::kIng});
}

TEST_CASE("an irregular or separately listed form drops its bare own reading",
          "[morphology]") {
  auto m = Tiny();
  // ran, running/M, men/M and stopped are entries without forms of their
  // own: only the lemma they inflect remains.
  CHECK(Lemmas(m->paradigms("ran")) == V{"run"});
  CHECK(Lemmas(m->paradigms("running")) == V{"run"});
  CHECK(Lemmas(m->paradigms("men")) == V{"man"});
  CHECK(Lemmas(m->paradigms("stopped")) == V{"stop"});
}

TEST_CASE("finds the plural of a noun", "[morphology]") {
  auto m = Tiny();
  auto ps = m->paradigms("gangs");
  REQUIRE(Lemmas(ps) == V{"gang"});
  CHECK(Forms(ps[0], Inflection::kS) == V{"gangs"});
  CHECK(Morphology::inflections_of(ps[0], "gangs") ==
        std::vector<Inflection>{Inflection::kS});
  CHECK(Forms(m->paradigms("woodland")[0], Inflection::kS) == V{"woodlands"});
  CHECK(Forms(m->paradigms("guy")[0], Inflection::kS) == V{"guys"});
}

TEST_CASE("irregular forms override the affix rules kind by kind",
          "[morphology]") {
  auto m = Tiny();
  auto ps = m->paradigms("ran");
  REQUIRE(Lemmas(ps) == V{"run"});
  const Paradigm& run = ps[0];
  CHECK(Forms(run, Inflection::kS) == V{"runs"});
  CHECK(Forms(run, Inflection::kPast) == V{"ran"});
  CHECK(Forms(run, Inflection::kPastPart) == V{"run"});
  CHECK(Forms(run, Inflection::kIng) == V{"running"});  // separate entry
  CHECK(Morphology::inflections_of(run, "run") ==
        std::vector<Inflection>{Inflection::kBase, Inflection::kPastPart});
  // man/S would give "mans"; the table says men.
  CHECK(Forms(m->paradigms("man")[0], Inflection::kS) == V{"men"});
  CHECK(Forms(m->paradigms("worse")[0], Inflection::kEr) == V{"worse"});
}

TEST_CASE("a form of \"-\" in the irregular table removes that kind",
          "[morphology]") {
  auto m = Tiny("guy\ts\t-\n");
  auto p = m->paradigms("guy")[0];
  CHECK(Forms(p, Inflection::kS).empty());
  CHECK(Forms(p, Inflection::kPast) == V{"guyed"});
}

TEST_CASE("finds forms that en_US lists as separate entries", "[morphology]") {
  auto m = Tiny();
  auto stop = m->paradigms("stopped");
  REQUIRE(Lemmas(stop) == V{"stop"});
  CHECK(Forms(stop[0], Inflection::kPast) == V{"stopped"});
  CHECK(Forms(stop[0], Inflection::kIng) == V{"stopping"});
  auto big = m->paradigms("biggest");
  REQUIRE(Lemmas(big) == V{"big"});
  CHECK(Forms(big[0], Inflection::kEr) == V{"bigger"});
  CHECK(Forms(big[0], Inflection::kEst) == V{"biggest"});
}

TEST_CASE("a compound of an irregular verb takes its irregular forms",
          "[morphology]") {
  auto m = Tiny();
  // outrun = out + run; outran is an entry, run past ran is in the table.
  for (const char* w : {"outrun", "outran", "outrunning"}) {
    INFO(w);
    auto ps = m->paradigms(w);
    REQUIRE(Lemmas(ps) == V{"outrun"});
    CHECK(Forms(ps[0], Inflection::kPast) == V{"outran"});
    CHECK(Forms(ps[0], Inflection::kPastPart) == V{"outrun"});
    CHECK(Forms(ps[0], Inflection::kIng) == V{"outrunning"});
  }
}

TEST_CASE("handles prefixes and y-to-i spelling changes", "[morphology]") {
  auto m = Tiny();
  auto ps = m->paradigms("unhappier");
  REQUIRE(Lemmas(ps) == V{"unhappy"});
  CHECK(Forms(ps[0], Inflection::kEr) == V{"unhappier"});
  // T does not combine with prefixes (cross product N).
  CHECK(Forms(ps[0], Inflection::kEst).empty());
  auto happy = m->paradigms("happiest");
  REQUIRE(Lemmas(happy) == V{"happy"});
  CHECK(Forms(happy[0], Inflection::kEr) == V{"happier"});
}

TEST_CASE("a derived word is its own lemma and keeps its plural",
          "[morphology]") {
  auto m = Tiny();
  // elimination is eliminate + N, eliminations eliminate + X.
  for (const char* w : {"elimination", "eliminations"}) {
    INFO(w);
    auto ps = m->paradigms(w);
    REQUIRE(Lemmas(ps) == V{"elimination"});
    CHECK(Forms(ps[0], Inflection::kS) == V{"eliminations"});
  }
  CHECK(Lemmas(m->paradigms("eliminated")) == V{"eliminate"});
}

TEST_CASE("an unknown word is a paradigm of its own with one form",
          "[morphology]") {
  auto m = Tiny();
  for (const char* w : {"0.33", "mb", "zzyzx", ""}) {
    INFO(w);
    auto ps = m->paradigms(w);
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].lemma == w);
    REQUIRE(ps[0].forms.size() == 1);
    CHECK(ps[0].forms[0].inflection == Inflection::kBase);
    CHECK(ps[0].forms[0].surface == w);
  }
}

TEST_CASE("repeated lookups give the same paradigms", "[morphology]") {
  auto m = Tiny();
  auto first = m->paradigms("killed");
  auto again = m->paradigms("killed");
  REQUIRE(first.size() == again.size());
  CHECK(first[0].lemma == again[0].lemma);
  CHECK(first[0].forms.size() == again[0].forms.size());
}

TEST_CASE("without a Hunspell dictionary only the irregular table applies",
          "[morphology]") {
  auto m = Morphology::create(
      "", "", unspin_test::read_file(kData + "tiny_irregular.tsv"),
      "tiny_irregular.tsv");
  REQUIRE(m.ok());
  auto ran = (*m)->paradigms("ran");
  REQUIRE(Lemmas(ran) == V{"run"});
  CHECK(Forms(ran[0], Inflection::kPast) == V{"ran"});
  CHECK(Forms(ran[0], Inflection::kS).empty());
  auto kill = (*m)->paradigms("killed");
  REQUIRE(kill.size() == 1);
  CHECK(kill[0].forms.size() == 1);
}

TEST_CASE("morphologies can be created on several threads at once",
          "[morphology]") {
  const std::string irregular =
      unspin_test::read_file(kData + "tiny_irregular.tsv");
  std::vector<std::string> lemmas(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < lemmas.size(); ++i) {
    threads.emplace_back([&, i] {
      auto m = Morphology::create(kData + "tiny.aff", kData + "tiny.dic",
                                  irregular, "tiny_irregular.tsv");
      if (m.ok()) lemmas[i] = (*m)->paradigms("ran").at(0).lemma;
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(lemmas == V{"run", "run", "run", "run"});
}

TEST_CASE("reports malformed irregular-table lines with name and line",
          "[morphology]") {
  auto kind = Morphology::create(
      "", "", unspin_test::read_file(kData + "bad_kind.tsv"), "bad_kind.tsv");
  REQUIRE_FALSE(kind.ok());
  CHECK(kind.status().code() == ErrorCode::kParseError);
  CHECK(kind.status().message() ==
        "bad_kind.tsv:4: unknown kind 'plural' (expected s, past, pastpart, "
        "ing, er or est)");
  auto fields = Morphology::create(
      "", "", unspin_test::read_file(kData + "bad_fields.tsv"),
      "bad_fields.tsv");
  REQUIRE_FALSE(fields.ok());
  CHECK(fields.status().code() == ErrorCode::kParseError);
  CHECK(fields.status().message() ==
        "bad_fields.tsv:4: expected 3 tab-separated fields (lemma, kind, "
        "form), got 2");
}

TEST_CASE("reports an unreadable dictionary as an I/O error", "[morphology]") {
  auto m =
      Morphology::create(kData + "missing.aff", kData + "tiny.dic", "", "none");
  REQUIRE_FALSE(m.ok());
  CHECK(m.status().code() == ErrorCode::kIoError);
  auto d =
      Morphology::create(kData + "tiny.aff", kData + "missing.dic", "", "none");
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().code() == ErrorCode::kIoError);
  auto half = Morphology::create(kData + "tiny.aff", "", "", "none");
  REQUIRE_FALSE(half.ok());
  CHECK(half.status().code() == ErrorCode::kInvalidArgument);
}

TEST_CASE("the shipped irregular table parses and covers common forms",
          "[morphology]") {
  const std::string path =
      UNSPIN_SOURCE_DIR "/dictionaries/morphology/en_irregular.tsv";
  auto m = Morphology::create("", "", unspin_test::read_file(path),
                              "en_irregular.tsv");
  REQUIRE(m.ok());
  CHECK(Lemmas((*m)->paradigms("went")) == V{"go"});
  CHECK(Lemmas((*m)->paradigms("mice")) == V{"mouse"});
  CHECK(Lemmas((*m)->paradigms("criteria")) == V{"criterion"});
  CHECK(Forms((*m)->paradigms("good")[0], Inflection::kEst) == V{"best"});
}

TEST_CASE("the annotated en_US dictionary generates and keeps spell/stem",
          "[morphology]") {
  const std::string aff = UNSPIN_BUILD_DATA_DIR "/hunspell/en_US.aff";
  const std::string dic = UNSPIN_BUILD_DATA_DIR "/hunspell/en_US.dic";
  if (!Exists(aff) || !Exists(dic)) {
    WARN("annotated en_US not built: " << aff);
    return;
  }
  {
    // The annotation is what makes Hunspell's own generator work.
    Hunspell h(aff.c_str(), dic.c_str());
    CHECK(h.generate("kill", "eliminated") == V{"killed"});
    CHECK(h.generate("eliminate", "walked") == V{"eliminated"});
    CHECK(h.generate("eliminate", "walks") == V{"eliminates"});
    CHECK(h.generate("eliminate", "walking") == V{"eliminating"});
    CHECK(h.generate("gang", "cats") == V{"gangs"});
    const std::string orig_aff = "/usr/share/hunspell/en_US.aff";
    const std::string orig_dic = "/usr/share/hunspell/en_US.dic";
    if (!Exists(orig_aff) || !Exists(orig_dic)) {
      WARN("original en_US not found: " << orig_aff);
    } else {
      Hunspell o(orig_aff.c_str(), orig_dic.c_str());
      for (const char* w :
           {"kill",          "killed",      "killing",      "gangs",
            "ran",           "went",        "mice",         "unhappier",
            "stopped",       "bigger",      "eliminations", "woodlands",
            "consciousness", "profoundest", "21st",         "11th",
            "0.33",          "mb",          "zzyzx",        "killers",
            "rerun",         "guys",        "happiness",    "Paris"}) {
        INFO(w);
        CHECK(h.spell(std::string(w)) == o.spell(std::string(w)));
        CHECK(h.stem(w) == o.stem(w));
      }
    }
  }
  const std::string irr =
      UNSPIN_BUILD_DATA_DIR "/dictionaries/morphology/en_irregular.tsv";
  auto m = Morphology::create(aff, dic, unspin_test::read_file(irr),
                              "en_irregular.tsv");
  REQUIRE(m.ok());
  auto elim = (*m)->paradigms("eliminated");
  REQUIRE(Lemmas(elim) == V{"eliminate"});
  CHECK(Forms(elim[0], Inflection::kPast) == V{"eliminated"});
  CHECK(Forms(elim[0], Inflection::kS) == V{"eliminates"});
  CHECK(Forms(elim[0], Inflection::kIng) == V{"eliminating"});
  auto gang = (*m)->paradigms("gangs");
  REQUIRE(Lemmas(gang) == V{"gang"});
  CHECK(Forms(gang[0], Inflection::kS) == V{"gangs"});
  auto ran = (*m)->paradigms("ran");
  REQUIRE(Lemmas(ran) == V{"run"});
  CHECK(Forms(ran[0], Inflection::kIng) == V{"running"});
  CHECK(Lemmas((*m)->paradigms("went")) == V{"go"});
  CHECK(Lemmas((*m)->paradigms("stopped")) == V{"stop"});
  CHECK(Forms((*m)->paradigms("bad")[0], Inflection::kEr) == V{"worse"});
  CHECK(Forms((*m)->paradigms("guy")[0], Inflection::kS) == V{"guys"});
  CHECK(Forms((*m)->paradigms("woodland")[0], Inflection::kS) ==
        V{"woodlands"});
  CHECK(Forms((*m)->paradigms("profound")[0], Inflection::kEr) ==
        V{"profounder"});
}

namespace {

// Every form of every paradigm, flattened, for comparisons.
std::string Dump(const std::vector<Paradigm>& ps) {
  std::string out;
  for (const Paradigm& p : ps) {
    out += p.lemma + ":";
    for (const auto& f : p.forms)
      out += std::to_string(static_cast<int>(f.inflection)) + "=" + f.surface +
             ",";
    out += ";";
  }
  return out;
}

}  // namespace

TEST_CASE("a paradigm cache answers like Hunspell and defers loading it",
          "[morphology][cache]") {
  const std::string irregular =
      unspin_test::read_file(kData + "tiny_irregular.tsv");
  auto live = Tiny(irregular);
  const V words = {"kill", "killed", "kills", "ran", "gangs"};
  for (const std::string& w : words) live->paradigms(w);
  const std::string cache = live->export_cache();
  CHECK(cache.rfind("# unspin paradigms v1 unspin=", 0) == 0);
  CHECK(cache.find("\n# end ") != std::string::npos);
  CHECK(live->export_cache() == cache);  // deterministic

  auto m = Morphology::create(kData + "tiny.aff", kData + "tiny.dic", irregular,
                              "tiny_irregular.tsv", cache);
  REQUIRE(m.ok());
  CHECK((*m)->hunspell_deferred());
  for (const std::string& w : words) {
    INFO(w);
    CHECK(Dump((*m)->paradigms(w)) == Dump(live->paradigms(w)));
  }
  CHECK((*m)->hunspell_deferred());
  // A word the cache lacks loads Hunspell and is answered the same.
  CHECK(Dump((*m)->paradigms("walking")) == Dump(live->paradigms("walking")));
  CHECK_FALSE((*m)->hunspell_deferred());
  CHECK(Dump((*m)->paradigms("killed")) == Dump(live->paradigms("killed")));
}

TEST_CASE("a paradigm cache of other data, or malformed, is ignored",
          "[morphology][cache]") {
  const std::string irregular =
      unspin_test::read_file(kData + "tiny_irregular.tsv");
  auto live = Tiny(irregular);
  live->paradigms("killed");
  const std::string cache = live->export_cache();
  auto check_ignored = [&](const std::string& c, const std::string& irr) {
    auto m = Morphology::create(kData + "tiny.aff", kData + "tiny.dic", irr,
                                "tiny_irregular.tsv", c);
    REQUIRE(m.ok());
    CHECK_FALSE((*m)->hunspell_deferred());
    CHECK(Dump((*m)->paradigms("killed")) == Dump(live->paradigms("killed")));
  };
  // Another irregular table: the checksum differs.
  check_ignored(cache, irregular + "\n# changed\n");
  // A forged entry on a malformed line.
  check_ignored(cache + "killed\tkill\t9:kilt\n", irregular);
  check_ignored(cache + "killed\n", irregular);
  // Not a cache at all.
  check_ignored("hello\n", irregular);
  // A body changed or cut short under an intact key line: the seal fails.
  std::string forged = cache;
  const std::size_t at = forged.find("\tkill\t");
  REQUIRE(at != std::string::npos);
  forged.replace(at, 6, "\tkilt\t");
  check_ignored(forged, irregular);
  check_ignored(cache.substr(0, cache.rfind("# end ")), irregular);
}

TEST_CASE(
    "the shipped paradigm cache gives the same Detector without "
    "loading Hunspell for the shipped words",
    "[morphology][cache][shipped]") {
  const std::string d = UNSPIN_BUILD_DATA_DIR;
  const std::string paradigms = d + "/hunspell/en_US.paradigms";
  if (!Exists(paradigms)) {
    WARN("paradigm cache not built: " << paradigms);
    return;
  }
  auto options = [&](bool cached) {
    unspin::Options o;
    for (const char* t : {"mt.tsv", "news.tsv", "science.tsv"})
      o.tables.push_back(
          unspin::DataSource::from_file(d + "/dictionaries/en/" + t));
    o.irregular_forms = unspin::DataSource::from_file(
        d + "/dictionaries/morphology/en_irregular.tsv");
    o.hunspell_aff = d + "/hunspell/en_US.aff";
    o.hunspell_dic = d + "/hunspell/en_US.dic";
    if (cached) o.morphology_cache = unspin::DataSource::from_file(paradigms);
    return o;
  };
  // The Detector built with the cache needs no word outside it: Hunspell
  // is never loaded.
  const std::size_t loads = unspin::detail::hunspell_loads();
  auto with = unspin::Detector::create(options(true));
  CHECK(unspin::detail::hunspell_loads() == loads);
  auto without = unspin::Detector::create(options(false));
  REQUIRE(with.ok());
  REQUIRE(without.ok());
  // The shipped cache is what the library makes of the shipped tables.
  std::vector<unspin::detail::Table> tables;
  for (const char* t : {"mt.tsv", "news.tsv", "science.tsv"}) {
    auto table = unspin::detail::parse_table(
        unspin_test::read_file(d + "/dictionaries/en/" + t), t);
    REQUIRE(table.ok());
    tables.push_back(std::move(table).value());
  }
  auto again = unspin::detail::build_paradigm_cache(
      d + "/hunspell/en_US.aff", d + "/hunspell/en_US.dic",
      unspin_test::read_file(d + "/dictionaries/morphology/en_irregular.tsv"),
      "en_irregular.tsv", unspin::detail::combine_tables(std::move(tables)));
  REQUIRE(again.ok());
  CHECK(*again == unspin_test::read_file(paradigms));
  CHECK(with->variant_count() == without->variant_count());
  const std::string text =
      unspin_test::read_file(UNSPIN_SOURCE_DIR "/examples/sample.txt");
  auto a = with->scan(text);
  auto b = without->scan(text);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(a->findings.size() == b->findings.size());
  for (std::size_t i = 0; i < a->findings.size(); ++i) {
    CHECK(a->findings[i].begin == b->findings[i].begin);
    CHECK(a->findings[i].suggestion == b->findings[i].suggestion);
    CHECK(a->findings[i].confidence == b->findings[i].confidence);
  }
}

TEST_CASE("a deferred Hunspell load that fails is reported, not hidden",
          "[morphology][cache]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "unspin-deferred-test";
  fs::create_directories(dir);
  fs::copy_file(kData + "tiny.aff", dir / "tiny.aff",
                fs::copy_options::overwrite_existing);
  fs::copy_file(kData + "tiny.dic", dir / "tiny.dic",
                fs::copy_options::overwrite_existing);
  const std::string aff = (dir / "tiny.aff").string();
  const std::string dic = (dir / "tiny.dic").string();
  const std::string irregular =
      unspin_test::read_file(kData + "tiny_irregular.tsv");
  std::string cache;
  {
    auto live = Morphology::create(aff, dic, irregular, "tiny_irregular.tsv");
    REQUIRE(live.ok());
    (*live)->paradigms("killed");
    cache = (*live)->export_cache();
  }
  auto m = Morphology::create(aff, dic, irregular, "tiny_irregular.tsv", cache);
  REQUIRE(m.ok());
  REQUIRE((*m)->hunspell_deferred());
  fs::remove_all(dir);  // the dictionary goes away before it is needed
  (*m)->paradigms("walking");
  CHECK_FALSE((*m)->deferred_load_status().ok());
  CHECK((*m)->deferred_load_status().code() == unspin::ErrorCode::kIoError);
}

namespace {

// Writes `text` to a fresh file in a temp dir; returns its path.
std::string WriteTemp(const std::string& name, const std::string& text) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "unspin_test_morphology_counts";
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
  return (dir / name).string();
}

}  // namespace

TEST_CASE(
    "a .dic entry count larger than the file is a parse error, not "
    "abort or a gigabyte",
    "[morphology][hostile]") {
  const std::string aff = kData + "tiny.aff";
  for (const std::string count :
       {"2147483647", "99999999", "99999999999999999999999", "4294967297"}) {
    INFO(count);
    const std::string dic = WriteTemp("en_US.dic", count + "\nab\n");
    auto m = Morphology::create(aff, dic, "", "none");
    REQUIRE_FALSE(m.ok());
    CHECK(m.status().code() == ErrorCode::kParseError);
    CHECK(m.status().message().rfind("en_US.dic:1: the entry count ", 0) == 0);
  }
  // Hunspell would load nothing without a count: an error too.
  for (const std::string head : {"", "abc", "-5", "0"}) {
    const std::string dic = WriteTemp("en_US.dic", head + "\nkill/MDRSG\n");
    auto m = Morphology::create(aff, dic, "", "none");
    REQUIRE_FALSE(m.ok());
    CHECK(m.status().message() ==
          "en_US.dic:1: expected the entry count (a positive number)");
  }
  // A count that is only a hint (too small, after a BOM) loads.
  for (const std::string head : {"1",
                                 "\xEF\xBB\xBF"
                                 "2",
                                 "5"}) {
    const std::string dic =
        WriteTemp("en_US.dic", head + "\nkill/MDRSG\ngang/MDGS\n");
    auto m = Morphology::create(aff, dic, "", "none");
    INFO(head);
    REQUIRE(m.ok());
    CHECK(Lemmas(m.value()->paradigms("killed")) == V{"kill"});
  }
}

TEST_CASE(
    "an .aff count larger than the file is refused before Hunspell "
    "reserves memory for it",
    "[morphology][hostile]") {
  const std::string dic = kData + "tiny.dic";
  for (const std::string line :
       {"REP 99999999", "MAP 2147483647", "BREAK 99999999999", "AF 99999999",
        "SFX D Y 99999999", "PHONE 99999999", "COMPOUNDRULE 99999999"}) {
    INFO(line);
    const std::string aff = WriteTemp("en_US.aff", "SET UTF-8\n" + line + "\n");
    auto m = Morphology::create(aff, dic, "", "none");
    REQUIRE_FALSE(m.ok());
    CHECK(m.status().code() == ErrorCode::kParseError);
    CHECK(m.status().message().rfind("en_US.aff:2: ", 0) == 0);
  }
}

TEST_CASE("the paradigms of a 2 MB word take linear time",
          "[morphology][hostile]") {
  // Quadratic work (hashing every ending of the word) took minutes here;
  // ctest's timeout catches a regression, nothing is timed.
  auto m = Tiny();
  for (const char c : {'a', 's'}) {
    const std::string word = std::string(2 << 20, c) + "ran";
    auto ps = m->paradigms(word);
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].lemma == word);
  }
  auto irregular = Morphology::create(
      "", "", "run\tpast\t" + std::string(257, 'r') + "\n", "irr.tsv");
  REQUIRE_FALSE(irregular.ok());
  CHECK(irregular.status().message() ==
        "irr.tsv:1: words longer than 256 bytes are not supported (found one "
        "of 257 bytes)");
}

TEST_CASE(
    "an irregular table may start with a byte order mark; its errors "
    "escape control bytes",
    "[morphology]") {
  auto m = Morphology::create("", "", "\xEF\xBB\xBF# forms\nrun\tpast\tran\n",
                              "irr.tsv");
  INFO(m.status().message());
  REQUIRE(m.ok());
  CHECK(Lemmas(m.value()->paradigms("ran")) == V{"run"});
  auto bad = Morphology::create("", "", "run\tpa\x1bst\tran\n", "irr.tsv");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() ==
        "irr.tsv:1: unknown kind 'pa\\x1Bst' (expected s, past, pastpart, "
        "ing, er or est)");
}
