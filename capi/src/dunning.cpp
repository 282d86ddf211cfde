// The C ABI's policies, cases, decisions and forecasts.
#include "relance/dunning.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "capi_internal.hpp"
#include "relance/compiled_case.hpp"
#include "relance/decision_json.hpp"
#include "relance/event.hpp"
#include "relance/lifecycle.hpp"
#include "relance/policy.hpp"
#include "relance/policy_graph.hpp"

namespace relance::capi {
namespace {

// The case of `json`, compiled; the last error is set on failure.
absl::StatusOr<CompiledCase> CompileCase(const char* function,
                                         std::string_view json,
                                         const relance_terms_options* options) {
  absl::StatusOr<TermsParseOptions> terms = ToTermsOptions(function, options);
  if (!terms.ok()) return terms.status();  // MISUSE already set
  absl::StatusOr<Case> c = Case::FromJson(json);
  if (!c.ok()) {
    Fail(c.status());
    return absl::CancelledError();
  }
  absl::StatusOr<CompiledCase> compiled =
      CompiledCase::Compile(*std::move(c), CaseOptions{.terms = *terms});
  if (!compiled.ok()) {
    Fail(compiled.status());
    return absl::CancelledError();
  }
  return compiled;
}

// The names of the channels (ToString), as static C strings.
const char* ChannelName(Channel channel) {
  static const std::vector<std::string>* const kNames =
      new std::vector<std::string>{ToString(Channel::kEmail),
                                   ToString(Channel::kLetter),
                                   ToString(Channel::kRegisteredLetter),
                                   ToString(Channel::kPhoneTask),
                                   ToString(Channel::kSms),
                                   ToString(Channel::kAgencyHandoff),
                                   ToString(Channel::kLegal)};
  const auto index = static_cast<size_t>(channel);
  return index < kNames->size() ? (*kNames)[index].c_str() : "";
}

void BuildViews(const relance_decision& decision) {
  decision.views.reserve(decision.value.actions.size());
  for (const Communication& action : decision.value.actions) {
    relance_decision::ActionView view;
    view.invoices.reserve(action.invoices.size());
    for (const std::string& invoice : action.invoices) {
      view.invoices.push_back(invoice.c_str());
    }
    view.total_due.reserve(action.total_due.size());
    for (const Money& amount : action.total_due) {
      view.total_due.push_back(FromMoney(amount));
    }
    decision.views.push_back(std::move(view));
  }
}

}  // namespace

relance_status PenaltyOptionsOf(const char* function, const char* what,
                                const relance_policy_options* options,
                                PolicyPenaltyOptions& out) {
  if (options == nullptr) return RELANCE_OK;
  if (!ValidSize(options->size, sizeof(size_t), sizeof(relance_policy_options),
                 alignof(relance_policy_options))) {
    return WrongSize(function, what, options->size, sizeof(size_t),
                     sizeof(relance_policy_options));
  }
  if (RELANCE_CAPI_HOLDS(options, relance_policy_options, rates) &&
      options->rates != nullptr) {
    out.rates = options->rates->value;
  }
  if (RELANCE_CAPI_HOLDS(options, relance_policy_options, assume_last_rate)) {
    out.assume_last_rate = options->assume_last_rate != 0;
  }
  return RELANCE_OK;
}

}  // namespace relance::capi

using namespace relance::capi;  // NOLINT: the entry points below use it all

extern "C" {

void relance_policy_options_init(relance_policy_options* options) {
  if (options == nullptr) return;
  *options = relance_policy_options{};
  options->size = sizeof(relance_policy_options);
}

relance_status relance_policy_from_json(const char* json, size_t length,
                                        const relance_policy_options* options,
                                        relance_policy** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(json);
  relance::PolicyPenaltyOptions penalty_options;
  if (const relance_status read =
          PenaltyOptionsOf(__func__, "options", options, penalty_options);
      read != RELANCE_OK) {
    return read;
  }
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      relance::Policy policy,
      relance::Policy::FromJson(Text(json, length), penalty_options));
  *out = new relance_policy{std::move(policy)};
  return Ok();
  RELANCE_CAPI_END
}

void relance_policy_free(relance_policy* policy) { delete policy; }

relance_status relance_policy_graph_dot(const relance_policy* policy,
                                        char** out_dot, size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_dot);
  RELANCE_CAPI_REQUIRE(policy);
  return ReturnText(relance::PolicyGraphDot(policy->value), out_dot,
                    out_length);
  RELANCE_CAPI_END
}

relance_status relance_lifecycle_dot(char** out_dot, size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_dot);
  return ReturnText(relance::TransitionsAsDot(), out_dot, out_length);
  RELANCE_CAPI_END
}

relance_status relance_case_from_json(
    const char* json, size_t length, const relance_terms_options* terms_options,
    relance_case** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(json);
  auto compiled = CompileCase(__func__, Text(json, length), terms_options);
  if (!compiled.ok()) return relance_last_error_code();
  *out = new relance_case{*std::move(compiled)};
  return Ok();
  RELANCE_CAPI_END
}

