// Fuzzes PaymentTerms::Parse (the text notation, English and French).
// Properties: accepted terms schedule an invoice into instalments that sum
// exactly to the total, each due on a date in range; and print (ToString)
// without failing.
#include "fuzz_check.hpp"
#include "relance/builtin_calendars.hpp"
#include "relance/money.hpp"
#include "relance/terms.hpp"
#include "terms_properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = relance::fuzz::AsText(data, size);
  absl::StatusOr<relance::PaymentTerms> terms =
      relance::PaymentTerms::Parse(text);
  if (!terms.ok()) {
    RELANCE_FUZZ_CHECK(!terms.status().message().empty());
    return 0;
  }
  relance::fuzz::CheckScheduleProperties(*terms);
  return 0;
}
