// unspin dictionary tools: import of a textlint prh dictionary (`rules:` of
// `expected:` with `pattern:` or `patterns:`; `/regex/` patterns skipped).
#include <string>
#include <utility>
#include <vector>

#include "dict/importer.hpp"
#include "dict/text_util.hpp"
#include "dict/yaml.hpp"

namespace unspin::detail::dict {

Result<ImportedTable> import_prh(std::string_view text,
                                 const std::string& name) {
  Result<YamlNode> root = parse_yaml(text, name);
  if (!root.ok()) return root.status();
  if (root->kind != YamlNode::kMap)
    return parse_error(name, root->line ? root->line : 1,
                       "expected a prh dictionary (a YAML mapping)");
  Importer imp(name);
  if (const YamlNode* imports = root->get("imports"))
    imp.skip(imports->line, "'imports:' (import those files too)");
  const YamlNode* rules = root->get("rules");
  if (!rules || rules->kind != YamlNode::kSeq)
    return parse_error(name, rules ? rules->line : root->line,
                       "expected a 'rules:' list");
  for (const YamlNode& rule : rules->seq) {
    if (rule.kind != YamlNode::kMap)
      return parse_error(name, rule.line, "a rule must be a mapping");
    const YamlNode* expected = rule.get("expected");
    if (!expected || expected->kind != YamlNode::kScalar ||
        expected->scalar.empty())
      return parse_error(name, rule.line, "rule without 'expected:'");
    std::vector<const YamlNode*> patterns;
    for (const char* key : {"pattern", "patterns"}) {
      const YamlNode* p = rule.get(key);
      if (!p) continue;
      if (p->kind == YamlNode::kScalar) patterns.push_back(p);
      if (p->kind == YamlNode::kSeq)
        for (const YamlNode& s : p->seq) patterns.push_back(&s);
    }
    if (patterns.empty()) {
      imp.skip(rule.line, "rule for " + quote(expected->scalar) +
                              ": no pattern (it only corrects case)");
      continue;
    }
    std::vector<std::pair<std::size_t, std::string>> literal;
    for (const YamlNode* p : patterns) {
      if (p->kind != YamlNode::kScalar) {
        imp.skip(p->line, "pattern: not a string");
        continue;
      }
      const std::string& s = p->scalar;
      if (s.size() >= 2 && s[0] == '/' && s.find('/', 1) != std::string::npos) {
        imp.skip(p->line, "regular expression pattern " + quote(s));
        continue;
      }
      literal.emplace_back(p->line, s);
    }
    // patterns [gang, gangs] -> "criminal gangs": each number its own.
    imp.add_alternatives(rule.line, literal, expected->scalar,
                         "rule for " + excerpt(expected->scalar));
  }
  return imp.finish("textlint prh dictionary");
}

}  // namespace unspin::detail::dict
