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
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::D;
using ::relance::testing::IsOk;
using ::relance::testing::M;
using ::relance::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

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
    // it where it is; only what settles a written-off invoice moves it: a
    // payment recovered, to paid; a credit note, to credited.
    if (IsClosed(row.from)) {
      EXPECT_TRUE(IsClosed(row.to)) << ToString(row.from);
      if (row.to != row.from) {
        EXPECT_EQ(row.from, InvoiceState::kWrittenOff);
        EXPECT_EQ(row.guard, Guard::kSettled);
        EXPECT_EQ(row.to, row.trigger == Trigger::kPayment
                              ? InvoiceState::kPaid
                              : InvoiceState::kCredited)
            << ToString(row.trigger);
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

TEST(Lifecycle, AnAcknowledgementIsAcceptedInEveryStateAndChangesNone) {
  // The table: one unguarded row per state, from the state to itself.
  std::set<InvoiceState> accepting;
  for (const Transition& row : Transitions()) {
    if (row.trigger != Trigger::kActionAcknowledged) continue;
    EXPECT_EQ(row.guard, Guard::kAlways) << ToString(row.from);
    EXPECT_EQ(row.to, row.from) << ToString(row.from);
    EXPECT_TRUE(accepting.insert(row.from).second) << ToString(row.from);
  }
  EXPECT_EQ(accepting.size(), 12u);
}

TEST(Lifecycle, AnAcknowledgementLeavesTheFoldAsItWas) {
  // A registered notice for F-1 and its card back in states overdue,
  // disputed, with_agency and paid; F-2, a letter never acknowledged.
  const auto letter = [](Date date, const char* number) {
    return Event{.date = date,
                 .kind = EventKind::kActionPerformed,
                 .invoice = "F-1",
                 .level = "notice",
                 .channel = "registered_letter",
                 .reference = number};
  };
  const auto acknowledged = [](Date date, const char* number) {
    return Event{.date = date,
                 .kind = EventKind::kActionAcknowledged,
                 .reference = number,
                 .reason = "signed: M. Dupont"};
  };
  const std::vector<Event> facts = {
      Issued(kIssue, "F-1", "1000.00 EUR", kDue),
      letter(MakeDate(2026, 3, 2), "LR-1"),
      {.date = MakeDate(2026, 3, 5),
       .kind = EventKind::kDisputeOpened,
       .invoice = "F-1"},
      letter(MakeDate(2026, 3, 6), "LR-2"),
      {.date = MakeDate(2026, 3, 10),
       .kind = EventKind::kDisputeResolved,
       .invoice = "F-1",
       .outcome = DisputeOutcome::kRejected},
      {.date = MakeDate(2026, 3, 20),
       .kind = EventKind::kHandedToAgency,
       .invoice = "F-1",
       .reference = "AG-1"},
      Paid(MakeDate(2026, 4, 10), "F-1", "1000.00 EUR"),
  };
  const Case plain = Timeline(facts);
  const Case with = Timeline({
      facts[0], facts[1],
      acknowledged(MakeDate(2026, 3, 4), "LR-1"),  // overdue
      facts[2], facts[3],
      acknowledged(MakeDate(2026, 3, 8), "LR-2"),  // disputed
      facts[4], facts[5],
      acknowledged(MakeDate(2026, 3, 21), "LR-1"),  // with the agency
      facts[6],
      acknowledged(MakeDate(2026, 4, 12), "LR-2"),  // paid: a late card
  });
  for (const Date as_of : {MakeDate(2026, 3, 4), MakeDate(2026, 3, 8),
                           MakeDate(2026, 3, 21), MakeDate(2026, 4, 30)}) {
    const InvoiceLifecycle a = FoldOk(plain, "F-1", as_of);
    const InvoiceLifecycle b = FoldOk(with, "F-1", as_of);
    EXPECT_EQ(b.state, a.state) << FormatDate(as_of);
    EXPECT_EQ(b.balance, a.balance);
    EXPECT_EQ(b.actions_performed, a.actions_performed);
    EXPECT_EQ(b.last_action_date, a.last_action_date);
    EXPECT_EQ(b.action_events.size(), a.action_events.size());
    EXPECT_EQ(b.fees_charged, a.fees_charged);
  }
  // Each acknowledgement is a step of the history, from a state to itself:
  // overdue, disputed, with_agency, paid.
  const InvoiceLifecycle life = FoldOk(with, "F-1", MakeDate(2026, 4, 30));
  std::vector<std::pair<InvoiceState, InvoiceState>> steps;
  for (const LifecycleStep& step : life.history) {
    if (step.trigger == Trigger::kActionAcknowledged) {
      steps.emplace_back(step.from, step.to);
    }
  }
  EXPECT_THAT(
      steps,
      ::testing::ElementsAre(
          std::pair(InvoiceState::kOverdue, InvoiceState::kOverdue),
          std::pair(InvoiceState::kDisputed, InvoiceState::kDisputed),
          std::pair(InvoiceState::kWithAgency, InvoiceState::kWithAgency),
          std::pair(InvoiceState::kPaid, InvoiceState::kPaid)));
  EXPECT_EQ(life.state, InvoiceState::kPaid);
  EXPECT_EQ(life.actions_performed, 2);
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
  EXPECT_THAT(FoldInvoice(c, "F-1", MakeDate(2026, 7, 1)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("events[2] written_off on 2026-06-10: not "
                                 "allowed for invoice F-1 in state paid")));
  // As of before the write-off, the fold is fine.
  EXPECT_EQ(FoldOk(c, "F-1", MakeDate(2026, 6, 5)).state, InvoiceState::kPaid);
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
                                 "invoice \"F-1\" is not issued yet (it is "
                                 "issued by events[1] on 2026-01-15)")));
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

