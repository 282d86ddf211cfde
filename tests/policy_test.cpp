#include "relance/policy.hpp"

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "example_files.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "status_matchers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::IsOkAndHolds;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

Money M(const char* text) { return *Money::Parse(text); }
Currency C(const char* code) { return *Currency::FromCode(code); }

std::string ReadExample(const std::string& name) {
  const std::string text =
      ::relance::testing::ReadExampleFile("policies/" + name);
  EXPECT_FALSE(text.empty()) << name;
  return text;
}

std::optional<Policy> LoadExample(const std::string& name) {
  absl::StatusOr<Policy> policy = Policy::FromJson(ReadExample(name));
  EXPECT_THAT(policy, IsOk()) << name;
  if (!policy.ok()) return std::nullopt;
  return *policy;
}

constexpr const char* kTwoLevels =
    R"([{"id": "r1", "offset_days": 1, "channel": "email"},
        {"id": "r2", "offset_days": 15, "channel": "letter"}])";

// A valid policy with `levels` and the top-level members in `extra`.
std::string Doc(const std::string& extra = "",
                const std::string& levels = kTwoLevels) {
  return absl::StrCat(R"({"id": "p", "version": 1, "levels": )", levels,
                      extra.empty() ? "" : ", ", extra, "}");
}

// A policy whose default ladder is the one level `level` after "r1".
std::string WithLevel(const std::string& level) {
  return Doc("", absl::StrCat(
                     R"([{"id": "r1", "offset_days": 1, "channel": "email"}, )",
                     level, "]"));
}

TEST(Channel, NamesRoundTrip) {
  for (Channel channel :
       {Channel::kEmail, Channel::kLetter, Channel::kRegisteredLetter,
        Channel::kPhoneTask, Channel::kSms, Channel::kAgencyHandoff,
        Channel::kLegal}) {
    EXPECT_THAT(ParseChannel(ToString(channel)), IsOkAndHolds(channel));
  }
  EXPECT_EQ(ToString(Channel::kPhoneTask), "phone");
  EXPECT_EQ(ToString(Channel::kRegisteredLetter), "registered_letter");
  EXPECT_THAT(ParseChannel("fax"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("channel \"fax\": expected one of email, "
                                 "letter, registered_letter, phone, sms, "
                                 "agency_handoff, legal")));
  std::ostringstream os;
  os << Channel::kAgencyHandoff << " " << Grouping::kPerInvoice;
  EXPECT_EQ(os.str(), "agency_handoff per_invoice");
  EXPECT_THAT(ParseGrouping("per_customer"),
              IsOkAndHolds(Grouping::kPerCustomer));
}

TEST(Policy, MinimalDocumentGetsDefaults) {
  absl::StatusOr<Policy> policy = Policy::FromJson(Doc());
  ASSERT_THAT(policy, IsOk());
  const Policy& p = *policy;
  EXPECT_EQ(p.id(), "p");
  EXPECT_EQ(p.version(), 1);
  EXPECT_EQ(p.Label(), "p v1");
  EXPECT_EQ(p.grouping(), Grouping::kPerCustomer);
  EXPECT_EQ(p.max_levels_per_run(), 1);
  EXPECT_FALSE(p.allow_skipping_levels());
  EXPECT_EQ(p.min_days_between_contacts(), 0);
  EXPECT_FALSE(p.thank_you_after_payment());
  EXPECT_EQ(p.penalty_rule_id(), "");
  EXPECT_FALSE(p.penalty_rule().has_value());
  EXPECT_EQ(p.MinimumDunningAmount(C("EUR")), M("0.00 EUR"));
  EXPECT_EQ(p.MinimumInvoiceAmount(C("JPY")), M("0 JPY"));
  ASSERT_EQ(p.ladders().size(), 1u);
  EXPECT_EQ(p.default_ladder().id, "default");
  ASSERT_EQ(p.default_ladder().levels.size(), 2u);
  const DunningLevel& r1 = p.default_ladder().levels[0];
  EXPECT_EQ(r1.id, "r1");
  EXPECT_EQ(r1.offset_days, 1);
  EXPECT_EQ(r1.channel, Channel::kEmail);
  EXPECT_EQ(r1.template_id, "");
  EXPECT_FALSE(r1.task);
  EXPECT_FALSE(r1.fee.has_value());
  EXPECT_FALSE(r1.minimum_amount.has_value());
  EXPECT_EQ(r1.min_days_since_previous, 0);
  EXPECT_FALSE(r1.payment_deadline_days.has_value());
  EXPECT_FALSE(r1.block_account);
}

TEST(Policy, PhoneLevelIsATask) {
  absl::StatusOr<Policy> policy = Policy::FromJson(
      WithLevel(R"({"id": "call", "offset_days": 8, "channel": "phone"})"));
  ASSERT_THAT(policy, IsOk());
  EXPECT_TRUE(policy->default_ladder().levels[1].task);
}

TEST(Policy, FeeAsAmountOrObject) {
  absl::StatusOr<Policy> policy = Policy::FromJson(
      Doc("", R"([{"id": "r1", "offset_days": 1, "channel": "email",
                "fee": "10.00 EUR"},
               {"id": "r2", "offset_days": 15, "channel": "letter",
                "fee": {"percent": "1.5%", "minimum": "5.00 EUR",
                        "maximum": "50.00 EUR"}}])"));
  ASSERT_THAT(policy, IsOk());
  const Ladder& ladder = policy->default_ladder();
  ASSERT_TRUE(ladder.levels[0].fee.has_value());
  EXPECT_EQ(ladder.levels[0].fee->kind, DunningFee::Kind::kFixed);
  EXPECT_THAT(ladder.levels[0].fee->For(M("1234.56 EUR")),
              IsOkAndHolds(M("10.00 EUR")));
  ASSERT_TRUE(ladder.levels[1].fee.has_value());
  EXPECT_EQ(ladder.levels[1].fee->kind, DunningFee::Kind::kPercent);
  EXPECT_THAT(ladder.levels[1].fee->For(M("1000.00 EUR")),
              IsOkAndHolds(M("15.00 EUR")));
}

