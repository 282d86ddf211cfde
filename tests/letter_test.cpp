// Tests of the letters layer: reason phrases, the mapping from a
// communication to a letter kind, the built-in templates (golden files for
// every kind in both languages, text and HTML, rendered from decisions of
// the real engine), host overrides, and the relance.letters JSON form.
//
// Golden files: tests/golden/letters/<case>.<lang>.txt holds "Subject: ...",
// a line "---" and the text; <case>.<lang>.html the HTML. To rewrite them
// after a deliberate change, run the test with RELANCE_UPDATE_GOLDEN=1 and
// read every diff before committing it.
#include "relance/letter.hpp"

#include <libxml/parser.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "relance/letter_data.hpp"
#include "relance/letter_json.hpp"
#include "relance/letter_kind.hpp"
#include "relance/letter_templates.hpp"
#include "relance/reason_text.hpp"
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
using ::testing::IsEmpty;
using Json = nlohmann::ordered_json;

// U+00A0, U+202F: the no-break spaces French amounts and punctuation use.
#define NBSP "\u00a0"
#define NNBSP "\u202f"

// --- Reason phrases ----------------------------------------------------------

TEST(ReasonText, FrenchAndEnglishFromTheSameFields) {
  const Reason due{.code = ReasonCode::kLevelDue,
                   .level = "reminder2",
                   .level_number = 4,
                   .days = 16};
  EXPECT_EQ(ReasonText(due, Language::kFrench), "échue depuis 16" NBSP "jours");
  EXPECT_EQ(ReasonText(due, Language::kEnglish), "overdue by 16 days");

  const Reason promise{.code = ReasonCode::kPausedByPromise,
                       .date = D(2026, 3, 1),
                       .amount = M("500.00 EUR")};
  EXPECT_EQ(ReasonText(promise, Language::kFrench),
            "promesse de paiement de 500,00" NBSP "€ pour le 1er mars 2026");
  EXPECT_EQ(ReasonText(promise, Language::kEnglish),
            "payment of €500.00 promised by 1 March 2026");

  const Reason dispute{.code = ReasonCode::kPausedByDispute,
                       .amount = M("1200.00 EUR")};
  EXPECT_EQ(ReasonText(dispute, Language::kFrench),
            "en litige (1" NNBSP "200,00" NBSP "€ contestés)");
  EXPECT_EQ(ReasonText(dispute, Language::kEnglish),
            "under dispute (€1,200.00 disputed)");

  const Reason closed{.code = ReasonCode::kClosed,
                      .state = InvoiceState::kCredited};
  EXPECT_EQ(ReasonText(closed, Language::kFrench), "soldée par avoir");
  EXPECT_EQ(ReasonText(closed, Language::kEnglish), "settled by credit note");

  const Reason minimum{.code = ReasonCode::kBelowInvoiceMinimum,
                       .level = "reminder1",
                       .amount = M("9.00 GBP"),
                       .threshold = M("15.00 GBP")};
  EXPECT_EQ(ReasonText(minimum, Language::kFrench),
            "relance «" NBSP "reminder1" NBSP "» non envoyée" NBSP ": 9,00" NBSP
            "£GB est inférieur au minimum par facture de "
            "15,00" NBSP "£GB");
  EXPECT_EQ(ReasonText(minimum, Language::kEnglish),
            "level reminder1 not sent: £9.00 is below the invoice minimum of "
            "£15.00");
}

// Every code has a phrase of its own in both languages (not the code's
// name, the fallback), and the two differ.
TEST(ReasonText, EveryCodeInBothLanguages) {
  for (int i = 0; i <= static_cast<int>(ReasonCode::kAccountBlocked); ++i) {
    const Reason reason{.code = static_cast<ReasonCode>(i),
                        .invoice = "F-1",
                        .level = "l",
                        .date = D(2026, 1, 2),
                        .next_date = D(2026, 1, 3),
                        .amount = M("1.00 EUR"),
                        .threshold = M("2.00 EUR"),
                        .days = 3,
                        .state = InvoiceState::kPaid,
                        .ladder = "default"};
    const std::string fr = ReasonText(reason, Language::kFrench);
    const std::string en = ReasonText(reason, Language::kEnglish);
    EXPECT_NE(fr, ToString(reason.code));
    EXPECT_NE(en, ToString(reason.code));
    EXPECT_NE(fr, en) << ToString(reason.code);
  }
}

// --- Kinds -------------------------------------------------------------------

TEST(LetterKind, NamesRoundTrip) {
  for (LetterKind kind : kLetterKinds) {
    EXPECT_THAT(ParseLetterKind(ToString(kind)), IsOkAndHolds(kind));
  }
  EXPECT_THAT(
      ParseLetterKind("reminder_1"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("letter kind")));
}

Policy ExamplePolicy(std::string_view file) {
  absl::StatusOr<Policy> policy =
      Policy::FromJson(ReadExampleFile("policies/" + std::string(file)));
  EXPECT_THAT(policy, IsOk());
  return *policy;
}

// The kind and reminder number of `level` of the default ladder, or "-" and
// why for no letter.
std::string Choice(const Policy& policy, const std::string& level) {
  absl::StatusOr<LetterChoice> choice =
      ChooseLetter(Communication{.level = level}, policy.default_ladder());
  if (!choice.ok()) return choice.status().ToString();
  if (!choice->kind) return "- " + choice->why;
  return absl::StrCat(std::string(ToString(*choice->kind)), " ",
                      choice->reminder_number);
}

