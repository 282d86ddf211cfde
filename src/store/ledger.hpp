// store/ledger.hpp
// -----------------------------------------------------------------------------
// The ledger: relance's own SQLite store of a business's receivables, for
// the `relance` command and for hosts (through the C ABI and Python) that
// keep their receivables in relance rather than in their own tables.
//
// What it holds (the schema is in docs/ledger.md):
//   - customers, invoices and payments, as imported (idempotent by id);
//   - the journal: every fact, in the order it was recorded, as the event
//     relance's engine folds (relance/event.hpp), each entry chained to the
//     previous one by a SHA-256 hash so that an altered, inserted or deleted
//     entry is found by `Verify`;
//   - dunning runs (as-of date, policy, counts) and the actions they planned
//     (one communication each), which `RecordSent` turns into facts. An
//     invoice reaches a level of the ladder through one action only: the
//     database refuses a second (a unique key on invoice and level), so no
//     reminder is ever planned or recorded twice.
//
// The journal is the truth (DESIGN decision 4): a run folds each customer's
// journal into a `Case` and evaluates it (relance/dunning.hpp); invoices and
// payments tables index what the journal holds.
//
// Every method that writes does so in one transaction (`BEGIN IMMEDIATE`):
// on any error, or if the process is killed, the ledger stays as it was
// (SQLite's write-ahead log, foreign keys on). A second process writing the
// same ledger at the same time is refused at once (kUnavailable, "... is in
// use by another relance process"), never interleaved.
//
// The ledger reads no clock: who recorded a fact and when is given by the
// caller (`Recording`), and every computation takes its as-of date.
//
// Errors (absl::Status): kInvalidArgument for bad input (rows, ids, dates),
// naming it; kNotFound for an id the ledger does not hold; kFailedPrecondition
// for a fact the ledger's state refuses (an action already recorded, an
// event impossible in the invoice's state) and for a ledger written by a
// newer relance; kUnavailable when another process holds the ledger;
// kDataLoss when the file is not a relance ledger or SQLite reports
// corruption; kInternal for a SQLite failure that is a bug.
#ifndef RELANCE_STORE_LEDGER_HPP_
#define RELANCE_STORE_LEDGER_HPP_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "relance/date.hpp"
#include "relance/dossier.hpp"
#include "relance/dunning.hpp"
#include "relance/event.hpp"
#include "relance/money.hpp"
#include "relance/policy.hpp"
#include "store/aging.hpp"
#include "store/ledger_rows.hpp"

