// Tests for BusinessCalendar::FromJson (src/calendar_json.cpp): the schema
// of docs/calendars.md and every error path with its code and message.
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/builtin_calendars.hpp"
#include "relance/calendar.hpp"
#include "relance/date.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::D;
using ::relance::testing::DatesOf;
using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The example of docs/calendars.md.
constexpr const char* kExample = R"json({
  "code": "ACME",
  "name": "Acme Corp.",
  "weekend": ["saturday", "sunday"],
  "holidays": [
    {"name": "Labour Day", "month": 5, "day": 1},
    {"name": "Good Friday", "easter_offset": -2},
    {"name": "Thanksgiving", "month": 11, "weekday": "thursday", "nth": 4},
    {"name": "Last Monday of May", "month": 5, "weekday": "monday", "nth": -1},
    {"name": "Company day", "date": "2026-12-24"},
    {"name": "Independence Day", "month": 7, "day": 4,
     "observance": "nearest-weekday", "from_year": 2021, "to_year": 2030,
     "moves": [{"year": 2029, "date": "2029-07-06"}],
     "skipped_years": [2028]}
  ],
  "extra_dates": ["2026-12-31"],
  "removed_dates": ["2026-05-25"]
})json";

TEST(CalendarJson, ReadsCodeNameAndWeekend) {
  absl::StatusOr<BusinessCalendar> cal = BusinessCalendar::FromJson(kExample);
  ASSERT_THAT(cal, IsOk());
  EXPECT_EQ(cal->code(), "ACME");
  EXPECT_EQ(cal->name(), "Acme Corp.");
  EXPECT_EQ(cal->weekend(), Weekend::SaturdaySunday());
}

TEST(CalendarJson, EveryKindOfRuleGivesItsHolidaysOf2026) {
  absl::StatusOr<BusinessCalendar> cal = BusinessCalendar::FromJson(kExample);
  ASSERT_THAT(cal, IsOk());
  // 2026: Easter 5 April -> Good Friday 3 April; 4 July is a Saturday ->
  // Friday 3 July; last Monday of May (25) removed; 4th Thursday of November
  // is the 26th.
  const std::vector<Holiday> holidays = cal->Holidays(2026);
  EXPECT_THAT(DatesOf(holidays),
              ElementsAre(D(2026, 4, 3), D(2026, 5, 1), D(2026, 7, 3),
                          D(2026, 11, 26), D(2026, 12, 24), D(2026, 12, 31)));
  EXPECT_EQ(holidays[2].name, "Independence Day (observed)");
  EXPECT_EQ(holidays[5].name, "Extra closing day");
  EXPECT_TRUE(cal->IsBusinessDay(D(2026, 5, 25)));
}

TEST(CalendarJson, ValidityYearsSkipsAndMovesApply) {
  absl::StatusOr<BusinessCalendar> cal = BusinessCalendar::FromJson(kExample);
  ASSERT_THAT(cal, IsOk());
  // Validity years, skip and move.
  EXPECT_FALSE(cal->IsHoliday(D(2020, 7, 3)));
  EXPECT_TRUE(cal->IsHoliday(D(2021, 7, 5)));
  EXPECT_FALSE(cal->IsHoliday(D(2028, 7, 4)));  // skipped (a Tuesday)
  EXPECT_TRUE(cal->IsHoliday(D(2029, 7, 6)));   // moved
  EXPECT_FALSE(cal->IsHoliday(D(2029, 7, 4)));
  EXPECT_FALSE(cal->IsHoliday(D(2031, 7, 4)));  // after to_year (a Friday)
}

TEST(CalendarJson, TheSpecMirrorsTheJson) {
  absl::StatusOr<BusinessCalendar> cal = BusinessCalendar::FromJson(kExample);
  ASSERT_THAT(cal, IsOk());
  // The spec mirrors the JSON.
  const HolidayRule& independence = cal->spec().holidays[5];
  EXPECT_EQ(independence.observance, Observance::kNearestWeekday);
  EXPECT_EQ(independence.from_year, 2021);
  EXPECT_EQ(independence.to_year, 2030);
  EXPECT_THAT(independence.moves,
              ElementsAre(HolidayMove{2029, D(2029, 7, 6)}));
  EXPECT_THAT(independence.skipped_years, ElementsAre(2028));
  EXPECT_EQ(cal->spec().holidays[2].kind, HolidayRule::Kind::kNthWeekday);
  EXPECT_EQ(cal->spec().holidays[2].weekday, date::Thursday);
}

