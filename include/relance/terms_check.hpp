// relance/terms_check.hpp
// -----------------------------------------------------------------------------
// Legal caps on business-to-business payment delays.
//
// `CheckTerms` tells whether payment terms respect the maximum payment delay
// of a jurisdiction, for every invoice date, not just one: a month-end rule
// can be compliant for an invoice of 1 March and not for one of 31 March.
// It evaluates the terms' last due date for every invoice date from
// 2024-01-01 to 2051-12-31 and reports the worst case. Those 28 years are a
// full cycle of the Gregorian calendar's weekdays and leap years (which
// repeats every 28 years between 1901 and 2099): every month length occurs,
// and every month end falls on every weekday, in common years and in leap
// years (29 February included). Business-day adjustments are included, but
// movable holidays (Easter and those tied to it) follow their own cycle, so
// not every combination of them with a weekday is seen.
//
// Rules (the delay runs from the invoice date; the due date is the last
// instalment's):
//
//   France, Code de commerce art. L441-10, I: at most 60 days from the date
//   the invoice is issued; by derogation, at most "45 jours fin de mois" from
//   that date if expressly stipulated in the contract and not manifestly
//   abusive. Both readings of "45 jours fin de mois" are accepted in
//   administrative practice (DGCCRF), so the derogation limit is the later of
//   invoice + 45 days then month end, and month end + 45 days.
//     due <= invoice + 60 days               compliant
//     due <= the 45-days-end-of-month limit  needs express agreement
//     later                                  violation
//
//   EU, Directive 2011/7/EU art. 3(5) (between undertakings): at most 60
//   calendar days, unless expressly agreed in the contract and not grossly
//   unfair to the creditor.
//     due <= invoice + 60 days               compliant
//     later                                  needs express agreement
//
//   EU, Directive 2011/7/EU art. 4(3) and 4(6) (public authorities as
//   debtors): 30 calendar days; at most 60 if expressly agreed and
//   objectively justified.
//     due <= invoice + 30 days               compliant
//     due <= invoice + 60 days               needs express agreement
//     later                                  violation
//
// Example:
//
//   auto terms = PaymentTerms::Parse("fin de mois 45 jours");     // CM+45D
//   auto check = CheckTerms(*terms, PaymentDelayJurisdiction::kFrance);
//   // An invoice of 2024-01-01 is due 2024-03-16, 75 days later: beyond 60
//   // days but within "45 jours fin de mois", so
//   // check->findings[0].severity ==
//   TermsFinding::Severity::kNeedsExpressAgreement
#ifndef RELANCE_TERMS_CHECK_HPP_
#define RELANCE_TERMS_CHECK_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/export.hpp"
#include "relance/terms.hpp"

namespace relance {

enum class PaymentDelayJurisdiction {
  kFrance,             // "FR"
  kEuBusiness,         // "EU"
  kEuPublicAuthority,  // "EU-PUBLIC"
};
[[nodiscard]] RELANCE_API std::string_view ToString(
    PaymentDelayJurisdiction jurisdiction);
// Parses "FR", "EU", "EU-PUBLIC". Errors: kInvalidArgument listing them.
[[nodiscard]] RELANCE_API absl::StatusOr<PaymentDelayJurisdiction>
ParsePaymentDelayJurisdiction(std::string_view text);

struct TermsFinding {
  enum class Severity {
    kNeedsExpressAgreement,  // lawful only if expressly agreed (see above)
    kViolation,              // beyond the legal maximum
  };
  Severity severity = Severity::kViolation;
  // The article, e.g. "Code de commerce L441-10".
  std::string article = {};
  // A sentence for people, naming the worst case.
  std::string message = {};
  // The worst case: the invoice date whose due date exceeds the limit most.
  Date invoice_date = {};
  Date due_date = {};
  Date limit_date = {};  // the last compliant due date for that invoice date
};
RELANCE_API std::string_view ToString(TermsFinding::Severity severity);

struct TermsCheckResult {
  PaymentDelayJurisdiction jurisdiction = PaymentDelayJurisdiction::kFrance;
  // The longest delay found, in days from the invoice date, and where.
  int64_t longest_delay_days = 0;
  Date longest_delay_invoice_date = {};
  // At most one finding: the violation if any, else the agreement notice.
  std::vector<TermsFinding> findings = {};

  bool compliant() const { return findings.empty(); }
};

// The first and last invoice dates CheckTerms evaluates.
inline constexpr Date kTermsCheckFirstInvoiceDate = MakeDate(2024, 1, 1);
inline constexpr Date kTermsCheckLastInvoiceDate = MakeDate(2051, 12, 31);

// Errors: those of PaymentTerms::DueDates for the first invoice date that
// fails, e.g. kInvalidArgument when a due date would leave 0001..9999
// ("99999M" from 2024-01-01 is in the year 10357).
[[nodiscard]] RELANCE_API absl::StatusOr<TermsCheckResult> CheckTerms(
    const PaymentTerms& terms, PaymentDelayJurisdiction jurisdiction);

}  // namespace relance

#endif  // RELANCE_TERMS_CHECK_HPP_
