#include "store/ledger.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/policy.hpp"
#include "status_matchers.hpp"
#include "store/schema.hpp"
#include "test_helpers.hpp"

namespace relance::store {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

Date D(int year, unsigned month, unsigned day) {
  return MakeDate(year, month, day);
}
Money M(std::string_view text) { return *Money::Parse(text); }

// A fresh ledger file per test, removed at the end.
class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = (std::filesystem::temp_directory_path() /
             (std::string("relance_ledger_") + info->name() + "_" +
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
  // Runs SQL on the file behind the ledger's back (a tamperer, a tool).
  void RawSql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(code, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }
  // A ledger of schema `version` holding customer C-1 and its invoice F-1
  // (EUR 1,000.00 issued 5 January 2026, due 4 February), as that version
  // of relance wrote it.
  void WriteOldLedger(int version) {
    {
      absl::StatusOr<Database> db = Database::Open(path_, true);
      ASSERT_THAT(db, IsOk());
      ASSERT_THAT(MigrateTo(*db, version), IsOk());
      EXPECT_EQ(*SchemaVersion(*db), version);
    }
    RawSql(
        "INSERT INTO customers (id) VALUES ('C-1');"
        "INSERT INTO journal VALUES (1, 'C-1', '2026-01-05', "
        "'invoice_issued', '{}', NULL, 'old', 'old', '', 'x', 'y');"
        "INSERT INTO invoices (id, customer_id, issue_date, currency, "
        "amount_minor, due_date, journal_sequence) VALUES ('F-1', 'C-1', "
        "'2026-01-05', 'EUR', 100000, '2026-02-04', 1);");
  }
  // The rows `sql` selects, each row's columns joined with '|'.
  std::vector<std::string> RawRows(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    std::vector<std::string> rows;
    char* error = nullptr;
    const int code = sqlite3_exec(
        db, sql.c_str(),
        [](void* out, int columns, char** values, char**) {
          std::string row;
          for (int i = 0; i < columns; ++i) {
            if (i > 0) row += '|';
            row += values[i] != nullptr ? values[i] : "NULL";
          }
          static_cast<std::vector<std::string>*>(out)->push_back(row);
          return 0;
        },
        &rows, &error);
    EXPECT_EQ(code, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
    return rows;
  }

  std::string path_;
};

const Recording kImport{.by = "test import", .at = "2026-03-31T07:00:00Z"};

InvoiceRow Invoice(std::string id, std::string customer, Date issue,
                   std::string_view amount, Date due, int line = 2) {
  return InvoiceRow{.origin = {.file = "invoices.csv", .line = line},
                    .id = std::move(id),
                    .customer = std::move(customer),
                    .issue_date = issue,
                    .amount = M(amount),
                    .due_date = due};
}

PaymentRow Payment(std::string invoice, Date date, std::string_view amount,
                   int line = 2) {
  const Money money = M(amount);
  return PaymentRow{
      .origin = {.file = "payments.csv", .line = line},
      .id = invoice + "@" + FormatDate(date),
      .invoice = std::move(invoice),
      .date = date,
      .amount = money,
      .currency = std::string(money.currency().code()),
      .amount_text = std::string(amount.substr(0, amount.find(' ')))};
}

template <typename Row>
ParsedRows<Row> Rows(std::vector<Row> rows) {
  return ParsedRows<Row>{.rows = std::move(rows)};
}

Policy StandardFr() {
  absl::StatusOr<Policy> policy = Policy::FromJson(
      ::relance::testing::ReadExampleFile("policies/standard_fr.json"));
  EXPECT_THAT(policy, IsOk());
  return *policy;
}

int64_t JournalSize(Ledger& ledger) { return ledger.Status()->journal_entries; }

TEST_F(LedgerTest, ANewLedgerHasTheLatestSchemaAndReopens) {
  {
    Ledger ledger = Open();
    absl::StatusOr<LedgerStatus> status = ledger.Status();
    ASSERT_THAT(status, IsOk());
    EXPECT_EQ(status->schema_version, kLedgerSchemaVersion);
    EXPECT_EQ(status->invoices, 0);
    EXPECT_FALSE(status->last_run_id.has_value());
  }
  EXPECT_THAT(Ledger::Open(path_, /*create=*/false), IsOk());
  EXPECT_THAT(
      Ledger::Open(path_ + ".missing", /*create=*/false),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no such file")));
}

TEST_F(LedgerTest, ANewerSchemaIsRefused) {
  { Ledger ledger = Open(); }
  RawSql("PRAGMA user_version = 99");
  EXPECT_THAT(Ledger::Open(path_),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr(absl::StrCat(
                           "schema version 99 is newer than this relance (",
                           kLedgerSchemaVersion, ")"))));
}

TEST_F(LedgerTest, AnotherDatabaseOrFileIsNotALedger) {
  RawSql("CREATE TABLE orders (id INTEGER)");
  EXPECT_THAT(Ledger::Open(path_),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("is a SQLite database but not a relance "
                                 "ledger")));
  Remove();
  std::FILE* text = std::fopen(path_.c_str(), "w");
  ASSERT_NE(text, nullptr);
  std::fputs("invoice_id,amount\nF-1,12.00\n and more text to fill a page",
             text);
  std::fclose(text);
  EXPECT_THAT(Ledger::Open(path_), StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(LedgerTest, AnOlderLedgerIsUpgradedKeepingItsFacts) {
  // A version-1 ledger with one invoice written by hand, as relance 1
  // would have.
  WriteOldLedger(1);
  Ledger ledger = Open();
  absl::StatusOr<LedgerStatus> status = ledger.Status();
  ASSERT_THAT(status, IsOk());
  EXPECT_EQ(status->schema_version, kLedgerSchemaVersion);
  EXPECT_EQ(status->invoices, 1);
  EXPECT_EQ(status->journal_entries, 1);
}

TEST_F(LedgerTest, AVersion3LedgerKeepsItsInvoiceStatesKeyedByCustomer) {
  // A version-3 ledger after one run, written by hand as relance wrote it.
  WriteOldLedger(3);
  RawSql(
      "INSERT INTO runs (id, as_of, policy_id, policy_version, policy_sha256, "
      "policy, recorded_by, recorded_at, customers, invoices, "
      "actions_planned, already_planned, failed) VALUES (1, '2026-02-10', "
      "'p', 1, '', '{}', 'old', 'old', 1, 1, 1, 0, 0);"
      "INSERT INTO invoice_state VALUES ('F-1', 1, 'overdue', 'reminder1', "
      "100000, 1234, 6);");
  Ledger ledger = Open();
  EXPECT_THAT(RawRows("SELECT * FROM invoice_state"),
              ElementsAre("C-1|F-1|1|overdue|reminder1|100000|1234|6"));
  EXPECT_THAT(ledger.Status()->invoices_per_state,
              ElementsAre(std::pair<std::string, int64_t>("overdue", 1)));
}

TEST_F(LedgerTest, ARunWritesOnlyTheInvoiceStatesThatChanged) {
  Ledger ledger = Open();
  ASSERT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "1200.00 EUR", D(2026, 2, 4), 2),
                                    Invoice("F-2", "C-1", D(2026, 2, 4),
                                            "500.00 EUR", D(2026, 3, 6), 3),
                                    Invoice("F-3", "C-2", D(2026, 2, 4),
                                            "80.00 EUR", D(2026, 3, 6), 4)}),
                  {}, kImport),
              IsOk());
  ASSERT_THAT(
      ledger.ImportPayments(
          Rows<PaymentRow>({Payment("F-1", D(2026, 2, 2), "1200.00 EUR")}), {},
          kImport),
      IsOk());
  ASSERT_THAT(ledger.Run(StandardFr(), "{}", D(2026, 3, 31), {}, kImport),
              IsOk());
  // Run 1 writes every invoice. F-1 was paid in full before its due date
  // (4 February): paid, 0 days late, nothing claimed. F-2 and F-3 are due
  // 6 March: 25 days late on 31 March.
  EXPECT_THAT(RawRows("SELECT customer_id, invoice_id, run_id, state, "
                      "days_late FROM invoice_state"),
              ElementsAre("C-1|F-1|1|paid|0", "C-1|F-2|1|overdue|25",
                          "C-2|F-3|1|overdue|25"));
  ASSERT_THAT(ledger.Run(StandardFr(), "{}", D(2026, 4, 1), {}, kImport),
              IsOk());
  // A day later the unpaid invoices are 26 days late and rewritten by run
  // 2; F-1, settled, did not change and keeps run 1's row. (An invoice
  // paid late whose penalties are still claimed changes every day: they
  // accrue until paid.)
  EXPECT_THAT(RawRows("SELECT customer_id, invoice_id, run_id, state, "
                      "days_late FROM invoice_state"),
              ElementsAre("C-1|F-1|1|paid|0", "C-1|F-2|2|overdue|26",
                          "C-2|F-3|2|overdue|26"));
}

