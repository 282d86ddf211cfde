// Several threads share compiled handles of the C ABI (relance.h: "any
// number of threads may use one handle at the same time"): each thread
// evaluates, renders the decision's letters and the case's dossier (JSON and
// HTML), assesses, schedules and runs a portfolio (itself on 1 to 3
// threads) with the same policy, case, rule, terms and portfolio
// evaluator, and must get the documents a single thread gets; meanwhile other
// threads fail on purpose, and each sees its own last error. Run under
// AddressSanitizer (and, where built with it, ThreadSanitizer) by CTest.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "relance.h"

namespace {

std::string ReadExample(const std::string& relative) {
  std::ifstream in(std::string(RELANCE_SOURCE_DIR) + "/examples/" + relative,
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string Take(char* text) {
  std::string copy = text == nullptr ? "" : text;
  relance_string_free(text);
  return copy;
}

void Require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "capi_threads_test: %s (%s)\n", what,
                 relance_last_error_message());
    std::exit(1);
  }
}

struct Shared {
  relance_policy* policy = nullptr;
  relance_case* dupont = nullptr;
  relance_penalty_rule* rule = nullptr;
  relance_terms* terms = nullptr;
  relance_calendar* calendar = nullptr;
  relance_invoice_facts facts = {};
  relance_money total = {};
  relance_portfolio_evaluator* portfolio = nullptr;
  // A portfolio of 600 invoices as columns (no payments).
  std::vector<int64_t> issue, amount, start;
  std::vector<int32_t> terms_id, customer;
};

// portfolio-v1's policy (benchmarks/portfolio_v1_policy.json) in short.
constexpr char kPortfolioPolicy[] =
    R"({"id": "p", "version": 1, "penalties": "fr-b2b",
        "levels": [{"id": "r1", "offset_days": 1, "channel": "email"},
                   {"id": "r2", "offset_days": 15, "channel": "letter"},
                   {"id": "r3", "offset_days": 45, "channel": "legal"}]})";

// A letterhead for the letters and dossiers (no language: French).
constexpr char kLetterhead[] =
    R"({"creditor": {"name": "Atelier Martin SARL",
                     "address_lines": ["12 rue des Lilas", "69003 Lyon"]}})";

relance_date Date(const char* text) {
  relance_date date = 0;
  Require(relance_date_parse(text, RELANCE_NUL_TERMINATED, &date) == RELANCE_OK,
          "date");
  return date;
}

// The documents one round computes, concatenated.
std::string Round(const Shared& shared, int i) {
  std::string result;
  relance_decision* decision = nullptr;
  if (relance_evaluate(shared.policy, shared.dupont, Date("2026-03-05") + i % 3,
                       &decision) != RELANCE_OK) {
    return "evaluate failed";
  }
  char* text = nullptr;
  relance_decision_to_json(decision, &text, nullptr);
  result += Take(text);
  relance_action action = {};
  action.size = sizeof action;
  size_t count = 0;
  relance_decision_action_count(decision, &count);
  for (size_t a = 0; a < count; ++a) {
    if (relance_decision_action(decision, a, &action) == RELANCE_OK) {
      result += action.level;
      result += action.channel;
    }
  }
  const char* language = i % 2 == 0 ? nullptr : "en";
  if (relance_letters_json(shared.policy, shared.dupont, decision, kLetterhead,
                           RELANCE_NUL_TERMINATED, language, nullptr, &text,
                           nullptr) != RELANCE_OK) {
    relance_decision_free(decision);
    return "letters failed";
  }
  result += Take(text);
  relance_decision_free(decision);
  if (relance_dossier_json(
          shared.policy, shared.dupont, Date("2026-03-05") + i % 3, kLetterhead,
          RELANCE_NUL_TERMINATED, nullptr, &text, nullptr) != RELANCE_OK) {
    return "dossier failed";
  }
  result += Take(text);
  if (relance_dossier_html(shared.policy, shared.dupont,
                           Date("2026-03-05") + i % 3, kLetterhead,
                           RELANCE_NUL_TERMINATED, nullptr, language, &text,
                           nullptr) != RELANCE_OK) {
    return "dossier page failed";
  }
  result += Take(text);
  relance_assess_json(shared.rule, &shared.facts, Date("2025-10-30") + i % 5,
                      &text, nullptr);
  result += Take(text);
  relance_terms_schedule_json(shared.terms, Date("2026-01-31") + i % 7,
                              &shared.total, nullptr, &text, nullptr);
  result += Take(text);
  relance_date adjusted = 0;
  relance_calendar_add_business_days(shared.calendar, Date("2026-07-10"), i % 9,
                                     &adjusted);
  result += std::to_string(adjusted);
  relance_portfolio_columns columns;
  relance_portfolio_columns_init(&columns);
  const size_t n = shared.issue.size();
  columns.issue_date = shared.issue.data();
  columns.issue_date_length = n;
  columns.amount = shared.amount.data();
  columns.amount_length = n;
  columns.terms = shared.terms_id.data();
  columns.terms_length = n;
  columns.payment_start = shared.start.data();
  columns.payment_start_length = n + 1;
  columns.customer = shared.customer.data();
  columns.customer_length = n;
  columns.customer_count = 50;
  std::vector<int64_t> interest(n);
  relance_portfolio_outputs outputs;
  relance_portfolio_outputs_init(&outputs);
  outputs.interest = interest.data();
  outputs.interest_length = n;
  if (relance_portfolio_run_json(shared.portfolio, &columns, &outputs,
                                 1 + i % 3, &text, nullptr) != RELANCE_OK) {
    return "portfolio failed";
  }
  result += Take(text);
  for (int64_t value : interest) result += std::to_string(value) + ",";
  return result;
}

}  // namespace

