#include "relance/letter_template.hpp"

// How templates are checked and rendered (docs/decisions.md, "Letters"):
//
// kainjow-mustache 4.1 gives its users `basic_mustache` (parse, is_valid,
// error_message, render) and keeps the parsed template private. Its parser,
// though, is a class of its own in the same public namespace:
// `kainjow::mustache::parser<std::string>` fills a tree of
// `component<std::string>`, each holding its text or its tag (type, name)
// and its byte `position` in the input, sections holding their contents as
// children. relance runs that parser itself and walks the tree:
//   - to check: the tree is kainjow's reading of the tags (set-delimiter
//     tags, triple mustaches, whitespace inside tags), so the check and the
//     output can never disagree on what is a tag; positions come with every
//     tag, so every error has a line;
//   - to render: kainjow 4.1's renderer does not remove the spec's
//     standalone lines around sections that render nothing, comments and
//     set-delimiter tags (blank lines would depend on the data), so relance
//     removes them from the text (StripStandaloneLines, with a tag scanner
//     that follows kainjow's parser step by step), parses the result with
//     kainjow and renders that tree itself (RenderComponents).
// kainjow's own syntax errors ("Unclosed section \"a\" at 12") carry a byte
// offset too; relance turns it into a line and, where kainjow reports an
// unclosed section that another section's closing tag actually closed
// (`{{#invoices}}...{{/invoice}}`), finds that closing tag in the tree and
// names it. The parser is not in kainjow's README; it is pinned by the
// Debian package (4.1) and every behaviour relied on here is tested in
// tests/letter_template_test.cpp, so a new kainjow that changes it fails
// there first.

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "kainjow/mustache.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {

namespace mustache = kainjow::mustache;
using Component = mustache::component<std::string>;
using TagType = mustache::tag_type;

namespace internal {
struct CompiledLetterTemplate {
  std::string name;
  TemplateFormat format = TemplateFormat::kText;
  TemplateSchema schema;
  // kainjow's tree of the template with its standalone lines removed
  // (StripStandaloneLines); read only, so renders may share it.
  Component root;
};
}  // namespace internal

namespace {

constexpr char kLocationUrl[] = "type.relance/template-error-location";

std::string Quoted(std::string_view text) {
  return internal::QuoteForMessage(text);
}

// --- Positions and errors ----------------------------------------------------

struct LineColumn {
  int line = 0;
  int column = 0;
};

// The 1-based line ('\n' ends a line) and column (UTF-8 code points) of the
// byte `offset` of `text`.
LineColumn LineColumnAt(std::string_view text, size_t offset) {
  if (offset > text.size()) offset = text.size();
  LineColumn at{.line = 1, .column = 1};
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++at.line;
      line_start = i + 1;
    }
  }
  for (size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++at.column;
  }
  return at;
}

// `<name>:<line>: <message>` (or `<name>: <message>` for line 0), with the
// location as a payload.
absl::Status TemplateError(std::string_view name, LineColumn at,
                           std::string_view message) {
  absl::Status status = absl::InvalidArgumentError(
      at.line > 0
          ? absl::StrCat(std::string(name), ":", at.line, ": ",
                         std::string(message))
          : absl::StrCat(std::string(name), ": ", std::string(message)));
  status.SetPayload(kLocationUrl,
                    absl::Cord(absl::StrCat(at.line, " ", at.column, " ",
                                            std::string(name))));
  return status;
}

// --- Schema
// --------------------------------------------------------------------

bool IsValidName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

absl::Status ValidateFields(const std::vector<TemplateField>& fields,
                            const std::string& prefix) {
  for (size_t i = 0; i < fields.size(); ++i) {
    const TemplateField& field = fields[i];
    const std::string path = prefix + field.name;
    if (!IsValidName(field.name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("template schema: ", prefix, Quoted(field.name),
                       ": a name is one or more ASCII letters, digits or '_'"));
    }
    for (size_t j = 0; j < i; ++j) {
      if (fields[j].name == field.name) {
        return absl::InvalidArgumentError(
            absl::StrCat("template schema: ", path, ": duplicate name"));
      }
    }
    const bool has_fields = field.kind == TemplateKind::kList ||
                            field.kind == TemplateKind::kObject;
    if (!has_fields && !field.fields.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "template schema: ", path, ": a ",
          std::string(TemplateKindName(field.kind)), " has no fields"));
    }
    RELANCE_RETURN_IF_ERROR(ValidateFields(field.fields, path + "."));
  }
  return absl::OkStatus();
}

