// relance/letter_template.hpp
// -----------------------------------------------------------------------------
// Mustache templates for letters, checked when they are loaded.
//
// A letter is rendered from a Mustache template (https://mustache.github.io,
// through kainjow-mustache 4.1) and data. relance refuses to find a mistake
// in a template the day a letter is sent: `LetterTemplate::Load` parses the
// template and checks every tag against a `TemplateSchema`, the names the
// caller promises to provide, so that a typo, an unclosed section or a
// section that closes another is an error naming the template and the line:
//
//   relance_1.txt:12: unknown variable "invoice_totl" (known here: ...)
//
// The schema is a tree, as the data is:
//   - a text (`TemplateKind::kText`) is written by `{{name}}`;
//   - a flag (kFlag) is a boolean, used only as a section:
//     `{{#has_penalties}}...{{/has_penalties}}` renders when true,
//     `{{^has_penalties}}...{{/has_penalties}}` when false;
//   - a list (kList) is a section rendered once per item:
//     `{{#invoices}}{{number}}{{/invoices}}`; each item is an object with
//     the list's own fields; `{{^invoices}}...{{/invoices}}` renders when the
//     list is empty;
//   - an object (kObject) is a section rendered once with its own fields:
//     `{{#creditor}}{{name}}{{/creditor}}`, or reached by a dotted name:
//     `{{creditor.name}}`. An object is always present, so an inverted
//     section of an object is refused.
// Inside a section, a name resolves as Mustache's context stack does: first
// among the section's own fields, then among the enclosing sections', out to
// the top level (`{{#invoices}}{{customer_name}}{{/invoices}}` finds the
// top-level `customer_name`). A dotted name `a.b` resolves its first part so,
// then each further part among the fields of the object before it. Inside a
// flag section or an inverted section only the enclosing names are visible.
//
// Also refused: partials (`{{> name}}`; relance gives templates no partials
// yet), the implicit iterator `{{.}}` (lists hold objects: name the field),
// a text used as a section, and a flag, list or object written as a
// variable. Comments (`{{! ...}}`), unescaped variables (`{{{name}}}`,
// `{{& name}}`) and set-delimiter tags (`{{=<% %>=}}`) are Mustache and
// allowed.
//
// The format follows the template's name: ".txt" renders plain text as
// written; ".html" (or ".htm") escapes & < > " ' in every `{{name}}` (not in
// `{{{name}}}`, which is for text the host already made HTML).
//
// Rendering takes a `TemplateValue`, relance's own data tree (so that the
// public API does not expose kainjow's types); relance renders kainjow's
// parse tree itself, with the Mustache spec's standalone lines (see Render),
// which kainjow 4.1's renderer does not fully apply. The data must match the
// schema exactly: every field present with its kind, no other name. A
// missing amount would otherwise render as nothing, silently, in a letter.
//
// A `LetterTemplate` is a small value handle over immutable shared state:
// cheap to copy, copies sharing, safe to render from several threads at
// once.
//
// Example:
//
//   TemplateSchema schema{.fields = {
//       TemplateField::Text("customer_name"),
//       TemplateField::List("invoices", {TemplateField::Text("number"),
//                                        TemplateField::Text("amount")})}};
//   absl::StatusOr<LetterTemplate> letter = LetterTemplate::Load(
//       "relance_1.txt",
//       "Dear {{customer_name}},\n"
//       "{{#invoices}}\n"
//       "- invoice {{number}}: {{amount}}\n"
//       "{{/invoices}}\n",
//       schema);
//   TemplateValue data = TemplateValue::Object({
//       {"customer_name", TemplateValue::Text("ACME Ltd")},
//       {"invoices", TemplateValue::List({TemplateValue::Object({
//            {"number", TemplateValue::Text("F-2026-001")},
//            {"amount", TemplateValue::Text("£1,234.56")}})})}});
//   letter->Render(data);
//   // "Dear ACME Ltd,\n- invoice F-2026-001: £1,234.56\n"
#ifndef RELANCE_LETTER_TEMPLATE_HPP_
#define RELANCE_LETTER_TEMPLATE_HPP_

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "relance/export.hpp"

namespace relance {

// What a name stands for, in a schema and in data.
enum class TemplateKind {
  kText,    // a string, written by {{name}}
  kFlag,    // a boolean, a section only
  kList,    // a list of objects, a section rendered per item
  kObject,  // one object with named fields, a section or a dotted prefix
};

// "text", "flag", "list", "object".
[[nodiscard]] RELANCE_API std::string_view TemplateKindName(TemplateKind kind);
RELANCE_API std::ostream& operator<<(std::ostream& os, TemplateKind kind);

// One name a template may use. `fields` are the fields of a list's items or
// of an object; a text or a flag has none.
struct TemplateField {
  std::string name;
  TemplateKind kind = TemplateKind::kText;
  std::vector<TemplateField> fields;

  static TemplateField Text(std::string name) {
    return {.name = std::move(name), .kind = TemplateKind::kText, .fields = {}};
  }
  static TemplateField Flag(std::string name) {
    return {.name = std::move(name), .kind = TemplateKind::kFlag, .fields = {}};
  }
  static TemplateField List(std::string name,
                            std::vector<TemplateField> fields) {
    return {.name = std::move(name),
            .kind = TemplateKind::kList,
            .fields = std::move(fields)};
  }
  static TemplateField Object(std::string name,
                              std::vector<TemplateField> fields) {
    return {.name = std::move(name),
            .kind = TemplateKind::kObject,
            .fields = std::move(fields)};
  }
};

// The names a template may use: the top-level fields.
struct RELANCE_API TemplateSchema {
  std::vector<TemplateField> fields;

