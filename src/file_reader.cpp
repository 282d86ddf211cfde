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

absl::StatusOr<std::string> ReadFileWithin(const std::string& path,
                                           const FileSizeLimit& limit) {
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
  const std::string named_limit =
      absl::StrCat("the limit of ", limit.bytes, " bytes (",
                   std::string(limit.size), ") for ", std::string(limit.what));
  if (info.st_size > limit.bytes) {
    return FileError(path, absl::StrCat("is ", info.st_size,
                                        " bytes, more than ", named_limit));
  }
  constexpr size_t kChunk = size_t{1} << 16;
  std::string contents;
  // One chunk more than the size: the read that sees the end fits.
  contents.reserve(static_cast<size_t>(info.st_size) + kChunk);
  while (true) {
    const size_t used = contents.size();
    contents.resize(used + kChunk);
    const ssize_t got = read(file.fd, contents.data() + used, kChunk);
    if (got < 0) {
      contents.resize(used);
      if (errno == EINTR) continue;
      return FileError(path,
                       absl::StrCat("cannot read: ", std::strerror(errno)));
    }
    contents.resize(used + static_cast<size_t>(got));
    if (got == 0) break;
    // The file grew after fstat.
    if (static_cast<int64_t>(contents.size()) > limit.bytes) {
      return FileError(path, absl::StrCat("is more than ", named_limit));
    }
  }
  return contents;
}

absl::StatusOr<std::string> ReadConfigFile(const std::string& path) {
  return ReadFileWithin(path, {.bytes = kMaxConfigFileBytes,
                               .size = "16 MiB",
                               .what = "an input file"});
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
