#include "relance/reason.hpp"

#include <string>

#include "absl/strings/str_cat.h"
#include "relance/internal/enum_names.hpp"

namespace relance {
namespace {

using R = ReasonCode;

constexpr internal::EnumName<ReasonCode> kReasonNames[] = {
    {R::kLevelDue, "level_due"},
    {R::kLevelDueAfterBrokenPromise, "level_due_promise_broken"},
    {R::kClaimDue, "claim_due"},
    {R::kThankYou, "thank_you"},
    {R::kNotYetDue, "not_yet_due"},
    {R::kWaitingForLevel, "waiting_for_level"},
    {R::kWaitingForGap, "waiting_for_gap"},
    {R::kPausedByDispute, "paused_by_dispute"},
    {R::kPausedByPromise, "paused_by_promise"},
    {R::kPausedByPlan, "paused_by_plan"},
    {R::kPausedByBlock, "paused_by_block"},
    {R::kWithAgency, "with_agency"},
    {R::kInLegalAction, "in_legal_action"},
    {R::kClosed, "closed"},
    {R::kClaimReported, "claim_reported"},
    {R::kLadderComplete, "ladder_complete"},
    {R::kAlreadyActedToday, "already_acted_today"},
    {R::kBelowInvoiceMinimum, "below_invoice_minimum"},
    {R::kBelowLevelMinimum, "below_level_minimum"},
    {R::kBelowCustomerMinimum, "below_customer_minimum"},
    {R::kContactCap, "contact_cap"},
    {R::kLadderChosen, "ladder_chosen"},
    {R::kPenaltyUnavailable, "penalty_unavailable"},
    {R::kRateAssumed, "rate_assumed"},
    {R::kUnappliedCash, "unapplied_cash"},
    {R::kAccountBlocked, "account_blocked"},
};

// The fields of each code: the table of relance/reason.hpp.
struct CodeFields {
  ReasonCode code;
  uint32_t fields;
};
constexpr CodeFields kFields[] = {
    {R::kLevelDue, kReasonLevel | kReasonLevelNumber | kReasonDays},
    {R::kLevelDueAfterBrokenPromise,
     kReasonLevel | kReasonLevelNumber | kReasonDays | kReasonDate},
    {R::kClaimDue, kReasonLevel | kReasonLevelNumber | kReasonAmount},
    {R::kThankYou, kReasonDate},
    {R::kNotYetDue, kReasonDate | kReasonLevel | kReasonNextDate},
    {R::kWaitingForLevel,
     kReasonLevel | kReasonLevelNumber | kReasonNextDate | kReasonDays},
    {R::kWaitingForGap, kReasonLevel | kReasonLevelNumber | kReasonNextDate |
                            kReasonDate | kReasonDays},
    {R::kPausedByDispute, kReasonAmount},
    {R::kPausedByPromise, kReasonDate | kReasonAmount},
    {R::kPausedByPlan, kReasonNextDate},
    {R::kPausedByBlock, kReasonDate},
    {R::kWithAgency, 0},
    {R::kInLegalAction, 0},
    {R::kClosed, kReasonState},
    {R::kClaimReported, kReasonAmount},
    {R::kLadderComplete, kReasonLevel},
    {R::kAlreadyActedToday, kReasonDate},
    {R::kBelowInvoiceMinimum, kReasonLevel | kReasonAmount | kReasonThreshold},
    {R::kBelowLevelMinimum, kReasonLevel | kReasonAmount | kReasonThreshold},
    {R::kBelowCustomerMinimum, kReasonLevel | kReasonAmount | kReasonThreshold},
    {R::kContactCap,
     kReasonLevel | kReasonDate | kReasonNextDate | kReasonDays},
    {R::kLadderChosen, kReasonLadder | kReasonSegment | kReasonAssigned},
    {R::kPenaltyUnavailable, kReasonInvoice | kReasonDetail},
    {R::kRateAssumed, kReasonInvoice | kReasonDetail},
    {R::kUnappliedCash, kReasonInvoice | kReasonAmount},
    {R::kAccountBlocked, kReasonDate},
};

std::string DateText(const std::optional<Date>& date) {
  return date ? FormatDate(*date) : std::string("?");
}

std::string MoneyText(const std::optional<Money>& amount) {
  return amount ? amount->ToString() : std::string("?");
}

std::string LevelText(const Reason& reason) {
  if (reason.level_number > 0) {
    return absl::StrCat("level ", reason.level, " (", reason.level_number, ")");
  }
  return absl::StrCat("level ", reason.level);
}

}  // namespace

std::string_view ToString(ReasonCode code) {
  return internal::NameOf(kReasonNames, code);
}

absl::StatusOr<ReasonCode> ParseReasonCode(std::string_view text) {
  return internal::ParseName(kReasonNames, text, "reason code");
}

uint32_t FieldsOf(ReasonCode code) {
  for (const CodeFields& row : kFields) {
    if (row.code == code) return row.fields;
  }
  return 0;
}

std::string Describe(const Reason& reason) {
  const int days = reason.days.value_or(0);
  switch (reason.code) {
    case R::kLevelDue:
      return absl::StrCat(LevelText(reason), " is due: ", days, " days late");
    case R::kLevelDueAfterBrokenPromise:
      return absl::StrCat(LevelText(reason), " is due: ", days,
                          " days late, promise broken on ",
                          DateText(reason.date));
    case R::kClaimDue:
      return absl::StrCat(LevelText(reason),
                          " is due for the late-payment claim of ",
                          MoneyText(reason.amount));
    case R::kThankYou:
      return absl::StrCat("paid in full on ", DateText(reason.date),
                          ": thank-you");
    case R::kNotYetDue:
      return reason.level.empty()
                 ? absl::StrCat("not yet due (due ", DateText(reason.date), ")")
                 : absl::StrCat("not yet due (due ", DateText(reason.date),
                                "); next level ", reason.level, " on ",
                                DateText(reason.next_date));
    case R::kWaitingForLevel:
      return absl::StrCat("next ", LevelText(reason), " on ",
                          DateText(reason.next_date));
    case R::kWaitingForGap:
      return absl::StrCat(LevelText(reason), " waits until ",
                          DateText(reason.next_date), ": at least ", days,
                          " days after the level sent on ",
                          DateText(reason.date));
    case R::kPausedByDispute:
      return absl::StrCat("paused: ", MoneyText(reason.amount), " disputed");
    case R::kPausedByPromise:
      return reason.amount
                 ? absl::StrCat("paused: ", reason.amount->ToString(),
                                " promised by ", DateText(reason.date))
                 : absl::StrCat("paused: payment promised by ",
                                DateText(reason.date));
    case R::kPausedByPlan:
      return reason.next_date
                 ? absl::StrCat("paused: on a payment plan (next check ",
                                FormatDate(*reason.next_date), ")")
                 : std::string("paused: on a payment plan");
    case R::kPausedByBlock:
      return absl::StrCat("paused: dunning blocked until ",
                          DateText(reason.date), " (included)");
    case R::kWithAgency:
      return "with a collection agency";
    case R::kInLegalAction:
      return "in legal action";
    case R::kClosed:
      return absl::StrCat(
          "closed (", reason.state ? std::string(ToString(*reason.state)) : "?",
          ")");
    case R::kClaimReported:
      return absl::StrCat("paid late: a claim of ", MoneyText(reason.amount),
                          " remains (not dunned by this policy)");
    case R::kLadderComplete:
      return absl::StrCat(
          "every level of the ladder has been sent (last: ", reason.level, ")");
    case R::kAlreadyActedToday:
      return absl::StrCat("an action was already recorded on ",
                          DateText(reason.date));
    case R::kBelowInvoiceMinimum:
      return absl::StrCat(
          "level ", reason.level, " is due but ", MoneyText(reason.amount),
          " is below the invoice minimum of ", MoneyText(reason.threshold));
    case R::kBelowLevelMinimum:
      return absl::StrCat(
          "level ", reason.level, " is due but ", MoneyText(reason.amount),
          " is below the level's minimum of ", MoneyText(reason.threshold));
    case R::kBelowCustomerMinimum:
      return absl::StrCat(
          "level ", reason.level, " is due but the customer's total of ",
          MoneyText(reason.amount), " is below the customer minimum of ",
          MoneyText(reason.threshold));
    case R::kContactCap:
      return absl::StrCat("level ", reason.level, " is due; last contact on ",
                          DateText(reason.date), ", no contact before ",
                          DateText(reason.next_date), " (at least ", days,
                          " days between contacts)");
    case R::kLadderChosen:
      return absl::StrCat(
          "ladder ", reason.ladder,
          reason.segment.empty()
              ? ""
              : absl::StrCat(
                    " (segment ", reason.segment,
                    reason.assigned ? ", assigned" : ", from the history",
                    ")"));
    case R::kPenaltyUnavailable:
      return absl::StrCat("penalties of invoice ", reason.invoice,
                          " unavailable: ", reason.detail);
    case R::kRateAssumed:
      return absl::StrCat("penalties of invoice ", reason.invoice, ": ",
                          reason.detail);
    case R::kUnappliedCash:
      return absl::StrCat("invoice ", reason.invoice, ": ",
                          MoneyText(reason.amount),
                          " received beyond what was owed (unapplied)");
    case R::kAccountBlocked:
      return absl::StrCat("account blocked for new orders since ",
                          DateText(reason.date));
  }
  return std::string(ToString(reason.code));
}

}  // namespace relance
