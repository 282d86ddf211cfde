// The C++ side of the Python per-call overhead benchmark:
// benchmarks/python_overhead.py makes the same calls through `relance` and
// subtracts these figures (docs/python.md reports them). Each benchmark has
// exactly the inputs the script uses; the policy and the case are the
// bundled examples.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "portfolio_csv.hpp"
#include "relance/batch.hpp"
#include "relance/batch_json.hpp"
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

// A portfolio-v1 portfolio (RELANCE_PORTFOLIO_DIR, BENCHMARK.md) as the
// columns the Python script hands relance.PortfolioEvaluator.run: terms
// coded in sorted order, customers in the order first met, each invoice's
// payments in date order.
struct PortfolioColumnsData {
  std::vector<std::string> terms;
  std::vector<int64_t> issue, amount, start, paid_on, paid;
  std::vector<int32_t> terms_id, customer;
  std::vector<uint8_t> flags, last_level;
  int32_t customers = 0;
};

const PortfolioColumnsData* LoadColumns(const char* dir) {
  static const PortfolioColumnsData* const data =
      [dir]() -> const PortfolioColumnsData* {
    auto portfolio = bench::ReadPortfolio(dir);
    if (!portfolio.ok()) return nullptr;
    auto* d = new PortfolioColumnsData;
    std::map<std::string, int32_t> codes;
    for (const auto& invoice : portfolio->invoices) codes[invoice.terms] = 0;
    for (auto& [text, code] : codes) {
      code = static_cast<int32_t>(d->terms.size());
      d->terms.push_back(text);
    }
    d->customers = static_cast<int32_t>(portfolio->customers.size());
    d->start.push_back(0);
    for (const auto& invoice : portfolio->invoices) {
      d->issue.push_back(DaysSinceEpoch(invoice.issue_date));
      d->amount.push_back(invoice.amount.minor_units());
      d->terms_id.push_back(codes[invoice.terms]);
      d->customer.push_back(invoice.customer);
      d->flags.push_back(invoice.disputed ? kInvoiceDisputed : 0);
      d->last_level.push_back(static_cast<uint8_t>(invoice.last_level_sent));
      std::vector<bench::PortfolioPayment> payments(
          portfolio->payments.begin() + invoice.first_payment,
          portfolio->payments.begin() + invoice.first_payment +
              invoice.payment_count);
      std::stable_sort(
          payments.begin(), payments.end(),
          [](const auto& a, const auto& b) { return a.date < b.date; });
      for (const auto& payment : payments) {
        d->paid_on.push_back(DaysSinceEpoch(payment.date));
        d->paid.push_back(payment.amount.minor_units());
      }
      d->start.push_back(static_cast<int64_t>(d->paid_on.size()));
    }
    return d;
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
  const PortfolioColumnsData* d = LoadColumns(dir);
  if (d == nullptr) {
    state.SkipWithError("RELANCE_PORTFOLIO_DIR: cannot read the portfolio");
    return;
  }
  std::ifstream file(std::string(RELANCE_SOURCE_DIR) +
                     "/benchmarks/portfolio_v1_policy.json");
  std::stringstream text;
  text << file.rdbuf();
  const Policy policy = *Policy::FromJson(text.str());
  std::vector<PaymentTerms> terms;
  for (const std::string& t : d->terms)
    terms.push_back(*PaymentTerms::Parse(t));
  const PortfolioEvaluator evaluator = *PortfolioEvaluator::Create(
      policy, terms,
      {.currency = *Currency::FromCode("EUR"), .as_of = bench::kPortfolioAsOf});
  const PortfolioColumns columns{.issue_date = d->issue,
                                 .amount = d->amount,
                                 .terms = d->terms_id,
                                 .customer = d->customer,
                                 .customer_count = d->customers,
                                 .flags = d->flags,
                                 .last_level = d->last_level,
                                 .payment_start = d->start,
                                 .payment_date = d->paid_on,
                                 .payment_amount = d->paid};
  for (auto _ : state) {
    auto totals = evaluator.Run(columns);
    std::string json = PortfolioTotalsToJson(*totals, evaluator);
    benchmark::DoNotOptimize(json);
  }
  state.counters["invoices"] = static_cast<double>(d->issue.size());
}
BENCHMARK(BM_PyPortfolioRun)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace relance
