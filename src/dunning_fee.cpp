#include "relance/dunning_fee.hpp"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/json_reader.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

absl::Status Invalid(std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat("dunning fee: ", std::string(what)));
}

// The currency of the fee's amounts, if any.
std::optional<Currency> FeeCurrency(const DunningFee& fee) {
  if (fee.fixed) return fee.fixed->currency();
  if (fee.minimum) return fee.minimum->currency();
  if (fee.maximum) return fee.maximum->currency();
  if (!fee.tiers.empty()) return fee.tiers.front().fee.currency();
  return std::nullopt;
}

}  // namespace

absl::Status DunningFee::Validate() const {
  const std::optional<Currency> currency = FeeCurrency(*this);
  auto same = [&](const std::optional<Money>& money) {
    return !money || !currency || money->currency() == *currency;
  };
  switch (kind) {
    case Kind::kFixed:
      if (!fixed || fixed->IsNegative()) {
        return Invalid("a fixed fee needs a non-negative amount");
      }
      break;
    case Kind::kPercent:
      if (percent < Rate() || percent > Rate::FromPercent(100)) {
        return Invalid(absl::StrCat("percentage ", percent.ToString(),
                                    " is outside 0%..100%"));
      }
      if (!same(minimum) || !same(maximum)) {
        return Invalid("minimum and maximum in different currencies");
      }
      if ((minimum && minimum->IsNegative()) ||
          (maximum && maximum->IsNegative())) {
        return Invalid("minimum and maximum must not be negative");
      }
      if (minimum && maximum &&
          minimum->minor_units() > maximum->minor_units()) {
        return Invalid(absl::StrCat("minimum ", minimum->ToString(),
                                    " is above maximum ", maximum->ToString()));
      }
      break;
    case Kind::kTiered:
      if (tiers.empty()) return Invalid("no tier");
      for (size_t i = 0; i < tiers.size(); ++i) {
        const FeeTier& tier = tiers[i];
        const std::string where = absl::StrCat("tiers[", i, "]");
        if (tier.fee.IsNegative() || !same(tier.fee) || !same(tier.up_to)) {
          return Invalid(absl::StrCat(
              where, ": the fee must be non-negative, all in one currency"));
        }
        const bool last = i + 1 == tiers.size();
        if (last != !tier.up_to.has_value()) {
          return Invalid(absl::StrCat(
              where, last ? ": the last tier must have no up_to"
                          : ": every tier but the last needs up_to"));
        }
        if (i > 0 && !last &&
            tier.up_to->minor_units() <= tiers[i - 1].up_to->minor_units()) {
          return Invalid(absl::StrCat(where, ": up_to must increase"));
        }
      }
      break;
  }
  return absl::OkStatus();
}

absl::StatusOr<Money> DunningFee::For(Money balance) const {
  const std::optional<Currency> currency = FeeCurrency(*this);
  if (currency && !(*currency == balance.currency())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "dunning fee in ", currency->ToString(), " asked for a balance of ",
        balance.ToString(), "; relance never mixes currencies"));
  }
  if (!balance.IsPositive()) return Money::Zero(balance.currency());
  switch (kind) {
    case Kind::kFixed:
      return *fixed;
    case Kind::kPercent: {
      RELANCE_ASSIGN_OR_RETURN(Money fee,
                               MultiplyByRate(balance, percent, rounding));
      if (minimum && fee.minor_units() < minimum->minor_units()) fee = *minimum;
      if (maximum && fee.minor_units() > maximum->minor_units()) fee = *maximum;
      return fee;
    }
    case Kind::kTiered:
      for (const FeeTier& tier : tiers) {
        if (!tier.up_to || balance.minor_units() < tier.up_to->minor_units()) {
          return tier.fee;
        }
      }
      break;
  }
  return Money::Zero(balance.currency());
}

