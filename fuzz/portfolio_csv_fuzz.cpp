// Fuzzes ParsePortfolioCsv (relance/portfolio_csv.hpp). The input is split
// at its first 0 byte: invoices.csv before it, payments.csv after it (only
// the payments header when there is no 0 byte).
// Properties: an error is kInvalidArgument with a message that starts
// `invoices.csv:LINE:COLUMN: ` or `payments.csv:LINE:COLUMN: ` (LINE and
// COLUMN >= 1) and says more; a success has columns of equal lengths,
// payment offsets from 0, never decreasing, ending at the payment count,
// payments in date order per invoice, codes in range, amounts > 0, flags 0
// or kInvoiceDisputed; and FormatPortfolioCsv of it reads back to the same
// data.
#include <cstring>
#include <string>

#include "fuzz_check.hpp"
#include "relance/portfolio_csv.hpp"

namespace {

using relance::PortfolioData;

// "NAME:LINE:COLUMN: what", with LINE and COLUMN whole numbers >= 1.
bool NamesFileLineAndColumn(std::string_view message) {
  for (std::string_view name : {"invoices.csv:", "payments.csv:"}) {
    if (!message.starts_with(name)) continue;
    size_t at = name.size();
    for (int number = 0; number < 2; ++number) {
      size_t digits = 0;
      while (at < message.size() && message[at] >= '0' && message[at] <= '9') {
        ++at;
        ++digits;
      }
      if (digits == 0 || message[at - digits] == '0') return false;
      if (at >= message.size() || message[at] != ':') return false;
      ++at;
    }
    return message.substr(at).starts_with(" ") && message.size() > at + 1;
  }
  return false;
}

void CheckWellFormed(const PortfolioData& data) {
  const size_t n = data.invoice_count();
  RELANCE_FUZZ_CHECK(data.invoice_id.size() == n);
  RELANCE_FUZZ_CHECK(data.customer.size() == n);
  RELANCE_FUZZ_CHECK(data.issue_date.size() == n);
  RELANCE_FUZZ_CHECK(data.terms.size() == n);
  RELANCE_FUZZ_CHECK(data.flags.size() == n);
  RELANCE_FUZZ_CHECK(data.last_level.size() == n);
  RELANCE_FUZZ_CHECK(data.customer_id.size() <= n);
  RELANCE_FUZZ_CHECK(data.terms_text.size() == data.payment_terms.size());
  RELANCE_FUZZ_CHECK(data.terms_text.size() <= n);
  RELANCE_FUZZ_CHECK(data.payment_start.size() == n + 1);
  RELANCE_FUZZ_CHECK(data.payment_start.front() == 0);
  RELANCE_FUZZ_CHECK(data.payment_start.back() ==
                     static_cast<int64_t>(data.payment_count()));
  RELANCE_FUZZ_CHECK(data.payment_date.size() == data.payment_count());
  for (size_t i = 0; i < n; ++i) {
    RELANCE_FUZZ_CHECK(data.customer[i] >= 0 &&
                       static_cast<size_t>(data.customer[i]) <
                           data.customer_id.size());
    RELANCE_FUZZ_CHECK(data.terms[i] >= 0 &&
                       static_cast<size_t>(data.terms[i]) <
                           data.terms_text.size());
    RELANCE_FUZZ_CHECK(data.amount[i] > 0);
    RELANCE_FUZZ_CHECK(data.flags[i] == 0 ||
                       data.flags[i] == relance::kInvoiceDisputed);
    RELANCE_FUZZ_CHECK(!data.invoice_id[i].empty());
    const int64_t first = data.payment_start[i];
    const int64_t last = data.payment_start[i + 1];
    RELANCE_FUZZ_CHECK(first <= last);
    for (int64_t p = first; p < last; ++p) {
      RELANCE_FUZZ_CHECK(data.payment_amount[static_cast<size_t>(p)] > 0);
      if (p > first) {
        RELANCE_FUZZ_CHECK(data.payment_date[static_cast<size_t>(p - 1)] <=
                           data.payment_date[static_cast<size_t>(p)]);
      }
    }
  }
  const relance::PortfolioColumns columns = data.columns();
  RELANCE_FUZZ_CHECK(columns.amount.size() == n);
  RELANCE_FUZZ_CHECK(columns.customer_count ==
                     static_cast<int32_t>(data.customer_id.size()));
}

void CheckWritesBack(const PortfolioData& data) {
  absl::StatusOr<relance::PortfolioCsvText> text =
      relance::FormatPortfolioCsv(data);
  RELANCE_FUZZ_CHECK(text.ok());
  absl::StatusOr<PortfolioData> again = relance::ParsePortfolioCsv(
      text->invoices, text->payments, {}, {.currency = data.currency});
  RELANCE_FUZZ_CHECK(again.ok());
  RELANCE_FUZZ_CHECK(again->currency == data.currency);
  RELANCE_FUZZ_CHECK(again->invoice_id == data.invoice_id);
  RELANCE_FUZZ_CHECK(again->customer_id == data.customer_id);
  RELANCE_FUZZ_CHECK(again->customer == data.customer);
  RELANCE_FUZZ_CHECK(again->issue_date == data.issue_date);
  RELANCE_FUZZ_CHECK(again->amount == data.amount);
  RELANCE_FUZZ_CHECK(again->terms == data.terms);
  RELANCE_FUZZ_CHECK(again->terms_text == data.terms_text);
  RELANCE_FUZZ_CHECK(again->flags == data.flags);
  RELANCE_FUZZ_CHECK(again->last_level == data.last_level);
  RELANCE_FUZZ_CHECK(again->payment_start == data.payment_start);
  RELANCE_FUZZ_CHECK(again->payment_date == data.payment_date);
  RELANCE_FUZZ_CHECK(again->payment_amount == data.payment_amount);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input = relance::fuzz::AsText(data, size);
  const size_t split = input.find('\0');
  const std::string_view invoices = input.substr(0, split);
  const std::string_view payments = split == std::string_view::npos
                                        ? "invoice_id,payment_date,amount\n"
                                        : input.substr(split + 1);
  absl::StatusOr<PortfolioData> portfolio =
      relance::ParsePortfolioCsv(invoices, payments);
  if (!portfolio.ok()) {
    RELANCE_FUZZ_CHECK(portfolio.status().code() ==
                       absl::StatusCode::kInvalidArgument);
    const absl::string_view message = portfolio.status().message();
    RELANCE_FUZZ_CHECK(NamesFileLineAndColumn(
        std::string_view(message.data(), message.size())));
    return 0;
  }
  CheckWellFormed(*portfolio);
  CheckWritesBack(*portfolio);
  return 0;
}
