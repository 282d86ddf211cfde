#include "relance/dossier_html.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "relance/date.hpp"
#include "relance/language.hpp"
#include "relance/money.hpp"
#include "relance/policy.hpp"

namespace relance {

namespace internal {
// data/dossier/<language>/dossier.html, embedded by relance_embed()
// (CMakeLists.txt, cmake/EmbedFile.cmake).
std::string_view EmbeddedDossierFrHtml();
std::string_view EmbeddedDossierEnHtml();
}  // namespace internal

namespace {

using F = TemplateField;
using V = TemplateValue;

// The kinds of history entries, each a flag `is_<type>` of an entry: event
// types (event.hpp) and the time steps a dossier reports (lifecycle.hpp).
constexpr std::array<std::string_view, 22> kEntryTypes = {
    "invoice_issued",   "payment_received",    "credit_note",
    "action_performed", "dispute_opened",      "dispute_resolved",
    "promise_to_pay",   "promise_confirmed",   "payment_plan_agreed",
    "dunning_blocked",  "handed_to_agency",    "legal_action_started",
    "written_off",      "account_blocked",     "account_unblocked",
    "segment_assigned", "action_acknowledged", "due_date_passed",
    "promise_broken",   "promise_kept",        "instalment_missed",
    "block_expired"};

bool French(Language language) { return language == Language::kFrench; }

// An invoice state as a person reads it.
std::string_view StateLabel(InvoiceState state, Language language) {
  const bool fr = French(language);
  switch (state) {
    case InvoiceState::kNotYetDue:
      return fr ? "non échue" : "not yet due";
    case InvoiceState::kCourtesySent:
      return fr ? "non échue, rappel envoyé" : "not yet due, notice sent";
    case InvoiceState::kOverdue:
      return fr ? "impayée, échue" : "overdue";
    case InvoiceState::kDisputed:
      return fr ? "contestée" : "disputed";
    case InvoiceState::kPromised:
      return fr ? "promesse de paiement en cours" : "promise to pay pending";
    case InvoiceState::kOnPlan:
      return fr ? "échéancier en cours" : "on a payment plan";
    case InvoiceState::kBlocked:
      return fr ? "relances suspendues" : "dunning suspended";
    case InvoiceState::kWithAgency:
      return fr ? "confiée à l’agence de recouvrement"
                : "with the collection agency";
    case InvoiceState::kInLegalAction:
      return fr ? "procédure judiciaire en cours" : "in legal action";
    case InvoiceState::kPaid:
      return fr ? "payée" : "paid";
    case InvoiceState::kCredited:
      return fr ? "annulée par avoir" : "credited";
    case InvoiceState::kWrittenOff:
      return fr ? "passée en perte" : "written off";
  }
  return "?";
}

// A channel name as recorded ("registered_letter") as a person reads it;
// a name relance does not know is written as recorded.
std::string ChannelLabel(std::string_view channel, Language language) {
  absl::StatusOr<Channel> parsed = ParseChannel(channel);
  if (!parsed.ok()) return std::string(channel);
  const bool fr = French(language);
  switch (*parsed) {
    case Channel::kEmail:
      return fr ? "courriel" : "email";
    case Channel::kLetter:
      return fr ? "lettre simple" : "letter";
    case Channel::kRegisteredLetter:
      return fr ? "lettre recommandée avec accusé de réception"
                : "registered letter with acknowledgement of receipt";
    case Channel::kPhoneTask:
      return fr ? "appel téléphonique" : "telephone call";
    case Channel::kSms:
      return "SMS";
    case Channel::kAgencyHandoff:
      return fr ? "transmission à l’agence de recouvrement"
                : "hand-off to the collection agency";
    case Channel::kLegal:
      return fr ? "voie judiciaire" : "legal proceedings";
  }
  return std::string(channel);
}

// "12,15 %" (French: CLDR fr percent pattern "#,##0 %", U+202F before the
// sign) or "12.15%" (English), from Rate::ToString's digits.
std::string FormatRate(Rate rate, Language language) {
  std::string text = rate.ToString();  // "12.15%"
  if (!French(language)) return text;
  text.pop_back();  // the '%'
  for (char& c : text) {
    if (c == '.') c = ',';
  }
  return absl::StrCat(text, "\u202F%");
}

// How a line's interest is computed, for a person checking it.
std::string Formula(DayCount day_count, Language language) {
  const bool fr = French(language);
  const std::string head = fr ? "intérêts = principal × taux annuel × jours ÷ "
                              : "interest = principal × annual rate × days ÷ ";
  switch (day_count) {
    case DayCount::kActual365Fixed:
      return head + "365";
    case DayCount::kActual360:
      return head + "360";
    case DayCount::kActualActualIsda:
      return head + (fr ? "365 ou 366 (jours de l’année civile)"
                        : "365 or 366 (days in the calendar year)");
    case DayCount::kThirty360:
    case DayCount::kThirtyE360:
      return head +
             (fr ? "360, les mois comptés pour 30 jours ("
                 : "360, months counted as 30 days (") +
             std::string(ToString(day_count)) + ")";
  }
  return head;
}

// --- The library's own texts, for a person
//
// Some texts shown on the page come from the library rather than from the
// template: the penalty rule's citation and the regime's description (from
// the policy), the assessment's explanations (src/penalty.cpp, written for
// the relance.assessment document, with ISO dates and amounts as
// Money::ToString writes them). The JSON forms keep them as they are; the
// page rewrites them for its language here.

constexpr std::string_view kNoBreakSpace = "\u00A0";        // before ':'
constexpr std::string_view kNarrowNoBreakSpace = "\u202F";  // before ; ! ?

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Whether a token may start at `text[i]`: at the start, or after a character
// that cannot be part of a word, a number or a reference ("L441-2026-01-05"
// or "1.5 EUR" inside "21.5 EUR" are not tokens).
bool TokenMayStartAt(std::string_view text, size_t i) {
  if (i == 0) return true;
  const char before = text[i - 1];
  return !IsAsciiAlnum(before) && before != '-' && before != '.';
}
// Whether a token may end before `text[i]`.
bool TokenMayEndAt(std::string_view text, size_t i) {
  if (i >= text.size()) return true;
  const char after = text[i];
  return !IsAsciiAlnum(after) && after != '-' &&
         !(after == '.' && i + 1 < text.size() && IsAsciiDigit(text[i + 1]));
}

// The length of an ISO date "YYYY-MM-DD" at `text[i]` that parses
// (ParseDate), else 0.
size_t IsoDateAt(std::string_view text, size_t i, Date* date) {
  constexpr size_t kLength = 10;
  if (i + kLength > text.size() || !TokenMayEndAt(text, i + kLength)) return 0;
  for (size_t k = 0; k < kLength; ++k) {
    const char c = text[i + k];
    if ((k == 4 || k == 7) ? c != '-' : !IsAsciiDigit(c)) return 0;
  }
  absl::StatusOr<Date> parsed = ParseDate(text.substr(i, kLength));
  if (!parsed.ok()) return 0;
  *date = *parsed;
  return kLength;
}

// The length of an amount as Money::ToString writes it ("40.00 EUR",
// "-0.05 EUR", "100 JPY": sign, digits, decimals, one space, an ISO 4217
// code) at `text[i]` that parses (Money::Parse), else 0.
size_t AmountAt(std::string_view text, size_t i, Money* money) {
  size_t j = i;
  if (j < text.size() && text[j] == '-') ++j;
  const size_t digits = j;
  while (j < text.size() && IsAsciiDigit(text[j])) ++j;
  if (j == digits) return 0;
  if (j + 1 < text.size() && text[j] == '.' && IsAsciiDigit(text[j + 1])) {
    ++j;
    while (j < text.size() && IsAsciiDigit(text[j])) ++j;
  }
  if (j + 4 > text.size() || text[j] != ' ' || !IsAsciiUpper(text[j + 1]) ||
      !IsAsciiUpper(text[j + 2]) || !IsAsciiUpper(text[j + 3]) ||
      !TokenMayEndAt(text, j + 4)) {
    return 0;
  }
  absl::StatusOr<Money> parsed = Money::Parse(text.substr(i, j + 4 - i));
  if (!parsed.ok()) return 0;
  *money = *parsed;
  return j + 4 - i;
}

// `text` with its ISO dates written by FormatLongDate and its amounts by
// FormatMoney for `language`: "Interest charged from 2026-02-05 ..." becomes
// "Interest charged from 5 February 2026 ...", "Fixed compensation 40.00
// EUR" becomes "Fixed compensation €40.00". Only what parses as a date or
// an amount is rewritten ("décret 2012-1115", "L441-10" are not dates).
std::string ForPerson(std::string_view text, Language language) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (TokenMayStartAt(text, i)) {
      Date date;
      Money money;
      if (const size_t n = IsoDateAt(text, i, &date); n > 0) {
        out += FormatLongDate(date, language);
        i += n;
        continue;
      }
      if (const size_t n = AmountAt(text, i, &money); n > 0) {
        out += FormatMoney(money, language);
        i += n;
        continue;
      }
    }
    out += text[i];
    ++i;
  }
  return out;
}

