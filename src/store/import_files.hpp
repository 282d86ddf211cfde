// store/import_files.hpp
// -----------------------------------------------------------------------------
// The strict parsers of the ledger's four import files (docs/ledger_files.md):
// customers.csv, invoices.csv, payments.csv and events.jsonl, read into the
// rows of store/ledger_rows.hpp. Pure functions of the text: no database, no
// clock; the ledger checks the rows against what it holds.
//
// Every error of a file is reported, not only the first: each bad field of
// each bad row, in file order, as a RowError naming the file, the physical
// line where the row starts, the field's 1-based position in the row and the
// column's header name (`invoices.csv:12:5 (amount): expected 2 decimals
// (EUR), got "12.5"`). A row with any error is left out of `rows` and its
// text, exactly as in the file, goes to `rejected_lines`, so that
// `relance import --skip-bad` can import the good rows and write the bad
// ones to a rejects file (FormatRejects) that the user fixes and imports
// again.
//
// Example:
//
//   absl::StatusOr<std::string> text = ReadImportFile("invoices.csv");
//   if (!text.ok()) return text.status();
//   ParsedRows<InvoiceRow> parsed = ParseInvoicesCsv(*text, "invoices.csv");
//   for (const RowError& error : parsed.errors) {
//     std::cerr << error.ToString() << "\n";
//   }
//
// CSV files (RFC 4180, read with libcsv in strict mode):
//   - fields separated by ',', records by LF or CRLF (a carriage return
//     alone ends a line too, also for line numbers); a field may be quoted
//     ("..."), a quote inside doubled (""), and then holds commas and line
//     breaks; a UTF-8 byte order mark at the very start is skipped; empty
//     lines are skipped; spaces are never trimmed (" 12.00" is an amount
//     with a space, an error);
//   - a quote inside an unquoted field, text after a closing quote, or a
//     quoted field never closed is an error at the line where the record
//     (for an unclosed quote: the field) starts; after a quoting error the
//     reading resumes at the next physical line;
//   - the first record is the header: lowercase column names, in any order,
//     each at most once, from the file's list (required and optional ones).
//     A header error (unknown, duplicate or missing column) makes every
//     data record unreadable: they all go to rejected_lines, and only the
//     header errors and the quoting errors are reported;
//   - every data record has exactly the header's number of fields;
//   - an empty field of an optional column is the same as the column being
//     absent.
//
// Values (each rule's message is in docs/ledger_files.md):
//   - ids (customer_id, invoice_id, payment_id, segment, events' "id" and
//     "customer"): 1..200 bytes, no control character, no space at either
//     end. An id used twice in one file is an error on the later line
//     naming the first (`invoices.csv:5:1 (invoice_id): "F-1" is already
//     on line 2`);
//   - dates: YYYY-MM-DD (ParseDate);
//   - currency: an ISO 4217 code (Currency::FromCode);
//   - amounts: digits, then '.' and exactly the currency's minor digits
//     when it has any ("1234.56" EUR, "1234" JPY), positive, no sign,
//     exponent, thousands separator or leading zero ("0.50" is fine,
//     "00.50" is not), at most Money::kMaxMinorUnits minor units.
//
// At most kMaxImportErrors errors are kept; when there are more, one last
// error (at the line of the first one left out, column 0) says
// `... and N more errors`. The rows and rejected_lines stay complete.
#ifndef RELANCE_STORE_IMPORT_FILES_HPP_
#define RELANCE_STORE_IMPORT_FILES_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/currency.hpp"
#include "relance/money.hpp"
#include "store/ledger_rows.hpp"

