// Benchmarks for late-payment penalties: one invoice assessed per call.
#include "benchmark/benchmark.h"
#include "relance/jurisdiction.hpp"
#include "relance/penalty.hpp"

namespace relance {
namespace {

InvoiceFacts TwoPaymentsAcrossRateChange() {
  return {.amount = *Money::Parse("15000.00 EUR"),
          .due_date = MakeDate(2024, 5, 15),
          .settlements = {{.date = MakeDate(2024, 6, 10),
                           .amount = *Money::Parse("5000.00 EUR")},
                          {.date = MakeDate(2024, 7, 20),
                           .amount = *Money::Parse("4000.00 EUR")}}};
}

// The reference case: one invoice, two partial payments, a rate
// change (1 July 2024) inside the delay, French statutory rule.
void BM_AssessTwoPaymentsAcrossRateChange(benchmark::State& state) {
  const PenaltyRule rule = *PenaltyPreset("fr-b2b");
  const InvoiceFacts facts = TwoPaymentsAcrossRateChange();
  for (auto _ : state) {
    auto assessment = Assess(rule, facts, MakeDate(2024, 9, 30));
    benchmark::DoNotOptimize(assessment);
  }
}
BENCHMARK(BM_AssessTwoPaymentsAcrossRateChange);

// The same on a compiled rule: with the breakdown (lines and sentences), and
// without it (the figures only: no heap allocation per call).
void BM_AssessCompiled(benchmark::State& state) {
  const CompiledPenaltyRule rule =
      *CompiledPenaltyRule::Compile(*PenaltyPreset("fr-b2b"));
  const InvoiceFacts facts = TwoPaymentsAcrossRateChange();
  const AssessOptions options{.breakdown = state.range(0) != 0};
  for (auto _ : state) {
    auto assessment = Assess(rule, facts, MakeDate(2024, 9, 30), options);
    benchmark::DoNotOptimize(assessment);
  }
}
BENCHMARK(BM_AssessCompiled)->ArgName("breakdown")->Arg(1)->Arg(0);

void BM_AssessFixedRateNoPayment(benchmark::State& state) {
  PenaltyRule rule{.id = "fixed"};
  rule.interest.basis = InterestRule::Basis::kFixedAnnual;
  rule.interest.rate = Rate::FromPercent(15);
  const InvoiceFacts facts{.amount = *Money::Parse("15000.00 EUR"),
                           .due_date = MakeDate(2018, 4, 15)};
  for (auto _ : state) {
    auto assessment = Assess(rule, facts, MakeDate(2018, 5, 15));
    benchmark::DoNotOptimize(assessment);
  }
}
BENCHMARK(BM_AssessFixedRateNoPayment);

void BM_InterestForPeriod(benchmark::State& state) {
  const Money principal = *Money::Parse("15000.00 EUR");
  const Rate rate = Rate::FromBasisPoints(1215);
  for (auto _ : state) {
    ExactInterest interest =
        InterestForPeriod(principal, rate, MakeDate(2025, 7, 1),
                          MakeDate(2025, 9, 30), DayCount::kActual365Fixed);
    benchmark::DoNotOptimize(interest);
  }
}
BENCHMARK(BM_InterestForPeriod);

}  // namespace
}  // namespace relance
