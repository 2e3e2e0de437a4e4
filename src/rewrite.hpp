// unspin: rewriting: carrying the capitalization of a span over to its
// suggestion, choosing a/an, and applying findings to a text.
#ifndef UNSPIN_SRC_REWRITE_HPP_
#define UNSPIN_SRC_REWRITE_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "unspin/unspin.hpp"

namespace unspin::detail {

/// Capitalization pattern of a span of text.
enum class CasePattern {
  kAsIs,        ///< lowercase or mixed: the canonical is used as written
  kFirstUpper,  ///< "Bad guy gangs": first letter of the suggestion upper
  kTitle,       ///< "Bad Guy Gangs": every word of the suggestion capitalized
  kUpper,       ///< "BAD GUY GANGS": suggestion in capitals
};

/// The pattern of `span` given its words (each a string_view into span).
CasePattern case_pattern(const std::vector<std::string_view>& words);

/// `canonical` rewritten in `pattern`. Letters the canonical writes in
/// capitals ("DNA") stay capitals.
std::string apply_case(std::string_view canonical, CasePattern pattern);

/// True when `word` takes "an" rather than "a" (by sound: "an hour",
/// "a user", "an SVM", "an 8").
bool takes_an(std::string_view word);

/// The text with the findings applied (sorted by begin, non-overlapping,
/// inside the text). Findings without a suggestion are left out.
Result<std::string> apply_findings(std::string_view text,
                                   std::vector<const Finding*> findings);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_REWRITE_HPP_
