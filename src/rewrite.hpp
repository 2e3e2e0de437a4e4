// unspin: rewriting: carrying the capitalization of a span over to its
// suggestion, choosing a/an, and applying findings to a text.
#ifndef UNSPIN_SRC_REWRITE_HPP_
#define UNSPIN_SRC_REWRITE_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "discovery.hpp"
#include "matcher.hpp"
#include "table.hpp"
#include "text.hpp"
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

/// Widens the span of a deleted phrase (f.begin, f.end) so that no stray
/// space or comma is left, and capitalizes the next word when the phrase
/// opened a sentence; sets f.suggestion.
///   "They were, needless to say, gone." -> "They were gone."
///   "Needless to say, the gangs left."  -> "The gangs left."
///   "It has actually been done."         -> "It has been done."
void delete_span(std::string_view text, Finding& f);

/// A deleted phrase at a sentence start takes the next word's first letter
/// to capitalize it ("Needless to say, c" -> "C"); where that word begins
/// the next finding, the findings would overlap: the deletion ends before
/// it and the next finding's suggestions are capitalized instead. Findings
/// ordered by begin.
void settle_capitals(std::string_view text, std::vector<Finding>& findings);

/// `suggestion` written with the span's own separators where they were
/// line breaks ("bad guy\ngangs" -> "criminal\ngangs") and with its own
/// apostrophe style (a typographic apostrophe stays typographic). `tokens`:
/// the span's words (at least one).
std::string keep_layout(std::string_view text, const std::vector<Token>& tokens,
                        std::string suggestion);

/// a/an in front of a replaced span follows the new first word: when the
/// word [art_begin, art_end) before f.begin, separated from it by
/// whitespace only, is "a"/"an" and suggestions[0] needs the other one, the
/// span grows to take the article in and every suggestion starts with its
/// own. An article before `floor` (the end of the previous finding) belongs
/// to that finding and is left alone, so findings never overlap.
void fix_article(std::string_view text, std::size_t art_begin,
                 std::size_t art_end, std::size_t floor, CasePattern pattern,
                 Finding& f, std::vector<std::string>& suggestions);

/// The ASCII word of one or two letters ending just before the whitespace
/// that precedes `pos` ([*b, *e)); false when there is none (punctuation,
/// start of text, a longer word).
bool word_before(std::string_view text, std::size_t pos, std::size_t* b,
                 std::size_t* e);

/// Renders a chosen table match as finding `f`, whose confidence and
/// score explanation are set: source, entry, span (trimmed of format
/// characters, widened for a deletion or an a/an), suggestion and
/// alternatives in the span's case and layout, text. `canonicals`: the
/// variant's alternatives; `span_tokens`: HitSet::span_tokens; `floor`: the
/// end of the finding before.
void render_table_finding(std::string_view text, const Entry& entry,
                          const std::vector<std::string>& canonicals,
                          const Hit& hit, const std::vector<Token>& span_tokens,
                          std::size_t floor, Finding& f);

/// Renders discovered span `d` as finding `f` with confidence `conf`:
/// source, entry (spun side `spun_lemma`, the words of the span
/// normalized), explanation, suggestion (with a/an, unless the article is
/// in `taken`) when restore_confidence >= kOfferGuess, else the guesses as
/// alternatives. `pattern`: the case of the span's words; `floor`: the end
/// of the discovered finding before. d.suggestions may change (a/an).
void render_discovered_finding(std::string_view text, Discovered& d,
                               CasePattern pattern, std::string spun_lemma,
                               double conf, const Ranges& taken,
                               std::size_t floor, Finding& f);

/// Sets line and column (1-based, in code points; a leading BOM is not a
/// column) of findings sorted by begin, in one pass over the text.
void locate_findings(std::string_view text, std::vector<Finding>& findings);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_REWRITE_HPP_
