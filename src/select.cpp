// unspin: selection: leftmost-longest among the trie's matches, with the
// entries' context clauses (requires=, excludes=, near=) and the allowlist.
#include "select.hpp"

#include <algorithm>
#include <utility>

namespace unspin::detail {
namespace {

// True when the match lies inside an established term of another entry
// ("gap pad" inside "thermal gap pad"). An entry's own canonical counts
// only when it is longer than the match: "advices" -> "advice" matches a
// form of its own canonical and is flagged, but "guy gangs" inside the
// "bad guy gangs" that its own rewrite produced is not, so fix() converges
// (fix(fix(x)) == fix(x)).
bool inside_established(const Hit& h, std::uint32_t entry) {
  for (const Hit::Container& by : h.contained_by)
    if (by.entry != entry || by.strictly) return true;
  return false;
}

// A term of `n` within n.words words of the match.
bool near_holds(const HitSet& found, const CompiledEntry::Near& n,
                const Hit& h) {
  if (found.near.empty()) return false;
  std::size_t lo = h.first > n.words ? h.first - n.words : 0;
  std::size_t hi = h.last + n.words;
  for (std::uint32_t t : n.terms) {
    const auto& pos = found.near[t];
    auto it = std::lower_bound(pos.begin(), pos.end(),
                               std::make_pair(lo, std::size_t{0}));
    for (; it != pos.end() && it->first < hi; ++it)
      if (it->second > lo) return true;
  }
  return false;
}

// The entry's clauses hold for match `h` in this document.
bool clauses_hold(const HitSet& found, const CompiledEntry& ce, const Hit& h) {
  const std::vector<char>& term_present = found.term_present;
  bool excluded = false;
  for (std::uint32_t t : ce.exclude_terms) excluded |= term_present[t] != 0;
  if (excluded) return false;
  bool groups_hold = true;
  for (const auto& group : ce.require_groups) {
    bool any = false;
    for (std::uint32_t t : group) any |= term_present[t] != 0;
    groups_hold = groups_hold && any;
  }
  if (!groups_hold) return false;
  bool near_ok = true;
  for (const auto& n : ce.near) near_ok = near_ok && near_holds(found, n, h);
  return near_ok;
}

}  // namespace

void select_matches(const Compiled& compiled, const HitSet& found,
                    const Ranges& allowed, std::vector<Chosen>& out) {
  const std::vector<Hit>& hits = found.variants;
  std::size_t i = 0;
  std::size_t next_free = 0;
  while (i < hits.size()) {
    std::size_t j = i;
    while (j < hits.size() && hits[j].first == hits[i].first) ++j;
    if (hits[i].first >= next_free) {
      // Longest first.
      for (std::size_t k = j; k-- > i;) {
        const Hit& h = hits[k];
        const NodeInfo& inf = compiled.trie.info(h.node);
        if (!allowed.empty() && overlaps(allowed, h.begin, h.end)) continue;
        bool picked = false;
        for (std::uint32_t v : inf.variants) {
          const std::uint32_t entry = compiled.variants[v].entry;
          const CompiledEntry& ce = compiled.entries[entry];
          if (inside_established(h, entry)) continue;
          if (!clauses_hold(found, ce, h)) continue;
          bool present = !ce.require_groups.empty() || !ce.near.empty();
          out.push_back({&h, v, present});
          next_free = h.last;
          picked = true;
          break;
        }
        if (picked) break;
      }
    }
    i = j;
  }
}

}  // namespace unspin::detail
