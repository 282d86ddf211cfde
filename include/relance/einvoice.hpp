// relance/einvoice.hpp
// -----------------------------------------------------------------------------
// E-invoices in: an EN 16931 invoice or credit note, in XML, read into a
// value and then into relance's `invoice_issued` (or `credit_note`) fact.
//
// Since September 2026 every French company receives its B2B invoices as
// structured e-invoices (EN 16931-1:2017, in the two syntaxes of
// EN 16931-3: UN/CEFACT Cross Industry Invoice and OASIS UBL 2.1), and
// Germany's public buyers have received XRechnung since 2020. A collector
// reading them directly needs no mapping of its own. What is read:
//
//   syntax        CII (rsm:CrossIndustryInvoice, D16B: Factur-X / ZUGFeRD 2
//                 profiles MINIMUM, BASIC WL, BASIC, EN 16931, EXTENDED;
//                 XRechnung CII), UBL 2.1 Invoice and CreditNote (Peppol
//                 BIS 3, XRechnung UBL, the French EXTENDED-CTC-FR)
//   terms         the business terms (BT-n) of EN 16931-1 a collector uses;
//                 docs/einvoice.md lists each with its XPath in both syntaxes
//
// Reading is strict, and checks what a collector relies on (the rules of
// EN 16931-1 6.4, "BR-CO"):
//   BR-CO-14   BT-110 VAT = the sum of the VAT breakdown's BT-117 (when the
//              document gives both BT-110 and a breakdown, BG-23)
//   BR-CO-15   BT-112 total with VAT = BT-109 total without VAT + BT-110 VAT
//   BR-CO-16   BT-115 amount due = BT-112 - BT-113 prepaid + BT-114 rounding
//   (BR-FR-CO) BT-9 due date on or after BT-2 issue date, except for
//              prepayment invoices (BT-3 386, 500, 503) and invoices already
//              paid (BT-23 B2, S2, M2 with BT-115 zero: BT-9 is then the date
//              of payment)
// A failed check is an error, never a silent import.
//
// Amounts are exact: each is parsed as a decimal into the invoice
// currency's minor units, never through floating point. A comma as the
// decimal separator is refused (xs:decimal has none); a leading '+' and
// surrounding white space are allowed (xs:decimal allows them). More
// decimals than the currency has are accepted only when the extra digits are
// zeros ("229.600" is 229.60 EUR; "229.605" is refused): EN 16931 limits
// document amounts to two decimals (its BR-DEC rules), and relance never
// rounds an amount it was given.
//
// Dates: CII `udt:DateTimeString` / `qdt:DateTimeString` with format 102
// (CCYYMMDD, the only format EN 16931-3-3 binds for dates); UBL xs:date
// (YYYY-MM-DD, with an optional time-zone suffix "Z" or "+01:00", which is
// dropped: a due date is a civil date). Impossible dates are refused.
//
// Security (libxml2 2.9.14, Debian 12): no network, no entity substitution,
// no DTD loaded; a document with a document type declaration (and so any
// entity declaration: billion laughs, external entities) is refused as soon
// as the parser meets it; at most 16 MiB of input and 64 levels of nesting.
// Nothing is fetched, ever.
//
// Example:
//
//   absl::StatusOr<EInvoice> invoice = ReadEInvoice(xml, "F20260023.xml");
//   if (!invoice.ok()) return invoice.status();  // names file, BT, XPath
//   absl::StatusOr<EInvoiceFact> fact =
//       EInvoiceToEvent(*invoice, {.default_terms = "30 jours"});
//   // fact->kind == EInvoiceFactKind::kInvoiceIssued
//   // fact->event->amount == 104.90 EUR (BT-115), due_date 2026-03-02 (BT-9)
//
// A Factur-X / ZUGFeRD PDF is read by relance/einvoice_pdf.hpp (the XML
// embedded in it, then this reader). Not read: invoice lines (relance
// collects totals, not lines); the VAT breakdown (BG-23) is read for the
// 212 "Encaissée" status and checked against BT-110 (BR-CO-14), not against
// the lines.
#ifndef RELANCE_EINVOICE_HPP_
#define RELANCE_EINVOICE_HPP_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/currency.hpp"
#include "relance/date.hpp"
#include "relance/date_formula.hpp"
#include "relance/event.hpp"
#include "relance/export.hpp"
#include "relance/money.hpp"
#include "relance/rate.hpp"

