// Tests for relance/portfolio_csv.hpp: a hand-written portfolio whose
// columns are worked out by hand, every kind of bad input with its exact
// message (line and column), CRLF line ends, an empty payments file, the
// files on disk, and writing back.
//
// Days since 1970-01-01 used below (as numpy's datetime64[D]):
//   1970-01-01 = 0
//   2024-01-01 = 19723 (54 years, 13 leap days: 54 x 365 + 13)
//   2024-02-29 = 19723 + 31 + 28 = 19782
//   2024-12-31 = 19723 + 365 = 20088 (2024 has 366 days)
//   2025-01-10 = 20089 + 9 = 20098
//   2025-12-01 = 20089 + 334 = 20423 (Jan..Nov 2025: 334 days)
//   2025-12-05 = 20427
#include "relance/portfolio_csv.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::CurrencyOf;
using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr std::string_view kInvoicesHeader =
    "invoice_id,customer_id,issue_date,currency,amount,terms,disputed,"
    "last_level_sent\n";
constexpr std::string_view kPaymentsHeader = "invoice_id,payment_date,amount\n";

// A1 at column 1, C1 at 4, the date at 7, EUR at 18, the amount at 22, the
// terms at 29, disputed at 32, last_level_sent at 34 (34 characters).
constexpr std::string_view kGoodRow = "A1,C1,2025-12-01,EUR,100.00,0D,0,0\n";

// The hand portfolio: three invoices, two customers, two terms; four
// payments given out of order.
const std::string kHandInvoices = std::string(kInvoicesHeader) +
                                  "A1,C1,2025-12-01,EUR,100.00,0D,0,0\n"
                                  "A2,C2,2024-02-29,EUR,0.05,30D+CM,1,3\n"
                                  "A3,C1,1970-01-01,EUR,1234567.89,0D,0,255\n";
const std::string kHandPayments = std::string(kPaymentsHeader) +
                                  "A3,2025-01-10,400.00\n"
                                  "A1,2025-12-05,10.00\n"
                                  "A3,2024-12-31,0.01\n"
                                  "A3,2025-01-10,1.00\n";

std::string Ids(const PortfolioIds& ids) {
  std::string all;
  for (size_t i = 0; i < ids.size(); ++i) {
    all += std::string(ids[i]) + ";";
  }
  return all;
}

// The invoices text with `rows` after the header.
std::string Invoices(std::string_view rows) {
  return std::string(kInvoicesHeader) + std::string(rows);
}

