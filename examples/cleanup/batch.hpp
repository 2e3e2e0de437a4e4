// unspin cleanup: batch plumbing: expanding directories into files, running
// work on N threads with output in input order, progress bar and summary.
#ifndef UNSPIN_EXAMPLES_CLEANUP_BATCH_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_BATCH_HPP_

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace unspin_cli {

/// One file to process.
struct InputFile {
  /// Path to open; "-" is standard input.
  std::string path;
  /// Name printed in the output (the path as given or as walked); exact,
  /// for the JSON outputs.
  std::string name;
  /// True when named on the command line: a binary file is then an error;
  /// files found by walking a directory that turn out binary are skipped.
  bool named = true;
  /// `name` escaped for one line of text (printable_name()): for the text
  /// and diff outputs and messages on stderr.
  std::string shown;
};

/// How directories given on the command line are walked.
struct WalkOptions {
  /// Globs a walked file must match, with gitignore's rules (ignore.hpp):
  /// without a '/', the base name; with one, the path relative to the
  /// walked directory; '*' does not match '/', '**' does. Empty means
  /// default_includes().
  std::vector<std::string> include;
  /// Globs that drop walked files and prune walked directories.
  std::vector<std::string> exclude;
  /// Also walk into hidden (dot) files and directories.
  bool hidden = false;
  /// Honour .gitignore, .ignore and .unspinignore files (in the walked
  /// directories and, inside a git work tree, in its directories above).
  bool ignore_files = true;
};

/// The include globs used when none is given: common text and markup
/// extensions, matched case-insensitively.
const std::vector<std::string>& default_includes();

/// Turns command-line arguments into the files to process, in order: a file
/// (or "-") stays as it is; a directory is walked recursively, entries sorted
/// by name (byte order), hidden entries skipped unless `options.hidden`,
/// symbolic links to directories not followed (links to files are read).
/// Messages for unreadable directories are appended to `errors`; warnings
/// (a directory without a matching file) to `warnings`. `any_dir` is set when
/// an argument was a directory.
std::vector<InputFile> expand_inputs(const std::vector<std::string>& args,
                                     const WalkOptions& options,
                                     std::vector<std::string>& errors,
                                     std::vector<std::string>& warnings,
                                     bool& any_dir);

/// `jobs`, or the number of hardware threads when 0 (at least 1).
unsigned resolve_jobs(unsigned jobs);

/// Runs produce(i) for i in [0, n) on `jobs` worker threads and calls
/// consume(i, result) on the calling thread in increasing i, each as soon as
/// results 0..i are ready; so output written by `consume` is the same for any
/// `jobs`. At most a bounded window of results waits to be consumed. With
/// jobs <= 1 (or n <= 1) everything runs on the calling thread.
/// `produce` must be safe to call concurrently; neither may throw.
template <class T, class Produce, class Consume>
void ordered_parallel(std::size_t n, unsigned jobs, Produce produce,
                      Consume consume) {
  if (jobs <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) {
      T result = produce(i);
      consume(i, result);
    }
    return;
  }
  const std::size_t window = std::max<std::size_t>(16, 4 * std::size_t{jobs});
  std::vector<std::optional<T>> slots(n);
  std::mutex mutex;
  std::condition_variable ready;  // a slot was filled
  std::condition_variable space;  // the window moved on
  std::size_t next = 0;
  std::size_t consumed = 0;
  auto worker = [&] {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock<std::mutex> lock(mutex);
        space.wait(lock, [&] { return next >= n || next < consumed + window; });
        if (next >= n) return;
        i = next++;
      }
      T result = produce(i);
      {
        std::lock_guard<std::mutex> lock(mutex);
        slots[i] = std::move(result);
      }
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  const unsigned count = static_cast<unsigned>(std::min<std::size_t>(jobs, n));
  threads.reserve(count);
  for (unsigned t = 0; t < count; ++t) threads.emplace_back(worker);
  for (std::size_t i = 0; i < n; ++i) {
    std::optional<T> result;
    {
      std::unique_lock<std::mutex> lock(mutex);
      ready.wait(lock, [&] { return slots[i].has_value(); });
      result = std::move(slots[i]);
      slots[i].reset();
      consumed = i + 1;
    }
    space.notify_all();
    consume(i, *result);
  }
  for (std::thread& t : threads) t.join();
}

/// A one-line progress bar on standard error, drawn only when enabled (the
/// caller checks that stderr is a terminal and --quiet is off) and the batch
/// is long: more than 50 files, or running for more than a second.
/// Not thread-safe: call from the consuming thread only.
class Progress {
 public:
  Progress(std::size_t total, bool enabled);
  /// Records that `done` files are finished; redraws at most 10 times a
  /// second.
  void update(std::size_t done);
  /// Erases the bar (if drawn) so other output can be written; the next
  /// update() draws it again.
  void clear();

 private:
  std::size_t total_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

/// Batch totals for the summary line.
struct Totals {
  std::size_t documents = 0;  ///< files or records scanned
  std::size_t words = 0;
  std::size_t findings = 0;
  std::size_t spun = 0;    ///< documents whose verdict is spun
  std::size_t errors = 0;  ///< files or records that failed
};

/// "3 files, 120 words, 4 findings, 1 spun document, 0.02 s" (noun is
/// "file" or "record"); ", E errors" comes before the time when E > 0.
/// Every part but the time is deterministic.
std::string summary_line(const Totals& totals, const char* noun,
                         double seconds);

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_BATCH_HPP_
