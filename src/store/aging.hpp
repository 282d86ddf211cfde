// store/aging.hpp
// -----------------------------------------------------------------------------
// The ageing of receivables (aged balance, *balance âgée*): what customers
// owe on a date, sorted by how late it is, per currency, with the days sales
// outstanding (DSO), and the report's four renderings: a text table for a
// terminal, CSV, a `relance.aging` JSON document and an SVG chart.
// `relance report aging` prints them; docs/aging.md describes the report.
//
// Pure functions: the caller (the ledger) gives the facts of each invoice as
// of the report's date (its outstanding balance, its penalties); nothing here
// reads a database or a clock, and nothing sums amounts of two currencies.
//
// Buckets, by the days past due on `as_of`, `as_of - due_date` (the days of
// (due_date, as_of], as a decision's `days_late` counts them):
//   "not_due"  due_date >= as_of (an invoice due today is not yet late)
//   "1-30"     1 to 30 days past due
//   "31-60"    31 to 60
//   "61-90"    61 to 90
//   "over_90"  91 days and more
//
// DSO (days sales outstanding, the average-sales method, not the
// count-back method), per currency and, with `by_customer`, per customer and
// currency:
//   DSO = outstanding on as_of / sales of the window x window days
// where the window is the `dso_window_days` (90) days ending on `as_of`,
// both ends included ([as_of - 89, as_of]), and the sales are the amounts as
// issued of the invoices whose issue date falls in it (paid or not). The
// quotient is exact (128-bit) and rounded once to tenths of a day, half away
// from zero. No sales in the window: no DSO ("n/a", JSON null).
//
// Example:
//
//   std::vector<AgingInvoice> facts = ...;  // from the ledger, as of the date
//   absl::StatusOr<AgingReport> report =
//       ComputeAging(facts, MakeDate(2026, 3, 31), {.by_customer = true});
//   if (!report.ok()) return report.status();
//   std::cout << AgingToText(*report);
//   // EUR: 1-30 days 12,400.00 (7 invoices), ..., DSO 41.3 days
#ifndef RELANCE_STORE_AGING_HPP_
#define RELANCE_STORE_AGING_HPP_

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/currency.hpp"
#include "relance/date.hpp"
#include "relance/money.hpp"

namespace relance::store {

// The facts of one invoice on the report's date, as the ledger knows them.
struct AgingInvoice {
  std::string invoice = {};
  std::string customer = {};       // the customer id
  std::string customer_name = {};  // "" when not known
  Date issue_date = {};            // on or before the report's as_of
  Date due_date = {};              // the (final) due date
  Money amount = {};               // as issued, > 0; the invoice's currency
  Money outstanding = {};          // owed on as_of (principal), >= 0
  // Late-payment interest plus fixed compensation accrued on as_of, when
  // known; std::nullopt when not computed (no rule, rates missing).
  std::optional<Money> penalties = std::nullopt;
  // The part of `outstanding` under dispute on as_of (a partial dispute:
  // less than outstanding; in full: equal). Still a receivable, aged with
  // the rest of the invoice, and also totalled apart. Zero (in any
  // currency, the default "0 XXX" included) when nothing is disputed.
  Money disputed = {};
};

// The ageing buckets, in report order.
enum class AgingBucket {
  kNotDue,  // due_date >= as_of
  kDays1To30,
  kDays31To60,
  kDays61To90,
  kOver90,  // 91 days past due and more
};

inline constexpr int kAgingBucketCount = 5;
inline constexpr std::array<AgingBucket, kAgingBucketCount> kAllAgingBuckets = {
    AgingBucket::kNotDue, AgingBucket::kDays1To30, AgingBucket::kDays31To60,
    AgingBucket::kDays61To90, AgingBucket::kOver90};

// The stable ids: "not_due", "1-30", "31-60", "61-90", "over_90" (JSON,
// CSV column stems).
[[nodiscard]] std::string_view ToString(AgingBucket bucket);
// What a person reads: "not due", "1-30 days", ..., "over 90 days".
[[nodiscard]] std::string_view Label(AgingBucket bucket);
// Writes ToString(bucket).
std::ostream& operator<<(std::ostream& os, AgingBucket bucket);
// The first and last days past due a bucket holds; std::nullopt where it is
// open (not due: no first, at most 0; over 90: 91, no last).
[[nodiscard]] std::optional<int> FirstDayOf(AgingBucket bucket);
[[nodiscard]] std::optional<int> LastDayOf(AgingBucket bucket);

// The bucket of an invoice due on `due_date`, on `as_of`: by
// `as_of - due_date` days past due (due today: not due; due yesterday: 1-30).
[[nodiscard]] AgingBucket BucketOf(Date due_date, Date as_of);

// The open invoices of one bucket.
struct AgingBucketTotal {
  Money amount = {};  // sum of their outstanding
  int64_t count = 0;  // how many
};

// The ageing of one currency, for all customers or for one. Only open
// invoices (outstanding > 0) are aged and counted; an invoice paid in full
// counts only in `sales` (when issued in the DSO window).
struct AgingLine {
  Currency currency = {};
  std::array<AgingBucketTotal, kAgingBucketCount> buckets = {};  // by bucket
  Money outstanding = {};                                        // every bucket
  Money overdue = {};   // every bucket but "not_due"
  Money disputed = {};  // the disputed part of outstanding (in the buckets)
  int64_t open_invoices = 0;
  // Penalties accrued on open invoices whose penalties are known, and how
  // many open invoices have none known (the sum leaves them out).
  Money penalties = {};
  int64_t penalties_unknown = 0;
  // Amounts as issued of the invoices issued in the DSO window.
  Money sales = {};
  // DSO in tenths of a day (413 = 41.3 days), rounded half away from zero;
  // std::nullopt when `sales` is zero.
  std::optional<int64_t> dso_tenths = std::nullopt;

