#include "relance/penalty.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "absl/base/attributes.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/enum_names.hpp"
#include "relance/internal/money_within_bound.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

constexpr int64_t kPartsPerUnit = Rate::kPartsPerUnit;

// One calendar conversion each (a walk asks for these on every run).
Date HalfYearStart(Date day) {
  const date::year_month_day fields = Fields(day);
  return MakeDate(int{fields.year()}, unsigned{fields.month()} <= 6 ? 1u : 7u,
                  1);
}

Date NextHalfYearStart(Date day) {
  const date::year_month_day fields = Fields(day);
  const int year = int{fields.year()};
  return unsigned{fields.month()} <= 6 ? MakeDate(year, 7, 1)
                                       : MakeDate(year + 1, 1, 1);
}

// The money state of a walk over the charged days. Amounts are minor units
// in 128 bits so that no intermediate sum can overflow; they are bounded when
// they become Money.
struct WalkState {
  absl::int128 principal = 0;
  absl::int128 interest_paid = 0;
  absl::int128 costs_paid = 0;
  absl::int128 overpaid = 0;
  // Closed lines.
  ExactInterest exact = {};
  absl::int128 rounded_lines_sum = 0;
  std::vector<InterestLine> lines = {};  // only with a breakdown
  // The line being extended: days (open_start, open_last] at one principal
  // and one rate.
  bool open = false;
  Date open_start = {};
  Date open_last = {};
  Rate open_rate = {};
  bool open_assumed = false;
};

// The days (start, end] as parts of one basis each (as YearFraction), given
// to `visit` one by one: no allocation.
template <typename Visit>
void ForEachDayCountPart(DayCount day_count, Date start, Date end,
                         const Visit& visit) {
  if (start >= end) return;
  switch (day_count) {
    case DayCount::kActual365Fixed:
      visit(DayCountPart{.days = (end - start).count(), .basis = 365});
      return;
    case DayCount::kActual360:
      visit(DayCountPart{.days = (end - start).count(), .basis = 360});
      return;
    case DayCount::kThirty360:
    case DayCount::kThirtyE360:
      visit(
          DayCountPart{.days = DayNumber(day_count, start, end), .basis = 360});
      return;
    case DayCount::kActualActualIsda: {
      Date cursor = start;
      while (cursor < end) {
        const int year = YearOf(cursor + Days{1});
        const Date part_end = std::min(end, MakeDate(year, 12, 31));
        visit(DayCountPart{.days = (part_end - cursor).count(),
                           .basis = IsLeapYear(year) ? 366 : 365});
        cursor = part_end;
      }
      return;
    }
  }
}

// The settlements dated up to as_of, in the order they apply (by date; on
// one day, credit notes before payments; otherwise as given), as indices
// into the facts: the facts' own order when it is already that order,
// otherwise sorted in fixed storage (or, beyond kMaxUnsortedSettlements,
// on the heap).
class SettlementSequence {
 public:
  SettlementSequence(const std::vector<Settlement>& all, Date as_of)
      : all_(all) {
    bool sorted = true;
    for (size_t i = 1; i < all.size() && sorted; ++i) {
      sorted = !Before(all[i], all[i - 1]);
    }
    if (sorted) {
      // The ones after as_of are at the end.
      while (count_ < all.size() && all[count_].date <= as_of) ++count_;
      return;
    }
    identity_ = false;
    uint32_t* indices = inline_.data();
    if (all.size() > inline_.size()) {
      heap_.resize(all.size());
      indices = heap_.data();
    }
    for (size_t i = 0; i < all.size(); ++i) {
      if (all[i].date > as_of) continue;
      // Insertion sort, stable: few settlements per invoice.
      size_t j = count_++;
      while (j > 0 && Before(all[i], all[indices[j - 1]])) {
        indices[j] = indices[j - 1];
        --j;
      }
      indices[j] = static_cast<uint32_t>(i);
    }
    indices_ = indices;
  }

  size_t size() const { return count_; }
  const Settlement& operator[](size_t i) const {
    return identity_ ? all_[i] : all_[indices_[i]];
  }

 private:
  static bool Before(const Settlement& a, const Settlement& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.kind == Settlement::Kind::kCreditNote &&
           b.kind != Settlement::Kind::kCreditNote;
  }

  const std::vector<Settlement>& all_;
  bool identity_ = true;
  size_t count_ = 0;
  std::array<uint32_t, kMaxUnsortedSettlements> inline_;
  std::vector<uint32_t> heap_;
  const uint32_t* indices_ = nullptr;
};

// The facts are valid for an assessment as of `as_of` with `grace_days`.
ABSL_ATTRIBUTE_NOINLINE absl::Status BeyondMagnitudeError(
    std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("penalties: ", std::string(what),
                   " is beyond the supported magnitude of ",
                   Money::kMaxMinorUnits, " minor units"));
}

bool IsSupported(Date date) { return date >= kMinDate && date <= kMaxDate; }

absl::Status CheckDate(Date date, std::string_view what) {
  if (!IsSupported(date)) {
    return absl::InvalidArgumentError(
        absl::StrCat("penalties: ", std::string(what), " ", FormatDate(date),
                     " is outside 0001-01-01..9999-12-31"));
  }
  return absl::OkStatus();
}

