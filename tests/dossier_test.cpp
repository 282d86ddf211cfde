#include "relance/dossier.hpp"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "relance/dossier_html.hpp"
#include "relance/dossier_json.hpp"
#include "relance/dunning.hpp"
#include "relance/event.hpp"
#include "relance/language.hpp"
#include "relance/policy.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::D;
using ::relance::testing::IsOk;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::M;
using ::relance::testing::ReadExampleFile;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string WellFormednessError(std::string_view html);
std::string PageText(std::string_view html);

// The creditor of every dossier here.
Creditor Lune() {
  return {.name = "Atelier Lune SAS",
          .address_lines = {"12 rue des Lilas", "69003 Lyon", "France"},
          .registration = "SIREN 512 345 678"};
}

// A French customer with two invoices, under examples/policies/
// standard_fr.json (penalties "fr-b2b"):
//   F-2001  3000.00 EUR, issued 2026-01-05, due 2026-02-04; reminder 1, a
//           call with a promise to pay by 2026-02-20 (confirmed in writing),
//           broken; reminder 2; formal notice by registered letter; paid in
//           full, late, on 2026-03-16.
//   F-2002  1200.00 EUR, issued 2026-01-20, "net 30": due 2026-02-19;
//           reminder 1; 200.00 EUR disputed on 2026-02-25, dispute rejected
//           on 2026-03-10; reminder 2; still unpaid on 2026-03-31.
constexpr std::string_view kMartinCase = R"({
  "customer": {"id": "C-310", "name": "Boulangerie Martin SARL"},
  "events": [
    {"date": "2026-01-05", "type": "invoice_issued", "invoice": "F-2001", "amount": "3000.00 EUR", "due_date": "2026-02-04", "reference": "FAC-2026-2001.pdf"},
    {"date": "2026-01-20", "type": "invoice_issued", "invoice": "F-2002", "amount": "1200.00 EUR", "terms": "net 30"},
    {"date": "2026-02-05", "type": "action_performed", "invoice": "F-2001", "level": "reminder1", "channel": "email", "reference": "R-2026-0201"},
    {"date": "2026-02-12", "type": "action_performed", "invoice": "F-2001", "level": "call", "channel": "phone", "reference": "appel avec Mme Martin"},
    {"date": "2026-02-12", "type": "promise_to_pay", "invoice": "F-2001", "promised_date": "2026-02-20", "amount": "3000.00 EUR"},
    {"date": "2026-02-13", "type": "promise_confirmed", "invoice": "F-2001", "reference": "courriel du 13 février"},
    {"date": "2026-02-20", "type": "action_performed", "invoice": "F-2002", "level": "reminder1", "channel": "email", "reference": "R-2026-0233"},
    {"date": "2026-02-23", "type": "action_performed", "invoice": "F-2001", "level": "reminder2", "channel": "letter", "reference": "LS-2026-0042"},
    {"date": "2026-02-25", "type": "dispute_opened", "invoice": "F-2002", "amount": "200.00 EUR", "reason": "une palette endommagée <à la livraison>"},
    {"date": "2026-03-02", "type": "action_performed", "invoice": "F-2001", "level": "notice", "channel": "registered_letter", "reference": "LRAR 1A 234 567 8901 2"},
    {"date": "2026-03-10", "type": "dispute_resolved", "invoice": "F-2002", "outcome": "rejected", "reference": "constat du transporteur"},
    {"date": "2026-03-12", "type": "action_performed", "invoice": "F-2002", "level": "reminder2", "channel": "letter", "reference": "LS-2026-0051"},
    {"date": "2026-03-16", "type": "payment_received", "invoice": "F-2001", "amount": "3000.00 EUR", "reference": "VIR 55120"}
  ]})";

Policy StandardFr() {
  absl::StatusOr<Policy> policy =
      Policy::FromJson(ReadExampleFile("policies/standard_fr.json"));
  EXPECT_THAT(policy, IsOk());
  return *policy;
}

Case MartinCase() {
  absl::StatusOr<Case> c = Case::FromJson(kMartinCase);
  EXPECT_THAT(c, IsOk());
  return *c;
}

Dossier MartinDossier(std::string invoice = "") {
  absl::StatusOr<Dossier> dossier = BuildDossier(
      StandardFr(), MartinCase(), D(2026, 3, 31),
      DossierOptions{.creditor = Lune(),
                     .debtor_address_lines = {"3 place Grandclément",
                                              "69100 Villeurbanne"},
                     .invoice = invoice});
  EXPECT_THAT(dossier, IsOk());
  return dossier.ok() ? *dossier : Dossier{};
}

// A policy that claims no penalties, and a British customer with invoices in
// two currencies, a payment plan, a promise and an account block:
//   N-1  1000.00 EUR, due 2026-01-31; a plan of 2 x 500.00 EUR (2026-02-20,
//        2026-03-20) agreed on 2026-02-05; the first instalment paid, the
//        second missed (noticed the day after, 2026-03-21);
//   N-2   800.00 GBP, due 2026-02-14; a promise to pay by 2026-03-05,
//        broken on 2026-03-06; a credit note of 100.00 GBP;
// the account blocked for new orders on 2026-02-01 (an event of the whole
// account, naming no invoice).
constexpr std::string_view kPlainPolicy = R"({
  "id": "plain", "version": 3,
  "levels": [{"id": "reminder1", "offset_days": 1, "channel": "email"}]})";

constexpr std::string_view kNorthwindCase = R"({
  "customer": {"id": "C-500", "name": "Northwind Ltd"},
  "events": [
    {"date": "2026-01-10", "type": "invoice_issued", "invoice": "N-1", "amount": "1000.00 EUR", "due_date": "2026-01-31"},
    {"date": "2026-01-15", "type": "invoice_issued", "invoice": "N-2", "amount": "800.00 GBP", "due_date": "2026-02-14"},
    {"date": "2026-02-01", "type": "account_blocked", "reason": "credit limit exceeded"},
    {"date": "2026-02-05", "type": "payment_plan_agreed", "invoices": ["N-1"], "instalments": [{"date": "2026-02-20", "amount": "500.00 EUR"}, {"date": "2026-03-20", "amount": "500.00 EUR"}], "reference": "plan signed on 5 February"},
    {"date": "2026-02-20", "type": "payment_received", "invoice": "N-1", "amount": "500.00 EUR"},
    {"date": "2026-02-25", "type": "promise_to_pay", "invoice": "N-2", "promised_date": "2026-03-05"},
    {"date": "2026-03-10", "type": "credit_note", "invoice": "N-2", "amount": "100.00 GBP", "reference": "CN-77"}
  ]})";

Dossier NorthwindDossier() {
  absl::StatusOr<Policy> policy = Policy::FromJson(kPlainPolicy);
  EXPECT_THAT(policy, IsOk());
  absl::StatusOr<Case> c = Case::FromJson(kNorthwindCase);
  EXPECT_THAT(c, IsOk());
  absl::StatusOr<Dossier> dossier =
      BuildDossier(*policy, *c, D(2026, 3, 31),
                   DossierOptions{.creditor = {.name = "Lune Trading Ltd"}});
  EXPECT_THAT(dossier, IsOk());
  return dossier.ok() ? *dossier : Dossier{};
}

