// unspin cleanup: SARIF 2.1.0 output. Regions are computed here from the
// text (line starts table), fixes from Detector::rewrite of each finding.
#include "sarif.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdio>

#include "output.hpp"

namespace unspin_cli {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json";
constexpr const char* kSrcRoot = "%SRCROOT%";
// Above this many bytes rewritten in total, a finding's fix is computed on
// the lines around it instead of the whole document (keeps it linear).
constexpr std::size_t kWholeTextBudget = std::size_t{64} << 20;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Line starts by the library's rules: LF, CR and CRLF end a line.
class LineIndex {
 public:
  LineIndex(std::string_view text, bool at_start) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n' ||
          (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
        starts_.push_back(i + 1);
      }
    }
    bom_ = at_start && text.substr(0, 3) == "\xEF\xBB\xBF";
  }
  // 1-based line and code-point column of byte `offset`. Counts from the
  // last position asked for when it is on the same line, so asking for the
  // sorted offsets of many findings on one long line stays linear.
  std::pair<std::size_t, std::size_t> locate(std::size_t offset) const {
    std::size_t line = cur_line_;
    if (line == 0 || offset < starts_[line - 1] ||
        (line < starts_.size() && offset >= starts_[line])) {
      auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
      line = static_cast<std::size_t>(it - starts_.begin());
      cur_line_ = line;
      cur_off_ = (line == 1 && bom_) ? std::min<std::size_t>(3, text_.size())
                                     : starts_[line - 1];
      cur_col_ = 1;
    }
    if (offset < cur_off_ && line == 1 && bom_ && offset < 3) {
      return {line, 1};
    }
    std::size_t from = (line == 1 && bom_)
                           ? std::min<std::size_t>(3, text_.size())
                           : starts_[line - 1];
    if (offset >= cur_off_) {
      for (std::size_t i = cur_off_; i < offset; ++i)
        cur_col_ += !is_continuation(static_cast<unsigned char>(text_[i]));
    } else if (offset - from < cur_off_ - offset) {
      cur_col_ = 1;
      for (std::size_t i = from; i < offset; ++i)
        cur_col_ += !is_continuation(static_cast<unsigned char>(text_[i]));
    } else {
      for (std::size_t i = offset; i < cur_off_; ++i)
        cur_col_ -= !is_continuation(static_cast<unsigned char>(text_[i]));
    }
    cur_off_ = offset;
    return {line, cur_col_};
  }
  // First byte of the line `delta` lines before (< 0) or after the line of
  // `offset`, clamped to the text.
  std::size_t line_start(std::size_t offset, long delta) const {
    long line = static_cast<long>(
        std::upper_bound(starts_.begin(), starts_.end(), offset) -
        starts_.begin() - 1);
    line = std::clamp<long>(line + delta, 0,
                            static_cast<long>(starts_.size()) - 1);
    return starts_[static_cast<std::size_t>(line)];
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
  bool bom_ = false;
  // The last position located: line (0 = none), byte and column.
  mutable std::size_t cur_line_ = 0;
  mutable std::size_t cur_off_ = 0;
  mutable std::size_t cur_col_ = 1;
};

json region(const LineIndex& index, std::string_view text, std::size_t begin,
            std::size_t end, bool snippet, const SarifShift& shift) {
  auto [l1, c1] = index.locate(begin);
  auto [l2, c2] = index.locate(end);
  json r = json::object();
  r["startLine"] = l1 + shift.lines;
  r["startColumn"] = l1 == 1 ? c1 + shift.col_offset : c1;
  r["endLine"] = l2 + shift.lines;
  r["endColumn"] = l2 == 1 ? c2 + shift.col_offset : c2;
  r["byteOffset"] = begin + shift.base;
  r["byteLength"] = end - begin;
  if (snippet)
    r["snippet"] = {{"text", std::string(text.substr(begin, end - begin))}};
  return r;
}

// Percent-encodes a path for a URI reference (RFC 3986: unreserved
// characters and '/' stay).
std::string encode_path(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
        c == '/') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

json artifact_location(const std::string& name) {
  json loc = json::object();
  if (!name.empty() && name[0] == '/') {
    loc["uri"] = "file://" + encode_path(name);
    return loc;
  }
  std::string rel = name;
  while (rel.rfind("./", 0) == 0) rel.erase(0, 2);
  loc["uri"] = encode_path(rel);
  if (name != "<stdin>") loc["uriBaseId"] = kSrcRoot;
  return loc;
}

