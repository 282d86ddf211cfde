// Tests for relance/builtin_calendars.hpp: each built-in calendar against its
// official holiday list, year by year. The expected dates below are copied
// from the official lists (sources named above each table), not computed.
#include "relance/builtin_calendars.hpp"

#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/calendar.hpp"
#include "relance/date.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::D;
using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::shared_ptr<const BusinessCalendar> Get(std::string_view code) {
  absl::StatusOr<std::shared_ptr<const BusinessCalendar>> calendar =
      BuiltinCalendar(code);
  EXPECT_THAT(calendar, IsOk()) << code;
  if (!calendar.ok()) std::abort();
  return *calendar;
}

struct Listed {
  Date date;
  std::string name;
};

struct OfficialYear {
  int year;
  std::vector<Listed> holidays;
};

// Checks a calendar against an official list for whole years: the listing
// (dates and names, in order), and for every day of the year IsHoliday and
// IsBusinessDay (so that nothing is missing and nothing extra closes).
void ExpectOfficialYears(std::string_view code,
                         const std::vector<OfficialYear>& years) {
  const std::shared_ptr<const BusinessCalendar> cal = Get(code);
  for (const OfficialYear& official : years) {
    SCOPED_TRACE(std::string(code) + " " + std::to_string(official.year));
    const std::vector<Holiday> actual = cal->Holidays(official.year);
    ASSERT_EQ(actual.size(), official.holidays.size());
    std::set<Date> listed;
    for (size_t i = 0; i < actual.size(); ++i) {
      EXPECT_EQ(FormatDate(actual[i].date),
                FormatDate(official.holidays[i].date));
      EXPECT_EQ(actual[i].name, official.holidays[i].name);
      listed.insert(official.holidays[i].date);
    }
    for (Date day = D(official.year, 1, 1); day <= D(official.year, 12, 31);
         day += Days{1}) {
      const bool is_listed = listed.count(day) == 1;
      ASSERT_EQ(cal->IsHoliday(day), is_listed) << FormatDate(day);
      ASSERT_EQ(cal->IsBusinessDay(day), !is_listed && !cal->IsWeekend(day))
          << FormatDate(day);
    }
  }
}

// --- Lookup ------------------------------------------------------------------

TEST(BuiltinCalendars, ListsTheSixCodes) {
  EXPECT_THAT(BuiltinCalendarCodes(), ElementsAre("FR", "FR-ALSACE-MOSELLE",
                                                  "DE", "GB", "US", "TARGET"));
  for (const std::string& code : BuiltinCalendarCodes()) {
    EXPECT_EQ(Get(code)->code(), code);
    EXPECT_FALSE(Get(code)->name().empty());
    EXPECT_EQ(Get(code)->weekend(), Weekend::SaturdaySunday());
  }
}

TEST(BuiltinCalendars, UnknownCodeIsNotFoundAndListsTheKnownOnes) {
  for (const char* code : {"XX", "", "FRA", "FR ", "UK"}) {
    EXPECT_THAT(BuiltinCalendar(code),
                StatusIs(absl::StatusCode::kNotFound,
                         HasSubstr(std::string("built-in calendar \"") + code +
                                   "\" not found; known codes: FR, "
                                   "FR-ALSACE-MOSELLE, DE, GB, US, TARGET")));
    EXPECT_THAT(BuiltinCalendarJson(code), StatusIs(absl::StatusCode::kNotFound,
                                                    HasSubstr("known codes")));
  }
}

TEST(BuiltinCalendars, CodesMatchIgnoringAsciiCase) {
  EXPECT_EQ(Get("fr")->code(), "FR");
  EXPECT_EQ(Get("Fr-Alsace-Moselle")->code(), "FR-ALSACE-MOSELLE");
  EXPECT_EQ(Get("target")->code(), "TARGET");
}

TEST(BuiltinCalendars, AreCompiledOnceAndShared) {
  EXPECT_EQ(Get("FR").get(), Get("FR").get());
  EXPECT_EQ(Get("GB").get(), Get("gb").get());
}

TEST(BuiltinCalendars, JsonDefinitionCompilesToTheSameCalendar) {
  for (const std::string& code : BuiltinCalendarCodes()) {
    absl::StatusOr<std::string_view> json = BuiltinCalendarJson(code);
    ASSERT_THAT(json, IsOk());
    absl::StatusOr<BusinessCalendar> parsed = BusinessCalendar::FromJson(*json);
    ASSERT_THAT(parsed, IsOk()) << code;
    EXPECT_EQ(parsed->spec(), Get(code)->spec()) << code;
  }
}

TEST(BuiltinCalendars, DerivingANewCalendarLeavesTheBuiltInUnchanged) {
  const std::shared_ptr<const BusinessCalendar> fr = Get("FR");
  absl::StatusOr<BusinessCalendar> acme =
      fr->WithHolidays({HolidayRule::FixedDate("Veille de Noël", 12, 24)});
  ASSERT_THAT(acme, IsOk());
  EXPECT_TRUE(acme->IsHoliday(D(2026, 12, 24)));
  EXPECT_FALSE(fr->IsHoliday(D(2026, 12, 24)));
  EXPECT_FALSE(Get("FR")->IsHoliday(D(2026, 12, 24)));
  EXPECT_EQ(Get("FR")->spec().holidays.size(), 11u);
}

