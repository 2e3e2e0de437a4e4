// unspin: small ASCII string helpers shared by the table loader, the compiler,
// discovery and the dictionary tools (one copy of each).
#ifndef UNSPIN_SRC_STRINGS_HPP_
#define UNSPIN_SRC_STRINGS_HPP_

#include <string>
#include <string_view>
#include <vector>

namespace unspin::detail {

/// `s` without leading and trailing spaces and tabs.
std::string_view trim_blanks(std::string_view s);
/// Runs of spaces and tabs become one space; none at either end.
std::string collapse_blanks(std::string_view s);
/// Runs of ASCII whitespace (space, \t, \n, \r, \v, \f) become one space;
/// none at either end.
std::string collapse_whitespace(std::string_view s);
/// `s` with A-Z lowered (other bytes unchanged).
std::string ascii_lower(std::string_view s);
/// The non-empty pieces of `s` between single spaces.
std::vector<std::string> split_spaces(std::string_view s);
/// `words` joined by single spaces.
std::string join_spaces(const std::vector<std::string>& words);

/// True when `s` begins with `prefix`.
inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

/// True when `s` ends with `suffix`.
inline bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_STRINGS_HPP_