namespace relance {

// The input limits of ReadEInvoice.
inline constexpr size_t kMaxEInvoiceBytes = size_t{16} << 20;  // 16 MiB
inline constexpr int kMaxEInvoiceDepth = 64;  // nested elements

// The XML syntax, from the root element and its namespace URI.
enum class EInvoiceSyntax {
  kCii,         // urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100
  kUblInvoice,  // urn:oasis:names:specification:ubl:schema:xsd:Invoice-2
  kUblCreditNote,  // urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2
};
// "cii", "ubl_invoice", "ubl_credit_note".
[[nodiscard]] RELANCE_API std::string_view ToString(EInvoiceSyntax syntax);

// The profile (core invoice usage specification), from BT-24.
enum class EInvoiceProfile {
  kEn16931,        // "urn:cen.eu:en16931:2017" alone
  kMinimum,        // Factur-X / ZUGFeRD MINIMUM (not EN 16931 compliant)
  kBasicWl,        // Factur-X / ZUGFeRD BASIC WL
  kBasic,          // Factur-X / ZUGFeRD BASIC
  kExtended,       // Factur-X / ZUGFeRD EXTENDED
  kExtendedCtcFr,  // the French EXTENDED-CTC-FR (urn.cpro.gouv.fr)
  kXRechnung,      // XRechnung (KoSIT), any version
  kPeppolBis,      // Peppol BIS Billing 3
  kOther,          // another CIUS or extension of EN 16931
};
// "en16931", "minimum", "basic_wl", "basic", "extended", "extended_ctc_fr",
// "xrechnung", "peppol_bis", "other".
[[nodiscard]] RELANCE_API std::string_view ToString(EInvoiceProfile profile);

// What BT-3 (UNTDID 1001 document type) makes of the document.
enum class EInvoiceType {
  kInvoice,     // 380, 389, 393, 501, 326, 751, 875, 876, 877
  kCreditNote,  // 381, 261, 262, 396, 502, 503
  kCorrective,  // 384, 471, 472, 473 (a corrected invoice replaces another)
  kPrepayment,  // 386, 500
};
// "invoice", "credit_note", "corrective", "prepayment".
[[nodiscard]] RELANCE_API std::string_view ToString(EInvoiceType type);

// Where the early-payment discount came from.
enum class DiscountSource {
  kNone,           // no structured discount and no payment terms text
  kStructured,     // CII EXTENDED ram:ApplicableTradePaymentDiscountTerms
  kSkonto,         // XRechnung "#SKONTO#TAGE=..#PROZENT=..#" lines in BT-20
  kTermsText,      // BT-20 read with relance's terms notation (terms.hpp)
  kNotUnderstood,  // BT-20 given but not in relance's notation: unknown
};
// "none", "structured", "skonto", "terms_text", "not_understood".
[[nodiscard]] RELANCE_API std::string_view ToString(DiscountSource source);

// A postal address (BG-5, BG-8): the lines for a letter.
struct EInvoiceAddress {
  std::vector<std::string> lines = {};  // BT-35, BT-36, BT-162 (UBL: street,
                                        // additional street, address line)
  std::string postcode = {};            // BT-38
  std::string city = {};                // BT-37
  std::string subdivision = {};         // BT-39 (region, county)
  std::string country = {};             // BT-40, ISO 3166-1 alpha-2
  friend bool operator==(const EInvoiceAddress&,
                         const EInvoiceAddress&) = default;
};

// The lines a letter to `address` prints: its street lines, then the
// postcode and the city on one line ("69003 Lyon"; in Great Britain the
// town, then the postcode on a line of its own), then, when the address is
// abroad (its country is given and is not `home_country`, an ISO 3166-1
// alpha-2 code such as the seller's BT-40), that country's name in
// capitals, in French when sent from France or Monaco ("ALLEMAGNE"), else
// in English ("GERMANY"): for the countries of the European Economic
// Area, Switzerland, the United Kingdom, Andorra, Monaco, Canada and the
// United States; its code for any other. The region (BT-39) is left out.
// White space within a term (a line break, a tab) becomes one space; empty
// lines are left out. An address with no street, postcode or city gives
// none.
[[nodiscard]] RELANCE_API std::vector<std::string> EInvoiceAddressLines(
    const EInvoiceAddress& address, std::string_view home_country);

// A party: seller (BG-4), buyer (BG-7) or payee (BG-10).
struct EInvoiceParty {
  // BT-29 / BT-46 / BT-60: the party's identifier, as the seller knows it
  // (for the buyer, often the seller's own customer number). CII ram:ID,
  // else ram:GlobalID; UBL cac:PartyIdentification/cbc:ID (the first).
  std::string id = {};
  std::string id_scheme = {};        // its schemeID, when given
  std::string name = {};             // BT-27 / BT-44 / BT-59 (legal name)
  std::string trading_name = {};     // BT-28 / BT-45
  std::string legal_id = {};         // BT-30 / BT-47 / BT-61 (FR: SIREN)
  std::string legal_id_scheme = {};  // its ISO 6523 scheme ("0002": SIREN)
  std::string vat_id = {};           // BT-31 / BT-48
  EInvoiceAddress address = {};      // BG-5 / BG-8 (none for a payee)
  friend bool operator==(const EInvoiceParty&, const EInvoiceParty&) = default;
};

// An invoice note (BG-1): BT-21 subject code (UNTDID 4451) and BT-22 text.
// UBL writes the code inline, "#PMD#text"; it is split off.
struct EInvoiceNote {
  std::string subject_code = {};
  std::string text = {};
  friend bool operator==(const EInvoiceNote&, const EInvoiceNote&) = default;
};

// One due date (BT-9) with, in Factur-X EXTENDED, the part of the amount due
// then (ram:PartialPaymentAmount).
struct EInvoiceDue {
  Date date = {};
  std::optional<Money> amount = {};
  friend bool operator==(const EInvoiceDue&, const EInvoiceDue&) = default;
};

// An early-payment discount: `percent` off if paid within `within` of the
// issue date (a formula such as 10D).
struct EInvoiceDiscount {
  Rate percent = {};
  DateFormula within = {};
  std::optional<Money> basis_amount = {};  // on this amount, when given
  std::optional<Money> amount = {};        // the discount, when given
  friend bool operator==(const EInvoiceDiscount&,
                         const EInvoiceDiscount&) = default;
};

// A preceding invoice (BG-3): what a credit note or corrected invoice
// refers to.
struct EInvoiceReference {
  std::string number = {};              // BT-25
  std::optional<Date> issue_date = {};  // BT-26
  friend bool operator==(const EInvoiceReference&,
                         const EInvoiceReference&) = default;
};

// One line of the VAT breakdown (BG-23): BT-119 rate (0 when absent: an
// exempt or not-subject category), BT-116 taxable amount, BT-117 VAT, and
// BT-118 the category code (UNTDID 5305: S standard, Z, E exempt, AE
// reverse charge, K intra-community, G export, O not subject, L, M).
struct EInvoiceVatLine {
  Rate rate = {};
  Money taxable;
  Money vat;
  std::string category = {};
  friend bool operator==(const EInvoiceVatLine&,
                         const EInvoiceVatLine&) = default;
};

// What was read from one document. Optional terms absent from it are empty
// (text), std::nullopt or empty vectors.
struct RELANCE_API EInvoice {
  std::string source_name = {};  // the name given to ReadEInvoice

