// unspin: build-time generator of the substitution graph (graph.bin) from
// Moby Thesaurus II, MyThes, Hunspell en_US and en_irregular.tsv.
//
// Usage: unspin_build_graph MOBY.txt MYTHES.dat EN_US.aff EN_US.dic
//            EN_IRREGULAR.tsv OUT.bin [--hide-fraction F --hide-seed S]
// The format is defined in src/graph_format.hpp, read by
// src/synonym_graph.cpp; the work is done by src/graph_build.cpp.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "graph_build.hpp"

namespace {

int usage() {
  std::cerr << "usage: unspin_build_graph MOBY.txt MYTHES.dat EN_US.aff "
               "EN_US.dic EN_IRREGULAR.tsv OUT.bin [--hide-fraction F "
               "--hide-seed S]\n";
  return 2;
}

int run(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  unspin::detail::GraphBuildOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if ((args[i] == "--hide-fraction" || args[i] == "--hide-seed") &&
        i + 1 < args.size()) {
      char* end = nullptr;
      const std::string& v = args[i + 1];
      if (args[i] == "--hide-fraction")
        options.hide_fraction = std::strtod(v.c_str(), &end);
      else
        options.hide_seed = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0') return usage();
      ++i;
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage();
    } else {
      files.push_back(args[i]);
    }
  }
  if (files.size() != 6) return usage();
  const auto start = std::chrono::steady_clock::now();
  unspin::detail::GraphBuildStats stats;
  auto bytes = unspin::detail::build_graph(
      {files[0], files[1], files[2], files[3], files[4]}, options, &stats);
  if (!bytes.ok()) {
    std::cerr << "unspin_build_graph: " << bytes.status().message() << "\n";
    return 1;
  }
  // Written beside the target, then renamed: a failed run leaves no
  // half-written graph for the build to trust.
  const std::string tmp = files[5] + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    if (!out.flush()) {
      std::cerr << "unspin_build_graph: cannot write " << tmp << "\n";
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), files[5].c_str()) != 0) {
    std::cerr << "unspin_build_graph: cannot rename " << tmp << "\n";
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::cerr << "unspin_build_graph: " << stats.entries << " entries, "
            << stats.links << " links (" << stats.hidden_links << " hidden), "
            << stats.forms << " forms of " << stats.inflected_lemmas
            << " inflected lemmas; " << bytes->size() << " bytes in " << seconds
            << " s\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "unspin_build_graph: " << e.what() << "\n";
    return 1;
  }
}
