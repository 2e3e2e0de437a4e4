// unspin build tool: precomputes the Hunspell paradigms of every word the
// shipped tables need (share/unspin/hunspell/en_US.paradigms), so that
// Detector::create() need not load Hunspell for them (Options::
// morphology_cache); and lists a dictionary's word forms for
// tools/build_science_dict.py. Runs at build time; not installed.
//
// usage: unspin_build_paradigms DATA_DIR OUT
//   DATA_DIR  the build tree's share/unspin (dictionaries/en/*.tsv,
//             dictionaries/morphology/en_irregular.tsv, hunspell/en_US.*)
//   OUT       written through a temporary file and a rename
// usage: unspin_build_paradigms --forms AFF DIC
//   prints every word form of the dictionary (aff_dic.hpp's
//   expand_word_forms()), lowercase, sorted, one per line
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "aff_dic.hpp"
#include "morphology.hpp"
#include "table.hpp"
#include "unspin/unspin.hpp"

namespace fs = std::filesystem;
namespace detail = unspin::detail;

namespace {

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return !in.bad();
}

int fail(const std::string& message) {
  std::cerr << "unspin_build_paradigms: " << message << "\n";
  return 1;
}

int list_forms(const std::string& aff_path, const std::string& dic_path) {
  std::string aff_text, dic_text;
  if (!read_file(aff_path, &aff_text)) return fail("cannot read " + aff_path);
  if (!read_file(dic_path, &dic_text)) return fail("cannot read " + dic_path);
  unspin::Result<detail::AffixFile> aff =
      detail::parse_aff(aff_text, fs::path(aff_path).filename().string());
  if (!aff.ok()) return fail(aff.status().message());
  std::string out;
  for (const std::string& w : detail::expand_word_forms(*aff, dic_text)) {
    out += w;
    out += '\n';
  }
  std::cout << out;
  std::cout.flush();
  return std::cout ? 0 : fail("cannot write the forms");
}

int build_cache(const std::string& dir, const std::string& out) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir + "/dictionaries/en", ec))
    if (e.path().extension() == ".tsv") paths.push_back(e.path().string());
  if (ec || paths.empty())
    return fail("no tables in " + dir + "/dictionaries/en");
  // In the order Detector::create() is given them by cleanup and the tests.
  std::sort(paths.begin(), paths.end());
  std::vector<detail::Table> tables;
  for (const std::string& p : paths) {
    std::string text;
    if (!read_file(p, &text)) return fail("cannot read " + p);
    unspin::Result<detail::Table> t =
        detail::parse_table(text, fs::path(p).filename().string());
    if (!t.ok()) return fail(t.status().message());
    tables.push_back(std::move(t.value()));
  }
  const std::string irregular_path =
      dir + "/dictionaries/morphology/en_irregular.tsv";
  std::string irregular;
  if (!read_file(irregular_path, &irregular))
    return fail("cannot read " + irregular_path);
  unspin::Result<std::string> cache = detail::build_paradigm_cache(
      dir + "/hunspell/en_US.aff", dir + "/hunspell/en_US.dic", irregular,
      "en_irregular.tsv", detail::combine_tables(std::move(tables)));
  if (!cache.ok()) return fail(cache.status().message());
  const std::string tmp = out + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << *cache;
    if (!f.flush()) return fail("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), out.c_str()) != 0)
    return fail("cannot rename " + tmp);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--forms")
    return list_forms(argv[2], argv[3]);
  if (argc == 3 && argv[1][0] != '-') return build_cache(argv[1], argv[2]);
  std::cerr << "usage: unspin_build_paradigms DATA_DIR OUT\n"
               "       unspin_build_paradigms --forms AFF DIC\n";
  return 2;
}