// "date type [invoices]" per history entry, to compare whole histories.
std::vector<std::string> HistoryOf(const Dossier& dossier) {
  std::vector<std::string> lines;
  for (const DossierEntry& entry : dossier.history) {
    std::string line =
        absl::StrCat(FormatDate(entry.date), " ", std::string(entry.type()));
    for (const std::string& invoice : entry.invoices) {
      absl::StrAppend(&line, " ", invoice);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

// --- Figures -----------------------------------------------------------------

// fr-b2b in the first half of 2026: the ECB main refinancing rate in force on
// 1 January 2026 is 2.15 % (since 2025-06-11, data/rates/ecb_mro.csv), so the
// rate is 2.15 + 10 = 12.15 % (Code de commerce L441-10 II), Actual/365; the
// floor 3 x 2.62 % (taux légal, professionals, H1 2026) = 7.86 % is below it.
TEST(Dossier, FrenchInvoicePaidLateHandComputed) {
  const Dossier dossier = MartinDossier();
  ASSERT_EQ(dossier.invoices.size(), 2u);
  const DossierInvoice& f2001 = dossier.invoices[0];
  EXPECT_EQ(f2001.decision.invoice, "F-2001");
  EXPECT_EQ(f2001.decision.state, InvoiceState::kPaid);
  EXPECT_EQ(f2001.paid, M("3000.00 EUR"));
  EXPECT_EQ(f2001.paid_date, D(2026, 3, 16));
  // Due 2026-02-04, paid 2026-03-16: 24 days in February (5..28) + 16 in
  // March = 40 days late.
  EXPECT_EQ(f2001.decision.days_late, 40);
  ASSERT_TRUE(f2001.penalties.has_value());
  const PenaltyAssessment& a = *f2001.penalties;
  ASSERT_EQ(a.lines.size(), 2u);
  // 2026-02-05..2026-03-16, 40 days on 3000.00:
  //   3000.00 x 12.15 % x 40 / 365 = 14580 / 365 = 39.9452... -> 39.95.
  EXPECT_EQ(a.lines[0].first_day, D(2026, 2, 5));
  EXPECT_EQ(a.lines[0].last_day, D(2026, 3, 16));
  EXPECT_EQ(a.lines[0].days, 40);
  EXPECT_EQ(a.lines[0].principal, M("3000.00 EUR"));
  EXPECT_EQ(a.lines[0].annual_rate, Rate::FromBasisPoints(1215));
  EXPECT_EQ(a.lines[0].amount, M("39.95 EUR"));
  // The 3000.00 paid on 2026-03-16 settles costs, then interest, then
  // principal (Code civil 1343-1; fr-b2b): 40.00 compensation + 39.95
  // interest, 2920.05 principal; 79.95 principal stays owed and bears
  // interest 2026-03-17..2026-03-31, 15 days:
  //   79.95 x 12.15 % x 15 / 365 = 0.3992... (shown 0.40).
  EXPECT_EQ(a.lines[1].first_day, D(2026, 3, 17));
  EXPECT_EQ(a.lines[1].days, 15);
  EXPECT_EQ(a.lines[1].principal, M("79.95 EUR"));
  EXPECT_EQ(a.lines[1].amount, M("0.40 EUR"));
  // Rounded once: 39.9452 + 0.3992 = 40.3444 -> 40.34 (not 39.95 + 0.40).
  EXPECT_EQ(a.interest, M("40.34 EUR"));
  // EUR 40 fixed compensation (D441-5): not paid by the due date.
  EXPECT_EQ(a.compensation, M("40.00 EUR"));
  // Still owed: 79.95 principal + (40.34 - 39.95) interest = 80.34, all of
  // it beyond the invoice balance (0.00): the claim.
  EXPECT_EQ(a.principal_outstanding, M("79.95 EUR"));
  EXPECT_EQ(a.interest_outstanding, M("0.39 EUR"));
  EXPECT_EQ(f2001.decision.claim, M("80.34 EUR"));
  EXPECT_EQ(f2001.decision.total_due, M("80.34 EUR"));
}

TEST(Dossier, FrenchInvoiceOpenAfterRejectedDisputeHandComputed) {
  const Dossier dossier = MartinDossier();
  ASSERT_EQ(dossier.invoices.size(), 2u);
  const DossierInvoice& f2002 = dossier.invoices[1];
  EXPECT_EQ(f2002.decision.invoice, "F-2002");
  EXPECT_EQ(f2002.terms, "net 30");
  // Issued 2026-01-20, net 30: due 2026-02-19.
  EXPECT_EQ(f2002.decision.due_date, D(2026, 2, 19));
  EXPECT_EQ(f2002.decision.state, InvoiceState::kOverdue);
  // The dispute over 200.00 was rejected: nothing is disputed any more.
  EXPECT_EQ(f2002.decision.disputed, M("0.00 EUR"));
  EXPECT_EQ(f2002.decision.outstanding, M("1200.00 EUR"));
  ASSERT_TRUE(f2002.penalties.has_value());
  // 2026-02-20..2026-03-31: 9 + 31 = 40 days;
  //   1200.00 x 12.15 % x 40 / 365 = 5832 / 365 = 15.978... -> 15.98.
  ASSERT_EQ(f2002.penalties->lines.size(), 1u);
  EXPECT_EQ(f2002.penalties->lines[0].days, 40);
  EXPECT_EQ(f2002.penalties->interest, M("15.98 EUR"));
  EXPECT_EQ(f2002.penalties->compensation, M("40.00 EUR"));
  // Claim 15.98 + 40.00 = 55.98; total 1200.00 + 55.98 = 1255.98.
  EXPECT_EQ(f2002.decision.claim, M("55.98 EUR"));
  EXPECT_EQ(f2002.decision.total_due, M("1255.98 EUR"));
}

TEST(Dossier, TotalsPerCurrencyAreSumsOfTheInvoices) {
  const Dossier dossier = MartinDossier();
  ASSERT_EQ(dossier.totals.size(), 1u);
  const DossierTotal& eur = dossier.totals[0];
  EXPECT_EQ(eur.amount, M("4200.00 EUR"));  // 3000 + 1200
  EXPECT_EQ(eur.paid, M("3000.00 EUR"));
  EXPECT_EQ(eur.outstanding, M("1200.00 EUR"));  // 0 + 1200
  EXPECT_EQ(eur.interest, M("56.32 EUR"));       // 40.34 + 15.98
  EXPECT_EQ(eur.compensation, M("80.00 EUR"));   // 2 x 40.00
  EXPECT_EQ(eur.claim, M("136.32 EUR"));         // 80.34 + 55.98
  EXPECT_EQ(eur.total_due, M("1336.32 EUR"));    // 80.34 + 1255.98
}

TEST(Dossier, FiguresAreTheDecisions) {
  // The dossier repeats Evaluate's figures; it does not compute its own.
  absl::StatusOr<Decision> decision =
      Evaluate(StandardFr(), MartinCase(), D(2026, 3, 31));
  ASSERT_THAT(decision, IsOk());
  const Dossier dossier = MartinDossier();
  ASSERT_EQ(dossier.invoices.size(), decision->invoices.size());
  for (size_t i = 0; i < dossier.invoices.size(); ++i) {
    const InvoiceDecision& ours = dossier.invoices[i].decision;
    const InvoiceDecision& theirs = decision->invoices[i];
    EXPECT_EQ(ours.invoice, theirs.invoice);
    EXPECT_EQ(ours.interest, theirs.interest);
    EXPECT_EQ(ours.compensation, theirs.compensation);
    EXPECT_EQ(ours.claim, theirs.claim);
    EXPECT_EQ(ours.total_due, theirs.total_due);
    EXPECT_EQ(dossier.invoices[i].penalties->interest, *theirs.interest);
  }
  EXPECT_THAT(dossier.totals[0].total_due, decision->total_due[0]);
  EXPECT_EQ(dossier.account_blocked_since, decision->account_blocked_since);
  EXPECT_EQ(dossier.ladder, decision->ladder);
}

TEST(Dossier, PartiesAndLegalBasis) {
  const Dossier dossier = MartinDossier();
  EXPECT_EQ(dossier.creditor.name, "Atelier Lune SAS");
  EXPECT_EQ(dossier.customer_id, "C-310");
  EXPECT_EQ(dossier.customer_name, "Boulangerie Martin SARL");
  EXPECT_THAT(dossier.customer_address_lines,
              ElementsAre("3 place Grandclément", "69100 Villeurbanne"));
  EXPECT_EQ(dossier.policy_id, "standard-fr");
  EXPECT_EQ(dossier.policy_version, 1);
  EXPECT_EQ(dossier.penalty_rule, "fr-b2b");
  EXPECT_THAT(dossier.penalty_citation, HasSubstr("L441-10"));
  EXPECT_EQ(dossier.compensation_basis, "Code de commerce D441-5");
  // The formal notice (level "notice", block_account) blocked the account.
  EXPECT_EQ(dossier.account_blocked_since, D(2026, 3, 2));
}

TEST(Dossier, BritishInvoiceWithAFeeHandComputed) {
  // examples/policies/uk_late_payment.json (Late Payment of Commercial Debts
  // (Interest) Act 1998): 5000.00 GBP due 2026-01-31; reminder 2 sent on
  // 2026-02-14 with a 15.00 GBP fee.
  absl::StatusOr<Policy> policy =
      Policy::FromJson(ReadExampleFile("policies/uk_late_payment.json"));
  ASSERT_THAT(policy, IsOk());
  absl::StatusOr<Case> c = Case::FromJson(R"({
    "customer": {"id": "C-900", "name": "Harbour Tools Ltd"},
    "events": [
      {"date": "2026-01-01", "type": "invoice_issued", "invoice": "H-1", "amount": "5000.00 GBP", "due_date": "2026-01-31"},
      {"date": "2026-02-01", "type": "action_performed", "invoice": "H-1", "level": "reminder1", "channel": "email"},
      {"date": "2026-02-14", "type": "action_performed", "invoice": "H-1", "level": "reminder2", "channel": "email", "amount": "15.00 GBP", "reference": "UK-R2-0007"}
    ]})");
  ASSERT_THAT(c, IsOk());
  absl::StatusOr<Dossier> dossier =
      BuildDossier(*policy, *c, D(2026, 3, 2),
                   DossierOptions{.creditor = {.name = "Lune Trading Ltd"}});
  ASSERT_THAT(dossier, IsOk());
  ASSERT_EQ(dossier->invoices.size(), 1u);
  ASSERT_TRUE(dossier->invoices[0].penalties.has_value());
  const PenaltyAssessment& a = *dossier->invoices[0].penalties;
  // Interest starts 2026-02-01 (January-June): the Bank Rate in force on
  // 31 December 2025, 3.75 % (since 2025-12-18), + 8 = 11.75 % for the
  // whole debt. 2026-02-01..2026-03-02: 28 + 2 = 30 days;
  //   5000.00 x 11.75 % x 30 / 365 = 17625 / 365 = 48.287... -> 48.29.
  ASSERT_EQ(a.lines.size(), 1u);
  EXPECT_EQ(a.lines[0].annual_rate, Rate::FromBasisPoints(1175));
  EXPECT_EQ(a.lines[0].days, 30);
  EXPECT_EQ(a.interest, M("48.29 GBP"));
  // s.5A: a debt of 1,000 to under 10,000: GBP 70.
  EXPECT_EQ(a.compensation, M("70.00 GBP"));
  // The reminder's fee, charged on 2026-02-14.
  EXPECT_EQ(a.charges, M("15.00 GBP"));
  // 48.29 + 70.00 + 15.00 = 133.29 owed beyond the invoice.
  EXPECT_EQ(dossier->invoices[0].decision.claim, M("133.29 GBP"));
  ASSERT_EQ(dossier->totals.size(), 1u);
  EXPECT_EQ(dossier->totals[0].fees_charged, M("15.00 GBP"));
  EXPECT_EQ(dossier->totals[0].total_due, M("5133.29 GBP"));
  absl::StatusOr<std::string> html =
      DossierToHtml(*dossier, Language::kEnglish);
  ASSERT_THAT(html, IsOk());
  EXPECT_EQ(WellFormednessError(*html), "");
  EXPECT_THAT(*html, HasSubstr("<tr><th>Dunning fees charged</th>"
                               "<td class=\"num\">£15.00</td></tr>"));
  // uk-late-payment settles principal first.
  EXPECT_THAT(*html, HasSubstr("payments being applied first to principal"));
  EXPECT_THAT(*html,
              HasSubstr("Dunning step “reminder2”, fee charged: £15.00"));
}

// --- History -----------------------------------------------------------------

TEST(Dossier, HistoryHasEveryEventAndTheTimeStepsInDateOrder) {
  const Dossier dossier = MartinDossier();
  // The due date passing (the day after it) and the broken promise (the day
  // after 2026-02-20) come from the fold; on one date, before the events.
  EXPECT_THAT(HistoryOf(dossier),
              ElementsAre("2026-01-05 invoice_issued F-2001",
                          "2026-01-20 invoice_issued F-2002",
                          "2026-02-05 due_date_passed F-2001",
                          "2026-02-05 action_performed F-2001",
                          "2026-02-12 action_performed F-2001",
                          "2026-02-12 promise_to_pay F-2001",
                          "2026-02-13 promise_confirmed F-2001",
                          "2026-02-20 due_date_passed F-2002",
                          "2026-02-20 action_performed F-2002",
                          "2026-02-21 promise_broken F-2001",
                          "2026-02-23 action_performed F-2001",
                          "2026-02-25 dispute_opened F-2002",
                          "2026-03-02 action_performed F-2001",
                          "2026-03-10 dispute_resolved F-2002",
                          "2026-03-12 action_performed F-2002",
                          "2026-03-16 payment_received F-2001"));
}

TEST(Dossier, ActionsKeepLevelChannelAndReference) {
  const Dossier dossier = MartinDossier();
  std::vector<std::string> actions;
  for (const DossierEntry& entry : dossier.history) {
    if (entry.trigger || entry.event.kind != EventKind::kActionPerformed) {
      continue;
    }
    actions.push_back(absl::StrCat(FormatDate(entry.date), " ",
                                   entry.event.level, " ", entry.event.channel,
                                   " ", entry.event.reference));
  }
  EXPECT_THAT(actions,
              ElementsAre("2026-02-05 reminder1 email R-2026-0201",
                          "2026-02-12 call phone appel avec Mme Martin",
                          "2026-02-20 reminder1 email R-2026-0233",
                          "2026-02-23 reminder2 letter LS-2026-0042",
                          "2026-03-02 notice registered_letter LRAR 1A 234 567 "
                          "8901 2",
                          "2026-03-12 reminder2 letter LS-2026-0051"));
}

TEST(Dossier, PlanPromiseBlockAndTwoCurrencies) {
  const Dossier dossier = NorthwindDossier();
  EXPECT_THAT(
      HistoryOf(dossier),
      ElementsAre(
          "2026-01-10 invoice_issued N-1", "2026-01-15 invoice_issued N-2",
          "2026-02-01 due_date_passed N-1", "2026-02-01 account_blocked",
          "2026-02-05 payment_plan_agreed N-1",
          "2026-02-15 due_date_passed N-2", "2026-02-20 payment_received N-1",
          "2026-02-25 promise_to_pay N-2", "2026-03-06 promise_broken N-2",
          "2026-03-10 credit_note N-2",
          // 2026-03-20's instalment unpaid.
          "2026-03-21 instalment_missed N-1"));
  EXPECT_EQ(dossier.account_blocked_since, D(2026, 2, 1));
  // No penalties claimed: no legal basis, no assessment.
  EXPECT_EQ(dossier.penalty_rule, "");
  for (const DossierInvoice& invoice : dossier.invoices) {
    EXPECT_FALSE(invoice.penalties.has_value()) << invoice.decision.invoice;
    EXPECT_EQ(invoice.decision.penalty_status, PenaltyStatus::kNotClaimed);
  }
  // One total per currency, never mixed: EUR 1000 - 500 paid = 500 due; GBP
  // 800 - 100 credited = 700 due.
  ASSERT_EQ(dossier.totals.size(), 2u);
  EXPECT_EQ(dossier.totals[0].currency, testing::CurrencyOf("EUR"));
  EXPECT_EQ(dossier.totals[0].paid, M("500.00 EUR"));
  EXPECT_EQ(dossier.totals[0].total_due, M("500.00 EUR"));
  EXPECT_EQ(dossier.totals[1].currency, testing::CurrencyOf("GBP"));
  EXPECT_EQ(dossier.totals[1].credited, M("100.00 GBP"));
  EXPECT_EQ(dossier.totals[1].outstanding, M("700.00 GBP"));
  EXPECT_EQ(dossier.totals[1].total_due, M("700.00 GBP"));
  // Payments and credit notes, in date order.
  ASSERT_EQ(dossier.payments.size(), 2u);
  EXPECT_EQ(dossier.payments[0].kind, EventKind::kPaymentReceived);
  EXPECT_EQ(dossier.payments[0].amount, M("500.00 EUR"));
  EXPECT_EQ(dossier.payments[1].kind, EventKind::kCreditNote);
  EXPECT_EQ(dossier.payments[1].reference, "CN-77");
  EXPECT_EQ(dossier.payments[1].event_index, 6u);
}

TEST(Dossier, OneInvoiceHasItsOwnEventsAndTheCustomers) {
  const Dossier dossier = MartinDossier("F-2002");
  EXPECT_EQ(dossier.invoice, "F-2002");
  ASSERT_EQ(dossier.invoices.size(), 1u);
  EXPECT_EQ(dossier.invoices[0].decision.invoice, "F-2002");
  EXPECT_THAT(HistoryOf(dossier),
              ElementsAre("2026-01-20 invoice_issued F-2002",
                          "2026-02-20 due_date_passed F-2002",
                          "2026-02-20 action_performed F-2002",
                          "2026-02-25 dispute_opened F-2002",
                          "2026-03-10 dispute_resolved F-2002",
                          "2026-03-12 action_performed F-2002"));
  EXPECT_TRUE(dossier.payments.empty());
  ASSERT_EQ(dossier.totals.size(), 1u);
  EXPECT_EQ(dossier.totals[0].total_due, M("1255.98 EUR"));
}

TEST(Dossier, OneInvoiceKeepsAccountEvents) {
  absl::StatusOr<Policy> policy = Policy::FromJson(kPlainPolicy);
  ASSERT_THAT(policy, IsOk());
  absl::StatusOr<Case> c = Case::FromJson(kNorthwindCase);
  ASSERT_THAT(c, IsOk());
  absl::StatusOr<Dossier> dossier =
      BuildDossier(*policy, *c, D(2026, 3, 31),
                   DossierOptions{.creditor = {.name = "Lune Trading Ltd"},
                                  .invoice = "N-2"});
  ASSERT_THAT(dossier, IsOk());
  // The account block (an event of the customer) is part of N-2's story;
  // N-1's plan, payment and missed instalment are not.
  EXPECT_THAT(HistoryOf(*dossier), ElementsAre("2026-01-15 invoice_issued N-2",
                                               "2026-02-01 account_blocked",
                                               "2026-02-15 due_date_passed N-2",
                                               "2026-02-25 promise_to_pay N-2",
                                               "2026-03-06 promise_broken N-2",
                                               "2026-03-10 credit_note N-2"));
}

TEST(Dossier, EventsAfterTheDateAreLeftOut) {
  absl::StatusOr<Dossier> dossier =
      BuildDossier(StandardFr(), MartinCase(), D(2026, 2, 12),
                   DossierOptions{.creditor = Lune()});
  ASSERT_THAT(dossier, IsOk());
  EXPECT_THAT(HistoryOf(*dossier),
              ElementsAre("2026-01-05 invoice_issued F-2001",
                          "2026-01-20 invoice_issued F-2002",
                          "2026-02-05 due_date_passed F-2001",
                          "2026-02-05 action_performed F-2001",
                          "2026-02-12 action_performed F-2001",
                          "2026-02-12 promise_to_pay F-2001"));
  // F-2001 on 2026-02-12: 8 days late (02-05..02-12);
  //   3000.00 x 12.15 % x 8 / 365 = 2916 / 365 = 7.989... -> 7.99.
  ASSERT_TRUE(dossier->invoices[0].penalties.has_value());
  EXPECT_EQ(dossier->invoices[0].penalties->interest, M("7.99 EUR"));
  // F-2002 is not due yet: no penalties.
  EXPECT_FALSE(dossier->invoices[1].penalties.has_value());
}

TEST(Dossier, PenaltiesUnavailableBeyondTheKnownRates) {
  // On 2026-07-15 the fr-b2b rate of the second half of 2026 is the ECB rate
  // in force on 1 July 2026, beyond the built-in series (known to
  // 2026-06-10): the decision marks the penalties unavailable (not an
  // error) and the dossier says why, with no breakdown.
  absl::StatusOr<Dossier> dossier =
      BuildDossier(StandardFr(), MartinCase(), D(2026, 7, 15),
                   DossierOptions{.creditor = Lune(), .invoice = "F-2002"});
  ASSERT_THAT(dossier, IsOk());
  ASSERT_EQ(dossier->invoices.size(), 1u);
  const DossierInvoice& f2002 = dossier->invoices[0];
  EXPECT_EQ(f2002.decision.penalty_status, PenaltyStatus::kUnavailable);
  EXPECT_FALSE(f2002.penalties.has_value());
  EXPECT_THAT(f2002.penalties_unavailable, HasSubstr("ecb-mro"));
  const nlohmann::ordered_json json =
      nlohmann::ordered_json::parse(DossierToJson(*dossier));
  EXPECT_EQ(json["invoices"][0]["penalty_status"], "unavailable");
  EXPECT_EQ(json["invoices"][0]["penalties"], nullptr);
  EXPECT_EQ(json["invoices"][0]["penalties_unavailable"],
            f2002.penalties_unavailable);
  absl::StatusOr<std::string> html = DossierToHtml(*dossier, Language::kFrench);
  ASSERT_THAT(html, IsOk());
  EXPECT_THAT(*html,
              HasSubstr("Pénalités non calculables à cette date\u00A0: "));
}

// --- Properties
// ----------------------------------------------------------------

TEST(Dossier, EveryEventOfTheCaseAppearsOnceInTheCustomersHistory) {
  for (const Dossier& dossier : {MartinDossier(), NorthwindDossier()}) {
    std::vector<uint32_t> indices;
    for (const DossierEntry& entry : dossier.history) {
      if (entry.event_index) indices.push_back(*entry.event_index);
    }
    // 13 and 7 events, all dated by 2026-03-31: 0, 1, ..., n - 1 in order.
    const size_t expected = dossier.customer_id == "C-310" ? 13u : 7u;
    ASSERT_EQ(indices.size(), expected) << dossier.customer_id;
    for (size_t i = 0; i < indices.size(); ++i) EXPECT_EQ(indices[i], i);
  }
}

TEST(Dossier, InvoiceDossiersAddUpToTheCustomers) {
  // Totals are sums over invoices: the dossiers of F-2001 and F-2002 add up
  // to the customer's, figure by figure.
  const Dossier all = MartinDossier();
  const Dossier f2001 = MartinDossier("F-2001");
  const Dossier f2002 = MartinDossier("F-2002");
  ASSERT_EQ(f2001.totals.size(), 1u);
  ASSERT_EQ(f2002.totals.size(), 1u);
  const auto sum = [](Money a, Money b) { return *Add(a, b); };
  const DossierTotal& t = all.totals[0];
  const DossierTotal& a = f2001.totals[0];
  const DossierTotal& b = f2002.totals[0];
  EXPECT_EQ(sum(a.amount, b.amount), t.amount);
  EXPECT_EQ(sum(a.paid, b.paid), t.paid);
  EXPECT_EQ(sum(a.outstanding, b.outstanding), t.outstanding);
  EXPECT_EQ(sum(a.interest, b.interest), t.interest);
  EXPECT_EQ(sum(a.compensation, b.compensation), t.compensation);
  EXPECT_EQ(sum(a.claim, b.claim), t.claim);
  EXPECT_EQ(sum(a.total_due, b.total_due), t.total_due);
}

TEST(Dossier, BuildingAgainChangesNothing) {
  EXPECT_EQ(DossierToJson(MartinDossier()), DossierToJson(MartinDossier()));
  absl::StatusOr<std::string> first =
      DossierToHtml(MartinDossier(), Language::kFrench);
  absl::StatusOr<std::string> second =
      DossierToHtml(MartinDossier(), Language::kFrench);
  ASSERT_THAT(first, IsOk());
  EXPECT_THAT(second, IsOkAndHolds(*first));
}

// --- Errors ------------------------------------------------------------------

TEST(Dossier, UnknownInvoiceIsNamed) {
  EXPECT_THAT(
      BuildDossier(StandardFr(), MartinCase(), D(2026, 3, 31),
                   DossierOptions{.creditor = Lune(), .invoice = "F-9999"}),
      StatusIs(absl::StatusCode::kNotFound,
               HasSubstr("dossier: invoice \"F-9999\" is not in case C-310 "
                         "(its invoices: F-2001, F-2002)")));
}

TEST(Dossier, InvoiceIssuedAfterTheDate) {
  EXPECT_THAT(
      BuildDossier(StandardFr(), MartinCase(), D(2026, 1, 10),
                   DossierOptions{.creditor = Lune(), .invoice = "F-2002"}),
      StatusIs(absl::StatusCode::kNotFound,
               HasSubstr("invoice \"F-2002\" is issued on 2026-01-20, after "
                         "the dossier's date 2026-01-10")));
}

TEST(Dossier, CreditorNameRequired) {
  EXPECT_THAT(
      BuildDossier(StandardFr(), MartinCase(), D(2026, 3, 31),
                   DossierOptions{.creditor = {.registration = "SIREN"}}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("dossier: creditor.name: required")));
}

TEST(Dossier, InvalidCase) {
  Case c = MartinCase();
  // A payment for an invoice the case never issues.
  c.events.push_back({.date = D(2026, 3, 20),
                      .kind = EventKind::kPaymentReceived,
                      .invoice = "F-7777",
                      .amount = M("10.00 EUR")});
  EXPECT_THAT(
      BuildDossier(StandardFr(), c, D(2026, 3, 31),
                   DossierOptions{.creditor = Lune()}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("dossier: events[13] payment_received on 2026-03-20: "
                         "invoice \"F-7777\" is never issued")));
}

TEST(Dossier, EventImpossibleInItsState) {
  Case c = MartinCase();
  // F-2001 is paid on 2026-03-16: it cannot be written off after.
  c.events.push_back({.date = D(2026, 3, 20),
                      .kind = EventKind::kWrittenOff,
                      .invoice = "F-2001"});
  EXPECT_THAT(
      BuildDossier(StandardFr(), c, D(2026, 3, 31),
                   DossierOptions{.creditor = Lune()}),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("dossier: events[13] written_off on 2026-03-20: "
                         "not allowed for invoice F-2001 in state paid")));
}
// --- Golden files
// --------------------------------------------------------------

// Compares `actual` with tests/golden/dossier/<name>. With the environment
// variable RELANCE_UPDATE_GOLDEN=1 the file is written instead (then read it
// and commit it: the golden files are reviewed by reading them).
void ExpectGolden(std::string_view name, const std::string& actual) {
  const std::string path = absl::StrCat(
      RELANCE_SOURCE_DIR, "/tests/golden/dossier/", std::string(name));
  if (const char* update = std::getenv("RELANCE_UPDATE_GOLDEN");
      update != nullptr && std::string_view(update) == "1") {
    std::ofstream out(path, std::ios::binary);
    out << actual;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden file " << path
                         << " (RELANCE_UPDATE_GOLDEN=1 writes it)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "differs from " << path;
}

// --- HTML well-formedness
// ------------------------------------------------------

// Checks that `html` is well-formed: after the doctype, one <html> element;
// every element closed by its own end tag, properly nested, except HTML's
// void elements (which have none); attribute values quoted; every '&'
// starting a character reference; comments closed; raw text of <style>
// closed. Returns "" when well-formed, else what and where (byte offset).
std::string WellFormednessError(std::string_view html) {
  static constexpr std::string_view kVoid[] = {
      "area",  "base", "br",   "col",   "embed",  "hr",    "img",
      "input", "link", "meta", "param", "source", "track", "wbr"};
  const auto is_void = [](std::string_view name) {
    for (std::string_view v : kVoid) {
      if (v == name) return true;
    }
    return false;
  };
  const auto is_name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  };
  const auto where = [](size_t at, std::string_view what) {
    return absl::StrCat("at byte ", at, ": ", std::string(what));
  };
  std::vector<std::string> open;
  int roots = 0;
  size_t i = 0;
  if (html.substr(0, 15) != "<!DOCTYPE html>") return where(0, "no doctype");
  i = 15;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '&') {
      size_t j = i + 1;
      if (j < html.size() && html[j] == '#') ++j;
      const size_t start = j;
      while (j < html.size() &&
             std::isalnum(static_cast<unsigned char>(html[j]))) {
        ++j;
      }
      if (j == start || j >= html.size() || html[j] != ';') {
        return where(i, "'&' not starting a character reference");
      }
      i = j + 1;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      const size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) return where(i, "comment not closed");
      i = end + 3;
      continue;
    }
    const bool closing = i + 1 < html.size() && html[i + 1] == '/';
    size_t j = i + (closing ? 2 : 1);
    const size_t name_start = j;
    while (j < html.size() && is_name_char(html[j])) ++j;
    const std::string name(html.substr(name_start, j - name_start));
    if (name.empty()) return where(i, "'<' not starting a tag");
    if (closing) {
      if (j >= html.size() || html[j] != '>') return where(i, "bad end tag");
      if (open.empty() || open.back() != name) {
        return where(i, absl::StrCat("</", name, "> closes ",
                                     open.empty() ? "nothing" : open.back()));
      }
      open.pop_back();
      i = j + 1;
      continue;
    }
    // Attributes: name="value".
    bool self_closed = false;
    while (true) {
      while (j < html.size() && html[j] == ' ') ++j;
      if (j >= html.size()) return where(i, "tag not closed");
      if (html[j] == '>') break;
      if (html.substr(j, 2) == "/>") {
        self_closed = true;
        ++j;
        break;
      }
      const size_t attribute = j;
      while (j < html.size() && is_name_char(html[j])) ++j;
      if (j == attribute || j + 1 >= html.size() || html[j] != '=' ||
          html[j + 1] != '"') {
        return where(
            j, absl::StrCat("attribute of <", name, "> not name=\"value\""));
      }
      const size_t end = html.find('"', j + 2);
      if (end == std::string_view::npos)
        return where(j, "attribute not closed");
      const std::string_view value = html.substr(j + 2, end - j - 2);
      if (value.find('<') != std::string_view::npos) {
        return where(j, "'<' in an attribute value");
      }
      j = end + 1;
    }
    i = j + 1;  // past '>'
    if (is_void(name)) continue;
    if (self_closed) return where(i, absl::StrCat("<", name, "/> is not void"));
    if (open.empty()) {
      if (name != "html" || ++roots > 1) {
        return where(i, absl::StrCat("<", name, "> outside <html>"));
      }
    }
    if (name == "style" || name == "script") {
      const std::string end_tag = absl::StrCat("</", name, ">");
      const size_t end = html.find(end_tag, i);
      if (end == std::string_view::npos) {
        return where(i, absl::StrCat("<", name, "> not closed"));
      }
      i = end + end_tag.size();
      continue;
    }
    open.push_back(name);
  }
  if (!open.empty()) return absl::StrCat("<", open.back(), "> never closed");
  if (roots != 1) return "no <html> element";
  return "";
}

