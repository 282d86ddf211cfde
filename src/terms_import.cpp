// ImportTerms: other systems' stored payment terms compiled into relance's.
// Each importer turns a system's due-date rule into date formulas that give
// the same date for every invoice date (checked over two years in
// tests/terms_import_test.cpp); the comments quote the system's rule.
#include "relance/terms_import.hpp"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/enum_names.hpp"
#include "relance/internal/json_reader.hpp"
#include "relance/internal/status_macros.hpp"

namespace relance {
namespace {

using internal::Json;

// Formula pieces. dateutil's relativedelta(day=D) and SAP's fixed day set the
// day of the current month, clamped to its length: from any day of the
// month, -CM-1D (the last day of the previous month) then the next day D.
std::string SetDay(int day) {
  return absl::StrCat("-CM-1D+D", std::min(day, 31));
}
// The first day numbered D on or after the date (clamped to short months).
std::string OnOrAfterDay(int day) {
  return absl::StrCat("-1D+D", std::min(day, 31));
}

// The JSON path of `key` in the object at `path` ("" is the top level).
std::string At(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key)
                      : absl::StrCat(path, ".", std::string(key));
}

// Appends a formula part: joined by '+' unless it starts with its own sign.
void Then(std::string& formula, std::string_view part) {
  if (!formula.empty() && !part.starts_with('-')) formula += '+';
  formula += part;
}

class Importer {
 public:
  Importer(TermsSystem system, const TermsParseOptions& options,
           std::optional<Currency> currency)
      : reader_(absl::StrCat("terms (", std::string(ToString(system)), ")")),
        options_(options),
        currency_(currency) {
    spec_.rounding = options.rounding;
    spec_.discount_base = options.discount_base;
  }

  absl::StatusOr<Json> Parse(std::string_view text) {
    return reader_.Parse(text);
  }

  absl::StatusOr<PaymentTerms> Odoo(const Json& document);
  absl::StatusOr<PaymentTerms> ErpNext(const Json& document);
  absl::StatusOr<PaymentTerms> Tryton(const Json& document);
  absl::StatusOr<PaymentTerms> BusinessCentral(const Json& document);
  absl::StatusOr<PaymentTerms> Sap(const Json& document);

 private:
  // Compiles spec_, re-prefixing Create's errors with the system.
  absl::StatusOr<PaymentTerms> Finish() {
    absl::StatusOr<PaymentTerms> terms = PaymentTerms::Create(spec_);
    if (!terms.ok()) return reader_.AtPath("", terms.status());
    return terms;
  }

  // `<path>: "<value>": expected <expected>`.
  absl::Status Unexpected(const std::string& path, const std::string& value,
                          const std::string& expected) {
    return reader_.Invalid(
        path, absl::StrCat("\"", value, "\": expected ", expected));
  }

  absl::Status RequireObject(const std::string& path, const Json& value) {
    if (!value.is_object()) return reader_.WrongType(path, "an object", value);
    return absl::OkStatus();
  }

  absl::StatusOr<const Json*> Array(const std::string& path, const Json& object,
                                    const char* key) {
    if (!object.contains(key)) {
      return reader_.Invalid(At(path, key), "required");
    }
    const Json& value = object[key];
    if (!value.is_array() || value.empty()) {
      return reader_.Invalid(At(path, key), "expected a non-empty array");
    }
    return &value;
  }

  // A number's shortest decimal text ("33.33"), or a string's text. null and
  // false (how Odoo and Tryton write "not set") are absent.
  absl::StatusOr<std::optional<std::string>> Decimal(const std::string& path,
                                                     const Json& object,
                                                     const char* key) {
    if (!object.contains(key)) return std::optional<std::string>();
    const Json& value = object[key];
    if (value.is_null() || (value.is_boolean() && !value.get<bool>())) {
      return std::optional<std::string>();
    }
    if (value.is_string()) return value.get<std::string>();
    if (value.is_object() && value.contains("decimal") &&
        value["decimal"].is_string()) {
      return value["decimal"].get<std::string>();  // Tryton JSON-RPC Decimal
    }
    if (value.is_number()) return value.dump();
    return reader_.WrongType(At(path, key), "a number", value);
  }

  // A whole number (0 when absent), within [low, high].
  absl::StatusOr<int> Int(const std::string& path, const Json& object,
                          const char* key, int low, int high) {
    RELANCE_ASSIGN_OR_RETURN(std::optional<std::string> text,
                             Decimal(path, object, key));
    if (!text.has_value()) return 0;
    int value = 0;
    std::string_view digits = *text;
    const bool negative = digits.starts_with('-');
    if (negative) digits.remove_prefix(1);
    // "30.0" (a float column) is 30.
    if (const size_t dot = digits.find('.');
        dot != std::string_view::npos &&
        digits.substr(dot + 1).find_first_not_of('0') ==
            std::string_view::npos) {
      digits = digits.substr(0, dot);
    }
    if (digits.empty() || digits.size() > 6 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
      return reader_.Invalid(
          At(path, key),
          absl::StrCat("\"", *text, "\": expected a whole number"));
    }
    for (char c : digits) value = value * 10 + (c - '0');
    if (negative) value = -value;
    if (value < low || value > high) {
      return reader_.Invalid(
          At(path, key), absl::StrCat(value, " is outside ", low, "..", high));
    }
    return value;
  }

