// tests/status_matchers.hpp
// -----------------------------------------------------------------------------
// GoogleMock matchers for absl::Status and absl::StatusOr<T>.
//
// Debian 12's Abseil (20220623) ships none, so relance keeps these:
//
//   EXPECT_THAT(Money::Parse("1.00 EUR"), IsOk());
//   EXPECT_THAT(Money::Parse("1.00 EUR"), IsOkAndHolds(expected));
//   EXPECT_THAT(Money::Parse("1.001 EUR"),
//               StatusIs(absl::StatusCode::kInvalidArgument,
//                        HasSubstr("3 decimals")));
#ifndef RELANCE_TESTS_STATUS_MATCHERS_HPP_
#define RELANCE_TESTS_STATUS_MATCHERS_HPP_

#include <ostream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace relance::testing {

inline const absl::Status& GetStatus(const absl::Status& status) {
  return status;
}
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

// Matches an OK absl::Status or an absl::StatusOr<T> that holds a value.
MATCHER(IsOk, "is OK") {
  const absl::Status& status = GetStatus(arg);
  if (!status.ok()) *result_listener << "status is " << status.ToString();
  return status.ok();
}

// Matches an absl::StatusOr<T> that holds a value matching `inner`.
MATCHER_P(IsOkAndHolds, inner, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status().ToString();
    return false;
  }
  return ::testing::ExplainMatchResult(inner, *arg, result_listener);
}

// Matches a Status / StatusOr whose code equals `code` and whose message
// matches `message` (a string or a matcher such as HasSubstr).
MATCHER_P2(StatusIs, code, message,
           "has status code " + std::string(absl::StatusCodeToString(code))) {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status.ToString();
  return status.code() == code &&
         ::testing::ExplainMatchResult(message, std::string(status.message()),
                                       result_listener);
}

// Matches a Status / StatusOr whose code equals `code`, whatever the message.
MATCHER_P(StatusIs, code,
          "has status code " + std::string(absl::StatusCodeToString(code))) {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status.ToString();
  return status.code() == code;
}

}  // namespace relance::testing

#endif  // RELANCE_TESTS_STATUS_MATCHERS_HPP_
