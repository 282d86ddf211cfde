// The C ABI's calendars and payment terms.
#include "relance/terms.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "capi_internal.hpp"
#include "relance/builtin_calendars.hpp"
#include "relance/calendar.hpp"
#include "relance/schedule_json.hpp"
#include "relance/terms_check.hpp"

namespace relance::capi {
namespace {

std::optional<BusinessDayConvention> ToConvention(
    const relance_convention& convention) {
  switch (EnumValue(convention)) {
    case RELANCE_CONVENTION_UNADJUSTED:
      return BusinessDayConvention::kUnadjusted;
    case RELANCE_CONVENTION_FOLLOWING:
      return BusinessDayConvention::kFollowing;
    case RELANCE_CONVENTION_MODIFIED_FOLLOWING:
      return BusinessDayConvention::kModifiedFollowing;
    case RELANCE_CONVENTION_PRECEDING:
      return BusinessDayConvention::kPreceding;
    case RELANCE_CONVENTION_MODIFIED_PRECEDING:
      return BusinessDayConvention::kModifiedPreceding;
  }
  return std::nullopt;
}

relance_status NewCalendar(absl::StatusOr<BusinessCalendar> calendar,
                           relance_calendar** out) {
  if (!calendar.ok()) return Fail(calendar.status());
  *out = new relance_calendar{
      std::make_shared<const BusinessCalendar>(*std::move(calendar))};
  return Ok();
}

relance_status NewTerms(absl::StatusOr<PaymentTerms> terms,
                        relance_terms** out) {
  if (!terms.ok()) return Fail(terms.status());
  *out = new relance_terms{*std::move(terms)};
  return Ok();
}

}  // namespace

absl::StatusOr<TermsParseOptions> ToTermsOptions(
    const char* function, const relance_terms_options* options) {
  TermsParseOptions result;
  if (options == nullptr) return result;
  if (!ValidSize(options->size, sizeof(size_t), sizeof(relance_terms_options),
                 alignof(relance_terms_options))) {
    WrongSize(function, "options", options->size, sizeof(size_t),
              sizeof(relance_terms_options));
    return absl::CancelledError();  // the last error is set: MISUSE
  }
  const auto misuse = [function](std::string_view what) {
    Misuse(function, what);
    return absl::CancelledError();
  };
  if (RELANCE_CAPI_HOLDS(options, relance_terms_options,
                         end_of_month_reading)) {
    switch (EnumValue(options->end_of_month_reading)) {
      case RELANCE_EOM_DAYS_THEN_END_OF_MONTH:
        result.end_of_month_reading = EndOfMonthReading::kDaysThenEndOfMonth;
        break;
      case RELANCE_EOM_END_OF_MONTH_THEN_DAYS:
        result.end_of_month_reading = EndOfMonthReading::kEndOfMonthThenDays;
        break;
      default:
        return misuse(
            "options->end_of_month_reading is not a "
            "relance_eom_reading");
    }
  }
  if (RELANCE_CAPI_HOLDS(options, relance_terms_options, rounding)) {
    const int rounding = EnumValue(options->rounding);
    if (rounding < 0 ||
        rounding >= static_cast<int>(std::size(kAllRoundingModes))) {
      return misuse("options->rounding is not a relance_rounding");
    }
    result.rounding = kAllRoundingModes[rounding];
  }
  if (RELANCE_CAPI_HOLDS(options, relance_terms_options, discount_base)) {
    switch (EnumValue(options->discount_base)) {
      case RELANCE_DISCOUNT_BASE_TOTAL:
        result.discount_base = DiscountBase::kTotal;
        break;
      case RELANCE_DISCOUNT_BASE_UNTAXED:
        result.discount_base = DiscountBase::kUntaxed;
        break;
      case RELANCE_DISCOUNT_BASE_MIXED:
        result.discount_base = DiscountBase::kMixed;
        break;
      default:
        return misuse(
            "options->discount_base is not a "
            "relance_discount_base");
    }
  }
  if (RELANCE_CAPI_HOLDS(options, relance_terms_options, calendar) &&
      options->calendar != nullptr) {
    BusinessDayAdjustment adjustment{.calendar = options->calendar->value};
    if (RELANCE_CAPI_HOLDS(options, relance_terms_options, convention)) {
      const std::optional<BusinessDayConvention> convention =
          ToConvention(options->convention);
      if (!convention.has_value()) {
        return misuse("options->convention is not a relance_convention");
      }
      adjustment.convention = *convention;
    }
    result.adjustment = adjustment;
  }
  return result;
}

}  // namespace relance::capi