TEST(BuiltinCalendars, TheCalendarHeaderExampleHolds) {
  // The values quoted in the Example of relance/calendar.hpp.
  const BusinessCalendar& cal = *Get("FR");
  EXPECT_FALSE(cal.IsBusinessDay(D(2026, 5, 14)));  // Ascension
  EXPECT_EQ(
      cal.Adjust(D(2026, 5, 30), BusinessDayConvention::kModifiedFollowing),
      D(2026, 5, 29));
  EXPECT_EQ(cal.AddBusinessDays(D(2026, 5, 13), 1), D(2026, 5, 15));
  // May 2026 has 21 weekdays; (1 May, 31 May] drops Friday 1 May and the
  // holidays of Friday 8, Thursday 14 and Monday 25 May: 17.
  EXPECT_EQ(cal.CountBusinessDays(D(2026, 5, 1), D(2026, 5, 31)), 17);
  absl::StatusOr<BusinessCalendar> acme = cal.WithHolidays(
      {HolidayRule::FixedDate("Company Christmas Eve", 12, 24)});
  ASSERT_THAT(acme, IsOk());
  EXPECT_FALSE(acme->IsBusinessDay(D(2026, 12, 24)));
  // relance/builtin_calendars.hpp: US 2026 lists Independence Day observed.
  EXPECT_THAT(
      Get("US")->Holidays(2026),
      ::testing::Contains(Holiday{D(2026, 7, 3), "Independence Day (observed)",
                                  D(2026, 7, 4)}));
}

// --- FR ---------------------------------------------------------------------
// Source: service-public.fr, "Jours fériés" (the 11 jours fériés of Code du
// travail art. L3133-1), lists for 2024, 2025, 2026 and 2027. Weekend
// holidays are listed too (Assomption Saturday 2026-08-15, Toussaint Sunday
// 2026-11-01): France has no substitute days.

TEST(BuiltinCalendars, FranceMatchesServicePublicLists2024To2027) {
  ExpectOfficialYears("FR", {
                                {2024,
                                 {{D(2024, 1, 1), "Jour de l'an"},
                                  {D(2024, 4, 1), "Lundi de Pâques"},
                                  {D(2024, 5, 1), "Fête du Travail"},
                                  {D(2024, 5, 8), "Victoire 1945"},
                                  {D(2024, 5, 9), "Ascension"},
                                  {D(2024, 5, 20), "Lundi de Pentecôte"},
                                  {D(2024, 7, 14), "Fête nationale"},
                                  {D(2024, 8, 15), "Assomption"},
                                  {D(2024, 11, 1), "Toussaint"},
                                  {D(2024, 11, 11), "Armistice 1918"},
                                  {D(2024, 12, 25), "Noël"}}},
                                {2025,
                                 {{D(2025, 1, 1), "Jour de l'an"},
                                  {D(2025, 4, 21), "Lundi de Pâques"},
                                  {D(2025, 5, 1), "Fête du Travail"},
                                  {D(2025, 5, 8), "Victoire 1945"},
                                  {D(2025, 5, 29), "Ascension"},
                                  {D(2025, 6, 9), "Lundi de Pentecôte"},
                                  {D(2025, 7, 14), "Fête nationale"},
                                  {D(2025, 8, 15), "Assomption"},
                                  {D(2025, 11, 1), "Toussaint"},
                                  {D(2025, 11, 11), "Armistice 1918"},
                                  {D(2025, 12, 25), "Noël"}}},
                                {2026,
                                 {{D(2026, 1, 1), "Jour de l'an"},
                                  {D(2026, 4, 6), "Lundi de Pâques"},
                                  {D(2026, 5, 1), "Fête du Travail"},
                                  {D(2026, 5, 8), "Victoire 1945"},
                                  {D(2026, 5, 14), "Ascension"},
                                  {D(2026, 5, 25), "Lundi de Pentecôte"},
                                  {D(2026, 7, 14), "Fête nationale"},
                                  {D(2026, 8, 15), "Assomption"},
                                  {D(2026, 11, 1), "Toussaint"},
                                  {D(2026, 11, 11), "Armistice 1918"},
                                  {D(2026, 12, 25), "Noël"}}},
                                {2027,
                                 {{D(2027, 1, 1), "Jour de l'an"},
                                  {D(2027, 3, 29), "Lundi de Pâques"},
                                  {D(2027, 5, 1), "Fête du Travail"},
                                  {D(2027, 5, 6), "Ascension"},
                                  {D(2027, 5, 8), "Victoire 1945"},
                                  {D(2027, 5, 17), "Lundi de Pentecôte"},
                                  {D(2027, 7, 14), "Fête nationale"},
                                  {D(2027, 8, 15), "Assomption"},
                                  {D(2027, 11, 1), "Toussaint"},
                                  {D(2027, 11, 11), "Armistice 1918"},
                                  {D(2027, 12, 25), "Noël"}}},
                            });
}

