// `relance penalties`: what a late payer owes on one invoice.
// `relance rates`: the reference rate series.
//
//   relance penalties (--rule PRESET|FILE.json | --rate 15% [--day-count N])
//                     --amount "15000.00 EUR" --due DATE --as-of DATE
//                     [--payment DATE=AMOUNT]... [--credit-note DATE=AMOUNT]...
//                     [--consumer] [--series FILE.json]... [--json]
//   relance rates [SERIES] [--at DATE] [--list] [--json]
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/jurisdiction.hpp"
#include "relance/penalty.hpp"
#include "relance/rate_series.hpp"

namespace relance::cli {
namespace {

struct PenaltiesOptions {
  std::string rule;
  std::string rate;
  std::string day_count = "act/365";
  // Whether --day-count was on the command line (a rule has its own).
  bool day_count_given = false;
  std::string amount;
  std::string due;
  std::string as_of;
  std::vector<std::string> payments;
  std::vector<std::string> credit_notes;
  std::vector<std::string> series_files;
  bool consumer = false;
  bool json = false;
};

absl::StatusOr<ReferenceRates> LoadRates(
    const std::vector<std::string>& files) {
  ReferenceRates rates = ReferenceRates::Builtin();
  for (const std::string& file : files) {
    RELANCE_ASSIGN_OR_RETURN(std::string text, ReadFile(file));
    absl::StatusOr<RateSeries> series = RateSeries::FromJson(text);
    if (!series.ok()) {
      return InFile(file, series.status());
    }
    rates = rates.With(std::make_shared<const RateSeries>(*std::move(series)));
  }
  return rates;
}

absl::StatusOr<PenaltyRule> LoadRule(const PenaltiesOptions& options,
                                     const ReferenceRates& rates) {
  if (options.rule.empty() == options.rate.empty()) {
    return absl::InvalidArgumentError(
        "penalties: give exactly one of --rule or --rate");
  }
  if (!options.rule.empty() && options.day_count_given) {
    return absl::InvalidArgumentError(
        "penalties: --day-count goes with --rate only; a --rule carries its "
        "own day count (\"day_count\" in a JSON rule)");
  }
  if (!options.rate.empty()) {
    PenaltyRule rule{.id = "contractual-rate",
                     .name = "Contractual fixed rate"};
    rule.interest.basis = InterestRule::Basis::kFixedAnnual;
    // A bare "15" is rejected: 15 % or the ratio 15 (1500 %)?
    absl::StatusOr<Rate> rate = Rate::ParsePercent(options.rate);
    if (!rate.ok()) {
      return absl::Status(
          rate.status().code(),
          absl::StrCat("penalties: --rate: ", rate.status().message()));
    }
    rule.interest.rate = *rate;
    RELANCE_ASSIGN_OR_RETURN(rule.interest.day_count,
                             ParseDayCount(options.day_count));
    return rule;
  }
  if (options.rule.ends_with(".json")) {
    RELANCE_ASSIGN_OR_RETURN(std::string text, ReadFile(options.rule));
    absl::StatusOr<PenaltyRule> rule = PenaltyRuleFromJson(text, rates);
    if (!rule.ok()) {
      return InFile(options.rule, rule.status());
    }
    return rule;
  }
  return PenaltyPreset(options.rule, rates);
}

// "2018-05-01=5000.00" in the invoice's currency.
absl::StatusOr<Settlement> ParseSettlement(const std::string& text,
                                           Currency currency,
                                           Settlement::Kind kind,
                                           std::string_view option) {
  const size_t equals = text.find('=');
  if (equals == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(option), " ", internal::QuoteForMessage(text),
                     ": expected DATE=AMOUNT, e.g. 2018-05-01=5000.00"));
  }
  RELANCE_ASSIGN_OR_RETURN(Date date, ParseDate(text.substr(0, equals)));
  RELANCE_ASSIGN_OR_RETURN(
      Money amount, Money::ParseAmount(text.substr(equals + 1), currency));
  return Settlement{.date = date, .amount = amount, .kind = kind};
}

