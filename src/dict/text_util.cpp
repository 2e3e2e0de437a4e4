// unspin dictionary tools: text helpers (see text_util.hpp); Unicode work is
// ICU's, ASCII whitespace is strings.hpp's.
#include "dict/text_util.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "strings.hpp"

namespace unspin::detail::dict {

std::string lower(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  std::string out;
  u.toLower(icu::Locale::getRoot()).toUTF8String(out);
  return out;
}

std::string phrase_key(std::string_view s) {
  std::string t = lower(s);
  for (char& c : t)
    if (c == '-') c = ' ';
  return collapse_whitespace(t);
}

std::string nfc(std::string_view s, bool* changed) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (n->isNormalized(u, err) && U_SUCCESS(err)) {
    if (changed) *changed = false;
    return std::string(s);
  }
  err = U_ZERO_ERROR;
  icu::UnicodeString out = n->normalize(u, err);
  if (U_FAILURE(err)) return std::string(s);
  if (changed) *changed = true;
  std::string res;
  out.toUTF8String(res);
  return res;
}

std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

std::string quote(std::string_view s) { return "'" + one_line(s) + "'"; }

std::string excerpt(std::string_view s) {
  constexpr std::size_t kMax = 60;
  if (s.size() <= kMax) return quote(s);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return quote(s.substr(0, cut)) + "... (" + std::to_string(s.size()) +
         " bytes)";
}

Status parse_error(const std::string& name, std::size_t line,
                   const std::string& message) {
  return Status(ErrorCode::kParseError,
                name + ":" + std::to_string(line) + ": " + message);
}

}  // namespace unspin::detail::dict