  // A percentage written as a number of percent (Odoo's 33.33).
  absl::StatusOr<std::optional<Rate>> Percent(const std::string& path,
                                              const Json& object,
                                              const char* key) {
    RELANCE_ASSIGN_OR_RETURN(std::optional<std::string> text,
                             Decimal(path, object, key));
    if (!text.has_value()) return std::optional<Rate>();
    absl::StatusOr<Rate> rate = Rate::Parse(absl::StrCat(*text, "%"));
    if (!rate.ok()) {
      return reader_.AtPath(At(path, key), rate.status());
    }
    if (*rate == Rate()) return std::optional<Rate>();
    return std::optional<Rate>(*rate);
  }

  absl::StatusOr<std::string> String(const std::string& path,
                                     const Json& object, const char* key,
                                     std::string fallback) {
    if (!object.contains(key) || object[key].is_null()) return fallback;
    return reader_.GetString(At(path, key), object[key]);
  }

  absl::StatusOr<bool> Bool(const std::string& path, const Json& object,
                            const char* key) {
    if (!object.contains(key) || object[key].is_null()) return false;
    return reader_.GetBool(At(path, key), object[key]);
  }

  // Parses a formula built here and drops its steps that add nothing (0D,
  // 0M), so that ToString() reads as a person would write it.
  absl::StatusOr<DateFormula> Formula(const std::string& path,
                                      const std::string& text) {
    absl::StatusOr<DateFormula> formula = DateFormula::Parse(text);
    if (!formula.ok()) return reader_.AtPath(path, formula.status());
    std::vector<FormulaStep> steps;
    for (const FormulaStep& step : formula->steps()) {
      if (step.kind != FormulaStep::Kind::kAdd || step.count != 0) {
        steps.push_back(step);
      }
    }
    if (steps.empty() || steps.size() == formula->steps().size()) {
      return formula;
    }
    return DateFormula::FromSteps(std::move(steps));
  }

  absl::StatusOr<Money> Fixed(const std::string& path, const Json& object,
                              const char* key) {
    RELANCE_ASSIGN_OR_RETURN(std::optional<std::string> text,
                             Decimal(path, object, key));
    const std::string where = At(path, key);
    if (!text.has_value()) return reader_.Invalid(where, "required");
    if (!currency_.has_value()) {
      return reader_.Invalid(where,
                             "a fixed amount needs the invoice's currency");
    }
    absl::StatusOr<Money> amount = Money::ParseAmount(*text, *currency_);
    if (!amount.ok()) return reader_.AtPath(where, amount.status());
    return amount;
  }

  absl::StatusOr<DiscountBase> OdooDiscountBase(const Json& document) {
    RELANCE_ASSIGN_OR_RETURN(
        std::string text,
        String("", document, "early_pay_discount_computation", ""));
    if (text.empty()) return spec_.discount_base;
    if (text == "included") return DiscountBase::kTotal;
    if (text == "excluded") return DiscountBase::kUntaxed;
    if (text == "mixed") return DiscountBase::kMixed;
    return Unexpected("early_pay_discount_computation", text,
                      "included, excluded or mixed");
  }

  // Odoo 14, 15: AccountPaymentTerm.compute.
  absl::StatusOr<std::string> OdooUpTo15Due(const std::string& path,
                                            const Json& line) {
    RELANCE_ASSIGN_OR_RETURN(int days, Int(path, line, "days", 0, 99999));
    RELANCE_ASSIGN_OR_RETURN(int day_of_month,
                             Int(path, line, "day_of_the_month", 0, 99999));
    RELANCE_ASSIGN_OR_RETURN(
        std::string option,
        String(path, line, "option", "day_after_invoice_date"));
    if (option == "day_after_invoice_date") {
      // next_date += days; if day_of_the_month > 0: the same month when
      // day_of_the_month >= next_date.day, else the next one, with
      // relativedelta(day=day_of_the_month) clamping to the month.
      std::string formula = absl::StrCat(days, "D");
      if (day_of_month > 0) {
        Then(formula, OnOrAfterDay(day_of_month));
      }
      return formula;
    }
    if (option == "after_invoice_month") {
      // The first of the next month + (days - 1) days.
      return absl::StrCat("CM+", days, "D");
    }
    // relativedelta(day=days, months=1 or 0); day=0 leaves the day as it is.
    if (option == "day_following_month") {
      return days == 0 ? std::string("1M")
                       : absl::StrCat("CM+D", std::min(days, 31));
    }
    if (option == "day_current_month") {
      return days == 0 ? std::string("0D") : SetDay(days);
    }
    return Unexpected(absl::StrCat(path, ".option"), option,
                      "day_after_invoice_date, "
                      "after_invoice_month, day_following_month or "
                      "day_current_month");
  }

