#include "relance/terms.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/allocation.hpp"
#include "relance/internal/enum_names.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

using Share = InstalmentLine::Share;

absl::Status LineError(size_t index, std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("terms: lines[", index, "]: ", std::string(what)));
}

// The calendar that business-day steps of a line's formulas (due date and
// discount deadlines) count on: the line's adjustment calendar, if any.
const BusinessCalendar* LineCalendar(const InstalmentLine& line) {
  return line.adjustment.has_value() ? line.adjustment->calendar.get()
                                     : nullptr;
}

// `missing_calendar` says what to do when a tier counts business days and
// `calendar` is null.
absl::Status ValidateDiscounts(const std::vector<DiscountTier>& tiers,
                               std::string_view path,
                               const BusinessCalendar* calendar,
                               std::string_view missing_calendar) {
  for (size_t i = 0; i < tiers.size(); ++i) {
    const Rate percent = tiers[i].percent;
    if (percent <= Rate() || percent >= Rate::FromPercent(100)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "terms: ", std::string(path), "[", i,
          "].percent: ", percent.ToString(), " is outside (0%, 100%)"));
    }
    if (tiers[i].within.NeedsCalendar() && calendar == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "terms: ", std::string(path), "[", i, "].within: date formula ",
          internal::QuoteForMessage(tiers[i].within.ToString()),
          " counts business days: ", std::string(missing_calendar)));
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
    if (line.cutoff_day.has_value() &&
        (*line.cutoff_day < 1 || *line.cutoff_day > 30)) {
      return LineError(i, absl::StrCat("cut-off day ", *line.cutoff_day,
                                       " is outside 1..30"));
    }
    for (size_t k = 0; k < line.day_limits.size(); ++k) {
      const int day = line.day_limits[k].up_to_day;
      if (day < 1 || day > 31 ||
          (k > 0 && day <= line.day_limits[k - 1].up_to_day)) {
        return LineError(
            i, absl::StrCat("day_limits[", k, "].up_to_day ", day,
                            " must be in 1..31 and above the previous limit"));
      }
      if (line.day_limits[k].due.NeedsCalendar() &&
          !line.adjustment.has_value()) {
        return LineError(i, absl::StrCat("day_limits[", k,
                                         "].due counts business days: give a "
                                         "calendar"));
      }
    }
    if (line.cutoff_day.has_value() && !line.day_limits.empty()) {
      return LineError(i, "a cut-off day and day limits cannot be combined");
    }
    if (line.adjustment.has_value() && line.adjustment->calendar == nullptr) {
      return LineError(i, "a business-day adjustment needs a calendar");
    }
    if (line.due.NeedsCalendar() && !line.adjustment.has_value()) {
      return LineError(
          i, absl::StrCat("due formula ",
                          internal::QuoteForMessage(line.due.ToString()),
                          " counts business days: give a calendar"));
    }
    if (!line.discounts.empty()) {
      line_discounts = true;
      RELANCE_RETURN_IF_ERROR(ValidateDiscounts(
          line.discounts, absl::StrCat("lines[", i, "].discounts"),
          LineCalendar(line), "give the line a business-day adjustment"));
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
  if (spec.discount_base == DiscountBase::kMixed &&
      (line_discounts || spec.discounts.size() > 1)) {
    return absl::InvalidArgumentError(
        "terms: the mixed discount base reduces the invoice's own tax once: "
        "it takes one whole-invoice discount tier");
  }
  return ValidateDiscounts(
      spec.discounts, "discounts", LineCalendar(spec.lines.front()),
      "whole-invoice discounts count on the first line's business-day "
      "adjustment calendar, and it has none");
}

