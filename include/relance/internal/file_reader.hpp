// relance/internal/file_reader.hpp
// -----------------------------------------------------------------------------
// Reading a configuration file whole, for the `FromFile` helpers
// (Policy::FromFile, PenaltyRuleFromFile) and the command's input files:
// one set of checks, so a wrong path fails clearly and quickly.
#ifndef RELANCE_INTERNAL_FILE_READER_HPP_
#define RELANCE_INTERNAL_FILE_READER_HPP_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace relance::internal {

// The largest configuration file read: 16 MiB. A policy, rule or rate series
// is a few kilobytes; the limit keeps a wrong path (a log, a disk image) from
// being read into memory.
inline constexpr int64_t kMaxConfigFileBytes = int64_t{16} << 20;

// The largest file a reader takes, and how its messages name the limit:
// "the limit of 16777216 bytes (16 MiB) for an input file".
struct FileSizeLimit {
  int64_t bytes = 0;
  std::string_view size = {};  // "16 MiB"
  std::string_view what = {};  // "an input file"
};

// Reads a whole file. Only a regular file of at most `limit.bytes` is read: a
// directory, a FIFO, a device or a socket is refused before anything is
// read, as is a larger file (or one that grows past the limit while read),
// and opening never blocks. Errors: kInvalidArgument `file "<path>": <why>`
// (`cannot open: No such file or directory`, `is a directory, expected a
// regular file`, `is 5000000000 bytes, more than the limit of ...`).
[[nodiscard]] absl::StatusOr<std::string> ReadFileWithin(
    const std::string& path, const FileSizeLimit& limit);

// ReadFileWithin with the limit of a configuration file
// (kMaxConfigFileBytes).
[[nodiscard]] absl::StatusOr<std::string> ReadConfigFile(
    const std::string& path);

// `status` with its message prefixed by the file it is about,
// `<path>: <message>` (the path quoted when it is not short plain text), the
// code kept.
[[nodiscard]] absl::Status InConfigFile(const std::string& path,
                                        const absl::Status& status);

// Reads the file at `path` (ReadConfigFile) and parses its text with
// `parse` (a callable taking std::string_view and returning
// absl::StatusOr<T>): the `FromFile` helpers. A parse error keeps its code,
// its message prefixed with the path (InConfigFile).
template <typename Parse>
auto ParseConfigFile(const std::string& path, const Parse& parse)
    -> decltype(parse(std::string_view())) {
  absl::StatusOr<std::string> text = ReadConfigFile(path);
  if (!text.ok()) return text.status();
  auto parsed = parse(std::string_view(*text));
  if (!parsed.ok()) return InConfigFile(path, parsed.status());
  return parsed;
}

}  // namespace relance::internal

#endif  // RELANCE_INTERNAL_FILE_READER_HPP_
