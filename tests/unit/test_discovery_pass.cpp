// unspin tests: discovery over the scan's token windows gives exactly what
// discover() gives on each window with the final blocked ranges, even when
// those ranges grow after the window was read (table findings).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "discovery.hpp"
#include "discovery_pass.hpp"
#include "matcher.hpp"
#include "support.hpp"
#include "table.hpp"
#include "text.hpp"

using namespace unspin;
using namespace unspin::detail;

namespace {

const std::string kDir = std::string(UNSPIN_TEST_DATA_DIR) + "/discovery/";

// What discover_text() does, with windows of `window` bytes.
std::vector<Discovered> reference(const DiscoveryData& d,
                                  const std::string& text, std::size_t window,
                                  const Ranges& taken) {
  std::vector<Discovered> out, part;
  WindowReader reader(text, window);
  TokenWindow w;
  std::size_t last_end = 0;
  while (reader.next(w)) {
    part.clear();
    discover(d, text, w.tokens, part, taken);
    for (Discovered& x : part) {
      if (x.begin < w.own_begin || x.begin >= w.own_end || x.begin < last_end)
        continue;
      last_end = x.end;
      out.push_back(std::move(x));
    }
  }
  return out;
}

std::vector<std::string> render(const std::string& text,
                                const std::vector<Discovered>& found) {
  std::vector<std::string> r;
  for (const Discovered& x : found)
    r.push_back(std::to_string(x.begin) + ":" +
                text.substr(x.begin, x.end - x.begin) + "->" +
                x.suggestions[0]);
  return r;
}

}  // namespace

TEST_CASE(
    "discovery over shared windows equals discovery with the final "
    "ranges",
    "[discovery]") {
  auto d = unspin_test::tiny_discovery_data();
  std::string text;
  for (int i = 0; i < 120; ++i) {
    text += i % 2 ? "We use profound learning. "
                  : "Irregular woodlands grow fast. ";
    text += "They grow woodland and a profound learning";
    text += i % 3 ? ". " : " irregular woodland. ";
  }
  PhraseTrie trie;
  CompiledPhrase cp;
  REQUIRE(trie.compile("grow fast", cp));
  trie.info(trie.insert(cp)).variants.push_back(0);

  for (std::size_t window : {97u, 400u, 1u << 20}) {
    INFO("window " << window);
    // Ranges known only at the end (findings grown over an a/an), every
    // fifth one over a discovered span: those windows are read again.
    for (int extra_every : {0, 5}) {
      INFO("extra ranges every " << extra_every);
      PhraseTrie::Scratch scratch;
      HitSet found;
      trie.begin_hits(scratch, found);
      DiscoveryPass pass(*d);
      WindowReader reader(text, window);
      TokenWindow w;
      while (reader.next(w)) {
        trie.add_hits(text, w, scratch, found);
        pass.add(text, w, found);
      }
      Ranges spans;
      for (const Hit& h : found.variants) spans.emplace_back(h.begin, h.end);
      REQUIRE(spans.size() == 60);
      if (extra_every) {
        std::size_t pos = 0;
        for (int k = 0;
             (pos = text.find("a profound", pos)) != std::string::npos;
             ++k, ++pos)
          if (k % extra_every == 0) spans.emplace_back(pos, pos + 3);
      }
      const Ranges taken = merge_ranges(spans);
      std::vector<DiscoveredSpan> got;
      pass.finish(text, taken, got);
      std::vector<Discovered> got_plain;
      for (DiscoveredSpan& s : got) got_plain.push_back(s.found);
      const std::vector<Discovered> want = reference(*d, text, window, taken);
      CHECK(render(text, got_plain) == render(text, want));
      REQUIRE_FALSE(want.empty());
      for (const DiscoveredSpan& s : got) {
        CHECK((s.spun_lemma == "profound learning" ||
               s.spun_lemma == "irregular woodlands" ||
               s.spun_lemma == "irregular woodland"));
      }
    }
  }
}
