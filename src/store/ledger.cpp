#include "store/ledger.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "relance/decision_json.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/terms.hpp"
#include "store/import_files.hpp"
#include "store/journal.hpp"
#include "store/ledger_state.hpp"
#include "store/schema.hpp"

namespace relance::store {
using internal::QuoteForMessage;

RowError ErrorAt(const RowOrigin& origin, std::string field,
                 std::string message) {
  return RowError{.origin = origin,
                  .column = 0,
                  .field = std::move(field),
                  .message = std::move(message)};
}

namespace {

std::string SourceOf(const RowOrigin& origin) {
  if (origin.line == 0) return absl::StrCat("import ", origin.file);
  return absl::StrCat("import ", origin.file, ":", origin.line);
}

// The import's outcome when errors refuse it: nothing written.
ImportResult Refused(int64_t rows, std::vector<RowError> errors,
                     std::vector<std::string> rejected_lines) {
  ImportResult result;
  result.rows = rows;
  result.rejected = static_cast<int64_t>(rejected_lines.size());
  result.errors = std::move(errors);
  result.rejected_lines = std::move(rejected_lines);
  return result;
}

// Runs `import_row` for each row inside a savepoint; a row that fails is
// rolled back alone (with skip_bad) or fails the import.
template <typename Row, typename ImportRow>
absl::StatusOr<ImportResult> ImportRows(const Database& db,
                                        const ParsedRows<Row>& parsed,
                                        const ImportOptions& options,
                                        JournalWriter* journal,
                                        ImportRow import_row) {
  ImportResult result;
  result.rows =
      static_cast<int64_t>(parsed.rows.size() + parsed.rejected_lines.size());
  result.errors = parsed.errors;
  result.rejected_lines = parsed.rejected_lines;
  // Prepared once: a million rows are a million savepoints.
  RELANCE_ASSIGN_OR_RETURN(Statement savepoint,
                           db.Prepare("SAVEPOINT import_row", "import a row"));
  RELANCE_ASSIGN_OR_RETURN(Statement release,
                           db.Prepare("RELEASE import_row", "import a row"));
  RELANCE_ASSIGN_OR_RETURN(
      Statement rollback,
      db.Prepare("ROLLBACK TO import_row", "undo a refused row"));
  // The good rows are checked against the ledger even when the file has
  // bad ones: every error is reported at once.
  for (const Row& row : parsed.rows) {
    RELANCE_RETURN_IF_ERROR(savepoint.Run());
    const std::optional<JournalWriter::Mark> mark =
        journal != nullptr ? std::optional(journal->mark()) : std::nullopt;
    // Ok(true): written; Ok(false): already there, identical; an error in
    // `row_errors`: refused. A Status: the ledger failed.
    std::vector<RowError> row_errors;
    absl::StatusOr<bool> written = import_row(row, row_errors);
    if (!written.ok()) return written.status();
    if (!row_errors.empty()) {
      RELANCE_RETURN_IF_ERROR(rollback.Run());
      RELANCE_RETURN_IF_ERROR(release.Run());
      if (mark.has_value()) journal->Restore(*mark);
      result.errors.insert(result.errors.end(), row_errors.begin(),
                           row_errors.end());
      result.rejected_lines.emplace_back(row.origin.text);
      ++result.rejected;
      continue;
    }
    RELANCE_RETURN_IF_ERROR(release.Run());
    if (*written) {
      ++result.imported;
    } else {
      ++result.unchanged;
    }
  }
  result.rejected += static_cast<int64_t>(parsed.rejected_lines.size());
  if (!result.errors.empty() && !options.skip_bad) {
    return Refused(result.rows, std::move(result.errors),
                   std::move(result.rejected_lines));
  }
  return result;
}

// The due date an invoice row gives: its own, or its terms' last one.
class DueDates {
 public:
  absl::StatusOr<Date> Of(const InvoiceRow& row) {
    if (row.due_date.has_value()) return *row.due_date;
    auto [it, inserted] = terms_.try_emplace(row.terms);
    if (inserted) it->second = PaymentTerms::Parse(row.terms);
    if (!it->second.ok()) return it->second.status();
    RELANCE_ASSIGN_OR_RETURN(std::vector<Date> dates,
                             it->second->DueDates(row.issue_date));
    if (dates.empty()) {
      return absl::InvalidArgumentError("the terms give no due date");
    }
    return *std::max_element(dates.begin(), dates.end());
  }

 private:
  absl::flat_hash_map<std::string, absl::StatusOr<PaymentTerms>> terms_;
};

}  // namespace

absl::Status CheckNewJurisdiction(
    const std::vector<JurisdictionPolicy>& policies,
    std::string_view jurisdiction) {
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (jurisdiction.size() != 2 || !upper(jurisdiction[0]) ||
      !upper(jurisdiction[1])) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected two uppercase letters (\"GB\"), got ",
                     QuoteForMessage(jurisdiction)));
  }
  for (const JurisdictionPolicy& earlier : policies) {
    if (earlier.jurisdiction == jurisdiction) {
      return absl::InvalidArgumentError(
          absl::StrCat(std::string(jurisdiction), " is given twice"));
    }
  }
  return absl::OkStatus();
}

