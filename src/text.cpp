// unspin: text layer: strict UTF-8 validation, ICU word tokenization with an
// exact hand-written fast path for printable-ASCII chunks, normalization.
#include "text.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <stdexcept>

namespace unspin::detail {
namespace {

// ---------------------------------------------------------------- UTF-8 --

enum class Utf8Error {
  kNone,
  kStrayContinuation,
  kOverlong,
  kSurrogate,
  kTooLarge,
  kInvalidByte,
  kTruncated,
};

inline bool is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

// Checks the sequence starting at s[i] (s[i] >= 0x80). On success returns
// kNone and sets *len to the sequence length. Follows Unicode Table 3-7
// (well-formed byte sequences).
Utf8Error check_sequence(const unsigned char* s, std::size_t i, std::size_t n,
                         std::size_t* len) {
  const unsigned char b = s[i];
  std::size_t need = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  Utf8Error below = Utf8Error::kTruncated;  // second byte in [0x80, lo)
  Utf8Error above = Utf8Error::kTruncated;  // second byte in (hi, 0xBF]
  if (b < 0xC0) {
    return Utf8Error::kStrayContinuation;
  }
  if (b < 0xC2) {
    return Utf8Error::kOverlong;
  }
  if (b < 0xE0) {
    need = 1;
  } else if (b < 0xF0) {
    need = 2;
    if (b == 0xE0) {
      lo = 0xA0;
      below = Utf8Error::kOverlong;
    } else if (b == 0xED) {
      hi = 0x9F;
      above = Utf8Error::kSurrogate;
    }
  } else if (b < 0xF5) {
    need = 3;
    if (b == 0xF0) {
      lo = 0x90;
      below = Utf8Error::kOverlong;
    } else if (b == 0xF4) {
      hi = 0x8F;
      above = Utf8Error::kTooLarge;
    }
  } else if (b < 0xF8) {
    return Utf8Error::kTooLarge;
  } else {
    return Utf8Error::kInvalidByte;
  }
  if (i + 1 >= n) {
    return Utf8Error::kTruncated;
  }
  const unsigned char b1 = s[i + 1];
  if (!is_cont(b1)) {
    return Utf8Error::kTruncated;
  }
  if (b1 < lo) {
    return below;
  }
  if (b1 > hi) {
    return above;
  }
  for (std::size_t k = 2; k <= need; ++k) {
    if (i + k >= n || !is_cont(s[i + k])) {
      return Utf8Error::kTruncated;
    }
  }
  *len = need + 1;
  return Utf8Error::kNone;
}

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

// First invalid offset (or npos) plus the kind of error found there.
std::size_t validate(std::string_view text, Utf8Error* error) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // Word-at-a-time skip over ASCII.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s + i, 8);
      if (w & kHighBits) {
        break;
      }
      i += 8;
    }
    if (i >= n) {
      break;
    }
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    const Utf8Error e = check_sequence(s, i, n, &len);
    if (e != Utf8Error::kNone) {
      *error = e;
      return i;
    }
    i += len;
  }
  *error = Utf8Error::kNone;
  return std::string_view::npos;
}

bool all_ascii(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  std::uint64_t acc = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    acc |= w;
  }
  for (; i < n; ++i) {
    acc |= p[i];
  }
  return (acc & kHighBits) == 0;
}

// ------------------------------------------------------------ tokenizer --

// Character classes of the ASCII fast path. The word-break classes are those
// ICU 72's root word rules give ASCII, which differ from plain UAX #29:
// ICU adds '@' to ALetter and removes ':' from MidLetter (both checked
// exhaustively by the tests). '.' (MidNumLet) and '\'' (Single_Quote) behave
// identically without Hebrew letters.
enum CharClass : std::uint8_t {
  kOther,       // printable punctuation that never joins
  kLetter,      // ALetter: A-Z a-z @
  kDigit,       // Numeric: 0-9
  kMidNumLet,   // . '  (join letters and digits: WB6/7, WB11/12)
  kMidNum,      // , ;  (join digits only: WB11/12)
  kUnderscore,  // ExtendNumLet: _
  kSpace,       // ASCII whitespace the fast path may split at
  kSlow,        // non-ASCII, control characters, DEL: handled by ICU
};

