// unspin cleanup: --in-place: which files may be rewritten, and the rewrite
// (through atomic_file.hpp: temporary file, fsync, re-check, rename).
#ifndef UNSPIN_EXAMPLES_CLEANUP_IN_PLACE_HPP_
#define UNSPIN_EXAMPLES_CLEANUP_IN_PLACE_HPP_

#include <sys/stat.h>

#include <optional>
#include <string>
#include <string_view>
#include <unspin/unspin.hpp>

#include "atomic_file.hpp"

namespace unspin_cli {

/// Reads a whole file (or stdin for "-") into `out`; `shown` names it in
/// messages. With `expect`, the file opened must be that regular file (same
/// device and inode). Returns "" or the message (without "cleanup: ").
std::string read_input(const std::string& arg, const std::string& shown,
                       std::string& out, const struct stat* expect = nullptr);

/// The file `arg` names, as --in-place may rewrite it: symbolic links are
/// resolved into `path` (the link itself stays), and anything but a regular
/// file - a FIFO, a device, a directory, or a link through /proc (whose
/// target depends on the descriptors of the process reading it) - is
/// refused ("NAME: not a regular file, not rewritten"). `st` gets the
/// file's status. Returns "" or the error message.
std::string target_for_rewrite(const std::string& arg, const std::string& shown,
                               std::string& path, struct stat& st);

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
  std::string error;       ///< "" or the message; the file is then untouched
  bool binary = false;     ///< a NUL byte: not a document, untouched
  bool empty = false;      ///< the file was empty
  bool rewritten = false;  ///< the file now holds the rewrite
  std::optional<unspin::ScanResult> scan;  ///< the findings, when scanned
  std::string original;                    ///< the text read, when scanned
};

/// --in-place for a file small enough to hold in memory: checks it is a
/// regular file, reads, scans and, when a finding changes it, rewrites it
/// atomically. Afterwards the file holds either what it held (any error,
/// binary, nothing to change) or exactly Detector::rewrite of it, and no
/// temporary file is left (unless the process is killed).
InPlaceOutcome rewrite_file(const std::string& arg, const std::string& shown,
                            const unspin::Detector& detector,
                            const unspin::ScanOptions& scan_options,
                            const std::string& backup_suffix);

}  // namespace unspin_cli

#endif  // UNSPIN_EXAMPLES_CLEANUP_IN_PLACE_HPP_