TEST(Policy, MinimumsPerCurrency) {
  absl::StatusOr<Policy> policy = Policy::FromJson(
      Doc(R"("minimum_dunning_amount": ["15.00 EUR", "12.00 GBP"],
             "minimum_invoice_amount": "2 JPY")"));
  ASSERT_THAT(policy, IsOk());
  EXPECT_EQ(policy->MinimumDunningAmount(C("EUR")), M("15.00 EUR"));
  EXPECT_EQ(policy->MinimumDunningAmount(C("GBP")), M("12.00 GBP"));
  EXPECT_EQ(policy->MinimumDunningAmount(C("USD")), M("0.00 USD"));
  EXPECT_EQ(policy->MinimumInvoiceAmount(C("JPY")), M("2 JPY"));
  EXPECT_EQ(policy->MinimumInvoiceAmount(C("EUR")), M("0.00 EUR"));
}

// The built-in rates with ecb-mro extended as a host's rates directory
// would: a hypothetical 2.40 % from 2026-06-17, known to 2026-12-31.
ReferenceRates HostRates() {
  const RateSeries ecb =
      *(*BuiltinRateSeries("ecb-mro"))
           ->Extended({{.effective_date = MakeDate(2026, 6, 17),
                        .rate = Rate::FromBasisPoints(240)}},
                      MakeDate(2026, 12, 31));
  return ReferenceRates::Builtin().With(
      std::make_shared<const RateSeries>(ecb));
}

TEST(Policy, PenaltyPresetCompiledWithTheHostsRates) {
  // A host's ECB series (a hypothetical 2.40 % from 2026-06-17) and the
  // opt-in to carry the last rate forward reach the compiled rule.
  const PolicyPenaltyOptions options{.rates = HostRates(),
                                     .assume_last_rate = true};
  absl::StatusOr<Policy> policy =
      Policy::FromJson(Doc(R"("penalties": "de-b2b")"), options);
  ASSERT_THAT(policy, IsOk());
  const PenaltyRule& rule = *policy->penalty_rule();
  EXPECT_TRUE(rule.interest.assume_last_rate);
  EXPECT_TRUE(rule.earlier_regimes.at(0).interest.assume_last_rate);
  policy = Policy::FromJson(Doc(R"("penalties": "fr-b2b")"), options);
  ASSERT_THAT(policy, IsOk());
  EXPECT_THAT(
      policy->penalty_rule()->interest.reference->RateAt(MakeDate(2026, 12, 1)),
      IsOkAndHolds(Rate::FromBasisPoints(240)));
  // Without options: the built-in series, never extrapolated.
  policy = Policy::FromJson(Doc(R"("penalties": "fr-b2b")"));
  ASSERT_THAT(policy, IsOk());
  EXPECT_FALSE(policy->penalty_rule()->interest.assume_last_rate);
}

// DOMAIN.md section 1: courtesy notice before the due date, reminder 1 right
// after, a phone call, reminder 2 at about D+15, the formal notice by LRAR at
// about three weeks, then the agency and legal action.
TEST(Policy, FrenchExample) {
  std::optional<Policy> policy = LoadExample("standard_fr.json");
  ASSERT_TRUE(policy.has_value());
  EXPECT_EQ(policy->Label(), "standard-fr v1");
  EXPECT_EQ(policy->MinimumDunningAmount(C("EUR")), M("15.00 EUR"));
  EXPECT_EQ(policy->penalty_rule_id(), "fr-b2b");
  ASSERT_TRUE(policy->penalty_rule().has_value());
  EXPECT_EQ(policy->penalty_rule()->id, "fr-b2b");
  const Ladder& ladder = policy->default_ladder();
  ASSERT_EQ(ladder.levels.size(), 7u);
  struct Expected {
    const char* id;
    int offset;
    Channel channel;
  };
  const Expected expected[] = {
      {"courtesy", -5, Channel::kEmail},
      {"reminder1", 1, Channel::kEmail},
      {"call", 8, Channel::kPhoneTask},
      {"reminder2", 15, Channel::kLetter},
      {"notice", 21, Channel::kRegisteredLetter},
      {"agency", 45, Channel::kAgencyHandoff},
      {"legal", 90, Channel::kLegal},
  };
  for (size_t i = 0; i < ladder.levels.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(ladder.levels[i].id, expected[i].id);
    EXPECT_EQ(ladder.levels[i].offset_days, expected[i].offset);
    EXPECT_EQ(ladder.levels[i].channel, expected[i].channel);
    // The EUR 40 compensation covers recovery costs: no reminder fee.
    EXPECT_FALSE(ladder.levels[i].fee.has_value());
  }
  EXPECT_TRUE(ladder.levels[2].task);
  const DunningLevel& notice = ladder.levels[4];
  EXPECT_EQ(notice.template_id, "mise_en_demeure");
  EXPECT_TRUE(notice.block_account);
  EXPECT_EQ(notice.payment_deadline_days, 8);

  // The chronic late payer gets the faster ladder.
  EXPECT_THAT(
      policy->LadderFor("", {.average_days_late = 25}),
      IsOkAndHolds(::testing::Pointee(::testing::Field(&Ladder::id, "fast"))));
  EXPECT_THAT(policy->LadderFor("", {.average_days_late = 20}),
              IsOkAndHolds(::testing::Pointee(
                  ::testing::Field(&Ladder::id, "default"))));
  // "watch" has no condition: only an event assigns it.
  EXPECT_THAT(
      policy->LadderFor("watch", {}),
      IsOkAndHolds(::testing::Pointee(::testing::Field(&Ladder::id, "fast"))));
}

TEST(Policy, UkExample) {
  std::optional<Policy> policy = LoadExample("uk_late_payment.json");
  ASSERT_TRUE(policy.has_value());
  EXPECT_EQ(policy->penalty_rule_id(), "uk-late-payment");
  EXPECT_EQ(policy->MinimumDunningAmount(C("GBP")), M("20.00 GBP"));
  EXPECT_EQ(policy->MinimumDunningAmount(C("EUR")), M("25.00 EUR"));
  EXPECT_EQ(policy->MinimumInvoiceAmount(C("GBP")), M("5.00 GBP"));
  const Ladder& ladder = policy->default_ladder();
  ASSERT_EQ(ladder.levels.size(), 6u);
  // A courtesy e-mail three days before the due date, then the ladder.
  EXPECT_EQ(ladder.levels[0].id, "courtesy");
  EXPECT_EQ(ladder.levels[0].offset_days, -3);
  EXPECT_EQ(ladder.levels[1].offset_days, 1);
  EXPECT_EQ(ladder.levels[2].offset_days, 14);
  EXPECT_EQ(ladder.levels[3].id, "final_demand");
  EXPECT_EQ(ladder.levels[3].offset_days, 28);
  EXPECT_EQ(ladder.levels[3].channel, Channel::kRegisteredLetter);
  EXPECT_EQ(ladder.levels[4].offset_days, 45);
  EXPECT_EQ(ladder.levels[4].channel, Channel::kAgencyHandoff);
  EXPECT_EQ(ladder.levels[5].offset_days, 75);
  EXPECT_EQ(ladder.levels[5].channel, Channel::kLegal);

  absl::StatusOr<LadderChoice> choice =
      policy->ChooseLadder("", {.broken_promises = 2});
  ASSERT_THAT(choice, IsOk());
  EXPECT_EQ(choice->ladder->id, "firm");
  ASSERT_NE(choice->segment, nullptr);
  EXPECT_EQ(choice->segment->segment, "broken_promises");
  EXPECT_FALSE(choice->explicit_segment);

  choice = policy->ChooseLadder("", {.amount_overdue = M("10000.01 GBP")});
  ASSERT_THAT(choice, IsOk());
  EXPECT_EQ(choice->segment->segment, "large_exposure");
  // Exactly the threshold is not over it; another currency never compares.
  choice = policy->ChooseLadder("", {.amount_overdue = M("10000.00 GBP")});
  ASSERT_THAT(choice, IsOk());
  EXPECT_EQ(choice->segment, nullptr);
  EXPECT_EQ(choice->ladder->id, "default");
  choice = policy->ChooseLadder("", {.amount_overdue = M("99999.00 EUR")});
  ASSERT_THAT(choice, IsOk());
  EXPECT_EQ(choice->segment, nullptr);
}

TEST(Policy, GentleExample) {
  std::optional<Policy> policy = LoadExample("gentle_reliable.json");
  ASSERT_TRUE(policy.has_value());
  EXPECT_TRUE(policy->thank_you_after_payment());
  EXPECT_EQ(policy->thank_you_template(), "merci");
  EXPECT_EQ(policy->max_levels_per_run(), 1);
  EXPECT_EQ(policy->min_days_between_contacts(), 10);
  EXPECT_FALSE(policy->penalty_rule().has_value());
  const Ladder& ladder = policy->default_ladder();
  ASSERT_GE(ladder.levels.size(), 2u);
  // A longer cadence than the French standard: reminder 1 a week late.
  EXPECT_EQ(ladder.levels[1].offset_days, 7);
  EXPECT_EQ(policy->default_terms(), "");  // none given
}

// The French standard gives the law's default terms, 30 days (Code de
// commerce L441-10 I), for invoices that give neither a due date nor terms.
TEST(Policy, DefaultTerms) {
  std::optional<Policy> standard = LoadExample("standard_fr.json");
  ASSERT_TRUE(standard.has_value());
  EXPECT_EQ(standard->default_terms(), "30D");
  absl::StatusOr<Policy> policy =
      Policy::FromJson(Doc(R"("default_terms": "net 30")"));
  ASSERT_THAT(policy, IsOk());
  EXPECT_EQ(policy->default_terms(), "net 30");
}

TEST(Policy, LadderChoiceRules) {
  // Rules in order, first match wins; all conditions of a rule must hold;
  // an explicit segment wins over the rules.
  absl::StatusOr<Policy> policy = Policy::FromJson(Doc(
      R"("ladders": {"a": [{"id": "x", "offset_days": 1, "channel": "sms"}],
                     "b": [{"id": "x", "offset_days": 2, "channel": "sms"}]},
         "segments": [
           {"segment": "both", "ladder": "a",
            "when": {"average_days_late_over": 10,
                     "broken_promises_at_least": 1}},
           {"segment": "late", "ladder": "b",
            "when": {"average_days_late_over": 10}},
           {"segment": "vip", "ladder": "default"}])"));
  ASSERT_THAT(policy, IsOk());
  const Policy& p = *policy;
  auto ladder_of = [&](std::string_view segment, CustomerHistory history) {
    absl::StatusOr<const Ladder*> ladder = p.LadderFor(segment, history);
    return ladder.ok() ? (*ladder)->id : std::string(ladder.status().message());
  };
  EXPECT_EQ(ladder_of("", {.average_days_late = 11, .broken_promises = 1}),
            "a");
  EXPECT_EQ(ladder_of("", {.average_days_late = 11}), "b");
  EXPECT_EQ(ladder_of("", {.average_days_late = 10, .broken_promises = 5}),
            "default");
  EXPECT_EQ(ladder_of("vip", {.average_days_late = 50, .broken_promises = 5}),
            "default");
  EXPECT_EQ(ladder_of("late", {}), "b");
  absl::StatusOr<LadderChoice> choice = p.ChooseLadder("late", {});
  ASSERT_THAT(choice, IsOk());
  EXPECT_TRUE(choice->explicit_segment);
  EXPECT_THAT(p.LadderFor("unknown", {}),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("policy p v1: unknown segment \"unknown\" "
                                 "(segments: both, late, vip)")));
  EXPECT_THAT(p.FindLadder("b"), IsOk());
  EXPECT_THAT(p.FindLadder("c"),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("unknown ladder \"c\" (ladders: default, a, "
                                 "b)")));
  EXPECT_EQ(ToString(p.segments()[0].when),
            "average days late > 10 and broken promises >= 1");
  EXPECT_EQ(ToString(p.segments()[2].when), "explicit only");
}

