#include "relance/date_formula.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/quote.hpp"

namespace relance {
namespace {

using Kind = FormulaStep::Kind;
using Unit = FormulaStep::Unit;

// ASCII only, whatever the global locale (std::toupper depends on it).
char Upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ISO weekday: 1 = Monday .. 7 = Sunday.
int IsoWeekday(Date date) {
  return static_cast<int>(WeekdayOf(date).iso_encoding());
}

std::string_view UnitLetters(Unit unit) {
  switch (unit) {
    case Unit::kDay:
      return "D";
    case Unit::kBusinessDay:
      return "WD";
    case Unit::kWeek:
      return "W";
    case Unit::kMonth:
      return "M";
    case Unit::kQuarter:
      return "Q";
    case Unit::kYear:
      return "Y";
  }
  return "?";
}

bool IsPeriod(Unit unit) {
  return unit == Unit::kWeek || unit == Unit::kMonth ||
         unit == Unit::kQuarter || unit == Unit::kYear;
}

// A recursive-descent reader over the formula text that keeps the position
// for error messages.
class FormulaParser {
 public:
  explicit FormulaParser(std::string_view text) : text_(text) {}

  absl::StatusOr<std::vector<FormulaStep>> Parse() {
    SkipSpaces();
    const bool delimited = Peek() == '<';
    if (delimited) {
      ++position_;
      SkipSpaces();
    }
    std::vector<FormulaStep> steps;
    while (true) {
      SkipSpaces();
      if (AtEnd() || (delimited && Peek() == '>')) {
        if (steps.empty()) return Error("expected a step such as 30D or CM");
        return Error("expected a step after the sign");
      }
      if (steps.size() == DateFormula::kMaxSteps) {
        return Error(
            absl::StrCat("more than ", DateFormula::kMaxSteps, " steps"));
      }
      bool negative = false;
      if (Peek() == '+' || Peek() == '-') {
        negative = Peek() == '-';
        ++position_;
        SkipSpaces();
      } else if (!steps.empty()) {
        return Error(absl::StrCat("expected '+' or '-' between steps, got ",
                                  Describe(Peek())));
      }
      absl::StatusOr<FormulaStep> step = ParseStep(negative);
      if (!step.ok()) return step.status();
      steps.push_back(*step);
      SkipSpaces();
      if (delimited && Peek() == '>') {
        ++position_;
        SkipSpaces();
        if (!AtEnd()) return Error("unexpected text after '>'");
        return steps;
      }
      if (AtEnd()) {
        if (delimited) return Error("missing closing '>'");
        return steps;
      }
      if (Peek() != '+' && Peek() != '-') {
        return Error(absl::StrCat("expected '+' or '-' between steps, got ",
                                  Describe(Peek())));
      }
    }
  }

 private:
  absl::StatusOr<FormulaStep> ParseStep(bool negative) {
    if (AtEnd()) return Error("expected a step after the sign");
    if (IsDigit(Peek())) {
      const size_t number_start = position_;
      absl::StatusOr<int> count = ReadNumber();
      if (!count.ok()) return count.status();
      absl::StatusOr<Unit> unit = ReadUnit(number_start);
      if (!unit.ok()) return unit.status();
      return FormulaStep{.kind = Kind::kAdd,
                         .count = negative ? -*count : *count,
                         .unit = *unit};
    }
    const char letter = Upper(Peek());
    if (letter == 'C') {
      ++position_;
      const char period = AtEnd() ? '\0' : Upper(Peek());
      Unit unit;
      switch (period) {
        case 'W':
          unit = Unit::kWeek;
          break;
        case 'M':
          unit = Unit::kMonth;
          break;
        case 'Q':
          unit = Unit::kQuarter;
          break;
        case 'Y':
          unit = Unit::kYear;
          break;
        default:
          return Error("expected W, M, Q or Y after C (CW, CM, CQ, CY)");
      }
      ++position_;
      return FormulaStep{
          .kind = negative ? Kind::kPeriodStart : Kind::kPeriodEnd,
          .unit = unit};
    }
    if (letter == 'D' || (letter == 'W' && position_ + 1 < text_.size() &&
                          Upper(text_[position_ + 1]) == 'D')) {
      const bool weekday = letter == 'W';
      position_ += weekday ? 2 : 1;
      const size_t number_position = position_;
      if (AtEnd() || !IsDigit(Peek())) {
        return Error(weekday ? "expected a weekday number 1..7 after WD"
                             : "expected a day number 1..31 after D");
      }
      absl::StatusOr<int> number = ReadNumber();
      if (!number.ok()) return number.status();
      const int highest = weekday ? 7 : 31;
      if (*number < 1 || *number > highest) {
        return ErrorAt(number_position,
                       absl::StrCat(weekday ? "weekday " : "day ", *number,
                                    " is outside 1..", highest));
      }
      return FormulaStep{.kind = weekday ? Kind::kWeekday : Kind::kDayOfMonth,
                         .count = *number,
                         .backward = negative};
    }
    return Error(absl::StrCat(
        "expected a step (nD, nWD, nW, nM, nQ, nY, CW/CM/CQ/CY, Dn or WDn), "
        "got ",
        Describe(Peek())));
  }