TEST(BuiltinCalendars, FranceCountsBusinessDaysOf2026) {
  // 2026 has 261 weekdays. Of the 11 holidays, Assomption (Saturday) and
  // Toussaint (Sunday) fall on the weekend: 261 - 9 = 252 business days.
  EXPECT_EQ(Get("FR")->CountBusinessDays(D(2025, 12, 31), D(2026, 12, 31)),
            252);
}

TEST(BuiltinCalendars, FranceVictoire1945CountsFrom1982) {
  // Loi n° 81-893 du 2 octobre 1981: 8 May is a jour férié again from 1982.
  EXPECT_TRUE(Get("FR")->IsBusinessDay(D(1981, 5, 8)));  // a Friday
  EXPECT_TRUE(Get("FR")->IsHoliday(D(1985, 5, 8)));      // a Wednesday
}

// --- FR-ALSACE-MOSELLE -------------------------------------------------------
// Source: Code du travail art. L3134-13 and service-public.fr ("en
// Alsace-Moselle, le Vendredi saint et le 26 décembre sont également des
// jours fériés"): the national list plus Vendredi saint and Saint-Étienne.

TEST(BuiltinCalendars, AlsaceMoselleAddsGoodFridayAndSaintStephen2024To2027) {
  ExpectOfficialYears("FR-ALSACE-MOSELLE",
                      {
                          {2024,
                           {{D(2024, 1, 1), "Jour de l'an"},
                            {D(2024, 3, 29), "Vendredi saint"},
                            {D(2024, 4, 1), "Lundi de Pâques"},
                            {D(2024, 5, 1), "Fête du Travail"},
                            {D(2024, 5, 8), "Victoire 1945"},
                            {D(2024, 5, 9), "Ascension"},
                            {D(2024, 5, 20), "Lundi de Pentecôte"},
                            {D(2024, 7, 14), "Fête nationale"},
                            {D(2024, 8, 15), "Assomption"},
                            {D(2024, 11, 1), "Toussaint"},
                            {D(2024, 11, 11), "Armistice 1918"},
                            {D(2024, 12, 25), "Noël"},
                            {D(2024, 12, 26), "Saint-Étienne"}}},
                          {2025,
                           {{D(2025, 1, 1), "Jour de l'an"},
                            {D(2025, 4, 18), "Vendredi saint"},
                            {D(2025, 4, 21), "Lundi de Pâques"},
                            {D(2025, 5, 1), "Fête du Travail"},
                            {D(2025, 5, 8), "Victoire 1945"},
                            {D(2025, 5, 29), "Ascension"},
                            {D(2025, 6, 9), "Lundi de Pentecôte"},
                            {D(2025, 7, 14), "Fête nationale"},
                            {D(2025, 8, 15), "Assomption"},
                            {D(2025, 11, 1), "Toussaint"},
                            {D(2025, 11, 11), "Armistice 1918"},
                            {D(2025, 12, 25), "Noël"},
                            {D(2025, 12, 26), "Saint-Étienne"}}},
                          {2026,
                           {{D(2026, 1, 1), "Jour de l'an"},
                            {D(2026, 4, 3), "Vendredi saint"},
                            {D(2026, 4, 6), "Lundi de Pâques"},
                            {D(2026, 5, 1), "Fête du Travail"},
                            {D(2026, 5, 8), "Victoire 1945"},
                            {D(2026, 5, 14), "Ascension"},
                            {D(2026, 5, 25), "Lundi de Pentecôte"},
                            {D(2026, 7, 14), "Fête nationale"},
                            {D(2026, 8, 15), "Assomption"},
                            {D(2026, 11, 1), "Toussaint"},
                            {D(2026, 11, 11), "Armistice 1918"},
                            {D(2026, 12, 25), "Noël"},
                            {D(2026, 12, 26), "Saint-Étienne"}}},
                          {2027,
                           {{D(2027, 1, 1), "Jour de l'an"},
                            {D(2027, 3, 26), "Vendredi saint"},
                            {D(2027, 3, 29), "Lundi de Pâques"},
                            {D(2027, 5, 1), "Fête du Travail"},
                            {D(2027, 5, 6), "Ascension"},
                            {D(2027, 5, 8), "Victoire 1945"},
                            {D(2027, 5, 17), "Lundi de Pentecôte"},
                            {D(2027, 7, 14), "Fête nationale"},
                            {D(2027, 8, 15), "Assomption"},
                            {D(2027, 11, 1), "Toussaint"},
                            {D(2027, 11, 11), "Armistice 1918"},
                            {D(2027, 12, 25), "Noël"},
                            {D(2027, 12, 26), "Saint-Étienne"}}},
                      });
  // Good Friday is a business day in the rest of France.
  EXPECT_TRUE(Get("FR")->IsBusinessDay(D(2026, 4, 3)));
}

// --- DE ----------------------------------------------------------------------
// Source: Bundesministerium des Innern und für Heimat, "Feiertage" (the
// holidays common to all 16 Länder; 3 October set by federal law,
// Einigungsvertrag Art. 2 Abs. 2), lists for 2024..2027.