// The error of reading `invoices` (with no payments), or "" when it reads.
std::string InvoicesError(std::string_view invoices,
                          const PortfolioCsvOptions& options = {}) {
  absl::StatusOr<PortfolioData> data =
      ParsePortfolioCsv(invoices, kPaymentsHeader, {}, options);
  if (data.ok()) return "";
  EXPECT_EQ(data.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(data.status().message());
}

// The error of reading the good row's invoice with these payments.
std::string PaymentsError(std::string_view payments) {
  absl::StatusOr<PortfolioData> data =
      ParsePortfolioCsv(Invoices(kGoodRow), payments);
  if (data.ok()) return "";
  EXPECT_EQ(data.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(data.status().message());
}

TEST(PortfolioCsv, HandPortfolioColumns) {
  absl::StatusOr<PortfolioData> data =
      ParsePortfolioCsv(kHandInvoices, kHandPayments);
  ASSERT_THAT(data, IsOk());
  EXPECT_EQ(data->currency, CurrencyOf("EUR"));
  EXPECT_EQ(data->invoice_count(), 3u);
  EXPECT_EQ(Ids(data->invoice_id), "A1;A2;A3;");
  // C1 first met on line 2, C2 on line 3.
  EXPECT_EQ(Ids(data->customer_id), "C1;C2;");
  EXPECT_EQ(data->invoice_id.chars(), "A1A2A3");
  EXPECT_THAT(data->invoice_id.starts(), ElementsAre(0, 2, 4, 6));
  EXPECT_THAT(data->customer, ElementsAre(0, 1, 0));
  EXPECT_THAT(data->issue_date, ElementsAre(20423, 19782, 0));
  // 100.00 -> 10000 c; 0.05 -> 5 c; 1234567.89 -> 123456789 c.
  EXPECT_THAT(data->amount, ElementsAre(10000, 5, 123456789));
  EXPECT_THAT(data->terms, ElementsAre(0, 1, 0));
  EXPECT_THAT(data->terms_text, ElementsAre("0D", "30D+CM"));
  ASSERT_EQ(data->payment_terms.size(), 2u);
  // 30D+CM from 2024-02-29: 2024-03-30, then the month end 2024-03-31.
  EXPECT_THAT(data->payment_terms[1].DueDates(MakeDate(2024, 2, 29)),
              testing::IsOkAndHolds(ElementsAre(MakeDate(2024, 3, 31))));
  EXPECT_THAT(data->flags, ElementsAre(0, kInvoiceDisputed, 0));
  EXPECT_THAT(data->last_level, ElementsAre(0, 3, 255));
  // A1: one payment; A2: none; A3: three, by date, the two of 2025-01-10
  // in file order (400.00 then 1.00).
  EXPECT_THAT(data->payment_start, ElementsAre(0, 1, 1, 4));
  EXPECT_THAT(data->payment_date, ElementsAre(20427, 20088, 20098, 20098));
  EXPECT_THAT(data->payment_amount, ElementsAre(1000, 1, 40000, 100));
  EXPECT_EQ(data->payment_count(), 4u);

  const PortfolioColumns columns = data->columns();
  EXPECT_EQ(columns.issue_date.data(), data->issue_date.data());
  EXPECT_EQ(columns.amount.size(), 3u);
  EXPECT_EQ(columns.customer_count, 2);
  EXPECT_EQ(columns.payment_start.size(), 4u);
  EXPECT_TRUE(columns.last_level_date.empty());
}

TEST(PortfolioCsv, CrlfLineEndsReadAsLf) {
  const auto crlf = [](const std::string& text) {
    std::string out;
    for (char c : text) {
      if (c == '\n') out += '\r';
      out += c;
    }
    return out;
  };
  absl::StatusOr<PortfolioData> lf =
      ParsePortfolioCsv(kHandInvoices, kHandPayments);
  absl::StatusOr<PortfolioData> crlf_data =
      ParsePortfolioCsv(crlf(kHandInvoices), crlf(kHandPayments));
  ASSERT_THAT(lf, IsOk());
  ASSERT_THAT(crlf_data, IsOk());
  EXPECT_EQ(crlf_data->invoice_id, lf->invoice_id);
  EXPECT_EQ(crlf_data->amount, lf->amount);
  EXPECT_EQ(crlf_data->last_level, lf->last_level);
  EXPECT_EQ(crlf_data->payment_amount, lf->payment_amount);
  // Mixed, and no line end after the last line.
  absl::StatusOr<PortfolioData> mixed = ParsePortfolioCsv(
      "invoice_id,customer_id,issue_date,currency,amount,terms,disputed,"
      "last_level_sent\r\nA1,C1,2025-12-01,EUR,100.00,0D,0,0\n"
      "A2,C1,2025-12-01,EUR,1.00,0D,0,7",
      "invoice_id,payment_date,amount");
  ASSERT_THAT(mixed, IsOk());
  EXPECT_THAT(mixed->last_level, ElementsAre(0, 7));
}

TEST(PortfolioCsv, EmptyPaymentsFile) {
  absl::StatusOr<PortfolioData> data =
      ParsePortfolioCsv(kHandInvoices, kPaymentsHeader);
  ASSERT_THAT(data, IsOk());
  EXPECT_THAT(data->payment_start, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(data->payment_date, IsEmpty());
  EXPECT_THAT(data->payment_amount, IsEmpty());
}

TEST(PortfolioCsv, NoInvoices) {
  absl::StatusOr<PortfolioData> data =
      ParsePortfolioCsv(kInvoicesHeader, kPaymentsHeader);
  ASSERT_THAT(data, IsOk());
  EXPECT_EQ(data->invoice_count(), 0u);
  EXPECT_THAT(data->payment_start, ElementsAre(0));
  EXPECT_EQ(data->currency.code(), "XXX");  // none given, no row to say
  absl::StatusOr<PortfolioData> jpy = ParsePortfolioCsv(
      kInvoicesHeader, kPaymentsHeader, {}, {.currency = CurrencyOf("JPY")});
  ASSERT_THAT(jpy, IsOk());
  EXPECT_EQ(jpy->currency, CurrencyOf("JPY"));
}

TEST(PortfolioCsv, AmountsInTheCurrencysMinorDigits) {
  // JPY has no minor unit: 1234 is 1234 minor units; BHD has three.
  absl::StatusOr<PortfolioData> jpy =
      ParsePortfolioCsv(Invoices("A1,C1,2025-12-01,JPY,1234,0D,0,0\n"),
                        std::string(kPaymentsHeader) + "A1,2025-12-02,34\n");
  ASSERT_THAT(jpy, IsOk());
  EXPECT_EQ(jpy->currency, CurrencyOf("JPY"));
  EXPECT_THAT(jpy->amount, ElementsAre(1234));
  EXPECT_THAT(jpy->payment_amount, ElementsAre(34));
  EXPECT_EQ(
      InvoicesError(Invoices("A1,C1,2025-12-01,JPY,12.00,0D,0,0\n")),
      "invoices.csv:2:22: amount \"12.00\": expected a whole number of JPY "
      "(no decimals), as 1234");
  absl::StatusOr<PortfolioData> bhd = ParsePortfolioCsv(
      Invoices("A1,C1,2025-12-01,BHD,1.005,0D,0,0\n"), kPaymentsHeader);
  ASSERT_THAT(bhd, IsOk());
  EXPECT_THAT(bhd->amount, ElementsAre(1005));
  EXPECT_EQ(InvoicesError(Invoices("A1,C1,2025-12-01,BHD,1.05,0D,0,0\n")),
            "invoices.csv:2:22: amount \"1.05\": expected 3 decimals (BHD), as "
            "1234.567");
  // 18 digits is the most: 9999999999999999.99 EUR.
  absl::StatusOr<PortfolioData> large = ParsePortfolioCsv(
      Invoices("A1,C1,2025-12-01,EUR,9999999999999999.99,0D,0,0\n"),
      kPaymentsHeader);
  ASSERT_THAT(large, IsOk());
  EXPECT_THAT(large->amount, ElementsAre(999999999999999999));
}

TEST(PortfolioCsv, HeaderErrors) {
  EXPECT_EQ(InvoicesError(""),
            "invoices.csv:1:1: empty file, expected the header "
            "invoice_id,customer_id,issue_date,currency,amount,terms,disputed,"
            "last_level_sent");
  // "invoice_id,customer" is common; column 20 has ',' for '_'.
  EXPECT_EQ(InvoicesError("invoice_id,customer,issue_date,currency,amount,"
                          "terms,disputed,last_level_sent\n"),
            "invoices.csv:1:20: expected the header "
            "invoice_id,customer_id,issue_date,currency,amount,terms,disputed,"
            "last_level_sent, got \"invoice_id,customer,issue_date,currency,"
            "amount,terms,disputed,last_level_sent\"");
  // One more column: the header (80 characters) differs at the ',' that
  // starts it.
  EXPECT_THAT(InvoicesError("invoice_id,customer_id,issue_date,currency,"
                            "amount,terms,disputed,last_level_sent,x\n"),
              HasSubstr("invoices.csv:1:81: expected the header"));
  EXPECT_EQ(PaymentsError("invoice_id,date,amount\n"),
            "payments.csv:1:12: expected the header "
            "invoice_id,payment_date,amount, got \"invoice_id,date,amount\"");
  EXPECT_EQ(PaymentsError(""),
            "payments.csv:1:1: empty file, expected the header "
            "invoice_id,payment_date,amount");
}

TEST(PortfolioCsv, LineErrors) {
  // Columns: see kGoodRow.
  EXPECT_EQ(InvoicesError(Invoices("A1,C1,2025-12-01,EUR,100.00,0D,0\n")),
            "invoices.csv:2:33: 7 fields, expected 8");
  EXPECT_EQ(InvoicesError(Invoices("A1,C1,2025-12-01,EUR,100.00,0D,0,0,9\n")),
            "invoices.csv:2:36: 9 fields, expected 8");
  EXPECT_EQ(InvoicesError(Invoices("\"A1\",C1,2025-12-01,EUR,100.00,0D,0,0\n")),
            "invoices.csv:2:1: a double quote: fields are never quoted");
  EXPECT_EQ(InvoicesError(Invoices("A1,C1\r,2025-12-01,EUR,100.00,0D,0,0\n")),
            "invoices.csv:2:6: a carriage return not followed by a line feed");
  // A '\r' before the end of the text is not a line end either.
  EXPECT_EQ(InvoicesError(Invoices("A1,C1,2025-12-01,EUR,100.00,0D,0,0\r")),
            "invoices.csv:2:35: a carriage return not followed by a line feed");
  EXPECT_EQ(InvoicesError(Invoices(std::string("\n") + std::string(kGoodRow))),
            "invoices.csv:2:1: an empty line");
  EXPECT_EQ(InvoicesError(Invoices(std::string(kGoodRow) + "\n")),
            "invoices.csv:3:1: an empty line");
  EXPECT_EQ(InvoicesError(Invoices(std::string(kGoodRow) + "\r\n")),
            "invoices.csv:3:1: an empty line");
  EXPECT_EQ(PaymentsError(std::string(kPaymentsHeader) + "A1,2025-12-05\n"),
            "payments.csv:2:14: 2 fields, expected 3");
}

TEST(PortfolioCsv, FieldErrors) {
  const struct {
    std::string row;
    std::string message;
  } kCases[] = {
      {",C1,2025-12-01,EUR,100.00,0D,0,0", "2:1: invoice_id: empty"},
      {"A1,,2025-12-01,EUR,100.00,0D,0,0", "2:4: customer_id: empty"},
      {"A1,C1,2025-1-01,EUR,100.00,0D,0,0",
       "2:7: issue_date \"2025-1-01\": expected a date YYYY-MM-DD"},
      {"A1,C1,2025/12/01,EUR,100.00,0D,0,0",
       "2:7: issue_date \"2025/12/01\": expected a date YYYY-MM-DD"},
      {"A1,C1,,EUR,100.00,0D,0,0",
       "2:7: issue_date \"\": expected a date YYYY-MM-DD"},
      {"A1,C1,2025-02-29,EUR,100.00,0D,0,0",
       "2:7: issue_date \"2025-02-29\": no such date"},
      {"A1,C1,2025-13-01,EUR,100.00,0D,0,0",
       "2:7: issue_date \"2025-13-01\": no such date"},
      {"A1,C1,0000-01-01,EUR,100.00,0D,0,0",
       "2:7: issue_date \"0000-01-01\": no such date"},
      {"A1,C1,2025-12-01,EURO,100.00,0D,0,0",
       "2:18: currency \"EURO\": expected a three-letter uppercase ISO 4217 "
       "code"},
      {"A1,C1,2025-12-01,ABC,100.00,0D,0,0",
       "2:18: currency \"ABC\": not an active ISO 4217 currency with a minor "
       "unit"},
      {"A1,C1,2025-12-01,EUR,100.0,0D,0,0",
       "2:22: amount \"100.0\": expected 2 decimals (EUR), as 1234.56"},
      {"A1,C1,2025-12-01,EUR,100,0D,0,0",
       "2:22: amount \"100\": expected 2 decimals (EUR), as 1234.56"},
      {"A1,C1,2025-12-01,EUR,-1.00,0D,0,0",
       "2:22: amount \"-1.00\": expected 2 decimals (EUR), as 1234.56"},
      {"A1,C1,2025-12-01,EUR,.50,0D,0,0",
       "2:22: amount \".50\": expected 2 decimals (EUR), as 1234.56"},
      {"A1,C1,2025-12-01,EUR,1 00.00,0D,0,0",
       "2:22: amount \"1 00.00\": expected 2 decimals (EUR), as 1234.56"},
      {"A1,C1,2025-12-01,EUR,0100.00,0D,0,0",
       "2:22: amount \"0100.00\": a leading zero"},
      {"A1,C1,2025-12-01,EUR,0.00,0D,0,0",
       "2:22: amount \"0.00\": not positive"},
      {"A1,C1,2025-12-01,EUR,10000000000000000.00,0D,0,0",
       "2:22: amount \"10000000000000000.00\": more than 18 digits"},
      {"A1,C1,2025-12-01,EUR,100.00,,0,0", "2:29: terms: empty"},
      {"A1,C1,2025-12-01,EUR,100.00,0D,2,0",
       "2:32: disputed \"2\": expected 0 or 1"},
      {"A1,C1,2025-12-01,EUR,100.00,0D,,0",
       "2:32: disputed \"\": expected 0 or 1"},
      {"A1,C1,2025-12-01,EUR,100.00,0D,0,256",
       "2:34: last_level_sent \"256\": expected a whole number 0..255 without "
       "leading zeros"},
      {"A1,C1,2025-12-01,EUR,100.00,0D,0,07",
       "2:34: last_level_sent \"07\": expected a whole number 0..255 without "
       "leading zeros"},
      {"A1,C1,2025-12-01,EUR,100.00,0D,0,-1",
       "2:34: last_level_sent \"-1\": expected a whole number 0..255 without "
       "leading zeros"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(InvoicesError(Invoices(c.row + "\n")),
              "invoices.csv:" + c.message)
        << c.row;
  }
  // Terms: the parser's own message, at the field's column.
  EXPECT_THAT(InvoicesError(Invoices("A1,C1,2025-12-01,EUR,100.00,30J,0,0\n")),
              HasSubstr("invoices.csv:2:29: "));
  EXPECT_THAT(InvoicesError(Invoices("A1,C1,2025-12-01,EUR,100.00,30J,0,0\n")),
              HasSubstr("30J"));
}

TEST(PortfolioCsv, ColumnsCountCharactersNotBytes) {
  // "Cé" is 3 bytes, 2 characters: the date starts at character 7.
  EXPECT_EQ(
      InvoicesError(Invoices("A1,C\xC3\xA9,2025-13-01,EUR,100.00,0D,0,0\n")),
      "invoices.csv:2:7: issue_date \"2025-13-01\": no such date");
}

TEST(PortfolioCsv, AcrossRows) {
  // The second A1, on line 3.
  EXPECT_EQ(
      InvoicesError(Invoices(std::string(kGoodRow) + std::string(kGoodRow))),
      "invoices.csv:3:1: invoice_id \"A1\": already on line 2");
  // Every row in the first row's currency, or the one asked for.
  EXPECT_EQ(InvoicesError(Invoices(std::string(kGoodRow) +
                                   "A2,C1,2025-12-01,USD,100.00,0D,0,0\n")),
            "invoices.csv:3:18: currency \"USD\": expected EUR (the currency "
            "of line 2)");
  EXPECT_EQ(InvoicesError(Invoices(kGoodRow), {.currency = CurrencyOf("USD")}),
            "invoices.csv:2:18: currency \"EUR\": expected USD (the currency "
            "asked for)");
  // Invoices come first: a bad payment after a bad invoice is not reported.
  absl::StatusOr<PortfolioData> both =
      ParsePortfolioCsv(Invoices("A1,C1,2025-12-01,EUR,1,0D,0,0\n"),
                        std::string(kPaymentsHeader) + "Z,2025-12-05,1.00\n");
  EXPECT_THAT(both, StatusIs(absl::StatusCode::kInvalidArgument,
                             HasSubstr("invoices.csv:2:22: amount \"1\"")));
}

TEST(PortfolioCsv, PaymentErrors) {
  // Columns: invoice_id at 1, payment_date at 4, amount at 15.
  const std::string h(kPaymentsHeader);
  const struct {
    std::string rows;
    std::string message;
  } kCases[] = {
      {"Z9,2025-12-05,10.00",
       "2:1: invoice_id \"Z9\": no invoice of invoices.csv has it"},
      {",2025-12-05,10.00", "2:1: invoice_id: empty"},
      {"A1,2025-02-30,10.00", "2:4: payment_date \"2025-02-30\": no such date"},
      {"A1,20251205,10.00",
       "2:4: payment_date \"20251205\": expected a date YYYY-MM-DD"},
      {"A1,2025-12-05,10.5",
       "2:15: amount \"10.5\": expected 2 decimals (EUR), as 1234.56"},
      {"A1,2025-12-05,0.00", "2:15: amount \"0.00\": not positive"},
      {"A1,2025-12-05,1.00\nA1,2025-12-06,1.00,x",
       "3:20: 4 fields, expected 3"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(PaymentsError(h + c.rows + "\n"), "payments.csv:" + c.message)
        << c.rows;
  }
  // The names given are the names in messages.
  absl::StatusOr<PortfolioData> named =
      ParsePortfolioCsv(Invoices(kGoodRow), h + "Z9,2025-12-05,10.00\n",
                        {.invoices = "inv.csv", .payments = "pay.csv"});
  EXPECT_THAT(named, StatusIs(absl::StatusCode::kInvalidArgument,
                              "pay.csv:2:1: invoice_id \"Z9\": no invoice of "
                              "inv.csv has it"));
}

TEST(PortfolioCsv, MessagesQuoteSafely) {
  // A control character in an id is escaped in the message, never printed.
  EXPECT_EQ(PaymentsError(std::string(kPaymentsHeader) +
                          "Z\x1b[31m,2025-12-05,10.00\n"),
            "payments.csv:2:1: invoice_id \"Z\\x1B[31m\": no invoice of "
            "invoices.csv has it");
}

// A larger portfolio, written in each of the orders the reader takes a
// different path for (ids ascending or not, short or longer than 15 bytes;
// payments in invoice order or shuffled), read back and checked against
// columns built here the plain way.
struct GeneratedPortfolio {
  std::string invoices;
  std::string payments;
  std::vector<std::string> invoice_ids;         // file order
  std::vector<int32_t> customer;                // first-met codes
  std::vector<std::string> customer_ids;        // by code
  std::vector<std::vector<int64_t>> paid;       // per invoice, by date, cents
  std::vector<std::vector<int64_t>> paid_date;  // per invoice, by date
};

GeneratedPortfolio Generate(int invoices, bool ascending, bool long_ids,
                            bool shuffle_payments, uint32_t seed) {
  std::mt19937 rng(seed);
  GeneratedPortfolio g;
  g.invoices = std::string(kInvoicesHeader);
  g.payments = std::string(kPaymentsHeader);
  std::vector<int> order(static_cast<size_t>(invoices));
  std::iota(order.begin(), order.end(), 0);
  if (!ascending) std::shuffle(order.begin(), order.end(), rng);
  const std::string prefix = long_ids ? "INVOICE-NUMBER-" : "I";
  std::map<std::string, int32_t> codes;
  std::vector<std::string> payment_rows;
  for (int k : order) {
    char number[16];
    std::snprintf(number, sizeof number, "%07d", k);
    const std::string id = prefix + number;
    const int c =
        static_cast<int>(rng() % static_cast<uint32_t>(invoices / 7 + 1));
    const std::string customer =
        (long_ids && c % 2 == 0 ? "CUSTOMER-ACCOUNT-" : "C") +
        std::to_string(c);
    const auto [code, added] =
        codes.try_emplace(customer, static_cast<int32_t>(codes.size()));
    if (added) g.customer_ids.push_back(customer);
    g.customer.push_back(code->second);
    g.invoice_ids.push_back(id);
    g.invoices += id + "," + customer + ",2025-01-01,EUR,100.00,30D,0,0\n";
    // 0..3 payments, dates and amounts chosen so that the date order is
    // known: day d pays d cents.
    std::vector<std::pair<int64_t, int64_t>> mine;
    for (uint32_t p = rng() % 4; p > 0; --p) {
      const int day = 1 + static_cast<int>(rng() % 28);
      char date[16];
      std::snprintf(date, sizeof date, "2025-02-%02d", day);
      payment_rows.push_back(id + "," + date + ",0." + (day < 10 ? "0" : "") +
                             std::to_string(day));
      mine.emplace_back(20120 + day - 1, day);  // 2025-02-01 = 20120
    }
    std::stable_sort(
        mine.begin(), mine.end(),
        [](const auto& a, const auto& b) { return a.first < b.first; });
    g.paid.emplace_back();
    g.paid_date.emplace_back();
    for (const auto& [date, cents] : mine) {
      g.paid_date.back().push_back(date);
      g.paid.back().push_back(cents);
    }
  }
  if (shuffle_payments)
    std::shuffle(payment_rows.begin(), payment_rows.end(), rng);
  for (const std::string& row : payment_rows) g.payments += row + "\n";
  return g;
}

TEST(PortfolioCsv, EveryReadingPathGivesTheSameColumns) {
  for (const bool ascending : {true, false}) {
    for (const bool long_ids : {false, true}) {
      for (const bool shuffled : {false, true}) {
        SCOPED_TRACE(::testing::Message()
                     << "ascending " << ascending << ", long ids " << long_ids
                     << ", payments shuffled " << shuffled);
        // 8,000 invoices: about 12,000 shuffled payments make more than the
        // 4,096 far lookups after which the reader builds its index.
        const GeneratedPortfolio g =
            Generate(8000, ascending, long_ids, shuffled, 7);
        absl::StatusOr<PortfolioData> data =
            ParsePortfolioCsv(g.invoices, g.payments);
        ASSERT_THAT(data, IsOk());
        ASSERT_EQ(data->invoice_count(), g.invoice_ids.size());
        for (size_t i = 0; i < g.invoice_ids.size(); ++i) {
          ASSERT_EQ(data->invoice_id[i], g.invoice_ids[i]);
          ASSERT_EQ(data->customer[i], g.customer[i]) << i;
          const int64_t first = data->payment_start[i];
          const int64_t last = data->payment_start[i + 1];
          ASSERT_EQ(std::vector<int64_t>(data->payment_amount.begin() + first,
                                         data->payment_amount.begin() + last),
                    g.paid[i]);
          ASSERT_EQ(std::vector<int64_t>(data->payment_date.begin() + first,
                                         data->payment_date.begin() + last),
                    g.paid_date[i]);
        }
        ASSERT_EQ(data->customer_id.size(), g.customer_ids.size());
        for (size_t c = 0; c < g.customer_ids.size(); ++c) {
          ASSERT_EQ(data->customer_id[c], g.customer_ids[c]);
        }
        // A repeated id and an unknown one are found on every path.
        const std::string again = g.invoice_ids[4321];
        EXPECT_THAT(InvoicesError(g.invoices + again +
                                  ",C1,2025-01-01,EUR,1.00,0D,0,0\n"),
                    HasSubstr("invoices.csv:8002:1: invoice_id \"" + again +
                              "\": already on line"));
        const std::string unknown = g.invoice_ids[0] + "0";
        EXPECT_THAT(
            ParsePortfolioCsv(g.invoices,
                              g.payments + unknown + ",2025-01-01,1.00\n"),
            StatusIs(absl::StatusCode::kInvalidArgument,
                     HasSubstr("invoice_id \"" + unknown + "\": no invoice")));
      }
    }
  }
}

class PortfolioCsvFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "portfolio_csv_test";
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, std::string_view text) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
  }
  std::string dir_;
};

TEST_F(PortfolioCsvFiles, ReadsADirectory) {
  Write("invoices.csv", kHandInvoices);
  Write("payments.csv", kHandPayments);
  absl::StatusOr<PortfolioData> data = ReadPortfolioCsv(dir_);
  ASSERT_THAT(data, IsOk());
  EXPECT_THAT(data->amount, ElementsAre(10000, 5, 123456789));
  EXPECT_THAT(data->payment_amount, ElementsAre(1000, 1, 40000, 100));
}

TEST_F(PortfolioCsvFiles, ErrorsNameThePath) {
  EXPECT_THAT(ReadPortfolioCsv(dir_),
              StatusIs(absl::StatusCode::kNotFound,
                       dir_ + "/invoices.csv: no such file"));
  Write("invoices.csv", kHandInvoices);
  EXPECT_THAT(ReadPortfolioCsv(dir_),
              StatusIs(absl::StatusCode::kNotFound,
                       dir_ + "/payments.csv: no such file"));
  std::filesystem::create_directory(dir_ + "/payments.csv");
  EXPECT_THAT(ReadPortfolioCsv(dir_),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       dir_ + "/payments.csv: not a regular file"));
  std::filesystem::remove(dir_ + "/payments.csv");
  Write("payments.csv", std::string(kPaymentsHeader) + "A1,2025-12-05,1\n");
  EXPECT_THAT(ReadPortfolioCsv(dir_),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       dir_ + "/payments.csv:2:15: amount \"1\": expected 2 "
                              "decimals (EUR), as 1234.56"));
}

