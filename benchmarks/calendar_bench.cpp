// Benchmarks for relance/calendar.hpp on the FR and TARGET built-in calendars.
//
//   relance_bench --benchmark_filter=Calendar
//
// Each iteration walks a different date of 2026 (a fixed 366-day cycle), so
// that branch prediction does not see one date only.
#include <cstdint>
#include <memory>
#include <vector>

#include "benchmark/benchmark.h"
#include "relance/builtin_calendars.hpp"
#include "relance/calendar.hpp"
#include "relance/date.hpp"

namespace relance {
namespace {

const BusinessCalendar& Calendar(const char* code) {
  absl::StatusOr<std::shared_ptr<const BusinessCalendar>> calendar =
      BuiltinCalendar(code);
  if (!calendar.ok()) std::abort();
  return **calendar;
}

std::vector<Date> DatesOf2026() {
  std::vector<Date> dates;
  for (Date day = MakeDate(2026, 1, 1); day <= MakeDate(2026, 12, 31);
       day += Days{1}) {
    dates.push_back(day);
  }
  return dates;
}

void BM_CalendarIsBusinessDay(benchmark::State& state, const char* code) {
  const BusinessCalendar& calendar = Calendar(code);
  const std::vector<Date> dates = DatesOf2026();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.IsBusinessDay(dates[i]));
    if (++i == dates.size()) i = 0;
  }
}
BENCHMARK_CAPTURE(BM_CalendarIsBusinessDay, FR, "FR");
BENCHMARK_CAPTURE(BM_CalendarIsBusinessDay, TARGET, "TARGET");

// Outside the precomputed years (1900..2199): answered from the rules.
void BM_CalendarIsBusinessDaySlowPath(benchmark::State& state,
                                      const char* code) {
  const BusinessCalendar& calendar = Calendar(code);
  Date day = MakeDate(2300, 5, 8);
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.IsBusinessDay(day));
  }
}
BENCHMARK_CAPTURE(BM_CalendarIsBusinessDaySlowPath, FR, "FR");

void BM_CalendarAdjustModifiedFollowing(benchmark::State& state,
                                        const char* code) {
  const BusinessCalendar& calendar = Calendar(code);
  const std::vector<Date> dates = DatesOf2026();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        calendar.Adjust(dates[i], BusinessDayConvention::kModifiedFollowing));
    if (++i == dates.size()) i = 0;
  }
}
BENCHMARK_CAPTURE(BM_CalendarAdjustModifiedFollowing, FR, "FR");
BENCHMARK_CAPTURE(BM_CalendarAdjustModifiedFollowing, TARGET, "TARGET");

void BM_CalendarAddBusinessDays(benchmark::State& state, const char* code) {
  const BusinessCalendar& calendar = Calendar(code);
  const int n = static_cast<int>(state.range(0));
  const std::vector<Date> dates = DatesOf2026();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.AddBusinessDays(dates[i], n));
    if (++i == dates.size()) i = 0;
  }
}
// 99999 business days (about 383 years) end past the precomputed years: the
// per-year counts there are computed on first use and then kept, so this
// measures the steady state; see BM_CalendarAddBusinessDaysFirstUse.
BENCHMARK_CAPTURE(BM_CalendarAddBusinessDays, FR, "FR")
    ->Arg(10)
    ->Arg(60)
    ->Arg(-60)
    ->Arg(99999)
    ->Arg(-99999);
BENCHMARK_CAPTURE(BM_CalendarAddBusinessDays, TARGET, "TARGET")
    ->Arg(10)
    ->Arg(60)
    ->Arg(99999);

