#include "relance/rate.hpp"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

template <typename A, typename B>
concept Multipliable = requires(A a, B b) {
  a* b;
};
static_assert(!Multipliable<Rate, Rate>);
static_assert(std::is_trivially_copyable_v<Rate>);

TEST(Rate, FactoriesUseNamedUnits) {
  // 12.15 % = 0.1215 = 121,500,000 parts per billion = 1215 basis points.
  EXPECT_EQ(Rate::FromBasisPoints(1215).parts_per_billion(), 121'500'000);
  EXPECT_EQ(Rate::FromPercent(8).parts_per_billion(), 80'000'000);
  EXPECT_EQ(Rate::FromPartsPerBillion(1).parts_per_billion(), 1);
  EXPECT_EQ(Rate::FromPercent(100).parts_per_billion(), Rate::kPartsPerUnit);
}

TEST(Rate, ParsesPercentagesBasisPointsAndRatios) {
  const Rate expected = Rate::FromBasisPoints(1215);
  EXPECT_THAT(Rate::Parse("12.15%"), IsOkAndHolds(expected));
  EXPECT_THAT(Rate::Parse("12.15 %"), IsOkAndHolds(expected));
  EXPECT_THAT(Rate::Parse("0.1215"), IsOkAndHolds(expected));
  EXPECT_THAT(Rate::Parse("1215bp"), IsOkAndHolds(expected));
  EXPECT_THAT(Rate::Parse("1215 bp"), IsOkAndHolds(expected));
  // German base rate, 1 Jul 2016 - 31 Dec 2022: -0.88 %.
  EXPECT_THAT(Rate::Parse("-0.88%"), IsOkAndHolds(Rate::FromBasisPoints(-88)));
  EXPECT_THAT(Rate::Parse("+3%"), IsOkAndHolds(Rate::FromPercent(3)));
  EXPECT_THAT(Rate::Parse("1"), IsOkAndHolds(Rate::FromPercent(100)));
  // The finest representable step: 1e-9 = 0.0000001 %.
  EXPECT_THAT(Rate::Parse("0.0000001%"),
              IsOkAndHolds(Rate::FromPartsPerBillion(1)));
  EXPECT_THAT(Rate::Parse("0.000000001"),
              IsOkAndHolds(Rate::FromPartsPerBillion(1)));
  EXPECT_THAT(Rate::Parse("12.5bp"),
              IsOkAndHolds(Rate::FromPartsPerBillion(1'250'000)));
}