TEST(BuiltinCalendars, GermanyMatchesTheNationalHolidays2024To2027) {
  ExpectOfficialYears("DE", {
                                {2024,
                                 {{D(2024, 1, 1), "Neujahr"},
                                  {D(2024, 3, 29), "Karfreitag"},
                                  {D(2024, 4, 1), "Ostermontag"},
                                  {D(2024, 5, 1), "Tag der Arbeit"},
                                  {D(2024, 5, 9), "Christi Himmelfahrt"},
                                  {D(2024, 5, 20), "Pfingstmontag"},
                                  {D(2024, 10, 3), "Tag der Deutschen Einheit"},
                                  {D(2024, 12, 25), "1. Weihnachtstag"},
                                  {D(2024, 12, 26), "2. Weihnachtstag"}}},
                                {2025,
                                 {{D(2025, 1, 1), "Neujahr"},
                                  {D(2025, 4, 18), "Karfreitag"},
                                  {D(2025, 4, 21), "Ostermontag"},
                                  {D(2025, 5, 1), "Tag der Arbeit"},
                                  {D(2025, 5, 29), "Christi Himmelfahrt"},
                                  {D(2025, 6, 9), "Pfingstmontag"},
                                  {D(2025, 10, 3), "Tag der Deutschen Einheit"},
                                  {D(2025, 12, 25), "1. Weihnachtstag"},
                                  {D(2025, 12, 26), "2. Weihnachtstag"}}},
                                {2026,
                                 {{D(2026, 1, 1), "Neujahr"},
                                  {D(2026, 4, 3), "Karfreitag"},
                                  {D(2026, 4, 6), "Ostermontag"},
                                  {D(2026, 5, 1), "Tag der Arbeit"},
                                  {D(2026, 5, 14), "Christi Himmelfahrt"},
                                  {D(2026, 5, 25), "Pfingstmontag"},
                                  {D(2026, 10, 3), "Tag der Deutschen Einheit"},
                                  {D(2026, 12, 25), "1. Weihnachtstag"},
                                  {D(2026, 12, 26), "2. Weihnachtstag"}}},
                                {2027,
                                 {{D(2027, 1, 1), "Neujahr"},
                                  {D(2027, 3, 26), "Karfreitag"},
                                  {D(2027, 3, 29), "Ostermontag"},
                                  {D(2027, 5, 1), "Tag der Arbeit"},
                                  {D(2027, 5, 6), "Christi Himmelfahrt"},
                                  {D(2027, 5, 17), "Pfingstmontag"},
                                  {D(2027, 10, 3), "Tag der Deutschen Einheit"},
                                  {D(2027, 12, 25), "1. Weihnachtstag"},
                                  {D(2027, 12, 26), "2. Weihnachtstag"}}},
                            });
}

TEST(BuiltinCalendars, GermanyReformationstagOnlyIn2017AndUnityDayFrom1990) {
  const std::shared_ptr<const BusinessCalendar> de = Get("DE");
  EXPECT_TRUE(de->IsHoliday(D(2017, 10, 31)));      // 500 years, a Tuesday
  EXPECT_TRUE(de->IsBusinessDay(D(2016, 10, 31)));  // a Monday
  EXPECT_TRUE(de->IsBusinessDay(D(2018, 10, 31)));  // a Wednesday
  EXPECT_TRUE(de->IsBusinessDay(D(1989, 10, 3)));   // a Tuesday
  EXPECT_TRUE(de->IsHoliday(D(1990, 10, 3)));       // a Wednesday
}

// --- GB ----------------------------------------------------------------------
// Source: gov.uk/bank-holidays, England and Wales (also the JSON feed
// https://www.gov.uk/bank-holidays.json, "england-and-wales" events), years
// 2018..2028. gov.uk writes "New Year’s Day" with a typographic apostrophe
// and marks substitute days in a "notes" field; relance writes "New Year's
// Day" and appends " (substitute day)" to the name.

TEST(BuiltinCalendars, EnglandAndWalesMatchesGovUk2024To2028) {
  ExpectOfficialYears("GB",
                      {
                          {2024,
                           {{D(2024, 1, 1), "New Year's Day"},
                            {D(2024, 3, 29), "Good Friday"},
                            {D(2024, 4, 1), "Easter Monday"},
                            {D(2024, 5, 6), "Early May bank holiday"},
                            {D(2024, 5, 27), "Spring bank holiday"},
                            {D(2024, 8, 26), "Summer bank holiday"},
                            {D(2024, 12, 25), "Christmas Day"},
                            {D(2024, 12, 26), "Boxing Day"}}},
                          {2025,
                           {{D(2025, 1, 1), "New Year's Day"},
                            {D(2025, 4, 18), "Good Friday"},
                            {D(2025, 4, 21), "Easter Monday"},
                            {D(2025, 5, 5), "Early May bank holiday"},
                            {D(2025, 5, 26), "Spring bank holiday"},
                            {D(2025, 8, 25), "Summer bank holiday"},
                            {D(2025, 12, 25), "Christmas Day"},
                            {D(2025, 12, 26), "Boxing Day"}}},
                          {2026,
                           {{D(2026, 1, 1), "New Year's Day"},
                            {D(2026, 4, 3), "Good Friday"},
                            {D(2026, 4, 6), "Easter Monday"},
                            {D(2026, 5, 4), "Early May bank holiday"},
                            {D(2026, 5, 25), "Spring bank holiday"},
                            {D(2026, 8, 31), "Summer bank holiday"},
                            {D(2026, 12, 25), "Christmas Day"},
                            {D(2026, 12, 28), "Boxing Day (substitute day)"}}},
                          {2027,
                           {{D(2027, 1, 1), "New Year's Day"},
                            {D(2027, 3, 26), "Good Friday"},
                            {D(2027, 3, 29), "Easter Monday"},
                            {D(2027, 5, 3), "Early May bank holiday"},
                            {D(2027, 5, 31), "Spring bank holiday"},
                            {D(2027, 8, 30), "Summer bank holiday"},
                            {D(2027, 12, 27), "Christmas Day (substitute day)"},
                            {D(2027, 12, 28), "Boxing Day (substitute day)"}}},
                          {2028,
                           {{D(2028, 1, 3), "New Year's Day (substitute day)"},
                            {D(2028, 4, 14), "Good Friday"},
                            {D(2028, 4, 17), "Easter Monday"},
                            {D(2028, 5, 1), "Early May bank holiday"},
                            {D(2028, 5, 29), "Spring bank holiday"},
                            {D(2028, 8, 28), "Summer bank holiday"},
                            {D(2028, 12, 25), "Christmas Day"},
                            {D(2028, 12, 26), "Boxing Day"}}},
                      });
}

