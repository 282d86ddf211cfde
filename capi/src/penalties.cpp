// The C ABI's reference rates, penalty rules and assessments.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "capi_internal.hpp"
#include "relance/assessment_json.hpp"
#include "relance/jurisdiction.hpp"
#include "relance/penalty.hpp"
#include "relance/rate_series.hpp"

namespace relance::capi {
namespace {

relance_status NewSeries(absl::StatusOr<RateSeries> series,
                         relance_rate_series** out) {
  if (!series.ok()) return Fail(series.status());
  *out = new relance_rate_series{
      std::make_shared<const RateSeries>(*std::move(series))};
  return Ok();
}

relance_status NewRule(absl::StatusOr<PenaltyRule> rule,
                       relance_penalty_rule** out) {
  if (!rule.ok()) return Fail(rule.status());
  absl::StatusOr<CompiledPenaltyRule> compiled =
      CompiledPenaltyRule::Compile(*std::move(rule));
  if (!compiled.ok()) return Fail(compiled.status());
  *out = new relance_penalty_rule{*std::move(compiled)};
  return Ok();
}

const ReferenceRates& RatesOf(const relance_rates* rates) {
  return rates == nullptr ? ReferenceRates::Builtin() : rates->value;
}

// The facts of `facts` (its size checked first: MISUSE through the last
// error, as kCancelled).
absl::StatusOr<InvoiceFacts> ToFacts(const char* function,
                                     const relance_invoice_facts* facts) {
  constexpr size_t kMinimum =
      RELANCE_CAPI_FIELD_END(relance_invoice_facts, due_date);
  if (!ValidSize(facts->size, kMinimum, sizeof(relance_invoice_facts),
                 alignof(relance_invoice_facts))) {
    WrongSize(function, "facts", facts->size, kMinimum,
              sizeof(relance_invoice_facts));
    return absl::CancelledError();
  }
  InvoiceFacts result;
  absl::StatusOr<Money> amount = ToMoney(facts->amount);
  if (!amount.ok()) return amount.status();
  result.amount = *amount;
  absl::StatusOr<Date> due = ToDate(facts->due_date);
  if (!due.ok()) return due.status();
  result.due_date = *due;
  if (RELANCE_CAPI_HOLDS(facts, relance_invoice_facts, obligation_date) &&
      facts->has_obligation_date != 0) {
    absl::StatusOr<Date> date = ToDate(facts->obligation_date);
    if (!date.ok()) return date.status();
    result.obligation_date = *date;
  }
  if (RELANCE_CAPI_HOLDS(facts, relance_invoice_facts, settlement_count) &&
      facts->settlement_count > 0) {
    if (facts->settlements == nullptr) {
      Misuse(function, "facts->settlements is NULL with a non-zero count");
      return absl::CancelledError();
    }
    result.settlements.reserve(facts->settlement_count);
    for (size_t i = 0; i < facts->settlement_count; ++i) {
      const relance_settlement& s = facts->settlements[i];
      const int kind = EnumValue(s.kind);
      if (kind != RELANCE_SETTLEMENT_PAYMENT &&
          kind != RELANCE_SETTLEMENT_CREDIT_NOTE) {
        Misuse(function, absl::StrCat("facts->settlements[", i,
                                      "].kind is not a "
                                      "relance_settlement_kind"));
        return absl::CancelledError();
      }
      absl::StatusOr<Date> date = ToDate(s.date);
      absl::StatusOr<Money> money = ToMoney(s.amount);
      if (!date.ok() || !money.ok()) {
        const absl::Status& error = date.ok() ? money.status() : date.status();
        return absl::Status(error.code(), absl::StrCat("settlements[", i,
                                                       "]: ", error.message()));
      }
      result.settlements.push_back(
          Settlement{.date = *date,
                     .amount = *money,
                     .kind = kind == RELANCE_SETTLEMENT_PAYMENT
                                 ? Settlement::Kind::kPayment
                                 : Settlement::Kind::kCreditNote});
    }
  }
  if (RELANCE_CAPI_HOLDS(facts, relance_invoice_facts, charge_count) &&
      facts->charge_count > 0) {
    if (facts->charges == nullptr) {
      Misuse(function, "facts->charges is NULL with a non-zero count");
      return absl::CancelledError();
    }
    result.charges.reserve(facts->charge_count);
    for (size_t i = 0; i < facts->charge_count; ++i) {
      const relance_charge& c = facts->charges[i];
      absl::StatusOr<Date> date = ToDate(c.date);
      absl::StatusOr<Money> money = ToMoney(c.amount);
      if (!date.ok() || !money.ok()) {
        const absl::Status& error = date.ok() ? money.status() : date.status();
        return absl::Status(
            error.code(), absl::StrCat("charges[", i, "]: ", error.message()));
      }
      result.charges.push_back(
          Charge{.date = *date,
                 .amount = *money,
                 .label = c.label == nullptr ? "" : c.label});
    }
  }
  if (RELANCE_CAPI_HOLDS(facts, relance_invoice_facts, business_to_business)) {
    result.business_to_business = facts->business_to_business != 0;
  }
  return result;
}

// Runs Assess for an entry point; the last error is set on failure.
absl::StatusOr<PenaltyAssessment> RunAssess(const char* function,
                                            const relance_penalty_rule* rule,
                                            const relance_invoice_facts* facts,
                                            relance_date as_of,
                                            bool breakdown) {
  absl::StatusOr<InvoiceFacts> invoice = ToFacts(function, facts);
  if (!invoice.ok()) {
    if (!absl::IsCancelled(invoice.status())) Fail(invoice.status());
    return absl::CancelledError();
  }
  absl::StatusOr<Date> date = ToDate(as_of);
  if (!date.ok()) {
    Fail(date.status());
    return absl::CancelledError();
  }
  absl::StatusOr<PenaltyAssessment> assessment = Assess(
      rule->value, *invoice, *date, AssessOptions{.breakdown = breakdown});
  if (!assessment.ok()) {
    Fail(assessment.status());
    return absl::CancelledError();
  }
  return assessment;
}

}  // namespace
}  // namespace relance::capi

