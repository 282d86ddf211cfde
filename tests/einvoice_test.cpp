#include "relance/einvoice.hpp"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::D;
using ::relance::testing::Eur;
using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The public samples in tests/data/einvoice/ (SOURCES.md: repository, path,
// commit, licence), byte for byte.
std::string ReadSample(const std::string& name) {
  std::ifstream file(
      std::string(RELANCE_SOURCE_DIR) + "/tests/data/einvoice/" + name,
      std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  EXPECT_FALSE(text.str().empty()) << name;
  return text.str();
}

EInvoice MustRead(const std::string& xml, const std::string& name) {
  absl::StatusOr<EInvoice> invoice = ReadEInvoice(xml, name);
  EXPECT_THAT(invoice, IsOk());
  return invoice.ok() ? *invoice : EInvoice{};
}

// `text` with the first `from` replaced by `to` (which must be there).
std::string Replace(std::string text, std::string_view from,
                    std::string_view to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// --- Public samples ----------------------------------------------------------

// akretion/factur-x tests/fixtures/xml/factur-x-basicwl.xml: the FNFE-MPE
// example F20260023 in Factur-X BASIC WL (CII). Each expectation quotes the
// element read; the file's own comments give the BT numbers.
TEST(EInvoiceSample, FacturXBasicWl) {
  const EInvoice invoice =
      MustRead(ReadSample("factur-x-basicwl.xml"), "factur-x-basicwl.xml");
  EXPECT_EQ(invoice.source_name, "factur-x-basicwl.xml");
  EXPECT_EQ(invoice.syntax, EInvoiceSyntax::kCii);
  // <ram:ID>urn:factur-x.eu:1p0:basicwl</ram:ID> (BT-24), <ram:ID>S1</ram:ID>
  // (BT-23).
  EXPECT_EQ(invoice.specification_id, "urn:factur-x.eu:1p0:basicwl");
  EXPECT_EQ(invoice.profile, EInvoiceProfile::kBasicWl);
  EXPECT_EQ(invoice.business_process, "S1");
  // <ram:ID>F20260023</ram:ID>, <ram:TypeCode>380</ram:TypeCode>,
  // <udt:DateTimeString format="102">20260131</udt:DateTimeString>.
  EXPECT_EQ(invoice.number, "F20260023");
  EXPECT_EQ(invoice.type_code, "380");
  EXPECT_EQ(invoice.type, EInvoiceType::kInvoice);
  EXPECT_EQ(invoice.issue_date, D(2026, 1, 31));
  EXPECT_EQ(invoice.currency.code(), "EUR");
  EXPECT_EQ(invoice.buyer_reference, "SERVEXEC");
  // The monetary summation near the end of the file: TaxBasisTotalAmount
  // 100.00, TaxTotalAmount currencyID="EUR" 4.90, GrandTotalAmount 104.90,
  // TotalPrepaidAmount 0.00, no RoundingAmount, DuePayableAmount 104.90.
  EXPECT_EQ(invoice.total_without_vat, Eur("100.00"));
  EXPECT_EQ(invoice.vat_total, Eur("4.90"));
  EXPECT_EQ(invoice.total_with_vat, Eur("104.90"));
  EXPECT_EQ(invoice.prepaid, Eur("0.00"));
  EXPECT_EQ(invoice.rounding, std::nullopt);
  EXPECT_EQ(invoice.amount_due, Eur("104.90"));
  // <ram:SpecifiedTradePaymentTerms>: Description "PAIEMENT 30 JOURS NET",
  // DueDateDateTime 20260302.
  EXPECT_THAT(invoice.due_dates,
              ElementsAre(EInvoiceDue{D(2026, 3, 2), std::nullopt}));
  EXPECT_EQ(invoice.payment_terms, "PAIEMENT 30 JOURS NET");
  // relance's notation has "paiement à 30 jours" and "30 jours net", not
  // this mixture: the discount is unknown, and the reader says so.
  EXPECT_EQ(invoice.discount_source, DiscountSource::kNotUnderstood);
  EXPECT_THAT(invoice.discount_note, HasSubstr("PAIEMENT 30 JOURS NET"));
  EXPECT_TRUE(invoice.discounts.empty());
  // SellerTradeParty: Name, SpecifiedLegalOrganization ID schemeID="0002"
  // and TradingBusinessName, PostalTradeAddress, ID schemeID="VA".
  EXPECT_EQ(invoice.seller.name, "LE FOURNISSEUR");
  EXPECT_EQ(invoice.seller.trading_name, "SELLER TRADE NAME");
  EXPECT_EQ(invoice.seller.legal_id, "123456782");
  EXPECT_EQ(invoice.seller.legal_id_scheme, "0002");
  EXPECT_EQ(invoice.seller.vat_id, "FR11123456782");
  EXPECT_EQ(invoice.seller.address,
            (EInvoiceAddress{
                .lines = {"35 rue d'ici", "Seller line 2", "Seller line 3"},
                .postcode = "75018",
                .city = "PARIS",
                .subdivision = "",
                .country = "FR"}));
  EXPECT_EQ(invoice.buyer.name, "LE CLIENT");
  // BT-29 ram:ID "123" (line 50); BT-46 only a ram:GlobalID, scheme 0088
  // (GLN), line 76.
  EXPECT_EQ(invoice.seller.id, "123");
  EXPECT_EQ(invoice.seller.id_scheme, "");
  EXPECT_EQ(invoice.buyer.id, "3654789851");
  EXPECT_EQ(invoice.buyer.id_scheme, "0088");
  EXPECT_EQ(invoice.buyer.legal_id, "987654321");
  EXPECT_EQ(invoice.buyer.vat_id, "FR 05 987 654 321");
  EXPECT_EQ(invoice.buyer.address.city, "MA VILLE");
  EXPECT_EQ(invoice.buyer.address.postcode, "06000");
  // PayeeTradeParty: Name PAYEE NAME, legal id 303656847 (scheme 0002).
  ASSERT_TRUE(invoice.payee.has_value());
  EXPECT_EQ(invoice.payee->name, "PAYEE NAME");
  EXPECT_EQ(invoice.payee->legal_id, "303656847");
  // PaymentMeans TypeCode 30; IBANID "FR20 1254 2547 2569 8542 5874 698"
  // (the debtor's account, BT-91 FRDEBIT, is not a payee account);
  // PaymentReference F20260023BUYER.
  EXPECT_EQ(invoice.payment_means_code, "30");
  EXPECT_THAT(invoice.ibans, ElementsAre("FR2012542547256985425874698"));
  EXPECT_EQ(invoice.remittance_reference, "F20260023BUYER");
  // Six IncludedNote: REG, ABL, AAI, PMD, PMT, AAB (the PMD content ends
  // with a space, trimmed).
  ASSERT_EQ(invoice.notes.size(), 6u);
  EXPECT_EQ(
      invoice.notes[0],
      (EInvoiceNote{"REG", "FOURNISSEUR F SARL au capital de 50 000 EUR"}));
  EXPECT_EQ(invoice.penalty_note,
            "Tout retard de paiement engendre une pénalité exigible à compter "
            "de la date d'échéance, calculée sur la base de trois fois le taux "
            "d'intérêt légal.");
  EXPECT_EQ(invoice.recovery_fee_note,
            "Indemnité forfaitaire pour frais de recouvrement en cas de retard "
            "de paiement : 40 €.");
  EXPECT_EQ(invoice.discount_mention,
            "Les réglements reçus avant la date d'échéance ne donneront pas "
            "lieu à escompte.");
  // <ram:DueDateTypeCode>72</ram:DueDateTypeCode> on the 20 % VAT line.
  EXPECT_EQ(invoice.vat_date_code, "72");
  EXPECT_TRUE(invoice.vat_on_receipt);
  // InvoiceReferencedDocument F20260003 of 20260101.
  EXPECT_THAT(invoice.preceding_invoices,
              ElementsAre(EInvoiceReference{"F20260003", D(2026, 1, 1)}));

  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice);
  ASSERT_THAT(fact, IsOk());
  EXPECT_EQ(fact->kind, EInvoiceFactKind::kInvoiceIssued);
  ASSERT_TRUE(fact->event.has_value());
  EXPECT_EQ(fact->event->kind, EventKind::kInvoiceIssued);
  EXPECT_EQ(fact->event->date, D(2026, 1, 31));
  EXPECT_EQ(fact->event->invoice, "F20260023");
  EXPECT_EQ(fact->event->amount, Eur("104.90"));
  EXPECT_EQ(fact->event->due_date, D(2026, 3, 2));
  EXPECT_FALSE(fact->default_terms_applied);
  EXPECT_THAT(fact->event->Validate("event"), IsOk());
}

// ConnectingEurope/eInvoicing-EN16931 cii/examples/CII_example1.xml
// (Apache-2.0): the EN 16931 example 1 in CII, totals written with one
// decimal ("229.6") and the same IBAN in two payment means.
TEST(EInvoiceSample, CiiExample1) {
  const EInvoice invoice =
      MustRead(ReadSample("CII_example1.xml"), "CII_example1.xml");
  EXPECT_EQ(invoice.profile, EInvoiceProfile::kEn16931);
  EXPECT_EQ(invoice.business_process, "");
  EXPECT_EQ(invoice.number, "12115118");
  EXPECT_EQ(invoice.issue_date, D(2015, 1, 9));
  // SUM: TaxBasisTotalAmount 229.6, TaxTotalAmount 20.73, GrandTotalAmount
  // 250.33, DuePayableAmount 250.33 (line 20's -109.98 is a line amount).
  EXPECT_EQ(invoice.total_without_vat, Eur("229.60"));
  EXPECT_EQ(invoice.vat_total, Eur("20.73"));
  EXPECT_EQ(invoice.total_with_vat, Eur("250.33"));
  EXPECT_EQ(invoice.prepaid, std::nullopt);
  EXPECT_EQ(invoice.amount_due, Eur("250.33"));
  // Due the day it is issued: DueDateDateTime 20150109.
  EXPECT_THAT(invoice.due_dates,
              ElementsAre(EInvoiceDue{D(2015, 1, 9), std::nullopt}));
  EXPECT_EQ(invoice.payment_terms, "");
  EXPECT_EQ(invoice.discount_source, DiscountSource::kNone);
  ASSERT_EQ(invoice.notes.size(), 1u);
  EXPECT_EQ(invoice.notes[0].subject_code, "AAR");
  EXPECT_THAT(invoice.notes[0].text, HasSubstr("14 dagen netto"));
  EXPECT_EQ(invoice.seller.name, "De Koksmaat");
  EXPECT_EQ(invoice.seller.legal_id, "57151520");
  EXPECT_EQ(invoice.seller.vat_id, "NL8200.98.395.B.01");
  EXPECT_EQ(invoice.seller.address, (EInvoiceAddress{.lines = {"Postbus 7l"},
                                                     .postcode = "1950 AB",
                                                     .city = "Velsen-Noord",
                                                     .subdivision = "",
                                                     .country = "NL"}));
  EXPECT_EQ(invoice.buyer.name, "ODIN 59");
  EXPECT_EQ(invoice.buyer.id, "10202");  // BT-46, line 603
  EXPECT_EQ(invoice.buyer.address.city, "HEEMSKERK");
  // "NL57 RABO 0107307510" twice: once, without its spaces.
  EXPECT_THAT(invoice.ibans, ElementsAre("NL57RABO0107307510"));
  EXPECT_EQ(invoice.remittance_reference, "Deb. 10202 / Fact. 12115118");
  EXPECT_EQ(invoice.vat_date_code, "");
  EXPECT_FALSE(invoice.vat_on_receipt);
  // BG-23, lines 632-645: 183.23 at 6 % (VAT 10.99) and 46.37 at 21 %
  // (9.74), category S; they add up to BT-109 229.60 and BT-110 20.73.
  EXPECT_THAT(invoice.vat_breakdown,
              ElementsAre(EInvoiceVatLine{Rate::FromPercent(6), Eur("183.23"),
                                          Eur("10.99"), "S"},
                          EInvoiceVatLine{Rate::FromPercent(21), Eur("46.37"),
                                          Eur("9.74"), "S"}));

  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice);
  ASSERT_THAT(fact, IsOk());
  EXPECT_EQ(fact->event->amount, Eur("250.33"));
  EXPECT_EQ(fact->event->due_date, D(2015, 1, 9));
}

// akretion/factur-x tests/fixtures/xml/ubl-21-extended-ctc-fr.xml: UBL 2.1
// Invoice F124212 in EXTENDED-CTC-FR, with a prepaid amount (BR-CO-16:
// 308.03 - 100.00 = 208.03).
TEST(EInvoiceSample, UblExtendedCtcFrWithPrepaidAmount) {
  const EInvoice invoice = MustRead(ReadSample("ubl-21-extended-ctc-fr.xml"),
                                    "ubl-21-extended-ctc-fr.xml");
  EXPECT_EQ(invoice.syntax, EInvoiceSyntax::kUblInvoice);
  EXPECT_EQ(invoice.profile, EInvoiceProfile::kExtendedCtcFr);
  EXPECT_EQ(invoice.business_process, "S1");  // cbc:ProfileID
  EXPECT_EQ(invoice.number, "F124212");
  EXPECT_EQ(invoice.type, EInvoiceType::kInvoice);
  EXPECT_EQ(invoice.issue_date, D(2026, 6, 17));  // cbc:IssueDate
  EXPECT_THAT(invoice.due_dates,
              ElementsAre(EInvoiceDue{D(2026, 7, 16), std::nullopt}));
  EXPECT_EQ(invoice.buyer_reference, "120943");
  // cac:LegalMonetaryTotal: TaxExclusiveAmount 273.00, TaxInclusiveAmount
  // 308.03, PrepaidAmount 100.00, PayableAmount 208.03; cac:TaxTotal/
  // cbc:TaxAmount 35.03 (not the subtotals' 27.6 and 7.43).
  EXPECT_EQ(invoice.total_without_vat, Eur("273.00"));
  EXPECT_EQ(invoice.vat_total, Eur("35.03"));
  EXPECT_EQ(invoice.total_with_vat, Eur("308.03"));
  EXPECT_EQ(invoice.prepaid, Eur("100.00"));
  EXPECT_EQ(invoice.amount_due, Eur("208.03"));
  // cac:PaymentTerms/cbc:Note "30 jours net": relance's "# jours net".
  EXPECT_EQ(invoice.payment_terms, "30 jours net");
  EXPECT_EQ(invoice.discount_source, DiscountSource::kTermsText);
  EXPECT_TRUE(invoice.discounts.empty());
  // The legal name is RegistrationName; PartyName is the trading name.
  EXPECT_EQ(invoice.seller.name, "Au bon moulin");
  EXPECT_EQ(invoice.seller.trading_name, "L'huile d'olive en folie");
  EXPECT_EQ(invoice.seller.legal_id, "999999998");
  EXPECT_EQ(invoice.seller.legal_id_scheme, "0002");
  EXPECT_EQ(invoice.seller.vat_id, "FR11999999998");  // not DGFIP_ref_1242
  EXPECT_EQ(invoice.seller.address,
            (EInvoiceAddress{
                .lines = {"1242 chemin de l'olive", "Lieu dit des senteurs",
                          "ZAC du Mont Ventoux"},
                .postcode = "84340",
                .city = "Malaucène",
                .subdivision = "Vaucluse",
                .country = "FR"}));
  EXPECT_EQ(invoice.buyer.name, "Ma jolie boutique SARL");
  // BT-46: the first cac:PartyIdentification (line 140), a SIRET (0009);
  // the seller has three, the first being its SIRET (line 63).
  EXPECT_EQ(invoice.buyer.id, "78787878400018");
  EXPECT_EQ(invoice.buyer.id_scheme, "0009");
  EXPECT_EQ(invoice.seller.id, "99999999800019");
  EXPECT_EQ(invoice.buyer.trading_name, "Ma jolie Trading Brand");
  EXPECT_EQ(invoice.buyer.legal_id, "787878784");
  EXPECT_EQ(invoice.buyer.address.city, "Lyon");
  EXPECT_FALSE(invoice.payee.has_value());
  EXPECT_EQ(invoice.payment_means_code, "30");
  EXPECT_THAT(invoice.ibans, ElementsAre("FR2012421242124212421242124"));
  EXPECT_EQ(invoice.remittance_reference, "2026-06-17 00:00:00");
  // Six cbc:Note: #AAI#, #ADN#, one without a subject, #PMT#, #PMD#, #AAB#.
  ASSERT_EQ(invoice.notes.size(), 6u);
  EXPECT_EQ(invoice.notes[1], (EInvoiceNote{"ADN", "B2G"}));
  EXPECT_EQ(invoice.notes[2], (EInvoiceNote{"", "note sans sujet !"}));
  EXPECT_THAT(invoice.recovery_fee_note, HasSubstr("40 €"));
  EXPECT_THAT(invoice.penalty_note, HasSubstr("trois fois le taux"));
  EXPECT_THAT(invoice.discount_mention, HasSubstr("escompte"));
  // cac:InvoicePeriod/cbc:DescriptionCode 3 (invoice date), not 432.
  EXPECT_EQ(invoice.vat_date_code, "3");
  EXPECT_FALSE(invoice.vat_on_receipt);
  // cac:TaxSubtotal: 138.00 at 20.00 % (27.6) and 135.00 at 5.50 % (7.43).
  EXPECT_THAT(invoice.vat_breakdown,
              ElementsAre(EInvoiceVatLine{Rate::FromPercent(20), Eur("138.00"),
                                          Eur("27.60"), "S"},
                          EInvoiceVatLine{Rate::FromBasisPoints(550),
                                          Eur("135.00"), Eur("7.43"), "S"}));
  // Two header cac:BillingReference (the one inside line 2 is a line's).
  EXPECT_THAT(invoice.preceding_invoices,
              ElementsAre(EInvoiceReference{"F124211", D(2025, 12, 30)},
                          EInvoiceReference{"F124210", std::nullopt}));

  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice);
  ASSERT_THAT(fact, IsOk());
  ASSERT_TRUE(fact->event.has_value());
  EXPECT_EQ(fact->event->amount, Eur("208.03"));  // owed: BT-115
  EXPECT_EQ(fact->event->due_date, D(2026, 7, 16));
}

