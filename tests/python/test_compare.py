"""benchmarks/compare.py and relance-bench (benchmarks/relance_bench_main.cpp): relance's
portfolio kernel against the peers of benchmarks/peers/ on a small generated portfolio, a
mismatch reported as one, and relance-bench's own results on the hand-computed portfolio of
test_peers.py.

relance-bench is the one of the build under test: ctest passes its path in RELANCE_BENCH (the
tests skip without it, e.g. in a build without benchmarks).
"""

import importlib.util
import json
import os
import pathlib
import subprocess
import sys

import pytest

from test_peers import HAND_INVOICES, HAND_PAYMENTS, HAND_TOTALS, write_portfolio

ROOT = pathlib.Path(__file__).parents[2]
COMPARE = ROOT / "benchmarks" / "compare.py"
PANDAS_PEER = ROOT / "benchmarks" / "peers" / "pandas_peer.py"

_spec = importlib.util.spec_from_file_location("compare", COMPARE)
compare = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compare)


@pytest.fixture
def bench():
    path = os.environ.get("RELANCE_BENCH")
    if not path or not pathlib.Path(path).is_file():
        pytest.skip("RELANCE_BENCH (the relance-bench of this build) is not set")
    return path


@pytest.fixture
def generator():
    try:
        return compare.generator(None)
    except compare.Failure:
        pytest.skip("make_portfolio.py (../shared/bench/) is not beside the project")


def run(*args, timeout=600):
    """compare.py without the optional rows (the kernel from Python, Evaluate per customer):
    they need the release build, which these tests do not assume."""
    return subprocess.run([sys.executable, str(COMPARE), "--python", "", "--scale-bench", "",
                           *map(str, args)], capture_output=True, text=True, timeout=timeout)


def test_all_agree_on_a_generated_portfolio(tmp_path, bench, generator):
    data = tmp_path / "portfolio"
    out = run("--invoices", 2000, "--seed", 3, "--data", data, "--bench", bench,
              "--repeat", 2, "--generator", generator)
    assert out.returncode == 0, out.stderr
    assert (data / "invoices.csv").is_file()
    # relance with 1 and 2 threads, pandas, the Decimal loop.
    assert "All 4 agree: outstanding" in out.stdout
    assert "portfolio-v1: 2,000 invoices" in out.stdout
    for name in ("relance, 1 thread", "relance, 2 threads", "pandas", "decimal loop"):
        assert f"| {name} |" in out.stdout
    assert "| implementation | load |" in out.stdout


def test_a_differing_total_fails(tmp_path, bench, generator):
    # A peer that is pandas with one cent more interest.
    fake = tmp_path / "fake_peer.py"
    fake.write_text(
        "import json, subprocess, sys\n"
        f"out = subprocess.run([sys.executable, {str(PANDAS_PEER)!r}, *sys.argv[1:]],\n"
        "                     capture_output=True, text=True, check=True)\n"
        "result = json.loads(out.stdout)\n"
        "result['total_interest_cents'] += 1\n"
        "print(json.dumps(result))\n")
    out = run("--invoices", 500, "--data", tmp_path / "portfolio", "--bench", bench,
              "--repeat", 1, "--threads", 1, "--no-decimal", "--peer", f"fake={fake}",
              "--generator", generator)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "compare: total_interest_cents differs: relance, 1 thread" in out.stderr
    assert "fake" in out.stderr
    assert "total_outstanding_cents" not in out.stderr  # only what differs


def test_a_failing_implementation_exits_2(tmp_path, bench, generator):
    out = run("--invoices", 100, "--data", tmp_path / "portfolio", "--bench",
              tmp_path / "no-such-bench", "--no-decimal", "--generator", generator)
    assert out.returncode == 2
    assert "compare: relance, 1 thread: cannot run" in out.stderr


def bench_run(bench, *args):
    return subprocess.run([bench, "portfolio", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def test_bench_on_the_hand_portfolio(tmp_path, bench):
    data = write_portfolio(tmp_path, HAND_INVOICES, HAND_PAYMENTS)
    for threads in (1, 2):
        out = bench_run(bench, "--data", data, "--json", "--threads", threads, "--repeat", 2)
        assert out.returncode == 0, out.stderr
        got = json.loads(out.stdout)
        for key in ("total_outstanding_cents", "total_interest_cents",
                    "total_compensation_cents"):
            assert got[key] == HAND_TOTALS[key], key
        assert tuple(got["actions_per_level"]) == HAND_TOTALS["actions_per_level"]
        assert tuple(got["letters_per_level"]) == HAND_TOTALS["letters_per_level"]
        assert got["invoices"] == 8 and got["threads"] == threads
        assert got["load_s"] >= 0 and got["compute_s"] > 0
        assert got["compute_extra_bytes_per_invoice"] >= 0
    out = bench_run(bench, "--data", data)
    assert out.returncode == 0, out.stderr
    # The results block as benchmarks/peers/results.py prints it.
    assert "portfolio-v1, relance, 1 thread: 8 invoices\n" in out.stdout
    assert "total interest       16,085 c (EUR 160.85)\n" in out.stdout
    assert "actions per level    1 2 0 0 0 0 1\n" in out.stdout


def test_bench_bad_input_exits_2_with_the_readers_message(tmp_path, bench):
    out = bench_run(bench, "--data", tmp_path / "nowhere")
    assert out.returncode == 2
    assert f"relance-bench: {tmp_path / 'nowhere'}/invoices.csv: no such file" in out.stderr
    bad = list(HAND_INVOICES)
    bad[2] = ("C", "C2", "2025-11-05", "5OO.00", "60D", 0, 0)  # letter O for zero, line 4
    data = write_portfolio(tmp_path, bad, HAND_PAYMENTS)
    out = bench_run(bench, "--data", data)
    assert out.returncode == 2 and out.stdout == ""
    # C,C2,2025-11-05,EUR, is 20 characters: the amount starts at column 21.
    assert (f"{data}/invoices.csv:4:21: amount \"5OO.00\": expected 2 decimals (EUR), "
            "as 1234.56") in out.stderr
    out = bench_run(bench, "--data", data, "--threads", 0)
    assert out.returncode == 2