// examples/policies/standard_fr.json: courtesy (-5, email), reminder1 (+1,
// email), call (phone), reminder2 (+15, letter), notice (registered letter),
// agency (agency_handoff), legal. The call between the two reminders is no
// letter, so reminder2 is reminder no. 2 (its rank in the ladder is 4).
TEST(LetterKind, StandardFrenchLadder) {
  const Policy policy = ExamplePolicy("standard_fr.json");
  EXPECT_EQ(Choice(policy, "courtesy"), "courtesy_notice 0");
  EXPECT_EQ(Choice(policy, "reminder1"), "reminder 1");
  EXPECT_EQ(Choice(policy, "call"),
            "- a phone call is a task for a person, not a letter");
  EXPECT_EQ(Choice(policy, "reminder2"), "reminder 2");
  EXPECT_EQ(Choice(policy, "notice"), "formal_notice 0");
  EXPECT_EQ(Choice(policy, "agency"), "agency_handoff 0");
  EXPECT_EQ(Choice(policy, "legal"),
            "- legal action needs the dossier, not a letter");
  EXPECT_EQ(Choice(policy, "thank_you"), "thank_you 0");
  EXPECT_THAT(
      ChooseLetter(Communication{.level = "nope"}, policy.default_ladder()),
      StatusIs(absl::StatusCode::kNotFound,
               HasSubstr("\"nope\" is not a level of ladder")));
}

// examples/policies/gentle_reliable.json: a plain letter at +45
// ("formal_reminder") is reminder no. 3 after reminder1 and reminder2; the
// registered "notice" names its kind through its template id.
TEST(LetterKind, TemplateIdNamesTheKind) {
  const Policy gentle = ExamplePolicy("gentle_reliable.json");
  EXPECT_EQ(Choice(gentle, "letter"), "reminder 3");
  EXPECT_EQ(Choice(gentle, "notice"), "formal_notice 0");
  // A formal notice sent by email, named by its template id; it is not
  // counted as a reminder, so the next email level is reminder no. 2.
  absl::StatusOr<Policy> policy = Policy::FromJson(R"({
    "id": "named", "version": 1,
    "levels": [
      {"id": "r1", "offset_days": 1, "channel": "email"},
      {"id": "fn", "offset_days": 10, "channel": "email", "template": "formal_notice"},
      {"id": "r2", "offset_days": 20, "channel": "letter"},
      {"id": "sms", "offset_days": 25, "channel": "sms"}]})");
  ASSERT_THAT(policy, IsOk());
  EXPECT_EQ(Choice(*policy, "fn"), "formal_notice 0");
  EXPECT_EQ(Choice(*policy, "r2"), "reminder 2");
  EXPECT_EQ(Choice(*policy, "sms"),
            "- an SMS is not a letter: the host writes it");
}

// --- Built-in templates ------------------------------------------------------

TEST(LetterTemplates, EveryBuiltinPartInBothLanguages) {
  const LetterTemplates& builtin = LetterTemplates::Builtin();
  std::vector<std::string> names = {"reminder_1"};
  for (LetterKind kind : kLetterKinds) names.emplace_back(ToString(kind));
  for (const std::string& name : names) {
    for (Language language : {Language::kFrench, Language::kEnglish}) {
      for (LetterPart part :
           {LetterPart::kSubject, LetterPart::kText, LetterPart::kHtml}) {
        EXPECT_NE(builtin.Find(name, language, part), nullptr)
            << LetterTemplateFileName(name, language, part);
      }
    }
  }
  EXPECT_EQ(builtin.FileNames().size(), 8u * 2u * 3u);
  EXPECT_EQ(builtin.Find("relance_2", Language::kFrench, LetterPart::kText),
            nullptr);
}

// --- Scenarios through the real engine ---------------------------------------

// A French B2B ladder (DOMAIN.md section 1) under fr-b2b, thank-you on.
constexpr char kFrenchPolicy[] = R"({
  "id": "letters-fr", "version": 2, "penalties": "fr-b2b",
  "thank_you_after_payment": true, "thank_you_template": "merci",
  "levels": [
    {"id": "courtesy", "offset_days": -5, "channel": "email", "template": "prevenance"},
    {"id": "reminder1", "offset_days": 1, "channel": "email", "template": "relance_1"},
    {"id": "call", "offset_days": 8, "channel": "phone"},
    {"id": "reminder2", "offset_days": 15, "channel": "letter", "template": "relance_2"},
    {"id": "notice", "offset_days": 21, "channel": "registered_letter", "template": "mise_en_demeure",
     "payment_deadline_days": 8, "block_account": true, "statement_of_account": true},
    {"id": "agency", "offset_days": 45, "channel": "agency_handoff", "task": true},
    {"id": "legal", "offset_days": 90, "channel": "legal", "task": true}
  ]})";

// The UK ladder of examples/policies/uk_late_payment.json, shortened.
constexpr char kUkPolicy[] = R"({
  "id": "letters-uk", "version": 1, "penalties": "uk-late-payment",
  "levels": [
    {"id": "reminder1", "offset_days": 1, "channel": "email"},
    {"id": "final_demand", "offset_days": 28, "channel": "registered_letter",
     "template": "uk_final_demand", "payment_deadline_days": 7}
  ]})";

