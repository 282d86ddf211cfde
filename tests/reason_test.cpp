#include "relance/reason.hpp"

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::D;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::M;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

constexpr ReasonCode kLast = ReasonCode::kAccountBlocked;

TEST(Reason, EveryCodeHasAUniqueNameThatParsesBack) {
  std::set<std::string> names;
  for (int i = 0; i <= static_cast<int>(kLast); ++i) {
    const auto code = static_cast<ReasonCode>(i);
    const std::string name(ToString(code));
    ASSERT_FALSE(name.empty()) << i;
    EXPECT_TRUE(names.insert(name).second) << name;
    EXPECT_THAT(ParseReasonCode(name), IsOkAndHolds(code));
  }
  EXPECT_EQ(names.size(), 26u);  // the 26 rows of the table in reason.hpp
  // A few names, as hosts store them (stable).
  EXPECT_EQ(ToString(ReasonCode::kLevelDueAfterBrokenPromise),
            "level_due_promise_broken");
  EXPECT_EQ(ToString(ReasonCode::kBelowInvoiceMinimum),
            "below_invoice_minimum");
  EXPECT_THAT(
      ParseReasonCode("level-due"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("level_due")));
}

TEST(Reason, FieldsOfFollowTheTable) {
  // Transcribed from the table in relance/reason.hpp.
  EXPECT_EQ(FieldsOf(ReasonCode::kLevelDue),
            kReasonLevel | kReasonLevelNumber | kReasonDays);
  EXPECT_EQ(FieldsOf(ReasonCode::kLevelDueAfterBrokenPromise),
            kReasonLevel | kReasonLevelNumber | kReasonDays | kReasonDate);
  EXPECT_EQ(FieldsOf(ReasonCode::kClaimDue),
            kReasonLevel | kReasonLevelNumber | kReasonAmount);
  EXPECT_EQ(FieldsOf(ReasonCode::kThankYou), kReasonDate);
  EXPECT_EQ(FieldsOf(ReasonCode::kNotYetDue),
            kReasonDate | kReasonLevel | kReasonNextDate);
  EXPECT_EQ(FieldsOf(ReasonCode::kWaitingForLevel),
            kReasonLevel | kReasonLevelNumber | kReasonNextDate | kReasonDays);
  EXPECT_EQ(FieldsOf(ReasonCode::kWaitingForGap),
            kReasonLevel | kReasonLevelNumber | kReasonNextDate | kReasonDate |
                kReasonDays);
  EXPECT_EQ(FieldsOf(ReasonCode::kPausedByDispute), kReasonAmount);
  EXPECT_EQ(FieldsOf(ReasonCode::kPausedByPromise),
            kReasonDate | kReasonAmount);
  EXPECT_EQ(FieldsOf(ReasonCode::kPausedByPlan), kReasonNextDate);
  EXPECT_EQ(FieldsOf(ReasonCode::kPausedByBlock), kReasonDate);
  EXPECT_EQ(FieldsOf(ReasonCode::kWithAgency), 0u);
  EXPECT_EQ(FieldsOf(ReasonCode::kInLegalAction), 0u);
  EXPECT_EQ(FieldsOf(ReasonCode::kClosed), kReasonState);
  EXPECT_EQ(FieldsOf(ReasonCode::kClaimReported), kReasonAmount);
  EXPECT_EQ(FieldsOf(ReasonCode::kLadderComplete), kReasonLevel);
  EXPECT_EQ(FieldsOf(ReasonCode::kAlreadyActedToday), kReasonDate);
  for (ReasonCode code :
       {ReasonCode::kBelowInvoiceMinimum, ReasonCode::kBelowLevelMinimum,
        ReasonCode::kBelowCustomerMinimum}) {
    EXPECT_EQ(FieldsOf(code), kReasonLevel | kReasonAmount | kReasonThreshold);
  }
  EXPECT_EQ(FieldsOf(ReasonCode::kContactCap),
            kReasonLevel | kReasonDate | kReasonNextDate | kReasonDays);
  EXPECT_EQ(FieldsOf(ReasonCode::kLadderChosen),
            kReasonLadder | kReasonSegment | kReasonAssigned);
  EXPECT_EQ(FieldsOf(ReasonCode::kPenaltyUnavailable),
            kReasonInvoice | kReasonDetail);
  EXPECT_EQ(FieldsOf(ReasonCode::kRateAssumed), kReasonInvoice | kReasonDetail);
  EXPECT_EQ(FieldsOf(ReasonCode::kUnappliedCash),
            kReasonInvoice | kReasonAmount);
  EXPECT_EQ(FieldsOf(ReasonCode::kAccountBlocked), kReasonDate);
}

