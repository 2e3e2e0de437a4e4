// unspin dictionary tools: parse_yaml(): yaml-cpp's event parser builds a
// YamlNode tree, with limits on nesting and aliases and FILE:LINE errors.
#include "dict/yaml.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <optional>
#include <streambuf>
#include <unordered_map>
#include <unordered_set>

#include "dict/text_util.hpp"

namespace unspin::detail::dict {

const YamlNode* YamlNode::get(const std::string& key) const {
  for (const auto& [k, v] : map)
    if (k == key) return &v;
  return nullptr;
}

namespace {

// yaml-cpp reads an std::istream; this one reads the caller's bytes in place.
class MemoryBuf : public std::streambuf {
 public:
  explicit MemoryBuf(std::string_view text) {
    char* p = const_cast<char*>(text.data());  // never written: get area only
    setg(p, p, p + text.size());
  }
};

// Thrown by the Builder to stop yaml-cpp with our own error at `pos` (a
// byte offset into the parsed text).
struct Stop {
  std::size_t pos;
  std::string message;
  std::size_t line = 0;  // when not 0: the line to name instead of pos's
};

// Byte offsets -> 1-based lines of the original text. `line_map`, when not
// empty, maps lines of the parsed text (rewritten for long keys) back.
class Lines {
 public:
  Lines(std::string_view parsed, std::vector<std::size_t> line_map)
      : size_(parsed.size()), line_map_(std::move(line_map)) {
    for (std::size_t i = 0; i < parsed.size(); ++i)
      if (parsed[i] == '\n') newlines_.push_back(i);
  }
  // yaml-cpp marks are -1 when unknown: the end of the text.
  std::size_t clamp(int pos) const {
    return pos < 0 ? size_ : std::min(static_cast<std::size_t>(pos), size_);
  }
  // The line of the parsed text holding byte `pos`.
  std::size_t parsed_line(std::size_t pos) const {
    return 1 + static_cast<std::size_t>(
                   std::lower_bound(newlines_.begin(), newlines_.end(), pos) -
                   newlines_.begin());
  }
  std::size_t original(std::size_t parsed) const {
    if (line_map_.empty()) return parsed;
    return line_map_[std::min(parsed, line_map_.size()) - 1];
  }
  std::size_t line(std::size_t pos) const { return original(parsed_line(pos)); }
  // Start of the parsed line holding `pos`.
  std::size_t line_begin(std::size_t pos) const {
    std::size_t l = parsed_line(pos);
    return l == 1 ? 0 : newlines_[l - 2] + 1;
  }

 private:
  std::size_t size_;
  std::vector<std::size_t> newlines_;
  std::vector<std::size_t> line_map_;
};

// About the bytes an alias to `n` copies: its nodes and strings.
std::size_t cost(const YamlNode& n) {
  std::size_t c = sizeof(YamlNode) + n.scalar.size();
  for (const auto& [k, v] : n.map) c += k.size() + cost(v);
  for (const YamlNode& v : n.seq) c += cost(v);
  return c;
}

// Builds the tree from yaml-cpp's events. Nesting is checked at each
// collection start, before yaml-cpp recurses further, so the depth of its
// recursion (and of ours on the tree) stays below kMaxYamlDepth + a few.
class Builder : public YAML::EventHandler {
 public:
  Builder(std::string_view parsed, const Lines& lines)
      : parsed_(parsed), lines_(lines) {}

  YamlNode take_root() { return root_ ? std::move(*root_) : YamlNode{}; }

