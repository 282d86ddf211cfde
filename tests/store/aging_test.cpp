#include "store/aging.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "test_helpers.hpp"

namespace relance::store {
namespace {

using ::relance::testing::CurrencyOf;
using ::relance::testing::D;
using ::relance::testing::IsOk;
using ::relance::testing::M;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr Date kAsOf = D(2026, 3, 31);

// An open invoice of `customer` issued on `issue`, due on `due`, for
// `amount` with `outstanding` still owed and known penalties of zero.
AgingInvoice Open(std::string id, std::string customer, Date issue, Date due,
                  std::string_view amount, std::string_view outstanding) {
  const Money issued = M(amount);
  return AgingInvoice{.invoice = std::move(id),
                      .customer = std::move(customer),
                      .customer_name = "",
                      .issue_date = issue,
                      .due_date = due,
                      .amount = issued,
                      .outstanding = M(outstanding),
                      .penalties = Money::Zero(issued.currency()),
                      .disputed = {}};
}

// The bucket amounts of a line, as text, in report order.
std::vector<std::string> BucketAmounts(const AgingLine& line) {
  std::vector<std::string> amounts;
  for (const AgingBucketTotal& bucket : line.buckets) {
    amounts.push_back(bucket.amount.ToString());
  }
  return amounts;
}
std::vector<int64_t> BucketCounts(const AgingLine& line) {
  std::vector<int64_t> counts;
  for (const AgingBucketTotal& bucket : line.buckets) {
    counts.push_back(bucket.count);
  }
  return counts;
}

TEST(AgingBucket, BoundariesByDaysPastDue) {
  // Days past due on 2026-03-31 = as_of - due_date; January has 31 days,
  // February 2026 28, March 31.
  EXPECT_EQ(BucketOf(D(2026, 4, 10), kAsOf), AgingBucket::kNotDue);  // -10
  EXPECT_EQ(BucketOf(D(2026, 3, 31), kAsOf),
            AgingBucket::kNotDue);  // due today
  EXPECT_EQ(BucketOf(D(2026, 3, 30), kAsOf), AgingBucket::kDays1To30);   // 1
  EXPECT_EQ(BucketOf(D(2026, 3, 1), kAsOf), AgingBucket::kDays1To30);    // 30
  EXPECT_EQ(BucketOf(D(2026, 2, 28), kAsOf), AgingBucket::kDays31To60);  // 31
  // 2026-01-30: 1 (to Jan 31) + 28 + 31 = 60.
  EXPECT_EQ(BucketOf(D(2026, 1, 30), kAsOf), AgingBucket::kDays31To60);
  EXPECT_EQ(BucketOf(D(2026, 1, 29), kAsOf), AgingBucket::kDays61To90);  // 61
  // 2025-12-31: 31 + 28 + 31 = 90.
  EXPECT_EQ(BucketOf(D(2025, 12, 31), kAsOf), AgingBucket::kDays61To90);
  EXPECT_EQ(BucketOf(D(2025, 12, 30), kAsOf), AgingBucket::kOver90);  // 91
  EXPECT_EQ(BucketOf(D(2024, 3, 31), kAsOf), AgingBucket::kOver90);
}

TEST(AgingBucket, NamesAndBounds) {
  std::vector<std::string> ids;
  for (AgingBucket bucket : kAllAgingBuckets) {
    ids.emplace_back(ToString(bucket));
  }
  EXPECT_THAT(ids, ElementsAre("not_due", "1-30", "31-60", "61-90", "over_90"));
  EXPECT_EQ(Label(AgingBucket::kOver90), "over 90 days");
  std::ostringstream stream;
  stream << AgingBucket::kDays31To60;
  EXPECT_EQ(stream.str(), "31-60");
  EXPECT_EQ(FirstDayOf(AgingBucket::kNotDue), std::nullopt);
  EXPECT_EQ(LastDayOf(AgingBucket::kNotDue), 0);
  EXPECT_EQ(FirstDayOf(AgingBucket::kDays31To60), 31);
  EXPECT_EQ(LastDayOf(AgingBucket::kDays31To60), 60);
  EXPECT_EQ(FirstDayOf(AgingBucket::kOver90), 91);
  EXPECT_EQ(LastDayOf(AgingBucket::kOver90), std::nullopt);
}

TEST(ComputeAging, SortsOutstandingIntoBucketsAtTheBoundaries) {
  const Date issue = D(2025, 6, 1);
  const std::vector<AgingInvoice> invoices = {
      Open("due-today", "C1", issue, D(2026, 3, 31), "100.00 EUR",
           "100.00 EUR"),
      Open("late-1", "C1", issue, D(2026, 3, 30), "200.00 EUR", "200.00 EUR"),
      Open("late-30", "C1", issue, D(2026, 3, 1), "300.00 EUR", "250.00 EUR"),
      Open("late-31", "C1", issue, D(2026, 2, 28), "400.00 EUR", "400.00 EUR"),
      Open("late-90", "C1", issue, D(2025, 12, 31), "500.00 EUR", "500.00 EUR"),
      Open("late-91", "C1", issue, D(2025, 12, 30), "600.00 EUR", "600.00 EUR"),
      // Paid in full and late: not aged, not counted.
      Open("paid", "C1", issue, D(2025, 7, 1), "700.00 EUR", "0.00 EUR"),
  };
  absl::StatusOr<AgingReport> report = ComputeAging(invoices, kAsOf);
  ASSERT_THAT(report, IsOk());
  ASSERT_EQ(report->currencies.size(), 1u);
  const AgingLine& eur = report->currencies[0];
  EXPECT_EQ(eur.currency.ToString(), "EUR");
  // not due 100; 1-30: 200 + 250; 31-60: 400; 61-90: 500; over 90: 600.
  EXPECT_THAT(BucketAmounts(eur),
              ElementsAre("100.00 EUR", "450.00 EUR", "400.00 EUR",
                          "500.00 EUR", "600.00 EUR"));
  EXPECT_THAT(BucketCounts(eur), ElementsAre(1, 2, 1, 1, 1));
  EXPECT_EQ(eur.outstanding, M("2050.00 EUR"));  // 100+450+400+500+600
  EXPECT_EQ(eur.overdue, M("1950.00 EUR"));      // all but the 100 not due
  EXPECT_EQ(eur.open_invoices, 6);
  EXPECT_EQ(eur.disputed, M("0.00 EUR"));
  EXPECT_TRUE(report->customers.empty());
}

TEST(ComputeAging, KeepsCurrenciesApartSortedByCode) {
  const std::vector<AgingInvoice> invoices = {
      Open("G1", "UK1", D(2026, 1, 5), D(2026, 2, 4), "1000.00 GBP",
           "1000.00 GBP"),
      Open("E1", "FR1", D(2026, 3, 1), D(2026, 4, 30), "250.00 EUR",
           "250.00 EUR"),
      Open("G2", "UK2", D(2026, 3, 20), D(2026, 4, 19), "40.50 GBP",
           "40.50 GBP"),
  };
  absl::StatusOr<AgingReport> report = ComputeAging(invoices, kAsOf);
  ASSERT_THAT(report, IsOk());
  ASSERT_EQ(report->currencies.size(), 2u);
  const AgingLine& eur = report->currencies[0];
  const AgingLine& gbp = report->currencies[1];
  EXPECT_EQ(eur.currency.ToString(), "EUR");
  EXPECT_EQ(gbp.currency.ToString(), "GBP");
  EXPECT_THAT(BucketAmounts(eur),
              ElementsAre("250.00 EUR", "0.00 EUR", "0.00 EUR", "0.00 EUR",
                          "0.00 EUR"));
  // G1 is 55 days late (2026-02-04 to 03-31: 24 + 31), G2 not due.
  EXPECT_THAT(BucketAmounts(gbp),
              ElementsAre("40.50 GBP", "0.00 GBP", "1000.00 GBP", "0.00 GBP",
                          "0.00 GBP"));
  EXPECT_EQ(gbp.outstanding, M("1040.50 GBP"));
  EXPECT_EQ(gbp.overdue, M("1000.00 GBP"));
}

TEST(ComputeAging, DsoIsOutstandingOverTheWindowsSalesTimesNinety) {
  // The window is the 90 days ending on 2026-03-31: 2026-01-01..2026-03-31
  // (31 + 28 + 31 = 90 days).
  const std::vector<AgingInvoice> invoices = {
      // Issued the day before the window: outstanding, not a sale.
      Open("A", "C1", D(2025, 12, 31), D(2026, 1, 30), "1000.00 EUR",
           "1000.00 EUR"),
      // First day of the window, paid: a sale, nothing outstanding.
      Open("B", "C1", D(2026, 1, 1), D(2026, 1, 31), "3000.00 EUR", "0.00 EUR"),
      // The as-of date itself: a sale, outstanding.
      Open("C", "C2", D(2026, 3, 31), D(2026, 4, 30), "700.00 EUR",
           "700.00 EUR"),
  };
  absl::StatusOr<AgingReport> report = ComputeAging(invoices, kAsOf);
  ASSERT_THAT(report, IsOk());
  EXPECT_EQ(report->dso_window_start, D(2026, 1, 1));
  EXPECT_EQ(report->dso_window_days, 90);
  const AgingLine& eur = report->currencies[0];
  // outstanding 1000 + 700 = 1700; sales 3000 + 700 = 3700;
  // DSO = 1700 / 3700 x 90 = 41.351... days -> 41.4.
  EXPECT_EQ(eur.outstanding, M("1700.00 EUR"));
  EXPECT_EQ(eur.sales, M("3700.00 EUR"));
  EXPECT_EQ(eur.dso_tenths, 414);
  EXPECT_EQ(eur.DsoText(), "41.4");
}

TEST(ComputeAging, DsoRoundsHalfAwayFromZeroAndIsNotAvailableWithoutSales) {
  const std::vector<AgingInvoice> invoices = {
      // EUR: 1.00 outstanding over 1800.00 of sales x 90 = 0.05 days exactly,
      // a tie between 0.0 and 0.1: away from zero, 0.1.
      Open("E1", "C1", D(2026, 3, 1), D(2026, 3, 31), "1800.00 EUR",
           "1.00 EUR"),
      // GBP: issued long before the window, no sale in it: no DSO.
      Open("G1", "C2", D(2025, 6, 1), D(2025, 7, 1), "500.00 GBP",
           "500.00 GBP"),
  };
  absl::StatusOr<AgingReport> report = ComputeAging(invoices, kAsOf);
  ASSERT_THAT(report, IsOk());
  EXPECT_EQ(report->currencies[0].dso_tenths, 1);
  EXPECT_EQ(report->currencies[0].DsoText(), "0.1");
  EXPECT_EQ(report->currencies[1].sales, M("0.00 GBP"));
  EXPECT_EQ(report->currencies[1].dso_tenths, std::nullopt);
  EXPECT_EQ(report->currencies[1].DsoText(), "n/a");
}

TEST(ComputeAging, DsoWindowIsAnOption) {
  // A 30-day window ends on 2026-03-31 and starts on 2026-03-02.
  const std::vector<AgingInvoice> invoices = {
      Open("E1", "C1", D(2026, 3, 1), D(2026, 3, 31), "600.00 EUR",
           "600.00 EUR"),
      Open("E2", "C1", D(2026, 3, 2), D(2026, 4, 1), "400.00 EUR",
           "400.00 EUR"),
  };
  absl::StatusOr<AgingReport> report =
      ComputeAging(invoices, kAsOf, {.dso_window_days = 30});
  ASSERT_THAT(report, IsOk());
  EXPECT_EQ(report->dso_window_start, D(2026, 3, 2));
  // Sales 400 (E2 only); outstanding 1000; 1000 / 400 x 30 = 75.0.
  EXPECT_EQ(report->currencies[0].sales, M("400.00 EUR"));
  EXPECT_EQ(report->currencies[0].DsoText(), "75.0");
  EXPECT_THAT(ComputeAging(invoices, kAsOf, {.dso_window_days = 0}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("dso_window_days: 0 is outside 1..3660")));
}

TEST(ComputeAging, SumsKnownPenaltiesAndCountsUnknownOnes) {
  std::vector<AgingInvoice> invoices = {
      Open("E1", "C1", D(2026, 1, 1), D(2026, 1, 31), "1000.00 EUR",
           "1000.00 EUR"),
      Open("E2", "C1", D(2026, 1, 1), D(2026, 1, 31), "500.00 EUR",
           "500.00 EUR"),
      Open("E3", "C1", D(2026, 1, 1), D(2026, 1, 31), "500.00 EUR",
           "500.00 EUR"),
      // Paid: its penalties are not part of the open receivables' ageing.
      Open("E4", "C1", D(2026, 1, 1), D(2026, 1, 31), "500.00 EUR", "0.00 EUR"),
  };
  invoices[0].penalties = M("52.10 EUR");
  invoices[1].penalties = M("41.25 EUR");
  invoices[2].penalties = std::nullopt;
  invoices[3].penalties = M("40.00 EUR");
  invoices[1].disputed = M("500.00 EUR");  // in full
  invoices[2].disputed = M("120.00 EUR");  // in part
  absl::StatusOr<AgingReport> report = ComputeAging(invoices, kAsOf);
  ASSERT_THAT(report, IsOk());
  const AgingLine& eur = report->currencies[0];
  EXPECT_EQ(eur.penalties, M("93.35 EUR"));  // 52.10 + 41.25
  EXPECT_EQ(eur.penalties_unknown, 1);       // E3
  // E2 in full and E3 in part, still aged with the rest.
  EXPECT_EQ(eur.disputed, M("620.00 EUR"));
  EXPECT_EQ(eur.bucket(AgingBucket::kDays31To60).amount, M("2000.00 EUR"));
}

TEST(ComputeAging, ByCustomerInIdOrderWithOpenInvoicesOnly) {
  std::vector<AgingInvoice> invoices = {
      Open("E1", "FR-010", D(2026, 2, 1), D(2026, 3, 3), "1200.00 EUR",
           "1200.00 EUR"),
      Open("G1", "GB-001", D(2025, 11, 1), D(2025, 12, 1), "500.00 GBP",
           "500.00 GBP"),
      Open("E2", "FR-002", D(2026, 3, 10), D(2026, 4, 9), "800.00 EUR",
           "300.00 EUR"),
      Open("E3", "FR-002", D(2026, 1, 10), D(2026, 2, 9), "100.00 EUR",
           "100.00 EUR"),
      // A customer with nothing open has no line.
      Open("E4", "FR-001", D(2026, 1, 10), D(2026, 2, 9), "100.00 EUR",
           "0.00 EUR"),
      // One customer, two currencies: two lines.
      Open("E5", "GB-001", D(2026, 3, 1), D(2026, 3, 31), "60.00 EUR",
           "60.00 EUR"),
  };
  invoices[2].customer_name = "";
  invoices[3].customer_name = "Martin SA";  // the first non-empty name
  absl::StatusOr<AgingReport> report =
      ComputeAging(invoices, kAsOf, {.by_customer = true});
  ASSERT_THAT(report, IsOk());
  ASSERT_EQ(report->customers.size(), 4u);
  std::vector<std::string> keys;
  for (const CustomerAging& customer : report->customers) {
    keys.push_back(customer.customer + "/" + customer.line.currency.ToString());
  }
  EXPECT_THAT(keys, ElementsAre("FR-002/EUR", "FR-010/EUR", "GB-001/EUR",
                                "GB-001/GBP"));
  const CustomerAging& martin = report->customers[0];
  EXPECT_EQ(martin.name, "Martin SA");
  // E2 not due (300), E3 50 days late (2026-02-09 to 03-31: 19 + 31).
  EXPECT_THAT(BucketAmounts(martin.line),
              ElementsAre("300.00 EUR", "0.00 EUR", "100.00 EUR", "0.00 EUR",
                          "0.00 EUR"));
  // Sales in the window 800 + 100, outstanding 400: 400 / 900 x 90 = 40.0.
  EXPECT_EQ(martin.line.DsoText(), "40.0");
  // GB-001 in GBP: 120 days late, over 90; no sale in the window.
  EXPECT_EQ(report->customers[3].line.bucket(AgingBucket::kOver90).amount,
            M("500.00 GBP"));
  EXPECT_EQ(report->customers[3].line.DsoText(), "n/a");
  // The currency totals do not depend on the option: EUR 1200+300+100+60.
  EXPECT_EQ(report->currencies[0].outstanding, M("1660.00 EUR"));
}

// Properties on a seeded pseudo-random book (a fixed linear congruential
// generator, so the test is the same on every run): in each currency the
// buckets add up to the outstanding and the overdue to every bucket but
// "not due"; the customers' lines add up, bucket by bucket, to the
// currency's; and the order of the invoices changes nothing.
TEST(ComputeAging, BucketsAndCustomersAddUpToTheCurrencyTotals) {
  uint64_t state = 20260331;
  const auto next = [&state](uint64_t n) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return (state >> 33) % n;
  };
  std::vector<AgingInvoice> invoices;
  for (int i = 0; i < 300; ++i) {
    const bool gbp = next(3) == 0;
    const Currency currency = CurrencyOf(gbp ? "GBP" : "EUR");
    const Date issue = kAsOf - Days{static_cast<int>(next(200))};
    const int64_t cents = 100 + static_cast<int64_t>(next(5'000'000));
    const int64_t left =
        next(3) == 0
            ? 0
            : static_cast<int64_t>(next(static_cast<uint64_t>(cents))) + 1;
    AgingInvoice invoice{.invoice = "I" + std::to_string(i),
                         .customer = "C" + std::to_string(next(25)),
                         .customer_name = "",
                         .issue_date = issue,
                         .due_date = issue + Days{static_cast<int>(next(90))},
                         .amount = *Money::FromMinorUnits(cents, currency),
                         .outstanding = *Money::FromMinorUnits(left, currency),
                         .penalties = std::nullopt,
                         .disputed = {}};
    invoices.push_back(std::move(invoice));
  }
  absl::StatusOr<AgingReport> report =
      ComputeAging(invoices, kAsOf, {.by_customer = true});
  ASSERT_THAT(report, IsOk());
  ASSERT_EQ(report->currencies.size(), 2u);
  int64_t open = 0;
  for (const AgingLine& line : report->currencies) {
    int64_t buckets = 0;
    int64_t count = 0;
    for (const AgingBucketTotal& bucket : line.buckets) {
      buckets += bucket.amount.minor_units();
      count += bucket.count;
    }
    EXPECT_EQ(buckets, line.outstanding.minor_units());
    EXPECT_EQ(count, line.open_invoices);
    EXPECT_EQ(line.overdue.minor_units(),
              buckets - line.bucket(AgingBucket::kNotDue).amount.minor_units());
    EXPECT_EQ(line.penalties_unknown, line.open_invoices);
    open += line.open_invoices;
    // The customers of this currency, bucket by bucket.
    std::array<int64_t, kAgingBucketCount> sums = {};
    int64_t sales = 0;
    for (const CustomerAging& customer : report->customers) {
      if (customer.line.currency != line.currency) continue;
      for (size_t b = 0; b < sums.size(); ++b) {
        sums[b] += customer.line.buckets[b].amount.minor_units();
      }
      sales += customer.line.sales.minor_units();
    }
    for (size_t b = 0; b < sums.size(); ++b) {
      EXPECT_EQ(sums[b], line.buckets[b].amount.minor_units()) << b;
    }
    // Customers without an open invoice have no line, so their sales are
    // missing from this sum: at most the currency's.
    EXPECT_LE(sales, line.sales.minor_units());
  }
  EXPECT_GT(open, 150);  // about 2 in 3 of the 300 are open
  std::vector<AgingInvoice> reversed(invoices.rbegin(), invoices.rend());
  absl::StatusOr<AgingReport> again =
      ComputeAging(reversed, kAsOf, {.by_customer = true});
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(AgingToJson(*again), AgingToJson(*report));
}

TEST(ComputeAging, RejectsInconsistentFactsNamingTheInvoice) {
  const AgingInvoice good = Open("FA-1", "C1", D(2026, 1, 1), D(2026, 1, 31),
                                 "100.00 EUR", "100.00 EUR");
  AgingInvoice negative = good;
  negative.outstanding = M("-1.00 EUR");
  EXPECT_THAT(ComputeAging(std::vector{good, negative}, kAsOf),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invoices[1] (\"FA-1\"): outstanding -1.00 "
                                 "EUR is negative")));
  AgingInvoice mixed = good;
  mixed.outstanding = M("100.00 GBP");
  EXPECT_THAT(ComputeAging(std::vector{mixed}, kAsOf),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("not in the amount's currency EUR")));
  AgingInvoice mixed_penalties = good;
  mixed_penalties.penalties = M("40.00 GBP");
  EXPECT_THAT(ComputeAging(std::vector{mixed_penalties}, kAsOf),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("penalties 40.00 GBP")));
  AgingInvoice overdisputed = good;
  overdisputed.disputed = M("100.01 EUR");
  EXPECT_THAT(ComputeAging(std::vector{overdisputed}, kAsOf),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("disputed 100.01 EUR is not within "
                                 "0..outstanding 100.00 EUR")));
  AgingInvoice future = good;
  future.issue_date = D(2026, 4, 1);
  future.due_date = D(2026, 5, 1);
  EXPECT_THAT(ComputeAging(std::vector{future}, kAsOf),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("issued on 2026-04-01, after the as-of date "
                                 "2026-03-31")));
  AgingInvoice no_currency = good;
  no_currency.amount = Money();
  EXPECT_THAT(
      ComputeAging(std::vector{no_currency}, kAsOf),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no currency")));
  AgingInvoice zero = good;
  zero.amount = M("0.00 EUR");
  zero.outstanding = M("0.00 EUR");
  EXPECT_THAT(ComputeAging(std::vector{zero}, kAsOf),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("amount 0.00 EUR is not positive")));
}

