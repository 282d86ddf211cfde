// relance/internal/money_within_bound.hpp
// -----------------------------------------------------------------------------
// Internal: amounts the library has already bounded, built without a
// StatusOr. The evaluation's hot paths (a penalty assessment's figures, an
// invoice's balance) build millions of them; going through
// absl::StatusOr<Money> there costs a store-forwarding stall per amount
// (measured in the portfolio benchmark). Not installed.
#ifndef RELANCE_INTERNAL_MONEY_WITHIN_BOUND_HPP_
#define RELANCE_INTERNAL_MONEY_WITHIN_BOUND_HPP_

#include <cassert>
#include <cstdint>

#include "relance/currency.hpp"
#include "relance/money.hpp"

namespace relance::internal {

struct MoneyWithinBound {
  // `minor_units` in `currency`. Precondition (checked in debug builds):
  // |minor_units| <= Money::kMaxMinorUnits, e.g. a part of an amount
  // already validated, or a figure the caller compared with the bound.
  static constexpr Money Make(int64_t minor_units, Currency currency) {
    assert(minor_units <= Money::kMaxMinorUnits &&
           minor_units >= -Money::kMaxMinorUnits);
    return Money(minor_units, currency);
  }
};

}  // namespace relance::internal

#endif  // RELANCE_INTERNAL_MONEY_WITHIN_BOUND_HPP_
