// ReadEInvoicePdf with libqpdf (built when RELANCE_WITH_PDF is ON; else
// einvoice_pdf_disabled.cpp): the PDF's embedded files listed from the
// /EmbeddedFiles name tree and the catalog's /AF array, each XML one read
// with ReadEInvoice, in the order relance/einvoice_pdf.hpp documents.
//
// qpdf reports errors by throwing (QPDFExc, std::logic_error, std::bad_alloc
// ...): everything that calls it runs inside one try block that catches all.
#include "relance/einvoice_pdf.hpp"

// qpdf 11: no PointerHolder in relance (std::shared_ptr throughout).
#define POINTERHOLDER_TRANSITION 4
#include <algorithm>
#include <array>
#include <cstddef>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "relance/date.hpp"
#include "relance/einvoice.hpp"

namespace relance {

bool EInvoicePdfSupported() { return true; }

namespace {

// The names of the Factur-X / ZUGFeRD XML, most preferred first, compared
// in lower case (ZUGFeRD 1.0's "ZUGFeRD-invoice.xml" is the second).
constexpr std::array<std::string_view, 3> kFacturXNames = {
    "factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"};
// The /AFRelationship values that declare the invoice data (Factur-X 1.0).
constexpr std::array<std::string_view, 3> kDataRelationships = {
    "/Data", "/Alternative", "/Source"};
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

// A qpdf pipeline that keeps at most `cap` bytes and throws past them (qpdf
// turns the exception into a failed pipeStreamData; `overflowed` says why).
class CappedSink final : public Pipeline {
 public:
  explicit CappedSink(size_t cap)
      : Pipeline("relance sink", nullptr), cap_(cap) {}
  void write(unsigned char const* data, size_t len) override {
    if (len > cap_ - bytes_.size()) {
      bytes_.append(reinterpret_cast<const char*>(data), cap_ - bytes_.size());
      overflowed_ = true;
      throw std::length_error("relance: attachment over the limit");
    }
    bytes_.append(reinterpret_cast<const char*>(data), len);
  }
  void finish() override {}
  const std::string& bytes() const { return bytes_; }
  bool overflowed() const { return overflowed_; }

