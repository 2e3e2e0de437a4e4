// unspin: dictionary tooling: checking phrase tables for problems and importing
// substitution lists of other tools (Vale, textlint prh, LanguageTool).
//
// A library of its own on top of unspin::unspin: link the CMake target
// unspin::dict (find_package(unspin COMPONENTS dict), or add_subdirectory
// with UNSPIN_BUILD_DICT on, the default) or pkg-config's unspin-dict. It
// reads YAML with yaml-cpp; like the core header, this one includes only
// standard headers and unspin.hpp. Every function here is thread-safe (no
// shared state) and never prints.
#ifndef UNSPIN_DICT_HPP_
#define UNSPIN_DICT_HPP_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/unspin.hpp"

namespace unspin {

/// How serious a table problem is.
enum class Severity {
  kWarning,  ///< suspicious, but the table works as intended
  kError,    ///< the table is wrong: it is rejected, or it flags correct text
};

/// What kind of problem check_tables() found.
enum class ProblemKind {
  kParse,      ///< the table does not parse (error; first one per file)
  kNotNfc,     ///< a line is not in Unicode NFC (error)
  kUnsorted,   ///< first line out of (spun, canonical) byte order (warning)
  kDuplicate,  ///< the same (spun, canonical) pair again (error; warning
               ///< across files when the tags differ)
  kConflict,   ///< same spun phrase and context, different canonical (error
               ///< within a file, warning across files)
  kCycle,      ///< following canonicals leads back to the spun phrase (error;
               ///< one problem per cycle, at its first entry)
  kChain,      ///< a canonical is itself the spun side of another entry (error
               ///< when that entry has no context and a prior at or above the
               ///< default threshold, else warning)
  kFiresOnCanonical,  ///< an entry fires inside another entry's canonical
                      ///< text (error at or above the default threshold,
                      ///< warning below it; not reported for a one-word
                      ///< entry below it, which fires so on its word
                      ///< anywhere)
  kContainsSpun,      ///< a canonical alternative contains the spun phrase as
                  ///< whole words (error: each --fix pass can grow the text)
};

/// One problem, located at a line of a table.
struct TableProblem {
  /// DataSource name of the table (for files: the name given, else the
  /// path's file name).
  std::string file;
  /// 1-based line; 0 when the problem concerns the whole file.
  std::size_t line = 0;
  Severity severity = Severity::kError;
  ProblemKind kind = ProblemKind::kParse;
  /// Human-readable description naming the other line involved, if any,
  /// e.g. "duplicate of news.tsv:12 ('bad guy gang' -> 'criminal gang')".
  std::string message;
};

/// Options for check_tables(). Plain data with defaults.
struct CheckOptions {
  /// Scan every canonical phrase with a Detector built from the tables
  /// (min_confidence 0) and report entries that fire inside it. Default on.
  bool scan_canonicals = true;
  /// Optional morphology for that scan (see Options); empty = exact forms.
  std::string hunspell_aff;
  std::string hunspell_dic;
  std::optional<DataSource> irregular_forms;
};

/// Checks phrase tables, loaded in order as Detector::create() would (later
/// tables' switch-off lines remove earlier entries), for: parse errors (the
/// first per file), lines not in NFC, the first unsorted line per file,
/// duplicate (spun, canonical) pairs, conflicting entries, cycles and chains
/// through canonical phrases (a cycle is reported once, with its length and
/// first members), canonicals equal to or containing their spun phrase, and
/// entries that fire on another entry's canonical text. Problems are ordered
/// by table (in the order given), then line. Complexity: linear in the size
/// of the tables plus about one scan of each distinct canonical phrase; each
/// message is of bounded length (a long cycle lists its first members).
/// Errors: kIoError when a table cannot be read; kInternal when the
/// Detector for the canonical scan cannot be built from tables that parsed.
Result<std::vector<TableProblem>> check_tables(
    const std::vector<DataSource>& tables, const CheckOptions& options = {});

/// "FILE:LINE: error: message" (or "warning:"); "FILE: ..." when line is 0.
std::string format_problem(const TableProblem& problem);

/// A list converted by import_table().
struct ImportedTable {
  /// The phrase table (TSV, NFC, sorted, deduplicated) with a header comment.
  std::string tsv;
  /// Number of entries (lines that are not comments) in `tsv`.
  std::size_t entries = 0;
  /// Items skipped, each "NAME:LINE: skipped WHAT: why", e.g. a regular
  /// expression that cannot be expanded into phrases.
  std::vector<std::string> skipped;
};

/// Converts a substitution list of another tool into an unspin phrase table.
/// `format` is "vale" (a Vale rule with `extends: substitution` and a `swap:`
/// map; simple regex alternations such as `(?:a|b) c` or `colou?r` are
/// expanded, and a key standing for the singular and plural of a phrase,
/// `bad guy gangs?: criminal gangs`, gives each number its replacement,
/// `bad guy gang -> criminal gang` and `bad guy gangs -> criminal gangs`,
/// or is skipped with the reason when the replacement's singular cannot be
/// told from its spelling or the forms differ otherwise; the same holds for
/// the alternatives of a replace.txt line and the patterns of a prh rule),
/// "prh" (a textlint prh
/// dictionary: `rules:` with `expected:` and `pattern:`/`patterns:`; `/regex/`
/// patterns are skipped) or "languagetool" (a LanguageTool replace.txt:
/// `wrong1|wrong2=right1|right2[<TAB>message]`). Vale and prh files are read as
/// YAML 1.2 by yaml-cpp: anchors and aliases, flow collections, block scalars,
/// quoted keys and tags (ignored: every scalar is a string) are accepted, as
/// are keys longer than YAML's 1,024 characters; `null` and `~` are null, not
/// strings. A leading UTF-8 byte order mark is ignored. Entries get a lowercase
/// spun side, the canonical as written (several for one spun phrase become
/// `a|b` alternatives in order of appearance), prior 0.8 and tag "imported";
/// pairs the table loader would refuse are skipped with a note. `name` is used
/// in messages and the header. Linear in the input (plus what YAML aliases
/// copy). Errors: kInvalidArgument for an unknown format; kParseError
/// "NAME:LINE: message" for malformed input (yaml-cpp's message, an
/// unterminated quoted string, a duplicate or non-scalar mapping key, YAML
/// nested more than 100 levels deep, aliases copying more than 64 MiB, a NUL
/// byte, a second YAML document, or the format's own structure, e.g. "rule
/// without 'expected:'"; for a replace.txt: XML such as a grammar.xml, a
/// line without '=', `<>{}[]"` in a line, a NUL byte, no entry line);
/// kInvalidUtf8 for invalid UTF-8; kInternal if the table written does not load
/// (a bug).
Result<ImportedTable> import_table(std::string_view format,
                                   std::string_view text,
                                   const std::string& name);

}  // namespace unspin

#endif  // UNSPIN_DICT_HPP_
