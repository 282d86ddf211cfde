// tests/test_helpers.hpp
// -----------------------------------------------------------------------------
// The helpers every relance test shares, in one place: status matchers, short
// constructors for dates and money, and reading the shipped examples. All
// live in `relance::testing`; a test file brings in what it uses:
//
//   #include "test_helpers.hpp"
//   using ::relance::testing::D;
//   using ::relance::testing::M;
//   using ::relance::testing::StatusIs;
//
//   EXPECT_THAT(Money::Parse("1.00 EUR"), IsOkAndHolds(M("1.00 EUR")));
//   EXPECT_THAT(Money::Parse("1.001 EUR"),
//               StatusIs(absl::StatusCode::kInvalidArgument,
//                        HasSubstr("3 decimals")));
//   EXPECT_EQ(AddMonths(D(2026, 1, 31), 1), D(2026, 2, 28));
//   std::string policy = ReadExampleFile("policies/fr-b2b.json");
//
// Stable API (other test files may rely on these names and meanings):
//   IsOk(), IsOkAndHolds(m), StatusIs(code), StatusIs(code, m)  matchers
//   D(y, m, d)            a civil date; constexpr, fields must be valid
//   M("12.00 EUR")        money parsed as Money::Parse reads it
//   Eur("12.00")          euros from an amount without a code
//   EurCents(1200)        euros from minor units
//   CurrencyOf("EUR")     an ISO 4217 currency
//   ReadExampleFile(p)    the text of examples/<p>
//   DatesOf(holidays)     the dates of a calendar's holiday list
//   InstalmentAmounts(s), InstalmentDueDates(s)   columns of a schedule
//
// The constructors never crash on a typo in a test: they record a test
// failure naming the bad text and return a zero amount, so the test fails
// where the typo is.
//
// Debian 12's Abseil (20220623) ships no status matchers, hence our own. They
// are tested in tests/test_helpers_test.cpp so that a broken matcher cannot
// make every error test pass.
#ifndef RELANCE_TESTS_TEST_HELPERS_HPP_
#define RELANCE_TESTS_TEST_HELPERS_HPP_

#include <cstdint>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/calendar.hpp"
#include "relance/currency.hpp"
#include "relance/date.hpp"
#include "relance/money.hpp"
#include "relance/terms.hpp"

namespace relance::testing {

// --- Status matchers ---------------------------------------------------------

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

// --- Values ------------------------------------------------------------------

// The civil date year-month-day; the fields must name a real date (a test
// writes them by hand), as for MakeDate.
constexpr Date D(int year, unsigned month, unsigned day) {
  return MakeDate(year, month, day);
}

// The ISO 4217 currency `code` ("EUR"); a test failure (and EUR) if unknown.
inline Currency CurrencyOf(std::string_view code) {
  absl::StatusOr<Currency> currency = Currency::FromCode(code);
  if (currency.ok()) return *currency;
  ADD_FAILURE() << "test currency \"" << code << "\": " << currency.status();
  return *Currency::FromCode("EUR");
}

// Money read as Money::Parse reads it: M("12.00 EUR"), M("EUR 12"),
// M("100 JPY"). A test failure (and 0.00 EUR) if the text does not parse.
inline Money M(std::string_view text) {
  absl::StatusOr<Money> money = Money::Parse(text);
  if (money.ok()) return *money;
  ADD_FAILURE() << "test money \"" << text << "\": " << money.status();
  return Money::Zero(CurrencyOf("EUR"));
}

// Euros from an amount without a code: Eur("12.00"), Eur("-0.05").
inline Money Eur(std::string_view amount) {
  absl::StatusOr<Money> money = Money::ParseAmount(amount, CurrencyOf("EUR"));
  if (money.ok()) return *money;
  ADD_FAILURE() << "test amount \"" << amount << "\": " << money.status();
  return Money::Zero(CurrencyOf("EUR"));
}

// Euros from minor units: EurCents(1200) is 12.00 EUR.
inline Money EurCents(int64_t cents) {
  absl::StatusOr<Money> money = Money::FromMinorUnits(cents, CurrencyOf("EUR"));
  if (money.ok()) return *money;
  ADD_FAILURE() << "test cents " << cents << ": " << money.status();
  return Money::Zero(CurrencyOf("EUR"));
}

// --- Files
// ---------------------------------------------------------------------

// The text of examples/<path> ("cases/dupont_ladder.json"), so the examples
// shipped to users are the ones tested. RELANCE_SOURCE_DIR is set for every
// test by tests/CMakeLists.txt. A test failure (and "") if it cannot be read.
inline std::string ReadExampleFile(std::string_view path) {
  const std::string full =
      std::string(RELANCE_SOURCE_DIR) + "/examples/" + std::string(path);
  std::ifstream file(full);
  if (!file) {
    ADD_FAILURE() << "cannot read example file " << full;
    return "";
  }
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

// --- Columns of results
// ----------------------------------------------------------

// The dates of a holiday list, in its order.
inline std::vector<Date> DatesOf(const std::vector<Holiday>& holidays) {
  std::vector<Date> dates;
  dates.reserve(holidays.size());
  for (const Holiday& holiday : holidays) dates.push_back(holiday.date);
  return dates;
}

// Each instalment's amount as FormatAmount writes it ("333.34").
inline std::vector<std::string> InstalmentAmounts(
    const PaymentSchedule& schedule) {
  std::vector<std::string> amounts;
  amounts.reserve(schedule.instalments.size());
  for (const ScheduledInstalment& instalment : schedule.instalments) {
    amounts.push_back(instalment.amount.FormatAmount());
  }
  return amounts;
}

// Each instalment's (adjusted) due date.
inline std::vector<Date> InstalmentDueDates(const PaymentSchedule& schedule) {
  std::vector<Date> dates;
  dates.reserve(schedule.instalments.size());
  for (const ScheduledInstalment& instalment : schedule.instalments) {
    dates.push_back(instalment.due_date);
  }
  return dates;
}

}  // namespace relance::testing

#endif  // RELANCE_TESTS_TEST_HELPERS_HPP_