namespace relance::store {

// The schema version this relance writes (PRAGMA user_version). Opening a
// ledger of an earlier version upgrades it, in one transaction; a later
// version is refused.
inline constexpr int kLedgerSchemaVersion = 7;

// Who recorded a fact, and when: kept in the journal as evidence. The
// ledger never reads the clock: the host gives the time (the command gives
// the machine's UTC time, `2026-03-31T07:00:00Z`).
struct Recording {
  std::string by = {};  // "relance import", a user name, a host's service
  std::string at = {};  // an ISO 8601 timestamp, or "" when unknown
};

// What an import did.
struct ImportResult {
  int64_t rows = 0;      // rows read from the file (good and bad)
  int64_t imported = 0;  // new rows written
  // Rows already in the ledger, identical: re-importing a file is harmless.
  int64_t unchanged = 0;
  // Rows refused (with `skip_bad`, the others were imported; without, the
  // whole import was refused and `imported` is 0).
  int64_t rejected = 0;
  std::vector<RowError> errors = {};
  // The refused rows as they were in the file, for a rejects file.
  std::vector<std::string> rejected_lines = {};
  // E-invoices and statuses: what was decided for documents and statuses
  // that gave no fact, or a fact worth a word ("FX-1.xml: invoice FX-1 has
  // nothing due (BT-115 0.00): no case opens"), in file order.
  std::vector<std::string> notes = {};
  bool written() const { return imported > 0; }
};

struct ImportOptions {
  // Import the good rows and report the bad ones, instead of importing
  // nothing when any row is bad.
  bool skip_bad = false;
};

// One e-invoice file to import: its name (for messages and the ledger's
// copy) and its bytes (XML or PDF).
struct EInvoiceFileText {
  std::string name = {};
  std::string bytes = {};
};

// How e-invoices and lifecycle statuses are imported.
struct EInvoiceImportOptions {
  // Import the good files (statuses) and report the others, instead of
  // importing nothing when any is bad.
  bool skip_bad = false;
  // The ledger's customer of every invoice imported; empty: each invoice's
  // buyer, by BT-46 (buyer identifier), else BT-47 (legal registration
  // id), else BT-48 (VAT id).
  std::string customer = {};
  // EInvoiceFactOptions::default_terms: the terms of an invoice that gives
  // neither a due date nor terms relance reads (the policy's default terms).
  std::string default_terms = {};
  // EInvoiceStatusFactOptions::payment_transit_days (211 payment sent).
  int payment_transit_days = 5;
};

// One action a run planned: one communication to one customer.
struct PlannedAction {
  int64_t id = 0;
  int64_t run_id = 0;
  std::string customer = {};
  std::string customer_name = {};
  Date as_of = {};
  // "planned", or "done" once recorded as sent.
  std::string status = {};
  std::optional<Date> performed_on = {};
  Communication communication = {};
};

// What a run did.
struct RunResult {
  int64_t run_id = 0;  // 0 for a dry run (nothing recorded)
  Date as_of = {};
  std::string policy_id = {};
  int policy_version = 0;
  // The jurisdictions with their own policy: (jurisdiction, "id vN").
  std::vector<std::pair<std::string, std::string>> jurisdiction_policies = {};
  int64_t customers = 0;  // customers evaluated
  int64_t invoices = 0;   // invoices in their cases
  // How many actions this run planned, and the first 100,000 of them, in
  // customer order (the others: `Actions`).
  int64_t actions_planned = 0;
  std::vector<PlannedAction> planned = {};
  // Communications the engine proposed whose every invoice already had its
  // level planned or done by an earlier action: not planned again.
  int64_t already_planned = 0;
  // Customers whose facts could not be evaluated (an impossible event, a
  // rate unknown): the run goes on without them and names them here.
  std::vector<std::pair<std::string, absl::Status>> failed = {};
  // The letters written for the actions this run planned, when the host
  // wrote them (`relance run --letters DIR`); std::nullopt otherwise.
  struct Letter {
    int64_t action_id = 0;  // 0 in a dry run
    std::string customer = {};
    std::string file = {};  // the text file's path
  };
  std::optional<std::vector<Letter>> letters = {};
};

// A policy for the customers of one jurisdiction (customers.csv's
// `jurisdiction`: "GB"), instead of the run's policy.
struct JurisdictionPolicy {
  std::string jurisdiction = {};
  Policy policy;
  std::string text = {};  // the policy as written (its SHA-256 is recorded)
};

// Whether `jurisdiction` may join `policies`, a run's policies per
// jurisdiction: two uppercase ASCII letters, as customers.csv's
// `jurisdiction` column holds them, and not in `policies` already. Errors
// (kInvalidArgument, for the caller to say where): `expected two uppercase
// letters ("GB"), got "gb"`; `GB is given twice`.
[[nodiscard]] absl::Status CheckNewJurisdiction(
    const std::vector<JurisdictionPolicy>& policies,
    std::string_view jurisdiction);

// A customer with communications newly planned by a run, as
// RunOptions::on_planned receives it, inside the run's transaction.
struct PlannedCustomer {
  std::string_view customer = {};
  std::string_view name = {};      // customers.name, "" = none
  std::string_view language = {};  // customers.language ("fr"), "" = none
  // customers.address: the lines a letter prints (empty: none).
  std::span<const std::string> address_lines = {};
  const Policy* policy = nullptr;  // the policy that decided
  const Decision* decision = nullptr;
  // Each communication this run planned: its index in decision->actions and
  // its action id (0 in a dry run). The decision's other communications
  // were planned by an earlier run.
  std::vector<std::pair<size_t, int64_t>> planned = {};
};

struct RunOptions {
  // Customers of these jurisdictions are evaluated under their own policy;
  // every other customer under the run's.
  std::vector<JurisdictionPolicy> jurisdiction_policies = {};
  // Called for each customer with newly planned communications, after they
  // are written and before the run commits (in a dry run too), e.g. to
  // write their letters. An error stops the run: nothing is recorded, and
  // Run returns it.
  std::function<absl::Status(const PlannedCustomer&)> on_planned = {};
  // Called from time to time with the customers done and the total, for a
  // progress bar (may be empty).
  std::function<void(int64_t done, int64_t total)> progress = {};
  // Evaluate and return what would be planned, writing nothing.
  bool dry_run = false;
};

// The decision behind a recorded action, made again as its run made it.
struct ReplayedAction {
  PlannedAction action = {};
  std::string language = {};                    // customers.language, "" = none
  std::vector<std::string> address_lines = {};  // customers.address
  Policy policy;  // the run's policy for the customer
  Decision decision = {};
  // The action's communication: decision.actions[communication].
  size_t communication = 0;
};

// One customer's case as a run assembles it, with what the ledger knows of
// the customer beyond its facts.
struct LedgerCase {
  Case assembled = {};
  std::string language = {};      // customers.language, "" = none
  std::string jurisdiction = {};  // customers.jurisdiction, "" = none
  std::vector<std::string> address_lines = {};  // customers.address
  // The policy that applies to it: its jurisdiction's, else the run's (one
  // of the arguments of Ledger::CustomerCase).
  const Policy* policy = nullptr;
};

// One journal entry.
struct JournalEntry {
  int64_t sequence = 0;  // 1, 2, 3, ... in recording order
  std::string customer = {};
  Event event = {};
  std::string source = {};  // "import invoices.csv:12", "record", "action 7"
  Recording recorded = {};
  std::string hash = {};  // SHA-256, lowercase hex, chaining to the previous
};

// The outcome of checking the journal's chain.
struct VerifyResult {
  int64_t entries = 0;
  // The first entry whose content or link does not match its hash, and why
  // (empty when the chain is intact).
  std::optional<int64_t> first_altered = {};
  std::string problem = {};
  std::string head_hash = {};  // the last entry's hash, to note elsewhere
  bool ok() const { return !first_altered.has_value(); }
};

// Counts for `relance status`.
struct LedgerStatus {
  int schema_version = 0;
  int64_t customers = 0;
  int64_t invoices = 0;
  int64_t payments = 0;
  int64_t journal_entries = 0;
  int64_t actions_planned = 0;  // not yet recorded as sent
  int64_t actions_done = 0;
  // Invoices per lifecycle state as of the last run ("overdue": 12, ...).
  std::vector<std::pair<std::string, int64_t>> invoices_per_state = {};
  // Invoices per last level recorded ("" = none).
  std::vector<std::pair<std::string, int64_t>> invoices_per_level = {};
  std::optional<int64_t> last_run_id = {};
  std::optional<Date> last_run_as_of = {};
  std::string last_run_policy = {};
};

class Ledger;

// What `relance import WHAT` imports, one file: "customers", "invoices",
// "payments" (CSV), "events" (JSON lines), parsed by
// store/import_files.hpp; "einvoice" (an e-invoice, XML or PDF, its bytes)
// and "statuses" (a CDAR message), with `options` (only its skip_bad for
// the others). The one dispatch of the command line, the C ABI and Python.
// Errors: kInvalidArgument `import: what: expected "customers",
// "invoices", "payments", "events", "einvoice" or "statuses", got "x"`;
// the ledger's.
[[nodiscard]] absl::StatusOr<ImportResult> ImportFileText(
    Ledger& ledger, std::string_view what, std::string_view text,
    std::string_view file, const EInvoiceImportOptions& options,
    const Recording& recording);

class Ledger {
 public:
  // Opens (creating when `create` and the file does not exist) the ledger at
  // `path`, upgrading an older schema. Errors: kInvalidArgument when the file
  // does not exist and !create; kFailedPrecondition for a newer schema
  // ("ledger.db: schema version 7 is newer than this relance (2): upgrade
  // relance"); kDataLoss when the file is not a relance ledger.
  [[nodiscard]] static absl::StatusOr<Ledger> Open(const std::string& path,
                                                   bool create = true);