// ConnectingEurope/eInvoicing-EN16931 ubl/examples/ubl-tc434-creditnote1.xml
// (EUPL 1.2): a UBL CreditNote (381) with no due date and no preceding
// invoice.
TEST(EInvoiceSample, UblCreditNoteWithoutReference) {
  const EInvoice invoice = MustRead(ReadSample("ubl-tc434-creditnote1.xml"),
                                    "ubl-tc434-creditnote1.xml");
  EXPECT_EQ(invoice.syntax, EInvoiceSyntax::kUblCreditNote);
  EXPECT_EQ(invoice.profile, EInvoiceProfile::kPeppolBis);
  EXPECT_EQ(invoice.number, "018304 / 28865");
  EXPECT_EQ(invoice.type_code, "381");  // cbc:CreditNoteTypeCode
  EXPECT_EQ(invoice.type, EInvoiceType::kCreditNote);
  EXPECT_EQ(invoice.issue_date, D(2019, 9, 23));
  EXPECT_TRUE(invoice.due_dates.empty());
  EXPECT_EQ(invoice.total_without_vat, Eur("100.11"));
  EXPECT_EQ(invoice.vat_total, Eur("0.00"));
  EXPECT_EQ(invoice.total_with_vat, Eur("100.11"));
  EXPECT_EQ(invoice.prepaid, std::nullopt);
  EXPECT_EQ(invoice.amount_due, Eur("100.11"));
  EXPECT_EQ(invoice.discount_source, DiscountSource::kNone);
  EXPECT_EQ(invoice.seller.name, "My Supplier Company");
  EXPECT_EQ(invoice.seller.trading_name, "My Supplier Company N.V.");
  EXPECT_EQ(invoice.seller.legal_id, "0000000196");
  EXPECT_EQ(invoice.seller.legal_id_scheme, "");
  EXPECT_EQ(invoice.seller.vat_id, "BE0000000196");
  EXPECT_EQ(invoice.seller.address,
            (EInvoiceAddress{.lines = {"De Grote Meir 22"},
                             .postcode = "2000",
                             .city = "ANTWERPEN",
                             .subdivision = "",
                             .country = "BE"}));
  EXPECT_EQ(invoice.buyer.name, "My Customer Company");
  EXPECT_EQ(invoice.payment_means_code, "1");
  EXPECT_THAT(invoice.ibans, ElementsAre("BE91000000143476"));
  EXPECT_EQ(invoice.remittance_reference, "010676609538");
  EXPECT_TRUE(invoice.preceding_invoices.empty());

  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice);
  ASSERT_THAT(fact, IsOk());
  EXPECT_EQ(fact->kind, EInvoiceFactKind::kNoFact);
  EXPECT_FALSE(fact->event.has_value());
  EXPECT_THAT(fact->note, HasSubstr("naming no invoice"));
}

