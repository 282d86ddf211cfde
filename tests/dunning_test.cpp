#include "relance/dunning.hpp"

#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/decision_json.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Money M(const char* text) { return *Money::Parse(text); }

// The ladder of DOMAIN.md section 1 (offsets from the due date).
constexpr char kPolicy[] = R"({
  "id": "test-fr", "version": 3, "name": "test",
  "minimum_dunning_amount": "15.00 EUR", "minimum_invoice_amount": "1.00 EUR",
  "penalties": "fr-b2b",
  "levels": [
    {"id": "courtesy", "offset_days": -5, "channel": "email", "template": "prevenance"},
    {"id": "reminder1", "offset_days": 1, "channel": "email", "template": "relance_1"},
    {"id": "call", "offset_days": 8, "channel": "phone"},
    {"id": "reminder2", "offset_days": 15, "channel": "letter", "template": "relance_2", "fee": "10.00 EUR"},
    {"id": "notice", "offset_days": 21, "channel": "registered_letter", "template": "mise_en_demeure", "payment_deadline_days": 8, "block_account": true},
    {"id": "agency", "offset_days": 45, "channel": "agency_handoff", "task": true},
    {"id": "legal", "offset_days": 90, "channel": "legal", "task": true}
  ]})";

Policy TestPolicy(std::string_view extra = "") {
  std::string text = kPolicy;
  if (!extra.empty()) {
    text.insert(text.find("\"levels\""), std::string(extra) + ", ");
  }
  absl::StatusOr<Policy> policy = Policy::FromJson(text);
  EXPECT_THAT(policy, IsOk());
  return *policy;
}

const Date kIssue = MakeDate(2026, 1, 15);
const Date kDue = MakeDate(2026, 2, 14);
Date D(unsigned month, unsigned day) { return MakeDate(2026, month, day); }

Event Issued(const char* invoice, const char* amount, Date due = kDue) {
  return {.date = kIssue,
          .kind = EventKind::kInvoiceIssued,
          .invoice = invoice,
          .amount = M(amount),
          .due_date = due};
}
Event Sent(Date date, const char* invoice, const char* level) {
  return {.date = date,
          .kind = EventKind::kActionPerformed,
          .invoice = invoice,
          .level = level,
          .channel = "email"};
}
Event Paid(Date date, const char* invoice, const char* amount) {
  return {.date = date,
          .kind = EventKind::kPaymentReceived,
          .invoice = invoice,
          .amount = M(amount)};
}
Case Timeline(std::vector<Event> events) {
  return {.customer_id = "C-1", .events = std::move(events)};
}

Decision EvaluateOk(const Policy& policy, const Case& c, Date as_of) {
  absl::StatusOr<Decision> decision = Evaluate(policy, c, as_of);
  EXPECT_THAT(decision, IsOk());
  return decision.ok() ? *decision : Decision{};
}

std::vector<std::string> Levels(const Decision& decision) {
  std::vector<std::string> levels;
  for (const Communication& c : decision.actions) levels.push_back(c.level);
  return levels;
}

TEST(Dunning, PaidOnTimeNeedsNothing) {
  const auto policy = TestPolicy();
  const Case c =
      Timeline({Issued("F-1", "100.00 EUR"), Paid(kDue, "F-1", "100.00 EUR")});
  const Decision decision = EvaluateOk(policy, c, D(3, 31));
  EXPECT_THAT(decision.actions, IsEmpty());
  EXPECT_EQ(decision.invoices[0].state, InvoiceState::kPaid);
  // Regression: days_late counted to as_of (45 days) for an invoice paid on
  // its due date.
  EXPECT_EQ(decision.invoices[0].days_late, 0);
  EXPECT_EQ(decision.policy_id, "test-fr");
  EXPECT_EQ(decision.policy_version, 3);
}

TEST(Dunning, ThankYouWhenThePolicyAsksForIt) {
  const auto policy = TestPolicy(
      R"("thank_you_after_payment": true, "thank_you_template": "merci")");
  Case c =
      Timeline({Issued("F-1", "100.00 EUR"), Sent(D(2, 15), "F-1", "reminder1"),
                Paid(D(2, 20), "F-1", "100.00 EUR")});
  Decision decision = EvaluateOk(policy, c, D(2, 21));
  EXPECT_THAT(Levels(decision), ElementsAre("thank_you"));
  EXPECT_EQ(decision.actions[0].template_id, "merci");
  // Once.
  c = WithActionsRecorded(c, decision);
  EXPECT_THAT(EvaluateOk(policy, c, D(2, 22)).actions, IsEmpty());
}

TEST(Dunning, CourtesyNoticeBeforeTheDueDate) {
  const auto policy = TestPolicy();
  const Case c = Timeline({Issued("F-1", "100.00 EUR")});
  // Due 14 February; the courtesy level is at -5 days: 9 February.
  EXPECT_THAT(EvaluateOk(policy, c, D(2, 8)).actions, IsEmpty());
  const Decision decision = EvaluateOk(policy, c, D(2, 9));
  ASSERT_THAT(Levels(decision), ElementsAre("courtesy"));
  EXPECT_EQ(decision.actions[0].channel, Channel::kEmail);
  EXPECT_EQ(decision.actions[0].template_id, "prevenance");
  EXPECT_THAT(decision.actions[0].invoices, ElementsAre("F-1"));
  EXPECT_EQ(EvaluateOk(policy, c, D(2, 8)).next_review, D(2, 9));
}

TEST(Dunning, FullLadderToLegalAction) {
  const auto policy = TestPolicy();
  const Case c = Timeline({Issued("F-1", "1000.00 EUR")});
  absl::StatusOr<DunningForecast> forecast =
      Forecast(policy, c, D(2, 1), D(5, 31));
  ASSERT_THAT(forecast, IsOk());
  std::vector<std::pair<Date, std::string>> got;
  for (const ForecastItem& item : forecast->items)
    got.push_back({item.date, item.action.level});
  // Due 2026-02-14: -5, +1, +8, +15, +21, +45, +90 days.
  EXPECT_THAT(
      got,
      ElementsAre(std::pair(D(2, 9), "courtesy"),
                  std::pair(D(2, 15), "reminder1"), std::pair(D(2, 22), "call"),
                  std::pair(D(3, 1), "reminder2"), std::pair(D(3, 7), "notice"),
                  std::pair(D(3, 31), "agency"), std::pair(D(5, 15), "legal")));
  const Communication& notice = forecast->items[4].action;
  EXPECT_EQ(notice.channel, Channel::kRegisteredLetter);
  EXPECT_TRUE(notice.block_account);
  EXPECT_EQ(notice.payment_deadline, D(3, 15));  // 7 March + 8 days
  EXPECT_TRUE(forecast->items[2].action.task);   // the phone call
  // reminder2 carries its 10.00 EUR fee; penalties under fr-b2b on 1 March:
  // 15 days at 12.15 % on 1000.00 = 4.99, plus 40.00.
  const Communication& reminder2 = forecast->items[3].action;
  EXPECT_THAT(reminder2.fees, ElementsAre(M("10.00 EUR")));
  EXPECT_THAT(reminder2.outstanding, ElementsAre(M("1000.00 EUR")));
  EXPECT_THAT(reminder2.penalties, ElementsAre(M("44.99 EUR")));
}

TEST(Dunning, ForecastAgreesWithEvaluatingDayByDay) {
  const auto policy = TestPolicy();
  const Case start = Timeline({Issued("F-1", "1000.00 EUR"),
                               Issued("F-2", "300.00 EUR", D(3, 1)),
                               {.date = D(2, 20),
                                .kind = EventKind::kPromiseToPay,
                                .invoice = "F-1",
                                .promised_date = D(3, 5)}});
  absl::StatusOr<DunningForecast> forecast =
      Forecast(policy, start, D(2, 1), D(5, 31));
  ASSERT_THAT(forecast, IsOk());
  std::vector<std::pair<Date, std::vector<std::string>>> daily;
  Case c = start;
  for (Date day = D(2, 1); day <= D(5, 31); day += Days{1}) {
    const Decision decision = EvaluateOk(policy, c, day);
    for (const Communication& action : decision.actions) {
      daily.push_back({day, action.invoice_levels});
    }
    c = WithActionsRecorded(c, decision);
  }
  std::vector<std::pair<Date, std::vector<std::string>>> jumped;
  for (const ForecastItem& item : forecast->items) {
    jumped.push_back({item.date, item.action.invoice_levels});
  }
  EXPECT_EQ(jumped, daily);
  EXPECT_FALSE(daily.empty());
}

