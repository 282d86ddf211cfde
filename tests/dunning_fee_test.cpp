#include "relance/dunning_fee.hpp"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::M;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

TEST(DunningFee, Fixed) {
  absl::StatusOr<DunningFee> fee =
      DunningFee::FromJson(R"({"fixed": "10.00 EUR"})");
  ASSERT_THAT(fee, IsOk());
  EXPECT_THAT(fee->For(M("1234.56 EUR")), IsOkAndHolds(M("10.00 EUR")));
  EXPECT_THAT(fee->For(M("0.00 EUR")), IsOkAndHolds(M("0.00 EUR")));
  EXPECT_THAT(fee->For(M("10.00 USD")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("never mixes currencies")));
}

TEST(DunningFee, PercentWithBounds) {
  absl::StatusOr<DunningFee> fee = DunningFee::FromJson(
      R"({"percent": "1.5%", "minimum": "5.00 EUR", "maximum": "50.00 EUR"})");
  ASSERT_THAT(fee, IsOk());
  // 1.5 % of 1000.00 = 15.00; of 100.00 = 1.50 -> minimum 5.00; of 10000.00
  // = 150.00 -> maximum 50.00; of 1234.57 = 18.51855 -> 18.52.
  EXPECT_THAT(fee->For(M("1000.00 EUR")), IsOkAndHolds(M("15.00 EUR")));
  EXPECT_THAT(fee->For(M("100.00 EUR")), IsOkAndHolds(M("5.00 EUR")));
  EXPECT_THAT(fee->For(M("10000.00 EUR")), IsOkAndHolds(M("50.00 EUR")));
  EXPECT_THAT(fee->For(M("1234.57 EUR")), IsOkAndHolds(M("18.52 EUR")));
}

TEST(DunningFee, Tiers) {
  absl::StatusOr<DunningFee> fee = DunningFee::FromJson(R"({"tiers": [
      {"up_to": "500.00 EUR", "fee": "5.00 EUR"},
      {"up_to": "5000.00 EUR", "fee": "15.00 EUR"},
      {"fee": "40.00 EUR"}]})");
  ASSERT_THAT(fee, IsOk());
  EXPECT_THAT(fee->For(M("499.99 EUR")), IsOkAndHolds(M("5.00 EUR")));
  EXPECT_THAT(fee->For(M("500.00 EUR")), IsOkAndHolds(M("15.00 EUR")));
  EXPECT_THAT(fee->For(M("5000.00 EUR")), IsOkAndHolds(M("40.00 EUR")));
}

TEST(DunningFee, PercentInBasisPoints) {
  absl::StatusOr<DunningFee> fee =
      DunningFee::FromJson(R"({"percent": "150bp"})");
  ASSERT_THAT(fee, IsOk());
  EXPECT_EQ(fee->percent, Rate::FromBasisPoints(150));
}

TEST(DunningFee, BoundsGoWithPercentOnly) {
  // Regression: "minimum" and "maximum" beside "fixed" or "tiers" were
  // silently ignored.
  const auto error = [](const char* json, const char* fragment) {
    EXPECT_THAT(
        DunningFee::FromJson(json),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(fragment)))
        << json;
  };
  error(R"({"fixed": "10.00 EUR", "minimum": "5.00 EUR"})",
        "dunning fee: minimum: goes with \"percent\" only");
  error(R"({"fixed": "10.00 EUR", "maximum": "50.00 EUR"})",
        "dunning fee: maximum: goes with \"percent\" only");
  error(R"({"tiers": [{"fee": "5.00 EUR"}], "minimum": "1.00 EUR"})",
        "dunning fee: minimum: goes with \"percent\" only");
  error(R"({"tiers": [{"fee": "5.00 EUR"}], "maximum": "9.00 EUR"})",
        "dunning fee: maximum: goes with \"percent\" only");
}

TEST(DunningFee, Validation) {
  const auto error = [](const char* json, const char* fragment) {
    EXPECT_THAT(
        DunningFee::FromJson(json),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(fragment)))
        << json;
  };
  error("{}", "exactly one of");
  error(R"({"fixed": "-1.00 EUR"})", "non-negative");
  error(R"({"percent": "150%"})", "outside 0%..100%");
  error(R"({"percent": "2"})",
        "dunning fee: percent: rate \"2\": expected a percentage such as "
        "\"2%\" (a bare number is ambiguous between 2 % and 200 %)");
  error(R"({"percent": "2%", "minimum": "9.00 EUR", "maximum": "5.00 EUR"})",
        "minimum 9.00 EUR is above maximum 5.00 EUR");
  error(R"({"percent": "2%", "minimum": "1.00 EUR", "maximum": "5.00 USD"})",
        "different currencies");
  error(R"({"tiers": [{"up_to": "500.00 EUR", "fee": "5.00 EUR"}]})",
        "the last tier must have no up_to");
  error(R"({"tiers": [{"up_to": "500.00 EUR", "fee": "5.00 EUR"},
                      {"up_to": "100.00 EUR", "fee": "6.00 EUR"},
                      {"fee": "7.00 EUR"}]})",
        "tiers[1]: up_to must increase");
  error(R"({"tiers": [{"fee": "5.00 EUR"}, {"fee": "6.00 EUR"}]})",
        "tiers[0]: every tier but the last needs up_to");
  error(R"({"fixed": "1.00 EUR", "rounding": "sometimes"})", "rounding");
}

}  // namespace
}  // namespace relance
