// BusinessCalendar::FromJson: the JSON form of a calendar (docs/calendars.md).
//
// nlohmann::json is used with exceptions confined to this file: parse errors
// are caught and turned into absl::Status, and every other access checks the
// type first (is_string() before get_ref, is_number_integer() before get),
// so no exception leaves the library.
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "relance/builtin_calendars.hpp"
#include "relance/calendar.hpp"
#include "relance/date.hpp"
#include "relance/internal/file_reader.hpp"
#include "relance/internal/json_reader.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

using Json = internal::Json;

constexpr std::string_view kExtraDateName = "Extra closing day";

// The shared strict JSON reader, with messages prefixed by "calendar: ".
const internal::JsonReader& Reader() {
  static const internal::JsonReader* const reader =
      new internal::JsonReader("calendar");
  return *reader;
}
absl::Status Invalid(std::string_view path, std::string_view message) {
  return Reader().Invalid(path, message);
}
std::string TypeName(const Json& value) {
  return internal::JsonReader::TypeName(value);
}
absl::Status WrongType(std::string_view path, std::string_view expected,
                       const Json& value) {
  return Reader().WrongType(path, expected, value);
}
absl::Status CheckKeys(std::string_view path, const Json& object,
                       const std::vector<std::string_view>& allowed) {
  return Reader().CheckKeys(path, object, allowed);
}
absl::StatusOr<std::string> GetString(std::string_view path,
                                      const Json& value) {
  return Reader().GetString(path, value);
}
absl::StatusOr<int> GetInt(std::string_view path, const Json& value) {
  return Reader().GetInt(path, value);
}
// Dates go through ParseDate, whose message is kept: `calendar:
// holidays[4].date: date "2026-02-30": day 30 does not exist in 2026-02 ...`.
absl::StatusOr<Date> GetDate(std::string_view path, const Json& value) {
  return Reader().GetDate(path, value);
}

absl::StatusOr<Weekday> GetWeekday(std::string_view path, const Json& value) {
  RELANCE_ASSIGN_OR_RETURN(std::string text, GetString(path, value));
  absl::StatusOr<Weekday> weekday = ParseWeekdayName(text);
  if (!weekday.ok()) {
    return Invalid(path, std::string(weekday.status().message()));
  }
  return *weekday;
}

// At most `max_size` dates, refused before any is read.
absl::StatusOr<std::vector<Date>> GetDateList(std::string_view path,
                                              const Json& value,
                                              size_t max_size) {
  if (!value.is_array()) return WrongType(path, "an array of dates", value);
  if (value.size() > max_size) {
    return Invalid(path,
                   absl::StrCat(value.size(), " dates, at most ", max_size));
  }
  std::vector<Date> dates;
  for (size_t i = 0; i < value.size(); ++i) {
    RELANCE_ASSIGN_OR_RETURN(
        Date date,
        GetDate(absl::StrCat(std::string(path), "[", i, "]"), value[i]));
    dates.push_back(date);
  }
  return dates;
}

absl::StatusOr<Weekend> GetWeekend(const Json& value) {
  if (!value.is_array()) {
    return WrongType("weekend", "an array of weekday names", value);
  }
  Weekend weekend;
  for (size_t i = 0; i < value.size(); ++i) {
    const std::string path = absl::StrCat("weekend[", i, "]");
    RELANCE_ASSIGN_OR_RETURN(Weekday day, GetWeekday(path, value[i]));
    if (weekend.Contains(day)) {
      return Invalid(path, absl::StrCat("\"", std::string(WeekdayName(day)),
                                        "\" is listed twice"));
    }
    weekend = weekend.With(day);
  }
  return weekend;
}

constexpr std::string_view kRuleShapes =
    "a rule has exactly one of: month+day, easter_offset, "
    "month+weekday+nth, date";

