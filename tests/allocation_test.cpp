#include "relance/allocation.hpp"

#include <cstdint>
#include <random>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::CurrencyOf;
using ::relance::testing::EurCents;
using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Currency kEur = CurrencyOf("EUR");

std::vector<int64_t> Cents(const std::vector<Money>& parts) {
  std::vector<int64_t> cents;
  for (const Money& part : parts) cents.push_back(part.minor_units());
  return cents;
}

TEST(Allocation, EvenSplitGivesLeftoverToTheFirstParts) {
  // 100.00 / 3 = 33.333...: one leftover cent goes to the first part.
  EXPECT_THAT(Cents(*AllocateEvenly(EurCents(10000), 3)),
              ElementsAre(3334, 3333, 3333));
  // 0.05 / 3: shares 1.666 each, two leftover cents.
  EXPECT_THAT(Cents(*AllocateEvenly(EurCents(5), 3)), ElementsAre(2, 2, 1));
  // Negative totals mirror positive ones.
  EXPECT_THAT(Cents(*AllocateEvenly(EurCents(-10000), 3)),
              ElementsAre(-3334, -3333, -3333));
  EXPECT_THAT(Cents(*AllocateEvenly(EurCents(7), 1)), ElementsAre(7));
}

TEST(Allocation, LargestRemainderByWeights) {
  // 0.05 EUR by 30:70: exact shares 1.5 and 3.5 cents; floors 1 + 3 = 4, one
  // leftover cent; remainders equal (0.5 each) -> the earlier part gets it.
  const int64_t thirty_seventy[] = {30, 70};
  EXPECT_THAT(Cents(*AllocateByWeights(EurCents(5), thirty_seventy)),
              ElementsAre(2, 3));
  // 10.00 EUR by 1:1:1:3 (W = 6): exact 166.67, 166.67, 166.67, 500.00
  // floors 166,166,166,500 = 998; two leftovers to the first two (ties).
  const int64_t weights[] = {1, 1, 1, 3};
  EXPECT_THAT(Cents(*AllocateByWeights(EurCents(1000), weights)),
              ElementsAre(167, 167, 166, 500));
  // Remainders decide, not position: 1.00 EUR by 2:7 (W = 9):
  // exact 22.22 and 77.78; floors 22 + 77 = 99; remainder 7/9 > 2/9 -> part 1.
  const int64_t two_seven[] = {2, 7};
  EXPECT_THAT(Cents(*AllocateByWeights(EurCents(100), two_seven)),
              ElementsAre(22, 78));
  // A weight of zero receives nothing.
  const int64_t with_zero[] = {0, 1, 1};
  EXPECT_THAT(Cents(*AllocateByWeights(EurCents(3), with_zero)),
              ElementsAre(0, 2, 1));
}

TEST(Allocation, ByPercentagesThatAddUpToOneHundred) {
  // Invoice of 1000.01 EUR paid 30 % now, 70 % later: exact 300.003 and
  // 700.007 -> 300.00 + 700.00 = 1000.00, the leftover cent goes to the larger
  // remainder (0.7 > 0.3): 700.01.
  const Rate split[] = {Rate::FromPercent(30), Rate::FromPercent(70)};
  EXPECT_THAT(Cents(*AllocateByPercentages(EurCents(100001), split)),
              ElementsAre(30000, 70001));
  const Rate not_hundred[] = {Rate::FromPercent(30), Rate::FromPercent(60)};
  EXPECT_THAT(AllocateByPercentages(EurCents(100), not_hundred),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("percentages add up to 90.00%, expected "
                                 "100.00%")));
  const Rate negative[] = {Rate::FromPercent(130), Rate::FromPercent(-30)};
  EXPECT_THAT(AllocateByPercentages(EurCents(100), negative),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("percentage [1] is -30.00%")));
}

TEST(Allocation, RejectsBadWeights) {
  EXPECT_THAT(
      AllocateByWeights(EurCents(100), {}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no weights")));
  const int64_t zeros[] = {0, 0};
  EXPECT_THAT(AllocateByWeights(EurCents(100), zeros),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("all weights are zero")));
  const int64_t negative[] = {3, -1};
  EXPECT_THAT(AllocateByWeights(EurCents(100), negative),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("weight [1] is -1")));
  EXPECT_THAT(
      AllocateEvenly(EurCents(100), 0),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("0 parts")));
  EXPECT_THAT(AllocateEvenly(EurCents(100), kMaxAllocationParts + 1),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// Property: for random totals and weights, the parts sum exactly to the total,
// each part is within one minor unit of its exact share, and the sign follows
// the total.
TEST(Allocation, PartsAlwaysSumToTheTotalProperty) {
  std::mt19937_64 random(20261123);
  std::uniform_int_distribution<int64_t> total_dist(-Money::kMaxMinorUnits,
                                                    Money::kMaxMinorUnits);
  std::uniform_int_distribution<int64_t> small_total_dist(-1000, 1000);
  std::uniform_int_distribution<int> count_dist(1, 12);
  std::uniform_int_distribution<int64_t> weight_dist(0, 1'000'000'000'000);
  for (int trial = 0; trial < 3000; ++trial) {
    const int64_t total =
        trial % 2 == 0 ? total_dist(random) : small_total_dist(random);
    std::vector<int64_t> weights(static_cast<size_t>(count_dist(random)));
    for (int64_t& weight : weights) {
      weight = trial % 3 == 0 ? weight_dist(random) % 5 : weight_dist(random);
    }
    weights[0] += 1;  // never all zero
    absl::StatusOr<std::vector<Money>> parts =
        AllocateByWeights(EurCents(total), weights);
    ASSERT_THAT(parts, IsOk());
    ASSERT_EQ(parts->size(), weights.size());
    absl::int128 weight_sum = 0;
    for (int64_t weight : weights) weight_sum += weight;
    absl::int128 sum = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
      const absl::int128 part = (*parts)[i].minor_units();
      sum += part;
      // |part * W - total * w_i| < W  (within one unit of the exact share).
      const absl::int128 error =
          part * weight_sum - absl::int128(total) * weights[i];
      ASSERT_LT(error < 0 ? -error : error, weight_sum);
      if (total >= 0) {
        ASSERT_GE(part, 0);
      }
      if (total <= 0) {
        ASSERT_LE(part, 0);
      }
      if (weights[i] == 0) {
        ASSERT_EQ(part, 0);
      }
    }
    ASSERT_EQ(sum, absl::int128(total)) << "trial " << trial;
  }
}

}  // namespace
}  // namespace relance
