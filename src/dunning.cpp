#include "relance/dunning.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/case_borrowing.hpp"
#include "relance/internal/enum_names.hpp"
#include "relance/internal/fold_into.hpp"
#include "relance/internal/money_within_bound.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/penalty.hpp"

namespace relance {
namespace {

constexpr int kThankYouWindowDays = 30;

constexpr internal::EnumName<PenaltyStatus> kPenaltyStatusNames[] = {
    {PenaltyStatus::kNotClaimed, "not_claimed"},
    {PenaltyStatus::kComputed, "computed"},
    {PenaltyStatus::kUnavailable, "unavailable"},
};

// Adds `amount` to the per-currency list.
absl::Status AddTo(std::vector<Money>& totals, Money amount) {
  for (Money& total : totals) {
    if (total.currency() == amount.currency()) {
      const int64_t sum = total.minor_units() + amount.minor_units();
      if (sum > Money::kMaxMinorUnits || sum < -Money::kMaxMinorUnits) {
        return Add(total, amount).status();  // the error, worded by Add
      }
      total = internal::MoneyWithinBound::Make(sum, amount.currency());
      return absl::OkStatus();
    }
  }
  totals.push_back(amount);
  return absl::OkStatus();
}

void ConsiderReview(std::optional<Date>& review, std::optional<Date> date,
                    Date as_of) {
  if (date && *date > as_of && (!review || *date < *review)) review = date;
}

// --- Phase 1: fold -----------------------------------------------------------

// Every invoice issued by `as_of`, folded, and what the customer's ladder
// and contact cap need from them, gathered in the same pass (each
// lifecycle is read once while it is in cache).
struct Folded {
  std::vector<InvoiceLifecycle> lives;
  CustomerHistory history;
  std::optional<Date> last_contact;
  // Indices of every action_performed event folded, for the account block.
  std::vector<uint32_t> actions;
};

// Asks the processor to load the parts of invoice `index`'s events that
// folding reads (date, kind, invoice, amount, level) while the previous
// invoice is folded: a host's cases are usually cold in memory, and the fold
// visits them in invoice order, not in the order they are stored.
void PrefetchEventsOf(const CompiledCase& c, size_t index) {
  if (index >= c.invoices().size()) return;
  const std::span<const Event> events = c.events();
  for (const uint32_t i : c.EventsOf(index)) {
    const char* start = reinterpret_cast<const char*>(&events[i]);
    __builtin_prefetch(start);
    __builtin_prefetch(start + 64);
    __builtin_prefetch(start + 128);
  }
}

absl::StatusOr<Folded> FoldInvoices(const CompiledCase& c, Date as_of) {
  Folded folded;
  folded.lives.reserve(c.invoices().size());
  // At most every event is an action: one allocation.
  folded.actions.reserve(c.events().size());
  int paid = 0;
  int64_t days_late = 0;
  std::optional<Money> overdue;
  bool mixed = false;
  for (size_t i = 0; i < c.invoices().size(); ++i) {
    // Invoices are in issue order: the rest are issued later.
    if (c.invoices()[i].issue_date > as_of) break;
    PrefetchEventsOf(c, i + 1);
    // Folded in its place in the list.
    InvoiceLifecycle& life = folded.lives.emplace_back();
    RELANCE_RETURN_IF_ERROR(
        internal::FoldInvoiceInto(c, i, as_of, /*with_history=*/false, life));
    // The customer's payment history, for segment rules.
    folded.history.broken_promises += life.broken_promises;
    if (life.paid_date) {
      ++paid;
      days_late +=
          std::max<int64_t>(0, (*life.paid_date - life.due_date).count());
    }
    if (!IsClosed(life.state) && life.due_date < as_of) {
      if (!overdue) {
        overdue = life.balance;
      } else if (overdue->currency() == life.balance.currency()) {
        RELANCE_ASSIGN_OR_RETURN(overdue, Add(*overdue, life.balance));
      } else {
        mixed = true;
      }
    }
    if (life.last_action_date &&
        (!folded.last_contact ||
         *life.last_action_date > *folded.last_contact)) {
      folded.last_contact = life.last_action_date;
    }
    folded.actions.insert(folded.actions.end(), life.action_events.begin(),
                          life.action_events.end());
  }
  if (paid > 0) {
    folded.history.average_days_late = static_cast<int>(days_late / paid);
  }
  if (!mixed) folded.history.amount_overdue = overdue;
  return folded;
}

// --- Phase 2: ladder ---------------------------------------------------------

// What the customer-level events say on `as_of`.
struct CustomerFacts {
  std::string segment;
  std::optional<Date> blocked_since;
  // Index of the last account_unblocked event (none: -1).
  int64_t last_unblock = -1;
};

CustomerFacts ReadCustomerEvents(const CompiledCase& c, Date as_of) {
  CustomerFacts facts;
  for (const uint32_t index : c.CustomerEvents()) {
    const Event& event = c.events()[index];
    if (event.date > as_of) break;
    switch (event.kind) {
      case EventKind::kSegmentAssigned:
        facts.segment = event.segment;
        break;
      case EventKind::kAccountBlocked:
        if (!facts.blocked_since) facts.blocked_since = event.date;
        break;
      case EventKind::kAccountUnblocked:
        facts.blocked_since.reset();
        facts.last_unblock = index;
        break;
      default:
        break;
    }
  }
  return facts;
}

// How far recorded levels take an invoice on the customer's ladder. A
// ladder has a handful of levels: a flat list searched in order costs less
// than building a hash map for every customer.
class LevelIndex {
 public:
  LevelIndex(const Policy& policy, const Ladder& ladder) : ladder_(&ladder) {
    entries_.reserve(ladder.levels.size());
    for (size_t i = 0; i < ladder.levels.size(); ++i) {
      entries_.push_back({ladder.levels[i].id, i + 1, &ladder.levels[i]});
    }
    // A level of another ladder reaches the rank of the last level of this
    // one with an offset no later than its own.
    for (const Ladder& other : policy.ladders()) {
      if (&other == &ladder) continue;
      for (const DunningLevel& level : other.levels) {
        if (FindEntry(level.id) != nullptr) continue;
        size_t rank = 0;
        while (rank < ladder.levels.size() &&
               ladder.levels[rank].offset_days <= level.offset_days) {
          ++rank;
        }
        entries_.push_back({level.id, rank, &level});
      }
    }
  }

