// relance/language.hpp
// -----------------------------------------------------------------------------
// The languages letters are written in, and how amounts, dates and counts
// read in each, without the machine's locale.
//
// A `Language` is French or English. Its conventions are written here and in
// src/language.cpp as fixed tables: nothing reads the C or C++ locale, the
// environment or a clock, so a letter reads the same on every machine.
//
// The conventions, and where they come from:
//
//   French (fr, as in France): CLDR 48 locale "fr" (Unicode Common Locale
//   Data Repository, cldr-json main/fr/numbers.json and ca-gregorian.json;
//   checked against ICU 78's formatting of fr-FR). Amounts: digits grouped by
//   three with U+202F NARROW NO-BREAK SPACE (CLDR "group" since CLDR 34; the
//   Imprimerie nationale's "espace fine insécable"), decimal comma, then
//   U+00A0 NO-BREAK SPACE and the symbol: "1 234,56 €" (pattern
//   "#,##0.00 ¤"). Dates: day, month name in lower case, year:
//   "15 janvier 2026"; the first day of a month is written with the ordinal
//   "1er" ("1er janvier 2026"), as the Lexique des règles typographiques en
//   usage à l'Imprimerie nationale and Hanse's Nouveau dictionnaire des
//   difficultés du français moderne prescribe, and as Légifrance writes
//   dates (CLDR itself writes "1 janvier 2026": relance follows the
//   typographers here, on purpose).
//
//   English (en, with British conventions, en-GB: relance's English
//   jurisdiction is the United Kingdom): CLDR 48 locale "en-GB". Amounts:
//   the symbol first, no space, digits grouped by three with ',', decimal
//   point: "€1,234.56", "£1,234.56". Dates: "15 January 2026" (day month
//   year, no ordinal suffix; en-US would write "January 15, 2026").
//
//   Currency symbols (CLDR 48 main/fr and main/en-GB currencies.json), for a
//   short list of currencies; every other currency is written with its
//   ISO 4217 code, which is never ambiguous:
//
//     currency   French          English
//     EUR        1 234,56 €      €1,234.56
//     GBP        1 234,56 £GB    £1,234.56
//     USD        1 234,56 $US    US$1,234.56
//     JPY        1 234 JPY       JP¥1,234
//     other      1 234,56 CHF    CHF 1,234.56   (U+00A0 between code and
//                                               digits in both languages)
//
//   A code (letters) written before the digits is separated from them by
//   U+00A0 (CLDR currencySpacing "insertBetween"); a symbol is not.
//   Negative amounts take a leading '-' (U+002D HYPHEN-MINUS, CLDR
//   "minusSign" for both): "-1 234,56 €", "-£1,234.56", "-CHF 1,234.56".
//   The digits after the decimal separator are exactly the currency's minor
//   digits: "1 234 JPY", "1 234,567 KWD", "KWD 1,234.567".
//
// Example:
//
//   absl::StatusOr<Language> fr = ParseLanguage("fr");
//   FormatMoney(*Money::Parse("1234.56 EUR"), *fr);   // "1 234,56 €"
//   FormatLongDate(MakeDate(2026, 1, 1), *fr);        // "1er janvier 2026"
//   FormatDayCount(15, Language::kEnglish);           // "15 days"
//
// The spaces in these examples are U+202F and U+00A0 in the output; tests
// spell them out as escapes.
#ifndef RELANCE_LANGUAGE_HPP_
#define RELANCE_LANGUAGE_HPP_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "relance/currency.hpp"
#include "relance/date.hpp"
#include "relance/export.hpp"
#include "relance/money.hpp"

namespace relance {

// A language letters are written in.
enum class Language {
  kFrench,   // "fr": French as written in France
  kEnglish,  // "en": English with British conventions (en-GB)
};

// Parses a language code: exactly "fr" or "en" (lower case; no region such
// as "fr-FR": a region would promise conventions relance does not have).
// Errors: kInvalidArgument quoting the text, e.g.
// `language "de": expected one of fr, en`.
[[nodiscard]] RELANCE_API absl::StatusOr<Language> ParseLanguage(
    std::string_view code);

// "fr" or "en": parses back with ParseLanguage.
[[nodiscard]] RELANCE_API std::string_view LanguageCode(Language language);

// Writes LanguageCode(language).
RELANCE_API std::ostream& operator<<(std::ostream& os, Language language);

// The symbol `currency` is written with in `language` ("€", "£GB", "US$"),
// or its ISO 4217 code when the table above lists none ("CHF"). Never empty.
[[nodiscard]] RELANCE_API std::string CurrencySymbol(Currency currency,
                                                     Language language);

// `money` as a person reads it in `language`, with the currency's symbol or
// code placed and spaced as the table above says: "1 234,56 €" (French),
// "€1,234.56" (English), "-CHF 1,234.56", "1 234 JPY". Exact: the minor
// units are written digit by digit, never through floating point. Never
// fails (every Money is within the bound; "XXX", the currency of a default
// Money, is written as a code like any other).
[[nodiscard]] RELANCE_API std::string FormatMoney(Money money,
                                                  Language language);

// An integer with the language's digit grouping: "1 234 567" (French,
// U+202F between groups), "1,234,567" (English); "-5". CLDR groups every
// number of four digits or more in both (minimumGroupingDigits 1): "1 234",
// "1,234".
[[nodiscard]] RELANCE_API std::string FormatInteger(int64_t value,
                                                    Language language);

// The name of `month` (1..12) in `language`, as written inside a date: lower
// case in French ("janvier", "août", "décembre"), capitalised in English
// ("January"). Precondition: 1 <= month <= 12 (debug builds assert; other
// values give "?").
[[nodiscard]] RELANCE_API std::string_view MonthName(unsigned month,
                                                     Language language);

// `date` in long form: "15 janvier 2026", "1er janvier 2026" (French),
// "15 January 2026", "1 January 2026" (English). The year is written in full
// without grouping ("2026", "987"). For dates within kMinDate..kMaxDate
// (years 1..9999); outside, the result is unspecified but never crashes.
[[nodiscard]] RELANCE_API std::string FormatLongDate(Date date,
                                                     Language language);

// The grammatical number a count takes (CLDR plural rules for cardinals, on
// the absolute value of an integer):
//   French: kOne for 0 and 1 ("0 jour", "1 jour"), kOther otherwise;
//   English: kOne for 1 only ("1 day", "0 days"), kOther otherwise.
enum class PluralForm { kOne, kOther };
[[nodiscard]] RELANCE_API PluralForm PluralFormOf(int64_t count,
                                                  Language language);

// A number of days with its noun: "1 jour", "0 jour", "15 jours",
// "1 234 jours" (French), "1 day", "0 days", "15 days" (English). The
// number is grouped as FormatInteger; between number and noun, in French a
// U+00A0 NO-BREAK SPACE (a number is never split from its unit), in English
// a plain space. Negative counts keep their sign: "-3 jours", "-1 day".
[[nodiscard]] RELANCE_API std::string FormatDayCount(int64_t days,
                                                     Language language);

}  // namespace relance

#endif  // RELANCE_LANGUAGE_HPP_