TEST(WellFormednessError, FindsWhatIsWrong) {
  // The checker itself: a well-formed page passes, each fault is caught.
  constexpr std::string_view kGood =
      "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"/>"
      "<style>p { color: red; }</style></head><body><p>a &amp; b<br/>"
      "&#8239;</p><!-- c --></body></html>\n";
  EXPECT_EQ(WellFormednessError(kGood), "");
  EXPECT_THAT(WellFormednessError("<html></html>"), HasSubstr("no doctype"));
  EXPECT_THAT(WellFormednessError("<!DOCTYPE html><html><p></html>"),
              HasSubstr("</html> closes p"));
  EXPECT_THAT(WellFormednessError("<!DOCTYPE html><html><p>"),
              HasSubstr("<p> never closed"));
  EXPECT_THAT(WellFormednessError("<!DOCTYPE html><html><b><i></b></i></html>"),
              HasSubstr("</b> closes i"));
  EXPECT_THAT(WellFormednessError("<!DOCTYPE html><html lang=fr></html>"),
              HasSubstr("not name=\"value\""));
  EXPECT_THAT(WellFormednessError("<!DOCTYPE html><html>a & b</html>"),
              HasSubstr("'&' not starting"));
  EXPECT_THAT(WellFormednessError("<!DOCTYPE html><html>a < b</html>"),
              HasSubstr("'<' not starting a tag"));
  EXPECT_THAT(WellFormednessError("<!DOCTYPE html><html><p/></html>"),
              HasSubstr("<p/> is not void"));
  EXPECT_THAT(WellFormednessError("<!DOCTYPE html><html></html><html></html>"),
              HasSubstr("outside <html>"));
}

