// Benchmarks for date formulas: parsing once, evaluating per invoice.
#include <string>

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

// About 383 years of business days from 2026, past the precomputed years
// (per-year counts, kept once computed).
void BM_DateFormulaEvaluate99999WD(benchmark::State& state) {
  const auto calendar = *BuiltinCalendar("FR");
  EvaluateOverAYear(state, "99999WD", calendar.get());
}
BENCHMARK(BM_DateFormulaEvaluate99999WD);

// "99999WD" then "-99999WD+99999WD" `pairs` times.
std::string AlternatingBusinessDays(int pairs) {
  std::string text = "99999WD";
  for (int i = 0; i < pairs; ++i) text += "-99999WD+99999WD";
  return text;
}

// The worst formula the bounds allow: 32 steps of 99999WD, alternating in
// sign (each crossing 2199 and back).
void BM_DateFormulaEvaluateLargestAllowed(benchmark::State& state) {
  const auto calendar = *BuiltinCalendar("FR");
  EvaluateOverAYear(state, (AlternatingBusinessDays(15) + "-99999WD").c_str(),
                    calendar.get());
}
BENCHMARK(BM_DateFormulaEvaluateLargestAllowed);

// The 4 KB, 511-step formula fuzzing found (16 s to evaluate before): now
// refused at parse.
void BM_DateFormulaParseFuzzedInput(benchmark::State& state) {
  const std::string text = AlternatingBusinessDays(255);
  for (auto _ : state) {
    absl::StatusOr<DateFormula> formula = DateFormula::Parse(text);
    benchmark::DoNotOptimize(formula);
  }
}
BENCHMARK(BM_DateFormulaParseFuzzedInput);

}  // namespace
}  // namespace relance
