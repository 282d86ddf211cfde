#include "relance/rate.hpp"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/decimal.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

// How the number in a rate's text is scaled to parts per billion.
struct RateNotation {
  std::string_view suffix;  // "%", "bp" or "" (a plain ratio)
  int scale;                // decimals the number carries in parts per billion
  std::string_view unit;
};

constexpr RateNotation kNotations[] = {
    {"%", 7, "a percentage"},
    {"bp", 5, "basis points"},
    {"", 9, "a ratio"},
};

}  // namespace

absl::StatusOr<Rate> Rate::Parse(std::string_view text) {
  if (text.empty()) {
    return absl::InvalidArgumentError(
        "rate \"\": empty, expected e.g. \"12.15%\", \"1215bp\" or \"0.1215\"");
  }
  for (const RateNotation& notation : kNotations) {
    if (!text.ends_with(notation.suffix)) continue;
    std::string_view number =
        text.substr(0, text.size() - notation.suffix.size());
    if (!notation.suffix.empty() && number.ends_with(' ')) {
      number.remove_suffix(1);  // "8 %", "50 bp"
    }
    RELANCE_ASSIGN_OR_RETURN(
        absl::int128 parts,
        internal::ParseScaledDecimal(number, notation.scale, notation.scale, {},
                                     {.subject = "rate",
                                      .whole_text = text,
                                      .hint_prefix = " in ",
                                      .hint_subject = notation.unit}));
    if (parts > kMaxPartsPerBillion || parts < -kMaxPartsPerBillion) {
      return absl::OutOfRangeError(
          absl::StrCat(internal::QuotedInput("rate", text),
                       ": beyond the supported magnitude of 100000%"));
    }
    return Rate(static_cast<int64_t>(parts));
  }
  // Unreachable: the plain-ratio notation has an empty suffix.
  return absl::InternalError(internal::QuotedInput("rate", text));
}

std::string Rate::ToString() const {
  // Percent has 7 decimals in parts per billion.
  return absl::StrCat(internal::FormatScaledDecimal(parts_per_billion_, 7, 2),
                      "%");
}

absl::StatusOr<Rate> Rate::MultipliedBy(int64_t factor) const {
  const absl::int128 product = absl::int128(parts_per_billion_) * factor;
  if (product > kMaxPartsPerBillion || product < -kMaxPartsPerBillion) {
    return absl::OutOfRangeError(
        absl::StrCat("rate ", ToString(), " x ", factor,
                     ": beyond the supported magnitude of 100000%"));
  }
  return Rate(static_cast<int64_t>(product));
}

std::ostream& operator<<(std::ostream& os, Rate rate) {
  return os << rate.ToString();
}

}  // namespace relance
