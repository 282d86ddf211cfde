#include "json_document.hpp"

#include "absl/strings/str_cat.h"

namespace relance::internal {

OrderedJson NewDocument(std::string_view type) {
  OrderedJson document = OrderedJson::object();
  document["schema"] = absl::StrCat("relance.", std::string(type));
  document["schema_version"] = kSchemaVersion;
  return document;
}

OrderedJson MoneyJson(const Money& amount) { return amount.ToString(); }

OrderedJson MoneyJson(const std::optional<Money>& amount) {
  return amount.has_value() ? MoneyJson(*amount) : OrderedJson(nullptr);
}

OrderedJson DateJson(std::optional<Date> date) {
  return date.has_value() ? OrderedJson(FormatDate(*date))
                          : OrderedJson(nullptr);
}

OrderedJson TextJson(std::string_view text) {
  return text.empty() ? OrderedJson(nullptr) : OrderedJson(std::string(text));
}

std::string Dump(const OrderedJson& document) {
  return document.dump(2, ' ', false, OrderedJson::error_handler_t::replace) +
         "\n";
}

}  // namespace relance::internal
