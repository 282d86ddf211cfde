// relance/batch_json.hpp
// -----------------------------------------------------------------------------
// The JSON document of a portfolio run's totals (`relance.portfolio`), the
// one form the C ABI and Python return (docs/json.md). Amounts are the
// library's text form ("1234.56 EUR"); counts are per level of the ladder
// applied, in ladder order, with the levels' ids alongside.
//
// Example:
//
//   std::string json = PortfolioTotalsToJson(*totals, *evaluator);
//   // {"schema": "relance.portfolio", "schema_version": 1,
//   //  "policy": "portfolio-v1", "policy_version": 1,
//   //  "as_of": "2025-12-31", "currency": "EUR", "ladder": "default",
//   //  "invoices": 1000000, "total_balance": "1554477194.77 EUR", ...}
#ifndef RELANCE_BATCH_JSON_HPP_
#define RELANCE_BATCH_JSON_HPP_

#include <string>

#include "relance/batch.hpp"
#include "relance/export.hpp"

namespace relance {

// The totals of a run of `evaluator`, indented by two spaces, with a final
// newline.
[[nodiscard]] RELANCE_API std::string PortfolioTotalsToJson(
    const PortfolioTotals& totals, const PortfolioEvaluator& evaluator);

}  // namespace relance

#endif  // RELANCE_BATCH_JSON_HPP_
