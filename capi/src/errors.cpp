// The C ABI's status codes, versions, last error and returned text.
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "capi_internal.hpp"
#include "relance/version.hpp"

static_assert(RELANCE_VERSION_NUMBER == RELANCE_VERSION_MAJOR * 10000 +
                                            RELANCE_VERSION_MINOR * 100 +
                                            RELANCE_VERSION_PATCH,
              "relance_version.h and relance/version.hpp agree");

namespace relance::capi {
namespace {

// This thread's last error. The message and path are kept in std::strings
// whose buffers the pointers handed out refer to until the next call.
struct LastError {
  relance_status code = RELANCE_OK;
  std::string message;
  std::string path;
  int64_t line = 0;
  int64_t column = 0;
};

LastError& ThreadLastError() {
  thread_local LastError error;
  return error;
}

bool IsPathCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         c == '-' || c == '.' || c == '[' || c == ']';
}

// A JSON path as relance writes them: keys and [indices] joined by dots
// ("levels[2].offset_days", "events[4]", "interest.fixed").
bool LooksLikePath(std::string_view text) {
  if (text.empty() || text.size() > 200) return false;
  if (!(std::isalpha(static_cast<unsigned char>(text[0])) != 0 ||
        text[0] == '_' || text[0] == '[')) {
    return false;
  }
  for (char c : text) {
    if (!IsPathCharacter(c)) return false;
  }
  return true;
}

// The number after `marker` in `message`, 0 if none.
int64_t NumberAfter(std::string_view message, std::string_view marker) {
  const size_t at = message.find(marker);
  if (at == std::string_view::npos) return 0;
  size_t end = at + marker.size();
  while (end < message.size() &&
         std::isdigit(static_cast<unsigned char>(message[end])) != 0) {
    ++end;
  }
  int64_t value = 0;
  const std::string_view digits =
      message.substr(at + marker.size(), end - at - marker.size());
  return absl::SimpleAtoi(absl::string_view(digits.data(), digits.size()),
                          &value)
             ? value
             : 0;
}

// Reads the position a relance message names. Messages read
// "<subject>: <path>: <what>" (relance/internal/json_reader.hpp), a JSON
// syntax error "... at line L, column C ...", a text error "... at column
// C: ...", an event "<subject>: events[i] <type> on <date>: ...".
void ReadPosition(LastError& error) {
  const std::string_view message = error.message;
  error.line = NumberAfter(message, "at line ");
  error.column = NumberAfter(message, "column ");
  const size_t first = message.find(": ");
  if (first == std::string_view::npos) return;
  std::string_view rest = message.substr(first + 2);
  const size_t second = rest.find(": ");
  if (second == std::string_view::npos) return;
  std::string_view candidate = rest.substr(0, second);
  // "events[3] payment on 2026-02-01": the path is the first word.
  if (candidate.starts_with("events[")) {
    candidate = candidate.substr(0, candidate.find(' '));
  }
  if (LooksLikePath(candidate) && candidate != "invalid JSON") {
    error.path = std::string(candidate);
  }
}

void Set(relance_status code, std::string_view message) {
  LastError& error = ThreadLastError();
  error.code = code;
  error.message.assign(message.data(), message.size());
  error.path.clear();
  error.line = 0;
  error.column = 0;
  ReadPosition(error);
}

}  // namespace

relance_status Ok() noexcept {
  LastError& error = ThreadLastError();
  if (error.code != RELANCE_OK) {
    error.code = RELANCE_OK;
    error.message.clear();
    error.path.clear();
    error.line = 0;
    error.column = 0;
  }
  return RELANCE_OK;
}

relance_status CodeOf(absl::StatusCode code) noexcept {
  switch (code) {
    case absl::StatusCode::kOk:
      return RELANCE_OK;
    case absl::StatusCode::kInvalidArgument:
      return RELANCE_ERROR_INVALID_ARGUMENT;
    case absl::StatusCode::kNotFound:
      return RELANCE_ERROR_NOT_FOUND;
    case absl::StatusCode::kOutOfRange:
      return RELANCE_ERROR_OUT_OF_RANGE;
    case absl::StatusCode::kFailedPrecondition:
      return RELANCE_ERROR_FAILED_PRECONDITION;
    case absl::StatusCode::kResourceExhausted:
      return RELANCE_ERROR_NO_MEMORY;
    case absl::StatusCode::kUnavailable:
      return RELANCE_ERROR_BUSY;
    case absl::StatusCode::kDataLoss:
      return RELANCE_ERROR_DATA_LOSS;
    case absl::StatusCode::kUnimplemented:  // a PDF, built without PDF support
      return RELANCE_ERROR_UNSUPPORTED;
    default:
      return RELANCE_ERROR_INTERNAL;
  }
}

