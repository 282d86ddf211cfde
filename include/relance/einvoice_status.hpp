// relance/einvoice_status.hpp
// -----------------------------------------------------------------------------
// French e-invoice lifecycle statuses ("statuts de cycle de vie"), in and out:
// a CDAR message read into a value and each status mapped to the dunning
// fact it is; and the 212 "Encaissée" message a seller sends when VAT is due
// on receipt, made from a payment.
//
// Every French B2B invoice travels through certified platforms (plateformes
// agréées) that also carry its lifecycle: deposited, received, disputed,
// suspended, refused, payment sent, cashed... Each status is a line of a
// UN/CEFACT "Cross Domain Acknowledgement And Response" (CDAR, D22B)
// message. Sources of the code table (one table in
// src/einvoice_status_table.cpp,
// EInvoiceStatusTable(), printed in docs/einvoice.md):
//   - AFNOR XP Z12-012 annexes A and B v1.4 and XP Z12-014 (use cases) v1.4,
//     through the public FNFE-MPE schematron "BR-FR-CDV-Schematron-CDAR"
//     v1.4.0 (fnfempe/France_RFE, EUPL): the list of codes
//     (BR-FR-CDV-CL-06), reasons required for 206, 207, 208, 210, 213 and
//     501 (BR-FR-CDV-15), a 212 carries one MEN amount with its VAT rate per
//     rate (BR-FR-CDV-14);
//   - the DGFiP "Dossier de spécifications externes de la facturation
//     électronique" (v3.x), statuses 200, 210, 212 and 213 mandatory.
// The AFNOR texts themselves are sold and were not read; labels and meanings
// of codes only known from third parties are marked so in the table.
//
// What a status becomes (EInvoiceStatusToFact):
//   207 En litige, 206 Approuvée partiellement   dispute_opened (the amount
//        not approved, MNATTC, when the status gives it; else in full)
//   208 Suspendue, 210 Refusée                   dispute_opened in full
//   205 Approuvée, 209 Complétée                 dispute_resolved, rejected:
//        the claim stands and dunning resumes (no dispute open: evidence)
//   211 Paiement transmis                        promise_to_pay
//   212 Encaissée                                payment_received (the sum of
//        its MEN amounts); negative (a refund): no event, a note
//   213 Rejetée, 501 Irrecevable                 written_off: never dunned
//   220 Annulée                                  credit_note of the balance
//   225 Affacturée                               dunning_blocked with no end
//        (until kMaxDate, 9999-12-31): the factor collects
//   any other code of the list                   no fact: evidence only
// A code outside the schematron's list is an error, never silently ignored:
// it could be a dispute.
//
// Example:
//
//   absl::StatusOr<EInvoiceStatusMessage> message =
//       ReadEInvoiceStatuses(xml, "cdv-207.xml");
//   if (!message.ok()) return message.status();  // names file, MDT, XPath
//   for (const EInvoiceStatus& status : message->statuses) {
//     absl::StatusOr<EInvoiceStatusFact> fact = EInvoiceStatusToFact(status);
//     if (fact.ok() && fact->event) case_file.events.push_back(*fact->event);
//   }
#ifndef RELANCE_EINVOICE_STATUS_HPP_
#define RELANCE_EINVOICE_STATUS_HPP_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/einvoice.hpp"
#include "relance/event.hpp"
#include "relance/export.hpp"
#include "relance/money.hpp"
#include "relance/rate.hpp"

