// Ledger::Run and Ledger::Cases: every customer's journal folded and
// evaluated, one customer at a time (the journal is read in customer order,
// so memory holds one case, whatever the ledger's size).
#include <sqlite3.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "relance/compiled_case.hpp"
#include "relance/decision_json.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/lifecycle.hpp"
#include "store/invoice_state.hpp"
#include "store/journal.hpp"
#include "store/ledger.hpp"
#include "store/ledger_state.hpp"

namespace relance::store {
namespace {

// Reads every customer's facts in customer-id order: customers, their
// journal and their invoices' history before relance, merged by id.
class FactsReader {
 public:
  static absl::StatusOr<FactsReader> Start(const Database& db) {
    RELANCE_ASSIGN_OR_RETURN(
        Statement customers,
        db.Prepare("SELECT id, name, segment, jurisdiction, language, "
                   "address FROM customers ORDER BY id",
                   "read the customers"));
    RELANCE_ASSIGN_OR_RETURN(
        Statement journal,
        db.Prepare("SELECT customer_id, event, sequence FROM journal "
                   "ORDER BY customer_id, event_date, sequence",
                   "read the journal"));
    RELANCE_ASSIGN_OR_RETURN(
        Statement prior,
        db.Prepare("SELECT customer_id, id, issue_date, due_date, "
                   "last_level_sent, disputed FROM invoices WHERE "
                   "last_level_sent > 0 OR disputed = 1 "
                   "ORDER BY customer_id, id",
                   "read invoices' history before relance"));
    FactsReader reader(std::move(customers), std::move(journal),
                       std::move(prior));
    RELANCE_ASSIGN_OR_RETURN(reader.journal_row_, reader.journal_.Step());
    RELANCE_ASSIGN_OR_RETURN(reader.prior_row_, reader.prior_.Step());
    return reader;
  }

  // The next customer's facts, or nullopt after the last.
  absl::StatusOr<std::optional<CustomerFacts>> Next() {
    RELANCE_ASSIGN_OR_RETURN(bool row, customers_.Step());
    if (!row) return std::optional<CustomerFacts>();
    CustomerFacts facts{
        .customer = customers_.Text(0),
        .name = customers_.Text(1),
        .segment = customers_.Text(2),
        .jurisdiction = customers_.Text(3),
        .language = customers_.Text(4),
        .address_lines = SplitAddressLines(customers_.TextView(5))};
    while (journal_row_ && journal_.TextView(0) <= facts.customer) {
      if (journal_.TextView(0) == facts.customer) {
        absl::StatusOr<Event> event = Event::FromJson(journal_.TextView(1));
        if (!event.ok()) {
          return absl::DataLossError(absl::StrCat("journal entry ",
                                                  journal_.Int(2), ": ",
                                                  event.status().message()));
        }
        facts.journal.push_back(*std::move(event));
      }
      RELANCE_ASSIGN_OR_RETURN(journal_row_, journal_.Step());
    }
    while (prior_row_ && prior_.TextView(0) <= facts.customer) {
      if (prior_.TextView(0) == facts.customer) {
        absl::StatusOr<Date> issue = ParseDate(prior_.TextView(2));
        absl::StatusOr<Date> due = ParseDate(prior_.TextView(3));
        if (!issue.ok() || !due.ok()) {
          return absl::DataLossError(
              absl::StrCat("invoice ", prior_.Text(1), ": bad dates"));
        }
        facts.prior.push_back(
            {.invoice = prior_.Text(1),
             .issue_date = *issue,
             .due_date = *due,
             .last_level_sent = static_cast<int>(prior_.Int(4)),
             .disputed = prior_.Int(5) != 0});
      }
      RELANCE_ASSIGN_OR_RETURN(prior_row_, prior_.Step());
    }
    return std::optional<CustomerFacts>(std::move(facts));
  }