  // The number of levels of the ladder `level_id` counts as sent; none for
  // a level the policy does not have (the thank-you is not a level).
  std::optional<size_t> Reached(std::string_view level_id) const {
    const Entry* entry = FindEntry(level_id);
    if (entry == nullptr) return std::nullopt;
    return entry->reached;
  }
  const DunningLevel* Find(std::string_view level_id) const {
    const Entry* entry = FindEntry(level_id);
    return entry == nullptr ? nullptr : entry->level;
  }
  const Ladder& ladder() const { return *ladder_; }

 private:
  struct Entry {
    std::string_view id;
    size_t reached;
    const DunningLevel* level;
  };
  const Entry* FindEntry(std::string_view level_id) const {
    for (const Entry& entry : entries_) {
      if (entry.id == level_id) return &entry;
    }
    return nullptr;
  }

  const Ladder* ladder_;
  // Ladders have a handful of levels: no allocation for up to 16.
  absl::InlinedVector<Entry, 16> entries_;
};

// What the recorded actions of one invoice say.
struct ActionsRecorded {
  size_t next_index = 0;  // the next level of the ladder
  bool thanked = false;
};

absl::StatusOr<ActionsRecorded> ReadActions(const CompiledCase& c,
                                            const InvoiceLifecycle& life,
                                            const Policy& policy,
                                            const LevelIndex& levels) {
  ActionsRecorded actions;
  for (const uint32_t index : life.action_events) {
    const Event& event = c.events()[index];
    if (event.level == kThankYouLevel) {
      actions.thanked = true;
      continue;
    }
    const std::optional<size_t> reached = levels.Reached(event.level);
    if (!reached) {
      return absl::FailedPreconditionError(absl::StrCat(
          "events[", index, "] action_performed on ", FormatDate(event.date),
          ": level ", internal::QuoteForMessage(event.level),
          " is not a level of policy ", policy.Label(),
          " (record the policy's level ids, or thank_you)"));
    }
    actions.next_index = std::max(actions.next_index, *reached);
  }
  return actions;
}

// The day the account was blocked, if it is: an account_blocked event, or a
// level with block_account performed, after the last account_unblocked.
std::optional<Date> AccountBlockedSince(const CompiledCase& c,
                                        const CustomerFacts& facts,
                                        const std::vector<uint32_t>& actions,
                                        const LevelIndex& levels) {
  std::optional<Date> since = facts.blocked_since;
  for (const uint32_t index : actions) {
    if (static_cast<int64_t>(index) < facts.last_unblock) continue;
    const Event& event = c.events()[index];
    const DunningLevel* level = levels.Find(event.level);
    if (level != nullptr && level->block_account &&
        (!since || event.date < *since)) {
      since = event.date;
    }
  }
  return since;
}

// --- Phase 3: claims ---------------------------------------------------------

struct Claim {
  PenaltyStatus status = PenaltyStatus::kNotClaimed;
  std::optional<Money> interest = {};
  std::optional<Money> compensation = {};
  Money claim;                      // owed beyond the unpaid invoice amount
  std::optional<Reason> note = {};  // penalty unavailable, rate assumed
};

bool LateForPenalties(const InvoiceLifecycle& life, Date as_of) {
  if (life.due_date >= as_of) return false;
  if (life.state == InvoiceState::kCredited ||
      life.state == InvoiceState::kWrittenOff) {
    return false;
  }
  return life.state != InvoiceState::kPaid ||
         (life.paid_date && *life.paid_date > life.due_date);
}

// `life`'s settlements and fees are lent to the assessment (moved, then
// moved back): no copy per invoice.
absl::StatusOr<Claim> ClaimOf(const Policy& policy, InvoiceLifecycle& life,
                              Date as_of) {
  Claim claim{.claim = life.fees_charged};
  // A credited or written-off invoice is given up: nothing more is owed on
  // it, fees charged included.
  if (life.state == InvoiceState::kCredited ||
      life.state == InvoiceState::kWrittenOff) {
    claim.claim = Money::Zero(life.amount.currency());
    return claim;
  }
  if (!policy.compiled_penalty_rule() || !LateForPenalties(life, as_of)) {
    return claim;
  }
  // The invoice date chooses the regime of a law that changed: when the
  // payment period started (Code de commerce) or, at the latest, when the
  // obligation arose (EGBGB, Late Payment Act).
  InvoiceFacts facts{
      .amount = life.amount,
      .due_date = life.due_date,
      .obligation_date = life.issue_date <= life.due_date
                             ? std::optional<Date>(life.issue_date)
                             : std::nullopt,
      .settlements = std::move(life.settlements),
      .charges = std::move(life.fees)};
  struct GiveBack {
    InvoiceLifecycle& life;
    InvoiceFacts& facts;
    ~GiveBack() {
      life.settlements = std::move(facts.settlements);
      life.fees = std::move(facts.charges);
    }
  } give_back{life, facts};
  // The figures only: no breakdown, no allocation inside Assess.
  absl::StatusOr<PenaltyAssessment> assessment =
      Assess(*policy.compiled_penalty_rule(), facts, as_of,
             AssessOptions{.breakdown = false});
  if (!assessment.ok()) {
    if (assessment.status().code() != absl::StatusCode::kOutOfRange) {
      return assessment.status();
    }
    claim.status = PenaltyStatus::kUnavailable;
    claim.note = Reason{.code = ReasonCode::kPenaltyUnavailable,
                        .invoice = life.invoice,
                        .detail = std::string(assessment.status().message())};
    return claim;
  }
  claim.status = PenaltyStatus::kComputed;
  claim.interest = assessment->interest;
  claim.compensation = assessment->compensation;
  // Cash beyond the invoice amount first settles what the rule still finds
  // owed (interest, costs): only what exceeds principal, interest and costs
  // is unapplied.
  life.unapplied = assessment->overpaid;
  // Everything still owed under the rule's settlement order, less the unpaid
  // invoice amount: penalties and fees not yet settled.
  const int64_t owed = assessment->principal_outstanding.minor_units() +
                       assessment->interest_outstanding.minor_units() +
                       assessment->costs_outstanding.minor_units();
  RELANCE_ASSIGN_OR_RETURN(
      claim.claim, Money::FromMinorUnits(
                       std::max<int64_t>(0, owed - life.balance.minor_units()),
                       life.amount.currency()));
  if (assessment->HasFlag(PenaltyFlag::kAssumedLastRate)) {
    // The sentences that say which rate was assumed (rare: computed again
    // with the breakdown).
    absl::StatusOr<PenaltyAssessment> explained =
        Assess(*policy.compiled_penalty_rule(), facts, as_of);
    std::string detail;
    for (const std::string& sentence : explained.ok()
                                           ? explained->explanations
                                           : std::vector<std::string>()) {
      if (!sentence.starts_with("Rate assumed:")) continue;
      if (!detail.empty()) detail += " ";
      detail += sentence;
    }
    if (detail.empty()) {
      detail = "a rate beyond its series' last known date is assumed";
    }
    claim.note = Reason{.code = ReasonCode::kRateAssumed,
                        .invoice = life.invoice,
                        .detail = std::move(detail)};
  }
  return claim;
}

// --- Phase 4: invoice decisions ----------------------------------------------

// The contact-frequency cap of the customer on `as_of`.
struct ContactCap {
  std::optional<Date> last_contact = {};
  std::optional<Date> next_allowed = {};  // set when capped
};

ContactCap ContactCapOf(const Policy& policy, std::optional<Date> last_contact,
                        Date as_of) {
  ContactCap cap{.last_contact = last_contact};
  if (cap.last_contact && policy.min_days_between_contacts() > 0) {
    const Date next =
        *cap.last_contact + Days{policy.min_days_between_contacts()};
    if (next > as_of) cap.next_allowed = next;
  }
  return cap;
}

// The inputs of one invoice's decision.
struct InvoiceInputs {
  const Policy* policy = nullptr;
  const Ladder* ladder = nullptr;
  const InvoiceLifecycle* life = nullptr;
  const Claim* claim = nullptr;
  ActionsRecorded actions;
  const ContactCap* cap = nullptr;
  Date as_of = {};
};

// One invoice's outcome: its decision, stored in Decision::invoices (filled
// there in place: no copy of every invoice's decision) and, when an action is
// due, the ladder index of the level it reaches (phases 5 and 6 work on it).
struct StoredOutcome {
  InvoiceDecision* decision = nullptr;
  std::optional<size_t> level_index = {};
  bool thank_you = false;
};

// Fills what every decision says: the invoice, its amounts and its claim.
// `status` is a fresh decision; its reason is left empty.
void FillBaseDecision(const InvoiceInputs& in, InvoiceDecision& status) {
  const InvoiceLifecycle& life = *in.life;
  const Claim& claim = *in.claim;
  // 0 <= disputed <= balance: within the bound.
  const Money outstanding = internal::MoneyWithinBound::Make(
      life.balance.minor_units() - life.disputed.minor_units(),
      life.balance.currency());
  status.invoice = life.invoice;
  status.state = life.state;
  status.issue_date = life.issue_date;
  status.due_date = life.due_date;
  status.amount = life.amount;
  status.outstanding = outstanding;
  status.disputed = life.disputed;
  // A paid invoice was late until its payment, not until as_of.
  status.days_late = static_cast<int>(std::max<int64_t>(
      0, ((life.state == InvoiceState::kPaid && life.paid_date ? *life.paid_date
                                                               : in.as_of) -
          life.due_date)
             .count()));
  status.last_level = life.last_level;
  status.last_action_date = life.last_action_date;
  status.penalty_status = claim.status;
  status.interest = claim.interest;
  status.compensation = claim.compensation;
  status.fees_charged = life.fees_charged;
  status.claim = claim.claim;
  // A credited or written-off invoice is given up: nothing is due on it (its
  // outstanding amount shows what was given up).
  status.total_due = life.state == InvoiceState::kCredited ||
                             life.state == InvoiceState::kWrittenOff
                         ? Money::Zero(life.amount.currency())
                         : *Add(outstanding, claim.claim);
  status.unapplied = life.unapplied;
}

// Why a paused or handed-over invoice waits.
Reason PausedReason(const InvoiceLifecycle& life) {
  switch (life.state) {
    case InvoiceState::kDisputed:
      return {.code = ReasonCode::kPausedByDispute, .amount = life.disputed};
    case InvoiceState::kPromised:
      return {.code = ReasonCode::kPausedByPromise,
              .date = life.promised_date,
              .amount = life.promised_amount};
    case InvoiceState::kOnPlan:
      return {.code = ReasonCode::kPausedByPlan,
              .next_date = life.next_instalment_check};
    case InvoiceState::kBlocked:
      return {.code = ReasonCode::kPausedByBlock, .date = life.blocked_until};
    case InvoiceState::kWithAgency:
      return {.code = ReasonCode::kWithAgency};
    default:
      return {.code = ReasonCode::kInLegalAction};
  }
}

// The outcome of a closed invoice: a thank-you, its claim, or nothing.
void DecideClosed(const InvoiceInputs& in, StoredOutcome& outcome) {
  InvoiceDecision& status = *outcome.decision;
  const InvoiceLifecycle& life = *in.life;
  const Policy& policy = *in.policy;
  // A claim left on an invoice paid late is reported; the thank-you for the
  // payment still goes out (DecideInvoice dunned the claim if the policy
  // asks for it).
  if (life.state == InvoiceState::kPaid && policy.thank_you_after_payment() &&
      life.paid_date && life.actions_performed > 0 && !in.actions.thanked &&
      *life.paid_date + Days{kThankYouWindowDays} > in.as_of &&
      !in.cap->next_allowed) {
    status.reason.code = ReasonCode::kThankYou;
    status.reason.date = life.paid_date;
    outcome.thank_you = true;
    return;
  }
  if (life.state == InvoiceState::kPaid && status.claim.IsPositive()) {
    status.reason.code = ReasonCode::kClaimReported;
    status.reason.amount = status.claim;
    return;
  }
  status.reason.code = ReasonCode::kClosed;
  status.reason.state = life.state;
}

// The pure per-invoice decision.
// `outcome.decision` is a fresh decision, filled in place.
void DecideInvoice(const InvoiceInputs& in, StoredOutcome& outcome) {
  const InvoiceLifecycle& life = *in.life;
  const Policy& policy = *in.policy;
  const Ladder& ladder = *in.ladder;
  const Date as_of = in.as_of;
  InvoiceDecision& status = *outcome.decision;
  FillBaseDecision(in, status);
  // status.reason starts empty: each path below fills the fields of its code
  // in place (no temporary Reason per invoice).
  const bool claim_only = life.state == InvoiceState::kPaid &&
                          status.claim.IsPositive() &&
                          policy.dun_late_payment_claims();
  if (IsClosed(life.state) && !claim_only) {
    DecideClosed(in, outcome);
    return;
  }
  if (IsPaused(life.state) || life.state == InvoiceState::kWithAgency ||
      life.state == InvoiceState::kInLegalAction) {
    status.reason = PausedReason(life);
    return;
  }
  // The next level to send, passing over pre-due levels once overdue.
  size_t index = in.actions.next_index;
  const bool overdue = as_of > life.due_date;
  while (overdue && index < ladder.levels.size() &&
         ladder.levels[index].offset_days < 0) {
    ++index;
  }
  if (index >= ladder.levels.size()) {
    status.reason.code = ReasonCode::kLadderComplete;
    status.reason.level = life.last_level;
    return;
  }
  const DunningLevel* level = &ladder.levels[index];
  Date level_date = life.due_date + Days{level->offset_days};
  const bool promise_broken =
      life.last_broken_promise &&
      (!life.last_action_date ||
       *life.last_broken_promise > *life.last_action_date);
  if (promise_broken && overdue) {
    level_date = std::min(level_date, as_of);  // escalate at once
  }
  const int gap = std::max(policy.min_days_between_levels(),
                           level->min_days_since_previous);
  bool waits_for_gap = false;
  if (life.last_action_date && gap > 0 &&
      *life.last_action_date + Days{gap} > level_date) {
    level_date = *life.last_action_date + Days{gap};
    waits_for_gap = true;
  }
  status.next_level = level->id;
  status.next_level_date = level_date;
  if (level_date > as_of) {
    if (!overdue) {
      status.reason.code = ReasonCode::kNotYetDue;
      status.reason.level = level->id;
      status.reason.date = life.due_date;
      status.reason.next_date = level_date;
    } else if (waits_for_gap) {
      status.reason.code = ReasonCode::kWaitingForGap;
      status.reason.level = level->id;
      status.reason.level_number = static_cast<int>(index) + 1;
      status.reason.date = life.last_action_date;
      status.reason.next_date = level_date;
      status.reason.days = gap;
    } else {
      status.reason.code = ReasonCode::kWaitingForLevel;
      status.reason.level = level->id;
      status.reason.level_number = static_cast<int>(index) + 1;
      status.reason.next_date = level_date;
      status.reason.days = status.days_late;
    }
    return;
  }
  if (life.last_action_date && *life.last_action_date == as_of) {
    status.reason.code = ReasonCode::kAlreadyActedToday;
    status.reason.date = as_of;
    return;
  }
  // Skipping (only if the policy allows it): the highest level due, at most
  // max_levels_per_run ahead.
  if (policy.allow_skipping_levels()) {
    size_t last = index;
    while (last + 1 < ladder.levels.size() &&
           static_cast<int>(last + 1 - index) < policy.max_levels_per_run() &&
           life.due_date + Days{ladder.levels[last + 1].offset_days} <= as_of) {
      ++last;
    }
    index = last;
    level = &ladder.levels[index];
  }
  const Money amount = claim_only ? status.claim : status.outstanding;
  const Money invoice_minimum = policy.MinimumInvoiceAmount(amount.currency());
  if (!amount.IsPositive() ||
      amount.minor_units() < invoice_minimum.minor_units()) {
    status.reason.code = ReasonCode::kBelowInvoiceMinimum;
    status.reason.level = level->id;
    status.reason.amount = amount;
    status.reason.threshold = invoice_minimum;
    return;
  }
  if (level->minimum_amount &&
      level->minimum_amount->currency() == amount.currency() &&
      amount.minor_units() < level->minimum_amount->minor_units()) {
    status.reason.code = ReasonCode::kBelowLevelMinimum;
    status.reason.level = level->id;
    status.reason.amount = amount;
    status.reason.threshold = level->minimum_amount;
    return;
  }
  if (in.cap->next_allowed) {
    status.reason.code = ReasonCode::kContactCap;
    status.reason.level = level->id;
    status.reason.date = in.cap->last_contact;
    status.reason.next_date = in.cap->next_allowed;
    status.reason.days = policy.min_days_between_contacts();
    return;
  }
  const int level_number = static_cast<int>(index) + 1;
  if (claim_only) {
    status.reason.code = ReasonCode::kClaimDue;
    status.reason.level = level->id;
    status.reason.level_number = level_number;
    status.reason.amount = status.claim;
  } else if (promise_broken) {
    status.reason.code = ReasonCode::kLevelDueAfterBrokenPromise;
    status.reason.level = level->id;
    status.reason.level_number = level_number;
    status.reason.date = life.last_broken_promise;
    status.reason.days = status.days_late;
  } else {
    status.reason.code = ReasonCode::kLevelDue;
    status.reason.level = level->id;
    status.reason.level_number = level_number;
    status.reason.days = status.days_late;
  }
  status.action_level = level->id;
  outcome.level_index = index;
}

// --- Phase 5: customer thresholds --------------------------------------------

// Withdraws the actions of currencies whose total due is below the
// customer minimum: everything overdue and not disputed, plus what an action
// is due for (a courtesy notice).
absl::Status ApplyCustomerMinimum(const Policy& policy,
                                  std::vector<StoredOutcome>& outcomes,
                                  std::vector<Reason>& notes) {
  std::vector<Money> due_totals;
  for (const StoredOutcome& outcome : outcomes) {
    const InvoiceDecision& status = *outcome.decision;
    const bool claim_only = status.state == InvoiceState::kPaid;
    const bool counted = (!IsClosed(status.state) && status.days_late > 0) ||
                         outcome.level_index.has_value();
    const Money amount = claim_only ? status.claim : status.outstanding;
    if (counted && amount.IsPositive()) {
      RELANCE_RETURN_IF_ERROR(AddTo(due_totals, amount));
    }
  }
  for (const Money& total : due_totals) {
    const Money minimum = policy.MinimumDunningAmount(total.currency());
    if (total.minor_units() >= minimum.minor_units()) continue;
    notes.push_back({.code = ReasonCode::kBelowCustomerMinimum,
                     .amount = total,
                     .threshold = minimum});
    for (StoredOutcome& outcome : outcomes) {
      InvoiceDecision& status = *outcome.decision;
      if (!outcome.level_index ||
          !(status.outstanding.currency() == total.currency())) {
        continue;
      }
      // A new reason: none of the withdrawn one's fields stay.
      status.reason = {.code = ReasonCode::kBelowCustomerMinimum,
                       .level = status.action_level,
                       .amount = total,
                       .threshold = minimum};
      status.action_level.clear();
      outcome.level_index.reset();
    }
  }
  return absl::OkStatus();
}

// --- Phase 6: communications -------------------------------------------------

absl::Status Communicate(const Policy& policy, const Ladder& ladder,
                         const std::vector<StoredOutcome>& outcomes,
                         bool account_blocked, Date as_of,
                         std::vector<Communication>& actions) {
  // One communication per customer, or one per invoice (each invoice has
  // one outcome).
  const bool per_invoice = policy.grouping() == Grouping::kPerInvoice;
  // A customer's one communication lists every invoice acted on: its lists
  // are sized once.
  const size_t acting = per_invoice
                            ? 1
                            : static_cast<size_t>(std::count_if(
                                  outcomes.begin(), outcomes.end(),
                                  [](const StoredOutcome& outcome) {
                                    return outcome.level_index.has_value();
                                  }));
  for (const StoredOutcome& outcome : outcomes) {
    if (!outcome.level_index) continue;
    const InvoiceDecision& status = *outcome.decision;
    if (per_invoice || actions.empty()) {
      Communication& added = actions.emplace_back();
      added.invoices.reserve(acting);
      added.invoice_levels.reserve(acting);
    }
    Communication& communication = actions.back();
    const DunningLevel& level = ladder.levels[*outcome.level_index];
    const int level_number = static_cast<int>(*outcome.level_index) + 1;
    if (level_number > communication.level_number) {
      communication.level = level.id;
      communication.level_number = level_number;
      communication.channel = level.channel;
      communication.template_id = level.template_id;
      communication.task = level.task;
      communication.payment_deadline.reset();
      if (level.payment_deadline_days) {
        communication.payment_deadline =
            as_of + Days{*level.payment_deadline_days};
      }
    }
    communication.block_account |= level.block_account && !account_blocked;
    communication.invoices.push_back(status.invoice);
    communication.invoice_levels.push_back(level.id);
    const bool claim_only = status.state == InvoiceState::kPaid;
    RELANCE_RETURN_IF_ERROR(AddTo(communication.outstanding,
                                  claim_only
                                      ? Money::Zero(status.amount.currency())
                                      : status.outstanding));
    if (status.penalty_status == PenaltyStatus::kComputed) {
      RELANCE_ASSIGN_OR_RETURN(Money penalties,
                               Add(*status.interest, *status.compensation));
      RELANCE_RETURN_IF_ERROR(AddTo(communication.penalties, penalties));
    }
    if (status.fees_charged.IsPositive()) {
      RELANCE_RETURN_IF_ERROR(
          AddTo(communication.fees_charged, status.fees_charged));
    }
    RELANCE_RETURN_IF_ERROR(AddTo(communication.total_due, status.total_due));
  }
  for (Communication& communication : actions) {
    const DunningLevel* level = nullptr;
    for (const DunningLevel& candidate : ladder.levels) {
      if (candidate.id == communication.level) level = &candidate;
    }
    // The level's fee on the communication's outstanding, per currency.
    if (level != nullptr && level->fee) {
      for (const Money& total : communication.outstanding) {
        absl::StatusOr<Money> fee = level->fee->For(total);
        if (fee.ok() && fee->IsPositive()) {
          RELANCE_RETURN_IF_ERROR(AddTo(communication.fees, *fee));
          RELANCE_RETURN_IF_ERROR(AddTo(communication.total_due, *fee));
        }
      }
    }
    if (level != nullptr && level->statement_of_account) {
      for (const StoredOutcome& outcome : outcomes) {
        const InvoiceDecision& status = *outcome.decision;
        if (status.days_late > 0 && status.total_due.IsPositive() &&
            (!IsClosed(status.state) || status.state == InvoiceState::kPaid)) {
          communication.statement.push_back(status.invoice);
        }
      }
    }
  }
  return absl::OkStatus();
}

Communication ThankYou(const Policy& policy,
                       const std::vector<StoredOutcome>& outcomes) {
  if (std::none_of(
          outcomes.begin(), outcomes.end(),
          [](const StoredOutcome& outcome) { return outcome.thank_you; })) {
    return {};
  }
  Communication thank_you{.level = std::string(kThankYouLevel),
                          .channel = Channel::kEmail,
                          .template_id = policy.thank_you_template()};
  for (const StoredOutcome& outcome : outcomes) {
    if (!outcome.thank_you) continue;
    thank_you.invoices.push_back(outcome.decision->invoice);
    thank_you.invoice_levels.push_back(std::string(kThankYouLevel));
    (void)AddTo(thank_you.outstanding,
                Money::Zero(outcome.decision->amount.currency()));
  }
  return thank_you;
}

// --- Phase 7: review ---------------------------------------------------------

// The dates on which one invoice may change without new events.
void ConsiderInvoiceReview(std::optional<Date>& review,
                           const InvoiceLifecycle& life,
                           const InvoiceDecision& status, Date as_of) {
  ConsiderReview(review, status.next_level_date, as_of);
  ConsiderReview(review, life.next_instalment_check, as_of);
  if (life.promised_date) {
    ConsiderReview(review, *life.promised_date + Days{1}, as_of);
  }
  // A block until the last supported date has no end: nothing to review.
  if (life.blocked_until && *life.blocked_until < kMaxDate) {
    ConsiderReview(review, *life.blocked_until + Days{1}, as_of);
  }
  if (status.state == InvoiceState::kNotYetDue ||
      status.state == InvoiceState::kCourtesySent) {
    ConsiderReview(review, status.due_date + Days{1}, as_of);
  }
  if (status.reason.code == ReasonCode::kAlreadyActedToday) {
    ConsiderReview(review, as_of + Days{1}, as_of);
  }
}

// Facts already recorded for later dates (an invoice issued later).
void ConsiderLaterEvents(std::optional<Date>& review, const CompiledCase& c,
                         Date as_of) {
  const std::span<const Event> events = c.events();
  auto later = std::upper_bound(
      events.begin(), events.end(), as_of,
      [](Date date, const Event& event) { return date < event.date; });
  // An acknowledgement changes no decision: no review for it.
  while (later != events.end() &&
         later->kind == EventKind::kActionAcknowledged) {
    ++later;
  }
  if (later != events.end()) ConsiderReview(review, later->date, as_of);
}

// A decision near the end of the supported dates may compute a date after
// 9999-12-31 (a level 30 days after a due date of 9999-12-20): refused, as
// such a date can be neither printed nor stored.
absl::Status CheckWithinSupportedDates(const Decision& decision,
                                       const ContactCap& cap) {
  const auto error = [&](std::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(
        "case ", internal::QuoteForMessage(decision.customer), " as of ",
        FormatDate(decision.as_of), ": ", std::string(what),
        " falls after 9999-12-31, the last supported date"));
  };
  if (cap.next_allowed && *cap.next_allowed > kMaxDate) {
    return error("the next contact allowed");
  }
  for (const Communication& action : decision.actions) {
    if (action.payment_deadline && *action.payment_deadline > kMaxDate) {
      return error(absl::StrCat("the payment deadline of ", action.level));
    }
  }
  for (const InvoiceDecision& invoice : decision.invoices) {
    if (invoice.next_level_date && *invoice.next_level_date > kMaxDate) {
      return error(absl::StrCat("the next level of invoice ",
                                internal::QuoteForMessage(invoice.invoice)));
    }
  }
  if (decision.next_review && *decision.next_review > kMaxDate) {
    return error("the next review");
  }
  return absl::OkStatus();
}

}  // namespace

