// relance/penalty.hpp
// -----------------------------------------------------------------------------
// Late-payment penalties: what a late payer owes, to the cent, and why.
//
// A `PenaltyRule` is plain data (a preset from relance/jurisdiction.hpp, or a
// contractual rule from JSON); `CompiledPenaltyRule::Compile` validates it
// once into a small value handle over immutable shared state (cheap to copy,
// safe to share between threads), which `Assess` uses without validating
// again.
//
// `Assess(rule, facts, as_of)` computes, for one invoice, the late-payment
// interest (as a breakdown a court or a customer can check), the fixed
// recovery compensation and the costs already charged, as they stand on
// `as_of`. It is pure: same inputs, same result; no clock is read.
//
// Interest is simple interest on the principal outstanding, day by day:
//
//   interest = Σ over charged days d of  principal(d) x annual_rate(d) x
//              year_fraction(d)
//
// - Charged days: from the day after `due_date + grace_days` up to and
//   including the payment date that settles the principal, or `as_of`,
//   whichever comes first. A payment made on day p still bears interest for
//   day p (it reduces the principal from p + 1). Payments dated after
//   `as_of` are ignored (and flagged).
// - The period is cut into lines wherever the principal or the rate changes
//   (and at year ends under Actual/Actual, where the basis changes), so each
//   line has one balance and one rate: `PenaltyAssessment::lines`. On one
//   day, credit notes are applied before payments.
// - The fixed compensation is owed when the invoice was not settled in full
//   by its due date (grace days delay interest, not lateness). Charges dated
//   after `as_of` are not counted. If the interest falls below the rule's
//   minimum, none is charged and no payment is allocated to it.
// - Exactness: every line's interest is kept as an exact fraction (128-bit
//   integers, common denominator), summed exactly, and rounded ONCE per
//   invoice with the rule's `RoundingMode` (or once per line, or per day,
//   if `rounding_point` says so). Line amounts shown in the breakdown are
//   each rounded for display; under per-invoice rounding their sum may differ
//   from the total by less than one minor unit per line.
// - No interest on interest: payments settle interest and costs, but interest
//   always runs on principal only.
// - Reference rates are never extrapolated: a rate needed after a series'
//   last known date is a kOutOfRange error, unless the rule opts in to
//   `InterestRule::assume_last_rate`; then the last known rate is carried
//   forward, and every line so computed says so (`InterestLine::
//   assumed_rate`, PenaltyFlag::kAssumedLastRate and a sentence).
// - Statutory rules change over time: a rule may carry earlier regimes
//   (`PenaltyRule::earlier_regimes`), chosen by the date the obligation
//   arose (`InvoiceFacts::obligation_date`, by default the due date); a date
//   before the first regime modelled is a kOutOfRange error naming it.
// - Every flag comes with a sentence in `explanations`.
//
// Settlement order of payments (`SettlementOrder`):
//   kPrincipalFirst         a payment reduces the principal first, then
//                           accrued interest, then costs (the usual
//                           commercial practice, and relance's default);
//   kCostsInterestPrincipal costs, then accrued interest, then principal, as
//                           BGB §367(1) provides when the debtor does not say
//                           otherwise; Code civil art. 1343-1 puts interest
//                           before principal and says nothing of costs,
//                           which relance then settles first as well. The
//                           principal stays higher for longer, so later
//                           interest is higher.
// A credit note always reduces the principal (it cancels part of the claim;
// it is not a payment to allocate).
//
// One settlement model for relance (the dunning layer follows it): an
// invoice's lifecycle is "paid" when its payments and credit notes cover its
// amount; how those payments are imputed between costs, interest and
// principal is the rule's `SettlementOrder`, and what is still owed is what
// `Assess` says (`PenaltyAssessment::total_outstanding`). So under fr-b2b
// (costs, interest, principal) a late payment of exactly the invoice amount
// first settles the EUR 40 and the interest, leaves that much principal
// legally owed, and that principal keeps bearing interest until it is paid;
// under a principal-first rule (uk-late-payment) the same payment clears the
// principal, interest stops, and the claim is the interest and compensation
// left, which no longer grow.
//
// Example (Code de commerce L441-10, second half of 2025: ECB 2.15 % + 10):
//
//   auto rule = PenaltyPreset("fr-b2b");
//   InvoiceFacts facts{.amount = *Money::Parse("15000.00 EUR"),
//                      .due_date = MakeDate(2025, 9, 30)};
//   auto assessment = Assess(*rule, facts, MakeDate(2025, 10, 30));
//   // 30 days x 15000.00 x 12.15 % / 365 = 149.79 EUR interest,
//   // 40.00 EUR compensation (D441-5).
#ifndef RELANCE_PENALTY_HPP_
#define RELANCE_PENALTY_HPP_

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/day_count.hpp"
#include "relance/export.hpp"
#include "relance/money.hpp"
#include "relance/rate.hpp"
#include "relance/rate_series.hpp"
#include "relance/rounding.hpp"

