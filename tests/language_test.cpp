#include "relance/language.hpp"

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::CurrencyOf;
using ::relance::testing::D;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::M;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

// The two spaces of the conventions, spelled out so that a reader sees them
// (language.hpp cites CLDR 48, locale "fr": group U+202F, and U+00A0
// between the digits and the currency symbol).
#define NNBSP "\u202F"
#define NBSP "\u00A0"

constexpr Language kFr = Language::kFrench;
constexpr Language kEn = Language::kEnglish;

TEST(Language, ParsesTheTwoCodesAndPrintsThemBack) {
  EXPECT_THAT(ParseLanguage("fr"), IsOkAndHolds(kFr));
  EXPECT_THAT(ParseLanguage("en"), IsOkAndHolds(kEn));
  EXPECT_EQ(LanguageCode(kFr), "fr");
  EXPECT_EQ(LanguageCode(kEn), "en");
  std::ostringstream os;
  os << kFr << " " << kEn;
  EXPECT_EQ(os.str(), "fr en");
}

TEST(Language, RefusesOtherCodesNamingThem) {
  EXPECT_THAT(ParseLanguage("de"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("language \"de\": expected one of fr, en")));
  // A region or another case would promise conventions relance lacks.
  EXPECT_THAT(
      ParseLanguage("fr-FR"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("\"fr-FR\"")));
  EXPECT_THAT(ParseLanguage("EN"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseLanguage(""), StatusIs(absl::StatusCode::kInvalidArgument));
}

// CLDR 48 fr: "#,##0.00 ¤", group U+202F, decimal ',', U+00A0 before ¤
// (ICU 78 formats fr-FR 1234.56 EUR as 1<U+202F>234,56<U+00A0>€).
TEST(FormatMoney, FrenchGroupsWithNarrowNoBreakSpaceAndEndsWithTheSymbol) {
  EXPECT_EQ(FormatMoney(M("1234.56 EUR"), kFr), "1" NNBSP "234,56" NBSP "€");
  EXPECT_EQ(FormatMoney(M("1234567.89 EUR"), kFr),
            "1" NNBSP "234" NNBSP "567,89" NBSP "€");
  EXPECT_EQ(FormatMoney(M("123.45 EUR"), kFr), "123,45" NBSP "€");
  EXPECT_EQ(FormatMoney(M("0.05 EUR"), kFr), "0,05" NBSP "€");
  EXPECT_EQ(FormatMoney(M("0.00 EUR"), kFr), "0,00" NBSP "€");
  // Four digits are grouped too (minimumGroupingDigits 1).
  EXPECT_EQ(FormatMoney(M("1000.00 EUR"), kFr), "1" NNBSP "000,00" NBSP "€");
}

// CLDR 48 en-GB: "¤#,##0.00", symbol first without a space (ICU 78:
// €1,234.56, £1,234.56).
TEST(FormatMoney, EnglishPutsTheSymbolFirst) {
  EXPECT_EQ(FormatMoney(M("1234.56 EUR"), kEn), "€1,234.56");
  EXPECT_EQ(FormatMoney(M("1234.56 GBP"), kEn), "£1,234.56");
  EXPECT_EQ(FormatMoney(M("1234567.89 GBP"), kEn), "£1,234,567.89");
  EXPECT_EQ(FormatMoney(M("999.99 GBP"), kEn), "£999.99");
  EXPECT_EQ(FormatMoney(M("0.00 EUR"), kEn), "€0.00");
}

// CLDR 48 minusSign '-' before the whole (ICU 78: -1<U+202F>234,56 €,
// -£1,234.56, -CHF<U+00A0>1,234.56, -€0.05).
TEST(FormatMoney, NegativeAmountsTakeALeadingMinus) {
  EXPECT_EQ(FormatMoney(M("-1234.56 EUR"), kFr), "-1" NNBSP "234,56" NBSP "€");
  EXPECT_EQ(FormatMoney(M("-1234.56 GBP"), kEn), "-£1,234.56");
  EXPECT_EQ(FormatMoney(M("-0.05 EUR"), kEn), "-€0.05");
  EXPECT_EQ(FormatMoney(M("-1234.56 CHF"), kEn), "-CHF" NBSP "1,234.56");
  EXPECT_EQ(FormatMoney(M("-1234.56 CHF"), kFr),
            "-1" NNBSP "234,56" NBSP "CHF");
}

// A currency without a symbol in the table is written with its ISO code;
// in English U+00A0 separates a leading code from the digits (CLDR
// currencySpacing). ICU 78: fr CHF 1<U+202F>234,56<U+00A0>CHF, en-GB
// CHF<U+00A0>1,234.56, SEK<U+00A0>1,234.56.
TEST(FormatMoney, CurrenciesWithoutASymbolUseTheirCode) {
  EXPECT_EQ(FormatMoney(M("1234.56 CHF"), kFr), "1" NNBSP "234,56" NBSP "CHF");
  EXPECT_EQ(FormatMoney(M("1234.56 CHF"), kEn), "CHF" NBSP "1,234.56");
  EXPECT_EQ(FormatMoney(M("1234.56 SEK"), kEn), "SEK" NBSP "1,234.56");
  EXPECT_EQ(CurrencySymbol(CurrencyOf("CHF"), kEn), "CHF");
}

// The digits after the separator are the currency's minor digits: JPY 0,
// KWD 3 (ISO 4217). ICU 78: fr JPY 1<U+202F>234<U+202F>567<U+00A0>JPY,
// en-GB JP¥1,234,567; fr KWD 1<U+202F>234,567<U+00A0>KWD, en-GB
// KWD<U+00A0>1,234.567.
TEST(FormatMoney, ZeroAndThreeMinorDigits) {
  EXPECT_EQ(FormatMoney(M("1234567 JPY"), kFr),
            "1" NNBSP "234" NNBSP "567" NBSP "JPY");
  EXPECT_EQ(FormatMoney(M("1234567 JPY"), kEn), "JP¥1,234,567");
  EXPECT_EQ(FormatMoney(M("-5 JPY"), kFr), "-5" NBSP "JPY");
  EXPECT_EQ(FormatMoney(M("1234.567 KWD"), kFr),
            "1" NNBSP "234,567" NBSP "KWD");
  EXPECT_EQ(FormatMoney(M("1234.567 KWD"), kEn), "KWD" NBSP "1,234.567");
  // Leading zeros of the fraction are kept: 0.001 KWD is one fils.
  EXPECT_EQ(FormatMoney(M("-0.001 KWD"), kEn), "-KWD" NBSP "0.001");
}

// CLDR 48 symbols (main/fr, main/en-GB currencies.json): £GB and $US in
// French, US$ in British English (ICU 78: 1 234,56 £GB, US$1,234.56).
TEST(FormatMoney, SymbolsDifferByLanguage) {
  EXPECT_EQ(FormatMoney(M("1234.56 GBP"), kFr), "1" NNBSP "234,56" NBSP "£GB");
  EXPECT_EQ(FormatMoney(M("1234.56 USD"), kFr), "1" NNBSP "234,56" NBSP "$US");
  EXPECT_EQ(FormatMoney(M("1234.56 USD"), kEn), "US$1,234.56");
}

// The largest amounts: 10^17 minor units = 10^15 EUR, written exactly (no
// floating point could hold all these digits next to the cents).
TEST(FormatMoney, TheBoundIsWrittenExactly) {
  const Money largest =
      *Money::FromMinorUnits(-Money::kMaxMinorUnits + 1, CurrencyOf("EUR"));
  EXPECT_EQ(FormatMoney(largest, kEn), "-€999,999,999,999,999.99");
  EXPECT_EQ(FormatMoney(largest, kFr),
            "-999" NNBSP "999" NNBSP "999" NNBSP "999" NNBSP "999,99" NBSP "€");
}

// A property: removing the grouping spaces and the symbol, and reading the
// decimal separator as '.', gives back the amount exactly, for amounts on
// both sides of each grouping boundary and each minor-digit count.
TEST(FormatMoney, ReadsBackToTheSameAmount) {
  const int64_t magnitudes[] = {
      0,       1,       9,        10,
      99,      100,     999,      1000,
      1001,    99999,   100000,   999999,
      1000000, 1234567, 10000000, Money::kMaxMinorUnits};
  for (const char* code : {"EUR", "GBP", "JPY", "KWD", "CHF"}) {
    const Currency currency = CurrencyOf(code);
    for (int64_t magnitude : magnitudes) {
      for (int64_t sign : {1, -1}) {
        const Money money = *Money::FromMinorUnits(sign * magnitude, currency);
        for (Language language : {kFr, kEn}) {
          std::string text = FormatMoney(money, language);
          const std::string symbol = CurrencySymbol(currency, language);
          text.erase(text.find(symbol), symbol.size());
          std::string plain;
          for (size_t i = 0; i < text.size(); ++i) {
            if (text.compare(i, 3, NNBSP) == 0) {
              i += 2;
            } else if (text.compare(i, 2, NBSP) == 0) {
              i += 1;
            } else if (text[i] == ',') {
              if (language == kFr) plain += '.';
            } else {
              plain += text[i];
            }
          }
          EXPECT_THAT(Money::ParseAmount(plain, currency), IsOkAndHolds(money))
              << FormatMoney(money, language);
        }
      }
    }
  }
}

TEST(FormatInteger, GroupsByThree) {
  EXPECT_EQ(FormatInteger(0, kFr), "0");
  EXPECT_EQ(FormatInteger(999, kEn), "999");
  EXPECT_EQ(FormatInteger(1000, kEn), "1,000");
  EXPECT_EQ(FormatInteger(1234567, kFr), "1" NNBSP "234" NNBSP "567");
  EXPECT_EQ(FormatInteger(-1234567, kEn), "-1,234,567");
  EXPECT_EQ(FormatInteger(std::numeric_limits<int64_t>::min(), kEn),
            "-9,223,372,036,854,775,808");
}

// CLDR 48 ca-gregorian "long" dates: fr "d MMMM y" (months in lower case),
// en-GB "d MMMM y". The French "1er" for the first day follows the
// Imprimerie nationale's Lexique (1990) and Hanse: "le 1er avril 1753";
// the Canadian Guide du rédacteur 2.4.2 likewise: "le 1er décembre 1996
// (et non le 1 décembre 1996)".
TEST(FormatLongDate, FrenchDatesUseTheOrdinalForTheFirstDay) {
  EXPECT_EQ(FormatLongDate(D(2026, 1, 15), kFr), "15 janvier 2026");
  EXPECT_EQ(FormatLongDate(D(2026, 1, 1), kFr), "1er janvier 2026");
  EXPECT_EQ(FormatLongDate(D(2026, 8, 2), kFr), "2 août 2026");
  EXPECT_EQ(FormatLongDate(D(2025, 12, 31), kFr), "31 décembre 2025");
  EXPECT_EQ(FormatLongDate(D(2026, 2, 21), kFr), "21 février 2026");
}

TEST(FormatLongDate, EnglishDatesHaveNoOrdinal) {
  EXPECT_EQ(FormatLongDate(D(2026, 1, 15), kEn), "15 January 2026");
  EXPECT_EQ(FormatLongDate(D(2026, 1, 1), kEn), "1 January 2026");
  EXPECT_EQ(FormatLongDate(D(2026, 9, 30), kEn), "30 September 2026");
  // The year is written without grouping: "9999", not "9,999".
  EXPECT_EQ(FormatLongDate(D(9999, 12, 31), kEn), "31 December 9999");
  EXPECT_EQ(FormatLongDate(D(987, 1, 5), kEn), "5 January 987");
}

TEST(MonthName, EveryMonthInBothLanguages) {
  const char* const french[] = {"janvier",   "février", "mars",     "avril",
                                "mai",       "juin",    "juillet",  "août",
                                "septembre", "octobre", "novembre", "décembre"};
  const char* const english[] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  for (unsigned month = 1; month <= 12; ++month) {
    EXPECT_EQ(MonthName(month, kFr), french[month - 1]) << month;
    EXPECT_EQ(MonthName(month, kEn), english[month - 1]) << month;
  }
}

// CLDR 48 plural rules: fr "one: i = 0,1"; en "one: i = 1 and v = 0"; both
// on the absolute value (ICU 78 PluralRules: fr 0 -> one, en 0 -> other,
// -1 -> one in both).
TEST(PluralFormOf, FrenchZeroIsSingularEnglishZeroIsPlural) {
  EXPECT_EQ(PluralFormOf(0, kFr), PluralForm::kOne);
  EXPECT_EQ(PluralFormOf(1, kFr), PluralForm::kOne);
  EXPECT_EQ(PluralFormOf(2, kFr), PluralForm::kOther);
  EXPECT_EQ(PluralFormOf(-1, kFr), PluralForm::kOne);
  EXPECT_EQ(PluralFormOf(0, kEn), PluralForm::kOther);
  EXPECT_EQ(PluralFormOf(1, kEn), PluralForm::kOne);
  EXPECT_EQ(PluralFormOf(-1, kEn), PluralForm::kOne);
  EXPECT_EQ(PluralFormOf(21, kEn), PluralForm::kOther);
}

// CLDR 48 units "day" long: fr "{0} jour"/"{0} jours" with U+00A0, en
// "{0} day"/"{0} days" with a space (ICU 78: 1<U+202F>234<U+00A0>jours,
// 1,234 days).
TEST(FormatDayCount, NounAgreesWithTheCount) {
  EXPECT_EQ(FormatDayCount(0, kFr), "0" NBSP "jour");
  EXPECT_EQ(FormatDayCount(1, kFr), "1" NBSP "jour");
  EXPECT_EQ(FormatDayCount(15, kFr), "15" NBSP "jours");
  EXPECT_EQ(FormatDayCount(1234, kFr), "1" NNBSP "234" NBSP "jours");
  EXPECT_EQ(FormatDayCount(-3, kFr), "-3" NBSP "jours");
  EXPECT_EQ(FormatDayCount(0, kEn), "0 days");
  EXPECT_EQ(FormatDayCount(1, kEn), "1 day");
  EXPECT_EQ(FormatDayCount(15, kEn), "15 days");
  EXPECT_EQ(FormatDayCount(-1, kEn), "-1 day");
  EXPECT_EQ(FormatDayCount(1234, kEn), "1,234 days");
}

}  // namespace
}  // namespace relance