Ledger::Ledger(std::unique_ptr<State> state) : state_(std::move(state)) {}
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;
Ledger::~Ledger() = default;

const std::string& Ledger::path() const { return state_->db.path(); }

absl::StatusOr<Ledger> Ledger::Open(const std::string& path, bool create) {
  RELANCE_ASSIGN_OR_RETURN(Database db, Database::Open(path, create));
  RELANCE_RETURN_IF_ERROR(Migrate(db));
  return Ledger(std::make_unique<State>(State{.db = std::move(db)}));
}

absl::StatusOr<ImportResult> Ledger::ImportCustomers(
    const ParsedRows<CustomerRow>& parsed, const ImportOptions& options,
    const Recording& recording) {
  (void)recording;
  const Database& db = state_->db;
  RELANCE_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db));
  RELANCE_ASSIGN_OR_RETURN(
      Statement find,
      db.Prepare("SELECT name, segment, language, jurisdiction, address "
                 "FROM customers WHERE id = ?1",
                 "find a customer"));
  // ?6 '': no address given, the ledger's stays.
  RELANCE_ASSIGN_OR_RETURN(
      Statement upsert,
      db.Prepare("INSERT INTO customers (id, name, segment, language, "
                 "jurisdiction, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                 "ON CONFLICT (id) DO UPDATE SET name = ?2, segment = ?3, "
                 "language = ?4, jurisdiction = ?5, "
                 "address = CASE ?6 WHEN '' THEN address ELSE ?6 END",
                 "import a customer"));
  RELANCE_ASSIGN_OR_RETURN(
      ImportResult result,
      ImportRows(db, parsed, options, nullptr,
                 [&](const CustomerRow& row,
                     std::vector<RowError>&) -> absl::StatusOr<bool> {
                   const std::string address =
                       JoinAddressLines(row.address_lines);
                   find.Bind(1, row.id);
                   RELANCE_ASSIGN_OR_RETURN(bool found, find.Step());
                   const bool same =
                       found && find.TextView(0) == row.name &&
                       find.TextView(1) == row.segment &&
                       find.TextView(2) == row.language &&
                       find.TextView(3) == row.jurisdiction &&
                       (address.empty() || find.TextView(4) == address);
                   find.Reset();
                   if (same) return false;
                   // Customers are master data: a later file updates them.
                   upsert.Bind(1, row.id)
                       .Bind(2, row.name)
                       .Bind(3, row.segment)
                       .Bind(4, row.language)
                       .Bind(5, row.jurisdiction)
                       .Bind(6, address);
                   RELANCE_RETURN_IF_ERROR(upsert.Run());
                   return true;
                 }));
  if (result.written()) RELANCE_RETURN_IF_ERROR(transaction.Commit());
  return result;
}

absl::StatusOr<ImportResult> ImportInvoiceRows(
    const Database& db, JournalWriter& journal,
    const ParsedRows<InvoiceRow>& parsed, const ImportOptions& options,
    const Recording& recording) {
  RELANCE_ASSIGN_OR_RETURN(
      Statement find,
      db.Prepare("SELECT customer_id, issue_date, currency, amount_minor, "
                 "due_date, terms, disputed, last_level_sent FROM invoices "
                 "WHERE id = ?1",
                 "find an invoice"));
  RELANCE_ASSIGN_OR_RETURN(
      Statement add_customer,
      db.Prepare("INSERT OR IGNORE INTO customers (id) VALUES (?1)",
                 "add a customer"));
  RELANCE_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO invoices (id, customer_id, issue_date, "
                 "currency, amount_minor, due_date, terms, disputed, "
                 "last_level_sent, journal_sequence) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                 "import an invoice"));
  DueDates due_dates;
  RELANCE_ASSIGN_OR_RETURN(
      ImportResult result,
      ImportRows(
          db, parsed, options, &journal,
          [&](const InvoiceRow& row,
              std::vector<RowError>& errors) -> absl::StatusOr<bool> {
            absl::StatusOr<Date> due = due_dates.Of(row);
            if (!due.ok()) {
              errors.push_back(ErrorAt(row.origin, "terms",
                                       std::string(due.status().message())));
              return false;
            }
            const std::string issue = FormatDate(row.issue_date);
            const std::string due_text = FormatDate(*due);
            find.Bind(1, row.id);
            RELANCE_ASSIGN_OR_RETURN(bool found, find.Step());
            if (found) {
              std::string differs;
              if (find.TextView(0) != row.customer)
                differs = "customer_id";
              else if (find.TextView(1) != issue)
                differs = "issue_date";
              else if (find.TextView(2) != row.amount.currency().code())
                differs = "currency";
              else if (find.Int(3) != row.amount.minor_units())
                differs = "amount";
              else if (find.TextView(4) != due_text)
                differs = "due_date";
              else if (find.TextView(5) != row.terms)
                differs = "terms";
              else if ((find.Int(6) != 0) != row.disputed)
                differs = "disputed";
              else if (find.Int(7) != row.last_level_sent)
                differs = "last_level_sent";
              find.Reset();
              if (differs.empty()) return false;
              errors.push_back(ErrorAt(
                  row.origin, differs,
                  absl::StrCat("invoice ", QuoteForMessage(row.id),
                               " is already in the ledger with another ",
                               differs,
                               ": an issued invoice is not changed (record a "
                               "credit note or a payment instead)")));
              return false;
            }
            find.Reset();
            add_customer.Bind(1, row.customer);
            RELANCE_RETURN_IF_ERROR(add_customer.Run());
            const Event issued{.date = row.issue_date,
                               .kind = EventKind::kInvoiceIssued,
                               .invoice = row.id,
                               .amount = row.amount,
                               .due_date = *due};
            RELANCE_ASSIGN_OR_RETURN(
                int64_t sequence,
                journal.Append(row.customer, issued, std::nullopt,
                               SourceOf(row.origin), recording));
            insert.Bind(1, row.id)
                .Bind(2, row.customer)
                .Bind(3, std::string_view(issue))
                .Bind(4, row.amount.currency().code())
                .Bind(5, row.amount.minor_units())
                .Bind(6, std::string_view(due_text))
                .Bind(7, row.terms)
                .Bind(8, int64_t{row.disputed ? 1 : 0})
                .Bind(9, int64_t{row.last_level_sent})
                .Bind(10, sequence);
            RELANCE_RETURN_IF_ERROR(insert.Run());
            return true;
          }));
  return result;
}

absl::StatusOr<ImportResult> Ledger::ImportInvoices(
    const ParsedRows<InvoiceRow>& parsed, const ImportOptions& options,
    const Recording& recording) {
  const Database& db = state_->db;
  RELANCE_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db));
  RELANCE_ASSIGN_OR_RETURN(JournalWriter journal, JournalWriter::Start(db));
  RELANCE_ASSIGN_OR_RETURN(
      ImportResult result,
      ImportInvoiceRows(db, journal, parsed, options, recording));
  if (result.written()) RELANCE_RETURN_IF_ERROR(transaction.Commit());
  return result;
}

