// unspin: the markup layer (see markup.hpp). Markdown is read with md4c,
// whose text callbacks point into the caller's buffer, so each prose byte's
// place is known exactly; HTML with Gumbo, whose text nodes carry their
// original bytes beside the decoded text, aligned here entity by entity.
#include "markup.hpp"

#include <gumbo.h>
#include <md4c.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>
#include <utility>

namespace unspin::detail {
namespace {

// Gumbo records each parse error with a copy of the stack of open elements:
// quadratic time and memory on deeply nested input (40,000 nested <div>s
// took 39 s and 12 GB). Errors are not used here, so none are recorded.
GumboOptions gumbo_options() {
  GumboOptions o = kGumboDefaultOptions;
  o.max_errors = 0;
  return o;
}

// Between blocks: a full stop, so that no table phrase (whose gaps hold no
// such mark) is matched across blocks and a block starts a sentence (a
// deleted filler at its start capitalizes the next word); the line breaks
// keep the prose readable.
constexpr std::string_view kBlockBreak = ".\n\n";
// In place of a code span or a URL: a symbol (U+FFFC), not a word, spaced so
// that the words around it stay words of their own, and "the `x` market"
// does not read as "the market".
constexpr std::string_view kPlaceholder = " \xEF\xBF\xBC ";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

bool all_space(std::string_view s) {
  return std::all_of(s.begin(), s.end(), is_space);
}

bool one_of(std::string_view name,
            std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

// Length of the UTF-8 sequence that starts with byte `c` (1 for others).
std::size_t utf8_length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

bool is_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

// The end of the character reference that starts at raw[i] == '&' as HTML
// spells them (&name; &#123; &#x1F;, the ';' optional), or i + 1.
std::size_t reference_end(std::string_view raw, std::size_t i) {
  std::size_t k = i + 1;
  if (k < raw.size() && raw[k] == '#') {
    ++k;
    if (k < raw.size() && (raw[k] == 'x' || raw[k] == 'X')) ++k;
  }
  const std::size_t first = k;
  while (k < raw.size() && is_alnum(raw[k]) && k - i < 40) ++k;
  if (k == first) return i + 1;
  if (k < raw.size() && raw[k] == ';') ++k;
  return k;
}

// Decoded text of one character reference (for md4c, which passes them
// raw), by asking the HTML5 parser; cached, since documents repeat them.
std::string decode_reference(std::string_view ref,
                             std::map<std::string, std::string>& cache) {
  auto it = cache.find(std::string(ref));
  if (it != cache.end()) return it->second;
  std::string out(ref);
  std::string html = "<p>";
  html.append(ref);
  const GumboOptions options = gumbo_options();
  GumboOutput* g = gumbo_parse_with_options(&options, html.data(), html.size());
  // document > html > body > p > text
  const GumboNode* node = g->root;
  for (const char* step : {"body", "p"}) {
    const GumboNode* next = nullptr;
    if (node->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& kids = node->v.element.children;
      for (unsigned i = 0; i < kids.length && next == nullptr; ++i) {
        const auto* k = static_cast<const GumboNode*>(kids.data[i]);
        if (k->type == GUMBO_NODE_ELEMENT &&
            std::string_view(gumbo_normalized_tagname(k->v.element.tag)) ==
                step)
          next = k;
      }
    }
    if (next == nullptr) {
      node = nullptr;
      break;
    }
    node = next;
  }
  if (node != nullptr && node->v.element.children.length == 1) {
    const auto* t =
        static_cast<const GumboNode*>(node->v.element.children.data[0]);
    // "&#32;" and "&Tab;" decode to a whitespace node.
    if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_WHITESPACE)
      out = t->v.text.text;
  }
  gumbo_destroy_output(&options, g);
  cache.emplace(std::string(ref), out);
  return out;
}

// Appends the prose of raw document bytes [begin, begin + raw.size()) whose
// decoded text (by Gumbo) is `dec`: equal bytes verbatim, each character
// reference, CR LF pair and NUL as a decoded piece. Where the two cannot be
// aligned, the rest is one read-only decoded piece (reported, not rewritten).
void align(Prose& out, std::size_t begin, std::string_view raw,
           std::string_view dec, bool read_only) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < raw.size() && j < dec.size()) {
    // A run of equal bytes up to the next byte that can decode differently.
    std::size_t n = 0;
    while (i + n < raw.size() && j + n < dec.size() &&
           raw[i + n] == dec[j + n] && raw[i + n] != '&' &&
           raw[i + n] != '\r' && raw[i + n] != '\0')
      ++n;
    if (n > 0) {
      out.verbatim(raw.substr(i, n), begin + i, read_only);
      i += n;
      j += n;
      continue;
    }
    const char c = raw[i];
    if (c == '\r') {
      // CR LF and a lone CR both read as LF.
      const std::size_t len = i + 1 < raw.size() && raw[i + 1] == '\n' ? 2 : 1;
      if (dec[j] != '\n') break;
      out.decoded("\n", begin + i, begin + i + len, read_only);
      i += len;
      j += 1;
      continue;
    }
    if (c == '\0') {
      if (dec.substr(j, 3) != "\xEF\xBF\xBD") break;
      out.decoded(dec.substr(j, 3), begin + i, begin + i + 1, read_only);
      i += 1;
      j += 3;
      continue;
    }
    if (c != '&') break;
    const std::size_t longest = reference_end(raw, i);
    // Not decoded by the parser: the '&' and what follows stand as written.
    if (dec.substr(j, longest - i) == raw.substr(i, longest - i)) {
      out.verbatim(raw.substr(i, 1), begin + i, read_only);
      i += 1;
      j += 1;
      continue;
    }
    // Decoded to one or two code points: the one after which the decoded
    // text goes on as the raw text after the reference does. Without a ';'
    // the parser may have decoded a shorter name ("&copy2023" is "©2023"):
    // shorter ends are tried too.
    std::size_t k = longest;
    std::size_t found = std::string_view::npos;
    for (; k > i + 1 && found == std::string_view::npos; --k) {
      if (k != longest && raw[longest - 1] == ';') break;
      std::size_t lit = k;
      while (lit < raw.size() && raw[lit] != '&' && raw[lit] != '\r' &&
             raw[lit] != '\0')
        ++lit;
      const std::string_view after = raw.substr(k, lit - k);
      std::size_t m = j;
      for (int cps = 0; cps < 2 && m < dec.size(); ++cps) {
        m += utf8_length(static_cast<unsigned char>(dec[m]));
        if (m > dec.size()) break;
        const bool fits = after.empty()
                              ? (k == raw.size() ? m == dec.size() : true)
                              : dec.substr(m, after.size()) == after;
        if (fits) {
          found = m;
          break;
        }
      }
      if (found != std::string_view::npos) break;
    }
    if (found == std::string_view::npos) break;
    out.decoded(dec.substr(j, found - j), begin + i, begin + k, read_only);
    i = k;
    j = found;
  }
  if (i < raw.size() || j < dec.size()) {
    if (j < dec.size())
      out.decoded(dec.substr(j), begin + i, begin + raw.size(), true);
  }
}