 private:
  FactsReader(Statement customers, Statement journal, Statement prior)
      : customers_(std::move(customers)),
        journal_(std::move(journal)),
        prior_(std::move(prior)) {}
  Statement customers_;
  Statement journal_;
  Statement prior_;
  bool journal_row_ = false;
  bool prior_row_ = false;
};

// The policy for a customer: its jurisdiction's, else the run's.
const Policy& PolicyFor(const Policy& policy,
                        const std::vector<JurisdictionPolicy>& by_jurisdiction,
                        const CustomerFacts& facts) {
  for (const JurisdictionPolicy& own : by_jurisdiction) {
    if (!facts.jurisdiction.empty() && own.jurisdiction == facts.jurisdiction) {
      return own.policy;
    }
  }
  return policy;
}

// The run's jurisdiction policies as recorded in runs.jurisdiction_policies.
std::string JurisdictionPoliciesJson(
    const std::vector<JurisdictionPolicy>& by_jurisdiction) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const JurisdictionPolicy& own : by_jurisdiction) {
    list.push_back({{"jurisdiction", own.jurisdiction},
                    {"policy_id", own.policy.id()},
                    {"policy_version", own.policy.version()},
                    {"policy_sha256", Sha256Hex(own.text)},
                    {"policy", own.text}});
  }
  return list.dump(-1, ' ', false,
                   nlohmann::ordered_json::error_handler_t::replace);
}

// The jurisdiction policies recorded with a run (JurisdictionPoliciesJson),
// as (jurisdiction, policy text); `what` names the run in errors.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>>
ParseJurisdictionPolicies(std::string_view text, std::string_view what) {
  const nlohmann::json list = nlohmann::json::parse(text, nullptr, false);
  const auto bad = [&] {
    return absl::DataLossError(absl::StrCat(
        std::string(what),
        "'s jurisdiction policies are not the form relance writes"));
  };
  if (!list.is_array()) return bad();
  std::vector<std::pair<std::string, std::string>> policies;
  for (const nlohmann::json& item : list) {
    if (!item.is_object() || !item.contains("jurisdiction") ||
        !item["jurisdiction"].is_string() || !item.contains("policy") ||
        !item["policy"].is_string()) {
      return bad();
    }
    policies.emplace_back(item["jurisdiction"].get<std::string>(),
                          item["policy"].get<std::string>());
  }
  return policies;
}

// The ladder used for a customer's levels sent before relance: its
// segment's when it has one the policy declares, the default otherwise.
const Ladder* PriorLadder(const Policy& policy, const CustomerFacts& facts) {
  if (!facts.segment.empty()) {
    absl::StatusOr<const Ladder*> ladder = policy.LadderFor(facts.segment, {});
    if (ladder.ok()) return *ladder;
  }
  return &policy.default_ladder();
}

// Writes the actions a decision proposes, skipping the invoice levels an
// earlier action holds.
class ActionWriter {
 public:
  static absl::StatusOr<ActionWriter> Start(const Database& db) {
    RELANCE_ASSIGN_OR_RETURN(
        Statement held,
        db.Prepare("SELECT 1 FROM action_items WHERE invoice_id = ?1 AND "
                   "level = ?2",
                   "find an invoice's level"));
    RELANCE_ASSIGN_OR_RETURN(
        Statement action,
        db.Prepare("INSERT INTO actions (run_id, customer_id, as_of, level, "
                   "channel, communication, status) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'planned')",
                   "plan an action"));
    RELANCE_ASSIGN_OR_RETURN(
        Statement item,
        db.Prepare("INSERT INTO action_items (invoice_id, level, action_id) "
                   "VALUES (?1, ?2, ?3)",
                   "plan an invoice's level"));
    return ActionWriter(db, std::move(held), std::move(action),
                        std::move(item));
  }

