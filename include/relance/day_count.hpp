// relance/day_count.hpp
// -----------------------------------------------------------------------------
// Day-count conventions: how a period between two dates becomes a fraction
// of a year for simple interest.
//
// A period is given as (start, end]: `start` excluded, `end` included, as
// every relance interval. For late-payment interest, start is the due date
// and end the last day charged (the payment date or the as-of date).
//
//   kActual365Fixed   actual days / 365 (France, Germany in practice, UK
//                     Late Payment Act: "daily interest = debt x rate / 365")
//   kActual360        actual days / 360
//   kActualActualIsda days in a leap year / 366 + other days / 365 (ISDA 2006
//                     Definitions 4.16(b))
//   kThirty360        ISDA 30/360 "bond basis" (4.16(f)): D1 = 31 -> 30; D2
//                     = 31 -> 30 only if D1 is (now) 30 or 31; then
//                     360 (Y2-Y1) + 30 (M2-M1) + (D2-D1), over 360
//   kThirtyE360       30E/360 "Eurobond basis" (4.16(g)): D1 = 31 -> 30,
//                     D2 = 31 -> 30; same formula, over 360
//
// Actual/Actual and charged days: relance counts the days of (start, end]
// and puts each in its own calendar year (a day charged on 31 December is a
// day of that year). ISDA states the fraction for [start, end); both give
// the same parts for (start - 1, end - 1] vs [start, end).
//
// The 30/360 conventions are not additive: (15 Jan, 15 Mar] counts 60 days
// but (15 Jan, 31 Jan] + (31 Jan, 15 Mar] counts 16 + 45 = 61. A penalty
// breakdown under 30/360 therefore depends on where its lines are cut (at
// payments and rate changes only).
//
// A fraction is returned as a list of (day number, basis) parts so that
// callers keep exact integer arithmetic: interest = Σ balance x rate x
// days / basis. Only Actual/Actual ISDA produces more than one part.
#ifndef RELANCE_DAY_COUNT_HPP_
#define RELANCE_DAY_COUNT_HPP_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/export.hpp"

namespace relance {

enum class DayCount {
  kActual365Fixed,
  kActual360,
  kActualActualIsda,
  kThirty360,
  kThirtyE360,
};

// "act/365", "act/360", "act/act", "30/360", "30e/360".
[[nodiscard]] RELANCE_API std::string_view ToString(DayCount day_count);
// Parses the names above (also "actual/365", "act/365f", "act/act-isda").
// Errors: kInvalidArgument listing the accepted names.
[[nodiscard]] RELANCE_API absl::StatusOr<DayCount> ParseDayCount(
    std::string_view text);

// One part of a year fraction: days / basis.
struct DayCountPart {
  int64_t days = 0;
  int64_t basis = 365;  // 360, 365 or 366
  friend bool operator==(const DayCountPart&, const DayCountPart&) = default;
};

// The year fraction of (start, end] as parts. Precondition: start <= end.
// Empty when start == end.
RELANCE_API std::vector<DayCountPart> YearFraction(DayCount day_count,
                                                   Date start, Date end);

// The day number of (start, end] for the 30/360 conventions, or the actual
// days for the others.
RELANCE_API int64_t DayNumber(DayCount day_count, Date start, Date end);

}  // namespace relance

#endif  // RELANCE_DAY_COUNT_HPP_
