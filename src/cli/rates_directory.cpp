#include "cli/rates_directory.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace relance::cli {

void AddRatesOption(CLI::App* command, std::string& directory) {
  command->add_option(
      "--rates", directory,
      absl::StrCat("A rates directory extending or replacing the built-in "
                   "series (docs/penalties.md); default: $",
                   kRatesDirectoryVariable));
}

std::string RatesDirectory(const std::string& option) {
  if (!option.empty()) return option;
  const char* variable = std::getenv(kRatesDirectoryVariable);
  return variable == nullptr ? std::string() : std::string(variable);
}

absl::StatusOr<ReferenceRates> LoadReferenceRates(const std::string& option) {
  const std::string directory = RatesDirectory(option);
  if (directory.empty()) return ReferenceRates::Builtin();
  return LoadRatesDirectory(directory);
}

absl::Status WithRateGapHint(const absl::Status& status,
                             const std::string& option,
                             std::optional<Date> needed_through,
                             bool can_assume) {
  const std::optional<RateGap> gap = RateGapOf(status);
  if (!gap.has_value()) return status;
  const std::string directory = RatesDirectory(option);
  const std::string where =
      directory.empty()
          ? absl::StrCat("--rates DIR (or ", kRatesDirectoryVariable,
                         "=DIR in the environment)")
          : absl::StrCat("--rates ", directory);
  const std::string through =
      FormatDate(std::max(gap->date, needed_through.value_or(gap->date)));
  std::string hint = absl::StrCat(
      "\n  supply the ", gap->series, " rate for ", FormatDate(gap->date),
      " (known up to ", FormatDate(gap->last_known_date),
      "): record each change published since, e.g.\n    relance rates add ",
      gap->series, " --from YYYY-MM-DD --rate R% --last-known ", through, " ",
      where, "\n  or, if the publisher confirmed no change up to ", through,
      ":\n    relance rates add ", gap->series, " --last-known ", through, " ",
      where);
  if (can_assume) {
    absl::StrAppend(&hint, "\n  or pass --assume-last-rate to carry ",
                    gap->last_known_rate.ToString(),
                    " forward (every figure so computed is flagged)");
  }
  absl::Status with_hint(status.code(), absl::StrCat(status.message(), hint));
  status.ForEachPayload(
      [&with_hint](absl::string_view url, const absl::Cord& payload) {
        with_hint.SetPayload(url, payload);
      });
  return with_hint;
}

}  // namespace relance::cli
