// unspin: dictionary tooling: check_tables() (problems in phrase tables) and
// import_table() (Vale, textlint prh and LanguageTool lists to our TSV).
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "table.hpp"
#include "text.hpp"
#include "unspin/dict.hpp"

namespace unspin {
namespace {

using detail::Entry;

// ---------------------------------------------------------------------------
// Small text helpers.

std::string trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

// Single spaces for runs of ASCII whitespace (the table parser's trimming
// also removes \v and \f: an alternative of only those would be empty).
std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
        c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string lower(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  std::string out;
  u.toLower(icu::Locale::getRoot()).toUTF8String(out);
  return out;
}

// The key under which phrases compare: lowercase, hyphen = space, single
// spaces (the matcher treats a hyphen like a space).
std::string phrase_key(std::string_view s) {
  std::string t = lower(s);
  for (char& c : t)
    if (c == '-') c = ' ';
  return collapse(t);
}

std::string nfc(std::string_view s, bool* changed = nullptr) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (n->isNormalized(u, err) && U_SUCCESS(err)) {
    if (changed) *changed = false;
    return std::string(s);
  }
  err = U_ZERO_ERROR;
  icu::UnicodeString out = n->normalize(u, err);
  if (U_FAILURE(err)) return std::string(s);
  if (changed) *changed = true;
  std::string res;
  out.toUTF8String(res);
  return res;
}

// Calls fn(line_number, line) for every line, CR of CRLF removed.
template <class Fn>
void for_each_line(std::string_view text, Fn fn) {
  std::size_t line_no = 0;
  for (std::string_view line : detail::split_lines(text)) fn(++line_no, line);
}

std::string quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// quote() of at most the first 60 bytes (cut at a UTF-8 character), so a
// message about a huge key stays one readable line.
std::string excerpt(std::string_view s) {
  constexpr std::size_t kMax = 60;
  if (s.size() <= kMax) return quote(s);
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return quote(s.substr(0, cut)) + "... (" + std::to_string(s.size()) +
         " bytes)";
}

// ---------------------------------------------------------------------------
// check_tables

std::string canonical_text(const Entry& e) {
  if (e.unknown) return "?";
  if (e.deletion) return "<delete>";
  std::string out;
  for (const std::string& a : e.canonicals) {
    if (!out.empty()) out += '|';
    out += a;
  }
  return out;
}

std::string where(const Entry& e) {
  return e.table + ":" + std::to_string(e.line);
}

std::string describe(const Entry& e) {
  return quote(e.spun) + " -> " + quote(canonical_text(e));
}

std::string prior_text(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", p);
  return buf;
}

// A prior in (0, 1] as the table parser reads it back: a plain decimal
// (%g writes 0.00009 as "9e-05", which the parser refuses), six
// significant digits.
std::string decimal_prior(double p) {
  std::string out = prior_text(p);
  if (out.find('e') == std::string::npos) return out;
  const int digits = 6 - static_cast<int>(std::floor(std::log10(p)));
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", std::min(digits, 340), p);
  return buf;
}

// Entries with different context fire in different documents: they do not
// conflict. The key lists every clause, order-independent.
std::string context_key(const Entry& e) {
  auto terms = [](const std::vector<std::string>& ts) {
    std::vector<std::string> k;
    for (const std::string& t : ts) k.push_back(phrase_key(t));
    std::sort(k.begin(), k.end());
    std::string out;
    for (const std::string& t : k) out += t + "|";
    return out;
  };
  std::vector<std::string> clauses;
  for (const auto& g : e.requires_groups) clauses.push_back("r:" + terms(g));
  if (!e.excludes_any.empty()) clauses.push_back("x:" + terms(e.excludes_any));
  for (const Entry::Near& n : e.near)
    clauses.push_back("n" + std::to_string(n.words) + ":" + terms(n.terms));
  std::sort(clauses.begin(), clauses.end());
  std::string key;
  for (const std::string& c : clauses) key += c + ";";
  return key;
}

struct Checker {
  std::vector<TableProblem> problems;

  // An edge of the graph of spun phrases: `entry` replaces its spun phrase
  // with `alt`, the spun phrase of node `to`.
  struct Edge {
    std::size_t from;
    std::size_t to;
    const Entry* entry;
    const std::string* alt;
  };
  // A long cycle is shown as its first kCycleShown phrases, "...", and the
  // phrase it returns to; so are the locations of its entries.
  static constexpr std::size_t kCycleShown = 6;

  void add(const std::string& file, std::size_t line, Severity sev,
           ProblemKind kind, std::string message) {
    problems.push_back({file, line, sev, kind, std::move(message)});
  }

  // Line-level checks on the raw text: NFC and byte order of
  // (spun, canonical) as written.
  void raw_checks(const std::string& name, std::string_view text) {
    bool file_changed = false;
    nfc(text, &file_changed);
    bool reported_order = false;
    std::optional<std::pair<std::string, std::string>> prev;
    std::size_t prev_line = 0;
    for_each_line(text, [&](std::size_t no, std::string_view line) {
      if (detail::is_comment_or_blank(line)) return;
      if (file_changed) {
        bool changed = false;
        nfc(line, &changed);
        if (changed)
          add(name, no, Severity::kError, ProblemKind::kNotNfc,
              "line is not in Unicode NFC");
      }
      std::size_t tab = line.find('\t');
      std::string spun(line.substr(0, tab));
      if (!spun.empty() && spun[0] == '!') return;  // switch-off line
      std::string canon;
      if (tab != std::string_view::npos) {
        std::size_t tab2 = line.find('\t', tab + 1);
        canon = std::string(line.substr(tab + 1, tab2 == std::string_view::npos
                                                     ? std::string_view::npos
                                                     : tab2 - tab - 1));
      }
      std::pair<std::string, std::string> key(spun, canon);
      if (prev && key < *prev && !reported_order) {
        reported_order = true;
        add(name, no, Severity::kWarning, ProblemKind::kUnsorted,
            "not sorted by (spun, canonical) in byte order: " + quote(spun) +
                " comes after " + quote(prev->first) + " (line " +
                std::to_string(prev_line) + ")");
      }
      prev = std::move(key);
      prev_line = no;
    });
  }

