// store/ledger_rows.hpp
// -----------------------------------------------------------------------------
// The rows a host imports into the ledger (customers, invoices, payments,
// events), as the import files give them, and the errors that name where a
// row went wrong.
//
// The files are read by store/import_files.hpp into these rows; the ledger
// (store/ledger.hpp) checks them against what it already holds and writes
// them in one transaction. A row remembers its line so that an error found
// later (a payment for an invoice the ledger does not have) still names it.
#ifndef RELANCE_STORE_LEDGER_ROWS_HPP_
#define RELANCE_STORE_LEDGER_ROWS_HPP_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "relance/date.hpp"
#include "relance/event.hpp"
#include "relance/money.hpp"

namespace relance::store {

// Where a row came from: the file (as given) and the 1-based physical line
// where the row starts (the header is line 1 of a CSV file).
struct RowOrigin {
  std::string file = {};
  int line = 0;
  // The row as written in the file (all its physical lines, without the
  // final line end), a view into the text parsed: valid while that text
  // lives. For a rejects file.
  std::string_view text = {};
};

// A customer: its id, and what letters and reports need.
struct CustomerRow {
  RowOrigin origin = {};
  std::string id = {};
  std::string name = {};          // "" when not given
  std::string segment = {};       // a policy segment id, "" = the history
  std::string language = {};      // "fr", "en", "de"; "" = not given
  std::string jurisdiction = {};  // "FR", "DE", "GB"; "" = not given
  // The postal address a letter prints, one line each (no control
  // character, none empty); empty: not given, the ledger keeps the address
  // it has (from an earlier file or the customer's e-invoices).
  std::vector<std::string> address_lines = {};
};

// customers.address as the ledger stores it: the lines joined by line
// feeds ('' = none), and back (every line, as stored).
[[nodiscard]] std::string JoinAddressLines(
    const std::vector<std::string>& lines);
[[nodiscard]] std::vector<std::string> SplitAddressLines(
    std::string_view stored);

// An invoice as issued. Exactly one of `due_date` and `terms` is given.
struct InvoiceRow {
  RowOrigin origin = {};
  std::string id = {};
  std::string customer = {};
  Date issue_date = {};
  Money amount = {};  // > 0, its currency is the invoice's
  std::optional<Date> due_date = {};
  std::string terms = {};  // PaymentTerms::Parse text ("30D", "net 30")
  // Collection history before relance: the invoice is disputed in full
  // (a dispute_opened event on the issue date) ...
  bool disputed = false;
  // ... and this many levels of the customer's ladder were sent before
  // relance took over (0: none).
  int last_level_sent = 0;
};

// A payment received for one invoice.
struct PaymentRow {
  RowOrigin origin = {};
  // The file's payment_id, or, when the file has none, one derived from
  // the row (`<invoice>@<date>#<amount>` and, for the k-th identical row of
  // the file, `~k`): importing the same file again finds the same ids.
  std::string id = {};
  std::string invoice = {};
  Date date = {};
  // > 0. When the file gives no currency (`currency` is ""), the payment is
  // in its invoice's currency and `amount` stays Money() until the ledger
  // builds it from `amount_text` (store/import_files.hpp: PaymentAmount).
  Money amount = {};
  std::string currency = {};     // the row's ISO 4217 code, "" = the invoice's
  std::string amount_text = {};  // the amount as written, "150.00"
};

// Any other fact (dispute, promise, plan, block, ...), as an event.
struct EventRow {
  RowOrigin origin = {};
  // The file's "id", or, when it has none, derived from the event's
  // canonical JSON (`Event::ToJson`) and its customer, with `~k` for the
  // k-th identical line: re-importing a file finds the same ids.
  std::string id = {};
  std::string customer = {};  // required on customer-level events
  Event event = {};
};

// One error of an import: FILE:LINE:COLUMN (field): message. `column` is
// the 1-based field number in the row (CSV) or 0 for the whole line
// (JSONL); `field` is the column's header name or the JSON key ("" when
// none).
struct RowError {
  RowOrigin origin = {};
  int column = 0;
  std::string field = {};
  std::string message = {};

  // "invoices.csv:12:5 (amount): expected 2 decimals (EUR), got \"12.5\"";
  // "events.jsonl:3: event: date: ..." when column is 0; "F-1.xml: BT-112
  // ..." when line is 0 too (a whole file: an e-invoice).
  std::string ToString() const;
};

// Rows read from one file, with every error found (not only the first).
template <typename Row>
struct ParsedRows {
  std::vector<Row> rows = {};
  std::vector<RowError> errors = {};
  // The lines that were rejected (their RowOrigin lines), in file order,
  // so that `--skip-bad` can write them to a rejects file as they were.
  std::vector<std::string> rejected_lines = {};
};

}  // namespace relance::store

#endif  // RELANCE_STORE_LEDGER_ROWS_HPP_
