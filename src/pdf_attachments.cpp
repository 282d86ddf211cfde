// ReadPdfAttachmentsWith: libqpdf, compiled as C++17 (pdf_attachments.hpp
// says why). qpdf reports errors by throwing (QPDFExc, std::logic_error,
// std::bad_alloc ...): everything that calls it runs inside one try block
// that catches all, so no exception leaves this file.
#include "pdf_attachments.hpp"

// qpdf 11: no PointerHolder (std::shared_ptr throughout).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Constants.h>

#include <exception>
#include <new>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjGen.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <stdexcept>
#include <utility>

namespace relance::internal {
namespace {

// A qpdf pipeline that keeps at most `cap` bytes and throws past them (qpdf
// turns the exception into a failed pipeStreamData; `overflowed` says why).
class CappedSink final : public Pipeline {
 public:
  explicit CappedSink(std::size_t cap)
      : Pipeline("relance sink", nullptr), cap_(cap) {}
  void write(unsigned char const* data, std::size_t len) override {
    if (len > cap_ - bytes_.size()) {
      bytes_.append(reinterpret_cast<const char*>(data), cap_ - bytes_.size());
      overflowed_ = true;
      throw std::length_error("relance: attachment over the limit");
    }
    bytes_.append(reinterpret_cast<const char*>(data), len);
  }
  void finish() override {}
  std::string& bytes() { return bytes_; }
  bool overflowed() const { return overflowed_; }

 private:
  std::size_t cap_;
  std::string bytes_;
  bool overflowed_ = false;
};

// Decodes an embedded file stream through the filters qpdf decodes
// losslessly (qpdf_dl_specialized: never DCT), keeping at most `cap` bytes.
void Decode(QPDFObjectHandle stream, std::size_t cap,
            PdfAttachment& attachment) {
  CappedSink sink(cap);
  bool filtering_attempted = false;
  const bool ok =
      stream.pipeStreamData(&sink, &filtering_attempted, 0, qpdf_dl_specialized,
                            /*suppress_warnings=*/true);
  // Data with a filter qpdf does not decode comes out raw: not complete.
  QPDFObjectHandle filter = stream.getDict().getKey("/Filter");
  const bool has_filter =
      !filter.isNull() && !(filter.isArray() && filter.getArrayNItems() == 0);
  attachment.overflowed = sink.overflowed();
  attachment.complete =
      ok && !attachment.overflowed && (filtering_attempted || !has_filter);
  attachment.bytes = std::move(sink.bytes());
}

struct Found {
  PdfAttachment attachment;
  QPDFObjectHandle stream;
};

void Add(QPDFFileSpecObjectHelper file_spec, std::string key, bool in_af,
         std::vector<Found>& found) {
  Found entry;
  entry.attachment.name = file_spec.getFilename();
  if (entry.attachment.name.empty()) entry.attachment.name = std::move(key);
  entry.attachment.in_af = in_af;
  if (in_af) {
    QPDFObjectHandle relationship =
        file_spec.getObjectHandle().getKey("/AFRelationship");
    if (relationship.isName()) {
      entry.attachment.relationship = relationship.getName().substr(1);
    }
  }
  entry.stream = file_spec.getEmbeddedFileStream();
  entry.attachment.has_stream = entry.stream.isStream();
  if (entry.attachment.has_stream) {
    for (Found& other : found) {
      if (other.attachment.has_stream &&
          other.stream.getObjGen() == entry.stream.getObjGen()) {
        if (in_af) {
          other.attachment.in_af = true;
          other.attachment.relationship = entry.attachment.relationship;
        }
        return;
      }
    }
    entry.attachment.subtype =
        QPDFEFStreamObjectHelper(entry.stream).getSubtype();
  }
  found.push_back(std::move(entry));
}

PdfAttachments Read(std::string_view pdf, const std::string& name,
                    std::size_t sniff, std::size_t cap,
                    bool (*decide)(const PdfAttachment&, void*),
                    void* context) {
  PdfAttachments result;
  QPDF document;
  document.setSuppressWarnings(true);
  try {
    document.processMemoryFile(name.c_str(), pdf.data(), pdf.size());
  } catch (const QPDFExc& error) {
    result.outcome = error.getErrorCode() == qpdf_e_password
                         ? PdfAttachments::Outcome::kEncrypted
                         : PdfAttachments::Outcome::kDamaged;
    result.detail = error.getMessageDetail();
    return result;
  }
  if (document.isEncrypted()) {
    result.outcome = PdfAttachments::Outcome::kEncrypted;
    return result;
  }
  std::vector<Found> found;
  QPDFEmbeddedFileDocumentHelper embedded(document);
  for (auto& [key, file_spec] : embedded.getEmbeddedFiles()) {
    Add(*file_spec, key, /*in_af=*/false, found);
  }
  QPDFObjectHandle af = document.getRoot().getKey("/AF");
  if (af.isArray()) {
    for (QPDFObjectHandle item : af.aitems()) {
      if (item.isDictionary()) {
        Add(QPDFFileSpecObjectHelper(item), "", /*in_af=*/true, found);
      }
    }
  }
  for (Found& entry : found) {
    if (entry.attachment.has_stream) {
      Decode(entry.stream, sniff, entry.attachment);
      if (decide(entry.attachment, context)) {
        Decode(entry.stream, cap, entry.attachment);
      }
    }
    result.attachments.push_back(std::move(entry.attachment));
  }
  return result;
}

}  // namespace

PdfAttachments ReadPdfAttachmentsWith(
    std::string_view pdf, const std::string& name, std::size_t sniff,
    std::size_t cap, bool (*decide)(const PdfAttachment&, void*),
    void* context) {
  PdfAttachments failed;
  try {
    return Read(pdf, name, sniff, cap, decide, context);
  } catch (const QPDFExc& error) {
    failed.outcome = PdfAttachments::Outcome::kDamaged;
    failed.detail = error.getMessageDetail();
  } catch (const std::bad_alloc&) {
    failed.outcome = PdfAttachments::Outcome::kOutOfMemory;
  } catch (const std::exception& error) {
    failed.outcome = PdfAttachments::Outcome::kDamaged;
    failed.detail = error.what();
  } catch (...) {
    failed.outcome = PdfAttachments::Outcome::kDamaged;
    failed.detail = "qpdf failed";
  }
  return failed;
}

}  // namespace relance::internal