  // Plans the decision's communications; appends the new ones to
  // `result` and returns them: (index in decision.actions, action id).
  absl::StatusOr<std::vector<std::pair<size_t, int64_t>>> Write(
      int64_t run_id, const CustomerFacts& facts, const Decision& decision,
      RunResult& result) {
    std::vector<std::pair<size_t, int64_t>> planned;
    for (size_t index = 0; index < decision.actions.size(); ++index) {
      const Communication& communication = decision.actions[index];
      std::vector<size_t> fresh;
      for (size_t i = 0; i < communication.invoices.size(); ++i) {
        held_.Bind(1, communication.invoices[i])
            .Bind(2, communication.invoice_levels[i]);
        RELANCE_ASSIGN_OR_RETURN(bool is_held, held_.Step());
        held_.Reset();
        if (!is_held) fresh.push_back(i);
      }
      if (fresh.empty()) {
        ++result.already_planned;
        continue;
      }
      action_.Bind(1, run_id)
          .Bind(2, facts.customer)
          .Bind(3, std::string_view(FormatDate(decision.as_of)))
          .Bind(4, communication.level)
          .Bind(5, ToString(communication.channel))
          .Bind(6, std::string_view(CommunicationToJson(communication)));
      RELANCE_RETURN_IF_ERROR(action_.Run());
      const int64_t action_id = LastInsert();
      for (size_t i : fresh) {
        item_.Bind(1, communication.invoices[i])
            .Bind(2, communication.invoice_levels[i])
            .Bind(3, action_id);
        RELANCE_RETURN_IF_ERROR(item_.Run());
      }
      if (result.planned.size() < kMaxListed) {
        result.planned.push_back({.id = action_id,
                                  .run_id = run_id,
                                  .customer = facts.customer,
                                  .customer_name = facts.name,
                                  .as_of = decision.as_of,
                                  .status = "planned",
                                  .communication = communication});
      }
      ++result.actions_planned;
      planned.emplace_back(index, action_id);
    }
    return planned;
  }

  // At most this many actions are returned in RunResult::planned (all are
  // written): a run over millions of invoices lists the rest with
  // `Ledger::Actions`.
  static constexpr size_t kMaxListed = 100000;

 private:
  ActionWriter(const Database& db, Statement held, Statement action,
               Statement item)
      : db_(&db),
        held_(std::move(held)),
        action_(std::move(action)),
        item_(std::move(item)) {}
  int64_t LastInsert() { return sqlite3_last_insert_rowid(db_->handle()); }
  const Database* db_;
  Statement held_;
  Statement action_;
  Statement item_;
};

}  // namespace

