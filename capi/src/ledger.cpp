// The C ABI's ledger (src/store/ledger.hpp): open, import, run, record,
// history, status and verify, each returning the document of
// store/ledger_json.hpp that `relance ... --json` prints. Built without the
// ledger (RELANCE_CAPI_LEDGER undefined), every entry point returns
// RELANCE_ERROR_UNSUPPORTED.
#include <string>
#include <string_view>

#include "capi_internal.hpp"

#ifdef RELANCE_CAPI_LEDGER

#include <algorithm>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "relance/event.hpp"
#include "relance/internal/quote.hpp"
#include "relance/policy.hpp"
#include "store/import_files.hpp"
#include "store/ledger.hpp"
#include "store/ledger_json.hpp"

// The ledger handle: one SQLite connection, which is not shared between
// threads at once, hence the mutex every call takes.
struct relance_ledger {
  explicit relance_ledger(relance::store::Ledger ledger)
      : value(std::move(ledger)) {}
  relance::store::Ledger value;
  std::mutex mutex;
};

namespace relance::capi {
namespace {

std::string OrEmpty(const char* text) {
  return text == nullptr ? std::string() : std::string(text);
}

store::Recording RecordingOf(const char* by, const char* at) {
  return store::Recording{.by = OrEmpty(by), .at = OrEmpty(at)};
}

// The history document of `id`, as `relance history` builds it: `kind`
// "invoice", "customer", or empty for an invoice, else a customer.
absl::StatusOr<std::string> History(const store::Ledger& ledger,
                                    std::string_view kind,
                                    const std::string& id) {
  std::string subject = "invoice";
  absl::StatusOr<std::vector<store::JournalEntry>> entries =
      absl::NotFoundError("");
  if (kind != "customer") entries = ledger.InvoiceHistory(id);
  if (kind == "customer" ||
      (kind.empty() && absl::IsNotFound(entries.status()))) {
    subject = "customer";
    entries = ledger.CustomerHistory(id);
    if (absl::IsNotFound(entries.status()) && kind.empty()) {
      return absl::NotFoundError(absl::StrCat(
          "no invoice or customer ", internal::QuoteForMessage(id),
          " in the ledger ", internal::QuoteForMessage(ledger.path())));
    }
  }
  if (!entries.ok()) return entries.status();
  std::string customer = id;
  if (subject == "invoice" && !entries->empty()) {
    customer = entries->front().customer;
  }
  absl::StatusOr<std::vector<store::PlannedAction>> actions =
      ledger.Actions(customer);
  if (!actions.ok()) return actions.status();
  if (subject == "invoice") {
    std::erase_if(*actions, [&](const store::PlannedAction& action) {
      const std::vector<std::string>& invoices = action.communication.invoices;
      return std::find(invoices.begin(), invoices.end(), id) == invoices.end();
    });
  }
  return store::HistoryToJson(subject, id, *entries, *actions);
}

// The penalty options of `options` (NULL: the defaults), read as
// relance_policy_from_json reads them; MISUSE through the last error for a
// wrong size.
// A jurisdiction's policy error, named with the jurisdiction and keeping the
// message's JSON path where relance_last_error_position finds it:
// "policy: levels[2].offset_days: ..." becomes "policy for GB
// (jurisdiction_policies[0]): levels[2].offset_days: ...".
absl::Status InJurisdiction(std::string_view jurisdiction, size_t index,
                            const absl::Status& status) {
  std::string message(status.message());
  if (message.starts_with("policy: ")) message.erase(0, 8);
  return absl::Status(
      status.code(),
      absl::StrCat("policy for ", std::string(jurisdiction),
                   " (jurisdiction_policies[", index, "]): ", message));
}

// The run of relance_ledger_run and relance_ledger_run_jurisdictions,
// `function` naming the entry point in messages.
relance_status Run(const char* function, relance_ledger* ledger,
                   const char* policy_json, size_t policy_length,
                   const relance_policy_options* policy_options,
                   const relance_jurisdiction_policy* jurisdiction_policies,
                   size_t jurisdiction_count, relance_date as_of, int dry_run,
                   const char* recorded_by, const char* recorded_at,
                   char** out_json, size_t* out_length) {
  if (out_json == nullptr) return Misuse(function, "out_json is NULL");
  *out_json = nullptr;
  if (ledger == nullptr) return Misuse(function, "ledger is NULL");
  if (policy_json == nullptr) return Misuse(function, "policy_json is NULL");
  if (jurisdiction_policies == nullptr && jurisdiction_count != 0) {
    return Misuse(function, absl::StrCat("jurisdiction_policies is NULL with "
                                         "jurisdiction_count ",
                                         jurisdiction_count));
  }
  for (size_t i = 0; i < jurisdiction_count; ++i) {
    const relance_jurisdiction_policy& own = jurisdiction_policies[i];
    if (own.jurisdiction == nullptr) {
      return Misuse(function, absl::StrCat("jurisdiction_policies[", i,
                                           "].jurisdiction is NULL"));
    }
    if (own.policy_json == nullptr) {
      return Misuse(function, absl::StrCat("jurisdiction_policies[", i,
                                           "].policy_json is NULL"));
    }
  }
  PolicyPenaltyOptions penalty_options;
  if (const relance_status read = PenaltyOptionsOf(
          function, "policy_options", policy_options, penalty_options);
      read != RELANCE_OK) {
    return read;
  }
  const std::string_view policy_text = Text(policy_json, policy_length);
  RELANCE_CAPI_ASSIGN_OR_RETURN(Policy policy,
                                Policy::FromJson(policy_text, penalty_options));
  store::RunOptions options;
  options.dry_run = dry_run != 0;
  options.jurisdiction_policies.reserve(jurisdiction_count);
  for (size_t i = 0; i < jurisdiction_count; ++i) {
    const relance_jurisdiction_policy& own = jurisdiction_policies[i];
    const std::string_view jurisdiction = own.jurisdiction;
    const std::string where = absl::StrCat(function, ": jurisdiction_policies[",
                                           i, "].jurisdiction: ");
    if (absl::Status status = store::CheckNewJurisdiction(
            options.jurisdiction_policies, jurisdiction);
        !status.ok()) {
      return Fail(RELANCE_ERROR_INVALID_ARGUMENT,
                  absl::StrCat(where, std::string(status.message())));
    }
    const std::string_view text = Text(own.policy_json, own.policy_length);
    absl::StatusOr<Policy> compiled = Policy::FromJson(text, penalty_options);
    if (!compiled.ok()) {
      return Fail(InJurisdiction(jurisdiction, i, compiled.status()));
    }
    options.jurisdiction_policies.push_back(
        {.jurisdiction = std::string(jurisdiction),
         .policy = *std::move(compiled),
         .text = std::string(text)});
  }
  RELANCE_CAPI_ASSIGN_OR_RETURN(Date date, ToDate(as_of));
  std::lock_guard<std::mutex> lock(ledger->mutex);
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      store::RunResult result,
      ledger->value.Run(policy, policy_text, date, options,
                        RecordingOf(recorded_by, recorded_at)));
  return ReturnText(store::RunResultToJson(result), out_json, out_length);
}

}  // namespace
}  // namespace relance::capi

