// Fuzzes the portfolio kernel (relance/batch.hpp) with columns decoded from
// the input: dates near and far from the as-of date, amounts small, large
// and invalid, terms and customer codes in and out of range, unknown flag
// bits, levels beyond the ladder, payments in and out of order, offsets
// that do not add up.
//
// Properties:
//   - a run either fails with a message naming an invoice row or a column,
//     or succeeds; one thread and three threads agree on the status, every
//     total and every output;
//   - on success, the totals are the sums of the outputs; every interest and
//     compensation is at least 0, every balance within 0 .. amount, every
//     action within 0 .. the ladder's size;
//   - each invoice's interest and compensation are what Assess says of its
//     facts under the same rule.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "relance/batch.hpp"
#include "relance/penalty.hpp"

namespace {

using relance::PortfolioColumns;
using relance::PortfolioEvaluator;
using relance::PortfolioOutputs;
using relance::PortfolioTotals;

constexpr relance::Date kAsOf = relance::MakeDate(2025, 12, 31);

const PortfolioEvaluator& Evaluator(bool costs_first) {
  static const auto make = [](const char* penalties) {
    const std::string text =
        std::string(
            R"({"id": "fuzz", "version": 1, "minimum_invoice_amount": "15.00 EUR",
      "minimum_dunning_amount": "20.00 EUR", "min_days_between_levels": 4,
      "penalties": )") +
        penalties + R"(, "levels": [
      {"id": "courtesy", "offset_days": -5, "channel": "email"},
      {"id": "reminder1", "offset_days": 1, "channel": "email"},
      {"id": "call", "offset_days": 8, "channel": "phone", "minimum_amount": "50.00 EUR"},
      {"id": "notice", "offset_days": 21, "channel": "registered_letter"}]})";
    std::vector<relance::PaymentTerms> terms;
    for (const char* t : {"0D", "30D", "CM+45D", "30% now, 70% net 60"}) {
      terms.push_back(*relance::PaymentTerms::Parse(t));
    }
    return new PortfolioEvaluator(*PortfolioEvaluator::Create(
        *relance::Policy::FromJson(text), terms,
        {.currency = *relance::Currency::FromCode("EUR"),
         .as_of = kAsOf,
         .issue_dates_from = kAsOf - relance::Days{400}}));
  };
  static const PortfolioEvaluator* principal_first = make(
      R"({"rule": {"id": "p", "name": "p", "base": "fr-b2b", "settlement": "principal-first"}})");
  static const PortfolioEvaluator* french = make(R"("fr-b2b")");
  return costs_first ? *french : *principal_first;
}