absl::StatusOr<ImportResult> Ledger::ImportPayments(
    const ParsedRows<PaymentRow>& parsed, const ImportOptions& options,
    const Recording& recording) {
  const Database& db = state_->db;
  RELANCE_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db));
  RELANCE_ASSIGN_OR_RETURN(JournalWriter journal, JournalWriter::Start(db));
  RELANCE_ASSIGN_OR_RETURN(
      Statement invoice,
      db.Prepare("SELECT customer_id, currency, issue_date FROM invoices "
                 "WHERE id = ?1",
                 "find an invoice"));
  RELANCE_ASSIGN_OR_RETURN(
      Statement find,
      db.Prepare("SELECT invoice_id, payment_date, currency, amount_minor "
                 "FROM payments WHERE id = ?1",
                 "find a payment"));
  RELANCE_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO payments (id, invoice_id, payment_date, "
                 "currency, amount_minor, journal_sequence) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                 "import a payment"));
  RELANCE_ASSIGN_OR_RETURN(
      ImportResult result,
      ImportRows(
          db, parsed, options, &journal,
          [&](const PaymentRow& row,
              std::vector<RowError>& errors) -> absl::StatusOr<bool> {
            invoice.Bind(1, row.invoice);
            RELANCE_ASSIGN_OR_RETURN(bool known, invoice.Step());
            if (!known) {
              invoice.Reset();
              errors.push_back(ErrorAt(
                  row.origin, "invoice_id",
                  absl::StrCat("no invoice ", QuoteForMessage(row.invoice),
                               " in the ledger: import the invoices first")));
              return false;
            }
            const std::string customer = invoice.Text(0);
            const std::string currency = invoice.Text(1);
            absl::StatusOr<Date> issued = ParseDate(invoice.TextView(2));
            invoice.Reset();
            if (!issued.ok()) return issued.status();
            if (!row.currency.empty() && row.currency != currency) {
              errors.push_back(ErrorAt(
                  row.origin, "currency",
                  absl::StrCat("the payment is in ", row.currency, ", invoice ",
                               QuoteForMessage(row.invoice), " in ",
                               currency)));
              return false;
            }
            absl::StatusOr<Currency> invoice_currency =
                Currency::FromCode(currency);
            if (!invoice_currency.ok()) return invoice_currency.status();
            absl::StatusOr<Money> amount =
                PaymentAmount(row, *invoice_currency);
            if (!amount.ok()) {
              errors.push_back(ErrorAt(row.origin, "amount",
                                       std::string(amount.status().message())));
              return false;
            }
            if (row.date < *issued) {
              errors.push_back(ErrorAt(
                  row.origin, "payment_date",
                  absl::StrCat("paid on ", FormatDate(row.date),
                               ", before invoice ",
                               QuoteForMessage(row.invoice), " was issued (",
                               FormatDate(*issued), ")")));
              return false;
            }
            const std::string date = FormatDate(row.date);
            find.Bind(1, row.id);
            RELANCE_ASSIGN_OR_RETURN(bool found, find.Step());
            if (found) {
              const bool same = find.TextView(0) == row.invoice &&
                                find.TextView(1) == date &&
                                find.TextView(2) == currency &&
                                find.Int(3) == amount->minor_units();
              find.Reset();
              if (same) return false;
              errors.push_back(ErrorAt(
                  row.origin, "payment_id",
                  absl::StrCat("payment ", QuoteForMessage(row.id),
                               " is already in the ledger with other values")));
              return false;
            }
            find.Reset();
            const Event paid{.date = row.date,
                             .kind = EventKind::kPaymentReceived,
                             .invoice = row.invoice,
                             .amount = *amount};
            RELANCE_ASSIGN_OR_RETURN(
                int64_t sequence,
                journal.Append(customer, paid, std::nullopt,
                               SourceOf(row.origin), recording));
            insert.Bind(1, row.id)
                .Bind(2, row.invoice)
                .Bind(3, std::string_view(date))
                .Bind(4, std::string_view(currency))
                .Bind(5, amount->minor_units())
                .Bind(6, sequence);
            RELANCE_RETURN_IF_ERROR(insert.Run());
            return true;
          }));
  if (result.written()) RELANCE_RETURN_IF_ERROR(transaction.Commit());
  return result;
}

