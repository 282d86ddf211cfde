// relance/terms.hpp
// -----------------------------------------------------------------------------
// Payment terms: when each part of an invoice is due, and what paying early
// saves.
//
// `PaymentTerms` are compiled once (from text, JSON or a `TermsSpec`) and then
// evaluated for any invoice: `Schedule(invoice_date, total)` gives each
// instalment's due date and exact amount, and each early-payment discount's
// deadline and amount. Terms are immutable and safe to share between threads.
//
// Model:
//   - One or more instalment lines. Each is a percentage of the total, a fixed
//     amount, or the balance (what the other lines leave); each has a due-date
//     `DateFormula` applied to the invoice date, and optionally a business-day
//     adjustment (a calendar and a convention) applied after the formula.
//   - Early-payment discount tiers (a percentage if paid within a formula's
//     deadline), on the whole invoice or on one instalment.
//
// Amounts are exact, and the instalments always sum exactly to the total:
//   1. Fixed lines keep their amounts.
//   2. The percentage lines together get P = total x (the sum of their
//      percentages), rounded once with the terms' `RoundingMode`; P is the
//      total itself when they add up to 100 %.
//   3. P is split among the percentage lines in proportion to their
//      percentages by the largest-remainder method (`AllocateByWeights` in
//      relance/allocation.hpp): each line differs from its exact share by
//      less than one minor unit, and none has the opposite sign of the
//      total (a credit note's lines are all negative or zero).
//   4. The balance line, if any, gets total - P - the fixed amounts.
// Five lines of 20 % of 0.03 EUR: P = 0.03, exact shares 0.006 each, so
// 0.01, 0.01, 0.01, 0.00, 0.00 (equal remainders go to the earlier lines).
// "30% now, net 60" of 0.05 EUR: P = 1.5 cents, 0.02 (half away from zero)
// and a balance of 0.03. Discounts are rounded with the same mode.
//
// Text notation (`PaymentTerms::Parse`), clauses separated by ',' or ';':
//
//   due on receipt | on receipt | now | à réception | comptant     0D
//   net 30 | 30 days | 30 jours | 30 jours date de facture          30D
//   net 30 EOM | EOM 30 | 30 EOM                                     CM+30D
//   10th of next month | 15 MFI | 10th prox | le 10 du mois suivant  CM+D10
//   fin de mois 45 jours | fin de mois + 45 jours                    CM+45D
//   30 jours fin de mois | 45 jours fin de mois       by EndOfMonthReading
//   2/10 net 30 | 1/10 2/5 net 30             discount tiers, then the due date
//   escompte 2% à 10 jours | 2% discount within 10 days      a discount tier
//   30% now, 70% net 60                       percentage instalments (sum 100)
//   CM+45D | <30D+CM>                         a raw DateFormula
//
// "N jours fin de mois" has two readings in practice and in commentary on
// Code de commerce L441-10: add N days then go to the month end
// (`kDaysThenEndOfMonth`, the default: 30D+CM), or go to the month end then
// add N days (`kEndOfMonthThenDays`: CM+30D). The parser takes the reading as
// an option and records which one it used; it never guesses.
//
// Example:
//
//   absl::StatusOr<PaymentTerms> terms = PaymentTerms::Parse("2/10 net 30");
//   absl::StatusOr<PaymentSchedule> schedule = terms->Schedule(
//       MakeDate(2026, 1, 31), *Money::Parse("1000.00 EUR"));
//   // instalments[0]: due 2026-03-02, 1000.00 EUR
//   // discounts[0]:   2% until 2026-02-10, 20.00 EUR off
#ifndef RELANCE_TERMS_HPP_
#define RELANCE_TERMS_HPP_

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/calendar.hpp"
#include "relance/date.hpp"
#include "relance/date_formula.hpp"
#include "relance/money.hpp"
#include "relance/rate.hpp"
#include "relance/rounding.hpp"

