// `relance terms`: the schedule that payment terms give for an invoice, and
// the legal caps they may break.
//
//   relance terms [--] TERMS --date DATE [--amount "1000.00 EUR"]
//                 [--tax AMOUNT] [--discount-base total|untaxed|mixed]
//                 [--from odoo|erpnext|tryton|business-central|sap]
//                 [--calendar CODE] [--convention NAME]
//                 [--eom-reading days-then-eom|eom-then-days]
//                 [--jurisdiction FR|EU|EU-PUBLIC]... [--json]
//
// TERMS is terms text ("2/10 net 30"), a date formula ("-CM-1D+D31" is
// accepted as it is), the path of a JSON terms file, or with --from the path
// of another system's terms as that system stores them.
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "relance/builtin_calendars.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/schedule_json.hpp"
#include "relance/terms.hpp"
#include "relance/terms_check.hpp"
#include "relance/terms_import.hpp"

namespace relance::cli {
namespace {

struct TermsOptions {
  std::string terms;
  std::string date;
  std::string amount = "100.00 EUR";
  std::string calendar;
  std::string convention = "following";
  std::string eom_reading = "days-then-eom";
  std::string tax;
  std::string discount_base;
  std::string from;
  std::vector<std::string> jurisdictions = {"FR", "EU"};
  bool json = false;
};

absl::StatusOr<PaymentTerms> LoadTerms(const TermsOptions& options) {
  TermsParseOptions parse_options;
  RELANCE_ASSIGN_OR_RETURN(parse_options.end_of_month_reading,
                           ParseEndOfMonthReading(options.eom_reading));
  if (!options.calendar.empty()) {
    RELANCE_ASSIGN_OR_RETURN(std::shared_ptr<const BusinessCalendar> calendar,
                             BuiltinCalendar(options.calendar));
    RELANCE_ASSIGN_OR_RETURN(BusinessDayConvention convention,
                             ParseBusinessDayConvention(options.convention));
    parse_options.adjustment =
        BusinessDayAdjustment{.calendar = calendar, .convention = convention};
  }
  if (!options.from.empty()) {
    RELANCE_ASSIGN_OR_RETURN(TermsSystem system,
                             ParseTermsSystem(options.from));
    RELANCE_ASSIGN_OR_RETURN(std::string text, ReadFile(options.terms));
    // Fixed-amount lines are in the invoice's currency.
    const absl::StatusOr<Money> amount = Money::Parse(options.amount);
    absl::StatusOr<PaymentTerms> terms = ImportTerms(
        system, text, parse_options,
        amount.ok() ? std::optional(amount->currency()) : std::nullopt);
    if (!terms.ok()) {
      return absl::Status(
          terms.status().code(),
          options.terms + ": " + std::string(terms.status().message()));
    }
    return terms;
  }
  if (options.terms.ends_with(".json")) {
    RELANCE_ASSIGN_OR_RETURN(std::string text, ReadFile(options.terms));
    absl::StatusOr<PaymentTerms> terms =
        PaymentTerms::FromJson(text, parse_options);
    if (!terms.ok()) {
      return InFile(options.terms, terms.status());
    }
    return terms;
  }
  return PaymentTerms::Parse(options.terms, parse_options);
}

void PrintDiscounts(const std::vector<ScheduledDiscount>& discounts,
                    std::string_view indent) {
  for (const ScheduledDiscount& discount : discounts) {
    std::cout << indent << "discount " << discount.percent.ToString()
              << " if paid by " << FormatDate(discount.deadline) << ": "
              << discount.discount.ToString() << " off, pay "
              << discount.net_payable.ToString() << "\n";
  }
}

absl::Status Run(const TermsOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(PaymentTerms terms, LoadTerms(options));
  if (!options.discount_base.empty()) {
    // --discount-base wins over what the terms say.
    TermsSpec spec = terms.spec();
    RELANCE_ASSIGN_OR_RETURN(spec.discount_base,
                             ParseDiscountBase(options.discount_base));
    RELANCE_ASSIGN_OR_RETURN(terms, PaymentTerms::Create(std::move(spec)));
  }
  RELANCE_ASSIGN_OR_RETURN(Date invoice_date, ParseDate(options.date));
  RELANCE_ASSIGN_OR_RETURN(Money amount, Money::Parse(options.amount));
  std::optional<Money> tax;
  if (!options.tax.empty()) {
    // "150.00" takes the currency of --amount; "150.00 EUR" must match it.
    absl::StatusOr<Money> parsed = Money::Parse(options.tax);
    if (!parsed.ok()) {
      parsed = Money::ParseAmount(options.tax, amount.currency());
    }
    if (!parsed.ok()) {
      return absl::InvalidArgumentError("--tax: " +
                                        std::string(parsed.status().message()));
    }
    tax = *parsed;
  }
  RELANCE_ASSIGN_OR_RETURN(PaymentSchedule schedule,
                           terms.Schedule(invoice_date, amount, tax));
  std::vector<TermsCheckResult> checks;
  for (const std::string& code : options.jurisdictions) {
    RELANCE_ASSIGN_OR_RETURN(PaymentDelayJurisdiction jurisdiction,
                             ParsePaymentDelayJurisdiction(code));
    RELANCE_ASSIGN_OR_RETURN(TermsCheckResult check,
                             CheckTerms(terms, jurisdiction));
    checks.push_back(std::move(check));
  }
  const std::optional<EndOfMonthReading> reading =
      terms.spec().end_of_month_reading;

  if (options.json) {
    std::cout << ScheduleToJson(terms, schedule, checks);
    return absl::OkStatus();
  }
  std::cout << "terms: " << terms.ToString() << "\n";
  if (reading.has_value()) {
    std::cout << "\"end of month\" read as: " << ToString(*reading) << "\n";
  }
  std::cout << "invoice of " << FormatDate(invoice_date) << ", "
            << amount.ToString();
  if (tax.has_value()) std::cout << " (tax " << tax->ToString() << ")";
  std::cout << "\n";
  if (schedule.tax_reduction.has_value()) {
    std::cout << "  tax reduced by " << schedule.tax_reduction->ToString()
              << " (mixed discount base: the tax is on the discounted "
                 "amount)\n";
  }
  for (size_t i = 0; i < schedule.instalments.size(); ++i) {
    const ScheduledInstalment& instalment = schedule.instalments[i];
    std::cout << "  instalment " << i + 1 << ": "
              << instalment.amount.ToString() << " due "
              << FormatDate(instalment.due_date);
    if (instalment.due_date != instalment.unadjusted_due_date) {
      std::cout << " (formula gave "
                << FormatDate(instalment.unadjusted_due_date) << ")";
    }
    std::cout << "\n";
    PrintDiscounts(instalment.discounts, "    ");
  }
  PrintDiscounts(schedule.discounts, "  ");
  for (const TermsCheckResult& check : checks) {
    std::cout << ToString(check.jurisdiction) << ": ";
    if (check.compliant()) {
      std::cout << "within the legal maximum (longest delay "
                << check.longest_delay_days << " days)\n";
      continue;
    }
    const TermsFinding& finding = check.findings.front();
    std::cout << (finding.severity == TermsFinding::Severity::kViolation
                      ? "VIOLATION"
                      : "warning")
              << " (" << finding.article << "): " << finding.message << "\n";
  }
  return absl::OkStatus();
}

// CLI11 leaves what it did not recognise in `extras`. An argument that starts
// with '-' and is not a long option is TERMS when none was given ("-CM-1D+D31",
// "-WD2"); anything else is an unknown option or a second TERMS.
absl::Status TermsFromExtras(const std::vector<std::string>& extras,
                             std::string& terms) {
  for (const std::string& extra : extras) {
    if (extra == "--") continue;  // CLI11 keeps the separator among extras
    if (extra.starts_with("--") || !terms.empty()) {
      return absl::InvalidArgumentError(
          "terms: unexpected argument \"" + extra +
          "\" (unknown option, or a second TERMS; write TERMS after -- if "
          "it starts with '-')");
    }
    terms = extra;
  }
  if (terms.empty()) {
    return absl::InvalidArgumentError(
        "terms: TERMS is required (terms text, a date formula or a JSON file)");
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterTermsCommand(CLI::App& app, Outcome& outcome) {
  auto options = std::make_shared<TermsOptions>();
  CLI::App* command = app.add_subcommand(
      "terms", "Show the schedule payment terms give and check legal caps");
  // A formula may start with '-' and a letter ("-CM-1D+D31", "-WD2"), which
  // CLI11 takes for an unknown short option: extras are allowed and such an
  // argument becomes TERMS (see TermsFromExtras). "--" also ends the options.
  command->allow_extras();
  command->add_option("terms", options->terms,
                      "Terms text (\"2/10 net 30\", \"45 jours fin de mois\", "
                      "\"CM+45D\"; after -- if it starts with '-'), or a JSON "
                      "terms file");
  command->add_option("--date", options->date, "Invoice date, YYYY-MM-DD")
      ->required();
  command->add_option("--amount", options->amount, "Invoice total")
      ->capture_default_str();
  command->add_option("--tax", options->tax,
                      "Tax included in the total (needed for discounts on the "
                      "untaxed amount)");
  command->add_option("--discount-base", options->discount_base,
                      "What discounts apply to: total, untaxed or mixed "
                      "(overrides the terms)");
  command->add_option("--from", options->from,
                      "TERMS is a file of another system's terms: odoo, "
                      "erpnext, tryton, business-central, sap");
  command->add_option("--calendar", options->calendar,
                      "Adjust due dates to business days of this calendar");
  command
      ->add_option("--convention", options->convention,
                   "Business-day convention with --calendar")
      ->capture_default_str();
  command
      ->add_option("--eom-reading", options->eom_reading,
                   "Reading of \"N days end of month\": days-then-eom or "
                   "eom-then-days")
      ->capture_default_str();
  command
      ->add_option("--jurisdiction", options->jurisdictions,
                   "Legal caps to check: FR, EU, EU-PUBLIC")
      ->capture_default_str();
  command->add_flag("--json", options->json, "Print JSON (see docs/cli.md)");
  OnRun(command, outcome, [options, command] {
    RELANCE_RETURN_IF_ERROR(
        TermsFromExtras(command->remaining(), options->terms));
    return Run(*options);
  });
}

}  // namespace relance::cli
