#include "relance/penalty.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/enum_names.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

constexpr int64_t kPartsPerUnit = Rate::kPartsPerUnit;

Date HalfYearStart(Date day) {
  return MakeDate(YearOf(day), MonthOf(day) <= 6 ? 1u : 7u, 1);
}

Date NextHalfYearStart(Date day) {
  const int year = YearOf(day);
  return MonthOf(day) <= 6 ? MakeDate(year, 7, 1) : MakeDate(year + 1, 1, 1);
}

// The state of one assessment while it walks the charged days.
class Assessor {
 public:
  Assessor(const PenaltyRule& rule, const InvoiceFacts& facts, Date as_of)
      : rule_(rule),
        interest_rule_(rule.interest),
        facts_(facts),
        as_of_(as_of),
        currency_(facts.amount.currency()) {}

  absl::StatusOr<PenaltyAssessment> Run() {
    RELANCE_RETURN_IF_ERROR(rule_.Validate());
    RELANCE_RETURN_IF_ERROR(CheckFacts());
    start_ = facts_.due_date + Days{interest_rule_.grace_days};
    principal_ = facts_.amount.minor_units();
    CollectSettlements();
    ComputeCompensationAndCharges();
    RELANCE_RETURN_IF_ERROR(WalkDays());
    return Finish();
  }

