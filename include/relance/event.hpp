// relance/event.hpp
// -----------------------------------------------------------------------------
// Facts: what happened to a customer's invoices, as an ordered list of
// events.
//
// relance derives every dunning state by folding events (DESIGN decision 4):
// there is no other source of truth, and the list is the audit trail an
// agency or a court asks for. This header defines the events and the case
// file that holds them; the dunning engine (relance/dunning.hpp) folds them.
//
// Each event has a date, a kind, and the fields its kind needs (an aggregate
// like HolidayRule: fields that do not belong to the kind stay empty, and
// `Validate` checks both). Events are ordered by date; events of one date
// keep the order in which they were recorded.
//
// Example (JSON, as in a case file):
//
//   {"date": "2026-01-15", "type": "invoice_issued", "invoice": "F-1001",
//    "amount": "1200.00 EUR", "due_date": "2026-02-14"}
//   {"date": "2026-02-20", "type": "dispute_opened", "invoice": "F-1001",
//    "amount": "200.00 EUR", "reason": "one pallet damaged"}
//   {"date": "2026-03-01", "type": "promise_to_pay", "invoice": "F-1001",
//    "promised_date": "2026-03-15", "amount": "1000.00 EUR"}
//   {"date": "2026-03-20", "type": "action_performed", "invoice": "F-1001",
//    "level": "formal_notice", "channel": "registered_letter",
//    "reference": "1A 123 456 7890 1"}
//   {"date": "2026-03-23", "type": "action_acknowledged",
//    "reference": "1A 123 456 7890 1", "reason": "signed: M. Dupont"}
//
// Which facts are refused: `Validate` refuses an event whose fields do not
// fit its kind; `CompiledCase::Compile` (relance/compiled_case.hpp) refuses
// facts that could not take effect — events out of date order, an invoice
// issued twice, an event naming an invoice the case never issues (a payment
// for an unknown invoice) or issues only later, an action_performed naming no
// invoice, an action_acknowledged whose reference no earlier
// action_performed carries; folding (relance/lifecycle.hpp) refuses an event
// impossible in the state the invoice has reached (kFailedPrecondition).
#ifndef RELANCE_EVENT_HPP_
#define RELANCE_EVENT_HPP_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/export.hpp"
#include "relance/money.hpp"

namespace relance {

enum class EventKind {
  kInvoiceIssued,       // invoice, amount, due_date (or terms text)
  kPaymentReceived,     // invoice, amount
  kCreditNote,          // invoice, amount
  kActionPerformed,     // level, channel, reference; invoices concerned
                        // (required); amount: the fee charged with it
  kDisputeOpened,       // invoice; amount for a partial dispute; reason
  kDisputeResolved,     // invoice, outcome (upheld: amount credited)
  kPromiseToPay,        // invoice (or all), promised_date, amount
  kPromiseConfirmed,    // the latest promise confirmed in writing
  kPaymentPlanAgreed,   // instalments (date, amount), invoices concerned
  kDunningBlocked,      // until, reason (invoice or whole account)
  kHandedToAgency,      // invoice (or all), reference
  kLegalActionStarted,  // invoice (or all), reference
  kWrittenOff,          // invoice, reason
  // The customer's account is blocked for new orders from that date until
  // account_unblocked; the decision reports it (Decision::
  // account_blocked_since) and does not ask again to block it.
  kAccountBlocked,  // reason
  kAccountUnblocked,
  kSegmentAssigned,  // segment
  // The receipt of an action performed: the signed acknowledgement of a
  // registered letter (the "accusé de réception" card, dated, numbered), an
  // e-mail's read receipt, an agency confirming it received the file.
  // Evidence for the dossier only: it changes no dunning state.
  kActionAcknowledged,  // reference (the action's), invoices; reason
};

// The stable names used in JSON and text: "invoice_issued",
// "payment_received", "credit_note", "action_performed", "dispute_opened",
// "dispute_resolved", "promise_to_pay", "promise_confirmed",
// "payment_plan_agreed", "dunning_blocked", "handed_to_agency",
// "legal_action_started", "written_off", "account_blocked",
// "account_unblocked", "segment_assigned", "action_acknowledged".
[[nodiscard]] RELANCE_API std::string_view ToString(EventKind kind);
[[nodiscard]] RELANCE_API absl::StatusOr<EventKind> ParseEventKind(
    std::string_view text);

enum class DisputeOutcome {
  kUpheld,    // the customer was right: `amount` is credited (all if absent)
  kRejected,  // the claim stands: dunning resumes
};

// One instalment of an agreed payment plan.
struct RELANCE_API PlanInstalment {
  Date date = {};
  Money amount;
  friend bool operator==(const PlanInstalment&,
                         const PlanInstalment&) = default;
};

struct RELANCE_API Event {
  Date date = {};
  EventKind kind = EventKind::kInvoiceIssued;
  // The invoice concerned. Empty on customer-level events (account block,
  // segment), on an action_acknowledged that names none (it then concerns
  // the invoices of the action it acknowledges) and, for promises, plans,
  // blocks, hand-offs and legal action, when they concern every open invoice of
  // the customer (every invoice issued by their date). An action_performed
  // always names its invoices.
  std::string invoice = {};
  // Several invoices (an action performed on a grouped letter, a payment
  // plan covering some invoices). Empty: `invoice` alone (or all).
  std::vector<std::string> invoices = {};
  // Payment, credit note, invoice: the amount. A partial dispute, an upheld
  // dispute's credit, a promise: the amount concerned. action_performed: the
  // fee charged with the reminder (split between several invoices in
  // proportion to their amounts).
  std::optional<Money> amount = {};
  std::optional<Date> due_date = {};  // kInvoiceIssued
  std::string terms = {};             // kInvoiceIssued, instead of due_date
  std::string level = {};             // kActionPerformed: policy level id
  std::string channel = {};           // kActionPerformed
  // The letter number, the agency's file, ...; on an action_acknowledged,
  // the reference of the action_performed it acknowledges (required).
  std::string reference = {};
  // Why, or a note: on an action_acknowledged, who signed, "returned
  // unclaimed", ...
  std::string reason = {};
  std::optional<DisputeOutcome> outcome = {};    // kDisputeResolved
  std::optional<Date> promised_date = {};        // kPromiseToPay
  std::optional<Date> until = {};                // kDunningBlocked
  std::string segment = {};                      // kSegmentAssigned
  std::vector<PlanInstalment> instalments = {};  // kPaymentPlanAgreed

