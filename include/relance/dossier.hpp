// relance/dossier.hpp
// -----------------------------------------------------------------------------
// The collection dossier: the file a creditor hands to a collection agency or
// a court, proving every step taken to get an invoice paid.
//
// Practitioners keep "the full history of every attempt (channel, date,
// content, answer)": it is the evidence an agency or a court asks for
// (../DOMAIN.md, section 1, steps 5 and 6). A `Dossier` gathers, for one
// customer (all its invoices) or one invoice of its case, as of a date and
// under a policy:
//
//   - the parties: the creditor, as the host gives it (name, legal id,
//     address), and the debtor, as the case names it (with its address
//     when the host gives one);
//   - the invoices: issue date, terms as written, due date, amount, what was
//     paid and credited, what is outstanding, disputed, days late, and the
//     state the invoice has reached;
//   - the payments and credit notes received;
//   - the complete chronological history: every event of the case in scope
//     (issue, payments, actions performed with level, channel, reference
//     and the acknowledgement of their receipt, when one was recorded,
//     disputes opened and resolved, promises and their written
//     confirmation, payment plans, blocks, hand-offs, ...) and, between
//     them, what the passage of time did (the due date passing, a promise
//     kept or broken, an instalment missed, a block ending);
//   - the late-payment penalties computed to the date, with their breakdown
//     (periods, principal, rate, days, interest), the fixed compensation,
//     the fees charged, and the legal basis (the penalty rule's articles,
//     the regime of the law applied, the compensation's article);
//   - the totals per currency (amounts in different currencies never mix).
//
// The dossier states the library's own results; it computes nothing of its
// own. The figures of each invoice are `Evaluate`'s (relance/dunning.hpp),
// copied as `DossierInvoice::decision`; the penalty breakdown is `Assess`'s
// (relance/penalty.hpp) on the very facts the decision assessed (the
// invoice's fold, relance/lifecycle.hpp), and `BuildDossier` checks that it
// gives the decision's interest and compensation (a difference would be a
// bug: kInternal). The history is the case's events as recorded and the
// fold's time steps. Totals are sums of the invoices' figures.
//
// Its forms: `DossierToJson` (relance/dossier_json.hpp), the document
// "relance.dossier" for agency software; `DossierToHtml`
// (relance/dossier_html.hpp), a printable page for a person, in French or
// English.
//
// Example:
//
//   absl::StatusOr<Dossier> dossier = BuildDossier(
//       policy, dupont_case, MakeDate(2026, 4, 30),
//       DossierOptions{.creditor = {.name = "Atelier Lune SAS",
//                                   .address_lines = {"12 rue des Lilas",
//                                                     "69003 Lyon"},
//                                   .registration = "SIREN 123 456 789"},
//                      .invoice = "F-1001"});
//   std::cout << DossierToJson(*dossier);
#ifndef RELANCE_DOSSIER_HPP_
#define RELANCE_DOSSIER_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/compiled_case.hpp"
#include "relance/creditor.hpp"
#include "relance/currency.hpp"
#include "relance/date.hpp"
#include "relance/dunning.hpp"
#include "relance/event.hpp"
#include "relance/export.hpp"
#include "relance/lifecycle.hpp"
#include "relance/money.hpp"
#include "relance/penalty.hpp"
#include "relance/policy.hpp"

namespace relance {

// A record kept as evidence beside the facts, which the host gives: an
// e-invoice lifecycle status a platform reported (relance/einvoice_status.hpp;
// the ledger keeps every one), such as 203 "Mise à disposition", which
// proves the buyer could read the invoice.
struct RELANCE_API DossierEvidence {
  Date date = {};
  std::string invoice = {};    // the invoice it concerns
  std::string code = {};       // "203"
  std::string label = {};      // "Mise à disposition"
  std::string effect = {};     // its effect in relance: "evidence", ...
  std::string reference = {};  // the message's id
  std::string note = {};       // what relance made of it, "" = none
  friend bool operator==(const DossierEvidence&,
                         const DossierEvidence&) = default;
};

// What dossier to build.
struct RELANCE_API DossierOptions {
  // Who the dossier is for (relance/creditor.hpp); its name, address and
  // registration are printed, name required.
  Creditor creditor = {};
  // The debtor's postal address, one line each, printed among the parties;
  // may be empty. `relance dossier` gives the letterhead's debtor address,
  // else the ledger's customers.address; the C ABI and Python, the
  // letterhead's.
  std::vector<std::string> debtor_address_lines = {};
  // One invoice of the case ("F-1001"), or "" for the whole customer: every
  // invoice issued by the dossier's date.
  std::string invoice = {};
  // Evidence the host keeps (e-invoice statuses): those dated by the
  // dossier's date and concerning its invoices are listed, in date order.
  std::vector<DossierEvidence> evidence = {};
};

// One invoice of the dossier.
struct RELANCE_API DossierInvoice {
  // Where it stands on the dossier's date, as Evaluate decided (issue and
  // due dates, amount, state, outstanding less disputed, disputed, days
  // late, penalty status, interest, compensation, fees charged, claim,
  // total due, the last level sent).
  InvoiceDecision decision = {};
  // The terms written on its invoice_issued event ("30 jours fin de mois");
  // "" when the event gave a due date instead.
  std::string terms = {};
  // Its invoice_issued event's reference (the invoice document), or "".
  std::string reference = {};
  // Payments received and credit notes, up to the date (events
  // payment_received and credit_note; an upheld dispute's credit is in the
  // history, not here).
  Money paid = {};
  Money credited = {};
  // The day the invoice became paid in full, if it did.
  std::optional<Date> paid_date = {};
  // The penalty assessment with its breakdown, when the decision computed
  // penalties (PenaltyStatus::kComputed).
  std::optional<PenaltyAssessment> penalties = {};
  // Why the penalties could not be computed (PenaltyStatus::kUnavailable):
  // the decision's penalty_unavailable note ("" otherwise).
  std::string penalties_unavailable = {};
};

// A payment or a credit note received.
struct RELANCE_API DossierPayment {
  Date date = {};
  EventKind kind = EventKind::kPaymentReceived;  // or kCreditNote
  std::string invoice = {};
  Money amount = {};
  std::string reference = {};  // "VIR 88231"; "" = none recorded
  uint32_t event_index = 0;    // into the case's events
};

// One step of the history: an event of the case, or what the passage of time
// did to some invoices. An action performed is identified by its level id,
// channel and reference (the letter number, the registered letter's
// number): the number printed on a reminder ("reminder no. 2") is not
// recorded by the event, and the dossier does not guess it.
struct RELANCE_API DossierEntry {
  Date date = {};
  // An event: its index in the case's events and the event as recorded.
  std::optional<uint32_t> event_index = {};
  Event event = {};
  // The passage of time (no event): kDueDatePassed, kPromiseBroken,
  // kPromiseKept, kInstalmentMissed or kBlockExpired; none for an event.
  std::optional<Trigger> trigger = {};
  // The invoices concerned: those the event names (empty for an event of the
  // whole account; for an action_acknowledged naming none, those of the
  // action it acknowledges), or those the time step changed.
  std::vector<std::string> invoices = {};
  // An action_performed whose receipt was acknowledged by the dossier's date
  // (an action_acknowledged with its reference, in scope): the day of the
  // first acknowledgement (the date on the signed receipt) and its note (its
  // `reason`: who signed, "returned unclaimed"; "" when none). Later
  // acknowledgements are entries of their own, as every acknowledgement is.
  // Empty on any other entry.
  std::optional<Date> acknowledged_on = {};
  std::string acknowledgement_note = {};