absl::StatusOr<Date> LineDueDate(const InstalmentLine& line, Date invoice_date,
                                 Date* unadjusted) {
  const int day = static_cast<int>(DayOf(invoice_date));
  const DateFormula* formula = &line.due;
  for (const DayLimit& limit : line.day_limits) {
    if (day <= limit.up_to_day) {
      formula = &limit.due;
      break;
    }
  }
  Date from = invoice_date;
  if (line.cutoff_day.has_value() && day > *line.cutoff_day) {
    if (EndOfMonth(invoice_date) >= kMaxDate) {
      return absl::InvalidArgumentError(
          "terms: the month after the invoice date is after 9999-12-31");
    }
    from = EndOfMonth(invoice_date) + Days{1};  // the 1st of the next month
  }
  RELANCE_ASSIGN_OR_RETURN(Date due,
                           formula->Evaluate(from, LineCalendar(line)));
  if (unadjusted != nullptr) *unadjusted = due;
  if (line.adjustment.has_value()) {
    const BusinessCalendar& calendar = *line.adjustment->calendar;
    const BusinessDayConvention convention = line.adjustment->convention;
    const Date adjusted = calendar.Adjust(due, convention);
    // Adjust stops at the ends of the supported dates, which need not be
    // business days: never hand such a date out as a due date.
    if (convention != BusinessDayConvention::kUnadjusted &&
        !calendar.IsBusinessDay(adjusted)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "terms: the due date would be ",
          adjusted >= due ? "after 9999-12-31" : "before 0001-01-01",
          ": no business day of calendar ", calendar.code(), " ",
          adjusted >= due ? "follows " : "precedes ", FormatDate(due)));
    }
    due = adjusted;
  }
  return due;
}