  // Odoo 16: AccountPaymentTermLine._get_due_date.
  absl::StatusOr<std::string> Odoo16Due(const std::string& path,
                                        const Json& line) {
    RELANCE_ASSIGN_OR_RETURN(int months, Int(path, line, "months", 0, 99999));
    // Negative days are allowed: Odoo's "Next 10th of the month" is -10 days,
    // end of month, +10 days.
    RELANCE_ASSIGN_OR_RETURN(int days, Int(path, line, "days", -99999, 99999));
    RELANCE_ASSIGN_OR_RETURN(bool end_month, Bool(path, line, "end_month"));
    RELANCE_ASSIGN_OR_RETURN(int days_after,
                             Int(path, line, "days_after", -99999, 99999));
    std::string formula = absl::StrCat(months, "M");
    Then(formula, absl::StrCat(days, "D"));
    if (end_month) {
      Then(formula, "CM");
      Then(formula, absl::StrCat(days_after, "D"));
    }
    return formula;
  }

  // Odoo 17, 18: AccountPaymentTermLine._get_due_date.
  absl::StatusOr<std::string> Odoo17Due(const std::string& path,
                                        const Json& line) {
    RELANCE_ASSIGN_OR_RETURN(int days, Int(path, line, "nb_days", 0, 99999));
    RELANCE_ASSIGN_OR_RETURN(std::string type,
                             String(path, line, "delay_type", "days_after"));
    if (type == "days_after") return absl::StrCat(days, "D");
    if (type == "days_after_end_of_month")
      return absl::StrCat("CM+", days, "D");
    if (type == "days_after_end_of_next_month") {
      return absl::StrCat("1M+CM+", days, "D");
    }
    if (type == "days_end_of_month_on_the") {
      // int(days_next_month), 1 when it is not a number; 0: the end of the
      // month of date + nb_days; else relativedelta(months=1, day=X).
      int day = 1;
      if (line.contains("days_next_month") &&
          !line["days_next_month"].is_null()) {
        absl::StatusOr<int> parsed = Int(path, line, "days_next_month", 0, 31);
        if (parsed.ok()) day = *parsed;
      }
      if (day == 0) return absl::StrCat(days, "D+CM");
      return absl::StrCat(days, "D+CM+D", day);
    }
    return Unexpected(absl::StrCat(path, ".delay_type"), type,
                      "days_after, days_after_end_of_month, "
                      "days_after_end_of_next_month or "
                      "days_end_of_month_on_the");
  }

  // ERPNext get_due_date / get_discount_date.
  absl::StatusOr<std::string> ErpNextDate(const std::string& path,
                                          const std::string& based_on, int days,
                                          int months) {
    if (based_on == "Day(s) after invoice date") return absl::StrCat(days, "D");
    if (based_on == "Day(s) after the end of the invoice month") {
      return absl::StrCat("CM+", days, "D");
    }
    if (based_on == "Month(s) after the end of the invoice month") {
      // get_last_day(add_months(date, months)).
      return absl::StrCat(months, "M+CM");
    }
    return Unexpected(path, based_on,
                      "\"Day(s) after invoice date\", "
                      "\"Day(s) after the end of the invoice month\" or "
                      "\"Month(s) after the end of the invoice month\"");
  }

  absl::StatusOr<InstalmentLine> TrytonDates(const std::string& path,
                                             const Json& line);
  absl::StatusOr<std::string> SapTerm(const std::string& path, const Json& row,
                                      int k, const std::string& baseline);