// The same credit note naming the invoice it credits (BG-3) and with a due
// date, which a UBL CreditNote carries in cac:PaymentMeans, and its root
// written with a prefix instead of the default namespace.
TEST(EInvoiceSample, UblCreditNoteOnAnInvoice) {
  std::string xml = Replace(
      Replace(ReadSample("ubl-tc434-creditnote1.xml"),
              "\t<cac:AccountingSupplierParty>",
              "\t<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>"
              "INV-9</cbc:ID><cbc:IssueDate>2019-08-31</cbc:IssueDate></"
              "cac:InvoiceDocumentReference></cac:BillingReference>\n"
              "\t<cac:AccountingSupplierParty>"),
      "<cbc:PaymentMeansCode>1</cbc:PaymentMeansCode>",
      "<cbc:PaymentMeansCode>1</cbc:PaymentMeansCode><cbc:PaymentDueDate>"
      "2019-10-23</cbc:PaymentDueDate>");
  xml = absl::StrReplaceAll(xml,
                            {{"<CreditNote xmlns=", "<cn:CreditNote xmlns:cn="},
                             {"</CreditNote>", "</cn:CreditNote>"}});
  const EInvoice invoice = MustRead(xml, "avoir.xml");
  EXPECT_EQ(invoice.syntax, EInvoiceSyntax::kUblCreditNote);
  EXPECT_THAT(invoice.preceding_invoices,
              ElementsAre(EInvoiceReference{"INV-9", D(2019, 8, 31)}));
  EXPECT_THAT(invoice.due_dates,
              ElementsAre(EInvoiceDue{D(2019, 10, 23), std::nullopt}));
  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice);
  ASSERT_THAT(fact, IsOk());
  EXPECT_EQ(fact->kind, EInvoiceFactKind::kCreditNote);
  EXPECT_EQ(fact->event->kind, EventKind::kCreditNote);
  EXPECT_EQ(fact->event->date, D(2019, 9, 23));
  EXPECT_EQ(fact->event->invoice, "INV-9");
  EXPECT_EQ(fact->event->amount, Eur("100.11"));  // BT-112
  EXPECT_EQ(fact->event->reference, "018304 / 28865");
}

