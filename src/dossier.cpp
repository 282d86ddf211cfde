#include "relance/dossier.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "relance/internal/case_borrowing.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/reason.hpp"

namespace relance {

namespace {

// `status` with "dossier: " before its message, its code kept.
absl::Status InDossier(const absl::Status& status) {
  return absl::Status(status.code(),
                      absl::StrCat("dossier: ", std::string(status.message())));
}

// The time steps a dossier reports: what the passage of time did. (The other
// triggers are events, which the history lists as recorded.)
bool IsReportedTimeStep(Trigger trigger) {
  switch (trigger) {
    case Trigger::kDueDatePassed:
    case Trigger::kPromiseBroken:
    case Trigger::kPromiseKept:
    case Trigger::kInstalmentMissed:
    case Trigger::kBlockExpired:
      return true;
    default:
      return false;
  }
}

// Adds `amount` to the total of its currency in `totals` (created in first
// use order) through `field`.
absl::Status AddTo(std::vector<DossierTotal>& totals, Currency currency,
                   Money DossierTotal::*field, Money amount) {
  auto it = std::find_if(
      totals.begin(), totals.end(),
      [currency](const DossierTotal& t) { return t.currency == currency; });
  if (it == totals.end()) {
    const Money zero = Money::Zero(currency);
    totals.push_back({.currency = currency,
                      .amount = zero,
                      .paid = zero,
                      .credited = zero,
                      .outstanding = zero,
                      .disputed = zero,
                      .interest = zero,
                      .compensation = zero,
                      .fees_charged = zero,
                      .claim = zero,
                      .total_due = zero});
    it = totals.end() - 1;
  }
  RELANCE_ASSIGN_OR_RETURN((*it).*field, Add((*it).*field, amount));
  return absl::OkStatus();
}

// The totals of `invoices`, per currency.
absl::StatusOr<std::vector<DossierTotal>> TotalsOf(
    const std::vector<DossierInvoice>& invoices) {
  std::vector<DossierTotal> totals;
  for (const DossierInvoice& invoice : invoices) {
    const InvoiceDecision& d = invoice.decision;
    const Currency currency = d.amount.currency();
    const Money zero = Money::Zero(currency);
    const std::pair<Money DossierTotal::*, Money> parts[] = {
        {&DossierTotal::amount, d.amount},
        {&DossierTotal::paid, invoice.paid},
        {&DossierTotal::credited, invoice.credited},
        {&DossierTotal::outstanding, d.outstanding},
        {&DossierTotal::disputed, d.disputed},
        {&DossierTotal::interest, d.interest.value_or(zero)},
        {&DossierTotal::compensation, d.compensation.value_or(zero)},
        {&DossierTotal::fees_charged, d.fees_charged},
        {&DossierTotal::claim, d.claim},
        {&DossierTotal::total_due, d.total_due}};
    for (const auto& [field, amount] : parts) {
      RELANCE_RETURN_IF_ERROR(AddTo(totals, currency, field, amount));
    }
  }
  return totals;
}

// The penalty assessment of one invoice with its breakdown, on the facts the
// decision assessed (src/dunning.cpp, phase 3: the fold's settlements and
// fees, the issue date as the obligation date when not after the due date).
absl::StatusOr<PenaltyAssessment> BreakdownOf(const Policy& policy,
                                              const InvoiceLifecycle& life,
                                              const InvoiceDecision& decision,
                                              Date as_of) {
  InvoiceFacts facts{
      .amount = life.amount,
      .due_date = life.due_date,
      .obligation_date = life.issue_date <= life.due_date
                             ? std::optional<Date>(life.issue_date)
                             : std::nullopt,
      .settlements = life.settlements,
      .charges = life.fees};
  absl::StatusOr<PenaltyAssessment> assessment =
      Assess(*policy.compiled_penalty_rule(), facts, as_of);
  if (!assessment.ok()) return assessment.status();
  if (!(decision.interest == assessment->interest) ||
      !(decision.compensation == assessment->compensation)) {
    return absl::InternalError(absl::StrCat(
        "invoice ", decision.invoice, ": the breakdown gives interest ",
        assessment->interest.ToString(), " and compensation ",
        assessment->compensation.ToString(), ", the decision ",
        decision.interest ? decision.interest->ToString() : "none", " and ",
        decision.compensation ? decision.compensation->ToString() : "none"));
  }
  return assessment;
}

// What the passage of time did to the invoice at `position` in the scope.
struct TimeStep {
  Date date;
  Trigger trigger;
  size_t position;
};

// Phase 1, scope: the invoices of the dossier, as indices into c.invoices():
// the one asked for, or every invoice issued by `as_of`.
absl::StatusOr<std::vector<size_t>> ScopeOf(const CompiledCase& c, Date as_of,
                                            const std::string& invoice) {
  const std::span<const CompiledInvoice> compiled = c.invoices();
  std::vector<size_t> scope;
  if (invoice.empty()) {
    for (size_t i = 0; i < compiled.size(); ++i) {
      if (compiled[i].issue_date <= as_of) scope.push_back(i);
    }
    return scope;
  }
  const std::optional<size_t> index = c.FindInvoice(invoice);
  if (!index) {
    std::vector<std::string> ids;
    for (const CompiledInvoice& known : compiled) ids.push_back(known.id);
    return absl::NotFoundError(absl::StrCat(
        "dossier: invoice \"", invoice, "\" is not in case ", c.customer_id(),
        " (its invoices: ", ids.empty() ? "none" : absl::StrJoin(ids, ", "),
        ")"));
  }
  if (compiled[*index].issue_date > as_of) {
    return absl::NotFoundError(
        absl::StrCat("dossier: invoice \"", invoice, "\" is issued on ",
                     FormatDate(compiled[*index].issue_date),
                     ", after the dossier's date ", FormatDate(as_of)));
  }
  scope.push_back(*index);
  return scope;
}

// Phase 3, one invoice: the decision's figures, what its invoice_issued
// event says, payments and credits, the penalty breakdown. Marks the events
// that concern it in `event_in_scope` and adds its time steps to
// `time_steps` (`position`: its place in the scope).
absl::StatusOr<DossierInvoice> InvoiceOf(const Policy& policy,
                                         const CompiledCase& c,
                                         const Decision& decision, size_t index,
                                         size_t position, Date as_of,
                                         std::vector<bool>& event_in_scope,
                                         std::vector<TimeStep>& time_steps) {
  const CompiledInvoice& invoice = c.invoices()[index];
  const auto found = std::find_if(
      decision.invoices.begin(), decision.invoices.end(),
      [&invoice](const InvoiceDecision& d) { return d.invoice == invoice.id; });
  if (found == decision.invoices.end()) {
    return absl::InternalError(
        absl::StrCat("invoice ", invoice.id, " is missing from the decision"));
  }
  RELANCE_ASSIGN_OR_RETURN(InvoiceLifecycle life, FoldInvoice(c, index, as_of));
  const std::span<const Event> events = c.events();
  const Event& issued = events[invoice.issued_event];
  DossierInvoice entry{.decision = *found,
                       .terms = issued.terms,
                       .reference = issued.reference,
                       .paid = Money::Zero(invoice.amount.currency()),
                       .credited = Money::Zero(invoice.amount.currency()),
                       .paid_date = life.paid_date};
  for (const uint32_t i : c.EventsOf(index)) {
    const Event& event = events[i];
    if (event.date > as_of) break;
    event_in_scope[i] = true;
    if (event.kind == EventKind::kPaymentReceived && event.amount) {
      RELANCE_ASSIGN_OR_RETURN(entry.paid, Add(entry.paid, *event.amount));
    } else if (event.kind == EventKind::kCreditNote && event.amount) {
      RELANCE_ASSIGN_OR_RETURN(entry.credited,
                               Add(entry.credited, *event.amount));
    }
  }
  if (found->penalty_status == PenaltyStatus::kComputed &&
      policy.compiled_penalty_rule()) {
    RELANCE_ASSIGN_OR_RETURN(entry.penalties,
                             BreakdownOf(policy, life, *found, as_of));
  } else if (found->penalty_status == PenaltyStatus::kUnavailable) {
    for (const Reason& note : decision.notes) {
      if (note.code == ReasonCode::kPenaltyUnavailable &&
          note.invoice == invoice.id) {
        entry.penalties_unavailable = note.detail;
      }
    }
  }
  for (const LifecycleStep& step : life.history) {
    if (step.event_index < 0 && IsReportedTimeStep(step.trigger)) {
      time_steps.push_back({step.date, step.trigger, position});
    }
  }
  return entry;
}

// An acknowledgement in the history (`acknowledgement`, events[index]):
// its invoices, when it names none, are its action's; the entries of the
// actions it acknowledges (already in `recorded`, being earlier) get its date
// and note, unless an earlier acknowledgement gave them.
void AcknowledgeActions(const CompiledCase& c, uint32_t index,
                        std::vector<DossierEntry>& recorded,
                        DossierEntry& acknowledgement) {
  const std::span<const uint32_t> actions = c.ActionsAcknowledged(index);
  const bool names_none = acknowledgement.invoices.empty();
  for (const uint32_t action : actions) {
    if (names_none) {
      for (std::string& id : c.events()[action].Invoices()) {
        if (std::find(acknowledgement.invoices.begin(),
                      acknowledgement.invoices.end(),
                      id) == acknowledgement.invoices.end()) {
          acknowledgement.invoices.push_back(std::move(id));
        }
      }
    }
    // `recorded` is in event order; actions out of scope (another
    // invoice's letter) are not in it.
    const auto entry = std::lower_bound(
        recorded.begin(), recorded.end(), action,
        [](const DossierEntry& e, uint32_t i) { return *e.event_index < i; });
    if (entry != recorded.end() && entry->event_index == action &&
        !entry->acknowledged_on) {
      entry->acknowledged_on = acknowledgement.date;
      entry->acknowledgement_note = acknowledgement.event.reason;
    }
  }
}

// Phase 4, history and payments: the events in scope in the case's order
// (dates in order), and the time steps merged in by date. Time steps of one
// date and trigger become one entry naming the invoices they changed, in
// issue order; they take effect at the start of their day, before that
// day's events (as the fold applies them).
void FillHistory(const CompiledCase& c, const std::vector<bool>& event_in_scope,
                 std::vector<TimeStep> time_steps, Dossier& dossier) {
  const std::span<const Event> events = c.events();
  std::vector<DossierEntry> recorded;
  for (size_t i = 0; i < events.size(); ++i) {
    if (!event_in_scope[i]) continue;
    const Event& event = events[i];
    const auto index = static_cast<uint32_t>(i);
    if ((event.kind == EventKind::kPaymentReceived ||
         event.kind == EventKind::kCreditNote) &&
        event.amount) {
      dossier.payments.push_back({.date = event.date,
                                  .kind = event.kind,
                                  .invoice = event.invoice,
                                  .amount = *event.amount,
                                  .reference = event.reference,
                                  .event_index = index});
    }
    DossierEntry entry{.date = event.date,
                       .event_index = index,
                       .event = event,
                       .invoices = event.Invoices()};
    if (event.kind == EventKind::kActionAcknowledged) {
      AcknowledgeActions(c, index, recorded, entry);
    }
    recorded.push_back(std::move(entry));
  }
  std::stable_sort(time_steps.begin(), time_steps.end(),
                   [](const TimeStep& a, const TimeStep& b) {
                     return std::tie(a.date, a.trigger, a.position) <
                            std::tie(b.date, b.trigger, b.position);
                   });
  std::vector<DossierEntry> timed;
  for (const TimeStep& step : time_steps) {
    if (timed.empty() || timed.back().date != step.date ||
        timed.back().trigger != step.trigger) {
      timed.push_back({.date = step.date, .trigger = step.trigger});
    }
    timed.back().invoices.push_back(
        dossier.invoices[step.position].decision.invoice);
  }
  dossier.history.reserve(recorded.size() + timed.size());
  size_t e = 0;
  for (DossierEntry& time_entry : timed) {
    while (e < recorded.size() && recorded[e].date < time_entry.date) {
      dossier.history.push_back(std::move(recorded[e++]));
    }
    dossier.history.push_back(std::move(time_entry));
  }
  while (e < recorded.size())
    dossier.history.push_back(std::move(recorded[e++]));
}

}  // namespace

std::string_view DossierEntry::type() const {
  return trigger ? ToString(*trigger) : ToString(event.kind);
}

// The phases: 1. scope, 2. the decision (Evaluate), 3. each invoice (the
// decision's figures, the penalty breakdown), 4. history and payments,
// 5. totals.
absl::StatusOr<Dossier> BuildDossier(const Policy& policy,
                                     const CompiledCase& c, Date as_of,
                                     const DossierOptions& options) {
  if (options.creditor.name.empty()) {
    return absl::InvalidArgumentError(
        "dossier: creditor.name: required (the creditor's legal name)");
  }
  RELANCE_ASSIGN_OR_RETURN(const std::vector<size_t> scope,
                           ScopeOf(c, as_of, options.invoice));

  absl::StatusOr<Decision> decision = Evaluate(policy, c, as_of);
  if (!decision.ok()) return InDossier(decision.status());
  Dossier dossier{.creditor = options.creditor,
                  .customer_id = c.source().customer_id,
                  .customer_name = c.source().customer_name,
                  .customer_address_lines = options.debtor_address_lines,
                  .invoice = options.invoice,
                  .as_of = as_of,
                  .policy_id = decision->policy_id,
                  .policy_version = decision->policy_version,
                  .ladder = decision->ladder,
                  .account_blocked_since = decision->account_blocked_since};
  if (const std::optional<PenaltyRule>& rule = policy.penalty_rule()) {
    dossier.penalty_rule = rule->id;
    dossier.penalty_rule_name = rule->name;
    dossier.penalty_citation = rule->citation;
    dossier.compensation_basis = rule->compensation.basis;
  }

  std::vector<bool> event_in_scope(c.events().size(), false);
  std::vector<TimeStep> time_steps;
  for (size_t position = 0; position < scope.size(); ++position) {
    absl::StatusOr<DossierInvoice> invoice =
        InvoiceOf(policy, c, *decision, scope[position], position, as_of,
                  event_in_scope, time_steps);
    if (!invoice.ok()) return InDossier(invoice.status());
    dossier.invoices.push_back(*std::move(invoice));
  }
  // The customer's own events (account blocked, segment) are in every
  // dossier.
  for (const uint32_t i : c.CustomerEvents()) {
    if (c.events()[i].date <= as_of) event_in_scope[i] = true;
  }
  FillHistory(c, event_in_scope, std::move(time_steps), dossier);

  absl::StatusOr<std::vector<DossierTotal>> totals = TotalsOf(dossier.invoices);
  if (!totals.ok()) return InDossier(totals.status());
  dossier.totals = *std::move(totals);

  for (const DossierEvidence& evidence : options.evidence) {
    const bool ours =
        std::any_of(dossier.invoices.begin(), dossier.invoices.end(),
                    [&](const DossierInvoice& invoice) {
                      return invoice.decision.invoice == evidence.invoice;
                    });
    if (ours && evidence.date <= as_of) dossier.evidence.push_back(evidence);
  }
  std::stable_sort(dossier.evidence.begin(), dossier.evidence.end(),
                   [](const DossierEvidence& a, const DossierEvidence& b) {
                     return a.date < b.date;
                   });
  return dossier;
}

absl::StatusOr<Dossier> BuildDossier(const Policy& policy, const Case& c,
                                     Date as_of, const DossierOptions& options,
                                     const CaseOptions& case_options) {
  absl::StatusOr<CompiledCase> compiled =
      internal::CaseBorrowing::Compile(c, case_options);
  if (!compiled.ok()) return InDossier(compiled.status());
  return BuildDossier(policy, *compiled, as_of, options);
}

}  // namespace relance
