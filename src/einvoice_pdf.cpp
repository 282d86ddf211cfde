// ReadEInvoicePdf (built when RELANCE_WITH_PDF is ON; else
// einvoice_pdf_disabled.cpp): the PDF's embedded files, listed by
// pdf_attachments.cpp through libqpdf, are ranked and each XML one is read
// with ReadEInvoice, in the order relance/einvoice_pdf.hpp documents.
#include "relance/einvoice_pdf.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "pdf_attachments.hpp"
#include "relance/date.hpp"
#include "relance/einvoice.hpp"

namespace relance {

bool EInvoicePdfSupported() { return true; }

namespace {

using internal::PdfAttachment;
using internal::PdfAttachments;

// The names of the Factur-X / ZUGFeRD XML, most preferred first, compared
// in lower case (ZUGFeRD 1.0's "ZUGFeRD-invoice.xml" is the second).
constexpr std::array<std::string_view, 3> kFacturXNames = {
    "factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"};
// The /AFRelationship values that declare the invoice data (Factur-X 1.0).
constexpr std::array<std::string_view, 3> kDataRelationships = {
    "Data", "Alternative", "Source"};
// How many bytes are decoded to tell whether an attachment is XML.
constexpr size_t kSniffBytes = 64;
// How many attachment names an error message lists.
constexpr size_t kListedNames = 10;

// A name fit for a one-line message: control characters become '?'.
std::string Printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') c = '?';
  }
  return out;
}

bool LooksLikeXml(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (bytes.starts_with("\xFE\xFF") || bytes.starts_with("\xFF\xFE")) {
    return true;  // UTF-16: libxml2 tells
  }
  while (!bytes.empty() &&
         absl::ascii_isspace(static_cast<unsigned char>(bytes.front()))) {
    bytes.remove_prefix(1);
  }
  return bytes.starts_with("<");
}

bool HasXmlName(std::string_view name) {
  return name.size() >= 4 &&
         absl::AsciiStrToLower(std::string(name.substr(name.size() - 4))) ==
             ".xml";
}

bool IsXmlSubtype(std::string subtype) {
  subtype = absl::AsciiStrToLower(subtype);
  return subtype == "text/xml" || subtype == "application/xml" ||
         (subtype.size() > 4 && subtype.ends_with("+xml"));
}

// The index of a Factur-X name in kFacturXNames, or nullopt.
std::optional<size_t> FacturXIndex(const std::string& name) {
  const std::string lower = absl::AsciiStrToLower(name);
  for (size_t i = 0; i < kFacturXNames.size(); ++i) {
    if (lower == kFacturXNames[i]) return i;
  }
  return std::nullopt;
}

// Declared in /AF as the invoice data.
bool DeclaredInAf(const PdfAttachment& attachment) {
  return attachment.in_af &&
         std::find(kDataRelationships.begin(), kDataRelationships.end(),
                   attachment.relationship) != kDataRelationships.end();
}

// Whether an attachment is read as XML (decoded in full).
bool IsXml(const PdfAttachment& attachment) {
  return FacturXIndex(attachment.name).has_value() ||
         HasXmlName(attachment.name) || IsXmlSubtype(attachment.subtype) ||
         LooksLikeXml(attachment.bytes);
}

// Sort key: Factur-X names first (in kFacturXNames order), then /AF data,
// then the others (document order, kept by a stable sort).
size_t Rank(const PdfAttachment& attachment) {
  if (std::optional<size_t> index = FacturXIndex(attachment.name)) {
    return *index;
  }
  return DeclaredInAf(attachment) ? kFacturXNames.size()
                                  : kFacturXNames.size() + 1;
}

// What two invoices read from one PDF must agree on; empty when they do,
// else the first term that differs, with both values.
std::string Disagreement(const EInvoice& a, const EInvoice& b) {
  if (a.number != b.number) {
    return absl::StrCat("BT-1 ", a.number, " and ", b.number);
  }
  if (a.type_code != b.type_code) {
    return absl::StrCat("BT-3 ", a.type_code, " and ", b.type_code);
  }
  if (a.issue_date != b.issue_date) {
    return absl::StrCat("BT-2 ", FormatDate(a.issue_date), " and ",
                        FormatDate(b.issue_date));
  }
  if (a.currency != b.currency) {
    return absl::StrCat("BT-5 ", std::string(a.currency.code()), " and ",
                        std::string(b.currency.code()));
  }
  if (a.total_with_vat != b.total_with_vat) {
    return absl::StrCat("BT-112 ", a.total_with_vat.ToString(), " and ",
                        b.total_with_vat.ToString());
  }
  if (a.amount_due != b.amount_due) {
    return absl::StrCat("BT-115 ", a.amount_due.ToString(), " and ",
                        b.amount_due.ToString());
  }
  if (a.due_dates != b.due_dates) return "BT-9";
  return "";
}

