#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/terms.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::Eur;
using ::relance::testing::IsOk;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(TermsJson, TextForm) {
  absl::StatusOr<PaymentTerms> terms = PaymentTerms::FromJson(
      R"({"text": "45 jours fin de mois", "eom_reading": "eom-then-days"})");
  ASSERT_THAT(terms, IsOk());
  // Invoice 2023-01-15, end of month then 45 days: 2023-03-17.
  EXPECT_EQ(terms->DueDates(MakeDate(2023, 1, 15))->front(),
            MakeDate(2023, 3, 17));
}

TEST(TermsJson, StructuredForm) {
  absl::StatusOr<PaymentTerms> terms = PaymentTerms::FromJson(R"({
    "lines": [
      {"percent": "30%", "due": "0D"},
      {"fixed": "100.00 EUR", "due": "30D"},
      {"balance": true, "due": "CM+30D",
       "adjust": {"calendar": "FR", "convention": "following"},
       "discounts": [{"percent": "2%", "within": "10D"}]}
    ],
    "rounding": "half-even",
    "month_overflow": "clamp",
    "sticky_month_end": false
  })");
  ASSERT_THAT(terms, IsOk());
  // 1000.00 EUR on 2026-01-15: 300.00 now, 100.00 on 2026-02-14, the
  // balance 600.00 on 2026-01-31 + 30 = 2026-03-02 (a Monday, unchanged);
  // 2% of 600.00 = 12.00 if paid by 2026-01-25.
  absl::StatusOr<PaymentSchedule> schedule =
      terms->Schedule(MakeDate(2026, 1, 15), Eur("1000.00"));
  ASSERT_THAT(schedule, IsOk());
  ASSERT_EQ(schedule->instalments.size(), 3u);
  EXPECT_EQ(schedule->instalments[0].amount, Eur("300.00"));
  EXPECT_EQ(schedule->instalments[1].amount, Eur("100.00"));
  EXPECT_EQ(schedule->instalments[1].due_date, MakeDate(2026, 2, 14));
  EXPECT_EQ(schedule->instalments[2].amount, Eur("600.00"));
  EXPECT_EQ(schedule->instalments[2].due_date, MakeDate(2026, 3, 2));
  EXPECT_EQ(schedule->instalments[2].discounts[0].discount, Eur("12.00"));
  EXPECT_EQ(terms->spec().rounding, RoundingMode::kHalfEven);
}

TEST(TermsJson, ReadsACutOffDay) {
  // "10th proximo, cut-off 25" (SAP KBA 2926267's 1st-9th and 26th-31st
  // cases): 2026-01-25 is due 2026-02-10, 2026-01-26 on 2026-03-10.
  absl::StatusOr<PaymentTerms> cutoff = PaymentTerms::FromJson(
      R"({"lines": [{"balance": true, "due": "CM+D10", "cutoff_day": 25}]})");
  ASSERT_THAT(cutoff, IsOk());
  EXPECT_EQ(cutoff->DueDates(MakeDate(2026, 1, 25))->front(),
            MakeDate(2026, 2, 10));
  EXPECT_EQ(cutoff->DueDates(MakeDate(2026, 1, 26))->front(),
            MakeDate(2026, 3, 10));
}

TEST(TermsJson, ReadsDayLimits) {
  // SAP Help's day limits: to the 15th the month's end, later the 15th of
  // the next month.
  absl::StatusOr<PaymentTerms> limits = PaymentTerms::FromJson(R"({"lines": [
      {"balance": true, "due": "1M-CM-1D+D15",
       "day_limits": [{"up_to_day": 15, "due": "CM"}]}]})");
  ASSERT_THAT(limits, IsOk());
  EXPECT_EQ(limits->DueDates(MakeDate(2026, 4, 15))->front(),
            MakeDate(2026, 4, 30));
  EXPECT_EQ(limits->DueDates(MakeDate(2026, 4, 16))->front(),
            MakeDate(2026, 5, 15));
}

TEST(TermsJson, ReadsTheDiscountBaseAndCreditNoteSwitch) {
  // Odoo 'excluded': 10 % of the untaxed 1000.00 of 1150.00.
  absl::StatusOr<PaymentTerms> untaxed = PaymentTerms::FromJson(
      R"({"lines": [{"balance": true, "due": "30D"}],
          "discounts": [{"percent": "10%", "within": "10D"}],
          "discount_base": "untaxed", "discounts_on_credit_notes": false})");
  ASSERT_THAT(untaxed, IsOk());
  absl::StatusOr<PaymentSchedule> schedule =
      untaxed->Schedule(MakeDate(2019, 1, 1), Eur("1150.00"), Eur("150.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_EQ(schedule->discounts[0].discount, Eur("100.00"));
  schedule =
      untaxed->Schedule(MakeDate(2019, 1, 1), Eur("-1150.00"), Eur("-150.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_TRUE(schedule->discounts.empty());
}

TEST(TermsJson, CutOffDayLimitAndDiscountBaseErrorsNameThePath) {
  // Errors name the path.
  EXPECT_THAT(PaymentTerms::FromJson(
                  R"({"lines": [{"balance": true, "due": "0D",
                      "cutoff_day": 31}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("lines[0]: cut-off day 31 is outside 1..30")));
  EXPECT_THAT(PaymentTerms::FromJson(
                  R"({"lines": [{"balance": true, "due": "0D",
                      "day_limits": [{"up_to_day": 15}]}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("lines[0].day_limits[0].due: required")));
  EXPECT_THAT(
      PaymentTerms::FromJson(
          R"({"lines": [{"balance": true, "due": "0D"}],
                      "discount_base": "net"})"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("discount_base")));
}

TEST(TermsJson, PercentInBasisPoints) {
  absl::StatusOr<PaymentTerms> terms = PaymentTerms::FromJson(R"({
    "lines": [{"percent": "3000bp", "due": "0D"}, {"balance": true, "due": "30D"}]
  })");
  ASSERT_THAT(terms, IsOk());
  EXPECT_EQ(terms->spec().lines[0].percent, Rate::FromPercent(30));
}

