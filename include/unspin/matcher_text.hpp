// unspin matcher messages: what the Catch2 (catch2.hpp) and GoogleTest
// (gtest.hpp) matchers print when they fail. Header-only.
#ifndef UNSPIN_MATCHER_TEXT_HPP_
#define UNSPIN_MATCHER_TEXT_HPP_

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <unspin/excerpt.hpp>
#include <unspin/unspin.hpp>
#include <utility>
#include <vector>

namespace unspin {
/// The text of the test matchers' failure messages, shared by catch2.hpp
/// and gtest.hpp so both say the same. Not needed to use the matchers.
namespace matcher_text {

/// Findings described one by one in a failure message; the rest are
/// counted ("... and 3 more").
constexpr std::size_t kMaxFindings = 10;
/// Bytes of the tested text a failure message shows as the value.
constexpr std::size_t kValueBytes = 60;

/// `s` in double quotes, with C escapes for quotes, backslashes and control
/// characters (\", \\, \n, \r, \t, \xHH), on one line.
inline std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

/// The tested text as a failure message shows it instead of printing all
/// of it: whole when it has at most kValueBytes bytes, else its start (cut
/// at a character boundary) and its size:
/// `"Police said bad guy gangs..." (13042 bytes, 190 lines)`.
inline std::string Value(std::string_view text) {
  if (text.size() <= kValueBytes) return Quote(text);
  std::size_t cut = kValueBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  std::size_t lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' ||
        (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
      ++lines;
  }
  if (text.back() == '\n' || text.back() == '\r') --lines;
  std::string out = Quote(text.substr(0, cut));
  out.insert(out.size() - 1, "...");
  out += " (" + std::to_string(text.size()) + " bytes, " +
         std::to_string(lines) + (lines == 1 ? " line)" : " lines)");
  return out;
}

/// Each finding of a scan of `text` (at most kMaxFindings), as a line
/// `  LINE:COLUMN: "spun" -> "suggestion" (confidence 0.93, SOURCE)` and the
/// finding's line of text with the span marked (unspin::excerpt, 72 bytes
/// at most, indented by 4), each line starting with '\n'.
inline std::string Findings(std::string_view text,
                            const std::vector<Finding>& findings) {
  std::string out;
  ExcerptOptions options;
  options.count_bytes = true;  // Catch2 wraps its messages by bytes
  for (std::size_t i = 0; i < findings.size() && i < kMaxFindings; ++i) {
    const Finding& f = findings[i];
    char confidence[32];
    std::snprintf(confidence, sizeof confidence, "%.2f", f.confidence);
    out += "\n  " + std::to_string(f.line) + ":" + std::to_string(f.column) +
           ": " + Quote(f.text) + " -> " +
           (f.has_suggestion ? Quote(f.suggestion) : "(no suggestion)") +
           " (confidence " + confidence + ", " + f.source + ")";
    for (const ExcerptLine& line : excerpt(text, f.begin, f.end, options)) {
      out += "\n    " + line.text() + "\n    " + line.marker();
    }
  }
  if (findings.size() > kMaxFindings) {
    out += "\n  ... and " + std::to_string(findings.size() - kMaxFindings) +
           " more";
  }
  return out;
}

/// "N spun phrase(s):" and Findings(), for IsFreeOfSpin's failure message.
inline std::string SpinFound(std::string_view text,
                             const std::vector<Finding>& findings) {
  return std::to_string(findings.size()) + " spun phrase" +
         (findings.size() == 1 ? "" : "s") + ":" + Findings(text, findings);
}

/// 1-based line and column (in code points) of byte `offset` in UTF-8
/// `text`; lines end at LF.
inline std::pair<std::size_t, std::size_t> LineColumn(std::string_view text,
                                                      std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++column;
    }
  }
  return {line, column};
}

inline char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// Byte offsets of every occurrence of `needle` in `haystack`, comparing
/// ASCII letters case-insensitively (other bytes exactly).
inline std::vector<std::size_t> FindAll(std::string_view haystack,
                                        std::string_view needle) {
  std::vector<std::size_t> hits;
  if (needle.empty() || needle.size() > haystack.size()) return hits;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() &&
           AsciiLower(haystack[i + k]) == AsciiLower(needle[k])) {
      ++k;
    }
    if (k == needle.size()) hits.push_back(i);
  }
  return hits;
}

/// What Rewrites(spun, canonical) finds wrong with `output`, one problem
/// per line, each line starting with '\n': every place `spun` still occurs
/// (`  "spun" is still at LINE:COLUMN` and its line with the occurrence
/// marked; at most kMaxFindings), then `  "canonical" is missing`. Empty
/// when nothing is wrong.
inline std::string RewriteProblems(std::string_view output,
                                   std::string_view spun,
                                   std::string_view canonical) {
  std::string out;
  const std::vector<std::size_t> left = FindAll(output, spun);
  ExcerptOptions options;
  options.count_bytes = true;  // Catch2 wraps its messages by bytes
  for (std::size_t i = 0; i < left.size() && i < kMaxFindings; ++i) {
    const auto lc = LineColumn(output, left[i]);
    out += "\n  " + Quote(spun) + " is still at " + std::to_string(lc.first) +
           ":" + std::to_string(lc.second);
    for (const ExcerptLine& line :
         excerpt(output, left[i], left[i] + spun.size(), options)) {
      out += "\n    " + line.text() + "\n    " + line.marker();
    }
  }
  if (left.size() > kMaxFindings) {
    out +=
        "\n  ... and " + std::to_string(left.size() - kMaxFindings) + " more";
  }
  if (FindAll(output, canonical).empty()) {
    out += "\n  " + Quote(canonical) + " is missing";
  }
  return out;
}

}  // namespace matcher_text
}  // namespace unspin

#endif  // UNSPIN_MATCHER_TEXT_HPP_
