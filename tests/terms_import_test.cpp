#include "relance/terms_import.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::nlohmann::json;
using ::relance::testing::CurrencyOf;
using ::relance::testing::Eur;
using ::relance::testing::InstalmentAmounts;
using ::relance::testing::IsOk;
using ::relance::testing::ReadExampleFile;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Currency kEur = CurrencyOf("EUR");

PaymentTerms Import(TermsSystem system, const json& document) {
  absl::StatusOr<PaymentTerms> terms =
      ImportTerms(system, document.dump(), {}, kEur);
  EXPECT_THAT(terms, IsOk()) << document.dump();
  return terms.ok() ? *terms : *PaymentTerms::Parse("net 0");
}

std::vector<Date> DueDates(const PaymentTerms& terms, Date invoice) {
  absl::StatusOr<std::vector<Date>> dates = terms.DueDates(invoice);
  EXPECT_THAT(dates, IsOk());
  return dates.ok() ? *dates : std::vector<Date>{};
}

// --- Independent re-implementations of the systems' date arithmetic -------
// Written from the systems' sources (quoted), with plain civil fields, to
// check the importers and the formulas of docs/terms.md.

int DaysIn(int year, int month) {
  return static_cast<int>(DaysInMonth(year, static_cast<unsigned>(month)));
}

Date Ymd(int year, int month, int day) {
  return MakeDate(year, static_cast<unsigned>(month),
                  static_cast<unsigned>(day));
}

// dateutil.relativedelta(day=, month=, months=, weeks=, days=, weekday=)
// added to a date: the absolute month, then the relative months, then the
// day (absolute or the date's own) clamped to the month, then the days, then
// the first `weekday` (0 = Monday) on or after.
Date RelativeDelta(Date from, int day, int month, int months, int days,
                   int weeks = 0, std::optional<int> weekday = std::nullopt) {
  int year = YearOf(from);
  int m = month > 0 ? month : static_cast<int>(MonthOf(from));
  int index = year * 12 + (m - 1) + months;
  year = index / 12;
  m = index % 12 + 1;
  const int d =
      std::min(DaysIn(year, m), day > 0 ? day : static_cast<int>(DayOf(from)));
  Date result = Ymd(year, m, d) + Days{days + 7 * weeks};
  if (weekday.has_value()) {
    const int current = static_cast<int>(WeekdayOf(result).iso_encoding()) - 1;
    result += Days{(7 - current + *weekday) % 7};
  }
  return result;
}

Date LastDay(Date date) { return RelativeDelta(date, 31, 0, 0, 0); }

// Odoo 14/15 AccountPaymentTerm.compute, one line.
Date Odoo15(Date invoice, const std::string& option, int days,
            int day_of_month) {
  if (option == "day_after_invoice_date") {
    Date next = invoice + Days{days};
    if (day_of_month > 0) {
      const int delta = day_of_month < static_cast<int>(DayOf(next)) ? 1 : 0;
      next = RelativeDelta(next, day_of_month, 0, delta, 0);
    }
    return next;
  }
  if (option == "after_invoice_month") {
    return RelativeDelta(invoice, 1, 0, 1, 0) + Days{days - 1};
  }
  if (option == "day_following_month") {
    return RelativeDelta(invoice, days, 0, 1, 0);
  }
  return RelativeDelta(invoice, days, 0, 0, 0);  // day_current_month
}

// Odoo 16 AccountPaymentTermLine._get_due_date.
Date Odoo16(Date invoice, int months, int days, bool end_month,
            int days_after) {
  Date due = RelativeDelta(invoice, 0, 0, months, 0) + Days{days};
  if (end_month) due = LastDay(due) + Days{days_after};
  return due;
}

// Odoo 17/18 AccountPaymentTermLine._get_due_date.
Date Odoo17(Date invoice, const std::string& type, int nb_days,
            int days_next_month) {
  if (type == "days_after_end_of_month")
    return LastDay(invoice) + Days{nb_days};
  if (type == "days_after_end_of_next_month") {
    return LastDay(RelativeDelta(invoice, 0, 0, 1, 0)) + Days{nb_days};
  }
  if (type == "days_end_of_month_on_the") {
    const Date after = invoice + Days{nb_days};
    if (days_next_month == 0) return LastDay(after);
    return RelativeDelta(after, days_next_month, 0, 1, 0);
  }
  return invoice + Days{nb_days};
}

// ERPNext accounts_controller.get_due_date (current versions).
Date ErpNext(Date invoice, const std::string& based_on, int days, int months) {
  if (based_on == "Day(s) after the end of the invoice month") {
    return LastDay(invoice) + Days{days};
  }
  if (based_on == "Month(s) after the end of the invoice month") {
    return LastDay(RelativeDelta(invoice, 0, 0, months, 0));
  }
  return invoice + Days{days};
}

// SAP: the baseline date (fixed day ZFAEL of the month ZMONA months on, 31
// the last day), then a fixed day ZSTG of the month ZSMN months on, or ZTAG
// days.
Date Sap(Date invoice, int zfael, int zmona, int ztag, int zstg, int zsmn) {
  Date baseline = RelativeDelta(invoice, zfael, 0, zmona, 0);
  if (zstg > 0) return RelativeDelta(baseline, zstg, 0, zsmn, 0);
  return baseline + Days{ztag};
}

