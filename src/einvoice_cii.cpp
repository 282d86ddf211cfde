// The CII reader: UN/CEFACT Cross Industry Invoice D16B as bound by
// EN 16931-3-3 (Factur-X / ZUGFeRD 2, XRechnung CII). The XPaths are those
// of the EN 16931 validation artefacts' CII model binding
// (ConnectingEurope/eInvoicing-EN16931 cii/schematron/CII/
// EN16931-CII-model.sch) and the annotated FNFE-MPE examples.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "einvoice_reader.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance::internal {
namespace {

constexpr std::string_view kRoot = "/rsm:CrossIndustryInvoice";

std::string Path(std::string_view relative) {
  return std::string(kRoot) + std::string(relative);
}

const std::string kContext = Path("/rsm:ExchangedDocumentContext");
const std::string kDocument = Path("/rsm:ExchangedDocument");
const std::string kAgreement =
    Path("/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement");
const std::string kSettlement = Path(
    "/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement");
const std::string kSummation = absl::StrCat(
    kSettlement, "/ram:SpecifiedTradeSettlementHeaderMonetarySummation");

// A party's terms, `party` an absolute XPath of a ram:*TradeParty.
EInvoiceParty ReadParty(const TermReader& reader, const std::string& party) {
  EInvoiceParty result;
  result.id = reader.Text(absl::StrCat(party, "/ram:ID"));
  if (result.id.empty()) {
    const std::string global = absl::StrCat(party, "/ram:GlobalID");
    result.id = reader.Text(global);
    result.id_scheme = reader.Text(absl::StrCat(global, "/@schemeID"));
  }
  result.name = reader.Text(absl::StrCat(party, "/ram:Name"));
  result.trading_name = reader.Text(absl::StrCat(
      party, "/ram:SpecifiedLegalOrganization/ram:TradingBusinessName"));
  const std::string legal =
      absl::StrCat(party, "/ram:SpecifiedLegalOrganization/ram:ID");
  result.legal_id = reader.Text(legal);
  result.legal_id_scheme = reader.Text(absl::StrCat(legal, "/@schemeID"));
  result.vat_id = reader.Text(absl::StrCat(
      party, "/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']"));
  const std::string address = absl::StrCat(party, "/ram:PostalTradeAddress");
  for (const char* line : {"/ram:LineOne", "/ram:LineTwo", "/ram:LineThree"}) {
    std::string text = reader.Text(absl::StrCat(address, line));
    if (!text.empty()) result.address.lines.push_back(std::move(text));
  }
  result.address.postcode =
      reader.Text(absl::StrCat(address, "/ram:PostcodeCode"));
  result.address.city = reader.Text(absl::StrCat(address, "/ram:CityName"));
  result.address.subdivision =
      reader.Text(absl::StrCat(address, "/ram:CountrySubDivisionName"));
  result.address.country = reader.Text(absl::StrCat(address, "/ram:CountryID"));
  return result;
}

}  // namespace

