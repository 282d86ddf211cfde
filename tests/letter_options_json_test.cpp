// Tests of the letterhead file (relance/letter_options_json.hpp): what a
// host writes about itself, its debtor and its agency for letters and
// dossiers.
#include "relance/letter_options_json.hpp"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(LetterOptionsJson, ReadsEveryField) {
  absl::StatusOr<LetterOptions> options = LetterOptionsFromJson(R"({
    "language": "en",
    "creditor": {
      "name": "Atelier Martin SARL",
      "address_lines": ["12 rue des Lilas", "69003 Lyon"],
      "email": "compta@atelier-martin.fr",
      "phone": "04 72 00 00 00",
      "registration": "SIREN 512 345 678",
      "payment_link": "https://pay.example/martin",
      "iban": "FR76 3000 6000 0112 3456 7890 189",
      "bic": "AGRIFRPP",
      "reference": "MARTIN-C042",
      "signatory": "Service comptabilité clients"
    },
    "debtor": {"name": "Dupont SARL", "address_lines": ["3 quai Perrache"]},
    "agency": {"name": "Recouvrement Rhône"}
  })");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->language, Language::kEnglish);
  EXPECT_EQ(options->creditor.name, "Atelier Martin SARL");
  EXPECT_THAT(options->creditor.address_lines,
              ElementsAre("12 rue des Lilas", "69003 Lyon"));
  EXPECT_EQ(options->creditor.email, "compta@atelier-martin.fr");
  EXPECT_EQ(options->creditor.phone, "04 72 00 00 00");
  EXPECT_EQ(options->creditor.registration, "SIREN 512 345 678");
  EXPECT_EQ(options->creditor.payment_link, "https://pay.example/martin");
  EXPECT_EQ(options->creditor.iban, "FR76 3000 6000 0112 3456 7890 189");
  EXPECT_EQ(options->creditor.bic, "AGRIFRPP");
  EXPECT_EQ(options->creditor.reference, "MARTIN-C042");
  EXPECT_EQ(options->creditor.signatory, "Service comptabilité clients");
  EXPECT_EQ(options->debtor.name, "Dupont SARL");
  EXPECT_THAT(options->debtor.address_lines, ElementsAre("3 quai Perrache"));
  EXPECT_EQ(options->agency.name, "Recouvrement Rhône");
  EXPECT_THAT(options->agency.address_lines, IsEmpty());
  EXPECT_TRUE(options->Validate().ok());
}

TEST(LetterOptionsJson, OnlyTheCreditorsNameIsRequired) {
  absl::StatusOr<LetterOptions> options =
      LetterOptionsFromJson(R"({"creditor": {"name": "Lune SAS"}})");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->language, Language::kFrench);  // the default
  EXPECT_EQ(options->creditor.name, "Lune SAS");
  EXPECT_THAT(options->creditor.address_lines, IsEmpty());
  EXPECT_EQ(options->creditor.iban, "");
  EXPECT_EQ(options->debtor.name, "");
}

TEST(LetterOptionsJson, WritesWhatItReads) {
  const std::string text = R"({
    "language": "en",
    "creditor": {"name": "Lune SAS", "address_lines": ["1 Main St"],
                 "iban": "GB33 BUKB 2020 1555 5555 55", "bic": "BUKBGB22"},
    "debtor": {"name": "Acme Ltd"}
  })";
  absl::StatusOr<LetterOptions> options = LetterOptionsFromJson(text);
  ASSERT_TRUE(options.ok()) << options.status();
  const std::string written = LetterOptionsToJson(*options);
  absl::StatusOr<LetterOptions> again = LetterOptionsFromJson(written);
  ASSERT_TRUE(again.ok()) << again.status() << "\n" << written;
  EXPECT_EQ(LetterOptionsToJson(*again), written);
  EXPECT_EQ(again->creditor.bic, "BUKBGB22");
  EXPECT_THAT(again->creditor.address_lines, ElementsAre("1 Main St"));
  EXPECT_EQ(again->debtor.name, "Acme Ltd");
  EXPECT_THAT(written, HasSubstr("\"language\": \"en\""));
}