absl::StatusOr<RunResult> Ledger::Run(const Policy& policy,
                                      std::string_view policy_text, Date as_of,
                                      const RunOptions& options,
                                      const Recording& recording) {
  const Database& db = state_->db;
  RELANCE_ASSIGN_OR_RETURN(Transaction transaction, Transaction::Begin(db));
  RunResult result{.as_of = as_of,
                   .policy_id = policy.id(),
                   .policy_version = policy.version()};
  int64_t total_customers = 0;
  {
    RELANCE_ASSIGN_OR_RETURN(
        Statement count,
        db.Prepare("SELECT count(*) FROM customers", "count the customers"));
    RELANCE_ASSIGN_OR_RETURN(bool row, count.Step());
    if (row) total_customers = count.Int(0);
  }
  RELANCE_ASSIGN_OR_RETURN(
      Statement run,
      db.Prepare("INSERT INTO runs (as_of, policy_id, policy_version, "
                 "policy_sha256, policy, recorded_by, recorded_at, customers, "
                 "invoices, actions_planned, already_planned, failed, "
                 "jurisdiction_policies, journal_sequence) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 0, 0, 0, 0, ?8, "
                 "(SELECT coalesce(max(sequence), 0) FROM journal))",
                 "record the run"));
  run.Bind(1, std::string_view(FormatDate(as_of)))
      .Bind(2, policy.id())
      .Bind(3, int64_t{policy.version()})
      .Bind(4, std::string_view(Sha256Hex(policy_text)))
      .Bind(5, policy_text)
      .Bind(6, std::string_view(recording.by))
      .Bind(7, std::string_view(recording.at))
      .Bind(8, std::string_view(
                   JurisdictionPoliciesJson(options.jurisdiction_policies)));
  RELANCE_RETURN_IF_ERROR(run.Run());
  for (const JurisdictionPolicy& own : options.jurisdiction_policies) {
    result.jurisdiction_policies.emplace_back(own.jurisdiction,
                                              own.policy.Label());
  }
  result.run_id = sqlite3_last_insert_rowid(db.handle());

  RELANCE_ASSIGN_OR_RETURN(FactsReader reader, FactsReader::Start(db));
  RELANCE_ASSIGN_OR_RETURN(ActionWriter writer, ActionWriter::Start(db));
  RELANCE_ASSIGN_OR_RETURN(InvoiceStateWriter states,
                           InvoiceStateWriter::Start(db, result.run_id));
  for (;;) {
    RELANCE_ASSIGN_OR_RETURN(std::optional<CustomerFacts> facts, reader.Next());
    if (!facts.has_value()) break;
    ++result.customers;
    if (options.progress &&
        (result.customers % 1024 == 0 || result.customers == total_customers)) {
      options.progress(result.customers, total_customers);
    }
    if (facts->journal.empty()) continue;
    const Policy& own =
        PolicyFor(policy, options.jurisdiction_policies, *facts);
    const Ladder* ladder = PriorLadder(own, *facts);
    const Case assembled = AssembleCase(*facts, ladder, as_of);
    absl::StatusOr<Decision> decision = [&]() -> absl::StatusOr<Decision> {
      RELANCE_ASSIGN_OR_RETURN(CompiledCase compiled,
                               CompiledCase::Compile(assembled));
      result.invoices += static_cast<int64_t>(compiled.invoices().size());
      return Evaluate(own, compiled, as_of);
    }();
    if (!decision.ok()) {
      result.failed.emplace_back(facts->customer, decision.status());
      continue;
    }
    RELANCE_ASSIGN_OR_RETURN(
        auto planned, writer.Write(result.run_id, *facts, *decision, result));
    if (options.on_planned && !planned.empty()) {
      if (options.dry_run) {
        for (auto& [index, id] : planned) id = 0;
      }
      RELANCE_RETURN_IF_ERROR(
          options.on_planned({.customer = facts->customer,
                              .name = facts->name,
                              .language = facts->language,
                              .address_lines = facts->address_lines,
                              .policy = &own,
                              .decision = &*decision,
                              .planned = std::move(planned)}));
    }
    RELANCE_RETURN_IF_ERROR(states.Write(facts->customer, *decision).status());
  }
  if (options.progress && total_customers == 0) options.progress(0, 0);
  RELANCE_ASSIGN_OR_RETURN(
      Statement counts,
      db.Prepare("UPDATE runs SET customers = ?2, invoices = ?3, "
                 "actions_planned = ?4, already_planned = ?5, failed = ?6 "
                 "WHERE id = ?1",
                 "record the run's counts"));
  counts.Bind(1, result.run_id)
      .Bind(2, result.customers)
      .Bind(3, result.invoices)
      .Bind(4, result.actions_planned)
      .Bind(5, result.already_planned)
      .Bind(6, static_cast<int64_t>(result.failed.size()));
  RELANCE_RETURN_IF_ERROR(counts.Run());
  if (options.dry_run) {
    // Nothing recorded: the run and its actions have no id.
    result.run_id = 0;
    for (PlannedAction& action : result.planned) action.id = action.run_id = 0;
  } else {
    RELANCE_RETURN_IF_ERROR(transaction.Commit());
  }
  return result;
}