  void duplicates_and_conflicts(const std::vector<Entry>& all) {
    // (spun key, canonical key) -> first entry
    std::map<std::pair<std::string, std::string>, const Entry*> pairs;
    // (spun key, context key) -> first entry
    std::map<std::pair<std::string, std::string>, const Entry*> spuns;
    for (const Entry& e : all) {
      std::string sk = phrase_key(e.spun);
      std::string ck = phrase_key(canonical_text(e));
      auto [it, fresh] = pairs.emplace(std::make_pair(sk, ck), &e);
      if (!fresh) {
        const Entry& first = *it->second;
        std::string msg =
            "duplicate of " + where(first) + " (" + describe(first) + ")";
        if (first.prior != e.prior)
          msg += " with a different prior (" + prior_text(e.prior) + " here, " +
                 prior_text(first.prior) + " there)";
        // Across tables with different tags (domains) a repeated pair lets
        // either domain be selected alone: a warning.
        bool same = first.table == e.table || first.tags == e.tags;
        add(e.table, e.line, same ? Severity::kError : Severity::kWarning,
            ProblemKind::kDuplicate, msg);
        continue;
      }
      auto [sit, sfresh] =
          spuns.emplace(std::make_pair(sk, context_key(e)), &e);
      if (sfresh) continue;
      const Entry& first = *sit->second;
      std::string msg = "conflicts with " + where(first) + ": " +
                        quote(e.spun) + " -> " + quote(canonical_text(e)) +
                        " here, " + quote(canonical_text(first)) + " there";
      if (first.prior != e.prior)
        msg += ", prior " + prior_text(e.prior) + " here, " +
               prior_text(first.prior) + " there";
      msg +=
          " (merge them as alternatives 'a|b' or give them different "
          "context)";
      add(e.table, e.line,
          first.table == e.table ? Severity::kError : Severity::kWarning,
          ProblemKind::kConflict, msg);
    }
  }

  // Spun phrases form a graph with an edge from an entry's spun phrase to
  // each canonical alternative that is itself a spun phrase. An edge inside
  // a strongly connected component lies on a cycle (one report per
  // component, at its first entry); any other edge is a chain (one report
  // per edge). Linear: Tarjan's algorithm, iterative so that a chain of
  // 100,000 entries cannot exhaust the stack.
  void cycles_and_chains(const std::vector<Entry>& all) {
    std::unordered_map<std::string, std::size_t> node_of;  // phrase key
    std::vector<const std::string*> key_of;
    std::vector<const Entry*> first_entry;  // per node, in table order
    std::vector<std::size_t> entry_node;    // per entry
    for (const Entry& e : all) {
      auto [it, fresh] = node_of.emplace(phrase_key(e.spun), key_of.size());
      if (fresh) {
        key_of.push_back(&it->first);
        first_entry.push_back(&e);
      }
      entry_node.push_back(it->second);
    }
    const std::size_t n = key_of.size();
    std::vector<std::vector<Edge>> out(n);
    std::vector<std::vector<Edge>> entry_edges(all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
      for (const std::string& alt : all[i].canonicals) {
        auto hit = node_of.find(phrase_key(alt));
        // Canonical == spun is a parse error (table.cpp).
        if (hit == node_of.end() || hit->second == entry_node[i]) continue;
        Edge edge{entry_node[i], hit->second, &all[i], &alt};
        out[entry_node[i]].push_back(edge);
        entry_edges[i].push_back(edge);
      }
    }

    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::vector<std::size_t> index(n, kNone);
    std::vector<std::size_t> low(n, 0);
    std::vector<std::size_t> comp(n, kNone);
    std::vector<std::size_t> comp_size;
    std::vector<char> on_stack(n, 0);
    std::vector<std::size_t> stack;
    std::vector<std::pair<std::size_t, std::size_t>> calls;  // node, edge
    std::size_t counter = 0;
    auto visit = [&](std::size_t v) {
      index[v] = low[v] = counter++;
      stack.push_back(v);
      on_stack[v] = 1;
      calls.emplace_back(v, 0);
    };
    for (std::size_t root = 0; root < n; ++root) {
      if (index[root] != kNone) continue;
      visit(root);
      while (!calls.empty()) {
        const std::size_t v = calls.back().first;
        const std::size_t next = calls.back().second;
        if (next < out[v].size()) {
          ++calls.back().second;
          const std::size_t w = out[v][next].to;
          if (index[w] == kNone) {
            visit(w);
          } else if (on_stack[w]) {
            low[v] = std::min(low[v], index[w]);
          }
          continue;
        }
        calls.pop_back();
        if (!calls.empty()) {
          std::size_t& parent_low = low[calls.back().first];
          parent_low = std::min(parent_low, low[v]);
        }
        if (low[v] != index[v]) continue;
        std::size_t size = 0;
        std::size_t w = kNone;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          comp[w] = comp_size.size();
          ++size;
        } while (w != v);
        comp_size.push_back(size);
      }
    }