constexpr std::array<std::uint8_t, 256> make_classes() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t k = kSlow;
    if (c >= 0x21 && c <= 0x7E) {
      k = kOther;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@') {
      k = kLetter;
    } else if (c >= '0' && c <= '9') {
      k = kDigit;
    } else if (c == '.' || c == '\'') {
      k = kMidNumLet;
    } else if (c == ',' || c == ';') {
      k = kMidNum;
    } else if (c == '_') {
      k = kUnderscore;
    } else if (c == ' ' || (c >= 0x09 && c <= 0x0D)) {
      k = kSpace;
    }
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}

constexpr std::array<std::uint8_t, 256> kClass = make_classes();

inline bool is_word_char(std::uint8_t k) {
  return k == kLetter || k == kDigit || k == kUnderscore;
}

[[noreturn]] void icu_failure(const char* what, UErrorCode status) {
  if (status == U_MEMORY_ALLOCATION_ERROR) {
    throw std::bad_alloc();
  }
  throw std::runtime_error(std::string("unspin: ICU ") + what +
                           " failed: " + u_errorName(status));
}

// Appends token [b, e) unless it contains invalid UTF-8; invalid sequences
// split it. ICU's UTF-8 UText reads each ill-formed sequence as U+FFFD, which
// is never part of a word, so the split is a safety net.
void emit_checked(std::string_view text, std::size_t b, std::size_t e,
                  std::vector<Token>& out) {
  const std::string_view word = text.substr(b, e - b);
  if (all_ascii(word)) {
    out.push_back({b, e, true});
    return;
  }
  const auto* s = reinterpret_cast<const unsigned char*>(word.data());
  const std::size_t n = word.size();
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    if (check_sequence(s, i, n, &len) == Utf8Error::kNone) {
      i += len;
      continue;
    }
    if (i > start) {
      emit_checked(text, b + start, b + i, out);
    }
    ++i;
    while (i < n && is_cont(s[i])) {
      ++i;  // rest of the ill-formed sequence
    }
    start = i;
  }
  if (start == 0) {
    out.push_back({b, e, false});
  } else if (start < n) {
    emit_checked(text, b + start, e, out);
  }
}

// One ICU word-break iterator and UText, created on first use.
class IcuWords {
 public:
  IcuWords() = default;
  IcuWords(const IcuWords&) = delete;
  IcuWords& operator=(const IcuWords&) = delete;
  ~IcuWords() {
    if (ut_ != nullptr) {
      utext_close(ut_);
    }
  }

  // Appends the word tokens of text[begin, end) (offsets into `text`).
  // [begin, end) must start and end at word boundaries of the whole text.
  void run(std::string_view text, std::size_t begin, std::size_t end,
           std::vector<Token>& out) {
    if (end - begin > static_cast<std::size_t>(INT32_MAX)) {
      throw std::length_error("unspin: text chunk longer than 2 GiB");
    }
    UErrorCode status = U_ZERO_ERROR;
    if (!bi_) {
      bi_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(),
                                                       status));
      if (U_FAILURE(status) || !bi_) {
        icu_failure("word break iterator", status);
      }
    }
    ut_ = utext_openUTF8(ut_, text.data() + begin,
                         static_cast<std::int64_t>(end - begin), &status);
    if (U_FAILURE(status)) {
      icu_failure("utext_openUTF8", status);
    }
    bi_->setText(ut_, status);
    if (U_FAILURE(status)) {
      icu_failure("BreakIterator::setText", status);
    }
    std::int32_t p = bi_->first();
    for (std::int32_t q = bi_->next(); q != icu::BreakIterator::DONE;
         p = q, q = bi_->next()) {
      if (bi_->getRuleStatus() >= UBRK_WORD_NONE_LIMIT) {
        emit_checked(text, begin + static_cast<std::size_t>(p),
                     begin + static_cast<std::size_t>(q), out);
      }
    }
  }

 private:
  std::unique_ptr<icu::BreakIterator> bi_;
  UText* ut_ = nullptr;
};

// End of the chunk containing offset i: the start of the next run of ASCII
// whitespace that is followed by an ASCII byte (or the end of the text).
// A run followed by a non-ASCII byte is not a safe split point: a combining
// mark, format character or ZWJ there attaches to the whitespace (WB4), and
// a Unicode space joins it (WB3d). With ICU 72 splitting at every ASCII
// whitespace happens to yield the same words (such marks never form a word),
// but this conservative rule costs nothing on ASCII text.
std::size_t chunk_end(const unsigned char* s, std::size_t i, std::size_t n) {
  while (i < n) {
    if (kClass[s[i]] != kSpace) {
      ++i;
      continue;
    }
    const std::size_t ws = i;
    while (i < n && kClass[s[i]] == kSpace) {
      ++i;
    }
    if (i == n || s[i] < 0x80) {
      return ws;
    }
  }
  return n;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view s) {
  Utf8Error e;
  return validate(s, &e);
}

