// unspin: find "spun" text (synonym-swapped phrases) and restore the original.
// Public API. Includes only standard headers; no ICU, Hunspell or Boost types.
#ifndef UNSPIN_UNSPIN_HPP_
#define UNSPIN_UNSPIN_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace unspin {

/// Short error codes returned by every fallible call.
enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,  ///< an Options field or argument is out of range
  kIoError,          ///< a file could not be opened or read
  kParseError,       ///< a data file line is malformed (message has file:line)
  kInvalidUtf8,      ///< input text is not valid UTF-8 (message has the byte
                     ///< offset)
  kInternal,         ///< a dependency failed unexpectedly
};

/// Outcome of a fallible call: a code plus a human-readable message.
class Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message)
      : code_(code), message_(std::move(message)) {}
  /// The OK status.
  [[nodiscard]] static Status ok_status() { return Status(); }
  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  /// Message without a trailing newline, e.g. "news.tsv:17: expected 2-5
  /// fields".
  const std::string& message() const { return message_; }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

/// Either a value or a non-OK Status (errors as values; nothing throws).
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: must not be OK
  bool ok() const { return std::holds_alternative<T>(v_); }
  /// The error; Status::ok_status() when ok().
  [[nodiscard]] Status status() const {
    return ok() ? Status::ok_status() : std::get<Status>(v_);
  }
  /// The value. Precondition: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

/// A data file given by path or by in-memory text.
struct DataSource {
  /// Name used in messages and in Finding::source ("news.tsv"). For files,
  /// defaults to the file name.
  std::string name;
  /// Path to read when `in_memory` is false.
  std::string path;
  /// The text itself when `in_memory` is true.
  std::string text;
  bool in_memory = false;

  /// The file at `path`, called `name` in messages (default: its file name).
  [[nodiscard]] static DataSource from_file(std::string path,
                                            std::string name = {});
  /// In-memory `text`, called `name` in messages ("mine.tsv:3: ...").
  [[nodiscard]] static DataSource from_text(std::string name, std::string text);
};

/// What to do with invalid UTF-8 in scanned text.
enum class InvalidUtf8 {
  kError,    ///< scan() returns ErrorCode::kInvalidUtf8 naming the byte offset
  kReplace,  ///< invalid sequences are treated as U+FFFD (never part of a
             ///< word); offsets still refer to the caller's original bytes
};

/// The files of general-English discovery (Options::general_discovery), as
/// made at build time in a data dir.
struct GeneralDiscoveryFiles {
  /// Word and word-pair counts (<data dir>/lm/general.ngc), mapped.
  std::string counts;
  /// Substitution graph (<data dir>/lm/graph.bin), mapped.
  std::string graph;
  /// Weights ("NAME<TAB>VALUE" rows; <data dir>/dictionaries/general/
  /// calibration.tsv).
  DataSource calibration;
};

/// Options for Detector::create(). Plain data with defaults.
struct Options {
  /// Phrase tables (TSV, see dictionaries/README.md), applied in order: a
  /// later table adds entries and can switch off earlier ones ("!spun").
  std::vector<DataSource> tables;
  /// Allowlists: one phrase per line, '#' comments. A finding that overlaps
  /// an occurrence of an allowlisted phrase is dropped.
  std::vector<DataSource> allowlists;
  /// Extra allowlisted phrases given directly.
  std::vector<std::string> allow_phrases;
  /// Hunspell dictionary with morphological fields (the annotated en_US copy
  /// made at build time). Both empty: no morphology, only the exact table
  /// forms (plus the irregular-forms file below) match.
  std::string hunspell_aff;
  std::string hunspell_dic;
  /// Irregular inflections (TSV: lemma, kind, form); optional.
  std::optional<DataSource> irregular_forms;
  /// Paradigms precomputed at build time for the words of the shipped
  /// tables (<data dir>/hunspell/en_US.paradigms); optional.
  /// create() then loads Hunspell only if a table needs a word the cache
  /// lacks, which makes it about 3x faster with the shipped tables. A cache
  /// made by another unspin version or from other Hunspell or
  /// irregular-forms files, or damaged, is ignored (checksums, a seal);
  /// results are the same with or without it.
  std::optional<DataSource> morphology_cache;
  /// Findings with confidence below this are not reported. Range [0, 1],
  /// default 0.5.
  double min_confidence = 0.5;
  /// Only entries carrying one of these tags (and untagged entries) are
  /// used; empty = all entries. Each tag must be carried by some entry of
  /// the tables (create() returns kInvalidArgument for an unknown one).
  std::vector<std::string> domains;
  /// Policy for invalid UTF-8 in scanned text. Default kError.
  InvalidUtf8 invalid_utf8 = InvalidUtf8::kError;
  /// Discovery of spun phrases that no table holds (docs/discovery.md):
  /// word substitutions learned from the loaded tables (and the thesaurus
  /// below) proposed for each 2-4 word phrase and checked with an English
  /// trigram language model. Off while this is unset; the model is
  /// the compact model made at build time (<data dir>/lm/en-us.lmc, from
  /// Debian's pocketsphinx-en-us) or an ARPA text model. Costs ~0.3 s and
  /// ~70 MB at create() and makes scans several times slower. Its findings
  /// have source "discovered:<how>" and never overlap a table finding.
  std::optional<DataSource> language_model;
  /// Thesaurus for discovery ("word<TAB>neighbour neighbour ..." lines;
  /// <data dir>/lm/thesaurus.tsv, from mythes-en-us); optional, only with
  /// language_model (create() returns kInvalidArgument otherwise).
  std::optional<DataSource> thesaurus;
  /// General-English discovery (docs/discovery.md): single-word synonym
  /// swaps of an article spinner ("eliminated" for "killed"), found with a
  /// substitution graph (Moby Thesaurus II and MyThes) and word-pair counts
  /// of 48 million words of ordinary English, and reported only in a
  /// document whose swaps make it look spun as a whole. Off while unset
  /// (options_from_data_dir() sets it with DataDirOptions::
  /// general_discovery). Slow: about 0.5 MB/s (docs/discovery.md).
  /// Its findings have source "discovered:general".
  std::optional<GeneralDiscoveryFiles> general_discovery;
};

