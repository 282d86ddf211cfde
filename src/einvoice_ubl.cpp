// The UBL reader: OASIS UBL 2.1 Invoice and CreditNote as bound by
// EN 16931-3-2 (Peppol BIS 3, XRechnung UBL, EXTENDED-CTC-FR). The XPaths
// are those of the EN 16931 validation artefacts' UBL model binding
// (ConnectingEurope/eInvoicing-EN16931 ubl/schematron/UBL/
// EN16931-UBL-model.sch).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "einvoice_reader.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance::internal {
namespace {

// A party's terms, `party` an absolute XPath of a cac:Party or
// cac:PayeeParty.
EInvoiceParty ReadParty(const TermReader& reader, const std::string& party) {
  EInvoiceParty result;
  // BT-29/46/60: the first identifier that is not BT-90, the SEPA creditor
  // id a seller or payee may give in the same element.
  const std::string id = absl::StrCat(
      "(", party, "/cac:PartyIdentification/cbc:ID[not(@schemeID='SEPA')])[1]");
  result.id = reader.Text(id);
  result.id_scheme = reader.Text(absl::StrCat(id, "/@schemeID"));
  // BT-27/BT-44: the legal name (cac:PartyLegalEntity/cbc:RegistrationName);
  // cac:PartyName/cbc:Name is the trading name (BT-28/BT-45), and the only
  // name a payee has (BT-59).
  result.name = reader.Text(
      absl::StrCat(party, "/cac:PartyLegalEntity/cbc:RegistrationName"));
  result.trading_name =
      reader.Text(absl::StrCat(party, "/cac:PartyName/cbc:Name"));
  if (result.name.empty()) {
    result.name = result.trading_name;
    result.trading_name.clear();
  }
  const std::string legal =
      absl::StrCat(party, "/cac:PartyLegalEntity/cbc:CompanyID");
  result.legal_id = reader.Text(legal);
  result.legal_id_scheme = reader.Text(absl::StrCat(legal, "/@schemeID"));
  result.vat_id = reader.Text(absl::StrCat(
      party, "/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID='VAT']/cbc:CompanyID"));
  const std::string address = absl::StrCat(party, "/cac:PostalAddress");
  for (const char* line : {"/cbc:StreetName", "/cbc:AdditionalStreetName",
                           "/cac:AddressLine/cbc:Line"}) {
    std::string text = reader.Text(absl::StrCat(address, line));
    if (!text.empty()) result.address.lines.push_back(std::move(text));
  }
  result.address.postcode =
      reader.Text(absl::StrCat(address, "/cbc:PostalZone"));
  result.address.city = reader.Text(absl::StrCat(address, "/cbc:CityName"));
  result.address.subdivision =
      reader.Text(absl::StrCat(address, "/cbc:CountrySubentity"));
  result.address.country =
      reader.Text(absl::StrCat(address, "/cac:Country/cbc:IdentificationCode"));
  return result;
}

}  // namespace

