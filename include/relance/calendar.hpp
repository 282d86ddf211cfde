// relance/calendar.hpp
// -----------------------------------------------------------------------------
// Business calendars: weekends, public holidays and business-day arithmetic.
//
// A `BusinessCalendar` says which dates are business days. It is compiled once
// from a `CalendarSpec` (weekend days plus holiday rules) and is then
// immutable: every query is a pure `const` function, safe to call from many
// threads, and there is no "current date" anywhere.
//
// Holiday rules (`HolidayRule`) come in four kinds:
//
//   - fixed date          1 May, 25 December;
//   - Easter offset       Good Friday = Easter - 2, Easter Monday = +1,
//                         Ascension Day = +39, Whit Monday = +50
//                         (Easter is computed, see relance/easter.hpp);
//   - n-th weekday        4th Thursday of November, last Monday of May;
//   - one-off date        2023-05-08 (a coronation bank holiday).
//
// Each rule has a name, optional first/last years of validity, optional
// per-year moves ("in 2020 the Early May bank holiday is on 8 May") and
// cancellations, and an `Observance` that says what happens when the holiday
// falls on a weekend day: nothing (France), the nearest weekday (US federal),
// or the next free business day (UK "substitute days").
//
// Composition never mutates. `WithHolidays`, `WithWeekend`, `WithoutDates`
// and `WithCode` return a *new* calendar and leave the original untouched:
// adding a company closing day to a copy of `FR` does not change `FR` (the
// trap QuantLib's shared calendar implementations fall into).
//
// A `BusinessCalendar` is a small value: it holds a `std::shared_ptr` to
// immutable compiled tables, so copying is cheap and copies never observe
// each other's changes (there are none to observe).
//
// Speed: at construction the calendar precomputes a bitmap of non-business
// days for the years 1900..2199 (`kFirstPrecomputedYear` ..
// `kLastPrecomputedYear`) with running business-day counts, so
// `IsBusinessDay` on those dates is one bit test and `CountBusinessDays`
// within them a few operations. Dates outside that range are answered from
// the rules directly (slower, and exactly as correct); the number of business
// days of each such year is computed once, on first use, and kept.
// `AddBusinessDays` and `CountBusinessDays` never walk day by day: they jump
// by whole years, then by whole weeks inside a year, then over that year's
// holidays, so their cost depends on the number of years spanned (at most
// 9999) and not on the number of days. Holiday rules apply to years 1..9999;
// dates outside that range only have weekends.
//
// Limits: a calendar has at most `kMaxRecurringRules` recurring rules,
// `kMaxOneOffRules` one-off dates, `kMaxRemovedDates` removed dates and
// `kMaxExceptionsPerRule` moves and skipped years per rule, and every year
// 1..9999 has at least one business day (see `BusinessCalendar::Create`):
// so every query ends quickly and every search finds a business day, except
// beyond the first or last business day of the supported dates.
//
// Interval convention: as everywhere in relance, an interval between two
// dates excludes the start and includes the end. `CountBusinessDays(from, to)`
// counts business days in (from, to].
//
// Example:
//
//   // relance/builtin_calendars.hpp
//   absl::StatusOr<std::shared_ptr<const relance::BusinessCalendar>> fr =
//       relance::BuiltinCalendar("FR");
//   if (!fr.ok()) return fr.status();
//   const relance::BusinessCalendar& cal = **fr;
//   using relance::MakeDate;
//   cal.IsBusinessDay(MakeDate(2026, 5, 14));   // false: Ascension
//   cal.Adjust(MakeDate(2026, 5, 30),           // Saturday
//              relance::BusinessDayConvention::kModifiedFollowing);
//                                       // 2026-05-29 (1 June leaves May)
//   cal.AddBusinessDays(MakeDate(2026, 5, 13), 1);  // 2026-05-15
//   cal.CountBusinessDays(MakeDate(2026, 5, 1),
//                         MakeDate(2026, 5, 31));   // 17, in (1 May, 31 May]
//
//   // A company that also closes on 24 December, as a new calendar:
//   absl::StatusOr<relance::BusinessCalendar> acme = cal.WithHolidays(
//       {relance::HolidayRule::FixedDate("Company Christmas Eve", 12, 24)});
//
// Hosts can also define calendars as JSON, see `BusinessCalendar::FromJson`
// below and docs/calendars.md.
#ifndef RELANCE_CALENDAR_HPP_
#define RELANCE_CALENDAR_HPP_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/export.hpp"