// Decides the kind of rule from the keys present and reports mixtures.
absl::StatusOr<HolidayRule::Kind> RuleKind(std::string_view path,
                                           const Json& rule) {
  const auto has = [&](std::string_view key) {
    return rule.contains(std::string(key));
  };
  const auto mixes = [&](std::string_view a, std::string_view b) {
    return Invalid(
        path, absl::StrCat("mixes \"", std::string(a), "\" with \"",
                           std::string(b), "\"; ", std::string(kRuleShapes)));
  };
  const auto required = [&](std::string_view key, std::string_view with) {
    return Invalid(absl::StrCat(std::string(path), ".", std::string(key)),
                   absl::StrCat("required with \"", std::string(with), "\""));
  };
  if (has("date")) {
    for (std::string_view other :
         {"month", "day", "easter_offset", "weekday", "nth"}) {
      if (has(other)) return mixes("date", other);
    }
    return HolidayRule::Kind::kOneOff;
  }
  if (has("easter_offset")) {
    for (std::string_view other : {"month", "day", "weekday", "nth"}) {
      if (has(other)) return mixes("easter_offset", other);
    }
    return HolidayRule::Kind::kEasterOffset;
  }
  if (has("weekday") || has("nth")) {
    const std::string_view present = has("weekday") ? "weekday" : "nth";
    if (has("day")) return mixes(present, "day");
    if (!has("month")) return required("month", present);
    if (!has("weekday")) return required("weekday", "nth");
    if (!has("nth")) return required("nth", "weekday");
    return HolidayRule::Kind::kNthWeekday;
  }
  if (has("month") || has("day")) {
    if (!has("month")) return required("month", "day");
    if (!has("day")) return required("day", "month");
    return HolidayRule::Kind::kFixedDate;
  }
  return Invalid(path,
                 absl::StrCat("no date given; ", std::string(kRuleShapes)));
}

absl::StatusOr<HolidayRule> ParseRule(const std::string& path,
                                      const Json& value) {
  if (!value.is_object()) return WrongType(path, "an object", value);
  RELANCE_RETURN_IF_ERROR(CheckKeys(
      path, value,
      {"name", "month", "day", "easter_offset", "weekday", "nth", "date",
       "observance", "from_year", "to_year", "moves", "skipped_years"}));
  const auto field = [&](std::string_view key) {
    return absl::StrCat(path, ".", std::string(key));
  };

  HolidayRule rule;
  if (!value.contains("name")) return Invalid(field("name"), "required");
  RELANCE_ASSIGN_OR_RETURN(rule.name, GetString(field("name"), value["name"]));
  RELANCE_ASSIGN_OR_RETURN(rule.kind, RuleKind(path, value));
  switch (rule.kind) {
    case HolidayRule::Kind::kFixedDate: {
      RELANCE_ASSIGN_OR_RETURN(rule.month,
                               GetInt(field("month"), value["month"]));
      RELANCE_ASSIGN_OR_RETURN(rule.day, GetInt(field("day"), value["day"]));
      break;
    }
    case HolidayRule::Kind::kEasterOffset: {
      RELANCE_ASSIGN_OR_RETURN(
          rule.easter_offset,
          GetInt(field("easter_offset"), value["easter_offset"]));
      break;
    }
    case HolidayRule::Kind::kNthWeekday: {
      RELANCE_ASSIGN_OR_RETURN(rule.month,
                               GetInt(field("month"), value["month"]));
      RELANCE_ASSIGN_OR_RETURN(rule.weekday,
                               GetWeekday(field("weekday"), value["weekday"]));
      RELANCE_ASSIGN_OR_RETURN(rule.nth, GetInt(field("nth"), value["nth"]));
      break;
    }
    case HolidayRule::Kind::kOneOff: {
      RELANCE_ASSIGN_OR_RETURN(rule.date,
                               GetDate(field("date"), value["date"]));
      break;
    }
  }
  if (value.contains("observance")) {
    RELANCE_ASSIGN_OR_RETURN(
        std::string text, GetString(field("observance"), value["observance"]));
    absl::StatusOr<Observance> observance = ParseObservance(text);
    if (!observance.ok()) {
      return Invalid(field("observance"),
                     std::string(observance.status().message()));
    }
    rule.observance = *observance;
  }
  if (value.contains("from_year")) {
    RELANCE_ASSIGN_OR_RETURN(rule.from_year,
                             GetInt(field("from_year"), value["from_year"]));
  }
  if (value.contains("to_year")) {
    RELANCE_ASSIGN_OR_RETURN(rule.to_year,
                             GetInt(field("to_year"), value["to_year"]));
  }
  if (value.contains("moves")) {
    const Json& moves = value["moves"];
    if (!moves.is_array()) {
      return WrongType(field("moves"), "an array of {year, date}", moves);
    }
    for (size_t k = 0; k < moves.size(); ++k) {
      const std::string move_path = absl::StrCat(path, ".moves[", k, "]");
      const Json& move = moves[k];
      if (!move.is_object()) return WrongType(move_path, "an object", move);
      RELANCE_RETURN_IF_ERROR(CheckKeys(move_path, move, {"year", "date"}));
      if (!move.contains("year")) {
        return Invalid(absl::StrCat(move_path, ".year"), "required");
      }
      if (!move.contains("date")) {
        return Invalid(absl::StrCat(move_path, ".date"), "required");
      }
      HolidayMove parsed;
      RELANCE_ASSIGN_OR_RETURN(
          parsed.year, GetInt(absl::StrCat(move_path, ".year"), move["year"]));
      RELANCE_ASSIGN_OR_RETURN(
          parsed.date, GetDate(absl::StrCat(move_path, ".date"), move["date"]));
      rule.moves.push_back(parsed);
    }
  }
  if (value.contains("skipped_years")) {
    const Json& years = value["skipped_years"];
    if (!years.is_array()) {
      return WrongType(field("skipped_years"), "an array of years", years);
    }
    for (size_t k = 0; k < years.size(); ++k) {
      RELANCE_ASSIGN_OR_RETURN(
          int year,
          GetInt(absl::StrCat(path, ".skipped_years[", k, "]"), years[k]));
      rule.skipped_years.push_back(year);
    }
  }
  // Ranges and relations (month 1..12, nth, years, moves in their year...).
  const absl::Status status = rule.Validate(path);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("calendar: ", std::string(status.message())));
  }
  return rule;
}

