// The cost of the C ABI (librelance_c, relance.h) over the C++ call it
// wraps: the same work through both, side by side, so the difference is what
// crossing the boundary costs (argument checks, conversions of C values, the
// catch-all, the thread-local last error, handle indirection, and for JSON
// results a malloc'd copy). docs/abi.md reports the figures.
//
//   build/release/capi/... : cmake --build --preset release --target capi_bench
//   build/release/benchmarks/capi_bench (or the path CMake prints)
#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>

#include "relance.h"
#include "relance/compiled_case.hpp"
#include "relance/date.hpp"
#include "relance/decision_json.hpp"
#include "relance/dunning.hpp"
#include "relance/jurisdiction.hpp"
#include "relance/money.hpp"
#include "relance/penalty.hpp"
#include "relance/policy.hpp"

namespace {

std::string ReadExample(const std::string& relative) {
  std::ifstream in(std::string(RELANCE_SOURCE_DIR) + "/examples/" + relative,
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// --- A tiny call: parsing a date ------------------------------------------
void BM_DateParse_Cpp(benchmark::State& state) {
  for (auto _ : state) {
    auto date = relance::ParseDate("2026-03-05");
    benchmark::DoNotOptimize(date);
  }
}
BENCHMARK(BM_DateParse_Cpp);

void BM_DateParse_C(benchmark::State& state) {
  for (auto _ : state) {
    relance_date date = 0;
    benchmark::DoNotOptimize(
        relance_date_parse("2026-03-05", RELANCE_NUL_TERMINATED, &date));
    benchmark::DoNotOptimize(date);
  }
}
BENCHMARK(BM_DateParse_C);

// --- Assessing one invoice (figures only) ----------------------------------
// fr-b2b, 15000.00 EUR due 2025-09-30, one payment, as of 2025-10-30.
void BM_Assess_Cpp(benchmark::State& state) {
  auto rule =
      relance::CompiledPenaltyRule::Compile(*relance::PenaltyPreset("fr-b2b"));
  relance::InvoiceFacts facts{
      .amount = *relance::Money::Parse("15000.00 EUR"),
      .due_date = relance::MakeDate(2025, 9, 30),
      .settlements = {{.date = relance::MakeDate(2025, 10, 15),
                       .amount = *relance::Money::Parse("5000.00 EUR")}}};
  for (auto _ : state) {
    auto assessment = relance::Assess(
        *rule, facts, relance::MakeDate(2025, 10, 30), {.breakdown = false});
    benchmark::DoNotOptimize(assessment);
  }
}
BENCHMARK(BM_Assess_Cpp);

void BM_Assess_C(benchmark::State& state) {
  relance_penalty_rule* rule = nullptr;
  relance_penalty_rule_preset("fr-b2b", nullptr, &rule);
  relance_settlement payment{};
  relance_date_from_ymd(2025, 10, 15, &payment.date);
  relance_money_parse("5000.00 EUR", RELANCE_NUL_TERMINATED, &payment.amount);
  payment.kind = RELANCE_SETTLEMENT_PAYMENT;
  relance_invoice_facts facts;
  relance_invoice_facts_init(&facts);
  relance_money_parse("15000.00 EUR", RELANCE_NUL_TERMINATED, &facts.amount);
  relance_date_from_ymd(2025, 9, 30, &facts.due_date);
  facts.settlements = &payment;
  facts.settlement_count = 1;
  relance_date as_of = 0;
  relance_date_from_ymd(2025, 10, 30, &as_of);
  relance_assessment result{};
  result.size = sizeof result;
  for (auto _ : state) {
    benchmark::DoNotOptimize(relance_assess(rule, &facts, as_of, &result));
    benchmark::DoNotOptimize(result);
  }
  relance_penalty_rule_free(rule);
}
BENCHMARK(BM_Assess_C);

// --- Evaluating a customer's case -------------------------------------------
// standard_fr.json on dupont_ladder.json as of 2026-03-05, compiled once.
void BM_Evaluate_Cpp(benchmark::State& state) {
  auto policy =
      relance::Policy::FromJson(ReadExample("policies/standard_fr.json"));
  auto c = relance::Case::FromJson(ReadExample("cases/dupont_ladder.json"));
  auto compiled = relance::CompiledCase::Compile(*c);
  for (auto _ : state) {
    auto decision =
        relance::Evaluate(*policy, *compiled, relance::MakeDate(2026, 3, 5));
    benchmark::DoNotOptimize(decision);
  }
}
BENCHMARK(BM_Evaluate_Cpp);

void BM_Evaluate_C(benchmark::State& state) {
  const std::string policy_json = ReadExample("policies/standard_fr.json");
  const std::string case_json = ReadExample("cases/dupont_ladder.json");
  relance_policy* policy = nullptr;
  relance_case* c = nullptr;
  relance_policy_from_json(policy_json.data(), policy_json.size(), nullptr,
                           &policy);
  relance_case_from_json(case_json.data(), case_json.size(), nullptr, &c);
  relance_date as_of = 0;
  relance_date_from_ymd(2026, 3, 5, &as_of);
  for (auto _ : state) {
    relance_decision* decision = nullptr;
    benchmark::DoNotOptimize(relance_evaluate(policy, c, as_of, &decision));
    relance_decision_free(decision);
  }
  relance_case_free(c);
  relance_policy_free(policy);
}
BENCHMARK(BM_Evaluate_C);

// --- The same, with the decision document -----------------------------------
void BM_EvaluateJson_Cpp(benchmark::State& state) {
  auto policy =
      relance::Policy::FromJson(ReadExample("policies/standard_fr.json"));
  auto c = relance::Case::FromJson(ReadExample("cases/dupont_ladder.json"));
  auto compiled = relance::CompiledCase::Compile(*c);
  for (auto _ : state) {
    auto decision =
        relance::Evaluate(*policy, *compiled, relance::MakeDate(2026, 3, 5));
    std::string json = relance::DecisionToJson(*decision);
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_EvaluateJson_Cpp);

void BM_EvaluateJson_C(benchmark::State& state) {
  const std::string policy_json = ReadExample("policies/standard_fr.json");
  const std::string case_json = ReadExample("cases/dupont_ladder.json");
  relance_policy* policy = nullptr;
  relance_case* c = nullptr;
  relance_policy_from_json(policy_json.data(), policy_json.size(), nullptr,
                           &policy);
  relance_case_from_json(case_json.data(), case_json.size(), nullptr, &c);
  relance_date as_of = 0;
  relance_date_from_ymd(2026, 3, 5, &as_of);
  for (auto _ : state) {
    relance_decision* decision = nullptr;
    char* json = nullptr;
    relance_evaluate(policy, c, as_of, &decision);
    benchmark::DoNotOptimize(
        relance_decision_to_json(decision, &json, nullptr));
    relance_string_free(json);
    relance_decision_free(decision);
  }
  relance_case_free(c);
  relance_policy_free(policy);
}
BENCHMARK(BM_EvaluateJson_C);

}  // namespace
