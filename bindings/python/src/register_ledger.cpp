// bindings/python/src/register_ledger.cpp
// -----------------------------------------------------------------------------
// The ledger (src/store/ledger.hpp): relance._relance._Ledger, which
// relance.Ledger (relance/ledger.py) wraps with its defaults (who records,
// the current UTC time). Every method returns the document of
// store/ledger_json.hpp as a str, the one `relance ... --json` prints; the
// Python layer json.loads it. The GIL is released around the ledger's work
// (SQLite, parsing, the run); one ledger is used by one thread at a time (a
// mutex serialises the calls on one object).
#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common.hpp"
#include "relance/internal/quote.hpp"
#include "store/import_files.hpp"
#include "store/ledger.hpp"
#include "store/ledger_json.hpp"

namespace relance::python {

// The object behind relance._relance._Ledger.
class PyLedger {
 public:
  explicit PyLedger(store::Ledger ledger) : ledger_(std::move(ledger)) {}

  // Runs `work(ledger)` without the GIL, one call at a time.
  template <typename Work>
  auto Locked(Work work) {
    py::gil_scoped_release release;
    std::lock_guard<std::mutex> lock(mutex_);
    return work(ledger_);
  }

 private:
  std::mutex mutex_;
  store::Ledger ledger_;
};

namespace {

absl::StatusOr<std::string> Import(store::Ledger& ledger,
                                   const std::string& what,
                                   const std::string& text,
                                   const std::string& file,
                                   const store::EInvoiceImportOptions& options,
                                   const store::Recording& recording) {
  absl::StatusOr<store::ImportResult> result =
      store::ImportFileText(ledger, what, text, file, options, recording);
  if (!result.ok()) return result.status();
  return store::ImportResultToJson(*result, what, file);
}

// The history document, as `relance history` builds it: `kind` "invoice",
// "customer", or "" for an invoice of that id, else a customer.
absl::StatusOr<std::string> History(const store::Ledger& ledger,
                                    const std::string& kind,
                                    const std::string& id) {
  std::string subject = "invoice";
  absl::StatusOr<std::vector<store::JournalEntry>> entries =
      absl::NotFoundError("");
  if (kind != "customer") entries = ledger.InvoiceHistory(id);
  if (kind == "customer" ||
      (kind.empty() && absl::IsNotFound(entries.status()))) {
    subject = "customer";
    entries = ledger.CustomerHistory(id);
    if (absl::IsNotFound(entries.status()) && kind.empty()) {
      return absl::NotFoundError(absl::StrCat(
          "no invoice or customer ", internal::QuoteForMessage(id),
          " in the ledger ", internal::QuoteForMessage(ledger.path())));
    }
  }
  if (!entries.ok()) return entries.status();
  std::string customer = id;
  if (subject == "invoice" && !entries->empty()) {
    customer = entries->front().customer;
  }
  absl::StatusOr<std::vector<store::PlannedAction>> actions =
      ledger.Actions(customer);
  if (!actions.ok()) return actions.status();
  if (subject == "invoice") {
    std::erase_if(*actions, [&](const store::PlannedAction& action) {
      const std::vector<std::string>& invoices = action.communication.invoices;
      return std::find(invoices.begin(), invoices.end(), id) == invoices.end();
    });
  }
  return store::HistoryToJson(subject, id, *entries, *actions);
}

// The policies of Ledger.run's `policy_for` ((jurisdiction, policy text)
// pairs, in the mapping's order), compiled with the run's penalty options.
// Errors (kInvalidArgument) name the jurisdiction: one that is not two
// uppercase letters or is given twice; a bad policy, with its JSON path
// ("policy_for GB: policy: levels[2].offset_days: ...", which relance.Error
// reads into its `path`).
absl::StatusOr<std::vector<store::JurisdictionPolicy>> JurisdictionPolicies(
    const std::vector<std::pair<std::string, std::string>>& policy_for,
    const PolicyPenaltyOptions& options) {
  std::vector<store::JurisdictionPolicy> policies;
  policies.reserve(policy_for.size());
  for (const auto& [jurisdiction, text] : policy_for) {
    if (absl::Status status =
            store::CheckNewJurisdiction(policies, jurisdiction);
        !status.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("policy_for: ", std::string(status.message())));
    }
    absl::StatusOr<Policy> policy = Policy::FromJson(text, options);
    if (!policy.ok()) {
      return absl::Status(policy.status().code(),
                          absl::StrCat("policy_for ", jurisdiction, ": ",
                                       std::string(policy.status().message())));
    }
    policies.push_back({.jurisdiction = jurisdiction,
                        .policy = *std::move(policy),
                        .text = text});
  }
  return policies;
}

}  // namespace

