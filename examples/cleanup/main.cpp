// unspin cleanup: command-line front end. Finds spun phrases in files,
// directories or JSON Lines streams and reports, diffs or rewrites them.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <unspin/unspin.hpp>
#include <vector>

#include "batch.hpp"
#include "config.hpp"
#include "data_dir.hpp"
#include "in_place.hpp"
#ifdef UNSPIN_CLEANUP_DICT_CMD
#include "dict_cmd.hpp"
#endif
#include "output.hpp"
#include "sarif.hpp"
#include "stream.hpp"

namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

/// --format=json: the run's one document; only the main thread writes it.
unspin_cli::JsonRun json_run;

/// Everything the command line can say.
struct Args {
  std::vector<std::string> files;
  std::string format = "text";
  std::string color = "auto";
  bool fix = false;
  bool in_place = false;
  std::string backup_suffix;
  double min_confidence = -1;
  std::vector<std::string> dicts;
  std::vector<std::string> allows;
  std::vector<std::string> domains;
  bool no_builtin = false;
  bool explain = false;
  bool show_line = false;
  bool discover = false;
  bool discover_general = false;
  std::string data_dir;
  bool print_data_dir = false;
  bool version = false;
  std::string invalid_utf8 = "error";
  unsigned jobs = 1;
  unspin_cli::WalkOptions walk;
  bool quiet = false;
  bool stream = false;
  std::vector<std::string> text_fields;
  std::string id_field = "id";
  bool exit_zero = false;
  std::string format_in = "auto";
  std::string stdin_filename;
  bool rewrite_attributes = false;
  bool no_inline_config = false;
  std::string config_file;
  bool no_config = false;
  /// The project config read (--config, or the nearest .unspin.yml).
  std::optional<unspin_cli::Config> config;
  /// Per-file settings the command line gave (they beat the config's).
  bool cli_min_confidence = false;
  bool cli_format_in = false;
  bool cli_rewrite_attributes = false;
  bool cli_inline_config = false;
};

/// The format of an input: --format-in, else by the file's extension (for
/// standard input, that of --stdin-filename; plain text without one).
unspin::Markup markup_of(const Args& args, const std::string& format_in,
                         const std::string& path) {
  if (format_in == "markdown") return unspin::Markup::kMarkdown;
  if (format_in == "html") return unspin::Markup::kHtml;
  if (format_in == "text") return unspin::Markup::kText;
  const std::string& name = path == "-" ? args.stdin_filename : path;
  const std::size_t dot = name.rfind('.');
  const std::size_t slash = name.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return unspin::Markup::kText;
  std::string ext = name.substr(dot + 1);
  for (char& c : ext)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "md" || ext == "markdown" || ext == "mdown" || ext == "mkd" ||
      ext == "mkdn")
    return unspin::Markup::kMarkdown;
  if (ext == "html" || ext == "htm" || ext == "xhtml")
    return unspin::Markup::kHtml;
  return unspin::Markup::kText;
}

/// The scan options of one input.
unspin::ScanOptions scan_options_for(const Args& args,
                                     const std::string& path) {
  unspin::ScanOptions so;
  std::string format_in = args.format_in;
  so.rewrite_attributes = args.rewrite_attributes;
  so.inline_config = !args.no_inline_config;
  if (args.config && !args.config->overrides.empty() && path != "-" &&
      !path.empty()) {
    // The config's settings for this path, where the command line is
    // silent.
    const unspin_cli::FileSettings s = args.config->settings_for(path);
    if (s.min_confidence && !args.cli_min_confidence)
      so.min_confidence = s.min_confidence;
    if (s.format_in && !args.cli_format_in) format_in = *s.format_in;
    if (s.rewrite_attributes && !args.cli_rewrite_attributes)
      so.rewrite_attributes = *s.rewrite_attributes;
    if (s.inline_config && !args.cli_inline_config)
      so.inline_config = *s.inline_config;
  }
  so.markup = markup_of(args, format_in, path);
  return so;
}

void error(const std::string& message) {
  std::cerr << "cleanup: " << message << '\n';
}

/// Reads the project config (--config FILE, else the nearest .unspin.yml in
/// the working directory or above, none with --no-config) into `args`
/// wherever the command line is silent: lists (dictionaries, allowlists,
/// excludes) go before the command line's; domains and includes are
/// replaced by the command line's. False after an error (reported).
bool apply_config(const CLI::App& app, Args& args) {
  const auto given = [&](const char* flag) {
    return app.get_option(flag)->count() > 0;
  };
  args.cli_min_confidence = given("--min-confidence");
  args.cli_format_in = given("--format-in");
  args.cli_rewrite_attributes = given("--rewrite-attributes");
  args.cli_inline_config = given("--no-inline-config");
  if (args.no_config) return true;
  const std::string path =
      args.config_file.empty() ? unspin_cli::find_config() : args.config_file;
  if (path.empty()) return true;
  unspin_cli::Config c;
  std::string message;
  if (!unspin_cli::load_config(path, c, message)) {
    error(message);
    return false;
  }
  const auto before = [](std::vector<std::string>& list,
                         const std::vector<std::string>& first) {
    list.insert(list.begin(), first.begin(), first.end());
  };
  before(args.dicts, c.dictionaries);
  before(args.allows, c.allow);
  before(args.walk.exclude, c.exclude);
  if (args.domains.empty()) args.domains = c.domains;
  if (args.walk.include.empty()) args.walk.include = c.include;
  if (c.builtin && !given("--no-builtin")) args.no_builtin = !*c.builtin;
  if (c.discover && !given("--discover")) args.discover = *c.discover;
  if (c.discover_general && !given("--discover-general"))
    args.discover_general = *c.discover_general;
  if (c.hidden && !given("--hidden")) args.walk.hidden = *c.hidden;
  if (c.ignore_files && !given("--no-ignore"))
    args.walk.ignore_files = *c.ignore_files;
  const unspin_cli::FileSettings& f = c.file;
  if (f.min_confidence && !args.cli_min_confidence)
    args.min_confidence = *f.min_confidence;
  if (f.format_in && !args.cli_format_in) args.format_in = *f.format_in;
  if (f.rewrite_attributes && !args.cli_rewrite_attributes)
    args.rewrite_attributes = *f.rewrite_attributes;
  if (f.inline_config && !args.cli_inline_config)
    args.no_inline_config = !*f.inline_config;
  args.config = std::move(c);
  return true;
}

