#include "relance/einvoice_pdf.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/einvoice.hpp"
#include "test_helpers.hpp"

#ifdef RELANCE_TEST_WITH_PDF
#include "einvoice_pdf_builder.hpp"
#endif

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;

#ifdef RELANCE_TEST_WITH_PDF

using ::relance::testing::BuildPdf;
using ::relance::testing::D;
using ::relance::testing::Eur;
using ::relance::testing::FacturXPdf;
using ::relance::testing::PdfAttachment;

// The public XML samples of tests/data/einvoice/ (SOURCES.md), byte for byte.
std::string ReadSample(const std::string& name) {
  std::ifstream file(
      std::string(RELANCE_SOURCE_DIR) + "/tests/data/einvoice/" + name,
      std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  EXPECT_FALSE(text.str().empty()) << name;
  return text.str();
}

// What ReadEInvoice reads from `sample` under `source_name`: a PDF must
// give exactly this (einvoice_test checks these values by hand).
EInvoice Direct(const std::string& sample, const std::string& source_name) {
  absl::StatusOr<EInvoice> invoice =
      ReadEInvoice(ReadSample(sample), source_name);
  EXPECT_THAT(invoice, IsOk());
  return invoice.ok() ? *invoice : EInvoice{};
}

TEST(EInvoicePdf, IsSupportedInThisBuild) {
  EXPECT_TRUE(EInvoicePdfSupported());
}

// factur-x-basicwl.xml (FNFE-MPE F20260023) as factur-x.xml: the invoice
// read through the PDF is the one read from the XML, named
// "invoice.pdf#factur-x.xml"; the values einvoice_test checks by hand
// (BT-1 F20260023, BT-115 104.90 EUR, BT-9 2026-03-02) come through.
TEST(EInvoicePdf, ReadsFacturXXml) {
  const std::string pdf = FacturXPdf(ReadSample("factur-x-basicwl.xml"));
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  absl::StatusOr<EInvoice> invoice = ReadEInvoicePdf(pdf, "invoice.pdf");
  ASSERT_THAT(invoice, IsOk());
  EXPECT_EQ(*invoice,
            Direct("factur-x-basicwl.xml", "invoice.pdf#factur-x.xml"));
  EXPECT_EQ(invoice->source_name, "invoice.pdf#factur-x.xml");
  EXPECT_EQ(invoice->number, "F20260023");
  EXPECT_EQ(invoice->issue_date, D(2026, 1, 31));
  EXPECT_EQ(invoice->total_with_vat, Eur("104.90"));
  EXPECT_EQ(invoice->amount_due, Eur("104.90"));
  ASSERT_EQ(invoice->due_dates.size(), 1u);
  EXPECT_EQ(invoice->due_dates[0].date, D(2026, 3, 2));
}

// ZUGFeRD 2.0's name, in the name tree only (no /AF, no MIME type):
// CII_example1.xml, BT-1 12115118, BT-112 = BT-115 = 250.33 EUR.
TEST(EInvoicePdf, ReadsZugferdName) {
  const std::string pdf =
      BuildPdf({.attachments = {{.name = "zugferd-invoice.xml",
                                 .data = ReadSample("CII_example1.xml")}}});
  absl::StatusOr<EInvoice> invoice = ReadEInvoicePdf(pdf, "r.pdf");
  ASSERT_THAT(invoice, IsOk());
  EXPECT_EQ(*invoice, Direct("CII_example1.xml", "r.pdf#zugferd-invoice.xml"));
  EXPECT_EQ(invoice->number, "12115118");
  EXPECT_EQ(invoice->amount_due, Eur("250.33"));
}

// ZUGFeRD 1.0's capitalisation matches too (names compare in any case).
TEST(EInvoicePdf, MatchesFacturXNamesInAnyCase) {
  const std::string pdf =
      BuildPdf({.attachments = {{.name = "ZUGFeRD-invoice.xml",
                                 .data = ReadSample("CII_example1.xml")}}});
  absl::StatusOr<EInvoice> invoice = ReadEInvoicePdf(pdf, "r.pdf");
  ASSERT_THAT(invoice, IsOk());
  EXPECT_EQ(invoice->source_name, "r.pdf#ZUGFeRD-invoice.xml");
}

// A UBL invoice under a name no standard gives, without ".xml" and without
// a MIME type: found by its content (it starts with "<?xml").
// ubl-21-extended-ctc-fr.xml: BT-1 F124212, BT-113 100.00, BT-115 208.03.
TEST(EInvoicePdf, FindsXmlWhateverItsName) {
  const std::string pdf = BuildPdf(
      {.attachments = {{.name = "logo.png", .data = "\x89PNG\r\n\x1a\n...."},
                       {.name = "Rechnung F124212",
                        .data = ReadSample("ubl-21-extended-ctc-fr.xml")}}});
  absl::StatusOr<EInvoice> invoice = ReadEInvoicePdf(pdf, "odd.pdf");
  ASSERT_THAT(invoice, IsOk());
  EXPECT_EQ(*invoice,
            Direct("ubl-21-extended-ctc-fr.xml", "odd.pdf#Rechnung F124212"));
  EXPECT_EQ(invoice->number, "F124212");
  EXPECT_EQ(invoice->prepaid, Eur("100.00"));
  EXPECT_EQ(invoice->amount_due, Eur("208.03"));
}

// A file listed only in the catalog's /AF (no name tree) is found.
TEST(EInvoicePdf, ReadsAssociatedFilesOfTheCatalog) {
  const std::string pdf =
      BuildPdf({.attachments = {{.name = "invoice-data.xml",
                                 .data = ReadSample("CII_example1.xml"),
                                 .in_names_tree = false,
                                 .in_af = true}}});
  absl::StatusOr<EInvoice> invoice = ReadEInvoicePdf(pdf, "af.pdf");
  ASSERT_THAT(invoice, IsOk());
  EXPECT_EQ(invoice->source_name, "af.pdf#invoice-data.xml");
  EXPECT_EQ(invoice->number, "12115118");
}

// factur-x.xml is preferred to another copy of the same invoice, which is
// checked to agree.
TEST(EInvoicePdf, PrefersTheFacturXNameAndChecksCopiesAgree) {
  const std::string xml = ReadSample("factur-x-basicwl.xml");
  const std::string pdf =
      BuildPdf({.attachments = {{.name = "copy.xml", .data = xml},
                                {.name = "factur-x.xml", .data = xml}}});
  absl::StatusOr<EInvoice> invoice = ReadEInvoicePdf(pdf, "two.pdf");
  ASSERT_THAT(invoice, IsOk());
  EXPECT_EQ(invoice->source_name, "two.pdf#factur-x.xml");
}

// Two different invoices in one PDF: F20260023 and 12115118 (BT-1 differs
// first).
TEST(EInvoicePdf, RefusesInvoicesThatDisagree) {
  const std::string pdf = BuildPdf(
      {.attachments = {
           {.name = "factur-x.xml", .data = ReadSample("factur-x-basicwl.xml")},
           {.name = "other.xml", .data = ReadSample("CII_example1.xml")}}});
  EXPECT_THAT(ReadEInvoicePdf(pdf, "two.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("two.pdf: the embedded e-invoices "
                                 "factur-x.xml and other.xml disagree: BT-1 "
                                 "F20260023 and 12115118")));
}