// --- Rows added with the reshape (issue 9, "Facts") -------------------------

Event Opened(Date date, const char* invoice) {
  return {.date = date,
          .kind = EventKind::kDisputeOpened,
          .invoice = invoice,
          .reason = "not delivered"};
}
Event Resolved(Date date, const char* invoice, DisputeOutcome outcome) {
  return {.date = date,
          .kind = EventKind::kDisputeResolved,
          .invoice = invoice,
          .outcome = outcome};
}
Event Blocked(Date date, const char* invoice, Date until) {
  return {.date = date,
          .kind = EventKind::kDunningBlocked,
          .invoice = invoice,
          .reason = "customer reorganisation",
          .until = until};
}
Event Call(Date date, const char* invoice) {
  return {.date = date,
          .kind = EventKind::kActionPerformed,
          .invoice = invoice,
          .level = "call",
          .channel = "phone"};
}
Event Credit(Date date, const char* invoice, const char* amount) {
  return {.date = date,
          .kind = EventKind::kCreditNote,
          .invoice = invoice,
          .amount = M(amount)};
}

TEST(Lifecycle, ACallLoggedDuringADisputeOrABlockIsCounted) {
  // Practitioners log calls while an invoice is disputed or blocked; the
  // state does not move, but the call is the last action taken.
  for (const Event& pause : {Opened(D(2026, 2, 20), "F-1"),
                             Blocked(D(2026, 2, 20), "F-1", D(2026, 3, 15))}) {
    const Case c = Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue), pause,
                             Call(D(2026, 2, 25), "F-1")});
    const InvoiceLifecycle life = FoldOk(c, "F-1", D(2026, 3, 1));
    const InvoiceState paused = pause.kind == EventKind::kDisputeOpened
                                    ? InvoiceState::kDisputed
                                    : InvoiceState::kBlocked;
    EXPECT_EQ(life.state, paused);
    EXPECT_EQ(life.actions_performed, 1);
    EXPECT_EQ(life.last_action_date, D(2026, 2, 25));
    EXPECT_EQ(life.last_level, "call");
    EXPECT_THAT(life.action_events, ::testing::ElementsAre(2u));
    ASSERT_FALSE(life.history.empty());
    EXPECT_EQ(life.history.back().trigger, Trigger::kAction);
    EXPECT_EQ(life.history.back().from, paused);
    EXPECT_EQ(life.history.back().to, paused);
  }
}