// ConnectingEurope/eInvoicing-EN16931 cii/examples/XRechnung-O.xml (EUPL
// 1.2): an XRechnung 2.0 CII invoice of 2021-01-14 whose due date
// (DueDateDateTime 20210101) is before its issue date. relance refuses it.
TEST(EInvoiceSample, XRechnungWithDueDateBeforeIssueDateIsRefused) {
  EXPECT_THAT(
      ReadEInvoice(ReadSample("XRechnung-O.xml"), "XRechnung-O.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("XRechnung-O.xml: BT-9 (/rsm:CrossIndustryInvoice/"
                         "rsm:SupplyChainTradeTransaction/"
                         "ram:ApplicableHeaderTradeSettlement/"
                         "ram:SpecifiedTradePaymentTerms[1]/"
                         "ram:DueDateDateTime/udt:DateTimeString): due date "
                         "2021-01-01 is before the issue date (BT-2) "
                         "2021-01-14")));
}

// The same file with its due date moved after the issue date: everything
// else reads (a CII document whose default namespace is also CII's, an
// XRechnung profile, no BT-110: no VAT, BT-112 = BT-109).
TEST(EInvoiceSample, XRechnungWithItsDueDateFixed) {
  std::string xml = ReadSample("XRechnung-O.xml");
  const std::string due =
      "<ram:DueDateDateTime>\n          <udt:DateTimeString "
      "format=\"102\">20210101</udt:DateTimeString>";
  ASSERT_NE(xml.find(due), std::string::npos);
  xml.replace(xml.find(due), due.size(),
              "<ram:DueDateDateTime>\n          <udt:DateTimeString "
              "format=\"102\">20210201</udt:DateTimeString>");
  const EInvoice invoice = MustRead(xml, "XRechnung-O.xml");
  EXPECT_EQ(invoice.profile, EInvoiceProfile::kXRechnung);
  EXPECT_EQ(invoice.number, "150377292");
  EXPECT_EQ(invoice.issue_date, D(2021, 1, 14));
  EXPECT_EQ(invoice.total_without_vat, Eur("385544.60"));
  EXPECT_EQ(invoice.vat_total, std::nullopt);
  EXPECT_EQ(invoice.total_with_vat, Eur("385544.60"));
  EXPECT_EQ(invoice.amount_due, Eur("385544.60"));
  EXPECT_EQ(invoice.remittance_reference, "V50028642477 VR00150377292");
  EXPECT_EQ(invoice.buyer.address.city, "Köln");
  EXPECT_EQ(invoice.seller.address.lines,
            (std::vector<std::string>{"XX", "XX", "70376 Stuttgart"}));
  EXPECT_EQ(invoice.payment_terms, "");
  EXPECT_EQ(invoice.discount_source, DiscountSource::kNone);
}

// --- A small CII invoice written for these tests ----------------------------