TEST_F(LedgerTest, ImportingTheSameInvoicesAgainIsHarmless) {
  Ledger ledger = Open();
  const auto rows = Rows<InvoiceRow>(
      {Invoice("F-1", "C-1", D(2026, 1, 5), "1200.00 EUR", D(2026, 2, 4), 2),
       Invoice("F-2", "C-1", D(2026, 1, 9), "300.00 EUR", D(2026, 2, 8), 3),
       Invoice("F-3", "C-2", D(2026, 1, 9), "80.00 GBP", D(2026, 2, 8), 4)});
  absl::StatusOr<ImportResult> first = ledger.ImportInvoices(rows, {}, kImport);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->imported, 3);
  EXPECT_THAT(first->errors, IsEmpty());
  absl::StatusOr<ImportResult> again = ledger.ImportInvoices(rows, {}, kImport);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->imported, 0);
  EXPECT_EQ(again->unchanged, 3);
  absl::StatusOr<LedgerStatus> status = ledger.Status();
  EXPECT_EQ(status->invoices, 3);
  EXPECT_EQ(status->customers, 2);  // created from the invoices
  EXPECT_EQ(status->journal_entries, 3);
}

TEST_F(LedgerTest, AChangedInvoiceRefusesTheWholeImport) {
  Ledger ledger = Open();
  ASSERT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "1200.00 EUR", D(2026, 2, 4))}),
                  {}, kImport),
              IsOk());
  // A new invoice and F-1 with another amount: every error is reported and
  // nothing is written, not even F-9.
  const auto rows = Rows<InvoiceRow>(
      {Invoice("F-9", "C-1", D(2026, 1, 7), "50.00 EUR", D(2026, 2, 6), 2),
       Invoice("F-1", "C-1", D(2026, 1, 5), "1250.00 EUR", D(2026, 2, 4), 3)});
  absl::StatusOr<ImportResult> result =
      ledger.ImportInvoices(rows, {}, kImport);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 0);
  ASSERT_THAT(result->errors, SizeIs(1));
  EXPECT_EQ(result->errors[0].ToString(),
            "invoices.csv:3 (amount): invoice \"F-1\" is already in the "
            "ledger with another amount: an issued invoice is not changed "
            "(record a credit note or a payment instead)");
  EXPECT_EQ(ledger.Status()->invoices, 1);
  EXPECT_EQ(JournalSize(ledger), 1);
  // With skip_bad, F-9 goes in and F-1's line is rejected.
  absl::StatusOr<ImportResult> skipping =
      ledger.ImportInvoices(rows, {.skip_bad = true}, kImport);
  ASSERT_THAT(skipping, IsOk());
  EXPECT_EQ(skipping->imported, 1);
  EXPECT_EQ(skipping->rejected, 1);
  EXPECT_EQ(ledger.Status()->invoices, 2);
}