    std::vector<char> comp_reported(comp_size.size(), 0);
    for (std::size_t i = 0; i < all.size(); ++i) {
      const Entry& e = all[i];
      const std::size_t from = entry_node[i];
      for (const Edge& edge : entry_edges[i]) {
        if (comp[edge.to] == comp[from]) {
          if (comp_reported[comp[from]]) continue;
          comp_reported[comp[from]] = 1;
          report_cycle(e, edge, out, comp, comp_size[comp[from]], key_of);
          continue;
        }
        // The table calls the phrase both right and spun. When `other`
        // has no context and a prior at or above the default threshold,
        // that holds in every document: an error; otherwise a warning.
        const Entry& other = *first_entry[edge.to];
        bool loud = other.requires_groups.empty() &&
                    other.excludes_any.empty() && other.near.empty() &&
                    other.prior >= Options().min_confidence;
        add(e.table, e.line, loud ? Severity::kError : Severity::kWarning,
            ProblemKind::kChain,
            "canonical " + quote(*edge.alt) + " is itself flagged as spun by " +
                where(other) + " (" + describe(other) + ")");
      }
    }
  }

  // Reports the shortest cycle through `first` (from -> first.to -> ... ->
  // from) inside their component: a breadth-first search from first.to,
  // done once per component, so linear in all.
  void report_cycle(const Entry& e, const Edge& first,
                    const std::vector<std::vector<Edge>>& out,
                    const std::vector<std::size_t>& comp, std::size_t members,
                    const std::vector<const std::string*>& key_of) {
    const std::size_t from = first.from;
    std::unordered_map<std::size_t, const Edge*> reached_by;
    std::vector<std::size_t> queue{first.to};
    reached_by[first.to] = &first;
    for (std::size_t i = 0; i < queue.size() && !reached_by.count(from); ++i) {
      for (const Edge& edge : out[queue[i]]) {
        if (comp[edge.to] != comp[from] || reached_by.count(edge.to)) continue;
        reached_by[edge.to] = &edge;
        queue.push_back(edge.to);
        if (edge.to == from) break;
      }
    }
    // Walk back from `from` to first.to: the edges of the cycle, reversed.
    std::vector<const Edge*> cycle;
    for (std::size_t v = from;;) {
      const Edge* edge = reached_by.at(v);
      cycle.push_back(edge);
      if (edge == &first) break;
      v = edge->from;
    }
    std::reverse(cycle.begin(), cycle.end());
    std::string path = quote(*key_of[from]);
    std::string places;
    for (std::size_t i = 0; i < cycle.size(); ++i) {
      const bool shown = i + 1 < kCycleShown || i + 1 == cycle.size();
      if (shown) {
        path += " -> " + quote(*key_of[cycle[i]->to]);
        places += (places.empty() ? "" : ", ") + where(*cycle[i]->entry);
      } else if (i + 1 == kCycleShown) {
        path += " -> ...";
        places += ", ...";
      }
    }
    std::string msg = "cycle of " + std::to_string(cycle.size()) +
                      (cycle.size() == 1 ? " entry: " : " entries: ") + path +
                      " (" + places + ")";
    if (members > cycle.size())
      msg += "; " + std::to_string(members) +
             " spun phrases in all lead back to each other";
    add(e.table, e.line, Severity::kError, ProblemKind::kCycle, msg);
  }


  // True when `needle` (not empty) occurs in `hay`: Knuth-Morris-Pratt,
  // linear even for long phrases of repeated words.
  static bool contains(const std::vector<std::string>& hay,
                       const std::vector<std::string>& needle) {
    std::vector<std::size_t> fail(needle.size(), 0);
    for (std::size_t i = 1, k = 0; i < needle.size(); ++i) {
      while (k > 0 && needle[i] != needle[k]) k = fail[k - 1];
      if (needle[i] == needle[k]) ++k;
      fail[i] = k;
    }
    for (std::size_t i = 0, k = 0; i < hay.size(); ++i) {
      while (k > 0 && hay[i] != needle[k]) k = fail[k - 1];
      if (hay[i] == needle[k]) ++k;
      if (k == needle.size()) return true;
    }
    return false;
  }

  // A canonical equal to its spun phrase is a parse error (table.cpp); one
  // that contains it ("guy gangs" -> "bad guy gangs") makes every --fix pass
  // add words again.
  void containment_checks(const std::vector<Entry>& all) {
    for (const Entry& e : all) {
      if (e.unknown || e.deletion || e.canonicals.empty()) continue;
      const std::vector<std::string> spun = detail::match_tokens(e.spun);
      if (spun.empty()) continue;
      for (const std::string& alt : e.canonicals) {
        const std::vector<std::string> canon = detail::match_tokens(alt);
        if (contains(canon, spun)) {
          add(e.table, e.line, Severity::kError, ProblemKind::kContainsSpun,
              "canonical " + quote(alt) + " contains the spun phrase " +
                  quote(e.spun) + ": each --fix pass can add words again");
        }
      }
    }
  }

