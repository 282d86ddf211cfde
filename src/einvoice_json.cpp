#include "relance/einvoice_json.hpp"

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "json_document.hpp"

namespace relance {

using internal::DateJson;
using internal::MoneyJson;
using internal::OrderedJson;
using internal::TextJson;

namespace {

OrderedJson TextList(const std::vector<std::string>& texts) {
  OrderedJson list = OrderedJson::array();
  for (const std::string& text : texts) list.push_back(text);
  return list;
}

OrderedJson AddressJson(const EInvoiceAddress& address) {
  return {{"lines", TextList(address.lines)},
          {"postcode", TextJson(address.postcode)},
          {"city", TextJson(address.city)},
          {"subdivision", TextJson(address.subdivision)},
          {"country", TextJson(address.country)}};
}

OrderedJson PartyJson(const EInvoiceParty& party) {
  return {{"id", TextJson(party.id)},
          {"id_scheme", TextJson(party.id_scheme)},
          {"name", TextJson(party.name)},
          {"trading_name", TextJson(party.trading_name)},
          {"legal_id", TextJson(party.legal_id)},
          {"legal_id_scheme", TextJson(party.legal_id_scheme)},
          {"vat_id", TextJson(party.vat_id)},
          {"address", AddressJson(party.address)}};
}

// An event as a case file writes it (Event::ToJson's keys and order).
OrderedJson EventJson(const std::optional<Event>& event) {
  if (!event.has_value()) return nullptr;
  return OrderedJson::parse(event->ToJson());
}

OrderedJson InvoiceFactJson(const EInvoice& invoice,
                            const EInvoiceFactOptions& options,
                            OrderedJson& error) {
  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice, options);
  if (!fact.ok()) {
    error = std::string(fact.status().message());
    return nullptr;
  }
  error = nullptr;
  return {{"kind", ToString(fact->kind)},
          {"event", EventJson(fact->event)},
          {"default_terms_applied", fact->default_terms_applied},
          {"note", TextJson(fact->note)},
          {"factored", EventJson(fact->factored)}};
}

OrderedJson StatusPartyJson(const EInvoiceStatusParty& party) {
  return {{"id", TextJson(party.id)},
          {"id_scheme", TextJson(party.id_scheme)},
          {"name", TextJson(party.name)},
          {"role", TextJson(party.role)}};
}

OrderedJson StatusJson(const EInvoiceStatus& status,
                       const EInvoiceStatusFactOptions& options) {
  const EInvoiceStatusInfo* info = FindEInvoiceStatus(status.code);
  OrderedJson reasons = OrderedJson::array();
  for (const EInvoiceStatusReason& reason : status.reasons) {
    reasons.push_back({{"code", TextJson(reason.code)},
                       {"text", TextJson(reason.text)},
                       {"action_code", TextJson(reason.action_code)},
                       {"action", TextJson(reason.action)}});
  }
  OrderedJson amounts = OrderedJson::array();
  for (const EInvoiceStatusAmount& amount : status.amounts) {
    amounts.push_back(
        {{"type_code", TextJson(amount.type_code)},
         {"amount", MoneyJson(amount.amount)},
         {"vat_rate", amount.vat_rate ? OrderedJson(amount.vat_rate->ToString())
                                      : OrderedJson(nullptr)}});
  }
  OrderedJson json = {
      {"code", status.code},
      {"label", TextJson(status.label)},
      {"table_label", info ? TextJson(info->label) : OrderedJson(nullptr)},
      {"meaning", info ? TextJson(info->meaning) : OrderedJson(nullptr)},
      {"effect",
       info ? OrderedJson(ToString(info->effect)) : OrderedJson(nullptr)},
      {"status_code", TextJson(status.status_code)},
      {"date", DateJson(status.date)},
      {"invoice_number", status.invoice_number},
      {"invoice_type_code", TextJson(status.invoice_type_code)},
      {"invoice_issue_date", DateJson(status.invoice_issue_date)},
      {"seller_id", TextJson(status.seller_id)},
      {"seller_id_scheme", TextJson(status.seller_id_scheme)},
      {"buyer_id", TextJson(status.buyer_id)},
      {"reasons", reasons},
      {"amounts", amounts},
      {"message_id", TextJson(status.message_id)}};
  absl::StatusOr<EInvoiceStatusFact> fact =
      EInvoiceStatusToFact(status, options);
  if (fact.ok()) {
    json["fact"] = {{"effect", ToString(fact->effect)},
                    {"event", EventJson(fact->event)},
                    {"note", TextJson(fact->note)}};
    json["fact_error"] = nullptr;
  } else {
    json["fact"] = nullptr;
    json["fact_error"] = std::string(fact.status().message());
  }
  return json;
}

}  // namespace

