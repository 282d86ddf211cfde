#include "relance/day_count.hpp"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

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

std::string_view ToString(DayCount day_count) {
  switch (day_count) {
    case DayCount::kActual365Fixed:
      return "act/365";
    case DayCount::kActual360:
      return "act/360";
    case DayCount::kActualActualIsda:
      return "act/act";
    case DayCount::kThirty360:
      return "30/360";
    case DayCount::kThirtyE360:
      return "30e/360";
  }
  return "?";
}

absl::StatusOr<DayCount> ParseDayCount(std::string_view text) {
  struct Name {
    std::string_view text;
    DayCount day_count;
  };
  static constexpr Name kNames[] = {
      {"act/365", DayCount::kActual365Fixed},
      {"actual/365", DayCount::kActual365Fixed},
      {"act/365f", DayCount::kActual365Fixed},
      {"act/360", DayCount::kActual360},
      {"actual/360", DayCount::kActual360},
      {"act/act", DayCount::kActualActualIsda},
      {"act/act-isda", DayCount::kActualActualIsda},
      {"actual/actual", DayCount::kActualActualIsda},
      {"30/360", DayCount::kThirty360},
      {"30e/360", DayCount::kThirtyE360},
  };
  for (const Name& name : kNames) {
    if (name.text == text) return name.day_count;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "day count \"", std::string(text),
      "\": expected act/365, act/360, act/act, 30/360 or 30e/360"));
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
