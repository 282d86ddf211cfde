// relance/reason_text.hpp
// -----------------------------------------------------------------------------
// The reasons of a dunning decision in the customer's language.
//
// The engine gives every outcome a stable code with structured fields
// (relance/reason.hpp) and one English sentence for logs and the decision's
// JSON (`Describe`). Letters and dossiers speak the customer's language: this
// header renders the same codes in French or in English, from one table per
// language (src/reason_text.cpp), with amounts, dates and day counts written
// as relance/language.hpp writes them ("1 234,56 €", "15 janvier 2026",
// "16 jours"; "€1,234.56", "15 January 2026", "16 days").
//
// The sentences are short noun phrases, fit for a status column of a letter
// or a dossier ("échue depuis 16 jours", "promesse de paiement de 500,00 €
// pour le 15 mars 2026", "overdue by 16 days"). Codes that only the
// creditor's staff ever sees (a minimum not reached, the contact cap, the
// ladder chosen) are rendered too, so that a dossier can show every reason;
// they name the policy's level ids as they are. The free-text `detail` of
// kPenaltyUnavailable and kRateAssumed comes from the penalty engine in
// English and is quoted as it is in both languages.
//
// Example:
//
//   Reason due{.code = ReasonCode::kLevelDue, .level = "reminder2",
//              .level_number = 4, .days = 16};
//   ReasonText(due, Language::kFrench);   // "échue depuis 16 jours"
//   ReasonText(due, Language::kEnglish);  // "overdue by 16 days"
#ifndef RELANCE_REASON_TEXT_HPP_
#define RELANCE_REASON_TEXT_HPP_

#include <string>

#include "relance/export.hpp"
#include "relance/language.hpp"
#include "relance/reason.hpp"

namespace relance {

// The phrase for `reason` in `language` (lower case first letter, no final
// full stop), from the fields its code defines (FieldsOf). A field the code
// defines but the reason leaves unset is written "?" (the engine always sets
// them). Never fails; every code has a phrase in both languages.
[[nodiscard]] RELANCE_API std::string ReasonText(const Reason& reason,
                                                 Language language);

}  // namespace relance

#endif  // RELANCE_REASON_TEXT_HPP_