const TemplateField* FindField(const std::vector<TemplateField>& fields,
                               std::string_view name) {
  for (const TemplateField& field : fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

// --- The check of a parsed template
// --------------------------------------------

// The names visible at a point of the template, innermost last; nullptr for
// a flag section or an inverted section, which add no names.
using Scopes = std::vector<const std::vector<TemplateField>*>;

std::vector<std::string_view> SplitDots(std::string_view name) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t dot = name.find('.', start);
    parts.push_back(name.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

// As kainjow's context::get: the innermost scope in which the whole name
// resolves; a dotted name's later parts go through objects only.
const TemplateField* Resolve(const Scopes& scopes, std::string_view name) {
  const std::vector<std::string_view> parts = SplitDots(name);
  for (auto scope = scopes.rbegin(); scope != scopes.rend(); ++scope) {
    if (*scope == nullptr) continue;
    const TemplateField* field = FindField(**scope, parts[0]);
    for (size_t i = 1; field != nullptr && i < parts.size(); ++i) {
      field = field->kind == TemplateKind::kObject
                  ? FindField(field->fields, parts[i])
                  : nullptr;
    }
    if (field != nullptr) return field;
  }
  return nullptr;
}

// The number of single-character edits (insertions, deletions,
// substitutions) from `a` to `b` (Levenshtein), for suggesting a name.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// At most this many names are listed after an unknown one: a message stays
// one readable line (the schema lists them all).
constexpr size_t kNamesListed = 16;

// `did you mean "invoice_count"? ` for the closest name within two edits,
// then "(known here: a, b, c)", innermost names first, each once, at most
// kNamesListed of them ("..., and 31 more").
std::string KnownNames(const Scopes& scopes, std::string_view unknown) {
  std::vector<std::string_view> names;
  for (auto scope = scopes.rbegin(); scope != scopes.rend(); ++scope) {
    if (*scope == nullptr) continue;
    for (const TemplateField& field : **scope) {
      bool seen = false;
      for (std::string_view name : names) seen = seen || name == field.name;
      if (!seen) names.push_back(field.name);
    }
  }
  if (names.empty()) return "(no names are known here)";
  std::string out;
  std::string_view closest;
  size_t closest_distance = 3;
  for (std::string_view name : names) {
    const size_t distance = EditDistance(unknown, name);
    if (distance < closest_distance) {
      closest = name;
      closest_distance = distance;
    }
  }
  if (!closest.empty()) {
    out = absl::StrCat("(did you mean ", Quoted(closest), "? known here: ");
  } else {
    out = "(known here: ";
  }
  for (size_t i = 0; i < names.size() && i < kNamesListed; ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  if (names.size() > kNamesListed) {
    absl::StrAppend(&out, ", and ", names.size() - kNamesListed, " more");
  }
  out += ")";
  return out;
}

class Checker {
 public:
  Checker(std::string_view name, std::string_view text)
      : name_(name), text_(text) {}

  absl::Status Check(const std::vector<Component>& components,
                     Scopes& scopes) const {
    for (const Component& component : components) {
      RELANCE_RETURN_IF_ERROR(CheckOne(component, scopes));
    }
    return absl::OkStatus();
  }

 private:
  absl::Status ErrorAt(const Component& component,
                       std::string_view message) const {
    return TemplateError(name_, LineColumnAt(text_, component.position),
                         message);
  }

  absl::Status CheckOne(const Component& component, Scopes& scopes) const {
    const std::string& tag = component.tag.name;
    switch (component.tag.type) {
      case TagType::text:
      case TagType::comment:
      case TagType::set_delimiter:
      case TagType::section_end:  // removed by the parser once matched
        return absl::OkStatus();
      case TagType::partial:
        return ErrorAt(component, absl::StrCat("partial ", Quoted(tag),
                                               ": templates have no partials"));
      case TagType::variable:
      case TagType::unescaped_variable:
        return CheckVariable(component, scopes);
      case TagType::section_begin:
      case TagType::section_begin_inverted:
        break;
    }
    const bool inverted = component.tag.type == TagType::section_begin_inverted;
    if (tag == ".") {
      return ErrorAt(component,
                     "the implicit iterator {{.}} is not supported: lists "
                     "hold objects, name the field");
    }
    const TemplateField* field = Resolve(scopes, tag);
    if (field == nullptr) {
      return ErrorAt(component, absl::StrCat("unknown section ", Quoted(tag),
                                             " ", KnownNames(scopes, tag)));
    }
    if (field->kind == TemplateKind::kText) {
      return ErrorAt(component,
                     absl::StrCat(Quoted(tag),
                                  " is a text, not a section (a section is a "
                                  "flag, a list or an object)"));
    }
    if (inverted && field->kind == TemplateKind::kObject) {
      return ErrorAt(component,
                     absl::StrCat(Quoted(tag),
                                  " is an object, which is always present: "
                                  "an inverted section of it never renders"));
    }
    const bool adds_names = !inverted && (field->kind == TemplateKind::kList ||
                                          field->kind == TemplateKind::kObject);
    scopes.push_back(adds_names ? &field->fields : nullptr);
    absl::Status status = Check(component.children, scopes);
    scopes.pop_back();
    return status;
  }

  absl::Status CheckVariable(const Component& component,
                             const Scopes& scopes) const {
    const std::string& tag = component.tag.name;
    if (tag == ".") {
      return ErrorAt(component,
                     "the implicit iterator {{.}} is not supported: lists "
                     "hold objects, name the field");
    }
    const TemplateField* field = Resolve(scopes, tag);
    if (field == nullptr) {
      return ErrorAt(component, absl::StrCat("unknown variable ", Quoted(tag),
                                             " ", KnownNames(scopes, tag)));
    }
    switch (field->kind) {
      case TemplateKind::kText:
        return absl::OkStatus();
      case TemplateKind::kFlag:
      case TemplateKind::kList:
        return ErrorAt(
            component,
            absl::StrCat(Quoted(tag), " is a ",
                         std::string(TemplateKindName(field->kind)),
                         ", not a variable: use it as a section ({{#", tag,
                         "}}...{{/", tag, "}})"));
      case TemplateKind::kObject:
        return ErrorAt(component,
                       absl::StrCat(Quoted(tag),
                                    " is an object, not a variable: write one "
                                    "of its fields ({{",
                                    tag, ".<field>}}) or a section"));
    }
    return absl::OkStatus();
  }

  std::string_view name_;
  std::string_view text_;
};

// --- kainjow's syntax errors
// ---------------------------------------------------

// A section whose contents end with the closing tag of another section: the
// parser closed the innermost open section with whatever closing tag came.
struct Mismatch {
  size_t open_position = 0;
  size_t close_position = std::numeric_limits<size_t>::max();
  std::string open_name;
  std::string close_name;
};

// The mismatch whose closing tag comes first, if any. After a failed parse
// the sections kainjow checked before failing have lost their (matching)
// closing tag; the others still hold theirs as their last child.
void FindMismatch(const std::vector<Component>& components, Mismatch& first) {
  for (const Component& component : components) {
    if (!component.tag.is_section_begin()) continue;
    if (!component.children.empty()) {
      const Component& last = component.children.back();
      if (last.tag.is_section_end() && last.tag.name != component.tag.name &&
          last.position < first.close_position) {
        first = {.open_position = component.position,
                 .close_position = last.position,
                 .open_name = component.tag.name,
                 .close_name = last.tag.name};
      }
    }
    FindMismatch(component.children, first);
  }
}

// kainjow 4.1 reports "<what> at <byte offset>", e.g. `Unclosed section "a"
// at 12`, `Unopened section "b" at 40`, `Unclosed tag at 7`, `Invalid set
// delimiter tag at 3`.
absl::Status SyntaxError(std::string_view name, std::string_view text,
                         const std::string& error, const Component& root) {
  size_t offset = 0;
  const size_t at = error.rfind(" at ");
  const bool has_offset =
      at != std::string::npos &&
      absl::SimpleAtoi(std::string(error.substr(at + 4)), &offset);
  const std::string what = has_offset ? error.substr(0, at) : error;

  Mismatch mismatch;
  FindMismatch(root.children, mismatch);
  const bool unclosed_section = what.rfind("Unclosed section", 0) == 0;
  if (mismatch.close_position != std::numeric_limits<size_t>::max() &&
      (unclosed_section || mismatch.close_position < offset)) {
    return TemplateError(
        name, LineColumnAt(text, mismatch.close_position),
        absl::StrCat("closing tag ", Quoted(mismatch.close_name),
                     " does not match section ", Quoted(mismatch.open_name),
                     " opened at line ",
                     LineColumnAt(text, mismatch.open_position).line));
  }
  if (!has_offset) {
    return TemplateError(name, {}, absl::StrCat("Mustache syntax: ", error));
  }
  // The name kainjow quotes: between the first '"' and the last.
  std::string quoted_name;
  const size_t open_quote = what.find('"');
  const size_t close_quote = what.rfind('"');
  if (open_quote != std::string::npos && close_quote > open_quote) {
    quoted_name = what.substr(open_quote + 1, close_quote - open_quote - 1);
  }
  std::string message;
  if (unclosed_section) {
    message = absl::StrCat("section ", Quoted(quoted_name),
                           " is never closed (no {{/", quoted_name, "}})");
  } else if (what.rfind("Unopened section", 0) == 0) {
    message = absl::StrCat("closing tag ", Quoted(quoted_name),
                           " closes no open section");
  } else if (what.rfind("Unclosed tag", 0) == 0) {
    message = "tag never closed (\"{{\" without its \"}}\")";
  } else if (what.rfind("Invalid set delimiter tag", 0) == 0) {
    message = "invalid set-delimiter tag (expected {{=<open> <close>=}})";
  } else {
    message = absl::StrCat("Mustache syntax: ", what);
  }
  return TemplateError(name, LineColumnAt(text, offset), message);
}

absl::StatusOr<TemplateFormat> FormatOf(std::string_view name) {
  const auto ends_with = [name](std::string_view suffix) {
    return name.size() > suffix.size() &&
           name.substr(name.size() - suffix.size()) == suffix;
  };
  if (ends_with(".txt")) return TemplateFormat::kText;
  if (ends_with(".html") || ends_with(".htm")) return TemplateFormat::kHtml;
  return TemplateError(name, {},
                       "a template's name ends in .txt (plain text) or "
                       ".html/.htm (HTML, escaped)");
}

// --- Data
// ------------------------------------------------------------------------

std::string KindWithArticle(TemplateKind kind) {
  return absl::StrCat(kind == TemplateKind::kObject ? "an " : "a ",
                      std::string(TemplateKindName(kind)));
}

absl::Status CheckData(const std::vector<TemplateField>& fields,
                       const TemplateValue& object, const std::string& path);

absl::Status CheckValue(const TemplateField& field, const TemplateValue& value,
                        const std::string& path) {
  if (value.kind() != field.kind) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", KindWithArticle(value.kind()), ", expected ",
                     KindWithArticle(field.kind)));
  }
  if (field.kind == TemplateKind::kObject) {
    return CheckData(field.fields, value, path + ".");
  }
  if (field.kind == TemplateKind::kList) {
    for (size_t i = 0; i < value.items().size(); ++i) {
      const TemplateValue& item = value.items()[i];
      const std::string item_path = absl::StrCat(path, "[", i, "]");
      if (item.kind() != TemplateKind::kObject) {
        return absl::InvalidArgumentError(
            absl::StrCat(item_path, ": ", KindWithArticle(item.kind()),
                         ", expected an object"));
      }
      RELANCE_RETURN_IF_ERROR(CheckData(field.fields, item, item_path + "."));
    }
  }
  return absl::OkStatus();
}

// `object` has exactly `fields`; `path` prefixes each name in messages.
absl::Status CheckData(const std::vector<TemplateField>& fields,
                       const TemplateValue& object, const std::string& path) {
  for (const TemplateField& field : fields) {
    const TemplateValue* value = object.Find(field.name);
    if (value == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, field.name, ": missing (", KindWithArticle(field.kind), ")"));
    }
    RELANCE_RETURN_IF_ERROR(CheckValue(field, *value, path + field.name));
  }
  for (const auto& [name, value] : object.fields()) {
    if (FindField(fields, name) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, name, ": not in the schema"));
    }
  }
  return absl::OkStatus();
}

