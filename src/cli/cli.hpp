// src/cli/cli.hpp
// -----------------------------------------------------------------------------
// Shared plumbing of the `relance` command: how subcommands register, report
// errors and print JSON. Each subcommand lives in its own <name>_command.cpp.
//
// Exit codes (stable, documented in docs/cli.md):
//   0  success
//   2  bad input: a malformed argument, file or value (message on stderr)
//   3  a well-formed request the data cannot answer (unknown code, beyond
//      known reference data)
#ifndef RELANCE_CLI_CLI_HPP_
#define RELANCE_CLI_CLI_HPP_

#include <functional>
#include <string>
#include <string_view>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace relance::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitNotAnswerable = 3;

// The exit code a subcommand's action sets; main() returns it.
struct Outcome {
  int exit_code = kExitOk;
};

// Prints "relance: <message>" on stderr and returns the exit code for it:
// kExitBadInput for kInvalidArgument (and file errors), kExitNotAnswerable
// for kNotFound / kOutOfRange / kFailedPrecondition.
int ReportError(const absl::Status& status);

// Prints `json` on stdout, indented by two spaces, with a final newline.
void PrintJson(const nlohmann::ordered_json& json);

// Makes `run` the action of `command`: an error status is reported on
// stderr and becomes the process's exit code (see ReportError).
void OnRun(CLI::App* command, Outcome& outcome,
           std::function<absl::Status()> run);

// Reads a whole file. Errors: kInvalidArgument naming the path when it cannot
// be opened or read.
[[nodiscard]] absl::StatusOr<std::string> ReadFile(const std::string& path);

// Subcommand registration, one per file.
void RegisterCalendarCommand(CLI::App& app, Outcome& outcome);
void RegisterTermsCommand(CLI::App& app, Outcome& outcome);
void RegisterPenaltiesCommand(CLI::App& app, Outcome& outcome);
void RegisterPolicyCommand(CLI::App& app, Outcome& outcome);
void RegisterEvaluateCommand(CLI::App& app, Outcome& outcome);

}  // namespace relance::cli

#endif  // RELANCE_CLI_CLI_HPP_
