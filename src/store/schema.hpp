// store/schema.hpp
// -----------------------------------------------------------------------------
// The ledger's schema and its migrations (docs/ledger.md). The version is
// SQLite's `PRAGMA user_version`: 0 for a new file, then the number of
// migrations applied. Each migration is a SQL script, applied in order,
// never edited once released: a change is a new migration.
#ifndef RELANCE_STORE_SCHEMA_HPP_
#define RELANCE_STORE_SCHEMA_HPP_

#include <span>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "store/sqlite.hpp"

namespace relance::store {

// Migration k (1-based) takes a ledger from version k - 1 to version k.
std::span<const std::string_view> Migrations();

// The schema version of `db` (PRAGMA user_version).
[[nodiscard]] absl::StatusOr<int> SchemaVersion(const Database& db);

// Brings `db` to the latest version, in one transaction: every migration
// from its version on. Errors: kFailedPrecondition for a version newer than
// Migrations().size() ("... schema version 7 is newer than this relance
// (2): upgrade relance"); kDataLoss for a file that is not a ledger (a
// version 0 file with tables of its own).
[[nodiscard]] absl::Status Migrate(const Database& db);

// Applies migrations up to `version` only (tests of upgrades).
[[nodiscard]] absl::Status MigrateTo(const Database& db, int version);

}  // namespace relance::store

#endif  // RELANCE_STORE_SCHEMA_HPP_
