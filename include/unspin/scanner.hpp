// unspin: chunked scanning of inputs too big to hold in memory (Scanner).
// Public API, included by unspin.hpp; standard headers only.
#ifndef UNSPIN_SCANNER_HPP_
#define UNSPIN_SCANNER_HPP_

#include <cstddef>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "unspin.hpp"

namespace unspin {

namespace detail {
struct SuppressState;
}  // namespace detail

/// A place in a stream, counted as Detector::scan() counts in one text:
/// LF, CR and CRLF end a line, columns are code points (a byte that is not a
/// UTF-8 continuation byte), and a UTF-8 BOM at offset 0 is not a column.
struct StreamPosition {
  /// Bytes of the stream before this place.
  std::size_t offset = 0;
  /// 1-based line.
  std::size_t line = 1;
  /// 1-based column, in code points.
  std::size_t column = 1;
};

/// Options for Scanner::create(). Plain data with defaults.
struct ScannerOptions {
  /// A window is scanned once this many bytes are buffered (or at
  /// finish()), ending at the last safe place in the buffer. The buffer
  /// takes the stream in steps of min(64 KiB, window_bytes), so windows do
  /// not depend on how the stream is split into feed() calls. A window may
  /// be longer (a line or word with no safe place in it is held whole) or
  /// shorter. Each window is a document of its own for the confidence
  /// model and the verdict. Range >= 1, default 16 MiB.
  std::size_t window_bytes = std::size_t{16} << 20;
  /// Cut windows only after a line feed, so every window but the last
  /// holds whole lines (a stream without LF is then one window); default
  /// false: also after a space or tab, else between two bytes that cannot
  /// be part of a word.
  bool whole_lines = false;
  /// Passed to Detector::scan() for every window. With a Markdown or HTML
  /// `scan.markup` the stream is one window (markup is parsed whole), so
  /// window_bytes and whole_lines do not apply.
  ScanOptions scan;
};

/// One scanned window of a stream, handed to the caller's sink.
struct ScannedWindow {
  /// Where the window begins in the stream.
  StreamPosition start;
  /// The window's bytes, stream offsets [start.offset, start.offset +
  /// text.size()). Valid only during the sink call.
  std::string_view text;
  /// The window's findings, as Detector::scan() orders them. begin and end
  /// are byte offsets into the whole stream, line and column the stream's.
  /// The sink may move them out.
  std::vector<Finding> findings;
  /// The window's own verdict (a window is one document).
  Verdict verdict;
  /// The window starts the stream (start.offset == 0).
  bool first = false;
  /// The window ends the stream (delivered by finish()).
  bool last = false;
};

/// Receives each scanned window, in stream order. A non-OK Status stops
/// the stream: feed() or finish() returns it.
using WindowSink = std::function<Status(ScannedWindow& window)>;

/// Checks a window's bytes before they are scanned (say, refuses NUL
/// bytes). A non-OK Status stops the stream: feed() or finish() returns it.
using WindowCheck =
    std::function<Status(std::string_view text, const StreamPosition& start)>;

/// Shortens a scanned window that does not end the stream, before the
/// sink sees it. Returns how many bytes of window.text to deliver: all of
/// them (text.size()), fewer (findings beginning at or after the cut are
/// dropped, verdict.words is scaled to the share kept and verdict.findings
/// recounted; the bytes after the cut are scanned again at the start of
/// the next window), or std::string_view::npos to deliver nothing yet and
/// scan again once window_bytes more bytes are buffered. Returning 0 is
/// treated as npos. Cut where no finding spans: a finding across the cut
/// stays in the window and runs past its text (Scanner::rewrite() then
/// refuses it).
using WindowTrim = std::function<std::size_t(const ScannedWindow& window)>;

/// Scans a stream fed in blocks of any size, window by window, with one
/// Detector, so that memory stays bounded whatever the stream's length.
/// Findings carry offsets, lines and columns into the whole stream. A
/// window never ends inside a word, a UTF-8 sequence or a CRLF (but may end
/// at a space inside a phrase when a line is longer than a window), and a
/// stream split into feed() calls at any points gives the same windows as
/// the stream fed at once. A text shorter than window_bytes, fed and
/// finished, gives exactly Detector::scan()'s findings for that text.
///
/// A Scanner is one stream: it is not thread-safe and must not be shared
/// without a lock; the Detector it refers to (which must outlive it) can
/// be shared by any number of Scanners on any threads.
class Scanner {
 public:
  /// A Scanner over `detector` (not copied: it must outlive the Scanner).
  /// Errors: kInvalidArgument when options.window_bytes is 0 (named).
  [[nodiscard]] static Result<Scanner> create(
      const Detector& detector, const ScannerOptions& options = {});