TEST(Reason, DescribeLevels) {
  EXPECT_EQ(Describe({.code = ReasonCode::kLevelDue,
                      .level = "reminder2",
                      .level_number = 4,
                      .days = 16}),
            "level reminder2 (4) is due: 16 days late");
  EXPECT_EQ(Describe({.code = ReasonCode::kLevelDueAfterBrokenPromise,
                      .level = "call",
                      .level_number = 3,
                      .date = D(2026, 3, 10),
                      .days = 24}),
            "level call (3) is due: 24 days late, promise broken on "
            "2026-03-10");
  EXPECT_EQ(Describe({.code = ReasonCode::kClaimDue,
                      .level = "reminder1",
                      .level_number = 2,
                      .amount = M("51.92 EUR")}),
            "level reminder1 (2) is due for the late-payment claim of "
            "51.92 EUR");
  EXPECT_EQ(Describe({.code = ReasonCode::kLadderComplete, .level = "legal"}),
            "every level of the ladder has been sent (last: legal)");
}

TEST(Reason, DescribeWaits) {
  EXPECT_EQ(Describe({.code = ReasonCode::kNotYetDue,
                      .level = "reminder1",
                      .date = D(2026, 2, 14),
                      .next_date = D(2026, 2, 15)}),
            "not yet due (due 2026-02-14); next level reminder1 on "
            "2026-02-15");
  EXPECT_EQ(Describe({.code = ReasonCode::kNotYetDue, .date = D(2026, 2, 14)}),
            "not yet due (due 2026-02-14)");
  EXPECT_EQ(Describe({.code = ReasonCode::kWaitingForLevel,
                      .level = "call",
                      .level_number = 3,
                      .next_date = D(2026, 2, 22)}),
            "next level call (3) on 2026-02-22");
  EXPECT_EQ(Describe({.code = ReasonCode::kWaitingForGap,
                      .level = "call",
                      .level_number = 3,
                      .date = D(2026, 3, 1),
                      .next_date = D(2026, 3, 6),
                      .days = 5}),
            "level call (3) waits until 2026-03-06: at least 5 days after "
            "the level sent on 2026-03-01");
  EXPECT_EQ(
      Describe({.code = ReasonCode::kAlreadyActedToday, .date = D(2026, 3, 1)}),
      "an action was already recorded on 2026-03-01");
  EXPECT_EQ(Describe({.code = ReasonCode::kContactCap,
                      .level = "call",
                      .date = D(2026, 3, 1),
                      .next_date = D(2026, 3, 8),
                      .days = 7}),
            "level call is due; last contact on 2026-03-01, no contact "
            "before 2026-03-08 (at least 7 days between contacts)");
}