absl::StatusOr<DunningFee> DunningFee::FromJson(std::string_view json_text) {
  const internal::JsonReader reader("dunning fee");
  RELANCE_ASSIGN_OR_RETURN(internal::Json document, reader.Parse(json_text));
  if (!document.is_object()) {
    return reader.WrongType("", "a JSON object", document);
  }
  RELANCE_RETURN_IF_ERROR(reader.CheckKeys(
      "", document,
      {"fixed", "percent", "minimum", "maximum", "tiers", "rounding"}));
  const auto money = [&](const std::string& path,
                         const internal::Json& value) -> absl::StatusOr<Money> {
    RELANCE_ASSIGN_OR_RETURN(std::string text, reader.GetString(path, value));
    absl::StatusOr<Money> parsed = Money::Parse(text);
    if (!parsed.ok()) return reader.AtPath(path, parsed.status());
    return parsed;
  };
  const int kinds = static_cast<int>(document.contains("fixed")) +
                    static_cast<int>(document.contains("percent")) +
                    static_cast<int>(document.contains("tiers"));
  if (kinds != 1) {
    return reader.Invalid(
        "", "give exactly one of \"fixed\", \"percent\", \"tiers\"");
  }
  if (!document.contains("percent")) {
    for (const char* bound : {"minimum", "maximum"}) {
      if (document.contains(bound)) {
        return reader.Invalid(bound, "goes with \"percent\" only");
      }
    }
  }
  DunningFee fee;
  if (document.contains("fixed")) {
    fee.kind = Kind::kFixed;
    RELANCE_ASSIGN_OR_RETURN(fee.fixed, money("fixed", document["fixed"]));
  } else if (document.contains("percent")) {
    fee.kind = Kind::kPercent;
    RELANCE_ASSIGN_OR_RETURN(std::string text,
                             reader.GetString("percent", document["percent"]));
    // A bare "2" is rejected: 2 % or the ratio 2 (200 %)?
    absl::StatusOr<Rate> rate = Rate::ParsePercent(text);
    if (!rate.ok()) return reader.AtPath("percent", rate.status());
    fee.percent = *rate;
    if (document.contains("minimum")) {
      RELANCE_ASSIGN_OR_RETURN(fee.minimum,
                               money("minimum", document["minimum"]));
    }
    if (document.contains("maximum")) {
      RELANCE_ASSIGN_OR_RETURN(fee.maximum,
                               money("maximum", document["maximum"]));
    }
  } else {
    fee.kind = Kind::kTiered;
    const internal::Json& tiers = document["tiers"];
    if (!tiers.is_array()) return reader.WrongType("tiers", "an array", tiers);
    for (size_t i = 0; i < tiers.size(); ++i) {
      const std::string path = absl::StrCat("tiers[", i, "]");
      if (!tiers[i].is_object()) {
        return reader.WrongType(path, "an object", tiers[i]);
      }
      RELANCE_RETURN_IF_ERROR(
          reader.CheckKeys(path, tiers[i], {"up_to", "fee"}));
      if (!tiers[i].contains("fee")) {
        return reader.Invalid(absl::StrCat(path, ".fee"), "required");
      }
      FeeTier tier{.fee = Money::Zero(*Currency::FromCode("EUR"))};
      RELANCE_ASSIGN_OR_RETURN(
          tier.fee, money(absl::StrCat(path, ".fee"), tiers[i]["fee"]));
      if (tiers[i].contains("up_to")) {
        RELANCE_ASSIGN_OR_RETURN(
            tier.up_to, money(absl::StrCat(path, ".up_to"), tiers[i]["up_to"]));
      }
      fee.tiers.push_back(std::move(tier));
    }
  }
  if (document.contains("rounding")) {
    RELANCE_ASSIGN_OR_RETURN(
        std::string text, reader.GetString("rounding", document["rounding"]));
    absl::StatusOr<RoundingMode> mode = ParseRoundingMode(text);
    if (!mode.ok()) return reader.AtPath("rounding", mode.status());
    fee.rounding = *mode;
  }
  RELANCE_RETURN_IF_ERROR(fee.Validate());
  return fee;
}

}  // namespace relance
