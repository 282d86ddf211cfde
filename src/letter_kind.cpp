#include "relance/letter_kind.hpp"

#include <string>

#include "absl/strings/str_cat.h"
#include "relance/internal/enum_names.hpp"
#include "relance/internal/quote.hpp"

namespace relance {
namespace {

using K = LetterKind;

constexpr internal::EnumName<LetterKind> kKindNames[] = {
    {K::kCourtesyNotice, "courtesy_notice"},
    {K::kReminder, "reminder"},
    {K::kFormalNotice, "formal_notice"},
    {K::kAgencyHandoff, "agency_handoff"},
    {K::kPaymentPlanConfirmation, "payment_plan_confirmation"},
    {K::kPromiseConfirmation, "promise_confirmation"},
    {K::kThankYou, "thank_you"},
};

// Rules 2 to 7 of the header for one level of a ladder.
LetterChoice ChooseForLevel(const DunningLevel& level) {
  LetterChoice choice;
  if (absl::StatusOr<LetterKind> named = ParseLetterKind(level.template_id);
      named.ok()) {
    choice.kind = *named;
    return choice;
  }
  switch (level.channel) {
    case Channel::kPhoneTask:
      choice.why = "a phone call is a task for a person, not a letter";
      return choice;
    case Channel::kSms:
      choice.why = "an SMS is not a letter: the host writes it";
      return choice;
    case Channel::kLegal:
      choice.why = "legal action needs the dossier, not a letter";
      return choice;
    case Channel::kAgencyHandoff:
      choice.kind = LetterKind::kAgencyHandoff;
      return choice;
    case Channel::kRegisteredLetter:
      choice.kind = LetterKind::kFormalNotice;
      return choice;
    case Channel::kEmail:
    case Channel::kLetter:
      break;
  }
  choice.kind = level.offset_days < 0 ? LetterKind::kCourtesyNotice
                                      : LetterKind::kReminder;
  return choice;
}

}  // namespace

std::string_view ToString(LetterKind kind) {
  return internal::NameOf(kKindNames, kind);
}

std::ostream& operator<<(std::ostream& os, LetterKind kind) {
  return os << ToString(kind);
}

absl::StatusOr<LetterKind> ParseLetterKind(std::string_view text) {
  return internal::ParseName(kKindNames, text, "letter kind");
}

absl::StatusOr<LetterChoice> ChooseLetter(const Communication& communication,
                                          const Ladder& ladder) {
  if (communication.level == kThankYouLevel) {
    return LetterChoice{.kind = LetterKind::kThankYou};
  }
  int reminders = 0;
  for (const DunningLevel& level : ladder.levels) {
    LetterChoice choice = ChooseForLevel(level);
    if (choice.kind == LetterKind::kReminder) ++reminders;
    if (level.id != communication.level) continue;
    if (choice.kind == LetterKind::kReminder) {
      choice.reminder_number = reminders;
    }
    return choice;
  }
  return absl::NotFoundError(absl::StrCat(
      "letter: level ", internal::QuoteForMessage(communication.level),
      " is not a level of ladder ", internal::QuoteForMessage(ladder.id)));
}

}  // namespace relance
