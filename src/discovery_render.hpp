// unspin: turning a chosen discovery candidate into a Discovered: its
// suggestions in the text's case and spacing, its "how" and explanation.
#ifndef UNSPIN_SRC_DISCOVERY_RENDER_HPP_
#define UNSPIN_SRC_DISCOVERY_RENDER_HPP_

#include <cstddef>
#include <vector>

#include "candidates.hpp"
#include "discovery.hpp"

namespace unspin::detail {

/// The Discovered of a span whose candidates are cands[group[0]],
/// cands[group[1]], ... (most likely to restore first): suggestions[0]
/// from group[0], then the others' distinct suggestions; confidence
/// `span_score` (the span's best P(spun)).
Discovered render(const Window& w, const std::vector<Candidate>& cands,
                  const std::size_t* group, std::size_t group_size,
                  double span_score);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_DISCOVERY_RENDER_HPP_
