#include "relance/penalty.hpp"

#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/jurisdiction.hpp"
#include "status_matchers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

Money M(const char* text) { return *Money::Parse(text); }

PenaltyRule Preset(const char* id) {
  absl::StatusOr<PenaltyRule> rule = PenaltyPreset(id);
  EXPECT_THAT(rule, IsOk()) << id;
  return *rule;
}

PenaltyRule FixedRate(const char* rate,
                      DayCount day_count = DayCount::kActual365Fixed) {
  PenaltyRule rule{.id = "fixed"};
  rule.interest.basis = InterestRule::Basis::kFixedAnnual;
  rule.interest.rate = *Rate::Parse(rate);
  rule.interest.day_count = day_count;
  return rule;
}

PenaltyAssessment AssessOk(const PenaltyRule& rule, const InvoiceFacts& facts,
                           Date as_of) {
  absl::StatusOr<PenaltyAssessment> assessment = Assess(rule, facts, as_of);
  EXPECT_THAT(assessment, IsOk());
  return *assessment;
}

// --- Published worked examples ------------------------------------------

TEST(Penalty, FranceContractualRateLesEchos) {
  // Les Echos Publishing, "Le point sur les pénalités de retard" (2018):
  // 15 000 € TTC due 15 April 2018, paid 15 May 2018 at 15 %: "période
  // courant du 16 avril au 15 mai 2018", [(15 000 x 15 %) x (30 / 365)] =
  // 184,93 €.
  const InvoiceFacts facts{.amount = M("15000.00 EUR"),
                           .due_date = MakeDate(2018, 4, 15)};
  const PenaltyAssessment result =
      AssessOk(FixedRate("15%"), facts, MakeDate(2018, 5, 15));
  EXPECT_EQ(result.interest, M("184.93 EUR"));
  ASSERT_EQ(result.lines.size(), 1u);
  EXPECT_EQ(result.lines[0].first_day, MakeDate(2018, 4, 16));
  EXPECT_EQ(result.lines[0].last_day, MakeDate(2018, 5, 15));
  EXPECT_EQ(result.lines[0].days, 30);
}

TEST(Penalty, FranceStatutoryRate) {
  // heropay: 1 000 € late 30 days at 14,5 % = 11,92 € (first half of 2024:
  // ECB 4.50 % on 1 January + 10). 1000 x 0.145 x 30/365 = 11.9178.
  InvoiceFacts facts{.amount = M("1000.00 EUR"),
                     .due_date = MakeDate(2024, 3, 1)};
  PenaltyAssessment result =
      AssessOk(Preset("fr-b2b"), facts, MakeDate(2024, 3, 31));
  EXPECT_EQ(result.interest, M("11.92 EUR"));
  EXPECT_EQ(result.lines[0].annual_rate, Rate::FromBasisPoints(1450));
  // D441-5: 40 € per late invoice.
  EXPECT_EQ(result.compensation, M("40.00 EUR"));
  EXPECT_EQ(result.total, M("51.92 EUR"));
  // First half of 2025 (ECB 3.15 % + 10 = 13.15 %): 1000 x 0.1315 x 30/365
  // = 10.8082 -> 10.81 (a published page prints 10,82, which its own inputs
  // do not give).
  facts.due_date = MakeDate(2025, 3, 1);
  result = AssessOk(Preset("fr-b2b"), facts, MakeDate(2025, 3, 31));
  EXPECT_EQ(result.interest, M("10.81 EUR"));
}

TEST(Penalty, FranceRateChangeInsideTheDelayIsSplitBySemester) {
  // 10 000 € due 2024-05-31, assessed 2024-08-30: 1-30 June, 30 days at
  // 14.50 % = 119.178; 1 July - 30 August, 61 days at 14.25 % = 238.151;
  // total 357.329 -> 357.33 € (rounded once), plus 40 €.
  const InvoiceFacts facts{.amount = M("10000.00 EUR"),
                           .due_date = MakeDate(2024, 5, 31)};
  const PenaltyAssessment result =
      AssessOk(Preset("fr-b2b"), facts, MakeDate(2024, 8, 30));
  ASSERT_EQ(result.lines.size(), 2u);
  EXPECT_EQ(result.lines[0].last_day, MakeDate(2024, 6, 30));
  EXPECT_EQ(result.lines[0].days, 30);
  EXPECT_EQ(result.lines[1].annual_rate, Rate::FromBasisPoints(1425));
  EXPECT_EQ(result.lines[1].days, 61);
  EXPECT_EQ(result.interest, M("357.33 EUR"));
  EXPECT_EQ(result.total, M("397.33 EUR"));
}

TEST(Penalty, FranceFloorAboveTheStatutoryRateIsAnExplicitChoice) {
  // First half of 2024: ECB + 10 = 14.50 %, 3 x the legal rate for
  // professionals (5.07 %) = 15.21 %. 10 000 € due 2024-03-01, 30 days:
  // 14.50 % -> 119.18 €; 15.21 % -> 125.01 €.
  const InvoiceFacts facts{.amount = M("10000.00 EUR"),
                           .due_date = MakeDate(2024, 3, 1)};
  const PenaltyAssessment statutory =
      AssessOk(Preset("fr-b2b"), facts, MakeDate(2024, 3, 31));
  EXPECT_EQ(statutory.interest, M("119.18 EUR"));
  EXPECT_TRUE(statutory.HasFlag(PenaltyFlag::kFloorAboveRate));
  EXPECT_THAT(statutory.explanations, ::testing::Contains(HasSubstr("15.21%")));
  PenaltyRule floored = Preset("fr-b2b");
  floored.interest.floor_policy = FloorPolicy::kApply;
  const PenaltyAssessment applied =
      AssessOk(floored, facts, MakeDate(2024, 3, 31));
  EXPECT_EQ(applied.interest, M("125.01 EUR"));
  EXPECT_TRUE(applied.HasFlag(PenaltyFlag::kFloorApplied));
  EXPECT_EQ(applied.lines[0].annual_rate, Rate::FromBasisPoints(1521));
  // 2025 second half: 3 x 2.76 % = 8.28 % < 12.15 %: no flag.
  const InvoiceFacts later{.amount = M("10000.00 EUR"),
                           .due_date = MakeDate(2025, 9, 1)};
  EXPECT_TRUE(
      AssessOk(Preset("fr-b2b"), later, MakeDate(2025, 9, 30)).flags.empty());
}

TEST(Penalty, GermanyBaseRateSplitOnFirstJuly) {
  // 10 000 € B2B due 2024-05-31, assessed 2024-08-30: 30 days at 12.62 %
  // (3.62 + 9) = 103.726, 61 days at 12.37 % (3.37 + 9) = 206.732; total
  // 310.458 -> 310.46 €, plus the 40 € Verzugspauschale (§288 Abs. 5).
  const InvoiceFacts facts{.amount = M("10000.00 EUR"),
                           .due_date = MakeDate(2024, 5, 31)};
  const PenaltyAssessment result =
      AssessOk(Preset("de-b2b"), facts, MakeDate(2024, 8, 30));
  ASSERT_EQ(result.lines.size(), 2u);
  EXPECT_EQ(result.lines[0].annual_rate, Rate::FromBasisPoints(1262));
  EXPECT_EQ(result.lines[1].annual_rate, Rate::FromBasisPoints(1237));
  EXPECT_EQ(result.interest, M("310.46 EUR"));
  EXPECT_EQ(result.compensation, M("40.00 EUR"));
  // With consumers: base + 5, no Pauschale. 30 x 8.62 % + 61 x 8.37 % on
  // 10 000: 70.849 + 139.882 = 210.731 -> 210.73.
  const PenaltyAssessment consumer =
      AssessOk(Preset("de-b2c"), facts, MakeDate(2024, 8, 30));
  EXPECT_EQ(consumer.interest, M("210.73 EUR"));
  EXPECT_EQ(consumer.compensation, M("0.00 EUR"));
}

