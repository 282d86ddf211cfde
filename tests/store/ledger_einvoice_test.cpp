// Ledger::ImportEInvoices and Ledger::ImportStatuses (store/ledger.hpp) on
// the demo's e-invoices (examples/einvoices/, whose README gives each
// document's figures, read by hand from the files).
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/einvoice_pdf.hpp"
#include "relance/einvoice_status.hpp"
#include "status_matchers.hpp"
#include "store/ledger.hpp"
#include "test_helpers.hpp"

namespace relance::store {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The file `directory`/`name` of the source tree, named `name`.
EInvoiceFileText SourceFile(const std::string& directory,
                            const std::string& name) {
  const std::string path =
      std::string(RELANCE_SOURCE_DIR) + "/" + directory + "/" + name;
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  EXPECT_FALSE(bytes.str().empty()) << path;
  return {.name = name, .bytes = bytes.str()};
}

EInvoiceFileText Example(const std::string& relative) {
  return SourceFile("examples/einvoices", relative);
}

// The five XML documents (the PDF needs PDF support: its own test).
std::vector<EInvoiceFileText> XmlInvoices() {
  return {Example("FX-2026-0001.xml"), Example("FX-2026-0002.xml"),
          Example("FX-2026-0003.xml"), Example("FX-2026-0004.xml"),
          Example("FX-2026-0005.xml")};
}

const Recording kRecording{.by = "test", .at = "2026-04-01T08:00:00Z"};

class LedgerEInvoiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = (std::filesystem::temp_directory_path() /
             (std::string("relance_einvoice_") + info->name() + "_" +
              std::to_string(::getpid()) + ".db"))
                .string();
    Remove();
  }
  void TearDown() override { Remove(); }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_ + suffix);
    }
  }
  Ledger Open() {
    absl::StatusOr<Ledger> ledger = Ledger::Open(path_);
    EXPECT_THAT(ledger, IsOk());
    return *std::move(ledger);
  }
  // One number from the file behind the ledger.
  int64_t Count(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr),
              SQLITE_OK);
    int64_t value = -1;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      value = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
  }
  std::string path_;
};

TEST_F(LedgerEInvoiceTest, InvoicesCreditNotesAndAnInvoiceAlreadyPaid) {
  Ledger ledger = Open();
  absl::StatusOr<ImportResult> result = ledger.ImportEInvoices(
      XmlInvoices(), {.default_terms = "30D"}, kRecording);
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(result->errors, ::testing::IsEmpty());
  EXPECT_EQ(result->rows, 5);
  EXPECT_EQ(result->imported, 5);
  EXPECT_EQ(result->rejected, 0);
  // FX-2026-0003 takes the default terms; FX-2026-0004 (B2, BT-115 0.00)
  // opens no case.
  ASSERT_EQ(result->notes.size(), 2u);
  EXPECT_THAT(result->notes[0], HasSubstr("FX-2026-0003"));
  EXPECT_THAT(result->notes[0], HasSubstr("the default terms \"30D\" apply"));
  EXPECT_THAT(result->notes[1], HasSubstr("FX-2026-0004"));

  // FX-2026-0001: 1440.00 EUR due 2026-03-04 for C-1001 (its BT-46), then
  // the credit note FX-2026-0005 of 240.00 on 2026-03-10.
  absl::StatusOr<std::vector<JournalEntry>> history =
      ledger.InvoiceHistory("FX-2026-0001");
  ASSERT_THAT(history, IsOk());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].customer, "C-1001");
  EXPECT_EQ((*history)[0].event.kind, EventKind::kInvoiceIssued);
  EXPECT_EQ((*history)[0].event.amount, *Money::Parse("1440.00 EUR"));
  EXPECT_EQ((*history)[0].event.due_date, MakeDate(2026, 3, 4));
  EXPECT_EQ((*history)[0].source, "import FX-2026-0001.xml");
  EXPECT_EQ((*history)[1].event.kind, EventKind::kCreditNote);
  EXPECT_EQ((*history)[1].event.amount, *Money::Parse("240.00 EUR"));
  // FX-2026-0003, issued 2026-02-20 under 30D: due 2026-03-22.
  history = ledger.InvoiceHistory("FX-2026-0003");
  ASSERT_THAT(history, IsOk());
  EXPECT_EQ(history->front().customer, "C-2003");
  EXPECT_EQ(history->front().event.due_date, MakeDate(2026, 3, 22));
  // No invoice FX-2026-0004; every file kept once, the buyers named.
  EXPECT_THAT(ledger.InvoiceHistory("FX-2026-0004"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Count("SELECT count(*) FROM einvoice_files"), 5);
  EXPECT_EQ(Count("SELECT count(*) FROM customers WHERE id = 'C-1001' AND "
                  "name = 'Dupont, Fils & Cie'"),
            1);

  // Again: nothing new.
  result = ledger.ImportEInvoices(XmlInvoices(), {.default_terms = "30D"},
                                  kRecording);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 0);
  EXPECT_EQ(result->unchanged, 5);
  EXPECT_FALSE(result->written());
}

