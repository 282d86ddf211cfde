// relance/rounding.hpp
// -----------------------------------------------------------------------------
// Rounding modes and exact integer division with one explicit rounding.
//
// relance never rounds implicitly. Every place where an exact quotient (an
// interest amount, a share of an allocation, a discount) becomes a whole number
// of minor units names a `RoundingMode`, and the division is done on 128-bit
// integers so that the quotient is exact before it is rounded.
//
// Example:
//
//   // 1001 cents * 3 / 2 = 1501.5 cents
//   absl::int128 cents = relance::DivideRounded(1001 * 3, 2,
//                                               RoundingMode::kHalfEven);
//   // cents == 1502 (half to the even neighbour)
#ifndef RELANCE_ROUNDING_HPP_
#define RELANCE_ROUNDING_HPP_

#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "relance/export.hpp"

namespace relance {

// How an exact quotient becomes an integer. Examples for 2.5, -2.5, 2.4, -2.6:
enum class RoundingMode {
  kHalfAwayFromZero,  // nearest; ties away from zero:  3, -3,  2, -3 (default)
  kHalfEven,          // nearest; ties to even ("banker's"): 2, -2, 2, -3
  kHalfTowardZero,    // nearest; ties toward zero:     2, -2,  2, -3
  kUp,                // away from zero:                3, -3,  3, -3
  kDown,              // toward zero (truncate):        2, -2,  2, -2
  kCeiling,           // toward +infinity:              3, -2,  3, -2
  kFloor,             // toward -infinity:              2, -3,  2, -3
};

// Every mode, in declaration order (for tests and option listings).
inline constexpr RoundingMode kAllRoundingModes[] = {
    RoundingMode::kHalfAwayFromZero,
    RoundingMode::kHalfEven,
    RoundingMode::kHalfTowardZero,
    RoundingMode::kUp,
    RoundingMode::kDown,
    RoundingMode::kCeiling,
    RoundingMode::kFloor,
};

// The stable text names: "half-away-from-zero", "half-even",
// "half-toward-zero", "up", "down", "ceiling", "floor".
[[nodiscard]] RELANCE_API std::string_view ToString(RoundingMode mode);
RELANCE_API std::ostream& operator<<(std::ostream& os, RoundingMode mode);

// Parses one of the names above. Errors: kInvalidArgument quoting the text and
// listing the accepted names.
[[nodiscard]] RELANCE_API absl::StatusOr<RoundingMode> ParseRoundingMode(
    std::string_view text);

// Returns numerator / denominator rounded to an integer by `mode`, exactly,
// for any int128 operands (no intermediate value exceeds them).
// Preconditions (programming errors, not input errors): denominator != 0;
// and when denominator < 0, neither operand is INT128_MIN (both are negated,
// and -INT128_MIN does not exist). Callers never produce these: relance's
// inputs are bounded far below 2^127.
inline absl::int128 DivideRounded(absl::int128 numerator,
                                  absl::int128 denominator, RoundingMode mode) {
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  // Truncated toward zero; the remainder has the numerator's sign. In 64
  // bits when both operands fit (the usual case: a 128-bit division is a
  // library call several times slower); INT64_MIN is left to the 128-bit
  // path, where INT64_MIN / -1 cannot overflow.
  absl::int128 quotient;
  absl::int128 remainder;
  constexpr int64_t kMax64 = std::numeric_limits<int64_t>::max();
  if (numerator <= kMax64 && numerator >= -kMax64 && denominator <= kMax64) {
    const auto n = static_cast<int64_t>(numerator);
    const auto d = static_cast<int64_t>(denominator);
    quotient = n / d;
    remainder = n % d;
  } else {
    quotient = numerator / denominator;
    remainder = numerator % denominator;
  }
  if (remainder == 0) return quotient;
  const bool negative = numerator < 0;
  // |remainder| < denominator, so neither side below can overflow (doubling
  // the remainder would, for denominators above 2^126).
  const absl::int128 magnitude = remainder < 0 ? -remainder : remainder;
  const absl::int128 rest = denominator - magnitude;
  // Compare |remainder| with denominator / 2 without losing the half:
  // |remainder| <=> denominator - |remainder|.
  const int half_comparison = magnitude < rest ? -1 : magnitude == rest ? 0 : 1;
  bool away_from_zero = false;
  switch (mode) {
    case RoundingMode::kHalfAwayFromZero:
      away_from_zero = half_comparison >= 0;
      break;
    case RoundingMode::kHalfEven:
      away_from_zero =
          half_comparison > 0 ||
          // Odd: the low bit, in two's complement for negatives too.
          (half_comparison == 0 && (absl::Int128Low64(quotient) & 1) != 0);
      break;
    case RoundingMode::kHalfTowardZero:
      away_from_zero = half_comparison > 0;
      break;
    case RoundingMode::kUp:
      away_from_zero = true;
      break;
    case RoundingMode::kDown:
      away_from_zero = false;
      break;
    case RoundingMode::kCeiling:
      away_from_zero = !negative;
      break;
    case RoundingMode::kFloor:
      away_from_zero = negative;
      break;
  }
  if (away_from_zero) quotient += negative ? -1 : 1;
  return quotient;
}

}  // namespace relance

#endif  // RELANCE_ROUNDING_HPP_