// --- Standalone lines -------------------------------------------------------
//
// The Mustache spec (specs/sections.yml, inverted.yml, comments.yml,
// delimiters.yml: "Standalone Lines") removes a line that holds only
// whitespace and one section, inverted section, closing, comment, partial or
// set-delimiter tag: the tag stays, the line's whitespace and newline go.
// kainjow 4.1 does so only for sections that render: a section that renders
// nothing, a comment or a set-delimiter tag alone on its line leaves a blank
// line, so a letter would gain blank lines depending on its data. relance
// removes standalone lines from the text before parsing it for rendering,
// and renders kainjow's tree itself (Render below), with no line rules of
// its own.

struct Tag {
  size_t begin = 0;  // the first byte of the opening delimiter
  size_t end = 0;    // one past the closing delimiter
  bool standalone_kind = false;
};

// The tags of `text`, located as kainjow's parser locates them (the same
// delimiters, the triple mustache, set-delimiter tags). Stops at a tag
// never closed (Load has reported it before this runs).
std::vector<Tag> ScanTags(std::string_view text) {
  std::vector<Tag> tags;
  std::string open = "{{";
  std::string close = "}}";
  size_t position = 0;
  while (true) {
    const size_t begin = text.find(open, position);
    if (begin == std::string_view::npos) break;
    const bool default_delimiters = open == "{{" && close == "}}";
    size_t contents = begin + open.size();
    const bool triple =
        default_delimiters && contents < text.size() && text[contents] == '{';
    if (triple) ++contents;
    const std::string_view tag_close =
        triple ? std::string_view("}}}") : std::string_view(close);
    const size_t end = text.find(tag_close, contents);
    if (end == std::string_view::npos) break;
    const std::string body =
        mustache::trim(std::string(text.substr(contents, end - contents)));
    const char sigil = triple || body.empty() ? '\0' : body[0];
    const bool standalone_kind =
        sigil != '\0' &&
        std::string_view("#^/!>=").find(sigil) != std::string_view::npos;
    tags.push_back({.begin = begin,
                    .end = end + tag_close.size(),
                    .standalone_kind = standalone_kind});
    if (sigil == '=' && body.size() >= 5 && body.back() == '=') {
      // "=<open> <close>=", as kainjow's parse_set_delimiter_tag reads it.
      const std::string inner = mustache::trim(body.substr(1, body.size() - 2));
      const size_t space = inner.find(' ');
      if (space != std::string::npos) {
        const size_t next = inner.find_first_not_of(' ', space + 1);
        open = inner.substr(0, space);
        close = inner.substr(next);
      }
    }
    position = end + tag_close.size();
  }
  return tags;
}

