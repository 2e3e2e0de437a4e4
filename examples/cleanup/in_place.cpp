// unspin cleanup: --in-place. Only regular files are rewritten, through a
// TempFile (atomic_file.hpp) re-checked before the rename.
#include "in_place.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "output.hpp"

namespace unspin_cli {

/// Reads a whole file (or stdin for "-") into `out`. With `expect`, the
/// file opened must be that regular file (same device and inode).
/// Returns "" on success or the error message (without the "cleanup: ").
std::string read_input(const std::string& arg, const std::string& shown,
                       std::string& out, const struct stat* expect) {
  const bool is_stdin = arg == "-";
  const std::string& name = shown;
  int fd = is_stdin ? STDIN_FILENO : ::open(arg.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno_message(name, errno);
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (!is_stdin) ::close(fd);
    return name + ": is a directory";
  }
  if (expect && (!S_ISREG(st.st_mode) || st.st_dev != expect->st_dev ||
                 st.st_ino != expect->st_ino)) {
    if (!is_stdin) ::close(fd);
    return name + ": replaced while being read, not rewritten";
  }
  out.clear();
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    out.reserve(static_cast<std::size_t>(st.st_size));
  }
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      if (!is_stdin) ::close(fd);
      return errno_message(name, err);
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  if (!is_stdin) ::close(fd);
  return {};
}

/// The file `arg` names, as --in-place may rewrite it: symbolic links are
/// resolved into `path` (the link itself stays), and anything but a regular
/// file - a FIFO, a device, a directory, or a link through /proc (whose
/// target depends on the descriptors of the process reading it) - is
/// refused. `st` gets the file's status. Returns "" or the error message.
std::string target_for_rewrite(const std::string& arg, const std::string& shown,
                               std::string& path, struct stat& st) {
  std::string refused = shown + ": not a regular file, not rewritten";
  auto under_proc = [](const std::string& p) {
    std::string dir =
        p.find('/') == std::string::npos
            ? "."
            : p.substr(0, std::max<std::size_t>(1, p.find_last_of('/')));
    char real[PATH_MAX];
    if (!::realpath(dir.c_str(), real)) return false;
    std::string r = real;
    return r == "/proc" || r.rfind("/proc/", 0) == 0;
  };
  std::string p = arg;
  for (int hops = 0; hops < 40; ++hops) {
    if (under_proc(p)) return refused;
    struct stat lst;
    if (::lstat(p.c_str(), &lst) != 0 || !S_ISLNK(lst.st_mode)) break;
    char target[PATH_MAX];
    ssize_t n = ::readlink(p.c_str(), target, sizeof target - 1);
    if (n < 0) break;
    std::string t(target, static_cast<std::size_t>(n));
    if (t.empty() || t[0] != '/') {
      std::size_t slash = p.find_last_of('/');
      t = (slash == std::string::npos ? std::string()
                                      : p.substr(0, slash + 1)) +
          t;
    }
    p = t;
  }
  char resolved[PATH_MAX];
  if (!::realpath(arg.c_str(), resolved)) return errno_message(shown, errno);
  path = resolved;
  if (::stat(path.c_str(), &st) != 0) return errno_message(shown, errno);
  if (!S_ISREG(st.st_mode)) return refused;
  return {};
}

/// Rewrites the regular file `path` (resolved by target_for_rewrite, status
/// `st`) with `fixed`, after saving `original` to arg+suffix when a suffix
/// is given. The link `arg`, if it is one, stays.
std::string rewrite_in_place(const std::string& arg, const std::string& shown,
                             const std::string& path, const struct stat& st,
                             const std::string& original,
                             const std::string& fixed,
                             const std::string& suffix) {
  if (!suffix.empty()) {
    std::string err = write_atomically(
        arg + suffix, printable_name(arg + suffix), original, st, false);
    if (!err.empty()) return err;
  }
  std::string err = write_atomically(path, shown, fixed, st, true);
  if (!err.empty()) return err;
  sync_directory_of(path);  // make the rename itself durable
  return {};
}

/// Copies file `from` to a new file `to` atomically (TempFile), in chunks.
/// Returns "" or the error message.
std::string copy_atomically(const std::string& from, const std::string& to,
                            const struct stat& like) {
  const std::string shown_to = printable_name(to);
  int in = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) return errno_message(printable_name(from), errno);
  TempFile tmp;
  std::string err = tmp.open(to, shown_to, like);
  std::vector<char> chunk(1 << 20);
  while (err.empty()) {
    ssize_t n = ::read(in, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) err = errno_message(printable_name(from), errno);
    if (n <= 0) break;
    if (!write_all(tmp.fd(),
                   std::string_view(chunk.data(), static_cast<std::size_t>(n))))
      err = errno_message(shown_to, errno);
  }
  ::close(in);
  if (!err.empty()) return err;
  return tmp.commit(false);
}

InPlaceOutcome rewrite_file(const std::string& arg, const std::string& shown,
                            const unspin::Detector& detector,
                            const unspin::ScanOptions& scan_options,
                            const std::string& backup_suffix) {
  InPlaceOutcome r;
  std::string path;
  struct stat st;
  if (std::string err = target_for_rewrite(arg, shown, path, st);
      !err.empty()) {
    r.error = err;
    return r;
  }
  std::string text;
  if (std::string err = read_input(path, shown, text, &st); !err.empty()) {
    r.error = err;
    return r;
  }
  if (text.find('\0') != std::string::npos) {
    r.binary = true;
    return r;
  }
  r.empty = text.empty();
  unspin::Result<unspin::ScanResult> scanned =
      detector.scan(text, scan_options);
  if (!scanned.ok()) {
    r.error = shown + ": " + scanned.status().message();
    return r;
  }
  unspin::Result<std::string> fixed =
      unspin::Detector::rewrite(text, scanned->findings);
  if (!fixed.ok()) {
    r.error = shown + ": " + fixed.status().message();
    return r;
  }
  r.scan = std::move(*scanned);
  if (*fixed != text) {
    r.error =
        rewrite_in_place(arg, shown, path, st, text, *fixed, backup_suffix);
    r.rewritten = r.error.empty();
  }
  r.original = std::move(text);
  return r;
}

}  // namespace unspin_cli