/// Makes sure descriptors 0-2 are open (on /dev/null when they were
/// closed), so no file this program opens - a temporary file of --in-place
/// above all - becomes standard output and receives the report.
void ensure_standard_fds() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    int null = ::open("/dev/null", O_RDWR);
    if (null < 0) std::_Exit(kExitError);  // nowhere safe to write anything
    if (null != fd) {
      ::dup2(null, fd);
      ::close(null);
    }
  }
}

using unspin_cli::errno_message;
using unspin_cli::read_input;
using unspin_cli::still_same_file;
using unspin_cli::sync_directory_of;
using unspin_cli::target_for_rewrite;
using unspin_cli::write_all;

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  return ::isatty(STDOUT_FILENO) != 0;
}

/// Splits "--in-place=SUFFIX" (an optional value CLI11 cannot express
/// without swallowing the next file name) into "--in-place" plus a hidden
/// "--backup-suffix SUFFIX". Sets `empty_suffix` for "--in-place=".
std::vector<std::string> preprocess(int argc, char** argv, bool& empty_suffix) {
  std::vector<std::string> out;
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (!options_done && a == "--") options_done = true;
    if (!options_done && a.rfind("--in-place=", 0) == 0) {
      out.push_back("--in-place");
      if (a.size() == 11) {
        empty_suffix = true;
      } else {
        out.push_back("--backup-suffix=" + a.substr(11));
      }
    } else {
      out.push_back(std::move(a));
    }
  }
  return out;
}

/// The Options the command line asks for, with the data directory chosen
/// in `choice`; nullopt (message already printed) on error.
std::optional<unspin::Options> make_options(const Args& args,
                                            unspin_cli::DataDirChoice& choice) {
  choice = unspin_cli::choose_data_dir(args.data_dir);
  if (!choice.error.empty()) {
    error(choice.error);
    return std::nullopt;
  }
  const std::string& dir = choice.dir;
  if (dir.empty() && !args.no_builtin) {
    std::string msg =
        "no data directory found (use --data-dir or UNSPIN_DATA_DIR, or "
        "--no-builtin with --dict); searched:";
    for (const std::string& s : choice.searched) msg += "\n  " + s;
    if (choice.searched.empty()) msg += " (nothing)";
    error(msg);
    return std::nullopt;
  }
  // Without tables nothing can be found, and every text would pass.
  if (args.no_builtin && args.dicts.empty() && !args.discover &&
      !args.discover_general) {
    error(
        "--no-builtin without --dict: no phrase table to check with (give "
        "one or more --dict FILE)");
    return std::nullopt;
  }
  // How to get the discovery data, for a message about its absence.
  const std::string discovery_hint =
      "; --discover needs the language model built with the default CMake "
      "option UNSPIN_WITH_DISCOVERY=ON (apt packages libsphinxbase-dev, "
      "pocketsphinx-en-us, mythes-en-us)";
  unspin::Options options;
  if (!dir.empty()) {
    unspin::DataDirOptions what;
    what.tables = !args.no_builtin;
    what.discovery = args.discover;
    what.general_discovery = args.discover_general;
    unspin::Result<unspin::Options> made =
        unspin::options_from_data_dir(dir, what);
    if (!made.ok()) {
      std::string msg = made.status().message();
      if (args.discover && msg.rfind(dir + "/lm/", 0) == 0)
        msg += discovery_hint;
      error(msg);
      return std::nullopt;
    }
    options = std::move(*made);
  } else if (args.discover) {
    error("no data directory" + discovery_hint);
    return std::nullopt;
  }
  if (args.min_confidence >= 0) options.min_confidence = args.min_confidence;
  options.invalid_utf8 = args.invalid_utf8 == "replace"
                             ? unspin::InvalidUtf8::kReplace
                             : unspin::InvalidUtf8::kError;
  // User tables come after the shipped ones so they can add entries and
  // switch shipped ones off.
  for (const std::string& d : args.dicts) {
    options.tables.push_back(unspin::DataSource::from_file(d));
  }
  for (const std::string& a : args.allows) {
    options.allowlists.push_back(unspin::DataSource::from_file(a));
  }
  options.domains = args.domains;
  return options;
}

/// Prints the data directory in use, how it was chosen and the tables that
/// are loaded (--print-data-dir, --version).
void print_data_dir(const unspin_cli::DataDirChoice& choice,
                    const unspin::Options& options) {
  std::string out = "data directory: ";
  if (choice.dir.empty()) {
    out += "none";
  } else {
    out += unspin_cli::printable_name(choice.dir) + " (" +
           unspin_cli::describe_origin(choice) + ")";
  }
  out += "\ntables:";
  if (options.tables.empty()) out += " none";
  for (const unspin::DataSource& t : options.tables)
    out += "\n  " + unspin_cli::printable_name(t.path);
  std::cout << out << '\n';
}

