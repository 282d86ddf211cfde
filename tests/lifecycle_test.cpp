#include "relance/lifecycle.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "example_files.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

Money M(const char* text) { return *Money::Parse(text); }

// A case built as a readable timeline.
Case Timeline(std::vector<Event> events) {
  return Case{.customer_id = "C-1", .events = std::move(events)};
}

Event Issued(Date date, const char* invoice, const char* amount, Date due) {
  return {.date = date,
          .kind = EventKind::kInvoiceIssued,
          .invoice = invoice,
          .amount = M(amount),
          .due_date = due};
}
Event Paid(Date date, const char* invoice, const char* amount) {
  return {.date = date,
          .kind = EventKind::kPaymentReceived,
          .invoice = invoice,
          .amount = M(amount)};
}

InvoiceLifecycle FoldOk(const Case& c, const char* invoice, Date as_of) {
  absl::StatusOr<InvoiceLifecycle> life = FoldInvoice(c, invoice, as_of);
  EXPECT_THAT(life, IsOk());
  return life.ok() ? *life
                   : InvoiceLifecycle{.amount = M("0.00 EUR"),
                                      .balance = M("0.00 EUR"),
                                      .disputed = M("0.00 EUR")};
}

const Date kIssue = MakeDate(2026, 1, 15);
const Date kDue = MakeDate(2026, 2, 14);

TEST(Lifecycle, TheTableIsWellFormed) {
  std::set<std::pair<InvoiceState, Trigger>> seen_unguarded;
  std::set<std::tuple<InvoiceState, Trigger, Guard>> rows;
  for (const Transition& row : Transitions()) {
    // A closed invoice stays closed: a thank-you, a claim reminder, cash
    // received (unapplied) or a credit implementing an upheld dispute leave
    // it where it is; only a payment recovered after a write-off moves it,
    // to paid.
    if (IsClosed(row.from)) {
      EXPECT_TRUE(IsClosed(row.to)) << ToString(row.from);
      if (row.to != row.from) {
        EXPECT_EQ(row.from, InvoiceState::kWrittenOff);
        EXPECT_EQ(row.trigger, Trigger::kPayment);
        EXPECT_EQ(row.to, InvoiceState::kPaid);
      }
    }
    // No two rows with the same state, trigger and guard.
    EXPECT_TRUE(rows.insert({row.from, row.trigger, row.guard}).second)
        << ToString(row.from) << " " << ToString(row.trigger);
    // A guarded row after the unguarded one could never be taken.
    EXPECT_FALSE(seen_unguarded.contains({row.from, row.trigger}))
        << "unreachable row " << ToString(row.from) << " "
        << ToString(row.trigger);
    if (row.guard == Guard::kAlways) {
      seen_unguarded.insert({row.from, row.trigger});
    }
  }
  // Every state is reachable from "not yet due".
  std::set<InvoiceState> reached = {InvoiceState::kNotYetDue};
  for (bool grew = true; grew;) {
    grew = false;
    for (const Transition& row : Transitions()) {
      if (reached.contains(row.from) && reached.insert(row.to).second) {
        grew = true;
      }
    }
  }
  EXPECT_EQ(reached.size(), 12u);
  // Every open state can be written off and can be paid.
  for (InvoiceState state :
       {InvoiceState::kNotYetDue, InvoiceState::kCourtesySent,
        InvoiceState::kOverdue, InvoiceState::kDisputed,
        InvoiceState::kPromised, InvoiceState::kOnPlan, InvoiceState::kBlocked,
        InvoiceState::kWithAgency, InvoiceState::kInLegalAction}) {
    bool written_off = false;
    bool paid = false;
    for (const Transition& row : Transitions()) {
      written_off |= row.from == state && row.trigger == Trigger::kWrittenOff;
      paid |= row.from == state && row.trigger == Trigger::kPayment &&
              row.to == InvoiceState::kPaid;
    }
    EXPECT_TRUE(written_off && paid) << ToString(state);
  }
}