TEST_F(LedgerTest, PaymentsAreCheckedAgainstTheirInvoice) {
  Ledger ledger = Open();
  ASSERT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "1200.00 EUR", D(2026, 2, 4))}),
                  {}, kImport),
              IsOk());
  const auto rows =
      Rows<PaymentRow>({Payment("F-404", D(2026, 2, 1), "10.00 EUR", 2),
                        Payment("F-1", D(2026, 2, 1), "10.00 GBP", 3),
                        Payment("F-1", D(2026, 1, 2), "10.00 EUR", 4),
                        Payment("F-1", D(2026, 2, 10), "200.00 EUR", 5)});
  absl::StatusOr<ImportResult> result =
      ledger.ImportPayments(rows, {}, kImport);
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->imported, 0);
  ASSERT_THAT(result->errors, SizeIs(3));
  EXPECT_THAT(result->errors[0].ToString(),
              HasSubstr("payments.csv:2 (invoice_id): no invoice \"F-404\""));
  EXPECT_THAT(result->errors[1].ToString(),
              HasSubstr("payments.csv:3 (currency): the payment is in GBP, "
                        "invoice \"F-1\" in EUR"));
  EXPECT_THAT(result->errors[2].ToString(),
              HasSubstr("payments.csv:4 (payment_date): paid on 2026-01-02, "
                        "before invoice \"F-1\" was issued (2026-01-05)"));
  EXPECT_EQ(ledger.Status()->payments, 0);
}

