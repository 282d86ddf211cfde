// PaymentTerms::FromJson: the structured JSON form of terms (docs/terms.md).
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/builtin_calendars.hpp"
#include "relance/internal/json_reader.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/terms.hpp"

namespace relance {
namespace {

using internal::Json;

class TermsJsonParser {
 public:
  explicit TermsJsonParser(const TermsParseOptions& options)
      : reader_("terms"), options_(options) {}

  absl::StatusOr<PaymentTerms> Parse(std::string_view json_text) {
    RELANCE_ASSIGN_OR_RETURN(Json document, reader_.Parse(json_text));
    if (!document.is_object()) {
      return reader_.WrongType("", "a JSON object", document);
    }
    RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
        "", document,
        {"text", "eom_reading", "lines", "discounts", "rounding",
         "month_overflow", "sticky_month_end", "adjust"}));
    RELANCE_RETURN_IF_ERROR(ReadOptions(document));
    if (document.contains("text")) {
      if (document.contains("lines") || document.contains("discounts")) {
        return reader_.Invalid("text",
                               "give either \"text\" or \"lines\", not both");
      }
      RELANCE_ASSIGN_OR_RETURN(std::string text,
                               reader_.GetString("text", document["text"]));
      absl::StatusOr<PaymentTerms> terms = PaymentTerms::Parse(text, options_);
      if (!terms.ok()) return reader_.AtPath("text", terms.status());
      return terms;
    }
    if (!document.contains("lines")) {
      return reader_.Invalid("", "give \"text\" or \"lines\"");
    }
    TermsSpec spec{.rounding = options_.rounding};
    const Json& lines = document["lines"];
    if (!lines.is_array()) return reader_.WrongType("lines", "an array", lines);
    for (size_t i = 0; i < lines.size(); ++i) {
      RELANCE_ASSIGN_OR_RETURN(
          InstalmentLine line,
          ReadLine(absl::StrCat("lines[", i, "]"), lines[i]));
      spec.lines.push_back(std::move(line));
    }
    if (document.contains("discounts")) {
      RELANCE_ASSIGN_OR_RETURN(
          spec.discounts, ReadDiscounts("discounts", document["discounts"]));
    }
    absl::StatusOr<PaymentTerms> terms = PaymentTerms::Create(std::move(spec));
    if (!terms.ok()) {
      // Create's messages already start with "terms: ".
      return terms.status();
    }
    return terms;
  }

