// Fuzzes PenaltyRuleFromJson (contractual rules and preset overrides).
// Properties: an accepted rule validates; assessing a late invoice with a
// partial payment either fails with a message or gives a total equal to
// interest + compensation + charges, with the interest lines inside
// (due date, as_of] and never more days than that.
#include "fuzz_check.hpp"
#include "relance/jurisdiction.hpp"
#include "relance/money.hpp"
#include "relance/penalty.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace relance;
  absl::StatusOr<PenaltyRule> rule =
      PenaltyRuleFromJson(fuzz::AsText(data, size));
  if (!rule.ok()) {
    RELANCE_FUZZ_CHECK(!rule.status().message().empty());
    return 0;
  }
  RELANCE_FUZZ_CHECK(rule->Validate().ok());

  const absl::StatusOr<Money> amount = Money::Parse("15000.00 EUR");
  const absl::StatusOr<Money> paid = Money::Parse("5000.00 EUR");
  RELANCE_FUZZ_CHECK(amount.ok() && paid.ok());
  const Date due = MakeDate(2025, 6, 30);
  const Date as_of = MakeDate(2025, 12, 31);
  InvoiceFacts facts{.amount = *amount,
                     .due_date = due,
                     .settlements = {Settlement{.date = MakeDate(2025, 8, 10),
                                                .amount = *paid}}};
  absl::StatusOr<PenaltyAssessment> assessment = Assess(*rule, facts, as_of);
  if (!assessment.ok()) {
    RELANCE_FUZZ_CHECK(!assessment.status().message().empty());
    return 0;
  }
  const absl::StatusOr<Money> interest_and_compensation =
      Add(assessment->interest, assessment->compensation);
  if (interest_and_compensation.ok()) {
    const absl::StatusOr<Money> total =
        Add(*interest_and_compensation, assessment->charges);
    RELANCE_FUZZ_CHECK(!total.ok() || *total == assessment->total);
  }
  for (const InterestLine& line : assessment->lines) {
    RELANCE_FUZZ_CHECK(line.first_day > due && line.last_day <= as_of);
    RELANCE_FUZZ_CHECK(line.days ==
                       (line.last_day - line.first_day).count() + 1);
  }
  return 0;
}