// Runs `check` on every invoice date of 2023 and 2024 (a common and a leap
// year, every month length and end).
void ForEveryInvoiceDate(const std::function<void(Date)>& check) {
  for (Date d = MakeDate(2023, 1, 1); d <= MakeDate(2024, 12, 31);
       d += Days{1}) {
    check(d);
  }
}

void ExpectSameDates(const PaymentTerms& terms,
                     const std::function<Date(Date)>& system,
                     const std::string& what) {
  int mismatches = 0;
  ForEveryInvoiceDate([&](Date invoice) {
    const std::vector<Date> dates = DueDates(terms, invoice);
    if (dates.empty() || dates.back() != system(invoice)) {
      if (++mismatches <= 3) {
        ADD_FAILURE() << what << ": invoice " << FormatDate(invoice)
                      << ": relance "
                      << (dates.empty() ? "-" : FormatDate(dates.back()))
                      << ", system " << FormatDate(system(invoice));
      }
    }
  });
  EXPECT_EQ(mismatches, 0) << what;
}

void ExpectFormulaMatches(const std::string& formula,
                          const std::function<Date(Date)>& system) {
  absl::StatusOr<DateFormula> parsed = DateFormula::Parse(formula);
  ASSERT_THAT(parsed, IsOk()) << formula;
  int mismatches = 0;
  ForEveryInvoiceDate([&](Date invoice) {
    absl::StatusOr<Date> due = parsed->Evaluate(invoice);
    if (!due.ok() || *due != system(invoice)) {
      if (++mismatches <= 3) {
        ADD_FAILURE() << formula << ": invoice " << FormatDate(invoice)
                      << ": formula " << (due.ok() ? FormatDate(*due) : "error")
                      << ", system " << FormatDate(system(invoice));
      }
    }
  });
  EXPECT_EQ(mismatches, 0) << formula;
}

// --- Odoo -----------------------------------------------------------------