namespace relance::store {

// The largest import file read: 4 GiB (some 40 million invoice rows).
inline constexpr int64_t kMaxImportFileBytes = int64_t{4} << 30;

// The most errors a parse keeps; the next one becomes `... and N more
// errors`.
inline constexpr size_t kMaxImportErrors = 1000;

// The longest id accepted, in bytes.
inline constexpr size_t kMaxIdBytes = 200;

// Reads a whole import file. Only a regular file of at most
// kMaxImportFileBytes is read: a directory, a FIFO, a device or a socket is
// refused before anything is read, as is a larger file, and opening never
// blocks (internal::ReadFileWithin). Errors: kInvalidArgument `file
// "<path>": <why>` (`cannot open: No such file or directory`, `is a
// directory, expected a regular file`, `is 5000000000 bytes, more than the
// limit of ...`): a missing file is bad input, not missing reference data.
[[nodiscard]] absl::StatusOr<std::string> ReadImportFile(
    const std::string& path);

// customers.csv. Columns: customer_id (required); name (text without
// control characters but tab and line breaks), segment (an id),
// language (two lowercase letters: "fr", "en", "de"), jurisdiction (two
// uppercase letters: "FR", "DE", "GB").
[[nodiscard]] ParsedRows<CustomerRow> ParseCustomersCsv(
    std::string_view text, std::string_view file_name);

// invoices.csv. Columns: invoice_id, customer_id, issue_date, currency,
// amount (required); due_date, terms, disputed ("0" or "1", empty: 0),
// last_level_sent (0..99, empty: 0). The header has due_date or terms (or
// both), and each row gives exactly one of them; terms must be read by
// PaymentTerms::Parse (each distinct text is parsed once); a due date is
// not before the issue date. The benchmark's files
// (`invoice_id,customer_id,issue_date,currency,amount,terms,disputed,
// last_level_sent`) are of this form.
[[nodiscard]] ParsedRows<InvoiceRow> ParseInvoicesCsv(
    std::string_view text, std::string_view file_name);

// payments.csv. Columns: invoice_id, payment_date, amount (required);
// payment_id, currency (optional).
//
// The currency: a payment is in its invoice's currency, which the file
// need not repeat. When the row gives a currency, `amount` is that exact
// Money and `currency` its code; when it does not (no column, or an empty
// field), `currency` is "", `amount` stays Money() (0 XXX) and the ledger
// builds it from the invoice's currency with PaymentAmount. In both cases
// `amount_text` is the amount as written, already checked to be a positive
// decimal in canonical form (the number of decimals is checked here only
// when the currency is given).
//
// Without a payment_id (no column, or an empty field), the id is
// `<invoice>@<date>#<amount_text>` ("F-1@2026-02-01#150.00"), and the k-th
// identical one in the file (k >= 2) gets `~k` ("...#150.00~2"): importing
// the same file again gives the same ids.
[[nodiscard]] ParsedRows<PaymentRow> ParsePaymentsCsv(
    std::string_view text, std::string_view file_name);

// The amount of a payment read without a currency, in its invoice's
// `currency` (the row's own Money when it has a currency).
// Errors: kInvalidArgument `expected 2 decimals (EUR), got "12.5"`, and
// `currency USD differs from the invoice's EUR` when the row's currency is
// not `currency`.
[[nodiscard]] absl::StatusOr<Money> PaymentAmount(const PaymentRow& row,
                                                  Currency currency);

// events.jsonl: one JSON object a line (blank lines and CRLF accepted), an
// event as Event::FromJson reads it (the keys of a case file's events) plus
// two optional keys: "id" (an id) and "customer" (an id). "customer" is
// required on an event that names no invoice (account_blocked,
// segment_assigned, a promise or block of the whole account). Invoices and
// payments are not events of this file: "invoice_issued" and
// "payment_received" are refused, the message naming `relance import
// invoices` / `relance import payments`.
//
// Errors have column 0 and the JSON key as field when there is one
// ("id", "customer"); a message from Event::FromJson is kept as it is
// (`events.jsonl:3: event: date: ...`).
//
// Without an "id", the id is "E" followed by the first 16 hexadecimal
// digits of the SHA-256 of `<customer> "\n" <Event::ToJson()>`, and the
// k-th identical event of the file (k >= 2) gets `~k`: the same line gives
// the same id whatever its position or spacing, in every import.
[[nodiscard]] ParsedRows<EventRow> ParseEventsJsonl(std::string_view text,
                                                    std::string_view file_name);

// The first line of a CSV file's text (its header, without the byte order
// mark, leading empty lines and the line break); "" when there is none.
[[nodiscard]] std::string_view CsvHeaderLine(std::string_view text);

// A rejects file: `header_line` (CsvHeaderLine(text) for a CSV file, ""
// for events.jsonl: no line is written then) and each rejected line, every
// one followed by "\n". Importing it reads the rejected rows again.
[[nodiscard]] std::string FormatRejects(
    std::string_view header_line,
    const std::vector<std::string>& rejected_lines);

}  // namespace relance::store

#endif  // RELANCE_STORE_IMPORT_FILES_HPP_
