// relance/letter_templates.hpp
// -----------------------------------------------------------------------------
// The set of letter templates: relance's built-in ones, and the host's
// overrides, all checked when loaded.
//
// A template is a file named `<name>.<language>.<part>`:
//   - name: a letter kind ("reminder", relance/letter_kind.hpp), a reminder
//     number's own template ("reminder_1"), or a policy level's template id
//     ("relance_1", "uk_final_demand"): ASCII letters, digits, '_', '-';
//   - language: "fr" or "en";
//   - part: "subject.txt" (the subject line, one line), "txt" (the letter
//     as plain text) or "html" (as HTML, for email or printing).
// Every template is a Mustache template checked against LetterSchema()
// (relance/letter_data.hpp) when it is loaded (relance/letter_template.hpp):
// an unknown name or an unclosed section is an error naming the file and
// the line, never a blank in a letter sent.
//
// Built in (data/letters/, compiled into the library): every kind and
// "reminder_1" (the courteous first reminder; "reminder" is the firm one
// for no. 2 and later), in French and English, all three parts.
//
// Which template a letter uses, for each part on its own: the first of
// these names that the set has for the letter's language:
//   1. the level's template id (Communication::template_id), if any;
//   2. for a reminder no. N, "reminder_N";
//   3. the kind's name.
// So a host overrides a kind for every policy by writing `reminder.fr.txt`,
// or one level of one policy by naming its template `relance_2` and writing
// `relance_2.fr.txt` (and its `.html` and `.subject.txt`, or those of the
// kind are used).
//
// A `LetterTemplates` is a small value handle over immutable shared state,
// as LetterTemplate: copies share, "modifications" return a new set.
//
// Example:
//
//   absl::StatusOr<LetterTemplates> templates =
//       LetterTemplates::Builtin().WithDirectory("/etc/acme/letters");
//   // /etc/acme/letters/reminder.fr.txt:12: unknown variable "totl" ...
#ifndef RELANCE_LETTER_TEMPLATES_HPP_
#define RELANCE_LETTER_TEMPLATES_HPP_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/export.hpp"
#include "relance/language.hpp"
#include "relance/letter_template.hpp"

namespace relance {

// The three parts of a letter, each its own template.
enum class LetterPart {
  kSubject,  // "subject.txt"
  kText,     // "txt"
  kHtml,     // "html"
};

// "subject.txt", "txt", "html": the end of a template's file name.
[[nodiscard]] RELANCE_API std::string_view LetterPartSuffix(LetterPart part);

// `<name>.<fr|en>.<part suffix>`.
[[nodiscard]] RELANCE_API std::string LetterTemplateFileName(
    std::string_view name, Language language, LetterPart part);

class RELANCE_API LetterTemplates {
 public:
  // An empty set.
  LetterTemplates();

  // The built-in templates (above), loaded and checked once. They are
  // tested (tests/letter_test.cpp); should one fail to load, debug builds
  // assert and it is left out of the set.
  [[nodiscard]] static const LetterTemplates& Builtin();

  // This set with the template `text` under `file_name`
  // (`<name>.<lang>.<part>`, as above; replaces a template of that name).
  // `label` names the template in error messages ("" = `file_name`), e.g.
  // its path. Errors: kInvalidArgument for a file name not of that form
  // (`letter template "x.txt": expected <name>.<fr|en>.<txt|html|
  // subject.txt>`), and every error of LetterTemplate::Load, whose message
  // starts `<label>:<line>: ` (TemplateErrorLocationOf locates it).
  [[nodiscard]] absl::StatusOr<LetterTemplates> With(
      std::string_view file_name, std::string_view text,
      std::string_view label = "") const;

  // This set with every template file of `directory`, each named by its
  // path in errors (`/etc/acme/letters/reminder.fr.txt:12: ...`). Files
  // whose name starts with '.' are skipped; every other entry must be a
  // template file named as above (a README or a subdirectory is an error,
  // so a misnamed template is never ignored silently). Files are read in
  // name order and the first error is returned.
  // Errors: kInvalidArgument for a directory that cannot be read, a file
  // that cannot be read (at most 16 MiB, regular), a misnamed entry, and the
  // errors of With.
  [[nodiscard]] absl::StatusOr<LetterTemplates> WithDirectory(
      const std::string& directory) const;

  // The template `<name>.<lang>.<part>`, or nullptr. The pointer lives as
  // long as this set or a copy of it.
  [[nodiscard]] const LetterTemplate* Find(std::string_view name,
                                           Language language,
                                           LetterPart part) const;

  // Every file name of the set, sorted.
  [[nodiscard]] std::vector<std::string> FileNames() const;

 private:
  using Map = std::map<std::string, LetterTemplate, std::less<>>;
  explicit LetterTemplates(std::shared_ptr<const Map> templates)
      : templates_(std::move(templates)) {}
  std::shared_ptr<const Map> templates_;
};

}  // namespace relance

#endif  // RELANCE_LETTER_TEMPLATES_HPP_
