// unspin cleanup: --stream mode, JSON Lines in, the same records plus an
// "unspin" field out; a mapper for Hadoop Streaming and Spark's rdd.pipe.
#ifndef UNSPIN_EXAMPLES_CLEANUP_STREAM_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_STREAM_HPP_

#include <string>
#include <unspin/unspin.hpp>
#include <vector>

#include "batch.hpp"
#include "output.hpp"

namespace unspin_cli {

/// Settings of a --stream run.
struct StreamOptions {
  /// The string fields holding the text (--text-field, repeatable), default
  /// {"text"}: each a top-level member name, or a JSON Pointer (RFC 6901,
  /// "/article/body") when it starts with '/'. Each is scanned as a document
  /// of its own.
  std::vector<std::string> text_fields{"text"};
  /// The field that names a record in error messages (--id-field, a name or
  /// a JSON Pointer), default "id"; used when the record has it as a string,
  /// number or boolean. "" = none.
  std::string id_field = "id";
  /// The text field's format (--format-in) and attribute rewriting.
  unspin::ScanOptions scan;
  /// Findings rendering (explain adds "explanation" to each finding).
  OutputStyle style;
  /// --invalid-utf8=replace: invalid bytes in a line become U+FFFD before
  /// it is parsed (escapes such as a lone "\udc00" are still errors).
  bool replace_invalid_utf8 = false;
  /// Worker threads (already resolved, >= 1).
  unsigned jobs = 1;
};

/// What a --stream run did.
struct StreamOutcome {
  Totals totals;              ///< records scanned, words, findings, errors
  bool any_findings = false;  ///< some record had a finding
  bool input_error = false;   ///< an input file could not be read
};

/// What one record gave: its output line and, for a bad record, the error.
struct RecordOutput {
  std::string out;    ///< the output line, with its '\n'
  std::string error;  ///< "" or the message (also in the line's "unspin")
  std::string id;     ///< the record's id in JSON spelling, or ""
  std::size_t words = 0;
  std::size_t findings = 0;
  bool spun = false;
};

/// Records nested deeper than this (arrays and objects) are error records:
/// the JSON parser recurses once per level.
constexpr std::size_t kMaxRecordDepth = 512;

/// "" when `options` are usable, else the message for a usage error: an
/// empty or repeated --text-field, a field starting with '/' that is not a
/// JSON Pointer (RFC 6901: "~" must be followed by 0 or 1).
std::string check_stream_options(const StreamOptions& options);

/// Handles one record (a line without its '\n') as run_stream does: the
/// output line always holds one JSON object with an "unspin" field, either
/// the results or {"error": ...}. Never throws on any bytes (std::bad_alloc
/// aside). Safe to call from many threads.
RecordOutput process_record(const unspin::Detector& detector, std::size_t line,
                            const std::string& raw,
                            const StreamOptions& options);

/// Reads JSON Lines from each of `inputs` ("-" = stdin) and writes one line
/// per record to stdout, in input order: the record with its fields and
/// their order kept and an "unspin" field added (replaced if present):
/// {"findings": [...], "verdict": {...}, "rewrite": "..."} for one text
/// field, {"fields": {FIELD: {"findings", "verdict", "rewrite"}, ...}} (in
/// the order given) for several. A bad record (invalid JSON or UTF-8, not an
/// object, a text field missing or not a string) gives {"unspin": {"error":
/// ...}} instead - on the record, or on {"line": N, "raw": "..."} when it is
/// not a JSON object - plus "cleanup: NAME:N: ..." on stderr ("cleanup:
/// NAME:N: id ID: ..." when the record has an id), and the stream goes on.
/// Blank lines are skipped; a final line without '\n' is a record. Output is
/// flushed before each blocking read, so one record in gives one record out at
/// once. Records are scanned by `options.jobs` threads in batches of what is
/// already read.
StreamOutcome run_stream(const unspin::Detector& detector,
                         const std::vector<std::string>& inputs,
                         const StreamOptions& options);

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_STREAM_HPP_
