#include "relance/lifecycle.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/allocation.hpp"
#include "relance/internal/case_borrowing.hpp"
#include "relance/internal/enum_names.hpp"
#include "relance/internal/fold_into.hpp"
#include "relance/internal/money_within_bound.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

using S = InvoiceState;
using T = Trigger;
using G = Guard;

// The lifecycle, row by row. For one state and trigger, rows with a guard
// come before the row without one; the first matching row wins.
constexpr Transition kTable[] = {
    // Not yet due.
    {S::kNotYetDue, T::kPayment, G::kSettled, S::kPaid},
    {S::kNotYetDue, T::kPayment, G::kWholeBalance, S::kDisputed},
    {S::kNotYetDue, T::kPayment, G::kAlways, S::kNotYetDue},
    {S::kNotYetDue, T::kCreditNote, G::kSettled, S::kCredited},
    {S::kNotYetDue, T::kCreditNote, G::kAlways, S::kNotYetDue},
    {S::kNotYetDue, T::kAction, G::kAlways, S::kCourtesySent},
    {S::kNotYetDue, T::kDueDatePassed, G::kAlways, S::kOverdue},
    {S::kNotYetDue, T::kDisputeOpened, G::kWholeBalance, S::kDisputed},
    {S::kNotYetDue, T::kDisputeOpened, G::kAlways, S::kNotYetDue},
    {S::kNotYetDue, T::kDisputeRejected, G::kAlways, S::kNotYetDue},
    {S::kNotYetDue, T::kDisputeUpheld, G::kSettled, S::kCredited},
    {S::kNotYetDue, T::kDisputeUpheld, G::kAlways, S::kNotYetDue},
    {S::kNotYetDue, T::kPromise, G::kAlways, S::kPromised},
    {S::kNotYetDue, T::kPlanAgreed, G::kAlways, S::kOnPlan},
    {S::kNotYetDue, T::kBlocked, G::kAlways, S::kBlocked},
    {S::kNotYetDue, T::kWrittenOff, G::kAlways, S::kWrittenOff},
    {S::kNotYetDue, T::kActionAcknowledged, G::kAlways, S::kNotYetDue},
    // Courtesy notice sent (before the due date).
    {S::kCourtesySent, T::kPayment, G::kSettled, S::kPaid},
    {S::kCourtesySent, T::kPayment, G::kWholeBalance, S::kDisputed},
    {S::kCourtesySent, T::kPayment, G::kAlways, S::kCourtesySent},
    {S::kCourtesySent, T::kCreditNote, G::kSettled, S::kCredited},
    {S::kCourtesySent, T::kCreditNote, G::kAlways, S::kCourtesySent},
    {S::kCourtesySent, T::kAction, G::kAlways, S::kCourtesySent},
    {S::kCourtesySent, T::kDueDatePassed, G::kAlways, S::kOverdue},
    {S::kCourtesySent, T::kDisputeOpened, G::kWholeBalance, S::kDisputed},
    {S::kCourtesySent, T::kDisputeOpened, G::kAlways, S::kCourtesySent},
    {S::kCourtesySent, T::kDisputeRejected, G::kAlways, S::kCourtesySent},
    {S::kCourtesySent, T::kDisputeUpheld, G::kSettled, S::kCredited},
    {S::kCourtesySent, T::kDisputeUpheld, G::kAlways, S::kCourtesySent},
    {S::kCourtesySent, T::kPromise, G::kAlways, S::kPromised},
    {S::kCourtesySent, T::kPlanAgreed, G::kAlways, S::kOnPlan},
    {S::kCourtesySent, T::kBlocked, G::kAlways, S::kBlocked},
    {S::kCourtesySent, T::kWrittenOff, G::kAlways, S::kWrittenOff},
    {S::kCourtesySent, T::kActionAcknowledged, G::kAlways, S::kCourtesySent},
    // Overdue: the dunning ladder runs.
    {S::kOverdue, T::kPayment, G::kSettled, S::kPaid},
    {S::kOverdue, T::kPayment, G::kWholeBalance, S::kDisputed},
    {S::kOverdue, T::kPayment, G::kAlways, S::kOverdue},
    {S::kOverdue, T::kCreditNote, G::kSettled, S::kCredited},
    {S::kOverdue, T::kCreditNote, G::kAlways, S::kOverdue},
    {S::kOverdue, T::kAction, G::kAlways, S::kOverdue},
    {S::kOverdue, T::kDisputeOpened, G::kWholeBalance, S::kDisputed},
    {S::kOverdue, T::kDisputeOpened, G::kAlways, S::kOverdue},
    {S::kOverdue, T::kDisputeRejected, G::kAlways, S::kOverdue},
    {S::kOverdue, T::kDisputeUpheld, G::kSettled, S::kCredited},
    {S::kOverdue, T::kDisputeUpheld, G::kAlways, S::kOverdue},
    {S::kOverdue, T::kPromise, G::kAlways, S::kPromised},
    {S::kOverdue, T::kPlanAgreed, G::kAlways, S::kOnPlan},
    {S::kOverdue, T::kBlocked, G::kAlways, S::kBlocked},
    {S::kOverdue, T::kHandedToAgency, G::kAlways, S::kWithAgency},
    {S::kOverdue, T::kLegalAction, G::kAlways, S::kInLegalAction},
    {S::kOverdue, T::kWrittenOff, G::kAlways, S::kWrittenOff},
    {S::kOverdue, T::kActionAcknowledged, G::kAlways, S::kOverdue},
    // Disputed in full: paused until the dispute is resolved.
    {S::kDisputed, T::kPayment, G::kSettled, S::kPaid},
    {S::kDisputed, T::kPayment, G::kAlways, S::kDisputed},
    {S::kDisputed, T::kCreditNote, G::kSettled, S::kCredited},
    {S::kDisputed, T::kCreditNote, G::kAlways, S::kDisputed},
    {S::kDisputed, T::kAction, G::kAlways, S::kDisputed},   // a call logged
    {S::kDisputed, T::kBlocked, G::kAlways, S::kDisputed},  // takes over after
    {S::kDisputed, T::kDueDatePassed, G::kAlways, S::kDisputed},
    {S::kDisputed, T::kDisputeRejected, G::kBlockInForce, S::kBlocked},
    {S::kDisputed, T::kDisputeRejected, G::kPromiseInForce, S::kPromised},
    {S::kDisputed, T::kDisputeRejected, G::kPlanInForce, S::kOnPlan},
    {S::kDisputed, T::kDisputeRejected, G::kPastDue, S::kOverdue},
    {S::kDisputed, T::kDisputeRejected, G::kAlways, S::kNotYetDue},
    {S::kDisputed, T::kDisputeUpheld, G::kSettled, S::kCredited},
    {S::kDisputed, T::kDisputeUpheld, G::kBlockInForce, S::kBlocked},
    {S::kDisputed, T::kDisputeUpheld, G::kPromiseInForce, S::kPromised},
    {S::kDisputed, T::kDisputeUpheld, G::kPlanInForce, S::kOnPlan},
    {S::kDisputed, T::kDisputeUpheld, G::kPastDue, S::kOverdue},
    {S::kDisputed, T::kDisputeUpheld, G::kAlways, S::kNotYetDue},
    {S::kDisputed, T::kWrittenOff, G::kAlways, S::kWrittenOff},
    {S::kDisputed, T::kActionAcknowledged, G::kAlways, S::kDisputed},
    // Promised: paused until the promised date.
    {S::kPromised, T::kPayment, G::kSettled, S::kPaid},
    {S::kPromised, T::kPayment, G::kWholeBalance, S::kDisputed},
    {S::kPromised, T::kPayment, G::kAlways, S::kPromised},
    {S::kPromised, T::kCreditNote, G::kSettled, S::kCredited},
    {S::kPromised, T::kCreditNote, G::kAlways, S::kPromised},
    {S::kPromised, T::kAction, G::kAlways, S::kPromised},
    {S::kPromised, T::kPromise, G::kAlways, S::kPromised},
    {S::kPromised, T::kPromiseConfirmed, G::kAlways, S::kPromised},
    {S::kPromised, T::kPromiseBroken, G::kPastDue, S::kOverdue},
    {S::kPromised, T::kPromiseBroken, G::kAlways, S::kNotYetDue},
    {S::kPromised, T::kPromiseKept, G::kPastDue, S::kOverdue},
    {S::kPromised, T::kPromiseKept, G::kAlways, S::kNotYetDue},
    {S::kPromised, T::kDueDatePassed, G::kAlways, S::kPromised},
    {S::kPromised, T::kDisputeOpened, G::kWholeBalance, S::kDisputed},
    {S::kPromised, T::kDisputeOpened, G::kAlways, S::kPromised},
    {S::kPromised, T::kDisputeRejected, G::kAlways, S::kPromised},
    {S::kPromised, T::kDisputeUpheld, G::kSettled, S::kCredited},
    {S::kPromised, T::kDisputeUpheld, G::kAlways, S::kPromised},
    {S::kPromised, T::kPlanAgreed, G::kAlways, S::kOnPlan},
    {S::kPromised, T::kBlocked, G::kAlways, S::kBlocked},
    {S::kPromised, T::kWrittenOff, G::kAlways, S::kWrittenOff},
    {S::kPromised, T::kActionAcknowledged, G::kAlways, S::kPromised},
    // On a payment plan: paused while the instalments are met.
    {S::kOnPlan, T::kPayment, G::kSettled, S::kPaid},
    {S::kOnPlan, T::kPayment, G::kWholeBalance, S::kDisputed},
    {S::kOnPlan, T::kPayment, G::kAlways, S::kOnPlan},
    {S::kOnPlan, T::kCreditNote, G::kSettled, S::kCredited},
    {S::kOnPlan, T::kCreditNote, G::kAlways, S::kOnPlan},
    {S::kOnPlan, T::kAction, G::kAlways, S::kOnPlan},
    {S::kOnPlan, T::kInstalmentMissed, G::kPastDue, S::kOverdue},
    {S::kOnPlan, T::kInstalmentMissed, G::kAlways, S::kNotYetDue},
    {S::kOnPlan, T::kDueDatePassed, G::kAlways, S::kOnPlan},
    {S::kOnPlan, T::kDisputeOpened, G::kWholeBalance, S::kDisputed},
    {S::kOnPlan, T::kDisputeOpened, G::kAlways, S::kOnPlan},
    {S::kOnPlan, T::kDisputeRejected, G::kAlways, S::kOnPlan},
    {S::kOnPlan, T::kDisputeUpheld, G::kSettled, S::kCredited},
    {S::kOnPlan, T::kDisputeUpheld, G::kAlways, S::kOnPlan},
    {S::kOnPlan, T::kPromise, G::kAlways, S::kPromised},
    {S::kOnPlan, T::kPlanAgreed, G::kAlways, S::kOnPlan},
    {S::kOnPlan, T::kBlocked, G::kAlways, S::kBlocked},
    {S::kOnPlan, T::kWrittenOff, G::kAlways, S::kWrittenOff},
    {S::kOnPlan, T::kActionAcknowledged, G::kAlways, S::kOnPlan},
    // Blocked: paused until the block's date.
    {S::kBlocked, T::kPayment, G::kSettled, S::kPaid},
    {S::kBlocked, T::kPayment, G::kWholeBalance, S::kDisputed},
    {S::kBlocked, T::kPayment, G::kAlways, S::kBlocked},
    {S::kBlocked, T::kCreditNote, G::kSettled, S::kCredited},
    {S::kBlocked, T::kCreditNote, G::kAlways, S::kBlocked},
    {S::kBlocked, T::kAction, G::kAlways, S::kBlocked},  // a call logged
    {S::kBlocked, T::kBlocked, G::kAlways, S::kBlocked},
    {S::kBlocked, T::kBlockExpired, G::kPastDue, S::kOverdue},
    {S::kBlocked, T::kBlockExpired, G::kAlways, S::kNotYetDue},
    {S::kBlocked, T::kDueDatePassed, G::kAlways, S::kBlocked},
    {S::kBlocked, T::kDisputeOpened, G::kWholeBalance, S::kDisputed},
    {S::kBlocked, T::kDisputeOpened, G::kAlways, S::kBlocked},
    {S::kBlocked, T::kDisputeRejected, G::kAlways, S::kBlocked},
    {S::kBlocked, T::kDisputeUpheld, G::kSettled, S::kCredited},
    {S::kBlocked, T::kDisputeUpheld, G::kAlways, S::kBlocked},
    {S::kBlocked, T::kPromise, G::kAlways, S::kPromised},
    {S::kBlocked, T::kPlanAgreed, G::kAlways, S::kOnPlan},
    {S::kBlocked, T::kWrittenOff, G::kAlways, S::kWrittenOff},
    {S::kBlocked, T::kActionAcknowledged, G::kAlways, S::kBlocked},
    // With a collection agency.
    {S::kWithAgency, T::kPayment, G::kSettled, S::kPaid},
    {S::kWithAgency, T::kPayment, G::kAlways, S::kWithAgency},
    {S::kWithAgency, T::kCreditNote, G::kSettled, S::kCredited},
    {S::kWithAgency, T::kCreditNote, G::kAlways, S::kWithAgency},
    {S::kWithAgency, T::kAction, G::kAlways, S::kWithAgency},
    {S::kWithAgency, T::kLegalAction, G::kAlways, S::kInLegalAction},
    {S::kWithAgency, T::kWrittenOff, G::kAlways, S::kWrittenOff},
    {S::kWithAgency, T::kActionAcknowledged, G::kAlways, S::kWithAgency},
    // In legal action.
    {S::kInLegalAction, T::kPayment, G::kSettled, S::kPaid},
    {S::kInLegalAction, T::kPayment, G::kAlways, S::kInLegalAction},
    {S::kInLegalAction, T::kCreditNote, G::kSettled, S::kCredited},
    {S::kInLegalAction, T::kCreditNote, G::kAlways, S::kInLegalAction},
    {S::kInLegalAction, T::kAction, G::kAlways, S::kInLegalAction},
    {S::kInLegalAction, T::kWrittenOff, G::kAlways, S::kWrittenOff},
    {S::kInLegalAction, T::kActionAcknowledged, G::kAlways, S::kInLegalAction},
    // Paid, credited and written off are final. A paid invoice may still
    // receive a thank-you, or a reminder of its late-payment claim; cash
    // received, or a credit note (goods returned after payment), on a paid
    // or credited invoice is unapplied; a credit note implementing an upheld
    // dispute is recorded and credits nothing more; a payment recovered after
    // a write-off is recorded, and closes the invoice as paid when it covers
    // what was written off; a credit note after a write-off (the invoice
    // cancelled in the accounts) reduces what was written off, and closes
    // the invoice as credited when it covers it.
    {S::kPaid, T::kAction, G::kAlways, S::kPaid},
    {S::kPaid, T::kPayment, G::kAlways, S::kPaid},
    {S::kPaid, T::kCreditNote, G::kAlways, S::kPaid},
    {S::kCredited, T::kPayment, G::kAlways, S::kCredited},
    {S::kCredited, T::kCreditNote, G::kCreditExpected, S::kCredited},
    {S::kCredited, T::kCreditNote, G::kAlways, S::kCredited},
    {S::kCredited, T::kDisputeUpheld, G::kAlways, S::kCredited},
    {S::kWrittenOff, T::kPayment, G::kSettled, S::kPaid},
    {S::kWrittenOff, T::kPayment, G::kAlways, S::kWrittenOff},
    {S::kWrittenOff, T::kCreditNote, G::kSettled, S::kCredited},
    {S::kWrittenOff, T::kCreditNote, G::kAlways, S::kWrittenOff},
    // An acknowledgement received (the signed receipt of a registered
    // letter, a read receipt) is evidence for the dossier: in every state,
    // including the closed ones (the card of a formal notice may come back
    // after the payment), it changes nothing.
    {S::kPaid, T::kActionAcknowledged, G::kAlways, S::kPaid},
    {S::kCredited, T::kActionAcknowledged, G::kAlways, S::kCredited},
    {S::kWrittenOff, T::kActionAcknowledged, G::kAlways, S::kWrittenOff},
};

