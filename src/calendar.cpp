#include "relance/calendar.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/easter.hpp"
#include "relance/internal/enum_names.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

// Monday-first, as people list weekdays.
constexpr std::array<Weekday, 7> kWeekdaysMondayFirst = {
    date::Monday, date::Tuesday,  date::Wednesday, date::Thursday,
    date::Friday, date::Saturday, date::Sunday};

constexpr int kFirstRuleYear = 1;
constexpr int kLastRuleYear = 9999;
// Longest run of non-business days a calendar may contain (within the
// precomputed years) before it is rejected.
constexpr int64_t kMaxNonBusinessRun = 366;

std::string Quoted(std::string_view text) {
  return internal::QuoteForMessage(text);
}

// --- Holiday resolution ----------------------------------------------------

// One holiday occurrence after observance: what Holidays() lists.
struct Occurrence {
  Date date;
  Date nominal;
  size_t rule = 0;
  // The observance that moved it, kNone when it was not moved.
  Observance shifted_by = Observance::kNone;
};

Date NearestNonWeekendDay(Date date, Weekend weekend) {
  int back = 1;
  while (weekend.Contains(WeekdayOf(date - Days{back}))) ++back;
  int forward = 1;
  while (weekend.Contains(WeekdayOf(date + Days{forward}))) ++forward;
  return forward <= back ? date + Days{forward} : date - Days{back};
}

// Resolves the holidays observed in years first_year..last_year (within
// 1..9999): rules are evaluated for one more year on each side so that a
// holiday shifted across New Year (2022-01-01 observed 2021-12-31) is found.
// Sorted by (date, rule index). Removed dates are dropped.
std::vector<Occurrence> ResolveOccurrences(const internal::CompiledCalendar& c,
                                           int first_year, int last_year) {
  const CalendarSpec& spec = c.spec;
  const Weekend weekend = spec.weekend;
  const int window_first = std::max(kFirstRuleYear, first_year - 1);
  const int window_last = std::min(kLastRuleYear, last_year + 1);

  std::vector<Occurrence> placed;
  std::vector<Occurrence> next_free;
  const auto add = [&](size_t i, int year) {
    const HolidayRule& rule = spec.holidays[i];
    const std::optional<Date> nominal = rule.DateIn(year);
    if (!nominal.has_value()) return;
    const Observance observance =
        rule.IsMovedIn(year) ? Observance::kNone : rule.observance;
    Occurrence occurrence{*nominal, *nominal, i, Observance::kNone};
    if (observance == Observance::kNone ||
        !weekend.Contains(WeekdayOf(*nominal))) {
      placed.push_back(occurrence);
    } else if (observance == Observance::kNearestWeekday) {
      occurrence.date = NearestNonWeekendDay(*nominal, weekend);
      occurrence.shifted_by = Observance::kNearestWeekday;
      placed.push_back(occurrence);
    } else {
      next_free.push_back(occurrence);
    }
  };
  for (int year = window_first; year <= window_last; ++year) {
    for (size_t i : c.recurring_rules) add(i, year);
  }
  // One-off rules: only those dated in the window.
  const auto first_one_off = std::lower_bound(
      c.one_offs.begin(), c.one_offs.end(),
      std::pair<Date, size_t>{MakeDate(window_first, 1, 1), 0});
  for (auto it = first_one_off;
       it != c.one_offs.end() && YearOf(it->first) <= window_last; ++it) {
    add(it->second, YearOf(it->first));
  }

  // Substitute days: in order of their own date, ties in rule order, each to
  // the next day that is neither weekend nor already taken.
  if (!next_free.empty()) {
    std::sort(next_free.begin(), next_free.end(),
              [](const Occurrence& a, const Occurrence& b) {
                return a.nominal != b.nominal ? a.nominal < b.nominal
                                              : a.rule < b.rule;
              });
    std::set<Date> taken;
    for (const Occurrence& occurrence : placed) taken.insert(occurrence.date);
    for (Occurrence occurrence : next_free) {
      Date day = occurrence.nominal + Days{1};
      while (weekend.Contains(WeekdayOf(day)) || taken.count(day) != 0) {
        day += Days{1};
      }
      occurrence.date = day;
      occurrence.shifted_by = Observance::kNextFreeBusinessDay;
      taken.insert(day);
      placed.push_back(occurrence);
    }
  }

  const Date range_first = MakeDate(first_year, 1, 1);
  const Date range_last = MakeDate(last_year, 12, 31);
  std::vector<Occurrence> result;
  for (const Occurrence& occurrence : placed) {
    if (occurrence.date < range_first || occurrence.date > range_last) continue;
    if (std::binary_search(c.removed_sorted.begin(), c.removed_sorted.end(),
                           occurrence.date)) {
      continue;
    }
    result.push_back(occurrence);
  }
  std::sort(result.begin(), result.end(),
            [](const Occurrence& a, const Occurrence& b) {
              return a.date != b.date ? a.date < b.date : a.rule < b.rule;
            });
  return result;
}

// The sorted observed holiday dates of one year (slow path).
std::vector<Date> HolidayDatesOfYear(const internal::CompiledCalendar& c,
                                     int year) {
  std::vector<Date> dates;
  if (year < kFirstRuleYear || year > kLastRuleYear) return dates;
  for (const Occurrence& occurrence : ResolveOccurrences(c, year, year)) {
    dates.push_back(occurrence.date);
  }
  return dates;
}

// --- Business-day arithmetic without walking --------------------------------

Date LastDayOfYear(int year) {
  return date::sys_days{date::year{year} / 12 / 31};
}

// Days in (a, b] whose weekday is not a weekend day; a <= b. Whole weeks at
// once, then at most six days.
int64_t NonWeekendDays(Weekend weekend, Date a, Date b) {
  const int64_t weeks = (b - a).count() / 7;
  int64_t count = weeks * (7 - weekend.size());
  for (Date day = a + Days{7 * weeks}; day < b;) {
    day += Days{1};
    if (!weekend.Contains(WeekdayOf(day))) ++count;
  }
  return count;
}