absl::Status CheckFacts(const InvoiceFacts& facts, Date as_of, int grace_days) {
  const Currency currency = facts.amount.currency();
  if (!facts.amount.IsPositive()) {
    return absl::InvalidArgumentError(
        absl::StrCat("penalties: the invoice amount must be positive, got ",
                     facts.amount.ToString()));
  }
  RELANCE_RETURN_IF_ERROR(CheckDate(facts.due_date, "the due date"));
  if (facts.obligation_date.has_value()) {
    RELANCE_RETURN_IF_ERROR(
        CheckDate(*facts.obligation_date, "the obligation date"));
    if (*facts.obligation_date > facts.due_date) {
      return absl::InvalidArgumentError(absl::StrCat(
          "penalties: the obligation date ", FormatDate(*facts.obligation_date),
          " is after the due date ", FormatDate(facts.due_date)));
    }
  }
  RELANCE_RETURN_IF_ERROR(CheckDate(as_of, "the as-of date"));
  RELANCE_RETURN_IF_ERROR(
      CheckDate(facts.due_date + Days{grace_days}, "the grace end"));
  for (size_t i = 0; i < facts.settlements.size(); ++i) {
    const Money& amount = facts.settlements[i].amount;
    if (!(amount.currency() == currency)) {
      return absl::InvalidArgumentError(
          absl::StrCat("penalties: settlements[", i, "] is ", amount.ToString(),
                       " but the invoice is in ", currency.ToString(),
                       "; relance never mixes currencies"));
    }
    if (!amount.IsPositive()) {
      return absl::InvalidArgumentError(
          absl::StrCat("penalties: settlements[", i, "] must be positive, got ",
                       amount.ToString()));
    }
    if (!IsSupported(facts.settlements[i].date)) {
      return CheckDate(facts.settlements[i].date,
                       absl::StrCat("settlements[", i, "]"));
    }
  }
  for (size_t i = 0; i < facts.charges.size(); ++i) {
    const Money& amount = facts.charges[i].amount;
    if (!(amount.currency() == currency) || !amount.IsPositive()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "penalties: charges[", i, "] must be a positive amount in ",
          currency.ToString(), ", got ", amount.ToString()));
    }
    if (!IsSupported(facts.charges[i].date)) {
      return CheckDate(facts.charges[i].date, absl::StrCat("charges[", i, "]"));
    }
  }
  return absl::OkStatus();
}

// One assessment: collects the facts, walks the charged days, settles the
// payments, and builds the result. The rule is one regime, already
// validated; the facts are checked (CheckFacts).
class Assessor {
 public:
  Assessor(std::shared_ptr<const PenaltyRule> rule, const InvoiceFacts& facts,
           Date as_of, bool breakdown)
      : rule_ptr_(std::move(rule)),
        rule_(*rule_ptr_),
        interest_rule_(rule_.interest),
        facts_(facts),
        as_of_(as_of),
        currency_(facts.amount.currency()),
        breakdown_(breakdown),
        settlements_(facts.settlements, as_of) {}

  absl::StatusOr<PenaltyAssessment> Run() {
    start_ = facts_.due_date + Days{interest_rule_.grace_days};
    if (breakdown_ && rule_.regime_from.has_value()) {
      explanations_.push_back(absl::StrCat(
          "Law applied: ", rule_.regime_name, ", for obligations arising from ",
          FormatDate(*rule_.regime_from), " (chosen by the ",
          facts_.obligation_date.has_value() ? "obligation date " : "due date ",
          FormatDate(facts_.obligation_date.value_or(facts_.due_date)), ")."));
    }
    NoteIgnoredSettlements();
    RELANCE_RETURN_IF_ERROR(ComputeCompensationAndCharges());
    RELANCE_RETURN_IF_ERROR(Walk());
    RELANCE_ASSIGN_OR_RETURN(const absl::int128 interest, AccruedRounded());
    if (BelowMinimum(interest)) {
      // Interest is not charged at all: walk again so that no payment is
      // allocated to it.
      if (breakdown_) {
        explanations_.push_back(absl::StrCat(
            "Interest of ", FormatMinorUnits(interest),
            " is below the minimum of ",
            interest_rule_.minimum_interest->ToString(), ": not charged."));
      }
      Flag(PenaltyFlag::kBelowMinimumInterest);
      interest_waived_ = true;
      RELANCE_RETURN_IF_ERROR(Walk());
      return Finish(0);
    }
    return Finish(interest);
  }

 private:
  void Flag(PenaltyFlag flag) { flags_.Add(flag); }

  // Call only with a breakdown.
  void AddNoteOnce(std::string note) {
    if (std::find(explanations_.begin(), explanations_.end(), note) ==
        explanations_.end()) {
      explanations_.push_back(std::move(note));
    }
  }

  std::string FormatMinorUnits(absl::int128 units) const {
    if (units > Money::kMaxMinorUnits || units < -Money::kMaxMinorUnits) {
      return "an amount beyond the bound";
    }
    absl::StatusOr<Money> money =
        Money::FromMinorUnits(static_cast<int64_t>(units), currency_);
    return money.ok() ? money->ToString() : "an amount beyond the bound";
  }

  ABSL_ATTRIBUTE_ALWAYS_INLINE absl::StatusOr<Money> ToMoney(
      absl::int128 units, std::string_view what) const {
    if (units > Money::kMaxMinorUnits || units < -Money::kMaxMinorUnits) {
      return BeyondMagnitudeError(what);
    }
    return Money::FromMinorUnits(static_cast<int64_t>(units), currency_);
  }