namespace {

// The customer an event row belongs to: its own, or its invoices'. Adds
// an error to `errors` when it cannot be told.
absl::StatusOr<std::optional<std::string>> CustomerOfEvent(
    const Database& db, std::string_view given, const Event& event,
    const RowOrigin& origin, std::vector<RowError>& errors) {
  std::optional<std::string> customer;
  if (!given.empty()) customer = std::string(given);
  for (const std::string& invoice : event.Invoices()) {
    absl::StatusOr<std::string> owner = CustomerOfInvoice(db, invoice);
    if (absl::IsNotFound(owner.status())) {
      errors.push_back(
          ErrorAt(origin, "invoice", std::string(owner.status().message())));
      return std::optional<std::string>();
    }
    if (!owner.ok()) return owner.status();
    if (customer.has_value() && *customer != *owner) {
      errors.push_back(
          ErrorAt(origin, "customer",
                  absl::StrCat("invoice ", QuoteForMessage(invoice),
                               " belongs to customer ", QuoteForMessage(*owner),
                               ", not ", QuoteForMessage(*customer))));
      return std::optional<std::string>();
    }
    customer = *owner;
  }
  if (!customer.has_value()) {
    errors.push_back(
        ErrorAt(origin, "customer", "required: the event names no invoice"));
    return std::optional<std::string>();
  }
  RELANCE_ASSIGN_OR_RETURN(
      Statement known,
      db.Prepare("SELECT 1 FROM customers WHERE id = ?1", "find a customer"));
  known.Bind(1, *customer);
  RELANCE_ASSIGN_OR_RETURN(bool found, known.Step());
  if (!found) {
    errors.push_back(
        ErrorAt(origin, "customer",
                absl::StrCat("no customer ", QuoteForMessage(*customer),
                             " in the ledger")));
    return std::optional<std::string>();
  }
  return customer;
}

}  // namespace

absl::StatusOr<bool> CheckFolds(const Database& db, std::string_view customer,
                                const RowOrigin& origin,
                                std::vector<RowError>& errors) {
  absl::Status folds = CheckCustomerFacts(db, customer);
  if (folds.ok()) return true;
  if (absl::IsFailedPrecondition(folds) || absl::IsInvalidArgument(folds)) {
    errors.push_back(ErrorAt(origin, "", std::string(folds.message())));
    return false;
  }
  return folds;
}

absl::StatusOr<ImportResult> ImportEventRows(const Database& db,
                                             JournalWriter& journal,
                                             const ParsedRows<EventRow>& parsed,
                                             const ImportOptions& options,
                                             const Recording& recording) {
  RELANCE_ASSIGN_OR_RETURN(
      Statement find,
      db.Prepare("SELECT customer_id, event FROM journal WHERE external_id = "
                 "?1",
                 "find an event"));
  RELANCE_ASSIGN_OR_RETURN(
      ImportResult result,
      ImportRows(
          db, parsed, options, &journal,
          [&](const EventRow& row,
              std::vector<RowError>& errors) -> absl::StatusOr<bool> {
            if (row.event.kind == EventKind::kInvoiceIssued ||
                row.event.kind == EventKind::kPaymentReceived) {
              errors.push_back(ErrorAt(
                  row.origin, "type",
                  "invoices and payments are imported with `relance import "
                  "invoices` and `relance import payments`"));
              return false;
            }
            RELANCE_ASSIGN_OR_RETURN(
                std::optional<std::string> customer,
                CustomerOfEvent(db, row.customer, row.event, row.origin,
                                errors));
            if (!customer.has_value()) return false;
            find.Bind(1, row.id);
            RELANCE_ASSIGN_OR_RETURN(bool found, find.Step());
            if (found) {
              const bool same = find.TextView(0) == *customer &&
                                find.TextView(1) == row.event.ToJson();
              find.Reset();
              if (same) return false;
              errors.push_back(
                  ErrorAt(row.origin, "id",
                          absl::StrCat("event ", QuoteForMessage(row.id),
                                       " is already in the journal with other "
                                       "content: the journal is append-only")));
              return false;
            }
            find.Reset();
            RELANCE_RETURN_IF_ERROR(journal
                                        .Append(*customer, row.event, row.id,
                                                SourceOf(row.origin), recording)
                                        .status());
            return CheckFolds(db, *customer, row.origin, errors);
          }));
  return result;
}