TEST(Lifecycle, ABlockPlacedOnADisputedInvoiceTakesOverWhenItIsResolved) {
  const Case c = Timeline(
      {Issued(kIssue, "F-1", "100.00 EUR", kDue), Opened(D(2026, 2, 20), "F-1"),
       Blocked(D(2026, 2, 22), "F-1", D(2026, 3, 15)),
       Resolved(D(2026, 3, 1), "F-1", DisputeOutcome::kRejected)});
  // While the dispute is open it is what pauses the invoice.
  EXPECT_EQ(FoldOk(c, "F-1", D(2026, 2, 28)).state, InvoiceState::kDisputed);
  // Rejected on 1 March, inside the block (until 15 March inclusive).
  EXPECT_EQ(FoldOk(c, "F-1", D(2026, 3, 1)).state, InvoiceState::kBlocked);
  EXPECT_EQ(FoldOk(c, "F-1", D(2026, 3, 15)).state, InvoiceState::kBlocked);
  // The block ends: the invoice, due 14 February, is overdue from the 16th.
  const InvoiceLifecycle life = FoldOk(c, "F-1", D(2026, 3, 16));
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
  EXPECT_EQ(life.history.back().trigger, Trigger::kBlockExpired);
  EXPECT_EQ(life.history.back().date, D(2026, 3, 16));
  // Resolved after the block has ended: straight back to overdue.
  const Case late = Timeline(
      {Issued(kIssue, "F-1", "100.00 EUR", kDue), Opened(D(2026, 2, 20), "F-1"),
       Blocked(D(2026, 2, 22), "F-1", D(2026, 3, 15)),
       Resolved(D(2026, 3, 20), "F-1", DisputeOutcome::kRejected)});
  EXPECT_EQ(FoldOk(late, "F-1", D(2026, 3, 20)).state, InvoiceState::kOverdue);
}

TEST(Lifecycle, ACreditNoteImplementingAnUpheldDisputeIsCreditedOnce) {
  // 100.00 invoiced, 30.00 disputed, the dispute upheld, and the accounts
  // department issues the credit note of 30.00 that implements it:
  // 100.00 - 30.00 = 70.00 left, not 40.00.
  const Case upheld_first =
      Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                {.date = D(2026, 2, 20),
                 .kind = EventKind::kDisputeOpened,
                 .invoice = "F-1",
                 .amount = M("30.00 EUR")},
                Resolved(D(2026, 3, 1), "F-1", DisputeOutcome::kUpheld),
                Credit(D(2026, 3, 5), "F-1", "30.00 EUR")});
  InvoiceLifecycle life = FoldOk(upheld_first, "F-1", D(2026, 3, 10));
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
  EXPECT_EQ(life.balance, M("70.00 EUR"));
  EXPECT_EQ(life.unapplied, M("0.00 EUR"));
  ASSERT_EQ(life.settlements.size(), 1u);
  EXPECT_EQ(life.settlements[0].date, D(2026, 3, 1));
  EXPECT_EQ(life.settlements[0].amount, M("30.00 EUR"));
  // The other order: the credit note during the open dispute answers it;
  // the dispute upheld afterwards credits nothing more.
  const Case credit_first =
      Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                {.date = D(2026, 2, 20),
                 .kind = EventKind::kDisputeOpened,
                 .invoice = "F-1",
                 .amount = M("30.00 EUR")},
                Credit(D(2026, 2, 25), "F-1", "30.00 EUR"),
                Resolved(D(2026, 3, 1), "F-1", DisputeOutcome::kUpheld)});
  life = FoldOk(credit_first, "F-1", D(2026, 3, 10));
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
  EXPECT_EQ(life.balance, M("70.00 EUR"));
  ASSERT_EQ(life.settlements.size(), 1u);
  EXPECT_EQ(life.settlements[0].date, D(2026, 2, 25));
  // Upheld in full, then the credit note of the whole amount: the invoice
  // stays credited (row credited -> credited on credit_note [credit
  // expected]) and nothing is unapplied.
  const Case whole = Timeline(
      {Issued(kIssue, "F-1", "100.00 EUR", kDue), Opened(D(2026, 2, 20), "F-1"),
       Resolved(D(2026, 3, 1), "F-1", DisputeOutcome::kUpheld),
       Credit(D(2026, 3, 5), "F-1", "100.00 EUR")});
  life = FoldOk(whole, "F-1", D(2026, 3, 10));
  EXPECT_EQ(life.state, InvoiceState::kCredited);
  EXPECT_EQ(life.balance, M("0.00 EUR"));
  EXPECT_EQ(life.unapplied, M("0.00 EUR"));
  EXPECT_EQ(life.settlements.size(), 1u);
}

