// unspin Catch2 example: the editorial filter (see editorial_filter.hpp).
// Uses only the public unspin API.
#include "editorial_filter.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace editorial {

unspin::Result<unspin::Detector> make_detector(const std::string& data_dir) {
  namespace fs = std::filesystem;
  unspin::Options options;
  std::vector<std::string> tables;
  std::error_code ec;
  for (const auto& entry :
       fs::directory_iterator(data_dir + "/dictionaries/en", ec)) {
    if (entry.path().extension() == ".tsv") {
      tables.push_back(entry.path().string());
    }
  }
  if (ec) {
    return unspin::Status(unspin::ErrorCode::kIoError,
                          data_dir + "/dictionaries/en: " + ec.message());
  }
  std::sort(tables.begin(), tables.end());  // a deterministic table order
  for (const std::string& t : tables) {
    options.tables.push_back(unspin::DataSource::File(t));
  }
  options.irregular_forms.push_back(unspin::DataSource::File(
      data_dir + "/dictionaries/morphology/en_irregular.tsv"));
  options.hunspell_aff = data_dir + "/hunspell/en_US.aff";
  options.hunspell_dic = data_dir + "/hunspell/en_US.dic";
  return unspin::Detector::create(options);
}

std::string filter(const unspin::Detector& detector, const std::string& copy) {
  unspin::Result<std::string> fixed = detector.fix(copy);
  if (!fixed.ok()) return copy;
  std::string out;
  out.reserve(fixed->size());
  for (char c : fixed.value()) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  return out;
}

}  // namespace editorial
