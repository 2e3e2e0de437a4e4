// unspin: a read-only file mapped into memory (mmap), or bytes held in
// memory for tests, behind one view. Data files that are used in place
// (no parse at start-up; pages shared between processes) read through it.
#ifndef UNSPIN_SRC_MAPPED_FILE_HPP_
#define UNSPIN_SRC_MAPPED_FILE_HPP_

#include <cstddef>
#include <string>
#include <string_view>

#include "unspin/unspin.hpp"

namespace unspin::detail {

class MappedFile {
 public:
  MappedFile() = default;
  /// Maps `path` read-only. kIoError (with the path and the reason) when it
  /// cannot be opened, is not a regular file, or cannot be mapped; an empty
  /// file maps to an empty view.
  static Result<MappedFile> open(const std::string& path);
  /// Holds `bytes` (tests and in-memory data).
  static MappedFile from_bytes(std::string bytes);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return view_; }

 private:
  void release() noexcept;

  void* map_ = nullptr;  ///< the mapping, when mapped
  std::size_t map_size_ = 0;
  std::string owned_;  ///< the bytes, when held in memory
  std::string_view view_;
};

}  // namespace unspin::detail

#endif  // UNSPIN_SRC_MAPPED_FILE_HPP_
