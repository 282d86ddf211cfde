#include "relance/letter_data.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/reason_text.hpp"

namespace relance {
namespace {

using F = TemplateField;
using V = TemplateValue;

// --- The schema --------------------------------------------------------------
// docs/letters.md, "Data", lists these names with their meaning; keep both in
// step.

std::vector<TemplateField> AddressFields() {
  return {F::List("address", {F::Text("line")})};
}

std::vector<TemplateField> InvoiceFields() {
  return {F::Text("number"),           F::Text("level"),
          F::Text("issue_date"),       F::Text("issue_date_iso"),
          F::Text("due_date"),         F::Text("due_date_iso"),
          F::Text("amount"),           F::Text("outstanding"),
          F::Text("disputed"),         F::Flag("has_disputed"),
          F::Text("days_late"),        F::Text("days_late_count"),
          F::Flag("is_late"),          F::Text("days_until_due"),
          F::Text("interest"),         F::Text("compensation"),
          F::Text("fees_charged"),     F::Text("claim"),
          F::Text("total_due"),        F::Flag("has_penalties"),
          F::Text("last_action_date"), F::Flag("has_last_action"),
          F::Text("paid_date"),        F::Text("status")};
}

std::vector<TemplateField> TotalFields() {
  return {F::Text("currency"),
          F::Text("amount"),
          F::Text("outstanding"),
          F::Text("interest"),
          F::Flag("has_interest"),
          F::Text("compensation"),
          F::Flag("has_compensation"),
          F::Text("penalties"),
          F::Text("fees"),
          F::Flag("has_fees"),
          F::Text("fees_charged"),
          F::Flag("has_fees_charged"),
          F::Text("settled"),
          F::Flag("has_settled"),
          F::Text("total_due")};
}

TemplateSchema MakeSchema() {
  std::vector<TemplateField> creditor = {F::Text("name"),
                                         F::Text("email"),
                                         F::Flag("has_email"),
                                         F::Text("phone"),
                                         F::Flag("has_phone"),
                                         F::Text("registration"),
                                         F::Flag("has_registration"),
                                         F::Text("payment_link"),
                                         F::Flag("has_payment_link"),
                                         F::Text("iban"),
                                         F::Flag("has_iban"),
                                         F::Text("bic"),
                                         F::Flag("has_bic"),
                                         F::Text("signatory")};
  creditor.push_back(AddressFields()[0]);
  std::vector<TemplateField> debtor = {F::Text("id"), F::Text("name")};
  debtor.push_back(AddressFields()[0]);
  std::vector<TemplateField> agency = {F::Text("name"), F::Flag("has_name")};
  agency.push_back(AddressFields()[0]);
  return {.fields = {
              F::Text("kind"),
              F::Text("language"),
              F::Text("channel"),
              F::Text("level"),
              F::Text("level_number"),
              F::Text("template_id"),
              F::Text("reminder_number"),
              F::Flag("first_reminder"),
              F::Text("letter_date"),
              F::Text("letter_date_iso"),
              F::Text("customer_id"),
              F::Text("reference"),
              F::Object("creditor", std::move(creditor)),
              F::Object("debtor", std::move(debtor)),
              F::Object("agency", std::move(agency)),
              F::List("invoices", InvoiceFields()),
              F::Text("invoice_count"),
              F::Flag("several_invoices"),
              F::List("totals", TotalFields()),
              F::Flag("several_currencies"),
              F::Flag("has_penalties"),
              F::Flag("penalties_unavailable"),
              F::Text("penalty_rule"),
              F::Text("penalty_citation"),
              F::Flag("has_penalty_citation"),
              F::Flag("rule_fr_b2b"),
              F::Flag("rule_uk_late_payment"),
              F::Flag("rule_other"),
              F::Text("payment_deadline"),
              F::Text("payment_deadline_iso"),
              F::Flag("has_payment_deadline"),
              F::Flag("block_account"),
              F::Flag("registered_letter"),
              F::Flag("has_payment_means"),
              F::Text("customer_name"),
              F::List("statement", InvoiceFields()),
              F::List("statement_totals", TotalFields()),
              F::Flag("has_statement"),
              F::Text("promise_date"),
              F::Text("promise_date_iso"),
              F::Text("promise_amount"),
              F::Flag("has_promise_amount"),
              F::Text("agreed_date"),
              F::List("instalments", {F::Text("number"), F::Text("date"),
                                      F::Text("date_iso"), F::Text("amount")}),
              F::Text("instalment_count"),
              F::Text("plan_total"),
          }};
}

// --- Values ------------------------------------------------------------------

V Text(std::string text) { return V::Text(std::move(text)); }
V Flag(bool flag) { return V::Flag(flag); }

V Address(const std::vector<std::string>& lines) {
  std::vector<V> items;
  for (const std::string& line : lines) {
    items.push_back(V::Object({{"line", Text(line)}}));
  }
  return V::List(std::move(items));
}

// Per-currency sums over a letter's invoices.
struct CurrencyTotal {
  Currency currency;
  Money amount;
  Money outstanding;
  Money interest;
  Money compensation;
  Money fees_charged;
  Money fees;
  Money total_due;
};

absl::Status AddInto(Money& sum, Money amount) {
  RELANCE_ASSIGN_OR_RETURN(sum, Add(sum, amount));
  return absl::OkStatus();
}

CurrencyTotal& TotalFor(std::vector<CurrencyTotal>& totals, Currency currency) {
  for (CurrencyTotal& total : totals) {
    if (total.currency == currency) return total;
  }
  const Money zero = Money::Zero(currency);
  return totals.emplace_back(CurrencyTotal{.currency = currency,
                                           .amount = zero,
                                           .outstanding = zero,
                                           .interest = zero,
                                           .compensation = zero,
                                           .fees_charged = zero,
                                           .fees = zero,
                                           .total_due = zero});
}

class Builder {
 public:
  Builder(const Decision& decision, const LetterOptions& options)
      : decision_(decision), options_(options) {
    for (const InvoiceDecision& invoice : decision.invoices) {
      by_id_.emplace(invoice.invoice, &invoice);
    }
  }

