#include "relance/rate_series.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "relance/internal/embedded_data.hpp"
#include "relance/internal/enum_names.hpp"
#include "relance/internal/json_reader.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() &&
         (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

constexpr internal::EnumName<RateCadence> kCadenceNames[] = {
    {RateCadence::kAnyDay, "any-day"},
    {RateCadence::kHalfYearly, "half-yearly"},
};

constexpr char kRateGapUrl[] = "type.relance/rate-gap";

bool IsHalfYearStart(Date date) {
  return DayOf(date) == 1 && (MonthOf(date) == 1 || MonthOf(date) == 7);
}

Date NextHalfYear(Date half_year_start) {
  return MonthOf(half_year_start) == 1
             ? MakeDate(YearOf(half_year_start), 7, 1)
             : MakeDate(YearOf(half_year_start) + 1, 1, 1);
}

// The rate as the CSV column writes it: percent without the sign ("2.15").
std::string PercentText(Rate rate) {
  std::string text = rate.ToString();
  if (!text.empty() && text.back() == '%') text.pop_back();
  return text;
}

// A built-in series: which embedded file and which column.
struct BuiltinSpec {
  std::string_view id;
  std::string_view (*file)();
  std::string_view column;
};

constexpr BuiltinSpec kBuiltins[] = {
    {"ecb-mro", internal::EmbeddedEcbMroCsv, "rate_percent"},
    {"de-basiszinssatz", internal::EmbeddedDeBasiszinssatzCsv, "rate_percent"},
    {"uk-bank-rate", internal::EmbeddedUkBankRateCsv, "rate_percent"},
    {"fr-legal-professionals", internal::EmbeddedFrTauxInteretLegalCsv,
     "professionals_percent"},
    {"fr-legal-individuals", internal::EmbeddedFrTauxInteretLegalCsv,
     "individuals_percent"},
};

}  // namespace

std::string_view ToString(RateCadence cadence) {
  return internal::NameOf(kCadenceNames, cadence);
}

absl::StatusOr<RateCadence> ParseRateCadence(std::string_view text) {
  return internal::ParseName(kCadenceNames, text, "rate cadence");
}

absl::StatusOr<RateSeries> RateSeries::Create(std::string id, std::string name,
                                              std::string source,
                                              std::vector<RatePoint> points,
                                              Date last_known_date,
                                              RateCadence cadence) {
  if (!ValidId(id)) {
    return absl::InvalidArgumentError(
        absl::StrCat("rate series ", internal::QuoteForMessage(id),
                     ": the id needs 1..64 letters, digits, '-' or '_'"));
  }
  const std::string label = absl::StrCat("rate series ", id);
  if (points.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(label, ": no rate"));
  }
  for (size_t i = 0; i < points.size(); ++i) {
    if (std::abs(points[i].rate.parts_per_billion()) >
        Rate::kMaxPartsPerBillion) {
      return absl::InvalidArgumentError(
          absl::StrCat(label, ": point [", i, "]: rate out of range"));
    }
    if (i > 0 && points[i].effective_date <= points[i - 1].effective_date) {
      return absl::InvalidArgumentError(absl::StrCat(
          label, ": point [", i, "] (", FormatDate(points[i].effective_date),
          ") is not after the previous one (",
          FormatDate(points[i - 1].effective_date), ")"));
    }
    if (cadence != RateCadence::kHalfYearly) continue;
    if (!IsHalfYearStart(points[i].effective_date)) {
      return absl::InvalidArgumentError(absl::StrCat(
          label, ": point [", i, "] (", FormatDate(points[i].effective_date),
          ") is not on 1 January or 1 July (the series changes half-yearly)"));
    }
    if (i > 0 && points[i].effective_date !=
                     NextHalfYear(points[i - 1].effective_date)) {
      return absl::InvalidArgumentError(absl::StrCat(
          label, ": point [", i, "] (", FormatDate(points[i].effective_date),
          ") skips the half-year from ",
          FormatDate(NextHalfYear(points[i - 1].effective_date)),
          " (the series has one point per half-year)"));
    }
  }
  if (last_known_date < points.back().effective_date) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, ": last known date ", FormatDate(last_known_date),
                     " is before the last effective date ",
                     FormatDate(points.back().effective_date)));
  }
  RateSeries series;
  series.id_ = std::move(id);
  series.name_ = std::move(name);
  series.source_ = std::move(source);
  series.points_ = std::move(points);
  series.last_known_date_ = last_known_date;
  series.cadence_ = cadence;
  return series;
}