// The byte range that rewriting `f` alone changes, and its new content:
// the common prefix and suffix of old and new text are trimmed, then widened
// to whole code points.
bool fix_change(std::string_view text, const LineIndex& index,
                const unspin::Finding& f, bool whole_text, std::size_t& begin,
                std::size_t& end, std::string& inserted) {
  std::size_t from = 0;
  std::size_t to = text.size();
  if (!whole_text) {
    // The lines around the finding, but never more than kWindow bytes on
    // either side: on one long line, a whole-line window per finding made
    // the log quadratic. The rewrite is a splice, so the window only bounds
    // how far the unchanged prefix and suffix are trimmed.
    constexpr std::size_t kWindow = 4096;
    from = std::max(index.line_start(f.begin, -2),
                    f.begin > kWindow ? f.begin - kWindow : 0);
    while (from > 0 && is_continuation(static_cast<unsigned char>(text[from])))
      --from;
    to = index.line_start(f.end, 2);
    if (to <= f.end) to = text.size();
    to = std::min(to, f.end + kWindow);
    while (to < text.size() &&
           is_continuation(static_cast<unsigned char>(text[to])))
      ++to;
  }
  unspin::Finding local = f;
  local.begin -= from;
  local.end -= from;
  std::string_view old_text = text.substr(from, to - from);
  unspin::Result<std::string> fixed =
      unspin::Detector::rewrite(old_text, {local});
  if (!fixed.ok() || *fixed == old_text) return false;
  const std::string& now = *fixed;
  std::size_t prefix = 0;
  std::size_t limit = std::min(old_text.size(), now.size());
  while (prefix < limit && old_text[prefix] == now[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < limit - prefix && old_text[old_text.size() - 1 - suffix] ==
                                        now[now.size() - 1 - suffix]) {
    ++suffix;
  }
  while (prefix > 0 &&
         is_continuation(static_cast<unsigned char>(old_text[prefix]))) {
    --prefix;
  }
  while (suffix > 0 && is_continuation(static_cast<unsigned char>(
                           old_text[old_text.size() - suffix]))) {
    --suffix;
  }
  begin = from + prefix;
  end = from + old_text.size() - suffix;
  inserted = now.substr(prefix, now.size() - suffix - prefix);
  return true;
}

}  // namespace

const char* SarifLog::level_for(double confidence) {
  if (confidence >= kErrorConfidence) return "error";
  if (confidence >= kWarningConfidence) return "warning";
  return "note";
}

namespace {

std::string message_text(const unspin::Finding& f) {
  return quote_text(f.text) + " -> " + suggestion_text(f);
}

}  // namespace

json SarifLog::results(const std::string& name, std::string_view text,
                       const std::vector<unspin::Finding>& findings,
                       const SarifShift* shift_or_null) {
  json out = json::array();
  if (findings.empty()) return out;
  const SarifShift shift = shift_or_null ? *shift_or_null : SarifShift{};
  const LineIndex index(text, shift.base == 0);
  const json location = artifact_location(name);
  const bool whole_text = text.size() * findings.size() <= kWholeTextBudget;
  for (const unspin::Finding& f : findings) {
    json r = json::object();
    const bool discovered = f.source.rfind("discovered:", 0) == 0;
    r["ruleId"] = discovered ? kDiscoveredRuleId : kRuleId;
    r["ruleIndex"] = discovered ? 1 : 0;
    // On the rounded confidence the log shows, so the two always agree.
    r["level"] = level_for(round4(f.confidence));
    r["message"] = {{"text", message_text(f)}};
    r["locations"] = json::array(
        {{{"physicalLocation",
           {{"artifactLocation", location},
            {"region", region(index, text, f.begin, f.end, true, shift)}}}}});
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string inserted;
    if (f.has_suggestion && f.rewritable &&
        fix_change(text, index, f, whole_text, begin, end, inserted)) {
      json replacement = {
          {"deletedRegion", region(index, text, begin, end, false, shift)},
          {"insertedContent", {{"text", inserted}}}};
      std::string what = f.suggestion.empty()
                             ? "Delete " + quote_text(f.text)
                             : "Replace with " + quote_text(f.suggestion);
      r["fixes"] = json::array(
          {{{"description", {{"text", what}}},
            {"artifactChanges",
             json::array({{{"artifactLocation", location},
                           {"replacements", json::array({replacement})}}})}}});
    }
    r["rank"] = std::round(f.confidence * 1000.0) / 10.0;
    json props = json::object();
    props["confidence"] = round4(f.confidence);
    props["source"] = f.source;
    if (f.has_suggestion) {
      props["suggestion"] = f.suggestion;
    } else {
      props["suggestion"] = nullptr;
    }
    if (!f.alternatives.empty()) props["alternatives"] = f.alternatives;
    r["properties"] = std::move(props);
    out.push_back(std::move(r));
  }
  return out;
}

