// `relance run`: one dunning run over every customer of the ledger.
//
//   relance run --as-of DATE --policy FILE [--policy-for JURISDICTION=FILE]
//               [--rates DIR] [--assume-last-rate] [--dry-run] [--summary]
//               [--letters DIR --letterhead FILE [--templates DIR] [--html]]
//               [--db FILE] [--json]
//
// Evaluates every customer's facts as of DATE and records, in one
// transaction, the run and the actions it plans, then prints them per
// customer. Running again for the same date plans nothing new; a later date
// continues the ladder from the actions recorded as sent (`relance record
// sent`). A progress bar is drawn on stderr when it is a terminal.
//
// With --letters, each communication the run plans that is a letter is
// written to DIR in the customer's language (customers.csv; else the
// letterhead's), once the run is recorded: a run that fails writes none.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "cli/communication_text.hpp"
#include "cli/ledger_cli.hpp"
#include "cli/letter_files.hpp"
#include "cli/rates_directory.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/letter.hpp"
#include "relance/policy.hpp"
#include "store/ledger_json.hpp"

namespace relance::cli {
namespace {

struct RunOptions {
  LedgerFlags ledger;
  std::string as_of;
  std::string policy;
  std::vector<std::string> policy_for;
  std::string rates_directory;
  bool assume_last_rate = false;
  bool dry_run = false;
  bool summary = false;
  std::string letters_directory;
  LetterFlags letter_flags;
};

// Writes the letters of the communications a run plans for one customer.
class RunLetterWriter {
 public:
  RunLetterWriter(LetterSetup setup, LetterDirectory directory)
      : setup_(std::move(setup)), directory_(std::move(directory)) {}

  absl::Status Write(const store::PlannedCustomer& customer) {
    if (!customer.language.empty() && !setup_.language.has_value() &&
        !ParseLanguage(customer.language).ok()) {
      ++other_languages_[std::string(customer.language)];
    }
    RELANCE_ASSIGN_OR_RETURN(
        RenderedLetters letters,
        RenderLetters(
            *customer.decision, *customer.policy, setup_.templates,
            OptionsForCustomer(setup_, customer.name, customer.language,
                               customer.address_lines)));
    for (const auto& [index, action_id] : customer.planned) {
      const Letter* letter =
          LetterOf(letters, customer.decision->actions[index]);
      if (letter == nullptr) continue;
      RELANCE_ASSIGN_OR_RETURN(std::string file, directory_.Write(*letter));
      written_.push_back({.action_id = action_id,
                          .customer = std::string(customer.customer),
                          .file = std::move(file)});
    }
    return absl::OkStatus();
  }

  // Moves the letters into the directory; returns what was written.
  absl::StatusOr<std::vector<store::RunResult::Letter>> Commit() {
    RELANCE_RETURN_IF_ERROR(directory_.Commit());
    return std::move(written_);
  }

  // One warning per language of customers that relance writes no letters
  // in: their letters are in the letterhead's language.
  void WarnOtherLanguages() const {
    for (const auto& [language, customers] : other_languages_) {
      std::cerr << "relance: warning: " << customers
                << (customers == 1 ? " customer" : " customers")
                << " of language \"" << language
                << "\" (relance writes letters in fr and en): written in "
                << LanguageCode(setup_.letterhead.language)
                << ", the letterhead's language\n";
    }
  }

