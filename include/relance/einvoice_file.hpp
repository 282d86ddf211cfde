// relance/einvoice_file.hpp
// -----------------------------------------------------------------------------
// One e-invoice file, whatever it holds: an EN 16931 invoice or credit note
// in XML (CII or UBL 2.1), a Factur-X / ZUGFeRD PDF carrying one, or a French
// lifecycle message (CDAR) with one or several statuses. The command line
// (`relance einvoice show`, `relance import einvoice|statuses`), the C ABI
// and Python read files through this one function, so that each surface
// accepts the same files and refuses them with the same message.
//
// What the file is, from its bytes (never from its name):
//   PDF       "%PDF-" in its first 1024 bytes: ReadEInvoicePdf
//   CDAR      an XML document whose root element is
//             {kCdarNamespace}CrossDomainAcknowledgementAndResponse:
//             ReadEInvoiceStatuses
//   invoice   any other XML document: ReadEInvoice (which names the root it
//             does not know)
//
// Example:
//
//   absl::StatusOr<EInvoiceFile> file = ReadEInvoiceFile(bytes, "F1.pdf");
//   if (!file.ok()) return file.status();  // names the file, BT, XPath
//   if (file->invoice) { ... } else { ... file->statuses ... }
#ifndef RELANCE_EINVOICE_FILE_HPP_
#define RELANCE_EINVOICE_FILE_HPP_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "relance/einvoice.hpp"
#include "relance/einvoice_status.hpp"
#include "relance/export.hpp"

namespace relance {

// What a file held.
enum class EInvoiceFileKind {
  kInvoiceXml,  // an EN 16931 invoice or credit note, CII or UBL
  kInvoicePdf,  // a Factur-X / ZUGFeRD PDF and its embedded invoice
  kStatuses,    // a CDAR lifecycle message
};
// "invoice_xml", "invoice_pdf", "statuses".
[[nodiscard]] RELANCE_API std::string_view ToString(EInvoiceFileKind kind);

// One file read: `invoice` for kInvoiceXml and kInvoicePdf, `statuses` for
// kStatuses (the other is std::nullopt).
struct RELANCE_API EInvoiceFile {
  EInvoiceFileKind kind = EInvoiceFileKind::kInvoiceXml;
  std::optional<EInvoice> invoice = {};
  std::optional<EInvoiceStatusMessage> statuses = {};
  friend bool operator==(const EInvoiceFile&, const EInvoiceFile&) = default;
};

// Reads one file of `bytes`, named `name` in messages (see the banner for
// how its kind is found).
// Errors: those of ReadEInvoicePdf (kUnimplemented when relance was built
// without PDF support), ReadEInvoiceStatuses and ReadEInvoice, every message
// starting with `name`.
// Thread-safe.
[[nodiscard]] RELANCE_API absl::StatusOr<EInvoiceFile> ReadEInvoiceFile(
    std::string_view bytes, std::string_view name);

}  // namespace relance

#endif  // RELANCE_EINVOICE_FILE_HPP_