Policy PolicyOf(const char* json) {
  absl::StatusOr<Policy> policy = Policy::FromJson(json);
  EXPECT_THAT(policy, IsOk());
  return *policy;
}

Event Issued(const char* invoice, const char* amount, Date issued, Date due) {
  return {.date = issued,
          .kind = EventKind::kInvoiceIssued,
          .invoice = invoice,
          .amount = M(amount),
          .due_date = due};
}

// Dupont & Fils: two invoices issued on 15 January 2026, due on 14 February
// (30 days), 1 200,00 € and 350,50 €.
Case Dupont() {
  return {
      .customer_id = "C-042",
      .customer_name = "Dupont & Fils SARL",
      .events = {
          Issued("F-2026-014", "1200.00 EUR", D(2026, 1, 15), D(2026, 2, 14)),
          Issued("F-2026-015", "350.50 EUR", D(2026, 1, 15), D(2026, 2, 14))}};
}

// Evaluates `c` every day from `from` to `to`, recording each day's actions
// as performed (as a host would after sending them), and returns the
// decision of `to` and, in `c`, the case as it stands before it.
Decision RunUntil(const Policy& policy, Case& c, Date from, Date to) {
  for (Date day = from; day < to; day = day + Days{1}) {
    absl::StatusOr<Decision> decision = Evaluate(policy, c, day);
    EXPECT_THAT(decision, IsOk());
    if (decision.ok()) c = WithActionsRecorded(c, *decision);
  }
  absl::StatusOr<Decision> decision = Evaluate(policy, c, to);
  EXPECT_THAT(decision, IsOk());
  return decision.ok() ? *decision : Decision{};
}

LetterOptions FrenchCreditor(Language language) {
  return {.language = language,
          .creditor = {.name = "Atelier Martin SARL",
                       .address_lines = {"12 rue des Tanneurs", "69007 Lyon"},
                       .email = "compta@atelier-martin.fr",
                       .phone = "+33 4 78 00 00 00",
                       .registration = "SIREN 812 345 678 – RCS Lyon",
                       .payment_link = "https://pay.example.com/C-042?a=1&b=2",
                       .iban = "FR76 3000 4000 0500 0012 3456 789",
                       .bic = "BNPAFRPPXXX",
                       .signatory = "Service comptabilité clients"},
          .debtor = {.name = "Dupont & Fils SARL",
                     .address_lines = {"4 avenue <des> Canuts",
                                       "69100 Villeurbanne"}},
          .agency = {.name = "Recouvrement Rhône-Alpes",
                     .address_lines = {"1 place Bellecour", "69002 Lyon"}}};
}

std::string GoldenDir() {
  return std::string(RELANCE_SOURCE_DIR) + "/tests/golden/letters/";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Whether `html` is well-formed XML (libxml2's XML parser, stricter than its
// HTML one: every element closed, every '&' an entity).
bool WellFormed(const std::string& html) {
  xmlDocPtr doc = xmlReadMemory(
      html.data(), static_cast<int>(html.size()), "letter.html", "UTF-8",
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == nullptr) return false;
  xmlFreeDoc(doc);
  return true;
}

// The check can fail: an unclosed element, a bare '&'.
TEST(LetterGolden, WellFormedCheckRejectsBrokenHtml) {
  EXPECT_TRUE(WellFormed("<!DOCTYPE html>\n<html><p>a &amp; b</p></html>"));
  EXPECT_FALSE(WellFormed("<html><p>a</html>"));
  EXPECT_FALSE(WellFormed("<html><p>a & b</p></html>"));
}

// Compares `letter` with tests/golden/letters/<name>.<lang>.{txt,html}, and
// checks its HTML.
void ExpectGolden(const Letter& letter, const std::string& name) {
  const std::string stem =
      GoldenDir() + name + "." + std::string(LanguageCode(letter.language));
  const std::string text =
      "Subject: " + letter.subject + "\n---\n" + letter.text;
  if (std::getenv("RELANCE_UPDATE_GOLDEN") != nullptr) {
    std::filesystem::create_directories(GoldenDir());
    std::ofstream(stem + ".txt", std::ios::binary) << text;
    std::ofstream(stem + ".html", std::ios::binary) << letter.html;
  }
  EXPECT_EQ(text, ReadFile(stem + ".txt")) << stem << ".txt";
  EXPECT_EQ(letter.html, ReadFile(stem + ".html")) << stem << ".html";
  EXPECT_TRUE(WellFormed(letter.html)) << stem << ".html is not well-formed";
  EXPECT_THAT(letter.subject, ::testing::Not(HasSubstr("\n")));
}

// The one letter of `decision` of `kind`, rendered in `language`.
Letter OnlyLetter(const Decision& decision, const Policy& policy,
                  Language language, LetterKind kind) {
  absl::StatusOr<RenderedLetters> letters = RenderLetters(
      decision, policy, LetterTemplates::Builtin(), FrenchCreditor(language));
  EXPECT_THAT(letters, IsOk());
  if (!letters.ok() || letters->letters.size() != 1) {
    ADD_FAILURE() << "expected one letter";
    return {};
  }
  EXPECT_EQ(letters->letters[0].kind, kind);
  return letters->letters[0];
}

constexpr Language kBoth[] = {Language::kFrench, Language::kEnglish};

// 9 February 2026, five days before the due date: the courtesy notice, both
// invoices, 1 550,50 € (1 200,00 + 350,50) to pay by 14 February.
TEST(LetterGolden, CourtesyNotice) {
  const Policy policy = PolicyOf(kFrenchPolicy);
  Case c = Dupont();
  const Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 2, 9));
  ASSERT_EQ(decision.actions.size(), 1u);
  for (Language language : kBoth) {
    const Letter letter =
        OnlyLetter(decision, policy, language, LetterKind::kCourtesyNotice);
    EXPECT_EQ(letter.file_stem, "2026-02-09_C-042_courtesy");
    EXPECT_EQ(
        letter.text_template,
        LetterTemplateFileName("courtesy_notice", language, LetterPart::kText));
    ExpectGolden(letter, "courtesy_notice");
  }
  EXPECT_THAT(OnlyLetter(decision, policy, Language::kFrench,
                         LetterKind::kCourtesyNotice)
                  .text,
              HasSubstr("Montant à régler" NBSP ": 1" NNBSP "550,50" NBSP "€"));
}

