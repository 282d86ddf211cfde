#include "relance/einvoice_status.hpp"

#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/lifecycle.hpp"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::D;
using ::relance::testing::Eur;
using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

std::string ReadSample(const std::string& name) {
  std::ifstream file(
      std::string(RELANCE_SOURCE_DIR) + "/tests/data/einvoice/" + name,
      std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  EXPECT_FALSE(text.str().empty()) << name;
  return text.str();
}

// A CDAR message from the buyer ACHETEUR (SIREN 200000008) to the seller
// VENDEUR (100000009), dated 2026-03-10 14:30, holding `references`.
std::string Message(const std::string& references,
                    const std::string& event_time = "20260310143000") {
  return absl::StrCat(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossDomainAcknowledgementAndResponse
 xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
 xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100">
 <rsm:ExchangedDocumentContext>
  <ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>REGULATED</ram:ID></ram:BusinessProcessSpecifiedDocumentContextParameter>
  <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn.cpro.gouv.fr:1p0:CDV:invoice</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
 </rsm:ExchangedDocumentContext>
 <rsm:ExchangedDocument>
  <ram:ID>CDV-42</ram:ID>
  <ram:IssueDateTime><udt:DateTimeString format="204">20260310143000</udt:DateTimeString></ram:IssueDateTime>
  <ram:IssuerTradeParty><ram:GlobalID schemeID="0002">200000008</ram:GlobalID><ram:Name>ACHETEUR</ram:Name><ram:RoleCode>BY</ram:RoleCode></ram:IssuerTradeParty>
  <ram:RecipientTradeParty><ram:GlobalID schemeID="0002">100000009</ram:GlobalID><ram:Name>VENDEUR</ram:Name><ram:RoleCode>SE</ram:RoleCode></ram:RecipientTradeParty>
 </rsm:ExchangedDocument>
 <rsm:AcknowledgementDocument>
  <ram:TypeCode>23</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="204">)",
      event_time, R"(</udt:DateTimeString></ram:IssueDateTime>
)",
      references, R"( </rsm:AcknowledgementDocument>
</rsm:CrossDomainAcknowledgementAndResponse>
)");
}

// One status of invoice `invoice` (of 2026-02-01) with `details` inside.
std::string Reference(const std::string& code, const std::string& details = "",
                      const std::string& invoice = "F-1") {
  return absl::StrCat(
      "  <ram:ReferenceReferencedDocument>\n"
      "   <ram:IssuerAssignedID>",
      invoice,
      "</ram:IssuerAssignedID>\n"
      "   <ram:TypeCode>380</ram:TypeCode>\n"
      "   <ram:FormattedIssueDateTime><qdt:DateTimeString "
      "format=\"102\">20260201</qdt:DateTimeString></"
      "ram:FormattedIssueDateTime>\n"
      "   <ram:ProcessConditionCode>",
      code,
      "</ram:ProcessConditionCode>\n"
      "   <ram:IssuerTradeParty><ram:GlobalID "
      "schemeID=\"0002\">100000009</ram:GlobalID></ram:IssuerTradeParty>\n",
      details, "  </ram:ReferenceReferencedDocument>\n");
}

// A MDG-37 detail with a reason and characteristics.
std::string Detail(const std::string& reason_code,
                   const std::string& characteristics = "") {
  return absl::StrCat(
      "   <ram:SpecifiedDocumentStatus>\n"
      "    <ram:ReasonCode>",
      reason_code,
      "</ram:ReasonCode>\n"
      "    <ram:Reason>motif</ram:Reason>\n"
      "    <ram:SequenceNumeric>1</ram:SequenceNumeric>\n",
      characteristics, "   </ram:SpecifiedDocumentStatus>\n");
}

std::string Characteristic(const std::string& type, const std::string& amount,
                           const std::string& percent = "") {
  return absl::StrCat(
      "    <ram:SpecifiedDocumentCharacteristic><ram:TypeCode>", type,
      "</ram:TypeCode><ram:ValueAmount currencyID=\"EUR\">", amount,
      "</ram:ValueAmount>",
      percent.empty()
          ? std::string()
          : absl::StrCat("<ram:ValuePercent>", percent, "</ram:ValuePercent>"),
      "</ram:SpecifiedDocumentCharacteristic>\n");
}

EInvoiceStatus ReadOne(const std::string& xml) {
  absl::StatusOr<EInvoiceStatusMessage> message =
      ReadEInvoiceStatuses(xml, "s.xml");
  EXPECT_THAT(message, IsOk());
  if (!message.ok() || message->statuses.size() != 1) return {};
  return message->statuses.front();
}

EInvoiceStatusFact Fact(const EInvoiceStatus& status,
                        const EInvoiceStatusFactOptions& options = {}) {
  absl::StatusOr<EInvoiceStatusFact> fact =
      EInvoiceStatusToFact(status, options);
  EXPECT_THAT(fact, IsOk());
  if (!fact.ok()) return {};
  if (fact->event) {
    EXPECT_THAT(fact->event->Validate("event"), IsOk()) << status.code;
  }
  return *fact;
}

// --- Every code of the table -------------------------------------------------

