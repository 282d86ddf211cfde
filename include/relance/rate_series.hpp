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
// `ReferenceRates::With` to make penalty rules use them, and
// `LoadRatesDirectory` for a directory of CSV files (one per series, the
// file stem being the id) that extend or replace the built-in series by the
// rule of `MergeRateSeries`. `AddRateChange` writes a published change into
// such a file's text, validated (the `relance rates add` command).
//
// Example:
//
//   auto ecb = relance::BuiltinRateSeries("ecb-mro");
//   (*ecb)->RateAt(relance::MakeDate(2025, 7, 1));   // 2.15%
//   (*ecb)->RateAt(relance::MakeDate(2099, 1, 1));   // kOutOfRange
#ifndef RELANCE_RATE_SERIES_HPP_
#define RELANCE_RATE_SERIES_HPP_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/export.hpp"
#include "relance/rate.hpp"

namespace relance {

// When a series may change: part of what its publisher's rule defines.
enum class RateCadence {
  // A change may take effect on any day (ECB decisions, Bank Rate).
  kAnyDay,
  // One point for every half-year, on 1 January and 1 July, none skipped,
  // also when the rate does not change (Basiszinssatz, §247 BGB; taux de
  // l'intérêt légal, Code monétaire et financier L313-2 and D313-1-A).
  kHalfYearly,
};
// "any-day", "half-yearly".
[[nodiscard]] RELANCE_API std::string_view ToString(RateCadence cadence);
[[nodiscard]] RELANCE_API absl::StatusOr<RateCadence> ParseRateCadence(
    std::string_view text);

// The rate in force from `effective_date` (inclusive) until the next point.
struct RatePoint {
  Date effective_date = {};
  Rate rate = {};
  friend bool operator==(const RatePoint&, const RatePoint&) = default;
};

class RELANCE_API RateSeries {
 public:
  // Validates: `id` non-empty (letters, digits, '-', '_'); at least one
  // point; effective dates strictly increasing; last_known_date on or after
  // the last effective date; under RateCadence::kHalfYearly every point on
  // 1 January or 1 July and no half-year skipped. Errors: kInvalidArgument
  // naming the series and the offending point.
  [[nodiscard]] static absl::StatusOr<RateSeries> Create(
      std::string id, std::string name, std::string source,
      std::vector<RatePoint> points, Date last_known_date,
      RateCadence cadence = RateCadence::kAnyDay);

  // Parses the CSV format of data/rates/: '#' comment lines, among which
  // `# Series: <name>`, `# Publisher: <source>`, the optional
  // `# cadence: half-yearly` (default any-day) and the required
  // `# last_known_date: YYYY-MM-DD`; then a header line whose first column is
  // `effective_date`; then rows with rates in percent ("2.15", "-0.88").
  // `column` names the header column to read (default "rate_percent").
  // Errors: kInvalidArgument naming the line number and what is wrong.
  [[nodiscard]] static absl::StatusOr<RateSeries> FromCsv(
      std::string_view csv_text, std::string id,
      std::string_view column = "rate_percent");

  // Parses JSON:
  //   {"id": "ecb-mro", "name": "...", "source": "...",
  //    "cadence": "any-day" | "half-yearly", "last_known_date": "2026-06-10",
  //    "points": [{"from": "2025-06-11", "rate": "2.15%"}, ...]}
  // ("name", "source" and "cadence" optional). Rates need a unit, "%" or "bp"
  // (Rate::ParsePercent): a bare "2.15" is an error, not the ratio 2.15.
  // Errors: kInvalidArgument with the path.
  [[nodiscard]] static absl::StatusOr<RateSeries> FromJson(
      std::string_view json_text);

  // The rate in force on `date`. Errors: kOutOfRange when `date` is before
  // the first effective date or after last_known_date, naming the series,
  // the date and the known range. After last_known_date the message also
  // says how to supply the rate, and the status carries a RateGap (see
  // RateGapOf) so that a surface can name its own commands.
  [[nodiscard]] absl::StatusOr<Rate> RateAt(Date date) const;

  // The rate in force on last_known_date: what an opt-in "assume the last
  // rate" carries forward.
  Rate LastKnownRate() const;

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
  RateCadence cadence() const { return cadence_; }

 private:
  RateSeries() = default;

