// unspin dictionary tools: agree_forms() (see forms.hpp): which phrases of a
// pattern are singular and plural of one another, and the replacement to match.
#include "dict/forms.hpp"

#include <cstddef>
#include <unordered_map>

#include "dict/text_util.hpp"
#include "strings.hpp"

namespace unspin::detail::dict {
namespace {

// An ending that turns one form of a word into another: base -> inflected
// ("y" -> "ies": company, companies). `number` endings make plurals (or a
// third person, which agrees the same way); the others change a form that a
// replacement's spelling cannot follow.
struct Ending {
  std::string_view base;
  std::string_view inflected;
  bool number;
};

constexpr Ending kEndings[] = {
    {"", "s", true},     {"", "es", true},    {"y", "ies", true},
    {"", "d", false},    {"", "ed", false},   {"", "ing", false},
    {"e", "ing", false}, {"y", "ied", false}, {"", "'s", false},
    {"", "er", false},   {"", "est", false},
};

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t sp = s.find(' ', start);
    if (sp == std::string::npos) sp = s.size();
    out.push_back(s.substr(start, sp - start));
    start = sp + 1;
  }
  return out;
}

// The singular of replacement `c` (its last word's plural ending taken
// off), or "" when the ending is missing or ambiguous. `ies_to_y`: the spun
// phrases show that pattern (company, companies), so "agencies" is "agency".
std::string singular_of(const std::string& c, bool ies_to_y) {
  const std::size_t sp = c.rfind(' ');
  const std::string_view w =
      std::string_view(c).substr(sp == std::string::npos ? 0 : sp + 1);
  if (w.size() < 3 || !ends_with(w, "s") || ends_with(w, "ss") ||
      ends_with(w, "us") || ends_with(w, "is"))
    return {};
  const std::string head = c.substr(0, c.size() - w.size());
  if (ends_with(w, "ies"))
    return ies_to_y ? head + std::string(w.substr(0, w.size() - 3)) + "y"
                    : std::string();
  // "boxes" (box) or "horses" (horse)? "churches" or "headaches"?
  for (std::string_view sib : {"ses", "xes", "zes", "ches", "shes"})
    if (ends_with(w, sib)) return {};
  return head + std::string(w.substr(0, w.size() - 1));
}

}  // namespace

std::optional<std::vector<AgreedPair>> agree_forms(
    const std::vector<std::string>& phrases, std::string_view canonical,
    std::string* why) {
  auto fail = [&](const std::string& message) {
    if (why) *why = message;
    return std::nullopt;
  };
  std::vector<std::string> norm;
  std::unordered_map<std::string, std::size_t> index;
  for (const std::string& p : phrases) {
    std::string n = collapse_whitespace(lower(p));
    if (index.emplace(n, norm.size()).second) norm.push_back(std::move(n));
  }
  // singular[j] = i when norm[i] is the singular of norm[j]; ies[j] when
  // that plural is -y -> -ies.
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> singular(norm.size(), kNone);
  std::vector<bool> ies(norm.size(), false);
  std::vector<bool> is_singular(norm.size(), false);
  for (std::size_t i = 0; i < norm.size(); ++i) {
    const std::vector<std::string> words = split_words(norm[i]);
    for (std::size_t k = 0; k < words.size(); ++k) {
      const std::string& w = words[k];
      for (const Ending& e : kEndings) {
        if (w.size() <= e.base.size() || !ends_with(w, e.base)) continue;
        const std::string v =
            w.substr(0, w.size() - e.base.size()) + std::string(e.inflected);
        std::string q;
        for (std::size_t m = 0; m < words.size(); ++m)
          q += (m ? " " : "") + (m == k ? v : words[m]);
        auto it = index.find(q);
        if (it == index.end() || it->second == i) continue;
        const std::string pair = excerpt(norm[i]) + " and " + excerpt(q);
        if (!e.number)
          return fail("it stands for " + pair + ", different forms of " +
                      excerpt(w) +
                      " that no one replacement agrees with: "
                      "write one key per form");
        if (k + 1 != words.size())
          return fail("it stands for " + pair +
                      ", which differ in the "
                      "number of " +
                      excerpt(w) +
                      " before the last word: "
                      "write one key per number");
        const std::size_t j = it->second;
        if (singular[j] != kNone || singular[i] != kNone || is_singular[i] ||
            is_singular[j])
          return fail("it stands for " + pair + " and other forms of " +
                      excerpt(w) + ": write one key per form");
        singular[j] = i;
        ies[j] = e.base == "y";
        is_singular[i] = true;
      }
    }
  }
  // Each alternative of the replacement, and its singular where needed.
  std::vector<std::string> alts;
  std::size_t start = 0;
  while (true) {
    std::size_t bar = canonical.find('|', start);
    alts.push_back(collapse_whitespace(canonical.substr(
        start,
        bar == std::string_view::npos ? std::string_view::npos : bar - start)));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  std::vector<std::string> single(norm.size());
  for (std::size_t j = 0; j < norm.size(); ++j) {
    if (singular[j] == kNone) continue;
    std::string joined;
    for (const std::string& a : alts) {
      if (a.empty()) continue;
      std::string s = singular_of(a, ies[j]);
      if (s.empty())
        return fail("it stands for the singular " + excerpt(norm[singular[j]]) +
                    " and the plural " + excerpt(norm[j]) +
                    ", but the replacement " + excerpt(a) +
                    " has no plural ending that can surely be taken off for "
                    "the singular (none, or an ambiguous one such as -ses): "
                    "write one key per number");
      joined += (joined.empty() ? "" : "|") + s;
    }
    single[singular[j]] = joined;
  }
  std::vector<AgreedPair> out;
  for (std::size_t i = 0; i < norm.size(); ++i)
    out.push_back(
        {norm[i], is_singular[i] ? single[i] : std::string(canonical)});
  return out;
}

}  // namespace unspin::detail::dict