  const AgingBucketTotal& bucket(AgingBucket b) const {
    return buckets[static_cast<size_t>(b)];
  }
  // "41.3", or "n/a" without sales in the window.
  std::string DsoText() const;
};

// One customer's ageing in one currency.
struct CustomerAging {
  std::string customer = {};
  std::string name = {};  // the first non-empty name given for the id
  AgingLine line = {};
};

struct AgingOptions {
  // Also age each customer (AgingReport::customers).
  bool by_customer = false;
  // The DSO window, in days ending on as_of (included); 1..3660.
  int dso_window_days = 90;

  // Errors: kInvalidArgument when dso_window_days is outside 1..3660.
  [[nodiscard]] absl::Status Validate() const;
};

struct AgingReport {
  Date as_of = {};
  int dso_window_days = 90;
  Date dso_window_start = {};  // as_of - (dso_window_days - 1)
  // One line per currency of the invoices given (even when nothing is open
  // in it), sorted by currency code.
  std::vector<AgingLine> currencies = {};
  // With `by_customer`: one per customer and currency with at least one open
  // invoice, by customer id (bytewise), then currency code. Empty otherwise.
  std::vector<CustomerAging> customers = {};
  bool by_customer = false;
};

// Ages `invoices` on `as_of`.
// Errors: kInvalidArgument naming the invoice (by its index and id) when its
// amount is not positive or has no real currency ("XXX"), when outstanding,
// penalties or a non-zero disputed amount are in another currency than the
// amount, when outstanding or penalties are negative, when the disputed
// amount is negative or above outstanding, when it was issued after `as_of`
// or is due before it was issued; when a total exceeds Money's bound; and
// when `options` are invalid.
[[nodiscard]] absl::StatusOr<AgingReport> ComputeAging(
    std::span<const AgingInvoice> invoices, Date as_of,
    const AgingOptions& options = {});

// --- Renderings
// ---------------------------------------------------------------- Each is
// deterministic: the same report gives the same bytes.

// Aligned tables for a terminal: per currency, the buckets (amount, count,
// share of the outstanding), the totals, penalties and DSO; with
// by_customer, a table of customers. Amounts with thousands separators
// ("12,400.00"), the currency named in each table's heading. Ends with a
// newline.
[[nodiscard]] std::string AgingToText(const AgingReport& report);

// RFC 4180 CSV with a header row, then one row per currency (scope
// "currency", customer columns empty) and, with by_customer, one per
// customer and currency (scope "customer"). Amounts are decimals in major
// units ("1234.56") beside a currency column; dso is "41.3" or empty.
// Columns (docs/aging.md): scope, customer, customer_name, currency,
// not_due, not_due_count, days_1_30, days_1_30_count, days_31_60,
// days_31_60_count, days_61_90, days_61_90_count, over_90, over_90_count,
// outstanding, overdue, disputed, open_invoices, penalties,
// penalties_unknown, sales, dso_days. Lines end with "\n"; a field
// holding a comma, a quote or a line break is quoted ("Dupont, Fils").
[[nodiscard]] std::string AgingToCsv(const AgingReport& report);

// The `relance.aging` document (docs/json.md conventions, docs/aging.md).
[[nodiscard]] std::string AgingToJson(const AgingReport& report);

// An SVG 1.1 chart: for each currency, one horizontal bar per bucket, its
// length proportional to the bucket's amount (the largest bucket of the
// currency spans the full width; integer arithmetic), labelled with the
// amount and the count. Plain SVG: no script, no external reference; all
// text XML-escaped.
[[nodiscard]] std::string AgingToSvg(const AgingReport& report);

}  // namespace relance::store

#endif  // RELANCE_STORE_AGING_HPP_
