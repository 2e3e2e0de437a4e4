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

/// Why a data directory was chosen.
enum class DataDirOrigin {
  kNone,         ///< none found (or an explicit one is wrong: see error)
  kFlag,         ///< --data-dir
  kEnvironment,  ///< $UNSPIN_DATA_DIR
  kBuildTree,    ///< the program runs from its build tree
  kInstalled,    ///< <dir of the program>/../share/unspin: its install prefix
  kPrefix,       ///< the install prefix configured at build time
};

/// The outcome of choose_data_dir().
struct DataDirChoice {
  std::string dir;  ///< "" when none was found or `error` is set
  DataDirOrigin origin = DataDirOrigin::kNone;
  /// Set when an explicit directory (--data-dir, $UNSPIN_DATA_DIR) is not
  /// a data directory, e.g. "UNSPIN_DATA_DIR=/x: no such directory".
  std::string error;
  /// Every place examined, in order (for messages).
  std::vector<std::string> searched;
};

/// Chooses the data directory. An explicit one wins and must be a data
/// directory (otherwise `error` is set and nothing else is tried):
/// `flag_value` (--data-dir) when non-empty, else $UNSPIN_DATA_DIR when set
/// and non-empty. Otherwise, for a program whose install prefix holds the
/// data (<dir of the executable>/<bin-to-data>, ../share/unspin by default),
/// that; else, for a program inside its build tree, the build tree's data
/// dir only; else the install prefix configured at build time.
DataDirChoice choose_data_dir(const std::string& flag_value);

/// One line on where `choice` came from, e.g. "from UNSPIN_DATA_DIR".
std::string describe_origin(const DataDirChoice& choice);

/// choose_data_dir(flag_value).dir: the data directory, or "" when there is
/// none or an explicit one is wrong. `searched`, when given, receives every
/// place examined (for messages).
std::string find_data_dir(const std::string& flag_value,
                          std::vector<std::string>* searched = nullptr);

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_DATA_DIR_HPP_
