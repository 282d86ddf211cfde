// bindings/python/src/register_penalty.cpp
// -----------------------------------------------------------------------------
// Reference rates (relance.RateSeries, relance.ReferenceRates: built-in, from
// a host, from a rates directory) and late-payment penalties
// (relance.PenaltyRule: presets and JSON rules; assessments with their
// breakdown).
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common.hpp"
#include "relance/assessment_json.hpp"
#include "relance/jurisdiction.hpp"

namespace relance::python {
namespace {

const ReferenceRates& RatesOr(const std::optional<ReferenceRates>& rates) {
  return rates ? *rates : ReferenceRates::Builtin();
}

std::vector<RatePoint> Points(const std::vector<std::pair<Date, Rate>>& pairs) {
  std::vector<RatePoint> points;
  points.reserve(pairs.size());
  for (const auto& [date, rate] : pairs) {
    points.push_back(RatePoint{.effective_date = date, .rate = rate});
  }
  return points;
}

// (date, Money) pairs, or (date, Money, label) triples for charges.
std::vector<Settlement> Settlements(py::handle items, Settlement::Kind kind) {
  std::vector<Settlement> settlements;
  for (py::handle item : py::iter(items)) {
    const auto [date, amount] = item.cast<std::pair<Date, Money>>();
    settlements.push_back(
        Settlement{.date = date, .amount = amount, .kind = kind});
  }
  return settlements;
}

std::vector<Charge> Charges(py::handle items) {
  std::vector<Charge> charges;
  for (py::handle item : py::iter(items)) {
    const py::tuple fields =
        py::reinterpret_borrow<py::object>(item).cast<py::tuple>();
    if (fields.size() != 2 && fields.size() != 3) {
      throw py::type_error(
          "relance: a charge is (date, Money) or (date, Money, label)");
    }
    charges.push_back(Charge{
        .date = fields[0].cast<Date>(),
        .amount = fields[1].cast<Money>(),
        .label = fields.size() == 3 ? fields[2].cast<std::string>() : ""});
  }
  return charges;
}

}  // namespace

void RegisterPenalty(py::module_& m) {
  // --- Rate series -----------------------------------------------------------
  py::class_<RateSeries>(
      m, "RateSeries",
      "A reference rate over time (a step function) known up to its last "
      "known date; never extrapolated.")
      .def_static(
          "builtin",
          [](std::string_view id) {
            return RateSeries(*Unwrap(BuiltinRateSeries(id)));
          },
          py::arg("id"),
          "A built-in series: ecb-mro, de-basiszinssatz, uk-bank-rate, "
          "fr-legal-professionals, fr-legal-individuals.")
      .def_static("builtin_ids", &BuiltinRateSeriesIds)
      .def_static(
          "create",
          [](std::string id, const std::vector<std::pair<Date, Rate>>& points,
             Date last_known_date, std::string name, std::string source,
             RateCadence cadence) {
            return Unwrap(RateSeries::Create(std::move(id), std::move(name),
                                             std::move(source), Points(points),
                                             last_known_date, cadence));
          },
          py::arg("id"), py::arg("points"), py::arg("last_known_date"),
          py::kw_only(), py::arg("name") = "", py::arg("source") = "",
          py::arg("cadence") = RateCadence::kAnyDay,
          "A host's series: points are (effective date, relance.Rate) pairs "
          "in increasing date order.")
      .def_static(
          "from_csv",
          [](std::string_view text, std::string id, std::string_view column) {
            return Unwrap(RateSeries::FromCsv(text, std::move(id), column));
          },
          py::arg("text"), py::arg("id"), py::arg("column") = "rate_percent",
          "A series from the CSV format of data/rates/ (docs/penalties.md).")
      .def_static(
          "from_json",
          [](py::handle document) {
            return Unwrap(RateSeries::FromJson(JsonText(document)));
          },
          py::arg("document"), "A series from its JSON form (str or dict).")
      .def_property_readonly("id", &RateSeries::id)
      .def_property_readonly("name", &RateSeries::name)
      .def_property_readonly("source", &RateSeries::source)
      .def_property_readonly("cadence", &RateSeries::cadence)
      .def_property_readonly(
          "points",
          [](const RateSeries& s) {
            std::vector<std::pair<Date, Rate>> points;
            for (const RatePoint& p : s.points()) {
              points.emplace_back(p.effective_date, p.rate);
            }
            return points;
          },
          "(effective date, rate) pairs.")
      .def_property_readonly("first_date", &RateSeries::first_date)
      .def_property_readonly("last_known_date", &RateSeries::last_known_date)
      .def(
          "rate_at",
          [](const RateSeries& s, Date date) { return Unwrap(s.RateAt(date)); },
          py::arg("date"),
          "The rate in force on a date. Raises relance.Error (code "
          "\"out_of_range\") before the first date or after the last known "
          "one.")
      .def("last_known_rate", &RateSeries::LastKnownRate)
      .def(
          "extended",
          [](const RateSeries& s,
             const std::vector<std::pair<Date, Rate>>& points,
             Date last_known_date) {
            return Unwrap(s.Extended(Points(points), last_known_date));
          },
          py::arg("points"), py::arg("last_known_date"),
          "A new series with later points appended and a new last known "
          "date.")
      .def("__repr__", [](const RateSeries& s) {
        return absl::StrCat("relance.RateSeries('", s.id(), "')");
      });

  py::class_<ReferenceRates>(
      m, "ReferenceRates",
      "The set of reference series penalty rules read: the built-in ones,\n"
      "extended or replaced by a host's series or a rates directory.")
      .def_static(
          "builtin", []() { return ReferenceRates::Builtin(); },
          "Every built-in series.")
      .def_static(
          "from_directory",
          [](py::handle directory, std::optional<ReferenceRates> base) {
            const std::string path = PathText(directory);
            absl::StatusOr<ReferenceRates> rates;
            {
              py::gil_scoped_release release;
              rates = LoadRatesDirectory(path, RatesOr(base));
            }
            return Unwrap(std::move(rates));
          },
          py::arg("directory"), py::arg("base") = py::none(),
          "A rates directory (one <id>.csv or <id>.json per series) over the "
          "built-in series (or `base`); docs/penalties.md.")
      .def(
          "with_series",
          [](const ReferenceRates& rates, const RateSeries& series) {
            return rates.With(std::make_shared<const RateSeries>(series));
          },
          py::arg("series"),
          "A new set in which `series` replaces the series of its id (or is "
          "added).")
      .def(
          "find",
          [](const ReferenceRates& rates, std::string_view id) {
            return RateSeries(*Unwrap(rates.Find(id)));
          },
          py::arg("id"))
      .def("ids", &ReferenceRates::Ids);

  // --- Assessments -----------------------------------------------------------
  py::class_<InterestLine>(m, "InterestLine",
                           "A run of days with one principal and one rate.")
      .def_readonly("first_day", &InterestLine::first_day)
      .def_readonly("last_day", &InterestLine::last_day)
      .def_readonly("days", &InterestLine::days)
      .def_readonly("principal", &InterestLine::principal)
      .def_readonly("annual_rate", &InterestLine::annual_rate)
      .def_readonly("amount", &InterestLine::amount,
                    "Rounded for display; the total is rounded once.")
      .def_readonly("assumed_rate", &InterestLine::assumed_rate);

  py::class_<PenaltyAssessment>(
      m, "Assessment",
      "What a late payer owes on one invoice as of a date, and why. "
      "to_dict() is the relance.assessment document (docs/json.md).")
      .def_readonly("as_of", &PenaltyAssessment::as_of)
      .def_property_readonly(
          "rule_id",
          [](const PenaltyAssessment& a) { return std::string(a.rule_id()); })
      .def_readonly("lines", &PenaltyAssessment::lines)
      .def_readonly("interest", &PenaltyAssessment::interest)
      .def_readonly("compensation", &PenaltyAssessment::compensation)
      .def_readonly("charges", &PenaltyAssessment::charges)
      .def_readonly("total", &PenaltyAssessment::total)
      .def_readonly("principal_outstanding",
                    &PenaltyAssessment::principal_outstanding)
      .def_readonly("interest_outstanding",
                    &PenaltyAssessment::interest_outstanding)
      .def_readonly("costs_outstanding", &PenaltyAssessment::costs_outstanding)
      .def_readonly("penalties_outstanding",
                    &PenaltyAssessment::penalties_outstanding)
      .def_readonly("total_outstanding", &PenaltyAssessment::total_outstanding)
      .def_readonly("overpaid", &PenaltyAssessment::overpaid)
      .def_property_readonly("flags",
                             [](const PenaltyAssessment& a) {
                               return std::vector<PenaltyFlag>(a.flags.begin(),
                                                               a.flags.end());
                             })
      .def_readonly("explanations", &PenaltyAssessment::explanations)
      .def("to_json", &AssessmentToJson,
           "The relance.assessment JSON document, as `relance penalties "
           "--json` prints it.")
      .def(
          "to_dict",
          [](const PenaltyAssessment& a) {
            return JsonLoads(AssessmentToJson(a));
          },
          "json.loads(to_json()).");

  py::class_<CompiledPenaltyRule>(
      m, "PenaltyRule",
      "A late-payment penalty rule, validated once: a statutory preset\n"
      "(PenaltyRule.preset(\"fr-b2b\")) or a contractual rule from JSON.\n"
      "Safe to share between threads.")
      .def_static(
          "preset",
          [](std::string_view id, std::optional<ReferenceRates> rates) {
            return Unwrap(CompiledPenaltyRule::Compile(
                Unwrap(PenaltyPreset(id, RatesOr(rates)))));
          },
          py::arg("id"), py::arg("rates") = py::none(),
          "A statutory preset: fr-b2b, de-b2b, de-b2c, uk-late-payment, "
          "eu-directive, reading its reference rates from `rates` (the "
          "built-in ones by default).")
      .def_static("preset_ids", &PenaltyPresetIds)
      .def_static(
          "from_json",
          [](py::handle document, std::optional<ReferenceRates> rates) {
            return Unwrap(CompiledPenaltyRule::Compile(Unwrap(
                PenaltyRuleFromJson(JsonText(document), RatesOr(rates)))));
          },
          py::arg("document"), py::arg("rates") = py::none(),
          "A contractual rule from JSON (docs/penalties.md).")
      .def_static(
          "from_file",
          [](py::handle path, std::optional<ReferenceRates> rates) {
            return Unwrap(CompiledPenaltyRule::Compile(
                Unwrap(PenaltyRuleFromFile(PathText(path), RatesOr(rates)))));
          },
          py::arg("path"), py::arg("rates") = py::none())
      .def_property_readonly("id", &CompiledPenaltyRule::id)
      .def_property_readonly(
          "name", [](const CompiledPenaltyRule& r) { return r.rule().name; })
      .def_property_readonly(
          "citation",
          [](const CompiledPenaltyRule& r) { return r.rule().citation; })
      .def(
          "assess",
          [](const CompiledPenaltyRule& rule, const Money& amount,
             Date due_date, Date as_of, py::handle payments,
             py::handle credit_notes, py::handle charges,
             std::optional<Date> obligation_date, bool business_to_business,
             bool breakdown) {
            InvoiceFacts facts{.amount = amount,
                               .due_date = due_date,
                               .obligation_date = obligation_date,
                               .settlements = Settlements(
                                   payments, Settlement::Kind::kPayment),
                               .charges = Charges(charges),
                               .business_to_business = business_to_business};
            for (Settlement& credit :
                 Settlements(credit_notes, Settlement::Kind::kCreditNote)) {
              facts.settlements.push_back(credit);
            }
            absl::StatusOr<PenaltyAssessment> assessment;
            {
              py::gil_scoped_release release;
              assessment = Assess(rule, facts, as_of,
                                  AssessOptions{.breakdown = breakdown});
            }
            return Unwrap(std::move(assessment));
          },
          py::arg("amount"), py::arg("due_date"), py::arg("as_of"),
          py::kw_only(), py::arg("payments") = py::tuple(),
          py::arg("credit_notes") = py::tuple(),
          py::arg("charges") = py::tuple(),
          py::arg("obligation_date") = py::none(),
          py::arg("business_to_business") = true, py::arg("breakdown") = true,
          "Assesses an invoice of `amount` (relance.Money) due on `due_date` "
          "as of `as_of` (inclusive). payments and credit_notes are (date, "
          "Money) pairs; charges (dunning fees) (date, Money[, label]). "
          "Raises relance.Error: code \"out_of_range\" when a reference rate "
          "is needed beyond its series' last known date.")
      .def("__repr__", [](const CompiledPenaltyRule& r) {
        return absl::StrCat("relance.PenaltyRule('", r.id(), "')");
      });
}

}  // namespace relance::python