  internal::JsonReader reader_;
  TermsParseOptions options_;
  std::optional<Currency> currency_;
  TermsSpec spec_;
};

absl::StatusOr<PaymentTerms> Importer::Odoo(const Json& document) {
  RELANCE_RETURN_IF_ERROR(RequireObject("", document));
  RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
      "", document,
      {"name", "line_ids", "early_discount", "discount_percentage",
       "discount_days", "early_pay_discount_computation"}));
  RELANCE_ASSIGN_OR_RETURN(const Json* lines, Array("", document, "line_ids"));
  RELANCE_ASSIGN_OR_RETURN(spec_.discount_base, OdooDiscountBase(document));
  // The generation, from the fields its lines use (a line with only value,
  // value_amount and days means the same in 14, 15 and 16).
  auto any_line_has = [&](std::initializer_list<const char*> keys) {
    for (const Json& line : *lines) {
      for (const char* key : keys) {
        if (line.is_object() && line.contains(key)) return true;
      }
    }
    return false;
  };
  const bool v17 = any_line_has({"delay_type", "nb_days", "days_next_month"});
  const bool v16 =
      !v17 && any_line_has({"months", "end_month", "days_after",
                            "discount_percentage", "discount_days"});
  // Odoo <= 15 orders lines by sequence, then id (their order here).
  std::vector<size_t> order(lines->size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<int> sequence(lines->size(), 0);
  for (size_t i = 0; i < lines->size(); ++i) {
    const std::string path = absl::StrCat("line_ids[", i, "]");
    RELANCE_RETURN_IF_ERROR(RequireObject(path, (*lines)[i]));
    RELANCE_ASSIGN_OR_RETURN(sequence[i],
                             Int(path, (*lines)[i], "sequence", -99999, 99999));
  }
  if (!v16 && !v17) {
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return sequence[a] < sequence[b];
    });
  }
  for (size_t k = 0; k < order.size(); ++k) {
    const size_t i = order[k];
    const Json& line = (*lines)[i];
    const std::string path = absl::StrCat("line_ids[", i, "]");
    std::vector<std::string_view> keys = {"id", "sequence", "value",
                                          "value_amount"};
    if (v17) {
      keys.insert(keys.end(), {"delay_type", "nb_days", "days_next_month"});
    } else if (v16) {
      keys.insert(keys.end(), {"months", "days", "end_month", "days_after",
                               "discount_percentage", "discount_days"});
    } else {
      keys.insert(keys.end(), {"days", "day_of_the_month", "option"});
    }
    RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(path, line, keys));
    InstalmentLine parsed{.adjustment = options_.adjustment};
    RELANCE_ASSIGN_OR_RETURN(
        std::string value,
        String(path, line, "value", v17 || v16 ? "percent" : "balance"));
    // Odoo 17+: "the last line is always the balance, no matter the type".
    if (value == "balance" || (v17 && k + 1 == order.size())) {
      parsed.share = InstalmentLine::Share::kBalance;
    } else if (value == "percent") {
      RELANCE_ASSIGN_OR_RETURN(std::optional<Rate> percent,
                               Percent(path, line, "value_amount"));
      if (!percent.has_value()) continue;  // 0 %: Odoo schedules nothing
      parsed.share = InstalmentLine::Share::kPercent;
      parsed.percent = *percent;
    } else if (value == "fixed") {
      parsed.share = InstalmentLine::Share::kFixed;
      RELANCE_ASSIGN_OR_RETURN(parsed.fixed, Fixed(path, line, "value_amount"));
    } else {
      return Unexpected(absl::StrCat(path, ".value"), value,
                        "balance, percent or fixed");
    }
    std::string due;
    if (v17) {
      RELANCE_ASSIGN_OR_RETURN(due, Odoo17Due(path, line));
    } else if (v16) {
      RELANCE_ASSIGN_OR_RETURN(due, Odoo16Due(path, line));
      RELANCE_ASSIGN_OR_RETURN(std::optional<Rate> discount,
                               Percent(path, line, "discount_percentage"));
      if (discount.has_value()) {
        RELANCE_ASSIGN_OR_RETURN(int days,
                                 Int(path, line, "discount_days", 0, 99999));
        RELANCE_ASSIGN_OR_RETURN(DateFormula within,
                                 Formula(absl::StrCat(path, ".discount_days"),
                                         absl::StrCat(days, "D")));
        parsed.discounts.push_back({.percent = *discount, .within = within});
      }
    } else {
      RELANCE_ASSIGN_OR_RETURN(due, OdooUpTo15Due(path, line));
    }
    RELANCE_ASSIGN_OR_RETURN(parsed.due, Formula(path, due));
    spec_.lines.push_back(std::move(parsed));
  }
  RELANCE_ASSIGN_OR_RETURN(bool early, Bool("", document, "early_discount"));
  if (early) {
    RELANCE_ASSIGN_OR_RETURN(std::optional<Rate> percent,
                             Percent("", document, "discount_percentage"));
    RELANCE_ASSIGN_OR_RETURN(int days,
                             Int("", document, "discount_days", 1, 99999));
    if (!percent.has_value()) {
      return reader_.Invalid("discount_percentage",
                             "an early discount needs a percentage");
    }
    RELANCE_ASSIGN_OR_RETURN(DateFormula within,
                             Formula("discount_days", absl::StrCat(days, "D")));
    spec_.discounts.push_back({.percent = *percent, .within = within});
  }
  return Finish();
}