using namespace relance::capi;  // NOLINT: the entry points below use it all

extern "C" {

relance_status relance_ledger_open(const char* path, int create,
                                   relance_ledger** out) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out);
  RELANCE_CAPI_REQUIRE(path);
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      relance::store::Ledger ledger,
      relance::store::Ledger::Open(std::string(path), create != 0));
  *out = new relance_ledger(std::move(ledger));
  return Ok();
  RELANCE_CAPI_END
}

void relance_ledger_close(relance_ledger* ledger) { delete ledger; }

relance_status relance_ledger_import(relance_ledger* ledger, const char* what,
                                     const char* text, size_t length,
                                     const char* file_name, int skip_bad,
                                     const char* recorded_by,
                                     const char* recorded_at, char** out_json,
                                     size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(ledger);
  RELANCE_CAPI_REQUIRE(what);
  RELANCE_CAPI_REQUIRE(text);
  const std::string_view kind = what;
  const std::string file =
      file_name != nullptr ? std::string(file_name) : std::string(kind);
  std::lock_guard<std::mutex> lock(ledger->mutex);
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      relance::store::ImportResult result,
      relance::store::ImportFileText(
          ledger->value, kind, Text(text, length), file,
          relance::store::EInvoiceImportOptions{.skip_bad = skip_bad != 0},
          RecordingOf(recorded_by, recorded_at)));
  return ReturnText(relance::store::ImportResultToJson(result, kind, file),
                    out_json, out_length);
  RELANCE_CAPI_END
}