TEST(Lifecycle, PrintsAsDot) {
  const std::string dot = TransitionsAsDot();
  EXPECT_THAT(dot, HasSubstr("digraph lifecycle {"));
  EXPECT_THAT(dot, HasSubstr("paid [shape=doublecircle];"));
  EXPECT_THAT(
      dot,
      HasSubstr("promised -> overdue [label=\"promise_broken [past due]\"];"));
  EXPECT_THAT(
      dot, HasSubstr("overdue -> with_agency [label=\"handed_to_agency\"];"));
}

TEST(Lifecycle, PaidOnTime) {
  const Case c = Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                           Paid(kDue, "F-1", "100.00 EUR")});
  const InvoiceLifecycle life = FoldOk(c, "F-1", MakeDate(2026, 3, 31));
  EXPECT_EQ(life.state, InvoiceState::kPaid);
  EXPECT_EQ(life.balance, M("0.00 EUR"));
  // Paid on the due date: the due date never passed while it was open.
  EXPECT_EQ(life.history.size(), 1u);
}

TEST(Lifecycle, CourtesyThenOverdueThenLadder) {
  const Case c = Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                           {.date = MakeDate(2026, 2, 9),
                            .kind = EventKind::kActionPerformed,
                            .invoice = "F-1",
                            .level = "courtesy",
                            .channel = "email"},
                           {.date = MakeDate(2026, 2, 15),
                            .kind = EventKind::kActionPerformed,
                            .invoice = "F-1",
                            .level = "reminder1",
                            .channel = "email"}});
  EXPECT_EQ(FoldOk(c, "F-1", MakeDate(2026, 2, 10)).state,
            InvoiceState::kCourtesySent);
  // 15 February is the day after the due date: overdue, then reminder 1.
  const InvoiceLifecycle life = FoldOk(c, "F-1", MakeDate(2026, 2, 20));
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
  EXPECT_EQ(life.actions_performed, 2);
  EXPECT_EQ(life.last_level, "reminder1");
  ASSERT_EQ(life.history.size(), 3u);
  EXPECT_EQ(life.history[1].trigger, Trigger::kDueDatePassed);
  EXPECT_EQ(life.history[1].date, MakeDate(2026, 2, 15));
}

TEST(Lifecycle, DueDateFromTerms) {
  Event issued = Issued(kIssue, "F-1", "100.00 EUR", kDue);
  issued.due_date.reset();
  issued.terms = "30 jours fin de mois";  // 2026-01-15 + 30 = 02-14 -> 02-28
  const InvoiceLifecycle life =
      FoldOk(Timeline({issued}), "F-1", MakeDate(2026, 3, 1));
  EXPECT_EQ(life.due_date, MakeDate(2026, 2, 28));
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
}

TEST(Lifecycle, DisputeRejectedResumesUpheldCloses) {
  std::vector<Event> events = {Issued(kIssue, "F-1", "100.00 EUR", kDue),
                               {.date = MakeDate(2026, 2, 20),
                                .kind = EventKind::kDisputeOpened,
                                .invoice = "F-1",
                                .reason = "not delivered"}};
  EXPECT_EQ(FoldOk(Timeline(events), "F-1", MakeDate(2026, 3, 1)).state,
            InvoiceState::kDisputed);
  std::vector<Event> rejected = events;
  rejected.push_back({.date = MakeDate(2026, 3, 5),
                      .kind = EventKind::kDisputeResolved,
                      .invoice = "F-1",
                      .outcome = DisputeOutcome::kRejected});
  EXPECT_EQ(FoldOk(Timeline(rejected), "F-1", MakeDate(2026, 3, 6)).state,
            InvoiceState::kOverdue);
  std::vector<Event> upheld = events;
  upheld.push_back({.date = MakeDate(2026, 3, 5),
                    .kind = EventKind::kDisputeResolved,
                    .invoice = "F-1",
                    .outcome = DisputeOutcome::kUpheld});
  const InvoiceLifecycle life =
      FoldOk(Timeline(upheld), "F-1", MakeDate(2026, 3, 6));
  EXPECT_EQ(life.state, InvoiceState::kCredited);
  EXPECT_EQ(life.balance, M("0.00 EUR"));
}

