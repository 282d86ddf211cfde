// relance/dunning.hpp
// -----------------------------------------------------------------------------
// The dunning decision: what must be done now for one customer, why, and
// when to look again.
//
// `Evaluate(policy, case, as_of)` is pure. It runs in named phases, each a
// function of the previous one's result, in time linear in the case's
// events and invoices:
//
//   1. Fold: every invoice issued by `as_of` is folded from its own events
//      (relance/lifecycle.hpp), on a case compiled once
//      (relance/compiled_case.hpp).
//   2. Ladder: the customer's ladder is chosen (relance/policy.hpp: an
//      assigned segment, else the history).
//   3. Claims: where the policy claims penalties, each invoice past due (open,
//      or paid late) is assessed as of `as_of` (relance/penalty.hpp), its
//      earlier levels' fees counted as costs. A penalty that cannot be
//      computed (no rate known for a date) does not stop the decision: the
//      invoice's penalties are marked unavailable, with a
//      `penalty_unavailable` note.
//   4. Invoice decisions: for each invoice, a pure function gives its
//      outcome and a `Reason` (relance/reason.hpp): the level due, or why
//      none (not yet due, paused, waiting for the level's date or for the
//      minimum gap, below a minimum, contact cap, already acted today, ...).
//   5. Customer thresholds: the customer minimum per currency.
//   6. Communications: grouping, amounts, fees, statements of account.
//   7. Totals: the customer's total due per currency. (The next review
//      date, when something may change without new events, is gathered
//      in phase 4 from each invoice.)
//
// The rules:
//   - An invoice moves one level at a time: the next level of the ladder
//     after the highest recorded for it, once its date (due date + offset)
//     has come. A month without runs therefore gives the next level, not a
//     jump (unless the policy allows skipping: then up to
//     `max_levels_per_run` levels at once). Levels before the due date
//     (courtesy notices) are passed over once the invoice is overdue. A level
//     recorded from another ladder of the policy counts as the rank its
//     offset reaches in the customer's ladder; a level the policy does not
//     have is refused (kFailedPrecondition), never silently re-sent.
//   - Two levels for one invoice are at least `min_days_between_levels` days
//     apart (the level's `min_days_since_previous` when larger), so a pause
//     that ends with several levels overdue brings them back one at a time,
//     not on consecutive days.
//   - A broken promise escalates at once: the next level is due the day the
//     promise is broken, whatever its offset (the minimum gap still holds).
//     A partial promise kept (its amount paid) is not broken.
//   - Nothing is proposed for an invoice paused (disputed in full, promised,
//     on a plan, blocked: a block "until D" includes D), closed, with an
//     agency or in legal action; nor below the level's, the invoice's or
//     the customer's minimum amount (amounts under dispute do not count);
//     nor within `min_days_between_contacts` of the customer's last
//     communication; nor for an invoice that already had an action recorded
//     on `as_of` (one run per day).
//   - An invoice paid late keeps a claim: its interest, fixed compensation
//     and fees still owed (`InvoiceDecision::claim`). It is reported; when
//     the policy sets `dun_late_payment_claims`, it is dunned through the
//     ladder like an open invoice.
//   - Idempotence: an action recorded as performed (an `action_performed`
//     event with the level id) is never proposed again; evaluating again
//     after recording the proposed actions proposes nothing for that date.
//   - Grouping (`per_customer`, the default): one communication for the
//     customer, at the highest level among its invoices (its channel,
//     template and deadline), listing every invoice with an action due and
//     the level each reaches ("one customer, one letter"); `per_invoice`: one
//     communication per invoice. Amounts are totalled per currency, never
//     across currencies. A level with `statement_of_account` also lists every
//     overdue invoice of the customer (`Communication::statement`).
//   - A thank-you communication (optional, per policy) for an invoice paid in
//     full in the 30 days before `as_of` after having been dunned, once.
//
// Every decision records the policy id and version that produced it. Its one
// JSON form is written by relance/decision_json.hpp.
//
// Example:
//
//   absl::StatusOr<Policy> policy = Policy::FromJson(text);
//   absl::StatusOr<CompiledCase> dupont = CompiledCase::Compile(dupont_case);
//   auto decision = Evaluate(*policy, *dupont, MakeDate(2026, 3, 31));
//   for (const Communication& c : decision->actions) ...   // send, then
//   // record an action_performed event per communication.
#ifndef RELANCE_DUNNING_HPP_
#define RELANCE_DUNNING_HPP_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/compiled_case.hpp"
#include "relance/event.hpp"
#include "relance/export.hpp"
#include "relance/lifecycle.hpp"
#include "relance/money.hpp"
#include "relance/policy.hpp"
#include "relance/reason.hpp"

