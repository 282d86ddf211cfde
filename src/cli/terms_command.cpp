// `relance terms`: the schedule that payment terms give for an invoice, and
// the legal caps they may break.
//
//   relance terms TERMS --date DATE [--amount "1000.00 EUR"] [--calendar CODE]
//                 [--convention NAME] [--eom-reading
//                 days-then-eom|eom-then-days]
//                 [--jurisdiction FR|EU|EU-PUBLIC]... [--json]
//
// TERMS is terms text ("2/10 net 30") or the path of a JSON terms file.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "relance/builtin_calendars.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/terms.hpp"
#include "relance/terms_check.hpp"

namespace relance::cli {
namespace {

struct TermsOptions {
  std::string terms;
  std::string date;
  std::string amount = "100.00 EUR";
  std::string calendar;
  std::string convention = "following";
  std::string eom_reading = "days-then-eom";
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

nlohmann::ordered_json DiscountsJson(
    const std::vector<ScheduledDiscount>& discounts) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const ScheduledDiscount& discount : discounts) {
    list.push_back({{"percent", discount.percent.ToString()},
                    {"deadline", FormatDate(discount.deadline)},
                    {"discount", discount.discount.ToString()},
                    {"net_payable", discount.net_payable.ToString()}});
  }
  return list;
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
  RELANCE_ASSIGN_OR_RETURN(Date invoice_date, ParseDate(options.date));
  RELANCE_ASSIGN_OR_RETURN(Money amount, Money::Parse(options.amount));
  RELANCE_ASSIGN_OR_RETURN(PaymentSchedule schedule,
                           terms.Schedule(invoice_date, amount));
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
    nlohmann::ordered_json instalments = nlohmann::ordered_json::array();
    for (const ScheduledInstalment& instalment : schedule.instalments) {
      instalments.push_back(
          {{"due_date", FormatDate(instalment.due_date)},
           {"unadjusted_due_date", FormatDate(instalment.unadjusted_due_date)},
           {"amount", instalment.amount.ToString()},
           {"discounts", DiscountsJson(instalment.discounts)}});
    }
    nlohmann::ordered_json legal = nlohmann::ordered_json::array();
    for (const TermsCheckResult& check : checks) {
      nlohmann::ordered_json findings = nlohmann::ordered_json::array();
      for (const TermsFinding& finding : check.findings) {
        findings.push_back({{"severity", ToString(finding.severity)},
                            {"article", finding.article},
                            {"message", finding.message},
                            {"invoice_date", FormatDate(finding.invoice_date)},
                            {"due_date", FormatDate(finding.due_date)},
                            {"limit_date", FormatDate(finding.limit_date)}});
      }
      legal.push_back({{"jurisdiction", ToString(check.jurisdiction)},
                       {"compliant", check.compliant()},
                       {"longest_delay_days", check.longest_delay_days},
                       {"findings", findings}});
    }
    PrintJson({{"terms", terms.ToString()},
               {"eom_reading", reading.has_value()
                                   ? nlohmann::ordered_json(ToString(*reading))
                                   : nlohmann::ordered_json(nullptr)},
               {"invoice_date", FormatDate(invoice_date)},
               {"total", amount.ToString()},
               {"instalments", instalments},
               {"discounts", DiscountsJson(schedule.discounts)},
               {"final_due_date", FormatDate(schedule.final_due_date)},
               {"legal", legal}});
    return absl::OkStatus();
  }
  std::cout << "terms: " << terms.ToString() << "\n";
  if (reading.has_value()) {
    std::cout << "\"end of month\" read as: " << ToString(*reading) << "\n";
  }
  std::cout << "invoice of " << FormatDate(invoice_date) << ", "
            << amount.ToString() << "\n";
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

}  // namespace

void RegisterTermsCommand(CLI::App& app, Outcome& outcome) {
  auto options = std::make_shared<TermsOptions>();
  CLI::App* command = app.add_subcommand(
      "terms", "Show the schedule payment terms give and check legal caps");
  command
      ->add_option("terms", options->terms,
                   "Terms text (\"2/10 net 30\", \"45 jours fin de mois\", "
                   "\"CM+45D\") or a JSON terms file")
      ->required();
  command->add_option("--date", options->date, "Invoice date, YYYY-MM-DD")
      ->required();
  command->add_option("--amount", options->amount, "Invoice total")
      ->capture_default_str();
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
  OnRun(command, outcome, [options] { return Run(*options); });
}

}  // namespace relance::cli
