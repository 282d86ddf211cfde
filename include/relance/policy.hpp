// relance/policy.hpp
// -----------------------------------------------------------------------------
// Collection policies: what to do, when, through which channel, as a customer's
// invoices fall overdue. The dunning engine evaluates a case against a policy;
// the policy itself decides nothing and holds no state.
//
// Model (the JSON schema is in docs/policy.md):
//   - A `DunningLevel` is one rung of the ladder (DOMAIN.md section 1): an
//     offset in calendar days from the invoice's due date (negative = before
//     it, so -5 is a courtesy notice five days ahead), a channel, a template,
//     an optional fee, thresholds and flags.
//   - A `Ladder` is an ordered list of levels, in escalation order, with
//     non-decreasing offsets. Every policy has the ladder "default" (the
//     top-level "levels" in JSON); more ladders are named under "ladders".
//   - A `SegmentRule` (a payer profile) sends some customers to another
//     ladder, either explicitly (the engine received a "segment assigned"
//     event) or by conditions on the customer's history. See `ChooseLadder`.
//   - Thresholds: a minimum overdue amount per customer and one per invoice,
//     each per currency (amounts in different currencies never mix); at most
//     `max_levels_per_run` levels per run, never skipping a level unless
//     `allow_skipping_levels`; at least `min_days_between_contacts` days
//     between two contacts with one customer, and at least
//     `min_days_between_levels` days between two levels of one invoice.
//   - Penalties: a preset id, a preset with options, or a contractual rule,
//     compiled against the reference rates the host gives
//     (`PolicyPenaltyOptions`).
//   - A policy has an id and a version: every decision records both, and a
//     new version never rewrites what an old one decided.
//
// A policy is compiled once (`Policy::Create` from a `PolicySpec`,
// `Policy::FromJson` or `Policy::FromFile`) into a `Policy`: a small value
// handle over immutable shared state (as BusinessCalendar and PaymentTerms),
// cheap to copy, copies sharing, safe to share between threads and cases. To
// change one, copy `spec()`, edit it and compile a new policy (with a new
// version).
//
// Fees: in France the EUR 40 fixed recovery compensation (Code de commerce
// L441-10 II, D441-5) is meant to cover recovery costs, so a French policy
// normally charges no reminder fee; in the UK, compensation under the Late
// Payment of Commercial Debts (Interest) Act 1998 s.5A replaces other
// recovery costs unless they are higher. relance charges only what the policy
// configures; whether that is lawful is the policy author's call.
//
// Example:
//
//   absl::StatusOr<Policy> policy = Policy::FromJson(R"({
//     "id": "standard-fr", "version": 1,
//     "minimum_dunning_amount": "15.00 EUR", "penalties": "fr-b2b",
//     "levels": [
//       {"id": "reminder1", "offset_days": 1, "channel": "email",
//        "template": "relance_1"},
//       {"id": "notice", "offset_days": 21, "channel": "registered_letter",
//        "payment_deadline_days": 8, "block_account": true}]})");
//   policy->MinimumDunningAmount(*Currency::FromCode("EUR"));  // 15.00 EUR
//   policy->default_ladder().levels[1].channel;  // kRegisteredLetter
//   std::cout << policy->LadderTable();
#ifndef RELANCE_POLICY_HPP_
#define RELANCE_POLICY_HPP_

#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "relance/currency.hpp"
#include "relance/dunning_fee.hpp"
#include "relance/export.hpp"
#include "relance/money.hpp"
#include "relance/penalty.hpp"
#include "relance/rate_series.hpp"

