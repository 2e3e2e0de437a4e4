// unspin data build: converts the word and word-pair counts of
// dictionaries/general/general-ngrams.tar.xz (general-ngrams.tsv, written by
// tools/count_ngrams.cpp) into the mapped file discovery reads
// (share/unspin/lm/general.ngc; layout in src/ngram_counts.hpp).
//
// usage: unspin_build_ngrams COUNTS.tsv OUT.ngc
// COUNTS.tsv: "#" comment lines (one of them "# lines ... words N ..."),
// then "KEY<TAB>COUNT" lines. A malformed line is an error naming FILE:LINE.
#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "ngram_counts.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: unspin_build_ngrams COUNTS.tsv OUT.ngc\n";
    return 2;
  }
  const std::string in_path = argv[1], out_path = argv[2];
  std::ifstream in(in_path, std::ios::binary);
  if (!in) {
    std::cerr << "unspin_build_ngrams: cannot read " << in_path << "\n";
    return 1;
  }
  std::vector<std::pair<std::string, std::uint32_t>> counts;
  std::uint64_t total_words = 0;
  std::string line;
  for (std::size_t no = 1; std::getline(in, line); ++no) {
    if (line.empty()) continue;
    if (line[0] == '#') {
      const std::size_t w = line.find(" words ");
      if (w != std::string::npos) total_words = std::stoull(line.substr(w + 7));
      continue;
    }
    const std::size_t tab = line.find('\t');
    std::uint64_t c = 0;
    bool ok = tab != std::string::npos && tab > 0 && tab + 1 < line.size();
    for (std::size_t i = tab + 1; ok && i < line.size(); ++i) {
      ok = line[i] >= '0' && line[i] <= '9' && c < 0xffffffffu;
      c = c * 10 + static_cast<std::uint64_t>(line[i] - '0');
    }
    if (!ok || c > 0xffffffffu) {
      std::cerr << in_path << ":" << no << ": expected KEY<TAB>COUNT\n";
      return 1;
    }
    counts.emplace_back(line.substr(0, tab), static_cast<std::uint32_t>(c));
  }
  if (total_words == 0 || counts.empty()) {
    std::cerr << in_path << ": no counts or no '# ... words N' header line\n";
    return 1;
  }
  const std::string image =
      unspin::detail::NgramCounts::build(counts, total_words);
  const std::string tmp = out_path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(image.data(), static_cast<std::streamsize>(image.size()));
    if (!out) {
      std::cerr << "unspin_build_ngrams: cannot write " << tmp << "\n";
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), out_path.c_str()) != 0) {
    std::cerr << "unspin_build_ngrams: cannot rename " << tmp << "\n";
    return 1;
  }
  std::cout << counts.size() << " counts, " << image.size() << " bytes -> "
            << out_path << "\n";
  return 0;
}
