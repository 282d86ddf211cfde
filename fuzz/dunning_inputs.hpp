// fuzz/dunning_inputs.hpp
// -----------------------------------------------------------------------------
// The shipped example policy and case the dunning harnesses pair with what
// they fuzz, read once from examples/ (RELANCE_SOURCE_DIR is set by
// fuzz/CMakeLists.txt), and the property every (policy, case) pair has.
#ifndef RELANCE_FUZZ_DUNNING_INPUTS_HPP_
#define RELANCE_FUZZ_DUNNING_INPUTS_HPP_

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "fuzz_check.hpp"
#include "relance/dunning.hpp"
#include "relance/event.hpp"
#include "relance/policy.hpp"

namespace relance::fuzz {

inline std::string ReadExample(const std::string& path) {
  std::ifstream file(std::string(RELANCE_SOURCE_DIR) + "/examples/" + path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

inline const Policy& ExamplePolicy() {
  static const Policy policy = [] {
    auto parsed = Policy::FromJson(ReadExample("policies/standard_fr.json"));
    RELANCE_FUZZ_CHECK(parsed.ok());
    return *parsed;
  }();
  return policy;
}

inline const Case& ExampleCase() {
  static const Case example = [] {
    auto parsed = Case::FromJson(ReadExample("cases/dupont_ladder.json"));
    RELANCE_FUZZ_CHECK(parsed.ok());
    return *parsed;
  }();
  return example;
}

// Evaluating twice gives the same decision (evaluation is pure); each action
// names invoices of the case; a forecast over a quarter completes.
inline void CheckEvaluation(const Policy& policy, const Case& c) {
  for (const Date as_of : {MakeDate(2026, 3, 5), MakeDate(2026, 6, 1)}) {
    absl::StatusOr<Decision> first = Evaluate(policy, c, as_of);
    absl::StatusOr<Decision> second = Evaluate(policy, c, as_of);
    RELANCE_FUZZ_CHECK(first.ok() == second.ok());
    if (!first.ok()) {
      RELANCE_FUZZ_CHECK(first.status() == second.status());
      continue;
    }
    RELANCE_FUZZ_CHECK(first->actions.size() == second->actions.size());
    RELANCE_FUZZ_CHECK(first->invoices.size() == second->invoices.size());
    for (const Communication& action : first->actions) {
      RELANCE_FUZZ_CHECK(!action.invoices.empty());
      RELANCE_FUZZ_CHECK(action.invoices.size() ==
                         action.invoice_levels.size());
    }
  }
  absl::StatusOr<DunningForecast> forecast =
      Forecast(policy, c, MakeDate(2026, 3, 1), MakeDate(2026, 5, 31));
  if (forecast.ok()) {
    for (const ForecastItem& item : forecast->items) {
      RELANCE_FUZZ_CHECK(item.date >= MakeDate(2026, 3, 1) &&
                         item.date <= MakeDate(2026, 5, 31));
    }
  }
}

}  // namespace relance::fuzz

#endif  // RELANCE_FUZZ_DUNNING_INPUTS_HPP_
