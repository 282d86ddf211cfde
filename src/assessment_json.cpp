#include "relance/assessment_json.hpp"

#include "json_document.hpp"

namespace relance {

using internal::DateJson;
using internal::MoneyJson;
using internal::OrderedJson;
using internal::TextJson;

std::string AssessmentToJson(const PenaltyAssessment& assessment) {
  OrderedJson lines = OrderedJson::array();
  for (const InterestLine& line : assessment.lines) {
    lines.push_back({{"from", DateJson(line.first_day)},
                     {"to", DateJson(line.last_day)},
                     {"days", line.days},
                     {"principal", MoneyJson(line.principal)},
                     {"annual_rate", line.annual_rate.ToString()},
                     {"amount", MoneyJson(line.amount)},
                     {"assumed_rate", line.assumed_rate}});
  }
  OrderedJson flags = OrderedJson::array();
  for (PenaltyFlag flag : assessment.flags) flags.push_back(ToString(flag));
  const PenaltyRule* rule = assessment.rule.get();
  OrderedJson document = internal::NewDocument("assessment");
  document["rule"] = TextJson(assessment.rule_id());
  document["citation"] = TextJson(rule == nullptr ? "" : rule->citation);
  document["regime"] = TextJson(rule == nullptr ? "" : rule->regime_name);
  document["as_of"] = DateJson(assessment.as_of);
  document["lines"] = std::move(lines);
  document["interest"] = MoneyJson(assessment.interest);
  document["compensation"] = MoneyJson(assessment.compensation);
  document["charges"] = MoneyJson(assessment.charges);
  document["total"] = MoneyJson(assessment.total);
  document["principal_outstanding"] =
      MoneyJson(assessment.principal_outstanding);
  document["interest_outstanding"] = MoneyJson(assessment.interest_outstanding);
  document["costs_outstanding"] = MoneyJson(assessment.costs_outstanding);
  document["penalties_outstanding"] =
      MoneyJson(assessment.penalties_outstanding);
  document["total_outstanding"] = MoneyJson(assessment.total_outstanding);
  document["overpaid"] = MoneyJson(assessment.overpaid);
  document["flags"] = std::move(flags);
  document["explanations"] = assessment.explanations;
  return internal::Dump(document);
}

}  // namespace relance