constexpr internal::EnumName<InvoiceState> kStateNames[] = {
    {S::kNotYetDue, "not_yet_due"},
    {S::kCourtesySent, "courtesy_sent"},
    {S::kOverdue, "overdue"},
    {S::kDisputed, "disputed"},
    {S::kPromised, "promised"},
    {S::kOnPlan, "on_plan"},
    {S::kBlocked, "blocked"},
    {S::kWithAgency, "with_agency"},
    {S::kInLegalAction, "in_legal_action"},
    {S::kPaid, "paid"},
    {S::kCredited, "credited"},
    {S::kWrittenOff, "written_off"},
};

constexpr internal::EnumName<Trigger> kTriggerNames[] = {
    {T::kPayment, "payment"},
    {T::kCreditNote, "credit_note"},
    {T::kAction, "action"},
    {T::kDisputeOpened, "dispute_opened"},
    {T::kDisputeRejected, "dispute_rejected"},
    {T::kDisputeUpheld, "dispute_upheld"},
    {T::kPromise, "promise"},
    {T::kPromiseConfirmed, "promise_confirmed"},
    {T::kPlanAgreed, "plan_agreed"},
    {T::kBlocked, "blocked"},
    {T::kHandedToAgency, "handed_to_agency"},
    {T::kLegalAction, "legal_action"},
    {T::kWrittenOff, "written_off"},
    {T::kActionAcknowledged, "action_acknowledged"},
    {T::kDueDatePassed, "due_date_passed"},
    {T::kPromiseBroken, "promise_broken"},
    {T::kPromiseKept, "promise_kept"},
    {T::kInstalmentMissed, "instalment_missed"},
    {T::kBlockExpired, "block_expired"},
};