  absl::StatusOr<const InvoiceDecision*> Invoice(const std::string& id) const {
    auto found = by_id_.find(id);
    if (found == by_id_.end()) {
      return absl::NotFoundError(
          absl::StrCat("letter: invoice ", internal::QuoteForMessage(id),
                       " is not in the decision for customer ",
                       internal::QuoteForMessage(decision_.customer)));
    }
    return found->second;
  }

  std::string Long(Date date) const {
    return FormatLongDate(date, options_.language);
  }
  std::string Amount(Money money) const {
    return FormatMoney(money, options_.language);
  }

  V InvoiceRow(const InvoiceDecision& invoice) const {
    const Language language = options_.language;
    const Currency currency = invoice.amount.currency();
    const Money interest = invoice.interest.value_or(Money::Zero(currency));
    const Money compensation =
        invoice.compensation.value_or(Money::Zero(currency));
    const bool computed = invoice.penalty_status == PenaltyStatus::kComputed;
    const int64_t until_due = (invoice.due_date - decision_.as_of).count();
    std::string paid_date;
    if (invoice.reason.code == ReasonCode::kThankYou && invoice.reason.date) {
      paid_date = Long(*invoice.reason.date);
    }
    return V::Object({
        {"number", Text(invoice.invoice)},
        {"level", Text(invoice.action_level)},
        {"issue_date", Text(Long(invoice.issue_date))},
        {"issue_date_iso", Text(FormatDate(invoice.issue_date))},
        {"due_date", Text(Long(invoice.due_date))},
        {"due_date_iso", Text(FormatDate(invoice.due_date))},
        {"amount", Text(Amount(invoice.amount))},
        {"outstanding", Text(Amount(invoice.outstanding))},
        {"disputed", Text(Amount(invoice.disputed))},
        {"has_disputed", Flag(invoice.disputed.IsPositive())},
        {"days_late", Text(FormatDayCount(invoice.days_late, language))},
        {"days_late_count", Text(FormatInteger(invoice.days_late, language))},
        {"is_late", Flag(invoice.days_late > 0)},
        {"days_until_due",
         Text(FormatDayCount(until_due > 0 ? until_due : 0, language))},
        {"interest", Text(Amount(interest))},
        {"compensation", Text(Amount(compensation))},
        {"fees_charged", Text(Amount(invoice.fees_charged))},
        {"claim", Text(Amount(invoice.claim))},
        {"total_due", Text(Amount(invoice.total_due))},
        {"has_penalties", Flag(computed && (interest.IsPositive() ||
                                            compensation.IsPositive()))},
        {"last_action_date",
         Text(invoice.last_action_date ? Long(*invoice.last_action_date)
                                       : std::string())},
        {"has_last_action", Flag(invoice.last_action_date.has_value())},
        {"paid_date", Text(std::move(paid_date))},
        {"status", Text(ReasonText(invoice.reason, language))},
    });
  }