absl::StatusOr<RateSeries> RateSeries::FromCsv(std::string_view csv_text,
                                               std::string id,
                                               std::string_view column) {
  const std::string label = absl::StrCat("rate series ", id);
  std::string name;
  std::string source;
  std::optional<Date> last_known;
  RateCadence cadence = RateCadence::kAnyDay;
  std::optional<size_t> column_index;
  std::vector<RatePoint> points;
  int line_number = 0;
  for (absl::string_view raw_line : absl::StrSplit(
           absl::string_view(csv_text.data(), csv_text.size()), '\n')) {
    ++line_number;
    const std::string_view line =
        Trim(std::string_view(raw_line.data(), raw_line.size()));
    const auto error = [&](std::string_view what) {
      return absl::InvalidArgumentError(
          absl::StrCat(label, ": line ", line_number, ": ", std::string(what)));
    };
    if (line.empty()) continue;
    if (line.front() == '#') {
      std::string_view comment = Trim(line.substr(1));
      if (comment.starts_with("Series:") && name.empty()) {
        name = std::string(Trim(comment.substr(7)));
      } else if (comment.starts_with("Publisher:") && source.empty()) {
        source = std::string(Trim(comment.substr(10)));
      } else if (comment.starts_with("last_known_date:")) {
        absl::StatusOr<Date> date = ParseDate(Trim(comment.substr(16)));
        if (!date.ok()) return error(std::string(date.status().message()));
        last_known = *date;
      } else if (comment.starts_with("cadence:")) {
        absl::StatusOr<RateCadence> parsed =
            ParseRateCadence(Trim(comment.substr(8)));
        if (!parsed.ok()) return error(std::string(parsed.status().message()));
        cadence = *parsed;
      }
      continue;
    }
    std::vector<std::string_view> fields;
    for (absl::string_view field :
         absl::StrSplit(absl::string_view(line.data(), line.size()), ',')) {
      fields.push_back(Trim(std::string_view(field.data(), field.size())));
    }
    if (!column_index.has_value()) {
      if (fields.empty() || fields[0] != "effective_date") {
        return error("expected a header line starting with effective_date");
      }
      for (size_t i = 1; i < fields.size(); ++i) {
        if (fields[i] == column) column_index = i;
      }
      if (!column_index.has_value()) {
        return error(
            absl::StrCat("no column ", internal::QuoteForMessage(column)));
      }
      continue;
    }
    if (fields.size() <= *column_index) {
      return error(absl::StrCat("expected at least ", *column_index + 1,
                                " fields, got ", fields.size()));
    }
    absl::StatusOr<Date> date = ParseDate(fields[0]);
    if (!date.ok()) return error(std::string(date.status().message()));
    absl::StatusOr<Rate> rate =
        Rate::Parse(absl::StrCat(std::string(fields[*column_index]), "%"));
    if (!rate.ok()) return error(std::string(rate.status().message()));
    points.push_back({.effective_date = *date, .rate = *rate});
  }
  if (!column_index.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, ": no header line (effective_date,...)"));
  }
  if (!last_known.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        label, ": missing the \"# last_known_date: YYYY-MM-DD\" line"));
  }
  return Create(std::move(id), std::move(name), std::move(source),
                std::move(points), *last_known, cadence);
}