// The k-th (k >= 1) day after `a` that is not a weekend day. Precondition:
// weekend.size() <= 6.
Date NthNonWeekendDayAfter(Weekend weekend, Date a, int64_t k) {
  const int64_t per_week = 7 - weekend.size();
  const int64_t weeks = (k - 1) / per_week;
  int64_t left = k - weeks * per_week;  // 1..per_week
  Date day = a + Days{7 * weeks};
  while (true) {
    day += Days{1};
    if (!weekend.Contains(WeekdayOf(day)) && --left == 0) return day;
  }
}

bool IsPrecomputedYear(int year) {
  return year >= BusinessCalendar::kFirstPrecomputedYear &&
         year <= BusinessCalendar::kLastPrecomputedYear;
}

// Counting and selecting business days year by year: inside the bitmap from
// the running counts, outside it from the year's holidays on non-weekend
// days (one year kept at a time) and the cached per-year totals.
class YearView {
 public:
  explicit YearView(const internal::CompiledCalendar& compiled)
      : c_(compiled) {}

  // True when Rank(day) is defined: 1899-12-31 <= day <= 2199-12-31.
  bool HasRank(Date day) const {
    const int64_t index = DaysSinceEpoch(day) - c_.first_day;
    return index >= -1 && index < c_.day_count;
  }
  // Business days of 1900..2199.
  int64_t BitmapTotal() const { return c_.business_before.back(); }
  // The business day of 1900..2199 of rank `rank` (1..BitmapTotal()), found
  // from `hint`, a date near it.
  Date SelectRank(int64_t rank, Date hint) const {
    return DateFromDaysSinceEpoch(
        c_.first_day + SelectIndex(rank, DaysSinceEpoch(hint) - c_.first_day));
  }

  // Business days in (a, b], where Dec 31 of year - 1 <= a <= b <= Dec 31 of
  // year.
  int64_t Within(int year, Date a, Date b) {
    if (InBitmap(year)) return Rank(b) - Rank(a);
    const std::vector<Date>& closed = ClosedWeekdays(year);
    const auto closed_in = std::upper_bound(closed.begin(), closed.end(), b) -
                           std::upper_bound(closed.begin(), closed.end(), a);
    return NonWeekendDays(c_.spec.weekend, a, b) - closed_in;
  }

  // Business days of `year`.
  int64_t InYear(int year) {
    if (InBitmap(year)) {
      return Rank(LastDayOfYear(year)) - Rank(LastDayOfYear(year - 1));
    }
    const bool cached = year >= kFirstRuleYear && year <= kLastRuleYear;
    if (cached) {
      const int16_t known =
          c_.year_business_days[static_cast<size_t>(year)].load(
              std::memory_order_relaxed);
      if (known != 0) return known - 1;
    }
    const int64_t count =
        Within(year, LastDayOfYear(year - 1), LastDayOfYear(year));
    if (cached) {
      c_.year_business_days[static_cast<size_t>(year)].store(
          static_cast<int16_t>(count + 1), std::memory_order_relaxed);
    }
    return count;
  }

  // Business days of the years first..last (0 when first > last).
  int64_t InYears(int first, int last) {
    int64_t total = 0;
    for (int year = first; year <= last;) {
      if (InBitmap(year)) {
        const int end = std::min(last, BusinessCalendar::kLastPrecomputedYear);
        total += Rank(LastDayOfYear(end)) - Rank(LastDayOfYear(year - 1));
        year = end + 1;
      } else {
        total += InYear(year);
        ++year;
      }
    }
    return total;
  }

  // The k-th business day of `year`. Precondition: 1 <= k <= InYear(year).
  Date Select(int year, int64_t k) {
    if (InBitmap(year)) {
      const Date start = LastDayOfYear(year - 1);
      return SelectRank(Rank(start) + k, start);
    }
    // The k-th non-weekend day, then as many more as holidays were passed,
    // until none is: at most one round per holiday of the year.
    const std::vector<Date>& closed = ClosedWeekdays(year);
    const auto closed_in = [&](Date a, Date b) {
      return std::upper_bound(closed.begin(), closed.end(), b) -
             std::upper_bound(closed.begin(), closed.end(), a);
    };
    const Weekend weekend = c_.spec.weekend;
    Date previous = LastDayOfYear(year - 1);
    Date day = NthNonWeekendDayAfter(weekend, previous, k);
    for (int64_t passed = closed_in(previous, day); passed > 0;
         passed = closed_in(previous, day)) {
      previous = day;
      day = NthNonWeekendDayAfter(weekend, day, passed);
    }
    return day;
  }

  static bool InBitmap(int year) { return IsPrecomputedYear(year); }

  // Business days among the bitmap days up to and including `day`, for
  // 1899-12-31 <= day <= 2199-12-31.
  int64_t Rank(Date day) const {
    const auto end = static_cast<uint64_t>(DaysSinceEpoch(day) + 1 -
                                           c_.first_day);  // exclusive
    const uint64_t word = end >> 6;
    const unsigned bit = end & 63u;
    int64_t rank = c_.business_before[word];
    if (bit != 0) {
      const uint64_t below = (uint64_t{1} << bit) - 1;
      rank += static_cast<int64_t>(bit) -
              std::popcount(c_.non_business[word] & below);
    }
    return rank;
  }

 private:
  // The bitmap index of the business day of rank `rank` (>= 1, at most the
  // bitmap's total).
  int64_t SelectIndex(int64_t rank, int64_t hint_index) const {
    const auto& before = c_.business_before;
    const size_t words = c_.non_business.size();
    // Near the hint first (short steps stay within a few words), then by
    // binary search.
    size_t word = std::min(
        static_cast<size_t>(std::max<int64_t>(hint_index >> 6, 0)), words - 1);
    bool found = false;
    for (int step = 0; step < 8 && !found; ++step) {
      if (before[word + 1] < rank) {
        ++word;
      } else if (before[word] >= rank) {
        --word;
      } else {
        found = true;
      }
    }
    if (!found) {
      word = static_cast<size_t>(
                 std::lower_bound(before.begin() + 1, before.end(), rank) -
                 before.begin()) -
             1;
    }
    uint64_t open = ~c_.non_business[word];
    for (int64_t left = rank - before[word]; left > 1; --left) {
      open &= open - 1;  // drop the lowest business day
    }
    return static_cast<int64_t>(word * 64) + std::countr_zero(open);
  }

