// relance/compiled_case.hpp
// -----------------------------------------------------------------------------
// A case validated and indexed once, ready to be evaluated many times.
//
// `Case` (relance/event.hpp) is the audit trail as a host stores it: one
// ordered list of events. Evaluating it needs, for every invoice, the events
// that concern it; looking them up in the whole list for every invoice costs
// invoices x events. `CompiledCase::Compile` does that work once, in one pass:
//
//   - every event is validated (Event::Validate) and the events must be in
//     date order;
//   - invoice ids are interned: each invoice issued gets an index, in the
//     order of its invoice_issued event, and its due date is computed once
//     (from `due_date`, or from its `terms` text read with the host's
//     `CaseOptions::terms`: end-of-month reading, calendar adjustment);
//   - every event naming invoices is attached to each of them; events naming
//     no invoice (a promise, block, plan, hand-off or legal action for the
//     whole account) are attached to every invoice issued by their date;
//     customer-level events (account blocked/unblocked, segment assigned)
//     are kept apart.
//
// Facts that cannot take effect are refused here, with the event's index and
// date, rather than silently ignored when evaluated:
//   - an invoice issued twice;
//   - an event naming an invoice the case never issues, or one issued later
//     (a payment for an unknown invoice);
//   - an `action_performed` naming no invoice (which letter went out for
//     what cannot be known; record the invoices it concerned);
//   - an `action_acknowledged` whose `reference` no action_performed
//     recorded before it carries (an acknowledgement of a letter never
//     sent, or sent only later), or naming an invoice that action did not
//     concern.
//
// An action_acknowledged is attached to the invoices it names or, naming
// none, to those of the action it acknowledges (never to the whole
// account): it concerns what the letter concerned.
//
// A compiled case is an immutable value handle: copies share the compiled
// state, it is safe to share between threads, and evaluation never
// validates or parses again.
//
// Example:
//
//   absl::StatusOr<CompiledCase> compiled = CompiledCase::Compile(dupont);
//   Evaluate(policy, *compiled, MakeDate(2026, 3, 31));
#ifndef RELANCE_COMPILED_CASE_HPP_
#define RELANCE_COMPILED_CASE_HPP_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/event.hpp"
#include "relance/export.hpp"
#include "relance/money.hpp"
#include "relance/terms.hpp"

namespace relance {

namespace internal {
struct CaseBorrowing;
}  // namespace internal

// How a case's facts are read.
struct RELANCE_API CaseOptions {
  // Reads the `terms` text of invoice_issued events (end-of-month reading,
  // business-day adjustment on the host's calendar, ...).
  TermsParseOptions terms = {};
};

// One invoice of a compiled case.
struct RELANCE_API CompiledInvoice {
  std::string id = {};
  size_t issued_event = 0;  // index of its invoice_issued event
  Date issue_date = {};
  Date due_date = {};  // the latest due date of its terms
  Money amount;        // as issued
};

class RELANCE_API CompiledCase {
 public:
  // An empty case (no customer, no events).
  CompiledCase();

  // Validates and indexes `c` (see above). Errors (kInvalidArgument, naming
  // the event as `events[i] <type> on <date>`): events out of date order,
  // an invalid event, an invoice issued twice, terms that give no due date,
  // an event naming an invoice not issued (by its date), an
  // action_performed naming no invoice, an action_acknowledged with no
  // action_performed of its reference before it (`events[7]
  // action_acknowledged on 2026-03-04: no action_performed with reference
  // "LR-2" before it`) or naming an invoice that action did not concern.
  [[nodiscard]] static absl::StatusOr<CompiledCase> Compile(
      Case c, const CaseOptions& options = {});

  // The case as given, and the options it was compiled with.
  const Case& source() const;
  const CaseOptions& options() const;
  const std::string& customer_id() const { return source().customer_id; }
  std::span<const Event> events() const { return source().events; }

  // Invoices in the order they were issued.
  std::span<const CompiledInvoice> invoices() const;
  // The index of invoice `id`; none when the case does not issue it.
  std::optional<size_t> FindInvoice(std::string_view id) const;

  // Indices into events() of the events concerning invoice `index` (its
  // invoice_issued event first, then every later event naming it or the
  // whole account), in date order.
  std::span<const uint32_t> EventsOf(size_t index) const;
  // Indices of customer-level events (account blocked/unblocked, segment
  // assigned), in date order.
  std::span<const uint32_t> CustomerEvents() const;

  // The action_performed events that the action_acknowledged event at
  // `event_index` (into events()) acknowledges: every action_performed
  // recorded before it with the same `reference` (a ledger action grouping
  // several levels records one per level, all "action 12"), as indices in
  // order, found once by Compile. Never empty for an acknowledgement; empty
  // when `event_index` is not an action_acknowledged.
  std::span<const uint32_t> ActionsAcknowledged(size_t event_index) const;

 private:
  struct State;
  // Compile(), without copying `c`, which must outlive the result: for
  // the library's own one-shot evaluations of a `Case`
  // (internal/case_borrowing.hpp).
  friend struct internal::CaseBorrowing;
  static absl::StatusOr<CompiledCase> CompileBorrowed(
      const Case& c, const CaseOptions& options);
  static absl::StatusOr<CompiledCase> Index(std::shared_ptr<State> state,
                                            const CaseOptions& options);

  explicit CompiledCase(std::shared_ptr<const State> state);
  std::shared_ptr<const State> state_;
};

}  // namespace relance

#endif  // RELANCE_COMPILED_CASE_HPP_
