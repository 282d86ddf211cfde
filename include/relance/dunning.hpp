// relance/dunning.hpp
// -----------------------------------------------------------------------------
// The dunning decision: what must be done now for one customer, and when to
// look again.
//
// `Evaluate(policy, case, as_of)` is pure. It folds every invoice of the case
// (relance/lifecycle.hpp), chooses the customer's ladder (relance/policy.hpp),
// and proposes the actions due on `as_of`, grouped into communications:
//
//   - An invoice moves one level at a time: the next level of the ladder
//     after the last one recorded for it, once its date (due date + offset)
//     has come. A month without runs therefore gives the next level, not a
//     jump (unless the policy allows skipping: then up to
//     `max_levels_per_run` levels at once, the communication carrying the
//     highest). Levels before the due date (courtesy notices) are passed over
//     once the invoice is overdue.
//   - A broken promise escalates at once: the next level is due the day the
//     promise is broken, whatever its offset.
//   - Nothing is proposed for an invoice that is paused (disputed in full,
//     promised, on a plan, blocked), closed, with an agency or in legal
//     action; nor for one whose level waits for `min_days_since_previous`;
//     nor below the level's, the invoice's or the customer's minimum amount
//     (amounts under dispute do not count toward them); nor within
//     `min_days_between_contacts` of the customer's last communication; nor
//     for an invoice that already had an action recorded on `as_of` (one run
//     per day).
//   - Idempotence: an action recorded as performed (an `action_performed`
//     event with the level id) is never proposed again; evaluating again
//     after recording the proposed actions proposes nothing for that date.
//   - Grouping (`per_customer`, the default): one communication for the
//     customer, at the highest level among its invoices (its channel,
//     template and deadline), listing every invoice with an action due and
//     the level each reaches ("one customer, one letter"); `per_invoice`: one
//     communication per invoice. Amounts are totalled per currency, never
//     across currencies.
//   - Amounts: the outstanding balance (less disputed parts) and, if the
//     policy names a penalty rule, interest and fixed compensation as of
//     `as_of` (relance/penalty.hpp); the level's fee on the total; a new
//     payment deadline when the level sets one.
//   - A thank-you communication (optional, per policy) for an invoice paid in
//     full in the 30 days before `as_of` after having been dunned, once.
//
// Every decision records the policy id and version that produced it.
//
// Example:
//
//   auto policy = Policy::FromJson(text);
//   auto decision = Evaluate(**policy, dupont_case, MakeDate(2026, 3, 31));
//   for (const Communication& c : decision->actions) ...   // send, then
//   // record an action_performed event per communication.
#ifndef RELANCE_DUNNING_HPP_
#define RELANCE_DUNNING_HPP_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/event.hpp"
#include "relance/lifecycle.hpp"
#include "relance/money.hpp"
#include "relance/policy.hpp"

namespace relance {

// One communication due now: one level, one channel, one or more invoices.
struct Communication {
  std::string level = {};  // the policy level id ("reminder2")
  int level_number = 0;    // its 1-based rank in the ladder ("reminder no. 2")
  Channel channel = Channel::kEmail;
  std::string template_id = {};
  bool task = false;           // a person must act (a phone call, ...)
  bool block_account = false;  // block new orders for the customer
  std::vector<std::string> invoices = {};
  // The level each invoice reaches, in the order of `invoices` (lower than
  // `level` for invoices behind the customer's most advanced one).
  std::vector<std::string> invoice_levels = {};
  // Per currency, in the order first met: what is due (outstanding less
  // disputed), penalties (interest + compensation), the level's fee.
  std::vector<Money> outstanding = {};
  std::vector<Money> penalties = {};
  std::vector<Money> fees = {};
  std::optional<Date> payment_deadline = {};
};

// Where one invoice stands.
struct InvoiceDecision {
  std::string invoice = {};
  InvoiceState state = InvoiceState::kNotYetDue;
  Date due_date = {};
  Money outstanding;  // balance less disputed
  int days_late = 0;  // days after the due date, (due, as_of]
  // The level recorded last for it ("" = none) and the next one, if any.
  std::string last_level = {};
  std::string next_level = {};
  std::optional<Date> next_level_date = {};
  // Why it gets an action now, or why not.
  std::string explanation = {};
};

struct Decision {
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
  std::vector<std::string> explanations = {};
};

// Errors: kInvalidArgument when the case's events are not in date order;
// those of FoldInvoice (kFailedPrecondition for an impossible event,
// kNotFound, kInvalidArgument); kNotFound for a segment assigned by an event
// that the policy does not declare; kOutOfRange from penalties beyond known
// reference rates.
[[nodiscard]] absl::StatusOr<Decision> Evaluate(const Policy& policy,
                                                const Case& c, Date as_of);

// A dated action of a forecast.
struct ForecastItem {
  Date date = {};
  Communication action = {};
};

// The road ahead if nothing else happens: evaluates from `from` to `to`
// (inclusive), recording each proposed action as performed before moving on,
// and jumping from one review date to the next. Agrees with evaluating day by
// day. Errors: as Evaluate; kInvalidArgument when `to` is before `from` or
// more than 3660 days later.
[[nodiscard]] absl::StatusOr<std::vector<ForecastItem>> Forecast(
    const Policy& policy, const Case& c, Date from, Date to);

// The case with `decision`'s actions recorded as performed on its date (one
// action_performed event per level reached in each communication), as a
// host would after sending them.
Case WithActionsRecorded(const Case& c, const Decision& decision);

}  // namespace relance

#endif  // RELANCE_DUNNING_HPP_
