#include "store/aging.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "json_document.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/rounding.hpp"

namespace relance::store {
namespace {

using Json = internal::OrderedJson;

constexpr int kMaxDsoWindowDays = 3660;

size_t Index(AgingBucket bucket) { return static_cast<size_t>(bucket); }

// "invoices[3] (FA-2026-0004)", how an error names an invoice.
std::string Where(size_t index, const AgingInvoice& invoice) {
  return absl::StrCat("invoices[", index, "] (",
                      internal::QuoteForMessage(invoice.invoice), ")");
}

absl::Status CheckInvoice(size_t index, const AgingInvoice& invoice,
                          Date as_of) {
  const Currency currency = invoice.amount.currency();
  const auto fail = [&](std::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(
        "aging: ", Where(index, invoice), ": ", std::string(what)));
  };
  if (currency == Currency()) return fail("amount has no currency (XXX)");
  if (!invoice.amount.IsPositive()) {
    return fail(
        absl::StrCat("amount ", invoice.amount.ToString(), " is not positive"));
  }
  if (invoice.outstanding.currency() != currency) {
    return fail(absl::StrCat("outstanding ", invoice.outstanding.ToString(),
                             " is not in the amount's currency ",
                             currency.ToString()));
  }
  if (invoice.outstanding.IsNegative()) {
    return fail(absl::StrCat("outstanding ", invoice.outstanding.ToString(),
                             " is negative"));
  }
  if (invoice.penalties.has_value()) {
    if (invoice.penalties->currency() != currency) {
      return fail(absl::StrCat("penalties ", invoice.penalties->ToString(),
                               " are not in the amount's currency ",
                               currency.ToString()));
    }
    if (invoice.penalties->IsNegative()) {
      return fail(absl::StrCat("penalties ", invoice.penalties->ToString(),
                               " are negative"));
    }
  }
  if (!invoice.disputed.IsZero()) {
    if (invoice.disputed.currency() != currency) {
      return fail(absl::StrCat("disputed ", invoice.disputed.ToString(),
                               " is not in the amount's currency ",
                               currency.ToString()));
    }
    if (invoice.disputed.IsNegative() ||
        invoice.disputed.minor_units() > invoice.outstanding.minor_units()) {
      return fail(absl::StrCat("disputed ", invoice.disputed.ToString(),
                               " is not within 0..outstanding ",
                               invoice.outstanding.ToString()));
    }
  }
  if (invoice.issue_date > as_of) {
    return fail(absl::StrCat("issued on ", FormatDate(invoice.issue_date),
                             ", after the as-of date ", FormatDate(as_of)));
  }
  if (invoice.due_date < invoice.issue_date) {
    return fail(absl::StrCat("due on ", FormatDate(invoice.due_date),
                             ", before its issue date ",
                             FormatDate(invoice.issue_date)));
  }
  return absl::OkStatus();
}

// A total that would exceed Money's bound names what it was adding.
absl::Status AddTo(Money& total, Money amount, size_t index,
                   const AgingInvoice& invoice) {
  absl::StatusOr<Money> sum = Add(total, amount);
  if (!sum.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("aging: ", Where(index, invoice),
                     ": total out of bounds: ", sum.status().message()));
  }
  total = *sum;
  return absl::OkStatus();
}

AgingLine EmptyLine(Currency currency) {
  AgingLine line;
  line.currency = currency;
  for (AgingBucketTotal& bucket : line.buckets) {
    bucket.amount = Money::Zero(currency);
  }
  line.outstanding = line.overdue = line.disputed = line.penalties =
      line.sales = Money::Zero(currency);
  return line;
}

