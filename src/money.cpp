#include "relance/money.hpp"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/decimal.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

internal::DecimalSyntax SyntaxOf(const MoneyTextOptions& options) {
  return {.decimal_separator = options.decimal_separator,
          .thousands_separator = options.thousands_separator};
}

std::string Quoted(std::string_view text) {
  return absl::StrCat("money ", internal::QuoteForMessage(text));
}

absl::Status OutOfBound(std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(std::string(what), ": beyond the supported magnitude of ",
                   Money::kMaxMinorUnits, " minor units"));
}

// Checks the bound on an exact wide result and narrows it. `describe()`
// names the operation; it is only called on error, so that the success path
// (hot in schedules and penalties) builds no string.
template <typename Describe>
absl::StatusOr<Money> FromWide(absl::int128 minor_units, Currency currency,
                               const Describe& describe) {
  if (minor_units > Money::kMaxMinorUnits ||
      minor_units < -Money::kMaxMinorUnits) {
    return OutOfBound(describe());
  }
  return Money::FromMinorUnits(static_cast<int64_t>(minor_units), currency);
}

absl::Status SameCurrency(Money a, Money b, std::string_view operation) {
  if (a.currency() == b.currency()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      std::string(operation), " of ", a.ToString(), " and ", b.ToString(),
      ": currencies differ (", a.currency().ToString(), " vs ",
      b.currency().ToString(), "); relance never mixes currencies"));
}

absl::StatusOr<Money> ParseAmountAt(std::string_view amount, Currency currency,
                                    const MoneyTextOptions& options,
                                    std::string_view whole_text,
                                    size_t column_offset) {
  RELANCE_RETURN_IF_ERROR(options.Validate());
  const internal::DecimalContext context{.subject = "money",
                                         .whole_text = whole_text,
                                         .column_offset = column_offset,
                                         .hint_prefix = " for ",
                                         .hint_subject = currency.code()};
  const int digits = currency.minor_digits();
  RELANCE_ASSIGN_OR_RETURN(
      absl::int128 minor_units,
      internal::ParseScaledDecimal(amount, digits, digits, SyntaxOf(options),
                                   context));
  return FromWide(minor_units, currency, [&] { return Quoted(whole_text); });
}

// ASCII white space, whatever the global locale.
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
         c == '\f';
}

bool LooksLikeCode(std::string_view text) {
  return text.size() == 3 && text[0] >= 'A' && text[0] <= 'Z';
}

}  // namespace

absl::Status MoneyTextOptions::Validate() const {
  auto bad = [](char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+';
  };
  if (bad(decimal_separator) || decimal_separator == '\0') {
    return absl::InvalidArgumentError(
        "money text options: decimal_separator must not be a digit, a sign "
        "or empty");
  }
  if (thousands_separator != '\0' &&
      (bad(thousands_separator) || thousands_separator == decimal_separator)) {
    return absl::InvalidArgumentError(
        "money text options: thousands_separator must not be a digit, a sign "
        "or the decimal separator");
  }
  return absl::OkStatus();
}

absl::Status Money::OutOfBoundsError(int64_t minor_units, Currency currency) {
  return OutOfBound(absl::StrCat("money ", minor_units, " minor units of ",
                                 currency.ToString()));
}

absl::StatusOr<Money> Money::Parse(std::string_view text,
                                   const MoneyTextOptions& options) {
  if (text.empty()) {
    return absl::InvalidArgumentError(
        "money \"\": empty, expected an amount and a currency code such as "
        "\"12.50 EUR\"");
  }
  // Checked first: "12 EUR " would otherwise read as the code "" and fail
  // with a message about the currency.
  if (IsSpace(text.front()) || IsSpace(text.back())) {
    return absl::InvalidArgumentError(
        absl::StrCat(Quoted(text), ": leading or trailing space"));
  }
  const size_t space = text.find(' ');
  if (space == std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        Quoted(text),
        ": expected an amount and a currency code separated by one space, "
        "such as \"12.50 EUR\""));
  }
  // "<amount> <CODE>" or "<CODE> <amount>", decided by which side is a code.
  // A thousands separator may itself be a space: the code then sits at one
  // end, so split at the last (or first) space accordingly.
  std::string_view head = text.substr(0, space);
  const bool code_first = LooksLikeCode(head) && !text.ends_with(' ');
  std::string_view code_text;
  std::string_view amount_text;
  size_t amount_offset = 0;
  if (code_first) {
    code_text = head;
    amount_text = text.substr(space + 1);
    amount_offset = space + 1;
  } else {
    const size_t last_space = text.rfind(' ');
    code_text = text.substr(last_space + 1);
    amount_text = text.substr(0, last_space);
  }
  absl::StatusOr<Currency> currency = Currency::FromCode(code_text);
  if (!currency.ok()) {
    return absl::Status(currency.status().code(),
                        absl::StrCat(Quoted(text), ": ",
                                     std::string(currency.status().message())));
  }
  return ParseAmountAt(amount_text, *currency, options, text, amount_offset);
}