  // The holidays of `year` that fall on non-weekend days, sorted, distinct.
  const std::vector<Date>& ClosedWeekdays(int year) {
    if (!closed_year_.has_value() || *closed_year_ != year) {
      closed_year_ = year;
      closed_ = HolidayDatesOfYear(c_, year);
      const Weekend weekend = c_.spec.weekend;
      closed_.erase(std::remove_if(closed_.begin(), closed_.end(),
                                   [weekend](Date day) {
                                     return weekend.Contains(WeekdayOf(day));
                                   }),
                    closed_.end());
      closed_.erase(std::unique(closed_.begin(), closed_.end()), closed_.end());
    }
    return closed_;
  }

  const internal::CompiledCalendar& c_;
  std::optional<int> closed_year_;
  std::vector<Date> closed_;
};

// Years whose holidays cannot be told from their neighbours': a rule starts
// or stops, a move, a skipped year, a one-off date or a removed date is within
// a year of them. Between two such years the rules in force are the same.
std::vector<bool> IrregularYears(const internal::CompiledCalendar& c) {
  std::vector<bool> irregular(kLastRuleYear + 2, false);
  const auto mark = [&irregular](int year) {
    for (int y = std::max(kFirstRuleYear, year - 1);
         y <= std::min(kLastRuleYear, year + 1); ++y) {
      irregular[static_cast<size_t>(y)] = true;
    }
  };
  for (const HolidayRule& rule : c.spec.holidays) {
    if (rule.kind == HolidayRule::Kind::kOneOff) mark(YearOf(rule.date));
    if (rule.from_year.has_value()) mark(*rule.from_year);
    if (rule.to_year.has_value()) mark(*rule.to_year);
    for (const HolidayMove& move : rule.moves) mark(move.year);
    for (int year : rule.skipped_years) mark(year);
  }
  for (Date removed : c.removed_sorted) mark(YearOf(removed));
  return irregular;
}

// True when two rules give the same dates (their names aside).
bool SameDates(const HolidayRule& a, const HolidayRule& b) {
  return a.kind == b.kind && a.month == b.month && a.day == b.day &&
         a.easter_offset == b.easter_offset && a.weekday == b.weekday &&
         a.nth == b.nth && a.date == b.date && a.observance == b.observance &&
         a.from_year == b.from_year && a.to_year == b.to_year &&
         a.moves == b.moves && a.skipped_years == b.skipped_years;
}

// Refuses a calendar with a year of 1..9999 outside the precomputed ones
// (those are checked day by day while the bitmap is built) that has no
// business day. Decided on the rule set, not on a window of dates:
//
// 1. A bound. For each weekday that is not a weekend day, count the distinct
//    rules that can place a holiday on it in a year. An n-th-weekday or
//    Easter-offset rule without observance or moves always falls on one
//    weekday (Easter is a Sunday); the others may fall on any. A year in which
//    some open weekday has fewer than 52 such rules (it occurs 52 or 53 times
//    a year) certainly keeps a business day. Rules may place a holiday in the
//    year before or after their own (Easter offsets, observance shifts):
//    those count for the neighbouring years too.
// 2. The remaining years (none for any real calendar) are resolved exactly,
//    once per kind of year: between two irregular years (IrregularYears), a
//    year's holidays follow from the weekday of its 1 January, which of it
//    and its neighbours are leap years and, when a rule counts from Easter,
//    the Easter dates of the three years. So at most a few dozen years are
//    resolved per stretch of years without Easter rules.
absl::Status CheckEveryYearHasABusinessDay(
    const internal::CompiledCalendar& c) {
  const Weekend weekend = c.spec.weekend;
  constexpr int kWeekdayOccurrencesPerYear = 52;
  // Per year, per weekday (C encoding): changes in the number of rules that
  // can fall on it, as a difference array. Identical rules count once.
  std::vector<std::array<int32_t, 7>> change(kLastRuleYear + 2,
                                             std::array<int32_t, 7>{});
  std::vector<const HolidayRule*> distinct;  // recurring rules
  bool counts_from_easter = false;
  for (const HolidayRule& rule : c.spec.holidays) {
    if (rule.kind != HolidayRule::Kind::kOneOff) {
      const bool same_as_earlier = std::any_of(
          distinct.begin(), distinct.end(), [&rule](const HolidayRule* other) {
            return SameDates(*other, rule);
          });
      if (same_as_earlier) continue;
      distinct.push_back(&rule);
    }
    const bool unshifted =
        rule.observance == Observance::kNone && rule.moves.empty();
    unsigned weekdays = 0x7f;  // any
    int spill = rule.observance == Observance::kNone ? 0 : 1;
    int first = rule.from_year.value_or(kFirstRuleYear);
    int last = rule.to_year.value_or(kLastRuleYear);
    switch (rule.kind) {
      case HolidayRule::Kind::kNthWeekday:
        if (unshifted) weekdays = 1u << rule.weekday.c_encoding();
        break;
      case HolidayRule::Kind::kEasterOffset:
        counts_from_easter = true;
        spill = 1;
        if (unshifted) weekdays = 1u << (((rule.easter_offset % 7) + 7) % 7);
        break;
      case HolidayRule::Kind::kOneOff:
        if (unshifted) weekdays = 1u << WeekdayOf(rule.date).c_encoding();
        first = last = YearOf(rule.date);
        break;
      case HolidayRule::Kind::kFixedDate:
        break;
    }
    first = std::max(kFirstRuleYear, first - spill);
    last = std::min(kLastRuleYear, last + spill);
    for (unsigned w = 0; w < 7; ++w) {
      if ((weekdays & (1u << w)) == 0 || weekend.Contains(Weekday{w})) continue;
      ++change[static_cast<size_t>(first)][w];
      --change[static_cast<size_t>(last) + 1][w];
    }
  }

  const std::vector<bool> irregular = IrregularYears(c);
  const auto easter_day = [](int year) -> int64_t {
    if (year < kFirstRuleYear || year > kLastRuleYear) return -1;
    return (EasterSunday(year) - MakeDate(year, 1, 1)).count();
  };
  // Kinds of regular years already resolved (all had a business day): the
  // stretch, 1 January's weekday, leap years, Easter days.
  std::set<std::array<int64_t, 6>> resolved;
  int64_t stretch = 0;
  YearView view(c);
  std::array<int32_t, 7> rules{};
  for (int year = kFirstRuleYear; year <= kLastRuleYear; ++year) {
    bool could_close_every_day = true;
    for (unsigned w = 0; w < 7; ++w) {
      rules[w] += change[static_cast<size_t>(year)][w];
      if (!weekend.Contains(Weekday{w}) &&
          rules[w] < kWeekdayOccurrencesPerYear) {
        could_close_every_day = false;
      }
    }
    if (irregular[static_cast<size_t>(year)]) ++stretch;
    if (!could_close_every_day || IsPrecomputedYear(year)) continue;
    if (!irregular[static_cast<size_t>(year)]) {
      const std::array<int64_t, 6> kind = {
          stretch,
          WeekdayOf(MakeDate(year, 1, 1)).c_encoding(),
          (IsLeapYear(year - 1) ? 4 : 0) + (IsLeapYear(year) ? 2 : 0) +
              (IsLeapYear(year + 1) ? 1 : 0),
          counts_from_easter ? easter_day(year - 1) : 0,
          counts_from_easter ? easter_day(year) : 0,
          counts_from_easter ? easter_day(year + 1) : 0};
      if (!resolved.insert(kind).second) continue;
    }
    if (view.InYear(year) == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "calendar: no business day in ", year, ": the weekend (",
          weekend.size() == 0 ? "none" : weekend.ToString(),
          ") and the holidays cover every day of that year; every year of "
          "0001..9999 needs a business day"));
    }
  }
  return absl::OkStatus();
}

