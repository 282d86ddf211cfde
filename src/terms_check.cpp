#include "relance/terms_check.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/enum_names.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

using Severity = TermsFinding::Severity;

// The limits for one invoice date: up to `soft` the terms are compliant; up
// to `hard` they need an express agreement; beyond `hard`, a violation.
struct Limits {
  Date soft;
  std::optional<Date> hard;  // none: no absolute maximum
};

Limits LimitsFor(PaymentDelayJurisdiction jurisdiction, Date invoice_date) {
  switch (jurisdiction) {
    case PaymentDelayJurisdiction::kFrance: {
      const Date days_then_end = EndOfMonth(invoice_date + Days{45});
      const Date end_then_days = EndOfMonth(invoice_date) + Days{45};
      const Date derogation = std::max(days_then_end, end_then_days);
      const Date sixty = invoice_date + Days{60};
      return {.soft = sixty, .hard = std::max(sixty, derogation)};
    }
    case PaymentDelayJurisdiction::kEuBusiness:
      return {.soft = invoice_date + Days{60}, .hard = std::nullopt};
    case PaymentDelayJurisdiction::kEuPublicAuthority:
      return {.soft = invoice_date + Days{30}, .hard = invoice_date + Days{60}};
  }
  return {.soft = invoice_date, .hard = invoice_date};
}

std::string_view Article(PaymentDelayJurisdiction jurisdiction,
                         Severity severity) {
  switch (jurisdiction) {
    case PaymentDelayJurisdiction::kFrance:
      return "Code de commerce L441-10";
    case PaymentDelayJurisdiction::kEuBusiness:
      return "Directive 2011/7/EU art. 3(5)";
    case PaymentDelayJurisdiction::kEuPublicAuthority:
      return severity == Severity::kViolation ? "Directive 2011/7/EU art. 4(6)"
                                              : "Directive 2011/7/EU art. 4(3)";
  }
  return "";
}

std::string Explain(PaymentDelayJurisdiction jurisdiction,
                    const TermsFinding& finding) {
  const int64_t days = (finding.due_date - finding.invoice_date).count();
  const std::string worst =
      absl::StrCat("an invoice of ", FormatDate(finding.invoice_date),
                   " falls due on ", FormatDate(finding.due_date), " (", days,
                   " days), after ", FormatDate(finding.limit_date));
  switch (jurisdiction) {
    case PaymentDelayJurisdiction::kFrance:
      return finding.severity == Severity::kViolation
                 ? absl::StrCat(
                       "beyond the legal maximum of 60 days from the "
                       "invoice date or 45 days end of month: ",
                       worst)
                 : absl::StrCat(
                       "more than 60 days from the invoice date, "
                       "lawful only if \"45 jours fin de mois\" is "
                       "expressly stipulated in the contract: ",
                       worst);
    case PaymentDelayJurisdiction::kEuBusiness:
      return absl::StrCat(
          "more than 60 calendar days, lawful only if expressly agreed and not "
          "grossly unfair to the creditor: ",
          worst);
    case PaymentDelayJurisdiction::kEuPublicAuthority:
      return finding.severity == Severity::kViolation
                 ? absl::StrCat(
                       "beyond 60 calendar days, the maximum for a "
                       "public authority: ",
                       worst)
                 : absl::StrCat(
                       "more than 30 calendar days, lawful for a "
                       "public authority only if expressly agreed "
                       "and objectively justified: ",
                       worst);
  }
  return worst;
}

}  // namespace

constexpr internal::EnumName<PaymentDelayJurisdiction> kJurisdictionNames[] = {
    {PaymentDelayJurisdiction::kFrance, "FR"},
    {PaymentDelayJurisdiction::kEuBusiness, "EU"},
    {PaymentDelayJurisdiction::kEuPublicAuthority, "EU-PUBLIC"},
};

std::string_view ToString(PaymentDelayJurisdiction jurisdiction) {
  return internal::NameOf(kJurisdictionNames, jurisdiction);
}

absl::StatusOr<PaymentDelayJurisdiction> ParsePaymentDelayJurisdiction(
    std::string_view text) {
  return internal::ParseName(kJurisdictionNames, text, "jurisdiction");
}

std::string_view ToString(Severity severity) {
  return severity == Severity::kViolation ? "violation"
                                          : "needs-express-agreement";
}

absl::StatusOr<TermsCheckResult> CheckTerms(
    const PaymentTerms& terms, PaymentDelayJurisdiction jurisdiction) {
  TermsCheckResult result{
      .jurisdiction = jurisdiction,
      .longest_delay_invoice_date = kTermsCheckFirstInvoiceDate};
  std::optional<TermsFinding> worst_violation;
  std::optional<TermsFinding> worst_soft;
  auto excess = [](const TermsFinding& f) { return f.due_date - f.limit_date; };
  for (Date invoice_date = kTermsCheckFirstInvoiceDate;
       invoice_date <= kTermsCheckLastInvoiceDate; invoice_date += Days{1}) {
    RELANCE_ASSIGN_OR_RETURN(std::vector<Date> due_dates,
                             terms.DueDates(invoice_date));
    const Date due = *std::max_element(due_dates.begin(), due_dates.end());
    const int64_t delay = (due - invoice_date).count();
    if (delay > result.longest_delay_days) {
      result.longest_delay_days = delay;
      result.longest_delay_invoice_date = invoice_date;
    }
    const Limits limits = LimitsFor(jurisdiction, invoice_date);
    if (limits.hard.has_value() && due > *limits.hard) {
      TermsFinding finding{.severity = Severity::kViolation,
                           .invoice_date = invoice_date,
                           .due_date = due,
                           .limit_date = *limits.hard};
      if (!worst_violation || excess(finding) > excess(*worst_violation)) {
        worst_violation = finding;
      }
    } else if (due > limits.soft) {
      TermsFinding finding{.severity = Severity::kNeedsExpressAgreement,
                           .invoice_date = invoice_date,
                           .due_date = due,
                           .limit_date = limits.soft};
      if (!worst_soft || excess(finding) > excess(*worst_soft)) {
        worst_soft = finding;
      }
    }
  }
  std::optional<TermsFinding> finding =
      worst_violation ? worst_violation : worst_soft;
  if (finding) {
    finding->article = std::string(Article(jurisdiction, finding->severity));
    finding->message = Explain(jurisdiction, *finding);
    result.findings.push_back(*std::move(finding));
  }
  return result;
}

}  // namespace relance