TEST(CalendarJson, OnlyTheCodeIsRequired) {
  absl::StatusOr<BusinessCalendar> cal =
      BusinessCalendar::FromJson(R"({"code": "PLAIN"})");
  ASSERT_THAT(cal, IsOk());
  EXPECT_EQ(cal->name(), "");
  EXPECT_EQ(cal->weekend(), Weekend::SaturdaySunday());
  EXPECT_TRUE(cal->spec().holidays.empty());
  EXPECT_TRUE(cal->IsBusinessDay(D(2026, 12, 25)));
}

TEST(CalendarJson, WeekendCanBeAnyDaysOrNone) {
  absl::StatusOr<BusinessCalendar> gulf = BusinessCalendar::FromJson(
      R"({"code": "GULF", "weekend": ["friday", "saturday"]})");
  ASSERT_THAT(gulf, IsOk());
  EXPECT_EQ(gulf->weekend(), Weekend::FridaySaturday());
  absl::StatusOr<BusinessCalendar> none =
      BusinessCalendar::FromJson(R"({"code": "NONE", "weekend": []})");
  ASSERT_THAT(none, IsOk());
  EXPECT_EQ(none->weekend(), Weekend());
}

// A company calendar on FR: Christmas Eve added, Whit Monday 2026 (25 May)
// worked.
absl::StatusOr<BusinessCalendar> AcmeOnFr() {
  return BusinessCalendar::FromJson(R"({
    "code": "ACME-FR", "base": "FR",
    "holidays": [{"name": "Veille de Noël", "month": 12, "day": 24}],
    "removed_dates": ["2026-05-25"]})");
}

TEST(CalendarJson, BaseGivesItsRulesAndWeekendButNotItsName) {
  absl::StatusOr<BusinessCalendar> acme = AcmeOnFr();
  ASSERT_THAT(acme, IsOk());
  absl::StatusOr<std::shared_ptr<const BusinessCalendar>> fr =
      BuiltinCalendar("FR");
  ASSERT_THAT(fr, IsOk());
  EXPECT_EQ(acme->spec().holidays.size(), (*fr)->spec().holidays.size() + 1);
  EXPECT_EQ(acme->weekend(), (*fr)->weekend());
  EXPECT_EQ(acme->name(), "");  // not inherited
}

TEST(CalendarJson, BaseHolidaysAreKeptAddedToAndRemoved) {
  absl::StatusOr<BusinessCalendar> acme = AcmeOnFr();
  ASSERT_THAT(acme, IsOk());
  EXPECT_TRUE(acme->IsHoliday(D(2026, 12, 24)));
  EXPECT_TRUE(acme->IsHoliday(D(2026, 7, 14)));  // from FR
  EXPECT_TRUE(acme->IsBusinessDay(D(2026, 5, 25)));
}

TEST(CalendarJson, ExtendingABuiltInLeavesItUntouched) {
  ASSERT_THAT(AcmeOnFr(), IsOk());
  absl::StatusOr<std::shared_ptr<const BusinessCalendar>> fr =
      BuiltinCalendar("FR");
  ASSERT_THAT(fr, IsOk());
  EXPECT_FALSE((*fr)->IsHoliday(D(2026, 12, 24)));
  EXPECT_TRUE((*fr)->IsHoliday(D(2026, 5, 25)));
  EXPECT_EQ((*fr)->code(), "FR");
}

TEST(CalendarJson, BaseWeekendCanBeReplaced) {
  absl::StatusOr<BusinessCalendar> cal = BusinessCalendar::FromJson(
      R"({"code": "X", "base": "TARGET", "weekend": ["sunday"]})");
  ASSERT_THAT(cal, IsOk());
  EXPECT_TRUE(cal->IsBusinessDay(D(2026, 6, 6)));  // Saturday
  EXPECT_FALSE(cal->IsBusinessDay(D(2026, 5, 1)));
}

