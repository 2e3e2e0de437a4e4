// unspin cleanup: the project configuration file (see config.hpp).
#include "config.hpp"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "ignore.hpp"

namespace unspin_cli {
namespace {

// A complaint about the node at `mark`.
struct ConfigError : std::runtime_error {
  ConfigError(const YAML::Mark& mark, const std::string& what)
      : std::runtime_error(what), line(mark.is_null() ? 0 : mark.line + 1) {}
  int line;  // 1-based, 0 when unknown
};

std::string located(const std::string& path, int line, const std::string& m) {
  return path + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " +
         m;
}

std::string cwd() {
  char buf[PATH_MAX];
  return ::getcwd(buf, sizeof buf) != nullptr ? std::string(buf)
                                              : std::string(".");
}

std::string absolute(const std::string& path, const std::string& dir) {
  if (!path.empty() && path[0] == '/') return path;
  return dir == "/" ? "/" + path : dir + "/" + path;
}

// `path` made relative to `dir` (both absolute, no "." or ".." segments
// other than a leading "./"), or "" when it is not below it.
std::string relative_to(std::string path, const std::string& dir) {
  while (path.compare(0, 2, "./") == 0) path.erase(0, 2);
  std::string out;
  const std::string prefix = dir == "/" ? "/" : dir + "/";
  if (path.compare(0, prefix.size(), prefix) != 0) return {};
  out = path.substr(prefix.size());
  std::string clean;
  std::size_t pos = 0;
  while (pos <= out.size()) {
    std::size_t slash = out.find('/', pos);
    if (slash == std::string::npos) slash = out.size();
    const std::string seg = out.substr(pos, slash - pos);
    if (!seg.empty() && seg != ".") clean += (clean.empty() ? "" : "/") + seg;
    pos = slash + 1;
  }
  return clean;
}

// The real path of an existing file, else `path` made absolute.
std::string resolved(const std::string& path) {
  if (char* real = ::realpath(path.c_str(), nullptr)) {
    std::string out = real;
    std::free(real);
    return out;
  }
  return absolute(path, cwd());
}

bool get_bool(const YAML::Node& v, const std::string& key) {
  try {
    return v.as<bool>();
  } catch (const YAML::Exception&) {
    throw ConfigError(v.Mark(), key + ": expected true or false");
  }
}

std::string get_string(const YAML::Node& v, const std::string& key) {
  if (!v.IsScalar()) throw ConfigError(v.Mark(), key + ": expected a string");
  return v.as<std::string>();
}

double get_confidence(const YAML::Node& v, const std::string& key) {
  double x = -1;
  try {
    x = v.as<double>();
  } catch (const YAML::Exception&) {
    throw ConfigError(v.Mark(), key + ": expected a number from 0 to 1");
  }
  if (!(x >= 0.0 && x <= 1.0))
    throw ConfigError(v.Mark(), key + ": expected a number from 0 to 1, got " +
                                    v.as<std::string>());
  return x;
}

// A list of strings; a single string is a list of one.
std::vector<std::string> get_list(const YAML::Node& v, const std::string& key) {
  std::vector<std::string> out;
  if (v.IsScalar()) {
    out.push_back(v.as<std::string>());
  } else if (v.IsSequence()) {
    for (const YAML::Node& item : v) out.push_back(get_string(item, key));
  } else {
    throw ConfigError(v.Mark(), key + ": expected a list of strings");
  }
  return out;
}

std::string get_format(const YAML::Node& v, const std::string& key) {
  std::string f = get_string(v, key);
  if (f != "auto" && f != "markdown" && f != "html" && f != "text")
    throw ConfigError(v.Mark(), key +
                                    ": expected auto, markdown, html or "
                                    "text, got '" +
                                    f + "'");
  return f;
}

// Reads a per-file key into `s`; false when `key` is not one.
bool file_key(const std::string& key, const YAML::Node& v, FileSettings& s) {
  if (key == "min_confidence") {
    s.min_confidence = get_confidence(v, key);
  } else if (key == "format_in") {
    s.format_in = get_format(v, key);
  } else if (key == "rewrite_attributes") {
    s.rewrite_attributes = get_bool(v, key);
  } else if (key == "inline_config") {
    s.inline_config = get_bool(v, key);
  } else {
    return false;
  }
  return true;
}

void read_override(const YAML::Node& node, ConfigOverride& o) {
  if (!node.IsMap())
    throw ConfigError(node.Mark(), "overrides: each entry must be a map");
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    if (key == "files") {
      o.files = get_list(kv.second, "overrides.files");
    } else if (!file_key(key, kv.second, o.settings)) {
      throw ConfigError(kv.first.Mark(),
                        "overrides: unknown key '" + key +
                            "' (per path: files, min_confidence, format_in, "
                            "rewrite_attributes, inline_config)");
    }
  }
  if (o.files.empty())
    throw ConfigError(node.Mark(), "overrides: an entry needs 'files'");
}

void read_config(const YAML::Node& root, Config& c) {
  if (root.IsNull()) return;  // an empty file
  if (!root.IsMap())
    throw ConfigError(root.Mark(), "expected a map of settings");
  const auto paths = [&](const YAML::Node& v, const std::string& key) {
    std::vector<std::string> out = get_list(v, key);
    for (std::string& p : out) p = absolute(p, c.dir);
    return out;
  };
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    if (key == "dictionaries") {
      c.dictionaries = paths(v, key);
    } else if (key == "builtin") {
      c.builtin = get_bool(v, key);
    } else if (key == "allow") {
      c.allow = paths(v, key);
    } else if (key == "domains") {
      c.domains = get_list(v, key);
    } else if (key == "discover") {
      c.discover = get_bool(v, key);
    } else if (key == "discover_general") {
      c.discover_general = get_bool(v, key);
    } else if (key == "include") {
      c.include = get_list(v, key);
    } else if (key == "exclude") {
      c.exclude = get_list(v, key);
    } else if (key == "hidden") {
      c.hidden = get_bool(v, key);
    } else if (key == "ignore_files") {
      c.ignore_files = get_bool(v, key);
    } else if (key == "overrides") {
      if (!v.IsSequence())
        throw ConfigError(v.Mark(), "overrides: expected a list");
      for (const YAML::Node& item : v) {
        ConfigOverride o;
        read_override(item, o);
        c.overrides.push_back(std::move(o));
      }
    } else if (!file_key(key, v, c.file)) {
      throw ConfigError(kv.first.Mark(), "unknown key '" + key + "'");
    }
  }
}