using namespace relance::capi;  // NOLINT: the entry points below use it all

extern "C" {

relance_status relance_rate_series_builtin(const char* id,
                                           relance_rate_series** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(id);
  RELANCE_CAPI_ASSIGN_OR_RETURN(auto series, relance::BuiltinRateSeries(id));
  *out = new relance_rate_series{std::move(series)};
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_rate_series_from_json(const char* json, size_t length,
                                             relance_rate_series** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(json);
  return NewSeries(relance::RateSeries::FromJson(Text(json, length)), out);
  RELANCE_CAPI_END
}

relance_status relance_rate_series_from_csv(const char* csv, size_t length,
                                            const char* id,
                                            relance_rate_series** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(csv);
  RELANCE_CAPI_REQUIRE(id);
  return NewSeries(relance::RateSeries::FromCsv(Text(csv, length), id), out);
  RELANCE_CAPI_END
}

relance_status relance_rate_series_create(const char* id,
                                          const relance_date* effective_dates,
                                          const int64_t* rates_ppb,
                                          size_t count,
                                          relance_date last_known_date,
                                          relance_rate_series** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(id);
  if (count > 0) {
    RELANCE_CAPI_REQUIRE(effective_dates);
    RELANCE_CAPI_REQUIRE(rates_ppb);
  }
  std::vector<relance::RatePoint> points;
  points.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date date,
                                  ToDate(effective_dates[i]));
    if (rates_ppb[i] > relance::Rate::kMaxPartsPerBillion ||
        rates_ppb[i] < -relance::Rate::kMaxPartsPerBillion) {
      return Fail(RELANCE_ERROR_INVALID_ARGUMENT,
                  absl::StrCat("rate series \"", id, "\": rates_ppb[", i,
                               "] is beyond +-1000 (", rates_ppb[i], ")"));
    }
    points.push_back(relance::RatePoint{
        .effective_date = date,
        .rate = relance::Rate::FromPartsPerBillion(rates_ppb[i])});
  }
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date last,
                                ToDate(last_known_date));
  return NewSeries(
      relance::RateSeries::Create(id, "", "", std::move(points), last), out);
  RELANCE_CAPI_END
}

void relance_rate_series_free(relance_rate_series* series) { delete series; }

