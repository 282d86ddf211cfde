// relance/letter.hpp
// -----------------------------------------------------------------------------
// Letters: what a decision's planned communications say, in the customer's
// language, as plain text and HTML.
//
// `RenderLetters` turns each communication of a decision into a `Letter`:
// its kind (relance/letter_kind.hpp: courtesy notice, reminder no. N,
// formal notice, agency hand-off, thank-you), its data
// (relance/letter_data.hpp: the engine's figures, formatted for the
// language) and its templates (relance/letter_templates.hpp: the built-in
// ones or the host's), rendered into a subject, a text and an HTML
// document. A communication that is not a letter (a phone call, an SMS,
// legal action) is listed as skipped, with why. `RenderConfirmation` writes
// the confirmation of a promise to pay or of a payment plan, from the event
// that recorded it. The one JSON form of the result is written by
// relance/letter_json.hpp.
//
// Rendering is pure: the letter is dated decision.as_of, and the same
// decision, policy, templates and options give the same bytes.
//
// Example:
//
//   LetterOptions options{.language = Language::kFrench,
//                         .creditor = {.name = "Atelier Martin SARL"}};
//   absl::StatusOr<RenderedLetters> letters = RenderLetters(
//       *decision, policy, LetterTemplates::Builtin(), options);
//   for (const Letter& letter : letters->letters) {
//     // letter.subject "Relance n° 1 – facture F-2026-014", letter.text,
//     // letter.html; written to <file_stem>.txt and <file_stem>.html
//   }
#ifndef RELANCE_LETTER_HPP_
#define RELANCE_LETTER_HPP_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/dunning.hpp"
#include "relance/event.hpp"
#include "relance/export.hpp"
#include "relance/language.hpp"
#include "relance/letter_data.hpp"
#include "relance/letter_kind.hpp"
#include "relance/letter_templates.hpp"
#include "relance/policy.hpp"

namespace relance {

// One rendered letter.
struct RELANCE_API Letter {
  LetterKind kind = LetterKind::kReminder;
  Language language = Language::kFrench;
  // The communication's channel; kEmail for a confirmation.
  Channel channel = Channel::kEmail;
  // The communication's level ("reminder2", "thank_you"); "" for a
  // confirmation.
  std::string level = {};
  // Its rank in the ladder (Communication::level_number); 0 for a
  // thank-you or a confirmation.
  int level_number = 0;
  // For a reminder, its number (from 1); 0 otherwise.
  int reminder_number = 0;
  // The invoices the letter is about.
  std::vector<std::string> invoices = {};
  // The subject (one line, no newline), the letter as plain text, as an
  // HTML document.
  std::string subject = {};
  std::string text = {};
  std::string html = {};
  // A file name without extension, unique within one RenderedLetters:
  // `<as_of>_<customer>_<level or kind>`, then `_<first invoice>` when
  // several letters share a level (per-invoice grouping); characters other
  // than ASCII letters, digits, '-' and '_' become '_'
  // ("2026-03-02_C-042_reminder2").
  std::string file_stem = {};
  // The template files used for each part ("reminder_1.fr.txt").
  std::string subject_template = {};
  std::string text_template = {};
  std::string html_template = {};
};

// A planned communication that gives no letter.
struct RELANCE_API SkippedCommunication {
  std::string level = {};
  Channel channel = Channel::kEmail;
  std::string why = {};  // LetterChoice::why
};

// The letters of one decision.
struct RELANCE_API RenderedLetters {
  std::string customer = {};
  Date as_of = {};
  Language language = Language::kFrench;
  // One per communication that is a letter, in the decision's order.
  std::vector<Letter> letters = {};
  std::vector<SkippedCommunication> skipped = {};
};

// The letters of every communication of `decision` (made under `policy`),
// rendered with `templates` in options.language.
// Errors: those of ChooseLetter and BuildLetterData (a decision of another
// policy, invalid options, a ladder the policy does not have: kNotFound);
// kNotFound when no template of the set fits a part (a set without the
// built-ins); rendering errors of LetterTemplate::Render (kInvalidArgument,
// which a template checked against LetterSchema() cannot give).
[[nodiscard]] RELANCE_API absl::StatusOr<RenderedLetters> RenderLetters(
    const Decision& decision, const Policy& policy,
    const LetterTemplates& templates, const LetterOptions& options);

// The written confirmation of `event`, a promise_to_pay
// (kPromiseConfirmation) or a payment_plan_agreed
// (kPaymentPlanConfirmation), with the figures of `decision` (evaluated on
// the day of the event or later, under `policy`). Its file stem is
// `<as_of>_<customer>_<kind>`.
// Errors: kInvalidArgument for an event of another type; those of
// BuildLetterData and RenderLetters.
[[nodiscard]] RELANCE_API absl::StatusOr<Letter> RenderConfirmation(
    const Decision& decision, const Policy& policy, const Event& event,
    const LetterTemplates& templates, const LetterOptions& options);

}  // namespace relance

#endif  // RELANCE_LETTER_HPP_
