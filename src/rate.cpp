#include "relance/rate.hpp"

#include <algorithm>
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

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether `text` is a number without a unit: [+|-]digits[.digits].
bool IsBareNumber(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    text.remove_prefix(1);
  }
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  const auto digits = [](std::string_view part) {
    return !part.empty() && std::all_of(part.begin(), part.end(), IsDigit);
  };
  return digits(whole) && (dot == std::string_view::npos || digits(fraction));
}

// A bare number read as a ratio, written in percent: the decimal point moved
// two places right ("2.40" -> "240", "0.1215" -> "12.15"). Text only, so it
// is exact for any length. Precondition: IsBareNumber(text).
std::string RatioAsPercent(std::string_view text) {
  std::string sign;
  if (text.front() == '+' || text.front() == '-') {
    if (text.front() == '-') sign = "-";
    text.remove_prefix(1);
  }
  const size_t dot = text.find('.');
  std::string whole(text.substr(0, dot));
  std::string fraction(dot == std::string_view::npos ? ""
                                                     : text.substr(dot + 1));
  if (fraction.size() < 2) fraction.append(2 - fraction.size(), '0');
  whole += fraction.substr(0, 2);
  fraction.erase(0, 2);
  const size_t first = whole.find_first_not_of('0');
  whole = first == std::string::npos ? "0" : whole.substr(first);
  const size_t last = fraction.find_last_not_of('0');
  fraction = last == std::string::npos ? "" : fraction.substr(0, last + 1);
  return absl::StrCat(sign, whole, fraction.empty() ? "" : ".", fraction);
}

}  // namespace

absl::StatusOr<Rate> Rate::ParsePercent(std::string_view text) {
  if (text.ends_with('%') || text.ends_with("bp")) return Parse(text);
  if (IsBareNumber(text)) {
    const std::string number(text);
    return absl::InvalidArgumentError(
        absl::StrCat(internal::QuotedInput("rate", text),
                     ": expected a percentage such as \"", number,
                     "%\" (a bare number is ambiguous between ", number,
                     " % and ", RatioAsPercent(text), " %)"));
  }
  return absl::InvalidArgumentError(absl::StrCat(
      internal::QuotedInput("rate", text), text.empty() ? ": empty," : ":",
      " expected a percentage such as \"15%\" or basis points "
      "such as \"1500bp\""));
}

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
      return absl::InvalidArgumentError(
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
    return absl::InvalidArgumentError(
        absl::StrCat("rate ", ToString(), " x ", factor,
                     ": beyond the supported magnitude of 100000%"));
  }
  return Rate(static_cast<int64_t>(product));
}

std::ostream& operator<<(std::ostream& os, Rate rate) {
  return os << rate.ToString();
}

}  // namespace relance
