// relance/schedule_json.hpp
// -----------------------------------------------------------------------------
// The JSON document of a payment schedule (relance/terms.hpp), with the
// terms it came from and, optionally, the legal checks of those terms
// (relance/terms_check.hpp): what `relance terms --json` prints, and what the
// C ABI and the Python bindings return. Conventions and keys in order:
// docs/json.md.
//
// Example:
//
//   auto terms = PaymentTerms::Parse("30 days end of month");
//   auto schedule = terms->Schedule(MakeDate(2026, 1, 15),
//                                   *Money::Parse("1200.00 EUR"));
//   std::cout << ScheduleToJson(*terms, *schedule);
#ifndef RELANCE_SCHEDULE_JSON_HPP_
#define RELANCE_SCHEDULE_JSON_HPP_

#include <string>
#include <vector>

#include "relance/export.hpp"
#include "relance/terms.hpp"
#include "relance/terms_check.hpp"

namespace relance {

// The document "relance.schedule", version 1: `schema`, `schema_version`,
// `terms` (PaymentTerms::ToString), `eom_reading` (or null), `invoice_date`,
// `total`, `instalments` (each `due_date`, `unadjusted_due_date`, `amount`,
// `discounts`), `discounts` (on the whole invoice; each `percent`,
// `deadline`, `discount`, `net_payable`), `final_due_date`,
// `discount_base`, `tax_reduction` (or null), `legal` (one per check:
// `jurisdiction`, `compliant`, `longest_delay_days`, `findings`: each
// `severity`, `article`, `message`, `invoice_date`, `due_date`,
// `limit_date`). Indented by two spaces, with a final newline. Never fails.
RELANCE_API std::string ScheduleToJson(
    const PaymentTerms& terms, const PaymentSchedule& schedule,
    const std::vector<TermsCheckResult>& checks = {});

}  // namespace relance

#endif  // RELANCE_SCHEDULE_JSON_HPP_
