#include "relance/internal/json_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance::internal {

namespace {

// Builds the document in one pass and notes the first key given twice in
// one object (nlohmann's DOM parser silently keeps the last value; its
// parser callbacks rescan the enclosing array at the end of every object,
// which is quadratic in the length of an array of objects). Parsing goes on
// after a duplicate so that a syntax error later in the text is still the
// error reported, as a plain parse would report it.
class DocumentBuilder : public nlohmann::json_sax<Json> {
 public:
  Json& document() { return document_; }
  // The first duplicate key, empty if none.
  const std::string& duplicate() const { return duplicate_; }
  // The parser's error, empty if none ("[json.exception.parse_error.101]
  // parse error at line 1, column 9: ...").
  const std::string& error() const { return error_; }

  bool null() override { return Place(Json(nullptr)); }
  bool boolean(bool value) override { return Place(Json(value)); }
  bool number_integer(number_integer_t value) override {
    return Place(Json(value));
  }
  bool number_unsigned(number_unsigned_t value) override {
    return Place(Json(value));
  }
  bool number_float(number_float_t value, const string_t& /*text*/) override {
    return Place(Json(value));
  }
  bool string(string_t& value) override {
    return Place(Json(std::move(value)));
  }
  bool binary(binary_t& value) override {
    return Place(Json::binary(std::move(value)));
  }
  bool start_object(std::size_t /*size*/) override {
    return Open(Json(Json::value_t::object));
  }
  bool key(string_t& key) override {
    auto [slot, inserted] =
        open_.back()->get_ref<Json::object_t&>().try_emplace(key);
    if (!inserted && duplicate_.empty()) duplicate_ = key;
    member_ = &slot->second;
    return true;
  }
  bool end_object() override {
    open_.pop_back();
    return true;
  }
  bool start_array(std::size_t /*size*/) override {
    return Open(Json(Json::value_t::array));
  }
  bool end_array() override {
    open_.pop_back();
    return true;
  }
  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) override {
    error_ = error.what();
    return false;
  }

 private:
  // Puts `value` where the document expects the next value: the root, the
  // end of the open array, or the member whose key was just read; returns
  // where it went.
  Json* Put(Json value) {
    if (open_.empty()) {
      document_ = std::move(value);
      return &document_;
    }
    Json& container = *open_.back();
    if (container.is_array()) {
      container.get_ref<Json::array_t&>().push_back(std::move(value));
      return &container.get_ref<Json::array_t&>().back();
    }
    *member_ = std::move(value);
    return member_;
  }
  bool Place(Json value) {
    Put(std::move(value));
    return true;
  }
  // An array's elements move as it grows, but only the innermost open
  // container receives values, so the pointers held here stay valid.
  bool Open(Json container) {
    open_.push_back(Put(std::move(container)));
    return true;
  }

  Json document_;
  std::vector<Json*> open_;
  Json* member_ = nullptr;
  std::string duplicate_;
  std::string error_;
};

}  // namespace

absl::StatusOr<Json> JsonReader::Parse(std::string_view text) const {
  DocumentBuilder builder;
  Json::sax_parse(text.begin(), text.end(), &builder,
                  nlohmann::detail::input_format_t::json, /*strict=*/true,
                  /*ignore_comments=*/false);
  if (!builder.error().empty()) {
    // "[json.exception.parse_error.101] parse error at line 1, column 9: ..."
    std::string_view message = builder.error();
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
  if (!builder.duplicate().empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        subject_, ": invalid JSON: key ", QuoteForMessage(builder.duplicate()),
        " appears twice in an object"));
  }
  return std::move(builder.document());
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