// ---------------------------------------------------------------- Markdown

struct MarkdownState {
  std::string_view doc;
  Prose* out = nullptr;
  int skip = 0;          // inside a code block, an HTML block or a code span
  int html_block = 0;    // inside an HTML block
  int image = 0;         // inside an image's alt text
  std::size_t last = 0;  // document offset after the last text seen
  // Links: where each open link's prose began, and its target.
  std::vector<std::pair<std::size_t, std::string>> links;
  std::map<std::string, std::string> references;
};

bool in_doc(const MarkdownState& s, const MD_CHAR* p, MD_SIZE n) {
  return p >= s.doc.data() && p + n <= s.doc.data() + s.doc.size();
}

int md_enter_block(MD_BLOCKTYPE type, void* /*detail*/, void* user) {
  auto& s = *static_cast<MarkdownState*>(user);
  if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML) ++s.skip;
  if (type == MD_BLOCK_HTML) ++s.html_block;
  s.out->block_break(s.last);
  return 0;
}

int md_leave_block(MD_BLOCKTYPE type, void* /*detail*/, void* user) {
  auto& s = *static_cast<MarkdownState*>(user);
  if (type == MD_BLOCK_CODE || type == MD_BLOCK_HTML) --s.skip;
  if (type == MD_BLOCK_HTML) --s.html_block;
  s.out->block_break(s.last);
  return 0;
}

int md_enter_span(MD_SPANTYPE type, void* detail, void* user) {
  auto& s = *static_cast<MarkdownState*>(user);
  switch (type) {
    case MD_SPAN_CODE:
      if (s.skip == 0) s.out->placeholder(s.last);
      ++s.skip;
      break;
    case MD_SPAN_IMG:
      ++s.image;
      break;
    case MD_SPAN_A: {
      const auto* a = static_cast<const MD_SPAN_A_DETAIL*>(detail);
      s.links.emplace_back(s.out->text.size(),
                           std::string(a->href.text, a->href.size));
      break;
    }
    default:
      break;
  }
  return 0;
}

