// relance/dossier_json.hpp
// -----------------------------------------------------------------------------
// The JSON document of a collection dossier (relance/dossier.hpp), for
// agency software: what `relance dossier --json` will print and what the C
// ABI and the Python bindings will return. It follows relance's document
// conventions (docs/json.md): first keys `schema` ("relance.dossier") and
// `schema_version` (1); every key snake_case and always present, `null` when
// absent; money as the library writes it ("1234.56 EUR"), rates "12.15%",
// dates "YYYY-MM-DD"; keys in the order of docs/dossier.md; new keys may be
// added at the end of an object within a version.
//
// Each invoice's `penalties` is the invoice's "relance.assessment" document
// (relance/assessment_json.hpp) as is, so agency software reads the
// breakdown with the same code as `relance penalties --json`.
//
// Example:
//
//   absl::StatusOr<Dossier> dossier = BuildDossier(policy, c, as_of, options);
//   std::cout << DossierToJson(*dossier);
//   // {
//   //   "schema": "relance.dossier",
//   //   "schema_version": 1,
//   //   "as_of": "2026-04-30", ...
#ifndef RELANCE_DOSSIER_JSON_HPP_
#define RELANCE_DOSSIER_JSON_HPP_

#include <string>

#include "relance/dossier.hpp"
#include "relance/export.hpp"

namespace relance {

// The document "relance.dossier", version 1, keys in order: `schema`,
// `schema_version`, `as_of`, `invoice` (the dossier's invoice, or null for
// the whole customer), `creditor` (`name`, `registration`, `address`: list of
// lines), `debtor` (`id`, `name`), `policy`, `policy_version`, `ladder`,
// `legal_basis` (null when the policy claims no penalties, else
// `penalty_rule`, `name`, `citation`, `compensation_basis`),
// `account_blocked_since`, `totals`, `invoices`, `payments`, `history`
// (docs/dossier.md lists the keys of each). Indented by two spaces, with a
// final newline. Never fails.
[[nodiscard]] RELANCE_API std::string DossierToJson(const Dossier& dossier);

}  // namespace relance

#endif  // RELANCE_DOSSIER_JSON_HPP_
