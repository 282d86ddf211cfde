// relance/currency.hpp
// -----------------------------------------------------------------------------
// ISO 4217 currencies.
//
// A `Currency` is a small value: its three-letter code and the number of
// minor-unit digits (EUR 2, JPY 0, BHD 3, CLF 4). It can only be obtained for
// an active ISO 4217 code listed in `data/currencies.csv`, which is compiled
// into the library: relance never invents a currency, and an unknown code is
// an error rather than a currency with guessed digits.
//
// Codes whose ISO minor unit is "N.A." (precious metals such as XAU, the SDR
// XDR, the bond-market units XBA..XBD, the test code XTS and XXX) have no
// decimal amounts and are not listed.
//
// Example:
//
//   absl::StatusOr<relance::Currency> eur = relance::Currency::FromCode("EUR");
//   eur->minor_digits();          // 2
//   eur->MinorUnitsPerMajor();    // 100
#ifndef RELANCE_CURRENCY_HPP_
#define RELANCE_CURRENCY_HPP_

#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "relance/export.hpp"

namespace relance {

class RELANCE_API Currency {
 public:
  // The largest number of minor-unit digits any listed currency has (CLF, UYW).
  static constexpr int kMaxMinorDigits = 4;

  // "XXX", ISO 4217's code for transactions where no currency is involved
  // (no minor digits, numeric 999): the currency of a default-constructed
  // Money, so that result structs can be default-constructed. It is not in
  // AllCurrencies(), FromCode refuses it, and adding it to an amount in a
  // real currency is an error like any currency mismatch.
  constexpr Currency() : Currency("XXX", 0, 999, kNoTableIndex) {}

  // Looks up an active ISO 4217 alphabetic code: exactly three uppercase
  // letters ("EUR"). Errors: kInvalidArgument for text that is not three
  // uppercase letters, and also for a well-formed code that is not an active
  // ISO 4217 currency with a minor unit (e.g. "ABC", "XAU", "HRK"): the table
  // is the standard, fixed at build time, so such a code is malformed input
  // (not an id a user could supply data for, unlike a calendar or a series).
  [[nodiscard]] static absl::StatusOr<Currency> FromCode(std::string_view code);

  // The three-letter code, e.g. "EUR". The view points into this Currency
  // object and is valid only while that object lives: after
  // `std::string_view c = money.currency().code();` it dangles, because
  // `currency()` returns a temporary copy. Copy it into a std::string (or
  // use ToString()) to keep it.
  constexpr std::string_view code() const { return std::string_view(code_, 3); }
  // Digits after the decimal point in the currency's minor unit (EUR 2).
  constexpr int minor_digits() const { return minor_digits_; }
  // 10^minor_digits(): minor units in one major unit (EUR 100, JPY 1).
  constexpr int64_t MinorUnitsPerMajor() const {
    int64_t factor = 1;
    for (int i = 0; i < minor_digits_; ++i) factor *= 10;
    return factor;
  }
  // ISO 4217 numeric code, e.g. 978 for EUR.
  constexpr int numeric_code() const { return numeric_code_; }
  // The ISO 4217 English name, e.g. "Euro" ("No currency" for XXX).
  std::string_view name() const;

  // The code, e.g. "EUR".
  std::string ToString() const { return std::string(code()); }

  // ISO 4217 gives each currency its own numeric code (XXX: 999), so one
  // 16-bit comparison decides (money arithmetic compares currencies at
  // every step; comparing the three letters one by one costs a stall).
  friend constexpr bool operator==(const Currency& a, const Currency& b) {
    return a.numeric_code_ == b.numeric_code_;
  }

  template <typename H>
  friend H AbslHashValue(H state, const Currency& currency) {
    return H::combine(std::move(state), currency.code());
  }

 private:
  friend class CurrencyTable;
  static constexpr uint16_t kNoTableIndex = 0xFFFF;
  constexpr Currency(std::string_view code, int minor_digits, int numeric_code,
                     uint16_t table_index)
      : code_{code[0], code[1], code[2]},
        minor_digits_(static_cast<uint8_t>(minor_digits)),
        table_index_(table_index),
        numeric_code_(static_cast<uint16_t>(numeric_code)) {}

  char code_[3];
  uint8_t minor_digits_;
  uint16_t table_index_;
  uint16_t numeric_code_;
};

RELANCE_API std::ostream& operator<<(std::ostream& os,
                                     const Currency& currency);

// Every listed currency, sorted by code.
[[nodiscard]] RELANCE_API std::span<const Currency> AllCurrencies();

}  // namespace relance

#endif  // RELANCE_CURRENCY_HPP_
