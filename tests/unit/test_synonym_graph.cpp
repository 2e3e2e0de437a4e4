// unspin tests: the substitution graph (graph.bin): built from tiny
// thesaurus, .aff/.dic and irregular files in a temporary directory, read
// back, refused when damaged; and the build tree's real graph.bin.
#include <stdlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "graph_build.hpp"
#include "graph_format.hpp"
#include "support.hpp"
#include "synonym_graph.hpp"

namespace {

namespace fs = std::filesystem;
using unspin::ErrorCode;
using unspin::detail::GraphBuildOptions;
using unspin::detail::GraphBuildStats;
using unspin::detail::GraphSources;
using unspin::detail::SynonymGraph;
using Slot = SynonymGraph::Slot;

using unspin_test::TempDir;

const char kMoby[] =
    "kill,eliminate,murder,slay\r\n"
    "murder,kill,Slay\r\n"
    "stock market,inventory market,exchange\r\n"
    "stock,inventory,supply\r\n"
    "take,seize,grab\r\n";

const char kMyThes[] =
    "UTF-8\n"
    "kill|2\n"
    "(verb)|eliminate|bump  off (related term)\n"
    "(noun)|killing (generic term)|survival (antonym)\n"
    "stock|1\n"
    "(noun)|inventory|Store\n";

const char kAff[] =
    "SET UTF-8\n"
    "SFX S Y 3\n"
    "SFX S   y     ies        [^aeiou]y\n"
    "SFX S   0     s          [aeiou]y\n"
    "SFX S   0     s          [^sxzhy]\n"
    "SFX D Y 2\n"
    "SFX D   0     d          e\n"
    "SFX D   0     ed         [^ey]\n"
    "SFX G Y 2\n"
    "SFX G   e     ing        e\n"
    "SFX G   0     ing        [^e]\n";

const char kDic[] =
    "8\n"
    "kill/SDG\n"
    "eliminate/SDG\n"
    "murder/SDG\n"
    "slay/SDG\n"
    "inventory/S\n"
    "take/S\n"
    "taking\n"
    "grab/S\n";

const char kIrregular[] =
    "# lemma, kind, form\n"
    "slay\tpast\tslew\n"
    "slay\tpastpart\tslain\n"
    "take\tpast\ttook\n"
    "take\tpastpart\ttaken\n";

/// The tiny inputs, written to `dir`.
GraphSources tiny_sources(const TempDir& dir, const std::string& moby = kMoby) {
  return {dir.write("words.txt", moby), dir.write("th.dat", kMyThes),
          dir.write("en.aff", kAff), dir.write("en.dic", kDic),
          dir.write("irregular.tsv", kIrregular)};
}

std::string build(const GraphSources& sources,
                  const GraphBuildOptions& options = {},
                  GraphBuildStats* stats = nullptr) {
  auto bytes = unspin::detail::build_graph(sources, options, stats);
  INFO(bytes.status().message());
  REQUIRE(bytes.ok());
  return std::move(bytes).value();
}

/// The flags of the link to `original` among the originals of `entry`
/// (0 when there is none).
int flags(const SynonymGraph& g, const std::string& entry,
          const std::string& original) {
  const std::uint32_t e = g.find(entry), o = g.find(original);
  REQUIRE(e != SynonymGraph::kNone);
  REQUIRE(o != SynonymGraph::kNone);
  for (const auto& x : g.originals(e))
    if (x.id() == o) return x.flags();
  return 0;
}

std::vector<std::string> readings(const SynonymGraph& g,
                                  const std::string& form) {
  std::vector<std::string> out;
  for (const auto& r : g.lemma_of(form))
    out.push_back(std::string(g.entry(r.lemma())) + "+" +
                  std::to_string(static_cast<int>(r.slot())));
  return out;
}

}  // namespace

TEST_CASE("the graph lists its entries sorted, lowercase and found by text",
          "[graph]") {
  TempDir dir;
  auto g = SynonymGraph::from_bytes(build(tiny_sources(dir)));
  REQUIRE(g.ok());
  REQUIRE(g->size() > 10);
  for (std::uint32_t i = 0; i + 1 < g->size(); ++i)
    CHECK(g->entry(i) < g->entry(i + 1));
  for (std::uint32_t i = 0; i < g->size(); ++i)
    CHECK(g->find(g->entry(i)) == i);
  CHECK(g->find("stock market") != SynonymGraph::kNone);
  CHECK(g->find("bump off") != SynonymGraph::kNone);  // blanks collapsed
  CHECK(g->find("store") != SynonymGraph::kNone);     // lowered
  CHECK(g->find("Store") == SynonymGraph::kNone);
  CHECK(g->find("survival") == SynonymGraph::kNone);  // antonyms left out
  CHECK(g->find("absent") == SynonymGraph::kNone);
  CHECK(g->entry(static_cast<std::uint32_t>(g->size())).empty());
  CHECK(g->originals(SynonymGraph::kNone).empty());
}