 private:
  absl::Status CheckFacts() const {
    if (!facts_.amount.IsPositive()) {
      return absl::InvalidArgumentError(
          absl::StrCat("penalties: the invoice amount must be positive, got ",
                       facts_.amount.ToString()));
    }
    for (size_t i = 0; i < facts_.settlements.size(); ++i) {
      const Money& amount = facts_.settlements[i].amount;
      if (!(amount.currency() == currency_)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "penalties: settlements[", i, "] is ", amount.ToString(),
            " but the invoice is in ", currency_.ToString(),
            "; relance never mixes currencies"));
      }
      if (!amount.IsPositive()) {
        return absl::InvalidArgumentError(
            absl::StrCat("penalties: settlements[", i,
                         "] must be positive, got ", amount.ToString()));
      }
    }
    for (size_t i = 0; i < facts_.charges.size(); ++i) {
      const Money& amount = facts_.charges[i].amount;
      if (!(amount.currency() == currency_) || !amount.IsPositive()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "penalties: charges[", i, "] must be a positive amount in ",
            currency_.ToString(), ", got ", amount.ToString()));
      }
    }
    return absl::OkStatus();
  }

  void Flag(PenaltyFlag flag) {
    if (std::find(flags_.begin(), flags_.end(), flag) == flags_.end()) {
      flags_.push_back(flag);
    }
  }

  void CollectSettlements() {
    for (const Settlement& settlement : facts_.settlements) {
      if (settlement.date > as_of_) {
        Flag(PenaltyFlag::kPaymentsAfterAsOfIgnored);
        continue;
      }
      settlements_.push_back(settlement);
    }
    std::stable_sort(settlements_.begin(), settlements_.end(),
                     [](const Settlement& a, const Settlement& b) {
                       return a.date < b.date;
                     });
  }

  // Late: due before as_of and either unpaid at the due date or settled
  // (in part) after it.
  bool PaidLate() const {
    if (facts_.due_date >= as_of_) return false;
    int64_t settled_by_due = 0;
    for (const Settlement& settlement : settlements_) {
      if (settlement.date > facts_.due_date) return true;
      settled_by_due += settlement.amount.minor_units();
    }
    return settled_by_due < facts_.amount.minor_units();
  }

  void ComputeCompensationAndCharges() {
    for (const Charge& charge : facts_.charges) {
      if (charge.date <= as_of_) charges_ += charge.amount.minor_units();
    }
    const CompensationRule& compensation = rule_.compensation;
    if (compensation.kind == CompensationRule::Kind::kNone) return;
    if (!PaidLate() || (compensation.business_to_business_only &&
                        !facts_.business_to_business)) {
      Flag(PenaltyFlag::kCompensationNotApplicable);
      explanations_.push_back(
          !facts_.business_to_business && compensation.business_to_business_only
              ? "No fixed compensation: it is owed between businesses only."
              : "No fixed compensation: the invoice was not paid late.");
      return;
    }
    std::optional<Money> amount;
    if (compensation.kind == CompensationRule::Kind::kFixed) {
      amount = compensation.fixed;
    } else {
      // Late Payment Act 1998 s.5A: by the size of the debt.
      int64_t debt = facts_.amount.minor_units();
      for (const Settlement& settlement : settlements_) {
        if (settlement.date <= facts_.due_date) {
          debt -= settlement.amount.minor_units();
        }
      }
      const absl::StatusOr<Currency> gbp = Currency::FromCode("GBP");
      const int64_t band_pounds = debt < 100'000     ? 40
                                  : debt < 1'000'000 ? 70
                                                     : 100;
      amount = *Money::FromMinorUnits(band_pounds * 100, *gbp);
    }
    if (!(amount->currency() == currency_)) {
      Flag(PenaltyFlag::kCompensationCurrencyMismatch);
      explanations_.push_back(absl::StrCat(
          "Fixed compensation of ", amount->ToString(), " (",
          compensation.basis, ") not added: the invoice is in ",
          currency_.ToString(), " and relance does not convert currencies."));
      return;
    }
    compensation_ = amount->minor_units();
    explanations_.push_back(absl::StrCat("Fixed compensation ",
                                         amount->ToString(), " (",
                                         compensation.basis, ")."));
  }

  Date FixingDate(Date day) const {
    switch (interest_rule_.fixing) {
      case RateFixing::kDaily:
        return day;
      case RateFixing::kHalfYearly:
        return HalfYearStart(day);
      case RateFixing::kFixedAtHalfYearBeforeStart: {
        const Date first = start_ + Days{1};
        return MonthOf(first) <= 6 ? MakeDate(YearOf(first) - 1, 12, 31)
                                   : MakeDate(YearOf(first), 6, 30);
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
            Rate reference, interest_rule_.reference->RateAt(FixingDate(day)));
        rate = reference + interest_rule_.rate;
        break;
      }
    }
    if (interest_rule_.floor_factor > 0) {
      RELANCE_ASSIGN_OR_RETURN(
          Rate floor_base,
          interest_rule_.floor_series->RateAt(FixingDate(day)));
      RELANCE_ASSIGN_OR_RETURN(
          Rate floor, floor_base.MultipliedBy(interest_rule_.floor_factor));
      if (rate < floor) {
        const std::string note = absl::StrCat(
            interest_rule_.floor_factor, " x ",
            interest_rule_.floor_series->id(), " (", floor.ToString(),
            ") is above the rate ", rate.ToString());
        if (interest_rule_.floor_policy == FloorPolicy::kApply) {
          Flag(PenaltyFlag::kFloorApplied);
          AddNoteOnce(absl::StrCat("Floor applied: ", note, "."));
          rate = floor;
        } else {
          Flag(PenaltyFlag::kFloorAboveRate);
          AddNoteOnce(absl::StrCat(
              "Floor not applied (the rule charges the statutory rate): ", note,
              "; a contractual rate could not be lower than the floor."));
        }
      }
    }
    if (interest_rule_.cap.has_value() && rate > *interest_rule_.cap) {
      Flag(PenaltyFlag::kCapApplied);
      rate = *interest_rule_.cap;
    }
    return rate < Rate() ? Rate() : rate;
  }

  void AddNoteOnce(std::string note) {
    if (std::find(explanations_.begin(), explanations_.end(), note) ==
        explanations_.end()) {
      explanations_.push_back(std::move(note));
    }
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
    if (interest_rule_.day_count == DayCount::kActualActualIsda) {
      end = std::min(end, MakeDate(YearOf(first), 12, 31));
    }
    return end;
  }

  // The daily amount rounded first, then multiplied by the days.
  absl::int128 DailyRoundedInterest(Money principal, Rate rate, Date start,
                                    Date end) const {
    absl::int128 total = 0;
    if (!principal.IsPositive() || rate <= Rate()) return total;
    for (const DayCountPart& part :
         YearFraction(interest_rule_.day_count, start, end)) {
      const absl::int128 daily = DivideRounded(
          absl::int128(principal.minor_units()) * rate.parts_per_billion(),
          absl::int128(part.basis) * kPartsPerUnit, interest_rule_.rounding);
      total += daily * part.days;
    }
    return total;
  }

  int64_t InterestAccruedRounded() const {
    if (interest_rule_.rounding_point != RoundingPoint::kPerInvoice) {
      return static_cast<int64_t>(rounded_lines_sum_);
    }
    return static_cast<int64_t>(exact_.Rounded(interest_rule_.rounding));
  }

  void Apply(const Settlement& settlement) {
    int64_t remaining = settlement.amount.minor_units();
    const auto take = [&remaining](int64_t& owed) {
      const int64_t paid = std::min(owed, remaining);
      owed -= paid;
      remaining -= paid;
      return paid;
    };
    if (settlement.kind == Settlement::Kind::kCreditNote) {
      take(principal_);
    } else {
      int64_t interest_owed =
          std::max<int64_t>(0, InterestAccruedRounded() - interest_paid_);
      int64_t costs_owed =
          std::max<int64_t>(0, CostsDueBy(settlement.date) - costs_paid_);
      const int64_t interest_before = interest_owed;
      const int64_t costs_before = costs_owed;
      if (interest_rule_.settlement == SettlementOrder::kPrincipalFirst) {
        take(principal_);
        take(interest_owed);
        take(costs_owed);
      } else {
        take(costs_owed);
        take(interest_owed);
        take(principal_);
      }
      interest_paid_ += interest_before - interest_owed;
      costs_paid_ += costs_before - costs_owed;
    }
    if (remaining > 0) {
      overpaid_ += remaining;
    }
  }

  int64_t CostsDueBy(Date date) const {
    int64_t due = date > facts_.due_date ? compensation_ : 0;
    for (const Charge& charge : facts_.charges) {
      if (charge.date <= date && charge.date <= as_of_) {
        due += charge.amount.minor_units();
      }
    }
    return due;
  }

  absl::Status WalkDays() {
    size_t next = 0;
    Date cursor = start_;  // every day <= cursor is done
    const bool charges_interest =
        interest_rule_.basis != InterestRule::Basis::kNone;
    while (true) {
      while (next < settlements_.size() && settlements_[next].date <= cursor) {
        Apply(settlements_[next++]);
      }
      if (!charges_interest || cursor >= as_of_ || principal_ == 0) break;
      const Date first = cursor + Days{1};
      Date last = as_of_;
      if (next < settlements_.size()) {
        last = std::min(last, settlements_[next].date);
      }
      last = std::min(last, RateRunEnd(first));
      RELANCE_ASSIGN_OR_RETURN(Rate rate, RateOn(first));
      const Money principal = *Money::FromMinorUnits(principal_, currency_);
      const ExactInterest exact = InterestForPeriod(
          principal, rate, cursor, last, interest_rule_.day_count);
      const absl::int128 line_rounded =
          interest_rule_.rounding_point == RoundingPoint::kPerDay
              ? DailyRoundedInterest(principal, rate, cursor, last)
              : exact.Rounded(interest_rule_.rounding);
      exact_ += exact;
      rounded_lines_sum_ += line_rounded;
      lines_.push_back(
          InterestLine{.first_day = first,
                       .last_day = last,
                       .days = (last - cursor).count(),
                       .principal = principal,
                       .annual_rate = rate,
                       .amount = *Money::FromMinorUnits(
                           static_cast<int64_t>(line_rounded), currency_)});
      cursor = last;
    }
    // Settlements after the interest stopped still settle what is owed.
    while (next < settlements_.size()) Apply(settlements_[next++]);
    if (charges_interest &&
        facts_.due_date + Days{interest_rule_.grace_days} >= as_of_) {
      Flag(PenaltyFlag::kNotLate);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<PenaltyAssessment> Finish() {
    int64_t interest = InterestAccruedRounded();
    if (interest_rule_.minimum_interest.has_value() && interest > 0 &&
        interest < interest_rule_.minimum_interest->minor_units()) {
      Flag(PenaltyFlag::kBelowMinimumInterest);
      explanations_.push_back(absl::StrCat(
          "Interest of ",
          Money::FromMinorUnits(interest, currency_)->ToString(),
          " is below the minimum of ",
          interest_rule_.minimum_interest->ToString(), ": not charged."));
      interest = 0;
    }
    if (!lines_.empty()) {
      explanations_.insert(
          explanations_.begin(),
          absl::StrCat(
              "Interest charged from ", FormatDate(lines_.front().first_day),
              " to ", FormatDate(lines_.back().last_day), " (",
              std::string(ToString(interest_rule_.day_count)), ", ",
              lines_.size(), " line", lines_.size() == 1 ? "" : "s", ")."));
    }
    if (overpaid_ > 0) Flag(PenaltyFlag::kOverpaid);
    const auto money = [this](int64_t units) {
      return *Money::FromMinorUnits(units, currency_);
    };
    // Each part is bounded by the invoice amount times a bounded factor;
    // the sum is checked.
    RELANCE_ASSIGN_OR_RETURN(Money total,
                             Add(money(interest), money(compensation_)));
    RELANCE_ASSIGN_OR_RETURN(total, Add(total, money(charges_)));
    return PenaltyAssessment{
        .as_of = as_of_,
        .rule_id = rule_.id,
        .lines = std::move(lines_),
        .interest = money(interest),
        .compensation = money(compensation_),
        .charges = money(charges_),
        .total = total,
        .principal_outstanding = money(principal_),
        .interest_outstanding =
            money(std::max<int64_t>(0, interest - interest_paid_)),
        .costs_outstanding =
            money(std::max<int64_t>(0, compensation_ + charges_ - costs_paid_)),
        .flags = std::move(flags_),
        .explanations = std::move(explanations_)};
  }

  const PenaltyRule& rule_;
  const InterestRule& interest_rule_;
  const InvoiceFacts& facts_;
  const Date as_of_;
  const Currency currency_;
  Date start_ = {};
  std::vector<Settlement> settlements_;
  int64_t principal_ = 0;
  int64_t compensation_ = 0;
  int64_t charges_ = 0;
  int64_t interest_paid_ = 0;
  int64_t costs_paid_ = 0;
  int64_t overpaid_ = 0;
  ExactInterest exact_;
  absl::int128 rounded_lines_sum_ = 0;
  std::vector<std::string> explanations_;
  std::vector<InterestLine> lines_;
  std::vector<PenaltyFlag> flags_;
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
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

absl::Status PenaltyRule::Validate() const {
  const std::string label = absl::StrCat("penalty rule ", id);
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
  if (compensation.kind == CompensationRule::Kind::kFixed &&
      (!compensation.fixed.has_value() || !compensation.fixed->IsPositive())) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, ": a fixed compensation needs a positive amount"));
  }
  return absl::OkStatus();
}

