// relance/letter_kind.hpp
// -----------------------------------------------------------------------------
// The kinds of letters relance writes, and which kind a planned
// communication becomes.
//
// DOMAIN.md section 1 describes the ladder a creditor climbs; each rung that
// sends something written is one of these kinds:
//
//   kind                       name                         when
//   kCourtesyNotice            courtesy_notice              before the due date
//   kReminder                  reminder                     reminder no. N
//   after
//                                                           it (no. 1
//                                                           courteous, no. 2 on
//                                                           firm, with the
//                                                           penalties)
//   kFormalNotice              formal_notice                "mise en demeure" /
//                                                           final notice before
//                                                           legal action, by
//                                                           registered letter
//   kAgencyHandoff             agency_handoff               cover letter of the
//                                                           file handed to a
//                                                           collection agency
//   kPaymentPlanConfirmation   payment_plan_confirmation    written
//   confirmation
//                                                           of an agreed plan
//   kPromiseConfirmation       promise_confirmation         written
//   confirmation
//                                                           of a promise to pay
//   kThankYou                  thank_you                    after full payment
//
// The mapping from a communication of a decision (relance/dunning.hpp) to a
// kind, `ChooseLetter`, takes the first rule that applies:
//
//   1. the thank-you communication (level "thank_you") is kThankYou;
//   2. a level whose template id is the name of a kind ("formal_notice") is
//      that kind, whatever its channel: the host names the kind explicitly;
//   3. channel "phone", "sms" or "legal": no letter (a call is a task for a
//      person; an SMS is not a letter; legal action needs the dossier, not
//      a letter);
//   4. channel "agency_handoff": kAgencyHandoff;
//   5. channel "registered_letter": kFormalNotice;
//   6. a level before the due date (negative offset_days): kCourtesyNotice;
//   7. otherwise ("email", "letter" after the due date): kReminder.
//
// A reminder's number counts the levels of the customer's ladder, up to and
// including this one, that these rules make reminders: in examples/policies/
// standard_fr.json (courtesy, reminder1, call, reminder2, notice, ...)
// "reminder1" is reminder no. 1 and "reminder2" no. 2, the call between
// them being no letter. It is not the level's rank in the ladder
// (Communication::level_number, 4 for "reminder2").
//
// Promise and payment-plan confirmations are not planned by the engine:
// a host writes them when it records a promise_to_pay or a
// payment_plan_agreed event (relance/letter.hpp).
#ifndef RELANCE_LETTER_KIND_HPP_
#define RELANCE_LETTER_KIND_HPP_

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "relance/dunning.hpp"
#include "relance/export.hpp"
#include "relance/policy.hpp"

namespace relance {

enum class LetterKind {
  kCourtesyNotice,
  kReminder,
  kFormalNotice,
  kAgencyHandoff,
  kPaymentPlanConfirmation,
  kPromiseConfirmation,
  kThankYou,
};

// Every kind, in the order above.
inline constexpr LetterKind kLetterKinds[] = {
    LetterKind::kCourtesyNotice,
    LetterKind::kReminder,
    LetterKind::kFormalNotice,
    LetterKind::kAgencyHandoff,
    LetterKind::kPaymentPlanConfirmation,
    LetterKind::kPromiseConfirmation,
    LetterKind::kThankYou,
};

// The names of the table above ("formal_notice").
[[nodiscard]] RELANCE_API std::string_view ToString(LetterKind kind);
RELANCE_API std::ostream& operator<<(std::ostream& os, LetterKind kind);
// Errors: kInvalidArgument `letter kind "x": expected one of ...`.
[[nodiscard]] RELANCE_API absl::StatusOr<LetterKind> ParseLetterKind(
    std::string_view text);

// What a communication becomes.
struct RELANCE_API LetterChoice {
  // None: the communication is not a letter (rule 3); `why` says so.
  std::optional<LetterKind> kind = {};
  // For kReminder: its number, from 1; 0 otherwise.
  int reminder_number = 0;
  // Why there is no letter, in English ("a phone call is a task for a
  // person, not a letter"); "" when there is one.
  std::string why = {};
};

// The kind of letter for `communication` planned on `ladder` (the ladder of
// the decision, Decision::ladder), by the rules above.
// Errors: kNotFound when the communication's level (other than
// "thank_you") is not a level of `ladder`, naming both.
[[nodiscard]] RELANCE_API absl::StatusOr<LetterChoice> ChooseLetter(
    const Communication& communication, const Ladder& ladder);

}  // namespace relance

#endif  // RELANCE_LETTER_KIND_HPP_
