// tests/business_day_reference.hpp
// -----------------------------------------------------------------------------
// A day-by-day reference for business-day arithmetic, written from the
// definitions alone: a business day is neither a weekend day nor a date that
// `Holidays(year)` lists. Tests compare BusinessCalendar's fast paths (bitmap
// ranks, per-year counts, jumps by weeks and years) with it. It is slow on
// purpose and shares no code with the library's arithmetic.
#ifndef RELANCE_TESTS_BUSINESS_DAY_REFERENCE_HPP_
#define RELANCE_TESTS_BUSINESS_DAY_REFERENCE_HPP_

#include <cstdint>
#include <map>
#include <set>

#include "relance/calendar.hpp"
#include "relance/date.hpp"

namespace relance::testing {

class ReferenceBusinessDays {
 public:
  explicit ReferenceBusinessDays(const BusinessCalendar& calendar)
      : calendar_(calendar) {}

  bool IsBusinessDay(Date date) {
    if (calendar_.weekend().Contains(WeekdayOf(date))) return false;
    const int year = YearOf(date);
    auto found = holidays_.find(year);
    if (found == holidays_.end()) {
      std::set<Date> dates;
      for (const Holiday& holiday : calendar_.Holidays(year)) {
        dates.insert(holiday.date);
      }
      found = holidays_.emplace(year, std::move(dates)).first;
    }
    return found->second.count(date) == 0;
  }

  // One day at a time; stops at kMinDate / kMaxDate as the header says.
  Date Add(Date date, int64_t n) {
    if (date < kMinDate || date > kMaxDate) return date;
    for (; n > 0 && date < kMaxDate; --n) {
      do {
        date += Days{1};
      } while (date < kMaxDate && !IsBusinessDay(date));
    }
    for (; n < 0 && date > kMinDate; ++n) {
      do {
        date -= Days{1};
      } while (date > kMinDate && !IsBusinessDay(date));
    }
    return date;
  }

  // Business days in (from, to], negative when to < from.
  int64_t Count(Date from, Date to) {
    const int64_t sign = to < from ? -1 : 1;
    if (to < from) std::swap(from, to);
    int64_t count = 0;
    for (Date day = from + Days{1}; day <= to; day += Days{1}) {
      count += IsBusinessDay(day) ? 1 : 0;
    }
    return sign * count;
  }

 private:
  const BusinessCalendar& calendar_;
  std::map<int, std::set<Date>> holidays_;
};

}  // namespace relance::testing

#endif  // RELANCE_TESTS_BUSINESS_DAY_REFERENCE_HPP_
