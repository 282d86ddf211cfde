// relance/batch.hpp
// -----------------------------------------------------------------------------
// The portfolio kernel: one policy applied to millions of invoices stored as
// columns, for nightly runs and analysis.
//
// `Evaluate` (relance/dunning.hpp) takes one customer's case as a trail of
// events and explains every decision. A vendor re-evaluating its whole
// portfolio every night needs less per invoice and needs it fast: the due
// date, the balance, the late-payment interest and compensation, and the
// next level of the ladder. `PortfolioEvaluator` computes exactly those, with
// the same concepts and the same results as the scalar path:
//
//   - the due date is the latest due date of the invoice's `PaymentTerms`
//     (as CompiledCase computes it); each distinct terms is compiled once by
//     the host and turned into a table of due dates per issue date when the
//     evaluator is created;
//   - penalties are `Assess` under the policy's penalty rule: the rule's
//     daily rates (reference series, fixing, floor and cap as `Assess`
//     applies them) are turned into a prefix-sum table once per evaluator,
//     so an invoice's exact interest is a few multiplications; payments are
//     imputed in the rule's settlement order; interest is rounded once per
//     invoice with the rule's rounding mode;
//   - the level follows `Evaluate`: the next level after the last one sent,
//     due on due date + its offset, pre-due levels passed over once the
//     invoice is overdue, the invoice and level minimums on the amount
//     outstanding (balance less what is disputed), the gap between levels
//     when the host gives the date of the last level, skipping when the
//     policy allows it, and the customer minimum over each customer's
//     invoices.
//
// A test draws random portfolios and checks every invoice's figures and
// level against `Assess` and `Evaluate` (tests/batch_agreement_test.cpp).
//
// What the columns cannot say is refused when the evaluator is created, with
// a message naming the feature, rather than computed differently: policies
// with segment rules (unless the host names the ladder), a contact cap, level
// fees or claims dunned after payment; penalty rules whose rate depends on the
// invoice (fixing at the due date or the UK reference date), rounding per
// line or per day, 30/360 day counts; and per invoice, an issue date before
// the rule's current regime. Those go through `Evaluate`.
//
// Costs: no allocation per invoice; memory beyond the caller's columns is
// one byte per customer per thread for the letters (and eight more per
// customer per thread with a customer minimum, plus one byte per invoice
// when the caller asks for no action column). Threads split the invoices
// into contiguous chunks; results are identical for any thread count.
//
// Example:
//
//   std::vector<PaymentTerms> terms = {*PaymentTerms::Parse("30D"),
//                                      *PaymentTerms::Parse("30D+CM")};
//   auto evaluator = PortfolioEvaluator::Create(
//       policy, terms, {.currency = *Currency::FromCode("EUR"),
//                       .as_of = MakeDate(2025, 12, 31)});
//   PortfolioColumns columns{.issue_date = issue, .amount = amount,
//                            .terms = terms_id, .payment_start = start,
//                            .payment_date = paid_on,
//                            .payment_amount = paid};
//   absl::StatusOr<PortfolioTotals> totals =
//       evaluator->Run(columns, {}, {.threads = 2});
#ifndef RELANCE_BATCH_HPP_
#define RELANCE_BATCH_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/currency.hpp"
#include "relance/date.hpp"
#include "relance/export.hpp"
#include "relance/policy.hpp"
#include "relance/terms.hpp"