TEST(Lifecycle, PartialDisputeKeepsTheRestEscalating) {
  const Case c = Timeline({Issued(kIssue, "F-1", "3000.00 EUR", kDue),
                           {.date = MakeDate(2026, 2, 20),
                            .kind = EventKind::kDisputeOpened,
                            .invoice = "F-1",
                            .amount = M("500.00 EUR")}});
  const InvoiceLifecycle life = FoldOk(c, "F-1", MakeDate(2026, 3, 1));
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
  EXPECT_EQ(life.disputed, M("500.00 EUR"));
  EXPECT_EQ(life.balance, M("3000.00 EUR"));
}

TEST(Lifecycle, PromiseKeptAndPromiseBroken) {
  const std::vector<Event> promised = {
      Issued(kIssue, "F-1", "100.00 EUR", kDue),
      {.date = MakeDate(2026, 2, 20),
       .kind = EventKind::kPromiseToPay,
       .invoice = "F-1",
       .promised_date = MakeDate(2026, 3, 1)}};
  std::vector<Event> kept = promised;
  kept.push_back(Paid(MakeDate(2026, 3, 1), "F-1", "100.00 EUR"));
  EXPECT_EQ(FoldOk(Timeline(kept), "F-1", MakeDate(2026, 3, 10)).state,
            InvoiceState::kPaid);
  // Broken: nothing paid by 1 March; on 2 March the invoice is overdue again.
  EXPECT_EQ(FoldOk(Timeline(promised), "F-1", MakeDate(2026, 3, 1)).state,
            InvoiceState::kPromised);
  const InvoiceLifecycle broken =
      FoldOk(Timeline(promised), "F-1", MakeDate(2026, 3, 2));
  EXPECT_EQ(broken.state, InvoiceState::kOverdue);
  EXPECT_EQ(broken.broken_promises, 1);
  EXPECT_EQ(broken.history.back().trigger, Trigger::kPromiseBroken);
  EXPECT_EQ(broken.history.back().date, MakeDate(2026, 3, 2));
}

TEST(Lifecycle, PaymentPlanMissedInstalment) {
  const Case c = Timeline(
      {Issued(kIssue, "F-1", "300.00 EUR", kDue),
       {.date = MakeDate(2026, 2, 20),
        .kind = EventKind::kPaymentPlanAgreed,
        .invoice = "F-1",
        .instalments =
            {{.date = MakeDate(2026, 3, 1), .amount = M("100.00 EUR")},
             {.date = MakeDate(2026, 4, 1), .amount = M("100.00 EUR")},
             {.date = MakeDate(2026, 5, 1), .amount = M("100.00 EUR")}}},
       Paid(MakeDate(2026, 3, 1), "F-1", "100.00 EUR")});
  // First instalment met: still on the plan through April 1.
  EXPECT_EQ(FoldOk(c, "F-1", MakeDate(2026, 4, 1)).state,
            InvoiceState::kOnPlan);
  // The second is missed: overdue from 2 April.
  const InvoiceLifecycle life = FoldOk(c, "F-1", MakeDate(2026, 4, 2));
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
  EXPECT_EQ(life.balance, M("200.00 EUR"));
}

TEST(Lifecycle, DunningBlockUntilADate) {
  const Case c = Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                           {.date = MakeDate(2026, 2, 20),
                            .kind = EventKind::kDunningBlocked,
                            .invoice = "F-1",
                            .reason = "customer reorganisation",
                            .until = MakeDate(2026, 3, 15)}});
  // "Blocked until 15 March" includes 15 March: dunning resumes on the
  // 16th.
  EXPECT_EQ(FoldOk(c, "F-1", MakeDate(2026, 3, 15)).state,
            InvoiceState::kBlocked);
  EXPECT_EQ(FoldOk(c, "F-1", MakeDate(2026, 3, 16)).state,
            InvoiceState::kOverdue);
}