absl::StatusOr<ImportResult> Ledger::ImportEvents(
    const ParsedRows<EventRow>& parsed, const ImportOptions& options,
    const Recording& recording) {
  const Database& db = state_->db;
  RELANCE_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db));
  RELANCE_ASSIGN_OR_RETURN(JournalWriter journal, JournalWriter::Start(db));
  RELANCE_ASSIGN_OR_RETURN(
      ImportResult result,
      ImportEventRows(db, journal, parsed, options, recording));
  if (result.written()) RELANCE_RETURN_IF_ERROR(transaction.Commit());
  return result;
}

absl::StatusOr<int64_t> AppendFact(const Database& db, JournalWriter& journal,
                                   std::string_view owner, const Event& event,
                                   std::string_view id, std::string_view source,
                                   const Recording& recording) {
  std::optional<std::string> external_id;
  if (event.kind == EventKind::kPaymentReceived) {
    // The payments table names the payment; the journal entry follows.
    std::string payment_id(id);
    if (payment_id.empty()) {
      payment_id = absl::StrCat(event.invoice, "@", FormatDate(event.date), "#",
                                event.amount->ToString());
    }
    RELANCE_ASSIGN_OR_RETURN(
        Statement existing,
        db.Prepare("SELECT 1 FROM payments WHERE id = ?1", "find a payment"));
    existing.Bind(1, payment_id);
    RELANCE_ASSIGN_OR_RETURN(bool found, existing.Step());
    if (found) {
      return absl::FailedPreconditionError(absl::StrCat(
          "payment ", QuoteForMessage(payment_id),
          " is already in the ledger: give the payment another --id"));
    }
    RELANCE_ASSIGN_OR_RETURN(
        Statement invoice,
        db.Prepare("SELECT currency FROM invoices WHERE id = ?1",
                   "find an invoice"));
    invoice.Bind(1, event.invoice);
    RELANCE_ASSIGN_OR_RETURN(bool known, invoice.Step());
    if (!known || invoice.TextView(0) != event.amount->currency().code()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the payment is in ", std::string(event.amount->currency().code()),
          ", invoice ", QuoteForMessage(event.invoice), " in ",
          known ? invoice.Text(0) : std::string("?")));
    }
    RELANCE_ASSIGN_OR_RETURN(
        int64_t sequence,
        journal.Append(owner, event, std::nullopt, source, recording));
    RELANCE_ASSIGN_OR_RETURN(
        Statement insert,
        db.Prepare("INSERT INTO payments (id, invoice_id, payment_date, "
                   "currency, amount_minor, journal_sequence) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                   "record a payment"));
    insert.Bind(1, std::string_view(payment_id))
        .Bind(2, event.invoice)
        .Bind(3, std::string_view(FormatDate(event.date)))
        .Bind(4, event.amount->currency().code())
        .Bind(5, event.amount->minor_units())
        .Bind(6, sequence);
    RELANCE_RETURN_IF_ERROR(insert.Run());
    return sequence;
  } else {
    if (!id.empty()) external_id = std::string(id);
    return journal.Append(owner, event, external_id, source, recording);
  }
}

absl::StatusOr<JournalEntry> Ledger::RecordEvent(std::string_view customer,
                                                 const Event& event,
                                                 std::string_view id,
                                                 const Recording& recording) {
  RELANCE_RETURN_IF_ERROR(event.Validate("event"));
  const Database& db = state_->db;
  RELANCE_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db));
  RELANCE_ASSIGN_OR_RETURN(JournalWriter journal, JournalWriter::Start(db));
  if (event.kind == EventKind::kInvoiceIssued) {
    return absl::InvalidArgumentError(
        "invoices are imported with `relance import invoices`");
  }
  // An invoice the ledger does not have is not found (not a bad fact).
  for (const std::string& invoice : event.Invoices()) {
    RELANCE_RETURN_IF_ERROR(CustomerOfInvoice(db, invoice).status());
  }
  const RowOrigin origin{.file = "record", .line = 0};
  std::vector<RowError> errors;
  RELANCE_ASSIGN_OR_RETURN(
      std::optional<std::string> owner,
      CustomerOfEvent(db, customer, event, origin, errors));
  const auto first_error = [&errors] {
    const RowError& error = errors.front();
    return absl::StrCat(error.field.empty() ? "" : error.field,
                        error.field.empty() ? "" : ": ", error.message);
  };
  if (!owner.has_value()) {
    return absl::FailedPreconditionError(first_error());
  }
  RELANCE_RETURN_IF_ERROR(
      AppendFact(db, journal, *owner, event, id, "record", recording).status());
  RELANCE_ASSIGN_OR_RETURN(bool folds, CheckFolds(db, *owner, origin, errors));
  if (!folds) return absl::FailedPreconditionError(first_error());
  RELANCE_RETURN_IF_ERROR(transaction.Commit());
  RELANCE_ASSIGN_OR_RETURN(std::vector<JournalEntry> history,
                           CustomerHistory(*owner));
  // The entry just written has the highest sequence.
  auto latest =
      std::max_element(history.begin(), history.end(),
                       [](const JournalEntry& a, const JournalEntry& b) {
                         return a.sequence < b.sequence;
                       });
  return *latest;
}