// A link whose text is its own target (an autolink, <https://...>, or a bare
// URL or e-mail address) is a URL, not prose: its pieces are taken back.
void drop_url_text(MarkdownState& s, std::size_t from,
                   const std::string& href) {
  Prose& out = *s.out;
  const std::string_view text = std::string_view(out.text).substr(from);
  if (text.empty() || text.find(' ') != std::string_view::npos) return;
  const bool url = href == text || href == "mailto:" + std::string(text) ||
                   href == "http://" + std::string(text) ||
                   href == "https://" + std::string(text);
  if (!url) return;
  while (!out.pieces.empty() && out.pieces.back().prose >= from)
    out.pieces.pop_back();
  if (!out.pieces.empty()) {
    ProsePiece& p = out.pieces.back();
    if (p.prose + p.length > from) {
      // A piece that began before the link (merged with it): cut it.
      const std::size_t keep = from - p.prose;
      p.length = keep;
      if (p.kind == ProsePiece::Kind::kVerbatim) p.source_end = p.source + keep;
    }
  }
  out.text.resize(from);
  out.placeholder(s.last);
}

int md_leave_span(MD_SPANTYPE type, void* /*detail*/, void* user) {
  auto& s = *static_cast<MarkdownState*>(user);
  switch (type) {
    case MD_SPAN_CODE:
      --s.skip;
      break;
    case MD_SPAN_IMG:
      --s.image;
      break;
    case MD_SPAN_A:
      if (!s.links.empty()) {
        auto [from, href] = std::move(s.links.back());
        s.links.pop_back();
        if (s.skip == 0) drop_url_text(s, from, href);
      }
      break;
    default:
      break;
  }
  return 0;
}

// Inline raw HTML in Markdown is markup, but a tag that breaks the line
// (<br>) or starts a block (<p>, <div>, <li>, ...) or stands for an object
// (<img>) separates the words around it, as it does when rendered.
void inline_html_break(MarkdownState& s, std::string_view tag) {
  if (tag.size() < 3 || tag[0] != '<') return;
  std::size_t k = tag[1] == '/' ? 2 : 1;
  std::string name;
  while (k < tag.size() && is_alnum(tag[k]) && name.size() < 16)
    name +=
        static_cast<char>(std::tolower(static_cast<unsigned char>(tag[k++])));
  if (name == "br") {
    s.out->inserted("\n", s.last);
  } else if (one_of(name, {"img", "input", "embed", "object", "video", "audio",
                           "iframe", "svg", "math", "button", "select"})) {
    s.out->placeholder(s.last);
  } else if (one_of(name,
                    {"p",       "div",     "hr",      "li",     "ul",
                     "ol",      "dl",      "dt",      "dd",     "table",
                     "tr",      "td",      "th",      "h1",     "h2",
                     "h3",      "h4",      "h5",      "h6",     "blockquote",
                     "section", "article", "header",  "footer", "nav",
                     "aside",   "details", "summary", "figure", "figcaption",
                     "main"})) {
    s.out->block_break(s.last);
  }
}

int md_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto& s = *static_cast<MarkdownState*>(user);
  const bool inside = in_doc(s, text, size);
  const std::size_t at =
      inside ? static_cast<std::size_t>(text - s.doc.data()) : 0;
  if (inside) {
    if (type == MD_TEXT_NORMAL || type == MD_TEXT_ENTITY ||
        type == MD_TEXT_CODE || type == MD_TEXT_HTML)
      s.last = std::max(s.last, at + size);
  }
  if (type == MD_TEXT_HTML && inside && s.skip == s.html_block)
    s.out->comment(at, at + size, s.doc);
  if (s.skip > 0) return 0;
  const bool ro = s.image > 0;
  switch (type) {
    case MD_TEXT_NORMAL:
      if (inside) {
        s.out->verbatim(std::string_view(text, size), at, ro);
      } else {
        s.out->inserted(std::string_view(text, size), s.last);
      }
      break;
    case MD_TEXT_ENTITY:
      if (inside) {
        s.out->decoded(
            decode_reference(std::string_view(text, size), s.references), at,
            at + size, ro);
      }
      break;
    case MD_TEXT_NULLCHAR:
      s.out->inserted("\xEF\xBF\xBD", s.last);
      break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      s.out->inserted("\n", s.last);
      break;
    case MD_TEXT_HTML:  // inline raw HTML: markup, read for its breaks
      inline_html_break(s, std::string_view(text, size));
      break;
    default:  // code, math: not prose
      s.out->placeholder(s.last);
      break;
  }
  return 0;
}