 private:
  absl::Status ReadOptions(const Json& document) {
    if (document.contains("eom_reading")) {
      RELANCE_ASSIGN_OR_RETURN(
          options_.end_of_month_reading,
          reader_.GetParsed("eom_reading", document["eom_reading"],
                            ParseEndOfMonthReading));
    }
    if (document.contains("rounding")) {
      RELANCE_ASSIGN_OR_RETURN(
          options_.rounding, reader_.GetParsed("rounding", document["rounding"],
                                               ParseRoundingMode));
    }
    if (document.contains("month_overflow")) {
      RELANCE_ASSIGN_OR_RETURN(
          std::string text,
          reader_.GetString("month_overflow", document["month_overflow"]));
      if (text == "clamp") {
        options_.formula_options.month_overflow = MonthOverflow::kClamp;
      } else if (text == "spill-over") {
        options_.formula_options.month_overflow = MonthOverflow::kSpillOver;
      } else {
        return reader_.Invalid("month_overflow",
                               absl::StrCat(internal::QuoteForMessage(text),
                                            ": expected clamp or spill-over"));
      }
    }
    if (document.contains("sticky_month_end")) {
      RELANCE_ASSIGN_OR_RETURN(
          options_.formula_options.sticky_month_end,
          reader_.GetBool("sticky_month_end", document["sticky_month_end"]));
    }
    if (document.contains("adjust")) {
      RELANCE_ASSIGN_OR_RETURN(options_.adjustment,
                               ReadAdjustment("adjust", document["adjust"]));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<BusinessDayAdjustment> ReadAdjustment(const std::string& path,
                                                       const Json& value) {
    if (!value.is_object()) return reader_.WrongType(path, "an object", value);
    RELANCE_RETURN_IF_ERROR(
        reader_.CheckKeys(path, value, {"calendar", "convention"}));
    if (!value.contains("calendar")) {
      return reader_.Invalid(absl::StrCat(path, ".calendar"), "required");
    }
    BusinessDayAdjustment adjustment;
    RELANCE_ASSIGN_OR_RETURN(
        std::string code,
        reader_.GetString(absl::StrCat(path, ".calendar"), value["calendar"]));
    absl::StatusOr<std::shared_ptr<const BusinessCalendar>> calendar =
        BuiltinCalendar(code);
    if (!calendar.ok()) {
      return reader_.AtPath(absl::StrCat(path, ".calendar"), calendar.status());
    }
    adjustment.calendar = *calendar;
    if (value.contains("convention")) {
      RELANCE_ASSIGN_OR_RETURN(
          std::string text, reader_.GetString(absl::StrCat(path, ".convention"),
                                              value["convention"]));
      absl::StatusOr<BusinessDayConvention> convention =
          ParseBusinessDayConvention(text);
      if (!convention.ok()) {
        return reader_.AtPath(absl::StrCat(path, ".convention"),
                              convention.status());
      }
      adjustment.convention = *convention;
    }
    return adjustment;
  }

  absl::StatusOr<DateFormula> ReadFormula(const std::string& path,
                                          const Json& value) {
    return reader_.GetParsed(path, value, [this](std::string_view text) {
      return DateFormula::Parse(text, options_.formula_options);
    });
  }

  absl::StatusOr<Rate> ReadPercent(const std::string& path, const Json& value) {
    return reader_.GetParsed(path, value, Rate::ParsePercent);
  }

  absl::StatusOr<std::vector<DiscountTier>> ReadDiscounts(
      const std::string& path, const Json& value) {
    if (!value.is_array()) return reader_.WrongType(path, "an array", value);
    std::vector<DiscountTier> tiers;
    for (size_t i = 0; i < value.size(); ++i) {
      const std::string tier_path = absl::StrCat(path, "[", i, "]");
      const Json& tier = value[i];
      if (!tier.is_object()) {
        return reader_.WrongType(tier_path, "an object", tier);
      }
      RELANCE_RETURN_IF_ERROR(
          reader_.CheckKeys(tier_path, tier, {"percent", "within"}));
      for (const char* key : {"percent", "within"}) {
        if (!tier.contains(key)) {
          return reader_.Invalid(absl::StrCat(tier_path, ".", key), "required");
        }
      }
      DiscountTier parsed;
      RELANCE_ASSIGN_OR_RETURN(
          parsed.percent,
          ReadPercent(absl::StrCat(tier_path, ".percent"), tier["percent"]));
      RELANCE_ASSIGN_OR_RETURN(
          parsed.within,
          ReadFormula(absl::StrCat(tier_path, ".within"), tier["within"]));
      tiers.push_back(std::move(parsed));
    }
    return tiers;
  }

  absl::StatusOr<InstalmentLine> ReadLine(const std::string& path,
                                          const Json& value) {
    if (!value.is_object()) return reader_.WrongType(path, "an object", value);
    RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
        path, value,
        {"percent", "fixed", "balance", "due", "adjust", "discounts"}));
    const int shares = static_cast<int>(value.contains("percent")) +
                       static_cast<int>(value.contains("fixed")) +
                       static_cast<int>(value.contains("balance"));
    if (shares != 1) {
      return reader_.Invalid(
          path, "give exactly one of \"percent\", \"fixed\", \"balance\"");
    }
    if (!value.contains("due")) {
      return reader_.Invalid(absl::StrCat(path, ".due"), "required");
    }
    InstalmentLine line{.adjustment = options_.adjustment};
    if (value.contains("percent")) {
      line.share = InstalmentLine::Share::kPercent;
      RELANCE_ASSIGN_OR_RETURN(
          line.percent,
          ReadPercent(absl::StrCat(path, ".percent"), value["percent"]));
    } else if (value.contains("fixed")) {
      line.share = InstalmentLine::Share::kFixed;
      const std::string fixed_path = absl::StrCat(path, ".fixed");
      RELANCE_ASSIGN_OR_RETURN(std::string text,
                               reader_.GetString(fixed_path, value["fixed"]));
      absl::StatusOr<Money> fixed = Money::Parse(text);
      if (!fixed.ok()) return reader_.AtPath(fixed_path, fixed.status());
      line.fixed = *fixed;
    } else {
      RELANCE_ASSIGN_OR_RETURN(
          bool balance,
          reader_.GetBool(absl::StrCat(path, ".balance"), value["balance"]));
      if (!balance) {
        return reader_.Invalid(absl::StrCat(path, ".balance"),
                               "must be true when given");
      }
      line.share = InstalmentLine::Share::kBalance;
    }
    RELANCE_ASSIGN_OR_RETURN(
        line.due, ReadFormula(absl::StrCat(path, ".due"), value["due"]));
    if (value.contains("adjust")) {
      RELANCE_ASSIGN_OR_RETURN(
          line.adjustment,
          ReadAdjustment(absl::StrCat(path, ".adjust"), value["adjust"]));
    }
    if (value.contains("discounts")) {
      RELANCE_ASSIGN_OR_RETURN(
          line.discounts,
          ReadDiscounts(absl::StrCat(path, ".discounts"), value["discounts"]));
    }
    return line;
  }

  internal::JsonReader reader_;
  TermsParseOptions options_;
};

}  // namespace

absl::StatusOr<PaymentTerms> PaymentTerms::FromJson(
    std::string_view json_text, const TermsParseOptions& options) {
  TermsJsonParser parser(options);
  return parser.Parse(json_text);
}

}  // namespace relance
