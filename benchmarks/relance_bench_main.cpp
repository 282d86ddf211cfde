// relance-bench: the portfolio-v1 workload (../shared/BENCHMARK.md) run by
// relance, printing the results block the peers print
// (benchmarks/peers/results.py), so that benchmarks/compare.py can put them
// side by side and check that every total agrees.
//
//   relance-bench portfolio --data DIR [--threads N] [--repeat K] [--json]
//                           [--policy FILE] [--as-of DATE] [--currency CODE]
//
// load:    ReadPortfolioCsv(DIR) (relance/portfolio_csv.hpp): both files read
//          and parsed into typed columns, payments grouped, customers coded.
// compute: PortfolioEvaluator::Create (the policy's ladder, the terms' due
//          date tables, the rate table) and Run over the columns, up to the
//          totals; with --repeat K, the fastest of K runs (create_s and run_s
//          split it in the JSON).
// compute_extra_bytes_per_invoice: the most heap held at once during a
//          compute run beyond what was live before it (the input columns
//          and everything loaded), per invoice; the largest over the runs
//          (heap_peak.hpp: operator new only, not thread stacks).
//
// Exit codes: 0 done; 2 bad input (the reader's FILE:LINE:COLUMN message, a
// policy or terms the kernel refuses, a bad option); 3 a rate the penalty
// rule needs is unknown (kOutOfRange); 1 anything else.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "heap_peak.hpp"
#include "nlohmann/json.hpp"
#include "relance/batch.hpp"
#include "relance/currency.hpp"
#include "relance/date.hpp"
#include "relance/policy.hpp"
#include "relance/portfolio_csv.hpp"

namespace relance::bench {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitInternalError = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitNotAnswerable = 3;

struct PortfolioOptions {
  std::string data;
  int threads = 1;
  int repeat = 1;
  bool json = false;
  std::string policy =
      RELANCE_SOURCE_DIR "/benchmarks/portfolio_v1_policy.json";
  std::string as_of = "2025-12-31";
  std::string currency = "EUR";
};

int ExitCodeFor(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return kExitOk;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kFailedPrecondition:
      return kExitBadInput;
    case absl::StatusCode::kOutOfRange:
      return kExitNotAnswerable;
    default:
      return kExitInternalError;
  }
}

