#include "relance/terms.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

using Share = InstalmentLine::Share;

absl::Status LineError(size_t index, std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("terms: lines[", index, "]: ", std::string(what)));
}

absl::Status ValidateDiscounts(const std::vector<DiscountTier>& tiers,
                               std::string_view path) {
  for (size_t i = 0; i < tiers.size(); ++i) {
    const Rate percent = tiers[i].percent;
    if (percent <= Rate() || percent >= Rate::FromPercent(100)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "terms: ", std::string(path), "[", i,
          "].percent: ", percent.ToString(), " is outside (0%, 100%)"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateSpec(const TermsSpec& spec) {
  if (spec.lines.empty()) {
    return absl::InvalidArgumentError("terms: no instalment line");
  }
  int balance_lines = 0;
  bool has_fixed = false;
  bool line_discounts = false;
  std::optional<Currency> fixed_currency;
  Rate percent_sum;
  for (size_t i = 0; i < spec.lines.size(); ++i) {
    const InstalmentLine& line = spec.lines[i];
    switch (line.share) {
      case Share::kBalance:
        if (++balance_lines > 1) {
          return LineError(i, "a second balance line (at most one)");
        }
        break;
      case Share::kPercent:
        if (line.percent <= Rate() || line.percent > Rate::FromPercent(100)) {
          return LineError(i,
                           absl::StrCat("percentage ", line.percent.ToString(),
                                        " is outside (0%, 100%]"));
        }
        percent_sum = percent_sum + line.percent;
        break;
      case Share::kFixed:
        if (!line.fixed.has_value() || !line.fixed->IsPositive()) {
          return LineError(i, "a fixed line needs a positive amount");
        }
        if (fixed_currency.has_value() &&
            !(*fixed_currency == line.fixed->currency())) {
          return LineError(i, "fixed amounts in different currencies");
        }
        fixed_currency = line.fixed->currency();
        has_fixed = true;
        break;
    }
    if (line.adjustment.has_value() && line.adjustment->calendar == nullptr) {
      return LineError(i, "a business-day adjustment needs a calendar");
    }
    if (line.due.NeedsCalendar() && !line.adjustment.has_value()) {
      return LineError(i, absl::StrCat("due formula \"", line.due.ToString(),
                                       "\" counts business days: give a "
                                       "calendar"));
    }
    if (!line.discounts.empty()) {
      line_discounts = true;
      RELANCE_RETURN_IF_ERROR(ValidateDiscounts(
          line.discounts, absl::StrCat("lines[", i, "].discounts")));
    }
  }
  if (balance_lines == 0) {
    if (has_fixed) {
      return absl::InvalidArgumentError(
          "terms: fixed-amount lines need a balance line to take the rest");
    }
    if (percent_sum != Rate::FromPercent(100)) {
      return absl::InvalidArgumentError(
          absl::StrCat("terms: percentages add up to ", percent_sum.ToString(),
                       ", expected 100.00% (or add a balance line)"));
    }
  } else if (percent_sum > Rate::FromPercent(100)) {
    return absl::InvalidArgumentError(
        absl::StrCat("terms: percentages add up to ", percent_sum.ToString(),
                     ", more than 100.00%"));
  }
  if (line_discounts && !spec.discounts.empty()) {
    return absl::InvalidArgumentError(
        "terms: discounts on the whole invoice and on instalments cannot be "
        "combined");
  }
  return ValidateDiscounts(spec.discounts, "discounts");
}

absl::StatusOr<Date> LineDueDate(const InstalmentLine& line, Date invoice_date,
                                 Date* unadjusted) {
  const BusinessCalendar* calendar =
      line.adjustment.has_value() ? line.adjustment->calendar.get() : nullptr;
  RELANCE_ASSIGN_OR_RETURN(Date due, line.due.Evaluate(invoice_date, calendar));
  if (unadjusted != nullptr) *unadjusted = due;
  if (line.adjustment.has_value()) {
    due = line.adjustment->calendar->Adjust(due, line.adjustment->convention);
  }
  return due;
}

absl::StatusOr<std::vector<ScheduledDiscount>> ScheduleDiscounts(
    const std::vector<DiscountTier>& tiers, Date invoice_date, Money amount,
    RoundingMode rounding) {
  std::vector<ScheduledDiscount> scheduled;
  for (const DiscountTier& tier : tiers) {
    RELANCE_ASSIGN_OR_RETURN(Date deadline, tier.within.Evaluate(invoice_date));
    RELANCE_ASSIGN_OR_RETURN(Money discount,
                             MultiplyByRate(amount, tier.percent, rounding));
    RELANCE_ASSIGN_OR_RETURN(Money net, Subtract(amount, discount));
    scheduled.push_back({.percent = tier.percent,
                         .deadline = deadline,
                         .discount = discount,
                         .net_payable = net});
  }
  return scheduled;
}

std::string FormatTiers(const std::vector<DiscountTier>& tiers) {
  std::string text;
  for (const DiscountTier& tier : tiers) {
    absl::StrAppend(&text, "; discount ", tier.percent.ToString(), " within ",
                    tier.within.ToString());
  }
  return text;
}

}  // namespace

std::string_view ToString(EndOfMonthReading reading) {
  return reading == EndOfMonthReading::kDaysThenEndOfMonth ? "days-then-eom"
                                                           : "eom-then-days";
}

absl::StatusOr<EndOfMonthReading> ParseEndOfMonthReading(
    std::string_view text) {
  if (text == "days-then-eom") return EndOfMonthReading::kDaysThenEndOfMonth;
  if (text == "eom-then-days") return EndOfMonthReading::kEndOfMonthThenDays;
  return absl::InvalidArgumentError(
      absl::StrCat("end-of-month reading \"", std::string(text),
                   "\": expected days-then-eom or eom-then-days"));
}

absl::StatusOr<PaymentTerms> PaymentTerms::Create(TermsSpec spec) {
  RELANCE_RETURN_IF_ERROR(ValidateSpec(spec));
  return PaymentTerms(std::make_shared<const TermsSpec>(std::move(spec)));
}

absl::StatusOr<std::vector<Date>> PaymentTerms::DueDates(
    Date invoice_date) const {
  std::vector<Date> dates;
  dates.reserve(spec_->lines.size());
  for (const InstalmentLine& line : spec_->lines) {
    RELANCE_ASSIGN_OR_RETURN(Date due,
                             LineDueDate(line, invoice_date, nullptr));
    dates.push_back(due);
  }
  return dates;
}

absl::StatusOr<PaymentSchedule> PaymentTerms::Schedule(Date invoice_date,
                                                       Money total) const {
  const TermsSpec& spec = *spec_;
  const RoundingMode rounding = spec.rounding;
  // First pass: the amount of every non-balance line.
  std::vector<Money> amounts;
  amounts.reserve(spec.lines.size());
  Money assigned = Money::Zero(total.currency());
  std::optional<size_t> balance_index;
  for (size_t i = 0; i < spec.lines.size(); ++i) {
    const InstalmentLine& line = spec.lines[i];
    Money amount = Money::Zero(total.currency());
    switch (line.share) {
      case Share::kBalance:
        balance_index = i;
        break;
      case Share::kPercent: {
        RELANCE_ASSIGN_OR_RETURN(amount,
                                 MultiplyByRate(total, line.percent, rounding));
        break;
      }
      case Share::kFixed:
        if (!(line.fixed->currency() == total.currency())) {
          return absl::InvalidArgumentError(absl::StrCat(
              "terms: lines[", i, "] is fixed at ", line.fixed->ToString(),
              " but the invoice is in ", total.currency().ToString()));
        }
        if (!total.IsPositive()) {
          return absl::InvalidArgumentError(
              absl::StrCat("terms: a total of ", total.ToString(),
                           " cannot be split with fixed-amount lines"));
        }
        amount = *line.fixed;
        break;
    }
    RELANCE_ASSIGN_OR_RETURN(assigned, Add(assigned, amount));
    amounts.push_back(amount);
  }
  // The remainder goes to the balance line, else to the last line.
  RELANCE_ASSIGN_OR_RETURN(Money remainder, Subtract(total, assigned));
  const size_t remainder_index = balance_index.value_or(amounts.size() - 1);
  RELANCE_ASSIGN_OR_RETURN(amounts[remainder_index],
                           Add(amounts[remainder_index], remainder));
  if (total.IsPositive() && amounts[remainder_index].IsNegative()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "terms: the other lines exceed the total of ", total.ToString(),
        " (the balance would be ", amounts[remainder_index].ToString(), ")"));
  }

  PaymentSchedule schedule{.invoice_date = invoice_date,
                           .total = total,
                           .final_due_date = invoice_date};
  for (size_t i = 0; i < spec.lines.size(); ++i) {
    ScheduledInstalment instalment{.amount = amounts[i]};
    RELANCE_ASSIGN_OR_RETURN(instalment.due_date,
                             LineDueDate(spec.lines[i], invoice_date,
                                         &instalment.unadjusted_due_date));
    RELANCE_ASSIGN_OR_RETURN(
        instalment.discounts,
        ScheduleDiscounts(spec.lines[i].discounts, invoice_date, amounts[i],
                          rounding));
    schedule.final_due_date =
        std::max(schedule.final_due_date, instalment.due_date);
    schedule.instalments.push_back(std::move(instalment));
  }
  RELANCE_ASSIGN_OR_RETURN(
      schedule.discounts,
      ScheduleDiscounts(spec.discounts, invoice_date, total, rounding));
  return schedule;
}

std::string PaymentTerms::ToString() const {
  std::string text;
  for (size_t i = 0; i < spec_->lines.size(); ++i) {
    const InstalmentLine& line = spec_->lines[i];
    if (i > 0) text += ", ";
    switch (line.share) {
      case Share::kBalance:
        text += spec_->lines.size() == 1 ? "100%" : "balance";
        break;
      case Share::kPercent:
        text += line.percent.ToString();
        break;
      case Share::kFixed:
        text += line.fixed->ToString();
        break;
    }
    absl::StrAppend(&text, " ", line.due.ToString());
    if (line.adjustment.has_value()) {
      absl::StrAppend(
          &text, " (",
          std::string(relance::ToString(line.adjustment->convention)), " on ",
          line.adjustment->calendar->code(), ")");
    }
    text += FormatTiers(line.discounts);
  }
  text += FormatTiers(spec_->discounts);
  return text;
}

std::ostream& operator<<(std::ostream& os, const PaymentTerms& terms) {
  return os << terms.ToString();
}

}  // namespace relance
