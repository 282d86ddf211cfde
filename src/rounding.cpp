#include "relance/rounding.hpp"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/enum_names.hpp"

namespace relance {

namespace {

constexpr internal::EnumName<RoundingMode> kRoundingModeNames[] = {
    {RoundingMode::kHalfAwayFromZero, "half-away-from-zero"},
    {RoundingMode::kHalfEven, "half-even"},
    {RoundingMode::kHalfTowardZero, "half-toward-zero"},
    {RoundingMode::kUp, "up"},
    {RoundingMode::kDown, "down"},
    {RoundingMode::kCeiling, "ceiling"},
    {RoundingMode::kFloor, "floor"},
};

}  // namespace

std::string_view ToString(RoundingMode mode) {
  return internal::NameOf(kRoundingModeNames, mode);
}

std::ostream& operator<<(std::ostream& os, RoundingMode mode) {
  return os << ToString(mode);
}

absl::StatusOr<RoundingMode> ParseRoundingMode(std::string_view text) {
  return internal::ParseName(kRoundingModeNames, text, "rounding mode");
}

}  // namespace relance
