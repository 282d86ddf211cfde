// The built-in calendars, as data in the JSON schema of
// BusinessCalendar::FromJson (docs/calendars.md). Sources and simplifications
// are documented in relance/builtin_calendars.hpp and next to each definition.
#include "relance/builtin_calendars.hpp"

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/calendar.hpp"
#include "relance/internal/quote.hpp"

namespace relance {
namespace {

// France. Code du travail, article L3133-1: "Les fêtes légales ci-après
// désignées sont des jours fériés : 1° Le 1er janvier ; 2° Le lundi de
// Pâques ; 3° Le 1er mai ; 4° Le 8 mai ; 5° L'Ascension ; 6° Le lundi de
// Pentecôte ; 7° Le 14 juillet ; 8° L'Assomption ; 9° La Toussaint ;
// 10° Le 11 novembre ; 11° Le jour de Noël." Names as on service-public.fr
// ("Jours fériés"). 14 July is a holiday since the law of 6 July 1880,
// 11 November since the law of 24 October 1922, 8 May again since loi
// n° 81-893 of 2 October 1981. No substitute days in France.
constexpr std::string_view kFrance = R"json({
  "code": "FR",
  "name": "France: jours fériés (Code du travail L3133-1)",
  "weekend": ["saturday", "sunday"],
  "holidays": [
    {"name": "Jour de l'an", "month": 1, "day": 1},
    {"name": "Lundi de Pâques", "easter_offset": 1},
    {"name": "Fête du Travail", "month": 5, "day": 1},
    {"name": "Victoire 1945", "month": 5, "day": 8, "from_year": 1982},
    {"name": "Ascension", "easter_offset": 39},
    {"name": "Lundi de Pentecôte", "easter_offset": 50},
    {"name": "Fête nationale", "month": 7, "day": 14, "from_year": 1880},
    {"name": "Assomption", "month": 8, "day": 15},
    {"name": "Toussaint", "month": 11, "day": 1},
    {"name": "Armistice 1918", "month": 11, "day": 11, "from_year": 1922},
    {"name": "Noël", "month": 12, "day": 25}
  ]
})json";

// Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle). Code du travail, article
// L3134-13 adds to the national list "le Vendredi saint dans les communes
// ayant un temple protestant ou une église mixte" and "le second jour de
// Noël" (Saint-Étienne, 26 December). Good Friday is applied to the whole
// territory, as employers there commonly do.
constexpr std::string_view kFranceAlsaceMoselle = R"json({
  "code": "FR-ALSACE-MOSELLE",
  "name": "France, Alsace-Moselle: jours fériés (Code du travail L3133-1 et L3134-13)",
  "base": "FR",
  "holidays": [
    {"name": "Vendredi saint", "easter_offset": -2},
    {"name": "Saint-Étienne", "month": 12, "day": 26}
  ]
})json";

// Germany. Public holidays are set by the Länder; these nine are holidays in
// all sixteen (Bundesministerium des Innern, "Feiertage"), and 3 October is
// the one set by federal law (Einigungsvertrag, Art. 2 Abs. 2, from 1990).
// Reformationstag 2017 (500th anniversary of the Reformation) was a one-time
// holiday in every Land.
constexpr std::string_view kGermany = R"json({
  "code": "DE",
  "name": "Germany: bundeseinheitliche Feiertage",
  "weekend": ["saturday", "sunday"],
  "holidays": [
    {"name": "Neujahr", "month": 1, "day": 1},
    {"name": "Karfreitag", "easter_offset": -2},
    {"name": "Ostermontag", "easter_offset": 1},
    {"name": "Tag der Arbeit", "month": 5, "day": 1},
    {"name": "Christi Himmelfahrt", "easter_offset": 39},
    {"name": "Pfingstmontag", "easter_offset": 50},
    {"name": "Tag der Deutschen Einheit", "month": 10, "day": 3, "from_year": 1990},
    {"name": "1. Weihnachtstag", "month": 12, "day": 25},
    {"name": "2. Weihnachtstag", "month": 12, "day": 26},
    {"name": "Reformationstag (500. Jahrestag der Reformation)", "date": "2017-10-31"}
  ]
})json";