  // Payments dated after as_of are ignored (SettlementSequence leaves them
  // out): flagged and said.
  void NoteIgnoredSettlements() {
    if (settlements_.size() == facts_.settlements.size()) return;
    Flag(PenaltyFlag::kPaymentsAfterAsOfIgnored);
    if (!breakdown_) return;
    int ignored = 0;
    absl::int128 ignored_sum = 0;
    for (const Settlement& settlement : facts_.settlements) {
      if (settlement.date > as_of_) {
        ++ignored;
        ignored_sum += settlement.amount.minor_units();
      }
    }
    explanations_.push_back(absl::StrCat(
        ignored,
        ignored == 1 ? " payment or credit note" : " payments or credit notes",
        " dated after the as-of date ", FormatDate(as_of_), " (",
        FormatMinorUnits(ignored_sum), ") ", ignored == 1 ? "is" : "are",
        " ignored: not yet received then."));
  }

  // Late: the due date is before as_of and the invoice was not settled in
  // full by the due date.
  bool Late() const {
    if (facts_.due_date >= as_of_) return false;
    absl::int128 settled_by_due = 0;
    for (size_t i = 0; i < settlements_.size(); ++i) {
      const Settlement& settlement = settlements_[i];
      if (settlement.date <= facts_.due_date) {
        settled_by_due += settlement.amount.minor_units();
      }
    }
    return settled_by_due < facts_.amount.minor_units();
  }

  absl::Status ComputeCompensationAndCharges() {
    for (const Charge& charge : facts_.charges) {
      if (charge.date <= as_of_) charges_ += charge.amount.minor_units();
    }
    RELANCE_RETURN_IF_ERROR(ToMoney(charges_, "the sum of charges").status());
    const CompensationRule& compensation = rule_.compensation;
    if (compensation.kind == CompensationRule::Kind::kNone) {
      return absl::OkStatus();
    }
    const bool consumer =
        compensation.business_to_business_only && !facts_.business_to_business;
    if (consumer || !Late()) {
      Flag(PenaltyFlag::kCompensationNotApplicable);
      if (breakdown_) {
        explanations_.push_back(
            consumer
                ? "No fixed compensation: it is owed between businesses only."
                : "No fixed compensation: the invoice was not paid late.");
      }
      return absl::OkStatus();
    }
    std::optional<Money> amount;
    if (compensation.kind == CompensationRule::Kind::kFixed) {
      amount = compensation.fixed;
    } else {
      // Late Payment Act 1998 s.5A: by the size of the debt when it became
      // late (what was unpaid at the due date).
      absl::int128 debt = facts_.amount.minor_units();
      for (size_t i = 0; i < settlements_.size(); ++i) {
        const Settlement& settlement = settlements_[i];
        if (settlement.date <= facts_.due_date) {
          debt -= settlement.amount.minor_units();
        }
      }
      const int64_t band_pounds = debt < 100'000     ? 40
                                  : debt < 1'000'000 ? 70
                                                     : 100;
      amount =
          *Money::FromMinorUnits(band_pounds * 100, *Currency::FromCode("GBP"));
    }
    if (!(amount->currency() == currency_)) {
      Flag(PenaltyFlag::kCompensationCurrencyMismatch);
      if (breakdown_) {
        explanations_.push_back(absl::StrCat(
            "Fixed compensation of ", amount->ToString(), " (",
            compensation.basis, ") not added: the invoice is in ",
            currency_.ToString(), " and relance does not convert currencies."));
      }
      return absl::OkStatus();
    }
    compensation_ = amount->minor_units();
    if (breakdown_) {
      explanations_.push_back(absl::StrCat("Fixed compensation ",
                                           amount->ToString(), " (",
                                           compensation.basis, ")."));
    }
    return absl::OkStatus();
  }

  bool BelowMinimum(absl::int128 interest) {
    if (!interest_rule_.minimum_interest.has_value() || interest <= 0) {
      return false;
    }
    const Money& minimum = *interest_rule_.minimum_interest;
    if (!(minimum.currency() == currency_)) {
      Flag(PenaltyFlag::kMinimumInterestCurrencyMismatch);
      if (breakdown_)
        AddNoteOnce(absl::StrCat("Minimum interest of ", minimum.ToString(),
                                 " not applied: the invoice is in ",
                                 currency_.ToString(), "."));
      return false;
    }
    return interest < minimum.minor_units();
  }

  Date FixingDate(Date day) const {
    switch (interest_rule_.fixing) {
      case RateFixing::kDaily:
        return day;
      case RateFixing::kHalfYearly:
        return HalfYearStart(day);
      case RateFixing::kFixedAtHalfYearBeforeStart: {
        const date::year_month_day first = Fields(start_ + Days{1});
        const int year = int{first.year()};
        return unsigned{first.month()} <= 6 ? MakeDate(year - 1, 12, 31)
                                            : MakeDate(year, 6, 30);
      }
      case RateFixing::kAtDueDate:
        return facts_.due_date;
    }
    return day;
  }

  absl::StatusOr<Rate> RateOn(Date day) {
    Rate rate;
    switch (interest_rule_.basis) {
      case InterestRule::Basis::kNone:
        return Rate();
      case InterestRule::Basis::kFixedAnnual:
        rate = interest_rule_.rate;
        break;
      case InterestRule::Basis::kMonthly: {
        RELANCE_ASSIGN_OR_RETURN(rate, interest_rule_.rate.MultipliedBy(12));
        break;
      }
      case InterestRule::Basis::kReferencePlusMargin: {
        RELANCE_ASSIGN_OR_RETURN(
            Rate reference,
            SeriesRate(*interest_rule_.reference, FixingDate(day)));
        rate = reference + interest_rule_.rate;
        break;
      }
    }
    if (interest_rule_.floor_factor > 0) {
      RELANCE_ASSIGN_OR_RETURN(rate, ApplyFloor(day, rate));
    }
    if (interest_rule_.cap.has_value() && rate > *interest_rule_.cap) {
      Flag(PenaltyFlag::kCapApplied);
      if (breakdown_)
        AddNoteOnce(absl::StrCat(
            "Cap applied: the rate ", rate.ToString(), " is above the cap of ",
            interest_rule_.cap->ToString(), ", which is charged instead."));
      rate = *interest_rule_.cap;
    }
    return rate < Rate() ? Rate() : rate;
  }