// Length of a YAML (---) or TOML (+++) front matter block at the start.
std::size_t front_matter(std::string_view doc) {
  // A UTF-8 byte order mark may come first.
  const std::size_t bom = doc.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  for (std::string_view fence : {"---", "+++"}) {
    if (doc.substr(bom, 3) != fence) continue;
    std::size_t eol = doc.find('\n');
    if (eol == std::string_view::npos ||
        !all_space(doc.substr(bom + 3, eol - bom - 3)))
      continue;
    std::size_t pos = eol + 1;
    while (pos < doc.size()) {
      std::size_t end = doc.find('\n', pos);
      const std::size_t line_end =
          end == std::string_view::npos ? doc.size() : end;
      std::string_view line = doc.substr(pos, line_end - pos);
      while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
      if (line == fence || (fence == "---" && line == "..."))
        return end == std::string_view::npos ? doc.size() : end + 1;
      pos = line_end + 1;
    }
    return 0;  // not closed: not front matter
  }
  return 0;
}

// ---------------------------------------------------------------- HTML

bool skipped_element(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
      return true;
    default:
      return false;
  }
}

// What an HTML5 parse of a document will cost, estimated from its tags
// alone, before parsing: the parser's time per tag grows with how deep
// elements nest (a million nested <div>s would take hours), and each new
// block reopens the formatting elements (<b>, <font>, ...) left open before
// it (3,000 distinct unclosed <b>s before 3,000 paragraphs make 9 million
// elements, 3.4 GB).
struct HtmlCost {
  std::size_t depth = 0;          // deepest nesting of elements
  std::size_t reconstructed = 0;  // formatting elements reopened in blocks
};

// Whether a tag as written ("B id=1") is of the element `name` ("b").
bool tag_is(std::string_view tag, std::string_view name) {
  if (tag.size() < name.size() ||
      (tag.size() > name.size() && is_alnum(tag[name.size()])))
    return false;
  for (std::size_t k = 0; k < name.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(tag[k])) != name[k])
      return false;
  return true;
}

bool formatting_element(std::string_view name) {
  return one_of(name, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s",
                       "small", "strike", "strong", "tt", "u"});
}

