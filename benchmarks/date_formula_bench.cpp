// Benchmarks for date formulas: parsing once, evaluating per invoice.
#include "benchmark/benchmark.h"
#include "relance/builtin_calendars.hpp"
#include "relance/date_formula.hpp"

namespace relance {
namespace {

void BM_DateFormulaParse(benchmark::State& state) {
  for (auto _ : state) {
    absl::StatusOr<DateFormula> formula = DateFormula::Parse("D6+1M+CM+10D");
    benchmark::DoNotOptimize(formula);
  }
}
BENCHMARK(BM_DateFormulaParse);

// Evaluates `text` over a spread of invoice dates (a year, day by day).
void EvaluateOverAYear(benchmark::State& state, const char* text,
                       const BusinessCalendar* calendar) {
  const DateFormula formula = *DateFormula::Parse(text);
  const Date first = MakeDate(2026, 1, 1);
  int64_t day = 0;
  for (auto _ : state) {
    absl::StatusOr<Date> due = formula.Evaluate(first + Days{day}, calendar);
    benchmark::DoNotOptimize(due);
    day = (day + 1) % 365;
  }
}

void BM_DateFormulaEvaluate30D(benchmark::State& state) {
  EvaluateOverAYear(state, "30D", nullptr);
}
BENCHMARK(BM_DateFormulaEvaluate30D);

void BM_DateFormulaEvaluate30DPlusCM(benchmark::State& state) {
  EvaluateOverAYear(state, "30D+CM", nullptr);
}
BENCHMARK(BM_DateFormulaEvaluate30DPlusCM);

void BM_DateFormulaEvaluateFourSteps(benchmark::State& state) {
  EvaluateOverAYear(state, "D6+1M+CM+10D", nullptr);
}
BENCHMARK(BM_DateFormulaEvaluateFourSteps);

void BM_DateFormulaEvaluate10WD(benchmark::State& state) {
  const auto calendar = *BuiltinCalendar("FR");
  EvaluateOverAYear(state, "10WD", calendar.get());
}
BENCHMARK(BM_DateFormulaEvaluate10WD);

}  // namespace
}  // namespace relance