TEST(ComputeAging, TotalBeyondMoneysBoundIsAnError) {
  // Two amounts of 6 x 10^16 minor units sum beyond the 10^17 bound.
  const Currency eur = *Currency::FromCode("EUR");
  const Money huge = *Money::FromMinorUnits(60'000'000'000'000'000, eur);
  AgingInvoice invoice =
      Open("big", "C1", D(2026, 1, 1), D(2026, 1, 31), "1.00 EUR", "1.00 EUR");
  invoice.amount = invoice.outstanding = huge;
  EXPECT_THAT(
      ComputeAging(std::vector{invoice, invoice}, kAsOf),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("invoices[1] (\"big\"): total out of bounds")));
}

// The tiny portfolio the renderings are checked on, with its figures by
// hand (as of 2026-03-31, DSO window 2026-01-01..2026-03-31):
//   EUR  I1 C1 due 2026-03-03 (28 days late: 1-30) 1200.00 open, penalties
//           45.00; I2 C2 due 2026-04-09 (not due), 800.00 issued, 300.00
//           open, penalties 0.00.
//        outstanding 1500.00, overdue 1200.00, sales 1200 + 800 = 2000.00,
//        DSO 1500 / 2000 x 90 = 67.5; C1 1200 / 1200 x 90 = 90.0;
//        C2 300 / 800 x 90 = 33.75 -> 33.8 (half away from zero).
//   GBP  I3 C3 due 2025-12-01 (120 days late: over 90) 500.00 open,
//           disputed, penalties unknown; issued 2025-11-01: no sale in the
//           window, DSO n/a.
std::vector<AgingInvoice> TinyPortfolio() {
  std::vector<AgingInvoice> invoices = {
      Open("I1", "C1", D(2026, 2, 1), D(2026, 3, 3), "1200.00 EUR",
           "1200.00 EUR"),
      Open("I2", "C2", D(2026, 3, 10), D(2026, 4, 9), "800.00 EUR",
           "300.00 EUR"),
      Open("I3", "C3", D(2025, 11, 1), D(2025, 12, 1), "500.00 GBP",
           "500.00 GBP"),
  };
  invoices[0].customer_name = "Dupont, Fils & Cie";
  invoices[0].penalties = M("45.00 EUR");
  invoices[1].customer_name = "Martin SA";
  invoices[2].customer_name = "Acme <UK> Ltd";
  invoices[2].penalties = std::nullopt;
  invoices[2].disputed = M("500.00 GBP");
  return invoices;
}