// `text` with French spacing before its punctuation (as the letters and
// src/reason_text.cpp write it, after the Imprimerie nationale's Lexique):
// U+00A0 NO-BREAK SPACE before ':', U+202F NARROW NO-BREAK SPACE before ';',
// '!' and '?'. A plain space already there is replaced; a sign not followed
// by a space or the end ("10:30", "http://") is left alone. For the
// library's texts written the English way ("L441-10 II, D441-5; Code civil
// art. 1343-1") shown on the French page.
std::string WithFrenchSpacing(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool spaced = c == ':' || c == ';' || c == '!' || c == '?';
    const bool ends = i + 1 == text.size() || text[i + 1] == ' ';
    if (spaced && ends && i > 0) {
      if (out.back() == ' ') out.pop_back();
      out += c == ':' ? kNoBreakSpace : kNarrowNoBreakSpace;
    }
    out += c;
  }
  return out;
}

// A library text as the page's language writes it: dates and amounts
// formatted, and, in French, French spacing.
std::string LibraryText(std::string_view text, Language language) {
  std::string localised = ForPerson(text, language);
  return French(language) ? WithFrenchSpacing(localised) : localised;
}

// `text` escaped as the template escapes a {{name}} (kainjow's html_escape:
// & < > " ').
std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
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
        out += c;
    }
  }
  return out;
}