namespace relance {

// How a level reaches the customer.
enum class Channel {
  kEmail,             // "email"
  kLetter,            // "letter"
  kRegisteredLetter,  // "registered_letter": LRAR, recorded delivery
  kPhoneTask,         // "phone": a call a person makes (always a task)
  kSms,               // "sms"
  kAgencyHandoff,     // "agency_handoff": the file goes to a collection agency
  kLegal,             // "legal": injunction to pay, bailiff, lawyer
};

// The names above ("registered_letter").
RELANCE_API std::string ToString(Channel channel);
RELANCE_API std::ostream& operator<<(std::ostream& os, Channel channel);
// Errors: kInvalidArgument `channel "fax": expected one of email, ...`.
[[nodiscard]] RELANCE_API absl::StatusOr<Channel> ParseChannel(
    std::string_view text);

// How due actions of one customer are sent.
enum class Grouping {
  kPerCustomer,  // "per_customer": one communication lists every invoice
  kPerInvoice,   // "per_invoice": one communication per invoice
};

RELANCE_API std::string ToString(Grouping grouping);
RELANCE_API std::ostream& operator<<(std::ostream& os, Grouping grouping);
// Errors: kInvalidArgument listing the names.
[[nodiscard]] RELANCE_API absl::StatusOr<Grouping> ParseGrouping(
    std::string_view text);

// One rung of a ladder.
struct RELANCE_API DunningLevel {
  // Unique within its ladder: [A-Za-z0-9_-], 1..64 characters. Recorded on
  // every action ("reminder1"), so renaming a level in a new policy version
  // makes old actions refer to a level the new version does not have.
  std::string id = {};
  // Calendar days from the invoice's due date, -365..3650: the level is due
  // on due date + offset_days (-5: five days before; 1: the day after).
  int offset_days = 0;
  Channel channel = Channel::kEmail;
  // The host's template id ("relance_1"); "" = none.
  std::string template_id = {};
  // A person must act (make the call, sign the letter). Always true for
  // Channel::kPhoneTask.
  bool task = false;
  // Charged with this level; none: no fee.
  std::optional<DunningFee> fee = {};
  // The level is not sent for an invoice whose overdue amount is below this
  // (in this currency; invoices in other currencies are not limited by it).
  // Non-negative.
  std::optional<Money> minimum_amount = {};
  // At least this many calendar days after the previous level was sent,
  // 0..3650; 0 = no constraint. Must be 0 on a ladder's first level.
  int min_days_since_previous = 0;
  // The "new payment deadline" the reminder gives: the action date plus this
  // many calendar days, 1..365; none: the reminder gives no deadline.
  std::optional<int> payment_deadline_days = {};
  // Sending this level blocks the customer's account for new orders.
  bool block_account = false;
  // The communication of this level is a statement of account: it lists
  // every overdue invoice of the customer, not only those with an action
  // that day (typically the formal notice).
  bool statement_of_account = false;
};

// Levels in escalation order.
struct RELANCE_API Ladder {
  // "default" for the policy's main ladder; otherwise [A-Za-z0-9_-].
  std::string id = {};
  // Non-empty; offsets non-decreasing; level ids unique.
  std::vector<DunningLevel> levels = {};
};

// Conditions on a customer's history. Every condition given must hold; a
// condition not given is ignored. A rule with no condition at all is only
// chosen explicitly (by a "segment assigned" event).
struct RELANCE_API SegmentCondition {
  // The customer's average days late is strictly above this (-3650..3650).
  std::optional<int> average_days_late_over = {};
  // At least this many broken promises to pay (>= 1).
  std::optional<int> broken_promises_at_least = {};
  // The customer's total overdue amount is strictly above this
  // (non-negative). Holds only when the history gives an overdue amount in
  // the same currency.
  std::optional<Money> amount_overdue_over = {};

