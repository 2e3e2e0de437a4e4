// unspin cleanup: the output formats (text, json, jsonl, unified diff).
// Diff hunks come from the findings' spans, so no general diff is needed.
#include "output.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <unspin/excerpt.hpp>
#include <unspin/matcher_text.hpp>

namespace unspin_cli {
namespace {

// ordered_json keeps the documented field order (file, line, column, ...).
using json = nlohmann::ordered_json;

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kRed = "\x1b[31m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kReset = "\x1b[0m";
constexpr std::size_t kContext = 3;

void paint(std::string& out, bool color, const char* code,
           const std::string& s) {
  if (color) out += code;
  out += s;
  if (color) out += kReset;
}

// The finding's fields shared by the json and jsonl formats, in output order.
void add_finding_fields(json& j, const unspin::Finding& f,
                        const OutputStyle& style) {
  j["line"] = f.line;
  j["column"] = f.column;
  j["begin"] = f.begin;
  j["end"] = f.end;
  j["text"] = f.text;
  if (f.has_suggestion) {
    j["suggestion"] = f.suggestion;
  } else {
    j["suggestion"] = nullptr;
  }
  // The other suggestions, best first (a table entry's alternatives; a
  // discovered span's other guesses, or all of them when none is offered).
  if (!f.alternatives.empty()) j["alternatives"] = f.alternatives;
  j["confidence"] = round4(f.confidence);
  j["source"] = f.source;
  // Markdown/HTML: a suggestion --fix does not apply (the reason is in the
  // explanation).
  if (!f.rewritable) j["rewritable"] = false;
  if (style.explain) j["explanation"] = f.explanation;
}

}  // namespace

void append_json(std::string& out, const json& j) {
  // The library hands back the caller's bytes, which are valid UTF-8 unless
  // --invalid-utf8=replace let bad bytes through; never throw on those.
  out += j.dump(-1, ' ', false, json::error_handler_t::replace);
  out += '\n';
}

namespace {

// Appends one diff line with its prefix; a last line without a newline gets
// the usual marker.
void diff_line(std::string& out, char prefix, std::string_view line) {
  out += prefix;
  out += line;
  if (line.empty() || line.back() != '\n') {
    out += "\n\\ No newline at end of file\n";
  }
}

// Splits `text` into lines, each keeping its '\n'.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

std::string range(std::size_t start, std::size_t count) {
  // GNU style: "start" for one line, "start,count" otherwise; an empty range
  // names the line before it.
  if (count == 1) return std::to_string(start + 1);
  if (count == 0) return std::to_string(start) + ",0";
  return std::to_string(start + 1) + "," + std::to_string(count);
}

// A run of original lines [first, last] replaced by `new_lines`.
struct Block {
  std::size_t first = 0;
  std::size_t last = 0;
  std::vector<unspin::Finding> findings;
  std::string new_text;
  std::vector<std::string_view> new_lines;
};

}  // namespace

double round4(double x) { return std::round(x * 10000.0) / 10000.0; }

// Quotes `s` for the text format: one line, C-style escapes.
std::string quote_text(std::string_view s) {
  return unspin::matcher_text::Quote(s);
}

std::string suggestion_text(const unspin::Finding& f) {
  if (!f.has_suggestion) return "?";
  if (f.suggestion.empty()) return "(delete)";
  return quote_text(f.suggestion);
}

json finding_json(const unspin::Finding& f, const OutputStyle& style) {
  json j = json::object();
  add_finding_fields(j, f, style);
  return j;
}

json verdict_json(const unspin::Verdict& v) {
  return json{{"spun_score", round4(v.spun_score)},
              {"spun", v.spun},
              {"words", v.words},
              {"findings", v.findings},
              {"distinct_phrases", v.distinct_phrases},
              {"findings_per_1000_words", round4(v.findings_per_1000_words)}};
}

void write_text(std::string& out, const std::string& file,
                const std::vector<unspin::Finding>& findings,
                const OutputStyle& style, std::string_view text,
                std::size_t base) {
  for (const unspin::Finding& f : findings) {
    paint(out, style.color, kBold,
          file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) +
              ":");
    out += ' ';
    paint(out, style.color, kRed, quote_text(f.text));
    out += " -> ";
    if (!f.has_suggestion) {
      out += '?';
      // A discovered phrase whose original is uncertain: the best guess.
      if (!f.alternatives.empty()) {
        out += " (perhaps ";
        paint(out, style.color, kGreen, quote_text(f.alternatives[0]));
        out += ')';
      }
    } else if (f.suggestion.empty()) {
      paint(out, style.color, kGreen, "(delete)");
    } else {
      paint(out, style.color, kGreen, quote_text(f.suggestion));
    }
    if (!f.rewritable) out += " [not applied by --fix]";
    char conf[32];
    std::snprintf(conf, sizeof conf, "(%.2f)", f.confidence);
    out += ' ';
    paint(out, style.color, kDim, conf);
    out += '\n';
    if (style.show_line && f.begin >= base && f.end <= base + text.size()) {
      for (const unspin::ExcerptLine& line :
           unspin::excerpt(text, f.begin - base, f.end - base)) {
        out += "    " + line.before;
        paint(out, style.color, kRed, line.span);
        out += line.after + "\n    ";
        paint(out, style.color, kRed, line.marker());
        out += '\n';
      }
    }
    if (style.explain && !f.explanation.empty()) {
      for (std::string_view line : split_lines(f.explanation)) {
        if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
        out += "    ";
        out += line;
        out += '\n';
      }
    }
  }
}

void write_jsonl(std::string& out, const std::string& file,
                 const std::vector<unspin::Finding>& findings,
                 const OutputStyle& style) {
  for (const unspin::Finding& f : findings) {
    json j = json::object();
    j["file"] = file;
    add_finding_fields(j, f, style);
    append_json(out, j);
  }
}

void write_json_begin(std::string& out, const std::string& file) {
  out += "{\"file\":";
  out += json(file).dump(-1, ' ', false, json::error_handler_t::replace);
  out += ",\"findings\":[";
}

void write_json_finding(std::string& out, const unspin::Finding& f,
                        const OutputStyle& style, bool first) {
  if (!first) out += ',';
  json j = json::object();
  add_finding_fields(j, f, style);
  out += j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void write_json_end(std::string& out, const unspin::Verdict& v) {
  out += "],\"verdict\":";
  out += verdict_json(v).dump(-1, ' ', false, json::error_handler_t::replace);
  out += '}';
}

std::string JsonRun::next_document() {
  if (started_) return ",\n";
  started_ = true;
  return "{\"files\":[\n";
}

std::string JsonRun::finish() const {
  return started_ ? "\n]}\n" : "{\"files\":[]}\n";
}

std::string printable_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  auto at = [&](std::size_t i) {
    return i < name.size() ? static_cast<unsigned char>(name[i]) : 0u;
  };
  auto hex = [&](unsigned char u) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02x", u);
    out += buf;
  };
  for (std::size_t i = 0; i < name.size();) {
    unsigned c = at(i);
    std::size_t n = 0;  // length of a valid UTF-8 sequence at i
    if (c < 0x80) {
      n = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = (at(i + 1) & 0xC0) == 0x80 ? 2 : 0;
    } else if (c >= 0xE0 && c <= 0xEF) {
      unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
      n = at(i + 1) >= lo && at(i + 1) <= hi && (at(i + 2) & 0xC0) == 0x80 ? 3
                                                                           : 0;
    } else if (c >= 0xF0 && c <= 0xF4) {
      unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
      n = at(i + 1) >= lo && at(i + 1) <= hi && (at(i + 2) & 0xC0) == 0x80 &&
                  (at(i + 3) & 0xC0) == 0x80
              ? 4
              : 0;
    }
    if (n == 0) {
      hex(static_cast<unsigned char>(c));
      ++i;
      continue;
    }
    if (n == 1 && (c < 0x20 || c == 0x7f)) {
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else {
        hex(static_cast<unsigned char>(c));
      }
    } else {
      out.append(name.substr(i, n));
    }
    i += n;
  }
  return out;
}