namespace relance {

// How the reference rate is fixed for each charged day.
enum class RateFixing {
  // The rate in force on the day itself.
  kDaily,
  // The rate in force on 1 January for days in January-June, on 1 July for
  // days in July-December (Code de commerce L441-10 II; Directive 2011/7/EU
  // art. 2(12); the German base rate changes on those dates, §247 BGB).
  kHalfYearly,
  // One rate for the whole debt: the reference rate in force on 31 December
  // (if interest starts in January-June) or 30 June (July-December) before
  // the half-year in which interest starts (Late Payment of Commercial Debts
  // (Rate of Interest) (No. 3) Order 2002, art. 4).
  kFixedAtHalfYearBeforeStart,
  // The rate in force on the due date, for the whole period.
  kAtDueDate,
};
[[nodiscard]] RELANCE_API std::string_view ToString(RateFixing fixing);
// "daily", "half-yearly", "uk-reference-date", "due-date".
[[nodiscard]] RELANCE_API absl::StatusOr<RateFixing> ParseRateFixing(
    std::string_view text);

enum class SettlementOrder { kPrincipalFirst, kCostsInterestPrincipal };
// "principal-first", "costs-interest-principal".
[[nodiscard]] RELANCE_API std::string_view ToString(SettlementOrder order);
[[nodiscard]] RELANCE_API absl::StatusOr<SettlementOrder> ParseSettlementOrder(
    std::string_view text);

// What happens when a minimum rate (floor) is above the computed rate.
enum class FloorPolicy {
  kApply,     // the floor is charged
  kFlagOnly,  // the computed rate is charged; the result carries a flag
};

// Where interest is rounded to minor units.
enum class RoundingPoint {
  kPerInvoice,  // the exact total, once (relance's default)
  kPerLine,     // each breakdown line, then summed
  kPerDay,      // the daily amount (principal x rate / basis), then x days:
                // the method of gov.uk's worked example ("23p a day ... after
                // 50 days this would be £11.50")
};

struct RELANCE_API InterestRule {
  enum class Basis {
    kNone,                 // no interest
    kFixedAnnual,          // `rate` per year
    kReferencePlusMargin,  // `reference` series + `rate` (the margin)
    kMonthly,              // `rate` per month, charged as 12 x rate per year
  };
  Basis basis = Basis::kNone;
  Rate rate = {};
  std::shared_ptr<const RateSeries> reference = {};
  RateFixing fixing = RateFixing::kDaily;
  // Floor: the rate is at least floor_factor x floor_series (fixed like the
  // reference), e.g. 3 x the French legal rate (L441-10 II). factor 0: none.
  std::shared_ptr<const RateSeries> floor_series = {};
  int floor_factor = 0;
  FloorPolicy floor_policy = FloorPolicy::kApply;
  // Cap: the rate is at most this (e.g. a usury ceiling).
  std::optional<Rate> cap = {};
  DayCount day_count = DayCount::kActual365Fixed;
  // Days after the due date never charged.
  int grace_days = 0;
  SettlementOrder settlement = SettlementOrder::kPrincipalFirst;
  // Below this, no interest is charged at all (flagged).
  std::optional<Money> minimum_interest = {};
  RoundingMode rounding = RoundingMode::kHalfAwayFromZero;
  RoundingPoint rounding_point = RoundingPoint::kPerInvoice;
  // Opt-in: a reference or floor rate needed after its series' last known
  // date is the last known rate, carried forward (flagged). Off by default:
  // relance does not guess rates.
  bool assume_last_rate = false;
  // The rate is the one the law sets (a statutory preset's), not one agreed
  // by contract. Changes the wording of a flag-only floor only.
  bool statutory_rate = false;
};

struct RELANCE_API CompensationRule {
  enum class Kind {
    kNone,
    kFixed,    // `fixed` once per late invoice (EUR 40: D441-5, §288(5) BGB,
               // Directive 2011/7/EU art. 6)
    kUkBands,  // GBP 40 / 70 / 100 for a debt under 1,000 / under 10,000 /
               // 10,000 or more (Late Payment Act 1998 s.5A)
  };
  Kind kind = Kind::kNone;
  std::optional<Money> fixed = {};
  // The legal basis, shown with the amount ("Code de commerce D441-5").
  std::string basis = {};
  // Owed only between businesses (all statutory rules).
  bool business_to_business_only = true;
};

// What a statutory rule was for obligations arising from `from` (inclusive)
// until the next regime: the law as it then stood.
struct RELANCE_API PenaltyRegime {
  Date from = {};
  // The law, e.g. "§ 288 Abs. 2 BGB a.F. (2002-01-01 to 2014-07-28)".
  std::string name = {};
  InterestRule interest = {};
  CompensationRule compensation = {};
};

// A complete penalty rule: a preset (relance/jurisdiction.hpp) or a
// contractual rule from JSON.
struct RELANCE_API PenaltyRule {
  std::string id = {};
  std::string name = {};
  // The articles the rule applies, e.g. "Code de commerce L441-10, D441-5".
  std::string citation = {};
  InterestRule interest = {};
  CompensationRule compensation = {};
  // When the law changed: `interest` and `compensation` govern obligations
  // arising from `regime_from` (none: at all dates), described by
  // `regime_name`; `earlier_regimes` (oldest first, each before the next and
  // before `regime_from`) govern earlier ones. An obligation before the
  // first of them all is not modelled: Assess refuses it (kOutOfRange).
  std::optional<Date> regime_from = {};
  std::string regime_name = {};
  std::vector<PenaltyRegime> earlier_regimes = {};

