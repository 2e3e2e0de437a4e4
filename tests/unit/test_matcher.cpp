// unspin tests: the word trie matcher: vocabulary, gaps, and windowed
// scanning that must find exactly what a whole-text scan finds.
#include <catch2/catch.hpp>

#include "matcher.hpp"

using unspin::detail::CompiledPhrase;
using unspin::detail::Hit;
using unspin::detail::PhraseTrie;

namespace {

PhraseTrie make_trie(const std::vector<std::string>& phrases) {
  PhraseTrie trie;
  std::uint32_t id = 0;
  for (const std::string& p : phrases) {
    CompiledPhrase cp;
    REQUIRE(trie.compile(p, cp));
    trie.info(trie.insert(cp)).variants.push_back(id++);
  }
  return trie;
}

std::vector<std::string> spans(std::string_view text,
                               const std::vector<Hit>& hits) {
  std::vector<std::string> out;
  for (const Hit& h : hits)
    out.push_back(std::to_string(h.first) + ":" +
                  std::string(text.substr(h.begin, h.end - h.begin)));
  return out;
}

}  // namespace

TEST_CASE("finds every length of phrase at every start, whole words only",
          "[matcher]") {
  PhraseTrie trie = make_trie({"bad guy", "bad guy gang", "guy", "tcp/ip"});
  PhraseTrie::Scratch scratch;
  unspin::detail::HitSet hits;
  std::string text = "A bad-guy gang, badguy; TCP / IP and tcp ip.";
  std::size_t words = trie.find_hits(text, scratch, hits);
  CHECK(words == 10);
  CHECK(spans(text, hits.variants) ==
        std::vector<std::string>{"1:bad-guy", "1:bad-guy gang", "2:guy",
                                 "5:TCP / IP"});
}

TEST_CASE("windowed scanning finds exactly what a whole-text scan finds",
          "[matcher]") {
  PhraseTrie trie =
      make_trie({"bad guy gang", "human liberties", "counterfeit consciousness",
                 "a b c d e f", "x"});
  std::string text;
  for (int i = 0; i < 300; ++i) {
    text += i % 3 ? "bad guy\n gang and " : "human   liberties, ";
    text += "a b c d e f x counterfeit\tconsciousness. ";
    if (i % 7 == 0) text += "caf\xC3\xA9 \xE2\x80\x9Cx\xE2\x80\x9D ";
  }
  PhraseTrie::Scratch scratch;
  unspin::detail::HitSet whole_set;
  std::size_t n_whole =
      trie.find_hits(text, scratch, whole_set, text.size() + 1);
  const std::vector<Hit> whole = whole_set.variants;
  for (std::size_t window : {1u, 7u, 64u, 1000u}) {
    INFO("window " << window);
    unspin::detail::HitSet windowed_set;
    std::size_t n = trie.find_hits(text, scratch, windowed_set, window);
    const std::vector<Hit>& windowed = windowed_set.variants;
    CHECK(n == n_whole);
    REQUIRE(windowed.size() == whole.size());
    for (std::size_t i = 0; i < whole.size(); ++i) {
      CHECK(windowed[i].first == whole[i].first);
      CHECK(windowed[i].begin == whole[i].begin);
      CHECK(windowed[i].end == whole[i].end);
      CHECK(windowed[i].has_prev == whole[i].has_prev);
      CHECK(windowed[i].prev_begin == whole[i].prev_begin);
    }
  }
}

TEST_CASE("the vocabulary finds what it interned and nothing else",
          "[matcher]") {
  unspin::detail::Vocabulary v;
  for (int i = 0; i < 5000; ++i)
    CHECK(v.intern("w" + std::to_string(i)) == static_cast<unsigned>(i));
  CHECK(v.intern("w42") == 42u);
  CHECK(v.find("w4999") == 4999u);
  CHECK(v.find("w5000") == unspin::detail::kNoWord);
  CHECK(v.find("") == unspin::detail::kNoWord);
}