  EInvoiceSyntax syntax = EInvoiceSyntax::kCii;
  EInvoiceProfile profile = EInvoiceProfile::kEn16931;
  std::string specification_id = {};  // BT-24, as written
  std::string business_process = {};  // BT-23 (FR "cadre de facturation")

  std::string number = {};     // BT-1
  std::string type_code = {};  // BT-3, as written ("380")
  EInvoiceType type = EInvoiceType::kInvoice;
  Date issue_date = {};              // BT-2
  Currency currency = {};            // BT-5
  std::string buyer_reference = {};  // BT-10 (XRechnung: the Leitweg-ID)

  // Document totals (BG-22), all in `currency`.
  Money total_without_vat;         // BT-109
  std::optional<Money> vat_total;  // BT-110 (absent: no VAT, counts as 0)
  Money total_with_vat;            // BT-112
  std::optional<Money> prepaid;    // BT-113
  std::optional<Money> rounding;   // BT-114
  Money amount_due;                // BT-115

  // Due dates (BT-9) in document order: none, one, or several when the
  // syntax has repeated payment terms (Factur-X EXTENDED instalments).
  std::vector<EInvoiceDue> due_dates = {};
  // Payment terms text (BT-20); several blocks joined by a newline.
  std::string payment_terms = {};
  // Early-payment discounts, and where they came from. When BT-20 was given
  // but is not in relance's notation, `discount_source` is kNotUnderstood
  // and `discount_note` says why (the terms parser's message).
  std::vector<EInvoiceDiscount> discounts = {};
  DiscountSource discount_source = DiscountSource::kNone;
  std::string discount_note = {};

