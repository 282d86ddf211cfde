// Benchmarks for splitting amounts (instalments, shares of a payment).
#include <vector>

#include "benchmark/benchmark.h"
#include "relance/allocation.hpp"

namespace relance {
namespace {

void BM_AllocateEvenly(benchmark::State& state) {
  const Money total = *Money::Parse("1000.01 EUR");
  for (auto _ : state) {
    auto parts = AllocateEvenly(total, state.range(0));
    benchmark::DoNotOptimize(parts);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AllocateEvenly)->Arg(3)->Arg(12)->Arg(1000);

void BM_AllocateByPercentages(benchmark::State& state) {
  const Money total = *Money::Parse("1000.01 EUR");
  const Rate split[] = {Rate::FromPercent(30), Rate::FromPercent(70)};
  for (auto _ : state) {
    auto parts = AllocateByPercentages(total, split);
    benchmark::DoNotOptimize(parts);
  }
}
BENCHMARK(BM_AllocateByPercentages);

}  // namespace
}  // namespace relance
