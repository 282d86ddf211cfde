// The ledger's e-invoice imports (store/ledger.hpp: ImportEInvoices and
// ImportStatuses; docs/einvoice.md "Into the ledger").
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "relance/compiled_case.hpp"
#include "relance/einvoice.hpp"
#include "relance/einvoice_file.hpp"
#include "relance/einvoice_json.hpp"
#include "relance/einvoice_status.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/lifecycle.hpp"
#include "relance/terms.hpp"
#include "store/case_assembly.hpp"
#include "store/import_files.hpp"
#include "store/journal.hpp"
#include "store/ledger.hpp"
#include "store/ledger_state.hpp"

namespace relance::store {
namespace {

using internal::QuoteForMessage;

// A reader's message without its leading "<name>: ": the row error names
// the file.
std::string WithoutName(const absl::Status& status, std::string_view name) {
  std::string message(status.message());
  const std::string prefix = absl::StrCat(std::string(name), ": ");
  if (message.starts_with(prefix)) message.erase(0, prefix.size());
  return message;
}

RowOrigin FileOrigin(const EInvoiceFileText& file, int line = 0) {
  return RowOrigin{.file = file.name, .line = line, .text = file.name};
}

// A file read, kept for the ledger's copy once its facts are in.
struct ReadFile {
  const EInvoiceFileText* file = nullptr;
  EInvoiceFile content = {};
  std::string document = {};  // EInvoiceFileToJson
};

// The ledger's customer of an invoice: the options', else the buyer's
// BT-46, BT-47 or BT-48. Empty when none is given.
std::string CustomerOfBuyer(const EInvoice& invoice,
                            const EInvoiceImportOptions& options) {
  if (!options.customer.empty()) return options.customer;
  for (const std::string* id :
       {&invoice.buyer.id, &invoice.buyer.legal_id, &invoice.buyer.vat_id}) {
    if (!id->empty()) return *id;
  }
  return {};
}

// A file kept in the ledger: its id, and whether this import added it.
struct KeptFile {
  int64_t id = 0;
  bool added = false;
};

// Keeps `read`'s file in the ledger, once (by its SHA-256).
absl::StatusOr<KeptFile> KeepFile(const Database& db, const ReadFile& read,
                                  const Recording& recording) {
  const std::string sha256 = Sha256Hex(read.file->bytes);
  RELANCE_ASSIGN_OR_RETURN(Statement find,
                           db.Prepare("SELECT id FROM einvoice_files WHERE "
                                      "sha256 = ?1",
                                      "find an e-invoice file"));
  find.Bind(1, std::string_view(sha256));
  RELANCE_ASSIGN_OR_RETURN(bool found, find.Step());
  if (found) return KeptFile{.id = find.Int(0), .added = false};
  find.Reset();
  RELANCE_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO einvoice_files (sha256, name, kind, document, "
                 "content, recorded_by, recorded_at, number) VALUES (?1, ?2, "
                 "?3, ?4, ?5, ?6, ?7, ?8)",
                 "keep an e-invoice file"));
  insert.Bind(1, std::string_view(sha256))
      .Bind(2, read.file->name)
      .Bind(3, ToString(read.content.kind))
      .Bind(4, std::string_view(read.document))
      .BindBlob(5, read.file->bytes)
      .Bind(6, recording.by)
      .Bind(7, recording.at);
  if (read.content.invoice.has_value()) {
    insert.Bind(8, read.content.invoice->number);
  } else {
    insert.BindNull(8);
  }
  RELANCE_RETURN_IF_ERROR(insert.Run());
  find.Bind(1, std::string_view(sha256));
  RELANCE_ASSIGN_OR_RETURN(found, find.Step());
  if (!found) return absl::InternalError("e-invoice file not kept");
  return KeptFile{.id = find.Int(0), .added = true};
}

// Whether the ledger already keeps a file of these bytes (its SHA-256).
absl::StatusOr<bool> AlreadyKept(const Database& db, std::string_view bytes) {
  RELANCE_ASSIGN_OR_RETURN(Statement find,
                           db.Prepare("SELECT 1 FROM einvoice_files WHERE "
                                      "sha256 = ?1",
                                      "find an e-invoice file"));
  find.Bind(1, std::string_view(Sha256Hex(bytes)));
  return find.Step();
}

// Reads every file; the ones that fail are row errors. With `db`, a file
// the ledger already keeps is counted unchanged and not read again: what
// it gave stays, whatever this relance would read in it now.
absl::StatusOr<std::vector<ReadFile>> ReadFiles(
    const std::vector<EInvoiceFileText>& files,
    const EInvoiceFactOptions& fact_options, ImportResult& result,
    const Database* db = nullptr) {
  std::vector<ReadFile> read;
  std::set<std::string_view> names;
  for (const EInvoiceFileText& file : files) {
    // Errors and the ledger's copies name files: each name once.
    if (!names.insert(file.name).second) {
      result.errors.push_back(
          ErrorAt(FileOrigin(file), "",
                  "given twice in this import (each file once, by name)"));
      result.rejected_lines.push_back(file.name);
      continue;
    }
    if (db != nullptr) {
      RELANCE_ASSIGN_OR_RETURN(bool kept, AlreadyKept(*db, file.bytes));
      if (kept) {
        ++result.unchanged;
        continue;
      }
    }
    absl::StatusOr<EInvoiceFile> content =
        ReadEInvoiceFile(file.bytes, file.name);
    if (!content.ok()) {
      result.errors.push_back(ErrorAt(
          FileOrigin(file), "", WithoutName(content.status(), file.name)));
      result.rejected_lines.push_back(file.name);
      continue;
    }
    std::string document = EInvoiceFileToJson(*content, fact_options);
    read.push_back(ReadFile{.file = &file,
                            .content = *std::move(content),
                            .document = std::move(document)});
  }
  return read;
}

// Adds `part`'s counts and errors to `total`.
void Add(ImportResult& total, ImportResult part) {
  total.imported += part.imported;
  total.unchanged += part.unchanged;
  for (RowError& error : part.errors) total.errors.push_back(std::move(error));
  for (std::string& line : part.rejected_lines) {
    total.rejected_lines.push_back(std::move(line));
  }
}

// The import's end: refused (nothing written) when it has errors and
// `skip_bad` is off; committed when something was written (`wrote_more`: a
// file kept or a customer named, for an invoice already in the ledger).
absl::StatusOr<ImportResult> Finish(ImportResult result, bool skip_bad,
                                    bool wrote_more, Transaction& transaction) {
  result.rejected = static_cast<int64_t>(result.rejected_lines.size());
  if (!result.errors.empty() && !skip_bad) {
    result.imported = 0;
    result.unchanged = 0;
    result.notes.clear();
    return result;
  }
  if (result.written() || wrote_more) {
    RELANCE_RETURN_IF_ERROR(transaction.Commit());
  }
  return result;
}

// What the ledger knows of `invoice` (of `customer`) on `date`: its dispute
// and its balance, from the customer's facts.
struct InvoiceAtDate {
  InvoiceDispute dispute = InvoiceDispute::kNone;
  Money balance = {};
};

absl::StatusOr<InvoiceAtDate> InvoiceOn(const CustomerFacts& facts,
                                        const std::string& invoice, Date date) {
  const Case assembled = AssembleCase(facts, nullptr, date);
  RELANCE_ASSIGN_OR_RETURN(InvoiceLifecycle life,
                           FoldInvoice(assembled, invoice, date));
  InvoiceAtDate result;
  result.balance = life.balance;
  if (life.state == InvoiceState::kDisputed) {
    result.dispute = InvoiceDispute::kInFull;
  } else if (life.disputed.IsPositive()) {
    result.dispute = InvoiceDispute::kPartial;
  }
  return result;
}

// `facts` with `event` added, as ReadCustomerFacts would read them back
// (date order, then recording order), if every invoice of the customer
// still folds to the latest fact's date (a payment on one invoice may meet
// a plan covering others); otherwise the fold's message
// (kFailedPrecondition or kInvalidArgument) for a row error.
absl::StatusOr<CustomerFacts> WithFact(const CustomerFacts& facts,
                                       const Event& event) {
  CustomerFacts next = facts;
  const auto at = std::upper_bound(
      next.journal.begin(), next.journal.end(), event.date,
      [](Date date, const Event& other) { return date < other.date; });
  next.journal.insert(at, event);
  const Date latest = next.journal.back().date;
  RELANCE_ASSIGN_OR_RETURN(
      CompiledCase compiled,
      CompiledCase::Compile(AssembleCase(next, nullptr, latest)));
  for (size_t i = 0; i < compiled.invoices().size(); ++i) {
    RELANCE_RETURN_IF_ERROR(
        FoldInvoice(compiled, i, latest, /*with_history=*/false).status());
  }
  return next;
}

}  // namespace

