// unspin cleanup: the output formats (text, json, jsonl, unified diff).
// Each writer appends to a string; nothing here touches files or streams.
#ifndef UNSPIN_EXAMPLES_CLEANUP_OUTPUT_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_OUTPUT_HPP_

#include <string>
#include <string_view>
#include <unspin/unspin.hpp>
#include <vector>

namespace unspin_cli {

/// How findings are rendered.
struct OutputStyle {
  /// ANSI colours in the text format.
  bool color = false;
  /// Include Finding::explanation (text: indented lines; json: a field).
  bool explain = false;
};

/// Text format, one line per finding:
/// `file:line:col: "spun" -> "canonical" (0.93)`, `-> ?` without a
/// suggestion, `-> (delete)` for a deletion. Control characters inside the
/// quoted strings are escaped (\n, \r, \t, \xHH) so each finding stays on
/// one line.
void write_text(std::string& out, const std::string& file,
                const std::vector<unspin::Finding>& findings,
                const OutputStyle& style);

/// JSON Lines: one compact object per finding with exactly the fields
/// file, line, column, begin, end, text, suggestion (null when there is
/// none), confidence (rounded to 4 decimals), source, plus explanation when
/// style.explain.
void write_jsonl(std::string& out, const std::string& file,
                 const std::vector<unspin::Finding>& findings,
                 const OutputStyle& style);

/// JSON: one compact object per document:
/// {"file":..,"findings":[..jsonl fields minus file..],"verdict":{..}}.
void write_json(std::string& out, const std::string& file,
                const unspin::ScanResult& result, const OutputStyle& style);

/// Unified diff (--- a/FILE, +++ b/FILE, hunks with 3 lines of context)
/// between `text` and the text with every finding applied through
/// Detector::rewrite. Appends nothing when no finding changes the text.
/// Errors: those of Detector::rewrite (kInvalidArgument for bad spans).
unspin::Status write_diff(std::string& out, const std::string& file,
                          std::string_view text,
                          const std::vector<unspin::Finding>& findings);

/// `x` rounded to 4 decimals, so JSON numbers are short and stable.
double round4(double x);

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_OUTPUT_HPP_