// +99999 on a calendar just compiled: includes computing the business days
// of each year 2200..2409 from the rules.
void BM_CalendarAddBusinessDaysFirstUse(benchmark::State& state) {
  const BusinessCalendar& fr = Calendar("FR");
  for (auto _ : state) {
    state.PauseTiming();
    absl::StatusOr<BusinessCalendar> fresh = fr.WithCode("FR2", "copy");
    if (!fresh.ok()) std::abort();
    state.ResumeTiming();
    benchmark::DoNotOptimize(
        fresh->AddBusinessDays(MakeDate(2026, 1, 15), 99999));
  }
}
BENCHMARK(BM_CalendarAddBusinessDaysFirstUse)->Unit(benchmark::kMicrosecond);

// Business days in (d, d + 1 year] for each start date d of 2026.
void BM_CalendarCountBusinessDaysOverAYear(benchmark::State& state,
                                           const char* code) {
  const BusinessCalendar& calendar = Calendar(code);
  const std::vector<Date> dates = DatesOf2026();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        calendar.CountBusinessDays(dates[i], AddYears(dates[i], 1)));
    if (++i == dates.size()) i = 0;
  }
}
BENCHMARK_CAPTURE(BM_CalendarCountBusinessDaysOverAYear, FR, "FR");
BENCHMARK_CAPTURE(BM_CalendarCountBusinessDaysOverAYear, TARGET, "TARGET");

// Business days in (d, d + years], d in 2026: 250 years end in 2276, past
// the precomputed years (steady state: per-year counts kept).
void BM_CalendarCountBusinessDaysOverYears(benchmark::State& state) {
  const BusinessCalendar& calendar = Calendar("FR");
  const int years = static_cast<int>(state.range(0));
  const std::vector<Date> dates = DatesOf2026();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        calendar.CountBusinessDays(dates[i], AddYears(dates[i], years)));
    if (++i == dates.size()) i = 0;
  }
}
BENCHMARK(BM_CalendarCountBusinessDaysOverYears)->Arg(1)->Arg(150)->Arg(250);

void BM_CalendarHolidaysOfAYear(benchmark::State& state, const char* code) {
  const BusinessCalendar& calendar = Calendar(code);
  int year = 2000;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.Holidays(year));
    if (++year == 2100) year = 2000;
  }
}
BENCHMARK_CAPTURE(BM_CalendarHolidaysOfAYear, FR, "FR");
BENCHMARK_CAPTURE(BM_CalendarHolidaysOfAYear, TARGET, "TARGET");

// Compiling a calendar from its JSON definition (done once per calendar).
void BM_CalendarFromJson(benchmark::State& state) {
  absl::StatusOr<std::string_view> json = BuiltinCalendarJson("FR");
  if (!json.ok()) std::abort();
  for (auto _ : state) {
    benchmark::DoNotOptimize(BusinessCalendar::FromJson(*json));
  }
}
BENCHMARK(BM_CalendarFromJson);

// The costliest calendar Create accepts for its year check: weekend Tuesday
// to Sunday and, from 2200 (within 1900..2199 the runs of closed days are
// refused), 59 rules closing every Monday but the first of January, so that
// every later year may lack a business day and its kinds of years are
// resolved exactly.
void BM_CalendarCreateOneBusinessDayAYear(benchmark::State& state) {
  CalendarSpec spec{
      .code = "MONDAYS",
      .weekend = Weekend{date::Tuesday, date::Wednesday, date::Thursday,
                         date::Friday, date::Saturday, date::Sunday}};
  for (int month = 1; month <= 12; ++month) {
    for (int nth = 1; nth <= 5; ++nth) {
      if (month == 1 && nth == 1) continue;
      spec.holidays.push_back(
          HolidayRule::NthWeekday("Closed", month, date::Monday, nth)
              .WithFromYear(2200));
    }
  }
  for (auto _ : state) {
    absl::StatusOr<BusinessCalendar> calendar = BusinessCalendar::Create(spec);
    if (!calendar.ok()) std::abort();
    benchmark::DoNotOptimize(calendar);
  }
}
BENCHMARK(BM_CalendarCreateOneBusinessDayAYear)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace relance