TEST_CASE(
    "an entry's originals are the entries listed under it and those it is "
    "listed under, with where each link comes from",
    "[graph]") {
  TempDir dir;
  auto g = SynonymGraph::from_bytes(build(tiny_sources(dir)));
  REQUIRE(g.ok());
  using G = SynonymGraph;
  // eliminate is listed under kill in Moby and MyThes.
  CHECK(flags(*g, "eliminate", "kill") == (G::kMobyFromOriginal | G::kMyThes));
  CHECK(flags(*g, "kill", "eliminate") == (G::kMobyToOriginal | G::kMyThes));
  // kill and murder list each other.
  CHECK(flags(*g, "murder", "kill") ==
        (G::kMobyFromOriginal | G::kMobyToOriginal));
  CHECK(flags(*g, "inventory market", "stock market") == G::kMobyFromOriginal);
  CHECK(flags(*g, "inventory", "stock") == (G::kMobyFromOriginal | G::kMyThes));
  CHECK(flags(*g, "killing", "kill") == G::kMyThes);
  CHECK(flags(*g, "eliminate", "murder") == 0);  // no link between synonyms
  for (std::uint32_t i = 0; i < g->size(); ++i) {
    const auto o = g->originals(i);
    for (std::size_t k = 0; k < o.size(); ++k) {
      CHECK(o[k].id() != i);  // no self-links
      if (k > 0) CHECK(o[k - 1].id() < o[k].id());
    }
  }
}

TEST_CASE(
    "single words inflect by their .dic flags, irregular forms override "
    "them, and forms lead back to their lemmas",
    "[graph]") {
  TempDir dir;
  auto g = SynonymGraph::from_bytes(build(tiny_sources(dir)));
  REQUIRE(g.ok());
  const std::uint32_t kill = g->find("kill"), slay = g->find("slay"),
                      take = g->find("take");
  CHECK(g->form_of(kill, Slot::kBase) == "kill");
  CHECK(g->form_of(kill, Slot::kS) == "kills");
  CHECK(g->form_of(kill, Slot::kEd) == "killed");
  CHECK(g->form_of(kill, Slot::kIng) == "killing");
  CHECK(g->form_of(kill, Slot::kEst).empty());
  CHECK(g->form_of(g->find("eliminate"), Slot::kEd) == "eliminated");
  CHECK(g->form_of(g->find("eliminate"), Slot::kIng) == "eliminating");
  CHECK(g->form_of(g->find("inventory"), Slot::kS) == "inventories");
  // Irregular: the table's kinds replace the rules' (no "slayed").
  CHECK(g->form_of(slay, Slot::kEd) == "slew");
  CHECK(g->form_of(slay, Slot::kS) == "slays");
  CHECK(g->form_of(take, Slot::kEd) == "took");
  // A -ing listed as an entry of its own (take has no G flag).
  CHECK(g->form_of(take, Slot::kIng) == "taking");
  CHECK(g->form_of(g->find("stock market"), Slot::kS).empty());
  CHECK(g->form_of(SynonymGraph::kNone, Slot::kBase).empty());

  using V = std::vector<std::string>;
  CHECK(readings(*g, "eliminated") == V{"eliminate+2"});
  CHECK(readings(*g, "slain") == V{"slay+2"});
  CHECK(readings(*g, "slew") == V{"slay+2"});
  CHECK(readings(*g, "slayed").empty());
  CHECK(readings(*g, "taken") == V{"take+2"});
  CHECK(readings(*g, "taking") == V{"take+3"});
  CHECK(readings(*g, "inventories") == V{"inventory+1"});
  // "killing" is an entry (MyThes) and the -ing of kill.
  CHECK(readings(*g, "killing") == V{"kill+3", "killing+0"});
  CHECK(readings(*g, "kill") == V{"kill+0"});
  CHECK(readings(*g, "cardiac").empty());
}

TEST_CASE(
    "hiding a fraction of the links removes about that share, the same "
    "ones for the same seed, and keeps the vocabulary",
    "[graph]") {
  TempDir dir;
  std::string moby;
  for (int i = 0; i < 2000; ++i)
    moby += "w" + std::to_string(i) + ",x" + std::to_string(i) + "\n";
  const GraphSources sources = tiny_sources(dir, moby);
  GraphBuildStats full, hidden, again;
  const std::string all = build(sources, {}, &full);
  const std::string some = build(sources, {0.25, 7}, &hidden);
  CHECK(build(sources, {0.25, 7}, &again) == some);
  CHECK(build(sources, {0.25, 8}) != some);
  CHECK(full.hidden_links == 0);
  CHECK(hidden.links + hidden.hidden_links == full.links);
  CHECK(hidden.hidden_links > full.links * 20 / 100);
  CHECK(hidden.hidden_links < full.links * 30 / 100);
  auto a = SynonymGraph::from_bytes(all);
  auto s = SynonymGraph::from_bytes(some);
  REQUIRE(a.ok());
  REQUIRE(s.ok());
  REQUIRE(a->size() == s->size());
  std::size_t edges_all = 0, edges_some = 0;
  for (std::uint32_t i = 0; i < a->size(); ++i) {
    CHECK(a->entry(i) == s->entry(i));
    edges_all += a->originals(i).size();
    edges_some += s->originals(i).size();
  }
  CHECK(edges_all == 2 * full.links);
  CHECK(edges_some == 2 * hidden.links);
  CHECK(build(sources, {1.0, 1}) != all);
  CHECK_FALSE(unspin::detail::build_graph(sources, {1.5, 1}).ok());
}

