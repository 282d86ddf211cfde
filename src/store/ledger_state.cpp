#include "store/ledger_state.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "relance/compiled_case.hpp"
#include "relance/internal/quote.hpp"
#include "relance/internal/status_macros.hpp"
#include "relance/lifecycle.hpp"
#include "store/journal.hpp"

namespace relance::store {

using internal::QuoteForMessage;

absl::StatusOr<JournalWriter> JournalWriter::Start(const Database& db) {
  RELANCE_ASSIGN_OR_RETURN(
      Statement last,
      db.Prepare("SELECT sequence, hash FROM journal ORDER BY sequence DESC "
                 "LIMIT 1",
                 "read the journal's last entry"));
  int64_t sequence = 0;
  std::string hash(kJournalGenesisHash);
  RELANCE_ASSIGN_OR_RETURN(bool row, last.Step());
  if (row) {
    sequence = last.Int(0);
    hash = last.Text(1);
  }
  RELANCE_ASSIGN_OR_RETURN(
      Statement insert,
      db.Prepare("INSERT INTO journal (sequence, customer_id, event_date, "
                 "kind, event, external_id, source, recorded_by, recorded_at, "
                 "previous_hash, hash) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                 "append to the journal"));
  return JournalWriter(std::move(insert), sequence, std::move(hash));
}

absl::StatusOr<int64_t> JournalWriter::Append(
    std::string_view customer, const Event& event,
    const std::optional<std::string>& external_id, std::string_view source,
    const Recording& recording) {
  const int64_t sequence = last_sequence_ + 1;
  const std::string event_json = event.ToJson();
  std::string hash = ChainHash(last_hash_, {.sequence = sequence,
                                            .customer = customer,
                                            .event_json = event_json,
                                            .source = source,
                                            .recorded_by = recording.by,
                                            .recorded_at = recording.at});
  insert_.Bind(1, sequence)
      .Bind(2, customer)
      .Bind(3, std::string_view(FormatDate(event.date)))
      .Bind(4, ToString(event.kind))
      .Bind(5, std::string_view(event_json))
      .BindOptional(6, external_id)
      .Bind(7, source)
      .Bind(8, std::string_view(recording.by))
      .Bind(9, std::string_view(recording.at))
      .Bind(10, std::string_view(last_hash_))
      .Bind(11, std::string_view(hash));
  RELANCE_RETURN_IF_ERROR(insert_.Run());
  last_sequence_ = sequence;
  last_hash_ = std::move(hash);
  return sequence;
}

absl::StatusOr<CustomerFacts> ReadCustomerFacts(
    const Database& db, std::string_view customer,
    std::optional<int64_t> last_sequence) {
  CustomerFacts facts;
  RELANCE_ASSIGN_OR_RETURN(
      Statement who,
      db.Prepare("SELECT name, segment, jurisdiction, language, address FROM "
                 "customers WHERE id = ?1",
                 "read a customer"));
  who.Bind(1, customer);
  RELANCE_ASSIGN_OR_RETURN(bool found, who.Step());
  if (!found) {
    return absl::NotFoundError(absl::StrCat(
        "no customer ", QuoteForMessage(customer), " in the ledger"));
  }
  facts.customer = std::string(customer);
  facts.name = who.Text(0);
  facts.segment = who.Text(1);
  facts.jurisdiction = who.Text(2);
  facts.language = who.Text(3);
  facts.address_lines = SplitAddressLines(who.TextView(4));
  RELANCE_ASSIGN_OR_RETURN(
      Statement journal,
      db.Prepare("SELECT event, sequence FROM journal WHERE customer_id = ?1 "
                 "AND sequence <= ?2 ORDER BY event_date, sequence",
                 "read a customer's journal"));
  journal.Bind(1, customer)
      .Bind(2, last_sequence.value_or(std::numeric_limits<int64_t>::max()));
  for (;;) {
    RELANCE_ASSIGN_OR_RETURN(bool row, journal.Step());
    if (!row) break;
    absl::StatusOr<Event> event = Event::FromJson(journal.TextView(0));
    if (!event.ok()) {
      return absl::DataLossError(absl::StrCat("journal entry ", journal.Int(1),
                                              ": ", event.status().message()));
    }
    facts.journal.push_back(*std::move(event));
  }
  RELANCE_ASSIGN_OR_RETURN(
      Statement prior,
      db.Prepare("SELECT id, issue_date, due_date, last_level_sent, disputed "
                 "FROM invoices WHERE customer_id = ?1 AND "
                 "(last_level_sent > 0 OR disputed = 1) ORDER BY id",
                 "read invoices' history before relance"));
  prior.Bind(1, customer);
  for (;;) {
    RELANCE_ASSIGN_OR_RETURN(bool row, prior.Step());
    if (!row) break;
    RELANCE_ASSIGN_OR_RETURN(Date issue, ParseDate(prior.TextView(1)));
    RELANCE_ASSIGN_OR_RETURN(Date due, ParseDate(prior.TextView(2)));
    facts.prior.push_back({.invoice = prior.Text(0),
                           .issue_date = issue,
                           .due_date = due,
                           .last_level_sent = static_cast<int>(prior.Int(3)),
                           .disputed = prior.Int(4) != 0});
  }
  return facts;
}

absl::Status CheckCustomerFacts(const Database& db, std::string_view customer) {
  RELANCE_ASSIGN_OR_RETURN(CustomerFacts facts,
                           ReadCustomerFacts(db, customer));
  Date latest = MakeDate(1, 1, 1);
  for (const Event& event : facts.journal)
    latest = std::max(latest, event.date);
  const Case assembled = AssembleCase(std::move(facts), nullptr, latest);
  RELANCE_ASSIGN_OR_RETURN(CompiledCase compiled,
                           CompiledCase::Compile(assembled));
  for (size_t i = 0; i < compiled.invoices().size(); ++i) {
    RELANCE_RETURN_IF_ERROR(
        FoldInvoice(compiled, i, latest, /*with_history=*/false).status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> CustomerOfInvoice(const Database& db,
                                              std::string_view invoice) {
  RELANCE_ASSIGN_OR_RETURN(
      Statement statement,
      db.Prepare("SELECT customer_id FROM invoices WHERE id = ?1",
                 "find an invoice"));
  statement.Bind(1, invoice);
  RELANCE_ASSIGN_OR_RETURN(bool found, statement.Step());
  if (!found) {
    return absl::NotFoundError(absl::StrCat(
        "no invoice ", QuoteForMessage(invoice), " in the ledger"));
  }
  return statement.Text(0);
}

absl::StatusOr<Communication> CommunicationFromJson(std::string_view text) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  const auto bad = [] {
    return absl::DataLossError(
        "a planned action's communication is not the form relance writes");
  };
  if (!json.is_object()) return bad();
  Communication c;
  const auto money_list = [&](const char* key,
                              std::vector<Money>& out) -> bool {
    if (!json.contains(key) || !json[key].is_array()) return false;
    for (const auto& item : json[key]) {
      if (!item.is_string()) return false;
      absl::StatusOr<Money> money = Money::Parse(item.get<std::string>());
      if (!money.ok()) return false;
      out.push_back(*money);
    }
    return true;
  };
  const auto text_list = [&](const char* key,
                             std::vector<std::string>& out) -> bool {
    if (!json.contains(key) || !json[key].is_array()) return false;
    for (const auto& item : json[key]) {
      if (!item.is_string()) return false;
      out.push_back(item.get<std::string>());
    }
    return true;
  };
  if (!json.contains("level") || !json["level"].is_string() ||
      !json.contains("channel") || !json["channel"].is_string()) {
    return bad();
  }
  c.level = json["level"].get<std::string>();
  if (json.contains("level_number") && json["level_number"].is_number_integer())
    c.level_number = json["level_number"].get<int>();
  absl::StatusOr<Channel> channel =
      ParseChannel(json["channel"].get<std::string>());
  if (!channel.ok()) return bad();
  c.channel = *channel;
  if (json.contains("template") && json["template"].is_string())
    c.template_id = json["template"].get<std::string>();
  const auto flag = [&](const char* key) {
    return json.contains(key) && json[key].is_boolean() &&
           json[key].get<bool>();
  };
  c.task = flag("task");
  c.block_account = flag("block_account");
  if (!text_list("invoices", c.invoices) ||
      !text_list("invoice_levels", c.invoice_levels) ||
      c.invoices.size() != c.invoice_levels.size() ||
      !money_list("outstanding", c.outstanding) ||
      !money_list("penalties", c.penalties) || !money_list("fees", c.fees) ||
      !money_list("fees_charged", c.fees_charged) ||
      !money_list("total_due", c.total_due) ||
      !text_list("statement", c.statement)) {
    return bad();
  }
  if (json.contains("payment_deadline") &&
      json["payment_deadline"].is_string()) {
    absl::StatusOr<Date> deadline =
        ParseDate(json["payment_deadline"].get<std::string>());
    if (!deadline.ok()) return bad();
    c.payment_deadline = *deadline;
  }
  return c;
}

}  // namespace relance::store