 private:
  size_t cap_;
  std::string bytes_;
  bool overflowed_ = false;
};

struct Decoded {
  std::string bytes;
  bool complete = false;    // decoded to the end, within the cap
  bool overflowed = false;  // more than the cap
};

// Decodes an embedded file stream (the filters relance trusts to be
// lossless: qpdf_dl_specialized, never DCT), keeping at most `cap` bytes.
Decoded Decode(QPDFObjectHandle stream, size_t cap) {
  CappedSink sink(cap);
  bool filtering_attempted = false;
  const bool ok =
      stream.pipeStreamData(&sink, &filtering_attempted, 0, qpdf_dl_specialized,
                            /*suppress_warnings=*/true);
  // Data with a filter qpdf does not decode comes out raw: not complete.
  QPDFObjectHandle filter = stream.getDict().getKey("/Filter");
  const bool has_filter =
      !filter.isNull() && !(filter.isArray() && filter.getArrayNItems() == 0);
  Decoded decoded;
  decoded.overflowed = sink.overflowed();
  decoded.complete =
      ok && !decoded.overflowed && (filtering_attempted || !has_filter);
  decoded.bytes = sink.bytes();
  return decoded;
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

// One embedded file.
struct Attachment {
  std::string name;         // the file spec's /UF, /F ... or its name-tree key
  QPDFObjectHandle stream;  // the embedded file stream (null: none)
  int rank = 2;             // 0 a Factur-X name, 1 declared in /AF, 2 other
  size_t factur_x_index = 0;  // within rank 0
  bool declared = false;      // rank 0 or 1: its failure is an error
  size_t order = 0;           // document order
};

void AddAttachment(QPDFFileSpecObjectHelper file_spec, std::string key,
                   bool in_af, std::vector<Attachment>& attachments) {
  Attachment attachment;
  attachment.name = file_spec.getFilename();
  if (attachment.name.empty()) attachment.name = std::move(key);
  attachment.stream = file_spec.getEmbeddedFileStream();
  if (!attachment.stream.isStream()) {
    attachment.stream = QPDFObjectHandle::newNull();
  }
  if (in_af) {
    QPDFObjectHandle relationship =
        file_spec.getObjectHandle().getKey("/AFRelationship");
    if (relationship.isName() &&
        std::find(kDataRelationships.begin(), kDataRelationships.end(),
                  relationship.getName()) != kDataRelationships.end()) {
      attachment.rank = 1;
      attachment.declared = true;
    }
  }
  const std::string lower = absl::AsciiStrToLower(attachment.name);
  for (size_t i = 0; i < kFacturXNames.size(); ++i) {
    if (lower == kFacturXNames[i]) {
      attachment.rank = 0;
      attachment.factur_x_index = i;
      attachment.declared = true;
    }
  }
  // A stream listed twice (the name tree and /AF) is one attachment, with
  // the better rank of the two.
  if (attachment.stream.isStream()) {
    for (Attachment& other : attachments) {
      if (other.stream.isStream() &&
          other.stream.getObjGen() == attachment.stream.getObjGen()) {
        if (attachment.rank < other.rank) {
          other.rank = attachment.rank;
          other.factur_x_index = attachment.factur_x_index;
        }
        other.declared = other.declared || attachment.declared;
        return;
      }
    }
  }
  attachment.order = attachments.size();
  attachments.push_back(std::move(attachment));
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

// The work, all of it inside ReadEInvoicePdf's try block.
absl::StatusOr<EInvoice> ReadWithQpdf(std::string_view pdf_bytes,
                                      std::string_view name) {
  QPDF pdf;
  pdf.setSuppressWarnings(true);
  try {
    pdf.processMemoryFile(std::string(name).c_str(), pdf_bytes.data(),
                          pdf_bytes.size());
  } catch (const QPDFExc& error) {
    if (error.getErrorCode() == qpdf_e_password) {
      return Invalid(name,
                     "encrypted PDF (refused: Factur-X is PDF/A-3, which "
                     "forbids encryption)");
    }
    return Invalid(name, absl::StrCat("damaged PDF: ",
                                      Printable(error.getMessageDetail())));
  }
  if (pdf.isEncrypted()) {
    return Invalid(name,
                   "encrypted PDF (refused: Factur-X is PDF/A-3, which "
                   "forbids encryption)");
  }

  std::vector<Attachment> attachments;
  QPDFEmbeddedFileDocumentHelper embedded(pdf);
  for (auto& [key, file_spec] : embedded.getEmbeddedFiles()) {
    AddAttachment(*file_spec, key, /*in_af=*/false, attachments);
  }
  QPDFObjectHandle af = pdf.getRoot().getKey("/AF");
  if (af.isArray()) {
    for (QPDFObjectHandle item : af.aitems()) {
      if (!item.isDictionary()) continue;
      AddAttachment(QPDFFileSpecObjectHelper(item), "", /*in_af=*/true,
                    attachments);
    }
  }
  std::stable_sort(attachments.begin(), attachments.end(),
                   [](const Attachment& a, const Attachment& b) {
                     if (a.rank != b.rank) return a.rank < b.rank;
                     if (a.rank == 0)
                       return a.factur_x_index < b.factur_x_index;
                     return a.order < b.order;
                   });

  std::optional<EInvoice> found;
  std::string found_attachment;
  std::optional<absl::Status> first_error;
  for (Attachment& attachment : attachments) {
    if (!attachment.stream.isStream()) continue;
    const std::string attachment_name = Printable(attachment.name);
    const std::string source =
        absl::StrCat(std::string(name), "#", attachment_name);
    // A Factur-X name is always read; others when they look like XML.
    bool xml = attachment.rank == 0 || HasXmlName(attachment.name);
    if (!xml) {
      QPDFEFStreamObjectHelper helper(attachment.stream);
      xml = IsXmlSubtype(helper.getSubtype());
    }
    if (!xml) {
      xml = LooksLikeXml(Decode(attachment.stream, kSniffBytes).bytes);
    }
    if (!xml) continue;
    const Decoded decoded = Decode(attachment.stream, kMaxEInvoiceBytes);
    absl::StatusOr<EInvoice> invoice;
    if (decoded.overflowed) {
      invoice = Invalid(source, absl::StrCat("larger than ", kMaxEInvoiceBytes,
                                             " bytes once decoded"));
    } else if (!decoded.complete) {
      invoice = Invalid(source,
                        "its data cannot be decoded (damaged PDF, or a "
                        "filter relance does not decode)");
    } else {
      invoice = ReadEInvoice(decoded.bytes, source);
    }
    if (!invoice.ok()) {
      if (attachment.declared) return invoice.status();
      if (!first_error) first_error = invoice.status();
      continue;
    }
    if (!found) {
      found = std::move(*invoice);
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
  for (const Attachment& attachment : attachments) {
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
  try {
    return ReadWithQpdf(pdf_bytes, name);
  } catch (const QPDFExc& error) {
    return Invalid(name, absl::StrCat("damaged PDF: ",
                                      Printable(error.getMessageDetail())));
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(
        absl::StrCat(std::string(name), ": out of memory reading the PDF"));
  } catch (const std::exception& error) {
    return Invalid(name,
                   absl::StrCat("damaged PDF: ", Printable(error.what())));
  } catch (...) {
    return Invalid(name, "damaged PDF (qpdf failed)");
  }
}

}  // namespace relance
