// unspin build tool: precomputes the Hunspell paradigms of every word the
// shipped tables need (share/unspin/hunspell/en_US.paradigms), so that
// Detector::create() need not load Hunspell for them (Options::
// morphology_cache). Runs at build time; not installed.
//
// usage: unspin_build_paradigms DATA_DIR OUT
//   DATA_DIR  the build tree's share/unspin (dictionaries/en/*.tsv,
//             dictionaries/morphology/en_irregular.tsv, hunspell/en_US.*)
//   OUT       written through a temporary file and a rename
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "morphology.hpp"
#include "unspin/unspin.hpp"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: unspin_build_paradigms DATA_DIR OUT\n";
    return 2;
  }
  const std::string dir = argv[1];
  const std::string out = argv[2];
  unspin::Options options;
  std::vector<std::string> tables;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir + "/dictionaries/en", ec))
    if (e.path().extension() == ".tsv") tables.push_back(e.path().string());
  if (ec || tables.empty()) {
    std::cerr << "unspin_build_paradigms: no tables in " << dir
              << "/dictionaries/en\n";
    return 1;
  }
  std::sort(tables.begin(), tables.end());
  for (const std::string& t : tables)
    options.tables.push_back(unspin::DataSource::File(t));
  options.irregular_forms = unspin::DataSource::File(
      dir + "/dictionaries/morphology/en_irregular.tsv");
  options.hunspell_aff = dir + "/hunspell/en_US.aff";
  options.hunspell_dic = dir + "/hunspell/en_US.dic";

  std::string cache;
  unspin::detail::paradigm_export_sink() = &cache;
  auto detector = unspin::Detector::create(options);
  unspin::detail::paradigm_export_sink() = nullptr;
  if (!detector.ok()) {
    std::cerr << "unspin_build_paradigms: " << detector.status().message()
              << "\n";
    return 1;
  }
  const std::string tmp = out + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << cache;
    if (!f.flush()) {
      std::cerr << "unspin_build_paradigms: cannot write " << tmp << "\n";
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), out.c_str()) != 0) {
    std::cerr << "unspin_build_paradigms: cannot rename " << tmp << "\n";
    return 1;
  }
  return 0;
}
