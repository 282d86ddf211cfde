#include "store/sqlite.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "relance/internal/quote.hpp"

namespace relance::store {
namespace {

using internal::QuoteForMessage;

absl::Status StatusFor(int code, std::string_view purpose,
                       std::string_view message) {
  const std::string text =
      absl::StrCat(std::string(purpose), ": ", std::string(message));
  switch (code & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return absl::OkStatus();
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(text);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(text);
    case SQLITE_CONSTRAINT:
      return absl::FailedPreconditionError(text);
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return absl::InvalidArgumentError(text);
    default:
      return absl::InternalError(text);
  }
}

}  // namespace

absl::StatusOr<Database> Database::Open(const std::string& path, bool create) {
  struct stat info {};
  if (!create && ::stat(path.c_str(), &info) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("ledger ", QuoteForMessage(path), ": no such file"));
  }
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                    SQLITE_OPEN_NOMUTEX;
  const int code = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (code != SQLITE_OK) {
    const std::string message =
        db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    sqlite3_close(db);
    return StatusFor(code, absl::StrCat("ledger ", QuoteForMessage(path)),
                     message);
  }
  sqlite3_extended_result_codes(db, 1);
  Database database(db, path);
  // No waiting: a second writer is told at once that the ledger is in use.
  sqlite3_busy_timeout(db, 0);
  if (absl::Status status = database.Execute(
          "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; "
          "PRAGMA synchronous = NORMAL; "
          // A run or an import of millions of rows is one transaction: a
          // page cache of up to 256 MiB keeps it from spilling to the log
          // page by page, and temporary b-trees stay in memory.
          "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY; "
          // Reads through a memory map of up to 4 GiB (SQLite caps it at
          // its build's limit): a run reads the journal in customer order,
          // all over the file, without a system call per page.
          "PRAGMA mmap_size = 4294967296;");
      !status.ok()) {
    return status;
  }
  return database;
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Database::~Database() { sqlite3_close(db_); }

absl::Status Database::StatusOf(int code, std::string_view purpose) const {
  if (code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE) {
    return absl::OkStatus();
  }
  std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "";
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
    message = absl::StrCat("the ledger ", QuoteForMessage(path_),
                           " is in use by another relance process (", message,
                           "): try again when it ends");
  } else if ((code & 0xff) == SQLITE_NOTADB) {
    message = absl::StrCat(QuoteForMessage(path_), " is not a relance ledger (",
                           message, ")");
  }
  return StatusFor(code, purpose, message);
}

absl::Status Database::Execute(std::string_view sql) const {
  char* error = nullptr;
  const std::string text(sql);
  const int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  return StatusOf(code, "ledger");
}

absl::StatusOr<Statement> Database::Prepare(std::string_view sql,
                                            std::string_view purpose) const {
  sqlite3_stmt* statement = nullptr;
  const int code = sqlite3_prepare_v2(
      db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
  if (code != SQLITE_OK) {
    sqlite3_finalize(statement);
    return StatusOf(code, purpose);
  }
  return Statement(this, statement, std::string(purpose));
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      statement_(std::exchange(other.statement_, nullptr)),
      purpose_(std::move(other.purpose_)),
      bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    db_ = other.db_;
    statement_ = std::exchange(other.statement_, nullptr);
    purpose_ = std::move(other.purpose_);
    bind_error_ = other.bind_error_;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement& Statement::Bind(int index, std::string_view text) {
  const int code =
      sqlite3_bind_text64(statement_, index, text.data(), text.size(),
                          SQLITE_TRANSIENT, SQLITE_UTF8);
  if (code != SQLITE_OK && bind_error_ == 0) bind_error_ = code;
  return *this;
}

int64_t Database::Changes() const { return sqlite3_changes64(db_); }

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  const int code = sqlite3_bind_blob64(statement_, index, bytes.data(),
                                       bytes.size(), SQLITE_TRANSIENT);
  if (code != SQLITE_OK && bind_error_ == 0) bind_error_ = code;
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  const int code = sqlite3_bind_int64(statement_, index, value);
  if (code != SQLITE_OK && bind_error_ == 0) bind_error_ = code;
  return *this;
}

Statement& Statement::BindNull(int index) {
  const int code = sqlite3_bind_null(statement_, index);
  if (code != SQLITE_OK && bind_error_ == 0) bind_error_ = code;
  return *this;
}

Statement& Statement::BindOptional(int index,
                                   const std::optional<std::string>& text) {
  return text.has_value() ? Bind(index, std::string_view(*text))
                          : BindNull(index);
}

absl::StatusOr<bool> Statement::Step() {
  if (bind_error_ != 0) {
    const int code = std::exchange(bind_error_, 0);
    return db_->StatusOf(code, purpose_);
  }
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  absl::Status status = db_->StatusOf(code, purpose_);
  sqlite3_reset(statement_);
  return status;
}

absl::Status Statement::Run() {
  absl::StatusOr<bool> row = Step();
  while (row.ok() && *row) row = Step();
  Reset();
  return row.status();
}

void Statement::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  bind_error_ = 0;
}

int64_t Statement::Int(int column) const {
  return sqlite3_column_int64(statement_, column);
}

std::string_view Statement::TextView(int column) const {
  const unsigned char* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return {};
  return std::string_view(
      reinterpret_cast<const char*>(text),
      static_cast<size_t>(sqlite3_column_bytes(statement_, column)));
}

std::string Statement::Text(int column) const {
  return std::string(TextView(column));
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

absl::StatusOr<Transaction> Transaction::Begin(const Database& db) {
  if (absl::Status status = db.Execute("BEGIN IMMEDIATE"); !status.ok()) {
    return status;
  }
  return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Execute("ROLLBACK");
}

absl::Status Transaction::Commit() {
  absl::Status status = db_->Execute("COMMIT");
  if (status.ok()) db_ = nullptr;
  return status;
}

}  // namespace relance::store