TEST(Reason, DescribePauses) {
  EXPECT_EQ(Describe({.code = ReasonCode::kPausedByDispute,
                      .amount = M("800.00 EUR")}),
            "paused: 800.00 EUR disputed");
  EXPECT_EQ(Describe({.code = ReasonCode::kPausedByPromise,
                      .date = D(2026, 3, 20),
                      .amount = M("500.00 EUR")}),
            "paused: 500.00 EUR promised by 2026-03-20");
  EXPECT_EQ(
      Describe({.code = ReasonCode::kPausedByPromise, .date = D(2026, 3, 20)}),
      "paused: payment promised by 2026-03-20");
  EXPECT_EQ(
      Describe({.code = ReasonCode::kPausedByPlan, .next_date = D(2026, 4, 2)}),
      "paused: on a payment plan (next check 2026-04-02)");
  EXPECT_EQ(Describe({.code = ReasonCode::kPausedByPlan}),
            "paused: on a payment plan");
  EXPECT_EQ(
      Describe({.code = ReasonCode::kPausedByBlock, .date = D(2026, 4, 30)}),
      "paused: dunning blocked until 2026-04-30 (included)");
  EXPECT_EQ(Describe({.code = ReasonCode::kWithAgency}),
            "with a collection agency");
  EXPECT_EQ(Describe({.code = ReasonCode::kInLegalAction}), "in legal action");
}

TEST(Reason, DescribeClosedAndClaims) {
  EXPECT_EQ(Describe({.code = ReasonCode::kClosed,
                      .state = InvoiceState::kWrittenOff}),
            "closed (written_off)");
  EXPECT_EQ(Describe({.code = ReasonCode::kThankYou, .date = D(2026, 3, 2)}),
            "paid in full on 2026-03-02: thank-you");
  EXPECT_EQ(
      Describe({.code = ReasonCode::kClaimReported, .amount = M("51.92 EUR")}),
      "paid late: a claim of 51.92 EUR remains (not dunned by this "
      "policy)");
}

TEST(Reason, DescribeMinimums) {
  EXPECT_EQ(Describe({.code = ReasonCode::kBelowInvoiceMinimum,
                      .level = "reminder1",
                      .amount = M("9.00 EUR"),
                      .threshold = M("15.00 EUR")}),
            "level reminder1 is due but 9.00 EUR is below the invoice "
            "minimum of 15.00 EUR");
  EXPECT_EQ(Describe({.code = ReasonCode::kBelowLevelMinimum,
                      .level = "notice",
                      .amount = M("90.00 EUR"),
                      .threshold = M("100.00 EUR")}),
            "level notice is due but 90.00 EUR is below the level's minimum "
            "of 100.00 EUR");
  EXPECT_EQ(Describe({.code = ReasonCode::kBelowCustomerMinimum,
                      .level = "reminder1",
                      .amount = M("12.00 EUR"),
                      .threshold = M("15.00 EUR")}),
            "level reminder1 is due but the customer's total of 12.00 EUR is "
            "below the customer minimum of 15.00 EUR");
}

TEST(Reason, DescribeNotes) {
  EXPECT_EQ(Describe({.code = ReasonCode::kLadderChosen, .ladder = "default"}),
            "ladder default");
  EXPECT_EQ(Describe({.code = ReasonCode::kLadderChosen,
                      .ladder = "gentle",
                      .segment = "reliable",
                      .assigned = true}),
            "ladder gentle (segment reliable, assigned)");
  EXPECT_EQ(Describe({.code = ReasonCode::kLadderChosen,
                      .ladder = "gentle",
                      .segment = "reliable"}),
            "ladder gentle (segment reliable, from the history)");
  EXPECT_EQ(Describe({.code = ReasonCode::kPenaltyUnavailable,
                      .invoice = "F-1",
                      .detail = "no rate"}),
            "penalties of invoice F-1 unavailable: no rate");
  EXPECT_EQ(Describe({.code = ReasonCode::kRateAssumed,
                      .invoice = "F-1",
                      .detail = "Rate assumed: x"}),
            "penalties of invoice F-1: Rate assumed: x");
  EXPECT_EQ(Describe({.code = ReasonCode::kUnappliedCash,
                      .invoice = "F-1",
                      .amount = M("5.00 EUR")}),
            "invoice F-1: 5.00 EUR received beyond what was owed (unapplied)");
  EXPECT_EQ(
      Describe({.code = ReasonCode::kAccountBlocked, .date = D(2026, 3, 8)}),
      "account blocked for new orders since 2026-03-08");
}

}  // namespace
}  // namespace relance