TEST(Dunning, DisputeRejectedResumesUpheldCloses) {
  const auto policy = TestPolicy();
  std::vector<Event> events = {Issued("F-1", "1000.00 EUR"),
                               Sent(D(2, 15), "F-1", "reminder1"),
                               {.date = D(2, 20),
                                .kind = EventKind::kDisputeOpened,
                                .invoice = "F-1",
                                .reason = "not delivered"}};
  Decision decision = EvaluateOk(policy, Timeline(events), D(2, 25));
  EXPECT_THAT(decision.actions, IsEmpty());
  EXPECT_EQ(decision.invoices[0].reason.code, ReasonCode::kPausedByDispute);
  EXPECT_EQ(decision.invoices[0].reason.amount, M("1000.00 EUR"));
  std::vector<Event> rejected = events;
  rejected.push_back({.date = D(3, 5),
                      .kind = EventKind::kDisputeResolved,
                      .invoice = "F-1",
                      .outcome = DisputeOutcome::kRejected});
  EXPECT_THAT(Levels(EvaluateOk(policy, Timeline(rejected), D(3, 5))),
              ElementsAre("call"));
  std::vector<Event> upheld = events;
  upheld.push_back({.date = D(3, 5),
                    .kind = EventKind::kDisputeResolved,
                    .invoice = "F-1",
                    .outcome = DisputeOutcome::kUpheld});
  decision = EvaluateOk(policy, Timeline(upheld), D(3, 10));
  EXPECT_THAT(decision.actions, IsEmpty());
  EXPECT_EQ(decision.invoices[0].state, InvoiceState::kCredited);
  // Upheld in part: 400.00 credited, the rest escalates with penalties on
  // 600.00 from the credit date. 1000.00 due 14 February, 400.00 credited
  // on 5 March: 19 days on 1000 + 5 days on 600 at 12.15 % = 6.3247 +
  // 0.9986 = 7.32, plus 40.00 compensation.
  std::vector<Event> partly = events;
  partly.push_back({.date = D(3, 5),
                    .kind = EventKind::kDisputeResolved,
                    .invoice = "F-1",
                    .amount = M("400.00 EUR"),
                    .outcome = DisputeOutcome::kUpheld});
  decision = EvaluateOk(policy, Timeline(partly), D(3, 10));
  ASSERT_THAT(Levels(decision), ElementsAre("call"));
  EXPECT_THAT(decision.actions[0].outstanding, ElementsAre(M("600.00 EUR")));
  EXPECT_THAT(decision.actions[0].penalties, ElementsAre(M("47.32 EUR")));
}

TEST(Dunning, PartialDisputeLeavesTheRestEscalating) {
  const auto policy = TestPolicy();
  const Case c = Timeline({Issued("F-1", "1000.00 EUR"),
                           Sent(D(2, 15), "F-1", "reminder1"),
                           {.date = D(2, 20),
                            .kind = EventKind::kDisputeOpened,
                            .invoice = "F-1",
                            .amount = M("990.00 EUR")}});
  // 10.00 EUR undisputed: below the 15.00 EUR customer minimum.
  Decision decision = EvaluateOk(policy, c, D(2, 22));
  EXPECT_THAT(decision.actions, IsEmpty());
  ASSERT_EQ(decision.invoices[0].reason.code,
            ReasonCode::kBelowCustomerMinimum);
  EXPECT_EQ(decision.invoices[0].reason.amount, M("10.00 EUR"));
  EXPECT_EQ(decision.invoices[0].reason.threshold, M("15.00 EUR"));
  const Case larger = Timeline({Issued("F-1", "1000.00 EUR"),
                                Sent(D(2, 15), "F-1", "reminder1"),
                                {.date = D(2, 20),
                                 .kind = EventKind::kDisputeOpened,
                                 .invoice = "F-1",
                                 .amount = M("400.00 EUR")}});
  decision = EvaluateOk(policy, larger, D(2, 22));
  // Penalties run on the whole invoice while the dispute is open (the law
  // does not suspend them); an upheld dispute credits its amount.
  ASSERT_THAT(Levels(decision), ElementsAre("call"));
  EXPECT_THAT(decision.actions[0].outstanding, ElementsAre(M("600.00 EUR")));
}

TEST(Dunning, PromiseKeptAndPromiseBroken) {
  const auto policy = TestPolicy();
  const std::vector<Event> promised = {Issued("F-1", "1000.00 EUR"),
                                       Sent(D(2, 15), "F-1", "reminder1"),
                                       {.date = D(2, 16),
                                        .kind = EventKind::kPromiseToPay,
                                        .invoice = "F-1",
                                        .promised_date = D(2, 18)}};
  EXPECT_THAT(EvaluateOk(policy, Timeline(promised), D(2, 18)).actions,
              IsEmpty());
  std::vector<Event> kept = promised;
  kept.push_back(Paid(D(2, 18), "F-1", "1000.00 EUR"));
  EXPECT_THAT(EvaluateOk(policy, Timeline(kept), D(2, 25)).actions, IsEmpty());
  // Broken on 19 February: the call (normally at +8, 22 February) is due at
  // once, but no sooner than the policy's minimum gap between levels (5
  // days by default) after reminder1 on 15 February: on the 20th.
  const Decision waiting = EvaluateOk(policy, Timeline(promised), D(2, 19));
  EXPECT_THAT(waiting.actions, IsEmpty());
  EXPECT_EQ(waiting.invoices[0].reason.code, ReasonCode::kWaitingForGap);
  EXPECT_EQ(waiting.invoices[0].reason.next_date, D(2, 20));
  EXPECT_EQ(waiting.invoices[0].reason.days, 5);
  EXPECT_EQ(waiting.next_review, D(2, 20));
  const Decision decision = EvaluateOk(policy, Timeline(promised), D(2, 20));
  EXPECT_THAT(Levels(decision), ElementsAre("call"));
  EXPECT_EQ(decision.invoices[0].reason.code,
            ReasonCode::kLevelDueAfterBrokenPromise);
  EXPECT_EQ(decision.invoices[0].reason.date, D(2, 19));
  EXPECT_THAT(Describe(decision.invoices[0].reason),
              HasSubstr("promise broken on 2026-02-19"));
}

TEST(Dunning, PaymentPlanMissedInstalment) {
  const auto policy = TestPolicy();
  const Case c =
      Timeline({Issued("F-1", "300.00 EUR"),
                Sent(D(2, 15), "F-1", "reminder1"),
                {.date = D(2, 20),
                 .kind = EventKind::kPaymentPlanAgreed,
                 .invoice = "F-1",
                 .instalments = {{.date = D(3, 1), .amount = M("100.00 EUR")},
                                 {.date = D(4, 1), .amount = M("200.00 EUR")}}},
                Paid(D(3, 1), "F-1", "100.00 EUR")});
  EXPECT_THAT(EvaluateOk(policy, c, D(4, 1)).actions, IsEmpty());
  const Decision decision = EvaluateOk(policy, c, D(4, 2));
  EXPECT_THAT(Levels(decision), ElementsAre("call"));
  EXPECT_THAT(decision.actions[0].outstanding, ElementsAre(M("200.00 EUR")));
}

TEST(Dunning, PartialPaymentBelowTheMinimum) {
  const auto policy = TestPolicy();
  const Case c = Timeline(
      {Issued("F-1", "100.00 EUR"), Paid(D(2, 10), "F-1", "90.00 EUR")});
  const Decision decision = EvaluateOk(policy, c, D(2, 20));
  EXPECT_THAT(decision.actions, IsEmpty());
  EXPECT_THAT(decision.notes,
              ::testing::Contains(::testing::Field(
                  &Reason::code, ReasonCode::kBelowCustomerMinimum)));
  EXPECT_THAT(Describe(decision.notes.back()),
              HasSubstr("total of 10.00 EUR is below the customer minimum of "
                        "15.00 EUR"));
}

