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
// left, or less paid than the amount promised) or kept, a plan instalment
// missed, a dunning block expiring (the day after its `until` date).
//
// The whole behaviour is `kTransitions`: rows {from, trigger, guard, to},
// read top to bottom; the first row whose from, trigger and guard match is
// taken. An event with no matching row is impossible in that state (a
// write-off of a paid invoice, a promise on one with an agency) and folding
// fails with kFailedPrecondition naming the event.
//
// Facts practitioners record in a pause have a row of their own: a call
// logged during a dispute or a block is recorded (the ladder does not move
// on it); a block placed on a disputed invoice takes over when the dispute
// is resolved; a credit note that implements an upheld dispute is not
// credited twice; a payment recovered after a write-off is recorded (and
// closes the invoice as paid when it covers the balance); a payment on a
// paid or credited invoice is unapplied cash; the acknowledgement of an
// action (a registered letter's signed receipt) is accepted in every state
// and changes none; a promise giving an amount is
// kept (not broken) when that amount is paid by the promised date; a payment
// that leaves only the disputed part open pauses the invoice as disputed.
// `TransitionsAsDot()` prints the table for the documentation (docs/
// dunning.md, "Facts and the lifecycle", says why each row exists).
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

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/compiled_case.hpp"
#include "relance/date.hpp"
#include "relance/event.hpp"
#include "relance/export.hpp"
#include "relance/money.hpp"
#include "relance/penalty.hpp"

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
[[nodiscard]] RELANCE_API std::string_view ToString(InvoiceState state);
RELANCE_API bool IsClosed(InvoiceState state);
// Disputed, promised, on a plan, or blocked: no reminder is due.
RELANCE_API bool IsPaused(InvoiceState state);

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
  kActionAcknowledged,  // evidence only: every state keeps its state
  // The passage of time.
  kDueDatePassed,     // the day after the due date
  kPromiseBroken,     // the day after the promised date, balance left
  kPromiseKept,       // the day after the promised date, amount promised paid
  kInstalmentMissed,  // the day after an instalment date, plan behind
  kBlockExpired,      // the day after the block's `until` date
};
[[nodiscard]] RELANCE_API std::string_view ToString(Trigger trigger);

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
  kCreditExpected,  // the credit note implements an upheld dispute
};
[[nodiscard]] RELANCE_API std::string_view ToString(Guard guard);

struct RELANCE_API Transition {
  InvoiceState from;
  Trigger trigger;
  Guard guard;
  InvoiceState to;
};

// The table (see the .cpp file, where it is written out in full).
RELANCE_API std::span<const Transition> Transitions();

// The table as a Graphviz digraph: one node per state, one edge per row
// labelled "trigger [guard]".
RELANCE_API std::string TransitionsAsDot();

// One step of an invoice's history.
struct RELANCE_API LifecycleStep {
  Date date = {};
  Trigger trigger = Trigger::kPayment;
  InvoiceState from = InvoiceState::kNotYetDue;
  InvoiceState to = InvoiceState::kNotYetDue;
  // Index of the event in the case, or -1 for a time trigger.
  int event_index = -1;
};

// The derived state of one invoice.
//
// Settlement model (one for the whole engine): payments and credit notes are
// counted against the invoice's amount; the invoice is paid (closed) when
// they cover it. How a late payment is imputed between costs, interest and
// principal is the penalty rule's settlement order (relance/penalty.hpp),
// applied by Assess to `settlements`: what it leaves unpaid is the late-
// payment claim the dunning decision reports (relance/dunning.hpp), and
// may dun, after the invoice is paid.
struct RELANCE_API InvoiceLifecycle {
  std::string invoice = {};
  Date issue_date = {};
  Date due_date = {};
  Money amount = {};    // as issued
  Money balance = {};   // amount - payments - credits (never below zero)
  Money disputed = {};  // part of the balance under an open dispute (never
                        // more than the balance)
  InvoiceState state = InvoiceState::kNotYetDue;
  int actions_performed = 0;  // action_performed events on this invoice
  std::optional<Date> last_action_date = {};
  std::string last_level = {};  // the level id of the last action
  // Indices into the case's events of the actions recorded for it, in order.
  std::vector<uint32_t> action_events = {};
  std::optional<Date> promised_date = {};
  // A promise's amount, when it gave one: the promise is kept when payments
  // from the promise to the promised date, on every invoice it covers (all
  // of the account's for an account-wide promise), reach it (a partial
  // promise kept is not broken); otherwise when the balance is paid.
  std::optional<Money> promised_amount = {};
  // The last day of a dunning block in force (the block includes it:
  // dunning resumes the day after).
  std::optional<Date> blocked_until = {};
  // The day after the next plan instalment not yet covered (when a plan is
  // in force): the day a missed instalment would show.
  std::optional<Date> next_instalment_check = {};
  int broken_promises = 0;
  // The day of the last promise broken, if any.
  std::optional<Date> last_broken_promise = {};
  // The day the invoice became paid (closed by payments), if it is.
  std::optional<Date> paid_date = {};
  // Payments and credits for it, dated, as the penalties read them (an
  // upheld dispute counts as a credit of the amount it credits).
  std::vector<Settlement> settlements = {};
  // Cash beyond what was owed: a payment or credit larger than the balance,
  // or received after the invoice was closed. Reported, never applied.
  Money unapplied = {};
  // Payments received after the invoice was written off.
  Money recovered = {};
  // Fees charged by earlier levels: the `amount` of its action_performed
  // events (an action for several invoices is split between them in
  // proportion to their amounts), dated, and their sum.
  std::vector<Charge> fees = {};
  Money fees_charged = {};
  std::vector<LifecycleStep> history = {};
};

// Folds the events of invoice `index` of `c` (its position in
// c.invoices()) up to and including `as_of`, with the time triggers in
// between, in time linear in the events that concern it. Account-wide events (a
// promise, plan, block, hand-off or legal action without an invoice list) apply
// to every invoice issued and open at that date whose state accepts them (a
// hand-off takes overdue invoices, not those not yet due). A payment plan's
// instalments are met by the payments on all the invoices it covers. Errors:
// kInvalidArgument when `index` is not an invoice of `c`, or an amount is in
// another currency than the invoice; kFailedPrecondition when an event is
// impossible in the state reached, naming the event, e.g. `events[5]
// written_off on 2026-03-02: not allowed for invoice F-1 in state paid`.
// `with_history` false leaves InvoiceLifecycle::history empty (the dunning
// decision does not read it; every other field is the same).
[[nodiscard]] RELANCE_API absl::StatusOr<InvoiceLifecycle> FoldInvoice(
    const CompiledCase& c, size_t index, Date as_of, bool with_history = true);

// The same for the invoice with id `invoice`, compiling `c` first (with the
// default CaseOptions). Errors: those of CompiledCase::Compile; kNotFound
// when the case does not issue `invoice`; as above.
[[nodiscard]] RELANCE_API absl::StatusOr<InvoiceLifecycle> FoldInvoice(
    const Case& c, std::string_view invoice, Date as_of);

}  // namespace relance

#endif  // RELANCE_LIFECYCLE_HPP_
