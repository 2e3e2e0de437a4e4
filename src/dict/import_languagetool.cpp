// unspin dictionary tools: import of a LanguageTool replace.txt
// (`wrong1|wrong2=right1|right2`, an optional TAB starts a message).
#include <string>
#include <utility>
#include <vector>

#include "dict/importer.hpp"
#include "dict/text_util.hpp"
#include "strings.hpp"
#include "table.hpp"

namespace unspin::detail::dict {

Result<ImportedTable> import_languagetool(std::string_view text,
                                          const std::string& name) {
  Importer imp(name);
  Status st = Status::ok_status();
  bool any = false;
  for_each_line(text, [&](std::size_t no, std::string_view line) {
    if (!st.ok() || is_comment_or_blank(line)) return;
    any = true;
    // Another format given as a replace.txt (a grammar.xml, JSON, HTML) has
    // '=' in its lines too: refuse it rather than import garbage.
    if (trim_blanks(line).substr(0, 1) == "<") {
      st = parse_error(name, no,
                       "this is XML or HTML (a LanguageTool grammar.xml?), "
                       "not a replace.txt of 'wrong=right' lines");
      return;
    }
    if (line.find('\0') != std::string_view::npos) {
      st = parse_error(name, no, "a NUL byte (not a text file)");
      return;
    }
    // "phrase=replacement<TAB>message": the message is dropped.
    std::string_view body = line.substr(0, line.find('\t'));
    std::size_t eq = body.find('=');
    if (eq == std::string_view::npos) {
      st = parse_error(name, no, "expected 'phrase=replacement'");
      return;
    }
    std::string_view left = body.substr(0, eq);
    std::string_view right = trim_blanks(body.substr(eq + 1));
    if (trim_blanks(left).empty() || right.empty()) {
      st = parse_error(name, no, "empty phrase or replacement");
      return;
    }
    std::size_t odd = body.find_first_of("<>{}[]\"");
    if (odd != std::string_view::npos) {
      st = parse_error(name, no,
                       std::string("'") + body[odd] +
                           "' in a phrase: not a replace.txt line "
                           "('wrong=right', plain words)");
      return;
    }
    std::vector<std::pair<std::size_t, std::string>> spuns;
    std::size_t start = 0;
    while (true) {
      std::size_t bar = left.find('|', start);
      std::string_view spun = left.substr(start, bar == std::string_view::npos
                                                     ? std::string_view::npos
                                                     : bar - start);
      if (!trim_blanks(spun).empty()) spuns.emplace_back(no, std::string(spun));
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
    // "gang|gangs=criminal gangs": each number gets its replacement.
    imp.add_alternatives(no, spuns, std::string(right),
                         excerpt(trim_blanks(left)));
  });
  if (!st.ok()) return st;
  if (!any)
    return Status(ErrorCode::kParseError,
                  name + ": no 'wrong=right' line: nothing to import");
  return imp.finish("LanguageTool replace.txt");
}

}  // namespace unspin::detail::dict