  Status canonical_scan(const std::vector<Entry>& all,
                        const CheckOptions& options) {
    // The detector never flags text inside a canonical phrase of its own
    // tables, so scan with a copy of the entries whose canonical sides are
    // unknown ("?") and whose context is dropped: it flags every spun phrase
    // wherever it occurs. Line i + 2 of that table is entry i.
    std::string table = "# check_tables: spun sides only\n";
    for (const Entry& e : all) {
      std::string tags;
      for (const std::string& t : e.tags) tags += (tags.empty() ? "" : ",") + t;
      table += e.spun + "\t?\t" + decimal_prior(e.prior) + "\t" + tags + "\n";
    }
    Options opt;
    const double default_threshold = opt.min_confidence;
    opt.tables.push_back(DataSource::Memory("check", table));
    opt.min_confidence = 0;
    opt.hunspell_aff = options.hunspell_aff;
    opt.hunspell_dic = options.hunspell_dic;
    if (options.irregular_forms.size() > 1)
      return Status(ErrorCode::kInvalidArgument,
                    "DictOptions::irregular_forms takes at most one source");
    if (!options.irregular_forms.empty())
      opt.irregular_forms = options.irregular_forms.front();
    opt.invalid_utf8 = InvalidUtf8::kReplace;
    Result<Detector> det = Detector::create(opt);
    if (!det.ok())
      return Status(ErrorCode::kInternal,
                    "building the detector for the canonical scan: " +
                        det.status().message());
    std::unordered_map<std::string, std::vector<Finding>> cache;
    std::set<std::pair<const Entry*, const Entry*>> seen;
    for (const Entry& e : all) {
      for (const std::string& alt : e.canonicals) {
        auto it = cache.find(alt);
        if (it == cache.end()) {
          Result<ScanResult> r = det->scan(alt);
          std::vector<Finding> f;
          if (r.ok()) f = std::move(r->findings);
          it = cache.emplace(alt, std::move(f)).first;
        }
        for (const Finding& f : it->second) {
          // source is "table:check:LINE".
          std::size_t colon = f.source.rfind(':');
          if (f.source.rfind("table:check:", 0) != 0) continue;
          std::size_t line =
              std::strtoul(f.source.c_str() + colon + 1, nullptr, 10);
          if (line < 2 || line - 2 >= all.size()) continue;
          const Entry* firing = &all[line - 2];
          if (firing == &e) continue;
          // "technology spillover -> reverse technology spillover" fires
          // inside its own canonical wherever that canonical is used.
          if (std::find(firing->canonicals.begin(), firing->canonicals.end(),
                        alt) != firing->canonicals.end())
            continue;
          // The whole canonical being another entry's spun side is a chain
          // or cycle, reported above.
          if (f.begin == 0 && f.end == alt.size() &&
              phrase_key(firing->spun) == phrase_key(alt))
            continue;
          if (!seen.insert({firing, &e}).second) continue;
          bool loud = f.confidence >= default_threshold;
          char conf[16];
          std::snprintf(conf, sizeof conf, "%.2f", f.confidence);
          add(firing->table, firing->line,
              loud ? Severity::kError : Severity::kWarning,
              ProblemKind::kFiresOnCanonical,
              quote(firing->spun) + " fires on " + quote(f.text) +
                  " inside the canonical " + quote(alt) + " of " + where(e) +
                  " (confidence " + conf +
                  (loud ? ", at or above the default threshold)"
                        : ", below the default threshold)"));
        }
      }
    }
    return Status::Ok();
  }
};

// ---------------------------------------------------------------------------
// A YAML subset: block mappings and sequences, flow sequences, plain and
// quoted scalars, comments. Enough for Vale rules and prh dictionaries.
// Linear in the input: nesting is limited to kMaxYamlDepth levels (the
// formats need four), so the recursion stays shallow.

constexpr std::size_t kMaxYamlDepth = 100;

struct YamlNode {
  enum Kind { kNull, kScalar, kMap, kSeq } kind = kNull;
  std::string scalar;
  std::vector<std::pair<std::string, YamlNode>> map;
  std::vector<YamlNode> seq;
  std::size_t line = 0;

  const YamlNode* get(const std::string& key) const {
    for (const auto& [k, v] : map)
      if (k == key) return &v;
    return nullptr;
  }
};

struct YamlLine {
  std::size_t indent;
  std::string text;
  std::size_t line;
};

class YamlParser {
 public:
  explicit YamlParser(std::string name) : name_(std::move(name)) {}

  Result<YamlNode> parse(std::string_view text) {
    Status st = Status::Ok();
    for_each_line(text, [&](std::size_t no, std::string_view raw) {
      if (!st.ok()) return;
      std::string line = strip_comment(raw);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
        line.pop_back();
      std::size_t indent = line.find_first_not_of(' ');
      if (indent == std::string::npos) return;
      if (line[indent] == '\t') {
        st = error(no, "TAB in indentation (YAML indents with spaces)");
        return;
      }
      if (indent == 0 && (line == "---" || line[0] == '%')) return;
      if (indent == 0 && line == "...") return;
      lines_.push_back({indent, line.substr(indent), no});
    });
    if (!st.ok()) return st;
    if (lines_.empty()) return YamlNode{};
    std::size_t i = 0;
    Result<YamlNode> root = block(i, lines_[0].indent);
    if (!root.ok()) return root;
    if (i < lines_.size())
      return error(lines_[i].line, "unexpected indentation");
    return root;
  }

 private:
  Status error(std::size_t line, const std::string& msg) const {
    return Status(ErrorCode::kParseError,
                  name_ + ":" + std::to_string(line) + ": " + msg);
  }