absl::StatusOr<PaymentTerms> Importer::ErpNext(const Json& document) {
  RELANCE_RETURN_IF_ERROR(RequireObject("", document));
  RELANCE_RETURN_IF_ERROR(
      reader_.CheckKeys("", document,
                        {"name", "template_name", "terms",
                         "allocate_payment_based_on_payment_terms"}));
  RELANCE_ASSIGN_OR_RETURN(const Json* rows, Array("", document, "terms"));
  for (size_t i = 0; i < rows->size(); ++i) {
    const Json& row = (*rows)[i];
    const std::string path = absl::StrCat("terms[", i, "]");
    RELANCE_RETURN_IF_ERROR(RequireObject(path, row));
    RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
        path, row,
        {"idx", "payment_term", "description", "invoice_portion",
         "mode_of_payment", "due_date_based_on", "credit_days", "credit_months",
         "discount_type", "discount", "discount_validity_based_on",
         "discount_validity"}));
    InstalmentLine line{.share = InstalmentLine::Share::kPercent,
                        .adjustment = options_.adjustment};
    RELANCE_ASSIGN_OR_RETURN(std::optional<Rate> portion,
                             Percent(path, row, "invoice_portion"));
    if (!portion.has_value()) {
      return reader_.Invalid(absl::StrCat(path, ".invoice_portion"),
                             "required and positive");
    }
    line.percent = *portion;
    RELANCE_ASSIGN_OR_RETURN(int days, Int(path, row, "credit_days", 0, 99999));
    RELANCE_ASSIGN_OR_RETURN(int months,
                             Int(path, row, "credit_months", 0, 99999));
    RELANCE_ASSIGN_OR_RETURN(
        std::string based_on,
        String(path, row, "due_date_based_on", "Day(s) after invoice date"));
    const std::string due_path = absl::StrCat(path, ".due_date_based_on");
    RELANCE_ASSIGN_OR_RETURN(std::string due,
                             ErpNextDate(due_path, based_on, days, months));
    RELANCE_ASSIGN_OR_RETURN(line.due, Formula(due_path, due));
    RELANCE_ASSIGN_OR_RETURN(std::optional<Rate> discount,
                             Percent(path, row, "discount"));
    if (discount.has_value()) {
      RELANCE_ASSIGN_OR_RETURN(
          std::string type, String(path, row, "discount_type", "Percentage"));
      if (type != "Percentage") {
        return reader_.Invalid(
            absl::StrCat(path, ".discount_type"),
            absl::StrCat("\"", type,
                         "\": only percentage discounts can be imported"));
      }
      RELANCE_ASSIGN_OR_RETURN(int validity,
                               Int(path, row, "discount_validity", 0, 99999));
      RELANCE_ASSIGN_OR_RETURN(std::string validity_based_on,
                               String(path, row, "discount_validity_based_on",
                                      "Day(s) after invoice date"));
      const std::string within_path =
          absl::StrCat(path, ".discount_validity_based_on");
      RELANCE_ASSIGN_OR_RETURN(
          std::string within,
          ErpNextDate(within_path, validity_based_on, validity, validity));
      RELANCE_ASSIGN_OR_RETURN(DateFormula formula,
                               Formula(within_path, within));
      line.discounts.push_back({.percent = *discount, .within = formula});
    }
    spec_.lines.push_back(std::move(line));
  }
  return Finish();
}

// Tryton: PaymentTermLine.get_date adds each relativedelta in turn. dateutil
// applies one as: month (if set) then + months, the day (if set, else the
// date's own) clamped to that month, then + days + 7 x weeks, then the first
// `weekday` on or after.
absl::StatusOr<InstalmentLine> Importer::TrytonDates(const std::string& path,
                                                     const Json& line) {
  InstalmentLine parsed{.adjustment = options_.adjustment};
  // The first delta sets a month but no day: the invoice's own day.
  bool keep_invoice_day = false;
  const Json empty = Json::array();
  const Json& deltas =
      line.contains("relativedeltas") && !line["relativedeltas"].is_null()
          ? line["relativedeltas"]
          : empty;
  if (!deltas.is_array()) {
    return reader_.WrongType(absl::StrCat(path, ".relativedeltas"), "an array",
                             deltas);
  }
  // Each delta as a month part and a days/weekday part.
  std::vector<std::pair<std::string, std::string>> steps;
  for (size_t d = 0; d < deltas.size(); ++d) {
    const std::string delta_path =
        absl::StrCat(path, ".relativedeltas[", d, "]");
    const Json& delta = deltas[d];
    RELANCE_RETURN_IF_ERROR(RequireObject(delta_path, delta));
    RELANCE_RETURN_IF_ERROR(
        reader_.CheckKeys(delta_path, delta,
                          {"id", "sequence", "day", "month", "weekday",
                           "months", "weeks", "days"}));
    RELANCE_ASSIGN_OR_RETURN(int day, Int(delta_path, delta, "day", 0, 31));
    RELANCE_ASSIGN_OR_RETURN(int month, Int(delta_path, delta, "month", 0, 12));
    RELANCE_ASSIGN_OR_RETURN(int months,
                             Int(delta_path, delta, "months", -99999, 99999));
    RELANCE_ASSIGN_OR_RETURN(int weeks,
                             Int(delta_path, delta, "weeks", -9999, 9999));
    RELANCE_ASSIGN_OR_RETURN(int days,
                             Int(delta_path, delta, "days", -99999, 99999));
    std::optional<int> weekday;
    if (delta.contains("weekday") && !delta["weekday"].is_null() &&
        !(delta["weekday"].is_boolean() && !delta["weekday"].get<bool>())) {
      RELANCE_ASSIGN_OR_RETURN(weekday,
                               Int(delta_path, delta, "weekday", 0, 6));
    }
    std::string head;
    if (month > 0) {
      // January 1st of the year, then to the month (+ months).
      head = absl::StrCat("-CY+", month - 1 + months, "M");
      if (day > 0) {
        Then(head, SetDay(day));
      } else if (d == 0) {
        keep_invoice_day = true;
      } else {
        return reader_.Invalid(
            absl::StrCat(delta_path, ".month"),
            "a month without a day keeps the day of the date before, which "
            "relance can only take from the invoice date (first "
            "relativedelta)");
      }
    } else {
      head = absl::StrCat(months, "M");
      if (day > 0) Then(head, SetDay(day));
    }
    std::string tail = absl::StrCat(days + 7 * weeks, "D");
    if (weekday.has_value()) {
      Then(tail, absl::StrCat("-1D+WD", *weekday + 1));  // 0 = Monday
    }
    steps.emplace_back(std::move(head), std::move(tail));
  }
  auto join = [&](std::optional<int> invoice_day) {
    std::string formula = "0D";
    for (size_t s = 0; s < steps.size(); ++s) {
      Then(formula, steps[s].first);
      if (s == 0 && invoice_day.has_value()) {
        Then(formula, SetDay(*invoice_day));
      }
      Then(formula, steps[s].second);
    }
    return formula;
  };
  if (keep_invoice_day) {
    // The invoice's own day number in another month: one formula per day
    // of the invoice date.
    for (int invoice_day = 1; invoice_day <= 31; ++invoice_day) {
      DayLimit limit{.up_to_day = invoice_day};
      RELANCE_ASSIGN_OR_RETURN(limit.due, Formula(path, join(invoice_day)));
      parsed.day_limits.push_back(std::move(limit));
    }
    parsed.due = parsed.day_limits.back().due;
  } else {
    RELANCE_ASSIGN_OR_RETURN(parsed.due, Formula(path, join(std::nullopt)));
  }
  return parsed;
}