  // Errors (kInvalidArgument): a reference basis without a series, a floor
  // factor without a series (or negative), negative grace days, a negative
  // minimum interest, regimes out of order or without `regime_from`; the
  // same for each earlier regime.
  [[nodiscard]] absl::Status Validate() const;

  // The rule as it applies to obligations arising on `date`: this rule with
  // the interest and compensation of the regime in force then (and
  // `regime_from`/`regime_name` naming it, no earlier regimes). Errors:
  // kOutOfRange when `date` is before the first regime modelled, naming the
  // rule, the date and that regime.
  [[nodiscard]] absl::StatusOr<PenaltyRule> ForObligationDate(Date date) const;
};

// A payment or a credit note received for the invoice.
struct RELANCE_API Settlement {
  enum class Kind { kPayment, kCreditNote };
  Date date = {};
  Money amount;  // positive, in the invoice's currency
  Kind kind = Kind::kPayment;
};

// A cost already charged to the debtor (a dunning fee), dated.
struct RELANCE_API Charge {
  Date date = {};
  Money amount;
  std::string label = {};
};

struct RELANCE_API InvoiceFacts {
  Money amount;  // the invoice total (the principal), positive
  Date due_date = {};
  // The date the obligation to pay arose (the contract, or the delivery or
  // invoice that started the payment period): it chooses the regime of a
  // rule whose law changed (PenaltyRule::earlier_regimes). None: the due
  // date, the latest the obligation can have arisen. Not after the due date.
  std::optional<Date> obligation_date = {};
  std::vector<Settlement> settlements = {};  // any order; sorted by date
  std::vector<Charge> charges = {};
  bool business_to_business = true;
};

// One line of the interest breakdown: a run of days with one principal and
// one rate.
struct RELANCE_API InterestLine {
  Date first_day = {};  // first day charged (inclusive)
  Date last_day = {};   // last day charged (inclusive)
  int64_t days = 0;     // actual days, last_day - first_day + 1
  Money principal;      // the principal charged on these days
  Rate annual_rate = {};
  Money amount;  // rounded for display (see the header comment)
  // The rate was not known: the last known rate of a series carried forward
  // (InterestRule::assume_last_rate).
  bool assumed_rate = false;
};

enum class PenaltyFlag {
  kNotLate,  // nothing charged: not past due (+ grace)
  kPaymentsAfterAsOfIgnored,
  kFloorApplied,    // the floor replaced a lower rate
  kFloorAboveRate,  // FlagOnly: the floor exceeds the rate charged
  kCapApplied,
  kBelowMinimumInterest,          // interest computed but not charged
  kCompensationNotApplicable,     // not B2B, or paid on time
  kCompensationCurrencyMismatch,  // rule's amount in another currency
  kOverpaid,         // settlements exceed principal, interest and costs (see
                     // PenaltyAssessment::overpaid)
  kFloorNotChecked,  // FlagOnly floor without a known rate for the period
                     // (e.g. before the series starts)
  kMinimumInterestCurrencyMismatch,  // the minimum is in another currency
                                     // and was not applied
  kAssumedLastRate,  // some lines use a rate carried forward beyond its
                     // series' last known date (InterestLine::assumed_rate)
};
[[nodiscard]] RELANCE_API std::string_view ToString(PenaltyFlag flag);

// The flags of an assessment, each at most once, in the order they were
// raised; fixed storage (no allocation). A container for range-for and gmock
// container matchers.
class RELANCE_API PenaltyFlags {
 public:
  using value_type = PenaltyFlag;
  using const_iterator = const PenaltyFlag*;
  using iterator = const_iterator;
  using size_type = size_t;
  // The number of PenaltyFlag values.
  static constexpr size_t kCapacity = 12;