bool IsSpaceOrTab(char c) { return c == ' ' || c == '\t'; }

// `text` without the whitespace and newline of its standalone lines.
std::string StripStandaloneLines(std::string_view text) {
  std::string out;
  size_t copied = 0;  // text[0, copied) has been handled
  for (const Tag& tag : ScanTags(text)) {
    if (!tag.standalone_kind || tag.begin < copied) continue;
    // Only spaces and tabs between the line's start and the tag...
    size_t line_start = tag.begin;
    while (line_start > 0 && IsSpaceOrTab(text[line_start - 1])) --line_start;
    if (line_start > 0 && text[line_start - 1] != '\n') continue;
    if (line_start < copied) continue;
    // ...and between the tag and the line's end ("\n", "\r\n" or the end).
    size_t line_end = tag.end;
    while (line_end < text.size() && IsSpaceOrTab(text[line_end])) ++line_end;
    if (line_end < text.size() && text[line_end] == '\r' &&
        line_end + 1 < text.size() && text[line_end + 1] == '\n') {
      ++line_end;
    }
    if (line_end < text.size() && text[line_end] != '\n') continue;
    if (line_end < text.size()) ++line_end;  // the newline goes too
    out.append(text.substr(copied, line_start - copied));
    out.append(text.substr(tag.begin, tag.end - tag.begin));
    copied = line_end;
  }
  out.append(text.substr(copied));
  return out;
}