absl::StatusOr<PaymentTerms> Importer::Tryton(const Json& document) {
  RELANCE_RETURN_IF_ERROR(RequireObject("", document));
  RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
      "", document, {"id", "name", "description", "active", "lines"}));
  RELANCE_ASSIGN_OR_RETURN(const Json* lines, Array("", document, "lines"));
  std::vector<size_t> order(lines->size());
  std::vector<int> sequence(lines->size(), 0);
  for (size_t i = 0; i < lines->size(); ++i) {
    order[i] = i;
    const std::string path = absl::StrCat("lines[", i, "]");
    RELANCE_RETURN_IF_ERROR(RequireObject(path, (*lines)[i]));
    RELANCE_ASSIGN_OR_RETURN(sequence[i],
                             Int(path, (*lines)[i], "sequence", -99999, 99999));
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return sequence[a] < sequence[b];
  });
  // What is left of the total, as a fraction, while only percentages came
  // before: "percent" lines take a ratio of the remainder.
  Rate remainder = Rate::FromPercent(100);
  bool fixed_before = false;
  for (size_t i : order) {
    const Json& line = (*lines)[i];
    const std::string path = absl::StrCat("lines[", i, "]");
    RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
        path, line,
        {"id", "sequence", "type", "ratio", "divisor", "percentage", "amount",
         "currency", "relativedeltas"}));
    RELANCE_ASSIGN_OR_RETURN(InstalmentLine parsed, TrytonDates(path, line));
    RELANCE_ASSIGN_OR_RETURN(std::string type,
                             String(path, line, "type", "remainder"));
    if (type == "remainder") {
      parsed.share = InstalmentLine::Share::kBalance;
    } else if (type == "fixed") {
      parsed.share = InstalmentLine::Share::kFixed;
      RELANCE_ASSIGN_OR_RETURN(parsed.fixed, Fixed(path, line, "amount"));
      fixed_before = true;
    } else if (type == "percent" || type == "percent_on_total") {
      RELANCE_ASSIGN_OR_RETURN(std::optional<std::string> ratio_text,
                               Decimal(path, line, "ratio"));
      absl::StatusOr<Rate> ratio = absl::InvalidArgumentError("missing");
      if (ratio_text.has_value()) {
        ratio = Rate::Parse(*ratio_text);
      } else {
        RELANCE_ASSIGN_OR_RETURN(std::optional<std::string> percentage,
                                 Decimal(path, line, "percentage"));
        if (percentage.has_value()) {
          ratio = Rate::Parse(absl::StrCat(*percentage, "%"));
        }
      }
      if (!ratio.ok()) {
        return reader_.Invalid(absl::StrCat(path, ".ratio"),
                               "expected a ratio such as \"0.25\"");
      }
      Rate of_total = *ratio;
      if (type == "percent") {
        if (fixed_before) {
          return reader_.Invalid(
              absl::StrCat(path, ".type"),
              "a percentage of the remainder after a fixed line depends on "
              "the total: relance percentages are of the total");
        }
        // ratio x remainder, exact in parts per billion or refused.
        const absl::int128 product = absl::int128(ratio->parts_per_billion()) *
                                     remainder.parts_per_billion();
        if (product % 1'000'000'000 != 0) {
          return reader_.Invalid(
              absl::StrCat(path, ".ratio"),
              "this percentage of the remainder is not an exact percentage "
              "of the total");
        }
        of_total = Rate::FromPartsPerBillion(
            static_cast<int64_t>(product / 1'000'000'000));
        remainder = Rate::FromPartsPerBillion(remainder.parts_per_billion() -
                                              of_total.parts_per_billion());
      } else {
        remainder = Rate::FromPartsPerBillion(remainder.parts_per_billion() -
                                              of_total.parts_per_billion());
      }
      parsed.share = InstalmentLine::Share::kPercent;
      parsed.percent = of_total;
    } else {
      return Unexpected(absl::StrCat(path, ".type"), type,
                        "fixed, percent, percent_on_total or "
                        "remainder");
    }
    spec_.lines.push_back(std::move(parsed));
  }
  return Finish();
}

