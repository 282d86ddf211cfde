// relance/decision_json.hpp
// -----------------------------------------------------------------------------
// The one JSON form of a dunning decision and of a forecast.
//
// The command line (`relance evaluate --json`), the C ABI and the Python
// bindings all return these documents, written here and nowhere else. They
// follow relance's document conventions (docs/json.md): the first keys are
// `schema` ("relance.decision", "relance.forecast") and `schema_version`
// (1); every key is snake_case and always present, `null` when absent;
// money is the library's text form ("1234.56 EUR"), dates "YYYY-MM-DD";
// keys come in the order documented in docs/json.md; new keys may be added
// at the end of an object within a schema version, never removed or renamed.
//
// A reason is an object: `code` (relance/reason.hpp), then the fields that
// code defines (FieldsOf) in the order invoice, level, level_number, date,
// next_date, amount, threshold, days, state, ladder, segment, assigned,
// detail, then `text`, its English sentence (Describe).
#ifndef RELANCE_DECISION_JSON_HPP_
#define RELANCE_DECISION_JSON_HPP_

#include <string>

#include "relance/dunning.hpp"
#include "relance/export.hpp"
#include "relance/reason.hpp"

namespace relance {

// The decision document, indented by two spaces, with a final newline.
[[nodiscard]] RELANCE_API std::string DecisionToJson(const Decision& decision);

// The forecast document, likewise.
[[nodiscard]] RELANCE_API std::string ForecastToJson(
    const DunningForecast& forecast);

// One communication as a JSON object on one line (no final newline), as it
// appears in a decision's "actions": the ledger keeps each planned action
// in this form.
[[nodiscard]] RELANCE_API std::string CommunicationToJson(
    const Communication& communication);

// One reason as a JSON object (no final newline), as it appears in both.
[[nodiscard]] RELANCE_API std::string ReasonToJson(const Reason& reason);

}  // namespace relance

#endif  // RELANCE_DECISION_JSON_HPP_