// Start tags of elements that are neither void nor closed implicitly by
// their siblings open, end tags close the nearest open element of the same
// name (among the last 64). Unclosed formatting elements are kept as the
// parser keeps them (at most three alike, cleared at the end of a table
// cell), and each block start is charged for them. Comments and the text of
// script, style and the like are skipped. Stops counting past the limits.
HtmlCost html_cost(std::string_view doc, std::size_t depth_limit,
                   std::size_t reconstruct_limit) {
  HtmlCost cost;
  std::vector<std::string> open;
  std::size_t foreign = 0;  // open svg and math elements
  // Active formatting elements, by their tag as written (name, attributes),
  // and where each table cell's own ones begin.
  std::vector<std::string_view> active;
  std::vector<std::size_t> markers;
  std::size_t i = 0;
  auto lower_name = [&](std::size_t from, std::string& name) {
    name.clear();
    std::size_t k = from;
    while (k < doc.size() && name.size() < 32 &&
           (is_alnum(doc[k]) || (doc[k] == '-' && !name.empty()))) {
      name +=
          static_cast<char>(std::tolower(static_cast<unsigned char>(doc[k])));
      ++k;
    }
    return k;
  };
  auto clear_to_marker = [&] {
    active.resize(markers.empty() ? 0 : markers.back());
    if (!markers.empty()) markers.pop_back();
  };
  // The last active element `name` of the current cell is closed.
  auto forget = [&](std::string_view name) {
    for (std::size_t k = active.size();
         k > (markers.empty() ? 0 : markers.back()); --k) {
      if (tag_is(active[k - 1], name)) {
        active.erase(active.begin() + static_cast<std::ptrdiff_t>(k - 1));
        return;
      }
    }
  };
  std::string name;
  while ((i = doc.find('<', i)) != std::string_view::npos) {
    if (doc.substr(i, 4) == "<!--") {
      const std::size_t end = doc.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    const bool closing = i + 1 < doc.size() && doc[i + 1] == '/';
    const std::size_t after = lower_name(i + 1 + (closing ? 1 : 0), name);
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) {
      ++i;
      continue;
    }
    const std::size_t gt = doc.find('>', after);
    if (gt == std::string_view::npos) break;
    const std::string_view tag = doc.substr(i + 1, gt - i - 1);
    i = gt + 1;
    const bool cell = one_of(name, {"td", "th", "caption", "applet", "object",
                                    "marquee", "template"});
    if (closing ? !formatting_element(name)
                : one_of(name, {"p", "li", "dd", "dt", "h1", "h2", "h3", "h4",
                                "h5", "h6", "tr", "option", "body"})) {
      // An element ends (a </div>, or a <p> that ends the paragraph before
      // it): the formatting elements of the current cell that it closed are
      // reopened in what follows.
      cost.reconstructed +=
          active.size() - (markers.empty() ? 0 : markers.back());
      if (cost.reconstructed > reconstruct_limit) break;
    }
    if (closing) {
      if (cell || name == "tr" || name == "table") {
        if (!markers.empty()) clear_to_marker();
      } else if (formatting_element(name)) {
        forget(name);
      }
      const std::size_t stop = open.size() > 64 ? open.size() - 64 : 0;
      for (std::size_t k = open.size(); k > stop; --k) {
        if (open[k - 1] == name) {
          for (std::size_t x = k - 1; x < open.size(); ++x)
            if (open[x] == "svg" || open[x] == "math") --foreign;
          open.resize(k - 1);
          break;
        }
      }
      continue;
    }
    if (one_of(name, {"script", "style", "textarea", "title", "xmp", "iframe",
                      "noembed", "noframes", "plaintext"})) {
      // Raw text up to its end tag.
      std::size_t k = i;
      for (;;) {
        k = doc.find("</", k);
        if (k == std::string_view::npos) break;
        std::string end_name;
        lower_name(k + 2, end_name);
        if (end_name == name) break;
        k += 2;
      }
      if (k == std::string_view::npos) break;
      i = k;
      continue;
    }
    if (cell) {
      // A new cell (or row) closes the one before it, and its formatting.
      if ((name == "td" || name == "th") && !markers.empty()) clear_to_marker();
      markers.push_back(active.size());
    } else if (name == "tr" && !markers.empty()) {
      clear_to_marker();
    }
    // A new link closes the one still open (the adoption agency).
    if (name == "a" || name == "nobr") forget(name);
    if (formatting_element(name) &&
        std::count(active.begin() + static_cast<std::ptrdiff_t>(
                                        markers.empty() ? 0 : markers.back()),
                   active.end(), tag) < 3)
      active.push_back(tag);
    // "/>" closes an element only in SVG and MathML; HTML5 ignores it on
    // other elements (<div/> opens a div).
    if (doc[gt - 1] == '/' && foreign > 0) continue;
    if (one_of(name,
               {"area",    "base",   "br",       "col",  "embed", "hr",
                "img",     "input",  "link",     "meta", "param", "source",
                "track",   "wbr",    "keygen",   "p",    "li",    "dd",
                "dt",      "option", "optgroup", "tr",   "td",    "th",
                "thead",   "tbody",  "tfoot",    "rp",   "rt",    "colgroup",
                "caption", "html",   "head",     "body"}))
      continue;
    if (name == "svg" || name == "math") ++foreign;
    open.push_back(name);
    cost.depth = std::max(cost.depth, open.size());
    if (cost.depth > depth_limit) break;
  }
  return cost;
}

// Elements inside a line of text: their tags do not end a block.
bool inline_element(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_BIG:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_I:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_U:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
      return true;
    default:
      return false;
  }
}

// The document bytes a Gumbo string piece stands for, or a view with a null
// data pointer when it does not point into the document.
std::string_view gumbo_bytes(std::string_view doc,
                             const GumboStringPiece& piece) {
  const std::string_view raw(piece.data, piece.length);
  if (raw.data() == nullptr || raw.data() < doc.data() ||
      raw.data() + raw.size() > doc.data() + doc.size())
    return {};
  return raw;
}

// The alt and title attributes, scanned as read-only blocks of their own.
void html_attributes(std::string_view doc, const GumboElement& el, Prose& out) {
  for (unsigned i = 0; i < el.attributes.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
    const std::string_view name = a->name;
    if (name != "alt" && name != "title") continue;
    std::string_view raw = gumbo_bytes(doc, a->original_value);
    if (raw.data() == nullptr) continue;
    if (raw.size() >= 2 && (raw.front() == '"' || raw.front() == '\'') &&
        raw.back() == raw.front())
      raw = raw.substr(1, raw.size() - 2);
    const auto at = static_cast<std::size_t>(raw.data() - doc.data());
    out.block_break(at);
    align(out, at, raw, a->value, true);
    out.block_break(at + raw.size());
  }
}

// Document offset where a node's source ends, when Gumbo knows it.
std::size_t element_end(std::string_view doc, const GumboElement& el,
                        std::size_t fallback) {
  if (el.original_end_tag.data != nullptr &&
      el.original_end_tag.data >= doc.data() &&
      el.original_end_tag.data <= doc.data() + doc.size())
    return static_cast<std::size_t>(el.original_end_tag.data - doc.data()) +
           el.original_end_tag.length;
  return fallback;
}

