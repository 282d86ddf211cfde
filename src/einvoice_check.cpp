// The checks a collector relies on (relance/einvoice.hpp), run on every
// document read. Amounts are exact minor units of one currency, so the
// EN 16931 comparisons "round(x * 100) div 100" are plain equality here.
#include <string>

#include "absl/strings/str_cat.h"
#include "einvoice_reader.hpp"

namespace relance::internal {
namespace {

std::string Amount(const Money& money) { return money.FormatAmount(); }

bool AlreadyPaidFramework(const EInvoice& invoice) {
  // French billing frameworks "déjà payée" (BR-FR-CO-09): B2 (goods),
  // S2 (services), M2 (mixed); BT-9 is then the date of payment.
  const std::string& frame = invoice.business_process;
  return invoice.amount_due.IsZero() &&
         (frame == "B2" || frame == "S2" || frame == "M2");
}

}  // namespace

absl::Status CheckEInvoice(const EInvoice& invoice, const TermReader& reader,
                           const CheckPaths& paths) {
  const Money zero = Money::Zero(invoice.currency);

  // BR-CO-14: BT-110 = the sum of the breakdown's BT-117, when the invoice
  // gives both (no BT-110: nothing to compare; no breakdown, as in the
  // MINIMUM profile: nothing to sum).
  if (invoice.vat_total && !invoice.vat_breakdown.empty()) {
    absl::StatusOr<Money> sum = zero;
    std::string terms;
    for (const EInvoiceVatLine& line : invoice.vat_breakdown) {
      if (sum.ok()) sum = Add(*sum, line.vat);
      absl::StrAppend(&terms, terms.empty() ? "" : " + ", Amount(line.vat));
    }
    if (!sum.ok() || *sum != *invoice.vat_total) {
      return reader.Error(
          "BT-110", paths.vat_total,
          absl::StrCat(Amount(*invoice.vat_total),
                       " is not the sum of the VAT breakdown's BT-117 ", terms,
                       sum.ok() && invoice.vat_breakdown.size() > 1
                           ? absl::StrCat(" = ", Amount(*sum))
                           : "",
                       " (BR-CO-14)"));
    }
  }

  // BR-CO-15: BT-112 = BT-109 + BT-110.
  const Money vat = invoice.vat_total.value_or(zero);
  absl::StatusOr<Money> with_vat = Add(invoice.total_without_vat, vat);
  if (!with_vat.ok() || *with_vat != invoice.total_with_vat) {
    return reader.Error(
        "BT-112", paths.total_with_vat,
        absl::StrCat(Amount(invoice.total_with_vat), " is not BT-109 ",
                     Amount(invoice.total_without_vat), " + BT-110 ",
                     Amount(vat), invoice.vat_total ? "" : " (absent)",
                     " (BR-CO-15)"));
  }

  // BR-CO-16: BT-115 = BT-112 - BT-113 + BT-114.
  const Money prepaid = invoice.prepaid.value_or(zero);
  const Money rounding = invoice.rounding.value_or(zero);
  absl::StatusOr<Money> less_prepaid =
      Subtract(invoice.total_with_vat, prepaid);
  absl::StatusOr<Money> due =
      less_prepaid.ok() ? Add(*less_prepaid, rounding) : less_prepaid;
  if (!due.ok() || *due != invoice.amount_due) {
    return reader.Error(
        "BT-115", paths.amount_due,
        absl::StrCat(Amount(invoice.amount_due), " is not BT-112 ",
                     Amount(invoice.total_with_vat), " - BT-113 ",
                     Amount(prepaid), " + BT-114 ", Amount(rounding),
                     " (BR-CO-16)"));
  }

  // The due date is not before the issue date, except for prepayment
  // invoices (paid before the supply, BR-FR-CO-07 codes 386, 500, 503) and
  // invoices already paid (B2/S2/M2, where BT-9 is the date of payment).
  const bool prepayment = invoice.type_code == "386" ||
                          invoice.type_code == "500" ||
                          invoice.type_code == "503";
  if (!prepayment && !AlreadyPaidFramework(invoice)) {
    for (size_t i = 0; i < invoice.due_dates.size(); ++i) {
      const EInvoiceDue& due_date = invoice.due_dates[i];
      if (due_date.date < invoice.issue_date) {
        return reader.Error(
            "BT-9",
            i < paths.due_date_each.size() ? paths.due_date_each[i]
                                           : paths.due_date,
            absl::StrCat("due date ", FormatDate(due_date.date),
                         " is before the issue date (BT-2) ",
                         FormatDate(invoice.issue_date), " of a ",
                         std::string(ToString(invoice.type)), " (type code ",
                         invoice.type_code, ")"));
      }
    }
  }

  // Instalments (EXTENDED): when every due date has its amount, they add up
  // to the amount due.
  if (invoice.due_dates.size() > 1) {
    bool all_amounts = true;
    Money sum = zero;
    for (const EInvoiceDue& due_date : invoice.due_dates) {
      if (!due_date.amount) {
        all_amounts = false;
        break;
      }
      absl::StatusOr<Money> next = Add(sum, *due_date.amount);
      if (!next.ok())
        return reader.Error("BT-9", paths.due_date,
                            std::string(next.status().message()));
      sum = *next;
    }
    if (all_amounts && sum != invoice.amount_due) {
      return reader.Error(
          "BT-9", paths.due_date,
          absl::StrCat("the partial payment amounts add up to ", Amount(sum),
                       ", not the amount due (BT-115) ",
                       Amount(invoice.amount_due)));
    }
  }
  return absl::OkStatus();
}

}  // namespace relance::internal
