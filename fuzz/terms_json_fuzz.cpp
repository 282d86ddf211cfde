// Fuzzes PaymentTerms::FromJson (docs/terms.md).
// Properties: as the text notation's harness (terms_properties.hpp).
#include "fuzz_check.hpp"
#include "relance/terms.hpp"
#include "terms_properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::StatusOr<relance::PaymentTerms> terms =
      relance::PaymentTerms::FromJson(relance::fuzz::AsText(data, size));
  if (!terms.ok()) {
    RELANCE_FUZZ_CHECK(!terms.status().message().empty());
    return 0;
  }
  relance::fuzz::CheckScheduleProperties(*terms);
  return 0;
}
