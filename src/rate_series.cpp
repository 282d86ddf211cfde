#include "relance/rate_series.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "relance/internal/embedded_data.hpp"
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

absl::StatusOr<RateSeries> RateSeries::Create(std::string id, std::string name,
                                              std::string source,
                                              std::vector<RatePoint> points,
                                              Date last_known_date) {
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
  return series;
}

absl::StatusOr<RateSeries> RateSeries::FromCsv(std::string_view csv_text,
                                               std::string id,
                                               std::string_view column) {
  const std::string label = absl::StrCat("rate series ", id);
  std::string name;
  std::string source;
  std::optional<Date> last_known;
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
                std::move(points), *last_known);
}

absl::StatusOr<RateSeries> RateSeries::FromJson(std::string_view json_text) {
  const internal::JsonReader reader("rate series");
  RELANCE_ASSIGN_OR_RETURN(internal::Json document, reader.Parse(json_text));
  if (!document.is_object()) {
    return reader.WrongType("", "a JSON object", document);
  }
  RELANCE_RETURN_IF_ERROR(reader.CheckKeys(
      "", document, {"id", "name", "source", "last_known_date", "points"}));
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
                std::move(points), last_known);
}

absl::StatusOr<Rate> RateSeries::RateAt(Date date) const {
  if (date < first_date() || date > last_known_date_) {
    return absl::OutOfRangeError(absl::StrCat(
        "rate series ", id_, ": no rate known for ", FormatDate(date),
        " (known from ", FormatDate(first_date()), " to ",
        FormatDate(last_known_date_), ")"));
  }
  // The last point whose effective date is on or before `date`.
  auto after = std::upper_bound(
      points_.begin(), points_.end(), date,
      [](Date d, const RatePoint& p) { return d < p.effective_date; });
  return std::prev(after)->rate;
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
  return Create(id_, name_, source_, std::move(points), new_last_known_date);
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

}  // namespace relance