  // Adds `flag` unless it is already there.
  void Add(PenaltyFlag flag) {
    if (!Has(flag) && size_ < kCapacity) flags_[size_++] = flag;
  }
  bool Has(PenaltyFlag flag) const {
    for (size_t i = 0; i < size_; ++i) {
      if (flags_[i] == flag) return true;
    }
    return false;
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const_iterator begin() const { return flags_.data(); }
  const_iterator end() const { return flags_.data() + size_; }
  PenaltyFlag operator[](size_t i) const { return flags_[i]; }
  friend bool operator==(const PenaltyFlags& a, const PenaltyFlags& b) {
    if (a.size_ != b.size_) return false;
    for (size_t i = 0; i < a.size_; ++i) {
      if (a.flags_[i] != b.flags_[i]) return false;
    }
    return true;
  }

 private:
  std::array<PenaltyFlag, kCapacity> flags_ = {};
  size_t size_ = 0;
};

struct RELANCE_API PenaltyAssessment {
  Date as_of = {};
  // The rule applied: the regime in force for the obligation (shared with
  // the compiled rule; never null in an assessment Assess returns).
  std::shared_ptr<const PenaltyRule> rule = {};
  // Its id ("fr-b2b"); "" for a default-constructed assessment.
  std::string_view rule_id() const {
    return rule == nullptr ? std::string_view() : std::string_view(rule->id);
  }
  // The breakdown (empty when AssessOptions::breakdown is false).
  std::vector<InterestLine> lines = {};
  Money interest;      // total interest charged (rounded once)
  Money compensation;  // fixed recovery compensation
  Money charges;       // costs charged (sum of InvoiceFacts::charges)
  Money total;         // interest + compensation + charges
  // What remains owed on as_of, after the settlements up to as_of imputed
  // in the rule's order (see "One settlement model" above):
  Money principal_outstanding;  // principal not yet settled
  Money interest_outstanding;   // interest charged and not yet settled
  Money costs_outstanding;      // compensation + charges not yet settled
  // interest_outstanding + costs_outstanding: the late-payment claim beyond
  // the principal.
  Money penalties_outstanding;
  // principal + interest + costs outstanding: everything still owed.
  Money total_outstanding;
  Money overpaid;  // settlements beyond everything owed
  PenaltyFlags flags = {};
  // Sentences for people, one per fact worth saying (empty when
  // AssessOptions::breakdown is false).
  std::vector<std::string> explanations = {};

