// ReadEInvoice: the document parsed, its syntax told by its root element,
// and the reader of that syntax (einvoice_cii.cpp, einvoice_ubl.cpp).
#include "relance/einvoice.hpp"

#include <string>

#include "absl/strings/str_cat.h"
#include "einvoice_reader.hpp"
#include "einvoice_xml.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {

std::string_view ToString(EInvoiceSyntax syntax) {
  switch (syntax) {
    case EInvoiceSyntax::kCii:
      return "cii";
    case EInvoiceSyntax::kUblInvoice:
      return "ubl_invoice";
    case EInvoiceSyntax::kUblCreditNote:
      return "ubl_credit_note";
  }
  return "?";
}

std::string_view ToString(EInvoiceProfile profile) {
  switch (profile) {
    case EInvoiceProfile::kEn16931:
      return "en16931";
    case EInvoiceProfile::kMinimum:
      return "minimum";
    case EInvoiceProfile::kBasicWl:
      return "basic_wl";
    case EInvoiceProfile::kBasic:
      return "basic";
    case EInvoiceProfile::kExtended:
      return "extended";
    case EInvoiceProfile::kExtendedCtcFr:
      return "extended_ctc_fr";
    case EInvoiceProfile::kXRechnung:
      return "xrechnung";
    case EInvoiceProfile::kPeppolBis:
      return "peppol_bis";
    case EInvoiceProfile::kOther:
      return "other";
  }
  return "?";
}

std::string_view ToString(EInvoiceType type) {
  switch (type) {
    case EInvoiceType::kInvoice:
      return "invoice";
    case EInvoiceType::kCreditNote:
      return "credit_note";
    case EInvoiceType::kCorrective:
      return "corrective";
    case EInvoiceType::kPrepayment:
      return "prepayment";
  }
  return "?";
}

std::string_view ToString(DiscountSource source) {
  switch (source) {
    case DiscountSource::kNone:
      return "none";
    case DiscountSource::kStructured:
      return "structured";
    case DiscountSource::kSkonto:
      return "skonto";
    case DiscountSource::kTermsText:
      return "terms_text";
    case DiscountSource::kNotUnderstood:
      return "not_understood";
  }
  return "?";
}

absl::StatusOr<EInvoice> ReadEInvoice(std::string_view xml,
                                      std::string_view name) {
  RELANCE_ASSIGN_OR_RETURN(internal::XmlDocument document,
                           internal::XmlDocument::Parse(xml, name));
  const internal::TermReader reader(document, name);
  const std::string uri = document.RootNamespace();
  const std::string root = document.RootName();
  absl::StatusOr<EInvoice> invoice;
  if (uri == internal::kCiiNamespace && root == "CrossIndustryInvoice") {
    invoice = internal::ReadCii(reader);
  } else if (uri == internal::kUblInvoiceNamespace && root == "Invoice") {
    invoice = internal::ReadUbl(reader, /*credit_note=*/false);
  } else if (uri == internal::kUblCreditNoteNamespace && root == "CreditNote") {
    invoice = internal::ReadUbl(reader, /*credit_note=*/true);
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        std::string(name), ": the root element {", uri, "}", root,
        " is neither a CII invoice ({", std::string(internal::kCiiNamespace),
        "}CrossIndustryInvoice) nor a UBL 2.1 Invoice or CreditNote ({",
        std::string(internal::kUblInvoiceNamespace), "}Invoice, {",
        std::string(internal::kUblCreditNoteNamespace), "}CreditNote)"));
  }
  if (invoice.ok()) invoice->source_name = std::string(name);
  return invoice;
}

}  // namespace relance