namespace {

absl::StatusOr<std::vector<JournalEntry>> ReadEntries(Statement& statement) {
  std::vector<JournalEntry> entries;
  for (;;) {
    RELANCE_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    JournalEntry entry{
        .sequence = statement.Int(0),
        .customer = statement.Text(1),
        .source = statement.Text(3),
        .recorded = {.by = statement.Text(4), .at = statement.Text(5)},
        .hash = statement.Text(6)};
    absl::StatusOr<Event> event = Event::FromJson(statement.TextView(2));
    if (!event.ok()) {
      return absl::DataLossError(absl::StrCat("journal entry ", entry.sequence,
                                              ": ", event.status().message()));
    }
    entry.event = *std::move(event);
    entries.push_back(std::move(entry));
  }
  return entries;
}

constexpr std::string_view kEntryColumns =
    "SELECT sequence, customer_id, event, source, recorded_by, recorded_at, "
    "hash FROM journal ";

}  // namespace

absl::StatusOr<std::vector<JournalEntry>> Ledger::CustomerHistory(
    std::string_view customer) const {
  const Database& db = state_->db;
  RELANCE_ASSIGN_OR_RETURN(
      Statement known,
      db.Prepare("SELECT 1 FROM customers WHERE id = ?1", "find a customer"));
  known.Bind(1, customer);
  RELANCE_ASSIGN_OR_RETURN(bool found, known.Step());
  if (!found) {
    return absl::NotFoundError(absl::StrCat(
        "no customer ", QuoteForMessage(customer), " in the ledger"));
  }
  RELANCE_ASSIGN_OR_RETURN(
      Statement statement,
      db.Prepare(absl::StrCat(std::string(kEntryColumns),
                              "WHERE customer_id = ?1 ORDER BY event_date, "
                              "sequence"),
                 "read a customer's history"));
  statement.Bind(1, customer);
  return ReadEntries(statement);
}

absl::StatusOr<JournalEntry> Ledger::Entry(int64_t sequence) const {
  RELANCE_ASSIGN_OR_RETURN(
      Statement statement,
      state_->db.Prepare(
          absl::StrCat(std::string(kEntryColumns), "WHERE sequence = ?1"),
          "read a journal entry"));
  statement.Bind(1, sequence);
  RELANCE_ASSIGN_OR_RETURN(std::vector<JournalEntry> entries,
                           ReadEntries(statement));
  if (entries.empty()) {
    return absl::NotFoundError(
        absl::StrCat("no journal entry ", sequence, " in the ledger"));
  }
  return entries.front();
}

absl::StatusOr<std::vector<JournalEntry>> Ledger::InvoiceHistory(
    std::string_view invoice) const {
  RELANCE_ASSIGN_OR_RETURN(std::string customer,
                           CustomerOfInvoice(state_->db, invoice));
  RELANCE_ASSIGN_OR_RETURN(std::vector<JournalEntry> entries,
                           CustomerHistory(customer));
  // The invoice's own facts, and those about the whole account.
  std::erase_if(entries, [&](const JournalEntry& entry) {
    const std::vector<std::string> named = entry.event.Invoices();
    return !named.empty() &&
           std::find(named.begin(), named.end(), invoice) == named.end();
  });
  return entries;
}

namespace {

absl::StatusOr<std::vector<PlannedAction>> ReadActions(Statement& statement) {
  std::vector<PlannedAction> actions;
  for (;;) {
    RELANCE_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    PlannedAction action{.id = statement.Int(0),
                         .run_id = statement.Int(1),
                         .customer = statement.Text(2),
                         .customer_name = statement.Text(3),
                         .status = statement.Text(5)};
    absl::StatusOr<Date> as_of = ParseDate(statement.TextView(4));
    if (!as_of.ok()) return absl::DataLossError(as_of.status().message());
    action.as_of = *as_of;
    if (!statement.IsNull(6)) {
      absl::StatusOr<Date> performed = ParseDate(statement.TextView(6));
      if (!performed.ok()) {
        return absl::DataLossError(performed.status().message());
      }
      action.performed_on = *performed;
    }
    RELANCE_ASSIGN_OR_RETURN(action.communication,
                             CommunicationFromJson(statement.TextView(7)));
    actions.push_back(std::move(action));
  }
  return actions;
}

constexpr std::string_view kActionColumns =
    "SELECT a.id, a.run_id, a.customer_id, c.name, a.as_of, a.status, "
    "a.performed_on, a.communication FROM actions a "
    "JOIN customers c ON c.id = a.customer_id ";

}  // namespace

absl::StatusOr<std::vector<PlannedAction>> Ledger::Actions(
    std::string_view customer) const {
  RELANCE_ASSIGN_OR_RETURN(
      Statement statement,
      state_->db.Prepare(absl::StrCat(std::string(kActionColumns),
                                      "WHERE a.customer_id = ?1 ORDER BY a.id"),
                         "read a customer's actions"));
  statement.Bind(1, customer);
  return ReadActions(statement);
}

