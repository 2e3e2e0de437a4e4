// unspin: phrase tables: parsing the TSV format of dictionaries/README.md,
// allowlists, and combining several tables (later ones switch off entries).
#ifndef UNSPIN_SRC_TABLE_HPP_
#define UNSPIN_SRC_TABLE_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/unspin.hpp"

namespace unspin::detail {

/// Default prior when a table line leaves the field empty.
inline constexpr double kDefaultPrior = 0.8;

/// Longest word (a run of bytes between spaces, tabs, '|' or ',') a table, an
/// allowlist or an irregular-forms table may hold: longer words are a parse
/// error. The shipped tables' longest is 38 bytes; the limit keeps loading
/// linear-time and bounded for hostile files.
inline constexpr std::size_t kMaxWordBytes = 256;

/// kParseError "NAME:LINE: ..." when a word of `phrase` is longer than
/// kMaxWordBytes; Ok otherwise.
Status check_word_lengths(std::string_view phrase, const std::string& name,
                          std::size_t line);

/// One table entry as written.
struct Entry {
  std::string spun;                     ///< spun phrase (as written)
  std::vector<std::string> canonicals;  ///< alternatives, best first
  bool unknown = false;                 ///< canonical "?"
  bool deletion = false;                ///< canonical "<delete>"
  double prior = kDefaultPrior;
  std::vector<std::string> tags;
  std::vector<std::string> requires_any;  ///< every requires= term, all clauses
  /// One group per requires= clause: each group needs one of its terms
  /// somewhere in the document (clauses AND, terms within a clause OR).
  std::vector<std::vector<std::string>> requires_groups;
  std::vector<std::string> excludes_any;  ///< context: none may occur
  /// near=N:TERM|TERM clauses: each needs one of its terms within N words
  /// of the match (before or after).
  struct Near {
    std::size_t words = 0;
    std::vector<std::string> terms;
  };
  std::vector<Near> near;
  /// Context clause "exact": match only the form written, no inflections.
  bool exact = false;
  std::string table;     ///< DataSource name
  std::size_t line = 0;  ///< 1-based line in the table
};

/// A switch-off line ("!spun" or "!spun<TAB>canonical").
struct SwitchOff {
  std::string spun;
  std::string canonical;  ///< empty: every entry with that spun phrase
};

/// A parsed table.
struct Table {
  std::vector<Entry> entries;
  std::vector<SwitchOff> switch_offs;
};

/// Lines of `text` (LF or CRLF; the break itself left out), in order; a
/// final line without a break counts, an empty text has none.
std::vector<std::string_view> split_lines(std::string_view text);

/// True for a blank line or one whose first non-space character is '#'.
bool is_comment_or_blank(std::string_view line);

/// Parses table text. `name` is used in messages and Entry::table.
/// Errors: kParseError "NAME:LINE: message"; kInvalidUtf8 as a parse error.
Result<Table> parse_table(std::string_view text, const std::string& name);

/// Parses an allowlist: one phrase per line, '#' comments, blank lines.
/// Errors: kParseError for invalid UTF-8 or a line with a TAB.
Result<std::vector<std::string>> parse_allowlist(std::string_view text,
                                                 const std::string& name);

/// Reads a DataSource's text (the file or the in-memory text).
/// Errors: kIoError naming the path and the reason.
Result<std::string> read_source(const DataSource& source);

/// Name of a source for messages: its name, else the path's file name.
std::string source_name(const DataSource& source);

/// Combines tables in order: each table's switch-offs remove matching entries
/// of the tables before it, then its entries are added.
std::vector<Entry> combine_tables(std::vector<Table> tables);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_TABLE_HPP_