// `text` as HTML (escaped) with every legal reference kept on one line:
// each word of ASCII letters and digits joined by hyphens that holds a
// digit ("L441-10", "D441-5", "1343-1", "2012-1115" of "décret 2012-1115")
// is wrapped in <span class="nowrap"> (the pages' stylesheets define
// `.nowrap { white-space: nowrap; }`), since a browser may break a line
// after any hyphen ("décret 2012-" / "1115"). A span rather than U+2011
// NON-BREAKING HYPHEN: the text stays the very characters of the law's
// reference, so that searching the page for "2012-1115", or copying it into
// Légifrance, finds it; and every browser and print engine honours
// white-space. Words without a digit ("late-payment") may still break.
std::string HtmlKeepingReferences(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 32);
  size_t i = 0;
  while (i < text.size()) {
    if (!IsAsciiAlnum(text[i]) || (i > 0 && IsAsciiAlnum(text[i - 1]))) {
      out += HtmlEscape(text.substr(i, 1));
      ++i;
      continue;
    }
    // A word starts at i: letters and digits, with single hyphens between.
    size_t end = i;
    bool hyphen = false;
    bool digit = false;
    while (end < text.size()) {
      if (IsAsciiAlnum(text[end])) {
        digit = digit || IsAsciiDigit(text[end]);
        ++end;
      } else if (text[end] == '-' && end + 1 < text.size() &&
                 IsAsciiAlnum(text[end + 1]) && end > i) {
        hyphen = true;
        ++end;
      } else {
        break;
      }
    }
    const std::string word = HtmlEscape(text.substr(i, end - i));
    if (hyphen && digit) {
      absl::StrAppend(&out, "<span class=\"nowrap\">", word, "</span>");
    } else {
      out += word;
    }
    i = end;
  }
  return out;
}

