// Fuzzes Policy::FromJson (docs/policy.md).
// Properties: an accepted policy evaluates the shipped example case
// (examples/cases/dupont_ladder.json) without crashing, deterministically,
// and forecasts it (dunning_inputs.hpp).
#include "dunning_inputs.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace relance;
  absl::StatusOr<Policy> policy = Policy::FromJson(fuzz::AsText(data, size));
  if (!policy.ok()) {
    RELANCE_FUZZ_CHECK(!policy.status().message().empty());
    return 0;
  }
  fuzz::CheckEvaluation(*policy, fuzz::ExampleCase());
  return 0;
}
