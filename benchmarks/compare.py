#!/usr/bin/python3
"""Runs every implementation of the portfolio-v1 workload (BENCHMARK.md) on the same generated
data in one run, checks that all their totals agree to the cent, and prints a markdown table of
their load and compute times.

    /usr/bin/python3 benchmarks/compare.py [--invoices N] [--seed S] [--data DIR]
        [--bench PATH] [--threads 1,2] [--repeat K] [--no-decimal] [--peer NAME=SCRIPT]...

- The data: DIR (default /tmp/relance-portfolio-N-sS) is generated with
  ../shared/bench/make_portfolio.py --invoices N --seed S unless it already holds invoices.csv
  and payments.csv (then it is reused as it is: pass --data for an existing one).
- The implementations, each with --json: relance-bench portfolio (the C++ kernel, once per
  thread count of --threads, best of --repeat compute runs), benchmarks/peers/pandas_peer.py,
  benchmarks/peers/decimal_peer.py (unless --no-decimal: about 25 s on 1,000,000 invoices) and
  any --peer NAME=SCRIPT, a script with the peers' command line (results.py).
- The check: total_outstanding_cents, total_interest_cents, total_compensation_cents,
  actions_per_level and letters_per_level must be equal everywhere. Otherwise the differing
  totals are named on stderr and the exit code is 1 (2 when an implementation fails).

Only the standard library; the peers need pandas (Debian's python3-pandas).
"""

import argparse
import json
import os
import pathlib
import platform
import subprocess
import tempfile
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
PEERS = ROOT / "benchmarks" / "peers"
GENERATOR_CANDIDATES = (ROOT.parent / "shared" / "bench" / "make_portfolio.py",
                        ROOT.parent.parent / "shared" / "bench" / "make_portfolio.py",
                        pathlib.Path("/work/shared/bench/make_portfolio.py"))
TOTALS = ("total_outstanding_cents", "total_interest_cents", "total_compensation_cents",
          "actions_per_level", "letters_per_level")


class Failure(Exception):
    """An implementation that did not run or did not print its JSON object."""


def generator(path):
    if path:
        return pathlib.Path(path)
    for candidate in GENERATOR_CANDIDATES:
        if candidate.is_file():
            return candidate
    raise Failure("make_portfolio.py not found next to the project (give --generator)")