/// Builds the detector from the command line; nullopt (message already
/// printed) on error.
std::optional<unspin::Detector> make_detector(const Args& args) {
  unspin_cli::DataDirChoice choice;
  std::optional<unspin::Options> options = make_options(args, choice);
  if (!options) return std::nullopt;
  unspin::Result<unspin::Detector> detector =
      unspin::Detector::create(*options);
  if (!detector.ok()) {
    std::string msg = detector.status().message();
    // The library names its field; the user typed the flag.
    const std::string field = "Options::domains: ";
    if (msg.rfind(field, 0) == 0) msg = "--domain: " + msg.substr(field.size());
    if (msg.rfind("Options::tables", 0) == 0)
      msg = "the phrase tables hold no active entry: nothing could be found";
    error(msg);
    return std::nullopt;
  }
  return std::move(*detector);
}

/// What one file produced; filled by a worker thread, printed in input
/// order by the main thread.
// NOLINTNEXTLINE(bugprone-exception-escape): json's moves are not noexcept
struct FileReport {
  std::string out;                    ///< bytes for stdout
  std::vector<std::string> errors;    ///< messages, without "cleanup: "
  std::vector<std::string> warnings;  ///< messages, without "warning: "
  nlohmann::ordered_json sarif;       ///< SARIF results (--format=sarif)
  bool scanned = false;
  /// Too big to buffer: streamed to stdout by the main thread, in order.
  bool deferred = false;
  std::size_t words = 0;
  std::size_t findings = 0;
  bool spun = false;
};

/// Inputs larger than this, standard input and other non-regular files
/// (FIFOs, devices, process substitution) are scanned block by block in
/// every format, so memory stays bounded whatever the input size. Each
/// block is a document of its own for the confidence model.
constexpr std::size_t kStreamBlock = std::size_t{16} << 20;

/// --format=diff on a window of whole lines that is not the input's end
/// (the Scanner's trim hook): where to end the window so that no hunk is
/// cut by the window boundary - a line start B with every changed line of
/// the findings at least 3 lines (the hunk context) before or after it, in
/// the window's second half and leaving the 3 lines after it in the
/// window. The lines from B on are scanned again with the next window.
/// npos when there is no such line (changes everywhere): the Scanner reads
/// more, so one dense hunk is held whole.
std::size_t diff_cut(const unspin::ScannedWindow& window) {
  const std::string_view block = window.text;
  const std::size_t base = window.start.offset;
  constexpr std::size_t kContext = 3;  // as write_diff's
  std::size_t n = 0;                   // lines in the block (it ends with '\n')
  for (char c : block) n += c == '\n';
  if (n < 4 * kContext) return std::string_view::npos;
  std::vector<char> bad(n + 1, 0);
  std::size_t line = 0;
  std::size_t pos = 0;
  for (const unspin::Finding& f : window.findings) {
    if (!f.has_suggestion || f.begin < base) continue;
    const std::size_t begin = f.begin - base;  // in the window
    const std::size_t end = f.end - base;
    if (begin < pos || end > block.size()) continue;
    for (; pos < begin; ++pos) line += block[pos] == '\n';
    std::size_t last = line;
    for (std::size_t i = begin; i + 1 < end; ++i) last += block[i] == '\n';
    // B is bad when a - kContext < B < b + 1 + kContext.
    std::size_t from = line + 1 > kContext ? line + 1 - kContext : 0;
    for (std::size_t b = from; b <= std::min(n, last + kContext); ++b)
      bad[b] = 1;
  }
  for (std::size_t b = n - kContext; b >= n / 2 && b > 0; --b) {
    if (bad[b]) continue;
    std::size_t seen = 0;
    for (std::size_t i = 0; i < block.size(); ++i) {
      if (block[i] == '\n' && ++seen == b) return i + 1;
    }
  }
  return std::string_view::npos;
}

/// An unlinked temporary file in $TMPDIR (or /tmp); -1 with errno on error.
int anonymous_temp_file() {
  const char* dir = std::getenv("TMPDIR");
  std::string path =
      std::string(dir && *dir ? dir : "/tmp") + "/cleanup-spool-XXXXXX";
  int fd = ::mkstemp(path.data());
  if (fd >= 0) ::unlink(path.c_str());
  return fd;
}

/// Looks for a NUL byte in what `fd` holds from its current offset on, or
/// (when `spool` >= 0) while copying it all there. Returns 1 for a NUL, 0
/// for none, -1 on a read or write error (errno set). The offset of a
/// regular `fd` is left where it was.
int find_nul(int fd, bool regular, int spool) {
  off_t at = regular ? ::lseek(fd, 0, SEEK_CUR) : 0;
  off_t pos = at < 0 ? 0 : at;
  std::vector<char> chunk(1 << 20);
  for (;;) {
    ssize_t n = regular ? ::pread(fd, chunk.data(), chunk.size(), pos)
                        : ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) return 0;
    pos += n;
    if (std::memchr(chunk.data(), '\0', static_cast<std::size_t>(n))) return 1;
    if (spool >= 0 &&
        !write_all(spool, std::string_view(chunk.data(),
                                           static_cast<std::size_t>(n)))) {
      return -1;
    }
  }
}

