// Fuzzes ReadEInvoicePdf (relance/einvoice_pdf.hpp) on any bytes as a PDF
// named "fuzz.pdf" (seeds: fuzz/corpus/einvoice_pdf/, written by
// tests/einvoice_pdf_seeds.cpp from the public XML samples).
// Properties: no crash and no exception out of relance (libqpdf throws; a
// leak escaping would abort here); an error is kInvalidArgument (or
// kResourceExhausted when memory runs out) whose message names the file:
// it starts "fuzz.pdf: " (the PDF) or "fuzz.pdf#" (an attachment) and says
// more; an accepted invoice's source_name is "fuzz.pdf#<attachment>", and
// it satisfies BR-CO-14, BR-CO-15 and BR-CO-16 as ReadEInvoice checked
// them; reading
// the same bytes again gives the same status, message and invoice.
#include <string>

#include "fuzz_check.hpp"
#include "relance/einvoice_pdf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view pdf = relance::fuzz::AsText(data, size);
  absl::StatusOr<relance::EInvoice> invoice =
      relance::ReadEInvoicePdf(pdf, "fuzz.pdf");
  absl::StatusOr<relance::EInvoice> again =
      relance::ReadEInvoicePdf(pdf, "fuzz.pdf");
  RELANCE_FUZZ_CHECK(invoice.status() == again.status());
  if (!invoice.ok()) {
    RELANCE_FUZZ_CHECK(
        invoice.status().code() == absl::StatusCode::kInvalidArgument ||
        invoice.status().code() == absl::StatusCode::kResourceExhausted);
    const std::string message(invoice.status().message());
    RELANCE_FUZZ_CHECK(message.starts_with("fuzz.pdf: ") ||
                       message.starts_with("fuzz.pdf#"));
    RELANCE_FUZZ_CHECK(message.size() > 10);
    return 0;
  }
  RELANCE_FUZZ_CHECK(again.ok() && *again == *invoice);
  RELANCE_FUZZ_CHECK(invoice->source_name.starts_with("fuzz.pdf#") &&
                     invoice->source_name.size() > 9);
  const relance::Money zero = relance::Money::Zero(invoice->currency);
  if (invoice->vat_total.has_value() && !invoice->vat_breakdown.empty()) {
    absl::StatusOr<relance::Money> sum = zero;
    for (const relance::EInvoiceVatLine& line : invoice->vat_breakdown) {
      if (sum.ok()) sum = relance::Add(*sum, line.vat);
    }
    RELANCE_FUZZ_CHECK(sum.ok() && *sum == *invoice->vat_total);
  }
  absl::StatusOr<relance::Money> with_vat = relance::Add(
      invoice->total_without_vat, invoice->vat_total.value_or(zero));
  RELANCE_FUZZ_CHECK(with_vat.ok() && *with_vat == invoice->total_with_vat);
  absl::StatusOr<relance::Money> less_prepaid = relance::Subtract(
      invoice->total_with_vat, invoice->prepaid.value_or(zero));
  RELANCE_FUZZ_CHECK(less_prepaid.ok());
  absl::StatusOr<relance::Money> due =
      relance::Add(*less_prepaid, invoice->rounding.value_or(zero));
  RELANCE_FUZZ_CHECK(due.ok() && *due == invoice->amount_due);
  return 0;
}