// The same resolution on every surface: the language asked for, else the
// customer's when relance writes it, else the letterhead's; the debtor
// named after the customer when the letterhead names nobody.
TEST(LetterOptionsForCustomer, LanguageAndDebtor) {
  const LetterOptions letterhead{.language = Language::kFrench,
                                 .creditor = {.name = "Lune SAS"}};
  absl::StatusOr<LetterOptions> plain =
      LetterOptionsForCustomer(letterhead, std::nullopt, "Acme Ltd", "");
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(plain->language, Language::kFrench);
  EXPECT_EQ(plain->debtor.name, "Acme Ltd");
  // A customer in English; a German one keeps the letterhead's French.
  EXPECT_EQ(LetterOptionsForCustomer(letterhead, std::nullopt, "Acme", "en")
                ->language,
            Language::kEnglish);
  EXPECT_EQ(LetterOptionsForCustomer(letterhead, std::nullopt, "GmbH", "de")
                ->language,
            Language::kFrench);
  // Asked for: it wins over the customer's.
  EXPECT_EQ(LetterOptionsForCustomer(letterhead, "fr", "Acme", "en")->language,
            Language::kFrench);
  EXPECT_THAT(LetterOptionsForCustomer(letterhead, "de", "Acme", ""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("language \"de\": expected one of fr, en")));
  // A debtor the letterhead names keeps its name, with its address.
  LetterOptions named = letterhead;
  named.debtor = {.name = "Dupont SARL", .address_lines = {"3 quai"}};
  absl::StatusOr<LetterOptions> kept =
      LetterOptionsForCustomer(named, std::nullopt, "C-042 name", "");
  EXPECT_EQ(kept->debtor.name, "Dupont SARL");
  EXPECT_THAT(kept->debtor.address_lines, ElementsAre("3 quai"));
  // The customer's address (the ledger's) when the letterhead gives none;
  // the letterhead's when it does.
  const std::vector<std::string> ledger_address = {"48 cours Lafayette",
                                                   "69003 Lyon"};
  absl::StatusOr<LetterOptions> addressed = LetterOptionsForCustomer(
      letterhead, std::nullopt, "Dupont", "fr", ledger_address);
  ASSERT_TRUE(addressed.ok()) << addressed.status();
  EXPECT_THAT(addressed->debtor.address_lines,
              ElementsAre("48 cours Lafayette", "69003 Lyon"));
  EXPECT_THAT(LetterOptionsForCustomer(named, std::nullopt, "Dupont", "fr",
                                       ledger_address)
                  ->debtor.address_lines,
              ElementsAre("3 quai"));
}

// Each malformed letterhead is refused with the path of what is wrong.
TEST(LetterOptionsJson, ErrorsNameThePath) {
  struct Bad {
    const char* json;
    const char* message;
  };
  const Bad cases[] = {
      {R"({"creditor": )", "letterhead: invalid JSON"},
      {R"([])", "letterhead: expected an object, got array"},
      {R"({})", "letterhead: creditor: required"},
      {R"({"creditor": {}})", "letterhead: creditor.name: required"},
      {R"({"creditor": {"name": ""}})", "letterhead: creditor.name: required"},
      {R"({"creditor": "Lune"})",
       "letterhead: creditor: expected an object, got string"},
      {R"({"creditor": {"name": "Lune", "adress_lines": []}})",
       "letterhead: creditor: unknown key \"adress_lines\""},
      {R"({"creditor": {"name": "Lune"}, "langue": "fr"})",
       "unknown key \"langue\""},
      {R"({"creditor": {"name": "Lune"}, "language": "de"})",
       "letterhead: language: language \"de\": expected one of fr, en"},
      {R"({"creditor": {"name": "Lune", "address_lines": "1 rue"}})",
       "letterhead: creditor.address_lines: expected an array of strings, "
       "got string"},
      {R"({"creditor": {"name": "Lune", "address_lines": ["1 rue", 2]}})",
       "letterhead: creditor.address_lines[1]: expected a string, got "
       "integer"},
      {R"({"creditor": {"name": "Lune", "address_lines": ["1 rue", ""]}})",
       "letterhead: creditor.address_lines[1]: an empty address line"},
      {R"({"creditor": {"name": "Lune\nSAS"}})",
       "letterhead: creditor.name: a line break or other control character"},
      {R"({"creditor": {"name": "Lune", "bic": "AGRIFRPP"}})",
       "letterhead: creditor.bic: given without creditor.iban"},
      {R"({"creditor": {"name": "Lune"}, "debtor": {"name": "A", "vat": 1}})",
       "letterhead: debtor: unknown key \"vat\""},
      {R"({"creditor": {"name": "Lune"}, "agency": []})",
       "letterhead: agency: expected an object, got array"},
      {R"({"creditor": {"name": "Lune", "name": "Soleil"}})",
       "key \"name\" appears twice"},
  };
  for (const Bad& bad : cases) {
    EXPECT_THAT(
        LetterOptionsFromJson(bad.json),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(bad.message)))
        << bad.json;
  }
}

}  // namespace
}  // namespace relance
