// unspin fuzz target: the data-dir loaders for morphology: arbitrary .aff,
// .dic, irregular-forms and paradigm-cache text through Morphology::create()
// and Detector::create(), then paradigms of the words they hold.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "morphology.hpp"

namespace {

using unspin::DataSource;
using unspin::Detector;
using unspin::ErrorCode;
using unspin::Options;
using unspin::detail::Morphology;
using unspin_fuzz::check;

// An input is "AFF\n%%\nDIC\n%%\nIRREGULAR\n%%\nCACHE BODY" (later parts
// optional).
constexpr std::string_view kSeparator = "\n%%\n";

// A scratch dir for the .aff/.dic files (Hunspell reads only paths), made
// once per process.
const std::string& ScratchDir() {
  static const std::string dir = [] {
    char tmpl[] = "/tmp/unspin_fuzz_morph_XXXXXX";
    const char* d = mkdtemp(tmpl);
    if (d == nullptr) unspin_fuzz::fail("mkdtemp");
    return std::string(d);
  }();
  return dir;
}

void WriteFile(const std::string& path, std::string_view text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) unspin_fuzz::fail("cannot write a scratch file");
  if (!text.empty()) std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
}

std::uint64_t Fnv64(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string Hex(std::uint64_t v) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4)
    out[static_cast<std::size_t>(i)] = kDigits[v & 15];
  return out;
}

// A paradigm cache around `body` with the key and seal the loader checks
// (src/morphology.cpp), so that fuzzed bodies get past them.
std::string SealedCache(std::string_view aff, std::string_view dic,
                        std::string_view irregular, std::string body) {
  if (!body.empty() && body.back() != '\n') body += '\n';
  std::size_t lines = 0;
  for (char c : body) lines += c == '\n';
  return std::string("# unspin paradigms v1 unspin=") + unspin::version() +
         " aff=" + Hex(Fnv64(aff)) + " dic=" + Hex(Fnv64(dic)) +
         " irregular=" + Hex(Fnv64(irregular)) + "\n" + body + "# end " +
         std::to_string(lines) + " " + Hex(Fnv64(body)) + "\n";
}

// Up to `max` lowercase words of `text` (the first field of each line).
std::vector<std::string> Words(std::string_view text, std::size_t max) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size() && out.size() < max) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    std::size_t end = line.find_first_of("/\t ");
    std::string w(line.substr(0, end));
    if (!w.empty() && w.size() <= 64) out.push_back(std::move(w));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view part[4];
  for (int i = 0; i < 4; ++i) {
    std::size_t cut = i == 3 ? std::string_view::npos : input.find(kSeparator);
    part[i] = input.substr(0, cut);
    input = cut == std::string_view::npos
                ? std::string_view()
                : input.substr(cut + kSeparator.size());
  }
  const std::string aff = ScratchDir() + "/en_US.aff";
  const std::string dic = ScratchDir() + "/en_US.dic";
  WriteFile(aff, part[0]);
  WriteFile(dic, part[1]);
  const std::string cache =
      part[3].empty()
          ? std::string()
          : SealedCache(part[0], part[1], part[2], std::string(part[3]));

  auto m = Morphology::create(aff, dic, part[2], "irregular.tsv", cache);
  if (!m.ok()) {
    ErrorCode c = m.status().code();
    check(c == ErrorCode::kParseError, "bad morphology data is a parse error");
    check(m.status().message().find('\n') == std::string::npos,
          "error messages are one line");
  } else {
    for (std::string_view text : {part[1], part[2], part[3]}) {
      for (const std::string& w : Words(text, 40)) {
        auto ps = (*m)->paradigms(w);
        check(!ps.empty(), "paradigms() is never empty");
      }
    }
    for (const char* w :
         {"killed", "ran", "gangs", "unhappier", "eliminations"})
      check(!(*m)->paradigms(w).empty(), "paradigms() is never empty");
    (void)(*m)->export_cache();
  }

  // The same files behind a Detector, with a table whose words the
  // paradigms are compiled for.
  Options o;
  o.tables.push_back(
      DataSource::from_file(unspin_fuzz::kTestData + "/tables/mini.tsv"));
  o.hunspell_aff = aff;
  o.hunspell_dic = dic;
  o.irregular_forms =
      DataSource::from_text("irregular.tsv", std::string(part[2]));
  if (!cache.empty()) o.morphology_cache = DataSource::from_text("c", cache);
  o.min_confidence = 0;
  o.invalid_utf8 = unspin::InvalidUtf8::kReplace;
  auto d = Detector::create(o);
  if (!d.ok()) {
    ErrorCode c = d.status().code();
    check(c == ErrorCode::kParseError, "bad morphology data is a parse error");
    return 0;
  }
  const std::string text =
      "Bad guy gangs eliminated the counterfeit consciousness; they ran.";
  auto r = d->scan(text);
  check(r.ok(), "kReplace scan never fails");
  unspin_fuzz::check_scan(text, *r);
  return 0;
}