TEST(Lifecycle, AnUpheldAmountBeyondTheDisputeIsRefused) {
  // 30.00 disputed; upholding 50.00 would credit 20.00 nobody disputed. The
  // fact is refused, naming both amounts (a larger credit is a credit_note).
  Event upheld = Resolved(D(2026, 3, 1), "F-1", DisputeOutcome::kUpheld);
  upheld.amount = M("50.00 EUR");
  const Case c = Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                           {.date = D(2026, 2, 20),
                            .kind = EventKind::kDisputeOpened,
                            .invoice = "F-1",
                            .amount = M("30.00 EUR")},
                           upheld});
  EXPECT_THAT(FoldInvoice(c, "F-1", D(2026, 3, 10)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("dispute_resolved on 2026-03-01"),
                             HasSubstr("upholds 50.00 EUR"),
                             HasSubstr("30.00 EUR was disputed"),
                             HasSubstr("credit_note"))));
  // Upholding exactly what was disputed, or less, is a fact like any other:
  // 100.00 - 20.00 = 80.00 left.
  upheld.amount = M("20.00 EUR");
  const Case partial = Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                                 {.date = D(2026, 2, 20),
                                  .kind = EventKind::kDisputeOpened,
                                  .invoice = "F-1",
                                  .amount = M("30.00 EUR")},
                                 upheld});
  EXPECT_EQ(FoldOk(partial, "F-1", D(2026, 3, 10)).balance, M("80.00 EUR"));
}

// 100.00 EUR invoiced, written off on 1 April 2026.
std::vector<Event> WrittenOffOnApril1() {
  return {Issued(kIssue, "F-1", "100.00 EUR", kDue),
          {.date = D(2026, 4, 1),
           .kind = EventKind::kWrittenOff,
           .invoice = "F-1"}};
}

TEST(Lifecycle, APaymentRecoveredAfterAWriteOffIsRecorded) {
  const std::vector<Event> written_off = WrittenOffOnApril1();
  // 40.00 of the 100.00 written off comes back: still written off, 60.00
  // still owed, 40.00 recovered.
  std::vector<Event> partial = written_off;
  partial.push_back(Paid(D(2026, 5, 1), "F-1", "40.00 EUR"));
  InvoiceLifecycle life = FoldOk(Timeline(partial), "F-1", D(2026, 5, 2));
  EXPECT_EQ(life.state, InvoiceState::kWrittenOff);
  EXPECT_EQ(life.recovered, M("40.00 EUR"));
  EXPECT_EQ(life.balance, M("60.00 EUR"));
  EXPECT_EQ(life.paid_date, std::nullopt);
  // The other 60.00 follows: the invoice is paid after all, on 1 June.
  std::vector<Event> full = partial;
  full.push_back(Paid(D(2026, 6, 1), "F-1", "60.00 EUR"));
  life = FoldOk(Timeline(full), "F-1", D(2026, 6, 2));
  EXPECT_EQ(life.state, InvoiceState::kPaid);
  EXPECT_EQ(life.recovered, M("100.00 EUR"));
  EXPECT_EQ(life.balance, M("0.00 EUR"));
  EXPECT_EQ(life.paid_date, D(2026, 6, 1));
}

