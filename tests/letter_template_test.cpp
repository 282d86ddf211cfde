#include "relance/letter_template.hpp"

#include <optional>
#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_helpers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using F = TemplateField;
using V = TemplateValue;

// A reminder's names: a customer, a creditor (an object), a penalties flag
// and the invoices (a list whose items have their own names; "status" is
// also a top-level text, of another kind, to test shadowing).
TemplateSchema ReminderSchema() {
  return {.fields = {F::Text("customer_name"), F::Text("total"),
                     F::Text("status"), F::Flag("has_penalties"),
                     F::Object("creditor", {F::Text("name"), F::Text("iban")}),
                     F::List("invoices", {F::Text("number"), F::Text("amount"),
                                          F::Flag("status")})}};
}

V Invoice(std::string number, std::string amount, bool status) {
  return V::Object({{"number", V::Text(std::move(number))},
                    {"amount", V::Text(std::move(amount))},
                    {"status", V::Flag(status)}});
}

V ReminderData(std::vector<V> invoices) {
  return V::Object({{"customer_name", V::Text("Dupont & Fils <SARL>")},
                    {"total", V::Text("300.00")},
                    {"status", V::Text("overdue")},
                    {"has_penalties", V::Flag(true)},
                    {"creditor", V::Object({{"name", V::Text("Relance \"SA\"")},
                                            {"iban", V::Text("FR76 1234")}})},
                    {"invoices", V::List(std::move(invoices))}});
}

// The rendered text, or the error's text (so that a failure prints both in
// full).
std::string Rendered(const absl::StatusOr<std::string>& rendered) {
  return rendered.ok() ? *rendered : rendered.status().ToString();
}

// The location a Load error carries, or line -1 when it carries none.
TemplateErrorLocation LocationOf(const absl::Status& status) {
  return TemplateErrorLocationOf(status).value_or(
      TemplateErrorLocation{.template_name = "", .line = -1, .column = -1});
}

absl::Status LoadError(std::string_view text,
                       std::string_view name = "relance_1.txt") {
  return LetterTemplate::Load(name, text, ReminderSchema()).status();
}

constexpr std::string_view kReminder =
    "Dear {{customer_name}},\n"
    "{{#invoices}}\n"
    "- {{number}}: {{amount}}{{#status}} (disputed){{/status}} "
    "[{{customer_name}}]\n"
    "{{/invoices}}\n"
    "{{^invoices}}\n"
    "Nothing is due.\n"
    "{{/invoices}}\n"
    "{{#has_penalties}}\n"
    "Penalties are due to {{creditor.name}}.\n"
    "{{/has_penalties}}\n"
    "{{! a comment renders nothing }}\n"
    "{{#creditor}}Pay to {{iban}} ({{status}}).{{/creditor}}\n"
    "Total: {{total}} & <b>\n";

// Hand-computed from the Mustache spec: lines holding only a section tag
// (or a comment) are standalone and leave nothing; each invoice renders its
// line with its own "number", "amount" and "status" (the item's flag
// shadows the top-level text) and the top-level "customer_name" found
// through the context stack; "{{^invoices}}" renders nothing as the list is
// not empty; inside {{#creditor}}, "iban" is the creditor's and "status"
// the top level's. Plain text: nothing is escaped.
TEST(LetterTemplate, RendersPlainTextExactly) {
  absl::StatusOr<LetterTemplate> letter =
      LetterTemplate::Load("relance_1.txt", kReminder, ReminderSchema());
  ASSERT_THAT(letter, IsOk());
  EXPECT_EQ(letter->format(), TemplateFormat::kText);
  EXPECT_EQ(letter->name(), "relance_1.txt");
  EXPECT_EQ(
      Rendered(letter->Render(ReminderData(
          {Invoice("F-1", "100.00", false), Invoice("F-2", "200.00", true)}))),
      ("Dear Dupont & Fils <SARL>,\n"
       "- F-1: 100.00 [Dupont & Fils <SARL>]\n"
       "- F-2: 200.00 (disputed) [Dupont & Fils <SARL>]\n"
       "Penalties are due to Relance \"SA\".\n"
       "Pay to FR76 1234 (overdue).\n"
       "Total: 300.00 & <b>\n"));
}

