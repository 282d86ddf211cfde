// relance/letter_json.hpp
// -----------------------------------------------------------------------------
// The one JSON form of rendered letters, "relance.letters".
//
// The command line, the C ABI and the Python bindings return this document,
// written here and nowhere else, following docs/json.md: `schema`
// ("relance.letters") and `schema_version` (1) first, snake_case keys always
// present (null when absent), dates "YYYY-MM-DD", keys in the order of
// docs/letters.md, new keys only added at the end of an object.
//
// Keys: customer, as_of, language, letters (each kind, level, level_number,
// reminder_number, channel, invoices, file_stem, templates {subject, text,
// html}, subject, text, html), skipped (each level, channel, why).
#ifndef RELANCE_LETTER_JSON_HPP_
#define RELANCE_LETTER_JSON_HPP_

#include <string>

#include "relance/export.hpp"
#include "relance/letter.hpp"

namespace relance {

// The document, indented by two spaces, with a final newline.
[[nodiscard]] RELANCE_API std::string LettersToJson(
    const RenderedLetters& letters);

}  // namespace relance

#endif  // RELANCE_LETTER_JSON_HPP_