  // Errors: kInvalidArgument naming the field by its dotted path
  // (`template schema: invoices.amount: ...`) when a name is empty or has a
  // character other than ASCII letters, digits and '_' (a '.' would be read
  // as a path), when two fields of one level share a name, and when a text
  // or a flag has fields.
  [[nodiscard]] absl::Status Validate() const;
};

// Data for a template: a text, a flag, a list of objects or an object (a
// list of named values; names are unique, in insertion order). A
// default-constructed value is an empty object.
class RELANCE_API TemplateValue {
 public:
  TemplateValue() = default;

  static TemplateValue Text(std::string text);
  static TemplateValue Flag(bool flag);
  // Items are expected to be objects; Render checks it against the schema.
  static TemplateValue List(std::vector<TemplateValue> items);
  // An object with these fields; a name given twice keeps the last value.
  static TemplateValue Object(
      std::vector<std::pair<std::string, TemplateValue>> fields);

  TemplateKind kind() const { return kind_; }
  // The text of a kText value ("" for other kinds).
  const std::string& text() const { return text_; }
  // The flag of a kFlag value (false for other kinds).
  bool flag() const { return flag_; }
  // The items of a kList value (empty for other kinds).
  const std::vector<TemplateValue>& items() const { return items_; }
  // The fields of a kObject value, in insertion order (empty for others).
  const std::vector<std::pair<std::string, TemplateValue>>& fields() const {
    return fields_;
  }
  // The field `name` of an object; nullptr when absent or not an object.
  const TemplateValue* Find(std::string_view name) const;
  // Sets the field `name` of an object (replacing a previous value) and
  // returns *this. Precondition: kind() == kObject (debug builds assert;
  // otherwise the value becomes an object with only that field).
  TemplateValue& Set(std::string name, TemplateValue value);

 private:
  TemplateKind kind_ = TemplateKind::kObject;
  bool flag_ = false;
  std::string text_;
  std::vector<TemplateValue> items_;
  std::vector<std::pair<std::string, TemplateValue>> fields_;
};

// How a template's output is escaped; set by its name's extension.
enum class TemplateFormat {
  kText,  // ".txt": written as is
  kHtml,  // ".html", ".htm": {{name}} escapes & < > " '
};

namespace internal {
struct CompiledLetterTemplate;  // src/letter_template.cpp
}  // namespace internal

class RELANCE_API LetterTemplate {
 public:
  // Parses and checks the template `text` called `name` (a file name such as
  // "relance_1.txt" or "fr/relance_1.html"; its extension sets the format)
  // against `schema`.
  // Errors, all kInvalidArgument, each message starting with
  // `<name>:<line>: ` (lines count '\n' from 1) and locatable with
  // TemplateErrorLocationOf:
  //   - a name whose extension is not .txt, .html or .htm (no line: the
  //     message starts `<name>: `);
  //   - the schema is invalid (TemplateSchema::Validate; no line);
  //   - Mustache syntax: a tag never closed (`{{name`), a section never
  //     closed (line of its opening tag), a closing tag for another section
  //     (`{{/invoice}}` closing "invoices": line of the closing tag), a
  //     closing tag with no open section, a bad set-delimiter tag;
  //   - a name unknown where it is used: `unknown variable "invoice_totl"`,
  //     `unknown section "invoicez"`, with the names known there;
  //   - a name of the wrong kind: a text as a section, a flag, list or
  //     object as a variable, an inverted section of an object;
  //   - a partial (`{{> footer}}`) or the implicit iterator `{{.}}`.
  // The first error in the text is reported.
  [[nodiscard]] static absl::StatusOr<LetterTemplate> Load(
      std::string_view name, std::string_view text, TemplateSchema schema);

  // The name given to Load.
  const std::string& name() const;
  TemplateFormat format() const;
  const TemplateSchema& schema() const;

  // Renders the template with `data`, an object matching the schema.
  // As the Mustache spec says, a line holding only one section, inverted
  // section, closing, comment or set-delimiter tag, and spaces or tabs, is
  // removed (a "standalone line"), whether the section renders or not; every
  // other character of the template is written as it is.
  // Errors: kInvalidArgument naming the path of the first mismatch
  // (`relance_1.txt: data: invoices[2].amount: missing (a text)`, `...: data:
  // total: a flag, expected a text`, `...: data: totl: not in the schema`).
  [[nodiscard]] absl::StatusOr<std::string> Render(
      const TemplateValue& data) const;

 private:
  explicit LetterTemplate(
      std::shared_ptr<const internal::CompiledLetterTemplate> compiled)
      : compiled_(std::move(compiled)) {}
  std::shared_ptr<const internal::CompiledLetterTemplate> compiled_;
};

// Where a template error is: what LetterTemplate::Load's message says, kept
// in structured form (for the C ABI and the command line).
struct TemplateErrorLocation {
  std::string template_name;
  // 1-based; 0 when the error is about the whole template (its name, its
  // schema).
  int line = 0;
  // 1-based, in characters (UTF-8 code points) of that line; 0 with line 0.
  int column = 0;
};
// The location carried by `status`, if it is an error of
// LetterTemplate::Load (also after a caller prefixed the message, as long as
// it kept the payloads).
[[nodiscard]] RELANCE_API std::optional<TemplateErrorLocation>
TemplateErrorLocationOf(const absl::Status& status);

}  // namespace relance

#endif  // RELANCE_LETTER_TEMPLATE_HPP_
