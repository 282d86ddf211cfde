// relance/einvoice_pdf.hpp
// -----------------------------------------------------------------------------
// E-invoices in a PDF: the EN 16931 XML a Factur-X / ZUGFeRD PDF carries as
// an attachment, found whatever its name and read with ReadEInvoice
// (relance/einvoice.hpp).
//
// A Factur-X (France) or ZUGFeRD 2 (Germany) invoice is a PDF/A-3 whose
// human-readable pages are doubled by a CII XML file embedded in it. The
// standard names that file `factur-x.xml` (Factur-X 1.0, ZUGFeRD 2.1 and
// later), older generators `zugferd-invoice.xml` (ZUGFeRD 2.0) or
// `ZUGFeRD-invoice.xml` (ZUGFeRD 1.0), and XRechnung-in-ZUGFeRD
// `xrechnung.xml`; real files carry other names too. relance looks at every
// embedded file:
//   where     the document's /Names /EmbeddedFiles name tree and the
//             catalog's /AF (associated files) array; a file listed in both
//             is read once
//   which     an attachment is XML when its name ends in ".xml" (any case),
//             its MIME subtype is XML (text/xml, application/xml, ...+xml),
//             or its content starts with '<' (after a byte order mark and
//             white space)
//   order     the Factur-X names above first (in that order, any case), then
//             files the catalog's /AF declares with /AFRelationship Data,
//             Alternative or Source, then the others in document order
// Each XML attachment is read with ReadEInvoice under the name
// "<name>#<attachment>" (e.g. "invoice.pdf#factur-x.xml"), so every message
// about its content names both. The first that reads is the result. An
// attachment that is *declared* to be the invoice data (a Factur-X name, or
// /AF with one of the three relationships) and fails to read is an error,
// even when another reads: relance does not fall back on another file. Any
// other XML (an order, a delivery note) that fails is ignored when an
// invoice was found. When several read, they must agree on what a collector
// uses (BT-1 number, BT-3 type, BT-2 issue date, BT-5 currency, BT-112 total
// with VAT, BT-115 amount due, BT-9 due dates), or it is an error.
//
// PDF parsing is Debian's libqpdf (11.3), an optional build feature
// (CMake option RELANCE_WITH_PDF, on by default; docs/decisions.md "libqpdf
// for Factur-X"). A damaged cross-reference table is recovered as qpdf does
// (common in real files, and the XML read is checked anyway); a stream that
// cannot be decoded is an error. Encrypted PDFs are refused (PDF/A, and so
// Factur-X, forbids encryption). qpdf's warnings are never printed, and no
// exception leaves relance.
//
// Example:
//
//   absl::StatusOr<EInvoice> invoice = ReadEInvoicePdf(pdf, "invoice.pdf");
//   if (!invoice.ok()) return invoice.status();
//   // invoice->source_name == "invoice.pdf#factur-x.xml"
#ifndef RELANCE_EINVOICE_PDF_HPP_
#define RELANCE_EINVOICE_PDF_HPP_

#include <cstddef>
#include <string_view>

#include "absl/status/statusor.h"
#include "relance/einvoice.hpp"
#include "relance/export.hpp"

namespace relance {

// The largest PDF ReadEInvoicePdf reads (its pages may hold scans).
inline constexpr size_t kMaxEInvoicePdfBytes = size_t{64} << 20;  // 64 MiB
// Each attachment is decoded to at most kMaxEInvoiceBytes (16 MiB, the XML
// reader's own limit): a compressed "bomb" stops there.

// True when relance was built with PDF support (RELANCE_WITH_PDF=ON).
[[nodiscard]] RELANCE_API bool EInvoicePdfSupported();

// Reads the EN 16931 invoice embedded in a Factur-X / ZUGFeRD PDF (see the
// banner for which attachment). `name` names the PDF in messages (a file
// name); the invoice's source_name is "<name>#<attachment name>".
//
// Errors (every message starts with `name`):
//   - kUnimplemented: relance was built without PDF support
//     (RELANCE_WITH_PDF=OFF);
//   - kInvalidArgument:
//     - empty, or larger than kMaxEInvoicePdfBytes;
//     - not a PDF (no "%PDF-" header in the first 1024 bytes);
//     - a PDF qpdf cannot read (`<name>: damaged PDF: ...`), or encrypted;
//     - no XML attachment (`invoice.pdf: no embedded e-invoice XML
//       (attachments: logo.png)`);
//     - an XML attachment that cannot be decoded, larger than
//       kMaxEInvoiceBytes once decoded, or that ReadEInvoice refuses (its
//       message, starting `<name>#<attachment>: `);
//     - two invoices that disagree (naming both attachments and the term);
//   - kResourceExhausted: memory ran out while qpdf read the PDF.
// Thread-safe: each call parses its own document.
[[nodiscard]] RELANCE_API absl::StatusOr<EInvoice> ReadEInvoicePdf(
    std::string_view pdf_bytes, std::string_view name);

}  // namespace relance

#endif  // RELANCE_EINVOICE_PDF_HPP_