// Written by hand from the decisions in docs/einvoice.md, not from the
// library's table: each code, the event it gives when its message carries a
// reason, MEN 120.00 at 20 %, MNATTC 30.00 and MPA 100.00, on an invoice
// with a partial dispute open (none: evidence).
struct CodeCase {
  int code;
  std::optional<EventKind> kind;
};
constexpr CodeCase kEveryCode[] = {
    {200, std::nullopt},
    {201, std::nullopt},
    {202, std::nullopt},
    {203, std::nullopt},
    {204, std::nullopt},
    {205, EventKind::kDisputeResolved},
    {206, EventKind::kDisputeOpened},
    {207, EventKind::kDisputeOpened},
    {208, EventKind::kDisputeOpened},
    {209, EventKind::kDisputeResolved},
    {210, EventKind::kDisputeOpened},
    {211, EventKind::kPromiseToPay},
    {212, EventKind::kPaymentReceived},
    {213, EventKind::kWrittenOff},
    {214, std::nullopt},
    {220, EventKind::kCreditNote},  // with the outstanding given
    {221, std::nullopt},
    {224, std::nullopt},
    {225, EventKind::kDunningBlocked},
    {226, std::nullopt},
    {227, std::nullopt},
    {228, std::nullopt},
    {250, std::nullopt},
    {251, std::nullopt},
    {300, std::nullopt},
    {301, std::nullopt},
    {400, std::nullopt},
    {401, std::nullopt},
    {500, std::nullopt},
    {501, EventKind::kWrittenOff},
    {601, std::nullopt},
};

TEST(EInvoiceStatusTable, HoldsTheSchematronCodesOnce) {
  // BR-FR-CDV-CL-06 (FNFE-MPE CDAR schematron v1.4.0), 31 codes.
  std::set<int> expected;
  for (const CodeCase& each : kEveryCode) expected.insert(each.code);
  ASSERT_EQ(expected.size(), 31u);
  std::set<int> table;
  for (const EInvoiceStatusInfo& row : EInvoiceStatusTable()) {
    EXPECT_TRUE(table.insert(row.code).second) << row.code;
    EXPECT_FALSE(row.meaning.empty()) << row.code;
    EXPECT_FALSE(row.why.empty()) << row.code;
    EXPECT_EQ(FindEInvoiceStatus(row.code), &row);
  }
  EXPECT_EQ(table, expected);
  EXPECT_EQ(FindEInvoiceStatus(199), nullptr);
  EXPECT_EQ(FindEInvoiceStatus(215), nullptr);
  EXPECT_EQ(FindEInvoiceStatus(602), nullptr);
}

TEST(EInvoiceStatusTable, EveryCodeGivesItsFact) {
  for (const CodeCase& each : kEveryCode) {
    SCOPED_TRACE(each.code);
    const std::string details =
        Detail("AUTRE", Characteristic("MEN", "120.00", "20.00") +
                            Characteristic("MNATTC", "30.00") +
                            Characteristic("MPA", "100.00"));
    const EInvoiceStatus status =
        ReadOne(Message(Reference(std::to_string(each.code), details)));
    ASSERT_EQ(status.code, each.code);
    // A partial dispute open: every dispute and resolution gives its event.
    const EInvoiceStatusFact fact = Fact(
        status,
        {.outstanding = Eur("500.00"), .dispute = InvoiceDispute::kPartial});
    ASSERT_EQ(fact.event.has_value(), each.kind.has_value())
        << fact.note << " " << ToString(fact.effect);
    if (!each.kind) {
      EXPECT_EQ(fact.effect, EInvoiceStatusEffect::kEvidence);
      EXPECT_THAT(fact.note, HasSubstr("kept as evidence"));
      continue;
    }
    EXPECT_EQ(fact.event->kind, *each.kind);
    // Dated on the status date (the acknowledgement's 20260310143000), on
    // the invoice MDT-87.
    EXPECT_EQ(fact.event->date, D(2026, 3, 10));
    EXPECT_EQ(fact.event->invoice, "F-1");
  }
}

