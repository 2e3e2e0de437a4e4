// unspin: build-time generator of the discovery data: the CMU US English
// trigram LM (pocketsphinx-en-us, via sphinxbase) and the mythes thesaurus.
//
// Usage: unspin_build_lm LM.bin THESAURUS.dat OUT_DIR [BIGRAM_COUNT_FIX=6]
// Writes OUT_DIR/en-us.lmc (compact LM, format in src/lm_format.hpp) and
// OUT_DIR/thesaurus.tsv ("word<TAB>neighbour neighbour ...", both directions,
// single lowercase words known to the LM, antonyms left out).
// The sphinxbase 0.8 headers miss extern "C" for some declarations.
extern "C" {
#include <sphinxbase/logmath.h>
#include <sphinxbase/ngram_model.h>
}

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

// The file format, shared with the loader (a relative include: this tool
// is built without the library's private include directory).
#include "lm_format.hpp"

namespace {

namespace lm_format = unspin::detail::lm_format;
using lm_format::kIdBits;
using lm_format::quantize;

bool plain_word(const std::string& w) {
  if (w.empty()) return false;
  for (unsigned char c : w)
    if (!((c >= 'a' && c <= 'z') || c == '\'' || c == '-')) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::cerr << "usage: unspin_build_lm LM.bin THESAURUS.dat OUT_DIR "
                 "[BIGRAM_COUNT_FIX]\n";
    return 2;
  }
  const std::uint32_t bigram_fix =
      argc == 5 ? static_cast<std::uint32_t>(std::atoi(argv[4])) : 6;
  const std::string out_dir = argv[3];
  logmath_t* lmath = logmath_init(1.0001, 0, 0);
  ngram_model_t* model = ngram_model_read(nullptr, argv[1], NGRAM_AUTO, lmath);
  if (model == nullptr) {
    std::cerr << "unspin_build_lm: cannot read " << argv[1] << "\n";
    return 1;
  }
  // Debian's 0.8+5prealpha reads the DMP model, but its header overstates
  // the bigram count (by 6 for en-us.lm.bin), and the ARPA writer asserts
  // that the count matches what it iterates: correct it, then write ARPA.
  const std::uint32_t* counts = ngram_model_get_counts(model);
  const_cast<std::uint32_t*>(counts)[1] -= bigram_fix;
  const std::string arpa = out_dir + "/en-us.arpa.tmp";
  if (ngram_model_write(model, arpa.c_str(), NGRAM_ARPA) != 0) {
    std::cerr << "unspin_build_lm: cannot write " << arpa << "\n";
    return 1;
  }
  ngram_model_free(model);
  logmath_free(lmath);

