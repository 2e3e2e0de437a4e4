// unspin cleanup: locating the runtime data directory (phrase tables,
// morphology); unspin::options_from_data_dir() turns it into Options.
// Shared with the bench programs.
#ifndef UNSPIN_EXAMPLES_CLEANUP_DATA_DIR_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_DATA_DIR_HPP_

#include <string>
#include <vector>

namespace unspin_cli {

/// True when `dir` looks like an unspin data directory, i.e. it contains
/// dictionaries/en.
bool is_data_dir(const std::string& dir);

/// The places searched for the data directory, best first:
/// `flag_value` (--data-dir) when non-empty, $UNSPIN_DATA_DIR when set, the
/// build tree's data dir (UNSPIN_BUILD_DATA_DIR, only when it exists),
/// <dir of the executable>/../share/unspin, and the install dir
/// (UNSPIN_INSTALL_DATA_DIR). Empty entries are left out.
std::vector<std::string> data_dir_candidates(const std::string& flag_value);

/// The first candidate that is_data_dir(), or "" when there is none.
/// `searched`, when given, receives every candidate examined (for messages).
std::string find_data_dir(const std::string& flag_value,
                          std::vector<std::string>* searched = nullptr);

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_DATA_DIR_HPP_