nlohmann::ordered_json AssessmentJson(const PenaltyRule& rule,
                                      const PenaltyAssessment& assessment) {
  nlohmann::ordered_json lines = nlohmann::ordered_json::array();
  for (const InterestLine& line : assessment.lines) {
    lines.push_back({{"from", FormatDate(line.first_day)},
                     {"to", FormatDate(line.last_day)},
                     {"days", line.days},
                     {"principal", line.principal.ToString()},
                     {"annual_rate", line.annual_rate.ToString()},
                     {"amount", line.amount.ToString()}});
  }
  nlohmann::ordered_json flags = nlohmann::ordered_json::array();
  for (PenaltyFlag flag : assessment.flags) flags.push_back(ToString(flag));
  return {
      {"rule", rule.id},
      {"citation", rule.citation},
      {"as_of", FormatDate(assessment.as_of)},
      {"lines", lines},
      {"interest", assessment.interest.ToString()},
      {"compensation", assessment.compensation.ToString()},
      {"charges", assessment.charges.ToString()},
      {"total", assessment.total.ToString()},
      {"principal_outstanding", assessment.principal_outstanding.ToString()},
      {"interest_outstanding", assessment.interest_outstanding.ToString()},
      {"costs_outstanding", assessment.costs_outstanding.ToString()},
      {"flags", flags},
      {"explanations", assessment.explanations}};
}

void PrintAssessment(const PenaltyRule& rule,
                     const PenaltyAssessment& assessment) {
  std::cout << "rule: " << rule.id;
  if (!rule.citation.empty()) std::cout << " (" << rule.citation << ")";
  std::cout << "\nas of " << FormatDate(assessment.as_of) << "\n";
  for (const InterestLine& line : assessment.lines) {
    std::cout << "  " << FormatDate(line.first_day) << " .. "
              << FormatDate(line.last_day) << "  " << line.days << " days  on "
              << line.principal.ToString() << " at "
              << line.annual_rate.ToString() << "  = " << line.amount.ToString()
              << "\n";
  }
  std::cout << "interest:     " << assessment.interest.ToString() << "\n"
            << "compensation: " << assessment.compensation.ToString() << "\n";
  if (!assessment.charges.IsZero()) {
    std::cout << "charges:      " << assessment.charges.ToString() << "\n";
  }
  std::cout << "total:        " << assessment.total.ToString() << "\n"
            << "outstanding:  principal "
            << assessment.principal_outstanding.ToString() << ", interest "
            << assessment.interest_outstanding.ToString() << ", costs "
            << assessment.costs_outstanding.ToString() << "\n";
  for (const std::string& explanation : assessment.explanations) {
    std::cout << "- " << explanation << "\n";
  }
}

absl::Status RunPenalties(const PenaltiesOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(Money amount, Money::Parse(options.amount));
  RELANCE_ASSIGN_OR_RETURN(ReferenceRates rates,
                           LoadRates(options.series_files));
  RELANCE_ASSIGN_OR_RETURN(PenaltyRule rule, LoadRule(options, rates));
  InvoiceFacts facts{.amount = amount,
                     .business_to_business = !options.consumer};
  RELANCE_ASSIGN_OR_RETURN(facts.due_date, ParseDate(options.due));
  RELANCE_ASSIGN_OR_RETURN(Date as_of, ParseDate(options.as_of));
  for (const std::string& text : options.payments) {
    RELANCE_ASSIGN_OR_RETURN(
        Settlement settlement,
        ParseSettlement(text, amount.currency(), Settlement::Kind::kPayment,
                        "--payment"));
    facts.settlements.push_back(settlement);
  }
  for (const std::string& text : options.credit_notes) {
    RELANCE_ASSIGN_OR_RETURN(
        Settlement settlement,
        ParseSettlement(text, amount.currency(), Settlement::Kind::kCreditNote,
                        "--credit-note"));
    facts.settlements.push_back(settlement);
  }
  RELANCE_ASSIGN_OR_RETURN(PenaltyAssessment assessment,
                           Assess(rule, facts, as_of));
  if (options.json) {
    PrintJson(AssessmentJson(rule, assessment));
  } else {
    PrintAssessment(rule, assessment);
  }
  return absl::OkStatus();
}

struct RatesOptions {
  std::string series;
  std::string at;
  bool list = false;
  bool json = false;
};

