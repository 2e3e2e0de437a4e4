// unspin: in-document suppression (see suppress.hpp).
#include "suppress.hpp"

#include <algorithm>
#include <map>

#include "score.hpp"

namespace unspin::detail {
namespace {

constexpr std::string_view kPrefix = "unspin-";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (is_blank(s.front()) || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (is_blank(s.back()) || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// Lower-case ASCII letters, one space between words.
std::string normalize(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (is_blank(c) || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// The offset just after the line terminator at or after `from`, or npos.
std::size_t next_line(std::string_view text, std::size_t from) {
  const std::size_t t = text.find_first_of("\r\n", from);
  if (t == std::string_view::npos) return t;
  return text.compare(t, 2, "\r\n") == 0 ? t + 2 : t + 1;
}

// Parses "unspin-KIND [PHRASE, ...]" (the body of a comment, trimmed);
// false when it is not a directive.
bool parse_body(std::string_view body, Directive& d) {
  if (body.substr(0, kPrefix.size()) != kPrefix) return false;
  body.remove_prefix(kPrefix.size());
  std::string_view rest;
  for (auto [word, kind] :
       {std::pair{std::string_view("disable-next-line"),
                  Directive::Kind::kNextLine},
        std::pair{std::string_view("disable"), Directive::Kind::kDisable},
        std::pair{std::string_view("enable"), Directive::Kind::kEnable}}) {
    if (body.substr(0, word.size()) != word) continue;
    rest = body.substr(word.size());
    if (!rest.empty() && !is_blank(rest.front()) && rest.front() != ':')
      return false;  // "unspin-disabled", "unspin-enable-x"
    if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
    d.kind = kind;
    std::size_t pos = 0;
    while (pos <= rest.size()) {
      std::size_t comma = rest.find(',', pos);
      if (comma == std::string_view::npos) comma = rest.size();
      std::string p = normalize(rest.substr(pos, comma - pos));
      if (!p.empty()) d.phrases.push_back(std::move(p));
      pos = comma + 1;
    }
    return true;
  }
  return false;
}

void place(std::string_view text, std::size_t from, std::size_t at,
           Directive& d) {
  d.from = from;
  d.at = at;
  if (d.kind != Directive::Kind::kNextLine) return;
  const std::size_t b = next_line(text, at);
  if (b == std::string_view::npos) {
    d.line_begin = d.line_end = text.size();
    return;
  }
  d.line_begin = b;
  const std::size_t e = text.find_first_of("\r\n", b);
  d.line_end = e == std::string_view::npos ? text.size() : e;
}

bool matches(const std::vector<std::string>& phrases, const Finding& f) {
  if (phrases.empty()) return true;
  const std::string text = normalize(f.text);
  const std::string entry = normalize(f.entry_spun);
  return std::any_of(phrases.begin(), phrases.end(), [&](const std::string& p) {
    return p == text || p == entry;
  });
}

// Carries `state` over one directive.
void apply(const Directive& d, SuppressState& state) {
  if (d.kind == Directive::Kind::kDisable) {
    if (d.phrases.empty()) {
      state.all = true;
    } else {
      state.phrases.insert(state.phrases.end(), d.phrases.begin(),
                           d.phrases.end());
      std::sort(state.phrases.begin(), state.phrases.end());
      state.phrases.erase(
          std::unique(state.phrases.begin(), state.phrases.end()),
          state.phrases.end());
    }
  } else if (d.kind == Directive::Kind::kEnable) {
    if (d.phrases.empty()) {
      state.all = false;
      state.phrases.clear();
    } else {
      for (const std::string& p : d.phrases)
        state.phrases.erase(
            std::remove(state.phrases.begin(), state.phrases.end(), p),
            state.phrases.end());
    }
  }
}

}  // namespace

std::vector<Directive> text_directives(std::string_view text) {
  std::vector<Directive> out;
  std::size_t pos = 0;
  while ((pos = text.find(kPrefix, pos)) != std::string_view::npos) {
    std::size_t line_begin = text.find_last_of("\r\n", pos);
    line_begin = line_begin == std::string_view::npos ? 0 : line_begin + 1;
    std::size_t line_end = text.find_first_of("\r\n", pos);
    if (line_end == std::string_view::npos) line_end = text.size();
    pos = line_end;
    std::string_view line =
        trim(text.substr(line_begin, line_end - line_begin));
    std::string_view close;
    bool opened = false;
    for (auto [open, closer] :
         {std::pair{std::string_view("<!--"), std::string_view("-->")},
          std::pair{std::string_view("/*"), std::string_view("*/")},
          std::pair{std::string_view("//"), std::string_view()},
          std::pair{std::string_view("#"), std::string_view()},
          std::pair{std::string_view("--"), std::string_view()},
          std::pair{std::string_view(";"), std::string_view()},
          std::pair{std::string_view("%"), std::string_view()}}) {
      if (line.substr(0, open.size()) != open) continue;
      line.remove_prefix(open.size());
      close = closer;
      opened = true;
      break;
    }
    if (!opened) continue;
    if (!close.empty()) {
      if (line.size() < close.size() ||
          line.substr(line.size() - close.size()) != close)
        continue;
      line.remove_suffix(close.size());
    }
    Directive d;
    if (!parse_body(trim(line), d)) continue;
    place(text, line_begin, line_end, d);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<Directive> comment_directives(
    std::string_view doc,
    const std::vector<std::pair<std::size_t, std::size_t>>& comments) {
  std::vector<Directive> out;
  for (auto [begin, end] : comments) {
    const std::string_view range = doc.substr(begin, end - begin);
    if (range.find(kPrefix) == std::string_view::npos) continue;
    std::size_t pos = 0;
    while ((pos = range.find("<!--", pos)) != std::string_view::npos) {
      const std::size_t close = range.find("-->", pos + 4);
      if (close == std::string_view::npos) break;
      Directive d;
      if (parse_body(trim(range.substr(pos + 4, close - pos - 4)), d)) {
        place(doc, begin + pos, begin + close + 3, d);
        out.push_back(std::move(d));
      }
      pos = close + 3;
    }
  }
  std::stable_sort(
      out.begin(), out.end(),
      [](const Directive& a, const Directive& b) { return a.at < b.at; });
  return out;
}

std::size_t suppress(std::string_view text,
                     const std::vector<Directive>& directives,
                     const SuppressState& start, std::vector<Finding>& findings,
                     Verdict& verdict) {
  if (findings.empty() || (directives.empty() && !start.all &&
                           start.phrases.empty() && !start.first_line))
    return 0;
  SuppressState state = start;
  const std::size_t first_line_end = [&] {
    const std::size_t e = text.find_first_of("\r\n");
    return e == std::string_view::npos ? text.size() : e;
  }();
  std::vector<const Directive*> lines;  // next-line directives seen
  std::size_t next = 0;
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (Finding& f : findings) {
    for (; next < directives.size() && directives[next].at <= f.begin; ++next) {
      apply(directives[next], state);
      if (directives[next].kind == Directive::Kind::kNextLine)
        lines.push_back(&directives[next]);
    }
    // In the comment itself ("# unspin-disable bad guy gangs").
    bool off = next < directives.size() && f.begin >= directives[next].from;
    off = off || state.all ||
          (!state.phrases.empty() && matches(state.phrases, f));
    if (!off && start.first_line && f.begin < first_line_end)
      off = matches(*start.first_line, f);
    for (const Directive* d : lines)
      if (!off && f.begin >= d->line_begin && f.begin < d->line_end)
        off = matches(d->phrases, f);
    if (!off) kept.push_back(std::move(f));
  }
  const std::size_t dropped = findings.size() - kept.size();
  findings = std::move(kept);
  if (dropped == 0) return 0;
  // The verdict of what is left: the best confidence of each distinct
  // phrase (table entry, or discovered original).
  std::map<std::string, double> best;
  for (const Finding& f : findings) {
    double& b = best[f.source.rfind("table:", 0) == 0
                         ? f.source
                         : "discovered\n" + f.entry_canonical];
    b = std::max(b, f.confidence);
  }
  std::vector<double> per_phrase;
  per_phrase.reserve(best.size());
  for (const auto& [key, conf] : best) per_phrase.push_back(conf);
  make_verdict(verdict.words, findings.size(), per_phrase, verdict);
  return dropped;
}

SuppressState state_at(std::string_view text,
                       const std::vector<Directive>& directives,
                       const SuppressState& start, std::size_t cut) {
  SuppressState state = start;
  state.first_line.reset();
  for (const Directive& d : directives) {
    if (d.at > cut) break;
    apply(d, state);
    if (d.kind == Directive::Kind::kNextLine && d.line_begin >= cut &&
        cut <= text.size())
      state.first_line = d.phrases;
  }
  return state;
}

}  // namespace unspin::detail