// standard_fr: reminder1 at due + 1, call at + 8 (5 days after the
// previous level at least), reminder2 at + 15. F-1 of 1200.00 EUR is due
// 2026-02-04.
TEST_F(LedgerTest, RunTwicePlansOnceThenTheLadderContinues) {
  Ledger ledger = Open();
  const Policy policy = StandardFr();
  ASSERT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "1200.00 EUR", D(2026, 2, 4))}),
                  {}, kImport),
              IsOk());
  const Recording nightly{.by = "relance run", .at = "2026-02-06T06:00:00Z"};
  absl::StatusOr<RunResult> first =
      ledger.Run(policy, "{policy text}", D(2026, 2, 6), {}, nightly);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->customers, 1);
  EXPECT_EQ(first->invoices, 1);
  EXPECT_EQ(first->actions_planned, 1);
  ASSERT_THAT(first->planned, SizeIs(1));
  const PlannedAction& reminder = first->planned[0];
  EXPECT_EQ(reminder.communication.level, "reminder1");
  EXPECT_THAT(reminder.communication.invoices, ElementsAre("F-1"));
  EXPECT_THAT(reminder.communication.outstanding,
              ElementsAre(M("1200.00 EUR")));
  EXPECT_EQ(reminder.status, "planned");

  // The same night again: the engine proposes reminder1 again (it was not
  // sent), and the ledger plans nothing new.
  absl::StatusOr<RunResult> again =
      ledger.Run(policy, "{policy text}", D(2026, 2, 6), {}, nightly);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->actions_planned, 0);
  EXPECT_EQ(again->already_planned, 1);

  // Sent the next morning: reminder1 is done, recorded in the journal.
  absl::StatusOr<PlannedAction> sent =
      ledger.RecordSent(reminder.id, D(2026, 2, 7), kImport);
  ASSERT_THAT(sent, IsOk());
  EXPECT_EQ(sent->status, "done");
  EXPECT_THAT(ledger.RecordSent(reminder.id, std::nullopt, kImport),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("already recorded as sent on 2026-02-07")));
  absl::StatusOr<std::vector<JournalEntry>> history =
      ledger.InvoiceHistory("F-1");
  ASSERT_THAT(history, IsOk());
  ASSERT_THAT(*history, SizeIs(2));
  EXPECT_EQ((*history)[1].event.kind, EventKind::kActionPerformed);
  EXPECT_EQ((*history)[1].event.level, "reminder1");
  EXPECT_EQ((*history)[1].event.date, D(2026, 2, 7));
  EXPECT_EQ((*history)[1].source, absl::StrCat("action ", reminder.id));

  // 2026-02-12 = due + 8: the call (5 days after reminder1 of 7 February).
  absl::StatusOr<RunResult> later =
      ledger.Run(policy, "{policy text}", D(2026, 2, 12), {}, nightly);
  ASSERT_THAT(later, IsOk());
  ASSERT_THAT(later->planned, SizeIs(1));
  EXPECT_EQ(later->planned[0].communication.level, "call");
  absl::StatusOr<LedgerStatus> status = ledger.Status();
  EXPECT_EQ(status->actions_done, 1);
  EXPECT_EQ(status->actions_planned, 1);
  EXPECT_EQ(status->last_run_as_of, D(2026, 2, 12));
  EXPECT_EQ(status->last_run_policy, "standard-fr v1");
  EXPECT_THAT(status->invoices_per_state,
              ElementsAre(std::pair<std::string, int64_t>("overdue", 1)));
}

TEST_F(LedgerTest, AnActionSentIsAcknowledgedAndTheLadderDoesNotMove) {
  // F-1 and F-2 of C-1 (due 4 February): one reminder1 letter for both on
  // 6 February, planned as action 1.
  Ledger ledger = Open();
  const Policy policy = StandardFr();
  ASSERT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "1200.00 EUR", D(2026, 2, 4)),
                                    Invoice("F-2", "C-1", D(2026, 1, 5),
                                            "300.00 EUR", D(2026, 2, 4), 3)}),
                  {}, kImport),
              IsOk());
  const Recording nightly{.by = "relance run", .at = "2026-02-06T06:00:00Z"};
  absl::StatusOr<RunResult> run =
      ledger.Run(policy, "{policy text}", D(2026, 2, 6), {}, nightly);
  ASSERT_THAT(run, IsOk());
  ASSERT_THAT(run->planned, SizeIs(1));
  const int64_t id = run->planned[0].id;
  ASSERT_THAT(run->planned[0].communication.invoices,
              ElementsAre("F-1", "F-2"));
  // Not sent yet, or unknown: refused, nothing written.
  const int64_t before = JournalSize(ledger);
  EXPECT_THAT(ledger.RecordAcknowledged(id, D(2026, 2, 9), "", kImport),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr(absl::StrCat("action ", id,
                                              " is not recorded as sent"))));
  EXPECT_THAT(
      ledger.RecordAcknowledged(999, D(2026, 2, 9), "", kImport),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("no action 999")));
  ASSERT_THAT(ledger.RecordSent(id, D(2026, 2, 7), kImport), IsOk());
  // Received before it was sent: refused.
  EXPECT_THAT(ledger.RecordAcknowledged(id, D(2026, 2, 6), "", kImport),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("was sent on 2026-02-07: it cannot have been "
                                 "acknowledged on 2026-02-06")));
  EXPECT_EQ(JournalSize(ledger), before + 1);  // the action_performed only

  absl::StatusOr<JournalEntry> entry = ledger.RecordAcknowledged(
      id, D(2026, 2, 9), "signed: M. Dupont", kImport);
  ASSERT_THAT(entry, IsOk());
  EXPECT_EQ(entry->customer, "C-1");
  EXPECT_EQ(entry->event.kind, EventKind::kActionAcknowledged);
  EXPECT_EQ(entry->event.date, D(2026, 2, 9));
  EXPECT_EQ(entry->event.reference, absl::StrCat("action ", id));
  EXPECT_THAT(entry->event.invoices, ElementsAre("F-1", "F-2"));
  EXPECT_EQ(entry->event.reason, "signed: M. Dupont");
  EXPECT_EQ(JournalSize(ledger), before + 2);
  // In each invoice's history, after its action.
  absl::StatusOr<std::vector<JournalEntry>> history =
      ledger.InvoiceHistory("F-2");
  ASSERT_THAT(history, IsOk());
  ASSERT_THAT(*history, SizeIs(3));
  EXPECT_EQ((*history)[1].event.kind, EventKind::kActionPerformed);
  EXPECT_EQ((*history)[2].event.kind, EventKind::kActionAcknowledged);
  // The ladder goes on as if it were not there: on 12 February (due + 8),
  // the call, as in RunTwicePlansOnceThenTheLadderContinues.
  absl::StatusOr<RunResult> later =
      ledger.Run(policy, "{policy text}", D(2026, 2, 12), {}, nightly);
  ASSERT_THAT(later, IsOk());
  ASSERT_THAT(later->planned, SizeIs(1));
  EXPECT_EQ(later->planned[0].communication.level, "call");
}

