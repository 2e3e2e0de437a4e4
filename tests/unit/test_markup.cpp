// unspin tests: Markdown and HTML documents: only prose is scanned, findings
// point at the document's bytes, a rewrite changes prose only (the bytes
// outside prose are the same before and after), inline markup is kept or the
// finding is reported but not applied.
#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "markup.hpp"
#include "unspin/unspin.hpp"

using unspin::DataSource;
using unspin::Detector;
using unspin::Finding;
using unspin::Markup;
using unspin::Options;
using unspin::ScanOptions;

namespace {

const std::string kData = UNSPIN_TEST_DATA_DIR;

Detector markup_detector() {
  Options o;
  o.tables.push_back(
      DataSource::from_text("m.tsv",
                            "bad guy gang\tcriminal gang\t0.95\n"
                            "human liberties\thuman rights\t0.95\n"
                            "inventory market\tstock market\t0.95\n"
                            "needless to say\t<delete>\t0.9\n"));
  o.irregular_forms = DataSource::from_file(kData + "/tables/forms.tsv");
  o.min_confidence = 0;
  auto d = Detector::create(o);
  INFO(d.status().message());
  REQUIRE(d.ok());
  return std::move(d.value());
}

ScanOptions as(Markup m) {
  ScanOptions so;
  so.markup = m;
  return so;
}

// The document's bytes that are neither prose nor whitespace, in order (what
// a rewrite must never change; line breaks inside a rewritten span go, as in
// plain text).
std::string skeleton(const std::string& doc, Markup m) {
  unspin::detail::Prose p;
  if (m == Markup::kMarkdown)
    p = unspin::detail::extract_markdown(doc);
  else
    REQUIRE(unspin::detail::extract_html(doc, p).ok());
  std::vector<bool> prose(doc.size(), false);
  for (const auto& piece : p.pieces)
    for (std::size_t i = piece.source; i < piece.source_end; ++i)
      prose[i] = true;
  std::string out;
  for (std::size_t i = 0; i < doc.size(); ++i)
    if (!prose[i] && !std::isspace(static_cast<unsigned char>(doc[i])))
      out += doc[i];
  return out;
}

std::vector<Finding> scan(const Detector& d, const std::string& doc, Markup m) {
  auto r = d.scan(doc, as(m));
  INFO(r.status().message());
  REQUIRE(r.ok());
  for (const Finding& f : r->findings)
    CHECK(doc.substr(f.begin, f.end - f.begin) == f.text);
  return r->findings;
}

std::string fixed(const Detector& d, const std::string& doc, Markup m) {
  auto r = d.fix(doc, as(m));
  INFO(r.status().message());
  REQUIRE(r.ok());
  CHECK(skeleton(*r, m) == skeleton(doc, m));
  return *r;
}

const Finding* find_text(const std::vector<Finding>& fs,
                         const std::string& text) {
  for (const Finding& f : fs)
    if (f.text == text) return &f;
  return nullptr;
}

const char kMarkdown[] =
    "---\n"
    "title: bad guy gangs\n"
    "---\n"
    "# Bad guy gangs at the port\n"
    "\n"
    "Bad guy gangs roam. See [the inventory market "
    "page](https://example.com/inventory-market) and\n"
    "<https://example.com/bad-guy-gangs>, or "
    "https://example.com/human-liberties today.\n"
    "\n"
    "```python\n"
    "s = \"inventory market\"\n"
    "```\n"
    "\n"
    "    indented inventory market code\n"
    "\n"
    "Call `inventory market` here. Write bad&nbsp;guy gangs. Also human "
    "*liberties* matter, and bad *guy* gangs.\n"
    "\n"
    "| market | note |\n"
    "| --- | --- |\n"
    "| inventory market | human liberties |\n"
    "\n"
    "> Bad guy\n"
    "> gangs, in a quote.\n"
    "\n"
    "![human liberties chart](chart.png)\n"
    "\n"
    "<div title=\"inventory market\">inventory market</div>\n";

}  // namespace