namespace relance {

// ---------------------------------------------------------------------------
// Weekdays by name
// ---------------------------------------------------------------------------

// The lower-case English name of a weekday: "monday" .. "sunday".
// Precondition: `weekday.ok()`.
[[nodiscard]] RELANCE_API std::string_view WeekdayName(Weekday weekday);

// Parses a lower-case English weekday name ("monday" .. "sunday").
// Errors: kInvalidArgument quoting the text and listing the accepted names.
[[nodiscard]] RELANCE_API absl::StatusOr<Weekday> ParseWeekdayName(
    std::string_view text);

// ---------------------------------------------------------------------------
// Weekend
// ---------------------------------------------------------------------------

// The set of weekdays that are never business days (by default Saturday and
// Sunday; Friday and Saturday in much of the Middle East). A small value.
class RELANCE_API Weekend {
 public:
  // No weekend day at all: every weekday is a potential business day.
  constexpr Weekend() = default;
  // The given days (duplicates are harmless). Precondition: each `ok()`.
  constexpr Weekend(std::initializer_list<Weekday> days) {
    for (Weekday day : days) bits_ |= Bit(day);
  }
  static constexpr Weekend SaturdaySunday() {
    return Weekend{date::Saturday, date::Sunday};
  }
  static constexpr Weekend FridaySaturday() {
    return Weekend{date::Friday, date::Saturday};
  }

  // This weekend plus `day`.
  [[nodiscard]] constexpr Weekend With(Weekday day) const {
    Weekend copy = *this;
    copy.bits_ |= Bit(day);
    return copy;
  }

  constexpr bool Contains(Weekday day) const { return (bits_ & Bit(day)) != 0; }
  // Number of weekend days, 0..7. A calendar needs at most 6.
  constexpr int size() const {
    int count = 0;
    for (unsigned bit = 0; bit < 7; ++bit) count += ((bits_ >> bit) & 1u) != 0;
    return count;
  }
  // Bit i set when the weekday with C encoding i (Sunday = 0 .. Saturday = 6)
  // is a weekend day.
  constexpr unsigned bits() const { return bits_; }

  // "saturday,sunday" (Monday-first order), "" for no weekend day.
  [[nodiscard]] std::string ToString() const;

  friend constexpr bool operator==(Weekend, Weekend) = default;