TEST(Penalty, UnitedKingdomGovUkExample) {
  // gov.uk "Late commercial payments: charging interest and debt recovery":
  // owed £1,000, base rate 0.5 %: "£85 ... 23p a day (85 / 365 = 0.23);
  // after 50 days this would be £11.50". Dated: due 2016-02-01, assessed
  // 2016-03-22 (50 days); Bank Rate on 31 December 2015 was 0.50 %.
  const InvoiceFacts facts{.amount = M("1000.00 GBP"),
                           .due_date = MakeDate(2016, 2, 1)};
  PenaltyRule rule = Preset("uk-late-payment");
  const PenaltyAssessment exact = AssessOk(rule, facts, MakeDate(2016, 3, 22));
  EXPECT_EQ(exact.lines[0].annual_rate, Rate::FromBasisPoints(850));
  // Exact: 1000 x 0.085 x 50/365 = 11.6438 -> 11.64.
  EXPECT_EQ(exact.interest, M("11.64 GBP"));
  // gov.uk's method, the daily amount rounded first: 0.23 x 50 = 11.50.
  rule.interest.rounding_point = RoundingPoint::kPerDay;
  EXPECT_EQ(AssessOk(rule, facts, MakeDate(2016, 3, 22)).interest,
            M("11.50 GBP"));
  // s.5A: a debt of £1,000 or more but under £10,000: £70.
  EXPECT_EQ(exact.compensation, M("70.00 GBP"));
}

TEST(Penalty, UnitedKingdomDailyRoundingPaidnice) {
  // Paidnice help centre: £5,000 at 12.25 % (Bank Rate 4.25 % + 8) for 101
  // days: "£1.68/day ... £1.68 x 101 days = £169.68"; exact 169.49.
  // Interest starting in July 2025 uses Bank Rate on 30 June 2025 (4.25 %).
  const InvoiceFacts facts{.amount = M("5000.00 GBP"),
                           .due_date = MakeDate(2025, 7, 1)};
  PenaltyRule rule = Preset("uk-late-payment");
  EXPECT_EQ(AssessOk(rule, facts, MakeDate(2025, 10, 10)).interest,
            M("169.49 GBP"));
  rule.interest.rounding_point = RoundingPoint::kPerDay;
  EXPECT_EQ(AssessOk(rule, facts, MakeDate(2025, 10, 10)).interest,
            M("169.68 GBP"));
}

TEST(Penalty, UnitedKingdomRateIsFixedForTheWholeDebt) {
  // Rate of Interest (No. 3) Order 2002 art. 4: interest starting 1 June
  // 2025 uses Bank Rate on 31 December 2024 (4.75 %): 12.75 % for the whole
  // delay even past 30 June. £1,000 due 2025-05-31, assessed 2025-08-31 (92
  // days): 1000 x 0.1275 x 92/365 = 32.137 -> 32.14 (not 31.29 split).
  InvoiceFacts facts{.amount = M("1000.00 GBP"),
                     .due_date = MakeDate(2025, 5, 31)};
  PenaltyAssessment result =
      AssessOk(Preset("uk-late-payment"), facts, MakeDate(2025, 8, 31));
  ASSERT_EQ(result.lines.size(), 1u);
  EXPECT_EQ(result.interest, M("32.14 GBP"));
  // One day decides the reference date: £10,000 due 2025-06-30 (interest
  // from 1 July, Bank Rate 30 June 4.25 % -> 12.25 %), 30 days: 100.68;
  // due 2025-06-29 (interest from 30 June, 31 December rate -> 12.75 %):
  // 104.79.
  facts = {.amount = M("10000.00 GBP"), .due_date = MakeDate(2025, 6, 30)};
  result = AssessOk(Preset("uk-late-payment"), facts, MakeDate(2025, 7, 30));
  EXPECT_EQ(result.interest, M("100.68 GBP"));
  EXPECT_EQ(result.compensation, M("100.00 GBP"));
  facts.due_date = MakeDate(2025, 6, 29);
  result = AssessOk(Preset("uk-late-payment"), facts, MakeDate(2025, 7, 29));
  EXPECT_EQ(result.interest, M("104.79 GBP"));
}

TEST(Penalty, UnitedKingdomCompensationBands) {
  // s.5A(2): under £1,000: £40; £1,000 to under £10,000: £70; £10,000 or
  // more: £100.
  const struct {
    const char* debt;
    const char* compensation;
  } kBands[] = {{"999.99 GBP", "40.00 GBP"},
                {"1000.00 GBP", "70.00 GBP"},
                {"9999.99 GBP", "70.00 GBP"},
                {"10000.00 GBP", "100.00 GBP"}};
  for (const auto& band : kBands) {
    const InvoiceFacts facts{.amount = M(band.debt),
                             .due_date = MakeDate(2025, 1, 31)};
    EXPECT_EQ(AssessOk(Preset("uk-late-payment"), facts, MakeDate(2025, 2, 10))
                  .compensation,
              M(band.compensation))
        << band.debt;
  }
}

TEST(Penalty, EuropeanDirectiveExample) {
  // fiscavo: €4,500 at 11 % for 30 days ≈ €40.68, plus €40.
  const InvoiceFacts facts{.amount = M("4500.00 EUR"),
                           .due_date = MakeDate(2025, 3, 1)};
  EXPECT_EQ(AssessOk(FixedRate("11%"), facts, MakeDate(2025, 3, 31)).interest,
            M("40.68 EUR"));
  // Preset: ECB 3.15 % (1 January 2025) + 8 = 11.15 %: 4500 x 0.1115 x
  // 30/365 = 41.240 -> 41.24, and 40 € (art. 6).
  const PenaltyAssessment result =
      AssessOk(Preset("eu-directive"), facts, MakeDate(2025, 3, 31));
  EXPECT_EQ(result.interest, M("41.24 EUR"));
  EXPECT_EQ(result.compensation, M("40.00 EUR"));
}

TEST(Penalty, GermanConsumerExampleAnleiter) {
  // anleiter.de: 1 000 €, 25 days, 5,12 % -> 3,51 € (act/365).
  const InvoiceFacts facts{.amount = M("1000.00 EUR"),
                           .due_date = MakeDate(2025, 1, 1)};
  EXPECT_EQ(AssessOk(FixedRate("5.12%"), facts, MakeDate(2025, 1, 26)).interest,
            M("3.51 EUR"));
}

// --- Edge cases -------------------------------------------------------------

TEST(Penalty, PaymentOnTheDueDateOwesNothing) {
  const InvoiceFacts facts{.amount = M("1000.00 EUR"),
                           .due_date = MakeDate(2025, 3, 31),
                           .settlements = {{.date = MakeDate(2025, 3, 31),
                                            .amount = M("1000.00 EUR")}}};
  const PenaltyAssessment result =
      AssessOk(Preset("fr-b2b"), facts, MakeDate(2025, 6, 30));
  EXPECT_TRUE(result.lines.empty());
  EXPECT_EQ(result.interest, M("0.00 EUR"));
  EXPECT_EQ(result.compensation, M("0.00 EUR"));
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kCompensationNotApplicable));
  EXPECT_EQ(result.principal_outstanding, M("0.00 EUR"));
}

TEST(Penalty, PaidLateInterestIsStillComputed) {
  // Fully paid 10 days late: 10 days on 1000 at 10 %: 2.7397 -> 2.74, and
  // the compensation is owed although nothing is outstanding.
  const InvoiceFacts facts{.amount = M("1000.00 EUR"),
                           .due_date = MakeDate(2025, 3, 31),
                           .settlements = {{.date = MakeDate(2025, 4, 10),
                                            .amount = M("1000.00 EUR")}}};
  PenaltyRule rule = FixedRate("10%");
  rule.compensation = {.kind = CompensationRule::Kind::kFixed,
                       .fixed = M("40.00 EUR"),
                       .basis = "D441-5"};
  const PenaltyAssessment result = AssessOk(rule, facts, MakeDate(2025, 6, 30));
  EXPECT_EQ(result.interest, M("2.74 EUR"));
  EXPECT_EQ(result.lines.back().last_day, MakeDate(2025, 4, 10));
  EXPECT_EQ(result.compensation, M("40.00 EUR"));
  EXPECT_EQ(result.principal_outstanding, M("0.00 EUR"));
  EXPECT_EQ(result.interest_outstanding, M("2.74 EUR"));
}

TEST(Penalty, PaymentsAfterAsOfAreIgnored) {
  const InvoiceFacts facts{.amount = M("1000.00 EUR"),
                           .due_date = MakeDate(2025, 1, 1),
                           .settlements = {{.date = MakeDate(2025, 3, 1),
                                            .amount = M("1000.00 EUR")}}};
  // As of 2025-01-31: 30 days on 1000 at 10 % = 8.2192 -> 8.22.
  const PenaltyAssessment result =
      AssessOk(FixedRate("10%"), facts, MakeDate(2025, 1, 31));
  EXPECT_EQ(result.interest, M("8.22 EUR"));
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kPaymentsAfterAsOfIgnored));
  EXPECT_EQ(result.principal_outstanding, M("1000.00 EUR"));
}