relance_status relance_ledger_import_einvoice(
    relance_ledger* ledger, const char* what, const char* bytes, size_t length,
    const char* file_name, const char* customer, const char* default_terms,
    int skip_bad, const char* recorded_by, const char* recorded_at,
    char** out_json, size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(ledger);
  RELANCE_CAPI_REQUIRE(what);
  RELANCE_CAPI_REQUIRE(bytes);
  const std::string_view kind = what;
  if (kind != "einvoice" && kind != "statuses") {
    return Fail(RELANCE_ERROR_INVALID_ARGUMENT,
                absl::StrCat("relance_ledger_import_einvoice: what: expected "
                             "\"einvoice\" or \"statuses\", got ",
                             relance::internal::QuoteForMessage(kind)));
  }
  const std::string file =
      file_name != nullptr ? std::string(file_name) : std::string(kind);
  const relance::store::EInvoiceImportOptions options{
      .skip_bad = skip_bad != 0,
      .customer = OrEmpty(customer),
      .default_terms = OrEmpty(default_terms)};
  std::lock_guard<std::mutex> lock(ledger->mutex);
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      relance::store::ImportResult result,
      relance::store::ImportFileText(ledger->value, kind, Text(bytes, length),
                                     file, options,
                                     RecordingOf(recorded_by, recorded_at)));
  return ReturnText(relance::store::ImportResultToJson(result, kind, file),
                    out_json, out_length);
  RELANCE_CAPI_END
}

relance_status relance_ledger_cashed_status(relance_ledger* ledger,
                                            const char* payment_id,
                                            char** out_xml,
                                            size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_xml);
  RELANCE_CAPI_REQUIRE(ledger);
  RELANCE_CAPI_REQUIRE(payment_id);
  std::lock_guard<std::mutex> lock(ledger->mutex);
  RELANCE_CAPI_ASSIGN_OR_RETURN(const std::string xml,
                                ledger->value.CashedStatus(payment_id));
  return ReturnText(xml, out_xml, out_length);
  RELANCE_CAPI_END
}

relance_status relance_ledger_run(relance_ledger* ledger,
                                  const char* policy_json, size_t policy_length,
                                  const relance_policy_options* policy_options,
                                  relance_date as_of, int dry_run,
                                  const char* recorded_by,
                                  const char* recorded_at, char** out_json,
                                  size_t* out_length) {
  RELANCE_CAPI_BEGIN
  return Run(__func__, ledger, policy_json, policy_length, policy_options,
             nullptr, 0, as_of, dry_run, recorded_by, recorded_at, out_json,
             out_length);
  RELANCE_CAPI_END
}

relance_status relance_ledger_run_jurisdictions(
    relance_ledger* ledger, const char* policy_json, size_t policy_length,
    const relance_policy_options* policy_options,
    const relance_jurisdiction_policy* jurisdiction_policies,
    size_t jurisdiction_count, relance_date as_of, int dry_run,
    const char* recorded_by, const char* recorded_at, char** out_json,
    size_t* out_length) {
  RELANCE_CAPI_BEGIN
  return Run(__func__, ledger, policy_json, policy_length, policy_options,
             jurisdiction_policies, jurisdiction_count, as_of, dry_run,
             recorded_by, recorded_at, out_json, out_length);
  RELANCE_CAPI_END
}

relance_status relance_ledger_record_sent(relance_ledger* ledger,
                                          int64_t action_id,
                                          const relance_date* date,
                                          const char* recorded_by,
                                          const char* recorded_at,
                                          char** out_json, size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(ledger);
  std::optional<relance::Date> sent;
  if (date != nullptr) {
    RELANCE_CAPI_ASSIGN_OR_RETURN(sent, ToDate(*date));
  }
  std::lock_guard<std::mutex> lock(ledger->mutex);
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      relance::store::PlannedAction action,
      ledger->value.RecordSent(action_id, sent,
                               RecordingOf(recorded_by, recorded_at)));
  return ReturnText(relance::store::PlannedActionToJson(action), out_json,
                    out_length);
  RELANCE_CAPI_END
}

relance_status relance_ledger_record_event(
    relance_ledger* ledger, const char* customer, const char* event_json,
    size_t event_length, const char* id, const char* recorded_by,
    const char* recorded_at, char** out_json, size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(ledger);
  RELANCE_CAPI_REQUIRE(event_json);
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      relance::Event event,
      relance::Event::FromJson(Text(event_json, event_length)));
  std::lock_guard<std::mutex> lock(ledger->mutex);
  RELANCE_CAPI_ASSIGN_OR_RETURN(
      relance::store::JournalEntry entry,
      ledger->value.RecordEvent(OrEmpty(customer), event, OrEmpty(id),
                                RecordingOf(recorded_by, recorded_at)));
  return ReturnText(relance::store::JournalEntryToJson(entry), out_json,
                    out_length);
  RELANCE_CAPI_END
}

