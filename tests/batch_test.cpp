#include "relance/batch.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "relance/batch_json.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr Date kAsOf = MakeDate(2025, 10, 31);

int64_t D(int year, unsigned month, unsigned day) {
  return DaysSinceEpoch(MakeDate(year, month, day));
}

// The portfolio-v1 ladder (BENCHMARK.md) with French statutory penalties.
std::string PolicyText(const std::string& penalties,
                       const std::string& extra = "") {
  return R"({"id": "batch", "version": 2, "minimum_invoice_amount": "15.00 EUR",
    "min_days_between_levels": 0, "penalties": )" +
         penalties + extra + R"(, "levels": [
    {"id": "courtesy", "offset_days": -5, "channel": "email"},
    {"id": "reminder1", "offset_days": 1, "channel": "email"},
    {"id": "call", "offset_days": 8, "channel": "phone"},
    {"id": "reminder2", "offset_days": 15, "channel": "letter"},
    {"id": "notice", "offset_days": 21, "channel": "registered_letter"},
    {"id": "agency", "offset_days": 45, "channel": "agency_handoff"},
    {"id": "legal", "offset_days": 90, "channel": "legal"}]})";
}
constexpr char kPrincipalFirst[] =
    R"({"rule": {"id": "pf", "name": "pf", "base": "fr-b2b", "settlement": "principal-first"}})";

Policy MakePolicy(const std::string& penalties, const std::string& extra = "") {
  absl::StatusOr<Policy> policy =
      Policy::FromJson(PolicyText(penalties, extra));
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *policy;
}

absl::StatusOr<PortfolioEvaluator> Evaluator(const Policy& policy) {
  return PortfolioEvaluator::Create(
      policy, {*PaymentTerms::Parse("30D")},
      {.currency = *Currency::FromCode("EUR"), .as_of = kAsOf});
}