void write_json(std::string& out, const std::string& file,
                const unspin::ScanResult& result, const OutputStyle& style) {
  json findings = json::array();
  for (const unspin::Finding& f : result.findings) {
    json j = json::object();
    add_finding_fields(j, f, style);
    findings.push_back(std::move(j));
  }
  const unspin::Verdict& v = result.verdict;
  json verdict = {
      {"spun_score", round4(v.spun_score)},
      {"spun", v.spun},
      {"words", v.words},
      {"findings", v.findings},
      {"distinct_phrases", v.distinct_phrases},
      {"findings_per_1000_words", round4(v.findings_per_1000_words)}};
  json doc = json::object();
  doc["file"] = file;
  doc["findings"] = std::move(findings);
  doc["verdict"] = std::move(verdict);
  append_json(out, doc);
  out.pop_back();  // the '\n': JsonRun separates the documents
}

unspin::Status write_diff(std::string& out, const std::string& file,
                          std::string_view text,
                          const std::vector<unspin::Finding>& findings,
                          DiffPosition* pos) {
  std::vector<std::string_view> lines = split_lines(text);
  std::vector<std::size_t> starts;
  starts.reserve(lines.size() + 1);
  for (std::size_t i = 0, pos = 0; i < lines.size(); ++i) {
    starts.push_back(pos);
    pos += lines[i].size();
  }
  starts.push_back(text.size());
  auto line_of = [&](std::size_t offset) {
    auto it = std::upper_bound(starts.begin(), starts.end() - 1, offset);
    return static_cast<std::size_t>(it - starts.begin()) - 1;
  };

  // Group the findings by the lines they touch; findings sharing a line
  // are rewritten together.
  std::vector<Block> blocks;
  for (const unspin::Finding& f : findings) {
    if (!f.has_suggestion || !f.rewritable) continue;  // as rewrite() does
    if (f.begin > f.end || f.end > text.size() || lines.empty()) {
      return unspin::Status(unspin::ErrorCode::kInvalidArgument,
                            "finding outside the text");
    }
    std::size_t first = line_of(f.begin);
    std::size_t last = line_of(f.end > f.begin ? f.end - 1 : f.begin);
    if (!blocks.empty() && first <= blocks.back().last) {
      blocks.back().last = std::max(blocks.back().last, last);
    } else {
      blocks.push_back(Block{first, last, {}, {}, {}});
    }
    blocks.back().findings.push_back(f);
  }
  std::vector<Block> changed;
  for (Block& b : blocks) {
    std::size_t from = starts[b.first];
    std::size_t to = starts[b.last + 1];
    for (unspin::Finding& f : b.findings) {
      f.begin -= from;
      f.end -= from;
    }
    std::string_view old_text = text.substr(from, to - from);
    unspin::Result<std::string> rewritten =
        unspin::Detector::rewrite(old_text, b.findings);
    if (!rewritten.ok()) return rewritten.status();
    if (*rewritten == old_text) continue;
    b.new_text = std::move(*rewritten);
    changed.push_back(std::move(b));
  }
  if (changed.empty()) return unspin::Status::ok_status();
  // new_lines point into new_text: split only once the blocks stopped moving.
  for (Block& b : changed) {
    b.new_lines = split_lines(b.new_text);
    // A rewrite that kept a line break ("profound\nlearning" ->
    // "deep\nlearning") leaves whole lines unchanged: keep them as context.
    while (b.last > b.first && b.new_lines.size() > 1 &&
           lines[b.last] == b.new_lines.back()) {
      b.new_lines.pop_back();
      --b.last;
    }
    while (b.first < b.last && b.new_lines.size() > 1 &&
           lines[b.first] == b.new_lines.front()) {
      b.new_lines.erase(b.new_lines.begin());
      ++b.first;
    }
  }

  if (!pos || !pos->header_written) {
    out += "--- a/" + file + "\n+++ b/" + file + "\n";
    if (pos) pos->header_written = true;
  }
  const std::size_t shift = pos ? pos->line_offset : 0;
  long delta = pos ? pos->delta : 0;  // new minus old line number so far
  for (std::size_t i = 0; i < changed.size();) {
    // A hunk takes every following block whose context would touch its own.
    std::size_t j = i + 1;
    while (j < changed.size() &&
           changed[j].first - changed[j - 1].last - 1 <= 2 * kContext) {
      ++j;
    }
    std::size_t old_start =
        changed[i].first >= kContext ? changed[i].first - kContext : 0;
    std::size_t old_end =
        std::min(lines.size() - 1, changed[j - 1].last + kContext);
    std::size_t old_count = old_end - old_start + 1;
    long hunk_delta = 0;
    for (std::size_t k = i; k < j; ++k) {
      hunk_delta += static_cast<long>(changed[k].new_lines.size()) -
                    static_cast<long>(changed[k].last - changed[k].first + 1);
    }
    std::size_t new_start =
        static_cast<std::size_t>(static_cast<long>(old_start) + delta);
    std::size_t new_count =
        static_cast<std::size_t>(static_cast<long>(old_count) + hunk_delta);
    out += "@@ -" + range(old_start + shift, old_count) + " +" +
           range(new_start + shift, new_count) + " @@\n";
    std::size_t k = i;
    for (std::size_t line = old_start; line <= old_end;) {
      if (k < j && line == changed[k].first) {
        // Blocks on consecutive lines form one change, printed like diff(1):
        // all removed lines, then all added lines.
        std::size_t m = k + 1;
        while (m < j && changed[m].first == changed[m - 1].last + 1) ++m;
        for (std::size_t l = changed[k].first; l <= changed[m - 1].last; ++l) {
          diff_line(out, '-', lines[l]);
        }
        for (std::size_t b = k; b < m; ++b) {
          for (std::string_view nl : changed[b].new_lines) {
            diff_line(out, '+', nl);
          }
        }
        line = changed[m - 1].last + 1;
        k = m;
      } else {
        diff_line(out, ' ', lines[line]);
        ++line;
      }
    }
    delta += hunk_delta;
    i = j;
  }
  if (pos) pos->delta = delta;
  return unspin::Status::ok_status();
}

}  // namespace unspin_cli