  // The event type (ToString(EventKind): "payment_received", ...) or the
  // trigger's name ("due_date_passed", "promise_broken", "promise_kept",
  // "instalment_missed", "block_expired").
  std::string_view type() const;
};

// The totals of the dossier's invoices in one currency.
struct RELANCE_API DossierTotal {
  Currency currency = {};
  Money amount = {};        // as issued
  Money paid = {};          // payments received
  Money credited = {};      // credit notes
  Money outstanding = {};   // unpaid, less disputed
  Money disputed = {};      // under an open dispute
  Money interest = {};      // computed to the date (paid or not)
  Money compensation = {};  // fixed compensation owed (paid or not)
  Money fees_charged = {};  // by levels sent
  Money claim = {};         // penalties and fees still owed
  Money total_due = {};     // outstanding + claim: what is owed now
};

struct RELANCE_API Dossier {
  Creditor creditor = {};
  std::string customer_id = {};
  std::string customer_name = {};
  // DossierOptions::debtor_address_lines: the debtor's postal address.
  std::vector<std::string> customer_address_lines = {};
  // The invoice the dossier is about, or "" for the whole customer.
  std::string invoice = {};
  Date as_of = {};
  // The policy that decided, its version, and the ladder used.
  std::string policy_id = {};
  int policy_version = 0;
  std::string ladder = {};
  // The policy's penalty rule: id ("fr-b2b"), name, the articles it applies
  // (PenaltyRule::citation), the compensation's article; all "" when the
  // policy claims no penalties. The regime applied to each invoice is in
  // its assessment.
  std::string penalty_rule = {};
  std::string penalty_rule_name = {};
  std::string penalty_citation = {};
  std::string compensation_basis = {};
  // The customer's account is blocked for new orders since this date.
  std::optional<Date> account_blocked_since = {};
  // In issue order.
  std::vector<DossierInvoice> invoices = {};
  // In date order (the case's).
  std::vector<DossierPayment> payments = {};
  // In date order; on one date, the time steps (which take effect at the
  // start of the day) before the events, events in the order recorded.
  std::vector<DossierEntry> history = {};
  // One per currency, in the order the invoices first use it.
  std::vector<DossierTotal> totals = {};
  // DossierOptions::evidence of the dossier's invoices and dates, in date
  // order (stable).
  std::vector<DossierEvidence> evidence = {};
};

// Builds the dossier of `c` (its customer, or the invoice options.invoice)
// as of `as_of` under `policy`: Evaluate(policy, c, as_of), then the
// breakdown of each invoice's penalties and the history.
// Scope: the invoices issued by `as_of`; the events dated up to `as_of` that
// concern them (for one invoice: the events naming it, those of the whole
// account while it was open, and the customer's own events: account
// blocked or unblocked, segment assigned).
// Errors (every message starts with "dossier: "):
//   - kInvalidArgument: the creditor has no name; the case is invalid
//     (CompiledCase::Compile's errors) or cannot be evaluated (Evaluate's,
//     with their codes: kFailedPrecondition for an event impossible in the
//     state reached, ...);
//   - kNotFound: options.invoice is not issued by the case, naming it and
//     listing the case's invoices (`dossier: invoice "F-9" is not in case
//     C-042 (its invoices: F-1001, F-1007)`), or is issued after `as_of`;
//   - kInternal: the breakdown disagrees with the decision (a bug).
[[nodiscard]] RELANCE_API absl::StatusOr<Dossier> BuildDossier(
    const Policy& policy, const CompiledCase& c, Date as_of,
    const DossierOptions& options);
// The same on a case compiled with `case_options` (Compile's errors first).
[[nodiscard]] RELANCE_API absl::StatusOr<Dossier> BuildDossier(
    const Policy& policy, const Case& c, Date as_of,
    const DossierOptions& options, const CaseOptions& case_options = {});

}  // namespace relance

#endif  // RELANCE_DOSSIER_HPP_
