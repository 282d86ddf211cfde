// store/ledger_json.hpp
// -----------------------------------------------------------------------------
// The one JSON form of each ledger result (docs/ledger.md, docs/json.md): the
// command's `--json`, the C ABI and Python return these documents. They
// follow relance's document conventions: first keys `schema`
// ("relance.import", "relance.run", "relance.action", "relance.entry",
// "relance.history", "relance.status", "relance.verify") and `schema_version`
// (1); snake_case keys always present (null when absent); money "1234.56 EUR",
// dates "YYYY-MM-DD"; indented by two spaces, with a final newline.
#ifndef RELANCE_STORE_LEDGER_JSON_HPP_
#define RELANCE_STORE_LEDGER_JSON_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "store/ledger.hpp"

namespace relance::store {

// An import: `what` is "customers", "invoices", "payments", "events",
// "einvoice" or "statuses" (its "notes" are what was decided for documents
// and statuses that gave no fact; empty for the others).
std::string ImportResultToJson(const ImportResult& result,
                               std::string_view what, std::string_view file);

// A run and the actions it planned.
std::string RunResultToJson(const RunResult& result);

// One action, as a document ("relance.action"; the object of a run's
// "actions" with the schema keys first).
std::string PlannedActionToJson(const PlannedAction& action);

// One journal entry, as a document ("relance.entry"; an entry of a
// history with the schema keys first).
std::string JournalEntryToJson(const JournalEntry& entry);

// A history: `subject` is "invoice" or "customer"; its journal entries and
// the actions planned or done for it.
std::string HistoryToJson(std::string_view subject, std::string_view id,
                          const std::vector<JournalEntry>& entries,
                          const std::vector<PlannedAction>& actions);

std::string StatusToJson(const LedgerStatus& status);

std::string VerifyResultToJson(const VerifyResult& result);

}  // namespace relance::store

#endif  // RELANCE_STORE_LEDGER_JSON_HPP_