// --- Rendering
// -----------------------------------------------------------------

// The data a dotted name resolves to, innermost scope first, as Resolve
// (and kainjow's context::get) resolves it in the schema. The data matches
// the schema and the template was checked against it, so every name
// resolves, to a value of the kind its tag needs.
const TemplateValue* Lookup(const std::vector<const TemplateValue*>& stack,
                            std::string_view name) {
  const std::vector<std::string_view> parts = SplitDots(name);
  for (auto scope = stack.rbegin(); scope != stack.rend(); ++scope) {
    const TemplateValue* value = *scope;
    for (size_t i = 0; value != nullptr && i < parts.size(); ++i) {
      value = value->Find(parts[i]);
    }
    if (value != nullptr) return value;
  }
  return nullptr;
}

void RenderComponents(const std::vector<Component>& components,
                      std::vector<const TemplateValue*>& stack, bool html,
                      std::string& out) {
  for (const Component& component : components) {
    const mustache::mstch_tag<std::string>& tag = component.tag;
    if (tag.type == TagType::text) {
      out += component.text;
      continue;
    }
    const bool is_variable = tag.type == TagType::variable ||
                             tag.type == TagType::unescaped_variable;
    const bool is_section = tag.type == TagType::section_begin ||
                            tag.type == TagType::section_begin_inverted;
    if (!is_variable && !is_section) continue;  // comments, delimiters
    const TemplateValue* value = Lookup(stack, tag.name);
    assert(value != nullptr && "a checked name resolves in matching data");
    if (value == nullptr) continue;
    if (is_variable) {
      out += html && tag.type == TagType::variable
                 ? mustache::html_escape(value->text())
                 : value->text();
      continue;
    }
    const bool truthy =
        value->kind() == TemplateKind::kObject ||
        (value->kind() == TemplateKind::kFlag && value->flag()) ||
        (value->kind() == TemplateKind::kList && !value->items().empty());
    if (tag.type == TagType::section_begin_inverted) {
      if (!truthy) RenderComponents(component.children, stack, html, out);
    } else if (value->kind() == TemplateKind::kList) {
      for (const TemplateValue& item : value->items()) {
        stack.push_back(&item);
        RenderComponents(component.children, stack, html, out);
        stack.pop_back();
      }
    } else if (value->kind() == TemplateKind::kObject) {
      stack.push_back(value);
      RenderComponents(component.children, stack, html, out);
      stack.pop_back();
    } else if (truthy) {
      RenderComponents(component.children, stack, html, out);
    }
  }
}

}  // namespace