absl::StatusOr<RateSeries> RateSeries::FromJson(std::string_view json_text) {
  const internal::JsonReader reader("rate series");
  RELANCE_ASSIGN_OR_RETURN(internal::Json document, reader.Parse(json_text));
  if (!document.is_object()) {
    return reader.WrongType("", "a JSON object", document);
  }
  RELANCE_RETURN_IF_ERROR(reader.CheckKeys(
      "", document,
      {"id", "name", "source", "cadence", "last_known_date", "points"}));
  for (const char* key : {"id", "last_known_date", "points"}) {
    if (!document.contains(key)) return reader.Invalid(key, "required");
  }
  RELANCE_ASSIGN_OR_RETURN(std::string id,
                           reader.GetString("id", document["id"]));
  std::string name;
  std::string source;
  if (document.contains("name")) {
    RELANCE_ASSIGN_OR_RETURN(name, reader.GetString("name", document["name"]));
  }
  if (document.contains("source")) {
    RELANCE_ASSIGN_OR_RETURN(source,
                             reader.GetString("source", document["source"]));
  }
  RateCadence cadence = RateCadence::kAnyDay;
  if (document.contains("cadence")) {
    RELANCE_ASSIGN_OR_RETURN(
        cadence,
        reader.GetParsed("cadence", document["cadence"], ParseRateCadence));
  }
  RELANCE_ASSIGN_OR_RETURN(
      Date last_known,
      reader.GetDate("last_known_date", document["last_known_date"]));
  const internal::Json& list = document["points"];
  if (!list.is_array()) return reader.WrongType("points", "an array", list);
  std::vector<RatePoint> points;
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string path = absl::StrCat("points[", i, "]");
    const internal::Json& point = list[i];
    if (!point.is_object()) return reader.WrongType(path, "an object", point);
    RELANCE_RETURN_IF_ERROR(reader.CheckKeys(path, point, {"from", "rate"}));
    for (const char* key : {"from", "rate"}) {
      if (!point.contains(key)) {
        return reader.Invalid(absl::StrCat(path, ".", key), "required");
      }
    }
    RELANCE_ASSIGN_OR_RETURN(
        Date from, reader.GetDate(absl::StrCat(path, ".from"), point["from"]));
    RELANCE_ASSIGN_OR_RETURN(
        std::string rate_text,
        reader.GetString(absl::StrCat(path, ".rate"), point["rate"]));
    // A bare "2.40" is rejected: 2.40 % or the ratio 2.40 (240 %)?
    absl::StatusOr<Rate> rate = Rate::ParsePercent(rate_text);
    if (!rate.ok()) {
      return reader.AtPath(absl::StrCat(path, ".rate"), rate.status());
    }
    points.push_back({.effective_date = from, .rate = *rate});
  }
  return Create(std::move(id), std::move(name), std::move(source),
                std::move(points), last_known, cadence);
}

absl::StatusOr<Rate> RateSeries::RateAt(Date date) const {
  if (date < first_date()) {
    return absl::OutOfRangeError(absl::StrCat(
        "rate series ", id_, ": no rate known for ", FormatDate(date),
        " (known from ", FormatDate(first_date()), " to ",
        FormatDate(last_known_date_), ")"));
  }
  if (date > last_known_date_) {
    absl::Status status = absl::OutOfRangeError(absl::StrCat(
        "rate series ", id_, ": no rate known for ", FormatDate(date),
        " (known from ", FormatDate(first_date()), " to ",
        FormatDate(last_known_date_), ", last rate ",
        LastKnownRate().ToString(), "); supply the rates published after ",
        FormatDate(last_known_date_), " up to at least ", FormatDate(date),
        " (a rates directory, RateSeries::Extended), or opt in to carrying "
        "the last known rate forward (assume_last_rate)"));
    status.SetPayload(kRateGapUrl, absl::Cord(absl::StrCat(
                                       id_, " ", FormatDate(date), " ",
                                       FormatDate(last_known_date_), " ",
                                       LastKnownRate().parts_per_billion())));
    return status;
  }
  // The last point whose effective date is on or before `date`.
  auto after = std::upper_bound(
      points_.begin(), points_.end(), date,
      [](Date d, const RatePoint& p) { return d < p.effective_date; });
  return std::prev(after)->rate;
}