  // yaml-cpp 0.7 can return a new document forever without consuming a
  // token (a stray ',' in block context: jbeder/yaml-cpp#1040, fixed by
  // #1319 in 0.8.1); a document that starts where the last one did, or more
  // documents than lines, is that loop.
  void OnDocumentStart(const YAML::Mark& mark) override {
    const std::size_t pos = lines_.clamp(mark.pos);
    if (documents_ > 0 && pos <= last_document_pos_)
      throw Stop{pos, "a YAML document makes no progress here (a stray ','?)"};
    if (static_cast<std::size_t>(documents_) > parsed_.size())
      throw Stop{pos, "more YAML documents than bytes"};
    last_document_pos_ = pos;
    ++documents_;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    YamlNode n;
    n.line = null_line(lines_.clamp(mark.pos));
    deliver(std::move(n), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const std::size_t pos = at(mark);
    auto it = anchors_.find(anchor);
    if (it == anchors_.end())
      throw Stop{pos, "alias to a node that contains it"};
    alias_copied_ += it->second.second;
    if (alias_copied_ > kMaxAliasCopy)
      throw Stop{pos, "aliases copy more than " +
                          std::to_string(kMaxAliasCopy >> 20) + " MiB in all"};
    YamlNode n = it->second.first;
    n.line = lines_.line(pos);
    deliver(std::move(n), YAML::NullAnchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag,
                YAML::anchor_t anchor, const std::string& value) override {
    const std::size_t pos = at(mark);
    // yaml-cpp ends a quoted scalar at the end of the text without an
    // error ('utilize: use<EOF> is the key "utilize: use "): refuse it.
    if (tag == "!" && pos < parsed_.size() &&
        (parsed_[pos] == '\'' || parsed_[pos] == '"') && !terminated(pos)) {
      const bool key = !stack_.empty() &&
                       stack_.back().node.kind == YamlNode::kMap &&
                       !stack_.back().has_key;
      throw Stop{
          pos, key ? "unterminated quoted key" : "unterminated quoted string"};
    }
    YamlNode n;
    n.kind = YamlNode::kScalar;
    n.scalar = value;
    n.line = lines_.line(pos);
    deliver(std::move(n), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&,
                       YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    start(mark, YamlNode::kSeq, anchor);
  }
  void OnSequenceEnd() override { end(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&,
                  YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    start(mark, YamlNode::kMap, anchor);
  }
  void OnMapEnd() override { end(); }

 private:
  struct Frame {
    YamlNode node;
    YAML::anchor_t anchor = YAML::NullAnchor;
    bool has_key = false;  // a key waits for its value
    std::string key;
    std::size_t key_line = 0;
    std::unordered_set<std::string> keys;
  };

  std::size_t at(const YAML::Mark& mark) {
    const std::size_t pos = lines_.clamp(mark.pos);
    last_pos_ = std::max(last_pos_, pos);
    return pos;
  }

  void start(const YAML::Mark& mark, YamlNode::Kind kind,
             YAML::anchor_t anchor) {
    const std::size_t pos = at(mark);
    if (stack_.size() >= kMaxYamlDepth)
      throw Stop{pos, "nested more than " + std::to_string(kMaxYamlDepth) +
                          " levels deep"};
    stack_.emplace_back();
    stack_.back().node.kind = kind;
    stack_.back().node.line = lines_.line(pos);
    stack_.back().anchor = anchor;
  }

  void end() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    deliver(std::move(f.node), f.anchor);
  }

  // A quoted scalar starting at `pos` has its closing quote.
  bool terminated(std::size_t pos) const {
    const char q = parsed_[pos];
    for (std::size_t i = pos + 1; i < parsed_.size(); ++i) {
      if (q == '"' && parsed_[i] == '\\') {
        ++i;
      } else if (parsed_[i] == q) {
        if (q == '\'' && i + 1 < parsed_.size() && parsed_[i + 1] == '\'') {
          ++i;
          continue;
        }
        return true;
      }
    }
    return false;
  }

  // yaml-cpp places an empty node at the token after it ("-\n- x": at the
  // second dash). Its line is the last one before that with content (not
  // blank, not only a comment), and not before the previous event.
  std::size_t null_line(std::size_t pos) {
    const std::size_t floor = last_pos_;
    last_pos_ = std::max(last_pos_, pos);
    std::size_t end = pos;
    while (true) {
      const std::size_t begin = lines_.line_begin(end);
      if (begin <= floor) return lines_.line(std::max(begin, floor));
      bool content = false;
      for (std::size_t i = begin; i < end; ++i) {
        const char c = parsed_[i];
        if (c == '#' &&
            (i == begin || parsed_[i - 1] == ' ' || parsed_[i - 1] == '\t'))
          break;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
          content = true;
          break;
        }
      }
      if (content) return lines_.line(begin);
      end = begin - 1;  // the '\n' ending the line before
    }
  }

  void deliver(YamlNode n, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) anchors_[anchor] = {n, cost(n)};
    if (stack_.empty()) {
      if (!root_ && documents_ <= 1) {
        root_ = std::move(n);
      } else if (n.kind != YamlNode::kNull) {
        throw Stop{last_pos_,
                   "a second YAML document (expected one rule or dictionary)"};
      }
      return;
    }
    Frame& f = stack_.back();
    if (f.node.kind == YamlNode::kSeq) {
      f.node.seq.push_back(std::move(n));
      return;
    }
    if (!f.has_key) {
      if (n.kind != YamlNode::kScalar)
        throw Stop{last_pos_, "a mapping key must be a plain or quoted string",
                   n.line};
      if (!f.keys.insert(n.scalar).second)
        throw Stop{last_pos_, "duplicate key " + excerpt(n.scalar), n.line};
      f.key = std::move(n.scalar);
      f.key_line = n.line;
      f.has_key = true;
      return;
    }
    if (n.kind == YamlNode::kNull) n.line = f.key_line;
    f.node.map.emplace_back(std::move(f.key), std::move(n));
    f.has_key = false;
  }

  std::string_view parsed_;
  const Lines& lines_;
  std::vector<Frame> stack_;
  std::optional<YamlNode> root_;
  int documents_ = 0;
  std::size_t last_document_pos_ = 0;
  std::size_t last_pos_ = 0;  // the furthest event so far
  // anchor -> (the node, its cost)
  std::unordered_map<YAML::anchor_t, std::pair<YamlNode, std::size_t>> anchors_;
  std::size_t alias_copied_ = 0;
};

// YAML allows implicit keys of at most 1024 characters (yaml-cpp enforces
// it); a Vale key can be longer. For a line "INDENT[- ]KEY: VALUE" whose
// KEY is longer than kLongKey bytes, the offsets of KEY and of its ':'.
constexpr std::size_t kLongKey = 1000;

std::optional<std::pair<std::size_t, std::size_t>> long_key(
    std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  while (i + 1 < line.size() && line[i] == '-' && line[i + 1] == ' ') {
    i += 2;
    while (i < line.size() && line[i] == ' ') ++i;
  }
  if (i >= line.size()) return std::nullopt;
  const std::size_t key = i;
  const char c = line[i];
  auto is_end = [&](std::size_t j) {
    return j + 1 >= line.size() || line[j + 1] == ' ' || line[j + 1] == '\t' ||
           line[j + 1] == '\r';
  };
  std::size_t colon = std::string_view::npos;
  if (c == '\'' || c == '"') {
    std::size_t j = i + 1;
    for (; j < line.size(); ++j) {
      if (c == '"' && line[j] == '\\') {
        ++j;
      } else if (line[j] == c) {
        if (c == '\'' && j + 1 < line.size() && line[j + 1] == '\'') {
          ++j;
          continue;
        }
        break;
      }
    }
    if (j >= line.size()) return std::nullopt;
    for (++j; j < line.size() && (line[j] == ' ' || line[j] == '\t');) ++j;
    if (j < line.size() && line[j] == ':' && is_end(j)) colon = j;
  } else {
    if (std::string_view("#&*!|>%@`[]{},?:-").find(c) != std::string_view::npos)
      return std::nullopt;
    for (std::size_t j = i; j < line.size(); ++j) {
      if (line[j] == '#' && (line[j - 1] == ' ' || line[j - 1] == '\t')) break;
      if (line[j] == ':' && is_end(j)) {
        colon = j;
        break;
      }
    }
  }
  if (colon == std::string_view::npos || colon - key <= kLongKey)
    return std::nullopt;
  return std::make_pair(key, colon);
}

// `text` with each line of a long implicit key made explicit
// ("INDENT? KEY" and "INDENT: VALUE" on the next line); `line_map` gets the
// original line of each line of the result.
std::string explicit_long_keys(std::string_view text,
                               std::vector<std::size_t>& line_map) {
  std::string out;
  out.reserve(text.size() + 64);
  std::size_t no = 0;
  for (std::size_t begin = 0; begin <= text.size();) {
    std::size_t nl = text.find('\n', begin);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    const std::string_view line = text.substr(begin, end - begin);
    ++no;
    if (auto k = long_key(line)) {
      out.append(line.substr(0, k->first));
      out += "? ";
      out.append(line.substr(k->first, k->second - k->first));
      out += '\n';
      line_map.push_back(no);
      out.append(k->first, ' ');
      out.append(line.substr(k->second));
    } else {
      out.append(line);
    }
    line_map.push_back(no);
    if (nl == std::string_view::npos) break;
    out += '\n';
    begin = nl + 1;
  }
  return out;
}

struct Attempt {
  Result<YamlNode> node = Status(ErrorCode::kInternal, "");
  bool yaml_cpp_error = false;  // the error is yaml-cpp's
  std::size_t parsed_line = 0;  // where, in the parsed text
};

Attempt parse_once(std::string_view parsed, std::vector<std::size_t> line_map,
                   const std::string& name) {
  Lines lines(parsed, std::move(line_map));
  Builder builder(parsed, lines);
  MemoryBuf buf(parsed);
  std::istream in(&buf);
  Attempt a;
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
    a.node = builder.take_root();
  } catch (const Stop& stop) {
    a.node = parse_error(name, stop.line ? stop.line : lines.line(stop.pos),
                         stop.message);
  } catch (const YAML::Exception& e) {
    const std::size_t pos = lines.clamp(e.mark.pos);
    a.yaml_cpp_error = true;
    a.parsed_line = lines.parsed_line(pos);
    a.node = parse_error(name, lines.line(pos), one_line(e.msg));
  }
  return a;
}

}  // namespace

Result<YamlNode> parse_yaml(std::string_view text, const std::string& name) {
  // yaml-cpp takes a leading NUL for UTF-16 or UTF-32; YAML has none.
  if (std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(
                                     text.begin(), text.begin() + nul, '\n'));
    return parse_error(name, line, "NUL byte (YAML text has none)");
  }
  Attempt a = parse_once(text, {}, name);
  if (a.node.ok() || !a.yaml_cpp_error) return std::move(a.node);
  // Failed on a line with a key beyond YAML's limit: once more, with those
  // keys written as explicit keys ("? KEY" then ": VALUE").
  std::size_t begin = 0;
  for (std::size_t l = 1; l < a.parsed_line && begin != std::string_view::npos;
       ++l) {
    begin = text.find('\n', begin);
    if (begin != std::string_view::npos) ++begin;
  }
  if (begin == std::string_view::npos) return std::move(a.node);
  const std::size_t end = text.find('\n', begin);
  if (!long_key(text.substr(begin, end == std::string_view::npos
                                       ? std::string_view::npos
                                       : end - begin)))
    return std::move(a.node);
  std::vector<std::size_t> line_map;
  const std::string rewritten = explicit_long_keys(text, line_map);
  return std::move(parse_once(rewritten, std::move(line_map), name).node);
}

}  // namespace unspin::detail::dict
