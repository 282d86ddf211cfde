#include "store/import_files.hpp"

#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/currency.hpp"
#include "relance/date.hpp"
#include "test_helpers.hpp"

namespace relance::store {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// Every error of a parse as its one-line text.
template <typename Row>
std::vector<std::string> Errors(const ParsedRows<Row>& parsed) {
  std::vector<std::string> texts;
  for (const RowError& error : parsed.errors) texts.push_back(error.ToString());
  return texts;
}

Currency Eur() { return *Currency::FromCode("EUR"); }

// --- CSV syntax (customers.csv, the simplest file) -------------------------

TEST(ImportCsv, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  // Line 1 header; line 2 a name with a comma; lines 3-4 one record whose
  // name holds a line break and a doubled quote; line 5 plain UTF-8.
  const std::string text =
      "customer_id,name,segment,language,jurisdiction\n"
      "C-1,\"Dupont, SARL\",smb,fr,FR\n"
      "C-2,\"Line one\nLine \"\"two\"\"\",,,\n"
      "C-3,Müller GmbH,,de,DE\n";
  const ParsedRows<CustomerRow> parsed = ParseCustomersCsv(text, "c.csv");
  EXPECT_THAT(Errors(parsed), IsEmpty());
  ASSERT_THAT(parsed.rows, SizeIs(3));
  EXPECT_EQ(parsed.rows[0].id, "C-1");
  EXPECT_EQ(parsed.rows[0].name, "Dupont, SARL");
  EXPECT_EQ(parsed.rows[0].segment, "smb");
  EXPECT_EQ(parsed.rows[0].language, "fr");
  EXPECT_EQ(parsed.rows[0].jurisdiction, "FR");
  EXPECT_EQ(parsed.rows[0].origin.file, "c.csv");
  EXPECT_EQ(parsed.rows[0].origin.line, 2);
  EXPECT_EQ(parsed.rows[1].name, "Line one\nLine \"two\"");
  EXPECT_EQ(parsed.rows[1].segment, "");
  EXPECT_EQ(parsed.rows[1].origin.line, 3);
  // The record of lines 3-4 counts two lines: the next starts on line 5.
  EXPECT_EQ(parsed.rows[2].name, "Müller GmbH");
  EXPECT_EQ(parsed.rows[2].origin.line, 5);
  EXPECT_THAT(parsed.rejected_lines, IsEmpty());
}

TEST(ImportCsv, ByteOrderMarkCrlfAndBlankLines) {
  // BOM before the header, CRLF line ends, blank lines (LF and CRLF) before
  // and between records, no line break at the end. Columns in another
  // order than the documentation's.
  const std::string text =
      "\xEF\xBB\xBF\r\nname,customer_id\r\n\r\nDupont,C-1\r\n\nDurand,C-2";
  const ParsedRows<CustomerRow> parsed = ParseCustomersCsv(text, "c.csv");
  EXPECT_THAT(Errors(parsed), IsEmpty());
  ASSERT_THAT(parsed.rows, SizeIs(2));
  EXPECT_EQ(parsed.rows[0].id, "C-1");
  EXPECT_EQ(parsed.rows[0].name, "Dupont");
  EXPECT_EQ(parsed.rows[0].origin.line, 4);
  EXPECT_EQ(parsed.rows[1].id, "C-2");
  EXPECT_EQ(parsed.rows[1].origin.line, 6);
  EXPECT_EQ(CsvHeaderLine(text), "name,customer_id");
}

TEST(ImportCsv, LoneCarriageReturnEndsALine) {
  // Old Mac line ends: a carriage return alone ends the record and the
  // line, so rows keep distinct line numbers (found by fuzzing).
  const ParsedRows<CustomerRow> parsed =
      ParseCustomersCsv("customer_id\rC-1\rC-2\r\nC-3", "c.csv");
  EXPECT_THAT(Errors(parsed), IsEmpty());
  ASSERT_THAT(parsed.rows, SizeIs(3));
  EXPECT_EQ(parsed.rows[0].origin.line, 2);
  EXPECT_EQ(parsed.rows[1].origin.line, 3);
  EXPECT_EQ(parsed.rows[2].origin.line, 4);
  EXPECT_EQ(CsvHeaderLine("customer_id\rC-1\r"), "customer_id");
}

TEST(ImportCsv, UnclosedQuoteLineCountsLoneCarriageReturns) {
  // Line 1 header, line 2 "C-1" (ended by a lone CR), the record of line 3
  // opens its quoted name on line 4 (after a CR LF inside the first quoted
  // field) and never closes it.
  const ParsedRows<CustomerRow> parsed = ParseCustomersCsv(
      "customer_id,name\nC-1,a\r\"C\r\n2\",\"Dupont", "c.csv");
  EXPECT_THAT(Errors(parsed),
              ElementsAre("c.csv:4:2: quoted field not closed: the file ends "
                          "inside it"));
  ASSERT_THAT(parsed.rows, SizeIs(1));
  EXPECT_THAT(parsed.rejected_lines, ElementsAre("\"C\r\n2\",\"Dupont"));
}

TEST(ImportCsv, SpacesAreNeverTrimmed) {
  // " C-1" would silently become "C-1" with libcsv's default space rule.
  const ParsedRows<CustomerRow> parsed =
      ParseCustomersCsv("customer_id,language\n C-1,fr\nC-2, fr\n", "c.csv");
  EXPECT_THAT(Errors(parsed),
              ElementsAre("c.csv:2:1 (customer_id): space at the start or end "
                          "of \" C-1\"",
                          "c.csv:3:2 (language): expected two lowercase "
                          "letters (\"fr\"), got \" fr\""));
  EXPECT_THAT(parsed.rows, IsEmpty());
  EXPECT_THAT(parsed.rejected_lines, ElementsAre(" C-1,fr", "C-2, fr"));
}

TEST(ImportCsv, QuotingErrorsNameTheRecordAndReadingResumes) {
  // Line 2: a quote inside an unquoted field (field 2). Line 3: a space
  // after a closing quote (field 1). Line 4 is good. Lines 5-6: a quoted
  // name opened on line 5 and never closed; the error names line 5.
  const std::string text =
      "customer_id,name\n"
      "C-1,Dupont \"SA\"\n"
      "\"C-2\" ,Durand\n"
      "C-3,Martin\n"
      "C-4,\"Petit\n"
      "and more\n";
  const ParsedRows<CustomerRow> parsed = ParseCustomersCsv(text, "c.csv");
  EXPECT_THAT(
      Errors(parsed),
      ElementsAre("c.csv:2:2: a quote inside an unquoted field (quote the "
                  "whole field and double the quote: \"a\"\"b\")",
                  "c.csv:3:1: expected ',' or the end of the line after a "
                  "closing quote, got space",
                  "c.csv:5:2: quoted field not closed: the file ends inside "
                  "it"));
  ASSERT_THAT(parsed.rows, SizeIs(1));
  EXPECT_EQ(parsed.rows[0].id, "C-3");
  EXPECT_EQ(parsed.rows[0].origin.line, 4);
  EXPECT_THAT(parsed.rejected_lines,
              ElementsAre("C-1,Dupont \"SA\"", "\"C-2\" ,Durand",
                          "C-4,\"Petit\nand more"));
}

TEST(ImportCsv, UnclosedQuoteNamesTheLineWhereTheFieldStarts) {
  // The record starts on line 2; its second field opens on line 3.
  const ParsedRows<CustomerRow> parsed =
      ParseCustomersCsv("customer_id,name\n\"C\n1\",\"Dupont\nSA\n", "c.csv");
  EXPECT_THAT(Errors(parsed),
              ElementsAre("c.csv:3:2: quoted field not closed: the file ends "
                          "inside it"));
  EXPECT_THAT(parsed.rows, IsEmpty());
}

TEST(ImportCsv, FieldCountMustMatchTheHeader) {
  const ParsedRows<CustomerRow> parsed = ParseCustomersCsv(
      "customer_id,name\nC-1\nC-2,Dupont,extra\nC-3,Durand\n", "c.csv");
  EXPECT_THAT(Errors(parsed), ElementsAre("c.csv:2: 1 fields, expected 2",
                                          "c.csv:3: 3 fields, expected 2"));
  ASSERT_THAT(parsed.rows, SizeIs(1));
  EXPECT_EQ(parsed.rows[0].id, "C-3");
  EXPECT_THAT(parsed.rejected_lines, ElementsAre("C-1", "C-2,Dupont,extra"));
}

TEST(ImportCsv, HeaderErrorsRejectEveryRow) {
  const ParsedRows<CustomerRow> parsed = ParseCustomersCsv(
      "name,Customer_ID,name,colour\nDupont,C-1,x,red\n", "c.csv");
  EXPECT_THAT(
      Errors(parsed),
      ElementsAre("c.csv:1:2: unknown column \"Customer_ID\"; the columns are "
                  "customer_id, name, segment, language, jurisdiction, address",
                  "c.csv:1:3 (name): column given twice (also column 1)",
                  "c.csv:1:4: unknown column \"colour\"; the columns are "
                  "customer_id, name, segment, language, jurisdiction, address",
                  "c.csv:1: missing required column \"customer_id\""));
  EXPECT_THAT(parsed.rows, IsEmpty());
  EXPECT_THAT(parsed.rejected_lines, ElementsAre("Dupont,C-1,x,red"));
}

TEST(ImportCsv, EmptyFileHasNoHeader) {
  for (const std::string text : {"", "\n\r\n", "\xEF\xBB\xBF"}) {
    const ParsedRows<CustomerRow> parsed = ParseCustomersCsv(text, "c.csv");
    EXPECT_THAT(Errors(parsed),
                ElementsAre("c.csv:1: no header: the file is empty (the "
                            "columns are customer_id, name, segment, "
                            "language, jurisdiction, address)"));
  }
}

TEST(ImportCsv, CustomerValues) {
  const std::string long_id(201, 'x');
  const std::string text =
      "customer_id,segment,language,jurisdiction\n"
      ",,,\n"  // 2: id required
      "C\x01"
      "1,,,\n"                // 3: control character
      + long_id + ",,,\n" +   // 4: 201 bytes
      "C-5,big one ,en,GB\n"  // 5: segment ends with a space
      "C-6,,fra,fr\n"         // 6: language and jurisdiction
      "C-7,,,\n"              // 7: good, every optional field empty
      "C-7,,,\n";             // 8: C-7 again
  const ParsedRows<CustomerRow> parsed = ParseCustomersCsv(text, "c.csv");
  EXPECT_THAT(
      Errors(parsed),
      ElementsAre(
          "c.csv:2:1 (customer_id): required",
          "c.csv:3:1 (customer_id): control character in \"C\\x011\"",
          ::testing::StartsWith(
              "c.csv:4:1 (customer_id): longer than 200 bytes (201): "),
          "c.csv:5:2 (segment): space at the start or end of \"big one \"",
          "c.csv:6:3 (language): expected two lowercase letters (\"fr\"), "
          "got \"fra\"",
          "c.csv:6:4 (jurisdiction): expected two uppercase letters "
          "(\"FR\"), got \"fr\"",
          "c.csv:8:1 (customer_id): \"C-7\" is already on line 7"));
  ASSERT_THAT(parsed.rows, SizeIs(1));
  EXPECT_EQ(parsed.rows[0].id, "C-7");
  EXPECT_EQ(parsed.rows[0].language, "");
  EXPECT_THAT(parsed.rejected_lines, SizeIs(6));
}

TEST(ImportCsv, NamesAreTextWithoutControlCharacters) {
  // A tab and a quoted line break are kept; an escape (0x1B) is refused.
  const ParsedRows<CustomerRow> parsed = ParseCustomersCsv(
      "customer_id,name\nC-1,Dupont\tSA\nC-2,\"a\nb\"\nC-3,\x1B[31mred\n",
      "c.csv");
  EXPECT_THAT(Errors(parsed),
              ElementsAre("c.csv:5:2 (name): control character in "
                          "\"\\x1B[31mred\""));
  ASSERT_THAT(parsed.rows, SizeIs(2));
  EXPECT_EQ(parsed.rows[0].name, "Dupont\tSA");
  EXPECT_EQ(parsed.rows[1].name, "a\nb");
}

TEST(ImportCsv, AnAddressIsOneLineOfTheLetterPerLineOfItsField) {
  // A quoted field holds the address's lines (CRLF or LF); the spaces around
  // each line and the blank lines are left out; a tab inside a line is
  // refused (a letter's line holds no control character).
  const ParsedRows<CustomerRow> parsed = ParseCustomersCsv(
      "customer_id,name,address\n"
      "C-1,Dupont,\"48 cours Lafayette\r\n 69003 Lyon \r\n\"\n"
      "C-2,Martin,\"3 place Grandcl\xC3\xA9ment\n\n69100 Villeurbanne\"\n"
      "C-3,Bernard,\n"
      "C-4,Petit,\"12 rue\tHaute\n69001 Lyon\"\n",
      "c.csv");
  EXPECT_THAT(Errors(parsed),
              ElementsAre("c.csv:9:3 (address): control character in address "
                          "line \"12 rue\\tHaute\""));
  ASSERT_THAT(parsed.rows, SizeIs(3));
  EXPECT_THAT(parsed.rows[0].address_lines,
              ElementsAre("48 cours Lafayette", "69003 Lyon"));
  EXPECT_THAT(parsed.rows[1].address_lines,
              ElementsAre("3 place Grandcl\xC3\xA9ment", "69100 Villeurbanne"));
  // Not given: the ledger keeps the address it has.
  EXPECT_THAT(parsed.rows[2].address_lines, IsEmpty());
}

TEST(ImportCsv, ErrorsAreCappedRowsAreNot) {
  // 1500 rows with a bad language: 1000 errors kept, then one saying how
  // many more (500), at the line of the first left out (row 1001, line
  // 1002). Every bad row is still rejected, the good one kept.
  std::string text = "customer_id,language\n";
  for (int i = 0; i < 1500; ++i) text += "C-" + std::to_string(i) + ",xx1\n";
  text += "C-good,fr\n";
  const ParsedRows<CustomerRow> parsed = ParseCustomersCsv(text, "c.csv");
  ASSERT_THAT(parsed.errors, SizeIs(kMaxImportErrors + 1));
  EXPECT_EQ(parsed.errors.back().ToString(),
            "c.csv:1002: ... and 500 more errors");
  EXPECT_THAT(parsed.rejected_lines, SizeIs(1500));
  ASSERT_THAT(parsed.rows, SizeIs(1));
  EXPECT_EQ(parsed.rows[0].origin.line, 1502);
}

TEST(ImportCsv, RejectsFileReadsBackToTheSameErrors) {
  const std::string text =
      "customer_id,name\r\n"
      "C-1,Dupont\r\n"
      "C-2,\"Durand,\r\nfils\",oops\r\n"  // 3 fields, over lines 3-4
      "C-1,Martin\r\n";                   // duplicate of line 2
  const ParsedRows<CustomerRow> parsed = ParseCustomersCsv(text, "c.csv");
  EXPECT_THAT(Errors(parsed),
              ElementsAre("c.csv:3: 3 fields, expected 2",
                          "c.csv:5:1 (customer_id): \"C-1\" is already on "
                          "line 2"));
  // The rejected records exactly as in the file (the line break inside
  // the quotes kept), without their final line break.
  EXPECT_THAT(parsed.rejected_lines,
              ElementsAre("C-2,\"Durand,\r\nfils\",oops", "C-1,Martin"));
  const std::string rejects =
      FormatRejects(CsvHeaderLine(text), parsed.rejected_lines);
  EXPECT_EQ(rejects,
            "customer_id,name\nC-2,\"Durand,\r\nfils\",oops\nC-1,Martin\n");
  // Read again: the first record still has 3 fields; C-1 alone is now good.
  const ParsedRows<CustomerRow> again = ParseCustomersCsv(rejects, "r.csv");
  EXPECT_THAT(Errors(again), ElementsAre("r.csv:2: 3 fields, expected 2"));
  ASSERT_THAT(again.rows, SizeIs(1));
  EXPECT_EQ(again.rows[0].name, "Martin");
}

// --- invoices.csv -----------------------------------------------------------

TEST(ImportInvoices, ExactAmountsDueDatesAndTerms) {
  const std::string text =
      "invoice_id,customer_id,issue_date,currency,amount,due_date,terms,"
      "disputed,last_level_sent\n"
      "F-1,C-1,2026-01-15,EUR,1234.56,2026-02-14,,0,0\n"
      "F-2,C-1,2026-01-20,JPY,1234,,30D+CM,1,12\n"
      "F-3,C-2,2026-01-31,EUR,0.05,2026-01-31,,,\n"
      "F-4,C-2,2026-01-31,BHD,1.250,,net 30,,\n";
  const ParsedRows<InvoiceRow> parsed = ParseInvoicesCsv(text, "i.csv");
  EXPECT_THAT(Errors(parsed), IsEmpty());
  ASSERT_THAT(parsed.rows, SizeIs(4));
  const InvoiceRow& f1 = parsed.rows[0];
  EXPECT_EQ(f1.id, "F-1");
  EXPECT_EQ(f1.customer, "C-1");
  EXPECT_EQ(f1.issue_date, MakeDate(2026, 1, 15));
  // "1234.56" EUR: 1234 euros and 56 cents, 123456 minor units.
  EXPECT_EQ(f1.amount.minor_units(), 123456);
  EXPECT_EQ(f1.amount.currency(), Eur());
  EXPECT_EQ(f1.due_date, MakeDate(2026, 2, 14));
  EXPECT_EQ(f1.terms, "");
  EXPECT_FALSE(f1.disputed);
  EXPECT_EQ(f1.last_level_sent, 0);
  // JPY has no minor unit: "1234" is 1234 yen.
  const InvoiceRow& f2 = parsed.rows[1];
  EXPECT_EQ(f2.amount.minor_units(), 1234);
  EXPECT_EQ(f2.amount.currency().code(), "JPY");
  EXPECT_EQ(f2.due_date, std::nullopt);
  EXPECT_EQ(f2.terms, "30D+CM");
  EXPECT_TRUE(f2.disputed);
  EXPECT_EQ(f2.last_level_sent, 12);
  // Five cents; due on the issue date is allowed; empty flags are 0.
  EXPECT_EQ(parsed.rows[2].amount.minor_units(), 5);
  EXPECT_FALSE(parsed.rows[2].disputed);
  // BHD has 3 decimals: "1.250" is 1250 fils.
  EXPECT_EQ(parsed.rows[3].amount.minor_units(), 1250);
  EXPECT_EQ(parsed.rows[3].terms, "net 30");
}

TEST(ImportInvoices, TheBenchmarkFormat) {
  // The first lines of make_portfolio.py --invoices 2000 --seed 1.
  const std::string text =
      "invoice_id,customer_id,issue_date,currency,amount,terms,disputed,"
      "last_level_sent\n"
      "INV000000001,C0000022,2024-09-13,EUR,1203.47,30D,0,6\n"
      "INV000000002,C0000015,2025-11-10,EUR,861.96,60D,0,0\n"
      "INV000000003,C0000015,2025-03-03,EUR,1500.00,CM+45D,1,0\n";
  const ParsedRows<InvoiceRow> parsed = ParseInvoicesCsv(text, "i.csv");
  EXPECT_THAT(Errors(parsed), IsEmpty());
  ASSERT_THAT(parsed.rows, SizeIs(3));
  EXPECT_EQ(parsed.rows[0].amount.minor_units(), 120347);
  EXPECT_EQ(parsed.rows[0].terms, "30D");
  EXPECT_EQ(parsed.rows[0].last_level_sent, 6);
  EXPECT_EQ(parsed.rows[2].amount.minor_units(), 150000);
  EXPECT_TRUE(parsed.rows[2].disputed);
}

TEST(ImportInvoices, EveryColumnsErrors) {
  const std::string text =
      "invoice_id,customer_id,issue_date,currency,amount,due_date,terms,"
      "disputed,last_level_sent\n"
      "F-1,C-1,2026-02-30,EUR,12.5,,30D,2,100\n"               // 2
      "F-2,,2026-01-15,EURO,1234.56,2026-02-01,,0,0\n"         // 3
      "F-3,C-1,2026-01-15,EUR, 12.00,,,0,0\n"                  // 4
      "F-4,C-1,2026-01-15,EUR,-12.00,2026-02-01,30D,0,0\n"     // 5
      "F-5,C-1,2026-01-15,EUR,0.00,2026-01-14,,0,07\n"         // 6
      "F-6,C-1,2026-01-15,JPY,12.50,,in a while,0,0\n"         // 7
      "F-7,C-1,2026-01-15,EUR,012.00,2026/02/01,,yes,x\n"      // 8
      "F-8,C-1,2026-01-15,EUR,1e3,,in a while,0,0\n"           // 9
      "F-9,C-1,2026-01-15,EUR,1000000000000000.00,,30D,0,0\n"  // 10
      "F-1,C-1,2026-01-15,EUR,1.00,,30D,0,0\n";                // 11
  const ParsedRows<InvoiceRow> parsed = ParseInvoicesCsv(text, "i.csv");
  const std::vector<std::string> errors = Errors(parsed);
  EXPECT_THAT(
      errors,
      ElementsAre(
          // 2: 2026 is not a leap year, then decimals, flag and level.
          HasSubstr("i.csv:2:3 (issue_date): date \"2026-02-30\""),
          "i.csv:2:5 (amount): expected 2 decimals (EUR), got \"12.5\"",
          "i.csv:2:8 (disputed): expected 0 or 1, got \"2\"",
          "i.csv:2:9 (last_level_sent): expected a whole number 0..99, got "
          "\"100\"",
          // 3: customer required; not an ISO 4217 code.
          "i.csv:3:2 (customer_id): required",
          HasSubstr("i.csv:3:4 (currency): "),
          // 4: a leading space; neither due_date nor terms.
          "i.csv:4:5 (amount): expected an amount like 1234.56, got \" "
          "12.00\"",
          "i.csv:4:6 (due_date): required: a due_date or terms",
          // 5: a sign; both due_date and terms.
          "i.csv:5:5 (amount): expected an amount like 1234.56, got "
          "\"-12.00\"",
          "i.csv:5:7 (terms): give either due_date or terms, not both "
          "(due_date is \"2026-02-01\")",
          // 6: zero; due the day before the issue; a level with a leading 0.
          "i.csv:6:5 (amount): must be positive, got \"0.00\"",
          "i.csv:6:6 (due_date): due date 2026-01-14 is before the issue "
          "date 2026-01-15",
          "i.csv:6:9 (last_level_sent): expected a whole number 0..99, got "
          "\"07\"",
          // 7: yen have no decimals; terms PaymentTerms::Parse refuses.
          "i.csv:7:5 (amount): expected no decimals (JPY), got \"12.50\"",
          HasSubstr("i.csv:7:7 (terms): "),
          // 8: leading zero, a date with slashes, words for flags.
          "i.csv:8:5 (amount): leading zero in \"012.00\"",
          HasSubstr("i.csv:8:6 (due_date): date \"2026/02/01\""),
          "i.csv:8:8 (disputed): expected 0 or 1, got \"yes\"",
          "i.csv:8:9 (last_level_sent): expected a whole number 0..99, got "
          "\"x\"",
          // 9: an exponent; the same terms error again (from the cache).
          "i.csv:9:5 (amount): expected an amount like 1234.56, got \"1e3\"",
          HasSubstr("i.csv:9:7 (terms): "),
          // 10: 10^15 euros are 10^17 cents: the largest amount is 10^17
          // minor units, so this one is just accepted; see below.
          // 11: F-1 again.
          "i.csv:11:1 (invoice_id): \"F-1\" is already on line 2"));
  // Line 9's terms error (errors[20]) is line 7's (errors[14]), the text
  // being parsed once.
  ASSERT_THAT(errors, SizeIs(22));
  EXPECT_EQ(errors[20].substr(errors[20].find(": ")),
            errors[14].substr(errors[14].find(": ")));
  ASSERT_THAT(parsed.rows, SizeIs(1));
  EXPECT_EQ(parsed.rows[0].id, "F-9");
  EXPECT_EQ(parsed.rows[0].amount.minor_units(), Money::kMaxMinorUnits);
  EXPECT_THAT(parsed.rejected_lines, SizeIs(9));
}

TEST(ImportInvoices, AmountBeyondTheLargest) {
  // 10^17 + 1 cents.
  const ParsedRows<InvoiceRow> parsed = ParseInvoicesCsv(
      "invoice_id,customer_id,issue_date,currency,amount,terms\n"
      "F-1,C-1,2026-01-15,EUR,1000000000000000.01,30D\n"
      "F-2,C-1,2026-01-15,EUR,99999999999999999999999.00,30D\n",
      "i.csv");
  EXPECT_THAT(Errors(parsed),
              ElementsAre("i.csv:2:5 (amount): above the largest amount "
                          "(10^17 minor units), got \"1000000000000000.01\"",
                          "i.csv:3:5 (amount): above the largest amount "
                          "(10^17 minor units), got "
                          "\"99999999999999999999999.00\""));
}

TEST(ImportInvoices, HeaderNeedsDueDateOrTerms) {
  const ParsedRows<InvoiceRow> parsed = ParseInvoicesCsv(
      "invoice_id,customer_id,issue_date,currency,amount\n"
      "F-1,C-1,2026-01-15,EUR,1.00\n",
      "i.csv");
  EXPECT_THAT(Errors(parsed),
              ElementsAre("i.csv:1: missing column \"due_date\" or \"terms\" "
                          "(each invoice gives one of them)"));
  EXPECT_THAT(parsed.rows, IsEmpty());
  EXPECT_THAT(parsed.rejected_lines,
              ElementsAre("F-1,C-1,2026-01-15,EUR,1.00"));
}

TEST(ImportInvoices, MissingRequiredColumns) {
  const ParsedRows<InvoiceRow> parsed =
      ParseInvoicesCsv("invoice_id,terms,issue_date\n", "i.csv");
  EXPECT_THAT(Errors(parsed),
              ElementsAre("i.csv:1: missing required column \"customer_id\"",
                          "i.csv:1: missing required column \"currency\"",
                          "i.csv:1: missing required column \"amount\""));
}

// --- payments.csv -----------------------------------------------------------

TEST(ImportPayments, DerivedIdsAndTheInvoicesCurrency) {
  // No payment_id column: ids from invoice, date and amount; the second
  // identical row (line 3) gets ~2, the third (line 5) ~3.
  const std::string text =
      "invoice_id,payment_date,amount\n"
      "F-1,2026-02-01,150.00\n"
      "F-1,2026-02-01,150.00\n"
      "F-1,2026-02-02,150.00\n"
      "F-1,2026-02-01,150.00\n";
  const ParsedRows<PaymentRow> parsed = ParsePaymentsCsv(text, "p.csv");
  EXPECT_THAT(Errors(parsed), IsEmpty());
  ASSERT_THAT(parsed.rows, SizeIs(4));
  EXPECT_EQ(parsed.rows[0].id, "F-1@2026-02-01#150.00");
  EXPECT_EQ(parsed.rows[1].id, "F-1@2026-02-01#150.00~2");
  EXPECT_EQ(parsed.rows[2].id, "F-1@2026-02-02#150.00");
  EXPECT_EQ(parsed.rows[3].id, "F-1@2026-02-01#150.00~3");
  EXPECT_EQ(parsed.rows[0].invoice, "F-1");
  EXPECT_EQ(parsed.rows[0].date, MakeDate(2026, 2, 1));
  // No currency: the amount waits for the invoice's.
  EXPECT_EQ(parsed.rows[0].currency, "");
  EXPECT_EQ(parsed.rows[0].amount_text, "150.00");
  EXPECT_EQ(parsed.rows[0].amount, Money());
  absl::StatusOr<Money> amount = PaymentAmount(parsed.rows[0], Eur());
  ASSERT_THAT(amount, IsOk());
  EXPECT_EQ(amount->minor_units(), 15000);
  // In yen "150.00" has two decimals too many.
  EXPECT_THAT(PaymentAmount(parsed.rows[0], *Currency::FromCode("JPY")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "expected no decimals (JPY), got \"150.00\""));
  // The same file gives the same ids.
  const ParsedRows<PaymentRow> again = ParsePaymentsCsv(text, "p.csv");
  ASSERT_THAT(again.rows, SizeIs(4));
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(again.rows[i].id, parsed.rows[i].id);
}

TEST(ImportPayments, ExplicitIdsAndCurrencies) {
  const std::string text =
      "payment_id,invoice_id,payment_date,amount,currency\n"
      "P-1,F-1,2026-02-01,150.00,EUR\n"  // 2: exact EUR
      "P-2,F-2,2026-02-01,150,JPY\n"     // 3: exact JPY
      ",F-3,2026-02-01,1.5,\n"           // 4: derived id, no currency
      "P-1,F-4,2026-02-01,1.00,EUR\n"    // 5: P-1 again
      "P-5,F-5,2026-02-31,1.5,EUR\n"     // 6: no such day, decimals
      "P-6,,2026-02-01,0,XYZ\n";         // 7: invoice, currency
  const ParsedRows<PaymentRow> parsed = ParsePaymentsCsv(text, "p.csv");
  EXPECT_THAT(
      Errors(parsed),
      ElementsAre("p.csv:5:1 (payment_id): \"P-1\" is already on line 2",
                  HasSubstr("p.csv:6:3 (payment_date): date \"2026-02-31\""),
                  "p.csv:6:4 (amount): expected 2 decimals (EUR), got \"1.5\"",
                  // A row's errors in column order. The currency is
                  // unknown: only the amount's form is checked.
                  "p.csv:7:2 (invoice_id): required",
                  "p.csv:7:4 (amount): must be positive, got \"0\"",
                  HasSubstr("p.csv:7:5 (currency): ")));
  ASSERT_THAT(parsed.rows, SizeIs(3));
  EXPECT_EQ(parsed.rows[0].id, "P-1");
  EXPECT_EQ(parsed.rows[0].currency, "EUR");
  EXPECT_EQ(parsed.rows[0].amount.minor_units(), 15000);
  EXPECT_EQ(parsed.rows[0].amount.currency(), Eur());
  EXPECT_EQ(parsed.rows[1].amount.minor_units(), 150);
  // Line 4: "1.5" is read as written; the invoice's currency decides.
  EXPECT_EQ(parsed.rows[2].id, "F-3@2026-02-01#1.5");
  EXPECT_THAT(PaymentAmount(parsed.rows[2], Eur()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "expected 2 decimals (EUR), got \"1.5\""));
  EXPECT_THAT(PaymentAmount(parsed.rows[0], *Currency::FromCode("USD")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "currency EUR differs from the invoice's USD"));
  EXPECT_THAT(PaymentAmount(parsed.rows[0], Eur()), IsOk());
}

// --- events.jsonl -----------------------------------------------------------

TEST(ImportEvents, ReadsEventsAndDerivesStableIds) {
  const std::string text =
      R"({"date": "2026-02-20", "type": "dispute_opened", "invoice": "F-1", "reason": "damaged"})"
      "\r\n\n"
      R"({"id": "E-7", "date": "2026-03-01", "type": "account_blocked", "customer": "C-1", "reason": "late"})"
      "\n  \n"
      R"({"type": "dispute_opened", "invoice": "F-1", "date": "2026-02-20", "reason": "damaged"})"
      "\n"
      R"({"date": "2026-03-05", "type": "segment_assigned", "customer": "C-1", "segment": "vip"})";
  const ParsedRows<EventRow> parsed = ParseEventsJsonl(text, "e.jsonl");
  EXPECT_THAT(Errors(parsed), IsEmpty());
  ASSERT_THAT(parsed.rows, SizeIs(4));
  const EventRow& dispute = parsed.rows[0];
  EXPECT_EQ(dispute.origin.line, 1);
  EXPECT_EQ(dispute.customer, "");
  EXPECT_EQ(dispute.event.kind, EventKind::kDisputeOpened);
  EXPECT_EQ(dispute.event.invoice, "F-1");
  EXPECT_EQ(dispute.event.reason, "damaged");
  // "E" and 16 hexadecimal digits.
  ASSERT_EQ(dispute.id.size(), 17u);
  EXPECT_EQ(dispute.id[0], 'E');
  EXPECT_EQ(dispute.id.find_first_not_of("0123456789abcdef", 1),
            std::string::npos);
  EXPECT_EQ(parsed.rows[1].id, "E-7");
  EXPECT_EQ(parsed.rows[1].customer, "C-1");
  EXPECT_EQ(parsed.rows[1].origin.line, 3);
  // Line 5 is line 1 with its keys in another order: the same event, the
  // second time: ~2.
  EXPECT_EQ(parsed.rows[2].origin.line, 5);
  EXPECT_EQ(parsed.rows[2].id, dispute.id + "~2");
  EXPECT_EQ(parsed.rows[3].event.segment, "vip");
  // Parsing again, or the lines elsewhere in a file, gives the same ids.
  const ParsedRows<EventRow> again = ParseEventsJsonl(text, "e.jsonl");
  ASSERT_THAT(again.rows, SizeIs(4));
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(again.rows[i].id, parsed.rows[i].id);
  const ParsedRows<EventRow> moved = ParseEventsJsonl(
      "\n\n"
      R"({"date":"2026-02-20","type":"dispute_opened","invoice":"F-1","reason":"damaged"})",
      "other.jsonl");
  ASSERT_THAT(moved.rows, SizeIs(1));
  EXPECT_EQ(moved.rows[0].id, dispute.id);
  // Another customer gives another id.
  const ParsedRows<EventRow> other = ParseEventsJsonl(
      R"({"customer":"C-9","date":"2026-02-20","type":"dispute_opened","invoice":"F-1","reason":"damaged"})",
      "e.jsonl");
  ASSERT_THAT(other.rows, SizeIs(1));
  EXPECT_NE(other.rows[0].id, dispute.id);
}

TEST(ImportEvents, AnIdIsUsedOnceEvenByABadLine) {
  // Line 1 is refused (an invoice event) but its id counts: line 2 reusing
  // it is an error too, so that fixing line 1 later cannot collide.
  const ParsedRows<EventRow> parsed = ParseEventsJsonl(
      R"({"id": "X", "date": "2026-02-20", "type": "invoice_issued"})"
      "\n"
      R"({"id": "X", "date": "2026-02-20", "type": "dispute_opened", "invoice": "F-1"})",
      "e.jsonl");
  EXPECT_THAT(Errors(parsed),
              ElementsAre(HasSubstr("e.jsonl:1 (type): "),
                          "e.jsonl:2 (id): event: id: \"X\" is already on "
                          "line 1"));
  EXPECT_THAT(parsed.rows, IsEmpty());
}

TEST(ImportEvents, Errors) {
  const std::string text =
      "{\"date\": \"2026-02-20\", \"type\": \"dispute_opened\"\n"  // 1
      "[1, 2]\n"                                                   // 2
      R"({"date": "2026-02-20", "type": "invoice_issued", "invoice": "F-1", "amount": "1.00 EUR", "due_date": "2026-03-01"})"
      "\n"  // 3
      R"({"date": "2026-02-20", "type": "payment_received", "invoice": "F-1", "amount": "1.00 EUR"})"
      "\n"  // 4
      R"({"date": "2026-02-20", "type": "account_blocked"})"
      "\n"  // 5
      R"({"date": "2026-02-30", "type": "account_blocked", "customer": "C-1"})"
      "\n"  // 6
      R"({"id": 7, "customer": "", "date": "2026-02-20", "type": "account_blocked"})"
      "\n"  // 7
      R"({"id": "X", "date": "2026-02-20", "type": "dispute_opened", "invoice": "F-1"})"
      "\n"  // 8
      R"({"id": "X", "date": "2026-02-21", "type": "dispute_opened", "invoice": "F-1"})"
      "\n";  // 9
  const ParsedRows<EventRow> parsed = ParseEventsJsonl(text, "e.jsonl");
  EXPECT_THAT(
      Errors(parsed),
      ElementsAre(
          HasSubstr("e.jsonl:1: event: invalid JSON"),
          "e.jsonl:2: event: expected an object, got array",
          "e.jsonl:3 (type): event: type: invoice_issued is not imported "
          "from events: use `relance import invoices` (invoices.csv)",
          "e.jsonl:4 (type): event: type: payment_received is not imported "
          "from events: use `relance import payments` (payments.csv)",
          "e.jsonl:5 (customer): event: customer: required on an event that "
          "names no invoice (account_blocked)",
          HasSubstr("e.jsonl:6: event: date: "),
          "e.jsonl:7 (id): event: id: expected a string, got integer",
          "e.jsonl:7 (customer): event: customer: required",
          "e.jsonl:9 (id): event: id: \"X\" is already on line 8"));
  ASSERT_THAT(parsed.rows, SizeIs(1));
  EXPECT_EQ(parsed.rows[0].id, "X");
  // An unknown key: the event reader's list, and this file's two keys.
  const ParsedRows<EventRow> colour = ParseEventsJsonl(
      R"({"date": "2026-02-20", "type": "dispute_opened", "invoice": "F", "colour": 1})",
      "e.jsonl");
  EXPECT_THAT(
      Errors(colour),
      ElementsAre(::testing::AllOf(
          HasSubstr("e.jsonl:1: event: unknown key \"colour\""),
          ::testing::EndsWith("; events.jsonl also takes id and customer"))));
  EXPECT_EQ(parsed.rows[0].origin.line, 8);
  ASSERT_THAT(parsed.rejected_lines, SizeIs(8));
  EXPECT_EQ(parsed.rejected_lines[1], "[1, 2]");
  EXPECT_EQ(FormatRejects("", {"a", "b"}), "a\nb\n");
}

// --- ReadImportFile ---------------------------------------------------------

TEST(ReadImportFile, ReadsRegularFilesOnly) {
  const std::string path = ::testing::TempDir() + "import_files_test.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "customer_id\nC-1\n";
  }
  EXPECT_THAT(ReadImportFile(path), ::relance::testing::IsOkAndHolds(
                                        std::string("customer_id\nC-1\n")));
  EXPECT_THAT(ReadImportFile(path + ".missing"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "file \"" + path +
                           ".missing\": cannot open: No such file or "
                           "directory"));
  EXPECT_THAT(ReadImportFile("/tmp"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "file \"/tmp\": is a directory, expected a regular "
                       "file"));
}

}  // namespace
}  // namespace relance::store
