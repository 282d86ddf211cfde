// Fuzzes DunningFee::FromJson (fees per dunning level).
// Properties: an accepted fee, applied to amounts of either sign and size,
// gives a fee in the amount's currency that is never negative.
#include "fuzz_check.hpp"
#include "relance/dunning_fee.hpp"
#include "relance/money.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace relance;
  absl::StatusOr<DunningFee> fee =
      DunningFee::FromJson(fuzz::AsText(data, size));
  if (!fee.ok()) {
    RELANCE_FUZZ_CHECK(!fee.status().message().empty());
    return 0;
  }
  for (const char* text : {"1000.00 EUR", "0.01 EUR", "999999999.99 EUR"}) {
    const absl::StatusOr<Money> amount = Money::Parse(text);
    RELANCE_FUZZ_CHECK(amount.ok());
    absl::StatusOr<Money> charged = fee->For(*amount);
    if (!charged.ok()) continue;
    RELANCE_FUZZ_CHECK(!charged->IsNegative());
  }
  return 0;
}
