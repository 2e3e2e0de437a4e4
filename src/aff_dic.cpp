// unspin: the one reader of Hunspell .aff/.dic files (see aff_dic.hpp).
// Counts are checked against the file's size before Hunspell sees it.
#include "aff_dic.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <system_error>

#include "strings.hpp"
#include "text.hpp"

namespace unspin::detail {
namespace {

unsigned char byte_of(char c) { return static_cast<unsigned char>(c); }

std::vector<AffixCondition> parse_condition(std::string_view s) {
  std::vector<AffixCondition> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    AffixCondition c;
    if (s[i] == '.') {
      c.any = true;
    } else if (s[i] == '[') {
      std::size_t j = i + 1;
      if (j < s.size() && s[j] == '^') {
        c.negate = true;
        ++j;
      }
      while (j < s.size() && s[j] != ']') c.set += s[j++];
      i = j;
    } else {
      c.set = std::string(1, s[i]);
    }
    out.push_back(std::move(c));
  }
  return out;
}

// The number at the start of `s` read the way Hunspell reads counts (atoi:
// leading blanks, an optional sign, digits), saturated to 0..2^62 instead of
// overflowing; -1 for a negative or missing number.
long long leading_count(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  std::size_t digits = i;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == i) return -1;
  long long v = 0;
  auto [end, ec] = std::from_chars(s.data() + i, s.data() + digits, v);
  if (ec == std::errc::result_out_of_range) v = 1ll << 62;
  (void)end;
  return negative && v > 0 ? -1 : v;
}

// Hunspell takes the counts in .aff and .dic files at their word: it
// reserves memory for them before reading a line (std::bad_alloc, an abort,
// for "REP 99999999"). These are the .aff directives whose second field is
// such a count (SFX/PFX headers have it in the fourth).
bool is_count_directive(std::string_view d) {
  for (std::string_view k :
       {"REP", "ICONV", "OCONV", "PHONE", "BREAK", "MAP",
        "CHECKCOMPOUNDPATTERN", "COMPOUNDRULE", "AF", "AM"}) {
    if (d == k) return true;
  }
  return false;
}

// Fields of an .aff line, split at ASCII whitespace.
std::vector<std::string_view> aff_fields(std::string_view line) {
  std::vector<std::string_view> f;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(byte_of(line[i]))) ++i;
    std::size_t j = i;
    while (j < line.size() && !std::isspace(byte_of(line[j]))) ++j;
    if (j > i) f.push_back(line.substr(i, j - i));
    i = j;
  }
  return f;
}

}  // namespace

Result<AffixFile> parse_aff(std::string_view text, const std::string& name) {
  AffixFile aff;
  const long long lines =
      static_cast<long long>(std::count(text.begin(), text.end(), '\n')) + 1;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::vector<std::string_view> f =
        aff_fields(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (f.size() < 2) continue;
    const bool affix_header = (f[0] == "SFX" || f[0] == "PFX") && f.size() == 4;
    if (is_count_directive(f[0]) || affix_header) {
      std::string_view count = affix_header ? f[3] : f[1];
      if (leading_count(count) > lines) {
        return Status(ErrorCode::kParseError,
                      name + ":" + std::to_string(line_no) + ": " +
                          std::string(f[0]) + " announces " + printable(count) +
                          " entries, more than the file's " +
                          std::to_string(lines) + " lines");
      }
    }
    if (f[0] == "NEEDAFFIX" || f[0] == "ONLYINCOMPOUND" ||
        f[0] == "FORBIDDENWORD" || f[0] == "KEEPCASE") {
      aff.special_flags += f[1];
    }
    if (f[0] == "COMPOUNDRULE") {
      aff.compound_flags += f[1];
    } else if (f[0] == "COMPOUNDFLAG" || f[0] == "COMPOUNDBEGIN" ||
               f[0] == "COMPOUNDMIDDLE" || f[0] == "COMPOUNDEND" ||
               f[0] == "CIRCUMFIX" || f[0] == "FLAG" || f[0] == "AF" ||
               f[0] == "IGNORE" || f[0] == "COMPLEXPREFIXES" ||
               f[0] == "FULLSTRIP" ||
               (f[0] == "ICONV" && f.size() >= 3 &&
                f[1].find_first_of("abcdefghijklmnopqrstuvwxyz") !=
                    std::string_view::npos)) {
      aff.simple = false;
    }
    const bool sfx = f[0] == "SFX";
    if ((!sfx && f[0] != "PFX") || f[1].size() != 1 || f.size() < 4) continue;
    const unsigned char flag = byte_of(f[1][0]);
    if (f.size() == 4) {  // header: "SFX D Y 4"
      (sfx ? aff.suffix_cross : aff.prefix_cross)[flag] = f[2] == "Y";
      std::string& flags = sfx ? aff.suffix_flags : aff.prefix_flags;
      if (flags.find(f[1][0]) == std::string::npos) flags += f[1][0];
      continue;
    }
    AffixRule r;
    r.strip = f[2] == "0" ? "" : std::string(f[2]);
    if (f[3].find('/') != std::string_view::npos)
      aff.simple = false;  // twofold
    r.add = std::string(f[3].substr(0, f[3].find('/')));
    if (r.add == "0") r.add.clear();
    r.cond = parse_condition(f[4]);
    for (std::size_t k = 5; k < f.size(); ++k) {
      if (starts_with(f[k], "is:") || starts_with(f[k], "ip:"))
        aff.annotated = true;
    }
    (sfx ? aff.suffixes : aff.prefixes)[flag].push_back(std::move(r));
  }
  return aff;
}

