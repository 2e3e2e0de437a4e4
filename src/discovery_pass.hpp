// unspin: discovery over a scan's token windows: runs discover() on the
// words the matcher read, then settles it once the table findings are known.
#ifndef UNSPIN_SRC_DISCOVERY_PASS_HPP_
#define UNSPIN_SRC_DISCOVERY_PASS_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "discovery.hpp"
#include "matcher.hpp"
#include "rewrite.hpp"
#include "text.hpp"

namespace unspin::detail {

/// A discovered span kept for the report, with what its rendering needs of
/// its words (the windows are gone by then).
struct DiscoveredSpan {
  Discovered found;
  CasePattern pattern = CasePattern::kAsIs;  ///< of the span's words
  std::string spun_lemma;  ///< the span's words normalized, space-separated
};

/// Discovery of one scan, window by window. A discovered span never touches
/// a table match, a switched-off or allowlisted phrase, or a reported table
/// finding, and discover() leaves those out before it chooses among
/// overlapping candidates. The reported findings are only known after the
/// last window, so add() runs discover() with the ranges the matcher knows
/// then, and finish() checks each window against the final ranges: as
/// discover() picks greedily, blocking words that none of its picks touch
/// changes nothing; a window with a pick that touches them is read and
/// discovered again (rare: a pick next to a finding's a/an or deletion).
/// Results are those of discover_text(text, final ranges).
class DiscoveryPass {
 public:
  explicit DiscoveryPass(const DiscoveryData& data) : data_(data) {}

  /// Discovers in `window` (the windows of one WindowReader, in order), after
  /// PhraseTrie::add_hits() has added the window's matches to `found`.
  void add(std::string_view text, const TokenWindow& window,
           const HitSet& found);

  /// The kept spans in text order, given `taken`: merge_ranges() of all
  /// matches, switched-off and allowlisted phrases, and reported findings.
  void finish(std::string_view text, const Ranges& taken,
              std::vector<DiscoveredSpan>& out);

 private:
  struct Window {
    std::size_t begin = 0, end = 0;          // bytes read
    std::size_t own_begin = 0, own_end = 0;  // findings kept from here
    std::size_t first_word = 0;
    Ranges picks;                      // every span discover() chose
    std::vector<DiscoveredSpan> kept;  // those starting in the own zone
  };
  void run(std::string_view text, const TokenWindow& w, const Ranges& blocked,
           Window& win);

  const DiscoveryData& data_;
  std::vector<Window> windows_;
  // Sizes of HitSet::variants, allowed, blocked at the last two add()s:
  // the matches that can touch a window were found since the one before.
  std::size_t marks_[2][3] = {{0, 0, 0}, {0, 0, 0}};
  std::vector<Discovered> part_;
  Ranges spans_;
};

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_DISCOVERY_PASS_HPP_
