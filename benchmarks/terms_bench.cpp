// Benchmarks for payment terms: parsing the text once, computing schedules
// per invoice, and the legal-cap check.
#include "benchmark/benchmark.h"
#include "relance/builtin_calendars.hpp"
#include "relance/terms.hpp"
#include "relance/terms_check.hpp"

namespace relance {
namespace {

void BM_TermsParse(benchmark::State& state) {
  for (auto _ : state) {
    absl::StatusOr<PaymentTerms> terms =
        PaymentTerms::Parse("30% now, 70% 45 jours fin de mois");
    benchmark::DoNotOptimize(terms);
  }
}
BENCHMARK(BM_TermsParse);

void ScheduleOverAYear(benchmark::State& state, const PaymentTerms& terms) {
  const Money total = *Money::Parse("1234.56 EUR");
  const Date first = MakeDate(2026, 1, 1);
  int64_t day = 0;
  for (auto _ : state) {
    absl::StatusOr<PaymentSchedule> schedule =
        terms.Schedule(first + Days{day}, total);
    benchmark::DoNotOptimize(schedule);
    day = (day + 1) % 365;
  }
}

void BM_TermsScheduleNet30WithDiscount(benchmark::State& state) {
  ScheduleOverAYear(state, *PaymentTerms::Parse("2/10 net 30"));
}
BENCHMARK(BM_TermsScheduleNet30WithDiscount);

void BM_TermsScheduleSplitAdjusted(benchmark::State& state) {
  TermsParseOptions options{
      .adjustment = BusinessDayAdjustment{.calendar = *BuiltinCalendar("FR")}};
  ScheduleOverAYear(state, *PaymentTerms::Parse(
                               "30% now, 70% 45 jours fin de mois", options));
}
BENCHMARK(BM_TermsScheduleSplitAdjusted);

void BM_TermsDueDatesNet30(benchmark::State& state) {
  const PaymentTerms terms = *PaymentTerms::Parse("net 30");
  const Date first = MakeDate(2026, 1, 1);
  int64_t day = 0;
  for (auto _ : state) {
    auto dates = terms.DueDates(first + Days{day});
    benchmark::DoNotOptimize(dates);
    day = (day + 1) % 365;
  }
}
BENCHMARK(BM_TermsDueDatesNet30);

void BM_CheckTermsFrance(benchmark::State& state) {
  const PaymentTerms terms = *PaymentTerms::Parse("45 jours fin de mois");
  for (auto _ : state) {
    auto check = CheckTerms(terms, PaymentDelayJurisdiction::kFrance);
    benchmark::DoNotOptimize(check);
  }
}
BENCHMARK(BM_CheckTermsFrance);

}  // namespace
}  // namespace relance
