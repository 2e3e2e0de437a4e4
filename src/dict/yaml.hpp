// unspin dictionary tools: the YAML of Vale rules and prh dictionaries, read
// by yaml-cpp into a small tree of strings with line numbers.
#ifndef UNSPIN_SRC_DICT_YAML_HPP_
#define UNSPIN_SRC_DICT_YAML_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "unspin/unspin.hpp"

namespace unspin::detail::dict {

/// Collections nest at most this deep (the formats need four).
inline constexpr std::size_t kMaxYamlDepth = 100;
/// Aliases may copy at most this many bytes of nodes and strings in all (an
/// "alias bomb" of nested aliases would otherwise grow exponentially).
inline constexpr std::size_t kMaxAliasCopy = std::size_t{64} << 20;

/// A YAML node: every scalar is a string (tags are ignored), a mapping
/// keeps its pairs in document order; aliases are resolved into copies.
struct YamlNode {
  enum Kind { kNull, kScalar, kMap, kSeq } kind = kNull;
  std::string scalar;
  std::vector<std::pair<std::string, YamlNode>> map;
  std::vector<YamlNode> seq;
  /// 1-based line where the node starts; for a null mapping value, the
  /// line of its key; for any other null, the line its (empty) place is on.
  std::size_t line = 0;

  /// The value of `key` in a mapping, or nullptr. Linear in the pairs.
  const YamlNode* get(const std::string& key) const;
};

/// Parses `text` (valid UTF-8, no byte order mark) as one YAML document
/// (an empty text is a null node at line 0). Keys of a mapping must be
/// scalars and distinct. Errors: kParseError "NAME:LINE: message" for
/// malformed YAML (yaml-cpp's message, e.g. "end of map not found"), an
/// unterminated quoted string, collections nested more than kMaxYamlDepth
/// levels, a duplicate or non-scalar key, aliases copying more than
/// kMaxAliasCopy, a NUL byte, or a second non-empty document. Implicit keys
/// longer than YAML's 1024 characters are accepted. Linear in the input
/// (plus the copies aliases make).
Result<YamlNode> parse_yaml(std::string_view text, const std::string& name);

}  // namespace unspin::detail::dict

#endif  // UNSPIN_SRC_DICT_YAML_HPP_