  // The rate of `series` fixed on `date`; after the series' last known date,
  // its last rate when the rule assumes it (and the run is marked).
  absl::StatusOr<Rate> SeriesRate(const RateSeries& series, Date date) {
    if (!interest_rule_.assume_last_rate || date <= series.last_known_date()) {
      return series.RateAt(date);
    }
    assumed_in_run_ = true;
    Flag(PenaltyFlag::kAssumedLastRate);
    if (breakdown_)
      AddNoteOnce(absl::StrCat(
          "Rate assumed: ", series.id(), " is known up to ",
          FormatDate(series.last_known_date()), "; its last known rate, ",
          series.LastKnownRate().ToString(),
          ", is carried forward beyond that date (assume_last_rate), so the "
          "lines marked \"assumed\" are estimates until the rate is "
          "published."));
    return series.LastKnownRate();
  }

  absl::StatusOr<Rate> ApplyFloor(Date day, Rate rate) {
    const RateSeries& series = *interest_rule_.floor_series;
    absl::StatusOr<Rate> floor_base = SeriesRate(series, FixingDate(day));
    if (!floor_base.ok()) {
      // A floor that only informs must not stop the assessment.
      if (interest_rule_.floor_policy == FloorPolicy::kFlagOnly &&
          floor_base.status().code() == absl::StatusCode::kOutOfRange) {
        Flag(PenaltyFlag::kFloorNotChecked);
        if (breakdown_)
          AddNoteOnce(absl::StrCat(
              "Floor not checked: ", std::string(floor_base.status().message()),
              "."));
        return rate;
      }
      return floor_base.status();
    }
    RELANCE_ASSIGN_OR_RETURN(
        Rate floor, floor_base->MultipliedBy(interest_rule_.floor_factor));
    if (rate >= floor) return rate;
    if (interest_rule_.floor_policy == FloorPolicy::kApply) {
      Flag(PenaltyFlag::kFloorApplied);
    } else {
      Flag(PenaltyFlag::kFloorAboveRate);
    }
    if (!breakdown_) {
      return interest_rule_.floor_policy == FloorPolicy::kApply ? floor : rate;
    }
    const std::string note =
        absl::StrCat(interest_rule_.floor_factor, " x ", series.id(), " (",
                     floor.ToString(), ") is above the rate ", rate.ToString());
    if (interest_rule_.floor_policy == FloorPolicy::kApply) {
      AddNoteOnce(absl::StrCat("Floor applied: ", note, "."));
      return floor;
    }
    AddNoteOnce(
        interest_rule_.statutory_rate
            ? absl::StrCat("Floor not applied: ", note,
                           "; the statutory rate is charged as the law sets "
                           "it, the floor being the minimum of a contractual "
                           "rate.")
            : absl::StrCat("Floor not applied: ", note,
                           "; this rule only flags its floor (policy "
                           "\"flag\"), although a contractual rate below it "
                           "may be contested."));
    return rate;
  }

  // The last day of the run of days starting at `first` over which the rate
  // cannot change.
  Date RateRunEnd(Date first) const {
    Date end = kMaxDate;
    const auto limit_by = [&](const std::shared_ptr<const RateSeries>& series) {
      if (series == nullptr) return;
      if (std::optional<Date> change = series->NextChangeAfter(first)) {
        end = std::min(end, *change - Days{1});
      }
      // Never run past the known data: the next run asks for it and fails.
      if (series->last_known_date() >= first) {
        end = std::min(end, series->last_known_date());
      }
    };
    switch (interest_rule_.fixing) {
      case RateFixing::kDaily:
        if (interest_rule_.basis == InterestRule::Basis::kReferencePlusMargin) {
          limit_by(interest_rule_.reference);
        }
        if (interest_rule_.floor_factor > 0) {
          limit_by(interest_rule_.floor_series);
        }
        break;
      case RateFixing::kHalfYearly:
        end = NextHalfYearStart(first) - Days{1};
        break;
      case RateFixing::kFixedAtHalfYearBeforeStart:
      case RateFixing::kAtDueDate:
        break;
    }
    return end;
  }

  // The interest of (start, end] at `principal` and `rate`, rounded by the
  // rule's rounding point (per line, or per day then times the days).
  absl::int128 RoundedLineInterest(const ExactInterest& exact,
                                   absl::int128 principal, Rate rate,
                                   Date start, Date end) const {
    if (interest_rule_.rounding_point != RoundingPoint::kPerDay) {
      return exact.Rounded(interest_rule_.rounding);
    }
    absl::int128 total = 0;
    if (principal <= 0 || rate <= Rate()) return total;
    ForEachDayCountPart(
        interest_rule_.day_count, start, end, [&](const DayCountPart& part) {
          const absl::int128 daily =
              DivideRounded(principal * rate.parts_per_billion(),
                            absl::int128(part.basis) * kPartsPerUnit,
                            interest_rule_.rounding);
          total += daily * part.days;
        });
    return total;
  }

  ExactInterest OpenLineExact() const {
    if (!state_.open) return {};
    return InterestForPeriod(
        *Money::FromMinorUnits(static_cast<int64_t>(state_.principal),
                               currency_),
        state_.open_rate, state_.open_start, state_.open_last,
        interest_rule_.day_count);
  }

