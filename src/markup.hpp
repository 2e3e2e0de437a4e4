// unspin: the markup layer: the prose of a Markdown or HTML document, with a
// map from every prose byte back to the document's bytes, and the findings of
// a scan of that prose moved back onto the document.
#ifndef UNSPIN_SRC_MARKUP_HPP_
#define UNSPIN_SRC_MARKUP_HPP_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "unspin/unspin.hpp"

namespace unspin::detail {

/// A run of prose and the document bytes it comes from.
struct ProsePiece {
  enum class Kind : std::uint8_t {
    kVerbatim,  ///< prose byte i is document byte `source + i`
    kDecoded,   ///< an entity or a line ending: the piece stands for the
                ///< document bytes [source, source_end) as a whole
    kBreak,     ///< inserted by the layer (between blocks, for a code span,
                ///< a line break): no document bytes, source == source_end
  };
  std::size_t prose = 0;   ///< offset in Prose::text
  std::size_t length = 0;  ///< bytes in Prose::text
  std::size_t source = 0;
  std::size_t source_end = 0;
  Kind kind = Kind::kVerbatim;
  /// Text users read but that is not element content: image alt text, the
  /// alt and title attributes. Scanned; rewritten only when asked.
  bool read_only = false;
};

/// The prose of a document: the text to scan and where each byte came from.
struct Prose {
  std::string text;
  std::vector<ProsePiece> pieces;  ///< ordered, covering `text` exactly
  /// Document ranges of markup that may hold HTML comments (raw HTML in
  /// Markdown, comment nodes in HTML), not code: where unspin-disable and
  /// the like are read (suppress.hpp).
  std::vector<std::pair<std::size_t, std::size_t>> comments;

  /// Appends `bytes`, the document's bytes from offset `at`, as they are.
  void verbatim(std::string_view bytes, std::size_t at, bool read_only);
  /// Appends `text` standing for document bytes [begin, end).
  void decoded(std::string_view text, std::size_t begin, std::size_t end,
               bool read_only);
  /// Appends `text` that stands for no document bytes, placed at `at`.
  void inserted(std::string_view text, std::size_t at);
  /// Ends a block: no phrase is matched across it.
  void block_break(std::size_t at);
  /// Marks the place of skipped content inside a block (a code span).
  void placeholder(std::size_t at);
  /// Records markup [begin, end) of `doc` that may hold comments.
  void comment(std::size_t begin, std::size_t end, std::string_view doc);
};

/// The prose of a CommonMark/GitHub Markdown document (md4c): paragraphs,
/// headings, list items, table cells, link text and image alt text (read
/// only). Skipped: code spans and blocks, raw HTML, link targets, URLs
/// written as links or bare, YAML (---) and TOML (+++) front matter.
Prose extract_markdown(std::string_view doc);

/// The prose of an HTML document (Gumbo, an HTML5 parser): text of elements,
/// entities decoded, and the alt and title attributes (read only). Skipped:
/// other attributes, comments, <script>, <style>, <code>, <pre>, <kbd>,
/// <samp>, <textarea>, <template>, <svg>, <math>, <noscript>, <iframe>,
/// <object>. Refused with kInvalidArgument, as its tags say before parsing:
/// a document that nests elements deeper than kMaxHtmlDepth (HTML5 parsing
/// takes time in proportion to the depth for each element), or whose blocks
/// would reopen more than kMaxHtmlReopened + size / 4 formatting elements
/// left open (<b>, <font>: each block reopens them all).
constexpr std::size_t kMaxHtmlDepth = 4096;
constexpr std::size_t kMaxHtmlReopened = 100000;
Status extract_html(std::string_view doc, Prose& out);

/// Moves findings of a scan of `prose.text` onto `doc`: offsets and text in
/// the document; suggestions escaped for the format; a span that crosses
/// inline markup keeps it when the suggestion has as many words as the span
/// (each word replaced in place), else it is not rewritable; a span in read
/// only text is rewritable only with `rewrite_attributes`. Lines and columns
/// are left to locate_findings().
void map_findings(std::string_view doc, const Prose& prose, Markup markup,
                  bool rewrite_attributes, std::vector<Finding>& findings);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_MARKUP_HPP_