TEST(CalendarJson, AcceptsUtf8Names) {
  absl::StatusOr<BusinessCalendar> cal = BusinessCalendar::FromJson(
      R"({"code": "X", "holidays": [{"name": "Lundi de P\u00e2ques", "easter_offset": 1},
                                    {"name": "Saint-Étienne", "month": 12, "day": 26}]})");
  ASSERT_THAT(cal, IsOk());
  EXPECT_EQ(cal->spec().holidays[0].name, "Lundi de Pâques");
  EXPECT_EQ(cal->spec().holidays[1].name, "Saint-Étienne");
}

// --- Errors ------------------------------------------------------------------

struct ErrorCase {
  const char* json;
  absl::StatusCode code;
  const char* message;
};

void ExpectErrors(const std::vector<ErrorCase>& cases) {
  for (const ErrorCase& c : cases) {
    EXPECT_THAT(BusinessCalendar::FromJson(c.json),
                StatusIs(c.code, HasSubstr(c.message)))
        << c.json;
  }
}

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;

TEST(CalendarJson, RejectsTextThatIsNotJson) {
  ExpectErrors({
      {"", kInvalid, "calendar: invalid JSON: parse error at line 1, column 1"},
      {"{", kInvalid, "calendar: invalid JSON: parse error"},
      {R"({"code": "X",})", kInvalid, "invalid JSON: parse error at line 1"},
      {"{\"code\": \"X\"}\n}", kInvalid, "at line 2, column 1"},
      {"{\"code\": \"X\xff\"}", kInvalid, "invalid JSON"},  // bad UTF-8
      {R"({"code": "X"} // comment)", kInvalid, "invalid JSON"},
  });
}

TEST(CalendarJson, RejectsDuplicateKeys) {
  ExpectErrors({
      {R"({"code": "X", "code": "Y"})", kInvalid,
       "calendar: invalid JSON: key \"code\" appears twice in an object"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "month": 2, "day": 1}]})",
       kInvalid, "key \"month\" appears twice"},
  });
  // The same key in different objects is fine.
  EXPECT_THAT(
      BusinessCalendar::FromJson(
          R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1},
                                                {"name": "b", "month": 1, "day": 2}]})"),
      IsOk());
}

TEST(CalendarJson, RejectsBadTopLevel) {
  ExpectErrors({
      {"[]", kInvalid,
       "calendar: expected a JSON object at the top level, got array"},
      {"42", kInvalid, "at the top level, got integer"},
      {R"("FR")", kInvalid, "at the top level, got string"},
      {R"({"code": "X", "hollidays": []})", kInvalid,
       "calendar: unknown key \"hollidays\" (expected one of: code, name, "
       "base, weekend, holidays, extra_dates, removed_dates)"},
      {R"({"name": "no code"})", kInvalid, "calendar: code: required"},
      {R"({"code": 7})", kInvalid,
       "calendar: code: expected a string, got integer"},
      {R"({"code": "A B"})", kInvalid,
       "calendar: code: expected 1..32 characters of A-Z a-z 0-9 - _, got "
       "\"A B\""},
      {R"({"code": "X", "name": null})", kInvalid,
       "calendar: name: expected a string, got null"},
      {R"({"code": "X", "base": ["FR"]})", kInvalid,
       "calendar: base: expected a string, got array"},
  });
}

TEST(CalendarJson, UnknownBaseIsNotFound) {
  ExpectErrors({
      {R"({"code": "X", "base": "XX"})", absl::StatusCode::kNotFound,
       "calendar: base: built-in calendar \"XX\" not found; known codes: FR, "
       "FR-ALSACE-MOSELLE, DE, GB, US, TARGET"},
  });
}

TEST(CalendarJson, RejectsBadWeekends) {
  ExpectErrors({
      {R"({"code": "X", "weekend": "saturday"})", kInvalid,
       "calendar: weekend: expected an array of weekday names, got string"},
      {R"({"code": "X", "weekend": ["saturday", 0]})", kInvalid,
       "calendar: weekend[1]: expected a string, got integer"},
      {R"({"code": "X", "weekend": ["Saturday"]})", kInvalid,
       "calendar: weekend[0]: weekday \"Saturday\": expected one of monday, "
       "tuesday"},
      {R"({"code": "X", "weekend": ["sunday", "sunday"]})", kInvalid,
       "calendar: weekend[1]: \"sunday\" is listed twice"},
      {R"({"code": "X", "weekend": ["monday", "tuesday", "wednesday",
           "thursday", "friday", "saturday", "sunday"]})",
       kInvalid, "calendar: weekend: all seven days are weekend days"},
  });
}

