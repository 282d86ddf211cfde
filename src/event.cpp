#include "relance/event.hpp"

#include <cstdint>
#include <iterator>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "relance/internal/enum_names.hpp"
#include "relance/internal/event_check.hpp"
#include "relance/internal/file_reader.hpp"
#include "relance/internal/json_reader.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/terms.hpp"

namespace relance {
namespace {

// The fields of an event, as bits, and their JSON names.
enum Field : uint32_t {
  kInvoice = 1u << 0,
  kInvoices = 1u << 1,
  kAmount = 1u << 2,
  kDueDate = 1u << 3,
  kTerms = 1u << 4,
  kLevel = 1u << 5,
  kChannel = 1u << 6,
  kReference = 1u << 7,
  kReason = 1u << 8,
  kOutcome = 1u << 9,
  kPromisedDate = 1u << 10,
  kUntil = 1u << 11,
  kSegment = 1u << 12,
  kInstalments = 1u << 13,
};

constexpr std::pair<Field, std::string_view> kFieldNames[] = {
    {kInvoice, "invoice"},
    {kInvoices, "invoices"},
    {kAmount, "amount"},
    {kDueDate, "due_date"},
    {kTerms, "terms"},
    {kLevel, "level"},
    {kChannel, "channel"},
    {kReference, "reference"},
    {kReason, "reason"},
    {kOutcome, "outcome"},
    {kPromisedDate, "promised_date"},
    {kUntil, "until"},
    {kSegment, "segment"},
    {kInstalments, "instalments"},
};

// What each kind requires and allows. Read as a table: one row per kind.
struct KindSpec {
  EventKind kind;
  std::string_view name;
  uint32_t required;
  uint32_t allowed;  // includes `required`
};

constexpr uint32_t kTargets = kInvoice | kInvoices;

constexpr KindSpec kKinds[] = {
    {EventKind::kInvoiceIssued, "invoice_issued", kInvoice | kAmount,
     kInvoice | kAmount | kDueDate | kTerms | kReference},
    {EventKind::kPaymentReceived, "payment_received", kInvoice | kAmount,
     kInvoice | kAmount | kReference},
    {EventKind::kCreditNote, "credit_note", kInvoice | kAmount,
     kInvoice | kAmount | kReference | kReason},
    {EventKind::kActionPerformed, "action_performed", kLevel | kChannel,
     kTargets | kLevel | kChannel | kReference | kAmount},
    {EventKind::kDisputeOpened, "dispute_opened", kInvoice,
     kInvoice | kAmount | kReason | kReference},
    {EventKind::kDisputeResolved, "dispute_resolved", kInvoice | kOutcome,
     kInvoice | kOutcome | kAmount | kReason | kReference},
    {EventKind::kPromiseToPay, "promise_to_pay", kPromisedDate,
     kTargets | kPromisedDate | kAmount | kReference},
    {EventKind::kPromiseConfirmed, "promise_confirmed", 0,
     kTargets | kReference},
    {EventKind::kPaymentPlanAgreed, "payment_plan_agreed", kInstalments,
     kTargets | kInstalments | kReference},
    {EventKind::kDunningBlocked, "dunning_blocked", kUntil,
     kTargets | kUntil | kReason},
    {EventKind::kHandedToAgency, "handed_to_agency", 0, kTargets | kReference},
    {EventKind::kLegalActionStarted, "legal_action_started", 0,
     kTargets | kReference},
    {EventKind::kWrittenOff, "written_off", kInvoice,
     kInvoice | kReason | kAmount},
    {EventKind::kAccountBlocked, "account_blocked", 0, kReason},
    {EventKind::kAccountUnblocked, "account_unblocked", 0, kReason},
    {EventKind::kSegmentAssigned, "segment_assigned", kSegment,
     kSegment | kReason},
    {EventKind::kActionAcknowledged, "action_acknowledged", kReference,
     kTargets | kReference | kReason},
};

constexpr internal::EnumName<EventKind> kEventKindNames[] = {
    {EventKind::kInvoiceIssued, "invoice_issued"},
    {EventKind::kPaymentReceived, "payment_received"},
    {EventKind::kCreditNote, "credit_note"},
    {EventKind::kActionPerformed, "action_performed"},
    {EventKind::kDisputeOpened, "dispute_opened"},
    {EventKind::kDisputeResolved, "dispute_resolved"},
    {EventKind::kPromiseToPay, "promise_to_pay"},
    {EventKind::kPromiseConfirmed, "promise_confirmed"},
    {EventKind::kPaymentPlanAgreed, "payment_plan_agreed"},
    {EventKind::kDunningBlocked, "dunning_blocked"},
    {EventKind::kHandedToAgency, "handed_to_agency"},
    {EventKind::kLegalActionStarted, "legal_action_started"},
    {EventKind::kWrittenOff, "written_off"},
    {EventKind::kAccountBlocked, "account_blocked"},
    {EventKind::kAccountUnblocked, "account_unblocked"},
    {EventKind::kSegmentAssigned, "segment_assigned"},
    {EventKind::kActionAcknowledged, "action_acknowledged"},
};

constexpr internal::EnumName<DisputeOutcome> kOutcomeNames[] = {
    {DisputeOutcome::kUpheld, "upheld"},
    {DisputeOutcome::kRejected, "rejected"},
};

// kKinds is in the enum's order: a kind's row is at its value.
constexpr bool KindsInEnumOrder() {
  for (size_t i = 0; i < std::size(kKinds); ++i) {
    if (static_cast<size_t>(kKinds[i].kind) != i) return false;
  }
  return true;
}
static_assert(KindsInEnumOrder());

const KindSpec& SpecOf(EventKind kind) {
  const auto row = static_cast<size_t>(kind);
  return row < std::size(kKinds) ? kKinds[row] : kKinds[0];
}

// The fields an event actually carries.
uint32_t PresentFields(const Event& event) {
  uint32_t fields = 0;
  if (!event.invoice.empty()) fields |= kInvoice;
  if (!event.invoices.empty()) fields |= kInvoices;
  if (event.amount.has_value()) fields |= kAmount;
  if (event.due_date.has_value()) fields |= kDueDate;
  if (!event.terms.empty()) fields |= kTerms;
  if (!event.level.empty()) fields |= kLevel;
  if (!event.channel.empty()) fields |= kChannel;
  if (!event.reference.empty()) fields |= kReference;
  if (!event.reason.empty()) fields |= kReason;
  if (event.outcome.has_value()) fields |= kOutcome;
  if (event.promised_date.has_value()) fields |= kPromisedDate;
  if (event.until.has_value()) fields |= kUntil;
  if (!event.segment.empty()) fields |= kSegment;
  if (!event.instalments.empty()) fields |= kInstalments;
  return fields;
}

std::string FieldList(uint32_t fields) {
  std::string list;
  for (const auto& [field, name] : kFieldNames) {
    if ((fields & field) == 0) continue;
    if (!list.empty()) list += ", ";
    list += std::string(name);
  }
  return list.empty() ? "none" : list;
}

}  // namespace

std::string_view ToString(EventKind kind) {
  return internal::NameOf(kEventKindNames, kind);
}

absl::StatusOr<EventKind> ParseEventKind(std::string_view text) {
  return internal::ParseName(kEventKindNames, text, "event type");
}

std::vector<std::string> Event::Invoices() const {
  if (!invoices.empty()) return invoices;
  if (!invoice.empty()) return {invoice};
  return {};
}

namespace internal {

absl::Status ValidateEventShape(const Event& event, TermsText terms_text,
                                absl::FunctionRef<std::string()> path) {
  const KindSpec& spec = SpecOf(event.kind);
  // The message is built only when there is one: a case compiles every
  // event through here.
  const auto error = [&](std::string_view field, std::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(
        path(), " (", std::string(spec.name), ")", field.empty() ? "" : ": ",
        std::string(field), ": ", std::string(what)));
  };
  const uint32_t present = PresentFields(event);
  // The first field, in kFieldNames' order, missing or not allowed.
  if (((spec.required & ~present) | (present & ~spec.allowed)) != 0) {
    for (const auto& [field, name] : kFieldNames) {
      if ((spec.required & field) != 0 && (present & field) == 0) {
        return error(name, "required");
      }
      if ((present & field) != 0 && (spec.allowed & field) == 0) {
        return error(name, absl::StrCat("not allowed on this event (allowed: ",
                                        FieldList(spec.allowed), ")"));
      }
    }
  }
  if ((present & kInvoice) && (present & kInvoices)) {
    return error("invoices", "give either invoice or invoices, not both");
  }
  if (event.amount.has_value() && !event.amount->IsPositive()) {
    return error("amount", absl::StrCat("must be positive, got ",
                                        event.amount->ToString()));
  }
  if (event.kind == EventKind::kInvoiceIssued) {
    if (event.due_date.has_value() == !event.terms.empty()) {
      return error("due_date", "give exactly one of due_date or terms");
    }
    if (event.due_date.has_value() && *event.due_date < event.date) {
      return error("due_date", "before the invoice date");
    }
    if (!event.terms.empty() && terms_text == TermsText::kParseWithDefaults) {
      absl::Status terms_status = PaymentTerms::Parse(event.terms).status();
      if (!terms_status.ok())
        return error("terms", std::string(terms_status.message()));
    }
  }
  if (event.kind == EventKind::kDisputeResolved && event.amount.has_value() &&
      event.outcome == DisputeOutcome::kRejected) {
    return error("amount", "only an upheld dispute credits an amount");
  }
  if (event.promised_date.has_value() && *event.promised_date < event.date) {
    return error("promised_date", "before the promise itself");
  }
  if (event.until.has_value() && *event.until <= event.date) {
    return error("until", "must be after the event date");
  }
  const std::vector<PlanInstalment>& instalments = event.instalments;
  for (size_t i = 0; i < instalments.size(); ++i) {
    const PlanInstalment& instalment = instalments[i];
    const auto field = [i] { return absl::StrCat("instalments[", i, "]"); };
    if (!instalment.amount.IsPositive()) {
      return error(field(), "the amount must be positive");
    }
    if (instalment.date < event.date) {
      return error(field(), "dated before the plan was agreed");
    }
    if (i > 0 &&
        (instalment.date <= instalments[i - 1].date ||
         !(instalment.amount.currency() == instalments[0].amount.currency()))) {
      return error(field(), "dates must increase, amounts in one currency");
    }
  }
  return absl::OkStatus();
}

}  // namespace internal