std::string describe_invalid_utf8(std::string_view s, std::size_t offset) {
  std::string msg = "invalid UTF-8 at byte " + std::to_string(offset) + " (";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  Utf8Error e = Utf8Error::kNone;
  std::size_t len = 0;
  if (offset >= s.size()) {
    msg += "offset past the end of the text";
  } else if (p[offset] < 0x80) {
    msg += "no error: ASCII byte";
  } else {
    e = check_sequence(p, offset, s.size(), &len);
    switch (e) {
      case Utf8Error::kNone:
        msg += "no error: valid sequence";
        break;
      case Utf8Error::kStrayContinuation:
        msg += "unexpected continuation byte";
        break;
      case Utf8Error::kOverlong:
        msg += "overlong encoding";
        break;
      case Utf8Error::kSurrogate:
        msg += "surrogate code point";
        break;
      case Utf8Error::kTooLarge:
        msg += "code point above U+10FFFF";
        break;
      case Utf8Error::kInvalidByte: {
        static constexpr char kHex[] = "0123456789ABCDEF";
        msg += "invalid byte 0x";
        msg += kHex[p[offset] >> 4];
        msg += kHex[p[offset] & 0xF];
        break;
      }
      case Utf8Error::kTruncated:
        msg += "truncated sequence";
        break;
    }
  }
  msg += ')';
  return msg;
}

std::size_t safe_split(std::string_view text, std::size_t from) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  // Without whitespace nearby ("x-x-x-..." for megabytes), a cut after an
  // ASCII punctuation byte that never joins (kOther: - / ( : ...) and before
  // an ASCII letter or digit: ICU has a boundary there (WB999; the
  // Double_Quote rules WB7b/c need a Hebrew letter after it) and starts the
  // next word afresh, and the fast path keeps no state across it. Whitespace
  // is preferred so that ordinary text is cut where it always was.
  constexpr std::size_t kSearch = 256;
  std::size_t other_cut = n;
  std::size_t i = from;
  while (i < n) {
    if (kClass[s[i]] != kSpace) {
      if (other_cut == n && i > from && kClass[s[i - 1]] == kOther &&
          (kClass[s[i]] == kLetter || kClass[s[i]] == kDigit)) {
        other_cut = i;
      }
      ++i;
      if (other_cut != n && i - from > kSearch) return other_cut;
      continue;
    }
    while (i < n && kClass[s[i]] == kSpace) ++i;
    if (i == n || s[i] < 0x80) return i;
  }
  return other_cut;
}

void tokenize_icu(std::string_view text, std::vector<Token>& out) {
  IcuWords icu;
  icu.run(text, 0, text.size(), out);
}

void tokenize(std::string_view text, std::vector<Token>& out) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  IcuWords icu;
  // The current chunk starts at a guaranteed ICU word boundary; its tokens
  // start at out[chunk_tokens] and are redone by ICU if the chunk turns out
  // to need it.
  std::size_t chunk_begin = 0;
  std::size_t chunk_tokens = out.size();
  std::size_t i = 0;
  while (i < n) {
    const std::uint8_t k = kClass[s[i]];
    if (is_word_char(k)) {
      // WB5-WB13b on ASCII: letters, digits and '_' join freely; a letter
      // joins a letter across one of . ' (WB6/7), a digit joins a digit
      // across one of . ' , ; (WB11/12).
      const std::size_t b = i;
      bool has_alnum = k != kUnderscore;
      std::uint8_t last = k;
      ++i;
      while (i < n) {
        const std::uint8_t d = kClass[s[i]];
        if (is_word_char(d)) {
          has_alnum |= d != kUnderscore;
          last = d;
          ++i;
        } else if (i + 1 < n && kClass[s[i + 1]] == last &&
                   ((last == kLetter && d == kMidNumLet) ||
                    (last == kDigit && (d == kMidNumLet || d == kMidNum)))) {
          i += 2;
        } else {
          break;
        }
      }
      // ICU gives "__" (WB13a) a word status but a lone "_" none.
      if (has_alnum || i - b > 1) {
        out.push_back({b, i, true});
      }
    } else if (k == kSpace) {
      do {
        ++i;
      } while (i < n && kClass[s[i]] == kSpace);
      if (i == n || s[i] < 0x80) {
        chunk_begin = i;
        chunk_tokens = out.size();
      }
    } else if (k == kSlow) {
      out.resize(chunk_tokens);
      const std::size_t e = chunk_end(s, i, n);
      icu.run(text, chunk_begin, e, out);
      // text[e] starts a whitespace run after which a new chunk begins.
      chunk_tokens = out.size();
      i = e;
    } else {
      ++i;
    }
  }
}