TEST_F(LedgerTest, LevelsSentBeforeRelanceContinueTheLadder) {
  Ledger ledger = Open();
  InvoiceRow row =
      Invoice("F-1", "C-1", D(2026, 1, 5), "1200.00 EUR", D(2026, 2, 4));
  // courtesy and reminder1 went out before relance: the call is next, due
  // at + 8 = 12 February.
  row.last_level_sent = 2;
  ASSERT_THAT(ledger.ImportInvoices(Rows<InvoiceRow>({row}), {}, kImport),
              IsOk());
  absl::StatusOr<RunResult> run =
      ledger.Run(StandardFr(), "{}", D(2026, 2, 12), {}, kImport);
  ASSERT_THAT(run, IsOk());
  ASSERT_THAT(run->planned, SizeIs(1));
  EXPECT_EQ(run->planned[0].communication.level, "call");
}

// uk_late_payment: reminder1 at due + 1 too, but its minimum is 20.00 GBP
// (standard_fr has none in GBP). C-2, British, owes 10.00 GBP: under its
// jurisdiction's policy it gets no reminder; under standard_fr it would.
TEST_F(LedgerTest, CustomersOfAJurisdictionRunUnderItsPolicy) {
  Ledger ledger = Open();
  ASSERT_THAT(
      ledger.ImportCustomers(
          Rows<CustomerRow>({{.origin = {.file = "customers.csv", .line = 2},
                              .id = "C-1",
                              .jurisdiction = "FR"},
                             {.origin = {.file = "customers.csv", .line = 3},
                              .id = "C-2",
                              .jurisdiction = "GB"}}),
          {}, kImport),
      IsOk());
  ASSERT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "1200.00 EUR", D(2026, 2, 4), 2),
                                    Invoice("F-2", "C-2", D(2026, 1, 5),
                                            "10.00 GBP", D(2026, 2, 4), 3)}),
                  {}, kImport),
              IsOk());
  absl::StatusOr<RunResult> one_policy =
      ledger.Run(StandardFr(), "{}", D(2026, 2, 6), {.dry_run = true}, kImport);
  ASSERT_THAT(one_policy, IsOk());
  ASSERT_THAT(one_policy->planned, SizeIs(2));
  // A dry run records nothing: neither the run nor its actions have an id.
  EXPECT_EQ(one_policy->run_id, 0);
  EXPECT_EQ(one_policy->planned[0].id, 0);
  EXPECT_EQ(one_policy->planned[0].run_id, 0);
  const std::string uk_text =
      ::relance::testing::ReadExampleFile("policies/uk_late_payment.json");
  RunOptions options;
  options.jurisdiction_policies.push_back({.jurisdiction = "GB",
                                           .policy = *Policy::FromJson(uk_text),
                                           .text = uk_text});
  absl::StatusOr<RunResult> run =
      ledger.Run(StandardFr(), "{}", D(2026, 2, 6), options, kImport);
  ASSERT_THAT(run, IsOk());
  ASSERT_THAT(run->planned, SizeIs(1));
  EXPECT_EQ(run->planned[0].customer, "C-1");
  EXPECT_THAT(run->jurisdiction_policies,
              ElementsAre(std::pair<std::string, std::string>(
                  "GB", Policy::FromJson(uk_text)->Label())));
  // The run keeps the policies it used, for reports.
  absl::StatusOr<std::optional<Ledger::RunPolicyTexts>> kept =
      ledger.LastRunPolicies();
  ASSERT_THAT(kept, IsOk());
  ASSERT_TRUE(kept->has_value());
  EXPECT_EQ((*kept)->policy, "{}");
  ASSERT_THAT((*kept)->by_jurisdiction, SizeIs(1));
  EXPECT_EQ((*kept)->by_jurisdiction[0].first, "GB");
  EXPECT_EQ((*kept)->by_jurisdiction[0].second, uk_text);
}

