// The columnar portfolio kernel (relance/batch.hpp).
//
// Create prepares three tables once: for each terms, the due date of every
// issue date in the window (as offsets); for the penalty rule, the prefix
// sums of its daily interest weights (the rates Assess charges, each over its
// day-count basis, reduced to the smallest exact integers); and the ladder as
// plain numbers. Run then walks the invoices in contiguous chunks, one per
// thread, each invoice in a few dozen instructions: a table look-up for the
// due date, a loop over its (few) payments for the balance and the exact
// interest numerator, one division to round it, and the level rule.
// Invoices the tables do not cover (an issue date outside the window, an
// obligation under an earlier regime of the law) take the scalar path:
// PaymentTerms::DueDates and Assess, one by one.
#include "relance/batch.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "relance/date.hpp"
#include "relance/day_count.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/money.hpp"
#include "relance/penalty.hpp"
#include "relance/rate.hpp"
#include "relance/rounding.hpp"

namespace relance {

namespace {

constexpr int kMaxThreads = 256;
constexpr size_t kMaxTerms = 65'536;
// lcm(360, 365, 366): every day-count basis divides it.
constexpr int64_t kBasisMultiple = 1'603'080;
constexpr int64_t kPartsPerUnit = 1'000'000'000;
// The default window of issue dates the due-date tables cover.
constexpr Days kDefaultWindow{1096};

// One rung of the ladder, as numbers.
struct LevelRule {
  int offset_days = 0;
  int gap_days = 0;  // max(min_days_between_levels, min_days_since_previous)
  // The level's own minimum in the run's currency; 0: none.
  int64_t minimum = 0;
};

// The penalty rule's current regime, ready for the fast path.
struct PenaltyTable {
  bool interest = false;  // the rule charges interest
  int grace_days = 0;
  SettlementOrder settlement = SettlementOrder::kPrincipalFirst;
  RoundingMode rounding = RoundingMode::kHalfAwayFromZero;
  int64_t minimum_interest = 0;  // 0: none
  CompensationRule::Kind compensation_kind = CompensationRule::Kind::kNone;
  int64_t compensation_fixed = 0;  // kFixed in the run's currency, else 0
  bool uk_bands = false;           // kUkBands and the run is in GBP
  // Obligations from this date on use the table (the current regime).
  std::optional<int64_t> regime_from = {};
  // weight_prefix[d - rate_from + 1] = sum of the daily weights of the days
  // rate_from .. d; [0] = 0. A day's weight is its annual rate over its
  // day-count basis, so that interest = principal x (sum of weights) /
  // denominator, exactly.
  int64_t rate_from = 0;
  std::vector<int64_t> weight_prefix = {0};
  int64_t denominator = 1;
  // The first day charged at a rate carried forward (assume_last_rate).
  std::optional<int64_t> assumed_from = {};
};

int64_t Days64(Date date) { return DaysSinceEpoch(date); }

}  // namespace

struct PortfolioEvaluator::Impl {
  Impl(PortfolioSetup setup_in, Policy policy_in)
      : setup(std::move(setup_in)), policy(std::move(policy_in)) {}