TEST(Penalty, SettlementOrderChangesLaterInterest) {
  // 1000.00 due 2025-01-01 at 10 %, 500.00 paid 2025-01-31, as of
  // 2025-03-02 (30 + 30 days), with a 40.00 compensation.
  InvoiceFacts facts{.amount = M("1000.00 EUR"),
                     .due_date = MakeDate(2025, 1, 1),
                     .settlements = {{.date = MakeDate(2025, 1, 31),
                                      .amount = M("500.00 EUR")}}};
  PenaltyRule rule = FixedRate("10%");
  rule.compensation = {.kind = CompensationRule::Kind::kFixed,
                       .fixed = M("40.00 EUR")};
  // Principal first: 30 days on 1000 (8.2192) + 30 days on 500 (4.1096) =
  // 12.3288 -> 12.33; interest and compensation stay owed.
  PenaltyAssessment result = AssessOk(rule, facts, MakeDate(2025, 3, 2));
  EXPECT_EQ(result.interest, M("12.33 EUR"));
  EXPECT_EQ(result.principal_outstanding, M("500.00 EUR"));
  EXPECT_EQ(result.costs_outstanding, M("40.00 EUR"));
  // BGB §367 / Code civil 1343-1: 500 settles 40.00 costs, then 8.22
  // interest, then 451.78 principal: 548.22 bears 30 days: 4.5059;
  // total 8.2192 + 4.5059 = 12.7251 -> 12.73.
  rule.interest.settlement = SettlementOrder::kCostsInterestPrincipal;
  result = AssessOk(rule, facts, MakeDate(2025, 3, 2));
  EXPECT_EQ(result.lines[1].principal, M("548.22 EUR"));
  EXPECT_EQ(result.interest, M("12.73 EUR"));
  EXPECT_EQ(result.principal_outstanding, M("548.22 EUR"));
  EXPECT_EQ(result.costs_outstanding, M("0.00 EUR"));
  EXPECT_EQ(result.interest_outstanding, M("4.51 EUR"));
}

TEST(Penalty, CreditNotesReducePrincipal) {
  // A credit note of 400 on 2025-01-11 under costs-first still reduces the
  // principal: 10 days on 1000 + 20 days on 600 at 10 %: 2.7397 + 3.2877 =
  // 6.0274 -> 6.03.
  const InvoiceFacts facts{
      .amount = M("1000.00 EUR"),
      .due_date = MakeDate(2025, 1, 1),
      .settlements = {{.date = MakeDate(2025, 1, 11),
                       .amount = M("400.00 EUR"),
                       .kind = Settlement::Kind::kCreditNote}}};
  PenaltyRule rule = FixedRate("10%");
  rule.interest.settlement = SettlementOrder::kCostsInterestPrincipal;
  const PenaltyAssessment result = AssessOk(rule, facts, MakeDate(2025, 1, 31));
  EXPECT_EQ(result.interest, M("6.03 EUR"));
  EXPECT_EQ(result.principal_outstanding, M("600.00 EUR"));
}

TEST(Penalty, LeapYearsUnderEachDayCount) {
  // 36 600.00 at 10 % from 2023-12-31 to 2024-12-31: 366 days.
  const InvoiceFacts facts{.amount = M("36600.00 EUR"),
                           .due_date = MakeDate(2023, 12, 31)};
  const Date as_of = MakeDate(2024, 12, 31);
  const struct {
    DayCount day_count;
    const char* interest;
  } kCases[] = {
      {DayCount::kActual365Fixed, "3670.03 EUR"},    // 3660 x 366/365
      {DayCount::kActual360, "3721.00 EUR"},         // 3660 x 366/360
      {DayCount::kActualActualIsda, "3660.00 EUR"},  // 366/366
      {DayCount::kThirty360, "3660.00 EUR"},         // 360/360
      {DayCount::kThirtyE360, "3660.00 EUR"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(AssessOk(FixedRate("10%", c.day_count), facts, as_of).interest,
              M(c.interest))
        << ToString(c.day_count);
  }
  // Across a year end under Actual/Actual: (2023-12-15, 2024-01-15]: 16 days
  // /365 + 15 days /366 on 36 600 at 10 %: 160.438 + 150.000 = 310.44, in two
  // lines.
  const InvoiceFacts december{.amount = M("36600.00 EUR"),
                              .due_date = MakeDate(2023, 12, 15)};
  const PenaltyAssessment result =
      AssessOk(FixedRate("10%", DayCount::kActualActualIsda), december,
               MakeDate(2024, 1, 15));
  ASSERT_EQ(result.lines.size(), 2u);
  EXPECT_EQ(result.interest, M("310.44 EUR"));
}

TEST(Penalty, RoundingPointPerLine) {
  // 1000.00 at 10 % with two 0.01 credit notes making three one-day lines:
  // 0.27397 + 0.27397 + 0.27397 (to 5 places) = 0.82191 -> 0.82 once; per
  // line 0.27 x 3 = 0.81.
  const InvoiceFacts facts{
      .amount = M("1000.00 EUR"),
      .due_date = MakeDate(2025, 1, 1),
      .settlements = {{.date = MakeDate(2025, 1, 2),
                       .amount = M("0.01 EUR"),
                       .kind = Settlement::Kind::kCreditNote},
                      {.date = MakeDate(2025, 1, 3),
                       .amount = M("0.01 EUR"),
                       .kind = Settlement::Kind::kCreditNote}}};
  PenaltyRule rule = FixedRate("10%");
  PenaltyAssessment result = AssessOk(rule, facts, MakeDate(2025, 1, 4));
  ASSERT_EQ(result.lines.size(), 3u);
  EXPECT_EQ(result.interest, M("0.82 EUR"));
  rule.interest.rounding_point = RoundingPoint::kPerLine;
  EXPECT_EQ(AssessOk(rule, facts, MakeDate(2025, 1, 4)).interest,
            M("0.81 EUR"));
}

TEST(Penalty, GraceMinimumMonthlyAndCap) {
  const InvoiceFacts facts{.amount = M("1000.00 EUR"),
                           .due_date = MakeDate(2025, 1, 1)};
  // Grace: 5 days never charged: 25 days at 10 % = 6.849 -> 6.85.
  PenaltyRule rule = FixedRate("10%");
  rule.interest.grace_days = 5;
  EXPECT_EQ(AssessOk(rule, facts, MakeDate(2025, 1, 31)).interest,
            M("6.85 EUR"));
  // Within the grace period: not late.
  EXPECT_TRUE(AssessOk(rule, facts, MakeDate(2025, 1, 6))
                  .HasFlag(PenaltyFlag::kNotLate));
  // Minimum interest of 10.00: 8.22 is below, so nothing is charged.
  rule = FixedRate("10%");
  rule.interest.minimum_interest = M("10.00 EUR");
  PenaltyAssessment result = AssessOk(rule, facts, MakeDate(2025, 1, 31));
  EXPECT_EQ(result.interest, M("0.00 EUR"));
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kBelowMinimumInterest));
  // 1.5 % a month = 18 % a year: 1000 x 0.18 x 30/365 = 14.79.
  rule = PenaltyRule{.id = "monthly"};
  rule.interest.basis = InterestRule::Basis::kMonthly;
  rule.interest.rate = *Rate::Parse("1.5%");
  EXPECT_EQ(AssessOk(rule, facts, MakeDate(2025, 1, 31)).interest,
            M("14.79 EUR"));
  // A cap of 12 % on it: 9.86.
  rule.interest.cap = Rate::FromPercent(12);
  result = AssessOk(rule, facts, MakeDate(2025, 1, 31));
  EXPECT_EQ(result.interest, M("9.86 EUR"));
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kCapApplied));
}

TEST(Penalty, CompensationOnlyBetweenBusinessesAndInTheInvoiceCurrency) {
  InvoiceFacts facts{.amount = M("1000.00 EUR"),
                     .due_date = MakeDate(2025, 1, 1),
                     .business_to_business = false};
  PenaltyAssessment result =
      AssessOk(Preset("fr-b2b"), facts, MakeDate(2025, 1, 31));
  EXPECT_EQ(result.compensation, M("0.00 EUR"));
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kCompensationNotApplicable));
  // A USD invoice under the French rule: the 40 EUR are not converted.
  facts = {.amount = M("1000.00 USD"), .due_date = MakeDate(2025, 1, 1)};
  result = AssessOk(Preset("fr-b2b"), facts, MakeDate(2025, 1, 31));
  EXPECT_EQ(result.compensation, M("0.00 USD"));
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kCompensationCurrencyMismatch));
  EXPECT_EQ(result.interest, M("10.81 USD"));  // 13.15 %, 30 days
}