 private:
  static constexpr unsigned Bit(Weekday day) { return 1u << day.c_encoding(); }
  unsigned bits_ = 0;
};

RELANCE_API std::ostream& operator<<(std::ostream& os, Weekend weekend);

// ---------------------------------------------------------------------------
// Holiday rules
// ---------------------------------------------------------------------------

// What happens to a holiday that falls on a weekend day (of the calendar's
// own `Weekend`).
enum class Observance {
  // Nothing: the holiday stays on the weekend day (France, Germany, TARGET).
  kNone,
  // It moves to the nearest non-weekend day; on a tie, the following one.
  // With a Saturday+Sunday weekend: Saturday -> the Friday before, Sunday ->
  // the Monday after (US federal holidays, 5 U.S.C. 6103(b) and Executive
  // Order 11582). The observed day may fall in the previous year: New Year's
  // Day 2022 (a Saturday) was observed on Friday 2021-12-31. Other holidays
  // are not looked at.
  kNearestWeekday,
  // It moves to the next day that is neither a weekend day nor already a
  // holiday (England and Wales "substitute days", Banking and Financial
  // Dealings Act 1971). Holidays that need no move are placed first; then
  // the moved ones in order of their own date, ties in rule order. So
  // Christmas 2022 (Sunday) -> Tuesday 27 because Boxing Day holds Monday 26,
  // and in 2021 Christmas (Saturday) -> Monday 27, Boxing Day (Sunday) ->
  // Tuesday 28.
  kNextFreeBusinessDay,
};

// "none", "nearest-weekday", "next-free-business-day".
[[nodiscard]] RELANCE_API std::string_view ToString(Observance observance);
RELANCE_API std::ostream& operator<<(std::ostream& os, Observance observance);
// Parses the names above. Errors: kInvalidArgument quoting the text and
// listing the accepted names.
[[nodiscard]] RELANCE_API absl::StatusOr<Observance> ParseObservance(
    std::string_view text);

// In `year`, a holiday is held on `date` instead of its usual date (the UK
// Early May bank holiday on 8 May 1995 and 2020 for VE Day). `date` must lie
// in `year`. A moved holiday is final: no observance shift applies to it.
struct HolidayMove {
  int year = 0;
  Date date = {};
  friend bool operator==(const HolidayMove&, const HolidayMove&) = default;
};

// `nth` value meaning "the last such weekday of the month".
inline constexpr int kLastWeekdayOfMonth = -1;

// One rule of a calendar. An aggregate whose fields mirror the JSON schema
// (docs/calendars.md); build it with the factories and the `With...`
// modifiers, which return modified copies:
//
//   HolidayRule::FixedDate("Independence Day", 7, 4)
//       .WithObservance(Observance::kNearestWeekday);
//   HolidayRule::NthWeekday("Early May bank holiday", 5, date::Monday, 1)
//       .WithFromYear(1978)
//       .WithMove(1995, MakeDate(1995, 5, 8));
//
// Fields that do not belong to the rule's `kind` must keep their defaults.
// `Validate` (called by `BusinessCalendar::Create`) checks every field.
struct RELANCE_API HolidayRule {
  enum class Kind {
    kFixedDate,     // `month`/`day` every year
    kEasterOffset,  // `easter_offset` days after Easter Sunday (negative:
                    // before)
    kNthWeekday,    // the `nth` `weekday` of `month`; nth = -1: the last one
    kOneOff,        // `date`, once
  };

  Kind kind = Kind::kFixedDate;
  // Shown in listings ("Lundi de Pâques", "Early May bank holiday"). UTF-8,
  // not empty.
  std::string name = {};
  // kFixedDate and kNthWeekday: 1..12.
  int month = 0;
  // kFixedDate: 1..31 and existing in that month in a leap year. 29 February
  // occurs in leap years only.
  int day = 0;
  // kEasterOffset: -365..365 days. The rule's year is Easter's year.
  int easter_offset = 0;
  // kNthWeekday.
  Weekday weekday = date::Monday;
  // kNthWeekday: 1..5, or kLastWeekdayOfMonth (-1). A 5th weekday that does
  // not exist in a given month gives no holiday that year.
  int nth = 0;
  // kOneOff: the date, within kMinDate..kMaxDate.
  Date date = {};
  Observance observance = Observance::kNone;
  // First and last year (inclusive) in which the rule applies; absent: no
  // bound. 1..9999, from_year <= to_year. Not allowed on kOneOff.
  std::optional<int> from_year = {};
  std::optional<int> to_year = {};
  // Per-year exceptions (not allowed on kOneOff): the holiday is held on
  // another date, or (`skipped_years`) not at all. Each year at most once
  // across both lists.
  std::vector<HolidayMove> moves = {};
  std::vector<int> skipped_years = {};

  static HolidayRule FixedDate(std::string name, int month, int day);
  static HolidayRule EasterOffset(std::string name, int days_after_easter);
  // `nth`: 1..5 or kLastWeekdayOfMonth.
  static HolidayRule NthWeekday(std::string name, int month, Weekday weekday,
                                int nth);
  static HolidayRule LastWeekday(std::string name, int month, Weekday weekday) {
    return NthWeekday(std::move(name), month, weekday, kLastWeekdayOfMonth);
  }
  static HolidayRule OneOff(std::string name, Date date);

  [[nodiscard]] HolidayRule WithObservance(Observance value) const;
  [[nodiscard]] HolidayRule WithFromYear(int year) const;
  [[nodiscard]] HolidayRule WithToYear(int year) const;
  [[nodiscard]] HolidayRule WithMove(int year, Date moved_to) const;
  [[nodiscard]] HolidayRule WithSkippedYear(int year) const;

