// capi/src/capi_internal.hpp
// -----------------------------------------------------------------------------
// What every entry point of the C ABI shares: the handles' layout, the
// thread-local last error, the guard that keeps C++ exceptions inside, and
// the checks of arguments and struct sizes. Private to librelance_c.
#ifndef RELANCE_CAPI_INTERNAL_HPP_
#define RELANCE_CAPI_INTERNAL_HPP_

#include <cstddef>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "relance.h"
#include "relance/batch.hpp"
#include "relance/calendar.hpp"
#include "relance/compiled_case.hpp"
#include "relance/dunning.hpp"
#include "relance/money.hpp"
#include "relance/penalty.hpp"
#include "relance/policy.hpp"
#include "relance/rate_series.hpp"
#include "relance/terms.hpp"

// The handles: each holds a compiled, immutable C++ object (a value handle
// over shared state, docs/architecture.md), so a handle never depends on
// another handle's lifetime.
struct relance_calendar {
  std::shared_ptr<const relance::BusinessCalendar> value;
};
struct relance_terms {
  relance::PaymentTerms value;
};
struct relance_rate_series {
  std::shared_ptr<const relance::RateSeries> value;
};
struct relance_rates {
  relance::ReferenceRates value;
};
struct relance_penalty_rule {
  relance::CompiledPenaltyRule value;
};
struct relance_policy {
  relance::Policy value;
};
struct relance_case {
  relance::CompiledCase value;
};
struct relance_portfolio_evaluator {
  relance::PortfolioEvaluator value;
};
struct relance_decision {
  relance::Decision value;
  // The C views of the actions (relance_decision_action), built on first
  // use, once, whichever thread asks first.
  struct ActionView {
    std::vector<const char*> invoices;
    std::vector<relance_money> total_due;
  };
  mutable std::once_flag views_once;
  mutable std::vector<ActionView> views;
};

namespace relance::capi {

// The last error of this thread: set by every failing call, cleared by every
// successful one.
relance_status Ok() noexcept;
relance_status Fail(const absl::Status& status) noexcept;
relance_status Fail(relance_status code, std::string_view message) noexcept;
// RELANCE_ERROR_MISUSE: "<function>: <what>".
relance_status Misuse(const char* function, std::string_view what) noexcept;
// The error for the exception being handled (inside a catch block):
// std::bad_alloc is RELANCE_ERROR_NO_MEMORY, anything else
// RELANCE_ERROR_INTERNAL naming the function.
relance_status FromException(const char* function) noexcept;

// The code for a library status.
relance_status CodeOf(absl::StatusCode code) noexcept;

// `text` of `length` bytes, or up to its NUL for RELANCE_NUL_TERMINATED.
std::string_view Text(const char* text, size_t length);

// A copy of `text` in malloc'd memory for the caller (relance_string_free).
// RELANCE_ERROR_NO_MEMORY when malloc fails; `out_length` may be NULL.
relance_status ReturnText(std::string_view text, char** out,
                          size_t* out_length) noexcept;

// Whether a struct of `size` bytes (as its caller sets it) holds the field
// ending at byte `field_end`.
constexpr bool Holds(size_t size, size_t field_end) {
  return size >= field_end;
}
#define RELANCE_CAPI_FIELD_END(type, field) \
  (offsetof(type, field) + sizeof(static_cast<type*>(nullptr)->field))
#define RELANCE_CAPI_HOLDS(object, type, field) \
  ::relance::capi::Holds((object)->size, RELANCE_CAPI_FIELD_END(type, field))

// A struct's `size` is valid when it is a multiple of its alignment, at
// least `minimum` (the end of its required fields) and at most the size this
// library knows (docs/abi.md, "Versioned structs").
bool ValidSize(size_t size, size_t minimum, size_t maximum, size_t alignment);
relance_status WrongSize(const char* function, const char* what, size_t size,
                         size_t minimum, size_t maximum) noexcept;

// The penalty options of a relance_policy_options (NULL: the defaults) into
// `out`: its rates and assume_last_rate, as far as its `size` holds them.
// A wrong size is an error of `function` naming the argument `what`.
relance_status PenaltyOptionsOf(const char* function, const char* what,
                                const relance_policy_options* options,
                                PolicyPenaltyOptions& out);

// The integer a C caller stored in an enum-typed field or parameter. C
// allows any int there; C++ reading a value outside the enumerators' range
// through the enum type would be undefined, so it is read as bytes.
template <typename Enum>
int EnumValue(const Enum& value) {
  static_assert(sizeof(Enum) == sizeof(int), "C enums are int-sized here");
  int result;
  std::memcpy(&result, &value, sizeof result);
  return result;
}

// Conversions of C values (MISUSE or INVALID_ARGUMENT through the last
// error when they fail).
absl::StatusOr<Date> ToDate(relance_date date);
absl::StatusOr<Money> ToMoney(const relance_money& money);
relance_money FromMoney(const Money& money);
absl::StatusOr<TermsParseOptions> ToTermsOptions(
    const char* function, const relance_terms_options* options);

}  // namespace relance::capi

// Entry points: a body between RELANCE_CAPI_BEGIN and RELANCE_CAPI_END runs
// inside a catch-all, so no exception crosses the C boundary.
#define RELANCE_CAPI_BEGIN try {
#define RELANCE_CAPI_END                             \
  }                                                  \
  catch (...) {                                      \
    return ::relance::capi::FromException(__func__); \
  }

// MISUSE when a required pointer is NULL, naming it.
#define RELANCE_CAPI_REQUIRE(pointer)                                \
  do {                                                               \
    if ((pointer) == nullptr) {                                      \
      return ::relance::capi::Misuse(__func__, #pointer " is NULL"); \
    }                                                                \
  } while (false)

// An out handle is NULL until the call succeeds.
#define RELANCE_CAPI_REQUIRE_OUT(out) \
  RELANCE_CAPI_REQUIRE(out);          \
  *(out) = nullptr

#define RELANCE_CAPI_CONCAT_INNER(a, b) a##b
#define RELANCE_CAPI_CONCAT(a, b) RELANCE_CAPI_CONCAT_INNER(a, b)
// `lhs = *expr` when the StatusOr `expr` holds a value, else return its error.
#define RELANCE_CAPI_ASSIGN_OR_RETURN(lhs, expr)             \
  auto RELANCE_CAPI_CONCAT(status_or_, __LINE__) = (expr);   \
  if (!RELANCE_CAPI_CONCAT(status_or_, __LINE__).ok()) {     \
    return ::relance::capi::Fail(                            \
        RELANCE_CAPI_CONCAT(status_or_, __LINE__).status()); \
  }                                                          \
  lhs = *std::move(RELANCE_CAPI_CONCAT(status_or_, __LINE__))

#endif  // RELANCE_CAPI_INTERNAL_HPP_
