// unspin cleanup: data directory discovery (flag, environment, build tree,
// relative to the executable, install dir).
#include "data_dir.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

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

}  // namespace

bool is_data_dir(const std::string& dir) {
  return !dir.empty() && is_directory(dir + "/dictionaries/en");
}

std::vector<std::string> data_dir_candidates(const std::string& flag_value) {
  std::vector<std::string> out;
  if (!flag_value.empty()) out.push_back(flag_value);
  if (const char* env = std::getenv("UNSPIN_DATA_DIR"); env && *env) {
    out.push_back(env);
  }
#ifdef UNSPIN_BUILD_DATA_DIR
  // Only a build tree that still exists: an installed binary must not
  // depend on (or be confused by) the directory it was built in.
  if (is_directory(UNSPIN_BUILD_DATA_DIR)) out.push_back(UNSPIN_BUILD_DATA_DIR);
#endif
  if (std::string exe_dir = executable_dir(); !exe_dir.empty()) {
    out.push_back(
        fs::path(exe_dir + "/../share/unspin").lexically_normal().string());
  }
#ifdef UNSPIN_INSTALL_DATA_DIR
  out.push_back(UNSPIN_INSTALL_DATA_DIR);
#endif
  return out;
}

std::string find_data_dir(const std::string& flag_value,
                          std::vector<std::string>* searched) {
  for (const std::string& dir : data_dir_candidates(flag_value)) {
    if (searched) searched->push_back(dir);
    if (is_data_dir(dir)) return dir;
  }
  return {};
}

}  // namespace unspin_cli
