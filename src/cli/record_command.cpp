// `relance record`: what happened, into the ledger's journal.
//
//   relance record sent ACTION_ID [--date DATE]
//   relance record acknowledged ACTION_ID --date DATE [--reference REF]
//                               [--note TEXT]
//   relance record payment --invoice ID --amount "1200.00 EUR" --date DATE
//                          [--id PAYMENT_ID]
//   relance record dispute --invoice ID --date DATE [--amount A] [--reason R]
//   relance record resolve --invoice ID --date DATE --outcome upheld|rejected
//                          [--amount A]
//   relance record promise (--invoice ID | --customer ID) --date DATE
//                          --promised-date DATE [--amount A]
//   relance record plan --invoices ID,ID... --date DATE
//                       --instalment DATE=AMOUNT [--instalment ...]
//   relance record block (--invoice ID | --customer ID) --date DATE
//                        --until DATE [--reason R]
//   relance record writeoff --invoice ID --date DATE [--reason R]
//
// Each takes --db FILE and --json, and an optional --id for the fact (an
// id recorded twice is refused). A fact impossible in the invoice's state
// (resolving a dispute never opened, paying a written-off invoice twice
// over...) is refused with exit 2 and nothing is written.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/cli.hpp"
#include "cli/communication_text.hpp"
#include "cli/ledger_cli.hpp"
#include "relance/internal/status_macros.hpp"
#include "store/ledger_json.hpp"

namespace relance::cli {
namespace {

struct RecordOptions {
  LedgerFlags ledger;
  std::string id;
  std::string invoice;
  std::string invoices;
  std::string customer;
  std::string date;
  std::string amount;
  std::string reason;
  std::string outcome;
  std::string promised_date;
  std::string until;
  std::vector<std::string> instalments;
  int64_t action_id = 0;
  std::string reference;  // record acknowledged: the receipt's own number
  std::string note;       // record acknowledged
};

absl::StatusOr<Date> DateOption(std::string_view option,
                                const std::string& text) {
  absl::StatusOr<Date> date = ParseDate(text);
  if (!date.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(option), ": ", date.status().message()));
  }
  return *date;
}

absl::StatusOr<std::optional<Money>> AmountOption(const std::string& text) {
  if (text.empty()) return std::optional<Money>();
  absl::StatusOr<Money> amount = Money::Parse(text);
  if (!amount.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--amount: ", amount.status().message()));
  }
  return std::optional<Money>(*amount);
}

absl::Status Print(const LedgerFlags& flags, const store::JournalEntry& entry) {
  if (flags.json) {
    std::cout << store::JournalEntryToJson(entry);
  } else {
    std::cout << "recorded #" << entry.sequence << ": "
              << FormatDate(entry.event.date) << " "
              << ToString(entry.event.kind) << " for " << entry.customer
              << "\n";
  }
  return absl::OkStatus();
}

// The event of `kind` from the options; Ledger::RecordEvent validates it.
absl::StatusOr<Event> EventFrom(EventKind kind, const RecordOptions& o) {
  Event event{.kind = kind, .invoice = o.invoice, .reason = o.reason};
  RELANCE_ASSIGN_OR_RETURN(event.date, DateOption("--date", o.date));
  RELANCE_ASSIGN_OR_RETURN(event.amount, AmountOption(o.amount));
  if (!o.invoices.empty()) {
    event.invoices = absl::StrSplit(o.invoices, ',', absl::SkipEmpty());
  }
  if (!o.outcome.empty()) {
    if (o.outcome == "upheld") {
      event.outcome = DisputeOutcome::kUpheld;
    } else if (o.outcome == "rejected") {
      event.outcome = DisputeOutcome::kRejected;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "--outcome: expected upheld or rejected, got \"", o.outcome, "\""));
    }
  }
  if (!o.promised_date.empty()) {
    RELANCE_ASSIGN_OR_RETURN(event.promised_date,
                             DateOption("--promised-date", o.promised_date));
  }
  if (!o.until.empty()) {
    RELANCE_ASSIGN_OR_RETURN(event.until, DateOption("--until", o.until));
  }
  for (const std::string& instalment : o.instalments) {
    const std::vector<std::string> parts =
        absl::StrSplit(instalment, absl::MaxSplits('=', 1));
    if (parts.size() != 2) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--instalment: expected DATE=AMOUNT, got \"", instalment, "\""));
    }
    RELANCE_ASSIGN_OR_RETURN(Date date, DateOption("--instalment", parts[0]));
    absl::StatusOr<Money> amount = Money::Parse(parts[1]);
    if (!amount.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--instalment: ", amount.status().message()));
    }
    event.instalments.push_back({.date = date, .amount = *amount});
  }
  return event;
}

absl::Status RecordFact(EventKind kind, const RecordOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(Event event, EventFrom(kind, options));
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(options.ledger, /*create=*/false));
  RELANCE_ASSIGN_OR_RETURN(
      store::JournalEntry entry,
      ledger.RecordEvent(
          options.customer, event, options.id,
          Recorded(absl::StrCat("record ", std::string(ToString(kind))))));
  return Print(options.ledger, entry);
}

absl::Status RecordSent(const RecordOptions& options) {
  std::optional<Date> date;
  if (!options.date.empty()) {
    RELANCE_ASSIGN_OR_RETURN(date, DateOption("--date", options.date));
  }
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(options.ledger, /*create=*/false));
  RELANCE_ASSIGN_OR_RETURN(
      store::PlannedAction action,
      ledger.RecordSent(options.action_id, date, Recorded("record sent")));
  if (options.ledger.json) {
    std::cout << store::PlannedActionToJson(action);
  } else {
    std::cout << "action " << action.id << " for " << action.customer
              << " recorded as sent on " << FormatDate(*action.performed_on)
              << "\n";
    PrintCommunication(action.communication, "  ");
  }
  return absl::OkStatus();
}