constexpr internal::EnumName<Guard> kGuardNames[] = {
    {G::kAlways, "always"},
    {G::kSettled, "settled"},
    {G::kBalanceLeft, "balance left"},
    {G::kWholeBalance, "whole balance"},
    {G::kPartOfBalance, "part of balance"},
    {G::kPastDue, "past due"},
    {G::kNotPastDue, "not past due"},
    {G::kBlockInForce, "block in force"},
    {G::kPromiseInForce, "promise in force"},
    {G::kPlanInForce, "plan in force"},
    {G::kCreditExpected, "credit expected"},
};

// The fold's working state for one invoice.
struct Fold {
  const CompiledCase* c = nullptr;
  InvoiceLifecycle& life;  // the caller's: filled in place
  bool due_passed = false;
  // An open dispute (its amount may have been credited already).
  bool dispute_open = false;
  Money dispute_amount;    // the amount disputed when opened
  Money dispute_credited;  // credit notes received while it was open
  // Credit an upheld dispute granted that a credit note may still implement.
  Money credit_expected;
  bool last_credit_expected = false;  // the last credit note was such
  // The promise in force: its date (payments toward its amount count from
  // it).
  std::optional<Date> promise_date = {};
  std::vector<std::string> promise_invoices = {};  // empty: the account
  // The plan in force: its date, instalments and the invoices it covers
  // (empty: every invoice of the account).
  std::optional<Date> plan_date = {};
  std::vector<PlanInstalment> plan = {};
  std::vector<std::string> plan_invoices = {};
};