  absl::Status CloseOpenLine() {
    if (!state_.open) return absl::OkStatus();
    const ExactInterest exact = OpenLineExact();
    const absl::int128 rounded =
        RoundedLineInterest(exact, state_.principal, state_.open_rate,
                            state_.open_start, state_.open_last);
    RELANCE_ASSIGN_OR_RETURN(Money amount,
                             ToMoney(rounded, "a line's interest"));
    state_.exact += exact;
    state_.rounded_lines_sum += rounded;
    state_.open = false;
    if (!breakdown_) return absl::OkStatus();
    state_.lines.push_back(
        InterestLine{.first_day = state_.open_start + Days{1},
                     .last_day = state_.open_last,
                     .days = (state_.open_last - state_.open_start).count(),
                     .principal = *Money::FromMinorUnits(
                         static_cast<int64_t>(state_.principal), currency_),
                     .annual_rate = state_.open_rate,
                     .amount = amount,
                     .assumed_rate = state_.open_assumed});
    return absl::OkStatus();
  }

  // Interest accrued so far (closed lines and the open one), rounded as the
  // rule says.
  absl::StatusOr<absl::int128> AccruedRounded() const {
    absl::int128 accrued = 0;
    if (interest_rule_.rounding_point == RoundingPoint::kPerInvoice) {
      ExactInterest exact = state_.exact;
      exact += OpenLineExact();
      accrued = exact.Rounded(interest_rule_.rounding);
    } else {
      accrued = state_.rounded_lines_sum;
      if (state_.open) {
        accrued += RoundedLineInterest(OpenLineExact(), state_.principal,
                                       state_.open_rate, state_.open_start,
                                       state_.open_last);
      }
    }
    RELANCE_RETURN_IF_ERROR(ToMoney(accrued, "the interest").status());
    return accrued;
  }

  absl::int128 CostsDueBy(Date date) const {
    absl::int128 due = date > facts_.due_date ? compensation_ : 0;
    for (const Charge& charge : facts_.charges) {
      if (charge.date <= date && charge.date <= as_of_) {
        due += charge.amount.minor_units();
      }
    }
    return due;
  }

  absl::Status Apply(const Settlement& settlement) {
    absl::int128 remaining = settlement.amount.minor_units();
    const auto take = [&remaining](absl::int128& owed) {
      const absl::int128 paid = std::min(owed, remaining);
      owed -= paid;
      remaining -= paid;
    };
    if (settlement.kind == Settlement::Kind::kCreditNote) {
      // The principal changes: the line at the old principal ends here.
      RELANCE_RETURN_IF_ERROR(CloseOpenLine());
      take(state_.principal);
    } else {
      absl::int128 interest_owed = 0;
      if (!interest_waived_) {
        RELANCE_ASSIGN_OR_RETURN(const absl::int128 accrued, AccruedRounded());
        interest_owed =
            std::max<absl::int128>(0, accrued - state_.interest_paid);
      }
      absl::int128 costs_owed = std::max<absl::int128>(
          0, CostsDueBy(settlement.date) - state_.costs_paid);
      const absl::int128 interest_before = interest_owed;
      const absl::int128 costs_before = costs_owed;
      const absl::int128 principal_before = state_.principal;
      absl::int128 principal = state_.principal;
      if (interest_rule_.settlement == SettlementOrder::kPrincipalFirst) {
        take(principal);
        take(interest_owed);
        take(costs_owed);
      } else {
        take(costs_owed);
        take(interest_owed);
        take(principal);
      }
      if (principal != principal_before) {
        RELANCE_RETURN_IF_ERROR(CloseOpenLine());
        state_.principal = principal;
      }
      state_.interest_paid += interest_before - interest_owed;
      state_.costs_paid += costs_before - costs_owed;
    }
    state_.overpaid += remaining;
    return absl::OkStatus();
  }