void normalize_word(std::string_view word, std::string& out) {
  out.clear();
  if (all_ascii(word)) {
    out.resize(word.size());
    for (std::size_t i = 0; i < word.size(); ++i) {
      const char c = word[i];
      out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
    return;
  }
  if (word.size() > static_cast<std::size_t>(INT32_MAX)) {
    throw std::length_error("unspin: word longer than 2 GiB");
  }
  UErrorCode status = U_ZERO_ERROR;
  // getNFKCCasefoldInstance returns a shared, immutable, thread-safe object.
  const icu::Normalizer2* nfkc_cf =
      icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) {
    icu_failure("NFKC_Casefold instance", status);
  }
  const icu::UnicodeString src = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<std::int32_t>(word.size())));
  icu::UnicodeString folded;
  nfkc_cf->normalize(src, folded, status);
  if (U_FAILURE(status)) {
    icu_failure("NFKC_Casefold normalization", status);
  }
  const std::int32_t len = folded.length();
  for (std::int32_t i = 0; i < len; ++i) {
    const char16_t c = folded.charAt(i);
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07) {
      folded.setCharAt(i, u'\'');
    }
  }
  folded.toUTF8String(out);
}

void normalize_gap(std::string_view gap, std::string& out) {
  out.clear();
  const auto* s = reinterpret_cast<const std::uint8_t*>(gap.data());
  if (gap.size() > static_cast<std::size_t>(INT32_MAX)) {
    throw std::length_error("unspin: gap longer than 2 GiB");
  }
  const auto n = static_cast<std::int32_t>(gap.size());
  std::int32_t i = 0;
  bool seen_space = false;
  while (i < n) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";  // ill-formed sequence -> U+FFFD
      continue;
    }
    const bool dash = c == 0x2D || (c >= 0x2010 && c <= 0x2015) ||
                      c == 0x2212 || c == 0xAD || c == 0xFE63 || c == 0xFF0D;
    if (u_isUWhiteSpace(c)) {
      seen_space = true;
      continue;
    }
    // A dash joins words only when it touches the word before it ("bad-guy",
    // "bad-\nguy"); after a space it is a parenthetical dash ("x - y",
    // "x — y") and stays, as "-", so it breaks a phrase.
    if (dash) {
      if (seen_space) out += '-';
      continue;
    }
    out.append(gap.data() + start, static_cast<std::size_t>(i - start));
  }
}

std::string_view strip_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

std::string printable(std::string_view content, std::size_t max) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t i = 0;
  while (i < content.size() && i < max) {
    const auto b = static_cast<unsigned char>(content[i]);
    std::size_t n = 1;
    bool ok = b >= 0x20 && b != 0x7F;
    if (b >= 0x80) {
      // The length of the valid sequence at i, if any.
      n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      ok = i + n <= content.size() &&
           find_invalid_utf8(content.substr(i, n)) == std::string_view::npos;
      if (!ok) n = 1;
    }
    if (ok) {
      out.append(content.substr(i, n));
    } else {
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
    i += n;
  }
  if (i < content.size()) out += "...";
  return out;
}

void trim_format_chars(std::string_view text, std::size_t* begin,
                       std::size_t* end) {
  // Decoded in windows of one code point (4 bytes at most), so that int32_t
  // indices are enough in a text of any size.
  while (*begin < *end) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data() + *begin);
    const std::int32_t n =
        static_cast<std::int32_t>(std::min<std::size_t>(4, *end - *begin));
    std::int32_t i = 0;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0 || u_charType(c) != U_FORMAT_CHAR) break;
    *begin += static_cast<std::size_t>(i);
  }
  while (*begin < *end) {
    const std::size_t from = *end - std::min<std::size_t>(4, *end - *begin);
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data() + from);
    std::int32_t i = static_cast<std::int32_t>(*end - from);
    UChar32 c = 0;
    U8_PREV(s, 0, i, c);
    if (c < 0 || u_charType(c) != U_FORMAT_CHAR) break;
    *end = from + static_cast<std::size_t>(i);
  }
}

