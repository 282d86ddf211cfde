// BuildPdf, FacturXPdf (einvoice_pdf_builder.hpp) with libqpdf; C++17.
#include "einvoice_pdf_builder.hpp"

// qpdf 11: no PointerHolder (std::shared_ptr throughout).
#define POINTERHOLDER_TRANSITION 4
#include <memory>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

namespace relance::testing {

// The PDF's bytes. Deterministic (a static /ID).
std::string BuildPdf(const PdfSpec& spec) {
  QPDF pdf;
  pdf.emptyPDF();
  QPDFObjectHandle page = pdf.makeIndirectObject(
      QPDFObjectHandle::parse("<< /Type /Page /MediaBox [0 0 595 842] >>"));
  QPDFPageDocumentHelper(pdf).addPage(page, /*first=*/false);
  QPDFEmbeddedFileDocumentHelper embedded(pdf);
  QPDFObjectHandle af = QPDFObjectHandle::newArray();
  for (const PdfAttachment& attachment : spec.attachments) {
    QPDFEFStreamObjectHelper stream =
        QPDFEFStreamObjectHelper::createEFStream(pdf, attachment.data);
    if (!attachment.subtype.empty()) stream.setSubtype(attachment.subtype);
    QPDFFileSpecObjectHelper file_spec =
        QPDFFileSpecObjectHelper::createFileSpec(pdf, attachment.name, stream);
    if (attachment.in_af) {
      file_spec.getObjectHandle().replaceKey(
          "/AFRelationship",
          QPDFObjectHandle::newName("/" + attachment.relationship));
      af.appendItem(file_spec.getObjectHandle());
    }
    if (attachment.in_names_tree) {
      embedded.replaceEmbeddedFile(attachment.name, file_spec);
    }
  }
  if (af.getArrayNItems() > 0) pdf.getRoot().replaceKey("/AF", af);
  QPDFWriter writer(pdf);
  writer.setOutputMemory();
  writer.setStaticID(true);
  if (spec.encrypt) {
    writer.setR6EncryptionParameters(spec.user_password.c_str(), "owner", true,
                                     true, true, true, true, true,
                                     qpdf_r3p_full, /*encrypt_metadata=*/true);
  }
  writer.write();
  std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buffer->getBuffer()),
                     buffer->getSize());
}

// The usual Factur-X PDF: `xml` as `name`, in the name tree and in /AF with
// /AFRelationship /Data, MIME type text/xml.
std::string FacturXPdf(const std::string& xml, const std::string& name) {
  PdfAttachment attachment;
  attachment.name = name;
  attachment.data = xml;
  attachment.subtype = "text/xml";
  attachment.in_af = true;
  PdfSpec spec;
  spec.attachments.push_back(attachment);
  return BuildPdf(spec);
}

}  // namespace relance::testing