  // The rows and per-currency sums of `ids`.
  absl::Status Rows(const std::vector<std::string>& ids, std::vector<V>& rows,
                    std::vector<CurrencyTotal>& totals) const {
    for (const std::string& id : ids) {
      RELANCE_ASSIGN_OR_RETURN(const InvoiceDecision* invoice, Invoice(id));
      rows.push_back(InvoiceRow(*invoice));
      CurrencyTotal& total = TotalFor(totals, invoice->amount.currency());
      const bool computed = invoice->penalty_status == PenaltyStatus::kComputed;
      // A paid invoice with a claim owes no principal (as the engine's
      // communication counts it).
      const bool claim_only = invoice->state == InvoiceState::kPaid;
      RELANCE_RETURN_IF_ERROR(AddInto(total.amount, invoice->amount));
      if (!claim_only) {
        RELANCE_RETURN_IF_ERROR(
            AddInto(total.outstanding, invoice->outstanding));
      }
      if (computed && invoice->interest) {
        RELANCE_RETURN_IF_ERROR(AddInto(total.interest, *invoice->interest));
      }
      if (computed && invoice->compensation) {
        RELANCE_RETURN_IF_ERROR(
            AddInto(total.compensation, *invoice->compensation));
      }
      RELANCE_RETURN_IF_ERROR(
          AddInto(total.fees_charged, invoice->fees_charged));
      RELANCE_RETURN_IF_ERROR(AddInto(total.total_due, invoice->total_due));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<V> TotalRows(const std::vector<CurrencyTotal>& totals) const {
    std::vector<V> rows;
    for (const CurrencyTotal& total : totals) {
      RELANCE_ASSIGN_OR_RETURN(const Money penalties,
                               Add(total.interest, total.compensation));
      // outstanding + interest + compensation + fees_charged + fees - settled
      // = total_due.
      Money lines = total.outstanding;
      for (Money part : {penalties, total.fees_charged, total.fees}) {
        RELANCE_RETURN_IF_ERROR(AddInto(lines, part));
      }
      RELANCE_ASSIGN_OR_RETURN(const Money settled,
                               Subtract(lines, total.total_due));
      rows.push_back(V::Object({
          {"currency", Text(std::string(total.currency.code()))},
          {"amount", Text(Amount(total.amount))},
          {"outstanding", Text(Amount(total.outstanding))},
          {"interest", Text(Amount(total.interest))},
          {"has_interest", Flag(total.interest.IsPositive())},
          {"compensation", Text(Amount(total.compensation))},
          {"has_compensation", Flag(total.compensation.IsPositive())},
          {"penalties", Text(Amount(penalties))},
          {"fees", Text(Amount(total.fees))},
          {"has_fees", Flag(total.fees.IsPositive())},
          {"fees_charged", Text(Amount(total.fees_charged))},
          {"has_fees_charged", Flag(total.fees_charged.IsPositive())},
          {"settled", Text(Amount(settled))},
          {"has_settled", Flag(!settled.IsZero())},
          {"total_due", Text(Amount(total.total_due))},
      }));
    }
    return V::List(std::move(rows));
  }

  V Parties() const {
    const Creditor& c = options_.creditor;
    return V::Object({
        {"creditor",
         V::Object(
             {{"name", Text(c.name)},
              {"email", Text(c.email)},
              {"has_email", Flag(!c.email.empty())},
              {"phone", Text(c.phone)},
              {"has_phone", Flag(!c.phone.empty())},
              {"registration", Text(c.registration)},
              {"has_registration", Flag(!c.registration.empty())},
              {"payment_link", Text(c.payment_link)},
              {"has_payment_link", Flag(!c.payment_link.empty())},
              {"iban", Text(c.iban)},
              {"has_iban", Flag(!c.iban.empty())},
              {"bic", Text(c.bic)},
              {"has_bic", Flag(!c.bic.empty())},
              {"signatory", Text(c.signatory.empty() ? c.name : c.signatory)},
              {"address", Address(c.address_lines)}})},
        {"debtor",
         V::Object({{"id", Text(decision_.customer)},
                    {"name",
                     Text(options_.debtor.name.empty() ? decision_.customer
                                                       : options_.debtor.name)},
                    {"address", Address(options_.debtor.address_lines)}})},
        {"agency",
         V::Object({{"name", Text(options_.agency.name)},
                    {"has_name", Flag(!options_.agency.name.empty())},
                    {"address", Address(options_.agency.address_lines)}})},
    });
  }

 private:
  const Decision& decision_;
  const LetterOptions& options_;
  absl::flat_hash_map<std::string, const InvoiceDecision*> by_id_;
};

}  // namespace

absl::Status LetterOptions::Validate() const {
  if (creditor.name.empty()) {
    return absl::InvalidArgumentError(
        "letter options: creditor.name: required");
  }
  if (!creditor.bic.empty() && creditor.iban.empty()) {
    return absl::InvalidArgumentError(
        "letter options: creditor.bic: given without creditor.iban");
  }
  return absl::OkStatus();
}

const TemplateSchema& LetterSchema() {
  static const TemplateSchema* const schema = new TemplateSchema(MakeSchema());
  return *schema;
}

absl::StatusOr<TemplateValue> BuildLetterData(const Decision& decision,
                                              const Policy& policy,
                                              const LetterSubject& subject,
                                              const LetterOptions& options) {
  RELANCE_RETURN_IF_ERROR(options.Validate());
  if (decision.policy_id != policy.id() ||
      decision.policy_version != policy.version()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "letter: the decision was made by policy ", decision.policy_id, " v",
        decision.policy_version, ", not ", policy.Label()));
  }
  if (subject.action.has_value() == subject.event.has_value()) {
    return absl::InvalidArgumentError(
        "letter: a letter is about either a planned communication (action) "
        "or a recorded event (event), one of them");
  }
  const bool reminder = subject.kind == LetterKind::kReminder;
  if (reminder && subject.reminder_number < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("letter: reminder_number: ", subject.reminder_number,
                     ", a reminder's number starts at 1"));
  }
  const Language language = options.language;
  Builder builder(decision, options);