TEST_F(LedgerEInvoiceTest, BuyersAddressesCompleteTheCustomers) {
  Ledger ledger = Open();
  // C-1003 has its own address already: the host's master data wins.
  ASSERT_THAT(ledger.ImportCustomers(
                  ParsedRows<CustomerRow>{
                      .rows = {{.id = "C-1003",
                                .name = "Transports Bernard SAS",
                                .address_lines = {"BP 12",
                                                  "69201 Vénissieux "
                                                  "Cedex"}}}},
                  {}, kRecording),
              IsOk());
  ASSERT_THAT(ledger.ImportEInvoices(XmlInvoices(), {.default_terms = "30D"},
                                     kRecording),
              IsOk());
  const Policy policy = *Policy::FromJson(
      ::relance::testing::ReadExampleFile("policies/standard_fr.json"));
  const auto address = [&](const std::string& customer) {
    absl::StatusOr<LedgerCase> found =
        ledger.CustomerCase(customer, policy, MakeDate(2026, 3, 31));
    EXPECT_THAT(found, IsOk());
    return found.ok() ? found->address_lines : std::vector<std::string>{};
  };
  // FX-2026-0001's BG-8: BT-50 "48 cours Lafayette", BT-53 "69003", BT-52
  // "Lyon", BT-55 FR, as its French seller's (BT-40 FR): no country line.
  EXPECT_THAT(address("C-1001"),
              ElementsAre("48 cours Lafayette", "69003 Lyon"));
  // FX-2026-0003's German buyer, invoiced from France: the country closes.
  EXPECT_THAT(address("C-2003"), ElementsAre("Industriestraße 27",
                                             "70565 Stuttgart", "ALLEMAGNE"));
  EXPECT_THAT(address("C-1003"),
              ElementsAre("BP 12", "69201 Vénissieux Cedex"));
}

TEST_F(LedgerEInvoiceTest, AFactoredInvoiceIsBlockedFromItsIssue) {
  // tests/data/einvoice/factur-x-basicwl.xml (FNFE-MPE example F20260023,
  // issued 2026-01-31) is paid to a payee other than its seller: the
  // invoice and its block, one document imported.
  const std::vector<EInvoiceFileText> files = {
      SourceFile("tests/data/einvoice", "factur-x-basicwl.xml")};
  Ledger ledger = Open();
  absl::StatusOr<ImportResult> result = ledger.ImportEInvoices(
      files, {.customer = "C-9", .default_terms = "30D"}, kRecording);
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(result->errors, ::testing::IsEmpty());
  EXPECT_EQ(result->imported, 1);
  ASSERT_EQ(result->notes.size(), 1u);
  EXPECT_THAT(result->notes[0], HasSubstr("factored"));
  absl::StatusOr<std::vector<JournalEntry>> history =
      ledger.InvoiceHistory("F20260023");
  ASSERT_THAT(history, IsOk());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].event.kind, EventKind::kInvoiceIssued);
  EXPECT_EQ((*history)[1].event.kind, EventKind::kDunningBlocked);
  EXPECT_EQ((*history)[1].event.date, MakeDate(2026, 1, 31));
  EXPECT_EQ((*history)[1].event.until, kMaxDate);
  // Again: nothing new, the block not doubled.
  result = ledger.ImportEInvoices(
      files, {.customer = "C-9", .default_terms = "30D"}, kRecording);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->unchanged, 1);
  EXPECT_EQ(ledger.InvoiceHistory("F20260023")->size(), 2u);
}