TEST(Penalty, ErrorsAreReported) {
  const PenaltyRule rule = Preset("fr-b2b");
  EXPECT_THAT(Assess(rule, {.amount = M("0.00 EUR")}, MakeDate(2025, 1, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("must be positive")));
  EXPECT_THAT(Assess(rule, {.amount = M("-5.00 EUR")}, MakeDate(2025, 1, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  const InvoiceFacts mixed{.amount = M("1000.00 EUR"),
                           .due_date = MakeDate(2025, 1, 1),
                           .settlements = {{.date = MakeDate(2025, 1, 5),
                                            .amount = M("10.00 USD")}}};
  EXPECT_THAT(Assess(rule, mixed, MakeDate(2025, 2, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("settlements[0] is 10.00 USD")));
  // Beyond the series: the second half of 2026 needs the ECB rate on
  // 1 July 2026, which the built-in series does not know.
  const InvoiceFacts late{.amount = M("1000.00 EUR"),
                          .due_date = MakeDate(2026, 6, 1)};
  EXPECT_THAT(Assess(rule, late, MakeDate(2026, 12, 31)),
              StatusIs(absl::StatusCode::kOutOfRange,
                       HasSubstr("rate series ecb-mro: no rate known for "
                                 "2026-07-01")));
  PenaltyRule broken = rule;
  broken.interest.reference = nullptr;
  EXPECT_THAT(Assess(broken, late, MakeDate(2026, 6, 2)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("needs a series")));
}

TEST(Penalty, OverpaymentIsFlagged) {
  const InvoiceFacts facts{.amount = M("100.00 EUR"),
                           .due_date = MakeDate(2025, 1, 1),
                           .settlements = {{.date = MakeDate(2025, 1, 1),
                                            .amount = M("150.00 EUR")}}};
  EXPECT_TRUE(AssessOk(FixedRate("10%"), facts, MakeDate(2025, 2, 1))
                  .HasFlag(PenaltyFlag::kOverpaid));
}

// --- Fixed review findings -------------------------------------------------

TEST(Penalty, InterestBelowTheMinimumTakesNoPayment) {
  // fr-b2b with a 10.00 minimum: 1000.00 due 2025-01-01, paid in full on
  // 2025-01-11. Interest would be 10 days on 1000 at 13.15 % (3.6027) + 20
  // days on what stays unpaid: below 10.00, so none is charged and none of
  // the payment goes to it: 40.00 costs, then 960.00 principal.
  PenaltyRule rule = Preset("fr-b2b");
  rule.interest.minimum_interest = M("10.00 EUR");
  const InvoiceFacts facts{.amount = M("1000.00 EUR"),
                           .due_date = MakeDate(2025, 1, 1),
                           .settlements = {{.date = MakeDate(2025, 1, 11),
                                            .amount = M("1000.00 EUR")}}};
  const PenaltyAssessment result = AssessOk(rule, facts, MakeDate(2025, 1, 31));
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kBelowMinimumInterest));
  EXPECT_EQ(result.interest, M("0.00 EUR"));
  EXPECT_EQ(result.principal_outstanding, M("40.00 EUR"));
  EXPECT_EQ(result.costs_outstanding, M("0.00 EUR"));
  EXPECT_EQ(result.interest_outstanding, M("0.00 EUR"));
}

TEST(Penalty, PaidInFullOnTimeIsNotLateEvenWithALaterPayment) {
  // 1000.00 paid on the due date, then a duplicate 10.00 five days later:
  // no compensation, and the 10.00 is an overpayment.
  const InvoiceFacts facts{
      .amount = M("1000.00 EUR"),
      .due_date = MakeDate(2025, 3, 31),
      .settlements = {
          {.date = MakeDate(2025, 3, 31), .amount = M("1000.00 EUR")},
          {.date = MakeDate(2025, 4, 5), .amount = M("10.00 EUR")}}};
  const PenaltyAssessment result =
      AssessOk(Preset("fr-b2b"), facts, MakeDate(2025, 4, 30));
  EXPECT_EQ(result.compensation, M("0.00 EUR"));
  EXPECT_EQ(result.costs_outstanding, M("0.00 EUR"));
  EXPECT_EQ(result.overpaid, M("10.00 EUR"));
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kOverpaid));
}

TEST(Penalty, SameDayCreditNotesComeBeforePayments) {
  // 1000.00 at 10 %, 40.00 compensation, principal first; a 700.00 payment
  // and a 400.00 credit note on 2025-01-11, in either input order: the credit
  // note leaves 600.00, the payment settles 600.00, then the interest (10
  // days on 1000: 2.74), then the 40.00; 57.26 is overpaid.
  PenaltyRule rule = FixedRate("10%");
  rule.compensation = {.kind = CompensationRule::Kind::kFixed,
                       .fixed = M("40.00 EUR")};
  const Settlement payment{.date = MakeDate(2025, 1, 11),
                           .amount = M("700.00 EUR")};
  const Settlement credit{.date = MakeDate(2025, 1, 11),
                          .amount = M("400.00 EUR"),
                          .kind = Settlement::Kind::kCreditNote};
  for (const auto& order : {std::vector<Settlement>{payment, credit},
                            std::vector<Settlement>{credit, payment}}) {
    const InvoiceFacts facts{.amount = M("1000.00 EUR"),
                             .due_date = MakeDate(2025, 1, 1),
                             .settlements = order};
    const PenaltyAssessment result =
        AssessOk(rule, facts, MakeDate(2025, 1, 31));
    EXPECT_EQ(result.principal_outstanding, M("0.00 EUR"));
    EXPECT_EQ(result.costs_outstanding, M("0.00 EUR"));
    EXPECT_EQ(result.overpaid, M("57.26 EUR"));
  }
}

TEST(Penalty, MinimumInAnotherCurrencyIsNotApplied) {
  PenaltyRule rule = FixedRate("10%");
  rule.interest.minimum_interest = M("10.00 EUR");
  const InvoiceFacts facts{.amount = M("1000 JPY"),
                           .due_date = MakeDate(2025, 1, 1)};
  // 1000 yen x 10 % x 30/365 = 8.2 -> 8 yen, charged.
  const PenaltyAssessment result = AssessOk(rule, facts, MakeDate(2025, 1, 31));
  EXPECT_EQ(result.interest, M("8 JPY"));
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kMinimumInterestCurrencyMismatch));
}

TEST(Penalty, FrenchRuleBeforeTheTwoLegalRatesExisted) {
  // The legal rate split in two on 2015-01-01; before, the informative floor
  // cannot be checked but the statutory rate still applies: ECB 0.25 % on
  // 2014-01-01 + 10 = 10.25 %: 1000 x 0.1025 x 30/365 = 8.4247 -> 8.42.
  const InvoiceFacts facts{.amount = M("1000.00 EUR"),
                           .due_date = MakeDate(2014, 3, 1)};
  const PenaltyAssessment result =
      AssessOk(Preset("fr-b2b"), facts, MakeDate(2014, 3, 31));
  EXPECT_EQ(result.interest, M("8.42 EUR"));
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kFloorNotChecked));
}

TEST(Penalty, LinesAreCutOnlyWhenTheRateChanges) {
  // fr-b2b: 12.15 % in the second half of 2025 and again in the first half of
  // 2026 (ECB 2.15 % on both 1 July and 1 January): one line.
  const InvoiceFacts facts{.amount = M("1000.00 EUR"),
                           .due_date = MakeDate(2025, 12, 15)};
  const PenaltyAssessment result =
      AssessOk(Preset("fr-b2b"), facts, MakeDate(2026, 1, 31));
  ASSERT_EQ(result.lines.size(), 1u);
  EXPECT_EQ(result.lines[0].days, 47);
  // 1000 x 0.1215 x 47/365 = 15.645 -> 15.65.
  EXPECT_EQ(result.interest, M("15.65 EUR"));
}