TEST(Lifecycle, ACreditNoteAfterAWriteOffIsRecorded) {
  // 100.00 written off on 1 April; the accounts then cancel part of the
  // invoice, 30.00, by a credit note: still written off, 70.00 of it left.
  const std::vector<Event> written_off = WrittenOffOnApril1();
  std::vector<Event> partial = written_off;
  partial.push_back(Credit(D(2026, 5, 1), "F-1", "30.00 EUR"));
  InvoiceLifecycle life = FoldOk(Timeline(partial), "F-1", D(2026, 5, 2));
  EXPECT_EQ(life.state, InvoiceState::kWrittenOff);
  EXPECT_EQ(life.balance, M("70.00 EUR"));
  EXPECT_EQ(life.recovered, M("0.00 EUR"));  // a credit is not cash
  // A credit note for the other 70.00 cancels the rest: credited.
  std::vector<Event> full = partial;
  full.push_back(Credit(D(2026, 6, 1), "F-1", "70.00 EUR"));
  life = FoldOk(Timeline(full), "F-1", D(2026, 6, 2));
  EXPECT_EQ(life.state, InvoiceState::kCredited);
  EXPECT_EQ(life.balance, M("0.00 EUR"));
  EXPECT_EQ(life.unapplied, M("0.00 EUR"));
}

TEST(Lifecycle, CashBeyondTheBalanceIsUnapplied) {
  // Paid twice: the second payment has nothing to settle.
  InvoiceLifecycle life =
      FoldOk(Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                       Paid(D(2026, 2, 1), "F-1", "100.00 EUR"),
                       Paid(D(2026, 2, 10), "F-1", "100.00 EUR")}),
             "F-1", D(2026, 3, 1));
  EXPECT_EQ(life.state, InvoiceState::kPaid);
  EXPECT_EQ(life.paid_date, D(2026, 2, 1));
  EXPECT_EQ(life.balance, M("0.00 EUR"));
  EXPECT_EQ(life.unapplied, M("100.00 EUR"));
  // An overpayment: 130.00 on 100.00 leaves 30.00 unapplied.
  life = FoldOk(Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                          Paid(D(2026, 2, 1), "F-1", "130.00 EUR")}),
                "F-1", D(2026, 3, 1));
  EXPECT_EQ(life.state, InvoiceState::kPaid);
  EXPECT_EQ(life.unapplied, M("30.00 EUR"));
  // A payment on a credited invoice is unapplied too.
  life = FoldOk(Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                          Credit(D(2026, 2, 1), "F-1", "100.00 EUR"),
                          Paid(D(2026, 2, 10), "F-1", "25.00 EUR")}),
                "F-1", D(2026, 3, 1));
  EXPECT_EQ(life.state, InvoiceState::kCredited);
  EXPECT_EQ(life.unapplied, M("25.00 EUR"));
  // A credit note after payment (goods returned): used to be refused, which
  // made the whole case fail; the invoice stays paid and the 20.00 credited
  // is owed back to the customer, unapplied.
  life = FoldOk(Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                          Paid(D(2026, 2, 1), "F-1", "100.00 EUR"),
                          Credit(D(2026, 2, 10), "F-1", "20.00 EUR")}),
                "F-1", D(2026, 3, 1));
  EXPECT_EQ(life.state, InvoiceState::kPaid);
  EXPECT_EQ(life.unapplied, M("20.00 EUR"));
  // Credited in full, then credited again by 10.00 beyond the upheld
  // dispute's 100.00: 10.00 unapplied.
  life =
      FoldOk(Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                       Opened(D(2026, 2, 20), "F-1"),
                       Resolved(D(2026, 3, 1), "F-1", DisputeOutcome::kUpheld),
                       Credit(D(2026, 3, 5), "F-1", "110.00 EUR")}),
             "F-1", D(2026, 3, 10));
  EXPECT_EQ(life.state, InvoiceState::kCredited);
  EXPECT_EQ(life.unapplied, M("10.00 EUR"));
}

