// Fuzzes ReadEInvoiceStatuses, EInvoiceStatusToFact and MakeCashedStatus
// (relance/einvoice_status.hpp) on any bytes as a CDAR message named
// "fuzz.xml".
// Properties: an error is kInvalidArgument (kResourceExhausted only if
// libxml2 cannot allocate) with a message that starts "fuzz.xml: " and says
// more; an accepted message has at least one status, each with an invoice
// number, a code of the status table, an invoice date unless 501, and for a
// 212 at least one MEN amount, every MEN with a non-negative VAT rate;
// reading the same bytes again gives an equal message; each status's fact
// has the table's effect, an event only where the effect gives one, on the
// status's invoice and date, and that event validates (a payment for the
// positive sum of the MEN amounts); and a 212 made from a status's MEN
// amounts reads back to parts that sum to the payment.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "relance/einvoice_status.hpp"

namespace {

using relance::EInvoiceStatus;
using relance::EInvoiceStatusAmount;
using relance::EInvoiceStatusEffect;
using relance::Money;

// The MEN amounts' sum, or nullopt when they mix currencies (or overflow).
std::optional<Money> MenSum(const EInvoiceStatus& status) {
  std::optional<Money> sum;
  for (const EInvoiceStatusAmount& amount : status.amounts) {
    if (amount.type_code != "MEN") continue;
    if (!sum) {
      sum = amount.amount;
      continue;
    }
    absl::StatusOr<Money> next = relance::Add(*sum, amount.amount);
    if (!next.ok()) return std::nullopt;
    sum = *next;
  }
  return sum;
}

void CheckStatus(const EInvoiceStatus& status) {
  const relance::EInvoiceStatusInfo* info =
      relance::FindEInvoiceStatus(status.code);
  RELANCE_FUZZ_CHECK(info != nullptr);
  RELANCE_FUZZ_CHECK(!status.invoice_number.empty());
  RELANCE_FUZZ_CHECK(status.code == 501 ||
                     status.invoice_issue_date.has_value());
  bool men = false;
  for (const EInvoiceStatusAmount& amount : status.amounts) {
    RELANCE_FUZZ_CHECK(!amount.type_code.empty());
    if (amount.type_code != "MEN") continue;
    men = true;
    RELANCE_FUZZ_CHECK(amount.vat_rate.has_value() &&
                       !amount.vat_rate->IsNegative());
  }
  RELANCE_FUZZ_CHECK(status.code != 212 || men);

  const std::optional<Money> cashed = MenSum(status);
  absl::StatusOr<relance::EInvoiceStatusFact> fact =
      relance::EInvoiceStatusToFact(status,
                                    {.outstanding = *Money::Parse("1.00 EUR")});
  if (!fact.ok()) {
    // Only a 212 whose MEN amounts cannot be added.
    RELANCE_FUZZ_CHECK(status.code == 212 && !cashed.has_value());
    RELANCE_FUZZ_CHECK(fact.status().code() ==
                       absl::StatusCode::kInvalidArgument);
    return;
  }
  RELANCE_FUZZ_CHECK(fact->effect == info->effect);
  if (info->effect == EInvoiceStatusEffect::kEvidence) {
    RELANCE_FUZZ_CHECK(!fact->event.has_value());
  }
  if (info->effect == EInvoiceStatusEffect::kPayment) {
    RELANCE_FUZZ_CHECK(fact->event.has_value() ==
                       (cashed.has_value() && cashed->IsPositive()));
    if (fact->event) RELANCE_FUZZ_CHECK(fact->event->amount == *cashed);
  }
  if (!fact->event) {
    RELANCE_FUZZ_CHECK(!fact->note.empty());
  } else {
    RELANCE_FUZZ_CHECK(fact->event->invoice == status.invoice_number);
    RELANCE_FUZZ_CHECK(fact->event->date == status.date);
    RELANCE_FUZZ_CHECK(fact->event->Validate("event").ok());
  }

  // A 212 made from this status's MEN amounts (all positive, one currency)
  // reads back to parts that sum to the payment.
  if (!cashed || !cashed->IsPositive() || !status.invoice_issue_date) return;
  std::vector<relance::EInvoiceVatLine> lines;
  for (const EInvoiceStatusAmount& amount : status.amounts) {
    if (amount.type_code != "MEN") continue;
    if (!amount.amount.IsPositive()) return;
    lines.push_back({.rate = *amount.vat_rate,
                     .taxable = amount.amount,
                     .vat = Money::Zero(amount.amount.currency())});
  }
  relance::CashedStatusInput input;
  input.message_id = "fuzz-212";
  input.date = std::max(status.date, *status.invoice_issue_date);
  input.invoice_number = status.invoice_number;
  input.invoice_issue_date = *status.invoice_issue_date;
  input.seller = {.id = "100000009", .name = "VENDEUR"};
  input.buyer = {.id = "200000008", .name = "ACHETEUR"};
  input.vat_breakdown = lines;
  input.payment = *cashed;
  absl::StatusOr<std::string> xml = relance::MakeCashedStatus(input);
  RELANCE_FUZZ_CHECK(xml.ok());
  absl::StatusOr<relance::EInvoiceStatusMessage> back =
      relance::ReadEInvoiceStatuses(*xml, "made.xml");
  RELANCE_FUZZ_CHECK(back.ok() && back->statuses.size() == 1);
  RELANCE_FUZZ_CHECK(back->statuses[0].invoice_number == status.invoice_number);
  const std::optional<Money> made = MenSum(back->statuses[0]);
  RELANCE_FUZZ_CHECK(made.has_value() && *made == *cashed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view xml = relance::fuzz::AsText(data, size);
  absl::StatusOr<relance::EInvoiceStatusMessage> message =
      relance::ReadEInvoiceStatuses(xml, "fuzz.xml");
  if (!message.ok()) {
    RELANCE_FUZZ_CHECK(
        message.status().code() == absl::StatusCode::kInvalidArgument ||
        message.status().code() == absl::StatusCode::kResourceExhausted);
    const std::string text(message.status().message());
    RELANCE_FUZZ_CHECK(text.starts_with("fuzz.xml: "));
    RELANCE_FUZZ_CHECK(text.size() > 10);
    return 0;
  }
  RELANCE_FUZZ_CHECK(message->source_name == "fuzz.xml");
  RELANCE_FUZZ_CHECK(!message->statuses.empty());
  absl::StatusOr<relance::EInvoiceStatusMessage> again =
      relance::ReadEInvoiceStatuses(xml, "fuzz.xml");
  RELANCE_FUZZ_CHECK(again.ok() && *again == *message);
  for (const EInvoiceStatus& status : message->statuses) CheckStatus(status);
  return 0;
}