// `calendar` is the one business-day deadlines count on (validated present
// when a tier needs it).
// `base` is what the percentage applies to (`amount`, or its untaxed part).
absl::StatusOr<std::vector<ScheduledDiscount>> ScheduleDiscounts(
    const std::vector<DiscountTier>& tiers, const BusinessCalendar* calendar,
    Date invoice_date, Money amount, Money base, RoundingMode rounding) {
  std::vector<ScheduledDiscount> scheduled;
  for (const DiscountTier& tier : tiers) {
    RELANCE_ASSIGN_OR_RETURN(Date deadline,
                             tier.within.Evaluate(invoice_date, calendar));
    RELANCE_ASSIGN_OR_RETURN(Money discount,
                             MultiplyByRate(base, tier.percent, rounding));
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

constexpr internal::EnumName<EndOfMonthReading> kEndOfMonthReadingNames[] = {
    {EndOfMonthReading::kDaysThenEndOfMonth, "days-then-eom"},
    {EndOfMonthReading::kEndOfMonthThenDays, "eom-then-days"},
};

std::string_view ToString(EndOfMonthReading reading) {
  return internal::NameOf(kEndOfMonthReadingNames, reading);
}

absl::StatusOr<EndOfMonthReading> ParseEndOfMonthReading(
    std::string_view text) {
  return internal::ParseName(kEndOfMonthReadingNames, text,
                             "end-of-month reading");
}

constexpr internal::EnumName<DiscountBase> kDiscountBaseNames[] = {
    {DiscountBase::kTotal, "total"},
    {DiscountBase::kUntaxed, "untaxed"},
    {DiscountBase::kMixed, "mixed"},
};

std::string_view ToString(DiscountBase base) {
  return internal::NameOf(kDiscountBaseNames, base);
}

absl::StatusOr<DiscountBase> ParseDiscountBase(std::string_view text) {
  return internal::ParseName(kDiscountBaseNames, text, "discount base");
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

absl::StatusOr<PaymentSchedule> PaymentTerms::Schedule(
    Date invoice_date, Money total, std::optional<Money> tax) const {
  const TermsSpec& spec = *spec_;
  if (tax.has_value()) {
    if (!(tax->currency() == total.currency())) {
      return absl::InvalidArgumentError(absl::StrCat(
          "terms: the tax ", tax->ToString(),
          " is not in the invoice's currency ", total.currency().ToString()));
    }
    if ((total.IsNegative() && tax->IsPositive()) ||
        (!total.IsNegative() && tax->IsNegative()) ||
        tax->Abs().minor_units() > total.Abs().minor_units()) {
      return absl::InvalidArgumentError(
          absl::StrCat("terms: the tax ", tax->ToString(),
                       " must have the sign of the total ", total.ToString(),
                       " and not exceed it"));
    }
  }
  const bool has_discounts =
      !spec.discounts.empty() ||
      std::any_of(spec.lines.begin(), spec.lines.end(),
                  [](const InstalmentLine& l) { return !l.discounts.empty(); });
  if (spec.discount_base != DiscountBase::kTotal && has_discounts &&
      !tax.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("terms: discounts on the ",
                     std::string(relance::ToString(spec.discount_base)),
                     " base need the invoice's tax amount"));
  }
  // A credit note is the mirror image of the invoice of the opposite total:
  // every amount is computed on the magnitude and negated at the end.
  const bool negative = total.IsNegative();
  RELANCE_ASSIGN_OR_RETURN(
      PaymentSchedule schedule,
      ScheduleMagnitude(
          invoice_date, total.Abs(),
          tax.has_value() ? std::optional(tax->Abs()) : std::nullopt));
  schedule.total = total;
  if (negative) {
    auto negate = [](Money& m) { m = m.Negated(); };
    auto negate_discounts = [&](std::vector<ScheduledDiscount>& discounts) {
      for (ScheduledDiscount& d : discounts) {
        negate(d.discount);
        negate(d.net_payable);
      }
    };
    for (ScheduledInstalment& instalment : schedule.instalments) {
      negate(instalment.amount);
      negate_discounts(instalment.discounts);
    }
    negate_discounts(schedule.discounts);
    if (schedule.tax_reduction.has_value()) negate(*schedule.tax_reduction);
    if (!spec.discounts_on_credit_notes) {
      schedule.discounts.clear();
      for (ScheduledInstalment& instalment : schedule.instalments) {
        instalment.discounts.clear();
      }
    }
  }
  return schedule;
}

absl::StatusOr<PaymentSchedule> PaymentTerms::ScheduleMagnitude(
    Date invoice_date, Money total, std::optional<Money> tax) const {
  const TermsSpec& spec = *spec_;
  const RoundingMode rounding = spec.rounding;
  const bool zero = total.IsZero();
  // Odoo 'mixed': the invoice's tax is computed on the discounted base, so
  // what is owed is the total minus that reduction.
  if (spec.discount_base == DiscountBase::kMixed && !spec.discounts.empty()) {
    RELANCE_ASSIGN_OR_RETURN(
        Money reduction,
        MultiplyByRate(*tax, spec.discounts.front().percent, rounding));
    RELANCE_ASSIGN_OR_RETURN(total, Subtract(total, reduction));
    RELANCE_ASSIGN_OR_RETURN(Money reduced_tax, Subtract(*tax, reduction));
    tax = reduced_tax;
    RELANCE_ASSIGN_OR_RETURN(PaymentSchedule schedule,
                             ScheduleAmounts(invoice_date, total, tax, zero));
    schedule.tax_reduction = reduction;
    return schedule;
  }
  return ScheduleAmounts(invoice_date, total, tax, zero);
}

absl::StatusOr<PaymentSchedule> PaymentTerms::ScheduleAmounts(
    Date invoice_date, Money total, std::optional<Money> tax, bool zero) const {
  const TermsSpec& spec = *spec_;
  const RoundingMode rounding = spec.rounding;
  // Fixed lines keep their amounts; percentage lines share one portion,
  // total x (sum of their percentages) rounded once; the balance line takes
  // what is left. `total` is not negative here.
  std::vector<Money> amounts(spec.lines.size(), Money::Zero(total.currency()));
  Money fixed_sum = Money::Zero(total.currency());
  Rate percent_sum;
  std::vector<size_t> percent_lines;
  std::vector<int64_t> weights;
  std::optional<size_t> balance_index;
  for (size_t i = 0; i < spec.lines.size(); ++i) {
    const InstalmentLine& line = spec.lines[i];
    switch (line.share) {
      case Share::kBalance:
        balance_index = i;
        break;
      case Share::kPercent:
        percent_sum = percent_sum + line.percent;
        percent_lines.push_back(i);
        weights.push_back(line.percent.parts_per_billion());
        break;
      case Share::kFixed:
        if (!(line.fixed->currency() == total.currency())) {
          return absl::InvalidArgumentError(absl::StrCat(
              "terms: lines[", i, "] is fixed at ", line.fixed->ToString(),
              " but the invoice is in ", total.currency().ToString()));
        }
        if (zero) break;  // nothing is owed on an invoice of nothing
        amounts[i] = *line.fixed;
        RELANCE_ASSIGN_OR_RETURN(fixed_sum, Add(fixed_sum, *line.fixed));
        break;
    }
  }
  // The percentage portion: exactly the total when the percentages add up to
  // 100 % (validation guarantees it when there is no balance line).
  Money percent_portion = Money::Zero(total.currency());
  if (!percent_lines.empty()) {
    RELANCE_ASSIGN_OR_RETURN(percent_portion,
                             MultiplyByRate(total, percent_sum, rounding));
    RELANCE_ASSIGN_OR_RETURN(std::vector<Money> shares,
                             AllocateByWeights(percent_portion, weights));
    for (size_t k = 0; k < percent_lines.size(); ++k) {
      amounts[percent_lines[k]] = shares[k];
    }
  }
  if (balance_index.has_value()) {
    RELANCE_ASSIGN_OR_RETURN(Money rest, Subtract(total, percent_portion));
    RELANCE_ASSIGN_OR_RETURN(Money balance, Subtract(rest, fixed_sum));
    if (balance.IsNegative()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "terms: the other lines exceed the total of ", total.ToString(),
          " (the balance would be ", balance.ToString(), ")"));
    }
    amounts[*balance_index] = balance;
  }

  PaymentSchedule schedule{.invoice_date = invoice_date,
                           .total = total,
                           .final_due_date = invoice_date};
  for (size_t i = 0; i < spec.lines.size(); ++i) {
    ScheduledInstalment instalment{.amount = amounts[i]};
    RELANCE_ASSIGN_OR_RETURN(instalment.due_date,
                             LineDueDate(spec.lines[i], invoice_date,
                                         &instalment.unadjusted_due_date));
    RELANCE_ASSIGN_OR_RETURN(Money base,
                             DiscountBaseOf(amounts[i], total, tax));
    RELANCE_ASSIGN_OR_RETURN(
        instalment.discounts,
        ScheduleDiscounts(spec.lines[i].discounts, LineCalendar(spec.lines[i]),
                          invoice_date, amounts[i], base, rounding));
    schedule.final_due_date =
        std::max(schedule.final_due_date, instalment.due_date);
    schedule.instalments.push_back(std::move(instalment));
  }
  RELANCE_ASSIGN_OR_RETURN(Money base, DiscountBaseOf(total, total, tax));
  RELANCE_ASSIGN_OR_RETURN(
      schedule.discounts,
      ScheduleDiscounts(spec.discounts, LineCalendar(spec.lines.front()),
                        invoice_date, total, base, rounding));
  return schedule;
}