TEST(Lifecycle, APartialPromiseKeptIsNotBroken) {
  // 40.00 promised by 1 March on a 100.00 invoice due 14 February.
  const std::vector<Event> promised = {
      Issued(kIssue, "F-1", "100.00 EUR", kDue),
      {.date = D(2026, 2, 20),
       .kind = EventKind::kPromiseToPay,
       .invoice = "F-1",
       .amount = M("40.00 EUR"),
       .promised_date = D(2026, 3, 1)}};
  std::vector<Event> kept = promised;
  kept.push_back(Paid(D(2026, 3, 1), "F-1", "40.00 EUR"));
  InvoiceLifecycle life = FoldOk(Timeline(kept), "F-1", D(2026, 3, 10));
  // Kept: the day after the promised date the rest (60.00) is overdue
  // again, but no promise was broken.
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
  EXPECT_EQ(life.balance, M("60.00 EUR"));
  EXPECT_EQ(life.broken_promises, 0);
  EXPECT_EQ(life.last_broken_promise, std::nullopt);
  EXPECT_EQ(life.history.back().trigger, Trigger::kPromiseKept);
  EXPECT_EQ(life.history.back().date, D(2026, 3, 2));
  // 30.00 paid of the 40.00 promised: broken.
  std::vector<Event> short_paid = promised;
  short_paid.push_back(Paid(D(2026, 3, 1), "F-1", "30.00 EUR"));
  life = FoldOk(Timeline(short_paid), "F-1", D(2026, 3, 10));
  EXPECT_EQ(life.broken_promises, 1);
  EXPECT_EQ(life.history.back().trigger, Trigger::kPromiseBroken);
  // Nothing paid: broken on 2 March.
  life = FoldOk(Timeline(promised), "F-1", D(2026, 3, 10));
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
  EXPECT_EQ(life.broken_promises, 1);
  EXPECT_EQ(life.last_broken_promise, D(2026, 3, 2));
  // Paid after the promised date: too late to keep it.
  std::vector<Event> late = promised;
  late.push_back(Paid(D(2026, 3, 2), "F-1", "40.00 EUR"));
  EXPECT_EQ(FoldOk(Timeline(late), "F-1", D(2026, 3, 10)).broken_promises, 1);
}

TEST(Lifecycle, FeesAreTheAmountsOfTheActions) {
  // One invoice: the 15.00 fee charged with the formal notice is its own.
  Event notice = Call(D(2026, 2, 20), "F-1");
  notice.level = "formal-notice";
  notice.amount = M("15.00 EUR");
  InvoiceLifecycle life =
      FoldOk(Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue), notice}),
             "F-1", D(2026, 3, 1));
  ASSERT_EQ(life.fees.size(), 1u);
  EXPECT_EQ(life.fees[0].date, D(2026, 2, 20));
  EXPECT_EQ(life.fees[0].amount, M("15.00 EUR"));
  EXPECT_EQ(life.fees[0].label, "formal-notice");
  EXPECT_EQ(life.fees_charged, M("15.00 EUR"));
  // A 10.00 fee on a letter for three invoices of 100.00, 200.00 and 400.00
  // (700.00): 1000 cents x 100/700 = 142.857, x 200/700 = 285.714, x 400/700
  // = 571.428; the floors 142 + 285 + 571 = 998 leave 2 cents, which go to
  // the largest remainders (.857 then .714): 1.43, 2.86 and 5.71 (= 10.00).
  Event grouped = Call(D(2026, 2, 20), "");
  grouped.invoices = {"F-A", "F-B", "F-C"};
  grouped.amount = M("10.00 EUR");
  const Case c = Timeline({Issued(kIssue, "F-A", "100.00 EUR", kDue),
                           Issued(kIssue, "F-B", "200.00 EUR", kDue),
                           Issued(kIssue, "F-C", "400.00 EUR", kDue), grouped});
  EXPECT_EQ(FoldOk(c, "F-A", D(2026, 3, 1)).fees_charged, M("1.43 EUR"));
  EXPECT_EQ(FoldOk(c, "F-B", D(2026, 3, 1)).fees_charged, M("2.86 EUR"));
  EXPECT_EQ(FoldOk(c, "F-C", D(2026, 3, 1)).fees_charged, M("5.71 EUR"));
}

