// relance/date.hpp
// -----------------------------------------------------------------------------
// Civil dates for relance, on top of Howard Hinnant's `date` library.
//
// A `Date` is a serial day count (`date::sys_days`): cheap to copy, compare
// and subtract, and the form every relance computation uses. Calendar logic
// (months, years, weekdays) goes through `date::year_month_day` fields.
// There is no time of day and no time zone: an invoice is due on a civil date.
//
// relance never reads a clock. Every function that needs "today" takes it as
// a parameter (`as_of`).
//
// A Date streams as `YYYY-MM-DD` with relance's `operator<<`. Inside
// namespace relance it is found as usual; elsewhere write
// `using relance::operator<<;` first, because a Date is a std::chrono type
// and argument-dependent lookup looks only in std::chrono (C++20's own
// `std::chrono::operator<<` for sys_days, once the standard library has it,
// prints the same text).
//
// Nonsense does not compile: `Date + Date` has no meaning and no operator;
// `Date - Date` is a `Days` duration; `Date + Days` is a `Date`.
//
// Example:
//
//   absl::StatusOr<relance::Date> due = relance::ParseDate("2026-01-31");
//   relance::Date next = relance::AddMonths(*due, 1);   // 2026-02-28 (clamped)
//   std::string text = relance::FormatDate(next);       // "2026-02-28"
#ifndef RELANCE_DATE_HPP_
#define RELANCE_DATE_HPP_

#include <cassert>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "date/date.h"
#include "relance/export.hpp"