TEST(Dunning, TwoInvoicesAtDifferentLevelsInOneLetter) {
  const auto policy = TestPolicy();
  // F-1 is at reminder1 already; F-2 falls due on 1 March.
  const Case c = Timeline(
      {Issued("F-1", "1000.00 EUR"), Issued("F-2", "200.00 EUR", D(3, 1)),
       Sent(D(2, 15), "F-1", "reminder1"), Sent(D(2, 22), "F-1", "call")});
  const Decision decision = EvaluateOk(policy, c, D(3, 2));
  ASSERT_EQ(decision.actions.size(), 1u);
  const Communication& letter = decision.actions[0];
  // F-1 reaches reminder2 (+15 = 1 March); F-2 reminder1 (+1 = 2 March): one
  // letter at the higher level, listing both.
  EXPECT_EQ(letter.level, "reminder2");
  EXPECT_EQ(letter.level_number, 4);
  EXPECT_THAT(letter.invoices, ElementsAre("F-1", "F-2"));
  EXPECT_THAT(letter.invoice_levels, ElementsAre("reminder2", "reminder1"));
  EXPECT_THAT(letter.outstanding, ElementsAre(M("1200.00 EUR")));
  // Recording it records each invoice's own level.
  const Case recorded = WithActionsRecorded(c, decision);
  EXPECT_THAT(EvaluateOk(policy, recorded, D(3, 2)).actions, IsEmpty());
  EXPECT_EQ(EvaluateOk(policy, recorded, D(3, 2)).invoices[1].last_level,
            "reminder1");
}

TEST(Dunning, ActionsPerformedRecordOneEventPerLevelReached) {
  const auto policy = TestPolicy();
  const Case c = Timeline(
      {Issued("F-1", "1000.00 EUR"), Issued("F-2", "200.00 EUR", D(3, 1)),
       Sent(D(2, 15), "F-1", "reminder1"), Sent(D(2, 22), "F-1", "call")});
  const Decision decision = EvaluateOk(policy, c, D(3, 2));
  ASSERT_EQ(decision.actions.size(), 1u);
  // The letter of 2 March takes F-1 to reminder2 and F-2 to reminder1: two
  // events, in level-id order, each naming its invoice and the reference.
  const std::vector<Event> performed =
      ActionsPerformed(decision.actions[0], D(3, 3), "A-17");
  ASSERT_EQ(performed.size(), 2u);
  EXPECT_EQ(performed[0].level, "reminder1");
  EXPECT_EQ(performed[0].invoice, "F-2");
  EXPECT_EQ(performed[1].level, "reminder2");
  EXPECT_EQ(performed[1].invoice, "F-1");
  for (const Event& event : performed) {
    EXPECT_EQ(event.kind, EventKind::kActionPerformed);
    EXPECT_EQ(event.date, D(3, 3));
    EXPECT_EQ(event.reference, "A-17");
    EXPECT_EQ(event.channel, ToString(decision.actions[0].channel));
    EXPECT_THAT(event.Validate("performed"), IsOk());
  }
}

TEST(Dunning, AmountsInTwoCurrenciesAreNeverSummed) {
  // No minimum is set in USD: it is zero.
  const auto policy = TestPolicy();
  const Case c = Timeline(
      {Issued("F-1", "100.00 EUR"), Issued("F-2", "50.00 USD"),
       Sent(D(2, 15), "F-1", "reminder1"), Sent(D(2, 15), "F-2", "reminder1")});
  const Decision decision = EvaluateOk(policy, c, D(2, 22));
  ASSERT_EQ(decision.actions.size(), 1u);
  EXPECT_THAT(decision.actions[0].outstanding,
              ElementsAre(M("100.00 EUR"), M("50.00 USD")));
}

TEST(Dunning, AMonthWithoutRunsGivesTheNextLevelOnly) {
  const auto policy = TestPolicy();
  const Case c = Timeline(
      {Issued("F-1", "1000.00 EUR"), Sent(D(2, 15), "F-1", "reminder1")});
  // By 30 April every level up to agency is due, but the next one is sent.
  EXPECT_THAT(Levels(EvaluateOk(policy, c, D(4, 30))), ElementsAre("call"));
  // A policy that allows skipping, 3 levels per run, jumps two levels ahead.
  const auto skipping =
      TestPolicy(R"("allow_skipping_levels": true, "max_levels_per_run": 3)");
  EXPECT_THAT(Levels(EvaluateOk(skipping, c, D(4, 30))), ElementsAre("notice"));
}

TEST(Dunning, DunningBlock) {
  const auto policy = TestPolicy();
  const Case c = Timeline({Issued("F-1", "1000.00 EUR"),
                           Sent(D(2, 15), "F-1", "reminder1"),
                           {.date = D(2, 16),
                            .kind = EventKind::kDunningBlocked,
                            .invoice = "F-1",
                            .reason = "management review",
                            .until = D(3, 20)}});
  const Decision blocked = EvaluateOk(policy, c, D(3, 1));
  EXPECT_THAT(blocked.actions, IsEmpty());
  // Blocked until 20 March, included: the call goes out on the 21st.
  EXPECT_EQ(blocked.next_review, D(3, 21));
  EXPECT_THAT(EvaluateOk(policy, c, D(3, 20)).actions, IsEmpty());
  EXPECT_THAT(Levels(EvaluateOk(policy, c, D(3, 21))), ElementsAre("call"));
}

// A block with no end (until the last supported date, 9999-12-31: a
// factored invoice, e-invoice status 225) is reviewed never, and the case
// still evaluates: the day after the block is not a date relance supports.
TEST(Dunning, DunningBlockWithNoEnd) {
  const auto policy = TestPolicy();
  const Case c = Timeline({Issued("F-1", "1000.00 EUR"),
                           {.date = D(2, 16),
                            .kind = EventKind::kDunningBlocked,
                            .invoice = "F-1",
                            .reason = "factored",
                            .until = kMaxDate}});
  const Decision blocked = EvaluateOk(policy, c, D(3, 1));
  EXPECT_THAT(blocked.actions, IsEmpty());
  EXPECT_EQ(blocked.next_review, std::nullopt);
}

TEST(Dunning, ContactFrequencyCap) {
  const auto policy = TestPolicy(R"("min_days_between_contacts": 10)");
  const Case c = Timeline(
      {Issued("F-1", "1000.00 EUR"), Sent(D(2, 15), "F-1", "reminder1")});
  // The call would be due on 22 February, but not before 25 February.
  const Decision early = EvaluateOk(policy, c, D(2, 22));
  EXPECT_THAT(early.actions, IsEmpty());
  EXPECT_EQ(early.next_review, D(2, 25));
  EXPECT_THAT(Levels(EvaluateOk(policy, c, D(2, 25))), ElementsAre("call"));
}

