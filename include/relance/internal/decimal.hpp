// relance/internal/decimal.hpp
// -----------------------------------------------------------------------------
// Exact decimal text <-> scaled integer, shared by Money and Rate.
//
// "1234.56" with 2 decimals is the integer 123456. No floating point, no
// locale: the separators are parameters, and every error names the column.
#ifndef RELANCE_INTERNAL_DECIMAL_HPP_
#define RELANCE_INTERNAL_DECIMAL_HPP_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"

namespace relance::internal {

struct DecimalSyntax {
  char decimal_separator = '.';
  // '\0' means none accepted. When set, digits before the decimal separator
  // must be grouped by three ("1,234,567"), the first group having 1..3.
  char thousands_separator = '\0';
};

// Where the decimal text sits, for error messages, which are only built when
// there is an error (parsing is on hot paths). Messages read
// `<subject> "<whole_text>" at column N: <what>`; `column_offset` is the
// 0-based position of the parsed text inside `whole_text`. Every view must
// outlive the call.
struct DecimalContext {
  std::string_view subject;     // "money", "rate"
  std::string_view whole_text;  // the input as the user gave it
  size_t column_offset = 0;
  // Appended to the too-many-decimals message: " for " + "EUR".
  std::string_view hint_prefix = {};
  std::string_view hint_subject = {};
};

// Parses `[+|-]digits[<sep>digits]` and returns value * 10^scale exactly.
// `max_decimals` (<= scale) bounds the digits after the separator; more is an
// error that says so ("3 decimals, at most 2 allowed for EUR"). At most 30
// significant digits, and at most 38 once scaled.
// Errors: kInvalidArgument with the column, or naming the digit limit.
[[nodiscard]] absl::StatusOr<absl::int128> ParseScaledDecimal(
    std::string_view text, int scale, int max_decimals,
    const DecimalSyntax& syntax, const DecimalContext& context);

// `<subject> "<whole_text>"`, the start of every message about that input.
std::string QuotedInput(std::string_view subject, std::string_view whole_text);

// Formats value / 10^scale with exactly `scale` decimals, then drops trailing
// zeros down to `min_decimals`. A '-' precedes negative values.
[[nodiscard]] std::string FormatScaledDecimal(absl::int128 value, int scale,
                                              int min_decimals,
                                              const DecimalSyntax& syntax = {});

// 10^exponent for 0 <= exponent <= 38.
absl::int128 PowerOfTen(int exponent);

}  // namespace relance::internal

#endif  // RELANCE_INTERNAL_DECIMAL_HPP_
