// Tests for relance/calendar.hpp with calendars built in the tests, so that
// each behaviour is pinned independently of the built-in calendars (which
// tests/builtin_calendars_test.cpp checks against the official lists).
#include "relance/calendar.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "business_day_reference.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/builtin_calendars.hpp"
#include "relance/date.hpp"
#include "relance/easter.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::D;
using ::relance::testing::DatesOf;
using ::relance::testing::IsOk;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

BusinessCalendar MustCreate(CalendarSpec spec) {
  absl::StatusOr<BusinessCalendar> calendar =
      BusinessCalendar::Create(std::move(spec));
  EXPECT_THAT(calendar, IsOk());
  if (!calendar.ok()) std::abort();
  return *calendar;
}

// Weekends only: Saturday and Sunday.
BusinessCalendar WeekendsOnly() {
  return MustCreate(CalendarSpec{.code = "WEEKENDS"});
}

// A small calendar with one rule of each kind (dates worked out by hand from
// a printed 2026 calendar and the Easter table in tests/easter_test.cpp:
// Easter 2026 is 5 April).
BusinessCalendar Sample() {
  return MustCreate(CalendarSpec{
      .code = "SAMPLE",
      .name = "Sample",
      .holidays =
          {
              HolidayRule::FixedDate("Labour Day", 5, 1),
              HolidayRule::EasterOffset("Easter Monday", 1),
              HolidayRule::NthWeekday("Thanksgiving", 11, date::Thursday, 4),
              HolidayRule::LastWeekday("Last Monday of May", 5, date::Monday),
              HolidayRule::OneOff("Company day", D(2026, 12, 24)),
              HolidayRule::FixedDate("Assumption", 8, 15),
          },
  });
}

// --- Names and parsing -------------------------------------------------------

TEST(Weekend, SaturdaySundayContainsExactlyTheWeekend) {
  constexpr Weekend weekend = Weekend::SaturdaySunday();
  static_assert(weekend.Contains(date::Saturday));
  static_assert(weekend.Contains(date::Sunday));
  static_assert(!weekend.Contains(date::Monday));
  static_assert(!weekend.Contains(date::Friday));
  static_assert(weekend.size() == 2);
  EXPECT_EQ(weekend.ToString(), "saturday,sunday");
  EXPECT_EQ(Weekend::FridaySaturday().ToString(), "friday,saturday");
  EXPECT_EQ(Weekend().ToString(), "");
  EXPECT_EQ(Weekend().size(), 0);
}

TEST(Weekend, WithAddsADayAndPrints) {
  const Weekend weekend = Weekend{date::Sunday}.With(date::Friday);
  EXPECT_EQ(weekend, (Weekend{date::Friday, date::Sunday}));
  std::ostringstream os;
  os << weekend;
  EXPECT_EQ(os.str(), "friday,sunday");
}

TEST(WeekdayName, RoundTripsEveryWeekday) {
  for (unsigned i = 0; i < 7; ++i) {
    const Weekday weekday{i};
    EXPECT_THAT(ParseWeekdayName(WeekdayName(weekday)), IsOkAndHolds(weekday));
  }
  EXPECT_EQ(WeekdayName(date::Monday), "monday");
}

TEST(WeekdayName, RejectsUnknownNames) {
  EXPECT_THAT(
      ParseWeekdayName("Monday"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("weekday \"Monday\": expected one of monday")));
  EXPECT_THAT(ParseWeekdayName("sat"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("sat")));
}

TEST(Observance, ParsesItsNamesAndRejectsOthers) {
  for (Observance observance : {Observance::kNone, Observance::kNearestWeekday,
                                Observance::kNextFreeBusinessDay}) {
    EXPECT_THAT(ParseObservance(ToString(observance)),
                IsOkAndHolds(observance));
  }
  EXPECT_EQ(ToString(Observance::kNextFreeBusinessDay),
            "next-free-business-day");
  EXPECT_THAT(ParseObservance("substitute"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("observance \"substitute\": expected one of "
                                 "none, nearest-weekday, "
                                 "next-free-business-day")));
}

TEST(BusinessDayConvention, ParsesEveryNameAndTheUnderscoreSpellings) {
  using C = BusinessDayConvention;
  EXPECT_THAT(ParseBusinessDayConvention("unadjusted"),
              IsOkAndHolds(C::kUnadjusted));
  EXPECT_THAT(ParseBusinessDayConvention("following"),
              IsOkAndHolds(C::kFollowing));
  EXPECT_THAT(ParseBusinessDayConvention("modified-following"),
              IsOkAndHolds(C::kModifiedFollowing));
  EXPECT_THAT(ParseBusinessDayConvention("modified_following"),
              IsOkAndHolds(C::kModifiedFollowing));
  EXPECT_THAT(ParseBusinessDayConvention("preceding"),
              IsOkAndHolds(C::kPreceding));
  EXPECT_THAT(ParseBusinessDayConvention("modified-preceding"),
              IsOkAndHolds(C::kModifiedPreceding));
  EXPECT_THAT(ParseBusinessDayConvention("modified_preceding"),
              IsOkAndHolds(C::kModifiedPreceding));
  for (C convention : {C::kUnadjusted, C::kFollowing, C::kModifiedFollowing,
                       C::kPreceding, C::kModifiedPreceding}) {
    EXPECT_THAT(ParseBusinessDayConvention(ToString(convention)),
                IsOkAndHolds(convention));
  }
  std::ostringstream os;
  os << C::kModifiedFollowing;
  EXPECT_EQ(os.str(), "modified-following");
}

TEST(BusinessDayConvention, RejectsUnknownNamesListingTheAcceptedOnes) {
  EXPECT_THAT(ParseBusinessDayConvention("Following"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("business-day convention \"Following\": "
                                 "expected one of unadjusted, following, "
                                 "modified-following, preceding, "
                                 "modified-preceding")));
  EXPECT_THAT(ParseBusinessDayConvention(""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("convention \"\"")));
}

// --- HolidayRule::DateIn -----------------------------------------------------

TEST(HolidayRule, FixedDateGivesTheSameDayEachYear) {
  const HolidayRule rule = HolidayRule::FixedDate("Labour Day", 5, 1);
  EXPECT_EQ(rule.DateIn(2026), D(2026, 5, 1));
  EXPECT_EQ(rule.DateIn(1), D(1, 5, 1));
  EXPECT_EQ(rule.DateIn(9999), D(9999, 5, 1));
}

TEST(HolidayRule, TwentyNinthOfFebruaryOccursInLeapYearsOnly) {
  const HolidayRule rule = HolidayRule::FixedDate("Leap day", 2, 29);
  EXPECT_THAT(rule.Validate("r"), IsOk());
  EXPECT_EQ(rule.DateIn(2028), D(2028, 2, 29));
  EXPECT_EQ(rule.DateIn(2026), std::nullopt);
  EXPECT_EQ(rule.DateIn(2100), std::nullopt);  // not a leap year
  EXPECT_EQ(rule.DateIn(2000), D(2000, 2, 29));
}

TEST(HolidayRule, EasterOffsetFollowsEaster) {
  // Easter 2026 is 5 April (U.S. Census Bureau table).
  EXPECT_EQ(HolidayRule::EasterOffset("Good Friday", -2).DateIn(2026),
            D(2026, 4, 3));
  EXPECT_EQ(HolidayRule::EasterOffset("Ascension", 39).DateIn(2026),
            D(2026, 5, 14));
  EXPECT_EQ(HolidayRule::EasterOffset("Whit Monday", 50).DateIn(2026),
            D(2026, 5, 25));
  // A large offset may leave the year: the rule's year is Easter's.
  EXPECT_EQ(HolidayRule::EasterOffset("Far", 300).DateIn(2026),
            EasterSunday(2026) + Days{300});
  EXPECT_EQ(YearOf(*HolidayRule::EasterOffset("Far", 300).DateIn(2026)), 2027);
}

