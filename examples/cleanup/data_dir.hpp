// unspin cleanup: locating the runtime data directory (phrase tables,
// morphology) and turning it into unspin::Options. Shared with the bench
// programs.
#ifndef UNSPIN_EXAMPLES_CLEANUP_DATA_DIR_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_DATA_DIR_HPP_

#include <string>
#include <unspin/unspin.hpp>
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

/// Fills `options` from data directory `dir`: when `with_tables`, appends
/// every dictionaries/en/*.tsv (sorted by file name, named "en/NAME.tsv")
/// to options.tables; appends dictionaries/morphology/en_irregular.tsv to
/// options.irregular_forms when present; sets hunspell_aff/dic to
/// hunspell/en_US.aff/.dic when both are present, with
/// hunspell/en_US.paradigms as options.morphology_cache when present.
/// Errors: kIoError when dictionaries/en cannot be listed.
unspin::Status add_data_dir(const std::string& dir, bool with_tables,
                            unspin::Options& options);

/// Sets options.language_model and options.thesaurus for discovery from
/// `dir`/lm/en-us.lmc and `dir`/lm/thesaurus.tsv (the thesaurus only when
/// present). Errors: kIoError naming the missing model file.
unspin::Status add_discovery_data(const std::string& dir,
                                  unspin::Options& options);

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_DATA_DIR_HPP_
