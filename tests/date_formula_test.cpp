#include "relance/date_formula.hpp"

#include <memory>
#include <string>
#include <vector>

#include "business_day_reference.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/builtin_calendars.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

struct FormulaCase {
  const char* source;  // where the expected value is published
  Date from;
  const char* formula;
  Date expected;
};

Date Eval(const char* formula, Date from, DateFormulaOptions options = {}) {
  absl::StatusOr<DateFormula> parsed = DateFormula::Parse(formula, options);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  absl::StatusOr<Date> date = parsed->Evaluate(from);
  EXPECT_TRUE(date.ok()) << date.status();
  return date.value_or(Date{});
}

// Business Central's CalcDate, cases printed by Microsoft or tested outputs.
const FormulaCase kBusinessCentral[] = {
    // Microsoft Learn, "System.CalcDate(Text [, Date]) Method", Example
    // (base date 1996-05-21, a Tuesday).
    {"Learn CalcDate", MakeDate(1996, 5, 21), "CQ+1M-10D",
     MakeDate(1996, 7, 20)},
    {"Learn CalcDate", MakeDate(1996, 5, 21), "-WD2", MakeDate(1996, 5, 14)},
    {"Learn CalcDate", MakeDate(1996, 5, 21), "CM+30D", MakeDate(1996, 6, 30)},
    // Yun Zhu (Microsoft MVP), "A simple Date Formula testing tool"
    // (yzhums.com/65768): D6 is strictly the next 6th.
    {"yzhums", MakeDate(2024, 8, 5), "D6+CM", MakeDate(2024, 8, 31)},
    {"yzhums", MakeDate(2024, 8, 6), "D6+CM", MakeDate(2024, 9, 30)},
    {"yzhums", MakeDate(2024, 8, 5), "D6+CM+5D", MakeDate(2024, 9, 5)},
    {"yzhums", MakeDate(2024, 8, 6), "D6+CM+5D", MakeDate(2024, 10, 5)},
    {"yzhums", MakeDate(2024, 8, 5), "D6+CM+10D", MakeDate(2024, 9, 10)},
    {"yzhums", MakeDate(2024, 8, 6), "D6+CM+10D", MakeDate(2024, 10, 10)},
    {"yzhums", MakeDate(2024, 8, 5), "D6+1M+CM", MakeDate(2024, 9, 30)},
    {"yzhums", MakeDate(2024, 8, 6), "D6+1M+CM", MakeDate(2024, 10, 31)},
    {"yzhums", MakeDate(2024, 8, 5), "D6+1M+CM+10D", MakeDate(2024, 10, 10)},
    {"yzhums", MakeDate(2024, 8, 6), "D6+1M+CM+10D", MakeDate(2024, 11, 10)},
    {"yzhums", MakeDate(2024, 8, 5), "D6+2M+CM", MakeDate(2024, 10, 31)},
    {"yzhums", MakeDate(2024, 8, 6), "D6+2M+CM", MakeDate(2024, 11, 30)},
    // BizSpoke knowledge base "Due Date Calculation Formula" (cites Learn).
    {"BizSpoke", MakeDate(2021, 11, 5), "10D", MakeDate(2021, 11, 15)},
    {"BizSpoke", MakeDate(2021, 11, 5), "2W", MakeDate(2021, 11, 19)},
    {"BizSpoke", MakeDate(2021, 11, 5), "D10", MakeDate(2021, 11, 10)},
    {"BizSpoke", MakeDate(2021, 11, 5), "CM+10D", MakeDate(2021, 12, 10)},
    {"BizSpoke", MakeDate(2021, 11, 5), "-1Y", MakeDate(2020, 11, 5)},
    {"BizSpoke", MakeDate(2021, 6, 15), "5M-CY+7M-1D", MakeDate(2021, 7, 31)},
    {"BizSpoke", MakeDate(2021, 10, 15), "5M-CY+7M-1D", MakeDate(2022, 7, 31)},
    {"BizSpoke", MakeDate(2021, 6, 15), "3M-CQ+WD1", MakeDate(2021, 7, 5)},
};