Rate RateSeries::LastKnownRate() const { return points_.back().rate; }

std::optional<RateGap> RateGapOf(const absl::Status& status) {
  const auto payload = status.GetPayload(kRateGapUrl);
  if (!payload.has_value()) return std::nullopt;
  std::vector<std::string> parts = absl::StrSplit(std::string(*payload), ' ');
  if (parts.size() != 4) return std::nullopt;
  absl::StatusOr<Date> date = ParseDate(parts[1]);
  absl::StatusOr<Date> last_known = ParseDate(parts[2]);
  int64_t parts_per_billion = 0;
  if (!date.ok() || !last_known.ok() ||
      !absl::SimpleAtoi(parts[3], &parts_per_billion)) {
    return std::nullopt;
  }
  return RateGap{
      .series = parts[0],
      .date = *date,
      .last_known_date = *last_known,
      .last_known_rate = Rate::FromPartsPerBillion(parts_per_billion)};
}

std::optional<Date> RateSeries::NextChangeAfter(Date date) const {
  auto after = std::upper_bound(
      points_.begin(), points_.end(), date,
      [](Date d, const RatePoint& p) { return d < p.effective_date; });
  if (after == points_.end() || after->effective_date > last_known_date_) {
    return std::nullopt;
  }
  return after->effective_date;
}

absl::StatusOr<RateSeries> RateSeries::Extended(
    std::vector<RatePoint> later_points, Date new_last_known_date) const {
  std::vector<RatePoint> points = points_;
  points.insert(points.end(), later_points.begin(), later_points.end());
  if (new_last_known_date < last_known_date_) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rate series ", id_, ": the new last known date ",
        FormatDate(new_last_known_date), " is before the current one ",
        FormatDate(last_known_date_)));
  }
  return Create(id_, name_, source_, std::move(points), new_last_known_date,
                cadence_);
}

absl::StatusOr<std::shared_ptr<const RateSeries>> BuiltinRateSeries(
    std::string_view id) {
  for (const BuiltinSpec& spec : kBuiltins) {
    if (spec.id != id) continue;
    // Each built-in is parsed once, on first use, then shared (immutable).
    static absl::flat_hash_map<
        std::string, std::shared_ptr<const RateSeries>>* const cache = [] {
      auto* map = new absl::flat_hash_map<std::string,
                                          std::shared_ptr<const RateSeries>>();
      for (const BuiltinSpec& builtin : kBuiltins) {
        absl::StatusOr<RateSeries> series = RateSeries::FromCsv(
            builtin.file(), std::string(builtin.id), builtin.column);
        // The files are part of the build and tested; a broken one is a
        // build defect.
        if (!series.ok()) std::abort();
        (*map)[std::string(builtin.id)] =
            std::make_shared<const RateSeries>(*std::move(series));
      }
      return map;
    }();
    return cache->at(std::string(id));
  }
  return absl::NotFoundError(
      absl::StrCat("rate series ", internal::QuoteForMessage(id),
                   ": unknown, expected one of ",
                   absl::StrJoin(BuiltinRateSeriesIds(), ", ")));
}

std::vector<std::string> BuiltinRateSeriesIds() {
  std::vector<std::string> ids;
  for (const BuiltinSpec& spec : kBuiltins) ids.emplace_back(spec.id);
  return ids;
}

const ReferenceRates& ReferenceRates::Builtin() {
  static const ReferenceRates* const builtin = [] {
    auto* rates = new ReferenceRates();
    for (const BuiltinSpec& spec : kBuiltins) {
      rates->series_[std::string(spec.id)] = *BuiltinRateSeries(spec.id);
    }
    return rates;
  }();
  return *builtin;
}

ReferenceRates ReferenceRates::With(
    std::shared_ptr<const RateSeries> series) const {
  ReferenceRates copy = *this;
  if (series == nullptr) return copy;
  copy.series_[series->id()] = std::move(series);
  return copy;
}

