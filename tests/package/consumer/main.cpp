// unspin package test consumer: a user program built against an installed or
// embedded unspin; scans "bad guy gangs" with the shipped data and morphology
// (unspin::options_from_data_dir).
#include <iostream>
#include <unspin/unspin.hpp>

#ifndef CONSUMER_DATA_DIR
#error "CONSUMER_DATA_DIR must name the unspin data directory"
#endif

int main() {
  auto options = unspin::options_from_data_dir(CONSUMER_DATA_DIR);
  if (!options.ok()) {
    std::cerr << "consumer: " << options.status().message() << "\n";
    return 1;
  }
  auto detector = unspin::Detector::create(*options);
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
            << options->tables.size() << " tables: \""
            << result->findings[0].text << "\" -> \""
            << result->findings[0].suggestion << "\"\n";
  return 0;
}