TEST(DateFormula, BusinessCentralPublishedCases) {
  for (const FormulaCase& c : kBusinessCentral) {
    EXPECT_EQ(Eval(c.formula, c.from), c.expected)
        << c.source << ": " << c.formula << " from " << FormatDate(c.from);
  }
}

TEST(DateFormula, OrderOfStepsMatters) {
  // 2026-01-15: CM+1M = 2026-01-31 + 1M = 2026-02-28 (clamped);
  //             1M+CM = 2026-02-15 -> end of February = 2026-02-28.
  EXPECT_EQ(Eval("CM+1M", MakeDate(2026, 1, 15)), MakeDate(2026, 2, 28));
  EXPECT_EQ(Eval("1M+CM", MakeDate(2026, 1, 15)), MakeDate(2026, 2, 28));
  // From 2026-02-10 they differ: CM+1M = 28 Feb + 1M = 28 Mar (the day is
  // kept, as Business Central's CQ+1M = 30 Jul from 30 Jun); 1M+CM = 31 Mar.
  EXPECT_EQ(Eval("CM+1M", MakeDate(2026, 2, 10)), MakeDate(2026, 3, 28));
  EXPECT_EQ(Eval("1M+CM", MakeDate(2026, 2, 10)), MakeDate(2026, 3, 31));
  // The two readings of "45 jours fin de mois" (DGCCRF), invoice 2023-01-15:
  // 45D+CM = 2023-03-01 -> 2023-03-31; CM+45D = 2023-01-31 + 45 = 2023-03-17.
  EXPECT_EQ(Eval("45D+CM", MakeDate(2023, 1, 15)), MakeDate(2023, 3, 31));
  EXPECT_EQ(Eval("CM+45D", MakeDate(2023, 1, 15)), MakeDate(2023, 3, 17));
}

TEST(DateFormula, MonthEndsAndLeapYears) {
  // mibuso "CALCDATE and Leap Year": 31 Jan + 1M is the last day of February.
  EXPECT_EQ(Eval("1M", MakeDate(2024, 1, 31)), MakeDate(2024, 2, 29));
  EXPECT_EQ(Eval("1M", MakeDate(2023, 1, 31)), MakeDate(2023, 2, 28));
  EXPECT_EQ(Eval("1M", MakeDate(2024, 2, 29)), MakeDate(2024, 3, 29));
  // Each step clamps: from 2015-01-31, 1Y+1M = 2016-01-31 + 1M = 2016-02-29,
  // 1M+1Y = 2015-02-28 + 1Y = 2016-02-28.
  EXPECT_EQ(Eval("1Y+1M", MakeDate(2015, 1, 31)), MakeDate(2016, 2, 29));
  EXPECT_EQ(Eval("1M+1Y", MakeDate(2015, 1, 31)), MakeDate(2016, 2, 28));
  // Quarters are three months; CQ and -CQ are calendar quarter bounds.
  EXPECT_EQ(Eval("1Q", MakeDate(2025, 11, 30)), MakeDate(2026, 2, 28));
  EXPECT_EQ(Eval("CQ", MakeDate(2026, 2, 14)), MakeDate(2026, 3, 31));
  EXPECT_EQ(Eval("-CQ", MakeDate(2026, 12, 14)), MakeDate(2026, 10, 1));
  EXPECT_EQ(Eval("CY", MakeDate(2026, 2, 14)), MakeDate(2026, 12, 31));
  // Weeks run Monday..Sunday: Wednesday 2026-01-07 -> CW Sunday 01-11,
  // -CW Monday 01-05; on a Sunday CW is the day itself.
  EXPECT_EQ(Eval("CW", MakeDate(2026, 1, 7)), MakeDate(2026, 1, 11));
  EXPECT_EQ(Eval("-CW", MakeDate(2026, 1, 7)), MakeDate(2026, 1, 5));
  EXPECT_EQ(Eval("CW", MakeDate(2026, 1, 11)), MakeDate(2026, 1, 11));
  EXPECT_EQ(Eval("-CM", MakeDate(2026, 1, 31)), MakeDate(2026, 1, 1));
}