V Text(std::string text) { return V::Text(std::move(text)); }
// A library text for `language` (LibraryText) and its HTML
// (HtmlKeepingReferences): the fields `name` and `name_html`.
std::pair<std::string, V> LibraryTextField(std::string name,
                                           std::string_view text,
                                           Language language) {
  return {std::move(name), Text(LibraryText(text, language))};
}
std::pair<std::string, V> LibraryHtmlField(std::string name,
                                           std::string_view text,
                                           Language language) {
  return {std::move(name),
          Text(HtmlKeepingReferences(LibraryText(text, language)))};
}
V Money_(const Money& money, Language language) {
  return V::Text(FormatMoney(money, language));
}
V Date_(Date date, Language language) {
  return V::Text(FormatLongDate(date, language));
}
V OptionalDate(const std::optional<Date>& date, Language language) {
  return V::Text(date ? FormatLongDate(*date, language) : "");
}

V PenaltiesValue(const DossierInvoice& invoice, Language language) {
  std::vector<V> lines;
  if (!invoice.penalties) {
    return V::Object({{"lines", V::List({})},
                      {"interest", Text("")},
                      {"compensation", Text("")},
                      {"charges", Text("")},
                      {"total", Text("")},
                      {"principal_outstanding", Text("")},
                      {"interest_outstanding", Text("")},
                      {"costs_outstanding", Text("")},
                      {"total_outstanding", Text("")},
                      {"costs_first", V::Flag(false)},
                      {"rule_name", Text("")},
                      {"citation", Text("")},
                      {"citation_html", Text("")},
                      {"regime", Text("")},
                      {"regime_html", Text("")},
                      {"formula", Text("")},
                      {"has_regime", V::Flag(false)},
                      {"has_compensation", V::Flag(false)},
                      {"has_charges", V::Flag(false)},
                      {"explanations", V::List({})}});
  }
  const PenaltyAssessment& a = *invoice.penalties;
  for (const InterestLine& line : a.lines) {
    lines.push_back(
        V::Object({{"from", Date_(line.first_day, language)},
                   {"to", Date_(line.last_day, language)},
                   {"days", Text(FormatDayCount(line.days, language))},
                   {"principal", Money_(line.principal, language)},
                   {"rate", Text(FormatRate(line.annual_rate, language))},
                   {"amount", Money_(line.amount, language)},
                   {"assumed_rate", V::Flag(line.assumed_rate)}}));
  }
  std::vector<V> explanations;
  if (!French(language)) {
    for (const std::string& sentence : a.explanations) {
      explanations.push_back(
          V::Object({LibraryTextField("sentence", sentence, language),
                     LibraryHtmlField("sentence_html", sentence, language)}));
    }
  }
  const PenaltyRule* rule = a.rule.get();
  const std::string_view citation =
      rule == nullptr ? std::string_view() : rule->citation;
  const std::string_view regime =
      rule == nullptr ? std::string_view() : rule->regime_name;
  return V::Object(
      {{"lines", V::List(std::move(lines))},
       {"interest", Money_(a.interest, language)},
       {"compensation", Money_(a.compensation, language)},
       {"charges", Money_(a.charges, language)},
       {"total", Money_(a.total, language)},
       {"principal_outstanding", Money_(a.principal_outstanding, language)},
       {"interest_outstanding", Money_(a.interest_outstanding, language)},
       {"costs_outstanding", Money_(a.costs_outstanding, language)},
       {"total_outstanding", Money_(a.total_outstanding, language)},
       {"costs_first", V::Flag(rule != nullptr &&
                               rule->interest.settlement ==
                                   SettlementOrder::kCostsInterestPrincipal)},
       {"rule_name", Text(rule == nullptr ? "" : rule->name)},
       LibraryTextField("citation", citation, language),
       LibraryHtmlField("citation_html", citation, language),
       LibraryTextField("regime", regime, language),
       LibraryHtmlField("regime_html", regime, language),
       {"formula",
        Text(rule == nullptr ? ""
                             : Formula(rule->interest.day_count, language))},
       {"has_regime", V::Flag(rule != nullptr && !rule->regime_name.empty())},
       {"has_compensation", V::Flag(!a.compensation.IsZero())},
       {"has_charges", V::Flag(!a.charges.IsZero())},
       {"explanations", V::List(std::move(explanations))}});
}

