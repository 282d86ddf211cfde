// Fuzzes RateSeries::FromCsv and RateSeries::FromJson (host rate series).
// Properties: an accepted series answers RateAt for any date with a rate or
// a kOutOfRange error; inside its known range, the rate found on a point's
// effective date is that point's rate.
#include "fuzz_check.hpp"
#include "relance/rate_series.hpp"

namespace {

void CheckSeries(const relance::RateSeries& series) {
  for (const relance::Date date :
       {relance::kMinDate, relance::MakeDate(2026, 1, 15), relance::kMaxDate}) {
    absl::StatusOr<relance::Rate> rate = series.RateAt(date);
    RELANCE_FUZZ_CHECK(rate.ok() ||
                       rate.status().code() == absl::StatusCode::kOutOfRange);
  }
  for (const relance::RatePoint& point : series.points()) {
    if (point.effective_date > series.last_known_date()) continue;
    absl::StatusOr<relance::Rate> rate = series.RateAt(point.effective_date);
    RELANCE_FUZZ_CHECK(rate.ok() && *rate == point.rate);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = relance::fuzz::AsText(data, size);
  absl::StatusOr<relance::RateSeries> csv =
      relance::RateSeries::FromCsv(text, "fuzz");
  if (csv.ok()) CheckSeries(*csv);
  absl::StatusOr<relance::RateSeries> json =
      relance::RateSeries::FromJson(text);
  if (json.ok()) CheckSeries(*json);
  return 0;
}
