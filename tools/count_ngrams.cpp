// unspin tool: counts the words and word pairs of a corpus of ordinary
// English the way unspin reads text (ICU words, normalize_word keys, a pair
// only when nothing but whitespace or a hyphen separates its words), for
// dictionaries/en/general-ngrams.tsv.xz (see dictionaries/README.md).
//
// usage: xzcat text.txt.xz | unspin_count_ngrams --meta META.tsv
//            [--holdout-mod 20] [--holdout-out FILE] [--min-count 3]
//            > counts.tsv
//   META.tsv      one row per input line: source TAB document id; a line
//                 whose document id hashes (FNV-1a 64) to 0 modulo
//                 --holdout-mod is held out: not counted, written to
//                 --holdout-out (to measure false alarms on unseen text)
//   --min-count   pairs seen fewer times are dropped (words: 2)
// Output: "#" header lines, then "w<TAB>COUNT" for words and
// "w1 w2<TAB>COUNT" for pairs, sorted by key (bytes), deterministic.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "hash.hpp"
#include "text.hpp"

namespace {

int usage() {
  std::cerr << "usage: unspin_count_ngrams --meta META.tsv [--holdout-mod N] "
               "[--holdout-out FILE] [--min-count N] < text > counts.tsv\n";
  return 2;
}

/// True when the bytes between two words are only whitespace and at most
/// one hyphen touching the first word (the clause rule of discovery).
bool joins(const std::string& gap) { return gap.empty(); }

}  // namespace

int main(int argc, char** argv) {
  std::string meta_path, holdout_path;
  std::uint64_t holdout_mod = 20;
  std::uint32_t min_count = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return usage();
    if (a == "--meta") {
      meta_path = argv[++i];
    } else if (a == "--holdout-mod") {
      holdout_mod = std::stoull(argv[++i]);
    } else if (a == "--holdout-out") {
      holdout_path = argv[++i];
    } else if (a == "--min-count") {
      min_count = static_cast<std::uint32_t>(std::stoul(argv[++i]));
    } else {
      return usage();
    }
  }
  if (meta_path.empty() || holdout_mod == 0) return usage();
  std::ifstream meta(meta_path);
  if (!meta) {
    std::cerr << "unspin_count_ngrams: cannot read " << meta_path << "\n";
    return 1;
  }
  std::ofstream holdout;
  if (!holdout_path.empty()) {
    holdout.open(holdout_path, std::ios::binary);
    if (!holdout) {
      std::cerr << "unspin_count_ngrams: cannot write " << holdout_path << "\n";
      return 1;
    }
  }
  std::unordered_map<std::string, std::uint32_t> words, pairs;
  words.reserve(1 << 21);
  pairs.reserve(1 << 24);
  std::vector<unspin::detail::Token> tokens;
  std::vector<std::string> keys;
  std::string line, meta_line, gap, pair;
  std::uint64_t lines = 0, held = 0, counted_words = 0;
  while (std::getline(std::cin, line)) {
    if (!std::getline(meta, meta_line)) {
      std::cerr << "unspin_count_ngrams: " << meta_path
                << " has fewer rows than the text has lines\n";
      return 1;
    }
    ++lines;
    const std::size_t tab = meta_line.find('\t');
    const std::string doc =
        tab == std::string::npos ? meta_line : meta_line.substr(tab + 1);
    if (unspin::detail::fnv1a64(doc) % holdout_mod == 0) {
      ++held;
      if (holdout) holdout << line << '\n';
      continue;
    }
    if (unspin::detail::find_invalid_utf8(line) != std::string::npos) continue;
    tokens.clear();
    unspin::detail::tokenize(line, tokens);
    keys.resize(tokens.size());
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      const auto& t = tokens[k];
      unspin::detail::normalize_word(
          std::string_view(line).substr(t.begin, t.end - t.begin), keys[k]);
      ++words[keys[k]];
    }
    counted_words += tokens.size();
    for (std::size_t k = 1; k < tokens.size(); ++k) {
      unspin::detail::normalize_gap(
          std::string_view(line).substr(tokens[k - 1].end,
                                        tokens[k].begin - tokens[k - 1].end),
          gap);
      if (!joins(gap)) continue;
      pair.assign(keys[k - 1]).append(1, ' ').append(keys[k]);
      ++pairs[pair];
    }
  }
  std::vector<std::pair<std::string, std::uint32_t>> out;
  for (auto& [k, c] : words)
    if (c >= 2) out.emplace_back(k, c);
  std::size_t n_words = out.size();
  for (auto& [k, c] : pairs)
    if (c >= min_count) out.emplace_back(k, c);
  std::sort(out.begin(), out.end());
  std::cout << "# unspin general-English n-gram counts (unspin_count_ngrams)\n"
            << "# lines " << lines << " held_out " << held << " words "
            << counted_words << " distinct_words_kept " << n_words
            << " pairs_kept " << out.size() - n_words << " min_pair_count "
            << min_count << " holdout_mod " << holdout_mod << "\n";
  for (const auto& [k, c] : out) std::cout << k << '\t' << c << '\n';
  return std::cout ? 0 : 1;
}