absl::Status RunRates(const RatesOptions& options) {
  if (options.list || options.series.empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const std::string& id : BuiltinRateSeriesIds()) {
      RELANCE_ASSIGN_OR_RETURN(auto series, BuiltinRateSeries(id));
      if (options.json) {
        list.push_back(
            {{"id", id},
             {"name", series->name()},
             {"first_date", FormatDate(series->first_date())},
             {"last_known_date", FormatDate(series->last_known_date())}});
      } else {
        std::cout << id << "\t" << FormatDate(series->first_date()) << " .. "
                  << FormatDate(series->last_known_date()) << "\t"
                  << series->name() << "\n";
      }
    }
    if (options.json) PrintJson({{"series", list}});
    return absl::OkStatus();
  }
  RELANCE_ASSIGN_OR_RETURN(auto series, BuiltinRateSeries(options.series));
  if (!options.at.empty()) {
    RELANCE_ASSIGN_OR_RETURN(Date date, ParseDate(options.at));
    RELANCE_ASSIGN_OR_RETURN(Rate rate, series->RateAt(date));
    if (options.json) {
      PrintJson({{"series", series->id()},
                 {"date", FormatDate(date)},
                 {"rate", rate.ToString()}});
    } else {
      std::cout << series->id() << " on " << FormatDate(date) << ": "
                << rate.ToString() << "\n";
    }
    return absl::OkStatus();
  }
  if (options.json) {
    nlohmann::ordered_json points = nlohmann::ordered_json::array();
    for (const RatePoint& point : series->points()) {
      points.push_back({{"from", FormatDate(point.effective_date)},
                        {"rate", point.rate.ToString()}});
    }
    PrintJson({{"id", series->id()},
               {"name", series->name()},
               {"source", series->source()},
               {"last_known_date", FormatDate(series->last_known_date())},
               {"points", points}});
    return absl::OkStatus();
  }
  std::cout << series->id() << ": " << series->name() << "\n"
            << "source: " << series->source() << "\n"
            << "known up to " << FormatDate(series->last_known_date()) << "\n";
  for (const RatePoint& point : series->points()) {
    std::cout << "  from " << FormatDate(point.effective_date) << "  "
              << point.rate.ToString() << "\n";
  }
  return absl::OkStatus();
}

}  // namespace

void RegisterPenaltiesCommand(CLI::App& app, Outcome& outcome) {
  auto options = std::make_shared<PenaltiesOptions>();
  CLI::App* command = app.add_subcommand(
      "penalties", "Late-payment interest and compensation for one invoice");
  command->add_option("--rule", options->rule,
                      "Preset (fr-b2b, de-b2b, de-b2c, uk-late-payment, "
                      "eu-directive) or a JSON rule file");
  command->add_option("--rate", options->rate,
                      "A contractual fixed annual rate instead of --rule, "
                      "with its unit: 15% or 1500bp");
  CLI::Option* day_count =
      command
          ->add_option("--day-count", options->day_count,
                       "Day count with --rate (not with --rule): act/365, "
                       "act/360, act/act, 30/360, 30e/360")
          ->capture_default_str();
  command->add_option("--amount", options->amount, "Invoice amount")
      ->required();
  command->add_option("--due", options->due, "Due date")->required();
  command->add_option("--as-of", options->as_of, "Date of the assessment")
      ->required();
  command->add_option("--payment", options->payments,
                      "A payment, DATE=AMOUNT (repeatable)");
  command->add_option("--credit-note", options->credit_notes,
                      "A credit note, DATE=AMOUNT (repeatable)");
  command->add_option("--series", options->series_files,
                      "A JSON rate series replacing the built-in one of the "
                      "same id (repeatable)");
  command->add_flag("--consumer", options->consumer,
                    "The debtor is a consumer (no B2B compensation)");
  command->add_flag("--json", options->json, "Print JSON (see docs/cli.md)");
  OnRun(command, outcome, [options, day_count] {
    options->day_count_given = day_count->count() > 0;
    return RunPenalties(*options);
  });

  auto rates = std::make_shared<RatesOptions>();
  CLI::App* rates_command =
      app.add_subcommand("rates", "Show a reference rate series");
  rates_command->add_option("series", rates->series,
                            "ecb-mro, de-basiszinssatz, uk-bank-rate, "
                            "fr-legal-professionals, fr-legal-individuals");
  rates_command->add_option("--at", rates->at, "The rate in force on DATE");
  rates_command->add_flag("--list", rates->list, "List the series");
  rates_command->add_flag("--json", rates->json, "Print JSON");
  OnRun(rates_command, outcome, [rates] { return RunRates(*rates); });
}

}  // namespace relance::cli
