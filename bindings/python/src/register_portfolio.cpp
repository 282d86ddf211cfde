// bindings/python/src/register_portfolio.cpp
// -----------------------------------------------------------------------------
// Portfolios: the columnar kernel (relance/batch.hpp) over numpy arrays.
//
// The extension binds the evaluator and a strict run, `_run`, that takes
// exactly the kernel's column types (C-contiguous int64, int32, uint8
// arrays) and reads them in place, without a copy, with the GIL released.
// relance.PortfolioEvaluator (relance/portfolio.py) subclasses it with the
// friendly `run`, which accepts datetime64[D] dates, other integer widths
// and non-contiguous arrays, converting each column at most once.
#include <pybind11/numpy.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common.hpp"
#include "relance/batch.hpp"
#include "relance/batch_json.hpp"

namespace relance::python {
namespace {

// The totals of a run and their JSON document (PortfolioTotalsToJson).
struct PortfolioResult {
  PortfolioTotals totals;
  std::string json;
};

// A column as the kernel reads it: a 1-D C-contiguous array of T, or None
// for an optional column (empty). Anything else is a TypeError naming the
// column (relance.PortfolioEvaluator.run converts before calling).
template <typename T>
std::span<const T> Column(const char* name, py::handle value,
                          std::vector<py::object>& keep) {
  if (value.is_none()) return {};
  using Array = py::array_t<T, py::array::c_style>;
  if (!py::isinstance<Array>(value) ||
      py::reinterpret_borrow<py::array>(value).ndim() != 1) {
    throw py::type_error(absl::StrCat(
        "relance: ", name, " must be a 1-D C-contiguous numpy array of ",
        std::string(py::str(py::dtype::of<T>())),
        " (PortfolioEvaluator.run converts other arrays)"));
  }
  auto array = py::reinterpret_borrow<Array>(value);
  keep.push_back(array);
  return std::span<const T>(array.data(), static_cast<size_t>(array.size()));
}

// A new output array of n elements and its span.
template <typename T>
std::pair<py::array_t<T>, std::span<T>> Output(size_t n) {
  py::array_t<T> array(static_cast<py::ssize_t>(n));
  return {array, std::span<T>(array.mutable_data(), n)};
}

}  // namespace

void RegisterPortfolio(py::module_& m) {
  py::class_<PortfolioResult>(
      m, "PortfolioTotals",
      "What a portfolio run adds up, in minor units of the evaluator's\n"
      "currency. `json` is the library's document of the totals (the one\n"
      "the C ABI returns); to_dict() is json.loads of it.")
      .def_property_readonly(
          "invoices",
          [](const PortfolioResult& r) { return r.totals.invoices; })
      .def_property_readonly(
          "total_balance",
          [](const PortfolioResult& r) { return r.totals.total_balance; },
          "Amounts less payments up to as_of.")
      .def_property_readonly(
          "total_interest",
          [](const PortfolioResult& r) { return r.totals.total_interest; },
          "Late-payment interest charged on as_of.")
      .def_property_readonly(
          "total_compensation",
          [](const PortfolioResult& r) { return r.totals.total_compensation; },
          "Fixed recovery compensation.")
      .def_property_readonly(
          "actions_per_level",
          [](const PortfolioResult& r) { return r.totals.actions_per_level; },
          "Invoices with an action at level k + 1, one per ladder level.")
      .def_property_readonly(
          "letters_per_level",
          [](const PortfolioResult& r) { return r.totals.letters_per_level; },
          "Customers whose letter (their highest action level) is at level "
          "k + 1; zeros without a customer column.")
      .def_property_readonly(
          "rate_assumed_from",
          [](const PortfolioResult& r) { return r.totals.rate_assumed_from; },
          "The first day charged at a rate carried forward beyond its "
          "series, or None.")
      .def_readonly("json", &PortfolioResult::json,
                    "The totals' JSON document.")
      .def(
          "to_dict", [](const PortfolioResult& r) { return JsonLoads(r.json); },
          "json.loads(json).")
      .def("__repr__", [](const PortfolioResult& r) {
        return absl::StrCat("relance.PortfolioTotals(", r.totals.invoices,
                            " invoices, balance ", r.totals.total_balance,
                            ", interest ", r.totals.total_interest,
                            ", compensation ", r.totals.total_compensation,
                            ")");
      });

  py::class_<PortfolioEvaluator>(
      m, "PortfolioEvaluator",
      "A policy, its terms, a currency and an as-of date prepared for\n"
      "portfolio runs over numpy columns (relance/batch.hpp). Immutable and\n"
      "safe to share between threads; runs release the GIL.")
      .def(py::init([](const Policy& policy,
                       const std::vector<std::string>& terms,
                       py::handle currency, Date as_of,
                       std::optional<std::string> ladder) {
             const Currency code = CurrencyFrom(currency);
             std::vector<PaymentTerms> compiled;
             compiled.reserve(terms.size());
             for (size_t i = 0; i < terms.size(); ++i) {
               absl::StatusOr<PaymentTerms> parsed =
                   PaymentTerms::Parse(terms[i]);
               if (!parsed.ok()) {
                 ThrowStatus(absl::Status(
                     parsed.status().code(),
                     absl::StrCat("portfolio: terms[", i,
                                  "]: ", parsed.status().message())));
               }
               compiled.push_back(*std::move(parsed));
             }
             absl::StatusOr<PortfolioEvaluator> evaluator;
             {
               py::gil_scoped_release release;
               evaluator = PortfolioEvaluator::Create(
                   policy, std::move(compiled),
                   PortfolioSetup{.currency = code,
                                  .as_of = as_of,
                                  .ladder = ladder.value_or("")});
             }
             return Unwrap(std::move(evaluator));
           }),
           py::arg("policy"), py::arg("terms"), py::arg("currency"),
           py::arg("as_of"), py::arg("ladder") = py::none(),
           "Prepares `policy` for invoices whose terms are one of `terms` "
           "(texts: \"30D\", \"30D+CM\", \"2/10 net 30\"; an invoice names "
           "its terms by index into this list), whose amounts are minor "
           "units of `currency`, as of `as_of`. `ladder`: the ladder applied "
           "to every invoice (None: the \"default\" ladder, and a policy "
           "that chooses ladders by segment is refused). Raises "
           "relance.Error for a terms text that does not parse (path "
           "\"terms[i]\"), an unknown ladder, a policy or rule feature the "
           "kernel does not compute (named), a reference rate unknown up to "
           "as_of.")
      .def_property_readonly(
          "levels",
          [](const PortfolioEvaluator& e) { return e.ladder().levels.size(); },
          "The number of levels of the ladder applied (action levels are "
          "1..levels).")
      .def_property_readonly(
          "currency",
          [](const PortfolioEvaluator& e) { return e.setup().currency; })
      .def_property_readonly(
          "as_of", [](const PortfolioEvaluator& e) { return e.setup().as_of; })
      .def_property_readonly(
          "ladder", [](const PortfolioEvaluator& e) { return e.ladder().id; },
          "The id of the ladder applied.")
      .def(
          "_run",
          [](const PortfolioEvaluator& evaluator, py::handle issue_date,
             py::handle amount, py::handle terms, py::handle payment_start,
             py::handle payment_date, py::handle payment_amount,
             py::handle customer, int32_t customer_count, py::handle flags,
             py::handle last_level, py::handle last_level_date, bool outputs,
             int threads) {
            std::vector<py::object> keep;
            PortfolioColumns columns{
                .issue_date = Column<int64_t>("issue_date", issue_date, keep),
                .amount = Column<int64_t>("amount", amount, keep),
                .terms = Column<int32_t>("terms", terms, keep),
                .customer = Column<int32_t>("customer", customer, keep),
                .customer_count = customer_count,
                .flags = Column<uint8_t>("flags", flags, keep),
                .last_level = Column<uint8_t>("last_level", last_level, keep),
                .last_level_date =
                    Column<int64_t>("last_level_date", last_level_date, keep),
                .payment_start =
                    Column<int64_t>("payment_start", payment_start, keep),
                .payment_date =
                    Column<int64_t>("payment_date", payment_date, keep),
                .payment_amount =
                    Column<int64_t>("payment_amount", payment_amount, keep),
            };
            PortfolioOutputs written;
            py::object arrays = py::none();
            if (outputs) {
              const size_t n = columns.issue_date.size();
              auto [due, due_span] = Output<int64_t>(n);
              auto [balance, balance_span] = Output<int64_t>(n);
              auto [interest, interest_span] = Output<int64_t>(n);
              auto [compensation, compensation_span] = Output<int64_t>(n);
              auto [level, level_span] = Output<uint8_t>(n);
              written = PortfolioOutputs{.due_date = due_span,
                                         .balance = balance_span,
                                         .interest = interest_span,
                                         .compensation = compensation_span,
                                         .action_level = level_span};
              arrays =
                  py::make_tuple(due, balance, interest, compensation, level);
            }
            absl::StatusOr<PortfolioTotals> totals;
            std::string json;
            {
              py::gil_scoped_release release;
              totals = evaluator.Run(columns, written, {.threads = threads});
              if (totals.ok()) {
                json = PortfolioTotalsToJson(*totals, evaluator);
              }
            }
            PortfolioResult result{Unwrap(std::move(totals)), std::move(json)};
            return py::make_tuple(py::cast(std::move(result)), arrays);
          },
          py::arg("issue_date"), py::arg("amount"), py::arg("terms"),
          py::arg("payment_start"), py::arg("payment_date"),
          py::arg("payment_amount"), py::arg("customer"),
          py::arg("customer_count"), py::arg("flags"), py::arg("last_level"),
          py::arg("last_level_date"), py::arg("outputs"), py::arg("threads"),
          "The strict run: columns exactly as the kernel reads them "
          "(C-contiguous int64 days and minor units, int32 codes, uint8 "
          "flags and levels; None for an optional column), read in place "
          "with the GIL released. Returns (PortfolioTotals, None or the "
          "tuple of output arrays due_date, balance, interest, compensation, "
          "action_level). Use run().")
      .def("__repr__", [](const PortfolioEvaluator& e) {
        return absl::StrCat("relance.PortfolioEvaluator(",
                            std::string(e.setup().currency.code()), ", ",
                            FormatDate(e.setup().as_of), ", ",
                            e.ladder().levels.size(), " levels)");
      });
}

}  // namespace relance::python
