// `relance letter`: the letter of one recorded action, written again, or
// the written confirmation of a promise to pay or a payment plan.
//
//   relance letter ACTION_ID --letterhead FILE [--templates DIR]
//                  [--lang fr|en] [--html] [--rates DIR]
//                  [--assume-last-rate] [--db FILE] [--json]
//   relance letter --entry SEQUENCE --letterhead FILE [--policy FILE
//                  [--policy-for J=FILE]] ... (the same options)
//
// The decision behind the action is made again exactly as its run made it
// (store::Ledger::ReplayAction: the journal as the run saw it, the run's
// policy), so the letter is the one `relance run --letters` wrote, whatever
// was recorded since. Prints the text file (subject, empty line, text), or
// the HTML with --html, or the relance.letters document holding this one
// letter with --json.
//
// With --entry, the journal entry SEQUENCE must be a promise_to_pay or a
// payment_plan_agreed: its confirmation (RenderConfirmation) is written with
// the customer's figures on the day of the event, evaluated under --policy
// or by default the last run's policies.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "cli/ledger_cli.hpp"
#include "cli/letter_files.hpp"
#include "cli/rates_directory.hpp"
#include "relance/dunning.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/letter.hpp"
#include "relance/letter_json.hpp"

namespace relance::cli {
namespace {

struct LetterCommandOptions {
  LedgerFlags ledger;
  int64_t action_id = 0;
  int64_t entry = 0;
  std::string policy;
  std::vector<std::string> policy_for;
  LetterFlags letter_flags;
  std::string rates_directory;
  bool assume_last_rate = false;
};

// Prints `letter` as the options ask: its text file, its HTML, or the
// relance.letters document holding it alone.
void PrintLetter(const Letter& letter, const std::string& customer, Date as_of,
                 const LetterCommandOptions& options) {
  if (options.ledger.json) {
    RenderedLetters one{.customer = customer,
                        .as_of = as_of,
                        .language = letter.language,
                        .letters = {letter}};
    std::cout << LettersToJson(one);
  } else if (options.letter_flags.html) {
    std::cout << letter.html;
  } else {
    std::cout << LetterTextFile(letter);
  }
}

// The confirmation of journal entry options.entry.
absl::Status RunConfirmation(const LetterCommandOptions& options,
                             const LetterSetup& setup,
                             const PolicyPenaltyOptions& penalty_options,
                             const store::Ledger& ledger) {
  RELANCE_ASSIGN_OR_RETURN(store::JournalEntry entry,
                           ledger.Entry(options.entry));
  const Event& event = entry.event;
  if (event.kind != EventKind::kPromiseToPay &&
      event.kind != EventKind::kPaymentPlanAgreed) {
    return absl::FailedPreconditionError(absl::StrCat(
        "journal entry ", options.entry, " (",
        std::string(ToString(event.kind)),
        ") has no written confirmation: only a promise_to_pay or a "
        "payment_plan_agreed has one"));
  }
  RELANCE_ASSIGN_OR_RETURN(
      RunPolicies policies,
      PoliciesOrLastRun(ledger, options.policy, options.policy_for,
                        penalty_options, "letter"));
  RELANCE_ASSIGN_OR_RETURN(
      store::LedgerCase found,
      ledger.CustomerCase(entry.customer, policies.policy, event.date,
                          policies.by_jurisdiction));
  RELANCE_ASSIGN_OR_RETURN(
      Decision decision, Evaluate(*found.policy, found.assembled, event.date));
  RELANCE_ASSIGN_OR_RETURN(
      Letter letter,
      RenderConfirmation(
          decision, *found.policy, event, setup.templates,
          OptionsForCustomer(setup, found.assembled.customer_name,
                             found.language, found.address_lines)));
  PrintLetter(letter, entry.customer, event.date, options);
  return absl::OkStatus();
}

absl::Status RunLetter(const LetterCommandOptions& options) {
  if ((options.action_id > 0) == (options.entry > 0)) {
    return absl::InvalidArgumentError(
        "letter: give an ACTION_ID, or --entry SEQUENCE for a confirmation, "
        "one of them");
  }
  if (options.action_id > 0 &&
      (!options.policy.empty() || !options.policy_for.empty())) {
    return absl::InvalidArgumentError(
        "letter: an action's letter is written under its run's policy: "
        "--policy goes with --entry");
  }
  RELANCE_ASSIGN_OR_RETURN(LetterSetup setup,
                           LoadLetterSetup(options.letter_flags));
  PolicyPenaltyOptions penalty_options{.assume_last_rate =
                                           options.assume_last_rate};
  RELANCE_ASSIGN_OR_RETURN(penalty_options.rates,
                           LoadReferenceRates(options.rates_directory));
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(options.ledger, /*create=*/false));
  if (options.entry > 0) {
    return RunConfirmation(options, setup, penalty_options, ledger);
  }
  RELANCE_ASSIGN_OR_RETURN(
      store::ReplayedAction replayed,
      ledger.ReplayAction(options.action_id, penalty_options));
  RELANCE_ASSIGN_OR_RETURN(
      RenderedLetters letters,
      RenderLetters(
          replayed.decision, replayed.policy, setup.templates,
          OptionsForCustomer(setup, replayed.action.customer_name,
                             replayed.language, replayed.address_lines)));
  const Communication& communication =
      replayed.decision.actions[replayed.communication];
  const Letter* letter = LetterOf(letters, communication);
  if (letter == nullptr) {
    std::string why;
    for (const SkippedCommunication& skipped : letters.skipped) {
      if (skipped.level == communication.level) why = skipped.why;
    }
    return absl::FailedPreconditionError(
        absl::StrCat("action ", options.action_id, " (", communication.level,
                     ", ", std::string(ToString(communication.channel)),
                     ") is not a letter: ", why));
  }
  PrintLetter(*letter, letters.customer, letters.as_of, options);
  return absl::OkStatus();
}

}  // namespace

void RegisterLetterCommand(CLI::App& app, Outcome& outcome) {
  auto options = std::make_shared<LetterCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "letter",
      "The letter of a recorded action, as its run wrote it, or the "
      "confirmation of a promise or a payment plan (--entry)");
  command->add_option("ACTION_ID", options->action_id, "The action's id")
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--entry", options->entry,
                   "A journal entry (a promise_to_pay or a "
                   "payment_plan_agreed): its written confirmation")
      ->check(CLI::PositiveNumber);
  command->add_option("--policy", options->policy,
                      "With --entry: the policy (default: the last run's)");
  AddPolicyForOption(command, options->policy_for);
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
