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

Use an optimised build (preset release, or a `pip install .`): the
sanitizer presets measure the sanitizers.
"""

import argparse
import datetime
import json
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


def cxx_ns(binary):
    output = subprocess.run(
        [binary, "--benchmark_format=json", "--benchmark_min_time=0.2",
         "--benchmark_repetitions=3", "--benchmark_report_aggregates_only=true"],
        check=True, capture_output=True, text=True).stdout
    figures = {}
    for run in json.loads(output)["benchmarks"]:
        if run.get("aggregate_name") == "median":
            figures[run["run_name"]] = run["cpu_time"]  # ns (the default unit)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cxx", help="the python_overhead_bench binary")
    args = parser.parse_args()
    cxx = cxx_ns(args.cxx) if args.cxx else {}
    print(f"relance {relance.__version__}, Python per call (ns)")
    print(f"{'call':24} {'python':>10} {'c++':>10} {'overhead':>10}")
    for name, function in calls():
        py = python_ns(function)
        if name in cxx:
            print(f"{name:24} {py:10.0f} {cxx[name]:10.0f} {py - cxx[name]:10.0f}")
        else:
            print(f"{name:24} {py:10.0f}")


if __name__ == "__main__":
    main()
