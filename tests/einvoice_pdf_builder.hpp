// tests/einvoice_pdf_builder.hpp
// -----------------------------------------------------------------------------
// Builds small PDFs with embedded files through libqpdf, for
// einvoice_pdf_test and the fuzz seeds (einvoice_pdf_seeds): public Factur-X
// sample PDFs are binary files the project could not copy, so the tests make
// their own from the public XML samples of tests/data/einvoice/, the way a
// Factur-X generator does (a PDF with one blank page, the XML attached as an
// embedded file listed in /Names /EmbeddedFiles and the catalog's /AF).
// Defined in einvoice_pdf_builder.cpp, compiled as C++17 (qpdf's headers);
// this header is C++17 too.
#ifndef RELANCE_TESTS_EINVOICE_PDF_BUILDER_HPP_
#define RELANCE_TESTS_EINVOICE_PDF_BUILDER_HPP_

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
std::string BuildPdf(const PdfSpec& spec);

// The usual Factur-X PDF: `xml` as `name`, in the name tree and in /AF with
// /AFRelationship /Data, MIME type text/xml.
std::string FacturXPdf(const std::string& xml,
                       const std::string& name = "factur-x.xml");

}  // namespace relance::testing

#endif  // RELANCE_TESTS_EINVOICE_PDF_BUILDER_HPP_