  Ledger(Ledger&&) noexcept;
  Ledger& operator=(Ledger&&) noexcept;
  ~Ledger();

  // Imports parsed rows (store/import_files.hpp) from `file`. Every row is
  // checked against the ledger first: an id already present with other
  // content, a payment or event for an invoice the ledger (or this import)
  // does not have, a currency other than the invoice's, an event impossible
  // for its invoice. Without `skip_bad`, any error (the parser's or these)
  // refuses the whole import: nothing is written and `errors` lists every
  // one. Invoices name customers: a customer not yet known is created with
  // its id alone.
  [[nodiscard]] absl::StatusOr<ImportResult> ImportCustomers(
      const ParsedRows<CustomerRow>& parsed, const ImportOptions& options,
      const Recording& recording);
  [[nodiscard]] absl::StatusOr<ImportResult> ImportInvoices(
      const ParsedRows<InvoiceRow>& parsed, const ImportOptions& options,
      const Recording& recording);
  [[nodiscard]] absl::StatusOr<ImportResult> ImportPayments(
      const ParsedRows<PaymentRow>& parsed, const ImportOptions& options,
      const Recording& recording);
  [[nodiscard]] absl::StatusOr<ImportResult> ImportEvents(
      const ParsedRows<EventRow>& parsed, const ImportOptions& options,
      const Recording& recording);