  // Checks every field. `path` prefixes messages, e.g. with path
  // "holidays[2]": `holidays[2].month: expected 1..12, got 13`.
  // Errors: kInvalidArgument.
  [[nodiscard]] absl::Status Validate(std::string_view path) const;

  // The date the rule gives for `year` before any observance shift: after
  // validity years, moves and skipped years; nullopt when there is none (out
  // of validity, skipped, 29 February in a common year, a missing 5th
  // weekday, a one-off of another year). For kEasterOffset the date may lie
  // outside `year` when |easter_offset| is large. Precondition: the rule is
  // valid and 1 <= year <= 9999.
  [[nodiscard]] std::optional<Date> DateIn(int year) const;
  // True when `DateIn(year)` comes from a move (and so is not shifted).
  [[nodiscard]] bool IsMovedIn(int year) const;

  friend bool operator==(const HolidayRule&, const HolidayRule&) = default;
};

// One holiday in a listing.
struct Holiday {
  // The date the holiday is observed (a non-business day of the calendar).
  Date date = {};
  // The rule's name; a holiday moved by its observance gets a suffix:
  // "Independence Day (observed)" (kNearestWeekday),
  // "Christmas Day (substitute day)" (kNextFreeBusinessDay).
  std::string name = {};
  // The date the rule gave before the observance shift (== `date` unless
  // shifted).
  Date nominal_date = {};
  friend bool operator==(const Holiday&, const Holiday&) = default;
};

// "2026-12-28 Boxing Day (substitute day)".
RELANCE_API std::ostream& operator<<(std::ostream& os, const Holiday& holiday);

// ---------------------------------------------------------------------------
// Business-day conventions
// ---------------------------------------------------------------------------

// How a date that is not a business day is moved onto one (ISDA 2006
// Definitions, section 4.12; QuantLib's BusinessDayConvention).
enum class BusinessDayConvention {
  kUnadjusted,         // left as is
  kFollowing,          // the next business day
  kModifiedFollowing,  // the next business day, unless it is in another
                       // month: then the previous business day
  kPreceding,          // the previous business day
  kModifiedPreceding,  // the previous business day, unless it is in another
                       // month: then the next business day
};

// "unadjusted", "following", "modified-following", "preceding",
// "modified-preceding".
[[nodiscard]] RELANCE_API std::string_view ToString(
    BusinessDayConvention convention);
RELANCE_API std::ostream& operator<<(std::ostream& os,
                                     BusinessDayConvention convention);
// Parses the names above; "modified_following" and "modified_preceding" are
// accepted too. Case-sensitive. Errors: kInvalidArgument quoting the text and
// listing the accepted names.
[[nodiscard]] RELANCE_API absl::StatusOr<BusinessDayConvention>
ParseBusinessDayConvention(std::string_view text);

// ---------------------------------------------------------------------------
// BusinessCalendar
// ---------------------------------------------------------------------------

// Everything a calendar is made of. An aggregate, for designated
// initialisers:
//
//   relance::CalendarSpec spec{
//       .code = "ACME",
//       .name = "Acme Corp. (Dubai office)",
//       .weekend = relance::Weekend::FridaySaturday(),
//       .holidays = {relance::HolidayRule::FixedDate("National Day", 12, 2)},
//   };
//   absl::StatusOr<relance::BusinessCalendar> acme =
//       relance::BusinessCalendar::Create(std::move(spec));
struct CalendarSpec {
  // Identifies the calendar: 1..32 characters of A-Z a-z 0-9 '-' '_'.
  std::string code = {};
  // Free text (UTF-8); may be empty.
  std::string name = {};
  // Must leave at least one business weekday (size() <= 6).
  Weekend weekend = Weekend::SaturdaySunday();
  std::vector<HolidayRule> holidays = {};
  // Dates that are business days even when a rule makes them holidays (a
  // firm that works on Whit Monday). A removed date that is a weekend day
  // stays a non-business day. Removal comes after observance: a removed
  // holiday still occupies its date when substitute days are placed (GB with
  // 2022-12-26 removed keeps the Christmas substitute on 27 December).
  std::vector<Date> removed_dates = {};
  friend bool operator==(const CalendarSpec&, const CalendarSpec&) = default;
};

namespace internal {
// The compiled form of a calendar (see BusinessCalendar). Exposed only so
// that the hot queries can be inlined.
struct CompiledCalendar;
}  // namespace internal

class RELANCE_API BusinessCalendar {
 public:
  // The years whose non-business days are precomputed as a bitmap.
  static constexpr int kFirstPrecomputedYear = 1900;
  static constexpr int kLastPrecomputedYear = 2199;

