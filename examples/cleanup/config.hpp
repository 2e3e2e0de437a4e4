// unspin cleanup: the project configuration file, `.unspin.yml`, found by
// walking up from the working directory (as Vale's .vale.ini and
// textlint's .textlintrc are), read with yaml-cpp. Schema (every key
// optional; unknown keys and wrong types are errors with file:line):
//
//   dictionaries: [terms.tsv]      # --dict (paths relative to this file)
//   builtin: true                  # false: --no-builtin
//   allow: [allow.txt]             # --allow
//   min_confidence: 0.6            # --min-confidence, in [0, 1]
//   domains: [news]                # --domain
//   discover: false                # --discover
//   discover_general: false        # --discover-general
//   include: ["*.md"]              # --include
//   exclude: ["vendor/**"]         # --exclude
//   hidden: false                  # --hidden
//   ignore_files: true             # false: --no-ignore
//   format_in: auto                # --format-in
//   rewrite_attributes: false      # --rewrite-attributes
//   inline_config: true            # false: --no-inline-config
//   overrides:                     # per path, later entries win
//     - files: ["docs/legacy/**"]  # globs, gitignore rules, relative to
//       min_confidence: 0.9        #   this file's directory
//       format_in: markdown
//       rewrite_attributes: true
//       inline_config: false
#ifndef UNSPIN_EXAMPLES_CLEANUP_CONFIG_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_CONFIG_HPP_

#include <optional>
#include <string>
#include <vector>

namespace unspin_cli {

/// Settings that may differ per file.
struct FileSettings {
  std::optional<double> min_confidence;
  std::optional<std::string> format_in;
  std::optional<bool> rewrite_attributes;
  std::optional<bool> inline_config;
};

struct ConfigOverride {
  std::vector<std::string> files;  ///< globs, relative to Config::dir
  FileSettings settings;
};

/// A `.unspin.yml` as read; paths already resolved against its directory.
struct Config {
  std::string path;  ///< the file read
  std::string dir;   ///< its directory (absolute)
  std::vector<std::string> dictionaries;
  std::optional<bool> builtin;
  std::vector<std::string> allow;
  std::vector<std::string> domains;
  std::optional<bool> discover;
  std::optional<bool> discover_general;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::optional<bool> hidden;
  std::optional<bool> ignore_files;
  FileSettings file;
  std::vector<ConfigOverride> overrides;

  /// The settings for `path` (as given or walked, relative to the working
  /// directory or absolute): `file`, then each matching override in turn.
  FileSettings settings_for(const std::string& path) const;
};

/// The names looked for, in this order, in each directory.
const std::vector<std::string>& config_file_names();

/// The nearest config file in the working directory or above it, or "".
std::string find_config();

/// Reads `path`. Returns false with `error` ("FILE:LINE: message") when it
/// cannot be read or says something wrong.
bool load_config(const std::string& path, Config& out, std::string& error);

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_CONFIG_HPP_