void walk_html(std::string_view doc, const GumboNode* root, Prose& out) {
  // An explicit stack: documents may nest elements arbitrarily deep.
  struct Frame {
    const GumboNode* node;
    unsigned next;  // next child to visit
  };
  std::vector<Frame> stack{{root, 0}};
  std::size_t last = 0;
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboNode* node = f.node;
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) {
      stack.pop_back();
      continue;
    }
    const GumboVector& kids = node->type == GUMBO_NODE_DOCUMENT
                                  ? node->v.document.children
                                  : node->v.element.children;
    if (f.next == 0 && node->type == GUMBO_NODE_ELEMENT) {
      const GumboElement& el = node->v.element;
      if (el.start_pos.offset <= doc.size() && el.original_tag.data != nullptr)
        last = std::max<std::size_t>(last, el.start_pos.offset);
      html_attributes(doc, el, out);
      if (!inline_element(el.tag)) out.block_break(last);
      if (skipped_element(el.tag)) {
        if (inline_element(el.tag)) out.placeholder(last);
        last = std::max(last, element_end(doc, el, last));
        stack.pop_back();
        continue;
      }
    }
    if (f.next < kids.length) {
      const auto* kid = static_cast<const GumboNode*>(kids.data[f.next++]);
      if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_WHITESPACE) {
        const GumboText& t = kid->v.text;
        const std::string_view raw = gumbo_bytes(doc, t.original_text);
        if (raw.data() != nullptr) {
          const auto at = static_cast<std::size_t>(raw.data() - doc.data());
          align(out, at, raw, t.text, false);
          last = std::max(last, at + raw.size());
        }
      } else if (kid->type == GUMBO_NODE_COMMENT) {
        const std::string_view raw =
            gumbo_bytes(doc, kid->v.text.original_text);
        if (raw.data() != nullptr) {
          const auto at = static_cast<std::size_t>(raw.data() - doc.data());
          out.comment(at, at + raw.size(), doc);
        }
      } else if (kid->type == GUMBO_NODE_ELEMENT ||
                 kid->type == GUMBO_NODE_TEMPLATE) {
        if (kid->type == GUMBO_NODE_TEMPLATE) continue;
        stack.push_back({kid, 0});
      }
      continue;
    }
    if (node->type == GUMBO_NODE_ELEMENT) {
      const GumboElement& el = node->v.element;
      last = std::max(last, element_end(doc, el, last));
      if (!inline_element(el.tag)) out.block_break(last);
    }
    stack.pop_back();
  }
}

// ---------------------------------------------------------------- findings

// The piece holding prose byte `pos` (pieces cover the text in order).
std::size_t piece_at(const Prose& prose, std::size_t pos) {
  auto it = std::upper_bound(
      prose.pieces.begin(), prose.pieces.end(), pos,
      [](std::size_t p, const ProsePiece& piece) { return p < piece.prose; });
  return it == prose.pieces.begin()
             ? 0
             : static_cast<std::size_t>(it - prose.pieces.begin()) - 1;
}

// Document offset of prose byte `pos` as the start of a span.
std::size_t source_begin(const Prose& prose, std::size_t pos) {
  const ProsePiece& p = prose.pieces[piece_at(prose, pos)];
  if (p.kind == ProsePiece::Kind::kVerbatim)
    return p.source + std::min(pos - p.prose, p.length);
  return p.source;
}

// Document offset just after prose byte `pos - 1` as the end of a span.
std::size_t source_end(const Prose& prose, std::size_t pos) {
  if (pos == 0) return 0;
  const ProsePiece& p = prose.pieces[piece_at(prose, pos - 1)];
  if (p.kind == ProsePiece::Kind::kVerbatim)
    return p.source + std::min(pos - p.prose, p.length);
  return p.source_end;
}

struct SpanShape {
  bool crosses_markup = false;  // document bytes in it that are not prose
  bool read_only = false;
};

SpanShape shape_of(std::string_view doc, const Prose& prose, std::size_t b,
                   std::size_t e) {
  SpanShape s;
  if (b >= e || prose.pieces.empty()) return s;
  const std::size_t first = piece_at(prose, b);
  const std::size_t last = piece_at(prose, e - 1);
  const ProsePiece* prev = nullptr;
  for (std::size_t i = first; i <= last; ++i) {
    const ProsePiece& p = prose.pieces[i];
    s.read_only = s.read_only || p.read_only;
    if (p.kind == ProsePiece::Kind::kBreak) {
      const std::size_t pb = std::max(b, p.prose);
      const std::size_t pe = std::min(e, p.prose + p.length);
      if (!all_space(std::string_view(prose.text).substr(pb, pe - pb)))
        s.crosses_markup = true;
      continue;
    }
    if (prev != nullptr && p.source >= prev->source_end &&
        !all_space(doc.substr(prev->source_end, p.source - prev->source_end)))
      s.crosses_markup = true;
    if (prev != nullptr && p.source < prev->source_end) s.crosses_markup = true;
    prev = &p;
  }
  return s;
}

