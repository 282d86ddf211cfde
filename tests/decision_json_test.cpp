#include "relance/decision_json.hpp"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::D;
using ::relance::testing::IsOk;
using ::relance::testing::ReadExampleFile;
using ::testing::ElementsAreArray;
using Json = nlohmann::ordered_json;

std::vector<std::string> KeysOf(const Json& object) {
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) {
    keys.push_back(it.key());
  }
  return keys;
}

Policy ExamplePolicy(std::string_view file) {
  absl::StatusOr<Policy> policy = Policy::FromJson(
      ReadExampleFile(absl::StrCat("policies/", std::string(file))));
  EXPECT_THAT(policy, IsOk()) << file;
  return *policy;
}
Case ExampleCase(std::string_view file) {
  absl::StatusOr<Case> c = Case::FromJson(
      ReadExampleFile(absl::StrCat("cases/", std::string(file))));
  EXPECT_THAT(c, IsOk()) << file;
  return *c;
}

// The key orders documented in docs/json.md ("decision").
const std::vector<std::string> kDecisionKeys = {"schema",
                                                "schema_version",
                                                "policy",
                                                "policy_version",
                                                "customer",
                                                "as_of",
                                                "ladder",
                                                "segment",
                                                "next_review",
                                                "account_blocked_since",
                                                "penalties_unavailable",
                                                "total_due",
                                                "actions",
                                                "invoices",
                                                "notes"};
const std::vector<std::string> kCommunicationKeys = {
    "level",       "level_number",     "channel",  "template",
    "task",        "block_account",    "invoices", "invoice_levels",
    "outstanding", "penalties",        "fees",     "fees_charged",
    "total_due",   "payment_deadline", "statement"};
const std::vector<std::string> kInvoiceKeys = {
    "invoice",          "state",          "issue_date",
    "due_date",         "amount",         "outstanding",
    "disputed",         "days_late",      "last_level",
    "last_action_date", "next_level",     "next_level_date",
    "action_level",     "penalty_status", "interest",
    "compensation",     "fees_charged",   "claim",
    "total_due",        "unapplied",      "reason"};

TEST(DecisionJson, DocumentKeysInTheDocumentedOrder) {
  // Dupont on 2026-03-05 (tests/cli_test.sh "evaluate"): F-1001 is due
  // 2026-02-28 ("30 jours fin de mois" from 2026-01-05), 5 days late,
  // reminder1 (offset +1) is due; F-1007 was paid on 2026-03-02.
  absl::StatusOr<Decision> decision =
      Evaluate(ExamplePolicy("standard_fr.json"),
               ExampleCase("dupont_ladder.json"), D(2026, 3, 5));
  ASSERT_THAT(decision, IsOk());
  const Json json = Json::parse(DecisionToJson(*decision));
  EXPECT_THAT(KeysOf(json), ElementsAreArray(kDecisionKeys));
  EXPECT_EQ(json["schema"], "relance.decision");
  EXPECT_EQ(json["schema_version"], 1);
  EXPECT_EQ(json["customer"], "C-042");
  EXPECT_EQ(json["as_of"], "2026-03-05");
  EXPECT_TRUE(json["segment"].is_null());
  EXPECT_TRUE(json["account_blocked_since"].is_null());
  EXPECT_EQ(json["penalties_unavailable"], false);
  ASSERT_EQ(json["actions"].size(), 1u);
  const Json& action = json["actions"][0];
  EXPECT_THAT(KeysOf(action), ElementsAreArray(kCommunicationKeys));
  EXPECT_EQ(action["level"], "reminder1");
  EXPECT_EQ(action["invoices"], Json::array({"F-1001"}));
  EXPECT_EQ(action["outstanding"], Json::array({"1200.00 EUR"}));
  // The communication alone, on one line, is the same object.
  const std::string one_line = CommunicationToJson(decision->actions[0]);
  EXPECT_EQ(one_line.find('\n'), std::string::npos);
  EXPECT_EQ(Json::parse(one_line), action);
  ASSERT_EQ(json["invoices"].size(), 2u);
  const Json& open = json["invoices"][0];
  EXPECT_THAT(KeysOf(open), ElementsAreArray(kInvoiceKeys));
  EXPECT_EQ(open["invoice"], "F-1001");
  EXPECT_EQ(open["due_date"], "2026-02-28");
  EXPECT_EQ(open["days_late"], 5);
  EXPECT_EQ(open["amount"], "1200.00 EUR");
  const Json& reason = open["reason"];
  EXPECT_THAT(KeysOf(reason),
              ElementsAreArray(std::vector<std::string>{
                  "code", "level", "level_number", "days", "text"}));
  EXPECT_EQ(reason["code"], "level_due");
  EXPECT_EQ(reason["days"], 5);
  // The paid invoice: no level awaited, its fields null.
  const Json& paid = json["invoices"][1];
  EXPECT_EQ(paid["state"], "paid");
  EXPECT_TRUE(paid["next_level"].is_null());
  EXPECT_TRUE(paid["next_level_date"].is_null());
  EXPECT_TRUE(paid["action_level"].is_null());
  // The ladder note comes first.
  EXPECT_EQ(json["notes"][0]["code"], "ladder_chosen");
  EXPECT_TRUE(json["notes"][0]["segment"].is_null());
}

