#include "relance/money.hpp"

#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/internal/quote.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::CurrencyOf;
using ::relance::testing::EurCents;
using ::relance::testing::IsOk;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

// Nonsense does not compile: no Money * Money, no implicit Money + Money
// (it would hide the currency check), no Money + int.
template <typename A, typename B>
concept Multipliable = requires(A a, B b) {
  a* b;
};
template <typename A, typename B>
concept Addable = requires(A a, B b) {
  a + b;
};
static_assert(!Multipliable<Money, Money>);
static_assert(!Addable<Money, Money>);
static_assert(!Addable<Money, int>);
static_assert(std::is_trivially_copyable_v<Money>);

const Currency kEur = CurrencyOf("EUR");
const Currency kJpy = CurrencyOf("JPY");
const Currency kBhd = CurrencyOf("BHD");

TEST(Money, ParsesAmountsWithCurrencyCode) {
  EXPECT_THAT(Money::Parse("1234.56 EUR"), IsOkAndHolds(EurCents(123456)));
  EXPECT_THAT(Money::Parse("EUR 1234.56"), IsOkAndHolds(EurCents(123456)));
  EXPECT_THAT(Money::Parse("-0.05 EUR"), IsOkAndHolds(EurCents(-5)));
  EXPECT_THAT(Money::Parse("+7 EUR"), IsOkAndHolds(EurCents(700)));
  // Fewer decimals than the currency has are fine: 12.5 EUR = 1250 cents.
  EXPECT_THAT(Money::Parse("12.5 EUR"), IsOkAndHolds(EurCents(1250)));
  EXPECT_THAT(Money::Parse("0 EUR"), IsOkAndHolds(Money::Zero(kEur)));
  EXPECT_THAT(Money::Parse("100 JPY"),
              IsOkAndHolds(*Money::FromMinorUnits(100, kJpy)));
  // Bahraini dinar: 3 decimals (1000 fils).
  EXPECT_THAT(Money::Parse("1.234 BHD"),
              IsOkAndHolds(*Money::FromMinorUnits(1234, kBhd)));
}

TEST(Money, RejectsMoreDecimalsThanTheCurrencyHas) {
  EXPECT_THAT(Money::Parse("1.001 EUR"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("3 decimals, at most 2 allowed for EUR")));
  EXPECT_THAT(
      Money::Parse("1.230 EUR"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("3 decimals")));
  EXPECT_THAT(Money::Parse("1.5 JPY"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("1 decimals, at most 0 allowed for JPY")));
}

