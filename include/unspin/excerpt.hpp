// unspin excerpts: the line of a text around a finding, cut to a bounded
// width, safe to print, with the span marked by carets. Header-only.
#ifndef UNSPIN_EXCERPT_HPP_
#define UNSPIN_EXCERPT_HPP_

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace unspin {

/// How much of a line an excerpt shows.
struct ExcerptOptions {
  /// Most characters shown of one line, "..." marks included; at least 16
  /// are used. Default 72: indented by 4, a line fits in 80 columns.
  std::size_t max_columns = 72;
  /// Count max_columns in bytes instead of characters (Catch2 wraps its
  /// messages at 80 bytes, so a line of non-ASCII text would be wrapped).
  /// Default false.
  bool count_bytes = false;
  /// Most lines shown of a span that crosses line breaks (at least 1).
  /// Default 3.
  std::size_t max_lines = 3;
};

/// One line of text around a span, ready to print on one terminal line:
/// control characters, C1 controls, bidirectional overrides and invalid
/// UTF-8 are escaped (\xHH, \uHHHH), a tab is shown as one space, and a long
/// line is cut around the span, "..." marking each cut.
struct ExcerptLine {
  std::string before;  ///< the line before the span ("..." first when cut)
  std::string span;    ///< the span's part of this line
  std::string after;   ///< the line after the span ("..." last when cut)
  std::size_t before_columns = 0;  ///< characters in `before`
  std::size_t span_columns = 0;    ///< characters in `span`

  /// The line as shown: before + span + after.
  std::string text() const { return before + span + after; }
  /// The line under it: a space per character of `before`, then a '^' per
  /// character of `span` (one for an empty span). Aligned when each
  /// character takes one column (wide CJK characters take two).
  std::string marker() const {
    return std::string(before_columns, ' ') +
           std::string(std::max<std::size_t>(span_columns, 1), '^');
  }
};

namespace excerpt_detail {

// One printed character: its text, its width in columns, its bytes in the
// source.
struct Unit {
  std::string shown;
  std::size_t columns = 0;
  std::size_t bytes = 0;
};

inline bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

inline bool is_break(char c) { return c == '\n' || c == '\r'; }

// Length of the valid UTF-8 sequence at `pos` and its code point; 0 when
// the bytes there are not one.
inline std::size_t decode(std::string_view s, std::size_t pos, char32_t& cp) {
  auto at = [&](std::size_t i) -> unsigned {
    return pos + i < s.size() ? static_cast<unsigned char>(s[pos + i]) : 0u;
  };
  const unsigned c = at(0);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF &&
      is_continuation(static_cast<unsigned char>(at(1)))) {
    cp = ((c & 0x1F) << 6) | (at(1) & 0x3F);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    if (at(1) >= lo && at(1) <= hi &&
        is_continuation(static_cast<unsigned char>(at(2)))) {
      cp = ((c & 0x0F) << 12) | ((at(1) & 0x3F) << 6) | (at(2) & 0x3F);
      return 3;
    }
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    if (at(1) >= lo && at(1) <= hi &&
        is_continuation(static_cast<unsigned char>(at(2))) &&
        is_continuation(static_cast<unsigned char>(at(3)))) {
      cp = ((c & 0x07) << 18) | ((at(1) & 0x3F) << 12) | ((at(2) & 0x3F) << 6) |
           (at(3) & 0x3F);
      return 4;
    }
  }
  return 0;
}

// The printed character that starts at `pos` (not a line break).
inline Unit unit_at(std::string_view s, std::size_t pos) {
  char32_t cp = 0;
  const std::size_t n = decode(s, pos, cp);
  char buf[16];
  if (n == 0) {  // a byte that is not UTF-8
    std::snprintf(buf, sizeof buf, "\\x%02X",
                  static_cast<unsigned char>(s[pos]));
    return {buf, 4, 1};
  }
  if (cp == '\t') return {" ", 1, 1};
  if (cp < 0x20 || cp == 0x7F) {
    std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(cp));
    return {buf, 4, 1};
  }
  // C1 controls, bidirectional embeddings, overrides and isolates: they
  // could change how the rest of the terminal line reads.
  if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
      (cp >= 0x2066 && cp <= 0x2069)) {
    std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
    return {buf, 6, n};
  }
  return {std::string(s.substr(pos, n)), 1, n};
}

// Start of the printed character that ends at `pos` (> 0).
inline std::size_t unit_before(std::string_view s, std::size_t pos) {
  std::size_t k = pos - 1;
  while (k > 0 && pos - k < 4 &&
         is_continuation(static_cast<unsigned char>(s[k]))) {
    --k;
  }
  char32_t cp = 0;
  return decode(s, k, cp) == pos - k ? k : pos - 1;
}

inline std::size_t cost(const Unit& u, bool count_bytes) {
  return count_bytes ? u.shown.size() : u.columns;
}

}  // namespace excerpt_detail

