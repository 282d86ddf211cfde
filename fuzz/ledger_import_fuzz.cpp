// Fuzzes the ledger's import parsers (store/import_files.hpp). The first
// byte picks the file: customers.csv, invoices.csv, payments.csv or
// events.jsonl; the rest is its text.
// Properties: every error names the file, a line between 1 and the number
// of lines of the text, a column >= 0 and a message; at most
// kMaxImportErrors + 1 errors; rows in line order, each row's line inside
// the text; every rejected line is text of the input; rows plus rejected
// lines account for every record (exactly, for JSON lines, and for CSV text
// without quotes or carriage returns, where a record is a non-empty line);
// every row satisfies the documented constraints (ids of 1..200 bytes,
// amounts > 0, exactly one of due_date and terms, due date not before the
// issue date, payments in their currency, events that the file may hold);
// a second parse gives the same ids.
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "relance/event.hpp"
#include "store/import_files.hpp"

namespace {

using relance::store::ParsedRows;
using relance::store::RowError;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Physical lines of the text (the last one need not end with a line
// break). In a CSV file a carriage return alone ends a line too.
int LineCount(std::string_view text, bool csv) {
  int lines = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') ++lines;
    if (csv && text[i] == '\r' &&
        (i + 1 == text.size() || text[i + 1] != '\n')) {
      ++lines;
    }
  }
  if (!text.empty() && text.back() != '\n' && !(csv && text.back() == '\r')) {
    ++lines;
  }
  return lines;
}

// Lines holding something else than `blank` characters. In a CSV file a
// carriage return alone ends a line too (and a line is blank only when
// empty).
int NonBlankLines(std::string_view text, bool csv) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(3);
  const std::string_view blank = csv ? "" : " \t\r";
  int count = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find_first_of(csv ? "\r\n" : "\n", pos);
    if (end == std::string_view::npos) end = text.size();
    if (text.substr(pos, end - pos).find_first_not_of(blank) !=
        std::string_view::npos) {
      ++count;
    }
    pos = end + 1;
    if (csv && end < text.size() && text[end] == '\r' && pos < text.size() &&
        text[pos] == '\n') {
      ++pos;
    }
  }
  return count;
}

bool ValidId(std::string_view id) {
  return !id.empty() && id.size() <= relance::store::kMaxIdBytes;
}

template <typename Row>
void CheckCommon(const ParsedRows<Row>& parsed, std::string_view text,
                 std::string_view file, bool csv) {
  const int lines = std::max(1, LineCount(text, csv));
  RELANCE_FUZZ_CHECK(parsed.errors.size() <=
                     relance::store::kMaxImportErrors + 1);
  for (const RowError& error : parsed.errors) {
    RELANCE_FUZZ_CHECK(error.origin.file == file);
    RELANCE_FUZZ_CHECK(error.origin.line >= 1 && error.origin.line <= lines);
    RELANCE_FUZZ_CHECK(error.column >= 0);
    RELANCE_FUZZ_CHECK(!error.message.empty());
  }
  int previous = csv ? 1 : 0;  // a CSV file's line 1 holds its header
  for (const Row& row : parsed.rows) {
    RELANCE_FUZZ_CHECK(row.origin.file == file);
    RELANCE_FUZZ_CHECK(row.origin.line > previous && row.origin.line <= lines);
    previous = row.origin.line;
  }
  for (const std::string& line : parsed.rejected_lines) {
    RELANCE_FUZZ_CHECK(text.find(line) != std::string_view::npos);
  }
  // A file without errors rejects nothing; a rejected line has an error.
  RELANCE_FUZZ_CHECK(!parsed.errors.empty() || parsed.rejected_lines.empty());
  const size_t accounted = parsed.rows.size() + parsed.rejected_lines.size();
  if (!csv) {
    RELANCE_FUZZ_CHECK(accounted ==
                       static_cast<size_t>(NonBlankLines(text, false)));
    return;
  }
  const int records = NonBlankLines(text, true);
  RELANCE_FUZZ_CHECK(accounted <= static_cast<size_t>(records));
  if (text.find_first_of("\"\r") == std::string_view::npos && records > 0) {
    // One record a non-empty line, the first being the header.
    RELANCE_FUZZ_CHECK(accounted == static_cast<size_t>(records - 1));
  }
}

