// unspin cleanup: the `cleanup dict` subcommand: `check` reports problems in
// phrase tables, `import` converts Vale / prh / LanguageTool lists to TSV.
#include "dict_cmd.hpp"

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <unspin/dict.hpp>
#include <unspin/unspin.hpp>
#include <utility>
#include <vector>

#include "atomic_file.hpp"

namespace {

constexpr int kExitClean = 0;
constexpr int kExitProblems = 1;
constexpr int kExitError = 2;

void error(const std::string& message) {
  std::cerr << "cleanup dict: " << message << '\n';
}

/// Reads a whole file ("-" = standard input); "" or the error message.
std::string read_file(const std::string& path, std::string& out) {
  if (path == "-") {
    std::ostringstream buf;
    buf << std::cin.rdbuf();
    out = buf.str();
    return {};
  }
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return path + ": is a directory";
  std::ifstream in(path, std::ios::binary);
  if (!in) return path + ": " + std::strerror(errno);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return path + ": read error";
  out = buf.str();
  return {};
}

/// Writes `data` to `path` atomically (a TempFile in the same directory,
/// fsync, rename), so OUT is either the old or the complete new file, with
/// the mode of a new file. Refuses an OUT that exists and is not a regular
/// file (a FIFO, a device, a directory, a symbolic link to any of those):
/// renaming over it would replace it instead of writing to it.
std::string write_table(const std::string& path, const std::string& data) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    return path + ": not a regular file (refusing to replace it)";
  unspin_cli::TempFile tmp;
  if (std::string err = tmp.open_new(path, path, "dict"); !err.empty())
    return err;
  if (!unspin_cli::write_all(tmp.fd(), data))
    return unspin_cli::errno_message(path, errno);
  if (std::string err = tmp.commit(false); !err.empty()) return err;
  unspin_cli::sync_directory_of(path);  // make the rename itself durable
  return {};
}

/// Problems of one kind and severity listed before "... and N more".
constexpr std::size_t kShownPerKind = 50;

const char* kind_name(unspin::ProblemKind kind) {
  switch (kind) {
    case unspin::ProblemKind::kParse:
      return "parse";
    case unspin::ProblemKind::kNotNfc:
      return "not-NFC";
    case unspin::ProblemKind::kUnsorted:
      return "unsorted";
    case unspin::ProblemKind::kDuplicate:
      return "duplicate";
    case unspin::ProblemKind::kConflict:
      return "conflict";
    case unspin::ProblemKind::kCycle:
      return "cycle";
    case unspin::ProblemKind::kChain:
      return "chain";
    case unspin::ProblemKind::kFiresOnCanonical:
      return "fires-on-canonical";
    case unspin::ProblemKind::kContainsSpun:
      return "contains-spun";
  }
  return "other";
}

int run_check(const std::vector<std::string>& files, bool errors_only,
              bool scan_canonicals, bool all, bool strict) {
  std::vector<unspin::DataSource> tables;
  for (const std::string& f : files) {
    // Name = the path as given, so messages read FILE:LINE.
    tables.push_back(unspin::DataSource::from_file(f, f));
  }
  unspin::CheckOptions options;
  options.scan_canonicals = scan_canonicals;
  unspin::Result<std::vector<unspin::TableProblem>> problems =
      unspin::check_tables(tables, options);
  if (!problems.ok()) {
    error(problems.status().message());
    return kExitError;
  }
  // At most kShownPerKind problems of each kind and severity, then one
  // "... and N more" line for the rest (unless --all).
  std::map<std::pair<unspin::ProblemKind, unspin::Severity>, std::size_t> count;
  std::size_t failing = 0;  // problems that set the exit status
  for (const unspin::TableProblem& p : *problems) {
    const bool is_error = p.severity == unspin::Severity::kError;
    if (errors_only && !is_error) continue;
    // Warnings are listed; they fail the check only with --strict.
    if (is_error || strict) ++failing;
    if (++count[{p.kind, p.severity}] <= kShownPerKind || all)
      std::cout << unspin::format_problem(p) << '\n';
  }
  for (const auto& [what, n] : count) {
    if (n <= kShownPerKind || all) continue;
    std::cout << "... and " << n - kShownPerKind << " more "
              << kind_name(what.first)
              << (what.second == unspin::Severity::kError ? " errors"
                                                          : " warnings")
              << " (--all lists them)\n";
  }
  std::cout.flush();
  if (!std::cout) {
    error(std::string("standard output: ") + std::strerror(errno));
    return kExitError;
  }
  return failing > 0 ? kExitProblems : kExitClean;
}

