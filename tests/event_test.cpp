#include "relance/event.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include "example_files.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string ReadExample(const std::string& name) {
  return ::relance::testing::ReadExampleFile("cases/" + name);
}

TEST(Event, ParsesTheExampleCases) {
  for (const char* name : {"dupont_ladder.json", "martin_dispute.json",
                           "bernard_broken_promise.json"}) {
    absl::StatusOr<Case> parsed = Case::FromJson(ReadExample(name));
    ASSERT_THAT(parsed, IsOk()) << name;
    EXPECT_FALSE(parsed->events.empty());
    // The JSON form round-trips.
    EXPECT_THAT(Case::FromJson(parsed->ToJson()),
                ::relance::testing::IsOkAndHolds(*parsed))
        << name;
  }
  const Case dupont = *Case::FromJson(ReadExample("dupont_ladder.json"));
  EXPECT_EQ(dupont.customer_id, "C-042");
  EXPECT_EQ(dupont.customer_name, "Dupont SARL");
  ASSERT_EQ(dupont.events.size(), 4u);
  EXPECT_EQ(dupont.events[0].kind, EventKind::kInvoiceIssued);
  EXPECT_EQ(dupont.events[0].terms, "30 jours fin de mois");
  EXPECT_EQ(dupont.events[1].due_date, MakeDate(2026, 2, 19));
  EXPECT_THAT(dupont.events[2].Invoices(), ElementsAre("F-1001", "F-1007"));
  EXPECT_EQ(dupont.events[3].amount, Money::Parse("480.00 EUR").value());
  const Case martin = *Case::FromJson(ReadExample("martin_dispute.json"));
  EXPECT_EQ(martin.events[3].outcome, DisputeOutcome::kUpheld);
}

TEST(Event, KindNamesRoundTrip) {
  for (EventKind kind :
       {EventKind::kInvoiceIssued, EventKind::kPaymentReceived,
        EventKind::kCreditNote, EventKind::kActionPerformed,
        EventKind::kDisputeOpened, EventKind::kDisputeResolved,
        EventKind::kPromiseToPay, EventKind::kPromiseConfirmed,
        EventKind::kPaymentPlanAgreed, EventKind::kDunningBlocked,
        EventKind::kHandedToAgency, EventKind::kLegalActionStarted,
        EventKind::kWrittenOff, EventKind::kAccountBlocked,
        EventKind::kAccountUnblocked, EventKind::kSegmentAssigned,
        EventKind::kActionAcknowledged}) {
    EXPECT_EQ(*ParseEventKind(ToString(kind)), kind);
  }
  EXPECT_THAT(ParseEventKind("paid"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("event type \"paid\": expected one of "
                                 "invoice_issued")));
}

TEST(Event, ValidatesTheFieldsOfEachKind) {
  const Money eur = *Money::Parse("10.00 EUR");
  const auto error = [](const Event& event, const char* fragment) {
    EXPECT_THAT(
        event.Validate("events[0]"),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(fragment)))
        << fragment;
  };
  const Date day = MakeDate(2026, 3, 1);
  error({.date = day, .kind = EventKind::kPaymentReceived, .invoice = "F-1"},
        "events[0] (payment_received): amount: required");
  error({.date = day, .kind = EventKind::kPaymentReceived, .amount = eur},
        "invoice: required");
  error({.date = day,
         .kind = EventKind::kPaymentReceived,
         .invoice = "F-1",
         .amount = eur,
         .segment = "vip"},
        "segment: not allowed on this event (allowed: invoice, amount, "
        "reference)");
  error({.date = day,
         .kind = EventKind::kPaymentReceived,
         .invoice = "F-1",
         .amount = *Money::Parse("-10.00 EUR")},
        "amount: must be positive");
  error({.date = day,
         .kind = EventKind::kInvoiceIssued,
         .invoice = "F-1",
         .amount = eur},
        "give exactly one of due_date or terms");
  error({.date = day,
         .kind = EventKind::kInvoiceIssued,
         .invoice = "F-1",
         .amount = eur,
         .terms = "net thirty"},
        "terms: terms \"net thirty\"");
  error({.date = day,
         .kind = EventKind::kInvoiceIssued,
         .invoice = "F-1",
         .amount = eur,
         .due_date = MakeDate(2026, 2, 1)},
        "due_date: before the invoice date");
  error({.date = day,
         .kind = EventKind::kPromiseToPay,
         .promised_date = MakeDate(2026, 2, 1)},
        "promised_date: before the promise");
  error({.date = day, .kind = EventKind::kDunningBlocked, .until = day},
        "until: must be after the event date");
  error({.date = day,
         .kind = EventKind::kDisputeResolved,
         .invoice = "F-1",
         .amount = eur,
         .outcome = DisputeOutcome::kRejected},
        "only an upheld dispute credits an amount");
  error({.date = day,
         .kind = EventKind::kActionPerformed,
         .invoice = "F-1",
         .invoices = {"F-2"},
         .level = "reminder1",
         .channel = "email"},
        "either invoice or invoices");
  error({.date = day,
         .kind = EventKind::kPaymentPlanAgreed,
         .instalments = {{.date = MakeDate(2026, 4, 1), .amount = eur},
                         {.date = MakeDate(2026, 3, 15), .amount = eur}}},
        "instalments[1]: dates must increase");
  error({.date = day, .kind = EventKind::kSegmentAssigned},
        "segment: required");
  EXPECT_THAT((Event{.date = day,
                     .kind = EventKind::kAccountBlocked,
                     .reason = "legal hold"})
                  .Validate("events[0]"),
              IsOk());
}