void SetBit(std::vector<uint64_t>& bits, int64_t index) {
  bits[static_cast<uint64_t>(index) >> 6] |=
      uint64_t{1} << (static_cast<uint64_t>(index) & 63u);
}

bool GetBit(const std::vector<uint64_t>& bits, int64_t index) {
  return ((bits[static_cast<uint64_t>(index) >> 6] >>
           (static_cast<uint64_t>(index) & 63u)) &
          1u) != 0;
}

// --- Validation --------------------------------------------------------------

absl::Status InvalidField(std::string_view path, std::string_view field,
                          std::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(
      std::string(path), ".", std::string(field), ": ", std::string(message)));
}

absl::Status CheckYear(std::string_view path, std::string_view field,
                       int year) {
  if (year < kFirstRuleYear || year > kLastRuleYear) {
    return InvalidField(path, field,
                        absl::StrCat("expected 1..9999, got ", year));
  }
  return absl::OkStatus();
}

const char* KindFields(HolidayRule::Kind kind) {
  switch (kind) {
    case HolidayRule::Kind::kFixedDate:
      return "a fixed-date rule (month+day)";
    case HolidayRule::Kind::kEasterOffset:
      return "an Easter-offset rule (easter_offset)";
    case HolidayRule::Kind::kNthWeekday:
      return "an n-th-weekday rule (month+weekday+nth)";
    case HolidayRule::Kind::kOneOff:
      return "a one-off rule (date)";
  }
  return "a rule of unknown kind";
}

bool IsValidCode(std::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  for (char ch : code) {
    const bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
    if (!ok) return false;
  }
  return true;
}

