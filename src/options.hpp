// unspin: checks of the public option structs (Options, ScanOptions), named
// by field, run by Detector::create() and Detector::scan().
#ifndef UNSPIN_SRC_OPTIONS_HPP_
#define UNSPIN_SRC_OPTIONS_HPP_

#include "unspin/unspin.hpp"

namespace unspin::detail {

/// OK, or kInvalidArgument naming the first bad Options field: a
/// min_confidence outside [0, 1], only one of hunspell_aff/hunspell_dic, an
/// empty domain tag, a thesaurus without a language model.
[[nodiscard]] Status validate(const Options& options);

/// OK, or kInvalidArgument when min_confidence is set and outside [0, 1].
[[nodiscard]] Status validate(const ScanOptions& options);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_OPTIONS_HPP_