namespace relance {

// A civil date: days since 1970-01-01 (negative before).
using Date = date::sys_days;
// A signed number of days; `Date - Date` yields one.
using Days = date::days;
using Weekday = date::weekday;

// The range of dates relance parses and formats: years 0001 to 9999.
inline constexpr Date kMinDate = date::sys_days{date::year{1} / 1 / 1};
inline constexpr Date kMaxDate = date::sys_days{date::year{9999} / 12 / 31};

// Builds a date from fields known to be valid (literals, tables). Invalid
// fields (2025-02-29) are a programming error: use `ParseDate` or
// `MakeCheckedDate` for input.
constexpr Date MakeDate(int year, unsigned month, unsigned day) {
  return date::sys_days{date::year{year} / date::month{month} / date::day{day}};
}

// Builds a date from fields that may be invalid. Errors: kInvalidArgument
// naming the fields when the day does not exist in that month or the year is
// outside 1..9999.
[[nodiscard]] RELANCE_API absl::StatusOr<Date> MakeCheckedDate(int year,
                                                               int month,
                                                               int day);

// Parses a strict ISO 8601 calendar date, `YYYY-MM-DD`, years 0001..9999.
// No surrounding spaces, no time part, no other separators.
// Errors: kInvalidArgument whose message quotes the input and says what is
// wrong, e.g. `date "2025-02-29": day 29 does not exist in 2025-02`.
[[nodiscard]] RELANCE_API absl::StatusOr<Date> ParseDate(std::string_view text);

// Formats as `YYYY-MM-DD`. Dates outside 0001..9999 are formatted by the
// underlying library (sign and more digits) and do not parse back.
[[nodiscard]] RELANCE_API std::string FormatDate(Date date);

// Writes `FormatDate(date)`: `YYYY-MM-DD`.
RELANCE_API std::ostream& operator<<(std::ostream& os, Date date);

// Days since 1970-01-01, bit-identical to numpy `datetime64[D]`.
constexpr int64_t DaysSinceEpoch(Date date) {
  return date.time_since_epoch().count();
}
constexpr Date DateFromDaysSinceEpoch(int64_t days) { return Date{Days{days}}; }

constexpr date::year_month_day Fields(Date date) {
  return date::year_month_day{date};
}
constexpr int YearOf(Date date) { return int{Fields(date).year()}; }
constexpr unsigned MonthOf(Date date) { return unsigned{Fields(date).month()}; }
constexpr unsigned DayOf(Date date) { return unsigned{Fields(date).day()}; }
constexpr Weekday WeekdayOf(Date date) { return Weekday{date}; }

constexpr bool IsLeapYear(int year) { return date::year{year}.is_leap(); }

// Number of days of `month` (1..12) in `year`.
constexpr unsigned DaysInMonth(int year, unsigned month) {
  return unsigned{(date::year{year} / date::month{month} / date::last).day()};
}

// The first and last day of the month that contains `date`.
constexpr Date StartOfMonth(Date date) {
  const date::year_month_day ymd = Fields(date);
  return date::sys_days{ymd.year() / ymd.month() / date::day{1}};
}
constexpr Date EndOfMonth(Date date) {
  const date::year_month_day ymd = Fields(date);
  return date::sys_days{ymd.year() / ymd.month() / date::last};
}
constexpr bool IsEndOfMonth(Date date) { return date == EndOfMonth(date); }

// What adding months does when the day does not exist in the target month
// (January 31 + 1 month).
enum class MonthOverflow {
  // The day is clamped to the last day of the target month:
  // 2026-01-31 + 1M = 2026-02-28; 2024-01-31 + 1M = 2024-02-29.
  // This is relance's default, as in Business Central, Odoo and Tryton.
  kClamp,
  // The surplus days spill into the following month:
  // 2026-01-31 + 1M = 2026-03-03 (February has 28 days, 3 days spill over).
  kSpillOver,
};

// The year of the month `months` calendar months after the month of `date`
// (2026-01-15 and 70000 * 12 months: 72026), computed in 64 bits so that it
// never wraps (`date` itself within 0001..9999). Check it against 1..9999
// before calling AddMonths or AddYears with a count that comes from input.
constexpr int64_t YearAfterMonths(Date date, int64_t months) {
  const date::year_month_day ymd = Fields(date);
  const int64_t index =
      int64_t{int{ymd.year()}} * 12 + (unsigned{ymd.month()} - 1) + months;
  return index >= 0 ? index / 12 : (index - 11) / 12;  // floor division
}

// Adds a signed number of calendar months, keeping the day of month when it
// exists and applying `overflow` when it does not.
// Precondition: `date` and the target month are within years 1..9999, i.e.
// 1 <= YearAfterMonths(date, months) <= 9999. The date library keeps a year
// in 16 bits, so a target year beyond that range would silently wrap to
// another, valid-looking date (2026 + 70000 years gives 6490); debug builds
// assert. Within the range the result is within 0001-01-01..9999-12-31
// (spill-over never passes December, which has 31 days).
constexpr Date AddMonths(Date date, int months,
                         MonthOverflow overflow = MonthOverflow::kClamp) {
  assert(YearAfterMonths(date, months) >= 1 &&
         YearAfterMonths(date, months) <= 9999 &&
         "AddMonths: the result year must stay within 1..9999");
  const date::year_month_day ymd = Fields(date);
  const date::year_month target =
      ymd.year() / ymd.month() + date::months{months};
  const date::year_month_day exact = target / ymd.day();
  if (exact.ok()) return date::sys_days{exact};
  if (overflow == MonthOverflow::kClamp) {
    return date::sys_days{target / date::last};
  }
  // Spill-over: the day-of-month normalises into the next month.
  return date::sys_days{target / date::day{1}} + Days{unsigned{ymd.day()} - 1};
}

// Adds years as 12-month steps (2024-02-29 + 1Y = 2025-02-28 when clamped).
// Precondition: as AddMonths, the result year stays within 1..9999.
constexpr Date AddYears(Date date, int years,
                        MonthOverflow overflow = MonthOverflow::kClamp) {
  assert(years > -10000 && years < 10000 &&
         "AddYears: the result year must stay within 1..9999");
  return AddMonths(date, years * 12, overflow);
}

}  // namespace relance

#endif  // RELANCE_DATE_HPP_