TEST(CalendarJson, RejectsBadRuleShapes) {
  ExpectErrors({
      {R"({"code": "X", "holidays": {"name": "a"}})", kInvalid,
       "calendar: holidays: expected an array of rules, got object"},
      {R"({"code": "X", "holidays": ["2026-01-01"]})", kInvalid,
       "calendar: holidays[0]: expected an object, got string"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1, "moth": 1}]})",
       kInvalid,
       "calendar: holidays[0]: unknown key \"moth\" (expected one of: name, "
       "month, day, easter_offset, weekday, nth, date, observance, "
       "from_year, to_year, moves, skipped_years)"},
      {R"({"code": "X", "holidays": [{"month": 1, "day": 1}]})", kInvalid,
       "calendar: holidays[0].name: required"},
      {R"({"code": "X", "holidays": [{"name": 1, "month": 1, "day": 1}]})",
       kInvalid, "calendar: holidays[0].name: expected a string, got integer"},
      {R"({"code": "X", "holidays": [{"name": "", "month": 1, "day": 1}]})",
       kInvalid, "calendar: holidays[0].name: must not be empty"},
      {R"({"code": "X", "holidays": [{"name": "a"}]})", kInvalid,
       "calendar: holidays[0]: no date given; a rule has exactly one of: "
       "month+day, easter_offset, month+weekday+nth, date"},
  });
}

TEST(CalendarJson, RejectsRulesThatMixKinds) {
  ExpectErrors({
      {R"({"code": "X", "holidays": [{"name": "a", "date": "2026-01-01", "month": 1}]})",
       kInvalid,
       "calendar: holidays[0]: mixes \"date\" with \"month\"; a rule has "
       "exactly one of: month+day, easter_offset, month+weekday+nth, date"},
      {R"({"code": "X", "holidays": [{"name": "a", "easter_offset": 1, "day": 1}]})",
       kInvalid, "calendar: holidays[0]: mixes \"easter_offset\" with \"day\""},
      {R"({"code": "X", "holidays": [{"name": "a", "easter_offset": 1, "nth": 1}]})",
       kInvalid, "mixes \"easter_offset\" with \"nth\""},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 5, "day": 1,
           "weekday": "monday", "nth": 1}]})",
       kInvalid, "calendar: holidays[0]: mixes \"weekday\" with \"day\""},
      {R"({"code": "X", "holidays": [{"name": "a", "date": "2026-01-01", "nth": 1}]})",
       kInvalid, "mixes \"date\" with \"nth\""},
  });
}

TEST(CalendarJson, RejectsIncompleteRules) {
  ExpectErrors({
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1}]})", kInvalid,
       "calendar: holidays[0].day: required with \"month\""},
      {R"({"code": "X", "holidays": [{"name": "a", "day": 1}]})", kInvalid,
       "calendar: holidays[0].month: required with \"day\""},
      {R"({"code": "X", "holidays": [{"name": "a", "weekday": "monday", "nth": 1}]})",
       kInvalid, "calendar: holidays[0].month: required with \"weekday\""},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 5, "weekday": "monday"}]})",
       kInvalid, "calendar: holidays[0].nth: required with \"weekday\""},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 5, "nth": 1}]})",
       kInvalid, "calendar: holidays[0].weekday: required with \"nth\""},
  });
}