  // Imports EN 16931 invoices and credit notes, in XML (CII, UBL) or
  // Factur-X / ZUGFeRD PDF (relance/einvoice_file.hpp), in one transaction:
  //   - an invoice with an amount due is an invoice row (as `import
  //     invoices`: id BT-1, issue date BT-2, amount BT-115, due date BT-9 or
  //     terms BT-20, else `default_terms`) of the customer `customer`, else
  //     of its buyer (BT-46, else BT-47, else BT-48); a customer the ledger
  //     does not know is created with the buyer's name (BT-44), and one
  //     without a name or an address gets the buyer's (BG-8,
  //     EInvoiceAddressLines from the seller's country);
  //   - a factored invoice (EInvoiceFact::factored) also gets its block,
  //     event id "einvoice factored <BT-1>", imported only with its
  //     invoice and not counted apart;
  //   - a credit note naming one invoice the ledger holds is its
  //     credit_note event (id "einvoice <BT-1>");
  //   - an invoice with nothing due (already paid) and a credit note naming
  //     no invoice or several give no fact: a note says so.
  // Each file is kept in the ledger (its bytes, SHA-256 and the
  // relance.einvoice document), once, also when its invoice was already
  // there (the same facts in another file: the XML and then its PDF). A
  // file the ledger already keeps (the same bytes) is unchanged and not
  // read again, whatever this relance would make of it now. Two
  // files of one name in one import are an error (names identify them). A file
  // that cannot be read, a lifecycle message, an invoice with no customer to
  // name, and every error of `import invoices` and `import events` are row
  // errors naming the file (line 0); without `skip_bad` any error refuses every
  // file. `rows` counts files.
  [[nodiscard]] absl::StatusOr<ImportResult> ImportEInvoices(
      const std::vector<EInvoiceFileText>& files,
      const EInvoiceImportOptions& options, const Recording& recording);

  // Imports French lifecycle statuses (CDAR messages,
  // relance/einvoice_status.hpp), in one transaction, each status in
  // message order: its invoice (MDT-87) must be in the ledger; the status
  // is mapped with what the ledger knows of the invoice on the status date
  // (its dispute, its balance: EInvoiceStatusToFact), and its event, if
  // any, is written and must fold with the customer's facts (a 212 payment
  // also enters the payments table, id "<message id>#<invoice>#212"). Every
  // status is kept (table einvoice_statuses: its code, date, effect, the
  // journal entry or why there is none): statuses without a dunning
  // meaning are evidence. A status already imported (same message,
  // invoice, code and date) is unchanged. Errors are row errors naming the
  // file and the status's position in it (line = 1, 2, ...; 0 for a whole
  // file that is not a message relance reads); without
  // `skip_bad` any error refuses every file. `rows` counts statuses (and
  // each file that is not a message that can be read, as one).
  [[nodiscard]] absl::StatusOr<ImportResult> ImportStatuses(
      const std::vector<EInvoiceFileText>& files,
      const EInvoiceImportOptions& options, const Recording& recording);

