// unspin: phrase tables: parsing the TSV format of dictionaries/README.md,
// allowlists, and combining several tables.
#include "table.hpp"

#include <sys/stat.h>

#include <boost/algorithm/string/classification.hpp>
#include <boost/algorithm/string/split.hpp>
#include <boost/algorithm/string/trim.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "text.hpp"

namespace unspin::detail {
namespace {

Status parse_error(const std::string& name, std::size_t line,
                   const std::string& message) {
  return Status(ErrorCode::kParseError,
                name + ":" + std::to_string(line) + ": " + message);
}

// Calls fn(line_number, line) for each line until fn fails.
template <class Fn>
Status for_each_line(std::string_view text, Fn fn) {
  std::size_t line_no = 0;
  for (std::string_view line : split_lines(text)) {
    Status s = fn(++line_no, line);
    if (!s.ok()) return s;
  }
  return Status::ok_status();
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool valid_tag(std::string_view t) {
  if (t.empty()) return false;
  for (char c : t) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '-';
    if (!ok) return false;
  }
  return true;
}

Status parse_terms(std::string_view list, std::vector<std::string>& out,
                   const std::string& name, std::size_t line,
                   std::string_view clause) {
  std::vector<std::string> parts;
  boost::algorithm::split(parts, list, boost::algorithm::is_any_of("|"));
  for (std::string& p : parts) {
    std::string term = collapse_spaces(boost::algorithm::trim_copy(p));
    if (term.empty())
      return parse_error(
          name, line,
          "empty term in context clause '" + printable(clause) + "'");
    out.push_back(std::move(term));
  }
  return Status::ok_status();
}

Status parse_context(std::string_view field, Entry& e, const std::string& name,
                     std::size_t line) {
  std::vector<std::string> clauses;
  boost::algorithm::split(clauses, field, boost::algorithm::is_any_of(";"));
  for (std::string& raw : clauses) {
    std::string clause = boost::algorithm::trim_copy(raw);
    if (clause.empty()) continue;
    std::size_t eq = clause.find('=');
    std::string key = eq == std::string::npos ? clause : clause.substr(0, eq);
    boost::algorithm::trim(key);
    std::string_view value = eq == std::string::npos
                                 ? std::string_view()
                                 : std::string_view(clause).substr(eq + 1);
    if (key == "requires") {
      std::vector<std::string> group;
      Status s = parse_terms(value, group, name, line, clause);
      if (!s.ok()) return s;
      e.requires_any.insert(e.requires_any.end(), group.begin(), group.end());
      e.requires_groups.push_back(std::move(group));
    } else if (key == "excludes") {
      Status s = parse_terms(value, e.excludes_any, name, line, clause);
      if (!s.ok()) return s;
    } else if (key == "exact" && eq == std::string::npos) {
      e.exact = true;
    } else if (key == "near") {
      // near=N:TERM|TERM
      std::size_t colon = value.find(':');
      std::string_view count = value.substr(0, colon);
      std::size_t n = 0;
      bool ok = colon != std::string_view::npos && !count.empty() &&
                count.size() <= 3;
      for (char c : count) {
        ok = ok && c >= '0' && c <= '9';
        n = n * 10 + static_cast<std::size_t>(c - '0');
      }
      if (!ok || n == 0)
        return parse_error(name, line,
                           "context clause '" + printable(clause) +
                               "' must read near=N:TERM|TERM with N in 1..999");
      Entry::Near near;
      near.words = n;
      Status s =
          parse_terms(value.substr(colon + 1), near.terms, name, line, clause);
      if (!s.ok()) return s;
      e.near.push_back(std::move(near));
    } else {
      return parse_error(
          name, line,
          "unknown context clause '" + printable(clause) +
              "' (expected requires=, excludes=, near= or exact)");
    }
  }
  return Status::ok_status();
}

Status parse_prior(std::string_view field, double& prior,
                   const std::string& name, std::size_t line) {
  std::string f = boost::algorithm::trim_copy(std::string(field));
  if (f.empty()) {
    prior = kDefaultPrior;
    return Status::ok_status();
  }
  // std::from_chars for double is missing in GCC 10 and locale-dependent
  // strtod is not acceptable for data files: parse "0.xx" / "1" by hand.
  double value = 0;
  double scale = 1;
  bool dot = false;
  bool digits = false;
  for (char c : f) {
    if (c == '.' && !dot) {
      dot = true;
    } else if (c >= '0' && c <= '9') {
      digits = true;
      if (dot) {
        scale /= 10;
        value += (c - '0') * scale;
      } else {
        value = value * 10 + (c - '0');
      }
    } else {
      digits = false;
      break;
    }
  }
  if (!digits || !(value > 0 && value <= 1))
    return parse_error(
        name, line, "prior '" + printable(f) + "' is not a number in (0, 1]");
  prior = value;
  return Status::ok_status();
}

}  // namespace

namespace {

// False when two phrases cannot have equal match_tokens(): both ASCII with
// different letters and digits (lowercased). Every ASCII letter and digit
// belongs to a word, and ASCII words compare lowercased, so this is a
// necessary condition; it spares start-up the tokenizing of ~8,000 entries.
bool may_match_alike(std::string_view a, std::string_view b) {
  auto ascii = [](std::string_view s) {
    for (char c : s)
      if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
  };
  if (!ascii(a) || !ascii(b)) return true;
  auto alnum = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
  };
  std::size_t i = 0;
  std::size_t j = 0;
  for (;;) {
    while (i < a.size() && !alnum(a[i])) ++i;
    while (j < b.size() && !alnum(b[j])) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[j])))
      return false;
    ++i;
    ++j;
  }
}

}  // namespace