absl::StatusOr<ImportResult> Ledger::ImportEInvoices(
    const std::vector<EInvoiceFileText>& files,
    const EInvoiceImportOptions& options, const Recording& recording) {
  if (!options.default_terms.empty()) {
    const absl::StatusOr<PaymentTerms> terms =
        PaymentTerms::Parse(options.default_terms);
    if (!terms.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("default terms ", QuoteForMessage(options.default_terms),
                       ": ", std::string(terms.status().message())));
    }
  }
  const EInvoiceFactOptions fact_options{.default_terms =
                                             options.default_terms};
  ImportResult result;
  result.rows = static_cast<int64_t>(files.size());
  const Database& db = state_->db;
  RELANCE_ASSIGN_OR_RETURN(std::vector<ReadFile> read,
                           ReadFiles(files, fact_options, result, &db));

  // Each document's fact, as the rows of `import invoices` and `import
  // events`; what the import does besides, once it knows which files were
  // refused.
  ParsedRows<InvoiceRow> invoices;
  ParsedRows<EventRow> credits;
  // The blocks of factored invoices: facts beside their invoice's, not
  // counted as documents.
  ParsedRows<EventRow> blocks;
  struct Accepted {
    const ReadFile* file = nullptr;
    bool has_fact = false;
    std::string customer = {};  // an invoice's, to name after its buyer
    std::string buyer_name = {};
    std::string buyer_address = {};  // as customers.address holds it
    std::string note = {};
  };
  std::vector<Accepted> accepted;
  for (const ReadFile& file : read) {
    const RowOrigin origin = FileOrigin(*file.file);
    if (!file.content.invoice.has_value()) {
      result.errors.push_back(
          ErrorAt(origin, "",
                  "a lifecycle message (CDAR), not an invoice: import it with "
                  "`relance import statuses`"));
      result.rejected_lines.push_back(file.file->name);
      continue;
    }
    const EInvoice& invoice = *file.content.invoice;
    absl::StatusOr<EInvoiceFact> fact = EInvoiceToEvent(invoice, fact_options);
    if (!fact.ok()) {
      // No due date, no terms relance reads, and no default terms (the
      // default terms themselves were checked above).
      result.errors.push_back(
          ErrorAt(origin, "BT-9",
                  absl::StrCat(
                      "BT-9 (due date) absent and BT-20 (payment terms) ",
                      invoice.payment_terms.empty()
                          ? std::string("absent")
                          : absl::StrCat(QuoteForMessage(invoice.payment_terms),
                                         " not in relance's terms notation"),
                      ": give the terms that apply then (the policy's default "
                      "terms: --default-terms \"30D\")")));
      result.rejected_lines.push_back(file.file->name);
      continue;
    }
    const std::string what =
        absl::StrCat(file.file->name, ": ", std::string(ToString(invoice.type)),
                     " ", QuoteForMessage(invoice.number), ": ");
    Accepted entry{.file = &file, .has_fact = fact->event.has_value()};
    if (!fact->note.empty()) entry.note = absl::StrCat(what, fact->note);
    if (fact->kind == EInvoiceFactKind::kInvoiceIssued) {
      entry.customer = CustomerOfBuyer(invoice, options);
      if (entry.customer.empty()) {
        result.errors.push_back(ErrorAt(
            origin, "BT-46",
            "the buyer has no identifier (BT-46), legal registration id "
            "(BT-47) or VAT id (BT-48) to name the ledger's customer: give "
            "the customer (--customer)"));
        result.rejected_lines.push_back(file.file->name);
        continue;
      }
      entry.buyer_name = invoice.buyer.name;
      entry.buyer_address = JoinAddressLines(EInvoiceAddressLines(
          invoice.buyer.address, invoice.seller.address.country));
      const Event& event = *fact->event;
      invoices.rows.push_back(InvoiceRow{.origin = origin,
                                         .id = event.invoice,
                                         .customer = entry.customer,
                                         .issue_date = event.date,
                                         .amount = *event.amount,
                                         .due_date = event.due_date,
                                         .terms = event.terms});
      if (fact->factored.has_value()) {
        // Imported after the invoices: the block follows its invoice.
        blocks.rows.push_back(
            EventRow{.origin = origin,
                     .id = absl::StrCat("einvoice factored ", invoice.number),
                     .customer = entry.customer,
                     .event = *fact->factored});
      }
    } else if (fact->kind == EInvoiceFactKind::kCreditNote) {
      credits.rows.push_back(
          EventRow{.origin = origin,
                   .id = absl::StrCat("einvoice ", invoice.number),
                   .customer = {},
                   .event = *fact->event});
    }
    accepted.push_back(std::move(entry));
  }

  RELANCE_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db));
  RELANCE_ASSIGN_OR_RETURN(JournalWriter journal, JournalWriter::Start(db));
  // Every row is checked (skip_bad here), and the whole import refused
  // below when any failed without skip_bad.
  const ImportOptions rows_options{.skip_bad = true};
  RELANCE_ASSIGN_OR_RETURN(
      ImportResult invoice_rows,
      ImportInvoiceRows(db, journal, invoices, rows_options, recording));
  Add(result, std::move(invoice_rows));
  RELANCE_ASSIGN_OR_RETURN(
      ImportResult credit_rows,
      ImportEventRows(db, journal, credits, rows_options, recording));
  Add(result, std::move(credit_rows));
  // A factored invoice's block, when its invoice is in (a file refused is
  // not half imported; its block cannot fail on an invoice it follows,
  // unless the ledger's own facts forbid it: then the file is refused once).
  std::set<std::string> refused_so_far(result.rejected_lines.begin(),
                                       result.rejected_lines.end());
  std::erase_if(blocks.rows, [&](const EventRow& row) {
    return refused_so_far.contains(row.origin.file);
  });
  RELANCE_ASSIGN_OR_RETURN(
      ImportResult block_rows,
      ImportEventRows(db, journal, blocks, rows_options, recording));
  const bool wrote_blocks = block_rows.imported > 0;
  block_rows.imported = 0;
  block_rows.unchanged = 0;
  for (const std::string& line : block_rows.rejected_lines) {
    if (refused_so_far.contains(line)) continue;
    // Its invoice row counted the file imported (or unchanged): refused.
    refused_so_far.insert(line);
    result.rejected_lines.push_back(line);
  }
  block_rows.rejected_lines.clear();
  Add(result, std::move(block_rows));

  // The files not refused: their notes, their buyers' names and addresses
  // (a customer without a name or an address gets the buyer's), their
  // copies kept; a file that gives no fact counts as imported when the
  // ledger did not have it.
  const std::set<std::string> refused(result.rejected_lines.begin(),
                                      result.rejected_lines.end());
  RELANCE_ASSIGN_OR_RETURN(
      Statement complete_customer,
      db.Prepare("UPDATE customers SET "
                 "name = CASE name WHEN '' THEN ?2 ELSE name END, "
                 "address = CASE address WHEN '' THEN ?3 ELSE address END "
                 "WHERE id = ?1 AND ((name = '' AND ?2 != '') OR "
                 "(address = '' AND ?3 != ''))",
                 "complete a customer"));
  bool wrote_more = wrote_blocks;
  for (const Accepted& entry : accepted) {
    if (refused.contains(entry.file->file->name)) continue;
    if (!entry.note.empty()) result.notes.push_back(entry.note);
    if (!entry.customer.empty()) {
      complete_customer.Bind(1, entry.customer)
          .Bind(2, entry.buyer_name)
          .Bind(3, entry.buyer_address);
      RELANCE_RETURN_IF_ERROR(complete_customer.Run());
      wrote_more = wrote_more || db.Changes() > 0;
    }
    RELANCE_ASSIGN_OR_RETURN(KeptFile kept,
                             KeepFile(db, *entry.file, recording));
    wrote_more = wrote_more || kept.added;
    if (!entry.has_fact) ++(kept.added ? result.imported : result.unchanged);
  }
  return Finish(std::move(result), options.skip_bad, wrote_more, transaction);
}