  // Size limits of a calendar, checked by Create before any work that grows
  // with them. Real calendars are far below: FR has 11 recurring rules, GB
  // 10 and a few one-off dates. Recurring rules are fixed-date,
  // Easter-offset and n-th-weekday rules; one-off dates are kOneOff rules
  // (the JSON "extra_dates" included).
  static constexpr size_t kMaxRecurringRules = 200;
  static constexpr size_t kMaxOneOffRules = 10'000;
  static constexpr size_t kMaxRemovedDates = 10'000;
  // Moves plus skipped years of one rule.
  static constexpr size_t kMaxExceptionsPerRule = 100;

  // Validates `spec` and compiles it.
  // Errors (kInvalidArgument), messages prefixed with "calendar: ":
  //   - `code: ...` empty, too long or with other characters;
  //   - `weekend: ...` all seven days are weekend days;
  //   - `holidays: ...`, `removed_dates: ...` more rules or dates than the
  //     limits above (checked before anything else is looked at);
  //   - `holidays[i].<field>: ...` from HolidayRule::Validate (including
  //     more than kMaxExceptionsPerRule moves and skipped years);
  //   - `no business day from <date> to <date>` when the rules leave more
  //     than 366 consecutive non-business days within the precomputed years;
  //   - `no business day in <year>` when the weekend and the holidays cover
  //     a whole year of 1..9999. This is decided on the rule set, not on a
  //     window of dates: for each weekday that is not a weekend day, the
  //     rules that can fall on it in a year are counted (an n-th-weekday or
  //     Easter-offset rule without observance always falls on the same
  //     weekday; fixed dates, one-off dates, moved and shifted holidays may
  //     fall on any). A year in which some weekday has fewer such rules than
  //     the 52 times it occurs certainly has a business day; only the other
  //     years (none for any real calendar) are resolved exactly. So a
  //     calendar whose rules close every Monday from 2200 on, with a
  //     Tuesday..Sunday weekend, is refused as the same rules from 2150 are.
  // Together these guarantee that every year 1..9999 has a business day, so
  // that Adjust and AddBusinessDays return a business day whenever one exists
  // in 0001-01-01..9999-12-31 in the direction searched.
  [[nodiscard]] static absl::StatusOr<BusinessCalendar> Create(
      CalendarSpec spec);