absl::StatusOr<EInvoice> ReadCii(const TermReader& reader) {
  const XmlDocument& document = reader.document();
  EInvoice invoice;
  invoice.syntax = EInvoiceSyntax::kCii;

  const std::string bt24 = absl::StrCat(
      kContext, "/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID");
  RELANCE_ASSIGN_OR_RETURN(invoice.specification_id,
                           reader.Required("BT-24", bt24));
  invoice.profile = ProfileOf(invoice.specification_id);
  invoice.business_process = reader.Text(absl::StrCat(
      kContext,
      "/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID"));

  RELANCE_ASSIGN_OR_RETURN(
      invoice.number,
      reader.Required("BT-1", absl::StrCat(kDocument, "/ram:ID")));
  const std::string bt3 = absl::StrCat(kDocument, "/ram:TypeCode");
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
  paths.issue_date =
      absl::StrCat(kDocument, "/ram:IssueDateTime/udt:DateTimeString");
  RELANCE_ASSIGN_OR_RETURN(std::optional<Date> issue_date,
                           reader.CiiDate("BT-2", paths.issue_date));
  if (!issue_date)
    return reader.Error("BT-2", paths.issue_date, "missing (mandatory)");
  invoice.issue_date = *issue_date;

  for (xmlNodePtr note :
       document.Nodes(absl::StrCat(kDocument, "/ram:IncludedNote"))) {
    invoice.notes.push_back(EInvoiceNote{
        .subject_code = std::string(
            TrimXmlSpace(document.Text("ram:SubjectCode", note).value_or(""))),
        .text = std::string(
            TrimXmlSpace(document.Text("ram:Content", note).value_or("")))});
  }
  PickFrenchNotes(invoice);

  const std::string bt5 = absl::StrCat(kSettlement, "/ram:InvoiceCurrencyCode");
  RELANCE_ASSIGN_OR_RETURN(std::string currency_code,
                           reader.Required("BT-5", bt5));
  absl::StatusOr<Currency> currency = Currency::FromCode(currency_code);
  if (!currency.ok()) {
    return reader.Error("BT-5", bt5, std::string(currency.status().message()));
  }
  invoice.currency = *currency;
  invoice.buyer_reference =
      reader.Text(absl::StrCat(kAgreement, "/ram:BuyerReference"));

  // Totals (BG-22). BT-110 is the ram:TaxTotalAmount in the invoice
  // currency (a second one, in the VAT accounting currency, is BT-111).
  paths.total_without_vat =
      absl::StrCat(kSummation, "/ram:TaxBasisTotalAmount");
  paths.vat_total =
      absl::StrCat(kSummation, "/ram:TaxTotalAmount[@currencyID='",
                   invoice.currency.ToString(), "']");
  paths.total_with_vat = absl::StrCat(kSummation, "/ram:GrandTotalAmount");
  paths.prepaid = absl::StrCat(kSummation, "/ram:TotalPrepaidAmount");
  paths.rounding = absl::StrCat(kSummation, "/ram:RoundingAmount");
  paths.amount_due = absl::StrCat(kSummation, "/ram:DuePayableAmount");
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

  // Payment terms (BT-20, BT-9): one ram:SpecifiedTradePaymentTerms in
  // EN 16931, several in EXTENDED (instalments with their partial amounts,
  // discount terms).
  const std::string terms_path =
      absl::StrCat(kSettlement, "/ram:SpecifiedTradePaymentTerms");
  std::vector<std::string> descriptions;
  const std::vector<xmlNodePtr> terms_nodes = document.Nodes(terms_path);
  for (size_t i = 0; i < terms_nodes.size(); ++i) {
    const std::string block = absl::StrCat(terms_path, "[", i + 1, "]");
    for (xmlNodePtr description :
         document.Nodes("ram:Description", terms_nodes[i])) {
      std::string text(TrimXmlSpace(XmlDocument::Content(description)));
      if (!text.empty()) descriptions.push_back(std::move(text));
    }
    const std::string due_path =
        absl::StrCat(block, "/ram:DueDateDateTime/udt:DateTimeString");
    if (paths.due_date.empty()) paths.due_date = due_path;
    RELANCE_ASSIGN_OR_RETURN(std::optional<Date> due,
                             reader.CiiDate("BT-9", due_path));
    RELANCE_ASSIGN_OR_RETURN(
        std::optional<Money> partial,
        reader.Amount("BT-9 (partial payment amount)",
                      absl::StrCat(block, "/ram:PartialPaymentAmount"),
                      invoice.currency));
    if (due) {
      invoice.due_dates.push_back(EInvoiceDue{*due, partial});
      paths.due_date_each.push_back(due_path);
    }

    const std::string discount_path =
        absl::StrCat(block, "/ram:ApplicableTradePaymentDiscountTerms");
    const size_t discount_count = document.Nodes(discount_path).size();
    for (size_t d = 0; d < discount_count; ++d) {
      const std::string discount = absl::StrCat(discount_path, "[", d + 1, "]");
      const std::string percent_path =
          absl::StrCat(discount, "/ram:CalculationPercent");
      const std::string days_path =
          absl::StrCat(discount, "/ram:BasisPeriodMeasure");
      const std::string percent_text = reader.Text(percent_path);
      const std::string days_text = reader.Text(days_path);
      if (percent_text.empty() || days_text.empty()) continue;
      absl::StatusOr<Rate> percent =
          Rate::ParsePercent(absl::StrCat(percent_text, "%"));
      if (!percent.ok()) {
        return reader.Error("discount percent", percent_path,
                            std::string(percent.status().message()));
      }
      const std::string unit =
          reader.Text(absl::StrCat(days_path, "/@unitCode"));
      absl::StatusOr<DateFormula> within =
          DateFormula::Parse(absl::StrCat(days_text, "D"));
      if ((unit != "DAY" && !unit.empty()) || !within.ok()) {
        return reader.Error("discount period", days_path,
                            absl::StrCat("\"", days_text, "\" unit \"", unit,
                                         "\": expected a number of days "
                                         "(unitCode DAY)"));
      }
      EInvoiceDiscount result{.percent = *percent, .within = *within};
      RELANCE_ASSIGN_OR_RETURN(
          result.basis_amount,
          reader.Amount("discount basis",
                        absl::StrCat(discount, "/ram:BasisAmount"),
                        invoice.currency));
      RELANCE_ASSIGN_OR_RETURN(
          result.amount,
          reader.Amount("discount amount",
                        absl::StrCat(discount, "/ram:ActualDiscountAmount"),
                        invoice.currency));
      invoice.discounts.push_back(result);
      invoice.discount_source = DiscountSource::kStructured;
    }
  }
  if (paths.due_date.empty()) {
    paths.due_date =
        absl::StrCat(terms_path, "/ram:DueDateDateTime/udt:DateTimeString");
  }
  invoice.payment_terms = absl::StrJoin(descriptions, "\n");
  ReadDiscountsFromTerms(invoice);

  invoice.seller =
      ReadParty(reader, absl::StrCat(kAgreement, "/ram:SellerTradeParty"));
  invoice.buyer =
      ReadParty(reader, absl::StrCat(kAgreement, "/ram:BuyerTradeParty"));
  if (invoice.seller.name.empty()) {
    return reader.Error(
        "BT-27", absl::StrCat(kAgreement, "/ram:SellerTradeParty/ram:Name"),
        "missing (mandatory)");
  }
  if (invoice.buyer.name.empty()) {
    return reader.Error(
        "BT-44", absl::StrCat(kAgreement, "/ram:BuyerTradeParty/ram:Name"),
        "missing (mandatory)");
  }
  const std::string payee = absl::StrCat(kSettlement, "/ram:PayeeTradeParty");
  if (!document.Nodes(payee).empty()) invoice.payee = ReadParty(reader, payee);

  const std::string means =
      absl::StrCat(kSettlement, "/ram:SpecifiedTradeSettlementPaymentMeans");
  invoice.payment_means_code =
      reader.Text(absl::StrCat(means, "/ram:TypeCode"));
  for (xmlNodePtr iban : document.Nodes(absl::StrCat(
           means, "/ram:PayeePartyCreditorFinancialAccount/ram:IBANID"))) {
    AddIban(invoice, XmlDocument::Content(iban));
  }
  invoice.remittance_reference =
      reader.Text(absl::StrCat(kSettlement, "/ram:PaymentReference"));

  // BT-8 sits on each VAT breakdown line (BG-23); the first one given.
  invoice.vat_date_code = reader.Text(
      absl::StrCat(kSettlement, "/ram:ApplicableTradeTax/ram:DueDateTypeCode"));
  invoice.vat_on_receipt = invoice.vat_date_code == "72";
  RELANCE_ASSIGN_OR_RETURN(
      invoice.vat_breakdown,
      ReadVatBreakdown(
          reader,
          {.lines = absl::StrCat(kSettlement, "/ram:ApplicableTradeTax"),
           .taxable = "/ram:BasisAmount",
           .vat = "/ram:CalculatedAmount",
           .percent = "/ram:RateApplicablePercent",
           .category = "/ram:CategoryCode"},
          invoice.currency));

  const std::string reference =
      absl::StrCat(kSettlement, "/ram:InvoiceReferencedDocument");
  const size_t reference_count = document.Nodes(reference).size();
  for (size_t i = 0; i < reference_count; ++i) {
    const std::string block = absl::StrCat(reference, "[", i + 1, "]");
    EInvoiceReference preceding;
    RELANCE_ASSIGN_OR_RETURN(
        preceding.number,
        reader.Required("BT-25", absl::StrCat(block, "/ram:IssuerAssignedID")));
    RELANCE_ASSIGN_OR_RETURN(
        preceding.issue_date,
        reader.CiiDate("BT-26", absl::StrCat(block,
                                             "/ram:FormattedIssueDateTime/"
                                             "qdt:DateTimeString")));
    invoice.preceding_invoices.push_back(std::move(preceding));
  }

  RELANCE_RETURN_IF_ERROR(CheckEInvoice(invoice, reader, paths));
  return invoice;
}

}  // namespace relance::internal