TEST(Lifecycle, AnInvoiceNamedTwiceOnALetterHasOneShareOfItsFee) {
  // Bug: the fee was split over the list as written, so F-1 named twice took
  // one of two shares and the other was lost. 3.00 over F-1 (100.00) and F-2
  // (200.00): 1.00 and 2.00.
  Event grouped = Call(D(2026, 2, 20), "");
  grouped.invoices = {"F-1", "F-2", "F-1"};
  grouped.amount = M("3.00 EUR");
  const Case c = Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue),
                           Issued(kIssue, "F-2", "200.00 EUR", kDue), grouped});
  const InvoiceLifecycle f1 = FoldOk(c, "F-1", D(2026, 3, 1));
  EXPECT_EQ(f1.fees_charged, M("1.00 EUR"));
  EXPECT_EQ(f1.actions_performed, 1);
  EXPECT_EQ(FoldOk(c, "F-2", D(2026, 3, 1)).fees_charged, M("2.00 EUR"));
}

TEST(Lifecycle, APlanNamingAnInvoiceTwiceCountsItsPaymentsOnce) {
  // Bug: the payments of an invoice listed twice in a plan were counted
  // twice, so 50.00 paid met a 100.00 instalment.
  const Case c = Timeline(
      {Issued(kIssue, "F-1", "300.00 EUR", kDue),
       {.date = D(2026, 2, 20),
        .kind = EventKind::kPaymentPlanAgreed,
        .invoices = {"F-1", "F-1"},
        .instalments = {{.date = D(2026, 3, 1), .amount = M("100.00 EUR")},
                        {.date = D(2026, 4, 1), .amount = M("200.00 EUR")}}},
       Paid(D(2026, 3, 1), "F-1", "50.00 EUR")});
  const InvoiceLifecycle life = FoldOk(c, "F-1", D(2026, 3, 2));
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
  EXPECT_EQ(life.history.back().trigger, Trigger::kInstalmentMissed);
}

TEST(Lifecycle, TheDotTableShowsTheNewRows) {
  const std::string dot = TransitionsAsDot();
  for (const char* row : {
           "disputed -> disputed [label=\"action\"];",
           "blocked -> blocked [label=\"action\"];",
           "disputed -> disputed [label=\"blocked\"];",
           "disputed -> blocked [label=\"dispute_rejected [block in force]\"];",
           "disputed -> blocked [label=\"dispute_upheld [block in force]\"];",
           "credited -> credited [label=\"credit_note [credit expected]\"];",
           "credited -> credited [label=\"dispute_upheld\"];",
           "written_off -> paid [label=\"payment [settled]\"];",
           "written_off -> written_off [label=\"payment\"];",
           "paid -> paid [label=\"payment\"];",
           "paid -> paid [label=\"credit_note\"];",
           "credited -> credited [label=\"payment\"];",
           "promised -> overdue [label=\"promise_kept [past due]\"];",
           "overdue -> disputed [label=\"payment [whole balance]\"];",
       }) {
    EXPECT_THAT(dot, HasSubstr(row));
  }
}

