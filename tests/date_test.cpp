#include "relance/date.hpp"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

// `Date + Date` is meaningless and must not compile; `Date + Days` must.
template <typename A, typename B>
concept Addable = requires(A a, B b) {
  a + b;
};
static_assert(!Addable<Date, Date>);
static_assert(Addable<Date, Days>);

TEST(Date, ParsesIsoDates) {
  EXPECT_THAT(ParseDate("2026-01-31"), IsOkAndHolds(MakeDate(2026, 1, 31)));
  EXPECT_THAT(ParseDate("2024-02-29"), IsOkAndHolds(MakeDate(2024, 2, 29)));
  EXPECT_THAT(ParseDate("0001-01-01"), IsOkAndHolds(kMinDate));
  EXPECT_THAT(ParseDate("9999-12-31"), IsOkAndHolds(kMaxDate));
}

TEST(Date, RejectsDaysThatDoNotExist) {
  // 2025 is not a leap year (not divisible by 4).
  EXPECT_THAT(ParseDate("2025-02-29"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("date \"2025-02-29\": day 29 does not exist "
                                 "in 2025-02")));
  // 1900 is divisible by 100 but not by 400: not a leap year.
  EXPECT_THAT(
      ParseDate("1900-02-29"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("1900-02")));
  EXPECT_THAT(
      ParseDate("2026-04-31"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("day 31")));
  EXPECT_THAT(ParseDate("2026-13-01"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("month 13 is outside 1..12")));
  EXPECT_THAT(
      ParseDate("2026-00-10"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("month 0")));
  EXPECT_THAT(ParseDate("2026-01-00"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("day 0")));
  EXPECT_THAT(
      ParseDate("0000-01-01"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("year 0")));
}

