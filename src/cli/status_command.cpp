// `relance status`: what the ledger holds, and its last run.
//
//   relance status [--db FILE] [--json]
//
// Counts of customers, invoices, payments, journal entries and actions
// (planned, done), invoices per state and per last level as the last run
// left them, and that run's date and policy.
#include <iostream>
#include <memory>

#include "cli/cli.hpp"
#include "cli/ledger_cli.hpp"
#include "relance/internal/status_macros.hpp"
#include "store/ledger_json.hpp"

namespace relance::cli {
namespace {

absl::Status RunStatus(const LedgerFlags& flags) {
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(flags, /*create=*/false));
  RELANCE_ASSIGN_OR_RETURN(store::LedgerStatus status, ledger.Status());
  if (flags.json) {
    std::cout << store::StatusToJson(status);
    return absl::OkStatus();
  }
  std::cout << "ledger " << ledger.path() << " (schema version "
            << status.schema_version << ")\n"
            << "  " << status.customers << " customers, " << status.invoices
            << " invoices, " << status.payments << " payments, "
            << status.journal_entries << " journal entries\n"
            << "  actions: " << status.actions_planned << " planned, "
            << status.actions_done << " done\n";
  if (!status.last_run_id) {
    std::cout << "  no run yet\n";
    return absl::OkStatus();
  }
  std::cout << "  last run: " << *status.last_run_id << ", as of "
            << FormatDate(*status.last_run_as_of) << ", policy "
            << status.last_run_policy << "\n  invoices per state:";
  for (const auto& [state, count] : status.invoices_per_state) {
    std::cout << " " << state << " " << count << ";";
  }
  std::cout << "\n  invoices per last level sent:";
  for (const auto& [level, count] : status.invoices_per_level) {
    std::cout << " " << (level.empty() ? "none" : level) << " " << count << ";";
  }
  std::cout << "\n";
  return absl::OkStatus();
}

}  // namespace

void RegisterStatusCommand(CLI::App& app, Outcome& outcome) {
  auto flags = std::make_shared<LedgerFlags>();
  CLI::App* command =
      app.add_subcommand("status", "What the ledger holds, and its last run");
  AddLedgerFlags(command, *flags);
  OnRun(command, outcome, [flags] { return RunStatus(*flags); });
}

}  // namespace relance::cli
