// Fuzzes LetterTemplate::Load (a host's template, checked against a schema
// when loaded) and Render. The first byte chooses the format (.txt or
// .html); the rest is the template's text.
// Properties:
//   - a refused template has a message starting with its name and a
//     location (TemplateErrorLocationOf) naming it, at a line of the text;
//   - a loaded template renders data that matches its schema, always, and
//     the same way twice;
//   - text without a tag renders as itself;
//   - in HTML, data is escaped: without triple braces, `&`, a
//     set-delimiter tag or a space after `{{`, the data's "<SARL>" never
//     reaches the output raw.
#include <algorithm>
#include <string>

#include "fuzz_check.hpp"
#include "relance/letter_template.hpp"

namespace {

using relance::TemplateField;
using relance::TemplateValue;

relance::TemplateSchema Schema() {
  return {
      .fields = {
          TemplateField::Text("customer"), TemplateField::Text("amount"),
          TemplateField::Flag("late"),
          TemplateField::List("invoices", {TemplateField::Text("number"),
                                           TemplateField::Text("amount"),
                                           TemplateField::Flag("disputed")}),
          TemplateField::Object("creditor", {TemplateField::Text("name"),
                                             TemplateField::Text("iban")})}};
}

TemplateValue Invoice(std::string number, std::string amount, bool disputed) {
  return TemplateValue::Object({{"number", TemplateValue::Text(number)},
                                {"amount", TemplateValue::Text(amount)},
                                {"disputed", TemplateValue::Flag(disputed)}});
}

// Data matching Schema(), with characters HTML must escape.
TemplateValue Data() {
  return TemplateValue::Object(
      {{"customer", TemplateValue::Text("A&B <SARL> \"x\" 'y'")},
       {"amount", TemplateValue::Text("1 234,56 €")},
       {"late", TemplateValue::Flag(true)},
       {"invoices", TemplateValue::List({Invoice("F-1", "<SARL>", false),
                                         Invoice("F-2", "12,00 €", true)})},
       {"creditor",
        TemplateValue::Object(
            {{"name", TemplateValue::Text("Créancier <SARL>")},
             {"iban",
              TemplateValue::Text("FR76 3000 6000 0112 3456 7890 189")}})}});
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool html = (data[0] & 1) != 0;
  const std::string name = html ? "fuzz.html" : "fuzz.txt";
  const std::string_view text = relance::fuzz::AsText(data + 1, size - 1);
  absl::StatusOr<relance::LetterTemplate> loaded =
      relance::LetterTemplate::Load(name, text, Schema());
  if (!loaded.ok()) {
    const std::string message(loaded.status().message());
    RELANCE_FUZZ_CHECK(message.starts_with(name + ":"));
    const std::optional<relance::TemplateErrorLocation> where =
        relance::TemplateErrorLocationOf(loaded.status());
    RELANCE_FUZZ_CHECK(where.has_value());
    RELANCE_FUZZ_CHECK(where->template_name == name);
    const int lines =
        1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    RELANCE_FUZZ_CHECK(where->line >= 0 && where->line <= lines);
    RELANCE_FUZZ_CHECK((where->line == 0) == (where->column == 0));
    return 0;
  }
  const TemplateValue values = Data();
  absl::StatusOr<std::string> rendered = loaded->Render(values);
  RELANCE_FUZZ_CHECK(rendered.ok());
  absl::StatusOr<std::string> again = loaded->Render(values);
  RELANCE_FUZZ_CHECK(again.ok() && *again == *rendered);
  if (!Contains(text, "{{")) RELANCE_FUZZ_CHECK(*rendered == text);
  if (html && !Contains(text, "{{{") && !Contains(text, "{{ ") &&
      !Contains(text, "&") && !Contains(text, "=") && !Contains(text, "SARL")) {
    RELANCE_FUZZ_CHECK(!Contains(*rendered, "<SARL>"));
  }
  return 0;
}