TEST(CalendarJson, RejectsOutOfRangeAndMistypedFields) {
  ExpectErrors({
      // The message of the brief, verbatim.
      {R"({"code": "X", "holidays": [
           {"name": "a", "month": 1, "day": 1},
           {"name": "b", "month": 2, "day": 1},
           {"name": "c", "month": 13, "day": 1}]})",
       kInvalid, "calendar: holidays[2].month: expected 1..12, got 13"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": "5", "day": 1}]})",
       kInvalid,
       "calendar: holidays[0].month: expected an integer, got string"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 5.0, "day": 1}]})",
       kInvalid,
       "calendar: holidays[0].month: expected an integer, got number"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 5, "day": true}]})",
       kInvalid, "calendar: holidays[0].day: expected an integer, got boolean"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 99999999999, "day": 1}]})",
       kInvalid,
       "calendar: holidays[0].month: integer 99999999999 is out of range"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": -99999999999, "day": 1}]})",
       kInvalid, "integer -99999999999 is out of range"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 2, "day": 30}]})",
       kInvalid,
       "calendar: holidays[0].day: expected 1..29 for month 2, got 30"},
      {R"({"code": "X", "holidays": [{"name": "a", "easter_offset": -400}]})",
       kInvalid,
       "calendar: holidays[0].easter_offset: expected -365..365, got -400"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 5, "weekday": "monday", "nth": 6}]})",
       kInvalid,
       "calendar: holidays[0].nth: expected 1..5 or -1 (last), got 6"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 5, "weekday": "monday", "nth": 0}]})",
       kInvalid,
       "calendar: holidays[0].nth: expected 1..5 or -1 (last), got 0"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 5, "weekday": "lundi", "nth": 1}]})",
       kInvalid,
       "calendar: holidays[0].weekday: weekday \"lundi\": expected one of"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 5, "weekday": 1, "nth": 1}]})",
       kInvalid,
       "calendar: holidays[0].weekday: expected a string, got integer"},
      {R"({"code": "X", "holidays": [{"name": "a", "date": "2026-02-30"}]})",
       kInvalid,
       "calendar: holidays[0].date: date \"2026-02-30\": day 30 does not "
       "exist in 2026-02"},
      {R"({"code": "X", "holidays": [{"name": "a", "date": "26/12/2026"}]})",
       kInvalid, "calendar: holidays[0].date: date \"26/12/2026\""},
      {R"({"code": "X", "holidays": [{"name": "a", "date": 20261226}]})",
       kInvalid, "calendar: holidays[0].date: expected a string, got integer"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1,
           "observance": "substitute"}]})",
       kInvalid,
       "calendar: holidays[0].observance: observance \"substitute\": expected "
       "one of none, nearest-weekday, next-free-business-day"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1, "observance": 1}]})",
       kInvalid,
       "calendar: holidays[0].observance: expected a string, got integer"},
  });
}

TEST(CalendarJson, RejectsBadValidityYearsMovesAndSkips) {
  ExpectErrors({
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1, "from_year": 0}]})",
       kInvalid, "calendar: holidays[0].from_year: expected 1..9999, got 0"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1, "to_year": "2030"}]})",
       kInvalid,
       "calendar: holidays[0].to_year: expected an integer, got string"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1,
           "from_year": 2030, "to_year": 2020}]})",
       kInvalid,
       "calendar: holidays[0].to_year: 2020 is before from_year 2030"},
      {R"({"code": "X", "holidays": [{"name": "a", "date": "2026-01-02", "from_year": 2026}]})",
       kInvalid,
       "calendar: holidays[0].from_year: not allowed on a one-off rule"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1, "moves": {}}]})",
       kInvalid,
       "calendar: holidays[0].moves: expected an array of {year, date}, got "
       "object"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1, "moves": [2020]}]})",
       kInvalid,
       "calendar: holidays[0].moves[0]: expected an object, got integer"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1,
           "moves": [{"year": 2020, "date": "2020-01-02", "why": "x"}]}]})",
       kInvalid,
       "calendar: holidays[0].moves[0]: unknown key \"why\" (expected one of: "
       "year, date)"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1,
           "moves": [{"date": "2020-01-02"}]}]})",
       kInvalid, "calendar: holidays[0].moves[0].year: required"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1,
           "moves": [{"year": 2020}]}]})",
       kInvalid, "calendar: holidays[0].moves[0].date: required"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1,
           "moves": [{"year": 2021, "date": "2020-12-31"}]}]})",
       kInvalid,
       "calendar: holidays[0].moves[0].date: 2020-12-31 is not in year 2021"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1,
           "moves": [{"year": 2021, "date": "2021-13-01"}]}]})",
       kInvalid, "calendar: holidays[0].moves[0].date: date \"2021-13-01\""},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1,
           "moves": [{"year": 2021, "date": "2021-01-04"}], "skipped_years": [2021]}]})",
       kInvalid,
       "calendar: holidays[0].skipped_years[0]: 2021 has more than one move "
       "or skip"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1, "skipped_years": 2021}]})",
       kInvalid,
       "calendar: holidays[0].skipped_years: expected an array of years, got "
       "integer"},
      {R"({"code": "X", "holidays": [{"name": "a", "month": 1, "day": 1,
           "skipped_years": [2020, "2021"]}]})",
       kInvalid,
       "calendar: holidays[0].skipped_years[1]: expected an integer, got "
       "string"},
  });
}

