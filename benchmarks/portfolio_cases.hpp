// benchmarks/portfolio_cases.hpp
// -----------------------------------------------------------------------------
// The portfolio-v1 workload (../shared/BENCHMARK.md) as dunning cases: one
// `Case` per customer, built from the columns the library's reader gives
// (relance/portfolio_csv.hpp), for the benchmarks of the scalar path
// (dunning_scale_bench.cpp).
//
// The files are those written by
//
//   python3 make_portfolio.py --invoices N --seed 1 --out DIR
//
// and read with ReadPortfolioCsv(DIR), the one parser of the format.
//
// Example:
//
//   absl::StatusOr<PortfolioData> p = ReadPortfolioCsv("/tmp/portfolio-100k");
//   absl::StatusOr<std::vector<Case>> cases =
//       PortfolioCases(*p, kPortfolioLadder, kPortfolioAsOf);
#ifndef RELANCE_BENCHMARKS_PORTFOLIO_CASES_HPP_
#define RELANCE_BENCHMARKS_PORTFOLIO_CASES_HPP_

#include <span>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/event.hpp"
#include "relance/portfolio_csv.hpp"

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
// choice, those of benchmarks/portfolio_v1_policy.json; BENCHMARK.md
// numbers them only).
inline constexpr PortfolioLevel kPortfolioLadder[] = {
    {"courtesy", -5, "email"},
    {"reminder1", 1, "email"},
    {"call", 8, "phone"},
    {"reminder2", 15, "letter"},
    {"notice", 21, "registered_letter"},
    {"agency", 45, "agency_handoff"},
    {"legal", 90, "legal"},
};

// Each invoice's due date: the latest due date of its terms
// (PaymentTerms::DueDates) from its issue date, as CompiledCase takes it.
// Errors: those of DueDates (a date beyond 9999-12-31).
[[nodiscard]] absl::StatusOr<std::vector<Date>> PortfolioDueDates(
    const PortfolioData& portfolio);

// The portfolio as one case per customer (in customer code order), the
// facts a host would have recorded by `as_of`:
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
// Errors: kInvalidArgument when last_level_sent exceeds the ladder; those
// of PortfolioDueDates.
[[nodiscard]] absl::StatusOr<std::vector<Case>> PortfolioCases(
    const PortfolioData& portfolio, std::span<const PortfolioLevel> ladder,
    Date as_of);

// Puts `events` in date order as a host's trail would be (Case requires date
// order); on one date: invoice_issued, action_performed, promise_to_pay,
// dispute_opened, payment_received, then the other kinds, each group in its
// previous order. So an invoice's reminder and its dispute recorded on one
// day come in that order, and a payment that settles an invoice comes after
// the other facts of its day.
void SortCaseEvents(std::vector<Event>& events);

}  // namespace relance::bench

#endif  // RELANCE_BENCHMARKS_PORTFOLIO_CASES_HPP_