// The XRechnung sample (due date before issue date) as xrechnung.xml: the
// reader's error, naming the PDF and the attachment.
TEST(EInvoicePdf, PassesTheXmlReadersErrorNamingPdfAndAttachment) {
  const std::string pdf =
      FacturXPdf(ReadSample("XRechnung-O.xml"), "xrechnung.xml");
  EXPECT_THAT(ReadEInvoicePdf(pdf, "x.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("x.pdf#xrechnung.xml: BT-9 (")));
}

// A declared file that fails is an error even when another XML reads: no
// fall back on a file the PDF does not name as its invoice.
TEST(EInvoicePdf, DoesNotFallBackWhenTheDeclaredFileFails) {
  const std::string pdf =
      BuildPdf({.attachments = {{.name = "factur-x.xml", .data = "<broken"},
                                {.name = "other.xml",
                                 .data = ReadSample("CII_example1.xml")}}});
  EXPECT_THAT(ReadEInvoicePdf(pdf, "b.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("b.pdf#factur-x.xml: not well-formed XML")));
}

// The same for a file the catalog's /AF declares as the data
// (/AFRelationship /Data) under another name; an image declared so is no
// XML, and is only listed.
TEST(EInvoicePdf, DoesNotFallBackWhenTheAfDataFileFails) {
  const std::string pdf = BuildPdf(
      {.attachments = {
           {.name = "other.xml", .data = ReadSample("CII_example1.xml")},
           {.name = "data.xml", .data = "<broken", .in_af = true}}});
  EXPECT_THAT(ReadEInvoicePdf(pdf, "b.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("b.pdf#data.xml: not well-formed XML")));

  const std::string image =
      BuildPdf({.attachments = {{.name = "scan.png",
                                 .data = "\x89PNG\r\n\x1a\n",
                                 .subtype = "image/png",
                                 .in_af = true}}});
  EXPECT_THAT(ReadEInvoicePdf(image, "i.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "i.pdf: no embedded e-invoice XML (attachments: "
                       "scan.png)"));
}

// Other XML that is no invoice (an order) is ignored beside the invoice,
// and reported when it is all there is.
TEST(EInvoicePdf, IgnoresOtherXmlBesideTheInvoice) {
  const std::string order = "<?xml version=\"1.0\"?><Order/>";
  const std::string pdf =
      BuildPdf({.attachments = {{.name = "order.xml", .data = order},
                                {.name = "factur-x.xml",
                                 .data = ReadSample("CII_example1.xml")}}});
  absl::StatusOr<EInvoice> invoice = ReadEInvoicePdf(pdf, "o.pdf");
  ASSERT_THAT(invoice, IsOk());
  EXPECT_EQ(invoice->number, "12115118");

  const std::string only_order =
      BuildPdf({.attachments = {{.name = "order.xml", .data = order}}});
  EXPECT_THAT(ReadEInvoicePdf(only_order, "o.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("o.pdf#order.xml: the root element {}Order "
                                  "is neither")));
}

TEST(EInvoicePdf, RefusesAPdfWithOnlyAnImage) {
  const std::string pdf =
      BuildPdf({.attachments = {
                    {.name = "logo.png",
                     .data = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16),
                     .subtype = "image/png"}}});
  EXPECT_THAT(ReadEInvoicePdf(pdf, "invoice.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invoice.pdf: no embedded e-invoice XML (attachments: "
                       "logo.png)"));
}

TEST(EInvoicePdf, RefusesAPdfWithoutAttachments) {
  EXPECT_THAT(ReadEInvoicePdf(BuildPdf({}), "plain.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "plain.pdf: no embedded e-invoice XML (no "
                       "attachments)"));
}

TEST(EInvoicePdf, RefusesWhatIsNotAPdf) {
  EXPECT_THAT(ReadEInvoicePdf("", "e.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "e.pdf: empty input, not a PDF"));
  EXPECT_THAT(ReadEInvoicePdf(ReadSample("CII_example1.xml"), "x.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "x.pdf: not a PDF (no %PDF- header in its first 1024 "
                       "bytes)"));
  EXPECT_THAT(ReadEInvoicePdf(std::string(5000, '\xAB'), "g.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("g.pdf: not a PDF")));
}

// A header followed by garbage: qpdf finds no objects to recover.
TEST(EInvoicePdf, RefusesGarbageAfterTheHeader) {
  std::string garbage = "%PDF-1.7\n";
  for (int i = 0; i < 500; ++i) garbage += "\x01\xfe garbage ]>> ";
  EXPECT_THAT(ReadEInvoicePdf(garbage, "g.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("g.pdf: damaged PDF: ")));
}

// The Factur-X PDF cut at every tenth of its length: the trailer is gone,
// and qpdf's recovery finds none (QPDFWriter writes it last); an error
// naming the file each time, never a crash or an exception.
TEST(EInvoicePdf, RefusesTruncatedPdfs) {
  const std::string pdf = FacturXPdf(ReadSample("factur-x-basicwl.xml"));
  for (size_t tenth = 1; tenth < 10; ++tenth) {
    EXPECT_THAT(
        ReadEInvoicePdf(pdf.substr(0, pdf.size() * tenth / 10), "cut.pdf"),
        StatusIs(absl::StatusCode::kInvalidArgument,
                 StartsWith("cut.pdf: damaged PDF: ")))
        << tenth;
  }
}

// Every cross-reference offset made wrong by bytes inserted after the
// header: qpdf rebuilds the table, as readers do, and the XML (checked)
// reads.
TEST(EInvoicePdf, RecoversADamagedCrossReferenceTable) {
  std::string pdf = FacturXPdf(ReadSample("factur-x-basicwl.xml"));
  pdf.insert(pdf.find('\n') + 1, "% 17 bytes moved\n");
  absl::StatusOr<EInvoice> invoice = ReadEInvoicePdf(pdf, "moved.pdf");
  ASSERT_THAT(invoice, IsOk());
  EXPECT_EQ(invoice->number, "F20260023");
}

TEST(EInvoicePdf, RefusesEncryptedPdfs) {
  const std::string xml = ReadSample("factur-x-basicwl.xml");
  for (const std::string user_password : {"", "secret"}) {
    const std::string pdf =
        BuildPdf({.attachments = {{.name = "factur-x.xml", .data = xml}},
                  .encrypt = true,
                  .user_password = user_password});
    EXPECT_THAT(ReadEInvoicePdf(pdf, "locked.pdf"),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         StartsWith("locked.pdf: encrypted PDF")))
        << user_password;
  }
}

// 17 MiB of spaces compress to a few kilobytes: decoding stops at 16 MiB.
TEST(EInvoicePdf, CapsTheDecodedSize) {
  const std::string pdf =
      FacturXPdf(std::string(kMaxEInvoiceBytes + (size_t{1} << 20), ' '));
  ASSERT_LT(pdf.size(), size_t{1} << 20);
  EXPECT_THAT(ReadEInvoicePdf(pdf, "bomb.pdf"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "bomb.pdf#factur-x.xml: larger than 16777216 bytes "
                       "once decoded"));
}

// qpdf prints nothing, even on damaged files.
TEST(EInvoicePdf, IsQuiet) {
  std::string pdf = FacturXPdf(ReadSample("factur-x-basicwl.xml"));
  pdf.insert(pdf.find('\n') + 1, "% moved\n");
  ::testing::internal::CaptureStderr();
  ::testing::internal::CaptureStdout();
  (void)ReadEInvoicePdf(pdf, "moved.pdf");
  (void)ReadEInvoicePdf(pdf.substr(0, pdf.size() / 2), "cut.pdf");
  EXPECT_EQ(::testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

// Reading twice gives the same result.
TEST(EInvoicePdf, IsDeterministic) {
  const std::string pdf = FacturXPdf(ReadSample("CII_example1.xml"));
  absl::StatusOr<EInvoice> first = ReadEInvoicePdf(pdf, "d.pdf");
  absl::StatusOr<EInvoice> second = ReadEInvoicePdf(pdf, "d.pdf");
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(*first, *second);
}

#else  // RELANCE_WITH_PDF=OFF

TEST(EInvoicePdf, SaysItWasBuiltWithoutPdfSupport) {
  EXPECT_FALSE(EInvoicePdfSupported());
  EXPECT_THAT(ReadEInvoicePdf("%PDF-1.7", "invoice.pdf"),
              StatusIs(absl::StatusCode::kUnimplemented,
                       "invoice.pdf: relance was built without PDF support "
                       "(RELANCE_WITH_PDF=OFF)"));
}

#endif

}  // namespace
}  // namespace relance