absl::StatusOr<ImportResult> Ledger::ImportStatuses(
    const std::vector<EInvoiceFileText>& files,
    const EInvoiceImportOptions& options, const Recording& recording) {
  ImportResult result;
  RELANCE_ASSIGN_OR_RETURN(std::vector<ReadFile> read,
                           ReadFiles(files, {}, result));
  // A file that cannot be read counts as one row, refused.
  result.rows = static_cast<int64_t>(result.rejected_lines.size());
  const Database& db = state_->db;
  RELANCE_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db));
  RELANCE_ASSIGN_OR_RETURN(JournalWriter journal, JournalWriter::Start(db));
  RELANCE_ASSIGN_OR_RETURN(
      Statement find,
      db.Prepare("SELECT effect FROM einvoice_statuses WHERE message_id = ?1 "
                 "AND invoice_id = ?2 AND code = ?3 AND status_date = ?4",
                 "find a status"));
  RELANCE_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO einvoice_statuses (file_id, message_id, "
                 "invoice_id, code, label, status_date, effect, "
                 "journal_sequence, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                 "?8, ?9)",
                 "keep a status"));
  RELANCE_ASSIGN_OR_RETURN(Statement savepoint,
                           db.Prepare("SAVEPOINT status", "import a status"));
  RELANCE_ASSIGN_OR_RETURN(Statement release,
                           db.Prepare("RELEASE status", "import a status"));
  RELANCE_ASSIGN_OR_RETURN(
      Statement rollback,
      db.Prepare("ROLLBACK TO status", "undo a refused status"));
  absl::flat_hash_map<std::string, CustomerFacts> facts_of;
  for (const ReadFile& file : read) {
    if (!file.content.statuses.has_value()) {
      ++result.rows;
      result.errors.push_back(ErrorAt(
          FileOrigin(*file.file), "",
          "an invoice, not a lifecycle message: import it with `relance "
          "import einvoice`"));
      result.rejected_lines.push_back(file.file->name);
      continue;
    }
    RELANCE_ASSIGN_OR_RETURN(const KeptFile kept,
                             KeepFile(db, file, recording));
    const int64_t file_id = kept.id;
    const EInvoiceStatusMessage& message = *file.content.statuses;
    int position = 0;
    for (const EInvoiceStatus& status : message.statuses) {
      ++result.rows;
      const RowOrigin origin = FileOrigin(*file.file, ++position);
      const std::string date = FormatDate(status.date);
      std::vector<RowError> errors;
      find.Bind(1, status.message_id)
          .Bind(2, status.invoice_number)
          .Bind(3, int64_t{status.code})
          .Bind(4, std::string_view(date));
      RELANCE_ASSIGN_OR_RETURN(bool seen, find.Step());
      find.Reset();
      if (seen) {
        ++result.unchanged;
        continue;
      }
      RELANCE_RETURN_IF_ERROR(savepoint.Run());
      const JournalWriter::Mark mark = journal.mark();
      const std::string what = absl::StrCat(
          file.file->name, ": ", status.code, " ",
          status.label.empty() ? "" : status.label,
          status.label.empty() ? "" : " ", "of invoice ",
          QuoteForMessage(status.invoice_number), " on ", date, ": ");
      absl::StatusOr<std::string> customer =
          CustomerOfInvoice(db, status.invoice_number);
      std::optional<int64_t> sequence;
      std::string note;
      const EInvoiceStatusInfo* info = FindEInvoiceStatus(status.code);
      if (!customer.ok()) {
        if (!absl::IsNotFound(customer.status())) return customer.status();
        errors.push_back(
            ErrorAt(origin, "MDT-87",
                    absl::StrCat(std::string(customer.status().message()),
                                 " (import its invoice first)")));
      } else {
        // Each customer's facts are read once per import, and kept up to
        // date with the facts its statuses add (a status folds with the
        // ones before it).
        auto cached = facts_of.find(*customer);
        if (cached == facts_of.end()) {
          RELANCE_ASSIGN_OR_RETURN(CustomerFacts read_facts,
                                   ReadCustomerFacts(db, *customer));
          cached = facts_of.emplace(*customer, std::move(read_facts)).first;
        }
        CustomerFacts& facts = cached->second;
        RELANCE_ASSIGN_OR_RETURN(
            InvoiceAtDate known,
            InvoiceOn(facts, status.invoice_number, status.date));
        EInvoiceStatusFactOptions fact_options{
            .payment_transit_days = options.payment_transit_days,
            .outstanding = known.balance.IsPositive()
                               ? std::optional<Money>(known.balance)
                               : std::nullopt,
            .dispute = known.dispute};
        absl::StatusOr<EInvoiceStatusFact> fact =
            EInvoiceStatusToFact(status, fact_options);
        if (!fact.ok()) {
          errors.push_back(
              ErrorAt(origin, "", std::string(fact.status().message())));
        } else if (fact->event.has_value()) {
          const std::string id =
              fact->event->kind == EventKind::kPaymentReceived
                  ? absl::StrCat(status.message_id, "#", status.invoice_number,
                                 "#", status.code)
                  : std::string();
          const std::string source =
              absl::StrCat("import ", file.file->name, ": status ", status.code,
                           " (message ", status.message_id, ")");
          // The same 212 imported with another date: its payment is there.
          RELANCE_ASSIGN_OR_RETURN(
              Statement paid, db.Prepare("SELECT 1 FROM payments WHERE id = ?1",
                                         "find a payment"));
          paid.Bind(1, std::string_view(id));
          RELANCE_ASSIGN_OR_RETURN(bool paid_already,
                                   id.empty() ? false : paid.Step());
          absl::StatusOr<int64_t> written =
              paid_already
                  ? absl::StatusOr<int64_t>(absl::FailedPreconditionError(
                        absl::StrCat("payment ", QuoteForMessage(id),
                                     " is already in the ledger (this status "
                                     "was imported with another date)")))
                  : AppendFact(db, journal, *customer, *fact->event, id, source,
                               recording);
          if (!written.ok()) {
            if (!absl::IsFailedPrecondition(written.status()) &&
                !absl::IsInvalidArgument(written.status())) {
              return written.status();
            }
            errors.push_back(
                ErrorAt(origin, "", std::string(written.status().message())));
          } else {
            absl::StatusOr<CustomerFacts> next = WithFact(facts, *fact->event);
            if (next.ok()) {
              facts = *std::move(next);
              sequence = *written;
            } else if (absl::IsFailedPrecondition(next.status()) ||
                       absl::IsInvalidArgument(next.status())) {
              errors.push_back(
                  ErrorAt(origin, "", std::string(next.status().message())));
            } else {
              return next.status();
            }
          }
        }
        if (fact.ok()) note = fact->note;
      }
      if (!errors.empty()) {
        RELANCE_RETURN_IF_ERROR(rollback.Run());
        RELANCE_RETURN_IF_ERROR(release.Run());
        journal.Restore(mark);
        for (RowError& error : errors) result.errors.push_back(error);
        result.rejected_lines.push_back(
            absl::StrCat(file.file->name, " status ", position));
        continue;
      }
      if (!note.empty()) result.notes.push_back(absl::StrCat(what, note));
      insert.Bind(1, file_id)
          .Bind(2, status.message_id)
          .Bind(3, status.invoice_number)
          .Bind(4, int64_t{status.code})
          .Bind(5, status.label)
          .Bind(6, std::string_view(date))
          .Bind(7, info != nullptr ? ToString(info->effect) : "evidence")
          .Bind(9, note);
      if (sequence.has_value()) {
        insert.Bind(8, *sequence);
      } else {
        insert.BindNull(8);
      }
      RELANCE_RETURN_IF_ERROR(insert.Run());
      RELANCE_RETURN_IF_ERROR(release.Run());
      ++result.imported;
    }
  }
  return Finish(std::move(result), options.skip_bad, /*wrote_more=*/false,
                transaction);
}

