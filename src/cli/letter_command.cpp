// `relance letter`: the letter of one recorded action, written again.
//
//   relance letter ACTION_ID --letterhead FILE [--templates DIR]
//                  [--lang fr|en] [--html] [--rates DIR]
//                  [--assume-last-rate] [--db FILE] [--json]
//
// The decision behind the action is made again exactly as its run made it
// (store::Ledger::ReplayAction: the journal as the run saw it, the run's
// policy), so the letter is the one `relance run --letters` wrote, whatever
// was recorded since. Prints the text file (subject, empty line, text), or
// the HTML with --html, or the relance.letters document holding this one
// letter with --json.
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "cli/ledger_cli.hpp"
#include "cli/letter_files.hpp"
#include "cli/rates_directory.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/letter.hpp"
#include "relance/letter_json.hpp"

namespace relance::cli {
namespace {

struct LetterCommandOptions {
  LedgerFlags ledger;
  int64_t action_id = 0;
  LetterFlags letter_flags;
  std::string rates_directory;
  bool assume_last_rate = false;
};

absl::Status RunLetter(const LetterCommandOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(LetterSetup setup,
                           LoadLetterSetup(options.letter_flags));
  PolicyPenaltyOptions penalty_options{.assume_last_rate =
                                           options.assume_last_rate};
  RELANCE_ASSIGN_OR_RETURN(penalty_options.rates,
                           LoadReferenceRates(options.rates_directory));
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(options.ledger, /*create=*/false));
  RELANCE_ASSIGN_OR_RETURN(
      store::ReplayedAction replayed,
      ledger.ReplayAction(options.action_id, penalty_options));
  RELANCE_ASSIGN_OR_RETURN(
      RenderedLetters letters,
      RenderLetters(replayed.decision, replayed.policy, setup.templates,
                    OptionsForCustomer(setup, replayed.action.customer_name,
                                       replayed.language)));
  const Communication& communication =
      replayed.decision.actions[replayed.communication];
  const Letter* letter = LetterOf(letters, communication);
  if (letter == nullptr) {
    std::string why;
    for (const SkippedCommunication& skipped : letters.skipped) {
      if (skipped.level == communication.level) why = skipped.why;
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "action ", options.action_id, " (", communication.level, ", ",
        ToString(communication.channel), ") is not a letter: ", why));
  }
  if (options.ledger.json) {
    RenderedLetters one{.customer = letters.customer,
                        .as_of = letters.as_of,
                        .language = letters.language,
                        .letters = {*letter}};
    std::cout << LettersToJson(one);
  } else if (options.letter_flags.html) {
    std::cout << letter->html;
  } else {
    std::cout << LetterTextFile(*letter);
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterLetterCommand(CLI::App& app, Outcome& outcome) {
  auto options = std::make_shared<LetterCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "letter", "The letter of a recorded action, as its run wrote it");
  command->add_option("ACTION_ID", options->action_id, "The action's id")
      ->required()
      ->check(CLI::PositiveNumber);
  AddLetterFlags(command, options->letter_flags, /*with_language=*/true,
                 nullptr);
  AddRatesOption(command, options->rates_directory);
  command->add_flag("--assume-last-rate", options->assume_last_rate,
                    "Penalties beyond a series' last known date carry its "
                    "last rate forward (flagged) instead of failing");
  AddLedgerFlags(command, options->ledger);
  OnRun(command, outcome, [options] {
    return WithRateGapHint(RunLetter(*options), options->rates_directory,
                           std::nullopt, /*can_assume=*/true);
  });
}

}  // namespace relance::cli
