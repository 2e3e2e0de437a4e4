// unspin tests: the Scanner: windows, offsets, lines and columns across
// feeds and windows, hooks, rewrite, the running verdict and errors.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "unspin/unspin.hpp"

using unspin::DataSource;
using unspin::Detector;
using unspin::ErrorCode;
using unspin::Finding;
using unspin::ScannedWindow;
using unspin::Scanner;
using unspin::ScannerOptions;
using unspin::Status;

namespace {

const std::string kData = UNSPIN_TEST_DATA_DIR;

const Detector& detector() {
  static const Detector d = [] {
    unspin::Options o;
    o.tables.push_back(DataSource::from_file(kData + "/tables/mini.tsv"));
    o.irregular_forms = DataSource::from_file(kData + "/tables/forms.tsv");
    o.min_confidence = 0;
    auto r = Detector::create(o);
    INFO(r.status().message());
    REQUIRE(r.ok());
    return std::move(r.value());
  }();
  return d;
}

Scanner make(std::size_t window_bytes, bool whole_lines = false) {
  ScannerOptions o;
  o.window_bytes = window_bytes;
  o.whole_lines = whole_lines;
  auto s = Scanner::create(detector(), o);
  REQUIRE(s.ok());
  return std::move(s.value());
}

/// What a stream gave: its windows' texts and all findings.
struct Streamed {
  std::vector<std::string> windows;
  std::vector<Finding> findings;
  std::vector<unspin::StreamPosition> starts;
  Status status;
};

/// Feeds `text` split at `cuts` (sorted offsets), then finishes.
Streamed stream(Scanner& s, const std::string& text,
                const std::vector<std::size_t>& cuts) {
  Streamed out;
  auto sink = [&](ScannedWindow& w) {
    out.windows.emplace_back(w.text);
    out.starts.push_back(w.start);
    for (Finding& f : w.findings) out.findings.push_back(std::move(f));
    return Status::ok_status();
  };
  std::size_t at = 0;
  for (std::size_t c : cuts) {
    out.status = s.feed(std::string_view(text).substr(at, c - at), sink);
    if (!out.status.ok()) return out;
    at = c;
  }
  out.status = s.feed(std::string_view(text).substr(at), sink);
  if (out.status.ok()) out.status = s.finish(sink);
  return out;
}

Streamed stream(std::size_t window_bytes, const std::string& text,
                const std::vector<std::size_t>& cuts = {}) {
  Scanner s = make(window_bytes);
  return stream(s, text, cuts);
}

/// Findings agree on everything that does not depend on the window a
/// finding was scanned in (the confidence model reads the window).
void same_places(const std::vector<Finding>& a, const std::vector<Finding>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("finding " << i << ": " << a[i].text);
    CHECK(a[i].begin == b[i].begin);
    CHECK(a[i].end == b[i].end);
    CHECK(a[i].line == b[i].line);
    CHECK(a[i].column == b[i].column);
    CHECK(a[i].text == b[i].text);
    CHECK(a[i].suggestion == b[i].suggestion);
  }
}

std::vector<Finding> scan_whole(const std::string& text) {
  auto r = detector().scan(text);
  INFO(r.status().message());
  REQUIRE(r.ok());
  return r->findings;
}

/// Lines that each hold one phrase, some with multi-byte characters before
/// it, so columns differ from byte offsets.
std::string many_lines(std::size_t n, const char* eol = "\n") {
  std::string text;
  for (std::size_t i = 0; i < n; ++i) {
    switch (i % 4) {
      case 0:
        text += "The bad guy gangs met again";
        break;
      case 1:
        text += "caf\xC3\xA9 na\xC3\xAFve counterfeit consciousness now";
        break;
      case 2:
        text += "nothing to see here at all, \xE2\x80\x94 none";
        break;
      default:
        text +=
            "\xE2\x80\x9C"
            "Eliminate\xE2\x80\x9D them";
        break;
    }
    text += eol;
  }
  return text;
}

}  // namespace

TEST_CASE("refuses a window of zero bytes, naming the field", "[scanner]") {
  ScannerOptions o;
  o.window_bytes = 0;
  auto s = Scanner::create(detector(), o);
  REQUIRE_FALSE(s.ok());
  CHECK(s.status().code() == ErrorCode::kInvalidArgument);
  CHECK(s.status().message().find("window_bytes") != std::string::npos);
}

