"""The results block every portfolio-v1 implementation prints (BENCHMARK.md), and the command
line the peers share:

    python3 benchmarks/peers/<peer>.py --data DIR [--json]

A peer supplies load(dir) -> data (typed columns, payments grouped, customers coded) and
compute(data) -> Totals; run() times both and prints the block or, with --json, one object
with exactly the keys of JSON_KEYS. Bad input exits 2 with the file and line on stderr.
"""

import argparse
import dataclasses
import json
import pathlib
import sys
import time

from workload import LEVELS, InputError

JSON_KEYS = ("total_outstanding_cents", "total_interest_cents", "total_compensation_cents",
             "actions_per_level", "letters_per_level", "load_s", "compute_s")


@dataclasses.dataclass(frozen=True)
class Totals:
    """What two implementations must agree on exactly (money in cents)."""
    invoices: int
    total_outstanding_cents: int
    total_interest_cents: int
    total_compensation_cents: int
    actions_per_level: tuple  # invoices with an action at level 1..7
    letters_per_level: tuple  # customers whose letter is at level 1..7

    def __post_init__(self):
        assert len(self.actions_per_level) == LEVELS and len(self.letters_per_level) == LEVELS


def data_files(data_dir):
    """invoices.csv and payments.csv of a generated portfolio; InputError if one is missing."""
    d = pathlib.Path(data_dir)
    files = (d / "invoices.csv", d / "payments.csv")
    for f in files:
        if not f.is_file():
            raise InputError(f, 0, "no such file (generate the portfolio with make_portfolio.py)")
    return files


def as_json(totals, load_s, compute_s):
    return {
        "total_outstanding_cents": int(totals.total_outstanding_cents),
        "total_interest_cents": int(totals.total_interest_cents),
        "total_compensation_cents": int(totals.total_compensation_cents),
        "actions_per_level": [int(n) for n in totals.actions_per_level],
        "letters_per_level": [int(n) for n in totals.letters_per_level],
        "load_s": load_s,
        "compute_s": compute_s,
    }


def cents(c):
    euros, rest = divmod(int(c), 100)
    return f"{c:,} c (EUR {euros:,}.{rest:02d})"


def block(name, totals, load_s, compute_s):
    """The human-readable results block."""
    n = totals.invoices

    def rate(s):
        return f"{n / s:,.0f} invoices/s" if s > 0 else "-"

    return "\n".join([
        f"portfolio-v1, {name}: {n:,} invoices",
        f"total outstanding    {cents(totals.total_outstanding_cents)}",
        f"total interest       {cents(totals.total_interest_cents)}",
        f"total compensation   {cents(totals.total_compensation_cents)}",
        "actions per level    " + " ".join(str(int(x)) for x in totals.actions_per_level),
        "letters per level    " + " ".join(str(int(x)) for x in totals.letters_per_level),
        f"load                 {load_s:.3f} s ({rate(load_s)})",
        f"compute              {compute_s:.3f} s ({rate(compute_s)})",
    ])


def run(name, load, compute, argv=None):
    """The peers' main: parse --data/--json, time load and compute, print; returns the exit
    code (2 on bad input)."""
    parser = argparse.ArgumentParser(description=f"portfolio-v1 workload, {name}")
    parser.add_argument("--data", required=True, help="directory with invoices.csv, payments.csv")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    try:
        t0 = time.perf_counter()
        data = load(args.data)
        t1 = time.perf_counter()
        totals = compute(data)
        t2 = time.perf_counter()
    except InputError as e:
        print(f"{name}: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(as_json(totals, t1 - t0, t2 - t1)))
    else:
        print(block(name, totals, t1 - t0, t2 - t1))
    return 0
