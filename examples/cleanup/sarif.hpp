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

/// Where a block of a document scanned block by block starts: results()
/// then reports lines, columns and byte offsets in the whole document.
struct SarifShift {
  std::size_t base = 0;        ///< bytes before the block
  std::size_t lines = 0;       ///< line breaks before the block
  std::size_t col_offset = 0;  ///< code points between the last break and it
};

/// Builds a SARIF log. Columns are 1-based Unicode code points
/// (run.columnKind "unicodeCodePoints"); a result's level follows the
/// finding's confidence (level_for()); lines break at LF, CR and CRLF; a
/// UTF-8 BOM is not a column. Regions also carry byteOffset/byteLength (the
/// finding's byte span). Not thread-safe, except the static results().
class SarifLog {
 public:
  /// The rule of table findings (index 0).
  static constexpr const char* kRuleId = "spun-phrase";
  /// Rule of the findings made by --discover (index 1).
  static constexpr const char* kDiscoveredRuleId = "discovered-spun-phrase";

  /// Confidence from which a result is an "error" (a near-certain spun
  /// phrase, such as a table entry with its context).
  static constexpr double kErrorConfidence = 0.9;
  /// Confidence from which a result is a "warning"; below it, a "note".
  static constexpr double kWarningConfidence = 0.7;

  /// The SARIF level of a finding with this confidence: "error" from
  /// kErrorConfidence, "warning" from kWarningConfidence, else "note".
  static const char* level_for(double confidence);

  /// SARIF result objects for one document named `name` (a path; turned
  /// into a relative or file:// URI). Findings with a suggestion get a fix
  /// whose replacement is exactly what Detector::rewrite changes for that
  /// finding alone. Safe to call from many threads.
  /// With `shift`, `text` is a block of a bigger document (a BOM is only
  /// skipped at the document's start). Linear in the text plus findings.
  static nlohmann::ordered_json results(
      const std::string& name, std::string_view text,
      const std::vector<unspin::Finding>& findings,
      const SarifShift* shift = nullptr);

  /// The log text for results (from results()), in call order: the log's
  /// head before the first result, then the results, so a long run is
  /// written as it goes instead of being held in memory. Write the strings
  /// returned, in order, then finish().
  std::string write_results(const nlohmann::ordered_json& results);

  /// Records a per-file error or warning as a tool execution notification;
  /// `level` is "error" or "warning".
  void add_notification(const std::string& message, const char* level);

  /// The rest of the log (all of it when no result was written) as
  /// pretty-printed JSON plus '\n'. `successful` goes to
  /// invocations[0].executionSuccessful; the invocation comes after the
  /// results, as its notifications are only known at the end.
  std::string finish(bool successful) const;

 private:
  /// The log with a marker string as the only result, pretty-printed.
  std::string skeleton(bool successful) const;

  bool started_ = false;  ///< the head and a result were returned
  nlohmann::ordered_json notifications_ = nlohmann::ordered_json::array();
};

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_SARIF_HPP_
