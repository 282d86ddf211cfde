// The portfolio kernel against the scalar path: seeded random portfolios,
// every invoice's due date, balance, interest, compensation and level
// compared with what Assess and Evaluate say of the same invoice, under
// policies that exercise each rule the kernel computes (both settlement
// orders, day counts, grace days, minimum interest, rounding modes, the gap
// between levels, skipping, level and customer minimums, and issue dates
// outside the due-date tables).
#include <algorithm>
#include <cstdint>
#include <map>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "relance/batch.hpp"
#include "relance/dunning.hpp"
#include "relance/event.hpp"
#include "relance/penalty.hpp"
#include "relance/policy.hpp"
#include "relance/terms.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

constexpr Date kAsOf = MakeDate(2025, 12, 31);

const char* const kTermsTexts[] = {"0D",
                                   "30D",
                                   "60D",
                                   "30D+CM",
                                   "CM+45D",
                                   "2/10 net 30",
                                   "30% now, 70% net 60"};

struct Level {
  const char* id;
  int offset;
  const char* channel;
};
constexpr Level kLadder[] = {{"courtesy", -5, "email"},
                             {"reminder1", 1, "email"},
                             {"call", 8, "phone"},
                             {"reminder2", 15, "letter"},
                             {"notice", 21, "registered_letter"},
                             {"agency", 45, "agency_handoff"},
                             {"legal", 90, "legal"}};

std::string PolicyJson(const std::string& penalties, const std::string& extra) {
  std::string levels;
  for (const Level& level : kLadder) {
    if (!levels.empty()) levels += ",";
    levels += std::string(R"({"id": ")") + level.id + R"(", "offset_days": )" +
              std::to_string(level.offset) + R"(, "channel": ")" +
              level.channel + "\"";
    if (std::string(level.id) == "agency" &&
        extra.find("\"allow_skipping_levels\"") != std::string::npos) {
      levels += R"(, "task": true, "minimum_amount": "150.00 EUR")";
    } else if (std::string(level.channel) == "phone") {
      levels += R"(, "task": true)";
    }
    levels += "}";
  }
  return R"({"id": "agreement", "version": 1, "penalties": )" + penalties +
         (extra.empty() ? "" : ", " + extra) + R"(, "levels": [)" + levels +
         "]}";
}

// A random portfolio as columns, with what a host's trail of events would
// hold for the same invoices.
struct RandomPortfolio {
  std::vector<int64_t> issue, amount, payment_start{0}, payment_date,
      payment_amount, last_level_date;
  std::vector<int32_t> terms, customer;
  std::vector<uint8_t> flags, last_level;
  int32_t customers = 0;

  PortfolioColumns Columns(bool with_dates) const {
    return {.issue_date = issue,
            .amount = amount,
            .terms = terms,
            .customer = customer,
            .customer_count = customers,
            .flags = flags,
            .last_level = last_level,
            .last_level_date = with_dates
                                   ? std::span<const int64_t>(last_level_date)
                                   : std::span<const int64_t>(),
            .payment_start = payment_start,
            .payment_date = payment_date,
            .payment_amount = payment_amount};
  }
};

