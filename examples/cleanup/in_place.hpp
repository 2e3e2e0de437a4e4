// unspin cleanup: --in-place: which files may be rewritten, and the atomic
// rewrite itself (temporary file, fsync, re-check, rename, directory fsync).
#ifndef UNSPIN_EXAMPLES_CLEANUP_IN_PLACE_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_IN_PLACE_HPP_

#include <sys/stat.h>

#include <optional>
#include <string>
#include <string_view>
#include <unspin/unspin.hpp>

namespace unspin_cli {

/// "NAME: strerror(err)".
std::string errno_message(const std::string& name, int err);

/// Reads a whole file (or stdin for "-") into `out`; `shown` names it in
/// messages. With `expect`, the file opened must be that regular file (same
/// device and inode). Returns "" or the message (without "cleanup: ").
std::string read_input(const std::string& arg, const std::string& shown,
                       std::string& out, const struct stat* expect = nullptr);

/// Writes all of `data` to `fd`; false with errno set on failure.
bool write_all(int fd, std::string_view data);

/// The file `arg` names, as --in-place may rewrite it: symbolic links are
/// resolved into `path` (the link itself stays), and anything but a regular
/// file - a FIFO, a device, a directory, or a link through /proc (whose
/// target depends on the descriptors of the process reading it) - is
/// refused ("NAME: not a regular file, not rewritten"). `st` gets the
/// file's status. Returns "" or the error message.
std::string target_for_rewrite(const std::string& arg, const std::string& shown,
                               std::string& path, struct stat& st);

/// Just before the rename over `path`: still the regular file `like`?
/// Returns "" or the error message.
std::string still_same_file(const std::string& path, const std::string& shown,
                            const struct stat& like);

/// fsync of the directory holding `path`, so a rename is durable.
void sync_directory_of(const std::string& path);

/// A temporary file next to `path` ("PATH.cleanup-XXXXXX") with the mode
/// of `like` (and its owner, when allowed), on a descriptor above 2 (never
/// one of the standard streams); removed unless commit() renamed it over
/// `path`. The one place of the temporary + fsync + rename sequence.
class TempFile {
 public:
  TempFile() = default;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();

  /// Creates the temporary; "" or the message (nothing is left behind).
  std::string open(const std::string& path, const std::string& shown,
                   const struct stat& like);
  /// The descriptor to write to (valid after a successful open()).
  int fd() const { return fd_; }
  /// fsync, close and rename over `path`; with `check`, only while `path`
  /// is still the file `like` (still_same_file). "" or the message; on an
  /// error the temporary is removed.
  std::string commit(bool check);

 private:
  std::string path_;
  std::string shown_;
  std::string tmp_;
  struct stat like_ {};
  int fd_ = -1;
};

/// Atomically replaces `path` with `data`: a temporary file in the same
/// directory with the permissions of `like` (and owner, when allowed),
/// fsync, rename. With `check`, `path` must still be the file `like` right
/// before the rename. The temporary file is removed on any error.
std::string write_atomically(const std::string& path, const std::string& shown,
                             const std::string& data, const struct stat& like,
                             bool check);

/// Rewrites the regular file `path` (resolved by target_for_rewrite, status
/// `st`) with `fixed`, after saving `original` to arg+suffix when a suffix
/// is given. The link `arg`, if it is one, stays. A hard link is broken:
/// `path` becomes a new file, the other names keep the original.
std::string rewrite_in_place(const std::string& arg, const std::string& shown,
                             const std::string& path, const struct stat& st,
                             const std::string& original,
                             const std::string& fixed,
                             const std::string& suffix);

/// Copies file `from` to a new file `to` atomically (temporary file, fsync,
/// rename), in chunks, with the mode of `like`. Returns "" or the message.
std::string copy_atomically(const std::string& from, const std::string& to,
                            const struct stat& like);

/// What rewrite_file() did.
struct InPlaceOutcome {
  std::string error;  ///< "" or the message; the file is then untouched
  bool binary = false;     ///< a NUL byte: not a document, untouched
  bool empty = false;      ///< the file was empty
  bool rewritten = false;  ///< the file now holds the rewrite
  std::optional<unspin::ScanResult> scan;  ///< the findings, when scanned
  std::string original;  ///< the text read, when scanned
};

/// --in-place for a file small enough to hold in memory: checks it is a
/// regular file, reads, scans and, when a finding changes it, rewrites it
/// atomically. Afterwards the file holds either what it held (any error,
/// binary, nothing to change) or exactly Detector::rewrite of it, and no
/// temporary file is left (unless the process is killed).
InPlaceOutcome rewrite_file(const std::string& arg, const std::string& shown,
                            const unspin::Detector& detector,
                            const std::string& backup_suffix);

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_IN_PLACE_HPP_