TEST(Date, RejectsMalformedTextNamingTheColumn) {
  EXPECT_THAT(ParseDate(""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
  EXPECT_THAT(ParseDate("2026-1-31"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected YYYY-MM-DD")));
  EXPECT_THAT(ParseDate("2026/01/31"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at column 5: expected '-'")));
  EXPECT_THAT(ParseDate("2026-01-3x"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at column 10: expected a digit")));
  EXPECT_THAT(
      ParseDate(" 2026-01-3"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("at column 1")));
  EXPECT_THAT(
      ParseDate("2026-01-31T00:00"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("16 characters")));
}

TEST(Date, FormatsAndRoundTrips) {
  EXPECT_EQ(FormatDate(MakeDate(2026, 3, 5)), "2026-03-05");
  EXPECT_EQ(FormatDate(MakeDate(1, 1, 1)), "0001-01-01");
  for (int day = 0; day < 800; day += 7) {
    const Date date = MakeDate(2023, 12, 1) + Days{day};
    EXPECT_THAT(ParseDate(FormatDate(date)), IsOkAndHolds(date));
  }
}

TEST(Date, StreamsAsIsoDate) {
  // Inside namespace relance (this test's `using namespace`), relance's
  // operator<< is found by unqualified lookup, and it is preferred to
  // date/date.h's template; 0001-01-01 keeps its four-digit year.
  std::ostringstream stream;
  stream << MakeDate(2026, 11, 23) << ' ' << MakeDate(1, 1, 1) << ' '
         << MakeDate(2024, 2, 29);
  EXPECT_EQ(stream.str(), "2026-11-23 0001-01-01 2024-02-29");
}

TEST(Date, DaysSinceEpochMatchesNumpyDatetime64) {
  // numpy.datetime64('1970-01-01','D').astype(int) == 0; 2000-01-01 is 10957
  // (30 years of which 7 leap: 30 * 365 + 7 = 10957).
  EXPECT_EQ(DaysSinceEpoch(MakeDate(1970, 1, 1)), 0);
  EXPECT_EQ(DaysSinceEpoch(MakeDate(2000, 1, 1)), 10957);
  EXPECT_EQ(DaysSinceEpoch(MakeDate(1969, 12, 31)), -1);
  EXPECT_EQ(DateFromDaysSinceEpoch(10957), MakeDate(2000, 1, 1));
}

TEST(Date, LeapYearsFollowTheGregorianRule) {
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_TRUE(IsLeapYear(2000));   // divisible by 400
  EXPECT_FALSE(IsLeapYear(1900));  // divisible by 100 only
  EXPECT_FALSE(IsLeapYear(2026));
  EXPECT_EQ(DaysInMonth(2024, 2), 29u);
  EXPECT_EQ(DaysInMonth(2026, 2), 28u);
  EXPECT_EQ(DaysInMonth(2026, 4), 30u);
  EXPECT_EQ(DaysInMonth(2026, 12), 31u);
}

TEST(Date, MonthBoundaries) {
  EXPECT_EQ(EndOfMonth(MakeDate(2024, 2, 10)), MakeDate(2024, 2, 29));
  EXPECT_EQ(EndOfMonth(MakeDate(2026, 2, 28)), MakeDate(2026, 2, 28));
  EXPECT_EQ(StartOfMonth(MakeDate(2026, 7, 14)), MakeDate(2026, 7, 1));
  EXPECT_TRUE(IsEndOfMonth(MakeDate(2026, 4, 30)));
  EXPECT_FALSE(IsEndOfMonth(MakeDate(2024, 2, 28)));
}

TEST(Date, AddMonthsClampsByDefault) {
  EXPECT_EQ(AddMonths(MakeDate(2026, 1, 31), 1), MakeDate(2026, 2, 28));
  EXPECT_EQ(AddMonths(MakeDate(2024, 1, 31), 1), MakeDate(2024, 2, 29));
  EXPECT_EQ(AddMonths(MakeDate(2026, 3, 31), -1), MakeDate(2026, 2, 28));
  EXPECT_EQ(AddMonths(MakeDate(2026, 5, 31), 1), MakeDate(2026, 6, 30));
  EXPECT_EQ(AddMonths(MakeDate(2026, 1, 15), 13), MakeDate(2027, 2, 15));
  EXPECT_EQ(AddMonths(MakeDate(2026, 1, 15), -13), MakeDate(2024, 12, 15));
  // Clamping does not remember the original day: Feb 28 + 1M = Mar 28.
  EXPECT_EQ(AddMonths(MakeDate(2026, 2, 28), 1), MakeDate(2026, 3, 28));
  EXPECT_EQ(AddYears(MakeDate(2024, 2, 29), 1), MakeDate(2025, 2, 28));
}

TEST(Date, AddMonthsSpillsOverWhenAsked) {
  // Jan 31 + 1M: February 2026 has 28 days, so 3 days spill into March.
  EXPECT_EQ(AddMonths(MakeDate(2026, 1, 31), 1, MonthOverflow::kSpillOver),
            MakeDate(2026, 3, 3));
  // 2024 is a leap year: 2 days spill.
  EXPECT_EQ(AddMonths(MakeDate(2024, 1, 31), 1, MonthOverflow::kSpillOver),
            MakeDate(2024, 3, 2));
  EXPECT_EQ(AddMonths(MakeDate(2026, 5, 31), 1, MonthOverflow::kSpillOver),
            MakeDate(2026, 7, 1));
  EXPECT_EQ(AddYears(MakeDate(2024, 2, 29), 1, MonthOverflow::kSpillOver),
            MakeDate(2025, 3, 1));
  // When the day exists, both policies agree.
  EXPECT_EQ(AddMonths(MakeDate(2026, 1, 28), 1, MonthOverflow::kSpillOver),
            MakeDate(2026, 2, 28));
}

TEST(Date, AddMonthsWorksUpToTheEdgesOfTheDateRange) {
  EXPECT_EQ(AddYears(MakeDate(1, 1, 1), 9998), MakeDate(9999, 1, 1));
  EXPECT_EQ(AddMonths(MakeDate(9999, 12, 31), -(9998 * 12 + 11)),
            MakeDate(1, 1, 31));
  // Beyond them the result year would not fit the date library's 16-bit
  // year (2026 + 70000 wraps to 6490): a precondition, checked in debug
  // builds. Callers with untrusted counts (DateFormula) check first.
  EXPECT_DEBUG_DEATH((void)AddYears(MakeDate(2026, 1, 15), 70000),
                     "must stay within 1..9999");
  EXPECT_DEBUG_DEATH((void)AddMonths(MakeDate(9999, 12, 1), 1),
                     "must stay within 1..9999");
  // The target year, in 64 bits: 2026 + 70000 and 9999-12 + 1 month.
  EXPECT_EQ(YearAfterMonths(MakeDate(2026, 1, 15), int64_t{70000} * 12), 72026);
  EXPECT_EQ(YearAfterMonths(MakeDate(9999, 12, 1), 1), 10000);
  EXPECT_EQ(YearAfterMonths(MakeDate(1, 1, 1), -1), 0);
  EXPECT_EQ(YearAfterMonths(MakeDate(1, 1, 1), -12), 0);
  EXPECT_EQ(YearAfterMonths(MakeDate(1, 1, 1), -13), -1);
}

TEST(Date, MakeCheckedDateRejectsInvalidFields) {
  EXPECT_THAT(MakeCheckedDate(2024, 2, 29),
              IsOkAndHolds(MakeDate(2024, 2, 29)));
  EXPECT_THAT(MakeCheckedDate(2023, 2, 29),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("day 29 does not exist in 2023-02 (1..28)")));
  EXPECT_THAT(MakeCheckedDate(10000, 1, 1),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("year")));
}

}  // namespace
}  // namespace relance

namespace {

TEST(Date, StreamsOutsideNamespaceRelanceWithUsing) {
  // A host's code: Date is a std::chrono type, so the operator is named.
  using relance::operator<<;
  std::ostringstream stream;
  stream << relance::MakeDate(1999, 12, 31);
  EXPECT_EQ(stream.str(), "1999-12-31");
}

}  // namespace
