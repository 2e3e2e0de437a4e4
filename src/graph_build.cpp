// unspin: the substitution-graph builder (see graph_build.hpp): thesaurus
// links, inflections, then the bytes of graph_format.hpp.
#include "graph_build.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "aff_dic.hpp"
#include "graph_format.hpp"
#include "hash.hpp"
#include "strings.hpp"

namespace unspin::detail {
namespace {

namespace gf = graph_format;

Result<std::string> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kIoError, path + ": cannot read");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Lines of `text` without '\n' or a trailing '\r'.
template <class Fn>
void for_each_line(std::string_view text, Fn&& fn) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line);
    pos = end + 1;
  }
}

/// The entry as stored: A-Z lowered, blanks collapsed to one space.
std::string normalize(std::string_view s) {
  return ascii_lower(collapse_whitespace(s));
}

/// A thesaurus link before ids are final: `to` is listed under `from`
/// (Moby), or they are MyThes synonyms.
struct RawLink {
  std::uint32_t from, to;
  bool mythes;
};

class Vocabulary {
 public:
  std::uint32_t add(std::string s) {
    auto it = ids_.find(s);
    if (it != ids_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(names_.size());
    ids_.emplace(s, id);
    names_.push_back(std::move(s));
    return id;
  }
  std::vector<std::string>& names() { return names_; }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> names_;
};

void read_moby(std::string_view text, Vocabulary& vocab,
               std::vector<RawLink>& links) {
  std::vector<std::uint32_t> ids;
  for_each_line(text, [&](std::string_view line) {
    ids.clear();
    std::size_t pos = 0;
    while (pos <= line.size()) {
      std::size_t comma = line.find(',', pos);
      if (comma == std::string_view::npos) comma = line.size();
      std::string e = normalize(line.substr(pos, comma - pos));
      if (!e.empty()) ids.push_back(vocab.add(std::move(e)));
      pos = comma + 1;
    }
    for (std::size_t i = 1; i < ids.size(); ++i)
      links.push_back({ids[0], ids[i], false});
  });
}

void read_mythes(std::string_view text, Vocabulary& vocab,
                 std::vector<RawLink>& links) {
  std::uint32_t head = 0;
  bool first = true;
  for_each_line(text, [&](std::string_view line) {
    if (first) {  // the encoding
      first = false;
      return;
    }
    if (line.empty()) return;
    if (line[0] != '(') {  // "head|N"
      const std::size_t bar = line.rfind('|');
      std::string h = normalize(line.substr(0, bar));
      head = h.empty() ? gf::kEmpty : vocab.add(std::move(h));
      return;
    }
    if (head == gf::kEmpty) return;
    std::size_t pos = line.find('|');
    while (pos != std::string_view::npos) {
      const std::size_t next = line.find('|', pos + 1);
      std::string_view s = line.substr(
          pos + 1, next == std::string_view::npos ? next : next - pos - 1);
      pos = next;
      if (s.find("(antonym)") != std::string_view::npos) continue;
      const std::size_t paren = s.find(" (");
      if (paren != std::string_view::npos) s = s.substr(0, paren);
      std::string e = normalize(s);
      if (!e.empty()) links.push_back({head, vocab.add(std::move(e)), true});
    }
  });
}

/// Uniform in [0, 1) from the text of an undirected link and the seed.
double link_draw(std::string_view a, std::string_view b, std::uint64_t seed) {
  std::uint64_t h = fnv1a64(hex64(seed));
  h = fnv1a64(a, h);
  h = fnv1a64("\n", h);
  h = fnv1a64(b, h);
  h ^= h >> 29;  // FNV's low bits mix poorly; fold the high ones in
  return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}

using Slot = std::uint32_t;
constexpr Slot kS = 1, kEd = 2, kIng = 3, kEr = 4, kEst = 5;
/// The forms of one lemma by slot (index 0 unused: the base is the lemma).
using Forms = std::array<std::vector<std::string>, gf::kSlots>;

Slot slot_of_flag(char f) {
  switch (f) {
    case 'S':
      return kS;
    case 'D':
      return kEd;
    case 'G':
      return kIng;
    case 'R':
      return kEr;
    case 'T':
      return kEst;
    default:
      return 0;
  }
}

void add_unique(std::vector<std::string>& v, std::string s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/// Forms en_US lists as entries of their own instead of flags (spelling
/// rules of dictionaries/morphology/README.md): proposed for empty slots
/// and kept when the dictionary has them.
void propose_spellings(const std::string& w, Forms& f,
                       const std::array<bool, gf::kSlots>& fixed,
                       const std::unordered_set<std::string>& dic_words) {
  if (w.size() < 2) return;
  auto offer = [&](Slot s, std::string cand) {
    if (!fixed[s] && f[s].empty() && dic_words.count(cand) != 0)
      f[s].push_back(std::move(cand));
  };
  const char last = w.back();
  const char before = w[w.size() - 2];
  // stopped, running, bigger: consonant-vowel-consonant doubles.
  if (!is_vowel(last) && last != 'w' && last != 'x' && last != 'y' &&
      is_vowel(before) && (w.size() < 3 || !is_vowel(w[w.size() - 3]))) {
    const std::string d = w + last;
    offer(kEd, d + "ed");
    offer(kIng, d + "ing");
    offer(kEr, d + "er");
    offer(kEst, d + "est");
  }
  if (last == 'o') offer(kS, w + "es");  // potatoes, goes
  if (w.size() > 3 && w.compare(w.size() - 3, 3, "man") == 0)
    offer(kS, w.substr(0, w.size() - 3) + "men");  // chairmen
  // The -ing of a verb without a G flag (taking, reading).
  if (!f[kEd].empty()) {
    const bool drop_e = last == 'e' && before != 'e' && before != 'o' &&
                        before != 'y' && before != 'i';
    offer(kIng, (drop_e ? w.substr(0, w.size() - 1) : w) + "ing");
  }
}

Status read_irregular(
    std::string_view text, const std::string& name,
    std::unordered_map<std::string, std::array<std::vector<std::string>, 6>>&
        out) {
  // Kinds by index: 0 s, 1 past, 2 pastpart, 3 ing, 4 er, 5 est.
  static constexpr std::array<std::string_view, 6> kKinds = {
      "s", "past", "pastpart", "ing", "er", "est"};
  std::size_t line_no = 0;
  Status status;
  for_each_line(text, [&](std::string_view line) {
    ++line_no;
    if (!status.ok() || line.empty() || line[0] == '#') return;
    const std::size_t t1 = line.find('\t');
    const std::size_t t2 =
        t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos ||
        line.find('\t', t2 + 1) != std::string_view::npos || t1 == 0 ||
        t2 == t1 + 1 || t2 + 1 == line.size()) {
      status = Status(ErrorCode::kParseError,
                      name + ":" + std::to_string(line_no) +
                          ": expected 3 tab-separated fields");
      return;
    }
    const std::string_view kind = line.substr(t1 + 1, t2 - t1 - 1);
    const auto k = std::find(kKinds.begin(), kKinds.end(), kind);
    if (k == kKinds.end()) {
      status = Status(ErrorCode::kParseError,
                      name + ":" + std::to_string(line_no) +
                          ": unknown kind '" + std::string(kind) + "'");
      return;
    }
    auto& entry = out[ascii_lower(line.substr(0, t1))];
    const auto ki = static_cast<std::size_t>(k - kKinds.begin());
    entry[ki].push_back(ascii_lower(line.substr(t2 + 1)));
  });
  return status;
}

void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

void put64(std::string& out, std::uint64_t v) {
  put32(out, static_cast<std::uint32_t>(v));
  put32(out, static_cast<std::uint32_t>(v >> 32));
}

/// Hash slots over `strings` (sorted; id = index).
std::vector<std::uint32_t> hash_table(const std::vector<std::string>& strings) {
  const std::uint32_t n =
      gf::slots_for(static_cast<std::uint32_t>(strings.size()));
  std::vector<std::uint32_t> slots(n, gf::kEmpty);
  for (std::uint32_t id = 0; id < strings.size(); ++id) {
    auto i = static_cast<std::uint32_t>(fnv1a64(strings[id])) & (n - 1);
    while (slots[i] != gf::kEmpty) i = (i + 1) & (n - 1);
    slots[i] = id;
  }
  return slots;
}

}  // namespace

