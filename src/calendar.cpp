#include "relance/calendar.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstddef>
#include <set>
#include <string>
#include <utility>

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
std::vector<Occurrence> ResolveOccurrences(const CalendarSpec& spec,
                                           const std::vector<Date>& removed,
                                           int first_year, int last_year) {
  const Weekend weekend = spec.weekend;
  const int window_first = std::max(kFirstRuleYear, first_year - 1);
  const int window_last = std::min(kLastRuleYear, last_year + 1);

  std::vector<Occurrence> placed;
  std::vector<Occurrence> next_free;
  for (int year = window_first; year <= window_last; ++year) {
    for (size_t i = 0; i < spec.holidays.size(); ++i) {
      const HolidayRule& rule = spec.holidays[i];
      const std::optional<Date> nominal = rule.DateIn(year);
      if (!nominal.has_value()) continue;
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
    }
  }

  // Substitute days: in order of their own date, ties in rule order, each to
  // the next day that is neither weekend nor already taken.
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

  const Date range_first = MakeDate(first_year, 1, 1);
  const Date range_last = MakeDate(last_year, 12, 31);
  std::vector<Occurrence> result;
  for (const Occurrence& occurrence : placed) {
    if (occurrence.date < range_first || occurrence.date > range_last) continue;
    if (std::binary_search(removed.begin(), removed.end(), occurrence.date)) {
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
  for (const Occurrence& occurrence :
       ResolveOccurrences(c.spec, c.removed_sorted, year, year)) {
    dates.push_back(occurrence.date);
  }
  return dates;
}

// Answers "is this a business day" for a walk over many dates: bitmap inside
// the precomputed range, rules (one year cached at a time) outside it.
class BusinessDayProbe {
 public:
  explicit BusinessDayProbe(const internal::CompiledCalendar& compiled)
      : c_(compiled) {}

  bool IsBusinessDay(Date date) {
    const int64_t index = DaysSinceEpoch(date) - c_.first_day;
    if (index >= 0 && index < c_.day_count) {
      return ((c_.non_business[static_cast<uint64_t>(index) >> 6] >>
               (static_cast<uint64_t>(index) & 63u)) &
              1u) == 0;
    }
    if (c_.spec.weekend.Contains(WeekdayOf(date))) return false;
    const int year = YearOf(date);
    if (!cached_year_.has_value() || *cached_year_ != year) {
      cached_year_ = year;
      cached_holidays_ = HolidayDatesOfYear(c_, year);
    }
    return !std::binary_search(cached_holidays_.begin(), cached_holidays_.end(),
                               date);
  }

  // The first business day after `date`; stops at kMaxDate. A date at or
  // after kMaxDate is returned unchanged.
  Date Next(Date date) {
    if (date >= kMaxDate) return date;
    Date day = date;
    do {
      day += Days{1};
    } while (day < kMaxDate && !IsBusinessDay(day));
    return day;
  }

  // The last business day before `date`; stops at kMinDate. A date at or
  // before kMinDate is returned unchanged.
  Date Previous(Date date) {
    if (date <= kMinDate) return date;
    Date day = date;
    do {
      day -= Days{1};
    } while (day > kMinDate && !IsBusinessDay(day));
    return day;
  }

 private:
  const internal::CompiledCalendar& c_;
  std::optional<int> cached_year_;
  std::vector<Date> cached_holidays_;
};

void SetBit(std::vector<uint64_t>& bits, int64_t index) {
  bits[static_cast<uint64_t>(index) >> 6] |=
      uint64_t{1} << (static_cast<uint64_t>(index) & 63u);
}

bool GetBit(const std::vector<uint64_t>& bits, int64_t index) {
  return ((bits[static_cast<uint64_t>(index) >> 6] >>
           (static_cast<uint64_t>(index) & 63u)) &
          1u) != 0;
}

// Number of set bits with index in [first, last] (inclusive).
int64_t CountBits(const std::vector<uint64_t>& bits, int64_t first,
                  int64_t last) {
  if (first > last) return 0;
  const auto lo = static_cast<uint64_t>(first);
  const auto hi = static_cast<uint64_t>(last);
  const uint64_t lo_word = lo >> 6;
  const uint64_t hi_word = hi >> 6;
  const uint64_t lo_mask = ~uint64_t{0} << (lo & 63u);
  const uint64_t hi_mask = ~uint64_t{0} >> (63u - (hi & 63u));
  if (lo_word == hi_word) {
    return std::popcount(bits[lo_word] & lo_mask & hi_mask);
  }
  int64_t count = std::popcount(bits[lo_word] & lo_mask);
  for (uint64_t word = lo_word + 1; word < hi_word; ++word) {
    count += std::popcount(bits[word]);
  }
  count += std::popcount(bits[hi_word] & hi_mask);
  return count;
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
  compiled->spec = std::move(spec);

  const Date first = MakeDate(kFirstPrecomputedYear, 1, 1);
  const Date last = MakeDate(kLastPrecomputedYear, 12, 31);
  compiled->first_day = DaysSinceEpoch(first);
  compiled->day_count = (last - first).count() + 1;
  const auto words = static_cast<size_t>((compiled->day_count + 63) / 64);
  compiled->holiday.assign(words, 0);
  compiled->non_business.assign(words, 0);

  for (const Occurrence& occurrence :
       ResolveOccurrences(compiled->spec, compiled->removed_sorted,
                          kFirstPrecomputedYear, kLastPrecomputedYear)) {
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
       ResolveOccurrences(spec, compiled_->removed_sorted, year, year)) {
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
  BusinessDayProbe probe(*compiled_);
  const unsigned month = MonthOf(date);
  switch (convention) {
    case BusinessDayConvention::kFollowing:
      return probe.Next(date);
    case BusinessDayConvention::kModifiedFollowing: {
      const Date next = probe.Next(date);
      if (MonthOf(next) == month && YearOf(next) == YearOf(date)) return next;
      return probe.Previous(date);
    }
    case BusinessDayConvention::kPreceding:
      return probe.Previous(date);
    case BusinessDayConvention::kModifiedPreceding: {
      const Date previous = probe.Previous(date);
      if (MonthOf(previous) == month && YearOf(previous) == YearOf(date)) {
        return previous;
      }
      return probe.Next(date);
    }
    case BusinessDayConvention::kUnadjusted:
      break;
  }
  return date;
}

Date BusinessCalendar::AddBusinessDays(Date date, int n) const {
  if (date < kMinDate || date > kMaxDate) return date;
  BusinessDayProbe probe(*compiled_);
  Date day = date;
  if (n > 0) {
    for (int i = 0; i < n && day < kMaxDate; ++i) day = probe.Next(day);
  } else if (n < 0) {
    for (int i = 0; i > n && day > kMinDate; --i) day = probe.Previous(day);
  }
  return day;
}

int64_t BusinessCalendar::CountBusinessDays(Date from, Date to) const {
  // (to, from] counted negatively when to < from.
  const int64_t sign = to < from ? -1 : 1;
  if (to < from) std::swap(from, to);
  const internal::CompiledCalendar& c = *compiled_;
  // Day indices (relative to the bitmap) of the interval (from, to].
  const int64_t first = DaysSinceEpoch(from) + 1 - c.first_day;
  const int64_t last = DaysSinceEpoch(to) - c.first_day;
  if (first > last) return 0;
  int64_t count = 0;
  // Inside the bitmap: business days = days - non-business bits.
  const int64_t in_first = std::max<int64_t>(first, 0);
  const int64_t in_last = std::min<int64_t>(last, c.day_count - 1);
  if (in_first <= in_last) {
    count +=
        (in_last - in_first + 1) - CountBits(c.non_business, in_first, in_last);
  }
  // Outside it (slow path), day by day.
  BusinessDayProbe probe(c);
  const auto count_slowly = [&](int64_t lo, int64_t hi) {
    for (int64_t index = lo; index <= hi; ++index) {
      if (probe.IsBusinessDay(DateFromDaysSinceEpoch(index + c.first_day))) {
        ++count;
      }
    }
  };
  count_slowly(first, std::min<int64_t>(last, -1));
  count_slowly(std::max<int64_t>(first, c.day_count), last);
  return sign * count;
}

}  // namespace relance
