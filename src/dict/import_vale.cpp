// unspin dictionary tools: import of a Vale substitution rule (`extends:
// substitution`, a `swap:` map of regex -> replacement).
#include <string>

#include "dict/importer.hpp"
#include "dict/text_util.hpp"
#include "dict/yaml.hpp"

namespace unspin::detail::dict {

Result<ImportedTable> import_vale(std::string_view text,
                                  const std::string& name) {
  Result<YamlNode> root = parse_yaml(text, name);
  if (!root.ok()) return root.status();
  if (root->kind != YamlNode::kMap)
    return parse_error(name, root->line ? root->line : 1,
                       "expected a Vale rule (a YAML mapping)");
  const YamlNode* extends = root->get("extends");
  if (!extends || extends->kind != YamlNode::kScalar)
    return parse_error(name, root->line, "no 'extends:' key (not a Vale rule)");
  if (extends->scalar != "substitution")
    return parse_error(name, extends->line,
                       "'extends: " + one_line(extends->scalar) +
                           "': only substitution rules can be imported");
  const YamlNode* swap = root->get("swap");
  if (!swap || swap->kind != YamlNode::kMap)
    return parse_error(name, swap ? swap->line : root->line,
                       "expected a 'swap:' mapping of 'bad: good' pairs");
  Importer imp(name);
  for (const auto& [key, value] : swap->map) {
    if (value.kind != YamlNode::kScalar) {
      imp.skip(value.line, quote(key) + ": the replacement is not a string");
      continue;
    }
    imp.add_expanded(value.line, key, value.scalar);
  }
  return imp.finish("Vale substitution rule");
}

}  // namespace unspin::detail::dict
