// unspin dictionary tools: text helpers shared by the checker and the
// importers (case folding, NFC, phrase keys, quoting for messages).
#ifndef UNSPIN_SRC_DICT_TEXT_UTIL_HPP_
#define UNSPIN_SRC_DICT_TEXT_UTIL_HPP_

#include <cstddef>
#include <string>
#include <string_view>

#include "table.hpp"
#include "unspin/unspin.hpp"

namespace unspin::detail::dict {

/// `s` lowercased by ICU's root locale (full Unicode case mapping).
std::string lower(std::string_view s);

/// The key under which phrases compare: lowercase, hyphen = space, single
/// spaces (the matcher treats a hyphen like a space).
std::string phrase_key(std::string_view s);

/// `s` in Unicode NFC; `changed` (optional) tells whether it was not.
std::string nfc(std::string_view s, bool* changed = nullptr);

/// Calls fn(line_number, line) for every line, CR of CRLF removed.
template <class Fn>
void for_each_line(std::string_view text, Fn fn) {
  std::size_t line_no = 0;
  for (std::string_view line : split_lines(text)) fn(++line_no, line);
}

/// `s` with CR and LF written as \r and \n, so that a message quoting a
/// YAML block scalar stays one line.
std::string one_line(std::string_view s);

/// 's' in single quotes (one_line).
std::string quote(std::string_view s);

/// quote() of at most the first 60 bytes (cut at a UTF-8 character), so a
/// message about a huge key stays one readable line.
std::string excerpt(std::string_view s);

/// kParseError "NAME:LINE: message".
Status parse_error(const std::string& name, std::size_t line,
                   const std::string& message);

}  // namespace unspin::detail::dict

#endif  // UNSPIN_SRC_DICT_TEXT_UTIL_HPP_