TEST(PortfolioCsvFormat, WritesTheHandPortfolioBack) {
  absl::StatusOr<PortfolioData> data =
      ParsePortfolioCsv(kHandInvoices, kHandPayments);
  ASSERT_THAT(data, IsOk());
  absl::StatusOr<PortfolioCsvText> text = FormatPortfolioCsv(*data);
  ASSERT_THAT(text, IsOk());
  EXPECT_EQ(text->invoices, kHandInvoices);
  // Grouped per invoice, by date.
  EXPECT_EQ(text->payments, std::string(kPaymentsHeader) +
                                "A1,2025-12-05,10.00\n"
                                "A3,2024-12-31,0.01\n"
                                "A3,2025-01-10,400.00\n"
                                "A3,2025-01-10,1.00\n");
  absl::StatusOr<PortfolioData> again =
      ParsePortfolioCsv(text->invoices, text->payments);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->payment_date, data->payment_date);
  EXPECT_EQ(again->payment_amount, data->payment_amount);
  EXPECT_EQ(again->payment_start, data->payment_start);
}

TEST(PortfolioCsvFormat, RefusesWhatTheFormatCannotSay) {
  absl::StatusOr<PortfolioData> data =
      ParsePortfolioCsv(kHandInvoices, kHandPayments);
  ASSERT_THAT(data, IsOk());
  PortfolioData bad = *data;
  bad.customer[2] = 2;  // two customers: codes 0 and 1
  EXPECT_THAT(FormatPortfolioCsv(bad),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "portfolio data: customer[2]: not a code of "
                       "customer_id"));
  bad = *data;
  bad.amount.pop_back();
  EXPECT_THAT(FormatPortfolioCsv(bad),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("different lengths")));
  bad = *data;
  bad.terms_text[0] = "30D,CM";
  EXPECT_THAT(FormatPortfolioCsv(bad),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("terms_text[0] \"30D,CM\"")));
  bad = *data;
  bad.payment_amount[1] = 0;
  EXPECT_THAT(FormatPortfolioCsv(bad),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "portfolio data: payment_amount[1]: not in 1..10^18 "
                       "- 1"));
  bad = *data;
  bad.flags[0] = 2;
  EXPECT_THAT(
      FormatPortfolioCsv(bad),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("flags[0]")));
}

}  // namespace
}  // namespace relance
