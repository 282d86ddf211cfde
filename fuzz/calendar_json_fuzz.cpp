// Fuzzes BusinessCalendar::FromJson (host calendars).
// Properties, on every accepted calendar and a spread of dates (inside and
// outside the precomputed years): Adjust lands on a business day; adding n
// business days and counting them back gives n; every call returns quickly.
#include "fuzz_check.hpp"
#include "relance/calendar.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using relance::BusinessCalendar;
  using relance::Date;
  absl::StatusOr<BusinessCalendar> calendar =
      BusinessCalendar::FromJson(relance::fuzz::AsText(data, size));
  if (!calendar.ok()) {
    RELANCE_FUZZ_CHECK(!calendar.status().message().empty());
    return 0;
  }
  for (const Date date :
       {relance::MakeDate(2026, 5, 14), relance::MakeDate(1899, 12, 31),
        relance::MakeDate(2300, 6, 1), relance::MakeDate(9999, 12, 20)}) {
    const Date adjusted =
        calendar->Adjust(date, relance::BusinessDayConvention::kFollowing);
    if (adjusted != relance::kMaxDate) {
      RELANCE_FUZZ_CHECK(calendar->IsBusinessDay(adjusted));
    }
    for (const int n : {1, 3, 25}) {
      const Date later = calendar->AddBusinessDays(date, n);
      if (later == relance::kMaxDate) continue;
      RELANCE_FUZZ_CHECK(calendar->IsBusinessDay(later));
      RELANCE_FUZZ_CHECK(calendar->CountBusinessDays(date, later) == n);
    }
  }
  return 0;
}