TEST_CASE("finishing an empty stream delivers no window", "[scanner]") {
  Scanner s = make(64);
  int calls = 0;
  auto sink = [&](ScannedWindow&) {
    ++calls;
    return Status::ok_status();
  };
  REQUIRE(s.feed("", sink).ok());
  REQUIRE(s.finish(sink).ok());
  CHECK(calls == 0);
  CHECK(s.position().offset == 0);
  CHECK(s.position().line == 1);
  CHECK(s.position().column == 1);
  CHECK(s.verdict().words == 0);
  CHECK(s.finish(sink).ok());  // a second finish does nothing
  CHECK(s.feed("more", sink).code() == ErrorCode::kInvalidArgument);
}

TEST_CASE("a text shorter than a window gives exactly one scan's result",
          "[scanner]") {
  const std::string text = many_lines(8);
  auto whole = detector().scan(text);
  REQUIRE(whole.ok());
  Scanner s = make(1 << 20);
  int calls = 0;
  auto sink = [&](ScannedWindow& w) {
    ++calls;
    CHECK(w.first);
    CHECK(w.last);
    CHECK(w.text == text);
    CHECK(w.verdict.words == whole->verdict.words);
    CHECK(w.verdict.spun_score == whole->verdict.spun_score);
    REQUIRE(w.findings.size() == whole->findings.size());
    for (std::size_t i = 0; i < w.findings.size(); ++i) {
      CHECK(w.findings[i].confidence == whole->findings[i].confidence);
      CHECK(w.findings[i].source == whole->findings[i].source);
    }
    same_places(w.findings, whole->findings);
    return Status::ok_status();
  };
  REQUIRE(s.feed(text, sink).ok());
  CHECK(calls == 0);  // held until finish: no window is full
  REQUIRE(s.finish(sink).ok());
  CHECK(calls == 1);
  CHECK(s.verdict().words == whole->verdict.words);
  CHECK(s.verdict().distinct_phrases == whole->verdict.distinct_phrases);
}

TEST_CASE("windows end at line ends and findings keep the stream's places",
          "[scanner]") {
  const std::string text = many_lines(60);
  Streamed got = stream(200, text);
  REQUIRE(got.status.ok());
  REQUIRE(got.windows.size() > 5);
  std::string joined;
  for (std::size_t i = 0; i < got.windows.size(); ++i) {
    CHECK(got.starts[i].offset == joined.size());
    if (i + 1 < got.windows.size()) CHECK(got.windows[i].back() == '\n');
    joined += got.windows[i];
  }
  CHECK(joined == text);
  same_places(got.findings, scan_whole(text));
}

TEST_CASE("feeding one byte at a time gives the same windows and findings",
          "[scanner]") {
  const std::string text = many_lines(30);
  std::vector<std::size_t> every;
  for (std::size_t i = 1; i < text.size(); ++i) every.push_back(i);
  Streamed at_once = stream(150, text);
  Streamed bytewise = stream(150, text, every);
  REQUIRE(bytewise.status.ok());
  CHECK(bytewise.windows == at_once.windows);
  same_places(bytewise.findings, at_once.findings);
  same_places(bytewise.findings, scan_whole(text));
}

TEST_CASE("random split points give the same findings as one scan",
          "[scanner]") {
  const std::string text = many_lines(80);
  const std::vector<Finding> whole = scan_whole(text);
  Streamed at_once = stream(300, text);
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(1, text.size() - 1);
    std::vector<std::size_t> cuts(seed % 7 + 1);
    for (std::size_t& c : cuts) c = pick(rng);
    std::sort(cuts.begin(), cuts.end());
    INFO("seed " << seed);
    Streamed got = stream(300, text, cuts);
    REQUIRE(got.status.ok());
    CHECK(got.windows == at_once.windows);
    same_places(got.findings, whole);
  }
}

TEST_CASE("a phrase split across feeds is found once, in place", "[scanner]") {
  const std::string text = "They met a bad guy gang today.";
  Streamed got = stream(1 << 16, text, {14, 17});  // "bad g|uy| gang"
  REQUIRE(got.status.ok());
  REQUIRE(got.findings.size() == 1);
  CHECK(got.findings[0].begin == 11);
  CHECK(got.findings[0].end == 23);
  CHECK(got.findings[0].suggestion == "criminal gang");
}

