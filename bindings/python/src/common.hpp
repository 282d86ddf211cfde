// bindings/python/src/common.hpp
// -----------------------------------------------------------------------------
// What every register_<concept>.cpp file of the Python extension shares:
//   - the conversions of relance's values at the boundary: `datetime.date`
//     <-> relance::Date (a datetime.datetime is refused: it is a date
//     subclass, so it is checked explicitly), relance's enumerations <-> the
//     enum.Enum classes of relance/_types.py (by their stable names),
//     `decimal.Decimal` <-> exact minor units;
//   - errors: a non-OK absl::Status becomes relance.Error (a ValueError)
//     carrying the message, the code and the position the message names.
#ifndef RELANCE_BINDINGS_PYTHON_COMMON_HPP_
#define RELANCE_BINDINGS_PYTHON_COMMON_HPP_

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
// datetime.h after Python.h (which pybind11 includes).
#include <datetime.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "relance/calendar.hpp"
#include "relance/currency.hpp"
#include "relance/date.hpp"
#include "relance/day_count.hpp"
#include "relance/dunning.hpp"
#include "relance/event.hpp"
#include "relance/lifecycle.hpp"
#include "relance/money.hpp"
#include "relance/penalty.hpp"
#include "relance/policy.hpp"
#include "relance/rate.hpp"
#include "relance/rate_series.hpp"
#include "relance/reason.hpp"
#include "relance/rounding.hpp"
#include "relance/terms.hpp"
#include "relance/terms_check.hpp"

namespace relance::python {

namespace py = pybind11;

// relance._types (the pure-Python error and enumerations), imported once.
py::module_ TypesModule();

// Raises relance.Error for `status` (which is not OK).
[[noreturn]] void ThrowStatus(const absl::Status& status);

inline void Check(const absl::Status& status) {
  if (!status.ok()) ThrowStatus(status);
}

template <typename T>
T Unwrap(absl::StatusOr<T> result) {
  if (!result.ok()) ThrowStatus(result.status());
  return *std::move(result);
}

// A currency from its code (a str) or a relance.Currency.
// Errors: TypeError for another type; relance.Error for an unknown code.
Currency CurrencyFrom(py::handle currency);

// The exact amount `amount` (a decimal.Decimal, an int, or decimal text such
// as "1234.56") in `currency`. A float is refused with a TypeError (binary
// floating point cannot hold most amounts of money exactly), as are bool and
// None. Errors (relance.Error): a value with more decimals than the currency
// has (the value counts, not the digits written: Decimal("2.00") is 2 JPY,
// Decimal("1.5") is refused in JPY), a value that is not finite, beyond
// Money::kMaxMinorUnits.
Money MoneyFromAmount(py::handle amount, Currency currency);

// decimal.Decimal(text).
py::object Decimal(std::string_view text);

// The text of a JSON document given as a str, or as a dict/list that
// json.dumps writes (dates as "YYYY-MM-DD", relance.Money and relance.Rate
// as relance writes them). Errors: TypeError for None and other types.
std::string JsonText(py::handle document);

// A filesystem path from a str or an os.PathLike.
std::string PathText(py::handle path);

// json.loads(text).
py::object JsonLoads(const std::string& text);

// Registration, one function per concept file.
void RegisterValues(py::module_& m);
void RegisterCalendar(py::module_& m);
void RegisterTerms(py::module_& m);
void RegisterPenalty(py::module_& m);
void RegisterDunning(py::module_& m);
void RegisterPortfolio(py::module_& m);
void RegisterLetters(py::module_& m);
void RegisterEInvoice(py::module_& m);
// Only when the ledger is built (RELANCE_PYTHON_LEDGER).
void RegisterLedger(py::module_& m);

// --- Enumerations
// --------------------------------------------------------------

// How one C++ enumeration crosses: the enum.Enum class of relance._types that
// mirrors it, its names (ToString), and how a name is read back (Parse).
template <typename E>
struct EnumTraits;

#define RELANCE_PYTHON_ENUM(E, python_name, last, parse)                      \
  template <>                                                                 \
  struct EnumTraits<E> {                                                      \
    static constexpr char kPythonName[] = python_name;                        \
    static constexpr int kCount = static_cast<int>(last) + 1;                 \
    static std::string Name(E value) { return std::string(ToString(value)); } \
    static absl::StatusOr<E> Parse(std::string_view text) {                   \
      return parse(text);                                                     \
    }                                                                         \
  };

RELANCE_PYTHON_ENUM(BusinessDayConvention, "BusinessDayConvention",
                    BusinessDayConvention::kModifiedPreceding,
                    ParseBusinessDayConvention)
RELANCE_PYTHON_ENUM(RoundingMode, "RoundingMode", RoundingMode::kFloor,
                    ParseRoundingMode)
RELANCE_PYTHON_ENUM(EndOfMonthReading, "EndOfMonthReading",
                    EndOfMonthReading::kEndOfMonthThenDays,
                    ParseEndOfMonthReading)
RELANCE_PYTHON_ENUM(DiscountBase, "DiscountBase", DiscountBase::kMixed,
                    ParseDiscountBase)
RELANCE_PYTHON_ENUM(DayCount, "DayCount", DayCount::kThirtyE360, ParseDayCount)
RELANCE_PYTHON_ENUM(PaymentDelayJurisdiction, "Jurisdiction",
                    PaymentDelayJurisdiction::kEuPublicAuthority,
                    ParsePaymentDelayJurisdiction)
RELANCE_PYTHON_ENUM(RateCadence, "RateCadence", RateCadence::kHalfYearly,
                    ParseRateCadence)
RELANCE_PYTHON_ENUM(Channel, "Channel", Channel::kLegal, ParseChannel)
RELANCE_PYTHON_ENUM(Grouping, "Grouping", Grouping::kPerInvoice, ParseGrouping)
RELANCE_PYTHON_ENUM(EventKind, "EventKind", EventKind::kActionAcknowledged,
                    ParseEventKind)
RELANCE_PYTHON_ENUM(ReasonCode, "ReasonCode", ReasonCode::kAccountBlocked,
                    ParseReasonCode)

// Enumerations relance only returns: no parser.
template <typename E>
absl::StatusOr<E> NoParse(std::string_view) {
  return absl::InvalidArgumentError("not an input");
}
RELANCE_PYTHON_ENUM(TermsFinding::Severity, "Severity",
                    TermsFinding::Severity::kViolation,
                    NoParse<TermsFinding::Severity>)
RELANCE_PYTHON_ENUM(PenaltyFlag, "PenaltyFlag", PenaltyFlag::kAssumedLastRate,
                    NoParse<PenaltyFlag>)
RELANCE_PYTHON_ENUM(InvoiceState, "InvoiceState", InvoiceState::kWrittenOff,
                    NoParse<InvoiceState>)
RELANCE_PYTHON_ENUM(PenaltyStatus, "PenaltyStatus", PenaltyStatus::kUnavailable,
                    NoParse<PenaltyStatus>)

#undef RELANCE_PYTHON_ENUM

}  // namespace relance::python