absl::Status Invalid(std::string_view name, std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(std::string(name), ": ", std::string(what)));
}

absl::StatusOr<EInvoice> Choose(std::vector<PdfAttachment> attachments,
                                std::string_view name) {
  std::stable_sort(attachments.begin(), attachments.end(),
                   [](const PdfAttachment& a, const PdfAttachment& b) {
                     return Rank(a) < Rank(b);
                   });
  std::optional<EInvoice> found;
  std::string found_attachment;
  std::optional<absl::Status> first_error;
  for (const PdfAttachment& attachment : attachments) {
    if (!attachment.has_stream || !IsXml(attachment)) continue;
    const std::string attachment_name = Printable(attachment.name);
    const std::string source =
        absl::StrCat(std::string(name), "#", attachment_name);
    absl::StatusOr<EInvoice> invoice;
    if (attachment.overflowed) {
      invoice = Invalid(source, absl::StrCat("larger than ", kMaxEInvoiceBytes,
                                             " bytes once decoded"));
    } else if (!attachment.complete) {
      invoice = Invalid(source,
                        "its data cannot be decoded (damaged PDF, or a "
                        "filter relance does not decode)");
    } else {
      invoice = ReadEInvoice(attachment.bytes, source);
    }
    if (!invoice.ok()) {
      // A file the PDF declares as its invoice: no fall-back on another.
      if (Rank(attachment) <= kFacturXNames.size()) return invoice.status();
      if (!first_error) first_error = invoice.status();
      continue;
    }
    if (!found) {
      found = *std::move(invoice);
      found_attachment = attachment_name;
      continue;
    }
    const std::string difference = Disagreement(*found, *invoice);
    if (!difference.empty()) {
      return Invalid(
          name,
          absl::StrCat("the embedded e-invoices ", found_attachment, " and ",
                       attachment_name, " disagree: ", difference));
    }
  }
  if (found) return *std::move(found);
  if (first_error) return *first_error;

  std::vector<std::string> names;
  for (const PdfAttachment& attachment : attachments) {
    if (names.size() == kListedNames) {
      names.push_back(
          absl::StrCat("and ", attachments.size() - kListedNames, " more"));
      break;
    }
    names.push_back(Printable(attachment.name));
  }
  return Invalid(name, names.empty()
                           ? "no embedded e-invoice XML (no attachments)"
                           : absl::StrCat("no embedded e-invoice XML "
                                          "(attachments: ",
                                          absl::StrJoin(names, ", "), ")"));
}

}  // namespace

absl::StatusOr<EInvoice> ReadEInvoicePdf(std::string_view pdf_bytes,
                                         std::string_view name) {
  if (pdf_bytes.empty()) return Invalid(name, "empty input, not a PDF");
  if (pdf_bytes.size() > kMaxEInvoicePdfBytes) {
    return Invalid(name, absl::StrCat("larger than ", kMaxEInvoicePdfBytes,
                                      " bytes (", pdf_bytes.size(), ")"));
  }
  if (pdf_bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos) {
    return Invalid(name, "not a PDF (no %PDF- header in its first 1024 bytes)");
  }
  PdfAttachments pdf = internal::ReadPdfAttachments(
      pdf_bytes, std::string(name), kSniffBytes, kMaxEInvoiceBytes,
      [](const PdfAttachment& attachment) { return IsXml(attachment); });
  switch (pdf.outcome) {
    case PdfAttachments::Outcome::kOk:
      break;
    case PdfAttachments::Outcome::kEncrypted:
      return Invalid(name,
                     "encrypted PDF (refused: Factur-X is PDF/A-3, which "
                     "forbids encryption)");
    case PdfAttachments::Outcome::kDamaged:
      return Invalid(name,
                     absl::StrCat("damaged PDF: ", Printable(pdf.detail)));
    case PdfAttachments::Outcome::kOutOfMemory:
      return absl::ResourceExhaustedError(
          absl::StrCat(std::string(name), ": out of memory reading the PDF"));
  }
  return Choose(std::move(pdf.attachments), name);
}

}  // namespace relance