TEST_CASE("Markdown: prose is rewritten, code, URLs and front matter not",
          "[markup]") {
  const Detector d = markup_detector();
  const std::string doc = kMarkdown;
  const std::string out = fixed(d, doc, Markup::kMarkdown);
  const std::string want =
      "---\n"
      "title: bad guy gangs\n"
      "---\n"
      "# Criminal gangs at the port\n"
      "\n"
      "Criminal gangs roam. See [the stock market "
      "page](https://example.com/inventory-market) and\n"
      "<https://example.com/bad-guy-gangs>, or "
      "https://example.com/human-liberties today.\n"
      "\n"
      "```python\n"
      "s = \"inventory market\"\n"
      "```\n"
      "\n"
      "    indented inventory market code\n"
      "\n"
      "Call `inventory market` here. Write criminal gangs. Also human "
      "*rights* matter, and bad *guy* gangs.\n"
      "\n"
      "| market | note |\n"
      "| --- | --- |\n"
      "| stock market | human rights |\n"
      "\n"
      "> Bad guy\n"
      "> gangs, in a quote.\n"
      "\n"
      "![human liberties chart](chart.png)\n"
      "\n"
      "<div title=\"inventory market\">inventory market</div>\n";
  CHECK(out == want);
}

TEST_CASE(
    "Markdown: findings point at the source; what is not applied says why",
    "[markup]") {
  const Detector d = markup_detector();
  const std::string doc = kMarkdown;
  const auto fs = scan(d, doc, Markup::kMarkdown);
  // No finding in front matter, code, URLs or raw HTML.
  for (const Finding& f : fs) {
    CHECK(f.begin >= doc.find("# Bad"));
    CHECK(f.end <= doc.find("<div"));
  }
  const Finding* heading = find_text(fs, "Bad guy gangs");
  REQUIRE(heading != nullptr);
  CHECK(heading->line == 4);
  CHECK(heading->column == 3);
  const Finding* entity = find_text(fs, "bad&nbsp;guy gangs");
  REQUIRE(entity != nullptr);
  CHECK(entity->rewritable);
  // The span ends with the word; the closing '*' is outside it.
  const Finding* kept = find_text(fs, "human *liberties");
  REQUIRE(kept != nullptr);
  CHECK(kept->suggestion == "human *rights");
  CHECK(kept->rewritable);
  const Finding* crossing = find_text(fs, "bad *guy* gangs");
  REQUIRE(crossing != nullptr);
  CHECK_FALSE(crossing->rewritable);
  CHECK(crossing->explanation.find("crosses inline markup") !=
        std::string::npos);
  const Finding* quote = find_text(fs, "Bad guy\n> gangs");
  REQUIRE(quote != nullptr);
  CHECK_FALSE(quote->rewritable);
  const Finding* alt = nullptr;  // the last one: the table cell comes first
  for (const Finding& f : fs)
    if (f.text == "human liberties") alt = &f;
  REQUIRE(alt != nullptr);
  CHECK(alt->line == 24);
  CHECK_FALSE(alt->rewritable);
  CHECK(alt->explanation.find("alt or title") != std::string::npos);
}

TEST_CASE("Markdown: alt text is rewritten when asked", "[markup]") {
  const Detector d = markup_detector();
  ScanOptions so = as(Markup::kMarkdown);
  so.rewrite_attributes = true;
  auto r = d.fix("![human liberties chart](chart.png)\n", so);
  REQUIRE(r.ok());
  CHECK(*r == "![human rights chart](chart.png)\n");
}

TEST_CASE("Markdown: no phrase is matched across blocks", "[markup]") {
  const Detector d = markup_detector();
  CHECK(scan(d, "bad guy\n\ngangs\n", Markup::kMarkdown).empty());
  CHECK(scan(d, "# bad guy\ngangs\n", Markup::kMarkdown).empty());
  CHECK(scan(d, "- bad guy\n- gangs\n", Markup::kMarkdown).empty());
  // A soft line break inside a paragraph is a space.
  CHECK(fixed(d, "bad guy\ngangs roam\n", Markup::kMarkdown) ==
        "criminal gangs roam\n");
  // The plain-text reading of the same bytes does match across blocks.
  CHECK(scan(d, "bad guy\n\ngangs\n", Markup::kText).size() == 1);
}

TEST_CASE("Markdown: a suggestion is escaped for Markdown", "[markup]") {
  Options o;
  o.tables.push_back(
      DataSource::from_text("e.tsv", "star operator\t*star* operator\t0.9\n"));
  o.min_confidence = 0;
  auto d = Detector::create(o);
  REQUIRE(d.ok());
  auto r = d->fix("The star operator.\n", as(Markup::kMarkdown));
  REQUIRE(r.ok());
  CHECK(*r == "The \\*star\\* operator.\n");
}