template <typename Row>
void CheckSameIds(const ParsedRows<Row>& a, const ParsedRows<Row>& b) {
  RELANCE_FUZZ_CHECK(a.rows.size() == b.rows.size());
  for (size_t i = 0; i < a.rows.size(); ++i) {
    RELANCE_FUZZ_CHECK(a.rows[i].id == b.rows[i].id);
  }
}

void Customers(std::string_view text) {
  const auto parsed = relance::store::ParseCustomersCsv(text, "customers.csv");
  CheckCommon(parsed, text, "customers.csv", true);
  for (const relance::store::CustomerRow& row : parsed.rows) {
    RELANCE_FUZZ_CHECK(ValidId(row.id));
    RELANCE_FUZZ_CHECK(row.segment.empty() || ValidId(row.segment));
    RELANCE_FUZZ_CHECK(row.language.empty() || row.language.size() == 2);
    RELANCE_FUZZ_CHECK(row.jurisdiction.empty() ||
                       row.jurisdiction.size() == 2);
  }
}

void Invoices(std::string_view text) {
  const auto parsed = relance::store::ParseInvoicesCsv(text, "invoices.csv");
  CheckCommon(parsed, text, "invoices.csv", true);
  for (const relance::store::InvoiceRow& row : parsed.rows) {
    RELANCE_FUZZ_CHECK(ValidId(row.id));
    RELANCE_FUZZ_CHECK(ValidId(row.customer));
    RELANCE_FUZZ_CHECK(row.amount.IsPositive());
    RELANCE_FUZZ_CHECK(row.amount.minor_units() <=
                       relance::Money::kMaxMinorUnits);
    RELANCE_FUZZ_CHECK(row.due_date.has_value() != !row.terms.empty());
    RELANCE_FUZZ_CHECK(!row.due_date || *row.due_date >= row.issue_date);
    RELANCE_FUZZ_CHECK(row.last_level_sent >= 0 && row.last_level_sent <= 99);
  }
}

void Payments(std::string_view text) {
  const auto parsed = relance::store::ParsePaymentsCsv(text, "payments.csv");
  CheckCommon(parsed, text, "payments.csv", true);
  for (const relance::store::PaymentRow& row : parsed.rows) {
    RELANCE_FUZZ_CHECK(!row.id.empty());
    RELANCE_FUZZ_CHECK(ValidId(row.invoice));
    RELANCE_FUZZ_CHECK(!row.amount_text.empty());
    if (!row.currency.empty()) {
      RELANCE_FUZZ_CHECK(row.amount.IsPositive());
      RELANCE_FUZZ_CHECK(row.amount.currency().code() == row.currency);
      const absl::StatusOr<relance::Money> again =
          relance::store::PaymentAmount(row, row.amount.currency());
      RELANCE_FUZZ_CHECK(again.ok() && *again == row.amount);
    }
  }
  CheckSameIds(parsed, relance::store::ParsePaymentsCsv(text, "payments.csv"));
}

void Events(std::string_view text) {
  const auto parsed = relance::store::ParseEventsJsonl(text, "events.jsonl");
  CheckCommon(parsed, text, "events.jsonl", false);
  for (const relance::store::EventRow& row : parsed.rows) {
    RELANCE_FUZZ_CHECK(ValidId(row.id));
    RELANCE_FUZZ_CHECK(row.event.kind != relance::EventKind::kInvoiceIssued);
    RELANCE_FUZZ_CHECK(row.event.kind != relance::EventKind::kPaymentReceived);
    RELANCE_FUZZ_CHECK(!row.customer.empty() || !row.event.Invoices().empty());
    RELANCE_FUZZ_CHECK(row.event.Validate("event").ok());
  }
  CheckSameIds(parsed, relance::store::ParseEventsJsonl(text, "events.jsonl"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text = relance::fuzz::AsText(data + 1, size - 1);
  switch (data[0] % 4) {
    case 0:
      Customers(text);
      break;
    case 1:
      Invoices(text);
      break;
    case 2:
      Payments(text);
      break;
    default:
      Events(text);
      break;
  }
  return 0;
}
