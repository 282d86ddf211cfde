// src/cli/ledger_cli.hpp
// -----------------------------------------------------------------------------
// What the ledger commands (`import`, `run`, `record`, `history`, `report`,
// `status`, `verify`) share: the `--db` and `--json` flags, opening the
// ledger, and who and when a fact is recorded.
#ifndef RELANCE_CLI_LEDGER_CLI_HPP_
#define RELANCE_CLI_LEDGER_CLI_HPP_

#include <string>
#include <string_view>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
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

// Who records a fact and when: `$USER` (or "relance") and the command, and
// the machine's UTC time, `2026-03-31T07:00:00Z` — or the value of the
// environment variable RELANCE_NOW when set (reproducible demos and tests).
store::Recording Recorded(std::string_view command);

}  // namespace relance::cli

#endif  // RELANCE_CLI_LEDGER_CLI_HPP_
