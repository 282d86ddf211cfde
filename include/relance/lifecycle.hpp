// relance/lifecycle.hpp
// -----------------------------------------------------------------------------
// The lifecycle of an invoice in collection, as one state-machine table, and
// the fold that derives an invoice's state from its events.
//
// States: not yet due, courtesy notice sent, overdue, paused (by a dispute,
// a promise to pay, a payment plan or a dunning block), with a collection
// agency, in legal action, and closed (paid, credited, written off).
//
// Triggers are the events of relance/event.hpp plus the passage of time:
// the due date passing, a promise broken (its date passed with a balance
// left), a plan instalment missed, a dunning block expiring.
//
// The whole behaviour is `kTransitions`: rows {from, trigger, guard, to},
// read top to bottom; the first row whose from, trigger and guard match is
// taken. An event with no matching row is impossible in that state (a payment
// on a written-off invoice) and folding fails with kFailedPrecondition naming
// the event. `TransitionsAsDot()` prints the table for the documentation.
//
// Example:
//
//   absl::StatusOr<InvoiceLifecycle> life =
//       FoldInvoice(dupont_case, "F-1001", MakeDate(2026, 3, 31));
//   life->state;            // InvoiceState::kOverdue
//   life->balance;          // what is still owed
//   life->actions_performed;  // reminders already sent
#ifndef RELANCE_LIFECYCLE_HPP_
#define RELANCE_LIFECYCLE_HPP_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/event.hpp"
#include "relance/money.hpp"

namespace relance {

enum class InvoiceState {
  kNotYetDue,
  kCourtesySent,  // a reminder was sent before the due date
  kOverdue,
  kDisputed,  // the whole open balance is disputed
  kPromised,  // a promise to pay is pending
  kOnPlan,    // a payment plan is being kept
  kBlocked,   // a dunning block is in force
  kWithAgency,
  kInLegalAction,
  kPaid,        // closed: settled by payments
  kCredited,    // closed: settled by credit notes (or an upheld dispute)
  kWrittenOff,  // closed
};
// "not_yet_due", "courtesy_sent", "overdue", "disputed", "promised",
// "on_plan", "blocked", "with_agency", "in_legal_action", "paid",
// "credited", "written_off".
[[nodiscard]] std::string_view ToString(InvoiceState state);
bool IsClosed(InvoiceState state);
// Disputed, promised, on a plan, or blocked: no reminder is due.
bool IsPaused(InvoiceState state);

enum class Trigger {
  kPayment,
  kCreditNote,
  kAction,
  kDisputeOpened,
  kDisputeRejected,
  kDisputeUpheld,
  kPromise,
  kPromiseConfirmed,
  kPlanAgreed,
  kBlocked,
  kHandedToAgency,
  kLegalAction,
  kWrittenOff,
  // The passage of time.
  kDueDatePassed,     // the day after the due date
  kPromiseBroken,     // the day after the promised date, balance left
  kInstalmentMissed,  // the day after an instalment date, plan behind
  kBlockExpired,      // the block's `until` date
};
[[nodiscard]] std::string_view ToString(Trigger trigger);

// Conditions a row may require, evaluated after the trigger's amounts are
// applied (a payment's guard sees the balance the payment leaves).
enum class Guard {
  kAlways,
  kSettled,        // nothing left to pay
  kBalanceLeft,    // something left to pay
  kWholeBalance,   // the dispute covers all that is open
  kPartOfBalance,  // the dispute covers part of it
  kPastDue,        // the due date has passed
  kNotPastDue,
  kBlockInForce,    // a dunning block has not ended
  kPromiseInForce,  // a promised date has not passed
  kPlanInForce,     // a payment plan is being kept
};
[[nodiscard]] std::string_view ToString(Guard guard);

struct Transition {
  InvoiceState from;
  Trigger trigger;
  Guard guard;
  InvoiceState to;
};

// The table (see the .cpp file, where it is written out in full).
std::span<const Transition> Transitions();

// The table as a Graphviz digraph: one node per state, one edge per row
// labelled "trigger [guard]".
std::string TransitionsAsDot();

// One step of an invoice's history.
struct LifecycleStep {
  Date date = {};
  Trigger trigger = Trigger::kPayment;
  InvoiceState from = InvoiceState::kNotYetDue;
  InvoiceState to = InvoiceState::kNotYetDue;
  // Index of the event in the case, or -1 for a time trigger.
  int event_index = -1;
};

// The derived state of one invoice.
struct InvoiceLifecycle {
  std::string invoice = {};
  Date issue_date = {};
  Date due_date = {};
  Money amount;    // as issued
  Money balance;   // amount - payments - credits
  Money disputed;  // part of the balance under an open dispute
  InvoiceState state = InvoiceState::kNotYetDue;
  int actions_performed = 0;  // action_performed events on this invoice
  std::optional<Date> last_action_date = {};
  std::string last_level = {};  // the level id of the last action
  std::optional<Date> promised_date = {};
  std::optional<Date> blocked_until = {};
  // The day after the next plan instalment not yet covered (when a plan is
  // in force): the day a missed instalment would show.
  std::optional<Date> next_instalment_check = {};
  int broken_promises = 0;
  std::vector<LifecycleStep> history = {};
};

// Folds the events of `invoice` in `c` up to and including `as_of`, with the
// time triggers in between. Account-wide events (a promise, plan, block,
// hand-off or legal action without an invoice list) apply to every invoice
// issued and open at that date whose state accepts them (a hand-off takes
// overdue invoices, not those not yet due). A payment plan's instalments are
// met by the payments on all the invoices it covers. Every event folded is
// validated (Event::Validate).
// Errors: kNotFound when the case has no invoice_issued event for `invoice`;
// kInvalidArgument when an amount is in another currency than the invoice or
// the terms cannot give a due date; kFailedPrecondition when an event is
// impossible in the state reached, naming the event, e.g.
// `events[5] payment_received on 2026-03-02: not allowed for invoice F-1 in
// state written_off`.
[[nodiscard]] absl::StatusOr<InvoiceLifecycle> FoldInvoice(
    const Case& c, std::string_view invoice, Date as_of);

}  // namespace relance

#endif  // RELANCE_LIFECYCLE_HPP_
