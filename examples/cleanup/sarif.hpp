// unspin cleanup: SARIF 2.1.0 output (--format=sarif), for code-scanning
// dashboards and editors. One log, one run, one rule, one result per finding.
#ifndef UNSPIN_EXAMPLES_CLEANUP_SARIF_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_SARIF_HPP_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unspin/unspin.hpp>
#include <vector>

namespace unspin_cli {

/// Builds a SARIF log. Columns are 1-based Unicode code points
/// (run.columnKind "unicodeCodePoints"); lines break at LF, CR and CRLF; a
/// UTF-8 BOM is not a column. Regions also carry byteOffset/byteLength (the
/// finding's byte span). Not thread-safe, except the static results().
class SarifLog {
 public:
  /// The rule of table findings (index 0).
  static constexpr const char* kRuleId = "spun-phrase";
  /// Rule of the findings made by --discover (index 1).
  static constexpr const char* kDiscoveredRuleId = "discovered-spun-phrase";

  /// SARIF result objects for one document named `name` (a path; turned
  /// into a relative or file:// URI). Findings with a suggestion get a fix
  /// whose replacement is exactly what Detector::rewrite changes for that
  /// finding alone. Safe to call from many threads.
  static nlohmann::ordered_json results(
      const std::string& name, std::string_view text,
      const std::vector<unspin::Finding>& findings);

  /// Appends results (from results()) to the run, in call order.
  void add_results(nlohmann::ordered_json results);

  /// Records a per-file error or warning as a tool execution notification;
  /// `level` is "error" or "warning".
  void add_notification(const std::string& message, const char* level);

  /// The whole log as pretty-printed JSON plus '\n'. `successful` goes to
  /// invocations[0].executionSuccessful.
  std::string finish(bool successful) const;

 private:
  nlohmann::ordered_json results_ = nlohmann::ordered_json::array();
  nlohmann::ordered_json notifications_ = nlohmann::ordered_json::array();
};

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_SARIF_HPP_