// An amount known to lie between zero and an amount already validated (a
// part of a balance): within Money's bounds.
Money Units(int64_t minor_units, Currency currency) {
  return internal::MoneyWithinBound::Make(minor_units, currency);
}

bool IsPayment(const Event& event) {
  return event.kind == EventKind::kPaymentReceived && event.amount.has_value();
}

// Payments on `invoices` (empty: every invoice of the case) from `from` to
// `until` (inclusive), in the invoice's currency: what a plan's instalments
// or a promise's amount are met by.
int64_t PaidOn(const Fold& fold, std::span<const std::string> invoices,
               Date from, Date until) {
  const Currency currency = fold.life.amount.currency();
  int64_t paid = 0;
  const auto add_if_counted = [&](const Event& event) {
    if (IsPayment(event) && event.amount->currency() == currency &&
        event.date >= from && event.date <= until) {
      paid += event.amount->minor_units();
    }
  };
  if (invoices.empty()) {
    for (const Event& event : fold.c->events()) add_if_counted(event);
  } else {
    for (const std::string& id : invoices) {
      if (std::optional<size_t> index = fold.c->FindInvoice(id)) {
        for (uint32_t event : fold.c->EventsOf(*index)) {
          add_if_counted(fold.c->events()[event]);
        }
      }
    }
  }
  return paid;
}

// Payments toward the plan, from its date to `until`.
int64_t PaidOnPlan(const Fold& fold, Date until) {
  return PaidOn(fold, fold.plan_invoices, *fold.plan_date, until);
}