absl::StatusOr<std::vector<DossierEvidence>> Ledger::StatusEvidence(
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
      Statement statuses,
      db.Prepare("SELECT s.status_date, s.invoice_id, s.code, s.label, "
                 "s.effect, s.message_id, s.note FROM einvoice_statuses s "
                 "JOIN invoices i ON i.id = s.invoice_id "
                 "WHERE i.customer_id = ?1 ORDER BY s.status_date, s.id",
                 "read statuses"));
  statuses.Bind(1, customer);
  std::vector<DossierEvidence> evidence;
  for (;;) {
    RELANCE_ASSIGN_OR_RETURN(bool row, statuses.Step());
    if (!row) break;
    absl::StatusOr<Date> date = ParseDate(statuses.TextView(0));
    if (!date.ok()) {
      return absl::DataLossError(
          absl::StrCat("einvoice_statuses: a date the ledger cannot read: ",
                       std::string(date.status().message())));
    }
    evidence.push_back(DossierEvidence{.date = *date,
                                       .invoice = statuses.Text(1),
                                       .code = absl::StrCat(statuses.Int(2)),
                                       .label = statuses.Text(3),
                                       .effect = statuses.Text(4),
                                       .reference = statuses.Text(5),
                                       .note = statuses.Text(6)});
  }
  return evidence;
}