/// What options_from_data_dir() takes from a data directory.
struct DataDirOptions {
  /// Every dictionaries/en/*.tsv as a phrase table. Default on; off for a
  /// caller that brings its own tables but wants the shipped morphology.
  bool tables = true;
  /// The discovery data: lm/en-us.lmc (required) and lm/thesaurus.tsv (when
  /// present). Default off.
  bool discovery = false;
  /// General-English discovery: lm/general.ngc, lm/graph.bin and
  /// dictionaries/general/calibration.tsv (all three required). Default
  /// off.
  bool general_discovery = false;
};

/// Options for the shipped data in `dir` (an installed share/unspin, or a
/// build tree's data dir), the other fields at their defaults:
/// - tables: every dictionaries/en/*.tsv when `what.tables`, sorted by file
///   name (later tables may switch earlier entries off), named
///   "en/NAME.tsv" in messages and in Finding::source;
/// - irregular_forms: dictionaries/morphology/en_irregular.tsv, if present;
/// - hunspell_aff/hunspell_dic: hunspell/en_US.aff and .dic, if both are
///   present, with hunspell/en_US.paradigms as morphology_cache if present;
/// - language_model and thesaurus: lm/en-us.lmc and lm/thesaurus.tsv (the
///   thesaurus if present) when `what.discovery`;
/// - general_discovery: lm/general.ngc, lm/graph.bin and
///   dictionaries/general/calibration.tsv when `what.general_discovery`.
/// Reads no file (create() does); only lists the directory. Add your own
/// tables, allowlists and settings to the result before create().
/// Errors: kIoError naming the path when `dir` is not a directory, when
/// dictionaries/en cannot be listed (with `what.tables`), or when
/// lm/en-us.lmc is missing (with `what.discovery`), or when a file of
/// general discovery is missing (with `what.general_discovery`).
[[nodiscard]] Result<Options> options_from_data_dir(
    const std::string& dir, const DataDirOptions& what = {});

/// One flagged span.
struct Finding {
  /// Byte offsets into the caller's original text: the span [begin, end).
  std::size_t begin = 0;
  std::size_t end = 0;
  /// 1-based line and column (column counted in code points) of `begin`.
  std::size_t line = 0;
  std::size_t column = 0;
  /// The original bytes of the span.
  std::string text;
  /// Replacement for bytes [begin, end), with inflection, case and a/an
  /// fixed. Empty with has_suggestion true means "delete the span".
  std::string suggestion;
  /// False when the original wording is not known: the table entry's
  /// canonical side is "?", or a discovered span's best guess restores the
  /// original less likely than not (the guesses are then `alternatives`).
  bool has_suggestion = true;
  /// Further suggestions, best first (not including `suggestion`); without
  /// a suggestion, a discovered span's guesses, best first.
  std::vector<std::string> alternatives;
  /// Probability that the span is a spun substitution and the suggestion
  /// restores the original, in [0, 1]; without a suggestion, the
  /// probability that the span is spun. It does not depend on the scan's
  /// threshold.
  double confidence = 0;
  /// Where the finding comes from: "table:<dictionary>:<line>" or
  /// "discovered:<how>".
  std::string source;
  /// The table entry's spun and canonical phrases (lemma forms); for a
  /// discovered span, its normalized words and the restored original (the
  /// best guess, also when it is not offered as the suggestion).
  std::string entry_spun;
  std::string entry_canonical;
  /// Human-readable evidence behind `confidence` (for --explain).
  std::string explanation;
  /// False when rewrite() and fix() leave the span alone although it has a
  /// suggestion: in a Markdown or HTML document, the span crosses inline
  /// markup that the rewrite could not keep, or lies in text users read but
  /// that is not content (image alt text, alt and title attributes) and
  /// ScanOptions::rewrite_attributes is off. `explanation` says which.
  bool rewritable = true;
};

