#include "relance/terms.hpp"

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

using ::relance::testing::Eur;
using ::relance::testing::InstalmentAmounts;
using ::relance::testing::InstalmentDueDates;
using ::relance::testing::IsOk;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

PaymentTerms Terms(const char* text, const TermsParseOptions& options = {}) {
  absl::StatusOr<PaymentTerms> terms = PaymentTerms::Parse(text, options);
  EXPECT_THAT(terms, IsOk()) << text;
  return terms.ok() ? *terms : *PaymentTerms::Parse("net 0");
}

Date DueDate(const char* text, Date invoice_date,
             const TermsParseOptions& options = {}) {
  absl::StatusOr<std::vector<Date>> dates =
      Terms(text, options).DueDates(invoice_date);
  EXPECT_THAT(dates, IsOk());
  return dates.ok() ? dates->back() : Date{};
}

TEST(Terms, EnglishNotation) {
  const Date jan31 = MakeDate(2026, 1, 31);
  EXPECT_EQ(DueDate("due on receipt", jan31), jan31);
  EXPECT_EQ(DueDate("Net 30", jan31), MakeDate(2026, 3, 2));
  // Net 30 EOM: 30 days after the end of the invoice month.
  EXPECT_EQ(DueDate("net 30 EOM", MakeDate(2026, 1, 10)), MakeDate(2026, 3, 2));
  EXPECT_EQ(DueDate("EOM 30", MakeDate(2026, 1, 10)), MakeDate(2026, 3, 2));
  EXPECT_EQ(DueDate("10th of next month", jan31), MakeDate(2026, 2, 10));
  // "15 MFI": 15th of the month following the invoice (Rightway NZ).
  EXPECT_EQ(DueDate("15 MFI", MakeDate(2024, 1, 31)), MakeDate(2024, 2, 15));
  EXPECT_EQ(DueDate("10th prox", MakeDate(2024, 3, 20)), MakeDate(2024, 4, 10));
}

TEST(Terms, FrenchNotation) {
  const Date date = MakeDate(2025, 3, 10);
  EXPECT_EQ(DueDate("à réception", date), date);
  EXPECT_EQ(DueDate("comptant", date), date);
  EXPECT_EQ(DueDate("30 jours", date), MakeDate(2025, 4, 9));
  EXPECT_EQ(DueDate("30 jours date de facture", date), MakeDate(2025, 4, 9));
  EXPECT_EQ(DueDate("le 10 du mois suivant", date), MakeDate(2025, 4, 10));
  // "fin de mois 45 jours" is unambiguous: end of month, then 45 days.
  EXPECT_EQ(DueDate("fin de mois 45 jours", date), MakeDate(2025, 5, 15));
  EXPECT_EQ(DueDate("Fin de mois + 45 jours", date), MakeDate(2025, 5, 15));
}

TEST(Terms, BothReadingsOfJoursFinDeMois) {
  // DGCCRF "Délais de paiement": "date de facture + 45 jours + fin du mois"
  // or "date de facture + fin du mois + 45 jours". Worked example (Solon
  // avocats, 2023): invoice 2023-01-15, reading A -> 2023-03-31;
  // reading B -> 2023-01-31 + 45 days = 2023-03-17.
  const TermsParseOptions days_then_eom{
      .end_of_month_reading = EndOfMonthReading::kDaysThenEndOfMonth};
  const TermsParseOptions eom_then_days{
      .end_of_month_reading = EndOfMonthReading::kEndOfMonthThenDays};
  EXPECT_EQ(
      DueDate("45 jours fin de mois", MakeDate(2023, 1, 15), days_then_eom),
      MakeDate(2023, 3, 31));
  EXPECT_EQ(
      DueDate("45 jours fin de mois", MakeDate(2023, 1, 15), eom_then_days),
      MakeDate(2023, 3, 17));
  // FNASEPH worked example, invoice 2025-03-10: 04-30 (A), 05-15 (B).
  EXPECT_EQ(
      DueDate("45 jours fin de mois", MakeDate(2025, 3, 10), days_then_eom),
      MakeDate(2025, 4, 30));
  EXPECT_EQ(
      DueDate("45 jours fin de mois", MakeDate(2025, 3, 10), eom_then_days),
      MakeDate(2025, 5, 15));
  // 30 jours fin de mois, 15 April (Mecadyn): A gives 31 May; B 30 May.
  EXPECT_EQ(DueDate("30 jours fin de mois", MakeDate(2026, 4, 15)),
            MakeDate(2026, 5, 31));
  EXPECT_EQ(
      DueDate("30 jours fin de mois", MakeDate(2026, 4, 15), eom_then_days),
      MakeDate(2026, 5, 30));
  // The reading used is recorded, and only when it mattered.
  EXPECT_EQ(
      Terms("45 jours fin de mois", eom_then_days).spec().end_of_month_reading,
      EndOfMonthReading::kEndOfMonthThenDays);
  EXPECT_FALSE(Terms("net 30").spec().end_of_month_reading.has_value());
  EXPECT_EQ(Terms("45 jours fin de mois").ToString(), "100% 45D+CM");
}

TEST(Terms, RawFormulas) {
  EXPECT_EQ(DueDate("CM+45D", MakeDate(2023, 1, 15)), MakeDate(2023, 3, 17));
  EXPECT_EQ(DueDate("<30D+CM>", MakeDate(2026, 1, 15)), MakeDate(2026, 2, 28));
}

