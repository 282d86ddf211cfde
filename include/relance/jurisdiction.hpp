// relance/jurisdiction.hpp
// -----------------------------------------------------------------------------
// Statutory late-payment rules as named presets, and contractual rules from
// JSON.
//
//   "fr-b2b"  France, Code de commerce L441-10 II and D441-5: the ECB main
//             refinancing rate + 10 points, the rate in force on 1 January
//             for the first half-year and on 1 July for the second; EUR 40
//             fixed compensation per late invoice; payments settle costs,
//             then interest, then principal (Code civil art. 1343-1 puts
//             interest before principal; the costs first are relance's
//             reading, as BGB §367).
//             Floor: a *contractual* rate may not be below 3 x the legal
//             interest rate. relance's choice for the statutory default when
//             that floor exceeds ECB + 10 (as in 2024: 3 x 5.07 % = 15.21 % >
//             14.50 %): the default rate stays ECB + 10, as the text sets it,
//             and the result carries PenaltyFlag::kFloorAboveRate with an
//             explanation. A host that reads the text otherwise sets
//             FloorPolicy::kApply. A JSON rule based on fr-b2b that states
//             its own "interest" is contractual: the floor is applied by
//             default (unless its "floor" says "policy": "flag").
//             Regimes: obligations whose payment period started from
//             2013-01-01 (loi 2012-387 art. 121, décret 2012-1115, which
//             created the EUR 40 and the half-yearly fixing); from
//             2009-01-01 (loi 2008-776 "LME"), ECB + 10 at the most recent
//             refinancing operation (daily), no fixed compensation; earlier
//             ones are not modelled (refused).
//   "de-b2b"  Germany, §288 Abs. 2 and 5 BGB with §247 BGB: base rate + 9
//             points, the base rate changing on 1 January and 1 July; EUR 40
//             (Verzugspauschale); §367 BGB settlement order (costs,
//             interest, principal). Actual/365. Regimes (Art. 229 § 34
//             EGBGB): obligations arising from 2014-07-29; from 2002-01-01
//             to 2014-07-28, § 288 Abs. 2 a.F.: base + 8, no Pauschale;
//             earlier ones are not modelled (Art. 229 § 5 EGBGB).
//   "de-b2c"  Germany, §288 Abs. 1 BGB: base rate + 5 points; no fixed
//             compensation; §367 order. Obligations from 2002-01-01.
//   "uk-late-payment"  United Kingdom, Late Payment of Commercial Debts
//             (Interest) Act 1998 and the Rate of Interest (No. 3) Order
//             2002: Bank of England Bank Rate + 8 points, one rate for the
//             whole debt, the Bank Rate in force on 31 December / 30 June
//             before the half-year in which interest starts; daily interest =
//             debt x rate / 365; GBP 40 / 70 / 100 (s.5A). Contracts made
//             from 2002-08-07 (SI 2002/1674, SI 2002/1675); the Act's
//             earlier phases are not modelled.
//   "eu-directive"  Directive 2011/7/EU art. 2(6), 2(12), 3 and 6: the ECB
//             main refinancing rate + 8 points, fixed on 1 January / 1 July;
//             EUR 40 minimum compensation. Contracts from 2013-03-16
//             (art. 12); Directive 2000/35/EC is not modelled.
//
// All presets charge from the day after the due date up to and including the
// payment date (or as-of date), round once per invoice, half away from zero.
// Each is a dated sequence of regimes (PenaltyRule::regime_from,
// earlier_regimes) chosen by InvoiceFacts::obligation_date; Assess refuses
// an obligation before the first regime modelled (kOutOfRange naming it).
#ifndef RELANCE_JURISDICTION_HPP_
#define RELANCE_JURISDICTION_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "relance/export.hpp"
#include "relance/penalty.hpp"
#include "relance/rate_series.hpp"

namespace relance {

// The preset `id` (above), reading its reference rates from `rates` (the
// built-in series unless the host replaced some). Errors: kNotFound listing
// the presets; kNotFound when `rates` lacks a series the preset needs.
[[nodiscard]] RELANCE_API absl::StatusOr<PenaltyRule> PenaltyPreset(
    std::string_view id,
    const ReferenceRates& rates = ReferenceRates::Builtin());
RELANCE_API std::vector<std::string> PenaltyPresetIds();

// A contractual (or customised statutory) rule from JSON (docs/penalties.md):
//
//   {"id": "contract-2026", "base": "fr-b2b",
//    "interest": {"fixed": "15%"} | {"reference": "ecb-mro", "margin": "10%",
//                "fixing": "half-yearly"} | {"monthly": "1.5%"} | null,
//    "day_count": "act/365", "grace_days": 0,
//    "settlement": "principal-first", "minimum_interest": "1.00 EUR",
//    "rounding": "half-away-from-zero", "rounding_point": "invoice" | "line" |
//    "day", "floor": {"series": "fr-legal-professionals", "factor": 3,
//              "policy": "apply"},
//    "cap": "20%", "assume_last_rate": false,
//    "compensation": {"fixed": "40.00 EUR", "basis": "..."} |
//                    {"uk_bands": true} | null}
//
// With "base", the preset is the starting point and the other keys override
// it, in each of its regimes. A non-null "interest" makes the rate
// contractual: InterestRule::statutory_rate false, and the floor applied
// (FloorPolicy::kApply) unless "floor" gives "policy": "flag".
// Errors: kInvalidArgument with the JSON path; kNotFound for an unknown base
// or series.
[[nodiscard]] RELANCE_API absl::StatusOr<PenaltyRule> PenaltyRuleFromJson(
    std::string_view json_text,
    const ReferenceRates& rates = ReferenceRates::Builtin());

// Reads the file at `path` (a regular file of at most 16 MiB), then as
// PenaltyRuleFromJson. Every error message starts with the path
// (`rule.json: penalty rule: interest.fixed: ...`); kInvalidArgument when
// the file cannot be read (`file "rule.json": cannot open: ...`).
[[nodiscard]] RELANCE_API absl::StatusOr<PenaltyRule> PenaltyRuleFromFile(
    const std::string& path,
    const ReferenceRates& rates = ReferenceRates::Builtin());

}  // namespace relance

#endif  // RELANCE_JURISDICTION_HPP_