std::string_view ToString(PenaltyStatus status) {
  return internal::NameOf(kPenaltyStatusNames, status);
}

bool Decision::PenaltiesUnavailable() const {
  for (const InvoiceDecision& invoice : invoices) {
    if (invoice.penalty_status == PenaltyStatus::kUnavailable) return true;
  }
  return false;
}

absl::StatusOr<Decision> Evaluate(const Policy& policy, const CompiledCase& c,
                                  Date as_of) {
  Decision decision{.policy_id = policy.id(),
                    .policy_version = policy.version(),
                    .customer = c.customer_id(),
                    .as_of = as_of};
  // 1. Fold.
  RELANCE_ASSIGN_OR_RETURN(Folded folded, FoldInvoices(c, as_of));
  std::vector<InvoiceLifecycle>& lives = folded.lives;
  // 2. Ladder.
  const CustomerFacts customer = ReadCustomerEvents(c, as_of);
  RELANCE_ASSIGN_OR_RETURN(
      LadderChoice choice,
      policy.ChooseLadder(customer.segment, folded.history));
  const Ladder& ladder = *choice.ladder;
  decision.ladder = ladder.id;
  decision.segment =
      choice.segment != nullptr ? choice.segment->segment : customer.segment;
  decision.notes.push_back({.code = ReasonCode::kLadderChosen,
                            .ladder = ladder.id,
                            .segment = decision.segment,
                            .assigned = choice.explicit_segment});
  const LevelIndex levels(policy, ladder);
  decision.account_blocked_since =
      AccountBlockedSince(c, customer, folded.actions, levels);
  if (decision.account_blocked_since) {
    decision.notes.push_back({.code = ReasonCode::kAccountBlocked,
                              .date = decision.account_blocked_since});
  }
  const ContactCap cap = ContactCapOf(policy, folded.last_contact, as_of);
  if (cap.next_allowed) {
    decision.notes.push_back({.code = ReasonCode::kContactCap,
                              .date = cap.last_contact,
                              .next_date = cap.next_allowed,
                              .days = policy.min_days_between_contacts()});
  }
  // 3. Claims, 4. invoice decisions, and the review dates they give.
  // Decisions are stored once, in place; `outcomes` points at them (the
  // reserve keeps the pointers valid).
  std::vector<StoredOutcome> outcomes;
  outcomes.reserve(lives.size());
  decision.invoices.reserve(lives.size());
  ConsiderReview(decision.next_review, cap.next_allowed, as_of);
  for (InvoiceLifecycle& life : lives) {
    RELANCE_ASSIGN_OR_RETURN(Claim claim, ClaimOf(policy, life, as_of));
    if (claim.note) decision.notes.push_back(*claim.note);
    if (life.unapplied.IsPositive()) {
      decision.notes.push_back({.code = ReasonCode::kUnappliedCash,
                                .invoice = life.invoice,
                                .amount = life.unapplied});
    }
    RELANCE_ASSIGN_OR_RETURN(ActionsRecorded actions,
                             ReadActions(c, life, policy, levels));
    StoredOutcome& outcome = outcomes.emplace_back(
        StoredOutcome{.decision = &decision.invoices.emplace_back()});
    DecideInvoice({.policy = &policy,
                   .ladder = &ladder,
                   .life = &life,
                   .claim = &claim,
                   .actions = actions,
                   .cap = &cap,
                   .as_of = as_of},
                  outcome);
    const InvoiceDecision& status = *outcome.decision;
    ConsiderInvoiceReview(decision.next_review, life, status, as_of);
    // 7. The customer's total (phases 5 and 6 do not change it).
    if (status.total_due.IsPositive()) {
      RELANCE_RETURN_IF_ERROR(AddTo(decision.total_due, status.total_due));
    }
  }
  ConsiderLaterEvents(decision.next_review, c, as_of);
  // 5. Customer thresholds.
  RELANCE_RETURN_IF_ERROR(
      ApplyCustomerMinimum(policy, outcomes, decision.notes));
  // 6. Communications.
  RELANCE_RETURN_IF_ERROR(Communicate(
      policy, ladder, outcomes, decision.account_blocked_since.has_value(),
      as_of, decision.actions));
  Communication thank_you = ThankYou(policy, outcomes);
  if (!thank_you.invoices.empty()) {
    decision.actions.push_back(std::move(thank_you));
  }
  RELANCE_RETURN_IF_ERROR(CheckWithinSupportedDates(decision, cap));
  return decision;
}

