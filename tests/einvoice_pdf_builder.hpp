// tests/einvoice_pdf_builder.hpp
// -----------------------------------------------------------------------------
// Builds small PDFs with embedded files through libqpdf, for
// einvoice_pdf_test and the fuzz seeds (einvoice_pdf_seeds): public Factur-X
// sample PDFs are binary files the project could not copy, so the tests make
// their own from the public XML samples of tests/data/einvoice/, the way a
// Factur-X generator does (a PDF with one blank page, the XML attached as an
// embedded file listed in /Names /EmbeddedFiles and the catalog's /AF).
#ifndef RELANCE_TESTS_EINVOICE_PDF_BUILDER_HPP_
#define RELANCE_TESTS_EINVOICE_PDF_BUILDER_HPP_

// qpdf 11: no PointerHolder (std::shared_ptr throughout).
#ifndef POINTERHOLDER_TRANSITION
#define POINTERHOLDER_TRANSITION 4
#endif
#include <memory>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <string>
#include <vector>

namespace relance::testing {

struct PdfAttachment {
  std::string name;           // the file spec's /UF and /F
  std::string data;           // the content (Flate-compressed when written)
  std::string subtype = "";   // MIME type ("text/xml"); empty: none
  bool in_names_tree = true;  // listed in /Names /EmbeddedFiles
  bool in_af = false;         // listed in the catalog's /AF
  std::string relationship = "Data";  // its /AFRelationship when in /AF
};

struct PdfSpec {
  std::vector<PdfAttachment> attachments = {};
  bool encrypt = false;            // AES-256 (R6), owner password "owner"
  std::string user_password = "";  // with `encrypt`: empty opens freely
};

// The PDF's bytes. Deterministic (a static /ID).
inline std::string BuildPdf(const PdfSpec& spec) {
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
inline std::string FacturXPdf(const std::string& xml,
                              const std::string& name = "factur-x.xml") {
  return BuildPdf(
      {.attachments = {
           {.name = name, .data = xml, .subtype = "text/xml", .in_af = true}}});
}

}  // namespace relance::testing

#endif  // RELANCE_TESTS_EINVOICE_PDF_BUILDER_HPP_
