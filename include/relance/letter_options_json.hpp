// relance/letter_options_json.hpp
// -----------------------------------------------------------------------------
// The JSON form of what only the host knows when relance writes its letters
// and dossiers (`LetterOptions`, relance/letter_data.hpp): the language, the
// creditor (relance/creditor.hpp), the debtor's name and address, the
// collection agency a hand-off is addressed to. The command line reads it
// from `--letterhead FILE`; the C ABI and the Python package take the same
// text (docs/letters.md, "Letterhead").
//
//   {
//     "language": "fr",
//     "creditor": {
//       "name": "Atelier Martin SARL",
//       "address_lines": ["12 rue des Lilas", "69003 Lyon"],
//       "email": "compta@atelier-martin.fr", "phone": "04 72 00 00 00",
//       "registration": "SIREN 512 345 678",
//       "payment_link": "https://pay.example/martin",
//       "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP",
//       "reference": "", "signatory": "Service comptabilité clients"
//     },
//     "debtor": {"name": "Dupont SARL", "address_lines": ["3 quai Perrache"]},
//     "agency": {"name": "Recouvrement Rhône", "address_lines": []}
//   }
//
// Only "creditor" and its "name" are required; every other key may be left
// out (an absent text is "", an absent list is empty, the language is
// French). Unknown keys are errors, so a misspelt "adress_lines" is never
// ignored.
#ifndef RELANCE_LETTER_OPTIONS_JSON_HPP_
#define RELANCE_LETTER_OPTIONS_JSON_HPP_

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "relance/export.hpp"
#include "relance/letter_data.hpp"

namespace relance {

// Parses the JSON above into options that pass LetterOptions::Validate().
// Errors: kInvalidArgument `letterhead: <path>: <what>`: invalid JSON (with
// line and column), a duplicate or unknown key, a value of the wrong type,
// an unknown language, a text with a control character (a name or an
// address line is one line: "creditor.address_lines[1]: a line break or
// other control character"), an empty address line, a missing creditor
// name, a BIC without an IBAN.
[[nodiscard]] RELANCE_API absl::StatusOr<LetterOptions> LetterOptionsFromJson(
    std::string_view json_text);

// The letterhead's options for one customer's letters, resolved the same
// way on every surface (the command line, the C ABI, Python): the language
// `language` when given ("fr" or "en"), else the customer's
// (`customer_language`, as the ledger's customers.language holds it, used
// when it is a language relance writes; "" = unknown), else the
// letterhead's; the debtor's name from the letterhead, else
// `customer_name`; its address lines from the letterhead, else
// `customer_address_lines` (as the ledger's customers.address holds them).
// Errors: kInvalidArgument for `language` (`language "de": expected one of
// fr, en`).
[[nodiscard]] RELANCE_API absl::StatusOr<LetterOptions>
LetterOptionsForCustomer(
    const LetterOptions& letterhead, std::optional<std::string_view> language,
    std::string_view customer_name, std::string_view customer_language = {},
    std::span<const std::string> customer_address_lines = {});

// The JSON form of `options`, every key written, in the order above;
// LetterOptionsFromJson(LetterOptionsToJson(o)) gives `o` back for options
// that pass Validate().
[[nodiscard]] RELANCE_API std::string LetterOptionsToJson(
    const LetterOptions& options);

}  // namespace relance

#endif  // RELANCE_LETTER_OPTIONS_JSON_HPP_
