"""The portfolio-v1 peers of benchmarks/peers/ (the pandas implementation and the Decimal loop)
against a portfolio computed by hand, and against each other on a seeded random portfolio.

The rules cited ("step N") are those of the workload, BENCHMARK.md: as-of 2025-12-31; interest
= sum over days due < d <= as-of of balance(d) x rate(d) / 365, balance(d) = amount - payments
dated before d, rates 14.50 % (2024 H1), 14.25 % (2024 H2), 13.15 % (2025 H1), 12.15 % (2025
H2), rounded once per invoice half away from zero; EUR 40.00 compensation; dunning offsets -5,
+1, +8, +15, +21, +45, +90, none when disputed or below EUR 15.00 outstanding, at most one level
per run, courtesy (level 1) passed over once overdue.
In cents x basis points, interest = sum(balance_c x rate_bp x days) / 3,650,000.
"""

import datetime as dt
import json
import pathlib
import random
import subprocess
import sys

import pytest

PEERS_DIR = pathlib.Path(__file__).parents[2] / "benchmarks" / "peers"
sys.path.insert(0, str(PEERS_DIR))

import decimal_peer  # noqa: E402
import results  # noqa: E402

INVOICES_HEADER = "invoice_id,customer_id,issue_date,currency,amount,terms,disputed,last_level_sent"
PAYMENTS_HEADER = "invoice_id,payment_date,amount"

# invoice_id, customer, issue, amount, terms, disputed, last_level_sent
HAND_INVOICES = [
    # A: 0D, due 2025-12-01 (step 1). Unpaid: outstanding 10,000 c. Interest Dec 2..31 = 30 days
    # at 12.15 %: 10,000 x 1215 x 30 = 364,500,000 / 3,650,000 = 99.86 -> 100 c. Overdue and
    # outstanding: compensation. as-of - due = 30: offsets -5, 1, 8, 15, 21 -> target 5 > 0,
    # action 1, but overdue: courtesy passed over -> action 2.
    ("A", "C1", "2025-12-01", "100.00", "0D", 0, 0),
    # B: 30D, due 2025-12-15; 10.00 paid 2025-11-20, before due: outstanding 1,000 c < 1,500 ->
    # no dunning (step 5). Interest on 1,000 c for Dec 16..31 = 16 days: 1,000 x 1215 x 16 =
    # 19,440,000 / 3,650,000 = 5.33 -> 5 c. Overdue and outstanding: compensation.
    ("B", "C1", "2025-11-15", "20.00", "30D", 0, 0),
    # C: 60D, 2025-11-05 + 60 days = 2026-01-04, not due: no interest, no compensation.
    # as-of - due = -4: only offset -5 -> target 1, action 1 (courtesy, not overdue).
    ("C", "C2", "2025-11-05", "500.00", "60D", 0, 0),
    # D: 30D+CM, 2025-11-15 + 30 = 2025-12-15, to month end -> due 2025-12-31 = as-of: not
    # overdue (due < as-of is false), no interest day, no compensation. Target 1 (offset -5),
    # not above last_level_sent 1 -> no action.
    ("D", "C2", "2025-11-15", "80.00", "30D+CM", 0, 1),
    # E: CM+45D, 2024-05-10 to month end 2024-05-31, + 45 -> due 2024-07-15. Disputed: no
    # dunning, but interest and compensation still apply (steps 3, 4). 400.00 paid 2025-01-10,
    # after due, bears interest on its own day; the balance crosses the 2025-01-01 rate change:
    #   2024-07-16..2024-12-31 169 days, 100,000 c at 1425: 24,082,500,000
    #   2025-01-01..2025-01-10  10 days, 100,000 c at 1315:  1,315,000,000
    #   2025-01-11..2025-06-30 171 days,  60,000 c at 1315: 13,491,900,000
    #   2025-07-01..2025-12-31 184 days,  60,000 c at 1215: 13,413,600,000
    #   sum 52,303,000,000 / 3,650,000 = 14,329.59 -> 14,330 c. Outstanding 60,000 c.
    ("E", "C3", "2024-05-10", "1000.00", "CM+45D", 1, 0),
    # F: 0D, due 2025-12-30; one interest day (Dec 31) on 1,095,000 c: 1,095,000 x 1215 =
    # 1,330,425,000 / 3,650,000 = 364.5 exactly -> 365 c (half away from zero; half-even would
    # give 364). Compensation.
    # as-of - due = 1: offsets -5, 1 -> target 2, action 1 -> overdue -> 2.
    ("F", "C1", "2025-12-30", "10950.00", "0D", 0, 0),
    # G: 30D, due 2024-01-31; paid in full 2024-03-01 (after due): outstanding 0, compensation
    # for the late payment. Interest Feb 1..Mar 1 2024 (leap year: 29 + 1 = 30 days) on 5,000 c
    # at 1450: 217,500,000 / 3,650,000 = 59.59 -> 60 c. Outstanding 0 < 1,500: no dunning.
    ("G", "C3", "2024-01-01", "50.00", "30D", 0, 0),
    # H: 0D, due 2025-06-30; paid 2026-01-05, after as-of: ignored (outstanding 20,000 c).
    # Interest 2025-07-01..12-31 = 184 days at 1215: 20,000 x 1215 x 184 = 4,471,200,000 /
    # 3,650,000 = 1,224.99 -> 1,225 c. Compensation. as-of - due = 184 -> target 7 > 6: action 7.
    ("H", "C4", "2025-06-30", "200.00", "0D", 0, 6),
]
HAND_PAYMENTS = [("B", "2025-11-20", "10.00"), ("E", "2025-01-10", "400.00"),
                 ("G", "2024-03-01", "50.00"), ("H", "2026-01-05", "200.00")]
