#include "relance/date.hpp"

#include <cstdio>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/quote.hpp"

namespace relance {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int DigitsValue(std::string_view text) {
  int value = 0;
  for (char c : text) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

absl::StatusOr<Date> MakeCheckedDate(int year, int month, int day) {
  if (year < 1 || year > 9999) {
    return absl::InvalidArgumentError(
        absl::StrCat("date: year ", year, " is outside 0001..9999"));
  }
  if (month < 1 || month > 12) {
    return absl::InvalidArgumentError(
        absl::StrCat("date: month ", month, " is outside 1..12"));
  }
  const unsigned last = DaysInMonth(year, static_cast<unsigned>(month));
  if (day < 1 || static_cast<unsigned>(day) > last) {
    char year_month[32];
    std::snprintf(year_month, sizeof year_month, "%04d-%02d", year, month);
    return absl::InvalidArgumentError(
        absl::StrCat("date: day ", day, " does not exist in ", year_month,
                     " (1..", last, ")"));
  }
  return MakeDate(year, static_cast<unsigned>(month),
                  static_cast<unsigned>(day));
}

absl::StatusOr<Date> ParseDate(std::string_view text) {
  // Built only for an error: a valid date allocates nothing.
  const auto quoted = [text] {
    return absl::StrCat("date ", internal::QuoteForMessage(text));
  };
  if (text.empty()) {
    return absl::InvalidArgumentError("date \"\": empty, expected YYYY-MM-DD");
  }
  // Exactly YYYY-MM-DD: digits at 0-3, 5-6, 8-9; dashes at 4 and 7.
  static constexpr std::string_view kPattern = "DDDD-DD-DD";
  if (text.size() != kPattern.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat(quoted(), ": expected YYYY-MM-DD (10 characters), got ",
                     text.size(), " characters"));
  }
  for (size_t i = 0; i < kPattern.size(); ++i) {
    const bool want_digit = kPattern[i] == 'D';
    if (want_digit ? !IsDigit(text[i]) : text[i] != '-') {
      return absl::InvalidArgumentError(
          absl::StrCat(quoted(), " at column ", i + 1, ": expected ",
                       want_digit ? "a digit" : "'-'", " (format YYYY-MM-DD)"));
    }
  }
  const int year = DigitsValue(text.substr(0, 4));
  const int month = DigitsValue(text.substr(5, 2));
  const int day = DigitsValue(text.substr(8, 2));
  absl::StatusOr<Date> date = MakeCheckedDate(year, month, day);
  if (!date.ok()) {
    // "date: day 29 does not exist in 2025-02" -> quote the input instead.
    std::string detail(date.status().message());
    detail.erase(0, std::string_view("date: ").size());
    return absl::InvalidArgumentError(absl::StrCat(quoted(), ": ", detail));
  }
  return date;
}

std::string FormatDate(Date date) {
  const date::year_month_day ymd{date};
  const int year = int{ymd.year()};
  if (year < 1 || year > 9999) return date::format("%F", date);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year,
                unsigned{ymd.month()}, unsigned{ymd.day()});
  return std::string(buffer, 10);
}

std::ostream& operator<<(std::ostream& os, Date date) {
  return os << FormatDate(date);
}

}  // namespace relance
