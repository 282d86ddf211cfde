// `relance calendar`: list a calendar's holidays or adjust a date.
//
//   relance calendar CODE|FILE.json --year YYYY [--json]
//   relance calendar CODE|FILE.json --adjust DATE [--convention NAME] [--json]
//   relance calendar --list [--json]
#include <iostream>
#include <memory>
#include <string>

#include "cli/cli.hpp"
#include "relance/builtin_calendars.hpp"
#include "relance/calendar.hpp"
#include "relance/date.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance::cli {
namespace {

struct CalendarOptions {
  std::string calendar;
  int year = 0;        // read only when year_given
  std::string adjust;  // read only when adjust_given
  // Whether the options appeared on the command line: no value of year
  // (-1 included) or adjust ("" included) means "not given".
  bool year_given = false;
  bool adjust_given = false;
  std::string convention = "following";
  bool list = false;
  bool json = false;
};

// A built-in code, or a path to a JSON calendar file (anything ending in
// ".json" or containing a '/').
absl::StatusOr<BusinessCalendar> LoadCalendar(const std::string& name) {
  const bool is_file =
      name.ends_with(".json") || name.find('/') != std::string::npos;
  if (!is_file) {
    RELANCE_ASSIGN_OR_RETURN(std::shared_ptr<const BusinessCalendar> builtin,
                             BuiltinCalendar(name));
    return *builtin;
  }
  RELANCE_ASSIGN_OR_RETURN(std::string text, ReadFile(name));
  absl::StatusOr<BusinessCalendar> calendar = BusinessCalendar::FromJson(text);
  if (!calendar.ok()) {
    return InFile(name, calendar.status());
  }
  return calendar;
}

std::string Capitalised(std::string_view name) {
  std::string text(name);
  if (!text.empty()) text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

absl::Status ListCodes(bool json) {
  if (json) {
    nlohmann::ordered_json codes = nlohmann::ordered_json::array();
    for (const std::string& code : BuiltinCalendarCodes()) {
      RELANCE_ASSIGN_OR_RETURN(auto calendar, BuiltinCalendar(code));
      codes.push_back({{"code", code}, {"name", calendar->name()}});
    }
    PrintJson({{"calendars", codes}});
    return absl::OkStatus();
  }
  for (const std::string& code : BuiltinCalendarCodes()) {
    RELANCE_ASSIGN_OR_RETURN(auto calendar, BuiltinCalendar(code));
    std::cout << code << "\t" << calendar->name() << "\n";
  }
  return absl::OkStatus();
}

absl::Status ListHolidays(const BusinessCalendar& calendar, int year,
                          bool json) {
  if (year < 1 || year > 9999) {
    return absl::InvalidArgumentError("--year " + std::to_string(year) +
                                      ": expected a year from 1 to 9999");
  }
  const std::vector<Holiday> holidays = calendar.Holidays(year);
  if (json) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Holiday& holiday : holidays) {
      list.push_back({{"date", FormatDate(holiday.date)},
                      {"name", holiday.name},
                      {"weekday", WeekdayName(WeekdayOf(holiday.date))},
                      {"nominal_date", FormatDate(holiday.nominal_date)}});
    }
    PrintJson({{"calendar", calendar.code()},
               {"name", calendar.name()},
               {"year", year},
               {"holidays", list}});
    return absl::OkStatus();
  }
  std::cout << calendar.code() << " (" << calendar.name() << "), " << year
            << ": " << holidays.size() << " holidays\n";
  for (const Holiday& holiday : holidays) {
    const std::string weekday =
        Capitalised(WeekdayName(WeekdayOf(holiday.date)));
    std::cout << FormatDate(holiday.date) << "  " << weekday
              << std::string(10 - weekday.size(), ' ') << holiday.name << "\n";
  }
  return absl::OkStatus();
}

absl::Status AdjustDate(const BusinessCalendar& calendar,
                        const std::string& date_text,
                        const std::string& convention_text, bool json) {
  RELANCE_ASSIGN_OR_RETURN(Date date, ParseDate(date_text));
  RELANCE_ASSIGN_OR_RETURN(BusinessDayConvention convention,
                           ParseBusinessDayConvention(convention_text));
  const Date adjusted = calendar.Adjust(date, convention);
  const bool business_day = calendar.IsBusinessDay(date);
  if (json) {
    PrintJson({{"calendar", calendar.code()},
               {"date", FormatDate(date)},
               {"is_business_day", business_day},
               {"convention", ToString(convention)},
               {"adjusted", FormatDate(adjusted)}});
    return absl::OkStatus();
  }
  std::cout << FormatDate(date) << " ("
            << Capitalised(WeekdayName(WeekdayOf(date))) << ", "
            << (business_day ? "business day" : "not a business day") << ") -> "
            << FormatDate(adjusted) << " ("
            << Capitalised(WeekdayName(WeekdayOf(adjusted))) << ") by "
            << ToString(convention) << " in " << calendar.code() << "\n";
  return absl::OkStatus();
}

absl::Status Run(const CalendarOptions& options) {
  if (options.list) return ListCodes(options.json);
  if (options.calendar.empty()) {
    return absl::InvalidArgumentError(
        "calendar: give a calendar code or JSON file (or --list)");
  }
  if (options.year_given == options.adjust_given) {
    return absl::InvalidArgumentError(
        "calendar: give exactly one of --year or --adjust");
  }
  RELANCE_ASSIGN_OR_RETURN(BusinessCalendar calendar,
                           LoadCalendar(options.calendar));
  if (options.adjust_given) {
    return AdjustDate(calendar, options.adjust, options.convention,
                      options.json);
  }
  return ListHolidays(calendar, options.year, options.json);
}

}  // namespace

void RegisterCalendarCommand(CLI::App& app, Outcome& outcome) {
  auto options = std::make_shared<CalendarOptions>();
  CLI::App* command = app.add_subcommand(
      "calendar", "List a business calendar's holidays or adjust a date");
  command->add_option("calendar", options->calendar,
                      "Built-in code (FR, FR-ALSACE-MOSELLE, DE, GB, US, "
                      "TARGET) or a JSON calendar file");
  CLI::Option* year =
      command->add_option("--year", options->year, "List the holidays of YEAR");
  CLI::Option* adjust =
      command->add_option("--adjust", options->adjust,
                          "Adjust DATE (YYYY-MM-DD) to a business day");
  command
      ->add_option("--convention", options->convention,
                   "unadjusted, following, modified-following, preceding, "
                   "modified-preceding")
      ->capture_default_str();
  command->add_flag("--list", options->list, "List the built-in calendars");
  command->add_flag("--json", options->json, "Print JSON (see docs/cli.md)");
  OnRun(command, outcome, [options, year, adjust] {
    options->year_given = year->count() > 0;
    options->adjust_given = adjust->count() > 0;
    return Run(*options);
  });
}

}  // namespace relance::cli