TEST_F(LedgerEInvoiceTest, ARefusedFactoredInvoiceWritesNoBlock) {
  // The ledger has F20260023 already, another customer's: the e-invoice is
  // refused, and with skip_bad nothing of it is written, its block neither.
  Ledger ledger = Open();
  ASSERT_THAT(ledger.ImportInvoices(
                  ParsedRows<InvoiceRow>{
                      .rows = {{.origin = {.file = "invoices.csv", .line = 2},
                                .id = "F20260023",
                                .customer = "C-1",
                                .issue_date = MakeDate(2026, 1, 31),
                                .amount = *Money::Parse("104.90 EUR"),
                                .due_date = MakeDate(2026, 3, 2)}}},
                  {}, kRecording),
              IsOk());
  absl::StatusOr<ImportResult> result = ledger.ImportEInvoices(
      {SourceFile("tests/data/einvoice", "factur-x-basicwl.xml")},
      {.skip_bad = true, .customer = "C-9", .default_terms = "30D"},
      kRecording);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 0);
  EXPECT_EQ(result->rejected, 1);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_THAT(result->errors[0].message, HasSubstr("customer"));
  absl::StatusOr<std::vector<JournalEntry>> history =
      ledger.InvoiceHistory("F20260023");
  ASSERT_THAT(history, IsOk());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].event.kind, EventKind::kInvoiceIssued);
}

TEST_F(LedgerEInvoiceTest, OneBadFileRefusesThemAllUnlessSkipBad) {
  Ledger ledger = Open();
  // Without default terms FX-2026-0003 has no due date.
  absl::StatusOr<ImportResult> result =
      ledger.ImportEInvoices(XmlInvoices(), {}, kRecording);
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].ToString(),
            "FX-2026-0003.xml (BT-9): BT-9 (due date) absent and BT-20 "
            "(payment terms) \"#SKONTO#TAGE=10#PROZENT=2.00#\\nZahlbar "
            "innerhalb 30 Tagen netto\" not in relance's terms notation: give "
            "the terms that apply then (the policy's default terms: "
            "--default-terms \"30D\")");
  EXPECT_EQ(result->imported, 0);
  EXPECT_FALSE(result->written());
  EXPECT_EQ(Count("SELECT count(*) FROM invoices"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM einvoice_files"), 0);

  result =
      ledger.ImportEInvoices(XmlInvoices(), {.skip_bad = true}, kRecording);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 4);
  EXPECT_EQ(result->rejected, 1);
  EXPECT_THAT(result->rejected_lines, ElementsAre("FX-2026-0003.xml"));
  EXPECT_EQ(Count("SELECT count(*) FROM invoices"), 2);  // 0001, 0002
}

TEST_F(LedgerEInvoiceTest, FilesOfTheWrongKindOrUnreadable) {
  Ledger ledger = Open();
  absl::StatusOr<ImportResult> result =
      ledger.ImportEInvoices({Example("statuses/FX-2026-0001_200_deposee.xml"),
                              {.name = "broken.xml", .bytes = "<Invoice>"}},
                             {}, kRecording);
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->errors.size(), 2u);
  EXPECT_THAT(result->errors[0].ToString(),
              HasSubstr("broken.xml: not well-formed XML"));
  EXPECT_THAT(result->errors[1].ToString(),
              HasSubstr("a lifecycle message (CDAR), not an invoice"));
  result = ledger.ImportStatuses({Example("FX-2026-0001.xml")}, {}, kRecording);
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_THAT(result->errors[0].message,
              HasSubstr("an invoice, not a lifecycle message"));
  // The buyer has no identifier: the host names the customer.
  EInvoiceFileText anonymous = Example("FX-2026-0001.xml");
  for (const char* id : {"<ram:ID>C-1001</ram:ID>",
                         "<ram:ID schemeID=\"0002\">452187636</ram:ID>",
                         "<ram:ID schemeID=\"VA\">FR72452187636</ram:ID>"}) {
    const size_t at = anonymous.bytes.find(id);
    ASSERT_NE(at, std::string::npos) << id;
    anonymous.bytes.erase(at, std::string_view(id).size());
  }
  result = ledger.ImportEInvoices({anonymous}, {}, kRecording);
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_THAT(result->errors[0].message, HasSubstr("give the customer"));
  result =
      ledger.ImportEInvoices({anonymous}, {.customer = "DUPONT"}, kRecording);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 1);
  EXPECT_THAT(ledger.CustomerOf("FX-2026-0001"), IsOkAndHolds("DUPONT"));
}