absl::StatusOr<PlannedAction> Ledger::Action(int64_t action_id) const {
  RELANCE_ASSIGN_OR_RETURN(
      Statement statement,
      state_->db.Prepare(
          absl::StrCat(std::string(kActionColumns), "WHERE a.id = ?1"),
          "read an action"));
  statement.Bind(1, action_id);
  RELANCE_ASSIGN_OR_RETURN(std::vector<PlannedAction> actions,
                           ReadActions(statement));
  if (actions.empty()) {
    return absl::NotFoundError(
        absl::StrCat("no action ", action_id, " in the ledger"));
  }
  return actions.front();
}

absl::StatusOr<PlannedAction> Ledger::RecordSent(int64_t action_id,
                                                 std::optional<Date> date,
                                                 const Recording& recording) {
  const Database& db = state_->db;
  RELANCE_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db));
  RELANCE_ASSIGN_OR_RETURN(PlannedAction action, Action(action_id));
  if (action.status == "done") {
    return absl::FailedPreconditionError(absl::StrCat(
        "action ", action_id, " was already recorded as sent on ",
        action.performed_on ? FormatDate(*action.performed_on) : "?"));
  }
  const Date sent = date.value_or(action.as_of);
  if (sent < action.as_of) {
    return absl::InvalidArgumentError(absl::StrCat(
        "action ", action_id, " was planned on ", FormatDate(action.as_of),
        ": it cannot have been sent on ", FormatDate(sent)));
  }
  // Only the invoice levels this action holds: a letter may list invoices
  // whose level an earlier action still holds.
  RELANCE_ASSIGN_OR_RETURN(
      Statement items,
      db.Prepare("SELECT invoice_id, level FROM action_items WHERE "
                 "action_id = ?1",
                 "read an action's invoices"));
  items.Bind(1, action_id);
  std::set<std::pair<std::string, std::string>> owned;
  for (;;) {
    RELANCE_ASSIGN_OR_RETURN(bool row, items.Step());
    if (!row) break;
    owned.emplace(items.Text(0), items.Text(1));
  }
  Communication recorded = action.communication;
  recorded.invoices.clear();
  recorded.invoice_levels.clear();
  for (size_t i = 0; i < action.communication.invoices.size(); ++i) {
    if (owned.contains({action.communication.invoices[i],
                        action.communication.invoice_levels[i]})) {
      recorded.invoices.push_back(action.communication.invoices[i]);
      recorded.invoice_levels.push_back(action.communication.invoice_levels[i]);
    }
  }
  RELANCE_ASSIGN_OR_RETURN(JournalWriter journal, JournalWriter::Start(db));
  const std::string reference = absl::StrCat("action ", action_id);
  int64_t first_sequence = 0;
  for (const Event& event : ActionsPerformed(recorded, sent, reference)) {
    RELANCE_ASSIGN_OR_RETURN(
        int64_t sequence, journal.Append(action.customer, event, std::nullopt,
                                         reference, recording));
    if (first_sequence == 0) first_sequence = sequence;
  }
  std::vector<RowError> errors;
  RELANCE_ASSIGN_OR_RETURN(
      bool folds, CheckFolds(db, action.customer, {.file = "record"}, errors));
  if (!folds) return absl::FailedPreconditionError(errors.front().message);
  RELANCE_ASSIGN_OR_RETURN(
      Statement done,
      db.Prepare("UPDATE actions SET status = 'done', performed_on = ?2, "
                 "performed_sequence = ?3 WHERE id = ?1",
                 "record an action as sent"));
  done.Bind(1, action_id).Bind(2, std::string_view(FormatDate(sent)));
  if (first_sequence > 0) {
    done.Bind(3, first_sequence);
  } else {
    done.BindNull(3);
  }
  RELANCE_RETURN_IF_ERROR(done.Run());
  RELANCE_RETURN_IF_ERROR(transaction.Commit());
  action.status = "done";
  action.performed_on = sent;
  return action;
}

absl::StatusOr<JournalEntry> Ledger::RecordAcknowledged(
    int64_t action_id, Date date, std::string_view note,
    const Recording& recording) {
  RELANCE_ASSIGN_OR_RETURN(PlannedAction action, Action(action_id));
  if (action.status != "done" || !action.performed_on) {
    return absl::FailedPreconditionError(absl::StrCat(
        "action ", action_id, " is not recorded as sent (", action.status,
        "): record it sent first (relance record sent ", action_id, ")"));
  }
  if (date < *action.performed_on) {
    return absl::InvalidArgumentError(absl::StrCat(
        "action ", action_id, " was sent on ", FormatDate(*action.performed_on),
        ": it cannot have been acknowledged on ", FormatDate(date)));
  }
  // The invoices of its action_performed events, as RecordSent wrote them.
  const std::string reference = absl::StrCat("action ", action_id);
  RELANCE_ASSIGN_OR_RETURN(std::vector<JournalEntry> entries,
                           CustomerHistory(action.customer));
  Event acknowledged{.date = date,
                     .kind = EventKind::kActionAcknowledged,
                     .reference = reference,
                     .reason = std::string(note)};
  bool performed = false;
  for (const JournalEntry& entry : entries) {
    if (entry.event.kind != EventKind::kActionPerformed ||
        entry.event.reference != reference) {
      continue;
    }
    performed = true;
    for (std::string& id : entry.event.Invoices()) {
      if (std::find(acknowledged.invoices.begin(), acknowledged.invoices.end(),
                    id) == acknowledged.invoices.end()) {
        acknowledged.invoices.push_back(std::move(id));
      }
    }
  }
  if (!performed) {
    return absl::FailedPreconditionError(absl::StrCat(
        "action ", action_id,
        " recorded no action_performed (the levels of its invoices were "
        "held by earlier actions): there is nothing to acknowledge"));
  }
  return RecordEvent(action.customer, acknowledged, "", recording);
}