TEST(TermsImport, Odoo15FromItsCode) {
  // The case of issue 8: "31 days, on the 15th" from 2023-01-16 is
  // 2023-03-15 in Odoo 15 (2023-02-16 is after the 15th, so the next month).
  const PaymentTerms terms =
      Import(TermsSystem::kOdoo, {{"line_ids",
                                   {{{"value", "balance"},
                                     {"days", 31},
                                     {"day_of_the_month", 15},
                                     {"option", "day_after_invoice_date"}}}}});
  EXPECT_THAT(DueDates(terms, MakeDate(2023, 1, 16)),
              ElementsAre(MakeDate(2023, 3, 15)));
  // Lines are ordered by sequence; 30 % then the balance.
  const PaymentTerms split =
      Import(TermsSystem::kOdoo, {{"line_ids",
                                   {{{"sequence", 9},
                                     {"value", "balance"},
                                     {"days", 0},
                                     {"option", "day_following_month"}},
                                    {{"sequence", 1},
                                     {"value", "percent"},
                                     {"value_amount", 30.0},
                                     {"days", 0},
                                     {"option", "day_after_invoice_date"}}}}});
  absl::StatusOr<PaymentSchedule> schedule =
      split.Schedule(MakeDate(2023, 1, 31), Eur("100.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule), ElementsAre("30.00", "70.00"));
  // day_following_month with 0 days: relativedelta(day=0) keeps the day.
  EXPECT_EQ(schedule->instalments[1].due_date, MakeDate(2023, 2, 28));
}

TEST(TermsImport, Odoo15MatchesItsAlgorithmEveryDay) {
  for (int days : {0, 15, 30, 31, 45}) {
    for (int dom : {0, 1, 10, 15, 28, 29, 30, 31}) {
      const PaymentTerms terms = Import(
          TermsSystem::kOdoo, {{"line_ids",
                                {{{"value", "balance"},
                                  {"days", days},
                                  {"day_of_the_month", dom},
                                  {"option", "day_after_invoice_date"}}}}});
      ExpectSameDates(
          terms,
          [&](Date d) {
            return Odoo15(d, "day_after_invoice_date", days, dom);
          },
          "odoo15 day_after_invoice_date " + std::to_string(days) + "/" +
              std::to_string(dom));
    }
  }
  for (const char* option :
       {"after_invoice_month", "day_following_month", "day_current_month"}) {
    for (int days : {0, 1, 10, 15, 28, 29, 30, 31}) {
      const PaymentTerms terms = Import(
          TermsSystem::kOdoo,
          {{"line_ids",
            {{{"value", "balance"}, {"days", days}, {"option", option}}}}});
      ExpectSameDates(
          terms, [&](Date d) { return Odoo15(d, option, days, 0); },
          std::string("odoo15 ") + option + " " + std::to_string(days));
    }
  }
}

TEST(TermsImport, Odoo16FromItsTests) {
  // Odoo 16 addons/account/tests/test_account_payment_term.py,
  // test_payment_term: {months, days, end_month, days_after} and
  // (invoice date, due date) pairs.
  struct Case {
    int months, days;
    bool end_month;
    int days_after;
    Date invoice, due;
  };
  const Case cases[] = {
      {0, 0, true, 15, MakeDate(2019, 1, 31), MakeDate(2019, 2, 15)},
      {0, 0, true, 0, MakeDate(2019, 1, 1), MakeDate(2019, 1, 31)},
      {0, 0, true, 1, MakeDate(2019, 1, 31), MakeDate(2019, 2, 1)},
      {0, 30, false, 0, MakeDate(2022, 1, 31), MakeDate(2022, 3, 2)},
      {0, 30, true, 0, MakeDate(2022, 1, 1), MakeDate(2022, 1, 31)},
      {0, 30, true, 0, MakeDate(2022, 1, 15), MakeDate(2022, 2, 28)},
      {0, 30, true, 0, MakeDate(2022, 1, 31), MakeDate(2022, 3, 31)},
      {1, 0, true, 0, MakeDate(2022, 1, 31), MakeDate(2022, 2, 28)},
      {0, 30, true, 10, MakeDate(2022, 1, 31), MakeDate(2022, 4, 10)},
      {0, 90, true, 10, MakeDate(2022, 1, 15), MakeDate(2022, 5, 10)},
      {3, 0, true, 10, MakeDate(2022, 1, 31), MakeDate(2022, 5, 10)},
      {1, 15, true, 45, MakeDate(2022, 1, 1), MakeDate(2022, 4, 14)},
      {1, 15, true, 45, MakeDate(2022, 1, 15), MakeDate(2022, 5, 15)},
      {0, -10, true, 10, MakeDate(2022, 1, 10), MakeDate(2022, 1, 10)},
      {0, -10, true, 10, MakeDate(2022, 1, 15), MakeDate(2022, 2, 10)},
  };
  for (const Case& c : cases) {
    const PaymentTerms terms =
        Import(TermsSystem::kOdoo, {{"line_ids",
                                     {{{"value", "balance"},
                                       {"months", c.months},
                                       {"days", c.days},
                                       {"end_month", c.end_month},
                                       {"days_after", c.days_after}}}}});
    EXPECT_THAT(DueDates(terms, c.invoice), ElementsAre(c.due))
        << c.months << "M " << c.days << "D " << c.days_after;
  }
  // test_payment_term_compute_method: 10 % (2 days, 10 % off within 1),
  // 20 % (4 days, 20 % within 3), 20 % (6 days), the balance (8 days, 20 %
  // within 7), on 1000.00 untaxed + 150.00 tax. What is paid with the
  // discount, 'included': 103.50, 184.00, -, 460.00; 'excluded': 105.00,
  // 190.00, -, 475.00.
  const json lines = {{{"value", "percent"},
                       {"value_amount", 10},
                       {"days", 2},
                       {"discount_percentage", 10},
                       {"discount_days", 1}},
                      {{"value", "percent"},
                       {"value_amount", 20},
                       {"days", 4},
                       {"discount_percentage", 20},
                       {"discount_days", 3}},
                      {{"value", "percent"}, {"value_amount", 20}, {"days", 6}},
                      {{"value", "balance"},
                       {"days", 8},
                       {"discount_percentage", 20},
                       {"discount_days", 7}}};
  for (const auto& [computation, expected] :
       std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"included", {"103.50", "184.00", "460.00"}},
           {"excluded", {"105.00", "190.00", "475.00"}}}) {
    const PaymentTerms terms = Import(
        TermsSystem::kOdoo,
        {{"line_ids", lines}, {"early_pay_discount_computation", computation}});
    absl::StatusOr<PaymentSchedule> schedule =
        terms.Schedule(MakeDate(2016, 1, 1), Eur("1150.00"), Eur("150.00"));
    ASSERT_THAT(schedule, IsOk());
    EXPECT_THAT(InstalmentAmounts(*schedule),
                ElementsAre("115.00", "230.00", "230.00", "575.00"));
    std::vector<std::string> paid;
    for (const ScheduledInstalment& i : schedule->instalments) {
      for (const ScheduledDiscount& d : i.discounts) {
        paid.push_back(d.net_payable.FormatAmount());
      }
    }
    EXPECT_EQ(paid, expected) << computation;
    EXPECT_EQ(schedule->instalments[1].discounts[0].deadline,
              MakeDate(2016, 1, 4));
  }
}

TEST(TermsImport, Odoo16MatchesItsAlgorithmEveryDay) {
  for (int months : {0, 1, 2}) {
    for (int days : {-10, 0, 15, 30}) {
      for (bool end_month : {false, true}) {
        for (int days_after : {0, 10}) {
          const PaymentTerms terms =
              Import(TermsSystem::kOdoo, {{"line_ids",
                                           {{{"value", "balance"},
                                             {"months", months},
                                             {"days", days},
                                             {"end_month", end_month},
                                             {"days_after", days_after}}}}});
          ExpectSameDates(
              terms,
              [&](Date d) {
                return Odoo16(d, months, days, end_month, days_after);
              },
              "odoo16");
        }
      }
    }
  }
}

