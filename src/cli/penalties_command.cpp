// `relance penalties`: what a late payer owes on one invoice.
// `relance rates`: the reference rate series.
//
//   relance penalties (--rule PRESET|FILE.json | --rate 15% [--day-count N])
//                     --amount "15000.00 EUR" --due DATE --as-of DATE
//                     [--obligation-date DATE]
//                     [--payment DATE=AMOUNT[ CUR]]...
//                     [--credit-note DATE=AMOUNT[ CUR]]...
//                     [--consumer] [--series FILE.json]... [--rates DIR]
//                     [--assume-last-rate] [--json]
//   relance rates [SERIES] [--at DATE] [--list] [--rates DIR] [--json]
//   relance rates add SERIES [--from DATE --rate RATE] [--last-known DATE]
//                     [--rates DIR] [--new]
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/cli.hpp"
#include "cli/rates_directory.hpp"
#include "relance/assessment_json.hpp"
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
  std::string rates_directory;
  std::string obligation_date;
  bool assume_last_rate = false;
  bool consumer = false;
  bool json = false;
};

// The built-in series, then the rates directory, then each --series file.
absl::StatusOr<ReferenceRates> LoadRates(const std::vector<std::string>& files,
                                         const std::string& directory) {
  RELANCE_ASSIGN_OR_RETURN(ReferenceRates rates, LoadReferenceRates(directory));
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
    return PenaltyRuleFromFile(options.rule, rates);
  }
  return PenaltyPreset(options.rule, rates);
}

// "2018-05-01=5000.00", in the invoice's currency, or with it:
// "2018-05-01=5000.00 EUR".
absl::StatusOr<Settlement> ParseSettlement(const std::string& text,
                                           Currency currency,
                                           Settlement::Kind kind,
                                           std::string_view option) {
  const size_t equals = text.find('=');
  if (equals == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(option), " ", internal::QuoteForMessage(text),
                     ": expected DATE=AMOUNT, e.g. 2018-05-01=5000.00 or "
                     "2018-05-01=5000.00 EUR"));
  }
  RELANCE_ASSIGN_OR_RETURN(Date date, ParseDate(text.substr(0, equals)));
  const std::string amount_text = text.substr(equals + 1);
  const bool has_currency = amount_text.find_first_of(
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq"
                                "rstuvwxyz") != std::string::npos;
  if (!has_currency) {
    RELANCE_ASSIGN_OR_RETURN(Money amount,
                             Money::ParseAmount(amount_text, currency));
    return Settlement{.date = date, .amount = amount, .kind = kind};
  }
  RELANCE_ASSIGN_OR_RETURN(Money amount, Money::Parse(amount_text));
  if (!(amount.currency() == currency)) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(option), " ", internal::QuoteForMessage(text),
                     ": ", amount.ToString(), " but the invoice is in ",
                     currency.ToString(), "; relance never mixes currencies"));
  }
  return Settlement{.date = date, .amount = amount, .kind = kind};
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
              << (line.assumed_rate ? "  (assumed rate)" : "") << "\n";
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
            << assessment.costs_outstanding.ToString() << "; total "
            << assessment.total_outstanding.ToString() << "\n";
  if (!assessment.overpaid.IsZero()) {
    std::cout << "overpaid:     " << assessment.overpaid.ToString() << "\n";
  }
  for (const std::string& explanation : assessment.explanations) {
    std::cout << "- " << explanation << "\n";
  }
}

absl::Status RunPenalties(const PenaltiesOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(Money amount, Money::Parse(options.amount));
  RELANCE_ASSIGN_OR_RETURN(
      ReferenceRates rates,
      LoadRates(options.series_files, options.rates_directory));
  RELANCE_ASSIGN_OR_RETURN(PenaltyRule rule, LoadRule(options, rates));
  if (options.assume_last_rate) {
    rule.interest.assume_last_rate = true;
    for (PenaltyRegime& regime : rule.earlier_regimes) {
      regime.interest.assume_last_rate = true;
    }
  }
  InvoiceFacts facts{.amount = amount,
                     .business_to_business = !options.consumer};
  RELANCE_ASSIGN_OR_RETURN(facts.due_date, ParseDate(options.due));
  if (!options.obligation_date.empty()) {
    RELANCE_ASSIGN_OR_RETURN(facts.obligation_date,
                             ParseDate(options.obligation_date));
  }
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
  absl::StatusOr<PenaltyAssessment> assessment_or = Assess(rule, facts, as_of);
  if (!assessment_or.ok()) {
    return WithRateGapHint(assessment_or.status(), options.rates_directory,
                           as_of, /*can_assume=*/true);
  }
  const PenaltyAssessment& assessment = *assessment_or;
  if (options.json) {
    std::cout << AssessmentToJson(assessment);
  } else {
    PrintAssessment(rule, assessment);
  }
  return absl::OkStatus();
}

