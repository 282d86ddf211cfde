#include "relance/policy.hpp"

#include <algorithm>
#include <cstddef>
#include <set>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "relance/internal/enum_names.hpp"
#include "relance/internal/file_reader.hpp"
#include "relance/internal/json_reader.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/jurisdiction.hpp"
#include "relance/terms.hpp"

namespace relance {
namespace {

using internal::Json;

constexpr internal::EnumName<Channel> kChannelNames[] = {
    {Channel::kEmail, "email"},
    {Channel::kLetter, "letter"},
    {Channel::kRegisteredLetter, "registered_letter"},
    {Channel::kPhoneTask, "phone"},
    {Channel::kSms, "sms"},
    {Channel::kAgencyHandoff, "agency_handoff"},
    {Channel::kLegal, "legal"},
};

constexpr internal::EnumName<Grouping> kGroupingNames[] = {
    {Grouping::kPerCustomer, "per_customer"},
    {Grouping::kPerInvoice, "per_invoice"},
};

constexpr int kMinOffsetDays = -365;
constexpr int kMaxOffsetDays = 3650;
constexpr int kMaxLevelsPerRun = 20;
constexpr size_t kMaxIdLength = 64;

constexpr std::string_view kDefaultLadder = "default";

absl::Status Invalid(std::string_view path, std::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat("policy: ", std::string(path), ": ", std::string(message)));
}

// The message of `status` without a leading "<subject>: ".
std::string WithoutSubject(const absl::Status& status,
                           std::string_view subject) {
  std::string_view message(status.message().data(), status.message().size());
  const std::string prefix = absl::StrCat(std::string(subject), ": ");
  if (message.substr(0, prefix.size()) == prefix) {
    message.remove_prefix(prefix.size());
  }
  return std::string(message);
}

// An empty string when `id` is a valid identifier, otherwise why not.
std::string IdentifierProblem(std::string_view id) {
  if (id.empty()) return "must not be empty";
  if (id.size() > kMaxIdLength) {
    return absl::StrCat(internal::QuoteForMessage(id), " is longer than ",
                        kMaxIdLength, " characters");
  }
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) {
      return absl::StrCat(internal::QuoteForMessage(id),
                          ": use only letters, digits, '_' and '-'");
    }
  }
  return "";
}

absl::Status CheckIdentifier(std::string_view path, std::string_view id) {
  const std::string problem = IdentifierProblem(id);
  if (problem.empty()) return absl::OkStatus();
  return Invalid(path, problem);
}

absl::Status CheckRange(std::string_view path, int value, int low, int high) {
  if (value >= low && value <= high) return absl::OkStatus();
  return Invalid(path, absl::StrCat(value, " is outside ", low, "..", high));
}

// "levels" for the default ladder, "ladders.<id>" for the others.
std::string LadderPath(const Ladder& ladder) {
  if (ladder.id == kDefaultLadder) return "levels";
  return absl::StrCat("ladders.", ladder.id);
}

// The JSON name of a list of per-currency minimums: `key` for one amount
// (written as a string), `key[i]` otherwise.
std::string MinimumPath(std::string_view key, size_t count, size_t i) {
  if (count == 1) return std::string(key);
  return absl::StrCat(std::string(key), "[", i, "]");
}