  bool empty() const {
    return !average_days_late_over && !broken_promises_at_least &&
           !amount_overdue_over;
  }
};

// "average days late > 20 and amount overdue > 5000.00 EUR"; "explicit
// only" when empty.
RELANCE_API std::string ToString(const SegmentCondition& condition);

// A payer profile: customers in `segment` are dunned with `ladder`.
struct RELANCE_API SegmentRule {
  // Unique in the policy: [A-Za-z0-9_-], 1..64 characters.
  std::string segment = {};
  SegmentCondition when = {};
  // A ladder id of the policy ("default" allowed).
  std::string ladder = {};
};

// What the engine knows of a customer when choosing a ladder.
struct RELANCE_API CustomerHistory {
  int average_days_late = 0;
  int broken_promises = 0;
  // The customer's total overdue amount; none: unknown (conditions on it do
  // not hold).
  std::optional<Money> amount_overdue = {};
};

// Everything a policy says, as plain data. Validated by `Validate` and by
// `Policy::Create`.
struct RELANCE_API PolicySpec {
  // Required: [A-Za-z0-9_-], 1..64 characters.
  std::string id = {};
  // Required, >= 1.
  int version = 0;
  // For people; optional.
  std::string name = {};
  // The customer's total overdue amount must reach this before any level is
  // sent; at most one per currency, non-negative. None for a currency: 0.
  std::vector<Money> minimum_dunning_amounts = {};
  // An invoice whose overdue amount is below this is not dunned; at most one
  // per currency, non-negative.
  std::vector<Money> minimum_invoice_amounts = {};
  // The penalties the policy claims, at most one of:
  //   - `penalties`: a preset id (relance/jurisdiction.hpp: "fr-b2b",
  //     "uk-late-payment", ...), read with the rates of
  //     PolicyPenaltyOptions; with `penalties_assume_last_rate`, the
  //     preset carries the last known reference rate forward
  //     (InterestRule::assume_last_rate);
  //   - `penalty_rule`: a contractual (or customised) rule, e.g. from
  //     PenaltyRuleFromJson with the host's rates.
  // Neither: the policy claims no penalties.
  std::string penalties = {};
  bool penalties_assume_last_rate = false;
  std::optional<PenaltyRule> penalty_rule = {};
  // One ladder has the id "default"; ladder ids unique.
  std::vector<Ladder> ladders = {};
  // In order; the first whose condition holds wins.
  std::vector<SegmentRule> segments = {};
  Grouping grouping = Grouping::kPerCustomer;
  // Levels one run may advance an invoice by, 1..20, when skipping is
  // allowed: the run sends the highest level due, at most this many levels
  // past the last one sent.
  int max_levels_per_run = 1;
  // When false (the default), an invoice moves one level per run whatever
  // is due: a customer evaluated after a month without runs receives the
  // next level only. When true, up to max_levels_per_run levels at once.
  bool allow_skipping_levels = false;
  // Calendar days that must separate two contacts with one customer,
  // 0..365; 0 = no cap.
  int min_days_between_contacts = 0;
  // The minimum number of calendar days between two levels sent for one
  // invoice, 0..365: after a pause ends (a broken promise, an expired
  // block), the call, the letter and the formal notice do not go out on
  // consecutive days. A level's own min_days_since_previous applies when
  // larger.
  int min_days_between_levels = 5;
  // An invoice paid late keeps a claim (interest and fixed compensation
  // still owed, PenaltyAssessment::penalties_outstanding). When true, such
  // claims are dunned through the ladder like an open invoice; when false
  // they are only reported.
  bool dun_late_payment_claims = false;
  // Send a thank-you after full payment of a dunned invoice.
  bool thank_you_after_payment = false;
  // The thank-you template; only with thank_you_after_payment.
  std::string thank_you_template = {};
  // The payment terms of an invoice that gives neither a due date nor
  // terms, in relance's notation (relance/terms.hpp: "30D"): an EN 16931
  // e-invoice may give neither (relance/einvoice.hpp, EInvoiceFactOptions).
  // In France the law's default is 30 days after delivery (Code de
  // commerce L441-10 I). Empty: none, and such an invoice is an error.
  std::string default_terms = {};