/// Streams one big or non-regular input (or stdin) to stdout through an
/// unspin::Scanner with kStreamBlock windows (findings come with the whole
/// input's offsets, lines and columns), and writes each window's report
/// (text, jsonl, one json object, diff hunks, SARIF results through
/// `sarif`) or its rewrite (`rewritten`, for --fix and --in-place) at once.
/// Outputs that must be all or nothing (--fix, --in-place, json, diff,
/// sarif) first make sure the input has no NUL byte: a regular file is
/// searched, a FIFO or pipe is copied to an unlinked temporary file while
/// searched, then read from there. With `expect`, the file opened must be
/// that one (--in-place).
void stream_file(
    const unspin_cli::InputFile& input, const Args& args,
    const unspin::Detector& detector, const unspin_cli::OutputStyle& style,
    FileReport& r, unspin_cli::SarifLog* sarif, const std::string& open_path,
    const struct stat* expect,
    const std::function<bool(std::string_view, std::string_view)>& rewritten) {
  const bool is_stdin = open_path == "-";
  const std::string& name = input.name;
  const std::string& shown = input.shown;
  int fd =
      is_stdin ? STDIN_FILENO : ::open(open_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    r.errors.push_back(errno_message(shown, errno));
    return;
  }
  int spool = -1;
  auto done = [&] {
    if (!is_stdin) ::close(fd);
    if (spool >= 0) ::close(spool);
  };
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    r.errors.push_back(errno_message(shown, errno));
    done();
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    r.errors.push_back(shown + ": is a directory");
    done();
    return;
  }
  if (expect && (!S_ISREG(st.st_mode) || st.st_dev != expect->st_dev ||
                 st.st_ino != expect->st_ino)) {
    r.errors.push_back(shown + ": replaced while being read, not rewritten");
    done();
    return;
  }
  const bool rewriting = args.fix || args.in_place;
  const std::string format = args.fix ? "fix" : args.format;
  const bool all_or_nothing =
      rewriting || (format != "text" && format != "jsonl");
  int in = fd;
  if (all_or_nothing) {
    const bool regular = S_ISREG(st.st_mode);
    if (!regular) {
      spool = anonymous_temp_file();
      if (spool < 0) {
        r.errors.push_back(errno_message("temporary file for " + shown, errno));
        done();
        return;
      }
    }
    int nul = find_nul(fd, regular, spool);
    if (nul < 0) {
      r.errors.push_back(errno_message(shown, errno));
      done();
      return;
    }
    if (nul > 0) {
      if (input.named) r.errors.push_back(shown + ": binary file, skipped");
      done();
      return;
    }
    if (!regular) {
      in = spool;
      ::lseek(spool, 0, SEEK_SET);
    }
  }
  unspin::ScannerOptions scan_options;
  scan_options.window_bytes = kStreamBlock;
  scan_options.whole_lines = format == "diff";
  scan_options.scan = scan_options_for(args, input.path);
  unspin::Result<unspin::Scanner> scanner =
      unspin::Scanner::create(detector, scan_options);
  if (!scanner.ok()) {
    r.errors.push_back(shown + ": " + scanner.status().message());
    done();
    return;
  }
  bool any = false;      // a window was cut (the input is not empty)
  bool stopped = false;  // the check or the sink reported why it stopped
  scanner->set_check([&](std::string_view text, const unspin::StreamPosition&) {
    any = true;
    if (text.find('\0') == std::string_view::npos)
      return unspin::Status::ok_status();
    if (input.named) r.errors.push_back(shown + ": binary file, skipped");
    stopped = true;
    return unspin::Status(unspin::ErrorCode::kInvalidArgument, "binary file");
  });
  if (format == "diff" && !rewriting) scanner->set_trim(diff_cut);
  // json: the object is opened at the first window of a multi-window
  // input; the verdict is the Scanner's over the windows.
  bool json_open = false;
  unspin_cli::DiffPosition diff_pos;
  std::size_t newlines = 0;  // line feeds before the window (diff lines)
  // The window's findings, changed to offsets into its text, for the
  // renderers that take a window's text (diff, SARIF).
  auto window_relative =
      [](unspin::ScannedWindow& w) -> const std::vector<unspin::Finding>& {
    for (unspin::Finding& f : w.findings) {
      f.begin -= w.start.offset;
      f.end -= w.start.offset;
    }
    return w.findings;
  };
  auto sink = [&](unspin::ScannedWindow& w) -> unspin::Status {
    r.scanned = true;
    r.words += w.verdict.words;
    r.findings += w.findings.size();
    r.spun = r.spun || w.verdict.spun;
    if (rewriting) {
      unspin::Result<std::string> fixed = unspin::Scanner::rewrite(w);
      if (!fixed.ok()) return fixed.status();
      if (!rewritten(w.text, *fixed)) {
        r.errors.push_back(errno_message(shown, errno));
        stopped = true;
        return unspin::Status(unspin::ErrorCode::kIoError, "write failed");
      }
    }
    std::string out;
    if (format == "fix") {
      // The rewrite is all the output.
    } else if (format == "diff") {
      diff_pos.line_offset = newlines;
      unspin::Status s = unspin_cli::write_diff(out, shown, w.text,
                                                window_relative(w), &diff_pos);
      if (!s.ok()) return s;
      for (char c : w.text) newlines += c == '\n';
    } else if (format == "sarif") {
      // 16384 results at a time (each chunk rebuilds the line table): a
      // result object takes a few KB, a window can hold 300k findings.
      unspin_cli::SarifShift shift{w.start.offset, w.start.line - 1,
                                   w.start.column - 1};
      const std::vector<unspin::Finding>& all = window_relative(w);
      constexpr std::size_t kChunk = 16384;
      for (std::size_t i = 0; i < all.size(); i += kChunk) {
        std::vector<unspin::Finding> part(
            all.begin() + static_cast<std::ptrdiff_t>(i),
            all.begin() +
                static_cast<std::ptrdiff_t>(std::min(all.size(), i + kChunk)));
        std::cout << sarif->write_results(
            unspin_cli::SarifLog::results(name, w.text, part, &shift));
      }
    } else if (format == "json" && w.first && w.last) {
      out += json_run.next_document();
      unspin::ScanResult whole{std::move(w.findings), w.verdict};
      unspin_cli::write_json(out, name, whole, style);
    } else if (format == "text") {
      unspin_cli::write_text(out, shown, w.findings, style, w.text,
                             w.start.offset);
    } else if (format == "jsonl") {
      unspin_cli::write_jsonl(out, name, w.findings, style);
    } else {
      if (!json_open) out += json_run.next_document();
      if (!json_open) unspin_cli::write_json_begin(out, name);
      for (const unspin::Finding& f : w.findings) {
        unspin_cli::write_json_finding(out, f, style,
                                       !json_open && &f == &w.findings.front());
        json_open = true;
      }
      json_open = true;
    }
    std::cout << out;
    return unspin::Status::ok_status();
  };
  // Reports a stop the check or the sink has not reported; false on one.
  auto keep_going = [&](const unspin::Status& s) {
    if (!s.ok() && !stopped) r.errors.push_back(shown + ": " + s.message());
    return s.ok();
  };
  std::vector<char> chunk(1 << 16);
  for (;;) {
    ssize_t n = ::read(in, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.errors.push_back(errno_message(shown, errno));
      break;
    }
    if (n == 0) {
      keep_going(scanner->finish(sink));
      break;
    }
    if (!keep_going(scanner->feed(
            std::string_view(chunk.data(), static_cast<std::size_t>(n)),
            sink))) {
      break;
    }
  }
  if (json_open) {
    // Closed even after an error, so the line stays one JSON object; the
    // verdict then covers the windows scanned (the error is on stderr).
    std::string out;
    unspin_cli::write_json_end(out, scanner->verdict());
    std::cout << out;
  }
  done();
  if (!any && input.named && r.errors.empty())
    r.warnings.push_back(shown + ": empty input");
}