relance_status relance_rate_series_rate_at(const relance_rate_series* series,
                                           relance_date date,
                                           int64_t* out_ppb) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(series);
  RELANCE_CAPI_REQUIRE(out_ppb);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date day, ToDate(date));
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Rate rate,
                                series->value->RateAt(day));
  *out_ppb = rate.parts_per_billion();
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_rates_builtin(relance_rates** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  *out = new relance_rates{relance::ReferenceRates::Builtin()};
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_rates_load_directory(const char* directory,
                                            const relance_rates* base,
                                            relance_rates** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(directory);
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      relance::ReferenceRates rates,
      relance::LoadRatesDirectory(directory, RatesOf(base)));
  *out = new relance_rates{std::move(rates)};
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_rates_with_series(const relance_rates* rates,
                                         const relance_rate_series* series,
                                         relance_rates** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(series);
  *out = new relance_rates{RatesOf(rates).With(series->value)};
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_rates_find(const relance_rates* rates, const char* id,
                                  relance_rate_series** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(rates);
  RELANCE_CAPI_REQUIRE(id);
  RELANCE_CAPI_ASSIGN_OR_RETURN(auto series, rates->value.Find(id));
  *out = new relance_rate_series{std::move(series)};
  return Ok();
  RELANCE_CAPI_END
}

void relance_rates_free(relance_rates* rates) { delete rates; }

relance_status relance_penalty_rule_preset(const char* id,
                                           const relance_rates* rates,
                                           relance_penalty_rule** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(id);
  return NewRule(relance::PenaltyPreset(id, RatesOf(rates)), out);
  RELANCE_CAPI_END
}

relance_status relance_penalty_rule_from_json(const char* json, size_t length,
                                              const relance_rates* rates,
                                              relance_penalty_rule** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(json);
  return NewRule(
      relance::PenaltyRuleFromJson(Text(json, length), RatesOf(rates)), out);
  RELANCE_CAPI_END
}

void relance_penalty_rule_free(relance_penalty_rule* rule) { delete rule; }

void relance_invoice_facts_init(relance_invoice_facts* facts) {
  if (facts == nullptr) return;
  *facts = relance_invoice_facts{};
  facts->size = sizeof(relance_invoice_facts);
  facts->business_to_business = 1;
}

relance_status relance_assess(const relance_penalty_rule* rule,
                              const relance_invoice_facts* facts,
                              relance_date as_of, relance_assessment* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(rule);
  RELANCE_CAPI_REQUIRE(facts);
  RELANCE_CAPI_REQUIRE(out);
  constexpr size_t kMinimum =
      RELANCE_CAPI_FIELD_END(relance_assessment, interest);
  if (!ValidSize(out->size, kMinimum, sizeof(relance_assessment),
                 alignof(relance_assessment))) {
    return WrongSize(__func__, "out", out->size, kMinimum,
                     sizeof(relance_assessment));
  }
  const auto assessment =
      RunAssess(__func__, rule, facts, as_of, /*breakdown=*/false);
  if (!assessment.ok()) return relance_last_error_code();
  const relance::PenaltyAssessment& a = *assessment;
#define RELANCE_CAPI_SET(field)                             \
  if (RELANCE_CAPI_HOLDS(out, relance_assessment, field)) { \
    out->field = FromMoney(a.field);                        \
  }
  RELANCE_CAPI_SET(interest)
  RELANCE_CAPI_SET(compensation)
  RELANCE_CAPI_SET(charges)
  RELANCE_CAPI_SET(total)
  RELANCE_CAPI_SET(principal_outstanding)
  RELANCE_CAPI_SET(interest_outstanding)
  RELANCE_CAPI_SET(costs_outstanding)
  RELANCE_CAPI_SET(penalties_outstanding)
  RELANCE_CAPI_SET(total_outstanding)
  RELANCE_CAPI_SET(overpaid)
#undef RELANCE_CAPI_SET
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_assess_json(const relance_penalty_rule* rule,
                                   const relance_invoice_facts* facts,
                                   relance_date as_of, char** out_json,
                                   size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(rule);
  RELANCE_CAPI_REQUIRE(facts);
  const auto assessment =
      RunAssess(__func__, rule, facts, as_of, /*breakdown=*/true);
  if (!assessment.ok()) return relance_last_error_code();
  return ReturnText(relance::AssessmentToJson(*assessment), out_json,
                    out_length);
  RELANCE_CAPI_END
}

}  // extern "C"