// England and Wales. Banking and Financial Dealings Act 1971, Schedule 1,
// plus royal proclamations; the list published on gov.uk/bank-holidays.
// A bank holiday on a weekend is replaced by a "substitute day", the next
// weekday that is not already a bank holiday. Moves: Early May to 8 May in
// 1995 and 2020 (VE Day anniversaries); Spring bank holiday to 4 June 2002
// (Golden Jubilee), 4 June 2012 (Diamond Jubilee), 2 June 2022 (Platinum
// Jubilee). One-off bank holidays as proclaimed.
constexpr std::string_view kGreatBritain = R"json({
  "code": "GB",
  "name": "United Kingdom: England and Wales bank holidays",
  "weekend": ["saturday", "sunday"],
  "holidays": [
    {"name": "New Year's Day", "month": 1, "day": 1,
     "observance": "next-free-business-day", "from_year": 1974},
    {"name": "Good Friday", "easter_offset": -2},
    {"name": "Easter Monday", "easter_offset": 1},
    {"name": "Early May bank holiday", "month": 5, "weekday": "monday", "nth": 1,
     "from_year": 1978,
     "moves": [{"year": 1995, "date": "1995-05-08"},
               {"year": 2020, "date": "2020-05-08"}]},
    {"name": "Spring bank holiday", "month": 5, "weekday": "monday", "nth": -1,
     "from_year": 1971,
     "moves": [{"year": 2002, "date": "2002-06-04"},
               {"year": 2012, "date": "2012-06-04"},
               {"year": 2022, "date": "2022-06-02"}]},
    {"name": "Summer bank holiday", "month": 8, "weekday": "monday", "nth": -1,
     "from_year": 1971},
    {"name": "Christmas Day", "month": 12, "day": 25,
     "observance": "next-free-business-day"},
    {"name": "Boxing Day", "month": 12, "day": 26,
     "observance": "next-free-business-day"},
    {"name": "Millennium bank holiday", "date": "1999-12-31"},
    {"name": "Golden Jubilee bank holiday", "date": "2002-06-03"},
    {"name": "Royal wedding bank holiday", "date": "2011-04-29"},
    {"name": "Diamond Jubilee bank holiday", "date": "2012-06-05"},
    {"name": "Platinum Jubilee bank holiday", "date": "2022-06-03"},
    {"name": "Bank Holiday for the State Funeral of Queen Elizabeth II", "date": "2022-09-19"},
    {"name": "Bank holiday for the coronation of King Charles III", "date": "2023-05-08"}
  ]
})json";

// United States. 5 U.S.C. 6103(a) lists the legal public holidays; OPM
// publishes the observed dates ("Federal Holidays"). A holiday on a Saturday
// is observed on the Friday before, on a Sunday on the Monday after
// (5 U.S.C. 6103(b), Executive Order 11582). Monday holidays since the
// Uniform Monday Holiday Act (Pub. L. 90-363, effective 1971); Veterans Day
// back on 11 November from 1978 (Pub. L. 94-97); Martin Luther King, Jr.'s
// birthday from 1986 (Pub. L. 98-144); Juneteenth from 2021 (Pub. L. 117-17).
constexpr std::string_view kUnitedStates = R"json({
  "code": "US",
  "name": "United States: federal holidays (5 U.S.C. 6103)",
  "weekend": ["saturday", "sunday"],
  "holidays": [
    {"name": "New Year's Day", "month": 1, "day": 1, "observance": "nearest-weekday"},
    {"name": "Birthday of Martin Luther King, Jr.", "month": 1, "weekday": "monday",
     "nth": 3, "from_year": 1986},
    {"name": "Washington's Birthday", "month": 2, "day": 22,
     "observance": "nearest-weekday", "to_year": 1970},
    {"name": "Washington's Birthday", "month": 2, "weekday": "monday", "nth": 3,
     "from_year": 1971},
    {"name": "Memorial Day", "month": 5, "day": 30, "observance": "nearest-weekday",
     "to_year": 1970},
    {"name": "Memorial Day", "month": 5, "weekday": "monday", "nth": -1,
     "from_year": 1971},
    {"name": "Juneteenth National Independence Day", "month": 6, "day": 19,
     "observance": "nearest-weekday", "from_year": 2021},
    {"name": "Independence Day", "month": 7, "day": 4, "observance": "nearest-weekday"},
    {"name": "Labor Day", "month": 9, "weekday": "monday", "nth": 1},
    {"name": "Columbus Day", "month": 10, "weekday": "monday", "nth": 2,
     "from_year": 1971},
    {"name": "Veterans Day", "month": 11, "day": 11, "observance": "nearest-weekday",
     "to_year": 1970},
    {"name": "Veterans Day", "month": 10, "weekday": "monday", "nth": 4,
     "from_year": 1971, "to_year": 1977},
    {"name": "Veterans Day", "month": 11, "day": 11, "observance": "nearest-weekday",
     "from_year": 1978},
    {"name": "Thanksgiving Day", "month": 11, "weekday": "thursday", "nth": 4,
     "from_year": 1942},
    {"name": "Christmas Day", "month": 12, "day": 25, "observance": "nearest-weekday"}
  ]
})json";