  /// Appends `bytes` to the stream and scans every window that is complete,
  /// passing each to `sink`. Amortized linear in the bytes fed; buffers at
  /// most about window_bytes plus the longest run without a safe cut.
  /// Errors: kInvalidUtf8 (from Detector::scan, the message naming the byte
  /// offset into the whole stream), whatever the check or the sink
  /// returns, kInvalidArgument after finish(). After an error the stream is
  /// spent: every later feed() or finish() returns the same Status.
  [[nodiscard]] Status feed(std::string_view bytes, const WindowSink& sink);

  /// Ends the stream: scans what is buffered as the last window (its
  /// `last` set) and passes it to `sink`. An empty stream delivers no
  /// window. Errors: as feed(); a second finish() returns OK and does
  /// nothing.
  [[nodiscard]] Status finish(const WindowSink& sink);

  /// Runs `check` on each window before it is scanned; empty to run none.
  void set_check(WindowCheck check);

  /// Runs `trim` on each scanned window that does not end the stream (see
  /// WindowTrim); empty to deliver windows whole.
  void set_trim(WindowTrim trim);

  /// The place where the next window will begin: the end of the windows
  /// delivered so far (during a sink call, that window's start).
  const StreamPosition& position() const { return position_; }

  /// Bytes fed but not yet delivered in a window.
  std::size_t buffered() const { return buffer_.size(); }

  /// Verdict over the windows delivered so far, as for one document: words
  /// and findings summed, spun_score the highest window's, spun when a
  /// window is, distinct_phrases counted over all windows (table entries by
  /// Finding::source, discovered originals by Finding::entry_canonical).
  /// All zero before the first window.
  const Verdict& verdict() const { return verdict_; }

  /// The window's text with its findings (stream offsets, as delivered;
  /// the sink may drop some first) applied, as Detector::rewrite() does.
  /// Errors: kInvalidArgument when a finding lies outside the window or
  /// findings overlap (offsets in the message are the stream's).
  [[nodiscard]] static Result<std::string> rewrite(const ScannedWindow& window);

 private:
  Scanner(const Detector& detector, const ScannerOptions& options);
  Status drain(const WindowSink& sink);
  void advance(std::string_view delivered);
  void tally(const ScannedWindow& window);

  const Detector* detector_;
  ScannerOptions options_;
  std::size_t step_;  // bytes taken from a feed at a time
  WindowCheck check_;
  WindowTrim trim_;
  std::string buffer_;       // fed, not yet delivered
  std::size_t fed_ = 0;      // bytes fed in all
  std::size_t want_;         // scan once the buffer holds this much
  StreamPosition position_;  // where buffer_ begins in the stream
  bool after_cr_ = false;    // the last byte delivered was a CR
  bool finished_ = false;
  Status failed_;  // the error that spent the stream, if any
  Verdict verdict_;
  std::set<std::string> distinct_;
  // What the stream's suppression comments switched off so far.
  std::shared_ptr<detail::SuppressState> suppressed_;
};

}  // namespace unspin

#endif  // UNSPIN_SCANNER_HPP_
