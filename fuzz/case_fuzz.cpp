// Fuzzes Case::FromJson (customer case files: dated events).
// Properties: an accepted case serialises (ToJson) to a document that parses
// to an equal case; it evaluates under the shipped French policy
// (examples/policies/standard_fr.json) without crashing, deterministically,
// and forecasts (dunning_inputs.hpp).
#include "dunning_inputs.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace relance;
  absl::StatusOr<Case> parsed = Case::FromJson(fuzz::AsText(data, size));
  if (!parsed.ok()) {
    RELANCE_FUZZ_CHECK(!parsed.status().message().empty());
    return 0;
  }
  absl::StatusOr<Case> again = Case::FromJson(parsed->ToJson());
  RELANCE_FUZZ_CHECK(again.ok() && *again == *parsed);
  fuzz::CheckEvaluation(fuzz::ExamplePolicy(), *parsed);
  return 0;
}