// TARGET (TARGET2, now T2), the Eurosystem's real-time gross settlement
// system. ECB press release of 14 December 2000 ("Long-term calendar for
// TARGET closing days"): closed, besides Saturdays and Sundays, on New
// Year's Day, Good Friday, Easter Monday, 1 May, Christmas Day and
// 26 December; the same six days from 2000 (ECB press release 15 July 1999,
// "TARGET closing days in 2000"). In 1999 only 1 January and 25 December
// (ECB press release 3 September 1998). 31 December closures: 1998 (the euro
// changeover weekend), 1999 (ECB press release 31 March 1999, Year 2000) and
// 2001 (euro cash changeover).
constexpr std::string_view kTarget = R"json({
  "code": "TARGET",
  "name": "TARGET2 / T2 closing days (euro interbank settlement)",
  "weekend": ["saturday", "sunday"],
  "holidays": [
    {"name": "New Year's Day", "month": 1, "day": 1},
    {"name": "Good Friday", "easter_offset": -2, "from_year": 2000},
    {"name": "Easter Monday", "easter_offset": 1, "from_year": 2000},
    {"name": "Labour Day", "month": 5, "day": 1, "from_year": 2000},
    {"name": "Christmas Day", "month": 12, "day": 25},
    {"name": "26 December", "month": 12, "day": 26, "from_year": 2000},
    {"name": "Closing day (euro changeover)", "date": "1998-12-31"},
    {"name": "Closing day (Year 2000 changeover)", "date": "1999-12-31"},
    {"name": "Closing day (euro cash changeover)", "date": "2001-12-31"}
  ]
})json";

struct Builtin {
  std::string_view code;
  std::string_view json;
};

constexpr std::array<Builtin, 6> kBuiltins = {{
    {"FR", kFrance},
    {"FR-ALSACE-MOSELLE", kFranceAlsaceMoselle},
    {"DE", kGermany},
    {"GB", kGreatBritain},
    {"US", kUnitedStates},
    {"TARGET", kTarget},
}};

char AsciiUpper(char ch) {
  return (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
}

std::optional<size_t> FindBuiltin(std::string_view code) {
  for (size_t i = 0; i < kBuiltins.size(); ++i) {
    const std::string_view known = kBuiltins[i].code;
    if (known.size() != code.size()) continue;
    bool equal = true;
    for (size_t k = 0; k < known.size() && equal; ++k) {
      equal = AsciiUpper(code[k]) == known[k];
    }
    if (equal) return i;
  }
  return std::nullopt;
}

absl::Status NotFound(std::string_view code) {
  std::string known;
  for (const Builtin& builtin : kBuiltins) {
    if (!known.empty()) known += ", ";
    known += builtin.code;
  }
  return absl::NotFoundError(absl::StrCat("built-in calendar ",
                                          internal::QuoteForMessage(code),
                                          " not found; known codes: ", known));
}

using SharedCalendar = absl::StatusOr<std::shared_ptr<const BusinessCalendar>>;

SharedCalendar Compile(size_t index) {
  absl::StatusOr<BusinessCalendar> calendar =
      BusinessCalendar::FromJson(kBuiltins[index].json);
  if (!calendar.ok()) {
    // A bug in the definitions above; the tests load every calendar.
    return absl::InternalError(
        absl::StrCat("built-in calendar ", std::string(kBuiltins[index].code),
                     ": ", std::string(calendar.status().message())));
  }
  return std::make_shared<const BusinessCalendar>(*std::move(calendar));
}

// Each calendar is compiled once, on first use, into an immutable object
// (function-local statics: thread-safe initialisation, never modified).
SharedCalendar Get(size_t index) {
  switch (index) {
    case 0: {
      static const SharedCalendar* const calendar =
          new SharedCalendar(Compile(0));
      return *calendar;
    }
    case 1: {
      static const SharedCalendar* const calendar =
          new SharedCalendar(Compile(1));
      return *calendar;
    }
    case 2: {
      static const SharedCalendar* const calendar =
          new SharedCalendar(Compile(2));
      return *calendar;
    }
    case 3: {
      static const SharedCalendar* const calendar =
          new SharedCalendar(Compile(3));
      return *calendar;
    }
    case 4: {
      static const SharedCalendar* const calendar =
          new SharedCalendar(Compile(4));
      return *calendar;
    }
    case 5: {
      static const SharedCalendar* const calendar =
          new SharedCalendar(Compile(5));
      return *calendar;
    }
    default:
      break;
  }
  return absl::InternalError("built-in calendar index out of range");
}

static_assert(kBuiltins.size() == 6, "update Get() with the new calendar");

}  // namespace

absl::StatusOr<std::shared_ptr<const BusinessCalendar>> BuiltinCalendar(
    std::string_view code) {
  const std::optional<size_t> index = FindBuiltin(code);
  if (!index.has_value()) return NotFound(code);
  return Get(*index);
}

std::vector<std::string> BuiltinCalendarCodes() {
  std::vector<std::string> codes;
  for (const Builtin& builtin : kBuiltins) codes.emplace_back(builtin.code);
  return codes;
}

absl::StatusOr<std::string_view> BuiltinCalendarJson(std::string_view code) {
  const std::optional<size_t> index = FindBuiltin(code);
  if (!index.has_value()) return NotFound(code);
  return kBuiltins[*index].json;
}

}  // namespace relance
