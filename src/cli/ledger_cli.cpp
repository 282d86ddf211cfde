#include "cli/ledger_cli.hpp"

#include <cctype>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

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

absl::StatusOr<RunPolicies> PoliciesOrLastRun(
    const store::Ledger& ledger, const std::string& policy_file,
    const std::vector<std::string>& policy_for,
    const PolicyPenaltyOptions& penalty_options, std::string_view command) {
  std::string policy_text;
  std::string policy_name = policy_file;
  std::vector<store::JurisdictionPolicy> by_jurisdiction;
  if (!policy_file.empty()) {
    RELANCE_ASSIGN_OR_RETURN(policy_text, ReadFile(policy_file));
    RELANCE_ASSIGN_OR_RETURN(
        by_jurisdiction, LoadJurisdictionPolicies(policy_for, penalty_options));
  } else {
    if (!policy_for.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(std::string(command), ": --policy-for needs --policy"));
    }
    RELANCE_ASSIGN_OR_RETURN(std::optional<store::Ledger::RunPolicyTexts> last,
                             ledger.LastRunPolicies());
    if (!last) {
      return absl::InvalidArgumentError(absl::StrCat(
          std::string(command),
          ": no run yet, so no policy to compute penalties with: give "
          "--policy FILE"));
    }
    policy_text = std::move(last->policy);
    policy_name = "the last run's policy";
    for (auto& [jurisdiction, text] : last->by_jurisdiction) {
      absl::StatusOr<Policy> own = Policy::FromJson(text, penalty_options);
      if (!own.ok()) {
        return InFile(absl::StrCat("the last run's policy for ", jurisdiction),
                      own.status());
      }
      by_jurisdiction.push_back({.jurisdiction = jurisdiction,
                                 .policy = *std::move(own),
                                 .text = std::move(text)});
    }
  }
  absl::StatusOr<Policy> policy =
      Policy::FromJson(policy_text, penalty_options);
  if (!policy.ok()) return InFile(policy_name, policy.status());
  return RunPolicies{.policy = *std::move(policy),
                     .by_jurisdiction = std::move(by_jurisdiction)};
}

void AddPolicyForOption(CLI::App* command, std::vector<std::string>& options) {
  command->add_option("--policy-for", options,
                      "JURISDICTION=FILE: customers of that jurisdiction "
                      "(customers.csv) under that policy; repeatable");
}

absl::StatusOr<std::vector<store::JurisdictionPolicy>> LoadJurisdictionPolicies(
    const std::vector<std::string>& options,
    const PolicyPenaltyOptions& penalty_options) {
  std::vector<store::JurisdictionPolicy> policies;
  for (const std::string& option : options) {
    const size_t equals = option.find('=');
    if (equals == std::string::npos || equals + 1 == option.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--policy-for: expected JURISDICTION=FILE (\"GB=uk.json\"), got ",
          internal::QuoteForMessage(option)));
    }
    const std::string jurisdiction = option.substr(0, equals);
    if (absl::Status status =
            store::CheckNewJurisdiction(policies, jurisdiction);
        !status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--policy-for: ", std::string(status.message())));
    }
    const std::string path = option.substr(equals + 1);
    absl::StatusOr<std::string> text = ReadFile(path);
    if (!text.ok()) return text.status();
    absl::StatusOr<Policy> policy = Policy::FromJson(*text, penalty_options);
    if (!policy.ok()) return InFile(path, policy.status());
    policies.push_back({.jurisdiction = jurisdiction,
                        .policy = *std::move(policy),
                        .text = *std::move(text)});
  }
  return policies;
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
