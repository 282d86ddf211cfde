#include "relance/rounding.hpp"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace relance {

std::string_view ToString(RoundingMode mode) {
  switch (mode) {
    case RoundingMode::kHalfAwayFromZero:
      return "half-away-from-zero";
    case RoundingMode::kHalfEven:
      return "half-even";
    case RoundingMode::kHalfTowardZero:
      return "half-toward-zero";
    case RoundingMode::kUp:
      return "up";
    case RoundingMode::kDown:
      return "down";
    case RoundingMode::kCeiling:
      return "ceiling";
    case RoundingMode::kFloor:
      return "floor";
  }
  return "unknown";
}

std::ostream& operator<<(std::ostream& os, RoundingMode mode) {
  return os << ToString(mode);
}

absl::StatusOr<RoundingMode> ParseRoundingMode(std::string_view text) {
  for (RoundingMode mode : kAllRoundingModes) {
    if (ToString(mode) == text) return mode;
  }
  std::string names;
  for (RoundingMode mode : kAllRoundingModes) {
    if (!names.empty()) names += ", ";
    names += std::string(ToString(mode));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("rounding mode \"", std::string(text),
                   "\": unknown, expected one of ", names));
}

}  // namespace relance