TEST(Policy, UnknownSegmentWithoutSegments) {
  absl::StatusOr<Policy> policy = Policy::FromJson(Doc());
  ASSERT_THAT(policy, IsOk());
  EXPECT_THAT(
      policy->LadderFor("x", {}),
      StatusIs(absl::StatusCode::kNotFound, HasSubstr("(segments: none)")));
  EXPECT_THAT(policy->LadderFor("", {.average_days_late = 99}),
              IsOkAndHolds(policy->ladders().data()));
}

TEST(Policy, CreateFromSpecAndModifyAsNewVersion) {
  std::optional<Policy> policy = LoadExample("standard_fr.json");
  ASSERT_TRUE(policy.has_value());
  PolicySpec spec = policy->spec();
  spec.version = 2;
  spec.ladders[0].levels[4].payment_deadline_days = 15;
  absl::StatusOr<Policy> v2 = Policy::Create(std::move(spec));
  ASSERT_THAT(v2, IsOk());
  EXPECT_EQ(v2->Label(), "standard-fr v2");
  EXPECT_EQ(v2->default_ladder().levels[4].payment_deadline_days, 15);
  // The original is untouched.
  EXPECT_EQ(policy->default_ladder().levels[4].payment_deadline_days, 8);

  PolicySpec built{.id = "built",
                   .version = 3,
                   .ladders = {{.id = "default",
                                .levels = {{.id = "call",
                                            .offset_days = 2,
                                            .channel = Channel::kPhoneTask,
                                            .task = true}}}}};
  EXPECT_THAT(built.Validate(), IsOk());
  EXPECT_THAT(Policy::Create(built), IsOk());
}

TEST(Policy, SpecErrors) {
  const PolicySpec valid{
      .id = "s",
      .version = 1,
      .ladders = {
          {.id = "default", .levels = {{.id = "r1", .offset_days = 1}}}}};
  ASSERT_THAT(valid.Validate(), IsOk());

  PolicySpec spec = valid;
  spec.ladders[0].id = "main";
  spec.segments = {{.segment = "s", .ladder = "main"}};
  EXPECT_THAT(Policy::Create(spec),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: levels: required (the default "
                                 "ladder")));

  spec = valid;
  spec.ladders.push_back(spec.ladders[0]);
  EXPECT_THAT(spec.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: levels: a second ladder")));

  spec = valid;
  spec.id = "";
  EXPECT_THAT(spec.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: id: must not be empty")));

  spec = valid;
  spec.ladders[0].levels[0].channel = Channel::kPhoneTask;
  EXPECT_THAT(spec.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("levels[0].task: a phone call is always a "
                                 "task")));

  spec = valid;
  spec.ladders[0].levels[0].fee = DunningFee{.kind = DunningFee::Kind::kFixed};
  EXPECT_THAT(spec.Validate(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: levels[0].fee: a fixed fee needs a "
                                 "non-negative amount")));
}