void relance_case_free(relance_case* c) { delete c; }

relance_status relance_evaluate(const relance_policy* policy,
                                const relance_case* c, relance_date as_of,
                                relance_decision** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(policy);
  RELANCE_CAPI_REQUIRE(c);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date date, ToDate(as_of));
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      relance::Decision decision,
      relance::Evaluate(policy->value, c->value, date));
  auto* result = new relance_decision();
  result->value = std::move(decision);
  *out = result;
  return Ok();
  RELANCE_CAPI_END
}

void relance_decision_free(relance_decision* decision) { delete decision; }

relance_status relance_decision_to_json(const relance_decision* decision,
                                        char** out_json, size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(decision);
  return ReturnText(relance::DecisionToJson(decision->value), out_json,
                    out_length);
  RELANCE_CAPI_END
}

relance_status relance_decision_action_count(const relance_decision* decision,
                                             size_t* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(decision);
  RELANCE_CAPI_REQUIRE(out);
  *out = decision->value.actions.size();
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_decision_action(const relance_decision* decision,
                                       size_t index, relance_action* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(decision);
  RELANCE_CAPI_REQUIRE(out);
  constexpr size_t kMinimum = RELANCE_CAPI_FIELD_END(relance_action, level);
  if (!ValidSize(out->size, kMinimum, sizeof(relance_action),
                 alignof(relance_action))) {
    return WrongSize(__func__, "out", out->size, kMinimum,
                     sizeof(relance_action));
  }
  const auto& actions = decision->value.actions;
  if (index >= actions.size()) {
    return Misuse(__func__, absl::StrCat("index ", index,
                                         " is out of range: the decision has ",
                                         actions.size(), " action(s)"));
  }
  std::call_once(decision->views_once, [decision] { BuildViews(*decision); });
  const relance::Communication& action = actions[index];
  const relance_decision::ActionView& view = decision->views[index];
  out->level = action.level.c_str();
#define RELANCE_CAPI_SET(field, value)                  \
  if (RELANCE_CAPI_HOLDS(out, relance_action, field)) { \
    out->field = (value);                               \
  }
  RELANCE_CAPI_SET(level_number, action.level_number)
  RELANCE_CAPI_SET(channel, relance::capi::ChannelName(action.channel))
  RELANCE_CAPI_SET(template_id, action.template_id.c_str())
  RELANCE_CAPI_SET(task, action.task ? 1 : 0)
  RELANCE_CAPI_SET(block_account, action.block_account ? 1 : 0)
  RELANCE_CAPI_SET(invoice_count, view.invoices.size())
  RELANCE_CAPI_SET(invoices, view.invoices.data())
  RELANCE_CAPI_SET(total_due_count, view.total_due.size())
  RELANCE_CAPI_SET(total_due, view.total_due.data())
  RELANCE_CAPI_SET(has_payment_deadline,
                   action.payment_deadline.has_value() ? 1 : 0)
  RELANCE_CAPI_SET(payment_deadline,
                   action.payment_deadline.has_value()
                       ? relance::DaysSinceEpoch(*action.payment_deadline)
                       : 0)
#undef RELANCE_CAPI_SET
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_evaluate_json(const relance_policy* policy,
                                     const char* case_json, size_t length,
                                     relance_date as_of, char** out_json,
                                     size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(policy);
  RELANCE_CAPI_REQUIRE(case_json);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date date, ToDate(as_of));
  auto compiled = CompileCase(__func__, Text(case_json, length), nullptr);
  if (!compiled.ok()) return relance_last_error_code();
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const relance::Decision decision,
      relance::Evaluate(policy->value, *compiled, date));
  return ReturnText(relance::DecisionToJson(decision), out_json, out_length);
  RELANCE_CAPI_END
}

relance_status relance_forecast_json(const relance_policy* policy,
                                     const relance_case* c, relance_date from,
                                     relance_date to, char** out_json,
                                     size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(policy);
  RELANCE_CAPI_REQUIRE(c);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date first, ToDate(from));
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date last, ToDate(to));
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const relance::DunningForecast forecast,
      relance::Forecast(policy->value, c->value, first, last));
  return ReturnText(relance::ForecastToJson(forecast), out_json, out_length);
  RELANCE_CAPI_END
}

relance_status relance_forecast_after_json(const relance_policy* policy,
                                           const relance_case* c,
                                           const relance_decision* decision,
                                           relance_date to, char** out_json,
                                           size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(policy);
  RELANCE_CAPI_REQUIRE(c);
  RELANCE_CAPI_REQUIRE(decision);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date last, ToDate(to));
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const relance::DunningForecast forecast,
      relance::Forecast(
          policy->value,
          relance::WithActionsRecorded(c->value.source(), decision->value),
          decision->value.as_of + relance::Days{1}, last, c->value.options()));
  return ReturnText(relance::ForecastToJson(forecast), out_json, out_length);
  RELANCE_CAPI_END
}

}  // extern "C"