absl::Status ValidateSpec(const CalendarSpec& spec, size_t first_rule_index,
                          size_t rule_index_base) {
  if (!IsValidCode(spec.code)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "calendar: code: expected 1..32 characters of A-Z a-z 0-9 - _, got ",
        Quoted(spec.code)));
  }
  if (spec.weekend.size() >= 7) {
    return absl::InvalidArgumentError(
        "calendar: weekend: all seven days are weekend days; a calendar "
        "needs at least one business weekday");
  }
  // Sizes first, before any work that grows with them.
  const size_t one_off_rules = static_cast<size_t>(std::count_if(
      spec.holidays.begin(), spec.holidays.end(), [](const HolidayRule& rule) {
        return rule.kind == HolidayRule::Kind::kOneOff;
      }));
  const size_t recurring_rules = spec.holidays.size() - one_off_rules;
  if (recurring_rules > BusinessCalendar::kMaxRecurringRules) {
    return absl::InvalidArgumentError(absl::StrCat(
        "calendar: holidays: ", recurring_rules,
        " recurring rules (fixed-date, Easter-offset, n-th-weekday), at most ",
        BusinessCalendar::kMaxRecurringRules));
  }
  if (one_off_rules > BusinessCalendar::kMaxOneOffRules) {
    return absl::InvalidArgumentError(absl::StrCat(
        "calendar: holidays: ", one_off_rules,
        " one-off dates (rules with a date, extra dates), at most ",
        BusinessCalendar::kMaxOneOffRules));
  }
  if (spec.removed_dates.size() > BusinessCalendar::kMaxRemovedDates) {
    return absl::InvalidArgumentError(
        absl::StrCat("calendar: removed_dates: ", spec.removed_dates.size(),
                     " dates, at most ", BusinessCalendar::kMaxRemovedDates));
  }
  for (size_t i = first_rule_index; i < spec.holidays.size(); ++i) {
    const absl::Status status = spec.holidays[i].Validate(
        absl::StrCat("holidays[", i - rule_index_base, "]"));
    if (!status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("calendar: ", std::string(status.message())));
    }
  }
  for (size_t i = 0; i < spec.removed_dates.size(); ++i) {
    const Date removed = spec.removed_dates[i];
    if (removed < kMinDate || removed > kMaxDate) {
      return absl::InvalidArgumentError(
          absl::StrCat("calendar: removed_dates[", i,
                       "]: expected a date in 0001-01-01..9999-12-31, got ",
                       FormatDate(removed)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

// --- Weekday names -----------------------------------------------------------

std::string_view WeekdayName(Weekday weekday) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "sunday",   "monday", "tuesday", "wednesday",
      "thursday", "friday", "saturday"};
  assert(weekday.ok());
  return kNames[weekday.c_encoding() % 7];
}

absl::StatusOr<Weekday> ParseWeekdayName(std::string_view text) {
  for (Weekday weekday : kWeekdaysMondayFirst) {
    if (text == WeekdayName(weekday)) return weekday;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("weekday ", Quoted(text),
                   ": expected one of monday, tuesday, wednesday, thursday, "
                   "friday, saturday, sunday"));
}

// --- Weekend -----------------------------------------------------------------

std::string Weekend::ToString() const {
  std::string text;
  for (Weekday weekday : kWeekdaysMondayFirst) {
    if (!Contains(weekday)) continue;
    if (!text.empty()) text += ',';
    text += WeekdayName(weekday);
  }
  return text;
}

std::ostream& operator<<(std::ostream& os, Weekend weekend) {
  return os << weekend.ToString();
}

// --- Observance --------------------------------------------------------------

constexpr internal::EnumName<Observance> kObservanceNames[] = {
    {Observance::kNone, "none"},
    {Observance::kNearestWeekday, "nearest-weekday"},
    {Observance::kNextFreeBusinessDay, "next-free-business-day"},
};

std::string_view ToString(Observance observance) {
  return internal::NameOf(kObservanceNames, observance);
}

std::ostream& operator<<(std::ostream& os, Observance observance) {
  return os << ToString(observance);
}

absl::StatusOr<Observance> ParseObservance(std::string_view text) {
  return internal::ParseName(kObservanceNames, text, "observance");
}

// --- HolidayRule -------------------------------------------------------------

HolidayRule HolidayRule::FixedDate(std::string name, int month, int day) {
  HolidayRule rule;
  rule.kind = Kind::kFixedDate;
  rule.name = std::move(name);
  rule.month = month;
  rule.day = day;
  return rule;
}

HolidayRule HolidayRule::EasterOffset(std::string name, int days_after_easter) {
  HolidayRule rule;
  rule.kind = Kind::kEasterOffset;
  rule.name = std::move(name);
  rule.easter_offset = days_after_easter;
  return rule;
}

HolidayRule HolidayRule::NthWeekday(std::string name, int month,
                                    Weekday weekday, int nth) {
  HolidayRule rule;
  rule.kind = Kind::kNthWeekday;
  rule.name = std::move(name);
  rule.month = month;
  rule.weekday = weekday;
  rule.nth = nth;
  return rule;
}

HolidayRule HolidayRule::OneOff(std::string name, Date date) {
  HolidayRule rule;
  rule.kind = Kind::kOneOff;
  rule.name = std::move(name);
  rule.date = date;
  return rule;
}

HolidayRule HolidayRule::WithObservance(Observance value) const {
  HolidayRule copy = *this;
  copy.observance = value;
  return copy;
}

HolidayRule HolidayRule::WithFromYear(int year) const {
  HolidayRule copy = *this;
  copy.from_year = year;
  return copy;
}

HolidayRule HolidayRule::WithToYear(int year) const {
  HolidayRule copy = *this;
  copy.to_year = year;
  return copy;
}

HolidayRule HolidayRule::WithMove(int year, Date moved_to) const {
  HolidayRule copy = *this;
  copy.moves.push_back(HolidayMove{year, moved_to});
  return copy;
}

HolidayRule HolidayRule::WithSkippedYear(int year) const {
  HolidayRule copy = *this;
  copy.skipped_years.push_back(year);
  return copy;
}

absl::Status HolidayRule::Validate(std::string_view path) const {
  const std::string p(path);
  if (name.empty()) return InvalidField(p, "name", "must not be empty");

  // Fields of other kinds must keep their defaults.
  const HolidayRule defaults;
  auto stray = [&](std::string_view field) {
    return absl::InvalidArgumentError(absl::StrCat(
        p, ": ", std::string(field), " is set on ", KindFields(kind)));
  };
  const bool uses_month = kind == Kind::kFixedDate || kind == Kind::kNthWeekday;
  if (!uses_month && month != defaults.month) return stray("month");
  if (kind != Kind::kFixedDate && day != defaults.day) return stray("day");
  if (kind != Kind::kEasterOffset && easter_offset != defaults.easter_offset) {
    return stray("easter_offset");
  }
  if (kind != Kind::kNthWeekday && nth != defaults.nth) return stray("nth");
  if (kind != Kind::kNthWeekday && weekday != defaults.weekday) {
    return stray("weekday");
  }
  if (kind != Kind::kOneOff && date != defaults.date) return stray("date");

  switch (kind) {
    case Kind::kFixedDate:
    case Kind::kNthWeekday:
      if (month < 1 || month > 12) {
        return InvalidField(p, "month",
                            absl::StrCat("expected 1..12, got ", month));
      }
      break;
    default:
      break;
  }
  switch (kind) {
    case Kind::kFixedDate: {
      // Any day that exists in a leap year (29 February is allowed).
      const int last =
          static_cast<int>(DaysInMonth(2000, static_cast<unsigned>(month)));
      if (day < 1 || day > last) {
        return InvalidField(p, "day",
                            absl::StrCat("expected 1..", last, " for month ",
                                         month, ", got ", day));
      }
      break;
    }
    case Kind::kEasterOffset:
      if (easter_offset < -365 || easter_offset > 365) {
        return InvalidField(
            p, "easter_offset",
            absl::StrCat("expected -365..365, got ", easter_offset));
      }
      break;
    case Kind::kNthWeekday:
      if (!weekday.ok()) {
        return InvalidField(p, "weekday", "not a valid weekday");
      }
      if (nth != kLastWeekdayOfMonth && (nth < 1 || nth > 5)) {
        return InvalidField(
            p, "nth", absl::StrCat("expected 1..5 or -1 (last), got ", nth));
      }
      break;
    case Kind::kOneOff:
      if (date < kMinDate || date > kMaxDate) {
        return InvalidField(
            p, "date",
            absl::StrCat("expected a date in 0001-01-01..9999-12-31, got ",
                         FormatDate(date)));
      }
      if (from_year.has_value()) {
        return InvalidField(p, "from_year", "not allowed on a one-off rule");
      }
      if (to_year.has_value()) {
        return InvalidField(p, "to_year", "not allowed on a one-off rule");
      }
      if (!moves.empty()) {
        return InvalidField(p, "moves", "not allowed on a one-off rule");
      }
      if (!skipped_years.empty()) {
        return InvalidField(p, "skipped_years",
                            "not allowed on a one-off rule");
      }
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat(p, ": kind: invalid value"));
  }

  if (observance != Observance::kNone &&
      observance != Observance::kNearestWeekday &&
      observance != Observance::kNextFreeBusinessDay) {
    return InvalidField(p, "observance", "invalid value");
  }
  if (from_year.has_value()) {
    RELANCE_RETURN_IF_ERROR(CheckYear(p, "from_year", *from_year));
  }
  if (to_year.has_value()) {
    RELANCE_RETURN_IF_ERROR(CheckYear(p, "to_year", *to_year));
    if (from_year.has_value() && *to_year < *from_year) {
      return InvalidField(
          p, "to_year",
          absl::StrCat(*to_year, " is before from_year ", *from_year));
    }
  }
  if (moves.size() + skipped_years.size() >
      BusinessCalendar::kMaxExceptionsPerRule) {
    return InvalidField(
        p, "moves",
        absl::StrCat(moves.size(), " moves and ", skipped_years.size(),
                     " skipped years, at most ",
                     BusinessCalendar::kMaxExceptionsPerRule, " in all"));
  }
  std::set<int> exception_years;
  for (size_t k = 0; k < moves.size(); ++k) {
    const std::string field = absl::StrCat("moves[", k, "]");
    const HolidayMove& move = moves[k];
    RELANCE_RETURN_IF_ERROR(
        CheckYear(p, absl::StrCat(field, ".year"), move.year));
    if (move.date < kMinDate || move.date > kMaxDate ||
        YearOf(move.date) != move.year) {
      return InvalidField(
          p, absl::StrCat(field, ".date"),
          absl::StrCat(FormatDate(move.date), " is not in year ", move.year));
    }
    if (!exception_years.insert(move.year).second) {
      return InvalidField(
          p, absl::StrCat(field, ".year"),
          absl::StrCat(move.year, " has more than one move or skip"));
    }
  }
  for (size_t k = 0; k < skipped_years.size(); ++k) {
    const std::string field = absl::StrCat("skipped_years[", k, "]");
    RELANCE_RETURN_IF_ERROR(CheckYear(p, field, skipped_years[k]));
    if (!exception_years.insert(skipped_years[k]).second) {
      return InvalidField(
          p, field,
          absl::StrCat(skipped_years[k], " has more than one move or skip"));
    }
  }
  return absl::OkStatus();
}

std::optional<Date> HolidayRule::DateIn(int year) const {
  assert(year >= kFirstRuleYear && year <= kLastRuleYear);
  if (kind == Kind::kOneOff) {
    if (YearOf(date) == year) return date;
    return std::nullopt;
  }
  if (from_year.has_value() && year < *from_year) return std::nullopt;
  if (to_year.has_value() && year > *to_year) return std::nullopt;
  for (const HolidayMove& move : moves) {
    if (move.year == year) return move.date;
  }
  for (int skipped : skipped_years) {
    if (skipped == year) return std::nullopt;
  }
  const date::year y{year};
  switch (kind) {
    case Kind::kFixedDate: {
      const date::year_month_day ymd =
          y / date::month{static_cast<unsigned>(month)} /
          date::day{static_cast<unsigned>(day)};
      if (!ymd.ok()) return std::nullopt;  // 29 February in a common year
      return date::sys_days{ymd};
    }
    case Kind::kEasterOffset:
      return EasterSunday(year) + Days{easter_offset};
    case Kind::kNthWeekday: {
      const date::month m{static_cast<unsigned>(month)};
      if (nth == kLastWeekdayOfMonth) {
        return date::sys_days{y / m / date::weekday_last{weekday}};
      }
      const date::year_month_weekday ymw =
          y / m / date::weekday_indexed{weekday, static_cast<unsigned>(nth)};
      if (!ymw.ok()) return std::nullopt;  // no 5th such weekday
      return date::sys_days{ymw};
    }
    case Kind::kOneOff:
      break;
  }
  return std::nullopt;
}

bool HolidayRule::IsMovedIn(int year) const {
  return std::any_of(
      moves.begin(), moves.end(),
      [year](const HolidayMove& move) { return move.year == year; });
}

std::ostream& operator<<(std::ostream& os, const Holiday& holiday) {
  return os << FormatDate(holiday.date) << ' ' << holiday.name;
}

// --- Business-day conventions ------------------------------------------------

constexpr internal::EnumName<BusinessDayConvention> kConventionNames[] = {
    {BusinessDayConvention::kUnadjusted, "unadjusted"},
    {BusinessDayConvention::kFollowing, "following"},
    {BusinessDayConvention::kModifiedFollowing, "modified-following"},
    {BusinessDayConvention::kPreceding, "preceding"},
    {BusinessDayConvention::kModifiedPreceding, "modified-preceding"},
    // Aliases, parsed only.
    {BusinessDayConvention::kModifiedFollowing, "modified_following"},
    {BusinessDayConvention::kModifiedPreceding, "modified_preceding"},
};

std::string_view ToString(BusinessDayConvention convention) {
  return internal::NameOf(kConventionNames, convention);
}

std::ostream& operator<<(std::ostream& os, BusinessDayConvention convention) {
  return os << ToString(convention);
}

absl::StatusOr<BusinessDayConvention> ParseBusinessDayConvention(
    std::string_view text) {
  return internal::ParseName(kConventionNames, text, "business-day convention");
}

// --- BusinessCalendar --------------------------------------------------------

namespace {

absl::StatusOr<BusinessCalendar> CreateChecked(CalendarSpec spec,
                                               size_t first_rule_index,
                                               size_t rule_index_base) {
  RELANCE_RETURN_IF_ERROR(
      ValidateSpec(spec, first_rule_index, rule_index_base));
  return BusinessCalendar::Create(std::move(spec));
}

}  // namespace

BusinessCalendar::BusinessCalendar(
    std::shared_ptr<const internal::CompiledCalendar> compiled)
    : compiled_(std::move(compiled)) {}

absl::StatusOr<BusinessCalendar> BusinessCalendar::Create(CalendarSpec spec) {
  RELANCE_RETURN_IF_ERROR(ValidateSpec(spec, 0, 0));

  auto compiled = std::make_shared<internal::CompiledCalendar>();
  compiled->removed_sorted = spec.removed_dates;
  std::sort(compiled->removed_sorted.begin(), compiled->removed_sorted.end());
  for (size_t i = 0; i < spec.holidays.size(); ++i) {
    if (spec.holidays[i].kind == HolidayRule::Kind::kOneOff) {
      compiled->one_offs.emplace_back(spec.holidays[i].date, i);
    } else {
      compiled->recurring_rules.push_back(i);
    }
  }
  std::sort(compiled->one_offs.begin(), compiled->one_offs.end());
  compiled->spec = std::move(spec);
  compiled->year_business_days =
      std::make_unique<std::atomic<int16_t>[]>(kLastRuleYear + 1);

  const Date first = MakeDate(kFirstPrecomputedYear, 1, 1);
  const Date last = MakeDate(kLastPrecomputedYear, 12, 31);
  compiled->first_day = DaysSinceEpoch(first);
  compiled->day_count = (last - first).count() + 1;
  const auto words = static_cast<size_t>((compiled->day_count + 63) / 64);
  compiled->holiday.assign(words, 0);
  compiled->non_business.assign(words, 0);

  for (const Occurrence& occurrence : ResolveOccurrences(
           *compiled, kFirstPrecomputedYear, kLastPrecomputedYear)) {
    SetBit(compiled->holiday,
           DaysSinceEpoch(occurrence.date) - compiled->first_day);
  }
  const Weekend weekend = compiled->spec.weekend;
  int64_t run = 0;
  for (int64_t index = 0; index < compiled->day_count; ++index) {
    const Date day = first + Days{index};
    const bool closed =
        weekend.Contains(WeekdayOf(day)) || GetBit(compiled->holiday, index);
    if (!closed) {
      run = 0;
      continue;
    }
    SetBit(compiled->non_business, index);
    if (++run > kMaxNonBusinessRun) {
      Date run_end = day;
      while (run_end < last &&
             (weekend.Contains(WeekdayOf(run_end + Days{1})) ||
              GetBit(compiled->holiday, DaysSinceEpoch(run_end + Days{1}) -
                                            compiled->first_day))) {
        run_end += Days{1};
      }
      return absl::InvalidArgumentError(absl::StrCat(
          "calendar: no business day from ", FormatDate(day - Days{run - 1}),
          " to ", FormatDate(run_end), " (more than ", kMaxNonBusinessRun,
          " consecutive non-business days)"));
    }
  }
  // Past the last day: not business days, so that the running counts of the
  // last word count only real days.
  for (int64_t index = compiled->day_count;
       index < static_cast<int64_t>(words * 64); ++index) {
    SetBit(compiled->non_business, index);
  }
  compiled->business_before.assign(words + 1, 0);
  for (size_t word = 0; word < words; ++word) {
    compiled->business_before[word + 1] =
        compiled->business_before[word] + 64 -
        std::popcount(compiled->non_business[word]);
  }
  RELANCE_RETURN_IF_ERROR(CheckEveryYearHasABusinessDay(*compiled));
  return BusinessCalendar(std::move(compiled));
}

const std::string& BusinessCalendar::code() const {
  return compiled_->spec.code;
}
const std::string& BusinessCalendar::name() const {
  return compiled_->spec.name;
}
Weekend BusinessCalendar::weekend() const { return compiled_->spec.weekend; }
const CalendarSpec& BusinessCalendar::spec() const { return compiled_->spec; }

absl::StatusOr<BusinessCalendar> BusinessCalendar::WithHolidays(
    std::vector<HolidayRule> rules) const {
  CalendarSpec spec = compiled_->spec;
  const size_t base = spec.holidays.size();
  for (HolidayRule& rule : rules) spec.holidays.push_back(std::move(rule));
  return CreateChecked(std::move(spec), base, base);
}

absl::StatusOr<BusinessCalendar> BusinessCalendar::WithWeekend(
    Weekend weekend) const {
  CalendarSpec spec = compiled_->spec;
  spec.weekend = weekend;
  return Create(std::move(spec));
}

absl::StatusOr<BusinessCalendar> BusinessCalendar::WithoutDates(
    std::vector<Date> dates) const {
  CalendarSpec spec = compiled_->spec;
  spec.removed_dates.insert(spec.removed_dates.end(), dates.begin(),
                            dates.end());
  return Create(std::move(spec));
}

absl::StatusOr<BusinessCalendar> BusinessCalendar::WithCode(
    std::string code, std::string name) const {
  CalendarSpec spec = compiled_->spec;
  spec.code = std::move(code);
  spec.name = std::move(name);
  return Create(std::move(spec));
}

bool BusinessCalendar::IsHolidayFromRules(Date date) const {
  const std::vector<Date> dates = HolidayDatesOfYear(*compiled_, YearOf(date));
  return std::binary_search(dates.begin(), dates.end(), date);
}

std::vector<Holiday> BusinessCalendar::Holidays(int year) const {
  std::vector<Holiday> holidays;
  if (year < kFirstRuleYear || year > kLastRuleYear) return holidays;
  const CalendarSpec& spec = compiled_->spec;
  for (const Occurrence& occurrence :
       ResolveOccurrences(*compiled_, year, year)) {
    std::string name = spec.holidays[occurrence.rule].name;
    if (occurrence.shifted_by == Observance::kNearestWeekday) {
      name += " (observed)";
    } else if (occurrence.shifted_by == Observance::kNextFreeBusinessDay) {
      name += " (substitute day)";
    }
    holidays.push_back(
        Holiday{occurrence.date, std::move(name), occurrence.nominal});
  }
  return holidays;
}

Date BusinessCalendar::Adjust(Date date,
                              BusinessDayConvention convention) const {
  if (convention == BusinessDayConvention::kUnadjusted || date < kMinDate ||
      date > kMaxDate || IsBusinessDay(date)) {
    return date;
  }
  const auto same_month = [date](Date other) {
    return MonthOf(other) == MonthOf(date) && YearOf(other) == YearOf(date);
  };
  switch (convention) {
    case BusinessDayConvention::kFollowing:
      return AddBusinessDays(date, 1);
    case BusinessDayConvention::kModifiedFollowing: {
      const Date next = AddBusinessDays(date, 1);
      return same_month(next) ? next : AddBusinessDays(date, -1);
    }
    case BusinessDayConvention::kPreceding:
      return AddBusinessDays(date, -1);
    case BusinessDayConvention::kModifiedPreceding: {
      const Date previous = AddBusinessDays(date, -1);
      return same_month(previous) ? previous : AddBusinessDays(date, 1);
    }
    case BusinessDayConvention::kUnadjusted:
      break;
  }
  return date;
}

// Inside 1900..2199 by rank in the bitmap; elsewhere year by year: the rest
// of the starting year, whole years (each a table read, 1900..2199 as one),
// then the target inside its year (whole weeks, then holidays).
Date BusinessCalendar::AddBusinessDays(Date date, int n) const {
  if (date < kMinDate || date > kMaxDate || n == 0) return date;
  YearView view(*compiled_);
  const int64_t bitmap_total = view.BitmapTotal();
  if (n > 0) {
    int64_t left = n;
    int next_year = 0;
    if (view.HasRank(date)) {
      const int64_t target = view.Rank(date) + left;
      if (target <= bitmap_total) return view.SelectRank(target, date);
      left = target - bitmap_total;
      next_year = kLastPrecomputedYear + 1;
    } else {
      const int year = YearOf(date);
      const int64_t rest_of_year = view.Within(year, date, LastDayOfYear(year));
      if (left <= rest_of_year) {
        return view.Select(
            year, view.Within(year, LastDayOfYear(year - 1), date) + left);
      }
      left -= rest_of_year;
      next_year = year + 1;
    }
    for (int y = next_year; y <= kLastRuleYear; ++y) {
      if (y == kFirstPrecomputedYear) {
        if (left <= bitmap_total) {
          return view.SelectRank(left, MakeDate(kFirstPrecomputedYear, 1, 1));
        }
        left -= bitmap_total;
        y = kLastPrecomputedYear;
        continue;
      }
      const int64_t in_year = view.InYear(y);
      if (left <= in_year) return view.Select(y, left);
      left -= in_year;
    }
    return kMaxDate;
  }
  int64_t left = -int64_t{n};
  int previous_year = 0;
  if (view.HasRank(date - Days{1})) {
    // Business days in [1900-01-01, date).
    const int64_t before = view.Rank(date - Days{1});
    if (left <= before) return view.SelectRank(before - left + 1, date);
    left -= before;
    previous_year = kFirstPrecomputedYear - 1;
  } else {
    const int year = YearOf(date);
    // Business days in [1 January, date).
    const int64_t start_of_year =
        view.Within(year, LastDayOfYear(year - 1), date - Days{1});
    if (left <= start_of_year) {
      return view.Select(year, start_of_year - left + 1);
    }
    left -= start_of_year;
    previous_year = year - 1;
  }
  for (int y = previous_year; y >= kFirstRuleYear; --y) {
    if (y == kLastPrecomputedYear) {
      if (left <= bitmap_total) {
        return view.SelectRank(bitmap_total - left + 1,
                               MakeDate(kLastPrecomputedYear, 12, 31));
      }
      left -= bitmap_total;
      y = kFirstPrecomputedYear;
      continue;
    }
    const int64_t in_year = view.InYear(y);
    if (left <= in_year) return view.Select(y, in_year - left + 1);
    left -= in_year;
  }
  return kMinDate;
}

int64_t BusinessCalendar::CountBusinessDays(Date from, Date to) const {
  // (to, from] counted negatively when to < from.
  const int64_t sign = to < from ? -1 : 1;
  if (to < from) std::swap(from, to);
  if (from == to) return 0;
  YearView view(*compiled_);
  if (view.HasRank(from) && view.HasRank(to)) {
    return sign * (view.Rank(to) - view.Rank(from));
  }
  const int first_year = YearOf(from + Days{1});
  const int last_year = YearOf(to);
  if (first_year == last_year) return sign * view.Within(first_year, from, to);
  return sign * (view.Within(first_year, from, LastDayOfYear(first_year)) +
                 view.InYears(first_year + 1, last_year - 1) +
                 view.Within(last_year, LastDayOfYear(last_year - 1), to));
}

}  // namespace relance