absl::StatusOr<Decision> Evaluate(const Policy& policy, const Case& c,
                                  Date as_of, const CaseOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(CompiledCase compiled,
                           internal::CaseBorrowing::Compile(c, options));
  return Evaluate(policy, compiled, as_of);
}

std::vector<Event> ActionsPerformed(const Communication& communication,
                                    Date date, std::string_view reference) {
  std::map<std::string, std::vector<std::string>> invoices_by_level;
  for (size_t i = 0; i < communication.invoices.size(); ++i) {
    invoices_by_level[communication.invoice_levels[i]].push_back(
        communication.invoices[i]);
  }
  std::vector<Event> actions;
  for (auto& [level, invoices] : invoices_by_level) {
    Event event{.date = date,
                .kind = EventKind::kActionPerformed,
                .level = level,
                .channel = std::string(ToString(communication.channel)),
                .reference = std::string(reference)};
    // The fee charged goes with the communication's own level.
    if (level == communication.level && communication.fees.size() == 1) {
      event.amount = communication.fees.front();
    }
    if (invoices.size() == 1) {
      event.invoice = invoices.front();
    } else {
      event.invoices = std::move(invoices);
    }
    actions.push_back(std::move(event));
  }
  return actions;
}

Case WithActionsRecorded(const Case& c, const Decision& decision) {
  Case recorded = c;
  // After every event of that date, keeping the date order.
  auto position = std::upper_bound(
      recorded.events.begin(), recorded.events.end(), decision.as_of,
      [](Date date, const Event& e) { return date < e.date; });
  const std::string reference =
      absl::StrCat(decision.policy_id, " v", decision.policy_version);
  std::vector<Event> actions;
  for (const Communication& communication : decision.actions) {
    std::vector<Event> performed =
        ActionsPerformed(communication, decision.as_of, reference);
    actions.insert(actions.end(), performed.begin(), performed.end());
  }
  recorded.events.insert(position, actions.begin(), actions.end());
  return recorded;
}

