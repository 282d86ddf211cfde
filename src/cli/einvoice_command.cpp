// `relance einvoice show`: what relance reads from an e-invoice file.
//
//   relance einvoice show FILE [--default-terms TEXT] [--json]
//   relance einvoice cashed PAYMENT_ID [--output FILE] [--db FILE]
//
// FILE is an EN 16931 invoice or credit note (CII or UBL XML), a Factur-X /
// ZUGFeRD PDF, or a French lifecycle message (CDAR), told apart by its
// content (relance/einvoice_file.hpp). --json prints the relance.einvoice
// or relance.einvoice_statuses document (relance/einvoice_json.hpp); the
// text lists the terms a collector uses and the fact relance makes of them.
// `cashed` prints the 212 "Encaissée" lifecycle message of a payment the
// ledger holds, on an invoice imported from an e-invoice
// (store/ledger.hpp, Ledger::CashedStatus), or writes it to --output.
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/cli.hpp"
#include "cli/ledger_cli.hpp"
#include "relance/date.hpp"
#include "relance/einvoice.hpp"
#include "relance/einvoice_file.hpp"
#include "relance/einvoice_json.hpp"
#include "relance/einvoice_pdf.hpp"
#include "relance/einvoice_status.hpp"
#include "relance/internal/file_reader.hpp"
#include "relance/internal/status_macros.hpp"
#include "store/ledger.hpp"

namespace relance::cli {
namespace {

struct ShowOptions {
  std::string file;
  std::string default_terms;
  bool json = false;
};

// Reads an e-invoice file: a PDF may be larger than other input files.
absl::StatusOr<std::string> ReadEInvoiceBytes(const std::string& path) {
  return internal::ReadFileWithin(
      path, {.bytes = static_cast<int64_t>(kMaxEInvoicePdfBytes),
             .size = "64 MiB",
             .what = "an e-invoice file"});
}

std::string OrNone(const std::string& text) {
  return text.empty() ? "-" : text;
}

std::string PartyLine(const EInvoiceParty& party) {
  std::vector<std::string> parts;
  if (!party.id.empty()) parts.push_back(absl::StrCat("id ", party.id));
  if (!party.legal_id.empty()) {
    parts.push_back(absl::StrCat(
        "legal id ", party.legal_id,
        party.legal_id_scheme.empty()
            ? ""
            : absl::StrCat(" (scheme ", party.legal_id_scheme, ")")));
  }
  if (!party.vat_id.empty())
    parts.push_back(absl::StrCat("VAT ", party.vat_id));
  std::vector<std::string> address = party.address.lines;
  const std::string town = absl::StrJoin(
      std::vector<std::string>{party.address.postcode, party.address.city},
      " ");
  if (town != " ") address.push_back(town);
  if (!party.address.country.empty()) address.push_back(party.address.country);
  std::string line = OrNone(party.name);
  if (!parts.empty())
    absl::StrAppend(&line, " (", absl::StrJoin(parts, ", "), ")");
  if (!address.empty())
    absl::StrAppend(&line, "; ", absl::StrJoin(address, ", "));
  return line;
}

void PrintInvoice(const EInvoice& invoice, const EInvoiceFactOptions& options) {
  std::cout << invoice.source_name << ": " << ToString(invoice.type) << " "
            << invoice.number << " (BT-3 " << invoice.type_code << "), "
            << ToString(invoice.syntax) << ", profile "
            << ToString(invoice.profile) << "\n";
  std::cout << "  issued       " << FormatDate(invoice.issue_date) << "\n";
  std::cout << "  seller       " << PartyLine(invoice.seller) << "\n";
  std::cout << "  buyer        " << PartyLine(invoice.buyer) << "\n";
  if (invoice.payee) {
    std::cout << "  payee        " << PartyLine(*invoice.payee) << "\n";
  }
  std::cout << "  total        " << invoice.total_without_vat << " + VAT "
            << (invoice.vat_total ? invoice.vat_total->ToString() : "none")
            << " = " << invoice.total_with_vat << "\n";
  if (invoice.prepaid || invoice.rounding) {
    std::cout << "  prepaid      "
              << (invoice.prepaid ? invoice.prepaid->ToString() : "-")
              << ", rounding "
              << (invoice.rounding ? invoice.rounding->ToString() : "-")
              << "\n";
  }
  std::cout << "  amount due   " << invoice.amount_due << "\n";
  std::vector<std::string> dues;
  for (const EInvoiceDue& due : invoice.due_dates) {
    dues.push_back(absl::StrCat(
        FormatDate(due.date),
        due.amount ? absl::StrCat(" (", due.amount->ToString(), ")") : ""));
  }
  std::cout << "  due          "
            << (dues.empty() ? "-" : absl::StrJoin(dues, "; ")) << "\n";
  if (!invoice.payment_terms.empty()) {
    std::cout << "  terms        " << invoice.payment_terms << "\n";
  }
  std::cout << "  discount     " << ToString(invoice.discount_source);
  for (const EInvoiceDiscount& discount : invoice.discounts) {
    std::cout << "; " << discount.percent.ToString() << " within "
              << discount.within.ToString();
  }
  if (!invoice.discount_note.empty())
    std::cout << " (" << invoice.discount_note << ")";
  std::cout << "\n";
  if (!invoice.ibans.empty() || !invoice.remittance_reference.empty()) {
    std::cout << "  pay to       " << OrNone(absl::StrJoin(invoice.ibans, ", "))
              << ", reference " << OrNone(invoice.remittance_reference) << "\n";
  }
  for (const auto& [code, text] :
       {std::pair{"PMD", &invoice.penalty_note},
        std::pair{"PMT", &invoice.recovery_fee_note},
        std::pair{"AAB", &invoice.discount_mention}}) {
    if (!text->empty())
      std::cout << "  note " << code << "     " << *text << "\n";
  }
  std::cout << "  VAT on receipt " << (invoice.vat_on_receipt ? "yes" : "no")
            << "\n";
  for (const EInvoiceReference& reference : invoice.preceding_invoices) {
    std::cout << "  refers to    " << reference.number
              << (reference.issue_date
                      ? absl::StrCat(" of ", FormatDate(*reference.issue_date))
                      : "")
              << "\n";
  }
  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice, options);
  if (!fact.ok()) {
    std::cout << "  fact         none: " << fact.status().message() << "\n";
    return;
  }
  std::cout << "  fact         " << ToString(fact->kind);
  if (fact->event) std::cout << " " << fact->event->ToJson();
  std::cout << "\n";
  if (fact->default_terms_applied) {
    std::cout << "               (the default terms apply: the invoice gives "
                 "neither a due date nor terms relance reads)\n";
  }
  if (!fact->note.empty()) std::cout << "               " << fact->note << "\n";
}

void PrintStatuses(const EInvoiceStatusMessage& message) {
  std::cout << message.source_name << ": lifecycle message "
            << OrNone(message.id) << " of " << FormatDate(message.issue_date)
            << ", from " << OrNone(message.issuer.name) << " ("
            << message.statuses.size()
            << (message.statuses.size() == 1 ? " status" : " statuses")
            << ")\n";
  for (const EInvoiceStatus& status : message.statuses) {
    const EInvoiceStatusInfo* info = FindEInvoiceStatus(status.code);
    std::cout << "  " << status.code << " "
              << OrNone(status.label.empty() && info != nullptr
                            ? std::string(info->label)
                            : status.label)
              << "  invoice " << status.invoice_number << "  on "
              << FormatDate(status.date) << "  effect "
              << (info != nullptr ? ToString(info->effect) : "?") << "\n";
    for (const EInvoiceStatusReason& reason : status.reasons) {
      std::cout << "      reason " << OrNone(reason.code) << ": "
                << OrNone(reason.text) << "\n";
    }
    for (const EInvoiceStatusAmount& amount : status.amounts) {
      std::cout << "      " << amount.type_code << " " << amount.amount
                << (amount.vat_rate
                        ? absl::StrCat(" at VAT ", amount.vat_rate->ToString())
                        : "")
                << "\n";
    }
    absl::StatusOr<EInvoiceStatusFact> fact = EInvoiceStatusToFact(status);
    if (!fact.ok()) {
      std::cout << "      fact: none: " << fact.status().message() << "\n";
      continue;
    }
    std::cout << "      fact: "
              << (fact->event ? fact->event->ToJson() : std::string("none"))
              << "\n";
    if (!fact->note.empty()) std::cout << "      " << fact->note << "\n";
  }
}

struct CashedOptions {
  LedgerFlags ledger;
  std::string payment;
  std::string output;
};

absl::Status RunCashed(const CashedOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(options.ledger, /*create=*/false));
  RELANCE_ASSIGN_OR_RETURN(std::string xml,
                           ledger.CashedStatus(options.payment));
  if (options.output.empty()) {
    std::cout << xml;
    return absl::OkStatus();
  }
  RELANCE_RETURN_IF_ERROR(WriteOutputFile(options.output, xml));
  std::cout << options.output << ": 212 Encaissée for payment "
            << options.payment << "\n";
  return absl::OkStatus();
}

