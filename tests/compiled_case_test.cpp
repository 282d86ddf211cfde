// Tests of CompiledCase: a case validated and indexed once (issue 9, "Compile
// once").
#include "relance/compiled_case.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::D;
using ::relance::testing::IsOk;
using ::relance::testing::M;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

Case Timeline(std::vector<Event> events) {
  return Case{.customer_id = "C-1", .events = std::move(events)};
}

Event Issued(Date date, std::string invoice, std::string_view amount,
             Date due) {
  return {.date = date,
          .kind = EventKind::kInvoiceIssued,
          .invoice = std::move(invoice),
          .amount = M(amount),
          .due_date = due};
}

Event Paid(Date date, std::string invoice, std::string_view amount) {
  return {.date = date,
          .kind = EventKind::kPaymentReceived,
          .invoice = std::move(invoice),
          .amount = M(amount)};
}

std::vector<uint32_t> Indices(std::span<const uint32_t> span) {
  return {span.begin(), span.end()};
}

// The message of a refused compilation ("" when it compiles).
std::string Refusal(const Case& c) {
  absl::StatusOr<CompiledCase> compiled = CompiledCase::Compile(c);
  EXPECT_THAT(compiled, StatusIs(absl::StatusCode::kInvalidArgument));
  return compiled.ok() ? "" : std::string(compiled.status().message());
}

TEST(CompiledCase, InternsInvoicesInIssueOrderWithTheirDueDates) {
  const Case c =
      Timeline({Issued(D(2026, 1, 15), "F-2", "100.00 EUR", D(2026, 2, 14)),
                Issued(D(2026, 1, 20), "F-1", "250.00 EUR", D(2026, 3, 1))});
  absl::StatusOr<CompiledCase> compiled = CompiledCase::Compile(c);
  ASSERT_THAT(compiled, IsOk());
  ASSERT_EQ(compiled->invoices().size(), 2u);
  // Issue order, not the order of their ids.
  EXPECT_EQ(compiled->invoices()[0].id, "F-2");
  EXPECT_EQ(compiled->invoices()[0].issued_event, 0u);
  EXPECT_EQ(compiled->invoices()[0].issue_date, D(2026, 1, 15));
  EXPECT_EQ(compiled->invoices()[0].due_date, D(2026, 2, 14));
  EXPECT_EQ(compiled->invoices()[0].amount, M("100.00 EUR"));
  EXPECT_EQ(compiled->invoices()[1].id, "F-1");
  EXPECT_EQ(compiled->invoices()[1].issued_event, 1u);
  EXPECT_EQ(compiled->invoices()[1].due_date, D(2026, 3, 1));
  EXPECT_EQ(compiled->FindInvoice("F-2"), 0u);
  EXPECT_EQ(compiled->FindInvoice("F-1"), 1u);
  EXPECT_EQ(compiled->FindInvoice("F-3"), std::nullopt);
  EXPECT_EQ(compiled->customer_id(), "C-1");
  EXPECT_EQ(compiled->source(), c);
}

TEST(CompiledCase, ReadsTermsWithTheHostsOptions) {
  Event issued = Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 1, 15));
  issued.due_date.reset();
  issued.terms = "30 jours fin de mois";
  const Case c = Timeline({issued});
  // Default reading (days then end of month): 15 Jan + 30 days = 14 Feb,
  // then the end of February: 28 Feb 2026.
  absl::StatusOr<CompiledCase> by_default = CompiledCase::Compile(c);
  ASSERT_THAT(by_default, IsOk());
  EXPECT_EQ(by_default->invoices()[0].due_date, D(2026, 2, 28));
  // The other reading (end of month then days): 31 Jan + 30 days = 2 March
  // 2026 (February has 28 days: 31 Jan + 28 = 28 Feb, + 2 = 2 Mar).
  CaseOptions options;
  options.terms.end_of_month_reading = EndOfMonthReading::kEndOfMonthThenDays;
  absl::StatusOr<CompiledCase> eom_first = CompiledCase::Compile(c, options);
  ASSERT_THAT(eom_first, IsOk());
  EXPECT_EQ(eom_first->invoices()[0].due_date, D(2026, 3, 2));
  EXPECT_EQ(eom_first->options().terms.end_of_month_reading,
            EndOfMonthReading::kEndOfMonthThenDays);
}