 private:
  LetterSetup setup_;
  LetterDirectory directory_;
  std::vector<store::RunResult::Letter> written_;
  std::map<std::string, int64_t> other_languages_;
};

// "[##########..........]  1234/5678 customers", redrawn in place.
void DrawProgress(int64_t done, int64_t total) {
  constexpr int kWidth = 30;
  const int filled =
      total > 0 ? static_cast<int>(done * kWidth / total) : kWidth;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::fprintf(stderr, "\r[%s] %lld/%lld customers", bar.c_str(),
               static_cast<long long>(done), static_cast<long long>(total));
  if (done >= total) std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

void PrintRun(const store::RunResult& result, bool dry_run, bool summary) {
  std::cout << (dry_run ? "dry run" : absl::StrCat("run ", result.run_id))
            << " as of " << FormatDate(result.as_of) << ", policy "
            << result.policy_id << " v" << result.policy_version;
  for (const auto& [jurisdiction, label] : result.jurisdiction_policies) {
    std::cout << " (" << jurisdiction << ": " << label << ")";
  }
  std::cout << ": " << result.customers << " customers, " << result.invoices
            << " invoices\n"
            << "  " << result.actions_planned
            << (dry_run ? " actions would be planned, " : " actions planned, ")
            << result.already_planned
            << " already planned or done by an earlier run\n";
  if (summary) return;
  std::string customer;
  for (const store::PlannedAction& action : result.planned) {
    if (action.customer != customer) {
      customer = action.customer;
      std::cout << "\n" << customer;
      if (!action.customer_name.empty()) {
        std::cout << "  " << action.customer_name;
      }
      std::cout << "\n";
    }
    if (action.id > 0) {
      std::cout << "  action " << action.id << "\n";
    } else {
      std::cout << "  action (dry run, not recorded)\n";
    }
    PrintCommunication(action.communication, "    ");
  }
  if (static_cast<int64_t>(result.planned.size()) < result.actions_planned) {
    std::cout << "("
              << result.actions_planned -
                     static_cast<int64_t>(result.planned.size())
              << " more: relance history CUSTOMER lists them)\n";
  }
}

void PrintLetters(const store::RunResult& result, const std::string& directory,
                  bool summary) {
  if (!result.letters.has_value()) return;
  std::cout << "\n"
            << result.letters->size() << " letters written to " << directory
            << "\n";
  if (summary) return;
  for (const store::RunResult::Letter& letter : *result.letters) {
    std::cout << "  " << letter.file;
    if (letter.action_id > 0)
      std::cout << "  (action " << letter.action_id << ")";
    std::cout << "\n";
  }
}

absl::Status RunRun(const RunOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(Date as_of, ParseDate(options.as_of));
  PolicyPenaltyOptions penalty_options{.assume_last_rate =
                                           options.assume_last_rate};
  RELANCE_ASSIGN_OR_RETURN(penalty_options.rates,
                           LoadReferenceRates(options.rates_directory));
  RELANCE_ASSIGN_OR_RETURN(std::string policy_text, ReadFile(options.policy));
  absl::StatusOr<Policy> policy =
      Policy::FromJson(policy_text, penalty_options);
  if (!policy.ok()) return InFile(options.policy, policy.status());
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(options.ledger, /*create=*/false));
  store::RunOptions run_options{.dry_run = options.dry_run};
  std::optional<RunLetterWriter> letters;
  if (!options.letters_directory.empty()) {
    RELANCE_ASSIGN_OR_RETURN(LetterSetup setup,
                             LoadLetterSetup(options.letter_flags));
    RELANCE_ASSIGN_OR_RETURN(LetterDirectory directory,
                             LetterDirectory::Open(options.letters_directory,
                                                   options.letter_flags.html));
    letters.emplace(std::move(setup), std::move(directory));
    run_options.on_planned = [&letters](const store::PlannedCustomer& c) {
      return letters->Write(c);
    };
  }
  RELANCE_ASSIGN_OR_RETURN(
      run_options.jurisdiction_policies,
      LoadJurisdictionPolicies(options.policy_for, penalty_options));
  if (!options.ledger.json && ::isatty(STDERR_FILENO) == 1) {
    run_options.progress = DrawProgress;
  }
  RELANCE_ASSIGN_OR_RETURN(
      store::RunResult result,
      ledger.Run(*policy, policy_text, as_of, run_options, Recorded("run")));
  if (letters.has_value()) {
    // The run is recorded: its letters join the directory.
    RELANCE_ASSIGN_OR_RETURN(result.letters, letters->Commit());
    letters->WarnOtherLanguages();
  }
  for (const auto& [customer, status] : result.failed) {
    std::cerr << "relance: warning: customer " << customer
              << " not evaluated: " << status.message() << "\n";
  }
  if (options.ledger.json) {
    std::cout << store::RunResultToJson(result);
  } else {
    PrintRun(result, options.dry_run, options.summary);
    PrintLetters(result, options.letters_directory, options.summary);
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterRunCommand(CLI::App& app, Outcome& outcome) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run", "A dunning run over the ledger: plan today's actions");
  command->add_option("--as-of", options->as_of, "Date of the run")->required();
  command->add_option("--policy", options->policy, "Policy JSON file")
      ->required();
  AddPolicyForOption(command, options->policy_for);
  AddRatesOption(command, options->rates_directory);
  command->add_flag("--assume-last-rate", options->assume_last_rate,
                    "Penalties beyond a series' last known date carry its "
                    "last rate forward (flagged) instead of failing");
  command->add_flag("--dry-run", options->dry_run,
                    "Show what would be planned, record nothing");
  command->add_flag("--summary", options->summary,
                    "Print the counts only, not every action (large runs)");
  CLI::Option* letters = command->add_option(
      "--letters", options->letters_directory,
      "Write the letters of the actions planned to DIR, one file each, in "
      "the customer's language (needs --letterhead)");
  AddLetterFlags(command, options->letter_flags, /*with_language=*/false,
                 letters);
  AddLedgerFlags(command, options->ledger);
  OnRun(command, outcome, [options] { return RunRun(*options); });
}

}  // namespace relance::cli
