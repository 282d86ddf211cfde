#include "cli/ledger_cli.hpp"

#include <cstdlib>
#include <ctime>
#include <string>

#include "absl/strings/str_cat.h"

namespace relance::cli {

void AddLedgerFlags(CLI::App* command, LedgerFlags& flags) {
  command->add_option(
      "--db", flags.db,
      absl::StrCat("The ledger file (default ", kDefaultLedger, ")"));
  command->add_flag("--json", flags.json, "Print JSON (see docs/ledger.md)");
}

absl::StatusOr<store::Ledger> OpenLedger(const LedgerFlags& flags,
                                         bool create) {
  return store::Ledger::Open(flags.db, create);
}

store::Recording Recorded(std::string_view command) {
  const char* user = std::getenv("USER");
  store::Recording recording{
      .by = absl::StrCat(user != nullptr && *user != '\0' ? user : "relance",
                         " (relance ", std::string(command), ")")};
  if (const char* now = std::getenv("RELANCE_NOW"); now != nullptr) {
    recording.at = now;
    return recording;
  }
  const std::time_t seconds = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  recording.at = text;
  return recording;
}

}  // namespace relance::cli
