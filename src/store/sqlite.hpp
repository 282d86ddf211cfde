// store/sqlite.hpp
// -----------------------------------------------------------------------------
// A thin RAII layer over SQLite's C API for the ledger: a connection, a
// prepared statement with typed binds and columns, and a transaction that
// rolls back unless committed. Every SQLite error becomes an absl::Status
// naming the statement's purpose and SQLite's message; SQLITE_BUSY becomes
// kUnavailable (another process holds the ledger), SQLITE_CORRUPT and
// SQLITE_NOTADB kDataLoss, a constraint violation kFailedPrecondition.
#ifndef RELANCE_STORE_SQLITE_HPP_
#define RELANCE_STORE_SQLITE_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

struct sqlite3;
struct sqlite3_stmt;

namespace relance::store {

class Statement;

// One connection to a database file.
class Database {
 public:
  // Opens `path` read-write (creating it when `create`), with foreign keys
  // on, write-ahead logging, and no waiting for a lock held by another
  // process (a writer finds out at once). Errors: kInvalidArgument when the
  // file does not exist and !create; kDataLoss when it is not a SQLite
  // database.
  [[nodiscard]] static absl::StatusOr<Database> Open(const std::string& path,
                                                     bool create);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  ~Database();

  // Runs one or more statements without results ("CREATE TABLE ...; ...").
  [[nodiscard]] absl::Status Execute(std::string_view sql) const;

  // Prepares one statement. `purpose` names it in errors ("insert invoice").
  [[nodiscard]] absl::StatusOr<Statement> Prepare(
      std::string_view sql, std::string_view purpose) const;

  // The status for SQLite result `code` of this connection, or OK.
  absl::Status StatusOf(int code, std::string_view purpose) const;

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  // The rows the last INSERT, UPDATE or DELETE changed.
  int64_t Changes() const;

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
};

// A prepared statement. Binds are 1-based as in SQL (`?1`); columns 0-based.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, int64_t value);
  // Bytes as a BLOB (a file kept as received).
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);
  // NULL when `text` is empty.
  Statement& BindOptional(int index, const std::optional<std::string>& text);

  // Runs one step: true when a row is ready, false when done.
  [[nodiscard]] absl::StatusOr<bool> Step();
  // Runs to completion, ignoring rows (an INSERT, an UPDATE), then resets.
  [[nodiscard]] absl::Status Run();
  // Resets for new binds (binds are cleared).
  void Reset();

  int64_t Int(int column) const;
  std::string Text(int column) const;
  std::string_view TextView(int column) const;  // valid until the next step
  bool IsNull(int column) const;

 private:
  friend class Database;
  Statement(const Database* db, sqlite3_stmt* statement, std::string purpose)
      : db_(db), statement_(statement), purpose_(std::move(purpose)) {}
  const Database* db_ = nullptr;
  sqlite3_stmt* statement_ = nullptr;
  std::string purpose_;
  // The first bind error (SQLite reports it at bind time), reported by Step.
  int bind_error_ = 0;
};

// BEGIN IMMEDIATE on construction (Begin), ROLLBACK on destruction unless
// Commit succeeded.
class Transaction {
 public:
  [[nodiscard]] static absl::StatusOr<Transaction> Begin(const Database& db);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  [[nodiscard]] absl::Status Commit();

 private:
  explicit Transaction(const Database* db) : db_(db) {}
  const Database* db_ = nullptr;
};

}  // namespace relance::store

#endif  // RELANCE_STORE_SQLITE_HPP_