V InvoiceValue(const DossierInvoice& invoice, Language language) {
  const InvoiceDecision& d = invoice.decision;
  return V::Object({{"number", Text(d.invoice)},
                    {"reference", Text(invoice.reference)},
                    {"has_reference", V::Flag(!invoice.reference.empty())},
                    {"issue_date", Date_(d.issue_date, language)},
                    {"terms", Text(invoice.terms)},
                    {"has_terms", V::Flag(!invoice.terms.empty())},
                    {"due_date", Date_(d.due_date, language)},
                    {"amount", Money_(d.amount, language)},
                    {"paid", Money_(invoice.paid, language)},
                    {"credited", Money_(invoice.credited, language)},
                    {"paid_date", OptionalDate(invoice.paid_date, language)},
                    {"has_paid_date", V::Flag(invoice.paid_date.has_value())},
                    {"state", Text(std::string(StateLabel(d.state, language)))},
                    {"outstanding", Money_(d.outstanding, language)},
                    {"disputed", Money_(d.disputed, language)},
                    {"has_disputed", V::Flag(!d.disputed.IsZero())},
                    {"days_late", Text(FormatDayCount(d.days_late, language))},
                    {"fees_charged", Money_(d.fees_charged, language)},
                    {"claim", Money_(d.claim, language)},
                    {"total_due", Money_(d.total_due, language)},
                    {"has_penalties", V::Flag(invoice.penalties.has_value())},
                    {"penalties_unavailable",
                     V::Flag(d.penalty_status == PenaltyStatus::kUnavailable)},
                    {"unavailable_detail", Text(invoice.penalties_unavailable)},
                    {"penalties", PenaltiesValue(invoice, language)}});
}

V PaymentValue(const DossierPayment& payment, Language language) {
  return V::Object(
      {{"date", Date_(payment.date, language)},
       {"is_credit_note", V::Flag(payment.kind == EventKind::kCreditNote)},
       {"invoice", Text(payment.invoice)},
       {"amount", Money_(payment.amount, language)},
       {"reference", Text(payment.reference)},
       {"has_reference", V::Flag(!payment.reference.empty())}});
}

V EntryValue(const DossierEntry& entry, Language language) {
  const Event& event = entry.event;
  const bool is_event = entry.event_index.has_value();
  std::vector<std::pair<std::string, V>> fields;
  fields.emplace_back("date", Date_(entry.date, language));
  const std::string_view type = entry.type();
  for (std::string_view kind : kEntryTypes) {
    fields.emplace_back(absl::StrCat("is_", std::string(kind)),
                        V::Flag(kind == type));
  }
  fields.emplace_back("invoices", Text(absl::StrJoin(entry.invoices, ", ")));
  fields.emplace_back("whole_account", V::Flag(entry.invoices.empty()));
  fields.emplace_back("several", V::Flag(entry.invoices.size() > 1));
  const std::string level = is_event ? event.level : "";
  fields.emplace_back("level", Text(level));
  fields.emplace_back(
      "channel", Text(is_event ? ChannelLabel(event.channel, language) : ""));
  fields.emplace_back("has_channel",
                      V::Flag(is_event && !event.channel.empty()));
  fields.emplace_back("reference", Text(is_event ? event.reference : ""));
  fields.emplace_back("has_reference",
                      V::Flag(is_event && !event.reference.empty()));
  const bool has_amount = is_event && event.amount.has_value();
  fields.emplace_back(
      "amount", Text(has_amount ? FormatMoney(*event.amount, language) : ""));
  fields.emplace_back("has_amount", V::Flag(has_amount));
  fields.emplace_back(
      "due_date",
      OptionalDate(is_event ? event.due_date : std::nullopt, language));
  fields.emplace_back("has_due_date", V::Flag(is_event && event.due_date));
  fields.emplace_back("terms", Text(is_event ? event.terms : ""));
  fields.emplace_back("has_terms", V::Flag(is_event && !event.terms.empty()));
  fields.emplace_back("reason", Text(is_event ? event.reason : ""));
  fields.emplace_back("has_reason", V::Flag(is_event && !event.reason.empty()));
  fields.emplace_back(
      "upheld", V::Flag(is_event && event.outcome == DisputeOutcome::kUpheld));
  fields.emplace_back(
      "promised_date",
      OptionalDate(is_event ? event.promised_date : std::nullopt, language));
  fields.emplace_back(
      "until", OptionalDate(is_event ? event.until : std::nullopt, language));
  std::vector<V> instalments;
  if (is_event) {
    for (const PlanInstalment& instalment : event.instalments) {
      instalments.push_back(V::Object(
          {{"instalment_date", Date_(instalment.date, language)},
           {"instalment_amount", Money_(instalment.amount, language)}}));
    }
  }
  fields.emplace_back("instalments", V::List(std::move(instalments)));
  fields.emplace_back("segment", Text(is_event ? event.segment : ""));
  fields.emplace_back("acknowledged",
                      V::Flag(entry.acknowledged_on.has_value()));
  fields.emplace_back("acknowledged_on",
                      OptionalDate(entry.acknowledged_on, language));
  fields.emplace_back("acknowledgement_note", Text(entry.acknowledgement_note));
  fields.emplace_back("has_acknowledgement_note",
                      V::Flag(!entry.acknowledgement_note.empty()));
  return V::Object(std::move(fields));
}