TEST(CompiledCase, TermsThatDoNotParseAreRefused) {
  Event issued = Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 1, 15));
  issued.due_date.reset();
  issued.terms = "pay whenever";
  EXPECT_THAT(Refusal(Timeline({issued})),
              ::testing::StartsWith("events[0] (invoice_issued): terms: "));
}

TEST(CompiledCase, AttachesExplicitAndAccountWideEventsInOrder) {
  const Event account_promise = {.date = D(2026, 1, 16),
                                 .kind = EventKind::kPromiseToPay,
                                 .promised_date = D(2026, 3, 1)};
  const Event account_block = {.date = D(2026, 2, 20),
                               .kind = EventKind::kDunningBlocked,
                               .reason = "reorganisation",
                               .until = D(2026, 3, 15)};
  const Event grouped_letter = {.date = D(2026, 2, 25),
                                .kind = EventKind::kActionPerformed,
                                .invoices = {"F-1", "F-2", "F-1"},
                                .level = "reminder-1",
                                .channel = "letter"};
  const Case c = Timeline({
      Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 2, 14)),  // 0
      account_promise,                                              // 1
      {.date = D(2026, 1, 20),
       .kind = EventKind::kSegmentAssigned,
       .segment = "key-account"},                                // 2
      Issued(D(2026, 2, 1), "F-2", "50.00 EUR", D(2026, 3, 3)),  // 3
      Paid(D(2026, 2, 10), "F-1", "10.00 EUR"),                  // 4
      account_block,                                             // 5
      {.date = D(2026, 2, 21),
       .kind = EventKind::kAccountBlocked,
       .reason = "unpaid"},                                           // 6
      grouped_letter,                                                 // 7
      {.date = D(2026, 3, 1), .kind = EventKind::kAccountUnblocked},  // 8
  });
  absl::StatusOr<CompiledCase> compiled = CompiledCase::Compile(c);
  ASSERT_THAT(compiled, IsOk());
  // F-1: its issue, the account-wide promise (after its issue), its payment,
  // the account-wide block, the grouped letter (naming it twice: once).
  EXPECT_THAT(Indices(compiled->EventsOf(0)), ElementsAre(0, 1, 4, 5, 7));
  // F-2 is issued after the account-wide promise: the promise does not
  // concern it; the block and the letter do.
  EXPECT_THAT(Indices(compiled->EventsOf(1)), ElementsAre(3, 5, 7));
  // Customer-level facts are kept apart, in order.
  EXPECT_THAT(Indices(compiled->CustomerEvents()), ElementsAre(2, 6, 8));
}

TEST(CompiledCase, AnEmptyCaseHasNothing) {
  const CompiledCase empty;
  EXPECT_THAT(empty.invoices(), IsEmpty());
  EXPECT_THAT(empty.events(), IsEmpty());
  EXPECT_THAT(empty.CustomerEvents(), IsEmpty());
  EXPECT_EQ(empty.FindInvoice("F-1"), std::nullopt);
}

TEST(CompiledCase, CopiesShareTheCompiledState) {
  absl::StatusOr<CompiledCase> compiled = CompiledCase::Compile(
      Timeline({Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 2, 14)),
                Paid(D(2026, 2, 1), "F-1", "100.00 EUR")}));
  ASSERT_THAT(compiled, IsOk());
  const CompiledCase copy = *compiled;  // NOLINT(performance-unnecessary-copy)
  // The same storage, not a deep copy: a copy costs a reference count.
  EXPECT_EQ(copy.invoices().data(), compiled->invoices().data());
  EXPECT_EQ(copy.events().data(), compiled->events().data());
  EXPECT_EQ(copy.EventsOf(0).data(), compiled->EventsOf(0).data());
  EXPECT_EQ(&copy.source(), &compiled->source());
}