  absl::StatusOr<int> ReadNumber() {
    const size_t start = position_;
    int64_t value = 0;
    while (!AtEnd() && IsDigit(Peek())) {
      value = value * 10 + (Peek() - '0');
      ++position_;
      if (value > DateFormula::kMaxCount) {
        return ErrorAt(start, absl::StrCat("number too large (at most ",
                                           DateFormula::kMaxCount, ")"));
      }
    }
    return static_cast<int>(value);
  }

  absl::StatusOr<Unit> ReadUnit(size_t number_start) {
    if (AtEnd()) {
      return ErrorAt(number_start,
                     "a number needs a unit (D, WD, W, M, Q or Y)");
    }
    const char first = Upper(Peek());
    const bool second_is_d =
        position_ + 1 < text_.size() && Upper(text_[position_ + 1]) == 'D';
    if (first == 'W' && second_is_d) {
      position_ += 2;
      return Unit::kBusinessDay;
    }
    ++position_;
    switch (first) {
      case 'D':
        return Unit::kDay;
      case 'W':
        return Unit::kWeek;
      case 'M':
        return Unit::kMonth;
      case 'Q':
        return Unit::kQuarter;
      case 'Y':
        return Unit::kYear;
      default:
        --position_;
        return Error(absl::StrCat("unknown unit ", Describe(first),
                                  " (expected D, WD, W, M, Q or Y)"));
    }
  }

  static std::string Describe(char c) {
    return internal::DescribeByteForMessage(c);
  }
  bool AtEnd() const { return position_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[position_]; }
  void SkipSpaces() {
    while (!AtEnd() && Peek() == ' ') ++position_;
  }
  absl::Status Error(std::string_view what) const {
    return ErrorAt(position_, what);
  }
  absl::Status ErrorAt(size_t position, std::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat("date formula ", internal::QuoteForMessage(text_),
                     ": at column ", position + 1, ": ", std::string(what)));
  }

  std::string_view text_;
  size_t position_ = 0;
};

absl::Status ValidateStep(const FormulaStep& step, size_t index) {
  auto error = [&](std::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat("date formula: step [", index, "]: ", std::string(what)));
  };
  switch (step.kind) {
    case Kind::kAdd:
      if (step.count > DateFormula::kMaxCount ||
          step.count < -DateFormula::kMaxCount) {
        return error(absl::StrCat("count ", step.count, " beyond +-",
                                  DateFormula::kMaxCount));
      }
      return absl::OkStatus();
    case Kind::kPeriodEnd:
    case Kind::kPeriodStart:
      if (!IsPeriod(step.unit)) {
        return error("a period step needs week, month, quarter or year");
      }
      return absl::OkStatus();
    case Kind::kDayOfMonth:
      if (step.count < 1 || step.count > 31) {
        return error(absl::StrCat("day ", step.count, " is outside 1..31"));
      }
      return absl::OkStatus();
    case Kind::kWeekday:
      if (step.count < 1 || step.count > 7) {
        return error(absl::StrCat("weekday ", step.count, " is outside 1..7"));
      }
      return absl::OkStatus();
  }
  return error("unknown step kind");
}

// Clears the fields `step`'s kind ignores, as Parse leaves them, so that
// equal text means equal steps.
void NormaliseStep(FormulaStep& step) {
  switch (step.kind) {
    case Kind::kAdd:
      step.backward = false;
      break;
    case Kind::kPeriodEnd:
    case Kind::kPeriodStart:
      step.count = 0;
      step.backward = false;
      break;
    case Kind::kDayOfMonth:
    case Kind::kWeekday:
      step.unit = Unit::kDay;
      break;
  }
}