TEST(Dunning, ErrorsFromTheFacts) {
  const auto policy = TestPolicy();
  // A paid invoice written off.
  Case c = Timeline(
      {Issued("F-1", "100.00 EUR"),
       Paid(D(3, 1), "F-1", "100.00 EUR"),
       {.date = D(3, 5), .kind = EventKind::kWrittenOff, .invoice = "F-1"}});
  EXPECT_THAT(Evaluate(policy, c, D(3, 10)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("not allowed for invoice F-1 in state paid")));
  // Events out of order.
  c = Timeline({Issued("F-1", "100.00 EUR"), Paid(D(3, 5), "F-1", "50.00 EUR"),
                Paid(D(3, 1), "F-1", "50.00 EUR")});
  EXPECT_THAT(Evaluate(policy, c, D(3, 10)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("events must be in date order")));
  // A segment the policy does not know.
  c = Timeline({Issued("F-1", "100.00 EUR"),
                {.date = D(2, 1),
                 .kind = EventKind::kSegmentAssigned,
                 .segment = "vip"}});
  EXPECT_THAT(Evaluate(policy, c, D(3, 10)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Forecast(policy, c, D(3, 10), D(3, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(Dunning, DatesAfterTheLastSupportedDateAreInputErrors) {
  // A policy without penalties, so that no rate series is needed near the
  // year 9999: one level 30 days after the due date, with a 10-day deadline.
  absl::StatusOr<Policy> policy = Policy::FromJson(R"({
    "id": "far", "version": 1, "min_days_between_contacts": 5,
    "levels": [{"id": "r1", "offset_days": 30, "channel": "email",
                "payment_deadline_days": 10}]})");
  ASSERT_THAT(policy, IsOk());
  const auto issued = [](Date due) {
    return Event{.date = MakeDate(9999, 11, 1),
                 .kind = EventKind::kInvoiceIssued,
                 .invoice = "F-1",
                 .amount = M("100.00 EUR"),
                 .due_date = due};
  };
  // Due 9999-12-20: r1 would be on 10000-01-19.
  Case c = Timeline({issued(MakeDate(9999, 12, 20))});
  EXPECT_THAT(Evaluate(*policy, c, MakeDate(9999, 12, 25)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the next level of invoice \"F-1\" falls "
                                 "after 9999-12-31")));
  // Due 9999-12-01: r1 is due on 9999-12-31, its deadline 10000-01-10.
  c = Timeline({issued(MakeDate(9999, 12, 1))});
  EXPECT_THAT(Evaluate(*policy, c, MakeDate(9999, 12, 31)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the payment deadline of r1 falls after")));
  // The day before, the review date 9999-12-31 is the last one supported.
  const Decision before = EvaluateOk(*policy, c, MakeDate(9999, 12, 30));
  EXPECT_EQ(before.next_review, MakeDate(9999, 12, 31));
  // The contact cap: r1 sent on 9999-12-29 allows no contact before
  // 10000-01-03.
  c = Timeline({issued(MakeDate(9999, 11, 29)),
                Sent(MakeDate(9999, 12, 29), "F-1", "r1")});
  EXPECT_THAT(Evaluate(*policy, c, MakeDate(9999, 12, 30)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the next contact allowed falls after")));
  // None of these messages prints a date after 9999-12-31.
  EXPECT_THAT(
      std::string(
          Evaluate(*policy, c, MakeDate(9999, 12, 30)).status().message()),
      ::testing::Not(HasSubstr("10000")));
}

TEST(Dunning, RecordedActionsCarryThePolicyVersion) {
  const auto policy = TestPolicy();
  const Case c = Timeline({Issued("F-1", "100.00 EUR")});
  const Decision decision = EvaluateOk(policy, c, D(2, 15));
  const Case recorded = WithActionsRecorded(c, decision);
  ASSERT_EQ(recorded.events.size(), 2u);
  EXPECT_EQ(recorded.events[1].level, "reminder1");
  EXPECT_EQ(recorded.events[1].reference, "test-fr v3");
}

TEST(Dunning, ReviewFixes) {
  const auto policy = TestPolicy();
  // An account-wide block before an invoice is issued does not concern it,
  // and a hand-off of the account only takes the overdue invoices.
  Case c = Timeline({{.date = D(1, 10),
                      .kind = EventKind::kDunningBlocked,
                      .until = D(1, 12)},
                     Issued("F-1", "1000.00 EUR"),
                     Issued("F-2", "500.00 EUR", D(4, 30)),
                     {.date = D(3, 20),
                      .kind = EventKind::kHandedToAgency,
                      .reference = "AG-1"}});
  Decision decision = EvaluateOk(policy, c, D(3, 21));
  EXPECT_EQ(decision.invoices[0].state, InvoiceState::kWithAgency);
  EXPECT_EQ(decision.invoices[1].state, InvoiceState::kNotYetDue);
  // A plan's next instalment is a review date, so Forecast does not miss
  // the escalation when an instalment is missed.
  c = Timeline({Issued("F-1", "300.00 EUR"),
                Sent(D(2, 15), "F-1", "reminder1"),
                {.date = D(2, 20),
                 .kind = EventKind::kPaymentPlanAgreed,
                 .invoice = "F-1",
                 .instalments = {{.date = D(3, 1), .amount = M("100.00 EUR")},
                                 {.date = D(4, 1), .amount = M("200.00 EUR")}}},
                Paid(D(3, 1), "F-1", "100.00 EUR")});
  absl::StatusOr<DunningForecast> forecast =
      Forecast(policy, c, D(2, 21), D(4, 10));
  ASSERT_THAT(forecast, IsOk());
  ASSERT_FALSE(forecast->items.empty());
  EXPECT_EQ(forecast->items.front().date, D(4, 2));
  EXPECT_EQ(forecast->items.front().action.level, "call");
  // A plan covering two invoices is kept by payments on either.
  c = Timeline(
      {Issued("F-1", "1000.00 EUR"),
       Issued("F-2", "1000.00 EUR"),
       {.date = D(2, 20),
        .kind = EventKind::kPaymentPlanAgreed,
        .instalments = {{.date = D(3, 1), .amount = M("1000.00 EUR")},
                        {.date = D(4, 1), .amount = M("1000.00 EUR")}}},
       Paid(D(3, 1), "F-1", "1000.00 EUR")});
  decision = EvaluateOk(policy, c, D(3, 10));
  EXPECT_THAT(decision.actions, IsEmpty());
  EXPECT_EQ(decision.invoices[1].state, InvoiceState::kOnPlan);
  // A dispute resolved while a block is in force returns to the block.
  c = Timeline(
      {Issued("F-1", "1000.00 EUR"),
       Sent(D(2, 15), "F-1", "reminder1"),
       {.date = D(2, 20),
        .kind = EventKind::kDunningBlocked,
        .invoice = "F-1",
        .until = D(4, 1)},
       {.date = D(3, 1), .kind = EventKind::kDisputeOpened, .invoice = "F-1"},
       {.date = D(3, 5),
        .kind = EventKind::kDisputeResolved,
        .invoice = "F-1",
        .outcome = DisputeOutcome::kRejected}});
  decision = EvaluateOk(policy, c, D(3, 6));
  EXPECT_EQ(decision.invoices[0].state, InvoiceState::kBlocked);
  EXPECT_THAT(decision.actions, IsEmpty());
  // The customer minimum counts everything overdue: a 10.00 invoice due for
  // reminder1 is sent because the customer owes 510.00 in all.
  c = Timeline({Issued("F-1", "500.00 EUR"),
                Issued("F-2", "10.00 EUR", D(2, 20)),
                Sent(D(2, 15), "F-1", "reminder1")});
  decision = EvaluateOk(policy, c, D(2, 21));
  ASSERT_EQ(decision.actions.size(), 1u);
  EXPECT_THAT(decision.actions[0].invoices, ElementsAre("F-2"));
  // An invoice issued after the forecast starts is found.
  forecast = Forecast(policy, Timeline({Issued("F-1", "100.00 EUR")}), D(1, 1),
                      D(2, 10));
  ASSERT_THAT(forecast, IsOk());
  ASSERT_FALSE(forecast->items.empty());
  EXPECT_EQ(forecast->items.front().date, D(2, 9));
  // Cases built in code are validated: an invoice without an amount.
  Case broken = Timeline({{.date = kIssue,
                           .kind = EventKind::kInvoiceIssued,
                           .invoice = "F-1",
                           .due_date = kDue}});
  EXPECT_THAT(Evaluate(policy, broken, D(3, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("amount: required")));
}

// Property: for random histories, recording the proposed actions and
// evaluating again on the same date proposes nothing.
TEST(Dunning, ReEvaluatingAfterRecordingProposesNothingProperty) {
  const Policy policies[] = {
      TestPolicy(),
      TestPolicy(
          R"("min_days_between_contacts": 10, "allow_skipping_levels": true, "max_levels_per_run": 3, "grouping": "per_invoice")")};
  std::mt19937 random(5);
  std::uniform_int_distribution<int> day(0, 90);
  std::uniform_int_distribution<int> kind(0, 7);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<Event> events = {Issued("F-1", "1000.00 EUR"),
                                 Issued("F-2", "400.00 EUR", D(3, 1))};
    std::vector<Date> dates;
    for (int i = 0; i < 5; ++i) dates.push_back(D(2, 1) + Days{day(random)});
    std::sort(dates.begin(), dates.end());
    int64_t paid = 0;
    bool disputed = false;
    for (Date date : dates) {
      switch (kind(random)) {
        case 0:
          if (paid < 90000) {
            events.push_back(Paid(date, "F-1", "100.00 EUR"));
            paid += 10000;
          }
          break;
        case 1:
          events.push_back({.date = date,
                            .kind = EventKind::kPromiseToPay,
                            .invoice = "F-2",
                            .promised_date = date + Days{7}});
          break;
        case 2:
          events.push_back({.date = date,
                            .kind = EventKind::kDunningBlocked,
                            .invoice = "F-1",
                            .until = date + Days{5}});
          break;
        case 3:  // account-wide promise
          events.push_back({.date = date,
                            .kind = EventKind::kPromiseToPay,
                            .promised_date = date + Days{3}});
          break;
        case 4:
          if (!disputed) {
            events.push_back({.date = date,
                              .kind = EventKind::kDisputeOpened,
                              .invoice = "F-2",
                              .amount = M("100.00 EUR")});
            disputed = true;
          }
          break;
        case 5:
          events.push_back(
              {.date = date,
               .kind = EventKind::kPaymentPlanAgreed,
               .invoice = "F-2",
               .instalments = {
                   {.date = date + Days{10}, .amount = M("200.00 EUR")},
                   {.date = date + Days{40}, .amount = M("200.00 EUR")}}});
          break;
        default:
          break;
      }
    }
    const Case c = Timeline(events);
    for (const auto& policy : policies) {
      for (Date as_of : {D(2, 20), D(3, 15), D(4, 30), D(5, 31)}) {
        absl::StatusOr<Decision> first = Evaluate(policy, c, as_of);
        ASSERT_THAT(first, IsOk()) << "trial " << trial;
        const Case recorded = WithActionsRecorded(c, *first);
        absl::StatusOr<Decision> again = Evaluate(policy, recorded, as_of);
        ASSERT_THAT(again, IsOk());
        ASSERT_THAT(again->actions, IsEmpty()) << "trial " << trial;
      }
    }
  }
}

// --- Reason codes of each outcome (issue 9) --------------------------------

// The policy of kPolicy without penalties (figures that are the invoice's).
// An acknowledgement is evidence, not a fact of the ladder (issue 13): the
// decisions with and without the acknowledgements are the same, day by day,
// through a ladder taken to the agency (F-1: the registered notice signed
// for), a dispute (F-2: a reminder acknowledged while disputed) and a paid
// invoice (F-3: the card of its notice back after the payment).
TEST(Dunning, AcknowledgementsChangeNoDecision) {
  const auto policy = TestPolicy();
  const auto notice = [](Date date, const char* invoice, const char* number) {
    return Event{.date = date,
                 .kind = EventKind::kActionPerformed,
                 .invoice = invoice,
                 .level = "notice",
                 .channel = "registered_letter",
                 .reference = number};
  };
  const auto acknowledged = [](Date date, const char* number) {
    return Event{.date = date,
                 .kind = EventKind::kActionAcknowledged,
                 .reference = number,
                 .reason = "signed"};
  };
  Event reminder = Sent(D(2, 15), "F-2", "reminder1");
  reminder.reference = "mail-77";
  const std::vector<Event> facts = {
      Issued("F-1", "1000.00 EUR"),
      Issued("F-2", "300.00 EUR"),
      Issued("F-3", "200.00 EUR"),
      reminder,
      {.date = D(2, 20), .kind = EventKind::kDisputeOpened, .invoice = "F-2"},
      notice(D(3, 7), "F-1", "1A 111"),
      notice(D(3, 7), "F-3", "1A 333"),
      Paid(D(3, 8), "F-3", "200.00 EUR"),
      {.date = D(3, 31),
       .kind = EventKind::kActionPerformed,
       .invoice = "F-1",
       .level = "agency",
       .channel = "agency_handoff",
       .reference = "agency file 9"},
      {.date = D(3, 31),
       .kind = EventKind::kHandedToAgency,
       .invoice = "F-1",
       .reference = "agency file 9"}};
  // The same facts with acknowledgements at the end of their day (events
  // after them keep their order).
  std::vector<Event> with = facts;
  with.insert(with.begin() + 5, acknowledged(D(2, 21), "mail-77"));
  with.insert(with.begin() + 9, acknowledged(D(3, 9), "1A 333"));
  with.insert(with.begin() + 10, acknowledged(D(3, 10), "1A 111"));
  with.push_back(acknowledged(D(3, 31), "agency file 9"));
  ASSERT_EQ(with[4].kind, EventKind::kDisputeOpened);
  ASSERT_EQ(with[8].kind, EventKind::kPaymentReceived);
  const Case without_case = Timeline(facts);
  const Case with_case = Timeline(with);
  for (Date day = D(2, 1); day <= D(5, 31); day = day + Days{1}) {
    const Decision plain = EvaluateOk(policy, without_case, day);
    const Decision acknowledged_case = EvaluateOk(policy, with_case, day);
    ASSERT_EQ(DecisionToJson(acknowledged_case), DecisionToJson(plain))
        << FormatDate(day);
  }
  // And the states reached are those of the facts alone: F-1 with the
  // agency, F-2 disputed, F-3 paid.
  const Decision last = EvaluateOk(policy, with_case, D(5, 31));
  EXPECT_EQ(last.invoices[0].state, InvoiceState::kWithAgency);
  EXPECT_EQ(last.invoices[1].state, InvoiceState::kDisputed);
  EXPECT_EQ(last.invoices[2].state, InvoiceState::kPaid);
}

Policy PolicyWithoutPenalties(std::string_view extra = "") {
  std::string text = kPolicy;
  text.erase(text.find("\"penalties\": \"fr-b2b\","),
             std::string_view("\"penalties\": \"fr-b2b\",").size());
  if (!extra.empty()) {
    text.insert(text.find("\"levels\""), std::string(extra) + ", ");
  }
  absl::StatusOr<Policy> policy = Policy::FromJson(text);
  EXPECT_THAT(policy, IsOk());
  return *policy;
}

Reason ReasonOf(const Decision& decision, std::string_view invoice) {
  for (const InvoiceDecision& status : decision.invoices) {
    if (status.invoice == invoice) return status.reason;
  }
  ADD_FAILURE() << "no invoice " << invoice;
  return {};
}

bool HasNote(const Decision& decision, ReasonCode code) {
  for (const Reason& note : decision.notes) {
    if (note.code == code) return true;
  }
  return false;
}

TEST(DunningReasons, NotYetDueNamesTheNextLevelAndItsDate) {
  const auto policy = PolicyWithoutPenalties();
  const Case c = Timeline({Issued("F-1", "100.00 EUR")});
  // Due 14 February; courtesy at -5 days = 9 February.
  EXPECT_EQ(ReasonOf(EvaluateOk(policy, c, D(2, 1)), "F-1"),
            (Reason{.code = ReasonCode::kNotYetDue,
                    .level = "courtesy",
                    .date = kDue,
                    .next_date = D(2, 9)}));
  // After the courtesy notice: reminder1 at +1 = 15 February.
  const Case sent =
      Timeline({Issued("F-1", "100.00 EUR"), Sent(D(2, 9), "F-1", "courtesy")});
  EXPECT_EQ(ReasonOf(EvaluateOk(policy, sent, D(2, 14)), "F-1"),
            (Reason{.code = ReasonCode::kNotYetDue,
                    .level = "reminder1",
                    .date = kDue,
                    .next_date = D(2, 15)}));
}

TEST(DunningReasons, LevelDueAndWaitingForLevel) {
  const auto policy = PolicyWithoutPenalties();
  const Case c = Timeline(
      {Issued("F-1", "100.00 EUR"), Sent(D(2, 15), "F-1", "reminder1")});
  // 20 February: 6 days late; the call (3rd level) is at +8 = 22 February.
  const Decision waiting = EvaluateOk(policy, c, D(2, 20));
  EXPECT_EQ(ReasonOf(waiting, "F-1"),
            (Reason{.code = ReasonCode::kWaitingForLevel,
                    .level = "call",
                    .level_number = 3,
                    .next_date = D(2, 22),
                    .days = 6}));
  EXPECT_EQ(waiting.invoices[0].next_level_date, D(2, 22));
  // 22 February: 8 days late, the call is due.
  EXPECT_EQ(ReasonOf(EvaluateOk(policy, c, D(2, 22)), "F-1"),
            (Reason{.code = ReasonCode::kLevelDue,
                    .level = "call",
                    .level_number = 3,
                    .days = 8}));
}

TEST(DunningReasons, WaitingForTheMinimumGap) {
  // reminder1 sent late, on 20 February; the call's date (22 February) is
  // within the policy default of 5 days: it waits until 25 February.
  const Case c = Timeline(
      {Issued("F-1", "100.00 EUR"), Sent(D(2, 20), "F-1", "reminder1")});
  const Decision decision = EvaluateOk(PolicyWithoutPenalties(), c, D(2, 22));
  EXPECT_THAT(decision.actions, IsEmpty());
  EXPECT_EQ(ReasonOf(decision, "F-1"),
            (Reason{.code = ReasonCode::kWaitingForGap,
                    .level = "call",
                    .level_number = 3,
                    .date = D(2, 20),
                    .next_date = D(2, 25),
                    .days = 5}));
  EXPECT_EQ(decision.next_review, D(2, 25));
  EXPECT_THAT(Levels(EvaluateOk(PolicyWithoutPenalties(), c, D(2, 25))),
              ElementsAre("call"));
  // A policy gap of 2 days, but the call's own min_days_since_previous of 9:
  // the larger, 20 February + 9 = 29 February -> 1 March (2026 is not a
  // leap year).
  std::string text = kPolicy;
  text.replace(text.find(R"("channel": "phone")"),
               std::string_view(R"("channel": "phone")").size(),
               R"("channel": "phone", "min_days_since_previous": 9)");
  text.insert(text.find("\"levels\""), R"("min_days_between_levels": 2, )");
  absl::StatusOr<Policy> policy = Policy::FromJson(text);
  ASSERT_THAT(policy, IsOk());
  const Reason reason = ReasonOf(EvaluateOk(*policy, c, D(2, 25)), "F-1");
  EXPECT_EQ(reason.code, ReasonCode::kWaitingForGap);
  EXPECT_EQ(reason.next_date, D(3, 1));
  EXPECT_EQ(reason.days, 9);
}

TEST(DunningReasons, Pauses) {
  const auto policy = PolicyWithoutPenalties();
  const Event issued = Issued("F-1", "1000.00 EUR");
  const Event reminder = Sent(D(2, 15), "F-1", "reminder1");
  Case c = Timeline({issued,
                     reminder,
                     {.date = D(2, 16),
                      .kind = EventKind::kDisputeOpened,
                      .invoice = "F-1"}});
  EXPECT_EQ(ReasonOf(EvaluateOk(policy, c, D(3, 1)), "F-1"),
            (Reason{.code = ReasonCode::kPausedByDispute,
                    .amount = M("1000.00 EUR")}));
  c = Timeline({issued,
                reminder,
                {.date = D(2, 16),
                 .kind = EventKind::kPromiseToPay,
                 .invoice = "F-1",
                 .amount = M("400.00 EUR"),
                 .promised_date = D(3, 10)}});
  EXPECT_EQ(ReasonOf(EvaluateOk(policy, c, D(3, 1)), "F-1"),
            (Reason{.code = ReasonCode::kPausedByPromise,
                    .date = D(3, 10),
                    .amount = M("400.00 EUR")}));
  c = Timeline({issued,
                reminder,
                {.date = D(2, 16),
                 .kind = EventKind::kPaymentPlanAgreed,
                 .invoice = "F-1",
                 .instalments = {{.date = D(3, 1), .amount = M("500.00 EUR")},
                                 {.date = D(4, 1), .amount = M("500.00 EUR")}}},
                Paid(D(3, 1), "F-1", "500.00 EUR")});
  // The 1 April instalment would show as missed on 2 April.
  EXPECT_EQ(ReasonOf(EvaluateOk(policy, c, D(3, 5)), "F-1"),
            (Reason{.code = ReasonCode::kPausedByPlan, .next_date = D(4, 2)}));
  c = Timeline({issued,
                reminder,
                {.date = D(2, 16),
                 .kind = EventKind::kDunningBlocked,
                 .invoice = "F-1",
                 .until = D(3, 20)}});
  // "Until 20 March" includes 20 March.
  EXPECT_EQ(ReasonOf(EvaluateOk(policy, c, D(3, 20)), "F-1"),
            (Reason{.code = ReasonCode::kPausedByBlock, .date = D(3, 20)}));
}

TEST(DunningReasons, LadderCompleteAlreadyActedClosedThankYou) {
  const auto policy = PolicyWithoutPenalties(
      R"("thank_you_after_payment": true, "min_days_between_levels": 0)");
  // Every level sent: legal is the last.
  Case c =
      Timeline({Issued("F-1", "1000.00 EUR"), Sent(D(5, 15), "F-1", "legal")});
  EXPECT_EQ(ReasonOf(EvaluateOk(policy, c, D(6, 1)), "F-1"),
            (Reason{.code = ReasonCode::kLadderComplete, .level = "legal"}));
  // An action recorded today (reminder1 on the 22nd; the call is due).
  c = Timeline(
      {Issued("F-1", "1000.00 EUR"), Sent(D(2, 22), "F-1", "reminder1")});
  EXPECT_EQ(ReasonOf(EvaluateOk(policy, c, D(2, 22)), "F-1"),
            (Reason{.code = ReasonCode::kAlreadyActedToday, .date = D(2, 22)}));
  // Written off: closed.
  c = Timeline(
      {Issued("F-1", "1000.00 EUR"),
       {.date = D(3, 1), .kind = EventKind::kWrittenOff, .invoice = "F-1"}});
  EXPECT_EQ(ReasonOf(EvaluateOk(policy, c, D(3, 2)), "F-1"),
            (Reason{.code = ReasonCode::kClosed,
                    .state = InvoiceState::kWrittenOff}));
  // Paid after a reminder: thank-you, with the payment date.
  c = Timeline({Issued("F-1", "1000.00 EUR"),
                Sent(D(2, 15), "F-1", "reminder1"),
                Paid(D(2, 20), "F-1", "1000.00 EUR")});
  EXPECT_EQ(ReasonOf(EvaluateOk(policy, c, D(2, 21)), "F-1"),
            (Reason{.code = ReasonCode::kThankYou, .date = D(2, 20)}));
}

TEST(DunningReasons, Minimums) {
  // Invoice minimum 1.00 EUR: 0.50 EUR left is below it.
  auto policy = PolicyWithoutPenalties();
  Case c = Timeline(
      {Issued("F-1", "100.00 EUR"), Paid(D(2, 10), "F-1", "99.50 EUR")});
  EXPECT_EQ(ReasonOf(EvaluateOk(policy, c, D(2, 15)), "F-1"),
            (Reason{.code = ReasonCode::kBelowInvoiceMinimum,
                    .level = "reminder1",
                    .amount = M("0.50 EUR"),
                    .threshold = M("1.00 EUR")}));
  // Customer minimum 15.00 EUR: 10.00 EUR left is below it (decision note
  // and invoice reason).
  c = Timeline(
      {Issued("F-1", "100.00 EUR"), Paid(D(2, 10), "F-1", "90.00 EUR")});
  const Decision decision = EvaluateOk(policy, c, D(2, 15));
  EXPECT_THAT(decision.actions, IsEmpty());
  EXPECT_EQ(ReasonOf(decision, "F-1"),
            (Reason{.code = ReasonCode::kBelowCustomerMinimum,
                    .level = "reminder1",
                    .amount = M("10.00 EUR"),
                    .threshold = M("15.00 EUR")}));
  EXPECT_TRUE(HasNote(decision, ReasonCode::kBelowCustomerMinimum));
  // A level minimum of 500.00 EUR on the call: 400.00 EUR is below it.
  std::string text = kPolicy;
  text.replace(text.find(R"("channel": "phone")"),
               std::string_view(R"("channel": "phone")").size(),
               R"("channel": "phone", "minimum_amount": "500.00 EUR")");
  absl::StatusOr<Policy> with_level_minimum = Policy::FromJson(text);
  ASSERT_THAT(with_level_minimum, IsOk());
  c = Timeline(
      {Issued("F-1", "400.00 EUR"), Sent(D(2, 15), "F-1", "reminder1")});
  EXPECT_EQ(ReasonOf(EvaluateOk(*with_level_minimum, c, D(2, 22)), "F-1"),
            (Reason{.code = ReasonCode::kBelowLevelMinimum,
                    .level = "call",
                    .amount = M("400.00 EUR"),
                    .threshold = M("500.00 EUR")}));
}

TEST(DunningReasons, ContactCapGivesTheDates) {
  const auto policy =
      PolicyWithoutPenalties(R"("min_days_between_contacts": 10)");
  const Case c = Timeline(
      {Issued("F-1", "1000.00 EUR"), Sent(D(2, 15), "F-1", "reminder1")});
  // The call is due on 22 February; last contact 15 February + 10 = 25.
  const Reason expected{.code = ReasonCode::kContactCap,
                        .level = "call",
                        .date = D(2, 15),
                        .next_date = D(2, 25),
                        .days = 10};
  const Decision decision = EvaluateOk(policy, c, D(2, 22));
  EXPECT_EQ(ReasonOf(decision, "F-1"), expected);
  EXPECT_TRUE(HasNote(decision, ReasonCode::kContactCap));
}

// --- Claims, fees, statements, account block -------------------------------

Case LateIn2024(const char* amount, const char* currency_amount_paid,
                Date paid) {
  return Timeline({{.date = MakeDate(2024, 1, 31),
                    .kind = EventKind::kInvoiceIssued,
                    .invoice = "F-1",
                    .amount = M(amount),
                    .due_date = MakeDate(2024, 3, 1)},
                   Paid(paid, "F-1", currency_amount_paid)});
}

TEST(DunningClaims, PaidLateKeepsAClaimReported) {
  // As tests/penalty_test.cpp FranceStatutoryRate: 1000 EUR due 2024-03-01
  // paid 30 days late at 14.50 % (ECB 4.50 % + 10 points): 1000 x 0.145 x
  // 30/365 = 11.92, plus the EUR 40 of D441-5: a claim of 51.92 EUR.
  const auto policy = TestPolicy();
  const Case c =
      LateIn2024("1000.00 EUR", "1000.00 EUR", MakeDate(2024, 3, 31));
  const Decision decision = EvaluateOk(policy, c, MakeDate(2024, 3, 31));
  EXPECT_THAT(decision.actions, IsEmpty());
  const InvoiceDecision& status = decision.invoices[0];
  EXPECT_EQ(status.state, InvoiceState::kPaid);
  EXPECT_EQ(status.days_late, 30);  // 1 March to 31 March
  EXPECT_EQ(status.penalty_status, PenaltyStatus::kComputed);
  EXPECT_EQ(status.interest, M("11.92 EUR"));
  EXPECT_EQ(status.compensation, M("40.00 EUR"));
  EXPECT_EQ(status.claim, M("51.92 EUR"));
  EXPECT_EQ(status.total_due, M("51.92 EUR"));
  EXPECT_EQ(status.reason, (Reason{.code = ReasonCode::kClaimReported,
                                   .amount = M("51.92 EUR")}));
  EXPECT_THAT(decision.total_due, ElementsAre(M("51.92 EUR")));
}

TEST(DunningClaims, DunnedWhenThePolicySaysSo) {
  const auto policy = TestPolicy(R"("dun_late_payment_claims": true)");
  const Case c =
      LateIn2024("1000.00 EUR", "1000.00 EUR", MakeDate(2024, 3, 31));
  const Decision decision = EvaluateOk(policy, c, MakeDate(2024, 3, 31));
  // 30 days late, nothing sent: the first level after the due date,
  // reminder1 (2nd of the ladder), for the claim of 51.92 EUR.
  ASSERT_THAT(Levels(decision), ElementsAre("reminder1"));
  EXPECT_EQ(ReasonOf(decision, "F-1"), (Reason{.code = ReasonCode::kClaimDue,
                                               .level = "reminder1",
                                               .level_number = 2,
                                               .amount = M("51.92 EUR")}));
  const Communication& letter = decision.actions[0];
  EXPECT_THAT(letter.outstanding, ElementsAre(M("0.00 EUR")));
  EXPECT_THAT(letter.total_due, ElementsAre(M("51.92 EUR")));
}

TEST(DunningClaims, CashBeyondTheInvoiceSettlesTheClaimFirst) {
  // As PaidLateKeepsAClaimReported: 1000.00 paid on 31 March, 30 days late,
  // leaves a claim of 51.92 EUR (fr-b2b: the payment went to the 40.00 and
  // the 11.92 of interest first, so 51.92 of principal is still owed). A
  // second payment of 60.00 the same day settles those 51.92: 8.08 is
  // unapplied, not 60.00 (the lifecycle alone, which knows no claim, would
  // say 60.00).
  const auto policy = TestPolicy();
  Case c = LateIn2024("1000.00 EUR", "1000.00 EUR", MakeDate(2024, 3, 31));
  c.events.push_back(Paid(MakeDate(2024, 3, 31), "F-1", "60.00 EUR"));
  const Decision decision = EvaluateOk(policy, c, MakeDate(2024, 3, 31));
  const InvoiceDecision& status = decision.invoices[0];
  EXPECT_EQ(status.claim, M("0.00 EUR"));
  EXPECT_EQ(status.total_due, M("0.00 EUR"));
  EXPECT_EQ(status.unapplied, M("8.08 EUR"));
  bool found = false;
  for (const Reason& note : decision.notes) {
    if (note.code != ReasonCode::kUnappliedCash) continue;
    found = true;
    EXPECT_EQ(note.amount, M("8.08 EUR"));
  }
  EXPECT_TRUE(found);
  // Without the second payment nothing is unapplied.
  const Decision alone = EvaluateOk(
      policy, LateIn2024("1000.00 EUR", "1000.00 EUR", MakeDate(2024, 3, 31)),
      MakeDate(2024, 3, 31));
  EXPECT_EQ(alone.invoices[0].unapplied, M("0.00 EUR"));
}

TEST(DunningClaims, UkClaimStopsGrowingAfterPayment) {
  absl::StatusOr<Policy> policy = Policy::FromJson(
      testing::ReadExampleFile("policies/uk_late_payment.json"));
  ASSERT_THAT(policy, IsOk());
  // Late Payment of Commercial Debts (Interest) Act 1998: Bank of England
  // base rate on 31 December 2023 (5.25 %) + 8 points = 13.25 %; 500 GBP x
  // 0.1325 x 30/365 = 5.445 -> 5.45 GBP; fixed sum for a debt under
  // 1000 GBP: 40 GBP (s. 5A). Claim 45.45 GBP.
  const Case c = LateIn2024("500.00 GBP", "500.00 GBP", MakeDate(2024, 3, 31));
  const Decision on_payment = EvaluateOk(*policy, c, MakeDate(2024, 3, 31));
  EXPECT_EQ(on_payment.invoices[0].claim, M("45.45 GBP"));
  const Decision later = EvaluateOk(*policy, c, MakeDate(2024, 6, 30));
  EXPECT_EQ(later.invoices[0].claim, M("45.45 GBP"));
  EXPECT_EQ(later.invoices[0].interest, M("5.45 GBP"));
}

TEST(DunningFees, ChargedFeeShowsInTheNextCommunication) {
  const auto policy = PolicyWithoutPenalties();
  Event reminder2 = Sent(D(3, 1), "F-1", "reminder2");
  reminder2.amount = M("10.00 EUR");  // the fee charged
  const Case c = Timeline({Issued("F-1", "1000.00 EUR"),
                           Sent(D(2, 15), "F-1", "reminder1"),
                           Sent(D(2, 22), "F-1", "call"), reminder2});
  // The notice (+21 = 7 March) carries the 10.00 fee charged: 1010.00.
  const Decision decision = EvaluateOk(policy, c, D(3, 7));
  ASSERT_THAT(Levels(decision), ElementsAre("notice"));
  EXPECT_EQ(decision.invoices[0].fees_charged, M("10.00 EUR"));
  EXPECT_EQ(decision.invoices[0].claim, M("10.00 EUR"));
  EXPECT_THAT(decision.actions[0].fees_charged, ElementsAre(M("10.00 EUR")));
  EXPECT_THAT(decision.actions[0].total_due, ElementsAre(M("1010.00 EUR")));
}

TEST(DunningFees, RecordedActionCarriesTheLevelFee) {
  const auto policy = PolicyWithoutPenalties();
  const Case c = Timeline({Issued("F-1", "1000.00 EUR"),
                           Sent(D(2, 15), "F-1", "reminder1"),
                           Sent(D(2, 22), "F-1", "call")});
  // reminder2 (+15 = 1 March) has a fee of 10.00 EUR.
  const Decision decision = EvaluateOk(policy, c, D(3, 1));
  ASSERT_THAT(Levels(decision), ElementsAre("reminder2"));
  EXPECT_THAT(decision.actions[0].fees, ElementsAre(M("10.00 EUR")));
  EXPECT_THAT(decision.actions[0].total_due, ElementsAre(M("1010.00 EUR")));
  const Case recorded = WithActionsRecorded(c, decision);
  EXPECT_EQ(recorded.events.back().level, "reminder2");
  EXPECT_EQ(recorded.events.back().amount, M("10.00 EUR"));
  EXPECT_EQ(EvaluateOk(policy, recorded, D(3, 2)).invoices[0].fees_charged,
            M("10.00 EUR"));
}

TEST(DunningStatement, ListsEveryOverdueInvoice) {
  std::string text = kPolicy;
  text.erase(text.find("\"penalties\": \"fr-b2b\","),
             std::string_view("\"penalties\": \"fr-b2b\",").size());
  text.replace(text.find(R"("channel": "phone")"),
               std::string_view(R"("channel": "phone")").size(),
               R"("channel": "phone", "statement_of_account": true)");
  absl::StatusOr<Policy> policy = Policy::FromJson(text);
  ASSERT_THAT(policy, IsOk());
  // F-1 reaches the call on 22 February; F-2 (due 20 February, reminder1
  // sent on the 21st) waits for its call; F-3 is not yet due; F-4 is paid.
  const Case c = Timeline(
      {Issued("F-1", "1000.00 EUR"), Issued("F-2", "200.00 EUR", D(2, 20)),
       Issued("F-3", "300.00 EUR", D(3, 31)),
       Issued("F-4", "50.00 EUR", D(2, 1)), Paid(D(2, 1), "F-4", "50.00 EUR"),
       Sent(D(2, 15), "F-1", "reminder1"), Sent(D(2, 21), "F-2", "reminder1")});
  const Decision decision = EvaluateOk(*policy, c, D(2, 22));
  ASSERT_THAT(Levels(decision), ElementsAre("call"));
  EXPECT_THAT(decision.actions[0].invoices, ElementsAre("F-1"));
  EXPECT_THAT(decision.actions[0].statement, ElementsAre("F-1", "F-2"));
}

TEST(DunningAccount, BlockedAccountIsNotBlockedAgain) {
  const auto policy = PolicyWithoutPenalties();
  const Event issued = Issued("F-1", "1000.00 EUR");
  const std::vector<Event> sent = {Sent(D(2, 15), "F-1", "reminder1"),
                                   Sent(D(2, 22), "F-1", "call"),
                                   Sent(D(3, 1), "F-1", "reminder2")};
  // Not blocked: the notice (+21 = 7 March) blocks the account.
  Case c = Timeline({issued, sent[0], sent[1], sent[2]});
  Decision decision = EvaluateOk(policy, c, D(3, 7));
  ASSERT_THAT(Levels(decision), ElementsAre("notice"));
  EXPECT_TRUE(decision.actions[0].block_account);
  EXPECT_EQ(decision.account_blocked_since, std::nullopt);
  // Performed: blocked from 7 March.
  const Case performed = WithActionsRecorded(c, decision);
  decision = EvaluateOk(policy, performed, D(3, 8));
  EXPECT_EQ(decision.account_blocked_since, D(3, 7));
  EXPECT_TRUE(HasNote(decision, ReasonCode::kAccountBlocked));
  // Blocked by the host on 2 March: the notice does not ask again.
  const Event blocked{.date = D(3, 2), .kind = EventKind::kAccountBlocked};
  c = Timeline({issued, sent[0], sent[1], sent[2], blocked});
  decision = EvaluateOk(policy, c, D(3, 7));
  EXPECT_EQ(decision.account_blocked_since, D(3, 2));
  ASSERT_THAT(Levels(decision), ElementsAre("notice"));
  EXPECT_FALSE(decision.actions[0].block_account);
  // Unblocked on 5 March: the notice asks again.
  c = Timeline({issued,
                sent[0],
                sent[1],
                sent[2],
                blocked,
                {.date = D(3, 5), .kind = EventKind::kAccountUnblocked}});
  decision = EvaluateOk(policy, c, D(3, 7));
  EXPECT_EQ(decision.account_blocked_since, std::nullopt);
  ASSERT_THAT(Levels(decision), ElementsAre("notice"));
  EXPECT_TRUE(decision.actions[0].block_account);
}

TEST(DunningPenalties, UnavailableStillProposesTheActions) {
  // The built-in ECB series ends before 1 December 2026 (as the CLI test
  // evaluate-today-unavailable): the penalties cannot be computed.
  const auto policy = TestPolicy();
  const Case c = Timeline({Issued("F-1", "1000.00 EUR")});
  const Decision decision = EvaluateOk(policy, c, D(12, 1));
  EXPECT_THAT(Levels(decision), ElementsAre("reminder1"));
  EXPECT_EQ(decision.invoices[0].penalty_status, PenaltyStatus::kUnavailable);
  EXPECT_EQ(decision.invoices[0].interest, std::nullopt);
  EXPECT_TRUE(decision.PenaltiesUnavailable());
  ASSERT_TRUE(HasNote(decision, ReasonCode::kPenaltyUnavailable));
  for (const Reason& note : decision.notes) {
    if (note.code == ReasonCode::kPenaltyUnavailable) {
      EXPECT_EQ(note.invoice, "F-1");
      EXPECT_FALSE(note.detail.empty());
    }
  }
}

TEST(DunningLevels, UnknownLevelRefusedOtherLadderByOffset) {
  const auto policy = PolicyWithoutPenalties();
  const Case c = Timeline(
      {Issued("F-1", "1000.00 EUR"), Sent(D(2, 15), "F-1", "reminder9")});
  EXPECT_THAT(Evaluate(policy, c, D(3, 1)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("\"reminder9\"")));
  // uk_late_payment.json: "call" (offset 5) is a level of the firm ladder;
  // on the default ladder it reaches reminder1 (offset 1 <= 5), so the next
  // is reminder2.
  absl::StatusOr<Policy> uk = Policy::FromJson(
      testing::ReadExampleFile("policies/uk_late_payment.json"));
  ASSERT_THAT(uk, IsOk());
  const Case firm =
      Timeline({Issued("F-1", "1000.00 GBP"), Sent(D(2, 19), "F-1", "call")});
  const Decision decision = EvaluateOk(*uk, firm, D(2, 20));
  EXPECT_EQ(decision.invoices[0].next_level, "reminder2");
}

TEST(DunningNotes, UnappliedCash) {
  const Case c = Timeline(
      {Issued("F-1", "100.00 EUR"), Paid(D(2, 10), "F-1", "120.00 EUR")});
  const Decision decision = EvaluateOk(PolicyWithoutPenalties(), c, D(2, 20));
  EXPECT_EQ(decision.invoices[0].unapplied, M("20.00 EUR"));
  bool found = false;
  for (const Reason& note : decision.notes) {
    if (note.code != ReasonCode::kUnappliedCash) continue;
    found = true;
    EXPECT_EQ(note.invoice, "F-1");
    EXPECT_EQ(note.amount, M("20.00 EUR"));
  }
  EXPECT_TRUE(found);
}

TEST(DunningPenalties, ContractualRuleWithHostRates) {
  // examples/penalties/contract_15.json as the policy's {"rule": ...},
  // compiled with the host's rates (PolicyPenaltyOptions): 15 % a year,
  // act/365, EUR 40. 1000 EUR due 14 February, 30 days late on 16 March:
  // 1000 x 0.15 x 30/365 = 12.3288 -> 12.33 EUR; claim 52.33 EUR.
  const std::string rule =
      testing::ReadExampleFile("penalties/contract_15.json");
  std::string text = kPolicy;
  text.replace(text.find("\"fr-b2b\""), std::string_view("\"fr-b2b\"").size(),
               "{\"rule\": " + rule + "}");
  absl::StatusOr<Policy> policy =
      Policy::FromJson(text, {.rates = ReferenceRates::Builtin()});
  ASSERT_THAT(policy, IsOk());
  const Decision decision =
      EvaluateOk(*policy, Timeline({Issued("F-1", "1000.00 EUR")}), D(3, 16));
  const InvoiceDecision& status = decision.invoices[0];
  EXPECT_EQ(status.penalty_status, PenaltyStatus::kComputed);
  EXPECT_EQ(status.interest, M("12.33 EUR"));
  EXPECT_EQ(status.compensation, M("40.00 EUR"));
  EXPECT_EQ(status.claim, M("52.33 EUR"));
  EXPECT_EQ(status.total_due, M("1052.33 EUR"));
}

TEST(DunningFees, WrittenOffInvoiceOwesNoFees) {
  // Regression: the fee charged by reminder2 stayed in the claim and the
  // customer's total due after the invoice was written off.
  Event reminder2 = Sent(D(3, 1), "F-1", "reminder2");
  reminder2.amount = M("10.00 EUR");
  const Case c = Timeline(
      {Issued("F-1", "1000.00 EUR"),
       Sent(D(2, 15), "F-1", "reminder1"),
       Sent(D(2, 22), "F-1", "call"),
       reminder2,
       {.date = D(3, 5), .kind = EventKind::kWrittenOff, .invoice = "F-1"}});
  const Decision decision = EvaluateOk(TestPolicy(), c, D(3, 10));
  EXPECT_EQ(decision.invoices[0].state, InvoiceState::kWrittenOff);
  EXPECT_EQ(decision.invoices[0].claim, M("0.00 EUR"));
  EXPECT_EQ(decision.invoices[0].total_due, M("0.00 EUR"));
  EXPECT_THAT(decision.total_due, IsEmpty());
  EXPECT_EQ(decision.invoices[0].reason,
            (Reason{.code = ReasonCode::kClosed,
                    .state = InvoiceState::kWrittenOff}));
}

}  // namespace
}  // namespace relance