TEST_F(LedgerEInvoiceTest, StatusesBecomeFactsAndEvidence) {
  Ledger ledger = Open();
  ASSERT_THAT(ledger.ImportEInvoices(XmlInvoices(), {.default_terms = "30D"},
                                     kRecording),
              IsOk());
  const std::vector<EInvoiceFileText> statuses = {
      Example("statuses/FX-2026-0001_200_deposee.xml"),
      Example("statuses/FX-2026-0002_207_en-litige.xml"),
      Example("statuses/FX-2026-0001_212_encaissee.xml")};
  absl::StatusOr<ImportResult> result =
      ledger.ImportStatuses(statuses, {}, kRecording);
  ASSERT_THAT(result, IsOk());
  EXPECT_THAT(result->errors, ::testing::IsEmpty());
  EXPECT_EQ(result->rows, 3);
  EXPECT_EQ(result->imported, 3);
  // 200 Déposée: evidence, kept without a journal entry.
  ASSERT_GE(result->notes.size(), 1u);
  EXPECT_THAT(result->notes[0], HasSubstr("200"));
  EXPECT_EQ(Count("SELECT count(*) FROM einvoice_statuses WHERE code = 200 "
                  "AND effect = 'evidence' AND journal_sequence IS NULL"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM einvoice_statuses WHERE "
                  "journal_sequence IS NOT NULL"),
            2);
  // 212: 600.00 EUR cashed on 2026-03-12, into the payments table too.
  absl::StatusOr<std::vector<JournalEntry>> history =
      ledger.InvoiceHistory("FX-2026-0001");
  ASSERT_THAT(history, IsOk());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ(history->back().event.kind, EventKind::kPaymentReceived);
  EXPECT_EQ(history->back().event.amount, *Money::Parse("600.00 EUR"));
  EXPECT_EQ(history->back().event.date, MakeDate(2026, 3, 12));
  EXPECT_EQ(Count("SELECT amount_minor FROM payments WHERE invoice_id = "
                  "'FX-2026-0001'"),
            60000);
  // 207 with MNATTC 348.00: a partial dispute of that amount.
  history = ledger.InvoiceHistory("FX-2026-0002");
  ASSERT_THAT(history, IsOk());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(history->back().event.kind, EventKind::kDisputeOpened);
  EXPECT_EQ(history->back().event.amount, *Money::Parse("348.00 EUR"));

  // Again: every status is there already.
  result = ledger.ImportStatuses(statuses, {}, kRecording);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 0);
  EXPECT_EQ(result->unchanged, 3);
}