// Each event folds on an invoice not yet due: F-1 of 1200.00 EUR issued on
// 2026-02-01, due 2026-04-30; the status on 2026-03-10 (as in
// EveryCodeGivesItsFact: MNATTC 30.00, MEN 120.00, MPA 100.00, outstanding
// 500.00), after a partial dispute of 10.00 opened on 2026-03-01. The
// states, by hand: a partial dispute (206, 207), a resolution (205, 209)
// and a partial payment or credit leave it not yet due; 208 and 210
// dispute it in full; 211 promises (folded on 2026-03-12, before the
// promised 2026-03-15); 213 and 501 write it off; 225 blocks it, still
// blocked a year after its due date.
TEST(EInvoiceStatusTable, EveryEventFoldsInTheLifecycle) {
  const std::pair<int, InvoiceState> kStates[] = {
      {205, InvoiceState::kNotYetDue},  {206, InvoiceState::kNotYetDue},
      {207, InvoiceState::kNotYetDue},  {208, InvoiceState::kDisputed},
      {209, InvoiceState::kNotYetDue},  {210, InvoiceState::kDisputed},
      {211, InvoiceState::kPromised},   {212, InvoiceState::kNotYetDue},
      {213, InvoiceState::kWrittenOff}, {220, InvoiceState::kNotYetDue},
      {225, InvoiceState::kBlocked},    {501, InvoiceState::kWrittenOff},
  };
  for (const auto& [code, state] : kStates) {
    SCOPED_TRACE(code);
    const std::string details =
        Detail("AUTRE", Characteristic("MEN", "120.00", "20.00") +
                            Characteristic("MNATTC", "30.00") +
                            Characteristic("MPA", "100.00"));
    const EInvoiceStatusFact fact = Fact(
        ReadOne(Message(Reference(std::to_string(code), details))),
        {.outstanding = Eur("500.00"), .dispute = InvoiceDispute::kPartial});
    ASSERT_TRUE(fact.event.has_value());
    Case c;
    c.customer_id = "C-1";
    c.events.push_back({.date = D(2026, 2, 1),
                        .kind = EventKind::kInvoiceIssued,
                        .invoice = "F-1",
                        .amount = Eur("1200.00"),
                        .due_date = D(2026, 4, 30)});
    c.events.push_back({.date = D(2026, 3, 1),
                        .kind = EventKind::kDisputeOpened,
                        .invoice = "F-1",
                        .amount = Eur("10.00")});
    c.events.push_back(*fact.event);
    absl::StatusOr<InvoiceLifecycle> folded =
        FoldInvoice(c, "F-1", D(2026, 3, 12));
    ASSERT_THAT(folded, IsOk());
    EXPECT_EQ(folded->state, state) << ToString(folded->state);
  }
  // Factored: the block has no end, so the invoice is never dunned.
  Case c;
  c.events.push_back({.date = D(2026, 2, 1),
                      .kind = EventKind::kInvoiceIssued,
                      .invoice = "F-1",
                      .amount = Eur("1200.00"),
                      .due_date = D(2026, 4, 30)});
  c.events.push_back(*Fact(ReadOne(Message(Reference("225")))).event);
  absl::StatusOr<InvoiceLifecycle> folded =
      FoldInvoice(c, "F-1", D(2027, 5, 15));
  ASSERT_THAT(folded, IsOk());
  EXPECT_EQ(folded->state, InvoiceState::kBlocked);
}

// --- Each effect in detail ---------------------------------------------------

TEST(EInvoiceStatusFact, DisputeInFullWithoutAmount) {
  // 207 with a reason and no MNATTC: disputed in full.
  const EInvoiceStatus status =
      ReadOne(Message(Reference("207", Detail("LIVR_INCOMP"))));
  const EInvoiceStatusFact fact = Fact(status);
  ASSERT_TRUE(fact.event.has_value());
  EXPECT_EQ(fact.event->kind, EventKind::kDisputeOpened);
  EXPECT_FALSE(fact.event->amount.has_value());
  EXPECT_EQ(fact.event->reason, "status 207 En litige; LIVR_INCOMP: motif");
  EXPECT_EQ(fact.event->reference, "CDV-42");
}

TEST(EInvoiceStatusFact, PartialApprovalDisputesTheAmountNotApproved) {
  // 206: MAPTTC 90.00 approved, MNATTC 30.00 not: 30.00 disputed.
  const EInvoiceStatus status = ReadOne(Message(Reference(
      "206", Detail("QTE_ERR", Characteristic("MAPTTC", "90.00") +
                                   Characteristic("MNATTC", "30.00")))));
  ASSERT_EQ(status.amounts.size(), 2u);
  EXPECT_EQ(status.amounts[0].type_code, "MAPTTC");
  EXPECT_EQ(status.amounts[0].amount, Eur("90.00"));
  const EInvoiceStatusFact fact = Fact(status);
  ASSERT_TRUE(fact.event.has_value());
  EXPECT_EQ(fact.event->kind, EventKind::kDisputeOpened);
  EXPECT_EQ(fact.event->amount, Eur("30.00"));
}

TEST(EInvoiceStatusFact, PartialApprovalWithoutTheAmountIsInFull) {
  const EInvoiceStatus status =
      ReadOne(Message(Reference("206", Detail("QTE_ERR"))));
  const EInvoiceStatusFact fact = Fact(status);
  ASSERT_TRUE(fact.event.has_value());
  EXPECT_FALSE(fact.event->amount.has_value());
}

TEST(EInvoiceStatusFact, SuspensionAndRefusalAreDisputesInFull) {
  // An MNATTC on a 208 or 210 does not make them partial.
  for (const char* code : {"208", "210"}) {
    const EInvoiceStatus status = ReadOne(Message(Reference(
        code, Detail("JUSTIF_ABS", Characteristic("MNATTC", "30.00")))));
    const EInvoiceStatusFact fact = Fact(status);
    ASSERT_TRUE(fact.event.has_value()) << code;
    EXPECT_EQ(fact.event->kind, EventKind::kDisputeOpened);
    EXPECT_FALSE(fact.event->amount.has_value()) << code;
    EXPECT_THAT(fact.event->reason, HasSubstr("JUSTIF_ABS"));
  }
}

