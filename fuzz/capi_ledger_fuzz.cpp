// Fuzzes the C ABI's ledger entry points that read a user's text
// (relance.h, "The ledger"), through librelance_c as a C host calls them, on
// a fresh in-memory ledger per input (":memory:") holding a small base: two
// customers (C-FR in FR, C-GB in GB), one unpaid invoice each, due
// 2026-03-03. The first byte picks what the rest of the input is:
//   bits 0-2: 0..3 a file imported (customers.csv, invoices.csv,
//             payments.csv, events.jsonl); 4 an event recorded
//             (relance_ledger_record_event); 5 the run's policy; 6 the GB
//             customers' policy (relance_ledger_run_jurisdictions, the run's
//             policy being examples/policies/standard_fr.json); 7 a
//             jurisdiction (the text's first two bytes) with the rest as its
//             policy;
//   bit 3:    imports with skip_bad; runs recorded (else dry runs);
//   bit 4:    after an import or an event, a run over the ledger as it is
//             (standard_fr.json, GB under uk_late_payment.json): the
//             fuzzed rows evaluated;
//   bit 5:    with 0..3, the text is an e-invoice file instead ("einvoice"
//             for 0 and 2, "statuses" for 1 and 3: an XML invoice, a
//             Factur-X PDF or a CDAR message).
// Properties:
//   - nothing crashes, leaks or trips a sanitizer; no exception escapes;
//   - a failure returns the code the thread's last error holds, one that bad
//     input may give (never MISUSE, INTERNAL, BUSY or DATA_LOSS), with a
//     message, and no document; and the ledger is as it was: its
//     "relance.status" document is the same, byte for byte;
//   - every document is JSON of a relance schema, version 1, of the length
//     reported;
//   - an import: "written" is "imported" > 0; without skip_bad, a file with
//     errors imports nothing; a file that wrote nothing (refused, or all its
//     rows unchanged) leaves the status document as it was; every error
//     names the file, a line >= 1 (0 for a whole e-invoice file) and says
//     what;
//   - an event recorded adds one journal entry;
//   - a dry run leaves the status as it was, a recorded one is run 1 whose
//     planned actions the status counts; a run evaluates every customer of
//     the ledger (evaluated, or named in "failed") and lists the
//     jurisdiction policies given.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "fuzz_check.hpp"
#include "nlohmann/json.hpp"
#include "relance.h"