TEST(BuiltinCalendars, EnglandAndWalesMatchesGovUk2018To2023) {
  // Moves (VE Day 2020, Platinum Jubilee 2022), substitute days (2020..2023)
  // and one-off bank holidays (2022, 2023).
  ExpectOfficialYears(
      "GB",
      {
          {2018,
           {{D(2018, 1, 1), "New Year's Day"},
            {D(2018, 3, 30), "Good Friday"},
            {D(2018, 4, 2), "Easter Monday"},
            {D(2018, 5, 7), "Early May bank holiday"},
            {D(2018, 5, 28), "Spring bank holiday"},
            {D(2018, 8, 27), "Summer bank holiday"},
            {D(2018, 12, 25), "Christmas Day"},
            {D(2018, 12, 26), "Boxing Day"}}},
          {2019,
           {{D(2019, 1, 1), "New Year's Day"},
            {D(2019, 4, 19), "Good Friday"},
            {D(2019, 4, 22), "Easter Monday"},
            {D(2019, 5, 6), "Early May bank holiday"},
            {D(2019, 5, 27), "Spring bank holiday"},
            {D(2019, 8, 26), "Summer bank holiday"},
            {D(2019, 12, 25), "Christmas Day"},
            {D(2019, 12, 26), "Boxing Day"}}},
          {2020,
           {{D(2020, 1, 1), "New Year's Day"},
            {D(2020, 4, 10), "Good Friday"},
            {D(2020, 4, 13), "Easter Monday"},
            {D(2020, 5, 8), "Early May bank holiday"},  // gov.uk: "(VE day)"
            {D(2020, 5, 25), "Spring bank holiday"},
            {D(2020, 8, 31), "Summer bank holiday"},
            {D(2020, 12, 25), "Christmas Day"},
            {D(2020, 12, 28), "Boxing Day (substitute day)"}}},
          {2021,
           {{D(2021, 1, 1), "New Year's Day"},
            {D(2021, 4, 2), "Good Friday"},
            {D(2021, 4, 5), "Easter Monday"},
            {D(2021, 5, 3), "Early May bank holiday"},
            {D(2021, 5, 31), "Spring bank holiday"},
            {D(2021, 8, 30), "Summer bank holiday"},
            {D(2021, 12, 27), "Christmas Day (substitute day)"},
            {D(2021, 12, 28), "Boxing Day (substitute day)"}}},
          {2022,
           {{D(2022, 1, 3), "New Year's Day (substitute day)"},
            {D(2022, 4, 15), "Good Friday"},
            {D(2022, 4, 18), "Easter Monday"},
            {D(2022, 5, 2), "Early May bank holiday"},
            {D(2022, 6, 2), "Spring bank holiday"},
            {D(2022, 6, 3), "Platinum Jubilee bank holiday"},
            {D(2022, 8, 29), "Summer bank holiday"},
            {D(2022, 9, 19),
             "Bank Holiday for the State Funeral of Queen Elizabeth II"},
            {D(2022, 12, 26), "Boxing Day"},
            {D(2022, 12, 27), "Christmas Day (substitute day)"}}},
          {2023,
           {{D(2023, 1, 2), "New Year's Day (substitute day)"},
            {D(2023, 4, 7), "Good Friday"},
            {D(2023, 4, 10), "Easter Monday"},
            {D(2023, 5, 1), "Early May bank holiday"},
            {D(2023, 5, 8),
             "Bank holiday for the coronation of King Charles III"},
            {D(2023, 5, 29), "Spring bank holiday"},
            {D(2023, 8, 28), "Summer bank holiday"},
            {D(2023, 12, 25), "Christmas Day"},
            {D(2023, 12, 26), "Boxing Day"}}},
      });
}

// Proclaimed changes to the England and Wales bank holidays (The London
// Gazette; listed by gov.uk's history of bank holidays).