HAND_TOTALS = dict(
    invoices=8,
    # A 10,000 + B 1,000 + C 50,000 + D 8,000 + E 60,000 + F 1,095,000 + G 0 + H 20,000
    total_outstanding_cents=1_244_000,
    # A 100 + B 5 + E 14,330 + F 365 + G 60 + H 1,225
    total_interest_cents=16_085,
    # A, B, E, F, G, H: 6 x 4,000
    total_compensation_cents=24_000,
    # C level 1; A and F level 2; H level 7
    actions_per_level=(1, 2, 0, 0, 0, 0, 1),
    # C1 (A, B, F) letter 2; C2 (C, D) letter 1; C3 (E, G) none; C4 (H) letter 7
    letters_per_level=(1, 1, 0, 0, 0, 0, 1),
)


def write_portfolio(directory, invoices, payments):
    (directory / "invoices.csv").write_text("\n".join(
        [INVOICES_HEADER] + [f"{i},{c},{d},EUR,{a},{t},{dis},{last}"
                             for i, c, d, a, t, dis, last in invoices]) + "\n")
    (directory / "payments.csv").write_text("\n".join(
        [PAYMENTS_HEADER] + [",".join(p) for p in payments]) + "\n")
    return directory


def random_portfolio(rng, n):
    """A portfolio shaped like the generator's (all five terms, 0-2 payments, some late, some
    after as-of, disputed, earlier levels), small enough for a unit test."""
    first, last = dt.date(2024, 1, 1).toordinal(), dt.date(2025, 12, 15).toordinal()
    invoices, payments = [], []
    for k in range(n):
        inv = f"I{k:05d}"
        issue = dt.date.fromordinal(rng.randint(first, last))
        amount = rng.choice([rng.randint(1_000, 5_000_000), 100 * rng.randint(10, 20_000)])
        invoices.append((inv, f"C{rng.randint(0, n // 5):04d}", issue.isoformat(),
                         "%d.%02d" % divmod(amount, 100),
                         rng.choice(["0D", "30D", "60D", "30D+CM", "CM+45D"]),
                         int(rng.random() < 0.1), rng.choice([0, 0, 0, 1, 2, 3, 4, 5, 6, 7])))
        left = amount
        for _ in range(rng.choice([0, 0, 1, 2])):
            if left <= 0:
                break
            paid = rng.choice([left, rng.randint(1, left)])
            day = dt.date.fromordinal(issue.toordinal() + rng.randint(0, 400))
            payments.append((inv, day.isoformat(), "%d.%02d" % divmod(paid, 100)))
            left -= paid
    rng.shuffle(payments)  # the peers group payments per invoice themselves
    return invoices, payments


