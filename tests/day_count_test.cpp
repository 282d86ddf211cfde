#include "relance/day_count.hpp"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Worked by hand from the definitions in ISDA 2006 section 4.16, for the
// period 2007-12-28 .. 2008-02-28, the usual illustration of the
// conventions.
TEST(DayCount, ActualConventionsDivideTheSameDaysByTheirYear) {
  const Date start = MakeDate(2007, 12, 28);
  const Date end = MakeDate(2008, 2, 28);
  // (2007-12-28, 2008-02-28]: 3 days in 2007 (29, 30, 31 Dec) and 59 in 2008
  // (31 Jan + 28 Feb): 62 days.
  EXPECT_THAT(YearFraction(DayCount::kActual365Fixed, start, end),
              ElementsAre(DayCountPart{62, 365}));
  EXPECT_THAT(YearFraction(DayCount::kActual360, start, end),
              ElementsAre(DayCountPart{62, 360}));
  EXPECT_THAT(YearFraction(DayCount::kActualActualIsda, start, end),
              ElementsAre(DayCountPart{3, 365}, DayCountPart{59, 366}));
}

TEST(DayCount, AnEmptyPeriodHasNoParts) {
  const Date end = MakeDate(2008, 2, 28);
  EXPECT_TRUE(YearFraction(DayCount::kActual365Fixed, end, end).empty());
}

TEST(DayCount, ActualActualIsdaMatchesTheIsdaVector) {
  // ISDA's own test vector (QuantLib test-suite/daycounters.cpp, from "The
  // Actual/Actual Day Count Fraction", ISDA 1999): 2003-11-01 -> 2004-05-01
  // is 61/365 + 121/366 counted over [start, end); relance counts charged
  // days (start, end], so the same days are (2003-10-31, 2004-04-30].
  EXPECT_THAT(YearFraction(DayCount::kActualActualIsda, MakeDate(2003, 10, 31),
                           MakeDate(2004, 4, 30)),
              ElementsAre(DayCountPart{61, 365}, DayCountPart{121, 366}));
}

TEST(DayCount, ThirtyThreeSixtyCountsThirtyDaysAMonth) {
  // 2007-12-28 -> 2008-02-28: 360 x 1 + 30 x (2 - 12) + (28 - 28) = 60.
  EXPECT_EQ(DayNumber(DayCount::kThirty360, MakeDate(2007, 12, 28),
                      MakeDate(2008, 2, 28)),
            60);
}

TEST(DayCount, ThirtyThreeSixtyAndThirtyE360DifferOnAnEndOn31) {
  // 2008-02-29 -> 2008-03-31: 30/360 keeps D2 = 31 because D1 = 29 is not 30
  // or 31: 30 + (31 - 29) = 32; 30E/360 sets D2 = 30: 30 + 1 = 31.
  EXPECT_EQ(DayNumber(DayCount::kThirty360, MakeDate(2008, 2, 29),
                      MakeDate(2008, 3, 31)),
            32);
  EXPECT_EQ(DayNumber(DayCount::kThirtyE360, MakeDate(2008, 2, 29),
                      MakeDate(2008, 3, 31)),
            31);
}

TEST(DayCount, BothThirtyConventionsMoveAStartOn31To30) {
  // 2007-10-31 -> 2008-11-30: D1 = 31 -> 30: 360 + 30 + 0 = 390 for both.
  EXPECT_EQ(DayNumber(DayCount::kThirty360, MakeDate(2007, 10, 31),
                      MakeDate(2008, 11, 30)),
            390);
  EXPECT_EQ(DayNumber(DayCount::kThirtyE360, MakeDate(2007, 10, 31),
                      MakeDate(2008, 11, 30)),
            390);
}

TEST(DayCount, ThirtyConventionsMatchTheIsdaVectors) {
  // ISDA "30/360 Day Count Conventions" (2008) vectors, as in QuantLib's
  // test suite: 2006-01-31 -> 2006-02-28: 28 and 28; 2008-02-28 ->
  // 2008-08-31: 183 and 182; 2007-08-31 -> 2008-02-28: 178 and 178.
  EXPECT_EQ(DayNumber(DayCount::kThirty360, MakeDate(2006, 1, 31),
                      MakeDate(2006, 2, 28)),
            28);
  EXPECT_EQ(DayNumber(DayCount::kThirty360, MakeDate(2008, 2, 28),
                      MakeDate(2008, 8, 31)),
            183);
  EXPECT_EQ(DayNumber(DayCount::kThirtyE360, MakeDate(2008, 2, 28),
                      MakeDate(2008, 8, 31)),
            182);
  EXPECT_EQ(DayNumber(DayCount::kThirtyE360, MakeDate(2007, 8, 31),
                      MakeDate(2008, 2, 28)),
            178);
}

TEST(DayCount, ThirtyThreeSixtyMovesBothEndsOn31To30) {
  // 2008-03-31 -> 2008-05-31: D1 -> 30, then D2 -> 30 in both: 60.
  EXPECT_EQ(DayNumber(DayCount::kThirty360, MakeDate(2008, 3, 31),
                      MakeDate(2008, 5, 31)),
            60);
}

TEST(DayCount, ThirtyE360YearFractionIsOver360) {
  // 2008-02-29 -> 2008-03-31 is 31 days by 30E/360 (D2 = 31 -> 30:
  // 30 + 1), over a 360-day year.
  EXPECT_THAT(YearFraction(DayCount::kThirtyE360, MakeDate(2008, 2, 29),
                           MakeDate(2008, 3, 31)),
              ElementsAre(DayCountPart{31, 360}));
}

TEST(DayCount, NamesRoundTrip) {
  for (DayCount day_count : {DayCount::kActual365Fixed, DayCount::kActual360,
                             DayCount::kActualActualIsda, DayCount::kThirty360,
                             DayCount::kThirtyE360}) {
    EXPECT_THAT(ParseDayCount(ToString(day_count)), IsOkAndHolds(day_count));
  }
}

TEST(DayCount, UnknownNamesAreRejected) {
  EXPECT_THAT(ParseDayCount("act/364"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("day count \"act/364\"")));
}

}  // namespace
}  // namespace relance
