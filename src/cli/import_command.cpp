// `relance import`: customers, invoices, payments and events into the
// ledger (docs/ledger.md, docs/ledger_files.md).
//
//   relance import customers|invoices|payments FILE.csv [--skip-bad]
//                  [--rejects FILE] [--db FILE] [--json]
//   relance import events FILE.jsonl [...]
//   relance import einvoice FILE... [--customer ID] [--default-terms TEXT]
//                  [--skip-bad] [--db FILE] [--json]
//   relance import statuses FILE... [--payment-transit-days N] [--skip-bad]
//                  [--db FILE] [--json]
//
// Every row is checked first; any bad row refuses the whole file (exit 2,
// every error listed with FILE:LINE:COLUMN), unless --skip-bad: then the
// good rows are imported and the bad ones written to the rejects file
// (FILE.rejected by default), which can be corrected and imported in turn.
// Importing a file again is harmless: rows are identified by their ids.
// E-invoices (XML or Factur-X PDF) and lifecycle statuses (CDAR) are read
// whole (store/ledger.hpp: ImportEInvoices, ImportStatuses); a bad file
// refuses them all unless --skip-bad, which imports the others (there is no
// rejects file: the files are as received).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "cli/ledger_cli.hpp"
#include "cli/rates_directory.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/policy.hpp"
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

absl::Status RunImport(std::string_view what, const ImportOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(std::string text,
                           store::ReadImportFile(options.file));
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(options.ledger, /*create=*/true));
  RELANCE_ASSIGN_OR_RETURN(
      store::ImportResult result,
      store::ImportFileText(
          ledger, what, text, options.file,
          store::EInvoiceImportOptions{.skip_bad = options.skip_bad},
          Recorded(absl::StrCat("import ", std::string(what)))));
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

struct EInvoiceImportFlags {
  LedgerFlags ledger;
  std::vector<std::string> files;
  std::string policy;  // its default_terms, unless --default-terms
  store::EInvoiceImportOptions import;
};

// The terms that apply to an invoice giving neither a due date nor terms:
// --default-terms, else the default_terms of --policy, else those of the
// ledger's last run's policy ("" when none gives any).
absl::StatusOr<std::string> DefaultTerms(const EInvoiceImportFlags& flags,
                                         const store::Ledger& ledger) {
  if (!flags.import.default_terms.empty()) return flags.import.default_terms;
  std::string text;
  std::string name = flags.policy;
  if (!flags.policy.empty()) {
    RELANCE_ASSIGN_OR_RETURN(text, ReadFile(flags.policy));
  } else {
    RELANCE_ASSIGN_OR_RETURN(std::optional<store::Ledger::RunPolicyTexts> last,
                             ledger.LastRunPolicies());
    if (!last) return std::string();
    text = std::move(last->policy);
    name = "the last run's policy";
  }
  PolicyPenaltyOptions penalty_options;
  RELANCE_ASSIGN_OR_RETURN(penalty_options.rates,
                           LoadReferenceRates(RatesDirectory("")));
  absl::StatusOr<Policy> policy = Policy::FromJson(text, penalty_options);
  if (!policy.ok()) return InFile(name, policy.status());
  return policy->default_terms();
}

absl::Status RunEInvoiceImport(std::string_view what,
                               EInvoiceImportFlags flags) {
  std::vector<store::EInvoiceFileText> files;
  for (const std::string& path : flags.files) {
    RELANCE_ASSIGN_OR_RETURN(std::string bytes, ReadEInvoiceFileBytes(path));
    files.push_back({.name = path, .bytes = std::move(bytes)});
  }
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(flags.ledger, /*create=*/true));
  if (what == "einvoice") {
    RELANCE_ASSIGN_OR_RETURN(flags.import.default_terms,
                             DefaultTerms(flags, ledger));
  }
  const store::Recording recording =
      Recorded(absl::StrCat("import ", std::string(what)));
  absl::StatusOr<store::ImportResult> imported =
      what == "einvoice"
          ? ledger.ImportEInvoices(files, flags.import, recording)
          : ledger.ImportStatuses(files, flags.import, recording);
  if (!imported.ok()) return imported.status();
  const store::ImportResult& result = *imported;
  const std::string named = files.size() == 1
                                ? files.front().name
                                : absl::StrCat(files.size(), " files");
  const bool refused = !result.errors.empty() && !flags.import.skip_bad;
  if (flags.ledger.json) {
    std::cout << store::ImportResultToJson(result, what, named);
  } else {
    for (const store::RowError& error : result.errors) {
      std::cerr << error.ToString() << "\n";
    }
    for (const std::string& note : result.notes) std::cout << note << "\n";
    std::cout << named << ": " << result.rows
              << (what == "einvoice" ? " documents, " : " statuses, ")
              << result.imported << " imported, " << result.unchanged
              << " already in the ledger, " << result.rejected << " rejected\n";
  }
  if (refused) {
    return absl::InvalidArgumentError(absl::StrCat(
        named, ": ", result.errors.size(),
        result.errors.size() == 1 ? " error" : " errors",
        ", nothing imported (fix the files, or import the others with "
        "--skip-bad)"));
  }
  return absl::OkStatus();
}

void RegisterEInvoiceImports(CLI::App* command, Outcome& outcome) {
  auto einvoice = std::make_shared<EInvoiceImportFlags>();
  CLI::App* sub = command->add_subcommand(
      "einvoice",
      "Import e-invoices and credit notes (CII or UBL XML, Factur-X PDF)");
  sub->add_option("files", einvoice->files, "The files to import")->required();
  sub->add_option("--customer", einvoice->import.customer,
                  "The ledger's customer of every invoice (default: each "
                  "buyer's identifier, BT-46, else BT-47, else BT-48)");
  sub->add_option("--default-terms", einvoice->import.default_terms,
                  "The terms of an invoice that gives neither a due date nor "
                  "terms relance reads (\"30D\"; default: the --policy's, "
                  "else the last run's policy's)");
  sub->add_option("--policy", einvoice->policy,
                  "A policy file whose default_terms apply to such invoices");
  sub->add_flag("--skip-bad", einvoice->import.skip_bad,
                "Import the good files; report the bad ones");
  AddLedgerFlags(sub, einvoice->ledger);
  OnRun(sub, outcome,
        [einvoice] { return RunEInvoiceImport("einvoice", *einvoice); });

  auto statuses = std::make_shared<EInvoiceImportFlags>();
  sub = command->add_subcommand(
      "statuses", "Import e-invoice lifecycle statuses (CDAR messages)");
  sub->add_option("files", statuses->files, "The files to import")->required();
  sub->add_option("--payment-transit-days",
                  statuses->import.payment_transit_days,
                  "211 payment sent: the promised date is the status date "
                  "plus this many days (default 5)")
      ->check(CLI::Range(0, 60));
  sub->add_flag("--skip-bad", statuses->import.skip_bad,
                "Import the good statuses; report the bad ones");
  AddLedgerFlags(sub, statuses->ledger);
  OnRun(sub, outcome,
        [statuses] { return RunEInvoiceImport("statuses", *statuses); });
}

}  // namespace

void RegisterImportCommand(CLI::App& app, Outcome& outcome) {
  CLI::App* command = app.add_subcommand(
      "import",
      "Import customers, invoices, payments, events, e-invoices or "
      "e-invoice statuses into the ledger");
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
  RegisterEInvoiceImports(command, outcome);
}

}  // namespace relance::cli