  // Errors: kInvalidArgument `policy: <path>: <what>`, the path as in JSON
  // (`levels[2].offset_days`, `ladders.fast[0].id`, `segments[1].ladder`):
  // a bad or missing id or version, an empty ladder, a duplicate level id,
  // decreasing offsets, values out of range, a task flag cleared on a phone
  // level, min_days_since_previous on a first level, an invalid fee,
  // negative amounts, two minimums in one currency, no "default" ladder, a
  // ladder no segment uses, a segment naming an unknown ladder, a duplicate
  // segment, thank_you_template without thank_you_after_payment,
  // default_terms that PaymentTerms::Parse refuses, both a
  // preset and a rule, penalties_assume_last_rate without a preset, an
  // invalid penalty rule (`policy: penalties.rule: ...`),
  // min_days_between_levels outside 0..365. kNotFound for an unknown
  // penalty preset.
  [[nodiscard]] absl::Status Validate() const;
};

// The ladder chosen for a customer, and why.
struct RELANCE_API LadderChoice {
  const Ladder* ladder = nullptr;
  // The segment rule that chose it; nullptr: no rule matched (the default
  // ladder).
  const SegmentRule* segment = nullptr;
  // The segment was given explicitly (not matched on history).
  bool explicit_segment = false;
};

// How a policy's penalties are compiled.
struct RELANCE_API PolicyPenaltyOptions {
  // The reference rates a preset, or a rule read from the policy's JSON,
  // reads: the built-in series, or a host's (e.g. LoadRatesDirectory,
  // relance/rate_series.hpp, which extends them).
  ReferenceRates rates = ReferenceRates::Builtin();
  // Sets InterestRule::assume_last_rate on the compiled rule (every regime),
  // whatever the policy says: penalties beyond a series' last known date use
  // its last rate, flagged.
  bool assume_last_rate = false;
};

class RELANCE_API Policy {
 public:
  // Validates and compiles `spec` (see PolicySpec::Validate for errors), its
  // penalties with the reference rates and options of `penalty_options`.
  [[nodiscard]] static absl::StatusOr<Policy> Create(
      PolicySpec spec, const PolicyPenaltyOptions& penalty_options = {});

  // Reads the JSON of docs/policy.md, then as Create; a contractual rule
  // (`"penalties": {"rule": {...}}`) reads its series from
  // `penalty_options.rates`. Errors: kInvalidArgument `policy: <path>:
  // <what>` for invalid JSON, unknown keys, wrong types, missing required
  // keys and everything Validate rejects; kNotFound for an unknown currency
  // code, penalty preset or rate series (still with the path).
  [[nodiscard]] static absl::StatusOr<Policy> FromJson(
      std::string_view json_text,
      const PolicyPenaltyOptions& penalty_options = {});

  // Reads the file at `path` (a regular file of at most 16 MiB), then as
  // FromJson. Every error message starts with the path:
  // `<path>: policy: levels[0].id: ...`; kInvalidArgument when the file
  // cannot be read.
  [[nodiscard]] static absl::StatusOr<Policy> FromFile(
      const std::string& path,
      const PolicyPenaltyOptions& penalty_options = {});

  const PolicySpec& spec() const { return impl_->spec; }
  const std::string& id() const { return spec().id; }
  int version() const { return spec().version; }
  const std::string& name() const { return spec().name; }
  Grouping grouping() const { return spec().grouping; }
  int max_levels_per_run() const { return spec().max_levels_per_run; }
  bool allow_skipping_levels() const { return spec().allow_skipping_levels; }
  int min_days_between_contacts() const {
    return spec().min_days_between_contacts;
  }
  int min_days_between_levels() const { return spec().min_days_between_levels; }
  bool dun_late_payment_claims() const {
    return spec().dun_late_payment_claims;
  }
  bool thank_you_after_payment() const {
    return spec().thank_you_after_payment;
  }
  const std::string& thank_you_template() const {
    return spec().thank_you_template;
  }
  const std::string& default_terms() const { return spec().default_terms; }
  const std::vector<Ladder>& ladders() const { return spec().ladders; }
  const std::vector<SegmentRule>& segments() const { return spec().segments; }

