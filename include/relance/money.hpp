// relance/money.hpp
// -----------------------------------------------------------------------------
// Exact amounts of money.
//
// A `Money` is a signed 64-bit count of minor units (cents for EUR, yen for
// JPY, fils for BHD) plus its `Currency`. There is no floating point: amounts
// enter as decimal text or as integer minor units and leave the same way.
//
// Amounts are bounded: |minor units| <= Money::kMaxMinorUnits (10^17, i.e.
// 10^15 EUR). Every factory checks the bound, so any bounded amount times a
// bounded `Rate` times a day count fits in 128 bits, and the sum of two
// bounded amounts fits in 64 bits before it is checked again.
//
// Amounts of different currencies never mix. There is deliberately no
// `operator+` or `operator<`: `Add`, `Subtract` and `Compare` return an error
// (kInvalidArgument) when the currencies differ, rather than crash or convert.
// `Money * Money` and `Money + int` do not compile.
//
// Example:
//
//   absl::StatusOr<Money> price = Money::Parse("1234.56 EUR");
//   absl::StatusOr<Money> fee = Money::Parse("40.00 EUR");
//   absl::StatusOr<Money> total = Add(*price, *fee);          // 1274.56 EUR
//   absl::StatusOr<Money> vat = MultiplyByRate(
//       *price, Rate::FromPercent(20), RoundingMode::kHalfAwayFromZero);
//   total->ToString();                                        // "1274.56 EUR"
#ifndef RELANCE_MONEY_HPP_
#define RELANCE_MONEY_HPP_

#include <compare>
#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"
#include "relance/currency.hpp"
#include "relance/export.hpp"
#include "relance/rate.hpp"
#include "relance/rounding.hpp"

namespace relance {

// How amounts are written in text. The default is relance's canonical form:
// '.' as decimal separator and no thousands separator ("1234.56").
struct RELANCE_API MoneyTextOptions {
  char decimal_separator = '.';
  // '\0': none. When set (',', ' ', '\''), parsing accepts and requires groups
  // of three digits ("1,234,567.89") and formatting writes them.
  char thousands_separator = '\0';

  // Errors: kInvalidArgument when a separator is a digit, a sign, or both are
  // the same character.
  [[nodiscard]] absl::Status Validate() const;
};

namespace internal {
// Builds amounts the library has already bounded (not installed).
struct MoneyWithinBound;
}  // namespace internal

class RELANCE_API Money {
 public:
  // The largest magnitude in minor units: 10^17.
  static constexpr int64_t kMaxMinorUnits = 100'000'000'000'000'000;

  // Zero in no currency ("0 XXX", see Currency()): what a default-
  // constructed result struct holds until it is filled.
  constexpr Money() : Money(0, Currency()) {}

  // Zero in `currency`.
  static constexpr Money Zero(Currency currency) { return Money(0, currency); }

  // Errors: kInvalidArgument when |minor_units| > kMaxMinorUnits. Inline:
  // the evaluation paths build amounts with it.
  [[nodiscard]] ABSL_ATTRIBUTE_ALWAYS_INLINE static absl::StatusOr<Money>
  FromMinorUnits(int64_t minor_units, Currency currency) {
    if (minor_units > kMaxMinorUnits || minor_units < -kMaxMinorUnits) {
      return OutOfBoundsError(minor_units, currency);
    }
    return Money(minor_units, currency);
  }

  // Parses "<amount> <CODE>" or "<CODE> <amount>", one space between, e.g.
  // "1234.56 EUR", "-0.05 EUR", "EUR 12", "100 JPY". The amount has an
  // optional sign, at least one digit before the decimal separator, and at
  // most the currency's minor digits after it ("1.001 EUR" is an error, as is
  // "1.5 JPY"). No surrounding spaces.
  // Errors: kInvalidArgument quoting the text and naming the column or the
  // rule broken, for a code that is not an ISO 4217 currency and for an
  // amount beyond kMaxMinorUnits (all malformed input).
  [[nodiscard]] static absl::StatusOr<Money> Parse(
      std::string_view text, const MoneyTextOptions& options = {});

  // Parses an amount without a currency code ("1234.56") in `currency`.
  // Same rules and errors as Parse.
  [[nodiscard]] static absl::StatusOr<Money> ParseAmount(
      std::string_view amount, Currency currency,
      const MoneyTextOptions& options = {});

  constexpr int64_t minor_units() const { return minor_units_; }
  constexpr Currency currency() const { return currency_; }