TEST(Terms, TwoTenNetThirtyOffersTwoPercentForTenDays) {
  // 2/10 net 30 on 1000.00 EUR, invoice 2026-01-31: 2% (20.00) if paid by
  // 2026-02-10, else 1000.00 by 2026-03-02.
  absl::StatusOr<PaymentSchedule> schedule =
      Terms("2/10 net 30").Schedule(MakeDate(2026, 1, 31), Eur("1000.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentDueDates(*schedule), ElementsAre(MakeDate(2026, 3, 2)));
  ASSERT_EQ(schedule->discounts.size(), 1u);
  EXPECT_EQ(schedule->discounts[0].deadline, MakeDate(2026, 2, 10));
  EXPECT_EQ(schedule->discounts[0].discount, Eur("20.00"));
  EXPECT_EQ(schedule->discounts[0].net_payable, Eur("980.00"));
}

TEST(Terms, SeveralDiscountTiersKeepTheOrderWritten) {
  // 1/10 2/5 net 30: two tiers, in the order written.
  absl::StatusOr<PaymentSchedule> schedule =
      Terms("1/10 2/5 net 30").Schedule(MakeDate(2026, 1, 1), Eur("1000.00"));
  ASSERT_THAT(schedule, IsOk());
  ASSERT_EQ(schedule->discounts.size(), 2u);
  EXPECT_EQ(schedule->discounts[0].deadline, MakeDate(2026, 1, 11));
  EXPECT_EQ(schedule->discounts[0].discount, Eur("10.00"));
  EXPECT_EQ(schedule->discounts[1].deadline, MakeDate(2026, 1, 6));
  EXPECT_EQ(schedule->discounts[1].discount, Eur("20.00"));
}

TEST(Terms, DiscountWithinDaysMatchesErpNext) {
  // ERPNext test_payment_entry_against_payment_terms_with_discount: 236.00,
  // 10% within 1 day, net 2 days -> discount 23.60, pay 212.40.
  absl::StatusOr<PaymentSchedule> schedule =
      Terms("net 2, 10% discount within 1 days")
          .Schedule(MakeDate(2026, 3, 2), Eur("236.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_EQ(schedule->discounts[0].discount, Eur("23.60"));
  EXPECT_EQ(schedule->discounts[0].net_payable, Eur("212.40"));
}

TEST(Terms, FrenchEscompteMatchesOdooIncludedDiscount) {
  // Odoo test_payment_term_compute_method_with_cash_discount ("included"):
  // 1150.00 with 10% early discount -> discount balance 1035.00.
  absl::StatusOr<PaymentSchedule> schedule =
      Terms("escompte 10% à 1 jours, net 2")
          .Schedule(MakeDate(2016, 1, 1), Eur("1150.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_EQ(schedule->discounts[0].deadline, MakeDate(2016, 1, 2));
  EXPECT_EQ(schedule->discounts[0].net_payable, Eur("1035.00"));
  EXPECT_EQ(schedule->instalments[0].due_date, MakeDate(2016, 1, 3));
}

TEST(Terms, PercentageSplitsSumExactly) {
  // Odoo test_payment_term_residual_amount_on_last_line: 50/50 of 0.03 gives
  // 0.02 (0.015 rounded half away) and the residual 0.01 on the last line.
  absl::StatusOr<PaymentSchedule> schedule =
      Terms("50% net 2, 50% net 4").Schedule(MakeDate(2016, 1, 1), Eur("0.03"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule), ElementsAre("0.02", "0.01"));
  // Odoo test_payment_term_compute_method_without_cash_discount: 50% at 2
  // days, 50% at 4 days of 1150 -> 575.00 on 2016-01-03 and on 2016-01-05.
  schedule = Terms("50% net 2, 50% net 4")
                 .Schedule(MakeDate(2016, 1, 1), Eur("1150.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule), ElementsAre("575.00", "575.00"));
  EXPECT_THAT(InstalmentDueDates(*schedule),
              ElementsAre(MakeDate(2016, 1, 3), MakeDate(2016, 1, 5)));
  // ERPNext test_payment_entry_against_payment_terms: 84.746% and 15.254% of
  // 236.00 -> 200.00 and 36.00.
  schedule = Terms("84.746% net 1, 15.254% net 2")
                 .Schedule(MakeDate(2026, 1, 1), Eur("236.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule), ElementsAre("200.00", "36.00"));
  // Odoo test_payment_term (v17): 30% at 15 days, 70% at 45 days, invoice
  // 2022-01-31 -> 2022-02-15 and 2022-03-17.
  schedule = Terms("30% net 15, 70% net 45")
                 .Schedule(MakeDate(2022, 1, 31), Eur("100.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentDueDates(*schedule),
              ElementsAre(MakeDate(2022, 2, 15), MakeDate(2022, 3, 17)));
  // 30% now, 70% net 60 of 1000.01: 300.003 -> 300.00; the last line takes
  // the rest, 700.01.
  schedule = Terms("30% now, 70% net 60")
                 .Schedule(MakeDate(2026, 1, 31), Eur("1000.01"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule), ElementsAre("300.00", "700.01"));
  EXPECT_EQ(schedule->final_due_date, MakeDate(2026, 4, 1));
}

TEST(Terms, FixedAndBalanceLines) {
  // Odoo test_payment_term_last_balance_line_with_fixed: 70%, fixed 200,
  // last line the residual -> 700, 200, 100.
  TermsSpec spec;
  spec.lines.push_back({.share = InstalmentLine::Share::kPercent,
                        .percent = Rate::FromPercent(70)});
  spec.lines.push_back({.share = InstalmentLine::Share::kFixed,
                        .fixed = Eur("200.00"),
                        .due = *DateFormula::Parse("30D")});
  spec.lines.push_back({.share = InstalmentLine::Share::kBalance,
                        .due = *DateFormula::Parse("60D")});
  absl::StatusOr<PaymentTerms> terms = PaymentTerms::Create(spec);
  ASSERT_THAT(terms, IsOk());
  absl::StatusOr<PaymentSchedule> schedule =
      terms->Schedule(MakeDate(2026, 1, 1), Eur("1000.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule),
              ElementsAre("700.00", "200.00", "100.00"));
  // Odoo ..._with_fixed_negative gives -200 on the last line; relance refuses
  // a negative instalment instead (70% + 500 > 1000 - 0).
  spec.lines[1].fixed = Eur("500.00");
  terms = PaymentTerms::Create(spec);
  ASSERT_THAT(terms, IsOk());
  EXPECT_THAT(terms->Schedule(MakeDate(2026, 1, 1), Eur("1000.00")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the balance would be -200.00 EUR")));
  // Tryton test_payment_term: 25%, 25%, fixed 396.84, remainder of 1587.35
  // -> 396.84, 396.84, 396.84, 396.83.
  TermsSpec tryton;
  for (int i = 0; i < 2; ++i) {
    tryton.lines.push_back({.share = InstalmentLine::Share::kPercent,
                            .percent = Rate::FromPercent(25)});
  }
  tryton.lines.push_back(
      {.share = InstalmentLine::Share::kFixed, .fixed = Eur("396.84")});
  tryton.lines.push_back({.share = InstalmentLine::Share::kBalance});
  schedule = PaymentTerms::Create(tryton)->Schedule(MakeDate(2011, 10, 1),
                                                    Eur("1587.35"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule),
              ElementsAre("396.84", "396.84", "396.84", "396.83"));
  // A fixed line in another currency is an error at schedule time.
  EXPECT_THAT(
      terms->Schedule(MakeDate(2026, 1, 1), *Money::Parse("1000.00 USD")),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("invoice is in USD")));
}

TEST(Terms, RoundingModeIsConfigurable) {
  // 30% now, balance at 60 days, of 0.05: 30% = 1.5 cents, rounded once.
  // Half away from zero (the default) gives 0.02, so the balance is 0.03;
  // half toward zero gives 0.01 and a balance of 0.04.
  absl::StatusOr<PaymentSchedule> schedule =
      Terms("30% now, net 60").Schedule(MakeDate(2016, 1, 1), Eur("0.05"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule), ElementsAre("0.02", "0.03"));
  TermsParseOptions toward_zero{.rounding = RoundingMode::kHalfTowardZero};
  schedule = Terms("30% now, net 60", toward_zero)
                 .Schedule(MakeDate(2016, 1, 1), Eur("0.05"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule), ElementsAre("0.01", "0.04"));
}

TEST(Terms, PercentagesAreRoundedOnceThenSplitByLargestRemainder) {
  // Five lines of 20% of 0.03: each exact share is 0.6 cent. Rounding each
  // one (to 1 cent) gave 5 cents, and the last line had to take -2 cents.
  // Now the percentages add up to 100%, so their portion is the whole 3
  // cents; the shares 0.6 have floors 0 and equal remainders 0.6, so the 3
  // cents go to the first three lines.
  absl::StatusOr<PaymentSchedule> schedule =
      Terms("20% now, 20% net 30, 20% net 60, 20% net 90, 20% net 120")
          .Schedule(MakeDate(2026, 1, 1), Eur("0.03"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule),
              ElementsAre("0.01", "0.01", "0.01", "0.00", "0.00"));
  // 30%, 30% and the balance of 0.05: the percentage portion is 60% x 5 =
  // 3 cents, split 1.5 / 1.5 -> floors 1 and 1, the left-over cent to the
  // first (equal remainders); the balance is 5 - 3 = 2 cents. (Rounding
  // each 30% on its own would have given 2 + 2 and a balance of 1.)
  schedule = Terms("30% now, 30% net 30, net 60")
                 .Schedule(MakeDate(2026, 1, 1), Eur("0.05"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule),
              ElementsAre("0.02", "0.01", "0.02"));
  // A credit note splits the same way, negated: 50/50 of -0.03.
  schedule = Terms("50% net 2, 50% net 4")
                 .Schedule(MakeDate(2016, 1, 1), Eur("-0.03"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule), ElementsAre("-0.02", "-0.01"));
}

TEST(Terms, BusinessDayAdjustment) {
  // Net 30 from Thursday 2026-04-02 is Saturday 2026-05-02: following on FR
  // gives Monday 2026-05-04 (Friday 1 May is a holiday anyway).
  TermsParseOptions options{
      .adjustment = BusinessDayAdjustment{.calendar = *BuiltinCalendar("FR")}};
  absl::StatusOr<PaymentSchedule> schedule =
      Terms("net 30", options).Schedule(MakeDate(2026, 4, 2), Eur("10.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_EQ(schedule->instalments[0].unadjusted_due_date, MakeDate(2026, 5, 2));
  EXPECT_EQ(schedule->instalments[0].due_date, MakeDate(2026, 5, 4));
  // Preceding instead: Thursday 30 April.
  options.adjustment->convention = BusinessDayConvention::kPreceding;
  EXPECT_EQ(DueDate("net 30", MakeDate(2026, 4, 2), options),
            MakeDate(2026, 4, 30));
  // A business-day formula needs the calendar.
  EXPECT_THAT(PaymentTerms::Parse("10WD"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("counts business days")));
  EXPECT_EQ(DueDate("10WD", MakeDate(2026, 4, 30), options),
            MakeDate(2026, 5, 19));
}

TEST(Terms, BusinessDayDiscountDeadlinesUseTheLineCalendar) {
  const auto tier = [](const char* within) {
    return DiscountTier{.percent = Rate::FromPercent(2),
                        .within = *DateFormula::Parse(within)};
  };
  const BusinessDayAdjustment fr{.calendar = *BuiltinCalendar("FR")};
  // Without a calendar, a tier counting business days can never be
  // evaluated: refused when the terms are created.
  TermsSpec spec;
  spec.lines.push_back({.due = *DateFormula::Parse("30D"),
                        .discounts = {tier("10D"), tier("10WD")}});
  EXPECT_THAT(PaymentTerms::Create(spec),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("terms: lines[0].discounts[1].within: date "
                                 "formula \"10WD\" counts business days")));
  TermsSpec whole;
  whole.lines.push_back({.due = *DateFormula::Parse("30D")});
  whole.discounts.push_back(tier("10WD"));
  EXPECT_THAT(PaymentTerms::Create(whole),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("terms: discounts[0].within: date formula "
                                 "\"10WD\" counts business days")));
  // With the line's adjustment calendar: from Thursday 2026-04-30, 10
  // business days of FR skip 1 May (Fri), the weekends, 8 May (Victoire
  // 1945) and 14 May (Ascension): 4,5,6,7, 11,12,13, 15, 18,19 May -> 19 May.
  spec.lines[0].adjustment = fr;
  absl::StatusOr<PaymentTerms> terms = PaymentTerms::Create(spec);
  ASSERT_THAT(terms, IsOk());
  absl::StatusOr<PaymentSchedule> schedule =
      terms->Schedule(MakeDate(2026, 4, 30), Eur("100.00"));
  ASSERT_THAT(schedule, IsOk());
  ASSERT_EQ(schedule->instalments[0].discounts.size(), 2u);
  EXPECT_EQ(schedule->instalments[0].discounts[0].deadline,
            MakeDate(2026, 5, 10));
  EXPECT_EQ(schedule->instalments[0].discounts[1].deadline,
            MakeDate(2026, 5, 19));
  // Whole-invoice tiers use the first line's calendar.
  whole.lines[0].adjustment = fr;
  terms = PaymentTerms::Create(whole);
  ASSERT_THAT(terms, IsOk());
  schedule = terms->Schedule(MakeDate(2026, 4, 30), Eur("100.00"));
  ASSERT_THAT(schedule, IsOk());
  ASSERT_EQ(schedule->discounts.size(), 1u);
  EXPECT_EQ(schedule->discounts[0].deadline, MakeDate(2026, 5, 19));
  EXPECT_EQ(schedule->discounts[0].discount, Eur("2.00"));
}

TEST(Terms, UpperCaseTextIsRecognised) {
  // Case is folded with an ASCII-only rule (not std::tolower, which follows
  // the process locale: in a Turkish single-byte locale 'I' folds to a
  // dotless i and "DUE ON RECEIPT" would no longer match). Accented capitals
  // are folded too: "À RÉCEPTION".
  const Date jan31 = MakeDate(2026, 1, 31);
  absl::StatusOr<PaymentTerms> receipt = PaymentTerms::Parse("DUE ON RECEIPT");
  ASSERT_THAT(receipt, IsOk());
  EXPECT_THAT(receipt->DueDates(jan31), IsOkAndHolds(ElementsAre(jan31)));
  absl::StatusOr<PaymentTerms> eom = PaymentTerms::Parse("NET 30 EOM");
  ASSERT_THAT(eom, IsOk());
  EXPECT_EQ(eom->spec().lines[0].due.ToString(), "CM+30D");
  absl::StatusOr<PaymentTerms> french = PaymentTerms::Parse("À RÉCEPTION");
  ASSERT_THAT(french, IsOk());
  EXPECT_THAT(french->DueDates(jan31), IsOkAndHolds(ElementsAre(jan31)));
}

TEST(Terms, ParseRejectsMalformedTermsNamingTheFault) {
  const auto error = [](const char* text, const char* fragment) {
    EXPECT_THAT(
        PaymentTerms::Parse(text),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(fragment)))
        << text;
  };
  error("", "empty");
  error("net thirty",
        "terms \"net thirty\" at column 1: \"net thirty\" is neither");
  error("2/10 net 30, sometime", "at column 14: \"sometime\" is neither");
  error("30% net 30", "percentages add up to 30.00%");
  error("60% net 30, 60% net 60", "percentages add up to 120.00%");
  error("net 30, net 60", "a second balance line");
  error("2/10", "no due date");
  error("x/10 net 30", "\"x/10\" is not a discount");
  error("100/10 net 30", "outside (0%, 100%)");
  error("30%", "a percentage needs a due date");
  error("net 30,", "at column 8: empty clause");
  error("le 40 du mois suivant", "day 40 of a month is outside 1..31");
}

TEST(Terms, CreateRejectsTermsWithoutInstalmentLines) {
  TermsSpec empty;
  EXPECT_THAT(PaymentTerms::Create(empty),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no instalment line")));
}

TEST(Terms, CreateRejectsFixedLinesWithoutABalanceLine) {
  TermsSpec fixed_only;
  fixed_only.lines.push_back(
      {.share = InstalmentLine::Share::kFixed, .fixed = Eur("10.00")});
  EXPECT_THAT(PaymentTerms::Create(fixed_only),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("need a balance line")));
}

TEST(Terms, CreateRejectsLineAndInvoiceDiscountsTogether) {
  TermsSpec both_discounts;
  both_discounts.lines.push_back(
      {.discounts = {{.percent = Rate::FromPercent(2)}}});
  both_discounts.discounts.push_back({.percent = Rate::FromPercent(1)});
  EXPECT_THAT(PaymentTerms::Create(both_discounts),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cannot be combined")));
}

TEST(Terms, PerInstalmentDiscounts) {
  // Odoo 16 test_payment_term_compute_method ("included"): 10% at 2 days
  // with 10% discount, 20% at 4 days with 20%, 20% at 6 days, balance at 8
  // days with 20%, total 1150 -> amounts 115, 230, 230, 575; discounted
  // balances 103.5, 184, -, 460.
  TermsSpec spec;
  const auto line = [](InstalmentLine::Share share, int64_t percent,
                       const char* due, std::vector<DiscountTier> tiers) {
    return InstalmentLine{.share = share,
                          .percent = Rate::FromPercent(percent),
                          .due = *DateFormula::Parse(due),
                          .discounts = std::move(tiers)};
  };
  const auto tier = [](int64_t percent, const char* within) {
    return DiscountTier{.percent = Rate::FromPercent(percent),
                        .within = *DateFormula::Parse(within)};
  };
  spec.lines.push_back(
      line(InstalmentLine::Share::kPercent, 10, "2D", {tier(10, "1D")}));
  spec.lines.push_back(
      line(InstalmentLine::Share::kPercent, 20, "4D", {tier(20, "3D")}));
  spec.lines.push_back(line(InstalmentLine::Share::kPercent, 20, "6D", {}));
  spec.lines.push_back(
      line(InstalmentLine::Share::kBalance, 0, "8D", {tier(20, "7D")}));
  absl::StatusOr<PaymentSchedule> schedule =
      PaymentTerms::Create(spec)->Schedule(MakeDate(2016, 1, 1),
                                           Eur("1150.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule),
              ElementsAre("115.00", "230.00", "230.00", "575.00"));
  EXPECT_EQ(schedule->instalments[0].discounts[0].net_payable, Eur("103.50"));
  EXPECT_EQ(schedule->instalments[1].discounts[0].net_payable, Eur("184.00"));
  EXPECT_TRUE(schedule->instalments[2].discounts.empty());
  EXPECT_EQ(schedule->instalments[3].discounts[0].net_payable, Eur("460.00"));
  EXPECT_EQ(schedule->instalments[3].discounts[0].deadline,
            MakeDate(2016, 1, 8));
}

std::vector<std::string> DiscountAmounts(
    const std::vector<ScheduledDiscount>& discounts) {
  std::vector<std::string> amounts;
  for (const ScheduledDiscount& d : discounts) {
    amounts.push_back(d.discount.FormatAmount() + " off, pay " +
                      d.net_payable.FormatAmount());
  }
  return amounts;
}

TEST(Terms, PhrasesForDaysAfterTheInvoice) {
  // "Paiement à 30 jours", "due in 30 days": 30 days after the invoice.
  const Date jan31 = MakeDate(2026, 1, 31);
  EXPECT_EQ(DueDate("paiement à 30 jours", jan31), MakeDate(2026, 3, 2));
  EXPECT_EQ(DueDate("Paiement a 30 jours", jan31), MakeDate(2026, 3, 2));
  EXPECT_EQ(DueDate("due in 30 days", jan31), MakeDate(2026, 3, 2));
  EXPECT_EQ(DueDate("payable within 30 days", jan31), MakeDate(2026, 3, 2));
}

// What invoices print in their payment terms (EN 16931 BT-20): a lead-in
// ("Paiement à", "Payable à", "Règlement à", "Due within", ...) before a
// phrase counting days. Each reads exactly as the phrase without it. Invoice
// of 2026-01-15 (January has 31 days, February 2026 28):
//   30D: 01-15 + 16 = 01-31, + 14 = 02-14
//   60D: 02-14 + 14 = 02-28, + 16 = 03-16
//   45D+CM (45 jours fin de mois, default reading): 02-28 is + 44, so 03-01,
//     then the month end 03-31
//   30D+CM: 02-14, then 02-28
//   30D+CM+D10: 02-28, then the next 10th, 03-10
//   CM+30D (30 days EOM): 01-31 + 28 = 02-28, + 2 = 03-02
TEST(Terms, LeadInsBeforeDayPhrasesChangeNothing) {
  const Date jan15 = MakeDate(2026, 1, 15);
  struct Case {
    const char* led;
    const char* plain;
    Date due;
  };
  const Case cases[] = {
      {"Paiement à 30 jours date de facture", "30 jours date de facture",
       MakeDate(2026, 2, 14)},
      {"Paiement à 45 jours fin de mois", "45 jours fin de mois",
       MakeDate(2026, 3, 31)},
      {"Payable à 30 jours nets", "30 jours nets", MakeDate(2026, 2, 14)},
      {"Règlement à 30 jours fin de mois", "30 jours fin de mois",
       MakeDate(2026, 2, 28)},
      {"Règlement à 60 jours date de facture", "60 jours date de facture",
       MakeDate(2026, 3, 16)},
      {"Paiement à 30 jours fin de mois le 10", "30 jours fin de mois le 10",
       MakeDate(2026, 3, 10)},
      // The unaccented "a", and capitals without accents.
      {"Paiement a 45 jours fin de mois", "45 jours fin de mois",
       MakeDate(2026, 3, 31)},
      {"REGLEMENT A 30 JOURS FDM", "30 jours fdm", MakeDate(2026, 2, 28)},
      {"RÈGLEMENT À 60 JOURS DATE DE FACTURATION",
       "60 jours date de facturation", MakeDate(2026, 3, 16)},
      // "à" alone, as before before "N jours", now before any "N jours ...".
      {"à 45 jours fin de mois", "45 jours fin de mois", MakeDate(2026, 3, 31)},
      // "sous" (within), and leads before "à réception" (due on the issue
      // date: a due date of 2026-01-15).
      {"Paiement sous 30 jours", "30 jours", MakeDate(2026, 2, 14)},
      {"Règlement sous 45 jours fin de mois", "45 jours fin de mois",
       MakeDate(2026, 3, 31)},
      {"Paiement à réception", "à réception", jan15},
      {"Règlement à réception de facture", "à réception de facture", jan15},
      {"Payable a reception", "a reception", jan15},
      // English.
      {"Payment within 30 days", "30 days", MakeDate(2026, 2, 14)},
      {"Payment in 30 days", "30 days", MakeDate(2026, 2, 14)},
      {"Payment on receipt", "on receipt", jan15},
      {"Payable upon receipt", "upon receipt", jan15},
      {"Payable within 30 days", "30 days", MakeDate(2026, 2, 14)},
      {"Due within 30 days", "30 days", MakeDate(2026, 2, 14)},
      {"Payment due within 60 days net", "60 days net", MakeDate(2026, 3, 16)},
      {"Due within 30 days EOM", "30 days EOM", MakeDate(2026, 3, 2)},
      {"Payable within 45 days end of month", "45 days end of month",
       MakeDate(2026, 3, 31)},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DueDate(c.plain, jan15), c.due) << c.plain;
    EXPECT_EQ(DueDate(c.led, jan15), c.due) << c.led;
    EXPECT_EQ(Terms(c.led).ToString(), Terms(c.plain).ToString()) << c.led;
  }
  // The other reading of "45 jours fin de mois" follows too: CM+45D,
  // 01-31 + 28 = 02-28, + 17 = 03-17.
  const TermsParseOptions eom_then_days{
      .end_of_month_reading = EndOfMonthReading::kEndOfMonthThenDays};
  EXPECT_EQ(DueDate("Paiement à 45 jours fin de mois", jan15, eom_then_days),
            MakeDate(2026, 3, 17));
  EXPECT_EQ(Terms("Paiement à 45 jours fin de mois", eom_then_days)
                .spec()
                .end_of_month_reading,
            EndOfMonthReading::kEndOfMonthThenDays);
  EXPECT_EQ(Terms("Paiement à 30 jours fin de mois le 10", eom_then_days)
                .spec()
                .lines[0]
                .due.ToString(),
            "CM+30D-1D+D10");
  // With a share and a cut-off, as the plain phrase.
  EXPECT_EQ(
      Terms("30% à réception, 70% paiement à 45 jours fin de mois "
            "cutoff 25")
          .ToString(),
      Terms("30% à réception, 70% 45 jours fin de mois cutoff 25").ToString());
}

TEST(Terms, LeadInsAreRefusedElsewhere) {
  const auto neither = [](const char* text, const char* fragment) {
    EXPECT_THAT(
        PaymentTerms::Parse(text),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(fragment)))
        << text;
  };
  // Words after the phrase.
  neither("Paiement sous 30 jours bientôt",
          "terms \"Paiement sous 30 jours bientôt\" at column 1: "
          "\"Paiement sous 30 jours bientôt\" is neither known terms");
  neither("Paiement à 30 jours bientôt", "is neither known terms");
  // One lead, before a phrase counting days in its own language only.
  neither("Paiement à à 30 jours", "is neither known terms");
  neither("Paiement à 30 days", "is neither known terms");
  neither("Due within 30 jours", "is neither known terms");
  neither("Paiement à fin de mois 45 jours", "is neither known terms");
  neither("Due within net 30", "is neither known terms");
  // In a later clause the column is the clause's.
  neither("2/10, paiement à trente jours",
          "at column 7: \"paiement à trente jours\" is neither");
}

TEST(Terms, NetDaysEomCountsFromTheEndOfTheInvoiceMonth) {
  // "Net 30 days EOM": 30 days after the end of the invoice month.
  EXPECT_EQ(DueDate("net 30 days EOM", MakeDate(2026, 1, 10)),
            MakeDate(2026, 3, 2));
}

TEST(Terms, JoursFinDeMoisLeDixIsOdooDaysEndOfMonthOnThe) {
  // "30 jours fin de mois le 10" is Odoo 17's "days end of month on the":
  // its test_payment_term_days_end_of_month_on_the, 30 days, the 10th, from
  // 2023-12-12: 2024-02-10. Both readings agree there (30D+CM+D10:
  // 2024-01-11 -> 01-31 -> 02-10; CM+30D-1D+D10: 2023-12-31 + 30 = 2024-01-30
  // -> the first 10th on or after it: 02-10).
  EXPECT_EQ(DueDate("30 jours fin de mois le 10", MakeDate(2023, 12, 12)),
            MakeDate(2024, 2, 10));
  const TermsParseOptions eom_then_days{
      .end_of_month_reading = EndOfMonthReading::kEndOfMonthThenDays};
  EXPECT_EQ(DueDate("30 jours fin de mois le 10", MakeDate(2023, 12, 12),
                    eom_then_days),
            MakeDate(2024, 2, 10));
  EXPECT_EQ(Terms("30 jours fin de mois le 10").spec().lines[0].due.ToString(),
            "30D+CM+D10");
  EXPECT_EQ(Terms("30 jours fin de mois le 10", eom_then_days)
                .spec()
                .lines[0]
                .due.ToString(),
            "CM+30D-1D+D10");
  // From 2024-03-05: 04-04 -> 04-30 -> 05-10.
  EXPECT_EQ(DueDate("30 jours fin de mois le 10", MakeDate(2024, 3, 5)),
            MakeDate(2024, 5, 10));
}

TEST(Terms, EndOfMonthDatingOfDiscounts) {
  // The AMA's definition of EOM dating (Monash Marketing Dictionary, "End of
  // Month Dating (EOM)"): "the cash discount and the net credit periods begin
  // on the first day of the following month"; its example ships on June 16
  // and the discount may be taken through July 10, the net due July 30.
  // relance reads "2/10 EOM net 30" that way: 2 % until CM+10D, due CM+30D.
  for (const char* text : {"2/10 EOM net 30", "2/10 net 30 EOM"}) {
    absl::StatusOr<PaymentSchedule> schedule =
        Terms(text).Schedule(MakeDate(2026, 6, 16), Eur("1000.00"));
    ASSERT_THAT(schedule, IsOk()) << text;
    EXPECT_THAT(InstalmentDueDates(*schedule),
                ElementsAre(MakeDate(2026, 7, 30)))
        << text;
    ASSERT_EQ(schedule->discounts.size(), 1u) << text;
    EXPECT_EQ(schedule->discounts[0].deadline, MakeDate(2026, 7, 10)) << text;
  }
  // Without EOM the discount counts from the invoice date, as before.
  EXPECT_EQ(Terms("2/10 net 30").spec().discounts[0].within.ToString(), "10D");
}

TEST(Terms, TypographyIsNormalisedBeforeMatching) {
  const Date jan31 = MakeDate(2026, 1, 31);
  // U+00A0 and U+202F (French typography before % and inside phrases), tabs.
  EXPECT_EQ(DueDate("30\u00a0jours fin de mois", MakeDate(2023, 1, 15)),
            MakeDate(2023, 2, 28));
  EXPECT_EQ(DueDate("net\t30", jan31), MakeDate(2026, 3, 2));
  absl::StatusOr<PaymentTerms> escompte =
      PaymentTerms::Parse("escompte 2\u202f% \u00e0 10 jours, net 30");
  ASSERT_THAT(escompte, IsOk());
  EXPECT_EQ(escompte->spec().discounts[0].percent, Rate::FromPercent(2));
  // Decomposed accents (NFD): "a" U+0300 is "à", "e" U+0301 is "é".
  EXPECT_EQ(DueDate("a\u0300 re\u0301ception", jan31), jan31);
  EXPECT_EQ(DueDate("paiement a\u0300 30 jours", jan31), MakeDate(2026, 3, 2));
  EXPECT_EQ(DueDate("A\u0300 R\u00c9CEPTION", jan31), jan31);
  // The text kept for display is the caller's.
  EXPECT_EQ(Terms("net\t30").spec().source_text, "net\t30");
}

TEST(Terms, FormulaErrorsAreReportedPrecisely) {
  EXPECT_THAT(PaymentTerms::Parse("D32"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("day 32 is outside 1..31")));
  EXPECT_THAT(PaymentTerms::Parse("net 30, 100000D"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("number too large")));
  EXPECT_THAT(PaymentTerms::Parse("CM+45X"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown unit 'X'")));
  // Words are still "neither known terms nor a formula".
  EXPECT_THAT(PaymentTerms::Parse("net thirty"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is neither known terms")));
}

TEST(Terms, CreditNotesMirrorInvoices) {
  // Tryton's test_negative_amount: 25 % of the remainder, 25 % of the total,
  // fixed 4.0, remainder, on -10.00: -2.5, -2.5, -4.0, -1.0 (the fixed line
  // takes the total's sign).
  TermsSpec tryton;
  for (int i = 0; i < 2; ++i) {
    tryton.lines.push_back({.share = InstalmentLine::Share::kPercent,
                            .percent = Rate::FromPercent(25)});
  }
  tryton.lines.push_back(
      {.share = InstalmentLine::Share::kFixed, .fixed = Eur("4.00")});
  tryton.lines.push_back({.share = InstalmentLine::Share::kBalance});
  absl::StatusOr<PaymentTerms> terms = PaymentTerms::Create(tryton);
  ASSERT_THAT(terms, IsOk());
  absl::StatusOr<PaymentSchedule> credit =
      terms->Schedule(MakeDate(2011, 10, 1), Eur("-10.00"));
  ASSERT_THAT(credit, IsOk());
  EXPECT_THAT(InstalmentAmounts(*credit),
              ElementsAre("-2.50", "-2.50", "-4.00", "-1.00"));
  // The mirror holds for every rounding: 30 % of 0.05 is 0.015, 0.02 half
  // away from zero, so -0.02 and -0.03 (never -0.01 and -0.04).
  absl::StatusOr<PaymentSchedule> small =
      Terms("30% now, net 60").Schedule(MakeDate(2026, 1, 1), Eur("-0.05"));
  ASSERT_THAT(small, IsOk());
  EXPECT_THAT(InstalmentAmounts(*small), ElementsAre("-0.02", "-0.03"));
  absl::StatusOr<PaymentSchedule> invoice =
      Terms("30% now, net 60").Schedule(MakeDate(2026, 1, 1), Eur("0.05"));
  ASSERT_THAT(invoice, IsOk());
  EXPECT_THAT(InstalmentAmounts(*invoice), ElementsAre("0.02", "0.03"));
  // Discounts are mirrored too: 2 % of -1000.00.
  credit =
      Terms("2/10 net 30").Schedule(MakeDate(2026, 1, 31), Eur("-1000.00"));
  ASSERT_THAT(credit, IsOk());
  EXPECT_THAT(DiscountAmounts(credit->discounts),
              ElementsAre("-20.00 off, pay -980.00"));
  // Fixed lines larger than the credit note are refused as for invoices.
  EXPECT_THAT(terms->Schedule(MakeDate(2011, 10, 1), Eur("-5.00")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("exceed the total")));
}

TEST(Terms, ZeroTotalGivesZeroInstalmentsOnTheirDates) {
  // Nothing is owed; one zero instalment per line keeps the dates visible
  // and the shape of the schedule independent of the amount (Tryton's
  // test_payment_term_with_empty_value gives a single zero term instead).
  TermsSpec spec;
  spec.lines.push_back({.share = InstalmentLine::Share::kFixed,
                        .fixed = Eur("100.00"),
                        .due = *DateFormula::Parse("10D")});
  spec.lines.push_back({.share = InstalmentLine::Share::kBalance,
                        .due = *DateFormula::Parse("1M")});
  absl::StatusOr<PaymentSchedule> zero =
      PaymentTerms::Create(spec)->Schedule(MakeDate(2016, 5, 17), Eur("0.00"));
  ASSERT_THAT(zero, IsOk());
  EXPECT_THAT(InstalmentAmounts(*zero), ElementsAre("0.00", "0.00"));
  EXPECT_THAT(InstalmentDueDates(*zero),
              ElementsAre(MakeDate(2016, 5, 27), MakeDate(2016, 6, 17)));
}

// Odoo 17 test_early_payment_discount.py, a 10 % discount within 10 days.
TEST(Terms, DiscountOnTheTotal) {
  // test_register_discounted_payment_on_single_invoice_with_tax ('included'):
  // 1500.00 + 15 % = 1725.00, paid early 1552.50.
  absl::StatusOr<PaymentSchedule> schedule =
      Terms("10/10 net 30")
          .Schedule(MakeDate(2019, 1, 1), Eur("1725.00"), Eur("225.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(DiscountAmounts(schedule->discounts),
              ElementsAre("172.50 off, pay 1552.50"));
  EXPECT_FALSE(schedule->tax_reduction.has_value());
}

TEST(Terms, DiscountOnTheUntaxedAmount) {
  const TermsParseOptions untaxed{.discount_base = DiscountBase::kUntaxed};
  // Odoo test_register_payment_batch_excluded: 1000.00 + 15 % tax, 'excluded':
  // 100.00 off 1150.00 (the batch with an untaxed 2000.00 pays 2850.00 of
  // 3150.00: 300.00 off).
  absl::StatusOr<PaymentSchedule> schedule =
      Terms("10/10 net 30", untaxed)
          .Schedule(MakeDate(2019, 1, 1), Eur("1150.00"), Eur("150.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(DiscountAmounts(schedule->discounts),
              ElementsAre("100.00 off, pay 1050.00"));
  // Business Central with Pmt. Disc. Excl. VAT (the discount is computed on
  // the Amount field, not Amount Including VAT): 2 % of 1000.00 of an
  // invoice of 1200.00 with 20 % VAT is 20.00 (24.00 on the total).
  schedule =
      Terms("2/8 net 30", untaxed)
          .Schedule(MakeDate(2026, 1, 15), Eur("1200.00"), Eur("200.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(DiscountAmounts(schedule->discounts),
              ElementsAre("20.00 off, pay 1180.00"));
  // Per-instalment discounts take the instalment's share of the tax: two
  // halves of 1200.00 with 200.00 tax: 2 % of 500.00 each.
  TermsSpec halves;
  halves.discount_base = DiscountBase::kUntaxed;
  for (const char* due : {"30D", "60D"}) {
    halves.lines.push_back(
        {.share = InstalmentLine::Share::kPercent,
         .percent = Rate::FromPercent(50),
         .due = *DateFormula::Parse(due),
         .discounts = {{.percent = Rate::FromPercent(2),
                        .within = *DateFormula::Parse("10D")}}});
  }
  schedule = PaymentTerms::Create(halves)->Schedule(
      MakeDate(2026, 1, 15), Eur("1200.00"), Eur("200.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(DiscountAmounts(schedule->instalments[1].discounts),
              ElementsAre("10.00 off, pay 590.00"));
  // Credit notes mirror: -1150.00 with -150.00 tax.
  schedule =
      Terms("10/10 net 30", untaxed)
          .Schedule(MakeDate(2019, 1, 1), Eur("-1150.00"), Eur("-150.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(DiscountAmounts(schedule->discounts),
              ElementsAre("-100.00 off, pay -1050.00"));
  // The base needs the tax; the tax must fit the total.
  EXPECT_THAT(Terms("10/10 net 30", untaxed)
                  .Schedule(MakeDate(2019, 1, 1), Eur("1150.00")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("need the invoice's tax amount")));
  EXPECT_THAT(
      Terms("10/10 net 30", untaxed)
          .Schedule(MakeDate(2019, 1, 1), Eur("100.00"), Eur("150.00")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not exceed it")));
  EXPECT_THAT(Terms("10/10 net 30", untaxed)
                  .Schedule(MakeDate(2019, 1, 1), Eur("100.00"),
                            *Money::Parse("15.00 USD")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not in the invoice's currency")));
  // Terms without discounts need no tax.
  EXPECT_THAT(
      Terms("net 30", untaxed).Schedule(MakeDate(2019, 1, 1), Eur("1150.00")),
      IsOk());
}

TEST(Terms, MixedDiscountBaseReducesTheInvoiceTax) {
  const TermsParseOptions mixed{.discount_base = DiscountBase::kMixed};
  // Odoo test_mixed_epd_with_draft_invoice: 1000.00 with 10 % tax, a 10 %
  // discount, 'mixed': the tax is 90.00 (on a base of 900.00) and the total
  // 1090.00. relance takes the total and tax before that reduction.
  absl::StatusOr<PaymentSchedule> schedule =
      Terms("10/10 net 30", mixed)
          .Schedule(MakeDate(2022, 2, 21), Eur("1100.00"), Eur("100.00"));
  ASSERT_THAT(schedule, IsOk());
  ASSERT_TRUE(schedule->tax_reduction.has_value());
  EXPECT_EQ(schedule->tax_reduction->FormatAmount(), "10.00");
  EXPECT_THAT(InstalmentAmounts(*schedule), ElementsAre("1090.00"));
  EXPECT_THAT(DiscountAmounts(schedule->discounts),
              ElementsAre("100.00 off, pay 990.00"));
  // test_register_payment_batch_mixed: 1000.00 + 15 %: invoice 1135.00, paid
  // early 1035.00 (the batch with an untaxed 2000.00: 2835.00 of 3135.00).
  schedule = Terms("10/10 net 30", mixed)
                 .Schedule(MakeDate(2019, 1, 1), Eur("1150.00"), Eur("150.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule), ElementsAre("1135.00"));
  EXPECT_THAT(DiscountAmounts(schedule->discounts),
              ElementsAre("100.00 off, pay 1035.00"));
  // One whole-invoice tier only: the invoice's tax is reduced once.
  EXPECT_THAT(PaymentTerms::Parse("1/10 2/5 net 30", mixed),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("one whole-invoice discount tier")));
}

TEST(Terms, CutOffDayMovesLaterInvoicesAMonthOn) {
  // SAP KBA 2926267: invoices dated the 1st to the 9th are due on the 10th
  // of the next month, those from the 26th on the 10th of the month after.
  // "10th proximo cutoff 25" gives both (and the 10th..25th the next 10th).
  const PaymentTerms terms = Terms("10th proximo cutoff 25");
  EXPECT_EQ(terms.spec().lines[0].cutoff_day, 25);
  auto due = [&](Date invoice) { return terms.DueDates(invoice)->front(); };
  EXPECT_EQ(due(MakeDate(2026, 1, 5)), MakeDate(2026, 2, 10));
  EXPECT_EQ(due(MakeDate(2026, 1, 25)), MakeDate(2026, 2, 10));
  EXPECT_EQ(due(MakeDate(2026, 1, 26)), MakeDate(2026, 3, 10));
  EXPECT_EQ(due(MakeDate(2026, 1, 31)), MakeDate(2026, 3, 10));
  EXPECT_EQ(due(MakeDate(2026, 12, 28)), MakeDate(2027, 2, 10));
  EXPECT_EQ(terms.ToString(), "100% CM+D10 cut-off 25");
}

TEST(Terms, AnyDuePhraseOrFormulaTakesACutOff) {
  // Any due phrase or formula takes a cut-off.
  EXPECT_EQ(DueDate("CM+D15 cut-off 20", MakeDate(2026, 2, 21)),
            MakeDate(2026, 4, 15));
}

TEST(Terms, CutOffDayIsADayOfTheMonthUpTo30) {
  // A cut-off on the 31st would cut off nothing.
  EXPECT_THAT(
      PaymentTerms::Parse("10th prox cutoff 31"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("a cut-off day is a day of the month, 1..30")));
}

TEST(Terms, DayLimitsChooseTheDueDateByTheInvoiceDay) {
  // SAP Help 4.6C, "Date-Specific Terms of Payment": invoices to the 15th are
  // due on the last day of the month, later ones on the 15th of the next.
  TermsSpec spec;
  spec.lines.push_back(
      {.due = *DateFormula::Parse("1M-CM-1D+D15"),
       .day_limits = {{.up_to_day = 15, .due = *DateFormula::Parse("CM")}}});
  absl::StatusOr<PaymentTerms> terms = PaymentTerms::Create(spec);
  ASSERT_THAT(terms, IsOk());
  EXPECT_EQ(terms->DueDates(MakeDate(2026, 1, 15))->front(),
            MakeDate(2026, 1, 31));
  EXPECT_EQ(terms->DueDates(MakeDate(2026, 1, 16))->front(),
            MakeDate(2026, 2, 15));
}

TEST(Terms, DayLimitsMustIncrease) {
  // A limit of day 10 after one of day 15 could never apply.
  TermsSpec spec;
  spec.lines.push_back(
      {.due = *DateFormula::Parse("1M-CM-1D+D15"),
       .day_limits = {{.up_to_day = 15, .due = *DateFormula::Parse("CM")}}});
  spec.lines[0].day_limits.push_back(
      {.up_to_day = 10, .due = *DateFormula::Parse("0D")});
  EXPECT_THAT(PaymentTerms::Create(spec),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("above the previous limit")));
}

// "99999WD" then "-99999WD+99999WD" 255 times: the 4 KB formula fuzzing
// found taking 16 s from 2026-01-15 on FR (511 business-day steps).
std::string FuzzedBusinessDayFormula() {
  std::string text = "99999WD";
  for (int i = 0; i < 255; ++i) text += "-99999WD+99999WD";
  return text;
}

TEST(Terms, TheFuzzedBusinessDayFormulaIsRefusedAtOnce) {
  const TermsParseOptions fr{
      .adjustment = BusinessDayAdjustment{.calendar = *BuiltinCalendar("FR")}};
  // The text parser tries the text as a formula, which is refused at parse
  // (more than 32 steps): nothing is evaluated.
  EXPECT_THAT(PaymentTerms::Parse(FuzzedBusinessDayFormula(), fr),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(Terms, LargeBusinessDayTermsAreExact) {
  // relance terms 99999WD --date 2026-01-15 --calendar FR (once a minute):
  // the walk one day at a time agrees, and the date is a business day, so
  // the adjustment leaves it.
  const TermsParseOptions fr{
      .adjustment = BusinessDayAdjustment{.calendar = *BuiltinCalendar("FR")}};
  testing::ReferenceBusinessDays reference(*fr.adjustment->calendar);
  const Date invoice = MakeDate(2026, 1, 15);
  EXPECT_EQ(DueDate("99999WD", invoice, fr), reference.Add(invoice, 99999));
}

TEST(Terms, DueDatesBeyond9999AreInvalidArguments) {
  EXPECT_THAT(Terms("net 30").DueDates(MakeDate(9999, 12, 31)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the date would be after 9999-12-31")));
  // An adjustment that finds no business day before the end of the range:
  // 9999-12-31 (a Friday) is a holiday of this calendar, and nothing follows.
  absl::StatusOr<BusinessCalendar> eve = BusinessCalendar::Create(
      {.code = "EVE",
       .holidays = {HolidayRule::FixedDate("New Year's Eve", 12, 31)}});
  ASSERT_THAT(eve, IsOk());
  TermsParseOptions options{
      .adjustment = BusinessDayAdjustment{
          .calendar = std::make_shared<BusinessCalendar>(*eve)}};
  EXPECT_THAT(Terms("net 0", options).DueDates(MakeDate(9999, 12, 31)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "terms: the due date would be after 9999-12-31: no "
                       "business day of calendar EVE follows 9999-12-31"));
  // Preceding finds Thursday 9999-12-30.
  options.adjustment->convention = BusinessDayConvention::kPreceding;
  EXPECT_EQ(DueDate("net 0", MakeDate(9999, 12, 31), options),
            MakeDate(9999, 12, 30));
}

}  // namespace
}  // namespace relance
