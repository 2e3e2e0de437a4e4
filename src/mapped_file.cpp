// unspin: MappedFile (mapped_file.hpp).
#include "mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace unspin::detail {
namespace {

Status io_error(const std::string& path, const std::string& why) {
  return Status(ErrorCode::kIoError, path + ": " + why);
}

}  // namespace

Result<MappedFile> MappedFile::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(path, std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    return io_error(path, std::strerror(e));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return io_error(path, "not a regular file");
  }
  MappedFile f;
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > 0) {
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      const int e = errno;
      ::close(fd);
      return io_error(path, std::string("cannot map: ") + std::strerror(e));
    }
    f.map_ = p;
    f.map_size_ = size;
    f.view_ = std::string_view(static_cast<const char*>(p), size);
  }
  ::close(fd);
  return f;
}

MappedFile MappedFile::from_bytes(std::string bytes) {
  MappedFile f;
  f.owned_ = std::move(bytes);
  f.view_ = f.owned_;
  return f;
}

MappedFile::MappedFile(MappedFile&& other) noexcept {
  *this = std::move(other);
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this == &other) return *this;
  release();
  map_ = std::exchange(other.map_, nullptr);
  map_size_ = std::exchange(other.map_size_, 0);
  if (map_ != nullptr) {
    view_ = std::exchange(other.view_, std::string_view());
  } else {
    // A short string lives in its own buffer: re-point the view after the
    // move.
    owned_ = std::move(other.owned_);
    view_ = owned_;
    other.owned_.clear();
    other.view_ = std::string_view();
  }
  return *this;
}

MappedFile::~MappedFile() { release(); }

void MappedFile::release() noexcept {
  if (map_ != nullptr) ::munmap(map_, map_size_);
  map_ = nullptr;
  map_size_ = 0;
  owned_.clear();
  view_ = std::string_view();
}

}  // namespace unspin::detail
