// `relance history`: the evidence for one invoice or one customer.
//
//   relance history ID [--invoice | --customer] [--db FILE] [--json]
//
// Every fact of the journal, in chronological order (by date, then the
// order it was recorded), with who recorded it, when, from where, and its
// hash; then the actions planned and sent. ID is looked up as an invoice,
// then as a customer (--invoice or --customer to say which).
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "cli/communication_text.hpp"
#include "cli/ledger_cli.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "store/ledger_json.hpp"

namespace relance::cli {
namespace {

struct HistoryOptions {
  LedgerFlags ledger;
  std::string id;
  bool invoice = false;
  bool customer = false;
};

// The event's own fields on one line: `invoice F-1, amount 1200.00 EUR`.
std::string Details(const Event& event) {
  std::string text;
  const auto add = [&text](std::string_view name, std::string_view value) {
    if (value.empty()) return;
    absl::StrAppend(&text, text.empty() ? "" : ", ", std::string(name), " ",
                    std::string(value));
  };
  add("invoice", event.invoice);
  std::string invoices;
  for (const std::string& id : event.invoices) {
    absl::StrAppend(&invoices, invoices.empty() ? "" : " ", id);
  }
  add("invoices", invoices);
  if (event.amount) add("amount", event.amount->ToString());
  if (event.due_date) add("due", FormatDate(*event.due_date));
  add("level", event.level);
  add("channel", event.channel);
  add("reference", event.reference);
  add("reason", event.reason);
  if (event.outcome) {
    add("outcome",
        *event.outcome == DisputeOutcome::kUpheld ? "upheld" : "rejected");
  }
  if (event.promised_date)
    add("promised for", FormatDate(*event.promised_date));
  if (event.until) add("until", FormatDate(*event.until));
  add("segment", event.segment);
  for (const PlanInstalment& instalment : event.instalments) {
    add("instalment", absl::StrCat(FormatDate(instalment.date), " ",
                                   instalment.amount.ToString()));
  }
  return text;
}

absl::Status RunHistory(const HistoryOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(options.ledger, /*create=*/false));
  std::string subject = "invoice";
  absl::StatusOr<std::vector<store::JournalEntry>> entries =
      absl::NotFoundError("");
  if (!options.customer) entries = ledger.InvoiceHistory(options.id);
  if (options.customer ||
      (!options.invoice && absl::IsNotFound(entries.status()))) {
    subject = "customer";
    entries = ledger.CustomerHistory(options.id);
    if (absl::IsNotFound(entries.status()) && !options.customer) {
      return absl::NotFoundError(absl::StrCat(
          "no invoice or customer ", internal::QuoteForMessage(options.id),
          " in the ledger ", internal::QuoteForMessage(options.ledger.db)));
    }
  }
  if (!entries.ok()) return entries.status();
  std::string customer = options.id;
  if (subject == "invoice" && !entries->empty()) {
    customer = entries->front().customer;
  }
  RELANCE_ASSIGN_OR_RETURN(std::vector<store::PlannedAction> actions,
                           ledger.Actions(customer));
  if (subject == "invoice") {
    std::erase_if(actions, [&](const store::PlannedAction& action) {
      const std::vector<std::string>& invoices = action.communication.invoices;
      return std::find(invoices.begin(), invoices.end(), options.id) ==
             invoices.end();
    });
  }
  if (options.ledger.json) {
    std::cout << store::HistoryToJson(subject, options.id, *entries, actions);
    return absl::OkStatus();
  }
  std::cout << subject << " " << options.id << ": " << entries->size()
            << (entries->size() == 1 ? " fact" : " facts") << "\n";
  for (const store::JournalEntry& entry : *entries) {
    std::cout << "  " << FormatDate(entry.event.date) << "  "
              << ToString(entry.event.kind) << "  " << Details(entry.event)
              << "\n      #" << entry.sequence << " recorded by "
              << entry.recorded.by << (entry.recorded.at.empty() ? "" : " at ")
              << entry.recorded.at << " (" << entry.source << ")\n";
  }
  if (!actions.empty()) std::cout << "actions:\n";
  for (const store::PlannedAction& action : actions) {
    std::cout << "  action " << action.id << ", planned by run "
              << action.run_id << " as of " << FormatDate(action.as_of) << ", "
              << (action.performed_on
                      ? absl::StrCat("sent on ",
                                     FormatDate(*action.performed_on))
                      : std::string("not sent yet"))
              << "\n";
    PrintCommunication(action.communication, "    ");
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterHistoryCommand(CLI::App& app, Outcome& outcome) {
  auto options = std::make_shared<HistoryOptions>();
  CLI::App* command = app.add_subcommand(
      "history", "The full history of an invoice or a customer (evidence)");
  command->add_option("id", options->id, "An invoice or customer id")
      ->required();
  CLI::Option* invoice =
      command->add_flag("--invoice", options->invoice, "ID is an invoice");
  command->add_flag("--customer", options->customer, "ID is a customer")
      ->excludes(invoice);
  AddLedgerFlags(command, options->ledger);
  OnRun(command, outcome, [options] { return RunHistory(*options); });
}

}  // namespace relance::cli
