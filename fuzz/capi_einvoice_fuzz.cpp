// Fuzzes the C ABI's e-invoice reader, relance_einvoice_read_json (relance.h,
// "E-invoices"), through librelance_c as a C host calls it, on any bytes
// named "fuzz.xml": XML invoices, Factur-X PDFs and CDAR lifecycle messages
// all go through it (relance/einvoice_file.hpp). Seeds: the demo's files
// (examples/einvoices/).
// Properties:
//   - nothing crashes, leaks or trips a sanitizer; no exception escapes;
//   - a failure is INVALID_ARGUMENT (bad input), UNSUPPORTED (a PDF in a
//     build without PDF support) or NO_MEMORY, the code the thread's last
//     error holds, with a message that starts "fuzz.xml" and says more, and
//     no document;
//   - a success is JSON of schema relance.einvoice or
//     relance.einvoice_statuses, version 1, of the length reported, its
//     "source" the name given (a PDF's: "fuzz.xml#<attachment>");
//   - an invoice read with default terms ("30D") always has a fact (never a
//     "fact_error"), and its event, when it has one, is dated on the issue
//     date; every status of a message has a code and an effect;
//   - reading the same bytes again gives the same document, byte for byte.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "nlohmann/json.hpp"
#include "relance.h"

namespace {

using Json = nlohmann::json;

constexpr char kName[] = "fuzz.xml";

// Reads `bytes`; the document, or "" after checking the failure.
std::string Read(std::string_view bytes) {
  char* json = nullptr;
  size_t length = 0;
  const relance_status status = relance_einvoice_read_json(
      bytes.data(), bytes.size(), kName, "30D", &json, &length);
  if (status != RELANCE_OK) {
    RELANCE_FUZZ_CHECK(status == RELANCE_ERROR_INVALID_ARGUMENT ||
                       status == RELANCE_ERROR_UNSUPPORTED ||
                       status == RELANCE_ERROR_NO_MEMORY);
    RELANCE_FUZZ_CHECK(relance_last_error_code() == status);
    RELANCE_FUZZ_CHECK(json == nullptr);
    const std::string message = relance_last_error_message();
    RELANCE_FUZZ_CHECK(message.starts_with(kName));
    RELANCE_FUZZ_CHECK(message.size() > sizeof kName);
    return {};
  }
  RELANCE_FUZZ_CHECK(json != nullptr && std::strlen(json) == length);
  std::string document(json, length);
  relance_string_free(json);
  return document;
}

void CheckDocument(const std::string& text) {
  const Json document = Json::parse(text);  // throws (a finding) if invalid
  const std::string schema = document.at("schema").get<std::string>();
  RELANCE_FUZZ_CHECK(document.at("schema_version") == 1);
  const std::string source = document.at("source").get<std::string>();
  RELANCE_FUZZ_CHECK(source == kName || source.starts_with("fuzz.xml#"));
  if (schema == "relance.einvoice") {
    RELANCE_FUZZ_CHECK(document.at("fact_error").is_null());
    const Json& fact = document.at("fact");
    RELANCE_FUZZ_CHECK(fact.is_object());
    if (!fact.at("event").is_null()) {
      const std::string kind = fact.at("kind").get<std::string>();
      RELANCE_FUZZ_CHECK(kind == "invoice_issued" || kind == "credit_note");
      RELANCE_FUZZ_CHECK(fact.at("event").at("date") ==
                         document.at("issue_date"));
    }
    return;
  }
  RELANCE_FUZZ_CHECK(schema == "relance.einvoice_statuses");
  RELANCE_FUZZ_CHECK(!document.at("statuses").empty());
  for (const Json& status : document.at("statuses")) {
    RELANCE_FUZZ_CHECK(status.at("code").is_number_integer());
    RELANCE_FUZZ_CHECK(status.at("effect").is_string());
    RELANCE_FUZZ_CHECK(status.at("fact").is_null() !=
                       status.at("fact_error").is_null());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = relance::fuzz::AsText(data, size);
  const std::string first = Read(bytes);
  if (first.empty()) return 0;
  CheckDocument(first);
  RELANCE_FUZZ_CHECK(Read(bytes) == first);
  return 0;
}
