// Benchmarks for exact money: parsing, formatting and rate products, the
// operations every import and every penalty computation repeats.
#include "benchmark/benchmark.h"
#include "relance/money.hpp"

namespace relance {
namespace {

void BM_MoneyParse(benchmark::State& state) {
  for (auto _ : state) {
    absl::StatusOr<Money> money = Money::Parse("1234.56 EUR");
    benchmark::DoNotOptimize(money);
  }
}
BENCHMARK(BM_MoneyParse);

void BM_MoneyParseAmount(benchmark::State& state) {
  const Currency eur = *Currency::FromCode("EUR");
  for (auto _ : state) {
    absl::StatusOr<Money> money = Money::ParseAmount("1234.56", eur);
    benchmark::DoNotOptimize(money);
  }
}
BENCHMARK(BM_MoneyParseAmount);

void BM_MoneyToString(benchmark::State& state) {
  const Money money = *Money::Parse("1234.56 EUR");
  for (auto _ : state) {
    std::string text = money.ToString();
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_MoneyToString);

void BM_MoneyMultiplyByRate(benchmark::State& state) {
  const Money money = *Money::Parse("15000.00 EUR");
  const Rate rate = Rate::FromBasisPoints(1215);
  for (auto _ : state) {
    absl::StatusOr<Money> product =
        MultiplyByRate(money, rate, RoundingMode::kHalfAwayFromZero);
    benchmark::DoNotOptimize(product);
  }
}
BENCHMARK(BM_MoneyMultiplyByRate);

void BM_MoneyAdd(benchmark::State& state) {
  const Money a = *Money::Parse("15000.00 EUR");
  const Money b = *Money::Parse("40.00 EUR");
  for (auto _ : state) {
    absl::StatusOr<Money> sum = Add(a, b);
    benchmark::DoNotOptimize(sum);
  }
}
BENCHMARK(BM_MoneyAdd);

}  // namespace
}  // namespace relance