TEST(DateFormula, SpillOverAndStickyMonthEnd) {
  const DateFormulaOptions spill{.month_overflow = MonthOverflow::kSpillOver};
  // 2026-01-31 + 1M: 31 Feb does not exist, 3 days spill into March.
  EXPECT_EQ(Eval("1M", MakeDate(2026, 1, 31), spill), MakeDate(2026, 3, 3));
  const DateFormulaOptions sticky{.sticky_month_end = true};
  EXPECT_EQ(Eval("1M", MakeDate(2026, 2, 28), sticky), MakeDate(2026, 3, 31));
  EXPECT_EQ(Eval("1M", MakeDate(2026, 4, 30), sticky), MakeDate(2026, 5, 31));
  EXPECT_EQ(Eval("1M", MakeDate(2026, 4, 29), sticky), MakeDate(2026, 5, 29));
  // Without the option the day is kept: 28 Feb + 1M = 28 Mar.
  EXPECT_EQ(Eval("1M", MakeDate(2026, 2, 28)), MakeDate(2026, 3, 28));
}

TEST(DateFormula, PositionalStepsAreStrict) {
  // D31 in a shorter month stands for its last day.
  EXPECT_EQ(Eval("D31", MakeDate(2026, 2, 10)), MakeDate(2026, 2, 28));
  EXPECT_EQ(Eval("D31", MakeDate(2026, 2, 28)), MakeDate(2026, 3, 31));
  EXPECT_EQ(Eval("-D10", MakeDate(2026, 3, 10)), MakeDate(2026, 2, 10));
  EXPECT_EQ(Eval("-D10", MakeDate(2026, 3, 11)), MakeDate(2026, 3, 10));
  // Wednesday 2026-01-07: WD3 is the next Wednesday, WD5 Friday 01-09.
  EXPECT_EQ(Eval("WD3", MakeDate(2026, 1, 7)), MakeDate(2026, 1, 14));
  EXPECT_EQ(Eval("WD5", MakeDate(2026, 1, 7)), MakeDate(2026, 1, 9));
  EXPECT_EQ(Eval("-WD5", MakeDate(2026, 1, 7)), MakeDate(2026, 1, 2));
}

TEST(DateFormula, OdooNextDayOfMonthIsInclusive) {
  // Odoo 16 "next 10th" is inclusive (test_payment_term, days -10 +
  // end_month + days_after 10: 2022-01-10 -> 2022-01-10); relance: -1D+D10.
  EXPECT_EQ(Eval("-1D+D10", MakeDate(2022, 1, 10)), MakeDate(2022, 1, 10));
  EXPECT_EQ(Eval("-1D+D10", MakeDate(2022, 1, 9)), MakeDate(2022, 1, 10));
  EXPECT_EQ(Eval("-1D+D10", MakeDate(2022, 1, 15)), MakeDate(2022, 2, 10));
  EXPECT_EQ(Eval("-1D+D10", MakeDate(2022, 1, 31)), MakeDate(2022, 2, 10));
}