using namespace relance::capi;  // NOLINT: the entry points below use it all

// Options that failed their checks have set the last error (MISUSE) and
// return kCancelled, which is not a library error.
#define RELANCE_CAPI_OPTIONS_OR_RETURN(lhs, expr)           \
  auto RELANCE_CAPI_CONCAT(options_or_, __LINE__) = (expr); \
  if (!RELANCE_CAPI_CONCAT(options_or_, __LINE__).ok()) {   \
    return relance_last_error_code();                       \
  }                                                         \
  lhs = *std::move(RELANCE_CAPI_CONCAT(options_or_, __LINE__))

extern "C" {

relance_status relance_calendar_builtin(const char* code,
                                        relance_calendar** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(code);
  RELANCE_CAPI_ASSIGN_OR_RETURN(auto calendar, relance::BuiltinCalendar(code));
  *out = new relance_calendar{std::move(calendar)};
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_calendar_from_json(const char* json, size_t length,
                                          relance_calendar** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(json);
  return NewCalendar(relance::BusinessCalendar::FromJson(Text(json, length)),
                     out);
  RELANCE_CAPI_END
}

void relance_calendar_free(relance_calendar* calendar) { delete calendar; }

relance_status relance_calendar_is_business_day(
    const relance_calendar* calendar, relance_date date, int* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(calendar);
  RELANCE_CAPI_REQUIRE(out);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date day, ToDate(date));
  *out = calendar->value->IsBusinessDay(day) ? 1 : 0;
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_calendar_adjust(const relance_calendar* calendar,
                                       relance_date date,
                                       relance_convention convention,
                                       relance_date* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(calendar);
  RELANCE_CAPI_REQUIRE(out);
  const auto value = relance::capi::ToConvention(convention);
  if (!value.has_value()) {
    return Misuse(__func__, "convention is not a relance_convention");
  }
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date day, ToDate(date));
  *out = relance::DaysSinceEpoch(calendar->value->Adjust(day, *value));
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_calendar_add_business_days(
    const relance_calendar* calendar, relance_date date, int32_t n,
    relance_date* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(calendar);
  RELANCE_CAPI_REQUIRE(out);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date day, ToDate(date));
  const relance::BusinessCalendar& cal = *calendar->value;
  const relance::Date result = cal.AddBusinessDays(day, n);
  // The search stops at 0001-01-01 / 9999-12-31 when fewer than |n|
  // business days remain (relance/calendar.hpp): say so.
  // n < 0: the business days in [result, day) are |n|, i.e. those of
  // (result, day] with `result` in and `day` out.
  const bool reached = n >= 0 ? cal.CountBusinessDays(day, result) == n
                              : cal.CountBusinessDays(result, day) +
                                        (cal.IsBusinessDay(result) ? 1 : 0) -
                                        (cal.IsBusinessDay(day) ? 1 : 0) ==
                                    -int64_t{n};
  if (!reached) {
    return Fail(RELANCE_ERROR_OUT_OF_RANGE,
                absl::StrCat("calendar ", cal.code(), ": fewer than ",
                             n < 0 ? -int64_t{n} : int64_t{n},
                             " business days from ", relance::FormatDate(day),
                             " within 0001-01-01..9999-12-31"));
  }
  *out = relance::DaysSinceEpoch(result);
  return Ok();
  RELANCE_CAPI_END
}

relance_status relance_calendar_count_business_days(
    const relance_calendar* calendar, relance_date from, relance_date to,
    int64_t* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(calendar);
  RELANCE_CAPI_REQUIRE(out);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date first, ToDate(from));
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date last, ToDate(to));
  *out = calendar->value->CountBusinessDays(first, last);
  return Ok();
  RELANCE_CAPI_END
}

void relance_terms_options_init(relance_terms_options* options) {
  if (options == nullptr) return;
  *options = relance_terms_options{};
  options->size = sizeof(relance_terms_options);
  options->end_of_month_reading = RELANCE_EOM_DAYS_THEN_END_OF_MONTH;
  options->rounding = RELANCE_ROUNDING_HALF_AWAY_FROM_ZERO;
  options->discount_base = RELANCE_DISCOUNT_BASE_TOTAL;
  options->calendar = nullptr;
  options->convention = RELANCE_CONVENTION_FOLLOWING;
}

