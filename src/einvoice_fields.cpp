// The business-term reading both syntaxes share (einvoice_reader.hpp).
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "einvoice_reader.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/terms.hpp"

namespace relance::internal {
namespace {

bool IsXmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Debian's Abseil has its own string_view: these stay in std.
std::vector<std::string_view> SplitOn(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string MessageOf(const absl::Status& status) {
  return std::string(status.message());
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
}

}  // namespace

std::string_view TrimXmlSpace(std::string_view text) {
  while (!text.empty() && IsXmlSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsXmlSpace(text.back())) text.remove_suffix(1);
  return text;
}

absl::Status TermReader::Error(std::string_view term, std::string_view xpath,
                               std::string_view what) const {
  return absl::InvalidArgumentError(
      absl::StrCat(std::string(name_), ": ", std::string(term), " (",
                   std::string(xpath), "): ", std::string(what)));
}

std::string TermReader::Text(std::string_view xpath) const {
  std::optional<std::string> text = document_.Text(xpath);
  if (!text) return "";
  return std::string(TrimXmlSpace(*text));
}

absl::StatusOr<std::string> TermReader::Required(std::string_view term,
                                                 std::string_view xpath) const {
  std::string text = Text(xpath);
  if (text.empty()) return Error(term, xpath, "missing (mandatory)");
  return text;
}

absl::StatusOr<std::optional<Money>> TermReader::Amount(
    std::string_view term, std::string_view xpath, Currency currency) const {
  std::vector<xmlNodePtr> nodes = document_.Nodes(xpath);
  if (nodes.empty()) return std::optional<Money>();
  const std::string text = XmlDocument::Content(nodes.front());
  if (std::optional<std::string> currency_id =
          XmlDocument::Attribute(nodes.front(), "currencyID");
      currency_id.has_value() &&
      TrimXmlSpace(*currency_id) != currency.code()) {
    return Error(term, xpath,
                 absl::StrCat("currencyID \"", *currency_id,
                              "\" is not the invoice currency (BT-5) ",
                              currency.ToString()));
  }
  absl::StatusOr<Money> amount = ParseEInvoiceAmount(text, currency);
  if (!amount.ok()) return Error(term, xpath, MessageOf(amount.status()));
  return std::optional<Money>(*amount);
}

absl::StatusOr<Money> TermReader::RequiredAmount(std::string_view term,
                                                 std::string_view xpath,
                                                 Currency currency) const {
  RELANCE_ASSIGN_OR_RETURN(std::optional<Money> amount,
                           Amount(term, xpath, currency));
  if (!amount) return Error(term, xpath, "missing (mandatory)");
  return *amount;
}

absl::StatusOr<std::optional<Date>> TermReader::CiiDate(
    std::string_view term, std::string_view xpath) const {
  std::vector<xmlNodePtr> nodes = document_.Nodes(xpath);
  if (nodes.empty()) return std::optional<Date>();
  const std::optional<std::string> format =
      XmlDocument::Attribute(nodes.front(), "format");
  if (!format || TrimXmlSpace(*format) != "102") {
    return Error(term, xpath,
                 absl::StrCat("format \"", format.value_or(""),
                              "\": EN 16931 binds dates to format 102 "
                              "(CCYYMMDD)"));
  }
  absl::StatusOr<Date> date =
      ParseDate102(TrimXmlSpace(XmlDocument::Content(nodes.front())));
  if (!date.ok()) return Error(term, xpath, MessageOf(date.status()));
  return std::optional<Date>(*date);
}

absl::StatusOr<std::optional<Date>> TermReader::UblDate(
    std::string_view term, std::string_view xpath) const {
  std::vector<xmlNodePtr> nodes = document_.Nodes(xpath);
  if (nodes.empty()) return std::optional<Date>();
  absl::StatusOr<Date> date =
      ParseXsDate(TrimXmlSpace(XmlDocument::Content(nodes.front())));
  if (!date.ok()) return Error(term, xpath, MessageOf(date.status()));
  return std::optional<Date>(*date);
}

absl::StatusOr<Money> ParseEInvoiceAmount(std::string_view text,
                                          Currency currency) {
  std::string_view amount = TrimXmlSpace(text);
  const std::string quoted =
      absl::StrCat("amount \"", std::string(amount), "\"");
  if (amount.empty()) return absl::InvalidArgumentError("empty amount");
  if (amount.find(',') != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        quoted, ": a comma is not a decimal separator in XML (xs:decimal)"));
  }
  if (amount.front() == '+') amount.remove_prefix(1);
  std::string exact(amount);
  if (const size_t point = exact.find('.'); point != std::string::npos) {
    const size_t decimals = exact.size() - point - 1;
    const size_t allowed = static_cast<size_t>(currency.minor_digits());
    if (decimals > allowed) {
      const std::string_view extra =
          std::string_view(exact).substr(point + 1 + allowed);
      if (extra.find_first_not_of('0') != std::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat(
            quoted, ": ", decimals, " decimals, more than the ", allowed,
            " of ", currency.ToString(),
            " and not zeros (relance does not round an amount it is given)"));
      }
      exact.resize(allowed == 0 ? point : point + 1 + allowed);
    }
  }
  absl::StatusOr<Money> money = Money::ParseAmount(exact, currency);
  if (!money.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(quoted, ": ", money.status().message()));
  }
  return *money;
}