TEST(DateFormula, OdooDaysThenEndOfMonthOnTheDay) {
  // Odoo 17 days_end_of_month_on_the (test_payment_term.py): nD+CM+D<x>.
  EXPECT_EQ(Eval("30D+CM+D10", MakeDate(2023, 12, 12)), MakeDate(2024, 2, 10));
  EXPECT_EQ(Eval("30D+CM+D31", MakeDate(2023, 12, 12)), MakeDate(2024, 2, 29));
  EXPECT_EQ(Eval("0D+CM+D29", MakeDate(2024, 5, 23)), MakeDate(2024, 6, 29));
  EXPECT_EQ(Eval("0D+CM+D31", MakeDate(2024, 5, 23)), MakeDate(2024, 6, 30));
  EXPECT_EQ(Eval("15D+CM+D30", MakeDate(2024, 5, 24)), MakeDate(2024, 7, 30));
  EXPECT_EQ(Eval("15D+CM+D31", MakeDate(2024, 5, 23)), MakeDate(2024, 7, 31));
  EXPECT_EQ(Eval("30D+CM", MakeDate(2024, 4, 22)), MakeDate(2024, 5, 31));
}

TEST(DateFormula, OdooDaysAfterEndOfNextMonth) {
  // Odoo 17 days_after_end_of_next_month, nb_days 0
  // (test_out_invoice_line_onchange_partner_1): 1M+CM.
  EXPECT_EQ(Eval("1M+CM", MakeDate(2019, 1, 1)), MakeDate(2019, 2, 28));
}

TEST(DateFormula, OdooMonthsDaysEndOfMonthThenDays) {
  // Odoo 16 test_payment_term: months 1, days 15, end_month, days_after 45.
  EXPECT_EQ(Eval("1M+15D+CM+45D", MakeDate(2022, 1, 1)), MakeDate(2022, 4, 14));
  EXPECT_EQ(Eval("1M+15D+CM+45D", MakeDate(2022, 1, 31)),
            MakeDate(2022, 5, 15));
}

TEST(DateFormula, OdooOptionDaysAfterInvoiceThenDayOfMonth) {
  // Odoo <= 15 option-based terms (test_payment_term.py, commit 02f71aa):
  // day_after_invoice_date 31 + day_of_the_month 15 -> ND then set day 15.
  EXPECT_EQ(Eval("31D-CM-1D+D15", MakeDate(2019, 1, 1)), MakeDate(2019, 2, 15));
  EXPECT_EQ(Eval("31D-CM-1D+D15", MakeDate(2019, 1, 15)),
            MakeDate(2019, 2, 15));
  EXPECT_EQ(Eval("31D-CM-1D+D15", MakeDate(2019, 1, 31)),
            MakeDate(2019, 3, 15));
}

TEST(DateFormula, OdooOptionsAfterInvoiceMonthCurrentAndFollowingMonth) {
  // after_invoice_month 45 -> 2019-03-17; day_current_month 31 -> 01-31;
  // day_following_month 1 -> 02-01 (for invoices of 01-01, 01-15 and 01-31).
  for (Date invoice :
       {MakeDate(2019, 1, 1), MakeDate(2019, 1, 15), MakeDate(2019, 1, 31)}) {
    EXPECT_EQ(Eval("CM+45D", invoice), MakeDate(2019, 3, 17));
    EXPECT_EQ(Eval("-CM-1D+D31", invoice), MakeDate(2019, 1, 31));
    EXPECT_EQ(Eval("CM+D1", invoice), MakeDate(2019, 2, 1));
  }
}

TEST(DateFormula, ErpNextMonthsAfterTheEndOfTheInvoiceMonth) {
  // ERPNext: "Month(s) after the end of the invoice month", 1 month
  // (test_customer_payment_terms): nM+CM.
  EXPECT_EQ(Eval("1M+CM", MakeDate(2016, 1, 22)), MakeDate(2016, 2, 29));
  EXPECT_EQ(Eval("1M+CM", MakeDate(2017, 1, 22)), MakeDate(2017, 2, 28));
  EXPECT_EQ(Eval("30D", MakeDate(2016, 1, 22)), MakeDate(2016, 2, 21));
}

