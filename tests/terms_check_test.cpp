#include "relance/terms_check.hpp"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;
using Severity = TermsFinding::Severity;

TermsCheckResult Check(const char* terms_text,
                       PaymentDelayJurisdiction jurisdiction) {
  absl::StatusOr<PaymentTerms> terms = PaymentTerms::Parse(terms_text);
  EXPECT_THAT(terms, IsOk());
  absl::StatusOr<TermsCheckResult> result = CheckTerms(*terms, jurisdiction);
  EXPECT_THAT(result, IsOk());
  return *result;
}

TEST(TermsCheck, FranceSixtyDaysIsCompliant) {
  // Code de commerce L441-10: "ne peut dépasser soixante jours après la date
  // d'émission de la facture".
  const TermsCheckResult result =
      Check("net 60", PaymentDelayJurisdiction::kFrance);
  EXPECT_TRUE(result.compliant());
  EXPECT_EQ(result.longest_delay_days, 60);
}

TEST(TermsCheck, FranceSixtyOneDaysBreaksTheLawAtMonthEnds) {
  // Net 61 from 2024-01-31 is due 2024-04-01. The limits for that invoice:
  // 60 days = 2024-03-31; "45 jours fin de mois" read either way =
  // max(2024-03-16 -> end of March 2024-03-31, 2024-01-31 + 45 = 2024-03-16)
  // = 2024-03-31. One day beyond both: a violation. (A mid-month invoice
  // would only need the derogation: 2024-01-10 + 61 = 03-11, beyond 60 days
  // (03-10) but before max(end of 02-24's month, 01-31 + 45) = 03-16.)
  const TermsCheckResult result =
      Check("net 61", PaymentDelayJurisdiction::kFrance);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].severity, Severity::kViolation);
  EXPECT_EQ(result.findings[0].article, "Code de commerce L441-10");
  EXPECT_EQ(result.findings[0].invoice_date, MakeDate(2024, 1, 31));
  EXPECT_EQ(result.findings[0].due_date, MakeDate(2024, 4, 1));
  EXPECT_EQ(result.findings[0].limit_date, MakeDate(2024, 3, 31));
  EXPECT_THAT(result.findings[0].message,
              HasSubstr("an invoice of 2024-01-31 falls due on 2024-04-01 "
                        "(61 days)"));
}

TEST(TermsCheck, MonthEndRulesAreCheckedForTheWorstInvoiceDate) {
  // "fin de mois 45 jours" (CM+45D): an invoice of 1 January 2024 is due on
  // 2024-03-16, 75 days later: beyond 60, within the derogation. The first
  // such worst case is 2024-01-01 (excess 15 days over 2024-03-01).
  TermsCheckResult result =
      Check("fin de mois 45 jours", PaymentDelayJurisdiction::kFrance);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].severity, Severity::kNeedsExpressAgreement);
  EXPECT_EQ(result.findings[0].invoice_date, MakeDate(2024, 1, 1));
  EXPECT_EQ(result.findings[0].due_date, MakeDate(2024, 3, 16));
  EXPECT_EQ(result.findings[0].limit_date, MakeDate(2024, 3, 1));
  // "30 jours fin de mois" (30D+CM): the delay is 30 days plus the rest of
  // the month that invoice + 30 falls in, so at most 30 + 30 = 60, reached
  // exactly when invoice + 30 is the 1st of a 31-day month. The scan starts
  // on 2024-01-01, so invoice + 30 is 2024-01-31 at the earliest; the first
  // 1st of a month after that is 2024-02-01, but February 2024 has 29 days
  // (30 + 28 = 58); the next is 2024-03-01, a 31-day month, reached from
  // 2024-01-31 (+ 29 days of February + 1). So 2024-01-31 -> 03-01 -> 03-31:
  // 29 + 31 = 60 days, the first 60 of the scan (2024-04-01 -> 05-01 ->
  // 05-31 is another, later).
  result = Check("30 jours fin de mois", PaymentDelayJurisdiction::kFrance);
  EXPECT_TRUE(result.compliant());
  EXPECT_EQ(result.longest_delay_days, 60);
  EXPECT_EQ(result.longest_delay_invoice_date, MakeDate(2024, 1, 31));
  // 60 days then month end (60D+CM): from 2024-12-31, +60 = 2025-03-01 ->
  // 2025-03-31; limits 2025-03-01 (60 days), end of 2025-02-14's month =
  // 02-28, 2024-12-31 + 45 = 2025-02-14: 30 days beyond, the worst case.
  result = Check("60D+CM", PaymentDelayJurisdiction::kFrance);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].severity, Severity::kViolation);
  EXPECT_EQ(result.findings[0].invoice_date, MakeDate(2024, 12, 31));
  EXPECT_EQ(result.findings[0].due_date, MakeDate(2025, 3, 31));
  EXPECT_EQ(result.findings[0].limit_date, MakeDate(2025, 3, 1));
}