absl::StatusOr<std::string> Ledger::CashedStatus(
    std::string_view payment_id) const {
  const Database& db = state_->db;
  RELANCE_ASSIGN_OR_RETURN(
      Statement payment,
      db.Prepare("SELECT invoice_id, payment_date, currency, amount_minor "
                 "FROM payments WHERE id = ?1",
                 "find a payment"));
  payment.Bind(1, payment_id);
  RELANCE_ASSIGN_OR_RETURN(bool found, payment.Step());
  if (!found) {
    return absl::NotFoundError(absl::StrCat(
        "no payment ", QuoteForMessage(payment_id), " in the ledger"));
  }
  const std::string invoice_id = payment.Text(0);
  RELANCE_ASSIGN_OR_RETURN(Date date, ParseDate(payment.TextView(1)));
  RELANCE_ASSIGN_OR_RETURN(Currency currency,
                           Currency::FromCode(payment.TextView(2)));
  RELANCE_ASSIGN_OR_RETURN(const Money amount,
                           Money::FromMinorUnits(payment.Int(3), currency));
  RELANCE_ASSIGN_OR_RETURN(
      Statement file,
      db.Prepare("SELECT name, content FROM einvoice_files WHERE number = ?1 "
                 "AND kind <> 'statuses' ORDER BY id DESC LIMIT 1",
                 "find an e-invoice"));
  file.Bind(1, invoice_id);
  RELANCE_ASSIGN_OR_RETURN(bool imported, file.Step());
  if (!imported) {
    return absl::FailedPreconditionError(absl::StrCat(
        "payment ", QuoteForMessage(payment_id), ": invoice ",
        QuoteForMessage(invoice_id),
        " was not imported from an e-invoice (relance import einvoice): its "
        "VAT breakdown, seller and buyer are unknown"));
  }
  RELANCE_ASSIGN_OR_RETURN(EInvoiceFile read,
                           ReadEInvoiceFile(file.TextView(1), file.Text(0)));
  if (!read.invoice.has_value()) {
    return absl::DataLossError(absl::StrCat("the ledger's copy of invoice ",
                                            QuoteForMessage(invoice_id),
                                            " is not an invoice"));
  }
  const EInvoice& invoice = *read.invoice;
  const auto party = [](const EInvoiceParty& from, std::string_view role) {
    return EInvoiceStatusParty{.id = from.legal_id,
                               .id_scheme = from.legal_id_scheme.empty()
                                                ? std::string("0002")
                                                : from.legal_id_scheme,
                               .name = from.name,
                               .role = std::string(role)};
  };
  CashedStatusInput input{
      .message_id = absl::StrCat("CDV-212-", std::string(payment_id)),
      .date = date,
      .invoice_number = invoice.number,
      .invoice_type_code = invoice.type_code,
      .invoice_issue_date = invoice.issue_date,
      .seller = party(invoice.seller, "SE"),
      .buyer = party(invoice.buyer, "BY"),
      .vat_breakdown = invoice.vat_breakdown,
      .payment = amount};
  absl::StatusOr<std::string> xml = MakeCashedStatus(input);
  if (!xml.ok()) {
    return absl::Status(
        xml.status().code(),
        absl::StrCat("payment ", QuoteForMessage(payment_id), " (invoice ",
                     QuoteForMessage(invoice_id), " of ", file.Text(0),
                     "): ", std::string(xml.status().message())));
  }
  return xml;
}

