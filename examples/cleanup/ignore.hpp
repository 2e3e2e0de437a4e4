// unspin cleanup: gitignore-style globs and ignore files (.gitignore,
// .ignore, .unspinignore) for directory walking, as git and ripgrep read
// them.
#ifndef UNSPIN_EXAMPLES_CLEANUP_IGNORE_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_IGNORE_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace unspin_cli {

/// Matches `path` ('/'-separated, relative) against a gitignore-style glob:
/// '*' and '?' do not match '/', '[...]' is a class, a whole segment '**'
/// matches any number of segments ("**/x", "a/**/b", "a/**").
bool glob_match(std::string_view pattern, std::string_view path,
                bool casefold = false);

/// A glob as gitignore reads it: one without a '/' (but a trailing one)
/// matches the base name at any depth; one with a '/' matches the path
/// from the walked directory (a leading '/' only anchors). A trailing '/'
/// matches directories only.
bool path_glob_match(std::string_view pattern, std::string_view rel,
                     bool is_dir, bool casefold = false);

/// The ignore files' names, read in this order in each directory (a later
/// one overrides an earlier one, as in ripgrep).
const std::vector<std::string>& ignore_file_names();

/// The rules of the ignore files met while walking: those of a directory
/// apply below it, a deeper file and a later line win, '!' re-includes.
class IgnoreRules {
 public:
  /// Reads `file` (if it is a readable regular file), whose directory is
  /// `base` relative to the top of the walk ("" for the top).
  void add_file(const std::string& file, const std::string& base);
  /// Number of rules, to drop those of a directory left (truncate()).
  std::size_t size() const { return rules_.size(); }
  void truncate(std::size_t n) { rules_.resize(n); }
  /// Whether `rel` (relative to the top) is ignored.
  bool ignored(const std::string& rel, bool is_dir) const;

 private:
  struct Rule {
    std::string pattern;  // without '!' and the trailing '/'
    std::string base;     // directory of the file, relative to the top
    bool negate = false;
    bool dir_only = false;
  };
  std::vector<Rule> rules_;
};

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_IGNORE_HPP_