TEST(Event, CaseFileErrorsNameThePath) {
  const auto error = [](const char* json, const char* fragment) {
    EXPECT_THAT(
        Case::FromJson(json),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(fragment)))
        << json;
  };
  error("{", "case: invalid JSON");
  error(R"({"events": []})", "case: customer: required");
  error(R"({"customer": {"id": ""}, "events": []})",
        "customer.id: must not be empty");
  error(R"({"customer": {"id": "C"}, "events": [{"type": "account_blocked"}]})",
        "events[0].date: required");
  error(
      R"({"customer": {"id": "C"}, "events": [{"date": "2026-02-30", "type": "account_blocked"}]})",
      "events[0].date: date \"2026-02-30\"");
  error(
      R"({"customer": {"id": "C"}, "events": [{"date": "2026-02-01", "type": "paid"}]})",
      "events[0].type: event type \"paid\"");
  error(
      R"({"customer": {"id": "C"}, "events": [{"date": "2026-02-01", "type": "payment_received", "invoice": "F", "amount": "12,00 EUR"}]})",
      "events[0].amount: money \"12,00 EUR\"");
  error(
      R"({"customer": {"id": "C"}, "events": [{"date": "2026-02-01", "type": "account_blocked", "colour": "red"}]})",
      "events[0]: unknown key \"colour\"");
  error(
      R"({"customer": {"id": "C"}, "events": [{"date": "2026-02-01", "type": "payment_received", "invoice": "F"}]})",
      "case: events[0] (payment_received): amount: required");
  // Events out of order are an error naming both dates.
  error(R"({"customer": {"id": "C"}, "events": [
           {"date": "2026-02-10", "type": "account_blocked"},
           {"date": "2026-02-01", "type": "account_unblocked"}]})",
        "events[1]: dated 2026-02-01, before the previous event (2026-02-10)");
}

TEST(Event, AnActionCarriesTheFeeChargedWithIt) {
  // The `amount` of an action_performed is the fee charged with the letter
  // (relance/event.hpp); it survives the case file both ways.
  const absl::StatusOr<Case> c = Case::FromJson(R"({
      "customer": {"id": "C"},
      "events": [
        {"date": "2026-01-15", "type": "invoice_issued", "invoice": "F-1",
         "amount": "100.00 EUR", "due_date": "2026-02-14"},
        {"date": "2026-03-01", "type": "action_performed",
         "invoices": ["F-1"], "level": "formal-notice", "channel": "letter",
         "amount": "40.00 EUR"}]})");
  ASSERT_THAT(c, IsOk());
  ASSERT_EQ(c->events.size(), 2u);
  EXPECT_EQ(c->events[1].amount, ::relance::testing::M("40.00 EUR"));
  EXPECT_EQ(c->events[1].Invoices(), std::vector<std::string>{"F-1"});
  EXPECT_THAT(Case::FromJson(c->ToJson()),
              ::relance::testing::IsOkAndHolds(*c));
}

// The file helper gives what FromJson gives on the file's text, and names
// the file in its errors.
TEST(Event, OneEventFromJsonAndBackOnOneLine) {
  const std::string text =
      R"({"date":"2026-02-20","type":"dispute_opened","invoice":"F-1001",)"
      R"("amount":"200.00 EUR","reason":"one pallet damaged"})";
  absl::StatusOr<Event> event = Event::FromJson(text);
  ASSERT_THAT(event, IsOk());
  EXPECT_EQ(event->date, MakeDate(2026, 2, 20));
  EXPECT_EQ(event->kind, EventKind::kDisputeOpened);
  EXPECT_EQ(event->invoice, "F-1001");
  EXPECT_EQ(event->amount->ToString(), "200.00 EUR");
  // Keys in a fixed order, whatever order they came in: the text written is
  // the text read here, byte for byte.
  EXPECT_EQ(event->ToJson(), text);
  absl::StatusOr<Event> reordered = Event::FromJson(
      R"({"reason":"one pallet damaged","amount":"200.00 EUR",)"
      R"("invoice":"F-1001","type":"dispute_opened","date":"2026-02-20"})");
  ASSERT_THAT(reordered, IsOk());
  EXPECT_EQ(reordered->ToJson(), text);
}