// A suggestion as the document's format writes it.
std::string escape(std::string_view s, Markup markup) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (markup == Markup::kHtml) {
      if (c == '&')
        out += "&amp;";
      else if (c == '<')
        out += "&lt;";
      else if (c == '>')
        out += "&gt;";
      else
        out += c;
    } else {
      if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' ||
          c == ']' || c == '<' || c == '>' || c == '&')
        out += '\\';
      out += c;
    }
  }
  return out;
}

// Whitespace-separated words of s as [begin, end) offsets.
std::vector<std::pair<std::size_t, std::size_t>> words_of(std::string_view s) {
  std::vector<std::pair<std::size_t, std::size_t>> w;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    const std::size_t b = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > b) w.emplace_back(b, i);
  }
  return w;
}

// The suggestion for a span [b, e) of prose that crosses inline markup,
// written over the document's span with each word replaced in place and
// the markup between words kept; false when the words do not pair up.
bool keep_markup(std::string_view doc, const Prose& prose, std::size_t b,
                 std::size_t e, std::string_view suggestion, Markup markup,
                 std::string& out) {
  const std::string_view span = std::string_view(prose.text).substr(b, e - b);
  const auto old_words = words_of(span);
  const auto new_words = words_of(suggestion);
  if (old_words.empty() || old_words.size() != new_words.size()) return false;
  // Text before the first word and after the last stay as in the document.
  const std::size_t src_b = source_begin(prose, b);
  const std::size_t src_e = source_end(prose, e);
  std::size_t pos = src_b;
  out.clear();
  for (std::size_t i = 0; i < old_words.size(); ++i) {
    const std::size_t wb = b + old_words[i].first;
    const std::size_t we = b + old_words[i].second;
    if (shape_of(doc, prose, wb, we).crosses_markup) return false;
    const std::size_t sb = source_begin(prose, wb);
    const std::size_t se = source_end(prose, we);
    if (sb < pos || se < sb || se > src_e) return false;
    out.append(doc.substr(pos, sb - pos));
    const std::string_view nw = suggestion.substr(
        new_words[i].first, new_words[i].second - new_words[i].first);
    const std::string_view ow = span.substr(
        old_words[i].first, old_words[i].second - old_words[i].first);
    if (nw == ow)
      out.append(doc.substr(sb, se - sb));
    else
      out.append(escape(nw, markup));
    pos = se;
  }
  out.append(doc.substr(pos, src_e - pos));
  return true;
}

}  // namespace

void Prose::verbatim(std::string_view bytes, std::size_t at, bool read_only) {
  if (bytes.empty()) return;
  const std::size_t end = at + bytes.size();
  if (!pieces.empty()) {
    ProsePiece& p = pieces.back();
    if (p.kind == ProsePiece::Kind::kVerbatim && p.source_end == at &&
        p.read_only == read_only) {
      p.length += bytes.size();
      p.source_end = end;
      text.append(bytes);
      return;
    }
  }
  pieces.push_back({text.size(), bytes.size(), at, end,
                    ProsePiece::Kind::kVerbatim, read_only});
  text.append(bytes);
}

void Prose::decoded(std::string_view t, std::size_t begin, std::size_t end,
                    bool read_only) {
  if (t.empty()) return;
  pieces.push_back({text.size(), t.size(), begin, end,
                    ProsePiece::Kind::kDecoded, read_only});
  text.append(t);
}

void Prose::inserted(std::string_view t, std::size_t at) {
  if (t.empty()) return;
  pieces.push_back(
      {text.size(), t.size(), at, at, ProsePiece::Kind::kBreak, false});
  text.append(t);
}

void Prose::block_break(std::size_t at) {
  if (text.empty() || (text.size() >= kBlockBreak.size() &&
                       std::string_view(text).substr(
                           text.size() - kBlockBreak.size()) == kBlockBreak))
    return;
  inserted(kBlockBreak, at);
}

void Prose::placeholder(std::size_t at) { inserted(kPlaceholder, at); }