void merge(const FileSettings& from, FileSettings& into) {
  if (from.min_confidence) into.min_confidence = from.min_confidence;
  if (from.format_in) into.format_in = from.format_in;
  if (from.rewrite_attributes)
    into.rewrite_attributes = from.rewrite_attributes;
  if (from.inline_config) into.inline_config = from.inline_config;
}

}  // namespace

const std::vector<std::string>& config_file_names() {
  static const std::vector<std::string> names = {".unspin.yml", ".unspin.yaml"};
  return names;
}

std::string find_config() {
  std::string dir = cwd();
  for (int depth = 0; depth < 256; ++depth) {
    for (const std::string& name : config_file_names()) {
      std::string path = (dir == "/" ? "" : dir) + "/" + name;
      struct stat st;
      if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return path;
    }
    if (dir == "/" || dir.empty()) break;
    const std::size_t slash = dir.rfind('/');
    dir = slash == 0 ? "/" : dir.substr(0, slash);
  }
  return {};
}

bool load_config(const std::string& path, Config& out, std::string& error) {
  out = Config();
  out.path = path;
  const std::string abs = resolved(path);
  const std::size_t slash = abs.rfind('/');
  out.dir = slash == 0 ? "/" : abs.substr(0, slash);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    error = path + ": no such file";
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    error = path + ": not a regular file";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot be read";
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  try {
    read_config(YAML::Load(text.str()), out);
  } catch (const ConfigError& e) {
    error = located(path, e.line, e.what());
    return false;
  } catch (const YAML::Exception& e) {
    error = located(path, e.mark.is_null() ? 0 : e.mark.line + 1, e.msg);
    return false;
  }
  return true;
}

FileSettings Config::settings_for(const std::string& path) const {
  FileSettings s = file;
  if (overrides.empty()) return s;
  const std::string rel = relative_to(resolved(path), dir);
  if (rel.empty()) return s;
  for (const ConfigOverride& o : overrides)
    for (const std::string& glob : o.files)
      if (path_glob_match(glob, rel, false)) {
        merge(o.settings, s);
        break;
      }
  return s;
}

}  // namespace unspin_cli
