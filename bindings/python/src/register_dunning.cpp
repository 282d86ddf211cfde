// bindings/python/src/register_dunning.cpp
// -----------------------------------------------------------------------------
// Dunning: relance.Policy (from JSON or a file), relance.Case (a customer's
// events, compiled once), decisions and forecasts as objects with
// attributes and the library's JSON documents (to_dict), reason codes, and
// the lifecycle state machine as a table and as Graphviz dot.
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common.hpp"
#include "relance/compiled_case.hpp"
#include "relance/decision_json.hpp"

namespace relance::python {
namespace {

// A reason's field, or None when its code does not define that field.
template <typename T>
py::object Field(const Reason& reason, uint32_t field, const T& value) {
  if ((FieldsOf(reason.code) & field) == 0) return py::none();
  return py::cast(value);
}

PolicyPenaltyOptions PenaltyOptions(const std::optional<ReferenceRates>& rates,
                                    bool assume_last_rate) {
  PolicyPenaltyOptions options;
  if (rates) options.rates = *rates;
  options.assume_last_rate = assume_last_rate;
  return options;
}

}  // namespace

void RegisterDunning(py::module_& m) {
  // --- Reasons ---------------------------------------------------------------
  py::class_<Reason>(
      m, "Reason",
      "Why: a relance.ReasonCode and the fields that code defines (None for "
      "the others); `text` is its English sentence.")
      .def_readonly("code", &Reason::code)
      .def_property_readonly(
          "invoice",
          [](const Reason& r) { return Field(r, kReasonInvoice, r.invoice); })
      .def_property_readonly(
          "level",
          [](const Reason& r) { return Field(r, kReasonLevel, r.level); })
      .def_property_readonly("level_number",
                             [](const Reason& r) {
                               return Field(r, kReasonLevelNumber,
                                            r.level_number);
                             })
      .def_property_readonly(
          "date", [](const Reason& r) { return Field(r, kReasonDate, r.date); })
      .def_property_readonly("next_date",
                             [](const Reason& r) {
                               return Field(r, kReasonNextDate, r.next_date);
                             })
      .def_property_readonly(
          "amount",
          [](const Reason& r) { return Field(r, kReasonAmount, r.amount); })
      .def_property_readonly("threshold",
                             [](const Reason& r) {
                               return Field(r, kReasonThreshold, r.threshold);
                             })
      .def_property_readonly(
          "days", [](const Reason& r) { return Field(r, kReasonDays, r.days); })
      .def_property_readonly(
          "state",
          [](const Reason& r) { return Field(r, kReasonState, r.state); })
      .def_property_readonly(
          "ladder",
          [](const Reason& r) { return Field(r, kReasonLadder, r.ladder); })
      .def_property_readonly(
          "segment",
          [](const Reason& r) { return Field(r, kReasonSegment, r.segment); })
      .def_property_readonly(
          "assigned",
          [](const Reason& r) { return Field(r, kReasonAssigned, r.assigned); })
      .def_property_readonly(
          "detail",
          [](const Reason& r) { return Field(r, kReasonDetail, r.detail); })
      .def_property_readonly("text", &Describe, "The English sentence.")
      .def("to_dict",
           [](const Reason& r) { return JsonLoads(ReasonToJson(r)); })
      .def("__str__", &Describe)
      .def("__repr__", [](const Reason& r) {
        return absl::StrCat("relance.Reason(", std::string(ToString(r.code)),
                            ": ", Describe(r), ")");
      });

  // --- Decisions -------------------------------------------------------------
  py::class_<Communication>(
      m, "Communication",
      "One communication due: one level, one channel, one or more invoices; "
      "amounts are lists with one relance.Money per currency.")
      .def_readonly("level", &Communication::level)
      .def_property_readonly(
          "level_number",
          [](const Communication& c) -> std::optional<int> {
            if (c.level == kThankYouLevel) return std::nullopt;
            return c.level_number;
          },
          "1-based rank in the ladder; None for a thank-you.")
      .def_readonly("channel", &Communication::channel)
      .def_property_readonly(
          "template",
          [](const Communication& c) -> std::optional<std::string> {
            if (c.template_id.empty()) return std::nullopt;
            return c.template_id;
          })
      .def_readonly("task", &Communication::task)
      .def_readonly("block_account", &Communication::block_account)
      .def_readonly("invoices", &Communication::invoices)
      .def_readonly("invoice_levels", &Communication::invoice_levels)
      .def_readonly("outstanding", &Communication::outstanding)
      .def_readonly("penalties", &Communication::penalties)
      .def_readonly("fees", &Communication::fees)
      .def_readonly("fees_charged", &Communication::fees_charged)
      .def_readonly("total_due", &Communication::total_due)
      .def_readonly("payment_deadline", &Communication::payment_deadline)
      .def_readonly("statement", &Communication::statement)
      .def("__repr__", [](const Communication& c) {
        return absl::StrCat("relance.Communication('", c.level, "', ",
                            ToString(c.channel), ", ", c.invoices.size(),
                            " invoice(s))");
      });

  const auto none_if_empty =
      [](const std::string& text) -> std::optional<std::string> {
    if (text.empty()) return std::nullopt;
    return text;
  };

  py::class_<InvoiceDecision>(m, "InvoiceDecision",
                              "Where one invoice stands, and why.")
      .def_readonly("invoice", &InvoiceDecision::invoice)
      .def_readonly("state", &InvoiceDecision::state)
      .def_readonly("issue_date", &InvoiceDecision::issue_date)
      .def_readonly("due_date", &InvoiceDecision::due_date)
      .def_readonly("amount", &InvoiceDecision::amount)
      .def_readonly("outstanding", &InvoiceDecision::outstanding)
      .def_readonly("disputed", &InvoiceDecision::disputed)
      .def_readonly("days_late", &InvoiceDecision::days_late)
      .def_property_readonly("last_level",
                             [none_if_empty](const InvoiceDecision& i) {
                               return none_if_empty(i.last_level);
                             })
      .def_readonly("last_action_date", &InvoiceDecision::last_action_date)
      .def_property_readonly("next_level",
                             [none_if_empty](const InvoiceDecision& i) {
                               return none_if_empty(i.next_level);
                             })
      .def_readonly("next_level_date", &InvoiceDecision::next_level_date)
      .def_property_readonly("action_level",
                             [none_if_empty](const InvoiceDecision& i) {
                               return none_if_empty(i.action_level);
                             })
      .def_readonly("penalty_status", &InvoiceDecision::penalty_status)
      .def_readonly("interest", &InvoiceDecision::interest)
      .def_readonly("compensation", &InvoiceDecision::compensation)
      .def_readonly("fees_charged", &InvoiceDecision::fees_charged)
      .def_readonly("claim", &InvoiceDecision::claim)
      .def_readonly("total_due", &InvoiceDecision::total_due)
      .def_readonly("unapplied", &InvoiceDecision::unapplied)
      .def_readonly("reason", &InvoiceDecision::reason)
      .def("__repr__", [](const InvoiceDecision& i) {
        return absl::StrCat("relance.InvoiceDecision('", i.invoice, "', ",
                            std::string(ToString(i.state)), ", ",
                            std::string(ToString(i.reason.code)), ")");
      });

  py::class_<Decision>(
      m, "Decision",
      "What to do now for one customer, and why. to_dict() is the\n"
      "relance.decision document (docs/json.md), the one `relance evaluate\n"
      "--json` prints.")
      .def_readonly("policy_id", &Decision::policy_id)
      .def_readonly("policy_version", &Decision::policy_version)
      .def_readonly("customer", &Decision::customer)
      .def_readonly("as_of", &Decision::as_of)
      .def_readonly("ladder", &Decision::ladder)
      .def_property_readonly("segment",
                             [none_if_empty](const Decision& d) {
                               return none_if_empty(d.segment);
                             })
      .def_readonly("next_review", &Decision::next_review)
      .def_readonly("account_blocked_since", &Decision::account_blocked_since)
      .def_property_readonly("penalties_unavailable",
                             &Decision::PenaltiesUnavailable)
      .def_readonly("total_due", &Decision::total_due)
      .def_readonly("actions", &Decision::actions)
      .def_readonly("invoices", &Decision::invoices)
      .def_readonly("notes", &Decision::notes)
      .def("to_json", &DecisionToJson, "The relance.decision JSON document.")
      .def(
          "to_dict",
          [](const Decision& d) { return JsonLoads(DecisionToJson(d)); },
          "json.loads(to_json()).")
      .def("__repr__", [](const Decision& d) {
        return absl::StrCat("relance.Decision('", d.customer, "', ",
                            FormatDate(d.as_of), ", ", d.actions.size(),
                            " action(s))");
      });

  py::class_<ForecastItem>(m, "ForecastItem", "A dated action of a forecast.")
      .def_readonly("date", &ForecastItem::date)
      .def_readonly("action", &ForecastItem::action);

  py::class_<DunningForecast>(
      m, "Forecast",
      "The road ahead for one customer if nothing else happens. to_dict() "
      "is the relance.forecast document.")
      .def_readonly("policy_id", &DunningForecast::policy_id)
      .def_readonly("policy_version", &DunningForecast::policy_version)
      .def_readonly("customer", &DunningForecast::customer)
      .def_readonly("start", &DunningForecast::from)
      .def_readonly("end", &DunningForecast::to)
      .def_readonly("items", &DunningForecast::items)
      .def("to_json", &ForecastToJson, "The relance.forecast JSON document.")
      .def(
          "to_dict",
          [](const DunningForecast& f) { return JsonLoads(ForecastToJson(f)); },
          "json.loads(to_json()).");

  // --- Cases -----------------------------------------------------------------
  py::class_<CompiledCase>(
      m, "Case",
      "One customer's file: its events, validated and indexed once.\n\n"
      "Case.from_json(text or dict) reads the case file of docs/dunning.md\n"
      "({\"customer\": {...}, \"events\": [...]}); in a dict, dates may be\n"
      "datetime.date and amounts relance.Money. Immutable and safe to share.")
      .def_static(
          "from_json",
          [](py::handle document, std::optional<EndOfMonthReading> eom,
             std::optional<BusinessCalendar> calendar,
             BusinessDayConvention convention) {
            const std::string text = JsonText(document);
            CaseOptions options;
            if (eom) options.terms.end_of_month_reading = *eom;
            if (calendar) {
              options.terms.adjustment = BusinessDayAdjustment{
                  .calendar =
                      std::make_shared<const BusinessCalendar>(*calendar),
                  .convention = convention};
            }
            absl::StatusOr<CompiledCase> compiled;
            {
              py::gil_scoped_release release;
              absl::StatusOr<Case> c = Case::FromJson(text);
              compiled = c.ok() ? CompiledCase::Compile(*std::move(c), options)
                                : absl::StatusOr<CompiledCase>(c.status());
            }
            return Unwrap(std::move(compiled));
          },
          py::arg("document"), py::kw_only(),
          py::arg("eom_reading") = py::none(), py::arg("calendar") = py::none(),
          py::arg("convention") = BusinessDayConvention::kFollowing,
          "Reads and compiles a case. Invoices given with `terms` text are "
          "read with these options. Raises relance.Error with the JSON path "
          "or the event (\"events[3] ...\").")
      .def_property_readonly("customer_id", &CompiledCase::customer_id)
      .def_property_readonly(
          "customer_name",
          [](const CompiledCase& c) { return c.source().customer_name; })
      .def_property_readonly(
          "invoices",
          [](const CompiledCase& c) {
            std::vector<std::string> ids;
            for (const CompiledInvoice& i : c.invoices()) ids.push_back(i.id);
            return ids;
          },
          "The ids of the invoices issued, in issue order.")
      .def("__len__", [](const CompiledCase& c) { return c.events().size(); })
      .def(
          "to_json", [](const CompiledCase& c) { return c.source().ToJson(); },
          "The case file, as Case.from_json reads it.")
      .def("to_dict",
           [](const CompiledCase& c) { return JsonLoads(c.source().ToJson()); })
      .def(
          "with_actions_recorded",
          [](const CompiledCase& c, const Decision& decision) {
            return Unwrap(CompiledCase::Compile(
                WithActionsRecorded(c.source(), decision), c.options()));
          },
          py::arg("decision"),
          "The case with the decision's actions recorded as performed, as a "
          "host does after sending them.")
      .def("__repr__", [](const CompiledCase& c) {
        return absl::StrCat("relance.Case('", c.customer_id(), "', ",
                            c.events().size(), " events)");
      });

  // --- Policies --------------------------------------------------------------
  py::class_<Policy> policy_class(
      m, "Policy",
      "A collection policy, compiled once (docs/policy.md): ladders of\n"
      "levels, thresholds, penalties. Immutable and safe to share between\n"
      "threads.");
  // Policy.from_json and Policy.from_file: the same options; `read` reads
  // the first argument (with the GIL), `compile` compiles it (without).
  const auto def_reader = [&policy_class](
                              const char* name, const char* first_argument,
                              const char* doc, auto read, auto compile) {
    policy_class.def_static(
        name,
        [read, compile](py::handle input, std::optional<ReferenceRates> rates,
                        bool assume_last_rate) {
          const std::string text = read(input);
          const PolicyPenaltyOptions options =
              PenaltyOptions(rates, assume_last_rate);
          absl::StatusOr<Policy> policy;
          {
            py::gil_scoped_release release;
            policy = compile(text, options);
          }
          return Unwrap(std::move(policy));
        },
        py::arg(first_argument), py::kw_only(), py::arg("rates") = py::none(),
        py::arg("assume_last_rate") = false, doc);
  };
  def_reader("from_json", "document",
             "A policy from JSON (a str or a dict). Its penalties read the "
             "reference rates `rates` (the built-in ones by default). Raises "
             "relance.Error with the JSON path (\"levels[2].offset_days\").",
             JsonText,
             [](const std::string& text, const PolicyPenaltyOptions& o) {
               return Policy::FromJson(text, o);
             });
  def_reader("from_file", "path",
             "A policy from a JSON file; error messages start with the path.",
             PathText,
             [](const std::string& path, const PolicyPenaltyOptions& o) {
               return Policy::FromFile(path, o);
             });
  policy_class.def_property_readonly("id", &Policy::id)
      .def_property_readonly("version", &Policy::version)
      .def_property_readonly("name", &Policy::name)
      .def_property_readonly("label", &Policy::Label, "\"standard-fr v1\".")
      .def_property_readonly(
          "penalty_rule",
          [](const Policy& p) { return p.compiled_penalty_rule(); },
          "The relance.PenaltyRule the policy claims, or None.")
      .def("ladder_table", &Policy::LadderTable,
           "The policy as a text table (`relance policy check`).")
      .def(
          "summary", [](const Policy& p) { return JsonLoads(p.SummaryJson()); },
          "The policy's summary document (`relance policy check --json`).")
      .def(
          "evaluate",
          [](const Policy& policy, const CompiledCase& c, Date as_of) {
            absl::StatusOr<Decision> decision;
            {
              py::gil_scoped_release release;
              decision = Evaluate(policy, c, as_of);
            }
            return Unwrap(std::move(decision));
          },
          py::arg("case"), py::arg("as_of"),
          "The decision for a relance.Case as of a date: the actions due "
          "now, each invoice's reason, the next review date. Pure: no clock "
          "is read. Raises relance.Error (code \"failed_precondition\") for "
          "an event impossible in the state reached.")
      .def(
          "forecast",
          [](const Policy& policy, const CompiledCase& c, Date start,
             Date end) {
            absl::StatusOr<DunningForecast> forecast;
            {
              py::gil_scoped_release release;
              forecast = Forecast(policy, c, start, end);
            }
            return Unwrap(std::move(forecast));
          },
          py::arg("case"), py::arg("start"), py::arg("end"),
          "The actions from `start` to `end` (inclusive, at most 3660 days) "
          "if nothing else happens, each recorded as performed before the "
          "next.")
      .def("__repr__", [](const Policy& p) {
        return absl::StrCat("relance.Policy('", p.Label(), "')");
      });

  // --- The lifecycle state machine
  // ----------------------------------------------
  py::class_<Transition>(m, "Transition",
                         "One row of the lifecycle table: from, trigger, "
                         "guard, to.")
      .def_readonly("source", &Transition::from,
                    "The relance.InvoiceState the row applies in.")
      .def_property_readonly(
          "trigger",
          [](const Transition& t) { return std::string(ToString(t.trigger)); })
      .def_property_readonly(
          "guard",
          [](const Transition& t) { return std::string(ToString(t.guard)); })
      .def_readonly("target", &Transition::to,
                    "The relance.InvoiceState reached.")
      .def("__repr__", [](const Transition& t) {
        return absl::StrCat("relance.Transition(",
                            std::string(ToString(t.from)), " --",
                            std::string(ToString(t.trigger)), " [",
                            std::string(ToString(t.guard)), "]--> ",
                            std::string(ToString(t.to)), ")");
      });
  m.def(
      "lifecycle_transitions",
      []() {
        return std::vector<Transition>(Transitions().begin(),
                                       Transitions().end());
      },
      "The invoice lifecycle table, rows in order (the first matching row "
      "is taken).");
  m.def("lifecycle_dot", &TransitionsAsDot,
        "The lifecycle table as a Graphviz digraph (`relance policy "
        "graph`).");
}

}  // namespace relance::python
