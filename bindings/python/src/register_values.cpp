// bindings/python/src/register_values.cpp
// -----------------------------------------------------------------------------
// relance.Currency, relance.Money, relance.Rate, and dates as text.
#include <compare>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common.hpp"
#include "relance/version.hpp"

namespace relance::python {
namespace {

// The same currency, or relance.Error naming both amounts.
void SameCurrency(const Money& a, const Money& b, std::string_view what) {
  if (!(a.currency() == b.currency())) {
    ThrowStatus(absl::InvalidArgumentError(
        absl::StrCat("cannot ", std::string(what), " ", a.ToString(), " and ",
                     b.ToString(), ": different currencies")));
  }
}

std::strong_ordering Order(const Money& a, const Money& b) {
  return Unwrap(Compare(a, b));
}

// A Rate from an exact decimal number of `unit` parts per billion (a percent
// is 10^7 of them).
Rate RateFromDecimal(py::handle value, int64_t parts_per_unit) {
  if (PyFloat_Check(value.ptr())) {
    throw py::type_error(
        "relance: rates are exact: pass a decimal.Decimal, an int or decimal "
        "text, not a float");
  }
  std::string text;
  if (PyUnicode_Check(value.ptr())) {
    text = value.cast<std::string>();
  } else if (PyLong_Check(value.ptr()) && !PyBool_Check(value.ptr())) {
    text = py::str(value).cast<std::string>();
  } else if (py::isinstance(value,
                            py::module_::import("decimal").attr("Decimal"))) {
    // Plain notation ("12.15", never "1.215E+1") for the parser.
    text = py::str(py::str("{:f}").attr("format")(value)).cast<std::string>();
  } else {
    throw py::type_error(absl::StrCat(
        "relance: a rate is a decimal.Decimal, an int or decimal text, not ",
        std::string(py::str(py::type::handle_of(value).attr("__name__")))));
  }
  // Rate::Parse reads percentages ("12.15%") and basis points ("1215bp")
  // exactly, with their precision limits.
  if (parts_per_unit == 10'000'000) return Unwrap(Rate::Parse(text + "%"));
  if (parts_per_unit == 100'000) return Unwrap(Rate::Parse(text + "bp"));
  return Unwrap(Rate::Parse(text));
}

}  // namespace

void RegisterValues(py::module_& m) {
  m.def("version_string", &VersionString,
        "The linked library's version, \"MAJOR.MINOR.PATCH\" "
        "(relance.__version__).");
  m.def("version_number", &VersionNumber,
        "The linked library's version as major * 10000 + minor * 100 + patch.");

  // --- Dates -----------------------------------------------------------------
  m.def(
      "parse_date",
      [](std::string_view text) { return Unwrap(ParseDate(text)); },
      py::arg("text"),
      "Parses a strict ISO 8601 date, \"YYYY-MM-DD\" (years 0001..9999).\n\n"
      "Raises relance.Error naming the column and what is wrong.");
  m.def(
      "format_date", [](Date date) { return FormatDate(date); },
      py::arg("date"), "Formats a datetime.date as \"YYYY-MM-DD\".");

  // --- Currency
  // ----------------------------------------------------------------
  py::class_<Currency>(
      m, "Currency", "An active ISO 4217 currency: its code and minor digits.")
      .def(py::init([](std::string_view code) {
             return Unwrap(Currency::FromCode(code));
           }),
           py::arg("code"),
           "The currency of an ISO 4217 code (\"EUR\"). Raises relance.Error "
           "for a code that is not an active currency with a minor unit.")
      .def_property_readonly(
          "code", [](const Currency& c) { return c.ToString(); },
          "The three-letter code, \"EUR\".")
      .def_property_readonly("minor_digits", &Currency::minor_digits,
                             "Digits after the decimal point (EUR 2, JPY 0).")
      .def_property_readonly("numeric_code", &Currency::numeric_code,
                             "The ISO 4217 numeric code (EUR 978).")
      .def_property_readonly(
          "name", [](const Currency& c) { return std::string(c.name()); },
          "The ISO 4217 English name (\"Euro\").")
      .def("__str__", &Currency::ToString)
      .def("__repr__",
           [](const Currency& c) {
             return absl::StrCat("relance.Currency('", c.ToString(), "')");
           })
      .def("__eq__",
           [](const Currency& a, const Currency& b) { return a == b; })
      .def("__eq__", [](const Currency&, py::handle) { return false; })
      .def("__hash__",
           [](const Currency& c) { return py::hash(py::str(c.ToString())); });
  m.def(
      "currencies",
      []() {
        std::vector<Currency> all(AllCurrencies().begin(),
                                  AllCurrencies().end());
        return all;
      },
      "Every currency relance knows, sorted by code.");

  // --- Money -----------------------------------------------------------------
  py::class_<Money>(
      m, "Money",
      "An exact amount of money: whole minor units of one currency.\n\n"
      "Money(Decimal(\"1234.56\"), \"EUR\"); the amount may also be an int\n"
      "(major units) or decimal text. Floats are refused (TypeError).\n"
      "Amounts of different currencies never mix: adding or comparing them\n"
      "raises relance.Error.")
      .def(py::init([](py::handle amount, py::handle currency) {
             return MoneyFromAmount(amount, CurrencyFrom(currency));
           }),
           py::arg("amount"), py::arg("currency"))
      .def_static(
          "parse",
          [](std::string_view text) { return Unwrap(Money::Parse(text)); },
          py::arg("text"),
          "Parses \"1234.56 EUR\" or \"EUR 1234.56\". Raises relance.Error "
          "naming the column for malformed text.")
      .def_static(
          "from_minor_units",
          [](int64_t minor_units, py::handle currency) {
            return Unwrap(
                Money::FromMinorUnits(minor_units, CurrencyFrom(currency)));
          },
          py::arg("minor_units"), py::arg("currency"),
          "Money from whole minor units (cents): from_minor_units(123456, "
          "\"EUR\") is 1234.56 EUR.")
      .def_static(
          "zero",
          [](py::handle currency) {
            return Money::Zero(CurrencyFrom(currency));
          },
          py::arg("currency"), "Zero in a currency.")
      .def_property_readonly(
          "amount",
          [](const Money& money) { return Decimal(money.FormatAmount()); },
          "The amount as a decimal.Decimal with the currency's minor digits "
          "(Decimal(\"1234.56\")).")
      .def_property_readonly(
          "currency",
          [](const Money& money) { return money.currency().ToString(); },
          "The currency code, \"EUR\".")
      .def_property_readonly("minor_units", &Money::minor_units,
                             "Whole minor units (123456 for 1234.56 EUR).")
      .def(
          "format",
          [](const Money& money, char decimal_separator,
             std::string thousands) {
            if (thousands.size() > 1) {
              ThrowStatus(absl::InvalidArgumentError(
                  "thousands_separator: one character or \"\""));
            }
            MoneyTextOptions options{
                .decimal_separator = decimal_separator,
                .thousands_separator =
                    thousands.empty() ? '\0' : thousands.front()};
            Check(options.Validate());
            return money.FormatAmount(options);
          },
          py::arg("decimal_separator") = '.',
          py::arg("thousands_separator") = "",
          "The amount without the code: format() is \"1234.56\", "
          "format(\",\", \" \") is \"1 234,56\".")
      .def("_relance_text", &Money::ToString)
      .def("__str__", &Money::ToString)
      .def("__repr__",
           [](const Money& money) {
             return absl::StrCat("relance.Money('", money.FormatAmount(),
                                 "', '", money.currency().ToString(), "')");
           })
      .def("__bool__", [](const Money& money) { return !money.IsZero(); })
      .def("__neg__", &Money::Negated)
      .def("__abs__", &Money::Abs)
      .def(
          "__add__",
          [](const Money& a, const Money& b) {
            SameCurrency(a, b, "add");
            return Unwrap(Add(a, b));
          },
          py::is_operator())
      .def(
          "__sub__",
          [](const Money& a, const Money& b) {
            SameCurrency(a, b, "subtract");
            return Unwrap(Subtract(a, b));
          },
          py::is_operator())
      .def(
          "__eq__", [](const Money& a, const Money& b) { return a == b; },
          py::is_operator())
      .def(
          "__ne__", [](const Money& a, const Money& b) { return !(a == b); },
          py::is_operator())
      .def(
          "__lt__",
          [](const Money& a, const Money& b) { return Order(a, b) < 0; },
          py::is_operator())
      .def(
          "__le__",
          [](const Money& a, const Money& b) { return Order(a, b) <= 0; },
          py::is_operator())
      .def(
          "__gt__",
          [](const Money& a, const Money& b) { return Order(a, b) > 0; },
          py::is_operator())
      .def(
          "__ge__",
          [](const Money& a, const Money& b) { return Order(a, b) >= 0; },
          py::is_operator())
      .def("__hash__",
           [](const Money& money) {
             return py::hash(py::make_tuple(money.minor_units(),
                                            money.currency().ToString()));
           })
      .def(py::pickle(
          [](const Money& money) {
            return py::make_tuple(money.minor_units(),
                                  money.currency().ToString());
          },
          [](const py::tuple& state) {
            return Unwrap(Money::FromMinorUnits(state[0].cast<int64_t>(),
                                                CurrencyFrom(state[1])));
          }));

  // --- Rate ------------------------------------------------------------------
  py::class_<Rate>(
      m, "Rate",
      "An exact rate: a whole number of parts per billion.\n\n"
      "Rate.parse(\"12.15%\"), Rate.from_percent(Decimal(\"12.15\"))."
      " str() is \"12.15%\".")
      .def_static(
          "parse",
          [](std::string_view text) { return Unwrap(Rate::Parse(text)); },
          py::arg("text"),
          "Parses \"12.15%\", \"1215bp\" or the ratio \"0.1215\".")
      .def_static(
          "parse_percent",
          [](std::string_view text) {
            return Unwrap(Rate::ParsePercent(text));
          },
          py::arg("text"),
          "Parses \"12.15%\" or \"1215bp\" only: a bare number is refused as "
          "ambiguous.")
      .def_static(
          "from_percent",
          [](py::handle percent) {
            return RateFromDecimal(percent, 10'000'000);
          },
          py::arg("percent"),
          "The rate of a percentage: from_percent(Decimal(\"12.15\")).")
      .def_static(
          "from_basis_points",
          [](py::handle basis_points) {
            return RateFromDecimal(basis_points, 100'000);
          },
          py::arg("basis_points"), "The rate of basis points (1 bp = 0.01 %).")
      .def_static(
          "from_ratio",
          [](py::handle ratio) {
            return RateFromDecimal(ratio, Rate::kPartsPerUnit);
          },
          py::arg("ratio"),
          "The rate of a ratio: from_ratio(Decimal(\"0.1215\")).")
      .def_static(
          "from_parts_per_billion",
          [](int64_t parts) {
            if (parts > Rate::kMaxPartsPerBillion ||
                parts < -Rate::kMaxPartsPerBillion) {
              ThrowStatus(absl::InvalidArgumentError(absl::StrCat(
                  "rate of ", parts,
                  " parts per billion: beyond the bound of 1000 (100,000 %)")));
            }
            return Rate::FromPartsPerBillion(parts);
          },
          py::arg("parts_per_billion"))
      .def_property_readonly("parts_per_billion", &Rate::parts_per_billion)
      .def_property_readonly(
          "percent",
          [](const Rate& r) {
            return Decimal(std::to_string(r.parts_per_billion()))
                .attr("scaleb")(-7);
          },
          "The rate as an exact decimal.Decimal percentage (12.15).")
      .def_property_readonly(
          "ratio",
          [](const Rate& r) {
            return Decimal(std::to_string(r.parts_per_billion()))
                .attr("scaleb")(-9);
          },
          "The rate as an exact decimal.Decimal ratio (0.1215).")
      .def("_relance_text", &Rate::ToString)
      .def("__str__", &Rate::ToString)
      .def("__repr__",
           [](const Rate& r) {
             return absl::StrCat("relance.Rate('", r.ToString(), "')");
           })
      .def(
          "__eq__", [](const Rate& a, const Rate& b) { return a == b; },
          py::is_operator())
      .def(
          "__lt__", [](const Rate& a, const Rate& b) { return a < b; },
          py::is_operator())
      .def(
          "__le__", [](const Rate& a, const Rate& b) { return a <= b; },
          py::is_operator())
      .def(
          "__gt__", [](const Rate& a, const Rate& b) { return a > b; },
          py::is_operator())
      .def(
          "__ge__", [](const Rate& a, const Rate& b) { return a >= b; },
          py::is_operator())
      .def("__hash__",
           [](const Rate& r) {
             return py::hash(py::int_(r.parts_per_billion()));
           })
      .def(
          "__add__", [](const Rate& a, const Rate& b) { return a + b; },
          py::is_operator())
      .def(
          "__sub__", [](const Rate& a, const Rate& b) { return a - b; },
          py::is_operator());

  // The C++ names of each enumeration, for the test that the Python enums
  // mirror them exactly.
  m.def("_enum_names", [](std::string_view which) {
    std::vector<std::string> names;
    auto all = [&names]<typename E>(E) {
      for (int i = 0; i < EnumTraits<E>::kCount; ++i) {
        names.push_back(EnumTraits<E>::Name(static_cast<E>(i)));
      }
    };
#define RELANCE_NAMES(E) \
  if (which == EnumTraits<E>::kPythonName) all(E{});
    RELANCE_NAMES(BusinessDayConvention)
    RELANCE_NAMES(RoundingMode)
    RELANCE_NAMES(EndOfMonthReading)
    RELANCE_NAMES(DiscountBase)
    RELANCE_NAMES(DayCount)
    RELANCE_NAMES(PaymentDelayJurisdiction)
    RELANCE_NAMES(RateCadence)
    RELANCE_NAMES(Channel)
    RELANCE_NAMES(Grouping)
    RELANCE_NAMES(EventKind)
    RELANCE_NAMES(ReasonCode)
    RELANCE_NAMES(TermsFinding::Severity)
    RELANCE_NAMES(PenaltyFlag)
    RELANCE_NAMES(InvoiceState)
    RELANCE_NAMES(PenaltyStatus)
#undef RELANCE_NAMES
    return names;
  });
}

}  // namespace relance::python