TEST(TermsJson, ErrorsNameThePath) {
  const auto error = [](const char* json, absl::StatusCode code,
                        const char* fragment) {
    EXPECT_THAT(PaymentTerms::FromJson(json),
                StatusIs(code, HasSubstr(fragment)))
        << json;
  };
  const auto invalid = absl::StatusCode::kInvalidArgument;
  error("{", invalid, "terms: invalid JSON");
  error("[]", invalid, "terms: expected a JSON object");
  error(R"({"txt": "net 30"})", invalid, "terms: unknown key \"txt\"");
  error(R"({})", invalid, "give \"text\" or \"lines\"");
  error(R"({"text": "net thirty"})", invalid,
        "terms: text: terms \"net thirty\"");
  error(R"({"text": "net 30", "lines": []})", invalid, "not both");
  error(R"({"text": 30})", invalid, "text: expected a string, got integer");
  error(R"({"lines": [{"due": "30D"}]})", invalid,
        "lines[0]: give exactly one of");
  error(R"({"lines": [{"balance": true}]})", invalid, "lines[0].due: required");
  error(R"({"lines": [{"balance": true, "due": "30X"}]})", invalid,
        "lines[0].due: date formula \"30X\": at column 3");
  error(R"({"lines": [{"percent": "30", "due": "30D"}]})", invalid,
        "terms: lines[0].percent: rate \"30\": expected a percentage such "
        "as \"30%\" (a bare number is ambiguous between 30 % and 3000 %)");
  error(
      R"({"lines": [{"balance": true, "due": "30D"}], "discounts": [{"percent": "2", "within": "10D"}]})",
      invalid,
      "terms: discounts[0].percent: rate \"2\": expected a percentage");
  error(
      R"({"lines": [{"balance": true, "due": "30D", "discounts": [{"percent": "0.02", "within": "10D"}]}]})",
      invalid,
      "lines[0].discounts[0].percent: rate \"0.02\": expected a percentage");
  error(R"({"lines": [{"percent": "30%", "due": "30D"}]})", invalid,
        "percentages add up to 30.00%");
  error(
      R"({"lines": [{"fixed": "10.001 EUR", "due": "30D"}, {"balance": true, "due": "0D"}]})",
      invalid, "lines[0].fixed: money \"10.001 EUR\"");
  error(R"({"lines": [{"balance": false, "due": "30D"}]})", invalid,
        "must be true");
  error(
      R"({"lines": [{"balance": true, "due": "30D", "adjust": {"calendar": "XX"}}]})",
      absl::StatusCode::kNotFound, "lines[0].adjust.calendar");
  error(R"({"lines": [{"balance": true, "due": "30D", "adjust": {}}]})",
        invalid, "lines[0].adjust.calendar: required");
  error(
      R"({"lines": [{"balance": true, "due": "30D"}], "discounts": [{"percent": "2%"}]})",
      invalid, "discounts[0].within: required");
  error(R"({"text": "net 30", "rounding": "nearest"})", invalid,
        "rounding: rounding mode \"nearest\"");
  error(R"({"text": "net 30", "month_overflow": "wrap"})", invalid,
        "expected clamp or spill-over");
  error(R"({"text": "net 30", "eom_reading": "both"})", invalid,
        "eom_reading: end-of-month reading \"both\"");
  error(R"({"text": "net 30", "text": "net 60"})", invalid, "appears twice");
}

TEST(TermsJson, TheFuzzedBusinessDayFormulaIsRefusedAtOnce) {
  // A line due "99999WD" then "-99999WD+99999WD" 255 times on FR: 511
  // business-day steps, once 16 s of work; now refused at parse.
  std::string formula = "99999WD";
  for (int i = 0; i < 255; ++i) formula += "-99999WD+99999WD";
  const std::string json = R"({"lines": [{"balance": true, "due": ")" +
                           formula + R"(", "adjust": {"calendar": "FR"}}]})";
  EXPECT_THAT(PaymentTerms::FromJson(json),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("lines[0].due"),
                             HasSubstr("at column 256: more than 32 steps"))));
  // The largest formula the bound allows (32 steps) is answered: Thursday
  // 2026-01-15 is a business day, so each -99999WD returns where the
  // +99999WD before it left.
  std::string largest = "99999WD";
  for (int i = 0; i < 15; ++i) largest += "-99999WD+99999WD";
  largest += "-99999WD";
  absl::StatusOr<PaymentTerms> terms =
      PaymentTerms::FromJson(R"({"lines": [{"balance": true, "due": ")" +
                             largest + R"(", "adjust": {"calendar": "FR"}}]})");
  ASSERT_THAT(terms, IsOk());
  EXPECT_THAT(terms->DueDates(MakeDate(2026, 1, 15)),
              IsOkAndHolds(ElementsAre(MakeDate(2026, 1, 15))));
}

}  // namespace
}  // namespace relance