absl::StatusOr<Json> ParseJsonText(std::string_view text) {
  return Reader().Parse(text);
}

}  // namespace

absl::StatusOr<BusinessCalendar> BusinessCalendar::FromFile(
    const std::string& path) {
  return internal::ParseConfigFile(path, &BusinessCalendar::FromJson);
}

absl::StatusOr<BusinessCalendar> BusinessCalendar::FromJson(
    std::string_view json_text) {
  RELANCE_ASSIGN_OR_RETURN(Json document, ParseJsonText(json_text));
  if (!document.is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat("calendar: expected a JSON object at the top level, got ",
                     TypeName(document)));
  }
  RELANCE_RETURN_IF_ERROR(
      CheckKeys("", document,
                {"code", "name", "base", "weekend", "holidays", "extra_dates",
                 "removed_dates"}));

  CalendarSpec spec;
  if (document.contains("base")) {
    RELANCE_ASSIGN_OR_RETURN(std::string base,
                             GetString("base", document["base"]));
    absl::StatusOr<std::shared_ptr<const BusinessCalendar>> builtin =
        BuiltinCalendar(base);
    if (!builtin.ok()) {
      return absl::Status(
          builtin.status().code(),
          absl::StrCat("calendar: base: ",
                       std::string(builtin.status().message())));
    }
    spec = (*builtin)->spec();
  }
  if (!document.contains("code")) return Invalid("code", "required");
  RELANCE_ASSIGN_OR_RETURN(spec.code, GetString("code", document["code"]));
  spec.name.clear();
  if (document.contains("name")) {
    RELANCE_ASSIGN_OR_RETURN(spec.name, GetString("name", document["name"]));
  }
  if (document.contains("weekend")) {
    RELANCE_ASSIGN_OR_RETURN(spec.weekend, GetWeekend(document["weekend"]));
  }
  if (document.contains("holidays")) {
    const Json& holidays = document["holidays"];
    if (!holidays.is_array()) {
      return WrongType("holidays", "an array of rules", holidays);
    }
    // Refused before any rule is read (Create checks each kind's limit).
    constexpr size_t kMaxRules = BusinessCalendar::kMaxRecurringRules +
                                 BusinessCalendar::kMaxOneOffRules;
    if (holidays.size() > kMaxRules) {
      return Invalid(
          "holidays",
          absl::StrCat(holidays.size(), " rules, at most ", kMaxRules, " (",
                       BusinessCalendar::kMaxRecurringRules, " recurring and ",
                       BusinessCalendar::kMaxOneOffRules, " one-off dates)"));
    }
    for (size_t i = 0; i < holidays.size(); ++i) {
      RELANCE_ASSIGN_OR_RETURN(
          HolidayRule rule,
          ParseRule(absl::StrCat("holidays[", i, "]"), holidays[i]));
      spec.holidays.push_back(std::move(rule));
    }
  }
  if (document.contains("extra_dates")) {
    RELANCE_ASSIGN_OR_RETURN(std::vector<Date> dates,
                             GetDateList("extra_dates", document["extra_dates"],
                                         BusinessCalendar::kMaxOneOffRules));
    for (Date date : dates) {
      spec.holidays.push_back(
          HolidayRule::OneOff(std::string(kExtraDateName), date));
    }
  }
  if (document.contains("removed_dates")) {
    RELANCE_ASSIGN_OR_RETURN(
        std::vector<Date> dates,
        GetDateList("removed_dates", document["removed_dates"],
                    BusinessCalendar::kMaxRemovedDates));
    spec.removed_dates.insert(spec.removed_dates.end(), dates.begin(),
                              dates.end());
  }
  return Create(std::move(spec));
}

}  // namespace relance