TEST_F(LedgerTest, AnImpossibleFactIsRefusedAndNothingWritten) {
  Ledger ledger = Open();
  ASSERT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "1200.00 EUR", D(2026, 2, 4))}),
                  {}, kImport),
              IsOk());
  // A dispute resolved that was never opened.
  const Event resolved{.date = D(2026, 2, 10),
                       .kind = EventKind::kDisputeResolved,
                       .invoice = "F-1",
                       .outcome = DisputeOutcome::kRejected};
  EXPECT_THAT(ledger.RecordEvent("", resolved, "", kImport),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("dispute_resolved")));
  EXPECT_EQ(JournalSize(ledger), 1);
  // An unknown invoice.
  Event dispute{.date = D(2026, 2, 10),
                .kind = EventKind::kDisputeOpened,
                .invoice = "F-404"};
  EXPECT_THAT(
      ledger.RecordEvent("", dispute, "", kImport),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("no invoice \"F-404\"")));
  // The right order is accepted.
  dispute.invoice = "F-1";
  ASSERT_THAT(ledger.RecordEvent("", dispute, "", kImport), IsOk());
  ASSERT_THAT(ledger.RecordEvent("", resolved, "", kImport), IsOk());
  EXPECT_EQ(JournalSize(ledger), 3);
}

TEST_F(LedgerTest, APaymentRecordedEntersThePaymentsTable) {
  Ledger ledger = Open();
  ASSERT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "1200.00 EUR", D(2026, 2, 4))}),
                  {}, kImport),
              IsOk());
  const Event paid{.date = D(2026, 2, 20),
                   .kind = EventKind::kPaymentReceived,
                   .invoice = "F-1",
                   .amount = M("1200.00 EUR")};
  absl::StatusOr<JournalEntry> entry =
      ledger.RecordEvent("", paid, "VIR-77", kImport);
  ASSERT_THAT(entry, IsOk());
  EXPECT_EQ(entry->sequence, 2);
  EXPECT_EQ(entry->customer, "C-1");
  EXPECT_EQ(ledger.Status()->payments, 1);
  EXPECT_THAT(ledger.RecordEvent("", paid, "VIR-77", kImport),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("payment \"VIR-77\" is already")));
  // Paid in full: a run plans nothing for it.
  absl::StatusOr<RunResult> run =
      ledger.Run(StandardFr(), "{}", D(2026, 3, 31), {}, kImport);
  ASSERT_THAT(run, IsOk());
  EXPECT_THAT(run->planned, IsEmpty());
}

// `relance letter ACTION_ID` makes the decision behind an action again.
// F-1 (1 200,00 EUR due 4 February) gets reminder1 on 6 February for the
// whole 1 200,00 EUR; a payment of 500,00 EUR dated that same day but
// recorded after the run does not change the action made again (the run
// saw 1 200,00 EUR), while evaluating today's journal would give 700,00.
TEST_F(LedgerTest, AnActionsDecisionIsMadeAgainAsItsRunSawIt) {
  Ledger ledger = Open();
  const std::string policy_text =
      ::relance::testing::ReadExampleFile("policies/standard_fr.json");
  ASSERT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "1200.00 EUR", D(2026, 2, 4))}),
                  {}, kImport),
              IsOk());
  absl::StatusOr<RunResult> run =
      ledger.Run(StandardFr(), policy_text, D(2026, 2, 6), {}, kImport);
  ASSERT_THAT(run, IsOk());
  ASSERT_THAT(run->planned, SizeIs(1));
  const int64_t action = run->planned[0].id;
  const Event paid{.date = D(2026, 2, 6),
                   .kind = EventKind::kPaymentReceived,
                   .invoice = "F-1",
                   .amount = M("500.00 EUR")};
  ASSERT_THAT(ledger.RecordEvent("", paid, "VIR-1", kImport), IsOk());

  absl::StatusOr<ReplayedAction> replayed = ledger.ReplayAction(action, {});
  ASSERT_THAT(replayed, IsOk());
  EXPECT_EQ(replayed->policy.id(), "standard-fr");
  const Communication& again =
      replayed->decision.actions[replayed->communication];
  EXPECT_EQ(again.level, "reminder1");
  EXPECT_THAT(again.outstanding, ElementsAre(M("1200.00 EUR")));
  ASSERT_THAT(replayed->decision.invoices, SizeIs(1));
  EXPECT_EQ(replayed->decision.invoices[0].outstanding, M("1200.00 EUR"));

  EXPECT_THAT(ledger.ReplayAction(999, {}),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("no action 999 in the ledger")));
  // A run recorded before schema 5 kept no journal position: the whole
  // journal is read, the payment changes the decision, and the action is
  // not made again rather than given other figures.
  RawSql("UPDATE runs SET journal_sequence = NULL");
  EXPECT_THAT(ledger.ReplayAction(action, {}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("no longer gives this communication")));
}

