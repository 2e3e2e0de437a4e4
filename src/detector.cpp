// unspin: the Detector: compiles tables (with inflected variants) into an
// immutable trie, scans documents, scores findings and builds suggestions.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "discovery.hpp"
#include "matcher.hpp"
#include "morphology.hpp"
#include "rewrite.hpp"
#include "score.hpp"
#include "table.hpp"
#include "text.hpp"
#include "unspin/unspin.hpp"

namespace unspin {

DataSource DataSource::File(std::string path, std::string name) {
  DataSource s;
  s.path = std::move(path);
  s.name = std::move(name);
  if (s.name.empty()) s.name = detail::source_name(s);
  return s;
}

DataSource DataSource::Memory(std::string name, std::string text) {
  DataSource s;
  s.name = std::move(name);
  s.text = std::move(text);
  s.in_memory = true;
  return s;
}

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
  return Status::Ok();
}

using detail::CompiledPhrase;
using detail::Entry;
using detail::Inflection;
using detail::Morphology;
using detail::PhraseTrie;

// A table form or an inflected form of an entry.
struct Variant {
  std::uint32_t entry = 0;
  std::vector<std::string> canonicals;  // inflected alternatives, as written
  bool derived = false;
};

struct CompiledEntry {
  Entry entry;
  bool ordinary_word = false;
  std::vector<std::vector<std::uint32_t>> require_groups;
  std::vector<std::uint32_t> exclude_terms;
  struct Near {
    std::size_t words;
    std::vector<std::uint32_t> terms;
  };
  std::vector<Near> near;
};

std::vector<std::string> split_spaces(std::string_view s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t sp = s.find(' ', pos);
    if (sp == std::string_view::npos) sp = s.size();
    if (sp > pos) out.emplace_back(s.substr(pos, sp - pos));
    pos = sp + 1;
  }
  return out;
}

std::string join_spaces(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

bool all_letters(std::string_view w) {
  if (w.empty()) return false;
  for (unsigned char c : w)
    if (!((c >= 'a' && c <= 'z') || c >= 0x80 || c == '\'')) return false;
  return true;
}

std::string lower_ascii(std::string_view w) {
  std::string out(w);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
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
  std::string lw = lower_ascii(word);
  for (detail::Paradigm& p : m.paradigms(lw)) {
    std::vector<Inflection> ks = Morphology::inflections_of(p, lw);
    if (std::find(ks.begin(), ks.end(), from) == ks.end()) continue;
    out = std::move(p);
    return true;
  }
  return false;
}

}  // namespace

struct Detector::Impl {
  std::vector<CompiledEntry> entries;
  std::vector<Variant> variants;
  PhraseTrie trie;
  std::uint32_t term_count = 0;
  double min_confidence = 0.5;
  InvalidUtf8 invalid_utf8 = InvalidUtf8::kError;
  detail::ScoreWeights weights;
  // Discovery of phrases no table holds; null when Options::language_model
  // is empty.
  std::unique_ptr<const detail::DiscoveryData> discovery;

  // Build-time only.
  std::unordered_map<std::string, std::uint32_t> term_ids;

  void add_variant(std::uint32_t entry, const std::string& spun,
                   std::vector<std::string> canonicals, bool derived,
                   std::set<std::string>& seen) {
    if (!seen.insert(lower_ascii(spun)).second) return;
    CompiledPhrase phrase;
    if (!trie.compile(spun, phrase)) return;
    std::int32_t node = trie.insert(phrase);
    auto id = static_cast<std::uint32_t>(variants.size());
    variants.push_back({entry, std::move(canonicals), derived});
    trie.info(node).variants.push_back(id);
  }

