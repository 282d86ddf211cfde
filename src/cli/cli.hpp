// src/cli/cli.hpp
// -----------------------------------------------------------------------------
// Shared plumbing of the `relance` command: how subcommands register, report
// errors and print JSON. Each subcommand lives in its own <name>_command.cpp.
//
// Exit codes (stable, documented in docs/cli.md), decided by the cause that
// the library's status code carries (see ExitCodeFor):
//   0  success
//   1  an internal error: a bug in relance (please report it)
//   2  bad input: a malformed or out-of-bound argument, file or value,
//      an unknown option (message on stderr)
//   3  a well-formed request the data cannot answer: an unknown calendar,
//      preset, series, ladder or segment, a date beyond known reference data,
//      an event impossible in the invoice's state
//   4  the ledger is in use by another relance process (nothing was done)
//   5  `relance verify`: the journal was altered
#ifndef RELANCE_CLI_CLI_HPP_
#define RELANCE_CLI_CLI_HPP_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace relance::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternalError = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitNotAnswerable = 3;
// The ledger is being written by another relance process: try again.
inline constexpr int kExitLedgerBusy = 4;
// `relance verify`: the journal's hash chain does not hold.
inline constexpr int kExitJournalAltered = 5;

// The exit code a subcommand's action sets; main() returns it.
struct Outcome {
  int exit_code = kExitOk;
};

// The largest input file relance reads: 16 MiB. A policy, case, calendar,
// rule or rate series is a few kilobytes; the limit keeps a wrong path (a
// log, a disk image) from being read into memory.
inline constexpr int64_t kMaxInputFileBytes = int64_t{16} << 20;

// The exit code for an error, by the cause its code stands for in the
// library (one table, DESIGN.md "Errors are values"):
//   kInvalidArgument (malformed or out-of-bound input),
//   kFailedPrecondition (facts that contradict each other: an
//   event the state does not allow)                          -> kExitBadInput
//   kNotFound (an id not in the reference data),
//   kOutOfRange (beyond known reference data)                -> 3
//   kUnavailable (another process holds the ledger)          -> 4
//   kDataLoss (not a ledger, a damaged one),
//   kUnimplemented (a PDF in a build without PDF support)    -> 2
//   anything else (kInternal...: a bug)                      -> 1
int ExitCodeFor(absl::StatusCode code);

// Prints "relance: <message>" on stderr (one line) and returns
// ExitCodeFor(status.code()).
int ReportError(const absl::Status& status);

// An error as JSON, for commands that report errors in their --json output:
// {"message": "<as on stderr, without \"relance: \">", "code":
// "invalid_argument" (the status code's name in snake case), "exit_code": 2}.
nlohmann::ordered_json ErrorJson(const absl::Status& status);

// Prints `json` on stdout, indented by two spaces, with a final newline.
void PrintJson(const nlohmann::ordered_json& json);

// Makes `run` the action of `command`: an error status is reported on
// stderr and becomes the process's exit code (see ReportError).
void OnRun(CLI::App* command, Outcome& outcome,
           std::function<absl::Status()> run);

// Reads a whole input file. Only a regular file of at most
// kMaxInputFileBytes is read: a directory, a FIFO, a device (/dev/zero) or a
// socket is refused before anything is read, as is a larger file, and
// opening never blocks (a FIFO without a writer). Errors: kInvalidArgument
// `file "<path>": <why>` (the path quoted as in every message).
[[nodiscard]] absl::StatusOr<std::string> ReadFile(const std::string& path);

// `status` with its message prefixed by the file it is about:
// `<path>: <message>`, the code kept. The path is shown as given when it is
// short printable text without quotes or spaces, quoted otherwise.
[[nodiscard]] absl::Status InFile(const std::string& path,
                                  const absl::Status& status);

// Writes `text` to `path` whole or not at all: into `<path>.tmp`, renamed
// over `path` once written (an existing file is replaced). Errors:
// kInvalidArgument `file "<path>": cannot be written`.
[[nodiscard]] absl::Status WriteOutputFile(const std::string& path,
                                           std::string_view text);

// Subcommand registration, one per file.
void RegisterCalendarCommand(CLI::App& app, Outcome& outcome);
void RegisterTermsCommand(CLI::App& app, Outcome& outcome);
void RegisterPenaltiesCommand(CLI::App& app, Outcome& outcome);
void RegisterPolicyCommand(CLI::App& app, Outcome& outcome);
void RegisterEvaluateCommand(CLI::App& app, Outcome& outcome);
void RegisterImportCommand(CLI::App& app, Outcome& outcome);
void RegisterRunCommand(CLI::App& app, Outcome& outcome);
void RegisterLetterCommand(CLI::App& app, Outcome& outcome);
void RegisterDossierCommand(CLI::App& app, Outcome& outcome);
void RegisterRecordCommand(CLI::App& app, Outcome& outcome);
void RegisterHistoryCommand(CLI::App& app, Outcome& outcome);
void RegisterReportCommand(CLI::App& app, Outcome& outcome);
void RegisterStatusCommand(CLI::App& app, Outcome& outcome);
void RegisterVerifyCommand(CLI::App& app, Outcome& outcome);
void RegisterEInvoiceCommand(CLI::App& app, Outcome& outcome);

// Reads an e-invoice file (XML, PDF or a lifecycle message): as ReadFile,
// with the limit of a PDF (kMaxEInvoicePdfBytes, 64 MiB).
[[nodiscard]] absl::StatusOr<std::string> ReadEInvoiceFileBytes(
    const std::string& path);

}  // namespace relance::cli

#endif  // RELANCE_CLI_CLI_HPP_