// 15 February: reminder no. 1, one day late. It asks for the outstanding
// 1 550,50 € and only mentions the penalties (L441-10, D441-5) without
// claiming an amount.
TEST(LetterGolden, FirstReminder) {
  const Policy policy = PolicyOf(kFrenchPolicy);
  Case c = Dupont();
  const Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 2, 15));
  for (Language language : kBoth) {
    const Letter letter =
        OnlyLetter(decision, policy, language, LetterKind::kReminder);
    EXPECT_EQ(letter.reminder_number, 1);
    EXPECT_EQ(
        letter.text_template,
        LetterTemplateFileName("reminder_1", language, LetterPart::kText));
    ExpectGolden(letter, "reminder_1");
  }
}

// 1 March: reminder no. 2 (the call of 22 February was no letter), 15 days
// late, penalties claimed. By hand, fr-b2b on 1 March 2026: the ECB main
// refinancing rate in force on 1 January 2026 is 2.15 % (since 11 June 2025,
// data/rates/ecb_mro.csv), + 10 points = 12.15 %; 15 days (15 February to 1
// March inclusive), Actual/365:
//   1 200,00 x 12.15 % x 15 / 365 = 5.9917... -> 5,99 €
//     350,50 x 12.15 % x 15 / 365 = 1.7501... -> 1,75 €
//   interest 7,74 €; compensation 2 x 40,00 € = 80,00 € (D441-5);
//   total 1 550,50 + 7,74 + 80,00 = 1 638,24 €.
TEST(LetterGolden, SecondReminder) {
  const Policy policy = PolicyOf(kFrenchPolicy);
  Case c = Dupont();
  const Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 3, 1));
  for (Language language : kBoth) {
    const Letter letter =
        OnlyLetter(decision, policy, language, LetterKind::kReminder);
    EXPECT_EQ(letter.reminder_number, 2);
    EXPECT_EQ(letter.level_number, 4);
    ExpectGolden(letter, "reminder_2");
  }
  const std::string fr =
      OnlyLetter(decision, policy, Language::kFrench, LetterKind::kReminder)
          .text;
  EXPECT_THAT(fr, HasSubstr("Pénalités de retard" NBSP ": 7,74" NBSP "€"));
  EXPECT_THAT(fr, HasSubstr("recouvrement" NBSP ": 80,00" NBSP "€"));
  EXPECT_THAT(fr,
              HasSubstr("Total à régler" NBSP ": 1" NNBSP "638,24" NBSP "€"));
}

// 7 March: the formal notice by registered letter, 21 days late, deadline
// 15 March (7 March + 8 days), account blocked, statement of account.
//   1 200,00 x 12.15 % x 21 / 365 = 8.3884... -> 8,39 €
//     350,50 x 12.15 % x 21 / 365 = 2.4501... -> 2,45 €
//   interest 10,84 €, compensation 80,00 €, total 1 641,34 €.
// A third invoice, F-2026-009 (800,00 €, due on 4 February), disputed in
// full on 10 February, is not dunned but is overdue: the statement of
// account lists it after the letter's own invoices.
TEST(LetterGolden, FormalNotice) {
  const Policy policy = PolicyOf(kFrenchPolicy);
  Case c = Dupont();
  c.events.insert(c.events.begin(), Issued("F-2026-009", "800.00 EUR",
                                           D(2026, 1, 5), D(2026, 2, 4)));
  c.events.push_back({.date = D(2026, 2, 10),
                      .kind = EventKind::kDisputeOpened,
                      .invoice = "F-2026-009",
                      .reason = "delivery incomplete"});
  const Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 3, 7));
  for (Language language : kBoth) {
    const Letter letter =
        OnlyLetter(decision, policy, language, LetterKind::kFormalNotice);
    EXPECT_EQ(letter.channel, Channel::kRegisteredLetter);
    ExpectGolden(letter, "formal_notice");
  }
  const std::string fr =
      OnlyLetter(decision, policy, Language::kFrench, LetterKind::kFormalNotice)
          .text;
  EXPECT_THAT(fr, HasSubstr("au plus tard le 15 mars 2026"));
  EXPECT_THAT(fr, HasSubstr("Pénalités de retard" NBSP ": 10,84" NBSP "€"));
  EXPECT_THAT(fr,
              HasSubstr("Total à régler" NBSP ": 1" NNBSP "641,34" NBSP "€"));
  EXPECT_THAT(fr, HasSubstr("article L441-10 du Code de commerce"));
  EXPECT_THAT(fr, HasSubstr("article D441-5 du Code de commerce"));
  EXPECT_THAT(fr, HasSubstr("article 1344 du Code civil"));
}