std::vector<std::string> match_tokens(std::string_view phrase) {
  std::vector<Token> tokens;
  tokenize(phrase, tokens);
  std::vector<std::string> out;
  std::string s;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) {
      normalize_gap(
          phrase.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end),
          s);
      if (!s.empty()) out.push_back("\x01" + s);
    }
    normalize_word(
        phrase.substr(tokens[i].begin, tokens[i].end - tokens[i].begin), s);
    out.push_back(s);
  }
  return out;
}

}  // namespace unspin::detail

namespace unspin::detail {

std::vector<std::string> TokenWindow::key_strings() const {
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) out.emplace_back(key(i));
  return out;
}

void TokenWindow::read(std::string_view text, std::size_t b, std::size_t e) {
  begin = b;
  end = e;
  const std::string_view part = text.substr(b, e - b);
  invalid = find_invalid_utf8(part);
  if (invalid != std::string_view::npos) invalid += b;
  tokens.clear();
  tokenize(part, tokens);
  key_bytes.clear();
  key_ends.clear();
  key_ends.reserve(tokens.size());
  for (Token& t : tokens) {
    t.begin += b;
    t.end += b;
    const std::string_view w = text.substr(t.begin, t.end - t.begin);
    if (t.ascii) {
      // normalize_word()'s ASCII path, without the copy.
      const std::size_t at = key_bytes.size();
      key_bytes.append(w);
      for (std::size_t i = at; i < key_bytes.size(); ++i) {
        const char c = key_bytes[i];
        if (c >= 'A' && c <= 'Z')
          key_bytes[i] = static_cast<char>(c + ('a' - 'A'));
      }
    } else {
      normalize_word(w, buffer_);
      key_bytes += buffer_;
    }
    key_ends.push_back(key_bytes.size());
  }
}

bool WindowReader::next(TokenWindow& w) {
  const std::size_t n = text_.size();
  if (pos_ >= n) return false;
  // The same cuts as discovery always made: a window of window_ bytes
  // ending at a safe split, and the next one starting overlap_ + 2 words
  // before that cut.
  const std::size_t cut =
      pos_ + window_ >= n ? n : safe_split(text_, pos_ + window_);
  w.read(text_, pos_, cut);
  const std::vector<Token>& tokens = w.tokens;
  std::size_t own_to = cut;
  std::size_t next = cut;
  if (cut < n && tokens.size() > 2 * overlap_) {
    const std::size_t to = tokens[tokens.size() - overlap_].begin;
    const std::size_t from =
        safe_split(text_, tokens[tokens.size() - overlap_ - 3].end);
    if (from > pos_ && from <= to) {
      own_to = to;
      next = from;
    }
  }
  w.first_word = word_base_;
  w.own_begin = own_from_;
  w.own_end = own_to;
  w.last = cut >= n;
  w.fresh = 0;
  while (w.fresh < tokens.size() && tokens[w.fresh].begin < prev_cut_)
    ++w.fresh;
  std::size_t read = 0;  // words before `next`, numbered by this window
  while (read < tokens.size() && tokens[read].begin < next) ++read;
  word_base_ += read;
  own_from_ = own_to;
  prev_cut_ = cut;
  pos_ = next;
  return true;
}

Ranges merge_ranges(Ranges ranges) {
  std::sort(ranges.begin(), ranges.end());
  Ranges merged;
  for (auto r : ranges) {
    if (!merged.empty() && r.first <= merged.back().second)
      merged.back().second = std::max(merged.back().second, r.second);
    else
      merged.push_back(r);
  }
  return merged;
}

bool overlaps(const Ranges& merged, std::size_t b, std::size_t e) {
  auto it = std::upper_bound(merged.begin(), merged.end(),
                             std::make_pair(b, SIZE_MAX));
  if (it != merged.begin() && std::prev(it)->second > b) return true;
  return it != merged.end() && it->first < e;
}

void clip_tokens(const Token* first, const Token* last, std::size_t begin,
                 std::size_t end, std::vector<Token>& out) {
  out.clear();
  for (const Token* t = first; t != last; ++t) {
    Token c = *t;
    c.begin = std::max(c.begin, begin);
    c.end = std::min(c.end, end);
    if (c.begin < c.end) out.push_back(c);
  }
}

}  // namespace unspin::detail
