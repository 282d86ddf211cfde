#!/usr/bin/env python3
"""Per-call overhead of relance's Python package over its C++ library.

Times the calls of benchmarks/python_overhead_bench.cpp through `relance`
(the same inputs) and, given that benchmark's binary, runs it and prints
both figures and the difference: what crossing into Python costs per call
(argument conversion, result objects, the GIL released and taken back).

    cmake --preset release
    cmake --build --preset release --target relance_python python_overhead_bench
    PYTHONPATH=build/release/bindings/python python3 benchmarks/python_overhead.py \
        --cxx build/release/benchmarks/python_overhead_bench

With --portfolio DIR (a portfolio-v1 directory of make_portfolio.py,
BENCHMARK.md), it also times one PortfolioEvaluator.run over the whole
portfolio (numpy columns of the kernel's dtypes, one thread) against the same
run in C++ (BM_PyPortfolioRun, given RELANCE_PORTFOLIO_DIR=DIR): the cost of
a batch call from Python, once per portfolio.

Use an optimised build (preset release, or a `pip install .`): the
sanitizer presets measure the sanitizers.
"""

import argparse
import datetime
import json
import os
import pathlib
import subprocess
import timeit
from decimal import Decimal

import relance

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


def calls():
    """(name, callable) pairs; names match python_overhead_bench.cpp."""
    fr = relance.Calendar.builtin("FR")
    terms = relance.Terms.parse("2/10 net 30")
    total = relance.Money(Decimal("1000.00"), "EUR")
    rule = relance.PenaltyRule.preset("fr-b2b")
    amount = relance.Money.parse("15000.00 EUR")
    policy = relance.Policy.from_file(EXAMPLES / "policies" / "standard_fr.json")
    dupont = relance.Case.from_json((EXAMPLES / "cases" / "dupont_ladder.json").read_text())
    D = datetime.date
    return [
        ("BM_PyMoneyParse", lambda: relance.Money.parse("1234.56 EUR")),
        ("BM_PyCalendarAdjust", lambda: fr.adjust(D(2026, 5, 30), "modified-following")),
        ("BM_PyTermsSchedule", lambda: terms.schedule(D(2026, 1, 31), total)),
        ("BM_PyAssess", lambda: rule.assess(amount, D(2025, 9, 30), D(2025, 10, 30))),
        ("BM_PyEvaluate", lambda: policy.evaluate(dupont, D(2026, 3, 5))),
        ("BM_PyEvaluateToJson", lambda: policy.evaluate(dupont, D(2026, 3, 5)).to_dict()),
    ]


def python_ns(function, seconds=0.5):
    """Nanoseconds per call: the best of 5 runs of about `seconds` / 5."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    number = max(1, int(number * seconds / 5 / 0.2))
    return min(timer.repeat(repeat=5, number=number)) / number * 1e9


def cxx_ns(binary, portfolio=None):
    env = dict(os.environ)
    if portfolio:
        env["RELANCE_PORTFOLIO_DIR"] = str(portfolio)
    output = subprocess.run(
        [binary, "--benchmark_format=json", "--benchmark_min_time=0.2",
         "--benchmark_repetitions=" + ("7" if portfolio else "3")]
        + ([] if portfolio else ["--benchmark_filter=-BM_PyPortfolioRun"]),
        check=True, capture_output=True, text=True, env=env).stdout
    figures = {}
    for run in json.loads(output)["benchmarks"]:
        if run.get("error_occurred"):
            continue
        scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[run.get("time_unit", "ns")]
        name = run["run_name"]
        if name == "BM_PyPortfolioRun":
            # Wall time (the GIL is released; runs may use threads), the
            # fastest repetition, as best_ns measures the Python call.
            if run.get("run_type") == "iteration":
                figures[name] = min(figures.get(name, float("inf")), run["real_time"] * scale)
        elif run.get("aggregate_name") == "median":
            figures[name] = run["cpu_time"] * scale
    return figures


def portfolio_call(directory):
    """The portfolio of `directory` as numpy columns of the kernel's dtypes
    (read with pandas, amounts exactly into cents) and a call running it."""
    import numpy as np
    import pandas as pd

    from relance.dask import read_portfolio_csv
    from relance.portfolio import group_payments

    directory = pathlib.Path(directory)
    invoices, payments = read_portfolio_csv(directory / "invoices.csv",
                                            directory / "payments.csv")
    terms_code, terms = pd.factorize(invoices["terms"], sort=True)
    customer, customers = pd.factorize(invoices["customer_id"])
    start, paid_on, paid = group_payments(
        invoices["invoice_id"].to_numpy(), payments["invoice_id"].to_numpy(),
        payments["payment_date"].to_numpy().astype("datetime64[D]"),
        payments["amount"].to_numpy())
    columns = dict(
        issue_date=invoices["issue_date"].to_numpy().astype("datetime64[D]"),
        amount=invoices["amount"].to_numpy(np.int64),
        terms=terms_code.astype(np.int32), payment_start=start, payment_date=paid_on,
        payment_amount=paid, customer=customer.astype(np.int32),
        customer_count=len(customers), flags=invoices["disputed"].to_numpy(np.uint8),
        last_level=invoices["last_level_sent"].to_numpy(np.uint8))
    policy = relance.Policy.from_file(
        pathlib.Path(__file__).resolve().parent / "portfolio_v1_policy.json")
    evaluator = relance.PortfolioEvaluator(policy, list(terms), "EUR",
                                           datetime.date(2025, 12, 31))
    empty = {k: (v[:1] if k == "payment_start" else v[:0]) if hasattr(v, "shape") else 0
             for k, v in columns.items()}
    return len(invoices), lambda: evaluator.run(**columns), lambda: evaluator.run(**empty)


def best_ns(function, repeat=7):
    """The fastest of `repeat` calls, in nanoseconds (for long calls)."""
    import time

    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter_ns()
        function()
        best = min(best, time.perf_counter_ns() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cxx", help="the python_overhead_bench binary")
    parser.add_argument("--portfolio", help="a portfolio-v1 directory (make_portfolio.py)")
    args = parser.parse_args()
    cxx = cxx_ns(args.cxx, args.portfolio) if args.cxx else {}
    print(f"relance {relance.__version__}, Python per call (ns)")
    print(f"{'call':24} {'python':>10} {'c++':>10} {'overhead':>10}")
    for name, function in calls():
        py = python_ns(function)
        if name in cxx:
            print(f"{name:24} {py:10.0f} {cxx[name]:10.0f} {py - cxx[name]:10.0f}")
        else:
            print(f"{name:24} {py:10.0f}")
    if args.portfolio:
        invoices, run, run_empty = portfolio_call(args.portfolio)
        totals = run()
        py = best_ns(run)
        print(f"\nPortfolioEvaluator.run over 0 invoices (the fixed cost of a call): "
              f"{python_ns(run_empty):.0f} ns")
        print(f"portfolio run, {invoices} invoices, one thread (ms per call, best of 7): "
              f"interest {totals.total_interest} c")
        print(f"{'call':24} {'python':>10} {'c++':>10} {'overhead':>10} {'ns/invoice':>10}")
        name = "BM_PyPortfolioRun"
        if name in cxx:
            over = py - cxx[name]
            print(f"{name:24} {py / 1e6:10.2f} {cxx[name] / 1e6:10.2f} {over / 1e6:10.3f} "
                  f"{over / invoices:10.3f}")
        else:
            print(f"{name:24} {py / 1e6:10.2f}")


if __name__ == "__main__":
    main()