// The day numbered `day` in the month of `date`, or its last day if shorter.
Date ClampedDayInMonth(Date date, int day) {
  const date::year_month_day ymd = Fields(date);
  const unsigned last = DaysInMonth(int{ymd.year()}, unsigned{ymd.month()});
  const unsigned chosen = std::min(static_cast<unsigned>(day), last);
  return date::sys_days{ymd.year() / ymd.month() / date::day{chosen}};
}

// `date` plus `months` months with the formula's policies, or nullopt when
// the target year leaves 1..9999. The year is checked in 64 bits before
// AddMonths, whose 16-bit year would wrap (2026 + 70000 years is not 6490).
std::optional<Date> AddMonthsWith(Date date, int64_t months,
                                  const DateFormulaOptions& options) {
  const int64_t year = YearAfterMonths(date, months);
  if (year < 1 || year > 9999) return std::nullopt;
  // |months| < 12 x 9999 here, so it fits an int.
  const int count = static_cast<int>(months);
  if (options.sticky_month_end && IsEndOfMonth(date)) {
    return EndOfMonth(AddMonths(date, count, MonthOverflow::kClamp));
  }
  return AddMonths(date, count, options.month_overflow);
}

// The n-th business day after (n > 0) or before (n < 0) `date`, or nullopt
// when the search stops at 0001-01-01 or 9999-12-31 before reaching it.
std::optional<Date> AddBusinessDaysChecked(const BusinessCalendar& calendar,
                                           Date date, int n) {
  const Date result = calendar.AddBusinessDays(date, n);
  // Strictly inside the supported dates the result is the n-th business day
  // (BusinessCalendar's invariant); at an end the search may have stopped
  // there short of it, which the counts below tell.
  if (n != 0 && result > kMinDate && result < kMaxDate) return result;
  if (n >= 0) {
    // n business days in (date, result].
    if (calendar.CountBusinessDays(date, result) != n) return std::nullopt;
    return result;
  }
  // |n| business days in [result, date): (result, date] plus result, minus
  // date (which need not be a business day: from Saturday, -1WD is Friday).
  const int64_t count = calendar.CountBusinessDays(result, date) +
                        (calendar.IsBusinessDay(result) ? 1 : 0) -
                        (calendar.IsBusinessDay(date) ? 1 : 0);
  if (count != -int64_t{n}) return std::nullopt;
  return result;
}

Date PeriodBoundary(Date date, Unit period, bool start) {
  const date::year_month_day ymd = Fields(date);
  switch (period) {
    case Unit::kWeek: {
      const int weekday = IsoWeekday(date);
      return start ? date - Days{weekday - 1} : date + Days{7 - weekday};
    }
    case Unit::kMonth:
      return start ? StartOfMonth(date) : EndOfMonth(date);
    case Unit::kQuarter: {
      const unsigned first_month = (unsigned{ymd.month()} - 1) / 3 * 3 + 1;
      const Date quarter_start =
          date::sys_days{ymd.year() / date::month{first_month} / 1};
      return start ? quarter_start : EndOfMonth(AddMonths(quarter_start, 2));
    }
    case Unit::kYear:
      return start ? date::sys_days{ymd.year() / 1 / 1}
                   : date::sys_days{ymd.year() / 12 / 31};
    case Unit::kDay:
    case Unit::kBusinessDay:
      break;
  }
  return date;
}

}  // namespace

absl::StatusOr<DateFormula> DateFormula::Parse(
    std::string_view text, const DateFormulaOptions& options) {
  FormulaParser parser(text);
  absl::StatusOr<std::vector<FormulaStep>> steps = parser.Parse();
  if (!steps.ok()) return steps.status();
  return DateFormula(*std::move(steps), options);
}

absl::StatusOr<DateFormula> DateFormula::FromSteps(
    std::vector<FormulaStep> steps, const DateFormulaOptions& options) {
  if (steps.empty()) {
    return absl::InvalidArgumentError("date formula: no steps");
  }
  if (steps.size() > kMaxSteps) {
    return absl::InvalidArgumentError(absl::StrCat(
        "date formula: ", steps.size(), " steps, at most ", kMaxSteps));
  }
  for (size_t i = 0; i < steps.size(); ++i) {
    if (absl::Status status = ValidateStep(steps[i], i); !status.ok()) {
      return status;
    }
    NormaliseStep(steps[i]);
  }
  return DateFormula(std::move(steps), options);
}

bool DateFormula::NeedsCalendar() const {
  for (const FormulaStep& step : steps_) {
    if (step.kind == Kind::kAdd && step.unit == Unit::kBusinessDay) return true;
  }
  return false;
}

