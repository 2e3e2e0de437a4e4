// unspin Catch2 example: a small "editorial filter", the kind of function a
// publishing pipeline runs over incoming copy before it is published.
#ifndef UNSPIN_EXAMPLES_CATCH2_EDITORIAL_FILTER_HPP_
#define UNSPIN_EXAMPLES_CATCH2_EDITORIAL_FILTER_HPP_

#include <string>
#include <unspin/unspin.hpp>

namespace editorial {

/// Builds a detector from an unspin data directory (share/unspin) with
/// unspin::options_from_data_dir: every shipped phrase table, the irregular
/// forms and the annotated Hunspell dictionary. Errors: those of
/// unspin::options_from_data_dir and unspin::Detector::create.
unspin::Result<unspin::Detector> make_detector(const std::string& data_dir);

/// Restores spun phrases with `detector` and squeezes runs of spaces left
/// behind. Text that cannot be scanned (invalid UTF-8) is returned as is.
std::string filter(const unspin::Detector& detector, const std::string& copy);

}  // namespace editorial

#endif  // UNSPIN_EXAMPLES_CATCH2_EDITORIAL_FILTER_HPP_