TEST(CalendarJson, RejectsBadDateLists) {
  ExpectErrors({
      {R"({"code": "X", "extra_dates": "2026-12-31"})", kInvalid,
       "calendar: extra_dates: expected an array of dates, got string"},
      {R"({"code": "X", "extra_dates": ["2026-12-31", "2026-12-32"]})",
       kInvalid, "calendar: extra_dates[1]: date \"2026-12-32\""},
      {R"({"code": "X", "removed_dates": [null]})", kInvalid,
       "calendar: removed_dates[0]: expected a string, got null"},
      {R"({"code": "X", "removed_dates": {}})", kInvalid,
       "calendar: removed_dates: expected an array of dates, got object"},
  });
}

TEST(CalendarJson, RejectsACalendarWithoutBusinessDaysForOverAYear) {
  // Weekend Monday..Saturday and every Sunday of 2030..2031 a holiday.
  std::string json = R"({"code": "X", "weekend": ["monday", "tuesday",
      "wednesday", "thursday", "friday", "saturday"], "holidays": [)";
  for (int month = 1; month <= 12; ++month) {
    for (int nth = 1; nth <= 5; ++nth) {
      if (month > 1 || nth > 1) json += ",";
      json += R"({"name": "s", "weekday": "sunday", "from_year": 2030,
                  "to_year": 2031, "month": )" +
              std::to_string(month) + R"(, "nth": )" + std::to_string(nth) +
              "}";
    }
  }
  json += "]}";
  EXPECT_THAT(BusinessCalendar::FromJson(json),
              StatusIs(kInvalid, HasSubstr("calendar: no business day from "
                                           "2029-12-31 to 2032-01-03")));
}

// The calendars fuzzing found accepted: weekend Tuesday..Sunday and 60 rules
// closing the 1st..5th Monday of every month, limited by `years` (e.g.
// `"from_year": 2200`), so that the years they cover have no business day.
std::string EveryMondayClosedJson(const std::string& years) {
  std::string json = R"({"code": "MONDAYS", "weekend": ["tuesday",
      "wednesday", "thursday", "friday", "saturday", "sunday"], "holidays": [)";
  for (int month = 1; month <= 12; ++month) {
    for (int nth = 1; nth <= 5; ++nth) {
      if (month > 1 || nth > 1) json += ",";
      json += R"({"name": "m", "weekday": "monday", )" + years +
              R"(, "month": )" + std::to_string(month) + R"(, "nth": )" +
              std::to_string(nth) + "}";
    }
  }
  return json + "]}";
}

TEST(CalendarJson, RejectsAYearWithoutBusinessDaysOutsideThePrecomputedYears) {
  EXPECT_THAT(
      BusinessCalendar::FromJson(EveryMondayClosedJson(R"("from_year": 2200)")),
      StatusIs(kInvalid, HasSubstr("calendar: no business day in 2200: the "
                                   "weekend (tuesday,wednesday,thursday,"
                                   "friday,saturday,sunday) and the holidays "
                                   "cover every day of that year")));
  EXPECT_THAT(
      BusinessCalendar::FromJson(EveryMondayClosedJson(R"("to_year": 1899)")),
      StatusIs(kInvalid, HasSubstr("calendar: no business day in 1:")));
  EXPECT_THAT(
      BusinessCalendar::FromJson(
          EveryMondayClosedJson(R"("from_year": 5000, "to_year": 5000)")),
      StatusIs(kInvalid, HasSubstr("calendar: no business day in 5000:")));
  // From 2150 the run inside the precomputed years is reported, as before:
  // it starts the day after the last Monday of 2149 (29 December).
  EXPECT_THAT(
      BusinessCalendar::FromJson(EveryMondayClosedJson(R"("from_year": 2150)")),
      StatusIs(kInvalid, HasSubstr("calendar: no business day from "
                                   "2149-12-30 to 2199-12-31")));
}