Status check_word_lengths(std::string_view phrase, const std::string& name,
                          std::size_t line) {
  // Alternatives ('|') and tags or context terms (',') separate words too.
  auto separates = [](char c) {
    return c == ' ' || c == '\t' || c == '|' || c == ',';
  };
  std::size_t run = 0;
  for (std::size_t at = 0; at < phrase.size(); ++at) {
    run = separates(phrase[at]) ? 0 : run + 1;
    if (run > kMaxWordBytes) {
      std::size_t len = run;
      for (std::size_t i = at + 1; i < phrase.size() && !separates(phrase[i]);
           ++i)
        ++len;
      return parse_error(name, line,
                         "words longer than " + std::to_string(kMaxWordBytes) +
                             " bytes are not supported (found one of " +
                             std::to_string(len) + " bytes)");
    }
  }
  return Status::ok_status();
}

bool is_comment_or_blank(std::string_view line) {
  for (char c : line) {
    if (c == ' ' || c == '\t') continue;
    return c == '#';
  }
  return true;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return lines;
}

Result<Table> parse_table(std::string_view text, const std::string& name) {
  Table table;
  text = strip_bom(text);  // editors on Windows write one
  std::size_t bad = find_invalid_utf8(text);
  if (bad != std::string_view::npos) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < bad; ++i) line += text[i] == '\n';
    return parse_error(name, line, describe_invalid_utf8(text, bad));
  }
  std::vector<boost::iterator_range<std::string_view::const_iterator>> ranges;
  std::vector<std::string_view> fields;
  Status st = for_each_line(
      text, [&](std::size_t line_no, std::string_view line) -> Status {
        if (is_comment_or_blank(line)) return Status::ok_status();
        // Every field's words at once: a context term or a canonical phrase
        // is looked up like a spun one.
        Status words = check_word_lengths(line, name, line_no);
        if (!words.ok()) return words;
        // Fields as views into the line: no copies for the ~10k lines of the
        // shipped tables (this loop is part of every start-up).
        fields.clear();
        boost::algorithm::split(ranges, line, [](char c) { return c == '\t'; });
        for (const auto& r : ranges)
          fields.emplace_back(r.begin(), static_cast<std::size_t>(r.size()));
        if (fields.size() < 2 &&
            !(fields.size() == 1 && !fields[0].empty() && fields[0][0] == '!'))
          return parse_error(name, line_no,
                             "expected 2-5 tab-separated fields, found " +
                                 std::to_string(fields.size()));
        if (fields.size() > 5)
          return parse_error(name, line_no,
                             "expected 2-5 tab-separated fields, found " +
                                 std::to_string(fields.size()));
        std::string spun = collapse_spaces(fields[0]);
        if (!spun.empty() && spun[0] == '!') {
          SwitchOff off;
          off.spun = collapse_spaces(spun.substr(1));
          if (off.spun.empty())
            return parse_error(name, line_no, "empty phrase after '!'");
          if (fields.size() > 1) off.canonical = collapse_spaces(fields[1]);
          table.switch_offs.push_back(std::move(off));
          return Status::ok_status();
        }
        if (spun.empty())
          return parse_error(name, line_no, "empty spun phrase");
        Entry e;
        e.spun = std::move(spun);
        e.table = name;
        e.line = line_no;
        std::string canonical = collapse_spaces(fields[1]);
        if (canonical.empty())
          return parse_error(name, line_no, "empty canonical phrase");
        if (canonical == "?") {
          e.unknown = true;
        } else if (canonical == "<delete>") {
          e.deletion = true;
        } else {
          std::vector<std::string> alts;
          boost::algorithm::split(alts, canonical,
                                  boost::algorithm::is_any_of("|"));
          for (std::string& a : alts) {
            std::string alt = collapse_spaces(boost::algorithm::trim_copy(a));
            if (alt.empty())
              return parse_error(
                  name, line_no,
                  "empty alternative in '" + printable(canonical) + "'");
            e.canonicals.push_back(std::move(alt));
          }
          // An identity would flag text that already reads as the canonical,
          // offering itself as the fix (README: such a span is never flagged).
          // Compared as the matcher compares them: case, NFKC, hyphens and
          // whitespace between words aside.
          std::optional<std::vector<std::string>> spun_key;
          for (const std::string& alt : e.canonicals) {
            if (!may_match_alike(e.spun, alt)) continue;
            if (!spun_key) spun_key = match_tokens(e.spun);
            if (match_tokens(alt) == *spun_key)
              return parse_error(name, line_no,
                                 "the canonical side equals the spun side ('" +
                                     printable(alt) +
                                     "'); remove the line or the "
                                     "alternative");
          }
        }
        if (fields.size() > 2) {
          Status s = parse_prior(fields[2], e.prior, name, line_no);
          if (!s.ok()) return s;
        }
        if (fields.size() > 3 &&
            !boost::algorithm::trim_copy(std::string(fields[3])).empty()) {
          std::vector<std::string> tags;
          boost::algorithm::split(tags, fields[3],
                                  boost::algorithm::is_any_of(","));
          for (std::string& t : tags) {
            boost::algorithm::trim(t);
            if (!valid_tag(t))
              return parse_error(
                  name, line_no,
                  "invalid tag '" + printable(t) + "' (use [a-z0-9_-]+)");
            e.tags.push_back(t);
          }
        }
        if (fields.size() > 4) {
          Status s = parse_context(fields[4], e, name, line_no);
          if (!s.ok()) return s;
        }
        table.entries.push_back(std::move(e));
        return Status::ok_status();
      });
  if (!st.ok()) return st;
  return table;
}

