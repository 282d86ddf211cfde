// relance/dunning_fee.hpp
// -----------------------------------------------------------------------------
// Dunning fees: what a collection step may charge (a reminder fee, a formal
// notice fee), as data for the dunning engine's policies.
//
// A fee is one of:
//   - fixed:    the same amount whatever the balance ("10.00 EUR");
//   - percent:  a percentage of the overdue balance, optionally bounded by a
//               minimum and a maximum ("1.5%", min 5.00, max 50.00);
//   - tiered:   by the overdue balance: the first tier whose `up_to` is above
//               the balance gives the fee; the last tier has no `up_to`.
// Percent fees are rounded once with the fee's RoundingMode. Fees are in one
// currency; asking for a fee on a balance in another currency is an error.
//
// Whether a fee may lawfully be charged is the policy's business: in France
// the EUR 40 compensation is meant to cover reminder costs, and in the UK
// statutory compensation replaces other recovery costs unless they are
// higher. relance only computes what the policy configures.
//
// Example:
//
//   auto fee = DunningFee::FromJson(
//       R"({"percent": "1.5%", "minimum": "5.00 EUR", "maximum": "50.00
//       EUR"})");
//   fee->For(*Money::Parse("1000.00 EUR"));   // 15.00 EUR
//   fee->For(*Money::Parse("100.00 EUR"));    // 5.00 EUR (the minimum)
#ifndef RELANCE_DUNNING_FEE_HPP_
#define RELANCE_DUNNING_FEE_HPP_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/export.hpp"
#include "relance/money.hpp"
#include "relance/rate.hpp"
#include "relance/rounding.hpp"

namespace relance {

struct FeeTier {
  // The tier applies to balances strictly below `up_to`; none: no bound.
  std::optional<Money> up_to = {};
  Money fee;
};

struct RELANCE_API DunningFee {
  enum class Kind { kFixed, kPercent, kTiered };
  Kind kind = Kind::kFixed;
  std::optional<Money> fixed = {};    // kFixed
  Rate percent = {};                  // kPercent
  std::optional<Money> minimum = {};  // kPercent
  std::optional<Money> maximum = {};  // kPercent
  std::vector<FeeTier> tiers = {};    // kTiered, by increasing up_to
  RoundingMode rounding = RoundingMode::kHalfAwayFromZero;

  // Errors (kInvalidArgument): a missing or negative amount, a percentage
  // outside [0, 100 %], minimum above maximum, tiers not increasing or whose
  // last tier is bounded, amounts in different currencies.
  [[nodiscard]] absl::Status Validate() const;

  // The fee for an overdue `balance` (zero for a balance <= 0).
  // Errors: kInvalidArgument when the balance's currency differs from the
  // fee's.
  [[nodiscard]] absl::StatusOr<Money> For(Money balance) const;

  // Parses {"fixed": "10.00 EUR"} | {"percent": "1.5%", "minimum": ...,
  // "maximum": ...} | {"tiers": [{"up_to": "1000.00 EUR", "fee": "5.00 EUR"},
  // {"fee": "15.00 EUR"}]}, with an optional "rounding". Validated.
  // "percent" needs a unit, "%" or "bp" (Rate::ParsePercent); "minimum" and
  // "maximum" go with "percent" only.
  // Errors: kInvalidArgument with the JSON path (`dunning fee: minimum: goes
  // with "percent" only`).
  [[nodiscard]] static absl::StatusOr<DunningFee> FromJson(
      std::string_view json_text);
};

}  // namespace relance

#endif  // RELANCE_DUNNING_FEE_HPP_