// Six invoices of three customers, all on "30D" terms.
struct Sample {
  std::vector<int64_t> issue = {D(2025, 9, 1), D(2025, 9, 1), D(2025, 10, 5),
                                D(2025, 9, 1), D(2025, 9, 1), D(2025, 9, 1)};
  std::vector<int64_t> amount = {100'000, 100'000, 200'000,
                                 100'000, 1'000,   100'000};
  std::vector<int32_t> terms = {0, 0, 0, 0, 0, 0};
  std::vector<int32_t> customer = {0, 1, 0, 2, 2, 2};
  std::vector<uint8_t> flags = {0, 0, 0, kInvoiceDisputed, 0, 0};
  // Invoice 1: 500.00 on 2025-10-16; invoice 5: paid in full on time.
  std::vector<int64_t> payment_start = {0, 0, 1, 1, 1, 1, 2};
  std::vector<int64_t> payment_date = {D(2025, 10, 16), D(2025, 9, 30)};
  std::vector<int64_t> payment_amount = {50'000, 100'000};

  PortfolioColumns Columns() const {
    return {.issue_date = issue,
            .amount = amount,
            .terms = terms,
            .customer = customer,
            .customer_count = 3,
            .flags = flags,
            .payment_start = payment_start,
            .payment_date = payment_date,
            .payment_amount = payment_amount};
  }
};

struct Outputs {
  std::vector<int64_t> due, balance, interest, compensation;
  std::vector<uint8_t> action;
  explicit Outputs(size_t n)
      : due(n), balance(n), interest(n), compensation(n), action(n) {}
  PortfolioOutputs Spans() {
    return {.due_date = due,
            .balance = balance,
            .interest = interest,
            .compensation = compensation,
            .action_level = action};
  }
};

TEST(PortfolioEvaluator, HandComputedFiguresPrincipalFirst) {
  absl::StatusOr<PortfolioEvaluator> evaluator =
      Evaluator(MakePolicy(kPrincipalFirst));
  ASSERT_TRUE(evaluator.ok()) << evaluator.status();
  Sample sample;
  Outputs out(6);
  absl::StatusOr<PortfolioTotals> totals =
      evaluator->Run(sample.Columns(), out.Spans());
  ASSERT_TRUE(totals.ok()) << totals.status();
  // Due dates: issue + 30 days.
  EXPECT_THAT(out.due,
              ElementsAre(D(2025, 10, 1), D(2025, 10, 1), D(2025, 11, 4),
                          D(2025, 10, 1), D(2025, 10, 1), D(2025, 10, 1)));
  EXPECT_THAT(out.balance,
              ElementsAre(100'000, 50'000, 200'000, 100'000, 1'000, 0));
  // Second half of 2025: ECB 2.15 % + 10 points = 12.15 % (L441-10), on
  // Actual/365, 2 .. 31 October = 30 days:
  //   0: 100,000 c x 12.15 % x 30 / 365 = 998.63 c -> 9.99 EUR;
  //   1: 15 days on 1,000.00, then 15 on 500.00 (principal first):
  //      499.315 + 249.658 = 748.97 c -> 7.49 EUR;
  //   2: not due until 2025-11-04: nothing;
  //   3: disputed, still accrues: 9.99 EUR;
  //   4: 1,000 c x 12.15 % x 30 / 365 = 9.99 c -> 0.10 EUR;
  //   5: paid in full on its due date: nothing.
  EXPECT_THAT(out.interest, ElementsAre(999, 749, 0, 999, 10, 0));
  // EUR 40 (D441-5) for every invoice not settled by its due date.
  EXPECT_THAT(out.compensation, ElementsAre(4'000, 4'000, 0, 4'000, 4'000, 0));
  // Levels: 0 and 1 are 30 days late, the courtesy is passed over: level 2
  // (reminder1); 2 gets its courtesy notice (due 2025-11-04 - 5 days =
  // 2025-10-30); 3 is disputed; 4 is below the 15.00 EUR minimum; 5 is paid.
  EXPECT_THAT(out.action, ElementsAre(2, 2, 1, 0, 0, 0));
  EXPECT_EQ(totals->invoices, 6);
  EXPECT_EQ(totals->total_balance, 451'000);
  EXPECT_EQ(totals->total_interest, 999 + 749 + 999 + 10);
  EXPECT_EQ(totals->total_compensation, 16'000);
  EXPECT_THAT(totals->actions_per_level, ElementsAre(1, 2, 0, 0, 0, 0, 0));
  // Customer 0: levels 2 and 1 -> a letter at level 2; customer 1: level 2;
  // customer 2: none.
  EXPECT_THAT(totals->letters_per_level, ElementsAre(0, 2, 0, 0, 0, 0, 0));
  EXPECT_FALSE(totals->rate_assumed_from.has_value());
}

TEST(PortfolioEvaluator, CostsFirstAsTheFrenchPreset) {
  // fr-b2b imputes a payment to costs, then interest, then principal. On
  // 2025-10-16, 15 days late: interest accrued 499.315 c -> 4.99 EUR, costs
  // 40.00 EUR; the 500.00 EUR pays 40.00 + 4.99 + 455.01 of principal, so
  // 544.99 EUR bears interest from 17 to 31 October:
  //   499.315 + 54,499 x 12.15 % x 15 / 365 = 499.315 + 272.118
  //   = 771.44 c -> 7.71 EUR (rounded once).
  absl::StatusOr<PortfolioEvaluator> evaluator =
      Evaluator(MakePolicy(R"("fr-b2b")"));
  ASSERT_TRUE(evaluator.ok()) << evaluator.status();
  Sample sample;
  Outputs out(6);
  ASSERT_TRUE(evaluator->Run(sample.Columns(), out.Spans()).ok());
  EXPECT_EQ(out.interest[1], 771);
  // The balance is what the customer still owes of the invoice: 500.00.
  EXPECT_EQ(out.balance[1], 50'000);
}

TEST(PortfolioEvaluator, ResultsDoNotDependOnThreads) {
  absl::StatusOr<PortfolioEvaluator> evaluator = Evaluator(
      MakePolicy(R"("fr-b2b")", R"(, "minimum_dunning_amount": "300.00 EUR")"));
  ASSERT_TRUE(evaluator.ok()) << evaluator.status();
  // 20,000 invoices of 700 customers, spread over the year, a third with a
  // payment (a deterministic pattern, not random: any pattern will do).
  const size_t n = 20'000;
  std::vector<int64_t> issue(n), amount(n), start(n + 1, 0), paid_on, paid;
  std::vector<int32_t> terms(n, 0), customer(n);
  std::vector<uint8_t> last(n);
  for (size_t i = 0; i < n; ++i) {
    issue[i] = D(2025, 1, 1) + static_cast<int64_t>(i * 7919 % 300);
    amount[i] = 1'000 + static_cast<int64_t>(i * 104'729 % 900'000);
    customer[i] = static_cast<int32_t>(i * 31 % 700);
    last[i] = static_cast<uint8_t>(i % 11 < 7 ? i % 11 : 0);
    if (i % 3 == 0) {
      paid_on.push_back(issue[i] + static_cast<int64_t>(i % 90));
      paid.push_back(amount[i] / (1 + static_cast<int64_t>(i % 4)));
    }
    start[i + 1] = static_cast<int64_t>(paid.size());
  }
  const PortfolioColumns columns{.issue_date = issue,
                                 .amount = amount,
                                 .terms = terms,
                                 .customer = customer,
                                 .customer_count = 700,
                                 .last_level = last,
                                 .payment_start = start,
                                 .payment_date = paid_on,
                                 .payment_amount = paid};
  Outputs one(n);
  absl::StatusOr<PortfolioTotals> reference =
      evaluator->Run(columns, one.Spans(), {.threads = 1});
  ASSERT_TRUE(reference.ok()) << reference.status();
  EXPECT_GT(reference->total_interest, 0);
  for (int threads : {2, 3, 8}) {
    Outputs many(n);
    absl::StatusOr<PortfolioTotals> totals =
        evaluator->Run(columns, many.Spans(), {.threads = threads});
    ASSERT_TRUE(totals.ok()) << totals.status();
    EXPECT_EQ(totals->total_balance, reference->total_balance) << threads;
    EXPECT_EQ(totals->total_interest, reference->total_interest) << threads;
    EXPECT_EQ(totals->total_compensation, reference->total_compensation);
    EXPECT_EQ(totals->actions_per_level, reference->actions_per_level);
    EXPECT_EQ(totals->letters_per_level, reference->letters_per_level);
    EXPECT_EQ(many.interest, one.interest);
    EXPECT_EQ(many.action, one.action);
  }
  // Without outputs, the same totals.
  absl::StatusOr<PortfolioTotals> bare =
      evaluator->Run(columns, {}, {.threads = 2});
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->actions_per_level, reference->actions_per_level);
  EXPECT_EQ(bare->letters_per_level, reference->letters_per_level);
}

TEST(PortfolioEvaluator, CustomerMinimumWithdrawsEveryActionOfTheCustomer) {
  // Minimum 1,500.00 EUR per customer. Customer 0 owes 1,000.00 (overdue)
  // + 2,000.00 (its courtesy notice is due): 3,000.00, it is dunned.
  // Customer 1 owes 500.00: below, nothing is sent.
  absl::StatusOr<PortfolioEvaluator> evaluator = Evaluator(MakePolicy(
      kPrincipalFirst, R"(, "minimum_dunning_amount": "1500.00 EUR")"));
  ASSERT_TRUE(evaluator.ok()) << evaluator.status();
  Sample sample;
  Outputs out(6);
  absl::StatusOr<PortfolioTotals> totals =
      evaluator->Run(sample.Columns(), out.Spans());
  ASSERT_TRUE(totals.ok()) << totals.status();
  EXPECT_THAT(out.action, ElementsAre(2, 0, 1, 0, 0, 0));
  EXPECT_THAT(totals->actions_per_level, ElementsAre(1, 1, 0, 0, 0, 0, 0));
  EXPECT_THAT(totals->letters_per_level, ElementsAre(0, 1, 0, 0, 0, 0, 0));
  // And it needs the customer column.
  PortfolioColumns columns = sample.Columns();
  columns.customer = {};
  EXPECT_THAT(evaluator->Run(columns),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("give the customer column")));
}

TEST(PortfolioEvaluator, GapBetweenLevelsWithTheLastLevelDate) {
  // Invoice 0 is 30 days late with reminder1 (level 2) sent on 2025-10-28:
  // the call (level 3) is due on 2025-10-09, but at least 5 days after the
  // last level: 2025-11-02, after as_of. Sent on 2025-10-20: it goes.
  absl::StatusOr<Policy> policy =
      Policy::FromJson(R"({"id": "gap", "version": 1,
    "min_days_between_levels": 5, "levels": [
      {"id": "reminder1", "offset_days": 1, "channel": "email"},
      {"id": "call", "offset_days": 8, "channel": "phone"}]})");
  ASSERT_TRUE(policy.ok()) << policy.status();
  absl::StatusOr<PortfolioEvaluator> evaluator = Evaluator(*policy);
  ASSERT_TRUE(evaluator.ok()) << evaluator.status();
  const std::vector<int64_t> issue = {D(2025, 9, 1), D(2025, 9, 1),
                                      D(2025, 9, 1)};
  const std::vector<int64_t> amount = {100'000, 100'000, 100'000};
  const std::vector<int32_t> terms = {0, 0, 0};
  const std::vector<uint8_t> last = {1, 1, 1};
  const std::vector<int64_t> last_date = {D(2025, 10, 28), D(2025, 10, 20),
                                          D(2025, 10, 31)};
  const std::vector<int64_t> start = {0, 0, 0, 0};
  std::vector<uint8_t> action(3);
  PortfolioColumns columns{.issue_date = issue,
                           .amount = amount,
                           .terms = terms,
                           .last_level = last,
                           .last_level_date = last_date,
                           .payment_start = start};
  ASSERT_TRUE(evaluator->Run(columns, {.action_level = action}).ok());
  EXPECT_THAT(action, ElementsAre(0, 2, 0));
  // Without the dates, no gap applies.
  columns.last_level_date = {};
  ASSERT_TRUE(evaluator->Run(columns, {.action_level = action}).ok());
  EXPECT_THAT(action, ElementsAre(2, 2, 2));
}

TEST(PortfolioEvaluator, BadColumnsNameTheRowAndColumn) {
  absl::StatusOr<PortfolioEvaluator> evaluator =
      Evaluator(MakePolicy(kPrincipalFirst));
  ASSERT_TRUE(evaluator.ok());
  const auto run = [&](auto&& change) {
    Sample sample;
    change(sample);
    return evaluator->Run(sample.Columns());
  };
  const auto invalid = [](const std::string& text) {
    return StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(text));
  };
  EXPECT_THAT(run([](Sample& s) { s.amount.pop_back(); }),
              invalid("column amount has 5 elements; issue_date has 6"));
  EXPECT_THAT(run([](Sample& s) { s.amount[2] = 0; }),
              invalid("invoice row 2: amount 0 is not in 1 .. 10^17"));
  EXPECT_THAT(run([](Sample& s) { s.terms[4] = 1; }),
              invalid("invoice row 4: terms 1 is not an index of the 1 terms"));
  EXPECT_THAT(run([](Sample& s) { s.customer[3] = 3; }),
              invalid("invoice row 3: customer 3 is not a code"));
  EXPECT_THAT(run([](Sample& s) { s.flags[0] = 4; }),
              invalid("invoice row 0: flags 4 has unknown bits"));
  EXPECT_THAT(
      run([](Sample& s) { s.issue[5] = D(2025, 11, 1); }),
      invalid("invoice row 5: issue_date 2025-11-01 is after the as-of"));
  // A day no date can show is named as a number (found by the fuzzer).
  EXPECT_THAT(run([](Sample& s) { s.issue[5] = 2'147'431'167; }),
              invalid("invoice row 5: issue_date day 2147431167 (since "
                      "1970-01-01) is after the as-of date 2025-10-31"));
  EXPECT_THAT(run([](Sample& s) { s.issue[0] = -800'000; }),
              invalid("invoice row 0: issue_date day -800000 (since "
                      "1970-01-01) is before 0001-01-01"));
  EXPECT_THAT(
      run([](Sample& s) { s.payment_amount[1] = -5; }),
      invalid("invoice row 5: payment_amount [1] -5 is not in 1 .. 10^17"));
  EXPECT_THAT(run([](Sample& s) { s.payment_start = {0, 0, 1, 1, 2, 1, 2}; }),
              invalid("invoice row 4: payment_start offsets 2 .. 1"));
  EXPECT_THAT(
      run([](Sample& s) { s.payment_start.pop_back(); }),
      invalid(
          "payment_start has 6 elements; it needs one per invoice plus one"));
  EXPECT_THAT(run([](Sample& s) { s.payment_start.back() = 1; }),
              invalid("must start at 0 and end at the number of payments (2)"));
  EXPECT_THAT(
      run([](Sample& s) {
        s.payment_start = {0, 0, 2, 2, 2, 2, 2};
        s.payment_date = {D(2025, 10, 16), D(2025, 10, 1)};
      }),
      invalid(
          "invoice row 1: payment_date [1] is before the payment before it"));
  Sample sample;
  std::vector<uint8_t> short_output(5);
  EXPECT_THAT(evaluator->Run(sample.Columns(), {.action_level = short_output}),
              invalid("column action_level output has 5 elements"));
  EXPECT_THAT(evaluator->Run(sample.Columns(), {}, {.threads = 0}),
              invalid("threads must be 1 .. 256, got 0"));
  // The first error by row, whatever the thread count.
  Sample two_errors;
  two_errors.amount[4] = -1;
  two_errors.amount[1] = 0;
  EXPECT_THAT(evaluator->Run(two_errors.Columns(), {}, {.threads = 3}),
              invalid("invoice row 1: amount"));
}

TEST(PortfolioEvaluator, RefusesWhatTheColumnsCannotSay) {
  const auto refused = [](const std::string& penalties,
                          const std::string& extra, const std::string& text) {
    absl::StatusOr<Policy> policy =
        Policy::FromJson(PolicyText(penalties, extra));
    ASSERT_TRUE(policy.ok()) << policy.status();
    EXPECT_THAT(Evaluator(*policy),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         ::testing::AllOf(
                             HasSubstr(text),
                             HasSubstr("evaluate such cases with Evaluate"))));
  };
  refused(kPrincipalFirst, R"(, "min_days_between_contacts": 7)",
          "caps contacts");
  refused(kPrincipalFirst, R"(, "dun_late_payment_claims": true)",
          "duns claims after payment");
  refused(R"("uk-late-payment")", "", "the rate fixing uk-reference-date");
  refused(
      R"({"rule": {"id": "x", "name": "x", "base": "fr-b2b", "rounding_point": "line"}})",
      "", "rounds interest per line or per day");
  absl::StatusOr<Policy> fee = Policy::FromJson(R"({"id": "fee", "version": 1,
    "levels": [{"id": "r1", "offset_days": 1, "channel": "email", "fee": "10.00 EUR"}]})");
  ASSERT_TRUE(fee.ok()) << fee.status();
  EXPECT_THAT(Evaluator(*fee), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("level r1 charges a fee")));
  absl::StatusOr<Policy> segments =
      Policy::FromJson(R"({"id": "seg", "version": 1,
    "levels": [{"id": "r1", "offset_days": 1, "channel": "email"}],
    "ladders": {"fast": [{"id": "f1", "offset_days": 1, "channel": "email"}]},
    "segments": [{"segment": "late", "when": {"average_days_late_over": 20}, "ladder": "fast"}]})");
  ASSERT_TRUE(segments.ok()) << segments.status();
  EXPECT_THAT(Evaluator(*segments),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("chooses ladders by segment")));
  // Named, the ladder applies to every invoice.
  absl::StatusOr<PortfolioEvaluator> fast =
      PortfolioEvaluator::Create(*segments, {*PaymentTerms::Parse("30D")},
                                 {.currency = *Currency::FromCode("EUR"),
                                  .as_of = kAsOf,
                                  .ladder = "fast"});
  ASSERT_TRUE(fast.ok()) << fast.status();
  EXPECT_EQ(fast->ladder().id, "fast");
  EXPECT_THAT(
      PortfolioEvaluator::Create(*segments, {},
                                 {.currency = *Currency::FromCode("EUR"),
                                  .as_of = kAsOf,
                                  .ladder = "slow"}),
      StatusIs(absl::StatusCode::kNotFound));
}

TEST(PortfolioEvaluator, TotalsDocument) {
  absl::StatusOr<PortfolioEvaluator> evaluator =
      Evaluator(MakePolicy(kPrincipalFirst));
  ASSERT_TRUE(evaluator.ok());
  Sample sample;
  absl::StatusOr<PortfolioTotals> totals = evaluator->Run(sample.Columns());
  ASSERT_TRUE(totals.ok());
  const nlohmann::json document =
      nlohmann::json::parse(PortfolioTotalsToJson(*totals, *evaluator));
  EXPECT_EQ(document["schema"], "relance.portfolio");
  EXPECT_EQ(document["policy"], "batch");
  EXPECT_EQ(document["policy_version"], 2);
  EXPECT_EQ(document["as_of"], "2025-10-31");
  EXPECT_EQ(document["currency"], "EUR");
  EXPECT_EQ(document["ladder"], "default");
  EXPECT_EQ(document["invoices"], 6);
  EXPECT_EQ(document["total_balance"], "4510.00 EUR");
  EXPECT_EQ(document["total_interest"], "27.57 EUR");
  EXPECT_EQ(document["total_compensation"], "160.00 EUR");
  EXPECT_EQ(document["levels"][1], "reminder1");
  EXPECT_EQ(document["actions_per_level"],
            nlohmann::json({1, 2, 0, 0, 0, 0, 0}));
  EXPECT_EQ(document["letters_per_level"],
            nlohmann::json({0, 2, 0, 0, 0, 0, 0}));
  EXPECT_TRUE(document["rate_assumed_from"].is_null());
}

}  // namespace
}  // namespace relance