TEST(CompiledCase, RefusesEventsOutOfOrder) {
  EXPECT_EQ(
      Refusal(
          Timeline({Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 2, 14)),
                    Paid(D(2026, 2, 10), "F-1", "10.00 EUR"),
                    Paid(D(2026, 2, 9), "F-1", "10.00 EUR")})),
      "case \"C-1\": events[2] (2026-02-09) is before events[1] (2026-02-10): "
      "events must be in date order");
}

TEST(CompiledCase, RefusesAnInvoiceIssuedTwice) {
  EXPECT_EQ(
      Refusal(Timeline(
          {Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 2, 14)),
           Issued(D(2026, 1, 16), "F-1", "100.00 EUR", D(2026, 2, 15))})),
      "events[1] invoice_issued on 2026-01-16: invoice \"F-1\" is issued a "
      "second time");
}

TEST(CompiledCase, RefusesAPaymentForAnInvoiceNeverIssued) {
  // Such a payment used to be dropped silently: the cash vanished from the
  // account. It is refused, naming the event.
  EXPECT_EQ(
      Refusal(
          Timeline({Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 2, 14)),
                    Paid(D(2026, 2, 10), "F-9", "10.00 EUR")})),
      "events[1] payment_received on 2026-02-10: invoice \"F-9\" is never "
      "issued in this case");
}

TEST(CompiledCase, RefusesAnEventBeforeItsInvoiceIsIssued) {
  EXPECT_EQ(Refusal(Timeline(
                {Paid(D(2026, 1, 10), "F-1", "10.00 EUR"),
                 Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 2, 14))})),
            "events[0] payment_received on 2026-01-10: invoice \"F-1\" is not "
            "issued yet (it is issued by events[1] on 2026-01-15)");
  // One invoice of a grouped letter not issued yet is enough.
  EXPECT_EQ(Refusal(Timeline(
                {Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 2, 14)),
                 {.date = D(2026, 2, 20),
                  .kind = EventKind::kActionPerformed,
                  .invoices = {"F-1", "F-2"},
                  .level = "reminder-1",
                  .channel = "letter"},
                 Issued(D(2026, 2, 20), "F-2", "10.00 EUR", D(2026, 3, 20))})),
            "events[1] action_performed on 2026-02-20: invoice \"F-2\" is not "
            "issued yet (it is issued by events[2] on 2026-02-20)");
}

TEST(CompiledCase, RefusesAnActionNamingNoInvoice) {
  EXPECT_EQ(
      Refusal(
          Timeline({Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 2, 14)),
                    {.date = D(2026, 2, 20),
                     .kind = EventKind::kActionPerformed,
                     .level = "reminder-1",
                     .channel = "letter"}})),
      "events[1] action_performed on 2026-02-20: names no invoice; record the "
      "invoices the action concerned (invoice or invoices)");
}

// A registered letter for F-1 and F-2 (events[2]) and its acknowledgement.
Event Letter(Date date, std::string reference) {
  return {.date = date,
          .kind = EventKind::kActionPerformed,
          .invoices = {"F-1", "F-2"},
          .level = "formal-notice",
          .channel = "registered_letter",
          .reference = std::move(reference)};
}
Event Acknowledged(Date date, std::string reference,
                   std::vector<std::string> invoices = {}) {
  return {.date = date,
          .kind = EventKind::kActionAcknowledged,
          .invoices = std::move(invoices),
          .reference = std::move(reference),
          .reason = "signed: M. Dupont"};
}

