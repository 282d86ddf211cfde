// `relance evaluate`: what to do now for one customer.
//
//   relance evaluate --policy POLICY.json --case CASE.json --as-of DATE
//                    [--forecast-to DATE] [--rates DIR] [--assume-last-rate]
//                    [--letters DIR --letterhead FILE [--templates DIR]
//                     [--lang fr|en] [--html]]
//                    [--json]
//
// With --letters, each communication due that is a letter is written to DIR
// (src/cli/letter_files.hpp), all of them or none.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "cli/communication_text.hpp"
#include "cli/letter_files.hpp"
#include "cli/rates_directory.hpp"
#include "relance/decision_json.hpp"
#include "relance/dunning.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/letter.hpp"
#include "relance/letter_json.hpp"

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
  std::string letters_directory;
  LetterFlags letter_flags;
};

// The decision's letters, written to `directory`.
absl::StatusOr<RenderedLetters> WriteLetters(
    const Decision& decision, const Policy& policy, const Case& c,
    const LetterSetup& setup, const std::string& directory, bool html) {
  RELANCE_ASSIGN_OR_RETURN(
      RenderedLetters letters,
      RenderLetters(decision, policy, setup.templates,
                    OptionsForCustomer(setup, c.customer_name, "", {})));
  RELANCE_ASSIGN_OR_RETURN(LetterDirectory out,
                           LetterDirectory::Open(directory, html));
  for (const Letter& letter : letters.letters) {
    RELANCE_RETURN_IF_ERROR(out.Write(letter).status());
  }
  RELANCE_RETURN_IF_ERROR(out.Commit());
  return letters;
}

void PrintLetters(const RenderedLetters& letters, const std::string& directory,
                  bool html) {
  std::cout << "letters in " << directory << ":\n";
  if (letters.letters.empty()) std::cout << "  none\n";
  for (const Letter& letter : letters.letters) {
    std::cout << "  " << letter.file_stem << ".txt"
              << (html ? absl::StrCat(", ", letter.file_stem, ".html") : "")
              << "  " << letter.subject << "\n";
  }
  for (const SkippedCommunication& skipped : letters.skipped) {
    std::cout << "  no letter for " << skipped.level << " ("
              << ToString(skipped.channel) << "): " << skipped.why << "\n";
  }
}

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
  // Letters are set up before anything is evaluated: a bad letterhead or
  // template stops the command before it writes.
  std::optional<LetterSetup> letter_setup;
  if (!options.letters_directory.empty()) {
    RELANCE_ASSIGN_OR_RETURN(letter_setup,
                             LoadLetterSetup(options.letter_flags));
  }
  RELANCE_ASSIGN_OR_RETURN(CompiledCase compiled, CompiledCase::Compile(c));
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
  std::optional<RenderedLetters> letters;
  if (letter_setup.has_value()) {
    RELANCE_ASSIGN_OR_RETURN(
        letters,
        WriteLetters(decision, policy, c, *letter_setup,
                     options.letters_directory, options.letter_flags.html));
  }
  // Penalties that could not be computed do not stop the decision: a
  // warning on stderr, exit 0.
  for (const Reason& note : decision.notes) {
    if (note.code == ReasonCode::kPenaltyUnavailable) {
      std::cerr << "relance: warning: " << Describe(note) << "\n";
    }
  }
  if (options.json) {
    if (options.forecast_to.empty() && !letters.has_value()) {
      std::cout << DecisionToJson(decision);
    } else {
      // The documents asked for, each exactly as the library writes it.
      std::cout << "{\"decision\": " << DecisionToJson(decision);
      if (!options.forecast_to.empty()) {
        std::cout << ", \"forecast\": "
                  << (forecast ? ForecastToJson(*forecast) : "null");
      }
      if (letters.has_value()) {
        std::cout << ", \"letters\": " << LettersToJson(*letters);
      }
      std::cout << "}\n";
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
  if (letters.has_value()) {
    PrintLetters(*letters, options.letters_directory,
                 options.letter_flags.html);
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
  CLI::Option* letters = command->add_option(
      "--letters", options->letters_directory,
      "Write the letters due to DIR, one file each (needs --letterhead)");
  AddLetterFlags(command, options->letter_flags, /*with_language=*/true,
                 letters);
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