int run_import(const std::string& format, const std::string& file,
               const std::string& out_path) {
  std::string text;
  if (std::string err = read_file(file, text); !err.empty()) {
    error(err);
    return kExitError;
  }
  const std::string name = file == "-" ? "<stdin>" : file;
  unspin::Result<unspin::ImportedTable> table =
      unspin::import_table(format, text, name);
  if (!table.ok()) {
    error(table.status().message());
    return kExitError;
  }
  for (const std::string& s : table->skipped) std::cerr << s << '\n';
  if (out_path.empty() || out_path == "-") {
    std::cout << table->tsv;
    std::cout.flush();
    if (!std::cout) {
      error(std::string("standard output: ") + std::strerror(errno));
      return kExitError;
    }
  } else if (std::string err = write_table(out_path, table->tsv);
             !err.empty()) {
    error(err);
    return kExitError;
  }
  std::cerr << "cleanup dict: " << table->entries << " entries imported, "
            << table->skipped.size() << " skipped\n";
  return kExitClean;
}

}  // namespace

int run_dict_command(int argc, char** argv) {
  CLI::App app{
      "Check phrase tables, or import substitution lists of other "
      "tools as a phrase table.",
      "cleanup dict"};
  app.require_subcommand(1);

  CLI::App* check = app.add_subcommand(
      "check",
      "Report problems in phrase tables (parse errors, duplicates, conflicts, "
      "cycles, entries firing on canonical phrases, order, NFC) as "
      "FILE:LINE: severity: message. Exit 1 when an error is reported (or, "
      "with --strict, a warning).");
  std::vector<std::string> check_files;
  bool errors_only = false;
  bool no_canonical_scan = false;
  bool list_all = false;
  bool strict = false;
  check->add_option("files", check_files, "Phrase tables, loaded in order")
      ->type_name("FILE")
      ->required();
  check->add_flag("--errors-only", errors_only,
                  "Report errors only, not warnings");
  check->add_flag("--strict,--warnings-as-errors", strict,
                  "Exit 1 on warnings too (by default only errors do)");
  check->add_flag("--no-canonical-scan", no_canonical_scan,
                  "Skip scanning canonical phrases for entries firing there");
  check->add_flag("--all", list_all,
                  "List every problem (default: the first 50 of each kind "
                  "and severity, then a '... and N more' line)");

  CLI::App* import = app.add_subcommand(
      "import",
      "Convert a Vale substitution rule, a textlint prh dictionary or a "
      "LanguageTool replace.txt into an unspin phrase table.");
  std::string format;
  std::string import_file;
  std::string out_path;
  import->add_option("--from", format, "Input format")
      ->required()
      ->check(CLI::IsMember({"vale", "prh", "languagetool"}));
  import->add_option("file", import_file, "Input file ('-' = stdin)")
      ->type_name("FILE")
      ->required();
  import
      ->add_option("-o,--output", out_path,
                   "Write the table to OUT (atomically) instead of stdout")
      ->type_name("OUT");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      return app.exit(e);  // --help
    }
    error(e.what());
    std::cerr << "Run 'cleanup dict --help' for usage.\n";
    return kExitError;
  }
  if (check->parsed()) {
    return run_check(check_files, errors_only, !no_canonical_scan, list_all,
                     strict);
  }
  return run_import(format, import_file, out_path);
}
