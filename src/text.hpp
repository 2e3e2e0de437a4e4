// unspin: text layer: UTF-8 validation, word tokenization (ICU word breaks
// with an exact ASCII fast path), and normalization of words and gaps.
#ifndef UNSPIN_SRC_TEXT_HPP_
#define UNSPIN_SRC_TEXT_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace unspin::detail {

/// A word token: bytes [begin, end) of the original text. Words are the ICU
/// word-break segments whose rule status is not UBRK_WORD_NONE (letters,
/// numbers, kana, ideographs).
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool ascii = false;  ///< all bytes < 0x80
};

/// Byte offset of the first invalid UTF-8 sequence (overlong, surrogate,
/// > U+10FFFF, truncated, stray continuation), or npos when valid.
std::size_t find_invalid_utf8(std::string_view s);

/// Describes the invalid sequence at `offset` for messages, e.g.
/// "invalid UTF-8 at byte 17 (overlong encoding)".
std::string describe_invalid_utf8(std::string_view s, std::size_t offset);

/// Word tokens of valid UTF-8 `text`, appended to `out` in order. Exactly the
/// words ICU's word-break iterator yields on the whole text, but plain ASCII
/// stretches take a hand-written fast path. Thread-safe (per-call ICU state).
/// Invalid UTF-8 bytes never belong to a token (treated as U+FFFD).
void tokenize(std::string_view text, std::vector<Token>& out);

/// Reference tokenizer: ICU's word-break iterator over the whole text.
void tokenize_icu(std::string_view text, std::vector<Token>& out);

/// Normalized matching key of a word: NFKC case folding (which includes NFC),
/// typographic apostrophes (U+2019, U+2018, U+02BC, U+FF07) mapped to "'".
/// ASCII input takes a lowercase fast path. Replaces the contents of `out`.
void normalize_word(std::string_view word, std::string& out);

/// Classifies the bytes between two consecutive word tokens.
/// Whitespace (any Unicode White_Space, line breaks included) and hyphens /
/// dashes (U+002D, U+2010..U+2015, U+2212, U+00AD, U+FE63, U+FF0D) are
/// ignored; whatever remains (e.g. "/" in "tcp/ip", "," or ".") is returned
/// in `out`. A phrase matches across a gap when the remaining punctuation of
/// the text's gap equals that of the phrase's gap ("" for plain phrases).
void normalize_gap(std::string_view gap, std::string& out);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_TEXT_HPP_