absl::StatusOr<Date> ParseDate102(std::string_view text) {
  if (text.size() != 8 || !AllDigits(text)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "date \"", std::string(text), "\": expected CCYYMMDD (format 102)"));
  }
  const std::string iso = absl::StrCat(std::string(text.substr(0, 4)), "-",
                                       std::string(text.substr(4, 2)), "-",
                                       std::string(text.substr(6, 2)));
  absl::StatusOr<Date> date = ParseDate(iso);
  if (!date.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("date \"", std::string(text), "\": not a calendar date"));
  }
  return *date;
}

absl::StatusOr<Date> ParseXsDate(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("date \"", std::string(text), "\": ", std::string(why)));
  };
  if (text.size() < 10) return bad("expected YYYY-MM-DD (xs:date)");
  const std::string_view day = text.substr(0, 10);
  if (!AllDigits(day.substr(0, 4)) || day[4] != '-' ||
      !AllDigits(day.substr(5, 2)) || day[7] != '-' ||
      !AllDigits(day.substr(8, 2))) {
    return bad("expected YYYY-MM-DD (xs:date)");
  }
  const std::string_view zone = text.substr(10);
  const bool zone_ok =
      zone.empty() || zone == "Z" ||
      (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') &&
       AllDigits(zone.substr(1, 2)) && zone[3] == ':' &&
       AllDigits(zone.substr(4, 2)));
  if (!zone_ok) return bad("expected a time zone Z or +hh:mm after the date");
  absl::StatusOr<Date> date = ParseDate(day);
  if (!date.ok()) return bad("not a calendar date");
  return *date;
}

std::optional<EInvoiceType> TypeOfCode(std::string_view type_code) {
  struct Row {
    std::string_view code;
    EInvoiceType type;
  };
  // UNTDID 1001 codes used by EN 16931 (380, 381, 384, 386, 389, 751), the
  // French list (BR-FR-04: 380 389 393 501 386 500 384 471 472 473 261 262
  // 381 396 502 503) and XRechnung (BR-DE-17: 326 380 381 384 389 875 876
  // 877). 503 (self-billed prepayment credit note) is a credit note here.
  static constexpr Row kRows[] = {
      {"380", EInvoiceType::kInvoice},    {"389", EInvoiceType::kInvoice},
      {"393", EInvoiceType::kInvoice},    {"501", EInvoiceType::kInvoice},
      {"326", EInvoiceType::kInvoice},    {"751", EInvoiceType::kInvoice},
      {"875", EInvoiceType::kInvoice},    {"876", EInvoiceType::kInvoice},
      {"877", EInvoiceType::kInvoice},    {"381", EInvoiceType::kCreditNote},
      {"261", EInvoiceType::kCreditNote}, {"262", EInvoiceType::kCreditNote},
      {"396", EInvoiceType::kCreditNote}, {"502", EInvoiceType::kCreditNote},
      {"503", EInvoiceType::kCreditNote}, {"384", EInvoiceType::kCorrective},
      {"471", EInvoiceType::kCorrective}, {"472", EInvoiceType::kCorrective},
      {"473", EInvoiceType::kCorrective}, {"386", EInvoiceType::kPrepayment},
      {"500", EInvoiceType::kPrepayment},
  };
  for (const Row& row : kRows) {
    if (row.code == type_code) return row.type;
  }
  return std::nullopt;
}