void RegisterLedger(py::module_& m) {
  py::class_<PyLedger>(
      m, "_Ledger",
      "The ledger's C++ side; use relance.Ledger (relance/ledger.py).")
      .def(py::init([](py::handle path, bool create) {
             const std::string file = PathText(path);
             absl::StatusOr<store::Ledger> ledger;
             {
               py::gil_scoped_release release;
               ledger = store::Ledger::Open(file, create);
             }
             return std::make_unique<PyLedger>(Unwrap(std::move(ledger)));
           }),
           py::arg("path"), py::arg("create"))
      .def(
          "import_text",
          [](PyLedger& self, const std::string& what, const py::bytes& text,
             const std::string& file, bool skip_bad, const std::string& by,
             const std::string& at, const std::string& customer,
             const std::string& default_terms, int payment_transit_days) {
            const store::Recording recording{.by = by, .at = at};
            const store::EInvoiceImportOptions options{
                .skip_bad = skip_bad,
                .customer = customer,
                .default_terms = default_terms,
                .payment_transit_days = payment_transit_days};
            const std::string content = text;
            return Unwrap(self.Locked([&](store::Ledger& ledger) {
              return Import(ledger, what, content, file, options, recording);
            }));
          },
          py::arg("what"), py::arg("text"), py::arg("file_name"),
          py::arg("skip_bad"), py::arg("recorded_by"), py::arg("recorded_at"),
          py::arg("customer") = "", py::arg("default_terms") = "",
          py::arg("payment_transit_days") = 5)
      .def(
          "import_einvoices",
          [](PyLedger& self, const std::string& what,
             const std::vector<std::pair<std::string, py::bytes>>& files,
             bool skip_bad, const std::string& by, const std::string& at,
             const std::string& customer, const std::string& default_terms,
             int payment_transit_days) {
            const store::Recording recording{.by = by, .at = at};
            const store::EInvoiceImportOptions options{
                .skip_bad = skip_bad,
                .customer = customer,
                .default_terms = default_terms,
                .payment_transit_days = payment_transit_days};
            std::vector<store::EInvoiceFileText> texts;
            for (const auto& [name, bytes] : files) {
              texts.push_back({.name = name, .bytes = std::string(bytes)});
            }
            const std::string named =
                texts.size() == 1 ? texts.front().name
                                  : absl::StrCat(texts.size(), " files");
            return Unwrap(self.Locked(
                [&](store::Ledger& ledger) -> absl::StatusOr<std::string> {
                  absl::StatusOr<store::ImportResult> result =
                      what == "einvoice"
                          ? ledger.ImportEInvoices(texts, options, recording)
                          : ledger.ImportStatuses(texts, options, recording);
                  if (!result.ok()) return result.status();
                  return store::ImportResultToJson(*result, what, named);
                }));
          },
          py::arg("what"), py::arg("files"), py::arg("skip_bad"),
          py::arg("recorded_by"), py::arg("recorded_at"), py::arg("customer"),
          py::arg("default_terms"), py::arg("payment_transit_days"))
      .def(
          "cashed_status",
          [](PyLedger& self, const std::string& payment_id) {
            return Unwrap(self.Locked([&](store::Ledger& ledger) {
              return ledger.CashedStatus(payment_id);
            }));
          },
          py::arg("payment_id"))
      .def(
          "run",
          [](PyLedger& self, const std::string& policy_text, Date as_of,
             bool dry_run, std::optional<ReferenceRates> rates,
             bool assume_last_rate, const std::string& by,
             const std::string& at,
             const std::vector<std::pair<std::string, std::string>>&
                 policy_for) {
            PolicyPenaltyOptions options;
            if (rates) options.rates = *rates;
            options.assume_last_rate = assume_last_rate;
            const store::Recording recording{.by = by, .at = at};
            return Unwrap(self.Locked(
                [&](store::Ledger& ledger) -> absl::StatusOr<std::string> {
                  absl::StatusOr<Policy> policy =
                      Policy::FromJson(policy_text, options);
                  if (!policy.ok()) return policy.status();
                  store::RunOptions run_options;
                  run_options.dry_run = dry_run;
                  absl::StatusOr<std::vector<store::JurisdictionPolicy>> own =
                      JurisdictionPolicies(policy_for, options);
                  if (!own.ok()) return own.status();
                  run_options.jurisdiction_policies = *std::move(own);
                  absl::StatusOr<store::RunResult> result = ledger.Run(
                      *policy, policy_text, as_of, run_options, recording);
                  if (!result.ok()) return result.status();
                  return store::RunResultToJson(*result);
                }));
          },
          py::arg("policy_text"), py::arg("as_of"), py::arg("dry_run"),
          py::arg("rates"), py::arg("assume_last_rate"), py::arg("recorded_by"),
          py::arg("recorded_at"),
          py::arg("policy_for") =
              std::vector<std::pair<std::string, std::string>>{})
      .def(
          "record_sent",
          [](PyLedger& self, int64_t action_id, std::optional<Date> date,
             const std::string& by, const std::string& at) {
            const store::Recording recording{.by = by, .at = at};
            return Unwrap(self.Locked(
                [&](store::Ledger& ledger) -> absl::StatusOr<std::string> {
                  absl::StatusOr<store::PlannedAction> action =
                      ledger.RecordSent(action_id, date, recording);
                  if (!action.ok()) return action.status();
                  return store::PlannedActionToJson(*action);
                }));
          },
          py::arg("action_id"), py::arg("date"), py::arg("recorded_by"),
          py::arg("recorded_at"))
      .def(
          "record_event",
          [](PyLedger& self, const std::string& event_json,
             const std::string& customer, const std::string& id,
             const std::string& by, const std::string& at) {
            const store::Recording recording{.by = by, .at = at};
            return Unwrap(self.Locked(
                [&](store::Ledger& ledger) -> absl::StatusOr<std::string> {
                  absl::StatusOr<Event> event = Event::FromJson(event_json);
                  if (!event.ok()) return event.status();
                  absl::StatusOr<store::JournalEntry> entry =
                      ledger.RecordEvent(customer, *event, id, recording);
                  if (!entry.ok()) return entry.status();
                  return store::JournalEntryToJson(*entry);
                }));
          },
          py::arg("event_json"), py::arg("customer"), py::arg("id"),
          py::arg("recorded_by"), py::arg("recorded_at"))
      .def(
          "history",
          [](PyLedger& self, const std::string& kind, const std::string& id) {
            return Unwrap(self.Locked(
                [&](store::Ledger& ledger) -> absl::StatusOr<std::string> {
                  return History(ledger, kind, id);
                }));
          },
          py::arg("kind"), py::arg("id"))
      .def("status",
           [](PyLedger& self) {
             return Unwrap(self.Locked(
                 [](store::Ledger& ledger) -> absl::StatusOr<std::string> {
                   absl::StatusOr<store::LedgerStatus> status = ledger.Status();
                   if (!status.ok()) return status.status();
                   return store::StatusToJson(*status);
                 }));
           })
      .def("verify", [](PyLedger& self) {
        return Unwrap(self.Locked(
            [](store::Ledger& ledger) -> absl::StatusOr<std::string> {
              absl::StatusOr<store::VerifyResult> result = ledger.Verify();
              if (!result.ok()) return result.status();
              return store::VerifyResultToJson(*result);
            }));
      });
}

}  // namespace relance::python