// A JSON array of `count` copies of `item`.
std::string Repeated(const std::string& item, size_t count) {
  std::string json = "[";
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) json += ",";
    json += item;
  }
  return json + "]";
}

TEST(CalendarJson, RejectsMoreRulesAndDatesThanTheLimits) {
  // Too many rules (100,000 took minutes and gigabytes) are refused before
  // any is read. 20,000 here keep the test quick under sanitizers; past the
  // limit the count does not matter.
  EXPECT_THAT(
      BusinessCalendar::FromJson(
          R"({"code": "X", "holidays": )" +
          Repeated(R"({"name": "d", "month": 1, "day": 1})", 20'000) + "}"),
      StatusIs(kInvalid,
               "calendar: holidays: 20000 rules, at most 10200 "
               "(200 recurring and 10000 one-off dates)"));
  // Within that, each kind has its own limit.
  EXPECT_THAT(
      BusinessCalendar::FromJson(
          R"({"code": "X", "holidays": )" +
          Repeated(R"({"name": "d", "month": 1, "day": 1})", 201) + "}"),
      StatusIs(kInvalid, HasSubstr("calendar: holidays: 201 recurring rules")));
  EXPECT_THAT(
      BusinessCalendar::FromJson(
          R"({"code": "X", "holidays": )" +
          Repeated(R"({"name": "d", "month": 1, "day": 1})", 200) + "}"),
      IsOk());
  for (const char* list : {"extra_dates", "removed_dates"}) {
    EXPECT_THAT(BusinessCalendar::FromJson(
                    R"({"code": "X", ")" + std::string(list) + R"(": )" +
                    Repeated(R"("2026-01-02")", 10'001) + "}"),
                StatusIs(kInvalid, "calendar: " + std::string(list) +
                                       ": 10001 dates, at most 10000"));
  }
  // One-off rules and extra dates share their limit.
  EXPECT_THAT(BusinessCalendar::FromJson(
                  R"({"code": "X", "holidays": [{"name": "d",
                      "date": "2026-01-02"}], "extra_dates": )" +
                  Repeated(R"("2026-01-02")", 10'000) + "}"),
              StatusIs(kInvalid, HasSubstr("calendar: holidays: 10001 one-off "
                                           "dates")));
}

TEST(CalendarJson, NeverThrowsOnDeeplyNestedInput) {
  const std::string deep = std::string(20000, '[') + std::string(20000, ']');
  EXPECT_THAT(BusinessCalendar::FromJson(deep),
              StatusIs(kInvalid, HasSubstr("at the top level, got array")));
  const std::string unbalanced = std::string(20000, '[');
  EXPECT_THAT(BusinessCalendar::FromJson(unbalanced),
              StatusIs(kInvalid, HasSubstr("invalid JSON")));
}

// The shipped calendar file: Alsace-Moselle (Good Friday 2026-04-03 and
// St Stephen's Day 2026-12-26 are holidays there, not in the rest of
// France) plus Acme's own closing days (examples/calendars/acme.json).
TEST(CalendarJson, FromFileReadsTheExampleAndNamesTheFileInErrors) {
  absl::StatusOr<BusinessCalendar> acme = BusinessCalendar::FromFile(
      std::string(RELANCE_SOURCE_DIR) + "/examples/calendars/acme.json");
  ASSERT_THAT(acme, IsOk());
  EXPECT_EQ(acme->code(), "ACME-FR");
  EXPECT_FALSE(acme->IsBusinessDay(D(2026, 4, 3)));    // Good Friday
  EXPECT_FALSE(acme->IsBusinessDay(D(2026, 12, 24)));  // company rule
  EXPECT_FALSE(acme->IsBusinessDay(D(2026, 8, 14)));   // extra date
  EXPECT_TRUE(acme->IsBusinessDay(D(2026, 8, 13)));    // a Thursday

  const std::string bad = ::testing::TempDir() + "bad_calendar.json";
  std::ofstream(bad) << R"({"code": "X", "holidays": [{"month": 13}]})";
  EXPECT_THAT(BusinessCalendar::FromFile(bad),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("bad_calendar.json: calendar: holidays[0]")));
  EXPECT_THAT(
      BusinessCalendar::FromFile("/nonexistent/calendar.json"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cannot open")));
}

}  // namespace
}  // namespace relance