TEST(TermsImport, Odoo17FromItsTests) {
  // Odoo 17 addons/account/tests/test_account_payment_terms.py.
  struct Case {
    int nb_days;
    int day;
    Date invoice;
    Date expected;
  };
  const Case cases[] = {
      // test_payment_term_days_end_of_month_on_the
      {30, 10, MakeDate(2023, 12, 12), MakeDate(2024, 2, 10)},
      {30, 31, MakeDate(2023, 12, 12), MakeDate(2024, 2, 29)},
      // test_payment_term_days_end_of_month_nb_days_0
      {0, 29, MakeDate(2024, 5, 23), MakeDate(2024, 6, 29)},
      {0, 31, MakeDate(2024, 5, 23), MakeDate(2024, 6, 30)},
      // test_payment_term_days_end_of_month_nb_days_15
      {15, 30, MakeDate(2024, 5, 24), MakeDate(2024, 7, 30)},
      {15, 31, MakeDate(2024, 5, 23), MakeDate(2024, 7, 31)},
      // test_payment_term_days_end_of_month_days_next_month_0
      {30, 0, MakeDate(2024, 4, 22), MakeDate(2024, 5, 31)},
  };
  for (const Case& c : cases) {
    const PaymentTerms terms = Import(
        TermsSystem::kOdoo, {{"line_ids",
                              {{{"value", "percent"},
                                {"value_amount", 100},
                                {"nb_days", c.nb_days},
                                {"delay_type", "days_end_of_month_on_the"},
                                {"days_next_month", std::to_string(c.day)}}}}});
    EXPECT_THAT(DueDates(terms, c.invoice), ElementsAre(c.expected))
        << c.nb_days << " " << c.day;
  }
}

TEST(TermsImport, Odoo17MatchesItsAlgorithmEveryDay) {
  for (const char* type :
       {"days_after", "days_after_end_of_month", "days_after_end_of_next_month",
        "days_end_of_month_on_the"}) {
    for (int nb_days : {0, 15, 30, 45}) {
      for (int day : {0, 1, 10, 29, 30, 31}) {
        const PaymentTerms terms =
            Import(TermsSystem::kOdoo,
                   {{"line_ids",
                     {{{"value", "percent"},
                       {"value_amount", 100},
                       {"nb_days", nb_days},
                       {"delay_type", type},
                       {"days_next_month", std::to_string(day)}}}}});
        ExpectSameDates(
            terms, [&](Date d) { return Odoo17(d, type, nb_days, day); },
            std::string("odoo17 ") + type);
      }
    }
  }
}

TEST(TermsImport, Odoo17EarlyDiscountAndLastLineBalance) {
  // test_early_payment_discount.py: 10 % within 10 days on 1000.00 + 15 %
  // 'excluded': 100.00 off; the discount date of an invoice of 2019-01-01 is
  // 2019-01-11 (test_early_payment_end_date).
  const PaymentTerms terms = Import(
      TermsSystem::kOdoo,
      {{"early_discount", true},
       {"discount_percentage", 10},
       {"discount_days", 10},
       {"early_pay_discount_computation", "excluded"},
       {"line_ids",
        {{{"value", "percent"}, {"value_amount", 100}, {"nb_days", 0}}}}});
  absl::StatusOr<PaymentSchedule> schedule =
      terms.Schedule(MakeDate(2019, 1, 1), Eur("1150.00"), Eur("150.00"));
  ASSERT_THAT(schedule, IsOk());
  ASSERT_EQ(schedule->discounts.size(), 1u);
  EXPECT_EQ(schedule->discounts[0].deadline, MakeDate(2019, 1, 11));
  EXPECT_EQ(schedule->discounts[0].net_payable.FormatAmount(), "1050.00");
  // "30% Now, Balance 60 Days": the last line is the balance whatever its
  // value_amount says.
  const PaymentTerms split = Import(
      TermsSystem::kOdoo,
      {{"line_ids",
        {{{"value", "percent"}, {"value_amount", 30}, {"nb_days", 0}},
         {{"value", "percent"}, {"value_amount", 70}, {"nb_days", 60}}}}});
  EXPECT_EQ(split.spec().lines[1].share, InstalmentLine::Share::kBalance);
}

// --- ERPNext --------------------------------------------------------------

TEST(TermsImport, ErpNextTemplateRows) {
  // A template as ERPNext stores it (Payment Terms Template Detail rows):
  // 50 % 15 days after the invoice with 2 % off within 5 days, 50 % at the
  // end of the next month. Dates by erpnext/controllers/
  // accounts_controller.py get_due_date: 2024-01-31 + 15 days = 02-15;
  // get_last_day(add_months(2024-01-31, 1)) = 02-29.
  const PaymentTerms terms = Import(
      TermsSystem::kErpNext,
      {{"terms",
        {{{"payment_term", "_Test Payment Term 1"},
          {"invoice_portion", 50},
          {"due_date_based_on", "Day(s) after invoice date"},
          {"credit_days", 15},
          {"discount_type", "Percentage"},
          {"discount", 2},
          {"discount_validity_based_on", "Day(s) after invoice date"},
          {"discount_validity", 5}},
         {{"payment_term", "_Test Payment Term 2"},
          {"invoice_portion", 50},
          {"due_date_based_on", "Month(s) after the end of the invoice month"},
          {"credit_months", 1}}}}});
  EXPECT_THAT(DueDates(terms, MakeDate(2024, 1, 31)),
              ElementsAre(MakeDate(2024, 2, 15), MakeDate(2024, 2, 29)));
  absl::StatusOr<PaymentSchedule> schedule =
      terms.Schedule(MakeDate(2024, 1, 31), Eur("1000.00"));
  ASSERT_THAT(schedule, IsOk());
  ASSERT_EQ(schedule->instalments[0].discounts.size(), 1u);
  EXPECT_EQ(schedule->instalments[0].discounts[0].deadline,
            MakeDate(2024, 2, 5));
  EXPECT_EQ(schedule->instalments[0].discounts[0].discount.FormatAmount(),
            "10.00");
  EXPECT_THAT(ImportTerms(TermsSystem::kErpNext,
                          R"({"terms": [{"invoice_portion": 100,
                              "discount_type": "Amount", "discount": 5}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("only percentage discounts")));
}

