// `relance dossier`: a customer's or an invoice's collection dossier, the
// evidence an agency or a court receives (docs/dossier.md).
//
//   relance dossier CUSTOMER|INVOICE --as-of DATE --letterhead FILE
//                   [--policy FILE [--policy-for J=FILE]] [--rates DIR]
//                   [--assume-last-rate] [--html FILE [--template FILE]]
//                   [--lang fr|en] [--db FILE] [--json]
//   relance dossier --case FILE --policy FILE --as-of DATE --letterhead FILE
//                   [--invoice ID] [--html FILE] [--lang fr|en] [--json]
//
// From the ledger, the customer (or the invoice's customer) is evaluated as
// a run would, under --policy or by default the last run's policies; from a
// case file, under --policy. The creditor is the letterhead's. Prints a
// summary, or the relance.dossier document with --json; --html FILE writes
// the printable page in --lang, else the customer's language (ledger), else
// the letterhead's; --template FILE renders the page with the host's own
// Mustache template instead of the built-in one (checked against
// DossierTemplateSchema() when loaded: an unknown name is an error naming
// the file and line).
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/cli.hpp"
#include "cli/communication_text.hpp"
#include "cli/ledger_cli.hpp"
#include "cli/letter_files.hpp"
#include "cli/rates_directory.hpp"
#include "relance/dossier.hpp"
#include "relance/dossier_html.hpp"
#include "relance/dossier_json.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/letter_options_json.hpp"
#include "relance/letter_template.hpp"