/// Per-document verdict.
struct Verdict {
  /// Probability-like score in [0, 1] that the document is spun.
  double spun_score = 0;
  /// True when spun_score >= 0.5.
  bool spun = false;
  /// Words in the document.
  std::size_t words = 0;
  /// Findings reported (at or above min_confidence).
  std::size_t findings = 0;
  /// Distinct table entries (and distinct discovered originals) among the
  /// reported findings.
  std::size_t distinct_phrases = 0;
  /// findings * 1000 / words (0 for an empty document).
  double findings_per_1000_words = 0;
};

/// Result of Detector::scan().
struct ScanResult {
  /// Ordered by begin, then by descending confidence; non-overlapping.
  std::vector<Finding> findings;
  Verdict verdict;
};

/// What a document is written in. For Markdown and HTML only the prose is
/// scanned (code, URLs, link targets, attributes other than alt and title,
/// scripts, styles and front matter are skipped); findings point at the
/// document's own bytes, and a rewrite changes prose only.
enum class Markup {
  kText,      ///< plain text: every byte is prose
  kMarkdown,  ///< CommonMark with GitHub's tables, strikethrough, autolinks
  kHtml,      ///< HTML5, parsed as a browser does
};

/// Per-scan options.
struct ScanOptions {
  /// Overrides Options::min_confidence for this scan when set. Range [0, 1]
  /// (scan() returns kInvalidArgument outside it). Default: unset.
  std::optional<double> min_confidence;
  /// The document's format. Markdown and HTML documents are read whole
  /// (Scanner takes plain text only) and must be under 2 GiB.
  Markup markup = Markup::kText;
  /// Markdown and HTML: findings in image alt text and in alt and title
  /// attributes are rewritable (by default they are reported only).
  bool rewrite_attributes = false;
  /// Honour the document's own suppression comments: `unspin-disable`,
  /// `unspin-enable` and `unspin-disable-next-line`, each optionally
  /// followed by phrases (comma separated) to switch off only those. In
  /// Markdown and HTML they are HTML comments (`<!-- unspin-disable -->`);
  /// in plain text, a line of its own in a comment style (`# `, `// `,
  /// `-- `, `; `, `% `, `<!-- -->`, `/* */`). Suppressed findings are not
  /// reported and not counted in the verdict. Default true.
  bool inline_config = true;
};

/// The compiled phrase tables plus morphology: built once by create(), then
/// immutable. All const methods are safe to call from many threads at once.
class Detector {
 public:
  /// Loads and compiles the tables.
  /// Errors: kIoError (unreadable file), kParseError (malformed line, with
  /// file:line), kInvalidArgument (bad Options field, named: among others a
  /// min_confidence outside [0, 1], a domain no table entry is tagged
  /// with, or no active table entry and no discovery, so that nothing
  /// could ever be found), kInternal.
  [[nodiscard]] static Result<Detector> create(const Options& options);

  /// Scans a whole document (UTF-8). Complexity: linear in text size.
  /// Errors: kInvalidUtf8 when the text is invalid and the policy is kError;
  /// kInvalidArgument when options.min_confidence is outside [0, 1].
  [[nodiscard]] Result<ScanResult> scan(std::string_view text,
                                        const ScanOptions& options = {}) const;

  /// Applies the chosen findings (non-overlapping, from a scan of `text`)
  /// and returns the new text. Findings without a suggestion, and findings
  /// that are not `rewritable`, are skipped.
  /// Errors: kInvalidArgument when a finding's span is outside the text or
  /// findings overlap.
  [[nodiscard]] static Result<std::string> rewrite(
      std::string_view text, const std::vector<Finding>& chosen);

  /// scan() then rewrite() with every reported finding.
  [[nodiscard]] Result<std::string> fix(std::string_view text,
                                        const ScanOptions& options = {}) const;

  /// Number of compiled phrase variants (entries times inflected forms).
  std::size_t variant_count() const;
  /// Number of active table entries.
  std::size_t entry_count() const;
  /// The configured default threshold.
  double min_confidence() const;

  Detector(const Detector&) = default;
  Detector(Detector&&) noexcept = default;
  Detector& operator=(const Detector&) = default;
  Detector& operator=(Detector&&) noexcept = default;
  ~Detector();

 private:
  struct Impl;
  explicit Detector(std::shared_ptr<const Impl> impl);
  static Result<Detector> create_impl(const Options& options);
  Result<ScanResult> scan_impl(std::string_view text,
                               const ScanOptions& options) const;
  Result<ScanResult> scan_markup(std::string_view text,
                                 const ScanOptions& options) const;
  std::shared_ptr<const Impl> impl_;
};

/// Library version, "MAJOR.MINOR.PATCH".
const char* version();

}  // namespace unspin

#include "scanner.hpp"
#endif  // UNSPIN_UNSPIN_HPP_