absl::StatusOr<PaymentTerms> Importer::BusinessCentral(const Json& document) {
  RELANCE_RETURN_IF_ERROR(RequireObject("", document));
  RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
      "", document,
      {"id", "code", "displayName", "dueDateCalculation",
       "discountDateCalculation", "discountPercent",
       "calculateDiscountOnCreditMemos", "lastModifiedDateTime"}));
  // An empty Due Date Calculation is the posting date itself.
  RELANCE_ASSIGN_OR_RETURN(std::string due,
                           String("", document, "dueDateCalculation", ""));
  InstalmentLine line{.adjustment = options_.adjustment};
  RELANCE_ASSIGN_OR_RETURN(
      line.due, Formula("dueDateCalculation", due.empty() ? "0D" : due));
  spec_.lines.push_back(std::move(line));
  RELANCE_ASSIGN_OR_RETURN(std::optional<Rate> percent,
                           Percent("", document, "discountPercent"));
  if (percent.has_value()) {
    RELANCE_ASSIGN_OR_RETURN(
        std::string within,
        String("", document, "discountDateCalculation", ""));
    RELANCE_ASSIGN_OR_RETURN(
        DateFormula formula,
        Formula("discountDateCalculation", within.empty() ? "0D" : within));
    spec_.discounts.push_back({.percent = *percent, .within = formula});
  }
  RELANCE_ASSIGN_OR_RETURN(
      spec_.discounts_on_credit_notes,
      Bool("", document, "calculateDiscountOnCreditMemos"));
  return Finish();
}

// One SAP term k (1..3) from the baseline date: a fixed day ZSTGk in the
// month ZSMNk months on, or ZTAGk days.
absl::StatusOr<std::string> Importer::SapTerm(const std::string& path,
                                              const Json& row, int k,
                                              const std::string& baseline) {
  const std::string tag = absl::StrCat("ZTAG", k);
  const std::string stg = absl::StrCat("ZSTG", k);
  const std::string smn = absl::StrCat("ZSMN", k);
  RELANCE_ASSIGN_OR_RETURN(int days, Int(path, row, tag.c_str(), 0, 999));
  RELANCE_ASSIGN_OR_RETURN(int fixed_day, Int(path, row, stg.c_str(), 0, 31));
  RELANCE_ASSIGN_OR_RETURN(int months, Int(path, row, smn.c_str(), 0, 99));
  if (fixed_day > 0) {
    if (days > 0) {
      return reader_.Invalid(
          At(path, stg), absl::StrCat("give ", tag, " or ", stg, ", not both"));
    }
    std::string term = absl::StrCat(baseline, "+", months, "M");
    Then(term, SetDay(fixed_day));
    return term;
  }
  return absl::StrCat(baseline, "+", days, "D");
}

