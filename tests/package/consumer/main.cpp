// unspin package test consumer: a user program built against an installed or
// embedded unspin; scans "bad guy gangs" with the shipped data and morphology.
#include <unspin/unspin.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#ifndef CONSUMER_DATA_DIR
#error "CONSUMER_DATA_DIR must name the unspin data directory"
#endif

int main() {
  namespace fs = std::filesystem;
  const std::string data = CONSUMER_DATA_DIR;
  unspin::Options options;
  std::vector<std::string> tables;
  for (const auto& entry : fs::directory_iterator(data + "/dictionaries/en")) {
    if (entry.path().extension() == ".tsv") tables.push_back(entry.path().string());
  }
  std::sort(tables.begin(), tables.end());
  for (const std::string& t : tables) {
    options.tables.push_back(unspin::DataSource::File(t));
  }
  options.irregular_forms.push_back(unspin::DataSource::File(
      data + "/dictionaries/morphology/en_irregular.tsv"));
  options.hunspell_aff = data + "/hunspell/en_US.aff";
  options.hunspell_dic = data + "/hunspell/en_US.dic";

  auto detector = unspin::Detector::create(options);
  if (!detector.ok()) {
    std::cerr << "consumer: " << detector.status().message() << "\n";
    return 1;
  }
  auto result = detector->scan("bad guy gangs");
  if (!result.ok() || result->findings.size() != 1 ||
      result->findings[0].suggestion != "criminal gangs") {
    std::cerr << "consumer: expected one finding \"bad guy gangs\" -> "
                 "\"criminal gangs\"\n";
    return 1;
  }
  std::cout << "consumer: unspin " << unspin::version() << ", "
            << tables.size() << " tables: \"" << result->findings[0].text
            << "\" -> \"" << result->findings[0].suggestion << "\"\n";
  return 0;
}
