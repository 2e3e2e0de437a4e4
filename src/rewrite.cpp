// unspin: rewriting: capitalization transfer, a/an choice, and applying
// findings to a text.
#include "rewrite.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdio>

#include "score.hpp"
#include "strings.hpp"

namespace unspin::detail {
namespace {

struct LetterStats {
  int upper = 0;
  int lower = 0;
  int first = 0;  // +1 upper, -1 lower, 0 no letter yet
};

LetterStats letter_stats(std::string_view w) {
  LetterStats s;
  std::int32_t i = 0;
  const auto* p = reinterpret_cast<const std::uint8_t*>(w.data());
  auto n = static_cast<std::int32_t>(w.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    bool up = u_isUUppercase(c) || u_istitle(c);
    bool low = u_isULowercase(c);
    if (up) ++s.upper;
    if (low) ++s.lower;
    if (s.first == 0 && (up || low)) s.first = up ? 1 : -1;
  }
  return s;
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Upper-cases the first letter of `s` at or after byte `from`; returns the
// byte offset just past that letter (or s.size()).
std::size_t upper_first_letter(std::string& s, std::size_t from) {
  std::int32_t i = static_cast<std::int32_t>(from);
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  auto n = static_cast<std::int32_t>(s.size());
  while (i < n) {
    std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    if (u_isalpha(c)) {
      UChar32 t = u_totitle(c);
      if (t != c) {
        std::string rep = to_utf8(icu::UnicodeString(t));
        s.replace(start, i - start, rep);
        return start + rep.size();
      }
      return i;
    }
    if (s[start] == ' ' || s[start] == '-') return i;  // word had no letter
  }
  return s.size();
}

bool is_horizontal_space(char c) { return c == ' ' || c == '\t'; }

bool only_whitespace(std::string_view s) {
  for (char c : s)
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r')) return false;
  return true;
}

bool is_space_byte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

CasePattern case_pattern(const std::vector<std::string_view>& words) {
  if (words.empty()) return CasePattern::kAsIs;
  int upper = 0;
  int lower = 0;
  bool all_first_upper = true;
  for (std::string_view w : words) {
    LetterStats s = letter_stats(w);
    upper += s.upper;
    lower += s.lower;
    if (s.first != 1) all_first_upper = false;
  }
  if (lower == 0 && upper >= 2) return CasePattern::kUpper;
  if (words.size() >= 2 && all_first_upper) return CasePattern::kTitle;
  if (letter_stats(words.front()).first == 1) return CasePattern::kFirstUpper;
  return CasePattern::kAsIs;
}

std::string apply_case(std::string_view canonical, CasePattern pattern) {
  std::string s(canonical);
  switch (pattern) {
    case CasePattern::kAsIs:
      return s;
    case CasePattern::kUpper:
      return to_utf8(
          icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale::getRoot()));
    case CasePattern::kFirstUpper:
      upper_first_letter(s, 0);
      return s;
    case CasePattern::kTitle: {
      std::size_t pos = 0;
      while (pos < s.size()) {
        pos = upper_first_letter(s, pos);
        // Skip to the next word.
        while (pos < s.size() && s[pos] != ' ' && s[pos] != '-') ++pos;
        while (pos < s.size() && (s[pos] == ' ' || s[pos] == '-')) ++pos;
      }
      return s;
    }
  }
  return s;
}

bool takes_an(std::string_view word) {
  if (word.empty()) return false;
  // Initialisms are read letter by letter: "an SVM", "an MRI", "a GPU".
  LetterStats st = letter_stats(word);
  if (word.size() >= 2 && st.lower == 0 && st.upper >= 2) {
    char c = word[0];
    return std::string_view("AEFHILMNORSX").find(c) != std::string_view::npos;
  }
  std::string w;
  for (char c : word)
    w += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  if (w[0] >= '0' && w[0] <= '9') {
    // "an 8", "an 11", "an 18", "an 80": by how the number is spoken.
    std::size_t digits = 0;
    while (digits < w.size() &&
           ((w[digits] >= '0' && w[digits] <= '9') || w[digits] == ','))
      ++digits;
    std::string num = w.substr(0, digits);
    num.erase(std::remove(num.begin(), num.end(), ','), num.end());
    if (num[0] == '8') return true;
    if (num.size() == 2 || num.size() == 5 || num.size() == 8)
      return num.rfind("11", 0) == 0 || num.rfind("18", 0) == 0;
    return false;
  }
  static const std::array<std::string_view, 10> kSilentH = {
      "hour", "honest", "honor", "honour",   "heir",
      "herb", "homage", "hors",  "heirloom", "honorar"};
  for (std::string_view h : kSilentH)
    if (starts_with(w, h)) return true;
  static const std::array<std::string_view, 17> kYouSound = {
      "uni", "use", "usu", "uti", "ura", "ure",  "uro", "uti", "ubiq",
      "ufo", "uk",  "eu",  "ewe", "one", "once", "ukr", "usa"};
  for (std::string_view y : kYouSound) {
    if (starts_with(w, y)) {
      // "an uninformed", "an unimportant": the un- prefix keeps "an".
      if (y == "uni" && (starts_with(w, "unin") || starts_with(w, "unim") ||
                         starts_with(w, "unid") || starts_with(w, "unil")))
        return true;
      return false;
    }
  }
  return std::string_view("aeiou").find(w[0]) != std::string_view::npos;
}

Result<std::string> apply_findings(std::string_view text,
                                   std::vector<const Finding*> findings) {
  std::stable_sort(
      findings.begin(), findings.end(),
      [](const Finding* a, const Finding* b) { return a->begin < b->begin; });
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (const Finding* f : findings) {
    if (!f->has_suggestion || !f->rewritable) continue;
    if (f->begin > f->end || f->end > text.size())
      return Status(ErrorCode::kInvalidArgument,
                    "finding [" + std::to_string(f->begin) + ", " +
                        std::to_string(f->end) + ") is outside the text (" +
                        std::to_string(text.size()) + " bytes)");
    if (f->begin < pos)
      return Status(ErrorCode::kInvalidArgument,
                    "findings overlap at byte " + std::to_string(f->begin));
    out.append(text.substr(pos, f->begin - pos));
    out.append(f->suggestion);
    pos = f->end;
  }
  out.append(text.substr(pos));
  return out;
}

// Widens the span of a deleted phrase so that no stray space or comma is
// left, and capitalizes the next word when the phrase opened a sentence:
//   "They were, needless to say, gone." -> "They were gone."
//   "Needless to say, the gangs left."  -> "The gangs left."
//   "It has actually been done."         -> "It has been done."
void delete_span(std::string_view text, Finding& f) {
  std::size_t b = f.begin;
  std::size_t e = f.end;
  std::size_t before = b;  // first non-space byte before the span, exclusive
  while (before > 0 && is_space_byte(text[before - 1])) --before;
  std::size_t after = e;  // first byte after the span's following spaces
  while (after < text.size() && is_horizontal_space(text[after])) ++after;
  bool comma_after = after < text.size() && text[after] == ',';
  bool comma_before = before > 0 && text[before - 1] == ',';
  bool sentence_start = before == 0 || text[before - 1] == '.' ||
                        text[before - 1] == '!' || text[before - 1] == '?' ||
                        text[before - 1] == ':';
  f.suggestion.clear();
  if (comma_before && comma_after) {
    // ", needless to say," -> "": keep the space after the second comma.
    f.begin = before - 1;
    f.end = after + 1;
    return;
  }
  if (sentence_start) {
    // Remove the phrase, a comma after it and the spaces, then capitalize
    // the next word's first letter (ASCII only; others stay as written).
    std::size_t next = comma_after ? after + 1 : after;
    while (next < text.size() && is_horizontal_space(text[next])) ++next;
    f.end = next;
    if (next < text.size() && text[next] >= 'a' && text[next] <= 'z') {
      f.end = next + 1;
      f.suggestion = std::string(1, static_cast<char>(text[next] - 32));
    }
    return;
  }
  // Mid-sentence: take the spaces before the phrase with it.
  std::size_t sp = b;
  while (sp > 0 && is_horizontal_space(text[sp - 1])) --sp;
  if (sp < b) {
    f.begin = sp;
  } else {
    f.end = after;
  }
}

void settle_capitals(std::string_view text, std::vector<Finding>& findings) {
  for (std::size_t i = 0; i + 1 < findings.size(); ++i) {
    Finding& a = findings[i];
    Finding& b = findings[i + 1];
    if (a.end != b.begin + 1 || a.suggestion.size() != 1 || !a.has_suggestion)
      continue;
    a.end = b.begin;
    a.text = std::string(text.substr(a.begin, a.end - a.begin));
    a.suggestion.clear();
    auto capitalize = [](std::string& s) {
      if (!s.empty() && s[0] >= 'a' && s[0] <= 'z')
        s[0] = static_cast<char>(s[0] - 32);
    };
    if (b.has_suggestion) capitalize(b.suggestion);
    for (std::string& alt : b.alternatives) capitalize(alt);
  }
}

// The suggestion written with the span's own separators where they were
// line breaks ("bad guy\ngangs" -> "criminal\ngangs") and with its own
// apostrophe style (a typographic apostrophe stays typographic).
std::string keep_layout(std::string_view text, const std::vector<Token>& tokens,
                        std::string suggestion) {
  const std::size_t first = 0;
  const std::size_t last = tokens.size();
  std::size_t n = last - first;
  std::size_t spaces = static_cast<std::size_t>(
      std::count(suggestion.begin(), suggestion.end(), ' '));
  if (n > 1 && spaces == n - 1) {
    std::string out;
    std::size_t gap = 0;
    for (char c : suggestion) {
      if (c != ' ') {
        out += c;
        continue;
      }
      ++gap;
      std::string_view g =
          text.substr(tokens[first + gap - 1].end,
                      tokens[first + gap].begin - tokens[first + gap - 1].end);
      bool ws = !g.empty() && only_whitespace(g) &&
                g.find('\n') != std::string_view::npos;
      out += ws ? std::string(g) : std::string(" ");
    }
    suggestion = std::move(out);
  }
  std::string_view span = text.substr(
      tokens[first].begin, tokens[last - 1].end - tokens[first].begin);
  static const std::string kCurly = "\xE2\x80\x99";
  if (span.find(kCurly) != std::string_view::npos) {
    std::string out;
    for (char c : suggestion) {
      if (c == '\'')
        out += kCurly;
      else
        out += c;
    }
    suggestion = std::move(out);
  }
  return suggestion;
}

// a/an in front of a replaced span follows the new first word: when the
// word [art_begin, art_end) before f.begin, separated from it by whitespace
// only, is "a"/"an" and suggestions[0] needs the other one, the span grows
// to take the article in and every suggestion starts with its own. An
// article before `floor` (the end of the previous finding) belongs to that
// finding and is left alone, so findings never overlap.
void fix_article(std::string_view text, std::size_t art_begin,
                 std::size_t art_end, std::size_t floor, CasePattern pattern,
                 Finding& f, std::vector<std::string>& suggestions) {
  if (suggestions.empty() || art_begin < floor) return;
  std::string_view art = text.substr(art_begin, art_end - art_begin);
  std::string_view gap = text.substr(art_end, f.begin - art_end);
  std::string lart = ascii_lower(art);
  if ((lart != "a" && lart != "an") || gap.empty() || !only_whitespace(gap))
    return;
  auto first_word = [](const std::string& s) {
    std::size_t e = s.find_first_of(" -");
    return s.substr(0, e);
  };
  bool has_an = lart == "an";
  if (takes_an(first_word(suggestions[0])) == has_an) return;
  f.begin = art_begin;
  for (std::string& s : suggestions) {
    bool an = takes_an(first_word(s));
    std::string a = an ? "an" : "a";
    if (art[0] == 'A') a[0] = 'A';
    if (an && art.size() == 2 && art[1] == 'N') a = "AN";
    if (!an && art.size() == 1 && art[0] == 'A' &&
        pattern == CasePattern::kUpper)
      a = "A";
    s = a + std::string(gap) + s;
  }
}

// The ASCII word ending just before the whitespace that precedes `pos`
// ([*b, *e)); false when there is none (punctuation, start of text).
bool word_before(std::string_view text, std::size_t pos, std::size_t* b,
                 std::size_t* e) {
  std::size_t i = pos;
  while (i > 0 && is_space_byte(text[i - 1])) --i;
  if (i == pos || i == 0) return false;
  std::size_t j = i;
  auto letter = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  };
  while (j > 0 && letter(text[j - 1])) --j;
  if (j == i || i - j > 2) return false;
  if (j > 0 && static_cast<unsigned char>(text[j - 1]) >= 0x80) return false;
  if (j > 0 &&
      (letter(text[j - 1]) || (text[j - 1] >= '0' && text[j - 1] <= '9')))
    return false;
  *b = j;
  *e = i;
  return true;
}

void render_table_finding(std::string_view text, const Entry& entry,
                          const std::vector<std::string>& canonicals,
                          const Hit& hit, const std::vector<Token>& span_tokens,
                          std::size_t floor, Finding& f) {
  f.explanation = "table " + entry.table + ":" + std::to_string(entry.line) +
                  " (" + entry.spun + " -> " +
                  (entry.unknown    ? std::string("?")
                   : entry.deletion ? std::string("<delete>")
                                    : entry.canonicals.front()) +
                  "): " + f.explanation;
  f.source = "table:" + entry.table + ":" + std::to_string(entry.line);
  f.entry_spun = entry.spun;
  f.entry_canonical = entry.unknown    ? "?"
                      : entry.deletion ? ""
                                       : entry.canonicals.front();
  f.begin = hit.begin;
  f.end = hit.end;
  trim_format_chars(text, &f.begin, &f.end);

  // The span's own words: the matcher's tokens, cut to the trimmed span.
  thread_local std::vector<Token> tokens;
  const Token* first = span_tokens.data() + hit.span;
  clip_tokens(first, first + (hit.last - hit.first), f.begin, f.end, tokens);
  std::vector<std::string_view> words;
  for (const Token& t : tokens)
    words.push_back(text.substr(t.begin, t.end - t.begin));
  const CasePattern pattern = case_pattern(words);

  if (entry.unknown) {
    f.has_suggestion = false;
  } else if (entry.deletion) {
    delete_span(text, f);
  } else {
    std::vector<std::string> suggestions;
    for (const std::string& alt : canonicals)
      suggestions.push_back(
          keep_layout(text, tokens, apply_case(alt, pattern)));
    if (hit.has_prev)
      fix_article(text, hit.prev_begin, hit.prev_end, floor, pattern, f,
                  suggestions);
    if (suggestions.empty()) {
      f.has_suggestion = false;
    } else {
      f.suggestion = suggestions[0];
      f.alternatives.assign(suggestions.begin() + 1, suggestions.end());
    }
  }
  f.text = std::string(text.substr(f.begin, f.end - f.begin));
}

void render_discovered_finding(std::string_view text, Discovered& d,
                               CasePattern pattern, std::string spun_lemma,
                               double conf, const Ranges& taken,
                               std::size_t floor, Finding& f) {
  // Finding::confidence is P(spun, and the suggestion restores the
  // original). The best guess is offered as the suggestion when it is more
  // likely right than not; otherwise the span is flagged without a
  // suggestion, its confidence P(spun), the guesses kept as alternatives,
  // like a table entry whose canonical is unknown.
  const bool suggest = d.restore_confidence >= kOfferGuess;
  f.begin = d.begin;
  f.end = d.end;
  trim_format_chars(text, &f.begin, &f.end);
  f.confidence = conf;
  f.source = "discovered:" + d.how;
  f.entry_spun = std::move(spun_lemma);
  f.entry_canonical = d.original_lemma;
  std::string_view why = d.explanation;
  if (why.substr(0, 12) == "discovered: ") why.remove_prefix(12);
  auto two = [](double v) {
    char b[16];
    std::snprintf(b, sizeof b, "%.2f", v);
    return std::string(b);
  };
  f.explanation = "discovered (" + d.how + "): " + std::string(why) +
                  "; P(spun) " + two(d.confidence) + ", P(spun and '" +
                  d.suggestions[0] + "' restores it) " +
                  two(d.restore_confidence) +
                  (suggest ? "" : " => flagged without a suggestion");
  if (suggest) {
    std::size_t art_b = 0, art_e = 0;
    if (word_before(text, f.begin, &art_b, &art_e) &&
        !overlaps(taken, art_b, art_e))
      fix_article(text, art_b, art_e, floor, pattern, f, d.suggestions);
    f.suggestion = d.suggestions[0];
    f.alternatives.assign(d.suggestions.begin() + 1, d.suggestions.end());
  } else {
    f.has_suggestion = false;
    f.alternatives = d.suggestions;
  }
  f.text = std::string(text.substr(f.begin, f.end - f.begin));
}

void locate_findings(std::string_view text, std::vector<Finding>& findings) {
  std::size_t pos = 0;
  std::size_t line = 1;
  std::size_t col = 1;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // a BOM is not a column
  for (Finding& f : findings) {
    for (; pos < f.begin; ++pos) {
      unsigned char ch = static_cast<unsigned char>(text[pos]);
      if (ch == '\n') {
        ++line;
        col = 1;
      } else if (ch == '\r') {
        if (pos + 1 < text.size() && text[pos + 1] == '\n') continue;
        ++line;
        col = 1;
      } else if ((ch & 0xC0) != 0x80) {
        ++col;
      }
    }
    f.line = line;
    f.column = col;
  }
}
}  // namespace unspin::detail