absl::StatusOr<PaymentTerms> Importer::Sap(const Json& document) {
  std::vector<Json> rows;
  if (document.is_array()) {
    rows.assign(document.begin(), document.end());
  } else {
    rows.push_back(document);
  }
  if (rows.empty()) return reader_.Invalid("", "no T052 row");
  // Rows in increasing day limit; 0 (no limit) stands for 31.
  std::vector<std::pair<int, size_t>> limits;
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string path =
        document.is_array() ? absl::StrCat("[", i, "]") : std::string();
    RELANCE_RETURN_IF_ERROR(RequireObject(path, rows[i]));
    RELANCE_RETURN_IF_ERROR(reader_.CheckKeys(
        path, rows[i],
        {"MANDT", "ZTERM", "ZTAGG", "ZDART", "ZFAEL", "ZMONA", "ZTAG1", "ZPRZ1",
         "ZSTG1", "ZSMN1", "ZTAG2", "ZPRZ2", "ZSTG2", "ZSMN2", "ZTAG3", "ZSTG3",
         "ZSMN3", "TEXT1"}));
    RELANCE_ASSIGN_OR_RETURN(int limit, Int(path, rows[i], "ZTAGG", 0, 31));
    limits.emplace_back(limit == 0 ? 31 : limit, i);
  }
  std::sort(limits.begin(), limits.end());
  if (limits.back().first != 31) {
    return reader_.Invalid("ZTAGG",
                           "the last day limit must be 31 (SAP cannot "
                           "compute later days either)");
  }
  InstalmentLine line{.adjustment = options_.adjustment};
  std::optional<std::vector<DiscountTier>> discounts;
  for (const auto& [limit, i] : limits) {
    const Json& row = rows[i];
    const std::string path =
        document.is_array() ? absl::StrCat("[", i, "]") : std::string();
    // The baseline date: the invoice date, moved to the fixed day ZFAEL of
    // the month ZMONA months on (31: its last day), or ZMONA months on.
    RELANCE_ASSIGN_OR_RETURN(int fixed_day, Int(path, row, "ZFAEL", 0, 31));
    RELANCE_ASSIGN_OR_RETURN(int extra_months, Int(path, row, "ZMONA", 0, 99));
    std::string baseline = absl::StrCat(extra_months, "M");
    if (fixed_day > 0) Then(baseline, SetDay(fixed_day));
    // Terms 1 and 2 with a percentage are discounts; the last term given is
    // the net due date.
    std::vector<DiscountTier> tiers;
    std::string net;
    for (int k = 1; k <= 3; ++k) {
      RELANCE_ASSIGN_OR_RETURN(std::string term,
                               SapTerm(path, row, k, baseline));
      RELANCE_ASSIGN_OR_RETURN(
          int days, Int(path, row, absl::StrCat("ZTAG", k).c_str(), 0, 999));
      RELANCE_ASSIGN_OR_RETURN(
          int day, Int(path, row, absl::StrCat("ZSTG", k).c_str(), 0, 31));
      const bool given = days > 0 || day > 0;
      if (k > 1 && !given) break;
      std::optional<Rate> percent;
      if (k < 3) {
        RELANCE_ASSIGN_OR_RETURN(
            percent, Percent(path, row, absl::StrCat("ZPRZ", k).c_str()));
      }
      if (percent.has_value()) {
        RELANCE_ASSIGN_OR_RETURN(DateFormula within, Formula(path, term));
        tiers.push_back({.percent = *percent, .within = within});
      }
      net = term;
    }
    if (discounts.has_value() &&
        !(tiers.size() == discounts->size() &&
          std::equal(tiers.begin(), tiers.end(), discounts->begin(),
                     [](const DiscountTier& a, const DiscountTier& b) {
                       return a.percent == b.percent && a.within == b.within;
                     }))) {
      return reader_.Invalid(
          path,
          "cash discount terms that differ between day limits cannot "
          "be imported");
    }
    discounts = tiers;
    RELANCE_ASSIGN_OR_RETURN(DateFormula due, Formula(path, net));
    if (limit == 31) {
      line.due = due;
    } else {
      line.day_limits.push_back({.up_to_day = limit, .due = due});
    }
  }
  spec_.lines.push_back(std::move(line));
  spec_.discounts = discounts.value_or(std::vector<DiscountTier>{});
  return Finish();
}

}  // namespace

constexpr internal::EnumName<TermsSystem> kTermsSystemNames[] = {
    {TermsSystem::kOdoo, "odoo"},
    {TermsSystem::kErpNext, "erpnext"},
    {TermsSystem::kTryton, "tryton"},
    {TermsSystem::kBusinessCentral, "business-central"},
    {TermsSystem::kSap, "sap"},
};

std::string_view ToString(TermsSystem system) {
  return internal::NameOf(kTermsSystemNames, system);
}

absl::StatusOr<TermsSystem> ParseTermsSystem(std::string_view text) {
  return internal::ParseName(kTermsSystemNames, text, "terms system");
}

absl::StatusOr<PaymentTerms> ImportTerms(TermsSystem system,
                                         std::string_view json_text,
                                         const TermsParseOptions& options,
                                         std::optional<Currency> currency) {
  Importer importer(system, options, currency);
  RELANCE_ASSIGN_OR_RETURN(Json document, importer.Parse(json_text));
  switch (system) {
    case TermsSystem::kOdoo:
      return importer.Odoo(document);
    case TermsSystem::kErpNext:
      return importer.ErpNext(document);
    case TermsSystem::kTryton:
      return importer.Tryton(document);
    case TermsSystem::kBusinessCentral:
      return importer.BusinessCentral(document);
    case TermsSystem::kSap:
      return importer.Sap(document);
  }
  return absl::InvalidArgumentError("terms: unknown system");
}

absl::StatusOr<PaymentTerms> PaymentTerms::FromSystem(
    TermsSystem system, std::string_view json_text,
    const TermsParseOptions& options, std::optional<Currency> currency) {
  return ImportTerms(system, json_text, options, currency);
}

}  // namespace relance
