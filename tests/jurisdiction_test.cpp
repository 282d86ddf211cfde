#include "relance/jurisdiction.hpp"

#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "status_matchers.hpp"

namespace relance {
namespace {

using ::relance::testing::IsOk;
using ::relance::testing::StatusIs;
using ::testing::HasSubstr;

Money M(const char* text) { return *Money::Parse(text); }

TEST(Jurisdiction, PresetsCiteTheirArticles) {
  const struct {
    const char* id;
    const char* series;
    int64_t margin_percent;
    const char* citation;
  } kPresets[] = {
      {"fr-b2b", "ecb-mro", 10, "L441-10"},
      {"de-b2b", "de-basiszinssatz", 9, "288"},
      {"de-b2c", "de-basiszinssatz", 5, "288 Abs. 1"},
      {"uk-late-payment", "uk-bank-rate", 8, "Late Payment"},
      {"eu-directive", "ecb-mro", 8, "2011/7/EU"},
  };
  for (const auto& p : kPresets) {
    absl::StatusOr<PenaltyRule> rule = PenaltyPreset(p.id);
    ASSERT_THAT(rule, IsOk()) << p.id;
    EXPECT_EQ(rule->id, p.id);
    EXPECT_EQ(rule->interest.reference->id(), p.series) << p.id;
    EXPECT_EQ(rule->interest.rate, Rate::FromPercent(p.margin_percent)) << p.id;
    EXPECT_THAT(rule->citation, HasSubstr(p.citation)) << p.id;
    EXPECT_THAT(rule->Validate(), IsOk());
  }
  EXPECT_EQ(PenaltyPresetIds().size(), 5u);
  EXPECT_THAT(PenaltyPreset("it-b2b"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("fr-b2b")));
}

TEST(Jurisdiction, PresetsReadHostSeries) {
  // A host publishes the ECB rate for the second half of 2026 (a
  // hypothetical 2.40 % from 2026-06-17): fr-b2b then charges 12.40 %.
  absl::StatusOr<RateSeries> extended =
      (*BuiltinRateSeries("ecb-mro"))
          ->Extended({{.effective_date = MakeDate(2026, 6, 17),
                       .rate = Rate::FromBasisPoints(240)}},
                     MakeDate(2026, 12, 31));
  ASSERT_THAT(extended, IsOk());
  const ReferenceRates rates = ReferenceRates::Builtin().With(
      std::make_shared<const RateSeries>(*extended));
  absl::StatusOr<PenaltyRule> rule = PenaltyPreset("fr-b2b", rates);
  ASSERT_THAT(rule, IsOk());
  rule->interest.floor_factor = 0;  // the legal rate for 2026 H2 is unknown
  const InvoiceFacts facts{.amount = M("1000.00 EUR"),
                           .due_date = MakeDate(2026, 7, 1)};
  absl::StatusOr<PenaltyAssessment> result =
      Assess(*rule, facts, MakeDate(2026, 7, 31));
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->lines[0].annual_rate, Rate::FromBasisPoints(1240));
}

TEST(Jurisdiction, ContractualRuleFromJson) {
  absl::StatusOr<PenaltyRule> rule = PenaltyRuleFromJson(R"({
    "id": "acme-2026", "name": "Acme terms",
    "interest": {"fixed": "15%"}, "day_count": "act/360", "grace_days": 2,
    "settlement": "principal-first", "minimum_interest": "5.00 EUR",
    "rounding": "half-even", "rounding_point": "line",
    "compensation": {"fixed": "40.00 EUR", "basis": "CGV art. 7"}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->id, "acme-2026");
  EXPECT_EQ(rule->interest.basis, InterestRule::Basis::kFixedAnnual);
  EXPECT_EQ(rule->interest.rate, Rate::FromPercent(15));
  EXPECT_EQ(rule->interest.day_count, DayCount::kActual360);
  EXPECT_EQ(rule->interest.grace_days, 2);
  EXPECT_EQ(rule->interest.minimum_interest, M("5.00 EUR"));
  EXPECT_EQ(rule->interest.rounding, RoundingMode::kHalfEven);
  EXPECT_EQ(rule->interest.rounding_point, RoundingPoint::kPerLine);
  EXPECT_EQ(rule->compensation.fixed, M("40.00 EUR"));
  // Based on a preset, overriding the floor policy.
  rule = PenaltyRuleFromJson(R"({"base": "fr-b2b",
      "floor": {"series": "fr-legal-professionals", "factor": 3,
                "policy": "apply"}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->id, "fr-b2b");
  EXPECT_EQ(rule->interest.floor_policy, FloorPolicy::kApply);
  EXPECT_EQ(rule->interest.reference->id(), "ecb-mro");
  // Basis points are a unit too.
  rule = PenaltyRuleFromJson(R"({"interest": {"fixed": "1500bp"}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->interest.rate, Rate::FromPercent(15));
  // Reference + margin with another fixing, UK bands.
  rule = PenaltyRuleFromJson(R"({"interest": {"reference": "uk-bank-rate",
      "margin": "4%", "fixing": "daily"}, "compensation": {"uk_bands": true}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->interest.fixing, RateFixing::kDaily);
  EXPECT_EQ(rule->compensation.kind, CompensationRule::Kind::kUkBands);
}

TEST(Jurisdiction, FloorWithoutPolicyKeepsTheRulesPolicy) {
  // Regression: a "floor" without "policy" reset fr-b2b's flag-only policy
  // to apply.
  absl::StatusOr<PenaltyRule> rule = PenaltyRuleFromJson(R"({"base": "fr-b2b",
      "floor": {"series": "fr-legal-individuals", "factor": 2}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->interest.floor_policy, FloorPolicy::kFlagOnly);
  EXPECT_EQ(rule->interest.floor_series->id(), "fr-legal-individuals");
  EXPECT_EQ(rule->interest.floor_factor, 2);
  // Without a base, the default policy: apply.
  rule = PenaltyRuleFromJson(R"({"interest": {"fixed": "8%"},
      "floor": {"series": "fr-legal-professionals", "factor": 3}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->interest.floor_policy, FloorPolicy::kApply);
  // An explicit policy still wins.
  rule = PenaltyRuleFromJson(R"({"base": "fr-b2b",
      "floor": {"series": "fr-legal-professionals", "factor": 3,
                "policy": "apply"}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->interest.floor_policy, FloorPolicy::kApply);
}

TEST(Jurisdiction, MarginAndFixingGoWithAReference) {
  // Regression: a margin beside "fixed" or "monthly" was silently ignored.
  EXPECT_THAT(
      PenaltyRuleFromJson(R"({"interest": {"fixed": "8%", "margin": "2%"}})"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("penalty rule: interest.margin: goes with "
                         "\"reference\" only")));
  EXPECT_THAT(
      PenaltyRuleFromJson(R"({"interest": {"monthly": "1%", "margin": "2%"}})"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("interest.margin: goes with \"reference\" only")));
  // A fixing without a series to fix was silently ignored too.
  EXPECT_THAT(PenaltyRuleFromJson(
                  R"({"interest": {"fixed": "8%", "fixing": "daily"}})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("interest.fixing: goes with \"reference\" "
                                 "or a \"floor\" only")));
  EXPECT_THAT(PenaltyRuleFromJson(R"({"base": "fr-b2b", "floor": null,
          "interest": {"monthly": "1%", "fixing": "due-date"}})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("interest.fixing: goes with")));
  // With a floor, the fixing fixes the floor series (penalty.hpp): a fixed
  // contractual rate floored at 3 x the legal rate fixed at the due date.
  absl::StatusOr<PenaltyRule> rule = PenaltyRuleFromJson(
      R"({"interest": {"fixed": "8%", "fixing": "due-date"},
          "floor": {"series": "fr-legal-professionals", "factor": 3}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->interest.fixing, RateFixing::kAtDueDate);
  rule = PenaltyRuleFromJson(R"({"base": "fr-b2b",
      "interest": {"fixed": "15%", "fixing": "due-date"}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->interest.fixing, RateFixing::kAtDueDate);
}

