// EInvoiceToEvent: what an e-invoice becomes in relance's facts
// (relance/einvoice.hpp, docs/einvoice.md "From invoice to fact").
#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "relance/einvoice.hpp"
#include "relance/internal/quote.hpp"
#include "relance/terms.hpp"

namespace relance {

std::string_view ToString(EInvoiceFactKind kind) {
  switch (kind) {
    case EInvoiceFactKind::kInvoiceIssued:
      return "invoice_issued";
    case EInvoiceFactKind::kCreditNote:
      return "credit_note";
    case EInvoiceFactKind::kAlreadyPaid:
      return "already_paid";
    case EInvoiceFactKind::kNoFact:
      return "no_fact";
  }
  return "?";
}

namespace {

absl::StatusOr<EInvoiceFact> CreditNoteFact(const EInvoice& invoice) {
  EInvoiceFact fact;
  if (invoice.preceding_invoices.size() != 1) {
    std::vector<std::string> numbers;
    for (const EInvoiceReference& reference : invoice.preceding_invoices) {
      numbers.push_back(reference.number);
    }
    fact.kind = EInvoiceFactKind::kNoFact;
    fact.note =
        invoice.preceding_invoices.empty()
            ? "a credit note naming no invoice (BT-25): relance does not "
              "guess which invoice it credits"
            : absl::StrCat("a credit note naming ", numbers.size(),
                           " invoices (BT-25: ", absl::StrJoin(numbers, ", "),
                           "): relance does not guess how to split it");
    return fact;
  }
  if (invoice.total_with_vat.IsZero()) {
    fact.kind = EInvoiceFactKind::kNoFact;
    fact.note = "a credit note of nothing (BT-112 zero)";
    return fact;
  }
  Event event;
  event.date = invoice.issue_date;
  event.kind = EventKind::kCreditNote;
  event.invoice = invoice.preceding_invoices.front().number;
  event.amount = invoice.total_with_vat.Abs();
  event.reference = invoice.number;
  fact.kind = EInvoiceFactKind::kCreditNote;
  fact.event = std::move(event);
  return fact;
}

// `id` without spaces, dots and dashes ("512 345 678" is "512345678").
std::string Compact(std::string_view id) {
  std::string compact;
  for (const char c : id) {
    if (c != ' ' && c != '.' && c != '-') compact += c;
  }
  return compact;
}

// `name` in lower case (ASCII) with its runs of spaces made one.
std::string FoldedName(std::string_view name) {
  std::string folded;
  for (const char c : name) {
    if (c == ' ' || c == '\t') {
      if (!folded.empty() && folded.back() != ' ') folded += ' ';
      continue;
    }
    folded += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (!folded.empty() && folded.back() == ' ') folded.pop_back();
  return folded;
}

// Whether two legal ids name one company: equal, or a French SIRET (14
// digits, an establishment) beginning with the SIREN (9 digits) of the
// other.
bool SameCompany(std::string_view one, std::string_view other) {
  const std::string a = Compact(one);
  const std::string b = Compact(other);
  if (a == b) return true;
  const auto siret_of = [](const std::string& siret, const std::string& siren) {
    return siret.size() == 14 && siren.size() == 9 && siret.starts_with(siren);
  };
  return siret_of(a, b) || siret_of(b, a);
}

// Whether the payee is another party than the seller: by legal id (BT-61,
// BT-30) when both give one, else by name (BT-59, BT-27), case and spacing
// aside.
bool PaidToAnother(const EInvoice& invoice) {
  if (!invoice.payee.has_value()) return false;
  const EInvoiceParty& payee = *invoice.payee;
  if (!payee.legal_id.empty() && !invoice.seller.legal_id.empty()) {
    return !SameCompany(payee.legal_id, invoice.seller.legal_id);
  }
  return !payee.name.empty() &&
         FoldedName(payee.name) != FoldedName(invoice.seller.name);
}

}  // namespace

absl::StatusOr<EInvoiceFact> EInvoiceToEvent(
    const EInvoice& invoice, const EInvoiceFactOptions& options) {
  if (invoice.type == EInvoiceType::kCreditNote) return CreditNoteFact(invoice);

  EInvoiceFact fact;
  if (invoice.amount_due.IsZero()) {
    fact.kind = EInvoiceFactKind::kAlreadyPaid;
    fact.note = absl::StrCat(
        "nothing due (BT-115 ", invoice.amount_due.ToString(),
        invoice.business_process.empty()
            ? std::string()
            : absl::StrCat(", billing framework ", invoice.business_process),
        "): no case opens");
    return fact;
  }
  if (invoice.amount_due.IsNegative()) {
    fact.kind = EInvoiceFactKind::kNoFact;
    fact.note =
        absl::StrCat("amount due (BT-115) ", invoice.amount_due.ToString(),
                     " is negative: the seller owes the buyer, "
                     "nothing to collect");
    return fact;
  }

  Event event;
  event.date = invoice.issue_date;
  event.kind = EventKind::kInvoiceIssued;
  event.invoice = invoice.number;
  event.amount = invoice.amount_due;
  if (!invoice.due_dates.empty()) {
    Date due = invoice.due_dates.front().date;
    for (const EInvoiceDue& each : invoice.due_dates) {
      due = std::max(due, each.date);
    }
    if (invoice.due_dates.size() > 1) {
      fact.note = absl::StrCat(invoice.due_dates.size(),
                               " due dates: the last one, ", FormatDate(due),
                               ", so that no reminder asks for money not yet "
                               "due");
    }
    if (due < invoice.issue_date) {
      fact.note = absl::StrCat(
          "due date ", FormatDate(due), " before the issue date of a ",
          std::string(ToString(invoice.type)), ": due on the issue date");
      due = invoice.issue_date;
    }
    event.due_date = due;
  } else if (invoice.discount_source != DiscountSource::kNotUnderstood &&
             !invoice.payment_terms.empty() &&
             PaymentTerms::Parse(invoice.payment_terms).ok()) {
    event.terms = invoice.payment_terms;
  } else {
    if (options.default_terms.empty()) {
      return absl::FailedPreconditionError(absl::StrCat(
          invoice.source_name,
          ": BT-9 (due date) absent and BT-20 (payment "
          "terms) ",
          invoice.payment_terms.empty() ? "absent"
                                        : "not in relance's terms notation",
          ": the policy's default terms are needed "
          "(EInvoiceFactOptions::default_terms)"));
    }
    absl::Status terms = PaymentTerms::Parse(options.default_terms).status();
    if (!terms.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(invoice.source_name,
                       ": default terms: ", std::string(terms.message())));
    }
    event.terms = options.default_terms;
    fact.default_terms_applied = true;
    fact.note = absl::StrCat(
        "neither a due date (BT-9) nor terms relance reads (BT-20): the "
        "default terms ",
        internal::QuoteForMessage(options.default_terms), " apply");
  }
  if (invoice.type == EInvoiceType::kCorrective &&
      !invoice.preceding_invoices.empty()) {
    // A corrected invoice replaces the one it names: relance does not close
    // that one by itself (the host credits it), but says so.
    if (!fact.note.empty()) fact.note += "; ";
    absl::StrAppend(&fact.note, "corrects invoice ",
                    invoice.preceding_invoices.front().number,
                    " (BT-25), which the host must close or credit");
  }
  // A factored invoice (BT-3 393) or one paid to another (BG-10): the block
  // needs a later day to end on than its issue date.
  const bool paid_to_another = PaidToAnother(invoice);
  if ((paid_to_another || invoice.type_code == "393") &&
      invoice.issue_date < kMaxDate) {
    // Status 225's block, from the invoice itself.
    const std::string why =
        paid_to_another
            ? absl::StrCat("paid to ",
                           invoice.payee->name.empty() ? invoice.payee->legal_id
                                                       : invoice.payee->name,
                           " (BG-10 payee)")
            : std::string("a factored invoice (BT-3 393)");
    Event block;
    block.date = invoice.issue_date;
    block.kind = EventKind::kDunningBlocked;
    block.invoice = invoice.number;
    block.until = kMaxDate;
    block.reason = absl::StrCat("factored: ", why, ", the factor collects");
    fact.factored = std::move(block);
    if (!fact.note.empty()) fact.note += "; ";
    absl::StrAppend(&fact.note, why, ": factored, never dunned by the seller");
  }
  fact.kind = EInvoiceFactKind::kInvoiceIssued;
  fact.event = std::move(event);
  return fact;
}

}  // namespace relance
