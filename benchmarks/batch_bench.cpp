// The portfolio kernel's stages (relance/batch.hpp), on a synthetic
// portfolio in the shape of portfolio-v1 (BENCHMARK.md: EUR invoices issued
// 2024-01-01 .. 2025-12-15, five terms, up to two payments each, as of
// 2025-12-31). Each stage is measured by switching it on alone:
//
//   BM_BatchDueDates   due date and balance only (no penalties, a ladder
//                      whose one level is never due);
//   BM_BatchInterest   + interest and compensation (fr-b2b rates);
//   BM_BatchLevels     + the portfolio-v1 ladder (the whole workload);
//   BM_BatchThreads/N  the whole workload on N threads;
//   BM_BatchCreate     compiling the terms' due-date tables and the rate
//                      table (once per run).
//
// Counters: invoices per second ("items_per_second").
//
//   build/release/benchmarks/batch_bench --benchmark_filter=Batch
#include <cstdint>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "relance/batch.hpp"

namespace relance {
namespace {

constexpr Date kAsOf = MakeDate(2025, 12, 31);
constexpr int64_t kInvoices = 1'000'000;

struct Synthetic {
  std::vector<int64_t> issue, amount, start{0}, paid_on, paid;
  std::vector<int32_t> terms, customer;
  std::vector<uint8_t> flags, last;

  Synthetic() {
    // A linear congruential sequence: deterministic, cheap, spread.
    uint64_t state = 1;
    const auto next = [&state](uint64_t bound) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      return (state >> 33) % bound;
    };
    const int64_t first = DaysSinceEpoch(MakeDate(2024, 1, 1));
    for (int64_t i = 0; i < kInvoices; ++i) {
      issue.push_back(first + static_cast<int64_t>(next(715)));
      amount.push_back(5'000 + static_cast<int64_t>(next(2'000'000)));
      terms.push_back(static_cast<int32_t>(next(5)));
      customer.push_back(static_cast<int32_t>(next(100'000)));
      flags.push_back(next(50) == 0 ? kInvoiceDisputed : 0);
      last.push_back(static_cast<uint8_t>(next(4) == 0 ? next(8) : 0));
      const uint64_t payments = next(3);
      int64_t left = amount.back();
      int64_t day = issue.back();
      for (uint64_t k = 0; k < payments; ++k) {
        day += 10 + static_cast<int64_t>(next(60));
        paid_on.push_back(day);
        paid.push_back(left / 2 + 1);
        left -= paid.back();
      }
      start.push_back(static_cast<int64_t>(paid.size()));
    }
  }

  PortfolioColumns Columns() const {
    return {.issue_date = issue,
            .amount = amount,
            .terms = terms,
            .customer = customer,
            .customer_count = 100'000,
            .flags = flags,
            .last_level = last,
            .payment_start = start,
            .payment_date = paid_on,
            .payment_amount = paid};
  }
};

const Synthetic& Portfolio() {
  static const Synthetic* portfolio = new Synthetic();
  return *portfolio;
}

std::vector<PaymentTerms> Terms() {
  std::vector<PaymentTerms> terms;
  for (const char* text : {"0D", "30D", "60D", "30D+CM", "CM+45D"}) {
    terms.push_back(*PaymentTerms::Parse(text));
  }
  return terms;
}

constexpr char kLadder[] = R"("levels": [
    {"id": "courtesy", "offset_days": -5, "channel": "email"},
    {"id": "reminder1", "offset_days": 1, "channel": "email"},
    {"id": "call", "offset_days": 8, "channel": "phone"},
    {"id": "reminder2", "offset_days": 15, "channel": "letter"},
    {"id": "notice", "offset_days": 21, "channel": "registered_letter"},
    {"id": "agency", "offset_days": 45, "channel": "agency_handoff"},
    {"id": "legal", "offset_days": 90, "channel": "legal"}])";
// Seven levels never due: the levels stage does next to nothing.
constexpr char kNeverDue[] = R"("levels": [
    {"id": "n1", "offset_days": 3640, "channel": "email"},
    {"id": "n2", "offset_days": 3641, "channel": "email"},
    {"id": "n3", "offset_days": 3642, "channel": "email"},
    {"id": "n4", "offset_days": 3643, "channel": "email"},
    {"id": "n5", "offset_days": 3644, "channel": "email"},
    {"id": "n6", "offset_days": 3645, "channel": "email"},
    {"id": "n7", "offset_days": 3646, "channel": "email"}])";
constexpr char kPenalties[] =
    R"("penalties": {"rule": {"id": "p", "name": "p", "base": "fr-b2b", "settlement": "principal-first"}}, )";

PortfolioEvaluator MakeEvaluator(bool penalties, bool ladder) {
  const std::string text =
      std::string(
          R"({"id": "bench", "version": 1, "minimum_invoice_amount": "15.00 EUR", "min_days_between_levels": 0, )") +
      (penalties ? kPenalties : "") + (ladder ? kLadder : kNeverDue) + "}";
  return *PortfolioEvaluator::Create(
      *Policy::FromJson(text), Terms(),
      {.currency = *Currency::FromCode("EUR"), .as_of = kAsOf});
}

void RunStage(benchmark::State& state, bool penalties, bool ladder,
              int threads) {
  const Synthetic& portfolio = Portfolio();
  const PortfolioEvaluator evaluator = MakeEvaluator(penalties, ladder);
  const PortfolioColumns columns = portfolio.Columns();
  for (auto _ : state) {
    absl::StatusOr<PortfolioTotals> totals =
        evaluator.Run(columns, {}, {.threads = threads});
    benchmark::DoNotOptimize(totals);
    if (!totals.ok()) state.SkipWithError(totals.status().ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations() * kInvoices);
}

// The floor: reading every column once (what any kernel must do), summed
// so that nothing is optimised away.
void BM_ColumnsRead(benchmark::State& state) {
  const Synthetic& p = Portfolio();
  for (auto _ : state) {
    int64_t sum = 0;
    for (size_t i = 0; i < p.issue.size(); ++i) {
      sum += p.issue[i] + p.amount[i] + p.terms[i] + p.customer[i] +
             p.flags[i] + p.last[i] + p.start[i];
    }
    for (size_t k = 0; k < p.paid.size(); ++k) sum += p.paid_on[k] + p.paid[k];
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * kInvoices);
}

void BM_BatchDueDates(benchmark::State& state) {
  RunStage(state, false, false, 1);
}
void BM_BatchInterest(benchmark::State& state) {
  RunStage(state, true, false, 1);
}
void BM_BatchLevels(benchmark::State& state) { RunStage(state, true, true, 1); }
void BM_BatchThreads(benchmark::State& state) {
  RunStage(state, true, true, static_cast<int>(state.range(0)));
}
void BM_BatchCreate(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(MakeEvaluator(true, true));
  }
}

BENCHMARK(BM_ColumnsRead)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_BatchDueDates)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_BatchInterest)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_BatchLevels)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_BatchThreads)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_BatchCreate)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace relance
