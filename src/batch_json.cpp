// The relance.portfolio document (relance/batch_json.hpp, docs/json.md).
#include "relance/batch_json.hpp"

#include <string>

#include "json_document.hpp"
#include "relance/money.hpp"

namespace relance {

std::string PortfolioTotalsToJson(const PortfolioTotals& totals,
                                  const PortfolioEvaluator& evaluator) {
  using internal::DateJson;
  using internal::MoneyJson;
  using Json = internal::OrderedJson;
  const PortfolioSetup& setup = evaluator.setup();
  const Currency currency = setup.currency;
  const auto money = [currency](int64_t minor_units) {
    return MoneyJson(*Money::FromMinorUnits(minor_units, currency));
  };
  Json document = internal::NewDocument("portfolio");
  document["policy"] = evaluator.policy().id();
  document["policy_version"] = evaluator.policy().version();
  document["as_of"] = FormatDate(setup.as_of);
  document["currency"] = currency.ToString();
  document["ladder"] = evaluator.ladder().id;
  document["invoices"] = totals.invoices;
  document["total_balance"] = money(totals.total_balance);
  document["total_interest"] = money(totals.total_interest);
  document["total_compensation"] = money(totals.total_compensation);
  Json levels = Json::array();
  for (const DunningLevel& level : evaluator.ladder().levels) {
    levels.push_back(level.id);
  }
  document["levels"] = std::move(levels);
  document["actions_per_level"] = totals.actions_per_level;
  document["letters_per_level"] = totals.letters_per_level;
  document["rate_assumed_from"] = DateJson(totals.rate_assumed_from);
  return internal::Dump(document);
}

}  // namespace relance