namespace relance {

// The level id of thank-you communications.
inline constexpr std::string_view kThankYouLevel = "thank_you";

// One communication due now: one level, one channel, one or more invoices.
struct RELANCE_API Communication {
  std::string level = {};  // the policy level id ("reminder2")
  int level_number = 0;    // its 1-based rank in the ladder ("reminder no. 2")
  Channel channel = Channel::kEmail;
  std::string template_id = {};
  bool task = false;  // a person must act (a phone call, ...)
  // Block new orders for the customer (a level with block_account, when the
  // account is not blocked already).
  bool block_account = false;
  std::vector<std::string> invoices = {};
  // The level each invoice reaches, in the order of `invoices` (lower than
  // `level` for invoices behind the customer's most advanced one).
  std::vector<std::string> invoice_levels = {};
  // Per currency, in the order first met, over `invoices`: what is due
  // (outstanding less disputed), penalties (interest + compensation as of
  // the date), the fee of this level, fees charged by earlier levels, and
  // the total to pay (outstanding + what is still owed of penalties and
  // fees + this level's fee).
  std::vector<Money> outstanding = {};
  std::vector<Money> penalties = {};
  std::vector<Money> fees = {};
  std::vector<Money> fees_charged = {};
  std::vector<Money> total_due = {};
  std::optional<Date> payment_deadline = {};
  // A statement of account (levels with `statement_of_account`): every
  // overdue invoice of the customer, in issue order, with or without an
  // action today; their figures are in Decision::invoices. Empty otherwise.
  std::vector<std::string> statement = {};
};

// Whether an invoice's penalties are known.
enum class PenaltyStatus {
  kNotClaimed,   // "not_claimed": the policy claims none, or nothing is late
  kComputed,     // "computed"
  kUnavailable,  // "unavailable": see the decision's penalty_unavailable note
};
[[nodiscard]] RELANCE_API std::string_view ToString(PenaltyStatus status);

// Where one invoice stands.
struct RELANCE_API InvoiceDecision {
  std::string invoice = {};
  InvoiceState state = InvoiceState::kNotYetDue;
  Date issue_date = {};
  Date due_date = {};
  Money amount = {};       // as issued
  Money outstanding = {};  // balance less disputed
  Money disputed = {};
  // Days after the due date, (due, as_of]; for a paid invoice, until the
  // payment that closed it (0 when paid on time).
  int days_late = 0;
  // The level recorded last for it ("" = none), when, and the next one.
  std::string last_level = {};
  std::optional<Date> last_action_date = {};
  std::string next_level = {};
  std::optional<Date> next_level_date = {};
  // The level it reaches now ("" = no action).
  std::string action_level = {};
  PenaltyStatus penalty_status = PenaltyStatus::kNotClaimed;
  // When computed: interest and compensation as of the date (whether paid
  // or not).
  std::optional<Money> interest = {};
  std::optional<Money> compensation = {};
  Money fees_charged = {};  // by earlier levels
  // What is owed beyond the unpaid invoice amount: penalties and fees not
  // yet settled (in the penalty rule's settlement order). For an invoice
  // paid late, its late-payment claim. Zero once credited or written off.
  Money claim = {};
  // outstanding + claim; zero for an invoice credited or written off (given
  // up: its outstanding then shows what was given up).
  Money total_due = {};
  // Cash received beyond what was owed: beyond principal, interest and
  // costs when penalties are computed (such cash settles the claim first).
  Money unapplied = {};
  Reason reason = {};
};

struct RELANCE_API Decision {
  std::string policy_id = {};
  int policy_version = 0;
  std::string customer = {};
  Date as_of = {};
  std::string ladder = {};   // the ladder id used
  std::string segment = {};  // the segment that chose it ("" = default)
  std::vector<Communication> actions = {};
  std::vector<InvoiceDecision> invoices = {};
  // The next date on which something may change without new events (a level
  // falling due, a promise or a block ending, an instalment date).
  std::optional<Date> next_review = {};
  // The customer's account is blocked for new orders since this date (an
  // account_blocked event, or a level with block_account performed).
  std::optional<Date> account_blocked_since = {};
  // Per currency, every invoice's total_due (what the customer owes now).
  std::vector<Money> total_due = {};
  // Decision-level reasons: the ladder chosen, customer minimums, the
  // contact cap, penalties unavailable or on assumed rates, unapplied cash,
  // the account block.
  std::vector<Reason> notes = {};

