// Fuzzes ReadEInvoice and EInvoiceToEvent (relance/einvoice.hpp) on any
// bytes as an XML document named "fuzz.xml".
// Properties: an error is kInvalidArgument (kResourceExhausted only if
// libxml2 cannot allocate) with a message that starts "fuzz.xml: " and says
// more; an accepted invoice satisfies the checks it was read with (BT-112 =
// BT-109 + BT-110, BT-115 = BT-112 - BT-113 + BT-114, every amount in the
// invoice currency, no due date before the issue date except for
// prepayments and already-paid invoices, IBANs without spaces and each
// once); reading the same bytes again gives an equal invoice; and its fact
// (with default terms) is one of the documented kinds, its event validates.
#include <string>

#include "fuzz_check.hpp"
#include "relance/einvoice.hpp"

namespace {

using relance::EInvoice;
using relance::Money;

void CheckAccepted(const EInvoice& invoice) {
  const relance::Currency currency = invoice.currency;
  const Money zero = Money::Zero(currency);
  for (const Money& amount :
       {invoice.total_without_vat, invoice.total_with_vat, invoice.amount_due,
        invoice.vat_total.value_or(zero), invoice.prepaid.value_or(zero),
        invoice.rounding.value_or(zero)}) {
    RELANCE_FUZZ_CHECK(amount.currency() == currency);
  }
  RELANCE_FUZZ_CHECK(!invoice.number.empty());
  RELANCE_FUZZ_CHECK(!invoice.seller.name.empty());
  RELANCE_FUZZ_CHECK(!invoice.buyer.name.empty());
  // BR-CO-14 (with a BT-110 and a breakdown), BR-CO-15 and BR-CO-16.
  if (invoice.vat_total.has_value() && !invoice.vat_breakdown.empty()) {
    absl::StatusOr<Money> sum = zero;
    for (const relance::EInvoiceVatLine& line : invoice.vat_breakdown) {
      if (sum.ok()) sum = relance::Add(*sum, line.vat);
    }
    RELANCE_FUZZ_CHECK(sum.ok() && *sum == *invoice.vat_total);
  }
  absl::StatusOr<Money> with_vat =
      relance::Add(invoice.total_without_vat, invoice.vat_total.value_or(zero));
  RELANCE_FUZZ_CHECK(with_vat.ok() && *with_vat == invoice.total_with_vat);
  absl::StatusOr<Money> less_prepaid =
      relance::Subtract(invoice.total_with_vat, invoice.prepaid.value_or(zero));
  RELANCE_FUZZ_CHECK(less_prepaid.ok());
  absl::StatusOr<Money> due =
      relance::Add(*less_prepaid, invoice.rounding.value_or(zero));
  RELANCE_FUZZ_CHECK(due.ok() && *due == invoice.amount_due);
  // The due date.
  const bool prepayment = invoice.type_code == "386" ||
                          invoice.type_code == "500" ||
                          invoice.type_code == "503";
  const bool already_paid =
      invoice.amount_due.IsZero() &&
      (invoice.business_process == "B2" || invoice.business_process == "S2" ||
       invoice.business_process == "M2");
  if (!prepayment && !already_paid) {
    for (const relance::EInvoiceDue& each : invoice.due_dates) {
      RELANCE_FUZZ_CHECK(each.date >= invoice.issue_date);
    }
  }
  for (size_t i = 0; i < invoice.ibans.size(); ++i) {
    RELANCE_FUZZ_CHECK(!invoice.ibans[i].empty());
    RELANCE_FUZZ_CHECK(invoice.ibans[i].find(' ') == std::string::npos);
    for (size_t j = 0; j < i; ++j) {
      RELANCE_FUZZ_CHECK(invoice.ibans[i] != invoice.ibans[j]);
    }
  }
  RELANCE_FUZZ_CHECK(
      (invoice.discount_source == relance::DiscountSource::kNotUnderstood) ==
      !invoice.discount_note.empty());
}

void CheckFact(const EInvoice& invoice) {
  absl::StatusOr<relance::EInvoiceFact> fact =
      relance::EInvoiceToEvent(invoice, {.default_terms = "30 jours"});
  RELANCE_FUZZ_CHECK(fact.ok());
  switch (fact->kind) {
    case relance::EInvoiceFactKind::kInvoiceIssued:
    case relance::EInvoiceFactKind::kCreditNote:
      RELANCE_FUZZ_CHECK(fact->event.has_value());
      RELANCE_FUZZ_CHECK(fact->event->Validate("event").ok());
      RELANCE_FUZZ_CHECK(fact->event->amount.has_value() &&
                         fact->event->amount->currency() == invoice.currency);
      // A factored invoice's block validates, on its invoice and date.
      if (fact->factored.has_value()) {
        RELANCE_FUZZ_CHECK(fact->kind ==
                           relance::EInvoiceFactKind::kInvoiceIssued);
        RELANCE_FUZZ_CHECK(fact->factored->Validate("factored").ok());
        RELANCE_FUZZ_CHECK(fact->factored->invoice == fact->event->invoice &&
                           fact->factored->date == fact->event->date);
      }
      break;
    case relance::EInvoiceFactKind::kAlreadyPaid:
      RELANCE_FUZZ_CHECK(invoice.amount_due.IsZero());
      RELANCE_FUZZ_CHECK(!fact->event.has_value());
      break;
    case relance::EInvoiceFactKind::kNoFact:
      RELANCE_FUZZ_CHECK(!fact->event.has_value());
      RELANCE_FUZZ_CHECK(!fact->note.empty());
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view xml = relance::fuzz::AsText(data, size);
  absl::StatusOr<EInvoice> invoice = relance::ReadEInvoice(xml, "fuzz.xml");
  if (!invoice.ok()) {
    RELANCE_FUZZ_CHECK(
        invoice.status().code() == absl::StatusCode::kInvalidArgument ||
        invoice.status().code() == absl::StatusCode::kResourceExhausted);
    const std::string message(invoice.status().message());
    RELANCE_FUZZ_CHECK(message.starts_with("fuzz.xml: "));
    RELANCE_FUZZ_CHECK(message.size() > 10);
    return 0;
  }
  RELANCE_FUZZ_CHECK(invoice->source_name == "fuzz.xml");
  CheckAccepted(*invoice);
  absl::StatusOr<EInvoice> again = relance::ReadEInvoice(xml, "fuzz.xml");
  RELANCE_FUZZ_CHECK(again.ok() && *again == *invoice);
  CheckFact(*invoice);
  return 0;
}
