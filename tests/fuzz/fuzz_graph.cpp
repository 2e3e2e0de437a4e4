// unspin fuzz target: the mapped data of general discovery from arbitrary
// bytes: the substitution graph (graph.bin, src/graph_format.hpp) and the
// word-pair counts (general.ngc, src/ngram_counts.hpp), then queries.
// The first byte picks the format. A graph input gets its payload size and
// checksum rewritten first, so the fuzzer reaches the offset and id checks
// behind them instead of stopping at the checksum.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "graph_format.hpp"
#include "ngram_counts.hpp"
#include "synonym_graph.hpp"

namespace {

namespace gf = unspin::detail::graph_format;
using unspin::detail::NgramCounts;
using unspin::detail::SynonymGraph;
using unspin_fuzz::check;

void put64(std::string& s, std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i)
    s[at + static_cast<std::size_t>(i)] =
        static_cast<char>((v >> (8 * i)) & 0xff);
}

/// Rewrites payload_bytes and the checksum of a graph input whose magic is
/// right (offsets of the header fields: graph_format.hpp).
void fix_graph(std::string& s) {
  static_assert(gf::kHeaderSize == 64,
                "the header layout changed: update the offsets");
  if (s.size() < gf::kHeaderSize ||
      s.compare(0, gf::kMagic.size(), gf::kMagic) != 0)
    return;
  const std::uint64_t payload = s.size() - gf::kHeaderSize;
  put64(s, 48, payload);
  put64(s, 56,
        gf::checksum(
            reinterpret_cast<const unsigned char*>(s.data()) + gf::kHeaderSize,
            payload));
}

void query_graph(const SynonymGraph& g) {
  check(g.entry(SynonymGraph::kNone).empty(), "no entry for kNone");
  check(g.originals(SynonymGraph::kNone).empty(), "no originals for kNone");
  const std::uint32_t n =
      static_cast<std::uint32_t>(g.size() < 64 ? g.size() : 64);
  for (std::uint32_t id = 0; id < n; ++id) {
    const std::string_view e = g.entry(id);
    g.find(e);
    for (const SynonymGraph::Inflection& in : g.lemma_of(e)) {
      g.entry(in.lemma());
      g.form_of(in.lemma(), in.slot());
    }
    for (const SynonymGraph::Original& o : g.originals(id)) {
      g.entry(o.id());
      for (std::uint8_t slot = 0; slot < 6; ++slot)
        g.form_of(o.id(), static_cast<SynonymGraph::Slot>(slot));
    }
  }
  g.find("stock market");
  g.lemma_of("killed");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) return 0;
  std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    fix_graph(input);
    auto g = SynonymGraph::from_bytes(std::move(input));
    if (!g.ok()) {
      check(!g.status().message().empty(), "a graph error has a message");
      return 0;
    }
    query_graph(*g);
  } else {
    auto c = NgramCounts::from_bytes(std::move(input), "fuzz.ngc");
    if (!c.ok()) {
      check(!c.status().message().empty(), "a counts error has a message");
      return 0;
    }
    for (std::string_view w : {"stock", "market", "the", ""})
      c->count(unspin::detail::fnv1a64(w));
    c->count(
        NgramCounts::pair_hash(unspin::detail::fnv1a64("stock"), "market"));
  }
  return 0;
}