TEST(DateFormula, TrytonRelativedeltaSetsTheDayFirst) {
  // Tryton test_payment_term: relativedelta(day=15, months=2, days=30) from
  // 2011-10-01 = 2012-01-14. "Set day 15" is -CM-1D+D15.
  EXPECT_EQ(Eval("-CM-1D+D15+2M+30D", MakeDate(2011, 10, 1)),
            MakeDate(2012, 1, 14));
}

TEST(DateFormula, SapFixedDayAfterAdditionalMonths) {
  // SAP fixed day + additional months, day-limit help (DZTAGG_052): "payable
  // on the last day of the next month" / "on the 15th of the month after the
  // next month": add the months, then set the day.
  EXPECT_EQ(Eval("1M-CM-1D+D31", MakeDate(2024, 3, 10)), MakeDate(2024, 4, 30));
  EXPECT_EQ(Eval("2M-CM-1D+D15", MakeDate(2024, 3, 16)), MakeDate(2024, 5, 15));
}

TEST(DateFormula, SapPaymentDueProfile) {
  // SAP payment due profile (PXMON): day 25, 1 month from 1999-12-15 gives
  // 2000-01-25; day 31, 0 months from 1999-11-15 gives 1999-11-30.
  EXPECT_EQ(Eval("1M-CM-1D+D25", MakeDate(1999, 12, 15)),
            MakeDate(2000, 1, 25));
  EXPECT_EQ(Eval("-CM-1D+D31", MakeDate(1999, 11, 15)), MakeDate(1999, 11, 30));
}

TEST(DateFormula, FifteenthOfTheMonthFollowingTheInvoice) {
  // "15 MFI", 15th of the month following the invoice (Rightway NZ): CM+D15.
  EXPECT_EQ(Eval("CM+D15", MakeDate(2024, 1, 31)), MakeDate(2024, 2, 15));
}

TEST(DateFormula, BusinessDaysSkipWeekendsAndHolidays) {
  absl::StatusOr<std::shared_ptr<const BusinessCalendar>> fr =
      BuiltinCalendar("FR");
  ASSERT_TRUE(fr.ok());
  const absl::StatusOr<DateFormula> formula = DateFormula::Parse("10WD");
  ASSERT_THAT(formula, IsOk());
  // From Thursday 2026-04-30: 1 May (Fri, Fête du Travail) and the weekend
  // are skipped; business days 4,5,6,7 May, (8 May Victoire 1945 holiday),
  // 11,12,13 May, (14 May Ascension), 15,18,19 May -> the 10th is 19 May.
  EXPECT_THAT(formula->Evaluate(MakeDate(2026, 4, 30), fr->get()),
              IsOkAndHolds(MakeDate(2026, 5, 19)));
}