absl::StatusOr<ImportResult> ImportFileText(
    Ledger& ledger, std::string_view what, std::string_view text,
    std::string_view file, const EInvoiceImportOptions& options,
    const Recording& recording) {
  const ImportOptions rows{.skip_bad = options.skip_bad};
  if (what == "customers") {
    return ledger.ImportCustomers(ParseCustomersCsv(text, file), rows,
                                  recording);
  }
  if (what == "invoices") {
    return ledger.ImportInvoices(ParseInvoicesCsv(text, file), rows, recording);
  }
  if (what == "payments") {
    return ledger.ImportPayments(ParsePaymentsCsv(text, file), rows, recording);
  }
  if (what == "events") {
    return ledger.ImportEvents(ParseEventsJsonl(text, file), rows, recording);
  }
  if (what == "einvoice" || what == "statuses") {
    const std::vector<EInvoiceFileText> files = {
        {.name = std::string(file), .bytes = std::string(text)}};
    return what == "einvoice"
               ? ledger.ImportEInvoices(files, options, recording)
               : ledger.ImportStatuses(files, options, recording);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "import: what: expected \"customers\", \"invoices\", \"payments\", "
      "\"events\", \"einvoice\" or \"statuses\", got ",
      QuoteForMessage(what)));
}

}  // namespace relance::store