TEST(Penalty, AmountsBeyondTheBoundAreErrorsNotCrashes) {
  // The largest amount (10^15 EUR) at 20 % for six years owes 1.2 x 10^15
  // EUR of interest: beyond the bound.
  const InvoiceFacts facts{.amount = M("1000000000000000.00 EUR"),
                           .due_date = MakeDate(2019, 1, 1)};
  EXPECT_THAT(Assess(FixedRate("20%"), facts, MakeDate(2025, 1, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("beyond the supported magnitude")));
  const InvoiceFacts charged{
      .amount = M("1.00 EUR"),
      .due_date = MakeDate(2025, 1, 1),
      .charges = {
          {.date = MakeDate(2025, 1, 2), .amount = M("600000000000000.00 EUR")},
          {.date = MakeDate(2025, 1, 3),
           .amount = M("600000000000000.00 EUR")}}};
  EXPECT_THAT(
      Assess(FixedRate("10%"), charged, MakeDate(2025, 2, 1)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("charges")));
  const InvoiceFacts far{.amount = M("1.00 EUR"),
                         .due_date = MakeDate(2025, 1, 1)};
  EXPECT_THAT(Assess(FixedRate("10%"), far, MakeDate(10000, 1, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("outside 0001-01-01..9999-12-31")));
  PenaltyRule negative = FixedRate("10%");
  negative.interest.rate = Rate::FromPercent(-1);
  EXPECT_THAT(
      Assess(negative, far, MakeDate(2025, 2, 1)),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("is negative")));
}

// --- Properties -------------------------------------------------------------

// ExactInterest orders by value: the whole minor units first, then the
// fraction over kDenominator. (Its ordering used to be a defaulted
// operator<=>, which clang deletes because absl::int128 has none.)
TEST(ExactInterest, OrdersByWholeUnitsThenFraction) {
  const ExactInterest one_and_a_bit{.whole = 1, .fraction = 5};
  const ExactInterest one_and_more{.whole = 1, .fraction = 6};
  const ExactInterest two{.whole = 2, .fraction = 0};
  EXPECT_TRUE(one_and_a_bit < one_and_more);
  EXPECT_TRUE(one_and_more < two);
  EXPECT_TRUE(two > one_and_a_bit);
  EXPECT_TRUE((one_and_a_bit <=> ExactInterest{.whole = 1, .fraction = 5}) ==
              std::strong_ordering::equal);
  EXPECT_FALSE(two < one_and_more);
}

TEST(Penalty, InterestIsAdditiveOverAdjacentPeriodsProperty) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<int64_t> cents(1, 100'000'000'000);
  std::uniform_int_distribution<int64_t> basis_points(1, 5000);
  std::uniform_int_distribution<int> days(0, 800);
  const Currency eur = *Currency::FromCode("EUR");
  for (int trial = 0; trial < 2000; ++trial) {
    const Money principal = *Money::FromMinorUnits(cents(random), eur);
    const Rate rate = Rate::FromBasisPoints(basis_points(random));
    const Date a = MakeDate(2023, 1, 1) + Days{days(random)};
    const Date b = a + Days{days(random)};
    const Date c = b + Days{days(random)};
    for (DayCount day_count : {DayCount::kActual365Fixed, DayCount::kActual360,
                               DayCount::kActualActualIsda}) {
      ExactInterest split = InterestForPeriod(principal, rate, a, b, day_count);
      split += InterestForPeriod(principal, rate, b, c, day_count);
      ASSERT_EQ(split, InterestForPeriod(principal, rate, a, c, day_count))
          << ToString(day_count) << " trial " << trial;
    }
  }
}

TEST(Penalty, InterestIsMonotoneAndPaymentsNeverIncreaseItProperty) {
  std::mt19937_64 random(11);
  std::uniform_int_distribution<int64_t> cents(100, 10'000'000);
  std::uniform_int_distribution<int> days(1, 400);
  const Currency eur = *Currency::FromCode("EUR");
  const PenaltyRule rule = Preset("fr-b2b");
  for (int trial = 0; trial < 300; ++trial) {
    const Money amount = *Money::FromMinorUnits(cents(random), eur);
    const Date due = MakeDate(2024, 1, 1) + Days{days(random)};
    const Date as_of = due + Days{days(random)};
    const InvoiceFacts facts{.amount = amount, .due_date = due};
    const PenaltyAssessment base = AssessOk(rule, facts, as_of);
    // One more day never lowers interest.
    ASSERT_GE(AssessOk(rule, facts, as_of + Days{1}).interest.minor_units(),
              base.interest.minor_units());
    // A larger principal never lowers it.
    InvoiceFacts larger = facts;
    larger.amount = *Money::FromMinorUnits(amount.minor_units() + 1000, eur);
    ASSERT_GE(AssessOk(rule, larger, as_of).interest.minor_units(),
              base.interest.minor_units());
    // A payment (settled principal first) never raises it.
    PenaltyRule principal_first = rule;
    principal_first.interest.settlement = SettlementOrder::kPrincipalFirst;
    InvoiceFacts paid = facts;
    std::uniform_int_distribution<int64_t> part(1, amount.minor_units());
    paid.settlements.push_back(
        {.date = due + Days{std::uniform_int_distribution<int>(
                           0, static_cast<int>((as_of - due).count()))(random)},
         .amount = *Money::FromMinorUnits(part(random), eur)});
    ASSERT_LE(AssessOk(principal_first, paid, as_of).interest.minor_units(),
              AssessOk(principal_first, facts, as_of).interest.minor_units());
  }
}

// --- Rates beyond the last known date -------------------------------------

TEST(Penalty, NeverExtrapolatesUnlessTheRuleAssumesTheLastRate) {
  // 10 000 EUR due 2026-06-01, assessed 2026-07-31 under fr-b2b. June is
  // fixed on 2026-01-01 (ECB 2.15 %, + 10 = 12.15 %); July on 2026-07-01,
  // after the ECB series' last known date (2026-06-10).
  const InvoiceFacts facts{.amount = M("10000.00 EUR"),
                           .due_date = MakeDate(2026, 6, 1)};
  const absl::StatusOr<PenaltyAssessment> refused =
      Assess(Preset("fr-b2b"), facts, MakeDate(2026, 7, 31));
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kOutOfRange,
                                HasSubstr("rate series ecb-mro: no rate known "
                                          "for 2026-07-01")));
  ASSERT_TRUE(RateGapOf(refused.status()).has_value());
  EXPECT_EQ(RateGapOf(refused.status())->date, MakeDate(2026, 7, 1));

  PenaltyRule assumed = Preset("fr-b2b");
  assumed.interest.assume_last_rate = true;
  const PenaltyAssessment result =
      AssessOk(assumed, facts, MakeDate(2026, 7, 31));
  // June: 29 days at 12.15 % = 96.534; July: 31 days at the assumed
  // 12.15 % = 103.192; 199.726 -> 199.73. Same rate, but two lines: only
  // the second is an estimate.
  ASSERT_EQ(result.lines.size(), 2u);
  EXPECT_FALSE(result.lines[0].assumed_rate);
  EXPECT_EQ(result.lines[0].days, 29);
  EXPECT_TRUE(result.lines[1].assumed_rate);
  EXPECT_EQ(result.lines[1].first_day, MakeDate(2026, 7, 1));
  EXPECT_EQ(result.lines[1].annual_rate, Rate::FromBasisPoints(1215));
  EXPECT_EQ(result.interest, M("199.73 EUR"));
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kAssumedLastRate));
  EXPECT_THAT(result.explanations,
              ::testing::Contains(HasSubstr(
                  "Rate assumed: ecb-mro is known up to 2026-06-10; its last "
                  "known rate, 2.15%, is carried forward")));
  // Within the known data, the option changes nothing and flags nothing.
  const InvoiceFacts known{.amount = M("10000.00 EUR"),
                           .due_date = MakeDate(2025, 9, 1)};
  const PenaltyAssessment plain =
      AssessOk(assumed, known, MakeDate(2025, 9, 30));
  EXPECT_FALSE(plain.HasFlag(PenaltyFlag::kAssumedLastRate));
  EXPECT_EQ(plain.interest,
            AssessOk(Preset("fr-b2b"), known, MakeDate(2025, 9, 30)).interest);
}

// --- The French floor on contractual rates --------------------------------