  std::string id_;
  std::string name_;
  std::string source_;
  std::vector<RatePoint> points_;
  Date last_known_date_ = {};
  RateCadence cadence_ = RateCadence::kAnyDay;
};

// What a kOutOfRange error of RateSeries::RateAt beyond a series' last known
// date is about: the series, the date asked, the last known date and the
// last known rate.
struct RateGap {
  std::string series;
  Date date = {};
  Date last_known_date = {};
  Rate last_known_rate = {};
};
// The RateGap carried by `status`, if it is such an error (also after a
// caller prefixed the message, as long as it kept the payloads).
[[nodiscard]] RELANCE_API std::optional<RateGap> RateGapOf(
    const absl::Status& status);

// The built-in series, by id:
//   "ecb-mro"                  ECB main refinancing operations rate (1999-)
//   "de-basiszinssatz"         German base rate, §247 BGB (2002-)
//   "uk-bank-rate"             Bank of England Bank Rate (1997-)
//   "fr-legal-professionals"   French taux de l'intérêt légal, "tous les
//                              autres cas" (creditors acting for business)
//   "fr-legal-individuals"     the same, for individuals not acting for
//                              professional purposes (2015-)
// Errors: kNotFound naming the id and listing the known ones.
[[nodiscard]] RELANCE_API absl::StatusOr<std::shared_ptr<const RateSeries>>
BuiltinRateSeries(std::string_view id);
RELANCE_API std::vector<std::string> BuiltinRateSeriesIds();

// The set of reference series penalty rules read, by id. Immutable: `With`
// returns a new set in which a host's series replaces (or adds) one.
class RELANCE_API ReferenceRates {
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

  // The ids of the series in the set, sorted.
  std::vector<std::string> Ids() const;

 private:
  absl::flat_hash_map<std::string, std::shared_ptr<const RateSeries>> series_;
};

// How a series from a host (`update`) combines with the series of the same
// id it already has (`current`, e.g. a built-in one):
//   - replace: `update` starts on or before `current`'s first date; it is a
//     complete series and is returned as is;
//   - extend: otherwise `update` must agree with `current` wherever both
//     define a rate (from `update`'s first date to the earlier of the two
//     last known dates); the result is `current` up to the day before
//     `update`'s first date, then `update`, known up to the later of the two
//     last known dates (so an older file never shortens a newer built-in).
// The result keeps `current`'s name, source and cadence where `update` has
// none. Errors: kInvalidArgument naming the first date on which the two
// disagree and both rates, and saying how to replace instead.
[[nodiscard]] RELANCE_API absl::StatusOr<RateSeries> MergeRateSeries(
    const RateSeries& current, const RateSeries& update);

// Loads a rates directory: every regular file `<id>.csv` (CSV as
// RateSeries::FromCsv, column `rate_percent`) or `<id>.json` (as FromJson;
// its "id" must be the stem) in `directory`, not in subdirectories. Each is
// merged into the series of that id in `base` (MergeRateSeries) or added
// when `base` has none. Other files, and names starting with '.', are
// ignored; two files for one id are an error. Files over kMaxRateFileBytes
// are refused before being read.
// Errors: kInvalidArgument naming the file (and the line or path) for a
// missing directory, an unreadable or invalid file, a series that disagrees
// with the one it extends.
inline constexpr size_t kMaxRateFileBytes = 1 << 20;
[[nodiscard]] RELANCE_API absl::StatusOr<ReferenceRates> LoadRatesDirectory(
    const std::string& directory,
    const ReferenceRates& base = ReferenceRates::Builtin());

// A published change to record in a rates file: the rate in force from
// `from` (both or neither), and/or a new last known date (the rate was
// confirmed unchanged up to it).
struct RateChange {
  std::optional<Date> from = {};
  std::optional<Rate> rate = {};
  std::optional<Date> last_known_date = {};
};

// The text of rates file `<id>.csv` after recording `change`. `file_text` is
// the file's current text, empty when there is none yet; `base` is the
// series the file extends (a built-in one), or null for a series of the
// host's own. A new file holds the base's name, source and cadence, and its
// last point (the rate the change follows) and the new row; an existing
// file keeps its text, its `# last_known_date:` line updated and the row
// appended. Rules:
//   - the new point comes after the series' last known date (a change on or
//     before it contradicts a known rate); a point equal to a recorded one
//     changes nothing (the text is returned unchanged);
//   - under RateCadence::kHalfYearly it is the half-year after the last
//     point, on 1 January or 1 July;
//   - the last known date becomes `change.last_known_date`, or else the new
//     point's date (its half-year's last day under kHalfYearly); it never
//     moves back.
// Errors: kInvalidArgument saying which rule was broken, naming the series
// and the dates; an invalid `file_text` as LoadRatesDirectory.
[[nodiscard]] RELANCE_API absl::StatusOr<std::string> AddRateChange(
    std::string_view file_text, const RateSeries* base, const std::string& id,
    const RateChange& change);

}  // namespace relance

#endif  // RELANCE_RATE_SERIES_HPP_
