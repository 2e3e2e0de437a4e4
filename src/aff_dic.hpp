// unspin: the one reader of Hunspell .aff/.dic files (affix rules, flags,
// dictionary entries), used by morphology and by the build tools.
#ifndef UNSPIN_SRC_AFF_DIC_HPP_
#define UNSPIN_SRC_AFF_DIC_HPP_

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "unspin/unspin.hpp"

namespace unspin::detail {

/// One position of an affix condition: a byte set, negated or not, or '.'.
/// Conditions are matched byte-wise, which is exact for the ASCII conditions
/// of English dictionaries.
struct AffixCondition {
  std::string set;
  bool negate = false;
  bool any = false;
  bool matches(char c) const {
    if (any) return true;
    const bool in = set.find(c) != std::string::npos;
    return negate ? !in : in;
  }
};

/// One SFX or PFX rule line: "SFX D y ied [^aeiou]y" strips "y", adds "ied"
/// where the word ends with a non-vowel and "y". `add` is without its
/// continuation flags ("/..."); "0" is read as empty.
struct AffixRule {
  std::string strip;
  std::string add;
  std::vector<AffixCondition> cond;
};

/// What unspin reads of an .aff file. Flags are single bytes (Hunspell's
/// default FLAG format); a file using another format, compounds or input
/// conversions has `simple` false, and its words must be judged by Hunspell.
struct AffixFile {
  std::array<std::vector<AffixRule>, 256> suffixes;  ///< by flag byte
  std::array<std::vector<AffixRule>, 256> prefixes;  ///< by flag byte
  std::array<bool, 256> suffix_cross{};  ///< header's cross-product "Y"
  std::array<bool, 256> prefix_cross{};
  std::string suffix_flags;  ///< flags with an SFX header, in file order
  std::string prefix_flags;  ///< flags with a PFX header, in file order
  /// Flags of NEEDAFFIX, ONLYINCOMPOUND, FORBIDDENWORD and KEEPCASE: words
  /// carrying one are not plain dictionary words.
  std::string special_flags;
  std::string compound_flags;  ///< flags named by COMPOUNDRULE
  /// True when some rule carries unspin's "is:"/"ip:" annotation
  /// (tools/annotate_hunspell.cpp).
  bool annotated = false;
  /// False when the file uses features this reader does not model
  /// (compounds, continuation classes, FLAG/AF/IGNORE/ICONV, ...).
  bool simple = true;
};

/// Parses .aff text. `name` is used in messages ("en_US.aff:12: ...").
/// A header is an SFX/PFX line of exactly 4 fields; other SFX/PFX lines
/// with a one-byte flag are rules. Errors: kParseError when a count
/// (REP, MAP, AF, ..., or an affix header's rule count) is larger than the
/// file's number of lines: Hunspell would allocate for it before reading.
Result<AffixFile> parse_aff(std::string_view text, const std::string& name);

/// Applies suffix rule `r` to `root` into `*out`; false (out unspecified)
/// when the rule does not apply (condition, strip, or a root no longer than
/// the strip).
bool apply_suffix(const AffixRule& r, std::string_view root, std::string* out);

/// True when prefix rule `r` applies to `root`; the word is then
/// r.add + root.substr(r.strip.size()).
bool prefix_applies(const AffixRule& r, std::string_view root);

/// The entry count on the first line of .dic text (a UTF-8 byte-order mark
/// before it is skipped, as Hunspell does). Errors: kParseError when it is
/// missing or below 1 (Hunspell would load nothing), or larger than the
/// text's size (Hunspell allocates for it).
Result<std::size_t> parse_dic_count(std::string_view text,
                                    const std::string& name);

/// One .dic entry: "kill/MDS po:verb" has word "kill" and flags "MDS".
struct DicEntry {
  std::string_view word;
  std::string_view flags;
};

/// Splits one .dic line: the word ends at the first '/', space, tab or CR;
/// the flags run from after '/' to the next space, tab or CR.
DicEntry split_dic_line(std::string_view line);

/// Calls `fn(line)` for each line of .dic text after the first (the count),
/// without its '\n'. Empty lines are passed too.
template <typename Fn>
void for_each_dic_line(std::string_view text, Fn&& fn) {
  std::size_t pos = text.find('\n');
  while (pos != std::string_view::npos && pos < text.size()) {
    const std::size_t start = pos + 1;
    const std::size_t end = text.find('\n', start);
    fn(text.substr(
        start, (end == std::string_view::npos ? text.size() : end) - start));
    pos = end;
  }
}

/// Every word form of a dictionary, lowercase (A-Z only), sorted, without
/// duplicates: each entry's word, the word with each of its flags' suffix
/// and prefix rules, and prefix + suffix where both headers allow cross
/// products (the prefix's condition checked on the suffixed word). One
/// level of affixes: continuation classes are not followed. Capitalized
/// entries count too (as lowercase words). This is what the science table
/// builder calls "an English word" (tools/build_science_dict.py).
std::vector<std::string> expand_word_forms(const AffixFile& aff,
                                           std::string_view dic_text);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_AFF_DIC_HPP_