  PortfolioSetup setup;
  Policy policy;
  std::vector<PaymentTerms> terms;
  std::optional<CompiledPenaltyRule> rule;  // the policy's, all regimes
  const Ladder* ladder = nullptr;  // in policy's spec (shared, immutable)
  std::vector<LevelRule> levels;
  int64_t invoice_minimum = 0;
  int64_t customer_minimum = 0;
  bool allow_skipping = false;
  int max_levels_per_run = 1;
  int64_t as_of = 0;
  // Due-date tables: due_offset[t * window + (issue - window_from)].
  int64_t window_from = 0;
  int64_t window = 0;
  std::vector<int32_t> due_offset;
  PenaltyTable penalty;
};

namespace {

using Impl = PortfolioEvaluator::Impl;

absl::Status Unsupported(absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("portfolio: ", what,
                   ": the portfolio kernel does not compute it; evaluate "
                   "such cases with Evaluate"));
}

absl::Status CheckPolicy(const Policy& policy) {
  const PolicySpec& spec = policy.spec();
  if (spec.min_days_between_contacts > 0) {
    return Unsupported(
        "the policy caps contacts (min_days_between_contacts), which needs "
        "each customer's contact history");
  }
  if (spec.dun_late_payment_claims) {
    return Unsupported(
        "the policy duns claims after payment (dun_late_payment_claims), "
        "which needs what each invoice's payments settled");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<LevelRule>> LevelRules(const Policy& policy,
                                                  const Ladder& ladder,
                                                  Currency currency) {
  if (ladder.levels.size() > 255) {
    return Unsupported("a ladder of more than 255 levels");
  }
  std::vector<LevelRule> rules;
  rules.reserve(ladder.levels.size());
  for (size_t i = 0; i < ladder.levels.size(); ++i) {
    const DunningLevel& level = ladder.levels[i];
    if (level.fee.has_value()) {
      return Unsupported(absl::StrCat(
          "level ", level.id,
          " charges a fee, which needs the dates of the fees charged"));
    }
    LevelRule rule{.offset_days = level.offset_days,
                   .gap_days = std::max(policy.min_days_between_levels(),
                                        level.min_days_since_previous)};
    if (level.minimum_amount.has_value() &&
        level.minimum_amount->currency() == currency) {
      rule.minimum = level.minimum_amount->minor_units();
    }
    rules.push_back(rule);
  }
  return rules;
}

// The due-date tables of every terms for issue dates [from, from + window).
absl::StatusOr<std::vector<int32_t>> DueTables(
    const std::vector<PaymentTerms>& terms, Date from, int64_t window,
    int64_t& earliest_due) {
  std::vector<int32_t> offsets(terms.size() * static_cast<size_t>(window));
  earliest_due = std::numeric_limits<int64_t>::max();
  for (size_t t = 0; t < terms.size(); ++t) {
    for (int64_t k = 0; k < window; ++k) {
      const Date issue = from + Days{k};
      RELANCE_ASSIGN_OR_RETURN(std::vector<Date> due_dates,
                               terms[t].DueDates(issue));
      const Date due = *std::max_element(due_dates.begin(), due_dates.end());
      const int64_t offset = (due - issue).count();
      if (offset < std::numeric_limits<int32_t>::min() ||
          offset > std::numeric_limits<int32_t>::max()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "portfolio: terms[", t, "] gives a due date too far from ",
            FormatDate(issue)));
      }
      offsets[t * static_cast<size_t>(window) + static_cast<size_t>(k)] =
          static_cast<int32_t>(offset);
      earliest_due = std::min(earliest_due, Days64(due));
    }
  }
  return offsets;
}

int64_t BasisOf(DayCount day_count, Date day) {
  switch (day_count) {
    case DayCount::kActual360:
      return 360;
    case DayCount::kActualActualIsda: {
      const int year = YearOf(day);
      const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      return leap ? 366 : 365;
    }
    default:
      return 365;
  }
}

// The current regime's interest as a weight table over [rate_from, as_of],
// read from Assess itself: a probe invoice due the day before rate_from
// (and its grace days) shows, line by line, the rate Assess charges on every
// day (the reference, its fixing, floor and cap applied).
absl::Status BuildRateTable(const PenaltyRule& regime, Date rate_from,
                            Date as_of, PenaltyTable& table) {
  const InterestRule& interest = regime.interest;
  table.rate_from = Days64(rate_from);
  table.weight_prefix = {0};
  if (rate_from > as_of) return absl::OkStatus();
  PenaltyRule probe_rule = regime;
  probe_rule.earlier_regimes.clear();
  probe_rule.regime_from.reset();
  probe_rule.interest.minimum_interest.reset();
  probe_rule.compensation = {};
  RELANCE_ASSIGN_OR_RETURN(CompiledPenaltyRule probe,
                           CompiledPenaltyRule::Compile(probe_rule));
  const Currency currency = *Currency::FromCode("EUR");
  const InvoiceFacts facts{
      .amount = *Money::FromMinorUnits(1'000'000, currency),
      .due_date = rate_from - Days{1 + interest.grace_days}};
  RELANCE_ASSIGN_OR_RETURN(PenaltyAssessment assessment,
                           Assess(probe, facts, as_of));
  const size_t days = static_cast<size_t>((as_of - rate_from).count() + 1);
  std::vector<absl::int128> weights(days, 0);
  absl::int128 divisor = absl::int128(kBasisMultiple) * kPartsPerUnit;
  for (const InterestLine& line : assessment.lines) {
    for (Date day = line.first_day; day <= line.last_day; day += Days{1}) {
      const absl::int128 weight =
          absl::int128(line.annual_rate.parts_per_billion()) *
          (kBasisMultiple / BasisOf(interest.day_count, day));
      if (weight < 0) {
        return Unsupported(absl::StrCat("the negative rate ",
                                        line.annual_rate.ToString(), " on ",
                                        FormatDate(day)));
      }
      weights[static_cast<size_t>((day - rate_from).count())] = weight;
      if (line.assumed_rate && !table.assumed_from) {
        table.assumed_from = Days64(day);
      }
    }
  }
  // The smallest exact integers: divide every weight and the denominator by
  // their greatest common divisor.
  absl::int128 common = divisor;
  for (const absl::int128& weight : weights) {
    absl::int128 a = common;
    absl::int128 b = weight < 0 ? -weight : weight;
    while (b != 0) {
      const absl::int128 r = a % b;
      a = b;
      b = r;
    }
    common = a;
  }
  table.denominator = static_cast<int64_t>(divisor / common);
  table.weight_prefix.reserve(days + 1);
  absl::int128 sum = 0;
  for (const absl::int128& weight : weights) {
    sum += weight / common;
    if (sum > std::numeric_limits<int64_t>::max() ||
        sum < std::numeric_limits<int64_t>::min()) {
      return Unsupported(
          "interest rates this high over this many days (the weight table "
          "exceeds 64 bits)");
    }
    table.weight_prefix.push_back(static_cast<int64_t>(sum));
  }
  return absl::OkStatus();
}

absl::Status PreparePenalties(const Policy& policy, Currency currency,
                              Date rate_from, Date as_of, PenaltyTable& table) {
  if (!policy.compiled_penalty_rule().has_value()) return absl::OkStatus();
  const PenaltyRule& rule = policy.compiled_penalty_rule()->rule();
  if (rule.regime_from.has_value())
    table.regime_from = Days64(*rule.regime_from);
  const InterestRule& interest = rule.interest;
  if (interest.basis != InterestRule::Basis::kNone) {
    if (interest.fixing == RateFixing::kAtDueDate ||
        interest.fixing == RateFixing::kFixedAtHalfYearBeforeStart) {
      return Unsupported(absl::StrCat(
          "the rate fixing ", std::string(ToString(interest.fixing)),
          " of penalty rule ", rule.id, " (one rate per invoice)"));
    }
    if (interest.rounding_point != RoundingPoint::kPerInvoice) {
      return Unsupported(absl::StrCat("penalty rule ", rule.id,
                                      " rounds interest per line or per day"));
    }
    if (interest.day_count == DayCount::kThirty360 ||
        interest.day_count == DayCount::kThirtyE360) {
      return Unsupported(absl::StrCat("the day count ",
                                      std::string(ToString(interest.day_count)),
                                      " of penalty rule ", rule.id));
    }
    table.interest = true;
    table.grace_days = interest.grace_days;
    table.settlement = interest.settlement;
    table.rounding = interest.rounding;
    if (interest.minimum_interest.has_value() &&
        interest.minimum_interest->currency() == currency) {
      table.minimum_interest = interest.minimum_interest->minor_units();
    }
    RELANCE_RETURN_IF_ERROR(BuildRateTable(rule, rate_from, as_of, table));
  }
  table.compensation_kind = rule.compensation.kind;
  if (rule.compensation.kind == CompensationRule::Kind::kFixed &&
      rule.compensation.fixed.has_value() &&
      rule.compensation.fixed->currency() == currency) {
    table.compensation_fixed = rule.compensation.fixed->minor_units();
  }
  table.uk_bands = rule.compensation.kind == CompensationRule::Kind::kUkBands &&
                   currency == *Currency::FromCode("GBP");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<PortfolioEvaluator> PortfolioEvaluator::Create(
    const Policy& policy, std::vector<PaymentTerms> terms,
    PortfolioSetup setup) {
  RELANCE_RETURN_IF_ERROR(CheckPolicy(policy));
  if (terms.size() > kMaxTerms) {
    return absl::InvalidArgumentError(
        absl::StrCat("portfolio: ", terms.size(),
                     " terms given; at most 65,536 are supported"));
  }
  if (setup.ladder.empty() && !policy.spec().segments.empty()) {
    return Unsupported(
        "the policy chooses ladders by segment (name the ladder to apply: "
        "PortfolioSetup::ladder)");
  }
  auto impl = std::make_shared<Impl>(setup, policy);
  impl->terms = std::move(terms);
  impl->rule = policy.compiled_penalty_rule();
  RELANCE_ASSIGN_OR_RETURN(
      impl->ladder,
      impl->policy.FindLadder(setup.ladder.empty() ? "default" : setup.ladder));
  RELANCE_ASSIGN_OR_RETURN(impl->levels,
                           LevelRules(policy, *impl->ladder, setup.currency));
  impl->invoice_minimum =
      policy.MinimumInvoiceAmount(setup.currency).minor_units();
  impl->customer_minimum =
      policy.MinimumDunningAmount(setup.currency).minor_units();
  impl->allow_skipping = policy.allow_skipping_levels();
  impl->max_levels_per_run = policy.max_levels_per_run();
  impl->as_of = Days64(setup.as_of);
  const Date from =
      setup.issue_dates_from.value_or(setup.as_of - kDefaultWindow);
  if (from > setup.as_of) {
    return absl::InvalidArgumentError(
        absl::StrCat("portfolio: issue_dates_from ", FormatDate(from),
                     " is after the as-of date ", FormatDate(setup.as_of)));
  }
  impl->window_from = Days64(from);
  impl->window = (setup.as_of - from).count() + 1;
  int64_t earliest_due = impl->as_of;
  RELANCE_ASSIGN_OR_RETURN(
      impl->due_offset,
      DueTables(impl->terms, from, impl->window, earliest_due));
  // Interest runs from the day after due date + grace: the earliest day any
  // invoice of the window can be charged.
  int grace = 0;
  if (impl->rule.has_value()) grace = impl->rule->rule().interest.grace_days;
  const Date rate_from =
      DateFromDaysSinceEpoch(std::min(earliest_due, impl->as_of)) +
      Days{grace + 1};
  RELANCE_RETURN_IF_ERROR(PreparePenalties(policy, setup.currency, rate_from,
                                           setup.as_of, impl->penalty));
  return PortfolioEvaluator(std::move(impl));
}

namespace {

// One invoice's inputs, read from the columns.
struct InvoiceRow {
  int64_t issue = 0;
  int64_t amount = 0;
  int32_t terms = 0;
  bool disputed = false;
  int last_level = 0;
  std::optional<int64_t> last_level_date = {};
  std::span<const int64_t> payment_date = {};
  std::span<const int64_t> payment_amount = {};
};

// One invoice's figures.
struct InvoiceResult {
  int64_t due = 0;
  int64_t balance = 0;
  int64_t interest = 0;
  int64_t compensation = 0;
  uint8_t action = 0;
  // The amount the customer minimum counts (0: not counted).
  int64_t counted = 0;
  bool assumed_rate = false;
};

// A column's day as a date, or as a number when no date can show it.
std::string DayText(int64_t days) {
  if (days < DaysSinceEpoch(kMinDate) || days > DaysSinceEpoch(kMaxDate)) {
    return absl::StrCat("day ", days, " (since 1970-01-01)");
  }
  return FormatDate(DateFromDaysSinceEpoch(days));
}

absl::Status RowError(size_t row, absl::string_view column,
                      absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("portfolio: invoice row ", row, ": ", column, " ", what));
}

// The figures Assess gives, from the weight table: the balance, the
// compensation, and the interest with payments imputed in the rule's order.
void TablePenalties(const PenaltyTable& table, int64_t as_of,
                    const InvoiceRow& row, InvoiceResult& out) {
  const int64_t due = out.due;
  const int64_t start = due + table.grace_days;  // last day not charged
  const int64_t* prefix = table.weight_prefix.data();
  const auto weight_to = [&](int64_t day) {
    return prefix[day - table.rate_from + 1];
  };
  int64_t principal = row.amount;
  int64_t interest_paid = 0;
  int64_t costs_paid = 0;
  absl::int128 numerator = 0;
  int64_t from = start;  // every day <= from is accounted for
  const bool charges = table.interest && start < as_of;
  const bool costs_first =
      table.settlement == SettlementOrder::kCostsInterestPrincipal;
  for (size_t k = 0; k < row.payment_date.size(); ++k) {
    const int64_t day = row.payment_date[k];
    if (day > as_of) break;  // dated after as_of: not received yet
    int64_t remaining = row.payment_amount[k];
    if (charges && principal > 0 && day > from) {
      numerator += absl::int128(principal) * (weight_to(day) - weight_to(from));
      from = day;
    }
    const auto take = [&remaining](int64_t& owed) {
      const int64_t paid = std::min(owed, remaining);
      owed -= paid;
      remaining -= paid;
      return paid;
    };
    if (costs_first) {
      int64_t costs_owed =
          std::max<int64_t>(0, (day > due ? out.compensation : 0) - costs_paid);
      int64_t interest_owed = 0;
      if (charges) {
        const auto accrued = static_cast<int64_t>(
            DivideRounded(numerator, table.denominator, table.rounding));
        interest_owed = std::max<int64_t>(0, accrued - interest_paid);
      }
      costs_paid += take(costs_owed);
      interest_paid += take(interest_owed);
    }
    take(principal);
  }
  if (charges && principal > 0 && as_of > from) {
    numerator += absl::int128(principal) * (weight_to(as_of) - weight_to(from));
    from = as_of;
  }
  if (charges && numerator != 0) {
    out.interest = static_cast<int64_t>(
        DivideRounded(numerator, table.denominator, table.rounding));
    out.assumed_rate =
        table.assumed_from.has_value() && from >= *table.assumed_from;
  }
}

// Balance and compensation: what does not depend on the interest.
void BalanceAndCompensation(const PenaltyTable& table, int64_t as_of,
                            const InvoiceRow& row, InvoiceResult& out) {
  int64_t paid = 0;
  int64_t settled_by_due = 0;
  for (size_t k = 0; k < row.payment_date.size(); ++k) {
    const int64_t day = row.payment_date[k];
    if (day > as_of) break;
    paid += row.payment_amount[k];
    if (day <= out.due) settled_by_due += row.payment_amount[k];
  }
  out.balance = std::max<int64_t>(0, row.amount - paid);
  const bool late = out.due < as_of && settled_by_due < row.amount;
  if (!late) return;
  if (table.uk_bands) {
    // Late Payment Act 1998 s.5A, by the debt unpaid at the due date.
    const int64_t debt = row.amount - settled_by_due;
    out.compensation = debt < 100'000     ? 4'000
                       : debt < 1'000'000 ? 7'000
                                          : 10'000;
  } else {
    out.compensation = table.compensation_fixed;
  }
}

// The level to send (1-based; 0: none), as Evaluate decides it.
uint8_t ActionLevel(const Impl& impl, int last_level,
                    const int64_t* last_level_date, bool disputed,
                    InvoiceResult& out) {
  if (out.balance == 0 || disputed) return 0;
  const std::vector<LevelRule>& levels = impl.levels;
  const int64_t as_of = impl.as_of;
  const bool overdue = as_of > out.due;
  const int64_t outstanding = out.balance;
  if (overdue) out.counted = outstanding;
  size_t index = static_cast<size_t>(last_level);
  while (overdue && index < levels.size() && levels[index].offset_days < 0) {
    ++index;
  }
  if (index >= levels.size()) return 0;
  int64_t level_date = out.due + levels[index].offset_days;
  const bool sent = last_level > 0 && last_level_date != nullptr;
  if (sent && levels[index].gap_days > 0) {
    level_date =
        std::max(level_date, *last_level_date + levels[index].gap_days);
  }
  if (level_date > as_of) return 0;
  if (sent && *last_level_date == as_of) return 0;  // acted today
  if (impl.allow_skipping) {
    size_t last = index;
    while (last + 1 < levels.size() &&
           static_cast<int>(last + 1 - index) < impl.max_levels_per_run &&
           out.due + levels[last + 1].offset_days <= as_of) {
      ++last;
    }
    index = last;
  }
  if (outstanding < impl.invoice_minimum) return 0;
  if (outstanding < levels[index].minimum) return 0;
  out.counted = outstanding;
  return static_cast<uint8_t>(index + 1);
}

// The scalar path for an invoice the tables do not cover.
absl::Status ScalarInvoice(const Impl& impl, size_t row_index,
                           const InvoiceRow& row, InvoiceResult& out) {
  const Date issue = DateFromDaysSinceEpoch(row.issue);
  absl::StatusOr<std::vector<Date>> due_dates =
      impl.terms[static_cast<size_t>(row.terms)].DueDates(issue);
  if (!due_dates.ok()) {
    return RowError(row_index, "terms", due_dates.status().message());
  }
  const Date due = *std::max_element(due_dates->begin(), due_dates->end());
  out.due = Days64(due);
  BalanceAndCompensation(impl.penalty, impl.as_of, row, out);
  if (!impl.rule.has_value()) return absl::OkStatus();
  InvoiceFacts facts{
      .amount = *Money::FromMinorUnits(row.amount, impl.setup.currency),
      .due_date = due,
      .obligation_date =
          issue <= due ? std::optional<Date>(issue) : std::nullopt};
  facts.settlements.reserve(row.payment_date.size());
  for (size_t k = 0; k < row.payment_date.size(); ++k) {
    facts.settlements.push_back(
        {.date = DateFromDaysSinceEpoch(row.payment_date[k]),
         .amount = *Money::FromMinorUnits(row.payment_amount[k],
                                          impl.setup.currency)});
  }
  absl::StatusOr<PenaltyAssessment> assessment =
      Assess(*impl.rule, facts, impl.setup.as_of, {.breakdown = false});
  if (!assessment.ok()) {
    return absl::Status(assessment.status().code(),
                        absl::StrCat("portfolio: invoice row ", row_index, ": ",
                                     assessment.status().message()));
  }
  out.interest = assessment->interest.minor_units();
  out.compensation = assessment->compensation.minor_units();
  out.assumed_rate = assessment->HasFlag(PenaltyFlag::kAssumedLastRate);
  return absl::OkStatus();
}

// Validates row `i` of the columns and reads it.
absl::Status ReadRow(const Impl& impl, const PortfolioColumns& c, size_t i,
                     InvoiceRow& row) {
  row.issue = c.issue_date[i];
  row.amount = c.amount[i];
  row.terms = c.terms[i];
  if (row.amount <= 0 || row.amount > Money::kMaxMinorUnits) {
    return RowError(i, "amount",
                    absl::StrCat(row.amount, " is not in 1 .. 10^17"));
  }
  if (row.terms < 0 || static_cast<size_t>(row.terms) >= impl.terms.size()) {
    return RowError(i, "terms",
                    absl::StrCat(row.terms, " is not an index of the ",
                                 impl.terms.size(), " terms"));
  }
  if (row.issue > impl.as_of) {
    return RowError(
        i, "issue_date",
        absl::StrCat(DayText(row.issue), " is after the as-of date ",
                     FormatDate(impl.setup.as_of)));
  }
  if (row.issue < DaysSinceEpoch(kMinDate)) {
    return RowError(i, "issue_date",
                    absl::StrCat(DayText(row.issue), " is before 0001-01-01"));
  }
  if (!c.flags.empty()) {
    if ((c.flags[i] & ~kInvoiceDisputed) != 0) {
      return RowError(i, "flags",
                      absl::StrCat(int{c.flags[i]}, " has unknown bits"));
    }
    row.disputed = (c.flags[i] & kInvoiceDisputed) != 0;
  }
  row.last_level = c.last_level.empty() ? 0 : c.last_level[i];
  if (static_cast<size_t>(row.last_level) > impl.levels.size()) {
    return RowError(i, "last_level",
                    absl::StrCat(row.last_level, " is beyond the ladder's ",
                                 impl.levels.size(), " levels"));
  }
  row.last_level_date.reset();
  if (!c.last_level_date.empty()) row.last_level_date = c.last_level_date[i];
  const int64_t first = c.payment_start[i];
  const int64_t end = c.payment_start[i + 1];
  if (first > end || end > static_cast<int64_t>(c.payment_date.size())) {
    return RowError(
        i, "payment_start",
        absl::StrCat("offsets ", first, " .. ", end, " are not within 0 .. ",
                     c.payment_date.size(), " in order"));
  }
  row.payment_date = c.payment_date.subspan(static_cast<size_t>(first),
                                            static_cast<size_t>(end - first));
  row.payment_amount = c.payment_amount.subspan(
      static_cast<size_t>(first), static_cast<size_t>(end - first));
  for (size_t k = 0; k < row.payment_date.size(); ++k) {
    if (row.payment_amount[k] <= 0 ||
        row.payment_amount[k] > Money::kMaxMinorUnits) {
      return RowError(
          i, "payment_amount",
          absl::StrCat("[", first + static_cast<int64_t>(k), "] ",
                       row.payment_amount[k], " is not in 1 .. 10^17"));
    }
    if (k > 0 && row.payment_date[k] < row.payment_date[k - 1]) {
      return RowError(i, "payment_date",
                      absl::StrCat("[", first + static_cast<int64_t>(k),
                                   "] is before the payment before it"));
    }
    if (row.payment_date[k] < DaysSinceEpoch(kMinDate) ||
        row.payment_date[k] > DaysSinceEpoch(kMaxDate)) {
      return RowError(i, "payment_date",
                      absl::StrCat("[", first + static_cast<int64_t>(k),
                                   "] is outside 0001-01-01 .. 9999-12-31"));
    }
  }
  return absl::OkStatus();
}

// One invoice, end to end.
ABSL_ATTRIBUTE_NOINLINE absl::Status EvaluateInvoice(
    const Impl& impl, const PortfolioColumns& columns, size_t i,
    InvoiceResult& out) {
  InvoiceRow row;
  RELANCE_RETURN_IF_ERROR(ReadRow(impl, columns, i, row));
  out = InvoiceResult{};
  const int64_t offset = row.issue - impl.window_from;
  const PenaltyTable& table = impl.penalty;
  bool scalar = offset < 0 || offset >= impl.window;
  if (!scalar) {
    out.due = row.issue + impl.due_offset[static_cast<size_t>(row.terms) *
                                              static_cast<size_t>(impl.window) +
                                          static_cast<size_t>(offset)];
    // An obligation under an earlier regime of the law: Assess chooses it.
    scalar = table.regime_from.has_value() &&
             std::min(row.issue, out.due) < *table.regime_from;
  }
  if (scalar) {
    RELANCE_RETURN_IF_ERROR(ScalarInvoice(impl, i, row, out));
  } else {
    BalanceAndCompensation(table, impl.as_of, row, out);
    TablePenalties(table, impl.as_of, row, out);
    // Below the rule's minimum, no interest is charged (what the payments
    // settle does not change the balance, which is all the kernel reports).
    if (out.interest < table.minimum_interest) out.interest = 0;
  }
  out.action = ActionLevel(
      impl, row.last_level,
      row.last_level_date.has_value() ? &*row.last_level_date : nullptr,
      row.disputed, out);
  return absl::OkStatus();
}

// What one chunk of invoices adds up.
struct ChunkTotals {
  absl::int128 balance = 0;
  absl::int128 interest = 0;
  absl::int128 compensation = 0;
  std::vector<int64_t> actions = {};
  std::vector<uint8_t> letters = {};            // per customer: highest action
  std::vector<absl::int128> customer_due = {};  // per customer: counted
  std::optional<int64_t> assumed_from = {};
  absl::Status status = absl::OkStatus();
};

// Exact division of a non-negative int64 by a positive divisor fixed for
// the run, without a division instruction: q0 = high 64 bits of numerator x
// floor(2^64 / divisor) is the quotient or one less (numerator < 2^63), and
// one comparison of the exact remainder corrects it. (A hardware division
// costs 15 to 40 cycles, more than the rest of an invoice.)
struct Reciprocal {
  uint64_t divisor = 1;
  uint64_t multiplier = 0;  // floor(2^64 / divisor); 0 when divisor is 1

  explicit Reciprocal(int64_t d) : divisor(static_cast<uint64_t>(d)) {
    if (divisor > 1) {
      multiplier = static_cast<uint64_t>((absl::uint128(1) << 64) /
                                         absl::uint128(divisor));
    }
  }
  // numerator / divisor and the remainder, numerator >= 0.
  void Divide(int64_t numerator, int64_t& quotient, int64_t& remainder) const {
    const auto n = static_cast<uint64_t>(numerator);
    uint64_t q =
        divisor == 1
            ? n
            : absl::Uint128High64(absl::uint128(n) * absl::uint128(multiplier));
    uint64_t r = n - q * divisor;
    const bool one_more = r >= divisor;
    q += one_more ? 1 : 0;
    r -= one_more ? divisor : 0;
    quotient = static_cast<int64_t>(q);
    remainder = static_cast<int64_t>(r);
  }
};

// The quotient rounded by `mode`, from a non-negative numerator's quotient
// and remainder (as DivideRounded).
int64_t RoundQuotient(int64_t quotient, int64_t remainder, int64_t divisor,
                      RoundingMode mode) {
  const int64_t rest = divisor - remainder;  // compares 2r with the divisor
  switch (mode) {
    case RoundingMode::kHalfAwayFromZero:
      return quotient + (remainder != 0 && remainder >= rest ? 1 : 0);
    case RoundingMode::kHalfEven:
      return quotient +
             (remainder != 0 && (remainder > rest ||
                                 (remainder == rest && (quotient & 1) != 0))
                  ? 1
                  : 0);
    case RoundingMode::kHalfTowardZero:
      return quotient + (remainder != 0 && remainder > rest ? 1 : 0);
    case RoundingMode::kUp:
    case RoundingMode::kCeiling:
      return quotient + (remainder != 0 ? 1 : 0);
    case RoundingMode::kDown:
    case RoundingMode::kFloor:
      return quotient;
  }
  return quotient;
}

// Invoices per block: the block's scratch columns stay in the L1 cache.
constexpr size_t kBlock = 256;
// Payment sums saturate here (above any valid amount): no overflow however
// many payments an invoice has.
constexpr int64_t kSaturated = 2 * Money::kMaxMinorUnits;

// Per-thread scratch for one block.
struct BlockScratch {
  std::array<int64_t, kBlock> due;
  std::array<int64_t, kBlock> start;  // due + grace: last day not charged
  std::array<int64_t, kBlock> paid;
  std::array<int64_t, kBlock> settled_by_due;
  std::array<int64_t, kBlock> numerator;  // interest x the table's denominator
  std::array<int64_t, kBlock> last_charged;  // the last day bearing interest
  std::array<uint8_t, kBlock> slow;  // general path (1), late payment (2)
  std::vector<uint16_t> owner;       // the block's invoice of each payment
};

// Runs invoices [begin, end), a block at a time, in passes a processor runs
// without mispredicted branches (as vectorised code does): one over the
// block's invoices (validity, due date, the interest on the whole amount),
// one over its payments (balance, what was settled by the due date, the
// interest each payment stops: with C the prefix sum of daily weights,
//
//   interest x denominator = amount x (C(as_of) - C(start))
//       - sum over payments p of applied(p) x (C(as_of) - C(max(p, start)))
//
// where applied(p) is what p takes off the principal, payments in date
// order, principal first), and one over the invoices again (rounding, the
// compensation, the level, the totals). The passes cover invoices whose
// columns are valid, whose issue date the tables cover, under the current
// regime, whose amount keeps the numerator within 64 bits, and whose
// payments Assess would impute without touching interest or costs
// (principal first, or no payment after the due date). Any other invoice
// goes through EvaluateInvoice, which validates it (naming the error) and
// computes it on the general or scalar path; so does a whole block whose
// payment offsets are not well formed.
//
// Instantiated for runs with and without per-invoice outputs, and for the
// usual rounding (half away from zero) or any: a run that asks only for the
// totals, as a nightly run's report does, executes no test per output.
template <bool kOutputs, bool kHalfAwayFromZero>
void RunChunk(const Impl& impl, const PortfolioColumns& columns,
              const PortfolioOutputs& outputs, std::span<uint8_t> actions,
              size_t begin, size_t end, bool need_customer_due,
              ChunkTotals& totals) {
  const size_t level_count = impl.levels.size();
  totals.actions.assign(level_count + 1, 0);
  const bool customers = !columns.customer.empty();
  if (customers) {
    totals.letters.assign(static_cast<size_t>(columns.customer_count), 0);
    if (need_customer_due) {
      totals.customer_due.assign(static_cast<size_t>(columns.customer_count),
                                 0);
    }
  }
  // Columns.
  const int64_t* const issue_date = columns.issue_date.data();
  const int64_t* const amounts = columns.amount.data();
  const int32_t* const terms_of = columns.terms.data();
  const int32_t* const customer_of = columns.customer.data();
  const auto customer_count =
      static_cast<uint32_t>(std::max(0, columns.customer_count));
  const uint8_t* const flags_of =
      columns.flags.empty() ? nullptr : columns.flags.data();
  const uint8_t* const last_level_of =
      columns.last_level.empty() ? nullptr : columns.last_level.data();
  const int64_t* const last_level_date_of =
      columns.last_level_date.empty() ? nullptr
                                      : columns.last_level_date.data();
  const int64_t* const payment_start = columns.payment_start.data();
  const int64_t* const payment_date = columns.payment_date.data();
  const int64_t* const payment_amount = columns.payment_amount.data();
  const auto payment_count = static_cast<int64_t>(columns.payment_date.size());
  // Outputs.
  int64_t* const due_out =
      outputs.due_date.empty() ? nullptr : outputs.due_date.data();
  int64_t* const balance_out =
      outputs.balance.empty() ? nullptr : outputs.balance.data();
  int64_t* const interest_out =
      outputs.interest.empty() ? nullptr : outputs.interest.data();
  int64_t* const compensation_out =
      outputs.compensation.empty() ? nullptr : outputs.compensation.data();
  uint8_t* const action_out = actions.empty() ? nullptr : actions.data();
  uint8_t* const letters = totals.letters.data();
  absl::int128* const customer_due = totals.customer_due.data();
  // Tables.
  const PenaltyTable& table = impl.penalty;
  const int64_t as_of = impl.as_of;
  const int64_t window_from = impl.window_from;
  const auto window = static_cast<uint64_t>(impl.window);
  const int32_t* const due_offset = impl.due_offset.data();
  const auto terms_count = static_cast<uint32_t>(impl.terms.size());
  const int64_t regime_from =
      table.regime_from.value_or(std::numeric_limits<int64_t>::min());
  const int grace_days = table.grace_days;
  const bool interest_charged = table.interest;
  const bool principal_first =
      table.settlement == SettlementOrder::kPrincipalFirst;
  const int64_t* const weights = table.weight_prefix.data();
  const int64_t weight_base = table.rate_from - 1;
  const auto weight_last = static_cast<int64_t>(table.weight_prefix.size()) - 1;
  const int64_t weight_as_of =
      weights[std::clamp<int64_t>(as_of - weight_base, 0, weight_last)];
  // Amounts up to this keep amount x (sum of weights) within 64 bits
  // (weights are never negative: the prefix sums only grow).
  const int64_t largest_weight = std::max<int64_t>(
      1, table.weight_prefix.back() - table.weight_prefix.front());
  const int64_t safe_amount =
      std::min<int64_t>(Money::kMaxMinorUnits,
                        std::numeric_limits<int64_t>::max() / largest_weight);
  const Reciprocal reciprocal(table.denominator);
  const RoundingMode rounding = table.rounding;
  const int64_t minimum_interest = table.minimum_interest;
  const int64_t compensation_fixed = table.compensation_fixed;
  const bool uk_bands = table.uk_bands;
  const int64_t assumed_from =
      table.assumed_from.value_or(std::numeric_limits<int64_t>::max());
  // The ladder.
  std::vector<int32_t> offsets(level_count + 1, 0);
  std::vector<int32_t> gaps(level_count + 1, 0);
  std::vector<int64_t> level_minimum(level_count + 1, 0);
  size_t first_after_due = level_count;  // the first level not before due
  for (size_t k = 0; k < level_count; ++k) {
    offsets[k] = impl.levels[k].offset_days;
    gaps[k] = impl.levels[k].gap_days;
    level_minimum[k] = std::max(impl.levels[k].minimum, impl.invoice_minimum);
    if (offsets[k] >= 0 && first_after_due == level_count) first_after_due = k;
  }
  const int32_t* const offset_of = offsets.data();
  const int32_t* const gap_of = gaps.data();
  const int64_t* const minimum_of = level_minimum.data();
  const bool skipping = impl.allow_skipping;
  const int max_levels_per_run = impl.max_levels_per_run;
  const int64_t min_date = DaysSinceEpoch(kMinDate);
  const int64_t max_date = DaysSinceEpoch(kMaxDate);

  absl::int128 balance_sum = 0;
  absl::int128 interest_sum = 0;
  absl::int128 compensation_sum = 0;
  std::vector<int64_t> action_counts(level_count + 1, 0);
  bool assumed = false;
  BlockScratch scratch;
  InvoiceResult general;
  for (size_t block = begin; block < end; block += kBlock) {
    const size_t size = std::min(kBlock, end - block);
    // Pass 1: the invoices.
    bool offsets_valid = true;
    for (size_t j = 0; j < size; ++j) {
      const size_t i = block + j;
      const int64_t issue = issue_date[i];
      const int64_t amount = amounts[i];
      const int32_t terms = terms_of[i];
      const uint8_t flags = flags_of != nullptr ? flags_of[i] : 0;
      const uint8_t last_level =
          last_level_of != nullptr ? last_level_of[i] : 0;
      // Unsigned arithmetic: no overflow whatever the columns hold.
      const uint64_t offset =
          static_cast<uint64_t>(issue) - static_cast<uint64_t>(window_from);
      const int64_t first = payment_start[i];
      const int64_t stop = payment_start[i + 1];
      offsets_valid &= (0 <= first) & (first <= stop) & (stop <= payment_count);
      bool valid = (static_cast<uint64_t>(amount) - 1 <
                    static_cast<uint64_t>(safe_amount)) &
                   (static_cast<uint32_t>(terms) < terms_count) &
                   (offset < window) & ((flags & ~kInvoiceDisputed) == 0) &
                   (last_level <= level_count) &
                   (customer_of == nullptr ||
                    static_cast<uint32_t>(customer_of[i]) < customer_count);
      const size_t cell =
          valid ? static_cast<size_t>(terms) * window + offset : 0;
      const int64_t due = valid ? issue + due_offset[cell] : 0;
      valid &= std::min(issue, due) >= regime_from;
      const int64_t start = due + grace_days;
      const bool charges = valid & interest_charged & (start < as_of);
      const int64_t from_weight =
          weights[std::clamp<int64_t>(start - weight_base, 0, weight_last)];
      scratch.due[j] = due;
      scratch.start[j] = start;
      scratch.paid[j] = 0;
      scratch.settled_by_due[j] = 0;
      scratch.numerator[j] =
          charges ? amount * (weight_as_of - from_weight) : 0;
      scratch.last_charged[j] = as_of;
      scratch.slow[j] = valid ? 0 : 1;
      // The customer's letter is read again in pass 3: a random access,
      // started now so that it is in the cache by then.
      if (customer_of != nullptr && valid) {
        __builtin_prefetch(letters + customer_of[i], 1);
      }
    }
    // Pass 2: the payments.
    if (offsets_valid) {
      const int64_t base = payment_start[block];
      const auto count =
          static_cast<size_t>(payment_start[block + size] - base);
      std::vector<uint16_t>& owner = scratch.owner;
      owner.assign(count + 1, 0);
      for (size_t j = 1; j < size; ++j) {
        owner[static_cast<size_t>(payment_start[block + j] - base)] += 1;
      }
      uint16_t running = 0;
      for (size_t k = 0; k < count; ++k) {
        running = static_cast<uint16_t>(running + owner[k]);
        owner[k] = running;
      }
      int64_t previous_day = min_date;
      size_t previous_owner = kBlock;
      for (size_t k = 0; k < count; ++k) {
        const size_t j = owner[k];
        const int64_t day = payment_date[base + static_cast<int64_t>(k)];
        const int64_t value = payment_amount[base + static_cast<int64_t>(k)];
        const bool in_order = j != previous_owner || day >= previous_day;
        const bool valid_payment =
            (static_cast<uint64_t>(value) - 1 <
             static_cast<uint64_t>(Money::kMaxMinorUnits)) &
            (day >= min_date) & (day <= max_date) & in_order;
        previous_owner = j;
        previous_day = day;
        const bool counted = day <= as_of;
        const int64_t due = scratch.due[j];
        const int64_t before = scratch.paid[j];
        const int64_t add = counted && valid_payment ? value : 0;
        scratch.paid[j] = std::min(before + add, kSaturated);
        scratch.settled_by_due[j] = std::min(
            scratch.settled_by_due[j] + (day <= due ? add : 0), kSaturated);
        // (Rows already sent to the general path count for nothing here.)
        const int64_t amount =
            (scratch.slow[j] & 1) != 0 ? 0 : amounts[block + j];
        const int64_t applied = std::clamp<int64_t>(amount - before, 0, add);
        // The payment that clears the principal ends the days charged.
        scratch.last_charged[j] = before < amount && before + add >= amount
                                      ? day
                                      : scratch.last_charged[j];
        const int64_t stop_day = std::clamp<int64_t>(
            std::min(std::max(day, scratch.start[j]), as_of) - weight_base, 0,
            weight_last);
        scratch.numerator[j] -= applied * (weight_as_of - weights[stop_day]);
        scratch.slow[j] |= static_cast<uint8_t>((valid_payment ? 0 : 1) |
                                                (counted && day > due ? 2 : 0));
      }
    } else {
      std::fill_n(scratch.slow.begin(), size, uint8_t{1});
    }
    // Pass 3: figures, level and totals.
    for (size_t j = 0; j < size; ++j) {
      const size_t i = block + j;
      const uint8_t slow = scratch.slow[j];
      int64_t due = scratch.due[j];
      int64_t balance = 0;
      int64_t interest = 0;
      int64_t compensation = 0;
      uint8_t action = 0;
      int64_t counted = 0;
      if ((slow & 1) != 0 || (!principal_first && slow != 0)) {
        if (customer_of != nullptr &&
            static_cast<uint32_t>(customer_of[i]) >= customer_count) {
          totals.status = RowError(
              i, "customer",
              absl::StrCat(customer_of[i],
                           " is not a code in 0 .. customer_count - 1 (",
                           columns.customer_count, " customers)"));
          return;
        }
        absl::Status status = EvaluateInvoice(impl, columns, i, general);
        if (!status.ok()) {
          totals.status = std::move(status);
          return;
        }
        due = general.due;
        balance = general.balance;
        interest = general.interest;
        compensation = general.compensation;
        action = general.action;
        counted = general.counted;
        assumed |= general.assumed_rate;
      } else {
        const int64_t amount = amounts[i];
        balance = std::max<int64_t>(0, amount - scratch.paid[j]);
        const int64_t numerator = scratch.numerator[j];
        int64_t quotient = 0;
        int64_t remainder = 0;
        reciprocal.Divide(numerator, quotient, remainder);
        if constexpr (kHalfAwayFromZero) {
          interest =
              quotient +
              (remainder != 0 && remainder >= table.denominator - remainder
                   ? 1
                   : 0);
        } else {
          interest =
              RoundQuotient(quotient, remainder, table.denominator, rounding);
        }
        interest = interest < minimum_interest ? 0 : interest;
        // A rate carried forward was charged if the days charged reach it.
        assumed |= numerator != 0 && scratch.last_charged[j] >= assumed_from;
        const bool late = (due < as_of) & (scratch.settled_by_due[j] < amount);
        if (uk_bands) {
          // Late Payment Act 1998 s.5A, by the debt unpaid at the due date.
          const int64_t debt = amount - scratch.settled_by_due[j];
          compensation = late ? (debt < 100'000     ? 4'000
                                 : debt < 1'000'000 ? 7'000
                                                    : 10'000)
                              : 0;
        } else {
          compensation = late ? compensation_fixed : 0;
        }
        // The level (as ActionLevel).
        const uint8_t flags = flags_of != nullptr ? flags_of[i] : 0;
        const size_t last_level =
            last_level_of != nullptr ? last_level_of[i] : 0;
        const bool open = (balance > 0) & ((flags & kInvoiceDisputed) == 0);
        const bool overdue = as_of > due;
        counted = open && overdue ? balance : 0;
        size_t index =
            overdue ? std::max(last_level, first_after_due) : last_level;
        const bool has_level = open & (index < level_count);
        index = has_level ? index : level_count;  // the padding level
        int64_t level_date = due + offset_of[index];
        if (last_level_date_of != nullptr && last_level > 0) {
          const int64_t last_date = last_level_date_of[i];
          level_date = gap_of[index] > 0
                           ? std::max(level_date, last_date + gap_of[index])
                           : level_date;
          level_date = last_date == as_of ? as_of + 1 : level_date;
        }
        bool due_now = has_level & (level_date <= as_of);
        if (skipping && due_now) {
          size_t last = index;
          while (last + 1 < level_count &&
                 static_cast<int>(last + 1 - index) < max_levels_per_run &&
                 due + offset_of[last + 1] <= as_of) {
            ++last;
          }
          index = last;
        }
        due_now &= balance >= minimum_of[index];
        action = due_now ? static_cast<uint8_t>(index + 1) : 0;
        counted = due_now ? balance : counted;
      }
      balance_sum += balance;
      interest_sum += interest;
      compensation_sum += compensation;
      if constexpr (kOutputs) {
        if (due_out != nullptr) due_out[i] = due;
        if (balance_out != nullptr) balance_out[i] = balance;
        if (interest_out != nullptr) interest_out[i] = interest;
        if (compensation_out != nullptr) compensation_out[i] = compensation;
        if (action_out != nullptr) action_out[i] = action;
      }
      ++action_counts[action];
      if (customer_of != nullptr) {
        const auto customer = static_cast<uint32_t>(customer_of[i]);
        letters[customer] = std::max(letters[customer], action);
        if (customer_due != nullptr) customer_due[customer] += counted;
      }
    }
  }
  totals.balance = balance_sum;
  totals.interest = interest_sum;
  totals.compensation = compensation_sum;
  totals.actions = std::move(action_counts);
  if (assumed) totals.assumed_from = table.assumed_from;
}

absl::Status CheckColumns(const PortfolioColumns& c, const PortfolioOutputs& o,
                          size_t levels) {
  const size_t n = c.issue_date.size();
  const auto check = [n](absl::string_view name, size_t size, bool optional) {
    if (size == n || (optional && size == 0)) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrCat(
        "portfolio: column ", name, " has ", size, " elements; issue_date has ",
        n, optional ? " (give one per invoice, or none)" : ""));
  };
  RELANCE_RETURN_IF_ERROR(check("amount", c.amount.size(), false));
  RELANCE_RETURN_IF_ERROR(check("terms", c.terms.size(), false));
  RELANCE_RETURN_IF_ERROR(check("customer", c.customer.size(), true));
  RELANCE_RETURN_IF_ERROR(check("flags", c.flags.size(), true));
  RELANCE_RETURN_IF_ERROR(check("last_level", c.last_level.size(), true));
  RELANCE_RETURN_IF_ERROR(
      check("last_level_date", c.last_level_date.size(), true));
  RELANCE_RETURN_IF_ERROR(check("due_date output", o.due_date.size(), true));
  RELANCE_RETURN_IF_ERROR(check("balance output", o.balance.size(), true));
  RELANCE_RETURN_IF_ERROR(check("interest output", o.interest.size(), true));
  RELANCE_RETURN_IF_ERROR(
      check("compensation output", o.compensation.size(), true));
  RELANCE_RETURN_IF_ERROR(
      check("action_level output", o.action_level.size(), true));
  if (c.payment_start.size() != n + 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "portfolio: column payment_start has ", c.payment_start.size(),
        " elements; it needs one per invoice plus one (", n + 1, ")"));
  }
  if (c.payment_start[0] != 0 ||
      c.payment_start[n] != static_cast<int64_t>(c.payment_date.size())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "portfolio: column payment_start must start at 0 and end at the "
        "number of payments (",
        c.payment_date.size(), "); it goes from ", c.payment_start[0], " to ",
        c.payment_start[n]));
  }
  if (c.payment_amount.size() != c.payment_date.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "portfolio: column payment_amount has ", c.payment_amount.size(),
        " elements; payment_date has ", c.payment_date.size()));
  }
  if (!c.customer.empty() && c.customer_count <= 0) {
    return absl::InvalidArgumentError(
        "portfolio: customer_count must be positive with a customer column");
  }
  (void)levels;
  return absl::OkStatus();
}