absl::StatusOr<Money> PaymentTerms::DiscountBaseOf(
    Money amount, Money total, std::optional<Money> tax) const {
  if (spec_->discount_base == DiscountBase::kTotal || !tax.has_value() ||
      total.IsZero()) {
    return amount;
  }
  // The tax included in `amount`: its share of the invoice's tax.
  RELANCE_ASSIGN_OR_RETURN(
      Money amount_tax, MultiplyByRatio(*tax, amount.minor_units(),
                                        total.minor_units(), spec_->rounding));
  return Subtract(amount, amount_tax);
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
    for (const DayLimit& limit : line.day_limits) {
      absl::StrAppend(&text, " (invoices to day ", limit.up_to_day, ": ",
                      limit.due.ToString(), ")");
    }
    if (line.cutoff_day.has_value()) {
      absl::StrAppend(&text, " cut-off ", *line.cutoff_day);
    }
    if (line.adjustment.has_value()) {
      absl::StrAppend(
          &text, " (",
          std::string(relance::ToString(line.adjustment->convention)), " on ",
          line.adjustment->calendar->code(), ")");
    }
    text += FormatTiers(line.discounts);
  }
  text += FormatTiers(spec_->discounts);
  if (spec_->discount_base != DiscountBase::kTotal) {
    absl::StrAppend(&text, "; discount base ",
                    std::string(relance::ToString(spec_->discount_base)));
  }
  return text;
}

std::ostream& operator<<(std::ostream& os, const PaymentTerms& terms) {
  return os << terms.ToString();
}

}  // namespace relance
