// relance/assessment_json.hpp
// -----------------------------------------------------------------------------
// The JSON document of a penalty assessment (relance/penalty.hpp): what
// `relance penalties --json` prints, and what the C ABI and the Python
// bindings return. Conventions and the keys in order: docs/json.md.
//
// Example:
//
//   absl::StatusOr<PenaltyAssessment> assessment = Assess(rule, facts, as_of);
//   std::cout << AssessmentToJson(*assessment);
//   // {
//   //   "schema": "relance.assessment",
//   //   "schema_version": 1,
//   //   "rule": "fr-b2b", ...
#ifndef RELANCE_ASSESSMENT_JSON_HPP_
#define RELANCE_ASSESSMENT_JSON_HPP_

#include <string>

#include "relance/export.hpp"
#include "relance/penalty.hpp"

namespace relance {

// The document "relance.assessment", version 1: `schema`, `schema_version`,
// `rule` (id), `citation`, `regime` (null when the rule has one regime),
// `as_of`, `lines` (each `from`, `to`, `days`, `principal`, `annual_rate`,
// `amount`, `assumed_rate`), `interest`, `compensation`, `charges`, `total`,
// `principal_outstanding`, `interest_outstanding`, `costs_outstanding`,
// `penalties_outstanding`, `total_outstanding`, `overpaid`, `flags` (names
// as ToString(PenaltyFlag)), `explanations`. Indented by two spaces, with a
// final newline. Never fails.
RELANCE_API std::string AssessmentToJson(const PenaltyAssessment& assessment);

}  // namespace relance

#endif  // RELANCE_ASSESSMENT_JSON_HPP_