// The day after the first instalment that the payments by its date do not
// cover.
std::optional<Date> MissedInstalmentDate(const Fold& fold) {
  if (!fold.plan_date) return std::nullopt;
  int64_t cumulative = 0;
  for (const PlanInstalment& instalment : fold.plan) {
    cumulative += instalment.amount.minor_units();
    if (PaidOnPlan(fold, instalment.date) < cumulative) {
      return instalment.date + Days{1};
    }
  }
  return std::nullopt;
}

// Payments toward the promise (on the invoices it covers), from the promise
// to `until`.
int64_t PaidSincePromise(const Fold& fold, Date until) {
  return PaidOn(fold, fold.promise_invoices, *fold.promise_date, until);
}

bool GuardHolds(Guard guard, const Fold& fold, Date date) {
  const InvoiceLifecycle& life = fold.life;
  switch (guard) {
    case G::kAlways:
      return true;
    case G::kSettled:
      return !life.balance.IsPositive();
    case G::kBalanceLeft:
      return life.balance.IsPositive();
    case G::kWholeBalance:
      return life.disputed.minor_units() >= life.balance.minor_units();
    case G::kPartOfBalance:
      return life.disputed.minor_units() < life.balance.minor_units();
    case G::kPastDue:
      return date > life.due_date;
    case G::kNotPastDue:
      return date <= life.due_date;
    case G::kBlockInForce:
      return life.blocked_until && *life.blocked_until >= date;
    case G::kPromiseInForce:
      return life.promised_date && *life.promised_date >= date;
    case G::kPlanInForce: {
      if (!fold.plan_date) return false;
      const std::optional<Date> missed = MissedInstalmentDate(fold);
      return !missed || *missed > date;
    }
    case G::kCreditExpected:
      return fold.last_credit_expected;
  }
  return false;
}

// kWrittenOff and kBlockExpired are the last enumerators of their enums.
// The rows of kTable per (from, trigger), in table order: an index built
// once, so a step looks at its few candidate rows only.
constexpr size_t kStates = static_cast<size_t>(S::kWrittenOff) + 1;
constexpr size_t kTriggers = static_cast<size_t>(T::kBlockExpired) + 1;
struct RowIndex {
  // Rows of each (from, trigger): [begin, end) into `rows`.
  std::array<std::pair<uint16_t, uint16_t>, kStates* kTriggers> ranges = {};
  std::array<const Transition*, std::size(kTable)> rows = {};
};

const RowIndex& Rows() {
  static const RowIndex index = [] {
    RowIndex built;
    uint16_t next = 0;
    for (size_t cell = 0; cell < kStates * kTriggers; ++cell) {
      const uint16_t begin = next;
      for (const Transition& row : kTable) {
        if (static_cast<size_t>(row.from) * kTriggers +
                static_cast<size_t>(row.trigger) ==
            cell) {
          built.rows[next++] = &row;
        }
      }
      built.ranges[cell] = {begin, next};
    }
    return built;
  }();
  return index;
}

const Transition* FindRow(InvoiceState from, Trigger trigger, const Fold& fold,
                          Date date) {
  const RowIndex& index = Rows();
  const auto [begin, end] = index.ranges[static_cast<size_t>(from) * kTriggers +
                                         static_cast<size_t>(trigger)];
  for (uint16_t i = begin; i < end; ++i) {
    if (GuardHolds(index.rows[i]->guard, fold, date)) return index.rows[i];
  }
  return nullptr;
}

// The trigger at the end of a promise: kept when its amount was paid.
Trigger PromiseOutcome(const Fold& fold, Date end) {
  const InvoiceLifecycle& life = fold.life;
  if (life.promised_amount && fold.promise_date &&
      PaidSincePromise(fold, end) >= life.promised_amount->minor_units()) {
    return T::kPromiseKept;
  }
  return T::kPromiseBroken;
}

// The earliest time trigger due on or before `limit`, if any.
std::optional<std::pair<Date, Trigger>> NextTimeTrigger(const Fold& fold,
                                                        Date limit) {
  const InvoiceLifecycle& life = fold.life;
  if (IsClosed(life.state)) return std::nullopt;
  std::optional<std::pair<Date, Trigger>> next;
  const auto consider = [&](Date date, Trigger trigger) {
    if (date <= limit && (!next || date < next->first)) {
      next = std::make_pair(date, trigger);
    }
  };
  if (!fold.due_passed) consider(life.due_date + Days{1}, T::kDueDatePassed);
  if (life.state == S::kPromised && life.promised_date) {
    consider(*life.promised_date + Days{1},
             PromiseOutcome(fold, *life.promised_date));
  }
  if (life.state == S::kBlocked && life.blocked_until) {
    consider(*life.blocked_until + Days{1}, T::kBlockExpired);
  }
  if (life.state == S::kOnPlan) {
    if (std::optional<Date> missed = MissedInstalmentDate(fold)) {
      consider(*missed, T::kInstalmentMissed);
    }
  }
  return next;
}

