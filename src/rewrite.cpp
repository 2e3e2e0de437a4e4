// unspin: rewriting: capitalization transfer, a/an choice, and applying
// findings to a text.
#include "rewrite.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

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

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
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
      return to_utf8(icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale::getRoot()));
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
    while (digits < w.size() && ((w[digits] >= '0' && w[digits] <= '9') ||
                                 w[digits] == ','))
      ++digits;
    std::string num = w.substr(0, digits);
    num.erase(std::remove(num.begin(), num.end(), ','), num.end());
    if (num[0] == '8') return true;
    if (num.size() == 2 || num.size() == 5 || num.size() == 8)
      return num.rfind("11", 0) == 0 || num.rfind("18", 0) == 0;
    return false;
  }
  static const std::array<std::string_view, 10> kSilentH = {
      "hour", "honest", "honor", "honour", "heir", "herb", "homage", "hors", "heirloom", "honorar"};
  for (std::string_view h : kSilentH)
    if (starts_with(w, h)) return true;
  static const std::array<std::string_view, 17> kYouSound = {
      "uni", "use", "usu", "uti", "ura", "ure", "uro", "uti", "ubiq", "ufo",
      "uk",  "eu",  "ewe", "one", "once", "ukr", "usa"};
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
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding* a, const Finding* b) {
                     return a->begin < b->begin;
                   });
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (const Finding* f : findings) {
    if (!f->has_suggestion) continue;
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

}  // namespace unspin::detail
