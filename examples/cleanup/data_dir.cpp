// unspin cleanup: data directory discovery (flag, environment, build tree,
// relative to the executable, install dir) and Options filling.
#include "data_dir.hpp"

#include <unistd.h>

#include <algorithm>
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

bool is_regular_file(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
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

unspin::Status add_data_dir(const std::string& dir, bool with_tables,
                            unspin::Options& options) {
  if (with_tables) {
    const std::string en = dir + "/dictionaries/en";
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(en, ec), end; !ec && it != end;
         it.increment(ec)) {
      const fs::path& p = it->path();
      if (p.extension() == ".tsv" && is_regular_file(p.string())) {
        names.push_back(p.filename().string());
      }
    }
    if (ec) {
      return unspin::Status(unspin::ErrorCode::kIoError,
                            en + ": " + ec.message());
    }
    // Sorted so that later tables (which may switch entries off) are
    // applied in a stable, documented order.
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      options.tables.push_back(
          unspin::DataSource::File(en + "/" + name, "en/" + name));
    }
  }
  const std::string irregular =
      dir + "/dictionaries/morphology/en_irregular.tsv";
  if (is_regular_file(irregular)) {
    options.irregular_forms.push_back(
        unspin::DataSource::File(irregular, "morphology/en_irregular.tsv"));
  }
  const std::string aff = dir + "/hunspell/en_US.aff";
  const std::string dic = dir + "/hunspell/en_US.dic";
  if (is_regular_file(aff) && is_regular_file(dic)) {
    options.hunspell_aff = aff;
    options.hunspell_dic = dic;
    const std::string paradigms = dir + "/hunspell/en_US.paradigms";
    if (is_regular_file(paradigms)) {
      options.morphology_cache.push_back(
          unspin::DataSource::File(paradigms, "hunspell/en_US.paradigms"));
    }
  }
  return unspin::Status::Ok();
}

unspin::Status add_discovery_data(const std::string& dir,
                                  unspin::Options& options) {
  const std::string lm = dir + "/lm/en-us.lmc";
  if (dir.empty() || !is_regular_file(lm)) {
    return unspin::Status(
        unspin::ErrorCode::kIoError,
        (dir.empty() ? std::string("no data directory") : lm + ": missing") +
            "; --discover needs the language model built with the default "
            "CMake option UNSPIN_WITH_DISCOVERY=ON (apt packages "
            "libsphinxbase-dev, pocketsphinx-en-us, mythes-en-us)");
  }
  options.language_model.push_back(unspin::DataSource::File(lm, "lm/en-us.lmc"));
  const std::string th = dir + "/lm/thesaurus.tsv";
  if (is_regular_file(th)) {
    options.thesaurus.push_back(unspin::DataSource::File(th, "lm/thesaurus.tsv"));
  }
  return unspin::Status::Ok();
}

}  // namespace unspin_cli