TEST(EInvoiceStatusFact, DisputesFollowTheInvoicesDispute) {
  // 207 then 210: the host says the invoice is disputed in full already.
  for (const char* code : {"206", "207", "208", "210"}) {
    const EInvoiceStatusFact fact =
        Fact(ReadOne(Message(Reference(code, Detail("TX_TVA_ERR")))),
             {.dispute = InvoiceDispute::kInFull});
    EXPECT_FALSE(fact.event.has_value()) << code;
    EXPECT_THAT(fact.note, HasSubstr("already disputed in full")) << code;
  }
  // Approved or completed with no dispute open: nothing to resolve (the
  // lifecycle would refuse it); with one, partial or in full, resolved.
  for (const char* code : {"205", "209"}) {
    EInvoiceStatusFact fact = Fact(ReadOne(Message(Reference(code))));
    EXPECT_EQ(fact.effect, EInvoiceStatusEffect::kDisputeResolved);
    EXPECT_FALSE(fact.event.has_value()) << code;
    EXPECT_THAT(fact.note, HasSubstr("no dispute open")) << code;
    for (InvoiceDispute open :
         {InvoiceDispute::kPartial, InvoiceDispute::kInFull}) {
      fact = Fact(ReadOne(Message(Reference(code))), {.dispute = open});
      EXPECT_TRUE(fact.event.has_value()) << code;
    }
  }
}

TEST(EInvoiceStatusFact, ApprovalAndCompletionResolveAsRejected) {
  for (const char* code : {"205", "209"}) {
    const EInvoiceStatusFact fact = Fact(ReadOne(Message(Reference(code))),
                                         {.dispute = InvoiceDispute::kInFull});
    ASSERT_TRUE(fact.event.has_value()) << code;
    EXPECT_EQ(fact.event->kind, EventKind::kDisputeResolved);
    EXPECT_EQ(fact.event->outcome, DisputeOutcome::kRejected);
    EXPECT_FALSE(fact.event->amount.has_value());
  }
}

TEST(EInvoiceStatusFact, PaymentSentIsAPromise) {
  // Sent on 2026-03-10; by default 5 days in transit: promised 2026-03-15,
  // for the MPA amount.
  const EInvoiceStatus status = ReadOne(
      Message(Reference("211", Detail("", Characteristic("MPA", "100.00")))));
  EInvoiceStatusFact fact = Fact(status);
  ASSERT_TRUE(fact.event.has_value());
  EXPECT_EQ(fact.event->kind, EventKind::kPromiseToPay);
  EXPECT_EQ(fact.event->promised_date, D(2026, 3, 15));
  EXPECT_EQ(fact.event->amount, Eur("100.00"));
  fact = Fact(status, {.payment_transit_days = 0});
  EXPECT_EQ(fact.event->promised_date, D(2026, 3, 10));
  EXPECT_THAT(EInvoiceStatusToFact(status, {.payment_transit_days = 61}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("payment_transit_days: 61")));
  // Without MPA: the whole balance.
  fact = Fact(ReadOne(Message(Reference("211"))));
  EXPECT_FALSE(fact.event->amount.has_value());
}

TEST(EInvoiceStatusFact, CashedSumsTheAmountsOfEveryRate) {
  // 120.00 at 20 % + 55.00 at 10 % + 10.55 at 5.5 % = 185.55.
  const EInvoiceStatus status = ReadOne(Message(Reference(
      "212", Detail("", Characteristic("MEN", "120.00", "20.00") +
                            Characteristic("MEN", "55.00", "10") +
                            Characteristic("MEN", "10.55", "5.50")))));
  ASSERT_EQ(status.amounts.size(), 3u);
  EXPECT_EQ(status.amounts[1].vat_rate, Rate::FromPercent(10));
  EXPECT_EQ(status.amounts[2].vat_rate, Rate::FromBasisPoints(550));
  const EInvoiceStatusFact fact = Fact(status);
  ASSERT_TRUE(fact.event.has_value());
  EXPECT_EQ(fact.event->kind, EventKind::kPaymentReceived);
  EXPECT_EQ(fact.event->amount, Eur("185.55"));
  EXPECT_EQ(fact.event->reference, "CDV-42");
}

TEST(EInvoiceStatusFact, NegativeCashedIsARefundWithoutEvent) {
  const EInvoiceStatus status = ReadOne(Message(
      Reference("212", Detail("", Characteristic("MEN", "-50.00", "20.00")))));
  EXPECT_EQ(status.amounts.front().amount, Eur("-50.00"));
  const EInvoiceStatusFact fact = Fact(status);
  EXPECT_EQ(fact.effect, EInvoiceStatusEffect::kPayment);
  EXPECT_FALSE(fact.event.has_value());
  EXPECT_THAT(fact.note, HasSubstr("-50.00 EUR cashed, a refund"));
}

TEST(EInvoiceStatusFact, CancellationCreditsTheOutstanding) {
  const EInvoiceStatus status = ReadOne(Message(Reference("220")));
  EInvoiceStatusFact fact = Fact(status, {.outstanding = Eur("1200.00")});
  ASSERT_TRUE(fact.event.has_value());
  EXPECT_EQ(fact.event->kind, EventKind::kCreditNote);
  EXPECT_EQ(fact.event->amount, Eur("1200.00"));
  fact = Fact(status);
  EXPECT_FALSE(fact.event.has_value());
  EXPECT_THAT(fact.note, HasSubstr("give its outstanding balance"));
  EXPECT_THAT(EInvoiceStatusToFact(status, {.outstanding = Eur("0.00")}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("must be positive")));
}

