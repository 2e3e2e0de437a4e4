// unspin: compiling: table entries -> inflected variants -> one word trie,
// with context terms, established terms, allowlist and discovery data.
#include "compile.hpp"

#include <algorithm>
#include <cstdint>
#include <future>
#include <mutex>
#include <set>
#include <unordered_map>

#include "morphology.hpp"
#include "options.hpp"
#include "strings.hpp"
#include "text.hpp"

namespace unspin::detail {
namespace {

// The value of a loader thread's result, or its error. A function of its
// own so that Result<detail type>::status() is inlined here: in the long
// create_impl() GCC emits it out of line, a weak symbol that libunspin.so's
// version script would export (tests/c/check_exports.cmake).
template <class T>
Status take(std::future<Result<T>>& f, T* out) {
  Result<T> r = f.get();
  if (!r.ok()) return r.status();
  *out = std::move(r.value());
  return Status::ok_status();
}

bool is_verb_inflection(Inflection k) {
  return k == Inflection::kS || k == Inflection::kPast ||
         k == Inflection::kPastPart || k == Inflection::kIng;
}

// The paradigm of `word` in which it has an inflection, and that inflection.
bool reading(Morphology& m, const std::string& word, detail::Paradigm& out,
             Inflection& k) {
  for (detail::Paradigm& p : m.paradigms(word)) {
    std::vector<Inflection> ks = Morphology::inflections_of(p, word);
    if (ks.empty()) continue;
    k = ks.front();
    out = std::move(p);
    return true;
  }
  return false;
}

// The paradigm in which canonical `word` has inflection `from`.
bool canonical_reading(Morphology& m, const std::string& word, Inflection from,
                       detail::Paradigm& out) {
  std::string lw = ascii_lower(word);
  for (detail::Paradigm& p : m.paradigms(lw)) {
    std::vector<Inflection> ks = Morphology::inflections_of(p, lw);
    if (std::find(ks.begin(), ks.end(), from) == ks.end()) continue;
    out = std::move(p);
    return true;
  }
  return false;
}

// Builds a Compiled from Options: one object per create(), used once.
class Compiler {
 public:
  explicit Compiler(Compiled& out) : c_(out) {}
  Status run(const Options& options);

 private:
  void add_variant(std::uint32_t entry, const std::string& spun,
                   std::vector<std::string> canonicals, bool derived,
                   std::set<std::string>& seen) {
    if (!seen.insert(ascii_lower(spun)).second) return;
    CompiledPhrase phrase;
    if (!c_.trie.compile(spun, phrase)) return;
    std::int32_t node = c_.trie.insert(phrase);
    auto id = static_cast<std::uint32_t>(c_.variants.size());
    c_.variants.push_back({entry, std::move(canonicals), derived});
    c_.trie.info(node).variants.push_back(id);
  }

