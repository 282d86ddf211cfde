// Benchmarks for collection policies: compiling one from JSON, and choosing a
// customer's ladder.
#include <memory>
#include <string>

#include "benchmark/benchmark.h"
#include "relance/policy.hpp"

namespace relance {
namespace {

// examples/policies/standard_fr.json, abridged to one segment.
constexpr const char* kFrenchPolicy = R"({
  "id": "standard-fr", "version": 1, "name": "Relance standard, B2B France",
  "minimum_dunning_amount": "15.00 EUR", "penalties": "fr-b2b",
  "levels": [
    {"id": "courtesy", "offset_days": -5, "channel": "email", "template": "prevenance"},
    {"id": "reminder1", "offset_days": 1, "channel": "email", "template": "relance_1"},
    {"id": "call", "offset_days": 8, "channel": "phone", "min_days_since_previous": 5},
    {"id": "reminder2", "offset_days": 15, "channel": "letter", "template": "relance_2"},
    {"id": "notice", "offset_days": 21, "channel": "registered_letter",
     "template": "mise_en_demeure", "payment_deadline_days": 8, "block_account": true},
    {"id": "agency", "offset_days": 45, "channel": "agency_handoff", "task": true},
    {"id": "legal", "offset_days": 90, "channel": "legal", "task": true}
  ],
  "ladders": {"fast": [
    {"id": "reminder1", "offset_days": 1, "channel": "email", "fee": {"percent": "1%", "minimum": "5.00 EUR"}},
    {"id": "notice", "offset_days": 10, "channel": "registered_letter", "block_account": true}
  ]},
  "segments": [{"segment": "chronic", "when": {"average_days_late_over": 20}, "ladder": "fast"}]
})";

// Parses, validates and compiles the policy (with its penalty preset).
void BM_PolicyFromJson(benchmark::State& state) {
  const std::string text = kFrenchPolicy;
  for (auto _ : state) {
    auto policy = Policy::FromJson(text);
    benchmark::DoNotOptimize(policy);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_PolicyFromJson);

void BM_PolicyChooseLadder(benchmark::State& state) {
  const Policy policy = *Policy::FromJson(kFrenchPolicy);
  const CustomerHistory history{.average_days_late = 25, .broken_promises = 1};
  for (auto _ : state) {
    auto ladder = policy.LadderFor("", history);
    benchmark::DoNotOptimize(ladder);
  }
}
BENCHMARK(BM_PolicyChooseLadder);

}  // namespace
}  // namespace relance