V TotalValue(const DossierTotal& total, Language language) {
  return V::Object({{"currency", Text(total.currency.ToString())},
                    {"amount", Money_(total.amount, language)},
                    {"paid", Money_(total.paid, language)},
                    {"credited", Money_(total.credited, language)},
                    {"outstanding", Money_(total.outstanding, language)},
                    {"disputed", Money_(total.disputed, language)},
                    {"interest", Money_(total.interest, language)},
                    {"compensation", Money_(total.compensation, language)},
                    {"fees_charged", Money_(total.fees_charged, language)},
                    {"claim", Money_(total.claim, language)},
                    {"total_due", Money_(total.total_due, language)}});
}

std::vector<F> Texts(std::initializer_list<const char*> names) {
  std::vector<F> fields;
  for (const char* name : names) fields.push_back(F::Text(name));
  return fields;
}
std::vector<F> Flags(std::initializer_list<const char*> names) {
  std::vector<F> fields;
  for (const char* name : names) fields.push_back(F::Flag(name));
  return fields;
}
std::vector<F> Join(std::vector<F> a, std::vector<F> b) {
  for (F& field : b) a.push_back(std::move(field));
  return a;
}

}  // namespace

TemplateSchema DossierTemplateSchema() {
  std::vector<F> entry = Texts({"date"});
  for (std::string_view kind : kEntryTypes) {
    entry.push_back(F::Flag(absl::StrCat("is_", std::string(kind))));
  }
  entry = Join(
      std::move(entry),
      Join(Texts({"invoices", "level", "channel", "reference", "amount",
                  "due_date", "terms", "reason", "promised_date", "until",
                  "segment", "acknowledged_on", "acknowledgement_note"}),
           Flags({"whole_account", "several", "has_channel", "has_reference",
                  "has_amount", "has_due_date", "has_terms", "has_reason",
                  "upheld", "acknowledged", "has_acknowledgement_note"})));
  entry.push_back(
      F::List("instalments", Texts({"instalment_date", "instalment_amount"})));

  std::vector<F> penalties = Join(
      Texts({"interest", "compensation", "charges", "total",
             "principal_outstanding", "interest_outstanding",
             "costs_outstanding", "total_outstanding", "rule_name", "citation",
             "citation_html", "regime", "regime_html", "formula"}),
      Flags({"has_regime", "has_compensation", "has_charges", "costs_first"}));
  penalties.push_back(
      F::List("lines",
              Join(Texts({"from", "to", "days", "principal", "rate", "amount"}),
                   Flags({"assumed_rate"}))));
  penalties.push_back(
      F::List("explanations", Texts({"sentence", "sentence_html"})));

  std::vector<F> invoice =
      Join(Texts({"number", "reference", "issue_date", "terms", "due_date",
                  "amount", "paid", "credited", "paid_date", "state",
                  "outstanding", "disputed", "days_late", "fees_charged",
                  "claim", "total_due", "unavailable_detail"}),
           Flags({"has_reference", "has_terms", "has_paid_date", "has_disputed",
                  "has_penalties", "penalties_unavailable"}));
  invoice.push_back(F::Object("penalties", std::move(penalties)));

  std::vector<F> fields =
      Join(Texts({"lang", "as_of", "invoice", "policy", "ladder",
                  "account_blocked_since"}),
           Flags({"one_invoice", "has_legal_basis", "account_blocked"}));
  fields.push_back(F::Object("creditor", Join(Texts({"name", "registration"}),
                                              Flags({"has_registration"}))));
  fields.back().fields.push_back(F::List("address", Texts({"line"})));
  fields.push_back(F::Object("debtor", Texts({"id", "name"})));
  fields.back().fields.push_back(F::List("address", Texts({"line"})));
  fields.push_back(
      F::Object("legal_basis",
                Join(Texts({"rule_name", "citation", "citation_html",
                            "compensation_basis", "compensation_basis_html"}),
                     Flags({"has_compensation_basis"}))));
  fields.push_back(F::List(
      "totals", Texts({"currency", "amount", "paid", "credited", "outstanding",
                       "disputed", "interest", "compensation", "fees_charged",
                       "claim", "total_due"})));
  fields.push_back(F::List("invoices", std::move(invoice)));
  fields.push_back(F::List(
      "payments", Join(Texts({"date", "invoice", "amount", "reference"}),
                       Flags({"is_credit_note", "has_reference"}))));
  fields.push_back(F::List("history", std::move(entry)));
  fields.push_back(F::Flag("has_evidence"));
  fields.push_back(
      F::List("evidence", Join(Texts({"date", "invoice", "code", "label",
                                      "effect", "reference", "note"}),
                               Flags({"has_reference", "has_note"}))));
  return TemplateSchema{.fields = std::move(fields)};
}