  // Inflected spun forms of a phrase, each with the matching canonical
  // alternatives (empty when the entry has no canonical).
  void add_entry(std::uint32_t index, Morphology* morph) {
    const Entry& e = entries[index].entry;
    std::set<std::string> seen;
    if (!morph) {
      add_variant(index, e.spun, e.canonicals, false, seen);
      return;
    }
    std::vector<std::string> words = split_spaces(lower_ascii(e.spun));
    std::vector<std::vector<std::string>> alt_words;
    for (const std::string& alt : e.canonicals) alt_words.push_back(split_spaces(alt));
    // Number agreement: tables written "spun plural -> canonical singular"
    // ("profound neural networks -> deep neural network") get a plural
    // canonical, so the rewrite does not change the sentence's number.
    detail::Paradigm last_para;
    Inflection last_k = Inflection::kBase;
    if (e.exact) {
      add_variant(index, e.spun, e.canonicals, false, seen);
      return;
    }
    if (!words.empty() && all_letters(words.back()) &&
        reading(*morph, words.back(), last_para, last_k) &&
        last_k == Inflection::kS) {
      for (auto& cw : alt_words) {
        detail::Paradigm p;
        if (cw.empty() || !all_letters(lower_ascii(cw.back()))) continue;
        if (lower_ascii(cw.back()) == words.back()) continue;
        // The entry corrects the number itself ("advices" -> "advice"): the
        // words before the last are the same and the last is an inflection
        // of the canonical one.
        bool same_rest = cw.size() == words.size();
        for (std::size_t k = 0; same_rest && k + 1 < cw.size(); ++k)
          same_rest = lower_ascii(cw[k]) == words[k];
        if (same_rest &&
            !Morphology::inflections_of(last_para, lower_ascii(cw.back())).empty())
          continue;
        // Already plural somewhere ("people", "data"): leave it alone.
        if (canonical_reading(*morph, cw.back(), Inflection::kS, p)) continue;
        if (!canonical_reading(*morph, cw.back(), Inflection::kBase, p)) continue;
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
      if (!all_letters(w)) continue;
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
          if (!cw.empty()) s.found = canonical_reading(*morph, cw[s.q], k0, s.para);
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
        bool use_last = words.size() > 1 ? pos != 0 : f.inflection == Inflection::kS;
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
    std::vector<std::string> words = split_spaces(lower_ascii(phrase));
    if (morph && !words.empty() && all_letters(words.back())) {
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
      if (trie.compile(f, cp)) nodes.push_back(trie.insert(cp));
    }
    return nodes;
  }

  std::uint32_t term_id(const std::string& term, Morphology* morph) {
    std::string key = lower_ascii(term);
    auto it = term_ids.find(key);
    if (it != term_ids.end()) return it->second;
    std::uint32_t id = term_count++;
    term_ids.emplace(key, id);
    for (std::int32_t node : add_phrase_forms(term, morph))
      trie.info(node).terms.push_back(id);
    return id;
  }
};

Detector::Detector(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Detector::~Detector() = default;

Result<Detector> Detector::create(const Options& options) {
  try {
    return create_impl(options);
  } catch (const std::exception& e) {
    return Status(ErrorCode::kInternal, std::string("creating the detector: ") + e.what());
  }
}

Result<Detector> Detector::create_impl(const Options& options) {
  if (!(options.min_confidence >= 0 && options.min_confidence <= 1))
    return Status(ErrorCode::kInvalidArgument,
                  "Options::min_confidence must be in [0, 1]");
  if (options.hunspell_aff.empty() != options.hunspell_dic.empty())
    return Status(ErrorCode::kInvalidArgument,
                  "Options::hunspell_aff and Options::hunspell_dic must be "
                  "given together");
  if (options.irregular_forms.size() > 1)
    return Status(ErrorCode::kInvalidArgument,
                  "Options::irregular_forms takes at most one source");
  if (options.morphology_cache.size() > 1)
    return Status(ErrorCode::kInvalidArgument,
                  "Options::morphology_cache takes at most one source");
  for (const std::string& d : options.domains)
    if (d.empty())
      return Status(ErrorCode::kInvalidArgument,
                    "Options::domains holds an empty tag");
  if (options.language_model.size() > 1 || options.thesaurus.size() > 1)
    return Status(ErrorCode::kInvalidArgument,
                  "Options::language_model and Options::thesaurus take at "
                  "most one source each");
  if (!options.thesaurus.empty() && options.language_model.empty())
    return Status(ErrorCode::kInvalidArgument,
                  "Options::thesaurus needs Options::language_model");

  // ICU's lazily built singletons (normalizer, break rules) are made once
  // here, before the loader threads below use them alongside this one.
  static std::once_flag icu_ready;
  std::call_once(icu_ready, [] {
    std::string folded;
    detail::normalize_word("\xC3\x89t\xC3\xA9", folded);
    std::vector<detail::Token> tokens;
    detail::tokenize("\xC3\xA9t\xC3\xA9 na\xC3\xAFve", tokens);
  });
  auto impl = std::make_shared<Impl>();
  impl->min_confidence = options.min_confidence;
  impl->invalid_utf8 = options.invalid_utf8;

  // Morphology (Hunspell loading, ~half of start-up) is built on another
  // thread while the tables are read and parsed here.
  std::future<Result<std::unique_ptr<Morphology>>> morph_future;
  if (!options.hunspell_aff.empty() || !options.irregular_forms.empty()) {
    std::string irregular;
    std::string irregular_name;
    if (!options.irregular_forms.empty()) {
      Result<std::string> t = detail::read_source(options.irregular_forms[0]);
      if (!t.ok()) return t.status();
      irregular = std::move(t.value());
      irregular_name = detail::source_name(options.irregular_forms[0]);
    }
    std::string cache;
    if (!options.morphology_cache.empty() && !options.hunspell_aff.empty()) {
      Result<std::string> t = detail::read_source(options.morphology_cache[0]);
      if (!t.ok()) return t.status();
      cache = std::move(t.value());
    }
    morph_future = std::async(
        std::launch::async,
        [aff = options.hunspell_aff, dic = options.hunspell_dic,
         irregular = std::move(irregular),
         irregular_name = std::move(irregular_name),
         cache = std::move(cache)] {
          return Morphology::create(aff, dic, irregular, irregular_name, cache);
        });
  }

  std::vector<detail::Table> tables;
  for (const DataSource& src : options.tables) {
    Result<std::string> text = detail::read_source(src);
    if (!text.ok()) return text.status();
    Result<detail::Table> t = detail::parse_table(*text, detail::source_name(src));
    if (!t.ok()) return t.status();
    tables.push_back(std::move(t.value()));
  }
  // Phrases a table switches off are not to be discovered again.
  std::vector<std::string> switched_off;
  if (!options.language_model.empty())
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
    impl->entries.push_back(std::move(ce));
  }
  // The discovery data (LM, thesaurus, substitutions learned from the
  // active entries) loads on another thread while the tables compile.
  std::future<Result<std::unique_ptr<const detail::DiscoveryData>>> discovery_future;
  if (!options.language_model.empty()) {
    std::vector<Entry> active;
    active.reserve(impl->entries.size());
    for (const CompiledEntry& ce : impl->entries) active.push_back(ce.entry);
    discovery_future = std::async(
        std::launch::async,
        [lm = options.language_model[0],
         th = options.thesaurus.empty() ? DataSource{} : options.thesaurus[0],
         active = std::move(active)] {
          return detail::DiscoveryData::load(lm, th, active);
        });
  }
  std::vector<char> near_term;  // by term id: used by a near= clause
  for (std::uint32_t i = 0; i < impl->entries.size(); ++i) {
    CompiledEntry& ce = impl->entries[i];
    std::vector<std::string> words = split_spaces(ce.entry.spun);
    if (words.size() == 1 && morph && all_letters(lower_ascii(words[0]))) {
      detail::Paradigm p;
      Inflection k;
      ce.ordinary_word = reading(*morph, lower_ascii(words[0]), p, k) &&
                         p.forms.size() > 1;
    }
    for (const auto& group : ce.entry.requires_groups) {
      std::vector<std::uint32_t> ids;
      for (const std::string& t : group) ids.push_back(impl->term_id(t, morph.get()));
      ce.require_groups.push_back(std::move(ids));
    }
    for (const std::string& t : ce.entry.excludes_any)
      ce.exclude_terms.push_back(impl->term_id(t, morph.get()));
    for (const auto& n : ce.entry.near) {
      CompiledEntry::Near cn{n.words, {}};
      for (const std::string& t : n.terms) {
        std::uint32_t id = impl->term_id(t, morph.get());
        cn.terms.push_back(id);
        if (near_term.size() <= id) near_term.resize(id + 1, 0);
        near_term[id] = 1;
      }
      ce.near.push_back(std::move(cn));
    }
    impl->add_entry(i, morph.get());
  }
  impl->trie.set_terms(impl->term_count, std::move(near_term));

  // Established terms: the canonical sides of all entries. A span inside
  // one (or equal to one) is never flagged: "gap pad" in "thermal gap pad"
  // when "thermal gap pad" is a canonical, or a canonical that happens to be
  // another entry's spun side.
  {
    std::unordered_map<std::string, std::vector<std::int32_t>> nodes_of;
    for (std::uint32_t i_entry = 0; i_entry < impl->entries.size(); ++i_entry) {
      for (const std::string& c : impl->entries[i_entry].entry.canonicals) {
        auto [it, fresh] = nodes_of.try_emplace(lower_ascii(c));
        if (fresh) it->second = impl->add_phrase_forms(c, morph.get());
        for (std::int32_t node : it->second) {
          auto& by = impl->trie.info(node).established_by;
          if (by.empty() || by.back() != i_entry) by.push_back(i_entry);
        }
      }
    }
  }

  std::vector<std::string> allow = options.allow_phrases;
  for (std::size_t i = 0; i < allow.size(); ++i) {
    Status words = detail::check_word_lengths(allow[i], "Options::allow_phrases",
                                              i + 1);
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
    for (std::int32_t node : impl->add_phrase_forms(a, morph.get()))
      impl->trie.info(node).allow = true;
  for (const std::string& p : switched_off)
    for (std::int32_t node : impl->add_phrase_forms(p, morph.get()))
      impl->trie.info(node).blocks_discovery = true;

  // Within a node: table forms before inflected ones, then later entries
  // (user tables load last) before earlier ones.
  for (std::size_t n = 0; n < impl->trie.node_count(); ++n) {
    auto& vs = impl->trie.info(static_cast<std::int32_t>(n)).variants;
    std::stable_sort(vs.begin(), vs.end(), [&](std::uint32_t a, std::uint32_t b) {
      const Variant& va = impl->variants[a];
      const Variant& vb = impl->variants[b];
      if (va.derived != vb.derived) return !va.derived;
      return va.entry > vb.entry;
    });
  }
  impl->term_ids.clear();
  if (morph && !morph->deferred_load_status().ok())
    return morph->deferred_load_status();
  if (discovery_future.valid()) {
    std::unique_ptr<const detail::DiscoveryData> discovery;
    Status st = take(discovery_future, &discovery);
    if (!st.ok()) return st;
    impl->discovery = std::move(discovery);
  }
  return Detector(std::move(impl));
}

namespace {

struct Chosen {
  const detail::Hit* hit;
  std::uint32_t variant;
  bool context_present;
};

bool is_horizontal_space(char c) { return c == ' ' || c == '\t'; }

bool only_whitespace(std::string_view s) {
  for (char c : s)
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r')) return false;
  return true;
}


bool is_space_byte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Widens the span of a deleted phrase so that no stray space or comma is
// left, and capitalizes the next word when the phrase opened a sentence:
//   "They were, needless to say, gone." -> "They were gone."
//   "Needless to say, the gangs left."  -> "The gangs left."
//   "It has actually been done."         -> "It has been done."
void delete_span(std::string_view text, Finding& f) {
  std::size_t b = f.begin;
  std::size_t e = f.end;
  std::size_t before = b;  // first non-space byte before the span, exclusive
  while (before > 0 && is_space_byte(text[before - 1])) --before;
  std::size_t after = e;  // first byte after the span's following spaces
  while (after < text.size() && is_horizontal_space(text[after])) ++after;
  bool comma_after = after < text.size() && text[after] == ',';
  bool comma_before = before > 0 && text[before - 1] == ',';
  bool sentence_start =
      before == 0 || text[before - 1] == '.' || text[before - 1] == '!' ||
      text[before - 1] == '?' || text[before - 1] == ':';
  f.suggestion.clear();
  if (comma_before && comma_after) {
    // ", needless to say," -> "": keep the space after the second comma.
    f.begin = before - 1;
    f.end = after + 1;
    return;
  }
  if (sentence_start) {
    // Remove the phrase, a comma after it and the spaces, then capitalize
    // the next word's first letter (ASCII only; others stay as written).
    std::size_t next = comma_after ? after + 1 : after;
    while (next < text.size() && is_horizontal_space(text[next])) ++next;
    f.end = next;
    if (next < text.size() && text[next] >= 'a' && text[next] <= 'z') {
      f.end = next + 1;
      f.suggestion = std::string(1, static_cast<char>(text[next] - 32));
    }
    return;
  }
  // Mid-sentence: take the spaces before the phrase with it.
  std::size_t sp = b;
  while (sp > 0 && is_horizontal_space(text[sp - 1])) --sp;
  if (sp < b) {
    f.begin = sp;
  } else {
    f.end = after;
  }
}

// The suggestion written with the span's own separators where they were
// line breaks ("bad guy\ngangs" -> "criminal\ngangs") and with its own
// apostrophe style (a typographic apostrophe stays typographic).
std::string keep_layout(std::string_view text,
                        const std::vector<detail::Token>& tokens,
                        std::string suggestion) {
  const std::size_t first = 0;
  const std::size_t last = tokens.size();
  std::size_t n = last - first;
  std::size_t spaces = static_cast<std::size_t>(
      std::count(suggestion.begin(), suggestion.end(), ' '));
  if (n > 1 && spaces == n - 1) {
    std::string out;
    std::size_t gap = 0;
    for (char c : suggestion) {
      if (c != ' ') {
        out += c;
        continue;
      }
      ++gap;
      std::string_view g = text.substr(tokens[first + gap - 1].end,
                                       tokens[first + gap].begin -
                                           tokens[first + gap - 1].end);
      bool ws = !g.empty() && only_whitespace(g) &&
                g.find('\n') != std::string_view::npos;
      out += ws ? std::string(g) : std::string(" ");
    }
    suggestion = std::move(out);
  }
  std::string_view span =
      text.substr(tokens[first].begin, tokens[last - 1].end - tokens[first].begin);
  static const std::string kCurly = "\xE2\x80\x99";
  if (span.find(kCurly) != std::string_view::npos) {
    std::string out;
    for (char c : suggestion) {
      if (c == '\'') out += kCurly;
      else out += c;
    }
    suggestion = std::move(out);
  }
  return suggestion;
}
using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

// Byte ranges sorted, with overlapping and touching ones merged.
Ranges merge_ranges(Ranges ranges) {
  std::sort(ranges.begin(), ranges.end());
  Ranges merged;
  for (auto r : ranges) {
    if (!merged.empty() && r.first <= merged.back().second)
      merged.back().second = std::max(merged.back().second, r.second);
    else
      merged.push_back(r);
  }
  return merged;
}

// True when [b, e) overlaps one of the merge_ranges() ranges.
bool overlaps(const Ranges& merged, std::size_t b, std::size_t e) {
  auto it = std::upper_bound(merged.begin(), merged.end(),
                             std::make_pair(b, SIZE_MAX));
  if (it != merged.begin() && std::prev(it)->second > b) return true;
  return it != merged.end() && it->first < e;
}

// A discovered span's best guess becomes its suggestion when it restores
// the original more likely than not.
constexpr double kOfferGuess = 0.5;

// a/an in front of a replaced span follows the new first word: when the
// word [art_begin, art_end) before f.begin, separated from it by whitespace
// only, is "a"/"an" and suggestions[0] needs the other one, the span grows
// to take the article in and every suggestion starts with its own. An
// article before `floor` (the end of the previous finding) belongs to that
// finding and is left alone, so findings never overlap.
void fix_article(std::string_view text, std::size_t art_begin,
                 std::size_t art_end, std::size_t floor,
                 detail::CasePattern pattern, Finding& f,
                 std::vector<std::string>& suggestions) {
  if (suggestions.empty() || art_begin < floor) return;
  std::string_view art = text.substr(art_begin, art_end - art_begin);
  std::string_view gap = text.substr(art_end, f.begin - art_end);
  std::string lart = lower_ascii(art);
  if ((lart != "a" && lart != "an") || gap.empty() || !only_whitespace(gap))
    return;
  auto first_word = [](const std::string& s) {
    std::size_t e = s.find_first_of(" -");
    return s.substr(0, e);
  };
  bool has_an = lart == "an";
  if (detail::takes_an(first_word(suggestions[0])) == has_an) return;
  f.begin = art_begin;
  for (std::string& s : suggestions) {
    bool an = detail::takes_an(first_word(s));
    std::string a = an ? "an" : "a";
    if (art[0] == 'A') a[0] = 'A';
    if (an && art.size() == 2 && art[1] == 'N') a = "AN";
    if (!an && art.size() == 1 && art[0] == 'A' &&
        pattern == detail::CasePattern::kUpper)
      a = "A";
    s = a + std::string(gap) + s;
  }
}

// The ASCII word ending just before the whitespace that precedes `pos`
// ([*b, *e)); false when there is none (punctuation, start of text).
bool word_before(std::string_view text, std::size_t pos, std::size_t* b,
                 std::size_t* e) {
  std::size_t i = pos;
  while (i > 0 && is_space_byte(text[i - 1])) --i;
  if (i == pos || i == 0) return false;
  std::size_t j = i;
  auto letter = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  };
  while (j > 0 && letter(text[j - 1])) --j;
  if (j == i || i - j > 2) return false;
  if (j > 0 && static_cast<unsigned char>(text[j - 1]) >= 0x80) return false;
  if (j > 0 && (letter(text[j - 1]) || (text[j - 1] >= '0' && text[j - 1] <= '9')))
    return false;
  *b = j;
  *e = i;
  return true;
}

}  // namespace


Result<ScanResult> Detector::scan(std::string_view text,
                                  const ScanOptions& options) const {
  try {
    return scan_impl(text, options);
  } catch (const std::exception& e) {
    return Status(ErrorCode::kInternal, std::string("scanning: ") + e.what());
  }
}

Result<ScanResult> Detector::scan_impl(std::string_view text,
                                       const ScanOptions& options) const {
  const Impl& im = *impl_;
  std::size_t bad = detail::find_invalid_utf8(text);
  if (bad != std::string_view::npos && im.invalid_utf8 == InvalidUtf8::kError)
    return Status(ErrorCode::kInvalidUtf8,
                  detail::describe_invalid_utf8(text, bad));
  double threshold =
      options.min_confidence >= 0 ? options.min_confidence : im.min_confidence;

  thread_local PhraseTrie::Scratch scratch;
  thread_local detail::HitSet found;
  const std::size_t word_count = im.trie.find_hits(text, scratch, found);
  const std::vector<detail::Hit>& hits = found.variants;
  const std::vector<char>& term_present = found.term_present;
  const auto& near_hits = found.near;

  // Byte ranges of allowlisted phrases, merged, for overlap queries.
  const Ranges merged = merge_ranges(found.allowed);
  auto is_allowed = [&](std::size_t b, std::size_t e) {
    return overlaps(merged, b, e);
  };
  // True when the match lies inside an established term of another entry
  // ("gap pad" inside "thermal gap pad"). An entry's own canonical counts
  // only when it is longer than the match: "advices" -> "advice" matches a
  // form of its own canonical and is flagged, but "guy gangs" inside the
  // "bad guy gangs" that its own rewrite produced is not, so fix() converges
  // (fix(fix(x)) == fix(x)).
  auto inside_established = [&](const detail::Hit& h, std::uint32_t entry) {
    for (const detail::Hit::Container& by : h.contained_by)
      if (by.entry != entry || by.strictly) return true;
    return false;
  };
  auto near_holds = [&](const CompiledEntry::Near& n, const detail::Hit& h) {
    if (near_hits.empty()) return false;
    std::size_t lo = h.first > n.words ? h.first - n.words : 0;
    std::size_t hi = h.last + n.words;
    for (std::uint32_t t : n.terms) {
      const auto& pos = near_hits[t];
      auto it = std::lower_bound(pos.begin(), pos.end(), std::make_pair(lo, std::size_t{0}));
      for (; it != pos.end() && it->first < hi; ++it)
        if (it->second > lo) return true;
    }
    return false;
  };

  // Leftmost-longest: hits come ordered by start, then by length.
  std::vector<Chosen> chosen;
  std::size_t i = 0;
  std::size_t next_free = 0;
  while (i < hits.size()) {
    std::size_t j = i;
    while (j < hits.size() && hits[j].first == hits[i].first) ++j;
    if (hits[i].first >= next_free) {
      for (std::size_t k = j; k-- > i;) {
        const detail::Hit& h = hits[k];
        const detail::NodeInfo& inf = im.trie.info(h.node);
        if (!merged.empty() && is_allowed(h.begin, h.end)) continue;
        bool picked = false;
        for (std::uint32_t v : inf.variants) {
          const CompiledEntry& ce = im.entries[im.variants[v].entry];
          if (inside_established(h, im.variants[v].entry)) continue;
          bool excluded = false;
          for (std::uint32_t t : ce.exclude_terms) excluded |= term_present[t] != 0;
          if (excluded) continue;
          bool groups_hold = true;
          for (const auto& group : ce.require_groups) {
            bool any = false;
            for (std::uint32_t t : group) any |= term_present[t] != 0;
            groups_hold = groups_hold && any;
          }
          if (!groups_hold) continue;
          bool near_ok = true;
          for (const auto& n : ce.near) near_ok = near_ok && near_holds(n, h);
          if (!near_ok) continue;
          bool present = !ce.require_groups.empty() || !ce.near.empty();
          chosen.push_back({&h, v, present});
          next_free = h.last;
          picked = true;
          break;
        }
        if (picked) break;
      }
    }
    i = j;
  }

  // Evidence from distinct entries (spinning comes in bulk).
  std::map<std::uint32_t, double> entry_prior;
  for (const Chosen& c : chosen) {
    std::uint32_t e = im.variants[c.variant].entry;
    entry_prior[e] = im.entries[e].entry.prior;
  }
  double total_evidence = 0;
  for (auto& [e, p] : entry_prior) total_evidence += p;

  ScanResult result;
  std::map<std::uint32_t, double> best;
  for (const Chosen& c : chosen) {
    const Variant& var = im.variants[c.variant];
    const CompiledEntry& ce = im.entries[var.entry];
    detail::ScoreInput in;
    in.prior = ce.entry.prior;
    in.ordinary_word = ce.ordinary_word;
    in.derived = var.derived;
    in.context_required_present = c.context_present;
    in.other_phrases = static_cast<int>(entry_prior.size()) - 1;
    // Evidence is a density: in a long document (a book, a corpus scanned
    // as one text) unrelated ordinary words must not vouch for each other,
    // so it is divided by the number of 5,000-word stretches.
    in.other_evidence = (total_evidence - ce.entry.prior) /
                        std::max(1.0, static_cast<double>(word_count) /
                                          detail::kEvidenceWords);
    Finding f;
    f.confidence = detail::confidence(in, im.weights, &f.explanation);
    if (f.confidence < threshold) continue;
    f.explanation = "table " + ce.entry.table + ":" +
                    std::to_string(ce.entry.line) + " (" + ce.entry.spun +
                    " -> " +
                    (ce.entry.unknown ? std::string("?")
                     : ce.entry.deletion ? std::string("<delete>")
                                         : ce.entry.canonicals.front()) +
                    "): " + f.explanation;
    f.source = "table:" + ce.entry.table + ":" + std::to_string(ce.entry.line);
    f.entry_spun = ce.entry.spun;
    f.entry_canonical = ce.entry.unknown    ? "?"
                        : ce.entry.deletion ? ""
                                            : ce.entry.canonicals.front();
    f.begin = c.hit->begin;
    f.end = c.hit->end;
    detail::trim_format_chars(text, &f.begin, &f.end);

    // The span's own words (a short re-tokenization; offsets into `text`).
    std::vector<detail::Token> span_tokens;
    detail::tokenize(text.substr(f.begin, f.end - f.begin), span_tokens);
    std::vector<std::string_view> words;
    for (detail::Token& t : span_tokens) {
      t.begin += f.begin;
      t.end += f.begin;
      words.push_back(text.substr(t.begin, t.end - t.begin));
    }
    detail::CasePattern pattern = detail::case_pattern(words);

    if (ce.entry.unknown) {
      f.has_suggestion = false;
    } else if (ce.entry.deletion) {
      delete_span(text, f);
    } else {
      std::vector<std::string> suggestions;
      for (const std::string& alt : var.canonicals)
        suggestions.push_back(keep_layout(text, span_tokens,
                                          detail::apply_case(alt, pattern)));
      if (c.hit->has_prev)
        fix_article(text, c.hit->prev_begin, c.hit->prev_end,
                    result.findings.empty() ? 0 : result.findings.back().end,
                    pattern, f, suggestions);
      if (suggestions.empty()) {
        f.has_suggestion = false;
      } else {
        f.suggestion = suggestions[0];
        f.alternatives.assign(suggestions.begin() + 1, suggestions.end());
      }
    }
    f.text = std::string(text.substr(f.begin, f.end - f.begin));
    double& b = best[var.entry];
    b = std::max(b, f.confidence);
    result.findings.push_back(std::move(f));
  }

  // Discovery: phrases no table holds. A discovered span never overlaps a
  // match of a table phrase (even one below the threshold, or one whose
  // context clauses failed: the table's own rules for it stand), a phrase
  // a table switched off, or an allowlisted phrase.
  std::map<std::string, double> best_discovered;  // by restored lemma
  if (im.discovery) {
    // Table matches, switched-off and allowlisted phrases, merged.
    // Discovery leaves them out before it chooses among overlapping
    // candidates, and no discovered finding (or its a/an) touches them.
    Ranges spans = found.blocked;
    for (const detail::Hit& h : hits) spans.emplace_back(h.begin, h.end);
    // A table finding may have grown over its a/an.
    for (const Finding& f : result.findings) spans.emplace_back(f.begin, f.end);
    spans.insert(spans.end(), merged.begin(), merged.end());
    const Ranges taken = merge_ranges(std::move(spans));
    thread_local std::vector<detail::Discovered> discovered;
    discovered.clear();
    detail::discover_text(*im.discovery, text, discovered, taken);
    std::size_t discovered_end = 0;  // end of the last discovered finding
    const std::size_t table_findings = result.findings.size();
    for (detail::Discovered& d : discovered) {
      // Finding::confidence is P(spun, and the suggestion restores the
      // original). The best guess is offered as the suggestion when it is
      // more likely right than not (restore_confidence >= 0.5, a fixed cut,
      // so a finding does not depend on the scan's threshold); otherwise
      // the span is flagged without a suggestion, its confidence P(spun),
      // the guesses kept as alternatives, like a table entry whose
      // canonical is unknown.
      const bool suggest = d.restore_confidence >= kOfferGuess;
      const double conf = suggest ? d.restore_confidence : d.confidence;
      if (conf < threshold || d.suggestions.empty()) continue;
      if (overlaps(taken, d.begin, d.end)) continue;
      Finding f;
      f.begin = d.begin;
      f.end = d.end;
      detail::trim_format_chars(text, &f.begin, &f.end);
      f.confidence = conf;
      f.source = "discovered:" + d.how;
      std::vector<detail::Token> span_tokens;
      detail::tokenize(text.substr(f.begin, f.end - f.begin), span_tokens);
      std::vector<std::string_view> words;
      std::string spun_lemma;
      for (const detail::Token& t : span_tokens) {
        std::string_view w = text.substr(f.begin + t.begin, t.end - t.begin);
        words.push_back(w);
        if (!spun_lemma.empty()) spun_lemma += ' ';
        std::string norm;
        detail::normalize_word(w, norm);
        spun_lemma += norm;
      }
      f.entry_spun = std::move(spun_lemma);
      f.entry_canonical = d.original_lemma;
      std::string_view why = d.explanation;
      if (why.substr(0, 12) == "discovered: ") why.remove_prefix(12);
      auto two = [](double v) {
        char b[16];
        std::snprintf(b, sizeof b, "%.2f", v);
        return std::string(b);
      };
      f.explanation = "discovered (" + d.how + "): " + std::string(why) +
                      "; P(spun) " + two(d.confidence) + ", P(spun and '" +
                      d.suggestions[0] + "' restores it) " +
                      two(d.restore_confidence) +
                      (suggest ? "" : " => flagged without a suggestion");
      if (suggest) {
        std::size_t art_b = 0, art_e = 0;
        if (word_before(text, f.begin, &art_b, &art_e) &&
            !overlaps(taken, art_b, art_e))
          fix_article(text, art_b, art_e, discovered_end,
                      detail::case_pattern(words), f, d.suggestions);
        f.suggestion = d.suggestions[0];
        f.alternatives.assign(d.suggestions.begin() + 1, d.suggestions.end());
      } else {
        f.has_suggestion = false;
        f.alternatives = d.suggestions;
      }
      f.text = std::string(text.substr(f.begin, f.end - f.begin));
      // The verdict asks whether the document is spun: P(spun).
      double& b = best_discovered[d.original_lemma];
      b = std::max(b, d.confidence);
      discovered_end = f.end;
      result.findings.push_back(std::move(f));
    }
    if (result.findings.size() > table_findings) {
      std::stable_sort(result.findings.begin(), result.findings.end(),
                       [](const Finding& a, const Finding& b) {
                         return a.begin < b.begin;
                       });
    }
  }

  // Line and column (code points) of each finding, in one pass.
  std::size_t pos = 0;
  std::size_t line = 1;
  std::size_t col = 1;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // a BOM is not a column
  for (Finding& f : result.findings) {
    for (; pos < f.begin; ++pos) {
      unsigned char ch = static_cast<unsigned char>(text[pos]);
      if (ch == '\n') {
        ++line;
        col = 1;
      } else if (ch == '\r') {
        if (pos + 1 < text.size() && text[pos + 1] == '\n') continue;
        ++line;
        col = 1;
      } else if ((ch & 0xC0) != 0x80) {
        ++col;
      }
    }
    f.line = line;
    f.column = col;
  }

  std::vector<double> per_entry;
  for (auto& [e, c] : best) per_entry.push_back(c);
  for (auto& [lemma, c] : best_discovered) per_entry.push_back(c);
  Verdict& v = result.verdict;
  v.words = word_count;
  v.findings = result.findings.size();
  v.distinct_phrases = best.size() + best_discovered.size();
  v.findings_per_1000_words =
      v.words == 0 ? 0 : static_cast<double>(v.findings) * 1000.0 / v.words;
  v.spun_score = detail::document_score(per_entry);
  v.spun = v.spun_score >= 0.5;
  // A thread keeps its scratch between scans, but not the memory of one
  // unusually match-heavy document.
  if (found.variants.capacity() > (std::size_t{1} << 16)) found = detail::HitSet();
  return result;
}

Result<std::string> Detector::rewrite(std::string_view text,
                                      const std::vector<Finding>& chosen) {
  std::vector<const Finding*> ptrs;
  for (const Finding& f : chosen) ptrs.push_back(&f);
  return detail::apply_findings(text, std::move(ptrs));
}

Result<std::string> Detector::fix(std::string_view text) const {
  Result<ScanResult> r = scan(text);
  if (!r.ok()) return r.status();
  return rewrite(text, r->findings);
}

std::size_t Detector::variant_count() const { return impl_->variants.size(); }
std::size_t Detector::entry_count() const { return impl_->entries.size(); }
double Detector::min_confidence() const { return impl_->min_confidence; }

}  // namespace unspin
