// unspin Catch2 example: the editorial filter (see editorial_filter.hpp).
// Uses only the public unspin API.
#include "editorial_filter.hpp"

namespace editorial {

unspin::Result<unspin::Detector> make_detector(const std::string& data_dir) {
  unspin::Result<unspin::Options> options =
      unspin::options_from_data_dir(data_dir);
  if (!options.ok()) return options.status();
  return unspin::Detector::create(*options);
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
