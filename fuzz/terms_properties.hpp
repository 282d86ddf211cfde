// fuzz/terms_properties.hpp
// -----------------------------------------------------------------------------
// The properties every accepted set of payment terms has, whichever notation
// it was read from: its schedule for an invoice sums exactly to the total,
// with each instalment due within 0001..9999; it prints without failing.
#ifndef RELANCE_FUZZ_TERMS_PROPERTIES_HPP_
#define RELANCE_FUZZ_TERMS_PROPERTIES_HPP_

#include "fuzz_check.hpp"
#include "relance/money.hpp"
#include "relance/terms.hpp"

namespace relance::fuzz {

inline void CheckScheduleProperties(const PaymentTerms& terms) {
  RELANCE_FUZZ_CHECK(!terms.ToString().empty());
  for (const char* total_text : {"1000.00 EUR", "0.01 EUR", "-250.00 EUR"}) {
    const absl::StatusOr<Money> total = Money::Parse(total_text);
    RELANCE_FUZZ_CHECK(total.ok());
    for (const Date invoice_date :
         {MakeDate(2026, 1, 31), MakeDate(2024, 2, 29)}) {
      absl::StatusOr<PaymentSchedule> schedule =
          terms.Schedule(invoice_date, *total);
      if (!schedule.ok()) continue;
      RELANCE_FUZZ_CHECK(!schedule->instalments.empty());
      int64_t sum = 0;
      for (const ScheduledInstalment& instalment : schedule->instalments) {
        RELANCE_FUZZ_CHECK(instalment.amount.currency() == total->currency());
        RELANCE_FUZZ_CHECK(instalment.due_date >= kMinDate &&
                           instalment.due_date <= kMaxDate);
        sum += instalment.amount.minor_units();
      }
      RELANCE_FUZZ_CHECK(sum == total->minor_units());
    }
  }
}

}  // namespace relance::fuzz

#endif  // RELANCE_FUZZ_TERMS_PROPERTIES_HPP_