relance_status relance_ledger_history(relance_ledger* ledger, const char* kind,
                                      const char* id, char** out_json,
                                      size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(ledger);
  RELANCE_CAPI_REQUIRE(id);
  const std::string_view subject = kind == nullptr ? "" : kind;
  if (kind != nullptr && subject != "invoice" && subject != "customer") {
    return Fail(RELANCE_ERROR_INVALID_ARGUMENT,
                absl::StrCat("relance_ledger_history: kind: expected "
                             "\"invoice\", \"customer\" or NULL, got ",
                             relance::internal::QuoteForMessage(subject)));
  }
  std::lock_guard<std::mutex> lock(ledger->mutex);
  RELANCE_CAPI_ASSIGN_OR_RETURN(std::string document,
                                History(ledger->value, subject, id));
  return ReturnText(document, out_json, out_length);
  RELANCE_CAPI_END
}

relance_status relance_ledger_status(relance_ledger* ledger, char** out_json,
                                     size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(ledger);
  std::lock_guard<std::mutex> lock(ledger->mutex);
  RELANCE_CAPI_ASSIGN_OR_RETURN(relance::store::LedgerStatus status,
                                ledger->value.Status());
  return ReturnText(relance::store::StatusToJson(status), out_json, out_length);
  RELANCE_CAPI_END
}

relance_status relance_ledger_verify(relance_ledger* ledger, char** out_json,
                                     size_t* out_length) {
  RELANCE_CAPI_BEGIN
  RELANCE_CAPI_REQUIRE_OUT(out_json);
  RELANCE_CAPI_REQUIRE(ledger);
  std::lock_guard<std::mutex> lock(ledger->mutex);
  RELANCE_CAPI_ASSIGN_OR_RETURN(relance::store::VerifyResult result,
                                ledger->value.Verify());
  return ReturnText(relance::store::VerifyResultToJson(result), out_json,
                    out_length);
  RELANCE_CAPI_END
}

}  // extern "C"

#else  // !RELANCE_CAPI_LEDGER

struct relance_ledger {};

namespace {

relance_status Unsupported(const char* function) {
  return relance::capi::Fail(
      RELANCE_ERROR_UNSUPPORTED,
      std::string(function) +
          ": this librelance_c was built without the ledger "
          "(RELANCE_BUILD_LEDGER=OFF)");
}

}  // namespace

extern "C" {

relance_status relance_ledger_open(const char* /*path*/, int /*create*/,
                                   relance_ledger** out) {
  if (out != nullptr) *out = nullptr;
  return Unsupported(__func__);
}

void relance_ledger_close(relance_ledger* ledger) { delete ledger; }

relance_status relance_ledger_import(relance_ledger*, const char*, const char*,
                                     size_t, const char*, int, const char*,
                                     const char*, char**, size_t*) {
  return Unsupported(__func__);
}

relance_status relance_ledger_import_einvoice(relance_ledger*, const char*,
                                              const char*, size_t, const char*,
                                              const char*, const char*, int,
                                              const char*, const char*, char**,
                                              size_t*) {
  return Unsupported(__func__);
}

relance_status relance_ledger_cashed_status(relance_ledger*, const char*,
                                            char**, size_t*) {
  return Unsupported(__func__);
}

relance_status relance_ledger_run(relance_ledger*, const char*, size_t,
                                  const relance_policy_options*, relance_date,
                                  int, const char*, const char*, char**,
                                  size_t*) {
  return Unsupported(__func__);
}

relance_status relance_ledger_run_jurisdictions(
    relance_ledger*, const char*, size_t, const relance_policy_options*,
    const relance_jurisdiction_policy*, size_t, relance_date, int, const char*,
    const char*, char**, size_t*) {
  return Unsupported(__func__);
}

relance_status relance_ledger_record_sent(relance_ledger*, int64_t,
                                          const relance_date*, const char*,
                                          const char*, char**, size_t*) {
  return Unsupported(__func__);
}

relance_status relance_ledger_record_event(relance_ledger*, const char*,
                                           const char*, size_t, const char*,
                                           const char*, const char*, char**,
                                           size_t*) {
  return Unsupported(__func__);
}

relance_status relance_ledger_history(relance_ledger*, const char*, const char*,
                                      char**, size_t*) {
  return Unsupported(__func__);
}

relance_status relance_ledger_status(relance_ledger*, char**, size_t*) {
  return Unsupported(__func__);
}

relance_status relance_ledger_verify(relance_ledger*, char**, size_t*) {
  return Unsupported(__func__);
}

}  // extern "C"

#endif  // RELANCE_CAPI_LEDGER
