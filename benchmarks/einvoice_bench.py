#!/usr/bin/python3
"""E-invoices in at volume: `relance import einvoice` and `relance import statuses` over N
e-invoices, timed from the outside as a user runs them.

    /usr/bin/python3 benchmarks/einvoice_bench.py --relance build/release/relance
        [--invoices 10000] [--dir DIR] [--json]

- The files: N copies of examples/einvoices/FX-2026-0001.xml (CII, EN 16931, 1440.00 EUR
  with VAT) and of FX-2026-0002.xml (UBL), alternately, each with its own invoice number
  (BT-1, and BT-83 in the CII) and buyer (BT-46: 100 customers), written to DIR (default
  /tmp/relance-einvoices-N, rewritten); then one CDAR message per invoice: a 212
  "Encaissée" of 600.00 EUR (the example's) for every CII invoice, a 207 "En litige" of
  348.00 EUR for every UBL one.
- The steps, each a fresh process on a fresh ledger: import the N invoices (one command,
  one transaction), import them again (nothing new), import the N statuses, a dunning run
  as of 2026-03-31 under examples/policies/standard_fr.json, and `relance einvoice show
  --json` of one file (the cost of one process reading one file).
- Printed: seconds and files per second for each step.

Only the standard library.
"""

import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "einvoices"
POLICY = ROOT / "examples" / "policies" / "standard_fr.json"


def timed(command):
    start = time.perf_counter()
    completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        sys.exit(f"einvoice_bench: {' '.join(map(str, command[:4]))} ... exited "
                 f"{completed.returncode}: {completed.stderr.strip()[:500]}")
    return seconds, completed.stdout


def write_files(directory: pathlib.Path, count: int):
    """The N invoices and N status messages; returns their paths."""
    cii = (EXAMPLES / "FX-2026-0001.xml").read_text(encoding="utf-8")
    ubl = (EXAMPLES / "FX-2026-0002.xml").read_text(encoding="utf-8")
    cashed = (EXAMPLES / "statuses" / "FX-2026-0001_212_encaissee.xml").read_text(
        encoding="utf-8")
    disputed = (EXAMPLES / "statuses" / "FX-2026-0002_207_en-litige.xml").read_text(
        encoding="utf-8")
    shutil.rmtree(directory, ignore_errors=True)
    (directory / "invoices").mkdir(parents=True)
    (directory / "statuses").mkdir()
    invoices, statuses = [], []
    for i in range(count):
        number = f"BX-{i:07d}"
        customer = f"C-{1001 + i % 100}"
        if i % 2 == 0:
            template, source, status, old_number, old_customer = (
                cii, "FX-2026-0001", cashed, "FX-2026-0001", "C-1001")
        else:
            template, source, status, old_number, old_customer = (
                ubl, "FX-2026-0002", disputed, "FX-2026-0002", "C-1003")
        text = template.replace(old_number, number).replace(
            f">{old_customer}<", f">{customer}<")
        path = directory / "invoices" / f"{number}.xml"
        path.write_text(text, encoding="utf-8")
        invoices.append(path)
        message = status.replace(source, number)
        status_path = directory / "statuses" / f"{number}.xml"
        status_path.write_text(message, encoding="utf-8")
        statuses.append(status_path)
    return invoices, statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relance", required=True, type=pathlib.Path)
    parser.add_argument("--invoices", type=int, default=10000)
    parser.add_argument("--dir", type=pathlib.Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    directory = args.dir or pathlib.Path(f"/tmp/relance-einvoices-{args.invoices}")
    invoices, statuses = write_files(directory, args.invoices)
    db = directory / "ledger.db"
    relance = str(args.relance)
    results = {}

    def step(name, command, files):
        seconds, _ = timed(command)
        results[name] = {"seconds": round(seconds, 2), "files": files,
                         "files_per_second": round(files / seconds) if seconds else None}

    step("import einvoice", [relance, "import", "einvoice", *map(str, invoices),
                             "--db", str(db), "--json"], len(invoices))
    step("import einvoice again", [relance, "import", "einvoice", *map(str, invoices),
                                   "--db", str(db), "--json"], len(invoices))
    step("import statuses", [relance, "import", "statuses", *map(str, statuses),
                             "--db", str(db), "--json"], len(statuses))
    step("run", [relance, "run", "--as-of", "2026-03-31", "--policy", str(POLICY),
                 "--db", str(db), "--summary"], len(invoices))
    step("einvoice show (one file)", [relance, "einvoice", "show", str(invoices[0]),
                                      "--json"], 1)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{args.invoices} e-invoices ({directory})")
    for name, result in results.items():
        print(f"  {name:26} {result['seconds']:8.2f} s  {result['files_per_second']:>8} files/s")


if __name__ == "__main__":
    main()
