#include "store/ledger_json.hpp"

#include <string>

#include "absl/status/status.h"
#include "json_document.hpp"
#include "relance/decision_json.hpp"

namespace relance::store {
namespace {

using internal::DateJson;
using internal::TextJson;
using Json = internal::OrderedJson;

std::string StatusCodeName(absl::StatusCode code) {
  std::string name = absl::StatusCodeToString(code);
  for (char& c : name) {
    c = c == ' ' ? '_' : static_cast<char>(std::tolower(c));
  }
  return name;
}

Json ActionJson(const PlannedAction& action) {
  // 0: an action of a dry run, not recorded.
  return {{"id", action.id > 0 ? Json(action.id) : Json(nullptr)},
          {"run_id", action.run_id > 0 ? Json(action.run_id) : Json(nullptr)},
          {"customer", action.customer},
          {"customer_name", TextJson(action.customer_name)},
          {"as_of", FormatDate(action.as_of)},
          {"status", action.status},
          {"performed_on", DateJson(action.performed_on)},
          {"communication",
           Json::parse(CommunicationToJson(action.communication))}};
}

Json EntryJson(const JournalEntry& entry) {
  return {{"sequence", entry.sequence},
          {"date", FormatDate(entry.event.date)},
          {"type", std::string(ToString(entry.event.kind))},
          {"customer", entry.customer},
          {"event", Json::parse(entry.event.ToJson())},
          {"source", entry.source},
          {"recorded_by", TextJson(entry.recorded.by)},
          {"recorded_at", TextJson(entry.recorded.at)},
          {"hash", entry.hash}};
}

// `object`'s keys after a document's schema keys.
std::string AsDocument(std::string_view type, const Json& object) {
  Json document = internal::NewDocument(type);
  for (const auto& [key, value] : object.items()) document[key] = value;
  return internal::Dump(document);
}

Json ActionsJson(const std::vector<PlannedAction>& actions) {
  Json list = Json::array();
  for (const PlannedAction& action : actions)
    list.push_back(ActionJson(action));
  return list;
}

}  // namespace

std::string ImportResultToJson(const ImportResult& result,
                               std::string_view what, std::string_view file) {
  Json document = internal::NewDocument("import");
  document["what"] = std::string(what);
  document["file"] = std::string(file);
  document["written"] = result.written();
  document["rows"] = result.rows;
  document["imported"] = result.imported;
  document["unchanged"] = result.unchanged;
  document["rejected"] = result.rejected;
  Json errors = Json::array();
  for (const RowError& error : result.errors) {
    errors.push_back(
        {{"file", error.origin.file},
         {"line", error.origin.line},
         {"column", error.column > 0 ? Json(error.column) : Json(nullptr)},
         {"field", TextJson(error.field)},
         {"message", error.message},
         {"text", error.ToString()}});
  }
  document["errors"] = errors;
  Json notes = Json::array();
  for (const std::string& note : result.notes) notes.push_back(note);
  document["notes"] = notes;
  return internal::Dump(document);
}

std::string PlannedActionToJson(const PlannedAction& action) {
  return AsDocument("action", ActionJson(action));
}

std::string JournalEntryToJson(const JournalEntry& entry) {
  return AsDocument("entry", EntryJson(entry));
}

std::string RunResultToJson(const RunResult& result) {
  Json document = internal::NewDocument("run");
  document["run_id"] = result.run_id > 0 ? Json(result.run_id) : Json(nullptr);
  document["as_of"] = FormatDate(result.as_of);
  document["policy"] = result.policy_id;
  document["policy_version"] = result.policy_version;
  document["customers"] = result.customers;
  document["invoices"] = result.invoices;
  document["actions_planned"] = result.actions_planned;
  document["already_planned"] = result.already_planned;
  document["actions"] = ActionsJson(result.planned);
  Json failed = Json::array();
  for (const auto& [customer, status] : result.failed) {
    failed.push_back({{"customer", customer},
                      {"code", StatusCodeName(status.code())},
                      {"message", std::string(status.message())}});
  }
  document["failed"] = failed;
  Json own = Json::array();
  for (const auto& [jurisdiction, label] : result.jurisdiction_policies) {
    own.push_back({{"jurisdiction", jurisdiction}, {"policy", label}});
  }
  document["jurisdiction_policies"] = own;
  if (result.letters.has_value()) {
    Json letters = Json::array();
    for (const RunResult::Letter& letter : *result.letters) {
      letters.push_back(
          {{"action_id",
            letter.action_id > 0 ? Json(letter.action_id) : Json(nullptr)},
           {"customer", letter.customer},
           {"file", letter.file}});
    }
    document["letters"] = letters;
  } else {
    document["letters"] = nullptr;
  }
  return internal::Dump(document);
}

std::string HistoryToJson(std::string_view subject, std::string_view id,
                          const std::vector<JournalEntry>& entries,
                          const std::vector<PlannedAction>& actions) {
  Json document = internal::NewDocument("history");
  document["subject"] = std::string(subject);
  document["id"] = std::string(id);
  Json list = Json::array();
  for (const JournalEntry& entry : entries) list.push_back(EntryJson(entry));
  document["entries"] = list;
  document["actions"] = ActionsJson(actions);
  return internal::Dump(document);
}

std::string StatusToJson(const LedgerStatus& status) {
  Json document = internal::NewDocument("status");
  document["ledger_schema_version"] = status.schema_version;
  document["customers"] = status.customers;
  document["invoices"] = status.invoices;
  document["payments"] = status.payments;
  document["journal_entries"] = status.journal_entries;
  document["actions_planned"] = status.actions_planned;
  document["actions_done"] = status.actions_done;
  Json states = Json::object();
  for (const auto& [state, count] : status.invoices_per_state) {
    states[state] = count;
  }
  document["invoices_per_state"] = states;
  Json levels = Json::object();
  for (const auto& [level, count] : status.invoices_per_level) {
    levels[level.empty() ? "none" : level] = count;
  }
  document["invoices_per_level"] = levels;
  document["last_run"] = status.last_run_id
                             ? Json{{"id", *status.last_run_id},
                                    {"as_of", DateJson(status.last_run_as_of)},
                                    {"policy", status.last_run_policy}}
                             : Json(nullptr);
  return internal::Dump(document);
}

std::string VerifyResultToJson(const VerifyResult& result) {
  Json document = internal::NewDocument("verify");
  document["ok"] = result.ok();
  document["entries"] = result.entries;
  document["first_altered"] =
      result.first_altered ? Json(*result.first_altered) : Json(nullptr);
  document["problem"] = TextJson(result.problem);
  document["head_hash"] = result.head_hash;
  return internal::Dump(document);
}

}  // namespace relance::store