  // The e-invoice lifecycle statuses the ledger keeps for `customer`'s
  // invoices (ImportStatuses), in date order then import order, as a
  // dossier's evidence (DossierOptions::evidence): code, label, effect,
  // message id, and what relance made of it. Empty when none. Errors:
  // kNotFound for an unknown customer.
  [[nodiscard]] absl::StatusOr<std::vector<DossierEvidence>> StatusEvidence(
      std::string_view customer) const;

  // The 212 "Encaissée" lifecycle message (CDAR XML) for payment
  // `payment_id`, which a seller whose VAT is due on receipt sends to its
  // buyer: made by MakeCashedStatus (relance/einvoice_status.hpp) from the
  // payment (date, amount) and the invoice's e-invoice as imported (its
  // number, type, date, seller and buyer SIRENs, VAT breakdown: the payment
  // is split by VAT rate). Message id "CDV-212-<payment id>". Errors:
  // kNotFound for an unknown payment; kFailedPrecondition when its invoice
  // was not imported from an e-invoice; kInvalidArgument from
  // MakeCashedStatus (a seller without a SIREN, no VAT breakdown, ...),
  // naming the payment and the file.
  [[nodiscard]] absl::StatusOr<std::string> CashedStatus(
      std::string_view payment_id) const;

  // Evaluates every customer under `policy` as of `as_of` and records, in
  // one transaction, the run and the actions it plans. `policy_text` is the
  // policy as written (its SHA-256 is recorded with the run). Running again
  // for the same date plans nothing new; a later date continues the ladder
  // from the actions recorded as sent.
  [[nodiscard]] absl::StatusOr<RunResult> Run(const Policy& policy,
                                              std::string_view policy_text,
                                              Date as_of,
                                              const RunOptions& options,
                                              const Recording& recording);

  // Records that planned action `action_id` was sent on `date` (its run's
  // date when absent): it becomes "done" and its action_performed events
  // join the journal. Errors: kNotFound for an unknown action;
  // kFailedPrecondition when it is done already.
  [[nodiscard]] absl::StatusOr<PlannedAction> RecordSent(
      int64_t action_id, std::optional<Date> date, const Recording& recording);

  // Records that action `action_id`, recorded as sent, was acknowledged on
  // `date` (the day on the signed receipt of a registered letter, of a read
  // receipt, of an agency's confirmation): an action_acknowledged event
  // whose reference is "action N", as on the action's action_performed
  // events, naming their invoices, with `note` (who signed, "returned
  // unclaimed", ...; may be empty) as its reason. It changes no dunning
  // state; the dossier shows it. Errors: kNotFound for an unknown action;
  // kFailedPrecondition when the action is not recorded as sent, or
  // recorded no action_performed (its invoices' levels were held by earlier
  // actions); kInvalidArgument when `date` is before the day it was sent.
  [[nodiscard]] absl::StatusOr<JournalEntry> RecordAcknowledged(
      int64_t action_id, Date date, std::string_view note,
      const Recording& recording);

  // Records one fact (a payment, a dispute and its resolution, a promise, a
  // payment plan, a block, a write-off) for `customer` (found from the
  // invoice when empty). The event is validated and folded with the
  // customer's facts before it is written: an event impossible in the
  // invoice's state is refused (kFailedPrecondition), nothing written.
  // A payment_received also enters the payments table, under `id` (derived
  // as in PaymentRow when empty). Returns the journal entry written.
  [[nodiscard]] absl::StatusOr<JournalEntry> RecordEvent(
      std::string_view customer, const Event& event, std::string_view id,
      const Recording& recording);