// --- JSON
// ----------------------------------------------------------------------

TEST(DossierToJson, KeysInOrderAndValuesAsTheLibraryWritesThem) {
  const std::string text = DossierToJson(MartinDossier());
  const nlohmann::ordered_json json = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  EXPECT_THAT(keys, ElementsAre("schema", "schema_version", "as_of", "invoice",
                                "creditor", "debtor", "policy",
                                "policy_version", "ladder", "legal_basis",
                                "account_blocked_since", "totals", "invoices",
                                "payments", "history", "evidence"));
  EXPECT_EQ(json["schema"], "relance.dossier");
  EXPECT_EQ(json["schema_version"], 1);
  EXPECT_EQ(json["invoice"], nullptr);
  EXPECT_EQ(json["totals"][0]["total_due"], "1336.32 EUR");
  EXPECT_EQ(json["legal_basis"]["penalty_rule"], "fr-b2b");
  EXPECT_EQ(json["debtor"]["address"][1], "69100 Villeurbanne");
  // Each invoice's penalties are its relance.assessment document.
  const auto& penalties = json["invoices"][0]["penalties"];
  EXPECT_EQ(penalties["schema"], "relance.assessment");
  EXPECT_EQ(penalties["lines"][1]["principal"], "79.95 EUR");
  EXPECT_EQ(penalties["interest"], "40.34 EUR");
  EXPECT_EQ(json["invoices"][1]["terms"], "net 30");
  EXPECT_EQ(json["invoices"][0]["terms"], nullptr);
  // A time step has no event; an event keeps its index in the case.
  EXPECT_EQ(json["history"][2]["type"], "due_date_passed");
  EXPECT_EQ(json["history"][2]["source"], "time");
  EXPECT_EQ(json["history"][2]["event"], nullptr);
  EXPECT_EQ(json["history"][3]["event"], 2);
  EXPECT_EQ(json["history"][3]["channel"], "email");
  EXPECT_EQ(json["history"][3]["level"], "reminder1");
  ExpectGolden("martin_2026-03-31.json", text);
}