// 31 March: the file goes to the agency, 45 days late.
//   1 200,00 x 12.15 % x 45 / 365 = 17.9753... -> 17,98 €
//     350,50 x 12.15 % x 45 / 365 = 5.2503... -> 5,25 €
//   interest 23,23 €, compensation 80,00 €, total 1 653,73 €.
TEST(LetterGolden, AgencyHandoff) {
  const Policy policy = PolicyOf(kFrenchPolicy);
  Case c = Dupont();
  const Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 3, 31));
  for (Language language : kBoth) {
    const Letter letter =
        OnlyLetter(decision, policy, language, LetterKind::kAgencyHandoff);
    ExpectGolden(letter, "agency_handoff");
  }
  EXPECT_THAT(
      OnlyLetter(decision, policy, Language::kFrench,
                 LetterKind::kAgencyHandoff)
          .text,
      HasSubstr("Total de la créance" NBSP ": 1" NNBSP "653,73" NBSP "€"));
}

// F-2026-014 is paid in full on 20 February after reminder no. 1; the
// thank-you goes out the same day.
TEST(LetterGolden, ThankYou) {
  const Policy policy = PolicyOf(kFrenchPolicy);
  Case c = Dupont();
  const Decision before = RunUntil(policy, c, D(2026, 2, 1), D(2026, 2, 19));
  c = WithActionsRecorded(c, before);
  c.events.push_back({.date = D(2026, 2, 20),
                      .kind = EventKind::kPaymentReceived,
                      .invoice = "F-2026-014",
                      .amount = M("1200.00 EUR")});
  absl::StatusOr<Decision> decision = Evaluate(policy, c, D(2026, 2, 20));
  ASSERT_THAT(decision, IsOk());
  ASSERT_FALSE(decision->actions.empty());
  for (Language language : kBoth) {
    absl::StatusOr<RenderedLetters> letters =
        RenderLetters(*decision, policy, LetterTemplates::Builtin(),
                      FrenchCreditor(language));
    ASSERT_THAT(letters, IsOk());
    const Letter* thank_you = nullptr;
    for (const Letter& letter : letters->letters) {
      if (letter.kind == LetterKind::kThankYou) thank_you = &letter;
    }
    ASSERT_NE(thank_you, nullptr);
    EXPECT_THAT(thank_you->invoices, ElementsAre("F-2026-014"));
    ExpectGolden(*thank_you, "thank_you");
  }
}

// A promise to pay 1 200,00 € by 10 March, made on the phone on 22
// February, confirmed in writing.
TEST(LetterGolden, PromiseConfirmation) {
  const Policy policy = PolicyOf(kFrenchPolicy);
  Case c = Dupont();
  Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 2, 22));
  c = WithActionsRecorded(c, decision);
  const Event promise{.date = D(2026, 2, 22),
                      .kind = EventKind::kPromiseToPay,
                      .invoice = "F-2026-014",
                      .amount = M("1200.00 EUR"),
                      .promised_date = D(2026, 3, 10)};
  c.events.push_back(promise);
  absl::StatusOr<Decision> after = Evaluate(policy, c, D(2026, 2, 22));
  ASSERT_THAT(after, IsOk());
  for (Language language : kBoth) {
    absl::StatusOr<Letter> letter =
        RenderConfirmation(*after, policy, promise, LetterTemplates::Builtin(),
                           FrenchCreditor(language));
    ASSERT_THAT(letter, IsOk());
    EXPECT_EQ(letter->kind, LetterKind::kPromiseConfirmation);
    EXPECT_EQ(letter->file_stem, "2026-02-22_C-042_promise_confirmation");
    EXPECT_THAT(letter->invoices, ElementsAre("F-2026-014"));
    ExpectGolden(*letter, "promise_confirmation");
  }
}

// A payment plan for both invoices agreed on 25 February: 600,00 € on 10
// March and 950,50 € on 10 April (600,00 + 950,50 = 1 550,50 €).
TEST(LetterGolden, PaymentPlanConfirmation) {
  const Policy policy = PolicyOf(kFrenchPolicy);
  Case c = Dupont();
  Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 2, 25));
  c = WithActionsRecorded(c, decision);
  const Event plan{
      .date = D(2026, 2, 25),
      .kind = EventKind::kPaymentPlanAgreed,
      .invoices = {"F-2026-014", "F-2026-015"},
      .instalments = {{.date = D(2026, 3, 10), .amount = M("600.00 EUR")},
                      {.date = D(2026, 4, 10), .amount = M("950.50 EUR")}}};
  c.events.push_back(plan);
  absl::StatusOr<Decision> after = Evaluate(policy, c, D(2026, 2, 25));
  ASSERT_THAT(after, IsOk());
  for (Language language : kBoth) {
    absl::StatusOr<Letter> letter =
        RenderConfirmation(*after, policy, plan, LetterTemplates::Builtin(),
                           FrenchCreditor(language));
    ASSERT_THAT(letter, IsOk());
    ExpectGolden(*letter, "payment_plan_confirmation");
    EXPECT_THAT(letter->text, HasSubstr(language == Language::kFrench
                                            ? "1" NNBSP "550,50" NBSP "€"
                                            : "€1,550.50"));
  }
}

