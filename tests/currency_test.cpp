#include "relance/currency.hpp"

#include <set>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

struct IsoEntry {
  const char* code;
  int numeric;
  int minor_digits;
};

// Minor units and numeric codes as published in ISO 4217 list one
// (SIX Group, amendment 180).
constexpr IsoEntry kPublished[] = {
    {"EUR", 978, 2}, {"USD", 840, 2}, {"GBP", 826, 2}, {"CHF", 756, 2},
    {"JPY", 392, 0}, {"KRW", 410, 0}, {"ISK", 352, 0}, {"CLP", 152, 0},
    {"XOF", 952, 0}, {"XAF", 950, 0}, {"VND", 704, 0}, {"BHD", 48, 3},
    {"KWD", 414, 3}, {"TND", 788, 3}, {"JOD", 400, 3}, {"OMR", 512, 3},
    {"CLF", 990, 4}, {"UYW", 927, 4}, {"XCG", 532, 2}, {"ZWG", 924, 2},
};

TEST(Currency, KnowsPublishedMinorUnits) {
  for (const IsoEntry& entry : kPublished) {
    absl::StatusOr<Currency> currency = Currency::FromCode(entry.code);
    ASSERT_THAT(currency, IsOk()) << entry.code;
    EXPECT_EQ(currency->code(), entry.code);
    EXPECT_EQ(currency->minor_digits(), entry.minor_digits) << entry.code;
    EXPECT_EQ(currency->numeric_code(), entry.numeric) << entry.code;
  }
  EXPECT_EQ(Currency::FromCode("EUR")->name(), "Euro");
  EXPECT_EQ(Currency::FromCode("EUR")->MinorUnitsPerMajor(), 100);
  EXPECT_EQ(Currency::FromCode("JPY")->MinorUnitsPerMajor(), 1);
  EXPECT_EQ(Currency::FromCode("CLF")->MinorUnitsPerMajor(), 10000);
}

TEST(Currency, RejectsMalformedCodes) {
  for (const char* bad : {"", "EU", "EURO", "eur", "E1R", " EUR"}) {
    EXPECT_THAT(Currency::FromCode(bad),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("three-letter uppercase")))
        << bad;
  }
}

TEST(Currency, UnknownAndWithdrawnCodesAreNotFound) {
  // ABC was never assigned; HRK was withdrawn when Croatia adopted the euro
  // (2023); XAU (gold) has no minor unit in ISO 4217.
  for (const char* code : {"ABC", "HRK", "XAU", "XXX"}) {
    EXPECT_THAT(Currency::FromCode(code),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("not an active ISO 4217 currency")))
        << code;
  }
}

TEST(Currency, TableIsSortedUniqueAndComplete) {
  const auto all = AllCurrencies();
  // ISO 4217 list one has about 160-180 codes with a numeric minor unit.
  EXPECT_GT(all.size(), 150u);
  EXPECT_LT(all.size(), 200u);
  std::set<int> numeric_codes;
  for (size_t i = 0; i < all.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(all[i - 1].code(), all[i].code());
    }
    // Currencies compare by numeric code: it must be one per currency, and
    // none may take XXX's 999.
    EXPECT_TRUE(numeric_codes.insert(all[i].numeric_code()).second)
        << "duplicate numeric code for " << all[i];
    EXPECT_NE(all[i].numeric_code(), 999) << all[i];
    EXPECT_GE(all[i].minor_digits(), 0);
    EXPECT_LE(all[i].minor_digits(), Currency::kMaxMinorDigits);
    EXPECT_FALSE(all[i].name().empty());
  }
}

TEST(Currency, IsAValueUsableAsAHashKey) {
  static_assert(std::is_trivially_copyable_v<Currency>);
  static_assert(sizeof(Currency) <= 8);
  absl::flat_hash_set<Currency> set = {*Currency::FromCode("EUR"),
                                       *Currency::FromCode("USD"),
                                       *Currency::FromCode("EUR")};
  EXPECT_EQ(set.size(), 2u);
  EXPECT_EQ(Currency::FromCode("EUR")->ToString(), "EUR");
}

}  // namespace
}  // namespace relance