absl::StatusOr<std::shared_ptr<const RateSeries>> ReferenceRates::Find(
    std::string_view id) const {
  auto it = series_.find(std::string(id));
  if (it == series_.end()) {
    return absl::NotFoundError(absl::StrCat(
        "rate series ", internal::QuoteForMessage(id), ": not available"));
  }
  return it->second;
}

std::vector<std::string> ReferenceRates::Ids() const {
  std::vector<std::string> ids;
  for (const auto& [id, series] : series_) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

absl::StatusOr<RateSeries> MergeRateSeries(const RateSeries& current,
                                           const RateSeries& update) {
  const std::string name =
      update.name().empty() ? current.name() : update.name();
  const std::string source =
      update.source().empty() ? current.source() : update.source();
  if (update.first_date() <= current.first_date()) {
    return RateSeries::Create(update.id(), name, source, update.points(),
                              update.last_known_date(), update.cadence());
  }
  if (update.first_date() > current.last_known_date() + Days{1}) {
    return absl::InvalidArgumentError(absl::StrCat(
        "rate series ", update.id(), ": starts on ",
        FormatDate(update.first_date()),
        " but the series it extends is known "
        "only up to ",
        FormatDate(current.last_known_date()),
        ", which leaves the days between undefined; start with the rate in "
        "force on ",
        FormatDate(current.last_known_date()), " (",
        current.LastKnownRate().ToString(), " from ",
        FormatDate(current.points().back().effective_date), ")"));
  }
  // Where both define a rate, they must agree: compare on every date where
  // either changes, from the update's first date.
  const Date overlap_end =
      std::min(current.last_known_date(), update.last_known_date());
  std::vector<Date> dates = {update.first_date()};
  for (const RateSeries* series : {&current, &update}) {
    for (const RatePoint& point : series->points()) {
      if (point.effective_date > update.first_date() &&
          point.effective_date <= overlap_end) {
        dates.push_back(point.effective_date);
      }
    }
  }
  std::sort(dates.begin(), dates.end());
  for (Date date : dates) {
    if (date > overlap_end) break;
    absl::StatusOr<Rate> known = current.RateAt(date);
    absl::StatusOr<Rate> given = update.RateAt(date);
    if (!known.ok() || !given.ok() || *known == *given) continue;
    return absl::InvalidArgumentError(absl::StrCat(
        "rate series ", update.id(), ": on ", FormatDate(date), " it gives ",
        given->ToString(), " but the series it extends gives ",
        known->ToString(),
        "; to replace that series instead, start the file on or before ",
        FormatDate(current.first_date())));
  }
  if (update.last_known_date() <= current.last_known_date()) {
    return current;  // nothing new
  }
  std::vector<RatePoint> points;
  for (const RatePoint& point : current.points()) {
    if (point.effective_date < update.first_date()) points.push_back(point);
  }
  for (const RatePoint& point : update.points()) {
    // A point restating the rate already in force adds nothing.
    if (!points.empty() && points.back().rate == point.rate &&
        current.cadence() != RateCadence::kHalfYearly) {
      continue;
    }
    points.push_back(point);
  }
  return RateSeries::Create(update.id(), name, source, std::move(points),
                            update.last_known_date(), current.cadence());
}

namespace {

absl::StatusOr<std::string> ReadRateFile(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::is_regular_file(status)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path.string(), ": not a regular file"));
  }
  const auto size = std::filesystem::file_size(path, error);
  if (error || size > kMaxRateFileBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(path.string(), ": larger than the limit of ",
                     kMaxRateFileBytes, " bytes for a rates file"));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path.string(), ": cannot be read"));
  }
  return text.str();
}

absl::Status InFile(const std::filesystem::path& path,
                    const absl::Status& status) {
  return absl::Status(status.code(),
                      absl::StrCat(path.string(), ": ", status.message()));
}

}  // namespace