std::string EInvoiceToJson(const EInvoice& invoice,
                           const EInvoiceFactOptions& options) {
  OrderedJson document = internal::NewDocument("einvoice");
  document["source"] = invoice.source_name;
  document["syntax"] = ToString(invoice.syntax);
  document["profile"] = ToString(invoice.profile);
  document["specification_id"] = TextJson(invoice.specification_id);
  document["business_process"] = TextJson(invoice.business_process);
  document["number"] = invoice.number;
  document["type_code"] = invoice.type_code;
  document["type"] = ToString(invoice.type);
  document["issue_date"] = DateJson(invoice.issue_date);
  document["currency"] = invoice.currency.ToString();
  document["buyer_reference"] = TextJson(invoice.buyer_reference);
  document["total_without_vat"] = MoneyJson(invoice.total_without_vat);
  document["vat_total"] = MoneyJson(invoice.vat_total);
  document["total_with_vat"] = MoneyJson(invoice.total_with_vat);
  document["prepaid"] = MoneyJson(invoice.prepaid);
  document["rounding"] = MoneyJson(invoice.rounding);
  document["amount_due"] = MoneyJson(invoice.amount_due);
  OrderedJson due_dates = OrderedJson::array();
  for (const EInvoiceDue& due : invoice.due_dates) {
    due_dates.push_back(
        {{"date", DateJson(due.date)}, {"amount", MoneyJson(due.amount)}});
  }
  document["due_dates"] = due_dates;
  document["payment_terms"] = TextJson(invoice.payment_terms);
  OrderedJson discounts = OrderedJson::array();
  for (const EInvoiceDiscount& discount : invoice.discounts) {
    discounts.push_back({{"percent", discount.percent.ToString()},
                         {"within", discount.within.ToString()},
                         {"basis_amount", MoneyJson(discount.basis_amount)},
                         {"amount", MoneyJson(discount.amount)}});
  }
  document["discounts"] = discounts;
  document["discount_source"] = ToString(invoice.discount_source);
  document["discount_note"] = TextJson(invoice.discount_note);
  document["seller"] = PartyJson(invoice.seller);
  document["buyer"] = PartyJson(invoice.buyer);
  document["payee"] =
      invoice.payee ? PartyJson(*invoice.payee) : OrderedJson(nullptr);
  document["payment_means_code"] = TextJson(invoice.payment_means_code);
  document["ibans"] = TextList(invoice.ibans);
  document["remittance_reference"] = TextJson(invoice.remittance_reference);
  OrderedJson notes = OrderedJson::array();
  for (const EInvoiceNote& note : invoice.notes) {
    notes.push_back(
        {{"subject_code", TextJson(note.subject_code)}, {"text", note.text}});
  }
  document["notes"] = notes;
  document["penalty_note"] = TextJson(invoice.penalty_note);
  document["recovery_fee_note"] = TextJson(invoice.recovery_fee_note);
  document["discount_mention"] = TextJson(invoice.discount_mention);
  document["vat_date_code"] = TextJson(invoice.vat_date_code);
  document["vat_on_receipt"] = invoice.vat_on_receipt;
  OrderedJson breakdown = OrderedJson::array();
  for (const EInvoiceVatLine& line : invoice.vat_breakdown) {
    breakdown.push_back({{"rate", line.rate.ToString()},
                         {"taxable", MoneyJson(line.taxable)},
                         {"vat", MoneyJson(line.vat)},
                         {"category", TextJson(line.category)}});
  }
  document["vat_breakdown"] = breakdown;
  OrderedJson preceding = OrderedJson::array();
  for (const EInvoiceReference& reference : invoice.preceding_invoices) {
    preceding.push_back({{"number", reference.number},
                         {"issue_date", DateJson(reference.issue_date)}});
  }
  document["preceding_invoices"] = preceding;
  OrderedJson error;
  document["fact"] = InvoiceFactJson(invoice, options, error);
  document["fact_error"] = error;
  return internal::Dump(document);
}

std::string EInvoiceStatusesToJson(const EInvoiceStatusMessage& message,
                                   const EInvoiceStatusFactOptions& options) {
  OrderedJson document = internal::NewDocument("einvoice_statuses");
  document["source"] = message.source_name;
  document["id"] = TextJson(message.id);
  document["name"] = TextJson(message.name);
  document["business_process"] = TextJson(message.business_process);
  document["guideline"] = TextJson(message.guideline);
  document["issue_date"] = DateJson(message.issue_date);
  document["phase"] = TextJson(message.phase);
  document["issuer"] = StatusPartyJson(message.issuer);
  OrderedJson recipients = OrderedJson::array();
  for (const EInvoiceStatusParty& party : message.recipients) {
    recipients.push_back(StatusPartyJson(party));
  }
  document["recipients"] = recipients;
  OrderedJson statuses = OrderedJson::array();
  for (const EInvoiceStatus& status : message.statuses) {
    statuses.push_back(StatusJson(status, options));
  }
  document["statuses"] = statuses;
  return internal::Dump(document);
}

std::string EInvoiceFileToJson(const EInvoiceFile& file,
                               const EInvoiceFactOptions& options) {
  if (file.invoice.has_value()) return EInvoiceToJson(*file.invoice, options);
  if (file.statuses.has_value()) return EInvoiceStatusesToJson(*file.statuses);
  return EInvoiceStatusesToJson(EInvoiceStatusMessage{});
}

}  // namespace relance