TEST(Money, RejectsMalformedTextNamingWhereAndWhat) {
  EXPECT_THAT(Money::Parse(""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
  EXPECT_THAT(Money::Parse("12.50"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("separated by one space")));
  EXPECT_THAT(Money::Parse("1,234.56 EUR"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("money \"1,234.56 EUR\" at column 2: "
                                 "unexpected ',' (thousands separators are "
                                 "not accepted unless asked for)")));
  EXPECT_THAT(Money::Parse("EUR 1,234.56"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at column 6: unexpected ','")));
  EXPECT_THAT(Money::Parse(".5 EUR"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at column 1: expected a digit, got '.'")));
  EXPECT_THAT(Money::Parse("5. EUR"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at column 3: expected a digit after")));
  EXPECT_THAT(Money::Parse("- EUR"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected a digit after the sign")));
  EXPECT_THAT(Money::Parse("12.50  EUR"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at column 6: unexpected space")));
  EXPECT_THAT(Money::Parse("12.50 eur"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("three-letter uppercase")));
  EXPECT_THAT(Money::Parse("12.50 ABC"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("money \"12.50 ABC\": currency \"ABC\"")));
  EXPECT_THAT(Money::Parse("1e3 EUR"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at column 2: unexpected 'e'")));
}

TEST(Money, RejectsSurroundingSpacesSayingSo) {
  // "12 EUR " used to be read as the amount "12 EUR" and the code "", and
  // failed with a message about the currency code.
  for (const char* text : {"12 EUR ", " 12 EUR", " EUR 12", "EUR 12 ",
                           "12 EUR\t", "\n12 EUR", " ", "  12.50 EUR  "}) {
    // Tabs and newlines are escaped in the message ("\\t", "\\n").
    EXPECT_THAT(Money::Parse(text),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr(absl::StrCat(
                             "money ", internal::QuoteForMessage(text),
                             ": leading or trailing space"))))
        << "[" << text << "]";
  }
  // A space inside, as a thousands separator, is still fine.
  const MoneyTextOptions french{.decimal_separator = ',',
                                .thousands_separator = ' '};
  EXPECT_THAT(Money::Parse("1 234,56 EUR", french),
              IsOkAndHolds(EurCents(123456)));
  EXPECT_THAT(Money::Parse("1 234,56 EUR ", french),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("leading or trailing space")));
}

TEST(Money, EnforcesTheMagnitudeBound) {
  // 10^15 EUR = 10^17 cents is the largest accepted magnitude.
  EXPECT_THAT(Money::Parse("1000000000000000.00 EUR"),
              IsOkAndHolds(EurCents(Money::kMaxMinorUnits)));
  EXPECT_THAT(Money::Parse("-1000000000000000.00 EUR"),
              IsOkAndHolds(EurCents(-Money::kMaxMinorUnits)));
  EXPECT_THAT(Money::Parse("1000000000000000.01 EUR"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("beyond the supported magnitude")));
  EXPECT_THAT(
      Money::Parse("99999999999999999999999999999999 EUR"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("digits")));
  EXPECT_THAT(Money::FromMinorUnits(Money::kMaxMinorUnits + 1, kEur),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Money::FromMinorUnits(INT64_MIN, kEur),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(Money, ThousandsSeparatorsOnlyWhenAsked) {
  const MoneyTextOptions comma{.thousands_separator = ','};
  EXPECT_THAT(Money::Parse("1,234,567.89 EUR", comma),
              IsOkAndHolds(EurCents(123456789)));
  EXPECT_THAT(Money::Parse("999.00 EUR", comma), IsOkAndHolds(EurCents(99900)));
  EXPECT_THAT(
      Money::Parse("1,23,456.00 EUR", comma),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("exactly 3")));
  EXPECT_THAT(
      Money::Parse("1234,567.00 EUR", comma),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("1 to 3 first")));
  EXPECT_THAT(Money::Parse("1,2345.00 EUR", comma),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("groups after a thousands separator")));
  // French style: space for thousands, comma for decimals.
  const MoneyTextOptions french{.decimal_separator = ',',
                                .thousands_separator = ' '};
  EXPECT_THAT(Money::Parse("1 234,56 EUR", french),
              IsOkAndHolds(EurCents(123456)));
  EXPECT_THAT(Money::Parse("EUR 1 234,56", french),
              IsOkAndHolds(EurCents(123456)));
  EXPECT_EQ(EurCents(123456789).FormatAmount(french), "1 234 567,89");
  EXPECT_EQ(EurCents(-123456).FormatAmount(comma), "-1,234.56");
  EXPECT_THAT(Money::Parse("1.00 EUR", {.decimal_separator = '1'}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("decimal_separator")));
  EXPECT_THAT(Money::Parse("1.00 EUR", {.thousands_separator = '.'}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("thousands_separator")));
}

TEST(Money, FormatsWithTheCurrencyDigitsAndRoundTrips) {
  EXPECT_EQ(EurCents(123456).ToString(), "1234.56 EUR");
  EXPECT_EQ(EurCents(-5).ToString(), "-0.05 EUR");
  EXPECT_EQ(EurCents(0).ToString(), "0.00 EUR");
  EXPECT_EQ(EurCents(100).FormatAmount(), "1.00");
  EXPECT_EQ(Money::FromMinorUnits(100, kJpy)->ToString(), "100 JPY");
  EXPECT_EQ(Money::FromMinorUnits(-1, kBhd)->ToString(), "-0.001 BHD");
  for (int64_t cents :
       {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{99}, int64_t{100},
        int64_t{-123456789}, Money::kMaxMinorUnits, -Money::kMaxMinorUnits}) {
    EXPECT_THAT(Money::Parse(EurCents(cents).ToString()),
                IsOkAndHolds(EurCents(cents)));
  }
  std::ostringstream stream;
  stream << EurCents(4000);
  EXPECT_EQ(stream.str(), "40.00 EUR");
}

TEST(Money, AddsAndSubtractsWithinOneCurrency) {
  EXPECT_THAT(Add(EurCents(123456), EurCents(4000)),
              IsOkAndHolds(EurCents(127456)));
  EXPECT_THAT(Subtract(EurCents(100), EurCents(250)),
              IsOkAndHolds(EurCents(-150)));
}

TEST(Money, ComparesWithinOneCurrency) {
  EXPECT_THAT(Compare(EurCents(100), EurCents(250)),
              IsOkAndHolds(std::strong_ordering::less));
  EXPECT_THAT(Compare(EurCents(7), EurCents(7)),
              IsOkAndHolds(std::strong_ordering::equal));
}

TEST(Money, NegatesAndTakesTheAbsoluteValue) {
  EXPECT_EQ(EurCents(-5).Negated(), EurCents(5));
  EXPECT_EQ(EurCents(-5).Abs(), EurCents(5));
}

TEST(Money, SumsAListIncludingTheEmptyOne) {
  const Money amounts[] = {EurCents(1), EurCents(2), EurCents(-3),
                           EurCents(10)};
  EXPECT_THAT(Sum(amounts, kEur), IsOkAndHolds(EurCents(10)));
  EXPECT_THAT(Sum({}, kEur), IsOkAndHolds(EurCents(0)));
}

TEST(Money, MixingCurrenciesIsAnErrorNotACrash) {
  const Money yen = *Money::FromMinorUnits(100, kJpy);
  EXPECT_THAT(Add(EurCents(100), yen),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("currencies differ (EUR vs JPY)")));
  EXPECT_THAT(Subtract(EurCents(100), yen),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Compare(EurCents(100), yen),
              StatusIs(absl::StatusCode::kInvalidArgument));
  const Money mixed[] = {EurCents(1), yen};
  EXPECT_THAT(Sum(mixed, kEur), StatusIs(absl::StatusCode::kInvalidArgument,
                                         HasSubstr("amount [1] is 100 JPY")));
  // Equality across currencies is simply false.
  EXPECT_FALSE(EurCents(100) == *Money::FromMinorUnits(100, kJpy));
}

TEST(Money, OverflowIsReportedNotWrapped) {
  const Money max = EurCents(Money::kMaxMinorUnits);
  EXPECT_THAT(Add(max, EurCents(1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Subtract(max.Negated(), EurCents(1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(MultiplyByRatio(max, 2, 1, RoundingMode::kHalfEven),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // The exact product 10^17 * (2^63 - 1) needs 124 bits: no overflow inside.
  EXPECT_THAT(MultiplyByRatio(max, INT64_MAX, INT64_MAX, RoundingMode::kDown),
              IsOkAndHolds(max));
}

TEST(Money, MultiplyByRatioRoundsOnce) {
  // 10.00 EUR / 3 = 3.333... -> 3.33 (half away), 3.34 (up).
  EXPECT_THAT(
      MultiplyByRatio(EurCents(1000), 1, 3, RoundingMode::kHalfAwayFromZero),
      IsOkAndHolds(EurCents(333)));
  EXPECT_THAT(MultiplyByRatio(EurCents(1000), 1, 3, RoundingMode::kUp),
              IsOkAndHolds(EurCents(334)));
  // 0.05 EUR / 2 = 2.5 cents: half-even -> 2, half away -> 3, -2.5 floor -> -3.
  EXPECT_THAT(MultiplyByRatio(EurCents(5), 1, 2, RoundingMode::kHalfEven),
              IsOkAndHolds(EurCents(2)));
  EXPECT_THAT(
      MultiplyByRatio(EurCents(5), 1, 2, RoundingMode::kHalfAwayFromZero),
      IsOkAndHolds(EurCents(3)));
  EXPECT_THAT(MultiplyByRatio(EurCents(-5), 1, 2, RoundingMode::kFloor),
              IsOkAndHolds(EurCents(-3)));
  EXPECT_THAT(MultiplyByRatio(EurCents(5), 1, 0, RoundingMode::kFloor),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("denominator is zero")));
}

TEST(Money, MultiplyByRateRoundsTheExactProductOnce) {
  // 20 % of 1234.56 EUR = 246.912 -> 246.91 EUR.
  EXPECT_THAT(MultiplyByRate(EurCents(123456), Rate::FromPercent(20),
                             RoundingMode::kHalfAwayFromZero),
              IsOkAndHolds(EurCents(24691)));
  // 12.15 % of 15000.00 EUR = 1822.50 EUR exactly.
  EXPECT_THAT(MultiplyByRate(EurCents(1500000), Rate::FromBasisPoints(1215),
                             RoundingMode::kDown),
              IsOkAndHolds(EurCents(182250)));
}

TEST(Money, MultiplyByRateRoundsHalfCentsByTheModeGiven) {
  // 2 % discount on 0.25 EUR = 0.5 cent: half even -> 0, half away -> 1.
  EXPECT_THAT(MultiplyByRate(EurCents(25), Rate::FromPercent(2),
                             RoundingMode::kHalfEven),
              IsOkAndHolds(EurCents(0)));
  EXPECT_THAT(MultiplyByRate(EurCents(25), Rate::FromPercent(2),
                             RoundingMode::kHalfAwayFromZero),
              IsOkAndHolds(EurCents(1)));
}

TEST(Money, MultiplyByANegativeRateGivesANegativeAmount) {
  // Negative rate on a positive amount.
  EXPECT_THAT(MultiplyByRate(EurCents(10000), Rate::FromBasisPoints(-88),
                             RoundingMode::kHalfAwayFromZero),
              IsOkAndHolds(EurCents(-88)));
}

TEST(Money, IsAHashableValue) {
  absl::flat_hash_set<Money> set = {EurCents(1), EurCents(1), EurCents(2),
                                    *Money::FromMinorUnits(1, kJpy)};
  EXPECT_EQ(set.size(), 3u);
}

}  // namespace
}  // namespace relance
