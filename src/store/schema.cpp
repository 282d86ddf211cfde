#include "store/schema.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "absl/strings/str_cat.h"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance::store {
namespace {

// "RLNC": SQLite's application id of a relance ledger.
constexpr int kApplicationId = 0x524C4E43;

// Version 1: the facts, the journal, runs and actions.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE customers (
  id           TEXT PRIMARY KEY NOT NULL,
  name         TEXT NOT NULL DEFAULT '',
  segment      TEXT NOT NULL DEFAULT '',
  language     TEXT NOT NULL DEFAULT '',
  jurisdiction TEXT NOT NULL DEFAULT ''
);

-- Append-only: every fact in recording order, each entry's hash chaining it
-- to the previous one (store/journal.hpp).
CREATE TABLE journal (
  sequence      INTEGER PRIMARY KEY,
  customer_id   TEXT NOT NULL REFERENCES customers (id),
  event_date    TEXT NOT NULL,
  kind          TEXT NOT NULL,
  event         TEXT NOT NULL,
  external_id   TEXT UNIQUE,
  source        TEXT NOT NULL,
  recorded_by   TEXT NOT NULL,
  recorded_at   TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash          TEXT NOT NULL
);
CREATE INDEX journal_by_customer ON journal (customer_id, event_date, sequence);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

CREATE TABLE invoices (
  id               TEXT PRIMARY KEY NOT NULL,
  customer_id      TEXT NOT NULL REFERENCES customers (id),
  issue_date       TEXT NOT NULL,
  currency         TEXT NOT NULL,
  amount_minor     INTEGER NOT NULL CHECK (amount_minor > 0),
  due_date         TEXT,
  terms            TEXT NOT NULL DEFAULT '',
  disputed         INTEGER NOT NULL DEFAULT 0 CHECK (disputed IN (0, 1)),
  last_level_sent  INTEGER NOT NULL DEFAULT 0 CHECK (last_level_sent >= 0),
  journal_sequence INTEGER NOT NULL REFERENCES journal (sequence)
);
CREATE INDEX invoices_by_customer ON invoices (customer_id);

CREATE TABLE payments (
  id               TEXT PRIMARY KEY NOT NULL,
  invoice_id       TEXT NOT NULL REFERENCES invoices (id),
  payment_date     TEXT NOT NULL,
  currency         TEXT NOT NULL,
  amount_minor     INTEGER NOT NULL CHECK (amount_minor > 0),
  journal_sequence INTEGER NOT NULL REFERENCES journal (sequence)
);
CREATE INDEX payments_by_invoice ON payments (invoice_id);

CREATE TABLE runs (
  id              INTEGER PRIMARY KEY,
  as_of           TEXT NOT NULL,
  policy_id       TEXT NOT NULL,
  policy_version  INTEGER NOT NULL,
  policy_sha256   TEXT NOT NULL,
  policy          TEXT NOT NULL,
  recorded_by     TEXT NOT NULL,
  recorded_at     TEXT NOT NULL,
  customers       INTEGER NOT NULL,
  invoices        INTEGER NOT NULL,
  actions_planned INTEGER NOT NULL,
  already_planned INTEGER NOT NULL,
  failed          INTEGER NOT NULL
);

-- One communication planned by a run; 'done' once recorded as sent.
CREATE TABLE actions (
  id                  INTEGER PRIMARY KEY,
  run_id              INTEGER NOT NULL REFERENCES runs (id),
  customer_id         TEXT NOT NULL REFERENCES customers (id),
  as_of               TEXT NOT NULL,
  level               TEXT NOT NULL,
  channel             TEXT NOT NULL,
  communication       TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('planned', 'done')),
  performed_on        TEXT,
  performed_sequence  INTEGER REFERENCES journal (sequence)
);
CREATE INDEX actions_by_customer ON actions (customer_id, id);

-- The level each invoice of an action reaches: an invoice reaches a level
-- through one action only.
CREATE TABLE action_items (
  invoice_id TEXT NOT NULL REFERENCES invoices (id),
  level      TEXT NOT NULL,
  action_id  INTEGER NOT NULL REFERENCES actions (id),
  PRIMARY KEY (invoice_id, level)
) WITHOUT ROWID;
)sql";

// Version 2: each invoice's state as the last run left it, for `status`
// and reports (derived from the journal, rewritten by every run).
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE invoice_state (
  invoice_id        TEXT PRIMARY KEY NOT NULL REFERENCES invoices (id),
  run_id            INTEGER NOT NULL REFERENCES runs (id),
  state             TEXT NOT NULL,
  last_level        TEXT NOT NULL,
  outstanding_minor INTEGER NOT NULL,
  penalties_minor   INTEGER,
  days_late         INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Version 3: the policies a run used for customers of some jurisdictions
// (a JSON array of {jurisdiction, policy_id, policy_version,
// policy_sha256, policy}).
constexpr std::string_view kVersion3 = R"sql(
ALTER TABLE runs ADD COLUMN jurisdiction_policies TEXT NOT NULL DEFAULT '[]';
)sql";