// 1000.00 + 200.00 VAT = 1200.00 due, issued 2026-01-31, due 2026-03-02.
// Each test replaces one piece.
std::string SmallCii(const std::string& settlement_extra = "",
                     const std::string& terms =
                         "<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime>"
                         "<udt:DateTimeString format=\"102\">20260302"
                         "</udt:DateTimeString></ram:DueDateDateTime>"
                         "</ram:SpecifiedTradePaymentTerms>") {
  return absl::StrCat(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100" xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100">
<rsm:ExchangedDocumentContext><ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>B1</ram:ID></ram:BusinessProcessSpecifiedDocumentContextParameter><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
<rsm:ExchangedDocument><ram:ID>F-1</ram:ID><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">20260131</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
<rsm:SupplyChainTradeTransaction>
<ram:ApplicableHeaderTradeAgreement><ram:SellerTradeParty><ram:Name>Vendeur SA</ram:Name></ram:SellerTradeParty><ram:BuyerTradeParty><ram:Name>Client SARL</ram:Name></ram:BuyerTradeParty></ram:ApplicableHeaderTradeAgreement>
<ram:ApplicableHeaderTradeSettlement><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>)",
      settlement_extra, terms,
      R"(<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>1000.00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>1000.00</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="EUR">200.00</ram:TaxTotalAmount><ram:GrandTotalAmount>1200.00</ram:GrandTotalAmount><ram:DuePayableAmount>1200.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation></ram:ApplicableHeaderTradeSettlement>
</rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
)");
}

const std::string kSummation =
    "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/"
    "ram:ApplicableHeaderTradeSettlement/"
    "ram:SpecifiedTradeSettlementHeaderMonetarySummation";

TEST(EInvoice, ReadsTheSmallInvoice) {
  const EInvoice invoice = MustRead(SmallCii(), "small.xml");
  EXPECT_EQ(invoice.number, "F-1");
  EXPECT_EQ(invoice.total_with_vat, Eur("1200.00"));
  EXPECT_EQ(invoice.amount_due, Eur("1200.00"));
  EXPECT_THAT(invoice.due_dates,
              ElementsAre(EInvoiceDue{D(2026, 3, 2), std::nullopt}));
}

// Prefixes are the document's choice: the same invoice with others (and a
// default namespace for the root) reads the same.
TEST(EInvoice, BindsNamespacesNotPrefixes) {
  std::string other =
      absl::StrReplaceAll(SmallCii(), {{"rsm:", ""},
                                       {"xmlns:rsm=", "xmlns="},
                                       {"ram:", "a:"},
                                       {"xmlns:ram=", "xmlns:a="},
                                       {"udt:", "u:"},
                                       {"xmlns:udt=", "xmlns:u="}});
  EInvoice expected = MustRead(SmallCii(), "x.xml");
  EXPECT_EQ(MustRead(other, "x.xml"), expected);
}

TEST(EInvoice, RefusesAWrongNamespace) {
  const std::string xml = absl::StrReplaceAll(
      SmallCii(),
      {{"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
        "urn:example:CrossIndustryInvoice"}});
  EXPECT_THAT(ReadEInvoice(xml, "wrong.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("wrong.xml: the root element "
                                 "{urn:example:CrossIndustryInvoice}"
                                 "CrossIndustryInvoice is neither")));
}

