// unspin cleanup: the output formats (text, json, jsonl, unified diff).
// Each writer appends to a string; nothing here touches files or streams.
#ifndef UNSPIN_EXAMPLES_CLEANUP_OUTPUT_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_OUTPUT_HPP_

#include <nlohmann/json.hpp>
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
  /// Text format: under each finding, its source line (cut to 72
  /// characters around the span) with the span marked by carets.
  bool show_line = false;
};

/// Text format, one line per finding:
/// `file:line:col: "spun" -> "canonical" (0.93)`, `-> ?` without a
/// suggestion, `-> (delete)` for a deletion. Control characters inside the
/// quoted strings are escaped (\n, \r, \t, \xHH) so each finding stays on
/// one line. With style.show_line, each finding is followed by its line of
/// `text` (which starts at byte `base` of the input the findings' offsets
/// are into) and a line of carets under the span, both indented by 4
/// spaces (unspin::excerpt: a long line is cut around the span, control
/// characters escaped; a span over several lines shows each).
void write_text(std::string& out, const std::string& file,
                const std::vector<unspin::Finding>& findings,
                const OutputStyle& style, std::string_view text = {},
                std::size_t base = 0);

/// JSON Lines: one compact object per finding with exactly the fields
/// file, line, column, begin, end, text, suggestion (null when there is
/// none), confidence (rounded to 4 decimals), source, plus explanation when
/// style.explain.
void write_jsonl(std::string& out, const std::string& file,
                 const std::vector<unspin::Finding>& findings,
                 const OutputStyle& style);

/// JSON: one document's compact object, without a line break:
/// {"file":..,"findings":[..jsonl fields minus file..],"verdict":{..}}.
/// The run's output wraps these objects in one JSON document (JsonRun).
void write_json(std::string& out, const std::string& file,
                const unspin::ScanResult& result, const OutputStyle& style);

/// JSON format written piece by piece for a document scanned block by
/// block: begin, then each finding (already shifted to the whole input),
/// then end with the combined verdict. Together they write exactly what
/// write_json writes for the same findings and verdict.
void write_json_begin(std::string& out, const std::string& file);
void write_json_finding(std::string& out, const unspin::Finding& f,
                        const OutputStyle& style, bool first);
void write_json_end(std::string& out, const unspin::Verdict& verdict);

/// --format=json prints ONE JSON document for the whole run, as Vale and
/// textlint do: {"files":[DOC,DOC,...]} with each document's object (from
/// write_json) on a line of its own, in input order, written as the
/// documents come. Write next_document() before each object and finish()
/// at the end. Not thread-safe: for the thread that writes the output.
class JsonRun {
 public:
  /// What goes before a document's object: the document's head before the
  /// first, a comma and a line break before the others.
  std::string next_document();
  /// The rest of the document plus '\n' (all of it, {"files":[]}, when no
  /// document was written).
  std::string finish() const;

 private:
  bool started_ = false;
};

/// Where a block of a streamed document starts, for write_diff: lines
/// before it, the new-minus-old line count of the hunks written so far,
/// and whether the ---/+++ header is already out. Updated by write_diff.
struct DiffPosition {
  std::size_t line_offset = 0;
  long delta = 0;
  bool header_written = false;
};

/// Unified diff (--- a/FILE, +++ b/FILE, hunks with 3 lines of context)
/// between `text` and the text with every finding applied through
/// Detector::rewrite. Appends nothing when no finding changes the text.
/// With `pos`, `text` is one block (whole lines) of a bigger document:
/// line numbers are shifted by it and the header is written once.
/// Errors: those of Detector::rewrite (kInvalidArgument for bad spans).
unspin::Status write_diff(std::string& out, const std::string& file,
                          std::string_view text,
                          const std::vector<unspin::Finding>& findings,
                          DiffPosition* pos = nullptr);

/// `name` safe to print on one line of a terminal (text output, stderr):
/// control characters become \n, \r, \t or \xHH, DEL and bytes that are
/// not valid UTF-8 become \xHH, as ripgrep prints paths. Anything else is
/// kept, so ordinary names print as they are.
std::string printable_name(std::string_view name);

/// `x` rounded to 4 decimals, so JSON numbers are short and stable.
double round4(double x);

/// `s` in double quotes on one line, with C-style escapes (\", \\, \n, \r,
/// \t, \xHH) for quotes, backslashes and control characters.
std::string quote_text(std::string_view s);

/// The text format's right-hand side of a finding: the quoted suggestion,
/// `?` without one, `(delete)` for a deletion. No colours.
std::string suggestion_text(const unspin::Finding& f);

/// A finding as a JSON object with the jsonl fields except "file" (line,
/// column, begin, end, text, suggestion, confidence, source, plus
/// explanation when style.explain), in that order.
nlohmann::ordered_json finding_json(const unspin::Finding& f,
                                    const OutputStyle& style);

/// A verdict as the JSON object of the json format (spun_score, spun,
/// words, findings, distinct_phrases, findings_per_1000_words).
nlohmann::ordered_json verdict_json(const unspin::Verdict& v);

/// Compact one-line JSON plus '\n'. Invalid UTF-8 inside strings (possible
/// with --invalid-utf8=replace) becomes U+FFFD instead of throwing.
void append_json(std::string& out, const nlohmann::ordered_json& j);

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_OUTPUT_HPP_
