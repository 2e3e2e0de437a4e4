// unspin tests: helpers the unit tests share (reading a fixture file, the
// tiny discovery data of tests/data/discovery).
#ifndef UNSPIN_TESTS_UNIT_SUPPORT_HPP_
#define UNSPIN_TESTS_UNIT_SUPPORT_HPP_

#include <stdlib.h>  // mkdtemp

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "discovery_data.hpp"
#include "table.hpp"
#include "unspin/unspin.hpp"

namespace unspin_test {

/// The bytes of the file at `path` ("" when it cannot be read).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Discovery data from tests/data/discovery: tiny_table.tsv, tiny.arpa and
/// tiny_thesaurus.tsv (REQUIREs that they load).
inline std::unique_ptr<const unspin::detail::DiscoveryData>
tiny_discovery_data() {
  using unspin::DataSource;
  const std::string dir = std::string(UNSPIN_TEST_DATA_DIR) + "/discovery/";
  auto text = unspin::detail::read_source(
      DataSource::from_file(dir + "tiny_table.tsv"));
  REQUIRE(text.ok());
  auto table = unspin::detail::parse_table(*text, "tiny_table.tsv");
  REQUIRE(table.ok());
  auto data = unspin::detail::DiscoveryData::load(
      DataSource::from_file(dir + "tiny.arpa"),
      DataSource::from_file(dir + "tiny_thesaurus.tsv"), table->entries);
  REQUIRE(data.ok());
  return std::move(data).value();
}

// A fresh directory under the system's temporary directory, removed with
// everything in it when the object goes.
class TempDir {
 public:
  TempDir() {
    std::string templ =
        (std::filesystem::temp_directory_path() / "unspin-graph-XXXXXX")
            .string();
    REQUIRE(mkdtemp(templ.data()) != nullptr);
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  /// Writes `text` to `name` in the directory; returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    const std::string p = path_ + "/" + name;
    std::ofstream out(p, std::ios::binary);
    out << text;
    REQUIRE(out.good());
    return p;
  }

 private:
  std::string path_;
};

}  // namespace unspin_test

#endif  // UNSPIN_TESTS_UNIT_SUPPORT_HPP_
