// unspin cleanup: command-line front end. Finds spun phrases in files and
// reports, diffs or rewrites them. Uses only the public unspin API.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <unspin/unspin.hpp>
#include <vector>

#include "data_dir.hpp"
#include "output.hpp"

namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;
constexpr const char* kStdinName = "<stdin>";

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
  bool no_builtin = false;
  bool explain = false;
  std::string data_dir;
  std::string invalid_utf8 = "error";
};

void error(const std::string& message) {
  std::cerr << "cleanup: " << message << '\n';
}

std::string errno_message(const std::string& name, int err) {
  return name + ": " + std::strerror(err);
}

/// Reads a whole file (or stdin for "-") into `out`.
/// Returns "" on success or the error message (without the "cleanup: ").
std::string read_input(const std::string& arg, std::string& out) {
  const bool is_stdin = arg == "-";
  const std::string name = is_stdin ? kStdinName : arg;
  int fd = is_stdin ? STDIN_FILENO : ::open(arg.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno_message(name, errno);
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (!is_stdin) ::close(fd);
    return name + ": is a directory";
  }
  out.clear();
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    out.reserve(static_cast<std::size_t>(st.st_size));
  }
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      if (!is_stdin) ::close(fd);
      return errno_message(name, err);
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  if (!is_stdin) ::close(fd);
  return {};
}

/// Writes all of `data` to `fd`; false with errno set on failure.
bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

/// Atomically replaces `path` with `data`: a temporary file in the same
/// directory with `path`'s permissions (and owner, when allowed), fsync,
/// rename. Returns "" or the error message.
std::string write_atomically(const std::string& path, const std::string& data,
                             const struct stat& like) {
  std::string tmp = path + ".cleanup-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return errno_message(path, errno);
  std::string err;
  if (::fchmod(fd, like.st_mode & 07777) != 0) {
    err = errno_message(path, errno);
  }
  // Keeping the owner only works for root; otherwise the file becomes ours,
  // as with any editor that writes a new file.
  if (err.empty() &&
      (like.st_uid != ::geteuid() || like.st_gid != ::getegid())) {
    (void)!::fchown(fd, like.st_uid, like.st_gid);
  }
  if (err.empty() && !write_all(fd, data)) err = errno_message(path, errno);
  if (err.empty() && ::fsync(fd) != 0) err = errno_message(path, errno);
  if (::close(fd) != 0 && err.empty()) err = errno_message(path, errno);
  if (err.empty() && ::rename(tmp.c_str(), path.c_str()) != 0) {
    err = errno_message(path, errno);
  }
  if (!err.empty()) ::unlink(tmp.c_str());
  return err;
}

