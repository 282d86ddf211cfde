// relance/allocation.hpp
// -----------------------------------------------------------------------------
// Splitting an amount into parts that sum exactly to it.
//
// Instalments, shares of a payment across invoices, a fee split between
// entities: each needs parts in whole minor units whose sum is the total to
// the cent, with no unit lost or created. relance uses the largest-remainder
// method (Hamilton's method):
//
//   1. Each part first receives its exact share |total| x w_i / W rounded
//      toward zero (W is the sum of the weights).
//   2. The units left over (always fewer than the number of parts) go one
//      each to the parts with the largest remainders of that division; among
//      equal remainders, the earlier part (lower index) comes first.
//   3. For a negative total, the parts of |total| are negated.
//
// So parts differ from their exact shares by less than one minor unit, a part
// with weight zero receives nothing, and the result does not depend on
// anything but the inputs.
//
// Example:
//
//   Money total = *Money::Parse("100.00 EUR");
//   AllocateEvenly(total, 3);                  // 33.34, 33.33, 33.33
//   int64_t weights[] = {30, 70};
//   AllocateByWeights(*Money::Parse("0.05 EUR"), weights);   // 0.01, 0.04
#ifndef RELANCE_ALLOCATION_HPP_
#define RELANCE_ALLOCATION_HPP_

#include <cstdint>
#include <span>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/export.hpp"
#include "relance/money.hpp"
#include "relance/rate.hpp"

namespace relance {

// The most parts one allocation may produce.
inline constexpr int64_t kMaxAllocationParts = 1'000'000;

// Splits `total` in proportion to `weights` (non-negative integers).
// Errors: kInvalidArgument when weights is empty or longer than
// kMaxAllocationParts, a weight is negative (naming its index), or all are 0.
[[nodiscard]] RELANCE_API absl::StatusOr<std::vector<Money>> AllocateByWeights(
    Money total, std::span<const int64_t> weights);

// Splits `total` by percentages, which must be non-negative and add up to
// exactly 100 % ("30%" and "70%"). Errors: as AllocateByWeights, and
// kInvalidArgument naming the actual sum when it is not 100 %.
[[nodiscard]] RELANCE_API absl::StatusOr<std::vector<Money>>
AllocateByPercentages(Money total, std::span<const Rate> percentages);

// Splits `total` into `parts` equal shares; the leftover units go to the first
// parts. Errors: kInvalidArgument when parts < 1 or > kMaxAllocationParts.
[[nodiscard]] RELANCE_API absl::StatusOr<std::vector<Money>> AllocateEvenly(
    Money total, int64_t parts);

}  // namespace relance

#endif  // RELANCE_ALLOCATION_HPP_