Trigger TriggerOf(const Event& event) {
  switch (event.kind) {
    case EventKind::kPaymentReceived:
      return T::kPayment;
    case EventKind::kCreditNote:
      return T::kCreditNote;
    case EventKind::kActionPerformed:
      return T::kAction;
    case EventKind::kDisputeOpened:
      return T::kDisputeOpened;
    case EventKind::kDisputeResolved:
      return event.outcome == DisputeOutcome::kUpheld ? T::kDisputeUpheld
                                                      : T::kDisputeRejected;
    case EventKind::kPromiseToPay:
      return T::kPromise;
    case EventKind::kPromiseConfirmed:
      return T::kPromiseConfirmed;
    case EventKind::kPaymentPlanAgreed:
      return T::kPlanAgreed;
    case EventKind::kDunningBlocked:
      return T::kBlocked;
    case EventKind::kHandedToAgency:
      return T::kHandedToAgency;
    case EventKind::kLegalActionStarted:
      return T::kLegalAction;
    case EventKind::kWrittenOff:
      return T::kWrittenOff;
    case EventKind::kActionAcknowledged:
      return T::kActionAcknowledged;
    default:
      return T::kAction;  // not reached: other kinds are not folded
  }
}

// Takes `amount` off the balance; what exceeds it is unapplied.
absl::Status Reduce(InvoiceLifecycle& life, Money amount) {
  const int64_t applied =
      std::min(amount.minor_units(), life.balance.minor_units());
  const Currency currency = life.amount.currency();
  life.balance = Units(life.balance.minor_units() - applied, currency);
  // What is disputed is part of what is open: a payment during a partial
  // dispute may leave only the disputed part.
  if (life.disputed.minor_units() > life.balance.minor_units()) {
    life.disputed = life.balance;
  }
  RELANCE_ASSIGN_OR_RETURN(
      life.unapplied,
      Add(life.unapplied, Units(amount.minor_units() - applied, currency)));
  return absl::OkStatus();
}

// The invoices an event names, each once, in the order first named.
std::vector<std::string> DistinctInvoices(const Event& event) {
  std::vector<std::string> distinct;
  for (std::string& id : event.Invoices()) {
    if (std::find(distinct.begin(), distinct.end(), id) == distinct.end()) {
      distinct.push_back(std::move(id));
    }
  }
  return distinct;
}

// This invoice's share of a fee recorded on an action for several invoices:
// split in proportion to the invoices' amounts (each invoice once, however
// often the letter names it).
absl::StatusOr<Money> FeeShare(const CompiledCase& c, const Event& event,
                               std::string_view invoice) {
  const std::vector<std::string> targets = DistinctInvoices(event);
  if (targets.size() <= 1) return *event.amount;
  std::vector<int64_t> weights;
  size_t position = 0;
  for (size_t i = 0; i < targets.size(); ++i) {
    const std::optional<size_t> index = c.FindInvoice(targets[i]);
    weights.push_back(index ? c.invoices()[*index].amount.minor_units() : 0);
    if (targets[i] == invoice) position = i;
  }
  RELANCE_ASSIGN_OR_RETURN(std::vector<Money> shares,
                           AllocateByWeights(*event.amount, weights));
  return shares[position];
}

// Records a payment or credit for the penalty assessment. An invoice paid in
// instalments gets several: room for four at the first (one allocation).
void AddSettlement(InvoiceLifecycle& life, Settlement settlement) {
  if (life.settlements.empty()) life.settlements.reserve(4);
  life.settlements.push_back(settlement);
}