  // Removes a '#' comment that is outside quotes and starts the line or
  // follows a space.
  static std::string strip_comment(std::string_view s) {
    char q = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (q) {
        if (c == q) {
          if (q == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
            ++i;
          } else {
            q = 0;
          }
        } else if (q == '"' && c == '\\') {
          ++i;
        }
        continue;
      }
      if ((c == '"' || c == '\'') &&
          (i == 0 || s[i - 1] == ' ' || s[i - 1] == '[' || s[i - 1] == ',' ||
           s[i - 1] == '-' || s[i - 1] == ':')) {
        q = c;
      } else if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
        return std::string(s.substr(0, i));
      }
    }
    return std::string(s);
  }

  static bool is_seq_item(const std::string& t) {
    return t == "-" || t.rfind("- ", 0) == 0;
  }

  // Position of the ':' that ends a mapping key, or npos.
  static std::size_t key_colon(const std::string& t) {
    std::size_t i = 0;
    if (!t.empty() && (t[0] == '"' || t[0] == '\'')) {
      char q = t[0];
      for (i = 1; i < t.size(); ++i) {
        if (t[i] == q) {
          if (q == '\'' && i + 1 < t.size() && t[i + 1] == '\'') {
            ++i;
            continue;
          }
          break;
        }
        if (q == '"' && t[i] == '\\') ++i;
      }
      std::size_t c = t.find_first_not_of(' ', i + 1);
      return c != std::string::npos && t[c] == ':' ? c : std::string::npos;
    }
    for (; i < t.size(); ++i) {
      if (t[i] == ':' && (i + 1 == t.size() || t[i + 1] == ' ')) return i;
    }
    return std::string::npos;
  }

  Result<YamlNode> block(std::size_t& i, std::size_t indent) {
    if (depth_ >= kMaxYamlDepth)
      return error(
          lines_[i].line,
          "nested more than " + std::to_string(kMaxYamlDepth) + " levels deep");
    ++depth_;
    Result<YamlNode> r = block_at_depth(i, indent);
    --depth_;
    return r;
  }

  Result<YamlNode> block_at_depth(std::size_t& i, std::size_t indent) {
    if (is_seq_item(lines_[i].text)) return sequence(i, indent);
    if (key_colon(lines_[i].text) != std::string::npos)
      return mapping(i, indent);
    Result<YamlNode> s = inline_value(lines_[i].text, lines_[i].line);
    ++i;
    // Continuation lines of a multi-line plain scalar.
    while (s.ok() && i < lines_.size() && lines_[i].indent > indent &&
           s->kind == YamlNode::kScalar) {
      s->scalar += " " + lines_[i].text;
      ++i;
    }
    return s;
  }

  Result<YamlNode> sequence(std::size_t& i, std::size_t indent) {
    YamlNode n;
    n.kind = YamlNode::kSeq;
    n.line = lines_[i].line;
    while (i < lines_.size() && lines_[i].indent == indent &&
           is_seq_item(lines_[i].text)) {
      YamlLine& l = lines_[i];
      // The item's text after "- " (is_seq_item: l.text[1] is a space).
      std::size_t body = l.text.find_first_not_of(' ', 1);
      if (body == std::string::npos) {
        const std::size_t dash_line = l.line;
        ++i;
        if (i < lines_.size() && lines_[i].indent > indent) {
          Result<YamlNode> item = block(i, lines_[i].indent);
          if (!item.ok()) return item;
          n.seq.push_back(std::move(*item));
        } else {
          // An empty item is null, located at its dash for messages.
          n.seq.emplace_back();
          n.seq.back().line = dash_line;
        }
        continue;
      }
      // "- key: value" starts a mapping indented at the key's column. The
      // line is cut in place (no copy per level of "- - - x").
      l.indent = indent + body;
      l.text.erase(0, body);
      Result<YamlNode> item = block(i, l.indent);
      if (!item.ok()) return item;
      n.seq.push_back(std::move(*item));
    }
    if (i < lines_.size() && lines_[i].indent > indent)
      return error(lines_[i].line, "unexpected indentation");
    return n;
  }

  Result<YamlNode> mapping(std::size_t& i, std::size_t indent) {
    YamlNode n;
    n.kind = YamlNode::kMap;
    n.line = lines_[i].line;
    std::unordered_set<std::string> keys;
    while (i < lines_.size() && lines_[i].indent == indent) {
      const YamlLine l = lines_[i];
      std::size_t colon = key_colon(l.text);
      if (colon == std::string::npos || is_seq_item(l.text))
        return error(l.line, (l.text[0] == '\'' || l.text[0] == '"')
                                 ? "unterminated quoted key"
                                 : "expected 'key: value'");
      Result<YamlNode> key =
          inline_value(trim(l.text.substr(0, colon)), l.line);
      if (!key.ok()) return key;
      if (key->kind != YamlNode::kScalar)
        return error(l.line, "a mapping key must be a plain or quoted string");
      std::string rest = trim(l.text.substr(colon + 1));
      ++i;
      YamlNode value;
      value.line = l.line;
      if (rest == "|" || rest == ">" || rest == "|-" || rest == ">-") {
        value.kind = YamlNode::kScalar;
        while (i < lines_.size() && lines_[i].indent > indent) {
          if (!value.scalar.empty())
            value.scalar += rest[0] == '|' ? "\n" : " ";
          value.scalar += lines_[i].text;
          ++i;
        }
      } else if (!rest.empty()) {
        Result<YamlNode> v = inline_value(rest, l.line);
        if (!v.ok()) return v;
        value = std::move(*v);
      } else if (i < lines_.size() &&
                 (lines_[i].indent > indent || (lines_[i].indent == indent &&
                                                is_seq_item(lines_[i].text)))) {
        Result<YamlNode> v = block(i, lines_[i].indent);
        if (!v.ok()) return v;
        value = std::move(*v);
      }
      if (!keys.insert(key->scalar).second)
        return error(l.line, "duplicate key " + excerpt(key->scalar));
      n.map.emplace_back(key->scalar, std::move(value));
    }
    if (i < lines_.size() && lines_[i].indent > indent)
      return error(lines_[i].line, "unexpected indentation");
    return n;
  }

  // A scalar (plain, 'single' or "double" quoted) or a flow sequence.
  Result<YamlNode> inline_value(const std::string& s, std::size_t line) {
    YamlNode n;
    n.line = line;
    if (s.empty()) return n;
    if (s[0] == '[') {
      if (s.back() != ']') return error(line, "unterminated flow sequence");
      n.kind = YamlNode::kSeq;
      std::string body = s.substr(1, s.size() - 2);
      std::vector<std::string> items;
      std::string cur;
      char q = 0;
      for (std::size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (q) {
          if (c == q)
            q = 0;
          else if (q == '"' && c == '\\' && i + 1 < body.size())
            cur += body[i++];
        } else if (c == '"' || c == '\'') {
          q = c;
        } else if (c == '[' || c == '{') {
          return error(line, "nested flow collections are not supported");
        } else if (c == ',') {
          items.push_back(trim(cur));
          cur.clear();
          continue;
        }
        cur += c;
      }
      if (q) return error(line, "unterminated quoted string");
      if (!trim(cur).empty() || !items.empty()) items.push_back(trim(cur));
      for (const std::string& it : items) {
        if (it.empty()) continue;  // trailing comma
        Result<YamlNode> v = inline_value(it, line);
        if (!v.ok()) return v;
        n.seq.push_back(std::move(*v));
      }
      return n;
    }
    if (s[0] == '{') return error(line, "flow mappings are not supported");
    if (s[0] == '&' || s[0] == '*' || s[0] == '!')
      return error(line, "YAML anchors, aliases and tags are not supported");
    n.kind = YamlNode::kScalar;
    if (s[0] == '\'') {
      std::size_t i = 1;
      for (; i < s.size(); ++i) {
        if (s[i] == '\'') {
          if (i + 1 < s.size() && s[i + 1] == '\'') {
            n.scalar += '\'';
            ++i;
            continue;
          }
          break;
        }
        n.scalar += s[i];
      }
      if (i >= s.size()) return error(line, "unterminated quoted string");
      if (!trim(s.substr(i + 1)).empty())
        return error(line, "text after a quoted string");
      return n;
    }
    if (s[0] == '"') {
      std::size_t i = 1;
      for (; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
          char c = s[++i];
          switch (c) {
            case 'n':
              n.scalar += '\n';
              break;
            case 't':
              n.scalar += '\t';
              break;
            case '\\':
              n.scalar += '\\';
              break;
            case '"':
              n.scalar += '"';
              break;
            case '/':
              n.scalar += '/';
              break;
            default:
              return error(line, std::string("unsupported escape '\\") + c +
                                     "' in a double-quoted string");
          }
          continue;
        }
        n.scalar += s[i];
      }
      if (i >= s.size()) return error(line, "unterminated quoted string");
      if (!trim(s.substr(i + 1)).empty())
        return error(line, "text after a quoted string");
      return n;
    }
    n.scalar = s;
    return n;
  }

  std::string name_;
  std::vector<YamlLine> lines_;
  std::size_t depth_ = 0;  // nesting of block() calls
};

