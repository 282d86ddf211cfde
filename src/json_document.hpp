// src/json_document.hpp (private to the library, not installed)
// -----------------------------------------------------------------------------
// The conventions every JSON document relance returns follows (docs/json.md),
// in one place, for the serialiser of each result type (assessment,
// schedule, decision, forecast):
//   - a document is a JSON object whose first keys are
//     "schema": "relance.<type>" and "schema_version": 1;
//   - every key is snake_case; keys come in a documented order;
//   - an absent value is null (never omitted, never "");
//   - money is the library's text form "1234.56 EUR", dates "YYYY-MM-DD";
//   - output is indented by two spaces and ends with a newline.
#ifndef RELANCE_SRC_JSON_DOCUMENT_HPP_
#define RELANCE_SRC_JSON_DOCUMENT_HPP_

#include <optional>
#include <string>
#include <string_view>

#include "nlohmann/json.hpp"
#include "relance/date.hpp"
#include "relance/money.hpp"

namespace relance::internal {

using OrderedJson = nlohmann::ordered_json;

// The version of every document's schema; raised when a key changes meaning
// or disappears (adding keys at the end does not raise it).
inline constexpr int kSchemaVersion = 1;

// {"schema": "relance.<type>", "schema_version": 1}, to which the
// serialiser appends its keys in order.
OrderedJson NewDocument(std::string_view type);

// "1234.56 EUR"; null when absent.
OrderedJson MoneyJson(const Money& amount);
OrderedJson MoneyJson(const std::optional<Money>& amount);

// "YYYY-MM-DD"; null when absent.
OrderedJson DateJson(std::optional<Date> date);

// The text; null when empty.
OrderedJson TextJson(std::string_view text);

// The document indented by two spaces with a final newline; invalid UTF-8
// (names from files) is replaced rather than thrown on.
std::string Dump(const OrderedJson& document);

}  // namespace relance::internal

#endif  // RELANCE_SRC_JSON_DOCUMENT_HPP_