  // Whether some invoice's penalties could not be computed.
  bool PenaltiesUnavailable() const;
};

// Evaluates the compiled case `c` under `policy` as of `as_of`.
// Errors: kFailedPrecondition for an event impossible in the state reached
// (relance/lifecycle.hpp) or an action_performed naming a level the policy
// does not have; kInvalidArgument for an amount in another currency than
// its invoice, or a date the decision needs beyond 9999-12-31; kNotFound for
// a segment assigned by an event that the policy does not declare. A penalty
// that cannot be computed is not an error (see phase 3).
[[nodiscard]] RELANCE_API absl::StatusOr<Decision> Evaluate(
    const Policy& policy, const CompiledCase& c, Date as_of);
// The same on a case compiled with `options` (errors of
// CompiledCase::Compile first).
[[nodiscard]] RELANCE_API absl::StatusOr<Decision> Evaluate(
    const Policy& policy, const Case& c, Date as_of,
    const CaseOptions& options = {});

// A dated action of a forecast.
struct RELANCE_API ForecastItem {
  Date date = {};
  Communication action = {};
};

// The road ahead for one customer if nothing else happens.
struct RELANCE_API DunningForecast {
  std::string policy_id = {};
  int policy_version = 0;
  std::string customer = {};
  Date from = {};
  Date to = {};
  std::vector<ForecastItem> items = {};
};

// Evaluates from `from` to `to` (inclusive), recording each proposed action
// as performed before moving on, and jumping from one review date to the
// next. Agrees with evaluating day by day. Errors: as Evaluate;
// kInvalidArgument when `to` is before `from` or more than 3660 days later.
[[nodiscard]] RELANCE_API absl::StatusOr<DunningForecast> Forecast(
    const Policy& policy, const CompiledCase& c, Date from, Date to);
[[nodiscard]] RELANCE_API absl::StatusOr<DunningForecast> Forecast(
    const Policy& policy, const Case& c, Date from, Date to,
    const CaseOptions& options = {});

// The action_performed events that record `communication` as performed on
// `date`: one per level its invoices reach (in level-id order), naming
// those invoices, with `reference` (a letter number, the ledger's action
// id); the communication's fee (when it has one, in one currency) goes with
// the event of the communication's own level.
RELANCE_API std::vector<Event> ActionsPerformed(
    const Communication& communication, Date date, std::string_view reference);

// The case with `decision`'s actions recorded as performed on its date (one
// action_performed event per level reached in each communication, its
// `amount` the fee charged when the level has one), as a host would after
// sending them.
RELANCE_API Case WithActionsRecorded(const Case& c, const Decision& decision);

}  // namespace relance

#endif  // RELANCE_DUNNING_HPP_
