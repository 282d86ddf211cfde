#include "relance/einvoice_file.hpp"

#include <string>
#include <utility>

#include "einvoice_xml.hpp"
#include "relance/einvoice_pdf.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {

std::string_view ToString(EInvoiceFileKind kind) {
  switch (kind) {
    case EInvoiceFileKind::kInvoiceXml:
      return "invoice_xml";
    case EInvoiceFileKind::kInvoicePdf:
      return "invoice_pdf";
    case EInvoiceFileKind::kStatuses:
      return "statuses";
  }
  return "invoice_xml";
}

absl::StatusOr<EInvoiceFile> ReadEInvoiceFile(std::string_view bytes,
                                              std::string_view name) {
  EInvoiceFile file;
  // ReadEInvoicePdf's own test of what a PDF is.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) {
    file.kind = EInvoiceFileKind::kInvoicePdf;
    RELANCE_ASSIGN_OR_RETURN(file.invoice, ReadEInvoicePdf(bytes, name));
    return file;
  }
  // The root decides the reader; the document is parsed again by it (a
  // file is at most kMaxEInvoiceBytes, and each reader owns its document).
  RELANCE_ASSIGN_OR_RETURN(internal::XmlDocument document,
                           internal::XmlDocument::Parse(bytes, name));
  if (document.RootNamespace() == kCdarNamespace &&
      document.RootName() == "CrossDomainAcknowledgementAndResponse") {
    file.kind = EInvoiceFileKind::kStatuses;
    RELANCE_ASSIGN_OR_RETURN(file.statuses, ReadEInvoiceStatuses(bytes, name));
    return file;
  }
  file.kind = EInvoiceFileKind::kInvoiceXml;
  RELANCE_ASSIGN_OR_RETURN(file.invoice, ReadEInvoice(bytes, name));
  return file;
}

}  // namespace relance