TEST(Jurisdiction, CompensationOverrideStartsAfresh) {
  // Regression: overriding fr-b2b's compensation kept its EUR 40 and its
  // D441-5 basis.
  absl::StatusOr<PenaltyRule> rule = PenaltyRuleFromJson(
      R"({"base": "fr-b2b", "compensation": {"uk_bands": true}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->compensation.kind, CompensationRule::Kind::kUkBands);
  EXPECT_EQ(rule->compensation.fixed, std::nullopt);
  EXPECT_EQ(rule->compensation.basis, "");
  EXPECT_TRUE(rule->compensation.business_to_business_only);
  rule = PenaltyRuleFromJson(R"({"base": "de-b2b",
      "compensation": {"fixed": "50.00 EUR", "b2b_only": false}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->compensation.kind, CompensationRule::Kind::kFixed);
  EXPECT_EQ(rule->compensation.fixed, M("50.00 EUR"));
  EXPECT_EQ(rule->compensation.basis, "");
  EXPECT_FALSE(rule->compensation.business_to_business_only);
  rule = PenaltyRuleFromJson(R"({"base": "eu-directive",
      "compensation": {"fixed": "40.00 EUR", "basis": "CGV art. 9"}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->compensation.basis, "CGV art. 9");
}

TEST(Jurisdiction, JsonErrorsNameThePath) {
  const auto error = [](const char* json, absl::StatusCode code,
                        const char* fragment) {
    EXPECT_THAT(PenaltyRuleFromJson(json), StatusIs(code, HasSubstr(fragment)))
        << json;
  };
  const auto invalid = absl::StatusCode::kInvalidArgument;
  error("[", invalid, "penalty rule: invalid JSON");
  error(R"({"intrest": {}})", invalid, "unknown key \"intrest\"");
  error(R"({"base": "xx"})", absl::StatusCode::kNotFound,
        "base: penalty rule \"xx\"");
  error(R"({"interest": {"fixed": "15"}})", invalid,
        "interest.fixed: rate \"15\": expected a percentage such as \"15%\" "
        "(a bare number is ambiguous between 15 % and 1500 %)");
  error(R"({"interest": {"monthly": "1.5"}})", invalid,
        "interest.monthly: rate \"1.5\": expected a percentage");
  error(R"({"interest": {"reference": "ecb-mro", "margin": "10"}})", invalid,
        "interest.margin: rate \"10\": expected a percentage");
  error(R"({"cap": "20"})", invalid, "cap: rate \"20\": expected a percentage");
  error(R"({"interest": {"fixed": "15%", "monthly": "1%"}})", invalid,
        "exactly one of");
  error(R"({"interest": {"reference": "libor"}})", absl::StatusCode::kNotFound,
        "interest.reference");
  error(R"({"interest": {"reference": "ecb-mro", "fixing": "weekly"}})",
        invalid, "interest.fixing: rate fixing \"weekly\"");
  error(R"({"day_count": "act/364"})", invalid, "day_count: day count");
  error(R"({"grace_days": -1})", invalid, "grace days must be 0..3660");
  error(R"({"grace_days": "2"})", invalid, "grace_days: expected an integer");
  error(R"({"settlement": "random"})", invalid, "settlement: settlement order");
  error(R"({"minimum_interest": "5 EURO"})", invalid,
        "minimum_interest: money");
  error(R"({"rounding_point": "week"})", invalid,
        "expected invoice, line or day");
  error(R"({"floor": {"series": "fr-legal-professionals"}})", invalid,
        "floor.factor: required");
  error(R"({"floor": {"series": "fr-legal-professionals", "factor": 0}})",
        invalid, "floor.factor: expected 1..100");
  error(R"({"compensation": {"fixed": "40.00 EUR", "uk_bands": true}})",
        invalid, "exactly one of \"fixed\", \"uk_bands\"");
  error(R"({"compensation": {"fixed": "-40.00 EUR"}})", invalid,
        "a fixed compensation needs a positive amount");
}

TEST(Jurisdiction, PresetsAreDatedSequencesOfRegimes) {
  const struct {
    const char* id;
    Date from;
    size_t earlier;
  } kRegimes[] = {
      // Décret 2012-1115 / loi 2012-387 art. 121; before it the LME.
      {"fr-b2b", MakeDate(2013, 1, 1), 1},
      // Art. 229 § 34 EGBGB; before it § 288 Abs. 2 a.F. from 2002.
      {"de-b2b", MakeDate(2014, 7, 29), 1},
      // Art. 229 § 5 EGBGB.
      {"de-b2c", MakeDate(2002, 1, 1), 0},
      // SI 2002/1674 and 2002/1675.
      {"uk-late-payment", MakeDate(2002, 8, 7), 0},
      // Directive 2011/7/EU art. 12.
      {"eu-directive", MakeDate(2013, 3, 16), 0},
  };
  for (const auto& r : kRegimes) {
    absl::StatusOr<PenaltyRule> rule = PenaltyPreset(r.id);
    ASSERT_THAT(rule, IsOk()) << r.id;
    EXPECT_EQ(rule->regime_from, r.from) << r.id;
    EXPECT_FALSE(rule->regime_name.empty()) << r.id;
    EXPECT_EQ(rule->earlier_regimes.size(), r.earlier) << r.id;
    EXPECT_TRUE(rule->interest.statutory_rate) << r.id;
  }
  // de-b2b before 2014-07-29: base + 8, no Pauschale.
  const PenaltyRule de = *PenaltyPreset("de-b2b");
  const PenaltyRule old = *de.ForObligationDate(MakeDate(2014, 7, 28));
  EXPECT_EQ(old.interest.rate, Rate::FromPercent(8));
  EXPECT_EQ(old.compensation.kind, CompensationRule::Kind::kNone);
  EXPECT_EQ(old.regime_from, MakeDate(2002, 1, 1));
  const PenaltyRule now = *de.ForObligationDate(MakeDate(2014, 7, 29));
  EXPECT_EQ(now.interest.rate, Rate::FromPercent(9));
  EXPECT_EQ(now.compensation.kind, CompensationRule::Kind::kFixed);
  EXPECT_THAT(de.ForObligationDate(MakeDate(2001, 12, 31)),
              StatusIs(absl::StatusCode::kOutOfRange,
                       HasSubstr("§ 288 Abs. 2 BGB a.F.")));
}

TEST(Jurisdiction, JsonOverridesApplyToEveryRegime) {
  absl::StatusOr<PenaltyRule> rule = PenaltyRuleFromJson(
      R"({"base": "de-b2b", "interest": {"fixed": "12%"},
          "assume_last_rate": true})");
  ASSERT_THAT(rule, IsOk());
  ASSERT_EQ(rule->earlier_regimes.size(), 1u);
  for (const InterestRule* interest :
       {&rule->interest, &rule->earlier_regimes[0].interest}) {
    EXPECT_EQ(interest->basis, InterestRule::Basis::kFixedAnnual);
    EXPECT_EQ(interest->rate, Rate::FromPercent(12));
    EXPECT_TRUE(interest->assume_last_rate);
    EXPECT_FALSE(interest->statutory_rate);
  }
  // The statutory compensation of each regime stays.
  EXPECT_EQ(rule->earlier_regimes[0].compensation.kind,
            CompensationRule::Kind::kNone);
  EXPECT_EQ(rule->compensation.kind, CompensationRule::Kind::kFixed);
  EXPECT_THAT(PenaltyRuleFromJson(R"({"assume_last_rate": "yes"})"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("assume_last_rate")));
}

