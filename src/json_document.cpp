#include "json_document.hpp"

#include <string>

namespace relance::internal {

Json NewDocument(std::string_view type) {
  return Json{{"schema", "relance." + std::string(type)},
              {"schema_version", 1}};
}

Json MoneyJson(const std::optional<Money>& amount) {
  return amount ? Json(amount->ToString()) : Json(nullptr);
}

Json DateJson(const std::optional<Date>& date) {
  return date ? Json(FormatDate(*date)) : Json(nullptr);
}

Json TextOrNull(std::string_view text) {
  return text.empty() ? Json(nullptr) : Json(std::string(text));
}

std::string Dump(const Json& document) { return document.dump(2) + "\n"; }

}  // namespace relance::internal
