// unspin tests: options_from_data_dir() on data directories the tests lay
// out in a temporary directory, and on the build tree's shipped data.
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support.hpp"
#include "unspin/unspin.hpp"

namespace {

namespace fs = std::filesystem;
using unspin::DataDirOptions;
using unspin::ErrorCode;

const std::string kData = UNSPIN_TEST_DATA_DIR;

// A fresh directory under the system's temporary directory, removed with
// everything in it when the object goes.
class TempDataDir {
 public:
  TempDataDir() {
    std::string templ =
        (fs::temp_directory_path() / "unspin-data-XXXXXX").string();
    REQUIRE(mkdtemp(templ.data()) != nullptr);
    path_ = templ;
  }
  ~TempDataDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  /// Writes `text` to `relative` (directories made as needed).
  void write(const std::string& relative, const std::string& text) const {
    const fs::path p = fs::path(path_) / relative;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << text;
    REQUIRE(out.good());
  }

 private:
  std::string path_;
};

}  // namespace

TEST_CASE(
    "a data dir with tables only gives its tables, sorted and named "
    "en/NAME.tsv, and no morphology or discovery",
    "[data_dir]") {
  TempDataDir dir;
  dir.write("dictionaries/en/mini.tsv",
            unspin_test::read_file(kData + "/tables/mini.tsv"));
  dir.write("dictionaries/en/extra.tsv", "fake news\tfalse news\t0.9\n");
  dir.write("dictionaries/en/README.md", "not a table\n");
  auto o = unspin::options_from_data_dir(dir.path());
  REQUIRE(o.ok());
  REQUIRE(o->tables.size() == 2);
  CHECK(o->tables[0].name == "en/extra.tsv");
  CHECK(o->tables[1].name == "en/mini.tsv");
  CHECK(o->tables[1].path == dir.path() + "/dictionaries/en/mini.tsv");
  CHECK_FALSE(o->irregular_forms);
  CHECK(o->hunspell_aff.empty());
  CHECK(o->hunspell_dic.empty());
  CHECK_FALSE(o->morphology_cache);
  CHECK_FALSE(o->language_model);
  CHECK_FALSE(o->thesaurus);
  // The other fields keep their defaults.
  CHECK(o->min_confidence == unspin::Options().min_confidence);

  auto d = unspin::Detector::create(*o);
  REQUIRE(d.ok());
  auto r = d->scan("The bad guy gang left.");
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == 1);
  CHECK(r->findings[0].suggestion == "criminal gang");
  CHECK(r->findings[0].source == "table:en/mini.tsv:2");
}

TEST_CASE("a data dir's morphology files are used when present", "[data_dir]") {
  TempDataDir dir;
  dir.write("dictionaries/en/mini.tsv",
            unspin_test::read_file(kData + "/tables/mini.tsv"));
  dir.write("dictionaries/morphology/en_irregular.tsv",
            unspin_test::read_file(kData + "/tables/forms.tsv"));
  dir.write("hunspell/en_US.aff", "");
  SECTION("an .aff without its .dic is not used, nor is the cache") {
    dir.write("hunspell/en_US.paradigms", "");
    auto o = unspin::options_from_data_dir(dir.path());
    REQUIRE(o.ok());
    REQUIRE(o->irregular_forms);
    CHECK(o->irregular_forms->name == "morphology/en_irregular.tsv");
    CHECK(o->hunspell_aff.empty());
    CHECK_FALSE(o->morphology_cache);
  }
  SECTION("both files, and the paradigm cache with them") {
    dir.write("hunspell/en_US.dic", "");
    auto o = unspin::options_from_data_dir(dir.path());
    REQUIRE(o.ok());
    CHECK(o->hunspell_aff == dir.path() + "/hunspell/en_US.aff");
    CHECK(o->hunspell_dic == dir.path() + "/hunspell/en_US.dic");
    CHECK_FALSE(o->morphology_cache);
    dir.write("hunspell/en_US.paradigms", "");
    o = unspin::options_from_data_dir(dir.path());
    REQUIRE(o.ok());
    REQUIRE(o->morphology_cache);
    CHECK(o->morphology_cache->name == "hunspell/en_US.paradigms");
  }
}

TEST_CASE(
    "without tables a data dir gives only its morphology, and needs no "
    "dictionaries/en",
    "[data_dir]") {
  TempDataDir dir;
  dir.write("dictionaries/morphology/en_irregular.tsv",
            unspin_test::read_file(kData + "/tables/forms.tsv"));
  DataDirOptions what;
  what.tables = false;
  auto o = unspin::options_from_data_dir(dir.path(), what);
  REQUIRE(o.ok());
  CHECK(o->tables.empty());
  CHECK(o->irregular_forms);
  // With tables, the missing dictionaries/en is an error naming it.
  auto with = unspin::options_from_data_dir(dir.path());
  REQUIRE_FALSE(with.ok());
  CHECK(with.status().code() == ErrorCode::kIoError);
  CHECK_THAT(with.status().message(),
             Catch::StartsWith(dir.path() + "/dictionaries/en: "));
}