ExactInterest& ExactInterest::operator+=(const ExactInterest& other) {
  whole += other.whole;
  fraction += other.fraction;
  whole += fraction / kDenominator;
  fraction %= kDenominator;
  return *this;
}

absl::int128 ExactInterest::Rounded(RoundingMode mode) const {
  // Round (whole mod 2) + fraction / D, so half-even sees the parity of
  // whole, then add back the even part (values are never negative).
  const absl::int128 odd = whole % 2;
  return whole - odd +
         DivideRounded(odd * kDenominator + fraction, kDenominator, mode);
}

ExactInterest InterestForPeriod(Money principal, Rate annual_rate, Date start,
                                Date end, DayCount day_count) {
  ExactInterest total;
  if (!principal.IsPositive() || annual_rate <= Rate()) return total;
  constexpr int64_t kLcmOfBases = 1'603'080;  // lcm(360, 365, 366)
  for (const DayCountPart& part : YearFraction(day_count, start, end)) {
    if (part.days <= 0) continue;
    // |principal| <= 10^17, rate <= 10^12 ppb, days < 4 * 10^6: < 2^127.
    const absl::int128 numerator = absl::int128(principal.minor_units()) *
                                   annual_rate.parts_per_billion() * part.days;
    const absl::int128 denominator = absl::int128(part.basis) * kPartsPerUnit;
    ExactInterest piece;
    piece.whole = numerator / denominator;
    piece.fraction = (numerator % denominator) * (kLcmOfBases / part.basis);
    total += piece;
  }
  return total;
}

absl::StatusOr<PenaltyAssessment> Assess(const PenaltyRule& rule,
                                         const InvoiceFacts& facts,
                                         Date as_of) {
  Assessor assessor(rule, facts, as_of);
  return assessor.Run();
}

}  // namespace relance