// Version 4: invoice_state keyed by customer then invoice, the order in
// which a run evaluates them (store/invoice_state.hpp); run_id is the run
// that last changed the row. Derived data: no foreign keys to check on each
// of a run's writes.
constexpr std::string_view kVersion4 = R"sql(
CREATE TABLE invoice_state_v4 (
  customer_id       TEXT NOT NULL,
  invoice_id        TEXT NOT NULL,
  run_id            INTEGER NOT NULL,
  state             TEXT NOT NULL,
  last_level        TEXT NOT NULL,
  outstanding_minor INTEGER NOT NULL,
  penalties_minor   INTEGER,
  days_late         INTEGER NOT NULL,
  PRIMARY KEY (customer_id, invoice_id)
) WITHOUT ROWID;
INSERT INTO invoice_state_v4
  SELECT invoices.customer_id, invoice_state.invoice_id, run_id, state,
         last_level, outstanding_minor, penalties_minor, days_late
  FROM invoice_state JOIN invoices ON invoices.id = invoice_state.invoice_id;
DROP TABLE invoice_state;
ALTER TABLE invoice_state_v4 RENAME TO invoice_state;
)sql";

// Version 5: the last journal entry a run saw (NULL for the runs before),
// so the decision behind each of its actions can be made again exactly,
// whatever was recorded since (`relance letter ACTION_ID`).
constexpr std::string_view kVersion5 = R"sql(
ALTER TABLE runs ADD COLUMN journal_sequence INTEGER;
)sql";

// Version 6: e-invoices in (relance/einvoice_file.hpp). Each file imported
// is kept as it was received (its bytes and SHA-256; an invoice's BT-1 as
// `number`, for the 212 status of its payments), and every lifecycle
// status read from one, with the fact it gave (the journal entry) or why it
// gave none: statuses without a dunning meaning are evidence.
constexpr std::string_view kVersion6 = R"sql(
CREATE TABLE einvoice_files (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL
              CHECK (kind IN ('invoice_xml', 'invoice_pdf', 'statuses')),
  number      TEXT,
  document    TEXT NOT NULL,
  content     BLOB NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE TABLE einvoice_statuses (
  id               INTEGER PRIMARY KEY,
  file_id          INTEGER NOT NULL REFERENCES einvoice_files (id),
  message_id       TEXT NOT NULL,
  invoice_id       TEXT NOT NULL REFERENCES invoices (id),
  code             INTEGER NOT NULL,
  label            TEXT NOT NULL,
  status_date      TEXT NOT NULL,
  effect           TEXT NOT NULL,
  journal_sequence INTEGER REFERENCES journal (sequence),
  note             TEXT NOT NULL,
  UNIQUE (message_id, invoice_id, code, status_date)
);
CREATE INDEX einvoice_statuses_by_invoice ON einvoice_statuses (invoice_id);
CREATE INDEX einvoice_files_by_number ON einvoice_files (number);
)sql";

// Version 7: the customer's postal address, for its letters and dossiers:
// the lines a letter prints, joined by line feeds ('' = none). From
// customers.csv's `address` column, or a customer's e-invoices (BG-8).
constexpr std::string_view kVersion7 = R"sql(
ALTER TABLE customers ADD COLUMN address TEXT NOT NULL DEFAULT '';
)sql";
constexpr std::array<std::string_view, 7> kMigrations = {
    kVersion1, kVersion2, kVersion3, kVersion4,
    kVersion5, kVersion6, kVersion7};

absl::StatusOr<int64_t> PragmaInt(const Database& db, std::string_view name) {
  RELANCE_ASSIGN_OR_RETURN(
      Statement statement,
      db.Prepare(absl::StrCat("PRAGMA ", std::string(name)), "read schema"));
  RELANCE_ASSIGN_OR_RETURN(bool row, statement.Step());
  return row ? statement.Int(0) : 0;
}

}  // namespace

std::span<const std::string_view> Migrations() { return kMigrations; }

absl::StatusOr<int> SchemaVersion(const Database& db) {
  RELANCE_ASSIGN_OR_RETURN(int64_t version, PragmaInt(db, "user_version"));
  return static_cast<int>(version);
}

absl::Status MigrateTo(const Database& db, int target) {
  RELANCE_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db));
  RELANCE_ASSIGN_OR_RETURN(int version, SchemaVersion(db));
  const int latest = static_cast<int>(kMigrations.size());
  const std::string name = internal::QuoteForMessage(db.path());
  if (version > latest) {
    return absl::FailedPreconditionError(absl::StrCat(
        "ledger ", name, ": schema version ", version,
        " is newer than this relance (", latest,
        "): open it with the relance that wrote it, or upgrade relance"));
  }
  RELANCE_ASSIGN_OR_RETURN(int64_t application_id,
                           PragmaInt(db, "application_id"));
  if (version == 0) {
    RELANCE_ASSIGN_OR_RETURN(
        Statement tables,
        db.Prepare("SELECT count(*) FROM sqlite_schema", "read schema"));
    RELANCE_ASSIGN_OR_RETURN(bool row, tables.Step());
    if (row && tables.Int(0) > 0) {
      return absl::DataLossError(
          absl::StrCat(name, " is a SQLite database but not a relance ledger"));
    }
  } else if (application_id != kApplicationId) {
    return absl::DataLossError(
        absl::StrCat(name, " is a SQLite database but not a relance ledger"));
  }
  for (int next = version; next < target && next < latest; ++next) {
    RELANCE_RETURN_IF_ERROR(db.Execute(kMigrations[static_cast<size_t>(next)]));
  }
  if (version < target) {
    RELANCE_RETURN_IF_ERROR(db.Execute(
        absl::StrCat("PRAGMA application_id = ", kApplicationId,
                     "; PRAGMA user_version = ", std::min(target, latest))));
  }
  return transaction.Commit();
}

absl::Status Migrate(const Database& db) {
  return MigrateTo(db, static_cast<int>(kMigrations.size()));
}

}  // namespace relance::store