// --- Public API
// ------------------------------------------------------------------

std::string_view TemplateKindName(TemplateKind kind) {
  switch (kind) {
    case TemplateKind::kText:
      return "text";
    case TemplateKind::kFlag:
      return "flag";
    case TemplateKind::kList:
      return "list";
    case TemplateKind::kObject:
      return "object";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& os, TemplateKind kind) {
  return os << TemplateKindName(kind);
}

absl::Status TemplateSchema::Validate() const {
  return ValidateFields(fields, "");
}

TemplateValue TemplateValue::Text(std::string text) {
  TemplateValue value;
  value.kind_ = TemplateKind::kText;
  value.text_ = std::move(text);
  return value;
}

TemplateValue TemplateValue::Flag(bool flag) {
  TemplateValue value;
  value.kind_ = TemplateKind::kFlag;
  value.flag_ = flag;
  return value;
}

TemplateValue TemplateValue::List(std::vector<TemplateValue> items) {
  TemplateValue value;
  value.kind_ = TemplateKind::kList;
  value.items_ = std::move(items);
  return value;
}

TemplateValue TemplateValue::Object(
    std::vector<std::pair<std::string, TemplateValue>> fields) {
  TemplateValue value;
  for (auto& [name, field] : fields) {
    value.Set(std::move(name), std::move(field));
  }
  return value;
}

const TemplateValue* TemplateValue::Find(std::string_view name) const {
  if (kind_ != TemplateKind::kObject) return nullptr;
  for (const auto& [field_name, value] : fields_) {
    if (field_name == name) return &value;
  }
  return nullptr;
}

TemplateValue& TemplateValue::Set(std::string name, TemplateValue value) {
  assert(kind_ == TemplateKind::kObject &&
         "TemplateValue::Set on a non-object");
  if (kind_ != TemplateKind::kObject) *this = TemplateValue();
  for (auto& [field_name, field] : fields_) {
    if (field_name == name) {
      field = std::move(value);
      return *this;
    }
  }
  fields_.emplace_back(std::move(name), std::move(value));
  return *this;
}

absl::StatusOr<LetterTemplate> LetterTemplate::Load(std::string_view name,
                                                    std::string_view text,
                                                    TemplateSchema schema) {
  RELANCE_ASSIGN_OR_RETURN(const TemplateFormat format, FormatOf(name));
  if (absl::Status valid = schema.Validate(); !valid.ok()) {
    return TemplateError(name, {}, std::string(valid.message()));
  }
  const std::string input(text);

  // kainjow's parser, as basic_mustache runs it, but keeping the tree.
  mustache::context<std::string> context;
  mustache::context_internal<std::string> parser_context{context};
  Component root;
  std::string error;
  mustache::parser<std::string> parse(input, parser_context, root, error);
  if (!error.empty()) return SyntaxError(name, text, error, root);

  Scopes scopes = {&schema.fields};
  RELANCE_RETURN_IF_ERROR(Checker(name, text).Check(root.children, scopes));

  // Parsed again without its standalone lines, for rendering: removing
  // whitespace and newlines around tags leaves the tags as they were.
  const std::string stripped = StripStandaloneLines(input);
  mustache::context<std::string> render_context;
  mustache::context_internal<std::string> render_parser_context{render_context};
  Component render_root;
  std::string render_error;
  mustache::parser<std::string> reparse(stripped, render_parser_context,
                                        render_root, render_error);
  if (!render_error.empty()) {  // cannot happen: the same tags
    return TemplateError(name, {},
                         absl::StrCat("Mustache syntax after removing "
                                      "standalone lines: ",
                                      render_error));
  }
  auto compiled = std::make_shared<internal::CompiledLetterTemplate>(
      internal::CompiledLetterTemplate{.name = std::string(name),
                                       .format = format,
                                       .schema = std::move(schema),
                                       .root = std::move(render_root)});
  return LetterTemplate(std::move(compiled));
}

const std::string& LetterTemplate::name() const { return compiled_->name; }

TemplateFormat LetterTemplate::format() const { return compiled_->format; }

const TemplateSchema& LetterTemplate::schema() const {
  return compiled_->schema;
}

absl::StatusOr<std::string> LetterTemplate::Render(
    const TemplateValue& data) const {
  if (data.kind() != TemplateKind::kObject) {
    return absl::InvalidArgumentError(
        absl::StrCat(compiled_->name, ": data: ", KindWithArticle(data.kind()),
                     ", expected an object"));
  }
  if (absl::Status valid = CheckData(compiled_->schema.fields, data, "");
      !valid.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(compiled_->name, ": data: ", valid.message()));
  }
  std::vector<const TemplateValue*> stack = {&data};
  std::string out;
  RenderComponents(compiled_->root.children, stack,
                   compiled_->format == TemplateFormat::kHtml, out);
  return out;
}

std::optional<TemplateErrorLocation> TemplateErrorLocationOf(
    const absl::Status& status) {
  const auto payload = status.GetPayload(kLocationUrl);
  if (!payload.has_value()) return std::nullopt;
  const std::string text(*payload);
  const size_t first = text.find(' ');
  const size_t second =
      first == std::string::npos ? first : text.find(' ', first + 1);
  TemplateErrorLocation location;
  if (second == std::string::npos ||
      !absl::SimpleAtoi(text.substr(0, first), &location.line) ||
      !absl::SimpleAtoi(text.substr(first + 1, second - first - 1),
                        &location.column)) {
    return std::nullopt;
  }
  location.template_name = text.substr(second + 1);
  return location;
}

}  // namespace relance
