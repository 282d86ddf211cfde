#include "relance/allocation.hpp"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace relance {
namespace {

absl::Status CheckPartCount(size_t count, std::string_view what) {
  if (count == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("allocation: no ", std::string(what), " given"));
  }
  if (count > static_cast<size_t>(kMaxAllocationParts)) {
    return absl::InvalidArgumentError(
        absl::StrCat("allocation: ", count, " ", std::string(what),
                     ", at most ", kMaxAllocationParts));
  }
  return absl::OkStatus();
}

// The largest-remainder split of a bounded total by validated weights whose
// sum is positive. Cannot fail: every part's magnitude is at most |total|.
std::vector<Money> LargestRemainder(Money total,
                                    std::span<const absl::int128> weights,
                                    absl::int128 weight_sum) {
  const absl::int128 magnitude = total.Abs().minor_units();
  std::vector<absl::int128> shares(weights.size());
  std::vector<absl::int128> remainders(weights.size());
  absl::int128 assigned = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    // |total| <= 10^17 and each weight < 2^63: the product fits in 127 bits.
    const absl::int128 exact = magnitude * weights[i];
    shares[i] = exact / weight_sum;
    remainders[i] = exact % weight_sum;
    assigned += shares[i];
  }
  const auto leftover = static_cast<size_t>(magnitude - assigned);
  std::vector<size_t> order(weights.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return remainders[a] > remainders[b];
  });
  for (size_t k = 0; k < leftover; ++k) shares[order[k]] += 1;

  std::vector<Money> parts;
  parts.reserve(weights.size());
  const bool negative = total.IsNegative();
  for (absl::int128 share : shares) {
    const auto units = static_cast<int64_t>(negative ? -share : share);
    parts.push_back(*Money::FromMinorUnits(units, total.currency()));
  }
  return parts;
}

}  // namespace

absl::StatusOr<std::vector<Money>> AllocateByWeights(
    Money total, std::span<const int64_t> weights) {
  if (absl::Status status = CheckPartCount(weights.size(), "weights");
      !status.ok()) {
    return status;
  }
  std::vector<absl::int128> wide(weights.size());
  absl::int128 sum = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("allocation: weight [", i, "] is ", weights[i],
                       ", weights must not be negative"));
    }
    wide[i] = weights[i];
    sum += weights[i];
  }
  if (sum == 0) {
    return absl::InvalidArgumentError("allocation: all weights are zero");
  }
  return LargestRemainder(total, wide, sum);
}

absl::StatusOr<std::vector<Money>> AllocateByPercentages(
    Money total, std::span<const Rate> percentages) {
  if (absl::Status status = CheckPartCount(percentages.size(), "percentages");
      !status.ok()) {
    return status;
  }
  std::vector<absl::int128> wide(percentages.size());
  absl::int128 sum = 0;
  for (size_t i = 0; i < percentages.size(); ++i) {
    if (percentages[i].IsNegative()) {
      return absl::InvalidArgumentError(
          absl::StrCat("allocation: percentage [", i, "] is ",
                       percentages[i].ToString(), ", must not be negative"));
    }
    wide[i] = percentages[i].parts_per_billion();
    sum += percentages[i].parts_per_billion();
  }
  if (sum != Rate::kPartsPerUnit) {
    const std::string shown =
        sum > Rate::kMaxPartsPerBillion
            ? std::string("more than 100000%")
            : Rate::FromPartsPerBillion(static_cast<int64_t>(sum)).ToString();
    return absl::InvalidArgumentError(absl::StrCat(
        "allocation: percentages add up to ", shown, ", expected 100.00%"));
  }
  return LargestRemainder(total, wide, sum);
}

absl::StatusOr<std::vector<Money>> AllocateEvenly(Money total, int64_t parts) {
  if (parts < 1 || parts > kMaxAllocationParts) {
    return absl::InvalidArgumentError(absl::StrCat(
        "allocation: ", parts, " parts, expected 1 to ", kMaxAllocationParts));
  }
  const std::vector<absl::int128> ones(static_cast<size_t>(parts), 1);
  return LargestRemainder(total, ones, parts);
}

}  // namespace relance