absl::StatusOr<VerifyResult> Ledger::Verify() const {
  RELANCE_ASSIGN_OR_RETURN(
      Statement statement,
      state_->db.Prepare("SELECT sequence, customer_id, event, source, "
                         "recorded_by, recorded_at, previous_hash, hash FROM "
                         "journal ORDER BY sequence",
                         "read the journal"));
  VerifyResult result;
  std::string previous(kJournalGenesisHash);
  int64_t expected = 1;
  for (;;) {
    RELANCE_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    const int64_t sequence = statement.Int(0);
    ++result.entries;
    const auto altered = [&](int64_t at, std::string problem) {
      result.first_altered = at;
      result.problem = std::move(problem);
    };
    if (sequence != expected) {
      altered(expected,
              absl::StrCat("entry ", expected, " is missing (the next is ",
                           sequence, "): entries were deleted"));
      break;
    }
    if (statement.TextView(6) != previous) {
      altered(sequence,
              absl::StrCat("entry ", sequence, " does not follow entry ",
                           sequence - 1,
                           ": its previous hash differs (an entry before it "
                           "was replaced, or it was inserted)"));
      break;
    }
    const std::string hash =
        ChainHash(previous, {.sequence = sequence,
                             .customer = statement.TextView(1),
                             .event_json = statement.TextView(2),
                             .source = statement.TextView(3),
                             .recorded_by = statement.TextView(4),
                             .recorded_at = statement.TextView(5)});
    if (statement.TextView(7) != hash) {
      altered(sequence,
              absl::StrCat("entry ", sequence,
                           " was altered: its content does not match its "
                           "hash"));
      break;
    }
    previous = hash;
    ++expected;
  }
  result.head_hash = previous;
  return result;
}

absl::StatusOr<LedgerStatus> Ledger::Status() const {
  const Database& db = state_->db;
  LedgerStatus status;
  RELANCE_ASSIGN_OR_RETURN(status.schema_version, SchemaVersion(db));
  const auto count = [&](std::string_view sql, int64_t& out) -> absl::Status {
    RELANCE_ASSIGN_OR_RETURN(Statement statement,
                             db.Prepare(sql, "count the ledger"));
    RELANCE_ASSIGN_OR_RETURN(bool row, statement.Step());
    out = row ? statement.Int(0) : 0;
    return absl::OkStatus();
  };
  RELANCE_RETURN_IF_ERROR(
      count("SELECT count(*) FROM customers", status.customers));
  RELANCE_RETURN_IF_ERROR(
      count("SELECT count(*) FROM invoices", status.invoices));
  RELANCE_RETURN_IF_ERROR(
      count("SELECT count(*) FROM payments", status.payments));
  RELANCE_RETURN_IF_ERROR(
      count("SELECT count(*) FROM journal", status.journal_entries));
  RELANCE_RETURN_IF_ERROR(
      count("SELECT count(*) FROM actions WHERE status = 'planned'",
            status.actions_planned));
  RELANCE_RETURN_IF_ERROR(
      count("SELECT count(*) FROM actions WHERE status = 'done'",
            status.actions_done));
  const auto groups =
      [&](std::string_view sql,
          std::vector<std::pair<std::string, int64_t>>& out) -> absl::Status {
    RELANCE_ASSIGN_OR_RETURN(Statement statement,
                             db.Prepare(sql, "count the ledger"));
    for (;;) {
      RELANCE_ASSIGN_OR_RETURN(bool row, statement.Step());
      if (!row) break;
      out.emplace_back(statement.Text(0), statement.Int(1));
    }
    return absl::OkStatus();
  };
  RELANCE_RETURN_IF_ERROR(groups(
      "SELECT state, count(*) FROM invoice_state GROUP BY state ORDER BY state",
      status.invoices_per_state));
  RELANCE_RETURN_IF_ERROR(groups(
      "SELECT last_level, count(*) FROM invoice_state GROUP BY last_level "
      "ORDER BY last_level",
      status.invoices_per_level));
  RELANCE_ASSIGN_OR_RETURN(
      Statement last,
      db.Prepare("SELECT id, as_of, policy_id, policy_version FROM runs "
                 "ORDER BY id DESC LIMIT 1",
                 "read the last run"));
  RELANCE_ASSIGN_OR_RETURN(bool row, last.Step());
  if (row) {
    status.last_run_id = last.Int(0);
    absl::StatusOr<Date> as_of = ParseDate(last.TextView(1));
    if (!as_of.ok()) return absl::DataLossError(as_of.status().message());
    status.last_run_as_of = *as_of;
    status.last_run_policy = absl::StrCat(last.Text(2), " v", last.Int(3));
  }
  return status;
}

}  // namespace relance::store