TEST(EInvoiceStatusFact, FactoringBlocksAndRejectionWritesOff) {
  // Factored: blocked with no end (9999-12-31), whatever the invoice's state.
  EInvoiceStatusFact fact = Fact(ReadOne(Message(Reference("225"))));
  ASSERT_TRUE(fact.event.has_value());
  EXPECT_EQ(fact.event->kind, EventKind::kDunningBlocked);
  EXPECT_EQ(fact.event->until, D(9999, 12, 31));
  EXPECT_THAT(fact.event->reason, HasSubstr("status 225 Affacturée"));
  // Confidential factoring: the seller still collects.
  fact = Fact(ReadOne(Message(Reference("226"))));
  EXPECT_FALSE(fact.event.has_value());
  fact = Fact(ReadOne(Message(Reference("213", Detail("DOUBLON")))));
  ASSERT_TRUE(fact.event.has_value());
  EXPECT_EQ(fact.event->kind, EventKind::kWrittenOff);
  EXPECT_THAT(fact.event->reason, HasSubstr("DOUBLON"));
  EXPECT_THAT(fact.event->reason, HasSubstr("never legally issued"));
}

TEST(EInvoiceStatusFact, CodeOutsideTheTableIsAnError) {
  EInvoiceStatus status;
  status.code = 299;
  status.invoice_number = "F-9";
  EXPECT_THAT(EInvoiceStatusToFact(status),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invoice \"F-9\" status 299")));
}

// --- Reading -----------------------------------------------------------------

// The values of the official example UC1_F202500003_01-CDV-200_Déposée
// (tests/data/einvoice/cdv-200-deposee.xml).
TEST(EInvoiceStatusRead, OfficialDeposited) {
  absl::StatusOr<EInvoiceStatusMessage> message = ReadEInvoiceStatuses(
      ReadSample("cdv-200-deposee.xml"), "cdv-200-deposee.xml");
  ASSERT_THAT(message, IsOk());
  EXPECT_EQ(message->source_name, "cdv-200-deposee.xml");
  EXPECT_EQ(message->id, "");  // the example has no MDT-4
  EXPECT_EQ(message->name, "UC1_F202500003_01-CDV-200_Déposée");
  EXPECT_EQ(message->business_process, "REGULATED");
  EXPECT_EQ(message->guideline, "urn.cpro.gouv.fr:1p0:CDV:invoice");
  EXPECT_EQ(message->issue_date, D(2025, 7, 1));  // 20250701151500
  EXPECT_EQ(message->phase, "305");
  EXPECT_EQ(message->issuer.role, "WK");
  ASSERT_EQ(message->recipients.size(), 2u);
  EXPECT_EQ(message->recipients[0], (EInvoiceStatusParty{.id = "100000009",
                                                         .id_scheme = "0002",
                                                         .name = "VENDEUR",
                                                         .role = "SE"}));
  EXPECT_EQ(message->recipients[1].id, "9998");
  EXPECT_EQ(message->recipients[1].id_scheme, "0238");
  EXPECT_EQ(message->recipients[1].role, "DFH");
  ASSERT_EQ(message->statuses.size(), 1u);
  const EInvoiceStatus& status = message->statuses.front();
  EXPECT_EQ(status.code, 200);
  EXPECT_EQ(status.label, "Déposée");
  EXPECT_EQ(status.status_code, "10");
  EXPECT_EQ(status.date, D(2025, 7, 1));  // 20250701151000
  EXPECT_EQ(status.invoice_number, "F202500003");
  EXPECT_EQ(status.invoice_type_code, "380");
  EXPECT_EQ(status.invoice_issue_date, D(2025, 7, 1));
  EXPECT_EQ(status.seller_id, "100000009");
  EXPECT_EQ(status.seller_id_scheme, "0002");
  EXPECT_EQ(status.buyer_id, "");  // no party with role BY
  EXPECT_EQ(status.message_id, "UC1_F202500003_01-CDV-200_Déposée");
  EXPECT_TRUE(status.reasons.empty());
  EXPECT_TRUE(status.amounts.empty());
  const EInvoiceStatusFact fact = Fact(status);
  EXPECT_EQ(fact.effect, EInvoiceStatusEffect::kEvidence);
  EXPECT_FALSE(fact.event.has_value());
}

// The values of UC1_F202500003_07-CDV-212_Encaissee: 12000.00 EUR at 20 %,
// written with other prefixes and a default namespace.
TEST(EInvoiceStatusRead, OfficialCashed) {
  absl::StatusOr<EInvoiceStatusMessage> message = ReadEInvoiceStatuses(
      ReadSample("cdv-212-encaissee.xml"), "cdv-212-encaissee.xml");
  ASSERT_THAT(message, IsOk());
  EXPECT_EQ(message->id, "UC1_F202500003_07");
  EXPECT_EQ(message->issue_date, D(2025, 8, 2));
  EXPECT_EQ(message->issuer.id, "100000009");
  EXPECT_EQ(message->issuer.role, "SE");
  ASSERT_EQ(message->statuses.size(), 1u);
  const EInvoiceStatus& status = message->statuses.front();
  EXPECT_EQ(status.code, 212);
  EXPECT_EQ(status.label, "Encaissée");
  EXPECT_EQ(status.status_code, "47");
  EXPECT_EQ(status.invoice_number, "F202500003");
  EXPECT_EQ(status.invoice_issue_date, D(2025, 7, 1));
  EXPECT_EQ(status.buyer_id, "200000008");
  ASSERT_EQ(status.amounts.size(), 1u);
  EXPECT_EQ(status.amounts[0],
            (EInvoiceStatusAmount{.type_code = "MEN",
                                  .amount = Eur("12000.00"),
                                  .vat_rate = Rate::FromPercent(20)}));
  const EInvoiceStatusFact fact = Fact(status);
  ASSERT_TRUE(fact.event.has_value());
  EXPECT_EQ(fact.event->kind, EventKind::kPaymentReceived);
  EXPECT_EQ(fact.event->date, D(2025, 8, 2));
  EXPECT_EQ(fact.event->amount, Eur("12000.00"));
  EXPECT_EQ(fact.event->reference, "UC1_F202500003_07");
}