TEST(CompiledCase, AttachesAnAcknowledgementToTheInvoicesOfItsAction) {
  absl::StatusOr<CompiledCase> compiled = CompiledCase::Compile(
      Timeline({Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 2, 14)),
                Issued(D(2026, 1, 20), "F-2", "50.00 EUR", D(2026, 2, 19)),
                Issued(D(2026, 1, 25), "F-3", "70.00 EUR", D(2026, 2, 24)),
                Letter(D(2026, 3, 2), "1A 123 456 7890 1"),
                // Naming none: the letter's invoices, F-1 and F-2, not F-3
                // (not the whole account).
                Acknowledged(D(2026, 3, 4), "1A 123 456 7890 1"),
                // Naming one of them: that one alone.
                Acknowledged(D(2026, 3, 5), "1A 123 456 7890 1", {"F-2"})}));
  ASSERT_THAT(compiled, IsOk());
  EXPECT_THAT(Indices(compiled->EventsOf(0)), ElementsAre(0u, 3u, 4u));
  EXPECT_THAT(Indices(compiled->EventsOf(1)), ElementsAre(1u, 3u, 4u, 5u));
  EXPECT_THAT(Indices(compiled->EventsOf(2)), ElementsAre(2u));
  EXPECT_THAT(Indices(compiled->ActionsAcknowledged(4)), ElementsAre(3u));
  EXPECT_THAT(Indices(compiled->ActionsAcknowledged(5)), ElementsAre(3u));
  // Not an acknowledgement: nothing.
  EXPECT_THAT(Indices(compiled->ActionsAcknowledged(3)), IsEmpty());
  EXPECT_THAT(Indices(compiled->ActionsAcknowledged(99)), IsEmpty());
}

TEST(CompiledCase, AnAcknowledgementOnTheDayOfItsActionIsAccepted) {
  // An agency confirms receipt of the file the day it is sent.
  EXPECT_THAT(CompiledCase::Compile(Timeline(
                  {Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 2, 14)),
                   Issued(D(2026, 1, 20), "F-2", "50.00 EUR", D(2026, 2, 19)),
                   Letter(D(2026, 3, 2), "agency file 7"),
                   Acknowledged(D(2026, 3, 2), "agency file 7")})),
              IsOk());
}

TEST(CompiledCase, RefusesAnAcknowledgementOfNoActionPerformed) {
  const Event f1 = Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 2, 14));
  const Event f2 = Issued(D(2026, 1, 20), "F-2", "50.00 EUR", D(2026, 2, 19));
  // No letter carries that number.
  EXPECT_EQ(Refusal(Timeline({f1, f2, Letter(D(2026, 3, 2), "LR-1"),
                              Acknowledged(D(2026, 3, 4), "LR-2")})),
            "events[3] action_acknowledged on 2026-03-04: no "
            "action_performed with reference \"LR-2\" before it");
  // Received before it was sent (recorded before its action).
  EXPECT_EQ(Refusal(Timeline({f1, f2, Acknowledged(D(2026, 3, 2), "LR-1"),
                              Letter(D(2026, 3, 2), "LR-1")})),
            "events[2] action_acknowledged on 2026-03-02: acknowledges the "
            "action \"LR-1\" before it was performed (events[3] on "
            "2026-03-02)");
  // A payment's reference is not an action's.
  EXPECT_EQ(Refusal(Timeline({f1,
                              {.date = D(2026, 2, 1),
                               .kind = EventKind::kPaymentReceived,
                               .invoice = "F-1",
                               .amount = M("10.00 EUR"),
                               .reference = "LR-1"},
                              Acknowledged(D(2026, 3, 4), "LR-1")})),
            "events[2] action_acknowledged on 2026-03-04: no "
            "action_performed with reference \"LR-1\" before it");
  // An invoice the letter did not concern.
  const Event f3 = Issued(D(2026, 1, 25), "F-3", "70.00 EUR", D(2026, 2, 24));
  EXPECT_EQ(Refusal(Timeline({f1, f2, f3, Letter(D(2026, 3, 2), "LR-1"),
                              Acknowledged(D(2026, 3, 4), "LR-1", {"F-3"})})),
            "events[4] action_acknowledged on 2026-03-04: invoice \"F-3\" is "
            "not one of the action \"LR-1\" acknowledged (events[3] on "
            "2026-03-02)");
}

TEST(CompiledCase, RefusesAnInvalidEventNamingIt) {
  Event payment = Paid(D(2026, 2, 10), "F-1", "10.00 EUR");
  payment.amount.reset();
  EXPECT_EQ(Refusal(Timeline(
                {Issued(D(2026, 1, 15), "F-1", "100.00 EUR", D(2026, 2, 14)),
                 payment})),
            "events[1] (payment_received): amount: required");
}

}  // namespace
}  // namespace relance
