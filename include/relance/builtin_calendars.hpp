// relance/builtin_calendars.hpp
// -----------------------------------------------------------------------------
// The business calendars relance ships with.
//
// Each built-in calendar is defined as data, in the same JSON schema hosts use
// for their own calendars (docs/calendars.md); `BuiltinCalendarJson` returns
// that definition. Easter-based holidays are computed (relance/easter.hpp),
// never tabled, so the calendars do not expire. Each calendar is tested
// against its official list for 2024..2027 (tests/builtin_calendars_test.cpp).
//
//   FR                 France, the 11 national jours fériés.
//                      Code du travail art. L3133-1; service-public.fr.
//   FR-ALSACE-MOSELLE  Bas-Rhin, Haut-Rhin, Moselle: FR plus Vendredi saint
//                      and Saint-Étienne (26 December).
//                      Code du travail art. L3134-13.
//   DE                 Germany, the 9 holidays common to all 16 Länder, plus
//                      Reformationstag 2017. Bundesministerium des Innern;
//                      3 October by federal law (Einigungsvertrag Art. 2).
//   GB                 England and Wales bank holidays, with substitute days
//                      and one-off ones. gov.uk/bank-holidays; Banking and
//                      Financial Dealings Act 1971.
//   US                 US federal holidays, observed on the nearest weekday.
//                      5 U.S.C. 6103; OPM "Federal Holidays".
//   TARGET             TARGET2 / T2 closing days (euro interbank payments).
//                      ECB press release of 14 December 2000.
//
// Scope and simplifications (each documented again next to its rules in
// src/builtin_calendars.cpp):
//   - FR: the national list. Lundi de Pentecôte is listed although many firms
//     work it as the "journée de solidarité" (Code du travail L3133-7); remove
//     it with `WithoutDates` if needed. Victoire 1945 counts from 1982
//     (loi n° 81-893); earlier periods are not modelled.
//   - FR-ALSACE-MOSELLE: Good Friday is a holiday by law only in communes with
//     a Protestant church or a mixed church; as in practice, it is applied to
//     the whole territory.
//   - DE: regional holidays (Heilige Drei Könige, Fronleichnam,
//     Reformationstag, Allerheiligen, ...) are not included; Tag der Deutschen
//     Einheit counts from 1990; West Germany's 17 June (to 1990) and Buß- und
//     Bettag (national to 1994) are not modelled.
//   - GB: rules start when the Banking and Financial Dealings Act 1971 (and
//     later proclamations) created them: Spring and Summer bank holidays
//     1971, New Year's Day 1974, Early May 1978. One-off bank holidays and
//     moves from 1995 on are included; earlier ones (1973, 1977, 1981) are
//     not modelled.
//   - US: one-off closures by executive order (e.g. a national day of
//     mourning, Christmas Eve in some years) are not included: add them with
//     `WithHolidays`. Inauguration Day (Washington, D.C. area only) is not
//     included. New Year's Day on a Saturday is observed on the Friday before,
//     in the previous year (OPM), unlike many financial-market calendars.
//     Before 1971 (Uniform Monday Holiday Act): Washington's Birthday on 22
//     February, Memorial Day on 30 May, Veterans Day on 11 November; Veterans
//     Day was the 4th Monday of October in 1971..1977. Thanksgiving counts
//     from 1942 (the 4th Thursday by law); Columbus Day before 1971 and the
//     pre-1971 Saturday observance are not modelled: the US calendar is
//     meant for dates from 1971 on.
//   - TARGET: the system opened in 1999. Good Friday, Easter Monday, 1 May and
//     26 December close it from 2000 on; 31 December was an extra closing
//     day in 1998 (changeover weekend), 1999 (Year 2000) and 2001 (euro cash
//     changeover).
//
// Calendars are compiled on first use and then shared: the returned pointer
// is to an immutable calendar, safe to use from any thread. To change one,
// derive a new calendar (`WithHolidays`, `WithoutDates`, ...).
//
// Example:
//
//   absl::StatusOr<std::shared_ptr<const relance::BusinessCalendar>> us =
//       relance::BuiltinCalendar("US");
//   if (!us.ok()) return us.status();
//   for (const relance::Holiday& h : (*us)->Holidays(2026)) {
//     std::cout << h << "\n";   // ... 2026-07-03 Independence Day (observed)
//   }
#ifndef RELANCE_BUILTIN_CALENDARS_HPP_
#define RELANCE_BUILTIN_CALENDARS_HPP_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/calendar.hpp"
#include "relance/export.hpp"

namespace relance {

// The built-in calendar with this code. Codes are matched ignoring ASCII
// case ("fr" finds "FR").
// Errors: kNotFound naming the code and listing the known codes, e.g.
//   `built-in calendar "XX" not found; known codes: FR, FR-ALSACE-MOSELLE, DE,
//   GB, US, TARGET`.
[[nodiscard]] RELANCE_API
    absl::StatusOr<std::shared_ptr<const BusinessCalendar>>
    BuiltinCalendar(std::string_view code);

// The codes of the built-in calendars, in the order listed above.
[[nodiscard]] RELANCE_API std::vector<std::string> BuiltinCalendarCodes();

// The JSON definition of a built-in calendar (the schema of
// `BusinessCalendar::FromJson`), e.g. to print it or to start a host's own
// calendar from it. Errors: as BuiltinCalendar.
[[nodiscard]] RELANCE_API absl::StatusOr<std::string_view> BuiltinCalendarJson(
    std::string_view code);

}  // namespace relance

#endif  // RELANCE_BUILTIN_CALENDARS_HPP_