// With no invoice the inverted section renders; a false flag hides its
// section.
TEST(LetterTemplate, InvertedSectionsAndFalseFlags) {
  absl::StatusOr<LetterTemplate> letter =
      LetterTemplate::Load("relance_1.txt", kReminder, ReminderSchema());
  ASSERT_THAT(letter, IsOk());
  V data = ReminderData({});
  data.Set("has_penalties", V::Flag(false));
  EXPECT_EQ(Rendered(letter->Render(data)), ("Dear Dupont & Fils <SARL>,\n"
                                             "Nothing is due.\n"
                                             "Pay to FR76 1234 (overdue).\n"
                                             "Total: 300.00 & <b>\n"));
}

// The Mustache spec's standalone lines (specs/sections.yml, comments.yml,
// delimiters.yml), hand-applied: a line with only whitespace and one
// section, closing, comment or set-delimiter tag disappears, whether the
// section renders or not (kainjow 4.1's own renderer would leave a blank
// line for a section that renders nothing); anything else is written as is.
TEST(LetterTemplate, StandaloneLinesFollowTheSpec) {
  const auto render = [](std::string_view text, bool penalties) {
    absl::StatusOr<LetterTemplate> letter =
        LetterTemplate::Load("s.txt", text, ReminderSchema());
    if (!letter.ok()) return letter.status().ToString();
    V data = ReminderData({});
    data.Set("has_penalties", V::Flag(penalties));
    return Rendered(letter->Render(data));
  };
  // Indented tags: the indentation goes with the line.
  constexpr std::string_view kIndented =
      "a\n  {{#has_penalties}}\n  P\n  {{/has_penalties}}\nb\n";
  EXPECT_EQ(render(kIndented, true), "a\n  P\nb\n");
  EXPECT_EQ(render(kIndented, false), "a\nb\n");
  // "\r\n" is a newline too.
  EXPECT_EQ(render("{{#has_penalties}}\r\nP\r\n{{/has_penalties}}\r\nb", true),
            "P\r\nb");
  // A blank line inside a section is the author's: kept.
  EXPECT_EQ(render("{{#has_penalties}}\n\nP\n{{/has_penalties}}\n", true),
            "\nP\n");
  // Two tags on a line, or a tag with text, are not standalone.
  EXPECT_EQ(render("  {{#has_penalties}}P{{/has_penalties}}\nb", true),
            "  P\nb");
  EXPECT_EQ(render("{{#has_penalties}}{{/has_penalties}}\nb", false), "\nb");
  EXPECT_EQ(render("x {{! note }}\nb", true), "x \nb");
  // A variable alone on its line is content, even when empty.
  EXPECT_EQ(render("{{total}}\nb", true), "300.00\nb");
  // A comment over several lines, and a last line without a newline.
  EXPECT_EQ(render("a\n{{! one\ntwo }}\nb\n  {{! end }}", true), "a\nb\n");
}