struct ErrorCase {
  std::string json;
  absl::StatusCode code;
  std::string fragment;
};

void PrintTo(const ErrorCase& error, std::ostream* os) { *os << error.json; }

class PolicyErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(PolicyErrors, NamesThePath) {
  const ErrorCase& error = GetParam();
  EXPECT_THAT(Policy::FromJson(error.json),
              StatusIs(error.code, HasSubstr(error.fragment)));
}

constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr absl::StatusCode kNotFound = absl::StatusCode::kNotFound;

INSTANTIATE_TEST_SUITE_P(
    Document, PolicyErrors,
    ::testing::Values(
        ErrorCase{"{", kInvalid, "policy: invalid JSON"},
        ErrorCase{"[]", kInvalid, "policy: expected a JSON object, got array"},
        ErrorCase{R"({"id": "p", "id": "q", "version": 1, "levels": []})",
                  kInvalid, "key \"id\" appears twice"},
        ErrorCase{Doc(R"("currency_rules": {})"), kInvalid,
                  "policy: unknown key \"currency_rules\""},
        ErrorCase{R"({"version": 1, "levels": []})", kInvalid,
                  "policy: id: required"},
        ErrorCase{R"({"id": "p", "levels": []})", kInvalid,
                  "policy: version: required"},
        ErrorCase{R"({"id": "p", "version": 1})", kInvalid,
                  "policy: levels: required"},
        ErrorCase{R"({"id": 7, "version": 1, "levels": []})", kInvalid,
                  "policy: id: expected a string, got integer"},
        ErrorCase{R"({"id": "p q", "version": 1, "levels": [
                   {"id": "r1", "offset_days": 1, "channel": "email"}]})",
                  kInvalid,
                  "policy: id: \"p q\": use only letters, digits, '_' and "
                  "'-'"},
        ErrorCase{absl::StrCat(R"({"id": ")", std::string(65, 'x'),
                               R"(", "version": 1, "levels": [
                   {"id": "r1", "offset_days": 1, "channel": "email"}]})"),
                  kInvalid, "is longer than 64 characters"},
        ErrorCase{R"({"id": "p", "version": "1", "levels": []})", kInvalid,
                  "policy: version: expected an integer, got string"},
        ErrorCase{R"({"id": "p", "version": 0, "levels": [
                   {"id": "r1", "offset_days": 1, "channel": "email"}]})",
                  kInvalid, "policy: version: 0 is not a version (>= 1)"},
        ErrorCase{Doc(R"("name": 3)"), kInvalid,
                  "policy: name: expected a string, got integer"},
        ErrorCase{Doc(R"("grouping": "per_region")"), kInvalid,
                  "policy: grouping: grouping \"per_region\": expected one of "
                  "per_customer, per_invoice"},
        ErrorCase{Doc(R"("grouping": 1)"), kInvalid,
                  "policy: grouping: expected a string, got integer"},
        ErrorCase{Doc(R"("max_levels_per_run": 0)"), kInvalid,
                  "policy: max_levels_per_run: 0 is outside 1..20"},
        ErrorCase{Doc(R"("max_levels_per_run": 21)"), kInvalid,
                  "policy: max_levels_per_run: 21 is outside 1..20"},
        ErrorCase{Doc(R"("max_levels_per_run": 1.5)"), kInvalid,
                  "policy: max_levels_per_run: expected an integer, got "
                  "number"},
        ErrorCase{Doc(R"("min_days_between_contacts": -1)"), kInvalid,
                  "policy: min_days_between_contacts: -1 is outside 0..365"},
        ErrorCase{Doc(R"("min_days_between_contacts": 366)"), kInvalid,
                  "policy: min_days_between_contacts: 366 is outside 0..365"},
        ErrorCase{Doc(R"("allow_skipping_levels": "yes")"), kInvalid,
                  "policy: allow_skipping_levels: expected true or false, "
                  "got string"},
        ErrorCase{Doc(R"("thank_you_after_payment": 1)"), kInvalid,
                  "policy: thank_you_after_payment: expected true or false"},
        ErrorCase{Doc(R"("thank_you_template": "merci")"), kInvalid,
                  "policy: thank_you_template: goes with "
                  "\"thank_you_after_payment\": true only"},
        ErrorCase{Doc(R"("thank_you_after_payment": true,
                         "thank_you_template": "")"),
                  kInvalid, "policy: thank_you_template: give a template id"},
        ErrorCase{Doc(R"("thank_you_template": 2)"), kInvalid,
                  "policy: thank_you_template: expected a string"},
        ErrorCase{Doc(R"("default_terms": "")"), kInvalid,
                  "policy: default_terms: give terms (\"30D\") or omit"},
        ErrorCase{Doc(R"("default_terms": "thirty days")"), kInvalid,
                  "policy: default_terms: "},
        ErrorCase{Doc(R"("default_terms": 30)"), kInvalid,
                  "policy: default_terms: expected a string"}));

INSTANTIATE_TEST_SUITE_P(
    Amounts, PolicyErrors,
    ::testing::Values(
        ErrorCase{Doc(R"("minimum_dunning_amount": 15)"), kInvalid,
                  "policy: minimum_dunning_amount: expected a string or an "
                  "array of strings, got integer"},
        ErrorCase{Doc(R"("minimum_dunning_amount": [])"), kInvalid,
                  "policy: minimum_dunning_amount: an empty list"},
        ErrorCase{Doc(R"("minimum_dunning_amount": ["15.00 EUR", 3])"),
                  kInvalid,
                  "policy: minimum_dunning_amount[1]: expected a string, got "
                  "integer"},
        ErrorCase{Doc(R"("minimum_dunning_amount": "15.001 EUR")"), kInvalid,
                  "policy: minimum_dunning_amount: "},
        ErrorCase{Doc(R"("minimum_dunning_amount": "15.00 ABC")"), kInvalid,
                  "policy: minimum_dunning_amount: "},
        ErrorCase{Doc(R"("minimum_dunning_amount": "-1.00 EUR")"), kInvalid,
                  "policy: minimum_dunning_amount: -1.00 EUR is negative"},
        ErrorCase{Doc(R"("minimum_dunning_amount":
                         ["15.00 EUR", "10.00 GBP", "20.00 EUR"])"),
                  kInvalid,
                  "policy: minimum_dunning_amount[2]: a second minimum in EUR "
                  "(give at most one per currency)"},
        ErrorCase{Doc(R"("minimum_invoice_amount": ["1.00 EUR", "2.00 EUR"])"),
                  kInvalid,
                  "policy: minimum_invoice_amount[1]: a second minimum in "
                  "EUR"},
        ErrorCase{Doc(R"("minimum_invoice_amount": ["1.00 EUR", "-2.00 GBP"])"),
                  kInvalid,
                  "policy: minimum_invoice_amount[1]: -2.00 GBP is negative"},
        ErrorCase{Doc(R"("penalties": "fr-b2c")"), kNotFound,
                  "policy: penalties: penalty rule \"fr-b2c\": unknown "
                  "preset"},
        ErrorCase{Doc(R"("penalties": "")"), kInvalid,
                  "policy: penalties: give a preset id"},
        ErrorCase{Doc(R"("penalties": ["fr-b2b"])"), kInvalid,
                  "policy: penalties: expected a preset id or an object with "
                  "\"preset\" or \"rule\", got array"}));

