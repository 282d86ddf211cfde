// relance/reason.hpp
// -----------------------------------------------------------------------------
// Why: the stable reason codes of a dunning decision, with their fields.
//
// Every outcome of `Evaluate` (relance/dunning.hpp) carries a `Reason`: a
// code a program can act on (`ReasonCode`, with a stable snake_case name)
// and the structured fields that code defines (dates, amounts, the level it
// concerns or waits for). Prose is rendered from the code and its fields in
// one place, `Describe`, in English; the letters layer renders the same
// codes in the customer's language. Nothing else in relance writes the
// sentence of a reason.
//
// The fields each code fills (others stay empty; `FieldsOf(code)` says which,
// and the JSON form writes exactly those, null when unset):
//
//   code (name)                    fields
//   kLevelDue (level_due)          level, level_number, days
//                                  (days late)
//   kLevelDueAfterBrokenPromise    level, level_number, days, date (the day
//     (level_due_promise_broken)   the promise was broken)
//   kClaimDue (claim_due)          level, level_number, amount (the claim
//                                  left on an invoice paid late)
//   kThankYou (thank_you)          date (paid in full on)
//   kNotYetDue (not_yet_due)       date (the due date), level (the next
//                                  level, if any), next_date (its date)
//   kWaitingForLevel               level, level_number, next_date, days
//     (waiting_for_level)          (days late)
//   kWaitingForGap (waiting_for_gap)  level, level_number, next_date, date
//                                  (the previous level sent), days (the
//                                  minimum gap)
//   kPausedByDispute               amount (disputed)
//     (paused_by_dispute)
//   kPausedByPromise               date (promised), amount (promised, if
//     (paused_by_promise)          given)
//   kPausedByPlan (paused_by_plan) next_date (the day a missed instalment
//                                  would show, if any)
//   kPausedByBlock (paused_by_block)  date (the last day of the block)
//   kWithAgency (with_agency)      -
//   kInLegalAction (in_legal_action)  -
//   kClosed (closed)               state (paid, credited, written_off)
//   kClaimReported (claim_reported)  amount (the claim left on an invoice
//                                  paid late; the policy does not dun it)
//   kLadderComplete (ladder_complete)  level (the last level sent)
//   kAlreadyActedToday             date
//     (already_acted_today)
//   kBelowInvoiceMinimum           level, amount, threshold
//     (below_invoice_minimum)
//   kBelowLevelMinimum             level, amount, threshold
//     (below_level_minimum)
//   kBelowCustomerMinimum          level, amount (the customer's total in
//     (below_customer_minimum)     that currency), threshold
//   kContactCap (contact_cap)      level, date (last contact), next_date
//                                  (first contact allowed), days
//   Decision-level notes:
//   kLadderChosen (ladder_chosen)  ladder, segment, assigned (the segment
//                                  was assigned, not matched on history)
//   kPenaltyUnavailable            invoice, detail (the error that stopped
//     (penalty_unavailable)        the computation)
//   kRateAssumed (rate_assumed)    invoice, detail (the assumption)
//   kUnappliedCash (unapplied_cash)  invoice, amount
//   kAccountBlocked (account_blocked)  date (since)
#ifndef RELANCE_REASON_HPP_
#define RELANCE_REASON_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "relance/date.hpp"
#include "relance/export.hpp"
#include "relance/lifecycle.hpp"
#include "relance/money.hpp"

namespace relance {

enum class ReasonCode {
  kLevelDue,
  kLevelDueAfterBrokenPromise,
  kClaimDue,
  kThankYou,
  kNotYetDue,
  kWaitingForLevel,
  kWaitingForGap,
  kPausedByDispute,
  kPausedByPromise,
  kPausedByPlan,
  kPausedByBlock,
  kWithAgency,
  kInLegalAction,
  kClosed,
  kClaimReported,
  kLadderComplete,
  kAlreadyActedToday,
  kBelowInvoiceMinimum,
  kBelowLevelMinimum,
  kBelowCustomerMinimum,
  kContactCap,
  kLadderChosen,
  kPenaltyUnavailable,
  kRateAssumed,
  kUnappliedCash,
  kAccountBlocked,
};

// The stable names in the table above ("below_invoice_minimum").
[[nodiscard]] RELANCE_API std::string_view ToString(ReasonCode code);
// Errors: kInvalidArgument listing the names.
[[nodiscard]] RELANCE_API absl::StatusOr<ReasonCode> ParseReasonCode(
    std::string_view text);

// The fields of a reason, as bits (for FieldsOf and the JSON form).
enum ReasonField : uint32_t {
  kReasonInvoice = 1u << 0,
  kReasonLevel = 1u << 1,
  kReasonLevelNumber = 1u << 2,
  kReasonDate = 1u << 3,
  kReasonNextDate = 1u << 4,
  kReasonAmount = 1u << 5,
  kReasonThreshold = 1u << 6,
  kReasonDays = 1u << 7,
  kReasonState = 1u << 8,
  kReasonLadder = 1u << 9,
  kReasonSegment = 1u << 10,
  kReasonAssigned = 1u << 11,
  kReasonDetail = 1u << 12,
};
// The fields `code` fills, as a mask of ReasonField.
[[nodiscard]] RELANCE_API uint32_t FieldsOf(ReasonCode code);

struct RELANCE_API Reason {
  ReasonCode code = ReasonCode::kNotYetDue;
  std::string invoice = {};  // decision-level notes about one invoice
  std::string level = {};    // the level concerned or awaited
  int level_number = 0;      // its 1-based rank in the ladder
  std::optional<Date> date = {};
  std::optional<Date> next_date = {};  // the date something may change
  std::optional<Money> amount = {};
  std::optional<Money> threshold = {};
  std::optional<int> days = {};
  std::optional<InvoiceState> state = {};
  std::string ladder = {};
  std::string segment = {};
  bool assigned = false;
  std::string detail = {};

  friend bool operator==(const Reason&, const Reason&) = default;
};

// The English sentence for `reason`, e.g. "level reminder2 (4) is due: 16
// days late", "below the invoice minimum: 9.00 EUR < 15.00 EUR".
[[nodiscard]] RELANCE_API std::string Describe(const Reason& reason);

}  // namespace relance

#endif  // RELANCE_REASON_HPP_
