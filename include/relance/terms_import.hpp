// relance/terms_import.hpp
// -----------------------------------------------------------------------------
// Payment terms imported from other systems, as those systems store them.
//
// A vendor moving to relance keeps its configured terms: `ImportTerms` reads
// one system's record (as JSON, with that system's own field names) and
// compiles it into `PaymentTerms` whose due dates are that system's, date for
// date, quirks included. Each importer was checked against the system's own
// test suite or documentation and against an independent re-implementation
// of its algorithm over every invoice date of 2023 and 2024
// (tests/terms_import_test.cpp).
//
// Systems and the JSON they take (unknown keys are errors; numbers may be
// JSON numbers or strings and are read by their shortest decimal form, never
// as binary floating point):
//
//   odoo      account.payment.term: {"line_ids": [...], "early_discount",
//             "discount_percentage", "discount_days",
//             "early_pay_discount_computation"}. The generation is recognised
//             from the line fields:
//               14, 15: value (balance|percent|fixed), value_amount, days,
//                 day_of_the_month, option (day_after_invoice_date,
//                 after_invoice_month, day_following_month,
//                 day_current_month), sequence;
//               16: value, value_amount, months, days, end_month, days_after,
//                 discount_percentage, discount_days;
//               17, 18: value (percent|fixed), value_amount, delay_type
//                 (days_after, days_after_end_of_month,
//                 days_after_end_of_next_month, days_end_of_month_on_the),
//                 nb_days, days_next_month; the last line is the balance.
//   erpnext   Payment Terms Template: {"terms": [rows]}, each row with
//             invoice_portion, due_date_based_on ("Day(s) after invoice
//             date", "Day(s) after the end of the invoice month", "Month(s)
//             after the end of the invoice month"), credit_days,
//             credit_months, discount_type ("Percentage"), discount,
//             discount_validity_based_on, discount_validity.
//   tryton    account.invoice.payment_term: {"lines": [...]}, each with
//             sequence, type (fixed|percent|percent_on_total|remainder),
//             ratio (or percentage), divisor, amount, currency,
//             relativedeltas: [{day, month (1..12), weekday (0 = Monday ..
//             6), months, weeks, days}] applied in turn as dateutil's
//             relativedelta.
//   business-central  a Payment Terms record as the API v2.0 gives it:
//             {"code", "dueDateCalculation", "discountDateCalculation",
//             "discountPercent", "calculateDiscountOnCreditMemos"}.
//   sap       table T052 rows of one terms key (ZTERM), an array (several rows
//             for day limits) or one object: ZTERM, ZTAGG (day limit), ZDART,
//             ZFAEL (fixed day of the baseline date), ZMONA (its additional
//             months), ZTAG1..3 (days), ZPRZ1..2 (cash discount %), ZSTG1..3
//             (fixed day), ZSMN1..3 (additional months).
//
// What cannot be imported is refused (kInvalidArgument naming the field),
// never approximated: an ERPNext discount of a fixed amount, a Tryton
// percentage of the remainder after a fixed line, a Tryton `month` without
// `day` after the first relativedelta, SAP discount terms that differ between
// day limits. Amounts follow relance's rules (terms.hpp), which can differ by
// a cent from a system that rounds each line on its own.
//
// Example:
//
//   absl::StatusOr<PaymentTerms> terms = ImportTerms(
//       TermsSystem::kOdoo, R"({"line_ids": [{"value": "balance",
//           "days": 31, "day_of_the_month": 15,
//           "option": "day_after_invoice_date"}]})");
//   terms->DueDates(MakeDate(2023, 1, 16));  // {2023-03-15}, as Odoo 15
#ifndef RELANCE_TERMS_IMPORT_HPP_
#define RELANCE_TERMS_IMPORT_HPP_

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "relance/currency.hpp"
#include "relance/export.hpp"
#include "relance/terms.hpp"

namespace relance {

enum class TermsSystem { kOdoo, kErpNext, kTryton, kBusinessCentral, kSap };

// "odoo", "erpnext", "tryton", "business-central", "sap".
[[nodiscard]] RELANCE_API std::string_view ToString(TermsSystem system);
[[nodiscard]] RELANCE_API absl::StatusOr<TermsSystem> ParseTermsSystem(
    std::string_view text);

// Compiles a system's stored terms. `options` gives the rounding, the
// business-day adjustment and the discount base when the record does not say
// (its month-overflow options are ignored: each system's own rule applies).
// `currency` is needed only for fixed-amount lines. Errors: kInvalidArgument
// with the system and the JSON path (`terms (odoo): line_ids[1].option:
// "sometimes": expected one of ...`).
[[nodiscard]] RELANCE_API absl::StatusOr<PaymentTerms> ImportTerms(
    TermsSystem system, std::string_view json_text,
    const TermsParseOptions& options = {},
    std::optional<Currency> currency = std::nullopt);

}  // namespace relance

#endif  // RELANCE_TERMS_IMPORT_HPP_