TEST(DateFormula, BusinessDaysNeedACalendar) {
  const absl::StatusOr<DateFormula> formula = DateFormula::Parse("10WD");
  ASSERT_THAT(formula, IsOk());
  EXPECT_TRUE(formula->NeedsCalendar());
  EXPECT_THAT(formula->Evaluate(MakeDate(2026, 4, 30)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a calendar is required")));
  // A formula without business days needs none.
  EXPECT_FALSE(DateFormula::Parse("CM+10D")->NeedsCalendar());
}

TEST(DateFormula, ParsesDelimitersCaseAndSpacesAndRoundTrips) {
  EXPECT_EQ(Eval("<CM+10D>", MakeDate(2021, 11, 5)), MakeDate(2021, 12, 10));
  EXPECT_EQ(Eval("cm + 10d", MakeDate(2021, 11, 5)), MakeDate(2021, 12, 10));
  for (const char* text : {"30D", "CM+45D", "-1M", "D10", "-WD2", "10WD",
                           "-CQ+1M-1D", "5M-CY+7M-1D", "1Y+2Q+3W", "0D"}) {
    absl::StatusOr<DateFormula> formula = DateFormula::Parse(text);
    ASSERT_TRUE(formula.ok()) << text << ": " << formula.status();
    EXPECT_EQ(formula->ToString(), text);
    EXPECT_EQ(*DateFormula::Parse(formula->ToString()), *formula);
  }
  EXPECT_EQ(DateFormula::Parse("+10d")->ToString(), "10D");
  EXPECT_EQ(DateFormula().ToString(), "0D");
}

TEST(DateFormula, RejectsMalformedTextWithColumn) {
  const auto error = [](const char* text, const char* fragment) {
    EXPECT_THAT(
        DateFormula::Parse(text),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(fragment)))
        << text;
  };
  error("", "at column 1: expected a step");
  error("30X", "date formula \"30X\": at column 3: unknown unit 'X'");
  error("30", "at column 1: a number needs a unit");
  error("CM+", "at column 4: expected a step after the sign");
  error("CM10D", "at column 3: expected '+' or '-' between steps, got '1'");
  error("CX", "at column 2: expected W, M, Q or Y after C");
  error("D32", "at column 2: day 32 is outside 1..31");
  error("D0", "day 0 is outside 1..31");
  error("WD8", "weekday 8 is outside 1..7");
  error("D", "expected a day number 1..31 after D");
  error("100000D", "at column 1: number too large (at most 99999)");
  error("<CM+10D", "missing closing '>'");
  error("<CM>x", "unexpected text after '>'");
  error("CM++1D", "got '+'");
  error("net 30", "at column 1: expected a step");
}

TEST(DateFormula, FromStepsValidates) {
  using Kind = FormulaStep::Kind;
  EXPECT_THAT(
      DateFormula::FromSteps({}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no steps")));
  EXPECT_THAT(
      DateFormula::FromSteps({{.kind = Kind::kDayOfMonth, .count = 40}}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("step [0]: day 40")));
  EXPECT_THAT(
      DateFormula::FromSteps(
          {{.kind = Kind::kPeriodEnd, .unit = FormulaStep::Unit::kDay}}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("period step")));
}

TEST(DateFormula, LeavingTheDateRangeIsAnInvalidArgument) {
  EXPECT_THAT(DateFormula::Parse("1D")->Evaluate(kMaxDate),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("from 9999-12-31: the date would be after "
                                 "9999-12-31")));
  EXPECT_THAT(DateFormula::Parse("-1Y")->Evaluate(MakeDate(1, 6, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("would be before 0001-01-01")));
  // A start date outside the range is refused too.
  EXPECT_THAT(DateFormula::Parse("0D")->Evaluate(kMaxDate + Days{1}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is outside the supported dates")));
}

TEST(DateFormula, HugeMonthStepsAreRefusedNotWrapped) {
  // 2026 + 70000 = year 72026, far beyond 9999. The date library stores a
  // year in 16 bits, where 72026 would wrap to 72026 - 65536 = 6490 and look
  // like a valid date: the target year must be checked before.
  const Date from = MakeDate(2026, 1, 15);
  for (const char* text : {"70000Y", "-70000Y", "99999Q", "-99999Q", "99999M",
                           "-99999M", "8000Y", "-2026Y"}) {
    EXPECT_THAT(
        DateFormula::Parse(text)->Evaluate(from),
        StatusIs(absl::StatusCode::kInvalidArgument,
                 HasSubstr(text[0] == '-' ? "would be before 0001-01-01"
                                          : "would be after 9999-12-31")))
        << text;
  }
  // The same with the sticky month-end and spill-over policies.
  for (const DateFormulaOptions& options :
       {DateFormulaOptions{.sticky_month_end = true},
        DateFormulaOptions{.month_overflow = MonthOverflow::kSpillOver}}) {
    EXPECT_THAT(
        DateFormula::Parse("70000Y", options)->Evaluate(MakeDate(2026, 1, 31)),
        StatusIs(absl::StatusCode::kInvalidArgument));
  }
  // The edges themselves: 2026 + 7973 = 9999 and 2026 - 2025 = 1 are fine.
  EXPECT_EQ(Eval("7973Y", from), MakeDate(9999, 1, 15));
  EXPECT_EQ(Eval("-2025Y", from), MakeDate(1, 1, 15));
  // A positional step that would need the month after 9999-12 (or before
  // 0001-01) is out of range too.
  EXPECT_THAT(DateFormula::Parse("D10")->Evaluate(MakeDate(9999, 12, 20)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DateFormula::Parse("-D10")->Evaluate(MakeDate(1, 1, 5)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(Eval("D31", MakeDate(9999, 12, 20)), MakeDate(9999, 12, 31));
}

TEST(DateFormula, BusinessDaysBeyondTheDateRangeAreRefused) {
  absl::StatusOr<std::shared_ptr<const BusinessCalendar>> fr =
      BuiltinCalendar("FR");
  ASSERT_TRUE(fr.ok());
  const auto evaluate = [&](const char* text, Date from) {
    return DateFormula::Parse(text)->Evaluate(from, fr->get());
  };
  // 99999 business days are about 99999 x 7 / 5 = 140000 days, 383 years:
  // from 9700 that is past 9999-12-31, where the search stops.
  EXPECT_THAT(evaluate("99999WD", MakeDate(9700, 1, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("would be after 9999-12-31")));
  EXPECT_THAT(evaluate("-99999WD", MakeDate(300, 1, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Thursday 9999-12-30: 1WD is Friday 9999-12-31, the last date; 2WD would
  // be Monday 10000-01-03.
  EXPECT_THAT(evaluate("1WD", MakeDate(9999, 12, 30)),
              IsOkAndHolds(MakeDate(9999, 12, 31)));
  EXPECT_THAT(evaluate("2WD", MakeDate(9999, 12, 30)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Monday 0001-01-01 is the first date: nothing before it.
  EXPECT_THAT(evaluate("-1WD", MakeDate(1, 1, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Backward from a non-business day still works: from Saturday 2026-05-02,
  // Friday 1 May is a holiday, so -1WD is Thursday 2026-04-30 and -2WD
  // Wednesday 2026-04-29.
  EXPECT_THAT(evaluate("-1WD", MakeDate(2026, 5, 2)),
              IsOkAndHolds(MakeDate(2026, 4, 30)));
  EXPECT_THAT(evaluate("-2WD", MakeDate(2026, 5, 2)),
              IsOkAndHolds(MakeDate(2026, 4, 29)));
  // And backward from a business day: Monday 2026-05-04 -1WD is Thursday
  // 2026-04-30 (the weekend and 1 May skipped).
  EXPECT_THAT(evaluate("-1WD", MakeDate(2026, 5, 4)),
              IsOkAndHolds(MakeDate(2026, 4, 30)));
}

// "99999WD" then "-99999WD+99999WD" repeated: 1 + 2 x `pairs` steps. With
// 255 pairs (4 KB, 511 steps) it is the input fuzzing found taking 16 s
// from 2026-01-15 on FR, one business day at a time.
std::string AlternatingBusinessDays(int pairs) {
  std::string text = "99999WD";
  for (int i = 0; i < pairs; ++i) text += "-99999WD+99999WD";
  return text;
}

TEST(DateFormula, AFormulaHasAtMost32Steps) {
  // Step 1 takes columns 1-7 and every later one 8 columns, so step 33
  // starts at column 8 + 8 x 31 = 256.
  const absl::StatusOr<DateFormula> huge =
      DateFormula::Parse(AlternatingBusinessDays(255));
  EXPECT_THAT(huge, StatusIs(absl::StatusCode::kInvalidArgument,
                             HasSubstr("at column 256: more than 32 steps")));
  // The message quotes the first 80 characters only, then the size.
  EXPECT_THAT(huge, StatusIs(absl::StatusCode::kInvalidArgument,
                             HasSubstr("\"... (4087 bytes): at column 256")));
  EXPECT_LT(huge.status().message().size(), 160u);
  // 16 pairs are 33 steps; 15 pairs and one more step are 32.
  EXPECT_THAT(DateFormula::Parse(AlternatingBusinessDays(16)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("more than 32 steps")));
  EXPECT_THAT(DateFormula::Parse(AlternatingBusinessDays(15) + "-99999WD"),
              IsOk());
  EXPECT_THAT(
      DateFormula::FromSteps(std::vector<FormulaStep>(33, FormulaStep{})),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "date formula: 33 steps, at most 32"));
  EXPECT_THAT(
      DateFormula::FromSteps(std::vector<FormulaStep>(32, FormulaStep{})),
      IsOk());
}

TEST(DateFormula, TheLargestBusinessDayFormulaIsExact) {
  absl::StatusOr<std::shared_ptr<const BusinessCalendar>> fr =
      BuiltinCalendar("FR");
  ASSERT_TRUE(fr.ok());
  testing::ReferenceBusinessDays reference(**fr);
  // Thursday 2026-01-15 is a business day: each -99999WD comes back to the
  // date the +99999WD before it left, and the walk one day at a time agrees
  // on where +99999WD lands (in the 2400s).
  const Date from = MakeDate(2026, 1, 15);
  const Date far = reference.Add(from, 99999);
  EXPECT_THAT(DateFormula::Parse(AlternatingBusinessDays(15) + "-99999WD")
                  ->Evaluate(from, fr->get()),
              IsOkAndHolds(from));
  EXPECT_THAT(DateFormula::Parse(AlternatingBusinessDays(15))
                  ->Evaluate(from, fr->get()),
              IsOkAndHolds(far));
  EXPECT_THAT(DateFormula::Parse("99999WD")->Evaluate(from, fr->get()),
              IsOkAndHolds(far));
}

TEST(DateFormula, FromStepsNormalisesIgnoredFieldsSoTextRoundTrips) {
  using Kind = FormulaStep::Kind;
  using Unit = FormulaStep::Unit;
  // Each step sets a field its kind ignores; ToString cannot show it, so
  // FromSteps clears it and Parse(ToString()) gives an equal formula.
  const std::vector<FormulaStep> steps = {
      {.kind = Kind::kAdd, .count = 5, .unit = Unit::kDay, .backward = true},
      {.kind = Kind::kPeriodEnd,
       .count = 7,
       .unit = Unit::kMonth,
       .backward = true},
      {.kind = Kind::kPeriodStart, .count = -3, .unit = Unit::kYear},
      {.kind = Kind::kDayOfMonth, .count = 10, .unit = Unit::kYear},
      {.kind = Kind::kWeekday,
       .count = 2,
       .unit = Unit::kWeek,
       .backward = true},
  };
  absl::StatusOr<DateFormula> formula = DateFormula::FromSteps(steps);
  ASSERT_TRUE(formula.ok()) << formula.status();
  EXPECT_EQ(formula->ToString(), "5D+CM-CY+D10-WD2");
  EXPECT_EQ(*DateFormula::Parse(formula->ToString()), *formula);
  EXPECT_EQ(formula->steps()[0],
            (FormulaStep{.kind = Kind::kAdd, .count = 5, .unit = Unit::kDay}));
  EXPECT_EQ(formula->steps()[1],
            (FormulaStep{.kind = Kind::kPeriodEnd, .unit = Unit::kMonth}));
  EXPECT_EQ(formula->steps()[2],
            (FormulaStep{.kind = Kind::kPeriodStart, .unit = Unit::kYear}));
  EXPECT_EQ(formula->steps()[3],
            (FormulaStep{.kind = Kind::kDayOfMonth, .count = 10}));
  EXPECT_EQ(
      formula->steps()[4],
      (FormulaStep{.kind = Kind::kWeekday, .count = 2, .backward = true}));
}

}  // namespace
}  // namespace relance