// HTML: every {{name}} escapes & < > " ' (kainjow's html_escape), the
// template's own text is kept, and {{{name}}} / {{& name}} are not escaped.
TEST(LetterTemplate, HtmlEscapesVariablesOnly) {
  absl::StatusOr<LetterTemplate> letter =
      LetterTemplate::Load("relance_1.html",
                           "<p>{{customer_name}} &amp; {{creditor.name}}</p>\n"
                           "<p>{{{customer_name}}}|{{& creditor.name}}</p>\n",
                           ReminderSchema());
  ASSERT_THAT(letter, IsOk());
  EXPECT_EQ(letter->format(), TemplateFormat::kHtml);
  EXPECT_EQ(Rendered(letter->Render(ReminderData({}))),
            ("<p>Dupont &amp; Fils &lt;SARL&gt; &amp; Relance "
             "&quot;SA&quot;</p>\n"
             "<p>Dupont & Fils <SARL>|Relance \"SA\"</p>\n"));
  absl::StatusOr<LetterTemplate> htm =
      LetterTemplate::Load("relance_1.htm", "{{status}}'s", ReminderSchema());
  ASSERT_THAT(htm, IsOk());
  V data = ReminderData({});
  data.Set("status", V::Text("it's"));
  EXPECT_EQ(Rendered(htm->Render(data)), ("it&apos;s's"));
}

TEST(LetterTemplate, TheExtensionSetsTheFormat) {
  const absl::Status status =
      LetterTemplate::Load("relance_1.pdf", "x", ReminderSchema()).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               StartsWith("relance_1.pdf: a template's name "
                                          "ends in .txt")));
  EXPECT_EQ(LocationOf(status).line, 0);
  EXPECT_EQ(LocationOf(status).template_name, "relance_1.pdf");
  // ".txt" alone is no name.
  EXPECT_THAT(LetterTemplate::Load(".txt", "x", ReminderSchema()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// The error of the brief: line 3, column 8 ("Total: " is 7 characters).
TEST(LetterTemplate, UnknownVariableNamesTemplateLineAndKnownNames) {
  const absl::Status status = LoadError(
      "Dear {{customer_name}},\n"
      "\n"
      "Total: {{invoice_totl}}\n");
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(StartsWith("relance_1.txt:3: unknown variable "
                                        "\"invoice_totl\""),
                             HasSubstr("(known here: customer_name, total, "
                                       "status, has_penalties, creditor, "
                                       "invoices)"))));
  const TemplateErrorLocation at = LocationOf(status);
  EXPECT_EQ(at.template_name, "relance_1.txt");
  EXPECT_EQ(at.line, 3);
  EXPECT_EQ(at.column, 8);
}

// A name two edits or fewer from a known one is suggested ("totl" is
// "total" less one letter); a name far from every known one is not.
TEST(LetterTemplate, UnknownNameSuggestsTheClosestKnownOne) {
  EXPECT_THAT(LoadError("{{totl}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown variable \"totl\" (did you mean "
                                 "\"total\"? known here: customer_name,")));
  EXPECT_THAT(LoadError("{{#invoicez}}{{/invoicez}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown section \"invoicez\" (did you mean "
                                 "\"invoices\"?")));
  EXPECT_THAT(LoadError("{{zzz}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown variable \"zzz\" (known here: ")));
}

// A schema of 20 names lists the first 16 and counts the other 4, so the
// message stays one readable line.
TEST(LetterTemplate, UnknownNameListsAtMostSixteenKnownNames) {
  std::vector<TemplateField> fields;
  for (int i = 0; i < 20; ++i) {
    fields.push_back(TemplateField::Text("field_" + std::to_string(i)));
  }
  const absl::Status status =
      LetterTemplate::Load("t.txt", "{{other}}",
                           TemplateSchema{.fields = std::move(fields)})
          .status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("field_14, field_15, and 4 more)")));
  EXPECT_THAT(status.message(), Not(HasSubstr("field_16")));
}

// Columns count characters, not bytes: "Réf. " is 5 characters (6 bytes).
TEST(LetterTemplate, ColumnsCountCharacters) {
  const absl::Status status = LoadError("x\nRéf. {{numbr}}");
  EXPECT_EQ(LocationOf(status).line, 2);
  EXPECT_EQ(LocationOf(status).column, 6);
}

