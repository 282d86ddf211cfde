// `relance import`: customers, invoices, payments and events into the
// ledger (docs/ledger.md, docs/ledger_files.md).
//
//   relance import customers|invoices|payments FILE.csv [--skip-bad]
//                  [--rejects FILE] [--db FILE] [--json]
//   relance import events FILE.jsonl [...]
//
// Every row is checked first; any bad row refuses the whole file (exit 2,
// every error listed with FILE:LINE:COLUMN), unless --skip-bad: then the
// good rows are imported and the bad ones written to the rejects file
// (FILE.rejected by default), which can be corrected and imported in turn.
// Importing a file again is harmless: rows are identified by their ids.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "cli/ledger_cli.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "store/import_files.hpp"
#include "store/ledger_json.hpp"

namespace relance::cli {
namespace {

struct ImportOptions {
  LedgerFlags ledger;
  std::string file;
  bool skip_bad = false;
  std::string rejects;
};

// Writes `text` to `path` through a temporary file renamed over it: a
// reader never sees half a file.
absl::Status WriteWhole(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      return absl::InvalidArgumentError(absl::StrCat(
          "file ", internal::QuoteForMessage(path), ": cannot be written"));
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return absl::InvalidArgumentError(absl::StrCat(
        "file ", internal::QuoteForMessage(path), ": cannot be written"));
  }
  return absl::OkStatus();
}

absl::StatusOr<store::ImportResult> ImportText(store::Ledger& ledger,
                                               std::string_view what,
                                               const std::string& text,
                                               const std::string& file,
                                               const ImportOptions& options) {
  const store::ImportOptions import{.skip_bad = options.skip_bad};
  const store::Recording recording =
      Recorded(absl::StrCat("import ", std::string(what)));
  if (what == "customers") {
    return ledger.ImportCustomers(store::ParseCustomersCsv(text, file), import,
                                  recording);
  }
  if (what == "invoices") {
    return ledger.ImportInvoices(store::ParseInvoicesCsv(text, file), import,
                                 recording);
  }
  if (what == "payments") {
    return ledger.ImportPayments(store::ParsePaymentsCsv(text, file), import,
                                 recording);
  }
  return ledger.ImportEvents(store::ParseEventsJsonl(text, file), import,
                             recording);
}

absl::Status RunImport(std::string_view what, const ImportOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(std::string text,
                           store::ReadImportFile(options.file));
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(options.ledger, /*create=*/true));
  RELANCE_ASSIGN_OR_RETURN(
      store::ImportResult result,
      ImportText(ledger, what, text, options.file, options));
  const bool refused = !result.errors.empty() && !options.skip_bad;
  std::string rejects_path;
  if (options.skip_bad && !result.rejected_lines.empty()) {
    rejects_path =
        options.rejects.empty() ? options.file + ".rejected" : options.rejects;
    const std::string header = what == "events"
                                   ? std::string()
                                   : std::string(store::CsvHeaderLine(text));
    RELANCE_RETURN_IF_ERROR(WriteWhole(
        rejects_path, store::FormatRejects(header, result.rejected_lines)));
  }
  if (options.ledger.json) {
    std::cout << store::ImportResultToJson(result, what, options.file);
  } else {
    for (const store::RowError& error : result.errors) {
      std::cerr << error.ToString() << "\n";
    }
    std::cout << options.file << ": " << result.rows << " rows, "
              << result.imported << " imported, " << result.unchanged
              << " already in the ledger, " << result.rejected << " rejected";
    if (!rejects_path.empty())
      std::cout << " (written to " << rejects_path << ")";
    std::cout << "\n";
  }
  if (refused) {
    return absl::InvalidArgumentError(absl::StrCat(
        options.file, ": ", result.errors.size(),
        result.errors.size() == 1 ? " error" : " errors",
        ", nothing imported (fix the file, or import the good rows with "
        "--skip-bad)"));
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterImportCommand(CLI::App& app, Outcome& outcome) {
  CLI::App* command = app.add_subcommand(
      "import",
      "Import customers, invoices, payments or events into the ledger");
  command->require_subcommand(1);
  for (const char* what : {"customers", "invoices", "payments", "events"}) {
    auto options = std::make_shared<ImportOptions>();
    CLI::App* sub = command->add_subcommand(
        what, absl::StrCat("Import ", what,
                           std::string_view(what) == "events" ? " (JSON lines)"
                                                              : " (CSV)"));
    sub->add_option("file", options->file, "The file to import")->required();
    sub->add_flag("--skip-bad", options->skip_bad,
                  "Import the good rows; write the bad ones to the rejects "
                  "file");
    sub->add_option("--rejects", options->rejects,
                    "Where --skip-bad writes the rejected rows (default "
                    "FILE.rejected)");
    AddLedgerFlags(sub, options->ledger);
    const std::string name = what;
    OnRun(sub, outcome, [name, options] { return RunImport(name, *options); });
  }
}

}  // namespace relance::cli