TEST(Rate, RejectsBadTextWithPosition) {
  EXPECT_THAT(Rate::Parse(""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty")));
  EXPECT_THAT(
      Rate::Parse("12,15%"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("rate \"12,15%\" at column 3: unexpected ','")));
  EXPECT_THAT(Rate::Parse(".5%"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at column 1: expected a digit")));
  EXPECT_THAT(Rate::Parse("5.%"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected a digit after the decimal")));
  EXPECT_THAT(Rate::Parse("1e-2"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at column 2: unexpected 'e'")));
  EXPECT_THAT(Rate::Parse("%"), StatusIs(absl::StatusCode::kInvalidArgument,
                                         HasSubstr("expected a number")));
}

TEST(Rate, RejectsMoreDecimalsThanAPartPerBillion) {
  // 1e-9 is the finest step: 7 decimals of a percentage, 9 of a ratio.
  EXPECT_THAT(Rate::Parse("0.12345678%"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("8 decimals, at most 7 allowed in a "
                                 "percentage")));
  EXPECT_THAT(Rate::Parse("0.1234567891"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("10 decimals, at most 9")));
}

TEST(Rate, RejectsRatesBeyond100000Percent) {
  EXPECT_THAT(
      Rate::Parse("100001%"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("100000%")));
}

TEST(Rate, ParsePercentAcceptsPercentagesAndBasisPoints) {
  const Rate fifteen = Rate::FromPercent(15);
  EXPECT_THAT(Rate::ParsePercent("15%"), IsOkAndHolds(fifteen));
  EXPECT_THAT(Rate::ParsePercent("15 %"), IsOkAndHolds(fifteen));
  EXPECT_THAT(Rate::ParsePercent("1500bp"), IsOkAndHolds(fifteen));
  EXPECT_THAT(Rate::ParsePercent("1500 bp"), IsOkAndHolds(fifteen));
  EXPECT_THAT(Rate::ParsePercent("-0.88%"),
              IsOkAndHolds(Rate::FromBasisPoints(-88)));
  EXPECT_THAT(Rate::ParsePercent("12.5bp"),
              IsOkAndHolds(Rate::FromPartsPerBillion(1'250'000)));
  // Parse's errors and codes are kept for the notations it accepts.
  EXPECT_THAT(
      Rate::ParsePercent("12,15%"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("rate \"12,15%\" at column 3: unexpected ','")));
  EXPECT_THAT(
      Rate::ParsePercent("100001%"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("100000%")));
}

TEST(Rate, ParsePercentRejectsABareNumber) {
  // "15" could mean 15 % or, as Parse reads it, the ratio 15 = 1500 %.
  EXPECT_THAT(
      Rate::ParsePercent("15"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               ::testing::Eq("rate \"15\": expected a percentage such as "
                             "\"15%\" (a bare number is ambiguous between 15 % "
                             "and 1500 %)")));
  EXPECT_THAT(Rate::ParsePercent("2.40"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("between 2.40 % and 240 %")));
  EXPECT_THAT(Rate::ParsePercent("0.1215"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("between 0.1215 % and 12.15 %")));
  EXPECT_THAT(Rate::ParsePercent("-0.88"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("between -0.88 % and -88 %")));
  // Too large or too precise as a ratio: still a bare number.
  EXPECT_THAT(Rate::ParsePercent("5000"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rate \"5000\": expected a percentage such "
                                 "as \"5000%\" (a bare number")));
  EXPECT_THAT(Rate::ParsePercent("0.1234567891"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("(a bare number is ambiguous")));
  // No unit and not a number.
  EXPECT_THAT(Rate::ParsePercent(""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rate \"\": empty, expected a percentage "
                                 "such as \"15%\" or basis points such as "
                                 "\"1500bp\"")));
  EXPECT_THAT(Rate::ParsePercent("15 percent"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rate \"15 percent\": expected a percentage "
                                 "such as \"15%\" or basis points such as "
                                 "\"1500bp\"")));
}

TEST(Rate, FormatsAsPercentage) {
  EXPECT_EQ(Rate::FromBasisPoints(1215).ToString(), "12.15%");
  EXPECT_EQ(Rate::FromPercent(8).ToString(), "8.00%");
  EXPECT_EQ(Rate::FromBasisPoints(-88).ToString(), "-0.88%");
  EXPECT_EQ(Rate::FromPartsPerBillion(31'234'567).ToString(), "3.1234567%");
  EXPECT_EQ(Rate::FromPartsPerBillion(-1).ToString(), "-0.0000001%");
  EXPECT_EQ(Rate().ToString(), "0.00%");
  for (const char* text : {"12.15%", "0.01%", "-2.50%", "1000.1234567%"}) {
    EXPECT_EQ(Rate::Parse(text)->ToString(), text);
  }
}

TEST(Rate, ArithmeticForReferencePlusMargin) {
  // France, 2nd half of 2025: ECB MRO 2.15 % + 10 points = 12.15 %.
  EXPECT_EQ(Rate::FromBasisPoints(215) + Rate::FromPercent(10),
            Rate::FromBasisPoints(1215));
  EXPECT_EQ(Rate::FromPercent(10) - Rate::FromBasisPoints(1215),
            Rate::FromBasisPoints(-215));
  // Three times the French legal rate for professionals in the first half of
  // 2025 (3.71 %) = 11.13 %.
  EXPECT_THAT(Rate::FromBasisPoints(371).MultipliedBy(3),
              IsOkAndHolds(Rate::FromBasisPoints(1113)));
  EXPECT_THAT(Rate::FromPercent(100'000).MultipliedBy(2),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_LT(Rate::FromBasisPoints(-88), Rate());
  EXPECT_GT(Rate::FromBasisPoints(1215), Rate::FromPercent(12));
}

}  // namespace
}  // namespace relance
