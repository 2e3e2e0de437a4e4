// unspin: options_from_data_dir(): the shipped data directory (tables,
// morphology, discovery data) as Options. Path search stays with the caller.
#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <system_error>
#include <vector>

#include "unspin/unspin.hpp"

namespace unspin {
namespace {

namespace fs = std::filesystem;

bool is_regular_file(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

// Appends every dictionaries/en/*.tsv, sorted by file name so that later
// tables (which may switch entries off) apply in a stable, documented order.
Status add_tables(const std::string& dir, Options& options) {
  const std::string en = dir + "/dictionaries/en";
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(en, ec), end; !ec && it != end;
       it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() == ".tsv" && is_regular_file(p.string()))
      names.push_back(p.filename().string());
  }
  if (ec) return Status(ErrorCode::kIoError, en + ": " + ec.message());
  std::sort(names.begin(), names.end());
  for (const std::string& name : names)
    options.tables.push_back(
        DataSource::from_file(en + "/" + name, "en/" + name));
  return Status::ok_status();
}

}  // namespace

Result<Options> options_from_data_dir(const std::string& dir,
                                      const DataDirOptions& what) {
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec))
    return Status(ErrorCode::kIoError,
                  (dir.empty() ? std::string("(empty path)") : dir) +
                      ": not a directory");
  Options options;
  if (what.tables) {
    if (Status st = add_tables(dir, options); !st.ok()) return st;
  }
  const std::string irregular =
      dir + "/dictionaries/morphology/en_irregular.tsv";
  if (is_regular_file(irregular))
    options.irregular_forms =
        DataSource::from_file(irregular, "morphology/en_irregular.tsv");
  const std::string aff = dir + "/hunspell/en_US.aff";
  const std::string dic = dir + "/hunspell/en_US.dic";
  if (is_regular_file(aff) && is_regular_file(dic)) {
    options.hunspell_aff = aff;
    options.hunspell_dic = dic;
    const std::string paradigms = dir + "/hunspell/en_US.paradigms";
    if (is_regular_file(paradigms))
      options.morphology_cache =
          DataSource::from_file(paradigms, "hunspell/en_US.paradigms");
  }
  if (what.discovery) {
    const std::string lm = dir + "/lm/en-us.lmc";
    if (!is_regular_file(lm))
      return Status(ErrorCode::kIoError, lm + ": missing");
    options.language_model = DataSource::from_file(lm, "lm/en-us.lmc");
    const std::string th = dir + "/lm/thesaurus.tsv";
    if (is_regular_file(th))
      options.thesaurus = DataSource::from_file(th, "lm/thesaurus.tsv");
  }
  if (what.general_discovery) {
    GeneralDiscoveryFiles g;
    g.counts = dir + "/lm/general.ngc";
    g.graph = dir + "/lm/graph.bin";
    const std::string cal = dir + "/dictionaries/general/calibration.tsv";
    for (const std::string* path :
         std::initializer_list<const std::string*>{&g.counts, &g.graph, &cal})
      if (!is_regular_file(*path))
        return Status(ErrorCode::kIoError, *path + ": missing");
    g.calibration =
        DataSource::from_file(cal, "dictionaries/general/calibration.tsv");
    options.general_discovery = std::move(g);
  }
  return options;
}

}  // namespace unspin
