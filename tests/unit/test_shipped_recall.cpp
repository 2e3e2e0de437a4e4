// unspin tests: the shipped tables, with morphology, find every planted spun
// phrase of tests/data/spun at the default threshold and nothing in clean text.
#include <dirent.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "support.hpp"
#include "unspin/unspin.hpp"

namespace {

const std::string kSpun = UNSPIN_SOURCE_DIR "/tests/data/spun/";
const std::string kData = UNSPIN_BUILD_DATA_DIR;

std::vector<std::string> list(const std::string& dir,
                              const std::string& suffix) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > suffix.size() &&
          n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
        out.push_back(n);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

const unspin::Detector& shipped() {
  static const unspin::Detector detector = [] {
    auto o = unspin::options_from_data_dir(kData);
    if (!o.ok()) FAIL(o.status().message());
    auto d = unspin::Detector::create(*o);
    if (!d.ok()) FAIL(d.status().message());
    return std::move(d.value());
  }();
  return detector;
}

}  // namespace

TEST_CASE("the shipped tables find every planted spun phrase", "[shipped]") {
  const auto expected = list(kSpun, ".expected.txt");
  REQUIRE(expected.size() >= 3);
  std::size_t planted = 0;
  for (const std::string& e : expected) {
    std::string name =
        e.substr(0, e.size() - std::string(".expected.txt").size());
    std::string doc = unspin_test::read_file(kSpun + name + ".txt");
    auto r = shipped().scan(doc);
    REQUIRE(r.ok());
    std::istringstream lines(unspin_test::read_file(kSpun + e));
    for (std::string phrase; std::getline(lines, phrase);) {
      if (phrase.empty()) continue;
      ++planted;
      // Found: some finding covers an occurrence of the phrase (a/an may
      // widen the span; a line break inside the phrase counts as a space).
      bool found = false;
      for (const auto& f : r->findings) {
        std::string t = lower(f.text);
        std::replace(t.begin(), t.end(), '\n', ' ');
        found = found || t.find(lower(phrase)) != std::string::npos;
      }
      INFO(name << ": \"" << phrase << "\"");
      CHECK(found);
    }
  }
  CHECK(planted >= 80);
}

TEST_CASE("the shipped tables leave clean prose alone", "[shipped]") {
  for (const std::string& c : list(kSpun, ".txt")) {
    if (c.rfind("clean_", 0) != 0) continue;
    auto r = shipped().scan(unspin_test::read_file(kSpun + c));
    REQUIRE(r.ok());
    INFO(c);
    CHECK(r->findings.empty());
    CHECK_FALSE(r->verdict.spun);
  }
}