TEST(TermsImport, ErpNextMatchesItsAlgorithmEveryDay) {
  for (const char* based_on : {"Day(s) after invoice date",
                               "Day(s) after the end of the invoice month",
                               "Month(s) after the end of the invoice month"}) {
    for (int n : {0, 1, 2, 3, 30}) {
      const PaymentTerms terms =
          Import(TermsSystem::kErpNext, {{"terms",
                                          {{{"invoice_portion", 100},
                                            {"due_date_based_on", based_on},
                                            {"credit_days", n},
                                            {"credit_months", n}}}}});
      ExpectSameDates(
          terms, [&](Date d) { return ErpNext(d, based_on, n, n); },
          std::string("erpnext ") + based_on);
    }
  }
}

// --- Tryton ---------------------------------------------------------------

TEST(TermsImport, TrytonFromItsTests) {
  // trytond account_invoice tests, test_payment_term: on 1587.35 from
  // 2011-10-01: 25 % of the remainder at 30 days, 25 % of the total at one
  // month, 396.84 at one month + 30 days, the remainder at 2 months, day 15,
  // + 30 days: 2011-10-31, 2011-11-01, 2011-12-01, 2012-01-14; 396.84 x 3
  // and 396.83.
  const json lines = {
      {{"sequence", 0},
       {"type", "percent"},
       {"ratio", "0.25"},
       {"divisor", 4},
       {"relativedeltas", {{{"days", 30}}}}},
      {{"sequence", 1},
       {"type", "percent_on_total"},
       {"ratio", "0.25"},
       {"relativedeltas", {{{"months", 1}}}}},
      {{"sequence", 2},
       {"type", "fixed"},
       {"amount", "396.84"},
       {"relativedeltas", {{{"months", 1}, {"days", 30}}}}},
      {{"sequence", 3},
       {"type", "remainder"},
       {"relativedeltas", {{{"months", 2}, {"days", 30}, {"day", 15}}}}}};
  const PaymentTerms terms = Import(TermsSystem::kTryton, {{"lines", lines}});
  absl::StatusOr<PaymentSchedule> schedule =
      terms.Schedule(MakeDate(2011, 10, 1), Eur("1587.35"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule),
              ElementsAre("396.84", "396.84", "396.84", "396.83"));
  std::vector<Date> dates;
  for (const ScheduledInstalment& i : schedule->instalments) {
    dates.push_back(i.due_date);
  }
  EXPECT_THAT(dates, ElementsAre(MakeDate(2011, 10, 31), MakeDate(2011, 11, 1),
                                 MakeDate(2011, 12, 1), MakeDate(2012, 1, 14)));
  // test_negative_amount: fixed 4.0, on -10.00: -2.5, -2.5, -4.0, -1.0.
  json negative = lines;
  negative[2]["amount"] = "4.0";
  schedule = Import(TermsSystem::kTryton, {{"lines", negative}})
                 .Schedule(MakeDate(2011, 10, 1), Eur("-10.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_THAT(InstalmentAmounts(*schedule),
              ElementsAre("-2.50", "-2.50", "-4.00", "-1.00"));
  // Issue 8: "1 month, day 31" from 2023-02-01 is 2023-03-31 in Tryton.
  const PaymentTerms day31 =
      Import(TermsSystem::kTryton,
             {{"lines",
               {{{"type", "remainder"},
                 {"relativedeltas", {{{"months", 1}, {"day", 31}}}}}}}});
  EXPECT_THAT(DueDates(day31, MakeDate(2023, 2, 1)),
              ElementsAre(MakeDate(2023, 3, 31)));
}

TEST(TermsImport, TrytonMatchesRelativedeltaEveryDay) {
  for (int day : {0, 1, 15, 28, 29, 30, 31}) {
    for (int month : {0, 2, 3, 12}) {
      for (int months : {-1, 0, 1, 2}) {
        for (int days : {0, 30}) {
          json delta = {{"day", day}, {"months", months}, {"days", days}};
          if (month > 0) delta["month"] = month;
          const PaymentTerms terms =
              Import(TermsSystem::kTryton,
                     {{"lines",
                       {{{"type", "remainder"},
                         {"relativedeltas", json::array({delta})}}}}});
          ExpectSameDates(
              terms,
              [&](Date d) {
                return RelativeDelta(d, day, month, months, days);
              },
              "tryton " + delta.dump());
        }
      }
    }
  }
  // Weeks and weekdays; then two deltas in turn.
  for (int weekday : {0, 4, 6}) {
    const PaymentTerms terms =
        Import(TermsSystem::kTryton, {{"lines",
                                       {{{"type", "remainder"},
                                         {"relativedeltas",
                                          {{{"weeks", 1}, {"weekday", weekday}},
                                           {{"months", 1}, {"day", 31}}}}}}}});
    ExpectSameDates(
        terms,
        [&](Date d) {
          return RelativeDelta(RelativeDelta(d, 0, 0, 0, 0, 1, weekday), 31, 0,
                               1, 0);
        },
        "tryton weekday " + std::to_string(weekday));
  }
  EXPECT_THAT(ImportTerms(TermsSystem::kTryton,
                          R"({"lines": [{"type": "remainder", "relativedeltas":
                      [{"days": 1}, {"month": 3}]}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a month without a day")));
  EXPECT_THAT(
      ImportTerms(TermsSystem::kTryton,
                  R"({"lines": [{"type": "fixed", "amount": "10"},
                      {"type": "percent", "ratio": "0.5"},
                      {"type": "remainder"}]})",
                  {}, kEur),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("percentage of the remainder after a fixed line")));
}

