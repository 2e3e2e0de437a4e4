// unspin fuzz target: cleanup's --stream record handler (examples/cleanup/
// stream.cpp) on arbitrary bytes as one JSON Lines record.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_common.hpp"
#include "stream.hpp"

namespace {

using unspin_fuzz::check;

const unspin::Detector& detector() {
  return unspin_fuzz::shipped_detector(unspin::InvalidUtf8::kError);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  detector();
  return 0;
}

// Whatever the bytes, the output is exactly one line holding one JSON
// object with an "unspin" object: {"error": ...} exactly when the handler
// reports an error, else findings, verdict and rewrite.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string raw(reinterpret_cast<const char*>(data), size);
  for (bool replace : {false, true}) {
    unspin_cli::StreamOptions options;
    options.replace_invalid_utf8 = replace;
    options.style.explain = size % 2 == 1;
    unspin_cli::RecordOutput r =
        unspin_cli::process_record(detector(), 7, raw, options);
    check(!r.out.empty() && r.out.back() == '\n', "output ends with a newline");
    check(r.out.find('\n') == r.out.size() - 1, "output is one line");
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(r.out.substr(0, r.out.size() - 1));
    } catch (const nlohmann::json::exception&) {
      unspin_fuzz::fail("output is valid JSON");
    }
    check(j.is_object(), "output is an object");
    auto it = j.find("unspin");
    check(it != j.end() && it->is_object(), "output has an unspin object");
    if (r.error.empty()) {
      check(it->contains("findings") && it->contains("verdict") &&
                it->contains("rewrite") && !it->contains("error"),
            "a good record gets findings, verdict and rewrite");
      check((*it)["findings"].size() == r.findings, "findings counted");
    } else {
      check(it->size() == 1 && (*it)["error"].is_string(),
            "a bad record gets {\"error\": ...} only");
    }
  }
  return 0;
}
