// relance/date_formula.hpp
// -----------------------------------------------------------------------------
// Date formulas: "30D", "CM+45D", "1M+CM", "D10", "10WD".
//
// A `DateFormula` is a sequence of steps applied left to right, each to the
// result of the previous one, in the notation of Microsoft Dynamics 365
// Business Central's DateFormula (Microsoft Learn, "DateFormula Data Type"),
// extended with business days. Order matters and is never rearranged:
// `30D+CM` (add 30 days, then go to the month end) and `CM+30D` (go to the
// month end, then add 30 days) are different terms.
//
// Steps (n is a whole number 0..99999; letters are case-insensitive; at
// most 32 steps, `kMaxSteps`):
//
//   nD    n calendar days
//   nWD   n business days of a `BusinessCalendar` (see Evaluate); from a
//         non-business day, 1WD is the first business day after it
//   nW    n weeks (7n days)
//   nM    n calendar months, with the formula's month-overflow policy
//   nQ    n quarters (3n months), same policy
//   nY    n years (12n months), same policy
//   CW    end of the current week (weeks run Monday..Sunday, as in Business
//         Central and ISO 8601): the Sunday on or after the date
//   CM    end of the current month; CQ end of the current calendar quarter
//         (31 Mar, 30 Jun, 30 Sep, 31 Dec); CY end of the year (31 Dec)
//   -CW, -CM, -CQ, -CY   start of the current week (Monday), month, quarter,
//         year
//   Dn    the next day numbered n (1..31) of a month, strictly after the
//         date: from 2026-01-05, D10 is 2026-01-10; from 2026-01-10 it is
//         2026-02-10 (never the date itself, as Business Central's
//         positional steps: "in the future or in the past, not today"). In
//         a month shorter than n, its last day stands for day n: from
//         2026-02-10, D31 is 2026-02-28.
//   WDn   the next weekday n (1 = Monday .. 7 = Sunday), strictly after the
//         date: from Wednesday 2026-01-07, WD3 is Wednesday 2026-01-14.
//   -Dn, -WDn   the same, strictly before the date.
//
// Each count step may carry a sign ("-1M", "+10D"); steps are joined by '+'
// or '-'. Spaces around signs and between steps are ignored ("CM + 10D"),
// but not inside a step ("30 D" is an error), and the whole formula may be
// wrapped in Business Central's delimiters: "<CM+10D>". Letters are folded
// as ASCII, whatever the global locale.
//
// Month overflow: 31 Jan + 1M has no 31 Feb. `MonthOverflow::kClamp` (the
// default, as Business Central) gives 28 Feb (29 in leap years);
// `kSpillOver` gives 3 Mar. Independently, `sticky_month_end` keeps month
// ends on month ends: with it, 28 Feb 2026 + 1M is 31 Mar (without it, 28
// Mar), and 30 Apr + 1M is 31 May.
//
// Example:
//
//   absl::StatusOr<DateFormula> f = DateFormula::Parse("30D+CM");
//   f->Evaluate(MakeDate(2026, 1, 15));   // 2026-02-14 -> 2026-02-28
//   f->ToString();                        // "30D+CM"
#ifndef RELANCE_DATE_FORMULA_HPP_
#define RELANCE_DATE_FORMULA_HPP_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/calendar.hpp"
#include "relance/date.hpp"
#include "relance/export.hpp"

namespace relance {

// One step of a formula.
struct FormulaStep {
  enum class Kind {
    kAdd,          // `count` `unit`s (count may be negative)
    kPeriodEnd,    // CW, CM, CQ, CY
    kPeriodStart,  // -CW, -CM, -CQ, -CY
    kDayOfMonth,   // Dn / -Dn: `count` is n (1..31)
    kWeekday,      // WDn / -WDn: `count` is n (1 = Monday .. 7 = Sunday)
  };
  enum class Unit { kDay, kBusinessDay, kWeek, kMonth, kQuarter, kYear };

  Kind kind = Kind::kAdd;
  int count = 0;
  Unit unit = Unit::kDay;  // kAdd: the unit; kPeriodEnd/Start: the period
                           // (kWeek, kMonth, kQuarter or kYear)
  bool backward = false;   // kDayOfMonth, kWeekday: strictly before the date