namespace relance::cli {
namespace {

struct DossierCommandOptions {
  LedgerFlags ledger;
  std::string subject;  // CUSTOMER|INVOICE (ledger)
  std::string case_file;
  std::string invoice;  // with --case
  std::string as_of;
  std::string letterhead;
  std::string policy;
  std::vector<std::string> policy_for;
  std::string rates_directory;
  bool assume_last_rate = false;
  std::string html;
  std::string html_template;
  std::string language;
};

// What the dossier is built from.
struct DossierSource {
  Case c;
  const Policy* policy = nullptr;
  std::string invoice;   // "" = the whole customer
  std::string language;  // the customer's (ledger), "" = unknown
  std::vector<std::string> address_lines;  // the customer's (ledger)
  // The e-invoice statuses the ledger keeps for the customer's invoices.
  std::vector<DossierEvidence> evidence;
};

// The customer, or the invoice and its customer, named on the command line.
absl::StatusOr<DossierSource> FromLedger(const store::Ledger& ledger,
                                         const std::string& subject,
                                         const RunPolicies& policies,
                                         Date as_of) {
  std::string customer = subject;
  std::string invoice;
  absl::StatusOr<store::LedgerCase> found = ledger.CustomerCase(
      customer, policies.policy, as_of, policies.by_jurisdiction);
  if (absl::IsNotFound(found.status())) {
    absl::StatusOr<std::string> owner = ledger.CustomerOf(subject);
    if (absl::IsNotFound(owner.status())) {
      return absl::NotFoundError(
          absl::StrCat("dossier: no customer or invoice ",
                       internal::QuoteForMessage(subject), " in the ledger"));
    }
    RELANCE_RETURN_IF_ERROR(owner.status());
    customer = *owner;
    invoice = subject;
    found = ledger.CustomerCase(customer, policies.policy, as_of,
                                policies.by_jurisdiction);
  }
  RELANCE_RETURN_IF_ERROR(found.status());
  RELANCE_ASSIGN_OR_RETURN(std::vector<DossierEvidence> evidence,
                           ledger.StatusEvidence(customer));
  return DossierSource{.c = std::move(found->assembled),
                       .policy = found->policy,
                       .invoice = std::move(invoice),
                       .language = std::move(found->language),
                       .address_lines = std::move(found->address_lines),
                       .evidence = std::move(evidence)};
}

void PrintDossier(const Dossier& dossier) {
  std::cout << "dossier of " << (dossier.invoice.empty() ? "customer " : "")
            << (dossier.invoice.empty()
                    ? dossier.customer_id
                    : absl::StrCat("invoice ", dossier.invoice, " of customer ",
                                   dossier.customer_id))
            << (dossier.customer_name.empty() ? ""
                                              : "  " + dossier.customer_name)
            << "\nas of " << FormatDate(dossier.as_of) << ", policy "
            << dossier.policy_id << " v" << dossier.policy_version
            << ", ladder " << dossier.ladder << "\ncreditor "
            << dossier.creditor.name << "\n";
  if (!dossier.penalty_rule.empty()) {
    std::cout << "penalties: " << dossier.penalty_rule_name << " ("
              << dossier.penalty_citation << ")\n";
  }
  std::cout << "invoices:\n";
  for (const DossierInvoice& invoice : dossier.invoices) {
    const InvoiceDecision& d = invoice.decision;
    std::cout << "  " << d.invoice << "  " << ToString(d.state) << "  issued "
              << FormatDate(d.issue_date) << "  due " << FormatDate(d.due_date)
              << "  " << d.amount.ToString() << "  outstanding "
              << d.outstanding.ToString();
    if (d.days_late > 0) std::cout << "  " << d.days_late << " days late";
    if (d.claim.IsPositive()) std::cout << "  claim " << d.claim.ToString();
    std::cout << "\n";
  }
  if (!dossier.payments.empty()) std::cout << "payments:\n";
  for (const DossierPayment& payment : dossier.payments) {
    std::cout << "  " << FormatDate(payment.date) << "  "
              << ToString(payment.kind) << "  " << payment.invoice << "  "
              << payment.amount.ToString()
              << (payment.reference.empty() ? "" : "  " + payment.reference)
              << "\n";
  }
  std::cout << "history:\n";
  for (const DossierEntry& entry : dossier.history) {
    std::cout << "  " << FormatDate(entry.date) << "  " << entry.type();
    if (!entry.invoices.empty()) {
      std::cout << "  " << absl::StrJoin(entry.invoices, ", ");
    }
    if (!entry.event.level.empty()) std::cout << "  " << entry.event.level;
    if (!entry.event.channel.empty())
      std::cout << " by " << entry.event.channel;
    if (!entry.event.reference.empty()) {
      std::cout << "  ref. " << entry.event.reference;
    }
    if (entry.acknowledged_on) {
      std::cout << "  received " << FormatDate(*entry.acknowledged_on);
      if (!entry.acknowledgement_note.empty()) {
        std::cout << " (" << entry.acknowledgement_note << ")";
      }
    }
    std::cout << "\n";
  }
  if (!dossier.evidence.empty()) std::cout << "e-invoice statuses:\n";
  for (const DossierEvidence& item : dossier.evidence) {
    std::cout << "  " << FormatDate(item.date) << "  " << item.invoice << "  "
              << item.code << " " << item.label << "  " << item.effect;
    if (!item.reference.empty()) std::cout << "  ref. " << item.reference;
    std::cout << "\n";
  }
  std::cout << "totals:\n";
  for (const DossierTotal& total : dossier.totals) {
    std::cout << "  " << total.currency.code() << ": outstanding "
              << total.outstanding.ToString() << ", disputed "
              << total.disputed.ToString() << ", claim "
              << total.claim.ToString() << ", total due "
              << total.total_due.ToString() << "\n";
  }
}

absl::Status RunDossier(const DossierCommandOptions& options) {
  const bool from_case = !options.case_file.empty();
  if (from_case == !options.subject.empty()) {
    return absl::InvalidArgumentError(
        "dossier: name a CUSTOMER or INVOICE of the ledger, or give --case "
        "FILE, one of them");
  }
  if (!options.invoice.empty() && !from_case) {
    return absl::InvalidArgumentError(
        "dossier: --invoice goes with --case (in the ledger, name the "
        "invoice itself)");
  }
  RELANCE_ASSIGN_OR_RETURN(Date as_of, ParseDate(options.as_of));
  // The letterhead and the language are checked before anything is read.
  RELANCE_ASSIGN_OR_RETURN(LetterSetup setup,
                           LoadLetterSetup({.letterhead = options.letterhead,
                                            .language = options.language}));
  std::optional<LetterTemplate> page_template;
  if (!options.html_template.empty()) {
    if (options.html.empty()) {
      return absl::InvalidArgumentError(
          "dossier: --template renders the page: it needs --html FILE");
    }
    RELANCE_ASSIGN_OR_RETURN(std::string text, ReadFile(options.html_template));
    RELANCE_ASSIGN_OR_RETURN(page_template,
                             LetterTemplate::Load(options.html_template, text,
                                                  DossierTemplateSchema()));
  }
  PolicyPenaltyOptions penalty_options{.assume_last_rate =
                                           options.assume_last_rate};
  RELANCE_ASSIGN_OR_RETURN(penalty_options.rates,
                           LoadReferenceRates(options.rates_directory));
  std::optional<store::Ledger> ledger;
  std::optional<RunPolicies> policies;
  DossierSource source;
  if (from_case) {
    if (options.policy.empty()) {
      return absl::InvalidArgumentError("dossier: --case needs --policy FILE");
    }
    RELANCE_ASSIGN_OR_RETURN(std::string text, ReadFile(options.policy));
    absl::StatusOr<Policy> policy = Policy::FromJson(text, penalty_options);
    if (!policy.ok()) return InFile(options.policy, policy.status());
    policies = RunPolicies{.policy = *std::move(policy)};
    RELANCE_ASSIGN_OR_RETURN(source.c, Case::FromFile(options.case_file));
    source.policy = &policies->policy;
    source.invoice = options.invoice;
  } else {
    RELANCE_ASSIGN_OR_RETURN(ledger,
                             OpenLedger(options.ledger, /*create=*/false));
    RELANCE_ASSIGN_OR_RETURN(
        policies, PoliciesOrLastRun(*ledger, options.policy, options.policy_for,
                                    penalty_options, "dossier"));
    RELANCE_ASSIGN_OR_RETURN(
        source, FromLedger(*ledger, options.subject, *policies, as_of));
  }
  // The debtor's language and address, as its letters have them.
  const LetterOptions for_customer = OptionsForCustomer(
      setup, source.c.customer_name, source.language, source.address_lines);
  RELANCE_ASSIGN_OR_RETURN(
      Dossier dossier,
      BuildDossier(*source.policy, source.c, as_of,
                   DossierOptions{.creditor = setup.letterhead.creditor,
                                  .debtor_address_lines =
                                      for_customer.debtor.address_lines,
                                  .invoice = source.invoice,
                                  .evidence = std::move(source.evidence)}));
  if (!options.html.empty()) {
    std::string html;
    if (page_template.has_value()) {
      RELANCE_ASSIGN_OR_RETURN(html, page_template->Render(DossierTemplateData(
                                         dossier, for_customer.language)));
    } else {
      RELANCE_ASSIGN_OR_RETURN(html,
                               DossierToHtml(dossier, for_customer.language));
    }
    RELANCE_RETURN_IF_ERROR(WriteOutputFile(options.html, html));
  }
  if (options.ledger.json) {
    std::cout << DossierToJson(dossier);
    return absl::OkStatus();
  }
  PrintDossier(dossier);
  if (!options.html.empty()) {
    std::cout << "page written to " << options.html << "\n";
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterDossierCommand(CLI::App& app, Outcome& outcome) {
  auto options = std::make_shared<DossierCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "dossier",
      "A customer's or an invoice's collection dossier: parties, invoices, "
      "payments, history, penalties with their legal basis");
  command->add_option("CUSTOMER|INVOICE", options->subject,
                      "A customer or an invoice of the ledger");
  command->add_option("--case", options->case_file,
                      "A case file instead of the ledger");
  command->add_option("--invoice", options->invoice,
                      "With --case: one invoice of the case");
  command->add_option("--as-of", options->as_of, "The dossier's date")
      ->required();
  command
      ->add_option("--letterhead", options->letterhead,
                   "The creditor's letterhead, JSON (docs/letters.md)")
      ->required();
  command->add_option("--policy", options->policy,
                      "Policy JSON file (default: the last run's)");
  AddPolicyForOption(command, options->policy_for);
  AddRatesOption(command, options->rates_directory);
  command->add_flag("--assume-last-rate", options->assume_last_rate,
                    "Penalties beyond a series' last known date carry its "
                    "last rate forward (flagged) instead of failing");
  command->add_option("--html", options->html,
                      "Also write the printable page to FILE");
  command->add_option("--template", options->html_template,
                      "The host's Mustache template for the page "
                      "(docs/dossier.md lists its names)");
  command->add_option("--lang", options->language,
                      "The page's language, fr or en (default: the "
                      "customer's, else the letterhead's)");
  AddLedgerFlags(command, options->ledger);
  OnRun(command, outcome, [options] {
    absl::StatusOr<Date> through = ParseDate(options->as_of);
    return WithRateGapHint(
        RunDossier(*options), options->rates_directory,
        through.ok() ? std::optional<Date>(*through) : std::nullopt,
        /*can_assume=*/true);
  });
}

}  // namespace relance::cli
