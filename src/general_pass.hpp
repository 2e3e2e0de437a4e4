// unspin: general-English discovery in a scan: its spots, weighed with the
// document, become findings (rendered like discovered spans).
#ifndef UNSPIN_SRC_GENERAL_PASS_HPP_
#define UNSPIN_SRC_GENERAL_PASS_HPP_

#include <string_view>
#include <vector>

#include "general_discovery.hpp"
#include "matcher.hpp"
#include "text.hpp"
#include "unspin/unspin.hpp"

namespace unspin::detail {

/// Appends to `findings` (kept sorted by begin) every spot whose confidence
/// in document `doc` reaches `threshold` and that touches no table match,
/// switched-off phrase, allowlisted phrase (`allowed`) or finding already
/// there. Confidence: P(spun and restored) when the guess is offered
/// (kOfferGuess), else P(spun) with the guess as an alternative.
void add_general_findings(std::string_view text, const GeneralData& data,
                          const std::vector<GeneralSpot>& spots,
                          const GeneralDocument& doc, const HitSet& found,
                          const Ranges& allowed, double threshold,
                          std::vector<Finding>& findings);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_GENERAL_PASS_HPP_