TEST(DossierToJson, NoPenaltiesAndAPaymentPlan) {
  const nlohmann::ordered_json json =
      nlohmann::ordered_json::parse(DossierToJson(NorthwindDossier()));
  EXPECT_EQ(json["legal_basis"], nullptr);
  EXPECT_EQ(json["invoices"][0]["penalties"], nullptr);
  EXPECT_EQ(json["invoices"][0]["penalty_status"], "not_claimed");
  EXPECT_EQ(json["creditor"]["registration"], nullptr);
  EXPECT_EQ(json["creditor"]["address"], nlohmann::ordered_json::array());
  const auto& plan = json["history"][4];
  EXPECT_EQ(plan["type"], "payment_plan_agreed");
  EXPECT_EQ(plan["instalments"][1]["date"], "2026-03-20");
  EXPECT_EQ(plan["instalments"][1]["amount"], "500.00 EUR");
  // An event of the whole account names no invoice.
  EXPECT_EQ(json["history"][3]["type"], "account_blocked");
  EXPECT_EQ(json["history"][3]["invoices"], nlohmann::ordered_json::array());
  EXPECT_EQ(json["totals"][1]["currency"], "GBP");
}

// --- HTML
// ----------------------------------------------------------------------

// --- Acknowledgements (issue 13)

