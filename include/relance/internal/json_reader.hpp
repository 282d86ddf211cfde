// relance/internal/json_reader.hpp
// -----------------------------------------------------------------------------
// Strict reading of relance's JSON documents (calendars, terms, rules,
// policies) with nlohmann-json, without exceptions leaving the library.
//
// Every error is kInvalidArgument and reads "<subject>: <path>: <what>", e.g.
// `calendar: holidays[2].month: expected an integer, got string`, so a host
// can point at the offending field. Duplicate keys, which nlohmann would
// resolve silently (keeping the last), are rejected.
#ifndef RELANCE_INTERNAL_JSON_READER_HPP_
#define RELANCE_INTERNAL_JSON_READER_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "relance/date.hpp"

namespace relance::internal {

using Json = nlohmann::json;

class JsonReader {
 public:
  // `subject` prefixes every message ("calendar", "terms").
  explicit JsonReader(std::string subject) : subject_(std::move(subject)) {}

  // Parses a whole document. Errors: `<subject>: invalid JSON: <parser
  // message with line and column>`, or a duplicate key.
  [[nodiscard]] absl::StatusOr<Json> Parse(std::string_view text) const;

  // `<subject>: <path>: <message>`; an empty path is the top level.
  [[nodiscard]] absl::Status Invalid(std::string_view path,
                                     std::string_view message) const;
  // `<subject>: <path>: expected <expected>, got <type>`.
  [[nodiscard]] absl::Status WrongType(std::string_view path,
                                       std::string_view expected,
                                       const Json& value) const;
  // Rejects keys of `object` outside `allowed`, listing the allowed ones.
  [[nodiscard]] absl::Status CheckKeys(
      std::string_view path, const Json& object,
      const std::vector<std::string_view>& allowed) const;
  // Typed getters: the value must already have that JSON type (no
  // conversion from strings to numbers or back).
  [[nodiscard]] absl::StatusOr<std::string> GetString(std::string_view path,
                                                      const Json& value) const;
  [[nodiscard]] absl::StatusOr<int> GetInt(std::string_view path,
                                           const Json& value) const;
  [[nodiscard]] absl::StatusOr<bool> GetBool(std::string_view path,
                                             const Json& value) const;
  // A string holding a YYYY-MM-DD date; ParseDate's message is kept.
  [[nodiscard]] absl::StatusOr<Date> GetDate(std::string_view path,
                                             const Json& value) const;
  // A string value read by `parse` (any callable taking std::string_view and
  // returning absl::StatusOr<T>, such as ParseRoundingMode); a parse error is
  // re-prefixed with `<subject>: <path>: `.
  template <typename Parser>
  auto GetParsed(std::string_view path, const Json& value,
                 const Parser& parse) const
      -> decltype(parse(std::string_view())) {
    absl::StatusOr<std::string> text = GetString(path, value);
    if (!text.ok()) return text.status();
    auto parsed = parse(std::string_view(*text));
    if (!parsed.ok()) return AtPath(path, parsed.status());
    return parsed;
  }

  // Re-prefixes an error from a nested parser with `<subject>: <path>: `.
  [[nodiscard]] absl::Status AtPath(std::string_view path,
                                    const absl::Status& status) const;

  // "integer", "number", "string", "object", ...
  static std::string TypeName(const Json& value);

 private:
  std::string subject_;
};

}  // namespace relance::internal

#endif  // RELANCE_INTERNAL_JSON_READER_HPP_
