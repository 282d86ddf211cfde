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
//     deadline), on the whole invoice or on one instalment, taken on the
//     total, on the untaxed amount, or Odoo's "mixed" way (DiscountBase).
//   - Per line, a cut-off day ("10th proximo, cut-off 25") or SAP-style day
//     limits choosing the due formula by the invoice's day of month.
//   - Credit notes (negative totals) mirror invoices; see Schedule.
//
// Other systems' stored terms (Odoo, ERPNext, Tryton, Business Central,
// SAP) are imported by relance/terms_import.hpp.
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
//   paiement à 30 jours | due in 30 days | payable within 30 days   30D
//   Paiement à 45 jours fin de mois | Due within 30 days EOM   (lead-ins)
//   net 30 days EOM | 30 days EOM                                    CM+30D
//   10th of next month | 15 MFI | 10th prox | le 10 du mois suivant  CM+D10
//   fin de mois 45 jours | fin de mois + 45 jours                    CM+45D
//   30 jours fin de mois | 45 jours fin de mois       by EndOfMonthReading
//   30 jours fin de mois le 10       30D+CM+D10 (or CM+30D-1D+D10, by reading)
//   <any due date> cutoff 25 | cut-off 25        with a cut-off day (1..30)
//   2/10 net 30 | 1/10 2/5 net 30             discount tiers, then the due date
//   2/10 EOM net 30 | 2/10 net 30 EOM   2% until CM+10D, due CM+30D (the AMA's
//                                       EOM dating: both periods from EOM)
//   escompte 2% à 10 jours | 2% discount within 10 days      a discount tier
//   30% now, 70% net 60                       percentage instalments (sum 100)
//   CM+45D | <30D+CM>                         a raw DateFormula
//
// Lead-ins: "paiement à", "payable à", "règlement à", "à", "paiement sous",
// "payable sous", "règlement sous" or "sous" before any "N jours ..."
// phrase; "paiement", "payable" or "règlement" before "à réception ...";
// "due in", "due within", "payable in", "payable within", "payment in",
// "payment within", "payment due in" or "payment due within" before any
// "N days ..." phrase; "payment" or "payable" before "on/upon receipt". As
// invoices print their terms (EN 16931 BT-20), they change nothing:
// "Règlement à 60 jours date de facture" is "60 jours date de facture"
// (60D), "Paiement à 30 jours fin de mois le 10" is "30 jours fin de mois le
// 10". A lead-in's à, è and é may be written a, e ("REGLEMENT A"); one
// lead-in, only before those phrases ("Paiement sous 30 jours bientôt",
// "Paiement à fin de mois 45 jours" and "Due within 30 jours" are refused).
//
// Before matching, tabs, U+00A0, U+202F and U+2009 become spaces and Latin
// letters with combining accents (NFD) are composed ("e" U+0301 is "é").
// Text written like a formula ("D32") reports the formula's own error.
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
#include "relance/export.hpp"
#include "relance/money.hpp"
#include "relance/rate.hpp"
#include "relance/rounding.hpp"

