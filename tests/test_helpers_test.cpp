// The shared test helpers are themselves checked, so that a broken matcher
// cannot make every error test pass and a wrong constructor cannot make every
// expected value wrong in the same way.
#include "test_helpers.hpp"

#include "gmock/gmock.h"
#include "gtest/gtest-spi.h"
#include "gtest/gtest.h"

namespace relance::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(StatusMatchers, IsOkDistinguishesOkFromErrors) {
  EXPECT_THAT(absl::OkStatus(), IsOk());
  EXPECT_THAT(absl::InvalidArgumentError("x"), Not(IsOk()));
  EXPECT_THAT(absl::StatusOr<int>(3), IsOk());
  EXPECT_THAT(absl::StatusOr<int>(absl::NotFoundError("y")), Not(IsOk()));
}

TEST(StatusMatchers, IsOkAndHoldsChecksTheValue) {
  EXPECT_THAT(absl::StatusOr<int>(3), IsOkAndHolds(3));
  EXPECT_THAT(absl::StatusOr<int>(3), Not(IsOkAndHolds(4)));
  EXPECT_THAT(absl::StatusOr<int>(absl::NotFoundError("y")),
              Not(IsOkAndHolds(3)));
}

TEST(StatusMatchers, StatusIsChecksCodeAndMessage) {
  const absl::Status error =
      absl::InvalidArgumentError("bad input at column 4");
  EXPECT_THAT(error, StatusIs(absl::StatusCode::kInvalidArgument,
                              HasSubstr("column 4")));
  EXPECT_THAT(
      error, Not(StatusIs(absl::StatusCode::kNotFound, HasSubstr("column 4"))));
  EXPECT_THAT(error, Not(StatusIs(absl::StatusCode::kInvalidArgument,
                                  HasSubstr("column 5"))));
  EXPECT_THAT(absl::StatusOr<int>(error),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad")));
}

TEST(StatusMatchers, StatusIsWithACodeAloneIgnoresTheMessage) {
  EXPECT_THAT(absl::NotFoundError("anything"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(absl::NotFoundError("anything"),
              Not(StatusIs(absl::StatusCode::kOutOfRange)));
  EXPECT_THAT(absl::OkStatus(), Not(StatusIs(absl::StatusCode::kNotFound)));
}

// 2026-01-05 is 20458 days after 1970-01-01: 56 years of 365 days (20440)
// plus 14 leap days (1972..2024), plus 4 days into January.
TEST(TestHelpers, DIsTheCivilDate) {
  static_assert(D(1970, 1, 1) == Date{});
  EXPECT_EQ(D(2026, 1, 5).time_since_epoch().count(), 20458);
  EXPECT_EQ(D(2024, 2, 29), MakeDate(2024, 2, 29));
}

TEST(TestHelpers, MParsesAmountAndCode) {
  EXPECT_EQ(M("12.00 EUR").minor_units(), 1200);
  EXPECT_EQ(M("12.00 EUR").currency().code(), "EUR");
  EXPECT_EQ(M("EUR 12"), M("12.00 EUR"));
  EXPECT_EQ(M("100 JPY").minor_units(), 100);
}

TEST(TestHelpers, EurAndEurCentsAgreeWithM) {
  EXPECT_EQ(Eur("12.00"), M("12.00 EUR"));
  EXPECT_EQ(Eur("-0.05"), M("-0.05 EUR"));
  EXPECT_EQ(EurCents(1200), M("12.00 EUR"));
  EXPECT_EQ(CurrencyOf("JPY").minor_digits(), 0);
}

TEST(TestHelpers, ATypoInATestValueFailsTheTestWithoutCrashing) {
  EXPECT_NONFATAL_FAILURE(M("12.001 EUR"), "test money \"12.001 EUR\"");
  EXPECT_NONFATAL_FAILURE(Eur("1,2"), "test amount \"1,2\"");
  EXPECT_NONFATAL_FAILURE(CurrencyOf("EURO"), "test currency \"EURO\"");
  EXPECT_NONFATAL_FAILURE(ReadExampleFile("no/such/file.json"),
                          "cannot read example file");
}

TEST(TestHelpers, ReadExampleFileReadsTheShippedExamples) {
  EXPECT_THAT(ReadExampleFile("cases/dupont_ladder.json"), HasSubstr("{"));
}

TEST(TestHelpers, DatesOfKeepsTheListOrder) {
  const std::vector<Holiday> holidays = {{.date = D(2026, 12, 25), .name = "b"},
                                         {.date = D(2026, 1, 1), .name = "a"}};
  EXPECT_THAT(DatesOf(holidays), ElementsAre(D(2026, 12, 25), D(2026, 1, 1)));
}

}  // namespace
}  // namespace relance::testing
