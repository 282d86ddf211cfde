#include "relance/terms_check.hpp"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "status_matchers.hpp"

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
  // "30 jours fin de mois" (30D+CM): at most 30 days plus the rest of a
  // month, and never beyond 60 (the worst is the 1st of a 31-day month
  // followed by a 30-day month: 2024-05-01 + 30 = 05-31 -> 05-31, 30 days;
  // 2024-03-02 + 30 = 04-01 -> 04-30, 59 days).
  result = Check("30 jours fin de mois", PaymentDelayJurisdiction::kFrance);
  EXPECT_TRUE(result.compliant());
  EXPECT_LE(result.longest_delay_days, 60);
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

TEST(TermsCheck, EuropeanDirective) {
  // Directive 2011/7/EU art. 3(5): 60 calendar days unless expressly agreed
  // and not grossly unfair -- never an absolute violation between companies.
  EXPECT_TRUE(
      Check("net 60", PaymentDelayJurisdiction::kEuBusiness).compliant());
  TermsCheckResult result =
      Check("net 120", PaymentDelayJurisdiction::kEuBusiness);
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].severity, Severity::kNeedsExpressAgreement);
  EXPECT_EQ(result.findings[0].article, "Directive 2011/7/EU art. 3(5)");
  // Art. 4(3) and 4(6), public authorities: 30 days; up to 60 if expressly
  // agreed and objectively justified; never more.
  EXPECT_TRUE(Check("net 30", PaymentDelayJurisdiction::kEuPublicAuthority)
                  .compliant());
  result = Check("net 45", PaymentDelayJurisdiction::kEuPublicAuthority);
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

TEST(TermsCheck, JurisdictionNames) {
  EXPECT_EQ(*ParsePaymentDelayJurisdiction("EU-PUBLIC"),
            PaymentDelayJurisdiction::kEuPublicAuthority);
  EXPECT_THAT(ParsePaymentDelayJurisdiction("DE"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected FR, EU or EU-PUBLIC")));
}

}  // namespace
}  // namespace relance