// ---------------------------------------------------------------------------
// Expanding simple regular expressions into phrases: literals, escaped
// punctuation, groups (a|b), (?:a|b), top-level a|b, and '?' after a
// character or group; \b is ignored and \s is a space.

constexpr std::size_t kMaxExpansions = 64;
// Groups nest at most this deep (the recursion follows the nesting).
constexpr std::size_t kMaxGroupDepth = 100;

class RegexExpander {
 public:
  explicit RegexExpander(std::string_view re) : re_(re) {}

  // The phrases, or nullopt with why() set.
  std::optional<std::vector<std::string>> expand() {
    std::vector<std::string> out;
    if (!alternation(out)) return std::nullopt;
    if (pos_ != re_.size()) {
      why_ = "unbalanced ')'";
      return std::nullopt;
    }
    return out;
  }
  const std::string& why() const { return why_; }

 private:
  bool alternation(std::vector<std::string>& out) {
    while (true) {
      std::vector<std::string> seq{""};
      if (!sequence(seq)) return false;
      out.insert(out.end(), seq.begin(), seq.end());
      if (out.size() > kMaxExpansions) return too_many();
      if (pos_ < re_.size() && re_[pos_] == '|') {
        ++pos_;
        continue;
      }
      return true;
    }
  }

  bool too_many() {
    why_ =
        "expands to more than " + std::to_string(kMaxExpansions) + " phrases";
    return false;
  }

  bool sequence(std::vector<std::string>& acc) {
    while (pos_ < re_.size() && re_[pos_] != '|' && re_[pos_] != ')') {
      std::vector<std::string> atom;
      char c = re_[pos_];
      if (c == '(') {
        ++pos_;
        if (re_.substr(pos_, 2) == "?:") {
          pos_ += 2;
        } else if (pos_ < re_.size() && re_[pos_] == '?') {
          why_ = "unsupported group '(?'";
          return false;
        }
        if (depth_ == kMaxGroupDepth) {
          why_ = "groups nested more than " + std::to_string(kMaxGroupDepth) +
                 " levels deep";
          return false;
        }
        ++depth_;
        const bool ok = alternation(atom);
        --depth_;
        if (!ok) return false;
        if (pos_ >= re_.size() || re_[pos_] != ')') {
          why_ = "unbalanced '('";
          return false;
        }
        ++pos_;
      } else if (c == '\\') {
        if (pos_ + 1 >= re_.size()) {
          why_ = "trailing '\\'";
          return false;
        }
        char e = re_[pos_ + 1];
        pos_ += 2;
        if (e == 'b') continue;
        if (e == 's') {
          atom.push_back(" ");
        } else if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') ||
                   (e >= '0' && e <= '9')) {
          why_ = std::string("unsupported construct '\\") + e + "'";
          return false;
        } else {
          atom.push_back(std::string(1, e));
        }
      } else if (std::string_view("[]{}*+.^$").find(c) !=
                 std::string_view::npos) {
        why_ = std::string("unsupported construct '") + c + "'";
        return false;
      } else if (c == '?') {
        why_ = "'?' with nothing before it";
        return false;
      } else {
        // One UTF-8 character.
        std::size_t len = 1;
        unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0xF0)
          len = 4;
        else if (u >= 0xE0)
          len = 3;
        else if (u >= 0xC0)
          len = 2;
        atom.push_back(std::string(re_.substr(pos_, len)));
        pos_ += len;
      }
      if (pos_ < re_.size() && re_[pos_] == '?') {
        ++pos_;
        atom.push_back("");
      }
      if (pos_ < re_.size() &&
          std::string_view("*+{").find(re_[pos_]) != std::string_view::npos) {
        why_ = std::string("unsupported construct '") + re_[pos_] + "'";
        return false;
      }
      if (atom.size() == 1) {
        // Appending in place keeps a long literal key linear.
        for (std::string& a : acc) a += atom[0];
        continue;
      }
      std::vector<std::string> next;
      for (const std::string& a : acc)
        for (const std::string& b : atom) next.push_back(a + b);
      if (next.size() > kMaxExpansions) return too_many();
      acc = std::move(next);
    }
    return true;
  }

  std::string_view re_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;  // nesting of groups being parsed
  std::string why_;
};

