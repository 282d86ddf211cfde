#include "relance/day_count.hpp"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/enum_names.hpp"

namespace relance {
namespace {

int64_t Thirty360Days(Date start, Date end, bool european) {
  const date::year_month_day a{start};
  const date::year_month_day b{end};
  int64_t d1 = unsigned{a.day()};
  int64_t d2 = unsigned{b.day()};
  if (d1 == 31) d1 = 30;
  if (d2 == 31 && (european || d1 == 30)) d2 = 30;
  return 360 * (int64_t{int{b.year()}} - int{a.year()}) +
         30 * (int64_t{unsigned{b.month()}} - unsigned{a.month()}) + (d2 - d1);
}

}  // namespace

constexpr internal::EnumName<DayCount> kDayCountNames[] = {
    {DayCount::kActual365Fixed, "act/365"},
    {DayCount::kActual360, "act/360"},
    {DayCount::kActualActualIsda, "act/act"},
    {DayCount::kThirty360, "30/360"},
    {DayCount::kThirtyE360, "30e/360"},
    // Aliases, parsed only.
    {DayCount::kActual365Fixed, "actual/365"},
    {DayCount::kActual365Fixed, "act/365f"},
    {DayCount::kActual360, "actual/360"},
    {DayCount::kActualActualIsda, "act/act-isda"},
    {DayCount::kActualActualIsda, "actual/actual"},
};

std::string_view ToString(DayCount day_count) {
  return internal::NameOf(kDayCountNames, day_count);
}

absl::StatusOr<DayCount> ParseDayCount(std::string_view text) {
  return internal::ParseName(kDayCountNames, text, "day count");
}

int64_t DayNumber(DayCount day_count, Date start, Date end) {
  switch (day_count) {
    case DayCount::kThirty360:
      return Thirty360Days(start, end, /*european=*/false);
    case DayCount::kThirtyE360:
      return Thirty360Days(start, end, /*european=*/true);
    default:
      return (end - start).count();
  }
}

std::vector<DayCountPart> YearFraction(DayCount day_count, Date start,
                                       Date end) {
  std::vector<DayCountPart> parts;
  if (start >= end) return parts;
  switch (day_count) {
    case DayCount::kActual365Fixed:
      parts.push_back({.days = (end - start).count(), .basis = 365});
      break;
    case DayCount::kActual360:
      parts.push_back({.days = (end - start).count(), .basis = 360});
      break;
    case DayCount::kThirty360:
    case DayCount::kThirtyE360:
      parts.push_back({.days = DayNumber(day_count, start, end), .basis = 360});
      break;
    case DayCount::kActualActualIsda: {
      // Days (start, end] that fall in each calendar year.
      Date cursor = start;
      while (cursor < end) {
        const int year = YearOf(cursor + Days{1});
        const Date year_end = MakeDate(year, 12, 31);
        const Date part_end = std::min(end, year_end);
        parts.push_back({.days = (part_end - cursor).count(),
                         .basis = IsLeapYear(year) ? 366 : 365});
        cursor = part_end;
      }
      break;
    }
  }
  return parts;
}

}  // namespace relance