TEST_CASE("CR and CRLF line ends count as one scan counts them", "[scanner]") {
  for (const char* eol : {"\r", "\r\n"}) {
    INFO("line end " << (eol[1] ? "CRLF" : "CR"));
    // A CR-only stream has no LF to cut after: its windows end after
    // spaces or between two non-word bytes.
    std::string text;
    for (int i = 0; i < 200; ++i) {
      text += (i % 3 == 0 ? "\xC3\xA9 eliminate." : "x.");
      text += eol;
    }
    Streamed got = stream(64, text);
    REQUIRE(got.status.ok());
    CHECK(got.windows.size() > 10);
    same_places(got.findings, scan_whole(text));
  }
}

TEST_CASE("an LF after a CR that ended the previous window ends no line",
          "[scanner]") {
  const std::string text = "one\r\ntwo\r\nthree eliminate\r\nfour eliminate\n";
  Scanner s = make(1 << 16);
  // Cut every window right after its first CR, before the LF.
  s.set_trim([](const ScannedWindow& w) {
    std::size_t cr = w.text.find('\r');
    return cr == std::string_view::npos ? w.text.size() : cr + 1;
  });
  // The trim runs only on windows that do not end the stream: a long last
  // line makes the first window end before the stream does.
  Streamed got;
  auto sink = [&](ScannedWindow& w) {
    got.windows.emplace_back(w.text);
    for (Finding& f : w.findings) got.findings.push_back(std::move(f));
    return Status::ok_status();
  };
  std::string big = text + std::string(1 << 16, 'y') + "\n";
  REQUIRE(s.feed(big, sink).ok());
  REQUIRE(s.finish(sink).ok());
  REQUIRE(got.windows.size() >= 2);
  CHECK(got.windows[0] == "one\r");
  CHECK(got.windows[1].front() == '\n');
  same_places(got.findings, scan_whole(big));
  CHECK(s.position().line == 6);
}

TEST_CASE("a BOM is not a column at the stream's start, but is one later",
          "[scanner]") {
  const std::string bom = "\xEF\xBB\xBF";
  std::string text = bom + "eliminate them\n";
  for (int i = 0; i < 40; ++i)
    text += "filler line number " + std::to_string(i) + "\n";
  text += bom + "eliminate them\n";
  text += many_lines(4);
  Streamed got = stream(120, text);
  REQUIRE(got.status.ok());
  REQUIRE(got.windows.size() > 3);
  same_places(got.findings, scan_whole(text));
  REQUIRE(!got.findings.empty());
  CHECK(got.findings[0].column == 1);
  // A window that starts with the later BOM (cut right before it).
  Scanner s = make(1 << 16);
  const std::size_t second = text.rfind(bom);
  s.set_trim([&](const ScannedWindow& w) {
    return w.start.offset < second ? second - w.start.offset : w.text.size();
  });
  Streamed cut_at_bom = stream(s, text + std::string(1 << 16, 'z') + "\n", {});
  REQUIRE(cut_at_bom.status.ok());
  REQUIRE(cut_at_bom.windows.size() >= 2);
  CHECK(cut_at_bom.windows[1].rfind(bom, 0) == 0);
  same_places(cut_at_bom.findings,
              scan_whole(text + std::string(1 << 16, 'z') + "\n"));
}

TEST_CASE("invalid UTF-8 is reported at its offset in the whole stream",
          "[scanner]") {
  std::string text = many_lines(40);
  const std::size_t bad = text.size() - 10;
  text[bad] = '\xFF';
  auto whole = detector().scan(text);
  REQUIRE_FALSE(whole.ok());
  Scanner s = make(100);
  Streamed got = stream(s, text, {bad, bad + 1});
  REQUIRE_FALSE(got.status.ok());
  CHECK(got.status.code() == ErrorCode::kInvalidUtf8);
  CHECK(got.status.message() == whole.status().message());
  // The stream is spent: the error stays.
  CHECK(s.feed("ok", [](ScannedWindow&) {
           return Status::ok_status();
         }).message() == whole.status().message());
}

TEST_CASE("a UTF-8 character split across feeds stays one character",
          "[scanner]") {
  const std::string text = "na\xC3\xAFve \xE2\x80\x94 eliminate it";
  Streamed got = stream(1 << 16, text, {3, 7, 8});  // inside both characters
  REQUIRE(got.status.ok());
  same_places(got.findings, scan_whole(text));
  REQUIRE(got.findings.size() == 1);
  CHECK(got.findings[0].column == 9);
}