TEST(Penalty, ContractualRateBelowTheFrenchFloorIsRaisedToIt) {
  // L441-10 II: a contractual rate "ne peut toutefois fixer un taux
  // inférieur à trois fois le taux d'intérêt légal". First half of 2024:
  // 3 x 5.07 % = 15.21 %. 10 000 EUR, 30 days: 125.01 EUR (as the floor
  // test above), not 5 % (41.10 EUR).
  const InvoiceFacts facts{.amount = M("10000.00 EUR"),
                           .due_date = MakeDate(2024, 3, 1)};
  absl::StatusOr<PenaltyRule> contract =
      PenaltyRuleFromJson(R"({"base": "fr-b2b", "interest": {"fixed": "5%"}})");
  ASSERT_THAT(contract, IsOk());
  PenaltyAssessment result = AssessOk(*contract, facts, MakeDate(2024, 3, 31));
  EXPECT_EQ(result.interest, M("125.01 EUR"));
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kFloorApplied));
  EXPECT_THAT(result.explanations,
              ::testing::Contains(HasSubstr("Floor applied: 3 x "
                                            "fr-legal-professionals (15.21%) "
                                            "is above the rate 5.00%")));
  // A rule that asks only to flag it says so, truthfully.
  contract = PenaltyRuleFromJson(R"({"base": "fr-b2b",
      "interest": {"fixed": "5%"},
      "floor": {"series": "fr-legal-professionals", "factor": 3,
                "policy": "flag"}})");
  ASSERT_THAT(contract, IsOk());
  result = AssessOk(*contract, facts, MakeDate(2024, 3, 31));
  EXPECT_EQ(result.interest, M("41.10 EUR"));  // 10000 x 5 % x 30/365
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kFloorAboveRate));
  EXPECT_THAT(result.explanations,
              ::testing::Contains(HasSubstr("this rule only flags its floor")));
  EXPECT_THAT(result.explanations,
              ::testing::Not(::testing::Contains(HasSubstr("statutory"))));
  // The statutory preset charges the statutory rate, and says that.
  result = AssessOk(Preset("fr-b2b"), facts, MakeDate(2024, 3, 31));
  EXPECT_THAT(result.explanations,
              ::testing::Contains(HasSubstr(
                  "the statutory rate is charged as the law sets it")));
}

// --- Regimes: each preset's law as it stood -------------------------------

TEST(Penalty, FranceCompensationExistsForObligationsFrom2013) {
  // Loi 2012-387 art. 121 and décret 2012-1115 (D441-5), in force on
  // 2013-01-01: the rate fixed per half-year and the EUR 40, owed for claims
  // whose payment period started from then. Before, from 2009-01-01 (loi
  // 2008-776 "LME", contracts concluded from then): the ECB rate of the most
  // recent refinancing operation + 10, no EUR 40. Lexing (2012-12-14) and
  // SID Presse (2012-07-16): "actuellement de 0,75 % ... donc actuellement
  // de 10,75 %", the half-year rule and the indemnity "à compter du 1er
  // janvier 2013".
  InvoiceFacts facts{.amount = M("10000.00 EUR"),
                     .due_date = MakeDate(2012, 6, 30),
                     .obligation_date = MakeDate(2012, 6, 1)};
  // 1-10 July 2012 at 1.00 % + 10 = 11 % (10 days: 30.137), from 11 July at
  // 0.75 % + 10 = 10.75 % (20 days: 58.904): 89.041 -> 89.04, no EUR 40.
  PenaltyAssessment lme =
      AssessOk(Preset("fr-b2b"), facts, MakeDate(2012, 7, 30));
  ASSERT_EQ(lme.lines.size(), 2u);
  EXPECT_EQ(lme.lines[0].annual_rate, Rate::FromBasisPoints(1100));
  EXPECT_EQ(lme.lines[1].first_day, MakeDate(2012, 7, 11));
  EXPECT_EQ(lme.lines[1].annual_rate, Rate::FromBasisPoints(1075));
  EXPECT_EQ(lme.interest, M("89.04 EUR"));
  EXPECT_EQ(lme.compensation, M("0.00 EUR"));
  // The boundary: an obligation of 2012-12-31 under the LME, of 2013-01-01
  // under the 2012 law. First half of 2013: 0.75 % on 1 January + 10 =
  // 10.75 %; 1000 x 10.75 % x 30/365 = 8.8356 -> 8.84.
  facts = {.amount = M("1000.00 EUR"),
           .due_date = MakeDate(2013, 2, 1),
           .obligation_date = MakeDate(2012, 12, 31)};
  lme = AssessOk(Preset("fr-b2b"), facts, MakeDate(2013, 3, 3));
  EXPECT_EQ(lme.compensation, M("0.00 EUR"));
  EXPECT_EQ(lme.interest, M("8.84 EUR"));  // ECB unchanged until May 2013
  facts.obligation_date = MakeDate(2013, 1, 1);
  const PenaltyAssessment result =
      AssessOk(Preset("fr-b2b"), facts, MakeDate(2013, 3, 3));
  EXPECT_EQ(result.lines[0].annual_rate, Rate::FromBasisPoints(1075));
  EXPECT_EQ(result.interest, M("8.84 EUR"));
  EXPECT_EQ(result.compensation, M("40.00 EUR"));
  EXPECT_THAT(result.explanations,
              ::testing::Contains(HasSubstr("for obligations arising from "
                                            "2013-01-01 (chosen by the "
                                            "obligation date 2013-01-01)")));
  // Half-yearly from 2013, daily before: an obligation of 2012 due in May
  // 2013 follows the ECB cut of 8 May 2013 (0.50 %), one of 2013 does not.
  facts = {.amount = M("10000.00 EUR"),
           .due_date = MakeDate(2013, 5, 1),
           .obligation_date = MakeDate(2012, 12, 31)};
  lme = AssessOk(Preset("fr-b2b"), facts, MakeDate(2013, 5, 31));
  ASSERT_EQ(lme.lines.size(), 2u);
  EXPECT_EQ(lme.lines[1].annual_rate, Rate::FromBasisPoints(1050));
  facts.obligation_date = MakeDate(2013, 1, 1);
  EXPECT_EQ(
      AssessOk(Preset("fr-b2b"), facts, MakeDate(2013, 5, 31)).lines.size(),
      1u);
  // Before 2009: not modelled, refused naming the first regime.
  facts.obligation_date = MakeDate(2009, 1, 1);
  EXPECT_THAT(Assess(Preset("fr-b2b"), facts, MakeDate(2013, 5, 31)), IsOk());
  facts.obligation_date = MakeDate(2008, 12, 31);
  EXPECT_THAT(Assess(Preset("fr-b2b"), facts, MakeDate(2013, 5, 31)),
              StatusIs(absl::StatusCode::kOutOfRange,
                       HasSubstr("penalty rule fr-b2b: obligations arising "
                                 "before 2009-01-01 are not modelled (its "
                                 "first regime is Code de commerce L441-6 as "
                                 "amended by loi 2008-776 (LME)")));
  // Without an obligation date, the due date chooses.
  facts.obligation_date.reset();
  facts.due_date = MakeDate(2008, 12, 31);
  EXPECT_THAT(Assess(Preset("fr-b2b"), facts, MakeDate(2009, 1, 30)),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("2009-01-01")));
}

