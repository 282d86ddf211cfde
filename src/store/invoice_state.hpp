// store/invoice_state.hpp
// -----------------------------------------------------------------------------
// Each invoice's state as the runs left it (table invoice_state, schema
// version 4), kept for `relance status` and reports. The table is keyed by
// (customer, invoice), the order in which a run evaluates customers, so a run
// reads the states it may change in one forward pass beside the journal and
// writes only the invoices whose state changed: a paid invoice, once
// recorded, is not written again.
#ifndef RELANCE_STORE_INVOICE_STATE_HPP_
#define RELANCE_STORE_INVOICE_STATE_HPP_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "relance/dunning.hpp"
#include "store/sqlite.hpp"

namespace relance::store {

// What invoice_state holds of an invoice's decision.
struct StoredInvoiceState {
  std::string_view state = {};       // "open", "paid", ... (ToString)
  std::string_view last_level = {};  // the last level reached, "" for none
  int64_t outstanding_minor = 0;
  // Interest and compensation in minor units, when computed (NULL in the
  // table otherwise, and 0 here).
  bool penalties_computed = false;
  int64_t penalties_minor = 0;
  int64_t days_late = 0;

  friend bool operator==(const StoredInvoiceState&,
                         const StoredInvoiceState&) = default;
};

// The state invoice_state records for `invoice`.
StoredInvoiceState StoredStateOf(const InvoiceDecision& invoice);

// Writes a run's invoice states, customer after customer in ascending id
// order (the order of the run), skipping those unchanged since they were
// last written.
class InvoiceStateWriter {
 public:
  // Errors: the ledger's (kDataLoss, kUnavailable).
  [[nodiscard]] static absl::StatusOr<InvoiceStateWriter> Start(
      const Database& db, int64_t run_id);

  // Records the states of `decision`'s invoices, all of `customer`, whose
  // id is greater than every customer's written before. Returns how many
  // rows were written.
  [[nodiscard]] absl::StatusOr<int64_t> Write(std::string_view customer,
                                              const Decision& decision);

 private:
  InvoiceStateWriter(int64_t run_id, Statement stored, Statement upsert)
      : run_id_(run_id),
        stored_(std::move(stored)),
        upsert_(std::move(upsert)) {}

  // Moves the cursor past every row of customers before `customer`.
  [[nodiscard]] absl::Status SkipBefore(std::string_view customer);

  int64_t run_id_;
  Statement stored_;  // every row in (customer_id, invoice_id) order
  bool stored_row_ = false;
  Statement upsert_;
  std::vector<size_t> order_;    // the decision's invoices by id
  std::vector<size_t> changed_;  // those to write
};

}  // namespace relance::store

#endif  // RELANCE_STORE_INVOICE_STATE_HPP_