TEST(LetterTemplate, UnknownSection) {
  EXPECT_THAT(LoadError("Dear {{customer_name}},\n"
                        "{{#invoicez}}\n"
                        "{{/invoicez}}\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:2: unknown section "
                                  "\"invoicez\"")));
  EXPECT_THAT(LoadError("a\nb\n{{^has_penalty}}{{/has_penalty}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:3: unknown section "
                                  "\"has_penalty\"")));
}

// kainjow reports the opening tag's byte offset; relance gives its line.
TEST(LetterTemplate, UnclosedSectionNamesTheOpeningLine) {
  const absl::Status status = LoadError(
      "Dear {{customer_name}},\n"
      "{{#invoices}}\n"
      "- {{number}}\n");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               StartsWith("relance_1.txt:2: section "
                                          "\"invoices\" is never closed")));
  EXPECT_EQ(LocationOf(status).line, 2);
  EXPECT_EQ(LocationOf(status).column, 1);
}

// A closing tag for another section: kainjow only says the section is
// unclosed; relance finds the closing tag that closed it and its line.
TEST(LetterTemplate, BadClosingTagNamesItsLineAndTheOpenSection) {
  const absl::Status status = LoadError(
      "Dear {{customer_name}},\n"
      "{{#invoices}}\n"
      "- {{number}}\n"
      "  {{/invoice}}\n");
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:4: closing tag \"invoice\" "
                                  "does not match section \"invoices\" "
                                  "opened at line 2")));
  EXPECT_EQ(LocationOf(status).column, 3);
  // Nested: {{/creditor}} closes the inner "invoices"; the outer section is
  // then unclosed, but the closing tag is the mistake to report.
  EXPECT_THAT(LoadError("{{#creditor}}\n"
                        "{{#invoices}}\n"
                        "{{/creditor}}\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:3: closing tag \"creditor\" "
                                  "does not match section \"invoices\" "
                                  "opened at line 2")));
  // The wrong tag closes the section and the right one then closes nothing
  // (kainjow: "Unopened section"); the wrong one is still reported.
  EXPECT_THAT(LoadError("{{#invoices}}\n"
                        "{{/invoice}}\n"
                        "{{/invoices}}\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:2: closing tag \"invoice\" "
                                  "does not match section \"invoices\" "
                                  "opened at line 1")));
}

TEST(LetterTemplate, OtherSyntaxErrorsHaveTheirLine) {
  EXPECT_THAT(LoadError("x\n\n{{/invoices}}\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:3: closing tag \"invoices\" "
                                  "closes no open section")));
  EXPECT_THAT(LoadError("Dear\n{{customer_name},\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:2: tag never closed")));
  EXPECT_THAT(LoadError("a\n{{=<%%>=}}\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:2: invalid set-delimiter "
                                  "tag")));
}

// Mustache's context stack: inside a list, the item's names, then the
// enclosing ones; the innermost name shadows (the item's "status" is a
// flag, the top-level one a text).
TEST(LetterTemplate, NestedNamesResolveAgainstTheSectionThenItsParents) {
  EXPECT_THAT(LoadError("{{#invoices}}{{number}} {{customer_name}} "
                        "{{creditor.name}}{{/invoices}}"),
              IsOk());
  // A list item's name is not visible outside the list.
  EXPECT_THAT(LoadError("{{#invoices}}{{number}}{{/invoices}}\n{{number}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:2: unknown variable "
                                  "\"number\"")));
  // Inside the list, "status" is the item's flag.
  EXPECT_THAT(LoadError("{{status}}\n{{#invoices}}\n{{status}}\n"
                        "{{/invoices}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:3: \"status\" is a flag, "
                                  "not a variable")));
  // Inside an object, its fields first, then the top level; the known
  // names listed start with the innermost.
  EXPECT_THAT(LoadError("{{#creditor}}{{iban}}{{total}}{{number}}"
                        "{{/creditor}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown variable \"number\" (known here: "
                                 "name, iban, customer_name,")));
  // A flag section and an inverted section add no names: the list's item
  // names are not visible in {{^invoices}}.
  EXPECT_THAT(LoadError("{{#has_penalties}}{{total}}{{/has_penalties}}"),
              IsOk());
  EXPECT_THAT(LoadError("{{^invoices}}{{number}}{{/invoices}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:1: unknown variable "
                                  "\"number\"")));
  // Three levels: a list inside a list sees all three scopes.
  const TemplateSchema nested{
      .fields = {F::Text("top"),
                 F::List("outer", {F::Text("mid"),
                                   F::List("inner", {F::Text("leaf")})})}};
  EXPECT_THAT(LetterTemplate::Load(
                  "n.txt",
                  "{{#outer}}{{#inner}}{{leaf}}{{mid}}{{top}}{{/inner}}"
                  "{{/outer}}",
                  nested),
              IsOk());
  EXPECT_THAT(
      LetterTemplate::Load("n.txt", "{{#outer}}\n{{leaf}}{{/outer}}", nested)
          .status(),
      StatusIs(absl::StatusCode::kInvalidArgument,
               StartsWith("n.txt:2: unknown variable \"leaf\"")));
}

