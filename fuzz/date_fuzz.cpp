// Fuzzes ParseDate (strict ISO 8601, years 0001..9999).
// Properties: an accepted date is valid, in range, and formats back to
// exactly the text read (the notation has one spelling per date).
#include "fuzz_check.hpp"
#include "relance/date.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = relance::fuzz::AsText(data, size);
  absl::StatusOr<relance::Date> date = relance::ParseDate(text);
  if (!date.ok()) {
    RELANCE_FUZZ_CHECK(!date.status().message().empty());
    return 0;
  }
  RELANCE_FUZZ_CHECK(*date >= relance::kMinDate && *date <= relance::kMaxDate);
  RELANCE_FUZZ_CHECK(relance::FormatDate(*date) == text);
  return 0;
}