AgingReport TinyReport() {
  absl::StatusOr<AgingReport> report =
      ComputeAging(TinyPortfolio(), kAsOf, {.by_customer = true});
  EXPECT_THAT(report, IsOk());
  return report.ok() ? *report : AgingReport{};
}

TEST(AgingToCsv, OneRowPerCurrencyThenPerCustomer) {
  EXPECT_EQ(
      AgingToCsv(TinyReport()),
      "scope,customer,customer_name,currency,not_due,not_due_count,days_1_30,"
      "days_1_30_count,days_31_60,days_31_60_count,days_61_90,"
      "days_61_90_count,over_90,over_90_count,outstanding,overdue,disputed,"
      "open_invoices,penalties,penalties_unknown,sales,dso_days\n"
      "currency,,,EUR,300.00,1,1200.00,1,0.00,0,0.00,0,0.00,0,1500.00,1200.00,"
      "0.00,2,45.00,0,2000.00,67.5\n"
      "currency,,,GBP,0.00,0,0.00,0,0.00,0,0.00,0,500.00,1,500.00,500.00,"
      "500.00,1,0.00,1,0.00,\n"
      "customer,C1,\"Dupont, Fils & Cie\",EUR,0.00,0,1200.00,1,0.00,0,0.00,0,"
      "0.00,0,1200.00,1200.00,0.00,1,45.00,0,1200.00,90.0\n"
      "customer,C2,Martin SA,EUR,300.00,1,0.00,0,0.00,0,0.00,0,0.00,0,300.00,"
      "0.00,0.00,1,0.00,0,800.00,33.8\n"
      "customer,C3,Acme <UK> Ltd,GBP,0.00,0,0.00,0,0.00,0,0.00,0,500.00,1,"
      "500.00,500.00,500.00,1,0.00,1,0.00,\n");
}

