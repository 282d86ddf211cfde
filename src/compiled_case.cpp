#include "relance/compiled_case.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/event_check.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {

struct CompiledCase::State {
  Case owned;                   // the case, when compiled from a copy
  const Case* source = &owned;  // the case compiled (owned or borrowed)
  CaseOptions options;
  std::vector<CompiledInvoice> invoices;
  // Invoice id (a view into the source case's events) to invoice index.
  absl::flat_hash_map<std::string_view, size_t> index_of;
  // The events of invoice i are event_indices[event_offsets[i] ..
  // event_offsets[i + 1]) (indices into source->events): one flat array,
  // read in invoice order.
  std::vector<uint32_t> event_offsets;
  std::vector<uint32_t> event_indices;
  std::vector<uint32_t> customer_events;
  // Each action_acknowledged (its event index) to the action_performed
  // events it acknowledges (empty when the case has none).
  absl::flat_hash_map<uint32_t, std::vector<uint32_t>> acknowledged;
};

namespace {

std::string Where(const Event& event, size_t index) {
  return absl::StrCat("events[", index, "] ", std::string(ToString(event.kind)),
                      " on ", FormatDate(event.date));
}

bool IsCustomerLevel(EventKind kind) {
  return kind == EventKind::kAccountBlocked ||
         kind == EventKind::kAccountUnblocked ||
         kind == EventKind::kSegmentAssigned;
}

absl::StatusOr<Date> DueDateOf(const Event& issued,
                               const TermsParseOptions& options) {
  if (issued.due_date) return *issued.due_date;
  RELANCE_ASSIGN_OR_RETURN(PaymentTerms terms,
                           PaymentTerms::Parse(issued.terms, options));
  RELANCE_ASSIGN_OR_RETURN(std::vector<Date> due_dates,
                           terms.DueDates(issued.date));
  return *std::max_element(due_dates.begin(), due_dates.end());
}

// Why event `i` cannot name invoice `id`: the case issues it later, or
// never (then the fact, a payment say, would have nowhere to go).
absl::Status NotIssuedError(const std::vector<Event>& events, size_t i,
                            const std::string& id) {
  for (size_t later = i + 1; later < events.size(); ++later) {
    const Event& issued = events[later];
    if (issued.kind == EventKind::kInvoiceIssued && issued.invoice == id) {
      return absl::InvalidArgumentError(absl::StrCat(
          Where(events[i], i), ": invoice ", internal::QuoteForMessage(id),
          " is not issued yet (it is issued by events[", later, "] on ",
          FormatDate(issued.date), ")"));
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(
      Where(events[i], i), ": invoice ", internal::QuoteForMessage(id),
      " is never issued in this case"));
}

// The action_performed events of a case by reference, indexed up to an
// event as acknowledgements are met (nothing is built for a case without
// any): each event is looked at once.
class ActionsByReference {
 public:
  explicit ActionsByReference(std::span<const Event> events)
      : events_(events) {}

  // The action_performed events before events[i] carrying `reference`.
  const std::vector<uint32_t>& Before(size_t i, std::string_view reference) {
    for (; indexed_ < i; ++indexed_) {
      const Event& event = events_[indexed_];
      if (event.kind == EventKind::kActionPerformed &&
          !event.reference.empty()) {
        actions_[event.reference].push_back(static_cast<uint32_t>(indexed_));
      }
    }
    static const std::vector<uint32_t> kNone;
    const auto found = actions_.find(reference);
    return found == actions_.end() ? kNone : found->second;
  }

 private:
  std::span<const Event> events_;
  size_t indexed_ = 0;
  absl::flat_hash_map<std::string_view, std::vector<uint32_t>> actions_;
};

// The invoices acknowledgement events[i] concerns: those it names, each of
// which one of the actions it acknowledges (`actions`, not empty) must have
// concerned, or else all of theirs, in the order first named.
absl::StatusOr<std::vector<std::string_view>> AcknowledgedInvoices(
    std::span<const Event> events, size_t i,
    const std::vector<uint32_t>& actions) {
  std::vector<std::string_view> concerned;
  for (const uint32_t action : actions) {
    const Event& performed = events[action];
    const auto add = [&concerned](const std::string& id) {
      if (std::find(concerned.begin(), concerned.end(), id) ==
          concerned.end()) {
        concerned.push_back(id);
      }
    };
    if (performed.invoices.empty()) {
      add(performed.invoice);
    } else {
      for (const std::string& id : performed.invoices) add(id);
    }
  }
  const Event& acknowledgement = events[i];
  if (acknowledgement.invoice.empty() && acknowledgement.invoices.empty()) {
    return concerned;
  }
  // Views into the event itself (Invoices() returns a copy).
  std::vector<std::string_view> named;
  const std::span<const std::string> ids =
      acknowledgement.invoices.empty()
          ? std::span<const std::string>(&acknowledgement.invoice, 1)
          : std::span<const std::string>(acknowledgement.invoices);
  for (const std::string& id : ids) {
    if (std::find(concerned.begin(), concerned.end(), id) == concerned.end()) {
      return absl::InvalidArgumentError(absl::StrCat(
          Where(acknowledgement, i), ": invoice ",
          internal::QuoteForMessage(id), " is not one of the action ",
          internal::QuoteForMessage(acknowledgement.reference),
          " acknowledged (events[", actions.back(), "] on ",
          FormatDate(events[actions.back()].date), ")"));
    }
    named.push_back(id);
  }
  return named;
}

// Why acknowledgement events[i] has no action to acknowledge: the action is
// recorded later, or never.
absl::Status NothingAcknowledgedError(std::span<const Event> events, size_t i) {
  const Event& acknowledgement = events[i];
  for (size_t later = i + 1; later < events.size(); ++later) {
    const Event& performed = events[later];
    if (performed.kind == EventKind::kActionPerformed &&
        performed.reference == acknowledgement.reference) {
      return absl::InvalidArgumentError(
          absl::StrCat(Where(acknowledgement, i), ": acknowledges the action ",
                       internal::QuoteForMessage(acknowledgement.reference),
                       " before it was performed (events[", later, "] on ",
                       FormatDate(performed.date), ")"));
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(
      Where(acknowledgement, i), ": no action_performed with reference ",
      internal::QuoteForMessage(acknowledgement.reference), " before it"));
}

}  // namespace

CompiledCase::CompiledCase() : state_(std::make_shared<const State>()) {}

CompiledCase::CompiledCase(std::shared_ptr<const State> state)
    : state_(std::move(state)) {}

absl::StatusOr<CompiledCase> CompiledCase::Compile(Case c,
                                                   const CaseOptions& options) {
  auto state = std::make_shared<State>();
  state->owned = std::move(c);
  return Index(std::move(state), options);
}

absl::StatusOr<CompiledCase> CompiledCase::CompileBorrowed(
    const Case& c, const CaseOptions& options) {
  auto state = std::make_shared<State>();
  state->source = &c;
  return Index(std::move(state), options);
}

absl::StatusOr<CompiledCase> CompiledCase::Index(std::shared_ptr<State> state,
                                                 const CaseOptions& options) {
  const Case& c = *state->source;
  const std::vector<Event>& events = c.events;
  // (invoice index, event index) in event order; grouped per invoice at the
  // end (a stable counting sort keeps each invoice's events in date order).
  struct Attachment {
    uint32_t invoice;
    uint32_t event;
  };
  std::vector<Attachment> attachments;
  attachments.reserve(events.size());
  // The last event attached to each invoice.
  std::vector<uint32_t> last_attached;
  const size_t issued_count = static_cast<size_t>(
      std::count_if(events.begin(), events.end(), [](const Event& event) {
        return event.kind == EventKind::kInvoiceIssued;
      }));
  state->invoices.reserve(issued_count);
  state->index_of.reserve(issued_count);
  last_attached.reserve(issued_count);
  if (events.size() > UINT32_MAX) {
    return absl::InvalidArgumentError(
        absl::StrCat("case ", internal::QuoteForMessage(c.customer_id),
                     ": more than 4294967295 events"));
  }
  ActionsByReference actions_by_reference(events);
  // One pass: an account-wide event concerns the invoices issued before it
  // in the list, so it is attached to the invoices known when it is met.
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& event = events[i];
    if (i > 0 && event.date < events[i - 1].date) {
      return absl::InvalidArgumentError(absl::StrCat(
          "case ", internal::QuoteForMessage(c.customer_id), ": events[", i,
          "] (", FormatDate(event.date), ") is before events[", i - 1, "] (",
          FormatDate(events[i - 1].date), "): events must be in date order"));
    }
    // Its terms, if any, are read below with the host's options, not the
    // defaults Validate would use.
    RELANCE_RETURN_IF_ERROR(internal::ValidateEventShape(
        event, internal::TermsText::kLeftToCaller,
        [i] { return absl::StrCat("events[", i, "]"); }));
    const uint32_t index = static_cast<uint32_t>(i);
    if (event.kind == EventKind::kInvoiceIssued) {
      // One hash lookup: the invoice takes the next index.
      const bool inserted =
          state->index_of.try_emplace(event.invoice, state->invoices.size())
              .second;
      if (!inserted) {
        return absl::InvalidArgumentError(
            absl::StrCat(Where(event, i), ": invoice ",
                         internal::QuoteForMessage(event.invoice),
                         " is issued a second time"));
      }
      absl::StatusOr<Date> due_date = DueDateOf(event, options.terms);
      if (!due_date.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "events[", i,
            "] (invoice_issued): terms: ", due_date.status().message()));
      }
      state->invoices.push_back({.id = event.invoice,
                                 .issued_event = i,
                                 .issue_date = event.date,
                                 .due_date = *due_date,
                                 .amount = *event.amount});
      attachments.push_back(
          {static_cast<uint32_t>(state->invoices.size() - 1), index});
      last_attached.push_back(index);
      continue;
    }
    if (IsCustomerLevel(event.kind)) {
      state->customer_events.push_back(index);
      continue;
    }
    const auto attach = [&](std::string_view id) -> absl::Status {
      const auto found = state->index_of.find(id);
      if (found == state->index_of.end()) {
        return NotIssuedError(events, i, std::string(id));
      }
      const auto invoice = static_cast<uint32_t>(found->second);
      // An event naming an invoice twice concerns it once.
      if (last_attached[invoice] != index) {
        attachments.push_back({invoice, index});
        last_attached[invoice] = index;
      }
      return absl::OkStatus();
    };
    if (event.kind == EventKind::kActionAcknowledged) {
      const std::vector<uint32_t>& actions =
          actions_by_reference.Before(i, event.reference);
      if (actions.empty()) return NothingAcknowledgedError(events, i);
      RELANCE_ASSIGN_OR_RETURN(const std::vector<std::string_view> concerned,
                               AcknowledgedInvoices(events, i, actions));
      for (const std::string_view id : concerned) {
        RELANCE_RETURN_IF_ERROR(attach(id));
      }
      state->acknowledged.emplace(index, actions);
      continue;
    }
    if (event.invoice.empty() && event.invoices.empty()) {
      if (event.kind == EventKind::kActionPerformed) {
        return absl::InvalidArgumentError(absl::StrCat(
            Where(event, i),
            ": names no invoice; record the invoices the action concerned "
            "(invoice or invoices)"));
      }
      for (uint32_t invoice = 0; invoice < state->invoices.size(); ++invoice) {
        attachments.push_back({invoice, index});
        last_attached[invoice] = index;
      }
      continue;
    }
    if (!event.invoices.empty()) {
      for (const std::string& id : event.invoices) {
        RELANCE_RETURN_IF_ERROR(attach(id));
      }
    } else {
      RELANCE_RETURN_IF_ERROR(attach(event.invoice));
    }
  }
  // Group per invoice: a counting sort, stable (each invoice's events stay in
  // date order). event_offsets[i] first counts invoice i's events, then
  // marks their end; placing them from the last one back leaves it marking
  // their start.
  const size_t invoice_count = state->invoices.size();
  std::vector<uint32_t>& offsets = state->event_offsets;
  offsets.assign(invoice_count + 1, 0);
  for (const Attachment& attachment : attachments) {
    ++offsets[attachment.invoice];
  }
  for (size_t i = 1; i <= invoice_count; ++i) offsets[i] += offsets[i - 1];
  state->event_indices.resize(attachments.size());
  for (auto it = attachments.rbegin(); it != attachments.rend(); ++it) {
    state->event_indices[--offsets[it->invoice]] = it->event;
  }
  state->options = options;
  return CompiledCase(std::move(state));
}

const Case& CompiledCase::source() const { return *state_->source; }

const CaseOptions& CompiledCase::options() const { return state_->options; }

std::span<const CompiledInvoice> CompiledCase::invoices() const {
  return state_->invoices;
}

std::optional<size_t> CompiledCase::FindInvoice(std::string_view id) const {
  const auto found = state_->index_of.find(id);
  if (found == state_->index_of.end()) return std::nullopt;
  return found->second;
}

std::span<const uint32_t> CompiledCase::EventsOf(size_t index) const {
  const uint32_t* indices = state_->event_indices.data();
  return {indices + state_->event_offsets[index],
          indices + state_->event_offsets[index + 1]};
}

std::span<const uint32_t> CompiledCase::CustomerEvents() const {
  return state_->customer_events;
}

std::span<const uint32_t> CompiledCase::ActionsAcknowledged(
    size_t event_index) const {
  if (event_index > UINT32_MAX) return {};
  const auto found =
      state_->acknowledged.find(static_cast<uint32_t>(event_index));
  if (found == state_->acknowledged.end()) return {};
  return found->second;
}

}  // namespace relance
