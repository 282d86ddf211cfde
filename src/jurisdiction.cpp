#include "relance/jurisdiction.hpp"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "relance/internal/file_reader.hpp"
#include "relance/internal/json_reader.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

Money Amount(const char* text) { return *Money::Parse(text); }

// The EUR 40 of Directive 2011/7/EU art. 6 as `basis` transposes it.
CompensationRule FortyEuros(std::string basis) {
  return {.kind = CompensationRule::Kind::kFixed,
          .fixed = Amount("40.00 EUR"),
          .basis = std::move(basis)};
}

struct PresetDefinition {
  std::string_view id;
  absl::StatusOr<PenaltyRule> (*build)(const ReferenceRates& rates);
};

absl::StatusOr<PenaltyRule> FranceB2b(const ReferenceRates& rates) {
  PenaltyRule rule{.id = "fr-b2b",
                   .name = "France, between businesses",
                   .citation =
                       "Code de commerce L441-10 II, D441-5; Code "
                       "civil art. 1343-1"};
  rule.interest.basis = InterestRule::Basis::kReferencePlusMargin;
  RELANCE_ASSIGN_OR_RETURN(rule.interest.reference, rates.Find("ecb-mro"));
  rule.interest.rate = Rate::FromPercent(10);
  rule.interest.fixing = RateFixing::kHalfYearly;
  RELANCE_ASSIGN_OR_RETURN(rule.interest.floor_series,
                           rates.Find("fr-legal-professionals"));
  rule.interest.floor_factor = 3;
  rule.interest.floor_policy = FloorPolicy::kFlagOnly;
  rule.interest.settlement = SettlementOrder::kCostsInterestPrincipal;
  rule.interest.statutory_rate = true;
  rule.compensation = FortyEuros("Code de commerce D441-5");
  // Loi 2012-387 art. 121 and décret 2012-1115 (in force 2013-01-01): the
  // rate fixed per half-year and the EUR 40, owed for claims whose payment
  // period started from then. Before, from 2009-01-01 (loi 2008-776 "LME"
  // art. 21, contracts concluded from then): ECB + 10 at the most recent
  // main refinancing operation, the same floor, no fixed compensation.
  // Earlier law (loi 2001-420: ECB + 7) is not modelled.
  rule.regime_from = MakeDate(2013, 1, 1);
  rule.regime_name =
      "Code de commerce L441-6 (now L441-10) as amended by loi 2012-387 "
      "art. 121, and D441-5 (décret 2012-1115)";
  PenaltyRegime lme{.from = MakeDate(2009, 1, 1),
                    .name =
                        "Code de commerce L441-6 as amended by loi "
                        "2008-776 (LME) art. 21: ECB + 10 at the most "
                        "recent refinancing operation, no fixed "
                        "compensation",
                    .interest = rule.interest};
  lme.interest.fixing = RateFixing::kDaily;
  rule.earlier_regimes.push_back(std::move(lme));
  return rule;
}

absl::StatusOr<PenaltyRule> Germany(const ReferenceRates& rates, bool b2b) {
  PenaltyRule rule{
      .id = b2b ? "de-b2b" : "de-b2c",
      .name = b2b ? "Germany, between businesses" : "Germany, with consumers",
      .citation = b2b ? "§§ 247, 286, 288 Abs. 2 und 5, 367 BGB"
                      : "§§ 247, 286, 288 Abs. 1, 367 BGB"};
  rule.interest.basis = InterestRule::Basis::kReferencePlusMargin;
  RELANCE_ASSIGN_OR_RETURN(rule.interest.reference,
                           rates.Find("de-basiszinssatz"));
  rule.interest.rate = Rate::FromPercent(b2b ? 9 : 5);
  rule.interest.fixing = RateFixing::kDaily;
  rule.interest.settlement = SettlementOrder::kCostsInterestPrincipal;
  rule.interest.statutory_rate = true;
  // Art. 229 § 5 EGBGB: the BGB as modernised applies to obligations
  // arising from 2002-01-01 (the base rate series starts then too).
  const Date modernised = MakeDate(2002, 1, 1);
  if (!b2b) {
    rule.regime_from = modernised;
    rule.regime_name =
        "§ 288 Abs. 1 BGB (Schuldrechtsmodernisierungsgesetz, Art. 229 § 5 "
        "EGBGB)";
    return rule;
  }
  rule.compensation = FortyEuros("§ 288 Abs. 5 BGB");
  // Art. 229 § 34 EGBGB: base + 9 and the Pauschale for obligations arising
  // after 2014-07-28 (Gesetz zur Bekämpfung von Zahlungsverzug im
  // Geschäftsverkehr); before, § 288 Abs. 2 a.F.: base + 8, no Pauschale.
  rule.regime_from = MakeDate(2014, 7, 29);
  rule.regime_name =
      "§ 288 Abs. 2 und 5 BGB as amended by the Gesetz zur Bekämpfung von "
      "Zahlungsverzug im Geschäftsverkehr (Art. 229 § 34 EGBGB)";
  PenaltyRegime before{
      .from = modernised,
      .name =
          "§ 288 Abs. 2 BGB a.F. (2002-01-01 to 2014-07-28): base rate + 8, "
          "no Pauschale",
      .interest = rule.interest};
  before.interest.rate = Rate::FromPercent(8);
  rule.earlier_regimes.push_back(std::move(before));
  return rule;
}

