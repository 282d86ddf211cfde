// relance/rate.hpp
// -----------------------------------------------------------------------------
// Exact rates: interest rates, percentages, discount rates.
//
// A `Rate` is a fixed-point decimal with nine fractional digits: an integer
// count of parts per billion (1e-9) of one whole. 12.15 % is 0.1215, stored as
// 121'500'000. Every ECB, Bundesbank, Bank of England and Légifrance rate, and
// every contractual percentage written with up to seven decimals, is exact.
// There is no floating point anywhere: text goes in and out through decimal
// strings, and products with money go through 128-bit integers (see money.hpp).
//
// A Rate has no period of its own: whether 0.1215 is per year or 0.015 per
// month is said by whatever uses it (the penalty rules), never guessed.
// Negative rates exist (the German base rate was -0.88 % in 2016-2022) and
// are allowed.
//
// Example:
//
//   absl::StatusOr<relance::Rate> ecb = relance::Rate::ParsePercent("2.15%");
//   relance::Rate statutory = *ecb + relance::Rate::FromBasisPoints(1000);
//   statutory.ToString();   // "12.15%"
#ifndef RELANCE_RATE_HPP_
#define RELANCE_RATE_HPP_

#include <compare>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "relance/export.hpp"

namespace relance {

class RELANCE_API Rate {
 public:
  // Parts per billion in one whole (100 %).
  static constexpr int64_t kPartsPerUnit = 1'000'000'000;
  // The largest magnitude a Rate may have: 1000 (100,000 %), in parts per
  // billion. Far beyond any real rate; it keeps every product of a bounded
  // rate with a bounded amount and a day count inside 128 bits, and sums and
  // small multiples of rates inside 64 bits.
  static constexpr int64_t kMaxPartsPerBillion = 1000 * kPartsPerUnit;

  // Zero.
  constexpr Rate() = default;

  // Unit-named factories. Precondition: the magnitude is within
  // kMaxPartsPerBillion (checked by `Parse`, not by these constexpr builders,
  // which are meant for literals).
  static constexpr Rate FromPartsPerBillion(int64_t parts_per_billion) {
    return Rate(parts_per_billion);
  }
  // 1 basis point = 0.01 % = 0.0001 = 100'000 parts per billion.
  static constexpr Rate FromBasisPoints(int64_t basis_points) {
    return Rate(basis_points * 100'000);
  }
  // Whole percent: FromPercent(8) is 8 %.
  static constexpr Rate FromPercent(int64_t percent) {
    return Rate(percent * 10'000'000);
  }

  // Parses a rate written as
  //   a percentage:   "12.15%", "-0.88%", "8 %"  (at most 7 decimals)
  //   basis points:   "1215bp", "50 bp", "12.5bp" (at most 5 decimals)
  //   a plain ratio:  "0.1215", "1", "-0.0088"   (at most 9 decimals)
  // An optional leading '-' or '+'; at least one digit before any '.'; no
  // exponent, no thousands separator, no surrounding spaces.
  // Errors: kInvalidArgument quoting the text with the column of the first
  // bad character, naming the precision lost ("more than 7 decimals"), or
  // when the magnitude exceeds kMaxPartsPerBillion.
  [[nodiscard]] static absl::StatusOr<Rate> Parse(std::string_view text);

  // Parses a rate a person wrote as a percentage: like `Parse`, but only
  // the percentage ("15%", "15 %", "-0.88%") and basis-point ("1500bp",
  // "50 bp") notations. Use it for every user-facing input (JSON documents,
  // command-line options), where "15" is more likely to mean 15 % than the
  // ratio 15 (1500 %) that `Parse` reads.
  // Errors: kInvalidArgument for a bare number, quoting it with both
  // readings (`rate "15": expected a percentage such as "15%" (a bare number
  // is ambiguous between 15 % and 1500 %)`), and for text without a unit or
  // empty; otherwise `Parse`'s errors and codes.
  [[nodiscard]] static absl::StatusOr<Rate> ParsePercent(std::string_view text);

  constexpr int64_t parts_per_billion() const { return parts_per_billion_; }

  // The rate as a percentage with at least two decimals and no trailing
  // zeros beyond them: "12.15%", "8.00%", "-0.88%", "3.1234567%".
  std::string ToString() const;

  constexpr bool IsZero() const { return parts_per_billion_ == 0; }
  constexpr bool IsNegative() const { return parts_per_billion_ < 0; }

  // Sums and differences of rates (reference rate + margin). Two bounded
  // rates never overflow.
  friend constexpr Rate operator+(Rate a, Rate b) {
    return Rate(a.parts_per_billion_ + b.parts_per_billion_);
  }
  friend constexpr Rate operator-(Rate a, Rate b) {
    return Rate(a.parts_per_billion_ - b.parts_per_billion_);
  }
  friend constexpr Rate operator-(Rate a) {
    return Rate(-a.parts_per_billion_);
  }

  // The rate times a whole factor (e.g. 3 x the legal interest rate).
  // Errors: kInvalidArgument when the result exceeds kMaxPartsPerBillion.
  [[nodiscard]] absl::StatusOr<Rate> MultipliedBy(int64_t factor) const;

  friend constexpr auto operator<=>(Rate a, Rate b) = default;
  friend constexpr bool operator==(Rate a, Rate b) = default;

  template <typename H>
  friend H AbslHashValue(H state, Rate rate) {
    return H::combine(std::move(state), rate.parts_per_billion_);
  }

 private:
  constexpr explicit Rate(int64_t parts_per_billion)
      : parts_per_billion_(parts_per_billion) {}

  int64_t parts_per_billion_ = 0;
};

RELANCE_API std::ostream& operator<<(std::ostream& os, Rate rate);

}  // namespace relance

#endif  // RELANCE_RATE_HPP_
