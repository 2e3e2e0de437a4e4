// unspin: builds the substitution graph's bytes (graph_format.hpp) from Moby
// Thesaurus II, MyThes, a Hunspell .aff/.dic and the irregular-forms table.
#ifndef UNSPIN_SRC_GRAPH_BUILD_HPP_
#define UNSPIN_SRC_GRAPH_BUILD_HPP_

#include <cstddef>
#include <cstdint>
#include <string>

#include "unspin/unspin.hpp"

namespace unspin::detail {

/// The input files of build_graph() (paths).
struct GraphSources {
  /// Moby Thesaurus II words.txt: one entry a line, comma-separated,
  /// headword first.
  std::string moby;
  /// MyThes .dat: an encoding line, then "head|N" and N "(pos)|syn|..."
  /// lines. Antonyms are left out, "(generic term)" and such stripped.
  std::string mythes;
  /// Hunspell .aff and .dic: flags S, D, G, R and T make the s, ed, ing,
  /// er and est forms of single-word entries.
  std::string aff;
  std::string dic;
  /// en_irregular.tsv (lemma, kind, form): overrides the affix rules kind
  /// by kind (dictionaries/morphology/README.md).
  std::string irregular;
};

/// Options of build_graph().
struct GraphBuildOptions {
  /// Share of the undirected thesaurus links to leave out, in [0, 1]
  /// (default 0: none). The vocabulary is kept whole, so ids agree with the
  /// full graph's.
  double hide_fraction = 0.0;
  /// Seed of the choice of hidden links: the same seed and fraction hide
  /// the same links (chosen by a hash of the two entries' text).
  std::uint64_t hide_seed = 0;
};

/// Counts of a built graph, for the generator's report.
struct GraphBuildStats {
  std::size_t entries = 0;
  std::size_t links = 0;         ///< undirected links kept
  std::size_t hidden_links = 0;  ///< undirected links left out
  std::size_t forms = 0;
  std::size_t inflected_lemmas = 0;  ///< entries with a non-base form
};

/// The bytes of graph.bin for `sources`. Deterministic. Errors: kIoError
/// (an input cannot be read), kParseError (malformed .aff/.dic or irregular
/// line, with file:line; more than 2^24 entries or forms),
/// kInvalidArgument (hide_fraction outside [0, 1]).
Result<std::string> build_graph(const GraphSources& sources,
                                const GraphBuildOptions& options,
                                GraphBuildStats* stats = nullptr);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_GRAPH_BUILD_HPP_