TEST(EInvoice, RefusesMalformedXml) {
  const std::string xml = SmallCii().substr(0, 600);
  EXPECT_THAT(ReadEInvoice(xml, "cut.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cut.xml: not well-formed XML at line")));
  EXPECT_THAT(ReadEInvoice("", "empty.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("empty.xml: empty document")));
  EXPECT_THAT(ReadEInvoice("<a><b></a>", "tags.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("tags.xml: not well-formed XML at line 1")));
}

// The "billion laughs": ten entities each ten times the previous, 10^9
// "lol" if expanded. Refused at the DOCTYPE, before any entity exists.
TEST(EInvoice, RefusesAnEntityBomb) {
  std::string xml =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
      "<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    std::string previous = i == 1 ? "lol" : absl::StrCat("lol", i - 1);
    absl::StrAppend(&xml, "<!ENTITY lol", i, " \"");
    for (int j = 0; j < 10; ++j) absl::StrAppend(&xml, "&", previous, ";");
    absl::StrAppend(&xml, "\">\n");
  }
  absl::StrAppend(&xml, "]>\n<lolz>&lol9;</lolz>\n");
  EXPECT_THAT(ReadEInvoice(xml, "bomb.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("bomb.xml: a document type declaration "
                                 "(DTD) is refused (<!DOCTYPE lolz>)")));
}

TEST(EInvoice, RefusesAnExternalEntity) {
  const std::string xml = Replace(
      Replace(SmallCii(), "<rsm:CrossIndustryInvoice ",
              "<!DOCTYPE rsm:CrossIndustryInvoice [<!ENTITY secret SYSTEM "
              "\"file:///etc/passwd\">]>\n<rsm:CrossIndustryInvoice "),
      "<ram:ID>F-1</ram:ID>", "<ram:ID>&secret;</ram:ID>");
  EXPECT_THAT(ReadEInvoice(xml, "xxe.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("xxe.xml: a document type declaration")));
  // An external DTD alone, too (it is never loaded).
  EXPECT_THAT(
      ReadEInvoice("<!DOCTYPE a SYSTEM \"http://example.com/a.dtd\"><a/>",
                   "dtd.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("dtd.xml: a document type declaration")));
}

TEST(EInvoice, RefusesDeepNesting) {
  std::string xml;
  for (int i = 0; i < 10'000; ++i) xml += "<a>";
  for (int i = 0; i < 10'000; ++i) xml += "</a>";
  EXPECT_THAT(ReadEInvoice(xml, "deep.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("deep.xml: elements nested more than 64 "
                                 "levels deep")));
}

TEST(EInvoice, RefusesAHugeDocument) {
  std::string xml = SmallCii();
  xml.append(kMaxEInvoiceBytes, ' ');
  EXPECT_THAT(
      ReadEInvoice(xml, "huge.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("huge.xml: ")));
  EXPECT_THAT(ReadEInvoice(xml, "huge.xml").status().message(),
              HasSubstr("more than the 16777216"));
}

// BR-CO-14: BT-110 is the sum of the VAT breakdown's BT-117. The public
// samples satisfy it (CII_example1: 10.99 + 9.74 = 20.73; the EXTENDED-CTC-FR
// UBL: 27.6 + 7.43 = 35.03; factur-x-basicwl: 2.20 + 0.00 + 2.70 + 0.00 =
// 4.90; ubl-tc434-creditnote1: 0.00 = 0.00), and read above. With one
// breakdown amount's digits swapped, they are refused, in either syntax.
TEST(EInvoice, RefusesAFailedBrCo14) {
  // CII_example1 with its 21 % line's VAT 9.74 written 9.47:
  // 10.99 + 9.47 = 20.46, not BT-110 20.73.
  const std::string cii =
      Replace(ReadSample("CII_example1.xml"),
              "<ram:CalculatedAmount>9.74</ram:CalculatedAmount>",
              "<ram:CalculatedAmount>9.47</ram:CalculatedAmount>");
  EXPECT_THAT(ReadEInvoice(cii, "cii.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(absl::StrCat(
                           "cii.xml: BT-110 (", kSummation,
                           "/ram:TaxTotalAmount[@currencyID='EUR']): 20.73 is "
                           "not the sum of the VAT breakdown's BT-117 10.99 + "
                           "9.47 = 20.46 (BR-CO-14)"))));
  // The EXTENDED-CTC-FR UBL invoice with its 5.5 % line's VAT 7.43 written
  // 7.34: 27.60 + 7.34 = 34.94, not BT-110 35.03.
  const std::string ubl =
      Replace(ReadSample("ubl-21-extended-ctc-fr.xml"),
              "<cbc:TaxAmount currencyID=\"EUR\">7.43</cbc:TaxAmount>",
              "<cbc:TaxAmount currencyID=\"EUR\">7.34</cbc:TaxAmount>");
  EXPECT_THAT(ReadEInvoice(ubl, "ubl.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("ubl.xml: BT-110 (/ubl:Invoice/cac:TaxTotal/"
                                 "cbc:TaxAmount[@currencyID='EUR']): 35.03 is "
                                 "not the sum of the VAT breakdown's BT-117 "
                                 "27.60 + 7.34 = 34.94 (BR-CO-14)")));
}

// The small invoice (BT-110 200.00, no breakdown: nothing to check) with a
// breakdown of one line: 1000.00 at 20 % is 200.00 and reads; 190.00 does
// not (one line: no "= sum").
TEST(EInvoice, ChecksBrCo14WhenABreakdownIsGiven) {
  const auto breakdown = [](const std::string& vat) {
    return SmallCii(absl::StrCat(
        "<ram:ApplicableTradeTax><ram:CalculatedAmount>", vat,
        "</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>"
        "<ram:BasisAmount>1000.00</ram:BasisAmount><ram:CategoryCode>S"
        "</ram:CategoryCode><ram:RateApplicablePercent>20"
        "</ram:RateApplicablePercent></ram:ApplicableTradeTax>"));
  };
  const EInvoice invoice = MustRead(breakdown("200.00"), "one.xml");
  EXPECT_THAT(invoice.vat_breakdown,
              ElementsAre(EInvoiceVatLine{Rate::FromPercent(20), Eur("1000.00"),
                                          Eur("200.00"), "S"}));
  EXPECT_THAT(ReadEInvoice(breakdown("190.00"), "one.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("): 200.00 is not the sum of the VAT "
                                 "breakdown's BT-117 190.00 (BR-CO-14)")));
}

// The message the issue asks for, word for word.
TEST(EInvoice, RefusesAFailedBrCo15) {
  const std::string xml =
      Replace(Replace(SmallCii(), "<ram:GrandTotalAmount>1200.00",
                      "<ram:GrandTotalAmount>1210.00"),
              "<ram:DuePayableAmount>1200.00", "<ram:DuePayableAmount>1210.00");
  EXPECT_THAT(ReadEInvoice(xml, "invoice.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(absl::StrCat(
                           "invoice.xml: BT-112 (", kSummation,
                           "/ram:GrandTotalAmount): 1210.00 is not BT-109 "
                           "1000.00 + BT-110 200.00 (BR-CO-15)"))));
}

TEST(EInvoice, RefusesAFailedBrCo16) {
  // 1200.00 - 100.00 prepaid + 0.01 rounding = 1100.01, not 1100.00.
  const std::string xml =
      Replace(Replace(SmallCii(), "<ram:DuePayableAmount>1200.00",
                      "<ram:TotalPrepaidAmount>100.00</ram:TotalPrepaidAmount>"
                      "<ram:RoundingAmount>0.01</ram:RoundingAmount>"
                      "<ram:DuePayableAmount>1100.00"),
              "", "");
  EXPECT_THAT(ReadEInvoice(xml, "invoice.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(absl::StrCat(
                           "invoice.xml: BT-115 (", kSummation,
                           "/ram:DuePayableAmount): 1100.00 is not BT-112 "
                           "1200.00 - BT-113 100.00 + BT-114 0.01 "
                           "(BR-CO-16)"))));
  // With 1100.01 it reads.
  const EInvoice invoice =
      MustRead(Replace(xml, "<ram:DuePayableAmount>1100.00",
                       "<ram:DuePayableAmount>1100.01"),
               "invoice.xml");
  EXPECT_EQ(invoice.amount_due, Eur("1100.01"));
  EXPECT_EQ(invoice.rounding, Eur("0.01"));
}

TEST(EInvoice, RefusesADueDateBeforeTheIssueDateExceptForPrepayments) {
  const std::string early =
      Replace(SmallCii(), "20260302", "20260130");  // one day before BT-2
  EXPECT_THAT(ReadEInvoice(early, "early.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("due date 2026-01-30 is before the issue "
                                 "date (BT-2) 2026-01-31 of a invoice")));
  // A prepayment invoice (386) is paid before the supply.
  const EInvoice prepayment = MustRead(
      Replace(early, "<ram:TypeCode>380", "<ram:TypeCode>386"), "early.xml");
  EXPECT_EQ(prepayment.type, EInvoiceType::kPrepayment);
  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(prepayment);
  ASSERT_THAT(fact, IsOk());
  EXPECT_EQ(fact->event->due_date, D(2026, 1, 31));  // on the issue date
  EXPECT_THAT(fact->event->Validate("event"), IsOk());
}

