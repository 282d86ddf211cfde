// The C++ side of the Python per-call overhead benchmark:
// benchmarks/python_overhead.py makes the same calls through `relance` and
// subtracts these figures (docs/python.md reports them). Each benchmark has
// exactly the inputs the script uses; the policy and the case are the
// bundled examples.
#include <fstream>
#include <sstream>
#include <string>

#include "benchmark/benchmark.h"
#include "relance/decision_json.hpp"
#include "relance/relance.hpp"

namespace relance {
namespace {

std::string Example(const std::string& path) {
  std::ifstream file(std::string(RELANCE_SOURCE_DIR) + "/examples/" + path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

void BM_PyMoneyParse(benchmark::State& state) {
  for (auto _ : state) {
    auto money = Money::Parse("1234.56 EUR");
    benchmark::DoNotOptimize(money);
  }
}
BENCHMARK(BM_PyMoneyParse);

void BM_PyCalendarAdjust(benchmark::State& state) {
  const BusinessCalendar fr = **BuiltinCalendar("FR");
  for (auto _ : state) {
    Date date = fr.Adjust(MakeDate(2026, 5, 30),
                          BusinessDayConvention::kModifiedFollowing);
    benchmark::DoNotOptimize(date);
  }
}
BENCHMARK(BM_PyCalendarAdjust);

void BM_PyTermsSchedule(benchmark::State& state) {
  const PaymentTerms terms = *PaymentTerms::Parse("2/10 net 30");
  const Money total = *Money::Parse("1000.00 EUR");
  for (auto _ : state) {
    auto schedule = terms.Schedule(MakeDate(2026, 1, 31), total);
    benchmark::DoNotOptimize(schedule);
  }
}
BENCHMARK(BM_PyTermsSchedule);

void BM_PyAssess(benchmark::State& state) {
  const CompiledPenaltyRule rule =
      *CompiledPenaltyRule::Compile(*PenaltyPreset("fr-b2b"));
  const InvoiceFacts facts{.amount = *Money::Parse("15000.00 EUR"),
                           .due_date = MakeDate(2025, 9, 30)};
  for (auto _ : state) {
    auto assessment = Assess(rule, facts, MakeDate(2025, 10, 30));
    benchmark::DoNotOptimize(assessment);
  }
}
BENCHMARK(BM_PyAssess);

// The bundled policy and case, as the script reads them.
struct Dupont {
  Policy policy = *Policy::FromJson(Example("policies/standard_fr.json"));
  CompiledCase c = *CompiledCase::Compile(
      *Case::FromJson(Example("cases/dupont_ladder.json")));
};

void BM_PyEvaluate(benchmark::State& state) {
  const Dupont dupont;
  for (auto _ : state) {
    auto decision = Evaluate(dupont.policy, dupont.c, MakeDate(2026, 3, 5));
    benchmark::DoNotOptimize(decision);
  }
}
BENCHMARK(BM_PyEvaluate);

// With the decision document, as Python's to_dict() reads it.
void BM_PyEvaluateToJson(benchmark::State& state) {
  const Dupont dupont;
  for (auto _ : state) {
    std::string json = DecisionToJson(
        *Evaluate(dupont.policy, dupont.c, MakeDate(2026, 3, 5)));
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_PyEvaluateToJson);

}  // namespace
}  // namespace relance