TEST(EInvoiceStatusRead, SeveralStatusesInOneMessage) {
  // A MULTI message: 207 on F-1, 211 on F-2; the status date falls back to
  // MDT-8 when the acknowledgement has none.
  std::string xml = Message(Reference("207", Detail("PU_ERR"), "F-1") +
                            Reference("211", "", "F-2"));
  // The second IssueDateTime is the acknowledgement's.
  const std::string event_time =
      "  <ram:IssueDateTime><udt:DateTimeString format=\"204\">"
      "20260310143000</udt:DateTimeString></ram:IssueDateTime>\n";
  const size_t at = xml.rfind(event_time);
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, event_time.size(), "");
  absl::StatusOr<EInvoiceStatusMessage> message =
      ReadEInvoiceStatuses(xml, "multi.xml");
  ASSERT_THAT(message, IsOk());
  ASSERT_EQ(message->statuses.size(), 2u);
  EXPECT_EQ(message->statuses[0].invoice_number, "F-1");
  EXPECT_EQ(message->statuses[0].code, 207);
  ASSERT_EQ(message->statuses[0].reasons.size(), 1u);
  EXPECT_EQ(message->statuses[0].reasons[0].code, "PU_ERR");
  EXPECT_EQ(message->statuses[1].invoice_number, "F-2");
  EXPECT_EQ(message->statuses[1].code, 211);
  EXPECT_EQ(message->statuses[1].buyer_id, "200000008");
  EXPECT_EQ(message->statuses[1].date, D(2026, 3, 10));
}

constexpr std::string_view kReference1 =
    "/rsm:CrossDomainAcknowledgementAndResponse/rsm:AcknowledgementDocument/"
    "ram:ReferenceReferencedDocument[1]";

TEST(EInvoiceStatusRead, UnknownCodeNamesFieldAndXPath) {
  EXPECT_THAT(
      ReadEInvoiceStatuses(Message(Reference("299")), "s.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr(absl::StrCat(
                   "s.xml: MDT-105 status code (", std::string(kReference1),
                   "/ram:ProcessConditionCode): \"299\" is not a lifecycle "
                   "status (BR-FR-CDV-CL-06"))));
  EXPECT_THAT(ReadEInvoiceStatuses(Message(Reference("2O7")), "s.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("\"2O7\" is not a lifecycle status")));
}

