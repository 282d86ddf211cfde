#include "relance/language.hpp"

#include <cassert>
#include <cstdint>
#include <string>
#include <string_view>

#include "relance/internal/enum_names.hpp"

namespace relance {
namespace {

constexpr internal::EnumName<Language> kLanguageNames[] = {
    {Language::kFrench, "fr"},
    {Language::kEnglish, "en"},
};

// The spaces of the conventions (language.hpp cites their sources), as
// UTF-8.
constexpr std::string_view kNarrowNoBreakSpace = "\u202F";  // French groups
constexpr std::string_view kNoBreakSpace = "\u00A0";  // before a symbol/unit

// The symbols of CLDR 48 (main/fr and main/en-GB currencies.json, "symbol")
// for the currencies relance writes with one; every other currency is
// written with its code.
struct SymbolRow {
  std::string_view code;
  std::string_view french;
  std::string_view english;
};
constexpr SymbolRow kSymbols[] = {
    {"EUR", "\u20AC", "\u20AC"},    // €
    {"GBP", "\u00A3GB", "\u00A3"},  // £GB, £
    {"USD", "$US", "US$"},          //
    {"JPY", "JPY", "JP\u00A5"},     // French has no symbol; JP¥
};

// The symbol is letters only (an ISO code, or "JPY" in French): CLDR's
// currencySpacing then puts U+00A0 between it and the digits when it comes
// first ("CHF 1,234.56"); French puts U+00A0 before whatever follows the
// digits anyway (the pattern "#,##0.00 ¤").
bool IsLetters(std::string_view text) {
  for (char c : text) {
    if (!(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z')) return false;
  }
  return !text.empty();
}

// The decimal digits of `value`, grouped by three from the right with
// `separator` when there are four digits or more.
std::string GroupedDigits(uint64_t value, std::string_view separator) {
  const std::string digits = std::to_string(value);  // no locale: %llu
  std::string out;
  const size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

std::string_view GroupSeparator(Language language) {
  return language == Language::kFrench ? kNarrowNoBreakSpace : ",";
}

// |value| without overflow for INT64_MIN.
uint64_t Magnitude(int64_t value) {
  return value < 0 ? uint64_t{0} - static_cast<uint64_t>(value)
                   : static_cast<uint64_t>(value);
}

constexpr std::string_view kFrenchMonths[12] = {
    "janvier", "février", "mars",      "avril",   "mai",      "juin",
    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
constexpr std::string_view kEnglishMonths[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

}  // namespace

absl::StatusOr<Language> ParseLanguage(std::string_view code) {
  return internal::ParseName(kLanguageNames, code, "language");
}

std::string_view LanguageCode(Language language) {
  return internal::NameOf(kLanguageNames, language);
}

std::ostream& operator<<(std::ostream& os, Language language) {
  return os << LanguageCode(language);
}

std::string CurrencySymbol(Currency currency, Language language) {
  for (const SymbolRow& row : kSymbols) {
    if (row.code == currency.code()) {
      return std::string(language == Language::kFrench ? row.french
                                                       : row.english);
    }
  }
  return currency.ToString();
}

std::string FormatMoney(Money money, Language language) {
  const Currency currency = money.currency();
  const uint64_t magnitude = Magnitude(money.minor_units());
  const uint64_t per_major =
      static_cast<uint64_t>(currency.MinorUnitsPerMajor());
  std::string number =
      GroupedDigits(magnitude / per_major, GroupSeparator(language));
  if (currency.minor_digits() > 0) {
    std::string fraction = std::to_string(magnitude % per_major);
    fraction.insert(
        0, static_cast<size_t>(currency.minor_digits()) - fraction.size(), '0');
    number += language == Language::kFrench ? ',' : '.';
    number += fraction;
  }
  std::string out = money.IsNegative() ? "-" : "";
  const std::string symbol = CurrencySymbol(currency, language);
  if (language == Language::kFrench) {
    // "#,##0.00 ¤": the symbol after the digits, after U+00A0.
    out += number;
    out += kNoBreakSpace;
    out += symbol;
  } else {
    // "¤#,##0.00": the symbol first; U+00A0 after a code (currencySpacing).
    out += symbol;
    if (IsLetters(symbol)) out += kNoBreakSpace;
    out += number;
  }
  return out;
}

std::string FormatInteger(int64_t value, Language language) {
  std::string out = value < 0 ? "-" : "";
  out += GroupedDigits(Magnitude(value), GroupSeparator(language));
  return out;
}

std::string_view MonthName(unsigned month, Language language) {
  assert(month >= 1 && month <= 12 && "MonthName: month must be 1..12");
  if (month < 1 || month > 12) return "?";
  return language == Language::kFrench ? kFrenchMonths[month - 1]
                                       : kEnglishMonths[month - 1];
}

std::string FormatLongDate(Date date, Language language) {
  const date::year_month_day fields = Fields(date);
  const unsigned day = unsigned{fields.day()};
  const unsigned month = unsigned{fields.month()};
  const int year = int{fields.year()};
  const std::string_view ordinal =
      language == Language::kFrench && day == 1 ? "er" : "";
  // The date library's day and month are in range for any serial day; the
  // month guard only keeps an out-of-range date from asserting.
  const std::string_view month_name =
      month >= 1 && month <= 12 ? MonthName(month, language) : "?";
  std::string out = std::to_string(day);
  out += ordinal;
  out += ' ';
  out += month_name;
  out += ' ';
  out += std::to_string(year);
  return out;
}

PluralForm PluralFormOf(int64_t count, Language language) {
  const uint64_t n = Magnitude(count);
  if (language == Language::kFrench) {
    return n <= 1 ? PluralForm::kOne : PluralForm::kOther;
  }
  return n == 1 ? PluralForm::kOne : PluralForm::kOther;
}

std::string FormatDayCount(int64_t days, Language language) {
  const bool one = PluralFormOf(days, language) == PluralForm::kOne;
  std::string out = FormatInteger(days, language);
  if (language == Language::kFrench) {
    out += kNoBreakSpace;
    out += one ? "jour" : "jours";
  } else {
    out += one ? " day" : " days";
  }
  return out;
}

}  // namespace relance