absl::StatusOr<ReferenceRates> LoadRatesDirectory(const std::string& directory,
                                                  const ReferenceRates& base) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("rates directory ", directory, ": not a directory"));
  }
  // Sorted by id so that the result and the errors are deterministic.
  std::map<std::string, std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(directory, error)) {
    const std::filesystem::path& path = entry.path();
    const std::string file_name = path.filename().string();
    const std::string extension = path.extension().string();
    if (file_name.starts_with(".") ||
        (extension != ".csv" && extension != ".json")) {
      continue;
    }
    const std::string id = path.stem().string();
    if (!files.emplace(id, path).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "rates directory ", directory, ": two files for ", id, " (",
          files[id].filename().string(), ", ", file_name, ")"));
    }
  }
  if (error) {
    return absl::InvalidArgumentError(
        absl::StrCat("rates directory ", directory,
                     ": cannot be listed: ", error.message()));
  }
  ReferenceRates rates = base;
  for (const auto& [id, path] : files) {
    RELANCE_ASSIGN_OR_RETURN(std::string text, ReadRateFile(path));
    absl::StatusOr<RateSeries> series = path.extension() == ".csv"
                                            ? RateSeries::FromCsv(text, id)
                                            : RateSeries::FromJson(text);
    if (!series.ok()) return InFile(path, series.status());
    if (series->id() != id) {
      return absl::InvalidArgumentError(
          absl::StrCat(path.string(), ": the id \"", series->id(),
                       "\" is not the file's name (", id, ")"));
    }
    absl::StatusOr<std::shared_ptr<const RateSeries>> current = base.Find(id);
    if (current.ok()) {
      series = MergeRateSeries(**current, *series);
      if (!series.ok()) return InFile(path, series.status());
    }
    rates = rates.With(std::make_shared<const RateSeries>(*std::move(series)));
  }
  return rates;
}

