// unspin dictionary tools: collecting imported (spun, canonical) pairs into
// a phrase table, and the importer of each format (import_*.cpp).
#ifndef UNSPIN_SRC_DICT_IMPORTER_HPP_
#define UNSPIN_SRC_DICT_IMPORTER_HPP_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "unspin/dict.hpp"

namespace unspin::detail::dict {

/// Collects the pairs of one imported list and writes them as a table:
/// spun sides lowercased, NFC, single spaces; alternatives of one spun
/// phrase merged in order of appearance; pairs the table loader would
/// refuse skipped with a note.
class Importer {
 public:
  /// `name` is used in notes ("NAME:LINE: skipped ...") and the header.
  explicit Importer(std::string name) : name_(std::move(name)) {}

  /// Notes "NAME:LINE: skipped WHY".
  void skip(std::size_t line, const std::string& why);

  /// Adds spun -> canonical (canonical may hold '|' alternatives), or notes
  /// why it is skipped.
  void add(std::size_t line, std::string_view spun, std::string_view canonical);

  /// Adds every phrase regular expression `key` expands to (expand_regex)
  /// -> canonical made to agree in number with it (agree_forms: "gangs?"
  /// gives gang -> the singular, gangs -> the plural); an expression that
  /// does not expand, or whose forms no replacement agrees with, is skipped.
  void add_expanded(std::size_t line, const std::string& key,
                    const std::string& canonical);

  /// Adds the alternatives of one item (a LanguageTool line's left side, a
  /// prh rule's patterns: each with its line) -> canonical made to agree in
  /// number with each (agree_forms); when no replacement can agree, skips
  /// them all as "NAME:LINE: skipped WHAT: why".
  void add_alternatives(
      std::size_t line,
      const std::vector<std::pair<std::size_t, std::string>>& phrases,
      const std::string& canonical, const std::string& what);

  /// The table, sorted by spun phrase in byte order, with a header naming
  /// the source and `what` it was ("Vale substitution rule").
  ImportedTable finish(const std::string& what) const;

 private:
  std::string name_;
  // The canonical alternatives of one spun phrase, in order of appearance.
  struct Alternatives {
    std::vector<std::string> alts;
    std::unordered_set<std::string> seen;
  };
  std::map<std::string, Alternatives> entries_;
  std::vector<std::string> skipped_;
};

/// A Vale rule (`extends: substitution`, `swap:` map); text is valid UTF-8
/// without a byte order mark. kParseError "NAME:LINE: ..." when malformed.
Result<ImportedTable> import_vale(std::string_view text,
                                  const std::string& name);

/// A textlint prh dictionary (`rules:` with `expected:` and `pattern:` or
/// `patterns:`). kParseError "NAME:LINE: ..." when malformed.
Result<ImportedTable> import_prh(std::string_view text,
                                 const std::string& name);

/// A LanguageTool replace.txt (`wrong1|wrong2=right1|right2[<TAB>note]`).
/// kParseError "NAME:LINE: ..." for a line without '=', with an empty side
/// or with markup or JSON characters in a phrase, for XML (a grammar.xml is
/// a different format) and for a file without any 'wrong=right' line.
Result<ImportedTable> import_languagetool(std::string_view text,
                                          const std::string& name);

}  // namespace unspin::detail::dict

#endif  // UNSPIN_SRC_DICT_IMPORTER_HPP_
