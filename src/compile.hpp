// unspin: compiling: table entries -> inflected variants -> one word trie,
// with context terms, established terms, allowlist and discovery data.
#ifndef UNSPIN_SRC_COMPILE_HPP_
#define UNSPIN_SRC_COMPILE_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "discovery.hpp"
#include "general_discovery.hpp"
#include "matcher.hpp"
#include "score.hpp"
#include "table.hpp"
#include "unspin/unspin.hpp"

namespace unspin::detail {

/// A table form or an inflected form of an entry.
struct Variant {
  std::uint32_t entry = 0;
  std::vector<std::string> canonicals;  ///< inflected alternatives, as written
  bool derived = false;                 ///< inflected, not written in the table
};

/// An active table entry with its context clauses as term ids.
struct CompiledEntry {
  Entry entry;
  /// The spun side is one ordinary dictionary word with several forms.
  bool ordinary_word = false;
  std::vector<std::vector<std::uint32_t>> require_groups;
  std::vector<std::uint32_t> exclude_terms;
  struct Near {
    std::size_t words;
    std::vector<std::uint32_t> terms;
  };
  std::vector<Near> near;
};

/// Everything Detector::create() builds; immutable afterwards, so a scan
/// reads it from any number of threads.
struct Compiled {
  std::vector<CompiledEntry> entries;
  std::vector<Variant> variants;
  /// Variants, context terms, established terms, allowlisted and
  /// switched-off phrases, all in one trie (NodeInfo says which).
  PhraseTrie trie;
  std::uint32_t term_count = 0;
  double min_confidence = 0.5;
  InvalidUtf8 invalid_utf8 = InvalidUtf8::kError;
  ScoreWeights weights;
  /// Discovery of phrases no table holds; null when Options::language_model
  /// is empty.
  std::unique_ptr<const DiscoveryData> discovery;
  /// General-English discovery; null when Options::general_discovery is
  /// unset.
  std::unique_ptr<const GeneralData> general;
};

/// Reads the tables, allowlists, morphology and discovery sources named by
/// `options` and compiles them into `out` (which must be fresh).
/// Errors: kInvalidArgument (a bad Options field, named), kIoError,
/// kParseError (with file:line), those of Morphology::create and
/// DiscoveryData::load. May throw std::bad_alloc.
Status compile(const Options& options, Compiled& out);

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_COMPILE_HPP_