absl::StatusOr<std::vector<AgingInvoice>> Ledger::AgingInvoices(
    const Policy& policy, Date as_of,
    std::vector<std::pair<std::string, absl::Status>>* failed,
    const std::vector<JurisdictionPolicy>& jurisdiction_policies) const {
  RELANCE_ASSIGN_OR_RETURN(FactsReader reader, FactsReader::Start(state_->db));
  std::vector<AgingInvoice> invoices;
  for (;;) {
    RELANCE_ASSIGN_OR_RETURN(std::optional<CustomerFacts> facts, reader.Next());
    if (!facts.has_value()) break;
    if (facts->journal.empty()) continue;
    const Policy& own = PolicyFor(policy, jurisdiction_policies, *facts);
    const Ladder* ladder = PriorLadder(own, *facts);
    const std::string customer = facts->customer;
    const std::string name = facts->name;
    const Case assembled = AssembleCase(*std::move(facts), ladder, as_of);
    absl::StatusOr<Decision> decision = Evaluate(own, assembled, as_of);
    if (!decision.ok()) {
      if (failed != nullptr) failed->emplace_back(customer, decision.status());
      continue;
    }
    for (const InvoiceDecision& invoice : decision->invoices) {
      AgingInvoice aged{.invoice = invoice.invoice,
                        .customer = customer,
                        .customer_name = name,
                        .issue_date = invoice.issue_date,
                        .due_date = invoice.due_date,
                        .amount = invoice.amount,
                        .outstanding = Money::Zero(invoice.amount.currency()),
                        .disputed = Money::Zero(invoice.amount.currency())};
      if (!IsClosed(invoice.state)) {
        // The decision's outstanding leaves the disputed part out; the
        // ageing report counts it as a receivable and shows it apart.
        RELANCE_ASSIGN_OR_RETURN(aged.outstanding,
                                 Add(invoice.outstanding, invoice.disputed));
        aged.disputed = invoice.disputed;
        // Penalties are unknown only when they could not be computed; an
        // invoice not late, or a policy that claims none, owes none.
        if (invoice.penalty_status == PenaltyStatus::kNotClaimed) {
          aged.penalties = Money::Zero(invoice.amount.currency());
        } else if (invoice.penalty_status == PenaltyStatus::kComputed) {
          Money penalties = Money::Zero(invoice.amount.currency());
          if (invoice.interest) {
            RELANCE_ASSIGN_OR_RETURN(penalties,
                                     Add(penalties, *invoice.interest));
          }
          if (invoice.compensation) {
            RELANCE_ASSIGN_OR_RETURN(penalties,
                                     Add(penalties, *invoice.compensation));
          }
          aged.penalties = penalties;
        }
      }
      invoices.push_back(std::move(aged));
    }
  }
  return invoices;
}

absl::StatusOr<std::optional<Ledger::RunPolicyTexts>> Ledger::LastRunPolicies()
    const {
  RELANCE_ASSIGN_OR_RETURN(
      Statement last,
      state_->db.Prepare("SELECT policy, jurisdiction_policies FROM runs "
                         "ORDER BY id DESC LIMIT 1",
                         "read the last run's policies"));
  RELANCE_ASSIGN_OR_RETURN(bool row, last.Step());
  if (!row) return std::optional<RunPolicyTexts>();
  RunPolicyTexts texts{.policy = last.Text(0)};
  RELANCE_ASSIGN_OR_RETURN(
      texts.by_jurisdiction,
      ParseJurisdictionPolicies(last.TextView(1), "the last run"));
  return std::optional<RunPolicyTexts>(std::move(texts));
}

absl::StatusOr<std::vector<Case>> Ledger::Cases(const Policy& policy,
                                                Date as_of) const {
  RELANCE_ASSIGN_OR_RETURN(FactsReader reader, FactsReader::Start(state_->db));
  std::vector<Case> cases;
  for (;;) {
    RELANCE_ASSIGN_OR_RETURN(std::optional<CustomerFacts> facts, reader.Next());
    if (!facts.has_value()) break;
    const Ladder* ladder = PriorLadder(policy, *facts);
    cases.push_back(AssembleCase(*std::move(facts), ladder, as_of));
  }
  return cases;
}

absl::StatusOr<std::string> Ledger::CustomerOf(std::string_view invoice) const {
  return CustomerOfInvoice(state_->db, invoice);
}