namespace {
constexpr const char* kResultsMarker = "@@unspin-sarif-results@@";
}  // namespace

std::string SarifLog::write_results(const json& results) {
  std::string out;
  if (results.empty()) return out;
  const std::string log = skeleton(true);
  const std::size_t at = log.find(std::string("\"") + kResultsMarker);
  const std::size_t line = log.rfind('\n', at) + 1;
  const std::string indent(at - line, ' ');
  if (!started_) {
    out = log.substr(0, line);
  }
  for (const json& r : results) {
    if (started_) out += ",\n";
    started_ = true;
    std::string text = r.dump(2, ' ', false, json::error_handler_t::replace);
    out += indent;
    for (char c : text) {
      out += c;
      if (c == '\n') out += indent;
    }
  }
  return out;
}

void SarifLog::add_notification(const std::string& message, const char* level) {
  notifications_.push_back(
      {{"level", level}, {"message", {{"text", message}}}});
}

std::string SarifLog::finish(bool successful) const {
  std::string log = skeleton(successful);
  const std::string marker = std::string("\"") + kResultsMarker + "\"";
  const std::size_t at = log.find(marker);
  if (started_) return log.substr(at + marker.size());
  // No result: an empty array, as nlohmann prints it.
  const std::size_t open = log.rfind('[', at);
  const std::size_t close = log.find(']', at);
  return log.substr(0, open) + "[]" + log.substr(close + 1);
}

std::string SarifLog::skeleton(bool successful) const {
  json rule = {
      {"id", kRuleId},
      {"name", "SpunPhrase"},
      {"shortDescription",
       {{"text", "A synonym-swapped (spun) phrase replaced a standard one."}}},
      {"fullDescription",
       {{"text",
         "Article spinners swap words for synonyms to disguise copied text "
         "(\"bad guy gangs\" for \"criminal gangs\"). The phrase matches an "
         "entry of a phrase table; the fix restores the canonical wording."}}},
      {"defaultConfiguration", {{"level", "warning"}}}};
  json discovered_rule = {
      {"id", kDiscoveredRuleId},
      {"name", "DiscoveredSpunPhrase"},
      {"shortDescription",
       {{"text", "A phrase no table holds that reads like a synonym swap."}}},
      {"fullDescription",
       {{"text",
         "Found by cleanup --discover: a word substitution learned from the "
         "phrase tables or a thesaurus turns the phrase into a far more "
         "likely or established one (\"environment change\" for \"climate "
         "change\"); the fix restores that phrase. Less certain than a table "
         "match: check the confidence."}}},
      {"defaultConfiguration", {{"level", "warning"}}}};
  json driver = {{"name", "unspin cleanup"},
                 {"version", unspin::version()},
                 {"semanticVersion", unspin::version()},
                 {"rules", json::array({rule, discovered_rule})}};
  json invocation = json::object();
  invocation["executionSuccessful"] = successful;
  if (!notifications_.empty()) {
    invocation["toolExecutionNotifications"] = notifications_;
  }
  json run = json::object();
  run["tool"] = {{"driver", driver}};
  char cwd[PATH_MAX];
  if (::getcwd(cwd, sizeof cwd)) {
    std::string base = cwd;
    if (base.back() != '/') base += '/';
    run["originalUriBaseIds"] = {
        {kSrcRoot, {{"uri", "file://" + encode_path(base)}}}};
  }
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = json::array({kResultsMarker});
  run["invocations"] = json::array({invocation});
  json log = json::object();
  log["$schema"] = kSchema;
  log["version"] = "2.1.0";
  log["runs"] = json::array({run});
  return log.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace unspin_cli
