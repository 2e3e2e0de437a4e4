// unspin: Scanner: a stream fed in blocks, scanned in windows cut at safe
// places, findings shifted to the whole stream. Uses the public API only.
#include <algorithm>
#include <cctype>
#include <limits>
#include <string>
#include <utility>

#include "suppress.hpp"
#include "unspin/unspin.hpp"

namespace unspin {

namespace {

// What the Scanner takes from a feed at a time (at most; less for smaller
// windows). Windows are cut in the buffer as it stands once it reaches
// window_bytes; taking the stream in fixed steps makes that independent of
// how the caller splits it (and equal to what reading a file 64 KiB at a
// time gives).
constexpr std::size_t kStep = std::size_t{1} << 16;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Can byte `c` be part of a word, or join two words into one token
// (hyphen, apostrophe)? Non-ASCII bytes count as letters, so no cut falls
// inside a UTF-8 sequence.
bool joins_words(unsigned char c) {
  return c >= 0x80 || std::isalnum(c) || c == '-' || c == '\'' || c == '_';
}

// Where to end a window of `buf` (its end when `eof`): after the last line
// feed; unless `lines_only`, else after the last ASCII space or tab before
// an ASCII byte, else between the last two bytes that cannot be part of a
// word. npos when there is no such place: the caller buffers more (one
// endless word is held whole; the word would be wrong if cut). Never cuts
// between CR and LF: a CR is only cut after when no LF is buffered, and
// the byte after a cut is always buffered.
std::size_t window_cut(std::string_view buf, bool eof, bool lines_only) {
  if (eof) return buf.size();
  std::size_t nl = buf.rfind('\n');
  if (nl != std::string_view::npos) return nl + 1;
  if (lines_only || buf.size() < 2) return std::string_view::npos;
  for (std::size_t i = buf.size() - 1; i > 0; --i) {
    unsigned char c = static_cast<unsigned char>(buf[i - 1]);
    unsigned char next = static_cast<unsigned char>(buf[i]);
    if ((c == ' ' || c == '\t') && next < 0x80) return i;
  }
  for (std::size_t i = buf.size() - 1; i > 0; --i) {
    if (!joins_words(static_cast<unsigned char>(buf[i - 1])) &&
        !joins_words(static_cast<unsigned char>(buf[i]))) {
      return i;
    }
  }
  return std::string_view::npos;
}

// `msg` with its "at byte N" shifted by `base`, so that it refers to the
// whole stream instead of one window.
std::string shift_byte_offset(std::string msg, std::size_t base) {
  const std::string at = "at byte ";
  std::size_t p = msg.find(at);
  if (p != std::string::npos) {
    std::size_t q = p + at.size();
    std::size_t e = q;
    while (e < msg.size() && msg[e] >= '0' && msg[e] <= '9') ++e;
    if (e > q)
      msg.replace(q, e - q,
                  std::to_string(std::stoull(msg.substr(q, e - q)) + base));
  }
  return msg;
}

}  // namespace

Scanner::Scanner(const Detector& detector, const ScannerOptions& options)
    : detector_(&detector),
      options_(options),
      step_(std::min(kStep, options.window_bytes)),
      want_(options.window_bytes),
      suppressed_(std::make_shared<detail::SuppressState>()) {}

Result<Scanner> Scanner::create(const Detector& detector,
                                const ScannerOptions& options) {
  if (options.window_bytes == 0)
    return Status(ErrorCode::kInvalidArgument,
                  "ScannerOptions::window_bytes: must be at least 1");
  if (options.scan.markup == Markup::kText) return Scanner(detector, options);
  // Markup is parsed whole: the stream is one window.
  ScannerOptions whole = options;
  whole.window_bytes = std::numeric_limits<std::size_t>::max() / 4;
  whole.whole_lines = false;
  return Scanner(detector, whole);
}

void Scanner::set_check(WindowCheck check) { check_ = std::move(check); }

void Scanner::set_trim(WindowTrim trim) { trim_ = std::move(trim); }

Status Scanner::feed(std::string_view bytes, const WindowSink& sink) {
  if (!failed_.ok()) return failed_;
  if (finished_)
    return Status(ErrorCode::kInvalidArgument, "Scanner::feed after finish");
  // Step by step, so the buffer never holds much more than a window.
  while (!bytes.empty()) {
    std::size_t take = std::min(bytes.size(), step_ - fed_ % step_);
    buffer_.append(bytes.data(), take);
    fed_ += take;
    bytes.remove_prefix(take);
    if (Status s = drain(sink); !s.ok()) return s;
  }
  return Status::ok_status();
}

Status Scanner::finish(const WindowSink& sink) {
  if (!failed_.ok()) return failed_;
  if (finished_) return Status::ok_status();
  finished_ = true;
  return drain(sink);
}

Status Scanner::drain(const WindowSink& sink) {
  for (;;) {
    // The bytes taken so far: whole steps, and at the end, the rest.
    const std::size_t visible = buffer_.size() - (finished_ ? 0 : fed_ % step_);
    // Once finished, a buffer short of a window is the stream's end.
    const bool eof = finished_ && visible < want_;
    if (!eof && visible < want_) return Status::ok_status();
    if (visible == 0) return Status::ok_status();
    const std::string_view buf(buffer_.data(), visible);
    std::size_t cut = window_cut(buf, eof, options_.whole_lines);
    if (cut == std::string_view::npos) {
      want_ = visible + options_.window_bytes;  // no safe cut: buffer more
      continue;
    }
    want_ = options_.window_bytes;
    std::string_view text = buf.substr(0, cut);
    if (check_) {
      if (Status s = check_(text, position_); !s.ok()) return failed_ = s;
    }
    // Plain text: suppression comments are read here, so that one carries
    // from window to window (markup is one window, read by scan()).
    const bool plain = options_.scan.markup == Markup::kText;
    ScanOptions scan_options = options_.scan;
    if (plain) scan_options.inline_config = false;
    Result<ScanResult> scanned = detector_->scan(text, scan_options);
    if (!scanned.ok()) {
      return failed_ = Status(scanned.status().code(),
                              shift_byte_offset(scanned.status().message(),
                                                position_.offset));
    }
    std::vector<detail::Directive> directives;
    if (plain && options_.scan.inline_config) {
      directives = detail::text_directives(text);
      detail::suppress(text, directives, *suppressed_, scanned->findings,
                       scanned->verdict);
    }
    ScannedWindow w;
    w.start = position_;
    w.text = text;
    w.findings = std::move(scanned->findings);
    w.verdict = scanned->verdict;
    w.first = position_.offset == 0;
    w.last = eof && cut == buffer_.size();
    // Detector::scan() counted lines and columns in the window alone: an
    // LF after a CR that ended the previous window ended no line of its
    // own, and a BOM that is not the stream's first bytes is a column.
    const bool split_crlf = after_cr_ && text.front() == '\n';
    const bool inner_bom = position_.offset > 0 && text.substr(0, 3) == kBom;
    for (Finding& f : w.findings) {
      std::size_t line = f.line;
      if (split_crlf && line > 1) --line;
      if (line == 1) f.column += position_.column - 1 + (inner_bom ? 1 : 0);
      f.line = position_.line + line - 1;
      f.begin += position_.offset;
      f.end += position_.offset;
    }
    if (trim_ && !w.last) {
      std::size_t keep = trim_(w);
      if (keep == 0 || keep == std::string_view::npos) {
        want_ = visible + options_.window_bytes;
        continue;
      }
      if (keep < cut) {
        // The words of the part kept, roughly: a rescan would cost a scan.
        w.verdict.words = static_cast<std::size_t>(
            static_cast<double>(w.verdict.words) * static_cast<double>(keep) /
            static_cast<double>(cut));
        const std::size_t end = position_.offset + keep;
        w.findings.erase(
            std::remove_if(w.findings.begin(), w.findings.end(),
                           [&](const Finding& f) { return f.begin >= end; }),
            w.findings.end());
        w.verdict.findings = w.findings.size();
        w.verdict.findings_per_1000_words =
            w.verdict.words == 0
                ? 0.0
                : static_cast<double>(w.verdict.findings) * 1000.0 /
                      static_cast<double>(w.verdict.words);
        cut = keep;
        w.text = text.substr(0, cut);
      }
    }
    if (plain && options_.scan.inline_config)
      *suppressed_ = detail::state_at(text, directives, *suppressed_, cut);
    tally(w);
    Status s = sink(w);
    advance(w.text);
    buffer_.erase(0, cut);
    if (!s.ok()) return failed_ = s;
  }
}

void Scanner::advance(std::string_view delivered) {
  std::size_t i = 0;
  if (position_.offset == 0 && buffer_.compare(0, 3, kBom) == 0)
    i = std::min<std::size_t>(3, delivered.size());  // a BOM is not a column
  for (; i < delivered.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(delivered[i]);
    if (c == '\n') {
      if (!after_cr_) {
        ++position_.line;
        position_.column = 1;
      }
      after_cr_ = false;
    } else if (c == '\r') {
      ++position_.line;
      position_.column = 1;
      after_cr_ = true;
    } else {
      after_cr_ = false;
      if ((c & 0xC0) != 0x80) ++position_.column;
    }
  }
  position_.offset += delivered.size();
}

void Scanner::tally(const ScannedWindow& w) {
  verdict_.words += w.verdict.words;
  verdict_.findings += w.verdict.findings;
  verdict_.spun_score = std::max(verdict_.spun_score, w.verdict.spun_score);
  verdict_.spun = verdict_.spun || w.verdict.spun;
  for (const Finding& f : w.findings) {
    distinct_.insert(f.source.rfind("table:", 0) == 0
                         ? f.source
                         : "discovered\n" + f.entry_canonical);
  }
  verdict_.distinct_phrases = distinct_.size();
  verdict_.findings_per_1000_words =
      verdict_.words == 0 ? 0.0
                          : static_cast<double>(verdict_.findings) * 1000.0 /
                                static_cast<double>(verdict_.words);
}

Result<std::string> Scanner::rewrite(const ScannedWindow& window) {
  const std::size_t base = window.start.offset;
  std::vector<Finding> local;
  local.reserve(window.findings.size());
  for (const Finding& f : window.findings) {
    if (!f.has_suggestion || !f.rewritable) continue;
    if (f.begin < base || f.end < f.begin ||
        f.end - base > window.text.size()) {
      return Status(ErrorCode::kInvalidArgument,
                    "finding [" + std::to_string(f.begin) + ", " +
                        std::to_string(f.end) + ") is outside the window [" +
                        std::to_string(base) + ", " +
                        std::to_string(base + window.text.size()) + ")");
    }
    Finding g;
    g.begin = f.begin - base;
    g.end = f.end - base;
    g.suggestion = f.suggestion;
    local.push_back(std::move(g));
  }
  Result<std::string> out = Detector::rewrite(window.text, local);
  if (!out.ok())
    return Status(out.status().code(),
                  shift_byte_offset(out.status().message(), base));
  return out;
}

}  // namespace unspin
