// The C++ side of the Python per-call overhead benchmark:
// benchmarks/python_overhead.py makes the same calls through `relance` and
// subtracts these figures (docs/python.md reports them). Each benchmark has
// exactly the inputs the script uses; the policy and the case are the
// bundled examples.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "relance/batch.hpp"
#include "relance/batch_json.hpp"
#include "relance/decision_json.hpp"
#include "relance/portfolio_csv.hpp"
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

// A portfolio-v1 portfolio (RELANCE_PORTFOLIO_DIR, BENCHMARK.md) as the
// kernel's columns, read once by the library's reader.
const PortfolioData* LoadColumns(const char* dir) {
  static const PortfolioData* const data = [dir]() -> const PortfolioData* {
    absl::StatusOr<PortfolioData> read = ReadPortfolioCsv(dir);
    if (!read.ok()) return nullptr;
    return new PortfolioData(*std::move(read));
  }();
  return data;
}

// One portfolio run on one thread, the totals' document included (as the
// Python binding makes it), over RELANCE_PORTFOLIO_DIR.
void BM_PyPortfolioRun(benchmark::State& state) {
  const char* dir = std::getenv("RELANCE_PORTFOLIO_DIR");
  if (dir == nullptr || *dir == '\0') {
    state.SkipWithError("RELANCE_PORTFOLIO_DIR is not set (BENCHMARK.md)");
    return;
  }
  const PortfolioData* d = LoadColumns(dir);
  if (d == nullptr) {
    state.SkipWithError("RELANCE_PORTFOLIO_DIR: cannot read the portfolio");
    return;
  }
  std::ifstream file(std::string(RELANCE_SOURCE_DIR) +
                     "/benchmarks/portfolio_v1_policy.json");
  std::stringstream text;
  text << file.rdbuf();
  const Policy policy = *Policy::FromJson(text.str());
  const PortfolioEvaluator evaluator =
      *PortfolioEvaluator::Create(policy, d->payment_terms,
                                  {.currency = *Currency::FromCode("EUR"),
                                   .as_of = MakeDate(2025, 12, 31)});
  const PortfolioColumns columns = d->columns();
  for (auto _ : state) {
    auto totals = evaluator.Run(columns);
    std::string json = PortfolioTotalsToJson(*totals, evaluator);
    benchmark::DoNotOptimize(json);
  }
  state.counters["invoices"] = static_cast<double>(d->issue_date.size());
}
BENCHMARK(BM_PyPortfolioRun)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace relance