  bool HasFlag(PenaltyFlag flag) const;
};

// What Assess builds besides the figures.
struct RELANCE_API AssessOptions {
  // Build the interest lines and the explanation sentences. When false,
  // `lines` and `explanations` stay empty, every other field is identical,
  // and Assess on a CompiledPenaltyRule makes no heap allocation at all when
  // it succeeds, provided the settlements are sorted by date (credit notes
  // first on a day) or number at most kMaxUnsortedSettlements. For the
  // dunning engine and batch runs, which only need the amounts.
  bool breakdown = true;
};
// Unsorted settlements up to this many are ordered in fixed storage.
inline constexpr size_t kMaxUnsortedSettlements = 64;

// A validated penalty rule: a value handle over immutable shared state with
// the rule and each of its regimes ready to apply. Copying shares; safe to
// share between threads.
class RELANCE_API CompiledPenaltyRule {
 public:
  // Validates `rule` (PenaltyRule::Validate's errors) and prepares its
  // regimes.
  [[nodiscard]] static absl::StatusOr<CompiledPenaltyRule> Compile(
      PenaltyRule rule);

  // The rule as given (with its earlier regimes).
  const PenaltyRule& rule() const;
  const std::string& id() const { return rule().id; }

  // The regime for obligations arising on `date` (as
  // PenaltyRule::ForObligationDate, without copying). Errors: kOutOfRange
  // before the first regime modelled.
  [[nodiscard]] absl::StatusOr<std::shared_ptr<const PenaltyRule>> RegimeFor(
      Date date) const;

 private:
  struct Impl;
  explicit CompiledPenaltyRule(std::shared_ptr<const Impl> impl)
      : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// Assesses `facts` under `rule` (its regime for the obligation date) as of
// `as_of` (inclusive). The rule is not validated again.
// Errors: kInvalidArgument for a non-positive amount, a settlement or charge
// in another currency or not positive, an obligation date after the due
// date, an invalid rule, an amount owed beyond Money::kMaxMinorUnits;
// kOutOfRange (only) when a reference or floor rate is needed beyond its
// series' known dates (naming the series and the date; with a RateGap,
// relance/rate_series.hpp) and the rule does not assume the last rate, or
// when the obligation predates the rule's first regime.
[[nodiscard]] RELANCE_API absl::StatusOr<PenaltyAssessment> Assess(
    const CompiledPenaltyRule& rule, const InvoiceFacts& facts, Date as_of,
    const AssessOptions& options = {});
// The same for a rule not compiled yet: compiles it (validating it), then
// assesses. For one-off use; compile once to assess many invoices.
[[nodiscard]] RELANCE_API absl::StatusOr<PenaltyAssessment> Assess(
    const PenaltyRule& rule, const InvoiceFacts& facts, Date as_of,
    const AssessOptions& options = {});

// The exact interest on `principal` at `annual_rate` for the days of
// (start, end] under `day_count`, in minor units as a whole part and a
// fraction over kExactInterestDenominator. Exposed for tests and for hosts
// that need unrounded figures.
struct RELANCE_API ExactInterest {
  absl::int128 whole = 0;
  absl::int128 fraction = 0;  // 0 <= fraction < kDenominator
  // lcm(360, 365, 366) x 10^9.
  static constexpr int64_t kDenominator = 1'603'080'000'000'000;

  ExactInterest& operator+=(const ExactInterest& other);
  friend bool operator==(const ExactInterest&, const ExactInterest&) = default;
  // Orders by value (whole, then fraction). Written out because absl::int128
  // has no operator<=>, so a defaulted one would be deleted.
  friend std::strong_ordering operator<=>(const ExactInterest& a,
                                          const ExactInterest& b) {
    if (a.whole != b.whole) {
      return a.whole < b.whole ? std::strong_ordering::less
                               : std::strong_ordering::greater;
    }
    if (a.fraction != b.fraction) {
      return a.fraction < b.fraction ? std::strong_ordering::less
                                     : std::strong_ordering::greater;
    }
    return std::strong_ordering::equal;
  }
  // Rounded to whole minor units by `mode` (the value is never negative).
  absl::int128 Rounded(RoundingMode mode) const;
};
[[nodiscard]] RELANCE_API ExactInterest InterestForPeriod(Money principal,
                                                          Rate annual_rate,
                                                          Date start, Date end,
                                                          DayCount day_count);

}  // namespace relance

#endif  // RELANCE_PENALTY_HPP_