TEST(Jurisdiction, AContractualRateOnFrB2bAppliesTheFloor) {
  // L441-10 II: three times the legal rate is the minimum of a contractual
  // rate. The preset only flags it (its rate is the statutory one); a rule
  // stating its own rate applies it, unless its floor says "flag".
  EXPECT_EQ(PenaltyPreset("fr-b2b")->interest.floor_policy,
            FloorPolicy::kFlagOnly);
  absl::StatusOr<PenaltyRule> rule =
      PenaltyRuleFromJson(R"({"base": "fr-b2b", "interest": {"fixed": "5%"}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->interest.floor_policy, FloorPolicy::kApply);
  EXPECT_EQ(rule->interest.floor_factor, 3);
  rule = PenaltyRuleFromJson(R"({"base": "fr-b2b",
      "interest": {"reference": "ecb-mro", "margin": "12%"}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->interest.floor_policy, FloorPolicy::kApply);
  rule = PenaltyRuleFromJson(R"({"base": "fr-b2b", "interest": {"fixed": "5%"},
      "floor": {"series": "fr-legal-professionals", "factor": 3,
                "policy": "flag"}})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->interest.floor_policy, FloorPolicy::kFlagOnly);
  // Only options changed: still the statutory rate, still flag-only.
  rule = PenaltyRuleFromJson(R"({"base": "fr-b2b", "grace_days": 5})");
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->interest.floor_policy, FloorPolicy::kFlagOnly);
  EXPECT_TRUE(rule->interest.statutory_rate);
}

TEST(Jurisdiction, RuleFromFileNamesTheFile) {
  const std::string good = ::testing::TempDir() + "contract_rule.json";
  std::ofstream(good) << R"({"id": "contract", "interest": {"fixed": "12%"}})";
  absl::StatusOr<PenaltyRule> rule = PenaltyRuleFromFile(good);
  ASSERT_THAT(rule, IsOk());
  EXPECT_EQ(rule->id, "contract");
  EXPECT_EQ(rule->interest.rate, Rate::FromPercent(12));
  const std::string bad = ::testing::TempDir() + "bad_rule.json";
  std::ofstream(bad) << R"({"id": "c", "interest": {"fixed": "x"}})";
  EXPECT_THAT(PenaltyRuleFromFile(bad),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("bad_rule.json: penalty rule: "
                                 "interest.fixed")));
  EXPECT_THAT(PenaltyRuleFromFile("/nonexistent/rule.json"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("file \"/nonexistent/rule.json\": cannot "
                                 "open")));
  EXPECT_THAT(PenaltyRuleFromFile("/dev/null"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("a character device")));
}

}  // namespace
}  // namespace relance