// Applies the amounts and dates an event carries before its transition.
absl::Status ApplyEvent(Fold& fold, const Event& event, uint32_t index,
                        absl::FunctionRef<std::string()> where) {
  InvoiceLifecycle& life = fold.life;
  const Currency currency = life.amount.currency();
  fold.last_credit_expected = false;
  switch (event.kind) {
    case EventKind::kPaymentReceived: {
      AddSettlement(life, {.date = event.date,
                           .amount = *event.amount,
                           .kind = Settlement::Kind::kPayment});
      if (life.state == S::kWrittenOff) {
        RELANCE_ASSIGN_OR_RETURN(life.recovered,
                                 Add(life.recovered, *event.amount));
      }
      if (life.state == S::kPaid || life.state == S::kCredited) {
        RELANCE_ASSIGN_OR_RETURN(life.unapplied,
                                 Add(life.unapplied, *event.amount));
      } else {
        RELANCE_RETURN_IF_ERROR(Reduce(life, *event.amount));
      }
      break;
    }
    case EventKind::kCreditNote: {
      // A credit note first implements an upheld dispute's credit (already
      // taken off), then answers an open dispute, then reduces the balance.
      const int64_t expected = std::min(event.amount->minor_units(),
                                        fold.credit_expected.minor_units());
      fold.credit_expected =
          Units(fold.credit_expected.minor_units() - expected, currency);
      fold.last_credit_expected =
          expected == event.amount->minor_units() && expected > 0;
      const Money rest =
          Units(event.amount->minor_units() - expected, currency);
      if (rest.IsPositive()) {
        AddSettlement(life, {.date = event.date,
                             .amount = rest,
                             .kind = Settlement::Kind::kCreditNote});
        if (fold.dispute_open) {
          const int64_t answered =
              std::min(rest.minor_units(), life.disputed.minor_units());
          life.disputed =
              Units(life.disputed.minor_units() - answered, currency);
          fold.dispute_credited =
              Units(fold.dispute_credited.minor_units() + answered, currency);
        }
        RELANCE_RETURN_IF_ERROR(Reduce(life, rest));
      }
      if (life.disputed.minor_units() > life.balance.minor_units()) {
        life.disputed = life.balance;
      }
      break;
    }
    case EventKind::kDisputeOpened:
      fold.dispute_open = true;
      life.disputed = event.amount && event.amount->minor_units() <
                                          life.balance.minor_units()
                          ? *event.amount
                          : life.balance;
      fold.dispute_amount = life.disputed;
      fold.dispute_credited = Money::Zero(currency);
      break;
    case EventKind::kDisputeResolved: {
      if (!fold.dispute_open) {
        return absl::FailedPreconditionError(absl::StrCat(
            where(), ": invoice ", life.invoice, " has no open dispute"));
      }
      if (event.outcome == DisputeOutcome::kUpheld) {
        // Upholding more than was disputed would credit what nobody
        // disputed: a larger credit is a credit note.
        if (event.amount &&
            event.amount->minor_units() > fold.dispute_amount.minor_units()) {
          return absl::FailedPreconditionError(absl::StrCat(
              where(), ": upholds ", event.amount->ToString(), " but ",
              fold.dispute_amount.ToString(), " was disputed on invoice ",
              life.invoice, "; record a credit_note for a larger credit"));
        }
        // The amount upheld (all that was disputed when none is given), less
        // what credit notes already credited during the dispute.
        const Money upheld = event.amount ? *event.amount : fold.dispute_amount;
        const int64_t to_credit = std::min(
            std::max<int64_t>(
                0, upheld.minor_units() - fold.dispute_credited.minor_units()),
            life.balance.minor_units());
        if (to_credit > 0) {
          const Money credit = Units(to_credit, currency);
          AddSettlement(life, {.date = event.date,
                               .amount = credit,
                               .kind = Settlement::Kind::kCreditNote});
          life.balance =
              Units(life.balance.minor_units() - to_credit, currency);
          RELANCE_ASSIGN_OR_RETURN(fold.credit_expected,
                                   Add(fold.credit_expected, credit));
        }
      }
      fold.dispute_open = false;
      life.disputed = Money::Zero(currency);
      break;
    }
    case EventKind::kPromiseToPay:
      life.promised_date = event.promised_date;
      fold.promise_date = event.date;
      life.promised_amount.reset();
      // A promise may give its amount: for several invoices or the whole
      // account, the payments on all of them count toward it.
      fold.promise_invoices = DistinctInvoices(event);
      if (event.amount && event.amount->currency() == currency) {
        life.promised_amount = event.amount;
      }
      break;
    case EventKind::kPaymentPlanAgreed:
      fold.plan_date = event.date;
      fold.plan = event.instalments;
      // Each invoice once: its payments count once toward the instalments.
      fold.plan_invoices = DistinctInvoices(event);
      break;
    case EventKind::kDunningBlocked:
      life.blocked_until = event.until;
      break;
    case EventKind::kActionPerformed:
      ++life.actions_performed;
      life.last_action_date = event.date;
      life.last_level = event.level;
      // Ladders have a handful of levels: one allocation for most invoices.
      if (life.action_events.empty()) life.action_events.reserve(8);
      life.action_events.push_back(index);
      if (event.amount) {
        RELANCE_ASSIGN_OR_RETURN(Money fee,
                                 FeeShare(*fold.c, event, life.invoice));
        if (fee.IsPositive()) {
          life.fees.push_back(
              {.date = event.date, .amount = fee, .label = event.level});
        }
        RELANCE_ASSIGN_OR_RETURN(life.fees_charged,
                                 Add(life.fees_charged, fee));
      }
      break;
    default:
      break;
  }
  return absl::OkStatus();
}

}  // namespace

std::string_view ToString(InvoiceState state) {
  return internal::NameOf(kStateNames, state);
}
std::string_view ToString(Trigger trigger) {
  return internal::NameOf(kTriggerNames, trigger);
}
std::string_view ToString(Guard guard) {
  return internal::NameOf(kGuardNames, guard);
}

bool IsClosed(InvoiceState state) {
  return state == S::kPaid || state == S::kCredited || state == S::kWrittenOff;
}

bool IsPaused(InvoiceState state) {
  return state == S::kDisputed || state == S::kPromised ||
         state == S::kOnPlan || state == S::kBlocked;
}

std::span<const Transition> Transitions() { return kTable; }

std::string TransitionsAsDot() {
  std::string dot = "digraph lifecycle {\n  rankdir=LR;\n";
  for (const auto& [state, name] : kStateNames) {
    absl::StrAppend(
        &dot, "  ", std::string(name),
        IsClosed(state) ? " [shape=doublecircle];\n" : " [shape=box];\n");
  }
  for (const Transition& row : kTable) {
    absl::StrAppend(&dot, "  ", std::string(ToString(row.from)), " -> ",
                    std::string(ToString(row.to)), " [label=\"",
                    std::string(ToString(row.trigger)));
    if (row.guard != G::kAlways) {
      absl::StrAppend(&dot, " [", std::string(ToString(row.guard)), "]");
    }
    dot += "\"];\n";
  }
  dot += "}\n";
  return dot;
}

