#include "store/invoice_state.hpp"

#include <algorithm>
#include <utility>

#include "relance/internal/status_macros.hpp"
#include "relance/lifecycle.hpp"

namespace relance::store {

StoredInvoiceState StoredStateOf(const InvoiceDecision& invoice) {
  StoredInvoiceState stored{
      .state = ToString(invoice.state),
      .last_level = invoice.last_level,
      .outstanding_minor = invoice.outstanding.minor_units(),
      .days_late = invoice.days_late};
  if (invoice.penalty_status == PenaltyStatus::kComputed) {
    stored.penalties_computed = true;
    stored.penalties_minor =
        (invoice.interest ? invoice.interest->minor_units() : 0) +
        (invoice.compensation ? invoice.compensation->minor_units() : 0);
  }
  return stored;
}

absl::StatusOr<InvoiceStateWriter> InvoiceStateWriter::Start(const Database& db,
                                                             int64_t run_id) {
  RELANCE_ASSIGN_OR_RETURN(
      Statement stored,
      db.Prepare("SELECT customer_id, invoice_id, state, last_level, "
                 "outstanding_minor, penalties_minor, days_late "
                 "FROM invoice_state ORDER BY customer_id, invoice_id",
                 "read the invoices' states"));
  RELANCE_ASSIGN_OR_RETURN(
      Statement upsert,
      db.Prepare("INSERT INTO invoice_state (customer_id, invoice_id, run_id, "
                 "state, last_level, outstanding_minor, penalties_minor, "
                 "days_late) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                 "ON CONFLICT (customer_id, invoice_id) DO UPDATE SET "
                 "run_id = ?3, state = ?4, last_level = ?5, "
                 "outstanding_minor = ?6, penalties_minor = ?7, days_late = ?8",
                 "record an invoice's state"));
  InvoiceStateWriter writer(run_id, std::move(stored), std::move(upsert));
  RELANCE_ASSIGN_OR_RETURN(writer.stored_row_, writer.stored_.Step());
  return writer;
}

absl::Status InvoiceStateWriter::SkipBefore(std::string_view customer) {
  while (stored_row_ && stored_.TextView(0) < customer) {
    RELANCE_ASSIGN_OR_RETURN(stored_row_, stored_.Step());
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> InvoiceStateWriter::Write(std::string_view customer,
                                                  const Decision& decision) {
  RELANCE_RETURN_IF_ERROR(SkipBefore(customer));
  // The decision's invoices and the stored rows, both in invoice order,
  // merged: an invoice without a row, or whose row differs, changed.
  order_.resize(decision.invoices.size());
  for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  std::sort(order_.begin(), order_.end(), [&](size_t a, size_t b) {
    return decision.invoices[a].invoice < decision.invoices[b].invoice;
  });
  changed_.clear();
  for (size_t index : order_) {
    const InvoiceDecision& invoice = decision.invoices[index];
    while (stored_row_ && stored_.TextView(0) == customer &&
           stored_.TextView(1) < invoice.invoice) {
      RELANCE_ASSIGN_OR_RETURN(stored_row_, stored_.Step());
    }
    const bool found = stored_row_ && stored_.TextView(0) == customer &&
                       stored_.TextView(1) == invoice.invoice;
    if (found) {
      StoredInvoiceState stored{.state = stored_.TextView(2),
                                .last_level = stored_.TextView(3),
                                .outstanding_minor = stored_.Int(4),
                                .days_late = stored_.Int(6)};
      if (!stored_.IsNull(5)) {
        stored.penalties_computed = true;
        stored.penalties_minor = stored_.Int(5);
      }
      if (stored == StoredStateOf(invoice)) continue;
    }
    changed_.push_back(index);
  }
  // The rows are written once the cursor has left this customer's.
  while (stored_row_ && stored_.TextView(0) == customer) {
    RELANCE_ASSIGN_OR_RETURN(stored_row_, stored_.Step());
  }
  for (size_t index : changed_) {
    const InvoiceDecision& invoice = decision.invoices[index];
    const StoredInvoiceState state = StoredStateOf(invoice);
    upsert_.Bind(1, customer)
        .Bind(2, invoice.invoice)
        .Bind(3, run_id_)
        .Bind(4, state.state)
        .Bind(5, state.last_level)
        .Bind(6, state.outstanding_minor);
    if (state.penalties_computed) {
      upsert_.Bind(7, state.penalties_minor);
    } else {
      upsert_.BindNull(7);
    }
    upsert_.Bind(8, state.days_late);
    RELANCE_RETURN_IF_ERROR(upsert_.Run());
  }
  return static_cast<int64_t>(changed_.size());
}

}  // namespace relance::store
