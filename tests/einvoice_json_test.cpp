// ReadEInvoiceFile (relance/einvoice_file.hpp) and the relance.einvoice /
// relance.einvoice_statuses documents (relance/einvoice_json.hpp), on the
// public samples of tests/data/einvoice/ (SOURCES.md) and the demo's
// examples/einvoices/ (its README gives the figures).
#include "relance/einvoice_json.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "relance/einvoice_file.hpp"
#include "relance/einvoice_pdf.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;
using Json = nlohmann::ordered_json;

std::string ReadFile(const std::string& relative) {
  std::ifstream file(std::string(RELANCE_SOURCE_DIR) + "/" + relative,
                     std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  EXPECT_FALSE(text.str().empty()) << relative;
  return text.str();
}

EInvoiceFile MustRead(const std::string& relative) {
  absl::StatusOr<EInvoiceFile> file =
      ReadEInvoiceFile(ReadFile(relative), relative);
  EXPECT_THAT(file, IsOk());
  return file.ok() ? *file : EInvoiceFile{};
}

TEST(EInvoiceFile, TellsTheKindFromTheContent) {
  const EInvoiceFile cii = MustRead("tests/data/einvoice/CII_example1.xml");
  EXPECT_EQ(cii.kind, EInvoiceFileKind::kInvoiceXml);
  ASSERT_TRUE(cii.invoice.has_value());
  EXPECT_EQ(cii.invoice->number, "12115118");
  EXPECT_FALSE(cii.statuses.has_value());

  const EInvoiceFile cdar =
      MustRead("tests/data/einvoice/cdv-212-encaissee.xml");
  EXPECT_EQ(cdar.kind, EInvoiceFileKind::kStatuses);
  ASSERT_TRUE(cdar.statuses.has_value());
  EXPECT_EQ(cdar.statuses->id, "UC1_F202500003_07");
  EXPECT_FALSE(cdar.invoice.has_value());
}

TEST(EInvoiceFile, ReadsTheDemosFacturXPdf) {
  absl::StatusOr<EInvoiceFile> file = ReadEInvoiceFile(
      ReadFile("examples/einvoices/FX-2026-0006.pdf"), "FX-2026-0006.pdf");
  if (!EInvoicePdfSupported()) {
    EXPECT_THAT(file, StatusIs(absl::StatusCode::kUnimplemented));
    return;
  }
  ASSERT_THAT(file, IsOk());
  EXPECT_EQ(file->kind, EInvoiceFileKind::kInvoicePdf);
  // examples/einvoices/README.md: FX-2026-0006, C-1004, issued 2026-03-09,
  // due 2026-04-08, 3 250.00 + 650.00 VAT = 3 900.00 EUR.
  EXPECT_EQ(file->invoice->source_name, "FX-2026-0006.pdf#factur-x.xml");
  EXPECT_EQ(file->invoice->number, "FX-2026-0006");
  EXPECT_EQ(file->invoice->buyer.id, "C-1004");
  EXPECT_EQ(file->invoice->amount_due.ToString(), "3900.00 EUR");
}

TEST(EInvoiceFile, ErrorsNameTheFile) {
  EXPECT_THAT(ReadEInvoiceFile("<a><b></a>", "broken.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("broken.xml: not well-formed XML")));
  EXPECT_THAT(
      ReadEInvoiceFile("", "empty.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty.xml")));
  // A root of another namespace is handed to the invoice reader, which
  // names what it found.
  EXPECT_THAT(
      ReadEInvoiceFile("<Order xmlns=\"urn:example:order\"/>", "order.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("urn:example:order")));
  // "%PDF-" in the first 1024 bytes: the PDF reader answers.
  const absl::StatusOr<EInvoiceFile> pdf =
      ReadEInvoiceFile("%PDF-1.7\nnot really", "fake.pdf");
  EXPECT_FALSE(pdf.ok());
  EXPECT_THAT(std::string(pdf.status().message()), HasSubstr("fake.pdf"));
}

TEST(EInvoiceJson, InvoiceDocument) {
  const EInvoiceFile file = MustRead("tests/data/einvoice/CII_example1.xml");
  const Json document = Json::parse(EInvoiceFileToJson(file));
  // docs/json.md: first keys schema and schema_version.
  EXPECT_EQ(document.begin().key(), "schema");
  EXPECT_EQ(document["schema"], "relance.einvoice");
  EXPECT_EQ(document["schema_version"], 1);
  EXPECT_EQ(document["source"], "tests/data/einvoice/CII_example1.xml");
  EXPECT_EQ(document["syntax"], "cii");
  EXPECT_EQ(document["profile"], "en16931");
  EXPECT_EQ(document["business_process"], nullptr);  // absent: null
  EXPECT_EQ(document["number"], "12115118");
  EXPECT_EQ(document["type"], "invoice");
  EXPECT_EQ(document["issue_date"], "2015-01-09");
  // The sample's SUM: 229.6 + 20.73 = 250.33, all due.
  EXPECT_EQ(document["total_without_vat"], "229.60 EUR");
  EXPECT_EQ(document["vat_total"], "20.73 EUR");
  EXPECT_EQ(document["total_with_vat"], "250.33 EUR");
  EXPECT_EQ(document["prepaid"], nullptr);
  EXPECT_EQ(document["amount_due"], "250.33 EUR");
  EXPECT_EQ(document["due_dates"][0]["date"], "2015-01-09");
  EXPECT_EQ(document["buyer"]["id"], "10202");
  EXPECT_EQ(document["buyer"]["name"], "ODIN 59");
  EXPECT_EQ(document["ibans"][0], "NL57RABO0107307510");
  EXPECT_EQ(document["vat_on_receipt"], false);
  // BG-23: 183.23 at 6 % and 46.37 at 21 %.
  EXPECT_EQ(document["vat_breakdown"][0]["rate"], "6.00%");
  EXPECT_EQ(document["vat_breakdown"][0]["taxable"], "183.23 EUR");
  EXPECT_EQ(document["vat_breakdown"][1]["vat"], "9.74 EUR");
  EXPECT_EQ(document["vat_breakdown"][1]["category"], "S");
  // The fact: an invoice_issued of 250.33 EUR due on the issue date, as a
  // case file writes it.
  EXPECT_EQ(document["fact"]["kind"], "invoice_issued");
  EXPECT_EQ(document["fact"]["event"]["type"], "invoice_issued");
  EXPECT_EQ(document["fact"]["event"]["amount"], "250.33 EUR");
  EXPECT_EQ(document["fact"]["event"]["due_date"], "2015-01-09");
  EXPECT_EQ(document["fact"]["default_terms_applied"], false);
  EXPECT_EQ(document["fact_error"], nullptr);
}

TEST(EInvoiceJson, DefaultTermsOrTheFactError) {
  // examples/einvoices/FX-2026-0003.xml (XRechnung): no BT-9, and BT-20
  // "#SKONTO#...#" plus "Zahlbar innerhalb 30 Tagen netto", which relance's
  // notation does not read.
  const EInvoiceFile file = MustRead("examples/einvoices/FX-2026-0003.xml");
  const Json without = Json::parse(EInvoiceFileToJson(file));
  EXPECT_EQ(without["fact"], nullptr);
  EXPECT_THAT(without["fact_error"].get<std::string>(), HasSubstr("BT-9"));
  const Json with =
      Json::parse(EInvoiceFileToJson(file, {.default_terms = "30D"}));
  EXPECT_EQ(with["fact_error"], nullptr);
  EXPECT_EQ(with["fact"]["default_terms_applied"], true);
  // Issued 2026-02-20 + 30 days = 2026-03-22.
  EXPECT_EQ(with["fact"]["event"]["terms"], "30D");
  EXPECT_EQ(with["fact"]["event"]["amount"], "5280.00 EUR");
}

TEST(EInvoiceJson, APayeeOtherThanTheSellerIsAFactoredInvoice) {
  // The FNFE-MPE example F20260023 (factur-x-basicwl.xml): seller "LE
  // FOURNISSEUR", SIREN 123456782 (BT-30); payee (BG-10) "PAYEE NAME",
  // SIREN 303656847 (BT-61). The buyer pays the factor: besides the
  // invoice, the block status 225 gives, on the issue date (2026-01-31),
  // with no end.
  const EInvoiceFile file =
      MustRead("tests/data/einvoice/factur-x-basicwl.xml");
  ASSERT_TRUE(file.invoice.has_value());
  absl::StatusOr<EInvoiceFact> fact =
      EInvoiceToEvent(*file.invoice, {.default_terms = "30D"});
  ASSERT_THAT(fact, IsOk());
  EXPECT_EQ(fact->kind, EInvoiceFactKind::kInvoiceIssued);
  ASSERT_TRUE(fact->factored.has_value());
  EXPECT_EQ(fact->factored->kind, EventKind::kDunningBlocked);
  EXPECT_EQ(fact->factored->invoice, "F20260023");
  EXPECT_EQ(fact->factored->date, MakeDate(2026, 1, 31));
  EXPECT_EQ(fact->factored->until, kMaxDate);
  EXPECT_EQ(fact->factored->reason,
            "factored: paid to PAYEE NAME (BG-10 payee), the factor collects");
  EXPECT_THAT(fact->note, HasSubstr("paid to PAYEE NAME (BG-10 payee): "
                                    "factored, never dunned by the seller"));
  const Json document =
      Json::parse(EInvoiceFileToJson(file, {.default_terms = "30D"}));
  EXPECT_EQ(document["fact"]["factored"]["type"], "dunning_blocked");
  EXPECT_EQ(document["fact"]["factored"]["until"], "9999-12-31");

  // The same payee as the seller is no factoring: one legal id (spaces
  // aside), a SIRET of the seller's SIREN (123456782 + establishment 00015),
  // or, without the payee's legal id, the seller's name in other case.
  const auto factored = [](const EInvoice& invoice) {
    absl::StatusOr<EInvoiceFact> made =
        EInvoiceToEvent(invoice, {.default_terms = "30D"});
    EXPECT_THAT(made, IsOk());
    return made.ok() && made->factored.has_value();
  };
  EInvoice own = *file.invoice;
  own.payee->legal_id = "123 456 782";
  EXPECT_FALSE(factored(own));
  own.payee->legal_id = "12345678200015";
  EXPECT_FALSE(factored(own));
  own.payee->legal_id = "";
  own.payee->name = "Le  Fournisseur";
  EXPECT_FALSE(factored(own));
  own.payee->name = "Factor SA";
  EXPECT_TRUE(factored(own));
  // No payee, but the type 393 "factored invoice" (UNTDID 1001).
  EInvoice typed = *file.invoice;
  typed.payee.reset();
  EXPECT_FALSE(factored(typed));
  typed.type_code = "393";
  EXPECT_TRUE(factored(typed));
  // Issued on the last day relance knows: no later day for a block to end.
  EInvoice last = *file.invoice;
  last.issue_date = kMaxDate;
  last.due_dates.clear();
  EXPECT_FALSE(factored(last));
  const Json plain = Json::parse(
      EInvoiceFileToJson(MustRead("tests/data/einvoice/CII_example1.xml")));
  EXPECT_EQ(plain["fact"]["factored"], nullptr);
}

TEST(EInvoiceJson, StatusesDocument) {
  const EInvoiceFile file =
      MustRead("tests/data/einvoice/cdv-212-encaissee.xml");
  const Json document = Json::parse(EInvoiceFileToJson(file));
  EXPECT_EQ(document["schema"], "relance.einvoice_statuses");
  EXPECT_EQ(document["id"], "UC1_F202500003_07");
  EXPECT_EQ(document["issue_date"], "2025-08-02");
  EXPECT_EQ(document["issuer"]["role"], "SE");
  ASSERT_EQ(document["statuses"].size(), 1u);
  const Json& status = document["statuses"][0];
  EXPECT_EQ(status["code"], 212);
  EXPECT_EQ(status["label"], "Encaissée");
  EXPECT_EQ(status["effect"], "payment");
  EXPECT_EQ(status["invoice_number"], "F202500003");
  // One MEN amount: 12 000.00 EUR cashed at 20 % VAT.
  EXPECT_EQ(status["amounts"][0]["type_code"], "MEN");
  EXPECT_EQ(status["amounts"][0]["amount"], "12000.00 EUR");
  EXPECT_EQ(status["amounts"][0]["vat_rate"], "20.00%");
  EXPECT_EQ(status["fact"]["effect"], "payment");
  EXPECT_EQ(status["fact"]["event"]["type"], "payment_received");
  EXPECT_EQ(status["fact"]["event"]["amount"], "12000.00 EUR");
  EXPECT_EQ(status["fact_error"], nullptr);
}

TEST(EInvoiceJson, AnEvidenceStatusHasNoEvent) {
  const EInvoiceFile file = MustRead("tests/data/einvoice/cdv-200-deposee.xml");
  const Json status = Json::parse(EInvoiceFileToJson(file))["statuses"][0];
  EXPECT_EQ(status["code"], 200);
  EXPECT_EQ(status["effect"], "evidence");
  EXPECT_EQ(status["fact"]["effect"], "evidence");
  EXPECT_EQ(status["fact"]["event"], nullptr);
  EXPECT_THAT(status["fact"]["note"].get<std::string>(), HasSubstr("evidence"));
}

}  // namespace
}  // namespace relance