absl::Status CheckMinimums(std::string_view key,
                           const std::vector<Money>& amounts) {
  for (size_t i = 0; i < amounts.size(); ++i) {
    const std::string path = MinimumPath(key, amounts.size(), i);
    if (amounts[i].IsNegative()) {
      return Invalid(path, absl::StrCat(amounts[i].ToString(), " is negative"));
    }
    for (size_t j = 0; j < i; ++j) {
      if (amounts[j].currency() == amounts[i].currency()) {
        return Invalid(path, absl::StrCat("a second minimum in ",
                                          amounts[i].currency().ToString(),
                                          " (give at most one per currency)"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status CheckLevel(const std::string& path, const DunningLevel& level,
                        bool first) {
  RELANCE_RETURN_IF_ERROR(CheckIdentifier(absl::StrCat(path, ".id"), level.id));
  RELANCE_RETURN_IF_ERROR(CheckRange(absl::StrCat(path, ".offset_days"),
                                     level.offset_days, kMinOffsetDays,
                                     kMaxOffsetDays));
  if (level.channel == Channel::kPhoneTask && !level.task) {
    return Invalid(absl::StrCat(path, ".task"),
                   "a phone call is always a task for a person (omit "
                   "\"task\" or set it to true)");
  }
  if (level.fee) {
    const absl::Status fee = level.fee->Validate();
    if (!fee.ok()) {
      return Invalid(absl::StrCat(path, ".fee"),
                     WithoutSubject(fee, "dunning fee"));
    }
  }
  if (level.minimum_amount && level.minimum_amount->IsNegative()) {
    return Invalid(
        absl::StrCat(path, ".minimum_amount"),
        absl::StrCat(level.minimum_amount->ToString(), " is negative"));
  }
  const std::string since_path = absl::StrCat(path, ".min_days_since_previous");
  RELANCE_RETURN_IF_ERROR(
      CheckRange(since_path, level.min_days_since_previous, 0, kMaxOffsetDays));
  if (first && level.min_days_since_previous != 0) {
    return Invalid(since_path, "the first level has no previous level");
  }
  if (level.payment_deadline_days) {
    RELANCE_RETURN_IF_ERROR(
        CheckRange(absl::StrCat(path, ".payment_deadline_days"),
                   *level.payment_deadline_days, 1, 365));
  }
  return absl::OkStatus();
}

absl::Status CheckLadder(const Ladder& ladder) {
  const std::string path = LadderPath(ladder);
  if (ladder.id != kDefaultLadder) {
    RELANCE_RETURN_IF_ERROR(CheckIdentifier(path, ladder.id));
  }
  if (ladder.levels.empty()) {
    return Invalid(path, "a ladder needs at least one level");
  }
  for (size_t i = 0; i < ladder.levels.size(); ++i) {
    const DunningLevel& level = ladder.levels[i];
    const std::string level_path = absl::StrCat(path, "[", i, "]");
    RELANCE_RETURN_IF_ERROR(CheckLevel(level_path, level, i == 0));
    for (size_t j = 0; j < i; ++j) {
      if (ladder.levels[j].id == level.id) {
        return Invalid(absl::StrCat(level_path, ".id"),
                       absl::StrCat("\"", level.id, "\" is already the id of ",
                                    path, "[", j, "]"));
      }
    }
    if (i > 0 && level.offset_days < ladder.levels[i - 1].offset_days) {
      return Invalid(
          absl::StrCat(level_path, ".offset_days"),
          absl::StrCat(level.offset_days, " is before the previous level's ",
                       ladder.levels[i - 1].offset_days,
                       " (levels go in escalation order)"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckSegment(const std::string& path, const SegmentRule& rule) {
  RELANCE_RETURN_IF_ERROR(
      CheckIdentifier(absl::StrCat(path, ".segment"), rule.segment));
  const SegmentCondition& when = rule.when;
  if (when.average_days_late_over) {
    RELANCE_RETURN_IF_ERROR(CheckRange(
        absl::StrCat(path, ".when.average_days_late_over"),
        *when.average_days_late_over, -kMaxOffsetDays, kMaxOffsetDays));
  }
  if (when.broken_promises_at_least) {
    RELANCE_RETURN_IF_ERROR(
        CheckRange(absl::StrCat(path, ".when.broken_promises_at_least"),
                   *when.broken_promises_at_least, 1, 1000));
  }
  if (when.amount_overdue_over && when.amount_overdue_over->IsNegative()) {
    return Invalid(
        absl::StrCat(path, ".when.amount_overdue_over"),
        absl::StrCat(when.amount_overdue_over->ToString(), " is negative"));
  }
  return absl::OkStatus();
}

// `status` (from a nested reader whose messages start with `subject: `)
// placed at `path` of the policy: `policy: <path>.<inner path>: <what>` when
// the nested message starts with a path, `policy: <path>: <message>`
// otherwise.
absl::Status Nested(std::string_view path, std::string_view subject,
                    const absl::Status& status) {
  const std::string message = WithoutSubject(status, subject);
  const size_t colon = message.find(": ");
  const std::string_view head = std::string_view(message).substr(
      0, colon == std::string::npos ? 0 : colon);
  const bool is_path =
      !head.empty() && head.find_first_of(" \"") == std::string_view::npos;
  return absl::Status(
      status.code(),
      is_path ? absl::StrCat("policy: ", std::string(path), ".", message)
              : absl::StrCat("policy: ", std::string(path), ": ", message));
}

// The penalty rule `spec` claims, as compiled with `penalty_options`; none
// when it claims none.
absl::StatusOr<std::optional<PenaltyRule>> CompilePenalties(
    const PolicySpec& spec, const PolicyPenaltyOptions& penalty_options) {
  if (!spec.penalties.empty() && spec.penalty_rule.has_value()) {
    return Invalid("penalties", "give a preset id or a rule, not both");
  }
  if (spec.penalties_assume_last_rate && spec.penalties.empty()) {
    return Invalid("penalties.assume_last_rate",
                   "goes with a preset (a rule says it in its own "
                   "\"assume_last_rate\")");
  }
  std::optional<PenaltyRule> rule;
  if (!spec.penalties.empty()) {
    absl::StatusOr<PenaltyRule> preset =
        PenaltyPreset(spec.penalties, penalty_options.rates);
    if (!preset.ok()) {
      return absl::Status(
          preset.status().code(),
          absl::StrCat("policy: penalties: ", preset.status().message()));
    }
    rule = *std::move(preset);
  } else if (spec.penalty_rule.has_value()) {
    const absl::Status valid = spec.penalty_rule->Validate();
    if (!valid.ok()) {
      return absl::Status(valid.code(), absl::StrCat("policy: penalties.rule: ",
                                                     valid.message()));
    }
    rule = spec.penalty_rule;
  } else {
    return rule;
  }
  if (penalty_options.assume_last_rate || spec.penalties_assume_last_rate) {
    rule->interest.assume_last_rate = true;
    for (PenaltyRegime& regime : rule->earlier_regimes) {
      regime.interest.assume_last_rate = true;
    }
  }
  return rule;
}

// Validates `spec`; compiles its penalties into `penalty_rule` when given.
absl::Status ValidateSpec(const PolicySpec& spec,
                          std::optional<PenaltyRule>* penalty_rule,
                          const PolicyPenaltyOptions& penalty_options = {}) {
  RELANCE_RETURN_IF_ERROR(CheckIdentifier("id", spec.id));
  if (spec.version < 1) {
    return Invalid("version",
                   absl::StrCat(spec.version, " is not a version (>= 1)"));
  }
  RELANCE_RETURN_IF_ERROR(
      CheckMinimums("minimum_dunning_amount", spec.minimum_dunning_amounts));
  RELANCE_RETURN_IF_ERROR(
      CheckMinimums("minimum_invoice_amount", spec.minimum_invoice_amounts));
  {
    RELANCE_ASSIGN_OR_RETURN(std::optional<PenaltyRule> rule,
                             CompilePenalties(spec, penalty_options));
    if (penalty_rule != nullptr) *penalty_rule = std::move(rule);
  }

  bool has_default = false;
  for (size_t i = 0; i < spec.ladders.size(); ++i) {
    const Ladder& ladder = spec.ladders[i];
    has_default = has_default || ladder.id == kDefaultLadder;
    for (size_t j = 0; j < i; ++j) {
      if (spec.ladders[j].id == ladder.id) {
        return Invalid(LadderPath(ladder), "a second ladder with this id");
      }
    }
    RELANCE_RETURN_IF_ERROR(CheckLadder(ladder));
  }
  if (!has_default) {
    return Invalid("levels", "required (the default ladder, id \"default\")");
  }

  for (size_t i = 0; i < spec.segments.size(); ++i) {
    const SegmentRule& rule = spec.segments[i];
    const std::string path = absl::StrCat("segments[", i, "]");
    RELANCE_RETURN_IF_ERROR(CheckSegment(path, rule));
    for (size_t j = 0; j < i; ++j) {
      if (spec.segments[j].segment == rule.segment) {
        return Invalid(absl::StrCat(path, ".segment"),
                       absl::StrCat("\"", rule.segment,
                                    "\" is already segments[", j, "]"));
      }
    }
    const bool known = std::any_of(
        spec.ladders.begin(), spec.ladders.end(),
        [&](const Ladder& ladder) { return ladder.id == rule.ladder; });
    if (!known) {
      std::vector<std::string> ids;
      for (const Ladder& ladder : spec.ladders) ids.push_back(ladder.id);
      return Invalid(
          absl::StrCat(path, ".ladder"),
          absl::StrCat("unknown ladder \"", rule.ladder,
                       "\" (ladders: ", absl::StrJoin(ids, ", "), ")"));
    }
  }
  for (const Ladder& ladder : spec.ladders) {
    if (ladder.id == kDefaultLadder) continue;
    const bool used = std::any_of(
        spec.segments.begin(), spec.segments.end(),
        [&](const SegmentRule& rule) { return rule.ladder == ladder.id; });
    if (!used) {
      return Invalid(LadderPath(ladder),
                     "no segment uses this ladder (add a segment whose "
                     "\"ladder\" names it)");
    }
  }

  RELANCE_RETURN_IF_ERROR(CheckRange(
      "max_levels_per_run", spec.max_levels_per_run, 1, kMaxLevelsPerRun));
  RELANCE_RETURN_IF_ERROR(CheckRange("min_days_between_contacts",
                                     spec.min_days_between_contacts, 0, 365));
  RELANCE_RETURN_IF_ERROR(CheckRange("min_days_between_levels",
                                     spec.min_days_between_levels, 0, 365));
  if (!spec.thank_you_template.empty() && !spec.thank_you_after_payment) {
    return Invalid("thank_you_template",
                   "goes with \"thank_you_after_payment\": true only");
  }
  if (!spec.default_terms.empty()) {
    const absl::StatusOr<PaymentTerms> terms =
        PaymentTerms::Parse(spec.default_terms);
    if (!terms.ok()) {
      return Invalid("default_terms", std::string(terms.status().message()));
    }
  }
  return absl::OkStatus();
}

Money MinimumIn(const std::vector<Money>& amounts, Currency currency) {
  for (const Money& amount : amounts) {
    if (amount.currency() == currency) return amount;
  }
  return Money::Zero(currency);
}

bool Holds(const SegmentCondition& when, const CustomerHistory& history) {
  if (when.empty()) return false;  // chosen explicitly only
  if (when.average_days_late_over &&
      !(history.average_days_late > *when.average_days_late_over)) {
    return false;
  }
  if (when.broken_promises_at_least &&
      !(history.broken_promises >= *when.broken_promises_at_least)) {
    return false;
  }
  if (when.amount_overdue_over) {
    if (!history.amount_overdue ||
        !(history.amount_overdue->currency() ==
          when.amount_overdue_over->currency()) ||
        history.amount_overdue->minor_units() <=
            when.amount_overdue_over->minor_units()) {
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------
// JSON

class PolicyJsonReader {
 public:
  explicit PolicyJsonReader(const ReferenceRates& rates)
      : reader_("policy"), rates_(rates) {}

  absl::StatusOr<PolicySpec> Read(std::string_view text) const {
    RELANCE_ASSIGN_OR_RETURN(Json document, reader_.Parse(text));
    if (!document.is_object()) {
      return reader_.WrongType("", "a JSON object", document);
    }
    RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
        "", document,
        {"id", "version", "name", "minimum_dunning_amount",
         "minimum_invoice_amount", "penalties", "levels", "ladders", "segments",
         "grouping", "max_levels_per_run", "allow_skipping_levels",
         "min_days_between_contacts", "min_days_between_levels",
         "dun_late_payment_claims", "thank_you_after_payment",
         "thank_you_template", "default_terms"}));
    for (const char* key : {"id", "version", "levels"}) {
      if (!document.contains(key)) return reader_.Invalid(key, "required");
    }
    PolicySpec spec;
    RELANCE_ASSIGN_OR_RETURN(spec.id, reader_.GetString("id", document["id"]));
    RELANCE_ASSIGN_OR_RETURN(spec.version,
                             reader_.GetInt("version", document["version"]));
    if (document.contains("name")) {
      RELANCE_ASSIGN_OR_RETURN(spec.name,
                               reader_.GetString("name", document["name"]));
    }
    for (const char* key :
         {"minimum_dunning_amount", "minimum_invoice_amount"}) {
      if (!document.contains(key)) continue;
      RELANCE_ASSIGN_OR_RETURN(
          (std::string_view(key) == "minimum_dunning_amount"
               ? spec.minimum_dunning_amounts
               : spec.minimum_invoice_amounts),
          ReadMinimums(key, document[key]));
    }
    if (document.contains("penalties")) {
      RELANCE_RETURN_IF_ERROR(ReadPenalties(document["penalties"], spec));
    }
    RELANCE_ASSIGN_OR_RETURN(
        Ladder main, ReadLadder("levels", kDefaultLadder, document["levels"]));
    spec.ladders.push_back(std::move(main));
    if (document.contains("ladders")) {
      const Json& ladders = document["ladders"];
      if (!ladders.is_object()) {
        return reader_.WrongType("ladders", "an object", ladders);
      }
      for (auto it = ladders.begin(); it != ladders.end(); ++it) {
        const std::string path = absl::StrCat("ladders.", it.key());
        if (it.key() == kDefaultLadder) {
          return reader_.Invalid(
              path,
              "\"default\" is the top-level \"levels\"; name this "
              "ladder otherwise");
        }
        RELANCE_ASSIGN_OR_RETURN(Ladder ladder,
                                 ReadLadder(path, it.key(), it.value()));
        spec.ladders.push_back(std::move(ladder));
      }
    }
    if (document.contains("segments")) {
      RELANCE_ASSIGN_OR_RETURN(spec.segments,
                               ReadSegments(document["segments"]));
    }
    if (document.contains("grouping")) {
      RELANCE_ASSIGN_OR_RETURN(
          spec.grouping,
          reader_.GetParsed("grouping", document["grouping"], ParseGrouping));
    }
    for (auto [key, field] : {
             std::pair{"max_levels_per_run", &spec.max_levels_per_run},
             std::pair{"min_days_between_contacts",
                       &spec.min_days_between_contacts},
             std::pair{"min_days_between_levels",
                       &spec.min_days_between_levels},
         }) {
      if (!document.contains(key)) continue;
      RELANCE_ASSIGN_OR_RETURN(*field, reader_.GetInt(key, document[key]));
    }
    for (auto [key, field] : {
             std::pair{"allow_skipping_levels", &spec.allow_skipping_levels},
             std::pair{"thank_you_after_payment",
                       &spec.thank_you_after_payment},
             std::pair{"dun_late_payment_claims",
                       &spec.dun_late_payment_claims},
         }) {
      if (!document.contains(key)) continue;
      RELANCE_ASSIGN_OR_RETURN(*field, reader_.GetBool(key, document[key]));
    }
    if (document.contains("thank_you_template")) {
      RELANCE_ASSIGN_OR_RETURN(
          spec.thank_you_template,
          reader_.GetString("thank_you_template",
                            document["thank_you_template"]));
      if (spec.thank_you_template.empty()) {
        return reader_.Invalid("thank_you_template",
                               "give a template id or omit the key");
      }
    }
    if (document.contains("default_terms")) {
      RELANCE_ASSIGN_OR_RETURN(
          spec.default_terms,
          reader_.GetString("default_terms", document["default_terms"]));
      if (spec.default_terms.empty()) {
        return reader_.Invalid("default_terms",
                               "give terms (\"30D\") or omit the key");
      }
    }
    return spec;
  }

 private:
  // "fr-b2b", {"preset": "fr-b2b", "assume_last_rate": true} or
  // {"rule": {...}} (the rule JSON of PenaltyRuleFromJson).
  absl::Status ReadPenalties(const Json& value, PolicySpec& spec) const {
    if (value.is_string()) {
      RELANCE_ASSIGN_OR_RETURN(spec.penalties,
                               reader_.GetString("penalties", value));
      if (spec.penalties.empty()) {
        return reader_.Invalid("penalties",
                               "give a preset id (\"fr-b2b\") or omit the key");
      }
      return absl::OkStatus();
    }
    if (!value.is_object()) {
      return reader_.WrongType(
          "penalties", "a preset id or an object with \"preset\" or \"rule\"",
          value);
    }
    RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
        "penalties", value, {"preset", "assume_last_rate", "rule"}));
    if (value.contains("preset") == value.contains("rule")) {
      return reader_.Invalid("penalties",
                             "give exactly one of \"preset\" or \"rule\"");
    }
    if (value.contains("rule")) {
      if (value.contains("assume_last_rate")) {
        return reader_.Invalid("penalties.assume_last_rate",
                               "goes with \"preset\"; a rule says it in its "
                               "own \"assume_last_rate\"");
      }
      const Json& rule = value["rule"];
      if (!rule.is_object()) {
        return reader_.WrongType("penalties.rule", "a penalty rule object",
                                 rule);
      }
      absl::StatusOr<PenaltyRule> parsed =
          PenaltyRuleFromJson(rule.dump(), rates_);
      if (!parsed.ok()) {
        return Nested("penalties.rule", "penalty rule", parsed.status());
      }
      spec.penalty_rule = *std::move(parsed);
      return absl::OkStatus();
    }
    RELANCE_ASSIGN_OR_RETURN(
        spec.penalties, reader_.GetString("penalties.preset", value["preset"]));
    if (spec.penalties.empty()) {
      return reader_.Invalid("penalties.preset",
                             "give a preset id (\"fr-b2b\")");
    }
    if (value.contains("assume_last_rate")) {
      RELANCE_ASSIGN_OR_RETURN(spec.penalties_assume_last_rate,
                               reader_.GetBool("penalties.assume_last_rate",
                                               value["assume_last_rate"]));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<Money> ReadMoney(const std::string& path,
                                  const Json& value) const {
    return reader_.GetParsed(
        path, value, [](std::string_view text) { return Money::Parse(text); });
  }

  // "15.00 EUR" or ["15.00 EUR", "12.00 GBP"].
  absl::StatusOr<std::vector<Money>> ReadMinimums(const std::string& path,
                                                  const Json& value) const {
    std::vector<Money> amounts;
    if (value.is_string()) {
      RELANCE_ASSIGN_OR_RETURN(Money amount, ReadMoney(path, value));
      amounts.push_back(amount);
      return amounts;
    }
    if (!value.is_array()) {
      return reader_.WrongType(path, "a string or an array of strings", value);
    }
    if (value.empty()) {
      return reader_.Invalid(path, "an empty list (omit the key instead)");
    }
    for (size_t i = 0; i < value.size(); ++i) {
      RELANCE_ASSIGN_OR_RETURN(
          Money amount, ReadMoney(absl::StrCat(path, "[", i, "]"), value[i]));
      amounts.push_back(amount);
    }
    return amounts;
  }

  absl::StatusOr<Ladder> ReadLadder(const std::string& path,
                                    std::string_view id,
                                    const Json& value) const {
    if (!value.is_array()) {
      return reader_.WrongType(path, "an array of levels", value);
    }
    Ladder ladder{.id = std::string(id)};
    for (size_t i = 0; i < value.size(); ++i) {
      RELANCE_ASSIGN_OR_RETURN(
          DunningLevel level,
          ReadLevel(absl::StrCat(path, "[", i, "]"), value[i]));
      ladder.levels.push_back(std::move(level));
    }
    return ladder;
  }

  absl::StatusOr<DunningLevel> ReadLevel(const std::string& path,
                                         const Json& value) const {
    if (!value.is_object()) {
      return reader_.WrongType(path, "an object", value);
    }
    RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
        path, value,
        {"id", "offset_days", "channel", "template", "task", "fee",
         "minimum_amount", "min_days_since_previous", "payment_deadline_days",
         "block_account", "statement_of_account"}));
    for (const char* key : {"id", "offset_days", "channel"}) {
      if (!value.contains(key)) {
        return reader_.Invalid(absl::StrCat(path, ".", key), "required");
      }
    }
    const auto at = [&](std::string_view key) {
      return absl::StrCat(path, ".", std::string(key));
    };
    DunningLevel level;
    RELANCE_ASSIGN_OR_RETURN(level.id,
                             reader_.GetString(at("id"), value["id"]));
    RELANCE_ASSIGN_OR_RETURN(
        level.offset_days,
        reader_.GetInt(at("offset_days"), value["offset_days"]));
    RELANCE_ASSIGN_OR_RETURN(
        level.channel,
        reader_.GetParsed(at("channel"), value["channel"], ParseChannel));
    if (value.contains("template")) {
      RELANCE_ASSIGN_OR_RETURN(
          level.template_id,
          reader_.GetString(at("template"), value["template"]));
      if (level.template_id.empty()) {
        return reader_.Invalid(at("template"),
                               "give a template id or omit the key");
      }
    }
    level.task = level.channel == Channel::kPhoneTask;
    if (value.contains("task")) {
      RELANCE_ASSIGN_OR_RETURN(level.task,
                               reader_.GetBool(at("task"), value["task"]));
    }
    if (value.contains("fee")) {
      RELANCE_ASSIGN_OR_RETURN(level.fee, ReadFee(at("fee"), value["fee"]));
    }
    if (value.contains("minimum_amount")) {
      RELANCE_ASSIGN_OR_RETURN(
          level.minimum_amount,
          ReadMoney(at("minimum_amount"), value["minimum_amount"]));
    }
    if (value.contains("min_days_since_previous")) {
      RELANCE_ASSIGN_OR_RETURN(
          level.min_days_since_previous,
          reader_.GetInt(at("min_days_since_previous"),
                         value["min_days_since_previous"]));
    }
    if (value.contains("payment_deadline_days")) {
      RELANCE_ASSIGN_OR_RETURN(level.payment_deadline_days,
                               reader_.GetInt(at("payment_deadline_days"),
                                              value["payment_deadline_days"]));
    }
    if (value.contains("block_account")) {
      RELANCE_ASSIGN_OR_RETURN(
          level.block_account,
          reader_.GetBool(at("block_account"), value["block_account"]));
    }
    if (value.contains("statement_of_account")) {
      RELANCE_ASSIGN_OR_RETURN(level.statement_of_account,
                               reader_.GetBool(at("statement_of_account"),
                                               value["statement_of_account"]));
    }
    return level;
  }

  // "10.00 EUR" (a fixed fee) or a DunningFee object.
  absl::StatusOr<DunningFee> ReadFee(const std::string& path,
                                     const Json& value) const {
    if (value.is_string()) {
      RELANCE_ASSIGN_OR_RETURN(Money amount, ReadMoney(path, value));
      return DunningFee{.kind = DunningFee::Kind::kFixed, .fixed = amount};
    }
    if (!value.is_object()) {
      return reader_.WrongType(path, "an amount string or a fee object", value);
    }
    absl::StatusOr<DunningFee> fee = DunningFee::FromJson(value.dump());
    if (!fee.ok()) {
      return reader_.AtPath(
          path, absl::Status(fee.status().code(),
                             WithoutSubject(fee.status(), "dunning fee")));
    }
    return fee;
  }

  absl::StatusOr<std::vector<SegmentRule>> ReadSegments(
      const Json& value) const {
    if (!value.is_array()) {
      return reader_.WrongType("segments", "an array", value);
    }
    std::vector<SegmentRule> rules;
    for (size_t i = 0; i < value.size(); ++i) {
      const std::string path = absl::StrCat("segments[", i, "]");
      const Json& item = value[i];
      if (!item.is_object()) return reader_.WrongType(path, "an object", item);
      RELANCE_RETURN_IF_ERROR(
          reader_.CheckKeys(path, item, {"segment", "when", "ladder"}));
      for (const char* key : {"segment", "ladder"}) {
        if (!item.contains(key)) {
          return reader_.Invalid(absl::StrCat(path, ".", key), "required");
        }
      }
      SegmentRule rule;
      RELANCE_ASSIGN_OR_RETURN(
          rule.segment,
          reader_.GetString(absl::StrCat(path, ".segment"), item["segment"]));
      RELANCE_ASSIGN_OR_RETURN(
          rule.ladder,
          reader_.GetString(absl::StrCat(path, ".ladder"), item["ladder"]));
      if (item.contains("when")) {
        RELANCE_ASSIGN_OR_RETURN(
            rule.when,
            ReadCondition(absl::StrCat(path, ".when"), item["when"]));
      }
      rules.push_back(std::move(rule));
    }
    return rules;
  }

  absl::StatusOr<SegmentCondition> ReadCondition(const std::string& path,
                                                 const Json& value) const {
    if (!value.is_object()) return reader_.WrongType(path, "an object", value);
    RELANCE_RETURN_IF_ERROR(
        reader_.CheckKeys(path, value,
                          {"average_days_late_over", "broken_promises_at_least",
                           "amount_overdue_over"}));
    if (value.empty()) {
      return reader_.Invalid(path,
                             "give at least one condition, or omit \"when\" "
                             "for a segment assigned by events only");
    }
    SegmentCondition when;
    if (value.contains("average_days_late_over")) {
      RELANCE_ASSIGN_OR_RETURN(
          when.average_days_late_over,
          reader_.GetInt(absl::StrCat(path, ".average_days_late_over"),
                         value["average_days_late_over"]));
    }
    if (value.contains("broken_promises_at_least")) {
      RELANCE_ASSIGN_OR_RETURN(
          when.broken_promises_at_least,
          reader_.GetInt(absl::StrCat(path, ".broken_promises_at_least"),
                         value["broken_promises_at_least"]));
    }
    if (value.contains("amount_overdue_over")) {
      RELANCE_ASSIGN_OR_RETURN(
          when.amount_overdue_over,
          ReadMoney(absl::StrCat(path, ".amount_overdue_over"),
                    value["amount_overdue_over"]));
    }
    return when;
  }

  internal::JsonReader reader_;
  const ReferenceRates& rates_;
};

// ---------------------------------------------------------------------------
// Text

std::string Offset(int days) {
  return days < 0 ? absl::StrCat("D", days) : absl::StrCat("D+", days);
}

std::string FeeText(const std::optional<DunningFee>& fee) {
  if (!fee) return "-";
  switch (fee->kind) {
    case DunningFee::Kind::kFixed:
      return fee->fixed ? fee->fixed->ToString() : "-";
    case DunningFee::Kind::kPercent: {
      std::string text = fee->percent.ToString();
      if (fee->minimum)
        absl::StrAppend(&text, " min ", fee->minimum->ToString());
      if (fee->maximum)
        absl::StrAppend(&text, " max ", fee->maximum->ToString());
      return text;
    }
    case DunningFee::Kind::kTiered:
      return absl::StrCat(fee->tiers.size(), " tiers");
  }
  return "-";
}

std::string Flags(const DunningLevel& level) {
  std::vector<std::string> flags;
  if (level.task) flags.emplace_back("task");
  if (level.block_account) flags.emplace_back("blocks account");
  if (level.statement_of_account) flags.emplace_back("statement of account");
  if (level.payment_deadline_days) {
    flags.push_back(
        absl::StrCat("deadline +", *level.payment_deadline_days, "d"));
  }
  if (level.min_days_since_previous > 0) {
    flags.push_back(
        absl::StrCat(">= ", level.min_days_since_previous, "d after previous"));
  }
  if (level.minimum_amount) {
    flags.push_back(absl::StrCat("min ", level.minimum_amount->ToString()));
  }
  return flags.empty() ? "-" : absl::StrJoin(flags, ", ");
}

// The rate of an interest rule, for people: "ecb-mro + 10.00%", "15.00%",
// "1.50% per month", "none".
std::string InterestText(const InterestRule& interest) {
  switch (interest.basis) {
    case InterestRule::Basis::kNone:
      return "none";
    case InterestRule::Basis::kFixedAnnual:
      return interest.rate.ToString();
    case InterestRule::Basis::kMonthly:
      return absl::StrCat(interest.rate.ToString(), " per month");
    case InterestRule::Basis::kReferencePlusMargin:
      return absl::StrCat(
          interest.reference == nullptr ? "?" : interest.reference->id(), " + ",
          interest.rate.ToString());
  }
  return "none";
}

// Rows of cells, left-aligned in columns two spaces apart.
std::string Columns(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const std::vector<std::string>& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  std::string text;
  for (const std::vector<std::string>& row : rows) {
    std::string line = "  ";
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line.append(widths[i] - row[i].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    absl::StrAppend(&text, line, "\n");
  }
  return text;
}

std::string Amounts(const std::vector<Money>& amounts) {
  if (amounts.empty()) return "none";
  std::vector<std::string> texts;
  for (const Money& amount : amounts) texts.push_back(amount.ToString());
  return absl::StrJoin(texts, ", ");
}

}  // namespace

std::string ToString(Channel channel) {
  return std::string(internal::NameOf(kChannelNames, channel));
}

std::ostream& operator<<(std::ostream& os, Channel channel) {
  return os << ToString(channel);
}

absl::StatusOr<Channel> ParseChannel(std::string_view text) {
  return internal::ParseName(kChannelNames, text, "channel");
}

std::string ToString(Grouping grouping) {
  return std::string(internal::NameOf(kGroupingNames, grouping));
}

std::ostream& operator<<(std::ostream& os, Grouping grouping) {
  return os << ToString(grouping);
}

absl::StatusOr<Grouping> ParseGrouping(std::string_view text) {
  return internal::ParseName(kGroupingNames, text, "grouping");
}

std::string ToString(const SegmentCondition& condition) {
  std::vector<std::string> parts;
  if (condition.average_days_late_over) {
    parts.push_back(absl::StrCat("average days late > ",
                                 *condition.average_days_late_over));
  }
  if (condition.broken_promises_at_least) {
    parts.push_back(absl::StrCat("broken promises >= ",
                                 *condition.broken_promises_at_least));
  }
  if (condition.amount_overdue_over) {
    parts.push_back(absl::StrCat("amount overdue > ",
                                 condition.amount_overdue_over->ToString()));
  }
  if (parts.empty()) return "explicit only";
  return absl::StrJoin(parts, " and ");
}

absl::Status PolicySpec::Validate() const {
  return ValidateSpec(*this, nullptr);
}

absl::StatusOr<Policy> Policy::Create(
    PolicySpec spec, const PolicyPenaltyOptions& penalty_options) {
  auto impl = std::make_shared<Impl>();
  RELANCE_RETURN_IF_ERROR(
      ValidateSpec(spec, &impl->penalty_rule, penalty_options));
  if (impl->penalty_rule.has_value()) {
    absl::StatusOr<CompiledPenaltyRule> compiled =
        CompiledPenaltyRule::Compile(*impl->penalty_rule);
    if (!compiled.ok()) {
      return absl::Status(
          compiled.status().code(),
          absl::StrCat("policy: penalties: ", compiled.status().message()));
    }
    impl->compiled_penalty_rule = *std::move(compiled);
  }
  impl->spec = std::move(spec);
  for (size_t i = 0; i < impl->spec.ladders.size(); ++i) {
    if (impl->spec.ladders[i].id == kDefaultLadder) {
      impl->default_ladder_index = i;
    }
  }
  return Policy(std::move(impl));
}

absl::StatusOr<Policy> Policy::FromJson(
    std::string_view json_text, const PolicyPenaltyOptions& penalty_options) {
  RELANCE_ASSIGN_OR_RETURN(
      PolicySpec spec, PolicyJsonReader(penalty_options.rates).Read(json_text));
  return Create(std::move(spec), penalty_options);
}

absl::StatusOr<Policy> Policy::FromFile(
    const std::string& path, const PolicyPenaltyOptions& penalty_options) {
  return internal::ParseConfigFile(path, [&](std::string_view text) {
    return FromJson(text, penalty_options);
  });
}

const std::string& Policy::penalty_rule_id() const {
  // Without a rule, spec().penalties is "".
  return impl_->penalty_rule.has_value() ? impl_->penalty_rule->id
                                         : impl_->spec.penalties;
}

std::string Policy::Label() const {
  return absl::StrCat(spec().id, " v", spec().version);
}

Money Policy::MinimumDunningAmount(Currency currency) const {
  return MinimumIn(spec().minimum_dunning_amounts, currency);
}

Money Policy::MinimumInvoiceAmount(Currency currency) const {
  return MinimumIn(spec().minimum_invoice_amounts, currency);
}

absl::StatusOr<const Ladder*> Policy::FindLadder(std::string_view id) const {
  std::vector<std::string> ids;
  for (const Ladder& ladder : spec().ladders) {
    if (ladder.id == id) return &ladder;
    ids.push_back(ladder.id);
  }
  return absl::NotFoundError(absl::StrCat(
      "policy ", Label(), ": unknown ladder ", internal::QuoteForMessage(id),
      " (ladders: ", absl::StrJoin(ids, ", "), ")"));
}

absl::StatusOr<LadderChoice> Policy::ChooseLadder(
    std::string_view segment, const CustomerHistory& history) const {
  const SegmentRule* chosen = nullptr;
  if (!segment.empty()) {
    std::vector<std::string> names;
    for (const SegmentRule& rule : spec().segments) {
      if (rule.segment == segment) chosen = &rule;
      names.push_back(rule.segment);
    }
    if (chosen == nullptr) {
      return absl::NotFoundError(absl::StrCat(
          "policy ", Label(), ": unknown segment ",
          internal::QuoteForMessage(segment), " (segments: ",
          names.empty() ? "none" : absl::StrJoin(names, ", "), ")"));
    }
  } else {
    for (const SegmentRule& rule : spec().segments) {
      if (Holds(rule.when, history)) {
        chosen = &rule;
        break;
      }
    }
  }
  if (chosen == nullptr) {
    return LadderChoice{.ladder = &default_ladder()};
  }
  RELANCE_ASSIGN_OR_RETURN(const Ladder* ladder, FindLadder(chosen->ladder));
  return LadderChoice{.ladder = ladder,
                      .segment = chosen,
                      .explicit_segment = !segment.empty()};
}

absl::StatusOr<const Ladder*> Policy::LadderFor(
    std::string_view segment, const CustomerHistory& history) const {
  RELANCE_ASSIGN_OR_RETURN(LadderChoice choice, ChooseLadder(segment, history));
  return choice.ladder;
}

std::string Policy::SummaryJson() const {
  using Ordered = nlohmann::ordered_json;
  const auto text_or_null = [](const std::string& text) {
    return text.empty() ? Ordered(nullptr) : Ordered(text);
  };
  const auto amounts = [](const std::vector<Money>& list) {
    Ordered json = Ordered::array();
    for (const Money& amount : list) json.push_back(amount.ToString());
    return json;
  };
  Ordered ladders = Ordered::array();
  for (const Ladder& ladder : spec().ladders) {
    Ordered levels = Ordered::array();
    for (size_t i = 0; i < ladder.levels.size(); ++i) {
      const DunningLevel& level = ladder.levels[i];
      levels.push_back(
          {{"number", i + 1},
           {"id", level.id},
           {"offset_days", level.offset_days},
           {"channel", ToString(level.channel)},
           {"template", text_or_null(level.template_id)},
           {"task", level.task},
           {"fee", level.fee ? Ordered(FeeText(level.fee)) : Ordered(nullptr)},
           {"minimum_amount", level.minimum_amount
                                  ? Ordered(level.minimum_amount->ToString())
                                  : Ordered(nullptr)},
           {"min_days_since_previous", level.min_days_since_previous},
           {"payment_deadline_days", level.payment_deadline_days
                                         ? Ordered(*level.payment_deadline_days)
                                         : Ordered(nullptr)},
           {"block_account", level.block_account},
           {"statement_of_account", level.statement_of_account}});
    }
    ladders.push_back({{"id", ladder.id}, {"levels", levels}});
  }
  Ordered penalty_rule = nullptr;
  if (const std::optional<PenaltyRule>& rule = impl_->penalty_rule) {
    penalty_rule = {
        {"source", spec().penalties.empty() ? "contract" : "preset"},
        {"id", rule->id},
        {"name", text_or_null(rule->name)},
        {"citation", text_or_null(rule->citation)},
        {"interest", InterestText(rule->interest)},
        {"settlement", ToString(rule->interest.settlement)},
        {"assume_last_rate", rule->interest.assume_last_rate}};
  }
  Ordered segments = Ordered::array();
  for (const SegmentRule& rule : spec().segments) {
    segments.push_back({{"segment", rule.segment},
                        {"when", ToString(rule.when)},
                        {"ladder", rule.ladder}});
  }
  const Ordered json = {
      {"policy", spec().id},
      {"version", spec().version},
      {"name", text_or_null(spec().name)},
      {"penalties", text_or_null(penalty_rule_id())},
      {"minimum_dunning_amounts", amounts(spec().minimum_dunning_amounts)},
      {"minimum_invoice_amounts", amounts(spec().minimum_invoice_amounts)},
      {"grouping", ToString(spec().grouping)},
      {"max_levels_per_run", spec().max_levels_per_run},
      {"allow_skipping_levels", spec().allow_skipping_levels},
      {"min_days_between_contacts", spec().min_days_between_contacts},
      {"thank_you_after_payment", spec().thank_you_after_payment},
      {"thank_you_template", text_or_null(spec().thank_you_template)},
      {"ladders", ladders},
      {"segments", segments},
      {"min_days_between_levels", spec().min_days_between_levels},
      {"dun_late_payment_claims", spec().dun_late_payment_claims},
      {"penalty_rule", penalty_rule},
      {"default_terms", text_or_null(spec().default_terms)}};
  // Replacement of invalid UTF-8 rather than an exception: names and
  // templates are whatever the file held.
  return json.dump(2, ' ', false, Ordered::error_handler_t::replace);
}

// "fr-b2b", "fr-b2b (assumes the last known rate)", "contract-2026
// (contract: ecb-mro + 8.00%, principal-first)", "none".
std::string Policy::PenaltiesText() const {
  const std::optional<PenaltyRule>& rule = impl_->penalty_rule;
  if (!rule.has_value()) return "none";
  std::string text = rule->id;
  if (spec().penalties.empty()) {
    absl::StrAppend(&text, " (contract: ", InterestText(rule->interest), ", ",
                    std::string(ToString(rule->interest.settlement)), ")");
  }
  if (rule->interest.assume_last_rate) {
    absl::StrAppend(&text, " (assumes the last known rate)");
  }
  return text;
}

std::string Policy::LadderTable() const {
  std::string text = absl::StrCat("policy ", Label());
  if (!spec().name.empty()) absl::StrAppend(&text, " \"", spec().name, "\"");
  absl::StrAppend(&text, "\n");
  std::string thank_you = spec().thank_you_after_payment ? "yes" : "no";
  if (!spec().thank_you_template.empty()) {
    absl::StrAppend(&thank_you, " (", spec().thank_you_template, ")");
  }
  absl::StrAppend(
      &text,
      Columns({
          {"penalties", PenaltiesText()},
          {"minimum per customer", Amounts(spec().minimum_dunning_amounts)},
          {"minimum per invoice", Amounts(spec().minimum_invoice_amounts)},
          {"grouping", ToString(spec().grouping)},
          {"levels per run",
           absl::StrCat(spec().max_levels_per_run, spec().allow_skipping_levels
                                                       ? " (may skip levels)"
                                                       : " (no skipping)")},
          {"days between contacts",
           spec().min_days_between_contacts == 0
               ? std::string("no cap")
               : absl::StrCat(spec().min_days_between_contacts)},
          {"days between levels", absl::StrCat(spec().min_days_between_levels)},
          {"late-payment claims",
           spec().dun_late_payment_claims ? "dunned" : "reported only"},
          {"thank-you", thank_you},
      }));
  for (const Ladder& ladder : spec().ladders) {
    absl::StrAppend(&text, "\nladder ", ladder.id, "\n");
    std::vector<std::vector<std::string>> rows = {
        {"#", "level", "offset", "channel", "template", "fee", "flags"}};
    for (size_t i = 0; i < ladder.levels.size(); ++i) {
      const DunningLevel& level = ladder.levels[i];
      rows.push_back({absl::StrCat(i + 1), level.id, Offset(level.offset_days),
                      ToString(level.channel),
                      level.template_id.empty() ? "-" : level.template_id,
                      FeeText(level.fee), Flags(level)});
    }
    absl::StrAppend(&text, Columns(rows));
  }
  if (!spec().segments.empty()) {
    absl::StrAppend(&text, "\nsegments (first match wins)\n");
    std::vector<std::vector<std::string>> rows = {
        {"segment", "when", "ladder"}};
    for (const SegmentRule& rule : spec().segments) {
      rows.push_back({rule.segment, ToString(rule.when), rule.ladder});
    }
    absl::StrAppend(&text, Columns(rows));
  }
  return text;
}

}  // namespace relance
