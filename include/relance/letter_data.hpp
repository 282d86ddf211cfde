// relance/letter_data.hpp
// -----------------------------------------------------------------------------
// The data a letter template receives: who writes to whom, about which
// invoices, for how much, by when, and how to pay.
//
// Every letter template, built in or the host's, is checked against one
// schema, `LetterSchema()`, and rendered with the data `BuildLetterData`
// makes from a decision (relance/dunning.hpp), the policy that made it, what
// the letter is about (`LetterSubject`) and what only the host knows
// (`LetterOptions`: the creditor's name, address and bank details, the
// debtor's address, the language). docs/letters.md lists every name.
//
// Every amount, date and count is text, formatted for the letter's language
// by relance/language.hpp ("1 234,56 €", "15 janvier 2026", "16 jours";
// "€1,234.56", "15 January 2026", "16 days"); dates are also given as
// "YYYY-MM-DD" (`*_iso`). Optional values come with a flag (`has_...`) so a
// template can leave out a line: a missing value is never rendered as
// nothing by accident. Reasons are rendered in the letter's language
// (relance/reason_text.hpp).
//
// The figures are the engine's, never recomputed: per invoice
// (InvoiceDecision) its amount, outstanding, days late, interest,
// compensation, fees charged and total due; per currency (totals) the
// communication's outstanding, this level's fee and total due, with the
// invoices' interest, compensation and earlier fees added up. The lines of
// a letter always add up to the engine's total: outstanding + interest +
// compensation + fees_charged + fees - settled = total_due, `settled` being
// whatever the total leaves out of the lines (penalties or fees already
// paid; zero as the engine presents partial payments today).
//
// Example:
//
//   LetterOptions options{.language = Language::kFrench,
//                         .creditor = {.name = "Atelier Martin SARL",
//                                      .iban = "FR76 3000 ..."}};
//   auto data = BuildLetterData(decision, policy,
//                               {.kind = LetterKind::kReminder,
//                                .reminder_number = 1, .action = 0},
//                               options);
//   auto letter = LetterTemplate::Load("mine.txt", text, LetterSchema());
//   letter->Render(*data);
#ifndef RELANCE_LETTER_DATA_HPP_
#define RELANCE_LETTER_DATA_HPP_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "relance/creditor.hpp"
#include "relance/dunning.hpp"
#include "relance/event.hpp"
#include "relance/export.hpp"
#include "relance/language.hpp"
#include "relance/letter_kind.hpp"
#include "relance/letter_template.hpp"
#include "relance/policy.hpp"

namespace relance {

// A person or company a letter names: the debtor, a collection agency.
struct RELANCE_API LetterParty {
  std::string name = {};
  // The postal address, one line per element ("12 rue des Lilas",
  // "69003 Lyon").
  std::vector<std::string> address_lines = {};
};

// What only the host knows.
struct RELANCE_API LetterOptions {
  Language language = Language::kFrench;
  Creditor creditor = {};
  // The customer; an empty name is written as the customer id.
  LetterParty debtor = {};
  // The agency a hand-off cover letter is addressed to; empty: the letter
  // is addressed to "the collection agency" without a name.
  LetterParty agency = {};

  // Errors: kInvalidArgument `letter options: creditor.name: required`, and
  // for a BIC without an IBAN.
  [[nodiscard]] absl::Status Validate() const;
};

// What one letter is about.
struct RELANCE_API LetterSubject {
  LetterKind kind = LetterKind::kReminder;
  // For kReminder: its number (LetterChoice::reminder_number), from 1.
  int reminder_number = 0;
  // A letter of a planned communication: its index in Decision::actions.
  std::optional<size_t> action = {};
  // A confirmation: the promise_to_pay (kPromiseConfirmation) or
  // payment_plan_agreed (kPaymentPlanConfirmation) event confirmed. Its
  // invoices (Event::Invoices; none: every invoice of the decision not
  // closed) are listed with the decision's figures.
  std::optional<Event> event = {};
};

// The schema every letter template is checked against (built once; the
// reference stays valid for the program's life). docs/letters.md lists its
// names.
[[nodiscard]] RELANCE_API const TemplateSchema& LetterSchema();

// The data of the letter `subject` describes, matching LetterSchema().
// The letter is dated decision.as_of.
// Errors: kInvalidArgument for invalid options (LetterOptions::Validate), a
// decision made by another policy (id or version), a subject with neither
// an action nor an event or with both, an action index out of range, a
// confirmation whose event is of the wrong type, a reminder number below 1
// for a reminder; kNotFound for an invoice the event names that the
// decision does not have.
[[nodiscard]] RELANCE_API absl::StatusOr<TemplateValue> BuildLetterData(
    const Decision& decision, const Policy& policy,
    const LetterSubject& subject, const LetterOptions& options);

}  // namespace relance

#endif  // RELANCE_LETTER_DATA_HPP_