TEST(EInvoice, RefusesAMissingMandatoryTerm) {
  EXPECT_THAT(
      ReadEInvoice(Replace(SmallCii(), "<ram:ID>F-1</ram:ID>", ""),
                   "nonumber.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("nonumber.xml: BT-1 (/rsm:CrossIndustryInvoice/"
                         "rsm:ExchangedDocument/ram:ID): missing "
                         "(mandatory)")));
  EXPECT_THAT(
      ReadEInvoice(Replace(SmallCii(),
                           "<ram:DuePayableAmount>1200.00</"
                           "ram:DuePayableAmount>",
                           ""),
                   "nodue.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr(absl::StrCat("nodue.xml: BT-115 (", kSummation,
                                      "/ram:DuePayableAmount): missing"))));
  EXPECT_THAT(
      ReadEInvoice(Replace(SmallCii(), "<ram:Name>Client SARL</ram:Name>", ""),
                   "nobuyer.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("BT-44")));
}

TEST(EInvoice, ReadsAmountsExactly) {
  // Trailing zeros beyond the currency's decimals are exact; '+' and spaces
  // are xs:decimal.
  const EInvoice invoice =
      MustRead(Replace(SmallCii(), "<ram:TaxBasisTotalAmount>1000.00",
                       "<ram:TaxBasisTotalAmount> +1000.0000 "),
               "a.xml");
  EXPECT_EQ(invoice.total_without_vat, Eur("1000.00"));
  EXPECT_THAT(
      ReadEInvoice(Replace(SmallCii(), "<ram:TaxBasisTotalAmount>1000.00",
                           "<ram:TaxBasisTotalAmount>1000.001"),
                   "b.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("BT-109 (/rsm:CrossIndustryInvoice/"
                         "rsm:SupplyChainTradeTransaction/"
                         "ram:ApplicableHeaderTradeSettlement/"
                         "ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
                         "ram:TaxBasisTotalAmount): amount \"1000.001\": 3 "
                         "decimals, more than the 2 of EUR and not zeros")));
  EXPECT_THAT(
      ReadEInvoice(Replace(SmallCii(), "<ram:TaxBasisTotalAmount>1000.00",
                           "<ram:TaxBasisTotalAmount>1000,00"),
                   "c.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("a comma is not a decimal separator")));
}

TEST(EInvoice, ReadsDatesStrictly) {
  EXPECT_THAT(ReadEInvoice(Replace(SmallCii(), "format=\"102\">20260131",
                                   "format=\"102\">20260230"),
                           "d.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("BT-2 (/rsm:CrossIndustryInvoice/"
                                 "rsm:ExchangedDocument/ram:IssueDateTime/"
                                 "udt:DateTimeString): date \"20260230\": not "
                                 "a calendar date")));
  EXPECT_THAT(ReadEInvoice(Replace(SmallCii(), "format=\"102\">20260131",
                                   "format=\"203\">202601311200"),
                           "d.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("format \"203\": EN 16931 binds dates to "
                                 "format 102")));
  // xs:date may carry a time zone, dropped: a due date is a civil date.
  const EInvoice zoned =
      MustRead(Replace(ReadSample("ubl-tc434-creditnote1.xml"),
                       "<cbc:IssueDate>2019-09-23</cbc:IssueDate>",
                       "<cbc:IssueDate>2019-09-23+02:00</cbc:IssueDate>"),
               "zoned.xml");
  EXPECT_EQ(zoned.issue_date, D(2019, 9, 23));
  EXPECT_THAT(ReadEInvoice(Replace(ReadSample("ubl-tc434-creditnote1.xml"),
                                   "<cbc:IssueDate>2019-09-23</cbc:IssueDate>",
                                   "<cbc:IssueDate>23/09/2019</cbc:IssueDate>"),
                           "slash.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("slash.xml: BT-2 (/cn:CreditNote/"
                                 "cbc:IssueDate): date \"23/09/2019\": "
                                 "expected YYYY-MM-DD (xs:date)")));
}

// XRechnung's Skonto lines in BT-20 (BR-DE-18).
TEST(EInvoice, ReadsXRechnungSkonto) {
  const EInvoice invoice = MustRead(
      SmallCii("",
               "<ram:SpecifiedTradePaymentTerms><ram:Description>Zahlbar "
               "innerhalb 30 Tagen.\n#SKONTO#TAGE=14#PROZENT=2.00#\n"
               "#SKONTO#TAGE=7#PROZENT=3.00#BASISBETRAG=-3.21#\n"
               "</ram:Description><ram:DueDateDateTime><udt:DateTimeString "
               "format=\"102\">20260302</udt:DateTimeString>"
               "</ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>"),
      "skonto.xml");
  EXPECT_EQ(invoice.discount_source, DiscountSource::kSkonto);
  ASSERT_EQ(invoice.discounts.size(), 2u);
  EXPECT_EQ(invoice.discounts[0].percent, Rate::FromBasisPoints(200));
  EXPECT_EQ(invoice.discounts[0].within, *DateFormula::Parse("14D"));
  EXPECT_EQ(invoice.discounts[1].percent, Rate::FromBasisPoints(300));
  EXPECT_EQ(invoice.discounts[1].basis_amount, Eur("-3.21"));
}

// Factur-X EXTENDED: structured discount terms and two instalments.
TEST(EInvoice, ReadsExtendedInstalmentsAndDiscountTerms) {
  const std::string terms =
      "<ram:SpecifiedTradePaymentTerms><ram:Description>Acompte</ram:"
      "Description><ram:DueDateDateTime><udt:DateTimeString format=\"102\">"
      "20260215</udt:DateTimeString></ram:DueDateDateTime>"
      "<ram:PartialPaymentAmount>600.00</ram:PartialPaymentAmount>"
      "<ram:ApplicableTradePaymentDiscountTerms><ram:BasisPeriodMeasure "
      "unitCode=\"DAY\">10</ram:BasisPeriodMeasure><ram:BasisAmount>600.00"
      "</ram:BasisAmount><ram:CalculationPercent>2.000</ram:"
      "CalculationPercent><ram:ActualDiscountAmount>12.00</ram:"
      "ActualDiscountAmount></ram:ApplicableTradePaymentDiscountTerms>"
      "</ram:SpecifiedTradePaymentTerms>"
      "<ram:SpecifiedTradePaymentTerms><ram:Description>Solde</ram:"
      "Description><ram:DueDateDateTime><udt:DateTimeString format=\"102\">"
      "20260315</udt:DateTimeString></ram:DueDateDateTime>"
      "<ram:PartialPaymentAmount>600.00</ram:PartialPaymentAmount>"
      "</ram:SpecifiedTradePaymentTerms>";
  const EInvoice invoice = MustRead(SmallCii("", terms), "ext.xml");
  EXPECT_THAT(invoice.due_dates,
              ElementsAre(EInvoiceDue{D(2026, 2, 15), Eur("600.00")},
                          EInvoiceDue{D(2026, 3, 15), Eur("600.00")}));
  EXPECT_EQ(invoice.payment_terms, "Acompte\nSolde");
  EXPECT_EQ(invoice.discount_source, DiscountSource::kStructured);
  ASSERT_EQ(invoice.discounts.size(), 1u);
  EXPECT_EQ(invoice.discounts[0].percent, Rate::FromBasisPoints(200));
  EXPECT_EQ(invoice.discounts[0].within, *DateFormula::Parse("10D"));
  EXPECT_EQ(invoice.discounts[0].amount, Eur("12.00"));
  // The event waits for the last instalment.
  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice);
  ASSERT_THAT(fact, IsOk());
  EXPECT_EQ(fact->event->due_date, D(2026, 3, 15));
  EXPECT_THAT(fact->note, HasSubstr("2 due dates: the last one"));
  // A second due date before the issue date: the error names the second
  // block.
  EXPECT_THAT(
      ReadEInvoice(SmallCii("", Replace(terms, "20260315", "20260115")),
                   "ext.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("ram:SpecifiedTradePaymentTerms[2]/"
                         "ram:DueDateDateTime/udt:DateTimeString): due date "
                         "2026-01-15 is before")));
  // Instalments that do not add up to BT-115 are refused: 600 + 500.
  EXPECT_THAT(
      ReadEInvoice(SmallCii("", Replace(terms,
                                        "<ram:PartialPaymentAmount>600.00</"
                                        "ram:PartialPaymentAmount></ram:"
                                        "SpecifiedTradePaymentTerms>",
                                        "<ram:PartialPaymentAmount>500.00</"
                                        "ram:PartialPaymentAmount></ram:"
                                        "SpecifiedTradePaymentTerms>")),
                   "ext.xml"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("add up to 1100.00, not the amount due (BT-115) "
                         "1200.00")));
}

