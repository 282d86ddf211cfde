// `relance evaluate`: what to do now for one customer.
//
//   relance evaluate --policy POLICY.json --case CASE.json --as-of DATE
//                    [--forecast-to DATE] [--rates DIR] [--assume-last-rate]
//                    [--json]
#include <iostream>
#include <memory>
#include <string>

#include "cli/cli.hpp"
#include "cli/rates_directory.hpp"
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

std::string Join(const std::vector<Money>& amounts) {
  std::string text;
  for (const Money& amount : amounts) {
    if (!text.empty()) text += " + ";
    text += amount.ToString();
  }
  return text.empty() ? "-" : text;
}

nlohmann::ordered_json MoneyList(const std::vector<Money>& amounts) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Money& amount : amounts) list.push_back(amount.ToString());
  return list;
}

nlohmann::ordered_json CommunicationJson(const Communication& action) {
  return {{"level", action.level},
          {"level_number", action.level_number},
          {"channel", ToString(action.channel)},
          {"template", action.template_id},
          {"task", action.task},
          {"block_account", action.block_account},
          {"invoices", action.invoices},
          {"invoice_levels", action.invoice_levels},
          {"outstanding", MoneyList(action.outstanding)},
          {"penalties", MoneyList(action.penalties)},
          {"fees", MoneyList(action.fees)},
          {"payment_deadline",
           action.payment_deadline
               ? nlohmann::ordered_json(FormatDate(*action.payment_deadline))
               : nlohmann::ordered_json(nullptr)}};
}

void PrintCommunication(const Communication& action, std::string_view indent) {
  std::cout << indent << action.level;
  if (action.level_number > 0)
    std::cout << " (level " << action.level_number << ")";
  std::cout << ", " << ToString(action.channel);
  if (!action.template_id.empty())
    std::cout << ", template " << action.template_id;
  if (action.task) std::cout << ", task for a person";
  if (action.block_account) std::cout << ", block the account";
  std::cout << "\n" << indent << "  invoices:";
  for (size_t i = 0; i < action.invoices.size(); ++i) {
    std::cout << " " << action.invoices[i];
    if (action.invoice_levels[i] != action.level) {
      std::cout << " (" << action.invoice_levels[i] << ")";
    }
  }
  std::cout << "\n"
            << indent << "  outstanding: " << Join(action.outstanding)
            << "; penalties: " << Join(action.penalties)
            << "; fees: " << Join(action.fees) << "\n";
  if (action.payment_deadline) {
    std::cout << indent << "  new payment deadline: "
              << FormatDate(*action.payment_deadline) << "\n";
  }
}

absl::Status RunEvaluate(const EvaluateOptions& options) {
  PolicyPenaltyOptions penalty_options{.assume_last_rate =
                                           options.assume_last_rate};
  RELANCE_ASSIGN_OR_RETURN(penalty_options.rates,
                           LoadReferenceRates(options.rates_directory));
  RELANCE_ASSIGN_OR_RETURN(
      Policy policy,
      LoadJsonFile<Policy>(options.policy,
                           [&penalty_options](std::string_view text) {
                             return Policy::FromJson(text, penalty_options);
                           }));
  RELANCE_ASSIGN_OR_RETURN(
      Case c, LoadJsonFile<Case>(options.case_file, [](std::string_view text) {
        return Case::FromJson(text);
      }));
  RELANCE_ASSIGN_OR_RETURN(Date as_of, ParseDate(options.as_of));
  RELANCE_ASSIGN_OR_RETURN(Decision decision, Evaluate(policy, c, as_of));
  std::vector<ForecastItem> forecast;
  if (!options.forecast_to.empty()) {
    RELANCE_ASSIGN_OR_RETURN(Date to, ParseDate(options.forecast_to));
    if (to > as_of) {
      RELANCE_ASSIGN_OR_RETURN(
          forecast, Forecast(policy, WithActionsRecorded(c, decision),
                             as_of + Days{1}, to));
    }
  }
  if (options.json) {
    nlohmann::ordered_json actions = nlohmann::ordered_json::array();
    for (const Communication& action : decision.actions) {
      actions.push_back(CommunicationJson(action));
    }
    nlohmann::ordered_json invoices = nlohmann::ordered_json::array();
    for (const InvoiceDecision& invoice : decision.invoices) {
      invoices.push_back({{"invoice", invoice.invoice},
                          {"state", ToString(invoice.state)},
                          {"due_date", FormatDate(invoice.due_date)},
                          {"outstanding", invoice.outstanding.ToString()},
                          {"days_late", invoice.days_late},
                          {"last_level", invoice.last_level},
                          {"next_level", invoice.next_level},
                          {"explanation", invoice.explanation}});
    }
    nlohmann::ordered_json road = nlohmann::ordered_json::array();
    for (const ForecastItem& item : forecast) {
      nlohmann::ordered_json entry = CommunicationJson(item.action);
      entry["date"] = FormatDate(item.date);
      road.push_back(entry);
    }
    PrintJson({{"policy", decision.policy_id},
               {"policy_version", decision.policy_version},
               {"customer", decision.customer},
               {"as_of", FormatDate(decision.as_of)},
               {"ladder", decision.ladder},
               {"segment", decision.segment},
               {"actions", actions},
               {"invoices", invoices},
               {"next_review",
                decision.next_review
                    ? nlohmann::ordered_json(FormatDate(*decision.next_review))
                    : nlohmann::ordered_json(nullptr)},
               {"explanations", decision.explanations},
               {"forecast", road}});
    return absl::OkStatus();
  }
  std::cout << "customer " << decision.customer << " as of "
            << FormatDate(decision.as_of) << " (policy " << decision.policy_id
            << " v" << decision.policy_version << ", ladder " << decision.ladder
            << ")\n";
  for (const std::string& explanation : decision.explanations) {
    std::cout << "- " << explanation << "\n";
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
              << invoice.outstanding.ToString() << "  " << invoice.explanation
              << "\n";
  }
  if (decision.next_review) {
    std::cout << "next review: " << FormatDate(*decision.next_review) << "\n";
  }
  if (!options.forecast_to.empty()) {
    std::cout << "road ahead if nothing else happens:\n";
    for (const ForecastItem& item : forecast) {
      std::cout << "  " << FormatDate(item.date) << "\n";
      PrintCommunication(item.action, "    ");
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