absl::Status Event::Validate(std::string_view path) const {
  return internal::ValidateEventShape(*this,
                                      internal::TermsText::kParseWithDefaults,
                                      [path] { return std::string(path); });
}

absl::StatusOr<Case> Case::FromFile(const std::string& path) {
  return internal::ParseConfigFile(path, &Case::FromJson);
}

namespace {

// Reads one event object at `path` ("events[3]", or "" for a lone event),
// checking its keys and field types; the caller validates its shape.
absl::StatusOr<Event> ReadEvent(const internal::JsonReader& reader,
                                const internal::Json& item,
                                const std::string& path) {
  std::vector<std::string_view> keys = {"date", "type"};
  for (const auto& [field, name] : kFieldNames) keys.push_back(name);
  const auto money = [](std::string_view text) { return Money::Parse(text); };
  const auto at = [&](std::string_view field) {
    return path.empty() ? std::string(field)
                        : absl::StrCat(path, ".", std::string(field));
  };
  if (!item.is_object()) return reader.WrongType(path, "an object", item);
  RELANCE_RETURN_IF_ERROR(reader.CheckKeys(path, item, keys));
  for (const char* key : {"date", "type"}) {
    if (!item.contains(key)) return reader.Invalid(at(key), "required");
  }
  Event event;
  RELANCE_ASSIGN_OR_RETURN(event.date,
                           reader.GetDate(at("date"), item["date"]));
  RELANCE_ASSIGN_OR_RETURN(
      event.kind, reader.GetParsed(at("type"), item["type"], ParseEventKind));
  const auto text = [&](const char* key, std::string& out) -> absl::Status {
    if (!item.contains(key)) return absl::OkStatus();
    RELANCE_ASSIGN_OR_RETURN(out, reader.GetString(at(key), item[key]));
    if (out.empty()) return reader.Invalid(at(key), "must not be empty");
    return absl::OkStatus();
  };
  const auto date = [&](const char* key,
                        std::optional<Date>& out) -> absl::Status {
    if (!item.contains(key)) return absl::OkStatus();
    RELANCE_ASSIGN_OR_RETURN(out, reader.GetDate(at(key), item[key]));
    return absl::OkStatus();
  };
  RELANCE_RETURN_IF_ERROR(text("invoice", event.invoice));
  RELANCE_RETURN_IF_ERROR(text("terms", event.terms));
  RELANCE_RETURN_IF_ERROR(text("level", event.level));
  RELANCE_RETURN_IF_ERROR(text("channel", event.channel));
  RELANCE_RETURN_IF_ERROR(text("reference", event.reference));
  RELANCE_RETURN_IF_ERROR(text("reason", event.reason));
  RELANCE_RETURN_IF_ERROR(text("segment", event.segment));
  RELANCE_RETURN_IF_ERROR(date("due_date", event.due_date));
  RELANCE_RETURN_IF_ERROR(date("promised_date", event.promised_date));
  RELANCE_RETURN_IF_ERROR(date("until", event.until));
  if (item.contains("amount")) {
    RELANCE_ASSIGN_OR_RETURN(
        event.amount, reader.GetParsed(at("amount"), item["amount"], money));
  }
  if (item.contains("outcome")) {
    RELANCE_ASSIGN_OR_RETURN(
        event.outcome,
        reader.GetParsed(
            at("outcome"), item["outcome"], [](std::string_view t) {
              return internal::ParseName(kOutcomeNames, t, "dispute outcome");
            }));
  }
  if (item.contains("invoices")) {
    const internal::Json& list = item["invoices"];
    if (!list.is_array() || list.empty()) {
      return reader.WrongType(at("invoices"), "a non-empty array", list);
    }
    for (size_t k = 0; k < list.size(); ++k) {
      RELANCE_ASSIGN_OR_RETURN(
          std::string id,
          reader.GetString(absl::StrCat(at("invoices"), "[", k, "]"), list[k]));
      event.invoices.push_back(std::move(id));
    }
  }
  if (item.contains("instalments")) {
    const internal::Json& list = item["instalments"];
    if (!list.is_array() || list.empty()) {
      return reader.WrongType(at("instalments"), "a non-empty array", list);
    }
    for (size_t k = 0; k < list.size(); ++k) {
      const std::string instalment_path =
          absl::StrCat(at("instalments"), "[", k, "]");
      const internal::Json& entry = list[k];
      if (!entry.is_object()) {
        return reader.WrongType(instalment_path, "an object", entry);
      }
      RELANCE_RETURN_IF_ERROR(
          reader.CheckKeys(instalment_path, entry, {"date", "amount"}));
      for (const char* key : {"date", "amount"}) {
        if (!entry.contains(key)) {
          return reader.Invalid(absl::StrCat(instalment_path, ".", key),
                                "required");
        }
      }
      PlanInstalment instalment{.amount =
                                    Money::Zero(*Currency::FromCode("EUR"))};
      RELANCE_ASSIGN_OR_RETURN(
          instalment.date,
          reader.GetDate(absl::StrCat(instalment_path, ".date"),
                         entry["date"]));
      RELANCE_ASSIGN_OR_RETURN(
          instalment.amount,
          reader.GetParsed(absl::StrCat(instalment_path, ".amount"),
                           entry["amount"], money));
      event.instalments.push_back(std::move(instalment));
    }
  }
  return event;
}

nlohmann::ordered_json EventToJson(const Event& event) {
  nlohmann::ordered_json item;
  item["date"] = FormatDate(event.date);
  item["type"] = std::string(ToString(event.kind));
  if (!event.invoice.empty()) item["invoice"] = event.invoice;
  if (!event.invoices.empty()) item["invoices"] = event.invoices;
  if (event.amount) item["amount"] = event.amount->ToString();
  if (event.due_date) item["due_date"] = FormatDate(*event.due_date);
  if (!event.terms.empty()) item["terms"] = event.terms;
  if (!event.level.empty()) item["level"] = event.level;
  if (!event.channel.empty()) item["channel"] = event.channel;
  if (!event.reference.empty()) item["reference"] = event.reference;
  if (!event.reason.empty()) item["reason"] = event.reason;
  if (event.outcome) {
    item["outcome"] =
        std::string(internal::NameOf(kOutcomeNames, *event.outcome));
  }
  if (event.promised_date) {
    item["promised_date"] = FormatDate(*event.promised_date);
  }
  if (event.until) item["until"] = FormatDate(*event.until);
  if (!event.segment.empty()) item["segment"] = event.segment;
  if (!event.instalments.empty()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const PlanInstalment& instalment : event.instalments) {
      list.push_back({{"date", FormatDate(instalment.date)},
                      {"amount", instalment.amount.ToString()}});
    }
    item["instalments"] = list;
  }
  return item;
}

}  // namespace

