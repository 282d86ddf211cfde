// relance/dossier_html.hpp
// -----------------------------------------------------------------------------
// The collection dossier (relance/dossier.hpp) as an HTML page for a person:
// the agency's case handler, the creditor's lawyer, the court. Printable
// (A4, page breaks between sections), in French or English.
//
// The page is rendered from a Mustache template (relance/letter_template.hpp)
// built into the library, one per language (data/dossier/fr/dossier.html,
// data/dossier/en/dossier.html, embedded at build time), checked against
// `DossierTemplateSchema()` when first loaded. Every amount, date and count
// is formatted for the language by relance/language.hpp ("1 234,56 €",
// "15 janvier 2026"; "€1,234.56", "15 January 2026"), rates as "12,15 %"
// (French: decimal comma, U+202F before the sign) or "12.15%" (English), and
// every state, channel and event is named in the language; the texts the
// host recorded (references, reasons, names) are written as recorded,
// HTML-escaped. The library's texts that exist only in English (the penalty
// rule's name, the regime's description, the assessment's explanations) are
// on the English page only; the French page gives the articles, which say
// the same.
//
// The output is well-formed: every element is closed or an HTML void
// element, attributes are quoted, text is escaped; UTF-8, declared.
//
// A host may render its own layout: load its template with
// `DossierTemplateSchema()` and render `DossierTemplateData(dossier,
// language)`.
//
// Example:
//
//   absl::StatusOr<std::string> html =
//       DossierToHtml(*dossier, Language::kFrench);
#ifndef RELANCE_DOSSIER_HTML_HPP_
#define RELANCE_DOSSIER_HTML_HPP_

#include <string>

#include "absl/status/statusor.h"
#include "relance/dossier.hpp"
#include "relance/export.hpp"
#include "relance/language.hpp"
#include "relance/letter_template.hpp"

namespace relance {

// The names a dossier template may use (docs/dossier.md lists them): the
// same for both languages.
[[nodiscard]] RELANCE_API TemplateSchema DossierTemplateSchema();

// The data of `dossier` for a template, formatted for `language`; matches
// DossierTemplateSchema() exactly.
[[nodiscard]] RELANCE_API TemplateValue
DossierTemplateData(const Dossier& dossier, Language language);

// The built-in template of `language` ("fr/dossier.html", "en/dossier.html"),
// loaded and checked once. Errors: kInternal with the load error, should a
// built-in template not load (a bug, caught by the tests).
[[nodiscard]] RELANCE_API absl::StatusOr<LetterTemplate> BuiltinDossierTemplate(
    Language language);

// The page: the built-in template of `language` rendered with
// DossierTemplateData(dossier, language). Errors: those of
// BuiltinDossierTemplate; kInternal should rendering fail (a bug).
[[nodiscard]] RELANCE_API absl::StatusOr<std::string> DossierToHtml(
    const Dossier& dossier, Language language);

}  // namespace relance

#endif  // RELANCE_DOSSIER_HTML_HPP_