// Dotted names go through objects only, as kainjow resolves them.
TEST(LetterTemplate, DottedNamesGoThroughObjects) {
  EXPECT_THAT(LoadError("{{creditor.name}} {{#invoices}}{{creditor.iban}}"
                        "{{/invoices}}"),
              IsOk());
  EXPECT_THAT(LoadError("{{creditor.nme}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:1: unknown variable "
                                  "\"creditor.nme\"")));
  EXPECT_THAT(LoadError("{{invoices.number}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("unknown variable \"invoices.number\"")));
}

TEST(LetterTemplate, NamesOfTheWrongKind) {
  EXPECT_THAT(LoadError("\n{{invoices}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:2: \"invoices\" is a list, "
                                  "not a variable: use it as a section "
                                  "({{#invoices}}...{{/invoices}})")));
  EXPECT_THAT(LoadError("{{creditor}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("\"creditor\" is an object, not a variable")));
  EXPECT_THAT(LoadError("{{#total}}x{{/total}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("\"total\" is a text, not a section")));
  EXPECT_THAT(LoadError("{{^creditor}}x{{/creditor}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("\"creditor\" is an object, which is always "
                                 "present")));
}

TEST(LetterTemplate, PartialsAndTheImplicitIteratorAreRefused) {
  EXPECT_THAT(LoadError("a\n{{> footer}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:2: partial \"footer\": "
                                  "templates have no partials")));
  EXPECT_THAT(LoadError("{{#invoices}}{{.}}{{/invoices}}"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("implicit iterator {{.}}")));
}

// Set-delimiter tags are kainjow's to read: the check sees the same tags
// with their lines.
TEST(LetterTemplate, SetDelimiterTagsAreFollowed) {
  constexpr std::string_view kText =
      "{{=<% %>=}}\n"
      "Dear <%customer_name%>, {{not a tag}}\n";
  absl::StatusOr<LetterTemplate> letter =
      LetterTemplate::Load("relance_1.txt", kText, ReminderSchema());
  ASSERT_THAT(letter, IsOk());
  EXPECT_EQ(Rendered(letter->Render(ReminderData({}))),
            ("Dear Dupont & Fils <SARL>, {{not a tag}}\n"));
  EXPECT_THAT(LoadError("{{=<% %>=}}\n\n<%totl%>"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("relance_1.txt:3: unknown variable "
                                  "\"totl\"")));
}