INSTANTIATE_TEST_SUITE_P(
    Levels, PolicyErrors,
    ::testing::Values(
        ErrorCase{Doc("", R"({"id": "r1"})"), kInvalid,
                  "policy: levels: expected an array of levels, got object"},
        ErrorCase{Doc("", "[]"), kInvalid,
                  "policy: levels: a ladder needs at least one level"},
        ErrorCase{Doc("", "[1]"), kInvalid,
                  "policy: levels[0]: expected an object, got integer"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "email", "delay": 3})"),
                  kInvalid, "policy: levels[1]: unknown key \"delay\""},
        ErrorCase{WithLevel(R"({"offset_days": 2, "channel": "email"})"),
                  kInvalid, "policy: levels[1].id: required"},
        ErrorCase{WithLevel(R"({"id": "r2", "channel": "email"})"), kInvalid,
                  "policy: levels[1].offset_days: required"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2})"), kInvalid,
                  "policy: levels[1].channel: required"},
        ErrorCase{WithLevel(R"({"id": 2, "offset_days": 2,
                                "channel": "email"})"),
                  kInvalid, "policy: levels[1].id: expected a string"},
        ErrorCase{WithLevel(R"({"id": "", "offset_days": 2,
                                "channel": "email"})"),
                  kInvalid, "policy: levels[1].id: must not be empty"},
        ErrorCase{WithLevel(R"({"id": "r 2", "offset_days": 2,
                                "channel": "email"})"),
                  kInvalid, "policy: levels[1].id: \"r 2\": use only"},
        ErrorCase{
            Doc("", R"([{"id": "r1", "offset_days": 1, "channel": "email"},
                              {"id": "r2", "offset_days": 2, "channel": "email"},
                              {"id": "r3", "offset_days": "8",
                               "channel": "email"}])"),
            kInvalid,
            "policy: levels[2].offset_days: expected an integer, got "
            "string"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 3651,
                                "channel": "email"})"),
                  kInvalid,
                  "policy: levels[1].offset_days: 3651 is outside "
                  "-365..3650"},
        ErrorCase{Doc("", R"([{"id": "r1", "offset_days": -366,
                               "channel": "email"}])"),
                  kInvalid,
                  "policy: levels[0].offset_days: -366 is outside -365..3650"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 0,
                                "channel": "email"})"),
                  kInvalid,
                  "policy: levels[1].offset_days: 0 is before the previous "
                  "level's 1 (levels go in escalation order)"},
        ErrorCase{WithLevel(R"({"id": "r1", "offset_days": 2,
                                "channel": "email"})"),
                  kInvalid,
                  "policy: levels[1].id: \"r1\" is already the id of "
                  "levels[0]"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "fax"})"),
                  kInvalid,
                  "policy: levels[1].channel: channel \"fax\": expected one "
                  "of email, letter"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": 1})"),
                  kInvalid,
                  "policy: levels[1].channel: expected a string, got "
                  "integer"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "email", "template": ""})"),
                  kInvalid, "policy: levels[1].template: give a template id"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "email", "template": 5})"),
                  kInvalid, "policy: levels[1].template: expected a string"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "phone", "task": false})"),
                  kInvalid,
                  "policy: levels[1].task: a phone call is always a task for "
                  "a person"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "email", "task": "yes"})"),
                  kInvalid,
                  "policy: levels[1].task: expected true or false, got "
                  "string"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "email", "block_account": 1})"),
                  kInvalid,
                  "policy: levels[1].block_account: expected true or false"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "email", "minimum_amount": 10})"),
                  kInvalid,
                  "policy: levels[1].minimum_amount: expected a string, got "
                  "integer"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "email",
                                "minimum_amount": "-5.00 EUR"})"),
                  kInvalid,
                  "policy: levels[1].minimum_amount: -5.00 EUR is negative"},
        ErrorCase{Doc("", R"([{"id": "r1", "offset_days": 1,
                               "channel": "email",
                               "min_days_since_previous": 3}])"),
                  kInvalid,
                  "policy: levels[0].min_days_since_previous: the first level "
                  "has no previous level"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "email",
                                "min_days_since_previous": -1})"),
                  kInvalid,
                  "policy: levels[1].min_days_since_previous: -1 is outside "
                  "0..3650"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "email",
                                "min_days_since_previous": "3"})"),
                  kInvalid,
                  "policy: levels[1].min_days_since_previous: expected an "
                  "integer"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "email",
                                "payment_deadline_days": 0})"),
                  kInvalid,
                  "policy: levels[1].payment_deadline_days: 0 is outside "
                  "1..365"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "email",
                                "payment_deadline_days": true})"),
                  kInvalid,
                  "policy: levels[1].payment_deadline_days: expected an "
                  "integer, got boolean"}));

INSTANTIATE_TEST_SUITE_P(
    Fees, PolicyErrors,
    ::testing::Values(
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "letter", "fee": 10})"),
                  kInvalid,
                  "policy: levels[1].fee: expected an amount string or a fee "
                  "object, got integer"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "letter", "fee": "10 euros"})"),
                  kInvalid, "policy: levels[1].fee: "},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "letter", "fee": "-10.00 EUR"})"),
                  kInvalid,
                  "policy: levels[1].fee: a fixed fee needs a non-negative "
                  "amount"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "letter",
                                "fee": {"percent": "2"}})"),
                  kInvalid, "policy: levels[1].fee: percent: "},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "letter",
                                "fee": {"percent": "101%"}})"),
                  kInvalid,
                  "policy: levels[1].fee: percentage 101.00% is outside "
                  "0%..100%"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "letter",
                                "fee": {"fixed": "5.00 EUR",
                                        "minimum": "1.00 EUR"}})"),
                  kInvalid,
                  "policy: levels[1].fee: minimum: goes with \"percent\" "
                  "only"},
        ErrorCase{WithLevel(R"({"id": "r2", "offset_days": 2,
                                "channel": "letter",
                                "fee": {"flat": "5.00 EUR"}})"),
                  kInvalid, "policy: levels[1].fee: unknown key \"flat\""}));