// RunOptions::on_planned sees each communication the run plans, with its
// action id, inside the run; an error from it records nothing.
TEST_F(LedgerTest, OnPlannedSeesTheNewCommunicationsAndCanStopTheRun) {
  Ledger ledger = Open();
  ASSERT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "1200.00 EUR", D(2026, 2, 4))}),
                  {}, kImport),
              IsOk());
  const Policy policy = StandardFr();
  std::vector<std::string> seen;
  RunOptions options{.on_planned = [&](const PlannedCustomer& customer) {
    for (const auto& [index, id] : customer.planned) {
      seen.push_back(absl::StrCat(std::string(customer.customer), " ",
                                  customer.decision->actions[index].level, " ",
                                  id));
    }
    return absl::OkStatus();
  }};
  // A dry run: the communication is seen, without an id.
  options.dry_run = true;
  ASSERT_THAT(ledger.Run(policy, "{}", D(2026, 2, 6), options, kImport),
              IsOk());
  EXPECT_THAT(seen, ElementsAre("C-1 reminder1 0"));
  seen.clear();
  // The callback fails: the run is not recorded.
  RunOptions failing{.on_planned = [](const PlannedCustomer&) {
    return absl::InvalidArgumentError("the printer is out of paper");
  }};
  EXPECT_THAT(
      ledger.Run(policy, "{}", D(2026, 2, 6), failing, kImport),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("out of paper")));
  EXPECT_EQ(ledger.Status()->actions_planned, 0);
  EXPECT_FALSE(ledger.Status()->last_run_as_of.has_value());
  // Recorded: the id is the action's; the same night again sees nothing.
  options.dry_run = false;
  absl::StatusOr<RunResult> run =
      ledger.Run(policy, "{}", D(2026, 2, 6), options, kImport);
  ASSERT_THAT(run, IsOk());
  ASSERT_THAT(run->planned, SizeIs(1));
  EXPECT_THAT(seen,
              ElementsAre(absl::StrCat("C-1 reminder1 ", run->planned[0].id)));
  seen.clear();
  ASSERT_THAT(ledger.Run(policy, "{}", D(2026, 2, 6), options, kImport),
              IsOk());
  EXPECT_THAT(seen, IsEmpty());
}

TEST_F(LedgerTest, OneCustomersCaseAndAnInvoicesCustomer) {
  Ledger ledger = Open();
  ASSERT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "1200.00 EUR", D(2026, 2, 4))}),
                  {}, kImport),
              IsOk());
  EXPECT_THAT(ledger.CustomerOf("F-1"), IsOkAndHolds(std::string("C-1")));
  EXPECT_THAT(ledger.CustomerOf("F-9"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("F-9")));
  const Policy policy = StandardFr();
  absl::StatusOr<LedgerCase> found =
      ledger.CustomerCase("C-1", policy, D(2026, 2, 6));
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(found->assembled.customer_id, "C-1");
  ASSERT_THAT(found->assembled.events, SizeIs(1));
  EXPECT_EQ(found->assembled.events[0].kind, EventKind::kInvoiceIssued);
  EXPECT_EQ(found->policy, &policy);
  EXPECT_THAT(ledger.CustomerCase("C-9", policy, D(2026, 2, 6)),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("C-9")));
}

TEST_F(LedgerTest, ACustomersAddressIsKeptUntilAnotherIsGiven) {
  Ledger ledger = Open();
  const auto customer = [](std::vector<std::string> address, int line) {
    return CustomerRow{.origin = {.file = "customers.csv", .line = line},
                       .id = "C-1",
                       .name = "Dupont SA",
                       .address_lines = std::move(address)};
  };
  absl::StatusOr<ImportResult> first = ledger.ImportCustomers(
      Rows<CustomerRow>({customer({"48 cours Lafayette", "69003 Lyon"}, 2)}),
      {}, kImport);
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->imported, 1);
  // Stored as the lines joined by line feeds.
  EXPECT_THAT(RawRows("SELECT address FROM customers"),
              ElementsAre("48 cours Lafayette\n69003 Lyon"));
  // A file without an address (or an empty field) leaves it: unchanged.
  absl::StatusOr<ImportResult> without =
      ledger.ImportCustomers(Rows<CustomerRow>({customer({}, 2)}), {}, kImport);
  ASSERT_THAT(without, IsOk());
  EXPECT_EQ(without->unchanged, 1);
  EXPECT_THAT(RawRows("SELECT address FROM customers"),
              ElementsAre("48 cours Lafayette\n69003 Lyon"));
  // Another address replaces it.
  absl::StatusOr<ImportResult> moved = ledger.ImportCustomers(
      Rows<CustomerRow>({customer({"2 rue Neuve", "69002 Lyon"}, 2)}), {},
      kImport);
  ASSERT_THAT(moved, IsOk());
  EXPECT_EQ(moved->imported, 1);
  ASSERT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "1200.00 EUR", D(2026, 2, 4))}),
                  {}, kImport),
              IsOk());
  // The customer's case carries it, for its letters and dossiers.
  const Policy policy = StandardFr();
  absl::StatusOr<LedgerCase> found =
      ledger.CustomerCase("C-1", policy, D(2026, 2, 6));
  ASSERT_THAT(found, IsOk());
  EXPECT_THAT(found->address_lines, ElementsAre("2 rue Neuve", "69002 Lyon"));
  // So does a run's, and the replay of one of its actions.
  std::vector<std::string> planned_address;
  RunOptions options;
  options.on_planned = [&](const PlannedCustomer& planned) {
    planned_address.assign(planned.address_lines.begin(),
                           planned.address_lines.end());
    return absl::OkStatus();
  };
  absl::StatusOr<RunResult> run = ledger.Run(
      policy, ::relance::testing::ReadExampleFile("policies/standard_fr.json"),
      D(2026, 3, 31), options, kImport);
  ASSERT_THAT(run, IsOk());
  ASSERT_THAT(run->planned, Not(IsEmpty()));
  EXPECT_THAT(planned_address, ElementsAre("2 rue Neuve", "69002 Lyon"));
  absl::StatusOr<ReplayedAction> replayed =
      ledger.ReplayAction(run->planned[0].id, {});
  ASSERT_THAT(replayed, IsOk());
  EXPECT_THAT(replayed->address_lines,
              ElementsAre("2 rue Neuve", "69002 Lyon"));
}

