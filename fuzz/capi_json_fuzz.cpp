// Fuzzes the C ABI's JSON and text entry points (relance.h) through
// librelance_c, as a host written in C calls them. The first byte picks the
// entry point; the rest is the document. Properties:
//   - nothing crashes, leaks or trips a sanitizer, and no exception escapes
//     (an escaping one would terminate the process);
//   - a failure returns the code the thread's last error holds, one of the
//     codes bad input may give (never MISUSE, INTERNAL or an unknown one),
//     with a non-empty message; an out handle stays NULL;
//   - a success clears the last error, and every document returned is valid
//     JSON of a relance schema ("schema": "relance.<type>", version 1) whose
//     length is the one reported;
//   - evaluating a case in one call (relance_evaluate_json) gives the same
//     document as compiling it, evaluating and serialising in steps;
//   - letters and dossiers (relance_letters_json, relance_dossier_json,
//     relance_dossier_html) with the input as the letterhead, or as the
//     language: a failure as above; a success is a relance.letters or
//     relance.dossier document, or an HTML page, of the length reported.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "nlohmann/json.hpp"
#include "relance.h"

namespace {

std::string ReadExample(const char* relative) {
  std::ifstream in(std::string(RELANCE_SOURCE_DIR) + "/examples/" + relative,
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const relance_policy* StandardPolicy() {
  static const relance_policy* const policy = [] {
    const std::string json = ReadExample("policies/standard_fr.json");
    relance_policy* result = nullptr;
    RELANCE_FUZZ_CHECK(relance_policy_from_json(json.data(), json.size(),
                                                nullptr,
                                                &result) == RELANCE_OK);
    return result;
  }();
  return policy;
}

// examples/cases/dupont_ladder.json, compiled.
const relance_case* DupontCase() {
  static const relance_case* const c = [] {
    const std::string json = ReadExample("cases/dupont_ladder.json");
    relance_case* result = nullptr;
    RELANCE_FUZZ_CHECK(relance_case_from_json(json.data(), json.size(), nullptr,
                                              &result) == RELANCE_OK);
    return result;
  }();
  return c;
}

// Its decision under StandardPolicy() on 2026-03-05.
const relance_decision* DupontDecision() {
  static const relance_decision* const decision = [] {
    relance_decision* result = nullptr;
    RELANCE_FUZZ_CHECK(relance_evaluate(StandardPolicy(), DupontCase(), 20517,
                                        &result) == RELANCE_OK);
    return result;
  }();
  return decision;
}

constexpr char kLetterhead[] =
    R"({"creditor": {"name": "Atelier Martin SARL"}})";

// A failed call: the properties of its last error.
void CheckFailure(relance_status status) {
  RELANCE_FUZZ_CHECK(status == relance_last_error_code());
  RELANCE_FUZZ_CHECK(status == RELANCE_ERROR_INVALID_ARGUMENT ||
                     status == RELANCE_ERROR_NOT_FOUND ||
                     status == RELANCE_ERROR_OUT_OF_RANGE ||
                     status == RELANCE_ERROR_FAILED_PRECONDITION);
  RELANCE_FUZZ_CHECK(std::strlen(relance_last_error_message()) > 0);
}

void CheckSuccess() {
  RELANCE_FUZZ_CHECK(relance_last_error_code() == RELANCE_OK);
  RELANCE_FUZZ_CHECK(relance_last_error_message()[0] == '\0');
}

// A returned document: valid JSON of a relance schema, its length right.
// Returns it as text and frees it.
std::string CheckDocument(char* text, size_t length) {
  RELANCE_FUZZ_CHECK(text != nullptr);
  RELANCE_FUZZ_CHECK(std::strlen(text) == length);
  const std::string document(text, length);
  relance_string_free(text);
  const auto json = nlohmann::json::parse(document, nullptr, false);
  RELANCE_FUZZ_CHECK(!json.is_discarded() && json.is_object());
  RELANCE_FUZZ_CHECK(json.contains("schema") && json["schema"].is_string());
  RELANCE_FUZZ_CHECK(json["schema"].get<std::string>().starts_with("relance."));
  RELANCE_FUZZ_CHECK(json["schema_version"] == 1);
  return document;
}

// The outcome of a call that makes a handle (before any other call).
// `handle` is taken by reference: it is read after the call has run, which
// the order of evaluation of the arguments does not promise for a copy
// (GCC evaluates them right to left).
template <typename Handle>
void CheckMade(relance_status status, Handle* const& handle) {
  if (status == RELANCE_OK) {
    CheckSuccess();
    RELANCE_FUZZ_CHECK(handle != nullptr);
  } else {
    CheckFailure(status);
    RELANCE_FUZZ_CHECK(handle == nullptr);
  }
}

// The outcome of a call that returns text: on success, a document of
// `schema` (or, for "", an HTML page) of the length reported; on failure, a
// bad-input error and no text. `text` and `length` by reference, as in
// CheckMade.
void CheckText(relance_status status, char* const& text, const size_t& length,
               std::string_view schema) {
  if (status != RELANCE_OK) {
    CheckFailure(status);
    RELANCE_FUZZ_CHECK(text == nullptr);
    return;
  }
  CheckSuccess();
  if (schema.empty()) {
    RELANCE_FUZZ_CHECK(text != nullptr && std::strlen(text) == length);
    RELANCE_FUZZ_CHECK(
        std::string_view(text, length).starts_with("<!DOCTYPE html>"));
    relance_string_free(text);
    return;
  }
  const std::string document = CheckDocument(text, length);
  RELANCE_FUZZ_CHECK(
      nlohmann::json::parse(document)["schema"].get<std::string>() == schema);
}

// Letters and dossiers with `letterhead` (its bytes, any) in `language`
// (NUL-terminated, or nullptr for the letterhead's).
void FuzzLetters(std::string_view letterhead, const char* language) {
  char* text = nullptr;
  size_t length = 0;
  CheckText(
      relance_letters_json(StandardPolicy(), DupontCase(), DupontDecision(),
                           letterhead.data(), letterhead.size(), language,
                           nullptr, &text, &length),
      text, length, "relance.letters");
  text = nullptr;
  if (language == nullptr) {
    CheckText(relance_dossier_json(StandardPolicy(), DupontCase(), 20517,
                                   letterhead.data(), letterhead.size(),
                                   nullptr, &text, &length),
              text, length, "relance.dossier");
    text = nullptr;
  }
  CheckText(relance_dossier_html(StandardPolicy(), DupontCase(), 20517,
                                 letterhead.data(), letterhead.size(), nullptr,
                                 language, &text, &length),
            text, length, "");
}

void FuzzCase(std::string_view text) {
  relance_case* c = nullptr;
  const relance_status status =
      relance_case_from_json(text.data(), text.size(), nullptr, &c);
  if (status != RELANCE_OK) {
    CheckFailure(status);
    RELANCE_FUZZ_CHECK(c == nullptr);
  }
  char* one_call = nullptr;
  size_t one_call_length = 0;
  const relance_status evaluated =
      relance_evaluate_json(StandardPolicy(), text.data(), text.size(),
                            /*2026-03-05*/ 20517, &one_call, &one_call_length);
  if (c == nullptr) {
    // The one-call form refuses what compiling refused.
    RELANCE_FUZZ_CHECK(evaluated != RELANCE_OK);
    CheckFailure(evaluated);
    return;
  }
  relance_decision* decision = nullptr;
  const relance_status stepped =
      relance_evaluate(StandardPolicy(), c, 20517, &decision);
  RELANCE_FUZZ_CHECK((stepped == RELANCE_OK) == (evaluated == RELANCE_OK));
  if (stepped == RELANCE_OK) {
    char* json = nullptr;
    size_t length = 0;
    RELANCE_FUZZ_CHECK(relance_decision_to_json(decision, &json, &length) ==
                       RELANCE_OK);
    const std::string steps = CheckDocument(json, length);
    RELANCE_FUZZ_CHECK(steps == CheckDocument(one_call, one_call_length));
    char* forecast = nullptr;
    const relance_status forecasted = relance_forecast_after_json(
        StandardPolicy(), c, decision, 20517 + 60, &forecast, &length);
    if (forecasted == RELANCE_OK) {
      CheckDocument(forecast, length);
    } else {
      CheckFailure(forecasted);
    }
  } else {
    CheckFailure(stepped);
  }
  relance_decision_free(decision);
  relance_case_free(c);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0] % 10;
  const std::string_view text = relance::fuzz::AsText(data + 1, size - 1);
  switch (selector) {
    case 0: {
      relance_calendar* calendar = nullptr;
      CheckMade(relance_calendar_from_json(text.data(), text.size(), &calendar),
                calendar);
      relance_calendar_free(calendar);
      break;
    }
    case 1:
    case 2: {
      relance_terms* terms = nullptr;
      const relance_status status =
          selector == 1
              ? relance_terms_from_json(text.data(), text.size(), nullptr,
                                        &terms)
              : relance_terms_parse(text.data(), text.size(), nullptr, &terms);
      CheckMade(status, terms);
      if (status == RELANCE_OK) {
        relance_money total = {100000, "EUR"};
        char* json = nullptr;
        size_t length = 0;
        const relance_status scheduled = relance_terms_schedule_json(
            terms, /*2026-01-31*/ 20484, &total, nullptr, &json, &length);
        if (scheduled == RELANCE_OK) {
          CheckDocument(json, length);
        } else {
          CheckFailure(scheduled);
        }
      }
      relance_terms_free(terms);
      break;
    }
    case 3: {
      relance_penalty_rule* rule = nullptr;
      const relance_status status = relance_penalty_rule_from_json(
          text.data(), text.size(), nullptr, &rule);
      CheckMade(status, rule);
      if (status == RELANCE_OK) {
        relance_invoice_facts facts;
        relance_invoice_facts_init(&facts);
        facts.amount = {1500000, "EUR"};
        facts.due_date = 20000;
        char* json = nullptr;
        size_t length = 0;
        const relance_status assessed =
            relance_assess_json(rule, &facts, 20100, &json, &length);
        if (assessed == RELANCE_OK) {
          CheckDocument(json, length);
        } else {
          CheckFailure(assessed);
        }
      }
      relance_penalty_rule_free(rule);
      break;
    }
    case 4: {
      relance_rate_series* series = nullptr;
      CheckMade(
          relance_rate_series_from_json(text.data(), text.size(), &series),
          series);
      relance_rate_series_free(series);
      break;
    }
    case 5: {
      relance_policy* policy = nullptr;
      CheckMade(
          relance_policy_from_json(text.data(), text.size(), nullptr, &policy),
          policy);
      relance_policy_free(policy);
      break;
    }
    case 6:
      FuzzCase(text);
      break;
    case 7: {
      relance_money money;
      relance_date date = 0;
      const relance_status parsed =
          relance_money_parse(text.data(), text.size(), &money);
      if (parsed == RELANCE_OK) {
        CheckSuccess();
        char buffer[RELANCE_MONEY_TEXT_SIZE];
        RELANCE_FUZZ_CHECK(
            relance_money_format(&money, buffer, sizeof buffer) == RELANCE_OK);
        relance_money again;
        RELANCE_FUZZ_CHECK(relance_money_parse(buffer, RELANCE_NUL_TERMINATED,
                                               &again) == RELANCE_OK);
        RELANCE_FUZZ_CHECK(again.minor_units == money.minor_units &&
                           std::strcmp(again.currency, money.currency) == 0);
      } else {
        CheckFailure(parsed);
      }
      const relance_status dated =
          relance_date_parse(text.data(), text.size(), &date);
      if (dated != RELANCE_OK) CheckFailure(dated);
      break;
    }
    case 8:
      FuzzLetters(text, nullptr);
      break;
    case 9: {
      // The language, up to its first NUL.
      const std::string language(text.substr(0, text.find('\0')));
      FuzzLetters(kLetterhead, language.c_str());
      break;
    }
  }
  return 0;
}