TEST(TermsCheck, EuropeanBusinessDelaysOverSixtyDaysNeedExpressAgreement) {
  // Directive 2011/7/EU art. 3(5): 60 calendar days unless expressly agreed
  // and not grossly unfair -- never an absolute violation between companies.
  EXPECT_TRUE(
      Check("net 60", PaymentDelayJurisdiction::kEuBusiness).compliant());
  TermsCheckResult result =
      Check("net 120", PaymentDelayJurisdiction::kEuBusiness);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].severity, Severity::kNeedsExpressAgreement);
  EXPECT_EQ(result.findings[0].article, "Directive 2011/7/EU art. 3(5)");
}

TEST(TermsCheck, EuropeanPublicAuthoritiesPayInThirtyToSixtyDays) {
  // Directive 2011/7/EU art. 4(3) and 4(6), public authorities: 30 days; up
  // to 60 if expressly agreed and objectively justified; never more.
  EXPECT_TRUE(Check("net 30", PaymentDelayJurisdiction::kEuPublicAuthority)
                  .compliant());
  TermsCheckResult result =
      Check("net 45", PaymentDelayJurisdiction::kEuPublicAuthority);
  EXPECT_EQ(result.findings[0].severity, Severity::kNeedsExpressAgreement);
  result = Check("net 61", PaymentDelayJurisdiction::kEuPublicAuthority);
  EXPECT_EQ(result.findings[0].severity, Severity::kViolation);
  EXPECT_EQ(result.findings[0].article, "Directive 2011/7/EU art. 4(6)");
}

TEST(TermsCheck, InstalmentsAreJudgedByTheLastOne) {
  const TermsCheckResult result =
      Check("30% now, 70% net 90", PaymentDelayJurisdiction::kFrance);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].severity, Severity::kViolation);
}

TEST(TermsCheck, ScanCoversEveryWeekdayOfEveryMonthEnd) {
  // Gregorian weekdays and leap years repeat every 28 years between 1901
  // and 2099, so 2024..2051 puts each month end, in common and in leap
  // years, on every weekday (29 February: 2024 Thursday, 2028 Tuesday, 2032
  // Sunday, 2036 Friday, 2040 Wednesday, 2044 Monday, 2048 Saturday).
  EXPECT_EQ(kTermsCheckFirstInvoiceDate, MakeDate(2024, 1, 1));
  EXPECT_EQ(kTermsCheckLastInvoiceDate, MakeDate(2051, 12, 31));
  // weekdays[leap][month - 1]: the set of ISO weekdays seen, as bits.
  unsigned weekdays[2][12] = {};
  for (int year = YearOf(kTermsCheckFirstInvoiceDate);
       year <= YearOf(kTermsCheckLastInvoiceDate); ++year) {
    for (unsigned month = 1; month <= 12; ++month) {
      const Date end = EndOfMonth(MakeDate(year, month, 1));
      weekdays[IsLeapYear(year) ? 1 : 0][month - 1] |=
          1u << WeekdayOf(end).iso_encoding();
    }
  }
  for (int leap = 0; leap < 2; ++leap) {
    for (int month = 0; month < 12; ++month) {
      EXPECT_EQ(weekdays[leap][month], 0b1111'1110u)
          << "month " << month + 1 << (leap == 1 ? " (leap)" : " (common)");
    }
  }
}

TEST(TermsCheck, DueDatesBeyondTheSupportedRangeAreInvalidArguments) {
  // 99999 months from 2024 is the year 10357.
  absl::StatusOr<PaymentTerms> terms = PaymentTerms::Parse("99999M");
  ASSERT_THAT(terms, IsOk());
  EXPECT_THAT(CheckTerms(*terms, PaymentDelayJurisdiction::kFrance),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the date would be after 9999-12-31")));
}

TEST(TermsCheck, ParsesJurisdictionNames) {
  EXPECT_EQ(*ParsePaymentDelayJurisdiction("EU-PUBLIC"),
            PaymentDelayJurisdiction::kEuPublicAuthority);
}

TEST(TermsCheck, UnknownJurisdictionsAreRejectedListingTheKnownOnes) {
  EXPECT_THAT(
      ParsePaymentDelayJurisdiction("DE"),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr("jurisdiction \"DE\": expected one of FR, EU, EU-PUBLIC")));
}

}  // namespace
}  // namespace relance
