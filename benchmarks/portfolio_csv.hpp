// benchmarks/portfolio_csv.hpp
// -----------------------------------------------------------------------------
// The portfolio-v1 workload (../shared/BENCHMARK.md): reading its two CSV
// files into typed columns, and turning them into one dunning `Case` per
// customer.
//
// The files are those written by
//
//   python3 make_portfolio.py --invoices N --seed 1 --out DIR
//
//   DIR/invoices.csv  invoice_id,customer_id,issue_date,currency,amount,terms,
//                     disputed,last_level_sent
//   DIR/payments.csv  invoice_id,payment_date,amount
//
// This is benchmark support, not library API: it reads exactly that format
// (a header line, comma-separated fields without quoting, '\n' line ends)
// and says where it stops when the files are not in it.
//
// Example:
//
//   absl::StatusOr<Portfolio> p = ReadPortfolio("/tmp/portfolio-100k");
//   absl::StatusOr<std::vector<Case>> cases =
//       PortfolioCases(*p, kPortfolioLadder, kPortfolioAsOf);
#ifndef RELANCE_BENCHMARKS_PORTFOLIO_CSV_HPP_
#define RELANCE_BENCHMARKS_PORTFOLIO_CSV_HPP_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/event.hpp"
#include "relance/money.hpp"

namespace relance::bench {

// The as-of date of portfolio-v1: 2025-12-31.
inline constexpr Date kPortfolioAsOf = MakeDate(2025, 12, 31);

// One rung of the portfolio-v1 ladder, as a policy declares it.
struct PortfolioLevel {
  std::string_view id;
  int offset_days;  // from the due date
  std::string_view channel;
};

// The 7-level ladder of BENCHMARK.md: levels 1..7 at -5, +1, +8, +15, +21,
// +45, +90 days from the due date (the ids and channels are relance's
// choice; BENCHMARK.md numbers them only).
inline constexpr PortfolioLevel kPortfolioLadder[] = {
    {"courtesy", -5, "email"},
    {"reminder1", 1, "email"},
    {"call", 8, "phone"},
    {"reminder2", 15, "letter"},
    {"notice", 21, "registered_letter"},
    {"agency", 45, "agency_handoff"},
    {"legal", 90, "legal"},
};

// One row of invoices.csv.
struct PortfolioInvoice {
  std::string id = {};
  int customer = 0;  // index into Portfolio::customers
  Date issue_date = {};
  Date due_date = {};      // issue date + terms (BENCHMARK.md step 1)
  std::string terms = {};  // the date formula as written ("30D+CM")
  Money amount;
  bool disputed = false;
  int last_level_sent = 0;  // 0 (none) .. 7
  // This invoice's rows of payments.csv: Portfolio::payments
  // [first_payment, first_payment + payment_count), in file order.
  int first_payment = 0;
  int payment_count = 0;
};

// One row of payments.csv.
struct PortfolioPayment {
  Date date = {};
  Money amount;
};

struct Portfolio {
  std::vector<std::string> customers = {};      // ids, in the order first met
  std::vector<PortfolioInvoice> invoices = {};  // in file order
  std::vector<PortfolioPayment> payments = {};  // grouped per invoice
};

// Reads DIR/invoices.csv and DIR/payments.csv. Amounts are parsed exactly in
// the row's currency; the due date is computed with relance's DateFormula
// (the generator's notation is relance's: `30D+CM` adds 30 days then goes to
// the month end, `CM+45D` the reverse; no business days).
// Errors: kNotFound for a missing file; kInvalidArgument naming the file, the
// line and the column for a malformed header or field, and for a payment of
// an invoice not in invoices.csv.
[[nodiscard]] absl::StatusOr<Portfolio> ReadPortfolio(const std::string& dir);

// The portfolio as one case per customer (in the order of
// Portfolio::customers), the facts a host would have recorded by `as_of`:
//   - invoice_issued on the issue date, with the amount and the due date;
//   - payment_received for each payment dated on or before `as_of` (later
//     ones are not known yet);
//   - action_performed of `ladder` levels 1..last_level_sent, each dated at
//     due date + the level's offset, or the issue date if that is later, and
//     never after `as_of`;
//   - dispute_opened (on the whole balance) for a disputed invoice, on its
//     issue date, or, when levels were sent, on the date of the last one and
//     after it: relance refuses an action on an invoice disputed in full, so
//     a trail where reminders follow the dispute cannot be recorded.
// Events are ordered by SortCaseEvents.
// Errors: kInvalidArgument when last_level_sent exceeds the ladder.
[[nodiscard]] absl::StatusOr<std::vector<Case>> PortfolioCases(
    const Portfolio& portfolio, std::span<const PortfolioLevel> ladder,
    Date as_of);

// Puts `events` in date order as a host's trail would be (Case requires date
// order); on one date: invoice_issued, action_performed, promise_to_pay,
// dispute_opened, payment_received, then the other kinds, each group in its
// previous order. So an invoice's reminder and its dispute recorded on one
// day come in that order, and a payment that settles an invoice comes after
// the other facts of its day.
void SortCaseEvents(std::vector<Event>& events);

}  // namespace relance::bench

#endif  // RELANCE_BENCHMARKS_PORTFOLIO_CSV_HPP_