TEST_CASE(
    "truncated, corrupted and foreign bytes are refused with an error, "
    "never a crash",
    "[graph]") {
  TempDir dir;
  const std::string bytes = build(tiny_sources(dir));
  REQUIRE(SynonymGraph::from_bytes(bytes).ok());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto g = SynonymGraph::from_bytes(bytes.substr(0, n));
    REQUIRE_FALSE(g.ok());
    CHECK(g.status().code() == ErrorCode::kParseError);
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0x5A);
    auto g = SynonymGraph::from_bytes(bad);
    REQUIRE_FALSE(g.ok());
    CHECK(g.status().message().find("graph.bin") == 0);
  }
  CHECK_FALSE(SynonymGraph::from_bytes("hello, world").ok());
  CHECK_FALSE(SynonymGraph::from_bytes(std::string(4096, '\0')).ok());
  CHECK_FALSE(
      SynonymGraph::from_bytes("UNSPINLM" + std::string(100, '\1')).ok());

  // A consistent checksum does not save an id out of range.
  namespace gf = unspin::detail::graph_format;
  std::string forged = bytes;
  std::uint32_t entries = 0, slots = 0, edges = 0;
  std::memcpy(&entries, forged.data() + 12, 4);
  std::memcpy(&slots, forged.data() + 20, 4);
  std::memcpy(&edges, forged.data() + 24, 4);
  REQUIRE(edges > 0);
  const std::size_t edge0 = gf::kHeaderSize + 4 * (2 * (entries + 1) + slots);
  const std::uint32_t huge = 0x04FFFFFFu;
  std::memcpy(&forged[edge0], &huge, 4);
  const std::uint64_t sum = gf::checksum(
      reinterpret_cast<const unsigned char*>(forged.data()) + gf::kHeaderSize,
      forged.size() - gf::kHeaderSize);
  std::memcpy(&forged[gf::kHeaderSize - 8], &sum, 8);
  auto g = SynonymGraph::from_bytes(forged);
  REQUIRE_FALSE(g.ok());
  CHECK(g.status().message().find("out of range") != std::string::npos);

  // open() names the file.
  const std::string path = dir.write("broken.bin", bytes.substr(0, 100));
  auto opened = SynonymGraph::open(path);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.status().code() == ErrorCode::kParseError);
  CHECK(opened.status().message().find(path) == 0);
  auto missing = SynonymGraph::open(path + ".absent");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == ErrorCode::kIoError);
  CHECK(missing.status().message().find(path + ".absent") == 0);
  auto good = SynonymGraph::open(dir.write("good.bin", bytes));
  REQUIRE(good.ok());
  SynonymGraph moved = std::move(good).value();
  CHECK(moved.form_of(moved.find("kill"), Slot::kEd) == "killed");
}

TEST_CASE("the generated graph.bin links the spins of real English",
          "[graph]") {
  const std::string path = std::string(UNSPIN_BUILD_DATA_DIR) + "/lm/graph.bin";
  if (!fs::exists(path)) {
    WARN("no " << path << " (built with UNSPIN_WITH_DISCOVERY=OFF?)");
    return;
  }
  auto g = SynonymGraph::open(path);
  INFO(g.status().message());
  REQUIRE(g.ok());
  auto has_original = [&](const std::string& e, const std::string& o) {
    return g->find(e) != SynonymGraph::kNone &&
           g->find(o) != SynonymGraph::kNone && flags(*g, e, o) != 0;
  };
  using V = std::vector<std::string>;
  const V eliminated = readings(*g, "eliminated");
  CHECK(std::find(eliminated.begin(), eliminated.end(), "eliminate+2") !=
        eliminated.end());
  CHECK(has_original("eliminate", "kill"));
  const std::uint32_t kill = g->find("kill");
  CHECK(g->form_of(kill, Slot::kEd) == "killed");
  CHECK(g->form_of(kill, Slot::kS) == "kills");
  CHECK(has_original("inventory", "stock"));
  CHECK((has_original("inventory market", "stock market") ||
         g->find("inventory market") == SynonymGraph::kNone));
  // Moby lists "cardiac arrest" under "heart" and "heart attack"; neither
  // source links the adjective "cardiac" itself to "heart".
  CHECK(has_original("cardiac arrest", "heart"));
  CHECK(has_original("cardiac arrest", "heart attack"));
  CHECK_FALSE(has_original("cardiac", "heart"));
  CHECK(g->form_of(g->find("take"), Slot::kEd) == "took");
  const V taken = readings(*g, "taken");
  CHECK(std::find(taken.begin(), taken.end(), "take+2") != taken.end());
}