  friend bool operator==(const FormulaStep&, const FormulaStep&) = default;
};

// How month, quarter and year steps treat days that do not exist.
struct DateFormulaOptions {
  MonthOverflow month_overflow = MonthOverflow::kClamp;
  // A date on the last day of its month stays on the last day of the target
  // month for month, quarter and year steps.
  bool sticky_month_end = false;

  friend bool operator==(const DateFormulaOptions&,
                         const DateFormulaOptions&) = default;
};

class RELANCE_API DateFormula {
 public:
  // The largest count a step may have (99999WD is about 383 years).
  static constexpr int kMaxCount = 99'999;
  // The most steps a formula may have. Real terms use one to five ("CM+1M+
  // D10-2WD"); the bound keeps what a formula may ask, and so the time to
  // evaluate it, small whatever the input: with business days computed year
  // by year (see BusinessCalendar::AddBusinessDays), the worst formula,
  // 32 steps of 99999WD alternating in sign, evaluates in well under a
  // millisecond (benchmarks/date_formula_bench.cpp).
  static constexpr size_t kMaxSteps = 32;

  // Parses the notation above. Errors: kInvalidArgument quoting the text
  // (at most about 80 characters of it, then "...") with the 1-based column
  // of the problem, e.g.
  //   `date formula "30X": at column 3: unknown unit 'X' (expected D, WD, W,
  //   M, Q or Y)`,
  //   `date formula "1D+1D+...": at column 131: more than 32 steps`.
  [[nodiscard]] static absl::StatusOr<DateFormula> Parse(
      std::string_view text, const DateFormulaOptions& options = {});

  // Builds a formula from steps. Fields a step's kind ignores are reset to
  // their defaults, as Parse leaves them (kAdd: backward = false; kPeriodEnd
  // and kPeriodStart: count = 0, backward = false; kDayOfMonth and kWeekday:
  // unit = kDay), so that Parse(ToString()) gives an equal formula.
  // Errors: kInvalidArgument for no steps or more than kMaxSteps, and for a
  // step out of range (day of month outside 1..31, weekday outside 1..7,
  // |count| above kMaxCount, a period step with unit kDay/kBusinessDay),
  // naming its index.
  [[nodiscard]] static absl::StatusOr<DateFormula> FromSteps(
      std::vector<FormulaStep> steps, const DateFormulaOptions& options = {});

  // The identity formula ("0D").
  DateFormula() : steps_{FormulaStep{}} {}

  // Applies the steps to `from`. `calendar` is needed only when a step counts
  // business days (nWD). Never returns a date outside 0001-01-01..9999-12-31.
  // Errors (kInvalidArgument, the input asks for what cannot be answered):
  //   - a business-day step has no calendar;
  //   - `from` lies outside 0001-01-01..9999-12-31;
  //   - the result of a step would lie outside it: `date formula "70000Y"
  //     from 2026-01-15: the date would be after 9999-12-31, ...`; "99999WD"
  //     from 9700-01-01, whose 99999th business day is after 9999-12-31;
  //     "-1WD" from 0001-01-01 ("before 0001-01-01").
  // Cost: a few operations per step, business-day steps included (at most
  // kMaxSteps steps).
  [[nodiscard]] absl::StatusOr<Date> Evaluate(
      Date from, const BusinessCalendar* calendar = nullptr) const;

  // True when some step counts business days and so needs a calendar.
  bool NeedsCalendar() const;

  const std::vector<FormulaStep>& steps() const { return steps_; }
  const DateFormulaOptions& options() const { return options_; }

  // Canonical text: uppercase, no spaces, no delimiters ("CM+45D", "-1M",
  // "D10"). Parse(ToString()) gives an equal formula (with the same options).
  std::string ToString() const;

  friend bool operator==(const DateFormula&, const DateFormula&) = default;

 private:
  DateFormula(std::vector<FormulaStep> steps, DateFormulaOptions options)
      : steps_(std::move(steps)), options_(options) {}

  std::vector<FormulaStep> steps_;
  DateFormulaOptions options_;
};

RELANCE_API std::ostream& operator<<(std::ostream& os,
                                     const DateFormula& formula);

}  // namespace relance

#endif  // RELANCE_DATE_FORMULA_HPP_