  // The journal entries about one invoice, or about one customer (all its
  // invoices and its account), in chronological order (by date, then
  // recording order). Errors: kNotFound when the ledger has no such
  // invoice / customer.
  [[nodiscard]] absl::StatusOr<std::vector<JournalEntry>> InvoiceHistory(
      std::string_view invoice) const;
  [[nodiscard]] absl::StatusOr<std::vector<JournalEntry>> CustomerHistory(
      std::string_view customer) const;
  // One journal entry. Errors: kNotFound `no journal entry 9 in the ledger`.
  [[nodiscard]] absl::StatusOr<JournalEntry> Entry(int64_t sequence) const;
  // The actions planned for / done with one customer, oldest first.
  [[nodiscard]] absl::StatusOr<std::vector<PlannedAction>> Actions(
      std::string_view customer) const;
  // One action.
  [[nodiscard]] absl::StatusOr<PlannedAction> Action(int64_t action_id) const;

  // The decision behind action `action_id`, made again exactly as its run
  // made it: the customer's journal as it stood when the run began (for
  // runs recorded before schema version 5, the whole journal), assembled
  // and evaluated as of the action's date under the run's policy for the
  // customer (its jurisdiction's, else the run's), read with
  // `penalty_options` (the reference rates). Errors: kNotFound for an
  // unknown action; the policy's errors, prefixed `run N's policy: `;
  // kFailedPrecondition when the decision made again has no such
  // communication (only for runs before version 5, when facts recorded
  // since changed it).
  [[nodiscard]] absl::StatusOr<ReplayedAction> ReplayAction(
      int64_t action_id, const PolicyPenaltyOptions& penalty_options) const;

  // The customer of `invoice`. Errors: kNotFound `no invoice "F-9" in the
  // ledger`.
  [[nodiscard]] absl::StatusOr<std::string> CustomerOf(
      std::string_view invoice) const;

  // `customer`'s case as a run on `as_of` assembles it, under `policy` or
  // its jurisdiction's in `jurisdiction_policies` (for the levels sent
  // before relance). Errors: kNotFound for an unknown customer.
  [[nodiscard]] absl::StatusOr<LedgerCase> CustomerCase(
      std::string_view customer, const Policy& policy, Date as_of,
      const std::vector<JurisdictionPolicy>& jurisdiction_policies = {}) const;

  // Recomputes the journal's chain from the first entry.
  [[nodiscard]] absl::StatusOr<VerifyResult> Verify() const;

  [[nodiscard]] absl::StatusOr<LedgerStatus> Status() const;

  // Every customer's case as the journal gives it (what a run evaluates),
  // with the levels sent before relance (InvoiceRow::last_level_sent)
  // written as actions of `ladder` (the policy's default ladder when empty).
  // For reports and tests.
  [[nodiscard]] absl::StatusOr<std::vector<Case>> Cases(const Policy& policy,
                                                        Date as_of) const;

  // Every invoice issued by `as_of`, as the ageing report needs it
  // (store/aging.hpp): its amount, its balance and the part disputed, and
  // its penalties as `policy` computes them, each customer evaluated as a
  // run would, nothing written. A closed invoice (paid, credited, written
  // off) owes nothing. Customers that cannot be evaluated are left out and
  // named in `failed` (when not null).
  // `jurisdiction_policies` as in RunOptions.
  [[nodiscard]] absl::StatusOr<std::vector<AgingInvoice>> AgingInvoices(
      const Policy& policy, Date as_of,
      std::vector<std::pair<std::string, absl::Status>>* failed,
      const std::vector<JurisdictionPolicy>& jurisdiction_policies = {}) const;

  // The policies of the last run, as written: its policy, and the
  // jurisdictions that had their own.
  struct RunPolicyTexts {
    std::string policy = {};
    std::vector<std::pair<std::string, std::string>> by_jurisdiction = {};
  };
  // std::nullopt before the first run.
  [[nodiscard]] absl::StatusOr<std::optional<RunPolicyTexts>> LastRunPolicies()
      const;

  // The path this ledger was opened from.
  const std::string& path() const;

 private:
  struct State;
  explicit Ledger(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace relance::store

#endif  // RELANCE_STORE_LEDGER_HPP_