// Two invoices of 2026-01-05 due 2026-02-04: F-1's formal notice by
// registered letter (events[2]) is signed for on 4 March (events[4]), a copy
// of the receipt comes on 6 March (events[5]); F-2's letter (events[3]) is
// never acknowledged.
constexpr std::string_view kAcknowledgedCase = R"({
  "customer": {"id": "C-77", "name": "Dupont SA"},
  "events": [
    {"date": "2026-01-05", "type": "invoice_issued", "invoice": "F-1", "amount": "1000.00 EUR", "due_date": "2026-02-04"},
    {"date": "2026-01-05", "type": "invoice_issued", "invoice": "F-2", "amount": "400.00 EUR", "due_date": "2026-02-04"},
    {"date": "2026-03-02", "type": "action_performed", "invoice": "F-1", "level": "notice", "channel": "registered_letter", "reference": "1A 123 456 7890 1"},
    {"date": "2026-03-02", "type": "action_performed", "invoice": "F-2", "level": "reminder2", "channel": "letter", "reference": "LS-7"},
    {"date": "2026-03-04", "type": "action_acknowledged", "reference": "1A 123 456 7890 1", "reason": "signé par M. Dupont"},
    {"date": "2026-03-06", "type": "action_acknowledged", "reference": "1A 123 456 7890 1", "reason": "copie de l’avis reçue"}
  ]})";

Dossier AcknowledgedDossier(Date as_of, std::string invoice = "") {
  absl::StatusOr<Case> c = Case::FromJson(kAcknowledgedCase);
  EXPECT_THAT(c, IsOk());
  absl::StatusOr<Dossier> dossier =
      BuildDossier(StandardFr(), *c, as_of,
                   DossierOptions{.creditor = Lune(), .invoice = invoice});
  EXPECT_THAT(dossier, IsOk());
  return dossier.ok() ? *dossier : Dossier{};
}

// The history entry of events[index].
const DossierEntry& EntryOf(const Dossier& dossier, uint32_t index) {
  static const DossierEntry kNone;
  for (const DossierEntry& entry : dossier.history) {
    if (entry.event_index == index) return entry;
  }
  ADD_FAILURE() << "no entry for events[" << index << "]";
  return kNone;
}

TEST(Dossier, AnActionCarriesItsAcknowledgement) {
  const Dossier dossier = AcknowledgedDossier(D(2026, 3, 31));
  // The registered letter: received on 4 March, signed by M. Dupont (the
  // first acknowledgement; the copy of 6 March is an entry of its own).
  const DossierEntry& letter = EntryOf(dossier, 2);
  EXPECT_EQ(letter.type(), "action_performed");
  EXPECT_EQ(letter.acknowledged_on, D(2026, 3, 4));
  EXPECT_EQ(letter.acknowledgement_note, "signé par M. Dupont");
  // F-2's letter: none.
  EXPECT_EQ(EntryOf(dossier, 3).acknowledged_on, std::nullopt);
  EXPECT_EQ(EntryOf(dossier, 3).acknowledgement_note, "");
  // Each acknowledgement is an entry of the history: the invoices of its
  // letter (it names none), its reference and note; it is acknowledged by
  // nothing itself.
  const DossierEntry& receipt = EntryOf(dossier, 4);
  EXPECT_EQ(receipt.type(), "action_acknowledged");
  EXPECT_EQ(receipt.date, D(2026, 3, 4));
  EXPECT_THAT(receipt.invoices, ElementsAre("F-1"));
  EXPECT_EQ(receipt.event.reference, "1A 123 456 7890 1");
  EXPECT_EQ(receipt.event.reason, "signé par M. Dupont");
  EXPECT_EQ(receipt.acknowledged_on, std::nullopt);
  EXPECT_EQ(EntryOf(dossier, 5).date, D(2026, 3, 6));
  // History: the due date passing (5 February, both invoices), then
  // events 2 to 5 in order.
  std::vector<std::string> types;
  for (const DossierEntry& entry : dossier.history) {
    types.push_back(
        absl::StrCat(FormatDate(entry.date), " ", std::string(entry.type())));
  }
  EXPECT_THAT(
      types,
      ElementsAre("2026-01-05 invoice_issued", "2026-01-05 invoice_issued",
                  "2026-02-05 due_date_passed", "2026-03-02 action_performed",
                  "2026-03-02 action_performed",
                  "2026-03-04 action_acknowledged",
                  "2026-03-06 action_acknowledged"));
  // The figures are those of the facts without the acknowledgements: both
  // invoices overdue, F-1's last level the notice.
  EXPECT_EQ(dossier.invoices[0].decision.state, InvoiceState::kOverdue);
  EXPECT_EQ(dossier.invoices[0].decision.last_level, "notice");
  EXPECT_EQ(dossier.invoices[1].decision.state, InvoiceState::kOverdue);
}

TEST(Dossier, AnAcknowledgementIsInTheDossierOfItsLetterOnly) {
  // F-2's dossier: the receipts of F-1's letter are not its history.
  const Dossier f2 = AcknowledgedDossier(D(2026, 3, 31), "F-2");
  for (const DossierEntry& entry : f2.history) {
    EXPECT_NE(entry.type(), "action_acknowledged") << FormatDate(entry.date);
    EXPECT_EQ(entry.acknowledged_on, std::nullopt);
  }
  const Dossier f1 = AcknowledgedDossier(D(2026, 3, 31), "F-1");
  EXPECT_EQ(EntryOf(f1, 2).acknowledged_on, D(2026, 3, 4));
  EXPECT_EQ(EntryOf(f1, 4).type(), "action_acknowledged");
  // Before the card came back, the letter is not acknowledged.
  const Dossier before = AcknowledgedDossier(D(2026, 3, 3));
  EXPECT_EQ(EntryOf(before, 2).acknowledged_on, std::nullopt);
  EXPECT_EQ(before.history.size(), 5u);
}

TEST(DossierToJson, AnAcknowledgementAtTheEndOfTheEntry) {
  const nlohmann::ordered_json json = nlohmann::ordered_json::parse(
      DossierToJson(AcknowledgedDossier(D(2026, 3, 31))));
  // history[3] is events[2], the registered letter; new keys come last
  // (docs/json.md).
  const auto& letter = json["history"][3];
  ASSERT_EQ(letter["event"], 2);
  std::vector<std::string> keys;
  for (const auto& [key, value] : letter.items()) keys.push_back(key);
  ASSERT_GE(keys.size(), 3u);
  EXPECT_EQ(keys[keys.size() - 3], "segment");
  EXPECT_EQ(keys[keys.size() - 2], "acknowledged_on");
  EXPECT_EQ(keys[keys.size() - 1], "acknowledgement_note");
  EXPECT_EQ(letter["acknowledged_on"], "2026-03-04");
  EXPECT_EQ(letter["acknowledgement_note"], "signé par M. Dupont");
  EXPECT_EQ(letter["reference"], "1A 123 456 7890 1");
  // F-2's letter, and the acknowledgement itself: null.
  EXPECT_EQ(json["history"][4]["acknowledged_on"], nullptr);
  EXPECT_EQ(json["history"][4]["acknowledgement_note"], nullptr);
  const auto& receipt = json["history"][5];
  EXPECT_EQ(receipt["type"], "action_acknowledged");
  EXPECT_EQ(receipt["invoices"], nlohmann::ordered_json::array({"F-1"}));
  EXPECT_EQ(receipt["reference"], "1A 123 456 7890 1");
  EXPECT_EQ(receipt["reason"], "signé par M. Dupont");
  EXPECT_EQ(receipt["acknowledged_on"], nullptr);
}

TEST(DossierToHtml, AnAcknowledgedRegisteredLetter) {
  const Dossier dossier = AcknowledgedDossier(D(2026, 3, 31));
  absl::StatusOr<std::string> fr = DossierToHtml(dossier, Language::kFrench);
  ASSERT_THAT(fr, IsOk());
  EXPECT_EQ(WellFormednessError(*fr), "");
  const std::string fr_text = PageText(*fr);
  // The letter's details, then the receipt as a fact of its own.
  EXPECT_THAT(fr_text, HasSubstr("Référence : 1A 123 456 7890 1. "
                                 "Réception confirmée le 4 mars 2026 (signé "
                                 "par M. Dupont)."));
  EXPECT_THAT(fr_text, HasSubstr("Réception confirmée (accusé de "
                                 "réception) : signé par M. Dupont"));
  // The note is not repeated as a reason.
  EXPECT_EQ(fr_text.find("Motif : signé"), std::string::npos);
  for (std::string_view bad : {" :", " ;", " »", "« "}) {
    EXPECT_EQ(fr_text.find(bad), std::string::npos) << bad;
  }
  absl::StatusOr<std::string> en = DossierToHtml(dossier, Language::kEnglish);
  ASSERT_THAT(en, IsOk());
  EXPECT_EQ(WellFormednessError(*en), "");
  const std::string en_text = PageText(*en);
  EXPECT_THAT(en_text, HasSubstr("Reference: 1A 123 456 7890 1. Receipt "
                                 "acknowledged on 4 March 2026 (signé par M. "
                                 "Dupont)."));
  EXPECT_THAT(en_text, HasSubstr("Receipt acknowledged: signé par M. Dupont"));
}