TEST(Penalty, GermanyBefore29July2014IsBasePlusEightWithoutPauschale) {
  // Art. 229 § 34 EGBGB: § 288 Abs. 2 (base + 9) and Abs. 5 (EUR 40) as
  // amended by the Gesetz zur Bekämpfung von Zahlungsverzug apply to
  // obligations arising after 2014-07-28; before, base + 8, no Pauschale
  // (StB Gerd Maier, "Verzugszins / Basiszins": "abgeschlossen bis
  // 28.7.2014: Basiszinssatz + 8-%-Punkte ... ab 29.7.2014: + 9-%-Punkte
  // zzgl. 40 € Pauschale"; "01.07.2014 – 31.12.2014 – 0,73 %"), so 7.27 %
  // and 8.27 % in the second half of 2014.
  // 10 000 EUR due 2014-09-30, 30 days: 10000 x 7.27 % x 30/365 = 59.753;
  // 10000 x 8.27 % x 30/365 = 67.973.
  InvoiceFacts facts{.amount = M("10000.00 EUR"),
                     .due_date = MakeDate(2014, 9, 30),
                     .obligation_date = MakeDate(2014, 7, 28)};
  PenaltyAssessment before =
      AssessOk(Preset("de-b2b"), facts, MakeDate(2014, 10, 30));
  EXPECT_EQ(before.lines[0].annual_rate, Rate::FromBasisPoints(727));
  EXPECT_EQ(before.interest, M("59.75 EUR"));
  EXPECT_EQ(before.compensation, M("0.00 EUR"));
  facts.obligation_date = MakeDate(2014, 7, 29);
  PenaltyAssessment after =
      AssessOk(Preset("de-b2b"), facts, MakeDate(2014, 10, 30));
  EXPECT_EQ(after.lines[0].annual_rate, Rate::FromBasisPoints(827));
  EXPECT_EQ(after.interest, M("67.97 EUR"));
  EXPECT_EQ(after.compensation, M("40.00 EUR"));
  // Before 2002-01-01 (Art. 229 § 5 EGBGB): not modelled, for both presets.
  facts.obligation_date = MakeDate(2001, 12, 31);
  EXPECT_THAT(Assess(Preset("de-b2b"), facts, MakeDate(2014, 10, 30)),
              StatusIs(absl::StatusCode::kOutOfRange,
                       HasSubstr("before 2002-01-01 are not modelled")));
  EXPECT_THAT(
      Assess(Preset("de-b2c"), facts, MakeDate(2014, 10, 30)),
      StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("before 2002-01-01")));
  facts.obligation_date = MakeDate(2002, 1, 1);
  EXPECT_THAT(Assess(Preset("de-b2b"), facts, MakeDate(2014, 10, 30)), IsOk());
  // § 288 Abs. 1: base + 5 = 4.27 % in the second half of 2014.
  absl::StatusOr<PenaltyAssessment> consumer =
      Assess(Preset("de-b2c"), facts, MakeDate(2014, 10, 30));
  ASSERT_THAT(consumer, IsOk());
  EXPECT_EQ(consumer->lines[0].annual_rate, Rate::FromBasisPoints(427));
}

TEST(Penalty, UnitedKingdomFixedSumsFromContractsOf7August2002) {
  // SI 2002/1674 (s.5A fixed sums) and SI 2002/1675 (reference dates) apply
  // to contracts made on or after 2002-08-07.
  InvoiceFacts facts{.amount = M("1000.00 GBP"),
                     .due_date = MakeDate(2002, 9, 1),
                     .obligation_date = MakeDate(2002, 8, 6)};
  EXPECT_THAT(Assess(Preset("uk-late-payment"), facts, MakeDate(2002, 10, 1)),
              StatusIs(absl::StatusCode::kOutOfRange,
                       HasSubstr("before 2002-08-07 are not modelled")));
  facts.obligation_date = MakeDate(2002, 8, 7);
  // Bank Rate on 30 June 2002: 4.00 % (from 2001-11-08), + 8 = 12 %.
  // 1000 x 12 % x 30/365 = 9.863 -> 9.86; the debt is 1,000 or more: GBP 70.
  const PenaltyAssessment result =
      AssessOk(Preset("uk-late-payment"), facts, MakeDate(2002, 10, 1));
  EXPECT_EQ(result.lines[0].annual_rate, Rate::FromPercent(12));
  EXPECT_EQ(result.interest, M("9.86 GBP"));
  EXPECT_EQ(result.compensation, M("70.00 GBP"));
}

TEST(Penalty, EuropeanDirectiveFromItsTranspositionDate) {
  // Directive 2011/7/EU art. 12(1), (4): 2013-03-16.
  InvoiceFacts facts{.amount = M("1000.00 EUR"),
                     .due_date = MakeDate(2013, 4, 1),
                     .obligation_date = MakeDate(2013, 3, 15)};
  EXPECT_THAT(
      Assess(Preset("eu-directive"), facts, MakeDate(2013, 5, 1)),
      StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("before 2013-03-16")));
  facts.obligation_date = MakeDate(2013, 3, 16);
  // ECB on 2013-01-01: 0.75 % + 8 = 8.75 %; 30 days on 1000 = 7.19.
  const PenaltyAssessment result =
      AssessOk(Preset("eu-directive"), facts, MakeDate(2013, 5, 1));
  EXPECT_EQ(result.interest, M("7.19 EUR"));
  // An obligation cannot arise after it falls due.
  facts.obligation_date = MakeDate(2013, 4, 2);
  EXPECT_THAT(Assess(Preset("eu-directive"), facts, MakeDate(2013, 5, 1)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("obligation date 2013-04-02 is after the due "
                                 "date")));
}

TEST(Penalty, RegimesAreValidated) {
  PenaltyRule rule = Preset("de-b2b");
  rule.earlier_regimes.push_back(rule.earlier_regimes.front());
  EXPECT_THAT(rule.Validate(), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("earlier regime [0]")));
  rule = FixedRate("5%");
  rule.earlier_regimes.push_back({.from = MakeDate(2000, 1, 1)});
  EXPECT_THAT(rule.Validate(), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("need the date")));
}

// --- Every flag has a sentence --------------------------------------------

TEST(Penalty, EveryFlagComesWithASentence) {
  const InvoiceFacts facts{
      .amount = M("1000.00 EUR"),
      .due_date = MakeDate(2025, 1, 1),
      .settlements = {
          {.date = MakeDate(2025, 1, 31), .amount = M("1100.00 EUR")},
          {.date = MakeDate(2025, 3, 1), .amount = M("5.00 EUR")}}};
  PenaltyRule rule = FixedRate("30%");
  rule.interest.cap = Rate::FromPercent(20);
  const PenaltyAssessment result = AssessOk(rule, facts, MakeDate(2025, 2, 15));
  // 30 days at the capped 20 %: 16.44; 1100 - 1000 - 16.44 = 83.56 over.
  EXPECT_EQ(result.interest, M("16.44 EUR"));
  EXPECT_EQ(result.overpaid, M("83.56 EUR"));
  const auto says = [&result](const char* text) {
    EXPECT_THAT(result.explanations, ::testing::Contains(HasSubstr(text)));
  };
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kCapApplied));
  says("Cap applied: the rate 30.00% is above the cap of 20.00%");
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kOverpaid));
  says(
      "Overpaid: payments exceed the principal, interest and costs by "
      "83.56 EUR");
  EXPECT_TRUE(result.HasFlag(PenaltyFlag::kPaymentsAfterAsOfIgnored));
  says(
      "1 payment or credit note dated after the as-of date 2025-02-15 "
      "(5.00 EUR) is ignored");
  const PenaltyAssessment early = AssessOk(rule, facts, MakeDate(2024, 12, 31));
  EXPECT_TRUE(early.HasFlag(PenaltyFlag::kNotLate));
  EXPECT_THAT(early.explanations,
              ::testing::Contains(HasSubstr(
                  "No interest: on 2024-12-31 the due date 2025-01-01 has not "
                  "passed; interest would run from 2025-01-02")));
  // Every flag raised in these tests has at least as many sentences.
  for (const PenaltyAssessment* assessment : {&result, &early}) {
    EXPECT_GE(assessment->explanations.size(), assessment->flags.size());
  }
}

// --- One settlement model (penalty.hpp) ---------------------------------

TEST(PenaltySettlement, FrB2bLatePaymentOfTheAmountLeavesPrincipalOwed) {
  // fr-b2b, 10 000.00 EUR due 2025-01-31; rate for January-June 2025: ECB
  // 3.15 % on 1 January 2025 (+10) = 13.15 %. Paid 10 000.00 on 2025-03-02,
  // the 30th day late (1 February .. 2 March).
  //   interest to 2 March: 10 000.00 x 13.15 % x 30 / 365 = 108.0822 ->
  //   108.08; compensation 40.00 (D441-5).
  //   The payment settles costs (40.00), then interest (108.08), then
  //   principal 9 851.92: 148.08 of principal remain owed.
  const PenaltyRule rule = Preset("fr-b2b");
  const InvoiceFacts facts{.amount = M("10000.00 EUR"),
                           .due_date = MakeDate(2025, 1, 31),
                           .settlements = {{.date = MakeDate(2025, 3, 2),
                                            .amount = M("10000.00 EUR")}}};
  const PenaltyAssessment on_payment =
      AssessOk(rule, facts, MakeDate(2025, 3, 2));
  EXPECT_EQ(on_payment.interest, M("108.08 EUR"));
  EXPECT_EQ(on_payment.principal_outstanding, M("148.08 EUR"));
  EXPECT_EQ(on_payment.interest_outstanding, M("0.00 EUR"));
  EXPECT_EQ(on_payment.costs_outstanding, M("0.00 EUR"));
  EXPECT_EQ(on_payment.penalties_outstanding, M("0.00 EUR"));
  EXPECT_EQ(on_payment.total_outstanding, M("148.08 EUR"));
  // 30 days later (3 March .. 1 April) the 148.08 left bore interest:
  //   exact 108.082192 + 148.08 x 13.15 % x 30 / 365 (1.600481)
  //   = 109.682673 -> 109.68 interest in all, 1.60 of it unpaid.
  const PenaltyAssessment later = AssessOk(rule, facts, MakeDate(2025, 4, 1));
  EXPECT_EQ(later.interest, M("109.68 EUR"));
  EXPECT_EQ(later.principal_outstanding, M("148.08 EUR"));
  EXPECT_EQ(later.interest_outstanding, M("1.60 EUR"));
  EXPECT_EQ(later.costs_outstanding, M("0.00 EUR"));
  EXPECT_EQ(later.penalties_outstanding, M("1.60 EUR"));
  EXPECT_EQ(later.total_outstanding, M("149.68 EUR"));
}