namespace internal {

absl::Status FoldInvoiceInto(const CompiledCase& c, size_t index, Date as_of,
                             bool with_history, InvoiceLifecycle& life) {
  const CompiledInvoice& invoice = c.invoices()[index];
  const Currency currency = invoice.amount.currency();
  const Money zero = Money::Zero(currency);
  // Field by field: `life` is a fresh lifecycle, often already in its place
  // in the caller's list (no temporary to move).
  life.invoice = invoice.id;
  life.issue_date = invoice.issue_date;
  life.due_date = invoice.due_date;
  life.amount = invoice.amount;
  life.balance = invoice.amount;
  life.disputed = zero;
  life.unapplied = zero;
  life.recovered = zero;
  life.fees_charged = zero;
  Fold fold{.c = &c,
            .life = life,
            .dispute_amount = zero,
            .dispute_credited = zero,
            .credit_expected = zero};

  const auto step = [&](Date date, Trigger trigger,
                        int event_index) -> const Transition* {
    const Transition* row = FindRow(life.state, trigger, fold, date);
    if (row == nullptr) return nullptr;
    if (with_history) {
      life.history.push_back({.date = date,
                              .trigger = trigger,
                              .from = life.state,
                              .to = row->to,
                              .event_index = event_index});
    }
    if (row->to == S::kPaid && life.state != S::kPaid) life.paid_date = date;
    life.state = row->to;
    return row;
  };
  const auto run_time_until = [&](Date limit) {
    while (std::optional<std::pair<Date, Trigger>> next =
               NextTimeTrigger(fold, limit)) {
      const auto [date, trigger] = *next;
      if (trigger == T::kDueDatePassed) fold.due_passed = true;
      if (trigger == T::kPromiseBroken) {
        ++life.broken_promises;
        life.last_broken_promise = date;
      }
      // A time trigger with no row for the state changes nothing.
      step(date, trigger, -1);
      if (trigger == T::kPromiseBroken || trigger == T::kPromiseKept) {
        life.promised_date.reset();
        life.promised_amount.reset();
        fold.promise_date.reset();
      }
      if (trigger == T::kBlockExpired) life.blocked_until.reset();
      if (trigger == T::kInstalmentMissed) fold.plan_date.reset();
    }
  };

  const std::span<const Event> events = c.events();
  for (const uint32_t i : c.EventsOf(index).subspan(1)) {
    const Event& event = events[i];
    if (event.date > as_of) break;
    // An account-wide event concerns the invoice while it is open, in a
    // state that accepts it.
    // (An acknowledgement naming no invoice concerns its action's.)
    const bool account_wide = event.invoice.empty() && event.invoices.empty() &&
                              event.kind != EventKind::kActionAcknowledged;
    if (account_wide && IsClosed(life.state)) continue;
    // Only built for an error message.
    const auto where = [&event, i] {
      return absl::StrCat("events[", i, "] ", std::string(ToString(event.kind)),
                          " on ", FormatDate(event.date));
    };
    run_time_until(event.date);
    if (account_wide &&
        FindRow(life.state, TriggerOf(event), fold, event.date) == nullptr) {
      continue;  // e.g. a hand-off of the account: not this invoice yet
    }
    if (event.amount && !(event.amount->currency() == currency) &&
        event.kind != EventKind::kPromiseToPay) {
      return absl::InvalidArgumentError(
          absl::StrCat(where(), ": ", event.amount->ToString(), " but invoice ",
                       life.invoice, " is in ", currency.ToString()));
    }
    // Apply the event's amounts, then take the transition.
    RELANCE_RETURN_IF_ERROR(ApplyEvent(fold, event, i, where));
    if (step(event.date, TriggerOf(event), static_cast<int>(i)) == nullptr) {
      return absl::FailedPreconditionError(
          absl::StrCat(where(), ": not allowed for invoice ", life.invoice,
                       " in state ", std::string(ToString(life.state))));
    }
  }
  run_time_until(as_of);
  if (life.state == S::kOnPlan) {
    life.next_instalment_check = MissedInstalmentDate(fold);
  }
  return absl::OkStatus();
}

}  // namespace internal

absl::StatusOr<InvoiceLifecycle> FoldInvoice(const CompiledCase& c,
                                             size_t index, Date as_of,
                                             bool with_history) {
  if (index >= c.invoices().size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("case ", internal::QuoteForMessage(c.customer_id()),
                     ": no invoice at index ", index, " (the case issues ",
                     c.invoices().size(), ")"));
  }
  InvoiceLifecycle life;
  RELANCE_RETURN_IF_ERROR(
      internal::FoldInvoiceInto(c, index, as_of, with_history, life));
  return life;
}

absl::StatusOr<InvoiceLifecycle> FoldInvoice(const Case& c,
                                             std::string_view invoice,
                                             Date as_of) {
  RELANCE_ASSIGN_OR_RETURN(CompiledCase compiled,
                           internal::CaseBorrowing::Compile(c, {}));
  const std::optional<size_t> index = compiled.FindInvoice(invoice);
  if (!index) {
    return absl::NotFoundError(
        absl::StrCat("case ", internal::QuoteForMessage(c.customer_id),
                     ": no invoice_issued event for invoice ",
                     internal::QuoteForMessage(invoice)));
  }
  return FoldInvoice(compiled, *index, as_of);
}

}  // namespace relance