TEST(BuiltinCalendars, EnglandAndWales1995EarlyMayMovedForVeDay) {
  // Early May moved to Monday 8 May 1995 (VE Day 50th), so 1 May was open.
  const std::shared_ptr<const BusinessCalendar> gb = Get("GB");
  EXPECT_TRUE(gb->IsHoliday(D(1995, 5, 8)));
  EXPECT_TRUE(gb->IsBusinessDay(D(1995, 5, 1)));
}

TEST(BuiltinCalendars, EnglandAndWalesMillenniumEve1999) {
  // 31 December 1999 (Millennium), a one-off.
  EXPECT_TRUE(Get("GB")->IsHoliday(D(1999, 12, 31)));
}

TEST(BuiltinCalendars, EnglandAndWales2002GoldenJubilee) {
  // Spring bank holiday moved to Tuesday 4 June 2002 with Monday 3 June the
  // Golden Jubilee; the usual last Monday of May, 27 May, was open.
  const std::shared_ptr<const BusinessCalendar> gb = Get("GB");
  EXPECT_TRUE(gb->IsHoliday(D(2002, 6, 3)));
  EXPECT_TRUE(gb->IsHoliday(D(2002, 6, 4)));
  EXPECT_TRUE(gb->IsBusinessDay(D(2002, 5, 27)));
}

TEST(BuiltinCalendars, EnglandAndWales2011RoyalWedding) {
  // Friday 29 April 2011 (Royal Wedding), a one-off.
  EXPECT_TRUE(Get("GB")->IsHoliday(D(2011, 4, 29)));
}

TEST(BuiltinCalendars, EnglandAndWales2012DiamondJubilee) {
  // Spring bank holiday moved to Monday 4 June 2012 with Tuesday 5 June the
  // Diamond Jubilee; the usual 28 May was open.
  const std::shared_ptr<const BusinessCalendar> gb = Get("GB");
  EXPECT_TRUE(gb->IsHoliday(D(2012, 6, 4)));
  EXPECT_TRUE(gb->IsHoliday(D(2012, 6, 5)));
  EXPECT_TRUE(gb->IsBusinessDay(D(2012, 5, 28)));
}

TEST(BuiltinCalendars, EnglandAndWalesMovedDaysLeaveTheUsualDayOpen) {
  // Early May moved to Friday 8 May 2020 (VE Day 75th) and Spring bank
  // holiday to Thursday 2 June 2022 (Platinum Jubilee): the usual Mondays,
  // 4 May 2020 and 30 May 2022, were working days (gov.uk lists).
  const std::shared_ptr<const BusinessCalendar> gb = Get("GB");
  EXPECT_TRUE(gb->IsBusinessDay(D(2020, 5, 4)));
  EXPECT_TRUE(gb->IsBusinessDay(D(2022, 5, 30)));
}

// --- US ----------------------------------------------------------------------
// Source: U.S. Office of Personnel Management, "Federal Holidays"
// (opm.gov/policy-data-oversight/pay-leave/federal-holidays), tables for
// 2023..2027, which apply 5 U.S.C. 6103: a holiday on a Saturday is observed
// the Friday before, on a Sunday the Monday after. Closures by executive
// order (e.g. 2025-01-09, 2025-12-24, 2025-12-26) are not in these tables and
// not in the calendar.