/// Rewrites file `arg` with `fixed`, after saving `original` to arg+suffix
/// when a suffix is given. Symbolic links are followed, so the link stays.
std::string rewrite_in_place(const std::string& arg,
                             const std::string& original,
                             const std::string& fixed,
                             const std::string& suffix) {
  char resolved[PATH_MAX];
  std::string path = ::realpath(arg.c_str(), resolved) ? resolved : arg;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return errno_message(arg, errno);
  if (!suffix.empty()) {
    std::string err = write_atomically(arg + suffix, original, st);
    if (!err.empty()) return err;
  }
  std::string err = write_atomically(path, fixed, st);
  if (!err.empty()) return err;
  // Make the rename itself durable.
  std::string dir = path.substr(0, path.find_last_of('/') + 1);
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

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

/// Builds the detector from the command line; nullopt (message already
/// printed) on error.
std::optional<unspin::Detector> make_detector(const Args& args) {
  unspin::Options options;
  if (args.min_confidence >= 0) options.min_confidence = args.min_confidence;
  options.invalid_utf8 = args.invalid_utf8 == "replace"
                             ? unspin::InvalidUtf8::kReplace
                             : unspin::InvalidUtf8::kError;
  if (!args.data_dir.empty() && !unspin_cli::is_data_dir(args.data_dir)) {
    error(args.data_dir +
          ": not an unspin data directory (no dictionaries/en)");
    return std::nullopt;
  }
  std::vector<std::string> searched;
  std::string dir = unspin_cli::find_data_dir(args.data_dir, &searched);
  if (dir.empty() && !args.no_builtin) {
    std::string msg =
        "no data directory found (use --data-dir or UNSPIN_DATA_DIR, or "
        "--no-builtin with --dict); searched:";
    for (const std::string& s : searched) msg += "\n  " + s;
    if (searched.empty()) msg += " (nothing)";
    error(msg);
    return std::nullopt;
  }
  if (!dir.empty()) {
    unspin::Status st =
        unspin_cli::add_data_dir(dir, !args.no_builtin, options);
    if (!st.ok()) {
      error(st.message());
      return std::nullopt;
    }
  }
  // User tables come after the shipped ones so they can add entries and
  // switch shipped ones off.
  for (const std::string& d : args.dicts) {
    options.tables.push_back(unspin::DataSource::File(d));
  }
  for (const std::string& a : args.allows) {
    options.allowlists.push_back(unspin::DataSource::File(a));
  }
  unspin::Result<unspin::Detector> detector = unspin::Detector::create(options);
  if (!detector.ok()) {
    error(detector.status().message());
    return std::nullopt;
  }
  return std::move(*detector);
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  Args args;
  CLI::App app{
      "cleanup: find spun (synonym-swapped) phrases such as \"bad guy gangs\" "
      "and restore the original wording.",
      "cleanup"};
  app.set_version_flag("--version",
                       std::string("cleanup (unspin) ") + unspin::version());
  app.add_option("files", args.files,
                 "Files to check; none or '-' reads standard input")
      ->type_name("FILE");
  app.add_option("--format", args.format,
                 "Output: text (default), json (one object per document), "
                 "jsonl (one object per finding), diff (unified diff)")
      ->check(CLI::IsMember({"text", "json", "jsonl", "diff"}));
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
  app.add_flag("--no-builtin", args.no_builtin,
               "Do not load the shipped phrase tables");
  app.add_flag("--explain", args.explain,
               "Show the evidence behind each confidence");
  app.add_option("--data-dir", args.data_dir,
                 "Data directory (default: $UNSPIN_DATA_DIR, then the "
                 "build or install tree)")
      ->type_name("DIR");
  app.add_option("--invalid-utf8", args.invalid_utf8,
                 "Invalid UTF-8 input: error (default) or replace")
      ->check(CLI::IsMember({"error", "replace"}));

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
  if (fix->count() > 0 && app.get_option("--format")->count() > 0) {
    error(
        "--fix prints the rewritten text; it cannot be combined with --format");
    return kExitError;
  }
  if (empty_suffix) {
    error("--in-place=SUFFIX: the suffix is empty");
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

  unspin_cli::OutputStyle style;
  style.color = args.format == "text" && !args.fix && use_color(args.color);
  style.explain = args.explain;

  bool any_error = false;
  bool any_findings = false;
  std::string text;
  std::string out;
  for (const std::string& arg : args.files) {
    const std::string name = arg == "-" ? kStdinName : arg;
    if (std::string err = read_input(arg, text); !err.empty()) {
      error(err);
      any_error = true;
      continue;
    }
    if (text.find('\0') != std::string::npos) {
      error(name + ": binary file, skipped");
      any_error = true;
      continue;
    }
    if (text.empty()) error("warning: " + name + ": empty input");
    unspin::Result<unspin::ScanResult> scanned = detector->scan(text);
    if (!scanned.ok()) {
      error(name + ": " + scanned.status().message());
      any_error = true;
      continue;
    }
    const std::vector<unspin::Finding>& findings = scanned->findings;
    if (!findings.empty()) any_findings = true;

    out.clear();
    if (args.fix || args.in_place) {
      unspin::Result<std::string> fixed =
          unspin::Detector::rewrite(text, findings);
      if (!fixed.ok()) {
        error(name + ": " + fixed.status().message());
        any_error = true;
        continue;
      }
      if (args.fix) {
        out = std::move(*fixed);
      } else if (*fixed != text) {
        std::string err =
            rewrite_in_place(arg, text, *fixed, args.backup_suffix);
        if (!err.empty()) {
          error(err);
          any_error = true;
        }
      }
    }
    if (!args.fix) {
      if (args.format == "text") {
        unspin_cli::write_text(out, name, findings, style);
      } else if (args.format == "jsonl") {
        unspin_cli::write_jsonl(out, name, findings, style);
      } else if (args.format == "json") {
        unspin_cli::write_json(out, name, *scanned, style);
      } else {
        unspin::Status st = unspin_cli::write_diff(out, name, text, findings);
        if (!st.ok()) {
          error(name + ": " + st.message());
          any_error = true;
        }
      }
    }
    std::cout << out;
  }
  std::cout.flush();
  if (!std::cout) {
    error(std::string("standard output: ") + std::strerror(errno));
    return kExitError;
  }
  if (any_error) return kExitError;
  return any_findings ? kExitFindings : kExitClean;
}
