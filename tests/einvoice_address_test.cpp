// EInvoiceAddressLines (relance/einvoice.hpp): an EN 16931 postal address
// (BG-8, the buyer's) as the lines a letter prints. The expected lines are
// how the French (La Poste, NF Z10-011: postcode then town on the last
// line), German (DIN 5008: "PLZ Ort") and British (Royal Mail: town, then
// the postcode on its own line) post want them written.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "relance/einvoice.hpp"

namespace relance {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(EInvoiceAddressLines, AFrenchAddressAtHome) {
  // The buyer of examples/einvoices/FX-2026-0001.xml (BT-50, BT-53, BT-52,
  // BT-55), the seller being French too: no country line.
  const EInvoiceAddress address{.lines = {"48 cours Lafayette"},
                                .postcode = "69003",
                                .city = "Lyon",
                                .country = "FR"};
  EXPECT_THAT(EInvoiceAddressLines(address, "FR"),
              ElementsAre("48 cours Lafayette", "69003 Lyon"));
}

TEST(EInvoiceAddressLines, AnAddressAbroadEndsWithItsCountry) {
  // The German buyer of FX-2026-0003.xml, invoiced by a French seller: the
  // country in French capitals, as La Poste asks ("ALLEMAGNE").
  const EInvoiceAddress address{.lines = {"Industriestraße 27"},
                                .postcode = "70565",
                                .city = "Stuttgart",
                                .country = "DE"};
  EXPECT_THAT(
      EInvoiceAddressLines(address, "FR"),
      ElementsAre("Industriestraße 27", "70565 Stuttgart", "ALLEMAGNE"));
  EXPECT_THAT(EInvoiceAddressLines(address, "DE"),
              ElementsAre("Industriestraße 27", "70565 Stuttgart"));
  // From elsewhere, in English; no seller country known: every address
  // with a country names it.
  EXPECT_THAT(EInvoiceAddressLines(address, "GB"),
              ElementsAre("Industriestraße 27", "70565 Stuttgart", "GERMANY"));
  EXPECT_THAT(EInvoiceAddressLines(address, ""),
              ElementsAre("Industriestraße 27", "70565 Stuttgart", "GERMANY"));
  // A country outside the table keeps its code.
  const EInvoiceAddress tokyo{
      .postcode = "100-0005", .city = "Tokyo", .country = "JP"};
  EXPECT_THAT(EInvoiceAddressLines(tokyo, "FR"),
              ElementsAre("100-0005 Tokyo", "JP"));
}

TEST(EInvoiceAddressLines, ABritishAddressPutsThePostcodeOnItsOwnLine) {
  const EInvoiceAddress address{.lines = {"Unit 4", "12 Mill Lane"},
                                .postcode = "LS11 5QR",
                                .city = "Leeds",
                                .country = "GB"};
  EXPECT_THAT(EInvoiceAddressLines(address, "GB"),
              ElementsAre("Unit 4", "12 Mill Lane", "Leeds", "LS11 5QR"));
}

TEST(EInvoiceAddressLines, WhiteSpaceWithinATermBecomesOneSpace) {
  // An XML element may be written over several lines, or hold a tab: a
  // letter's line holds neither.
  const EInvoiceAddress address{
      .lines = {"  Zone industrielle\n\t des Pins ", "   ", "7 allée"},
      .postcode = " 69200",
      .city = "Vénissieux\r\n",
      .country = "FR"};
  EXPECT_THAT(
      EInvoiceAddressLines(address, "FR"),
      ElementsAre("Zone industrielle des Pins", "7 allée", "69200 Vénissieux"));
}

TEST(EInvoiceAddressLines, AnAddressWithoutStreetPostcodeOrCityGivesNone) {
  // BG-8 requires only the country (BT-55): nothing a letter can use.
  EXPECT_THAT(EInvoiceAddressLines(EInvoiceAddress{.country = "DE"}, "FR"),
              IsEmpty());
  EXPECT_THAT(EInvoiceAddressLines(EInvoiceAddress{}, "FR"), IsEmpty());
  // A city alone is a line.
  EXPECT_THAT(EInvoiceAddressLines(
                  EInvoiceAddress{.city = "Lyon", .country = "FR"}, "FR"),
              ElementsAre("Lyon"));
}

}  // namespace
}  // namespace relance
