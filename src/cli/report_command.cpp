// `relance report aging`: the receivables by age, from the ledger.
//
//   relance report aging --as-of DATE [--by customer] [--csv | --json]
//                        [--svg FILE] [--policy FILE [--policy-for J=FILE]]
//                        [--rates DIR]
//                        [--assume-last-rate] [--db FILE]
//
// Buckets (not due, 1-30, 31-60, 61-90, over 90 days past due), overdue
// totals per currency, DSO and penalties accrued (docs/aging.md). Each
// customer is evaluated as of DATE under the policy (by default the last
// run's, with its jurisdictions' policies), nothing written. --svg also writes
// the chart.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "cli/ledger_cli.hpp"
#include "cli/rates_directory.hpp"
#include "relance/internal/status_macros.hpp"
#include "store/aging.hpp"

namespace relance::cli {
namespace {

struct ReportOptions {
  LedgerFlags ledger;
  std::string as_of;
  std::string by;
  bool csv = false;
  std::string svg;
  std::string policy;
  std::vector<std::string> policy_for;
  std::string rates_directory;
  bool assume_last_rate = false;
};

absl::Status RunAging(const ReportOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(Date as_of, ParseDate(options.as_of));
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(options.ledger, /*create=*/false));
  PolicyPenaltyOptions penalty_options{.assume_last_rate =
                                           options.assume_last_rate};
  RELANCE_ASSIGN_OR_RETURN(penalty_options.rates,
                           LoadReferenceRates(options.rates_directory));
  RELANCE_ASSIGN_OR_RETURN(
      RunPolicies policies,
      PoliciesOrLastRun(ledger, options.policy, options.policy_for,
                        penalty_options, "report aging"));
  std::vector<std::pair<std::string, absl::Status>> failed;
  RELANCE_ASSIGN_OR_RETURN(std::vector<store::AgingInvoice> invoices,
                           ledger.AgingInvoices(policies.policy, as_of, &failed,
                                                policies.by_jurisdiction));
  for (const auto& [customer, status] : failed) {
    std::cerr << "relance: warning: customer " << customer
              << " left out: " << status.message() << "\n";
  }
  RELANCE_ASSIGN_OR_RETURN(
      store::AgingReport report,
      store::ComputeAging(invoices, as_of,
                          {.by_customer = options.by == "customer"}));
  if (!options.svg.empty()) {
    RELANCE_RETURN_IF_ERROR(
        WriteOutputFile(options.svg, store::AgingToSvg(report)));
  }
  if (options.ledger.json) {
    std::cout << store::AgingToJson(report);
  } else if (options.csv) {
    std::cout << store::AgingToCsv(report);
  } else {
    std::cout << store::AgingToText(report);
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterReportCommand(CLI::App& app, Outcome& outcome) {
  CLI::App* command = app.add_subcommand("report", "Reports over the ledger");
  command->require_subcommand(1);
  auto options = std::make_shared<ReportOptions>();
  CLI::App* aging = command->add_subcommand(
      "aging", "Receivables by age: buckets, overdue totals, DSO, penalties");
  aging->add_option("--as-of", options->as_of, "Date of the report")
      ->required();
  aging->add_option("--by", options->by, "customer: one table per customer")
      ->check(CLI::IsMember({"customer"}));
  CLI::Option* csv = aging->add_flag("--csv", options->csv, "Print CSV");
  aging->add_option("--svg", options->svg, "Also write the chart to FILE");
  aging->add_option("--policy", options->policy,
                    "Policy JSON file for penalties (default: the last "
                    "run's)");
  AddPolicyForOption(aging, options->policy_for);
  AddRatesOption(aging, options->rates_directory);
  aging->add_flag("--assume-last-rate", options->assume_last_rate,
                  "Penalties beyond a series' last known date carry its last "
                  "rate forward (flagged) instead of failing");
  AddLedgerFlags(aging, options->ledger);
  aging->get_option("--json")->excludes(csv);
  OnRun(aging, outcome, [options] { return RunAging(*options); });
}

}  // namespace relance::cli