namespace relance {

enum class TermsSystem;  // relance/terms_import.hpp

// Which reading of "N jours fin de mois" / "N days end of month" to use.
enum class EndOfMonthReading {
  kDaysThenEndOfMonth,  // invoice date + N days, then the end of that month
  kEndOfMonthThenDays,  // end of the invoice month, then + N days
};
// "days-then-eom", "eom-then-days".
[[nodiscard]] RELANCE_API std::string_view ToString(EndOfMonthReading reading);
[[nodiscard]] RELANCE_API absl::StatusOr<EndOfMonthReading>
ParseEndOfMonthReading(std::string_view text);

// Moves a computed due date onto a business day.
struct BusinessDayAdjustment {
  std::shared_ptr<const BusinessCalendar> calendar = {};  // required
  BusinessDayConvention convention = BusinessDayConvention::kFollowing;
};

// What an early-payment discount percentage applies to. Sources:
// Odoo 17 account.payment.term `early_pay_discount_computation` ('included',
// 'excluded', 'mixed'); Business Central General Ledger Setup "Pmt. Disc.
// Excl. VAT" (Microsoft Learn: "the payment discount is calculated based on
// amounts including or excluding VAT"); SAP company code setting "cash
// discount base is net value"; XRechnung / ZUGFeRD, where the discount terms
// carry their own base amount (#SKONTO#...#BASISBETRAG=...#).
enum class DiscountBase {
  // The total, tax included (Odoo 'included', Business Central by default):
  // invoice 1725.00 (1500.00 + 15 % tax), 10 %: 172.50 off.
  kTotal,
  // The untaxed amount, total - tax (Odoo 'excluded', Business Central with
  // Pmt. Disc. Excl. VAT, SAP net base): 1150.00 with 150.00 tax, 10 %:
  // 100.00 off, pay 1050.00.
  kUntaxed,
  // Odoo 'mixed' (Belgium): the discount is taken on the untaxed amount, and
  // the invoice's own tax is computed on the discounted base whether or not
  // the customer pays early. Given the total and tax before that reduction
  // (1100.00 with 100.00 tax, 10 %), the tax falls by 10 % of 100.00 (the
  // schedule's `tax_reduction`, 10.00), the instalments share 1090.00, and
  // paying early takes 100.00 off: 990.00. One whole-invoice tier only.
  kMixed,
};
// "total", "untaxed", "mixed".
[[nodiscard]] RELANCE_API std::string_view ToString(DiscountBase base);
[[nodiscard]] RELANCE_API absl::StatusOr<DiscountBase> ParseDiscountBase(
    std::string_view text);

// An early-payment discount: `percent` off if paid on or before the date
// `within` gives from the invoice date. The deadline is not adjusted to a
// business day. A `within` counting business days (nWD) counts on the
// line's adjustment calendar; for whole-invoice tiers, on the first line's.
struct DiscountTier {
  Rate percent = {};
  DateFormula within = {};
};

// A due-date rule chosen by the day of the invoice date (SAP's "day limits",
// transaction OBB8): an invoice dated on day 1..`up_to_day` of its month
// takes `due`.
struct DayLimit {
  int up_to_day = 31;  // 1..31
  DateFormula due = {};
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
  // Cut-off day (1..30): an invoice dated after this day of its month is
  // treated as dated on the first day of the next month, so that "10th
  // proximo, cut-off 25" makes 2026-01-25 due 2026-02-10 and 2026-01-26 due
  // 2026-03-10 (NetSuite and Zuora "proximo" terms with a cut-off; SAP day
  // limits with the same rule a month apart). Applies to the due date only.
  std::optional<int> cutoff_day = {};
  // Day limits, in increasing `up_to_day`: the first limit at or above the
  // invoice's day of month gives the due formula; days beyond the last limit
  // take `due`. Applied before the cut-off day (they cannot be combined).
  std::vector<DayLimit> day_limits = {};
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
  // What discount percentages apply to (see DiscountBase). kUntaxed and
  // kMixed need the invoice's tax amount in Schedule.
  DiscountBase discount_base = DiscountBase::kTotal;
  // False: a credit note (negative total) gets no discount (Business
  // Central's "Calc. Pmt. Disc. on Cr. Memos" cleared).
  bool discounts_on_credit_notes = true;
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
  DiscountBase discount_base = DiscountBase::kTotal;
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
  // DiscountBase::kMixed only: how much the invoice's tax falls because it is
  // computed on the discounted base; the instalments sum to total minus it.
  std::optional<Money> tax_reduction = {};
};

class RELANCE_API PaymentTerms {
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

  // Another system's stored terms (Odoo, ERPNext, Tryton, Business Central,
  // SAP): the same as ImportTerms in relance/terms_import.hpp, which
  // documents the formats and errors.
  [[nodiscard]] static absl::StatusOr<PaymentTerms> FromSystem(
      TermsSystem system, std::string_view json_text,
      const TermsParseOptions& options = {},
      std::optional<Currency> currency = std::nullopt);

  // The schedule for an invoice of `total` issued on `invoice_date`; `tax`
  // is the tax included in the total (needed when discounts apply to the
  // untaxed amount; ignored otherwise).
  //
  // Credit notes: a negative total is scheduled as the mirror image of the
  // positive one (every amount negated: same dates, fixed lines take the
  // total's sign as in Tryton, discounts negative), so rounding never
  // depends on the sign. A zero total gives one zero instalment per line and
  // zero discounts: nothing is owed, but the dates of the terms stay visible
  // and the number of instalments does not depend on the amount (fixed lines
  // are zero too: a fixed sum cannot be owed on an invoice of nothing).
  //
  // Errors: kInvalidArgument when a fixed line's currency differs from the
  // total's, when fixed lines exceed the total in size, when the tax is in
  // another currency, has the opposite sign of the total or exceeds it, when
  // the discount base needs the tax and none is given, and when a date would
  // leave 0001-01-01..9999-12-31 (a formula's result, or a business-day
  // adjustment that finds no business day before that range ends).
  [[nodiscard]] absl::StatusOr<PaymentSchedule> Schedule(
      Date invoice_date, Money total,
      std::optional<Money> tax = std::nullopt) const;

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

  // Schedule for a total and tax that are not negative.
  absl::StatusOr<PaymentSchedule> ScheduleMagnitude(
      Date invoice_date, Money total, std::optional<Money> tax) const;
  // After the mixed base's tax reduction; `zero`: the invoice is of nothing.
  absl::StatusOr<PaymentSchedule> ScheduleAmounts(Date invoice_date,
                                                  Money total,
                                                  std::optional<Money> tax,
                                                  bool zero) const;
  // The untaxed part of `amount` (a share of `total`) or `amount` itself.
  absl::StatusOr<Money> DiscountBaseOf(Money amount, Money total,
                                       std::optional<Money> tax) const;

  std::shared_ptr<const TermsSpec> spec_;
};

RELANCE_API std::ostream& operator<<(std::ostream& os,
                                     const PaymentTerms& terms);

}  // namespace relance

#endif  // RELANCE_TERMS_HPP_