// --- Business Central -----------------------------------------------------

TEST(TermsImport, BusinessCentralPaymentTerms) {
  // The CRONUS demonstration terms "1M(8D)": due in one month, 2 % if paid
  // within 8 days (Microsoft Learn, "Set Up Payment Terms").
  const PaymentTerms terms =
      Import(TermsSystem::kBusinessCentral,
             {{"code", "1M(8D)"},
              {"dueDateCalculation", "1M"},
              {"discountDateCalculation", "8D"},
              {"discountPercent", 2},
              {"calculateDiscountOnCreditMemos", false}});
  absl::StatusOr<PaymentSchedule> schedule =
      terms.Schedule(MakeDate(2026, 1, 31), Eur("1000.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_EQ(schedule->final_due_date, MakeDate(2026, 2, 28));
  ASSERT_EQ(schedule->discounts.size(), 1u);
  EXPECT_EQ(schedule->discounts[0].deadline, MakeDate(2026, 2, 8));
  EXPECT_EQ(schedule->discounts[0].discount.FormatAmount(), "20.00");
  // Calc. Pmt. Disc. on Cr. Memos cleared: a credit memo gets no discount.
  schedule = terms.Schedule(MakeDate(2026, 1, 31), Eur("-1000.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_TRUE(schedule->discounts.empty());
  // Business Central's own notation, delimiters included.
  EXPECT_THAT(DueDates(Import(TermsSystem::kBusinessCentral,
                              {{"dueDateCalculation", "<CM+D10>"}}),
                       MakeDate(2026, 1, 15)),
              ElementsAre(MakeDate(2026, 2, 10)));
}

// --- SAP ------------------------------------------------------------------

TEST(TermsImport, SapDayLimits) {
  // SAP Help 4.6C, "Date-Specific Terms of Payment": ZB02 twice, day limit
  // 15 (due the last day of the month) and 31 (the 15th of the next month).
  const PaymentTerms terms =
      Import(TermsSystem::kSap,
             {{{"ZTERM", "ZB02"}, {"ZTAGG", 15}, {"ZSTG1", 31}, {"ZSMN1", 0}},
              {{"ZTERM", "ZB02"}, {"ZTAGG", 31}, {"ZSTG1", 15}, {"ZSMN1", 1}}});
  EXPECT_THAT(DueDates(terms, MakeDate(2026, 2, 15)),
              ElementsAre(MakeDate(2026, 2, 28)));
  EXPECT_THAT(DueDates(terms, MakeDate(2026, 2, 16)),
              ElementsAre(MakeDate(2026, 3, 15)));
  // SAP's standard key 0002: 3 % within 14 days, 2 % within 30, net 45.
  const PaymentTerms standard = Import(TermsSystem::kSap, {{"ZTERM", "0002"},
                                                           {"ZTAG1", 14},
                                                           {"ZPRZ1", "3.000"},
                                                           {"ZTAG2", 30},
                                                           {"ZPRZ2", "2.000"},
                                                           {"ZTAG3", 45}});
  absl::StatusOr<PaymentSchedule> schedule =
      standard.Schedule(MakeDate(2026, 1, 1), Eur("1000.00"));
  ASSERT_THAT(schedule, IsOk());
  EXPECT_EQ(schedule->final_due_date, MakeDate(2026, 2, 15));
  ASSERT_EQ(schedule->discounts.size(), 2u);
  EXPECT_EQ(schedule->discounts[0].deadline, MakeDate(2026, 1, 15));
  EXPECT_EQ(schedule->discounts[1].discount.FormatAmount(), "20.00");
  // KBA 2926267: days 1..9 the 10th of the next month, 10..25 the 25th of
  // the next month, 26..31 the 10th of the month after next.
  const PaymentTerms kba =
      Import(TermsSystem::kSap, {{{"ZTAGG", 9}, {"ZSTG1", 10}, {"ZSMN1", 1}},
                                 {{"ZTAGG", 25}, {"ZSTG1", 25}, {"ZSMN1", 1}},
                                 {{"ZTAGG", 31}, {"ZSTG1", 10}, {"ZSMN1", 2}}});
  EXPECT_THAT(DueDates(kba, MakeDate(2026, 1, 9)),
              ElementsAre(MakeDate(2026, 2, 10)));
  EXPECT_THAT(DueDates(kba, MakeDate(2026, 1, 10)),
              ElementsAre(MakeDate(2026, 2, 25)));
  EXPECT_THAT(DueDates(kba, MakeDate(2026, 1, 26)),
              ElementsAre(MakeDate(2026, 3, 10)));
  EXPECT_THAT(ImportTerms(TermsSystem::kSap, R"([{"ZTAGG": 15, "ZTAG1": 10}])"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the last day limit must be 31")));
}

TEST(TermsImport, SapMatchesItsRuleEveryDay) {
  for (int zfael : {0, 15, 31}) {
    for (int zmona : {0, 1}) {
      for (int ztag : {0, 10, 30}) {
        const PaymentTerms terms =
            Import(TermsSystem::kSap,
                   {{"ZFAEL", zfael}, {"ZMONA", zmona}, {"ZTAG1", ztag}});
        ExpectSameDates(
            terms, [&](Date d) { return Sap(d, zfael, zmona, ztag, 0, 0); },
            "sap days");
      }
      for (int zstg : {10, 15, 28, 29, 30, 31}) {
        for (int zsmn : {0, 1, 2}) {
          const PaymentTerms terms =
              Import(TermsSystem::kSap, {{"ZFAEL", zfael},
                                         {"ZMONA", zmona},
                                         {"ZSTG1", zstg},
                                         {"ZSMN1", zsmn}});
          ExpectSameDates(
              terms,
              [&](Date d) { return Sap(d, zfael, zmona, 0, zstg, zsmn); },
              "sap fixed day");
        }
      }
    }
  }
}

// --- The rows of docs/terms.md, against each system's algorithm ----------

TEST(TermsImport, TheFormerRowsWereWrong) {
  // Issue 8: the rows documented before disagree with the systems. Odoo 15
  // "31 days, on the 15th" from 2023-01-16: ND-CM-1D+DD gave 2023-02-15,
  // Odoo 2023-03-15. Tryton "1 month, day 31" from 2023-02-01: setting the
  // day first (-CM-1D+D31+1M) gave 2023-03-28, Tryton 2023-03-31.
  EXPECT_EQ(
      *DateFormula::Parse("31D-CM-1D+D15")->Evaluate(MakeDate(2023, 1, 16)),
      MakeDate(2023, 2, 15));
  EXPECT_EQ(Odoo15(MakeDate(2023, 1, 16), "day_after_invoice_date", 31, 15),
            MakeDate(2023, 3, 15));
  EXPECT_EQ(
      *DateFormula::Parse("-CM-1D+D31+1M")->Evaluate(MakeDate(2023, 2, 1)),
      MakeDate(2023, 3, 28));
  EXPECT_EQ(RelativeDelta(MakeDate(2023, 2, 1), 31, 0, 1, 0),
            MakeDate(2023, 3, 31));
}

TEST(TermsImport, DocumentedRowsHoldForEveryInvoiceDate) {
  for (int n : {0, 15, 30, 31, 45}) {
    const std::string nd = std::to_string(n) + "D";
    ExpectFormulaMatches(nd,
                         [&](Date d) { return Odoo17(d, "days_after", n, 0); });
    ExpectFormulaMatches("CM+" + nd, [&](Date d) {
      return Odoo17(d, "days_after_end_of_month", n, 0);
    });
    ExpectFormulaMatches("1M+CM+" + nd, [&](Date d) {
      return Odoo17(d, "days_after_end_of_next_month", n, 0);
    });
    ExpectFormulaMatches(nd + "+CM", [&](Date d) {
      return Odoo17(d, "days_end_of_month_on_the", n, 0);
    });
    ExpectFormulaMatches("CM+" + nd, [&](Date d) {
      return ErpNext(d, "Day(s) after the end of the invoice month", n, 0);
    });
    ExpectFormulaMatches("CM+" + nd, [&](Date d) {
      return Odoo15(d, "after_invoice_month", n, 0);
    });
    for (int x : {1, 10, 15, 28, 29, 30, 31}) {
      const std::string dx = "D" + std::to_string(x);
      // Odoo 17 "days end of month on the" X.
      ExpectFormulaMatches(nd + "+CM+" + dx, [&](Date d) {
        return Odoo17(d, "days_end_of_month_on_the", n, x);
      });
      // Odoo <= 15 day_after_invoice_date N with day_of_the_month X.
      ExpectFormulaMatches(nd + "-1D+" + dx, [&](Date d) {
        return Odoo15(d, "day_after_invoice_date", n, x);
      });
    }
  }
  for (int x : {1, 10, 15, 28, 29, 30, 31}) {
    const std::string dx = "D" + std::to_string(x);
    ExpectFormulaMatches("CM+" + dx, [&](Date d) {
      return Odoo15(d, "day_following_month", x, 0);
    });
    ExpectFormulaMatches("-CM-1D+" + dx, [&](Date d) {
      return Odoo15(d, "day_current_month", x, 0);
    });
    // Tryton day=X (and months M before it).
    for (int m : {0, 1, 2}) {
      ExpectFormulaMatches(std::to_string(m) + "M-CM-1D+" + dx, [&](Date d) {
        return RelativeDelta(d, x, 0, m, 0);
      });
      // SAP fixed day X, M additional months.
      ExpectFormulaMatches(std::to_string(m) + "M-CM-1D+" + dx,
                           [&](Date d) { return Sap(d, 0, 0, 0, x, m); });
    }
    // Tryton month=3 with day=X: January 1st, then 2 months, then the day.
    ExpectFormulaMatches("-CY+2M-CM-1D+" + dx,
                         [&](Date d) { return RelativeDelta(d, x, 3, 0, 0); });
  }
  for (int m : {0, 1, 2, 3}) {
    ExpectFormulaMatches(std::to_string(m) + "M+CM", [&](Date d) {
      return ErpNext(d, "Month(s) after the end of the invoice month", 0, m);
    });
  }
  // Odoo 16: MM+ND+CM+AD, and its "Next 10th of the month" (-10 days, end
  // of month, +10 days) as -1D+D10.
  for (int m : {0, 1, 3}) {
    for (int n : {0, 15, 30}) {
      for (int a : {0, 10, 45}) {
        ExpectFormulaMatches(absl::StrCat(m, "M+", n, "D+CM+", a, "D"),
                             [&](Date d) { return Odoo16(d, m, n, true, a); });
      }
    }
  }
  ExpectFormulaMatches("-1D+D10",
                       [&](Date d) { return Odoo16(d, 0, -10, true, 10); });
  for (int w = 0; w < 7; ++w) {
    ExpectFormulaMatches("-1D+WD" + std::to_string(w + 1), [&](Date d) {
      return RelativeDelta(d, 0, 0, 0, 0, 0, w);
    });
  }
}

TEST(TermsImport, ShippedOdooExample) {
  const PaymentTerms odoo = Import(
      TermsSystem::kOdoo,
      json::parse(ReadExampleFile("terms/odoo15_31_days_on_the_15th.json")));
  EXPECT_THAT(DueDates(odoo, MakeDate(2023, 1, 16)),
              ElementsAre(MakeDate(2023, 3, 15)));
}

TEST(TermsImport, ShippedTrytonExample) {
  const PaymentTerms tryton =
      Import(TermsSystem::kTryton,
             json::parse(ReadExampleFile("terms/tryton_1_month_day_31.json")));
  EXPECT_THAT(DueDates(tryton, MakeDate(2023, 2, 1)),
              ElementsAre(MakeDate(2023, 3, 31)));
}

TEST(TermsImport, ShippedSapExample) {
  const PaymentTerms sap =
      Import(TermsSystem::kSap,
             json::parse(ReadExampleFile("terms/sap_day_limits.json")));
  EXPECT_THAT(DueDates(sap, MakeDate(2026, 2, 15)),
              ElementsAre(MakeDate(2026, 2, 28)));
}

TEST(TermsImport, OdooErrorsNameTheSystemAndThePath) {
  EXPECT_THAT(ImportTerms(TermsSystem::kOdoo, R"({"line_ids": []})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("terms (odoo): line_ids: expected a "
                                 "non-empty array")));
  EXPECT_THAT(
      ImportTerms(TermsSystem::kOdoo,
                  R"({"line_ids": [{"value": "balance", "option": "never"}]})"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("line_ids[0].option: \"never\"")));
}

TEST(TermsImport, OdooFixedLinesNeedTheInvoiceCurrency) {
  EXPECT_THAT(
      ImportTerms(TermsSystem::kOdoo,
                  R"({"line_ids": [{"value": "fixed", "value_amount": 10,
                      "days": 0}, {"value": "balance"}]})"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("needs the invoice's currency")));
}

TEST(TermsImport, ErpNextErrorsNameThePath) {
  EXPECT_THAT(ImportTerms(TermsSystem::kErpNext, R"({"terms": [{"x": 1}]})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("terms (erpnext): terms[0]")));
}

TEST(TermsImport, ParseTermsSystemKnowsTheSupportedSystems) {
  EXPECT_THAT(
      ParseTermsSystem("quickbooks"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("quickbooks")));
  EXPECT_THAT(ParseTermsSystem("business-central"), IsOk());
}

TEST(TermsImport, PaymentTermsFromSystemIsTheSameImporter) {
  // PaymentTerms::FromSystem is the same importer.
  absl::StatusOr<PaymentTerms> terms = PaymentTerms::FromSystem(
      TermsSystem::kBusinessCentral, R"({"dueDateCalculation": "CM+30D"})");
  ASSERT_THAT(terms, IsOk());
  EXPECT_EQ(terms->spec().lines[0].due.ToString(), "CM+30D");
}

}  // namespace
}  // namespace relance
