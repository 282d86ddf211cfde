// relance/rate_series.hpp
// -----------------------------------------------------------------------------
// Reference rates over time: the ECB main refinancing rate, the German
// Basiszinssatz, the Bank of England Bank Rate, the French legal interest
// rate. Statutory late-payment interest is a reference rate plus a margin.
//
// A `RateSeries` is a step function: each point gives the rate in force from
// its effective date until the next point. Every series also knows its
// *last known date*: the last day for which the publisher has fixed the rate.
// Asking for a later date is a `kOutOfRange` error naming the series and the
// date — relance never extrapolates a rate that has not been published.
//
// Built-in series (`BuiltinRateSeries`) are compiled in from `data/rates/`,
// whose header lines name the official publisher of each. A host replaces or
// extends them at run time without a new release: `RateSeries::FromCsv` /
// `FromJson` for a whole series, `Extended` to append newly published rates,
// and `ReferenceRates::With` to make penalty rules use them.
//
// Example:
//
//   auto ecb = relance::BuiltinRateSeries("ecb-mro");
//   (*ecb)->RateAt(relance::MakeDate(2025, 7, 1));   // 2.15%
//   (*ecb)->RateAt(relance::MakeDate(2099, 1, 1));   // kOutOfRange
#ifndef RELANCE_RATE_SERIES_HPP_
#define RELANCE_RATE_SERIES_HPP_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/rate.hpp"

namespace relance {

// The rate in force from `effective_date` (inclusive) until the next point.
struct RatePoint {
  Date effective_date = {};
  Rate rate = {};
  friend bool operator==(const RatePoint&, const RatePoint&) = default;
};

class RateSeries {
 public:
  // Validates: `id` non-empty (letters, digits, '-', '_'); at least one
  // point; effective dates strictly increasing; last_known_date on or after
  // the last effective date. Errors: kInvalidArgument naming the series and
  // the offending point.
  [[nodiscard]] static absl::StatusOr<RateSeries> Create(
      std::string id, std::string name, std::string source,
      std::vector<RatePoint> points, Date last_known_date);

  // Parses the CSV format of data/rates/: '#' comment lines, among which
  // `# Series: <name>`, `# Publisher: <source>` and the required
  // `# last_known_date: YYYY-MM-DD`; then a header line whose first column is
  // `effective_date`; then rows with rates in percent ("2.15", "-0.88").
  // `column` names the header column to read (default "rate_percent").
  // Errors: kInvalidArgument naming the line number and what is wrong.
  [[nodiscard]] static absl::StatusOr<RateSeries> FromCsv(
      std::string_view csv_text, std::string id,
      std::string_view column = "rate_percent");

  // Parses JSON:
  //   {"id": "ecb-mro", "name": "...", "source": "...",
  //    "last_known_date": "2026-06-10",
  //    "points": [{"from": "2025-06-11", "rate": "2.15%"}, ...]}
  // ("name" and "source" optional). Rates need a unit, "%" or "bp"
  // (Rate::ParsePercent): a bare "2.15" is an error, not the ratio 2.15.
  // Errors: kInvalidArgument with the path.
  [[nodiscard]] static absl::StatusOr<RateSeries> FromJson(
      std::string_view json_text);

  // The rate in force on `date`. Errors: kOutOfRange when `date` is before
  // the first effective date or after last_known_date, naming the series,
  // the date and the known range.
  [[nodiscard]] absl::StatusOr<Rate> RateAt(Date date) const;

  // The first date after `date` on which the rate in force changes (the next
  // effective date), if any up to last_known_date.
  std::optional<Date> NextChangeAfter(Date date) const;

  // A new series with `later_points` appended (each after the current last
  // point) and a new last known date. Errors as Create.
  [[nodiscard]] absl::StatusOr<RateSeries> Extended(
      std::vector<RatePoint> later_points, Date new_last_known_date) const;

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }
  const std::string& source() const { return source_; }
  const std::vector<RatePoint>& points() const { return points_; }
  Date first_date() const { return points_.front().effective_date; }
  Date last_known_date() const { return last_known_date_; }

 private:
  RateSeries() = default;

  std::string id_;
  std::string name_;
  std::string source_;
  std::vector<RatePoint> points_;
  Date last_known_date_ = {};
};

// The built-in series, by id:
//   "ecb-mro"                  ECB main refinancing operations rate (1999-)
//   "de-basiszinssatz"         German base rate, §247 BGB (2002-)
//   "uk-bank-rate"             Bank of England Bank Rate (1997-)
//   "fr-legal-professionals"   French taux de l'intérêt légal, "tous les
//                              autres cas" (creditors acting for business)
//   "fr-legal-individuals"     the same, for individuals not acting for
//                              professional purposes (2015-)
// Errors: kNotFound naming the id and listing the known ones.
[[nodiscard]] absl::StatusOr<std::shared_ptr<const RateSeries>>
BuiltinRateSeries(std::string_view id);
std::vector<std::string> BuiltinRateSeriesIds();

// The set of reference series penalty rules read, by id. Immutable: `With`
// returns a new set in which a host's series replaces (or adds) one.
class ReferenceRates {
 public:
  // Every built-in series.
  static const ReferenceRates& Builtin();

  // A copy of this set in which `series` replaces the series of the same id,
  // or is added. A null `series` changes nothing: the copy is returned as is.
  [[nodiscard]] ReferenceRates With(
      std::shared_ptr<const RateSeries> series) const;

  // Errors: kNotFound naming the id.
  [[nodiscard]] absl::StatusOr<std::shared_ptr<const RateSeries>> Find(
      std::string_view id) const;

 private:
  absl::flat_hash_map<std::string, std::shared_ptr<const RateSeries>> series_;
};

}  // namespace relance

#endif  // RELANCE_RATE_SERIES_HPP_