TEST_CASE("HTML: element text is rewritten; scripts, code, attributes not",
          "[markup]") {
  const Detector d = markup_detector();
  const std::string doc =
      "<!DOCTYPE html>\n<html><head><title>Bad guy gangs</title>\n"
      "<style>p.inventory-market { color: red }</style>\n"
      "<script>var s = \"inventory market\";</script></head>\n"
      "<body>\n"
      "<p class=\"bad guy gangs\">Bad guy gangs roam the <a "
      "href=\"https://x.test/inventory-market\" title=\"inventory "
      "market\">inventory market</a>.</p>\n"
      "<p>Write bad&nbsp;guy gangs &amp; human <em>liberties</em>, and "
      "bad <b>guy</b> gangs.</p>\n"
      "<pre>inventory market</pre><code>human liberties</code>\n"
      "<img alt=\"human liberties\" src=\"a.png\">\n"
      "<!-- inventory market -->\n"
      "<ul><li>bad guy</li><li>gangs</li></ul>\n"
      "<p>needless to say, the end.</p>\n"
      "</body></html>\n";
  const std::string want =
      "<!DOCTYPE html>\n<html><head><title>Criminal gangs</title>\n"
      "<style>p.inventory-market { color: red }</style>\n"
      "<script>var s = \"inventory market\";</script></head>\n"
      "<body>\n"
      "<p class=\"bad guy gangs\">Criminal gangs roam the <a "
      "href=\"https://x.test/inventory-market\" title=\"inventory "
      "market\">stock market</a>.</p>\n"
      "<p>Write criminal gangs &amp; human <em>rights</em>, and "
      "bad <b>guy</b> gangs.</p>\n"
      "<pre>inventory market</pre><code>human liberties</code>\n"
      "<img alt=\"human liberties\" src=\"a.png\">\n"
      "<!-- inventory market -->\n"
      "<ul><li>bad guy</li><li>gangs</li></ul>\n"
      "<p>The end.</p>\n"
      "</body></html>\n";
  CHECK(fixed(d, doc, Markup::kHtml) == want);
  const auto fs = scan(d, doc, Markup::kHtml);
  const Finding* title = find_text(fs, "inventory \nmarket");
  CHECK(title == nullptr);  // not in the text; the attribute is below
  int attributes = 0;
  for (const Finding& f : fs)
    if (f.text == "human liberties" || f.text == "inventory market") {
      if (!f.rewritable) ++attributes;
    }
  CHECK(attributes == 2);  // the alt and the title attribute
  const Finding* crossing = find_text(fs, "bad <b>guy</b> gangs");
  REQUIRE(crossing != nullptr);
  CHECK_FALSE(crossing->rewritable);
}

TEST_CASE("HTML: entities, CR LF and a suggestion with markup characters",
          "[markup]") {
  Options o;
  o.tables.push_back(DataSource::from_text(
      "h.tsv",
      "bad guy gang\tcriminal gang\t0.95\n"
      "research and improvement\tresearch & development\t0.9\n"));
  o.irregular_forms = DataSource::from_file(kData + "/tables/forms.tsv");
  o.min_confidence = 0;
  auto d = Detector::create(o);
  REQUIRE(d.ok());
  const std::string doc =
      "<p>Bad&#32;guy&#x20;gangs\r\nand research and improvement.</p>";
  auto r = d->fix(doc, as(Markup::kHtml));
  REQUIRE(r.ok());
  CHECK(*r == "<p>Criminal gangs\r\nand research &amp; development.</p>");
}

TEST_CASE("markup: bad input gets the same errors as text", "[markup]") {
  const Detector d = markup_detector();
  for (Markup m : {Markup::kMarkdown, Markup::kHtml}) {
    auto r = d.scan(std::string("ok \xFF bad guy gangs"), as(m));
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == unspin::ErrorCode::kInvalidUtf8);
    CHECK(r.status().message().find("byte 3") != std::string::npos);
    auto empty = d.scan("", as(m));
    REQUIRE(empty.ok());
    CHECK(empty->findings.empty());
  }
  ScanOptions bad;
  bad.markup = static_cast<Markup>(7);
  CHECK(d.scan("x", bad).status().code() ==
        unspin::ErrorCode::kInvalidArgument);
}

