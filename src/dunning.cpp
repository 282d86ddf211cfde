#include "relance/dunning.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/penalty.hpp"

namespace relance {
namespace {

constexpr std::string_view kThankYouLevel = "thank_you";
constexpr int kThankYouWindowDays = 30;

// What the case says about one invoice beyond its lifecycle.
struct InvoiceRecord {
  InvoiceLifecycle life;
  std::set<std::string> levels_recorded = {};
  std::vector<Settlement> settlements = {};
  std::optional<Date> paid_date = {};
  bool broken_promise_since_last_action = false;
  bool thanked = false;
};

// Adds `amount` to the per-currency list.
absl::Status AddTo(std::vector<Money>& totals, Money amount) {
  for (Money& total : totals) {
    if (total.currency() == amount.currency()) {
      RELANCE_ASSIGN_OR_RETURN(total, Add(total, amount));
      return absl::OkStatus();
    }
  }
  totals.push_back(amount);
  return absl::OkStatus();
}

std::vector<std::string> InvoiceIds(const Case& c) {
  std::vector<std::string> ids;
  for (const Event& event : c.events) {
    if (event.kind == EventKind::kInvoiceIssued) ids.push_back(event.invoice);
  }
  return ids;
}

absl::StatusOr<InvoiceRecord> Gather(const Case& c, const std::string& id,
                                     Date as_of) {
  RELANCE_ASSIGN_OR_RETURN(InvoiceLifecycle life, FoldInvoice(c, id, as_of));
  InvoiceRecord facts{.life = std::move(life)};
  std::optional<Money> last_dispute;
  for (const Event& event : c.events) {
    if (event.date > as_of) break;
    const std::vector<std::string> targets = event.Invoices();
    if (std::find(targets.begin(), targets.end(), id) == targets.end()) {
      continue;
    }
    if (event.kind == EventKind::kActionPerformed) {
      facts.levels_recorded.insert(event.level);
      if (event.level == kThankYouLevel) facts.thanked = true;
    } else if (event.kind == EventKind::kDisputeOpened) {
      last_dispute = event.amount;
    } else if (event.kind == EventKind::kDisputeResolved &&
               event.outcome == DisputeOutcome::kUpheld) {
      // An upheld dispute credits its amount (or the disputed amount, or
      // all that was left) for the penalties as well.
      Money credited = facts.life.amount;
      if (event.amount) {
        credited = *event.amount;
      } else if (last_dispute) {
        credited = *last_dispute;
      } else {
        for (const Settlement& settlement : facts.settlements) {
          credited = Subtract(credited, settlement.amount).value_or(credited);
        }
      }
      if (credited.IsPositive()) {
        facts.settlements.push_back({.date = event.date,
                                     .amount = credited,
                                     .kind = Settlement::Kind::kCreditNote});
      }
    } else if (event.kind == EventKind::kPaymentReceived ||
               event.kind == EventKind::kCreditNote) {
      facts.settlements.push_back({.date = event.date,
                                   .amount = *event.amount,
                                   .kind = event.kind == EventKind::kCreditNote
                                               ? Settlement::Kind::kCreditNote
                                               : Settlement::Kind::kPayment});
    }
  }
  for (const LifecycleStep& step : facts.life.history) {
    if (step.to == InvoiceState::kPaid && step.from != InvoiceState::kPaid) {
      facts.paid_date = step.date;
    }
    if (step.trigger == Trigger::kPromiseBroken &&
        (!facts.life.last_action_date ||
         step.date > *facts.life.last_action_date)) {
      facts.broken_promise_since_last_action = true;
    }
  }
  return facts;
}

// The customer's payment history, for segment rules.
CustomerHistory HistoryOf(const std::vector<InvoiceRecord>& invoices,
                          Date as_of) {
  CustomerHistory history;
  int paid = 0;
  int64_t days_late = 0;
  std::optional<Money> overdue;
  bool mixed = false;
  for (const InvoiceRecord& facts : invoices) {
    history.broken_promises += facts.life.broken_promises;
    if (facts.paid_date) {
      ++paid;
      days_late += std::max<int64_t>(
          0, (*facts.paid_date - facts.life.due_date).count());
    }
    if (!IsClosed(facts.life.state) && facts.life.due_date < as_of) {
      if (!overdue) {
        overdue = facts.life.balance;
      } else if (overdue->currency() == facts.life.balance.currency()) {
        overdue = *Add(*overdue, facts.life.balance);
      } else {
        mixed = true;
      }
    }
  }
  if (paid > 0) history.average_days_late = static_cast<int>(days_late / paid);
  if (!mixed) history.amount_overdue = overdue;
  return history;
}

std::string CurrentSegment(const Case& c, Date as_of) {
  std::string segment;
  for (const Event& event : c.events) {
    if (event.date > as_of) break;
    if (event.kind == EventKind::kSegmentAssigned) segment = event.segment;
  }
  return segment;
}

// The index in `ladder` after the highest level recorded (0: none yet).
size_t NextLevelIndex(const Ladder& ladder, const InvoiceRecord& facts) {
  size_t next = 0;
  for (size_t i = 0; i < ladder.levels.size(); ++i) {
    if (facts.levels_recorded.contains(ladder.levels[i].id)) next = i + 1;
  }
  return next;
}

void ConsiderReview(std::optional<Date>& review, Date date, Date as_of) {
  if (date > as_of && (!review || date < *review)) review = date;
}

// One invoice's candidate action.
struct Candidate {
  const DunningLevel* level = nullptr;
  int level_number = 0;
  const InvoiceRecord* facts = nullptr;
  Money outstanding;
};

// A decision near the end of the supported dates may compute a date after
// 9999-12-31 (a level 30 days after a due date of 9999-12-20): refused, as
// such a date can be neither printed nor stored, and the message names no
// such date.
absl::Status CheckWithinSupportedDates(const Case& c, const Decision& decision,
                                       bool contact_cap_beyond) {
  const auto error = [&](std::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(
        "case ", internal::QuoteForMessage(c.customer_id), " as of ",
        FormatDate(decision.as_of), ": ", std::string(what),
        " falls after 9999-12-31, the last supported date"));
  };
  if (contact_cap_beyond) return error("the next contact allowed");
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
  // Last: the most specific reasons above explain most review dates.
  if (decision.next_review && *decision.next_review > kMaxDate) {
    return error("the next review");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Decision> Evaluate(const Policy& policy, const Case& c,
                                  Date as_of) {
  for (size_t i = 1; i < c.events.size(); ++i) {
    if (c.events[i].date < c.events[i - 1].date) {
      return absl::InvalidArgumentError(absl::StrCat(
          "case ", c.customer_id, ": events[", i, "] (",
          FormatDate(c.events[i].date), ") is before events[", i - 1, "] (",
          FormatDate(c.events[i - 1].date), "): events must be in date order"));
    }
  }
  Decision decision{.policy_id = policy.id(),
                    .policy_version = policy.version(),
                    .customer = c.customer_id,
                    .as_of = as_of};
  std::vector<InvoiceRecord> invoices;
  for (const std::string& id : InvoiceIds(c)) {
    bool issued_by_as_of = false;
    for (const Event& event : c.events) {
      if (event.kind == EventKind::kInvoiceIssued && event.invoice == id) {
        issued_by_as_of = event.date <= as_of;
        break;
      }
    }
    if (!issued_by_as_of) continue;
    RELANCE_ASSIGN_OR_RETURN(InvoiceRecord facts, Gather(c, id, as_of));
    invoices.push_back(std::move(facts));
  }
  decision.segment = CurrentSegment(c, as_of);
  RELANCE_ASSIGN_OR_RETURN(
      LadderChoice choice,
      policy.ChooseLadder(decision.segment, HistoryOf(invoices, as_of)));
  const Ladder& ladder = *choice.ladder;
  decision.ladder = ladder.id;
  if (choice.segment != nullptr) decision.segment = choice.segment->segment;
  decision.explanations.push_back(absl::StrCat(
      "Policy ", policy.Label(), ", ladder ", ladder.id,
      decision.segment.empty()
          ? ""
          : absl::StrCat(
                " (segment ", decision.segment,
                choice.explicit_segment ? ", assigned" : ", from the history",
                ")"),
      "."));

  // The customer's last communication, for the contact-frequency cap.
  std::optional<Date> last_contact;
  for (const InvoiceRecord& facts : invoices) {
    if (facts.life.last_action_date &&
        (!last_contact || *facts.life.last_action_date > *last_contact)) {
      last_contact = facts.life.last_action_date;
    }
  }
  const bool contact_capped =
      last_contact && policy.min_days_between_contacts() > 0 &&
      *last_contact + Days{policy.min_days_between_contacts()} > as_of;
  if (contact_capped &&
      *last_contact + Days{policy.min_days_between_contacts()} > kMaxDate) {
    return CheckWithinSupportedDates(c, decision, /*contact_cap_beyond=*/true);
  }
  if (contact_capped) {
    ConsiderReview(decision.next_review,
                   *last_contact + Days{policy.min_days_between_contacts()},
                   as_of);
    decision.explanations.push_back(absl::StrCat(
        "Last contact on ", FormatDate(*last_contact),
        ": no communication "
        "before ",
        FormatDate(*last_contact + Days{policy.min_days_between_contacts()}),
        " (at least ", policy.min_days_between_contacts(),
        " days between contacts)."));
  }

  std::vector<Candidate> candidates;
  std::vector<Money> thank_you_totals;
  std::vector<std::string> thank_you_invoices;
  for (const InvoiceRecord& facts : invoices) {
    const InvoiceLifecycle& life = facts.life;
    RELANCE_ASSIGN_OR_RETURN(Money outstanding,
                             Subtract(life.balance, life.disputed));
    InvoiceDecision status{.invoice = life.invoice,
                           .state = life.state,
                           .due_date = life.due_date,
                           .outstanding = outstanding,
                           .days_late = static_cast<int>(std::max<int64_t>(
                               0, (as_of - life.due_date).count())),
                           .last_level = life.last_level};
    const auto finish = [&](std::string explanation) {
      status.explanation = std::move(explanation);
      decision.invoices.push_back(status);
    };
    if (IsClosed(life.state)) {
      if (life.state == InvoiceState::kPaid &&
          policy.thank_you_after_payment() && facts.paid_date &&
          life.actions_performed > 0 && !facts.thanked &&
          *facts.paid_date + Days{kThankYouWindowDays} > as_of &&
          !contact_capped) {
        thank_you_invoices.push_back(life.invoice);
        RELANCE_RETURN_IF_ERROR(AddTo(thank_you_totals, life.amount));
        finish("paid in full: thank-you");
      } else {
        finish(
            absl::StrCat("closed (", std::string(ToString(life.state)), ")"));
      }
      continue;
    }
    if (IsPaused(life.state) || life.state == InvoiceState::kWithAgency ||
        life.state == InvoiceState::kInLegalAction) {
      if (life.next_instalment_check) {
        ConsiderReview(decision.next_review, *life.next_instalment_check,
                       as_of);
      }
      if (life.promised_date) {
        ConsiderReview(decision.next_review, *life.promised_date + Days{1},
                       as_of);
      }
      if (life.blocked_until) {
        ConsiderReview(decision.next_review, *life.blocked_until, as_of);
      }
      finish(absl::StrCat(std::string(ToString(life.state)),
                          ": no reminder while it lasts"));
      continue;
    }
    // The next level to send, passing over pre-due levels once overdue.
    size_t index = NextLevelIndex(ladder, facts);
    const bool overdue = as_of > life.due_date;
    while (overdue && index < ladder.levels.size() &&
           ladder.levels[index].offset_days < 0) {
      ++index;
    }
    if (index >= ladder.levels.size()) {
      finish("every level of the ladder has been sent");
      continue;
    }
    const DunningLevel* level = &ladder.levels[index];
    status.next_level = level->id;
    Date level_date = life.due_date + Days{level->offset_days};
    if (facts.broken_promise_since_last_action && overdue) {
      level_date = std::min(level_date, as_of);  // escalate at once
    }
    if (level->min_days_since_previous > 0 && life.last_action_date &&
        !facts.broken_promise_since_last_action) {
      level_date =
          std::max(level_date, *life.last_action_date +
                                   Days{level->min_days_since_previous});
    }
    status.next_level_date = level_date;
    if (level_date > as_of) {
      ConsiderReview(decision.next_review, level_date, as_of);
      finish(absl::StrCat("next level ", level->id, " on ",
                          FormatDate(level_date)));
      continue;
    }
    if (life.last_action_date && *life.last_action_date == as_of) {
      ConsiderReview(decision.next_review, as_of + Days{1}, as_of);
      finish("an action was already recorded today");
      continue;
    }
    // Skipping (only if the policy allows it): the highest level due, at
    // most max_levels_per_run ahead.
    if (policy.allow_skipping_levels()) {
      size_t last = index;
      while (last + 1 < ladder.levels.size() &&
             static_cast<int>(last + 1 - index) < policy.max_levels_per_run() &&
             life.due_date + Days{ladder.levels[last + 1].offset_days} <=
                 as_of) {
        ++last;
      }
      index = last;
      level = &ladder.levels[index];
    }
    const Money invoice_minimum =
        policy.MinimumInvoiceAmount(outstanding.currency());
    if (!outstanding.IsPositive() ||
        outstanding.minor_units() < invoice_minimum.minor_units() ||
        (level->minimum_amount &&
         level->minimum_amount->currency() == outstanding.currency() &&
         outstanding.minor_units() < level->minimum_amount->minor_units())) {
      finish(absl::StrCat("level ", level->id, " is due but ",
                          outstanding.ToString(),
                          " is below the minimum amount"));
      continue;
    }
    if (contact_capped) {
      finish(absl::StrCat("level ", level->id,
                          " is due; waiting for the contact interval"));
      continue;
    }
    status.explanation = absl::StrCat(
        "level ", level->id, " (", index + 1, ") because ", status.days_late,
        " days late",
        life.last_level.empty()
            ? ""
            : absl::StrCat(", ", life.last_level, " sent on ",
                           FormatDate(*life.last_action_date)),
        facts.broken_promise_since_last_action ? ", promise broken" : "");
    decision.invoices.push_back(status);
    candidates.push_back({.level = level,
                          .level_number = static_cast<int>(index) + 1,
                          .facts = &facts,
                          .outstanding = outstanding});
  }

  // The customer's minimum, per currency, on everything overdue and not
  // disputed, plus what an action is due for (a courtesy notice).
  std::set<std::string> candidate_invoices;
  for (const Candidate& candidate : candidates) {
    candidate_invoices.insert(candidate.facts->life.invoice);
  }
  std::vector<Money> due_totals;
  for (const InvoiceDecision& status : decision.invoices) {
    const bool counted =
        !IsClosed(status.state) &&
        (status.days_late > 0 || candidate_invoices.contains(status.invoice));
    if (counted && status.outstanding.IsPositive()) {
      RELANCE_RETURN_IF_ERROR(AddTo(due_totals, status.outstanding));
    }
  }
  std::set<std::string> below_customer_minimum;
  for (const Money& total : due_totals) {
    const Money minimum = policy.MinimumDunningAmount(total.currency());
    if (total.minor_units() < minimum.minor_units()) {
      below_customer_minimum.insert(total.currency().ToString());
      decision.explanations.push_back(
          absl::StrCat("Due in ", total.currency().ToString(), ": ",
                       total.ToString(), ", below the customer minimum of ",
                       minimum.ToString(), ": no communication."));
    }
  }

  // Group into communications: per customer, one at the highest level; per
  // invoice, one each.
  std::map<std::string, size_t> group_of;
  for (const Candidate& candidate : candidates) {
    if (below_customer_minimum.contains(
            candidate.outstanding.currency().ToString())) {
      continue;
    }
    const std::string key = policy.grouping() == Grouping::kPerInvoice
                                ? candidate.facts->life.invoice
                                : std::string();
    auto [it, inserted] = group_of.try_emplace(key, decision.actions.size());
    if (inserted) decision.actions.push_back({});
    Communication& communication = decision.actions[it->second];
    const DunningLevel& level = *candidate.level;
    if (candidate.level_number > communication.level_number) {
      communication.level = level.id;
      communication.level_number = candidate.level_number;
      communication.channel = level.channel;
      communication.template_id = level.template_id;
      communication.task = level.task;
      communication.payment_deadline.reset();
      if (level.payment_deadline_days) {
        communication.payment_deadline =
            as_of + Days{*level.payment_deadline_days};
      }
    }
    communication.block_account |= level.block_account;
    communication.invoices.push_back(candidate.facts->life.invoice);
    communication.invoice_levels.push_back(level.id);
    RELANCE_RETURN_IF_ERROR(
        AddTo(communication.outstanding, candidate.outstanding));
    if (policy.penalty_rule()) {
      const InvoiceLifecycle& life = candidate.facts->life;
      // The invoice date chooses the regime of a law that changed: when the
      // payment period started (Code de commerce) or, at the latest, when
      // the obligation arose (EGBGB, Late Payment Act).
      const InvoiceFacts facts{
          .amount = life.amount,
          .due_date = life.due_date,
          .obligation_date = life.issue_date <= life.due_date
                                 ? std::optional<Date>(life.issue_date)
                                 : std::nullopt,
          .settlements = candidate.facts->settlements};
      RELANCE_ASSIGN_OR_RETURN(PenaltyAssessment assessment,
                               Assess(*policy.penalty_rule(), facts, as_of));
      if (assessment.HasFlag(PenaltyFlag::kAssumedLastRate)) {
        for (const std::string& note : assessment.explanations) {
          if (!note.starts_with("Rate assumed:")) continue;
          const std::string sentence =
              absl::StrCat("Penalties of invoice ", life.invoice, ": ", note);
          decision.explanations.push_back(sentence);
        }
      }
      RELANCE_ASSIGN_OR_RETURN(
          Money penalties, Add(assessment.interest, assessment.compensation));
      RELANCE_RETURN_IF_ERROR(AddTo(communication.penalties, penalties));
    }
  }
  // Fees: the communication's level fee on its total, per currency.
  for (Communication& communication : decision.actions) {
    const DunningLevel* level = nullptr;
    for (const DunningLevel& candidate : ladder.levels) {
      if (candidate.id == communication.level) level = &candidate;
    }
    if (level == nullptr || !level->fee) continue;
    for (const Money& total : communication.outstanding) {
      absl::StatusOr<Money> fee = level->fee->For(total);
      if (fee.ok() && fee->IsPositive()) {
        RELANCE_RETURN_IF_ERROR(AddTo(communication.fees, *fee));
      }
    }
  }
  if (!thank_you_invoices.empty()) {
    Communication thank_you{.level = std::string(kThankYouLevel),
                            .channel = Channel::kEmail,
                            .template_id = policy.thank_you_template(),
                            .invoices = thank_you_invoices};
    thank_you.invoice_levels.assign(thank_you_invoices.size(),
                                    std::string(kThankYouLevel));
    decision.actions.push_back(std::move(thank_you));
  }
  for (const InvoiceDecision& status : decision.invoices) {
    if (status.state == InvoiceState::kNotYetDue ||
        status.state == InvoiceState::kCourtesySent) {
      ConsiderReview(decision.next_review, status.due_date + Days{1}, as_of);
    }
  }
  // Facts already recorded for later dates (an invoice issued later).
  for (const Event& event : c.events) {
    if (event.date > as_of) {
      ConsiderReview(decision.next_review, event.date, as_of);
      break;
    }
  }
  RELANCE_RETURN_IF_ERROR(CheckWithinSupportedDates(c, decision, false));
  return decision;
}

Case WithActionsRecorded(const Case& c, const Decision& decision) {
  Case recorded = c;
  // After every event of that date, keeping the date order.
  auto position = std::upper_bound(
      recorded.events.begin(), recorded.events.end(), decision.as_of,
      [](Date date, const Event& e) { return date < e.date; });
  std::vector<Event> actions;
  for (const Communication& communication : decision.actions) {
    std::map<std::string, std::vector<std::string>> invoices_by_level;
    for (size_t i = 0; i < communication.invoices.size(); ++i) {
      invoices_by_level[communication.invoice_levels[i]].push_back(
          communication.invoices[i]);
    }
    for (auto& [level, invoices] : invoices_by_level) {
      Event event{.date = decision.as_of,
                  .kind = EventKind::kActionPerformed,
                  .level = level,
                  .channel = std::string(ToString(communication.channel)),
                  .reference = absl::StrCat(decision.policy_id, " v",
                                            decision.policy_version)};
      if (invoices.size() == 1) {
        event.invoice = invoices.front();
      } else {
        event.invoices = std::move(invoices);
      }
      actions.push_back(std::move(event));
    }
  }
  recorded.events.insert(position, actions.begin(), actions.end());
  return recorded;
}

absl::StatusOr<std::vector<ForecastItem>> Forecast(const Policy& policy,
                                                   const Case& c, Date from,
                                                   Date to) {
  if (to < from || (to - from).count() > 3660) {
    return absl::InvalidArgumentError(
        absl::StrCat("forecast from ", FormatDate(from), " to ", FormatDate(to),
                     ": expected 0 to 3660 days"));
  }
  std::vector<ForecastItem> items;
  Case simulated = c;
  Date date = from;
  while (date <= to) {
    RELANCE_ASSIGN_OR_RETURN(Decision decision,
                             Evaluate(policy, simulated, date));
    for (const Communication& action : decision.actions) {
      items.push_back({.date = date, .action = action});
    }
    simulated = WithActionsRecorded(simulated, decision);
    if (!decision.actions.empty()) {
      date += Days{1};
    } else if (decision.next_review) {
      date = *decision.next_review;
    } else {
      break;
    }
  }
  return items;
}

}  // namespace relance