TEST(LetterTemplate, SchemaIsValidated) {
  const auto load = [](TemplateSchema schema) {
    return LetterTemplate::Load("s.txt", "x", std::move(schema)).status();
  };
  EXPECT_THAT(load({.fields = {F::Text("a"), F::Flag("a")}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       StartsWith("s.txt: template schema: a: duplicate "
                                  "name")));
  EXPECT_THAT(
      load({.fields = {F::List("invoices", {F::Text("invoice.total")})}}),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("template schema: invoices.\"invoice.total\": "
                         "a name is one or more ASCII letters")));
  EXPECT_THAT(load({.fields = {F::Text("")}}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(load({.fields = {{.name = "total",
                                .kind = TemplateKind::kText,
                                .fields = {F::Text("x")}}}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("total: a text has no fields")));
  EXPECT_THAT(TemplateSchema{ReminderSchema()}.Validate(), IsOk());
}

TEST(LetterTemplate, RenderChecksTheDataAgainstTheSchema) {
  absl::StatusOr<LetterTemplate> letter =
      LetterTemplate::Load("relance_1.txt", "{{total}}", ReminderSchema());
  ASSERT_THAT(letter, IsOk());
  V missing = ReminderData(
      {Invoice("F-1", "1", false), Invoice("F-2", "2", false),
       V::Object({{"number", V::Text("F-3")}, {"status", V::Flag(false)}})});
  EXPECT_THAT(letter->Render(missing),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "relance_1.txt: data: invoices[2].amount: missing "
                       "(a text)"));
  V wrong_kind = ReminderData({});
  wrong_kind.Set("total", V::Flag(true));
  EXPECT_THAT(letter->Render(wrong_kind),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "relance_1.txt: data: total: a flag, expected a text"));
  V extra = ReminderData({});
  extra.Set("totl", V::Text("1"));
  EXPECT_THAT(letter->Render(extra),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "relance_1.txt: data: totl: not in the schema"));
  V nested_extra = ReminderData({});
  nested_extra.Set("creditor", V::Object({{"name", V::Text("n")},
                                          {"iban", V::Text("i")},
                                          {"bic", V::Text("b")}}));
  EXPECT_THAT(letter->Render(nested_extra),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("data: creditor.bic: not in the schema")));
  V text_item = ReminderData({V::Text("F-1")});
  EXPECT_THAT(letter->Render(text_item),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("data: invoices[0]: a text, expected an "
                                 "object")));
  EXPECT_THAT(letter->Render(V::Text("x")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("data: a text, expected an object")));
}

TEST(TemplateValue, ObjectsKeepOneValuePerName) {
  V object = V::Object({{"a", V::Text("1")}, {"a", V::Text("2")}});
  ASSERT_EQ(object.fields().size(), 1u);
  EXPECT_EQ(object.Find("a")->text(), "2");
  object.Set("b", V::Flag(true)).Set("a", V::Text("3"));
  EXPECT_EQ(object.Find("a")->text(), "3");
  EXPECT_TRUE(object.Find("b")->flag());
  EXPECT_EQ(object.Find("c"), nullptr);
  EXPECT_EQ(V::Text("x").Find("a"), nullptr);
  EXPECT_EQ(V().kind(), TemplateKind::kObject);
}

// The location survives a caller's prefix (payloads are kept).
TEST(TemplateErrorLocationOf, SurvivesAPrefixAndIsAbsentElsewhere) {
  const absl::Status status = LoadError("\n\n{{x}}", "letters/fr 1.txt");
  absl::Status prefixed(status.code(),
                        absl::StrCat("loading: ", status.message()));
  status.ForEachPayload(
      [&prefixed](absl::string_view url, const absl::Cord& payload) {
        prefixed.SetPayload(url, payload);
      });
  const std::optional<TemplateErrorLocation> at =
      TemplateErrorLocationOf(prefixed);
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->template_name, "letters/fr 1.txt");
  EXPECT_EQ(at->line, 3);
  EXPECT_EQ(at->column, 1);
  EXPECT_EQ(TemplateErrorLocationOf(absl::InvalidArgumentError("x")),
            std::nullopt);
  EXPECT_EQ(TemplateErrorLocationOf(absl::OkStatus()), std::nullopt);
}

}  // namespace
}  // namespace relance
