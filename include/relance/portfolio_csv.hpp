// relance/portfolio_csv.hpp
// -----------------------------------------------------------------------------
// A portfolio of open invoices read from two CSV files into the columns of
// the portfolio kernel (relance/batch.hpp), strictly and fast.
//
// A vendor's nightly export, or the files of the portfolio-v1 workload
// (BENCHMARK.md, written by make_portfolio.py), are two files:
//
//   invoices.csv  invoice_id,customer_id,issue_date,currency,amount,terms,
//                 disputed,last_level_sent
//   payments.csv  invoice_id,payment_date,amount
//
// `ReadPortfolioCsv(dir)` reads both into a `PortfolioData`, which owns
// typed columns (dates as days since 1970-01-01, amounts as int64 minor
// units, customers and terms as int32 codes, payments grouped per invoice)
// and hands them to the kernel as a `PortfolioColumns` view with
// `columns()`. `ParsePortfolioCsv` does the same from texts in memory.
//
// The format, exactly (anything else is an error, never a guess):
//   - The first line is the header above, byte for byte.
//   - Lines end with "\n" or "\r\n" (each line either way); the last line
//     may lack its line end. No empty line, not even at the end.
//   - Fields are separated by ',' and never quoted: a '"' anywhere is an
//     error, and so is a '\r' not followed by '\n'. Each row has exactly the
//     header's number of fields.
//   - invoice_id, customer_id: any non-empty text (no ',', '"', '\r',
//     '\n'), compared byte for byte. An invoice id appears once in
//     invoices.csv; every invoice_id of payments.csv is one of them.
//   - issue_date, payment_date: `YYYY-MM-DD`, a real date from 0001-01-01 to
//     9999-12-31 (2025-02-29 is an error).
//   - currency: an ISO 4217 code (`Currency::FromCode`), the same on every
//     row: the one given in `PortfolioCsvOptions::currency`, or else the
//     first row's. One portfolio is in one currency, as the kernel is.
//   - amount (both files): digits, then, for a currency with minor digits,
//     '.' and exactly that many digits (EUR: `1234.56`, `0.05`, `100.00`;
//     JPY: `1234`); no sign, no leading zero (`0.05` has its one zero), no
//     exponent, at most 18 digits in all; greater than zero. Read exactly:
//     `1234.56` EUR is 123456 minor units.
//   - terms: a text `PaymentTerms::Parse` accepts ("30D", "30D+CM",
//     "CM+45D", "net 30"), parsed once per distinct text.
//   - disputed: `0` or `1` (1 sets `kInvoiceDisputed` in flags).
//   - last_level_sent: a whole number 0..255 without leading zeros (0: no
//     level sent yet; the kernel checks it against its ladder).
//
// Errors: kNotFound (`<path>: no such file`) when a file does not exist;
// otherwise kInvalidArgument, for the first error in file order (invoices,
// then payments; within a line, left to right), as
//
//   FILE:LINE:COLUMN: what
//
// FILE is the path (ReadPortfolioCsv) or the name given (ParsePortfolioCsv);
// LINE is 1-based, the header being line 1; COLUMN is the 1-based character
// (UTF-8 code point) column where the offending field, or character,
// starts. A value is quoted as it was written, escaped and cut to 80
// characters. For instance:
//
//   invoices.csv:1:1: expected the header "invoice_id,customer_id,...",
//       got "id,customer_id,..."
//   invoices.csv:3:36: amount "12.5": expected 2 decimals (EUR), as 1234.56
//   invoices.csv:4:1: invoice_id "INV7": already on line 2
//   invoices.csv:5:23: issue_date "2025-02-29": no such date
//   invoices.csv:6:27: currency "USD": expected EUR (the currency of line 2)
//   invoices.csv:7:44: 9 fields, expected 8
//   payments.csv:2:1: invoice_id "INV9": no invoice of invoices.csv has it
//
// Nothing is returned on error: no half-read portfolio.
//
// Costs: both files are mapped (or read) whole for the call; one pass over
// each, no allocation per row: the columns are reserved from the line
// count, ids go into one buffer each, and the id tables hold codes. On the
// portfolio-v1 files of 1,000,000 invoices (71 MB) it takes 0.4 to 0.5 s on
// one core of a 2-core AMD EPYC VM, where pandas' read_csv path takes 6 to
// 7 s (README.md, "Benchmarks"). Fastest when invoice ids ascend (in byte
// order: no id table is then needed to refuse a repeated one) and payments
// come in invoice order, as exports usually write them; any order is read.
// Files are read into memory (not mapped: a mapped file truncated by
// another process would end the host with SIGBUS).
//
// Example:
//
//   absl::StatusOr<PortfolioData> data = ReadPortfolioCsv("/tmp/portfolio");
//   if (!data.ok()) { /* data.status().message(): "FILE:LINE:COLUMN: ..." */ }
//   absl::StatusOr<PortfolioEvaluator> evaluator = PortfolioEvaluator::Create(
//       policy, data->payment_terms,
//       {.currency = data->currency, .as_of = MakeDate(2025, 12, 31)});
//   absl::StatusOr<PortfolioTotals> totals =
//       evaluator->Run(data->columns());
//   data->customer_id[data->customer[0]];   // "C0000042"
#ifndef RELANCE_PORTFOLIO_CSV_HPP_
#define RELANCE_PORTFOLIO_CSV_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/batch.hpp"
#include "relance/currency.hpp"
#include "relance/export.hpp"
#include "relance/terms.hpp"

