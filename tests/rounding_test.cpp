#include "relance/rounding.hpp"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

struct RoundingCase {
  int64_t numerator;
  int64_t denominator;
  // Expected results in the order of RoundingMode's enumerators:
  // half-away, half-even, half-toward, up, down, ceiling, floor.
  int64_t expected[7];
};

// The table of IEEE 754 / java.math.RoundingMode documentation, in tenths:
// 5.5, 2.5, 1.6, 1.1, 1.0, -1.0, -1.1, -1.6, -2.5, -5.5.
constexpr RoundingCase kCases[] = {
    {55, 10, {6, 6, 5, 6, 5, 6, 5}},
    {25, 10, {3, 2, 2, 3, 2, 3, 2}},
    {16, 10, {2, 2, 2, 2, 1, 2, 1}},
    {11, 10, {1, 1, 1, 2, 1, 2, 1}},
    {10, 10, {1, 1, 1, 1, 1, 1, 1}},
    {-10, 10, {-1, -1, -1, -1, -1, -1, -1}},
    {-11, 10, {-1, -1, -1, -2, -1, -1, -2}},
    {-16, 10, {-2, -2, -2, -2, -1, -1, -2}},
    {-25, 10, {-3, -2, -2, -3, -2, -2, -3}},
    {-55, 10, {-6, -6, -5, -6, -5, -5, -6}},
    // Same values with a negative denominator.
    {25, -10, {-3, -2, -2, -3, -2, -2, -3}},
    {-25, -10, {3, 2, 2, 3, 2, 3, 2}},
    // Exact quotients are never moved; zero stays zero.
    {0, 7, {0, 0, 0, 0, 0, 0, 0}},
    {42, 7, {6, 6, 6, 6, 6, 6, 6}},
    // Halves of odd denominators cannot occur; 1/3 and 2/3 are below/above.
    {1, 3, {0, 0, 0, 1, 0, 1, 0}},
    {2, 3, {1, 1, 1, 1, 0, 1, 0}},
    {-2, 3, {-1, -1, -1, -1, 0, 0, -1}},
};

TEST(Rounding, EveryModeOnHalvesAndNegatives) {
  for (const RoundingCase& c : kCases) {
    for (size_t m = 0; m < std::size(kAllRoundingModes); ++m) {
      const RoundingMode mode = kAllRoundingModes[m];
      EXPECT_EQ(DivideRounded(c.numerator, c.denominator, mode), c.expected[m])
          << c.numerator << "/" << c.denominator << " " << mode;
    }
  }
}

TEST(Rounding, ExactOnWideOperands) {
  // 10^30 + 5 over 10 = 10^29 + 0.5: ties resolved exactly, no precision loss.
  absl::int128 ten_pow_30 = 1;
  for (int i = 0; i < 30; ++i) ten_pow_30 *= 10;
  EXPECT_EQ(DivideRounded(ten_pow_30 + 5, 10, RoundingMode::kHalfEven),
            ten_pow_30 / 10);  // 10^29 is even
  EXPECT_EQ(DivideRounded(ten_pow_30 + 5, 10, RoundingMode::kHalfAwayFromZero),
            ten_pow_30 / 10 + 1);
}

TEST(Rounding, ExactWithDenominatorsBeyondTwoToThe126) {
  // max = 2^127 - 1. (max - 1) / max is just below 1: its remainder max - 1
  // is more than half of max, so nearest gives 1. Doubling that remainder
  // to compare it with the denominator would overflow 128 bits.
  const absl::int128 max = absl::Int128Max();
  EXPECT_EQ(DivideRounded(max - 1, max, RoundingMode::kHalfAwayFromZero), 1);
  EXPECT_EQ(DivideRounded(max - 1, max, RoundingMode::kHalfEven), 1);
  EXPECT_EQ(DivideRounded(max - 1, max, RoundingMode::kDown), 0);
  EXPECT_EQ(DivideRounded(-(max - 1), max, RoundingMode::kHalfTowardZero), -1);
  EXPECT_EQ(DivideRounded(max - 1, -max, RoundingMode::kHalfAwayFromZero), -1);
  // 1 / max is just above 0: nearest gives 0, up gives 1.
  EXPECT_EQ(DivideRounded(1, max, RoundingMode::kHalfAwayFromZero), 0);
  EXPECT_EQ(DivideRounded(1, max, RoundingMode::kUp), 1);
  // An exact half of a huge even denominator: (2^126 - 1) / (2^127 - 2).
  const absl::int128 half = (max - 1) / 2;
  EXPECT_EQ(DivideRounded(half, max - 1, RoundingMode::kHalfAwayFromZero), 1);
  EXPECT_EQ(DivideRounded(half, max - 1, RoundingMode::kHalfEven), 0);
  EXPECT_EQ(DivideRounded(half, max - 1, RoundingMode::kHalfTowardZero), 0);
  EXPECT_EQ(DivideRounded(-half, max - 1, RoundingMode::kHalfAwayFromZero), -1);
  // Half of max is 2^126 - 0.5: a remainder of 2^126 + 1 (whose double
  // does not fit) is above it, 2^126 - 1 below it.
  const absl::int128 two_pow_126 = absl::int128(1) << 126;
  EXPECT_EQ(DivideRounded(two_pow_126 + 1, max, RoundingMode::kHalfTowardZero),
            1);
  EXPECT_EQ(DivideRounded(-(two_pow_126 + 1), max, RoundingMode::kHalfEven),
            -1);
  EXPECT_EQ(
      DivideRounded(two_pow_126 - 1, max, RoundingMode::kHalfAwayFromZero), 0);
}

TEST(Rounding, NamesRoundTrip) {
  for (RoundingMode mode : kAllRoundingModes) {
    EXPECT_THAT(ParseRoundingMode(ToString(mode)), IsOkAndHolds(mode));
  }
  EXPECT_EQ(ToString(RoundingMode::kHalfEven), "half-even");
  EXPECT_THAT(ParseRoundingMode("bankers"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("rounding mode \"bankers\": expected one "
                                 "of half-away-from-zero, half-even, "
                                 "half-toward-zero, up, down, ceiling, "
                                 "floor")));
}

}  // namespace
}  // namespace relance