// A British debtor under the Late Payment Act: INV-1001, £2,400.00 due on 4
// February 2026, final demand on 4 March (+28 days), deadline 11 March.
// By hand: the rate is the Bank Rate in force on 31 December 2025 (3.75 %
// since 18 December 2025, data/rates/uk_bank_rate.csv) + 8 = 11.75 %, for
// the whole debt; 28 days (5 February to 4 March):
//   2 400.00 x 11.75 % x 28 / 365 = 21.6328... -> £21.63
//   compensation £70 (a debt of £1,000 to £9,999.99, s.5A(2A));
//   total 2 400.00 + 21.63 + 70.00 = £2,491.63.
TEST(LetterGolden, UkFinalNotice) {
  const Policy policy = PolicyOf(kUkPolicy);
  Case c{.customer_id = "UK-7",
         .customer_name = "Smith & Sons Ltd",
         .events = {
             Issued("INV-1001", "2400.00 GBP", D(2026, 1, 5), D(2026, 2, 4))}};
  const Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 3, 4));
  LetterOptions options{
      .language = Language::kEnglish,
      .creditor = {.name = "Northern Widgets Ltd",
                   .address_lines = {"1 Mill Lane", "Leeds LS1 4AB"},
                   .registration = "Registered in England and Wales no. "
                                   "01234567",
                   .iban = "GB29 NWBK 6016 1331 9268 19",
                   .signatory = "Jane Smith, Credit Controller"},
      .debtor = {.name = "Smith & Sons Ltd",
                 .address_lines = {"22 High Street", "York YO1 7HU"}}};
  absl::StatusOr<RenderedLetters> letters =
      RenderLetters(decision, policy, LetterTemplates::Builtin(), options);
  ASSERT_THAT(letters, IsOk());
  ASSERT_EQ(letters->letters.size(), 1u);
  const Letter& letter = letters->letters[0];
  EXPECT_EQ(letter.kind, LetterKind::kFormalNotice);
  // "uk_final_demand" has no template of its own: the kind's are used.
  EXPECT_EQ(letter.text_template, "formal_notice.en.txt");
  ExpectGolden(letter, "formal_notice_uk");
  EXPECT_THAT(letter.text, HasSubstr("Late-payment interest: £21.63"));
  EXPECT_THAT(letter.text,
              HasSubstr("Fixed compensation for recovery costs: £70.00"));
  EXPECT_THAT(letter.text, HasSubstr("Total due: £2,491.63"));
  EXPECT_THAT(letter.text, HasSubstr("by 11 March 2026 at the latest"));
  EXPECT_THAT(letter.text,
              HasSubstr("Late Payment of Commercial Debts (Interest) Act "
                        "1998"));
}

// --- Overrides ---------------------------------------------------------------

TEST(LetterTemplates, BadOverridesFailWithFileAndLine) {
  const LetterTemplates& builtin = LetterTemplates::Builtin();
  absl::Status unknown =
      builtin.With("reminder.fr.txt", "Bonjour,\n{{invoice_totl}}\n").status();
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kInvalidArgument,
                                HasSubstr("reminder.fr.txt:2: unknown "
                                          "variable \"invoice_totl\"")));
  absl::Status unclosed =
      builtin
          .With("relance_2.en.html", "<p>\n{{#invoices}}\n{{number}}\n</p>\n",
                "/etc/acme/relance_2.en.html")
          .status();
  EXPECT_THAT(unclosed,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("/etc/acme/relance_2.en.html:2: section "
                                 "\"invoices\" is never closed")));
  std::optional<TemplateErrorLocation> where =
      TemplateErrorLocationOf(unclosed);
  ASSERT_TRUE(where.has_value());
  EXPECT_EQ(where->line, 2);
  EXPECT_THAT(builtin.With("reminder.de.txt", "x").status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("expected <name>.<fr|en>")));
}

// A directory of overrides: one for a level's template id (its text only:
// the subject and HTML stay the kind's), one replacing a kind for every
// policy; then a bad file, then a stray file.
TEST(LetterTemplates, DirectoryOverrides) {
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / "letter_overrides";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "relance_2.fr.txt")
      << "Relance {{reminder_number}} pour {{debtor.name}} : "
         "{{#totals}}{{total_due}}{{/totals}}\n";
  std::ofstream(dir / "thank_you.en.subject.txt") << "Thanks!\n";
  std::ofstream(dir / ".swp") << "{{ignored";
  absl::StatusOr<LetterTemplates> templates =
      LetterTemplates::Builtin().WithDirectory(dir.string());
  ASSERT_THAT(templates, IsOk());

  const Policy policy = PolicyOf(kFrenchPolicy);
  Case c = Dupont();
  const Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 3, 1));
  absl::StatusOr<RenderedLetters> letters = RenderLetters(
      decision, policy, *templates, FrenchCreditor(Language::kFrench));
  ASSERT_THAT(letters, IsOk());
  ASSERT_EQ(letters->letters.size(), 1u);
  const Letter& letter = letters->letters[0];
  // Same total as SecondReminder, through the host's template.
  EXPECT_EQ(letter.text,
            "Relance 2 pour Dupont & Fils SARL : 1" NNBSP "638,24" NBSP "€\n");
  EXPECT_EQ(letter.text_template, "relance_2.fr.txt");
  EXPECT_EQ(letter.html_template, "reminder.fr.html");
  EXPECT_EQ(letter.subject_template, "reminder.fr.subject.txt");

  std::ofstream(dir / "reminder_1.en.html") << "<p>\n{{#invoices}}\n</p>\n";
  EXPECT_THAT(LetterTemplates::Builtin().WithDirectory(dir.string()).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr((dir / "reminder_1.en.html").string() +
                                 ":2: section \"invoices\" is never closed")));
  std::filesystem::remove(dir / "reminder_1.en.html");
  std::ofstream(dir / "README.md") << "notes";
  EXPECT_THAT(LetterTemplates::Builtin().WithDirectory(dir.string()).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("README.md\": not a template file name")));
  EXPECT_THAT(LetterTemplates::Builtin()
                  .WithDirectory((dir / "none").string())
                  .status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("cannot be read")));
  std::filesystem::remove_all(dir);
}

