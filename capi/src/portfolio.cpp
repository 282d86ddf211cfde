// The C ABI's portfolio evaluator: the columnar kernel (relance/batch.hpp)
// over caller-owned arrays, its totals as the library's JSON document.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "capi_internal.hpp"
#include "relance/batch.hpp"
#include "relance/batch_json.hpp"
#include "relance/currency.hpp"
#include "relance/terms.hpp"

namespace relance::capi {
namespace {

// `pointer` and `length` as a span; MISUSE (through the last error, as
// kCancelled) when the pointer is NULL with a non-zero length.
template <typename T>
absl::StatusOr<std::span<T>> View(const char* function, const char* name,
                                  T* pointer, size_t length) {
  if (pointer == nullptr) {
    if (length != 0) {
      Misuse(function,
             absl::StrCat(name, " is NULL with a length of ", length));
      return absl::CancelledError();
    }
    return std::span<T>();
  }
  return std::span<T>(pointer, length);
}

// `to.field` viewing `from->field` and `from->field_length`, when the
// caller's struct (of type `type`, named `name` in messages) is long enough
// to hold them: an older, shorter struct leaves the field empty.
#define RELANCE_CAPI_VIEW(to, from, type, name, field)          \
  if (RELANCE_CAPI_HOLDS(from, type, field##_length)) {         \
    auto view = View(function, name "->" #field, (from)->field, \
                     (from)->field##_length);                   \
    if (!view.ok()) return view.status();                       \
    (to).field = *view;                                         \
  }

// The columns of `c` (its size checked first), as spans over its arrays.
absl::StatusOr<PortfolioColumns> ToColumns(const char* function,
                                           const relance_portfolio_columns* c) {
  constexpr size_t kMinimum =
      RELANCE_CAPI_FIELD_END(relance_portfolio_columns, payment_amount_length);
  if (!ValidSize(c->size, kMinimum, sizeof(relance_portfolio_columns),
                 alignof(relance_portfolio_columns))) {
    WrongSize(function, "columns", c->size, kMinimum,
              sizeof(relance_portfolio_columns));
    return absl::CancelledError();
  }
  PortfolioColumns columns;
#define RELANCE_CAPI_COLUMN(field) \
  RELANCE_CAPI_VIEW(columns, c, relance_portfolio_columns, "columns", field)
  RELANCE_CAPI_COLUMN(issue_date)
  RELANCE_CAPI_COLUMN(amount)
  RELANCE_CAPI_COLUMN(terms)
  RELANCE_CAPI_COLUMN(payment_start)
  RELANCE_CAPI_COLUMN(payment_date)
  RELANCE_CAPI_COLUMN(payment_amount)
  // The customer column goes with its count (the field after it).
  if (RELANCE_CAPI_HOLDS(c, relance_portfolio_columns, customer_count)) {
    RELANCE_CAPI_COLUMN(customer)
    columns.customer_count = c->customer_count;
  }
  RELANCE_CAPI_COLUMN(flags)
  RELANCE_CAPI_COLUMN(last_level)
  RELANCE_CAPI_COLUMN(last_level_date)
#undef RELANCE_CAPI_COLUMN
  return columns;
}

// The outputs of `o` (NULL: none wanted), its size checked first.
absl::StatusOr<PortfolioOutputs> ToOutputs(const char* function,
                                           const relance_portfolio_outputs* o) {
  PortfolioOutputs outputs;
  if (o == nullptr) return outputs;
  if (!ValidSize(o->size, sizeof(size_t), sizeof(relance_portfolio_outputs),
                 alignof(relance_portfolio_outputs))) {
    WrongSize(function, "outputs", o->size, sizeof(size_t),
              sizeof(relance_portfolio_outputs));
    return absl::CancelledError();
  }
#define RELANCE_CAPI_OUTPUT(field) \
  RELANCE_CAPI_VIEW(outputs, o, relance_portfolio_outputs, "outputs", field)
  RELANCE_CAPI_OUTPUT(due_date)
  RELANCE_CAPI_OUTPUT(balance)
  RELANCE_CAPI_OUTPUT(interest)
  RELANCE_CAPI_OUTPUT(compensation)
  RELANCE_CAPI_OUTPUT(action_level)
#undef RELANCE_CAPI_OUTPUT
  return outputs;
}

#undef RELANCE_CAPI_VIEW

}  // namespace
}  // namespace relance::capi

using namespace relance::capi;  // NOLINT: the entry points below use it all

extern "C" {

relance_status relance_portfolio_evaluator_create(
    const relance_policy* policy, const char* const* terms, size_t terms_count,
    const char* currency, relance_date as_of, const char* ladder,
    relance_portfolio_evaluator** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(policy);
  RELANCE_CAPI_REQUIRE(currency);
  if (terms == nullptr && terms_count != 0) {
    return Misuse(__func__,
                  absl::StrCat("terms is NULL with a count of ", terms_count));
  }
  std::vector<relance::PaymentTerms> compiled;
  compiled.reserve(terms_count);
  for (size_t i = 0; i < terms_count; ++i) {
    if (terms[i] == nullptr) {
      return Misuse(__func__, absl::StrCat("terms[", i, "] is NULL"));
    }
    absl::StatusOr<relance::PaymentTerms> parsed =
        relance::PaymentTerms::Parse(terms[i]);
    if (!parsed.ok()) {
      // "portfolio: terms[1]: terms "net 3O" at column 6: ..." (the path
      // and the column read back by relance_last_error_position).
      return Fail(CodeOf(parsed.status().code()),
                  absl::StrCat("portfolio: terms[", i,
                               "]: ", parsed.status().message()));
    }
    compiled.push_back(*std::move(parsed));
  }
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Currency code,
                                relance::Currency::FromCode(currency));
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date date, ToDate(as_of));
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      relance::PortfolioEvaluator evaluator,
      relance::PortfolioEvaluator::Create(
          policy->value, std::move(compiled),
          relance::PortfolioSetup{
              .currency = code,
              .as_of = date,
              .ladder = ladder == nullptr ? std::string() : ladder}));
  *out = new relance_portfolio_evaluator{std::move(evaluator)};
  return Ok();
  RELANCE_CAPI_END
}