TEST(EInvoiceFact, DefaultTermsApplyWithoutDueDateOrTerms) {
  const EInvoice invoice = MustRead(SmallCii("", ""), "noterms.xml");
  EXPECT_TRUE(invoice.due_dates.empty());
  EXPECT_THAT(EInvoiceToEvent(invoice),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("noterms.xml: BT-9 (due date) absent and "
                                 "BT-20 (payment terms) absent")));
  absl::StatusOr<EInvoiceFact> fact =
      EInvoiceToEvent(invoice, {.default_terms = "30 jours"});
  ASSERT_THAT(fact, IsOk());
  EXPECT_TRUE(fact->default_terms_applied);
  EXPECT_EQ(fact->event->terms, "30 jours");
  EXPECT_EQ(fact->event->due_date, std::nullopt);
  EXPECT_THAT(fact->event->Validate("event"), IsOk());
}

TEST(EInvoiceFact, TermsTextWithoutDueDate) {
  const EInvoice invoice = MustRead(
      SmallCii("",
               "<ram:SpecifiedTradePaymentTerms><ram:Description>2/10 net "
               "30</ram:Description></ram:SpecifiedTradePaymentTerms>"),
      "terms.xml");
  EXPECT_EQ(invoice.discount_source, DiscountSource::kTermsText);
  ASSERT_EQ(invoice.discounts.size(), 1u);
  EXPECT_EQ(invoice.discounts[0].percent, Rate::FromBasisPoints(200));
  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice);
  ASSERT_THAT(fact, IsOk());
  EXPECT_FALSE(fact->default_terms_applied);
  EXPECT_EQ(fact->event->terms, "2/10 net 30");
}

// BR-FR-CO-09: S2 "already paid": prepaid = total, nothing due, BT-9 the
// date of payment (here before the issue date).
TEST(EInvoiceFact, AlreadyPaidOpensNoCase) {
  const std::string xml = Replace(
      Replace(Replace(SmallCii(), "<ram:ID>B1</ram:ID>", "<ram:ID>S2</ram:ID>"),
              "20260302", "20260125"),
      "<ram:DuePayableAmount>1200.00",
      "<ram:TotalPrepaidAmount>1200.00</ram:TotalPrepaidAmount>"
      "<ram:DuePayableAmount>0.00");
  const EInvoice invoice = MustRead(xml, "paid.xml");
  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice);
  ASSERT_THAT(fact, IsOk());
  EXPECT_EQ(fact->kind, EInvoiceFactKind::kAlreadyPaid);
  EXPECT_FALSE(fact->event.has_value());
  EXPECT_THAT(fact->note, HasSubstr("billing framework S2"));
}

TEST(EInvoiceFact, CreditNoteOnOneInvoice) {
  const std::string xml =
      Replace(SmallCii("<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>"
                       "F-0</ram:IssuerAssignedID></"
                       "ram:InvoiceReferencedDocument>",
                       ""),
              "<ram:TypeCode>380", "<ram:TypeCode>381");
  const EInvoice invoice = MustRead(xml, "avoir.xml");
  EXPECT_EQ(invoice.type, EInvoiceType::kCreditNote);
  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice);
  ASSERT_THAT(fact, IsOk());
  EXPECT_EQ(fact->kind, EInvoiceFactKind::kCreditNote);
  ASSERT_TRUE(fact->event.has_value());
  EXPECT_EQ(fact->event->kind, EventKind::kCreditNote);
  EXPECT_EQ(fact->event->invoice, "F-0");
  EXPECT_EQ(fact->event->amount, Eur("1200.00"));
  EXPECT_EQ(fact->event->reference, "F-1");
  EXPECT_THAT(fact->event->Validate("event"), IsOk());
}

TEST(EInvoiceFact, CorrectedInvoiceSaysWhatItCorrects) {
  const std::string xml = Replace(
      SmallCii("<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>F-0"
               "</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>"),
      "<ram:TypeCode>380", "<ram:TypeCode>384");
  const EInvoice invoice = MustRead(xml, "corrige.xml");
  EXPECT_EQ(invoice.type, EInvoiceType::kCorrective);
  absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice);
  ASSERT_THAT(fact, IsOk());
  EXPECT_EQ(fact->kind, EInvoiceFactKind::kInvoiceIssued);
  EXPECT_EQ(fact->event->invoice, "F-1");
  EXPECT_EQ(fact->event->amount, Eur("1200.00"));
  EXPECT_THAT(fact->note, HasSubstr("corrects invoice F-0 (BT-25)"));
}

TEST(EInvoice, ReadingTwiceGivesTheSame) {
  for (const char* name : {"factur-x-basicwl.xml", "ubl-21-extended-ctc-fr.xml",
                           "ubl-tc434-creditnote1.xml", "CII_example1.xml"}) {
    const std::string xml = ReadSample(name);
    EXPECT_EQ(MustRead(xml, name), MustRead(xml, name)) << name;
  }
}

TEST(EInvoice, Names) {
  EXPECT_EQ(ToString(EInvoiceSyntax::kUblCreditNote), "ubl_credit_note");
  EXPECT_EQ(ToString(EInvoiceProfile::kBasicWl), "basic_wl");
  EXPECT_EQ(ToString(EInvoiceType::kPrepayment), "prepayment");
  EXPECT_EQ(ToString(DiscountSource::kNotUnderstood), "not_understood");
  EXPECT_EQ(ToString(EInvoiceFactKind::kAlreadyPaid), "already_paid");
}

}  // namespace
}  // namespace relance