namespace {

using Json = nlohmann::json;

constexpr char kFile[] = "fuzz.txt";
constexpr char kBy[] = "capi_ledger_fuzz";
constexpr char kAt[] = "2026-03-31T07:00:00Z";

std::string ReadExample(const char* relative) {
  std::ifstream in(std::string(RELANCE_SOURCE_DIR) + "/examples/" + relative,
                   std::ios::binary);
  const std::string text(std::istreambuf_iterator<char>(in), {});
  RELANCE_FUZZ_CHECK(!text.empty());
  return text;
}

const std::string& StandardPolicy() {
  static const std::string* const text =
      new std::string(ReadExample("policies/standard_fr.json"));
  return *text;
}

const std::string& BritishPolicy() {
  static const std::string* const text =
      new std::string(ReadExample("policies/uk_late_payment.json"));
  return *text;
}

relance_date AsOf() {
  relance_date date = 0;
  RELANCE_FUZZ_CHECK(relance_date_from_ymd(2026, 3, 31, &date) == RELANCE_OK);
  return date;
}

// A returned document: valid JSON of a relance schema, its length right.
Json Document(char* text, size_t length, const char* schema) {
  RELANCE_FUZZ_CHECK(relance_last_error_code() == RELANCE_OK);
  RELANCE_FUZZ_CHECK(relance_last_error_message()[0] == '\0');
  RELANCE_FUZZ_CHECK(text != nullptr);
  RELANCE_FUZZ_CHECK(std::strlen(text) == length);
  Json json = Json::parse(std::string_view(text, length), nullptr, false);
  relance_string_free(text);
  RELANCE_FUZZ_CHECK(!json.is_discarded() && json.is_object());
  RELANCE_FUZZ_CHECK(json.value("schema", "") == schema);
  RELANCE_FUZZ_CHECK(json.value("schema_version", 0) == 1);
  return json;
}

// A failed call: its code is the last error's, one bad input may give,
// with a message, and no document.
void CheckFailure(relance_status status, const char* out) {
  RELANCE_FUZZ_CHECK(out == nullptr);
  RELANCE_FUZZ_CHECK(status == relance_last_error_code());
  RELANCE_FUZZ_CHECK(status == RELANCE_ERROR_INVALID_ARGUMENT ||
                     status == RELANCE_ERROR_NOT_FOUND ||
                     status == RELANCE_ERROR_OUT_OF_RANGE ||
                     status == RELANCE_ERROR_FAILED_PRECONDITION);
  RELANCE_FUZZ_CHECK(std::strlen(relance_last_error_message()) > 0);
}

// The ledger's "relance.status" document, as text.
std::string Status(relance_ledger* ledger) {
  char* json = nullptr;
  size_t length = 0;
  RELANCE_FUZZ_CHECK(relance_ledger_status(ledger, &json, &length) ==
                     RELANCE_OK);
  RELANCE_FUZZ_CHECK(json != nullptr && std::strlen(json) == length);
  std::string text(json, length);
  relance_string_free(json);
  return text;
}

int64_t StatusCount(const std::string& status, const char* key) {
  const Json json = Json::parse(status);
  return json.at(key).get<int64_t>();
}

void Import(relance_ledger* ledger, const char* what, std::string_view text,
            bool skip_bad) {
  const std::string before = Status(ledger);
  char* json = nullptr;
  size_t length = 0;
  const relance_status status =
      relance_ledger_import(ledger, what, text.data(), text.size(), kFile,
                            skip_bad ? 1 : 0, kBy, kAt, &json, &length);
  if (status != RELANCE_OK) {
    CheckFailure(status, json);
    RELANCE_FUZZ_CHECK(Status(ledger) == before);
    return;
  }
  const Json document = Document(json, length, "relance.import");
  const int64_t rows = document.at("rows").get<int64_t>();
  const int64_t imported = document.at("imported").get<int64_t>();
  const int64_t unchanged = document.at("unchanged").get<int64_t>();
  const int64_t rejected = document.at("rejected").get<int64_t>();
  const Json& errors = document.at("errors");
  RELANCE_FUZZ_CHECK(document.at("what") == what);
  RELANCE_FUZZ_CHECK(document.at("file") == kFile);
  RELANCE_FUZZ_CHECK(document.at("written").get<bool>() == (imported > 0));
  RELANCE_FUZZ_CHECK(imported >= 0 && unchanged >= 0 && rejected >= 0);
  RELANCE_FUZZ_CHECK(imported + unchanged <= rows && rejected <= rows);
  if (!skip_bad && !errors.empty()) RELANCE_FUZZ_CHECK(imported == 0);
  for (const Json& error : errors) {
    RELANCE_FUZZ_CHECK(error.at("file") == kFile);
    // An e-invoice file's errors are about the whole file (line 0), a
    // status's about its position in the message (line >= 1).
    const bool einvoice = std::string_view(what) == "einvoice" ||
                          std::string_view(what) == "statuses";
    RELANCE_FUZZ_CHECK(error.at("line").get<int64_t>() >= (einvoice ? 0 : 1));
    RELANCE_FUZZ_CHECK(!error.at("message").get<std::string>().empty());
  }
  // A refused file, or one whose every row is already there, writes
  // nothing.
  if (imported == 0) RELANCE_FUZZ_CHECK(Status(ledger) == before);
}

void RecordEvent(relance_ledger* ledger, std::string_view text) {
  const std::string before = Status(ledger);
  char* json = nullptr;
  size_t length = 0;
  const relance_status status =
      relance_ledger_record_event(ledger, nullptr, text.data(), text.size(),
                                  nullptr, kBy, kAt, &json, &length);
  if (status != RELANCE_OK) {
    CheckFailure(status, json);
    RELANCE_FUZZ_CHECK(Status(ledger) == before);
    return;
  }
  Document(json, length, "relance.entry");
  RELANCE_FUZZ_CHECK(StatusCount(Status(ledger), "journal_entries") ==
                     StatusCount(before, "journal_entries") + 1);
}

// A run under `policy`, with `count` jurisdiction policies.
void Run(relance_ledger* ledger, std::string_view policy,
         const relance_jurisdiction_policy* policies, size_t count,
         bool recorded) {
  const std::string before = Status(ledger);
  char* json = nullptr;
  size_t length = 0;
  const relance_status status = relance_ledger_run_jurisdictions(
      ledger, policy.data(), policy.size(), nullptr, policies, count, AsOf(),
      recorded ? 0 : 1, kBy, kAt, &json, &length);
  if (status != RELANCE_OK) {
    CheckFailure(status, json);
    RELANCE_FUZZ_CHECK(Status(ledger) == before);
    return;
  }
  const Json document = Document(json, length, "relance.run");
  const int64_t customers = document.at("customers").get<int64_t>();
  RELANCE_FUZZ_CHECK(customers == StatusCount(before, "customers"));
  RELANCE_FUZZ_CHECK(document.at("failed").size() <=
                     static_cast<size_t>(customers));
  RELANCE_FUZZ_CHECK(document.at("jurisdiction_policies").size() == count);
  for (size_t i = 0; i < count; ++i) {
    RELANCE_FUZZ_CHECK(document.at("jurisdiction_policies")[i].at(
                           "jurisdiction") == policies[i].jurisdiction);
  }
  const std::string after = Status(ledger);
  if (!recorded) {
    RELANCE_FUZZ_CHECK(document.at("run_id").is_null());
    RELANCE_FUZZ_CHECK(after == before);
    return;
  }
  RELANCE_FUZZ_CHECK(document.at("run_id") == 1);
  RELANCE_FUZZ_CHECK(StatusCount(after, "actions_planned") ==
                     StatusCount(before, "actions_planned") +
                         document.at("actions_planned").get<int64_t>());
}

// The run over whatever the ledger holds: standard_fr.json, GB under
// uk_late_payment.json.
void StandardRun(relance_ledger* ledger) {
  const relance_jurisdiction_policy british{
      .jurisdiction = "GB",
      .policy_json = BritishPolicy().data(),
      .policy_length = BritishPolicy().size()};
  Run(ledger, StandardPolicy(), &british, 1, /*recorded=*/false);
}

// A fresh in-memory ledger with the base customers and invoices.
relance_ledger* BaseLedger() {
  static constexpr char kCustomers[] =
      "customer_id,name,segment,language,jurisdiction\n"
      "C-FR,Dupont SARL,,fr,FR\n"
      "C-GB,Smith Ltd,,en,GB\n";
  static constexpr char kInvoices[] =
      "invoice_id,customer_id,issue_date,currency,amount,due_date\n"
      "F-FR,C-FR,2026-02-01,EUR,1000.00,2026-03-03\n"
      "F-GB,C-GB,2026-02-01,GBP,1000.00,2026-03-03\n";
  relance_ledger* ledger = nullptr;
  RELANCE_FUZZ_CHECK(relance_ledger_open(":memory:", 1, &ledger) == RELANCE_OK);
  for (const auto& [what, text] :
       {std::pair{"customers", kCustomers}, std::pair{"invoices", kInvoices}}) {
    char* json = nullptr;
    RELANCE_FUZZ_CHECK(relance_ledger_import(
                           ledger, what, text, RELANCE_NUL_TERMINATED, nullptr,
                           0, kBy, kAt, &json, nullptr) == RELANCE_OK);
    relance_string_free(json);
  }
  return ledger;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const unsigned choice = data[0] & 7u;
  const bool flag = (data[0] & 8u) != 0;
  const bool then_run = (data[0] & 16u) != 0;
  const bool einvoice = (data[0] & 32u) != 0;
  const std::string_view text = relance::fuzz::AsText(data + 1, size - 1);
  relance_ledger* ledger = BaseLedger();
  static constexpr const char* kWhats[] = {"customers", "invoices", "payments",
                                           "events"};
  switch (choice) {
    case 0:
    case 1:
    case 2:
    case 3:
      Import(ledger,
             einvoice ? (choice % 2 == 0 ? "einvoice" : "statuses")
                      : kWhats[choice],
             text, flag);
      if (then_run) StandardRun(ledger);
      break;
    case 4:
      RecordEvent(ledger, text);
      if (then_run) StandardRun(ledger);
      break;
    case 5:
      Run(ledger, text, nullptr, 0, flag);
      break;
    case 6: {
      const relance_jurisdiction_policy british{.jurisdiction = "GB",
                                                .policy_json = text.data(),
                                                .policy_length = text.size()};
      Run(ledger, StandardPolicy(), &british, 1, flag);
      break;
    }
    default: {
      // The jurisdiction as the host gives it: any two bytes (a NUL ends
      // it early), then its policy.
      const std::string jurisdiction(text.substr(0, 2));
      const std::string_view policy =
          text.substr(std::min<size_t>(2, text.size()));
      const relance_jurisdiction_policy own{
          .jurisdiction = jurisdiction.c_str(),
          .policy_json = policy.data(),
          .policy_length = policy.size()};
      Run(ledger, StandardPolicy(), &own, 1, flag);
      break;
    }
  }
  relance_ledger_close(ledger);
  return 0;
}
