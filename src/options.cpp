// unspin: the DataSource factories and the checks of Options and
// ScanOptions (each bad value is reported naming its field).
#include "options.hpp"

#include <string>
#include <utility>

#include "table.hpp"

namespace unspin {

DataSource DataSource::from_file(std::string path, std::string name) {
  DataSource s;
  s.path = std::move(path);
  s.name = std::move(name);
  if (s.name.empty()) s.name = detail::source_name(s);
  return s;
}

DataSource DataSource::from_text(std::string name, std::string text) {
  DataSource s;
  s.name = std::move(name);
  s.text = std::move(text);
  s.in_memory = true;
  return s;
}

namespace detail {
namespace {

// NaN fails both comparisons, so it is out of range too.
bool in_unit_range(double v) { return v >= 0 && v <= 1; }

}  // namespace

Status validate(const Options& options) {
  if (!in_unit_range(options.min_confidence))
    return Status(ErrorCode::kInvalidArgument,
                  "Options::min_confidence must be in [0, 1]");
  if (options.hunspell_aff.empty() != options.hunspell_dic.empty())
    return Status(ErrorCode::kInvalidArgument,
                  "Options::hunspell_aff and Options::hunspell_dic must be "
                  "given together");
  for (const std::string& d : options.domains)
    if (d.empty())
      return Status(ErrorCode::kInvalidArgument,
                    "Options::domains holds an empty tag");
  if (options.thesaurus && !options.language_model)
    return Status(ErrorCode::kInvalidArgument,
                  "Options::thesaurus needs Options::language_model");
  return Status::ok_status();
}

Status validate(const ScanOptions& options) {
  if (options.min_confidence && !in_unit_range(*options.min_confidence))
    return Status(ErrorCode::kInvalidArgument,
                  "ScanOptions::min_confidence must be in [0, 1]");
  if (options.markup != Markup::kText && options.markup != Markup::kMarkdown &&
      options.markup != Markup::kHtml)
    return Status(ErrorCode::kInvalidArgument,
                  "ScanOptions::markup must be kText, kMarkdown or kHtml");
  return Status::ok_status();
}

}  // namespace detail
}  // namespace unspin