/// --in-place for a big file: the rewrite is streamed block by block into a
/// temporary file next to it, then renamed over it (after the backup, if
/// any), exactly as for small files; memory stays bounded.
void stream_in_place(const unspin_cli::InputFile& input, const Args& args,
                     const unspin::Detector& detector,
                     const unspin_cli::OutputStyle& style, FileReport& r,
                     unspin_cli::SarifLog* sarif) {
  std::string path;
  struct stat st;
  if (std::string err = target_for_rewrite(input.path, input.shown, path, st);
      !err.empty()) {
    r.errors.push_back(err);
    return;
  }
  unspin_cli::TempFile tmp;
  if (std::string err = tmp.open(path, input.shown, st); !err.empty()) {
    r.errors.push_back(err);
    return;
  }
  bool changed = false;
  stream_file(input, args, detector, style, r, sarif, path, &st,
              [&](std::string_view block, std::string_view fixed) {
                changed = changed || block != fixed;
                return write_all(tmp.fd(), fixed);
              });
  // Nothing to change, or an error: the temporary goes, the file stays.
  if (!r.errors.empty() || !changed) return;
  std::string err;
  if (!args.backup_suffix.empty())
    err =
        unspin_cli::copy_atomically(path, input.path + args.backup_suffix, st);
  if (err.empty()) err = tmp.commit(true);
  if (!err.empty()) {
    r.errors.push_back(err);
    return;
  }
  sync_directory_of(path);
}