// --- Errors and JSON ---------------------------------------------------------

TEST(RenderLetters, RefusesAnotherPolicysDecisionAndMissingCreditor) {
  const Policy policy = PolicyOf(kFrenchPolicy);
  Case c = Dupont();
  const Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 2, 15));
  EXPECT_THAT(
      RenderLetters(decision, PolicyOf(kUkPolicy), LetterTemplates::Builtin(),
                    FrenchCreditor(Language::kFrench))
          .status(),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("made by policy letters-fr v2")));
  EXPECT_THAT(RenderLetters(decision, policy, LetterTemplates::Builtin(),
                            LetterOptions{})
                  .status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("creditor.name: required")));
  EXPECT_THAT(RenderLetters(decision, policy, LetterTemplates(),
                            FrenchCreditor(Language::kFrench))
                  .status(),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("no template for reminder.fr.subject.txt")));
  EXPECT_THAT(RenderConfirmation(
                  decision, policy, Event{.kind = EventKind::kPaymentReceived},
                  LetterTemplates::Builtin(), FrenchCreditor(Language::kFrench))
                  .status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("payment_received event has no "
                                 "confirmation")));
}

// 22 February: the call is planned, and is no letter: skipped, with why.
// The document's keys come in the documented order.
TEST(LettersToJson, LettersAndSkippedCommunications) {
  const Policy policy = PolicyOf(kFrenchPolicy);
  Case c = Dupont();
  Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 2, 22));
  absl::StatusOr<RenderedLetters> call =
      RenderLetters(decision, policy, LetterTemplates::Builtin(),
                    FrenchCreditor(Language::kFrench));
  ASSERT_THAT(call, IsOk());
  EXPECT_THAT(call->letters, IsEmpty());
  ASSERT_EQ(call->skipped.size(), 1u);
  EXPECT_EQ(call->skipped[0].level, "call");

  c = Dupont();
  decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 2, 15));
  absl::StatusOr<RenderedLetters> letters =
      RenderLetters(decision, policy, LetterTemplates::Builtin(),
                    FrenchCreditor(Language::kEnglish));
  ASSERT_THAT(letters, IsOk());
  letters->skipped = call->skipped;
  const Json json = Json::parse(LettersToJson(*letters));
  std::vector<std::string> keys;
  for (auto it = json.begin(); it != json.end(); ++it) keys.push_back(it.key());
  EXPECT_THAT(keys, ElementsAre("schema", "schema_version", "customer", "as_of",
                                "language", "letters", "skipped"));
  EXPECT_EQ(json["schema"], "relance.letters");
  EXPECT_EQ(json["as_of"], "2026-02-15");
  EXPECT_EQ(json["language"], "en");
  const Json& letter = json["letters"][0];
  std::vector<std::string> letter_keys;
  for (auto it = letter.begin(); it != letter.end(); ++it) {
    letter_keys.push_back(it.key());
  }
  EXPECT_THAT(letter_keys,
              ElementsAre("kind", "level", "level_number", "reminder_number",
                          "channel", "invoices", "file_stem", "templates",
                          "subject", "text", "html"));
  EXPECT_EQ(letter["kind"], "reminder");
  EXPECT_EQ(letter["reminder_number"], 1);
  EXPECT_EQ(letter["level_number"], 2);
  EXPECT_EQ(letter["templates"]["text"], "reminder_1.en.txt");
  EXPECT_EQ(letter["subject"], "Reminder no. 1 – 2 overdue invoices");
  EXPECT_EQ(letter["text"], letters->letters[0].text);
  EXPECT_EQ(json["skipped"][0]["why"],
            "a phone call is a task for a person, not a letter");
}

}  // namespace
}  // namespace relance