int main() {
  Shared shared;
  const std::string policy = ReadExample("policies/standard_fr.json");
  const std::string dupont = ReadExample("cases/dupont_ladder.json");
  Require(relance_policy_from_json(policy.data(), policy.size(), nullptr,
                                   &shared.policy) == RELANCE_OK,
          "policy");
  Require(relance_case_from_json(dupont.data(), dupont.size(), nullptr,
                                 &shared.dupont) == RELANCE_OK,
          "case");
  Require(relance_penalty_rule_preset("fr-b2b", nullptr, &shared.rule) ==
              RELANCE_OK,
          "rule");
  Require(relance_calendar_builtin("FR", &shared.calendar) == RELANCE_OK,
          "calendar");
  relance_terms_options options;
  relance_terms_options_init(&options);
  options.calendar = shared.calendar;
  Require(relance_terms_parse("2/10 net 30", RELANCE_NUL_TERMINATED, &options,
                              &shared.terms) == RELANCE_OK,
          "terms");
  relance_invoice_facts_init(&shared.facts);
  Require(relance_money_parse("15000.00 EUR", RELANCE_NUL_TERMINATED,
                              &shared.facts.amount) == RELANCE_OK,
          "amount");
  shared.facts.due_date = Date("2025-09-30");
  shared.total = shared.facts.amount;
  {
    relance_policy* policy_v1 = nullptr;
    Require(relance_policy_from_json(kPortfolioPolicy, RELANCE_NUL_TERMINATED,
                                     nullptr, &policy_v1) == RELANCE_OK,
            "portfolio policy");
    const char* terms[] = {"30D", "30D+CM"};
    Require(relance_portfolio_evaluator_create(policy_v1, terms, 2, "EUR",
                                               Date("2025-12-31"), nullptr,
                                               &shared.portfolio) == RELANCE_OK,
            "portfolio evaluator");
    relance_policy_free(policy_v1);
    for (int k = 0; k < 600; ++k) {
      shared.issue.push_back(Date("2025-01-01") + (k * 7) % 360);
      shared.amount.push_back(1000 + (k * 7919) % 900000);
      shared.terms_id.push_back(k % 2);
      shared.customer.push_back(k % 50);
    }
    shared.start.assign(601, 0);
  }

  // What one thread computes, round by round.
  constexpr int kRounds = 24;
  std::vector<std::string> expected;
  for (int i = 0; i < kRounds; ++i) {
    expected.push_back(Round(shared, i));
    // A round that failed part-way would compare equal to itself.
    Require(expected.back().find("\"schema\": \"relance.letters\"") !=
                    std::string::npos &&
                expected.back().find("<!DOCTYPE html>") != std::string::npos,
            "a whole round on one thread");
  }

  constexpr int kThreads = 8;
  std::atomic<int> mismatches{0};
  std::atomic<int> wrong_errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        const int round = (i + t) % kRounds;
        if (t % 2 == 1) {
          // Fail with a message naming this thread, then check that no
          // other thread's error replaced it.
          const std::string text = "thread-" + std::to_string(t);
          relance_money money;
          relance_money_parse(text.c_str(), RELANCE_NUL_TERMINATED, &money);
          if (std::strstr(relance_last_error_message(), text.c_str()) ==
              nullptr) {
            ++wrong_errors;
          }
        }
        if (Round(shared, round) != expected[static_cast<size_t>(round)]) {
          ++mismatches;
        }
        if (relance_last_error_code() != RELANCE_OK) ++wrong_errors;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  relance_portfolio_evaluator_free(shared.portfolio);
  relance_terms_free(shared.terms);
  relance_calendar_free(shared.calendar);
  relance_penalty_rule_free(shared.rule);
  relance_case_free(shared.dupont);
  relance_policy_free(shared.policy);
  if (mismatches != 0 || wrong_errors != 0) {
    std::fprintf(stderr,
                 "capi_threads_test: %d results differ from one thread's, %d "
                 "last errors wrong\n",
                 mismatches.load(), wrong_errors.load());
    return 1;
  }
  std::printf("capi_threads_test: %d threads x %d rounds agree\n", kThreads,
              kRounds);
  return 0;
}