// ---------------------------------------------------------------------------
// Collecting imported pairs.

class Importer {
 public:
  explicit Importer(std::string name) : name_(std::move(name)) {}

  void skip(std::size_t line, const std::string& why) {
    skipped_.push_back(name_ + ":" + std::to_string(line) + ": skipped " + why);
  }

  // Adds spun -> canonical (canonical may hold '|' alternatives).
  void add(std::size_t line, std::string_view spun_in,
           std::string_view canonical_in) {
    std::string spun = nfc(collapse(lower(spun_in)));
    std::string canonical = nfc(collapse(canonical_in));
    if (spun.empty() || canonical.empty()) {
      skip(line, "an empty phrase or replacement");
      return;
    }
    // The loader refuses words over kMaxWordBytes (table.cpp): skip the
    // pair rather than write a table that does not load.
    if (!detail::check_word_lengths(spun, name_, line).ok() ||
        !detail::check_word_lengths(canonical, name_, line).ok()) {
      skip(line, excerpt(spun) + ": a word longer than " +
                     std::to_string(detail::kMaxWordBytes) +
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
      std::string a = trim(canonical.substr(
          start, bar == std::string::npos ? std::string::npos : bar - start));
      if (!a.empty() && a.find('\t') == std::string::npos) alts.push_back(a);
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    auto& mine = entries_[spun];
    // The loader refuses an alternative that matches as the spun phrase
    // does (table.cpp); compared the same way here.
    const std::vector<std::string> spun_key = detail::match_tokens(spun);
    for (std::string& a : alts) {
      if (detail::match_tokens(a) == spun_key) {
        skip(line, quote(spun) + " -> " + quote(a) +
                       ": only changes case, hyphens or spacing (matching "
                       "ignores them)");
        continue;
      }
      if (mine.seen.insert(a).second) mine.alts.push_back(std::move(a));
    }
    if (mine.alts.empty()) entries_.erase(spun);
  }

  ImportedTable finish(const std::string& what) const {
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

 private:
  std::string name_;
  // The canonical alternatives of one spun phrase, in order of appearance.
  struct Alternatives {
    std::vector<std::string> alts;
    std::unordered_set<std::string> seen;
  };
  std::map<std::string, Alternatives> entries_;
  std::vector<std::string> skipped_;
};

Status parse_error(const std::string& name, std::size_t line,
                   const std::string& msg) {
  return Status(ErrorCode::kParseError,
                name + ":" + std::to_string(line) + ": " + msg);
}

// Adds every expansion of regex `key` -> canonical.
void add_expanded(Importer& imp, std::size_t line, const std::string& key,
                  const std::string& canonical) {
  RegexExpander ex(key);
  std::optional<std::vector<std::string>> phrases = ex.expand();
  if (!phrases) {
    imp.skip(line, "regular expression " + excerpt(key) + ": " + ex.why());
    return;
  }
  for (const std::string& p : *phrases) imp.add(line, p, canonical);
}

Result<ImportedTable> import_vale(std::string_view text,
                                  const std::string& name) {
  YamlParser parser(name);
  Result<YamlNode> root = parser.parse(text);
  if (!root.ok()) return root.status();
  if (root->kind != YamlNode::kMap)
    return parse_error(name, root->line ? root->line : 1,
                       "expected a Vale rule (a YAML mapping)");
  const YamlNode* extends = root->get("extends");
  if (!extends || extends->kind != YamlNode::kScalar)
    return parse_error(name, root->line, "no 'extends:' key (not a Vale rule)");
  if (extends->scalar != "substitution")
    return parse_error(name, extends->line,
                       "'extends: " + extends->scalar +
                           "': only substitution rules can be imported");
  const YamlNode* swap = root->get("swap");
  if (!swap || swap->kind != YamlNode::kMap)
    return parse_error(name, swap ? swap->line : root->line,
                       "expected a 'swap:' mapping of 'bad: good' pairs");
  Importer imp(name);
  for (const auto& [key, value] : swap->map) {
    if (value.kind != YamlNode::kScalar) {
      imp.skip(value.line, quote(key) + ": the replacement is not a string");
      continue;
    }
    add_expanded(imp, value.line, key, value.scalar);
  }
  return imp.finish("Vale substitution rule");
}

Result<ImportedTable> import_prh(std::string_view text,
                                 const std::string& name) {
  YamlParser parser(name);
  Result<YamlNode> root = parser.parse(text);
  if (!root.ok()) return root.status();
  if (root->kind != YamlNode::kMap)
    return parse_error(name, root->line ? root->line : 1,
                       "expected a prh dictionary (a YAML mapping)");
  Importer imp(name);
  if (const YamlNode* imports = root->get("imports"))
    imp.skip(imports->line, "'imports:' (import those files too)");
  const YamlNode* rules = root->get("rules");
  if (!rules || rules->kind != YamlNode::kSeq)
    return parse_error(name, rules ? rules->line : root->line,
                       "expected a 'rules:' list");
  for (const YamlNode& rule : rules->seq) {
    if (rule.kind != YamlNode::kMap)
      return parse_error(name, rule.line, "a rule must be a mapping");
    const YamlNode* expected = rule.get("expected");
    if (!expected || expected->kind != YamlNode::kScalar ||
        expected->scalar.empty())
      return parse_error(name, rule.line, "rule without 'expected:'");
    std::vector<const YamlNode*> patterns;
    for (const char* key : {"pattern", "patterns"}) {
      const YamlNode* p = rule.get(key);
      if (!p) continue;
      if (p->kind == YamlNode::kScalar) patterns.push_back(p);
      if (p->kind == YamlNode::kSeq)
        for (const YamlNode& s : p->seq) patterns.push_back(&s);
    }
    if (patterns.empty()) {
      imp.skip(rule.line, "rule for " + quote(expected->scalar) +
                              ": no pattern (it only corrects case)");
      continue;
    }
    for (const YamlNode* p : patterns) {
      if (p->kind != YamlNode::kScalar) {
        imp.skip(p->line, "pattern: not a string");
        continue;
      }
      const std::string& s = p->scalar;
      if (s.size() >= 2 && s[0] == '/' && s.find('/', 1) != std::string::npos) {
        imp.skip(p->line, "regular expression pattern " + quote(s));
        continue;
      }
      imp.add(p->line, s, expected->scalar);
    }
  }
  return imp.finish("textlint prh dictionary");
}

Result<ImportedTable> import_languagetool(std::string_view text,
                                          const std::string& name) {
  Importer imp(name);
  Status st = Status::Ok();
  for_each_line(text, [&](std::size_t no, std::string_view line) {
    if (!st.ok() || detail::is_comment_or_blank(line)) return;
    // "phrase=replacement<TAB>message": the message is dropped.
    std::string_view body = line.substr(0, line.find('\t'));
    std::size_t eq = body.find('=');
    if (eq == std::string_view::npos) {
      st = parse_error(name, no, "expected 'phrase=replacement'");
      return;
    }
    std::string left(body.substr(0, eq));
    std::string right = trim(body.substr(eq + 1));
    if (trim(left).empty() || right.empty()) {
      st = parse_error(name, no, "empty phrase or replacement");
      return;
    }
    std::size_t start = 0;
    while (true) {
      std::size_t bar = left.find('|', start);
      std::string spun = left.substr(
          start, bar == std::string::npos ? std::string::npos : bar - start);
      if (!trim(spun).empty()) imp.add(no, spun, right);
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
  });
  if (!st.ok()) return st;
  return imp.finish("LanguageTool replace.txt");
}

}  // namespace

Result<std::vector<TableProblem>> check_tables(
    const std::vector<DataSource>& tables, const CheckOptions& options) {
  Checker checker;
  std::vector<detail::Table> parsed;
  for (const DataSource& src : tables) {
    Result<std::string> text = detail::read_source(src);
    if (!text.ok()) return text.status();
    const std::string name = detail::source_name(src);
    Result<detail::Table> t = detail::parse_table(*text, name);
    if (!t.ok()) {
      std::string msg = t.status().message();
      std::size_t line = 0;
      // "NAME:LINE: message" -> line and message.
      if (msg.rfind(name + ":", 0) == 0) {
        std::size_t colon = msg.find(':', name.size() + 1);
        if (colon != std::string::npos) {
          line = std::strtoul(msg.c_str() + name.size() + 1, nullptr, 10);
          msg = trim(msg.substr(colon + 1));
        }
      }
      checker.add(name, line, Severity::kError, ProblemKind::kParse, msg);
    } else {
      parsed.push_back(std::move(*t));
    }
    // Invalid UTF-8 is a parse error already; the line checks need text.
    if (detail::find_invalid_utf8(*text) == std::string_view::npos)
      checker.raw_checks(name, *text);
  }
  std::vector<Entry> all = detail::combine_tables(std::move(parsed));
  checker.duplicates_and_conflicts(all);
  checker.cycles_and_chains(all);
  checker.containment_checks(all);
  if (options.scan_canonicals && !all.empty()) {
    Status st = checker.canonical_scan(all, options);
    if (!st.ok()) return st;
  }
  // Order by table as given, then line, then kind.
  std::map<std::string, std::size_t> order;
  for (const DataSource& src : tables)
    order.emplace(detail::source_name(src), order.size());
  std::vector<TableProblem> out = std::move(checker.problems);
  std::stable_sort(out.begin(), out.end(),
                   [&](const TableProblem& a, const TableProblem& b) {
                     std::size_t oa = order[a.file];
                     std::size_t ob = order[b.file];
                     if (oa != ob) return oa < ob;
                     if (a.line != b.line) return a.line < b.line;
                     return a.kind < b.kind;
                   });
  return out;
}

std::string format_problem(const TableProblem& p) {
  std::string out = p.file;
  if (p.line > 0) out += ":" + std::to_string(p.line);
  out += p.severity == Severity::kError ? ": error: " : ": warning: ";
  return out + p.message;
}

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
    r = import_vale(text, name);
  } else if (format == "prh") {
    r = import_prh(text, name);
  } else if (format == "languagetool") {
    r = import_languagetool(text, name);
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