  // Inflected spun forms of a phrase, each with the matching canonical
  // alternatives (empty when the entry has no canonical).
  void add_entry(std::uint32_t index, Morphology* morph) {
    const Entry& e = c_.entries[index].entry;
    std::set<std::string> seen;
    if (!morph) {
      add_variant(index, e.spun, e.canonicals, false, seen);
      return;
    }
    std::vector<std::string> words = split_spaces(ascii_lower(e.spun));
    std::vector<std::vector<std::string>> alt_words;
    for (const std::string& alt : e.canonicals)
      alt_words.push_back(split_spaces(alt));
    // Number agreement: tables written "spun plural -> canonical singular"
    // ("profound neural networks -> deep neural network") get a plural
    // canonical, so the rewrite does not change the sentence's number.
    detail::Paradigm last_para;
    Inflection last_k = Inflection::kBase;
    if (e.exact) {
      add_variant(index, e.spun, e.canonicals, false, seen);
      return;
    }
    if (!words.empty() && inflectable_word(words.back()) &&
        reading(*morph, words.back(), last_para, last_k) &&
        last_k == Inflection::kS) {
      for (auto& cw : alt_words) {
        detail::Paradigm p;
        if (cw.empty() || !inflectable_word(ascii_lower(cw.back()))) continue;
        if (ascii_lower(cw.back()) == words.back()) continue;
        // The entry corrects the number itself ("advices" -> "advice"): the
        // words before the last are the same and the last is an inflection
        // of the canonical one.
        bool same_rest = cw.size() == words.size();
        for (std::size_t k = 0; same_rest && k + 1 < cw.size(); ++k)
          same_rest = ascii_lower(cw[k]) == words[k];
        if (same_rest &&
            !Morphology::inflections_of(last_para, ascii_lower(cw.back()))
                 .empty())
          continue;
        // Already plural somewhere ("people", "data"): leave it alone.
        if (canonical_reading(*morph, cw.back(), Inflection::kS, p)) continue;
        if (!canonical_reading(*morph, cw.back(), Inflection::kBase, p))
          continue;
        std::string plural = Morphology::form(p, Inflection::kS);
        if (!plural.empty()) cw.back() = plural;
      }
    }
    std::vector<std::string> canonicals;
    for (const auto& cw : alt_words) canonicals.push_back(join_spaces(cw));
    add_variant(index, e.spun, canonicals, false, seen);
    if (words.empty()) return;
    std::vector<std::size_t> positions = {words.size() - 1};
    if (words.size() > 1) positions.push_back(0);
    for (std::size_t pos : positions) {
      const std::string& w = words[pos];
      if (!inflectable_word(w)) continue;
      detail::Paradigm para;
      Inflection k0;
      if (!reading(*morph, w, para, k0)) continue;
      // Only a base form is inflected: a table that writes "how much times"
      // or "more smaller" means exactly that form, and deriving "how much
      // time" or "more small" would flag correct English.
      if (k0 != Inflection::kBase) continue;
      // The canonical word each alternative inflects, with its paradigm
      // (looked up once, not per form).
      struct AltSlot {
        std::size_t q;
        bool found;
        detail::Paradigm para;
      };
      std::vector<AltSlot> last_slots, first_slots;
      auto slots_for = [&](bool last) {
        std::vector<AltSlot> slots;
        for (const auto& cw : alt_words) {
          AltSlot s{last ? cw.size() - 1 : 0, false, {}};
          if (!cw.empty())
            s.found = canonical_reading(*morph, cw[s.q], k0, s.para);
          slots.push_back(std::move(s));
        }
        return slots;
      };
      bool need_first = words.size() == 1 || pos == 0;
      bool need_last = words.size() == 1 || pos != 0;
      if (need_last) last_slots = slots_for(true);
      if (need_first) first_slots = slots_for(false);
      for (const detail::Form& f : para.forms) {
        if (f.surface == w) continue;
        if (words.size() > 1 && pos == 0 && !is_verb_inflection(f.inflection))
          continue;
        bool use_last =
            words.size() > 1 ? pos != 0 : f.inflection == Inflection::kS;
        const std::vector<AltSlot>& slots = use_last ? last_slots : first_slots;
        std::vector<std::string> canon;
        for (std::size_t a = 0; a < alt_words.size(); ++a) {
          if (!slots[a].found) continue;
          std::string inflected = Morphology::form(slots[a].para, f.inflection);
          if (inflected.empty()) continue;
          std::vector<std::string> cw = alt_words[a];
          std::string& orig = cw[slots[a].q];
          if (!orig.empty() && orig[0] >= 'A' && orig[0] <= 'Z' &&
              inflected[0] >= 'a' && inflected[0] <= 'z')
            inflected[0] = static_cast<char>(inflected[0] - 32);
          orig = std::move(inflected);
          canon.push_back(join_spaces(cw));
        }
        if (!e.canonicals.empty() && canon.empty()) continue;
        std::vector<std::string> spun_words = words;
        spun_words[pos] = f.surface;
        add_variant(index, join_spaces(spun_words), std::move(canon), true,
                    seen);
      }
    }
  }

  // A context term (or allowlisted phrase) with the inflected forms of its
  // last word. Returns the node ids it ends at.
  std::vector<std::int32_t> add_phrase_forms(const std::string& phrase,
                                             Morphology* morph) {
    std::vector<std::string> forms = {phrase};
    std::vector<std::string> words = split_spaces(ascii_lower(phrase));
    if (morph && !words.empty() && inflectable_word(words.back())) {
      detail::Paradigm para;
      Inflection k0;
      if (reading(*morph, words.back(), para, k0)) {
        for (const detail::Form& f : para.forms) {
          if (f.surface == words.back()) continue;
          std::vector<std::string> w = words;
          w.back() = f.surface;
          forms.push_back(join_spaces(w));
        }
      }
    }
    std::vector<std::int32_t> nodes;
    for (const std::string& f : forms) {
      CompiledPhrase cp;
      if (c_.trie.compile(f, cp)) nodes.push_back(c_.trie.insert(cp));
    }
    return nodes;
  }

  std::uint32_t term_id(const std::string& term, Morphology* morph) {
    std::string key = ascii_lower(term);
    auto it = term_ids.find(key);
    if (it != term_ids.end()) return it->second;
    std::uint32_t id = c_.term_count++;
    term_ids.emplace(key, id);
    for (std::int32_t node : add_phrase_forms(term, morph))
      c_.trie.info(node).terms.push_back(id);
    return id;
  }

