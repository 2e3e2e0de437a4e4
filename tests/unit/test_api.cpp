// unspin tests: the public API's shape: optional "at most one" fields,
// per-scan threshold checks, and the snake_case names beside the old ones.
#include <catch2/catch.hpp>
#include <cmath>
#include <optional>
#include <string>
#include <type_traits>

#include "unspin/unspin.hpp"

namespace {

using unspin::DataSource;
using unspin::ErrorCode;
using unspin::Options;
using unspin::ScanOptions;

unspin::Detector fixture_detector() {
  Options o;
  o.tables.push_back(
      DataSource::from_file(UNSPIN_TEST_DATA_DIR "/tables/mini.tsv"));
  o.irregular_forms =
      DataSource::from_file(UNSPIN_TEST_DATA_DIR "/tables/forms.tsv");
  auto d = unspin::Detector::create(o);
  REQUIRE(d.ok());
  return std::move(d).value();
}

}  // namespace

TEST_CASE("fields that take at most one source are optionals", "[api]") {
  static_assert(std::is_same_v<decltype(Options::irregular_forms),
                               std::optional<DataSource>>);
  static_assert(std::is_same_v<decltype(Options::morphology_cache),
                               std::optional<DataSource>>);
  static_assert(std::is_same_v<decltype(Options::language_model),
                               std::optional<DataSource>>);
  static_assert(
      std::is_same_v<decltype(Options::thesaurus), std::optional<DataSource>>);
  static_assert(std::is_same_v<decltype(ScanOptions::min_confidence),
                               std::optional<double>>);
  const Options o;
  CHECK_FALSE(o.irregular_forms);
  CHECK_FALSE(o.morphology_cache);
  CHECK_FALSE(o.language_model);
  CHECK_FALSE(o.thesaurus);
  CHECK_FALSE(ScanOptions().min_confidence);
}

TEST_CASE("a per-scan threshold outside [0, 1] is an invalid argument",
          "[api][detector]") {
  const unspin::Detector d = fixture_detector();
  for (double bad : {-0.5, -1.0, 1.5, std::nan("")}) {
    ScanOptions s;
    s.min_confidence = bad;
    auto r = d.scan("bad guy gang", s);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(r.status().message(),
               Catch::Contains("ScanOptions::min_confidence"));
  }
  ScanOptions edge;
  edge.min_confidence = 0.0;
  auto zero = d.scan("They eliminated it.", edge);
  REQUIRE(zero.ok());
  CHECK(zero->findings.size() == 1);
  edge.min_confidence = 1.0;
  auto one = d.scan("They eliminated it.", edge);
  REQUIRE(one.ok());
  CHECK(one->findings.empty());
  // Unset: the detector's own threshold (0.5) drops the 0.2 entry.
  auto unset = d.scan("They eliminated it.");
  REQUIRE(unset.ok());
  CHECK(unset->findings.empty());
}

TEST_CASE("a thesaurus without a language model is an invalid argument",
          "[api][detector]") {
  Options o;
  o.thesaurus = DataSource::from_text("th.tsv", "big\tlarge\n");
  auto d = unspin::Detector::create(o);
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(d.status().message(), Catch::Contains("Options::thesaurus"));
}

TEST_CASE("the factories name a file by its file name unless told", "[api]") {
  const DataSource a = DataSource::from_file("/x/y/news.tsv");
  CHECK(a.name == "news.tsv");
  CHECK(a.path == "/x/y/news.tsv");
  CHECK_FALSE(a.in_memory);
  CHECK(DataSource::from_file("/x/y/news.tsv", "n").name == "n");

  const DataSource t = DataSource::from_text("mine.tsv", "a\tb\n");
  CHECK(t.in_memory);
  CHECK(t.name == "mine.tsv");
  CHECK(t.text == "a\tb\n");

  CHECK(unspin::Status::ok_status().ok());
  CHECK(unspin::Status::ok_status().code() == ErrorCode::kOk);
}
