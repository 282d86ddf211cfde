#include "relance/internal/decimal.hpp"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/rate.hpp"
#include "test_helpers.hpp"

namespace relance::internal {
namespace {

using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

absl::StatusOr<absl::int128> Parse(std::string_view text, int scale,
                                   DecimalSyntax syntax = {}) {
  return ParseScaledDecimal(text, scale, scale, syntax,
                            {.subject = "number", .whole_text = text});
}

TEST(Decimal, ScalesExactly) {
  EXPECT_THAT(Parse("1234.56", 2), IsOkAndHolds(absl::int128(123456)));
  EXPECT_THAT(Parse("1234.5", 2), IsOkAndHolds(absl::int128(123450)));
  EXPECT_THAT(Parse("007", 0), IsOkAndHolds(absl::int128(7)));
  EXPECT_THAT(Parse("-0.001", 3), IsOkAndHolds(absl::int128(-1)));
  // Leading zeros do not count toward the 30-digit limit.
  EXPECT_THAT(Parse("0000000000000000000000000000000001", 0),
              IsOkAndHolds(absl::int128(1)));
}

TEST(Decimal, ColumnsAreOneBasedAndOffset) {
  EXPECT_THAT(ParseScaledDecimal("12x", 0, 0, {},
                                 {.subject = "field",
                                  .whole_text = "amount = 12x",
                                  .column_offset = 9}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("field \"amount = 12x\" at column 12: "
                                 "unexpected 'x'")));
}

TEST(Decimal, TooManyDigitsIsAnInputError) {
  EXPECT_THAT(Parse("1234567890123456789012345678901", 0),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("more than 30 digits")));
}

TEST(Decimal, ScalingBeyondThirtyEightDigitsIsAnInputError) {
  // A 128-bit integer holds every number below 10^38 (its maximum is about
  // 1.7 x 10^38). 30 digits scaled by 10^9 (a plain ratio in parts per
  // billion) are 39 digits: 340282366920938463463374607432 x 10^9 wrapped
  // around, and Rate::Parse returned 23.1788544% instead of failing.
  constexpr const char* kThirtyDigits = "340282366920938463463374607432";
  EXPECT_THAT(Parse(kThirtyDigits, 9),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("number \"340282366920938463463374607432\": "
                                 "more than 38 digits once scaled")));
  EXPECT_THAT(Rate::Parse(kThirtyDigits),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // 29 digits x 10^9 are 38 digits: exact.
  constexpr const char* kTwentyNineDigits = "12345678901234567890123456789";
  EXPECT_THAT(Parse(kTwentyNineDigits, 9),
              IsOkAndHolds(*Parse(kTwentyNineDigits, 0) * PowerOfTen(9)));
  // Decimals already written count toward the scale: 30 digits of which 1
  // decimal need only 10^8 more, 38 digits in all.
  EXPECT_THAT(Parse("34028236692093846346337460743.2", 9),
              IsOkAndHolds(*Parse("340282366920938463463374607432", 0) *
                           PowerOfTen(8)));
}

TEST(Decimal, FormatsWithMinimumDecimals) {
  EXPECT_EQ(FormatScaledDecimal(123456, 2, 2), "1234.56");
  EXPECT_EQ(FormatScaledDecimal(5, 2, 2), "0.05");
  EXPECT_EQ(FormatScaledDecimal(-5, 2, 2), "-0.05");
  EXPECT_EQ(FormatScaledDecimal(80'000'000, 7, 2), "8.00");
  EXPECT_EQ(FormatScaledDecimal(1, 7, 0), "0.0000001");
  EXPECT_EQ(FormatScaledDecimal(42, 0, 0), "42");
  EXPECT_EQ(FormatScaledDecimal(1234567, 0, 0, {.thousands_separator = ','}),
            "1,234,567");
  EXPECT_EQ(FormatScaledDecimal(123, 0, 0, {.thousands_separator = ','}),
            "123");
}

}  // namespace
}  // namespace relance::internal