TEST_CASE("rewriting each window gives the fix of the whole text",
          "[scanner]") {
  const std::string text = many_lines(50);
  auto fixed = detector().fix(text);
  REQUIRE(fixed.ok());
  Scanner s = make(256);
  std::string out;
  auto sink = [&](ScannedWindow& w) {
    auto r = Scanner::rewrite(w);
    if (!r.ok()) return r.status();
    out += *r;
    return Status::ok_status();
  };
  REQUIRE(s.feed(text, sink).ok());
  REQUIRE(s.finish(sink).ok());
  CHECK(out == *fixed);
}

TEST_CASE("rewrite refuses a finding outside the window", "[scanner]") {
  ScannedWindow w;
  w.start.offset = 100;
  w.text = "abc";
  Finding f;
  f.begin = 99;
  f.end = 101;
  f.suggestion = "x";
  w.findings.push_back(f);
  auto r = Scanner::rewrite(w);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == ErrorCode::kInvalidArgument);
  CHECK(r.status().message().find("[99, 101)") != std::string::npos);
}

TEST_CASE("a failing check stops the stream before the window is scanned",
          "[scanner]") {
  std::string text = many_lines(40);
  text[150] = '\0';
  Scanner s = make(100);
  int checks = 0;
  s.set_check([&](std::string_view window, const unspin::StreamPosition&) {
    ++checks;
    if (window.find('\0') != std::string_view::npos)
      return Status(ErrorCode::kInvalidArgument, "NUL byte");
    return Status::ok_status();
  });
  Streamed got = stream(s, text, {});
  CHECK(got.status.message() == "NUL byte");
  CHECK(checks == static_cast<int>(got.windows.size()) + 1);
  std::size_t delivered = 0;
  for (const std::string& w : got.windows) delivered += w.size();
  CHECK(delivered <= 150);
}

TEST_CASE("a sink's error stops the stream and is returned", "[scanner]") {
  Scanner s = make(100);
  int calls = 0;
  auto sink = [&](ScannedWindow&) {
    ++calls;
    return Status(ErrorCode::kIoError, "disk full");
  };
  const std::string text = many_lines(20);
  Status st = s.feed(text, sink);
  CHECK(st.code() == ErrorCode::kIoError);
  CHECK(s.finish(sink).message() == "disk full");
  CHECK(calls == 1);
}

TEST_CASE("a trim that keeps back lines scans them again with the next window",
          "[scanner]") {
  const std::string text = many_lines(60);
  Scanner s = make(400, /*whole_lines=*/true);
  int held = 0;
  s.set_trim([&](const ScannedWindow& w) -> std::size_t {
    // Hold the first window once (read more), then keep half of each.
    if (held++ == 0) return std::string_view::npos;
    std::size_t half = w.text.rfind('\n', w.text.size() / 2);
    return half == std::string_view::npos ? w.text.size() : half + 1;
  });
  Streamed got = stream(s, text, {});
  REQUIRE(got.status.ok());
  std::string joined;
  for (const std::string& w : got.windows) joined += w;
  CHECK(joined == text);
  same_places(got.findings, scan_whole(text));
}

TEST_CASE("the running verdict sums the windows and counts phrases once",
          "[scanner]") {
  const std::string text = many_lines(40);
  auto whole = detector().scan(text);
  REQUIRE(whole.ok());
  Scanner s = make(200);
  std::size_t windows = 0, words = 0;
  auto sink = [&](ScannedWindow& w) {
    ++windows;
    words += w.verdict.words;
    return Status::ok_status();
  };
  REQUIRE(s.feed(text, sink).ok());
  REQUIRE(s.finish(sink).ok());
  REQUIRE(windows > 3);
  CHECK(s.verdict().words == words);
  CHECK(s.verdict().words == whole->verdict.words);
  CHECK(s.verdict().findings == whole->findings.size());
  CHECK(s.verdict().distinct_phrases == whole->verdict.distinct_phrases);
  CHECK(s.position().offset == text.size());
  CHECK(s.position().line == 41);
  CHECK(s.position().column == 1);
}

TEST_CASE("scanners on several threads can share one Detector", "[scanner]") {
  const std::string text = many_lines(100);
  const std::vector<Finding> whole = scan_whole(text);
  std::vector<Streamed> got(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&, t] {
      ScannerOptions o;
      o.window_bytes = 100 + 50 * t;
      auto s = Scanner::create(detector(), o);
      got[t] = stream(*s, text, {t * 7 + 1});
    });
  }
  for (std::thread& th : threads) th.join();
  for (const Streamed& g : got) {
    REQUIRE(g.status.ok());
    same_places(g.findings, whole);
  }
}