bool apply_suffix(const AffixRule& r, std::string_view root, std::string* out) {
  if (root.size() < r.cond.size() || root.size() <= r.strip.size() ||
      !ends_with(root, r.strip)) {
    return false;
  }
  const std::size_t start = root.size() - r.cond.size();
  for (std::size_t i = 0; i < r.cond.size(); ++i) {
    if (!r.cond[i].matches(root[start + i])) return false;
  }
  out->assign(root.substr(0, root.size() - r.strip.size()));
  out->append(r.add);
  return true;
}

bool prefix_applies(const AffixRule& r, std::string_view root) {
  if (root.size() < r.cond.size() || root.size() <= r.strip.size() ||
      !starts_with(root, r.strip)) {
    return false;
  }
  for (std::size_t i = 0; i < r.cond.size(); ++i) {
    if (!r.cond[i].matches(root[i])) return false;
  }
  return true;
}

Result<std::size_t> parse_dic_count(std::string_view text,
                                    const std::string& name) {
  // The count is a hint, trusted only as far as the file can hold that many
  // entries (2 bytes each at least); Hunspell allocates for it.
  std::string_view first = text.substr(0, text.find('\n'));
  if (starts_with(first, "\xEF\xBB\xBF")) first.remove_prefix(3);
  const long long count = leading_count(first);
  if (count < 1) {
    return Status(ErrorCode::kParseError,
                  name + ":1: expected the entry count (a positive number)");
  }
  if (count > static_cast<long long>(text.size())) {
    return Status(ErrorCode::kParseError,
                  name + ":1: the entry count " + std::to_string(count) +
                      " is larger than the file (" +
                      std::to_string(text.size()) + " bytes) can hold");
  }
  return static_cast<std::size_t>(count);
}

DicEntry split_dic_line(std::string_view line) {
  DicEntry e;
  const std::size_t word_end = line.find_first_of("/ \t\r");
  e.word = line.substr(0, word_end);
  if (word_end != std::string_view::npos && line[word_end] == '/') {
    const std::size_t flags_end = line.find_first_of(" \t\r", word_end + 1);
    e.flags = line.substr(word_end + 1, flags_end == std::string_view::npos
                                            ? std::string_view::npos
                                            : flags_end - word_end - 1);
  }
  return e;
}

std::vector<std::string> expand_word_forms(const AffixFile& aff,
                                           std::string_view dic_text) {
  std::vector<std::string> forms;
  std::string form;
  std::vector<std::string> suffixed;  // cross-product suffixed forms
  for_each_dic_line(dic_text, [&](std::string_view line) {
    const DicEntry e = split_dic_line(trim_blanks(line));
    if (e.word.empty()) return;
    forms.push_back(ascii_lower(e.word));
    suffixed.clear();
    for (char f : e.flags) {
      const unsigned char flag = byte_of(f);
      for (const AffixRule& r : aff.suffixes[flag]) {
        if (!apply_suffix(r, e.word, &form)) continue;
        forms.push_back(ascii_lower(form));
        if (aff.suffix_cross[flag]) suffixed.push_back(form);
      }
      for (const AffixRule& r : aff.prefixes[flag]) {
        if (!prefix_applies(r, e.word)) continue;
        forms.push_back(
            ascii_lower(r.add + std::string(e.word.substr(r.strip.size()))));
      }
    }
    if (suffixed.empty()) return;
    for (char f : e.flags) {
      const unsigned char flag = byte_of(f);
      if (!aff.prefix_cross[flag]) continue;
      for (const AffixRule& r : aff.prefixes[flag]) {
        for (const std::string& s : suffixed) {
          if (prefix_applies(r, s))
            forms.push_back(ascii_lower(r.add + s.substr(r.strip.size())));
        }
      }
    }
  });
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  return forms;
}

}  // namespace unspin::detail
