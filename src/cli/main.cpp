// The `relance` command: a thin shell over the library. See docs/cli.md.

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/cli.hpp"
#include "relance/internal/file_reader.hpp"
#include "relance/internal/quote.hpp"
#include "relance/version.hpp"

namespace relance::cli {

using internal::QuoteForMessage;

int ExitCodeFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return kExitOk;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
      return kExitBadInput;
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kOutOfRange:
      return kExitNotAnswerable;
    case absl::StatusCode::kUnavailable:
      return kExitLedgerBusy;
    case absl::StatusCode::kDataLoss:
    // A file this build cannot read (a PDF, built without RELANCE_WITH_PDF).
    case absl::StatusCode::kUnimplemented:
      return kExitBadInput;
    default:
      return kExitInternalError;
  }
}

int ReportError(const absl::Status& status) {
  const int exit_code = ExitCodeFor(status.code());
  std::cerr << "relance: "
            << (exit_code == kExitInternalError ? "internal error: " : "")
            << status.message() << "\n";
  return exit_code;
}

void OnRun(CLI::App* command, Outcome& outcome,
           std::function<absl::Status()> run) {
  command->callback([&outcome, run = std::move(run)] {
    const absl::Status status = run();
    if (!status.ok()) outcome.exit_code = ReportError(status);
  });
}

nlohmann::ordered_json ErrorJson(const absl::Status& status) {
  std::string code = absl::StatusCodeToString(status.code());
  for (char& c : code) {
    c = c == ' ' ? '_' : static_cast<char>(std::tolower(c));
  }
  return {{"message", std::string(status.message())},
          {"code", code},
          {"exit_code", ExitCodeFor(status.code())}};
}

void PrintJson(const nlohmann::ordered_json& json) {
  // Text from files (names, templates) is not trusted to be UTF-8: replace
  // rather than throw.
  std::cout << json.dump(2, ' ', false,
                         nlohmann::ordered_json::error_handler_t::replace)
            << "\n";
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  // The library's reader, with the same limit (kMaxInputFileBytes).
  static_assert(kMaxInputFileBytes == internal::kMaxConfigFileBytes);
  return internal::ReadConfigFile(path);
}

absl::Status InFile(const std::string& path, const absl::Status& status) {
  return internal::InConfigFile(path, status);
}

absl::Status WriteOutputFile(const std::string& path, std::string_view text) {
  const std::string temporary = path + ".tmp";
  const auto cannot = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "file ", internal::QuoteForMessage(path), ": cannot be written"));
  };
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      return cannot();
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return cannot();
  }
  return absl::OkStatus();
}

// CLI11's own errors (unknown option, missing value, not an integer) in the
// shape of every other message: one line, `relance: <command>: <why>`.
std::string DescribeParseError(const CLI::App& app,
                               const CLI::ParseError& error) {
  // The deepest subcommand parsed so far names where the error is.
  const CLI::App* command = &app;
  std::string where;
  while (!command->get_subcommands().empty()) {
    command = command->get_subcommands().front();
    absl::StrAppend(&where, where.empty() ? "" : " ", command->get_name());
  }
  const std::string help = absl::StrCat(
      " (see relance", where.empty() ? "" : " ", where, " --help)");
  const std::string prefix = where.empty() ? "" : absl::StrCat(where, ": ");
  const std::string_view what = error.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    std::vector<std::string> extras = command->remaining(false);
    if (extras.empty()) extras.emplace_back(what);
    const std::string& first = extras.front();
    const bool is_option = first.size() > 1 && first[0] == '-';
    std::string text = absl::StrCat(
        prefix, is_option ? "unknown option " : "unexpected argument ",
        QuoteForMessage(first));
    if (extras.size() > 1) {
      absl::StrAppend(&text, " (and ", extras.size() - 1, " more)");
    }
    return text + help;
  }
  if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr) {
    // "Could not convert: --year = twenty"
    constexpr std::string_view kStart = "Could not convert: ";
    const size_t equals = what.find(" = ");
    if (what.starts_with(kStart) && equals != std::string_view::npos) {
      const std::string_view option =
          what.substr(kStart.size(), equals - kStart.size());
      return absl::StrCat(prefix, std::string(option),
                          ": expected a whole number, got ",
                          QuoteForMessage(what.substr(equals + 3)), help);
    }
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr &&
      what.ends_with(" missing") && what.find(": ") != std::string_view::npos) {
    // "--year: 1 required INT missing"
    return absl::StrCat(prefix, std::string(what.substr(0, what.find(": "))),
                        ": expected a value after it", help);
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr &&
      what == "A subcommand is required") {
    std::vector<std::string> names;
    for (const CLI::App* sub :
         command->get_subcommands(std::function<bool(const CLI::App*)>{})) {
      names.push_back(sub->get_name());
    }
    const std::vector<std::string> extras = command->remaining(false);
    if (!extras.empty() && !extras.front().starts_with("-")) {
      return absl::StrCat(prefix, "unknown command ",
                          QuoteForMessage(extras.front()), "; give one of ",
                          absl::StrJoin(names, ", "), help);
    }
    return absl::StrCat(prefix, "give a command: ", absl::StrJoin(names, ", "),
                        help);
  }
  // Other messages name options, not values; still, never print a control
  // character or an unbounded text.
  constexpr size_t kMaxMessageCharacters = 400;
  std::string text = QuoteForMessage(what, kMaxMessageCharacters);
  const bool cut = text.back() != '"';
  text = text.substr(1, text.rfind('"') - 1);
  if (cut) text += "...";
  return absl::StrCat(prefix, text, help);
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
  RegisterImportCommand(app, outcome);
  RegisterRunCommand(app, outcome);
  RegisterLetterCommand(app, outcome);
  RegisterDossierCommand(app, outcome);
  RegisterRecordCommand(app, outcome);
  RegisterHistoryCommand(app, outcome);
  RegisterReportCommand(app, outcome);
  RegisterStatusCommand(app, outcome);
  RegisterVerifyCommand(app, outcome);
  RegisterEInvoiceCommand(app, outcome);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "relance: " << DescribeParseError(app, e) << "\n";
    return kExitBadInput;
  }
  return outcome.exit_code;
}