absl::StatusOr<std::string> AddRateChange(std::string_view file_text,
                                          const RateSeries* base,
                                          const std::string& id,
                                          const RateChange& change) {
  const std::string label = absl::StrCat("rate series ", id);
  if (change.from.has_value() != change.rate.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        label,
        ": a change needs both its date (--from) and its rate (--rate)"));
  }
  if (!change.from.has_value() && !change.last_known_date.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        label,
        ": nothing to add: give a change (--from and --rate), a new "
        "last known date (--last-known), or both"));
  }
  if (change.rate.has_value() &&
      std::abs(change.rate->parts_per_billion()) > Rate::kMaxPartsPerBillion) {
    return absl::InvalidArgumentError(
        absl::StrCat(label, ": rate out of range"));
  }
  // The series as it stands: the file over its base.
  std::optional<RateSeries> file;
  if (!file_text.empty()) {
    RELANCE_ASSIGN_OR_RETURN(file, RateSeries::FromCsv(file_text, id));
  }
  std::optional<RateSeries> current;
  if (base != nullptr && file.has_value()) {
    RELANCE_ASSIGN_OR_RETURN(current, MergeRateSeries(*base, *file));
  } else if (base != nullptr) {
    current = *base;
  } else {
    current = file;
  }
  const RateCadence cadence =
      current.has_value() ? current->cadence() : RateCadence::kAnyDay;
  Date last_known = current.has_value() ? current->last_known_date() : Date{};
  std::optional<RatePoint> point;
  if (change.from.has_value()) {
    point = RatePoint{.effective_date = *change.from, .rate = *change.rate};
    if (current.has_value() && *change.from <= current->last_known_date()) {
      for (const RatePoint& recorded : current->points()) {
        if (recorded == *point &&
            change.last_known_date.value_or(Date{}) <= last_known) {
          return std::string(file_text);  // already recorded
        }
      }
      absl::StatusOr<Rate> in_force = current->RateAt(*change.from);
      return absl::InvalidArgumentError(
          absl::StrCat(label, ": a change from ", FormatDate(*change.from),
                       " contradicts the known series (",
                       in_force.ok() ? in_force->ToString() : "no rate",
                       " in force then, known up to ",
                       FormatDate(current->last_known_date()),
                       "); a change must come after the last known date"));
    }
    if (cadence == RateCadence::kHalfYearly) {
      const Date expected =
          NextHalfYear(current->points().back().effective_date);
      if (*change.from != expected) {
        return absl::InvalidArgumentError(absl::StrCat(
            label,
            ": the series has one rate per half-year, on 1 January "
            "and 1 July; the next one is from ",
            FormatDate(expected), ", not ", FormatDate(*change.from)));
      }
    }
    last_known = cadence == RateCadence::kHalfYearly
                     ? NextHalfYear(*change.from) - Days{1}
                     : *change.from;
  }
  if (change.last_known_date.has_value()) {
    if (current.has_value() &&
        *change.last_known_date < current->last_known_date()) {
      return absl::InvalidArgumentError(absl::StrCat(
          label, ": the last known date ", FormatDate(*change.last_known_date),
          " is before the current one ",
          FormatDate(current->last_known_date())));
    }
    if (point.has_value() && *change.last_known_date < point->effective_date) {
      return absl::InvalidArgumentError(absl::StrCat(
          label, ": the last known date ", FormatDate(*change.last_known_date),
          " is before the change it follows (", FormatDate(*change.from), ")"));
    }
    last_known = std::max(last_known, *change.last_known_date);
  }
  if (!current.has_value() && !point.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(
        label, ": a new series needs its first rate (--from and --rate)"));
  }
  if (current.has_value() && last_known < current->last_known_date()) {
    return absl::InvalidArgumentError(absl::StrCat(
        label, ": the last known date ", FormatDate(last_known),
        " is before the current one ", FormatDate(current->last_known_date())));
  }
  const std::string row =
      point.has_value() ? absl::StrCat(FormatDate(point->effective_date), ",",
                                       PercentText(point->rate), "\n")
                        : "";
  const std::string last_known_line =
      absl::StrCat("# last_known_date: ", FormatDate(last_known));
  std::string text;
  if (file_text.empty()) {
    if (base != nullptr) {
      absl::StrAppend(&text, "# Series: ", base->name(), "\n");
      absl::StrAppend(&text, "# Publisher: ", base->source(), "\n");
      absl::StrAppend(&text, "# Extends the built-in series ", id, " (",
                      FormatDate(base->first_date()), " to ",
                      FormatDate(base->last_known_date()),
                      "); its last rate is restated as the first row.\n");
    } else {
      absl::StrAppend(&text, "# Series: ", id, "\n");
    }
    if (cadence != RateCadence::kAnyDay) {
      absl::StrAppend(&text, "# cadence: ", std::string(ToString(cadence)),
                      "\n");
    }
    absl::StrAppend(&text, last_known_line, "\neffective_date,rate_percent\n");
    if (base != nullptr) {
      const RatePoint& last = base->points().back();
      absl::StrAppend(&text, FormatDate(last.effective_date), ",",
                      PercentText(last.rate), "\n");
    }
    absl::StrAppend(&text, row);
  } else {
    bool replaced = false;
    for (absl::string_view line : absl::StrSplit(
             absl::string_view(file_text.data(), file_text.size()), '\n')) {
      std::string_view trimmed =
          Trim(std::string_view(line.data(), line.size()));
      if (!replaced && trimmed.starts_with("#") &&
          Trim(trimmed.substr(1)).starts_with("last_known_date:")) {
        absl::StrAppend(&text, last_known_line, "\n");
        replaced = true;
      } else {
        absl::StrAppend(&text, line, "\n");
      }
    }
    // StrSplit gave one empty piece after the final newline.
    while (absl::EndsWith(text, "\n\n")) text.pop_back();
    absl::StrAppend(&text, row);
  }
  // What is written must read back as the series intended.
  RELANCE_ASSIGN_OR_RETURN(RateSeries written, RateSeries::FromCsv(text, id));
  if (base != nullptr) {
    RELANCE_RETURN_IF_ERROR(MergeRateSeries(*base, written).status());
  }
  return text;
}

}  // namespace relance