  EInvoiceParty seller = {};                // BG-4
  EInvoiceParty buyer = {};                 // BG-7
  std::optional<EInvoiceParty> payee = {};  // BG-10 (factoring: who is paid)

  // Payment instructions (BG-16) for the letters' "how to pay".
  std::string payment_means_code = {};    // BT-81 of the first means (UNTDID
                                          // 4461: 30 transfer, 58 SEPA, ...)
  std::vector<std::string> ibans = {};    // BT-84, spaces removed, each once
  std::string remittance_reference = {};  // BT-83

  // Every invoice note, and the three French mentions a collector needs
  // (Code de commerce L441-9: late-payment penalty terms, the EUR 40
  // recovery compensation of D441-5, the discount terms), from BT-21 codes
  // PMD, PMT and AAB (the first note of each; empty when absent).
  std::vector<EInvoiceNote> notes = {};
  std::string penalty_note = {};       // PMD
  std::string recovery_fee_note = {};  // PMT
  std::string discount_mention = {};   // AAB

  // BT-8, VAT point date code, as written (CII UNTDID 2475: 5, 29, 72; UBL
  // UNTDID 2005: 3, 35, 432), and whether it says VAT is due on payment
  // (CII 72, UBL 432): the seller must then report its receipts (the French
  // "encaissée" status).
  std::string vat_date_code = {};
  bool vat_on_receipt = false;
  // BG-23, in document order: what the 212 "Encaissée" status splits a
  // payment by (relance/einvoice_status.hpp, SplitCashedByVatRate).
  std::vector<EInvoiceVatLine> vat_breakdown = {};

  std::vector<EInvoiceReference> preceding_invoices = {};  // BG-3