TEST(EInvoiceStatusRead, MissingAndMalformedFields) {
  EXPECT_THAT(ReadEInvoiceStatuses(Message(Reference("207", "", "")), "s.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(absl::StrCat(
                           "s.xml: MDT-87 invoice number (BT-1) (",
                           std::string(kReference1),
                           "/ram:IssuerAssignedID): missing (mandatory)"))));
  EXPECT_THAT(ReadEInvoiceStatuses(Message(""), "s.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("MDG-35 referenced invoice")));
  EXPECT_THAT(
      ReadEInvoiceStatuses(Message(Reference("207"), "20260231143000"),
                           "s.xml"),
      StatusIs(
          absl::StatusCode::kInvalidArgument,
          HasSubstr("status date (/rsm:CrossDomainAcknowledgementAndResponse"
                    "/rsm:AcknowledgementDocument/ram:IssueDateTime/"
                    "udt:DateTimeString): date \"20260231\"")));
  EXPECT_THAT(ReadEInvoiceStatuses(Message(Reference("207"), "20260310250000"),
                                   "s.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected CCYYMMDDHHMMSS (format 204)")));
  // A 212 without MEN; an MEN without rate; an amount without currency; a
  // comma.
  EXPECT_THAT(ReadEInvoiceStatuses(Message(Reference("212")), "s.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("at least one MEN amount (BR-FR-CDV-14)")));
  EXPECT_THAT(
      ReadEInvoiceStatuses(
          Message(Reference("212", Detail("", Characteristic("MEN", "10.00")))),
          "s.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("MDT-224 VAT rate (")));
  EXPECT_THAT(
      ReadEInvoiceStatuses(
          Message(Reference(
              "212", Detail("", Characteristic("MEN", "10,00", "20.00")))),
          "s.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("SpecifiedDocumentCharacteristic[1]/"
                         "ram:ValueAmount): amount \"10,00\"")));
  EXPECT_THAT(
      ReadEInvoiceStatuses(
          Message(Reference("212",
                            Detail("", Characteristic("MEN", "10.00", "-20")))),
          "s.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("ram:ValuePercent): \"-20\"")));
  std::string no_currency = Message(
      Reference("212", Detail("", Characteristic("MEN", "10.00", "20.00"))));
  no_currency.replace(no_currency.find(" currencyID=\"EUR\""),
                      std::string(" currencyID=\"EUR\"").size(), "");
  EXPECT_THAT(ReadEInvoiceStatuses(no_currency, "s.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("currencyID missing")));
}

TEST(EInvoiceStatusRead, RefusesOtherDocumentsAndBadXml) {
  // A CII invoice is not a lifecycle message.
  EXPECT_THAT(
      ReadEInvoiceStatuses(ReadSample("CII_example1.xml"), "CII_example1.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("CII_example1.xml: the root element "
                         "{urn:un:unece:uncefact:data:standard:"
                         "CrossIndustryInvoice:100}CrossIndustryInvoice is "
                         "not a CDAR lifecycle message")));
  // The right local name in the wrong namespace.
  std::string wrong = Message(Reference("207"));
  wrong.replace(wrong.find("CrossDomainAcknowledgementAndResponse:100"),
                std::string("CrossDomainAcknowledgementAndResponse:100").size(),
                "CrossDomainAcknowledgementAndResponse:99");
  EXPECT_THAT(ReadEInvoiceStatuses(wrong, "w.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is not a CDAR lifecycle message")));
  EXPECT_THAT(ReadEInvoiceStatuses("<a><b></a>", "cut.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cut.xml: not well-formed XML")));
  EXPECT_THAT(
      ReadEInvoiceStatuses("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY "
                           "lol \"lol\">]><lolz>&lol;</lolz>",
                           "bomb.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("bomb.xml: a document type declaration (DTD) is "
                         "refused")));
  EXPECT_THAT(ReadEInvoiceStatuses("", "e.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("e.xml: empty document")));
}

// --- Sending 212 -------------------------------------------------------------

// An invoice of 1000.00 + 200.00 VAT at 20 % and 500.00 + 50.00 at 10 %:
// 1750.00 with VAT.
std::vector<EInvoiceVatLine> Breakdown() {
  return {{.rate = Rate::FromPercent(20),
           .taxable = Eur("1000.00"),
           .vat = Eur("200.00")},
          {.rate = Rate::FromPercent(10),
           .taxable = Eur("500.00"),
           .vat = Eur("50.00")}};
}

TEST(EInvoiceCashed, SplitsInProportionAndSumsExactly) {
  // 875.00 paid (half): 1200/1750 of it is 600.00, 550/1750 is 275.00.
  absl::StatusOr<std::vector<EInvoiceStatusAmount>> parts =
      SplitCashedByVatRate(Eur("875.00"), Breakdown());
  ASSERT_THAT(parts, IsOk());
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].amount, Eur("600.00"));
  EXPECT_EQ((*parts)[0].vat_rate, Rate::FromPercent(20));
  EXPECT_EQ((*parts)[1].amount, Eur("275.00"));
  // 100.00 = 10000 cents: exact shares 10000 x 1200/1750 = 6857.14 and
  // 10000 x 550/1750 = 3142.86 cents; rounded down 6857 + 3142 = 9999, the
  // cent left goes to the larger remainder (0.86, the 10 % part): 68.57 and
  // 31.43.
  parts = SplitCashedByVatRate(Eur("100.00"), Breakdown());
  ASSERT_THAT(parts, IsOk());
  EXPECT_EQ((*parts)[0].amount, Eur("68.57"));
  EXPECT_EQ((*parts)[1].amount, Eur("31.43"));
  // A refund of 100.00: the same parts, negative.
  parts = SplitCashedByVatRate(Eur("-100.00"), Breakdown());
  ASSERT_THAT(parts, IsOk());
  EXPECT_EQ((*parts)[0].amount, Eur("-68.57"));
  EXPECT_EQ((*parts)[1].amount, Eur("-31.43"));
  // Property: for every payment from 0.01 to 20.00 the parts sum to it.
  for (int64_t cents = 1; cents <= 2000; ++cents) {
    const Money payment = testing::EurCents(cents);
    parts = SplitCashedByVatRate(payment, Breakdown());
    ASSERT_THAT(parts, IsOk());
    int64_t sum = 0;
    for (const EInvoiceStatusAmount& part : *parts) {
      sum += part.amount.minor_units();
    }
    EXPECT_EQ(sum, cents);
  }
}

TEST(EInvoiceCashed, MergesLinesOfOneRate) {
  // 0 % exempt (E) 100.00 and 0 % reverse charge (K) 100.00 are one rate:
  // 200.00 of 400.00 with VAT; 20 % line 150.00 + 50.00 = 200.00.
  const std::vector<EInvoiceVatLine> lines = {
      {.rate = Rate(), .taxable = Eur("100.00"), .vat = Eur("0.00")},
      {.rate = Rate::FromPercent(20),
       .taxable = Eur("150.00"),
       .vat = Eur("50.00")},
      {.rate = Rate(), .taxable = Eur("100.00"), .vat = Eur("0.00")}};
  absl::StatusOr<std::vector<EInvoiceStatusAmount>> parts =
      SplitCashedByVatRate(Eur("40.00"), lines);
  ASSERT_THAT(parts, IsOk());
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].vat_rate, Rate());
  EXPECT_EQ((*parts)[0].amount, Eur("20.00"));
  EXPECT_EQ((*parts)[1].amount, Eur("20.00"));
}