absl::StatusOr<EInvoice> ReadUbl(const TermReader& reader, bool credit_note) {
  const XmlDocument& document = reader.document();
  const std::string root = credit_note ? "/cn:CreditNote" : "/ubl:Invoice";
  auto path = [&](std::string_view relative) {
    return root + std::string(relative);
  };
  EInvoice invoice;
  invoice.syntax = credit_note ? EInvoiceSyntax::kUblCreditNote
                               : EInvoiceSyntax::kUblInvoice;

  RELANCE_ASSIGN_OR_RETURN(
      invoice.specification_id,
      reader.Required("BT-24", path("/cbc:CustomizationID")));
  invoice.profile = ProfileOf(invoice.specification_id);
  invoice.business_process = reader.Text(path("/cbc:ProfileID"));

  RELANCE_ASSIGN_OR_RETURN(invoice.number,
                           reader.Required("BT-1", path("/cbc:ID")));
  const std::string bt3 =
      path(credit_note ? "/cbc:CreditNoteTypeCode" : "/cbc:InvoiceTypeCode");
  RELANCE_ASSIGN_OR_RETURN(invoice.type_code, reader.Required("BT-3", bt3));
  std::optional<EInvoiceType> type = TypeOfCode(invoice.type_code);
  if (!type) {
    return reader.Error("BT-3", bt3,
                        absl::StrCat("type code \"", invoice.type_code,
                                     "\" is not an invoice or credit note "
                                     "code of EN 16931 (UNTDID 1001)"));
  }
  invoice.type = *type;

  CheckPaths paths;
  paths.issue_date = path("/cbc:IssueDate");
  RELANCE_ASSIGN_OR_RETURN(std::optional<Date> issue_date,
                           reader.UblDate("BT-2", paths.issue_date));
  if (!issue_date) {
    return reader.Error("BT-2", paths.issue_date, "missing (mandatory)");
  }
  invoice.issue_date = *issue_date;

  for (xmlNodePtr note : document.Nodes(path("/cbc:Note"))) {
    EInvoiceNote split = SplitUblNote(TrimXmlSpace(XmlDocument::Content(note)));
    split.text = std::string(TrimXmlSpace(split.text));
    invoice.notes.push_back(std::move(split));
  }
  PickFrenchNotes(invoice);

  const std::string bt5 = path("/cbc:DocumentCurrencyCode");
  RELANCE_ASSIGN_OR_RETURN(std::string currency_code,
                           reader.Required("BT-5", bt5));
  absl::StatusOr<Currency> currency = Currency::FromCode(currency_code);
  if (!currency.ok()) {
    return reader.Error("BT-5", bt5, std::string(currency.status().message()));
  }
  invoice.currency = *currency;
  invoice.buyer_reference = reader.Text(path("/cbc:BuyerReference"));

  const std::string totals = path("/cac:LegalMonetaryTotal");
  paths.total_without_vat = absl::StrCat(totals, "/cbc:TaxExclusiveAmount");
  paths.vat_total =
      path(absl::StrCat("/cac:TaxTotal/cbc:TaxAmount[@currencyID='",
                        invoice.currency.ToString(), "']"));
  paths.total_with_vat = absl::StrCat(totals, "/cbc:TaxInclusiveAmount");
  paths.prepaid = absl::StrCat(totals, "/cbc:PrepaidAmount");
  paths.rounding = absl::StrCat(totals, "/cbc:PayableRoundingAmount");
  paths.amount_due = absl::StrCat(totals, "/cbc:PayableAmount");
  RELANCE_ASSIGN_OR_RETURN(
      invoice.total_without_vat,
      reader.RequiredAmount("BT-109", paths.total_without_vat,
                            invoice.currency));
  RELANCE_ASSIGN_OR_RETURN(
      invoice.vat_total,
      reader.Amount("BT-110", paths.vat_total, invoice.currency));
  RELANCE_ASSIGN_OR_RETURN(
      invoice.total_with_vat,
      reader.RequiredAmount("BT-112", paths.total_with_vat, invoice.currency));
  RELANCE_ASSIGN_OR_RETURN(
      invoice.prepaid,
      reader.Amount("BT-113", paths.prepaid, invoice.currency));
  RELANCE_ASSIGN_OR_RETURN(
      invoice.rounding,
      reader.Amount("BT-114", paths.rounding, invoice.currency));
  RELANCE_ASSIGN_OR_RETURN(
      invoice.amount_due,
      reader.RequiredAmount("BT-115", paths.amount_due, invoice.currency));

  // BT-9: cbc:DueDate on an Invoice; a CreditNote has none at its root and
  // carries it in cac:PaymentMeans/cbc:PaymentDueDate (CenPC434/validation
  // issue 84).
  paths.due_date = credit_note ? path("/cac:PaymentMeans/cbc:PaymentDueDate")
                               : path("/cbc:DueDate");
  RELANCE_ASSIGN_OR_RETURN(std::optional<Date> due,
                           reader.UblDate("BT-9", paths.due_date));
  if (due) {
    invoice.due_dates.push_back(EInvoiceDue{*due, std::nullopt});
    paths.due_date_each.push_back(paths.due_date);
  }

  std::vector<std::string> descriptions;
  for (xmlNodePtr note : document.Nodes(path("/cac:PaymentTerms/cbc:Note"))) {
    std::string text(TrimXmlSpace(XmlDocument::Content(note)));
    if (!text.empty()) descriptions.push_back(std::move(text));
  }
  invoice.payment_terms = absl::StrJoin(descriptions, "\n");
  ReadDiscountsFromTerms(invoice);

  invoice.seller =
      ReadParty(reader, path("/cac:AccountingSupplierParty/cac:Party"));
  invoice.buyer =
      ReadParty(reader, path("/cac:AccountingCustomerParty/cac:Party"));
  if (invoice.seller.name.empty()) {
    return reader.Error(
        "BT-27",
        path("/cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/"
             "cbc:RegistrationName"),
        "missing (mandatory)");
  }
  if (invoice.buyer.name.empty()) {
    return reader.Error(
        "BT-44",
        path("/cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/"
             "cbc:RegistrationName"),
        "missing (mandatory)");
  }
  if (!document.Nodes(path("/cac:PayeeParty")).empty()) {
    invoice.payee = ReadParty(reader, path("/cac:PayeeParty"));
  }

  const std::string means = path("/cac:PaymentMeans");
  invoice.payment_means_code =
      reader.Text(absl::StrCat(means, "/cbc:PaymentMeansCode"));
  for (xmlNodePtr iban : document.Nodes(
           absl::StrCat(means, "/cac:PayeeFinancialAccount/cbc:ID"))) {
    AddIban(invoice, XmlDocument::Content(iban));
  }
  invoice.remittance_reference =
      reader.Text(absl::StrCat(means, "/cbc:PaymentID"));

  invoice.vat_date_code =
      reader.Text(path("/cac:InvoicePeriod/cbc:DescriptionCode"));
  invoice.vat_on_receipt = invoice.vat_date_code == "432";
  RELANCE_ASSIGN_OR_RETURN(
      invoice.vat_breakdown,
      ReadVatBreakdown(reader,
                       {.lines = path("/cac:TaxTotal/cac:TaxSubtotal"),
                        .taxable = "/cbc:TaxableAmount",
                        .vat = "/cbc:TaxAmount",
                        .percent = "/cac:TaxCategory/cbc:Percent",
                        .category = "/cac:TaxCategory/cbc:ID"},
                       invoice.currency));

  const std::string reference =
      path("/cac:BillingReference[cac:InvoiceDocumentReference]");
  const size_t reference_count = document.Nodes(reference).size();
  for (size_t i = 0; i < reference_count; ++i) {
    const std::string block =
        absl::StrCat(reference, "[", i + 1, "]/cac:InvoiceDocumentReference");
    EInvoiceReference preceding;
    RELANCE_ASSIGN_OR_RETURN(
        preceding.number,
        reader.Required("BT-25", absl::StrCat(block, "/cbc:ID")));
    RELANCE_ASSIGN_OR_RETURN(
        preceding.issue_date,
        reader.UblDate("BT-26", absl::StrCat(block, "/cbc:IssueDate")));
    invoice.preceding_invoices.push_back(std::move(preceding));
  }

  RELANCE_RETURN_IF_ERROR(CheckEInvoice(invoice, reader, paths));
  return invoice;
}

}  // namespace relance::internal