  // Compiles a calendar from JSON text (schema in docs/calendars.md):
  //
  //   {"code": "ACME", "name": "Acme", "base": "FR",
  //    "weekend": ["saturday", "sunday"],
  //    "holidays": [
  //      {"name": "Fête du Travail", "month": 5, "day": 1},
  //      {"name": "Good Friday", "easter_offset": -2},
  //      {"name": "Thanksgiving", "month": 11, "weekday": "thursday", "nth":
  //      4},
  //      {"name": "Memorial Day", "month": 5, "weekday": "monday", "nth": -1},
  //      {"name": "Company day", "date": "2026-12-24"},
  //      {"name": "Christmas Day", "month": 12, "day": 25,
  //       "observance": "next-free-business-day", "from_year": 1971,
  //       "to_year": 2100, "moves": [{"year": 2030, "date": "2030-12-27"}],
  //       "skipped_years": [2031]}],
  //    "extra_dates": ["2026-12-31"],
  //    "removed_dates": ["2026-05-25"]}
  //
  // "code" is required; everything else is optional. "base" names a built-in
  // calendar (relance/builtin_calendars.hpp) whose weekend and rules are
  // extended; "weekend" then replaces the base's weekend. "extra_dates" are
  // one-off holidays named "Extra closing day". A rule's kind follows from
  // its keys: month+day, easter_offset, month+weekday+nth, or date.
  //
  // Errors: kInvalidArgument with the JSON path, e.g.
  //   `calendar: holidays[2].month: expected 1..12, got 13`,
  //   `calendar: holidays[0]: unknown key "moth" (expected one of: ...)`,
  //   `calendar: holidays[1]: mixes "easter_offset" with "month"; a rule
  //   has exactly one of: month+day, easter_offset, month+weekday+nth, date`,
  //   `calendar: invalid JSON: ... at line 1, column 12 ...`;
  // kNotFound when "base" is not a built-in code. Never throws.
  [[nodiscard]] static absl::StatusOr<BusinessCalendar> FromJson(
      std::string_view json_text);
  // Reads and parses a calendar file (at most 16 MiB, a regular file).
  // Errors: those of FromJson, prefixed with the path; kInvalidArgument
  // `file "<path>": <why>` when the file cannot be read.
  [[nodiscard]] static absl::StatusOr<BusinessCalendar> FromFile(
      const std::string& path);

  // Copies share the immutable compiled tables. There is deliberately no
  // move constructor: a moved-from calendar stays a valid copy.
  BusinessCalendar(const BusinessCalendar&) = default;
  BusinessCalendar& operator=(const BusinessCalendar&) = default;
  ~BusinessCalendar() = default;

  const std::string& code() const;
  const std::string& name() const;
  Weekend weekend() const;
  // The spec the calendar was compiled from (rules in their given order).
  const CalendarSpec& spec() const;

  // New calendars; `*this` is never modified. Each validates like Create.
  // WithHolidays appends `rules` after the existing ones (error paths use
  // the index within `rules`: "holidays[0]" is the first new rule).
  [[nodiscard]] absl::StatusOr<BusinessCalendar> WithHolidays(
      std::vector<HolidayRule> rules) const;
  [[nodiscard]] absl::StatusOr<BusinessCalendar> WithWeekend(
      Weekend weekend) const;
  // Adds to the removed dates (see CalendarSpec::removed_dates).
  [[nodiscard]] absl::StatusOr<BusinessCalendar> WithoutDates(
      std::vector<Date> dates) const;
  [[nodiscard]] absl::StatusOr<BusinessCalendar> WithCode(
      std::string code, std::string name) const;

  // True when `date`'s weekday is a weekend day of this calendar.
  bool IsWeekend(Date date) const;
  // True when a holiday is observed on `date` (the dates `Holidays` lists).
  // A holiday shifted by its observance counts on its observed date only.
  bool IsHoliday(Date date) const;
  // Neither a weekend day nor a holiday.
  bool IsBusinessDay(Date date) const;

  // The holidays observed in `year`, sorted by date (then by rule order),
  // including those that fall on a weekend day and are not shifted
  // (Assomption on Saturday 2026-08-15). Removed dates are left out.
  // Empty for years outside 1..9999.
  [[nodiscard]] std::vector<Holiday> Holidays(int year) const;

  // `date` if it is a business day (or the convention is kUnadjusted);
  // otherwise the business day the convention selects. "Modified" keeps the
  // result in `date`'s month when possible; when neither direction stays in
  // the month, the other direction's result is returned as is. Searches stop
  // at kMinDate / kMaxDate, which are then returned (and are then not
  // necessarily business days: only when no business day follows, or
  // precedes, `date` within 0001-01-01..9999-12-31); a date outside that
  // range is returned unchanged (in either direction). Cost: that of
  // AddBusinessDays(date, +-1).
  [[nodiscard]] Date Adjust(Date date, BusinessDayConvention convention) const;

