// Fuzzes Rate::Parse and Rate::ParsePercent.
// Properties: what parses prints (ToString, a percentage) to text that both
// parsers read back to the same rate; the value stays within the bound.
#include "fuzz_check.hpp"
#include "relance/rate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using relance::Rate;
  const std::string_view text = relance::fuzz::AsText(data, size);
  for (const bool percent_only : {false, true}) {
    absl::StatusOr<Rate> rate =
        percent_only ? Rate::ParsePercent(text) : Rate::Parse(text);
    if (!rate.ok()) {
      RELANCE_FUZZ_CHECK(!rate.status().message().empty());
      continue;
    }
    RELANCE_FUZZ_CHECK(rate->parts_per_billion() <= Rate::kMaxPartsPerBillion &&
                       rate->parts_per_billion() >= -Rate::kMaxPartsPerBillion);
    const std::string printed = rate->ToString();
    absl::StatusOr<Rate> again = Rate::Parse(printed);
    RELANCE_FUZZ_CHECK(again.ok() && *again == *rate);
    absl::StatusOr<Rate> again_percent = Rate::ParsePercent(printed);
    RELANCE_FUZZ_CHECK(again_percent.ok() && *again_percent == *rate);
  }
  return 0;
}
