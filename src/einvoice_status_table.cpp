// The French lifecycle status codes and the dunning fact each one is
// (relance/einvoice_status.hpp, docs/einvoice.md "Lifecycle statuses").
#include <algorithm>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/einvoice_status.hpp"

namespace relance {
namespace {

using E = EInvoiceStatusEffect;

// The table. Codes: BR-FR-CDV-CL-06 of the FNFE-MPE CDAR schematron v1.4.0
// (fnfempe/France_RFE, from AFNOR XP Z12-012 annex A v1.4). French labels:
// the schematron's examples and XP Z12-014 annex B file names where known;
// "" where no public source gives one. "[3rd party]": the meaning is only
// known from vendors' documentation (Vertex, Sovos, invopop), not from the
// AFNOR or DGFiP texts.
constexpr EInvoiceStatusInfo kTable[] = {
    // Transmission phase (MDT-77 305): platforms reporting the journey.
    {200, "Déposée", "deposited on the seller's platform", E::kEvidence,
     "proof the invoice was issued"},
    {201, "Émise par la plateforme", "sent by the seller's platform",
     E::kEvidence, "transmission"},
    {202, "Reçue par la plateforme", "received by the buyer's platform",
     E::kEvidence, "proof of receipt"},
    {203, "Mise à disposition", "made available to the buyer", E::kEvidence,
     "proof the buyer could read it: answers \"never received\""},
    // Processing phase (MDT-77 23): the buyer's and seller's answers.
    {204, "Prise en charge", "taken into processing by the buyer", E::kEvidence,
     "no answer on the claim yet"},
    {205, "Approuvée", "approved by the buyer", E::kDisputeResolved,
     "the buyer accepts the invoice: a dispute or suspension it had is over "
     "and the claim stands (no dispute open: nothing to resolve)"},
    {206, "Approuvée partiellement", "partly approved by the buyer",
     E::kDispute,
     "the part not approved (MNATTC) is disputed; without it, the whole "
     "invoice, rather than dun money the buyer contests"},
    {207, "En litige", "disputed by the buyer", E::kDispute,
     "disputes stop the clock: in full, or the MNATTC amount given"},
    {208, "Suspendue", "suspended by the buyer (e.g. a missing document)",
     E::kDisputeInFull,
     "paused with no end date until the seller completes it (209): relance's "
     "blocks need an end date, a dispute does not"},
    {209, "Complétée", "completed by the seller after a suspension",
     E::kDisputeResolved, "the suspension is over: the claim stands"},
    {210, "Refusée", "refused by the buyer (business reasons)",
     E::kDisputeInFull,
     "the buyer will not pay it as it is: never dunned until the seller "
     "answers (a credit note closes it; the host resolves the dispute)"},
    {211, "Paiement transmis", "payment sent by the buyer", E::kPromise,
     "the money is on its way: a promise to pay within the transit days"},
    {212, "Encaissée", "payment received by the seller (amounts per VAT rate)",
     E::kPayment, "cash received: the sum of its MEN amounts"},
    {213, "Rejetée", "rejected by a platform (technical or semantic)",
     E::kWrittenOff,
     "the invoice was never legally issued: never dun it; the seller issues "
     "a new one"},
    {214, "", "reviewed [3rd party]", E::kEvidence, "no dunning meaning"},
    {220, "Annulée", "cancelled [3rd party]", E::kCreditNote,
     "the invoice no longer exists: its balance is credited"},
    {221, "Erreur de routage", "routing error", E::kEvidence,
     "the platform will route it again; the due date is unchanged"},
    {224, "", "direct payment requested (subcontractor) [3rd party]",
     E::kEvidence, "who pays changes, not what is owed"},
    {225, "Affacturée", "factored [3rd party]", E::kBlocked,
     "the factor collects: the seller never duns it (a block with no end: "
     "relance hands only overdue invoices to an agency)"},
    {226, "", "factored, confidential [3rd party]", E::kEvidence,
     "undisclosed factoring: the buyer does not know, the seller collects "
     "as before"},
    {227, "", "change of accounts payable [3rd party]", E::kEvidence,
     "a new address for the invoice, not a new claim"},
    {228, "", "no longer factored [3rd party]", E::kEvidence,
     "relance has no fact taking an invoice back from an agency: the host "
     "decides"},
    {250, "", "meaning not published", E::kEvidence, "unknown meaning"},
    {251, "", "meaning not published", E::kEvidence, "unknown meaning"},
    {300, "", "meaning not published", E::kEvidence, "unknown meaning"},
    {301, "", "meaning not published", E::kEvidence, "unknown meaning"},
    {400, "", "meaning not published", E::kEvidence, "unknown meaning"},
    {401, "", "meaning not published", E::kEvidence, "unknown meaning"},
    {500, "", "meaning not published", E::kEvidence, "unknown meaning"},
    {501, "Irrecevable", "not receivable (empty, unreadable, virus, size)",
     E::kWrittenOff, "as 213: the invoice was never received as one"},
    {601, "", "meaning not published", E::kEvidence, "unknown meaning"},
};

constexpr bool InCodeOrder() {
  for (size_t i = 1; i < std::size(kTable); ++i) {
    if (kTable[i - 1].code >= kTable[i].code) return false;
  }
  return true;
}
static_assert(InCodeOrder(), "one row per code, in code order");
static_assert(std::size(kTable) == 31, "BR-FR-CDV-CL-06 lists 31 codes");

std::string Describe(const EInvoiceStatus& status) {
  const std::string label =
      status.label.empty() ? std::string(FindEInvoiceStatus(status.code)->label)
                           : status.label;
  std::string text =
      absl::StrCat("status ", status.code, label.empty() ? "" : " ", label);
  for (const EInvoiceStatusReason& reason : status.reasons) {
    if (reason.code.empty() && reason.text.empty()) continue;
    absl::StrAppend(&text, "; ", reason.code,
                    reason.code.empty() || reason.text.empty() ? "" : ": ",
                    reason.text);
  }
  return text;
}

const EInvoiceStatusAmount* FindAmount(const EInvoiceStatus& status,
                                       std::string_view type_code) {
  for (const EInvoiceStatusAmount& amount : status.amounts) {
    if (amount.type_code == type_code) return &amount;
  }
  return nullptr;
}

}  // namespace

std::string_view ToString(EInvoiceStatusEffect effect) {
  switch (effect) {
    case E::kEvidence:
      return "evidence";
    case E::kDispute:
      return "dispute";
    case E::kDisputeInFull:
      return "dispute_in_full";
    case E::kDisputeResolved:
      return "dispute_resolved";
    case E::kPromise:
      return "promise";
    case E::kPayment:
      return "payment";
    case E::kCreditNote:
      return "credit_note";
    case E::kBlocked:
      return "blocked";
    case E::kWrittenOff:
      return "written_off";
  }
  return "?";
}

std::span<const EInvoiceStatusInfo> EInvoiceStatusTable() { return kTable; }

const EInvoiceStatusInfo* FindEInvoiceStatus(int code) {
  const auto* row =
      std::lower_bound(std::begin(kTable), std::end(kTable), code,
                       [](const EInvoiceStatusInfo& info, int wanted) {
                         return info.code < wanted;
                       });
  if (row == std::end(kTable) || row->code != code) return nullptr;
  return row;
}

absl::StatusOr<EInvoiceStatusFact> EInvoiceStatusToFact(
    const EInvoiceStatus& status, const EInvoiceStatusFactOptions& options) {
  const EInvoiceStatusInfo* info = FindEInvoiceStatus(status.code);
  const std::string where = absl::StrCat("invoice \"", status.invoice_number,
                                         "\" status ", status.code);
  if (info == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": not a lifecycle status code (BR-FR-CDV-CL-06)"));
  }
  if (options.payment_transit_days < 0 || options.payment_transit_days > 60) {
    return absl::InvalidArgumentError(
        absl::StrCat("payment_transit_days: ", options.payment_transit_days,
                     " is outside 0 to 60"));
  }
  if (options.outstanding.has_value() && !options.outstanding->IsPositive()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": outstanding ", options.outstanding->ToString(),
                     " must be positive"));
  }
  EInvoiceStatusFact fact;
  fact.effect = info->effect;
  Event event;
  event.date = status.date;
  event.invoice = status.invoice_number;
  const std::string reason = Describe(status);
  switch (info->effect) {
    case E::kEvidence:
      fact.note = absl::StrCat(reason, ": no dunning meaning (",
                               std::string(info->why), "), kept as evidence");
      return fact;
    case E::kDispute:
    case E::kDisputeInFull: {
      if (options.dispute == InvoiceDispute::kInFull) {
        fact.note = absl::StrCat(reason,
                                 ": the invoice is already disputed in full, "
                                 "kept as evidence");
        return fact;
      }
      event.kind = EventKind::kDisputeOpened;
      event.reason = reason;
      event.reference = status.message_id;
      const EInvoiceStatusAmount* contested =
          info->effect == E::kDispute ? FindAmount(status, "MNATTC") : nullptr;
      if (contested != nullptr && contested->amount.IsPositive()) {
        event.amount = contested->amount;
      }
      break;
    }
    case E::kDisputeResolved:
      if (options.dispute == InvoiceDispute::kNone) {
        fact.note = absl::StrCat(reason,
                                 ": no dispute open on the invoice, nothing "
                                 "to resolve; kept as evidence");
        return fact;
      }
      event.kind = EventKind::kDisputeResolved;
      event.outcome = DisputeOutcome::kRejected;
      event.reason = reason;
      event.reference = status.message_id;
      break;
    case E::kPromise: {
      event.kind = EventKind::kPromiseToPay;
      event.promised_date = status.date + Days{options.payment_transit_days};
      event.reference = status.message_id;
      const EInvoiceStatusAmount* paid = FindAmount(status, "MPA");
      if (paid != nullptr && paid->amount.IsPositive()) {
        event.amount = paid->amount;
      }
      break;
    }
    case E::kPayment: {
      std::optional<Money> total;
      for (const EInvoiceStatusAmount& part : status.amounts) {
        if (part.type_code != "MEN") continue;
        if (!total) {
          total = part.amount;
          continue;
        }
        absl::StatusOr<Money> sum = Add(*total, part.amount);
        if (!sum.ok()) {
          return absl::InvalidArgumentError(absl::StrCat(
              where, ": MEN amounts: ", std::string(sum.status().message())));
        }
        total = *sum;
      }
      if (!total || total->IsZero()) {
        fact.note = absl::StrCat(reason,
                                 ": no amount cashed (MEN) given: no payment "
                                 "recorded, kept as evidence");
        return fact;
      }
      if (total->IsNegative()) {
        fact.note = absl::StrCat(
            reason, ": ", total->ToString(),
            " cashed, a refund or a payment reversed: relance records no "
            "negative payment; the host reverses the payment it recorded");
        return fact;
      }
      event.kind = EventKind::kPaymentReceived;
      event.amount = *total;
      event.reference = status.message_id;
      break;
    }
    case E::kCreditNote:
      if (!options.outstanding.has_value()) {
        fact.note = absl::StrCat(
            reason,
            ": the invoice is cancelled; give its outstanding balance "
            "(EInvoiceStatusFactOptions::outstanding) to credit it");
        return fact;
      }
      event.kind = EventKind::kCreditNote;
      event.amount = *options.outstanding;
      event.reason = reason;
      event.reference = status.message_id;
      break;
    case E::kBlocked:
      if (status.date >= kMaxDate) {  // no later day to block until
        fact.note = absl::StrCat(reason, ": dated ", FormatDate(status.date),
                                 ", the last day relance knows: no block");
        return fact;
      }
      event.kind = EventKind::kDunningBlocked;
      event.until = kMaxDate;
      event.reason = absl::StrCat(reason, " (", std::string(info->why), ")");
      break;
    case E::kWrittenOff:
      event.kind = EventKind::kWrittenOff;
      event.reason = absl::StrCat(reason, " (", std::string(info->why), ")");
      break;
  }
  fact.event = std::move(event);
  return fact;
}

}  // namespace relance
