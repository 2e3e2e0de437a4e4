// unspin: in-document suppression. Comments in a document turn findings
// off and on again, as Vale's `<!-- vale off -->` and textlint's
// `<!-- textlint-disable -->` do:
//
//   unspin-disable                 every finding, until unspin-enable
//   unspin-disable bad guy gangs   findings of those phrases (comma
//                                  separated), until unspin-enable
//   unspin-enable [PHRASES]        ends a disable (all, or those phrases)
//   unspin-disable-next-line [PHRASES]   the line after the comment
//
// In Markdown and HTML a directive is an HTML comment (`<!-- unspin-disable
// -->`) that is markup, not code. In plain text it is a line of its own in
// a comment style: `# `, `// `, `-- `, `; `, `% `, `<!-- -->`, `/* */`.
// A phrase matches a finding whose text or table entry (the lemma form, so
// "bad guy gang" covers "Bad guy gangs") is that phrase, letter case and
// spacing aside.
#ifndef UNSPIN_SRC_SUPPRESS_HPP_
#define UNSPIN_SRC_SUPPRESS_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "unspin/unspin.hpp"

namespace unspin::detail {

struct Directive {
  enum class Kind : std::uint8_t { kDisable, kEnable, kNextLine };
  Kind kind = Kind::kDisable;
  /// The comment [from, at): no finding in it is reported. It takes effect
  /// at `at`.
  std::size_t from = 0;
  std::size_t at = 0;
  /// kNextLine: the line it covers, [line_begin, line_end); line_begin is
  /// the text's size when that line is not in the text.
  std::size_t line_begin = 0;
  std::size_t line_end = 0;
  /// Normalized phrases; empty for all.
  std::vector<std::string> phrases;
};

/// What is switched off where a text begins (carried from window to window
/// by a Scanner).
struct SuppressState {
  bool all = false;
  std::vector<std::string> phrases;  // sorted, unique
  /// A disable-next-line at the very end of the text before: the phrases
  /// it covers (empty for all) on the first line of this text.
  std::optional<std::vector<std::string>> first_line;
};

/// The directives of a plain text, in order.
std::vector<Directive> text_directives(std::string_view text);

/// The directives in the HTML comments at `comments` (document ranges of
/// markup that may hold comments: raw HTML in Markdown, comment nodes in
/// HTML), in order.
std::vector<Directive> comment_directives(
    std::string_view doc,
    const std::vector<std::pair<std::size_t, std::size_t>>& comments);

/// Drops the findings (offsets into `text`, in order) that `directives`
/// suppress, from `start` on, and recounts `verdict` when any is dropped
/// (only what is left counts). Returns how many were dropped.
std::size_t suppress(std::string_view text,
                     const std::vector<Directive>& directives,
                     const SuppressState& start, std::vector<Finding>& findings,
                     Verdict& verdict);

/// The state at offset `cut` of `text` (where the next window begins).
SuppressState state_at(std::string_view text,
                       const std::vector<Directive>& directives,
                       const SuppressState& start, std::size_t cut);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_SUPPRESS_HPP_
