// The C ABI's values: dates and money.
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "capi_internal.hpp"
#include "relance/currency.hpp"
#include "relance/date.hpp"
#include "relance/money.hpp"

namespace relance::capi {

absl::StatusOr<Date> ToDate(relance_date date) {
  const Date value = DateFromDaysSinceEpoch(date);
  if (value < kMinDate || value > kMaxDate) {
    return absl::InvalidArgumentError(absl::StrCat(
        "date ", date,
        " (days since 1970-01-01) is outside 0001-01-01..9999-12-31"));
  }
  return value;
}

absl::StatusOr<Money> ToMoney(const relance_money& money) {
  // The code must be NUL-terminated within its 4 bytes.
  const size_t length = strnlen(money.currency, sizeof(money.currency));
  if (length == sizeof(money.currency)) {
    return absl::InvalidArgumentError(
        "amount: the currency code is not NUL-terminated");
  }
  absl::StatusOr<Currency> currency =
      Currency::FromCode(std::string_view(money.currency, length));
  if (!currency.ok()) return currency.status();
  return Money::FromMinorUnits(money.minor_units, *currency);
}

relance_money FromMoney(const Money& money) {
  relance_money result{};
  result.minor_units = money.minor_units();
  const Currency currency = money.currency();  // code() views into it
  const std::string_view code = currency.code();
  std::memcpy(result.currency, code.data(),
              std::min(code.size(), sizeof(result.currency) - 1));
  return result;
}

namespace {

relance_status WriteText(const std::string& text, char* buffer,
                         size_t capacity) {
  if (text.size() + 1 > capacity) {
    return Fail(RELANCE_ERROR_BUFFER_TOO_SMALL,
                absl::StrCat("\"", text, "\" needs ", text.size() + 1,
                             " bytes, the buffer has ", capacity));
  }
  std::memcpy(buffer, text.c_str(), text.size() + 1);
  return Ok();
}

}  // namespace
}  // namespace relance::capi

using namespace relance::capi;  // NOLINT: the entry points below use it all

extern "C" {

relance_status relance_date_parse(const char* text, size_t length,
                                  relance_date* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(text);
  RELANCE_CAPI_REQUIRE(out);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date date,
                                relance::ParseDate(Text(text, length)));
  *out = relance::DaysSinceEpoch(date);
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_date_from_ymd(int year, int month, int day,
                                     relance_date* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(out);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date date,
                                relance::MakeCheckedDate(year, month, day));
  *out = relance::DaysSinceEpoch(date);
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_date_to_ymd(relance_date date, int* year, int* month,
                                   int* day) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date value, ToDate(date));
  if (year != nullptr) *year = relance::YearOf(value);
  if (month != nullptr) *month = static_cast<int>(relance::MonthOf(value));
  if (day != nullptr) *day = static_cast<int>(relance::DayOf(value));
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_date_format(relance_date date, char* buffer,
                                   size_t capacity) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(buffer);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date value, ToDate(date));
  return WriteText(relance::FormatDate(value), buffer, capacity);
  RELANCE_CAPI_END
}

relance_status relance_money_parse(const char* text, size_t length,
                                   relance_money* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(text);
  RELANCE_CAPI_REQUIRE(out);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Money money,
                                relance::Money::Parse(Text(text, length)));
  *out = FromMoney(money);
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_money_make(int64_t minor_units, const char* currency,
                                  relance_money* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(currency);
  RELANCE_CAPI_REQUIRE(out);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Currency code,
                                relance::Currency::FromCode(currency));
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      const relance::Money money,
      relance::Money::FromMinorUnits(minor_units, code));
  *out = FromMoney(money);
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_money_format(const relance_money* money, char* buffer,
                                    size_t capacity) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(money);
  RELANCE_CAPI_REQUIRE(buffer);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Money value, ToMoney(*money));
  return WriteText(value.ToString(), buffer, capacity);
  RELANCE_CAPI_END
}

relance_status relance_money_add(const relance_money* a, const relance_money* b,
                                 relance_money* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(a);
  RELANCE_CAPI_REQUIRE(b);
  RELANCE_CAPI_REQUIRE(out);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Money x, ToMoney(*a));
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Money y, ToMoney(*b));
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Money sum, relance::Add(x, y));
  *out = FromMoney(sum);
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_money_subtract(const relance_money* a,
                                      const relance_money* b,
                                      relance_money* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(a);
  RELANCE_CAPI_REQUIRE(b);
  RELANCE_CAPI_REQUIRE(out);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Money x, ToMoney(*a));
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Money y, ToMoney(*b));
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Money difference,
                                relance::Subtract(x, y));
  *out = FromMoney(difference);
  return Ok();
  RELANCE_CAPI_END
}

}  // extern "C"