absl::StatusOr<Date> DateFormula::Evaluate(
    Date from, const BusinessCalendar* calendar) const {
  const auto beyond = [&](bool forward) {
    return absl::InvalidArgumentError(
        absl::StrCat("date formula ", internal::QuoteForMessage(ToString()),
                     " from ", FormatDate(from), ": the date would be ",
                     forward ? "after 9999-12-31" : "before 0001-01-01",
                     ", outside the supported dates 0001-01-01..9999-12-31"));
  };
  if (from < kMinDate || from > kMaxDate) {
    return absl::InvalidArgumentError(
        absl::StrCat("date formula ", internal::QuoteForMessage(ToString()),
                     ": the date ", FormatDate(from),
                     " is outside the supported dates 0001-01-01..9999-12-31"));
  }
  Date date = from;
  for (const FormulaStep& step : steps_) {
    // Whether the step moves forward, to tell which end it would pass.
    const bool forward = step.kind == Kind::kAdd           ? step.count >= 0
                         : step.kind == Kind::kPeriodEnd   ? true
                         : step.kind == Kind::kPeriodStart ? false
                                                           : !step.backward;
    // Month steps and business-day steps that would leave the supported
    // dates are caught here, before a date library year could wrap or the
    // business-day search stop at a bound.
    std::optional<Date> next;
    switch (step.kind) {
      case Kind::kAdd:
        switch (step.unit) {
          case Unit::kDay:
            next = date + Days{step.count};
            break;
          case Unit::kBusinessDay:
            if (calendar == nullptr) {
              return absl::InvalidArgumentError(absl::StrCat(
                  "date formula ", internal::QuoteForMessage(ToString()),
                  " counts business days: a calendar is required"));
            }
            next = AddBusinessDaysChecked(*calendar, date, step.count);
            break;
          case Unit::kWeek:
            next = date + Days{7 * step.count};
            break;
          case Unit::kMonth:
            next = AddMonthsWith(date, step.count, options_);
            break;
          case Unit::kQuarter:
            next = AddMonthsWith(date, int64_t{3} * step.count, options_);
            break;
          case Unit::kYear:
            next = AddMonthsWith(date, int64_t{12} * step.count, options_);
            break;
        }
        break;
      case Kind::kPeriodEnd:
      case Kind::kPeriodStart:
        next = PeriodBoundary(date, step.unit, step.kind == Kind::kPeriodStart);
        break;
      case Kind::kDayOfMonth: {
        const Date here = ClampedDayInMonth(date, step.count);
        if (step.backward ? here < date : here > date) {
          next = here;
        } else {
          // The same day in the month before or after.
          const std::optional<Date> month =
              AddMonthsWith(StartOfMonth(date), step.backward ? -1 : 1, {});
          if (month.has_value()) next = ClampedDayInMonth(*month, step.count);
        }
        break;
      }
      case Kind::kWeekday: {
        const int current = IsoWeekday(date);
        if (step.backward) {
          const int back = (current - step.count + 7) % 7;
          next = date - Days{back == 0 ? 7 : back};
        } else {
          const int ahead = (step.count - current + 7) % 7;
          next = date + Days{ahead == 0 ? 7 : ahead};
        }
        break;
      }
    }
    if (!next.has_value() || *next < kMinDate || *next > kMaxDate) {
      return beyond(next.has_value() ? *next > kMaxDate : forward);
    }
    date = *next;
  }
  return date;
}

std::string DateFormula::ToString() const {
  std::string text;
  for (const FormulaStep& step : steps_) {
    std::string token;
    bool negative = false;
    switch (step.kind) {
      case Kind::kAdd:
        negative = step.count < 0;
        token = absl::StrCat(negative ? -step.count : step.count,
                             std::string(UnitLetters(step.unit)));
        break;
      case Kind::kPeriodEnd:
      case Kind::kPeriodStart:
        negative = step.kind == Kind::kPeriodStart;
        token = absl::StrCat("C", std::string(UnitLetters(step.unit)));
        break;
      case Kind::kDayOfMonth:
        negative = step.backward;
        token = absl::StrCat("D", step.count);
        break;
      case Kind::kWeekday:
        negative = step.backward;
        token = absl::StrCat("WD", step.count);
        break;
    }
    if (negative) {
      text += "-";
    } else if (!text.empty()) {
      text += "+";
    }
    text += token;
  }
  return text;
}

std::ostream& operator<<(std::ostream& os, const DateFormula& formula) {
  return os << formula.ToString();
}

}  // namespace relance