INSTANTIATE_TEST_SUITE_P(
    LaddersAndSegments, PolicyErrors,
    ::testing::Values(
        ErrorCase{Doc(R"("ladders": [])"), kInvalid,
                  "policy: ladders: expected an object, got array"},
        ErrorCase{Doc(R"("ladders": {"default": []})"), kInvalid,
                  "policy: ladders.default: \"default\" is the top-level "
                  "\"levels\""},
        ErrorCase{Doc(R"("ladders": {"fast": {}})"), kInvalid,
                  "policy: ladders.fast: expected an array of levels, got "
                  "object"},
        ErrorCase{Doc(R"("ladders": {"fast": []},
                         "segments": [{"segment": "s", "ladder": "fast"}])"),
                  kInvalid,
                  "policy: ladders.fast: a ladder needs at least one level"},
        ErrorCase{Doc(R"("ladders": {"fa st": [
                           {"id": "x", "offset_days": 1, "channel": "sms"}]},
                         "segments": [{"segment": "s", "ladder": "fa st"}])"),
                  kInvalid, "policy: ladders.fa st: \"fa st\": use only"},
        ErrorCase{Doc(R"("ladders": {"fast": [
                           {"id": "x", "offset_days": 1, "channel": "sms"},
                           {"id": "y", "offset_days": -1, "channel": "sms"}]},
                         "segments": [{"segment": "s", "ladder": "fast"}])"),
                  kInvalid,
                  "policy: ladders.fast[1].offset_days: -1 is before the "
                  "previous level's 1"},
        ErrorCase{Doc(R"("ladders": {"fast": [
                           {"id": "x", "offset_days": 1, "channel": "sms"}]})"),
                  kInvalid,
                  "policy: ladders.fast: no segment uses this ladder"},
        ErrorCase{Doc(R"("segments": {})"), kInvalid,
                  "policy: segments: expected an array, got object"},
        ErrorCase{Doc(R"("segments": ["chronic"])"), kInvalid,
                  "policy: segments[0]: expected an object, got string"},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": "default",
                                       "levels_from": "x"}])"),
                  kInvalid, "policy: segments[0]: unknown key \"levels_from\""},
        ErrorCase{Doc(R"("segments": [{"ladder": "default"}])"), kInvalid,
                  "policy: segments[0].segment: required"},
        ErrorCase{Doc(R"("segments": [{"segment": "s"}])"), kInvalid,
                  "policy: segments[0].ladder: required"},
        ErrorCase{Doc(R"("segments": [{"segment": 1, "ladder": "default"}])"),
                  kInvalid,
                  "policy: segments[0].segment: expected a string, got "
                  "integer"},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": 1}])"),
                  kInvalid,
                  "policy: segments[0].ladder: expected a string, got "
                  "integer"},
        ErrorCase{
            Doc(R"("segments": [{"segment": "s t", "ladder": "default"}])"),
            kInvalid, "policy: segments[0].segment: \"s t\": use only"},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": "fast"}])"),
                  kInvalid,
                  "policy: segments[0].ladder: unknown ladder \"fast\" "
                  "(ladders: default)"},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": "default"},
                                      {"segment": "s", "ladder": "default"}])"),
                  kInvalid,
                  "policy: segments[1].segment: \"s\" is already "
                  "segments[0]"},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": "default",
                                       "when": {}}])"),
                  kInvalid,
                  "policy: segments[0].when: give at least one condition"},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": "default",
                                       "when": 20}])"),
                  kInvalid,
                  "policy: segments[0].when: expected an object, got integer"},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": "default",
                                       "when": {"days_late_over": 20}}])"),
                  kInvalid,
                  "policy: segments[0].when: unknown key \"days_late_over\""},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": "default",
                                       "when": {"average_days_late_over":
                                                "20"}}])"),
                  kInvalid,
                  "policy: segments[0].when.average_days_late_over: expected "
                  "an integer, got string"},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": "default",
                                       "when": {"average_days_late_over":
                                                4000}}])"),
                  kInvalid,
                  "policy: segments[0].when.average_days_late_over: 4000 is "
                  "outside -3650..3650"},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": "default",
                                       "when": {"broken_promises_at_least":
                                                0}}])"),
                  kInvalid,
                  "policy: segments[0].when.broken_promises_at_least: 0 is "
                  "outside 1..1000"},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": "default",
                                       "when": {"broken_promises_at_least":
                                                "2"}}])"),
                  kInvalid,
                  "policy: segments[0].when.broken_promises_at_least: "
                  "expected an integer"},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": "default",
                                       "when": {"amount_overdue_over":
                                                "-1.00 EUR"}}])"),
                  kInvalid,
                  "policy: segments[0].when.amount_overdue_over: -1.00 EUR is "
                  "negative"},
        ErrorCase{Doc(R"("segments": [{"segment": "s", "ladder": "default",
                                       "when": {"amount_overdue_over":
                                                1000}}])"),
                  kInvalid,
                  "policy: segments[0].when.amount_overdue_over: expected a "
                  "string, got integer"}));

TEST(Policy, LadderTable) {
  std::optional<Policy> policy = LoadExample("standard_fr.json");
  ASSERT_TRUE(policy.has_value());
  const std::string table = policy->LadderTable();
  EXPECT_THAT(table, HasSubstr("policy standard-fr v1 \"Relance standard, B2B "
                               "France\"\n"));
  EXPECT_THAT(table, HasSubstr("penalties              fr-b2b\n"));
  EXPECT_THAT(table, HasSubstr("minimum per customer   15.00 EUR\n"));
  EXPECT_THAT(table, HasSubstr("\nladder default\n"));
  EXPECT_THAT(table, HasSubstr("\nladder fast\n"));
  EXPECT_THAT(table, HasSubstr("1  courtesy   D-5     email"));
  EXPECT_THAT(table,
              HasSubstr("5  notice     D+21    registered_letter  "
                        "mise_en_demeure  -    blocks account, deadline +8d"));
  EXPECT_THAT(table, HasSubstr("chronic  average days late > 20  fast"));
  EXPECT_THAT(table, HasSubstr("watch    explicit only           fast"));

  absl::StatusOr<Policy> with_fees = Policy::FromJson(
      Doc("", R"([{"id": "r1", "offset_days": 1, "channel": "email",
                  "fee": "10.00 EUR"},
                 {"id": "r2", "offset_days": 15, "channel": "letter",
                  "fee": {"percent": "1.5%", "minimum": "5.00 EUR"}},
                 {"id": "r3", "offset_days": 20, "channel": "letter",
                  "fee": {"tiers": [{"up_to": "100.00 EUR", "fee": "1.00 EUR"},
                                    {"fee": "2.00 EUR"}]}}])"));
  ASSERT_THAT(with_fees, IsOk());
  const std::string fees = with_fees->LadderTable();
  EXPECT_THAT(fees, HasSubstr("10.00 EUR"));
  EXPECT_THAT(fees, HasSubstr("1.50% min 5.00 EUR"));
  EXPECT_THAT(fees, HasSubstr("2 tiers"));
  EXPECT_THAT(fees, Not(HasSubstr("segments")));
}

