// src/pdf_attachments.hpp (private to the library, not installed)
// -----------------------------------------------------------------------------
// The embedded files of a PDF, through libqpdf: what ReadEInvoicePdf
// (einvoice_pdf.cpp) chooses from.
//
// This header and pdf_attachments.cpp are C++17: qpdf 11.3's headers
// (JSON.hh, included by QPDFObjectHandle.hh, holds a std::vector of its
// own incomplete type) do not compile as C++20 with clang 14 and
// libstdc++ 12, so the one file that includes them is compiled as C++17
// (CMakeLists.txt), and nothing of qpdf crosses this interface.
#ifndef RELANCE_SRC_PDF_ATTACHMENTS_HPP_
#define RELANCE_SRC_PDF_ATTACHMENTS_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace relance::internal {

// One embedded file.
struct PdfAttachment {
  std::string name;          // the file spec's /UF, /F ... or its name-tree key
  bool in_af = false;        // listed in the catalog's /AF
  std::string relationship;  // its /AFRelationship ("Data"), when in /AF
  std::string subtype;       // its MIME type ("text/xml"), when given
  bool has_stream = false;   // false: a file spec with no embedded file
  // The decoded content: the first `sniff` bytes, or all of it (up to
  // `cap`) when Decode asked. `complete`: decoded to its end, within the
  // cap, through filters qpdf decodes losslessly; `overflowed`: over the cap.
  std::string bytes;
  bool complete = false;
  bool overflowed = false;
};

struct PdfAttachments {
  enum class Outcome { kOk, kEncrypted, kDamaged, kOutOfMemory };
  Outcome outcome = Outcome::kOk;
  std::string detail;  // qpdf's message for kDamaged
  // The name tree's files (in key order), then /AF's not already listed; a
  // stream listed in both appears once (in_af set).
  std::vector<PdfAttachment> attachments;
};

// Opens `pdf` (named `name` in qpdf's messages, which are never printed) and
// lists its embedded files, each with its first `sniff` bytes decoded, and
// fully decoded (up to `cap` bytes) when `decode_fully(attachment)` says so.
// Never throws: qpdf's exceptions become kDamaged (kOutOfMemory for
// std::bad_alloc).
template <typename DecideFn>
PdfAttachments ReadPdfAttachments(std::string_view pdf, const std::string& name,
                                  std::size_t sniff, std::size_t cap,
                                  DecideFn decode_fully);

// The non-template form the template calls; `decide` gets each attachment
// after its sniff and returns whether to decode it fully.
PdfAttachments ReadPdfAttachmentsWith(
    std::string_view pdf, const std::string& name, std::size_t sniff,
    std::size_t cap, bool (*decide)(const PdfAttachment&, void*),
    void* context);

template <typename DecideFn>
PdfAttachments ReadPdfAttachments(std::string_view pdf, const std::string& name,
                                  std::size_t sniff, std::size_t cap,
                                  DecideFn decode_fully) {
  return ReadPdfAttachmentsWith(
      pdf, name, sniff, cap,
      [](const PdfAttachment& attachment, void* context) -> bool {
        return (*static_cast<DecideFn*>(context))(attachment);
      },
      &decode_fully);
}

}  // namespace relance::internal

#endif  // RELANCE_SRC_PDF_ATTACHMENTS_HPP_