TEST(PenaltySettlement, UkPrincipalFirstClaimStopsGrowing) {
  // uk-late-payment, 5 000.00 GBP due 2024-01-31; interest starts in
  // February 2024, so the Bank Rate of 31 December 2023 (5.25 %) + 8 =
  // 13.25 % for the whole debt. Paid 5 000.00 on 2024-03-01, the 30th day
  // late (1 February .. 1 March, 2024 a leap year):
  //   5 000.00 x 13.25 % x 30 / 365 = 54.4521 -> 54.45;
  //   compensation GBP 70 (a debt of 1 000 to under 10 000, s.5A).
  // Principal first: the payment clears the principal; the claim is
  // 54.45 + 70.00 = 124.45 and no longer grows.
  const PenaltyRule rule = Preset("uk-late-payment");
  const InvoiceFacts facts{.amount = M("5000.00 GBP"),
                           .due_date = MakeDate(2024, 1, 31),
                           .settlements = {{.date = MakeDate(2024, 3, 1),
                                            .amount = M("5000.00 GBP")}}};
  for (Date as_of : {MakeDate(2024, 3, 1), MakeDate(2024, 6, 30)}) {
    const PenaltyAssessment result = AssessOk(rule, facts, as_of);
    EXPECT_EQ(result.interest, M("54.45 GBP")) << FormatDate(as_of);
    EXPECT_EQ(result.compensation, M("70.00 GBP"));
    EXPECT_EQ(result.principal_outstanding, M("0.00 GBP"));
    EXPECT_EQ(result.interest_outstanding, M("54.45 GBP"));
    EXPECT_EQ(result.costs_outstanding, M("70.00 GBP"));
    EXPECT_EQ(result.penalties_outstanding, M("124.45 GBP"));
    EXPECT_EQ(result.total_outstanding, M("124.45 GBP"));
  }
}

// --- Compiled rules and AssessOptions ------------------------------------

TEST(CompiledPenaltyRule, CompileValidatesOnce) {
  PenaltyRule broken = FixedRate("10%");
  broken.interest.grace_days = -1;
  EXPECT_THAT(CompiledPenaltyRule::Compile(broken),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("grace days must be 0..3660")));
  absl::StatusOr<CompiledPenaltyRule> compiled =
      CompiledPenaltyRule::Compile(Preset("de-b2b"));
  ASSERT_THAT(compiled, IsOk());
  EXPECT_EQ(compiled->id(), "de-b2b");
  // Copies share the compiled state.
  const CompiledPenaltyRule copy = *compiled;
  EXPECT_EQ(&copy.rule(), &compiled->rule());
  // Regimes: §288 BGB a.F. before 2014-07-29, the current one after.
  absl::StatusOr<std::shared_ptr<const PenaltyRule>> old =
      compiled->RegimeFor(MakeDate(2014, 7, 28));
  ASSERT_THAT(old, IsOk());
  EXPECT_EQ((*old)->compensation.kind, CompensationRule::Kind::kNone);
  absl::StatusOr<std::shared_ptr<const PenaltyRule>> current =
      compiled->RegimeFor(MakeDate(2014, 7, 29));
  ASSERT_THAT(current, IsOk());
  EXPECT_EQ((*current)->compensation.kind, CompensationRule::Kind::kFixed);
  EXPECT_THAT(
      compiled->RegimeFor(MakeDate(2001, 12, 31)),
      StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("are not modelled")));
}

// Every figure and flag is the same with and without the breakdown.
void ExpectSameFigures(const PenaltyAssessment& a, const PenaltyAssessment& b) {
  EXPECT_EQ(a.as_of, b.as_of);
  EXPECT_EQ(a.rule_id(), b.rule_id());
  EXPECT_EQ(a.interest, b.interest);
  EXPECT_EQ(a.compensation, b.compensation);
  EXPECT_EQ(a.charges, b.charges);
  EXPECT_EQ(a.total, b.total);
  EXPECT_EQ(a.principal_outstanding, b.principal_outstanding);
  EXPECT_EQ(a.interest_outstanding, b.interest_outstanding);
  EXPECT_EQ(a.costs_outstanding, b.costs_outstanding);
  EXPECT_EQ(a.penalties_outstanding, b.penalties_outstanding);
  EXPECT_EQ(a.total_outstanding, b.total_outstanding);
  EXPECT_EQ(a.overpaid, b.overpaid);
  EXPECT_EQ(a.flags, b.flags);
}

TEST(CompiledPenaltyRule, WithoutBreakdownSameFiguresNoText) {
  struct Case {
    const char* preset;
    InvoiceFacts facts;
    Date as_of;
  };
  const std::vector<Case> cases = {
      {"fr-b2b",
       {.amount = M("15000.00 EUR"),
        .due_date = MakeDate(2024, 3, 31),
        .settlements =
            {{.date = MakeDate(2024, 9, 1), .amount = M("15000.00 EUR")},
             {.date = MakeDate(2024, 5, 10),
              .amount = M("2000.00 EUR"),
              .kind = Settlement::Kind::kCreditNote},
             {.date = MakeDate(2025, 1, 1), .amount = M("1.00 EUR")}},
        .charges = {{.date = MakeDate(2024, 5, 1), .amount = M("15.00 EUR")}}},
       MakeDate(2024, 12, 31)},
      {"uk-late-payment",
       {.amount = M("12000.00 GBP"),
        .due_date = MakeDate(2024, 1, 31),
        .settlements = {{.date = MakeDate(2024, 3, 1),
                         .amount = M("13000.00 GBP")}}},
       MakeDate(2024, 12, 31)},
      {"de-b2b",
       {.amount = M("10000.00 EUR"),
        .due_date = MakeDate(2014, 9, 30),
        .obligation_date = MakeDate(2014, 7, 28)},
       MakeDate(2015, 3, 30)},
      {"fr-b2b",
       {.amount = M("100.00 EUR"), .due_date = MakeDate(2025, 3, 31)},
       MakeDate(2025, 3, 1)},
  };
  for (const Case& c : cases) {
    absl::StatusOr<CompiledPenaltyRule> rule =
        CompiledPenaltyRule::Compile(Preset(c.preset));
    ASSERT_THAT(rule, IsOk());
    absl::StatusOr<PenaltyAssessment> full = Assess(*rule, c.facts, c.as_of);
    absl::StatusOr<PenaltyAssessment> bare =
        Assess(*rule, c.facts, c.as_of, {.breakdown = false});
    ASSERT_THAT(full, IsOk());
    ASSERT_THAT(bare, IsOk());
    ExpectSameFigures(*full, *bare);
    EXPECT_FALSE(full->explanations.empty()) << c.preset;
    EXPECT_TRUE(bare->lines.empty());
    EXPECT_TRUE(bare->explanations.empty());
  }
}

TEST(CompiledPenaltyRule, ErrorsAreTheSameWithoutBreakdown) {
  absl::StatusOr<CompiledPenaltyRule> rule =
      CompiledPenaltyRule::Compile(Preset("fr-b2b"));
  ASSERT_THAT(rule, IsOk());
  const InvoiceFacts facts{.amount = M("100.00 EUR"),
                           .due_date = MakeDate(2026, 6, 1)};
  EXPECT_THAT(
      Assess(*rule, facts, MakeDate(2026, 12, 31), {.breakdown = false}),
      StatusIs(absl::StatusCode::kOutOfRange,
               HasSubstr("rate series ecb-mro: no rate known")));
  EXPECT_THAT(Assess(*rule, {.amount = M("0.00 EUR")}, MakeDate(2025, 1, 1),
                     {.breakdown = false}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace relance