  // "standard-fr v1".
  std::string Label() const;

  // The customer-level threshold in `currency`; zero when none is set.
  Money MinimumDunningAmount(Currency currency) const;
  // The invoice-level threshold in `currency`; zero when none is set.
  Money MinimumInvoiceAmount(Currency currency) const;

  // The id of the penalty rule ("fr-b2b", or a contractual rule's id; "" =
  // none) and the rule as compiled (with the reference rates and options
  // given to Create), none when the policy claims no penalties.
  const std::string& penalty_rule_id() const;
  const std::optional<PenaltyRule>& penalty_rule() const {
    return impl_->penalty_rule;
  }
  // The same, compiled for Assess.
  const std::optional<CompiledPenaltyRule>& compiled_penalty_rule() const {
    return impl_->compiled_penalty_rule;
  }

  // The ladder "default".
  const Ladder& default_ladder() const {
    return spec().ladders[impl_->default_ladder_index];
  }
  // Errors: kNotFound naming the policy and listing its ladders.
  [[nodiscard]] absl::StatusOr<const Ladder*> FindLadder(
      std::string_view id) const;

  // The ladder for a customer:
  //   1. `segment` non-empty (assigned explicitly, by an event): that
  //      segment's ladder, whatever the history says;
  //   2. otherwise the first segment rule, in policy order, that has at
  //      least one condition and whose conditions all hold for `history`;
  //   3. otherwise the default ladder.
  // The pointers returned point into this policy's shared state and live as
  // long as any copy of it.
  // Errors: kNotFound for a non-empty `segment` the policy does not declare.
  [[nodiscard]] absl::StatusOr<LadderChoice> ChooseLadder(
      std::string_view segment, const CustomerHistory& history) const;
  // ChooseLadder's ladder only.
  [[nodiscard]] absl::StatusOr<const Ladder*> LadderFor(
      std::string_view segment, const CustomerHistory& history) const;

  // A text table of the policy for people (`relance policy check`): its
  // settings, each ladder with one row per level (number, id, offset,
  // channel, template, fee, flags), and the segment rules.
  std::string LadderTable() const;

  // The same for programs (`relance policy check --json`): one JSON object
  // with `policy` (id), `version`, `name` (null when none), `penalties`
  // (the penalty rule's id or null), `minimum_dunning_amounts` and
  // `minimum_invoice_amounts` (lists of "15.00 EUR"), `grouping`,
  // `max_levels_per_run`, `allow_skipping_levels`,
  // `min_days_between_contacts`, `thank_you_after_payment`,
  // `thank_you_template` (or null), `ladders` (each `id` and `levels`: each
  // `number` from 1, `id`, `offset_days`, `channel`, `template`, `task`,
  // `fee` (as the table writes it, or null), `minimum_amount`,
  // `min_days_since_previous`, `payment_deadline_days`, `block_account`,
  // `statement_of_account`), `segments` (each `segment`, `when` as text,
  // `ladder`), `min_days_between_levels`, `dun_late_payment_claims` and
  // `penalty_rule` (null, or `source` "preset" or "contract", `id`, `name`,
  // `citation`, `interest` (the rate as text: "ecb-mro + 10.00%",
  // "15.00%", "none"), `settlement`, `assume_last_rate`) and
  // `default_terms` (or null). Indented by two
  // spaces, keys in this order; new keys may be added at the end.
  std::string SummaryJson() const;

 private:
  // The "penalties" row of LadderTable.
  std::string PenaltiesText() const;

  struct Impl {
    PolicySpec spec;
    std::optional<PenaltyRule> penalty_rule;
    std::optional<CompiledPenaltyRule> compiled_penalty_rule;
    size_t default_ladder_index = 0;  // into spec.ladders
  };
  explicit Policy(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

  std::shared_ptr<const Impl> impl_;
};

}  // namespace relance

#endif  // RELANCE_POLICY_HPP_
