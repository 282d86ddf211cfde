#include "relance/decision_json.hpp"

#include <string>
#include <vector>

#include "json_document.hpp"

namespace relance {
namespace {

using internal::DateJson;
using Json = internal::OrderedJson;
using internal::MoneyJson;
using internal::TextJson;

Json MoneyList(const std::vector<Money>& amounts) {
  Json list = Json::array();
  for (const Money& amount : amounts) list.push_back(amount.ToString());
  return list;
}

Json ReasonJson(const Reason& reason) {
  const uint32_t fields = FieldsOf(reason.code);
  Json json = {{"code", std::string(ToString(reason.code))}};
  const auto put = [&](ReasonField field, const char* name, Json value) {
    if ((fields & field) != 0) json[name] = std::move(value);
  };
  put(kReasonInvoice, "invoice", TextJson(reason.invoice));
  put(kReasonLevel, "level", TextJson(reason.level));
  put(kReasonLevelNumber, "level_number",
      reason.level_number > 0 ? Json(reason.level_number) : Json(nullptr));
  put(kReasonDate, "date", DateJson(reason.date));
  put(kReasonNextDate, "next_date", DateJson(reason.next_date));
  put(kReasonAmount, "amount", MoneyJson(reason.amount));
  put(kReasonThreshold, "threshold", MoneyJson(reason.threshold));
  put(kReasonDays, "days", reason.days ? Json(*reason.days) : Json(nullptr));
  put(kReasonState, "state",
      reason.state ? Json(std::string(ToString(*reason.state)))
                   : Json(nullptr));
  put(kReasonLadder, "ladder", TextJson(reason.ladder));
  put(kReasonSegment, "segment", TextJson(reason.segment));
  put(kReasonAssigned, "assigned", reason.assigned);
  put(kReasonDetail, "detail", TextJson(reason.detail));
  json["text"] = Describe(reason);
  return json;
}

Json CommunicationJson(const Communication& action) {
  return {{"level", action.level},
          {"level_number",
           action.level_number > 0 ? Json(action.level_number) : Json(nullptr)},
          {"channel", ToString(action.channel)},
          {"template", TextJson(action.template_id)},
          {"task", action.task},
          {"block_account", action.block_account},
          {"invoices", action.invoices},
          {"invoice_levels", action.invoice_levels},
          {"outstanding", MoneyList(action.outstanding)},
          {"penalties", MoneyList(action.penalties)},
          {"fees", MoneyList(action.fees)},
          {"fees_charged", MoneyList(action.fees_charged)},
          {"total_due", MoneyList(action.total_due)},
          {"payment_deadline", DateJson(action.payment_deadline)},
          {"statement", action.statement}};
}

Json InvoiceJson(const InvoiceDecision& invoice) {
  return {{"invoice", invoice.invoice},
          {"state", std::string(ToString(invoice.state))},
          {"issue_date", FormatDate(invoice.issue_date)},
          {"due_date", FormatDate(invoice.due_date)},
          {"amount", invoice.amount.ToString()},
          {"outstanding", invoice.outstanding.ToString()},
          {"disputed", invoice.disputed.ToString()},
          {"days_late", invoice.days_late},
          {"last_level", TextJson(invoice.last_level)},
          {"last_action_date", DateJson(invoice.last_action_date)},
          {"next_level", TextJson(invoice.next_level)},
          {"next_level_date", DateJson(invoice.next_level_date)},
          {"action_level", TextJson(invoice.action_level)},
          {"penalty_status", std::string(ToString(invoice.penalty_status))},
          {"interest", MoneyJson(invoice.interest)},
          {"compensation", MoneyJson(invoice.compensation)},
          {"fees_charged", invoice.fees_charged.ToString()},
          {"claim", invoice.claim.ToString()},
          {"total_due", invoice.total_due.ToString()},
          {"unapplied", invoice.unapplied.ToString()},
          {"reason", ReasonJson(invoice.reason)}};
}

}  // namespace

std::string CommunicationToJson(const Communication& communication) {
  return CommunicationJson(communication)
      .dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string ReasonToJson(const Reason& reason) {
  return ReasonJson(reason).dump();
}

std::string DecisionToJson(const Decision& decision) {
  Json document = internal::NewDocument("decision");
  document["policy"] = decision.policy_id;
  document["policy_version"] = decision.policy_version;
  document["customer"] = decision.customer;
  document["as_of"] = FormatDate(decision.as_of);
  document["ladder"] = decision.ladder;
  document["segment"] = TextJson(decision.segment);
  document["next_review"] = DateJson(decision.next_review);
  document["account_blocked_since"] = DateJson(decision.account_blocked_since);
  document["penalties_unavailable"] = decision.PenaltiesUnavailable();
  document["total_due"] = MoneyList(decision.total_due);
  Json actions = Json::array();
  for (const Communication& action : decision.actions) {
    actions.push_back(CommunicationJson(action));
  }
  document["actions"] = std::move(actions);
  Json invoices = Json::array();
  for (const InvoiceDecision& invoice : decision.invoices) {
    invoices.push_back(InvoiceJson(invoice));
  }
  document["invoices"] = std::move(invoices);
  Json notes = Json::array();
  for (const Reason& note : decision.notes) notes.push_back(ReasonJson(note));
  document["notes"] = std::move(notes);
  return internal::Dump(document);
}

std::string ForecastToJson(const DunningForecast& forecast) {
  Json document = internal::NewDocument("forecast");
  document["policy"] = forecast.policy_id;
  document["policy_version"] = forecast.policy_version;
  document["customer"] = forecast.customer;
  document["from"] = FormatDate(forecast.from);
  document["to"] = FormatDate(forecast.to);
  Json items = Json::array();
  for (const ForecastItem& item : forecast.items) {
    items.push_back({{"date", FormatDate(item.date)},
                     {"action", CommunicationJson(item.action)}});
  }
  document["items"] = std::move(items);
  return internal::Dump(document);
}

}  // namespace relance