absl::Status RunShow(const ShowOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(std::string bytes, ReadEInvoiceBytes(options.file));
  RELANCE_ASSIGN_OR_RETURN(EInvoiceFile file,
                           ReadEInvoiceFile(bytes, options.file));
  const EInvoiceFactOptions fact_options{.default_terms =
                                             options.default_terms};
  if (options.json) {
    std::cout << EInvoiceFileToJson(file, fact_options);
    return absl::OkStatus();
  }
  if (file.invoice) {
    PrintInvoice(*file.invoice, fact_options);
  } else {
    PrintStatuses(*file.statuses);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> ReadEInvoiceFileBytes(const std::string& path) {
  return ReadEInvoiceBytes(path);
}

void RegisterEInvoiceCommand(CLI::App& app, Outcome& outcome) {
  CLI::App* command = app.add_subcommand(
      "einvoice", "E-invoices: what relance reads from a file");
  command->require_subcommand(1);
  auto options = std::make_shared<ShowOptions>();
  CLI::App* show = command->add_subcommand(
      "show",
      "What relance reads from an e-invoice (CII or UBL XML, Factur-X PDF) "
      "or a lifecycle message (CDAR), and the fact it makes of it");
  show->add_option("file", options->file, "The file")->required();
  show->add_option("--default-terms", options->default_terms,
                   "The terms of an invoice that gives neither a due date "
                   "nor terms relance reads (\"30D\")");
  show->add_flag("--json", options->json,
                 "Print the relance.einvoice or relance.einvoice_statuses "
                 "document");
  OnRun(show, outcome, [options] { return RunShow(*options); });

  auto cashed_options = std::make_shared<CashedOptions>();
  CLI::App* cashed = command->add_subcommand(
      "cashed",
      "The 212 \"Encaissee\" lifecycle message of a payment the ledger holds "
      "(VAT due on receipt), split by VAT rate");
  cashed->add_option("payment", cashed_options->payment, "The payment's id")
      ->required();
  cashed->add_option("--output", cashed_options->output,
                     "Write the message to this file instead of stdout");
  cashed->add_option("--db", cashed_options->ledger.db,
                     "The ledger file (default relance.db)");
  OnRun(cashed, outcome,
        [cashed_options] { return RunCashed(*cashed_options); });
}

}  // namespace relance::cli
