// unspin cleanup: gitignore-style globs and ignore files (see ignore.hpp).
#include "ignore.hpp"

#include <fnmatch.h>
#include <sys/stat.h>

#include <fstream>

namespace unspin_cli {
namespace {

// Splits at '/', dropping empty segments.
std::vector<std::string_view> segments(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t slash = s.find('/', pos);
    if (slash == std::string_view::npos) slash = s.size();
    if (slash > pos) out.push_back(s.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

bool segment_match(std::string_view pattern, std::string_view name,
                   bool casefold) {
  const std::string p(pattern);
  const std::string n(name);
  return ::fnmatch(p.c_str(), n.c_str(), casefold ? FNM_CASEFOLD : 0) == 0;
}

bool match_from(const std::vector<std::string_view>& pat, std::size_t i,
                const std::vector<std::string_view>& path, std::size_t j,
                bool casefold) {
  for (; i < pat.size(); ++i, ++j) {
    if (pat[i] == "**") {
      // Any number of segments; "a/**" needs at least one below "a".
      if (i + 1 == pat.size()) return j < path.size();
      for (std::size_t k = j; k <= path.size(); ++k)
        if (match_from(pat, i + 1, path, k, casefold)) return true;
      return false;
    }
    if (j >= path.size() || !segment_match(pat[i], path[j], casefold))
      return false;
  }
  return j == path.size();
}

std::string_view base_name(std::string_view rel) {
  const std::size_t slash = rel.rfind('/');
  return slash == std::string_view::npos ? rel : rel.substr(slash + 1);
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path,
                bool casefold) {
  return match_from(segments(pattern), 0, segments(path), 0, casefold);
}

bool path_glob_match(std::string_view pattern, std::string_view rel,
                     bool is_dir, bool casefold) {
  if (!pattern.empty() && pattern.back() == '/') {
    if (!is_dir) return false;
    pattern.remove_suffix(1);
  }
  if (pattern.empty()) return false;
  if (pattern.find('/') == std::string_view::npos)
    return segment_match(pattern, base_name(rel), casefold);
  return glob_match(pattern, rel, casefold);
}

const std::vector<std::string>& ignore_file_names() {
  static const std::vector<std::string> names = {".gitignore", ".ignore",
                                                 ".unspinignore"};
  return names;
}

void IgnoreRules::add_file(const std::string& file, const std::string& base) {
  struct stat st;
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Trailing spaces go unless escaped with a backslash.
    while (!line.empty() && line.back() == ' ' &&
           (line.size() < 2 || line[line.size() - 2] != '\\'))
      line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    Rule r;
    r.base = base;
    if (line[0] == '!') {
      r.negate = true;
      line.erase(0, 1);
    } else if (line.size() > 1 && line[0] == '\\' &&
               (line[1] == '!' || line[1] == '#')) {
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      r.dir_only = true;
      line.pop_back();
    }
    // A '/' anywhere (a leading one included) anchors the pattern to the
    // file's directory.
    if (line.find('/') != std::string::npos) {
      while (!line.empty() && line[0] == '/') line.erase(0, 1);
      line = "/" + line;
    }
    if (line.empty() || line == "/") continue;
    r.pattern = std::move(line);
    rules_.push_back(std::move(r));
  }
}

bool IgnoreRules::ignored(const std::string& rel, bool is_dir) const {
  // The last rule that matches decides.
  for (std::size_t i = rules_.size(); i > 0; --i) {
    const Rule& r = rules_[i - 1];
    if (r.dir_only && !is_dir) continue;
    std::string_view below = rel;
    if (!r.base.empty()) {
      if (below.size() <= r.base.size() ||
          below.compare(0, r.base.size(), r.base) != 0 ||
          below[r.base.size()] != '/')
        continue;
      below.remove_prefix(r.base.size() + 1);
    }
    const bool hit =
        r.pattern[0] == '/'
            ? glob_match(std::string_view(r.pattern).substr(1), below)
            : segment_match(r.pattern, base_name(below), false);
    if (hit) return !r.negate;
  }
  return false;
}

}  // namespace unspin_cli