  Compiled& c_;
  // Context terms by lowercase text, while compiling.
  std::unordered_map<std::string, std::uint32_t> term_ids;
};

Status Compiler::run(const Options& options) {
  if (Status st = detail::validate(options); !st.ok()) return st;

  // ICU's lazily built singletons (normalizer, break rules) are made once
  // here, before the loader threads below use them alongside this one.
  static std::once_flag icu_ready;
  std::call_once(icu_ready, [] {
    std::string folded;
    detail::normalize_word("\xC3\x89t\xC3\xA9", folded);
    std::vector<detail::Token> tokens;
    detail::tokenize("\xC3\xA9t\xC3\xA9 na\xC3\xAFve", tokens);
  });
  c_.min_confidence = options.min_confidence;
  c_.invalid_utf8 = options.invalid_utf8;

  // Morphology (Hunspell loading, ~half of start-up) is built on another
  // thread while the tables are read and parsed here.
  std::future<Result<std::unique_ptr<Morphology>>> morph_future;
  if (!options.hunspell_aff.empty() || options.irregular_forms) {
    std::string irregular;
    std::string irregular_name;
    if (options.irregular_forms) {
      Result<std::string> t = detail::read_source(*options.irregular_forms);
      if (!t.ok()) return t.status();
      irregular = std::move(t.value());
      irregular_name = detail::source_name(*options.irregular_forms);
    }
    std::string cache;
    if (options.morphology_cache && !options.hunspell_aff.empty()) {
      Result<std::string> t = detail::read_source(*options.morphology_cache);
      if (!t.ok()) return t.status();
      cache = std::move(t.value());
    }
    morph_future = std::async(
        std::launch::async,
        [aff = options.hunspell_aff, dic = options.hunspell_dic,
         irregular = std::move(irregular),
         irregular_name = std::move(irregular_name), cache = std::move(cache)] {
          return Morphology::create(aff, dic, irregular, irregular_name, cache);
        });
  }

  std::vector<detail::Table> tables;
  for (const DataSource& src : options.tables) {
    Result<std::string> text = detail::read_source(src);
    if (!text.ok()) return text.status();
    Result<detail::Table> t =
        detail::parse_table(*text, detail::source_name(src));
    if (!t.ok()) return t.status();
    tables.push_back(std::move(t.value()));
  }
  // A domain no entry is tagged with is a typo, not a filter that keeps
  // only the untagged entries.
  if (!options.domains.empty()) {
    std::set<std::string> known;
    for (const detail::Table& t : tables)
      for (const Entry& e : t.entries)
        known.insert(e.tags.begin(), e.tags.end());
    for (const std::string& d : options.domains) {
      if (known.count(d) != 0) continue;
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      return Status(ErrorCode::kInvalidArgument,
                    "Options::domains: no table entry is tagged '" + d +
                        "' (tags in the tables: " +
                        (list.empty() ? std::string("none") : list) + ")");
    }
  }
  // Phrases a table switches off are not to be discovered again.
  std::vector<std::string> switched_off;
  if (options.language_model)
    for (const detail::Table& t : tables)
      for (const detail::SwitchOff& off : t.switch_offs)
        switched_off.push_back(off.spun);
  std::vector<Entry> entries = detail::combine_tables(std::move(tables));

  std::unique_ptr<Morphology> morph;
  if (morph_future.valid()) {
    Status st = take(morph_future, &morph);
    if (!st.ok()) return st;
  }

  for (Entry& e : entries) {
    if (!options.domains.empty() && !e.tags.empty()) {
      bool any = false;
      for (const std::string& t : e.tags)
        any = any || std::find(options.domains.begin(), options.domains.end(),
                               t) != options.domains.end();
      if (!any) continue;
    }
    CompiledEntry ce;
    ce.entry = std::move(e);
    c_.entries.push_back(std::move(ce));
  }
  // A detector that can find nothing would pass every text: say so.
  if (c_.entries.empty() && !options.language_model &&
      !options.general_discovery)
    return Status(ErrorCode::kInvalidArgument,
                  options.tables.empty()
                      ? "Options::tables is empty (and no discovery is set): "
                        "the detector would find nothing"
                      : "Options::tables hold no active entry (and no "
                        "discovery is set): the detector would find nothing");
  // The discovery data (LM, thesaurus, substitutions learned from the
  // active entries) loads on another thread while the tables compile.
  std::future<Result<std::unique_ptr<const detail::DiscoveryData>>>
      discovery_future;
  if (options.language_model) {
    std::vector<Entry> active;
    active.reserve(c_.entries.size());
    for (const CompiledEntry& ce : c_.entries) active.push_back(ce.entry);
    discovery_future = std::async(
        std::launch::async, [lm = *options.language_model,
                             th = options.thesaurus.value_or(DataSource{}),
                             active = std::move(active)] {
          return detail::DiscoveryData::load(lm, th, active);
        });
  }
  std::vector<char> near_term;  // by term id: used by a near= clause
  for (std::uint32_t i = 0; i < c_.entries.size(); ++i) {
    CompiledEntry& ce = c_.entries[i];
    std::vector<std::string> words = split_spaces(ce.entry.spun);
    if (words.size() == 1 && morph && inflectable_word(ascii_lower(words[0]))) {
      detail::Paradigm p;
      Inflection k;
      ce.ordinary_word =
          reading(*morph, ascii_lower(words[0]), p, k) && p.forms.size() > 1;
    }
    for (const auto& group : ce.entry.requires_groups) {
      std::vector<std::uint32_t> ids;
      for (const std::string& t : group) ids.push_back(term_id(t, morph.get()));
      ce.require_groups.push_back(std::move(ids));
    }
    for (const std::string& t : ce.entry.excludes_any)
      ce.exclude_terms.push_back(term_id(t, morph.get()));
    for (const auto& n : ce.entry.near) {
      CompiledEntry::Near cn{n.words, {}};
      for (const std::string& t : n.terms) {
        std::uint32_t id = term_id(t, morph.get());
        cn.terms.push_back(id);
        if (near_term.size() <= id) near_term.resize(id + 1, 0);
        near_term[id] = 1;
      }
      ce.near.push_back(std::move(cn));
    }
    add_entry(i, morph.get());
  }
  c_.trie.set_terms(c_.term_count, std::move(near_term));

  // Established terms: the canonical sides of all entries. A span inside
  // one (or equal to one) is never flagged: "gap pad" in "thermal gap pad"
  // when "thermal gap pad" is a canonical, or a canonical that happens to be
  // another entry's spun side.
  {
    std::unordered_map<std::string, std::vector<std::int32_t>> nodes_of;
    for (std::uint32_t i_entry = 0; i_entry < c_.entries.size(); ++i_entry) {
      for (const std::string& c : c_.entries[i_entry].entry.canonicals) {
        auto [it, fresh] = nodes_of.try_emplace(ascii_lower(c));
        if (fresh) it->second = add_phrase_forms(c, morph.get());
        for (std::int32_t node : it->second) {
          auto& by = c_.trie.info(node).established_by;
          if (by.empty() || by.back() != i_entry) by.push_back(i_entry);
        }
      }
    }
  }

  std::vector<std::string> allow = options.allow_phrases;
  for (std::size_t i = 0; i < allow.size(); ++i) {
    Status words =
        detail::check_word_lengths(allow[i], "Options::allow_phrases", i + 1);
    if (!words.ok())
      return Status(ErrorCode::kInvalidArgument, words.message());
  }
  for (const DataSource& src : options.allowlists) {
    Result<std::string> text = detail::read_source(src);
    if (!text.ok()) return text.status();
    auto phrases = detail::parse_allowlist(*text, detail::source_name(src));
    if (!phrases.ok()) return phrases.status();
    allow.insert(allow.end(), phrases->begin(), phrases->end());
  }
  for (const std::string& a : allow)
    for (std::int32_t node : add_phrase_forms(a, morph.get()))
      c_.trie.info(node).allow = true;
  for (const std::string& p : switched_off)
    for (std::int32_t node : add_phrase_forms(p, morph.get()))
      c_.trie.info(node).blocks_discovery = true;

  // Within a node: table forms before inflected ones, then later entries
  // (user tables load last) before earlier ones.
  for (std::size_t n = 0; n < c_.trie.node_count(); ++n) {
    auto& vs = c_.trie.info(static_cast<std::int32_t>(n)).variants;
    std::stable_sort(vs.begin(), vs.end(),
                     [&](std::uint32_t a, std::uint32_t b) {
                       const Variant& va = c_.variants[a];
                       const Variant& vb = c_.variants[b];
                       if (va.derived != vb.derived) return !va.derived;
                       return va.entry > vb.entry;
                     });
  }
  if (morph && !morph->deferred_load_status().ok())
    return morph->deferred_load_status();
  if (discovery_future.valid()) {
    std::unique_ptr<const detail::DiscoveryData> discovery;
    Status st = take(discovery_future, &discovery);
    if (!st.ok()) return st;
    c_.discovery = std::move(discovery);
  }
  if (options.general_discovery) {
    const GeneralDiscoveryFiles& g = *options.general_discovery;
    auto general = detail::load_general_data(g.counts, g.graph, g.calibration);
    if (!general.ok()) return general.status();
    c_.general =
        std::make_unique<const detail::GeneralData>(std::move(*general));
  }
  return Status::ok_status();
}

}  // namespace

Status compile(const Options& options, Compiled& out) {
  return Compiler(out).run(options);
}

}  // namespace unspin::detail