TEST_CASE("markup: deep nesting is read without recursion", "[markup]") {
  const Detector d = markup_detector();
  std::string html;
  for (int i = 0; i < 2000; ++i) html += "<div><span>";
  html += "bad guy gangs";
  CHECK(scan(d, html, Markup::kHtml).size() == 1);
  // Deeper than kMaxHtmlDepth: refused (HTML5 parsing is quadratic in it).
  html.clear();
  for (int i = 0; i < 5000; ++i) html += "<div>";
  auto r = d.scan(html, as(Markup::kHtml));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == unspin::ErrorCode::kInvalidArgument);
  // HTML5 ignores "/>" on a div: each <div/> opens one.
  html.clear();
  for (int i = 0; i < 5000; ++i) html += "<div/>";
  CHECK(d.scan(html, as(Markup::kHtml)).status().code() ==
        unspin::ErrorCode::kInvalidArgument);
  // In SVG, "/>" closes: many self-closed shapes are not deep.
  html = "<svg>";
  for (int i = 0; i < 5000; ++i) html += "<path d=\"M0\"/>";
  html += "</svg><p>bad guy gangs</p>";
  CHECK(scan(d, html, Markup::kHtml).size() == 1);
  // Many elements, each closed, or closed implicitly: not deep.
  html.clear();
  for (int i = 0; i < 20000; ++i) html += "<div><p>x<li>y<br></div>";
  html += "<!-- <div><div> --><script><div><div></script>";
  CHECK(d.scan(html, as(Markup::kHtml)).ok());
  std::string md;
  for (int i = 0; i < 20000; ++i) md += "> ";
  md += "bad guy gangs\n";
  CHECK(scan(d, md, Markup::kMarkdown).size() == 1);
}

namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(kData + "/cli/markup/" + name, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

Detector corpus_detector() {
  Options o;
  o.tables.push_back(DataSource::from_file(kData + "/cli/basic.tsv"));
  o.irregular_forms = DataSource::from_file(kData + "/tables/forms.tsv");
  auto d = Detector::create(o);
  INFO(d.status().message());
  REQUIRE(d.ok());
  return std::move(d.value());
}

}  // namespace

TEST_CASE(
    "markup property: each finding alone leaves non-prose bytes as they were",
    "[markup]") {
  const Detector d = corpus_detector();
  const Detector mini = markup_detector();
  struct Doc {
    std::string text;
    Markup markup;
    const Detector* detector;
  };
  const std::vector<Doc> docs = {
      {read_fixture("README.md"), Markup::kMarkdown, &d},
      {read_fixture("page.html"), Markup::kHtml, &d},
      {kMarkdown, Markup::kMarkdown, &mini}};
  for (const Doc& doc : docs) {
    for (bool attributes : {false, true}) {
      ScanOptions so = as(doc.markup);
      so.rewrite_attributes = attributes;
      auto r = doc.detector->scan(doc.text, so);
      REQUIRE(r.ok());
      REQUIRE(r->findings.size() >= 5);
      const std::string before = skeleton(doc.text, doc.markup);
      std::size_t applied = 0;
      for (const Finding& f : r->findings) {
        auto one = Detector::rewrite(doc.text, {f});
        REQUIRE(one.ok());
        INFO(f.text << " -> " << f.suggestion);
        CHECK(skeleton(*one, doc.markup) == before);
        if (*one != doc.text) ++applied;
      }
      CHECK(applied > 0);
      auto all = Detector::rewrite(doc.text, r->findings);
      REQUIRE(all.ok());
      CHECK(skeleton(*all, doc.markup) == before);
    }
  }
}

TEST_CASE("markup: a Scanner reads a Markdown stream whole", "[markup]") {
  const Detector d = corpus_detector();
  const std::string doc = read_fixture("README.md");
  unspin::ScannerOptions so;
  so.window_bytes = 64;  // ignored for markup: one window
  so.scan.markup = Markup::kMarkdown;
  auto scanner = unspin::Scanner::create(d, so);
  REQUIRE(scanner.ok());
  std::vector<Finding> found;
  std::string rewritten;
  int windows = 0;
  auto sink = [&](unspin::ScannedWindow& w) {
    ++windows;
    auto fixed = unspin::Scanner::rewrite(w);
    REQUIRE(fixed.ok());
    rewritten += *fixed;
    found.insert(found.end(), w.findings.begin(), w.findings.end());
    return unspin::Status::ok_status();
  };
  for (std::size_t i = 0; i < doc.size(); i += 100)
    REQUIRE(scanner->feed(std::string_view(doc).substr(i, 100), sink).ok());
  REQUIRE(scanner->finish(sink).ok());
  CHECK(windows == 1);
  auto whole = d.scan(doc, as(Markup::kMarkdown));
  REQUIRE(whole.ok());
  REQUIRE(found.size() == whole->findings.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    CHECK(found[i].begin == whole->findings[i].begin);
    CHECK(found[i].line == whole->findings[i].line);
    CHECK(found[i].rewritable == whole->findings[i].rewritable);
  }
  CHECK(rewritten == read_fixture("README.fixed.md"));
}