  // What the letter is about.
  const Communication* communication = nullptr;
  std::vector<std::string> invoice_ids;
  if (subject.action) {
    if (*subject.action >= decision.actions.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "letter: action ", *subject.action, ": the decision has ",
          decision.actions.size(), " actions"));
    }
    communication = &decision.actions[*subject.action];
    invoice_ids = communication->invoices;
  } else {
    const EventKind expected =
        subject.kind == LetterKind::kPaymentPlanConfirmation
            ? EventKind::kPaymentPlanAgreed
            : EventKind::kPromiseToPay;
    const bool confirmation =
        subject.kind == LetterKind::kPaymentPlanConfirmation ||
        subject.kind == LetterKind::kPromiseConfirmation;
    if (!confirmation || subject.event->kind != expected) {
      return absl::InvalidArgumentError(absl::StrCat(
          "letter: a ", std::string(ToString(subject.kind)),
          " is not written from a ", std::string(ToString(subject.event->kind)),
          " event (a promise_confirmation confirms a promise_to_pay, a "
          "payment_plan_confirmation a payment_plan_agreed)"));
    }
    invoice_ids = subject.event->Invoices();
    if (invoice_ids.empty()) {
      for (const InvoiceDecision& invoice : decision.invoices) {
        if (!IsClosed(invoice.state)) invoice_ids.push_back(invoice.invoice);
      }
    }
  }

  std::vector<V> rows;
  std::vector<CurrencyTotal> totals;
  RELANCE_RETURN_IF_ERROR(builder.Rows(invoice_ids, rows, totals));
  if (communication != nullptr) {
    // The engine's fee and total, per currency.
    for (const Money& fee : communication->fees) {
      RELANCE_RETURN_IF_ERROR(
          AddInto(TotalFor(totals, fee.currency()).fees, fee));
    }
    for (const Money& total_due : communication->total_due) {
      TotalFor(totals, total_due.currency()).total_due = total_due;
    }
  }
  bool has_penalties = false;
  for (const CurrencyTotal& total : totals) {
    has_penalties = has_penalties || total.interest.IsPositive() ||
                    total.compensation.IsPositive();
  }
  has_penalties = has_penalties && policy.penalty_rule().has_value();
  bool penalties_unavailable = false;
  for (const std::string& id : invoice_ids) {
    RELANCE_ASSIGN_OR_RETURN(const InvoiceDecision* invoice,
                             builder.Invoice(id));
    penalties_unavailable =
        penalties_unavailable ||
        invoice->penalty_status == PenaltyStatus::kUnavailable;
  }

  std::vector<V> statement_rows;
  std::vector<CurrencyTotal> statement_totals;
  if (communication != nullptr) {
    RELANCE_RETURN_IF_ERROR(builder.Rows(communication->statement,
                                         statement_rows, statement_totals));
  }

  const std::string& rule_id = policy.penalty_rule_id();
  const bool claims = policy.penalty_rule().has_value();
  std::optional<Date> deadline = communication != nullptr
                                     ? communication->payment_deadline
                                     : std::optional<Date>();
  if (subject.event && subject.event->promised_date) {
    deadline = subject.event->promised_date;
  }

  V data = builder.Parties();
  const auto set = [&data](const char* name, V value) {
    data.Set(name, std::move(value));
  };
  set("kind", Text(std::string(ToString(subject.kind))));
  set("language", Text(std::string(LanguageCode(language))));
  set("channel",
      Text(communication != nullptr ? ToString(communication->channel)
                                    : ToString(Channel::kEmail)));
  set("level", Text(communication != nullptr ? communication->level : ""));
  set("level_number",
      Text(communication != nullptr && communication->level_number > 0
               ? absl::StrCat(communication->level_number)
               : ""));
  set("template_id",
      Text(communication != nullptr ? communication->template_id : ""));
  set("reminder_number",
      Text(reminder ? absl::StrCat(subject.reminder_number) : ""));
  set("first_reminder", Flag(reminder && subject.reminder_number == 1));
  set("letter_date", Text(builder.Long(decision.as_of)));
  set("letter_date_iso", Text(FormatDate(decision.as_of)));
  set("customer_id", Text(decision.customer));
  set("reference",
      Text(options.creditor.reference.empty() ? decision.customer
                                              : options.creditor.reference));
  set("invoice_count",
      Text(FormatInteger(static_cast<int64_t>(rows.size()), language)));
  set("several_invoices", Flag(rows.size() > 1));
  set("invoices", V::List(std::move(rows)));
  RELANCE_ASSIGN_OR_RETURN(V total_rows, builder.TotalRows(totals));
  set("several_currencies", Flag(totals.size() > 1));
  set("totals", std::move(total_rows));
  set("has_penalties", Flag(has_penalties));
  set("penalties_unavailable", Flag(penalties_unavailable));
  set("penalty_rule", Text(rule_id));
  set("penalty_citation",
      Text(claims ? policy.penalty_rule()->citation : std::string()));
  set("has_penalty_citation",
      Flag(claims && !policy.penalty_rule()->citation.empty()));
  set("rule_fr_b2b", Flag(claims && rule_id == "fr-b2b"));
  set("rule_uk_late_payment", Flag(claims && rule_id == "uk-late-payment"));
  set("rule_other",
      Flag(claims && rule_id != "fr-b2b" && rule_id != "uk-late-payment"));
  set("payment_deadline",
      Text(deadline ? builder.Long(*deadline) : std::string()));
  set("payment_deadline_iso",
      Text(deadline ? FormatDate(*deadline) : std::string()));
  set("has_payment_deadline", Flag(deadline.has_value()));
  set("block_account",
      Flag(communication != nullptr && communication->block_account));
  set("registered_letter",
      Flag(communication != nullptr &&
           communication->channel == Channel::kRegisteredLetter));
  set("has_payment_means", Flag(!options.creditor.payment_link.empty() ||
                                !options.creditor.iban.empty()));
  set("customer_name", Text(options.debtor.name.empty() ? decision.customer
                                                        : options.debtor.name));
  // A statement that only repeats the letter's own invoices adds nothing.
  bool statement_adds = false;
  if (communication != nullptr) {
    for (const std::string& id : communication->statement) {
      bool listed = false;
      for (const std::string& own : invoice_ids) listed = listed || own == id;
      statement_adds = statement_adds || !listed;
    }
  }
  set("has_statement", Flag(statement_adds));
  set("statement", V::List(std::move(statement_rows)));
  RELANCE_ASSIGN_OR_RETURN(V statement_total_rows,
                           builder.TotalRows(statement_totals));
  set("statement_totals", std::move(statement_total_rows));

  // Confirmations.
  const Event* event = subject.event ? &*subject.event : nullptr;
  const bool promise =
      event != nullptr && event->kind == EventKind::kPromiseToPay;
  const bool plan =
      event != nullptr && event->kind == EventKind::kPaymentPlanAgreed;
  set("promise_date",
      Text(promise && event->promised_date ? builder.Long(*event->promised_date)
                                           : std::string()));
  set("promise_date_iso",
      Text(promise && event->promised_date ? FormatDate(*event->promised_date)
                                           : std::string()));
  set("promise_amount",
      Text(promise && event->amount ? builder.Amount(*event->amount)
                                    : std::string()));
  set("has_promise_amount", Flag(promise && event->amount.has_value()));
  set("agreed_date",
      Text(event != nullptr ? builder.Long(event->date) : std::string()));
  std::vector<V> instalments;
  std::optional<Money> plan_total;
  if (plan) {
    for (size_t i = 0; i < event->instalments.size(); ++i) {
      const PlanInstalment& instalment = event->instalments[i];
      instalments.push_back(V::Object({
          {"number", Text(absl::StrCat(i + 1))},
          {"date", Text(builder.Long(instalment.date))},
          {"date_iso", Text(FormatDate(instalment.date))},
          {"amount", Text(builder.Amount(instalment.amount))},
      }));
      if (plan_total) {
        RELANCE_RETURN_IF_ERROR(AddInto(*plan_total, instalment.amount));
      } else {
        plan_total = instalment.amount;
      }
    }
  }
  set("instalment_count",
      Text(plan ? FormatInteger(static_cast<int64_t>(instalments.size()),
                                language)
                : std::string()));
  set("instalments", V::List(std::move(instalments)));
  set("plan_total",
      Text(plan_total ? builder.Amount(*plan_total) : std::string()));
  return data;
}

}  // namespace relance