namespace relance {

// Which reading of "N jours fin de mois" / "N days end of month" to use.
enum class EndOfMonthReading {
  kDaysThenEndOfMonth,  // invoice date + N days, then the end of that month
  kEndOfMonthThenDays,  // end of the invoice month, then + N days
};
// "days-then-eom", "eom-then-days".
[[nodiscard]] std::string_view ToString(EndOfMonthReading reading);
[[nodiscard]] absl::StatusOr<EndOfMonthReading> ParseEndOfMonthReading(
    std::string_view text);

// Moves a computed due date onto a business day.
struct BusinessDayAdjustment {
  std::shared_ptr<const BusinessCalendar> calendar = {};  // required
  BusinessDayConvention convention = BusinessDayConvention::kFollowing;
};

// An early-payment discount: `percent` off if paid on or before the date
// `within` gives from the invoice date. The deadline is not adjusted to a
// business day. A `within` counting business days (nWD) counts on the
// line's adjustment calendar; for whole-invoice tiers, on the first line's.
struct DiscountTier {
  Rate percent = {};
  DateFormula within = {};
};

// One instalment line.
struct InstalmentLine {
  enum class Share {
    kPercent,  // `percent` of the total
    kFixed,    // `fixed` (in the invoice's currency)
    kBalance,  // the total minus every other line
  };
  Share share = Share::kBalance;
  Rate percent = {};                // kPercent: > 0 and <= 100 %
  std::optional<Money> fixed = {};  // kFixed: > 0
  DateFormula due = {};             // applied to the invoice date
  std::optional<BusinessDayAdjustment> adjustment = {};
  std::vector<DiscountTier> discounts = {};  // on this instalment only
};

// Everything terms are made of; validated by `PaymentTerms::Create`.
struct TermsSpec {
  std::vector<InstalmentLine> lines = {};
  // Discount tiers on the whole invoice (not allowed together with
  // per-instalment discounts).
  std::vector<DiscountTier> discounts = {};
  RoundingMode rounding = RoundingMode::kHalfAwayFromZero;
  // Set by the text parser when it applied an end-of-month reading.
  std::optional<EndOfMonthReading> end_of_month_reading = {};
  // The text the terms were parsed from, if any (kept for display).
  std::string source_text = {};
};

// Options of the text and JSON parsers.
struct TermsParseOptions {
  EndOfMonthReading end_of_month_reading =
      EndOfMonthReading::kDaysThenEndOfMonth;
  DateFormulaOptions formula_options = {};
  RoundingMode rounding = RoundingMode::kHalfAwayFromZero;
  // If set, every line's due date is adjusted on this calendar.
  std::optional<BusinessDayAdjustment> adjustment = {};
};

// A discount offered on a schedule.
struct ScheduledDiscount {
  Rate percent = {};
  Date deadline = {};  // pay on or before this date
  Money discount;      // the amount taken off
  Money net_payable;   // what is paid instead of the full amount
};

struct ScheduledInstalment {
  Date due_date = {};
  Money amount;
  // The due date the formula gave, before any business-day adjustment.
  Date unadjusted_due_date = {};
  std::vector<ScheduledDiscount> discounts = {};
};

// The result of applying terms to one invoice.
struct PaymentSchedule {
  Date invoice_date = {};
  Money total;
  std::vector<ScheduledInstalment> instalments = {};  // in line order
  std::vector<ScheduledDiscount> discounts = {};      // on the whole invoice
  // The latest due date of all instalments.
  Date final_due_date = {};
};

class PaymentTerms {
 public:
  // Validates and compiles. Errors (kInvalidArgument, naming the line):
  // no line; more than one balance line; percentages that do not add up to
  // 100 % when there is no balance line (or that exceed 100 % with one); a
  // fixed line without a balance line; a percentage outside (0, 100 %]; a
  // non-positive fixed amount; fixed amounts in different currencies; a
  // discount percentage outside (0, 100 %); discounts both on the whole and
  // on instalments; an adjustment without a calendar; a business-day formula
  // without an adjustment calendar, whether a line's due date or a discount
  // tier's `within` (a line's tiers need that line's calendar, whole-invoice
  // tiers the first line's).
  [[nodiscard]] static absl::StatusOr<PaymentTerms> Create(TermsSpec spec);

  // Parses the text notation above. Errors: kInvalidArgument quoting the
  // text and naming the column of the clause that was not understood.
  [[nodiscard]] static absl::StatusOr<PaymentTerms> Parse(
      std::string_view text, const TermsParseOptions& options = {});

  // Parses the JSON form (docs/terms.md): either {"text": "2/10 net 30"} or
  // {"lines": [...], "discounts": [...], "rounding": "...", ...}.
  // Errors: kInvalidArgument with the JSON path; kNotFound for an unknown
  // calendar code.
  [[nodiscard]] static absl::StatusOr<PaymentTerms> FromJson(
      std::string_view json_text, const TermsParseOptions& options = {});

  // The schedule for an invoice of `total` issued on `invoice_date`.
  // Errors: kInvalidArgument when a fixed line's currency differs from the
  // total's, when fixed lines exceed the total, or when the total is not
  // positive and there are fixed lines, and when a date would leave
  // 0001-01-01..9999-12-31 (a formula's result, or a business-day
  // adjustment that finds no business day before that range ends).
  [[nodiscard]] absl::StatusOr<PaymentSchedule> Schedule(Date invoice_date,
                                                         Money total) const;

  // The due date of each line for an invoice date (no amounts), in line
  // order. Errors as Schedule for dates.
  [[nodiscard]] absl::StatusOr<std::vector<Date>> DueDates(
      Date invoice_date) const;

  const TermsSpec& spec() const { return *spec_; }

  // A readable normal form: "100% CM+30D; discount 2.00% within 10D".
  std::string ToString() const;

 private:
  explicit PaymentTerms(std::shared_ptr<const TermsSpec> spec)
      : spec_(std::move(spec)) {}

  std::shared_ptr<const TermsSpec> spec_;
};

std::ostream& operator<<(std::ostream& os, const PaymentTerms& terms);

}  // namespace relance

#endif  // RELANCE_TERMS_HPP_