namespace {

// An e-invoice status's effect (EInvoiceStatusEffect's names) as words.
std::string EffectWords(std::string_view effect, Language language) {
  static constexpr std::string_view kWords[][3] = {
      {"evidence", "preuve", "evidence"},
      {"dispute", "litige", "dispute"},
      {"dispute_in_full", "litige sur le tout", "dispute in full"},
      {"dispute_resolved", "litige levé", "dispute resolved"},
      {"promise", "promesse de paiement", "promise to pay"},
      {"payment", "paiement", "payment"},
      {"credit_note", "avoir", "credit note"},
      {"blocked", "relances suspendues", "dunning blocked"},
      {"written_off", "passée en perte", "written off"}};
  for (const auto& words : kWords) {
    if (words[0] == effect) {
      return std::string(words[French(language) ? 1 : 2]);
    }
  }
  return std::string(effect);
}

}  // namespace

TemplateValue DossierTemplateData(const Dossier& dossier, Language language) {
  std::vector<V> address;
  for (const std::string& line : dossier.creditor.address_lines) {
    address.push_back(V::Object({{"line", Text(line)}}));
  }
  std::vector<V> debtor_address;
  for (const std::string& line : dossier.customer_address_lines) {
    debtor_address.push_back(V::Object({{"line", Text(line)}}));
  }
  std::vector<V> totals;
  for (const DossierTotal& total : dossier.totals) {
    totals.push_back(TotalValue(total, language));
  }
  std::vector<V> invoices;
  for (const DossierInvoice& invoice : dossier.invoices) {
    invoices.push_back(InvoiceValue(invoice, language));
  }
  std::vector<V> payments;
  for (const DossierPayment& payment : dossier.payments) {
    payments.push_back(PaymentValue(payment, language));
  }
  std::vector<V> history;
  for (const DossierEntry& entry : dossier.history) {
    history.push_back(EntryValue(entry, language));
  }
  std::vector<V> evidence;
  for (const DossierEvidence& item : dossier.evidence) {
    evidence.push_back(
        V::Object({{"date", Date_(item.date, language)},
                   {"invoice", Text(item.invoice)},
                   {"code", Text(item.code)},
                   {"label", Text(item.label)},
                   {"effect", Text(EffectWords(item.effect, language))},
                   {"reference", Text(item.reference)},
                   {"has_reference", V::Flag(!item.reference.empty())},
                   {"note", Text(item.note)},
                   {"has_note", V::Flag(!item.note.empty())}}));
  }
  const bool has_evidence = !evidence.empty();
  return V::Object(
      {{"lang", Text(std::string(LanguageCode(language)))},
       {"as_of", Date_(dossier.as_of, language)},
       {"invoice", Text(dossier.invoice)},
       {"one_invoice", V::Flag(!dossier.invoice.empty())},
       {"policy",
        Text(absl::StrCat(dossier.policy_id, " v", dossier.policy_version))},
       {"ladder", Text(dossier.ladder)},
       {"account_blocked", V::Flag(dossier.account_blocked_since.has_value())},
       {"account_blocked_since",
        OptionalDate(dossier.account_blocked_since, language)},
       {"has_legal_basis", V::Flag(!dossier.penalty_rule.empty())},
       {"creditor",
        V::Object({{"name", Text(dossier.creditor.name)},
                   {"registration", Text(dossier.creditor.registration)},
                   {"has_registration",
                    V::Flag(!dossier.creditor.registration.empty())},
                   {"address", V::List(std::move(address))}})},
       {"debtor", V::Object({{"id", Text(dossier.customer_id)},
                             {"name", Text(dossier.customer_name)},
                             {"address", V::List(std::move(debtor_address))}})},
       {"legal_basis",
        V::Object(
            {{"rule_name", Text(dossier.penalty_rule_name)},
             LibraryTextField("citation", dossier.penalty_citation, language),
             LibraryHtmlField("citation_html", dossier.penalty_citation,
                              language),
             LibraryTextField("compensation_basis", dossier.compensation_basis,
                              language),
             LibraryHtmlField("compensation_basis_html",
                              dossier.compensation_basis, language),
             {"has_compensation_basis",
              V::Flag(!dossier.compensation_basis.empty())}})},
       {"totals", V::List(std::move(totals))},
       {"invoices", V::List(std::move(invoices))},
       {"payments", V::List(std::move(payments))},
       {"history", V::List(std::move(history))},
       {"has_evidence", V::Flag(has_evidence)},
       {"evidence", V::List(std::move(evidence))}});
}