TEST(BuiltinCalendars, UnitedStatesMatchesOpmTables2023To2027) {
  ExpectOfficialYears(
      "US",
      {
          {2023,
           {{D(2023, 1, 2), "New Year's Day (observed)"},
            {D(2023, 1, 16), "Birthday of Martin Luther King, Jr."},
            {D(2023, 2, 20), "Washington's Birthday"},
            {D(2023, 5, 29), "Memorial Day"},
            {D(2023, 6, 19), "Juneteenth National Independence Day"},
            {D(2023, 7, 4), "Independence Day"},
            {D(2023, 9, 4), "Labor Day"},
            {D(2023, 10, 9), "Columbus Day"},
            {D(2023, 11, 10), "Veterans Day (observed)"},
            {D(2023, 11, 23), "Thanksgiving Day"},
            {D(2023, 12, 25), "Christmas Day"}}},
          {2024,
           {{D(2024, 1, 1), "New Year's Day"},
            {D(2024, 1, 15), "Birthday of Martin Luther King, Jr."},
            {D(2024, 2, 19), "Washington's Birthday"},
            {D(2024, 5, 27), "Memorial Day"},
            {D(2024, 6, 19), "Juneteenth National Independence Day"},
            {D(2024, 7, 4), "Independence Day"},
            {D(2024, 9, 2), "Labor Day"},
            {D(2024, 10, 14), "Columbus Day"},
            {D(2024, 11, 11), "Veterans Day"},
            {D(2024, 11, 28), "Thanksgiving Day"},
            {D(2024, 12, 25), "Christmas Day"}}},
          {2025,
           {{D(2025, 1, 1), "New Year's Day"},
            {D(2025, 1, 20), "Birthday of Martin Luther King, Jr."},
            {D(2025, 2, 17), "Washington's Birthday"},
            {D(2025, 5, 26), "Memorial Day"},
            {D(2025, 6, 19), "Juneteenth National Independence Day"},
            {D(2025, 7, 4), "Independence Day"},
            {D(2025, 9, 1), "Labor Day"},
            {D(2025, 10, 13), "Columbus Day"},
            {D(2025, 11, 11), "Veterans Day"},
            {D(2025, 11, 27), "Thanksgiving Day"},
            {D(2025, 12, 25), "Christmas Day"}}},
          {2026,
           {{D(2026, 1, 1), "New Year's Day"},
            {D(2026, 1, 19), "Birthday of Martin Luther King, Jr."},
            {D(2026, 2, 16), "Washington's Birthday"},
            {D(2026, 5, 25), "Memorial Day"},
            {D(2026, 6, 19), "Juneteenth National Independence Day"},
            {D(2026, 7, 3), "Independence Day (observed)"},
            {D(2026, 9, 7), "Labor Day"},
            {D(2026, 10, 12), "Columbus Day"},
            {D(2026, 11, 11), "Veterans Day"},
            {D(2026, 11, 26), "Thanksgiving Day"},
            {D(2026, 12, 25), "Christmas Day"}}},
          {2027,
           {{D(2027, 1, 1), "New Year's Day"},
            {D(2027, 1, 18), "Birthday of Martin Luther King, Jr."},
            {D(2027, 2, 15), "Washington's Birthday"},
            {D(2027, 5, 31), "Memorial Day"},
            {D(2027, 6, 18), "Juneteenth National Independence Day (observed)"},
            {D(2027, 7, 5), "Independence Day (observed)"},
            {D(2027, 9, 6), "Labor Day"},
            {D(2027, 10, 11), "Columbus Day"},
            {D(2027, 11, 11), "Veterans Day"},
            {D(2027, 11, 25), "Thanksgiving Day"},
            {D(2027, 12, 24), "Christmas Day (observed)"},
            // January 1, 2028 is a Saturday: OPM treats Friday, December 31,
            // 2027 as the New Year's Day holiday.
            {D(2027, 12, 31), "New Year's Day (observed)"}}},
      });
}

TEST(BuiltinCalendars, UnitedStatesObservesASaturdayHolidayOnTheFriday) {
  const std::shared_ptr<const BusinessCalendar> us = Get("US");
  // New Year's Day 2022 (Saturday) observed Friday 2021-12-31 (OPM 2021),
  // so 2022's list starts with Martin Luther King, Jr. Day, 17 January.
  EXPECT_TRUE(us->IsHoliday(D(2021, 12, 31)));
  EXPECT_EQ(us->Holidays(2022).front().date, D(2022, 1, 17));
}

TEST(BuiltinCalendars, UnitedStatesJuneteenthFrom2021) {
  const std::shared_ptr<const BusinessCalendar> us = Get("US");
  // Juneteenth from 2021 (Pub. L. 117-17), first observed Friday 2021-06-18.
  EXPECT_TRUE(us->IsHoliday(D(2021, 6, 18)));
  EXPECT_TRUE(us->IsBusinessDay(D(2020, 6, 19)));
}

TEST(BuiltinCalendars, UnitedStatesMartinLutherKingDayFrom1986) {
  const std::shared_ptr<const BusinessCalendar> us = Get("US");
  // Martin Luther King, Jr. Day from 1986 (Pub. L. 98-144).
  EXPECT_TRUE(us->IsBusinessDay(D(1985, 1, 21)));
  EXPECT_TRUE(us->IsHoliday(D(1986, 1, 20)));
}

TEST(BuiltinCalendars, UnitedStatesVeteransDayInOctober1971To1977) {
  const std::shared_ptr<const BusinessCalendar> us = Get("US");
  // Veterans Day on the 4th Monday of October 1971..1977 (Pub. L. 90-363),
  // back on 11 November from 1978 (Pub. L. 94-97).
  EXPECT_TRUE(us->IsHoliday(D(1975, 10, 27)));
  EXPECT_TRUE(us->IsBusinessDay(D(1975, 11, 11)));
  EXPECT_TRUE(us->IsHoliday(D(1980, 11, 11)));
}

TEST(BuiltinCalendars, UnitedStatesWashingtonsBirthdayMovedToAMondayIn1971) {
  const std::shared_ptr<const BusinessCalendar> us = Get("US");
  // Washington's Birthday on 22 February before 1971, then the third Monday
  // of February (Pub. L. 90-363): Monday 15 February 1971.
  EXPECT_TRUE(us->IsHoliday(D(1968, 2, 22)));
  EXPECT_TRUE(us->IsHoliday(D(1971, 2, 15)));
}

// --- TARGET ------------------------------------------------------------------
// Source: ECB, TARGET2 / T2 closing days ("TARGET2 is open every day, with
// the exception of Saturdays, Sundays, New Year's Day, Good Friday and Easter
// Monday, 1 May, Christmas Day and 26 December"; ECB press release of
// 14 December 2000), 2024..2027. Closing days on a weekend are listed
// (1 May 2027, 25-26 December 2027): there are no substitutes.