absl::StatusOr<int64_t> Total(absl::int128 sum, absl::string_view what) {
  if (sum > Money::kMaxMinorUnits) {
    return absl::InvalidArgumentError(absl::StrCat(
        "portfolio: the total ", what, " exceeds 10^17 minor units"));
  }
  return static_cast<int64_t>(sum);
}

}  // namespace

absl::StatusOr<PortfolioTotals> PortfolioEvaluator::Run(
    const PortfolioColumns& columns, const PortfolioOutputs& outputs,
    const PortfolioRunOptions& options) const {
  const Impl& impl = *impl_;
  if (options.threads < 1 || options.threads > kMaxThreads) {
    return absl::InvalidArgumentError(absl::StrCat(
        "portfolio: threads must be 1 .. 256, got ", options.threads));
  }
  RELANCE_RETURN_IF_ERROR(CheckColumns(columns, outputs, impl.levels.size()));
  const size_t n = columns.issue_date.size();
  const bool customers = !columns.customer.empty();
  const bool customer_minimum = impl.customer_minimum > 0;
  if (customer_minimum && !customers) {
    return absl::InvalidArgumentError(
        "portfolio: the policy has a minimum per customer: give the "
        "customer column");
  }
  // The customer minimum withdraws actions after every invoice is seen: it
  // needs each invoice's action (the caller's column, or one byte here).
  std::vector<uint8_t> own_actions;
  std::span<uint8_t> actions = outputs.action_level;
  if (customer_minimum && actions.empty()) {
    own_actions.assign(n, 0);
    actions = own_actions;
  }
  const size_t threads = std::max<size_t>(
      1, std::min<size_t>(static_cast<size_t>(options.threads), n / 1024 + 1));
  std::vector<ChunkTotals> chunks(threads);
  const bool any_output = !outputs.due_date.empty() ||
                          !outputs.balance.empty() ||
                          !outputs.interest.empty() ||
                          !outputs.compensation.empty() || !actions.empty();
  const bool half_away =
      impl.penalty.rounding == RoundingMode::kHalfAwayFromZero;
  const auto chunk_runner =
      any_output ? (half_away ? RunChunk<true, true> : RunChunk<true, false>)
                 : (half_away ? RunChunk<false, true> : RunChunk<false, false>);
  {
    std::vector<std::jthread> workers;
    workers.reserve(threads - 1);
    for (size_t t = 0; t < threads; ++t) {
      const size_t begin = n * t / threads;
      const size_t end = n * (t + 1) / threads;
      auto work = [&, begin, end, t] {
        chunk_runner(impl, columns, outputs, actions, begin, end,
                     customer_minimum, chunks[t]);
      };
      if (t + 1 == threads) {
        work();
      } else {
        workers.emplace_back(work);
      }
    }
  }
  // The first error by row: chunks are contiguous and in order.
  for (const ChunkTotals& chunk : chunks) {
    if (!chunk.status.ok()) return chunk.status;
  }
  absl::int128 balance = 0;
  absl::int128 interest = 0;
  absl::int128 compensation = 0;
  PortfolioTotals totals;
  totals.invoices = static_cast<int64_t>(n);
  totals.actions_per_level.assign(impl.levels.size(), 0);
  totals.letters_per_level.assign(impl.levels.size(), 0);
  std::vector<uint8_t> letters;
  std::vector<absl::int128> customer_due;
  for (ChunkTotals& chunk : chunks) {
    balance += chunk.balance;
    interest += chunk.interest;
    compensation += chunk.compensation;
    for (size_t k = 1; k < chunk.actions.size(); ++k) {
      totals.actions_per_level[k - 1] += chunk.actions[k];
    }
    if (chunk.assumed_from)
      totals.rate_assumed_from = DateFromDaysSinceEpoch(*chunk.assumed_from);
    if (!customers) continue;
    if (letters.empty()) {
      letters = std::move(chunk.letters);
      customer_due = std::move(chunk.customer_due);
      continue;
    }
    for (size_t c = 0; c < letters.size(); ++c) {
      letters[c] = std::max(letters[c], chunk.letters[c]);
    }
    for (size_t c = 0; c < customer_due.size(); ++c) {
      customer_due[c] += chunk.customer_due[c];
    }
    chunk.letters = {};
    chunk.customer_due = {};
  }
  if (customer_minimum) {
    // Customers whose total due is below the minimum receive nothing.
    for (size_t i = 0; i < n; ++i) {
      const auto customer = static_cast<size_t>(columns.customer[i]);
      if (actions[i] == 0 || customer_due[customer] >= impl.customer_minimum) {
        continue;
      }
      --totals.actions_per_level[actions[i] - 1];
      actions[i] = 0;
      letters[customer] = 0;
    }
  }
  for (uint8_t letter : letters) {
    if (letter > 0) ++totals.letters_per_level[letter - 1];
  }
  RELANCE_ASSIGN_OR_RETURN(totals.total_balance, Total(balance, "balance"));
  RELANCE_ASSIGN_OR_RETURN(totals.total_interest, Total(interest, "interest"));
  RELANCE_ASSIGN_OR_RETURN(totals.total_compensation,
                           Total(compensation, "compensation"));
  return totals;
}

const PortfolioSetup& PortfolioEvaluator::setup() const { return impl_->setup; }

const Policy& PortfolioEvaluator::policy() const { return impl_->policy; }

const Ladder& PortfolioEvaluator::ladder() const { return *impl_->ladder; }

}  // namespace relance
