#include "relance/schedule_json.hpp"

#include <optional>

#include "json_document.hpp"

namespace relance {
namespace {

using internal::DateJson;
using internal::MoneyJson;
using internal::OrderedJson;
using internal::TextJson;

OrderedJson DiscountsJson(const std::vector<ScheduledDiscount>& discounts) {
  OrderedJson list = OrderedJson::array();
  for (const ScheduledDiscount& discount : discounts) {
    list.push_back({{"percent", discount.percent.ToString()},
                    {"deadline", DateJson(discount.deadline)},
                    {"discount", MoneyJson(discount.discount)},
                    {"net_payable", MoneyJson(discount.net_payable)}});
  }
  return list;
}

OrderedJson ChecksJson(const std::vector<TermsCheckResult>& checks) {
  OrderedJson legal = OrderedJson::array();
  for (const TermsCheckResult& check : checks) {
    OrderedJson findings = OrderedJson::array();
    for (const TermsFinding& finding : check.findings) {
      findings.push_back({{"severity", ToString(finding.severity)},
                          {"article", TextJson(finding.article)},
                          {"message", TextJson(finding.message)},
                          {"invoice_date", DateJson(finding.invoice_date)},
                          {"due_date", DateJson(finding.due_date)},
                          {"limit_date", DateJson(finding.limit_date)}});
    }
    legal.push_back({{"jurisdiction", ToString(check.jurisdiction)},
                     {"compliant", check.compliant()},
                     {"longest_delay_days", check.longest_delay_days},
                     {"findings", std::move(findings)}});
  }
  return legal;
}

}  // namespace

std::string ScheduleToJson(const PaymentTerms& terms,
                           const PaymentSchedule& schedule,
                           const std::vector<TermsCheckResult>& checks) {
  OrderedJson instalments = OrderedJson::array();
  for (const ScheduledInstalment& instalment : schedule.instalments) {
    instalments.push_back(
        {{"due_date", DateJson(instalment.due_date)},
         {"unadjusted_due_date", DateJson(instalment.unadjusted_due_date)},
         {"amount", MoneyJson(instalment.amount)},
         {"discounts", DiscountsJson(instalment.discounts)}});
  }
  const std::optional<EndOfMonthReading> reading =
      terms.spec().end_of_month_reading;
  OrderedJson document = internal::NewDocument("schedule");
  document["terms"] = terms.ToString();
  document["eom_reading"] =
      reading.has_value() ? OrderedJson(ToString(*reading)) : OrderedJson();
  document["invoice_date"] = DateJson(schedule.invoice_date);
  document["total"] = MoneyJson(schedule.total);
  document["instalments"] = std::move(instalments);
  document["discounts"] = DiscountsJson(schedule.discounts);
  document["final_due_date"] = DateJson(schedule.final_due_date);
  document["discount_base"] = ToString(terms.spec().discount_base);
  document["tax_reduction"] = MoneyJson(schedule.tax_reduction);
  document["legal"] = ChecksJson(checks);
  return internal::Dump(document);
}

}  // namespace relance
