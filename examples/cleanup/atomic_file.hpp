// unspin cleanup: writing a file atomically (a temporary next to it, fsync,
// rename), the one copy of that sequence; used by --in-place and dict import.
#ifndef UNSPIN_EXAMPLES_CLEANUP_ATOMIC_FILE_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_ATOMIC_FILE_HPP_

#include <sys/stat.h>

#include <string>
#include <string_view>

namespace unspin_cli {

/// "NAME: strerror(err)".
std::string errno_message(const std::string& name, int err);

/// Writes all of `data` to `fd`; false with errno set on failure.
bool write_all(int fd, std::string_view data);

/// Just before the rename over `path`: still the regular file `like`?
/// Returns "" or the error message.
std::string still_same_file(const std::string& path, const std::string& shown,
                            const struct stat& like);

/// fsync of the directory holding `path`, so a rename is durable.
void sync_directory_of(const std::string& path);

/// A temporary file next to `path` ("PATH.TAG-XXXXXX"), on a descriptor
/// above 2 (never one of the standard streams), removed unless commit()
/// renamed it over `path`. The one place of the temporary + fsync + rename
/// sequence. Not thread-safe (one object per file being written).
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();

  /// Creates the temporary with the mode of `like` (and its owner, when
  /// allowed), to replace the file `like`. "" or the message (nothing is
  /// left behind).
  std::string open(const std::string& path, const std::string& shown,
                   const struct stat& like, std::string_view tag = "cleanup");
  /// Creates the temporary for a new file: mode 0666 minus the umask, as
  /// open(2) would create it. "" or the message.
  std::string open_new(const std::string& path, const std::string& shown,
                       std::string_view tag = "cleanup");
  /// The descriptor to write to (valid after a successful open).
  int fd() const { return fd_; }
  /// fsync, close and rename over `path`; with `check` (only after open()),
  /// only while `path` is still the file `like` (still_same_file). "" or
  /// the message; on an error the temporary is removed.
  std::string commit(bool check);

 private:
  std::string create(const std::string& path, const std::string& shown,
                     std::string_view tag);

  std::string path_;
  std::string shown_;
  std::string tmp_;
  struct stat like_ {};
  int fd_ = -1;
};

/// Atomically replaces `path` with `data`: a TempFile with the permissions
/// of `like` (and owner, when allowed), fsync, rename. With `check`, `path`
/// must still be the file `like` right before the rename. The temporary
/// file is removed on any error. "" or the message.
std::string write_atomically(const std::string& path, const std::string& shown,
                             const std::string& data, const struct stat& like,
                             bool check);

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_ATOMIC_FILE_HPP_