TEST(BuiltinCalendars, TargetMatchesEcbClosingDays2024To2027) {
  ExpectOfficialYears("TARGET", {
                                    {2024,
                                     {{D(2024, 1, 1), "New Year's Day"},
                                      {D(2024, 3, 29), "Good Friday"},
                                      {D(2024, 4, 1), "Easter Monday"},
                                      {D(2024, 5, 1), "Labour Day"},
                                      {D(2024, 12, 25), "Christmas Day"},
                                      {D(2024, 12, 26), "26 December"}}},
                                    {2025,
                                     {{D(2025, 1, 1), "New Year's Day"},
                                      {D(2025, 4, 18), "Good Friday"},
                                      {D(2025, 4, 21), "Easter Monday"},
                                      {D(2025, 5, 1), "Labour Day"},
                                      {D(2025, 12, 25), "Christmas Day"},
                                      {D(2025, 12, 26), "26 December"}}},
                                    {2026,
                                     {{D(2026, 1, 1), "New Year's Day"},
                                      {D(2026, 4, 3), "Good Friday"},
                                      {D(2026, 4, 6), "Easter Monday"},
                                      {D(2026, 5, 1), "Labour Day"},
                                      {D(2026, 12, 25), "Christmas Day"},
                                      {D(2026, 12, 26), "26 December"}}},
                                    {2027,
                                     {{D(2027, 1, 1), "New Year's Day"},
                                      {D(2027, 3, 26), "Good Friday"},
                                      {D(2027, 3, 29), "Easter Monday"},
                                      {D(2027, 5, 1), "Labour Day"},
                                      {D(2027, 12, 25), "Christmas Day"},
                                      {D(2027, 12, 26), "26 December"}}},
                                });
}

TEST(BuiltinCalendars, Target1999ClosedOnNewYearChristmasAndMillenniumEve) {
  const std::shared_ptr<const BusinessCalendar> target = Get("TARGET");
  // 1999: closed only on 1 January and 25 December (ECB press release
  // 3 September 1998) plus 31 December 1999 (press release 31 March 1999).
  EXPECT_TRUE(target->IsBusinessDay(D(1999, 4, 2)));  // Good Friday
  EXPECT_TRUE(target->IsBusinessDay(D(1999, 4, 5)));  // Easter Monday
  EXPECT_TRUE(target->IsHoliday(D(1999, 12, 31)));
}

TEST(BuiltinCalendars, TargetSixClosingDaysFrom2000) {
  const std::shared_ptr<const BusinessCalendar> target = Get("TARGET");
  // From 2000 the six closing days (press release 15 July 1999).
  EXPECT_TRUE(target->IsHoliday(D(2000, 4, 21)));  // Good Friday
  EXPECT_TRUE(target->IsHoliday(D(2000, 5, 1)));
  EXPECT_TRUE(target->IsHoliday(D(2000, 12, 26)));
}

TEST(BuiltinCalendars, TargetChangeoverClosuresIn1998And2001Only) {
  const std::shared_ptr<const BusinessCalendar> target = Get("TARGET");
  // Changeover closures on 31 December 1998 and 2001, not later years.
  EXPECT_TRUE(target->IsHoliday(D(1998, 12, 31)));
  EXPECT_TRUE(target->IsHoliday(D(2001, 12, 31)));
  EXPECT_TRUE(target->IsBusinessDay(D(2002, 12, 31)));
  EXPECT_TRUE(target->IsBusinessDay(D(2026, 12, 31)));
}

// --- All calendars -----------------------------------------------------------

TEST(BuiltinCalendars, ListingAgreesWithThePrecomputedBitmapEveryYear) {
  // Holidays(year) is computed from the rules on demand; IsHoliday reads the
  // bitmap built at construction. They must agree for 1900..2199.
  for (const std::string& code : BuiltinCalendarCodes()) {
    const std::shared_ptr<const BusinessCalendar> cal = Get(code);
    for (int year = BusinessCalendar::kFirstPrecomputedYear;
         year <= BusinessCalendar::kLastPrecomputedYear; ++year) {
      std::set<Date> listed;
      for (const Holiday& holiday : cal->Holidays(year)) {
        listed.insert(holiday.date);
      }
      for (Date day = D(year, 1, 1); day <= D(year, 12, 31); day += Days{1}) {
        ASSERT_EQ(cal->IsHoliday(day), listed.count(day) == 1)
            << code << " " << FormatDate(day);
      }
    }
  }
}

TEST(BuiltinCalendars, FarFutureYearsComeFromTheRules) {
  // Easter 2285 is 22 March (ASSA table): Good Friday 20 March, Easter Monday
  // 23 March. 2300: Christmas on a Tuesday, Boxing Day on a Wednesday.
  EXPECT_TRUE(Get("DE")->IsHoliday(D(2285, 3, 20)));
  EXPECT_TRUE(Get("FR")->IsHoliday(D(2285, 3, 23)));
  EXPECT_EQ(Get("TARGET")->Holidays(2285).size(), 6u);
  EXPECT_TRUE(Get("GB")->IsHoliday(D(2300, 12, 26)));
  EXPECT_TRUE(Get("GB")->IsHoliday(D(2300, 12, 25)));
  // US: 4 July 2300 is a Wednesday.
  EXPECT_TRUE(Get("US")->IsHoliday(D(2300, 7, 4)));
}

}  // namespace
}  // namespace relance
