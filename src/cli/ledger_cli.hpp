// src/cli/ledger_cli.hpp
// -----------------------------------------------------------------------------
// What the ledger commands (`import`, `run`, `record`, `history`, `report`,
// `status`, `verify`) share: the `--db` and `--json` flags, opening the
// ledger, and who and when a fact is recorded.
#ifndef RELANCE_CLI_LEDGER_CLI_HPP_
#define RELANCE_CLI_LEDGER_CLI_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "relance/policy.hpp"
#include "store/ledger.hpp"

namespace relance::cli {

// The ledger used when --db is not given, in the working directory.
inline constexpr char kDefaultLedger[] = "relance.db";

struct LedgerFlags {
  std::string db = kDefaultLedger;
  bool json = false;
};

// Adds --db FILE and --json to `command`.
void AddLedgerFlags(CLI::App* command, LedgerFlags& flags);

// Opens the ledger of `flags` (creating it when `create`; the commands that
// only read refuse a missing file: a mistyped --db must not leave an empty
// ledger behind).
[[nodiscard]] absl::StatusOr<store::Ledger> OpenLedger(const LedgerFlags& flags,
                                                       bool create);

// The policies of `--policy-for JURISDICTION=FILE` options ("GB=uk.json"):
// customers of that jurisdiction (customers.csv) are evaluated under FILE.
// Errors: kInvalidArgument naming the option for a malformed value, a
// jurisdiction given twice, or a policy file that does not read.
[[nodiscard]] absl::StatusOr<std::vector<store::JurisdictionPolicy>>
LoadJurisdictionPolicies(const std::vector<std::string>& options,
                         const PolicyPenaltyOptions& penalty_options);

// The policies a command that reads the ledger evaluates with: --policy
// FILE and its --policy-for options, or, without --policy, the last run's
// (its policy and its jurisdictions' policies, as recorded).
struct RunPolicies {
  Policy policy;
  std::vector<store::JurisdictionPolicy> by_jurisdiction = {};
};
// Errors: those of reading the files (kInvalidArgument naming the file),
// `<command>: --policy-for needs --policy`, `<command>: no run yet, so no
// policy to compute penalties with: give --policy FILE`.
[[nodiscard]] absl::StatusOr<RunPolicies> PoliciesOrLastRun(
    const store::Ledger& ledger, const std::string& policy_file,
    const std::vector<std::string>& policy_for,
    const PolicyPenaltyOptions& penalty_options, std::string_view command);

// Adds the repeatable --policy-for option to `command`.
void AddPolicyForOption(CLI::App* command, std::vector<std::string>& options);

// Who records a fact and when: `$USER` (or "relance") and the command, and
// the machine's UTC time, `2026-03-31T07:00:00Z` — or the value of the
// environment variable RELANCE_NOW when set (reproducible demos and tests).
store::Recording Recorded(std::string_view command);

}  // namespace relance::cli

#endif  // RELANCE_CLI_LEDGER_CLI_HPP_