  // Walks the charged days from the start, applying settlements as their
  // dates pass. Lines are cut where the principal or the rate changes (and,
  // under Actual/Actual, at year ends, where the basis changes).
  absl::Status Walk() {
    state_ = WalkState{.principal = facts_.amount.minor_units()};
    size_t next = 0;
    Date cursor = start_;  // every day <= cursor is done
    const bool charges_interest =
        interest_rule_.basis != InterestRule::Basis::kNone;
    while (true) {
      while (next < settlements_.size() && settlements_[next].date <= cursor) {
        RELANCE_RETURN_IF_ERROR(Apply(settlements_[next++]));
      }
      if (!charges_interest || cursor >= as_of_ || state_.principal == 0) {
        break;
      }
      const Date first = cursor + Days{1};
      Date last = as_of_;
      if (next < settlements_.size()) {
        last = std::min(last, settlements_[next].date);
      }
      last = std::min(last, RateRunEnd(first));
      assumed_in_run_ = false;
      RELANCE_ASSIGN_OR_RETURN(Rate rate, RateOn(first));
      const bool year_break =
          interest_rule_.day_count == DayCount::kActualActualIsda &&
          YearOf(first) != YearOf(state_.open_last);
      if (state_.open && state_.open_last == cursor &&
          state_.open_rate == rate && state_.open_assumed == assumed_in_run_ &&
          !year_break) {
        state_.open_last = last;
      } else {
        RELANCE_RETURN_IF_ERROR(CloseOpenLine());
        state_.open = true;
        state_.open_start = cursor;
        state_.open_last = last;
        state_.open_rate = rate;
        state_.open_assumed = assumed_in_run_;
      }
      if (interest_rule_.day_count == DayCount::kActualActualIsda &&
          YearOf(last) != YearOf(first)) {
        // Cut at the year end (the basis changes): shorten this run.
        state_.open_last = std::min(last, MakeDate(YearOf(first), 12, 31));
      }
      cursor = state_.open_last;
    }
    RELANCE_RETURN_IF_ERROR(CloseOpenLine());
    // Settlements after the interest stopped still settle what is owed.
    while (next < settlements_.size()) {
      RELANCE_RETURN_IF_ERROR(Apply(settlements_[next++]));
    }
    if (charges_interest && start_ >= as_of_) {
      Flag(PenaltyFlag::kNotLate);
      if (breakdown_)
        AddNoteOnce(
            absl::StrCat("No interest: on ", FormatDate(as_of_),
                         " the due date ", FormatDate(facts_.due_date),
                         interest_rule_.grace_days > 0
                             ? absl::StrCat(" plus ", interest_rule_.grace_days,
                                            " grace days")
                             : "",
                         " has not passed; interest would run from ",
                         FormatDate(start_ + Days{1}), "."));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<PenaltyAssessment> Finish(absl::int128 interest) {
    if (!state_.lines.empty()) {
      const size_t count = state_.lines.size();
      explanations_.insert(
          explanations_.begin(),
          absl::StrCat("Interest charged from ",
                       FormatDate(state_.lines.front().first_day), " to ",
                       FormatDate(state_.lines.back().last_day), " (",
                       std::string(ToString(interest_rule_.day_count)), ", ",
                       count, " line", count == 1 ? "" : "s", ")."));
    }
    if (state_.overpaid > 0) {
      Flag(PenaltyFlag::kOverpaid);
      if (breakdown_) {
        explanations_.push_back(absl::StrCat(
            "Overpaid: payments exceed the principal, interest and costs by ",
            FormatMinorUnits(state_.overpaid),
            ", to be refunded or credited."));
      }
    }
    const absl::int128 interest_left =
        std::max<absl::int128>(0, interest - state_.interest_paid);
    const absl::int128 costs_left =
        std::max<absl::int128>(0, compensation_ + charges_ - state_.costs_paid);
    // Every figure, checked against Money's bound (the message names the
    // first one beyond it), then built as Money without a StatusOr each.
    const absl::int128 total = interest + compensation_ + charges_;
    const absl::int128 penalties_left = interest_left + costs_left;
    const absl::int128 total_left = state_.principal + penalties_left;
    const auto within = [](absl::int128 units) {
      return units <= Money::kMaxMinorUnits && units >= -Money::kMaxMinorUnits;
    };
    if (!within(interest)) return BeyondMagnitudeError("the interest");
    if (!within(compensation_)) {
      return BeyondMagnitudeError("the compensation");
    }
    if (!within(charges_)) return BeyondMagnitudeError("the charges");
    if (!within(total)) return BeyondMagnitudeError("the total");
    if (!within(state_.principal)) {
      return BeyondMagnitudeError("the principal");
    }
    if (!within(interest_left)) {
      return BeyondMagnitudeError("the interest outstanding");
    }
    if (!within(costs_left)) {
      return BeyondMagnitudeError("the costs outstanding");
    }
    if (!within(penalties_left)) {
      return BeyondMagnitudeError("the penalties outstanding");
    }
    if (!within(total_left)) {
      return BeyondMagnitudeError("the total outstanding");
    }
    if (!within(state_.overpaid)) {
      return BeyondMagnitudeError("the overpayment");
    }
    const auto money = [this](absl::int128 units) {
      return internal::MoneyWithinBound::Make(static_cast<int64_t>(units),
                                              currency_);
    };
    return PenaltyAssessment{.as_of = as_of_,
                             .rule = std::move(rule_ptr_),
                             .lines = std::move(state_.lines),
                             .interest = money(interest),
                             .compensation = money(compensation_),
                             .charges = money(charges_),
                             .total = money(total),
                             .principal_outstanding = money(state_.principal),
                             .interest_outstanding = money(interest_left),
                             .costs_outstanding = money(costs_left),
                             .penalties_outstanding = money(penalties_left),
                             .total_outstanding = money(total_left),
                             .overpaid = money(state_.overpaid),
                             .flags = std::move(flags_),
                             .explanations = std::move(explanations_)};
  }

  std::shared_ptr<const PenaltyRule> rule_ptr_;
  const PenaltyRule& rule_;
  const InterestRule& interest_rule_;
  const InvoiceFacts& facts_;
  const Date as_of_;
  const Currency currency_;
  const bool breakdown_;
  SettlementSequence settlements_;
  Date start_ = {};
  absl::int128 compensation_ = 0;
  absl::int128 charges_ = 0;
  bool interest_waived_ = false;
  // RateOn carried a last known rate forward for the current run.
  bool assumed_in_run_ = false;
  WalkState state_;
  std::vector<std::string> explanations_;
  PenaltyFlags flags_;
};

}  // namespace

constexpr internal::EnumName<RateFixing> kRateFixingNames[] = {
    {RateFixing::kDaily, "daily"},
    {RateFixing::kHalfYearly, "half-yearly"},
    {RateFixing::kFixedAtHalfYearBeforeStart, "uk-reference-date"},
    {RateFixing::kAtDueDate, "due-date"},
};

constexpr internal::EnumName<SettlementOrder> kSettlementOrderNames[] = {
    {SettlementOrder::kPrincipalFirst, "principal-first"},
    {SettlementOrder::kCostsInterestPrincipal, "costs-interest-principal"},
};

constexpr internal::EnumName<PenaltyFlag> kPenaltyFlagNames[] = {
    {PenaltyFlag::kNotLate, "not-late"},
    {PenaltyFlag::kPaymentsAfterAsOfIgnored, "payments-after-as-of-ignored"},
    {PenaltyFlag::kFloorApplied, "floor-applied"},
    {PenaltyFlag::kFloorAboveRate, "floor-above-rate"},
    {PenaltyFlag::kCapApplied, "cap-applied"},
    {PenaltyFlag::kBelowMinimumInterest, "below-minimum-interest"},
    {PenaltyFlag::kCompensationNotApplicable, "compensation-not-applicable"},
    {PenaltyFlag::kCompensationCurrencyMismatch,
     "compensation-currency-mismatch"},
    {PenaltyFlag::kOverpaid, "overpaid"},
    {PenaltyFlag::kFloorNotChecked, "floor-not-checked"},
    {PenaltyFlag::kMinimumInterestCurrencyMismatch,
     "minimum-interest-currency-mismatch"},
    {PenaltyFlag::kAssumedLastRate, "assumed-last-rate"},
};

std::string_view ToString(RateFixing fixing) {
  return internal::NameOf(kRateFixingNames, fixing);
}

absl::StatusOr<RateFixing> ParseRateFixing(std::string_view text) {
  return internal::ParseName(kRateFixingNames, text, "rate fixing");
}

std::string_view ToString(SettlementOrder order) {
  return internal::NameOf(kSettlementOrderNames, order);
}

absl::StatusOr<SettlementOrder> ParseSettlementOrder(std::string_view text) {
  return internal::ParseName(kSettlementOrderNames, text, "settlement order");
}

std::string_view ToString(PenaltyFlag flag) {
  return internal::NameOf(kPenaltyFlagNames, flag);
}

bool PenaltyAssessment::HasFlag(PenaltyFlag flag) const {
  return flags.Has(flag);
}

namespace {

absl::Status ValidateTerms(const std::string& label,
                           const InterestRule& interest,
                           const CompensationRule& compensation) {
  if (interest.basis == InterestRule::Basis::kReferencePlusMargin &&
      interest.reference == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, ": a reference rate needs a series"));
  }
  if (interest.floor_factor < 0 ||
      (interest.floor_factor > 0 && interest.floor_series == nullptr)) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, ": a floor needs a positive factor and a series"));
  }
  if (interest.grace_days < 0 || interest.grace_days > 3660) {
    return absl::InvalidArgumentError(absl::StrCat(
        label, ": grace days must be 0..3660, got ", interest.grace_days));
  }
  if (interest.minimum_interest.has_value() &&
      interest.minimum_interest->IsNegative()) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, ": the minimum interest must not be negative"));
  }
  const auto out_of_bounds = [](Rate rate) {
    return rate.parts_per_billion() > Rate::kMaxPartsPerBillion ||
           rate.parts_per_billion() < -Rate::kMaxPartsPerBillion;
  };
  if (out_of_bounds(interest.rate) ||
      (interest.cap.has_value() && out_of_bounds(*interest.cap))) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, ": a rate beyond the supported magnitude"));
  }
  if ((interest.basis == InterestRule::Basis::kFixedAnnual ||
       interest.basis == InterestRule::Basis::kMonthly) &&
      interest.rate.IsNegative()) {
    return absl::InvalidArgumentError(absl::StrCat(
        label, ": the rate ", interest.rate.ToString(), " is negative"));
  }
  if (interest.cap.has_value() && interest.cap->IsNegative()) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, ": the cap must not be negative"));
  }
  if (interest.floor_factor > 100) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, ": a floor factor above 100"));
  }
  if (compensation.kind == CompensationRule::Kind::kFixed &&
      (!compensation.fixed.has_value() || !compensation.fixed->IsPositive())) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, ": a fixed compensation needs a positive amount"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status PenaltyRule::Validate() const {
  const std::string label = absl::StrCat("penalty rule ", id);
  RELANCE_RETURN_IF_ERROR(ValidateTerms(label, interest, compensation));
  if (!earlier_regimes.empty() && !regime_from.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        label, ": earlier regimes need the date the current one starts"));
  }
  for (size_t i = 0; i < earlier_regimes.size(); ++i) {
    const PenaltyRegime& regime = earlier_regimes[i];
    const Date next = i + 1 < earlier_regimes.size()
                          ? earlier_regimes[i + 1].from
                          : *regime_from;
    if (regime.from >= next) {
      return absl::InvalidArgumentError(absl::StrCat(
          label, ": earlier regime [", i, "] (", FormatDate(regime.from),
          ") does not come before the next one"));
    }
    RELANCE_RETURN_IF_ERROR(
        ValidateTerms(absl::StrCat(label, ": earlier regime [", i, "]"),
                      regime.interest, regime.compensation));
  }
  return absl::OkStatus();
}

