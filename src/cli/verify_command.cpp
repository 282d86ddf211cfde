// `relance verify`: check the journal's hash chain.
//
//   relance verify [--db FILE] [--json]
//
// Recomputes every entry's SHA-256 from the first one. Exit 0 when the
// chain holds (the last hash is printed: note it elsewhere to detect a
// journal cut short later); exit 5 naming the first entry altered,
// inserted or missing otherwise.
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "cli/ledger_cli.hpp"
#include "relance/internal/status_macros.hpp"
#include "store/ledger_json.hpp"

namespace relance::cli {
namespace {

absl::Status RunVerify(const LedgerFlags& flags, Outcome& outcome) {
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(flags, /*create=*/false));
  RELANCE_ASSIGN_OR_RETURN(store::VerifyResult result, ledger.Verify());
  if (flags.json) {
    std::cout << store::VerifyResultToJson(result);
  } else if (result.ok()) {
    std::cout << "journal intact: " << result.entries << " entries, last hash "
              << result.head_hash << "\n";
  }
  if (!result.ok()) {
    std::cerr << "relance: journal altered at entry " << *result.first_altered
              << ": " << result.problem << "\n";
    outcome.exit_code = kExitJournalAltered;
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterVerifyCommand(CLI::App& app, Outcome& outcome) {
  auto flags = std::make_shared<LedgerFlags>();
  CLI::App* command = app.add_subcommand(
      "verify", "Check the journal's hash chain; name the first altered entry");
  AddLedgerFlags(command, *flags);
  OnRun(command, outcome,
        [flags, &outcome] { return RunVerify(*flags, outcome); });
}

}  // namespace relance::cli