TEST(EInvoiceCashed, SplitErrors) {
  EXPECT_THAT(SplitCashedByVatRate(Eur("0.00"), Breakdown()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("payment: nothing was cashed")));
  EXPECT_THAT(SplitCashedByVatRate(Eur("1.00"), {}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("vat_breakdown: empty")));
  std::vector<EInvoiceVatLine> lines = Breakdown();
  lines[1].vat = testing::M("50.00 USD");
  EXPECT_THAT(SplitCashedByVatRate(Eur("1.00"), lines),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("vat_breakdown[1]: not in the payment's "
                                 "currency EUR")));
  lines = Breakdown();
  lines[0].taxable = Eur("-1000.00");
  EXPECT_THAT(SplitCashedByVatRate(Eur("1.00"), lines),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("vat_breakdown[0]: amount with VAT "
                                 "-800.00 EUR is negative")));
  lines = {{.rate = Rate::FromPercent(20),
            .taxable = Eur("0.00"),
            .vat = Eur("0.00")}};
  EXPECT_THAT(SplitCashedByVatRate(Eur("1.00"), lines),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("vat_breakdown: ")));
}

CashedStatusInput Cashed(Money payment) {
  return {.message_id = "RELANCE-212-1",
          .date = D(2026, 3, 20),
          .invoice_number = "F&1<2>",  // escaped in the XML
          .invoice_issue_date = D(2026, 2, 1),
          .seller = {.id = "100000009", .name = "VENDEUR & Fils"},
          .buyer = {.id = "200000008", .name = "ACHETEUR"},
          .vat_breakdown = Breakdown(),
          .payment = payment};
}

TEST(EInvoiceCashed, RoundTrip) {
  absl::StatusOr<std::string> xml = MakeCashedStatus(Cashed(Eur("100.00")));
  ASSERT_THAT(xml, IsOk());
  absl::StatusOr<EInvoiceStatusMessage> message =
      ReadEInvoiceStatuses(*xml, "made.xml");
  ASSERT_THAT(message, IsOk()) << *xml;
  EXPECT_EQ(message->id, "RELANCE-212-1");
  EXPECT_EQ(message->phase, "23");
  EXPECT_EQ(message->issue_date, D(2026, 3, 20));
  EXPECT_EQ(message->issuer, (EInvoiceStatusParty{.id = "100000009",
                                                  .id_scheme = "0002",
                                                  .name = "VENDEUR & Fils",
                                                  .role = "SE"}));
  ASSERT_EQ(message->statuses.size(), 1u);
  const EInvoiceStatus& status = message->statuses.front();
  EXPECT_EQ(status.code, 212);
  EXPECT_EQ(status.label, "Encaissée");
  EXPECT_EQ(status.status_code, "47");
  EXPECT_EQ(status.invoice_number, "F&1<2>");
  EXPECT_EQ(status.invoice_type_code, "380");
  EXPECT_EQ(status.invoice_issue_date, D(2026, 2, 1));
  EXPECT_EQ(status.seller_id, "100000009");
  EXPECT_EQ(status.buyer_id, "200000008");
  EXPECT_EQ(status.date, D(2026, 3, 20));
  ASSERT_EQ(status.amounts.size(), 2u);
  EXPECT_EQ(status.amounts[0],
            (EInvoiceStatusAmount{.type_code = "MEN",
                                  .amount = Eur("68.57"),
                                  .vat_rate = Rate::FromPercent(20)}));
  EXPECT_EQ(status.amounts[1],
            (EInvoiceStatusAmount{.type_code = "MEN",
                                  .amount = Eur("31.43"),
                                  .vat_rate = Rate::FromPercent(10)}));
  // And back to the fact: the payment of 100.00.
  const EInvoiceStatusFact fact = Fact(status);
  ASSERT_TRUE(fact.event.has_value());
  EXPECT_EQ(fact.event->amount, Eur("100.00"));

  // A refund reads back negative, and gives no payment event.
  xml = MakeCashedStatus(Cashed(Eur("-100.00")));
  ASSERT_THAT(xml, IsOk());
  message = ReadEInvoiceStatuses(*xml, "refund.xml");
  ASSERT_THAT(message, IsOk());
  EXPECT_EQ(message->statuses.front().amounts[0].amount, Eur("-68.57"));
  EXPECT_FALSE(Fact(message->statuses.front()).event.has_value());
}

TEST(EInvoiceCashed, InputErrors) {
  CashedStatusInput input = Cashed(Eur("10.00"));
  input.seller.id = "10000000";
  EXPECT_THAT(MakeCashedStatus(input),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("212 status: seller.id: \"10000000\" is not "
                                 "a SIREN")));
  input = Cashed(Eur("10.00"));
  input.message_id.clear();
  EXPECT_THAT(MakeCashedStatus(input),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("message_id: empty")));
  input = Cashed(Eur("10.00"));
  input.date = D(2026, 1, 31);
  EXPECT_THAT(MakeCashedStatus(input),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("date: 2026-01-31 is before the invoice "
                                 "date 2026-02-01")));
  EXPECT_THAT(MakeCashedStatus(Cashed(Eur("0.00"))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("payment: nothing was cashed")));
}

}  // namespace
}  // namespace relance