namespace relance {

// A list of ids (invoice ids, customer ids) kept as one character buffer
// and offsets: id i is chars()[starts()[i], starts()[i + 1]). No string per
// id.
class PortfolioIds {
 public:
  size_t size() const { return starts_.size() - 1; }
  bool empty() const { return size() == 0; }
  // Id `i` (< size()); the view lives as long as this list, unchanged.
  std::string_view operator[](size_t i) const {
    return std::string_view(chars_).substr(
        static_cast<size_t>(starts_[i]),
        static_cast<size_t>(starts_[i + 1] - starts_[i]));
  }
  const std::string& chars() const { return chars_; }
  // size() + 1 offsets into chars(), from 0, never decreasing.
  std::span<const int64_t> starts() const { return starts_; }

  void Append(std::string_view id) {
    chars_.append(id);
    starts_.push_back(static_cast<int64_t>(chars_.size()));
  }
  void Reserve(size_t ids, size_t chars) {
    starts_.reserve(ids + 1);
    chars_.reserve(chars);
  }

  friend bool operator==(const PortfolioIds&, const PortfolioIds&) = default;

 private:
  std::string chars_;
  std::vector<int64_t> starts_ = {0};
};

// A portfolio read from CSV: typed columns it owns, one element per invoice
// in file order unless said otherwise. `columns()` views them for the
// kernel.
struct RELANCE_API PortfolioData {
  // The currency of every amount.
  Currency currency;

  // Per invoice (invoices.csv, in file order: invoice k is on line k + 2).
  PortfolioIds invoice_id;
  std::vector<int32_t> customer = {};    // code: index into customer_id
  std::vector<int64_t> issue_date = {};  // days since 1970-01-01
  std::vector<int64_t> amount = {};      // minor units of `currency`, > 0
  std::vector<int32_t> terms = {};       // index into terms_text
  std::vector<uint8_t> flags = {};       // kInvoiceDisputed
  std::vector<uint8_t> last_level = {};  // last_level_sent, 0..255

  // The customer ids, in the order first met (pandas' factorize order).
  PortfolioIds customer_id;
  // The distinct terms texts, in the order first met, and each parsed.
  std::vector<std::string> terms_text = {};
  std::vector<PaymentTerms> payment_terms = {};

  // Payments grouped per invoice: invoice i's are [payment_start[i],
  // payment_start[i + 1]) of payment_date and payment_amount, in date order
  // (payments of one invoice on one date keep their file order).
  // payment_start has one element per invoice plus one, from 0 to the
  // number of payments.
  std::vector<int64_t> payment_start = {0};
  std::vector<int64_t> payment_date = {};    // days since 1970-01-01
  std::vector<int64_t> payment_amount = {};  // minor units, > 0

  size_t invoice_count() const { return amount.size(); }
  size_t payment_count() const { return payment_amount.size(); }

  // The kernel's view of these columns (no last_level_date). Valid while
  // this object lives unchanged.
  PortfolioColumns columns() const {
    return {.issue_date = issue_date,
            .amount = amount,
            .terms = terms,
            .customer = customer,
            .customer_count = static_cast<int32_t>(customer_id.size()),
            .flags = flags,
            .last_level = last_level,
            .payment_start = payment_start,
            .payment_date = payment_date,
            .payment_amount = payment_amount};
  }
};

struct RELANCE_API PortfolioCsvOptions {
  // The currency every row must name. None: the first invoice row's (and
  // XXX, no currency, for a file without rows).
  std::optional<Currency> currency = std::nullopt;
};

// The names the messages give the two texts of ParsePortfolioCsv.
struct RELANCE_API PortfolioCsvNames {
  std::string_view invoices = "invoices.csv";
  std::string_view payments = "payments.csv";
};

// Reads `dir`/invoices.csv and `dir`/payments.csv (see the header comment
// for the format). Errors: kNotFound when either file does not exist;
// kInvalidArgument `PATH:LINE:COLUMN: what` for input not in the format,
// and `PATH: what` for a file that cannot be read (a directory, no
// permission).
[[nodiscard]] RELANCE_API absl::StatusOr<PortfolioData> ReadPortfolioCsv(
    const std::string& dir, const PortfolioCsvOptions& options = {});

// The same from the files' texts (any bytes; not NUL-terminated). Errors:
// kInvalidArgument `NAME:LINE:COLUMN: what`, NAME from `names`.
[[nodiscard]] RELANCE_API absl::StatusOr<PortfolioData> ParsePortfolioCsv(
    std::string_view invoices_csv, std::string_view payments_csv,
    const PortfolioCsvNames& names = {},
    const PortfolioCsvOptions& options = {});

// The two files' texts.
struct RELANCE_API PortfolioCsvText {
  std::string invoices;
  std::string payments;
};

// Writes `data` in the format above ("\n" line ends; payments grouped per
// invoice, in their order). For data that ParsePortfolioCsv returned,
// ParsePortfolioCsv of the result gives the same data again (the fuzz
// harness checks it). Errors: kInvalidArgument naming the column and the
// invoice or payment for what the format cannot say: columns of different
// lengths, malformed payment offsets, a code out of range, a date outside
// 0001-01-01..9999-12-31, an amount not positive or above 18 digits, an id
// or terms text that is empty or holds ',', '"', '\r' or '\n', a flag other
// than kInvoiceDisputed.
[[nodiscard]] RELANCE_API absl::StatusOr<PortfolioCsvText> FormatPortfolioCsv(
    const PortfolioData& data);

}  // namespace relance

#endif  // RELANCE_PORTFOLIO_CSV_HPP_