EInvoiceProfile ProfileOf(std::string_view id) {
  const std::string lower = absl::AsciiStrToLower(std::string(id));
  if (absl::StrContains(lower, "xrechnung")) return EInvoiceProfile::kXRechnung;
  if (absl::StrContains(lower, "extended-ctc-fr")) {
    return EInvoiceProfile::kExtendedCtcFr;
  }
  if (absl::StrContains(lower, "peppol")) return EInvoiceProfile::kPeppolBis;
  // Factur-X (urn:factur-x.eu:1p0:<profile>) and ZUGFeRD 2
  // (urn:zugferd.de:2p0:<profile>) end with the profile.
  if (absl::StrContains(lower, "factur-x.eu") ||
      absl::StrContains(lower, "zugferd.de")) {
    if (absl::EndsWith(lower, ":minimum")) return EInvoiceProfile::kMinimum;
    if (absl::EndsWith(lower, ":basicwl")) return EInvoiceProfile::kBasicWl;
    if (absl::EndsWith(lower, ":basic")) return EInvoiceProfile::kBasic;
    if (absl::EndsWith(lower, ":extended")) return EInvoiceProfile::kExtended;
    if (absl::EndsWith(lower, ":en16931")) return EInvoiceProfile::kEn16931;
  }
  if (lower == "urn:cen.eu:en16931:2017") return EInvoiceProfile::kEn16931;
  return EInvoiceProfile::kOther;
}

namespace {

// One XRechnung Skonto line, "#SKONTO#TAGE=7#PROZENT=2.00#" with an
// optional "BASISBETRAG=-3.21#" (BR-DE-18, itplr-kosit/xrechnung-schematron
// common.sch XR-SKONTO-REGEX). Read leniently: spaces around the line.
absl::StatusOr<EInvoiceDiscount> ParseSkontoLine(std::string_view line,
                                                 Currency currency) {
  std::vector<std::string_view> parts = SplitOn(line, '#');
  // "", "SKONTO", "TAGE=7", "PROZENT=2.00", ["BASISBETRAG=..."], ""
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Skonto line \"", std::string(line), "\": ", std::string(why)));
  };
  if (parts.size() < 5 || !parts.front().empty() || !parts.back().empty()) {
    return bad("expected #SKONTO#TAGE=n#PROZENT=p.pp#[BASISBETRAG=a.aa#]");
  }
  EInvoiceDiscount discount;
  bool days = false;
  bool percent = false;
  for (size_t i = 2; i + 1 < parts.size(); ++i) {
    const std::string_view part = parts[i];
    if (StartsWith(part, "TAGE=")) {
      int count = 0;
      const std::string_view digits = part.substr(5);
      if (!AllDigits(digits) || digits.size() > 5) {
        return bad("TAGE is not a number of days");
      }
      for (char c : digits) count = count * 10 + (c - '0');
      absl::StatusOr<DateFormula> within =
          DateFormula::Parse(absl::StrCat(count, "D"));
      if (!within.ok()) return bad(MessageOf(within.status()));
      discount.within = *within;
      days = true;
    } else if (StartsWith(part, "PROZENT=")) {
      absl::StatusOr<Rate> rate =
          Rate::ParsePercent(absl::StrCat(std::string(part.substr(8)), "%"));
      if (!rate.ok()) return bad(MessageOf(rate.status()));
      discount.percent = *rate;
      percent = true;
    } else if (StartsWith(part, "BASISBETRAG=")) {
      absl::StatusOr<Money> basis =
          ParseEInvoiceAmount(part.substr(12), currency);
      if (!basis.ok()) return bad(MessageOf(basis.status()));
      discount.basis_amount = *basis;
    } else {
      return bad(absl::StrCat("unknown part \"", std::string(part), "\""));
    }
  }
  if (!days || !percent) return bad("TAGE and PROZENT are required");
  return discount;
}

}  // namespace