// Reads the input a few bytes at a time; zeros once it is used up.
class Reader {
 public:
  Reader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint64_t Next(int bytes) {
    uint64_t value = 0;
    for (int b = 0; b < bytes; ++b) {
      value = (value << 8) | (position_ < size_ ? data_[position_++] : 0);
    }
    return value;
  }
  bool Empty() const { return position_ >= size_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t position_ = 0;
};

struct Portfolio {
  std::vector<int64_t> issue, amount, start{0}, paid_on, paid, last_date;
  std::vector<int32_t> terms, customer;
  std::vector<uint8_t> flags, last;
};

int64_t Day(Reader& in) {
  const int64_t as_of = relance::DaysSinceEpoch(kAsOf);
  switch (in.Next(1) % 8) {
    case 0:  // anywhere, valid or not
      return static_cast<int64_t>(in.Next(8));
    case 1:  // before the tables (the scalar path)
      return as_of - 400 - static_cast<int64_t>(in.Next(2));
    default:
      return as_of - static_cast<int64_t>(in.Next(2) % 420) +
             static_cast<int64_t>(in.Next(1) % 4 == 0 ? in.Next(1) : 0);
  }
}

int64_t Amount(Reader& in) {
  switch (in.Next(1) % 8) {
    case 0:
      return static_cast<int64_t>(in.Next(8));
    case 1:
      return static_cast<int64_t>(in.Next(1)) - 2;
    default:
      return 1 + static_cast<int64_t>(in.Next(4) % 50'000'000);
  }
}

Portfolio Decode(Reader& in) {
  Portfolio p;
  const size_t n = in.Next(1) % 40;
  for (size_t i = 0; i < n; ++i) {
    p.issue.push_back(Day(in));
    p.amount.push_back(Amount(in));
    p.terms.push_back(static_cast<int32_t>(in.Next(1) % 5));  // 4: invalid
    p.customer.push_back(static_cast<int32_t>(in.Next(1) % 7) -
                         1);  // -1: invalid
    const uint64_t flags = in.Next(1);
    p.flags.push_back(
        static_cast<uint8_t>(flags % 16 == 0 ? flags : flags % 2));
    p.last.push_back(static_cast<uint8_t>(in.Next(1) % 6));  // 5: invalid
    p.last_date.push_back(Day(in));
    const size_t payments = in.Next(1) % 4;
    for (size_t k = 0; k < payments; ++k) {
      // Mostly a day after the issue day, wrapping (as the bits would) when
      // the issue day is already near the end of int64: any day is an input.
      const bool anywhere = in.Next(1) % 8 == 0;
      p.paid_on.push_back(anywhere ? Day(in)
                                   : static_cast<int64_t>(
                                         static_cast<uint64_t>(p.issue.back()) +
                                         k * 40 + in.Next(1)));
      p.paid.push_back(Amount(in) / static_cast<int64_t>(in.Next(1) % 3 + 1));
    }
    // Now and then offsets that do not add up.
    const uint64_t broken = in.Next(1);
    p.start.push_back(static_cast<int64_t>(p.paid.size()) -
                      (broken == 255 ? 2 : 0));
  }
  return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Reader in(data, size);
  const bool costs_first = in.Next(1) % 2 == 1;
  const bool with_dates = in.Next(1) % 2 == 1;
  Portfolio p = Decode(in);
  const PortfolioEvaluator& evaluator = Evaluator(costs_first);
  const size_t n = p.issue.size();
  PortfolioColumns columns{.issue_date = p.issue,
                           .amount = p.amount,
                           .terms = p.terms,
                           .customer = p.customer,
                           .customer_count = 5,
                           .flags = p.flags,
                           .last_level = p.last,
                           .payment_start = p.start,
                           .payment_date = p.paid_on,
                           .payment_amount = p.paid};
  if (with_dates) columns.last_level_date = p.last_date;
  std::vector<int64_t> due(n), balance(n), interest(n), compensation(n);
  std::vector<uint8_t> action(n);
  const absl::StatusOr<PortfolioTotals> one =
      evaluator.Run(columns,
                    {.due_date = due,
                     .balance = balance,
                     .interest = interest,
                     .compensation = compensation,
                     .action_level = action},
                    {.threads = 1});
  std::vector<int64_t> interest3(n);
  std::vector<uint8_t> action3(n);
  const absl::StatusOr<PortfolioTotals> three =
      evaluator.Run(columns, {.interest = interest3, .action_level = action3},
                    {.threads = 3});
  RELANCE_FUZZ_CHECK(one.ok() == three.ok());
  if (!one.ok()) {
    RELANCE_FUZZ_CHECK(one.status().message() == three.status().message());
    RELANCE_FUZZ_CHECK(one.status().message().find("portfolio: ") == 0);
    return 0;
  }
  RELANCE_FUZZ_CHECK(one->total_balance == three->total_balance);
  RELANCE_FUZZ_CHECK(one->total_interest == three->total_interest);
  RELANCE_FUZZ_CHECK(one->actions_per_level == three->actions_per_level);
  RELANCE_FUZZ_CHECK(one->letters_per_level == three->letters_per_level);
  RELANCE_FUZZ_CHECK(interest == interest3 && action == action3);
  int64_t balance_sum = 0, interest_sum = 0, compensation_sum = 0;
  std::vector<int64_t> actions(evaluator.ladder().levels.size(), 0);
  const relance::CompiledPenaltyRule& rule =
      *evaluator.policy().compiled_penalty_rule();
  const relance::Currency eur = *relance::Currency::FromCode("EUR");
  for (size_t i = 0; i < n; ++i) {
    RELANCE_FUZZ_CHECK(interest[i] >= 0 && compensation[i] >= 0);
    RELANCE_FUZZ_CHECK(balance[i] >= 0 && balance[i] <= p.amount[i]);
    RELANCE_FUZZ_CHECK(action[i] <= actions.size());
    balance_sum += balance[i];
    interest_sum += interest[i];
    compensation_sum += compensation[i];
    if (action[i] > 0) ++actions[action[i] - 1];
    // Assess on the same facts.
    const relance::Date issue = relance::DateFromDaysSinceEpoch(p.issue[i]);
    const relance::Date due_date = relance::DateFromDaysSinceEpoch(due[i]);
    relance::InvoiceFacts facts{
        .amount = *relance::Money::FromMinorUnits(p.amount[i], eur),
        .due_date = due_date,
        .obligation_date = issue <= due_date
                               ? std::optional<relance::Date>(issue)
                               : std::nullopt};
    for (int64_t k = p.start[i]; k < p.start[i + 1]; ++k) {
      facts.settlements.push_back({.date = relance::DateFromDaysSinceEpoch(
                                       p.paid_on[static_cast<size_t>(k)]),
                                   .amount = *relance::Money::FromMinorUnits(
                                       p.paid[static_cast<size_t>(k)], eur)});
    }
    const absl::StatusOr<relance::PenaltyAssessment> assessed =
        relance::Assess(rule, facts, kAsOf, {.breakdown = false});
    RELANCE_FUZZ_CHECK(assessed.ok());
    RELANCE_FUZZ_CHECK(assessed->interest.minor_units() == interest[i]);
    RELANCE_FUZZ_CHECK(assessed->compensation.minor_units() == compensation[i]);
  }
  RELANCE_FUZZ_CHECK(one->total_balance == balance_sum);
  RELANCE_FUZZ_CHECK(one->total_interest == interest_sum);
  RELANCE_FUZZ_CHECK(one->total_compensation == compensation_sum);
  RELANCE_FUZZ_CHECK(one->actions_per_level == actions);
  return 0;
}