TEST(HolidayRule, NthWeekdayCountsFromTheStartOrTheEndOfTheMonth) {
  // November 2026: Thursdays 5, 12, 19, 26. May 2026: Mondays 4..25.
  EXPECT_EQ(HolidayRule::NthWeekday("Thanksgiving", 11, date::Thursday, 4)
                .DateIn(2026),
            D(2026, 11, 26));
  EXPECT_EQ(HolidayRule::NthWeekday("First", 5, date::Monday, 1).DateIn(2026),
            D(2026, 5, 4));
  EXPECT_EQ(HolidayRule::LastWeekday("Last", 5, date::Monday).DateIn(2026),
            D(2026, 5, 25));
  // August 2026 has five Mondays (3..31); February 2026 has four (2..23).
  EXPECT_EQ(HolidayRule::NthWeekday("Fifth", 8, date::Monday, 5).DateIn(2026),
            D(2026, 8, 31));
  EXPECT_EQ(HolidayRule::NthWeekday("Fifth", 2, date::Monday, 5).DateIn(2026),
            std::nullopt);
}

TEST(HolidayRule, OneOffOccursInItsYearOnly) {
  const HolidayRule rule = HolidayRule::OneOff("Coronation", D(2023, 5, 8));
  EXPECT_EQ(rule.DateIn(2023), D(2023, 5, 8));
  EXPECT_EQ(rule.DateIn(2024), std::nullopt);
}

TEST(HolidayRule, ValidityYearsAreInclusive) {
  const HolidayRule rule = HolidayRule::FixedDate("Juneteenth", 6, 19)
                               .WithFromYear(2021)
                               .WithToYear(2030);
  EXPECT_EQ(rule.DateIn(2020), std::nullopt);
  EXPECT_EQ(rule.DateIn(2021), D(2021, 6, 19));
  EXPECT_EQ(rule.DateIn(2030), D(2030, 6, 19));
  EXPECT_EQ(rule.DateIn(2031), std::nullopt);
}

TEST(HolidayRule, MovesAndSkippedYearsReplaceTheUsualDate) {
  const HolidayRule rule =
      HolidayRule::NthWeekday("Early May", 5, date::Monday, 1)
          .WithMove(2020, D(2020, 5, 8))
          .WithSkippedYear(2021);
  EXPECT_EQ(rule.DateIn(2019), D(2019, 5, 6));
  EXPECT_EQ(rule.DateIn(2020), D(2020, 5, 8));
  EXPECT_TRUE(rule.IsMovedIn(2020));
  EXPECT_FALSE(rule.IsMovedIn(2019));
  EXPECT_EQ(rule.DateIn(2021), std::nullopt);
}

// --- HolidayRule::Validate: every error --------------------------------------

struct RuleErrorCase {
  const char* label;
  HolidayRule rule;
  const char* message;
};

HolidayRule WithStray(HolidayRule rule, void (*set)(HolidayRule&)) {
  set(rule);
  return rule;
}

TEST(HolidayRule, ValidateReportsEachBadFieldWithItsPath) {
  const RuleErrorCase cases[] = {
      {"empty name", HolidayRule::FixedDate("", 1, 1),
       "holidays[2].name: must not be empty"},
      {"month 13", HolidayRule::FixedDate("x", 13, 1),
       "holidays[2].month: expected 1..12, got 13"},
      {"month 0", HolidayRule::NthWeekday("x", 0, date::Monday, 1),
       "holidays[2].month: expected 1..12, got 0"},
      {"30 February", HolidayRule::FixedDate("x", 2, 30),
       "holidays[2].day: expected 1..29 for month 2, got 30"},
      {"31 April", HolidayRule::FixedDate("x", 4, 31),
       "holidays[2].day: expected 1..30 for month 4, got 31"},
      {"day 0", HolidayRule::FixedDate("x", 1, 0),
       "holidays[2].day: expected 1..31 for month 1, got 0"},
      {"easter offset", HolidayRule::EasterOffset("x", 366),
       "holidays[2].easter_offset: expected -365..365, got 366"},
      {"nth 0", HolidayRule::NthWeekday("x", 5, date::Monday, 0),
       "holidays[2].nth: expected 1..5 or -1 (last), got 0"},
      {"nth 6", HolidayRule::NthWeekday("x", 5, date::Monday, 6),
       "holidays[2].nth: expected 1..5 or -1 (last), got 6"},
      {"nth -2", HolidayRule::NthWeekday("x", 5, date::Monday, -2),
       "holidays[2].nth: expected 1..5 or -1 (last), got -2"},
      {"weekday", HolidayRule::NthWeekday("x", 5, Weekday{9}, 1),
       "holidays[2].weekday: not a valid weekday"},
      {"one-off range", HolidayRule::OneOff("x", kMaxDate + Days{1}),
       "holidays[2].date: expected a date in 0001-01-01..9999-12-31"},
      {"one-off from",
       HolidayRule::OneOff("x", D(2026, 1, 2)).WithFromYear(2026),
       "holidays[2].from_year: not allowed on a one-off rule"},
      {"one-off to", HolidayRule::OneOff("x", D(2026, 1, 2)).WithToYear(2026),
       "holidays[2].to_year: not allowed on a one-off rule"},
      {"one-off move",
       HolidayRule::OneOff("x", D(2026, 1, 2)).WithMove(2026, D(2026, 1, 3)),
       "holidays[2].moves: not allowed on a one-off rule"},
      {"one-off skip",
       HolidayRule::OneOff("x", D(2026, 1, 2)).WithSkippedYear(2026),
       "holidays[2].skipped_years: not allowed on a one-off rule"},
      {"from 0", HolidayRule::FixedDate("x", 1, 1).WithFromYear(0),
       "holidays[2].from_year: expected 1..9999, got 0"},
      {"to 10000", HolidayRule::FixedDate("x", 1, 1).WithToYear(10000),
       "holidays[2].to_year: expected 1..9999, got 10000"},
      {"to before from",
       HolidayRule::FixedDate("x", 1, 1).WithFromYear(2000).WithToYear(1990),
       "holidays[2].to_year: 1990 is before from_year 2000"},
      {"move year", HolidayRule::FixedDate("x", 1, 1).WithMove(0, D(1, 1, 2)),
       "holidays[2].moves[0].year: expected 1..9999, got 0"},
      {"move elsewhere",
       HolidayRule::FixedDate("x", 1, 1).WithMove(2021, D(2020, 12, 31)),
       "holidays[2].moves[0].date: 2020-12-31 is not in year 2021"},
      {"move twice",
       HolidayRule::FixedDate("x", 1, 1)
           .WithMove(2021, D(2021, 1, 4))
           .WithMove(2021, D(2021, 1, 5)),
       "holidays[2].moves[1].year: 2021 has more than one move or skip"},
      {"skip and move",
       HolidayRule::FixedDate("x", 1, 1)
           .WithMove(2021, D(2021, 1, 4))
           .WithSkippedYear(2021),
       "holidays[2].skipped_years[0]: 2021 has more than one move or skip"},
      {"skip year", HolidayRule::FixedDate("x", 1, 1).WithSkippedYear(-5),
       "holidays[2].skipped_years[0]: expected 1..9999, got -5"},
      {"stray day",
       WithStray(HolidayRule::EasterOffset("x", 1),
                 [](HolidayRule& r) { r.day = 3; }),
       "holidays[2]: day is set on an Easter-offset rule (easter_offset)"},
      {"stray month",
       WithStray(HolidayRule::OneOff("x", D(2026, 1, 2)),
                 [](HolidayRule& r) { r.month = 3; }),
       "holidays[2]: month is set on a one-off rule (date)"},
      {"stray easter_offset",
       WithStray(HolidayRule::FixedDate("x", 1, 1),
                 [](HolidayRule& r) { r.easter_offset = 1; }),
       "holidays[2]: easter_offset is set on a fixed-date rule (month+day)"},
      {"stray nth",
       WithStray(HolidayRule::FixedDate("x", 1, 1),
                 [](HolidayRule& r) { r.nth = 1; }),
       "holidays[2]: nth is set on a fixed-date rule (month+day)"},
      {"stray weekday",
       WithStray(HolidayRule::FixedDate("x", 1, 1),
                 [](HolidayRule& r) { r.weekday = date::Friday; }),
       "holidays[2]: weekday is set on a fixed-date rule (month+day)"},
      {"stray date",
       WithStray(HolidayRule::NthWeekday("x", 1, date::Monday, 1),
                 [](HolidayRule& r) { r.date = D(2026, 1, 1); }),
       "holidays[2]: date is set on an n-th-weekday rule (month+weekday+nth)"},
      {"observance",
       HolidayRule::FixedDate("x", 1, 1).WithObservance(
           static_cast<Observance>(7)),
       "holidays[2].observance: invalid value"},
      {"kind",
       WithStray(HolidayRule::FixedDate("x", 1, 1),
                 [](HolidayRule& r) {
                   r = HolidayRule{};
                   r.name = "x";
                   r.kind = static_cast<HolidayRule::Kind>(9);
                 }),
       "holidays[2]: kind: invalid value"},
  };
  for (const RuleErrorCase& c : cases) {
    EXPECT_THAT(
        c.rule.Validate("holidays[2]"),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.label;
  }
}

TEST(HolidayRule, ValidRulesOfEveryKindPass) {
  EXPECT_THAT(HolidayRule::FixedDate("x", 12, 31).Validate("r"), IsOk());
  EXPECT_THAT(HolidayRule::EasterOffset("x", -365).Validate("r"), IsOk());
  EXPECT_THAT(HolidayRule::NthWeekday("x", 1, date::Sunday, 5).Validate("r"),
              IsOk());
  EXPECT_THAT(HolidayRule::LastWeekday("x", 1, date::Sunday).Validate("r"),
              IsOk());
  EXPECT_THAT(HolidayRule::OneOff("x", kMinDate).Validate("r"), IsOk());
  EXPECT_THAT(HolidayRule::FixedDate("x", 1, 1)
                  .WithFromYear(1)
                  .WithToYear(9999)
                  .WithMove(2020, D(2020, 1, 2))
                  .WithSkippedYear(2021)
                  .WithObservance(Observance::kNearestWeekday)
                  .Validate("r"),
              IsOk());
}

// --- BusinessCalendar::Create errors -----------------------------------------

TEST(BusinessCalendar, CreateRejectsBadCodes) {
  for (const char* code : {"", "A B", "FR/IDF", "ÉTÉ"}) {
    EXPECT_THAT(BusinessCalendar::Create(CalendarSpec{.code = code}),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("calendar: code: expected 1..32 characters "
                                   "of A-Z a-z 0-9 - _")))
        << code;
  }
  EXPECT_THAT(
      BusinessCalendar::Create(CalendarSpec{.code = std::string(33, 'A')}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("code")));
  EXPECT_THAT(BusinessCalendar::Create(CalendarSpec{.code = "Ok_code-1"}),
              IsOk());
}