void ReadDiscountsFromTerms(EInvoice& invoice) {
  if (invoice.discount_source == DiscountSource::kStructured) return;
  if (invoice.payment_terms.empty()) return;
  std::vector<EInvoiceDiscount> skonto;
  for (std::string_view line : SplitOn(invoice.payment_terms, '\n')) {
    line = TrimXmlSpace(line);
    if (!StartsWith(line, "#SKONTO#")) continue;
    absl::StatusOr<EInvoiceDiscount> discount =
        ParseSkontoLine(line, invoice.currency);
    if (!discount.ok()) {
      invoice.discounts.clear();
      invoice.discount_source = DiscountSource::kNotUnderstood;
      invoice.discount_note = std::string(discount.status().message());
      return;
    }
    skonto.push_back(*discount);
  }
  if (!skonto.empty()) {
    invoice.discounts = std::move(skonto);
    invoice.discount_source = DiscountSource::kSkonto;
    return;
  }
  absl::StatusOr<PaymentTerms> terms =
      PaymentTerms::Parse(invoice.payment_terms);
  if (!terms.ok()) {
    invoice.discount_source = DiscountSource::kNotUnderstood;
    invoice.discount_note = std::string(terms.status().message());
    return;
  }
  invoice.discount_source = DiscountSource::kTermsText;
  for (const DiscountTier& tier : terms->spec().discounts) {
    invoice.discounts.push_back(
        EInvoiceDiscount{.percent = tier.percent, .within = tier.within});
  }
}

EInvoiceNote SplitUblNote(std::string_view note) {
  // "#PMD#text": a code of letters between the first two '#'.
  if (note.size() >= 3 && note.front() == '#') {
    const size_t end = note.find('#', 1);
    if (end != std::string_view::npos && end > 1 &&
        std::all_of(note.begin() + 1, note.begin() + static_cast<long>(end),
                    [](char c) {
                      return absl::ascii_isalnum(static_cast<unsigned char>(c));
                    })) {
      return EInvoiceNote{.subject_code = std::string(note.substr(1, end - 1)),
                          .text = std::string(note.substr(end + 1))};
    }
  }
  return EInvoiceNote{.subject_code = "", .text = std::string(note)};
}

void PickFrenchNotes(EInvoice& invoice) {
  for (const EInvoiceNote& note : invoice.notes) {
    std::string* target = nullptr;
    if (note.subject_code == "PMD") target = &invoice.penalty_note;
    if (note.subject_code == "PMT") target = &invoice.recovery_fee_note;
    if (note.subject_code == "AAB") target = &invoice.discount_mention;
    if (target != nullptr && target->empty()) {
      *target = std::string(TrimXmlSpace(note.text));
    }
  }
}

void AddIban(EInvoice& invoice, std::string_view iban) {
  std::string compact;
  for (char c : iban) {
    if (!IsXmlSpace(c)) compact.push_back(c);
  }
  if (compact.empty()) return;
  if (std::find(invoice.ibans.begin(), invoice.ibans.end(), compact) ==
      invoice.ibans.end()) {
    invoice.ibans.push_back(std::move(compact));
  }
}

absl::StatusOr<std::vector<EInvoiceVatLine>> ReadVatBreakdown(
    const TermReader& reader, const VatBreakdownPaths& paths,
    Currency currency) {
  std::vector<EInvoiceVatLine> lines;
  const size_t count = reader.document().Nodes(paths.lines).size();
  for (size_t i = 1; i <= count; ++i) {
    const std::string line = absl::StrCat(paths.lines, "[", i, "]");
    EInvoiceVatLine vat_line;
    RELANCE_ASSIGN_OR_RETURN(
        vat_line.taxable,
        reader.RequiredAmount("BT-116", absl::StrCat(line, paths.taxable),
                              currency));
    RELANCE_ASSIGN_OR_RETURN(
        vat_line.vat, reader.RequiredAmount(
                          "BT-117", absl::StrCat(line, paths.vat), currency));
    const std::string percent_path = absl::StrCat(line, paths.percent);
    const std::string percent = reader.Text(percent_path);
    if (!percent.empty()) {
      const bool decimal =
          percent.find_first_not_of("0123456789.") == std::string::npos &&
          percent.front() != '.' && percent.find('.') == percent.rfind('.');
      absl::StatusOr<Rate> rate =
          decimal ? Rate::Parse(absl::StrCat(percent, "%"))
                  : absl::StatusOr<Rate>(absl::InvalidArgumentError(
                        "expected a non-negative decimal percent such as 20"));
      if (!rate.ok()) {
        return reader.Error(
            "BT-119", percent_path,
            absl::StrCat("\"", percent, "\": ", MessageOf(rate.status())));
      }
      vat_line.rate = *rate;
    }
    vat_line.category = reader.Text(absl::StrCat(line, paths.category));
    lines.push_back(std::move(vat_line));
  }
  return lines;
}

}  // namespace relance::internal