namespace relance {

// The root element's namespace URI of a CDAR message.
inline constexpr std::string_view kCdarNamespace =
    "urn:un:unece:uncefact:data:standard:"
    "CrossDomainAcknowledgementAndResponse:100";

// The dunning fact a status code maps to (one column of the status table).
enum class EInvoiceStatusEffect {
  kEvidence,         // no dunning meaning: kept for the dossier, no event
  kDispute,          // dispute_opened; partial for the MNATTC amount if given
  kDisputeInFull,    // dispute_opened, no amount (in full)
  kDisputeResolved,  // dispute_resolved, outcome rejected (claim stands)
  kPromise,          // promise_to_pay
  kPayment,          // payment_received
  kCreditNote,       // credit_note of the balance the host gives
  kBlocked,          // dunning_blocked until kMaxDate (no end)
  kWrittenOff,       // written_off
};
// "evidence", "dispute", "dispute_in_full", "dispute_resolved", "promise",
// "payment", "credit_note", "blocked", "written_off".
[[nodiscard]] RELANCE_API std::string_view ToString(
    EInvoiceStatusEffect effect);

// One row of the status table.
struct EInvoiceStatusInfo {
  int code = 0;                   // MDT-105, 200 ... 601
  std::string_view label = {};    // French label (MDT-106), "" if unknown
  std::string_view meaning = {};  // in English
  EInvoiceStatusEffect effect = EInvoiceStatusEffect::kEvidence;
  std::string_view why = {};  // why this effect (docs/einvoice.md)
};

// The table, in code order: every code of BR-FR-CDV-CL-06 once.
[[nodiscard]] RELANCE_API std::span<const EInvoiceStatusInfo>
EInvoiceStatusTable();
// The row of `code`, or nullptr when the code is not a lifecycle status.
[[nodiscard]] RELANCE_API const EInvoiceStatusInfo* FindEInvoiceStatus(
    int code);

// A party of the message (MDG-9 issuer, recipients) or of a status.
struct EInvoiceStatusParty {
  std::string id = {};         // ram:GlobalID (FR: SIREN) or ram:ID
  std::string id_scheme = {};  // ISO 6523: "0002" SIREN, "0238" PPF
  std::string name = {};
  std::string role = {};  // UNTDID 3035: SE seller, BY buyer, WK platform,
                          // DFH the PPF
  friend bool operator==(const EInvoiceStatusParty&,
                         const EInvoiceStatusParty&) = default;
};

// A reason given with a status (MDG-37, ram:SpecifiedDocumentStatus).
struct EInvoiceStatusReason {
  std::string code = {};         // MDT-113 (JUSTIF_ABS, DOUBLON, ...)
  std::string text = {};         // ram:Reason
  std::string action_code = {};  // MDT-121 (NOA, PIN, NIN, CNF, ...)
  std::string action = {};       // ram:RequestedAction
  friend bool operator==(const EInvoiceStatusReason&,
                         const EInvoiceStatusReason&) = default;
};

// An amount given with a status (MDG-43, ram:SpecifiedDocumentCharacteristic
// with a ram:ValueAmount): MEN amount cashed with VAT, MPA paid, MAPTTC /
// MNATTC approved / not approved with VAT, MAP / MNA without VAT, ...
struct EInvoiceStatusAmount {
  std::string type_code = {};         // MDT-207
  Money amount;                       // MDT-215, in its currencyID
  std::optional<Rate> vat_rate = {};  // MDT-224 (MEN: the VAT rate)
  friend bool operator==(const EInvoiceStatusAmount&,
                         const EInvoiceStatusAmount&) = default;
};

// One status of one invoice (a ram:ReferenceReferencedDocument).
struct RELANCE_API EInvoiceStatus {
  int code = 0;                  // MDT-105 (in EInvoiceStatusTable())
  std::string label = {};        // MDT-106, as written
  std::string status_code = {};  // MDT-88 (UNCL 1373), as written
  Date date = {};  // the status's date: the event time of the message
                   // (AcknowledgementDocument/IssueDateTime, else MDT-8)
  std::string invoice_number = {};              // MDT-87 (BT-1)
  std::string invoice_type_code = {};           // MDT-91 (BT-3)
  std::optional<Date> invoice_issue_date = {};  // MDT-100 (BT-2)
  std::string seller_id = {};         // MDT-129 (BT-30, the seller's SIREN)
  std::string seller_id_scheme = {};  // its scheme ("0002")
  std::string buyer_id = {};  // the message's party with role BY, if any
  std::vector<EInvoiceStatusReason> reasons = {};
  std::vector<EInvoiceStatusAmount> amounts = {};
  std::string message_id = {};  // the message's MDT-4, else MDT-5
  friend bool operator==(const EInvoiceStatus&,
                         const EInvoiceStatus&) = default;
};

// One CDAR message.
struct RELANCE_API EInvoiceStatusMessage {
  std::string source_name = {};       // the name given to the reader
  std::string id = {};                // MDT-4
  std::string name = {};              // MDT-5
  std::string business_process = {};  // MDT-2 (REGULATED, B2BINT, ...)
  std::string guideline = {};         // MDT-3
  Date issue_date = {};               // MDT-8 (its date part)
  std::string phase = {};             // MDT-77: 305 transmission, 23 processing
  EInvoiceStatusParty issuer = {};    // MDT-36 ... MDT-40
  std::vector<EInvoiceStatusParty> recipients = {};  // MDT-55 ...
  std::vector<EInvoiceStatus> statuses = {};  // document order, at least one
  friend bool operator==(const EInvoiceStatusMessage&,
                         const EInvoiceStatusMessage&) = default;
};

// Reads a CDAR lifecycle message (one or several statuses), through the same
// hardened parser as ReadEInvoice (no DTD, no network, at most
// kMaxEInvoiceBytes and kMaxEInvoiceDepth). `name` names it in messages.
//
// XPaths in messages use the prefixes rsm (here the CDAR namespace above),
// ram, udt and qdt, bound by URI whatever prefixes the document uses.
// Errors (kInvalidArgument, starting with `name`):
//   - empty, oversized, not well-formed, too deep, a DTD (as ReadEInvoice);
//   - a root element other than {kCdarNamespace}
//     CrossDomainAcknowledgementAndResponse (naming what it is);
//   - a field missing or malformed, naming the MDT and its XPath, e.g.
//     `s.xml: MDT-105 status code (/rsm:CrossDomainAcknowledgementAndResponse
//     /rsm:AcknowledgementDocument/ram:ReferenceReferencedDocument[1]
//     /ram:ProcessConditionCode): "299" is not a lifecycle status
//     (BR-FR-CDV-CL-06)`. Required: MDT-8 (format 204), one
//     ram:ReferenceReferencedDocument at least, each with MDT-87 and MDT-105;
//     MDT-100 (format 102) except for 501; an amount needs its currencyID.
// Thread-safe.
[[nodiscard]] RELANCE_API absl::StatusOr<EInvoiceStatusMessage>
ReadEInvoiceStatuses(std::string_view xml, std::string_view name);

// The dispute an invoice has in the host's case, from its InvoiceLifecycle
// (relance/lifecycle.hpp): state `disputed` is kInFull; a positive
// `disputed` amount otherwise is kPartial.
enum class InvoiceDispute {
  kNone,     // no dispute open
  kPartial,  // part of the balance disputed
  kInFull,   // disputed in full
};

struct EInvoiceStatusFactOptions {
  // 211 "payment sent": the promised date is the status date plus this many
  // calendar days (the time a transfer takes to arrive, with a margin).
  // 0 to 60.
  int payment_transit_days = 5;
  // 220 "cancelled": what the host's case still has open on the invoice,
  // credited by the credit note. Absent: no event (a note says why).
  std::optional<Money> outstanding = {};
  // The invoice's dispute in the host's case. The lifecycle refuses a
  // dispute_opened on an invoice disputed in full and a dispute_resolved on
  // one with no dispute open: a dispute, suspension or refusal (206, 207,
  // 208, 210) of an invoice kInFull, and an approval or completion (205,
  // 209) of one kNone, give no event (a note) and are kept as evidence.
  InvoiceDispute dispute = InvoiceDispute::kNone;
};

struct EInvoiceStatusFact {
  EInvoiceStatusEffect effect = EInvoiceStatusEffect::kEvidence;
  // The event, dated on the status date, for the invoice MDT-87, with the
  // message id as reference where the kind allows it and the status and
  // its reasons as reason. Absent for evidence, a refund, a zero payment, a
  // cancellation without the outstanding.
  std::optional<Event> event = {};
  std::string note = {};  // what was decided when there is no event
  friend bool operator==(const EInvoiceStatusFact&,
                         const EInvoiceStatusFact&) = default;
};

// The fact a status is (see the table above and docs/einvoice.md). Each
// status is mapped on its own, with what the host says of the invoice's
// dispute (`dispute`), so that every event it gives folds: 207 then 210 on
// one invoice give one dispute_opened, and an approval of an invoice never
// disputed gives none.
// Errors: kInvalidArgument when the code is not in the table, options are
// out of range, the outstanding is not positive, or a 212's MEN amounts are
// in several currencies (naming the invoice and the status).
[[nodiscard]] RELANCE_API absl::StatusOr<EInvoiceStatusFact>
EInvoiceStatusToFact(const EInvoiceStatus& status,
                     const EInvoiceStatusFactOptions& options = {});

// EInvoiceVatLine, one line of an invoice's VAT breakdown (BG-23), is in
// relance/einvoice.hpp (EInvoice::vat_breakdown).

// The part of `payment` cashed at each VAT rate: `payment` split in
// proportion to each rate's amount with VAT (BT-116 + BT-117; lines of one
// rate are merged, in order of first appearance) by the largest-remainder
// method of relance/allocation.hpp, so the parts sum exactly to `payment`
// (negative for a refund: every part negative). Returned as MEN amounts.
// Errors: kInvalidArgument when the payment is zero, the breakdown empty,
// a line in another currency or with a negative amount with VAT, or every
// line zero.
[[nodiscard]] RELANCE_API absl::StatusOr<std::vector<EInvoiceStatusAmount>>
SplitCashedByVatRate(Money payment, std::span<const EInvoiceVatLine> breakdown);

// What a 212 message says.
struct CashedStatusInput {
  std::string message_id = {};            // MDT-4, unique for the seller
  Date date = {};                         // the day the payment was received
  std::string invoice_number = {};        // BT-1
  std::string invoice_type_code = "380";  // BT-3
  Date invoice_issue_date = {};           // BT-2
  EInvoiceStatusParty seller = {};        // id: the SIREN (scheme 0002); name
  EInvoiceStatusParty buyer = {};         // id: the SIREN (scheme 0002); name
  std::vector<EInvoiceVatLine> vat_breakdown = {};  // the invoice's BG-23
  Money payment;  // received, with VAT; negative for a refund
};

// The 212 "Encaissée" CDAR message a seller whose VAT is due on receipt
// sends for a payment (processing phase 23, MDT-88 47, issuer the seller
// with role SE, recipient the buyer with role BY, one MEN characteristic
// per VAT rate from SplitCashedByVatRate). The XML reads back with
// ReadEInvoiceStatuses to the same amounts.
// Errors: kInvalidArgument `212 status: <field>: <what>`: message id,
// invoice number or type code empty; a seller id that is not a SIREN (nine
// digits); no buyer id; a date before the invoice date;
// SplitCashedByVatRate's errors.
[[nodiscard]] RELANCE_API absl::StatusOr<std::string> MakeCashedStatus(
    const CashedStatusInput& input);

}  // namespace relance

#endif  // RELANCE_EINVOICE_STATUS_HPP_