absl::StatusOr<LetterTemplate> BuiltinDossierTemplate(Language language) {
  // Loaded once per language: immutable, shared by every caller.
  static const absl::StatusOr<LetterTemplate>* const templates[2] = {
      new absl::StatusOr<LetterTemplate>(LetterTemplate::Load(
          "fr/dossier.html", internal::EmbeddedDossierFrHtml(),
          DossierTemplateSchema())),
      new absl::StatusOr<LetterTemplate>(LetterTemplate::Load(
          "en/dossier.html", internal::EmbeddedDossierEnHtml(),
          DossierTemplateSchema()))};
  const absl::StatusOr<LetterTemplate>& loaded =
      *templates[French(language) ? 0 : 1];
  if (!loaded.ok()) {
    return absl::InternalError(absl::StrCat(
        "built-in dossier template: ", std::string(loaded.status().message())));
  }
  return *loaded;
}

absl::StatusOr<std::string> DossierToHtml(const Dossier& dossier,
                                          Language language) {
  absl::StatusOr<LetterTemplate> page = BuiltinDossierTemplate(language);
  if (!page.ok()) return page.status();
  absl::StatusOr<std::string> html =
      page->Render(DossierTemplateData(dossier, language));
  if (!html.ok()) {
    return absl::InternalError(
        absl::StrCat("dossier page: ", std::string(html.status().message())));
  }
  return html;
}

}  // namespace relance