/// Reads, scans and renders (or rewrites) one file. Thread-safe: touches
/// only its own file and the const detector. Standard input, non-regular
/// files and files over kStreamBlock are left to stream_file (deferred).
FileReport process_file(const unspin_cli::InputFile& input, const Args& args,
                        const unspin::Detector& detector,
                        const unspin_cli::OutputStyle& style) {
  FileReport r;
  const std::string& name = input.name;
  const std::string& shown = input.shown;
  struct stat st;
  std::string text;
  std::optional<unspin::ScanResult> in_place_scan;
  if (args.in_place) {
    std::string path;
    if (std::string err = target_for_rewrite(input.path, shown, path, st);
        !err.empty()) {
      r.errors.push_back(err);
      return r;
    }
    if (static_cast<std::size_t>(st.st_size) > kStreamBlock) {
      r.deferred = true;
      return r;
    }
    unspin_cli::InPlaceOutcome done = unspin_cli::rewrite_file(
        input.path, shown, detector, scan_options_for(args, input.path),
        args.backup_suffix);
    if (done.binary) {
      if (input.named) r.errors.push_back(shown + ": binary file, skipped");
      return r;
    }
    if (done.empty && input.named)
      r.warnings.push_back(shown + ": empty input");
    if (!done.error.empty()) r.errors.push_back(done.error);
    if (!done.scan) return r;
    in_place_scan = std::move(done.scan);
    text = std::move(done.original);  // the report is on the original
  } else if (input.path == "-" ||
             (::stat(input.path.c_str(), &st) == 0 && !S_ISDIR(st.st_mode) &&
              (!S_ISREG(st.st_mode) ||
               static_cast<std::size_t>(st.st_size) > kStreamBlock))) {
    r.deferred = true;
    return r;
  }
  unspin::Result<unspin::ScanResult> scanned =
      in_place_scan
          ? unspin::Result<unspin::ScanResult>(std::move(*in_place_scan))
          : unspin::Result<unspin::ScanResult>(unspin::ScanResult{});
  if (!args.in_place) {
    if (std::string err = read_input(input.path, shown, text); !err.empty()) {
      r.errors.push_back(err);
      return r;
    }
    if (text.find('\0') != std::string::npos) {
      // Named files must be text; binary files met while walking a
      // directory are simply not documents.
      if (input.named) r.errors.push_back(shown + ": binary file, skipped");
      return r;
    }
    if (text.empty() && input.named)
      r.warnings.push_back(shown + ": empty input");
    scanned = detector.scan(text, scan_options_for(args, input.path));
    if (!scanned.ok()) {
      r.errors.push_back(shown + ": " + scanned.status().message());
      return r;
    }
  }
  const std::vector<unspin::Finding>& findings = scanned->findings;
  r.scanned = true;
  r.words = scanned->verdict.words;
  r.findings = findings.size();
  r.spun = scanned->verdict.spun;
  if (args.fix) {
    unspin::Result<std::string> fixed =
        unspin::Detector::rewrite(text, findings);
    if (!fixed.ok()) {
      r.errors.push_back(shown + ": " + fixed.status().message());
      return r;
    }
    r.out = std::move(*fixed);
    return r;
  }
  if (args.format == "text") {
    unspin_cli::write_text(r.out, shown, findings, style, text);
  } else if (args.format == "jsonl") {
    unspin_cli::write_jsonl(r.out, name, findings, style);
  } else if (args.format == "json") {
    unspin_cli::write_json(r.out, name, *scanned, style);
  } else if (args.format == "sarif") {
    r.sarif = unspin_cli::SarifLog::results(name, text, findings);
  } else {
    unspin::Status st = unspin_cli::write_diff(r.out, shown, text, findings);
    if (!st.ok()) r.errors.push_back(shown + ": " + st.message());
  }
  return r;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

int run(int argc, char** argv) {
  const auto start = std::chrono::steady_clock::now();
  std::ios::sync_with_stdio(false);

  // Subcommands take over the whole command line; they go here, before the
  // file-checking options are parsed. (A file named like a subcommand is
  // still reachable as ./dict or after --.)
#ifdef UNSPIN_CLEANUP_DICT_CMD
  if (argc > 1 && std::string(argv[1]) == "dict") {
    return run_dict_command(argc - 1, argv + 1);
  }
#endif

  Args args;
  CLI::App app{
      "cleanup: find spun (synonym-swapped) phrases such as \"bad guy gangs\" "
      "and restore the original wording.",
      "cleanup"};
  app.footer(
      "Directories are walked recursively in name order: hidden entries are "
      "skipped (unless --hidden), symbolic links to directories are not "
      "followed, files with a NUL byte are skipped, and what .gitignore, "
      ".ignore and .unspinignore files say is skipped (unless --no-ignore). "
      "Walked files must match an --include glob (default: *.txt *.text *.md "
      "*.markdown *.rst *.adoc *.asciidoc *.org *.tex *.html *.htm *.xhtml, "
      "any case) and no --exclude glob; globs are read as gitignore reads "
      "them: without a '/' they match the base name, with one the path "
      "relative to the directory; '*' does not match '/', '**' does; "
      "--exclude also prunes directories. Files named on the command line "
      "are always read.\n\n"
      "With several inputs, a directory or -j, a summary line 'N files, W "
      "words, F findings, S spun documents, T s' goes to stderr at the end "
      "(--quiet: none), and a progress bar when stderr is a terminal and the "
      "batch is long. Output is the same for any -j.\n\n"
      "--stream reads JSON Lines (stdin or FILEs) and writes each record back "
      "with an \"unspin\" field: {\"findings\", \"verdict\", \"rewrite\"}, or "
      "{\"error\"} for a bad record (the stream goes on).\n\n"
      "Exit status: 0 nothing found, 1 findings, 2 an error (usage, data, or "
      "any file or record); --exit-zero turns 1 and per-file/per-record 2 "
      "into 0."
#ifdef UNSPIN_CLEANUP_DICT_CMD
      "\n\nSubcommand: 'cleanup dict check|import ...' checks phrase tables "
      "and imports Vale, textlint (prh) and LanguageTool replace.txt lists "
      "as tables "
      "('cleanup dict --help')."
#endif
  );
  // Not CLI11's version flag: --version also shows the data directory,
  // which depends on --data-dir and the other options.
  app.add_flag("--version", args.version,
               "Print the version, the data directory and the tables loaded");
  app.add_flag("--print-data-dir", args.print_data_dir,
               "Print the data directory in use (and why), and the tables "
               "loaded; then exit");
  app.add_option("files", args.files,
                 "Files or directories to check; none or '-' reads standard "
                 "input")
      ->type_name("PATH");
  app.add_option("--format", args.format,
                 "Output: text (default), json (one JSON document: {\"files\": "
                 "[one object per document]}), "
                 "jsonl (one object per finding), diff (unified diff), sarif "
                 "(SARIF 2.1.0 log for all files)")
      ->check(CLI::IsMember({"text", "json", "jsonl", "diff", "sarif"}));
  app.add_option("--color", args.color,
                 "Colour the text output: auto (terminal and no NO_COLOR), "
                 "always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  auto* fix = app.add_flag("--fix", args.fix,
                           "Print the rewritten text instead of findings");
  auto* in_place = app.add_flag(
      "--in-place", args.in_place,
      "Rewrite the files atomically; --in-place=SUFFIX keeps a backup "
      "FILE+SUFFIX");
  app.add_option("--backup-suffix", args.backup_suffix)
      ->group("")
      ->needs(in_place);
  fix->excludes(in_place);
  app.add_option("--min-confidence", args.min_confidence,
                 "Report findings with confidence >= X (0..1, default 0.5)")
      ->type_name("X")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            char* end = nullptr;
            double x = std::strtod(value.c_str(), &end);
            if (value.empty() || *end != '\0' || !(x >= 0.0 && x <= 1.0)) {
              return "expected a number from 0 to 1, got '" + value + "'";
            }
            return {};
          },
          "in [0, 1]"));
  app.add_option("--dict", args.dicts,
                 "Extra phrase table (TSV), loaded after the shipped ones; "
                 "repeatable")
      ->type_name("FILE")
      ->take_all()
      ->allow_extra_args(false);
  app.add_option("--allow", args.allows,
                 "Allowlist file (one phrase per line); repeatable")
      ->type_name("FILE")
      ->allow_extra_args(false);
  app.add_option("--domain", args.domains,
                 "Use only entries tagged with this domain (news, science, "
                 "mt, ...; untagged user entries always apply); repeatable")
      ->type_name("TAG")
      ->allow_extra_args(false);
  app.add_flag("--no-builtin", args.no_builtin,
               "Do not load the shipped phrase tables");
  app.add_flag("--explain", args.explain,
               "Show the evidence behind each confidence");
  app.add_flag("--show-line", args.show_line,
               "Text output: show each finding's line, the span marked");
  app.add_flag("--discover", args.discover,
               "Also discover spun multiword terms no table holds (the "
               "science-tuned language-model path, from the data dir's lm/; "
               "slower start-up)");
  app.add_flag("--discover-general", args.discover_general,
               "Also discover an article spinner's single-word swaps in "
               "general English (substitution graph + word-pair counts, "
               "reported in documents that look spun as a whole; about "
               "0.5 MB/s)");
  app.add_option("--data-dir", args.data_dir,
                 "Data directory (default: $UNSPIN_DATA_DIR, else this "
                 "program's install prefix (<bin>/../share/unspin), or its "
                 "build tree when run from there); an explicit one that is "
                 "not a data directory is an error")
      ->type_name("DIR");
  app.add_option("--invalid-utf8", args.invalid_utf8,
                 "Invalid UTF-8 input: error (default) or replace")
      ->check(CLI::IsMember({"error", "replace"}));
  auto* jobs = app.add_option("-j,--jobs", args.jobs,
                              "Worker threads (default 1; 0 = one per core)")
                   ->type_name("N")
                   ->check(CLI::Range(0u, 1024u));
  app.add_option("--include", args.walk.include,
                 "Glob a file found in a directory must match; repeatable")
      ->type_name("GLOB")
      ->take_all()
      ->allow_extra_args(false);
  app.add_option("--exclude", args.walk.exclude,
                 "Glob of files and directories to skip while walking; "
                 "repeatable")
      ->type_name("GLOB")
      ->take_all()
      ->allow_extra_args(false);
  app.add_flag("--hidden", args.walk.hidden,
               "Also walk hidden (dot) files and directories");
  app.add_flag("--no-ignore{false}", args.walk.ignore_files,
               "Do not honour .gitignore, .ignore and .unspinignore files "
               "while walking");
  app.add_flag("-q,--quiet", args.quiet, "No summary line and no progress bar");
  auto* stream = app.add_flag(
      "--stream", args.stream,
      "Read JSON Lines and write each record with an \"unspin\" field");
  app.add_option("--text-field", args.text_fields,
                 "--stream: a field holding text (default \"text\"), or a "
                 "JSON Pointer such as /article/body; repeatable")
      ->type_name("NAME")
      ->allow_extra_args(false)
      ->needs(stream);
  app.add_option("--id-field", args.id_field,
                 "--stream: the field naming a record in error messages "
                 "(default \"id\"), or a JSON Pointer")
      ->type_name("NAME")
      ->needs(stream);
  app.add_option("--format-in", args.format_in,
                 "Input format: auto (default: by extension, *.md *.markdown "
                 "Markdown, *.html *.htm *.xhtml HTML, else text; stdin is "
                 "text), markdown, html, text. Markdown and HTML: only prose "
                 "is checked and rewritten (code, URLs, link targets, "
                 "attributes, scripts, styles, front matter are skipped); "
                 "with --stream, the format of the text field")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"auto", "markdown", "html", "text"}));
  app.add_option("--stdin-filename", args.stdin_filename,
                 "Name shown for standard input; its extension picks the "
                 "format (as textlint's --stdin-filename)")
      ->type_name("NAME");
  app.add_flag("--rewrite-attributes", args.rewrite_attributes,
               "Markdown and HTML: also rewrite image alt text and alt and "
               "title attributes (by default they are checked and reported, "
               "not rewritten)");
  app.add_flag("--no-inline-config", args.no_inline_config,
               "Ignore the documents' suppression comments (unspin-disable, "
               "unspin-enable, unspin-disable-next-line)");
  auto* config = app.add_option(
      "--config", args.config_file,
      "Project configuration file (default: the nearest .unspin.yml or "
      ".unspin.yaml in the working directory or above)");
  config->type_name("FILE");
  app.add_flag("--no-config", args.no_config,
               "Read no project configuration file")
      ->excludes(config);
  app.add_flag("--exit-zero", args.exit_zero,
               "Exit 0 after findings and per-file or per-record errors "
               "(for Hadoop Streaming, Spark pipe)");

  bool empty_suffix = false;
  std::vector<std::string> cli_args = preprocess(argc, argv, empty_suffix);
  std::reverse(cli_args.begin(), cli_args.end());  // CLI11 wants it reversed
  try {
    app.parse(cli_args);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      return app.exit(e);  // --help, --version
    }
    error(e.what());
    std::cerr << "Run 'cleanup --help' for usage.\n";
    return kExitError;
  }
  if (!apply_config(app, args)) return kExitError;
  if (args.version || args.print_data_dir) {
    if (args.version)
      std::cout << "cleanup (unspin) " << unspin::version() << '\n';
    unspin_cli::DataDirChoice choice;
    std::optional<unspin::Options> options = make_options(args, choice);
    if (!options) return kExitError;
    print_data_dir(choice, *options);
    return kExitClean;
  }
  if (fix->count() > 0 && app.get_option("--format")->count() > 0) {
    error(
        "--fix prints the rewritten text; it cannot be combined with --format");
    return kExitError;
  }
  if (args.stream &&
      (args.fix || args.in_place || app.get_option("--format")->count() > 0)) {
    error(
        "--stream writes JSON Lines; it cannot be combined with --fix, "
        "--in-place or --format");
    return kExitError;
  }
  if (empty_suffix) {
    error("--in-place=SUFFIX: the suffix is empty");
    return kExitError;
  }
  unspin_cli::StreamOptions so;  // --text-field, --id-field checked here
  if (!args.text_fields.empty()) so.text_fields = args.text_fields;
  so.id_field = args.id_field;
  if (std::string bad = unspin_cli::check_stream_options(so); !bad.empty()) {
    error(bad);
    return kExitError;
  }
  if (args.files.empty()) args.files.push_back("-");
  if (args.in_place) {
    for (const std::string& f : args.files) {
      if (f == "-") {
        error("--in-place cannot rewrite standard input");
        return kExitError;
      }
    }
  }

  std::optional<unspin::Detector> detector = make_detector(args);
  if (!detector) return kExitError;
  const unsigned threads = unspin_cli::resolve_jobs(args.jobs);

  unspin_cli::OutputStyle style;
  style.color = args.format == "text" && !args.fix && !args.stream &&
                use_color(args.color);
  style.explain = args.explain;
  style.show_line = args.show_line;

  if (args.stream) {
    so.style = style;
    so.jobs = threads;
    so.replace_invalid_utf8 = args.invalid_utf8 == "replace";
    // A record has no file name: only --format-in picks its format.
    so.scan = scan_options_for(args, "");
    unspin_cli::StreamOutcome outcome =
        unspin_cli::run_stream(*detector, args.files, so);
    if (!std::cout) {
      error(std::string("standard output: ") + std::strerror(errno));
      return kExitError;
    }
    if (!args.quiet) {
      std::cerr << unspin_cli::summary_line(outcome.totals, "record",
                                            seconds_since(start))
                << '\n';
    }
    if (args.exit_zero) return kExitClean;
    if (outcome.input_error || outcome.totals.errors > 0) return kExitError;
    return outcome.any_findings ? kExitFindings : kExitClean;
  }

  std::vector<std::string> walk_errors;
  std::vector<std::string> walk_warnings;
  bool any_dir = false;
  std::vector<unspin_cli::InputFile> inputs = unspin_cli::expand_inputs(
      args.files, args.walk, walk_errors, walk_warnings, any_dir);
  if (!args.stdin_filename.empty()) {
    for (unspin_cli::InputFile& f : inputs) {
      if (f.path != "-") continue;
      f.name = args.stdin_filename;
      f.shown = unspin_cli::printable_name(f.name);
    }
  }
  if (args.in_place) {
    for (const unspin_cli::InputFile& f : inputs) {
      if (f.path == "-") {
        error("--in-place cannot rewrite standard input");
        return kExitError;
      }
    }
  }
  const bool batch = inputs.size() > 1 || any_dir || jobs->count() > 0;
  unspin_cli::SarifLog sarif;
  unspin_cli::Totals totals;
  bool any_error = !walk_errors.empty();
  bool any_findings = false;
  for (const std::string& e : walk_errors) {
    error(unspin_cli::printable_name(e));
    sarif.add_notification(e, "error");
  }
  for (const std::string& w : walk_warnings) {
    error("warning: " + unspin_cli::printable_name(w));
    sarif.add_notification(w, "warning");
  }
  totals.errors = walk_errors.size();

  unspin_cli::Progress progress(
      inputs.size(), batch && !args.quiet && ::isatty(STDERR_FILENO) != 0);
  const bool stdout_tty = ::isatty(STDOUT_FILENO) != 0;
  unspin_cli::ordered_parallel<FileReport>(
      inputs.size(), threads,
      [&](std::size_t i) {
        try {
          return process_file(inputs[i], args, *detector, style);
        } catch (const std::bad_alloc&) {
          FileReport r;
          r.errors.push_back(inputs[i].shown + ": out of memory");
          return r;
        }
      },
      [&](std::size_t i, FileReport& r) {
        if (r.deferred) {
          progress.clear();
          try {
            if (args.in_place) {
              stream_in_place(inputs[i], args, *detector, style, r, &sarif);
            } else {
              stream_file(inputs[i], args, *detector, style, r, &sarif,
                          inputs[i].path, nullptr,
                          [](std::string_view, std::string_view fixed) {
                            std::cout << fixed;
                            return static_cast<bool>(std::cout);
                          });
            }
          } catch (const std::bad_alloc&) {
            r.errors.push_back(inputs[i].shown + ": out of memory");
          }
        }
        if (!r.errors.empty() || !r.warnings.empty() ||
            (stdout_tty && !r.out.empty())) {
          progress.clear();
        }
        for (const std::string& e : r.errors) {
          error(e);
          sarif.add_notification(e, "error");
        }
        for (const std::string& w : r.warnings) {
          error("warning: " + w);
          sarif.add_notification(w, "warning");
        }
        if (!r.errors.empty()) {
          any_error = true;
          ++totals.errors;
        }
        if (r.scanned) {
          ++totals.documents;
          totals.words += r.words;
          totals.findings += r.findings;
          if (r.spun) ++totals.spun;
          if (r.findings > 0) any_findings = true;
        }
        if (r.sarif.is_array() && !r.sarif.empty())
          std::cout << sarif.write_results(r.sarif);
        if (args.format == "json" && !args.fix && !r.out.empty())
          std::cout << json_run.next_document();
        std::cout << r.out;
        if (stdout_tty) std::cout.flush();  // before the bar is redrawn
        progress.update(i + 1);
      });
  progress.clear();
  if (args.format == "sarif" && !args.fix)
    std::cout << sarif.finish(!any_error);
  if (args.format == "json" && !args.fix) std::cout << json_run.finish();
  std::cout.flush();
  if (!std::cout) {
    error(std::string("standard output: ") + std::strerror(errno));
    return kExitError;
  }
  if (batch && !args.quiet) {
    std::cerr << unspin_cli::summary_line(totals, "file", seconds_since(start))
              << '\n';
  }
  if (args.exit_zero) return kExitClean;
  if (any_error) return kExitError;
  return any_findings ? kExitFindings : kExitClean;
}

}  // namespace

int main(int argc, char** argv) {
  ensure_standard_fds();
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cout.flush();
    error("out of memory");
    return kExitError;
  } catch (...) {
    // Nothing else is thrown on purpose: the library returns errors as
    // values. Say so rather than let std::terminate abort.
    std::cout.flush();
    std::fputs("cleanup: internal error\n", stderr);
    return kExitError;
  }
}
