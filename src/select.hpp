// unspin: selection: which matches of the trie become table findings
// (leftmost-longest, then the entry's context clauses and the allowlist).
#ifndef UNSPIN_SRC_SELECT_HPP_
#define UNSPIN_SRC_SELECT_HPP_

#include <cstdint>
#include <vector>

#include "compile.hpp"
#include "matcher.hpp"
#include "text.hpp"

namespace unspin::detail {

/// A match chosen to report: the hit, the variant it reports, and whether
/// the entry's requires=/near= context was there.
struct Chosen {
  const Hit* hit = nullptr;
  std::uint32_t variant = 0;
  bool context_present = false;
};

/// Leftmost-longest over `found.variants` (in order of start, then length):
/// at each start not covered by a chosen match, the longest hit (not
/// allowlisted, per `allowed` from merge_ranges(found.allowed)) with a
/// variant whose entry's clauses hold: not inside another entry's
/// established term, no exclude= term in the document, a term of every
/// requires= group in the document, a near= term within its word distance.
/// Within a hit, variants are tried in trie order. Appends to `out` in text
/// order; the pointers are into `found`.
void select_matches(const Compiled& compiled, const HitSet& found,
                    const Ranges& allowed, std::vector<Chosen>& out);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_SELECT_HPP_