void relance_portfolio_evaluator_free(relance_portfolio_evaluator* evaluator) {
  delete evaluator;
}

relance_status relance_portfolio_evaluator_levels(
    const relance_portfolio_evaluator* evaluator, size_t* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(evaluator);
  RELANCE_CAPI_REQUIRE(out);
  *out = evaluator->value.ladder().levels.size();
  return Ok();
  RELANCE_CAPI_END
}

void relance_portfolio_columns_init(relance_portfolio_columns* columns) {
  if (columns == nullptr) return;
  *columns = relance_portfolio_columns{};
  columns->size = sizeof(relance_portfolio_columns);
}

void relance_portfolio_outputs_init(relance_portfolio_outputs* outputs) {
  if (outputs == nullptr) return;
  *outputs = relance_portfolio_outputs{};
  outputs->size = sizeof(relance_portfolio_outputs);
}

relance_status relance_portfolio_run_json(
    const relance_portfolio_evaluator* evaluator,
    const relance_portfolio_columns* columns,
    const relance_portfolio_outputs* outputs, int threads, char** out_json,
    size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(evaluator);
  RELANCE_CAPI_REQUIRE(columns);
  absl::StatusOr<relance::PortfolioColumns> in = ToColumns(__func__, columns);
  if (!in.ok()) return relance_last_error_code();  // MISUSE already set
  absl::StatusOr<relance::PortfolioOutputs> written =
      ToOutputs(__func__, outputs);
  if (!written.ok()) return relance_last_error_code();
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const relance::PortfolioTotals totals,
      evaluator->value.Run(*in, *written, {.threads = threads}));
  return ReturnText(relance::PortfolioTotalsToJson(totals, evaluator->value),
                    out_json, out_length);
  RELANCE_CAPI_END
}

}  // extern "C"
