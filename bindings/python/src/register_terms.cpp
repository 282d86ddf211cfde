// bindings/python/src/register_terms.cpp
// -----------------------------------------------------------------------------
// relance.Terms: payment terms from text, JSON or another system, their
// schedules and legal checks.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common.hpp"
#include "relance/schedule_json.hpp"
#include "relance/terms_import.hpp"

namespace relance::python {
namespace {

// A schedule with the terms it came from and the checks asked, so that it
// writes the whole relance.schedule document.
struct ScheduleResult {
  PaymentTerms terms;
  PaymentSchedule schedule;
  std::vector<TermsCheckResult> checks;
};

TermsParseOptions ParseOptions(std::optional<EndOfMonthReading> eom_reading,
                               std::optional<BusinessCalendar> calendar,
                               BusinessDayConvention convention,
                               RoundingMode rounding,
                               DiscountBase discount_base) {
  TermsParseOptions options;
  if (eom_reading) options.end_of_month_reading = *eom_reading;
  if (calendar) {
    options.adjustment = BusinessDayAdjustment{
        .calendar = std::make_shared<const BusinessCalendar>(*calendar),
        .convention = convention};
  }
  options.rounding = rounding;
  options.discount_base = discount_base;
  return options;
}

// Pure C++: called without the GIL.
absl::StatusOr<std::vector<TermsCheckResult>> RunChecks(
    const PaymentTerms& terms,
    const std::vector<PaymentDelayJurisdiction>& jurisdictions) {
  std::vector<TermsCheckResult> checks;
  for (PaymentDelayJurisdiction jurisdiction : jurisdictions) {
    absl::StatusOr<TermsCheckResult> check = CheckTerms(terms, jurisdiction);
    if (!check.ok()) return check.status();
    checks.push_back(*std::move(check));
  }
  return checks;
}

}  // namespace

void RegisterTerms(py::module_& m) {
  py::class_<ScheduledDiscount>(m, "ScheduledDiscount",
                                "An early-payment discount on a schedule.")
      .def_readonly("percent", &ScheduledDiscount::percent)
      .def_readonly("deadline", &ScheduledDiscount::deadline,
                    "Pay on or before this date.")
      .def_readonly("discount", &ScheduledDiscount::discount,
                    "The amount taken off.")
      .def_readonly("net_payable", &ScheduledDiscount::net_payable,
                    "What is paid instead of the full amount.");

  py::class_<ScheduledInstalment>(m, "Instalment", "One instalment due.")
      .def_readonly("due_date", &ScheduledInstalment::due_date)
      .def_readonly("amount", &ScheduledInstalment::amount)
      .def_readonly("unadjusted_due_date",
                    &ScheduledInstalment::unadjusted_due_date,
                    "The due date before any business-day adjustment.")
      .def_readonly("discounts", &ScheduledInstalment::discounts)
      .def("__repr__", [](const ScheduledInstalment& i) {
        return absl::StrCat("relance.Instalment(", FormatDate(i.due_date), ", ",
                            i.amount.ToString(), ")");
      });

  py::class_<TermsFinding>(m, "TermsFinding",
                           "The worst case of a payment-delay check.")
      .def_readonly("severity", &TermsFinding::severity)
      .def_readonly("article", &TermsFinding::article)
      .def_readonly("message", &TermsFinding::message)
      .def_readonly("invoice_date", &TermsFinding::invoice_date)
      .def_readonly("due_date", &TermsFinding::due_date)
      .def_readonly("limit_date", &TermsFinding::limit_date);

  py::class_<TermsCheckResult>(
      m, "TermsCheck",
      "Whether terms respect a maximum payment delay, for every invoice "
      "date of a 28-year cycle.")
      .def_readonly("jurisdiction", &TermsCheckResult::jurisdiction)
      .def_property_readonly("compliant", &TermsCheckResult::compliant)
      .def_readonly("longest_delay_days", &TermsCheckResult::longest_delay_days)
      .def_readonly("longest_delay_invoice_date",
                    &TermsCheckResult::longest_delay_invoice_date)
      .def_readonly("findings", &TermsCheckResult::findings);

  py::class_<ScheduleResult>(
      m, "Schedule",
      "The schedule of one invoice: instalments that sum exactly to the "
      "total, discounts, legal checks. to_dict() is the relance.schedule "
      "document (docs/json.md).")
      .def_property_readonly(
          "invoice_date",
          [](const ScheduleResult& s) { return s.schedule.invoice_date; })
      .def_property_readonly(
          "total", [](const ScheduleResult& s) { return s.schedule.total; })
      .def_property_readonly(
          "instalments",
          [](const ScheduleResult& s) { return s.schedule.instalments; })
      .def_property_readonly(
          "discounts",
          [](const ScheduleResult& s) { return s.schedule.discounts; },
          "Discounts on the whole invoice.")
      .def_property_readonly(
          "final_due_date",
          [](const ScheduleResult& s) { return s.schedule.final_due_date; })
      .def_property_readonly(
          "tax_reduction",
          [](const ScheduleResult& s) { return s.schedule.tax_reduction; })
      .def_property_readonly(
          "checks", [](const ScheduleResult& s) { return s.checks; },
          "The legal checks asked for (Terms.schedule(check=...)).")
      .def(
          "to_json",
          [](const ScheduleResult& s) {
            return ScheduleToJson(s.terms, s.schedule, s.checks);
          },
          "The relance.schedule JSON document, as `relance terms --json` "
          "prints it.")
      .def(
          "to_dict",
          [](const ScheduleResult& s) {
            return JsonLoads(ScheduleToJson(s.terms, s.schedule, s.checks));
          },
          "json.loads(to_json()).");

  py::class_<PaymentTerms> terms_class(
      m, "Terms",
      "Payment terms, compiled once: Terms.parse(\"2/10 net 30\"),\n"
      "Terms.from_json(...), Terms.from_system(\"odoo\", ...). Immutable and\n"
      "safe to share between threads.");
  // Terms.parse and Terms.from_json: the same options, read by `read` from
  // the first argument.
  const auto def_reader = [&terms_class](const char* name,
                                         const char* first_argument,
                                         const char* doc, auto read) {
    terms_class.def_static(
        name,
        [read](py::handle input, std::optional<EndOfMonthReading> eom,
               std::optional<BusinessCalendar> calendar,
               BusinessDayConvention convention, RoundingMode rounding,
               DiscountBase discount_base) {
          return Unwrap(
              read(input, ParseOptions(eom, std::move(calendar), convention,
                                       rounding, discount_base)));
        },
        py::arg(first_argument), py::kw_only(),
        py::arg("eom_reading") = py::none(), py::arg("calendar") = py::none(),
        py::arg("convention") = BusinessDayConvention::kFollowing,
        py::arg("rounding") = RoundingMode::kHalfAwayFromZero,
        py::arg("discount_base") = DiscountBase::kTotal, doc);
  };
  def_reader(
      "parse", "text",
      "Parses the text notation (docs/terms.md): \"net 30\", \"45 jours "
      "fin de mois\", \"2/10 net 30\", \"CM+45D\". With a calendar, every "
      "due date is moved onto a business day by the convention. Raises "
      "relance.Error naming the column.",
      [](py::handle text, const TermsParseOptions& options) {
        if (!PyUnicode_Check(text.ptr())) {
          throw py::type_error("relance: terms text is a str");
        }
        return PaymentTerms::Parse(text.cast<std::string>(), options);
      });
  def_reader("from_json", "document",
             "Terms from their JSON form (a str or a dict), docs/terms.md.",
             [](py::handle document, const TermsParseOptions& options) {
               return PaymentTerms::FromJson(JsonText(document), options);
             });
  terms_class
      .def_static(
          "from_system",
          [](std::string_view system, py::handle document,
             std::optional<std::string> currency) {
            std::optional<Currency> in_currency;
            if (currency) in_currency = Unwrap(Currency::FromCode(*currency));
            return Unwrap(
                PaymentTerms::FromSystem(Unwrap(ParseTermsSystem(system)),
                                         JsonText(document), {}, in_currency));
          },
          py::arg("system"), py::arg("document"), py::kw_only(),
          py::arg("currency") = py::none(),
          "Another system's stored terms: \"odoo\", \"erpnext\", \"tryton\", "
          "\"business-central\", \"sap\" (docs/terms.md).")
      .def_property_readonly("text", &PaymentTerms::ToString,
                             "The normal form: \"100% 30D; discount 2.00% "
                             "within 10D\".")
      .def("__str__", &PaymentTerms::ToString)
      .def("__repr__",
           [](const PaymentTerms& t) {
             return absl::StrCat("relance.Terms('", t.ToString(), "')");
           })
      .def(
          "schedule",
          [](const PaymentTerms& terms, Date invoice_date, const Money& total,
             std::optional<Money> tax,
             std::vector<PaymentDelayJurisdiction> check) {
            absl::StatusOr<PaymentSchedule> schedule;
            absl::StatusOr<std::vector<TermsCheckResult>> checks;
            {
              py::gil_scoped_release release;
              schedule = terms.Schedule(invoice_date, total, tax);
              if (schedule.ok()) checks = RunChecks(terms, check);
            }
            PaymentSchedule result = Unwrap(std::move(schedule));
            return ScheduleResult{terms, std::move(result),
                                  Unwrap(std::move(checks))};
          },
          py::arg("invoice_date"), py::arg("total"),
          py::arg("tax") = py::none(), py::kw_only(),
          py::arg("check") = std::vector<PaymentDelayJurisdiction>{},
          "The schedule of an invoice of `total` (relance.Money) issued on "
          "`invoice_date`; `tax` is the tax included in the total (needed "
          "for untaxed or mixed discount bases); `check` lists "
          "relance.Jurisdiction values to check the terms against.")
      .def(
          "due_dates",
          [](const PaymentTerms& terms, Date invoice_date) {
            return Unwrap(terms.DueDates(invoice_date));
          },
          py::arg("invoice_date"), "The due date of each line, no amounts.")
      .def(
          "check",
          [](const PaymentTerms& terms, PaymentDelayJurisdiction jurisdiction) {
            absl::StatusOr<std::vector<TermsCheckResult>> checks;
            {
              py::gil_scoped_release release;
              checks = RunChecks(terms, {jurisdiction});
            }
            return Unwrap(std::move(checks)).front();
          },
          py::arg("jurisdiction"),
          "Checks the terms against a maximum payment delay (relance."
          "Jurisdiction: FR, EU, EU-PUBLIC) for every invoice date.");
}

}  // namespace relance::python