absl::StatusOr<PenaltyRule> UnitedKingdom(const ReferenceRates& rates) {
  PenaltyRule rule{.id = "uk-late-payment",
                   .name = "United Kingdom, Late Payment of Commercial Debts",
                   .citation =
                       "Late Payment of Commercial Debts (Interest) Act 1998 "
                       "ss.4, 5A; Late Payment of Commercial Debts (Rate of "
                       "Interest) (No. 3) Order 2002"};
  rule.interest.basis = InterestRule::Basis::kReferencePlusMargin;
  RELANCE_ASSIGN_OR_RETURN(rule.interest.reference, rates.Find("uk-bank-rate"));
  rule.interest.rate = Rate::FromPercent(8);
  rule.interest.fixing = RateFixing::kFixedAtHalfYearBeforeStart;
  rule.interest.statutory_rate = true;
  rule.compensation = {
      .kind = CompensationRule::Kind::kUkBands,
      .basis = "Late Payment of Commercial Debts (Interest) Act 1998 s.5A"};
  // s.5A (SI 2002/1674 reg. 2) and the reference-date rule (SI 2002/1675)
  // apply to contracts made from 2002-08-07. The Act's earlier phases
  // (1998-11-01 to 2002-08-06, Rate of Interest (No. 2) Order 1998) are not
  // modelled.
  rule.regime_from = MakeDate(2002, 8, 7);
  rule.regime_name =
      "Late Payment of Commercial Debts Regulations 2002 (SI 2002/1674) and "
      "Rate of Interest (No. 3) Order 2002 (SI 2002/1675)";
  return rule;
}

absl::StatusOr<PenaltyRule> EuropeanUnion(const ReferenceRates& rates) {
  PenaltyRule rule{.id = "eu-directive",
                   .name = "EU Late Payment Directive, statutory minimum",
                   .citation = "Directive 2011/7/EU art. 2(6), 2(12), 3, 6"};
  rule.interest.basis = InterestRule::Basis::kReferencePlusMargin;
  RELANCE_ASSIGN_OR_RETURN(rule.interest.reference, rates.Find("ecb-mro"));
  rule.interest.rate = Rate::FromPercent(8);
  rule.interest.fixing = RateFixing::kHalfYearly;
  rule.interest.statutory_rate = true;
  rule.compensation = FortyEuros("Directive 2011/7/EU art. 6");
  // Art. 12(1) and (4): transposed by 2013-03-16, for contracts concluded
  // from then. Directive 2000/35/EC (ECB + 7, no fixed sum) is not modelled.
  rule.regime_from = MakeDate(2013, 3, 16);
  rule.regime_name = "Directive 2011/7/EU (art. 12: from 2013-03-16)";
  return rule;
}

constexpr PresetDefinition kPresets[] = {
    {"fr-b2b", FranceB2b},
    {"de-b2b", [](const ReferenceRates& r) { return Germany(r, true); }},
    {"de-b2c", [](const ReferenceRates& r) { return Germany(r, false); }},
    {"uk-late-payment", UnitedKingdom},
    {"eu-directive", EuropeanUnion},
};

// Reads the optional keys of a rule object into `rule`.
class RuleJsonReader {
 public:
  explicit RuleJsonReader(const ReferenceRates& rates)
      : reader_("penalty rule"), rates_(rates) {}