TEST_CASE("markup: the document's own bytes between words stay (review cases)",
          "[markup]") {
  const Detector d = corpus_detector();
  ScanOptions html = as(Markup::kHtml);
  html.rewrite_attributes = true;
  // An entity without ';' before letters or digits: the parser decodes the
  // shortest name; nothing after it is lost.
  auto r = d.fix("<p>&copy2023 client service</p>", html);
  REQUIRE(r.ok());
  CHECK(*r == "<p>&copy2023 customer service</p>");
  // A Markdown hard break and CR LF inside a phrase are kept.
  CHECK(fixed(d, "Our client  \nservice desk.\n", Markup::kMarkdown) ==
        "Our customer  \nservice desk.\n");
  CHECK(fixed(d, "Our client\r\nservice desk.\r\n", Markup::kMarkdown) ==
        "Our customer\r\nservice desk.\r\n");
  CHECK(fixed(d, "<p>client\r\nservice</p>", Markup::kHtml) ==
        "<p>customer\r\nservice</p>");
}

TEST_CASE("markup: front matter after a BOM or with a spaced fence is skipped",
          "[markup]") {
  const Detector d = corpus_detector();
  for (const std::string doc :
       {std::string("\xEF\xBB\xBF---\ntitle: client service\n---\nclient "
                    "service\n"),
        std::string("---\ntitle: client service\n---  \nclient service\n")}) {
    const auto fs = scan(d, doc, Markup::kMarkdown);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].line == 4);
  }
}

TEST_CASE("markup: formatting elements left open are bounded", "[markup]") {
  const Detector d = markup_detector();
  // Each paragraph reopens every distinct formatting element left open:
  // 3,000 x 3,000 would be 9 million elements. Refused before parsing.
  std::string html = "<p>";
  for (int i = 0; i < 3000; ++i) html += "<b id=" + std::to_string(i) + ">";
  for (int i = 0; i < 3000; ++i) html += "<p>x</p>";
  auto r = d.scan(html, as(Markup::kHtml));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == unspin::ErrorCode::kInvalidArgument);
  CHECK(r.status().message().find("formatting elements") != std::string::npos);
  // Alike ones are kept three at a time, a table cell's end clears its own,
  // and closed ones cost nothing: such documents are read.
  for (const std::string open :
       {std::string("<b>"), std::string("<td><font face=x>"),
        std::string("<i>x</i>"), std::string("<a href=x>")}) {
    html = "<table><tr>";
    for (int i = 0; i < 2000; ++i) html += open + "<p>y</p>";
    html += "</table><p>bad guy gangs</p>";
    INFO(open);
    CHECK(scan(d, html, Markup::kHtml).size() == 1);
  }
}

TEST_CASE("markup: text the HTML parser moves is reported in document order",
          "[markup]") {
  const Detector d = markup_detector();
  // Stray text in a table is moved before the table by HTML5 parsing.
  const std::string html =
      "<table><tr><td>bad guy gangs</td></tr>human liberties</table>";
  const auto fs = scan(d, html, Markup::kHtml);
  REQUIRE(fs.size() == 2);
  CHECK(fs[0].text == "bad guy gangs");
  CHECK(fs[1].text == "human liberties");
  CHECK(fs[0].begin < fs[1].begin);
  CHECK(fs[0].rewritable);
  CHECK(fs[1].rewritable);
  CHECK(fixed(d, html, Markup::kHtml) ==
        "<table><tr><td>criminal gangs</td></tr>human rights</table>");
}

TEST_CASE("Markdown: whitespace references and inline <br> separate words",
          "[markup]") {
  const Detector d = markup_detector();
  for (const std::string doc :
       {std::string("bad&#32;guy gangs\n"), std::string("bad&#x20;guy gangs\n"),
        std::string("bad&Tab;guy gangs\n")}) {
    INFO(doc);
    const auto fs = scan(d, doc, Markup::kMarkdown);
    REQUIRE(fs.size() == 1);
    CHECK(fixed(d, doc, Markup::kMarkdown) == "criminal gangs\n");
  }
  // <br> breaks the line: "guy<br>gangs" is two words, as rendered;
  // <b> does not: "inven<b>tory</b>" is one word, not matched as two.
  CHECK(scan(d, "bad guy<br>gangs\n", Markup::kMarkdown).size() == 1);
  CHECK(scan(d, "bad guy<br/>gangs\n", Markup::kMarkdown).size() == 1);
  CHECK(scan(d, "the bad<b>guy</b> gangs\n", Markup::kMarkdown).empty());
  // <p> starts a block: no phrase across it.
  CHECK(scan(d, "bad guy<p>gangs\n", Markup::kMarkdown).empty());
}
