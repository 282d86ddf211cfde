// src/einvoice_reader.hpp (private to the library, not installed)
// -----------------------------------------------------------------------------
// What the CII reader (einvoice_cii.cpp) and the UBL reader
// (einvoice_ubl.cpp) share: reading one business term at an XPath with the
// error message every term uses (`<name>: BT-n (<xpath>): <what>`), exact
// amounts and dates, the code tables (BT-3 types, BT-24 profiles), the
// discount terms of BT-20, and the checks (einvoice_check.cpp).
#ifndef RELANCE_SRC_EINVOICE_READER_HPP_
#define RELANCE_SRC_EINVOICE_READER_HPP_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "einvoice_xml.hpp"
#include "relance/currency.hpp"
#include "relance/date.hpp"
#include "relance/einvoice.hpp"
#include "relance/money.hpp"

namespace relance::internal {

// Reads business terms from one document; every error names the document,
// the term and its absolute XPath.
class TermReader {
 public:
  TermReader(const XmlDocument& document, std::string_view name)
      : document_(document), name_(name) {}

  const XmlDocument& document() const { return document_; }
  std::string_view name() const { return name_; }

  // `<name>: <term> (<xpath>): <what>` (kInvalidArgument).
  absl::Status Error(std::string_view term, std::string_view xpath,
                     std::string_view what) const;

  // The trimmed text at `xpath`; empty when absent or blank.
  std::string Text(std::string_view xpath) const;
  // The same, required: an error "missing (mandatory)" when absent or blank.
  absl::StatusOr<std::string> Required(std::string_view term,
                                       std::string_view xpath) const;

  // An amount in `currency` (ParseEInvoiceAmount). When the element carries
  // a currencyID attribute (UBL), it must be `currency`.
  absl::StatusOr<std::optional<Money>> Amount(std::string_view term,
                                              std::string_view xpath,
                                              Currency currency) const;
  absl::StatusOr<Money> RequiredAmount(std::string_view term,
                                       std::string_view xpath,
                                       Currency currency) const;

  // A CII date: the element at `xpath` (a udt:/qdt:DateTimeString or
  // udt:DateString) must say format="102" and hold CCYYMMDD.
  absl::StatusOr<std::optional<Date>> CiiDate(std::string_view term,
                                              std::string_view xpath) const;
  // A UBL xs:date, YYYY-MM-DD with an optional time zone.
  absl::StatusOr<std::optional<Date>> UblDate(std::string_view term,
                                              std::string_view xpath) const;

 private:
  const XmlDocument& document_;
  std::string_view name_;
};

// White space of XML (space, tab, CR, LF) removed at both ends.
std::string_view TrimXmlSpace(std::string_view text);

// Parses an xs:decimal amount exactly in `currency`: surrounding white
// space and a leading '+' allowed; no comma; decimals beyond the currency's
// only when they are zeros. Errors: kInvalidArgument with a short reason
// (no name, no XPath: the caller adds them).
absl::StatusOr<Money> ParseEInvoiceAmount(std::string_view text,
                                          Currency currency);
// CCYYMMDD (UNTDID 2379 format 102).
absl::StatusOr<Date> ParseDate102(std::string_view text);
// xs:date: YYYY-MM-DD, then nothing, "Z" or "+hh:mm"/"-hh:mm".
absl::StatusOr<Date> ParseXsDate(std::string_view text);

// BT-3 → type; nullopt for a code EN 16931 and its CIUS do not use.
std::optional<EInvoiceType> TypeOfCode(std::string_view type_code);
// BT-24 → profile.
EInvoiceProfile ProfileOf(std::string_view specification_id);

// Fills discounts from BT-20 when none were structured: XRechnung #SKONTO#
// lines, else relance's terms notation, else kNotUnderstood.
void ReadDiscountsFromTerms(EInvoice& invoice);
// Splits "#PMD#text" into subject code and text (UBL notes).
EInvoiceNote SplitUblNote(std::string_view note);
// Fills penalty_note, recovery_fee_note, discount_mention from notes.
void PickFrenchNotes(EInvoice& invoice);
// Where a syntax writes the VAT breakdown (BG-23): the XPath of its lines
// and, relative to one line, of BT-116, BT-117, BT-119 and BT-118.
struct VatBreakdownPaths {
  std::string lines;
  std::string taxable;
  std::string vat;
  std::string percent;
  std::string category;
};
// The breakdown's lines, in document order. A rate is a decimal percent
// ("20", "5.5", "20.00"), 0 when absent. Errors name BT-116, BT-117 or
// BT-119 and the line's XPath.
absl::StatusOr<std::vector<EInvoiceVatLine>> ReadVatBreakdown(
    const TermReader& reader, const VatBreakdownPaths& paths,
    Currency currency);
// Adds an IBAN with its spaces removed, unless already there.
void AddIban(EInvoice& invoice, std::string_view iban);

// The XPaths of the terms the checks name.
struct CheckPaths {
  std::string issue_date;  // BT-2
  std::string due_date;    // BT-9 (the first, or where it would be)
  // The XPath of each of EInvoice::due_dates, in the same order.
  std::vector<std::string> due_date_each;
  std::string total_without_vat;  // BT-109
  std::string vat_total;          // BT-110
  std::string total_with_vat;     // BT-112
  std::string prepaid;            // BT-113
  std::string rounding;           // BT-114
  std::string amount_due;         // BT-115
};

// BR-CO-14, BR-CO-15, BR-CO-16 and the due date (relance/einvoice.hpp).
absl::Status CheckEInvoice(const EInvoice& invoice, const TermReader& reader,
                           const CheckPaths& paths);

// The readers of each syntax, the root already identified.
absl::StatusOr<EInvoice> ReadCii(const TermReader& reader);
absl::StatusOr<EInvoice> ReadUbl(const TermReader& reader, bool credit_note);

}  // namespace relance::internal

#endif  // RELANCE_SRC_EINVOICE_READER_HPP_
