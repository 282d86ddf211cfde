#include "relance/dossier_json.hpp"

#include <string>
#include <utility>

#include "json_document.hpp"
#include "relance/assessment_json.hpp"

namespace relance {

using internal::DateJson;
using internal::MoneyJson;
using internal::OrderedJson;
using internal::TextJson;

namespace {

// The names of event.hpp's dispute outcomes, as case files write them.
std::string_view OutcomeName(DisputeOutcome outcome) {
  return outcome == DisputeOutcome::kUpheld ? "upheld" : "rejected";
}

OrderedJson TotalJson(const DossierTotal& total) {
  return {{"currency", total.currency.ToString()},
          {"amount", MoneyJson(total.amount)},
          {"paid", MoneyJson(total.paid)},
          {"credited", MoneyJson(total.credited)},
          {"outstanding", MoneyJson(total.outstanding)},
          {"disputed", MoneyJson(total.disputed)},
          {"interest", MoneyJson(total.interest)},
          {"compensation", MoneyJson(total.compensation)},
          {"fees_charged", MoneyJson(total.fees_charged)},
          {"claim", MoneyJson(total.claim)},
          {"total_due", MoneyJson(total.total_due)}};
}

OrderedJson InvoiceJson(const DossierInvoice& invoice) {
  const InvoiceDecision& d = invoice.decision;
  OrderedJson json = {
      {"invoice", d.invoice},
      {"reference", TextJson(invoice.reference)},
      {"issue_date", DateJson(d.issue_date)},
      {"terms", TextJson(invoice.terms)},
      {"due_date", DateJson(d.due_date)},
      {"amount", MoneyJson(d.amount)},
      {"paid", MoneyJson(invoice.paid)},
      {"credited", MoneyJson(invoice.credited)},
      {"paid_date", DateJson(invoice.paid_date)},
      {"state", ToString(d.state)},
      {"outstanding", MoneyJson(d.outstanding)},
      {"disputed", MoneyJson(d.disputed)},
      {"days_late", d.days_late},
      {"last_level", TextJson(d.last_level)},
      {"last_action_date", DateJson(d.last_action_date)},
      {"fees_charged", MoneyJson(d.fees_charged)},
      {"penalty_status", ToString(d.penalty_status)},
      {"interest", MoneyJson(d.interest)},
      {"compensation", MoneyJson(d.compensation)},
      {"claim", MoneyJson(d.claim)},
      {"total_due", MoneyJson(d.total_due)},
      {"penalties_unavailable", TextJson(invoice.penalties_unavailable)}};
  // The invoice's relance.assessment document, as AssessmentToJson writes
  // it (read back in its key order).
  json["penalties"] =
      invoice.penalties
          ? OrderedJson::parse(AssessmentToJson(*invoice.penalties))
          : OrderedJson(nullptr);
  return json;
}

OrderedJson PaymentJson(const DossierPayment& payment) {
  return {{"date", DateJson(payment.date)},
          {"type", ToString(payment.kind)},
          {"invoice", payment.invoice},
          {"amount", MoneyJson(payment.amount)},
          {"reference", TextJson(payment.reference)},
          {"event", payment.event_index}};
}

OrderedJson EntryJson(const DossierEntry& entry) {
  const Event& event = entry.event;
  const bool is_event = entry.event_index.has_value();
  OrderedJson instalments = OrderedJson::array();
  for (const PlanInstalment& instalment : event.instalments) {
    instalments.push_back({{"date", DateJson(instalment.date)},
                           {"amount", MoneyJson(instalment.amount)}});
  }
  OrderedJson json = {{"date", DateJson(entry.date)},
                      {"type", entry.type()},
                      {"source", is_event ? "event" : "time"},
                      {"event", is_event ? OrderedJson(*entry.event_index)
                                         : OrderedJson(nullptr)},
                      {"invoices", entry.invoices}};
  // The event's own fields (all null for a time step).
  json["level"] = TextJson(is_event ? event.level : "");
  json["channel"] = TextJson(is_event ? event.channel : "");
  json["reference"] = TextJson(is_event ? event.reference : "");
  json["amount"] = MoneyJson(is_event ? event.amount : std::optional<Money>());
  json["due_date"] = DateJson(is_event ? event.due_date : std::nullopt);
  json["terms"] = TextJson(is_event ? event.terms : "");
  json["reason"] = TextJson(is_event ? event.reason : "");
  json["outcome"] = is_event && event.outcome
                        ? OrderedJson(OutcomeName(*event.outcome))
                        : OrderedJson(nullptr);
  json["promised_date"] =
      DateJson(is_event ? event.promised_date : std::nullopt);
  json["until"] = DateJson(is_event ? event.until : std::nullopt);
  json["instalments"] = std::move(instalments);
  json["segment"] = TextJson(is_event ? event.segment : "");
  // An action_performed's acknowledgement (null elsewhere).
  json["acknowledged_on"] = DateJson(entry.acknowledged_on);
  json["acknowledgement_note"] = TextJson(entry.acknowledgement_note);
  return json;
}

}  // namespace

std::string DossierToJson(const Dossier& dossier) {
  OrderedJson document = internal::NewDocument("dossier");
  document["as_of"] = DateJson(dossier.as_of);
  document["invoice"] = TextJson(dossier.invoice);
  document["creditor"] = {
      {"name", dossier.creditor.name},
      {"registration", TextJson(dossier.creditor.registration)},
      {"address", dossier.creditor.address_lines}};
  document["debtor"] = {{"id", dossier.customer_id},
                        {"name", TextJson(dossier.customer_name)},
                        {"address", dossier.customer_address_lines}};
  document["policy"] = dossier.policy_id;
  document["policy_version"] = dossier.policy_version;
  document["ladder"] = dossier.ladder;
  document["legal_basis"] =
      dossier.penalty_rule.empty()
          ? OrderedJson(nullptr)
          : OrderedJson{
                {"penalty_rule", dossier.penalty_rule},
                {"name", TextJson(dossier.penalty_rule_name)},
                {"citation", TextJson(dossier.penalty_citation)},
                {"compensation_basis", TextJson(dossier.compensation_basis)}};
  document["account_blocked_since"] = DateJson(dossier.account_blocked_since);
  OrderedJson totals = OrderedJson::array();
  for (const DossierTotal& total : dossier.totals) {
    totals.push_back(TotalJson(total));
  }
  document["totals"] = std::move(totals);
  OrderedJson invoices = OrderedJson::array();
  for (const DossierInvoice& invoice : dossier.invoices) {
    invoices.push_back(InvoiceJson(invoice));
  }
  document["invoices"] = std::move(invoices);
  OrderedJson payments = OrderedJson::array();
  for (const DossierPayment& payment : dossier.payments) {
    payments.push_back(PaymentJson(payment));
  }
  document["payments"] = std::move(payments);
  OrderedJson history = OrderedJson::array();
  for (const DossierEntry& entry : dossier.history) {
    history.push_back(EntryJson(entry));
  }
  document["history"] = std::move(history);
  OrderedJson evidence = OrderedJson::array();
  for (const DossierEvidence& item : dossier.evidence) {
    evidence.push_back({{"date", DateJson(item.date)},
                        {"invoice", item.invoice},
                        {"code", item.code},
                        {"label", TextJson(item.label)},
                        {"effect", TextJson(item.effect)},
                        {"reference", TextJson(item.reference)},
                        {"note", TextJson(item.note)}});
  }
  document["evidence"] = std::move(evidence);
  return internal::Dump(document);
}

}  // namespace relance