absl::StatusOr<Money> Money::ParseAmount(std::string_view amount,
                                         Currency currency,
                                         const MoneyTextOptions& options) {
  return ParseAmountAt(amount, currency, options, amount, 0);
}

std::string Money::FormatAmount(const MoneyTextOptions& options) const {
  const int digits = currency_.minor_digits();
  return internal::FormatScaledDecimal(minor_units_, digits, digits,
                                       SyntaxOf(options));
}

std::string Money::ToString() const {
  return absl::StrCat(FormatAmount(), " ", currency_.ToString());
}

std::ostream& operator<<(std::ostream& os, const Money& money) {
  return os << money.ToString();
}

absl::Status Money::AdditionError(Money a, Money b) {
  RELANCE_RETURN_IF_ERROR(SameCurrency(a, b, "addition"));
  return FromWide(absl::int128(a.minor_units()) + b.minor_units(), a.currency(),
                  [&] {
                    return absl::StrCat("sum of ", a.ToString(), " and ",
                                        b.ToString());
                  })
      .status();
}

absl::Status Money::SubtractionError(Money a, Money b) {
  RELANCE_RETURN_IF_ERROR(SameCurrency(a, b, "subtraction"));
  return FromWide(absl::int128(a.minor_units()) - b.minor_units(), a.currency(),
                  [&] {
                    return absl::StrCat("difference of ", a.ToString(), " and ",
                                        b.ToString());
                  })
      .status();
}

absl::StatusOr<std::strong_ordering> Compare(Money a, Money b) {
  RELANCE_RETURN_IF_ERROR(SameCurrency(a, b, "comparison"));
  return a.minor_units() <=> b.minor_units();
}

absl::StatusOr<Money> Sum(std::span<const Money> amounts, Currency currency) {
  absl::int128 total = 0;
  for (size_t i = 0; i < amounts.size(); ++i) {
    if (!(amounts[i].currency() == currency)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "sum in ", currency.ToString(), ": amount [", i, "] is ",
          amounts[i].ToString(), "; relance never mixes currencies"));
    }
    // Each term is bounded by 10^17, so 10^20 terms would be needed to
    // overflow 128 bits: the check at the end is enough.
    total += amounts[i].minor_units();
  }
  return FromWide(total, currency,
                  [&] { return absl::StrCat("sum in ", currency.ToString()); });
}

absl::StatusOr<Money> MultiplyByRatio(Money amount, int64_t numerator,
                                      int64_t denominator, RoundingMode mode) {
  if (denominator == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("multiplying ", amount.ToString(), " by ", numerator,
                     "/0: the denominator is zero"));
  }
  // |amount| <= 10^17 and |numerator| < 2^63 ~ 9.2 * 10^18: the product is
  // below 10^37 < 2^127.
  const absl::int128 exact = absl::int128(amount.minor_units()) * numerator;
  return FromWide(DivideRounded(exact, denominator, mode), amount.currency(),
                  [&] {
                    return absl::StrCat(amount.ToString(), " x ", numerator,
                                        "/", denominator);
                  });
}

absl::StatusOr<Money> MultiplyByRate(Money amount, Rate rate,
                                     RoundingMode mode) {
  return MultiplyByRatio(amount, rate.parts_per_billion(), Rate::kPartsPerUnit,
                         mode);
}

}  // namespace relance