namespace pybind11::detail {

// datetime.date <-> relance::Date. A datetime.datetime (naive or aware) is
// refused with a TypeError: it is a point in time, not a civil date, and
// silently dropping its time (or its time zone) would move invoices across
// days.
template <>
struct type_caster<relance::Date> {
  PYBIND11_TYPE_CASTER(relance::Date, const_name("datetime.date"));

  bool load(handle source, bool /*convert*/) {
    if (PyDateTimeAPI == nullptr) PyDateTime_IMPORT;
    if (!source || !PyDate_Check(source.ptr())) return false;
    if (PyDateTime_Check(source.ptr())) {
      throw type_error(
          "relance: expected a datetime.date, got a datetime.datetime; pass "
          "its .date() (relance works on civil dates, without time or time "
          "zone)");
    }
// CPython's field macros are C casts.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
    const int year = PyDateTime_GET_YEAR(source.ptr());
    const int month = PyDateTime_GET_MONTH(source.ptr());
    const int day = PyDateTime_GET_DAY(source.ptr());
#pragma GCC diagnostic pop
    value = relance::MakeDate(year, static_cast<unsigned>(month),
                              static_cast<unsigned>(day));
    return true;
  }

  static handle cast(relance::Date date, return_value_policy /*policy*/,
                     handle /*parent*/) {
    if (PyDateTimeAPI == nullptr) PyDateTime_IMPORT;
    const date::year_month_day fields = relance::Fields(date);
    PyObject* result =
        PyDate_FromDate(static_cast<int>(fields.year()),
                        static_cast<int>(static_cast<unsigned>(fields.month())),
                        static_cast<int>(static_cast<unsigned>(fields.day())));
    if (result == nullptr) throw error_already_set();
    return result;
  }
};

// A relance enumeration <-> the member of its relance._types enum.Enum. In,
// a member or its name (the enumerations are str subclasses); an unknown name
// raises relance.Error listing the names.
template <typename E>
struct relance_enum_caster {
  using Traits = relance::python::EnumTraits<E>;
  PYBIND11_TYPE_CASTER(E, const_name("relance.") +
                              const_name(Traits::kPythonName));

  bool load(handle source, bool /*convert*/) {
    if (!source || !PyUnicode_Check(source.ptr())) return false;
    const std::string text = source.cast<std::string>();
    value = relance::python::Unwrap(Traits::Parse(text));
    return true;
  }

  static handle cast(E value, return_value_policy /*policy*/,
                     handle /*parent*/) {
    object type = relance::python::TypesModule().attr(Traits::kPythonName);
    return type(Traits::Name(value)).release();
  }
};

#define RELANCE_PYTHON_ENUM_CASTER(E) \
  template <>                         \
  struct type_caster<E> : relance_enum_caster<E> {};
RELANCE_PYTHON_ENUM_CASTER(relance::BusinessDayConvention)
RELANCE_PYTHON_ENUM_CASTER(relance::RoundingMode)
RELANCE_PYTHON_ENUM_CASTER(relance::EndOfMonthReading)
RELANCE_PYTHON_ENUM_CASTER(relance::DiscountBase)
RELANCE_PYTHON_ENUM_CASTER(relance::DayCount)
RELANCE_PYTHON_ENUM_CASTER(relance::PaymentDelayJurisdiction)
RELANCE_PYTHON_ENUM_CASTER(relance::RateCadence)
RELANCE_PYTHON_ENUM_CASTER(relance::Channel)
RELANCE_PYTHON_ENUM_CASTER(relance::Grouping)
RELANCE_PYTHON_ENUM_CASTER(relance::EventKind)
RELANCE_PYTHON_ENUM_CASTER(relance::ReasonCode)
RELANCE_PYTHON_ENUM_CASTER(relance::TermsFinding::Severity)
RELANCE_PYTHON_ENUM_CASTER(relance::PenaltyFlag)
RELANCE_PYTHON_ENUM_CASTER(relance::InvoiceState)
RELANCE_PYTHON_ENUM_CASTER(relance::PenaltyStatus)
#undef RELANCE_PYTHON_ENUM_CASTER

}  // namespace pybind11::detail

#endif  // RELANCE_BINDINGS_PYTHON_COMMON_HPP_