TEST(DossierToHtml, BuiltinTemplatesLoad) {
  EXPECT_THAT(BuiltinDossierTemplate(Language::kFrench), IsOk());
  EXPECT_THAT(BuiltinDossierTemplate(Language::kEnglish), IsOk());
}

TEST(DossierToHtml, FrenchGoldenAndWellFormed) {
  absl::StatusOr<std::string> html =
      DossierToHtml(MartinDossier(), Language::kFrench);
  ASSERT_THAT(html, IsOk());
  EXPECT_EQ(WellFormednessError(*html), "");
  // Amounts and dates in French (U+202F groups, U+00A0 before the symbol).
  EXPECT_THAT(*html, HasSubstr("1\u202F336,32\u00A0€"));
  EXPECT_THAT(*html, HasSubstr("<td class=\"num\">12,15\u202F%</td>"));
  EXPECT_THAT(*html, HasSubstr("2 mars 2026"));
  EXPECT_THAT(*html, HasSubstr("lettre recommandée avec accusé de réception"));
  // The debtor's address under its name.
  EXPECT_THAT(*html, HasSubstr("Boulangerie Martin SARL</span><br/>\n3 place "
                               "Grandclément<br/>\n69100 Villeurbanne<br/>\n"
                               "Compte client C-310</p>"));
  // What the customer wrote is escaped.
  EXPECT_THAT(*html,
              HasSubstr("une palette endommagée &lt;à la livraison&gt;"));
  ExpectGolden("martin_2026-03-31.fr.html", *html);
}

TEST(DossierToHtml, EnglishGoldenAndWellFormed) {
  absl::StatusOr<std::string> html =
      DossierToHtml(MartinDossier(), Language::kEnglish);
  ASSERT_THAT(html, IsOk());
  EXPECT_EQ(WellFormednessError(*html), "");
  EXPECT_THAT(*html, HasSubstr("€1,336.32"));
  EXPECT_THAT(*html, HasSubstr("<td class=\"num\">12.15%</td>"));
  EXPECT_THAT(*html, HasSubstr("2 March 2026"));
  ExpectGolden("martin_2026-03-31.en.html", *html);
}

// The text a reader sees: `html` without its tags and without the contents
// of <style> (character references are left as written).
std::string PageText(std::string_view html) {
  std::string text;
  size_t i = 0;
  while (i < html.size()) {
    if (html.substr(i, 6) == "<style") {
      const size_t end = html.find("</style>", i);
      if (end == std::string_view::npos) break;
      i = end + 8;
    } else if (html[i] == '<') {
      const size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      i = end + 1;
    } else {
      text += html[i++];
    }
  }
  return text;
}

// The first ISO date "YYYY-MM-DD" standing alone in `text` (not inside a
// reference such as "R-2026-0201"), or "" when there is none.
std::string FirstIsoDate(std::string_view text) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto joins = [&](char c) {
    return digit(c) || c == '-' || std::isalpha(static_cast<unsigned char>(c));
  };
  for (size_t i = 0; i + 10 <= text.size(); ++i) {
    bool date = (i == 0 || !joins(text[i - 1])) &&
                (i + 10 == text.size() || !joins(text[i + 10]));
    for (size_t k = 0; date && k < 10; ++k) {
      date = (k == 4 || k == 7) ? text[i + k] == '-' : digit(text[i + k]);
    }
    if (date) return std::string(text.substr(i, 10));
  }
  return "";
}

TEST(DossierToHtml, FrenchTypography) {
  // French puts a no-break space before ':' and inside guillemets, a narrow
  // one before ';', '!' and '?' (Lexique des règles typographiques en usage
  // à l'Imprimerie nationale; as the letters and src/reason_text.cpp), so
  // that no line starts with ':' (as "Total dû" / ": la somme des deux." did).
  // Checked on the text of both French pages, static and generated.
  for (const Dossier& dossier : {MartinDossier(), NorthwindDossier()}) {
    absl::StatusOr<std::string> html =
        DossierToHtml(dossier, Language::kFrench);
    ASSERT_THAT(html, IsOk());
    const std::string text = PageText(*html);
    for (std::string_view bad : {" :", " ;", " !", " ?", " »", "« "}) {
      EXPECT_EQ(text.find(bad), std::string::npos)
          << dossier.customer_id << ": a plain space in \"" << bad
          << "\" at byte " << text.find(bad) << ": "
          << text.substr(text.find(bad) < 40 ? 0 : text.find(bad) - 40, 80);
    }
  }
  absl::StatusOr<std::string> html =
      DossierToHtml(MartinDossier(), Language::kFrench);
  ASSERT_THAT(html, IsOk());
  const std::string text = PageText(*html);
  EXPECT_THAT(text, HasSubstr("Total dû\u00A0: la somme des deux."));
  EXPECT_THAT(text, HasSubstr("(parcours «\u00A0fast\u00A0»)"));
  EXPECT_THAT(text, HasSubstr("Relance «\u00A0reminder1\u00A0»"));
  EXPECT_THAT(text, HasSubstr("jours ÷ 365\u202F; intérêts simples"));
  // The policy's citation is written the English way ("D441-5; Code
  // civil", examples/policies/standard_fr.json); the French page spaces
  // its separator.
  EXPECT_THAT(text, HasSubstr("Fondement\u00A0: Code de commerce L441-10 II, "
                              "D441-5\u202F; Code civil art. 1343-1."));
}

TEST(DossierToHtml, LibraryNotesFormattedForThePage) {
  // The assessment's explanations (English, src/penalty.cpp) carry ISO
  // dates and amounts as "40.00 EUR" for the relance.assessment document;
  // the English page writes them as the rest of the page does. F-2001's
  // interest runs from the day after its due date 2026-02-04 to 2026-03-31
  // in two lines (split by the payment of 2026-03-16); the fr-b2b regime
  // applies to obligations from 2013-01-01, chosen by the issue date
  // 2026-01-05; the compensation is EUR 40 (D441-5).
  absl::StatusOr<std::string> en =
      DossierToHtml(MartinDossier(), Language::kEnglish);
  ASSERT_THAT(en, IsOk());
  const std::string text = PageText(*en);
  EXPECT_THAT(text, HasSubstr("Interest charged from 5 February 2026 to "
                              "31 March 2026 (act/365, 2 lines)."));
  EXPECT_THAT(text, HasSubstr("for obligations arising from 1 January 2013 "
                              "(chosen by the obligation date 5 January "
                              "2026)."));
  EXPECT_THAT(
      text, HasSubstr("Fixed compensation €40.00 (Code de commerce D441-5)."));
  // No ISO date and no "40.00 EUR" left on either page.
  for (Language language : {Language::kEnglish, Language::kFrench}) {
    absl::StatusOr<std::string> html = DossierToHtml(MartinDossier(), language);
    ASSERT_THAT(html, IsOk());
    EXPECT_EQ(FirstIsoDate(PageText(*html)), "") << language;
    for (char digit = '0'; digit <= '9'; ++digit) {
      EXPECT_EQ(
          PageText(*html).find(absl::StrCat(std::string(1, digit), " EUR")),
          std::string::npos)
          << language;
    }
  }
  // The JSON document keeps the assessment's own sentences.
  const nlohmann::ordered_json json =
      nlohmann::ordered_json::parse(DossierToJson(MartinDossier()));
  const auto& explanations = json["invoices"][0]["penalties"]["explanations"];
  ASSERT_EQ(explanations.size(), 3u);
  EXPECT_EQ(explanations[0],
            "Interest charged from 2026-02-05 to 2026-03-31 (act/365, 2 "
            "lines).");
  EXPECT_EQ(explanations[2],
            "Fixed compensation 40.00 EUR (Code de commerce D441-5).");
}

TEST(DossierToHtml, LegalReferencesStayOnOneLine) {
  // A browser may break a line after any hyphen ("décret 2012-" / "1115"):
  // each reference with a hyphen and a digit is in a nowrap span; the text
  // keeps its ASCII hyphens, so that searching for "2012-1115" finds it.
  absl::StatusOr<std::string> en =
      DossierToHtml(MartinDossier(), Language::kEnglish);
  ASSERT_THAT(en, IsOk());
  EXPECT_THAT(*en,
              HasSubstr("(décret <span class=\"nowrap\">2012-1115</span>)"));
  EXPECT_THAT(*en, HasSubstr("Code civil art. <span "
                             "class=\"nowrap\">1343-1</span>."));
  EXPECT_THAT(PageText(*en), HasSubstr("D441-5 (décret 2012-1115)"));
  EXPECT_EQ(en->find("\u2011"), std::string::npos);
  // The stylesheet of both pages defines the class.
  absl::StatusOr<std::string> fr =
      DossierToHtml(MartinDossier(), Language::kFrench);
  ASSERT_THAT(fr, IsOk());
  for (const std::string* page : {&*en, &*fr}) {
    EXPECT_THAT(*page, HasSubstr(".nowrap { white-space: nowrap; }"));
  }
  EXPECT_THAT(*fr, HasSubstr("Code de commerce <span class=\"nowrap\">"
                             "L441-10</span> II, <span class=\"nowrap\">"
                             "D441-5</span>\u202F; Code civil"));
}

