// bindings/python/src/convert.cpp
// -----------------------------------------------------------------------------
// Conversions at the boundary of the Python extension (common.hpp).
#include <limits>
#include <string>
#include <string_view>

#include "absl/numeric/int128.h"
#include "absl/strings/str_cat.h"
#include "common.hpp"

namespace relance::python {

py::module_ TypesModule() {
  // Imported on first use and kept for the life of the interpreter (the
  // module object is never freed: the interpreter owns it).
  static py::module_* types =
      new py::module_(py::module_::import("relance._types"));
  return *types;
}

namespace {

std::string_view CodeName(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
      return "invalid_argument";
    case absl::StatusCode::kOutOfRange:
      return "out_of_range";
    case absl::StatusCode::kFailedPrecondition:
      return "failed_precondition";
    case absl::StatusCode::kNotFound:
      return "not_found";
    case absl::StatusCode::kUnavailable:
      return "busy";
    case absl::StatusCode::kDataLoss:
      return "data_loss";
    default:
      return "internal";
  }
}

std::string TypeName(py::handle value) {
  return py::str(py::type::handle_of(value).attr("__name__"));
}

}  // namespace

void ThrowStatus(const absl::Status& status) {
  py::object error = TypesModule().attr("_error_from_status")(
      CodeName(status.code()), std::string(status.message()));
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())),
                  error.ptr());
  throw py::error_already_set();
}

Currency CurrencyFrom(py::handle currency) {
  if (py::isinstance<Currency>(currency)) return currency.cast<Currency>();
  if (!PyUnicode_Check(currency.ptr())) {
    throw py::type_error(absl::StrCat(
        "relance: a currency is an ISO 4217 code such as \"EUR\" (a str), "
        "not ",
        TypeName(currency)));
  }
  return Unwrap(Currency::FromCode(currency.cast<std::string>()));
}

py::object Decimal(std::string_view text) {
  static py::object* decimal_type =
      new py::object(py::module_::import("decimal").attr("Decimal"));
  return (*decimal_type)(py::str(text.data(), text.size()));
}

Money MoneyFromAmount(py::handle amount, Currency currency) {
  if (PyFloat_Check(amount.ptr())) {
    throw py::type_error(absl::StrCat(
        "relance: amounts of money are exact: pass a decimal.Decimal, an int "
        "or decimal text (Decimal(\"",
        std::string(py::str(amount)),
        "\")), not a float, which cannot hold most amounts exactly"));
  }
  if (PyUnicode_Check(amount.ptr())) {
    return Unwrap(Money::ParseAmount(amount.cast<std::string>(), currency));
  }
  if (PyBool_Check(amount.ptr()) || amount.is_none()) {
    throw py::type_error(absl::StrCat(
        "relance: an amount of money is a decimal.Decimal, an int or decimal "
        "text, not ",
        TypeName(amount)));
  }
  const int64_t per_major = currency.MinorUnitsPerMajor();
  const std::string where = absl::StrCat(
      "amount ", std::string(py::repr(amount)), " ", currency.ToString());
  if (PyLong_Check(amount.ptr())) {
    int overflow = 0;
    const long long major =
        PyLong_AsLongLongAndOverflow(amount.ptr(), &overflow);
    if (overflow != 0 || major > Money::kMaxMinorUnits / per_major ||
        major < -Money::kMaxMinorUnits / per_major) {
      ThrowStatus(absl::InvalidArgumentError(
          absl::StrCat(where, ": beyond the bound of 10^17 minor units")));
    }
    return Unwrap(Money::FromMinorUnits(major * per_major, currency));
  }
  static py::object* decimal_type =
      new py::object(py::module_::import("decimal").attr("Decimal"));
  if (!py::isinstance(amount, *decimal_type)) {
    throw py::type_error(absl::StrCat(
        "relance: an amount of money is a decimal.Decimal, an int or decimal "
        "text, not ",
        TypeName(amount)));
  }
  // Decimal's own exact form: sign, digits, exponent; value =
  // (-1)^sign x digits x 10^exponent.
  const py::tuple parts = amount.attr("as_tuple")();
  const bool negative = parts[0].cast<int>() != 0;
  const py::tuple digits = parts[1];
  if (!PyLong_Check(py::object(parts[2]).ptr())) {
    ThrowStatus(absl::InvalidArgumentError(
        absl::StrCat(where, ": not a finite number")));
  }
  const int64_t exponent = parts[2].cast<int64_t>();
  // scale: the power of ten from the digits to minor units.
  const int64_t scale = exponent + currency.minor_digits();
  const size_t count = digits.size();
  // Trailing digits a negative scale drops must be zeros.
  size_t kept = count;
  if (scale < 0) {
    const int64_t dropped = -scale;
    for (int64_t i = 0; i < dropped; ++i) {
      if (kept == 0) break;
      if (digits[kept - 1].cast<int>() != 0) {
        ThrowStatus(absl::InvalidArgumentError(
            absl::StrCat(where, ": more than ", currency.minor_digits(),
                         " decimals (the currency's minor unit)")));
      }
      --kept;
    }
  }
  absl::int128 minor = 0;
  const absl::int128 bound = Money::kMaxMinorUnits;
  const auto too_large = [&where]() {
    ThrowStatus(absl::InvalidArgumentError(
        absl::StrCat(where, ": beyond the bound of 10^17 minor units")));
  };
  for (size_t i = 0; i < kept; ++i) {
    minor = minor * 10 + digits[i].cast<int>();
    if (minor > bound) too_large();
  }
  if (minor != 0) {
    for (int64_t i = 0; i < scale; ++i) {
      minor *= 10;
      if (minor > bound) too_large();
    }
  }
  const int64_t units = static_cast<int64_t>(minor);
  return Unwrap(Money::FromMinorUnits(negative ? -units : units, currency));
}

std::string JsonText(py::handle document) {
  if (PyUnicode_Check(document.ptr())) return document.cast<std::string>();
  if (PyDict_Check(document.ptr()) || PyList_Check(document.ptr())) {
    static py::object* dumps =
        new py::object(py::module_::import("json").attr("dumps"));
    return (*dumps)(document,
                    py::arg("default") = TypesModule().attr("_json_default"))
        .cast<std::string>();
  }
  throw py::type_error(absl::StrCat(
      "relance: a JSON document is a str of JSON text, or a dict (or list) "
      "to write as JSON, not ",
      TypeName(document)));
}

std::string PathText(py::handle path) {
  static py::object* fspath =
      new py::object(py::module_::import("os").attr("fspath"));
  if (path.is_none()) {
    throw py::type_error(
        "relance: expected a path (str or os.PathLike), "
        "not None");
  }
  return (*fspath)(path).cast<std::string>();
}

py::object JsonLoads(const std::string& text) {
  static py::object* loads =
      new py::object(py::module_::import("json").attr("loads"));
  return (*loads)(text);
}

}  // namespace relance::python
