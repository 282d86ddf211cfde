#!/usr/bin/env python3
"""portfolio-v1 (BENCHMARK.md) from Python through relance's bindings: the columns loaded as the
pandas peer loads them (read_csv, typed numpy columns), then one call of the portfolio kernel
(relance.PortfolioEvaluator.run, GIL released, columns read in place) under
benchmarks/portfolio_v1_policy.json. Its compute time is the Python batch call: building the
evaluator, the call's dtype conversions and the kernel; set against relance-bench's compute it
shows the bindings' overhead.

    PYTHONPATH=build/release/bindings/python python3 benchmarks/peers/relance_python_peer.py \\
        --data DIR [--json]
"""

import datetime
import pathlib
import sys

import numpy as np

import pandas_peer
import results
from workload import LEVELS

import relance

POLICY = pathlib.Path(__file__).resolve().parents[1] / "portfolio_v1_policy.json"
AS_OF = datetime.date(2025, 12, 31)


def compute(data):
    evaluator = relance.PortfolioEvaluator(relance.Policy.from_file(str(POLICY)),
                                           data["terms_names"], "EUR", AS_OF)
    totals = evaluator.run(
        issue_date=data["issue"], amount=data["amount"],
        terms=data["terms_code"].astype(np.int32, copy=False),
        payment_start=data["pay_start"].astype(np.int64, copy=False),
        payment_date=data["pay_date"], payment_amount=data["pay_cents"],
        customer=data["customer"].astype(np.int32, copy=False),
        customer_count=data["customers"],
        flags=data["disputed"].astype(np.uint8), last_level=data["last_level_sent"].astype(np.uint8))
    assert len(totals.actions_per_level) == LEVELS
    return results.Totals(
        invoices=totals.invoices,
        total_outstanding_cents=totals.total_balance,
        total_interest_cents=totals.total_interest,
        total_compensation_cents=totals.total_compensation,
        actions_per_level=tuple(totals.actions_per_level),
        letters_per_level=tuple(totals.letters_per_level))


if __name__ == "__main__":
    sys.exit(results.run("relance via Python", pandas_peer.load, compute))
