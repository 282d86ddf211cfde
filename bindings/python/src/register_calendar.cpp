// bindings/python/src/register_calendar.cpp
// -----------------------------------------------------------------------------
// relance.Calendar: business calendars (built-in and JSON), business-day
// conventions, adding and counting business days.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common.hpp"
#include "relance/builtin_calendars.hpp"

namespace relance::python {

void RegisterCalendar(py::module_& m) {
  py::class_<Holiday>(m, "Holiday", "One holiday observed by a calendar.")
      .def_readonly("date", &Holiday::date, "The date it is observed.")
      .def_readonly("name", &Holiday::name,
                    "The rule's name (\"(observed)\", \"(substitute day)\" "
                    "when moved).")
      .def_readonly("nominal_date", &Holiday::nominal_date,
                    "The date before any weekend observance moved it.")
      .def(
          "__eq__", [](const Holiday& a, const Holiday& b) { return a == b; },
          py::is_operator())
      .def("__repr__", [](const Holiday& h) {
        return absl::StrCat("relance.Holiday(", FormatDate(h.date), ", '",
                            h.name, "')");
      });

  py::class_<BusinessCalendar>(
      m, "Calendar",
      "A business calendar: weekend days and holiday rules, immutable.\n\n"
      "Calendar.builtin(\"FR\") or Calendar.from_json(text or dict)\n"
      "(docs/calendars.md). Safe to share between threads.")
      .def_static(
          "builtin",
          [](std::string_view code) {
            return BusinessCalendar(*Unwrap(BuiltinCalendar(code)));
          },
          py::arg("code"),
          "A built-in calendar: FR, FR-ALSACE-MOSELLE, DE, GB, US, TARGET. "
          "Raises relance.Error (code \"not_found\") for another code.")
      .def_static("builtin_codes", &BuiltinCalendarCodes,
                  "The codes of the built-in calendars.")
      .def_static(
          "from_json",
          [](py::handle document) {
            const std::string text = JsonText(document);
            absl::StatusOr<BusinessCalendar> calendar;
            {
              py::gil_scoped_release release;
              calendar = BusinessCalendar::FromJson(text);
            }
            return Unwrap(std::move(calendar));
          },
          py::arg("document"),
          "A calendar from its JSON form (a str, or a dict). Raises "
          "relance.Error with the JSON path.")
      .def_property_readonly("code", &BusinessCalendar::code)
      .def_property_readonly("name", &BusinessCalendar::name)
      .def_property_readonly(
          "weekend",
          [](const BusinessCalendar& c) {
            std::vector<std::string> days =
                absl::StrSplit(c.weekend().ToString(), ',', absl::SkipEmpty());
            return days;
          },
          "The weekend days, lower-case English names, Monday first.")
      .def("is_business_day", &BusinessCalendar::IsBusinessDay, py::arg("date"))
      .def("is_holiday", &BusinessCalendar::IsHoliday, py::arg("date"))
      .def("is_weekend", &BusinessCalendar::IsWeekend, py::arg("date"))
      .def("holidays", &BusinessCalendar::Holidays, py::arg("year"),
           "The holidays observed in a year, by date.")
      .def(
          "adjust",
          [](const BusinessCalendar& c, Date date,
             BusinessDayConvention convention) {
            return c.Adjust(date, convention);
          },
          py::arg("date"),
          py::arg("convention") = BusinessDayConvention::kFollowing,
          "The date itself if a business day, else the business day the "
          "convention selects (relance.BusinessDayConvention or its name).")
      .def("add_business_days", &BusinessCalendar::AddBusinessDays,
           py::arg("date"), py::arg("days"),
           "The n-th business day after (n > 0) or before (n < 0) the date.")
      .def("count_business_days", &BusinessCalendar::CountBusinessDays,
           py::arg("start"), py::arg("end"),
           "The business days in (start, end]: start excluded, end included.")
      .def(
          "without_dates",
          [](const BusinessCalendar& c, std::vector<Date> dates) {
            return Unwrap(c.WithoutDates(std::move(dates)));
          },
          py::arg("dates"),
          "A new calendar in which these dates are business days (unless "
          "weekend days).")
      .def("__repr__", [](const BusinessCalendar& c) {
        return absl::StrCat("relance.Calendar('", c.code(), "')");
      });
}

}  // namespace relance::python
