// The `relance` command: a thin shell over the library. See docs/cli.md.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli.hpp"
#include "relance/version.hpp"

namespace relance::cli {

int ReportError(const absl::Status& status) {
  std::cerr << "relance: " << status.message() << "\n";
  switch (status.code()) {
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kFailedPrecondition:
      return kExitNotAnswerable;
    default:
      return kExitBadInput;
  }
}

void OnRun(CLI::App* command, Outcome& outcome,
           std::function<absl::Status()> run) {
  command->callback([&outcome, run = std::move(run)] {
    const absl::Status status = run();
    if (!status.ok()) outcome.exit_code = ReportError(status);
  });
}

void PrintJson(const nlohmann::ordered_json& json) {
  std::cout << json.dump(2) << "\n";
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return absl::InvalidArgumentError("cannot open file \"" + path + "\"");
  }
  std::ostringstream contents;
  contents << file.rdbuf();
  if (file.bad()) {
    return absl::InvalidArgumentError("cannot read file \"" + path + "\"");
  }
  return contents.str();
}

}  // namespace relance::cli

int main(int argc, char** argv) {
  using namespace relance::cli;
  CLI::App app{
      "relance: receivables collection engine (payment terms, late-payment "
      "penalties, dunning)",
      "relance"};
  app.set_version_flag("--version",
                       std::string("relance ") + relance::kVersionString);
  app.require_subcommand(1);
  Outcome outcome;
  RegisterCalendarCommand(app, outcome);
  RegisterTermsCommand(app, outcome);
  RegisterPenaltiesCommand(app, outcome);
  RegisterPolicyCommand(app, outcome);
  RegisterEvaluateCommand(app, outcome);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "relance: " << e.what() << "\n"
              << "Run with --help for usage.\n";
    return kExitBadInput;
  }
  return outcome.exit_code;
}
