// The conventions of relance's JSON documents (docs/json.md), shared by the
// library's serialisers. Private to the library: not installed.
#ifndef RELANCE_SRC_JSON_DOCUMENT_HPP_
#define RELANCE_SRC_JSON_DOCUMENT_HPP_

#include <optional>
#include <string>
#include <string_view>

#include "nlohmann/json.hpp"
#include "relance/date.hpp"
#include "relance/money.hpp"

namespace relance::internal {

using Json = nlohmann::ordered_json;

// {"schema": "relance.<type>", "schema_version": 1}.
Json NewDocument(std::string_view type);
// "1234.56 EUR", or null.
Json MoneyJson(const std::optional<Money>& amount);
// "YYYY-MM-DD", or null.
Json DateJson(const std::optional<Date>& date);
// A string, or null when empty.
Json TextOrNull(std::string_view text);
// Indented by two spaces, with a final newline.
std::string Dump(const Json& document);

}  // namespace relance::internal

#endif  // RELANCE_SRC_JSON_DOCUMENT_HPP_