absl::StatusOr<DunningForecast> Forecast(const Policy& policy,
                                         const CompiledCase& c, Date from,
                                         Date to) {
  if (to < from || (to - from).count() > 3660) {
    return absl::InvalidArgumentError(
        absl::StrCat("forecast from ", FormatDate(from), " to ", FormatDate(to),
                     ": expected 0 to 3660 days"));
  }
  DunningForecast forecast{.policy_id = policy.id(),
                           .policy_version = policy.version(),
                           .customer = c.customer_id(),
                           .from = from,
                           .to = to};
  CompiledCase simulated = c;
  Date date = from;
  while (date <= to) {
    RELANCE_ASSIGN_OR_RETURN(Decision decision,
                             Evaluate(policy, simulated, date));
    for (const Communication& action : decision.actions) {
      forecast.items.push_back({.date = date, .action = action});
    }
    if (!decision.actions.empty()) {
      RELANCE_ASSIGN_OR_RETURN(
          simulated, CompiledCase::Compile(
                         WithActionsRecorded(simulated.source(), decision),
                         simulated.options()));
      date += Days{1};
    } else if (decision.next_review) {
      date = *decision.next_review;
    } else {
      break;
    }
  }
  return forecast;
}

absl::StatusOr<DunningForecast> Forecast(const Policy& policy, const Case& c,
                                         Date from, Date to,
                                         const CaseOptions& options) {
  RELANCE_ASSIGN_OR_RETURN(CompiledCase compiled,
                           internal::CaseBorrowing::Compile(c, options));
  return Forecast(policy, compiled, from, to);
}

}  // namespace relance
