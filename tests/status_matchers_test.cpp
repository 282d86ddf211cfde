// The matchers are themselves checked, so that a broken matcher cannot make
// every error test pass.
#include "status_matchers.hpp"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace relance::testing {
namespace {

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

}  // namespace
}  // namespace relance::testing