int Report(const absl::Status& status) {
  std::cerr << "relance-bench: " << status.message() << "\n";
  return ExitCodeFor(status);
}

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// 1234567 -> "1,234,567" (as Python's f"{n:,}").
std::string Grouped(int64_t n) {
  std::string digits = absl::StrCat(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

// results.py's cents(): "1,234 c (EUR 12.34)".
std::string Cents(int64_t c) {
  const int64_t euros = c >= 0 ? c / 100 : -((-c + 99) / 100);
  const int64_t rest = c - euros * 100;
  return absl::StrCat(Grouped(c), " c (EUR ", Grouped(euros), ".",
                      absl::StrFormat("%02d", rest), ")");
}

std::string Levels(const std::vector<int64_t>& counts) {
  std::string out;
  for (int64_t n : counts) absl::StrAppend(&out, out.empty() ? "" : " ", n);
  return out;
}

std::string Rate(int64_t n, double seconds) {
  if (seconds <= 0) return "-";
  return Grouped(static_cast<int64_t>(static_cast<double>(n) / seconds + 0.5)) +
         " invoices/s";
}

int RunPortfolio(const PortfolioOptions& options) {
  absl::StatusOr<Currency> currency = Currency::FromCode(options.currency);
  if (!currency.ok()) return Report(currency.status());
  absl::StatusOr<Date> as_of = ParseDate(options.as_of);
  if (!as_of.ok()) return Report(as_of.status());
  if (options.threads < 1 || options.threads > 256) {
    return Report(absl::InvalidArgumentError("--threads: expected 1..256"));
  }
  if (options.repeat < 1) {
    return Report(absl::InvalidArgumentError("--repeat: expected 1 or more"));
  }
  absl::StatusOr<Policy> policy = Policy::FromFile(options.policy);
  if (!policy.ok()) return Report(policy.status());

  const auto load_start = std::chrono::steady_clock::now();
  absl::StatusOr<PortfolioData> data =
      ReadPortfolioCsv(options.data, {.currency = *currency});
  const double load_s = Seconds(std::chrono::steady_clock::now() - load_start);
  if (!data.ok()) return Report(data.status());
  const PortfolioColumns columns = data->columns();
  const int64_t invoices = static_cast<int64_t>(data->invoice_count());

  // The fastest run, and its two parts.
  double compute_s = 0;
  double create_s = 0;
  double run_s = 0;
  int64_t extra_bytes = 0;
  PortfolioTotals totals;
  for (int run = 0; run < options.repeat; ++run) {
    const HeapPeak peak;
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<PortfolioEvaluator> evaluator = PortfolioEvaluator::Create(
        *policy, data->payment_terms, {.currency = *currency, .as_of = *as_of});
    if (!evaluator.ok()) return Report(evaluator.status());
    const auto created = std::chrono::steady_clock::now();
    absl::StatusOr<PortfolioTotals> run_totals =
        evaluator->Run(columns, {}, {.threads = options.threads});
    const auto end = std::chrono::steady_clock::now();
    if (!run_totals.ok()) return Report(run_totals.status());
    extra_bytes = std::max(extra_bytes, peak.ExtraBytes());
    if (run == 0 || Seconds(end - start) < compute_s) {
      compute_s = Seconds(end - start);
      create_s = Seconds(created - start);
      run_s = Seconds(end - created);
    }
    totals = *std::move(run_totals);
  }

  const double extra_per_invoice =
      invoices > 0
          ? static_cast<double>(extra_bytes) / static_cast<double>(invoices)
          : 0.0;
  if (options.json) {
    nlohmann::ordered_json out = {
        {"total_outstanding_cents", totals.total_balance},
        {"total_interest_cents", totals.total_interest},
        {"total_compensation_cents", totals.total_compensation},
        {"actions_per_level", totals.actions_per_level},
        {"letters_per_level", totals.letters_per_level},
        {"load_s", load_s},
        {"compute_s", compute_s},
        {"invoices", invoices},
        {"threads", options.threads},
        {"compute_runs", options.repeat},
        {"create_s", create_s},
        {"run_s", run_s},
        {"load_invoices_per_s",
         load_s > 0 ? static_cast<double>(invoices) / load_s : 0.0},
        {"compute_invoices_per_s",
         compute_s > 0 ? static_cast<double>(invoices) / compute_s : 0.0},
        {"compute_extra_bytes_per_invoice", extra_per_invoice},
    };
    std::cout << out.dump() << "\n";
    return kExitOk;
  }
  const std::string name =
      absl::StrCat("relance, ", options.threads,
                   options.threads == 1 ? " thread" : " threads");
  std::cout << "portfolio-v1, " << name << ": " << Grouped(invoices)
            << " invoices\n"
            << "total outstanding    " << Cents(totals.total_balance) << "\n"
            << "total interest       " << Cents(totals.total_interest) << "\n"
            << "total compensation   " << Cents(totals.total_compensation)
            << "\n"
            << "actions per level    " << Levels(totals.actions_per_level)
            << "\n"
            << "letters per level    " << Levels(totals.letters_per_level)
            << "\n"
            << absl::StrFormat("load                 %.3f s (%s)\n", load_s,
                               Rate(invoices, load_s))
            << absl::StrFormat("compute              %.3f s (%s)%s\n",
                               compute_s, Rate(invoices, compute_s),
                               options.repeat > 1
                                   ? absl::StrCat(", best of ", options.repeat)
                                   : "")
            << absl::StrFormat("  Create, Run        %.4f s, %.4f s\n",
                               create_s, run_s)
            << absl::StrFormat("compute extra heap   %.1f bytes/invoice\n",
                               extra_per_invoice);
  return kExitOk;
}

}  // namespace
}  // namespace relance::bench

int main(int argc, char** argv) {
  using namespace relance::bench;
  CLI::App app{"relance-bench: relance on the benchmark workloads",
               "relance-bench"};
  app.require_subcommand(1);
  PortfolioOptions options;
  CLI::App* portfolio = app.add_subcommand(
      "portfolio",
      "the portfolio-v1 workload (BENCHMARK.md): load the CSV files, run the "
      "policy over every invoice, print the totals and the times");
  portfolio
      ->add_option("--data", options.data,
                   "directory with invoices.csv and payments.csv "
                   "(make_portfolio.py)")
      ->required();
  portfolio->add_option("--threads", options.threads,
                        "threads of the kernel (default 1)");
  portfolio->add_option("--repeat", options.repeat,
                        "compute runs; the fastest is reported (default 1)");
  portfolio->add_flag("--json", options.json,
                      "one JSON object with the keys of "
                      "benchmarks/peers/results.py, and more");
  portfolio->add_option("--policy", options.policy,
                        "the policy (default "
                        "benchmarks/portfolio_v1_policy.json)");
  portfolio->add_option("--as-of", options.as_of,
                        "the as-of date (default 2025-12-31)");
  portfolio->add_option("--currency", options.currency,
                        "the currency of every amount (default EUR)");
  int exit_code = kExitOk;
  portfolio->callback([&] { exit_code = RunPortfolio(options); });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    std::cerr << "relance-bench: " << e.what() << " (see relance-bench "
              << "portfolio --help)\n";
    return kExitBadInput;
  }
  return exit_code;
}