TEST(Lifecycle, AccountLevelEventsConcernEveryOpenInvoice) {
  const Case c = Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                           Issued(kIssue, "F-2", "50.00 EUR", kDue),
                           {.date = MakeDate(2026, 3, 20),
                            .kind = EventKind::kHandedToAgency,
                            .reference = "AG-77"}});
  EXPECT_EQ(FoldOk(c, "F-1", MakeDate(2026, 3, 21)).state,
            InvoiceState::kWithAgency);
  EXPECT_EQ(FoldOk(c, "F-2", MakeDate(2026, 3, 21)).state,
            InvoiceState::kWithAgency);
}

TEST(Lifecycle, ImpossibleEventsAreErrors) {
  // A write-off of an invoice already paid.
  Case c = Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                     Paid(MakeDate(2026, 6, 1), "F-1", "100.00 EUR"),
                     {.date = MakeDate(2026, 6, 10),
                      .kind = EventKind::kWrittenOff,
                      .invoice = "F-1"}});
  EXPECT_THAT(
      FoldInvoice(c, "F-1", MakeDate(2026, 7, 1)),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("events[2] written_off on 2026-06-10: not "
                         "allowed for invoice F-1 in state paid")));
  // As of before the write-off, the fold is fine.
  EXPECT_EQ(FoldOk(c, "F-1", MakeDate(2026, 6, 5)).state,
            InvoiceState::kPaid);
  // A dispute resolved that was never opened.
  c = Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                {.date = MakeDate(2026, 3, 1),
                 .kind = EventKind::kDisputeResolved,
                 .invoice = "F-1",
                 .outcome = DisputeOutcome::kRejected}});
  EXPECT_THAT(FoldInvoice(c, "F-1", MakeDate(2026, 3, 2)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("has no open dispute")));
  // An event before the invoice exists.
  c = Timeline({Paid(MakeDate(2026, 1, 1), "F-1", "10.00 EUR"),
                Issued(kIssue, "F-1", "100.00 EUR", kDue)});
  EXPECT_THAT(FoldInvoice(c, "F-1", MakeDate(2026, 3, 2)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("events[0] payment_received on 2026-01-01: "
                                 "invoice \"F-1\" is not issued in this case "
                                 "by that date")));
  c = Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue)});
  EXPECT_THAT(FoldInvoice(c, "F-9", MakeDate(2026, 3, 2)),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("F-9")));
  // A payment in another currency.
  c = Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                Paid(MakeDate(2026, 2, 1), "F-1", "100.00 USD")});
  EXPECT_THAT(
      FoldInvoice(c, "F-1", MakeDate(2026, 3, 2)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is in EUR")));
}

TEST(Lifecycle, ExampleCasesFold) {
  for (const auto& [file, invoice, state] :
       std::vector<std::tuple<std::string, std::string, InvoiceState>>{
           {"dupont_ladder.json", "F-1001", InvoiceState::kOverdue},
           {"dupont_ladder.json", "F-1007", InvoiceState::kPaid},
           {"martin_dispute.json", "F-1020", InvoiceState::kOverdue},
           {"bernard_broken_promise.json", "F-0950", InvoiceState::kOverdue}}) {
    absl::StatusOr<Case> c =
        Case::FromJson(::relance::testing::ReadExampleFile("cases/" + file));
    ASSERT_THAT(c, IsOk()) << file;
    absl::StatusOr<InvoiceLifecycle> life =
        FoldInvoice(*c, invoice, MakeDate(2026, 3, 31));
    ASSERT_THAT(life, IsOk()) << file;
    EXPECT_EQ(life->state, state) << file << " " << invoice;
  }
  // The partial dispute was upheld for 500.00: 2500.00 still escalates.
  const absl::StatusOr<Case> martin = Case::FromJson(
      ::relance::testing::ReadExampleFile("cases/martin_dispute.json"));
  ASSERT_THAT(martin, IsOk());
  EXPECT_EQ(FoldInvoice(*martin, "F-1020", MakeDate(2026, 3, 31))->balance,
            M("2500.00 EUR"));
}

}  // namespace
}  // namespace relance