struct RatesOptions {
  std::string series;
  std::string at;
  std::string rates_directory;
  bool list = false;
  bool json = false;
};

absl::Status RunRates(const RatesOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(ReferenceRates rates,
                           LoadReferenceRates(options.rates_directory));
  if (options.list || options.series.empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const std::string& id : rates.Ids()) {
      RELANCE_ASSIGN_OR_RETURN(auto series, rates.Find(id));
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
  absl::StatusOr<std::shared_ptr<const RateSeries>> found =
      rates.Find(options.series);
  if (!found.ok()) {
    // The built-in lookup lists the known ids.
    RELANCE_RETURN_IF_ERROR(BuiltinRateSeries(options.series).status());
    return found.status();
  }
  const std::shared_ptr<const RateSeries>& series = *found;
  if (!options.at.empty()) {
    RELANCE_ASSIGN_OR_RETURN(Date date, ParseDate(options.at));
    absl::StatusOr<Rate> rate = series->RateAt(date);
    if (!rate.ok()) {
      return WithRateGapHint(rate.status(), options.rates_directory, date,
                             /*can_assume=*/false);
    }
    if (options.json) {
      PrintJson({{"series", series->id()},
                 {"date", FormatDate(date)},
                 {"rate", rate->ToString()}});
    } else {
      std::cout << series->id() << " on " << FormatDate(date) << ": "
                << rate->ToString() << "\n";
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
               {"cadence", ToString(series->cadence())},
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

struct RatesAddOptions {
  std::string series;
  std::string from;
  std::string rate;
  std::string last_known;
  std::string rates_directory;
  bool new_series = false;
};

// Writes `text` to `path` through a temporary file in the same directory
// and a rename, so that a failure leaves the file as it was.
absl::Status WriteAtomically(const std::filesystem::path& path,
                             const std::string& text) {
  const std::filesystem::path temporary =
      path.parent_path() / absl::StrCat(".", path.filename().string(), ".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      return absl::InvalidArgumentError(
          absl::StrCat("cannot write \"", temporary.string(), "\""));
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot replace \"", path.string(), "\": ", error.message()));
  }
  return absl::OkStatus();
}

absl::Status RunRatesAdd(const RatesAddOptions& options) {
  const std::string directory = RatesDirectory(options.rates_directory);
  if (directory.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rates add: which rates directory? Give --rates DIR or set ",
        kRatesDirectoryVariable));
  }
  RateChange change;
  if (!options.from.empty()) {
    RELANCE_ASSIGN_OR_RETURN(change.from, ParseDate(options.from));
  }
  if (!options.rate.empty()) {
    absl::StatusOr<Rate> rate = Rate::ParsePercent(options.rate);
    if (!rate.ok()) {
      return absl::Status(
          rate.status().code(),
          absl::StrCat("rates add: --rate: ", rate.status().message()));
    }
    change.rate = *rate;
  }
  if (!options.last_known.empty()) {
    RELANCE_ASSIGN_OR_RETURN(change.last_known_date,
                             ParseDate(options.last_known));
  }
  const std::filesystem::path path =
      std::filesystem::path(directory) / absl::StrCat(options.series, ".csv");
  std::error_code error;
  if (std::filesystem::exists(std::filesystem::path(directory) /
                                  absl::StrCat(options.series, ".json"),
                              error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("rates add: ", directory, " holds ", options.series,
                     ".json; rates add writes CSV files only: edit that file "
                     "or replace it by a CSV file"));
  }
  std::string text;
  const bool exists = std::filesystem::exists(path, error);
  if (exists) {
    RELANCE_ASSIGN_OR_RETURN(text, ReadFile(path.string()));
  }
  absl::StatusOr<std::shared_ptr<const RateSeries>> builtin =
      BuiltinRateSeries(options.series);
  if (!builtin.ok() && !exists && !options.new_series) {
    return absl::NotFoundError(
        absl::StrCat("rates add: ", builtin.status().message(), ", and ",
                     directory, " has no ", options.series,
                     ".csv; pass --new to start a series of your own"));
  }
  const RateSeries* base = builtin.ok() ? builtin->get() : nullptr;
  absl::StatusOr<std::string> updated =
      AddRateChange(text, base, options.series, change);
  if (!updated.ok()) {
    return absl::Status(
        updated.status().code(),
        absl::StrCat(path.string(), ": ", updated.status().message()));
  }
  if (exists && *updated == text) {
    std::cout << options.series << ": already recorded in " << path.string()
              << "\n";
    return absl::OkStatus();
  }
  if (!std::filesystem::is_directory(directory, error)) {
    std::filesystem::create_directories(directory, error);
    if (error) {
      return absl::InvalidArgumentError(
          absl::StrCat("rates add: cannot create the directory \"", directory,
                       "\": ", error.message()));
    }
  }
  // What the series becomes (AddRateChange checked that this reads back).
  RELANCE_ASSIGN_OR_RETURN(RateSeries file,
                           RateSeries::FromCsv(*updated, options.series));
  const Date last_known = base == nullptr ? file.last_known_date()
                                          : std::max(file.last_known_date(),
                                                     base->last_known_date());
  RELANCE_RETURN_IF_ERROR(WriteAtomically(path, *updated));
  std::cout << options.series << ": ";
  if (change.from.has_value()) {
    std::cout << change.rate->ToString() << " from " << FormatDate(*change.from)
              << ", ";
  }
  std::cout << "known up to " << FormatDate(last_known) << " ("
            << (exists ? "updated " : "created ") << path.string() << ")\n";
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
  command->add_option(
      "--obligation-date", options->obligation_date,
      "When the obligation arose (contract, delivery or invoice date): "
      "chooses the regime of a law that changed; default: the due date");
  command->add_option("--payment", options->payments,
                      "A payment, DATE=AMOUNT or DATE=\"AMOUNT CUR\" "
                      "(repeatable)");
  command->add_option("--credit-note", options->credit_notes,
                      "A credit note, DATE=AMOUNT or DATE=\"AMOUNT CUR\" "
                      "(repeatable)");
  command->add_option("--series", options->series_files,
                      "A JSON rate series replacing the one of the same id "
                      "(repeatable; applied after --rates)");
  AddRatesOption(command, options->rates_directory);
  command->add_flag("--assume-last-rate", options->assume_last_rate,
                    "Beyond a series' last known date, carry its last rate "
                    "forward (flagged) instead of failing");
  command->add_flag("--consumer", options->consumer,
                    "The debtor is a consumer (no B2B compensation)");
  command->add_flag("--json", options->json, "Print JSON (see docs/cli.md)");
  OnRun(command, outcome, [options, day_count] {
    options->day_count_given = day_count->count() > 0;
    return RunPenalties(*options);
  });

  auto rates = std::make_shared<RatesOptions>();
  CLI::App* rates_command = app.add_subcommand(
      "rates", "Show a reference rate series, or add a published change");
  rates_command->require_subcommand(0, 1);
  rates_command->add_option("series", rates->series,
                            "ecb-mro, de-basiszinssatz, uk-bank-rate, "
                            "fr-legal-professionals, fr-legal-individuals, "
                            "or a series of the rates directory");
  rates_command->add_option("--at", rates->at, "The rate in force on DATE");
  AddRatesOption(rates_command, rates->rates_directory);
  rates_command->add_flag("--list", rates->list, "List the series");
  rates_command->add_flag("--json", rates->json, "Print JSON");

  auto add = std::make_shared<RatesAddOptions>();
  CLI::App* add_command = rates_command->add_subcommand(
      "add", "Record a published rate change in the rates directory");
  add_command->add_option("series", add->series, "The series id")->required();
  add_command->add_option("--from", add->from,
                          "The date the new rate takes effect");
  add_command->add_option("--rate", add->rate,
                          "The new rate, with its unit: 2.40% or 240bp");
  add_command->add_option(
      "--last-known", add->last_known,
      "The rate is known (unchanged) up to DATE; default: the change's date "
      "(the half-year's end for a half-yearly series)");
  AddRatesOption(add_command, add->rates_directory);
  add_command->add_flag("--new", add->new_series,
                        "Start a series that is neither built in nor in the "
                        "directory");
  OnRun(add_command, outcome, [add] { return RunRatesAdd(*add); });
  OnRun(rates_command, outcome, [rates, add_command] {
    if (add_command->parsed()) return absl::OkStatus();
    return RunRates(*rates);
  });
}

}  // namespace relance::cli