/// The lines of UTF-8 `text` that the bytes [begin, end) touch, each cut
/// around the span to `options.max_columns` (at most `options.max_lines`
/// lines; when the span goes on, the last one ends in "..."). Lines end at
/// LF, CR and CRLF. Offsets past the text are clamped. Reads only the bytes
/// it shows (plus a few), so it is cheap on a line of any length.
inline std::vector<ExcerptLine> excerpt(std::string_view text,
                                        std::size_t begin, std::size_t end,
                                        const ExcerptOptions& options = {}) {
  using excerpt_detail::cost;
  using excerpt_detail::is_break;
  using excerpt_detail::Unit;
  using excerpt_detail::unit_at;
  const std::size_t width = std::max<std::size_t>(options.max_columns, 16);
  const bool bytes = options.count_bytes;
  const std::string dots = "...";
  begin = std::min(begin, text.size());
  end = std::min(std::max(begin, end), text.size());
  std::vector<ExcerptLine> lines;
  std::size_t pos = begin;
  const std::size_t max_lines = std::max<std::size_t>(options.max_lines, 1);
  for (std::size_t n = 0; n < max_lines; ++n) {
    ExcerptLine line;
    const bool first = n == 0;
    // The span's part of this line, cut to leave room for some context.
    std::size_t stop = pos;
    while (stop < end && !is_break(text[stop])) ++stop;
    const std::size_t span_room = width - 8;
    std::size_t used = 0;
    std::size_t at = pos;
    bool span_cut = false;
    while (at < stop) {
      Unit u = unit_at(text, at);
      if (used + cost(u, bytes) > span_room - dots.size()) {
        span_cut = true;
        break;
      }
      used += cost(u, bytes);
      line.span += u.shown;
      line.span_columns += u.columns;
      at += u.bytes;
    }
    if (span_cut) {
      line.span += dots;
      line.span_columns += dots.size();
      used += dots.size();
    }
    // The context on either side: all of it when it fits, else half the
    // room each (or what the other side leaves), "..." marking a cut.
    const std::size_t room = width - used;
    std::vector<Unit> left;
    std::size_t left_cost = 0;
    bool left_more = false;  // more than `room` before the span
    for (std::size_t p = pos; first && p > 0 && !is_break(text[p - 1]);) {
      const std::size_t q = excerpt_detail::unit_before(text, p);
      Unit u = unit_at(text, q);
      if (left_cost + cost(u, bytes) > room) {
        left_more = true;
        break;
      }
      left_cost += cost(u, bytes);
      left.push_back(std::move(u));
      p = q;
    }
    std::vector<Unit> right;
    std::size_t right_cost = 0;
    bool right_more = false;
    for (std::size_t p = stop;
         !span_cut && p < text.size() && !is_break(text[p]);) {
      Unit u = unit_at(text, p);
      if (right_cost + cost(u, bytes) > room) {
        right_more = true;
        break;
      }
      right_cost += cost(u, bytes);
      p += u.bytes;
      right.push_back(std::move(u));
    }
    if (left_more || right_more || left_cost + right_cost > room) {
      std::size_t left_want = room / 2;
      if (!left_more && left_cost <= room / 2) {
        left_want = left_cost;
      } else if (!right_more && right_cost <= room / 2) {
        left_want = room - right_cost;
      }
      std::size_t right_want = room - left_want;
      auto trim = [&](std::vector<Unit>& units, std::size_t total, bool more,
                      std::size_t want) {
        if (!more && total <= want) return false;
        want = want > dots.size() ? want - dots.size() : 0;
        std::size_t c = 0;
        std::size_t keep = 0;
        while (keep < units.size() && c + cost(units[keep], bytes) <= want) {
          c += cost(units[keep], bytes);
          ++keep;
        }
        units.resize(keep);
        return true;
      };
      left_more = trim(left, left_cost, left_more, left_want);
      right_more = trim(right, right_cost, right_more, right_want);
    }
    if (left_more) {
      line.before = dots;
      line.before_columns = dots.size();
    }
    for (auto it = left.rbegin(); it != left.rend(); ++it) {
      line.before += it->shown;
      line.before_columns += it->columns;
    }
    for (const Unit& u : right) line.after += u.shown;
    // The span goes on past the last line shown: say so.
    const bool span_goes_on = stop < end && n + 1 == max_lines;
    if ((right_more || span_goes_on) && !span_cut) line.after += dots;
    lines.push_back(std::move(line));
    if (stop >= end) break;
    // The next line of the span starts after this line's break.
    pos = stop + (text[stop] == '\r' && stop + 1 < text.size() &&
                          text[stop + 1] == '\n'
                      ? 2
                      : 1);
    if (pos >= end) break;
  }
  return lines;
}

/// excerpt() as text: each line, then its marker line, each after `indent`
/// and ending in '\n'.
inline std::string excerpt_text(std::string_view text, std::size_t begin,
                                std::size_t end, std::string_view indent,
                                const ExcerptOptions& options = {}) {
  std::string out;
  for (const ExcerptLine& line : excerpt(text, begin, end, options)) {
    out.append(indent);
    out += line.text();
    out += '\n';
    out.append(indent);
    out += line.marker();
    out += '\n';
  }
  return out;
}

}  // namespace unspin

#endif  // UNSPIN_EXCERPT_HPP_