absl::StatusOr<LedgerCase> Ledger::CustomerCase(
    std::string_view customer, const Policy& policy, Date as_of,
    const std::vector<JurisdictionPolicy>& jurisdiction_policies) const {
  RELANCE_ASSIGN_OR_RETURN(CustomerFacts facts,
                           ReadCustomerFacts(state_->db, customer));
  const Policy& own = PolicyFor(policy, jurisdiction_policies, facts);
  LedgerCase result{.language = facts.language,
                    .jurisdiction = facts.jurisdiction,
                    .address_lines = facts.address_lines,
                    .policy = &own};
  const Ladder* ladder = PriorLadder(own, facts);
  result.assembled = AssembleCase(std::move(facts), ladder, as_of);
  return result;
}

namespace {

// What ReplayAction reads of an action's run.
struct RunRecord {
  std::string policy = {};
  std::vector<std::pair<std::string, std::string>> by_jurisdiction = {};
  std::optional<int64_t> journal_sequence = {};
};

absl::StatusOr<RunRecord> ReadRun(const Database& db, int64_t run_id) {
  RELANCE_ASSIGN_OR_RETURN(
      Statement statement,
      db.Prepare("SELECT policy, jurisdiction_policies, journal_sequence FROM "
                 "runs WHERE id = ?1",
                 "read a run"));
  statement.Bind(1, run_id);
  RELANCE_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row) {
    return absl::DataLossError(absl::StrCat("run ", run_id, " is missing"));
  }
  RunRecord run{.policy = statement.Text(0)};
  RELANCE_ASSIGN_OR_RETURN(
      run.by_jurisdiction,
      ParseJurisdictionPolicies(statement.TextView(1),
                                absl::StrCat("run ", run_id)));
  if (!statement.IsNull(2)) run.journal_sequence = statement.Int(2);
  return run;
}

}  // namespace

absl::StatusOr<ReplayedAction> Ledger::ReplayAction(
    int64_t action_id, const PolicyPenaltyOptions& penalty_options) const {
  const Database& db = state_->db;
  RELANCE_ASSIGN_OR_RETURN(PlannedAction action, Action(action_id));
  RELANCE_ASSIGN_OR_RETURN(RunRecord run, ReadRun(db, action.run_id));
  RELANCE_ASSIGN_OR_RETURN(
      CustomerFacts facts,
      ReadCustomerFacts(db, action.customer, run.journal_sequence));
  std::string_view policy_text = run.policy;
  for (const auto& [jurisdiction, text] : run.by_jurisdiction) {
    if (!facts.jurisdiction.empty() && jurisdiction == facts.jurisdiction) {
      policy_text = text;
    }
  }
  absl::StatusOr<Policy> policy =
      Policy::FromJson(policy_text, penalty_options);
  if (!policy.ok()) {
    return absl::Status(policy.status().code(),
                        absl::StrCat("run ", action.run_id,
                                     "'s policy: ", policy.status().message()));
  }
  std::string language = facts.language;
  std::vector<std::string> address_lines = facts.address_lines;
  const Ladder* ladder = PriorLadder(*policy, facts);
  const Case assembled = AssembleCase(std::move(facts), ladder, action.as_of);
  RELANCE_ASSIGN_OR_RETURN(Decision decision,
                           Evaluate(*policy, assembled, action.as_of));
  const std::string wanted = CommunicationToJson(action.communication);
  for (size_t i = 0; i < decision.actions.size(); ++i) {
    if (CommunicationToJson(decision.actions[i]) == wanted) {
      return ReplayedAction{.action = std::move(action),
                            .language = std::move(language),
                            .address_lines = std::move(address_lines),
                            .policy = *std::move(policy),
                            .decision = std::move(decision),
                            .communication = i};
    }
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "action ", action_id, ": customer ",
      internal::QuoteForMessage(action.customer), " evaluated again as of ",
      FormatDate(action.as_of), " no longer gives this communication (run ",
      action.run_id,
      " predates ledger schema 5, which records the journal a run saw; "
      "facts recorded since change it)"));
}

}  // namespace relance::store