def peers():
    """Both peers; skips only when pandas itself is missing (CI installs python3-pandas)."""
    pytest.importorskip("pandas")
    import pandas_peer
    return [decimal_peer, pandas_peer]


@pytest.mark.parametrize("name", ["decimal_peer", "pandas_peer"])
def test_hand_portfolio(tmp_path, name):
    peer = decimal_peer if name == "decimal_peer" else peers()[1]
    data = write_portfolio(tmp_path, HAND_INVOICES, HAND_PAYMENTS)
    assert peer.compute(peer.load(data)) == results.Totals(**HAND_TOTALS)


def test_peers_agree_on_a_random_portfolio(tmp_path):
    invoices, payments = random_portfolio(random.Random(11), 2_000)
    data = write_portfolio(tmp_path, invoices, payments)
    totals = [peer.compute(peer.load(data)) for peer in peers()]
    assert totals[0] == totals[1]
    assert totals[0].total_interest_cents > 0 and sum(totals[0].letters_per_level) > 0


def run_peer(script, *args):
    return subprocess.run([sys.executable, str(PEERS_DIR / script), *map(str, args)],
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name", ["decimal_peer", "pandas_peer"])
def test_command_line(tmp_path, capsys, name):
    peer = decimal_peer if name == "decimal_peer" else peers()[1]
    data = write_portfolio(tmp_path, HAND_INVOICES, HAND_PAYMENTS)
    out = run_peer(f"{name}.py", "--data", data, "--json")  # the script itself, once
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert list(got) == list(results.JSON_KEYS)
    assert got["total_interest_cents"] == 16_085
    assert got["actions_per_level"] == [1, 2, 0, 0, 0, 0, 1]
    assert got["load_s"] >= 0 and got["compute_s"] >= 0

    def main(directory):
        code = results.run(name, peer.load, peer.compute, ["--data", str(directory)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, text, _ = main(data)
    assert code == 0 and "total interest       16,085 c (EUR 160.85)" in text

    code, text, err = main(tmp_path / "nowhere")
    assert code == 2 and text == "" and "invoices.csv: no such file" in err

    bad = list(HAND_INVOICES)
    bad[2] = ("C", "C2", "2025-11-05", "5OO.00", "60D", 0, 0)  # letter O for zero, line 4
    write_portfolio(tmp_path, bad, HAND_PAYMENTS)
    code, text, err = main(data)
    assert code == 2 and text == "" and "invoices.csv:4: amount '5OO.00'" in err

    bad = list(HAND_INVOICES)
    bad[1] = ("B", "C1", "2025-11-15", "20.00", "30J", 0, 0)  # not a terms formula, line 3
    write_portfolio(tmp_path, bad, HAND_PAYMENTS)
    code, _, err = main(data)
    assert code == 2 and "invoices.csv:3: terms '30J'" in err

    write_portfolio(tmp_path, HAND_INVOICES, HAND_PAYMENTS)
    with open(data / "invoices.csv", "a") as f:
        f.write("X,C9,2025-01-01,EUR,1.00,0D,0,0,9\n")  # a ninth field, line 10
    code, _, err = main(data)
    assert code == 2 and "invoices.csv:10:" in err

    write_portfolio(tmp_path, HAND_INVOICES, HAND_PAYMENTS + [("B", "2025-02-30", "1.00")])
    code, _, err = main(data)  # line 6: no 30 February
    assert code == 2 and "payments.csv:6:" in err and "'2025-02-30'" in err

    write_portfolio(tmp_path, HAND_INVOICES, HAND_PAYMENTS + [("Z", "2025-01-01", "1.00")])
    code, _, err = main(data)
    assert code == 2 and "payments.csv:6:" in err and "'Z'" in err
