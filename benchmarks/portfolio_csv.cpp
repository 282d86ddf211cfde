// The portfolio-v1 CSV files and their cases (see portfolio_csv.hpp).
#include "portfolio_csv.hpp"

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <iterator>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/currency.hpp"
#include "relance/date_formula.hpp"

namespace relance::bench {
namespace {

constexpr std::string_view kInvoiceHeader =
    "invoice_id,customer_id,issue_date,currency,amount,terms,disputed,"
    "last_level_sent";
constexpr std::string_view kPaymentHeader = "invoice_id,payment_date,amount";

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

// Walks a CSV file line by line, splitting each into exactly `columns`
// fields; errors name the file, the line and the column.
class CsvReader {
 public:
  CsvReader(std::string_view name, std::string_view text,
            std::string_view header)
      : name_(name), text_(text), header_(header) {}

  // Checks the header line. Errors: kInvalidArgument.
  absl::Status ReadHeader() {
    std::string_view line;
    if (!NextLine(line) || line != header_) {
      return absl::InvalidArgumentError(
          absl::StrCat(name_, ":1: expected the header \"", header_, "\""));
    }
    return absl::OkStatus();
  }

  // The next data row in `fields`; false at the end of the file.
  // Errors: kInvalidArgument for a row without `columns` fields.
  absl::StatusOr<bool> NextRow(size_t columns,
                               std::vector<std::string_view>& fields) {
    std::string_view line;
    if (!NextLine(line)) return false;
    fields.clear();
    for (size_t start = 0;;) {
      const size_t comma = line.find(',', start);
      fields.push_back(line.substr(start, comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (fields.size() != columns) {
      return absl::InvalidArgumentError(
          absl::StrCat(name_, ":", line_number_, ": ", fields.size(),
                       " fields, expected ", columns));
    }
    return true;
  }

  // An error about field `column` (1-based) of the current row.
  absl::Status FieldError(size_t column, absl::string_view column_name,
                          absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(name_, ":", line_number_,
                                                   ": column ", column, " (",
                                                   column_name, "): ", what));
  }

 private:
  bool NextLine(std::string_view& line) {
    while (position_ < text_.size()) {
      const size_t end = std::min(text_.find('\n', position_), text_.size());
      line = text_.substr(position_, end - position_);
      position_ = end + 1;
      ++line_number_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) return true;
    }
    return false;
  }

  std::string name_;
  std::string_view text_;
  std::string header_;
  size_t position_ = 0;
  size_t line_number_ = 0;
};

// A small non-negative whole number ("0", "7"), or -1.
int SmallNumber(std::string_view text) {
  if (text.empty() || text.size() > 4) return -1;
  int value = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return -1;
    value = value * 10 + (ch - '0');
  }
  return value;
}

// Where an event kind comes among the events of one date.
int RankOnItsDate(EventKind kind) {
  switch (kind) {
    case EventKind::kInvoiceIssued:
      return 0;
    case EventKind::kActionPerformed:
      return 1;
    case EventKind::kPromiseToPay:
      return 2;
    case EventKind::kDisputeOpened:
      return 3;
    case EventKind::kPaymentReceived:
      return 4;
    default:
      return 5;
  }
}

}  // namespace

absl::StatusOr<Portfolio> ReadPortfolio(const std::string& dir) {
  absl::StatusOr<std::string> invoice_text = ReadFile(dir + "/invoices.csv");
  if (!invoice_text.ok()) return invoice_text.status();
  absl::StatusOr<std::string> payment_text = ReadFile(dir + "/payments.csv");
  if (!payment_text.ok()) return payment_text.status();

  Portfolio portfolio;
  // Views into the file text, which outlives the maps.
  absl::flat_hash_map<std::string_view, int> customer_index;
  absl::flat_hash_map<std::string_view, int> invoice_index;
  absl::flat_hash_map<std::string, DateFormula> formulas;
  std::vector<std::string_view> fields;

  CsvReader invoices("invoices.csv", *invoice_text, kInvoiceHeader);
  if (absl::Status s = invoices.ReadHeader(); !s.ok()) return s;
  while (true) {
    absl::StatusOr<bool> more = invoices.NextRow(8, fields);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (!invoice_index
             .emplace(fields[0], static_cast<int>(portfolio.invoices.size()))
             .second) {
      return invoices.FieldError(1, "invoice_id", "a second row for the id");
    }
    const auto [customer, added] = customer_index.emplace(
        fields[1], static_cast<int>(portfolio.customers.size()));
    if (added) portfolio.customers.emplace_back(fields[1]);
    absl::StatusOr<Date> issue = ParseDate(fields[2]);
    if (!issue.ok()) {
      return invoices.FieldError(3, "issue_date", issue.status().message());
    }
    absl::StatusOr<Currency> currency = Currency::FromCode(fields[3]);
    if (!currency.ok()) {
      return invoices.FieldError(4, "currency", currency.status().message());
    }
    absl::StatusOr<Money> amount = Money::ParseAmount(fields[4], *currency);
    if (!amount.ok()) {
      return invoices.FieldError(5, "amount", amount.status().message());
    }
    if (!amount->IsPositive()) {
      return invoices.FieldError(5, "amount", "not positive");
    }
    std::string terms(fields[5]);
    auto formula = formulas.find(terms);
    if (formula == formulas.end()) {
      absl::StatusOr<DateFormula> parsed = DateFormula::Parse(terms);
      if (!parsed.ok()) {
        return invoices.FieldError(6, "terms", parsed.status().message());
      }
      if (parsed->NeedsCalendar()) {
        return invoices.FieldError(6, "terms",
                                   "business days need a calendar, which "
                                   "portfolio-v1 does not name");
      }
      formula = formulas.emplace(terms, *std::move(parsed)).first;
    }
    absl::StatusOr<Date> due = formula->second.Evaluate(*issue);
    if (!due.ok()) {
      return invoices.FieldError(6, "terms", due.status().message());
    }
    const int disputed = SmallNumber(fields[6]);
    if (disputed != 0 && disputed != 1) {
      return invoices.FieldError(7, "disputed", "expected 0 or 1");
    }
    const int last_level_sent = SmallNumber(fields[7]);
    if (last_level_sent < 0) {
      return invoices.FieldError(8, "last_level_sent",
                                 "expected a whole number");
    }
    portfolio.invoices.push_back({.id = std::string(fields[0]),
                                  .customer = customer->second,
                                  .issue_date = *issue,
                                  .due_date = *due,
                                  .terms = std::move(terms),
                                  .amount = *amount,
                                  .disputed = disputed == 1,
                                  .last_level_sent = last_level_sent});
  }

  // Payments, then grouped per invoice keeping the file order.
  std::vector<std::pair<int, PortfolioPayment>> rows;
  CsvReader payments("payments.csv", *payment_text, kPaymentHeader);
  if (absl::Status s = payments.ReadHeader(); !s.ok()) return s;
  while (true) {
    absl::StatusOr<bool> more = payments.NextRow(3, fields);
    if (!more.ok()) return more.status();
    if (!*more) break;
    const auto found = invoice_index.find(fields[0]);
    if (found == invoice_index.end()) {
      return payments.FieldError(1, "invoice_id",
                                 "no such invoice in invoices.csv");
    }
    const PortfolioInvoice& invoice = portfolio.invoices[found->second];
    absl::StatusOr<Date> date = ParseDate(fields[1]);
    if (!date.ok()) {
      return payments.FieldError(2, "payment_date", date.status().message());
    }
    absl::StatusOr<Money> amount =
        Money::ParseAmount(fields[2], invoice.amount.currency());
    if (!amount.ok()) {
      return payments.FieldError(3, "amount", amount.status().message());
    }
    if (!amount->IsPositive()) {
      return payments.FieldError(3, "amount", "not positive");
    }
    rows.push_back({found->second, {.date = *date, .amount = *amount}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.first < b.first;
  });
  portfolio.payments.reserve(rows.size());
  for (const auto& [index, payment] : rows) {
    PortfolioInvoice& invoice = portfolio.invoices[index];
    if (invoice.payment_count == 0) {
      invoice.first_payment = static_cast<int>(portfolio.payments.size());
    }
    ++invoice.payment_count;
    portfolio.payments.push_back(payment);
  }
  return portfolio;
}

absl::StatusOr<std::vector<Case>> PortfolioCases(
    const Portfolio& portfolio, std::span<const PortfolioLevel> ladder,
    Date as_of) {
  std::vector<Case> cases(portfolio.customers.size());
  for (const PortfolioInvoice& invoice : portfolio.invoices) {
    if (invoice.last_level_sent > static_cast<int>(ladder.size())) {
      return absl::InvalidArgumentError(absl::StrCat(
          "invoice ", invoice.id, ": last_level_sent ", invoice.last_level_sent,
          " but the ladder has ", ladder.size(), " levels"));
    }
    std::vector<Event>& events =
        cases[static_cast<size_t>(invoice.customer)].events;
    events.push_back({.date = invoice.issue_date,
                      .kind = EventKind::kInvoiceIssued,
                      .invoice = invoice.id,
                      .amount = invoice.amount,
                      .due_date = invoice.due_date});
    Date last_action = invoice.issue_date;
    for (int level = 0; level < invoice.last_level_sent; ++level) {
      const PortfolioLevel& rung = ladder[static_cast<size_t>(level)];
      const Date date =
          std::min(std::max(invoice.due_date + Days{rung.offset_days},
                            invoice.issue_date),
                   as_of);
      last_action = std::max(last_action, date);
      events.push_back({.date = date,
                        .kind = EventKind::kActionPerformed,
                        .invoice = invoice.id,
                        .level = std::string(rung.id),
                        .channel = std::string(rung.channel)});
    }
    if (invoice.disputed) {
      events.push_back({.date = last_action,
                        .kind = EventKind::kDisputeOpened,
                        .invoice = invoice.id});
    }
    for (int p = 0; p < invoice.payment_count; ++p) {
      const PortfolioPayment& payment =
          portfolio.payments[static_cast<size_t>(invoice.first_payment + p)];
      if (payment.date > as_of) continue;
      events.push_back({.date = payment.date,
                        .kind = EventKind::kPaymentReceived,
                        .invoice = invoice.id,
                        .amount = payment.amount});
    }
  }
  for (size_t c = 0; c < cases.size(); ++c) {
    cases[c].customer_id = portfolio.customers[c];
    SortCaseEvents(cases[c].events);
  }
  return cases;
}

void SortCaseEvents(std::vector<Event>& events) {
  std::stable_sort(
      events.begin(), events.end(), [](const Event& a, const Event& b) {
        return a.date != b.date ? a.date < b.date
                                : RankOnItsDate(a.kind) < RankOnItsDate(b.kind);
      });
}

}  // namespace relance::bench
