// store/ledger_state.hpp
// -----------------------------------------------------------------------------
// What the ledger's implementation files share (not part of the ledger's
// interface): the connection, the journal writer, and reading facts back.
#ifndef RELANCE_STORE_LEDGER_STATE_HPP_
#define RELANCE_STORE_LEDGER_STATE_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/dunning.hpp"
#include "relance/event.hpp"
#include "store/case_assembly.hpp"
#include "store/ledger.hpp"
#include "store/sqlite.hpp"

namespace relance::store {

struct Ledger::State {
  Database db;
};

// Appends entries to the journal inside the caller's transaction, chaining
// each to the previous one.
class JournalWriter {
 public:
  // Reads the last entry's sequence and hash.
  [[nodiscard]] static absl::StatusOr<JournalWriter> Start(const Database& db);

  // Appends `event` for `customer`; `external_id` is the import's event id
  // (std::nullopt: none). Returns the entry's sequence.
  [[nodiscard]] absl::StatusOr<int64_t> Append(
      std::string_view customer, const Event& event,
      const std::optional<std::string>& external_id, std::string_view source,
      const Recording& recording);

  // The position to come back to (a savepoint rolled back).
  struct Mark {
    int64_t sequence = 0;
    std::string hash = {};
  };
  Mark mark() const { return {last_sequence_, last_hash_}; }
  void Restore(Mark mark) {
    last_sequence_ = mark.sequence;
    last_hash_ = std::move(mark.hash);
  }

 private:
  JournalWriter(Statement insert, int64_t last_sequence, std::string last_hash)
      : insert_(std::move(insert)),
        last_sequence_(last_sequence),
        last_hash_(std::move(last_hash)) {}
  Statement insert_;
  int64_t last_sequence_ = 0;
  std::string last_hash_;
};

// The facts of `customer` (its journal in date order, its invoices'
// history before relance, its name, segment, jurisdiction, language and
// address),
// with the journal entries up to `last_sequence` only when given (what the
// ledger held when a run began). kNotFound for an unknown customer.
[[nodiscard]] absl::StatusOr<CustomerFacts> ReadCustomerFacts(
    const Database& db, std::string_view customer,
    std::optional<int64_t> last_sequence = std::nullopt);

// Checks that `customer`'s facts fold: the case compiles and every invoice
// folds to `as_of` (the latest fact's date when absent). Errors:
// kFailedPrecondition (kInvalidArgument for amounts in another currency)
// naming the event.
[[nodiscard]] absl::Status CheckCustomerFacts(const Database& db,
                                              std::string_view customer);

// The customer of `invoice`; kNotFound when the ledger has none.
[[nodiscard]] absl::StatusOr<std::string> CustomerOfInvoice(
    const Database& db, std::string_view invoice);

// A row error of the ledger's own checks (column 0).
RowError ErrorAt(const RowOrigin& origin, std::string field,
                 std::string message);

// Checks an imported or recorded event against the customer's facts: true
// when they fold, false with a row error (the message of the fold) when
// they do not; a Status when the ledger failed.
[[nodiscard]] absl::StatusOr<bool> CheckFolds(const Database& db,
                                              std::string_view customer,
                                              const RowOrigin& origin,
                                              std::vector<RowError>& errors);

// The bodies of Ledger::ImportInvoices and ImportEvents, inside the
// caller's transaction and journal (the e-invoice import shares them).
[[nodiscard]] absl::StatusOr<ImportResult> ImportInvoiceRows(
    const Database& db, JournalWriter& journal,
    const ParsedRows<InvoiceRow>& parsed, const ImportOptions& options,
    const Recording& recording);
[[nodiscard]] absl::StatusOr<ImportResult> ImportEventRows(
    const Database& db, JournalWriter& journal,
    const ParsedRows<EventRow>& parsed, const ImportOptions& options,
    const Recording& recording);

// Writes one fact of `owner` (checked by the caller) to the journal, with
// `source`: a payment_received also enters the payments table under `id`
// (`<invoice>@<date>#<amount>` when empty; kFailedPrecondition when the
// ledger has it already; kInvalidArgument for another currency than the
// invoice's); another event keeps `id` as its external id ("" = none).
// Returns the entry's sequence. Does not check that the facts fold.
[[nodiscard]] absl::StatusOr<int64_t> AppendFact(
    const Database& db, JournalWriter& journal, std::string_view owner,
    const Event& event, std::string_view id, std::string_view source,
    const Recording& recording);

// A communication back from its JSON (CommunicationToJson). kDataLoss when
// the stored text is not one.
[[nodiscard]] absl::StatusOr<Communication> CommunicationFromJson(
    std::string_view text);

}  // namespace relance::store

#endif  // RELANCE_STORE_LEDGER_STATE_HPP_