absl::StatusOr<PenaltyRule> PenaltyRule::ForObligationDate(Date date) const {
  if (!regime_from.has_value() || date >= *regime_from) {
    PenaltyRule current = *this;
    current.earlier_regimes.clear();
    return current;
  }
  for (auto it = earlier_regimes.rbegin(); it != earlier_regimes.rend(); ++it) {
    if (it->from > date) continue;
    PenaltyRule rule = *this;
    rule.interest = it->interest;
    rule.compensation = it->compensation;
    rule.regime_from = it->from;
    rule.regime_name = it->name;
    rule.earlier_regimes.clear();
    return rule;
  }
  const Date first =
      earlier_regimes.empty() ? *regime_from : earlier_regimes.front().from;
  const std::string& first_name =
      earlier_regimes.empty() ? regime_name : earlier_regimes.front().name;
  return absl::OutOfRangeError(absl::StrCat(
      "penalty rule ", id, ": obligations arising before ", FormatDate(first),
      " are not modelled (its first regime is ", first_name, ", from ",
      FormatDate(first), "); got ", FormatDate(date)));
}

ExactInterest& ExactInterest::operator+=(const ExactInterest& other) {
  whole += other.whole;
  fraction += other.fraction;
  if (fraction >= 0 && fraction < 2 * absl::int128(kDenominator)) {
    // Both fractions in [0, kDenominator): at most one unit carries (no
    // 128-bit division).
    if (fraction >= kDenominator) {
      fraction -= kDenominator;
      whole += 1;
    }
    return *this;
  }
  whole += fraction / kDenominator;
  fraction %= kDenominator;
  return *this;
}