  constexpr bool IsZero() const { return minor_units_ == 0; }
  constexpr bool IsNegative() const { return minor_units_ < 0; }
  constexpr bool IsPositive() const { return minor_units_ > 0; }
  // The bound is symmetric, so negation and absolute value never fail.
  constexpr Money Negated() const { return Money(-minor_units_, currency_); }
  constexpr Money Abs() const { return IsNegative() ? Negated() : *this; }

  // The amount with exactly the currency's minor digits and no code:
  // "1234.56", "-0.05", "100" (JPY), "1,234.56" with a thousands separator.
  std::string FormatAmount(const MoneyTextOptions& options = {}) const;
  // "1234.56 EUR": parses back to the same value.
  std::string ToString() const;

  // Same currency and same amount.
  friend constexpr bool operator==(const Money& a, const Money& b) {
    return a.minor_units_ == b.minor_units_ && a.currency_ == b.currency_;
  }

  template <typename H>
  friend H AbslHashValue(H state, const Money& money) {
    return H::combine(std::move(state), money.minor_units_, money.currency_);
  }

 private:
  friend struct internal::MoneyWithinBound;
  friend absl::StatusOr<Money> Add(Money a, Money b);
  friend absl::StatusOr<Money> Subtract(Money a, Money b);
  static absl::Status OutOfBoundsError(int64_t minor_units, Currency currency);
  // The errors of Add and Subtract (different currencies, result out of
  // bounds), built out of line.
  static absl::Status AdditionError(Money a, Money b);
  static absl::Status SubtractionError(Money a, Money b);
  constexpr Money(int64_t minor_units, Currency currency)
      : minor_units_(minor_units), currency_(currency) {}

  int64_t minor_units_;
  Currency currency_;
};

RELANCE_API std::ostream& operator<<(std::ostream& os, const Money& money);

// a + b. Errors: kInvalidArgument when the currencies differ (naming both) and
// when the result exceeds Money::kMaxMinorUnits (the amounts given are too
// large: bad input, not missing reference data).
//
// Add and Subtract are inline (every evaluation adds amounts); the errors
// are built out of line. Amounts are bounded by 10^17 minor units, so the
// sum or difference of two never overflows int64.
[[nodiscard]] ABSL_ATTRIBUTE_ALWAYS_INLINE inline absl::StatusOr<Money> Add(
    Money a, Money b);
// a - b. Errors as Add.
[[nodiscard]] ABSL_ATTRIBUTE_ALWAYS_INLINE inline absl::StatusOr<Money>
Subtract(Money a, Money b);
// Orders two amounts of one currency. Errors: kInvalidArgument when the
// currencies differ.
[[nodiscard]] RELANCE_API absl::StatusOr<std::strong_ordering> Compare(Money a,
                                                                       Money b);
// The sum of `amounts`, all in `currency` (zero for an empty list).
// Errors: kInvalidArgument naming the index of the first amount in another
// currency, and when the total exceeds the bound.
[[nodiscard]] RELANCE_API absl::StatusOr<Money> Sum(
    std::span<const Money> amounts, Currency currency);

inline absl::StatusOr<Money> Add(Money a, Money b) {
  const int64_t sum = a.minor_units() + b.minor_units();
  if (a.currency() == b.currency() && sum <= Money::kMaxMinorUnits &&
      sum >= -Money::kMaxMinorUnits) {
    return Money(sum, a.currency());
  }
  return Money::AdditionError(a, b);
}

inline absl::StatusOr<Money> Subtract(Money a, Money b) {
  const int64_t difference = a.minor_units() - b.minor_units();
  if (a.currency() == b.currency() && difference <= Money::kMaxMinorUnits &&
      difference >= -Money::kMaxMinorUnits) {
    return Money(difference, a.currency());
  }
  return Money::SubtractionError(a, b);
}

// amount x numerator / denominator, computed exactly in 128 bits and rounded
// once by `mode`. Errors: kInvalidArgument when denominator is 0 or the result
// exceeds the bound.
[[nodiscard]] RELANCE_API absl::StatusOr<Money> MultiplyByRatio(
    Money amount, int64_t numerator, int64_t denominator, RoundingMode mode);
// amount x rate (e.g. 20 % of 1234.56 EUR = 246.91 EUR half away from zero),
// exact in 128 bits, rounded once by `mode`. Errors: kInvalidArgument beyond
// the bound.
[[nodiscard]] RELANCE_API absl::StatusOr<Money> MultiplyByRate(
    Money amount, Rate rate, RoundingMode mode);

}  // namespace relance

#endif  // RELANCE_MONEY_HPP_