namespace relance {

// Bits of PortfolioColumns::flags.
inline constexpr uint8_t kInvoiceDisputed = 1;  // disputed in full: no level

// A portfolio as columns: views over arrays the caller owns, one element per
// invoice unless said otherwise. Dates are days since 1970-01-01 (numpy's
// datetime64[D]); amounts are minor units of the evaluator's currency.
struct RELANCE_API PortfolioColumns {
  // Required. The issue date: it starts the payment terms and is the
  // obligation date that chooses the penalty regime.
  std::span<const int64_t> issue_date = {};
  // Required. The invoice total, > 0.
  std::span<const int64_t> amount = {};
  // Required. Index of the invoice's terms in the evaluator's terms list.
  std::span<const int32_t> terms = {};
  // Optional (empty: no letters and no customer minimum). The customer of
  // each invoice, 0 .. customer_count - 1 (codes, as pandas' factorize).
  std::span<const int32_t> customer = {};
  int32_t customer_count = 0;
  // Optional (empty: none set). kInvoiceDisputed and reserved zero bits.
  std::span<const uint8_t> flags = {};
  // Optional (empty: none sent). The last level sent, 0 (none) .. the
  // ladder's size, 1-based as PortfolioOutputs::action_level.
  std::span<const uint8_t> last_level = {};
  // Optional: the date the last level was sent (ignored where last_level is
  // 0). With it, the gap between levels applies as in Evaluate
  // (PolicySpec::min_days_between_levels, a level's min_days_since_previous)
  // and nothing is sent twice on one day. Without it, no gap applies.
  std::span<const int64_t> last_level_date = {};
  // Required (may be all empty when there are no payments): payments
  // grouped per invoice. Invoice i's payments are [payment_start[i],
  // payment_start[i + 1]) of payment_date and payment_amount, in date order;
  // payment_start has one element per invoice plus one, starts at 0 and
  // never decreases. Amounts > 0. Payments dated after as_of are ignored.
  std::span<const int64_t> payment_start = {};
  std::span<const int64_t> payment_date = {};
  std::span<const int64_t> payment_amount = {};
};

// Where Run writes per-invoice results: each span empty (not wanted) or
// exactly one element per invoice. After an error their content is
// unspecified (partly written).
struct RELANCE_API PortfolioOutputs {
  std::span<int64_t> due_date = {};  // days since 1970-01-01
  // Amount less payments up to as_of (never below 0).
  std::span<int64_t> balance = {};
  // Late-payment interest charged on as_of (PenaltyAssessment::interest).
  std::span<int64_t> interest = {};
  // Fixed compensation (PenaltyAssessment::compensation).
  std::span<int64_t> compensation = {};
  // The level to send today, 1-based in the ladder; 0: none.
  std::span<uint8_t> action_level = {};
};

// What a run adds up. Amounts in minor units of the evaluator's currency.
struct RELANCE_API PortfolioTotals {
  int64_t invoices = 0;
  int64_t total_balance = 0;
  int64_t total_interest = 0;
  int64_t total_compensation = 0;
  // Invoices with an action at level k + 1 (one element per ladder level).
  std::vector<int64_t> actions_per_level = {};
  // Customers whose letter is at level k + 1: the highest action level
  // among their invoices (zeros without a customer column).
  std::vector<int64_t> letters_per_level = {};
  // Set when some interest used a rate carried forward beyond its series'
  // last known date (InterestRule::assume_last_rate): the first such day.
  std::optional<Date> rate_assumed_from = {};
};

// What an evaluator is created for.
struct RELANCE_API PortfolioSetup {
  // Every amount of the columns is in this currency; the policy's minimums
  // and the rule's compensation are read in it.
  Currency currency;
  Date as_of = {};
  // The ladder to apply to every invoice: one of the policy's ladders,
  // chosen by the host (segment rules are then not consulted). Empty: the
  // "default" ladder, and a policy with segment rules is refused (choosing
  // a ladder by segment needs each customer's history: run each segment's
  // invoices with its ladder named).
  std::string ladder = {};
  // Issue dates the due-date tables cover: from this date to as_of. Issue
  // dates outside it are still right, computed by the terms one by one.
  // None: three years before as_of.
  std::optional<Date> issue_dates_from = {};
};

struct RELANCE_API PortfolioRunOptions {
  // Threads over contiguous chunks, 1..256 (the calling thread is one).
  int threads = 1;
};

// A policy, terms and as-of date prepared for portfolio runs. A value handle
// over immutable state: cheap to copy, safe to share between threads; Run
// may be called concurrently.
class RELANCE_API PortfolioEvaluator {
 public:
  // Prepares the ladder, the due-date table of each terms and the rule's
  // rate table. Errors: kNotFound for an unknown ladder (Policy::
  // FindLadder); kInvalidArgument for a policy or rule feature the kernel
  // does not compute (named, see the header comment), a terms list longer
  // than 65,536, issue_dates_from after as_of, terms whose due date cannot
  // be computed for an issue date of the window; kOutOfRange (only) when a
  // reference rate the rule needs up to as_of is unknown and the rule does
  // not assume the last rate (as Assess).
  [[nodiscard]] static absl::StatusOr<PortfolioEvaluator> Create(
      const Policy& policy, std::vector<PaymentTerms> terms,
      PortfolioSetup setup);

  // Runs the policy over `columns`, writing `outputs` and returning the
  // totals. Errors (kInvalidArgument, naming the invoice's row and the
  // column): columns of different lengths, an amount not positive, a terms
  // index or customer code out of range, an issue date after as_of, an
  // unknown flag bit, a last level beyond the ladder, payment offsets that
  // are not well formed, payments out of date order or not positive, an
  // output span of the wrong length, threads outside 1..256, a total beyond
  // Money::kMaxMinorUnits. The first error by row is reported whatever the
  // thread count. kOutOfRange as Assess for an invoice whose dates fall
  // outside the rule's regime or known rates.
  [[nodiscard]] absl::StatusOr<PortfolioTotals> Run(
      const PortfolioColumns& columns, const PortfolioOutputs& outputs = {},
      const PortfolioRunOptions& options = {}) const;

  const PortfolioSetup& setup() const;
  const Policy& policy() const;
  // The ladder applied (PortfolioSetup::ladder, or the default ladder).
  const Ladder& ladder() const;

  struct Impl;

 private:
  explicit PortfolioEvaluator(std::shared_ptr<const Impl> impl)
      : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace relance

#endif  // RELANCE_BATCH_HPP_