def ensure_data(args):
    data = pathlib.Path(args.data or f"/tmp/relance-portfolio-{args.invoices}-s{args.seed}")
    if (data / "invoices.csv").is_file() and (data / "payments.csv").is_file():
        return data, False
    start = time.perf_counter()
    subprocess.run([sys.executable, str(generator(args.generator)), "--invoices",
                    str(args.invoices), "--seed", str(args.seed), "--out", str(data)], check=True)
    print(f"generated {data} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return data, True


def evaluate_per_customer(scale_bench, data, timeout):
    """Seconds for Evaluate over every customer's case (BM_EvaluatePortfolio, the best of three
    repetitions); None when dunning_scale_bench is not built."""
    if not scale_bench or not pathlib.Path(scale_bench).is_file():
        return None
    print("running Evaluate per customer ...", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        out = pathlib.Path(scratch) / "evaluate.json"
        command = [scale_bench, "--benchmark_filter=BM_EvaluatePortfolio$",
                   "--benchmark_repetitions=3", f"--benchmark_out={out}",
                   "--benchmark_out_format=json"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  env=dict(os.environ, RELANCE_PORTFOLIO_DIR=str(data)))
            report = json.loads(out.read_text())
        except (subprocess.TimeoutExpired, OSError, ValueError) as e:
            raise Failure(f"Evaluate per customer: {e}") from None
    times = [b["real_time"] / 1000 for b in report.get("benchmarks", [])
             if b.get("run_type") == "iteration" and not b.get("error_occurred")]
    if not times:
        raise Failure(f"Evaluate per customer: no result: {done.stderr.strip()[:300]}")
    return min(times)


def run_json(name, command, timeout, env=None):
    """Runs `command`, returns its JSON object; Failure with its stderr otherwise."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              env=env)
    except subprocess.TimeoutExpired:
        raise Failure(f"{name}: no result after {timeout} s") from None
    except OSError as e:
        raise Failure(f"{name}: cannot run {command[0]}: {e}") from None
    if done.returncode != 0:
        raise Failure(f"{name}: exit code {done.returncode}: {done.stderr.strip()}")
    try:
        result = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise Failure(f"{name}: not one JSON object on stdout: {done.stdout[:200]!r}") from None
    missing = [k for k in TOTALS + ("load_s", "compute_s") if k not in result]
    if missing:
        raise Failure(f"{name}: no {', '.join(missing)} in its JSON")
    return result


def count_invoices(data):
    with open(data / "invoices.csv", "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1


def disagreements(results):
    """[(total, {name: value})] for every total on which the implementations differ."""
    out = []
    for key in TOTALS:
        values = {name: r[key] for name, r in results.items()}
        if len({json.dumps(v) for v in values.values()}) > 1:
            out.append((key, values))
    return out


def rate(n, seconds):
    return f"{n / seconds / 1e6:,.2f} M/s" if seconds > 0 else "-"


def ratio(reference, seconds):
    if not (seconds > 0 and reference):
        return "-"
    r = reference / seconds
    return f"{r:,.1f}x" if r >= 1 else f"{r:.2f}x"


def table(results, invoices):
    """The markdown table: times, rates and the speed-up over pandas (pandas time / time)."""
    pandas = results.get("pandas", {})
    rows = ["| implementation | load | load rate | compute | compute rate | load vs pandas | "
            "compute vs pandas | extra heap |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        extra = r.get("compute_extra_bytes_per_invoice")
        rows.append("| " + " | ".join([
            name, f"{r['load_s']:.3f} s", rate(invoices, r["load_s"]), f"{r['compute_s']:.4f} s",
            rate(invoices, r["compute_s"]), ratio(pandas.get("load_s"), r["load_s"]),
            ratio(pandas.get("compute_s"), r["compute_s"]),
            f"{extra:.1f} B/invoice" if extra is not None else "-"]) + " |")
    return "\n".join(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--invoices", type=int, default=1_000_000, metavar="N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", help="portfolio directory (generated there if missing)")
    parser.add_argument("--generator", help="make_portfolio.py (default: ../shared/bench/)")
    parser.add_argument("--bench", default=str(ROOT / "build" / "release" / "benchmarks" /
                                               "relance-bench"),
                        help="relance-bench (default: the release build's)")
    parser.add_argument("--threads", default="1,2", help="relance thread counts (default 1,2)")
    parser.add_argument("--repeat", type=int, default=5,
                        help="relance compute runs, the best is kept (default 5)")
    parser.add_argument("--no-decimal", action="store_true", help="skip the Decimal loop")
    parser.add_argument("--python", default=str(ROOT / "build" / "release" / "bindings" /
                                                 "python"),
                        help="relance's Python package directory: adds the batch call through "
                        "the bindings (peers/relance_python_peer.py) when it holds relance; "
                        "'' for none")
    parser.add_argument("--scale-bench", default=str(ROOT / "build" / "release" / "benchmarks" /
                                                      "dunning_scale_bench"),
                        help="dunning_scale_bench: adds Evaluate per customer (the scalar "
                        "path) when it exists; '' for none")
    parser.add_argument("--peer", action="append", default=[], metavar="NAME=SCRIPT",
                        help="another implementation with the peers' command line")
    parser.add_argument("--timeout", type=float, default=900, help="per run, seconds")
    args = parser.parse_args(argv)
    if args.invoices < 1:
        parser.error("--invoices must be at least 1")

    try:
        data, _ = ensure_data(args)
        invoices = count_invoices(data)
        runs = []
        for threads in [int(t) for t in args.threads.split(",") if t]:
            runs.append((f"relance, {threads} thread{'s' if threads > 1 else ''}",
                         [args.bench, "portfolio", "--data", str(data), "--threads",
                          str(threads), "--repeat", str(args.repeat), "--json"]))
        peers = [("pandas", PEERS / "pandas_peer.py")]
        if not args.no_decimal:
            peers.append(("decimal loop", PEERS / "decimal_peer.py"))
        for spec in args.peer:
            name, _, script = spec.partition("=")
            if not name or not script:
                parser.error(f"--peer {spec!r}: expected NAME=SCRIPT")
            peers.append((name, pathlib.Path(script)))
        for name, script in peers:
            runs.append((name, [sys.executable, str(script), "--data", str(data), "--json"]))
        python = pathlib.Path(args.python) if args.python else None
        if python is not None and (python / "relance" / "__init__.py").is_file():
            env = dict(os.environ, PYTHONPATH=str(python))
            runs.append(("relance via Python (pandas load)", [sys.executable,
                                                str(PEERS / "relance_python_peer.py"),
                                                "--data", str(data), "--json"], env))
        results = {}
        for name, command, *env in runs:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            results[name] = run_json(name, command, args.timeout, *env)
        evaluate = evaluate_per_customer(args.scale_bench, data, args.timeout)
    except (Failure, subprocess.CalledProcessError) as e:
        print(f"compare: {e}", file=sys.stderr)
        return 2

    first = next(iter(results.values()))
    print(f"portfolio-v1: {invoices:,} invoices ({data}), {platform.node()}, "
          f"{os.cpu_count()} CPUs")
    print()
    print(table(results, invoices))
    print()
    one_thread = results.get("relance, 1 thread")
    for name, r in results.items():
        if name.startswith("relance, ") and r is not one_thread and one_thread:
            print(f"{name}: compute {ratio(one_thread['compute_s'], r['compute_s'])} one "
                  "thread's speed")
    if evaluate is not None and one_thread:
        print(f"Evaluate per customer (the scalar path, each customer's case compiled in the "
              f"call, dunning_scale_bench): {evaluate:.3f} s, "
              f"{invoices / evaluate / 1e6:.2f} M invoices/s; the kernel on one thread is "
              f"{ratio(evaluate, one_thread['compute_s'])} faster")
    differ = disagreements(results)
    if differ:
        for key, values in differ:
            shown = ", ".join(f"{name} {json.dumps(v)}" for name, v in values.items())
            print(f"compare: {key} differs: {shown}", file=sys.stderr)
        return 1
    print(f"All {len(results)} agree: outstanding {first['total_outstanding_cents']:,} c, "
          f"interest {first['total_interest_cents']:,} c, compensation "
          f"{first['total_compensation_cents']:,} c, actions per level "
          f"{' '.join(map(str, first['actions_per_level']))}, letters per level "
          f"{' '.join(map(str, first['letters_per_level']))}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
