// unspin dictionary tools: the Importer (pairs -> phrase table) and
// import_table(), which checks the input and dispatches on the format.
#include "dict/importer.hpp"

#include <optional>
#include <unordered_map>
#include <utility>

#include "dict/forms.hpp"
#include "dict/regex_expand.hpp"
#include "dict/text_util.hpp"
#include "strings.hpp"
#include "table.hpp"
#include "text.hpp"

namespace unspin {
namespace detail::dict {

void Importer::skip(std::size_t line, const std::string& why) {
  // one_line: a key from a YAML block scalar may hold line breaks.
  skipped_.push_back(name_ + ":" + std::to_string(line) + ": skipped " +
                     one_line(why));
}

void Importer::add(std::size_t line, std::string_view spun_in,
                   std::string_view canonical_in) {
  std::string spun = nfc(collapse_whitespace(lower(spun_in)));
  std::string canonical = nfc(collapse_whitespace(canonical_in));
  if (spun.empty() || canonical.empty()) {
    skip(line, "an empty phrase or replacement");
    return;
  }
  // The loader refuses words over kMaxWordBytes (table.cpp): skip the
  // pair rather than write a table that does not load.
  if (!check_word_lengths(spun, name_, line).ok() ||
      !check_word_lengths(canonical, name_, line).ok()) {
    skip(line, excerpt(spun) + ": a word longer than " +
                   std::to_string(kMaxWordBytes) +
                   " bytes (tables hold shorter words)");
    return;
  }
  if (spun.find('\t') != std::string::npos || spun[0] == '!' ||
      spun[0] == '#') {
    skip(line, quote(spun) + ": cannot be written in a table");
    return;
  }
  std::vector<std::string> alts;
  std::size_t start = 0;
  while (true) {
    std::size_t bar = canonical.find('|', start);
    std::string a(trim_blanks(std::string_view(canonical).substr(
        start, bar == std::string::npos ? std::string::npos : bar - start)));
    if (!a.empty() && a.find('\t') == std::string::npos) alts.push_back(a);
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  auto& mine = entries_[spun];
  // The loader refuses an alternative that matches as the spun phrase
  // does (table.cpp); compared the same way here.
  const std::vector<std::string> spun_key = match_tokens(spun);
  for (std::string& a : alts) {
    if (match_tokens(a) == spun_key) {
      skip(line, quote(spun) + " -> " + quote(a) +
                     ": only changes case, hyphens or spacing (matching "
                     "ignores them)");
      continue;
    }
    if (mine.seen.insert(a).second) mine.alts.push_back(std::move(a));
  }
  if (mine.alts.empty()) entries_.erase(spun);
}

void Importer::add_expanded(std::size_t line, const std::string& key,
                            const std::string& canonical) {
  std::string why;
  std::optional<std::vector<std::string>> phrases = expand_regex(key, &why);
  if (!phrases) {
    skip(line, "regular expression " + excerpt(key) + ": " + why);
    return;
  }
  // "gangs?" is "gang" and "gangs": each gets the replacement in its number.
  std::vector<std::pair<std::size_t, std::string>> all;
  for (std::string& p : *phrases) all.emplace_back(line, std::move(p));
  add_alternatives(line, all, canonical, "regular expression " + excerpt(key));
}

void Importer::add_alternatives(
    std::size_t line,
    const std::vector<std::pair<std::size_t, std::string>>& phrases,
    const std::string& canonical, const std::string& what) {
  if (phrases.size() <= 1) {
    for (const auto& [at, p] : phrases) add(at, p, canonical);
    return;
  }
  std::vector<std::string> texts;
  // agree_forms() answers with its own spelling of each phrase.
  std::unordered_map<std::string, std::size_t> line_of;
  for (const auto& [at, p] : phrases) {
    texts.push_back(p);
    line_of.emplace(collapse_whitespace(lower(p)), at);
  }
  std::string why;
  std::optional<std::vector<AgreedPair>> agreed =
      agree_forms(texts, canonical, &why);
  if (!agreed) {
    skip(line, what + ": " + why);
    return;
  }
  for (const AgreedPair& a : *agreed) {
    auto it = line_of.find(a.spun);
    add(it == line_of.end() ? line : it->second, a.spun, a.canonical);
  }
}

ImportedTable Importer::finish(const std::string& what) const {
  ImportedTable t;
  t.skipped = skipped_;
  t.tsv = "# Imported by unspin (cleanup dict import) from " + name_ + " (" +
          what +
          ").\n# prior 0.8 (the default), tag \"imported\": review "
          "the priors before relying on them.\n";
  for (const auto& [spun, mine] : entries_) {  // std::map: byte order
    std::string canonical;
    for (const std::string& a : mine.alts)
      canonical += (canonical.empty() ? "" : "|") + a;
    t.tsv += spun + "\t" + canonical + "\t0.8\timported\n";
    ++t.entries;
  }
  return t;
}

}  // namespace detail::dict

Result<ImportedTable> import_table(std::string_view format,
                                   std::string_view text,
                                   const std::string& name) {
  // A byte order mark (editors on Windows write one) is not content.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t bad = detail::find_invalid_utf8(text);
  if (bad != std::string_view::npos) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < bad; ++i) line += text[i] == '\n';
    return Status(ErrorCode::kInvalidUtf8,
                  name + ":" + std::to_string(line) + ": " +
                      detail::describe_invalid_utf8(text, bad));
  }
  Result<ImportedTable> r = Status(ErrorCode::kInvalidArgument, "");
  if (format == "vale") {
    r = detail::dict::import_vale(text, name);
  } else if (format == "prh") {
    r = detail::dict::import_prh(text, name);
  } else if (format == "languagetool") {
    r = detail::dict::import_languagetool(text, name);
  } else {
    return Status(ErrorCode::kInvalidArgument,
                  "unknown import format '" + std::string(format) +
                      "' (expected vale, prh or languagetool)");
  }
  if (!r.ok()) return r;
  // What we write must load.
  Result<detail::Table> check = detail::parse_table(r->tsv, name);
  if (!check.ok())
    return Status(ErrorCode::kInternal,
                  "imported table does not parse: " + check.status().message());
  return r;
}

}  // namespace unspin
