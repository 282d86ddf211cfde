// `relance evaluate`: what to do now for one customer.
//
//   relance evaluate --policy POLICY.json --case CASE.json --as-of DATE
//                    [--forecast-to DATE] [--rates DIR] [--assume-last-rate]
//                    [--json]
#include <iostream>
#include <memory>
#include <string>

#include "cli/cli.hpp"
#include "cli/communication_text.hpp"
#include "cli/rates_directory.hpp"
#include "relance/decision_json.hpp"
#include "relance/dunning.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance::cli {
namespace {

struct EvaluateOptions {
  std::string policy;
  std::string case_file;
  std::string as_of;
  std::string forecast_to;
  std::string rates_directory;
  bool assume_last_rate = false;
  bool json = false;
};

template <typename T, typename Parse>
absl::StatusOr<T> LoadJsonFile(const std::string& path, const Parse& parse) {
  RELANCE_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  absl::StatusOr<T> value = parse(text);
  if (!value.ok()) {
    return InFile(path, value.status());
  }
  return value;
}

absl::Status RunEvaluate(const EvaluateOptions& options) {
  PolicyPenaltyOptions penalty_options{.assume_last_rate =
                                           options.assume_last_rate};
  RELANCE_ASSIGN_OR_RETURN(penalty_options.rates,
                           LoadReferenceRates(options.rates_directory));
  RELANCE_ASSIGN_OR_RETURN(Policy policy,
                           Policy::FromFile(options.policy, penalty_options));
  RELANCE_ASSIGN_OR_RETURN(
      Case c, LoadJsonFile<Case>(options.case_file, [](std::string_view text) {
        return Case::FromJson(text);
      }));
  RELANCE_ASSIGN_OR_RETURN(Date as_of, ParseDate(options.as_of));
  RELANCE_ASSIGN_OR_RETURN(CompiledCase compiled,
                           CompiledCase::Compile(std::move(c)));
  RELANCE_ASSIGN_OR_RETURN(Decision decision,
                           Evaluate(policy, compiled, as_of));
  std::optional<DunningForecast> forecast;
  if (!options.forecast_to.empty()) {
    RELANCE_ASSIGN_OR_RETURN(Date to, ParseDate(options.forecast_to));
    if (to > as_of) {
      RELANCE_ASSIGN_OR_RETURN(
          forecast,
          Forecast(policy, WithActionsRecorded(compiled.source(), decision),
                   as_of + Days{1}, to));
    }
  }
  // Penalties that could not be computed do not stop the decision: a
  // warning on stderr, exit 0.
  for (const Reason& note : decision.notes) {
    if (note.code == ReasonCode::kPenaltyUnavailable) {
      std::cerr << "relance: warning: " << Describe(note) << "\n";
    }
  }
  if (options.json) {
    if (options.forecast_to.empty()) {
      std::cout << DecisionToJson(decision);
    } else {
      // Both documents, each exactly as the library writes it.
      std::cout << "{\"decision\": " << DecisionToJson(decision)
                << ", \"forecast\": "
                << (forecast ? ForecastToJson(*forecast) : "null") << "}\n";
    }
    return absl::OkStatus();
  }
  std::cout << "customer " << decision.customer << " as of "
            << FormatDate(decision.as_of) << " (policy " << decision.policy_id
            << " v" << decision.policy_version << ")\n";
  for (const Reason& note : decision.notes) {
    std::cout << "- " << Describe(note) << "\n";
  }
  std::cout << (decision.actions.empty() ? "no action due\n"
                                         : "actions due now:\n");
  for (const Communication& action : decision.actions) {
    PrintCommunication(action, "  ");
  }
  std::cout << "invoices:\n";
  for (const InvoiceDecision& invoice : decision.invoices) {
    std::cout << "  " << invoice.invoice << "  " << ToString(invoice.state)
              << "  due " << FormatDate(invoice.due_date) << "  "
              << invoice.outstanding.ToString();
    if (invoice.claim.IsPositive()) {
      std::cout << " + " << invoice.claim.ToString() << " claim";
    }
    std::cout << "  " << Describe(invoice.reason) << "\n";
  }
  if (!decision.total_due.empty()) {
    std::cout << "total due: " << Join(decision.total_due) << "\n";
  }
  if (decision.next_review) {
    std::cout << "next review: " << FormatDate(*decision.next_review) << "\n";
  }
  if (!options.forecast_to.empty()) {
    std::cout << "road ahead if nothing else happens:\n";
    if (forecast) {
      for (const ForecastItem& item : forecast->items) {
        std::cout << "  " << FormatDate(item.date) << "\n";
        PrintCommunication(item.action, "    ");
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterEvaluateCommand(CLI::App& app, Outcome& outcome) {
  auto options = std::make_shared<EvaluateOptions>();
  CLI::App* command = app.add_subcommand(
      "evaluate", "The dunning actions due for one customer's case");
  command->add_option("--policy", options->policy, "Policy JSON file")
      ->required();
  command
      ->add_option("--case", options->case_file,
                   "Case JSON file (one customer)")
      ->required();
  command->add_option("--as-of", options->as_of, "Date of the run")->required();
  command->add_option("--forecast-to", options->forecast_to,
                      "Also print the actions that would follow up to DATE");
  command->add_flag("--json", options->json, "Print JSON (see docs/cli.md)");
  AddRatesOption(command, options->rates_directory);
  command->add_flag("--assume-last-rate", options->assume_last_rate,
                    "Penalties beyond a series' last known date carry its "
                    "last rate forward (flagged) instead of failing");
  OnRun(command, outcome, [options] {
    // Rates are needed up to the as-of date, or the forecast's end.
    absl::StatusOr<Date> through = ParseDate(
        options->forecast_to.empty() ? options->as_of : options->forecast_to);
    return WithRateGapHint(
        RunEvaluate(*options), options->rates_directory,
        through.ok() ? std::optional<Date>(*through) : std::nullopt,
        /*can_assume=*/true);
  });
}

}  // namespace relance::cli