TEST(Lifecycle, AnIndexBeyondTheCompiledInvoicesIsAnError) {
  absl::StatusOr<CompiledCase> compiled = CompiledCase::Compile(
      Timeline({Issued(kIssue, "F-1", "100.00 EUR", kDue)}));
  ASSERT_THAT(compiled, IsOk());
  EXPECT_THAT(FoldInvoice(*compiled, 0, D(2026, 3, 1)), IsOk());
  EXPECT_THAT(FoldInvoice(*compiled, 1, D(2026, 3, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "case \"C-1\": no invoice at index 1 (the case issues "
                       "1)"));
}

TEST(Lifecycle, APaymentLeavingOnlyTheDisputedPartPausesTheInvoice) {
  // Bug: 100.00 overdue, 30.00 disputed, 80.00 paid left 20.00 open but
  // 30.00 "disputed" (more than is owed: the undisputed part came out at
  // -10.00) and the invoice overdue. What is disputed is now capped at the
  // balance, 20.00, and all that is open being disputed, the invoice is
  // paused as disputed until the dispute is resolved.
  const std::vector<Event> events = {Issued(kIssue, "F-1", "100.00 EUR", kDue),
                                     {.date = D(2026, 2, 20),
                                      .kind = EventKind::kDisputeOpened,
                                      .invoice = "F-1",
                                      .amount = M("30.00 EUR")},
                                     Paid(D(2026, 3, 1), "F-1", "80.00 EUR")};
  InvoiceLifecycle life = FoldOk(Timeline(events), "F-1", D(2026, 3, 2));
  EXPECT_EQ(life.balance, M("20.00 EUR"));
  EXPECT_EQ(life.disputed, M("20.00 EUR"));
  EXPECT_EQ(life.state, InvoiceState::kDisputed);
  std::vector<Event> rejected = events;
  rejected.push_back(
      Resolved(D(2026, 3, 10), "F-1", DisputeOutcome::kRejected));
  life = FoldOk(Timeline(rejected), "F-1", D(2026, 3, 10));
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
  EXPECT_EQ(life.disputed, M("0.00 EUR"));
  EXPECT_EQ(life.balance, M("20.00 EUR"));
  // Paid less, 50.00: 50.00 open of which 30.00 disputed; still overdue.
  life = FoldOk(
      Timeline({events[0], events[1], Paid(D(2026, 3, 1), "F-1", "50.00 EUR")}),
      "F-1", D(2026, 3, 2));
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
  EXPECT_EQ(life.disputed, M("30.00 EUR"));
}

TEST(Lifecycle, APromiseForTheAccountIsKeptByPaymentsOnAllItsInvoices) {
  // Bug: a promise's amount was only read for a promise on one invoice, so
  // "150.00 by 1 March for the account", kept by paying 100.00 on F-1 and
  // 50.00 on F-2, counted as broken on F-2. 100.00 + 50.00 = 150.00: kept.
  const std::vector<Event> promised = {
      Issued(kIssue, "F-1", "100.00 EUR", kDue),
      Issued(kIssue, "F-2", "100.00 EUR", kDue),
      {.date = D(2026, 2, 20),
       .kind = EventKind::kPromiseToPay,
       .amount = M("150.00 EUR"),
       .promised_date = D(2026, 3, 1)},
      Paid(D(2026, 3, 1), "F-1", "100.00 EUR")};
  std::vector<Event> kept = promised;
  kept.push_back(Paid(D(2026, 3, 1), "F-2", "50.00 EUR"));
  InvoiceLifecycle life = FoldOk(Timeline(kept), "F-2", D(2026, 3, 10));
  EXPECT_EQ(life.state, InvoiceState::kOverdue);
  EXPECT_EQ(life.balance, M("50.00 EUR"));
  EXPECT_EQ(life.broken_promises, 0);
  EXPECT_EQ(life.history.back().trigger, Trigger::kPromiseKept);
  EXPECT_EQ(FoldOk(Timeline(kept), "F-1", D(2026, 3, 10)).state,
            InvoiceState::kPaid);
  // 100.00 + 40.00 = 140.00 < 150.00: broken.
  std::vector<Event> short_paid = promised;
  short_paid.push_back(Paid(D(2026, 3, 1), "F-2", "40.00 EUR"));
  life = FoldOk(Timeline(short_paid), "F-2", D(2026, 3, 10));
  EXPECT_EQ(life.broken_promises, 1);
  EXPECT_EQ(life.history.back().trigger, Trigger::kPromiseBroken);
}

}  // namespace
}  // namespace relance