TEST(Event, AnAcknowledgementFromJsonAndBack) {
  // The signed receipt of a registered letter: the day printed on the card,
  // the letter's number as its action_performed recorded it, who signed.
  const std::string text =
      R"({"date":"2026-03-04","type":"action_acknowledged",)"
      R"("invoices":["F-1","F-2"],"reference":"1A 123 456 7890 1",)"
      R"("reason":"signed: M. Dupont"})";
  absl::StatusOr<Event> event = Event::FromJson(text);
  ASSERT_THAT(event, IsOk());
  EXPECT_EQ(event->kind, EventKind::kActionAcknowledged);
  EXPECT_EQ(event->date, MakeDate(2026, 3, 4));
  EXPECT_EQ(event->reference, "1A 123 456 7890 1");
  EXPECT_THAT(event->invoices, ElementsAre("F-1", "F-2"));
  EXPECT_EQ(event->reason, "signed: M. Dupont");
  EXPECT_EQ(event->ToJson(), text);
  // The invoices are optional (they are the acknowledged action's).
  const std::string bare =
      R"({"date":"2026-03-04","type":"action_acknowledged",)"
      R"("reference":"action 12"})";
  absl::StatusOr<Event> lone = Event::FromJson(bare);
  ASSERT_THAT(lone, IsOk());
  EXPECT_THAT(lone->Invoices(), ::testing::IsEmpty());
  EXPECT_EQ(lone->ToJson(), bare);
}

TEST(Event, AnAcknowledgementNamesTheActionItAcknowledges) {
  EXPECT_THAT(
      Event::FromJson(R"({"date":"2026-03-04","type":"action_acknowledged",)"
                      R"("reason":"signed"})"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("event (action_acknowledged): reference: required")));
  // It has no level, channel or amount of its own: those are the action's.
  EXPECT_THAT(
      Event::FromJson(R"({"date":"2026-03-04","type":"action_acknowledged",)"
                      R"("reference":"LR-1","channel":"registered_letter"})"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("event (action_acknowledged): channel: not allowed on "
                         "this event (allowed: invoice, invoices, reference, "
                         "reason)")));
  EXPECT_THAT(
      Event::FromJson(R"({"date":"2026-03-04","type":"action_acknowledged",)"
                      R"("reference":"LR-1","amount":"5.00 EUR"})"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("(action_acknowledged): amount: not allowed")));
}

TEST(Event, OneEventErrorsNameTheField) {
  EXPECT_THAT(
      Event::FromJson(R"({"date":"2026-02-30","type":"written_off"})"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("event: date")));
  EXPECT_THAT(
      Event::FromJson(R"({"date":"2026-02-20","type":"payment_received",)"
                      R"("invoice":"F-1"})"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("event (payment_received): amount: required")));
  EXPECT_THAT(Event::FromJson(R"([1, 2])"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("event: expected an object")));
  EXPECT_THAT(
      Event::FromJson(R"({"date":"2026-02-20","type":"x"})"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("event: type")));
  EXPECT_THAT(Event::FromJson("{"), StatusIs(absl::StatusCode::kInvalidArgument,
                                             HasSubstr("event: invalid JSON")));
}

TEST(Case, FromFileReadsTheExampleAndNamesTheFileInErrors) {
  const std::string path =
      std::string(RELANCE_SOURCE_DIR) + "/examples/cases/dupont_ladder.json";
  absl::StatusOr<Case> from_file = Case::FromFile(path);
  ASSERT_THAT(from_file, IsOk());
  EXPECT_EQ(from_file->customer_id, "C-042");
  // Two invoices, the courtesy notice for both, the payment of F-1007
  // (examples/cases/dupont_ladder.json).
  ASSERT_EQ(from_file->events.size(), 4u);
  EXPECT_EQ(from_file->events[3].invoice, "F-1007");
  EXPECT_THAT(Case::FromJson(::relance::testing::ReadExampleFile(
                  "cases/dupont_ladder.json")),
              ::relance::testing::IsOkAndHolds(*from_file));

  const std::string bad = ::testing::TempDir() + "bad_case.json";
  std::ofstream(bad) << R"({"customer": {"id": "C-1"}, "events": [{}]})";
  EXPECT_THAT(Case::FromFile(bad),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("bad_case.json: case: events[0]")));
  EXPECT_THAT(Case::FromFile("/nonexistent/case.json"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("file \"/nonexistent/case.json\": cannot "
                                 "open")));
  EXPECT_THAT(
      Case::FromFile("/tmp"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("a directory")));
}

}  // namespace
}  // namespace relance