// The acknowledgement's note: the receipt's own number (the AR card's, a
// read receipt's id), then the note, as the event's reason.
std::string AcknowledgementNote(const RecordOptions& options) {
  if (options.reference.empty()) return options.note;
  if (options.note.empty()) return options.reference;
  return absl::StrCat(options.reference, "; ", options.note);
}

absl::Status RecordAcknowledged(const RecordOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(Date date, DateOption("--date", options.date));
  RELANCE_ASSIGN_OR_RETURN(store::Ledger ledger,
                           OpenLedger(options.ledger, /*create=*/false));
  RELANCE_ASSIGN_OR_RETURN(
      store::JournalEntry entry,
      ledger.RecordAcknowledged(options.action_id, date,
                                AcknowledgementNote(options),
                                Recorded("record acknowledged")));
  return Print(options.ledger, entry);
}

struct FactCommand {
  const char* name;
  EventKind kind;
  const char* description;
};

constexpr FactCommand kFacts[] = {
    {"payment", EventKind::kPaymentReceived, "A payment received"},
    {"dispute", EventKind::kDisputeOpened, "A dispute opened by the customer"},
    {"resolve", EventKind::kDisputeResolved, "A dispute resolved"},
    {"promise", EventKind::kPromiseToPay, "A promise to pay"},
    {"plan", EventKind::kPaymentPlanAgreed, "A payment plan agreed"},
    {"block", EventKind::kDunningBlocked, "Dunning paused until a date"},
    {"writeoff", EventKind::kWrittenOff, "An invoice written off"},
};

}  // namespace

void RegisterRecordCommand(CLI::App& app, Outcome& outcome) {
  CLI::App* command = app.add_subcommand(
      "record",
      "Record what happened: an action sent, a payment, a dispute...");
  command->require_subcommand(1);

  auto sent_options = std::make_shared<RecordOptions>();
  CLI::App* sent = command->add_subcommand(
      "sent", "A planned action was sent: it becomes a fact of the journal");
  sent->add_option("action", sent_options->action_id,
                   "The action id (relance run prints it)")
      ->required();
  sent->add_option("--date", sent_options->date,
                   "When it was sent (default: its run's date)");
  AddLedgerFlags(sent, sent_options->ledger);
  OnRun(sent, outcome, [sent_options] { return RecordSent(*sent_options); });

  auto acknowledged_options = std::make_shared<RecordOptions>();
  CLI::App* acknowledged = command->add_subcommand(
      "acknowledged",
      "An action sent was acknowledged: a registered letter's signed "
      "receipt, a read receipt, an agency's confirmation");
  acknowledged
      ->add_option("action", acknowledged_options->action_id,
                   "The action id (relance run prints it)")
      ->required();
  acknowledged
      ->add_option("--date", acknowledged_options->date,
                   "The day of receipt (the date on the signed receipt)")
      ->required();
  acknowledged->add_option(
      "--reference", acknowledged_options->reference,
      "The receipt's own number (the acknowledgement card's), kept with the "
      "note");
  acknowledged->add_option(
      "--note", acknowledged_options->note,
      "Who signed, \"returned unclaimed\", ... (shown in the dossier)");
  AddLedgerFlags(acknowledged, acknowledged_options->ledger);
  OnRun(acknowledged, outcome, [acknowledged_options] {
    return RecordAcknowledged(*acknowledged_options);
  });

  for (const FactCommand& fact : kFacts) {
    auto options = std::make_shared<RecordOptions>();
    CLI::App* sub = command->add_subcommand(fact.name, fact.description);
    sub->add_option("--date", options->date, "The date of the fact")
        ->required();
    sub->add_option("--id", options->id,
                    "An id for the fact (a payment's reference)");
    sub->add_option("--customer", options->customer,
                    "The customer (found from the invoice when not given)");
    if (fact.kind == EventKind::kPaymentPlanAgreed) {
      sub->add_option("--invoices", options->invoices,
                      "The invoices the plan covers, comma-separated "
                      "(default: all the customer's open invoices)");
      sub->add_option("--instalment", options->instalments,
                      "DATE=AMOUNT, once per instalment")
          ->required();
    } else {
      sub->add_option("--invoice", options->invoice, "The invoice");
    }
    if (fact.kind != EventKind::kWrittenOff &&
        fact.kind != EventKind::kDunningBlocked &&
        fact.kind != EventKind::kPaymentPlanAgreed) {
      sub->add_option("--amount", options->amount,
                      "The amount, with its currency: \"1200.00 EUR\"");
    }
    if (fact.kind == EventKind::kDisputeOpened ||
        fact.kind == EventKind::kDunningBlocked ||
        fact.kind == EventKind::kWrittenOff) {
      sub->add_option("--reason", options->reason, "Why");
    }
    if (fact.kind == EventKind::kDisputeResolved) {
      sub->add_option("--outcome", options->outcome, "upheld or rejected")
          ->required();
    }
    if (fact.kind == EventKind::kPromiseToPay) {
      sub->add_option("--promised-date", options->promised_date,
                      "The date the customer promised to pay by")
          ->required();
    }
    if (fact.kind == EventKind::kDunningBlocked) {
      sub->add_option("--until", options->until, "The last day of the pause")
          ->required();
    }
    AddLedgerFlags(sub, options->ledger);
    const EventKind kind = fact.kind;
    OnRun(sub, outcome, [kind, options] { return RecordFact(kind, *options); });
  }
}

}  // namespace relance::cli
