// Benchmarks for the dunning decision: one customer's case evaluated.
#include "benchmark/benchmark.h"
#include "relance/dunning.hpp"

namespace relance {
namespace {

constexpr char kPolicy[] = R"({
  "id": "bench", "version": 1, "minimum_dunning_amount": "15.00 EUR",
  "penalties": "fr-b2b",
  "levels": [
    {"id": "courtesy", "offset_days": -5, "channel": "email"},
    {"id": "reminder1", "offset_days": 1, "channel": "email"},
    {"id": "call", "offset_days": 8, "channel": "phone"},
    {"id": "reminder2", "offset_days": 15, "channel": "letter"},
    {"id": "notice", "offset_days": 21, "channel": "registered_letter"},
    {"id": "agency", "offset_days": 45, "channel": "agency_handoff", "task": true},
    {"id": "legal", "offset_days": 90, "channel": "legal", "task": true}]})";

// A case of 10 events: three invoices, payments, reminders, a promise.
Case TenEventCase() {
  const auto money = [](const char* text) { return *Money::Parse(text); };
  const auto date = [](unsigned m, unsigned d) { return MakeDate(2026, m, d); };
  return Case{.customer_id = "C-1",
              .events = {{.date = date(1, 5),
                          .kind = EventKind::kInvoiceIssued,
                          .invoice = "F-1",
                          .amount = money("1200.00 EUR"),
                          .due_date = date(2, 4)},
                         {.date = date(1, 10),
                          .kind = EventKind::kInvoiceIssued,
                          .invoice = "F-2",
                          .amount = money("480.00 EUR"),
                          .due_date = date(2, 9)},
                         {.date = date(1, 20),
                          .kind = EventKind::kInvoiceIssued,
                          .invoice = "F-3",
                          .amount = money("2500.00 EUR"),
                          .due_date = date(2, 19)},
                         {.date = date(2, 5),
                          .kind = EventKind::kActionPerformed,
                          .invoice = "F-1",
                          .level = "reminder1",
                          .channel = "email"},
                         {.date = date(2, 10),
                          .kind = EventKind::kActionPerformed,
                          .invoices = {"F-1", "F-2"},
                          .level = "reminder1",
                          .channel = "email"},
                         {.date = date(2, 12),
                          .kind = EventKind::kPaymentReceived,
                          .invoice = "F-2",
                          .amount = money("480.00 EUR")},
                         {.date = date(2, 13),
                          .kind = EventKind::kActionPerformed,
                          .invoice = "F-1",
                          .level = "call",
                          .channel = "phone"},
                         {.date = date(2, 13),
                          .kind = EventKind::kPromiseToPay,
                          .invoice = "F-1",
                          .promised_date = date(2, 25)},
                         {.date = date(2, 20),
                          .kind = EventKind::kActionPerformed,
                          .invoice = "F-3",
                          .level = "reminder1",
                          .channel = "email"},
                         {.date = date(2, 26),
                          .kind = EventKind::kPaymentReceived,
                          .invoice = "F-3",
                          .amount = money("1000.00 EUR")}}};
}

void BM_EvaluateTenEventCase(benchmark::State& state) {
  const auto policy = *Policy::FromJson(kPolicy);
  const Case c = TenEventCase();
  for (auto _ : state) {
    auto decision = Evaluate(policy, c, MakeDate(2026, 3, 10));
    benchmark::DoNotOptimize(decision);
  }
}
BENCHMARK(BM_EvaluateTenEventCase);

void BM_FoldInvoice(benchmark::State& state) {
  const Case c = TenEventCase();
  for (auto _ : state) {
    auto life = FoldInvoice(c, "F-1", MakeDate(2026, 3, 10));
    benchmark::DoNotOptimize(life);
  }
}
BENCHMARK(BM_FoldInvoice);

void BM_ForecastFourMonths(benchmark::State& state) {
  const auto policy = *Policy::FromJson(kPolicy);
  const Case c = TenEventCase();
  for (auto _ : state) {
    auto forecast =
        Forecast(policy, c, MakeDate(2026, 3, 1), MakeDate(2026, 6, 30));
    benchmark::DoNotOptimize(forecast);
  }
}
BENCHMARK(BM_ForecastFourMonths);

}  // namespace
}  // namespace relance