TEST(DossierTemplateData, LibraryTextsAsTextAndAsHtml) {
  // A citation with every case: an escaped character, references with a
  // hyphen and a digit (wrapped), a hyphenated word without a digit, a
  // trailing hyphen and a slash (not wrapped), an ISO date and an amount
  // (formatted), things that only look like them (kept: 2026-02-30 is no
  // date, 1.001 EUR has too many decimals, 40.00 EURO is no code), and
  // punctuation French spaces only when a space or the end follows.
  Dossier dossier = MartinDossier();
  dossier.penalty_citation =
      "A & B <L441-10> late-payment X- 2011/7/EU; from 2026-02-05 to "
      "2026-02-30, 40.00 EUR not 1.001 EUR nor 40.00 EURO: at 10:30 ?";
  const TemplateValue en = DossierTemplateData(dossier, Language::kEnglish);
  const TemplateValue fr = DossierTemplateData(dossier, Language::kFrench);
  const TemplateValue* en_basis = en.Find("legal_basis");
  const TemplateValue* fr_basis = fr.Find("legal_basis");
  ASSERT_NE(en_basis, nullptr);
  ASSERT_NE(fr_basis, nullptr);
  ASSERT_NE(en_basis->Find("citation"), nullptr);
  ASSERT_NE(en_basis->Find("citation_html"), nullptr);
  ASSERT_NE(fr_basis->Find("citation"), nullptr);
  ASSERT_NE(fr_basis->Find("citation_html"), nullptr);
  EXPECT_EQ(en_basis->Find("citation")->text(),
            "A & B <L441-10> late-payment X- 2011/7/EU; from 5 February 2026 "
            "to 2026-02-30, €40.00 not 1.001 EUR nor 40.00 EURO: at 10:30 ?");
  EXPECT_EQ(en_basis->Find("citation_html")->text(),
            "A &amp; B &lt;<span class=\"nowrap\">L441-10</span>&gt; "
            "late-payment X- 2011/7/EU; from 5 February 2026 to <span "
            "class=\"nowrap\">2026-02-30</span>, "
            "€40.00 not 1.001 EUR nor 40.00 EURO: at 10:30 ?");
  EXPECT_EQ(fr_basis->Find("citation")->text(),
            "A & B <L441-10> late-payment X- 2011/7/EU\u202F; from 5 février "
            "2026 to 2026-02-30, 40,00\u00A0€ not 1.001 EUR nor 40.00 "
            "EURO\u00A0: at 10:30\u202F?");
  // The references inside a French date's or amount's neighbourhood are
  // unaffected; the escaped form has the same French spaces.
  EXPECT_THAT(fr_basis->Find("citation_html")->text(),
              HasSubstr("&lt;<span class=\"nowrap\">L441-10</span>&gt;"));
  EXPECT_THAT(fr_basis->Find("citation_html")->text(),
              HasSubstr("2011/7/EU\u202F; from 5 février 2026"));
}

TEST(DossierToHtml, EveryKindOfEntryRendersWellFormed) {
  // Plans, account events, credit notes, two currencies, no creditor
  // address, no penalties: both languages.
  const Dossier dossier = NorthwindDossier();
  for (Language language : {Language::kFrench, Language::kEnglish}) {
    absl::StatusOr<std::string> html = DossierToHtml(dossier, language);
    ASSERT_THAT(html, IsOk());
    EXPECT_EQ(WellFormednessError(*html), "") << language;
  }
  absl::StatusOr<std::string> en = DossierToHtml(dossier, Language::kEnglish);
  ASSERT_THAT(en, IsOk());
  EXPECT_THAT(*en, HasSubstr("Payment plan agreed: €500.00 on 20 February "
                             "2026; €500.00 on 20 March 2026;"));
  EXPECT_THAT(*en, HasSubstr("Payment plan instalment missed"));
  EXPECT_THAT(*en, HasSubstr("all invoices of the account"));
  EXPECT_THAT(*en, HasSubstr("£700.00"));
  EXPECT_THAT(*en, HasSubstr("The collection policy claims no late-payment "
                             "penalties."));
}

TEST(DossierTemplateSchema, HostTemplatesAreCheckedAgainstIt) {
  absl::StatusOr<LetterTemplate> ours = LetterTemplate::Load(
      "summary.txt",
      "{{debtor.name}}\n{{#totals}}\n{{currency}} {{total_due}}\n{{/totals}}\n",
      DossierTemplateSchema());
  ASSERT_THAT(ours, IsOk());
  EXPECT_THAT(
      ours->Render(DossierTemplateData(MartinDossier(), Language::kEnglish)),
      IsOkAndHolds(std::string("Boulangerie Martin SARL\n"
                               "EUR €1,336.32\n")));
  EXPECT_THAT(
      LetterTemplate::Load("bad.txt", "{{#totals}}\n{{totl}}\n{{/totals}}\n",
                           DossierTemplateSchema()),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("bad.txt:2: unknown variable \"totl\"")));
}
}  // namespace
}  // namespace relance

namespace relance {
namespace {

// E-invoice statuses the host keeps, as evidence: those of the dossier's
// invoices dated by its date, in date order; none, no section.
TEST(Dossier, EvidenceOfTheDossiersInvoicesAndDate) {
  const DossierEvidence made_available{.date = D(2026, 1, 6),
                                       .invoice = "F-2001",
                                       .code = "203",
                                       .label = "Mise à disposition",
                                       .effect = "evidence",
                                       .reference = "CDV-1"};
  const DossierEvidence deposited{.date = D(2026, 1, 5),
                                  .invoice = "F-2001",
                                  .code = "200",
                                  .label = "Déposée",
                                  .effect = "evidence"};
  const DossierEvidence later{.date = D(2026, 4, 2),
                              .invoice = "F-2001",
                              .code = "205",
                              .label = "Approuvée",
                              .effect = "dispute_resolved"};
  const DossierEvidence other{.date = D(2026, 1, 6),
                              .invoice = "F-9999",
                              .code = "203",
                              .label = "Mise à disposition",
                              .effect = "evidence"};
  absl::StatusOr<Dossier> dossier = BuildDossier(
      StandardFr(), MartinCase(), D(2026, 3, 31),
      DossierOptions{.creditor = Lune(),
                     .evidence = {made_available, later, other, deposited}});
  ASSERT_THAT(dossier, IsOk());
  EXPECT_THAT(dossier->evidence, ElementsAre(deposited, made_available));

  const nlohmann::ordered_json json =
      nlohmann::ordered_json::parse(DossierToJson(*dossier));
  ASSERT_EQ(json["evidence"].size(), 2u);
  EXPECT_EQ(json["evidence"][1]["date"], "2026-01-06");
  EXPECT_EQ(json["evidence"][1]["code"], "203");
  EXPECT_EQ(json["evidence"][1]["reference"], "CDV-1");
  EXPECT_EQ(json["evidence"][0]["reference"], nullptr);

  absl::StatusOr<std::string> french =
      DossierToHtml(*dossier, Language::kFrench);
  ASSERT_THAT(french, IsOk());
  EXPECT_THAT(*french,
              HasSubstr("<h2>7. Statuts de la facture électronique</h2>"));
  EXPECT_THAT(*french, HasSubstr("<td>203 Mise à disposition</td><td>preuve"));
  absl::StatusOr<std::string> english =
      DossierToHtml(*dossier, Language::kEnglish);
  ASSERT_THAT(english, IsOk());
  EXPECT_THAT(*english, HasSubstr("<h2>7. E-invoice lifecycle statuses</h2>"));

  // One invoice: F-2002's dossier has none of F-2001's statuses.
  dossier = BuildDossier(StandardFr(), MartinCase(), D(2026, 3, 31),
                         DossierOptions{.creditor = Lune(),
                                        .invoice = "F-2002",
                                        .evidence = {made_available}});
  ASSERT_THAT(dossier, IsOk());
  EXPECT_THAT(dossier->evidence, ::testing::IsEmpty());
  absl::StatusOr<std::string> none = DossierToHtml(*dossier, Language::kFrench);
  ASSERT_THAT(none, IsOk());
  EXPECT_THAT(*none, ::testing::Not(HasSubstr("Statuts de la facture")));
}

}  // namespace
}  // namespace relance