Result<std::string> build_graph(const GraphSources& sources,
                                const GraphBuildOptions& options,
                                GraphBuildStats* stats) {
  if (!(options.hide_fraction >= 0.0 && options.hide_fraction <= 1.0))
    return Status(ErrorCode::kInvalidArgument,
                  "hide_fraction must be in [0, 1]");
  // 1. Thesaurus links, with ids in order of first appearance.
  Vocabulary vocab;
  std::vector<RawLink> raw;
  {
    auto moby = read_all(sources.moby);
    if (!moby.ok()) return moby.status();
    read_moby(*moby, vocab, raw);
    auto mythes = read_all(sources.mythes);
    if (!mythes.ok()) return mythes.status();
    read_mythes(*mythes, vocab, raw);
  }
  // 2. Final ids: entries sorted.
  std::vector<std::string> names = std::move(vocab.names());
  if (names.size() >= gf::kMaxIds)
    return Status(ErrorCode::kParseError, "more than 2^24 graph entries");
  std::vector<std::uint32_t> order(names.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&names](std::uint32_t a, std::uint32_t b) {
              return names[a] < names[b];
            });
  std::vector<std::uint32_t> remap(names.size());
  std::vector<std::string> entries(names.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    remap[order[i]] = i;
    entries[i] = std::move(names[order[i]]);
  }
  names.clear();
  const auto n = static_cast<std::uint32_t>(entries.size());

  // 3. Undirected links a < b; flags as seen from b (bit 0: b listed under
  // a in Moby, bit 1: a listed under b, bit 2: MyThes).
  std::vector<std::uint64_t> links;  // a << 35 | b << 3 | flags
  links.reserve(raw.size());
  for (const RawLink& r : raw) {
    const std::uint64_t from = remap[r.from], to = remap[r.to];
    if (from == to) continue;
    const std::uint64_t a = std::min(from, to), b = std::max(from, to);
    const std::uint64_t f = r.mythes ? 4 : (from == a ? 1 : 2);
    links.push_back(a << 35 | b << 3 | f);
  }
  raw.clear();
  raw.shrink_to_fit();
  std::sort(links.begin(), links.end());
  std::vector<std::uint64_t> merged;  // same packing, flags OR-ed
  for (std::uint64_t l : links) {
    if (!merged.empty() && (merged.back() >> 3) == (l >> 3))
      merged.back() |= l & 7;
    else
      merged.push_back(l);
  }
  links.clear();
  links.shrink_to_fit();
  std::size_t hidden = 0;
  if (options.hide_fraction > 0.0) {
    std::size_t kept = 0;
    for (std::uint64_t l : merged) {
      const std::string& a = entries[l >> 35];
      const std::string& b = entries[(l >> 3) & 0xFFFFFFFFu];
      if (link_draw(a, b, options.hide_seed) < options.hide_fraction)
        ++hidden;
      else
        merged[kept++] = l;
    }
    merged.resize(kept);
  }
  // Both directions: originals of b include a (flags as packed), of a
  // include b (Moby bits swapped).
  std::vector<std::uint32_t> edge_offsets(std::size_t{n} + 1, 0);
  for (std::uint64_t l : merged) {
    ++edge_offsets[(l >> 35) + 1];
    ++edge_offsets[((l >> 3) & 0xFFFFFFFFu) + 1];
  }
  for (std::uint32_t i = 0; i < n; ++i) edge_offsets[i + 1] += edge_offsets[i];
  std::vector<std::uint32_t> edges(edge_offsets[n]);
  {
    std::vector<std::uint32_t> fill(edge_offsets.begin(),
                                    edge_offsets.end() - 1);
    for (std::uint64_t l : merged) {
      const auto a = static_cast<std::uint32_t>(l >> 35);
      const auto b = static_cast<std::uint32_t>((l >> 3) & 0xFFFFFFFFu);
      const auto f = static_cast<std::uint32_t>(l & 7);
      const std::uint32_t swapped = (f & 4) | (f & 1) << 1 | (f & 2) >> 1;
      edges[fill[b]++] = a | f << 24;
      edges[fill[a]++] = b | swapped << 24;
    }
    // Links are sorted by (a, b): each list is filled in id order except
    // where both orders meet; sort each list by id.
    for (std::uint32_t i = 0; i < n; ++i)
      std::sort(edges.begin() + edge_offsets[i],
                edges.begin() + edge_offsets[i + 1],
                [](std::uint32_t x, std::uint32_t y) {
                  return (x & gf::kIdMask) < (y & gf::kIdMask);
                });
  }
  const std::size_t kept_links = merged.size();
  merged.clear();
  merged.shrink_to_fit();

  // 4. Inflections of single-word entries.
  std::unordered_map<std::string_view, std::uint32_t> single;
  for (std::uint32_t i = 0; i < n; ++i)
    if (entries[i].find(' ') == std::string::npos)
      single.emplace(entries[i], i);
  std::unordered_map<std::uint32_t, Forms> forms;
  std::unordered_set<std::string> dic_words;
  {
    auto aff_text = read_all(sources.aff);
    if (!aff_text.ok()) return aff_text.status();
    auto aff = parse_aff(*aff_text, sources.aff);
    if (!aff.ok()) return aff.status();
    auto dic = read_all(sources.dic);
    if (!dic.ok()) return dic.status();
    auto count = parse_dic_count(*dic, sources.dic);
    if (!count.ok()) return count.status();
    std::string form;
    for_each_dic_line(*dic, [&](std::string_view line) {
      const DicEntry e = split_dic_line(trim_blanks(line));
      if (e.word.empty()) return;
      std::string w = ascii_lower(e.word);
      dic_words.insert(w);
      const auto it = single.find(w);
      if (it == single.end()) return;
      Forms& f = forms[it->second];
      for (char flag : e.flags) {
        const Slot s = slot_of_flag(flag);
        if (s == 0) continue;
        for (const AffixRule& r :
             aff->suffixes[static_cast<unsigned char>(flag)])
          if (apply_suffix(r, e.word, &form))
            add_unique(f[s], ascii_lower(form));
      }
    });
  }
  std::unordered_map<std::string, std::array<std::vector<std::string>, 6>>
      irregular;
  {
    auto text = read_all(sources.irregular);
    if (!text.ok()) return text.status();
    const std::size_t slash = sources.irregular.rfind('/');
    const Status st = read_irregular(
        *text,
        sources.irregular.substr(slash == std::string::npos ? 0 : slash + 1),
        irregular);
    if (!st.ok()) return st;
  }
  // Irregular kinds override the rules kind by kind; "-" removes a kind.
  std::vector<std::uint32_t> lemma_ids;
  for (const auto& [id, f] : forms) lemma_ids.push_back(id);
  for (const auto& [lemma, kinds] : irregular) {
    const auto it = single.find(lemma);
    if (it != single.end() && forms.count(it->second) == 0) {
      forms[it->second];
      lemma_ids.push_back(it->second);
    }
  }
  std::sort(lemma_ids.begin(), lemma_ids.end());
  for (std::uint32_t id : lemma_ids) {
    Forms& f = forms[id];
    std::array<bool, gf::kSlots> fixed{};
    const auto irr = irregular.find(entries[id]);
    if (irr != irregular.end()) {
      // kinds: 0 s, 1 past, 2 pastpart, 3 ing, 4 er, 5 est
      static constexpr std::array<Slot, 6> kSlotOfKind = {kS,   kEd, kEd,
                                                          kIng, kEr, kEst};
      std::array<std::vector<std::string>, gf::kSlots> listed;
      for (std::size_t k = 0; k < 6; ++k) {
        if (irr->second[k].empty()) continue;
        const Slot s = kSlotOfKind[k];
        fixed[s] = true;
        for (const std::string& x : irr->second[k])
          if (x != "-") add_unique(listed[s], x);
      }
      for (Slot s = 1; s < gf::kSlots; ++s)
        if (fixed[s]) f[s] = std::move(listed[s]);
    }
    if (dic_words.count(entries[id]) != 0)
      propose_spellings(entries[id], f, fixed, dic_words);
  }

  // 5. The form table: every single-word entry reads as its own base, and
  // each inflected form as (lemma, slot).
  std::unordered_map<std::string, std::vector<std::uint32_t>> readings;
  for (const auto& [word, id] : single)
    readings[std::string(word)].push_back(id);  // slot 0
  std::size_t inflected = 0;
  for (std::uint32_t id : lemma_ids) {
    const Forms& f = forms[id];
    bool any = false;
    for (Slot s = 1; s < gf::kSlots; ++s)
      for (const std::string& x : f[s]) {
        readings[x].push_back(id | s << 24);
        any = true;
      }
    inflected += any ? 1 : 0;
  }
  std::vector<std::string> form_names;
  form_names.reserve(readings.size());
  for (const auto& [form, rows] : readings) form_names.push_back(form);
  std::sort(form_names.begin(), form_names.end());
  if (form_names.size() >= gf::kMaxIds)
    return Status(ErrorCode::kParseError, "more than 2^24 word forms");
  std::unordered_map<std::string_view, std::uint32_t> form_id;
  for (std::uint32_t i = 0; i < form_names.size(); ++i)
    form_id.emplace(form_names[i], i);
  std::vector<std::uint32_t> form_lemma_offsets{0}, form_lemma_rows;
  for (const std::string& form : form_names) {
    std::vector<std::uint32_t>& rows = readings[form];
    std::sort(rows.begin(), rows.end(), [](std::uint32_t x, std::uint32_t y) {
      return std::make_pair(x & gf::kIdMask, x >> 24) <
             std::make_pair(y & gf::kIdMask, y >> 24);
    });
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    form_lemma_rows.insert(form_lemma_rows.end(), rows.begin(), rows.end());
    form_lemma_offsets.push_back(
        static_cast<std::uint32_t>(form_lemma_rows.size()));
  }
  std::vector<std::uint32_t> lemma_form_offsets(std::size_t{n} + 1, 0),
      lemma_form_rows;
  {
    std::size_t next = 0;  // index into lemma_ids (sorted)
    for (std::uint32_t id = 0; id < n; ++id) {
      if (next < lemma_ids.size() && lemma_ids[next] == id) {
        const Forms& f = forms[id];
        for (Slot s = 1; s < gf::kSlots; ++s)
          for (const std::string& x : f[s])
            lemma_form_rows.push_back(form_id.at(x) | s << 24);
        ++next;
      }
      lemma_form_offsets[id + 1] =
          static_cast<std::uint32_t>(lemma_form_rows.size());
    }
  }

  // 6. The bytes.
  std::vector<std::uint32_t> entry_offsets{0}, form_offsets{0};
  std::string blob;
  for (const std::string& e : entries) {
    blob += e;
    entry_offsets.push_back(static_cast<std::uint32_t>(blob.size()));
  }
  const std::size_t entry_blob_bytes = blob.size();
  for (const std::string& f : form_names) {
    blob += f;
    form_offsets.push_back(
        static_cast<std::uint32_t>(blob.size() - entry_blob_bytes));
  }
  if (blob.size() >= 0xFFFFFFFFu)
    return Status(ErrorCode::kParseError, "graph strings exceed 4 GB");
  blob.resize(gf::pad4(blob.size()), '\0');
  const std::vector<std::uint32_t> entry_hash = hash_table(entries);
  const std::vector<std::uint32_t> form_hash = hash_table(form_names);

  gf::Header h;
  h.entries = n;
  h.entry_blob_bytes = static_cast<std::uint32_t>(entry_blob_bytes);
  h.entry_slots = static_cast<std::uint32_t>(entry_hash.size());
  h.edges = static_cast<std::uint32_t>(edges.size());
  h.forms = static_cast<std::uint32_t>(form_names.size());
  h.form_blob_bytes = static_cast<std::uint32_t>(form_offsets.back());
  h.form_slots = static_cast<std::uint32_t>(form_hash.size());
  h.form_lemmas = static_cast<std::uint32_t>(form_lemma_rows.size());
  h.lemma_forms = static_cast<std::uint32_t>(lemma_form_rows.size());
  h.payload_bytes = gf::payload_size(h);

  std::string payload;
  payload.reserve(h.payload_bytes);
  using Array = const std::vector<std::uint32_t>*;
  for (Array v : std::initializer_list<Array>{
           &entry_offsets, &entry_hash, &edge_offsets, &edges, &form_offsets,
           &form_hash, &form_lemma_offsets, &form_lemma_rows,
           &lemma_form_offsets, &lemma_form_rows})
    for (std::uint32_t x : *v) put32(payload, x);
  payload += blob;
  h.checksum = gf::checksum(
      reinterpret_cast<const unsigned char*>(payload.data()), payload.size());

  std::string out(gf::kMagic);
  for (std::uint32_t x :
       {h.version, h.entries, h.entry_blob_bytes, h.entry_slots, h.edges,
        h.forms, h.form_blob_bytes, h.form_slots, h.form_lemmas, h.lemma_forms})
    put32(out, x);
  put64(out, h.payload_bytes);
  put64(out, h.checksum);
  out += payload;
  if (stats != nullptr) {
    stats->entries = n;
    stats->links = kept_links;
    stats->hidden_links = hidden;
    stats->forms = form_names.size();
    stats->inflected_lemmas = inflected;
  }
  return out;
}

}  // namespace unspin::detail
