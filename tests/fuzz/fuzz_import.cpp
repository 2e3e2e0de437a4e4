// unspin fuzz target: the dictionary tools on arbitrary files: import_table()
// (prh and Vale YAML, LanguageTool replace.txt) and check_tables().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "unspin/dict.hpp"

namespace {

using unspin::ErrorCode;
using unspin_fuzz::check;

/// The formats the first byte picks (modulo 4); 3 = `dict check`.
constexpr const char* kFormats[] = {"prh", "vale", "languagetool"};

/// Lines of `text` as the tools count them (a last line without '\n' too).
std::size_t count_lines(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n';
  return n + 1;
}

/// True when `message` is "NAME:LINE: ..." with 1 <= LINE <= max_line.
bool names_line(const std::string& message, const std::string& name,
                std::size_t max_line) {
  if (message.compare(0, name.size() + 1, name + ":") != 0) return false;
  std::size_t line = 0;
  std::size_t i = name.size() + 1;
  std::size_t digits = 0;
  for (; i < message.size() && message[i] >= '0' && message[i] <= '9'; ++i) {
    if (++digits > 12) return false;
    line = line * 10 + static_cast<std::size_t>(message[i] - '0');
  }
  return digits > 0 && i < message.size() && message[i] == ':' && line >= 1 &&
         line <= max_line;
}

void check_problems(const std::vector<unspin::TableProblem>& problems,
                    std::size_t lines) {
  for (const unspin::TableProblem& p : problems) {
    check(!p.message.empty(), "a problem has a message");
    check(p.message.find('\n') == std::string::npos,
          "problem messages are one line");
    check(p.line <= lines, "a problem's line is inside the table");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) return 0;
  const unsigned pick = data[0] % 4;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t lines = count_lines(text);

  if (pick == 3) {
    auto r =
        unspin::check_tables({unspin::DataSource::from_text("f.tsv", text)});
    check(r.ok(), "check_tables of in-memory text never fails");
    check_problems(*r, lines);
    return 0;
  }

  const std::string name = "f.in";
  auto r = unspin::import_table(kFormats[pick], text, name);
  if (!r.ok()) {
    const ErrorCode c = r.status().code();
    check(c == ErrorCode::kParseError || c == ErrorCode::kInvalidUtf8,
          "a bad file is a parse or UTF-8 error (kInternal: the output did "
          "not load)");
    check(r.status().message().find('\n') == std::string::npos,
          "error messages are one line");
    // A file with no entry at all is a problem of the whole file.
    const bool whole_file =
        r.status().message().rfind(name + ": ", 0) == 0 &&
        r.status().message().find("nothing to import") != std::string::npos;
    check(whole_file || names_line(r.status().message(), name, lines),
          "an import error names FILE:LINE inside the file (or FILE alone "
          "when nothing is importable)");
    return 0;
  }
  for (const std::string& s : r->skipped) {
    check(s.find('\n') == std::string::npos, "skip notes are one line");
    check(names_line(s, name, lines), "a skip note names FILE:LINE");
  }
  // What is imported loads and checks (import_table() parsed it already).
  unspin::CheckOptions options;
  options.scan_canonicals = false;
  auto c = unspin::check_tables(
      {unspin::DataSource::from_text("imported.tsv", r->tsv)}, options);
  check(c.ok(), "an imported table can be checked");
  check_problems(*c, count_lines(r->tsv));
  return 0;
}
