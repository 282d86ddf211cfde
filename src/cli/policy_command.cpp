// `relance policy`: check a collection policy and draw its lifecycle.
//
//   relance policy check FILE [--json]
//                                 validates FILE and prints its ladders
//   relance policy graph FILE     Graphviz dot: the invoice lifecycle and the
//                                 policy's ladders
#include <iostream>
#include <memory>
#include <string>

#include "cli/cli.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/policy.hpp"
#include "relance/policy_graph.hpp"

namespace relance::cli {
namespace {

absl::Status Check(const std::string& path, bool json) {
  absl::StatusOr<Policy> policy = Policy::FromFile(path);
  if (json) {
    // One document whatever the outcome, so that a script reads stdout only;
    // the exit code and the line on stderr stay those of any error.
    nlohmann::ordered_json result = {{"ok", policy.ok()}, {"file", path}};
    if (policy.ok()) {
      result["policy"] = nlohmann::ordered_json::parse(policy->SummaryJson());
    } else {
      result["error"] = ErrorJson(policy.status());
    }
    PrintJson(result);
  }
  if (!policy.ok()) return policy.status();
  if (!json) {
    std::cout << path << ": valid policy " << policy->Label() << "\n"
              << policy->LadderTable();
  }
  return absl::OkStatus();
}

// The lifecycle digraph with the policy's ladders (relance/policy_graph.hpp).
absl::Status Graph(const std::string& path) {
  RELANCE_ASSIGN_OR_RETURN(Policy policy, Policy::FromFile(path));
  std::cout << PolicyGraphDot(policy);
  return absl::OkStatus();
}

}  // namespace

void RegisterPolicyCommand(CLI::App& app, Outcome& outcome) {
  CLI::App* command =
      app.add_subcommand("policy", "Check a collection policy or draw it");
  command->require_subcommand(1);
  auto check_file = std::make_shared<std::string>();
  CLI::App* check = command->add_subcommand(
      "check", "Validate a policy file and print its ladders");
  check->add_option("file", *check_file, "Policy JSON file")->required();
  auto check_json = std::make_shared<bool>(false);
  check->add_flag("--json", *check_json, "Print JSON (see docs/cli.md)");
  OnRun(check, outcome,
        [check_file, check_json] { return Check(*check_file, *check_json); });
  auto graph_file = std::make_shared<std::string>();
  CLI::App* graph = command->add_subcommand(
      "graph", "Print the lifecycle and the policy's ladders as Graphviz dot");
  graph->add_option("file", *graph_file, "Policy JSON file")->required();
  OnRun(graph, outcome, [graph_file] { return Graph(*graph_file); });
}

}  // namespace relance::cli