TEST(Policy, SummaryJson) {
  std::optional<Policy> policy = LoadExample("standard_fr.json");
  ASSERT_TRUE(policy.has_value());
  const nlohmann::ordered_json json =
      nlohmann::ordered_json::parse(policy->SummaryJson());
  // The same facts as the text table above, as JSON (examples/policies/
  // standard_fr.json).
  EXPECT_EQ(json["policy"], "standard-fr");
  EXPECT_EQ(json["version"], 1);
  EXPECT_EQ(json["name"], "Relance standard, B2B France");
  EXPECT_EQ(json["penalties"], "fr-b2b");
  EXPECT_EQ(json["minimum_dunning_amounts"],
            nlohmann::ordered_json::array({"15.00 EUR"}));
  EXPECT_EQ(json["thank_you_template"], nullptr);
  EXPECT_EQ(json["default_terms"], "30D");
  ASSERT_EQ(json["ladders"].size(), 2u);
  EXPECT_EQ(json["ladders"][0]["id"], "default");
  const nlohmann::ordered_json& notice = json["ladders"][0]["levels"][4];
  EXPECT_EQ(notice["number"], 5);
  EXPECT_EQ(notice["id"], "notice");
  EXPECT_EQ(notice["offset_days"], 21);
  EXPECT_EQ(notice["channel"], "registered_letter");
  EXPECT_EQ(notice["template"], "mise_en_demeure");
  EXPECT_EQ(notice["fee"], nullptr);
  EXPECT_EQ(notice["payment_deadline_days"], 8);
  EXPECT_EQ(notice["block_account"], true);
  EXPECT_EQ(json["segments"][0]["segment"], "chronic");
  EXPECT_EQ(json["segments"][0]["when"], "average days late > 20");
  EXPECT_EQ(json["segments"][1]["when"], "explicit only");
  // Keys in the documented order.
  std::vector<std::string> keys;
  for (auto it = json.begin(); it != json.end(); ++it) keys.push_back(it.key());
  EXPECT_THAT(keys, ::testing::ElementsAre(
                        "policy", "version", "name", "penalties",
                        "minimum_dunning_amounts", "minimum_invoice_amounts",
                        "grouping", "max_levels_per_run",
                        "allow_skipping_levels", "min_days_between_contacts",
                        "thank_you_after_payment", "thank_you_template",
                        "ladders", "segments", "min_days_between_levels",
                        "dun_late_payment_claims", "penalty_rule",
                        "default_terms"));
}

// --- Settings the dunning engine reads --------------------------------------

TEST(Policy, GapBetweenLevelsStatementAndClaimsDefaults) {
  absl::StatusOr<Policy> policy = Policy::FromJson(Doc());
  ASSERT_THAT(policy, IsOk());
  EXPECT_EQ(policy->min_days_between_levels(), 5);
  EXPECT_FALSE(policy->dun_late_payment_claims());
  EXPECT_FALSE(policy->default_ladder().levels[0].statement_of_account);
}

TEST(Policy, GapBetweenLevelsStatementAndClaimsRead) {
  absl::StatusOr<Policy> policy = Policy::FromJson(R"({
    "id": "p", "version": 1, "min_days_between_levels": 0,
    "dun_late_payment_claims": true,
    "levels": [
      {"id": "r1", "offset_days": 1, "channel": "email"},
      {"id": "notice", "offset_days": 21, "channel": "registered_letter",
       "statement_of_account": true}]})");
  ASSERT_THAT(policy, IsOk());
  EXPECT_EQ(policy->min_days_between_levels(), 0);
  EXPECT_TRUE(policy->dun_late_payment_claims());
  EXPECT_FALSE(policy->default_ladder().levels[0].statement_of_account);
  EXPECT_TRUE(policy->default_ladder().levels[1].statement_of_account);
  const nlohmann::json json = nlohmann::json::parse(policy->SummaryJson());
  EXPECT_EQ(json["min_days_between_levels"], 0);
  EXPECT_EQ(json["dun_late_payment_claims"], true);
  EXPECT_EQ(json["ladders"][0]["levels"][1]["statement_of_account"], true);
  EXPECT_EQ(json["penalty_rule"], nullptr);
  const std::string table = policy->LadderTable();
  EXPECT_THAT(table, HasSubstr("days between levels    0\n"));
  EXPECT_THAT(table, HasSubstr("late-payment claims    dunned\n"));
  EXPECT_THAT(table, HasSubstr("statement of account"));
}