TEST(AgingToCsv, QuotesQuotesInNames) {
  std::vector<AgingInvoice> invoices = TinyPortfolio();
  invoices.resize(1);
  invoices[0].customer_name = "Les \"Bons\" Comptes";
  absl::StatusOr<AgingReport> report =
      ComputeAging(invoices, kAsOf, {.by_customer = true});
  ASSERT_THAT(report, IsOk());
  EXPECT_THAT(AgingToCsv(*report),
              HasSubstr("\ncustomer,C1,\"Les \"\"Bons\"\" Comptes\",EUR,"));
}

TEST(AgingToJson, TheDocumentForATinyPortfolio) {
  const std::string json = AgingToJson(TinyReport());
  // Read back, the document holds the hand-computed figures ...
  const nlohmann::json document = nlohmann::json::parse(json);
  EXPECT_EQ(document["schema"], "relance.aging");
  EXPECT_EQ(document["currencies"][0]["dso_days"], "67.5");
  EXPECT_TRUE(document["currencies"][1]["dso_days"].is_null());
  EXPECT_EQ(document["customers"][2]["name"], "Acme <UK> Ltd");
  // ... and its exact text is this (keys in the documented order).
  const std::string eur_buckets = R"([
        {
          "bucket": "not_due",
          "first_day": null,
          "last_day": 0,
          "amount": "300.00 EUR",
          "count": 1
        },
        {
          "bucket": "1-30",
          "first_day": 1,
          "last_day": 30,
          "amount": "1200.00 EUR",
          "count": 1
        },
        {
          "bucket": "31-60",
          "first_day": 31,
          "last_day": 60,
          "amount": "0.00 EUR",
          "count": 0
        },
        {
          "bucket": "61-90",
          "first_day": 61,
          "last_day": 90,
          "amount": "0.00 EUR",
          "count": 0
        },
        {
          "bucket": "over_90",
          "first_day": 91,
          "last_day": null,
          "amount": "0.00 EUR",
          "count": 0
        }
      ])";
  EXPECT_THAT(json, HasSubstr(R"({
  "schema": "relance.aging",
  "schema_version": 1,
  "as_of": "2026-03-31",
  "dso_window": {
    "from": "2026-01-01",
    "to": "2026-03-31",
    "days": 90
  },
  "currencies": [
    {
      "currency": "EUR",
      "buckets": )" + eur_buckets +
                              R"(,
      "outstanding": "1500.00 EUR",
      "overdue": "1200.00 EUR",
      "disputed": "0.00 EUR",
      "open_invoices": 2,
      "penalties": "45.00 EUR",
      "penalties_unknown": 0,
      "sales": "2000.00 EUR",
      "dso_days": "67.5"
    },
    {
      "currency": "GBP",)"));
  EXPECT_THAT(json, HasSubstr(R"(
      "outstanding": "500.00 GBP",
      "overdue": "500.00 GBP",
      "disputed": "500.00 GBP",
      "open_invoices": 1,
      "penalties": "0.00 GBP",
      "penalties_unknown": 1,
      "sales": "0.00 GBP",
      "dso_days": null
    }
  ],
  "customers": [
    {
      "customer": "C1",
      "name": "Dupont, Fils & Cie",
      "currency": "EUR",
      "buckets": [)"));
  EXPECT_EQ(json.back(), '\n');
}

TEST(AgingToJson, CustomersIsNullWithoutByCustomer) {
  absl::StatusOr<AgingReport> report = ComputeAging(TinyPortfolio(), kAsOf);
  ASSERT_THAT(report, IsOk());
  const nlohmann::json document = nlohmann::json::parse(AgingToJson(*report));
  EXPECT_TRUE(document["customers"].is_null());
  EXPECT_EQ(document["currencies"].size(), 2u);
}

TEST(AgingToText, AlignedTablesPerCurrencyAndCustomer) {
  EXPECT_EQ(AgingToText(TinyReport()),
            R"(Ageing of receivables as of 2026-03-31 (days past due)

  EUR             amount  invoices   share
  not due         300.00         1   20.0%
  1-30 days     1,200.00         1   80.0%
  31-60 days        0.00         0    0.0%
  61-90 days        0.00         0    0.0%
  over 90 days      0.00         0    0.0%
  outstanding   1,500.00         2  100.0%
  overdue       1,200.00             80.0%
  disputed          0.00              0.0%
  penalties accrued: 45.00 EUR
  DSO: 67.5 days (sales issued 2026-01-01 to 2026-03-31: 2,000.00 EUR)

  GBP           amount  invoices   share
  not due         0.00         0    0.0%
  1-30 days       0.00         0    0.0%
  31-60 days      0.00         0    0.0%
  61-90 days      0.00         0    0.0%
  over 90 days  500.00         1  100.0%
  outstanding   500.00         1  100.0%
  overdue       500.00            100.0%
  disputed      500.00            100.0%
  penalties accrued: 0.00 GBP (not known for 1 invoice)
  DSO: n/a (sales issued 2026-01-01 to 2026-03-31: 0.00 GBP)

By customer
  customer  name                currency  not due  1-30 days  31-60 days  61-90 days  over 90 days  outstanding   DSO
  C1        Dupont, Fils & Cie  EUR          0.00   1,200.00        0.00        0.00          0.00     1,200.00  90.0
  C2        Martin SA           EUR        300.00       0.00        0.00        0.00          0.00       300.00  33.8
  C3        Acme <UK> Ltd       GBP          0.00       0.00        0.00        0.00        500.00       500.00   n/a
)");
}

TEST(AgingToText, AlignsAccentedNamesByCharacters) {
  std::vector<AgingInvoice> invoices = TinyPortfolio();
  invoices.resize(2);
  invoices[0].customer_name = "Société Générale";  // 16 characters, 18 bytes
  invoices[1].customer_name = "Martin SA";
  absl::StatusOr<AgingReport> report =
      ComputeAging(invoices, kAsOf, {.by_customer = true});
  ASSERT_THAT(report, IsOk());
  const std::string text = AgingToText(*report);
  // Both names are padded to 16 characters, so "EUR" starts in the same
  // column.
  EXPECT_THAT(text, HasSubstr("  C1        Société Générale  EUR "));
  EXPECT_THAT(text, HasSubstr("  C2        Martin SA         EUR "));
}

// Counts occurrences of `needle` in `text`.
size_t Count(std::string_view text, std::string_view needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

TEST(AgingToSvg, BarsProportionalToTheLargestBucketOfEachCurrency) {
  const std::string svg = AgingToSvg(TinyReport());
  // EUR: 1-30 (1200.00) is the largest bucket and spans 400 units; not due
  // (300.00) is 300 / 1200 x 400 = 100; empty buckets have width 0.
  EXPECT_THAT(svg, HasSubstr("width=\"400\" height=\"22\" fill=\"#ffc107\">"
                             "<title>1-30 days: 1200.00 EUR</title>"));
  EXPECT_THAT(svg, HasSubstr("width=\"100\" height=\"22\" fill=\"#4caf50\">"
                             "<title>not due: 300.00 EUR</title>"));
  // GBP: over 90 is its only and largest bucket, full width too.
  EXPECT_THAT(svg, HasSubstr("width=\"400\" height=\"22\" fill=\"#b71c1c\">"
                             "<title>over 90 days: 500.00 GBP</title>"));
  EXPECT_EQ(Count(svg, "<rect "), 1u + 2u * 5u);  // background + 5 per panel
  EXPECT_THAT(svg, HasSubstr("1,200.00 EUR (1 invoice)</text>"));
  EXPECT_THAT(svg, HasSubstr("DSO 67.5 days"));
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(AgingToSvg(TinyReport()), svg);  // deterministic
}

// The SVG is read by a real XML parser (Python's xml.dom.minidom, as the
// build's scripts use python3), which rejects any unbalanced tag or
// unescaped character; the root must be an SVG 1.1 <svg> element.
TEST(AgingToSvg, IsWellFormedXml) {
  std::vector<AgingInvoice> invoices = TinyPortfolio();
  absl::StatusOr<AgingReport> report = ComputeAging(invoices, kAsOf);
  ASSERT_THAT(report, IsOk());
  const std::string path = ::testing::TempDir() + "aging_test.svg";
  {
    std::ofstream file(path, std::ios::binary);
    file << AgingToSvg(*report);
    ASSERT_TRUE(file.good()) << path;
  }
  const std::string command =
      "python3 -c \"import sys, xml.dom.minidom as m; "
      "root = m.parse(sys.argv[1]).documentElement; "
      "sys.exit(0 if root.tagName == 'svg' and root.getAttribute('xmlns') == "
      "'http://www.w3.org/2000/svg' and root.getAttribute('version') == '1.1' "
      "else 3)\" '" +
      path + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  // The parser itself is not lenient: a stray '&' is rejected.
  {
    std::ofstream file(path, std::ios::binary);
    file << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\">"
            "<text>A & B</text></svg>\n";
  }
  EXPECT_NE(std::system((command + " 2>/dev/null").c_str()), 0);
  std::remove(path.c_str());
}

TEST(AgingToSvg, EmptyReportHasATitleAndANote) {
  absl::StatusOr<AgingReport> report =
      ComputeAging(std::vector<AgingInvoice>{}, kAsOf);
  ASSERT_THAT(report, IsOk());
  const std::string svg = AgingToSvg(*report);
  EXPECT_THAT(svg, HasSubstr(">No invoices.</text>"));
  EXPECT_THAT(svg, HasSubstr("<title>Ageing of receivables as of 2026-03-31"
                             "</title>"));
}

}  // namespace
}  // namespace relance::store
