// unspin cleanup: batch plumbing: directory walking with include/exclude
// globs, the progress bar and the summary line.
#include "batch.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "ignore.hpp"
#include "output.hpp"

namespace unspin_cli {
namespace {

bool matches_any(const std::vector<std::string>& patterns,
                 const std::string& rel, bool is_dir, bool casefold) {
  for (const std::string& p : patterns) {
    if (path_glob_match(p, rel, is_dir, casefold)) return true;
  }
  return false;
}

struct Walker {
  const WalkOptions& options;
  std::vector<std::string>& errors;
  std::vector<InputFile>& out;
  IgnoreRules rules;
  // The walked directory's path from the top of the ignore files' scope
  // (the git work tree holding it, else the directory itself).
  std::string top_prefix;

  std::string from_top(const std::string& rel) const {
    if (top_prefix.empty()) return rel;
    return rel.empty() ? top_prefix : top_prefix + "/" + rel;
  }

  bool skipped(const std::string& rel, bool is_dir) const {
    if (matches_any(options.exclude, rel, is_dir, false)) return true;
    return options.ignore_files && rules.ignored(from_top(rel), is_dir);
  }

  bool included(const std::string& rel) const {
    if (skipped(rel, false)) return false;
    if (options.include.empty()) {
      // The defaults are extensions: README.TXT is as textual as notes.txt.
      return matches_any(default_includes(), rel, false, true);
    }
    return matches_any(options.include, rel, false, false);
  }

  // Reads the ignore files of the directories above the walked one, up to
  // the git work tree that holds it (as git and ripgrep do).
  void read_parents(const std::string& root) {
    if (!options.ignore_files) return;
    char* real = ::realpath(root.c_str(), nullptr);
    if (real == nullptr) return;
    std::string dir = real;
    std::free(real);
    std::vector<std::string> chain;  // root's parents, nearest first
    std::string top;
    for (std::string d = dir; d.size() > 1 && chain.size() < 64;) {
      const std::size_t slash = d.rfind('/');
      d = slash == 0 ? "/" : d.substr(0, slash);
      chain.push_back(d);
      struct stat st;
      if (::stat((d + "/.git").c_str(), &st) == 0) {
        top = d;
        break;
      }
    }
    struct stat st;
    if (::stat((dir + "/.git").c_str(), &st) == 0 || top.empty()) return;
    const auto rel_of = [&](const std::string& d) {
      return d == top ? std::string()
                      : d.substr(top == "/" ? 1 : top.size() + 1);
    };
    top_prefix = rel_of(dir);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
      for (const std::string& name : ignore_file_names())
        rules.add_file((*it == "/" ? "" : *it) + "/" + name, rel_of(*it));
  }

  // Walks `dir` (printed as `shown`, relative path `rel` from the root).
  void walk(const std::string& dir, const std::string& rel) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) {
      errors.push_back(dir + ": " + std::strerror(errno));
      return;
    }
    const std::size_t outer_rules = rules.size();
    if (options.ignore_files)
      for (const std::string& name : ignore_file_names())
        rules.add_file(dir + "/" + name, from_top(rel));
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name == "." || name == "..") continue;
      if (!options.hidden && name[0] == '.') continue;
      names.push_back(std::move(name));
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());  // byte order: deterministic
    for (const std::string& name : names) {
      std::string path = dir == "/" ? "/" + name : dir + "/" + name;
      std::string sub = rel.empty() ? name : rel + "/" + name;
      struct stat st;
      if (::lstat(path.c_str(), &st) != 0) {
        errors.push_back(path + ": " + std::strerror(errno));
        continue;
      }
      if (S_ISLNK(st.st_mode)) {
        // Links to files are read; links to directories are not followed
        // (no loops, no escaping the tree); dangling links are ignored.
        if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
      }
      if (S_ISDIR(st.st_mode)) {
        if (name == ".git" || skipped(sub, true)) continue;
        walk(path, sub);
      } else if (S_ISREG(st.st_mode) && included(sub)) {
        out.push_back(InputFile{path, path, false, printable_name(path)});
      }
    }
    rules.truncate(outer_rules);
  }
};

}  // namespace

const std::vector<std::string>& default_includes() {
  static const std::vector<std::string> globs = {
      "*.txt",      "*.text", "*.md",  "*.markdown", "*.rst", "*.adoc",
      "*.asciidoc", "*.org",  "*.tex", "*.html",     "*.htm", "*.xhtml"};
  return globs;
}

std::vector<InputFile> expand_inputs(const std::vector<std::string>& args,
                                     const WalkOptions& options,
                                     std::vector<std::string>& errors,
                                     std::vector<std::string>& warnings,
                                     bool& any_dir) {
  std::vector<InputFile> out;
  any_dir = false;
  for (const std::string& arg : args) {
    struct stat st;
    if (arg == "-" || ::stat(arg.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      // Not a directory: read as a file; a missing one fails when read.
      std::string name = arg == "-" ? "<stdin>" : arg;
      out.push_back(InputFile{arg, name, true, printable_name(name)});
      continue;
    }
    any_dir = true;
    std::string root = arg;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    const std::size_t before = out.size();
    Walker walker{options, errors, out, {}, {}};
    walker.read_parents(root);
    walker.walk(root, "");
    if (out.size() == before) warnings.push_back(root + ": no matching files");
  }
  return out;
}

unsigned resolve_jobs(unsigned jobs) {
  if (jobs > 0) return jobs;
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? n : 1;
}

Progress::Progress(std::size_t total, bool enabled)
    : total_(total),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::update(std::size_t done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (!shown_) {
    if (total_ <= 50 && now - start_ < std::chrono::seconds(1)) return;
  } else if (now - last_draw_ < std::chrono::milliseconds(100) &&
             done < total_) {
    return;
  }
  constexpr std::size_t kWidth = 30;
  std::size_t fill = total_ == 0 ? kWidth : done * kWidth / total_;
  std::string bar(fill, '=');
  bar.resize(kWidth, ' ');
  std::fprintf(stderr, "\r[%s] %zu/%zu files", bar.c_str(), done, total_);
  std::fflush(stderr);
  shown_ = true;
  last_draw_ = now;
}

void Progress::clear() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
  // Redraw on the next update without waiting for the throttle.
  last_draw_ = start_;
}

std::string summary_line(const Totals& totals, const char* noun,
                         double seconds) {
  auto count = [](std::size_t n, const std::string& what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
  };
  std::string s = count(totals.documents, noun) + ", " +
                  count(totals.words, "word") + ", " +
                  count(totals.findings, "finding") + ", " +
                  count(totals.spun, "spun document") + ", ";
  if (totals.errors > 0) s += count(totals.errors, "error") + ", ";
  char time[32];
  std::snprintf(time, sizeof time, "%.2f s", seconds);
  return s + time;
}

}  // namespace unspin_cli