TEST(DecisionJson, AbsentValuesAreNull) {
  Decision decision{.policy_id = "p",
                    .policy_version = 1,
                    .customer = "C",
                    .as_of = D(2026, 1, 1)};
  decision.actions.push_back({.level = "r", .level_number = 1});
  const Json json = Json::parse(DecisionToJson(decision));
  EXPECT_TRUE(json["next_review"].is_null());
  EXPECT_TRUE(json["segment"].is_null());
  EXPECT_TRUE(json["actions"][0]["template"].is_null());
  EXPECT_TRUE(json["actions"][0]["payment_deadline"].is_null());
  EXPECT_EQ(json["actions"][0]["statement"], Json::array());
  EXPECT_EQ(json["total_due"], Json::array());
}

TEST(DecisionJson, ReasonWritesExactlyItsFields) {
  const Json gap = Json::parse(ReasonToJson({.code = ReasonCode::kWaitingForGap,
                                             .level = "call",
                                             .level_number = 3,
                                             .date = D(2026, 3, 1),
                                             .next_date = D(2026, 3, 6),
                                             .days = 5}));
  EXPECT_THAT(KeysOf(gap), ElementsAreArray(std::vector<std::string>{
                               "code", "level", "level_number", "date",
                               "next_date", "days", "text"}));
  EXPECT_EQ(gap["level_number"], 3);
  // level_number is not a field of not_yet_due: not written.
  const Json not_due = Json::parse(ReasonToJson({.code = ReasonCode::kNotYetDue,
                                                 .level = "reminder1",
                                                 .level_number = 1,
                                                 .date = D(2026, 3, 1),
                                                 .next_date = D(2026, 3, 6)}));
  EXPECT_THAT(KeysOf(not_due),
              ElementsAreArray(std::vector<std::string>{"code", "level", "date",
                                                        "next_date", "text"}));
  EXPECT_EQ(gap["next_date"], "2026-03-06");
  const Json promise = Json::parse(ReasonToJson(
      {.code = ReasonCode::kPausedByPromise, .date = D(2026, 3, 20)}));
  EXPECT_TRUE(promise["amount"].is_null());
  const Json minimum =
      Json::parse(ReasonToJson({.code = ReasonCode::kBelowInvoiceMinimum,
                                .level = "r",
                                .amount = *Money::Parse("9.00 EUR"),
                                .threshold = *Money::Parse("15.00 EUR")}));
  EXPECT_EQ(minimum["amount"], "9.00 EUR");
  EXPECT_EQ(minimum["threshold"], "15.00 EUR");
}

TEST(DecisionJson, Forecast) {
  absl::StatusOr<DunningForecast> forecast = Forecast(
      ExamplePolicy("standard_fr.json"), ExampleCase("dupont_ladder.json"),
      D(2026, 3, 5), D(2026, 6, 30));
  ASSERT_THAT(forecast, IsOk());
  const Json json = Json::parse(ForecastToJson(*forecast));
  EXPECT_THAT(KeysOf(json),
              ElementsAreArray(std::vector<std::string>{
                  "schema", "schema_version", "policy", "policy_version",
                  "customer", "from", "to", "items"}));
  EXPECT_EQ(json["schema"], "relance.forecast");
  EXPECT_EQ(json["from"], "2026-03-05");
  EXPECT_EQ(json["to"], "2026-06-30");
  ASSERT_FALSE(json["items"].empty());
  const Json& first = json["items"][0];
  EXPECT_THAT(KeysOf(first),
              ElementsAreArray(std::vector<std::string>{"date", "action"}));
  EXPECT_EQ(first["date"], "2026-03-05");
  EXPECT_EQ(first["action"]["level"], "reminder1");
  EXPECT_THAT(KeysOf(first["action"]), ElementsAreArray(kCommunicationKeys));
}

TEST(DecisionJson, ShippedExamplesEvaluate) {
  // The cases are written for standard_fr.json: every one evaluates under
  // it, and under the other policies except where a case records a level or
  // assigns a segment those policies do not have (refused, never guessed).
  struct Pair {
    const char* policy;
    const char* case_file;
    absl::StatusCode expected;
  };
  constexpr absl::StatusCode kOk = absl::StatusCode::kOk;
  const Pair kPairs[] = {
      {"standard_fr.json", "dupont_ladder.json", kOk},
      {"standard_fr.json", "martin_dispute.json", kOk},
      {"standard_fr.json", "bernard_broken_promise.json", kOk},
      {"gentle_reliable.json", "martin_dispute.json", kOk},
      {"uk_late_payment.json", "martin_dispute.json", kOk},
      // Every example policy has a "courtesy" level, which Dupont received.
      {"gentle_reliable.json", "dupont_ladder.json", kOk},
      {"uk_late_payment.json", "dupont_ladder.json", kOk},
      // Bernard is assigned the segment "chronic" of standard_fr.
      {"gentle_reliable.json", "bernard_broken_promise.json",
       absl::StatusCode::kNotFound},
      {"uk_late_payment.json", "bernard_broken_promise.json",
       absl::StatusCode::kNotFound},
  };
  for (const Pair& pair : kPairs) {
    absl::StatusOr<Decision> decision =
        Evaluate(ExamplePolicy(pair.policy), ExampleCase(pair.case_file),
                 D(2026, 3, 31));
    EXPECT_EQ(decision.status().code(), pair.expected)
        << pair.policy << " " << pair.case_file << ": " << decision.status();
    if (decision.ok()) {
      const Json json = Json::parse(DecisionToJson(*decision));
      EXPECT_EQ(json["customer"], decision->customer);
      EXPECT_EQ(json["invoices"].size(), decision->invoices.size());
    }
  }
}

}  // namespace
}  // namespace relance