namespace relance {
namespace {

// The text of the field `name` of the first item of the list `list`.
std::string FirstOf(const TemplateValue& data, const char* list,
                    const char* name) {
  const TemplateValue* items = data.Find(list);
  if (items == nullptr || items->items().empty()) return "(none)";
  const TemplateValue* field = items->items()[0].Find(name);
  if (field == nullptr) return "(none)";
  if (field->kind() == TemplateKind::kFlag) {
    return field->flag() ? "true" : "false";
  }
  return field->text();
}

// An English amount ("€1,234.56") back to Money.
Money Euros(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if ((c >= '0' && c <= '9') || c == '.' || c == '-') digits += c;
  }
  return M((digits + " EUR").c_str());
}

// A reminder with a fee (10,00 € on reminder2) after a partial payment of
// 500,00 € on F-2026-014 on 20 February: the letter's lines add up to the
// engine's total, outstanding + interest + compensation + fees_charged +
// fees - settled = total_due. By hand, on 1 March:
//   fr-b2b imputes the 500,00 € to costs and interest first (Code civil
//   art. 1343-1, relance/penalty.hpp): 40,00 € compensation, 2,40 € interest
//   (1 200,00 x 12.15 % x 6 / 365 = 2.3967), 457,60 € principal, leaving
//   742,40 €, which bears 742,40 x 12.15 % x 9 / 365 = 2.2241 until 1 March.
//   F-2026-014 owes 742,40 + 2,22 = 744,62 €; the engine shows it as its
//   balance 700,00 € plus its claim, all its interest 4,62 € (2.3967 +
//   2.2241, rounded once) and 40,00 € compensation: 744,62 € too, so nothing
//   is "settled" to subtract (has_settled is false).
//   F-2026-015: 350,50 + 1,75 + 40,00. Totals: outstanding 1 050,50,
//   interest 6,37, compensation 80,00, fee 10,00, total 1 146,87 €.
TEST(BuildLetterData, LinesAddUpAfterAPartialPayment) {
  std::string text = kFrenchPolicy;
  const std::string level = R"("template": "relance_2")";
  text.replace(text.find(level), level.size(),
               std::string(level) + R"(, "fee": "10.00 EUR")");
  const Policy policy = PolicyOf(text.c_str());
  Case c = Dupont();
  Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 2, 19));
  c = WithActionsRecorded(c, decision);
  c.events.push_back({.date = D(2026, 2, 20),
                      .kind = EventKind::kPaymentReceived,
                      .invoice = "F-2026-014",
                      .amount = M("500.00 EUR")});
  decision = RunUntil(policy, c, D(2026, 2, 20), D(2026, 3, 1));
  ASSERT_EQ(decision.actions.size(), 1u);
  ASSERT_EQ(decision.actions[0].level, "reminder2");
  absl::StatusOr<TemplateValue> data = BuildLetterData(
      decision, policy,
      {.kind = LetterKind::kReminder, .reminder_number = 2, .action = 0},
      FrenchCreditor(Language::kEnglish));
  ASSERT_THAT(data, IsOk());
  EXPECT_EQ(FirstOf(*data, "totals", "fees"), "€10.00");
  EXPECT_EQ(FirstOf(*data, "totals", "has_fees"), "true");
  EXPECT_EQ(FirstOf(*data, "totals", "outstanding"), "€1,050.50");
  EXPECT_EQ(FirstOf(*data, "totals", "interest"), "€6.37");
  EXPECT_EQ(FirstOf(*data, "totals", "compensation"), "€80.00");
  EXPECT_EQ(FirstOf(*data, "totals", "has_settled"), "false");
  EXPECT_EQ(FirstOf(*data, "totals", "total_due"), "€1,146.87");
  absl::StatusOr<Money> lines = Euros(FirstOf(*data, "totals", "outstanding"));
  for (const char* part :
       {"interest", "compensation", "fees_charged", "fees"}) {
    lines = Add(*lines, Euros(FirstOf(*data, "totals", part)));
  }
  lines = Subtract(*lines, Euros(FirstOf(*data, "totals", "settled")));
  ASSERT_THAT(lines, IsOk());
  EXPECT_EQ(*lines, decision.actions[0].total_due.at(0));
  EXPECT_EQ(
      FirstOf(*data, "totals", "total_due"),
      FormatMoney(decision.actions[0].total_due.at(0), Language::kEnglish));
}

}  // namespace
}  // namespace relance

namespace relance {
namespace {

// Per-invoice grouping: one letter per invoice at the same level, told
// apart by their first invoice in the file stem.
TEST(RenderLetters, PerInvoiceLettersHaveTheirOwnFileStems) {
  std::string text = kFrenchPolicy;
  text.insert(text.find("\"levels\""), R"("grouping": "per_invoice", )");
  const Policy policy = PolicyOf(text.c_str());
  Case c = Dupont();
  const Decision decision = RunUntil(policy, c, D(2026, 2, 1), D(2026, 2, 15));
  absl::StatusOr<RenderedLetters> letters =
      RenderLetters(decision, policy, LetterTemplates::Builtin(),
                    FrenchCreditor(Language::kFrench));
  ASSERT_THAT(letters, IsOk());
  ASSERT_EQ(letters->letters.size(), 2u);
  EXPECT_EQ(letters->letters[0].file_stem,
            "2026-02-15_C-042_reminder1_F-2026-014");
  EXPECT_EQ(letters->letters[1].file_stem,
            "2026-02-15_C-042_reminder1_F-2026-015");
  // One invoice each: the singular wording.
  EXPECT_EQ(letters->letters[1].subject,
            "Relance n°" NBSP "1 – facture F-2026-015 non réglée");
  EXPECT_THAT(letters->letters[1].text,
              HasSubstr("le règlement de la facture suivante, arrivée à "
                        "échéance" NBSP ":"));
}

}  // namespace
}  // namespace relance
