// relance/einvoice_json.hpp
// -----------------------------------------------------------------------------
// The JSON documents of what relance read from an e-invoice file
// (relance/einvoice_file.hpp): "relance.einvoice" for an invoice or credit
// note (XML or PDF) and "relance.einvoice_statuses" for a lifecycle message.
// `relance einvoice show --json` prints them, the C ABI
// (relance_einvoice_read_json) and Python (relance.read_einvoice) return the
// same bytes. They follow docs/json.md (first keys "schema" and
// "schema_version"; snake_case keys in a fixed order; absent values null;
// money "1234.56 EUR", dates "YYYY-MM-DD", rates "20.00%"); docs/einvoice.md
// lists every key with its business term.
//
// Each document ends with the fact (or facts) relance makes of what it
// read, so a host sees what an import would record:
//   relance.einvoice            "fact": kind, event (as a case file writes
//                               it), default_terms_applied, note; or null
//                               and "fact_error" when there is none to make
//                               (BT-9 and BT-20 absent and no default terms)
//   relance.einvoice_statuses   per status: its row of the status table
//                               (label, meaning, effect) and "fact": effect,
//                               event, note; or null and "fact_error". A
//                               status is mapped on its own here: the
//                               invoice's dispute is taken as none and its
//                               balance as unknown (the ledger's import
//                               uses what it holds: docs/einvoice.md).
#ifndef RELANCE_EINVOICE_JSON_HPP_
#define RELANCE_EINVOICE_JSON_HPP_

#include <string>

#include "relance/einvoice.hpp"
#include "relance/einvoice_file.hpp"
#include "relance/einvoice_status.hpp"
#include "relance/export.hpp"

namespace relance {

// The "relance.einvoice" document of `invoice`, its fact made with
// `options` (EInvoiceToEvent).
[[nodiscard]] RELANCE_API std::string EInvoiceToJson(
    const EInvoice& invoice, const EInvoiceFactOptions& options = {});

// The "relance.einvoice_statuses" document of `message`, each status's fact
// made with `options` (EInvoiceStatusToFact).
[[nodiscard]] RELANCE_API std::string EInvoiceStatusesToJson(
    const EInvoiceStatusMessage& message,
    const EInvoiceStatusFactOptions& options = {});

// The document of whatever `file` holds: EInvoiceToJson of its invoice
// (with `options`), else EInvoiceStatusesToJson of its statuses.
[[nodiscard]] RELANCE_API std::string EInvoiceFileToJson(
    const EInvoiceFile& file, const EInvoiceFactOptions& options = {});

}  // namespace relance

#endif  // RELANCE_EINVOICE_JSON_HPP_
