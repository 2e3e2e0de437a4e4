// unspin: text layer: UTF-8 validation, word tokenization (ICU word breaks
// with an exact ASCII fast path), and normalization of words and gaps.
#ifndef UNSPIN_SRC_TEXT_HPP_
#define UNSPIN_SRC_TEXT_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace unspin::detail {

/// A word token: bytes [begin, end) of the original text. Words are the ICU
/// word-break segments whose rule status is not UBRK_WORD_NONE (letters,
/// numbers, kana, ideographs). ICU's root rules also make "@" a letter
/// ("a@b.com" is one word), ':' a separator, and "__" (but not "_") a word.
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool ascii = false;  ///< all bytes < 0x80
};

/// Byte offset of the first invalid UTF-8 sequence (overlong, surrogate,
/// > U+10FFFF, truncated, stray continuation, bytes C0, C1, F5-FF), or npos
/// when valid. Strict per Unicode Table 3-7; ASCII is skipped 8 bytes at a
/// time.
std::size_t find_invalid_utf8(std::string_view s);

/// Describes the invalid sequence at `offset` (0-based, as returned by
/// find_invalid_utf8) for messages, e.g.
/// "invalid UTF-8 at byte 17 (overlong encoding)". Reasons: "unexpected
/// continuation byte", "overlong encoding", "surrogate code point", "code
/// point above U+10FFFF", "invalid byte 0xFF", "truncated sequence".
std::string describe_invalid_utf8(std::string_view s, std::size_t offset);

/// Word tokens of valid UTF-8 `text`, appended to `out` in order. Exactly the
/// words ICU's word-break iterator yields on the whole text, but plain ASCII
/// stretches take a hand-written fast path. Thread-safe (per-call ICU state).
/// Invalid UTF-8 bytes never belong to a token (treated as U+FFFD).
/// Throws std::bad_alloc / std::runtime_error if ICU cannot create its
/// iterator, std::length_error for a non-ASCII chunk of 2 GiB or more.
void tokenize(std::string_view text, std::vector<Token>& out);

/// A position p >= `from` at which `text` can be cut without changing its
/// words (tokenize() of both halves, offsets shifted, equals tokenize() of
/// the whole): the first end of a run of ASCII whitespace followed by an
/// ASCII byte; when there is none within 256 bytes, the first place between
/// ASCII punctuation that never joins words (- / : ( ...) and an ASCII
/// letter or digit; else text.size(). Bounds the windows of text without
/// whitespace ("x-x-x-..."); O(distance from `from` to p).
std::size_t safe_split(std::string_view text, std::size_t from);

/// Reference tokenizer: ICU's word-break iterator (root locale) over the
/// whole text, read through a UTF-8 UText. Same exceptions as tokenize;
/// the text must be shorter than 2 GiB.
void tokenize_icu(std::string_view text, std::vector<Token>& out);

/// Normalized matching key of a word: NFKC case folding (which includes NFC),
/// typographic apostrophes (U+2019, U+2018, U+02BC, U+FF07) mapped to "'".
/// ASCII input takes a lowercase fast path. Replaces the contents of `out`.
/// Invalid UTF-8 becomes U+FFFD. Thread-safe (ICU's shared Normalizer2).
void normalize_word(std::string_view word, std::string& out);

/// Classifies the bytes between two consecutive word tokens.
/// Whitespace (any Unicode White_Space, line breaks included) is ignored, and
/// so are hyphens / dashes (U+002D, U+2010..U+2015, U+2212, U+00AD, U+FE63,
/// U+FF0D) that touch the word before them ("bad-guy", "bad-\nguy"); a dash
/// after whitespace ("x - y", "x — y") becomes "-". Whatever remains (e.g. "/"
/// in "tcp/ip", "," or ".") is returned in `out` verbatim (not normalized);
/// each ill-formed UTF-8 sequence becomes U+FFFD. A phrase matches across a gap
/// when the remaining punctuation of the text's gap equals that of the phrase's
/// gap ("" for plain phrases).
void normalize_gap(std::string_view gap, std::string& out);

/// A phrase as the matcher compares it: its words normalized
/// (normalize_word) with the normalized gaps between them
/// (normalize_gap; hyphens and whitespace vanish) as entries marked by a
/// leading \x01, so a gap never equals a word. Two phrases match the same
/// text exactly when their match_tokens are equal.
std::vector<std::string> match_tokens(std::string_view phrase);