RandomPortfolio Generate(uint64_t seed, int invoices, int customers,
                         int issue_days_back) {
  std::mt19937_64 random(seed);
  const auto uniform = [&random](int64_t low, int64_t high) {
    return std::uniform_int_distribution<int64_t>(low, high)(random);
  };
  RandomPortfolio p;
  p.customers = customers;
  const int64_t as_of = DaysSinceEpoch(kAsOf);
  for (int i = 0; i < invoices; ++i) {
    const int64_t issue = as_of - uniform(0, issue_days_back);
    // Amounts from cents to a hundred thousand euros, small ones often.
    const int64_t amount =
        uniform(0, 3) == 0 ? uniform(1, 3'000) : uniform(1'000, 10'000'000);
    p.issue.push_back(issue);
    p.amount.push_back(amount);
    p.terms.push_back(static_cast<int32_t>(uniform(0, 6)));
    p.customer.push_back(static_cast<int32_t>(uniform(0, customers - 1)));
    p.flags.push_back(uniform(0, 19) == 0 ? kInvoiceDisputed : 0);
    p.last_level.push_back(
        static_cast<uint8_t>(uniform(0, 3) == 0 ? uniform(0, 7) : 0));
    // Payments: none, one or several, from the issue date to after as_of;
    // in total at most the amount, except now and then an overpayment.
    const int count = static_cast<int>(uniform(0, 3));
    int64_t left = amount + (uniform(0, 9) == 0 ? uniform(1, 5'000) : 0);
    std::vector<int64_t> days;
    for (int k = 0; k < count && left > 0; ++k) {
      days.push_back(issue + uniform(0, 200));
    }
    std::sort(days.begin(), days.end());
    for (size_t k = 0; k < days.size(); ++k) {
      const int64_t paid =
          k + 1 == days.size() && uniform(0, 1) == 0 ? left : uniform(1, left);
      p.payment_date.push_back(days[k]);
      p.payment_amount.push_back(paid);
      left -= paid;
      if (left == 0) break;
    }
    p.payment_start.push_back(static_cast<int64_t>(p.payment_date.size()));
  }
  return p;
}

std::vector<PaymentTerms> Terms() {
  std::vector<PaymentTerms> terms;
  for (const char* text : kTermsTexts) {
    absl::StatusOr<PaymentTerms> parsed = PaymentTerms::Parse(text);
    EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.status();
    terms.push_back(*parsed);
  }
  return terms;
}

// The trail of events a host would have recorded for each customer, and
// the date of each invoice's last level (the trail's last action for it).
std::vector<Case> Cases(RandomPortfolio& p,
                        const std::vector<PaymentTerms>& terms,
                        const Currency& eur) {
  std::vector<Case> cases(static_cast<size_t>(p.customers));
  p.last_level_date.assign(p.issue.size(), 0);
  for (size_t i = 0; i < p.issue.size(); ++i) {
    std::vector<Event>& events =
        cases[static_cast<size_t>(p.customer[i])].events;
    const std::string id = "INV-" + std::to_string(i);
    const Date issue = DateFromDaysSinceEpoch(p.issue[i]);
    std::vector<Date> due_dates =
        *terms[static_cast<size_t>(p.terms[i])].DueDates(issue);
    const Date due = *std::max_element(due_dates.begin(), due_dates.end());
    events.push_back({.date = issue,
                      .kind = EventKind::kInvoiceIssued,
                      .invoice = id,
                      .amount = *Money::FromMinorUnits(p.amount[i], eur),
                      .terms = kTermsTexts[p.terms[i]]});
    Date last_action = issue;
    for (int level = 0; level < p.last_level[i]; ++level) {
      const Date date =
          std::min(std::max(due + Days{kLadder[level].offset}, issue), kAsOf);
      last_action = std::max(last_action, date);
      events.push_back({.date = date,
                        .kind = EventKind::kActionPerformed,
                        .invoice = id,
                        .level = kLadder[level].id,
                        .channel = kLadder[level].channel});
    }
    p.last_level_date[i] = DaysSinceEpoch(last_action);
    // A paid invoice cannot be disputed: a host records the dispute before
    // the payment that settles it, or not at all (then neither path sees it).
    int64_t paid_by_dispute = 0;
    for (size_t k = static_cast<size_t>(p.payment_start[i]);
         k < static_cast<size_t>(p.payment_start[i + 1]); ++k) {
      if (p.payment_date[k] <= DaysSinceEpoch(last_action)) {
        paid_by_dispute += p.payment_amount[k];
      }
    }
    if (paid_by_dispute >= p.amount[i]) p.flags[i] = 0;
    if (p.flags[i] & kInvoiceDisputed) {
      events.push_back({.date = last_action,
                        .kind = EventKind::kDisputeOpened,
                        .invoice = id});
    }
    for (size_t k = static_cast<size_t>(p.payment_start[i]);
         k < static_cast<size_t>(p.payment_start[i + 1]); ++k) {
      if (p.payment_date[k] > DaysSinceEpoch(kAsOf)) continue;
      events.push_back(
          {.date = DateFromDaysSinceEpoch(p.payment_date[k]),
           .kind = EventKind::kPaymentReceived,
           .invoice = id,
           .amount = *Money::FromMinorUnits(p.payment_amount[k], eur)});
    }
  }
  const auto rank = [](EventKind kind) {
    switch (kind) {
      case EventKind::kInvoiceIssued:
        return 0;
      case EventKind::kActionPerformed:
        return 1;
      case EventKind::kDisputeOpened:
        return 2;
      default:
        return 3;
    }
  };
  for (size_t c = 0; c < cases.size(); ++c) {
    cases[c].customer_id = "C" + std::to_string(c);
    std::stable_sort(cases[c].events.begin(), cases[c].events.end(),
                     [&](const Event& a, const Event& b) {
                       return a.date != b.date ? a.date < b.date
                                               : rank(a.kind) < rank(b.kind);
                     });
  }
  return cases;
}

struct Variant {
  const char* name;
  std::string penalties;
  std::string extra;
  bool with_dates;
  int issue_days_back;
};

void PrintTo(const Variant& variant, std::ostream* os) { *os << variant.name; }

class BatchAgreement : public ::testing::TestWithParam<Variant> {};

TEST_P(BatchAgreement, EveryInvoiceAsAssessAndEvaluate) {
  const Variant& variant = GetParam();
  const Currency eur = *Currency::FromCode("EUR");
  absl::StatusOr<Policy> policy =
      Policy::FromJson(PolicyJson(variant.penalties, variant.extra));
  ASSERT_TRUE(policy.ok()) << policy.status();
  const std::vector<PaymentTerms> terms = Terms();
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    RandomPortfolio p = Generate(seed, 1500, 120, variant.issue_days_back);
    std::vector<Case> cases = Cases(p, terms, eur);
    // A window of two years: issue dates before it take the scalar path.
    absl::StatusOr<PortfolioEvaluator> evaluator =
        PortfolioEvaluator::Create(*policy, terms,
                                   {.currency = eur,
                                    .as_of = kAsOf,
                                    .issue_dates_from = kAsOf - Days{730}});
    ASSERT_TRUE(evaluator.ok()) << evaluator.status();
    const size_t n = p.issue.size();
    std::vector<int64_t> due(n), balance(n), interest(n), compensation(n);
    std::vector<uint8_t> action(n);
    absl::StatusOr<PortfolioTotals> totals =
        evaluator->Run(p.Columns(variant.with_dates),
                       {.due_date = due,
                        .balance = balance,
                        .interest = interest,
                        .compensation = compensation,
                        .action_level = action},
                       {.threads = 2});
    ASSERT_TRUE(totals.ok()) << totals.status();

    std::map<std::string, const InvoiceDecision*> decisions;
    std::vector<Decision> all;
    all.reserve(cases.size());
    for (const Case& c : cases) {
      absl::StatusOr<Decision> decision = Evaluate(*policy, c, kAsOf);
      ASSERT_TRUE(decision.ok()) << c.customer_id << ": " << decision.status();
      all.push_back(std::move(*decision));
    }
    for (const Decision& decision : all) {
      for (const InvoiceDecision& invoice : decision.invoices) {
        decisions[invoice.invoice] = &invoice;
      }
    }
    int64_t sum_balance = 0, sum_interest = 0, sum_compensation = 0;
    std::vector<int64_t> actions(7, 0);
    for (size_t i = 0; i < n; ++i) {
      const InvoiceDecision& d = *decisions.at("INV-" + std::to_string(i));
      SCOPED_TRACE(variant.name + std::string(" seed ") + std::to_string(seed) +
                   " invoice " + std::to_string(i));
      EXPECT_EQ(due[i], DaysSinceEpoch(d.due_date));
      EXPECT_EQ(balance[i],
                d.outstanding.minor_units() + d.disputed.minor_units());
      // Assess itself, on the invoice's facts (payments after as_of too:
      // Assess ignores them, as the kernel does).
      InvoiceFacts facts{.amount = d.amount,
                         .due_date = d.due_date,
                         .obligation_date = d.issue_date};
      for (size_t k = static_cast<size_t>(p.payment_start[i]);
           k < static_cast<size_t>(p.payment_start[i + 1]); ++k) {
        facts.settlements.push_back(
            {.date = DateFromDaysSinceEpoch(p.payment_date[k]),
             .amount = *Money::FromMinorUnits(p.payment_amount[k], eur)});
      }
      absl::StatusOr<PenaltyAssessment> assessment =
          Assess(*policy->compiled_penalty_rule(), facts, kAsOf);
      ASSERT_TRUE(assessment.ok()) << assessment.status();
      EXPECT_EQ(interest[i], assessment->interest.minor_units());
      EXPECT_EQ(compensation[i], assessment->compensation.minor_units());
      if (d.interest.has_value()) {
        EXPECT_EQ(interest[i], d.interest->minor_units());
      }
      int expected_action = 0;
      if (!d.action_level.empty()) {
        for (int k = 0; k < 7; ++k) {
          if (d.action_level == kLadder[k].id) expected_action = k + 1;
        }
      }
      EXPECT_EQ(int{action[i]}, expected_action) << ToString(d.reason.code);
      sum_balance += balance[i];
      sum_interest += interest[i];
      sum_compensation += compensation[i];
      if (action[i] > 0) ++actions[action[i] - 1];
    }
    // The portfolio exercises what it is meant to: interest, compensation
    // and actions at several levels.
    EXPECT_GT(sum_interest, 0);
    EXPECT_GT(sum_compensation, 0);
    EXPECT_GE(std::count_if(actions.begin(), actions.end(),
                            [](int64_t count) { return count > 0; }),
              4);
    EXPECT_EQ(totals->total_balance, sum_balance);
    EXPECT_EQ(totals->total_interest, sum_interest);
    EXPECT_EQ(totals->total_compensation, sum_compensation);
    EXPECT_EQ(totals->actions_per_level, actions);
    // A customer's letter is its highest action level; Evaluate groups the
    // day's actions into one communication per customer.
    std::vector<int64_t> letters(7, 0);
    for (const Decision& decision : all) {
      int highest = 0;
      for (const InvoiceDecision& invoice : decision.invoices) {
        for (int k = 0; k < 7; ++k) {
          if (invoice.action_level == kLadder[k].id)
            highest = std::max(highest, k + 1);
        }
      }
      if (highest > 0) ++letters[static_cast<size_t>(highest - 1)];
    }
    EXPECT_EQ(totals->letters_per_level, letters);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Policies, BatchAgreement,
    ::testing::Values(
        // portfolio-v1: French statutory rates, payments on principal first.
        Variant{
            "principal_first",
            R"({"rule": {"id": "p", "name": "p", "base": "fr-b2b", "settlement": "principal-first"}})",
            R"("minimum_invoice_amount": "15.00 EUR", "min_days_between_levels": 0)",
            false, 700},
        // fr-b2b as the law has it: costs, interest, then principal; the
        // gap between levels; a customer minimum; issue dates before the
        // due-date tables (scalar path).
        Variant{
            "fr_b2b_costs_first", R"("fr-b2b")",
            R"("minimum_invoice_amount": "15.00 EUR", "minimum_dunning_amount": "200.00 EUR", "min_days_between_levels": 5)",
            true, 1100},
        // A contract: fixed rate, Actual/Actual, grace days, minimum
        // interest, half-even rounding; skipping up to two levels.
        Variant{
            "contract_act_act",
            R"({"rule": {"id": "c", "name": "c", "interest": {"fixed": "9.5%"}, "day_count": "act/act", "grace_days": 3, "minimum_interest": "2.00 EUR", "rounding": "half-even", "settlement": "principal-first", "compensation": {"fixed": "40.00 EUR", "basis": "CGV"}}})",
            R"("allow_skipping_levels": true, "max_levels_per_run": 2, "min_days_between_levels": 3)",
            true, 700},
        // Actual/360, rounding down, costs first.
        Variant{
            "contract_act_360",
            R"({"rule": {"id": "d", "name": "d", "interest": {"fixed": "12%"}, "day_count": "act/360", "rounding": "down", "settlement": "costs-interest-principal", "compensation": {"fixed": "40.00 EUR", "basis": "CGV"}}})",
            R"("minimum_invoice_amount": "1.00 EUR", "min_days_between_levels": 0)",
            false, 700}),
    [](const ::testing::TestParamInfo<Variant>& param) {
      return std::string(param.param.name);
    });

}  // namespace
}  // namespace relance