  // The invoices this event names: `invoices`, else `invoice` alone, else
  // none (the whole account).
  std::vector<std::string> Invoices() const;

  // Checks that the fields the kind needs are present and the others empty.
  // `path` prefixes messages ("events[3]"). Errors: kInvalidArgument, e.g.
  // `events[3] (payment_received): amount: required`.
  [[nodiscard]] absl::Status Validate(std::string_view path) const;

  // Parses one event, as one element of a case file's "events" and
  // validated (`{"date": "2026-02-20", "type": "dispute_opened", "invoice":
  // "F-1001"}`). Errors: kInvalidArgument `event: <field>: <what>`, e.g.
  // `event: amount: money "12,00 EUR" ...` or `event (payment_received):
  // amount: required`.
  [[nodiscard]] static absl::StatusOr<Event> FromJson(
      std::string_view json_text);
  // The same JSON object on one line, its keys in a fixed order (date, type,
  // then the fields in the order of this struct): equal events give equal
  // texts, so the text can be hashed (the ledger's journal does).
  // FromJson(ToJson()) == *this for a valid event.
  std::string ToJson() const;

  friend bool operator==(const Event&, const Event&) = default;
};

// One customer's file: identity and events in date order.
struct RELANCE_API Case {
  std::string customer_id = {};
  std::string customer_name = {};
  std::vector<Event> events = {};

  // Parses a case file:
  //   {"customer": {"id": "C-042", "name": "Dupont SARL"},
  //    "events": [{"date": ..., "type": ..., ...}, ...]}
  // Every event is validated; events must be in non-decreasing date order
  // (a later event recorded before an earlier one is an error naming both:
  // relance never reorders the audit trail silently).
  // Errors: kInvalidArgument with the JSON path ("case: events[4].amount:
  // money \"12,00 EUR\" ...").
  [[nodiscard]] static absl::StatusOr<Case> FromJson(
      std::string_view json_text);
  // Reads and parses a case file (at most 16 MiB, a regular file).
  // Errors: those of FromJson, prefixed with the path
  // (`dupont.json: case: events[4].amount: ...`); kInvalidArgument
  // `file "<path>": <why>` when the file cannot be read.
  [[nodiscard]] static absl::StatusOr<Case> FromFile(const std::string& path);

  // Serialises to the same JSON form (FromJson(ToJson()) == *this).
  std::string ToJson() const;

  friend bool operator==(const Case&, const Case&) = default;
};

}  // namespace relance

#endif  // RELANCE_EVENT_HPP_
