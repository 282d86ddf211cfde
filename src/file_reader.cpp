#include "relance/internal/file_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "relance/internal/quote.hpp"

namespace relance::internal {
namespace {

std::string FileKind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

absl::Status FileError(const std::string& path, std::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("file ", QuoteForMessage(path), ": ", std::string(why)));
}

// Closes a file descriptor when it goes out of scope.
struct FileDescriptor {
  int fd = -1;
  ~FileDescriptor() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

absl::StatusOr<std::string> ReadConfigFile(const std::string& path) {
  // Open without blocking (a FIFO with no writer would wait forever), then
  // look at what was opened, not at the path.
  FileDescriptor file{open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY)};
  if (file.fd < 0) {
    return FileError(path, absl::StrCat("cannot open: ", std::strerror(errno)));
  }
  struct stat info;
  if (fstat(file.fd, &info) != 0) {
    return FileError(path, absl::StrCat("cannot stat: ", std::strerror(errno)));
  }
  if (!S_ISREG(info.st_mode)) {
    return FileError(path, absl::StrCat("is ", FileKind(info.st_mode),
                                        ", expected a regular file"));
  }
  const std::string limit =
      absl::StrCat(kMaxConfigFileBytes, " bytes (16 MiB) for an input file");
  if (info.st_size > kMaxConfigFileBytes) {
    return FileError(path,
                     absl::StrCat("is ", info.st_size,
                                  " bytes, more than the limit of ", limit));
  }
  std::string contents;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = read(file.fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return FileError(path,
                       absl::StrCat("cannot read: ", std::strerror(errno)));
    }
    if (got == 0) break;
    contents.append(buffer, static_cast<size_t>(got));
    // The file grew after fstat.
    if (static_cast<int64_t>(contents.size()) > kMaxConfigFileBytes) {
      return FileError(path, absl::StrCat("is more than the limit of ", limit));
    }
  }
  return contents;
}

absl::Status InConfigFile(const std::string& path, const absl::Status& status) {
  const bool plain = !path.empty() && path.size() <= kMaxQuotedCharacters &&
                     QuoteForMessage(path) == absl::StrCat("\"", path, "\"") &&
                     path.find_first_of(" \"'") == std::string::npos;
  return absl::Status(status.code(),
                      absl::StrCat(plain ? path : QuoteForMessage(path), ": ",
                                   status.message()));
}

}  // namespace relance::internal
