// unspin cleanup: data directory discovery (flag, environment, the
// program's install prefix, its build tree, the configured install dir).
#include "data_dir.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

#ifndef UNSPIN_BUILD_ROOT
#define UNSPIN_BUILD_ROOT ""
#endif
#ifndef UNSPIN_BUILD_DATA_DIR
#define UNSPIN_BUILD_DATA_DIR ""
#endif
#ifndef UNSPIN_BIN_TO_DATA_DIR
#define UNSPIN_BIN_TO_DATA_DIR ""
#endif
#ifndef UNSPIN_INSTALL_DATA_DIR
#define UNSPIN_INSTALL_DATA_DIR ""
#endif

namespace unspin_cli {
namespace {

bool is_directory(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// Directory of the running executable, from /proc/self/exe ("" if unknown).
std::string executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) return {};
  return exe.parent_path().string();
}

// True when `dir` is `root` or lies below it (both made canonical, so that
// symbolic links in either do not matter).
bool is_within(const std::string& dir, const std::string& root) {
  if (dir.empty() || root.empty()) return false;
  std::error_code ec;
  const fs::path d = fs::weakly_canonical(dir, ec);
  if (ec) return false;
  const fs::path r = fs::weakly_canonical(root, ec);
  if (ec) return false;
  auto di = d.begin();
  for (auto ri = r.begin(); ri != r.end(); ++ri, ++di) {
    if (ri->empty()) continue;  // a trailing separator
    if (di == d.end() || *di != *ri) return false;
  }
  return true;
}

bool same_directory(const std::string& a, const std::string& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec) && !ec;
}

}  // namespace

bool is_data_dir(const std::string& dir) {
  return !dir.empty() && is_directory(dir + "/dictionaries/en");
}

DataDirChoice choose_data_dir(const std::string& flag_value) {
  DataDirChoice c;
  // An explicit directory is used or refused, never skipped: a typo must
  // not silently fall back to other data.
  auto explicit_dir = [&c](const std::string& dir, DataDirOrigin origin,
                           const std::string& what) {
    c.searched.push_back(dir);
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
      c.error = what + dir + ": no such directory";
    } else if (!is_directory(dir)) {
      c.error = what + dir + ": not a directory";
    } else if (!is_data_dir(dir)) {
      c.error =
          what + dir + ": not an unspin data directory (no dictionaries/en)";
    } else {
      c.dir = dir;
      c.origin = origin;
    }
    return c;
  };
  if (!flag_value.empty())
    return explicit_dir(flag_value, DataDirOrigin::kFlag, "--data-dir ");
  if (const char* env = std::getenv("UNSPIN_DATA_DIR"); env && *env)
    return explicit_dir(env, DataDirOrigin::kEnvironment, "UNSPIN_DATA_DIR=");

  const std::string exe_dir = executable_dir();
  const std::string build_data = UNSPIN_BUILD_DATA_DIR;
  // An installed program reads the data of its own prefix, wherever it was
  // installed to (cmake --install --prefix, DESTDIR, a moved tree), even
  // when its build tree still exists.
  if (!exe_dir.empty() && *UNSPIN_BIN_TO_DATA_DIR) {
    std::string beside = (fs::path(exe_dir) / UNSPIN_BIN_TO_DATA_DIR)
                             .lexically_normal()
                             .string();
    c.searched.push_back(beside);
    if (is_data_dir(beside)) {
      c.dir = beside;
      // Programs built next to the build tree's share/ (the benches) find
      // the build tree's data this way.
      c.origin = same_directory(beside, build_data) ? DataDirOrigin::kBuildTree
                                                    : DataDirOrigin::kInstalled;
      return c;
    }
  }
  // A program run from its build tree reads the build tree's data and
  // nothing else (not an older installed copy).
  if (is_within(exe_dir, UNSPIN_BUILD_ROOT)) {
    c.searched.push_back(build_data);
    if (is_data_dir(build_data)) {
      c.dir = build_data;
      c.origin = DataDirOrigin::kBuildTree;
    }
    return c;
  }
  if (*UNSPIN_INSTALL_DATA_DIR) {
    c.searched.push_back(UNSPIN_INSTALL_DATA_DIR);
    if (is_data_dir(UNSPIN_INSTALL_DATA_DIR)) {
      c.dir = UNSPIN_INSTALL_DATA_DIR;
      c.origin = DataDirOrigin::kPrefix;
    }
  }
  return c;
}

std::string describe_origin(const DataDirChoice& choice) {
  switch (choice.origin) {
    case DataDirOrigin::kFlag:
      return "from --data-dir";
    case DataDirOrigin::kEnvironment:
      return "from UNSPIN_DATA_DIR";
    case DataDirOrigin::kBuildTree:
      return "the build tree of this program";
    case DataDirOrigin::kInstalled:
      return "the install prefix of this program";
    case DataDirOrigin::kPrefix:
      return "the install prefix configured at build time";
    case DataDirOrigin::kNone:
      break;
  }
  return "none found";
}

std::string find_data_dir(const std::string& flag_value,
                          std::vector<std::string>* searched) {
  DataDirChoice c = choose_data_dir(flag_value);
  if (searched) *searched = c.searched;
  return c.dir;
}

}  // namespace unspin_cli