TEST_CASE("a data dir with discovery data turns discovery on", "[data_dir]") {
  TempDataDir dir;
  dir.write("dictionaries/en/tiny.tsv",
            unspin_test::read_file(kData + "/discovery/tiny_table.tsv"));
  dir.write("lm/en-us.lmc",
            unspin_test::read_file(kData + "/discovery/tiny.arpa"));
  DataDirOptions what;
  what.discovery = true;
  SECTION("the model without a thesaurus") {
    auto o = unspin::options_from_data_dir(dir.path(), what);
    REQUIRE(o.ok());
    REQUIRE(o->language_model);
    CHECK(o->language_model->name == "lm/en-us.lmc");
    CHECK(o->language_model->path == dir.path() + "/lm/en-us.lmc");
    CHECK_FALSE(o->thesaurus);
  }
  SECTION("the model and the thesaurus find a phrase no table holds") {
    dir.write("lm/thesaurus.tsv",
              unspin_test::read_file(kData + "/discovery/tiny_thesaurus.tsv"));
    auto o = unspin::options_from_data_dir(dir.path(), what);
    REQUIRE(o.ok());
    REQUIRE(o->thesaurus);
    CHECK(o->thesaurus->name == "lm/thesaurus.tsv");
    auto d = unspin::Detector::create(*o);
    REQUIRE(d.ok());
    auto r = d->scan("We use profound learning.");
    REQUIRE(r.ok());
    REQUIRE(r->findings.size() == 1);
    CHECK(r->findings[0].text == "profound learning");
    CHECK_THAT(r->findings[0].source, Catch::StartsWith("discovered:"));
  }
  SECTION("discovery off leaves the model out") {
    auto o = unspin::options_from_data_dir(dir.path());
    REQUIRE(o.ok());
    CHECK_FALSE(o->language_model);
    CHECK_FALSE(o->thesaurus);
  }
}

TEST_CASE("discovery without the language model is an error naming it",
          "[data_dir]") {
  TempDataDir dir;
  dir.write("dictionaries/en/mini.tsv",
            unspin_test::read_file(kData + "/tables/mini.tsv"));
  dir.write("lm/thesaurus.tsv",
            unspin_test::read_file(kData + "/discovery/tiny_thesaurus.tsv"));
  DataDirOptions what;
  what.discovery = true;
  auto o = unspin::options_from_data_dir(dir.path(), what);
  REQUIRE_FALSE(o.ok());
  CHECK(o.status().code() == ErrorCode::kIoError);
  CHECK(o.status().message() == dir.path() + "/lm/en-us.lmc: missing");
}

TEST_CASE("a missing data dir is an I/O error naming the path", "[data_dir]") {
  TempDataDir dir;
  const std::string missing = dir.path() + "/no-such-dir";
  auto o = unspin::options_from_data_dir(missing);
  REQUIRE_FALSE(o.ok());
  CHECK(o.status().code() == ErrorCode::kIoError);
  CHECK(o.status().message() == missing + ": not a directory");

  // A file is not a data dir either, and "" names itself.
  dir.write("file.txt", "x\n");
  auto f = unspin::options_from_data_dir(dir.path() + "/file.txt");
  REQUIRE_FALSE(f.ok());
  CHECK(f.status().code() == ErrorCode::kIoError);
  CHECK_THAT(f.status().message(), Catch::Contains("file.txt"));
  auto e = unspin::options_from_data_dir("");
  REQUIRE_FALSE(e.ok());
  CHECK(e.status().code() == ErrorCode::kIoError);
}

TEST_CASE(
    "a malformed table in a data dir fails create() with its "
    "file:line",
    "[data_dir]") {
  TempDataDir dir;
  dir.write("dictionaries/en/bad.tsv",
            "# comment\nbad guy gang\tcriminal gang\t0.9\nno tab here\n");
  auto o = unspin::options_from_data_dir(dir.path());
  REQUIRE(o.ok());  // nothing is read before create()
  auto d = unspin::Detector::create(*o);
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().code() == ErrorCode::kParseError);
  CHECK_THAT(d.status().message(), Catch::StartsWith("en/bad.tsv:3: "));
}

TEST_CASE(
    "the build tree's data dir gives the shipped tables and "
    "morphology",
    "[data_dir][shipped]") {
  auto o = unspin::options_from_data_dir(UNSPIN_BUILD_DATA_DIR);
  REQUIRE(o.ok());
  REQUIRE(o->tables.size() == 3);
  CHECK(o->tables[0].name == "en/mt.tsv");
  CHECK(o->tables[1].name == "en/news.tsv");
  CHECK(o->tables[2].name == "en/science.tsv");
  CHECK(o->irregular_forms);
  CHECK_FALSE(o->hunspell_aff.empty());
  auto d = unspin::Detector::create(*o);
  REQUIRE(d.ok());
  auto r = d->scan("bad guy gangs");
  REQUIRE(r.ok());
  REQUIRE(r->findings.size() == 1);
  CHECK(r->findings[0].suggestion == "criminal gangs");
  CHECK_THAT(r->findings[0].source, Catch::StartsWith("table:en/news.tsv:"));
}

TEST_CASE(
    "general discovery is off by default and, when asked, needs its three "
    "files, naming the one missing",
    "[data_dir]") {
  TempDataDir dir;
  dir.write("dictionaries/en/tiny.tsv",
            unspin_test::read_file(kData + "/discovery/tiny_table.tsv"));
  dir.write("lm/general.ngc", "x");
  dir.write("lm/graph.bin", "x");
  auto off = unspin::options_from_data_dir(dir.path());
  REQUIRE(off.ok());
  CHECK_FALSE(off->general_discovery);
  DataDirOptions what;
  what.general_discovery = true;
  auto missing = unspin::options_from_data_dir(dir.path(), what);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == ErrorCode::kIoError);
  CHECK(missing.status().message() ==
        dir.path() + "/dictionaries/general/calibration.tsv: missing");
  dir.write("dictionaries/general/calibration.tsv", "# weights\n");
  auto on = unspin::options_from_data_dir(dir.path(), what);
  REQUIRE(on.ok());
  REQUIRE(on->general_discovery);
  CHECK(on->general_discovery->counts == dir.path() + "/lm/general.ngc");
  CHECK(on->general_discovery->graph == dir.path() + "/lm/graph.bin");
  CHECK(on->general_discovery->calibration.name ==
        "dictionaries/general/calibration.tsv");
}
