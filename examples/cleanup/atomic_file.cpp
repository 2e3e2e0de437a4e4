// unspin cleanup: TempFile and write_atomically(): a temporary file next to
// the target, fsync, optional same-file check, rename; removed on any error.
#include "atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace unspin_cli {

std::string errno_message(const std::string& name, int err) {
  return name + ": " + std::strerror(err);
}

bool write_all(int fd, std::string_view data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::string still_same_file(const std::string& path, const std::string& shown,
                            const struct stat& like) {
  struct stat now;
  if (::lstat(path.c_str(), &now) != 0) return errno_message(shown, errno);
  if (!S_ISREG(now.st_mode) || now.st_dev != like.st_dev ||
      now.st_ino != like.st_ino) {
    return shown + ": replaced while being rewritten, not rewritten";
  }
  return {};
}

void sync_directory_of(const std::string& path) {
  std::string dir = path.substr(0, path.find_last_of('/') + 1);
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

TempFile::~TempFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!tmp_.empty()) ::unlink(tmp_.c_str());
}

std::string TempFile::create(const std::string& path, const std::string& shown,
                             std::string_view tag) {
  path_ = path;
  shown_ = shown;
  std::string tmp = path + "." + std::string(tag) + "-XXXXXX";
  fd_ = ::mkstemp(tmp.data());
  if (fd_ < 0) return errno_message(shown, errno);
  tmp_ = tmp;
  if (fd_ <= STDERR_FILENO)
    return shown + ": no safe descriptor for a temporary";
  return {};
}

std::string TempFile::open(const std::string& path, const std::string& shown,
                           const struct stat& like, std::string_view tag) {
  like_ = like;
  if (std::string err = create(path, shown, tag); !err.empty()) return err;
  if (::fchmod(fd_, like.st_mode & 07777) != 0)
    return errno_message(shown, errno);
  // Keeping the owner only works for root; otherwise the file becomes ours,
  // as with any editor that writes a new file.
  if (like.st_uid != ::geteuid() || like.st_gid != ::getegid())
    (void)!::fchown(fd_, like.st_uid, like.st_gid);
  return {};
}

std::string TempFile::open_new(const std::string& path,
                               const std::string& shown, std::string_view tag) {
  if (std::string err = create(path, shown, tag); !err.empty()) return err;
  // mkstemp makes 0600; a new file gets rw for all minus the umask.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd_, 0666 & ~mask) != 0) return errno_message(shown, errno);
  return {};
}

std::string TempFile::commit(bool check) {
  std::string err;
  if (::fsync(fd_) != 0) err = errno_message(shown_, errno);
  if (::close(fd_) != 0 && err.empty()) err = errno_message(shown_, errno);
  fd_ = -1;
  if (err.empty() && check) err = still_same_file(path_, shown_, like_);
  if (err.empty() && ::rename(tmp_.c_str(), path_.c_str()) != 0)
    err = errno_message(shown_, errno);
  if (err.empty()) tmp_.clear();  // renamed: nothing to remove
  return err;
}

std::string write_atomically(const std::string& path, const std::string& shown,
                             const std::string& data, const struct stat& like,
                             bool check) {
  TempFile tmp;
  if (std::string err = tmp.open(path, shown, like); !err.empty()) return err;
  if (!write_all(tmp.fd(), data)) return errno_message(shown, errno);
  return tmp.commit(check);
}

}  // namespace unspin_cli