absl::int128 ExactInterest::Rounded(RoundingMode mode) const {
  // Round (whole mod 2) + fraction / D, so half-even sees the parity of
  // whole, then add back the even part (values are never negative).
  const absl::int128 odd =
      whole >= 0 ? absl::int128(absl::Int128Low64(whole) & 1) : whole % 2;
  return whole - odd +
         DivideRounded(odd * kDenominator + fraction, kDenominator, mode);
}

ExactInterest InterestForPeriod(Money principal, Rate annual_rate, Date start,
                                Date end, DayCount day_count) {
  ExactInterest total;
  if (!principal.IsPositive() || annual_rate <= Rate()) return total;
  constexpr int64_t kLcmOfBases = 1'603'080;  // lcm(360, 365, 366)
  ForEachDayCountPart(day_count, start, end, [&](const DayCountPart& part) {
    if (part.days <= 0) return;
    // |principal| <= 10^17, rate <= 10^12 ppb, days < 4 * 10^6: < 2^127.
    const absl::int128 numerator = absl::int128(principal.minor_units()) *
                                   annual_rate.parts_per_billion() * part.days;
    const int64_t denominator = int64_t{part.basis} * kPartsPerUnit;
    ExactInterest piece;
    if (numerator <= std::numeric_limits<int64_t>::max()) {
      // The usual size (a 128-bit division is a library call): in 64 bits.
      const auto narrow = static_cast<int64_t>(numerator);
      piece.whole = narrow / denominator;
      piece.fraction =
          absl::int128(narrow % denominator) * (kLcmOfBases / part.basis);
    } else {
      piece.whole = numerator / denominator;
      piece.fraction = (numerator % denominator) * (kLcmOfBases / part.basis);
    }
    total += piece;
  });
  return total;
}

struct CompiledPenaltyRule::Impl {
  PenaltyRule rule;
  // Each regime as a rule of its own (ForObligationDate), oldest first; the
  // current one last.
  std::vector<PenaltyRule> regimes;
};

absl::StatusOr<CompiledPenaltyRule> CompiledPenaltyRule::Compile(
    PenaltyRule rule) {
  RELANCE_RETURN_IF_ERROR(rule.Validate());
  auto impl = std::make_shared<Impl>();
  for (const PenaltyRegime& regime : rule.earlier_regimes) {
    RELANCE_ASSIGN_OR_RETURN(PenaltyRule earlier,
                             rule.ForObligationDate(regime.from));
    impl->regimes.push_back(std::move(earlier));
  }
  RELANCE_ASSIGN_OR_RETURN(
      PenaltyRule current,
      rule.ForObligationDate(rule.regime_from.value_or(kMinDate)));
  impl->regimes.push_back(std::move(current));
  impl->rule = std::move(rule);
  return CompiledPenaltyRule(std::move(impl));
}

const PenaltyRule& CompiledPenaltyRule::rule() const { return impl_->rule; }

absl::StatusOr<std::shared_ptr<const PenaltyRule>>
CompiledPenaltyRule::RegimeFor(Date date) const {
  for (size_t i = impl_->regimes.size(); i-- > 0;) {
    const PenaltyRule& regime = impl_->regimes[i];
    if (!regime.regime_from.has_value() || *regime.regime_from <= date) {
      // Shares the compiled state: no allocation.
      return std::shared_ptr<const PenaltyRule>(impl_, &regime);
    }
  }
  // Before the first regime: the rule's own error.
  return impl_->rule.ForObligationDate(date).status();
}

absl::StatusOr<PenaltyAssessment> Assess(const CompiledPenaltyRule& rule,
                                         const InvoiceFacts& facts, Date as_of,
                                         const AssessOptions& options) {
  // Bad input is reported before an unmodelled regime.
  RELANCE_RETURN_IF_ERROR(
      CheckFacts(facts, as_of, rule.rule().interest.grace_days));
  RELANCE_ASSIGN_OR_RETURN(
      std::shared_ptr<const PenaltyRule> regime,
      rule.RegimeFor(facts.obligation_date.value_or(facts.due_date)));
  if (regime->interest.grace_days != rule.rule().interest.grace_days) {
    RELANCE_RETURN_IF_ERROR(
        CheckFacts(facts, as_of, regime->interest.grace_days));
  }
  return Assessor(std::move(regime), facts, as_of, options.breakdown).Run();
}

absl::StatusOr<PenaltyAssessment> Assess(const PenaltyRule& rule,
                                         const InvoiceFacts& facts, Date as_of,
                                         const AssessOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(CompiledPenaltyRule compiled,
                           CompiledPenaltyRule::Compile(rule));
  return Assess(compiled, facts, as_of, options);
}

}  // namespace relance