  // n > 0: the n-th business day after `date`; n < 0: the |n|-th business day
  // before `date`; n == 0: `date` itself, unchanged even if it is not a
  // business day (use Adjust to roll it). `date` need not be a business day:
  // from Saturday, +1 is Monday (if a business day). Whenever the result is
  // reached within 0001-01-01..9999-12-31, it is a business day and
  //   n > 0: CountBusinessDays(date, AddBusinessDays(date, n)) == n,
  //   n < 0: the business days in [AddBusinessDays(date, n), date) are |n|.
  // When fewer than |n| business days remain before the end of that range,
  // the search stops at kMaxDate / kMinDate (9999-12-31 / 0001-01-01), which
  // is returned (check with CountBusinessDays; DateFormula::Evaluate does). A
  // date outside that range is returned unchanged, whatever n.
  // Cost: independent of |n| in days; it grows with the number of years
  // crossed (about 383 for n = 99999), each a table read once known.
  [[nodiscard]] Date AddBusinessDays(Date date, int n) const;

  // The number of business days in the half-open interval (from, to]: `from`
  // is excluded, `to` included. 0 when from == to. When to < from, the
  // negative of the count over (to, from]. Dates must lie in
  // kMinDate..kMaxDate (outside, only weekends are counted).
  //   Mon 2026-06-01 -> Mon 2026-06-08 (plain week): 5.
  // Cost: a few operations within 1900..2199; otherwise grows with the number
  // of years spanned, never with the number of days.
  [[nodiscard]] int64_t CountBusinessDays(Date from, Date to) const;

 private:
  explicit BusinessCalendar(
      std::shared_ptr<const internal::CompiledCalendar> compiled);
  bool IsHolidayFromRules(Date date) const;

  std::shared_ptr<const internal::CompiledCalendar> compiled_;
};

namespace internal {

struct CompiledCalendar {
  CalendarSpec spec;
  // Day index 0 is 1900-01-01; `day_count` days are covered.
  int64_t first_day = 0;
  int64_t day_count = 0;
  // Bit i of word i / 64: day i is not a business day / is a holiday. The
  // bits of `non_business` past `day_count` (in the last word) are set.
  std::vector<uint64_t> non_business;
  std::vector<uint64_t> holiday;
  // business_before[w]: business days among days [0, 64 w) of the bitmap;
  // one entry per word plus one.
  std::vector<int32_t> business_before;
  // Sorted removed dates, for the slow path.
  std::vector<Date> removed_sorted;
  // Indices in spec.holidays of the recurring rules, and the one-off rules
  // as (date, index) sorted by date, so that resolving a year looks at the
  // one-off dates of that year only.
  std::vector<size_t> recurring_rules;
  std::vector<std::pair<Date, size_t>> one_offs;
  // Entry y (1..9999, outside the precomputed years): 1 + the number of
  // business days of year y, or 0 while not yet computed. Filled on first
  // use: every thread that computes an entry computes the same value, so
  // the relaxed atomic stores are harmless races and the calendar stays
  // observably immutable and safe to share.
  std::unique_ptr<std::atomic<int16_t>[]> year_business_days;
};

}  // namespace internal

// --- Inline hot paths --------------------------------------------------------

inline bool BusinessCalendar::IsWeekend(Date date) const {
  return compiled_->spec.weekend.Contains(WeekdayOf(date));
}

inline bool BusinessCalendar::IsHoliday(Date date) const {
  const internal::CompiledCalendar& c = *compiled_;
  const int64_t index = DaysSinceEpoch(date) - c.first_day;
  if (index >= 0 && index < c.day_count) {
    return ((c.holiday[static_cast<uint64_t>(index) >> 6] >>
             (static_cast<uint64_t>(index) & 63u)) &
            1u) != 0;
  }
  return IsHolidayFromRules(date);
}

inline bool BusinessCalendar::IsBusinessDay(Date date) const {
  const internal::CompiledCalendar& c = *compiled_;
  const int64_t index = DaysSinceEpoch(date) - c.first_day;
  if (index >= 0 && index < c.day_count) {
    return ((c.non_business[static_cast<uint64_t>(index) >> 6] >>
             (static_cast<uint64_t>(index) & 63u)) &
            1u) == 0;
  }
  return !IsWeekend(date) && !IsHolidayFromRules(date);
}

}  // namespace relance

#endif  // RELANCE_CALENDAR_HPP_