/// `text` without a leading UTF-8 byte order mark (EF BB BF), if any.
std::string_view strip_bom(std::string_view text);

/// File content quoted in an error message: bytes below 0x20, 0x7F and
/// bytes that are not part of valid UTF-8 become "\xHH" (no raw control
/// or binary bytes reach a terminal); longer than `max` bytes, it is cut
/// and ends with "...".
std::string printable(std::string_view content, std::size_t max = 80);

/// Shrinks [*begin, *end) of valid UTF-8 `text` past the format characters
/// (general category Cf: bidi marks, embeddings and isolates, ZWJ/ZWNJ, soft
/// hyphen, U+FEFF, ...) at either end, so that a rewrite of the span keeps
/// them: ICU's word breaks attach them to the word before ("rights"+U+202C).
void trim_format_chars(std::string_view text, std::size_t* begin,
                       std::size_t* end);

/// The words of one window of a text, validated, tokenized and normalized
/// once; the table matcher and discovery both read them.
struct TokenWindow {
  std::size_t begin = 0;  ///< the window is bytes [begin, end) of the text
  std::size_t end = 0;
  std::size_t first_word = 0;  ///< index of tokens[0] among the text's words
  /// tokens[0, fresh) were in the window before (the overlap).
  std::size_t fresh = 0;
  /// Discovery keeps the findings that start in [own_begin, own_end).
  std::size_t own_begin = 0;
  std::size_t own_end = 0;
  bool last = false;  ///< the window ends at the end of the text
  /// Offset (into the text) of the first invalid UTF-8 byte of the window,
  /// or npos.
  std::size_t invalid = std::string_view::npos;
  std::vector<Token> tokens;  ///< offsets into the whole text
  /// Normalized keys (normalize_word) of the tokens, back to back: key i
  /// is key_bytes[key_ends[i - 1], key_ends[i]).
  std::string key_bytes;
  std::vector<std::size_t> key_ends;

  std::string_view key(std::size_t i) const {
    const std::size_t b = i == 0 ? 0 : key_ends[i - 1];
    return std::string_view(key_bytes).substr(b, key_ends[i] - b);
  }
  std::vector<std::string> key_strings() const;
  /// Validates, tokenizes and normalizes bytes [begin, end) of `text`
  /// (which must start and end at safe_split() points or the text's ends).
  /// Sets begin, end, invalid, tokens and keys; leaves the rest.
  void read(std::string_view text, std::size_t begin, std::size_t end);

 private:
  std::string buffer_;
};

/// Cuts a text into windows of about `window_bytes` at safe_split() points
/// and reads each once (TokenWindow::read). After the first, a window
/// starts again about `overlap_tokens` + 2 words before the end of the one
/// before it (at a safe_split point), so that a phrase across a cut is seen
/// whole, with its left context; own_begin/own_end split the windows into
/// non-overlapping zones (each ends `overlap_tokens` words before its cut).
/// Words shared by two windows are counted once (first_word, fresh).
class WindowReader {
 public:
  explicit WindowReader(std::string_view text,
                        std::size_t window_bytes = std::size_t{1} << 20,
                        std::size_t overlap_tokens = 10)
      : text_(text), window_(window_bytes), overlap_(overlap_tokens) {}
  /// Fills `w` with the next window; false when the text is done (a text
  /// without bytes has no window).
  bool next(TokenWindow& w);

 private:
  std::string_view text_;
  std::size_t window_;
  std::size_t overlap_;
  std::size_t pos_ = 0;        // the next window starts here
  std::size_t word_base_ = 0;  // index of the word at pos_
  std::size_t own_from_ = 0;   // the next window's zone starts here
  std::size_t prev_cut_ = 0;   // end of the window before
};

/// Sorted, non-overlapping byte ranges of a text.
using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

/// `ranges` sorted, with overlapping and touching ones merged.
Ranges merge_ranges(Ranges ranges);

/// True when [b, e) overlaps one of the merge_ranges() ranges.
bool overlaps(const Ranges& merged, std::size_t b, std::size_t e);

/// The tokens [first, last) cut to the bytes [begin, end) (those left
/// without a byte dropped), replacing `out`: the words of a span that
/// trim_format_chars() narrowed, as tokenize() of the span would give them.
void clip_tokens(const Token* first, const Token* last, std::size_t begin,
                 std::size_t end, std::vector<Token>& out);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_TEXT_HPP_