TEST(Policy, GapBetweenLevelsAndNewFlagsErrors) {
  EXPECT_THAT(Policy::FromJson(Doc(R"("min_days_between_levels": 366)")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: min_days_between_levels: 366")));
  EXPECT_THAT(Policy::FromJson(Doc(R"("min_days_between_levels": -1)")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: min_days_between_levels")));
  EXPECT_THAT(Policy::FromJson(Doc(R"("dun_late_payment_claims": "yes")")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: dun_late_payment_claims: expected")));
  EXPECT_THAT(
      Policy::FromJson(R"({"id": "p", "version": 1, "levels": [
        {"id": "r1", "offset_days": 1, "channel": "email",
         "statement_of_account": 1}]})"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("policy: levels[0].statement_of_account: expected")));
  PolicySpec spec = Policy::FromJson(Doc())->spec();
  spec.min_days_between_levels = 400;
  EXPECT_THAT(spec.Validate(), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("min_days_between_levels")));
}

// --- Penalties: preset, preset with options, contractual rule ---------------

TEST(Policy, PenaltiesPresetObject) {
  absl::StatusOr<Policy> policy = Policy::FromJson(
      Doc(R"("penalties": {"preset": "fr-b2b", "assume_last_rate": true})"));
  ASSERT_THAT(policy, IsOk());
  EXPECT_EQ(policy->penalty_rule_id(), "fr-b2b");
  EXPECT_TRUE(policy->penalty_rule()->interest.assume_last_rate);
  ASSERT_TRUE(policy->compiled_penalty_rule().has_value());
  EXPECT_EQ(policy->compiled_penalty_rule()->id(), "fr-b2b");
  const nlohmann::json json = nlohmann::json::parse(policy->SummaryJson());
  EXPECT_EQ(json["penalties"], "fr-b2b");
  EXPECT_EQ(json["penalty_rule"]["source"], "preset");
  EXPECT_EQ(json["penalty_rule"]["interest"], "ecb-mro + 10.00%");
  EXPECT_EQ(json["penalty_rule"]["settlement"], "costs-interest-principal");
  EXPECT_EQ(json["penalty_rule"]["assume_last_rate"], true);
  EXPECT_THAT(policy->LadderTable(),
              HasSubstr("fr-b2b (assumes the last known rate)"));
  // "assume_last_rate": false is the string form.
  policy = Policy::FromJson(
      Doc(R"("penalties": {"preset": "fr-b2b", "assume_last_rate": false})"));
  ASSERT_THAT(policy, IsOk());
  EXPECT_FALSE(policy->penalty_rule()->interest.assume_last_rate);
}

TEST(Policy, PenaltiesContractualRule) {
  // A contract: 12 % a year, principal first, EUR 40.
  absl::StatusOr<Policy> policy = Policy::FromJson(Doc(R"("penalties": {
      "rule": {"id": "contract-2026", "name": "Contrat cadre",
               "interest": {"fixed": "12%"}, "settlement": "principal-first",
               "compensation": {"fixed": "40.00 EUR", "basis": "contract"}}})"));
  ASSERT_THAT(policy, IsOk());
  EXPECT_EQ(policy->penalty_rule_id(), "contract-2026");
  EXPECT_EQ(policy->spec().penalties, "");
  ASSERT_TRUE(policy->spec().penalty_rule.has_value());
  ASSERT_TRUE(policy->compiled_penalty_rule().has_value());
  // 1 000.00 EUR due 2026-01-31, assessed 2026-03-02: 30 days at 12 %:
  // 1 000.00 x 12 % x 30 / 365 = 9.863 -> 9.86 EUR, plus 40.00.
  absl::StatusOr<PenaltyAssessment> assessment =
      Assess(*policy->compiled_penalty_rule(),
             {.amount = M("1000.00 EUR"), .due_date = MakeDate(2026, 1, 31)},
             MakeDate(2026, 3, 2));
  ASSERT_THAT(assessment, IsOk());
  EXPECT_EQ(assessment->interest, M("9.86 EUR"));
  EXPECT_EQ(assessment->compensation, M("40.00 EUR"));
  const nlohmann::json json = nlohmann::json::parse(policy->SummaryJson());
  EXPECT_EQ(json["penalties"], "contract-2026");
  EXPECT_EQ(json["penalty_rule"]["source"], "contract");
  EXPECT_EQ(json["penalty_rule"]["name"], "Contrat cadre");
  EXPECT_EQ(json["penalty_rule"]["interest"], "12.00%");
  EXPECT_EQ(json["penalty_rule"]["settlement"], "principal-first");
  EXPECT_THAT(policy->LadderTable(),
              HasSubstr("contract-2026 (contract: 12.00%, principal-first)"));
}

TEST(Policy, PenaltiesRuleReadsTheHostsRates) {
  // A rates directory extends ecb-mro (HostRates); a contractual rule on
  // ECB + 8 in the policy reads it.
  const PolicyPenaltyOptions options{.rates = HostRates()};
  const std::string doc = Doc(R"("penalties": {"rule": {"id": "ecb8",
      "interest": {"reference": "ecb-mro", "margin": "8%"}}})");
  absl::StatusOr<Policy> policy = Policy::FromJson(doc, options);
  ASSERT_THAT(policy, IsOk());
  EXPECT_THAT(
      policy->penalty_rule()->interest.reference->RateAt(MakeDate(2026, 12, 1)),
      IsOkAndHolds(Rate::FromBasisPoints(240)));
  // With the built-in rates the same date is beyond the known data.
  absl::StatusOr<Policy> builtin = Policy::FromJson(doc);
  ASSERT_THAT(builtin, IsOk());
  EXPECT_THAT(builtin->penalty_rule()->interest.reference->RateAt(
                  MakeDate(2026, 12, 1)),
              StatusIs(absl::StatusCode::kOutOfRange));
}

TEST(Policy, PenaltiesErrorsWithPaths) {
  const auto error = [](const std::string& penalties) {
    return Policy::FromJson(Doc(R"("penalties": )" + penalties)).status();
  };
  EXPECT_THAT(error(R"({"rule": {"id": "c", "interest": {"fixed": "abc"}}})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: penalties.rule.interest.fixed: ")));
  EXPECT_THAT(error(R"({"rule": {"id": "c", "interest": {"reference": "xx",
                        "margin": "8%"}}})"),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("policy: penalties.rule.")));
  EXPECT_THAT(error(R"({"preset": "fr-b2b", "rule": {}})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: penalties: give exactly one of")));
  EXPECT_THAT(error(R"({})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: penalties: give exactly one of")));
  EXPECT_THAT(error(R"({"preset": "fr-b2c"})"),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("policy: penalties: penalty rule")));
  EXPECT_THAT(error(R"({"preset": "fr-b2b", "assume_last_rate": 1})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: penalties.assume_last_rate: ")));
  EXPECT_THAT(error(R"({"rule": {"id": "c"}, "assume_last_rate": true})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: penalties.assume_last_rate: goes "
                                 "with \"preset\"")));
  EXPECT_THAT(error(R"({"preset": "fr-b2b", "extra": 1})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: penalties: unknown key")));
  EXPECT_THAT(error(R"({"rule": "fr-b2b"})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: penalties.rule: expected a penalty "
                                 "rule object")));
  // In a spec: a preset and a rule at once; an invalid rule.
  PolicySpec spec = Policy::FromJson(Doc())->spec();
  spec.penalties = "fr-b2b";
  spec.penalty_rule = PenaltyRule{.id = "c"};
  EXPECT_THAT(Policy::Create(spec),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: penalties: give a preset id or a "
                                 "rule, not both")));
  spec.penalties = "";
  spec.penalty_rule->interest.grace_days = -2;
  EXPECT_THAT(Policy::Create(spec),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("policy: penalties.rule: penalty rule c: "
                                 "grace days")));
}

TEST(Policy, HandleCopiesShareAndFromFileNamesTheFile) {
  absl::StatusOr<Policy> policy = Policy::FromFile(
      std::string(RELANCE_SOURCE_DIR) + "/examples/policies/standard_fr.json");
  ASSERT_THAT(policy, IsOk());
  const Policy copy = *policy;
  EXPECT_EQ(&copy.spec(), &policy->spec());
  EXPECT_EQ(copy.Label(), "standard-fr v1");
  EXPECT_THAT(Policy::FromFile("/nonexistent/policy.json"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("file \"/nonexistent/policy.json\": cannot "
                                 "open")));
  EXPECT_THAT(Policy::FromFile("/tmp"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("is a directory, expected a regular file")));
  const std::string bad = ::testing::TempDir() + "bad_policy.json";
  std::ofstream(bad) << R"({"id": "x", "version": 0, "levels": []})";
  EXPECT_THAT(Policy::FromFile(bad),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("bad_policy.json: policy: version")));
}

}  // namespace
}  // namespace relance
