// unspin fuzz target: cleanup's --in-place rewrite (examples/cleanup/
// in_place.cpp) of a temporary file holding arbitrary bytes.
#include <dirent.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "fuzz_common.hpp"
#include "in_place.hpp"

namespace {

using unspin_fuzz::check;

const unspin::Detector& detector() {
  return unspin_fuzz::shipped_detector(unspin::InvalidUtf8::kError);
}

const std::string& work_dir() {
  static const std::string dir = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string t = std::string(tmp && *tmp ? tmp : "/tmp") +
                    "/unspin-fuzz-in-place-XXXXXX";
    if (!::mkdtemp(t.data())) unspin_fuzz::fail("mkdtemp");
    return t;
  }();
  static const bool cleanup = [] {
    std::atexit([] { ::rmdir(work_dir().c_str()); });
    return true;
  }();
  (void)cleanup;
  return dir;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::size_t entries(const std::string& dir) {
  std::size_t n = 0;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (const dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      n += name != "." && name != "..";
    }
    ::closedir(d);
  }
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  detector();
  work_dir();
  return 0;
}

// Afterwards the file holds the original bytes (error, binary, nothing to
// change) or exactly the rewrite with the scan's findings, and the
// directory holds that file only: no temporary file is left behind.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string original(reinterpret_cast<const char*>(data), size);
  const std::string path = work_dir() + "/doc.txt";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(original.data(), static_cast<std::streamsize>(original.size()));
  }
  unspin_cli::InPlaceOutcome r =
      unspin_cli::rewrite_file(path, "doc.txt", detector(), {}, "");
  const std::string now = slurp(path);
  if (!r.rewritten) {
    check(now == original, "a file not rewritten keeps its bytes");
  } else {
    check(r.scan.has_value(), "a rewritten file was scanned");
    auto fixed = unspin::Detector::rewrite(original, r.scan->findings);
    check(fixed.ok() && now == *fixed, "a rewritten file holds the rewrite");
  }
  if (original.find('\0') != std::string::npos)
    check(r.binary && now == original, "a file with a NUL is left alone");
  check(entries(work_dir()) == 1, "no temporary file is left behind");
  ::unlink(path.c_str());
  return 0;
}