TEST_F(LedgerTest, AVersion6LedgerGetsCustomersWithoutAddress) {
  WriteOldLedger(6);
  Ledger ledger = Open();
  EXPECT_EQ(ledger.Status()->schema_version, kLedgerSchemaVersion);
  EXPECT_THAT(RawRows("SELECT id, address FROM customers"),
              ElementsAre("C-1|"));
}

TEST_F(LedgerTest, VerifyFindsTheFirstAlteredEntry) {
  {
    Ledger ledger = Open();
    ASSERT_THAT(ledger.ImportInvoices(
                    Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                              "100.00 EUR", D(2026, 2, 4)),
                                      Invoice("F-2", "C-1", D(2026, 1, 6),
                                              "200.00 EUR", D(2026, 2, 5)),
                                      Invoice("F-3", "C-1", D(2026, 1, 7),
                                              "300.00 EUR", D(2026, 2, 6))}),
                    {}, kImport),
                IsOk());
    absl::StatusOr<VerifyResult> intact = ledger.Verify();
    ASSERT_THAT(intact, IsOk());
    EXPECT_TRUE(intact->ok());
    EXPECT_EQ(intact->entries, 3);
    EXPECT_EQ(intact->head_hash.size(), 64u);
  }
  // The journal refuses updates through SQL ...
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_NE(sqlite3_exec(db, "UPDATE journal SET source = 'x'", nullptr,
                         nullptr, &error),
            SQLITE_OK);
  EXPECT_THAT(error, HasSubstr("append-only"));
  sqlite3_free(error);
  sqlite3_close(db);
  // ... but someone who drops the trigger can change an amount: the hash
  // of entry 2 no longer matches.
  RawSql(
      "DROP TRIGGER journal_no_update;"
      "UPDATE journal SET event = replace(event, '200.00', '20.00') "
      "WHERE sequence = 2");
  {
    Ledger ledger = Open();
    absl::StatusOr<VerifyResult> altered = ledger.Verify();
    ASSERT_THAT(altered, IsOk());
    EXPECT_FALSE(altered->ok());
    EXPECT_EQ(altered->first_altered, 2);
    EXPECT_THAT(altered->problem, HasSubstr("entry 2 was altered"));
  }
  // A deleted entry is a gap.
  RawSql(
      "DROP TRIGGER journal_no_delete; DELETE FROM invoices WHERE id = "
      "'F-1'; DELETE FROM journal WHERE sequence = 1");
  Ledger ledger = Open();
  absl::StatusOr<VerifyResult> deleted = ledger.Verify();
  ASSERT_THAT(deleted, IsOk());
  EXPECT_EQ(deleted->first_altered, 1);
  EXPECT_THAT(deleted->problem, HasSubstr("entry 1 is missing"));
}

TEST_F(LedgerTest, ASecondWriterIsRefusedNotInterleaved) {
  Ledger ledger = Open();
  // Another process holds the write lock.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_THAT(ledger.ImportInvoices(
                  Rows<InvoiceRow>({Invoice("F-1", "C-1", D(2026, 1, 5),
                                            "100.00 EUR", D(2026, 2, 4))}),
                  {}, kImport),
              StatusIs(absl::StatusCode::kUnavailable,
                       HasSubstr("is in use by another relance process")));
  EXPECT_THAT(ledger.Run(StandardFr(), "{}", D(2026, 3, 1), {}, kImport),
              StatusIs(absl::StatusCode::kUnavailable));
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_EQ(ledger.Status()->invoices, 0);
}

}  // namespace
}  // namespace relance::store