  absl::StatusOr<PenaltyRule> Read(std::string_view text) {
    RELANCE_ASSIGN_OR_RETURN(internal::Json document, reader_.Parse(text));
    if (!document.is_object()) {
      return reader_.WrongType("", "a JSON object", document);
    }
    RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
        "", document,
        {"id", "name", "citation", "base", "interest", "day_count",
         "grace_days", "settlement", "minimum_interest", "rounding",
         "rounding_point", "floor", "cap", "compensation",
         "assume_last_rate"}));
    PenaltyRule rule{.id = "contract"};
    if (document.contains("base")) {
      RELANCE_ASSIGN_OR_RETURN(std::string base,
                               reader_.GetString("base", document["base"]));
      absl::StatusOr<PenaltyRule> preset = PenaltyPreset(base, rates_);
      if (!preset.ok()) return reader_.AtPath("base", preset.status());
      rule = *std::move(preset);
    }
    for (const char* key : {"id", "name", "citation"}) {
      if (!document.contains(key)) continue;
      RELANCE_ASSIGN_OR_RETURN(std::string value,
                               reader_.GetString(key, document[key]));
      (std::string_view(key) == "id"     ? rule.id
       : std::string_view(key) == "name" ? rule.name
                                         : rule.citation) = std::move(value);
    }
    // The overrides apply to every regime of the base alike.
    RELANCE_RETURN_IF_ERROR(
        Override(document, rule.interest, rule.compensation));
    for (PenaltyRegime& regime : rule.earlier_regimes) {
      RELANCE_RETURN_IF_ERROR(
          Override(document, regime.interest, regime.compensation));
    }
    RELANCE_RETURN_IF_ERROR(rule.Validate());
    return rule;
  }

 private:
  absl::Status Override(const internal::Json& document, InterestRule& interest,
                        CompensationRule& compensation) {
    if (document.contains("interest")) {
      RELANCE_RETURN_IF_ERROR(ReadInterest(document["interest"], interest));
      // A rate the rule states is agreed by contract, not set by law: a
      // floor (L441-10: at least 3 x the legal rate) binds it, so a base's
      // flag-only floor becomes applied unless "floor.policy" says "flag".
      if (!document["interest"].is_null()) {
        interest.statutory_rate = false;
        interest.floor_policy = FloorPolicy::kApply;
      }
    }
    RELANCE_RETURN_IF_ERROR(ReadOptions(document, interest));
    if (fixing_without_reference_ && interest.floor_factor == 0) {
      return reader_.Invalid(
          "interest.fixing",
          "goes with \"reference\" or a \"floor\" only (it fixes the "
          "rates of those series)");
    }
    if (document.contains("compensation")) {
      RELANCE_RETURN_IF_ERROR(
          ReadCompensation(document["compensation"], compensation));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<Rate> ReadRate(const std::string& path,
                                const internal::Json& value) {
    return reader_.GetParsed(path, value, Rate::ParsePercent);
  }

  absl::StatusOr<Money> ReadMoney(const std::string& path,
                                  const internal::Json& value) {
    return reader_.GetParsed(
        path, value, [](std::string_view text) { return Money::Parse(text); });
  }

  absl::StatusOr<std::shared_ptr<const RateSeries>> ReadSeries(
      const std::string& path, const internal::Json& value) {
    return reader_.GetParsed(
        path, value, [this](std::string_view id) { return rates_.Find(id); });
  }

  absl::Status ReadInterest(const internal::Json& value,
                            InterestRule& interest) {
    if (value.is_null()) {
      interest.basis = InterestRule::Basis::kNone;
      return absl::OkStatus();
    }
    if (!value.is_object()) {
      return reader_.WrongType("interest", "an object or null", value);
    }
    RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
        "interest", value,
        {"fixed", "reference", "margin", "fixing", "monthly"}));
    const int kinds = static_cast<int>(value.contains("fixed")) +
                      static_cast<int>(value.contains("reference")) +
                      static_cast<int>(value.contains("monthly"));
    if (kinds != 1) {
      return reader_.Invalid(
          "interest",
          "give exactly one of \"fixed\", \"reference\", \"monthly\"");
    }
    if (!value.contains("reference") && value.contains("margin")) {
      return reader_.Invalid("interest.margin", "goes with \"reference\" only");
    }
    // Without a reference, a fixing only fixes the floor series: checked
    // once the floor is known (in Read).
    fixing_without_reference_ =
        !value.contains("reference") && value.contains("fixing");
    if (value.contains("fixed")) {
      interest.basis = InterestRule::Basis::kFixedAnnual;
      RELANCE_ASSIGN_OR_RETURN(interest.rate,
                               ReadRate("interest.fixed", value["fixed"]));
      interest.reference = nullptr;
    } else if (value.contains("monthly")) {
      interest.basis = InterestRule::Basis::kMonthly;
      RELANCE_ASSIGN_OR_RETURN(interest.rate,
                               ReadRate("interest.monthly", value["monthly"]));
      interest.reference = nullptr;
    } else {
      interest.basis = InterestRule::Basis::kReferencePlusMargin;
      RELANCE_ASSIGN_OR_RETURN(
          interest.reference,
          ReadSeries("interest.reference", value["reference"]));
      interest.rate = Rate();
      if (value.contains("margin")) {
        RELANCE_ASSIGN_OR_RETURN(interest.rate,
                                 ReadRate("interest.margin", value["margin"]));
      }
    }
    if (value.contains("fixing")) {
      RELANCE_ASSIGN_OR_RETURN(
          std::string text,
          reader_.GetString("interest.fixing", value["fixing"]));
      absl::StatusOr<RateFixing> fixing = ParseRateFixing(text);
      if (!fixing.ok())
        return reader_.AtPath("interest.fixing", fixing.status());
      interest.fixing = *fixing;
    }
    return absl::OkStatus();
  }

  absl::Status ReadOptions(const internal::Json& document,
                           InterestRule& interest) {
    if (document.contains("day_count")) {
      RELANCE_ASSIGN_OR_RETURN(
          interest.day_count,
          reader_.GetParsed("day_count", document["day_count"], ParseDayCount));
    }
    if (document.contains("grace_days")) {
      RELANCE_ASSIGN_OR_RETURN(
          interest.grace_days,
          reader_.GetInt("grace_days", document["grace_days"]));
    }
    if (document.contains("settlement")) {
      RELANCE_ASSIGN_OR_RETURN(
          interest.settlement,
          reader_.GetParsed("settlement", document["settlement"],
                            ParseSettlementOrder));
    }
    if (document.contains("minimum_interest")) {
      RELANCE_ASSIGN_OR_RETURN(
          interest.minimum_interest,
          ReadMoney("minimum_interest", document["minimum_interest"]));
    }
    if (document.contains("rounding")) {
      RELANCE_ASSIGN_OR_RETURN(
          interest.rounding, reader_.GetParsed("rounding", document["rounding"],
                                               ParseRoundingMode));
    }
    if (document.contains("rounding_point")) {
      RELANCE_ASSIGN_OR_RETURN(
          std::string text,
          reader_.GetString("rounding_point", document["rounding_point"]));
      if (text == "invoice") {
        interest.rounding_point = RoundingPoint::kPerInvoice;
      } else if (text == "line") {
        interest.rounding_point = RoundingPoint::kPerLine;
      } else if (text == "day") {
        interest.rounding_point = RoundingPoint::kPerDay;
      } else {
        return reader_.Invalid("rounding_point",
                               absl::StrCat(internal::QuoteForMessage(text),
                                            ": expected invoice, line or day"));
      }
    }
    if (document.contains("cap")) {
      RELANCE_ASSIGN_OR_RETURN(interest.cap, ReadRate("cap", document["cap"]));
    }
    if (document.contains("assume_last_rate")) {
      RELANCE_ASSIGN_OR_RETURN(
          interest.assume_last_rate,
          reader_.GetBool("assume_last_rate", document["assume_last_rate"]));
    }
    if (document.contains("floor")) {
      const internal::Json& floor = document["floor"];
      if (floor.is_null()) {
        interest.floor_factor = 0;
        interest.floor_series = nullptr;
        return absl::OkStatus();
      }
      if (!floor.is_object()) {
        return reader_.WrongType("floor", "an object or null", floor);
      }
      RELANCE_RETURN_IF_ERROR(
          reader_.CheckKeys("floor", floor, {"series", "factor", "policy"}));
      for (const char* key : {"series", "factor"}) {
        if (!floor.contains(key)) {
          return reader_.Invalid(absl::StrCat("floor.", key), "required");
        }
      }
      RELANCE_ASSIGN_OR_RETURN(interest.floor_series,
                               ReadSeries("floor.series", floor["series"]));
      RELANCE_ASSIGN_OR_RETURN(interest.floor_factor,
                               reader_.GetInt("floor.factor", floor["factor"]));
      if (interest.floor_factor < 1 || interest.floor_factor > 100) {
        return reader_.Invalid("floor.factor", "expected 1..100");
      }
      // Without "policy", the rule's own policy stays (the base's, or
      // kApply).
      if (floor.contains("policy")) {
        RELANCE_ASSIGN_OR_RETURN(
            std::string text,
            reader_.GetString("floor.policy", floor["policy"]));
        if (text == "apply") {
          interest.floor_policy = FloorPolicy::kApply;
        } else if (text == "flag") {
          interest.floor_policy = FloorPolicy::kFlagOnly;
        } else {
          return reader_.Invalid("floor.policy",
                                 absl::StrCat(internal::QuoteForMessage(text),
                                              ": expected apply or flag"));
        }
      }
    }
    return absl::OkStatus();
  }

  absl::Status ReadCompensation(const internal::Json& value,
                                CompensationRule& compensation) {
    if (value.is_null()) {
      compensation = {};
      return absl::OkStatus();
    }
    if (!value.is_object()) {
      return reader_.WrongType("compensation", "an object or null", value);
    }
    RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
        "compensation", value, {"fixed", "uk_bands", "basis", "b2b_only"}));
    if (value.contains("fixed") == value.contains("uk_bands")) {
      return reader_.Invalid("compensation",
                             "give exactly one of \"fixed\", \"uk_bands\"");
    }
    // A replacement, not a patch: nothing of the base's compensation (its
    // amount, its legal basis) survives.
    CompensationRule fresh;
    if (value.contains("fixed")) {
      fresh.kind = CompensationRule::Kind::kFixed;
      RELANCE_ASSIGN_OR_RETURN(fresh.fixed,
                               ReadMoney("compensation.fixed", value["fixed"]));
    } else {
      RELANCE_ASSIGN_OR_RETURN(
          bool bands,
          reader_.GetBool("compensation.uk_bands", value["uk_bands"]));
      if (!bands) {
        return reader_.Invalid("compensation.uk_bands",
                               "must be true when given");
      }
      fresh.kind = CompensationRule::Kind::kUkBands;
    }
    if (value.contains("basis")) {
      RELANCE_ASSIGN_OR_RETURN(
          fresh.basis, reader_.GetString("compensation.basis", value["basis"]));
    }
    if (value.contains("b2b_only")) {
      RELANCE_ASSIGN_OR_RETURN(
          fresh.business_to_business_only,
          reader_.GetBool("compensation.b2b_only", value["b2b_only"]));
    }
    compensation = std::move(fresh);
    return absl::OkStatus();
  }

  internal::JsonReader reader_;
  const ReferenceRates& rates_;
  // "interest" has "fixing" but no "reference".
  bool fixing_without_reference_ = false;
};

}  // namespace

absl::StatusOr<PenaltyRule> PenaltyPreset(std::string_view id,
                                          const ReferenceRates& rates) {
  for (const PresetDefinition& preset : kPresets) {
    if (preset.id == id) return preset.build(rates);
  }
  return absl::NotFoundError(
      absl::StrCat("penalty rule ", internal::QuoteForMessage(id),
                   ": unknown preset, expected one of ",
                   absl::StrJoin(PenaltyPresetIds(), ", ")));
}

std::vector<std::string> PenaltyPresetIds() {
  std::vector<std::string> ids;
  for (const PresetDefinition& preset : kPresets) ids.emplace_back(preset.id);
  return ids;
}

absl::StatusOr<PenaltyRule> PenaltyRuleFromJson(std::string_view json_text,
                                                const ReferenceRates& rates) {
  RuleJsonReader reader(rates);
  return reader.Read(json_text);
}

absl::StatusOr<PenaltyRule> PenaltyRuleFromFile(const std::string& path,
                                                const ReferenceRates& rates) {
  return internal::ParseConfigFile(path, [&](std::string_view text) {
    return PenaltyRuleFromJson(text, rates);
  });
}

}  // namespace relance