void Prose::comment(std::size_t begin, std::size_t end, std::string_view doc) {
  // The lines of one raw HTML block come one by one: kept as one range.
  if (!comments.empty() && comments.back().second <= begin &&
      all_space(
          doc.substr(comments.back().second, begin - comments.back().second))) {
    comments.back().second = end;
    return;
  }
  comments.emplace_back(begin, end);
}

Prose extract_markdown(std::string_view doc) {
  Prose out;
  MarkdownState s;
  s.doc = doc;
  s.out = &out;
  const std::size_t skip = front_matter(doc);
  s.last = skip;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_DIALECT_GITHUB;
  parser.enter_block = md_enter_block;
  parser.leave_block = md_leave_block;
  parser.enter_span = md_enter_span;
  parser.leave_span = md_leave_span;
  parser.text = md_text;
  md_parse(doc.data() + skip, static_cast<MD_SIZE>(doc.size() - skip), &parser,
           &s);
  return out;
}

Status extract_html(std::string_view doc, Prose& out) {
  out = Prose();
  const std::size_t reconstruct_limit = kMaxHtmlReopened + doc.size() / 4;
  const HtmlCost cost = html_cost(doc, kMaxHtmlDepth, reconstruct_limit);
  if (cost.depth > kMaxHtmlDepth)
    return Status(ErrorCode::kInvalidArgument,
                  "HTML nests elements more than " +
                      std::to_string(kMaxHtmlDepth) +
                      " deep: not parsed (browsers stop at 512)");
  if (cost.reconstructed > reconstruct_limit)
    return Status(ErrorCode::kInvalidArgument,
                  "HTML leaves so many formatting elements (<b>, <font>, ...) "
                  "open that its blocks would reopen more than " +
                      std::to_string(reconstruct_limit) +
                      " of them: not parsed");
  const GumboOptions options = gumbo_options();
  GumboOutput* g = gumbo_parse_with_options(&options, doc.data(), doc.size());
  walk_html(doc, g->document, out);
  gumbo_destroy_output(&options, g);
  return Status::ok_status();
}

void map_findings(std::string_view doc, const Prose& prose, Markup markup,
                  bool rewrite_attributes, std::vector<Finding>& findings) {
  auto add_note = [](Finding& f, std::string_view note) {
    if (!f.explanation.empty()) f.explanation += "; ";
    f.explanation += note;
  };
  for (Finding& f : findings) {
    const std::size_t b = std::min(f.begin, prose.text.size());
    const std::size_t e = std::min(std::max(f.end, b), prose.text.size());
    const SpanShape shape = shape_of(doc, prose, b, e);
    const std::size_t src_b = prose.pieces.empty() ? 0 : source_begin(prose, b);
    const std::size_t src_e =
        std::max(b < e ? source_end(prose, e) : src_b, src_b);
    if (shape.read_only && !rewrite_attributes) {
      f.rewritable = false;
      add_note(f, "not applied: alt or title text (rewrite_attributes is off)");
    }
    if (f.has_suggestion) {
      // Where the document writes the span otherwise than its prose (inline
      // markup, an entity, CR LF, a hard break, a list item's indent), the
      // words are replaced in place so that those bytes stay.
      const bool differs = shape.crosses_markup ||
                           doc.substr(src_b, src_e - src_b) !=
                               std::string_view(prose.text).substr(b, e - b);
      std::string kept;
      if (differs &&
          keep_markup(doc, prose, b, e, f.suggestion, markup, kept)) {
        f.suggestion = std::move(kept);
      } else if (shape.crosses_markup) {
        if (f.rewritable)
          add_note(f,
                   "not applied: the span crosses inline markup that the "
                   "rewrite cannot keep");
        f.rewritable = false;
      } else {
        f.suggestion = escape(f.suggestion, markup);
      }
    }
    f.begin = src_b;
    f.end = src_e;
  }
  // An HTML parser may move text (a table's stray text goes before the
  // table), so prose order is not always document order: findings are put
  // back in document order, and one that overlaps the one before it (two
  // findings in one entity, or in text the parser moved) is not rewritable.
  std::stable_sort(
      findings.begin(), findings.end(),
      [](const Finding& x, const Finding& y) { return x.begin < y.begin; });
  std::size_t prev_end = 0;
  for (Finding& f : findings) {
    if (f.begin < prev_end) {
      f.begin = prev_end;
      f.end = std::max(f.end, f.begin);
      if (f.rewritable)
        add_note(f, "not applied: shares markup with a finding");
      f.rewritable = false;
    }
    f.text = std::string(doc.substr(f.begin, f.end - f.begin));
    prev_end = std::max(prev_end, f.end);
  }
}

}  // namespace unspin::detail
