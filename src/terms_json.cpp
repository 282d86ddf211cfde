// PaymentTerms::FromJson: the structured JSON form of terms (docs/terms.md).
#include <string>
#include <utility>
#include <vector>

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
         "month_overflow", "sticky_month_end", "adjust", "discount_base",
         "discounts_on_credit_notes"}));
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
    TermsSpec spec{.rounding = options_.rounding,
                   .discount_base = options_.discount_base};
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
    if (document.contains("discounts_on_credit_notes")) {
      RELANCE_ASSIGN_OR_RETURN(
          spec.discounts_on_credit_notes,
          reader_.GetBool("discounts_on_credit_notes",
                          document["discounts_on_credit_notes"]));
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
    if (document.contains("discount_base")) {
      RELANCE_ASSIGN_OR_RETURN(
          options_.discount_base,
          reader_.GetParsed("discount_base", document["discount_base"],
                            ParseDiscountBase));
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

  // An array of objects with exactly the keys `keys`, all required, each
  // read by `read_one(item_path, item)`.
  template <typename T, typename ReadOne>
  absl::StatusOr<std::vector<T>> ReadList(
      const std::string& path, const Json& value,
      const std::vector<std::string_view>& keys, const ReadOne& read_one) {
    if (!value.is_array()) return reader_.WrongType(path, "an array", value);
    std::vector<T> items;
    for (size_t i = 0; i < value.size(); ++i) {
      const std::string item_path = absl::StrCat(path, "[", i, "]");
      const Json& item = value[i];
      if (!item.is_object()) {
        return reader_.WrongType(item_path, "an object", item);
      }
      RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(item_path, item, keys));
      for (std::string_view key : keys) {
        if (!item.contains(key)) {
          return reader_.Invalid(absl::StrCat(item_path, ".", std::string(key)),
                                 "required");
        }
      }
      RELANCE_ASSIGN_OR_RETURN(T parsed, read_one(item_path, item));
      items.push_back(std::move(parsed));
    }
    return items;
  }

  absl::StatusOr<std::vector<DiscountTier>> ReadDiscounts(
      const std::string& path, const Json& value) {
    return ReadList<DiscountTier>(
        path, value, {"percent", "within"},
        [this](const std::string& item_path,
               const Json& tier) -> absl::StatusOr<DiscountTier> {
          DiscountTier parsed;
          RELANCE_ASSIGN_OR_RETURN(
              parsed.percent, ReadPercent(absl::StrCat(item_path, ".percent"),
                                          tier["percent"]));
          RELANCE_ASSIGN_OR_RETURN(
              parsed.within,
              ReadFormula(absl::StrCat(item_path, ".within"), tier["within"]));
          return parsed;
        });
  }

  absl::StatusOr<std::vector<DayLimit>> ReadDayLimits(const std::string& path,
                                                      const Json& value) {
    return ReadList<DayLimit>(
        path, value, {"up_to_day", "due"},
        [this](const std::string& item_path,
               const Json& item) -> absl::StatusOr<DayLimit> {
          DayLimit limit;
          RELANCE_ASSIGN_OR_RETURN(
              limit.up_to_day,
              reader_.GetInt(absl::StrCat(item_path, ".up_to_day"),
                             item["up_to_day"]));
          RELANCE_ASSIGN_OR_RETURN(
              limit.due,
              ReadFormula(absl::StrCat(item_path, ".due"), item["due"]));
          return limit;
        });
  }

  absl::StatusOr<InstalmentLine> ReadLine(const std::string& path,
                                          const Json& value) {
    if (!value.is_object()) return reader_.WrongType(path, "an object", value);
    RELANCE_RETURN_IF_ERROR(
        reader_.CheckKeys(path, value,
                          {"percent", "fixed", "balance", "due", "cutoff_day",
                           "day_limits", "adjust", "discounts"}));
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
    if (value.contains("cutoff_day")) {
      RELANCE_ASSIGN_OR_RETURN(line.cutoff_day,
                               reader_.GetInt(absl::StrCat(path, ".cutoff_day"),
                                              value["cutoff_day"]));
    }
    if (value.contains("day_limits")) {
      RELANCE_ASSIGN_OR_RETURN(line.day_limits,
                               ReadDayLimits(absl::StrCat(path, ".day_limits"),
                                             value["day_limits"]));
    }
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