  friend bool operator==(const EInvoice&, const EInvoice&) = default;
};

// Reads one EN 16931 invoice or credit note in XML (CII or UBL 2.1). `name`
// names the document in messages (a file name).
//
// Errors (kInvalidArgument, every message starting with `name`):
//   - input larger than kMaxEInvoiceBytes, or empty;
//   - XML that is not well-formed (`<name>: not well-formed XML at line 3:
//     ...`), nested deeper than kMaxEInvoiceDepth, or with a document type
//     declaration (`<name>: a document type declaration (DTD) is refused:
//     ...`);
//   - a root element that is neither CII nor UBL Invoice/CreditNote (naming
//     its namespace URI and local name);
//   - a business term missing, malformed or failing a check, naming the BT
//     and its XPath with our prefixes (rsm, ram, udt, qdt for CII; ubl, cn,
//     cac, cbc for UBL), e.g.
//     `invoice.xml: BT-112 (/rsm:CrossIndustryInvoice/rsm:SupplyChainTrade
//     Transaction/ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTrade
//     SettlementHeaderMonetarySummation/ram:GrandTotalAmount): 1210.00 is not
//     BT-109 1000.00 + BT-110 200.00 (BR-CO-15)`.
// Thread-safe: each call parses its own document.
[[nodiscard]] RELANCE_API absl::StatusOr<EInvoice> ReadEInvoice(
    std::string_view xml, std::string_view name);

// What an e-invoice becomes in relance's facts.
enum class EInvoiceFactKind {
  // An invoice, corrected invoice or prepayment invoice with an amount due:
  // an invoice_issued event for BT-115.
  kInvoiceIssued,
  // A credit note naming exactly one preceding invoice (BT-25): a
  // credit_note event on that invoice for |BT-112|.
  kCreditNote,
  // An invoice with nothing due (BT-115 zero: already paid, the French
  // billing frameworks B2, S2, M2): no case opens, no event.
  kAlreadyPaid,
  // No fact: a credit note naming no invoice or several (relance does not
  // guess how to split a credit) or of nothing, or an invoice whose amount
  // due is negative
  // (the seller owes the buyer). `note` says which.
  kNoFact,
};
// "invoice_issued", "credit_note", "already_paid", "no_fact".
[[nodiscard]] RELANCE_API std::string_view ToString(EInvoiceFactKind kind);

struct EInvoiceFactOptions {
  // The terms that apply when the invoice gives neither a due date (BT-9)
  // nor payment terms relance can read (BT-20), in relance's notation
  // ("30 jours", "net 30"): the policy's default terms. Such invoices are
  // valid since the EN 16931 validation artefacts 1.3.16 (issue 14), and a
  // BT-20 in prose ("PAIEMENT 30 JOURS NET") is common. Empty: such an
  // invoice is an error (EInvoiceToEvent).
  std::string default_terms = {};
};

struct EInvoiceFact {
  EInvoiceFactKind kind = EInvoiceFactKind::kNoFact;
  // The event, for kInvoiceIssued and kCreditNote.
  std::optional<Event> event = {};
  // True when `event` carries EInvoiceFactOptions::default_terms because the
  // invoice gave neither a due date nor terms relance reads.
  bool default_terms_applied = false;
  // For kInvoiceIssued whose payee (BG-10) is not the seller, or whose type
  // is 393 "factored invoice": a disclosed factoring, the buyer pays the
  // factor, who collects. The block status 225 "Affacturée" gives
  // (relance/einvoice_status.hpp): dunning_blocked on the issue date, with
  // no end, so that the seller never duns it. (An undisclosed factoring
  // names no payee: the seller collects.) None for an invoice issued on
  // the last day relance knows (kMaxDate).
  std::optional<Event> factored = {};
  // Why there is no event, or what was decided (several due dates).
  std::string note = {};
  friend bool operator==(const EInvoiceFact&, const EInvoiceFact&) = default;
};

// The fact an e-invoice gives (see EInvoiceFactKind). For kInvoiceIssued:
// date = BT-2, invoice = BT-1, amount = BT-115 (what the buyer still owes:
// the total with VAT less what was prepaid, plus rounding); due_date = BT-9
// when there is one; with several due dates (instalments), the last one, so
// that no reminder asks for money not yet due (`note` says so); a due date
// before the issue date (a prepayment invoice) becomes the issue date;
// without a due date, terms = BT-20 when relance's notation reads it, else
// the options' default terms (`default_terms_applied`). A corrected invoice
// (384, 471-473) naming the invoice it corrects says so in `note`: that
// invoice is not closed here (the host credits it). A payee other than the
// seller (BG-10: another legal id BT-61 than BT-30, a SIRET and its SIREN
// being one company; without both ids, another name BT-59 than BT-27, case
// and spacing aside) or the type 393 gives `factored`, and `note` says so.
// For kCreditNote: date = BT-2, invoice = BT-25, amount = |BT-112|.
// Errors: kFailedPrecondition `<name>: BT-9 and BT-20 absent ...` when the
// default terms are needed and empty; kInvalidArgument when the default
// terms do not parse.
[[nodiscard]] RELANCE_API absl::StatusOr<EInvoiceFact> EInvoiceToEvent(
    const EInvoice& invoice, const EInvoiceFactOptions& options = {});

}  // namespace relance

#endif  // RELANCE_EINVOICE_HPP_