Result<std::vector<std::string>> parse_allowlist(std::string_view text,
                                                 const std::string& name) {
  text = strip_bom(text);
  std::size_t bad = find_invalid_utf8(text);
  if (bad != std::string_view::npos) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < bad; ++i) line += text[i] == '\n';
    return parse_error(name, line, describe_invalid_utf8(text, bad));
  }
  std::vector<std::string> phrases;
  Status st = for_each_line(
      text, [&](std::size_t line_no, std::string_view line) -> Status {
        if (is_comment_or_blank(line)) return Status::ok_status();
        if (line.find('\t') != std::string_view::npos)
          return parse_error(name, line_no,
                             "an allowlist line holds one phrase and no TAB");
        Status words = check_word_lengths(line, name, line_no);
        if (!words.ok()) return words;
        phrases.push_back(collapse_spaces(line));
        return Status::ok_status();
      });
  if (!st.ok()) return st;
  return phrases;
}

std::string source_name(const DataSource& source) {
  if (!source.name.empty()) return source.name;
  std::size_t slash = source.path.find_last_of('/');
  return slash == std::string::npos ? source.path
                                    : source.path.substr(slash + 1);
}

Result<std::string> read_source(const DataSource& source) {
  if (source.in_memory) return source.text;
  struct stat st {};
  if (::stat(source.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    return Status(ErrorCode::kIoError, source.path + ": is a directory");
  std::ifstream in(source.path, std::ios::binary);
  if (!in)
    return Status(ErrorCode::kIoError,
                  source.path + ": cannot open: " + std::strerror(errno));
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad())
    return Status(ErrorCode::kIoError, source.path + ": read error");
  return buf.str();
}

std::vector<Entry> combine_tables(std::vector<Table> tables) {
  std::vector<Entry> all;
  for (Table& t : tables) {
    for (const SwitchOff& off : t.switch_offs) {
      std::vector<Entry> kept;
      kept.reserve(all.size());
      for (Entry& e : all) {
        bool same_spun = ascii_lower(e.spun) == ascii_lower(off.spun);
        bool same_canonical =
            off.canonical.empty() ||
            (!e.canonicals.empty() && e.canonicals.front() == off.canonical) ||
            (e.unknown && off.canonical == "?") ||
            (e.deletion && off.canonical == "<delete>");
        if (!(same_spun && same_canonical)) kept.push_back(std::move(e));
      }
      all = std::move(kept);
    }
    for (Entry& e : t.entries) all.push_back(std::move(e));
  }
  return all;
}

}  // namespace unspin::detail