relance_status relance_terms_parse(const char* text, size_t length,
                                   const relance_terms_options* options,
                                   relance_terms** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(text);
  RELANCE_CAPI_OPTIONS_OR_RETURN(const relance::TermsParseOptions parse_options,
                                 ToTermsOptions(__func__, options));
  return NewTerms(
      relance::PaymentTerms::Parse(Text(text, length), parse_options), out);
  RELANCE_CAPI_END
}

relance_status relance_terms_from_json(const char* json, size_t length,
                                       const relance_terms_options* options,
                                       relance_terms** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(json);
  RELANCE_CAPI_OPTIONS_OR_RETURN(const relance::TermsParseOptions parse_options,
                                 ToTermsOptions(__func__, options));
  return NewTerms(
      relance::PaymentTerms::FromJson(Text(json, length), parse_options), out);
  RELANCE_CAPI_END
}

void relance_terms_free(relance_terms* terms) { delete terms; }

relance_status relance_terms_to_string(const relance_terms* terms, char** out,
                                       size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(terms);
  return ReturnText(terms->value.ToString(), out, out_length);
  RELANCE_CAPI_END
}

void relance_schedule_options_init(relance_schedule_options* options) {
  if (options == nullptr) return;
  *options = relance_schedule_options{};
  options->size = sizeof(relance_schedule_options);
}

relance_status relance_terms_schedule_json(
    const relance_terms* terms, relance_date invoice_date,
    const relance_money* total, const relance_schedule_options* options,
    char** out_json, size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(terms);
  RELANCE_CAPI_REQUIRE(total);
  std::optional<relance::Money> tax;
  unsigned checks = 0;
  if (options != nullptr) {
    if (!ValidSize(options->size, sizeof(size_t),
                   sizeof(relance_schedule_options),
                   alignof(relance_schedule_options))) {
      return WrongSize(__func__, "options", options->size, sizeof(size_t),
                       sizeof(relance_schedule_options));
    }
    if (RELANCE_CAPI_HOLDS(options, relance_schedule_options, tax) &&
        options->tax != nullptr) {
      RELANCE_CAPI_ASSIGN_OR_RETURN(tax, ToMoney(*options->tax));
    }
    if (RELANCE_CAPI_HOLDS(options, relance_schedule_options, checks)) {
      checks = options->checks;
    }
    if ((checks & ~(RELANCE_CHECK_FR | RELANCE_CHECK_EU |
                    RELANCE_CHECK_EU_PUBLIC)) != 0) {
      return Misuse(__func__,
                    "options->checks has unknown RELANCE_CHECK_ bits");
    }
  }
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date date, ToDate(invoice_date));
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Money amount, ToMoney(*total));
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::PaymentSchedule schedule,
                                terms->value.Schedule(date, amount, tax));
  std::vector<relance::TermsCheckResult> results;
  const std::pair<unsigned, relance::PaymentDelayJurisdiction> kChecks[] = {
      {RELANCE_CHECK_FR, relance::PaymentDelayJurisdiction::kFrance},
      {RELANCE_CHECK_EU, relance::PaymentDelayJurisdiction::kEuBusiness},
      {RELANCE_CHECK_EU_PUBLIC,
       relance::PaymentDelayJurisdiction::kEuPublicAuthority},
  };
  for (const auto& [flag, jurisdiction] : kChecks) {
    if ((checks & flag) == 0) continue;
    RELANCE_CAPI_ASSIGN_OR_RETURN(
        relance::TermsCheckResult result,
        relance::CheckTerms(terms->value, jurisdiction));
    results.push_back(std::move(result));
  }
  return ReturnText(relance::ScheduleToJson(terms->value, schedule, results),
                    out_json, out_length);
  RELANCE_CAPI_END
}

relance_status relance_terms_due_date(const relance_terms* terms,
                                      relance_date invoice_date,
                                      relance_date* out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE(terms);
  RELANCE_CAPI_REQUIRE(out);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const relance::Date date, ToDate(invoice_date));
  RELANCE_CAPI_ASSIGN_OR_RETURN(const std::vector<relance::Date> due,
                                terms->value.DueDates(date));
  if (due.empty()) {
    return Fail(RELANCE_ERROR_INTERNAL, "terms without a due date");
  }
  *out = relance::DaysSinceEpoch(*std::max_element(due.begin(), due.end()));
  return Ok();
  RELANCE_CAPI_END
}

}  // extern "C"