TEST_F(LedgerEInvoiceTest, AStatusOfAnUnknownInvoiceRefusesTheImport) {
  Ledger ledger = Open();
  ASSERT_THAT(ledger.ImportEInvoices(XmlInvoices(), {.default_terms = "30D"},
                                     kRecording),
              IsOk());
  // FA-2026-0053 is a portfolio invoice this ledger does not hold.
  absl::StatusOr<ImportResult> result = ledger.ImportStatuses(
      {Example("statuses/FX-2026-0001_212_encaissee.xml"),
       Example("statuses/FA-2026-0053_211_paiement-transmis.xml")},
      {}, kRecording);
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].ToString(),
            "statuses/FA-2026-0053_211_paiement-transmis.xml:1 (MDT-87): "
            "no invoice "
            "\"FA-2026-0053\" in the ledger (import its invoice first)");
  EXPECT_FALSE(result->written());
  EXPECT_EQ(Count("SELECT count(*) FROM einvoice_statuses"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM payments"), 0);
  // With skip_bad the 212 goes in.
  result = ledger.ImportStatuses(
      {Example("statuses/FX-2026-0001_212_encaissee.xml"),
       Example("statuses/FA-2026-0053_211_paiement-transmis.xml")},
      {.skip_bad = true}, kRecording);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 1);
  EXPECT_EQ(result->rejected, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM payments"), 1);
}

TEST_F(LedgerEInvoiceTest, TheDemosPdf) {
  Ledger ledger = Open();
  absl::StatusOr<ImportResult> result =
      ledger.ImportEInvoices({Example("FX-2026-0006.pdf")}, {}, kRecording);
  ASSERT_THAT(result, IsOk());
  if (!EInvoicePdfSupported()) {
    ASSERT_EQ(result->errors.size(), 1u);
    EXPECT_THAT(result->errors[0].message, HasSubstr("without PDF support"));
    return;
  }
  EXPECT_THAT(result->errors, ::testing::IsEmpty());
  EXPECT_EQ(result->imported, 1);
  // 3900.00 EUR due 2026-04-08 for C-1004 (README).
  absl::StatusOr<std::vector<JournalEntry>> history =
      ledger.InvoiceHistory("FX-2026-0006");
  ASSERT_THAT(history, IsOk());
  EXPECT_EQ(history->front().customer, "C-1004");
  EXPECT_EQ(history->front().event.amount, *Money::Parse("3900.00 EUR"));
  EXPECT_EQ(history->front().event.due_date, MakeDate(2026, 4, 8));
}

// The 212 "Encaissée" of a payment, from the invoice's e-invoice as
// imported: FX-2026-0001 has one VAT rate (1200.00 at 20 %), so the 600.00
// cashed (its own 212 status, imported) is one MEN amount at 20 %.
TEST_F(LedgerEInvoiceTest, TheCashedStatusOfAPayment) {
  Ledger ledger = Open();
  ASSERT_THAT(
      ledger.ImportEInvoices({Example("FX-2026-0001.xml")}, {}, kRecording),
      IsOk());
  ASSERT_THAT(
      ledger.ImportStatuses(
          {Example("statuses/FX-2026-0001_212_encaissee.xml")}, {}, kRecording),
      IsOk());
  absl::StatusOr<std::string> xml =
      ledger.CashedStatus("CDV-FX-2026-0001-07#FX-2026-0001#212");
  ASSERT_THAT(xml, IsOk());
  absl::StatusOr<EInvoiceStatusMessage> message =
      ReadEInvoiceStatuses(*xml, "212.xml");
  ASSERT_THAT(message, IsOk());
  EXPECT_EQ(message->id, "CDV-212-CDV-FX-2026-0001-07#FX-2026-0001#212");
  ASSERT_EQ(message->statuses.size(), 1u);
  const EInvoiceStatus& status = message->statuses[0];
  EXPECT_EQ(status.code, 212);
  EXPECT_EQ(status.invoice_number, "FX-2026-0001");
  EXPECT_EQ(status.date, MakeDate(2026, 3, 12));
  EXPECT_EQ(status.seller_id, "812345678");
  ASSERT_EQ(status.amounts.size(), 1u);
  EXPECT_EQ(status.amounts[0].amount, *Money::Parse("600.00 EUR"));
  EXPECT_EQ(status.amounts[0].vat_rate, Rate::FromPercent(20));

  EXPECT_THAT(ledger.CashedStatus("P-none"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("P-none")));
}

// Two VAT rates: ubl-21-extended-ctc-fr.xml (tests/data/einvoice, akretion
// factur-x, BSD) has 138.00 + 27.60 VAT at 20 % and 135.00 + 7.43 at 5.5 %
// (308.03 with VAT, 208.03 due). A payment of 208.03 is split in
// proportion: 208.03 x 165.60 / 308.03 = 111.839 and 208.03 x 142.43 /
// 308.03 = 96.191; the cent left by 111.83 + 96.19 goes to the larger
// remainder: 111.84 and 96.19.
TEST_F(LedgerEInvoiceTest, TheCashedStatusSplitsByVatRate) {
  Ledger ledger = Open();
  std::ifstream file(std::string(RELANCE_SOURCE_DIR) +
                         "/tests/data/einvoice/ubl-21-extended-ctc-fr.xml",
                     std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  ASSERT_THAT(
      ledger.ImportEInvoices({{.name = "F124212.xml", .bytes = bytes.str()}},
                             {}, kRecording),
      IsOk());
  absl::StatusOr<std::string> invoice = ledger.CustomerOf("F124212");
  ASSERT_THAT(invoice, IsOk());
  ASSERT_THAT(ledger.RecordEvent("",
                                 Event{.date = MakeDate(2026, 7, 10),
                                       .kind = EventKind::kPaymentReceived,
                                       .invoice = "F124212",
                                       .amount = *Money::Parse("208.03 EUR")},
                                 "PAY-1", kRecording),
              IsOk());
  absl::StatusOr<std::string> xml = ledger.CashedStatus("PAY-1");
  ASSERT_THAT(xml, IsOk());
  absl::StatusOr<EInvoiceStatusMessage> message =
      ReadEInvoiceStatuses(*xml, "212.xml");
  ASSERT_THAT(message, IsOk());
  const std::vector<EInvoiceStatusAmount>& amounts =
      message->statuses.at(0).amounts;
  ASSERT_EQ(amounts.size(), 2u);
  EXPECT_EQ(amounts[0].amount, *Money::Parse("111.84 EUR"));
  EXPECT_EQ(amounts[0].vat_rate, Rate::FromPercent(20));
  EXPECT_EQ(amounts[1].amount, *Money::Parse("96.19 EUR"));
  EXPECT_EQ(amounts[1].vat_rate, Rate::FromBasisPoints(550));
}

// A payment on an invoice not imported from an e-invoice has no 212.
TEST_F(LedgerEInvoiceTest, NoCashedStatusWithoutTheEInvoice) {
  Ledger ledger = Open();
  ParsedRows<InvoiceRow> rows;
  rows.rows.push_back(InvoiceRow{.origin = {.file = "i.csv", .line = 2},
                                 .id = "F-1",
                                 .customer = "C-1",
                                 .issue_date = MakeDate(2026, 1, 5),
                                 .amount = *Money::Parse("100.00 EUR"),
                                 .terms = "30D"});
  ASSERT_THAT(ledger.ImportInvoices(rows, {}, kRecording), IsOk());
  ASSERT_THAT(ledger.RecordEvent("",
                                 Event{.date = MakeDate(2026, 2, 1),
                                       .kind = EventKind::kPaymentReceived,
                                       .invoice = "F-1",
                                       .amount = *Money::Parse("100.00 EUR")},
                                 "PAY-1", kRecording),
              IsOk());
  EXPECT_THAT(ledger.CashedStatus("PAY-1"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("was not imported from an e-invoice")));
}

// The same invoice in another file (its PDF after its XML, here the XML
// with a comment added): the invoice is unchanged, the new file kept.
TEST_F(LedgerEInvoiceTest, AnotherFileOfAnInvoiceAlreadyThereIsKept) {
  Ledger ledger = Open();
  ASSERT_THAT(
      ledger.ImportEInvoices({Example("FX-2026-0001.xml")}, {}, kRecording),
      IsOk());
  EInvoiceFileText copy = Example("FX-2026-0001.xml");
  copy.name = "FX-2026-0001-copy.xml";
  copy.bytes += "<!-- received again -->\n";
  absl::StatusOr<ImportResult> result =
      ledger.ImportEInvoices({copy}, {}, kRecording);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 0);
  EXPECT_EQ(result->unchanged, 1);
  EXPECT_EQ(Count("SELECT count(*) FROM einvoice_files"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM journal"), 1);
}

TEST_F(LedgerEInvoiceTest, OneNameTwiceAndBadDefaultTerms) {
  Ledger ledger = Open();
  EInvoiceFileText second = Example("FX-2026-0002.xml");
  second.name = "FX-2026-0001.xml";
  absl::StatusOr<ImportResult> result = ledger.ImportEInvoices(
      {Example("FX-2026-0001.xml"), second}, {}, kRecording);
  ASSERT_THAT(result, IsOk());
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].ToString(),
            "FX-2026-0001.xml: given twice in this import (each file once, "
            "by name)");
  EXPECT_FALSE(result->written());
  EXPECT_THAT(ledger.ImportEInvoices(XmlInvoices(), {.default_terms = "thirty"},
                                     kRecording),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("default terms \"thirty\": ")));
}

TEST_F(LedgerEInvoiceTest, ImportFileTextNamesTheKinds) {
  Ledger ledger = Open();
  EXPECT_THAT(ImportFileText(ledger, "pdf", "", "x", {}, kRecording),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("\"einvoice\" or \"statuses\", got \"pdf\"")));
  const EInvoiceFileText invoice = Example("FX-2026-0001.xml");
  absl::StatusOr<ImportResult> result = ImportFileText(
      ledger, "einvoice", invoice.bytes, invoice.name, {}, kRecording);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 1);
}

}  // namespace
}  // namespace relance::store