TEST(BusinessCalendar, CreateRejectsAWeekWithoutBusinessDays) {
  const Weekend all{date::Monday,   date::Tuesday, date::Wednesday,
                    date::Thursday, date::Friday,  date::Saturday,
                    date::Sunday};
  EXPECT_THAT(
      BusinessCalendar::Create(CalendarSpec{.code = "X", .weekend = all}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("calendar: weekend: all seven days are "
                         "weekend days")));
  EXPECT_THAT(
      WeekendsOnly().WithWeekend(all),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("weekend")));
  // Six weekend days are allowed: one business day a week.
  const Weekend six{date::Tuesday, date::Wednesday, date::Thursday,
                    date::Friday,  date::Saturday,  date::Sunday};
  EXPECT_THAT(
      BusinessCalendar::Create(CalendarSpec{.code = "X", .weekend = six}),
      IsOk());
}

TEST(BusinessCalendar, CreatePrefixesRuleErrorsWithTheirIndex) {
  EXPECT_THAT(BusinessCalendar::Create(CalendarSpec{
                  .code = "X",
                  .holidays = {HolidayRule::FixedDate("a", 1, 1),
                               HolidayRule::FixedDate("b", 1, 2),
                               HolidayRule::FixedDate("c", 13, 1)}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "calendar: holidays[2].month: expected 1..12, got 13"));
}

TEST(BusinessCalendar, CreateRejectsRemovedDatesOutOfRange) {
  EXPECT_THAT(
      BusinessCalendar::Create(CalendarSpec{
          .code = "X", .removed_dates = {D(2026, 1, 1), kMinDate - Days{1}}}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("calendar: removed_dates[1]: expected a date in "
                         "0001-01-01..9999-12-31")));
}

// Only Sunday is a working day, and the Sundays of months 1..last_month of
// 2030..to_year are holidays.
CalendarSpec SundaysClosed(int last_month, int to_year) {
  CalendarSpec spec{.code = "CLOSED",
                    .weekend = {date::Monday, date::Tuesday, date::Wednesday,
                                date::Thursday, date::Friday, date::Saturday}};
  for (int month = 1; month <= last_month; ++month) {
    for (int nth = 1; nth <= 5; ++nth) {
      spec.holidays.push_back(
          HolidayRule::NthWeekday("Sunday", month, date::Sunday, nth)
              .WithFromYear(2030)
              .WithToYear(to_year));
    }
  }
  return spec;
}

TEST(BusinessCalendar, CreateRejectsMoreThanAYearWithoutBusinessDays) {
  // Every Sunday of 2030 and 2031 closed: from Monday 2029-12-31 (after
  // Sunday 2029-12-30) to Saturday 2032-01-03 (before Sunday 2032-01-04)
  // nothing is open.
  EXPECT_THAT(BusinessCalendar::Create(SundaysClosed(12, 2031)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "calendar: no business day from 2029-12-31 to "
                       "2032-01-03 (more than 366 consecutive non-business "
                       "days)"));
  // January to November 2030 closed (Sunday 2030-12-01 is open): allowed.
  EXPECT_THAT(BusinessCalendar::Create(SundaysClosed(11, 2030)), IsOk());
}

// --- Queries -----------------------------------------------------------------

TEST(BusinessCalendar, KeepsItsCodeNameAndWeekend) {
  const BusinessCalendar cal = Sample();
  EXPECT_EQ(cal.code(), "SAMPLE");
  EXPECT_EQ(cal.name(), "Sample");
  EXPECT_EQ(cal.weekend(), Weekend::SaturdaySunday());
}

TEST(BusinessCalendar, AHolidayOnAWeekdayIsNotABusinessDay) {
  const BusinessCalendar cal = Sample();
  // Friday 2026-05-01: a holiday on a weekday.
  EXPECT_FALSE(cal.IsWeekend(D(2026, 5, 1)));
  EXPECT_TRUE(cal.IsHoliday(D(2026, 5, 1)));
  EXPECT_FALSE(cal.IsBusinessDay(D(2026, 5, 1)));
}

TEST(BusinessCalendar, AWeekendDayIsNotAHoliday) {
  const BusinessCalendar cal = Sample();
  // Saturday 2026-05-02: weekend, not a holiday.
  EXPECT_TRUE(cal.IsWeekend(D(2026, 5, 2)));
  EXPECT_FALSE(cal.IsHoliday(D(2026, 5, 2)));
  EXPECT_FALSE(cal.IsBusinessDay(D(2026, 5, 2)));
}

TEST(BusinessCalendar, AHolidayOnAWeekendIsBoth) {
  const BusinessCalendar cal = Sample();
  // Saturday 2026-08-15: both (observance kNone keeps it on Saturday).
  EXPECT_TRUE(cal.IsWeekend(D(2026, 8, 15)));
  EXPECT_TRUE(cal.IsHoliday(D(2026, 8, 15)));
}

TEST(BusinessCalendar, AnOrdinaryWeekdayIsABusinessDay) {
  const BusinessCalendar cal = Sample();
  // Monday 2026-05-04: an ordinary business day.
  EXPECT_TRUE(cal.IsBusinessDay(D(2026, 5, 4)));
  EXPECT_FALSE(cal.IsHoliday(D(2026, 5, 4)));
}

TEST(BusinessCalendar, EachKindOfRuleGivesItsHoliday) {
  // The rules of Sample(): Easter Monday (Easter 2026 is 5 April), the
  // 4th Thursday of November, the last Monday of May, a one-off in 2026.
  const BusinessCalendar cal = Sample();
  EXPECT_TRUE(cal.IsHoliday(D(2026, 4, 6)));    // Easter Monday
  EXPECT_TRUE(cal.IsHoliday(D(2026, 11, 26)));  // 4th Thursday
  EXPECT_TRUE(cal.IsHoliday(D(2026, 5, 25)));   // last Monday of May
  EXPECT_TRUE(cal.IsHoliday(D(2026, 12, 24)));  // one-off
  EXPECT_FALSE(cal.IsHoliday(D(2027, 12, 24)));
}

TEST(BusinessCalendar, HolidaysListsTheYearSortedIncludingWeekendOnes) {
  const std::vector<Holiday> holidays = Sample().Holidays(2026);
  EXPECT_THAT(DatesOf(holidays),
              ElementsAre(D(2026, 4, 6), D(2026, 5, 1), D(2026, 5, 25),
                          D(2026, 8, 15), D(2026, 11, 26), D(2026, 12, 24)));
  EXPECT_EQ(holidays[0],
            (Holiday{D(2026, 4, 6), "Easter Monday", D(2026, 4, 6)}));
  EXPECT_EQ(holidays[3].name, "Assumption");
  std::ostringstream os;
  os << holidays[1];
  EXPECT_EQ(os.str(), "2026-05-01 Labour Day");
}

TEST(BusinessCalendar, HolidaysIsEmptyOutsideYears1To9999) {
  EXPECT_THAT(Sample().Holidays(0), IsEmpty());
  EXPECT_THAT(Sample().Holidays(10000), IsEmpty());
  EXPECT_THAT(Sample().Holidays(-3), IsEmpty());
  EXPECT_EQ(Sample().Holidays(9999).size(), 5u);  // no one-off that year
  EXPECT_EQ(Sample().Holidays(1).size(), 5u);
}

TEST(BusinessCalendar, AWeekendOfFridayAndSaturdayLeavesSundayOpen) {
  const BusinessCalendar cal = MustCreate(
      CalendarSpec{.code = "AE", .weekend = Weekend::FridaySaturday()});
  EXPECT_TRUE(cal.IsBusinessDay(D(2026, 6, 7)));   // Sunday
  EXPECT_FALSE(cal.IsBusinessDay(D(2026, 6, 5)));  // Friday
  EXPECT_FALSE(cal.IsBusinessDay(D(2026, 6, 6)));  // Saturday
  EXPECT_EQ(cal.AddBusinessDays(D(2026, 6, 4), 1), D(2026, 6, 7));
}

TEST(BusinessCalendar, NoWeekendMakesEveryNonHolidayABusinessDay) {
  const BusinessCalendar cal = MustCreate(
      CalendarSpec{.code = "ALWAYS",
                   .weekend = Weekend(),
                   .holidays = {HolidayRule::FixedDate("New Year", 1, 1)}});
  EXPECT_TRUE(cal.IsBusinessDay(D(2026, 6, 6)));  // Saturday
  EXPECT_FALSE(cal.IsBusinessDay(D(2026, 1, 1)));
  EXPECT_EQ(cal.CountBusinessDays(D(2025, 12, 31), D(2026, 12, 31)), 364);
}

// --- Observance --------------------------------------------------------------

BusinessCalendar Observed(Observance observance,
                          Weekend weekend = Weekend::SaturdaySunday()) {
  return MustCreate(
      CalendarSpec{.code = "OBS",
                   .weekend = weekend,
                   .holidays = {
                       HolidayRule::FixedDate("New Year's Day", 1, 1)
                           .WithObservance(observance),
                       HolidayRule::FixedDate("Independence Day", 7, 4)
                           .WithObservance(observance),
                   }});
}

TEST(Observance, NearestWeekdayMovesSaturdayToFridayAndSundayToMonday) {
  const BusinessCalendar cal = Observed(Observance::kNearestWeekday);
  // 2026-07-04 is a Saturday: observed Friday 2026-07-03.
  EXPECT_EQ(
      cal.Holidays(2026)[1],
      (Holiday{D(2026, 7, 3), "Independence Day (observed)", D(2026, 7, 4)}));
  EXPECT_TRUE(cal.IsHoliday(D(2026, 7, 3)));
  EXPECT_FALSE(cal.IsHoliday(D(2026, 7, 4)));
  // 2027-07-04 is a Sunday: observed Monday 2027-07-05.
  EXPECT_TRUE(cal.IsHoliday(D(2027, 7, 5)));
  EXPECT_FALSE(cal.IsBusinessDay(D(2027, 7, 5)));
  // 2025-07-04 is a Friday: not moved.
  EXPECT_EQ(cal.Holidays(2025)[1],
            (Holiday{D(2025, 7, 4), "Independence Day", D(2025, 7, 4)}));
}

TEST(Observance, NearestWeekdayCanMoveAHolidayIntoThePreviousYear) {
  // New Year's Day 2022 was a Saturday; it was observed Friday 2021-12-31,
  // which belongs to the 2021 listing.
  const BusinessCalendar cal = Observed(Observance::kNearestWeekday);
  const std::vector<Holiday> y2021 = cal.Holidays(2021);
  EXPECT_THAT(DatesOf(y2021),
              ElementsAre(D(2021, 1, 1), D(2021, 7, 5), D(2021, 12, 31)));
  EXPECT_EQ(y2021.back().name, "New Year's Day (observed)");
  EXPECT_EQ(y2021.back().nominal_date, D(2022, 1, 1));
  EXPECT_THAT(DatesOf(cal.Holidays(2022)), ElementsAre(D(2022, 7, 4)));
  EXPECT_FALSE(cal.IsBusinessDay(D(2021, 12, 31)));
}

TEST(Observance, NearestWeekdayUsesTheCalendarsOwnWeekend) {
  // Friday+Saturday weekend: Friday -> Thursday, Saturday -> Sunday.
  const BusinessCalendar cal =
      Observed(Observance::kNearestWeekday, Weekend::FridaySaturday());
  // 2025-07-04 is a Friday, 2026-07-04 a Saturday.
  EXPECT_TRUE(cal.IsHoliday(D(2025, 7, 3)));
  EXPECT_TRUE(cal.IsHoliday(D(2026, 7, 5)));
  // Sunday-only weekend: a tie (Saturday and Monday both one day away) goes
  // to the following day. 2027-07-04 is a Sunday.
  const BusinessCalendar sunday =
      Observed(Observance::kNearestWeekday, Weekend{date::Sunday});
  EXPECT_TRUE(sunday.IsHoliday(D(2027, 7, 5)));
  EXPECT_FALSE(sunday.IsHoliday(D(2027, 7, 3)));
}

BusinessCalendar ChristmasAndBoxingDay(bool boxing_day_first) {
  std::vector<HolidayRule> rules = {
      HolidayRule::FixedDate("Christmas Day", 12, 25)
          .WithObservance(Observance::kNextFreeBusinessDay),
      HolidayRule::FixedDate("Boxing Day", 12, 26)
          .WithObservance(Observance::kNextFreeBusinessDay),
  };
  if (boxing_day_first) std::swap(rules[0], rules[1]);
  return MustCreate(CalendarSpec{.code = "XMAS", .holidays = rules});
}

TEST(Observance, NextFreeBusinessDayGivesUkSubstituteDays) {
  // gov.uk/bank-holidays (England and Wales):
  //   2020: Christmas Fri 25, Boxing Day Sat 26 -> Mon 28 (substitute).
  //   2021: Christmas Sat 25 -> Mon 27, Boxing Day Sun 26 -> Tue 28.
  //   2022: Boxing Day Mon 26 stays; Christmas Sun 25 -> Tue 27.
  for (bool boxing_day_first : {false, true}) {
    const BusinessCalendar cal = ChristmasAndBoxingDay(boxing_day_first);
    EXPECT_THAT(
        cal.Holidays(2020),
        ElementsAre(Holiday{D(2020, 12, 25), "Christmas Day", D(2020, 12, 25)},
                    Holiday{D(2020, 12, 28), "Boxing Day (substitute day)",
                            D(2020, 12, 26)}));
    EXPECT_THAT(
        cal.Holidays(2021),
        ElementsAre(Holiday{D(2021, 12, 27), "Christmas Day (substitute day)",
                            D(2021, 12, 25)},
                    Holiday{D(2021, 12, 28), "Boxing Day (substitute day)",
                            D(2021, 12, 26)}));
    EXPECT_THAT(
        cal.Holidays(2022),
        ElementsAre(Holiday{D(2022, 12, 26), "Boxing Day", D(2022, 12, 26)},
                    Holiday{D(2022, 12, 27), "Christmas Day (substitute day)",
                            D(2022, 12, 25)}));
  }
}

TEST(Observance, NextFreeBusinessDaySkipsHolidaysOfOtherRules) {
  // A Monday holiday (kNone) takes the slot a Sunday holiday would move to.
  const BusinessCalendar cal = MustCreate(
      CalendarSpec{.code = "X",
                   .holidays = {
                       HolidayRule::FixedDate("Sunday feast", 3, 1)
                           .WithObservance(Observance::kNextFreeBusinessDay),
                       HolidayRule::FixedDate("Monday feast", 3, 2),
                   }});
  // 2026-03-01 is a Sunday, 2026-03-02 a Monday.
  EXPECT_THAT(DatesOf(cal.Holidays(2026)),
              ElementsAre(D(2026, 3, 2), D(2026, 3, 3)));
}

TEST(Observance, AMovedHolidayIsNotShiftedAgain) {
  // Moved onto a Saturday: stays there even with a substitute observance.
  const BusinessCalendar cal = MustCreate(CalendarSpec{
      .code = "X",
      .holidays = {HolidayRule::FixedDate("Feast", 3, 4)
                       .WithObservance(Observance::kNextFreeBusinessDay)
                       .WithMove(2026, D(2026, 3, 7))}});
  EXPECT_THAT(cal.Holidays(2026),
              ElementsAre(Holiday{D(2026, 3, 7), "Feast", D(2026, 3, 7)}));
}

// --- Composition and immutability --------------------------------------------

TEST(BusinessCalendar, WithHolidaysReturnsANewCalendarAndLeavesTheOriginal) {
  const BusinessCalendar base = Sample();
  const BusinessCalendar copy = base;  // shares the compiled tables
  absl::StatusOr<BusinessCalendar> extended = copy.WithHolidays(
      {HolidayRule::FixedDate("Company Christmas Eve", 12, 24)});
  ASSERT_THAT(extended, IsOk());
  EXPECT_TRUE(extended->IsHoliday(D(2027, 12, 24)));
  // Neither the copy nor the original changed (QuantLib's trap).
  EXPECT_FALSE(copy.IsHoliday(D(2027, 12, 24)));
  EXPECT_FALSE(base.IsHoliday(D(2027, 12, 24)));
  EXPECT_EQ(base.spec().holidays.size(), 6u);
  EXPECT_EQ(extended->spec().holidays.size(), 7u);
  EXPECT_EQ(extended->spec().holidays.back().name, "Company Christmas Eve");
  // Two calendars derived from the same base do not see each other.
  absl::StatusOr<BusinessCalendar> other =
      base.WithHolidays({HolidayRule::FixedDate("Other", 12, 23)});
  ASSERT_THAT(other, IsOk());
  EXPECT_FALSE(other->IsHoliday(D(2027, 12, 24)));
  EXPECT_FALSE(extended->IsHoliday(D(2027, 12, 23)));
}

TEST(BusinessCalendar, WithHolidaysReportsErrorsByIndexInTheNewRules) {
  EXPECT_THAT(Sample().WithHolidays({HolidayRule::FixedDate("ok", 1, 2),
                                     HolidayRule::EasterOffset("", 1)}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "calendar: holidays[1].name: must not be empty"));
}

TEST(BusinessCalendar, WithWeekendAndWithCodeReturnNewCalendars) {
  const BusinessCalendar base = Sample();
  absl::StatusOr<BusinessCalendar> gulf =
      base.WithWeekend(Weekend::FridaySaturday());
  ASSERT_THAT(gulf, IsOk());
  EXPECT_TRUE(gulf->IsBusinessDay(D(2026, 6, 7)));  // Sunday
  EXPECT_FALSE(base.IsBusinessDay(D(2026, 6, 7)));
  EXPECT_TRUE(gulf->IsHoliday(D(2026, 5, 1)));  // rules kept

  absl::StatusOr<BusinessCalendar> renamed = base.WithCode("ACME", "Acme");
  ASSERT_THAT(renamed, IsOk());
  EXPECT_EQ(renamed->code(), "ACME");
  EXPECT_EQ(renamed->name(), "Acme");
  EXPECT_EQ(base.code(), "SAMPLE");
  EXPECT_THAT(base.WithCode("no spaces", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("code")));
}

TEST(BusinessCalendar, WithoutDatesTurnsHolidaysIntoBusinessDays) {
  const BusinessCalendar base = Sample();
  absl::StatusOr<BusinessCalendar> working =
      base.WithoutDates({D(2026, 5, 25), D(2026, 8, 15)});
  ASSERT_THAT(working, IsOk());
  EXPECT_TRUE(working->IsBusinessDay(D(2026, 5, 25)));
  EXPECT_FALSE(working->IsHoliday(D(2026, 5, 25)));
  // A removed date on a weekend stays a non-business day.
  EXPECT_FALSE(working->IsHoliday(D(2026, 8, 15)));
  EXPECT_FALSE(working->IsBusinessDay(D(2026, 8, 15)));
  EXPECT_THAT(DatesOf(working->Holidays(2026)),
              ElementsAre(D(2026, 4, 6), D(2026, 5, 1), D(2026, 11, 26),
                          D(2026, 12, 24)));
  // Other years keep the rule; the original keeps everything.
  EXPECT_TRUE(working->IsHoliday(D(2027, 5, 31)));
  EXPECT_TRUE(base.IsHoliday(D(2026, 5, 25)));
  EXPECT_EQ(working->spec().removed_dates.size(), 2u);
}

// --- Adjust ------------------------------------------------------------------

TEST(BusinessCalendar, AdjustLeavesBusinessDaysAndUnadjustedAlone) {
  const BusinessCalendar cal = Sample();
  for (BusinessDayConvention convention :
       {BusinessDayConvention::kUnadjusted, BusinessDayConvention::kFollowing,
        BusinessDayConvention::kModifiedFollowing,
        BusinessDayConvention::kPreceding,
        BusinessDayConvention::kModifiedPreceding}) {
    EXPECT_EQ(cal.Adjust(D(2026, 6, 10), convention), D(2026, 6, 10));
  }
  EXPECT_EQ(cal.Adjust(D(2026, 5, 1), BusinessDayConvention::kUnadjusted),
            D(2026, 5, 1));
}

TEST(BusinessCalendar, AdjustMovesByEachConvention) {
  const BusinessCalendar cal = Sample();
  using C = BusinessDayConvention;
  // Mid-month Saturday 2026-06-13: Monday 15 / Friday 12.
  EXPECT_EQ(cal.Adjust(D(2026, 6, 13), C::kFollowing), D(2026, 6, 15));
  EXPECT_EQ(cal.Adjust(D(2026, 6, 13), C::kModifiedFollowing), D(2026, 6, 15));
  EXPECT_EQ(cal.Adjust(D(2026, 6, 13), C::kPreceding), D(2026, 6, 12));
  EXPECT_EQ(cal.Adjust(D(2026, 6, 13), C::kModifiedPreceding), D(2026, 6, 12));
  // Saturday 2026-05-30: following is Monday 1 June, another month, so
  // modified following goes back to Friday 29 May.
  EXPECT_EQ(cal.Adjust(D(2026, 5, 30), C::kFollowing), D(2026, 6, 1));
  EXPECT_EQ(cal.Adjust(D(2026, 5, 30), C::kModifiedFollowing), D(2026, 5, 29));
  // Friday 2026-05-01 (holiday) after Thursday 30 April: preceding leaves
  // May, so modified preceding goes forward to Monday 4 May.
  EXPECT_EQ(cal.Adjust(D(2026, 5, 1), C::kPreceding), D(2026, 4, 30));
  EXPECT_EQ(cal.Adjust(D(2026, 5, 1), C::kModifiedPreceding), D(2026, 5, 4));
  // Skips holidays: Sunday 2026-05-24 -> Monday 25 is a holiday -> Tuesday.
  EXPECT_EQ(cal.Adjust(D(2026, 5, 24), C::kFollowing), D(2026, 5, 26));
  // Year end: Saturday 2022-12-31 -> modified following stays in December.
  EXPECT_EQ(cal.Adjust(D(2022, 12, 31), C::kModifiedFollowing),
            D(2022, 12, 30));
}

// --- AddBusinessDays ---------------------------------------------------------

TEST(BusinessCalendar, AddZeroBusinessDaysReturnsTheDateUnchanged) {
  const BusinessCalendar cal = Sample();
  EXPECT_EQ(cal.AddBusinessDays(D(2026, 6, 13), 0), D(2026, 6, 13));  // Sat
  EXPECT_EQ(cal.AddBusinessDays(D(2026, 5, 1), 0), D(2026, 5, 1));    // holiday
}

TEST(BusinessCalendar, AddBusinessDaysSkipsWeekendsAndHolidays) {
  const BusinessCalendar cal = Sample();
  EXPECT_EQ(cal.AddBusinessDays(D(2026, 6, 12), 1), D(2026, 6, 15));   // Fri
  EXPECT_EQ(cal.AddBusinessDays(D(2026, 6, 13), 1), D(2026, 6, 15));   // Sat
  EXPECT_EQ(cal.AddBusinessDays(D(2026, 6, 15), -1), D(2026, 6, 12));  // Mon
  EXPECT_EQ(cal.AddBusinessDays(D(2026, 6, 14), -1), D(2026, 6, 12));  // Sun
  // Thursday 2026-04-30 + 1: Friday 1 May is a holiday -> Monday 4 May.
  EXPECT_EQ(cal.AddBusinessDays(D(2026, 4, 30), 1), D(2026, 5, 4));
  // 10 business days from Friday 2026-05-22 skip Monday 25 (holiday).
  EXPECT_EQ(cal.AddBusinessDays(D(2026, 5, 22), 10), D(2026, 6, 8));
  EXPECT_EQ(cal.AddBusinessDays(D(2026, 6, 8), -10), D(2026, 5, 22));
}

TEST(BusinessCalendar, AddBusinessDaysAgreesWithCountBusinessDays) {
  const BusinessCalendar cal = Sample();
  for (Date start = D(2026, 3, 1); start < D(2026, 6, 1); start += Days{1}) {
    for (int n : {1, 2, 5, 10, 23, 60, 250}) {
      const Date end = cal.AddBusinessDays(start, n);
      ASSERT_TRUE(cal.IsBusinessDay(end)) << FormatDate(start) << " + " << n;
      ASSERT_EQ(cal.CountBusinessDays(start, end), n)
          << FormatDate(start) << " + " << n;
      // And no business day is skipped: the day before the n-th business day
      // still counts n - 1.
      ASSERT_EQ(cal.CountBusinessDays(start, end - Days{1}), n - 1);
      const Date back = cal.AddBusinessDays(start, -n);
      // (back, start] holds the n - 1 business days strictly between them,
      // plus `start` itself when it is a business day.
      ASSERT_EQ(cal.CountBusinessDays(back, start),
                n - 1 + (cal.IsBusinessDay(start) ? 1 : 0))
          << FormatDate(start) << " - " << n;
    }
  }
}

TEST(BusinessCalendar, AddBusinessDaysRoundTripsFromABusinessDay) {
  const BusinessCalendar cal = Sample();
  for (Date start = D(2026, 1, 1); start < D(2027, 1, 1); start += Days{1}) {
    if (!cal.IsBusinessDay(start)) continue;
    for (int n : {1, 7, 60}) {
      ASSERT_EQ(cal.AddBusinessDays(cal.AddBusinessDays(start, n), -n), start)
          << FormatDate(start) << " " << n;
    }
  }
}

TEST(BusinessCalendar, AddBusinessDaysStopsAtTheEndsOfTheDateRange) {
  const BusinessCalendar cal = WeekendsOnly();
  // 9999-12-31 is a Friday.
  EXPECT_EQ(cal.AddBusinessDays(D(9999, 12, 28), 3), D(9999, 12, 31));
  EXPECT_EQ(cal.AddBusinessDays(D(9999, 12, 28), 1000), kMaxDate);
  EXPECT_EQ(cal.AddBusinessDays(D(1, 1, 10), -1000), kMinDate);
  EXPECT_EQ(cal.AddBusinessDays(kMaxDate, 5), kMaxDate);
  // Dates beyond the range are not moved. 10000-01-01 is a Saturday.
  EXPECT_EQ(cal.AddBusinessDays(D(10000, 1, 1), 1), D(10000, 1, 1));
  EXPECT_EQ(cal.Adjust(D(10000, 1, 1), BusinessDayConvention::kFollowing),
            D(10000, 1, 1));
  EXPECT_EQ(cal.Adjust(kMinDate - Days{1}, BusinessDayConvention::kPreceding),
            kMinDate - Days{1});
  // Not moved inward either: 0000-12-31 is a Sunday, 10000-01-03 a Monday.
  EXPECT_EQ(cal.Adjust(kMinDate - Days{1}, BusinessDayConvention::kFollowing),
            kMinDate - Days{1});
  EXPECT_EQ(cal.AddBusinessDays(D(10000, 1, 3), -1), D(10000, 1, 3));
  EXPECT_EQ(cal.AddBusinessDays(kMinDate - Days{1}, 5), kMinDate - Days{1});
}

// --- CountBusinessDays -------------------------------------------------------

TEST(BusinessCalendar, CountBusinessDaysExcludesTheStartAndIncludesTheEnd) {
  const BusinessCalendar cal = WeekendsOnly();
  // Monday 2026-06-01 -> Monday 2026-06-08: Tue..Fri and the last Monday.
  EXPECT_EQ(cal.CountBusinessDays(D(2026, 6, 1), D(2026, 6, 8)), 5);
  EXPECT_EQ(cal.CountBusinessDays(D(2026, 6, 1), D(2026, 6, 1)), 0);
  EXPECT_EQ(cal.CountBusinessDays(D(2026, 6, 4), D(2026, 6, 5)), 1);  // Thu-Fri
  EXPECT_EQ(cal.CountBusinessDays(D(2026, 6, 5), D(2026, 6, 8)), 1);  // Fri-Mon
  EXPECT_EQ(cal.CountBusinessDays(D(2026, 6, 6), D(2026, 6, 7)), 0);  // Sat-Sun
  EXPECT_EQ(cal.CountBusinessDays(D(2026, 6, 5), D(2026, 6, 7)), 0);  // Fri-Sun
}

TEST(BusinessCalendar, CountBusinessDaysIsAntisymmetric) {
  const BusinessCalendar cal = Sample();
  EXPECT_EQ(cal.CountBusinessDays(D(2026, 6, 8), D(2026, 6, 1)), -5);
  for (Date a = D(2026, 4, 25); a < D(2026, 5, 10); a += Days{1}) {
    for (Date b = D(2026, 4, 25); b < D(2026, 5, 10); b += Days{1}) {
      ASSERT_EQ(cal.CountBusinessDays(a, b), -cal.CountBusinessDays(b, a));
    }
  }
}

TEST(BusinessCalendar, CountBusinessDaysOverAYear) {
  // 2026 has 261 weekdays (104 weekend days); the sample's weekday holidays
  // in 2026 are 6 Apr, 1 May, 25 May, 26 Nov and 24 Dec (15 Aug is a
  // Saturday): 256.
  EXPECT_EQ(Sample().CountBusinessDays(D(2025, 12, 31), D(2026, 12, 31)), 256);
  EXPECT_EQ(WeekendsOnly().CountBusinessDays(D(2025, 12, 31), D(2026, 12, 31)),
            261);
}

// Counts (from, to] one day at a time with IsBusinessDay.
int64_t CountSlowly(const BusinessCalendar& cal, Date from, Date to) {
  int64_t count = 0;
  for (Date day = from + Days{1}; day <= to; day += Days{1}) {
    if (cal.IsBusinessDay(day)) ++count;
  }
  return count;
}

TEST(BusinessCalendar, CountBusinessDaysMatchesADayByDayCount) {
  const BusinessCalendar cal = Sample();
  const std::pair<Date, Date> ranges[] = {
      {D(2026, 1, 1), D(2026, 1, 1)},    {D(2026, 1, 1), D(2026, 1, 2)},
      {D(2026, 1, 3), D(2026, 3, 17)},    // within one bitmap word and more
      {D(1899, 11, 20), D(1900, 2, 10)},  // across the precomputed start
      {D(2199, 11, 20), D(2200, 2, 10)},  // across the precomputed end
      {D(1850, 1, 1), D(1851, 6, 1)},     // entirely before
      {D(2400, 3, 1), D(2401, 1, 1)},     // entirely after
      {D(1895, 1, 1), D(2205, 1, 1)},     // spanning the whole bitmap
  };
  for (const auto& [from, to] : ranges) {
    EXPECT_EQ(cal.CountBusinessDays(from, to), CountSlowly(cal, from, to))
        << FormatDate(from) << ".." << FormatDate(to);
  }
}

// --- Outside the precomputed years -------------------------------------------

TEST(BusinessCalendar, DatesOutsideThePrecomputedYearsFollowTheRules) {
  const BusinessCalendar cal = Sample();
  // Easter 2285 is 22 March (ASSA table): Easter Monday is 23 March.
  EXPECT_TRUE(cal.IsHoliday(D(2285, 3, 23)));
  EXPECT_FALSE(cal.IsBusinessDay(D(2285, 3, 23)));
  EXPECT_TRUE(cal.IsBusinessDay(D(2285, 3, 24)));
  // Easter 1818 was 22 March too.
  EXPECT_TRUE(cal.IsHoliday(D(1818, 3, 23)));
  EXPECT_TRUE(cal.IsHoliday(D(1700, 5, 1)));
  EXPECT_EQ(cal.AddBusinessDays(D(2285, 3, 20), 1), D(2285, 3, 24));
  EXPECT_EQ(cal.Adjust(D(2285, 3, 23), BusinessDayConvention::kPreceding),
            D(2285, 3, 20));
  // Before year 1 and after 9999 there are weekends only.
  EXPECT_FALSE(cal.IsHoliday(D(10000, 5, 1)));
  EXPECT_TRUE(cal.IsBusinessDay(D(10000, 5, 1)));  // a Monday
}

TEST(BusinessCalendar, HolidaysAndIsHolidayAgreeInsideAndOutsideTheBitmap) {
  const BusinessCalendar cal = MustCreate(
      CalendarSpec{.code = "MIX",
                   .holidays = {
                       HolidayRule::FixedDate("New Year", 1, 1)
                           .WithObservance(Observance::kNearestWeekday),
                       HolidayRule::EasterOffset("Good Friday", -2),
                       HolidayRule::FixedDate("Christmas", 12, 25)
                           .WithObservance(Observance::kNextFreeBusinessDay),
                       HolidayRule::FixedDate("Boxing", 12, 26)
                           .WithObservance(Observance::kNextFreeBusinessDay),
                       HolidayRule::FixedDate("Eve", 12, 31)
                           .WithObservance(Observance::kNextFreeBusinessDay),
                   }});
  for (int year : {1, 2, 1583, 1899, 1900, 1901, 2021, 2022, 2198, 2199, 2200,
                   2201, 4000, 9998, 9999}) {
    std::set<Date> listed;
    for (const Holiday& holiday : cal.Holidays(year)) {
      EXPECT_EQ(YearOf(holiday.date), year);
      listed.insert(holiday.date);
    }
    for (Date day = D(year, 1, 1); day <= D(year, 12, 31); day += Days{1}) {
      ASSERT_EQ(cal.IsHoliday(day), listed.count(day) == 1) << FormatDate(day);
    }
  }
}

// --- Fast paths against the day-by-day reference ----------------------------

// Calendars that exercise every path: built-ins with each observance (FR
// none, GB next free business day with one-off dates, US nearest weekday), a
// Friday-Saturday weekend with removed dates, and a one-day weekend.
std::vector<BusinessCalendar> PropertyCalendars() {
  std::vector<BusinessCalendar> calendars;
  for (const char* code : {"FR", "GB", "US"}) {
    absl::StatusOr<std::shared_ptr<const BusinessCalendar>> builtin =
        BuiltinCalendar(code);
    EXPECT_THAT(builtin, IsOk());
    if (!builtin.ok()) std::abort();
    calendars.push_back(**builtin);
  }
  calendars.push_back(MustCreate(CalendarSpec{
      .code = "GULF",
      .weekend = Weekend::FridaySaturday(),
      .holidays = {HolidayRule::FixedDate("National Day", 12, 2)
                       .WithObservance(Observance::kNextFreeBusinessDay),
                   HolidayRule::EasterOffset("Late", 300),
                   HolidayRule::EasterOffset("Early", -120),
                   HolidayRule::OneOff("Once", D(2300, 3, 1))},
      .removed_dates = {D(2026, 12, 2), D(2300, 12, 2), D(1800, 12, 2)},
  }));
  calendars.push_back(MustCreate(CalendarSpec{
      .code = "SUNDAY",
      .weekend = Weekend{date::Sunday},
      .holidays = {HolidayRule::FixedDate("New Year", 1, 1)
                       .WithObservance(Observance::kNearestWeekday)},
  }));
  return calendars;
}

// Start dates spread over the whole range: inside the bitmap, on both of its
// edges, far outside it, and next to 0001-01-01 and 9999-12-31.
std::vector<Date> PropertyDates(std::mt19937& random, int per_region) {
  const std::vector<std::pair<Date, Date>> regions = {
      {D(1, 1, 1), D(1, 3, 1)},          {D(1, 3, 1), D(1899, 12, 31)},
      {D(1899, 11, 1), D(1900, 2, 1)},   {D(1900, 1, 1), D(2199, 12, 31)},
      {D(2199, 11, 1), D(2200, 2, 1)},   {D(2200, 1, 1), D(9999, 12, 31)},
      {D(9999, 10, 1), D(9999, 12, 31)},
  };
  std::vector<Date> dates;
  for (const auto& [first, last] : regions) {
    std::uniform_int_distribution<int64_t> offset(0, (last - first).count());
    for (int i = 0; i < per_region; ++i) {
      dates.push_back(first + Days{offset(random)});
    }
  }
  return dates;
}

TEST(BusinessCalendar, AddBusinessDaysMatchesADayByDayWalk) {
  std::mt19937 random(20261201);  // fixed seed: the same cases every run
  std::uniform_int_distribution<int> small(-300, 300);
  std::uniform_int_distribution<int> large(-1500, 1500);
  for (const BusinessCalendar& cal : PropertyCalendars()) {
    testing::ReferenceBusinessDays reference(cal);
    for (Date start : PropertyDates(random, 12)) {
      for (int n : {small(random), small(random), large(random), 1, -1}) {
        const Date fast = cal.AddBusinessDays(start, n);
        ASSERT_EQ(fast, reference.Add(start, n))
            << cal.code() << " " << FormatDate(start) << " " << n;
        // The header's invariants, whenever the result is within range.
        if (n != 0 && fast != kMinDate && fast != kMaxDate) {
          EXPECT_TRUE(cal.IsBusinessDay(fast))
              << cal.code() << " " << FormatDate(start) << " " << n << " -> "
              << FormatDate(fast);
          if (n > 0) {
            EXPECT_EQ(cal.CountBusinessDays(start, fast), n);
          } else {
            // |n| business days in [fast, start).
            EXPECT_EQ(cal.CountBusinessDays(fast - Days{1}, start - Days{1}),
                      -n);
          }
        }
      }
    }
  }
}

TEST(BusinessCalendar, CountBusinessDaysMatchesADayByDayWalkEverywhere) {
  std::mt19937 random(20261202);
  std::uniform_int_distribution<int> span(-1500, 1500);
  for (const BusinessCalendar& cal : PropertyCalendars()) {
    testing::ReferenceBusinessDays reference(cal);
    for (Date from : PropertyDates(random, 20)) {
      Date to = from + Days{span(random)};
      to = std::clamp(to, kMinDate, kMaxDate);
      ASSERT_EQ(cal.CountBusinessDays(from, to), reference.Count(from, to))
          << cal.code() << " " << FormatDate(from) << " " << FormatDate(to);
    }
  }
}

TEST(BusinessCalendar, AdjustMatchesADayByDayWalk) {
  std::mt19937 random(20261203);
  for (const BusinessCalendar& cal : PropertyCalendars()) {
    testing::ReferenceBusinessDays reference(cal);
    for (Date date : PropertyDates(random, 30)) {
      const auto walk = [&](int step) {
        return reference.IsBusinessDay(date) ? date : reference.Add(date, step);
      };
      const Date next = walk(1);
      const Date previous = walk(-1);
      const bool next_in_month =
          MonthOf(next) == MonthOf(date) && YearOf(next) == YearOf(date);
      const bool previous_in_month = MonthOf(previous) == MonthOf(date) &&
                                     YearOf(previous) == YearOf(date);
      EXPECT_EQ(cal.Adjust(date, BusinessDayConvention::kFollowing), next);
      EXPECT_EQ(cal.Adjust(date, BusinessDayConvention::kPreceding), previous);
      EXPECT_EQ(cal.Adjust(date, BusinessDayConvention::kModifiedFollowing),
                next_in_month ? next : previous)
          << cal.code() << " " << FormatDate(date);
      EXPECT_EQ(cal.Adjust(date, BusinessDayConvention::kModifiedPreceding),
                previous_in_month ? previous : next)
          << cal.code() << " " << FormatDate(date);
    }
  }
}

TEST(BusinessCalendar, LargeStepsMatchTheWalkAcrossCenturies) {
  // 99999 business days from 2026-01-15 (FR) end in the 2400s, far past the
  // precomputed years; counting back returns to the start, a business day.
  absl::StatusOr<std::shared_ptr<const BusinessCalendar>> fr =
      BuiltinCalendar("FR");
  ASSERT_THAT(fr, IsOk());
  const BusinessCalendar& cal = **fr;
  testing::ReferenceBusinessDays reference(cal);
  const Date start = D(2026, 1, 15);
  const Date far = cal.AddBusinessDays(start, 99999);
  EXPECT_EQ(far, reference.Add(start, 99999));
  EXPECT_GT(YearOf(far), 2199);
  EXPECT_EQ(cal.CountBusinessDays(start, far), 99999);
  EXPECT_EQ(cal.AddBusinessDays(far, -99999), start);
  // Long counts across both edges of the precomputed years, and over the
  // first 400 years (outside them), against the walk.
  EXPECT_EQ(cal.CountBusinessDays(D(1850, 6, 1), D(2250, 6, 1)),
            reference.Count(D(1850, 6, 1), D(2250, 6, 1)));
  EXPECT_EQ(cal.CountBusinessDays(kMinDate - Days{1}, D(400, 12, 31)),
            reference.Count(kMinDate - Days{1}, D(400, 12, 31)));
  EXPECT_EQ(cal.AddBusinessDays(kMinDate, 1), reference.Add(kMinDate, 1));
}

// --- Calendars that close whole years (issue: fuzzing found them accepted) --

// Weekend Tuesday..Sunday, and 60 rules closing the 1st..5th Monday of every
// month: no business day at all in the years the rules cover.
CalendarSpec EveryMondayClosed(std::optional<int> from_year,
                               std::optional<int> to_year,
                               bool keep_first_monday_of_january = false) {
  CalendarSpec spec{
      .code = "MONDAYS",
      .weekend = Weekend{date::Tuesday, date::Wednesday, date::Thursday,
                         date::Friday, date::Saturday, date::Sunday},
  };
  for (int month = 1; month <= 12; ++month) {
    for (int nth = 1; nth <= 5; ++nth) {
      if (keep_first_monday_of_january && month == 1 && nth == 1) continue;
      HolidayRule rule =
          HolidayRule::NthWeekday("Closed Monday", month, date::Monday, nth);
      rule.from_year = from_year;
      rule.to_year = to_year;
      spec.holidays.push_back(rule);
    }
  }
  return spec;
}

TEST(BusinessCalendar, CreateRefusesAYearWithoutBusinessDaysWhateverTheYear) {
  EXPECT_THAT(BusinessCalendar::Create(EveryMondayClosed(2200, std::nullopt)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("calendar: no business day in 2200: the "
                                 "weekend (tuesday,wednesday,thursday,friday,"
                                 "saturday,sunday) and the holidays cover "
                                 "every day of that year")));
  EXPECT_THAT(BusinessCalendar::Create(EveryMondayClosed(std::nullopt, 1899)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("calendar: no business day in 1:")));
  EXPECT_THAT(BusinessCalendar::Create(EveryMondayClosed(9999, 9999)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no business day in 9999:")));
  // Inside the precomputed years the run itself is reported, as before.
  EXPECT_THAT(BusinessCalendar::Create(EveryMondayClosed(2150, std::nullopt)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("calendar: no business day from 2149-12-30 "
                                 "to 2199-12-31")));
}

TEST(BusinessCalendar, ACalendarOpenOneDayAYearIsAcceptedAndSearchedFast) {
  // The same rules without the first Monday of January: exactly one
  // business day a year. Every search must find it, whatever the distance.
  absl::StatusOr<BusinessCalendar> cal = BusinessCalendar::Create(
      EveryMondayClosed(2200, std::nullopt, /*keep_first_monday_of_january=*/
                        true));
  ASSERT_THAT(cal, IsOk());
  // The first Monday of January, from the date library's weekday indexing.
  const auto first_monday = [](int year) {
    return Date{date::sys_days{date::year{year} / 1 /
                               date::weekday_indexed{date::Monday, 1}}};
  };
  EXPECT_EQ(cal->Adjust(D(2300, 6, 1), BusinessDayConvention::kFollowing),
            first_monday(2301));
  EXPECT_EQ(cal->Adjust(D(2300, 6, 1), BusinessDayConvention::kPreceding),
            first_monday(2300));
  EXPECT_EQ(cal->AddBusinessDays(D(2300, 6, 1), 3), first_monday(2303));
  EXPECT_EQ(cal->CountBusinessDays(D(2300, 6, 1), first_monday(2303)), 3);
  EXPECT_EQ(cal->AddBusinessDays(D(2300, 6, 1), -3), first_monday(2298));
  // 9999 has one, the last search that succeeds; beyond, the end is
  // returned as documented.
  EXPECT_EQ(cal->AddBusinessDays(D(9000, 6, 1), 999), first_monday(9999));
  EXPECT_EQ(cal->AddBusinessDays(D(9000, 6, 1), 1000), kMaxDate);
}

// --- Size limits -------------------------------------------------------------

TEST(BusinessCalendar, CreateRefusesMoreRulesAndDatesThanTheLimits) {
  CalendarSpec rules{.code = "MANY"};
  for (size_t i = 0; i <= BusinessCalendar::kMaxRecurringRules; ++i) {
    rules.holidays.push_back(
        HolidayRule::FixedDate("Day", static_cast<int>(1 + i % 12), 1));
  }
  EXPECT_THAT(BusinessCalendar::Create(rules),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "calendar: holidays: 201 recurring rules (fixed-date, "
                       "Easter-offset, n-th-weekday), at most 200"));
  rules.holidays.pop_back();
  EXPECT_THAT(BusinessCalendar::Create(rules), IsOk());

  CalendarSpec one_offs{.code = "MANY"};
  for (size_t i = 0; i <= BusinessCalendar::kMaxOneOffRules; ++i) {
    one_offs.holidays.push_back(
        HolidayRule::OneOff("Day", D(2000, 1, 1) + Days{i}));
  }
  EXPECT_THAT(BusinessCalendar::Create(one_offs),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("10001 one-off dates (rules with a date, "
                                 "extra dates), at most 10000")));

  CalendarSpec removed{.code = "MANY"};
  removed.removed_dates.assign(BusinessCalendar::kMaxRemovedDates + 1,
                               D(2026, 1, 1));
  EXPECT_THAT(BusinessCalendar::Create(removed),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "calendar: removed_dates: 10001 dates, at most 10000"));

  HolidayRule exceptions = HolidayRule::FixedDate("Day", 1, 1);
  for (int year = 2000; year <= 2100; ++year) {
    exceptions = exceptions.WithSkippedYear(year);
  }
  EXPECT_THAT(
      BusinessCalendar::Create({.code = "MANY", .holidays = {exceptions}}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("holidays[0].moves: 0 moves and 101 skipped "
                         "years, at most 100 in all")));
}

}  // namespace
}  // namespace relance
