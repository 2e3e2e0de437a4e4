// unspin dictionary tools: check_tables(): parse errors, NFC, order,
// duplicates, conflicts, cycles and chains, containment, and entries that
// fire on other entries' canonical text.
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
#include <utility>
#include <vector>

#include "dict/text_util.hpp"
#include "strings.hpp"
#include "table.hpp"
#include "text.hpp"
#include "unspin/dict.hpp"

namespace unspin {
namespace {

using detail::Entry;
using detail::dict::for_each_line;
using detail::dict::nfc;
using detail::dict::phrase_key;
using detail::dict::quote;

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
    // No entry, nothing to scan for (and no detector can be made of none).
    if (all.empty()) return Status::ok_status();
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
    opt.tables.push_back(DataSource::from_text("check", table));
    opt.min_confidence = 0;
    opt.hunspell_aff = options.hunspell_aff;
    opt.hunspell_dic = options.hunspell_dic;
    opt.irregular_forms = options.irregular_forms;
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
          bool loud = f.confidence >= default_threshold;
          // A one-word entry below the threshold ("vehicle" -> "car" at
          // 0.10) fires so on that word wherever it stands: inside a
          // canonical ("unmanned aerial vehicle") no more than elsewhere,
          // and the detector never flags text inside a canonical of the
          // tables it loaded. Its low prior is the designed answer, not a
          // problem of the table.
          if (!loud && detail::match_tokens(firing->spun).size() == 1) continue;
          if (!seen.insert({firing, &e}).second) continue;
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
    return Status::ok_status();
  }
};

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
          msg = std::string(
              detail::trim_blanks(std::string_view(msg).substr(colon + 1)));
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

}  // namespace unspin