absl::StatusOr<Case> Case::FromJson(std::string_view json_text) {
  const internal::JsonReader reader("case");
  RELANCE_ASSIGN_OR_RETURN(internal::Json document, reader.Parse(json_text));
  if (!document.is_object()) {
    return reader.WrongType("", "a JSON object", document);
  }
  RELANCE_RETURN_IF_ERROR(
      reader.CheckKeys("", document, {"customer", "events"}));
  for (const char* key : {"customer", "events"}) {
    if (!document.contains(key)) return reader.Invalid(key, "required");
  }
  Case result;
  const internal::Json& customer = document["customer"];
  if (!customer.is_object()) {
    return reader.WrongType("customer", "an object", customer);
  }
  RELANCE_RETURN_IF_ERROR(
      reader.CheckKeys("customer", customer, {"id", "name"}));
  if (!customer.contains("id"))
    return reader.Invalid("customer.id", "required");
  RELANCE_ASSIGN_OR_RETURN(result.customer_id,
                           reader.GetString("customer.id", customer["id"]));
  if (result.customer_id.empty()) {
    return reader.Invalid("customer.id", "must not be empty");
  }
  if (customer.contains("name")) {
    RELANCE_ASSIGN_OR_RETURN(
        result.customer_name,
        reader.GetString("customer.name", customer["name"]));
  }
  const internal::Json& events = document["events"];
  if (!events.is_array()) return reader.WrongType("events", "an array", events);
  for (size_t i = 0; i < events.size(); ++i) {
    const std::string path = absl::StrCat("events[", i, "]");
    RELANCE_ASSIGN_OR_RETURN(Event event, ReadEvent(reader, events[i], path));
    RELANCE_RETURN_IF_ERROR(event.Validate(absl::StrCat("case: ", path)));
    if (!result.events.empty() && event.date < result.events.back().date) {
      return reader.Invalid(path,
                            absl::StrCat("dated ", FormatDate(event.date),
                                         ", before the previous event (",
                                         FormatDate(result.events.back().date),
                                         "): events must be in date order"));
    }
    result.events.push_back(std::move(event));
  }
  return result;
}

std::string Case::ToJson() const {
  nlohmann::ordered_json events_json = nlohmann::ordered_json::array();
  for (const Event& event : events) {
    events_json.push_back(EventToJson(event));
  }
  nlohmann::ordered_json customer = {{"id", customer_id}};
  if (!customer_name.empty()) customer["name"] = customer_name;
  const nlohmann::ordered_json document = {{"customer", customer},
                                           {"events", events_json}};
  return document.dump(2);
}

absl::StatusOr<Event> Event::FromJson(std::string_view json_text) {
  const internal::JsonReader reader("event");
  RELANCE_ASSIGN_OR_RETURN(internal::Json document, reader.Parse(json_text));
  RELANCE_ASSIGN_OR_RETURN(Event event, ReadEvent(reader, document, ""));
  RELANCE_RETURN_IF_ERROR(event.Validate("event"));
  return event;
}

std::string Event::ToJson() const {
  // Text from files is not trusted to be UTF-8: replace rather than throw.
  return EventToJson(*this).dump(
      -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace relance