relance_status Fail(relance_status code, std::string_view message) noexcept {
  try {
    Set(code, message);
  } catch (...) {
    // No memory for the message: the code alone is kept.
    ThreadLastError().code = code;
  }
  return code;
}

relance_status Fail(const absl::Status& status) noexcept {
  if (status.ok()) {
    return Fail(RELANCE_ERROR_INTERNAL,
                "internal error: a failure without an error status");
  }
  const absl::string_view message = status.message();
  return Fail(CodeOf(status.code()),
              std::string_view(message.data(), message.size()));
}

relance_status Misuse(const char* function, std::string_view what) noexcept {
  try {
    return Fail(RELANCE_ERROR_MISUSE,
                std::string(function) + ": " + std::string(what));
  } catch (...) {
    return Fail(RELANCE_ERROR_MISUSE, what);
  }
}

relance_status FromException(const char* function) noexcept {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return Fail(RELANCE_ERROR_NO_MEMORY,
                absl::StrCat(function, ": out of memory"));
  } catch (const std::exception& e) {
    return Fail(RELANCE_ERROR_INTERNAL,
                absl::StrCat(function, ": internal error: ", e.what()));
  } catch (...) {
    return Fail(RELANCE_ERROR_INTERNAL,
                absl::StrCat(function, ": internal error"));
  }
}

std::string_view Text(const char* text, size_t length) {
  if (length == RELANCE_NUL_TERMINATED) return std::string_view(text);
  return std::string_view(text, length);
}

relance_status ReturnText(std::string_view text, char** out,
                          size_t* out_length) noexcept {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) {
    return Fail(RELANCE_ERROR_NO_MEMORY, "out of memory for returned text");
  }
  if (!text.empty()) std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  *out = copy;
  if (out_length != nullptr) *out_length = text.size();
  return Ok();
}

bool ValidSize(size_t size, size_t minimum, size_t maximum, size_t alignment) {
  return size >= minimum && size <= maximum && size % alignment == 0;
}

relance_status WrongSize(const char* function, const char* what, size_t size,
                         size_t minimum, size_t maximum) noexcept {
  try {
    return Misuse(
        function,
        absl::StrCat(what, "->size is ", size,
                     ": this library reads sizes from ", minimum, " to ",
                     maximum, " (set it with sizeof, or the _init function)"));
  } catch (...) {
    return Fail(RELANCE_ERROR_MISUSE, "wrong struct size");
  }
}

}  // namespace relance::capi

using relance::capi::Ok;

extern "C" {

const char* relance_status_string(relance_status status) {
  switch (relance::capi::EnumValue(status)) {
    case RELANCE_OK:
      return "ok";
    case RELANCE_ERROR_INVALID_ARGUMENT:
      return "invalid_argument";
    case RELANCE_ERROR_NOT_FOUND:
      return "not_found";
    case RELANCE_ERROR_OUT_OF_RANGE:
      return "out_of_range";
    case RELANCE_ERROR_FAILED_PRECONDITION:
      return "failed_precondition";
    case RELANCE_ERROR_MISUSE:
      return "misuse";
    case RELANCE_ERROR_BUFFER_TOO_SMALL:
      return "buffer_too_small";
    case RELANCE_ERROR_NO_MEMORY:
      return "no_memory";
    case RELANCE_ERROR_INTERNAL:
      return "internal";
    case RELANCE_ERROR_BUSY:
      return "busy";
    case RELANCE_ERROR_DATA_LOSS:
      return "data_loss";
    case RELANCE_ERROR_UNSUPPORTED:
      return "unsupported";
  }
  return "unknown";
}

int relance_version_number(void) { return relance::VersionNumber(); }

const char* relance_version_string(void) { return relance::VersionString(); }

int relance_abi_version(void) { return RELANCE_ABI_VERSION; }

relance_status relance_last_error_code(void) {
  return relance::capi::ThreadLastError().code;
}

const char* relance_last_error_message(void) {
  return relance::capi::ThreadLastError().message.c_str();
}

int relance_last_error_position(relance_error_position* out) {
  if (out == nullptr ||
      !relance::capi::ValidSize(out->size, sizeof(size_t),
                                sizeof(relance_error_position),
                                alignof(relance_error_position))) {
    return 0;
  }
  const auto& error = relance::capi::ThreadLastError();
  if (RELANCE_CAPI_HOLDS(out, relance_error_position, path)) {
    out->path = error.path.c_str();
  }
  if (RELANCE_CAPI_HOLDS(out, relance_error_position, line)) {
    out->line = error.line;
  }
  if (RELANCE_CAPI_HOLDS(out, relance_error_position, column)) {
    out->column = error.column;
  }
  return !error.path.empty() || error.line != 0 || error.column != 0 ? 1 : 0;
}

void relance_string_free(char* text) { std::free(text); }

}  // extern "C"