  std::vector<std::string> words;
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::int16_t> uni_p, uni_b;
  std::vector<std::pair<std::uint64_t, std::pair<std::int16_t, std::int16_t>>>
      bi;
  std::vector<std::pair<std::uint64_t, std::int16_t>> tri;
  {
    std::ifstream in(arpa);
    std::string line;
    int order = 0;
    std::vector<std::string> f;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      if (line[0] == '\\') {
        if (line.size() > 1 && line[1] >= '1' && line[1] <= '3')
          order = line[1] - '0';
        else
          order = 0;
        continue;
      }
      if (order == 0) continue;
      f.clear();
      std::size_t pos = 0;
      while (pos <= line.size()) {
        std::size_t tab = line.find_first_of("\t ", pos);
        if (tab == std::string::npos) tab = line.size();
        if (tab > pos) f.push_back(line.substr(pos, tab - pos));
        pos = tab + 1;
      }
      if (f.size() < std::size_t(order) + 1) continue;
      double p = std::atof(f[0].c_str());
      double b = f.size() > std::size_t(order) + 1
                     ? std::atof(f[order + 1].c_str())
                     : 0.0;
      if (order == 1) {
        ids.emplace(f[1], static_cast<std::uint32_t>(words.size()));
        words.push_back(f[1]);
        uni_p.push_back(quantize(p));
        uni_b.push_back(quantize(b));
        continue;
      }
      std::uint64_t key = 0;
      bool ok = true;
      for (int i = 1; i <= order; ++i) {
        auto it = ids.find(f[i]);
        if (it == ids.end()) {
          ok = false;
          break;
        }
        key = (key << kIdBits) | it->second;
      }
      if (!ok) continue;
      if (order == 2)
        bi.push_back({key, {quantize(p), quantize(b)}});
      else
        tri.push_back({key, quantize(p)});
    }
  }
  std::remove(arpa.c_str());
  const auto n_uni = static_cast<std::uint32_t>(words.size());
  if (n_uni >= (1u << kIdBits)) {
    std::cerr << "unspin_build_lm: too many words\n";
    return 1;
  }
  std::sort(bi.begin(), bi.end());
  std::sort(tri.begin(), tri.end());
  bi.erase(std::unique(bi.begin(), bi.end(),
                       [](auto& a, auto& b) { return a.first == b.first; }),
           bi.end());
  tri.erase(std::unique(tri.begin(), tri.end(),
                        [](auto& a, auto& b) { return a.first == b.first; }),
            tri.end());

  lm_format::Tables t;
  for (const auto& w : words) t.blob += w + '\0';
  t.unigram_logp = std::move(uni_p);
  t.unigram_backoff = std::move(uni_b);
  for (const auto& [key, v] : bi) {
    t.bigram_keys.push_back(key);
    t.bigram_logp.push_back(v.first);
    t.bigram_backoff.push_back(v.second);
  }
  for (const auto& [key, p] : tri) {
    t.trigram_keys.push_back(key);
    t.trigram_logp.push_back(p);
  }
  {
    const std::string bytes = lm_format::encode(t);
    std::ofstream out(out_dir + "/en-us.lmc", std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::cerr << "unspin_build_lm: cannot write " << out_dir
                << "/en-us.lmc\n";
      return 1;
    }
  }
  std::cerr << "unspin_build_lm: " << n_uni << " words, "
            << t.bigram_keys.size() << " bigrams, " << t.trigram_keys.size()
            << " trigrams\n";

  // Thesaurus (mythes): "word|N" then N lines "(pos)|syn|syn (generic term)".
  std::unordered_map<std::string, bool> known;
  for (const auto& w : words) known[w] = true;
  std::map<std::string, std::set<std::string>> nb;
  std::ifstream th(argv[2]);
  if (!th) {
    std::cerr << "unspin_build_lm: cannot read " << argv[2] << "\n";
    return 1;
  }
  std::string line;
  std::getline(th, line);  // encoding
  while (std::getline(th, line)) {
    auto bar = line.rfind('|');
    if (bar == std::string::npos) continue;
    std::string head = line.substr(0, bar);
    int n = std::atoi(line.c_str() + bar + 1);
    std::vector<std::string> syns;
    for (int i = 0; i < n && std::getline(th, line); ++i) {
      std::size_t pos = line.find('|');
      while (pos != std::string::npos) {
        std::size_t next = line.find('|', pos + 1);
        std::string s =
            line.substr(pos + 1, next == std::string::npos ? std::string::npos
                                                           : next - pos - 1);
        pos = next;
        if (s.find("(antonym)") != std::string::npos) continue;
        auto paren = s.find(" (");
        if (paren != std::string::npos) s.resize(paren);
        syns.push_back(s);
      }
    }
    if (!plain_word(head) || !known.count(head)) continue;
    for (auto& s : syns) {
      if (!plain_word(s) || s == head || !known.count(s)) continue;
      nb[head].insert(s);
      nb[s].insert(head);
    }
  }
  std::ofstream out(out_dir + "/thesaurus.tsv");
  out << "# unspin discovery thesaurus, generated from mythes-en-us "
         "(th_en_US_v2, WordNet-derived); word<TAB>neighbours, most "
         "frequent (en-us LM unigram) first\n";
  for (const auto& [w, s] : nb) {
    out << w << '\t';
    bool first = true;
    // Most frequent first: the loader keeps the first N.
    std::vector<std::string> sorted(s.begin(), s.end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](const std::string& a, const std::string& b) {
                       return t.unigram_logp[ids.at(a)] >
                              t.unigram_logp[ids.at(b)];
                     });
    for (const auto& x : sorted) {
      if (!first) out << ' ';
      out << x;
      first = false;
    }
    out << '\n';
  }
  return out ? 0 : 1;
}