// Adds one invoice to a line: its sale when issued in the window, its
// ageing when open.
absl::Status Accumulate(AgingLine& line, size_t index,
                        const AgingInvoice& invoice, Date as_of,
                        Date window_start) {
  if (invoice.issue_date >= window_start && invoice.issue_date <= as_of) {
    RELANCE_RETURN_IF_ERROR(AddTo(line.sales, invoice.amount, index, invoice));
  }
  if (!invoice.outstanding.IsPositive()) return absl::OkStatus();
  const AgingBucket bucket = BucketOf(invoice.due_date, as_of);
  AgingBucketTotal& total = line.buckets[Index(bucket)];
  RELANCE_RETURN_IF_ERROR(
      AddTo(total.amount, invoice.outstanding, index, invoice));
  ++total.count;
  RELANCE_RETURN_IF_ERROR(
      AddTo(line.outstanding, invoice.outstanding, index, invoice));
  if (bucket != AgingBucket::kNotDue) {
    RELANCE_RETURN_IF_ERROR(
        AddTo(line.overdue, invoice.outstanding, index, invoice));
  }
  if (!invoice.disputed.IsZero()) {
    RELANCE_RETURN_IF_ERROR(
        AddTo(line.disputed, invoice.disputed, index, invoice));
  }
  ++line.open_invoices;
  if (invoice.penalties.has_value()) {
    RELANCE_RETURN_IF_ERROR(
        AddTo(line.penalties, *invoice.penalties, index, invoice));
  } else {
    ++line.penalties_unknown;
  }
  return absl::OkStatus();
}

// outstanding / sales x window days, in tenths of a day, half away from
// zero: 10 x window x outstanding / sales. Both amounts are below 10^17 and
// the window below 10^4, so the numerator stays below 2^127.
void SetDso(AgingLine& line, int window_days) {
  if (!line.sales.IsPositive()) {
    line.dso_tenths = std::nullopt;
    return;
  }
  const absl::int128 numerator =
      absl::int128(line.outstanding.minor_units()) * 10 * window_days;
  line.dso_tenths = static_cast<int64_t>(DivideRounded(
      numerator, line.sales.minor_units(), RoundingMode::kHalfAwayFromZero));
}

// --- Text helpers ------------------------------------------------------------

// Characters a terminal shows for UTF-8 text (code points; every name is
// taken as one column per character).
size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string PadLeft(std::string_view text, size_t width) {
  const size_t shown = DisplayWidth(text);
  return absl::StrCat(std::string(width > shown ? width - shown : 0, ' '),
                      std::string(text));
}

std::string PadRight(std::string_view text, size_t width) {
  const size_t shown = DisplayWidth(text);
  return absl::StrCat(std::string(text),
                      std::string(width > shown ? width - shown : 0, ' '));
}

// "12,400.00": the amount with thousands separators, without the code.
std::string Grouped(Money amount) {
  return amount.FormatAmount({.thousands_separator = ','});
}

// part / whole as a percentage to one decimal, half away from zero:
// "42.5%"; "-" when the whole is zero.
std::string Share(Money part, Money whole) {
  if (!whole.IsPositive()) return "-";
  const auto tenths = static_cast<int64_t>(
      DivideRounded(absl::int128(part.minor_units()) * 1000,
                    whole.minor_units(), RoundingMode::kHalfAwayFromZero));
  return absl::StrCat(tenths / 10, ".", tenths % 10, "%");
}

// A table: rows of cells, each column left- or right-aligned, two spaces
// between columns, no trailing spaces.
struct Table {
  std::vector<bool> right_aligned;
  std::vector<std::vector<std::string>> rows;

  std::string Render(std::string_view indent) const {
    std::vector<size_t> widths(right_aligned.size(), 0);
    for (const auto& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        widths[i] = std::max(widths[i], DisplayWidth(row[i]));
      }
    }
    std::string out;
    for (const auto& row : rows) {
      std::string line(indent);
      for (size_t i = 0; i < row.size(); ++i) {
        if (i > 0) line += "  ";
        line += right_aligned[i] ? PadLeft(row[i], widths[i])
                                 : PadRight(row[i], widths[i]);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      absl::StrAppend(&out, line, "\n");
    }
    return out;
  }
};

std::string InvoicesText(int64_t count) {
  return absl::StrCat(count, count == 1 ? " invoice" : " invoices");
}

// --- CSV and XML helpers -----------------------------------------------------

// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line
// break, or starts or ends with a space.
std::string CsvField(std::string_view text) {
  const bool quote =
      text.find_first_of(",\"\r\n") != std::string_view::npos ||
      (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// Text for XML character data or an attribute value: & < > " ' escaped,
// control characters other than tab and line feed (not allowed in XML 1.0)
// replaced by U+FFFD.
std::string XmlEscaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

std::string_view ToString(AgingBucket bucket) {
  switch (bucket) {
    case AgingBucket::kNotDue:
      return "not_due";
    case AgingBucket::kDays1To30:
      return "1-30";
    case AgingBucket::kDays31To60:
      return "31-60";
    case AgingBucket::kDays61To90:
      return "61-90";
    case AgingBucket::kOver90:
      return "over_90";
  }
  return "?";
}

std::string_view Label(AgingBucket bucket) {
  switch (bucket) {
    case AgingBucket::kNotDue:
      return "not due";
    case AgingBucket::kDays1To30:
      return "1-30 days";
    case AgingBucket::kDays31To60:
      return "31-60 days";
    case AgingBucket::kDays61To90:
      return "61-90 days";
    case AgingBucket::kOver90:
      return "over 90 days";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& os, AgingBucket bucket) {
  return os << ToString(bucket);
}

std::optional<int> FirstDayOf(AgingBucket bucket) {
  switch (bucket) {
    case AgingBucket::kNotDue:
      return std::nullopt;
    case AgingBucket::kDays1To30:
      return 1;
    case AgingBucket::kDays31To60:
      return 31;
    case AgingBucket::kDays61To90:
      return 61;
    case AgingBucket::kOver90:
      return 91;
  }
  return std::nullopt;
}

std::optional<int> LastDayOf(AgingBucket bucket) {
  switch (bucket) {
    case AgingBucket::kNotDue:
      return 0;
    case AgingBucket::kDays1To30:
      return 30;
    case AgingBucket::kDays31To60:
      return 60;
    case AgingBucket::kDays61To90:
      return 90;
    case AgingBucket::kOver90:
      return std::nullopt;
  }
  return std::nullopt;
}

AgingBucket BucketOf(Date due_date, Date as_of) {
  const int64_t days_past_due = (as_of - due_date).count();
  if (days_past_due <= 0) return AgingBucket::kNotDue;
  if (days_past_due <= 30) return AgingBucket::kDays1To30;
  if (days_past_due <= 60) return AgingBucket::kDays31To60;
  if (days_past_due <= 90) return AgingBucket::kDays61To90;
  return AgingBucket::kOver90;
}

std::string AgingLine::DsoText() const {
  if (!dso_tenths.has_value()) return "n/a";
  return absl::StrCat(*dso_tenths / 10, ".", *dso_tenths % 10);
}

absl::Status AgingOptions::Validate() const {
  if (dso_window_days < 1 || dso_window_days > kMaxDsoWindowDays) {
    return absl::InvalidArgumentError(
        absl::StrCat("aging: dso_window_days: ", dso_window_days,
                     " is outside 1..", kMaxDsoWindowDays));
  }
  return absl::OkStatus();
}

absl::StatusOr<AgingReport> ComputeAging(std::span<const AgingInvoice> invoices,
                                         Date as_of,
                                         const AgingOptions& options) {
  RELANCE_RETURN_IF_ERROR(options.Validate());
  AgingReport report;
  report.as_of = as_of;
  report.dso_window_days = options.dso_window_days;
  report.dso_window_start = as_of - Days{options.dso_window_days - 1};
  report.by_customer = options.by_customer;

  // Ordered maps: currencies by code, customers by id then code.
  std::map<std::string, AgingLine> by_currency;
  std::map<std::pair<std::string, std::string>, CustomerAging> by_customer;
  for (size_t i = 0; i < invoices.size(); ++i) {
    const AgingInvoice& invoice = invoices[i];
    RELANCE_RETURN_IF_ERROR(CheckInvoice(i, invoice, as_of));
    const Currency currency = invoice.amount.currency();
    const std::string code = currency.ToString();
    const auto line = by_currency.try_emplace(code, EmptyLine(currency)).first;
    RELANCE_RETURN_IF_ERROR(
        Accumulate(line->second, i, invoice, as_of, report.dso_window_start));
    if (options.by_customer) {
      const auto entry =
          by_customer
              .try_emplace(std::pair(invoice.customer, code),
                           CustomerAging{.customer = invoice.customer,
                                         .name = invoice.customer_name,
                                         .line = EmptyLine(currency)})
              .first;
      if (entry->second.name.empty())
        entry->second.name = invoice.customer_name;
      RELANCE_RETURN_IF_ERROR(Accumulate(entry->second.line, i, invoice, as_of,
                                         report.dso_window_start));
    }
  }
  for (auto& [code, line] : by_currency) {
    SetDso(line, options.dso_window_days);
    report.currencies.push_back(std::move(line));
  }
  for (auto& [key, customer] : by_customer) {
    if (customer.line.open_invoices == 0) continue;
    SetDso(customer.line, options.dso_window_days);
    report.customers.push_back(std::move(customer));
  }
  return report;
}

// --- Text
// ----------------------------------------------------------------------

std::string AgingToText(const AgingReport& report) {
  std::string out =
      absl::StrCat("Ageing of receivables as of ", FormatDate(report.as_of),
                   " (days past due)\n");
  if (report.currencies.empty()) {
    absl::StrAppend(&out, "\nNo invoices.\n");
    return out;
  }
  for (const AgingLine& line : report.currencies) {
    const std::string code = line.currency.ToString();
    Table table{.right_aligned = {false, true, true, true}, .rows = {}};
    table.rows.push_back({code, "amount", "invoices", "share"});
    for (AgingBucket bucket : kAllAgingBuckets) {
      const AgingBucketTotal& total = line.bucket(bucket);
      table.rows.push_back({std::string(Label(bucket)), Grouped(total.amount),
                            absl::StrCat(total.count),
                            Share(total.amount, line.outstanding)});
    }
    table.rows.push_back({"outstanding", Grouped(line.outstanding),
                          absl::StrCat(line.open_invoices),
                          Share(line.outstanding, line.outstanding)});
    table.rows.push_back({"overdue", Grouped(line.overdue), "",
                          Share(line.overdue, line.outstanding)});
    table.rows.push_back({"disputed", Grouped(line.disputed), "",
                          Share(line.disputed, line.outstanding)});
    absl::StrAppend(&out, "\n", table.Render("  "));
    absl::StrAppend(&out, "  penalties accrued: ", Grouped(line.penalties), " ",
                    code);
    if (line.penalties_unknown > 0) {
      absl::StrAppend(&out, " (not known for ",
                      InvoicesText(line.penalties_unknown), ")");
    }
    absl::StrAppend(&out, "\n  DSO: ", line.DsoText(),
                    line.dso_tenths.has_value() ? " days" : "",
                    " (sales issued ", FormatDate(report.dso_window_start),
                    " to ", FormatDate(report.as_of), ": ", Grouped(line.sales),
                    " ", code, ")\n");
  }
  if (report.by_customer) {
    absl::StrAppend(&out, "\nBy customer\n");
    if (report.customers.empty()) {
      absl::StrAppend(&out, "  No open invoices.\n");
      return out;
    }
    Table table{.right_aligned = {false, false, false, true, true, true, true,
                                  true, true, true},
                .rows = {}};
    std::vector<std::string> header = {"customer", "name", "currency"};
    for (AgingBucket bucket : kAllAgingBuckets) {
      header.emplace_back(Label(bucket));
    }
    header.emplace_back("outstanding");
    header.emplace_back("DSO");
    table.rows.push_back(std::move(header));
    for (const CustomerAging& customer : report.customers) {
      std::vector<std::string> row = {customer.customer, customer.name,
                                      customer.line.currency.ToString()};
      for (AgingBucket bucket : kAllAgingBuckets) {
        row.push_back(Grouped(customer.line.bucket(bucket).amount));
      }
      row.push_back(Grouped(customer.line.outstanding));
      row.push_back(customer.line.DsoText());
      table.rows.push_back(std::move(row));
    }
    absl::StrAppend(&out, table.Render("  "));
  }
  return out;
}

// --- CSV
// -----------------------------------------------------------------------

std::string AgingToCsv(const AgingReport& report) {
  std::string out = "scope,customer,customer_name,currency";
  for (AgingBucket bucket : kAllAgingBuckets) {
    // "not_due", "days_1_30", ..., "over_90": column names a data frame
    // can use as identifiers.
    std::string stem(ToString(bucket));
    if (FirstDayOf(bucket).has_value() && LastDayOf(bucket).has_value()) {
      stem =
          absl::StrCat("days_", *FirstDayOf(bucket), "_", *LastDayOf(bucket));
    }
    absl::StrAppend(&out, ",", stem, ",", stem, "_count");
  }
  absl::StrAppend(&out,
                  ",outstanding,overdue,disputed,open_invoices,penalties,"
                  "penalties_unknown,sales,dso_days\n");
  const auto row = [&out](std::string_view scope, std::string_view customer,
                          std::string_view name, const AgingLine& line) {
    absl::StrAppend(&out, std::string(scope), ",", CsvField(customer), ",",
                    CsvField(name), ",", line.currency.ToString());
    for (const AgingBucketTotal& bucket : line.buckets) {
      absl::StrAppend(&out, ",", bucket.amount.FormatAmount(), ",",
                      bucket.count);
    }
    absl::StrAppend(&out, ",", line.outstanding.FormatAmount(), ",",
                    line.overdue.FormatAmount(), ",",
                    line.disputed.FormatAmount(), ",", line.open_invoices, ",",
                    line.penalties.FormatAmount(), ",", line.penalties_unknown,
                    ",", line.sales.FormatAmount(), ",",
                    line.dso_tenths.has_value() ? line.DsoText() : "", "\n");
  };
  for (const AgingLine& line : report.currencies) row("currency", "", "", line);
  for (const CustomerAging& customer : report.customers) {
    row("customer", customer.customer, customer.name, customer.line);
  }
  return out;
}

// --- JSON
// ----------------------------------------------------------------------

namespace {

Json LineJson(const AgingLine& line) {
  Json buckets = Json::array();
  for (AgingBucket bucket : kAllAgingBuckets) {
    const std::optional<int> first = FirstDayOf(bucket);
    const std::optional<int> last = LastDayOf(bucket);
    buckets.push_back({{"bucket", std::string(ToString(bucket))},
                       {"first_day", first ? Json(*first) : Json(nullptr)},
                       {"last_day", last ? Json(*last) : Json(nullptr)},
                       {"amount", line.bucket(bucket).amount.ToString()},
                       {"count", line.bucket(bucket).count}});
  }
  return {{"currency", line.currency.ToString()},
          {"buckets", std::move(buckets)},
          {"outstanding", line.outstanding.ToString()},
          {"overdue", line.overdue.ToString()},
          {"disputed", line.disputed.ToString()},
          {"open_invoices", line.open_invoices},
          {"penalties", line.penalties.ToString()},
          {"penalties_unknown", line.penalties_unknown},
          {"sales", line.sales.ToString()},
          {"dso_days",
           line.dso_tenths.has_value() ? Json(line.DsoText()) : Json(nullptr)}};
}

}  // namespace

std::string AgingToJson(const AgingReport& report) {
  Json document = internal::NewDocument("aging");
  document["as_of"] = FormatDate(report.as_of);
  document["dso_window"] = {{"from", FormatDate(report.dso_window_start)},
                            {"to", FormatDate(report.as_of)},
                            {"days", report.dso_window_days}};
  Json currencies = Json::array();
  for (const AgingLine& line : report.currencies) {
    currencies.push_back(LineJson(line));
  }
  document["currencies"] = std::move(currencies);
  if (report.by_customer) {
    Json customers = Json::array();
    for (const CustomerAging& customer : report.customers) {
      Json entry = {{"customer", customer.customer},
                    {"name", internal::TextJson(customer.name)}};
      const Json line = LineJson(customer.line);
      for (const auto& field : line.items()) {
        entry[field.key()] = field.value();
      }
      customers.push_back(std::move(entry));
    }
    document["customers"] = std::move(customers);
  } else {
    document["customers"] = nullptr;
  }
  return internal::Dump(document);
}

// --- SVG
// -----------------------------------------------------------------------

namespace {

// Layout, in SVG user units (pixels).
constexpr int64_t kWidth = 820;
constexpr int64_t kLabelX = 20;   // bucket labels start here
constexpr int64_t kBarX = 140;    // bars start here
constexpr int64_t kBarMax = 400;  // the longest bar
constexpr int64_t kBarHeight = 22;
constexpr int64_t kRowHeight = 30;
constexpr int64_t kTitleHeight = 50;  // the document's title
constexpr int64_t kPanelHead = 46;    // a currency's heading and its totals
constexpr int64_t kPanelGap = 24;

// The fill of each bucket: green (not due) to dark red (over 90).
constexpr std::array<std::string_view, kAgingBucketCount> kFills = {
    "#4caf50", "#ffc107", "#ff9800", "#f4511e", "#b71c1c"};

// The bar length for `amount` when `largest` spans kBarMax: rounded half
// away from zero, at least 1 unit for a non-zero amount so that it shows.
int64_t BarLength(Money amount, Money largest) {
  if (!amount.IsPositive() || !largest.IsPositive()) return 0;
  const auto length = static_cast<int64_t>(
      DivideRounded(absl::int128(amount.minor_units()) * kBarMax,
                    largest.minor_units(), RoundingMode::kHalfAwayFromZero));
  return std::max<int64_t>(length, 1);
}

void Text(std::string& out, int64_t x, int64_t y, std::string_view anchor,
          std::string_view css_class, std::string_view text) {
  absl::StrAppend(&out, "  <text x=\"", x, "\" y=\"", y, "\"");
  if (!anchor.empty()) {
    absl::StrAppend(&out, " text-anchor=\"", std::string(anchor), "\"");
  }
  absl::StrAppend(&out, " class=\"", std::string(css_class), "\">",
                  XmlEscaped(text), "</text>\n");
}

}  // namespace

std::string AgingToSvg(const AgingReport& report) {
  const auto panels = static_cast<int64_t>(report.currencies.size());
  const int64_t panel_height = kPanelHead + kAgingBucketCount * kRowHeight;
  const int64_t height =
      kTitleHeight + std::max<int64_t>(panels, 1) * (panel_height + kPanelGap);
  const std::string title =
      absl::StrCat("Ageing of receivables as of ", FormatDate(report.as_of));
  std::string out = absl::StrCat(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"",
      kWidth, "\" height=\"", height, "\" viewBox=\"0 0 ", kWidth, " ", height,
      "\" font-family=\"sans-serif\" font-size=\"13\">\n", "  <title>",
      XmlEscaped(title), "</title>\n",
      "  <style>.title{font-size:18px;font-weight:bold}"
      ".heading{font-size:15px;font-weight:bold}"
      ".note{fill:#555555}</style>\n",
      "  <rect x=\"0\" y=\"0\" width=\"", kWidth, "\" height=\"", height,
      "\" fill=\"#ffffff\"/>\n");
  Text(out, kLabelX, 30, "", "title", title);
  if (report.currencies.empty()) {
    Text(out, kLabelX, kTitleHeight + 20, "", "note", "No invoices.");
  }
  int64_t top = kTitleHeight;
  for (const AgingLine& line : report.currencies) {
    const std::string code = line.currency.ToString();
    Money largest = Money::Zero(line.currency);
    for (const AgingBucketTotal& bucket : line.buckets) {
      if (bucket.amount.minor_units() > largest.minor_units()) {
        largest = bucket.amount;
      }
    }
    absl::StrAppend(&out, "  <g id=\"currency-", XmlEscaped(code), "\">\n");
    Text(out, kLabelX, top + 18, "", "heading",
         absl::StrCat(code, ": outstanding ", Grouped(line.outstanding), " ",
                      code, " in ", InvoicesText(line.open_invoices)));
    Text(out, kLabelX, top + 36, "", "note",
         absl::StrCat("overdue ", Grouped(line.overdue), " ", code,
                      "; disputed ", Grouped(line.disputed), " ", code,
                      "; DSO ", line.DsoText(),
                      line.dso_tenths.has_value() ? " days" : ""));
    for (size_t i = 0; i < kAllAgingBuckets.size(); ++i) {
      const AgingBucket bucket = kAllAgingBuckets[i];
      const AgingBucketTotal& total = line.bucket(bucket);
      const int64_t row_top =
          top + kPanelHead + static_cast<int64_t>(i) * kRowHeight;
      const int64_t baseline = row_top + kBarHeight / 2 + 5;
      const int64_t length = BarLength(total.amount, largest);
      Text(out, kLabelX, baseline, "", "label", Label(bucket));
      absl::StrAppend(&out, "  <rect x=\"", kBarX, "\" y=\"", row_top,
                      "\" width=\"", length, "\" height=\"", kBarHeight,
                      "\" fill=\"", std::string(kFills[i]), "\"><title>",
                      XmlEscaped(absl::StrCat(std::string(Label(bucket)), ": ",
                                              total.amount.ToString())),
                      "</title></rect>\n");
      Text(out, kBarX + length + 8, baseline, "", "amount",
           absl::StrCat(Grouped(total.amount), " ", code, " (",
                        InvoicesText(total.count), ")"));
    }
    absl::StrAppend(&out, "  </g>\n");
    top += panel_height + kPanelGap;
  }
  absl::StrAppend(&out, "</svg>\n");
  return out;
}

}  // namespace relance::store
