#include "relance/internal/json_reader.hpp"

#include <cstdint>
#include <limits>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance::internal {

absl::StatusOr<Json> JsonReader::Parse(std::string_view text) const {
  std::vector<std::set<std::string>> keys_by_depth;
  std::string duplicate;
  const Json::parser_callback_t on_event =
      [&](int /*depth*/, Json::parse_event_t event, Json& parsed) {
        switch (event) {
          case Json::parse_event_t::object_start:
            keys_by_depth.emplace_back();
            break;
          case Json::parse_event_t::key:
            if (!keys_by_depth.empty() && parsed.is_string() &&
                !keys_by_depth.back()
                     .insert(parsed.get_ref<const std::string&>())
                     .second &&
                duplicate.empty()) {
              duplicate = parsed.get_ref<const std::string&>();
            }
            break;
          case Json::parse_event_t::object_end:
            if (!keys_by_depth.empty()) keys_by_depth.pop_back();
            break;
          default:
            break;
        }
        return true;
      };
  Json document;
  try {
    document = Json::parse(text.begin(), text.end(), on_event,
                           /*allow_exceptions=*/true,
                           /*ignore_comments=*/false);
  } catch (const Json::exception& error) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: ..."
    std::string_view message = error.what();
    const size_t bracket = message.find("] ");
    if (bracket != std::string_view::npos) message.remove_prefix(bracket + 2);
    // The parser echoes the token it read ("; last read: '<token>'"), which
    // may be a whole string of the document: quote it as any other input.
    constexpr std::string_view kLastRead = "; last read: '";
    const size_t last_read = message.find(kLastRead);
    if (last_read != std::string_view::npos && message.ends_with('\'')) {
      const size_t token_start = last_read + kLastRead.size();
      const std::string_view token =
          message.substr(token_start, message.size() - 1 - token_start);
      return absl::InvalidArgumentError(absl::StrCat(
          subject_,
          ": invalid JSON: ", std::string(message.substr(0, last_read)),
          "; last read: ", QuoteForMessage(token)));
    }
    return absl::InvalidArgumentError(
        absl::StrCat(subject_, ": invalid JSON: ", std::string(message)));
  }
  if (!duplicate.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        subject_, ": invalid JSON: key ", QuoteForMessage(duplicate),
        " appears twice in an object"));
  }
  return document;
}

absl::Status JsonReader::Invalid(std::string_view path,
                                 std::string_view message) const {
  if (path.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(subject_, ": ", std::string(message)));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      subject_, ": ", std::string(path), ": ", std::string(message)));
}

absl::Status JsonReader::AtPath(std::string_view path,
                                const absl::Status& status) const {
  const std::string message(status.message());
  if (path.empty()) {
    return absl::Status(status.code(), absl::StrCat(subject_, ": ", message));
  }
  return absl::Status(
      status.code(),
      absl::StrCat(subject_, ": ", std::string(path), ": ", message));
}

std::string JsonReader::TypeName(const Json& value) {
  if (value.is_number_integer()) return "integer";
  if (value.is_number_float()) return "number";
  return value.type_name();
}

absl::Status JsonReader::WrongType(std::string_view path,
                                   std::string_view expected,
                                   const Json& value) const {
  return Invalid(path, absl::StrCat("expected ", std::string(expected),
                                    ", got ", TypeName(value)));
}

absl::Status JsonReader::CheckKeys(
    std::string_view path, const Json& object,
    const std::vector<std::string_view>& allowed) const {
  for (auto it = object.begin(); it != object.end(); ++it) {
    bool known = false;
    for (std::string_view key : allowed) known = known || it.key() == key;
    if (known) continue;
    std::string list;
    for (std::string_view key : allowed) {
      if (!list.empty()) list += ", ";
      list += key;
    }
    return Invalid(path, absl::StrCat("unknown key ", QuoteForMessage(it.key()),
                                      " (expected one of: ", list, ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> JsonReader::GetString(std::string_view path,
                                                  const Json& value) const {
  if (!value.is_string()) return WrongType(path, "a string", value);
  return value.get_ref<const std::string&>();
}

absl::StatusOr<bool> JsonReader::GetBool(std::string_view path,
                                         const Json& value) const {
  if (!value.is_boolean()) return WrongType(path, "true or false", value);
  return value.get<bool>();
}

absl::StatusOr<int> JsonReader::GetInt(std::string_view path,
                                       const Json& value) const {
  if (!value.is_number_integer()) return WrongType(path, "an integer", value);
  if (value.is_number_unsigned()) {
    const uint64_t number = value.get<uint64_t>();
    if (number > static_cast<uint64_t>(std::numeric_limits<int>::max())) {
      return Invalid(path,
                     absl::StrCat("integer ", number, " is out of range"));
    }
    return static_cast<int>(number);
  }
  const int64_t number = value.get<int64_t>();
  if (number < std::numeric_limits<int>::min() ||
      number > std::numeric_limits<int>::max()) {
    return Invalid(path, absl::StrCat("integer ", number, " is out of range"));
  }
  return static_cast<int>(number);
}

absl::StatusOr<Date> JsonReader::GetDate(std::string_view path,
                                         const Json& value) const {
  RELANCE_ASSIGN_OR_RETURN(std::string text, GetString(path, value));
  absl::StatusOr<Date> date = ParseDate(text);
  if (!date.ok()) return Invalid(path, std::string(date.status().message()));
  return *date;
}

}  // namespace relance::internal
