#!/usr/bin/python3
"""The nightly job at scale: `relance import` and `relance run` over a ledger of N invoices of
the portfolio-v1 workload (BENCHMARK.md), timed from the outside as a user runs them.

    /usr/bin/python3 benchmarks/ledger_bench.py --relance build/release/relance
        [--invoices 1000000] [--seed 1] [--data DIR] [--db FILE] [--letters DIR] [--json]

- The data: DIR (default /tmp/relance-portfolio-N-sS) is generated with
  ../shared/bench/make_portfolio.py --invoices N --seed S unless it already holds invoices.csv
  and payments.csv.
- The steps, each a fresh process on a fresh ledger (FILE, default DIR/ledger.db, removed
  first): import invoices, import payments, run as of 2025-12-31 under
  benchmarks/portfolio_v1_policy.json, the same run again (it must plan nothing), and verify.
- With --letters DIR (removed first), the first run also writes its letters there, text and
  HTML, with examples/letterhead.json (`relance run --letters DIR --html`): its time includes
  rendering and writing them, and the letters written are counted.
- Printed: seconds and rows (or invoices) per second for each step, the actions planned, and
  the ledger's size on disk (the database file and its write-ahead log).

Only the standard library.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
GENERATOR_CANDIDATES = (ROOT.parent / "shared" / "bench" / "make_portfolio.py",
                        ROOT.parent.parent / "shared" / "bench" / "make_portfolio.py",
                        pathlib.Path("/work/shared/bench/make_portfolio.py"))
POLICY = ROOT / "benchmarks" / "portfolio_v1_policy.json"
LETTERHEAD = ROOT / "examples" / "letterhead.json"
AS_OF = "2025-12-31"


def generator():
    for candidate in GENERATOR_CANDIDATES:
        if candidate.exists():
            return candidate
    sys.exit("ledger_bench: make_portfolio.py not found beside the project (../shared/bench/)")


def lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f) - 1


def timed(command):
    start = time.perf_counter()
    completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        sys.exit(f"ledger_bench: {' '.join(map(str, command))} exited "
                 f"{completed.returncode}: {completed.stderr.strip()[:500]}")
    return seconds, completed.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relance", required=True, help="the relance executable (release)")
    parser.add_argument("--invoices", type=int, default=1000000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", help="folder of invoices.csv and payments.csv")
    parser.add_argument("--db", help="the ledger file to create (removed first)")
    parser.add_argument("--letters", help="folder the first run writes its letters to "
                        "(removed first)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()

    data = pathlib.Path(options.data or f"/tmp/relance-portfolio-{options.invoices}"
                        f"-s{options.seed}")
    if not (data / "invoices.csv").exists() or not (data / "payments.csv").exists():
        subprocess.run([sys.executable, str(generator()), "--invoices", str(options.invoices),
                        "--seed", str(options.seed), "--out", str(data)], check=True)
    db = pathlib.Path(options.db or data / "ledger.db")
    for suffix in ("", "-wal", "-shm"):
        pathlib.Path(str(db) + suffix).unlink(missing_ok=True)

    relance = options.relance
    invoices = lines(data / "invoices.csv")
    payments = lines(data / "payments.csv")
    env_db = ["--db", str(db)]
    figures = {"invoices": invoices, "payments": payments}
    letters = []
    if options.letters:
        shutil.rmtree(options.letters, ignore_errors=True)
        letters = ["--letters", options.letters, "--letterhead", str(LETTERHEAD), "--html"]
    steps = [
        ("import_invoices", [relance, "import", "invoices", str(data / "invoices.csv")] + env_db,
         invoices),
        ("import_payments", [relance, "import", "payments", str(data / "payments.csv")] + env_db,
         payments),
        ("run", [relance, "run", "--as-of", AS_OF, "--policy", str(POLICY), "--summary"]
         + letters + env_db, invoices),
        ("run_again", [relance, "run", "--as-of", AS_OF, "--policy", str(POLICY), "--summary"]
         + env_db, invoices),
        ("verify", [relance, "verify", "--json"] + env_db, invoices + payments),
    ]
    for name, command, rows in steps:
        seconds, out = timed(command)
        figures[name] = {"seconds": round(seconds, 2), "rows_per_second": round(rows / seconds)}
        if name.startswith("run"):
            # "  N actions planned, M already planned ..." (--summary)
            counts = [int(word) for word in out.split("\n")[1].split() if word.isdigit()]
            figures[name]["actions_planned"], figures[name]["already_planned"] = counts[:2]
        if name == "verify" and not json.loads(out)["ok"]:
            sys.exit("ledger_bench: the journal does not verify")
    if options.letters:
        figures["letters_written"] = sum(1 for name in os.listdir(options.letters)
                                         if name.endswith(".txt"))
    if figures["run_again"]["actions_planned"] != 0:
        sys.exit("ledger_bench: the second run planned actions again")
    size = sum(os.path.getsize(str(db) + suffix) for suffix in ("", "-wal")
               if os.path.exists(str(db) + suffix))
    figures["ledger_bytes"] = size
    figures["ledger_bytes_per_invoice"] = round(size / invoices)

    if options.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"ledger of {invoices} invoices and {payments} payments ({data})")
    print("| step | seconds | per second |")
    print("|---|---|---|")
    for name, _, _ in steps:
        step = figures[name]
        extra = ""
        if "actions_planned" in step:
            extra = f" ({step['actions_planned']} actions planned)"
        print(f"| {name.replace('_', ' ')}{extra} | {step['seconds']} | "
              f"{step['rows_per_second']:,} |")
    if options.letters:
        print(f"letters written by the first run: {figures['letters_written']} "
              f"(text and HTML, in {options.letters})")
    print(f"ledger size: {size / 1e6:.0f} MB ({figures['ledger_bytes_per_invoice']} bytes "
          f"per invoice)")


if __name__ == "__main__":
    main()
