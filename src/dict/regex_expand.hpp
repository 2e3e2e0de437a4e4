// unspin dictionary tools: expanding the simple regular expressions of Vale
// rules ("(?:give|gave) rise to", "colou?r") into the phrases they match.
#ifndef UNSPIN_SRC_DICT_REGEX_EXPAND_HPP_
#define UNSPIN_SRC_DICT_REGEX_EXPAND_HPP_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace unspin::detail::dict {

/// At most this many phrases per expression.
inline constexpr std::size_t kMaxExpansions = 64;
/// Groups nest at most this deep (the recursion follows the nesting).
inline constexpr std::size_t kMaxGroupDepth = 100;

/// The phrases `re` matches when it is built of literals, escaped
/// punctuation, groups `(a|b)` and `(?:a|b)`, top-level `a|b` and `?` after
/// a character or group (`\b` is ignored, `\s` is a space); nullopt with
/// `*why` set (e.g. "unsupported construct '['", "expands to more than 64
/// phrases") otherwise. Linear in the size of `re` times the expansions.
std::optional<std::vector<std::string>> expand_regex(std::string_view re,
                                                     std::string* why);

}  // namespace unspin::detail::dict

#endif  // UNSPIN_SRC_DICT_REGEX_EXPAND_HPP_
