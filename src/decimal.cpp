#include "relance/internal/decimal.hpp"

#include <algorithm>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/quote.hpp"

namespace relance::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Describe(char c) { return DescribeByteForMessage(c); }

absl::Status ErrorAt(const DecimalContext& context, size_t position,
                     std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(
      QuotedInput(context.subject, context.whole_text), " at column ",
      context.column_offset + position + 1, ": ", std::string(what)));
}

}  // namespace

std::string QuotedInput(std::string_view subject, std::string_view whole_text) {
  return absl::StrCat(std::string(subject), " ", QuoteForMessage(whole_text));
}

absl::int128 PowerOfTen(int exponent) {
  absl::int128 result = 1;
  for (int i = 0; i < exponent; ++i) result *= 10;
  return result;
}

absl::StatusOr<absl::int128> ParseScaledDecimal(std::string_view text,
                                                int scale, int max_decimals,
                                                const DecimalSyntax& syntax,
                                                const DecimalContext& context) {
  constexpr int kMaxSignificantDigits = 30;
  if (text.empty())
    return ErrorAt(context, 0, "expected a number, got nothing");
  size_t position = 0;
  bool negative = false;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    ++position;
  }
  absl::int128 value = 0;
  int significant_digits = 0;
  int integer_digits = 0;
  int group_length = 0;  // digits since the last thousands separator
  bool grouped = false;
  auto add_digit = [&](char c) {
    if (value != 0 || c != '0') ++significant_digits;
    value = value * 10 + (c - '0');
  };
  for (; position < text.size(); ++position) {
    const char c = text[position];
    if (IsDigit(c)) {
      if (significant_digits >= kMaxSignificantDigits) {
        return absl::InvalidArgumentError(
            absl::StrCat(QuotedInput(context.subject, context.whole_text),
                         ": more than ", kMaxSignificantDigits, " digits"));
      }
      add_digit(c);
      ++integer_digits;
      ++group_length;
      if (grouped && group_length > 3) {
        return ErrorAt(
            context, position,
            "digit groups after a thousands separator have 3 digits");
      }
      continue;
    }
    if (syntax.thousands_separator != '\0' && c == syntax.thousands_separator) {
      const bool first_group_ok =
          grouped || (group_length >= 1 && group_length <= 3);
      if (!first_group_ok || (grouped && group_length != 3)) {
        return ErrorAt(context, position,
                       "thousands separator must follow a group of digits "
                       "(1 to 3 first, then exactly 3)");
      }
      grouped = true;
      group_length = 0;
      continue;
    }
    break;
  }
  if (integer_digits == 0) {
    if (position < text.size()) {
      return ErrorAt(
          context, position,
          absl::StrCat("expected a digit, got ", Describe(text[position])));
    }
    return ErrorAt(context, position, "expected a digit after the sign");
  }
  if (grouped && group_length != 3) {
    return ErrorAt(
        context, position,
        "the last digit group before the decimal part needs 3 digits");
  }
  int decimals = 0;
  if (position < text.size() && text[position] == syntax.decimal_separator) {
    const size_t separator_position = position;
    ++position;
    for (; position < text.size() && IsDigit(text[position]); ++position) {
      if (significant_digits >= kMaxSignificantDigits) {
        return absl::InvalidArgumentError(
            absl::StrCat(QuotedInput(context.subject, context.whole_text),
                         ": more than ", kMaxSignificantDigits, " digits"));
      }
      add_digit(text[position]);
      ++decimals;
    }
    if (decimals == 0) {
      return ErrorAt(context, separator_position + 1,
                     "expected a digit after the decimal separator");
    }
    if (decimals > max_decimals) {
      return absl::InvalidArgumentError(absl::StrCat(
          QuotedInput(context.subject, context.whole_text), ": ", decimals,
          " decimals, at most ", max_decimals, " allowed",
          std::string(context.hint_prefix), std::string(context.hint_subject)));
    }
  }
  if (position < text.size()) {
    const char c = text[position];
    std::string what = absl::StrCat("unexpected ", Describe(c));
    if ((c == ',' || c == '.' || c == '\'' || c == ' ') &&
        syntax.thousands_separator == '\0' && decimals == 0) {
      what += " (thousands separators are not accepted unless asked for)";
    }
    return ErrorAt(context, position, what);
  }
  // A 128-bit integer holds every number of up to 38 digits (its maximum is
  // about 1.7 x 10^38): refuse before scaling rather than wrap around.
  constexpr int kMaxScaledDigits = 38;
  if (significant_digits + (scale - decimals) > kMaxScaledDigits) {
    return absl::InvalidArgumentError(absl::StrCat(
        QuotedInput(context.subject, context.whole_text), ": more than ",
        kMaxScaledDigits, " digits once scaled by 10^", scale));
  }
  value *= PowerOfTen(scale - decimals);
  return negative ? -value : value;
}

std::string FormatScaledDecimal(absl::int128 value, int scale, int min_decimals,
                                const DecimalSyntax& syntax) {
  const bool negative = value < 0;
  const absl::uint128 magnitude =
      negative ? absl::uint128(-(value + 1)) + 1 : absl::uint128(value);
  std::string digits;
  absl::uint128 rest = magnitude;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(rest % 10)));
    rest /= 10;
  } while (rest != 0);
  while (digits.size() < static_cast<size_t>(scale) + 1) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  std::string integer_part =
      digits.substr(0, digits.size() - static_cast<size_t>(scale));
  std::string fraction =
      digits.substr(digits.size() - static_cast<size_t>(scale));
  while (fraction.size() > static_cast<size_t>(min_decimals) &&
         fraction.back() == '0') {
    fraction.pop_back();
  }
  std::string out;
  if (negative) out.push_back('-');
  if (syntax.thousands_separator != '\0') {
    for (size_t i = 0; i < integer_part.size(); ++i) {
      if (i > 0 && (integer_part.size() - i) % 3 == 0) {
        out.push_back(syntax.thousands_separator);
      }
      out.push_back(integer_part[i]);
    }
  } else {
    out += integer_part;
  }
  if (!fraction.empty()) {
    out.push_back(syntax.decimal_separator);
    out += fraction;
  }
  return out;
}

}  // namespace relance::internal
