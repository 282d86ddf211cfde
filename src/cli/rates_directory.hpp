// src/cli/rates_directory.hpp
// -----------------------------------------------------------------------------
// The reference rates of the commands that compute penalties (`penalties`,
// `rates`, `evaluate`): the built-in series, extended or replaced by a rates
// directory given by `--rates DIR` or, when that option is absent, by the
// environment variable RELANCE_RATES_DIR (read here, never in the library).
#ifndef RELANCE_CLI_RATES_DIRECTORY_HPP_
#define RELANCE_CLI_RATES_DIRECTORY_HPP_

#include <optional>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "relance/rate_series.hpp"

namespace relance::cli {

inline constexpr char kRatesDirectoryVariable[] = "RELANCE_RATES_DIR";

// Adds `--rates DIR` to `command`.
void AddRatesOption(CLI::App* command, std::string& directory);

// `option` when given, else $RELANCE_RATES_DIR, else "" (none).
std::string RatesDirectory(const std::string& option);

// The built-in series with the rates directory (if any) over them.
// Errors: as LoadRatesDirectory.
[[nodiscard]] absl::StatusOr<ReferenceRates> LoadReferenceRates(
    const std::string& option);

// `status` itself, or, when it is a rate needed beyond a series' last known
// date (RateGapOf), the same error with how to supply the rate: the
// `relance rates add` command lines for that series, up to the later of the
// date asked and `needed_through` (the command's as-of date), the rates
// directory, and --assume-last-rate when `can_assume` (the command has it).
[[nodiscard]] absl::Status WithRateGapHint(const absl::Status& status,
                                           const std::string& option,
                                           std::optional<Date> needed_through,
                                           bool can_assume);

}  // namespace relance::cli

#endif  // RELANCE_CLI_RATES_DIRECTORY_HPP_
